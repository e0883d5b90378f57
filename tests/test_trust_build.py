"""Issue 12, the build: nobody merged who is two people, nobody invented, no count doubled.

Each test here was watched failing on the build before the fix.
"""

from __future__ import annotations

import warnings

import pandas as pd
import pytest
from linkedin_files import HEADER_2021, PREAMBLE, U, connections, mutuals

from refkit import RefkitError, RefkitWarning
from refkit.build import Network, build_network
from refkit.cli._common import parse_shared
from refkit.rank import mutual_counts, rank_targets, threshold_counts, threshold_summary


def _no_url_export(path, rows):
    """A 2021-era own export (no URL column); rows are (first, last, company, date[, position])."""
    lines = [HEADER_2021] + [f"{f},{la},,{c},{(*more, 'Engineer')[0]},{d}" for f, la, c, d, *more in rows]
    path.write_text(PREAMBLE + "\n".join(lines), encoding="utf-8")
    return path


def _build(*args, **kwargs):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        net = build_network(*args, **kwargs)
    return net, [str(w.message) for w in caught if issubclass(w.category, RefkitWarning)]


# --------------------------------------------------------------------------- item 1


def test_same_name_rows_of_your_own_url_less_export_stay_different_people(tmp_path):
    rows = [("John", "Smith", "Acme", "08 Feb 2021"), ("John", "Smith", "Globex", "09 Feb 2021"),
            ("John", "Smith", "", "10 Feb 2021"), ("Ana", "Lima", "Hooli", "11 Feb 2021")]
    net, _ = _build(_no_url_export(tmp_path / "Connections.csv", rows), me="Me Myself")
    assert len(net.first_degree) == len(rows)
    smiths = net.people[net.people["name"] == "John Smith"]
    assert sorted(smiths["company"].fillna("")) == ["", "Acme", "Globex"]
    assert (smiths["degree"] == 1).all()


def test_same_name_rows_of_a_shared_url_less_export_stay_different_people(tmp_path):
    """Item 1's sibling: a friend's URL-less export lists each of their connections once too,
    so its namesakes are two people reachable through them, not one. Another friend's row of
    that name goes to the namesake at the same company; one whose company cannot tell is kept
    apart with a warning. Worked out by hand: Priya's two John Smiths (Acme, Globex) are two
    2nd-degree people; Tomas's John Smith at Acme is the first of them (2 mutuals), his
    John Smith with no company matches neither (a third, warned)."""
    me = _no_url_export(tmp_path / "Connections.csv", [("Priya", "Raman", "Stripe", "01 Jan 2020"),
                                                       ("Tomas", "Ortega", "Globex", "02 Jan 2020")])
    priya = _no_url_export(tmp_path / "priya.csv", [("John", "Smith", "Acme", "08 Feb 2021"),
                                                    ("John", "Smith", "Globex", "09 Feb 2021"),
                                                    ("Ana", "Lee", "Hooli", "10 Feb 2021")])
    tomas = _no_url_export(tmp_path / "tomas.csv", [("John", "Smith", "Acme", "03 Mar 2022"),
                                                    ("Ana", "Lee", "Hooli", "04 Mar 2022")])
    net, notes = _build(me, shared=[("Priya Raman", priya), ("Tomas Ortega", tomas)], me="Me Myself")
    from refkit.mutuals import mutual_counts

    smiths = net.people[net.people["name"] == "John Smith"]
    assert sorted(smiths["company"]) == ["Acme", "Globex"], smiths
    counts = mutual_counts(net)["mutual_count"]
    by_company = {c: int(counts[k]) for k, c in smiths["company"].items()}
    assert by_company == {"Acme": 2, "Globex": 1}
    ana = net.people.index[net.people["name"] == "Ana Lee"]
    assert len(ana) == 1 and int(counts[ana[0]]) == 2  # no namesakes: merged across files as before
    three = _no_url_export(tmp_path / "tomas.csv", [("John", "Smith", "", "03 Mar 2022")])
    net, notes = _build(me, shared=[("Priya Raman", priya), ("Tomas Ortega", three)], me="Me Myself")
    assert (net.people["name"] == "John Smith").sum() == 3
    assert any("tomas.csv" in n and "John Smith" in n and "kept apart" in n for n in notes), notes


