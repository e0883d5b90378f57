"""Mutual counts, tie strength, introducers and ranking on networks worked out by hand."""

import pandas as pd
import pytest

from refkit import RefkitError
from refkit.build import Network
from refkit.rank import (
    RANK_COLUMNS,
    company_matches,
    mutual_connections,
    paths_into,
    rank_targets,
    threshold_counts,
    threshold_summary,
    tie_strength,
)

TODAY = "2026-11-01"


def make_network(**extra):
    """Me; 1st-degree ann, bob, cy, dee; 2nd-degree tara (3 known + capture 12), uma (2), vic (1)."""
    people = pd.DataFrame(
        {
            "name": ["Me Myself", "Ann Lee", "Bob Ray", "Cy Fox", "Dee Oak", "Tara Stone", "Uma Hill",
                     "Vic Moss"],
            "company": [None, "Globex", "Initech", "Hooli", "Acme", "Stripe, Inc.", "Epic Games",
                        "Metabase"],
            "position": [None, "PM", "Dev", "Dev", "HR", "Senior Data Engineer", "Engineer",
                         "Recruiter"],
            "connected_on": pd.to_datetime([None, "2016-06-01", "2024-06-01", "2021-01-01",
                                            "2025-01-01", None, None, None]),
            "degree": [0, 1, 1, 1, 1, 2, 2, 2],
        },
        index=pd.Index(["me", "ann", "bob", "cy", "dee", "tara", "uma", "vic"], name="key"),
    )
    ties = pd.DataFrame(
        [("me", x) for x in ("ann", "bob", "cy", "dee")]
        + [("ann", "tara"), ("bob", "tara"), ("cy", "tara"), ("tara", "cy"),
           ("bob", "uma"), ("dee", "uma"), ("cy", "vic"), ("ann", "bob")],
        columns=["a", "b"],
    ).assign(source="x.csv", kind="shared")
    reported = pd.DataFrame({"mutual_count": [12, 1], "source": ["cap.csv", "cap.csv"]},
                            index=pd.Index(["tara", "uma"], name="key"))
    return Network(people=people, ties=ties, me="me", reported=reported, **extra)


def test_mutual_counts_by_hand():
    m = mutual_connections(make_network())
    assert m.loc["tara", "mutual_keys"] == ("ann", "bob", "cy")
    assert (m.loc["tara", "known_count"], m.loc["tara", "reported_count"],
            m.loc["tara", "mutual_count"]) == (3, 12, 12)
    # a capture count lower than what we know does not lower it
    assert m.loc["uma", "mutual_count"] == 2
    assert m.loc["vic", "mutual_count"] == 1
    assert sorted(m.index) == ["tara", "uma", "vic"]


def test_threshold_counts_and_summary():
    net = make_network()
    assert threshold_counts(net).to_dict() == {1: 3, 2: 2, **{t: 1 for t in range(3, 13)}}
    s = threshold_summary(net, min_mutual=10)
    assert (s.qualified, s.highest) == (1, 12)
    assert s.message == "1 person shares at least 10 connections with you (1 shares at least 5)"
    none = threshold_summary(net, min_mutual=20)
    assert none.qualified == 0
    assert none.message.startswith("Nobody shares 20 or more connections with you yet; the highest "
                                   "count found is 12 (3 share at least 1; 1 shares at least 6; 1 shares at least 12)")
    with pytest.raises(RefkitError, match="min_mutual"):
        threshold_summary(net, min_mutual=0)


