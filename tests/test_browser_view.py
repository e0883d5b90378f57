"""The network page in a real browser (headless Chromium): offline, inert payloads, fast at 1,500."""

import os
import time
import warnings
from pathlib import Path

import pandas as pd
import pytest
from conftest import SAMPLES

from refkit.build import Network, build_network
from refkit.testing import star_network
from refkit.view import COLORS, LABEL_MIN_PX, LAYER_LABEL_MIN_PX, network_view

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
# Screenshots for the README go to docs/ with `make screenshots` (REFKIT_SCREENSHOTS=docs);
# otherwise they are still taken, into the test's temporary folder, so the tree stays clean.
DOCS = Path(__file__).resolve().parent.parent / "docs"

XSS_ME = "<img src=x onerror=\"window.__pwned=1\">"
XSS_TARGET = "</script><script>window.__pwned=2</script>"
XSS_COMPANY = "<img src=y onerror=\"window.__onerror=1\">"
XSS_HEADING = "<b>Plan</b></title><script>window.__pwned=4</script>"


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: install the Debian 'chromium' package (CI does); "
                    "these tests need a real browser")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        yield browser
        browser.close()


class Visit:
    """A page opened on a file, with its console errors and every request made."""

    def __init__(self, browser, path, *, timeout=30_000):
        self.page = browser.new_page(viewport={"width": 1280, "height": 900})
        self.errors, self.requests = [], []
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("request", lambda r: self.requests.append(r.url))
        start = time.perf_counter()
        self.page.goto(Path(path).as_uri())
        # the page's CSP forbids eval, which wait_for_function may need: wait for the attribute
        # the page sets together with window.refkitReady
        self.page.wait_for_selector("body[data-refkit-ready=true]", state="attached", timeout=timeout)
        self.seconds = time.perf_counter() - start

        assert self.page.evaluate("window.refkitReady") is True

    def counts(self):
        return self.page.evaluate("[window.refkitNetwork.body.data.nodes.length,"
                                  " window.refkitNetwork.body.data.edges.length]")

    def offline(self):
        return [u for u in self.requests if not u.startswith(("file:", "data:", "about:"))]


def xss_network():
    people = pd.DataFrame(
        {
            "name": [XSS_ME, "Ann Lee", "Bob Ray", "Cy Fox", XSS_TARGET, "Uma Hill"],
            "company": [None, "Globex", "Initech", "Hooli", XSS_COMPANY, "Stripe"],
            "position": [None, "PM", "Dev", "Dev", "Engineer", "<script>window.__pwned=5</script>"],
            "degree": [0, 1, 1, 1, 2, 2],
        },
        index=pd.Index(["me", "ann", "bob", "cy", "tara", "uma"], name="key"),
    )
    ties = pd.DataFrame(
        [("me", "ann"), ("me", "bob"), ("me", "cy"), ("ann", "tara"), ("bob", "tara"),
         ("bob", "uma"), ("cy", "uma")],
        columns=["a", "b"],
    ).assign(source="x.csv", kind="shared")
    return Network(people=people, ties=ties, me="me")


def test_page_is_inert_offline_and_shows_payloads_as_text(browser, tmp_path):
    view = network_view(xss_network(), min_mutual=2, companies=[XSS_COMPANY, "Stripe"],
                        heading=XSS_HEADING)
    path = view.save(tmp_path / "network.html")
    visit = Visit(browser, path)
    page = visit.page
    assert visit.counts() == [len(view.nodes), len(view.edges)] == [6, 7]
    assert visit.errors == []
    assert visit.offline() == []
    assert page.evaluate("[typeof window.__pwned, typeof window.__onerror]") == ["undefined", "undefined"]
    assert page.evaluate("document.images.length") == 0
    assert page.evaluate("document.querySelectorAll('script').length") == 3
    # the payloads are text: heading, legend, node labels, tooltips
    assert page.inner_text("#refkit-heading") == XSS_HEADING
    assert page.title() == XSS_HEADING
    assert page.inner_text("#refkit-legend-me") == XSS_ME
    assert page.inner_text("#refkit-legend-companies") == f" ({XSS_COMPANY}, Stripe)"
    labels = page.evaluate("Object.fromEntries(['me', 'tara'].map(id => "
                           "[id, window.refkitNetwork.body.nodes[id].options.label]))")
    assert labels == {"me": XSS_ME[:31] + "…", "tara": XSS_TARGET[:31] + "…"}
    # hover a target: the tooltip shows the title as plain text
    point = page.evaluate("""(() => {
        const net = window.refkitNetwork;
        net.moveTo({position: net.getPositions(['tara']).tara, scale: 1, animation: false});
        const dom = net.canvasToDOM(net.getPositions(['tara']).tara);
        const box = document.querySelector('#refkit-network canvas').getBoundingClientRect();
        return [box.left + dom.x, box.top + dom.y];
    })()""")
    page.mouse.move(point[0] + 1, point[1] + 1)
    page.mouse.move(point[0], point[1])
    page.wait_for_selector("div.vis-tooltip", state="visible", timeout=5000)
    tip = page.inner_text("div.vis-tooltip")
    assert tip.splitlines()[:3] == [XSS_TARGET, "Engineer", XSS_COMPANY]
    # innerText turns line breaks into <br>: no other element was made from the text
    assert page.evaluate("Array.from(document.querySelector('div.vis-tooltip').children)"
                         ".map(c => c.tagName)") == ["BR"] * 5
    # search uses the text too
    page.fill("#refkit-search", "script")
    page.press("#refkit-search", "Enter")
    assert page.inner_text("#refkit-found") == XSS_TARGET
    assert page.evaluate("window.refkitNetwork.getSelectedNodes()") == ["tara"]
    assert page.evaluate("[typeof window.__pwned, typeof window.__onerror]") == ["undefined", "undefined"]
    assert visit.errors == [] and visit.offline() == []
    page.close()


