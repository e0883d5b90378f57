"""``refkit track WORKSPACE {add,set,list,next,funnel,export}``: follow up on referral asks.

Examples::

    refkit track clients/ana add ranked.csv
    refkit track clients/ana set "Lee Chen" --status declined --note "busy until June"
    refkit track clients/ana set "Lee Chen" --status invited --personal-note
    refkit track clients/ana list
    refkit track clients/ana next --days 14 --budget 20
    refkit track clients/ana funnel --by company
    refkit track clients/ana export -o ana-tracker.csv
"""

from __future__ import annotations

import argparse
import re
import sys
from typing import Any

import pandas as pd

from refkit.cli._common import MIN_MUTUAL_ARG
from refkit.read import read_ranked
from refkit.track import STATUSES, Tracker

__all__ = ["read_ranked", "register"]  # read_ranked re-exported: it lived here before refkit.read

_CONTROLS = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f]")


def register(subparsers: Any) -> None:
    """Add the ``track`` sub-command to ``refkit``'s parser."""
    parser = subparsers.add_parser(
        "track",
        help="track introducer asks, invitations and next steps in a workspace",
        description="Track referral asks for one person (a workspace folder holding refkit.sqlite).",
    )
    parser.add_argument("workspace", metavar="WORKSPACE", help="folder of one job seeker, e.g. clients/ana")
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)

    add = actions.add_parser("add", help="add or refresh targets from a ranked CSV (from `refkit rank`)")
    add.add_argument("ranked", metavar="RANKED.csv", nargs="?",
                     help="ranked list written by `refkit rank` (default for a workspace: out/ranked.csv)")
    add.add_argument("--date", type=_date, metavar="YYYY-MM-DD", help="day of the import, YYYY-MM-DD (default today)")
    add.set_defaults(func=_add)

    status = actions.add_parser("set", help="record a new status for a person")
    status.add_argument("person", help="name, profile URL or key of the target")
    status.add_argument("--status", required=True, help="one of: " + ", ".join(STATUSES))
    status.add_argument("--introducer", help="who was asked (default: the next introducer)")
    status.add_argument("--note", help="free text kept with the status")
    status.add_argument("--date", type=_date, metavar="YYYY-MM-DD", help="day it happened, YYYY-MM-DD (default today)")
    status.add_argument("--personal-note", action="store_true",
                        help="with --status invited: the invitation carried a personal note (a free account has about 5 a month)")
    status.set_defaults(func=_set)

    listing = actions.add_parser("list", help="show every target and its current status")
    listing.add_argument("--date", type=_date, metavar="YYYY-MM-DD", help="count days up to this day, YYYY-MM-DD (default today)")
    listing.set_defaults(func=_list)

    nxt = actions.add_parser("next", help="show next steps and this week's invitations")
    nxt.add_argument("--days", type=int, default=14, help="days without answer before asking someone else (14)")
    nxt.add_argument("--budget", type=int, default=20, help="invitations per week (20)")
    nxt.add_argument("--pending", action="append", default=[], metavar="KEY_OR_URL",
                     help="an outgoing invitation still pending (repeatable)")  # fmt: skip
    nxt.add_argument("--date", type=_date, metavar="YYYY-MM-DD", help="plan as of this day, YYYY-MM-DD (default today)")
    nxt.add_argument("--min-mutual", type=MIN_MUTUAL_ARG, metavar="N",
                     help="fewest mutual connections for a personal invitation (default: the workspace's, else 10)")
    nxt.add_argument("--max-open-asks", type=int, metavar="N",
                     help="open asks per introducer before asking the next-best one (default: the workspace's, else 2)")
    nxt.add_argument("--account", choices=("free", "premium"),
                     help="your LinkedIn account, for its personal notes a month (default: the workspace's, else free)")
    nxt.set_defaults(func=_next)

    funnel = actions.add_parser("funnel", help="show how far each path went, by introducer or by company")
    funnel.add_argument("--by", choices=("introducer", "company"), default="introducer",
                        help="one row per introducer asked (default) or per company")
    funnel.add_argument("--date", type=_date, metavar="YYYY-MM-DD", help="as of this day, YYYY-MM-DD (default today)")
    funnel.set_defaults(func=_funnel)

    export = actions.add_parser("export", help="write the tracker table as a formula-safe CSV")
    export.add_argument("-o", "--output",
                        help="CSV file to write (OUT.xlsx: an Excel workbook), - for standard output "
                             "(default for a workspace: out/tracker.csv)")
    export.add_argument("--force", action="store_true", help="overwrite an existing file")
    export.add_argument("--bom", action="store_true", help="start with a UTF-8 byte-order mark (Excel)")
    export.add_argument("--include-email", action="store_true", help="keep e-mail addresses")
    export.set_defaults(func=_export)