def test_a_friends_namesake_at_your_connections_company_is_your_connection(tmp_path):
    """Your one URL-less John Smith (Acme) and a friend's two (Acme, Globex): the friend's Acme
    one is yours, 1st-degree; the Globex one is someone else, 2nd-degree, reached through them."""
    me = _no_url_export(tmp_path / "Connections.csv", [("Priya", "Raman", "Stripe", "01 Jan 2020"),
                                                       ("John", "Smith", "Acme", "02 Jan 2020")])
    priya = _no_url_export(tmp_path / "priya.csv", [("John", "Smith", "Globex", "09 Feb 2021"),
                                                    ("John", "Smith", "Acme", "08 Feb 2021")])
    net, _ = _build(me, shared=[("Priya Raman", priya)], me="Me Myself")
    smiths = net.people[net.people["name"] == "John Smith"]
    assert dict(zip(smiths["company"], smiths["degree"], strict=True)) == {"Acme": 1, "Globex": 2}
    globex = smiths.index[smiths["company"] == "Globex"][0]
    assert int(mutual_counts(net)["mutual_count"][globex]) == 1  # through Priya


def test_a_namesake_the_files_other_row_took_is_not_warned_about(tmp_path):
    """A friend's two Ashley Schmidts (Siemens, then Nubank) and one URL'd Ashley at Nubank: the
    Nubank row is her, so the Siemens one cannot be: no warning, whichever row comes first."""
    me = _no_url_export(tmp_path / "Connections.csv", [("Priya", "Raman", "Stripe", "01 Jan 2020"),
                                                       ("Tomas", "Ortega", "Globex", "02 Jan 2020")])
    known = connections(tmp_path / "tomas.csv", [("Ashley", "Schmidt", "ashley-schmidt", "Nubank", "Consultant")])
    rows = [("Ashley", "Schmidt", "Siemens", "09 Jan 2022"), ("Ashley", "Schmidt", "Nubank", "15 Jul 2017")]
    for order in (rows, rows[::-1]):
        priya = _no_url_export(tmp_path / "priya.csv", order)
        net, notes = _build(me, shared=[("Tomas Ortega", known), ("Priya Raman", priya)], me="Me Myself")
        assert not [n for n in notes if "Ashley Schmidt" in n], notes
        ashleys = net.people[net.people["name"] == "Ashley Schmidt"]
        assert len(ashleys) == 2 and U + "ashley-schmidt" in ashleys.index
        assert int(mutual_counts(net)["mutual_count"][U + "ashley-schmidt"]) == 2  # Tomas, and Priya's Nubank row


def _people_and_counts(net):
    counts = mutual_counts(net)["mutual_count"]
    people = net.people[net.people["degree"] == 2]
    return sorted((name, company or "", int(counts.get(key, 0)))
                  for key, name, company in zip(people.index, people["name"], people["company"], strict=True))


def test_the_order_the_shared_exports_are_given_in_changes_nobody(tmp_path):
    """Found by trying it: x.csv's two Acme John Smiths and y.csv's Acme and Globex ones were
    four people one way round, three the other."""
    me = _no_url_export(tmp_path / "Connections.csv", [("Alice", "Brown", "Initech", "01 Mar 2019"),
                                                       ("Bob", "Green", "Hooli", "05 Apr 2020")])
    x = _no_url_export(tmp_path / "x.csv", [("John", "Smith", "Acme", "01 Jan 2017"),
                                            ("John", "Smith", "Acme", "02 Jan 2017", "Sales")])
    y = _no_url_export(tmp_path / "y.csv", [("John", "Smith", "Acme", "03 Jan 2018"),
                                            ("John", "Smith", "Globex", "04 Jan 2018", "Analyst")])
    one, _ = _build(me, shared=[("Alice Brown", x), ("Bob Green", y)], me="Me Myself")
    other, _ = _build(me, shared=[("Bob Green", y), ("Alice Brown", x)], me="Me Myself")
    assert _people_and_counts(one) == _people_and_counts(other)
    # both files' Acme John Smith is an engineer: among x.csv's two, the position tells
    assert _people_and_counts(one) == [("John Smith", "Acme", 1), ("John Smith", "Acme", 2),
                                       ("John Smith", "Globex", 1)]


