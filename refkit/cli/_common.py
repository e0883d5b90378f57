"""Arguments shared by the commands that build a network (rank, graph, report).

EXPORT may be a workspace (a folder holding ``refkit.toml``): every option
the command line leaves out is then taken from the file, flags override it
(a list flag such as ``--company`` replaces the file's list), and the output
goes to the workspace's ``out/`` unless ``-o`` says otherwise. See
:func:`settle`.
"""

from __future__ import annotations

import argparse
import warnings
from pathlib import Path
from typing import Any

import pandas as pd

from refkit._errors import FileFormatError, OptionError, RefkitWarning
from refkit._limits import NOTE_LENGTH
from refkit.build import Network, build_network
from refkit.rank import DEFAULT_MIN_MUTUAL

DEFAULT_NOTE_LIMIT = 200  # LinkedIn's limit for invitation notes on free accounts


def add_network_args(parser: argparse.ArgumentParser, *, targets: bool = True) -> None:
    """Add the inputs of ``refkit rank`` to ``parser`` (their defaults are set by :func:`settle`);
    ``targets=False``: not the target companies and keywords (a command that does not rank by them)."""
    parser.add_argument("export", metavar="EXPORT",
                        help="a workspace folder (with refkit.toml), or your Connections.csv, "
                             "the LinkedIn archive .zip or its folder")
    parser.add_argument("--shared", metavar="OWNER=FILE", action="append",
                        help="someone else's Connections.csv; OWNER is their name or profile URL")
    parser.add_argument("--shared-manifest", metavar="FILE", action="append",
                        help="an owners.csv (file,owner_name,owner_url) listing shared exports")
    parser.add_argument("--mutuals", metavar="FILE", action="append",
                        help="a mutual-connections capture or search export")
    parser.add_argument("--edges", metavar="FILE", action="append",
                        help="an edge list with source,target columns")
    parser.add_argument("--me", metavar="NAME_OR_URL", help="your name or profile URL")
    parser.add_argument("--tags", metavar="FILE", help="your tags for connections (Name,URL,Tags)")
    parser.add_argument("--min-mutual", metavar="N", type=MIN_MUTUAL_ARG,
                        help=f"minimum mutual connections (default {DEFAULT_MIN_MUTUAL})")
    if targets:
        parser.add_argument("--company", metavar="NAME", action="append",
                            help="a target company (repeatable)")
        parser.add_argument("--keyword", metavar="WORD", action="append",
                            help="a word to look for in positions (repeatable)")
        parser.add_argument("--no-job-targets", dest="job_targets", action="store_false", default=None,
                            help="do not take the companies of the jobs you applied for or saved as "
                                 "target companies (workspace: job_targets = false)")
        parser.add_argument("--only-matching", action="store_true",
                            help="keep only people at a target company or matching a keyword")
    parser.add_argument("--pseudonymize", metavar="KEY",
                        help="replace names, companies and URLs by stand-ins derived from KEY "
                             "(same KEY, same stand-ins); e-mails dropped")


def add_output_arg(parser: argparse.ArgumentParser, metavar: str, help: str) -> None:
    """Add ``-o``: required for an export, optional for a workspace (its ``out/``)."""
    parser.add_argument("-o", "--output", metavar=metavar,
                        help=f"{help} (default for a workspace: its out/ folder)")


def whole(*, minimum: int, maximum: int | None = None, why: str = "") -> Any:
    """An argparse ``type``: a whole number from ``minimum`` (to ``maximum``), or an error the
    command prints as ``refkit: error: argument --flag: ...`` (``why`` says why the bounds)."""

    def parse(text: str) -> int:
        bounds = f"from {minimum} to {maximum}" if maximum is not None else f"of at least {minimum}"
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"expected a whole number {bounds}, got {text!r}") from None
        if value < minimum or (maximum is not None and value > maximum):
            raise argparse.ArgumentTypeError(f"expected a whole number {bounds}{why}, got {value}")
        return value

    return parse


#: ``--min-mutual``: a threshold of at least one mutual connection.
MIN_MUTUAL_ARG = whole(minimum=1)


def note_limit_arg(text: str) -> int:
    """``--note-limit``: what LinkedIn allows in an invitation note, and room for a greeting
    (:mod:`refkit.draft` is imported when the flag is given, not at every command's start)."""
    from refkit.draft import MIN_LIMIT

    return whole(minimum=MIN_LIMIT, maximum=NOTE_LENGTH["premium"],
                 why=" (LinkedIn's limit: 200 characters on a free account, 300 on Premium)")(text)


