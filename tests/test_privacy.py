"""Privacy: no network access at run time, no e-mails unless asked, pseudonymisation."""

from __future__ import annotations

import io
import re
import socket
import warnings
from pathlib import Path

import pandas as pd
import pytest
from conftest import EXPORT, SAMPLES, NetworkBlocked

from refkit import RefkitError
from refkit.build import Network, build_network
from refkit.cli import main
from refkit.cli.demo import sample_inputs
from refkit.privacy import pseudonymize, reveal
from refkit.rank import rank_targets

EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")


@pytest.fixture(scope="module")
def network() -> Network:
    inputs = sample_inputs(SAMPLES)
    inputs.pop("tags")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return build_network(**inputs)


def _sample_emails() -> list[str]:
    return sorted(set(EMAIL.findall(EXPORT.joinpath("Connections.csv").read_text(encoding="utf-8"))))


# --------------------------------------------------------------------------- no network access


def test_the_blocker_blocks(no_sockets):
    with pytest.raises(NetworkBlocked):
        socket.create_connection(("example.org", 80))
    assert no_sockets == ["socket.create_connection"]


def test_whole_pipeline_runs_without_network(no_sockets, tmp_path):
    from refkit.coach import bridge_summary, coach_introductions
    from refkit.draft import add_drafts
    from refkit.export import write_csv
    from refkit.read import read_export
    from refkit.track import Tracker

    inputs = sample_inputs(SAMPLES)
    tags = inputs.pop("tags")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        net = build_network(**inputs)
        ranked = add_drafts(rank_targets(net, tags=tags, companies=["Stripe"]), me=net.me_name)
        write_csv(ranked, tmp_path / "ranked.csv")
        with Tracker(tmp_path / "ws") as tracker:
            assert tracker.add(ranked.head(5), today="2024-05-01") == {"added": 5, "updated": 0}
            tracker.set_status(ranked["key"].iloc[0], "asked_introducer", when="2024-05-02")
            tracker.export(tmp_path / "tracker.csv", today="2024-05-03")
        coach = read_export(SAMPLES / "shared" / "arjun_menon_Connections.csv")
        client = read_export(EXPORT)
        intros = coach_introductions(coach, client, companies=["Stripe"], coach="Arjun Menon")
        summary = bridge_summary(coach, client, coach="Arjun Menon")
        pseudo, _ = pseudonymize(net, key="k")
        rank_targets(pseudo)
    assert len(ranked) > 0 and len(intros) > 0 and summary["sentence"]
    assert no_sockets == []


def test_views_run_without_network(no_sockets, network, tmp_path):
    from refkit.view import network_view

    shown = network_view(network)
    shown.save(tmp_path / "view.html")
    assert (tmp_path / "view.html").stat().st_size > 0
    assert no_sockets == []


def test_cli_rank_without_network(no_sockets, tmp_path, capsys):
    code = main(["-q", "rank", str(EXPORT), "-o", str(tmp_path / "r.csv"),
                 "--shared-manifest", str(SAMPLES / "shared" / "owners.csv")])  # fmt: skip
    assert code == 0
    assert no_sockets == []


# --------------------------------------------------------------------------- e-mails


def test_samples_do_hold_emails():
    emails = _sample_emails()
    assert len(emails) == 11  # the committed sample: 11 connections share their address
    assert all("@" in e for e in emails)


def _rank_cli(tmp_path: Path, *extra: str) -> str:
    out = tmp_path / f"ranked{len(extra)}.csv"
    code = main(["-q", "rank", str(EXPORT), "-o", str(out), "--min-mutual", "1",
                 "--shared-manifest", str(SAMPLES / "shared" / "owners.csv"), *extra])  # fmt: skip
    assert code == 0
    return out.read_text(encoding="utf-8")


def test_rank_output_has_no_emails_unless_asked(tmp_path, capsys, network):
    ranked = rank_targets(network, min_mutual=1)
    expected = network.people["email"].reindex(ranked["key"]).dropna()
    assert len(expected) > 5  # friends' exports carry addresses of 2nd-degree people
    text = _rank_cli(tmp_path)
    assert EMAIL.search(text) is None
    assert "email" not in text.splitlines()[0]
    back = pd.read_csv(io.StringIO(_rank_cli(tmp_path, "--emails")), dtype=str)
    assert back.columns[-1] == "email"
    got = back.set_index("key")["email"].dropna()
    assert got.sort_index().to_dict() == expected.sort_index().to_dict()