def test_a_row_repeated_in_a_friends_export_is_one_person(tmp_path):
    """Two exports pasted together repeat their rows: the same name, day and company twice
    is one person, not two namesakes."""
    me = _no_url_export(tmp_path / "Connections.csv", [("Alice", "Brown", "Initech", "01 Mar 2019"),
                                                       ("Bob", "Green", "Hooli", "05 Apr 2020")])
    alice = _no_url_export(tmp_path / "alice.csv", [("Jane", "Doe", "Umbrella", "03 Mar 2019"),
                                                    ("Ana", "Lee", "Hooli", "04 Mar 2019"),
                                                    ("Jane", "Doe", "Umbrella", "03 Mar 2019")])
    bob = _no_url_export(tmp_path / "bob.csv", [("Jane", "Doe", "Umbrella", "05 Mar 2019")])
    net, notes = _build(me, shared=[("Alice Brown", alice), ("Bob Green", bob)], me="Me Myself")
    assert ("Jane Doe", "Umbrella", 2) in _people_and_counts(net)
    assert [p for p in _people_and_counts(net) if p[0] == "Jane Doe"] == [("Jane Doe", "Umbrella", 2)]
    assert not [n for n in notes if "Jane Doe" in n], notes


def test_a_friends_namesakes_keep_their_keys_when_the_file_is_resorted(tmp_path):
    me = _no_url_export(tmp_path / "Connections.csv", [("Priya", "Raman", "Stripe", "01 Jan 2020")])
    rows = [("John", "Smith", "Acme", "08 Feb 2021"), ("John", "Smith", "Globex", "09 Feb 2021"),
            ("Ana", "Lee", "Hooli", "10 Feb 2021")]
    keys = []
    for order in (rows, rows[::-1]):
        priya = _no_url_export(tmp_path / "priya.csv", order)
        net, _ = _build(me, shared=[("Priya Raman", priya)], me="Me Myself")
        smiths = net.people[net.people["name"] == "John Smith"]
        keys.append(dict(zip(smiths["company"], smiths.index, strict=True)))
    assert keys[0] == keys[1] and len(set(keys[0].values())) == 2


def test_two_friends_with_the_same_two_namesakes_share_both(tmp_path):
    me = _no_url_export(tmp_path / "Connections.csv", [("Priya", "Raman", "Stripe", "01 Jan 2020"),
                                                       ("Tomas", "Ortega", "Globex", "02 Jan 2020")])
    two = [("John", "Smith", "Acme", "08 Feb 2021"), ("John", "Smith", "Globex", "09 Feb 2021")]
    priya = _no_url_export(tmp_path / "priya.csv", two)
    tomas = _no_url_export(tmp_path / "tomas.csv", [("John", "Smith", "Globex Inc.", "03 Mar 2022"),
                                                    ("John", "Smith", "Acme", "04 Mar 2022")])
    net, _ = _build(me, shared=[("Priya Raman", priya), ("Tomas Ortega", tomas)], me="Me Myself")
    smiths = net.people.index[net.people["name"] == "John Smith"]
    assert len(smiths) == 2
    assert mutual_counts(net)["mutual_count"].reindex(smiths).tolist() == [2, 2]


def test_a_file_without_last_names_loses_nobody(tmp_path):
    # a hand-edited export that kept only first names: every row is still a connection
    header = "First Name,Email Address,Company,Position,Connected On"
    firsts = ["Ana", "Ana", "Bo", "Ana", "Bo", "Cy"]
    lines = [header] + [f"{f},,Co{i},Dev,08 Feb 2021" for i, f in enumerate(firsts)]
    path = tmp_path / "Connections.csv"
    path.write_text("\n".join(lines), encoding="utf-8")
    net, _ = _build(path, me="Me Myself")
    assert len(net.first_degree) == len(firsts)


def test_same_name_own_rows_keep_apart_even_beside_one_with_a_url(tmp_path):
    path = tmp_path / "Connections.csv"
    path.write_text(PREAMBLE + "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
                    f"Lee,Chen,{U}lee-chen,,Stripe,PM,08 Feb 2021\n"
                    "Lee,Chen,,,Globex,PM,09 Feb 2021", encoding="utf-8")
    net, _ = _build(path, me="Me Myself")
    assert len(net.first_degree) == 2


def test_a_friends_url_less_row_is_matched_to_one_of_your_namesakes_by_company(tmp_path):
    mine = _no_url_export(tmp_path / "Connections.csv", [
        ("John", "Smith", "Acme", "08 Feb 2021"), ("John", "Smith", "Globex", "09 Feb 2021"),
        ("Priya", "Raman", "Stripe", "10 Feb 2021")])
    friend = _no_url_export(tmp_path / "priya.csv", [
        ("John", "Smith", "Globex Inc.", "01 Jan 2020"), ("Kai", "Berg", "Hooli", "01 Jan 2020")])
    net, notes = _build(mine, shared={"Priya Raman": friend}, me="Me Myself")
    assert len(net.first_degree) == 3  # the friend's John Smith is one of mine, not a new person
    globex = net.people.index[(net.people["name"] == "John Smith")
                              & (net.people["company"] == "Globex")]
    assert len(globex) == 1
    priya = net.people.index[net.people["name"] == "Priya Raman"][0]
    assert ((net.ties["a"] == priya) & (net.ties["b"] == globex[0])).any() or \
        ((net.ties["b"] == priya) & (net.ties["a"] == globex[0])).any()