def test_sample_network_screenshot(browser, tmp_path):
    from refkit.cli.demo import sample_inputs
    from refkit.testing import write_samples

    write_samples(tmp_path / "samples")
    inputs = sample_inputs(tmp_path / "samples")
    tags = inputs.pop("tags")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        network = build_network(**inputs)
    view = network_view(network, tags=tags, heading="Minh's network: who can introduce you")
    path = view.save(tmp_path / "network.html")
    visit = Visit(browser, path)
    assert visit.counts() == [len(view.nodes), len(view.edges)]
    assert len(view.nodes) > 200 and visit.errors == [] and visit.offline() == []
    shot = (DOCS if os.environ.get("REFKIT_SCREENSHOTS") == "docs" else tmp_path) / "network.png"
    visit.page.screenshot(path=str(shot))
    assert shot.read_bytes()[:4] == b"\x89PNG"
    visit.page.close()


def test_1500_nodes_ready_fast(browser, tmp_path):
    view = network_view(star_network(1100, 399), companies=["Stripe"])
    assert len(view.nodes) == 1500 and view.omitted == 0
    path = view.save(tmp_path / "big.html")
    visit = Visit(browser, path)
    print(f"\n1,500 nodes / {len(view.edges)} edges ready in {visit.seconds:.2f} s")
    assert visit.counts() == [1500, len(view.edges)]
    assert visit.seconds < 10
    assert visit.errors == [] and visit.offline() == []
    visit.page.close()


def test_the_legend_names_target_companies_only_when_there_are_some(browser, tmp_path):
    for companies, shown in (([], False), (["Stripe"], True)):
        path = network_view(xss_network(), min_mutual=2, companies=companies).save(tmp_path / f"n{len(companies)}.html")
        visit = Visit(browser, path)
        assert visit.page.is_visible("#refkit-legend-company-row") is shown
        assert visit.errors == []
        visit.page.close()


def test_the_default_picture_is_you_introducers_and_targets_with_a_layer_for_the_rest(browser, tmp_path):
    import warnings as _warnings

    from refkit.workspace import load_workspace

    with _warnings.catch_warnings():
        _warnings.simplefilter("ignore")
        network = build_network(**load_workspace(SAMPLES).network_options())
    view = network_view(network, min_mutual=10)
    visit = Visit(browser, view.save(tmp_path / "network.html"))
    page = visit.page
    shown = page.evaluate("window.refkitNetwork.body.data.nodes.get({filter: n => !n.hidden})"
                          ".map(n => [n.group, n.degree])")
    groups = [g for g, _ in shown]
    targets = [n for n in view.nodes if n["degree"] == 2]
    introducers = [n for n in view.nodes if n["group"] == "introducer"]
    assert groups.count("target") + groups.count("company") == len(targets) > 0  # every target
    assert groups.count("introducer") == len(introducers) > 0  # every introducer
    assert groups.count("first") <= 5  # at most a handful of your other connections
    others = sum(1 for n in view.nodes if n["group"] == "first")
    assert page.inner_text("#refkit-first-count") == f"({others} more)"
    # labels only where they can be read: at the first picture every target's and introducer's
    # label is drawn full size on screen ...
    drawn = ("(id) => { const net = window.refkitNetwork; const node = net.body.nodes[id];"
             " const label = node.labelModule;"  # what vis-network's label drawing reads
             " return [label.fontOptions.size * net.getScale(),"
             " label.elementOptions.scaling.label.drawThreshold, node.options.color.background]; }")
    for node in targets + introducers:
        px, threshold, _ = page.evaluate(drawn, node["id"])
        assert threshold == LABEL_MIN_PX + 1 and px >= threshold, (node["name"], px)
    page.check("#refkit-all-first")
    assert page.evaluate("window.refkitNetwork.body.data.nodes.get({filter: n => !n.hidden}).length") == len(view.nodes)
    # ... and the dense layer of your other connections is dots until you zoom in; shown by the
    # switch, its dots keep the legend's colour (vis-network's own palette otherwise)
    layer = [n for n in view.nodes if n["group"] == "first"]
    for node in layer[:20]:
        px, threshold, colour = page.evaluate(drawn, node["id"])
        assert threshold == LAYER_LABEL_MIN_PX + 1 and px < LAYER_LABEL_MIN_PX  # not drawn
        assert colour == COLORS["first"]
    page.evaluate("window.refkitNetwork.moveTo({scale: 1})")
    px, threshold, _ = page.evaluate(drawn, layer[0]["id"])
    assert px >= threshold  # zoomed in: named
    page.uncheck("#refkit-all-first")
    # search: the people you could reach first, Enter again for the next
    target = max(targets, key=lambda n: n["mutual_count"])
    query = target["name"].split()[0]
    hits = [n for n in view.nodes if query.casefold() in n["search"]]
    page.fill("#refkit-search", query)
    page.press("#refkit-search", "Enter")
    assert page.evaluate("window.refkitNetwork.getSelectedNodes()") == [target["id"]]
    if len(hits) > 1:
        assert page.inner_text("#refkit-found").startswith(f"1 of {len(hits)}: {target['name']}")
        page.press("#refkit-search", "Enter")
        assert page.inner_text("#refkit-found").startswith(f"2 of {len(hits)}: ")
    page.screenshot(path="/tmp/refkit-network-look.png")  # looked at by a person, not compared
    assert visit.errors == []
    page.close()
