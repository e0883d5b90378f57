"""The network built from small hand-made exports, checked by hand."""

import warnings

import networkx as nx
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from linkedin_files import HEADER_2023, PREAMBLE, U, connections, mutuals

from refkit import RefkitError, RefkitWarning
from refkit.build import Network, build_network, to_networkx
from refkit.rank import mutual_connections
from refkit.read import read_shared
from refkit.resolve import NameIndex, resolve_names


@pytest.fixture
def files(tmp_path):
    me = connections(tmp_path / "Connections.csv", [
        ("Priya", "Raman", "priya-raman", "Stripe", "Engineer"),
        ("Tomás", "Ortega", "tomas-ortega", "Globex", "Designer"),
        ("Lee", "Chen", "lee-chen-1", "Initech", "PM"),
    ])
    priya = connections(tmp_path / "priya.csv", [
        ("Ana", "Lima", "ana-lima", "Me Corp", "Analyst"),          # the user, in a friend's export
        ("Tomás", "Ortega", "tomas-ortega", "Globex", "Designer"),  # a 1st-degree connection
        ("Zoë", "Müller", "zoe-muller", "Stripe", "Data Engineer"),
        ("Lee", "Chen", "lee-chen-2", "Umbrella", "Recruiter"),     # same name, other URL
    ])
    tomas = connections(tmp_path / "tomas.csv", [
        ("Zoë", "Müller, PhD", "zoe-muller", "Stripe", "Data Engineer"),
        ("Kai", "Berg", "kai-berg", "Hooli", "CTO"),
    ])
    capture = mutuals(tmp_path / "capture.csv", [
        ("Zoë Müller", "zoe-muller", "Stripe", "Data Engineer", 14, "Priya Raman;Nobody Known"),
    ])
    return me, priya, tomas, capture


def build(files):
    me, priya, tomas, capture = files
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        net = build_network(me, shared={"Priya Raman": priya, U + "tomas-ortega": tomas},
                            mutuals=[capture], me="Ana Lima")
    return net, [str(w.message) for w in caught if issubclass(w.category, RefkitWarning)]


def test_degrees_and_the_user(files):
    net, _ = build(files)
    degree = net.people["degree"]
    assert net.me == U + "ana-lima"  # learnt from the friend's export
    assert degree[net.me] == 0
    assert degree[U + "priya-raman"] == 1 and degree[U + "tomas-ortega"] == 1
    assert degree[U + "lee-chen-1"] == 1
    assert degree[U + "zoe-muller"] == 2 and degree[U + "lee-chen-2"] == 2
    assert degree[U + "kai-berg"] == 2
    assert (degree == 0).sum() == 1
    assert len(net.people) == 7


def test_target_in_two_exports_and_a_capture_with_higher_count(files):
    net, notes = build(files)
    m = mutual_connections(net)
    zoe = m.loc[U + "zoe-muller"]
    assert zoe["mutual_keys"] == (U + "priya-raman", U + "tomas-ortega")
    assert zoe["known_count"] == 2 and zoe["reported_count"] == 14 and zoe["mutual_count"] == 14
    # a 1st-degree connection listed by a friend is not a target, nor is the user
    assert U + "tomas-ortega" not in m.index and net.me not in m.index
    assert m.loc[U + "kai-berg", "mutual_keys"] == (U + "tomas-ortega",)
    # a capture naming a mutual who is not a 1st-degree connection: warned, not counted
    assert any("Nobody Known" in n and "line 2" in n for n in notes)


def test_facts_prefer_the_users_own_export_and_names_are_clean(files):
    net, _ = build(files)
    assert net.people.at[U + "zoe-muller", "name"] == "Zoë Müller"
    assert net.people.at[U + "priya-raman", "company"] == "Stripe"
    assert net.people.at[U + "priya-raman", "connected_on"] == pd.Timestamp("2021-02-08")
    assert pd.isna(net.people.at[U + "zoe-muller", "connected_on"])
    assert net.people.at[U + "zoe-muller", "sources"] == "priya.csv; tomas.csv; capture.csv"