def test_a_friends_row_that_could_be_any_namesake_is_kept_apart_and_warned(tmp_path):
    mine = _no_url_export(tmp_path / "Connections.csv", [
        ("John", "Smith", "Acme", "08 Feb 2021"), ("John", "Smith", "Globex", "09 Feb 2021"),
        ("Priya", "Raman", "Stripe", "10 Feb 2021")])
    friend = _no_url_export(tmp_path / "priya.csv", [("John", "Smith", "Initech", "01 Jan 2020")])
    net, notes = _build(mine, shared={"Priya Raman": friend}, me="Me Myself")
    assert len(net.first_degree) == 3
    assert any("John Smith" in n and "several" in n and "priya.csv" in n for n in notes)


def test_namesakes_keep_their_keys_when_the_file_is_re_sorted(tmp_path):
    rows = [("John", "Smith", "Acme", "08 Feb 2021"), ("John", "Smith", "Globex", "09 Feb 2021")]
    a, _ = _build(_no_url_export(tmp_path / "a.csv", rows), me="Me Myself")
    b, _ = _build(_no_url_export(tmp_path / "b.csv", rows[::-1]), me="Me Myself")
    key_of = {n: set(net.people.index[net.people["company"] == n]) for n in ("Acme", "Globex")
              for net in (a,)}
    key_of_b = {n: set(b.people.index[b.people["company"] == n]) for n in ("Acme", "Globex")}
    assert key_of == key_of_b


def test_a_url_seen_with_two_different_names_is_warned(tmp_path):
    mine = connections(tmp_path / "Connections.csv", [
        ("Priya", "Raman", "priya-raman", "Stripe", "Engineer")])
    friend = connections(tmp_path / "priya.csv", [
        ("Kai", "Berg", "kai-berg", "Hooli", "CTO"), ("Ben", "Okafor", "kai-berg", "Hooli", "CTO")])
    _, notes = _build(mine, shared={"Priya Raman": friend}, me="Me Myself")
    assert any("kai-berg" in n and "Kai Berg" in n and "Ben Okafor" in n for n in notes)


# --------------------------------------------------------------------------- item 17


def test_a_shared_export_owned_by_you_is_refused(tmp_path):
    mine = connections(tmp_path / "Connections.csv", [
        ("Priya", "Raman", "priya-raman", "Stripe", "Engineer")])
    again = connections(tmp_path / "old.csv", [("Kai", "Berg", "kai-berg", "Hooli", "CTO")])
    with pytest.raises(RefkitError, match=r"old\.csv.*is you"):
        build_network(mine, shared={"Minh Tran": again}, me="Minh Tran")
    with pytest.raises(RefkitError, match=r"old\.csv.*is you"):
        build_network(mine, shared={U + "minh-tran": again}, me=U + "minh-tran")


# --------------------------------------------------------------------------- item 18


def test_an_owner_name_matching_two_connections_is_refused_not_invented(tmp_path):
    mine = connections(tmp_path / "Connections.csv", [
        ("Lee", "Chen", "lee-chen-1", "Stripe", "PM"), ("Lee", "Chen", "lee-chen-2", "Globex", "PM")])
    friend = connections(tmp_path / "lee.csv", [("Kai", "Berg", "kai-berg", "Hooli", "CTO")])
    with pytest.raises(RefkitError, match=r"lee\.csv.*Lee Chen.*2 of your connections"):
        build_network(mine, shared={"Lee Chen": friend}, me="Me Myself")
    # the URL tells them apart
    net = build_network(mine, shared={U + "lee-chen-2": friend}, me="Me Myself")
    assert len(net.people) == 4


def test_the_same_file_under_two_owners_is_refused(tmp_path):
    mine = connections(tmp_path / "Connections.csv", [
        ("Priya", "Raman", "priya-raman", "Stripe", "Engineer"),
        ("Tomás", "Ortega", "tomas-ortega", "Globex", "Designer")])
    friend = connections(tmp_path / "friend.csv", [("Kai", "Berg", "kai-berg", "Hooli", "CTO")])
    copy = tmp_path / "copy.csv"
    copy.write_bytes(friend.read_bytes())
    with pytest.raises(RefkitError, match=r"friend\.csv.*copy\.csv.*same"):
        build_network(mine, shared=[("Priya Raman", friend), ("Tomás Ortega", copy)], me="Me")


