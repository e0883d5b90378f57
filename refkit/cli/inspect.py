"""``refkit inspect``: what kind of file each one is, and what was read from it."""

from __future__ import annotations

import argparse
import warnings

from refkit._errors import RefkitError
from refkit._text import plural, scrub_emails


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("inspect", help="say what each file is and what was read from it",
                            description="Detect each file's kind and format and read it.")
    parser.add_argument("paths", metavar="PATH", nargs="+",
                        help="files, LinkedIn archives (.zip or folder), folders of your files, or workspaces")
    parser.set_defaults(func=run)


def _shown(warning: str) -> str:
    """A warning as printed: one line, no e-mail address (control characters are escaped by main)."""
    return scrub_emails(" ".join(str(warning).split()))


#: The kinds of file whose rows are people a network is built of (the build may skip some).
_PEOPLE_KINDS = frozenset({"connections", "mutuals", "search_export"})


def _describe(result) -> list[str]:
    """What was read from one file, as lines: rows, rows skipped, warnings (read and build)."""
    from refkit.build import _rows_skipped

    lines = [f"  {result.kind.replace('_', ' ')} ({result.era}): {plural(len(result.frame), 'row')} read"]
    later = _rows_skipped(result) if result.kind in _PEOPLE_KINDS and len(result.frame) else []
    if result.skipped:
        reasons: dict[str, int] = {}
        for _, reason in result.skipped:
            reasons[reason] = reasons.get(reason, 0) + 1
        detail = "; ".join(f"{n} {r}" for r, n in reasons.items())
        lines.append(f"  skipped {len(result.skipped)}: {detail}")
    if later:
        lines.append(f"  skipped when the network is built: {len(later)} (no profile URL and a name with "
                     "no letters)")
    if result.warnings or later:
        lines.append(f"  warnings: {len(result.warnings) + len(later)}")
    lines += [f"    warning: {_shown(warning)}" for warning in [*result.warnings, *later]]
    return lines


def _expand(path: str) -> list[tuple[str, str]]:
    """(path, what it is for) of each file to inspect for one PATH given.

    A workspace stands for every file its refkit.toml names; a folder of the
    user's files (not one LinkedIn archive) for each file in it.
    """
    from refkit.cli._common import is_plain_folder
    from refkit.workspace import OUTSIDE, is_workspace, load_workspace, scan_files

    if is_workspace(path):
        ws = load_workspace(path, allow_guesses=True)
        print(f"{path}: workspace ({ws.config.name})")
        named = [(ws.export, "your export"), *((s.file, f"shared by {s.owner}") for s in ws.shared),
                 *((m, "mutual connections") for m in ws.mutuals), *((e, "edge list") for e in ws.edges),
                 *([(ws.tags, "your tags")] if ws.tags else [])]
        return [(str(file), role) for file, role in named]
    if is_plain_folder(path):
        print(f"{path}: a folder of your files (make it a workspace with: refkit init DIR --from {path})")
        found = scan_files(path)
        for file, kind in found:
            if kind == OUTSIDE:
                print(f"{file}: a link out of this folder; not followed")
        return [(str(file), "") for file, kind in found if kind != OUTSIDE]
    return [(path, "")]


def run(args: argparse.Namespace) -> int:
    from refkit.read import Archive, read_any

    failed = []
    items = [item for path in args.paths for item in _expand(path)]
    for path, role in items:
        print(f"{path} ({role})" if role else path)
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                result = read_any(path)
        except RefkitError as err:
            failed.append(err)
            if len(items) > 1:  # a single file's error is the command's one error line
                print(f"  not usable: {' '.join(str(err).split())}")
            continue
        if isinstance(result, Archive):
            print(f"  LinkedIn archive ({result.path})")
            for note in result.notes:  # side files left out, a second Connections.csv ...
                print(f"  warning: {_shown(note)}")
            for name in ("connections", "messages", "invitations", "positions", "profile",
                         "recommendations_received", "recommendations_given", "endorsements",
                         "applications", "saved_jobs", "company_follows"):
                part = getattr(result, name)
                if part is not None:
                    print(f"  {name.replace('_', ' ')}:")
                    print("\n".join("  " + line for line in _describe(part)))
        else:
            print("\n".join(_describe(result)))
    if failed:
        if len(items) == 1:
            raise failed[0]
        raise RefkitError(f"{len(failed)} of {len(items)} files could not be used (each says why above)")
    return 0
