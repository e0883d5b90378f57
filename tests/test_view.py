"""The network page: nodes and edges worked out by hand, the cap, offline, escaping; refkit graph/report."""

import copy
import html
import json
import re

import pandas as pd
import pytest
from linkedin_files import connections

from refkit import RefkitError
from refkit.build import Network, build_network
from refkit.cli import main
from refkit.rank import rank_targets
from refkit.view import NetworkView, network_view

XSS_NAME = "<img src=x onerror=\"window.__pwned=1\">"
XSS_TARGET = "</script><script>window.__pwned=2</script>"
XSS_COMPANY = "\"><svg onload=\"window.__pwned=3\">"
XSS_POSITION = "&amp; <b>boss</b>\u2028line"
XSS_HEADING = "<b>Plan</b></title><script>window.__pwned=4</script>"


def make_network(*, names=None, company=None, position=None):
    """Me; 1st ann, bob, cy, dee; 2nd tara (Stripe; ann, bob, cy), uma (bob, dee), vic (cy)."""
    names = names or ["Me Myself", "Ann Lee", "Bob Ray", "Cy Fox", "Dee Oak", "Tara Stone",
                      "Uma Hill", "Vic Moss"]
    people = pd.DataFrame(
        {
            "name": names,
            "company": [None, "Globex", "Initech", "Hooli", "Acme", company or "Stripe, Inc.",
                        "Epic Games", "Metabase"],
            "position": [None, "PM", "Dev", "Dev", "HR", position or "Senior Data Engineer",
                         "Engineer", "Recruiter"],
            "degree": [0, 1, 1, 1, 1, 2, 2, 2],
        },
        index=pd.Index(["me", "ann", "bob", "cy", "dee", "tara", "uma", "vic"], name="key"),
    )
    ties = pd.DataFrame(
        [("me", x) for x in ("ann", "bob", "cy", "dee")]
        + [("ann", "tara"), ("bob", "tara"), ("cy", "tara"), ("bob", "uma"), ("dee", "uma"),
           ("cy", "vic")],
        columns=["a", "b"],
    ).assign(source="x.csv", kind="shared")
    return Network(people=people, ties=ties, me="me")


OPTIONS = {"min_mutual": 2, "companies": ["Stripe"], "tags": {"Bob Ray": ["close"]}}


def page_data(page):
    match = re.search(r'<script type="application/json" id="refkit-data">(.*?)</script>', page, re.S)
    assert match, "no data block"
    return json.loads(match.group(1))


def test_nodes_and_edges_by_hand():
    view = network_view(make_network(), **OPTIONS)
    got = [(n["id"], n["group"], n["degree"], n["mutual_count"]) for n in view.nodes]
    # ring order: people leading to the best target (tara) first, its introducer bob first
    assert got == [
        ("me", "you", 0, 0),
        ("bob", "introducer", 1, 2),
        ("ann", "first", 1, 1),
        ("cy", "first", 1, 1),
        ("dee", "first", 1, 1),
        ("tara", "company", 2, 3),
        ("uma", "target", 2, 2),
    ]
    assert [(e["from"], e["to"], e["kind"]) for e in view.edges] == [
        ("me", "bob", "connection"), ("me", "ann", "connection"), ("me", "cy", "connection"),
        ("me", "dee", "connection"),
        ("bob", "tara", "introducer"), ("ann", "tara", "mutual"), ("cy", "tara", "mutual"),
        ("bob", "uma", "introducer"), ("dee", "uma", "mutual"),
    ]
    assert view.omitted == 0
    tara = view.nodes[5]
    assert tara["title"] == ("Tara Stone\nSenior Data Engineer\nStripe, Inc.\n"
                             "2nd-degree: 3 mutual connections\nBest introducer: Bob Ray\n"
                             "Works at a target company")
    assert view.nodes[1]["title"] == ("Bob Ray\nDev\nInitech\n1st-degree connection\n"
                                      "Mutual connection of 2 people shown\n"
                                      "Best introducer for 2 people")
    assert view.nodes[0]["title"] == "Me Myself\nYou"
    # bigger for more mutual connections; introducers and target-company people have a border
    assert tara["size"] > view.nodes[6]["size"] > view.nodes[2]["size"]
    assert [n["borderWidth"] for n in view.nodes] == [1, 3, 1, 1, 1, 3, 1]
    # the user is at the centre
    assert (view.nodes[0]["x"], view.nodes[0]["y"]) == (0.0, 0.0)
    # everything is plain JSON and is exactly what the page holds
    data = page_data(view.html)
    assert data["nodes"] == view.nodes and data["edges"] == view.edges
    assert data["options"]["physics"]["enabled"] is True
    assert data["options"]["edges"]["smooth"] is False
    assert data["options"]["physics"]["stabilization"]["iterations"] == 200