def test_the_same_file_twice_under_one_owner_counts_once(tmp_path):
    mine = connections(tmp_path / "Connections.csv", [
        ("Priya", "Raman", "priya-raman", "Stripe", "Engineer")])
    friend = connections(tmp_path / "friend.csv", [("Kai", "Berg", "kai-berg", "Hooli", "CTO")])
    net, notes = _build(mine, shared=[("Priya Raman", friend), ("Priya Raman", friend)], me="Me")
    assert mutual_counts(net)["mutual_count"].to_dict() == {U + "kai-berg": 1}
    assert any("friend.csv" in n and "twice" in n for n in notes)


def test_a_shared_path_holding_an_equals_sign_can_be_given(tmp_path):
    path = tmp_path / "a=b" / "Connections=Priya.csv"
    path.parent.mkdir()
    path.write_text("x")
    assert parse_shared([f"Priya Raman={path}"]) == [("Priya Raman", str(path))]
    url = "https://www.linkedin.com/in/priya?trk=a=b"
    plain = tmp_path / "priya.csv"
    plain.write_text("x")
    assert parse_shared([f"{url}={plain}"]) == [(url, str(plain))]


def test_a_file_holding_an_equals_sign_given_without_owner_says_so(tmp_path):
    """Item 18: ``--shared a=b.csv`` where ``a=b.csv`` is the file (no owner given) names the
    file and asks for its owner, instead of reporting that ``b.csv`` is missing."""
    from refkit import OptionError

    path = tmp_path / "priya=raman.csv"
    path.write_text("x")
    with pytest.raises(OptionError, match=r"priya=raman\.csv.*is a file.*OWNER="):
        parse_shared([str(path)])


# --------------------------------------------------------------------------- item 15


def _network_with_reported(count: int) -> Network:
    people = pd.DataFrame({"name": ["Me", "Ann", "Tara"], "degree": [0, 1, 2]},
                          index=pd.Index(["me", "ann", "tara"], name="key"))
    ties = pd.DataFrame({"a": ["me", "ann"], "b": ["ann", "tara"], "source": "x", "kind": "shared"})
    reported = pd.DataFrame({"mutual_count": [count], "source": ["cap.csv"]},
                            index=pd.Index(["tara"], name="key"))
    return Network(people=people, ties=ties, me="me", reported=reported)


@pytest.mark.parametrize("count", [30_001, 10**8, 3 * 10**9, 2**62])
def test_counting_never_allocates_by_the_largest_value(count):
    net = _network_with_reported(count)
    # a count above LinkedIn's cap of 30,000 connections is not real: the known count stands
    assert mutual_counts(net)["mutual_count"].to_dict() == {"tara": 1}
    assert threshold_counts(net).to_dict() == {1: 1}
    assert threshold_summary(net, min_mutual=10).highest == 1
    assert len(rank_targets(net, min_mutual=1)) == 1


def test_a_coachs_url_less_namesakes_are_all_counted(tmp_path):
    from refkit.coach import bridge_summary

    coach = _no_url_export(tmp_path / "coach.csv", [
        ("John", "Smith", "Acme", "08 Feb 2021"), ("John", "Smith", "Globex", "09 Feb 2021"),
        ("Bo", "Park", "Hooli", "10 Feb 2021")])
    client = _no_url_export(tmp_path / "client.csv", [("Kai", "Berg", "Hooli", "01 Jan 2020")])
    summary = bridge_summary(coach, client, client="Ana Lima")
    assert summary["coach_connections"] == 3 and summary["new_reach"] == 3


# --------------------------------------------------------------------------- item 16


