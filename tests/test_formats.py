"""The ecosystem's formats (issue 19): pyvis objects, networkx both ways, GEXF/GraphML, xlsx in the CLI."""

from __future__ import annotations

import csv
import html
import shutil
import warnings

import networkx as nx
import openpyxl
import pandas as pd
import pytest
from conftest import SAMPLES

from refkit import build_network, from_networkx, to_networkx
from refkit.build import Network
from refkit.cli import main
from refkit.examples import toy_network
from refkit.graphfile import write_graph
from refkit.rank import mutual_counts, rank_targets
from refkit.track import Tracker
from refkit.view import network_view
from refkit.workspace import load_workspace

HOSTILE_NAMES = ['<img src=x onerror="alert(1)">', 'see <a href="http://evil.example">me</a>',
                 "AT&T </script><b>", "=HYPERLINK(\"http://x\")", "\ufffeOdd\uffff", "Ann\u202eeeL"]
EMAIL = "jane.doe@example.org"


@pytest.fixture(scope="module")
def samples_network() -> Network:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return build_network(**load_workspace(SAMPLES, allow_guesses=True).network_options())


def _hostile_network() -> Network:
    """The toy network with strangers' names and companies that attack every medium."""
    net = toy_network()
    people = net.people.copy()
    targets = ["jane", "lee", "omar", "sara", "mia", "priya"]
    for key, name in zip(targets, HOSTILE_NAMES, strict=True):
        people.loc[key, "name"] = name
    people.loc["jane", "company"] = f"Stripe ({EMAIL})"
    people.loc["lee", "email"] = EMAIL
    return Network(people=people, ties=net.ties, me=net.me, reported=net.reported, messages=net.messages)


# ---------------------------------------------------------------------------- pyvis


def test_pyvis_object_holds_the_view(samples_network):
    view = network_view(samples_network, min_mutual=5)
    net = view.to_pyvis()
    assert net.get_nodes() == [n["id"] for n in view.nodes]
    by_id = {n["id"]: n for n in net.nodes}
    for node in view.nodes:
        got = by_id[node["id"]]
        assert (got["group"], got["label"], got["size"], got["x"], got["y"]) == (
            node["group"], node["label"], node["size"], node["x"], node["y"])
        assert got["color"] == node["color"] and got["physics"] is False
    assert {n["group"] for n in net.nodes} == {"you", "first", "introducer", "target"}
    assert sorted((e["from"], e["to"]) for e in net.edges) == sorted((e["from"], e["to"]) for e in view.edges)
    assert net.options.physics.enabled is False


def test_pyvis_titles_and_heading_stay_escaped():
    view = network_view(_hostile_network(), min_mutual=1, heading="<script>alert(1)</script> plan")
    net = view.to_pyvis()
    titles = {n["id"]: n["title"] for n in net.nodes}
    for node in view.nodes:
        assert titles[node["id"]] == html.escape(node["title"])
        assert html.unescape(titles[node["id"]]) == node["title"]
    assert not any("<" in t or ">" in t for t in titles.values())
    page = net.generate_html()  # pyvis' own page: a title holding "href" makes it use innerHTML
    for payload in ("<img src=x", '<a href="http://evil', "</script><b>", "<script>alert(1)"):
        assert payload not in page
    assert EMAIL not in page and "\u202e" not in page


# ---------------------------------------------------------------------------- networkx both ways


def _people_facts(net: Network) -> dict:
    frame = net.people[["name", "company", "position", "profile_url", "degree", "sources", "connected_on"]]
    return {key: tuple(None if pd.isna(v) else (v.date() if isinstance(v, pd.Timestamp) else v)
                       for v in row) for key, row in zip(frame.index, frame.itertuples(index=False), strict=True)}


def _tie_set(net: Network) -> set:
    return {(frozenset((a, b)), s, k) for a, b, s, k in net.ties[["a", "b", "source", "kind"]].itertuples(index=False)}


def test_networkx_round_trip_keeps_people_degrees_ties_and_sources(samples_network):
    again = from_networkx(to_networkx(samples_network))
    assert again.me == samples_network.me
    assert _people_facts(again) == _people_facts(samples_network)
    assert _tie_set(again) == _tie_set(samples_network)
    assert again.reported["mutual_count"].to_dict() == samples_network.reported["mutual_count"].to_dict()
    pd.testing.assert_frame_equal(mutual_counts(again).sort_index(), mutual_counts(samples_network).sort_index(),
                                  check_dtype=False)
    before, after = (rank_targets(n, min_mutual=5).set_index("key") for n in (samples_network, again))
    # the same people with the same counts (the order may differ: messages, which weigh the
    # introducers, are not in a graph)
    assert before["mutual_count"].to_dict() == after["mutual_count"].to_dict()


