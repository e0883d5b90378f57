"""Arguments shared by the commands that build a network (rank, graph, report)."""

from __future__ import annotations

import argparse
import warnings
from pathlib import Path
from typing import Any

import pandas as pd

from refkit._errors import RefkitError, RefkitWarning
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
    """Read every input named on the command line and build the (real) network."""
    from refkit.read import shared_exports

    shared: list[tuple[str, str | Path]] = list(parse_shared(args.shared))
    for manifest in args.shared_manifest:
        shared.extend(shared_exports(manifest))
    return build_network(args.export, shared=shared, mutuals=args.mutuals, edges=args.edges,
                         me=args.me)


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


def rank_options(args: argparse.Namespace) -> dict:
    """Keyword arguments for :func:`refkit.rank.rank_targets` from the command line."""
    from refkit.read import read_tag_map

    return {
        "min_mutual": args.min_mutual,
        "companies": args.company,
        "keywords": args.keyword,
        "tags": read_tag_map(args.tags) if args.tags else None,
        "only_matching": args.only_matching,
    }