@pytest.mark.parametrize("day", ["0001-01-01", "1500-06-01", "9999-12-31", "2099-01-01"])
def test_impossible_connection_dates_count_as_unknown_everywhere(tmp_path, day):
    import matplotlib

    matplotlib.use("Agg")
    from refkit.plots import plot_growth
    from refkit.rank import tie_strength
    from refkit.report import write_report

    on = pd.Series([pd.NaT, pd.Timestamp(day), pd.Timestamp("2020-01-01"), pd.NaT],
                   dtype="datetime64[s]")
    people = pd.DataFrame({"name": ["Me", "Ann", "Bo", "Tara"], "degree": [0, 1, 1, 2],
                           "connected_on": on.to_numpy()},
                          index=pd.Index(["me", "ann", "bo", "tara"], name="key"))
    ties = pd.DataFrame({"a": ["me", "me", "ann", "bo"], "b": ["ann", "bo", "tara", "tara"],
                         "source": "x", "kind": "shared"})
    net = Network(people=people, ties=ties, me="me")
    today = pd.Timestamp("2026-12-01")
    strength = tie_strength(net, today=today)
    assert strength.loc["ann", "years_connected"] == 0
    assert 6 <= strength.loc["bo", "years_connected"] < 8
    ranked = rank_targets(net, min_mutual=1, today=today)
    reasons = " ".join(ranked["reason"])
    assert "526 years" not in reasons and "2025 years" not in reasons and "Ann" not in reasons
    plot_growth(net)  # no crash in matplotlib
    write_report(net, ranked, tmp_path / "report", min_mutual=1)


def test_the_builds_own_warnings_hold_no_email(tmp_path):
    mine = connections(tmp_path / "Connections.csv", [
        ("Priya", "Raman", "priya-raman", "Stripe", "Engineer")])
    friend = connections(tmp_path / "f.csv", [("Kai", "Berg", "kai-berg", "Hooli", "CTO")])
    net, notes = _build(mine, shared={"kai.berg@hooli.com Berg": friend}, me="Me")
    assert notes and not any("@" in n for n in notes) and not any("@" in n for n in net.warnings)


def test_a_shared_export_under_your_url_while_you_are_known_by_name_is_refused(tmp_path):
    mine = connections(tmp_path / "Connections.csv", [
        ("Priya", "Raman", "priya-raman", "Stripe", "Engineer")])
    again = connections(tmp_path / "old.csv", [("Kai", "Berg", "kai-berg", "Hooli", "CTO")])
    with pytest.raises(RefkitError, match=r"old\.csv.*is you"):
        build_network(mine, shared={U + "minh-tran": again}, me="Minh Tran")
    # a friend who shares your name and is one of your connections is not you
    mine = connections(tmp_path / "Connections2.csv", [
        ("Minh", "Tran", "minh-tran-2", "Stripe", "Engineer")])
    net = build_network(mine, shared={U + "minh-tran-2": again}, me="Minh Tran")
    assert net.people.loc[U + "minh-tran-2", "degree"] == 1


# --------------------------------------------------------------------------- found by trying it


def test_a_reason_claims_a_target_company_or_keyword_only_where_it_matches(tmp_path):
    from linkedin_files import mutuals

    mine = connections(tmp_path / "Connections.csv", [
        ("Priya", "Raman", "priya-raman", "Stripe", "Engineer")])
    capture = mutuals(tmp_path / "m.csv", [
        ("Norm Al", "norm", "Acme", "Designer", 12, "Priya Raman"),
        ("Sue Ng", "sue-ng", "Stripe", "Data Engineer", 11, "Priya Raman")])
    net, _ = _build(mine, mutuals=[capture], me="Me")
    ranked = rank_targets(net, min_mutual=1, companies=["Stripe"], keywords=["engineer"])
    reason = dict(zip(ranked["name"], ranked["reason"], strict=True))
    assert "target company" in reason["Sue Ng"] and "position matches" in reason["Sue Ng"]
    assert "target company" not in reason["Norm Al"] and "matches" not in reason["Norm Al"]
    assert "nan" not in " ".join(reason.values())


def test_your_own_export_given_as_a_friends_is_refused(tmp_path):
    mine = connections(tmp_path / "Connections.csv", [
        ("Priya", "Raman", "priya-raman", "Stripe", "Engineer")])
    copy = tmp_path / "priya.csv"
    copy.write_bytes(mine.read_bytes())
    with pytest.raises(RefkitError, match=r"priya\.csv.*same connections as your own export"):
        build_network(mine, shared={"Priya Raman": copy}, me="Me")


def test_a_captured_mutual_name_two_connections_share_is_called_ambiguous(tmp_path):
    from linkedin_files import mutuals

    mine = connections(tmp_path / "Connections.csv", [
        ("John", "Smith", "john-smith-1", "Google", "Engineer"),
        ("John", "Smith", "john-smith-2", "Meta", "PM")])
    capture = mutuals(tmp_path / "m.csv", [("Norm Al", "norm", "Acme", "Designer", 12, "John Smith")])
    _, notes = _build(mine, mutuals=[capture], me="Me")
    assert any("John Smith" in n and "several of your connections" in n for n in notes)
    assert not any("not one of your 1st-degree" in n for n in notes)


