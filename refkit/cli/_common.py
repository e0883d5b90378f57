"""Arguments shared by the commands that build a network (rank, graph, report)."""

from __future__ import annotations

import argparse
from pathlib import Path

from refkit._errors import RefkitError
from refkit.build import Network, build_network
from refkit.rank import DEFAULT_MIN_MUTUAL


def add_network_args(parser: argparse.ArgumentParser) -> None:
    """Add the inputs of ``refkit rank`` to ``parser``."""
    parser.add_argument("export", metavar="EXPORT",
                        help="your Connections.csv, the LinkedIn archive .zip or its folder")
    parser.add_argument("--shared", metavar="OWNER=FILE", action="append", default=[],
                        help="someone else's Connections.csv; OWNER is their name or profile URL")
    parser.add_argument("--shared-manifest", metavar="FILE", action="append", default=[],
                        help="an owners.csv (file,owner_name,owner_url) listing shared exports")
    parser.add_argument("--mutuals", metavar="FILE", action="append", default=[],
                        help="a mutual-connections capture or search export")
    parser.add_argument("--edges", metavar="FILE", action="append", default=[],
                        help="an edge list with source,target columns")
    parser.add_argument("--me", metavar="NAME_OR_URL", help="your name or profile URL")
    parser.add_argument("--tags", metavar="FILE", help="your tags for connections (Name,URL,Tags)")
    parser.add_argument("--min-mutual", metavar="N", type=int, default=DEFAULT_MIN_MUTUAL,
                        help=f"minimum mutual connections (default {DEFAULT_MIN_MUTUAL})")
    parser.add_argument("--company", metavar="NAME", action="append", default=[],
                        help="a target company (repeatable)")
    parser.add_argument("--keyword", metavar="WORD", action="append", default=[],
                        help="a word to look for in positions (repeatable)")
    parser.add_argument("--only-matching", action="store_true",
                        help="keep only people at a target company or matching a keyword")
    parser.add_argument("--pseudonymize", metavar="KEY",
                        help="replace names, companies and URLs by stand-ins derived from KEY "
                             "(same KEY, same stand-ins); e-mails dropped")


def parse_shared(values: list[str]) -> list[tuple[str, str]]:
    """Split ``OWNER=FILE`` values.

    Owners' profile URLs may hold ``=`` (``?trk=a``) and so may file names: the
    value is split at the first ``=`` after which an existing file is named,
    else at the last ``=`` (whose missing file the reader then reports).
    """
    pairs = []
    for value in values:
        splits = [i for i, ch in enumerate(value) if ch == "="]
        at = next((i for i in splits if Path(value[i + 1:].strip()).is_file()),
                  splits[-1] if splits else -1)
        owner, path = value[:at].strip(), value[at + 1:].strip()
        if at < 0 or not owner or not path:
            raise RefkitError(f"--shared expects OWNER=FILE, got {value!r}")
        pairs.append((owner, path))
    return pairs


def load_network(args: argparse.Namespace) -> Network:
    """Read every input named on the command line and build the network."""
    from refkit.read import shared_exports

    shared: list[tuple[str, str | Path]] = list(parse_shared(args.shared))
    for manifest in args.shared_manifest:
        shared.extend(shared_exports(manifest))
    network = build_network(args.export, shared=shared, mutuals=args.mutuals, edges=args.edges,
                            me=args.me)
    key = getattr(args, "pseudonymize", None)
    if key is not None:
        from refkit.privacy import pseudonymize

        network, _ = pseudonymize(network, key=key)
    return network


def rank_options(args: argparse.Namespace) -> dict:
    """Keyword arguments for :func:`refkit.rank.rank_targets` from the command line."""
    return {
        "min_mutual": args.min_mutual,
        "companies": args.company,
        "keywords": args.keyword,
        "tags": args.tags,
        "only_matching": args.only_matching,
    }