def is_plain_folder(path: str | Path) -> bool:
    """Whether ``path`` is a folder of the user's files: not a workspace, not one LinkedIn archive.

    That is a folder holding files refkit can read (a LinkedIn .zip, a friend's
    export, a capture ...) but no Connections.csv of its own; or one with a
    Connections.csv beside other people's files (a friend's export, a capture: no
    archive holds those), which one archive's reading would leave out unsaid.
    """
    from refkit.workspace import OUTSIDE, is_workspace, scan_files

    path = Path(path)
    if not path.is_dir() or is_workspace(path):
        return False
    own = [p for p in path.iterdir() if p.name.lower() == "connections.csv"]
    found = [(p, kind) for p, kind in scan_files(path) if kind not in ("unknown", OUTSIDE)]
    if own:
        return any(kind in _USER_FILES and p not in own for p, kind in found)
    kinds = {kind for _, kind in found}
    return bool(kinds) and not kinds & ARCHIVE_SIDE_FILES  # an archive missing Connections.csv is not one


#: Kinds of file a LinkedIn archive never holds: another person's export, captures, lists.
_USER_FILES = frozenset({"connections", "mutuals", "search_export", "edges", "tags", "owners"})


#: Kinds of file only LinkedIn's archive holds: a folder of them is an archive (maybe incomplete).
ARCHIVE_SIDE_FILES = frozenset({"messages", "invitations", "positions", "profile", "recommendations",
                                "endorsements", "applications", "saved_jobs", "company_follows"})


def _plain_folder(path: Path) -> None:
    """Refuse a folder that is neither a workspace nor a LinkedIn archive, saying what it holds."""
    from refkit.workspace import OUTSIDE, scan_files

    if not is_plain_folder(path):
        return  # a file, or an archive folder (the reader says what one should hold)
    found = [(p, kind) for p, kind in scan_files(path) if kind not in ("unknown", OUTSIDE)]
    listed = ", ".join(f"{p.relative_to(path).as_posix()} ({kind})" for p, kind in found[:6])
    more = f" and {len(found) - 6} more" if len(found) > 6 else ""
    raise FileFormatError(f"{path}: a folder of your files, not one LinkedIn archive: it holds {listed}{more}; "
                          f"make it a workspace with: refkit init {path} --from {path}", path=path)


def settle(args: argparse.Namespace, *, output: str | None = None) -> argparse.Namespace:
    """Fill the options the command line left out, from the workspace or the defaults.

    Sets ``args.workspace`` (the :class:`~refkit.workspace.Workspace` or None)
    and ``args.shared_pairs`` (``(owner, file)`` of every shared export).
    ``output`` is the file or folder name the command writes in ``out/``
    when EXPORT is a workspace and ``-o`` is not given. Safe to call twice.
    """
    if getattr(args, "settled", False):
        return args
    args.output_default = False
    from refkit.workspace import is_workspace, load_workspace

    ws = load_workspace(args.export) if is_workspace(args.export) else None
    if ws is None:
        _plain_folder(Path(args.export))
    flags_shared = args.shared is not None or args.shared_manifest is not None
    args.shared_pairs = list(parse_shared(args.shared or []))
    args.shared = args.shared or []
    args.shared_manifest = args.shared_manifest or []
    if ws is not None:
        args.export = str(ws.export)
        if not flags_shared:
            args.shared_pairs = [(s.owner, s.file) for s in ws.shared]
    for name, from_ws, default in (
            ("mutuals", lambda: [str(p) for p in ws.mutuals], []),
            ("edges", lambda: [str(p) for p in ws.edges], []),
            ("company", lambda: list(ws.companies), []),
            ("keyword", lambda: list(ws.keywords), []),
            ("me", lambda: ws.me, None),
            ("tags", lambda: str(ws.tags) if ws.tags else None, None),
            ("min_mutual", lambda: ws.min_mutual, DEFAULT_MIN_MUTUAL),
            ("note_limit", lambda: ws.note_limit, DEFAULT_NOTE_LIMIT),
            ("goal", lambda: ws.goal, None),
            ("job_targets", lambda: ws.job_targets, True)):
        if hasattr(args, name) and getattr(args, name) is None:
            setattr(args, name, from_ws() if ws is not None else default)
    if getattr(args, "follow_targets", None) is None:  # a setting of refkit.toml only
        args.follow_targets = ws.follow_targets if ws is not None else False
    if hasattr(args, "output") and args.output is None:
        if ws is None or output is None:
            raise OptionError(f"-o is required when {args.export} is not a workspace (a folder with "
                              "refkit.toml; make one with: refkit init)")
        args.output, args.output_default = str(ws.output(output)), True
    args.workspace, args.settled = ws, True
    return args