def test_tie_strength_parts_and_sum():
    messages = pd.DataFrame(
        {
            "sender": ["Me Myself", "Bob Ray", "Me Myself", "Cy Fox"],
            "sender_url": [None] * 4,
            "recipients": ["Bob Ray", "Me Myself", "Bob Ray", "Me Myself"],
            "recipient_urls": [None] * 4,
            "sent_at": pd.to_datetime(["2026-10-01", "2026-10-02", "2020-01-01", "2024-01-01"]),
        }
    )
    positions = pd.DataFrame({"company": ["Acme GmbH", "Initech"],
                              "finished_on": pd.to_datetime(["2019-01-01", None])})
    net = make_network(messages=messages, positions=positions)
    s = tie_strength(net, tags={"Ann Lee": ["close", "Mentor"]}, today=TODAY)
    assert s.loc["bob", "messages"] == 3 and bool(s.loc["bob", "both_wrote"])
    assert s.loc["cy", "messages"] == 1 and not bool(s.loc["cy", "both_wrote"])
    assert bool(s.loc["bob", "shared_employer"]) and bool(s.loc["dee", "shared_employer"])
    assert s.loc["ann", "tags"] == "close; mentor"
    # ann: 10 (years, capped) + tags 6 + 4
    assert s.loc["ann", "strength"] == 20.0
    # bob: 2.4 years + 3*log2(4)=6 + both wrote 2 + recent 3 + employer 4
    assert s.loc["bob", "strength"] == pytest.approx(2.4 + 6 + 2 + 3 + 4)
    # cy: 5.8 years + 3*log2(2)=3 + last message 2024 (under 3 years) 1
    assert s.loc["cy", "strength"] == pytest.approx(5.8 + 3 + 1)


def test_introducer_is_strongest_tie_then_alternates():
    net = make_network()
    ranked = rank_targets(net, min_mutual=1, today=TODAY, tags={"Cy Fox": ["family"]})
    tara = ranked.set_index("key").loc["tara"]
    # years: ann 10 (capped from 10.4), cy 5.8 + family 6 = 11.8, bob 2.4
    assert tara["introducer"] == "Cy Fox"
    assert tara["alternates"] == "Ann Lee; Bob Ray"
    assert tara["alternate_keys"] == ("ann", "bob")
    assert tara["mutual_connections"] == "Cy Fox; Ann Lee; Bob Ray"
    assert tara["reason"] == ("12 mutual connections (3 known by name); Cy Fox knows you best "
                              "(connected 5 years, tagged family) and knows Tara Stone (their "
                              "export gives no date)")


def test_rank_threshold_order_and_columns():
    net = make_network()
    ranked = rank_targets(net, min_mutual=2, today=TODAY)
    assert list(ranked.columns[: len(RANK_COLUMNS)]) == RANK_COLUMNS
    assert list(ranked["name"]) == ["Tara Stone", "Uma Hill"]
    assert list(ranked["rank"]) == [1, 2]
    # tara: 12 + best strength (ann 10.0) / 4 = 14.5; uma: 2 + bob 2.4 / 4
    assert list(ranked["score"]) == [14.5, 2.6]
    assert rank_targets(net, min_mutual=13, today=TODAY).empty
    assert len(rank_targets(net, min_mutual=1, top=1, today=TODAY)) == 1
    with pytest.raises(RefkitError, match="top"):
        rank_targets(net, top=0)


def test_company_and_keyword_boost_and_filter():
    net = make_network()
    ranked = rank_targets(net, min_mutual=1, companies=["Stripe", "Epic", "Meta"],
                          keywords=["data engineer"], today=TODAY)
    by = ranked.set_index("key")
    assert bool(by.loc["tara", "company_match"]) and bool(by.loc["tara", "keyword_match"])
    assert not by.loc["uma", "company_match"]  # Epic is not Epic Games
    assert not by.loc["vic", "company_match"]  # Meta is not Metabase
    assert by.loc["tara", "score"] == 12 + 10 + 5 + 2.5
    assert "works at Stripe, Inc. (target company); position matches 'Data Engineer'" in by.loc[
        "tara", "reason"]
    only = rank_targets(net, min_mutual=1, companies=["Stripe"], only_matching=True, today=TODAY)
    assert list(only["key"]) == ["tara"]