def _show(frame: pd.DataFrame, *, keep: tuple[str, ...] = ("name",)) -> str:
    from refkit.cli._table import fit

    return fit(frame, keep=keep)


def _say(text: str = "") -> None:
    """Print one result whatever the terminal or file takes (cp1252, ASCII ...): characters
    it cannot show become escapes, control characters too, and printing never raises for them
    (a command that recorded something must not fail afterwards and be retried)."""
    text = _CONTROLS.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)
    encoding = getattr(sys.stdout, "encoding", None) or "utf-8"
    try:
        text.encode(encoding)
    except UnicodeEncodeError:
        text = text.encode(encoding, errors="backslashreplace").decode(encoding)
    except LookupError:
        text = text.encode("ascii", errors="backslashreplace").decode("ascii")
    print(text)


def _date(value: str) -> str:
    """A ``--date`` checked before anything is opened or created (a typo leaves nothing behind)."""
    import datetime as dt

    try:
        dt.date.fromisoformat(value.strip())
    except ValueError as err:
        raise argparse.ArgumentTypeError(f"expected a date like 2024-05-31, got {value!r}") from err
    return value.strip()


def _workspace(args: argparse.Namespace):
    """The workspace WORKSPACE names (a folder with refkit.toml), or None for a bare tracker folder."""
    from refkit.workspace import is_workspace, load_workspace

    return load_workspace(args.workspace, allow_guesses=True) if is_workspace(args.workspace) else None


def _add(args: argparse.Namespace) -> int:
    from refkit._errors import OptionError

    if args.ranked is None:
        ws = _workspace(args)
        if ws is None:
            raise OptionError(f"{args.workspace} is not a workspace (no refkit.toml): name the ranked CSV to add, "
                              "e.g. refkit track DIR add ranked.csv")
        args.ranked = ws.out / "ranked.csv"
        if not args.ranked.is_file():
            raise OptionError(f"{args.ranked}: no ranked list yet; run `refkit rank {args.workspace}` first, "
                              "which writes it", path=args.ranked)
    ranked = read_ranked(args.ranked)
    with Tracker(args.workspace) as tracker:
        counts = tracker.add(ranked, today=args.date, source=str(args.ranked))
        path = tracker.path
    _say(f"{counts['added']} targets added, {counts['updated']} updated in {path}")
    return 0


def _set(args: argparse.Namespace) -> int:
    with Tracker(args.workspace, create=False) as tracker:
        event = tracker.set_status(
            args.person, args.status, introducer=args.introducer, note=args.note, when=args.date,
            personal_note=True if args.personal_note else None,
        )
    via = f" (introducer: {event['introducer']})" if event["introducer"] else ""
    _say(f"{event['name']}: {event['status']} on {event['at']}{via}")
    return 0


def _list(args: argparse.Namespace) -> int:
    with Tracker(args.workspace, create=False, read_only=True) as tracker:
        table = tracker.table(today=args.date)
    if table.empty:
        _say("No targets yet: add a ranked list with `refkit track WORKSPACE add RANKED.csv`.")
    else:
        _say(_show(table.drop(columns=["profile_url", "key"]), keep=("name", "status")))
    return 0


