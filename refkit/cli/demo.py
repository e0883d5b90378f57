"""``refkit demo``: the main job on the bundled sample data (what ``make demo`` runs)."""

from __future__ import annotations

import argparse
from pathlib import Path

from refkit._errors import RefkitError, RefkitWarning
from refkit._text import plural
from refkit.cli._common import MIN_MUTUAL_ARG
from refkit.rank import DEFAULT_MIN_MUTUAL


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("demo", help="run the whole job on a samples folder",
                            description="Build the network from a samples folder (as written by "
                                        "refkit.testing.write_samples), rank it as `refkit rank FOLDER` "
                                        "does (with its refkit.toml's settings) and write a report.")
    parser.add_argument("folder", metavar="FOLDER", help="e.g. data_samples")
    parser.add_argument("-o", "--output", metavar="DIR", default="out", help="folder to write (default out)")
    parser.add_argument("--force", action="store_true", help="overwrite the files if they exist")
    parser.add_argument("--min-mutual", metavar="N", type=MIN_MUTUAL_ARG,
                        help=f"minimum mutual connections (default: the workspace's, else {DEFAULT_MIN_MUTUAL})")
    parser.set_defaults(func=run)


def sample_inputs(folder: str | Path) -> dict:
    """The ``build_network`` arguments for a samples folder (its refkit.toml when it is a workspace)."""
    from refkit.read import read_tag_map, shared_exports
    from refkit.workspace import is_workspace, load_workspace

    folder = Path(folder)
    if is_workspace(folder):
        ws = load_workspace(folder)
        return {**ws.network_options(), "tags": ws.rank_options()["tags"]}
    args = _rank_args(folder, None)
    return {
        "export": Path(args.export),
        "shared": [pair for manifest in args.shared_manifest for pair in shared_exports(manifest)],
        "mutuals": [Path(p) for p in args.mutuals],
        "edges": [Path(p) for p in args.edges],
        "tags": read_tag_map(args.tags) if args.tags else None,
    }


def _rank_args(folder: str | Path, min_mutual: int | None) -> argparse.Namespace:
    """The arguments of ``refkit rank FOLDER``, settled: a workspace's settings all apply.

    A samples folder without ``refkit.toml`` is given as its files, as flags would name them.
    """
    from refkit.cli._common import add_network_args, settle
    from refkit.workspace import is_workspace

    folder = Path(folder)
    argv = [str(folder)]
    if not is_workspace(folder):
        if not (folder / "my_linkedin_export").is_dir():
            raise RefkitError(f"{folder}: expected a samples folder with my_linkedin_export/ inside")
        argv = [str(folder / "my_linkedin_export")]
        for flag, name in (("--shared-manifest", "shared/owners.csv"), ("--mutuals", "mutuals_capture.csv"),
                           ("--edges", "edges.csv"), ("--tags", "tags.csv")):
            if (folder / name).exists():
                argv += [flag, str(folder / name)]
    parser = argparse.ArgumentParser(prog="refkit demo")
    add_network_args(parser)
    args = parser.parse_args(argv)
    args.min_mutual, args.note_limit, args.goal = min_mutual, None, None  # None: the workspace's
    return settle(args)


def run(args: argparse.Namespace) -> int:
    import warnings

    import pandas as pd

    from refkit._text import clean_text
    from refkit.cli import _output
    from refkit.cli._common import load_ranked, say_companies
    from refkit.draft import add_drafts
    from refkit.rank import threshold_summary
    from refkit.report import check_folder, write_report

    _output.no_stdout(args.output, "demo")
    check_folder(args.output, overwrite=args.force, protect=[args.folder])  # before the work
    rank = _rank_args(args.folder, args.min_mutual)  # the job `refkit rank FOLDER` does
    protect = [args.folder, *_output.network_inputs(rank)]
    with warnings.catch_warnings(record=True) as caught:  # counted, not shown: see the closing words
        warnings.simplefilter("always", RefkitWarning)
        network, ranked, companies = load_ranked(rank)
    left_out = sum(issubclass(w.category, RefkitWarning) for w in caught)
    say_companies(rank, network, ranked)
    ranked = add_drafts(ranked, me=network.me_name, limit=rank.note_limit, goal=rank.goal)
    written = write_report(network, ranked, args.output, min_mutual=rank.min_mutual,
                           companies=companies, title="Referral plan (demo)", overwrite=args.force,
                           protect=protect)
    print(f"{network.me_name}'s network: {plural(len(network.first_degree), '1st-degree connection')}, "
          f"{plural(len(network.second_degree), '2nd-degree person', '2nd-degree people')} reached through them")
    print(threshold_summary(network, min_mutual=rank.min_mutual).message)
    print()
    cols = ["rank", "name", "company", "mutual_count", "introducer"]
    shown = ranked[cols].head(10)
    for column in ("name", "company", "introducer"):  # as every other medium shows them
        shown[column] = [clean_text(v, keep_emails=False) for v in shown[column]]
    with pd.option_context("display.width", 120, "display.max_colwidth", 30):
        print(shown.to_string(index=False))
    print()
    for name in ("index.html", "ranked.csv", "network.html"):
        print(f"wrote {written[name]}")
    print()
    print(f"Open the summary in your browser: {Path(written['index.html']).resolve().as_uri()}")
    if left_out:  # the samples are messy on purpose (data_samples/README.md); said once, here
        print(f"{plural(left_out, 'warning')} about rows of these files are left out here;")
        print(f"`refkit rank {args.folder}` sums them up (-v lists them, -q hides them).")
    print("Next: `make lab` opens the guided notebooks, and `refkit init` makes a workspace")
    print("for your own files (README: 'Your own data in 3 steps').")
    return 0
