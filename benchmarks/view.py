"""Time the network page in headless Chromium against pyvis's default page.

For networks of about 300, 1,500 and 3,000 people (the user, 1st-degree
connections and 2nd-degree targets with 10 mutual connections each), build
:func:`refkit.view.network_view`'s page and pyvis's default page
(``pyvis.network.Network().from_nx(G)`` then ``write_html``), open each from
``file://`` and measure the seconds from navigation until the drawing is
ready: ``window.refkitReady`` for refkit; for pyvis, the physics engine
reporting its stabilisation done (``network.physics.ready``).

pyvis's default page loads vis-network and Bootstrap from cdnjs/jsDelivr.
The machine is offline, so that page never draws ("offline" column). To still
measure its drawing cost, a second run serves the CDN's vis-network files from
pyvis's own copy (Playwright routes; the page's ``integrity`` attributes are
removed because pyvis's copy does not match the CDN file's hash) and answers
every other outside request (Bootstrap) with an error; that is the pyvis
column used for the ratio.

Run: ``.venv/bin/python benchmarks/view.py [--sizes 300 1500 3000] [--timeout 120]``.
Prints a markdown table and the machine.
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import sys
import tempfile
import time
from pathlib import Path

from refkit.build import Network, to_networkx
from refkit.testing import star_network
from refkit.view import network_view

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def synthetic(total: int, *, mutual: int = 10, seed: int = 0) -> Network:
    """A network of ``total`` people: the user, ~73 % connections, the rest targets."""
    n_first = int(total * 0.73)
    return star_network(n_first, total - 1 - n_first, mutual=mutual, seed=seed)


def pyvis_page(network: Network, keep: set[str], folder: Path) -> Path:
    """pyvis's default page for the same people and edges as refkit's page."""
    import networkx as nx
    from pyvis.network import Network as PyvisNetwork

    graph = to_networkx(network).subgraph(keep).copy()
    plain = nx.Graph()
    plain.add_nodes_from((str(n), {"label": str(d.get("name", n))}) for n, d in graph.nodes(data=True))
    plain.add_edges_from((str(a), str(b)) for a, b in graph.edges())
    net = PyvisNetwork()
    net.from_nx(plain)
    cwd = os.getcwd()
    os.chdir(folder)  # pyvis copies its lib/ folder into the working directory
    try:
        net.write_html("pyvis.html")
    finally:
        os.chdir(cwd)
    return folder / "pyvis.html"


def without_integrity(path: Path) -> Path:
    """A copy of a pyvis page without Subresource Integrity attributes.

    pyvis's bundled vis-network.min.js is not byte-identical to the CDN file
    its page names (the SRI hash does not match), so serving it in place of
    the CDN needs the ``integrity`` attributes removed.
    """
    text = re.sub(r'\sintegrity="[^"]*"', "", path.read_text(encoding="utf-8"))
    out = path.with_name("pyvis_no_sri.html")
    out.write_text(text, encoding="utf-8")
    return out


def time_page(browser, path: Path, ready_js: str | None, *, timeout: float,
              serve_cdn: bool) -> float | None:
    """Seconds from navigation to ready: ``ready_js`` true, or (None) refkit's ready attribute."""
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    if serve_cdn:
        vis = Path(sys.modules["pyvis"].__file__).parent / "lib" / "vis-9.1.2"

        def route(request_route):
            url = request_route.request.url
            if url.startswith(("file:", "data:")):
                return request_route.continue_()
            if "vis-network" in url and url.endswith(".js"):
                return request_route.fulfill(path=str(vis / "vis-network.min.js"),
                                             content_type="application/javascript")
            if "vis-network" in url and url.endswith(".css"):
                return request_route.fulfill(path=str(vis / "vis-network.css"), content_type="text/css")
            return request_route.abort()

        page.route("**/*", route)
    start = time.perf_counter()
    try:
        page.goto(path.as_uri(), wait_until="commit", timeout=timeout * 1000)
        if ready_js is None:
            # refkit's page forbids eval (CSP), which wait_for_function would need
            page.wait_for_selector("body[data-refkit-ready=true]", state="attached",
                                   timeout=timeout * 1000)
        else:
            page.wait_for_function(ready_js, timeout=timeout * 1000)
        return time.perf_counter() - start
    except Exception as err:  # noqa: BLE001 - a page that never gets ready is a result
        print(f"{path.name}: not ready: {str(err).splitlines()[0]}", file=sys.stderr)
        return None
    finally:
        page.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[300, 1500, 3000])
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds before giving up on a page")
    args = parser.parse_args(argv)

    import pyvis  # noqa: F401 - for its bundled files
    from playwright.sync_api import sync_playwright

    rows = []
    pyvis_ready = ("typeof network !== 'undefined' && network.physics && network.physics.ready === true"
                   " && network.body.data.nodes.length > 0")
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        for size in args.sizes:
            folder = Path(tmp) / str(size)
            folder.mkdir()
            network = synthetic(size)
            view = network_view(network, max_nodes=size)
            refkit_path = view.save(folder / "refkit.html")
            ours = time_page(browser, refkit_path, None,
                             timeout=args.timeout, serve_cdn=False)
            theirs_path = pyvis_page(network, {n["id"] for n in view.nodes}, folder)
            offline = time_page(browser, theirs_path, pyvis_ready, timeout=min(args.timeout, 15),
                                serve_cdn=False)
            theirs = time_page(browser, without_integrity(theirs_path), pyvis_ready, timeout=args.timeout, serve_cdn=True)
            rows.append((len(view.nodes), len(view.edges), ours, offline, theirs))
        browser.close()

    def fmt(value: float | None, limit: float) -> str:
        return f"{value:.2f}" if value is not None else f"> {limit:.0f} (never ready)"

    print("| nodes | edges | refkit s | pyvis default, offline s | pyvis default, CDN served locally s | ratio |")
    print("|---:|---:|---:|---:|---:|---:|")
    for nodes, edges, ours, offline, theirs in rows:
        ratio = (f"{theirs / ours:.1f}×" if ours and theirs
                 else f"> {args.timeout / ours:.0f}×" if ours else "n/a")
        print(f"| {nodes:,} | {edges:,} | {fmt(ours, args.timeout)} | {fmt(offline, 15)} | "
              f"{fmt(theirs, args.timeout)} | {ratio} |")
    print()
    print(f"Machine: {platform.platform()}, Python {platform.python_version()}, "
          f"{os.cpu_count()} CPUs ({platform.processor() or platform.machine()}); headless Chromium "
          f"{CHROMIUM}. Ratio = pyvis (CDN served locally) / refkit.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
