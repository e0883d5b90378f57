"""``refkit report``: a folder with the one-page summary a coach hands to a client.

See :mod:`refkit.report` for what the folder holds.
"""

from __future__ import annotations

import argparse
import sys

from refkit.cli._common import (
    add_network_args,
    add_output_arg,
    load_ranked,
    note_limit_arg,
    say_companies,
    settle,
)


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("report", help="write a one-page summary with charts and the network",
                            description="Write a folder with index.html (summary, top 20, charts), "
                                        "network.html, ranked.csv and the charts as PNG files.")
    add_network_args(parser)
    parser.add_argument("--max-nodes", metavar="N", type=int, default=1500,
                        help="most people on the network page (default 1500)")
    parser.add_argument("--title", metavar="TEXT", default="Your referral plan",
                        help="heading of the pages")
    parser.add_argument("--note-limit", metavar="N", type=note_limit_arg,
                        help="invitation note length limit (200 free, 300 Premium; default 200)")
    parser.add_argument("--goal", metavar="TEXT", help="what you want to learn about, for referral requests")
    parser.add_argument("--force", action="store_true", help="overwrite the files if they exist")
    add_output_arg(parser, "DIR", "folder to write")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from refkit.cli import _output
    from refkit.draft import add_drafts
    from refkit.rank import threshold_summary
    from refkit.report import check_folder, write_report

    settle(args, output="report")
    _output.no_stdout(args.output, "report")
    inputs = _output.network_inputs(args)
    overwrite = _output.may_replace(args)
    check_folder(args.output, overwrite=overwrite, protect=inputs)  # before the (slower) work
    network, ranked, companies = load_ranked(args)  # matched before any pseudonymising
    say_companies(args, network, ranked)
    ranked = add_drafts(ranked, me=network.me_name, limit=args.note_limit, goal=args.goal)
    written = write_report(network, ranked, args.output, min_mutual=args.min_mutual,
                           companies=companies, max_nodes=args.max_nodes, title=args.title,
                           overwrite=overwrite, protect=inputs)
    _output.record_made(args, written.values())
    print(threshold_summary(network, min_mutual=args.min_mutual).message)
    print(f"wrote {len(written)} files to {args.output}", file=sys.stderr)
    return 0
