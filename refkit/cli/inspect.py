"""``refkit inspect``: what kind of file each one is, and what was read from it."""

from __future__ import annotations

import argparse
import warnings

from refkit._errors import RefkitError
from refkit._text import scrub_emails


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("inspect", help="say what each file is and what was read from it",
                            description="Detect each file's kind and format and read it.")
    parser.add_argument("paths", metavar="PATH", nargs="+")
    parser.set_defaults(func=run)


def _shown(warning: str) -> str:
    """A warning as printed: one line, no e-mail address (control characters are escaped by main)."""
    return scrub_emails(" ".join(str(warning).split()))


def _describe(result) -> list[str]:
    lines = [f"  {result.kind} ({result.era}): {len(result.frame)} rows read"]
    if result.skipped:
        reasons: dict[str, int] = {}
        for _, reason in result.skipped:
            reasons[reason] = reasons.get(reason, 0) + 1
        detail = "; ".join(f"{n} {r}" for r, n in reasons.items())
        lines.append(f"  skipped {len(result.skipped)}: {detail}")
    if result.warnings:
        lines.append(f"  warnings: {len(result.warnings)}")
    return lines


def run(args: argparse.Namespace) -> int:
    from refkit.read import Archive, read_any

    failed = []
    for path in args.paths:
        print(path)
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                result = read_any(path)
        except RefkitError as err:
            failed.append(err)
            print(f"  not usable: {' '.join(str(err).split())}")
            continue
        if isinstance(result, Archive):
            print(f"  LinkedIn archive ({result.path})")
            for note in result.notes:  # side files left out, a second Connections.csv ...
                print(f"  warning: {_shown(note)}")
            for name in ("connections", "messages", "invitations", "positions", "profile"):
                part = getattr(result, name)
                if part is not None:
                    print(f"  {name}:")
                    print("\n".join("  " + line for line in _describe(part)))
                    for warning in part.warnings:
                        print(f"    warning: {_shown(warning)}")
        else:
            print("\n".join(_describe(result)))
            for warning in result.warnings:
                print(f"    warning: {_shown(warning)}")
    if failed:
        if len(failed) == 1:
            raise failed[0]
        raise RefkitError(f"{len(failed)} of {len(args.paths)} files could not be used; first: {failed[0]}")
    return 0
