"""``refkit demo``: the main job on the bundled sample data (what ``make demo`` runs)."""

from __future__ import annotations

import argparse
from pathlib import Path

from refkit._errors import RefkitError
from refkit.rank import DEFAULT_MIN_MUTUAL


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("demo", help="run the whole job on a samples folder",
                            description="Build the network from a samples folder (as written by "
                                        "refkit.testing.write_samples), rank and write outputs.")
    parser.add_argument("folder", metavar="FOLDER", help="e.g. data_samples")
    parser.add_argument("-o", "--output", metavar="DIR", default="out", help="folder to write (default out)")
    parser.add_argument("--force", action="store_true", help="overwrite the files if they exist")
    parser.add_argument("--min-mutual", metavar="N", type=int, default=DEFAULT_MIN_MUTUAL)
    parser.set_defaults(func=run)


def sample_inputs(folder: str | Path) -> dict:
    """The ``build_network`` arguments for a samples folder (its refkit.toml when it is a workspace)."""
    from refkit.read import read_tag_map, shared_exports
    from refkit.workspace import is_workspace, load_workspace

    folder = Path(folder)
    if is_workspace(folder):
        ws = load_workspace(folder)
        return {**ws.network_options(), "tags": ws.rank_options()["tags"]}
    export = folder / "my_linkedin_export"
    if not export.is_dir():
        raise RefkitError(f"{folder}: expected a samples folder with my_linkedin_export/ inside")
    manifest = folder / "shared" / "owners.csv"
    optional = {name: folder / f"{name}.csv" for name in ("mutuals_capture", "edges", "tags")}
    return {
        "export": export,
        "shared": shared_exports(manifest) if manifest.exists() else [],
        "mutuals": [optional["mutuals_capture"]] if optional["mutuals_capture"].exists() else [],
        "edges": [optional["edges"]] if optional["edges"].exists() else [],
        "tags": read_tag_map(optional["tags"]) if optional["tags"].exists() else None,
    }


def run(args: argparse.Namespace) -> int:
    import warnings

    import pandas as pd

    from refkit._text import clean_text
    from refkit.build import build_network
    from refkit.cli import _output
    from refkit.draft import add_drafts
    from refkit.rank import rank_targets, threshold_summary
    from refkit.report import check_folder, write_report

    _output.no_stdout(args.output, "demo")
    check_folder(args.output, overwrite=args.force, protect=[args.folder])  # before the work
    inputs = sample_inputs(args.folder)
    protect = [args.folder, *(path for _, path in inputs["shared"]), *inputs["mutuals"], *inputs["edges"]]
    tags = inputs.pop("tags")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the samples are messy on purpose; inspect shows why
        network = build_network(**inputs)
    ranked = rank_targets(network, min_mutual=args.min_mutual, tags=tags)
    ranked = add_drafts(ranked, me=network.me_name)
    written = write_report(network, ranked, args.output, min_mutual=args.min_mutual,
                           title="Referral plan (sample data)", overwrite=args.force,
                           protect=protect)
    print(repr(network))
    print(threshold_summary(network, min_mutual=args.min_mutual).message)
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
    print("Next: `make lab` opens the guided notebooks, and `refkit init` makes a workspace")
    print("for your own files (README: 'Your own data in 3 steps').")
    return 0