def _next(args: argparse.Namespace) -> int:
    import warnings

    from refkit._errors import RefkitError, RefkitWarning
    from refkit.rank import DEFAULT_MIN_MUTUAL
    from refkit.workspace import Workspace

    try:
        ws = _workspace(args)
    except RefkitError as err:  # the tracker does not need the files refkit.toml names
        if args.min_mutual is None:
            warnings.warn(f"{err}; planning with the default threshold of {DEFAULT_MIN_MUTUAL}",
                          RefkitWarning, stacklevel=2)
        ws = None
    settings = ws if ws is not None else Workspace(folder=args.workspace, export=args.workspace)  # the defaults
    rule = settings.track_options()
    quotas = settings.plan_options()
    for name, value in (("min_mutual", args.min_mutual), ("max_open_asks", args.max_open_asks)):
        if value is not None:
            rule[name] = quotas[name] = value
    if args.account is not None and args.account != quotas["account"]:
        quotas.update(account=args.account, monthly_notes=None)  # the account's own number of notes
    same = {"today": args.date, "no_response_days": args.days, "pending": args.pending}  # one rule: both
    with Tracker(args.workspace, create=False, read_only=True) as tracker:               # views get the same facts
        steps = tracker.next_steps(**same, **rule)
        plan = tracker.weekly_plan(budget=args.budget, **same, **quotas)
        asks = tracker.open_asks(today=args.date, no_response_days=args.days)
    _say("Next steps:")
    # whom to ask beside the name: on a narrow terminal the action is cut before the name it ends with
    shown = steps[["name", "ask", *(c for c in steps.columns if c not in ("name", "ask", "key"))]]
    _say(_show(shown, keep=("name", "ask", "action")) if not steps.empty else "  nothing to do right now")
    attrs = plan.attrs
    _say()
    _say(
        f"Invitations this week: {attrs['sent_this_week']} sent, "
        f"{attrs['left']} left of {attrs['budget']}:"
    )
    _say(_show(plan.drop(columns=["key", "status"]), keep=("name", "action", "note")) if not plan.empty else "  none")
    _say()
    _say(_wrapped(_quota_line(attrs)))
    if len(asks):
        busy = ", ".join(f"{name} {count}" for name, count in asks.items())
        _say(_wrapped(f"Open asks by introducer (at most {rule['max_open_asks']} each): {busy}"))
    return 0


def _wrapped(text: str) -> str:
    """A sentence folded to the terminal's width (continuation lines indented)."""
    import shutil
    import textwrap

    width = max(shutil.get_terminal_size((80, 24)).columns, 40)
    return textwrap.fill(text, width=width, subsequent_indent="  ", break_long_words=False, break_on_hyphens=False)


def _quota_line(attrs: dict[str, Any]) -> str:
    """The account's quotas in one sentence."""
    from refkit._text import plural

    notes = attrs["personal_notes_left"]
    used = attrs["personal_notes_used_this_month"]
    if notes is None:
        noted = f"personal notes: no monthly limit on {attrs['account']} ({used} used this month)"
    else:
        noted = f"personal notes: {notes} left this month ({used} used, {attrs['account']} account)"
    return (f"LinkedIn quotas: {plural(attrs['sent_last_7_days'], 'invitation')} in the last 7 days "
            f"of at most {attrs['weekly_limit']}; {noted}")


def _funnel(args: argparse.Namespace) -> int:
    with Tracker(args.workspace, create=False, read_only=True) as tracker:
        table = tracker.funnel(by=args.by, today=args.date)
    if table.empty:
        _say("Nothing recorded yet: the funnel fills as you record asks with `refkit track WORKSPACE set`.")
        return 0
    _say(f"How far each path went, by {args.by} (paths that reached each stage):")
    _say(_show(table, keep=(args.by, "paths")))
    return 0


def _export(args: argparse.Namespace) -> int:
    from refkit._errors import OptionError
    from refkit.cli import _output

    args.workspace_found, args.output_default = _workspace(args), False
    if args.output is None:
        if args.workspace_found is None:
            raise OptionError(f"-o is required when {args.workspace} is not a workspace (a folder with refkit.toml)")
        args.output, args.output_default = str(args.workspace_found.output("tracker.csv")), True
    _output.check_suffix(args.output, _output.TABLE_SUFFIXES, command="track export")
    with Tracker(args.workspace, create=False, read_only=True) as tracker:
        protect = _output.tracker_files(tracker.path)  # never written over, even with --force
        if args.workspace_found is not None:
            protect += args.workspace_found.inputs()
        shown = argparse.Namespace(force=args.force, output=args.output, output_default=args.output_default,
                                   workspace=args.workspace_found)
        path = _output.write_table(tracker.table(), args.output, sheet_name="tracker",  # as Tracker.export
                                   overwrite=_output.may_replace(shown), bom=args.bom,
                                   include_email=args.include_email, protect=protect)
        _output.record_made(shown, [path])
    message = f"wrote {_output.shown(args.output, path)}"
    if _output.is_stdout(args.output):  # standard output holds the CSV: say it on stderr
        print(message, file=sys.stderr)
    else:
        _say(message)
    return 0