# --------------------------------------------------------------------------- names of symbols only


def test_a_url_less_row_whose_name_is_only_symbols_is_skipped_with_a_warning(tmp_path):
    """A friend's row named only "🚀" (no letters to match a person by) and no profile URL
    cannot be placed: it is left out, but the user is told which file and line, not silently."""
    mine = connections(tmp_path / "Connections.csv", [("Ann", "Lee", "ann-lee", "Acme", "PM")])
    friend = _no_url_export(tmp_path / "ann.csv", [("Carl", "Zed", "Initech", "01 Feb 2024"),
                                                   ("🚀", "✨", "Initech", "02 Feb 2024")])
    net, notes = _build(mine, shared={U + "ann-lee": friend}, me="Me Myself")
    assert "Carl Zed" in set(net.people["name"])
    line = next(i for i, text in enumerate(friend.read_text(encoding="utf-8").splitlines(), 1)
                if text.startswith("🚀"))
    skipped = [n for n in notes if "ann.csv" in n and "skipped" in n]
    assert len(skipped) == 1, notes
    assert f"line {line}:" in skipped[0] and "no profile URL" in skipped[0], skipped


def test_a_person_whose_name_is_only_symbols_is_called_by_their_profile_url_words(tmp_path):
    """Emoji-only names clean to nothing; the person is then named from their profile URL's
    words ("Rocket Launcher"), as an owner given by URL is, never by the URL itself (which a
    draft would read as "https www.linkedin.com in ...")."""
    mine = connections(tmp_path / "Connections.csv", [("Ann", "Lee", "ann-lee", "Acme", "PM")])
    friend = connections(tmp_path / "ann.csv", [("🚀🚀", "✨", "rocket-launcher-1a2b3c", "Initech", "CEO")])
    net, _ = _build(mine, shared={U + "ann-lee": friend}, me="Me Myself")
    assert net.people.loc[U + "rocket-launcher-1a2b3c", "name"] == "Rocket Launcher"
    ranked = rank_targets(net, min_mutual=1)
    from refkit.draft import add_drafts

    drafted = add_drafts(ranked, me="Me Myself")
    row = drafted[drafted["key"] == U + "rocket-launcher-1a2b3c"].iloc[0]
    assert "https" not in row["referral_request"] and "Rocket" in row["referral_request"]


def test_an_owner_name_two_url_less_connections_share_is_refused_in_plain_words(tmp_path):
    """The refusal tells the two apart as a person would (company, day connected), not by
    refkit's internal keys: two Lee Chens connected on the same day read no "-2"."""
    mine = _no_url_export(tmp_path / "Connections.csv", [("Lee", "Chen", "Stripe", "08 Feb 2021"),
                                                         ("Lee", "Chen", "Globex", "08 Feb 2021")])
    friend = _no_url_export(tmp_path / "lee.csv", [("Kai", "Berg", "Hooli", "01 Mar 2022")])
    with pytest.raises(RefkitError) as err:
        build_network(mine, shared={"Lee Chen": friend}, me="Me Myself")
    message = str(err.value)
    assert "at Globex, connected 2021-02-08" in message and "at Stripe, connected 2021-02-08" in message
    assert "-2" not in message and "#" not in message and "name:" not in message


def test_a_title_before_a_name_is_the_same_person(tmp_path):
    """LinkedIn shows "Dr. Priya Raman" when she put the title in her first name; a capture
    naming her so is your connection Priya Raman."""
    mine = connections(tmp_path / "Connections.csv", [("Priya", "Raman", "priya", "Stripe", "PM"),
                                                      ("Tomas", "Ortega", "tomas", "Globex", "PM")])
    capture = mutuals(tmp_path / "m.csv", [("Norm Al", "norm", "Acme", "Designer", 12,
                                            "Dr. Priya Raman; Prof Tomas Ortega")])
    net, notes = _build(mine, mutuals=[capture], me="Me Myself")
    ties = net.ties[(net.ties["kind"] == "mutuals")]
    assert sorted(ties["a"]) == [U + "priya", U + "tomas"] and set(ties["b"]) == {U + "norm"}, notes
    assert not [n for n in notes if "not counted" in n]
    assert len(net.first_degree) == 2