def test_gaps_in_the_own_export_are_filled_from_other_files(tmp_path):
    me = connections(tmp_path / "mine.csv", [("Kai", "Berg", "kai-berg", "", ""),
                                            ("Priya", "Raman", "priya-raman", "Stripe", "")])
    friend = connections(tmp_path / "friend.csv", [("Kai", "Berg", "kai-berg", "Hooli", "CTO"),
                                                  ("Priya", "Raman", "priya-raman", "Acme", "VP")])
    net = build_network(me, shared={"Kai Berg": friend}, me="Ana Lima")
    kai, priya = net.people.loc[U + "kai-berg"], net.people.loc[U + "priya-raman"]
    assert (kai["company"], kai["position"]) == ("Hooli", "CTO")  # gaps filled
    assert (priya["company"], priya["position"]) == ("Stripe", "VP")  # own export wins, gap filled
    assert priya["connected_on"] == pd.Timestamp("2021-02-08")


def test_url_less_export_merges_with_url_records(tmp_path, files):
    me, priya, tomas, _ = files
    old = connections(tmp_path / "old.csv", [
        ("Zoë", "Muller", "", "Stripe", "Data Engineer"),   # one URL'd Zoë: merged
        ("Lee", "Chen", "", "Umbrella", "Recruiter"),       # two URL'd Lee Chens: company decides
        ("Lee", "Chen", "", "Nowhere", "Recruiter"),        # ambiguous: kept apart, warned
        ("Sam", "Stone", "", "Hooli", "Dev"),               # nobody else: a name key
    ], url=False)
    with pytest.warns(RefkitWarning, match="matches several people"):
        net = build_network(me, shared={"Priya Raman": priya, "Tomás Ortega": tomas,
                                        "Lee Chen": old}, me="Ana Lima")
    ties = net.ties[net.ties["source"].str.endswith("old.csv")]
    # the file's two Lee Chens are two people: the ambiguous one a person of their own
    apart = {b for b in ties["b"] if b.startswith("name:lee chen#")}
    assert len(apart) == 1
    assert set(ties["b"]) == {U + "zoe-muller", U + "lee-chen-2", "name:sam stone"} | apart
    # "Lee Chen" as an owner name is ambiguous between the two URLs: the 1st-degree one wins
    assert set(ties["a"]) == {U + "lee-chen-1"}
    assert mutual_connections(net).loc[U + "zoe-muller", "known_count"] == 3


def test_same_name_different_url_never_merged(files):
    net, _ = build(files)
    lees = net.people[net.people["name"] == "Lee Chen"]
    assert sorted(lees.index) == [U + "lee-chen-1", U + "lee-chen-2"]
    assert sorted(lees["degree"]) == [1, 2]


def test_owner_not_a_connection_is_added_with_a_warning(tmp_path, files):
    me, priya, *_ = files
    with pytest.warns(RefkitWarning, match="not among your connections"):
        net = build_network(me, shared={U + "new-friend-9f3a": priya}, me="Ana Lima")
    assert net.people.at[U + "new-friend-9f3a", "degree"] == 1
    assert net.people.at[U + "new-friend-9f3a", "name"] == "New Friend"


def test_user_never_a_target_even_by_name_only(tmp_path, files):
    me, *_ = files
    friend = connections(tmp_path / "f.csv", [("Ana", "Lima, MBA", "", "X", "Y"),
                                              ("Kai", "Berg", "", "Hooli", "CTO")], url=False)
    net = build_network(me, shared={"Priya Raman": friend}, me="Ana Lima")
    assert net.me == "name:ana lima"
    assert list(net.people.index[net.people["degree"] == 2]) == ["name:kai berg"]


