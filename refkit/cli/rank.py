"""``refkit rank``: the ranked outreach list as CSV."""

from __future__ import annotations

import argparse
import sys

from refkit._text import plural
from refkit.cli._common import (
    add_network_args,
    add_output_arg,
    load_ranked,
    note_limit_arg,
    say_companies,
)


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("rank", help="rank the 2nd-degree people worth reaching",
                            description="Rank 2nd-degree people by mutual connections and write a CSV.")
    add_network_args(parser)
    parser.add_argument("--top", metavar="K", type=int, help="keep the best K")
    parser.add_argument("--note-limit", metavar="N", type=note_limit_arg,
                        help="invitation note length limit (200 free, 300 Premium; default 200)")
    parser.add_argument("--goal", metavar="TEXT", help="what you want to learn about, for referral requests")
    parser.add_argument("--emails", action="store_true", help="include e-mail addresses (an email column)")
    parser.add_argument("--bom", action="store_true", help="write a UTF-8 BOM (for Excel)")
    parser.add_argument("--force", action="store_true", help="overwrite OUT.csv if it exists")
    add_output_arg(parser, "OUT.csv", "CSV file to write (OUT.xlsx: an Excel workbook), - for standard output")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from refkit.cli import _output
    from refkit.draft import add_drafts
    from refkit.rank import threshold_summary

    inputs, overwrite = _output.prepare_file(args, name="ranked.csv", suffixes=_output.TABLE_SUFFIXES,
                                             command="rank")
    network, ranked, _ = load_ranked(args, top=args.top)  # matched before any pseudonymising
    say_companies(args, network, ranked)
    ranked = add_drafts(ranked, me=network.me_name, limit=args.note_limit, goal=args.goal)
    if args.emails:  # asked for: the addresses LinkedIn exports hold, as a last column
        ranked = ranked.assign(email=network.people["email"].reindex(ranked["key"]).to_numpy())
    summary = threshold_summary(network, min_mutual=args.min_mutual).message
    del network  # not needed to write: its memory is free for the writing
    path = _output.write_table(ranked, args.output, sheet_name="ranked", bom=args.bom,
                               include_email=args.emails, overwrite=overwrite, protect=inputs)
    _output.record_made(args, [path])
    print(summary, file=_output.info(args.output))
    print(f"wrote {plural(len(ranked), 'row')} to {_output.shown(args.output, path)}", file=sys.stderr)
    return 0
