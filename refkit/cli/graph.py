"""``refkit graph``: the interactive network as one offline HTML page, or a graph file.

``-o net.html`` (the default) writes the page; ``-o net.gexf`` a GEXF file for
Gephi and ``-o net.graphml`` a GraphML file for Cytoscape and yEd, with the same
people and groups (:mod:`refkit.graphfile`). Another ending is refused.
"""

from __future__ import annotations

import argparse
import sys

from refkit.cli._common import add_network_args, add_output_arg, load_ranked, say_companies


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("graph", help="draw your network as an interactive HTML page",
                            description="Draw you, your connections and the people you could reach "
                                        "as an offline, interactive HTML page (-o OUT.html), or write "
                                        "them as a graph file for Gephi (-o OUT.gexf), Cytoscape or yEd "
                                        "(-o OUT.graphml).")
    add_network_args(parser)
    parser.add_argument("--max-nodes", metavar="N", type=int, default=1500,
                        help="most people on the page (default 1500)")
    parser.add_argument("--title", metavar="TEXT", default="Your network", help="heading of the page")
    parser.add_argument("--force", action="store_true", help="overwrite OUT.html if it exists")
    add_output_arg(parser, "OUT.html", "HTML page to write (OUT.gexf, OUT.graphml: a graph file), "
                                       "- for standard output")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from refkit.cli import _output
    from refkit.export import write_text
    from refkit.graphfile import GRAPH_FORMATS, write_graph
    from refkit.rank import threshold_summary
    from refkit.view import network_view

    suffixes = (".html", ".htm", *GRAPH_FORMATS)
    inputs, overwrite = _output.prepare_file(args, name="network.html", suffixes=suffixes, command="graph")
    graph_format = GRAPH_FORMATS.get(_output.check_suffix(args.output, suffixes, command="graph"))
    network, ranked, companies = load_ranked(args)  # matched before any pseudonymising
    say_companies(args, network, ranked)
    view = network_view(network, ranked=ranked, min_mutual=args.min_mutual, companies=companies,
                        max_nodes=args.max_nodes, heading=args.title)
    if graph_format is None:
        path = write_text(view.html, _output.target(args.output), overwrite=overwrite, protect=inputs)
    else:
        path = write_graph(view, args.output, format=graph_format, overwrite=overwrite, protect=inputs)
    _output.record_made(args, [path])
    print(threshold_summary(network, min_mutual=args.min_mutual).message, file=_output.info(args.output))
    left_out = f" ({view.omitted} left out, see --max-nodes)" if view.omitted else ""
    print(f"wrote {len(view.nodes)} people{left_out} to {_output.shown(args.output, path)}", file=sys.stderr)
    return 0