def test_tracker_export_has_no_emails_unless_asked(tmp_path, capsys):
    from refkit.track import Tracker

    ranked = pd.DataFrame({
        "key": ["https://www.linkedin.com/in/lee"], "name": ["Lee Chen"],
        "profile_url": ["https://www.linkedin.com/in/lee"], "company": ["Globex"], "mutual_count": [12],
    })  # fmt: skip
    with Tracker(tmp_path / "ws") as tracker:
        tracker.add(ranked, today="2024-05-01")
        tracker.set_status("Lee Chen", "asked_introducer", note="wrote to lee.chen@globex.com", when="2024-05-02")
    assert main(["track", str(tmp_path / "ws"), "export", "-o", str(tmp_path / "t.csv")]) == 0
    assert main(["track", str(tmp_path / "ws"), "export", "-o", str(tmp_path / "e.csv"), "--include-email"]) == 0
    assert "lee.chen@globex.com" not in (tmp_path / "t.csv").read_text(encoding="utf-8")
    assert "wrote to [e-mail removed]" in (tmp_path / "t.csv").read_text(encoding="utf-8")
    assert "wrote to lee.chen@globex.com" in (tmp_path / "e.csv").read_text(encoding="utf-8")


def test_emails_come_back_only_with_emails_flag(tmp_path):
    from refkit.export import write_csv

    # the people table does carry the sample's addresses; only an explicit flag exports them
    inputs = sample_inputs(SAMPLES)
    inputs.pop("tags")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        net = build_network(inputs["export"])
    people = net.people[net.people["email"].notna()]
    assert sorted(people["email"]) == _sample_emails()
    plain = write_csv(people, tmp_path / "p.csv").read_text(encoding="utf-8")
    full = write_csv(people, tmp_path / "q.csv", include_email=True).read_text(encoding="utf-8")
    assert EMAIL.search(plain) is None
    assert sorted(set(EMAIL.findall(full))) == _sample_emails()


# --------------------------------------------------------------------------- pseudonymisation


def _strings_of(net: Network) -> set[str]:
    """Every text cell of every table, index included, split on the separators refkit uses."""
    out: set[str] = set()
    frames = [net.people, net.ties, net.reported, net.messages, net.invitations, net.positions]
    for frame in frames:
        if frame is None:
            continue
        whole = frame.reset_index()
        out.update(str(c) for c in whole.columns)
        for column in whole.columns:
            for value in whole[column].to_numpy(dtype=object):
                if isinstance(value, str):
                    out.add(value)
                elif isinstance(value, tuple):
                    out.update(str(v) for v in value)
    out.update(net.warnings)
    out.add(net.me)
    return out


def test_pseudonymize_leaves_no_real_name_company_url_or_email(network):
    pseudo, mapping = pseudonymize(network, key="coach-2024")
    people = network.people
    real_names = {n for n in people["name"].dropna() if len(n) > 3}
    real_companies = {c for c in people["company"].dropna()}
    real_urls = {u for u in people["profile_url"].dropna()}
    cells = _strings_of(pseudo)
    blob = "\n".join(cells)
    assert not (real_names & cells) and not (real_companies & cells) and not (real_urls & cells)
    leaked_names = [n for n in real_names if n in blob]
    assert leaked_names == []
    assert [c for c in real_companies if len(c) > 3 and re.search(rf"\b{re.escape(c)}\b", blob)] == []
    assert [u for u in real_urls if u in blob] == []
    assert EMAIL.search(blob) is None
    assert "arjun_menon" not in blob and "Connections.csv" not in blob  # file names too
    assert pseudo.people["email"].isna().all()
    assert pseudo.invitations["message"].isna().all()
    assert pseudo.warnings == ()
    assert set(mapping.values()) >= real_names - {network.me_name} | real_companies
    assert all(u.startswith("https://www.linkedin.com/in/pseudo-")
               for u in pseudo.people["profile_url"].dropna())  # fmt: skip


def test_pseudonymize_does_not_mutate_its_input(network):
    before = network.people.copy(), network.ties.copy(), network.invitations.copy()
    pseudonymize(network, key="k")
    pd.testing.assert_frame_equal(network.people, before[0])
    pd.testing.assert_frame_equal(network.ties, before[1])
    pd.testing.assert_frame_equal(network.invitations, before[2])


def test_same_key_same_names_other_key_other_names(network):
    a, map_a = pseudonymize(network, key="k1")
    b, map_b = pseudonymize(network, key=b"k1")
    c, map_c = pseudonymize(network, key="k2")
    assert a.people.index.tolist() == b.people.index.tolist()
    assert a.people["name"].tolist() == b.people["name"].tolist()
    assert map_a == map_b
    assert set(a.people["name"]).isdisjoint(set(c.people["name"]))
    assert set(a.people["company"].dropna()).isdisjoint(set(c.people["company"].dropna()))
    assert set(a.people.index).isdisjoint(set(c.people.index))


