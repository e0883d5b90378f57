"""``refkit coach``: introductions a coach can make for one client, as CSV."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "coach", help="introductions a coach can make for a client",
        description="List the people in the coach's network at the client's target companies or "
                    "roles whom the client does not know yet, with an introduction note each.")
    parser.add_argument("coach_export", metavar="COACH_EXPORT",
                        help="the coach's Connections.csv, LinkedIn archive .zip or its folder")
    parser.add_argument("client_export", metavar="CLIENT_EXPORT",
                        help="the client's Connections.csv, LinkedIn archive .zip or its folder")
    parser.add_argument("--company", metavar="NAME", action="append", default=[],
                        help="a target company of the client (repeatable)")
    parser.add_argument("--keyword", metavar="WORD", action="append", default=[],
                        help="a word to look for in positions (repeatable)")
    parser.add_argument("--coach", metavar="NAME", help="the coach's name (default: from Profile.csv)")
    parser.add_argument("--client", metavar="NAME", help="the client's name (default: from Profile.csv)")
    parser.add_argument("--top", metavar="K", type=int, help="keep the first K")
    parser.add_argument("--workspace", metavar="DIR",
                        help="the client's tracker workspace: record the introductions there")
    parser.add_argument("--force", action="store_true", help="overwrite OUT.csv if it exists")
    parser.add_argument("-o", "--output", metavar="OUT.csv", required=True,
                        help="CSV file to write (- for standard output)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from refkit.cli import _output
    from refkit.coach import bridge_summary, coach_introductions, session_names
    from refkit.export import check_output, write_csv
    from refkit.read import read_export
    from refkit.resolve import person_key

    inputs: list = [args.coach_export, args.client_export]
    if args.workspace:
        from refkit.track import DB_NAME

        inputs += _output.tracker_files(Path(args.workspace) / DB_NAME)
    if not _output.is_stdout(args.output):
        check_output(args.output, overwrite=args.force, protect=inputs)  # before the work
    coach_archive = read_export(args.coach_export)
    client_archive = read_export(args.client_export)
    names = {"coach": args.coach, "client": args.client}
    intros = coach_introductions(coach_archive, client_archive, companies=args.company,
                                 keywords=args.keyword, top=args.top, **names)
    summary = bridge_summary(coach_archive, client_archive, **names)
    tracker = None
    if args.workspace:
        from refkit.track import Tracker

        tracker = Tracker(args.workspace)  # opened (and checked) before anything is written
        inputs += _output.tracker_files(tracker.path)
    try:
        path = write_csv(intros, _output.target(args.output), overwrite=args.force, protect=inputs)
        print(summary["sentence"], file=_output.info(args.output))
        print(f"wrote {len(intros)} introductions to {_output.shown(args.output, path)}", file=sys.stderr)
        if tracker is not None:
            coach_name, _ = session_names(coach_archive, client_archive, **names)
            # the coach is the introducer of every person on the list
            tracked = intros[["name", "profile_url", "company", "position"]].assign(
                introducer=coach_name, introducer_key=person_key(args.coach, coach_name))
            counts = tracker.add(tracked)
            print(f"workspace {args.workspace}: {counts['added']} added, {counts['updated']} updated",
                  file=sys.stderr)
    finally:
        if tracker is not None:
            tracker.close()
    return 0