def test_edges_add_ties_and_unknown_edges_are_refused(tmp_path, files):
    me, *_ = files
    edges = tmp_path / "edges.csv"
    edges.write_text(f"source,target,note\n{U}priya-raman,Kai Berg,met at a meetup\n"
                     "Nobody,Someone Else,?\n")
    with pytest.warns(RefkitWarning, match="edges.csv, line 3"):
        net = build_network(me, edges=[edges], me="Ana Lima")
    assert mutual_connections(net).loc["name:kai berg", "mutual_keys"] == (U + "priya-raman",)
    bad = tmp_path / "bad_edges.csv"
    bad.write_text("source,target\nNobody,Someone Else\n")
    with pytest.raises(RefkitError, match="bad_edges.csv"), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        build_network(me, edges=[bad], me="Ana Lima")


def test_what_the_build_hands_over_matches_a_fresh_computation(tmp_path, files):
    """name_norms and tie_ends come from the build's integer codes; a Network made from the same
    tables computes them from strings. Both must agree, edge-list people included."""
    me, priya, tomas, capture = files
    edges = tmp_path / "edges.csv"
    edges.write_text(f"source,target\n{U}priya-raman,Mira Sol\n{U}lee-chen-1,{U}zoe-muller\n")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for kwargs in ({}, {"edges": [edges]}, {"mutuals": [capture], "edges": [edges]}):
            net = build_network(me, shared={"Priya Raman": priya, U + "tomas-ortega": tomas},
                                me="Ana Lima", **kwargs)
            fresh = Network(people=net.people, ties=net.ties, me=net.me, reported=net.reported)
            assert "tie_ends" in net._derived and "tie_ends" not in fresh._derived
            for handed, computed in zip(net.tie_ends, fresh.tie_ends, strict=True):
                assert handed.tolist() == computed.tolist()
            assert (net.tie_ends[0] >= 0).all() and (net.tie_ends[1] >= 0).all()
            pd.testing.assert_series_equal(net.name_norms, fresh.name_norms, check_names=False)
    assert "name:mira sol" in net.people.index  # the edge list added a person


def test_to_networkx_round_trip(files):
    net, _ = build(files)
    G = to_networkx(net)
    assert isinstance(G, nx.Graph)
    assert set(G.nodes) == set(net.people.index)
    assert G.nodes[U + "zoe-muller"]["degree"] == 2
    assert type(G.nodes[U + "zoe-muller"]["degree"]) is int
    assert G.has_edge(U + "priya-raman", U + "zoe-muller")
    assert sorted(nx.common_neighbors(G, net.me, U + "zoe-muller")) == [U + "priya-raman",
                                                                         U + "tomas-ortega"]


def test_network_checks_its_tables():
    with pytest.raises(RefkitError, match="degree"):
        Network(people=pd.DataFrame({"name": ["x"]}, index=["me"]), ties=pd.DataFrame(), me="me")


def test_unparseable_dates_leave_a_gap_not_a_pandas_warning(tmp_path):
    me = tmp_path / "mine.csv"
    me.write_text(PREAMBLE + HEADER_2023 + f"\nKai,Berg,{U}kai-berg,,Hooli,CTO,not a date\n")
    friend = connections(tmp_path / "friend.csv", [("Kai", "Berg", "kai-berg", "Hooli", "CTO")])
    with pytest.warns(RefkitWarning, match="line 5"):
        net = build_network(me, shared={"Kai Berg": friend}, me="Ana Lima")
    assert pd.isna(net.people.at[U + "kai-berg", "connected_on"])
    assert str(net.people["connected_on"].dtype).startswith("datetime64")