def test_consistent_stand_ins_across_tables(network):
    pseudo, mapping = pseudonymize(network, key="k")
    # every tie end and reported key is a person of the pseudonymised network
    assert set(pseudo.ties["a"]) | set(pseudo.ties["b"]) <= set(pseudo.people.index)
    assert set(pseudo.reported.index) <= set(pseudo.people.index)
    # a company keeps one stand-in wherever it appears
    stripe = network.people.index[network.people["company"].eq("Stripe")]
    assert len(stripe) > 1
    positions = pseudo.people["company"].to_numpy()[network.people.index.get_indexer(stripe)]
    assert len(set(positions)) == 1 and mapping[positions[0]] == "Stripe"
    # the user's own employers in Positions.csv map to the same stand-ins as in the people table
    own = set(network.positions["company"])
    assert {mapping[c] for c in pseudo.positions["company"]} == own
    # a sender in messages.csv gets the stand-in of the person of that name
    sent = network.messages["sender"].dropna().iloc[0]
    person = network.people.index[network.people["name"].eq(sent)]
    if len(person):
        at = network.people.index.get_loc(person[0])
        assert pseudo.messages["sender"].dropna().iloc[0] == pseudo.people["name"].iloc[at]


def test_reveal_reverses_pseudonymize(network):
    pseudo, mapping = pseudonymize(network, key="k")
    people = reveal(pseudo.people, mapping)
    assert people.index.tolist() == network.people.index.tolist()
    named = network.people["name"].notna() & (network.people.index != network.me)
    assert people.loc[named, "name"].tolist() == network.people.loc[named, "name"].tolist()
    assert people["company"].fillna("").tolist() == network.people["company"].fillna("").tolist()
    assert people["profile_url"].fillna("").tolist() == network.people["profile_url"].fillna("").tolist()
    ties = reveal(pseudo.ties, mapping)
    assert ties[["a", "b"]].values.tolist() == network.ties[["a", "b"]].values.tolist()


def test_ranking_is_identical_up_to_renaming(network):
    pseudo, mapping = pseudonymize(network, key="k")
    real = rank_targets(network, min_mutual=3)
    fake = rank_targets(pseudo, min_mutual=3)
    assert fake["mutual_count"].tolist() == real["mutual_count"].tolist()
    assert len(real) > 20
    back = reveal(fake, mapping)
    mine = back.set_index("key")
    theirs = real.set_index("key")
    assert sorted(mine.index) == sorted(theirs.index)
    for column in ("name", "company", "mutual_count", "mutual_keys", "profile_url"):
        assert mine[column].reindex(theirs.index).tolist() == theirs[column].tolist(), column
    shown = set(back["mutual_connections"].dropna().str.split("; ").explode()) - {""}
    assert shown and shown <= set(network.people["name"])


def test_reveal_maps_text_and_tuples_and_leaves_the_rest():
    mapping = {"Person 0123abcd": "Lee Chen", "https://www.linkedin.com/in/pseudo-99aa88bb": "https://www.linkedin.com/in/lee"}
    frame = pd.DataFrame({
        "who": ["Person 0123abcd; Person ffffffff", None],
        "keys": [("https://www.linkedin.com/in/pseudo-99aa88bb",), ()],
        "n": [1, 2],
    })  # fmt: skip
    out = reveal(frame, mapping)
    assert out["who"].tolist()[0] == "Lee Chen; Person ffffffff"
    assert pd.isna(out["who"].tolist()[1])
    assert out["keys"].tolist() == [("https://www.linkedin.com/in/lee",), ()]
    assert out["n"].tolist() == [1, 2]
    assert frame["who"].tolist()[0] == "Person 0123abcd; Person ffffffff"  # not mutated


def test_bad_key_and_bad_network_are_refkit_errors(network):
    with pytest.raises(RefkitError, match="non-empty key"):
        pseudonymize(network, key="")
    with pytest.raises(RefkitError, match="expected a Network"):
        pseudonymize(pd.DataFrame(), key="k")
    with pytest.raises(RefkitError, match="expected a DataFrame"):
        reveal([1, 2], {})


def test_cli_pseudonymize(tmp_path, capsys, network):
    args = ["-q", "rank", str(EXPORT), "--shared-manifest", str(SAMPLES / "shared" / "owners.csv"),
            "--min-mutual", "3"]  # fmt: skip
    assert main([*args, "-o", str(tmp_path / "a.csv"), "--pseudonymize", "s3cret"]) == 0
    assert main([*args, "-o", str(tmp_path / "b.csv"), "--pseudonymize", "s3cret"]) == 0
    assert main([*args, "-o", str(tmp_path / "c.csv")]) == 0
    a = pd.read_csv(tmp_path / "a.csv", dtype=str)
    b = pd.read_csv(tmp_path / "b.csv", dtype=str)
    c = pd.read_csv(tmp_path / "c.csv", dtype=str)
    pd.testing.assert_frame_equal(a, b)
    assert a["mutual_count"].tolist() == c["mutual_count"].tolist()
    assert a["name"].str.fullmatch(r"Person [0-9a-f]{8,}").all()
    text = (tmp_path / "a.csv").read_text(encoding="utf-8")
    assert not [n for n in network.people["name"].dropna() if len(n) > 3 and n in text]
    capsys.readouterr()
    assert main([*args, "-o", str(tmp_path / "d.csv"), "--pseudonymize", ""]) == 2
    assert capsys.readouterr().err.strip() == "refkit: error: pseudonymize: expected a non-empty key (text or bytes)"
