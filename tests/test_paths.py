"""Both ends of the path (issue 17 section 1): an introducer who knows you *and* the target.

Hand-built exports whose answers are worked out by hand. Today is 2026-11-01; Priya Raman,
Omar Haddad and Ann Wu all connected with you on 01 Mar 2022 (4.7 years: tie strength 4.7
each, no messages), so the near end cannot tell them apart and, without the far end, the
name would (Ann, then Omar, then Priya).
"""

import warnings

import pandas as pd
import pytest

from refkit.build import build_network
from refkit.rank import pair_strength, rank_targets, tie_strength

TODAY = "2026-11-01"
IN = "https://www.linkedin.com/in/"
HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"


def write(folder, name, rows):
    path = folder / name
    path.write_text(HEADER + "".join(f"{first},{last},{IN}{slug},,{company},Engineer,{day}\n"
                                     for first, last, slug, company, day in rows))
    return path


@pytest.fixture
def files(tmp_path):
    mine = write(tmp_path, "Connections.csv", [
        ("Priya", "Raman", "priya", "Initech", "01 Mar 2022"),
        ("Omar", "Haddad", "omar", "Hooli", "01 Mar 2022"),
        ("Ann", "Wu", "ann", "Acme", "01 Mar 2022"),
    ])
    # Priya has known Lee Chen for 9 years; Omar connected with him 3 weeks ago
    priya = write(tmp_path, "priya.csv", [("Lee", "Chen", "lee", "Globex", "01 Nov 2017")])
    omar = write(tmp_path, "omar.csv", [("Lee", "Chen", "lee", "Globex", "11 Oct 2026")])
    return tmp_path, mine, priya, omar


def build(mine, shared, **extra):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return build_network(mine, shared=shared, me="Me Myself", **extra)


def test_the_one_who_has_known_the_target_for_years_wins(files):
    _, mine, priya, omar = files
    net = build(mine, [(f"{IN}priya", priya), (f"{IN}omar", omar)])
    near = tie_strength(net, today=TODAY)["strength"]
    assert near[f"{IN}priya"] == near[f"{IN}omar"] == 4.7  # equally close to you
    lee = rank_targets(net, min_mutual=1, today=TODAY).set_index("key").loc[f"{IN}lee"]
    # pair: Priya 4.7 + 9 years = 13.7; Omar 4.7 + 0.1 year (21 days) = 4.8
    assert lee["introducer"] == "Priya Raman"
    assert lee["alternates"] == "Omar Haddad"
    assert lee["introducer_since"] == pd.Timestamp("2017-11-01")
    assert lee["reason"] == ("2 mutual connections; Priya Raman knows you best (connected 4 years) "
                             "and has known Lee Chen for 9 years")
    pairs = pair_strength(net, today=TODAY).set_index("introducer")
    assert pairs.loc[f"{IN}priya", ["years_known", "pair_strength"]].tolist() == [9.0, 13.7]
    assert pairs.loc[f"{IN}omar", ["years_known", "pair_strength"]].tolist() == [0.1, 4.8]
    # the score counts the best path: 2 mutual connections + 13.7 / 4
    assert lee["score"] == round(2 + 13.7 / 4, 2)


def test_the_order_does_not_depend_on_which_export_comes_first(files):
    _, mine, priya, omar = files
    net = build(mine, [(f"{IN}omar", omar), (f"{IN}priya", priya)])
    lee = rank_targets(net, min_mutual=1, today=TODAY).set_index("key").loc[f"{IN}lee"]
    assert (lee["introducer"], lee["alternates"]) == ("Priya Raman", "Omar Haddad")


def test_alternates_follow_the_pair_and_an_unknown_far_end_is_said(files):
    folder, mine, priya, _ = files
    omar = write(folder, "omar_old.csv", [("Lee", "Chen", "lee", "Globex", "01 Nov 2024")])
    capture = folder / "mutuals.csv"
    capture.write_text("Name,URL,Company,Position,Mutual Count,Mutual Connections\n"
                       f"Lee Chen,{IN}lee,Globex,Engineer,3,Ann Wu\n")
    net = build(mine, [(f"{IN}priya", priya), (f"{IN}omar", omar)], mutuals=[capture])
    lee = rank_targets(net, min_mutual=1, today=TODAY).set_index("key").loc[f"{IN}lee"]
    # Priya 4.7 + 9 = 13.7, Omar 4.7 + 2 = 6.7, Ann 4.7 + unknown (a capture) = 4.7
    assert lee["introducer"] == "Priya Raman"
    assert lee["alternates"] == "Omar Haddad; Ann Wu"
    assert lee["alternate_keys"] == (f"{IN}omar", f"{IN}ann")
    pairs = pair_strength(net, today=TODAY).set_index("introducer")
    assert not pairs.loc[f"{IN}ann", "far_known"]
    assert pairs.loc[f"{IN}ann", ["known_since", "years_known", "company_peers"]].isna().all()
    # only Ann knows him, as far as the files tell: the reason says the far end is unknown
    alone = build(mine, [], mutuals=[capture])
    only = rank_targets(alone, min_mutual=1, today=TODAY).set_index("key").loc[f"{IN}lee"]
    assert only["introducer"] == "Ann Wu"
    assert pd.isna(only["introducer_since"])
    assert only["reason"].endswith("Ann Wu knows you best (connected 4 years); how long Ann Wu has "
                                   "known Lee Chen is unknown (not in a shared export)")


