"""``refkit graph``: the interactive network as one offline HTML page."""

from __future__ import annotations

import argparse
import sys

from refkit.cli._common import add_network_args, add_output_arg, load_ranked, say_companies


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("graph", help="draw your network as an interactive HTML page",
                            description="Draw you, your connections and the people you could reach "
                                        "as an offline, interactive HTML page.")
    add_network_args(parser)
    parser.add_argument("--max-nodes", metavar="N", type=int, default=1500,
                        help="most people on the page (default 1500)")
    parser.add_argument("--title", metavar="TEXT", default="Your network", help="heading of the page")
    parser.add_argument("--force", action="store_true", help="overwrite OUT.html if it exists")
    add_output_arg(parser, "OUT.html", "HTML file to write, - for standard output")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from refkit.cli import _output
    from refkit.export import write_text
    from refkit.rank import threshold_summary
    from refkit.view import network_view

    inputs, overwrite = _output.prepare_file(args, name="network.html", suffixes=(".html", ".htm"),
                                             command="graph")
    network, ranked, companies = load_ranked(args)  # matched before any pseudonymising
    say_companies(args, network, ranked)
    view = network_view(network, ranked=ranked, min_mutual=args.min_mutual, companies=companies,
                        max_nodes=args.max_nodes, heading=args.title)
    path = write_text(view.html, _output.target(args.output), overwrite=overwrite, protect=inputs)
    _output.record_made(args, [path])
    print(threshold_summary(network, min_mutual=args.min_mutual).message, file=_output.info(args.output))
    left_out = f" ({view.omitted} left out, see --max-nodes)" if view.omitted else ""
    print(f"wrote {len(view.nodes)} people{left_out} to {_output.shown(args.output, path)}", file=sys.stderr)
    return 0