@pytest.mark.parametrize(
    ("company", "targets", "expected"),
    [("Stripe", ["stripe inc"], "stripe inc"), ("Epic Games", ["Epic"], None),
     ("Epic Systems", ["Epic"], "Epic"), ("Metabase", ["Meta"], None), ("Meta", ["Meta"], "Meta"),
     ("Acme GmbH", ["ACME Ltd."], "ACME Ltd."), (None, ["Acme"], None), ("Google", [], None),
     ("Meta Platforms", ["Meta"], None)],
)
def test_company_matching_has_no_false_friends(company, targets, expected):
    assert company_matches(company, targets) == expected


def test_pending_invitations_are_marked_and_last():
    invitations = pd.DataFrame(
        {"from_name": ["Me Myself", "Uma Hill"], "to_name": ["Tara Stone", "Me Myself"],
         "sent_at": pd.to_datetime(["2026-10-20", "2026-10-21"]), "direction": ["OUTGOING", "INCOMING"],
         "invitee_url": [None, None]}
    )
    ranked = rank_targets(make_network(invitations=invitations), min_mutual=1, today=TODAY)
    # uma: 2 + bob 2.4/4 = 2.6 beats vic: 1 + cy 5.8/4 = 2.45; tara is pending
    assert list(ranked["key"]) == ["uma", "vic", "tara"]
    assert list(ranked["pending_invitation"]) == [False, False, True]
    assert "invitation pending since 2026-10-20" in ranked.iloc[2]["reason"]


def test_common_ground_from_positions():
    positions = pd.DataFrame({"company": ["Stripe"], "finished_on": pd.to_datetime(["2020-01-01"])})
    ranked = rank_targets(make_network(positions=positions), min_mutual=10, today=TODAY)
    assert ranked.loc[0, "common_ground"] == "you both worked at Stripe"


def test_paths_into_company():
    net = make_network()
    paths = paths_into(net, "Initech", today=TODAY)
    assert list(paths["name"]) == ["Bob Ray"] and list(paths["degree"]) == [1]
    paths = paths_into(net, "stripe", today=TODAY)
    assert list(paths["name"]) == ["Tara Stone"]
    assert paths.loc[0, "introducer"] == "Ann Lee"
    with pytest.raises(RefkitError):
        paths_into(net, " ")


def test_rank_does_not_mutate_network():
    net = make_network()
    before = net.people.copy(), net.ties.copy()
    rank_targets(net, min_mutual=1, companies=["Stripe"], today=TODAY)
    pd.testing.assert_frame_equal(net.people, before[0])
    pd.testing.assert_frame_equal(net.ties, before[1])


def test_reason_for_a_count_without_names():
    net = make_network()
    reported = pd.DataFrame({"mutual_count": [12, 11], "source": "cap.csv"},
                            index=pd.Index(["tara", "zed"], name="key"))
    people = pd.concat([net.people, pd.DataFrame({"name": ["Zed Moe"], "degree": [2]},
                                                 index=pd.Index(["zed"], name="key"))])
    net = Network(people=people, ties=net.ties, me="me", reported=reported)
    ranked = rank_targets(net, min_mutual=11, today=TODAY).set_index("key")
    assert ranked.loc["zed", "reason"] == (
        "11 mutual connections; no mutual connection named yet: capture their names from LinkedIn")
    assert ranked.loc["tara", "reason"].startswith("12 mutual connections (3 known by name); ")
    assert pd.isna(ranked.loc["zed", "introducer"])


def test_paths_into_a_mistyped_company_says_so_and_suggests():
    import warnings

    from refkit import RefkitWarning
    from refkit.examples import toy_network
    from refkit.rank import paths_into

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        found = paths_into(toy_network(), "Stirpe")
    assert found.empty
    said = [str(w.message) for w in caught if issubclass(w.category, RefkitWarning)]
    assert len(said) == 1 and said[0].startswith("nobody at 'Stirpe' in your network; did you mean 'Stripe")
    with warnings.catch_warnings():
        warnings.simplefilter("error", RefkitWarning)
        assert not paths_into(toy_network(), "Stripe").empty  # a company that is there: no warning