def test_a_friends_namesake_of_your_connections_is_ranked_as_maybe_yours(tmp_path):
    """You have two John Smiths (no URLs); a friend's John Smith with no company cannot be told
    to be either, so is kept apart: ranked, the reason says he may be your connection, rather
    than offering him as a stranger to reach. Nobody else's reason says so."""
    mine = _no_url_export(tmp_path / "Connections.csv", [("John", "Smith", "Acme", "08 Feb 2021"),
                                                         ("John", "Smith", "Globex", "09 Feb 2021"),
                                                         ("Priya", "Raman", "Stripe", "01 Jan 2020")])
    priya = _no_url_export(tmp_path / "priya.csv", [("John", "Smith", "", "03 Mar 2022"),
                                                    ("Ana", "Lee", "Hooli", "04 Mar 2022")])
    net, _ = _build(mine, shared={"Priya Raman": priya}, me="Me Myself")
    ranked = rank_targets(net, min_mutual=1)
    reason = dict(zip(ranked["name"], ranked["reason"], strict=True))
    assert "you have a connection named John Smith too" in reason["John Smith"]
    assert "you have a connection named" not in reason["Ana Lee"]


def test_a_name_written_surname_first_is_the_same_person(tmp_path):
    """A coach's manifest or a capture may write "Raman, Priya": she is your connection Priya
    Raman (not a new person called "Raman"); "Chen, PhD" still loses only the credential."""
    mine = connections(tmp_path / "Connections.csv", [("Priya", "Raman", "priya", "Stripe", "PM"),
                                                      ("Tomas", "Ortega", "tomas", "Globex", "PM")])
    friend = connections(tmp_path / "priya.csv", [("Kai", "Berg", "kai-berg", "Hooli", "CTO")])
    capture = mutuals(tmp_path / "m.csv", [("Norm Al", "norm", "Acme", "Designer", 12, '"Ortega, Tomas"')])
    net, notes = _build(mine, shared={"Raman, Priya": friend}, mutuals=[capture], me="Me Myself")
    assert len(net.first_degree) == 2, notes
    assert not [n for n in notes if "not among your connections" in n or "not counted" in n], notes
    ties = net.ties
    assert ((ties["a"] == U + "priya") & (ties["b"] == U + "kai-berg")).any()
    assert ((ties["a"] == U + "tomas") & (ties["b"] == U + "norm")).any()


@pytest.mark.parametrize("cell", ['"Ana Lima, John Smith"', '"Ana Lima, John Smith and 12 other mutual connections"',
                                  '"Ana Lima and John Smith"', '"Lima, Ana; Smith, John"'])
def test_every_name_of_a_pasted_mutual_list_is_counted(tmp_path, cell):
    """LinkedIn shows "Ana Lima, John Smith and 12 other mutual connections"; pasted into a
    capture, both names are your connections (the comma used to drop John Smith silently)."""
    mine = connections(tmp_path / "Connections.csv", [("Ana", "Lima", "ana", "Stripe", "PM"),
                                                      ("John", "Smith", "john", "Globex", "PM")])
    capture = mutuals(tmp_path / "m.csv", [("Norm Al", "norm", "Acme", "Designer", 14, cell)])
    net, notes = _build(mine, mutuals=[capture], me="Me Myself")
    ties = net.ties[net.ties["kind"] == "mutuals"]
    assert sorted(ties["a"]) == [U + "ana", U + "john"], notes
    assert not [n for n in notes if "not counted" in n], notes


def test_an_email_address_in_a_name_cell_is_never_shown(tmp_path):
    """A friend's row whose name cells hold an e-mail address: the ranked table, reasons and
    drafts show no part of it ("bob evil.com" before); the person is named from their URL."""
    mine = connections(tmp_path / "Connections.csv", [("Ann", "Lee", "ann-lee", "Acme", "PM")])
    friend = connections(tmp_path / "ann.csv", [("bob@evil.com", "", "bob-stone-77", "Initech", "CTO"),
                                                ("Jane", "jane.doe@example.com", "jane-d", "Initech", "PM")])
    net, _ = _build(mine, shared={U + "ann-lee": friend}, me="Me Myself")
    from refkit.draft import add_drafts

    drafted = add_drafts(rank_targets(net, min_mutual=1), me="Me Myself")
    text = drafted.astype(str).to_csv()
    assert "evil" not in text and "example.com" not in text
    assert set(drafted["name"]) == {"Bob Stone", "Jane"}


def test_a_whole_name_in_the_last_name_cell_written_surname_first(tmp_path):
    mine = connections(tmp_path / "Connections.csv", [("", "Roe, Rick", "rick", "Acme", "PM")])
    net, _ = _build(mine, me="Me Myself")
    assert net.people.loc[U + "rick", "name"] == "Rick Roe"
