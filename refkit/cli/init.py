"""``refkit init DIR [--from FOLDER]``: create a workspace's refkit.toml."""

from __future__ import annotations

import argparse
import textwrap


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("init", help="create a workspace (refkit.toml) for one job search",
                            description="Create a workspace folder with a refkit.toml listing your files.")
    parser.add_argument("folder", metavar="DIR")
    parser.add_argument("--from", dest="source", metavar="FOLDER", help="a folder of your LinkedIn files")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from refkit._text import plural
    from refkit.workspace import init_workspace

    report = init_workspace(args.folder, source=args.source)
    if report.created:
        print(f"wrote {report.config}, listing what it found:")
    elif report.added:
        print(f"added {plural(len(report.added), 'shared export')} to {report.config} "
              "(what you wrote there is kept); found:")
    else:
        print(f"{report.config} already names every shared export found; left as you wrote it. Found:")
    for item, _ in report.found:
        print(textwrap.fill(item, 80, initial_indent="  ", subsequent_indent="    "))
    if report.to_fill:
        print("Still to fill in refkit.toml:")
        for item in report.to_fill:
            print(textwrap.fill(item, 80, initial_indent="- ", subsequent_indent="  "))
    return 0