def test_a_graph_built_in_networkx_is_ranked():
    """Worked out by hand: you know Ann, Bob and Cy; Zoe knows Ann and Bob, Max knows Ann, Eve nobody."""
    G = nx.Graph()
    G.add_edges_from([("me", "ann"), ("me", "bob"), ("me", "cy"), ("ann", "zoe"), ("bob", "zoe"),
                      ("ann", "max"), ("zoe", "eve")])
    G.add_node("zoe", name="Zoe Ng", company="Stripe")
    G.add_edge("ann", "bob")  # two of your connections who know each other: no one to reach
    net = from_networkx(G, me="me")
    assert net.people["degree"].to_dict() == {"me": 0, "ann": 1, "bob": 1, "cy": 1, "zoe": 2, "max": 2,
                                              "eve": 2}
    ranked = rank_targets(net, min_mutual=1, companies=["Stripe"])
    counts = dict(zip(ranked["name"], ranked["mutual_count"], strict=True))
    assert counts == {"Zoe Ng": 2, "max": 1}  # Eve knows only Zoe, a 2nd-degree person
    assert set(net.ties["kind"]) == {"connection", "edges"} and set(net.ties["source"]) == {"networkx"}


def test_from_networkx_names_what_it_cannot_use():
    from refkit import OptionError

    G = nx.Graph([("me", "ann")])
    with pytest.raises(OptionError, match="me="):
        from_networkx(G)
    with pytest.raises(OptionError, match="'nobody' is not a node"):
        from_networkx(G, me="nobody")
    G.nodes["ann"]["degree"] = 7
    with pytest.raises(OptionError, match="'ann' has degree 7"):
        from_networkx(G, me="me")
    with pytest.raises(OptionError, match="both '1'"):
        from_networkx(nx.Graph([(1, "1"), ("me", 1)]), me="me")
    karate = from_networkx(nx.karate_club_graph(), me=0)  # integer ids become text keys
    assert karate.me == "0" and len(karate.first_degree) == nx.karate_club_graph().degree(0)


# ---------------------------------------------------------------------------- GEXF, GraphML


@pytest.mark.parametrize("ending", [".gexf", ".graphml"])
def test_graph_files_reread_by_networkx_with_the_same_nodes_and_attributes(ending, tmp_path):
    view = network_view(_hostile_network(), min_mutual=1)
    shown = view.to_networkx()
    out = write_graph(view, tmp_path / f"net{ending}")
    G = (nx.read_gexf if ending == ".gexf" else nx.read_graphml)(out)
    assert set(G.nodes) == set(shown.nodes)
    assert {frozenset(e) for e in G.edges} == {frozenset(e) for e in shown.edges}
    for node, data in shown.nodes(data=True):
        got = G.nodes[node]
        for attribute in ("name", "company", "group", "degree", "mutual_count"):
            assert got[attribute] == data[attribute].replace("\ufffe", "").replace("\uffff", "") \
                if isinstance(data[attribute], str) else got[attribute] == data[attribute], (node, attribute)
    if ending == ".gexf":  # Gephi's colours, sizes and the page's layout
        jane = G.nodes["jane"]["viz"]
        assert jane["position"]["x"] == shown.nodes["jane"]["x"] and jane["size"] == shown.nodes["jane"]["size"]
    raw = out.read_text(encoding="utf-8")
    assert EMAIL not in raw and "email" not in raw and "<img" not in raw


# ---------------------------------------------------------------------------- the command line


@pytest.fixture
def workspace(tmp_path):
    ws = tmp_path / "ws"
    shutil.copytree(SAMPLES, ws, ignore=shutil.ignore_patterns("out", "refkit.sqlite*"))
    return ws