def test_people_the_introducer_knows_at_the_targets_company(files):
    folder, mine, _, omar = files
    # Priya has known Lee 3 weeks too, but knows two more people at Globex ("Globex Corp." is Globex)
    priya = write(folder, "priya_globex.csv", [
        ("Lee", "Chen", "lee", "Globex", "11 Oct 2026"),
        ("Kai", "Berg", "kai", "Globex Corp.", "01 Jan 2020"),
        ("Zoe", "Lam", "zoe", "globex", "01 Jan 2021"),
        ("Ida", "Moe", "ida", "Globe", "01 Jan 2021"),  # not Globex
    ])
    net = build(mine, [(f"{IN}priya", priya), (f"{IN}omar", omar)])
    pairs = pair_strength(net, today=TODAY)
    lee = pairs[pairs["target"] == f"{IN}lee"].set_index("introducer")
    assert lee["company_peers"].to_dict() == {f"{IN}priya": 2, f"{IN}omar": 0}
    # 2 × log2(1 + 2) = 3.17 more for Priya
    assert lee.loc[f"{IN}priya", "pair_strength"] == round(4.7 + 0.1 + 3.17, 2)
    ranked = rank_targets(net, min_mutual=1, today=TODAY).set_index("key").loc[f"{IN}lee"]
    assert ranked["introducer"] == "Priya Raman"
    assert ranked["reason"].endswith("Priya Raman knows you best (connected 4 years) and has known "
                                     "Lee Chen for 3 weeks (and knows 2 other people at Globex)")


def test_a_closer_introducer_with_a_new_tie_says_who_knows_you_best(files):
    _, mine, priya, omar = files
    net = build(mine, [(f"{IN}priya", priya), (f"{IN}omar", omar)])
    # tagged close, Omar is 6 closer to you: 10.7 + 0.1 = 10.8 < Priya's 13.7
    lee = rank_targets(net, min_mutual=1, today=TODAY, tags={"Omar Haddad": ["close"]})
    lee = lee.set_index("key").loc[f"{IN}lee"]
    assert lee["introducer"] == "Priya Raman"
    assert "Priya Raman knows you (connected 4 years) and has known Lee Chen for 9 years" in lee["reason"]
    # family and close: 16.7 + 0.1 = 16.8 > 13.7: Omar, who knows you best
    lee = rank_targets(net, min_mutual=1, today=TODAY, tags={"Omar Haddad": ["close", "family"]})
    lee = lee.set_index("key").loc[f"{IN}lee"]
    assert lee["introducer"] == "Omar Haddad"
    assert lee["reason"].endswith("Omar Haddad knows you best (connected 4 years, tagged close; "
                                  "family) and has known Lee Chen for 3 weeks")


def test_tie_dates_are_kept_per_export_and_unknown_for_captures(files):
    folder, mine, priya, omar = files
    capture = folder / "mutuals.csv"
    capture.write_text("Name,URL,Company,Position,Mutual Count,Mutual Connections\n"
                       f"Lee Chen,{IN}lee,Globex,Engineer,3,Ann Wu\n")
    net = build(mine, [(f"{IN}priya", priya), (f"{IN}omar", omar)], mutuals=[capture])
    ties = net.ties.set_index(["a", "b"])
    assert ties.loc[(f"{IN}priya", f"{IN}lee"), "connected_on"] == pd.Timestamp("2017-11-01")
    assert ties.loc[(f"{IN}omar", f"{IN}lee"), "connected_on"] == pd.Timestamp("2026-10-11")
    assert pd.isna(ties.loc[(f"{IN}ann", f"{IN}lee"), "connected_on"])
    me = net.me
    assert ties.loc[(me, f"{IN}ann"), "connected_on"] == pd.Timestamp("2022-03-01")
    # a friend's date is their own tie's: the person's connected_on stays the user's (none)
    assert pd.isna(net.people.at[f"{IN}lee", "connected_on"])


def test_the_readmes_sample_claim_holds():
    """README: on the samples Kwame Brown is asked for Emma Ortega over Chris Chen."""
    from pathlib import Path

    from refkit.workspace import load_workspace

    root = Path(__file__).resolve().parents[1]
    readme = " ".join((root / "README.md").read_text(encoding="utf-8").split())
    assert ("picks Kwame Brown for Emma Ortega (he has known her since 2016 and knows 32 people at "
            "Epic Systems) over Chris Chen") in readme
    ws = load_workspace(root / "data_samples")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        net = build_network(**ws.network_options())
    emma = rank_targets(net, **ws.rank_options()).set_index("name").loc["Emma Ortega"]
    assert emma["introducer"] == "Kwame Brown"
    assert emma["introducer_since"].year == 2016
    assert "knows 32 other people at Epic Systems" in emma["reason"]
    near = tie_strength(net, tags=ws.rank_options()["tags"])["strength"]
    chris = next(k for k in emma["alternate_keys"] if net.people.at[k, "name"] == "Chris Chen")
    assert near[chris] > near[emma["introducer_key"]]  # Chris knows you better
    assert not pair_strength(net).set_index(["target", "introducer"]).loc[(emma["key"], chris), "far_known"]