def test_given_ranking_is_used():
    net = make_network()
    ranked = rank_targets(net, min_mutual=1, tags={"Bob Ray": ["close"]})
    view = network_view(net, ranked=ranked.head(1))
    assert [n["id"] for n in view.nodes if n["degree"] == 2] == ["tara"]
    # tara has 3 mutual connections: the legend names the threshold only when everyone reaches it
    assert page_data(view.html)["threshold_text"] == "someone you could reach"
    view = network_view(net, ranked=ranked.head(1), min_mutual=3)
    assert page_data(view.html)["threshold_text"] == "3+ mutual connections"
    view = network_view(net, ranked=ranked, min_mutual=3)
    assert [n["id"] for n in view.nodes if n["degree"] == 2] == ["tara", "uma", "vic"]
    assert page_data(view.html)["threshold_text"] == "someone you could reach"
    with pytest.raises(RefkitError, match="missing columns key"):
        network_view(net, ranked=ranked.drop(columns=["key"]))


def test_cap_keeps_best_targets_and_their_introducers():
    view = network_view(make_network(), max_nodes=4, **OPTIONS)
    # tara with all three mutuals would need 4 places: she comes with her introducer only;
    # uma's introducer (bob) is already there
    assert [n["id"] for n in view.nodes] == ["me", "bob", "tara", "uma"]
    assert [(e["from"], e["to"]) for e in view.edges] == [("me", "bob"), ("bob", "tara"),
                                                          ("bob", "uma")]
    assert view.omitted == 3
    assert "Showing 4 of 7 people: 3 left out" in view.html
    assert "left out" not in network_view(make_network(), **OPTIONS).html


def test_cap_fills_with_other_connections_by_name():
    view = network_view(make_network(), max_nodes=6, min_mutual=3)
    # tara (3 mutuals) + ann, bob, cy = 4 places; one left: dee (the only other connection)
    assert sorted(n["id"] for n in view.nodes) == ["ann", "bob", "cy", "dee", "me", "tara"]
    assert view.omitted == 0
    view = network_view(make_network(), max_nodes=5, min_mutual=3)
    assert sorted(n["id"] for n in view.nodes) == ["ann", "bob", "cy", "me", "tara"]
    assert view.omitted == 1


def test_large_page_starts_without_physics():
    n = 1100
    people = pd.DataFrame({"name": ["Me"] + [f"P{i}" for i in range(n)], "degree": [0] + [1] * n},
                          index=pd.Index(["me"] + [f"p{i}" for i in range(n)], name="key"))
    ties = pd.DataFrame({"a": "me", "b": people.index[1:]}).assign(source="x", kind="connection")
    view = network_view(Network(people=people, ties=ties, me="me"), max_nodes=2000)
    assert len(view.nodes) == n + 1 and len(view.edges) == n
    assert page_data(view.html)["options"]["physics"]["enabled"] is False
    capped = network_view(Network(people=people, ties=ties, me="me"), max_nodes=1000)
    assert len(capped.nodes) == 1000 and capped.omitted == 101
    assert "Showing 1,000 of 1,101 people: 101 left out" in capped.html


def test_page_is_offline():
    page = network_view(make_network(), **OPTIONS).html
    assert not re.search(r"<script[^>]*\bsrc\s*=", page, re.I)
    assert not re.search(r"<link\b", page, re.I)
    assert not re.search(r"""(src|href)\s*=\s*["']?\s*(https?:)?//""", page, re.I)
    assert not re.search(r"url\(\s*[\"']?\s*(https?:)?//", page, re.I)
    assert "@import" not in page
    assert "sourceMappingURL" not in page
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]*)"', page).group(1)
    assert "default-src 'none'" in csp and "connect-src 'none'" in csp
    assert "unsafe-inline" not in csp.split("script-src")[1].split(";")[0]