def parse_shared(values: list[str]) -> list[tuple[str, str]]:
    """Split ``OWNER=FILE`` values.

    Owners' profile URLs may hold ``=`` (``?trk=a``) and so may file names: the
    value is split at the first ``=`` after which an existing file is named,
    else at the last ``=`` (whose missing file the reader then reports); a value
    that is itself a file (``a=b.csv``, no owner) is refused saying so.
    """
    pairs = []
    for value in values:
        splits = [i for i, ch in enumerate(value) if ch == "="]
        at = next((i for i in splits if Path(value[i + 1:].strip()).is_file()), None)
        if at is None and Path(value.strip()).is_file():
            raise OptionError(f"--shared {value!r} is a file, given without its owner; give it as "
                              f"--shared OWNER={value.strip()} (OWNER: their name or profile URL)")
        if at is None:
            at = splits[-1] if splits else -1
        owner, path = value[:at].strip(), value[at + 1:].strip()
        if at < 0 or not owner or not path:
            raise OptionError(f"--shared expects OWNER=FILE, got {value!r}")
        pairs.append((owner, path))
    return pairs


def load_network(args: argparse.Namespace) -> Network:
    """Read every input named on the command line and build the (real) network."""
    from refkit.read import shared_exports

    settle(args)
    shared: list[tuple[str, str | Path]] = list(args.shared_pairs)
    for manifest in args.shared_manifest:
        shared.extend(shared_exports(manifest))
    network = build_network(args.export, shared=shared, mutuals=args.mutuals, edges=args.edges,
                            me=args.me)
    if hasattr(args, "company") and not getattr(args, "jobs_added", False):
        from refkit.jobs import target_companies

        # the companies of the jobs applied for (and saved, or followed) are targets too; notes
        # explain only the ones the user named (refkit applications says who is at the others)
        args.named_companies = list(args.company)
        args.company = target_companies(network, args.company, jobs=getattr(args, "job_targets", True),
                                        follows=getattr(args, "follow_targets", False))
        args.jobs_added = True
    return network


def load_ranked(args: argparse.Namespace, **options: Any) -> tuple[Network, pd.DataFrame, list[str]]:
    """The network, its ranking and the target companies, as the command shows them.

    Under ``--pseudonymize`` companies and keywords are matched on the real
    network first; then the network, the ranking, the companies (for a
    legend) and the warnings (they quote files) are shown with stand-ins.
    """
    from refkit.rank import rank_targets

    key = getattr(args, "pseudonymize", None)
    if key is None:
        network = load_network(args)
        return network, rank_targets(network, **rank_options(args), **options), list(args.company)
    from refkit.privacy import pseudonymize_ranked

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", RefkitWarning)
        network = load_network(args)
        ranked = rank_targets(network, **rank_options(args), **options)
    notes = [str(w.message) for w in caught if issubclass(w.category, RefkitWarning)]
    network, ranked, mapping = pseudonymize_ranked(network, ranked, key=key, notes=notes)
    for note in network.warnings:
        warnings.warn(note, RefkitWarning, stacklevel=2)
    for other in caught:
        if not issubclass(other.category, RefkitWarning):
            warnings.warn_explicit(other.message, other.category, other.filename, other.lineno)
    # the legend names the target companies by their stand-ins, never in clear
    known = {" ".join(real.casefold().split()): pseudo for pseudo, real in mapping.items()
             if pseudo.startswith("Company ")}
    shown = [known.get(" ".join(c.casefold().split()), "a target company") for c in args.company]
    return network, ranked, shown


def _tag_map(args: argparse.Namespace) -> Any:
    """The ``--tags`` file read once per command (its warnings said once), or None."""
    from refkit.read import read_tag_map

    if not args.tags:
        return None
    if getattr(args, "_tag_map", None) is None:
        args._tag_map = read_tag_map(args.tags)
    return args._tag_map


def rank_options(args: argparse.Namespace) -> dict:
    """Keyword arguments for :func:`refkit.rank.rank_targets` from the command line."""
    settle(args)
    return {
        "min_mutual": args.min_mutual,
        "companies": args.company,
        "keywords": args.keyword,
        "tags": _tag_map(args),
        "only_matching": args.only_matching,
    }


def say_companies(args: argparse.Namespace, network: Network, ranked: pd.DataFrame) -> None:
    """When a target company, keyword or tagged person has nobody on the list, say why, with the closest names.

    Printed to standard error as ``refkit: note: ...``; not under ``--pseudonymize``
    (the sentences name real companies).
    """
    import sys

    from refkit.companies import explain_companies, explain_keywords
    from refkit.strength import explain_tags

    if getattr(args, "pseudonymize", None) is not None:
        return
    named = getattr(args, "named_companies", args.company)
    notes = explain_companies(network, ranked, named, min_mutual=args.min_mutual) if named else []
    notes += explain_keywords(network, ranked, args.keyword) if args.keyword else []
    notes += explain_tags(network, _tag_map(args)) if args.tags else []
    for note in notes:
        print(f"refkit: note: {note}", file=sys.stderr)