@pytest.mark.parametrize("ending", [".gexf", ".graphml"])
def test_graph_command_writes_a_graph_file_by_its_ending(ending, workspace, tmp_path, capsys):
    out = tmp_path / f"net{ending}"
    assert main(["-q", "graph", str(workspace), "-o", str(out)]) == 0
    G = (nx.read_gexf if ending == ".gexf" else nx.read_graphml)(out)
    assert f"wrote {G.number_of_nodes()} people" in capsys.readouterr().err
    groups = {d["group"] for _, d in G.nodes(data=True)}
    assert groups == {"you", "first", "introducer", "target"}
    assert sum(d["group"] == "you" for _, d in G.nodes(data=True)) == 1


@pytest.mark.parametrize("name", ["net.png", "net.dat", "net.xlsx"])
def test_graph_command_refuses_an_ending_it_does_not_write(name, workspace, tmp_path, capsys):
    assert main(["-q", "graph", str(workspace), "-o", str(tmp_path / name)]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("refkit: error:") and ".gexf" in err and "name it net" in err
    assert not (tmp_path / name).exists()


def _sheet_rows(path):
    sheet = openpyxl.load_workbook(path).worksheets[0]
    return list(sheet.iter_rows())


def test_rank_xlsx_has_the_csv_columns_typed_and_no_formula(workspace, tmp_path):
    assert main(["-q", "rank", str(workspace), "-o", str(tmp_path / "ranked.csv")]) == 0
    assert main(["-q", "rank", str(workspace), "-o", str(tmp_path / "ranked.xlsx")]) == 0
    with open(tmp_path / "ranked.csv", encoding="utf-8", newline="") as handle:
        table = list(csv.reader(handle))
    rows = _sheet_rows(tmp_path / "ranked.xlsx")
    assert [c.value for c in rows[0]] == table[0]
    assert len(rows) == len(table)
    column = {name: j for j, name in enumerate(table[0])}
    for row, line in zip(rows[1:], table[1:], strict=True):
        assert all(c.data_type != "f" for c in row)
        assert row[column["rank"]].value == int(line[column["rank"]])
        assert row[column["mutual_count"]].data_type == "n"
        assert row[column["mutual_count"]].value == int(line[column["mutual_count"]])
        assert row[column["company_match"]].value is (line[column["company_match"]] == "True")
        for name in ("name", "invitation_note", "reason"):
            assert row[column[name]].value == line[column[name]] and row[column[name]].data_type == "s"
        assert row[column["invitation_note"]].alignment.wrap_text


def test_track_add_from_xlsx_is_track_add_from_csv(workspace, tmp_path, capsys):
    for ending in (".csv", ".xlsx"):
        assert main(["-q", "rank", str(workspace), "-o", str(tmp_path / f"ranked{ending}")]) == 0
    other = tmp_path / "other"
    other.mkdir()
    assert main(["track", str(other), "add", str(tmp_path / "ranked.csv"), "--date", "2026-01-05"]) == 0
    assert main(["track", str(workspace), "add", str(tmp_path / "ranked.xlsx"), "--date", "2026-01-05"]) == 0
    assert "21 targets added" in capsys.readouterr().out.splitlines()[-1]
    with Tracker(other, create=False, read_only=True) as a, Tracker(workspace, create=False, read_only=True) as b:
        pd.testing.assert_frame_equal(a.table(today="2026-01-06"), b.table(today="2026-01-06"))


def test_track_export_and_coach_write_xlsx(workspace, tmp_path):
    assert main(["-q", "rank", str(workspace)]) == 0
    assert main(["track", str(workspace), "add", "--date", "2026-01-05"]) == 0
    assert main(["track", str(workspace), "export", "-o", str(tmp_path / "tracker.xlsx")]) == 0
    rows = _sheet_rows(tmp_path / "tracker.xlsx")
    header = [c.value for c in rows[0]]
    assert "name" in header and "status" in header and len(rows) == 22
    assert all(c.data_type != "f" for row in rows for c in row)
    coach = workspace / "shared" / "arjun_menon_Connections.csv"  # a friend's export as a coach's
    out = tmp_path / "intros.xlsx"
    assert main(["-q", "coach", str(coach), str(workspace), "--coach", "Arjun Menon", "--company", "Shopify",
                 "-o", str(out)]) == 0
    rows = _sheet_rows(out)
    assert len(rows) > 1 and all(c.data_type != "f" for row in rows for c in row)
    header = [c.value for c in rows[0]]
    assert "introduction_note" in header
    assert rows[1][header.index("introduction_note")].alignment.wrap_text