def test_untrusted_text_only_escaped():
    names = [XSS_NAME, "Ann Lee", "Bob Ray", "Cy Fox", "Dee Oak", XSS_TARGET, "Uma Hill", "Vic Moss"]
    net = make_network(names=names, company=XSS_COMPANY, position=XSS_POSITION)
    view = network_view(net, min_mutual=2, companies=["Stripe", XSS_COMPANY], heading=XSS_HEADING)
    page = view.html
    for raw in (XSS_NAME, XSS_TARGET, XSS_COMPANY, XSS_HEADING, "<b>boss</b>", "\u2028",
                "window.__pwned=1\">", "<svg", "<img"):
        assert raw not in page, raw
    assert "<h1 id=\"refkit-heading\">" + html.escape(XSS_HEADING) + "</h1>" in page
    assert "<title>" + html.escape(XSS_HEADING) + "</title>" in page
    data = page_data(page)
    assert data["me"] == XSS_NAME
    assert data["companies"] == ["Stripe", XSS_COMPANY]
    by_id = {n["id"]: n for n in data["nodes"]}
    assert by_id["me"]["name"] == XSS_NAME
    assert by_id["me"]["label"] == XSS_NAME[:31] + "…"  # long labels are cut
    # U+2028 inside a position is a control-like separator: cleaned to a space in the tooltip
    assert by_id["tara"]["title"].split("\n")[:3] == [XSS_TARGET, "&amp; <b>boss</b> line",
                                                      XSS_COMPANY]
    assert by_id["tara"]["label"] == XSS_TARGET[:31] + "…"


def test_repr_html_is_an_iframe_with_the_page():
    view = network_view(make_network(), **OPTIONS)
    out = view._repr_html_()
    assert out.startswith("<div") and out.endswith("</iframe></div>")
    match = re.search(r'<iframe srcdoc="([^"]*)" sandbox="allow-scripts"', out)
    assert match and html.unescape(match.group(1)) == view.html
    assert "<script" not in out.split("<iframe")[1].split('sandbox')[0]


def test_save_refuses_to_overwrite(tmp_path):
    view = network_view(make_network(), **OPTIONS)
    path = view.save(tmp_path / "network.html")
    assert path.read_text(encoding="utf-8") == view.html
    path.write_text("mine", encoding="utf-8")
    with pytest.raises(RefkitError, match="network.html: file already exists"):
        view.save(path)
    assert path.read_text(encoding="utf-8") == "mine"
    view.save(path, overwrite=True)
    assert path.read_text(encoding="utf-8") == view.html
    with pytest.raises(RefkitError, match="does not exist"):
        view.save(tmp_path / "nope" / "x.html")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["network.html"]  # no temp files left


def test_input_network_not_mutated():
    net = make_network()
    people, ties = net.people.copy(deep=True), net.ties.copy(deep=True)
    ranked = rank_targets(net, **OPTIONS)
    ranked_before = copy.deepcopy(ranked)
    view = network_view(net, ranked=ranked, companies=["Stripe"])
    pd.testing.assert_frame_equal(net.people, people)
    pd.testing.assert_frame_equal(net.ties, ties)
    pd.testing.assert_frame_equal(ranked, ranked_before)
    assert isinstance(view, NetworkView)
    with pytest.raises(AttributeError):
        view.omitted = 5


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [({"max_nodes": 1}, "max_nodes must be a whole number of at least 2"),
     ({"max_nodes": True}, "max_nodes"),
     ({"height": "100px;background:url(x)"}, "height must be a CSS length"),
     ({"min_mutual": 0}, "min_mutual")],
)
def test_bad_options(kwargs, message):
    with pytest.raises(RefkitError, match=message):
        network_view(make_network(), **kwargs)


# ----------------------------------------------------------------------------
# command line

@pytest.fixture
def inputs(tmp_path):
    me = connections(tmp_path / "Connections.csv", [
        ("Ann", "Lee", "ann-lee", "Globex", "PM"),
        ("Bob", "Ray", "bob-ray", "Initech", "Dev"),
    ])
    ann = connections(tmp_path / "ann.csv", [
        ("Tara", "Stone", "tara-stone", "Stripe", "Data Engineer"),
        ("Uma", "Hill", "uma-hill", "Hooli", "Engineer"),
    ])
    bob = connections(tmp_path / "bob.csv", [("Tara", "Stone", "tara-stone", "Stripe", "Data Engineer")])
    return [str(me), "--shared", f"Ann Lee={ann}", "--shared", f"Bob Ray={bob}", "--me", "Me Myself",
            "--min-mutual", "2", "--company", "Stripe"]


