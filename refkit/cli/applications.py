"""``refkit applications``: the jobs you applied for, and who can refer you at each."""

from __future__ import annotations

import argparse
import sys

import pandas as pd

from refkit._text import plural
from refkit.cli._common import add_network_args, load_network, settle

DEFAULT_TOP = 3  # people shown per application in the terminal (the CSV has them all)

#: Mutual connections a person at a company you applied to needs to be listed: you already
#: applied, so any warm path helps; a friend's referral needs no 10 in common (that rule is
#: for cold invitations), so the workspace's min_mutual does not apply here, only the flag.
DEFAULT_MIN_MUTUAL = 1


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "applications", help="your job applications and who can refer you at each",
        description="List the jobs you applied for (the archive's Jobs/Job Applications.csv) and, for "
                    "each, who can refer you: your connections at the company first, then people "
                    "there you can reach, with the connection to ask for the introduction. With -o, "
                    "writes the whole list with a referral request for each person as CSV.")
    add_network_args(parser, targets=False)  # the companies are the jobs applied for
    for action in parser._actions:  # the threshold of a referral, not of a cold invitation
        if action.dest == "min_mutual":
            action.help = (f"list people there sharing at least N connections with you (default "
                           f"{DEFAULT_MIN_MUTUAL}: you applied already, so any warm path helps; not the "
                           "workspace's min_mutual, which is for cold invitations)")
    parser.add_argument("--top", metavar="K", type=int, default=DEFAULT_TOP,
                        help=f"connections and people to reach shown per application (default {DEFAULT_TOP} "
                             "of each; the CSV has all)")
    parser.add_argument("--goal", metavar="TEXT", help="what you want to learn about, for the requests")
    parser.add_argument("--bom", action="store_true", help="write a UTF-8 BOM (for Excel)")
    parser.add_argument("--force", action="store_true", help="overwrite OUT.csv if it exists")
    parser.add_argument("-o", "--output", metavar="OUT.csv", dest="csv",
                        help="also write the list as CSV, - for standard output "
                             "(a workspace: out/applications.csv)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from refkit._validate import whole_number
    from refkit.cli import _output
    from refkit.draft import add_application_drafts
    from refkit.export import write_csv
    from refkit.jobs import who_can_refer
    from refkit.workspace import is_workspace

    top = whole_number(args.top, "--top", minimum=1)
    # --min-mutual given on the command line counts, the workspace's threshold does not
    min_mutual = (DEFAULT_MIN_MUTUAL if args.min_mutual is None
                  else whole_number(args.min_mutual, "--min-mutual", minimum=1))
    write = args.csv is not None or is_workspace(args.export)
    inputs: list = []
    overwrite = False
    if write:
        args.output = args.csv
        inputs, overwrite = _output.prepare_file(args, name="applications.csv", suffixes=(".csv", ".txt"),
                                                 command="applications")
    else:
        settle(args)
    network = load_network(args)
    if getattr(args, "pseudonymize", None) is not None:
        from refkit.privacy import pseudonymize

        network, _ = pseudonymize(network, key=args.pseudonymize)
    who = who_can_refer(network, min_mutual=min_mutual, tags=_tags(args))
    out = _output.info(args.output) if write else sys.stdout
    print(_listing(who, top=top), file=out)
    if write:
        table = add_application_drafts(who, me=network.me_name, goal=args.goal)
        path = write_csv(table, _output.target(args.output), bom=args.bom, overwrite=overwrite, protect=inputs)
        _output.record_made(args, [path])
        print(f"wrote {plural(len(table), 'row')} to {_output.shown(args.output, path)}", file=sys.stderr)
    return 0


def _tags(args: argparse.Namespace):
    from refkit.read import read_tag_map

    return read_tag_map(args.tags) if args.tags else None


def _day(value: object) -> str:
    return "" if pd.isna(value) else f"{pd.Timestamp(value):%d %b %Y}"  # type: ignore[arg-type]


def _listing(who: pd.DataFrame, *, top: int, columns: int | None = None) -> str:
    """The applications as the terminal shows them: each job, then who to ask, cut to the width."""
    from refkit._text import clean_text, scrub_emails
    from refkit.cli._table import width

    columns = columns or width()
    if who.empty:
        return ("No job applications in your export (the archive's Jobs/Job Applications.csv); "
                "download the full archive to get them.")

    def cut(text: str, limit: int) -> str:
        text = text.rstrip()
        return text if len(text) <= limit else text[: max(limit - 1, 0)] + "…"

    def plain(value: object) -> str:  # other people's text: cleaned, one line, without e-mail addresses
        return scrub_emails(" ".join(clean_text(value).split()))

    n_apps = who["application"].nunique()
    helped = who.loc[who["name"].notna(), "application"].nunique()
    lines = [cut(f"Your {plural(n_apps, 'application')} and who can refer you at each "
                 f"({helped} with someone to ask):", columns)]
    for _, group in who.groupby("application", sort=True):
        first = group.iloc[0]
        title = plain(first["job_title"]) if isinstance(first["job_title"], str) else "a job"
        day = _day(first["applied_on"])
        lines += ["", cut(f"{day + '  ' if day else ''}{title} at {plain(first['company'])}", columns)]
        people = group[group["name"].notna()]
        if people.empty:
            lines.append(cut(f"  {plain(first['note'])}", columns))
            continue
        shown = pd.concat([people[people["degree"] == 1].head(top), people[people["degree"] == 2].head(top)])
        name_width = min(max(len(plain(n)) for n in shown["name"]), 26)
        for person in shown.itertuples(index=False):
            how = plain(person.how) + (_at(plain(person.position)) if person.degree == 1 else "")
            name = cut(plain(person.name), name_width)
            lines.append(cut(f"  {name:<{name_width}}  {how}", columns))
        if len(people) > len(shown):
            lines.append(cut(f"  and {len(people) - len(shown)} more (--top {len(people)} shows them all, "
                             "and so does the CSV)", columns))
    return "\n".join(lines)


def _at(position: object) -> str:
    return f", {position}" if isinstance(position, str) and position else ""