def test_reading_many_shared_exports_shows_progress(tmp_path, files, capsys):
    me, *_ = files
    # twelve friends' exports (each its own file: the same file under two owners is refused)
    shared = [(f"Friend {i}", connections(tmp_path / f"friend{i}.csv", [
        ("Kai", "Berg", "kai-berg", "Hooli", "CTO"), ("Pat", f"Doe{i}", f"pat-doe-{i}", "X", "Y")]))
        for i in range(12)]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        build_network(me, shared=shared[:3], me="Ana Lima")
        assert "reading" not in capsys.readouterr().err  # a few: no bar
        build_network(me, shared=shared, me="Ana Lima")
        shown = capsys.readouterr().err  # your export first (it may be the long one), then theirs
        assert "reading your export" in shown and "reading shared exports" in shown
        assert shown.index("reading your export") < shown.index("reading shared exports")
        # files already read: nothing to wait for, no bar
        build_network(me, shared=[read_shared(f, owner=o) for o, f in shared], me="Ana Lima")
        assert "reading" not in capsys.readouterr().err


_PEOPLE = st.tuples(st.sampled_from(["lee chen", "ana lima", "tomas ortega", "zoe muller"]),
                    st.sampled_from(["Stripe", "Stripe, Inc.", "Globex", "", None, "Initech GmbH"]))


@settings(max_examples=300, deadline=None)
@given(st.lists(_PEOPLE, max_size=8), st.lists(_PEOPLE, min_size=1, max_size=8))
def test_names_resolve_all_at_once_as_the_name_index_does(known, records):
    """build's vectorised resolution agrees with NameIndex.resolve, record by record."""
    known_keys = [f"{U}p{i}" for i in range(len(known))]
    index = NameIndex.from_columns(known_keys, [n for n, _ in known], [c for _, c in known])
    expected = [index.resolve(n, c) for n, c in records]
    got = resolve_names([n for n, _ in records], [c for _, c in records],
                        known_norms=[n for n, _ in known], known_keys=known_keys,
                        known_companies=[c for _, c in known])
    assert got.tolist() == expected


def test_derived_results_live_on_the_network_and_a_derived_network_starts_fresh(files):
    import dataclasses
    import weakref

    import refkit.rank as rank_module

    net, _ = build(files)
    counts = mutual_connections(net)
    assert net._derived  # cached on the network itself, not in a module-level table
    assert not any(isinstance(v, weakref.WeakKeyDictionary) for v in vars(rank_module).values())
    renamed = net.people.assign(name=net.people["name"] + " (renamed)")
    derived = dataclasses.replace(net, people=renamed)
    assert derived._derived == {}
    names = mutual_connections(derived)
    assert len(names) == len(counts)


# ---------------------------------------------------------------- an owner among namesakes
_NO_URL = "First Name,Last Name,Email Address,Company,Position,Connected On\n"
HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"