def test_cli_graph(tmp_path, inputs, capsys):
    out = tmp_path / "network.html"
    assert main(["-q", "graph", *inputs, "-o", str(out)]) == 0
    data = page_data(out.read_text(encoding="utf-8"))
    assert sorted(n["label"] for n in data["nodes"]) == ["Ann Lee", "Bob Ray", "Me Myself", "Tara Stone"]
    assert [n["group"] for n in data["nodes"] if n["label"] == "Tara Stone"] == ["company"]
    assert len(data["edges"]) == 4
    captured = capsys.readouterr()
    assert captured.out == "1 person shares at least 2 connections with you (2 share at least 1)\n"
    assert main(["-q", "graph", *inputs, "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("refkit: error: ") and "already exists" in err and err.count("\n") == 1
    assert main(["-q", "graph", *inputs, "-o", str(out), "--force", "--max-nodes", "2"]) == 0
    assert len(page_data(out.read_text(encoding="utf-8"))["nodes"]) == 2


def test_cli_report(tmp_path, inputs, capsys):
    folder = tmp_path / "report"
    assert main(["-q", "report", *inputs, "-o", str(folder)]) == 0
    assert sorted(p.name for p in folder.iterdir()) == [
        "companies.png", "growth.png", "index.html", "introducers.png", "mutual_counts.png",
        "network.html", "ranked.csv"]
    for png in folder.glob("*.png"):
        assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    index = (folder / "index.html").read_text(encoding="utf-8")
    for name in ("companies.png", "growth.png", "introducers.png", "mutual_counts.png"):
        assert f'<img src="{name}"' in index
    assert '<a href="network.html">' in index and '<a href="ranked.csv">' in index
    assert "1 person shares at least 2 connections with you" in index
    # equal ties: the introducer is the first by name
    assert "<td>1</td><td>Tara Stone</td><td>Stripe</td><td>Data Engineer</td><td>2</td><td>Ann Lee</td>" in index
    ranked = pd.read_csv(folder / "ranked.csv")
    assert ranked["name"].tolist() == ["Tara Stone"] and "invitation_note" in ranked
    capsys.readouterr()
    assert main(["-q", "report", *inputs, "-o", str(folder)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("refkit: error: ") and "--force" in err and err.count("\n") == 1
    assert main(["-q", "report", *inputs, "-o", str(folder), "--force"]) == 0


def test_cli_report_escapes(tmp_path, capsys):
    me = connections(tmp_path / "Connections.csv", [("Ann", "Lee", "ann-lee", "Globex", "PM")])
    ann = connections(tmp_path / "ann.csv", [("<script>x</script>", "Evil", "evil", "<b>Co</b>",
                                              "<img src=x onerror=alert(1)>")])
    folder = tmp_path / "r"
    assert main(["-q", "report", str(me), "--shared", f"Ann Lee={ann}", "--min-mutual", "1",
                 "--title", "<i>T</i>", "-o", str(folder)]) == 0
    index = (folder / "index.html").read_text(encoding="utf-8")
    assert "<script" not in index and "<b>Co</b>" not in index and "<i>T</i>" not in index
    assert "<td>&lt;b&gt;Co&lt;/b&gt;</td><td>&lt;img src=x onerror=alert(1)&gt;</td>" in index
    assert "<img src=x" not in index


def test_cli_bad_input(tmp_path, capsys):
    assert main(["graph", str(tmp_path / "missing.csv"), "-o", str(tmp_path / "x.html")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("refkit: error: ") and err.count("\n") == 1
    bad = tmp_path / "bad.csv"
    bad.write_text("a,b\n1,2\n", encoding="utf-8")
    assert main(["report", str(bad), "-o", str(tmp_path / "r")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("refkit: error: ") and err.count("\n") == 1
    assert not (tmp_path / "r").exists()


def test_a_target_known_only_by_its_count_is_tied_to_you_not_left_floating():
    import warnings

    from conftest import SAMPLES

    from refkit.workspace import load_workspace

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        network = build_network(**load_workspace(SAMPLES).network_options())
    view = network_view(network, min_mutual=10)
    named = {e["to"] for e in view.edges if e["kind"] in ("introducer", "mutual")}
    counted = [n["id"] for n in view.nodes if n["degree"] == 2 and n["id"] not in named]
    assert counted  # the samples have people whose mutual connections are only counted
    reported = {e["to"]: e for e in view.edges if e["kind"] == "reported"}
    assert set(reported) == set(counted)
    me = next(n["id"] for n in view.nodes if n["degree"] == 0)
    assert all(e["from"] == me and e["dashes"] is True for e in reported.values())
