"""``refkit coach``: introductions a coach can make for one client, and the coach's clients.

``refkit coach COACH CLIENT``: each of the two is a workspace (a folder with a
refkit.toml) or an export. From a workspace come the export and the name
(``me``); from the client's also the target companies and keywords, and the
output goes to ``CLIENT/out/coach_introductions.csv`` (refreshed at every
run); ``--track`` records the introductions in the client's tracker. Flags
override the files; ``-o`` still wins. With plain exports, ``-o`` is needed
and ``--workspace DIR`` names the tracker folder, as before.

``refkit coach --clients FOLDER``: every client workspace in FOLDER, with how
many asks are open and this week's plan.
"""

from __future__ import annotations

import argparse
import sys
import textwrap
from pathlib import Path
from typing import Any

#: The file ``refkit coach`` writes in the client's workspace (``out/``) by default.
OUTPUT_NAME = "coach_introductions.csv"
WIDTH = 80


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "coach", help="introductions a coach can make for a client; a coach's clients",
        description="List the people in the coach's network at the client's target companies or "
                    "roles whom the client does not know yet, with an introduction note each. "
                    "COACH and CLIENT are workspaces (folders with a refkit.toml) or exports. "
                    "With --clients FOLDER, list every client workspace in FOLDER with its status.")
    parser.add_argument("coach_export", metavar="COACH", nargs="?",
                        help="the coach's workspace, Connections.csv, LinkedIn archive .zip or its folder")
    parser.add_argument("client_export", metavar="CLIENT", nargs="?",
                        help="the client's workspace, Connections.csv, LinkedIn archive .zip or its folder")
    parser.add_argument("--company", metavar="NAME", action="append", default=None,
                        help="a target company of the client (repeatable; replaces the workspace's)")
    parser.add_argument("--keyword", metavar="WORD", action="append", default=None,
                        help="a word to look for in positions (repeatable; replaces the workspace's)")
    parser.add_argument("--coach", metavar="NAME",
                        help="the coach's name (default: the coach's workspace, else Profile.csv)")
    parser.add_argument("--client", metavar="NAME",
                        help="the client's name (default: the client's workspace, else Profile.csv)")
    parser.add_argument("--top", metavar="K", type=int, help="keep the first K")
    parser.add_argument("--track", action="store_true",
                        help="record the introductions in the client's workspace tracker")
    parser.add_argument("--workspace", metavar="DIR",
                        help="record the introductions in the tracker in DIR (any folder)")
    parser.add_argument("--force", action="store_true", help="overwrite OUT.csv if it exists")
    parser.add_argument("-o", "--output", metavar="OUT.csv",
                        help="CSV file to write (OUT.xlsx: an Excel workbook; - for standard output; "
                             "default: the client's "
                             f"workspace's out/{OUTPUT_NAME})")
    parser.add_argument("--clients", metavar="FOLDER",
                        help="list the client workspaces in FOLDER with their status, instead")
    parser.add_argument("--date", metavar="YYYY-MM-DD", help="with --clients: the day (default today)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from refkit._errors import OptionError

    if args.clients is not None:
        given = [flag for flag, value in (("COACH", args.coach_export), ("CLIENT", args.client_export),
                                          ("--track", args.track), ("--workspace", args.workspace),
                                          ("-o", args.output)) if value]
        if given:
            raise OptionError(f"--clients lists client workspaces; it takes no {', '.join(given)}")
        return _clients(args)
    if args.date is not None:
        raise OptionError("--date goes with --clients")
    if args.coach_export is None or args.client_export is None:
        raise OptionError("give the coach's and the client's workspace or export (COACH CLIENT), "
                          "or --clients FOLDER")
    return _introductions(args)


def _side(value: str) -> tuple[Any, Any]:
    """``(workspace or None, export)`` for a COACH or CLIENT argument."""
    from refkit.workspace import is_workspace, load_workspace

    if is_workspace(value):
        workspace = load_workspace(value, allow_guesses=True)  # shared exports are not used here
        return workspace, workspace.export
    return None, value


def _pick(flag: Any, workspace: Any, key: str) -> Any:
    """A flag's value when given, else the workspace's setting ``key`` (None without a workspace)."""
    if flag is not None:
        return flag
    return getattr(workspace, key) if workspace is not None else None


def _settings(args: argparse.Namespace, coach_ws: Any, client_ws: Any) -> dict[str, Any]:
    """Names, targets, output and tracker folder: flags first, then the workspaces."""
    from refkit._errors import OptionError

    if args.track and args.workspace:
        raise OptionError("give --track (the client's workspace) or --workspace DIR, not both")
    if args.track and client_ws is None:
        raise OptionError(f"--track records in the client's workspace, and {args.client_export} is "
                          "not one (no refkit.toml); give --workspace DIR instead")
    if args.output is None and client_ws is None:
        raise OptionError("-o OUT.csv is needed when the client is not a workspace (a folder with "
                          "a refkit.toml, whose out/ is the default)")
    if client_ws is not None and not (_pick(args.company, client_ws, "companies")
                                      or _pick(args.keyword, client_ws, "keywords")):
        raise OptionError(f"{client_ws.config}: no companies or keywords to look for; set "
                          "companies = [...] or keywords = [...] there, or give --company/--keyword",
                          path=client_ws.config)
    return {
        "coach": _pick(args.coach, coach_ws, "me"),
        "client": _pick(args.client, client_ws, "me"),
        "companies": list(_pick(args.company, client_ws, "companies") or ()),
        "keywords": list(_pick(args.keyword, client_ws, "keywords") or ()),
        "output": args.output if args.output is not None else str(client_ws.output(OUTPUT_NAME)),
        # the workspace's own output is refreshed at every meeting (unless the user changed it);
        # an -o file needs --force, as everywhere
        "written": argparse.Namespace(force=args.force, output_default=args.output is None, workspace=client_ws,
                                      output=args.output if args.output is not None
                                      else str(client_ws.out / OUTPUT_NAME)),
        "tracker": client_ws.folder if args.track else args.workspace,
    }


def _say_companies(companies: list[str], intros: Any, coach_archive: Any, *, top: int | None) -> None:
    """A target company with nobody on the list: a note, with the closest names in the coach's network."""
    from refkit.companies import _did_you_mean, closest_names

    if top is not None:
        return  # a short list leaves companies out on purpose
    matched = " ".join(intros["matched"].tolist()).casefold()
    for company in companies:
        if f"company: {company}".casefold() in matched:
            continue
        hint = _did_you_mean(closest_names(coach_archive.connections.frame["company"], company))
        print(f"refkit: note: nobody at {company!r} in the coach's network whom the client does not "
              f"know yet{hint}", file=sys.stderr)


def _introductions(args: argparse.Namespace) -> int:
    from refkit._text import plural
    from refkit.cli import _output
    from refkit.coach import _introducer, bridge_summary, coach_introductions
    from refkit.export import check_output
    from refkit.read import read_export

    coach_ws, coach_export = _side(args.coach_export)
    client_ws, client_export = _side(args.client_export)
    given = _settings(args, coach_ws, client_ws)
    output = given["output"]
    overwrite = _output.may_replace(given["written"])
    inputs: list = [coach_export, client_export]
    inputs += [path for ws in (coach_ws, client_ws) if ws is not None for path in ws.inputs()]
    if given["tracker"]:
        from refkit.track import DB_NAME

        inputs += _output.tracker_files(Path(given["tracker"]) / DB_NAME)
    if not _output.is_stdout(output):
        check_output(output, overwrite=overwrite, protect=inputs)  # before the work
    _output.check_suffix(output, _output.TABLE_SUFFIXES, command="coach")
    coach_archive = read_export(coach_export)
    client_archive = read_export(client_export)
    names = {"coach": given["coach"], "client": given["client"]}
    intros = coach_introductions(coach_archive, client_archive, companies=given["companies"],
                                 keywords=given["keywords"], top=args.top, **names)
    summary = bridge_summary(coach_archive, client_archive, **names)
    _say_companies(given["companies"], intros, coach_archive, top=args.top)
    tracker = None
    if given["tracker"]:
        from refkit.track import Tracker

        tracker = Tracker(given["tracker"])  # opened (and checked) before anything is written
        inputs += _output.tracker_files(tracker.path)
    try:
        path = _output.write_table(intros, output, sheet_name="introductions", overwrite=overwrite,
                                   protect=inputs)
        _output.record_made(given["written"], [path])
        print(summary["sentence"], file=_output.info(output))
        print(f"wrote {plural(len(intros), 'introduction')} to {_output.shown(output, path)}", file=sys.stderr)
        if tracker is not None:
            coach_name, coach_key = _introducer(coach_archive, client_archive, **names)
            # the coach is the introducer of every person on the list
            tracked = intros[["name", "profile_url", "company", "position"]].assign(
                introducer=coach_name, introducer_key=coach_key)
            counts = tracker.add(tracked, source=_output.shown(output, path))
            print(f"workspace {tracker.workspace}: {counts['added']} added, {counts['updated']} "
                  f"updated (introducer: {coach_name})", file=sys.stderr)
    finally:
        if tracker is not None:
            tracker.close()
    return 0


# ---------------------------------------------------------------------------- --clients


def _clients(args: argparse.Namespace) -> int:
    from refkit.coach import client_statuses

    statuses = client_statuses(args.clients, today=args.date)
    print(_status_text(statuses, args.clients, args.date))
    return 0


def _status_text(statuses: Any, folder: str, day: str | None) -> str:
    """The status table for people: a block per folder, every line at most 80 columns."""
    from refkit._text import plural, printable

    shown = f"{plural(len(statuses), 'client folder')} in {folder}" + (f" on {day}" if day else "")
    lines = textwrap.wrap(printable(shown, newlines=False), WIDTH) or [""]
    for row in statuses.to_dict("records"):
        head = row["client"] + (f" ({row['name']})" if row["name"] else "")
        if row["state"] == "ok":
            body = (f"{plural(row['tracked'], 'person', 'people')} tracked, "
                    f"{plural(row['asks_open'], 'ask')} open, {plural(row['next_steps'], 'next step')}; "
                    f"this week: {plural(row['this_week'], 'invitation')} to send"
                    + (f": {_first_names(row['plan'])}" if row["plan"] else ""))
        elif row["state"] == "no tracker":
            body = "no tracker yet (nothing tracked)"
        elif row["state"] == "not a workspace":
            body = f"not a workspace ({row['problem']})"
        else:
            body = f"cannot be read: {row['problem']}"
        text = printable(f"{head}: {body}", newlines=False)
        lines += [""] + textwrap.wrap(text, WIDTH, subsequent_indent="    ", break_long_words=True,
                                      break_on_hyphens=False)
    return "\n".join(lines)


def _first_names(plan: str, shown: int = 5) -> str:
    """The first ``shown`` names of a plan (``"; "``-joined), and how many more."""
    names = plan.split("; ")
    more = len(names) - shown
    return ", ".join(names[:shown]) + (f" and {more} more" if more > 0 else "")