@pytest.mark.parametrize("with_urls", [False, True])
def test_an_owner_among_namesakes_is_told_by_company_as_the_error_says(tmp_path, with_urls):
    """Found by the tester: in an export without URLs (before 2023), a friend who shares a
    name with another of your connections could not be given at all: the error asked for
    a profile URL that no file holds. (And then, with URLs, the way the error gave made a
    new person 'John Smith Globex'.)"""
    from refkit import AmbiguousPersonError, build_network, rank_targets

    mine = tmp_path / "Connections.csv"
    rows = ["John,Smith,{}Acme,Engineer,08 Feb 2021", "John,Smith,{}Globex,Recruiter,09 Feb 2021",
            "Ann,Lee,{}Stripe,Engineer,08 Feb 2021"]
    if with_urls:
        slugs = ["john-smith-aaa1", "john-smith-bbb2", "ann-lee"]
        mine.write_text(HEADER + "".join(row.format(f"https://www.linkedin.com/in/{slug},,") + "\n"
                                         for row, slug in zip(rows, slugs, strict=True)), encoding="utf-8")
    else:
        mine.write_text(_NO_URL + "".join(row.format(",") + "\n" for row in rows), encoding="utf-8")
    johns = tmp_path / "john.csv"
    johns.write_text(_NO_URL + "Cat,Poe,,Stripe,Engineer,08 Feb 2022\nAnn,Lee,,Stripe,Engineer,08 Feb 2021\n",
                     encoding="utf-8")
    with pytest.raises(AmbiguousPersonError) as info:
        build_network(mine, shared={"John Smith": johns}, me="Me Myself")
    said = str(info.value)
    assert "'John Smith (Acme)' or 'John Smith (Globex)'" in said
    if with_urls:  # told apart by their URLs, which may be given as well
        assert "john-smith-aaa1" in said and "john-smith-bbb2" in said and "or their profile URL" in said
    else:
        assert "at Acme" in said and "at Globex" in said and "profile URL" not in said
    for company, other in (("Globex", "Acme"), ("globex inc.", "Acme"), ("Acme", "Globex")):
        net = build_network(mine, shared={f"John Smith ({company})": johns}, me="Me Myself")
        assert not [w for w in net.warnings if "not among your connections" in w]
        people = net.people
        owner = people.index[(people["name"] == "John Smith") & (people["company"] != other)]
        assert len(owner) == 1 and people.loc[owner[0], "degree"] == 1
        ranked = rank_targets(net, min_mutual=1)
        assert ranked["introducer"].tolist() == ["John Smith"]  # the owner, by the name alone
        assert ranked["introducer_key"].tolist() == [owner[0]]
    # a company neither of them is at still cannot tell: the same error, not a new person
    with pytest.raises(AmbiguousPersonError, match="matches 2 of your connections"):
        build_network(mine, shared={"John Smith (Initech)": johns}, me="Me Myself")
    # a name with a part in brackets that is no company is a name as before
    net = build_network(mine, shared={"Ann Lee (she/her)": johns}, me="Me Myself")
    assert "Ann Lee" in set(net.people.loc[net.first_degree, "name"])


def test_the_user_found_among_namesakes_by_how_many_friends_list_them(tmp_path, files):
    """Found at coach scale: Profile.csv names the user but gives no URL, and friends' exports
    list 10 other people of that name. The user, in 197 of 200 exports, ranked as their own
    first target. The URL nearly every friend lists is the user's; each namesake is a person."""
    me, *_ = files
    shared = {}
    for i in range(5):
        rows = [("Ana", "Lima", "ana-lima", "Me Corp", "Analyst"),
                ("Kai", "Berg", "kai-berg", "Hooli", "CTO"),
                ("Friend", f"Of-{i}", f"of-{i}", "Initech", "PM")]  # exports differ
        if i < 2:  # two friends also know another Ana Lima each
            rows.append(("Ana", "Lima", f"ana-lima-{i}", "Other Co", "Nurse"))
        shared[U + f"friend-{i}"] = connections(tmp_path / f"friend{i}.csv", rows)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        net = build_network(me, shared=shared, me="Ana Lima")
        ranked = mutual_connections(net)
    assert net.me == U + "ana-lima"
    assert U + "ana-lima" not in ranked.index
    assert {U + "ana-lima-0", U + "ana-lima-1", U + "kai-berg"} <= set(ranked.index)
    assert net.people.loc[[U + "ana-lima-0", U + "ana-lima-1"], "degree"].tolist() == [2, 2]


def test_namesakes_of_the_user_as_common_as_the_user_are_kept_apart_with_a_note(tmp_path, files):
    me, *_ = files
    shared = {U + f"friend-{i}": connections(tmp_path / f"friend{i}.csv", [
        ("Ana", "Lima", f"ana-lima-{i}", "Me Corp", "Analyst")]) for i in range(2)}
    with pytest.warns(RefkitWarning, match="2 people named 'Ana Lima'.*give your profile URL"):
        net = build_network(me, shared=shared, me="Ana Lima")
    assert net.me == "name:ana lima"
    assert net.people.loc[[U + "ana-lima-0", U + "ana-lima-1"], "degree"].tolist() == [2, 2]
