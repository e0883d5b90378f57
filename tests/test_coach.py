"""Coach sessions: introductions from the coach's network, the bridge summary, ``refkit coach``."""

import csv
import re

import pandas as pd
import pytest
from conftest import SAMPLES

from refkit import AmbiguousPersonError, RefkitError, RefkitWarning
from refkit.cli import main
from refkit.coach import (
    INTRODUCTION_COLUMNS,
    bridge_summary,
    coach_introductions,
    session_names,
)
from refkit.read import read_connections, read_export, read_shared
from refkit.resolve import normalize_url
from refkit.track import Tracker

EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+")
HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
IN = "https://www.linkedin.com/in/"

# The coach's 10 people (plus one date-only row, which is not a person).
COACH_ROWS = [
    f"Lee,Chen,{IN}lee-chen,,Stripe,Data Engineer,01 Feb 2021",  # the client knows him (URL)
    f"Nia,Brown,{IN}nia-brown-77,,Stripe,Data Engineer,01 Feb 2021",  # the client knows her (name)
    f"Priya,Raman,{IN}priya-raman,priya@example.com,\"Stripe, Inc.\",Senior Software Engineer,01 Feb 2021",
    f"Tomás,Ortega,{IN}tomas-ortega,,Epic Games,Engineer,01 Feb 2021",  # not "Epic"; keyword only
    f"Jane,\"Doe, PhD\",{IN}jane-doe,,Epic Systems,Recruiter,01 Feb 2021",  # "Epic"
    f"Max,Meyer,{IN}max-meyer,,Metabase,Product Manager,01 Feb 2021",  # not "Meta"
    f"Ana,Lima,{IN}ana-lima,,Meta,Engineering Manager,01 Feb 2021",  # the client herself
    f"Kofi,Mensah,{IN}kofi-mensah,,Meta,Data Analyst kofi@example.net,01 Feb 2021",
    f"Zoe,Adams,{IN}zoe-adams,,Initech,Engineering Manager,01 Feb 2021",  # "Engineering" ≠ engineer
    f"Lee,Chen,{IN}lee-chen-2,,Globex,Software Engineer,01 Feb 2021",  # a namesake, new to the client
    ",,,,,,01 Mar 2020",
]
# The client's 5 connections; Nia has no URL, Lee's URL is written differently.
CLIENT_ROWS = [
    "Lee,Chen,https://linkedin.com/in/Lee-Chen/,,Stripe,Data Engineer,02 Feb 2022",
    "Nia,Brown,,nia@example.org,Acme,Analyst,02 Feb 2022",
    f"Raj,Patel,{IN}raj-patel,,Acme,Analyst,02 Feb 2022",
    f"Sam,Ortiz,{IN}sam-ortiz,,Coaching Co,Career Coach,02 Feb 2022",
    f"Eve,Stone,{IN}eve-stone,,Hooli,Designer,02 Feb 2022",
]
TARGETS = {"companies": ["Stripe", "Epic", "Meta"], "keywords": ["engineer"]}


@pytest.fixture
def files(tmp_path):
    coach = tmp_path / "sam_Connections.csv"
    coach.write_text(HEADER + "\n".join(COACH_ROWS) + "\n", encoding="utf-8")
    client = tmp_path / "ana_export"
    client.mkdir()
    (client / "Connections.csv").write_text(HEADER + "\n".join(CLIENT_ROWS) + "\n", encoding="utf-8")
    (client / "Profile.csv").write_text("First Name,Last Name,Headline\nAna,Lima,Analyst\n",
                                        encoding="utf-8")
    (client / "Positions.csv").write_text(
        "Company Name,Title,Description,Location,Started On,Finished On\n"
        "Hooli,Data Analyst,,Berlin,Jan 2022,\n"
        "Acme,Intern,,Berlin,Jan 2020,Dec 2021\n", encoding="utf-8")
    return coach, client


def test_rows_labels_and_order(files):
    coach, client = files
    out = coach_introductions(coach, client, coach="Sam Ortiz", **TARGETS)
    assert list(out.columns) == INTRODUCTION_COLUMNS
    assert out[["name", "profile_url", "company", "position", "matched"]].values.tolist() == [
        # most useful first: target company and role, then target companies in the client's order
        ["Priya Raman", f"{IN}priya-raman", "Stripe, Inc.", "Senior Software Engineer",
         "company: Stripe; keyword: engineer"],
        ["Jane Doe", f"{IN}jane-doe", "Epic Systems", "Recruiter", "company: Epic"],
        ["Kofi Mensah", f"{IN}kofi-mensah", "Meta", "Data Analyst", "company: Meta"],
        ["Lee Chen", f"{IN}lee-chen-2", "Globex", "Software Engineer", "keyword: engineer"],
        ["Tomás Ortega", f"{IN}tomas-ortega", "Epic Games", "Engineer", "keyword: engineer"],
    ]


def test_false_friends_existing_connections_and_client_are_left_out(files):
    coach, client = files
    out = coach_introductions(coach, client, companies=["Epic", "Meta"], coach="Sam Ortiz")
    # Epic Games is not Epic, Metabase is not Meta; Ana Lima (Meta) is the client herself
    assert out["name"].tolist() == ["Jane Doe", "Kofi Mensah"]
    stripe = coach_introductions(coach, client, companies=["Stripe"], coach="Sam Ortiz")
    # Lee Chen (same URL, written differently) and Nia Brown (by name) are already connected
    assert stripe["name"].tolist() == ["Priya Raman"]


def test_note_names_both_and_says_why(files):
    coach, client = files
    out = coach_introductions(coach, client, coach="Sam Ortiz", **TARGETS).set_index("name")
    assert out.at["Priya Raman", "introduction_note"] == (
        "Hi Priya and Ana,\n\n"
        "I'd like to introduce you to each other: Priya Raman (Senior Software Engineer at "
        "Stripe, Inc) and Ana Lima (Data Analyst at Hooli). I think you should meet because "
        "Ana is exploring engineer roles at Stripe, Inc. I'll let you take it from here.\n\n"
        "Best,\nSam Ortiz"
    )
    assert "because Ana is exploring roles at Epic Systems." in out.at["Jane Doe", "introduction_note"]
    assert "because Ana is exploring engineer roles." in out.at["Tomás Ortega", "introduction_note"]
    for name, note in out["introduction_note"].items():
        assert note.startswith(f"Hi {name.split()[0]} and Ana,") and note.endswith("Best,\nSam Ortiz")


def test_given_reason_names_and_top(files):
    coach, client = files
    out = coach_introductions(coach, client, coach="Sam Ortiz", client="Ana Lima, MBA",
                              reason="you both love dbt", top=2, **TARGETS)
    assert out["name"].tolist() == ["Priya Raman", "Jane Doe"]
    assert all("I think you should meet because you both love dbt." in n
               for n in out["introduction_note"])
    assert all(" and Ana Lima (Data Analyst at Hooli)." in n for n in out["introduction_note"])


def test_no_email_in_any_cell(files):
    coach, client = files
    out = coach_introductions(coach, client, **TARGETS)
    cells = [str(v) for v in out.to_numpy().ravel()]
    assert len(cells) == 5 * 6
    assert not any(EMAIL.search(c) for c in cells)


def test_default_names_from_profile_or_placeholders(files, tmp_path):
    coach, client = files
    assert session_names(coach, client) == ("your coach", "Ana Lima")
    # a shared export read with its owner's profile URL names the coach from the slug
    shared = read_shared(coach, owner=f"{IN}sam-ortiz-3f2a1b")
    assert session_names(shared, client) == ("Sam Ortiz", "Ana Lima")
    bare_client = read_connections(client / "Connections.csv")
    assert session_names(coach, bare_client) == ("your coach", "my client")
    out = coach_introductions(coach, bare_client, companies=["Epic"])
    # Ana Lima is not known as the client now, but she is not at Epic either
    assert out["name"].tolist() == ["Jane Doe"]
    assert out.loc[0, "introduction_note"] == (
        "Hi Jane,\n\nI'd like to introduce you to a client of mine. I think you should meet "
        "because my client is exploring roles at Epic Systems. May I put you in touch?\n\n"
        "Best,\nyour coach"
    )


def test_client_recognised_by_url_keeps_a_namesake(files, tmp_path):
    coach, client = files
    namesake = tmp_path / "coach2.csv"
    namesake.write_text(HEADER + f"Ana,Lima,{IN}ana-lima-9,,Meta,Engineer,01 Feb 2021\n"
                        + COACH_ROWS[6] + "\n", encoding="utf-8")
    # without her URL the name cannot tell which Ana Lima she is (her company, Hooli, is
    # neither's): refused, as an ambiguous owner of a shared export is, never guessed
    with pytest.raises(AmbiguousPersonError, match="'Ana Lima' matches 2 of the coach's") as err:
        coach_introductions(namesake, client, companies=["Meta"], coach="Sam")
    assert set(err.value.candidates) == {f"{IN}ana-lima", f"{IN}ana-lima-9"}
    by_url = coach_introductions(namesake, client, companies=["Meta"], coach="Sam",
                                 client=f"{IN}ana-lima")
    assert by_url["profile_url"].tolist() == [f"{IN}ana-lima-9"]


def test_client_company_tells_her_namesake_apart(files, tmp_path):
    coach, client = files
    namesake = tmp_path / "coach2.csv"
    namesake.write_text(HEADER + f"Ana,Lima,{IN}ana-lima-9,,Hooli,Data Analyst,01 Feb 2021\n"
                        + COACH_ROWS[6] + "\n", encoding="utf-8")
    # the client works at Hooli (Positions.csv): the Hooli Ana Lima is her, the Meta one is not
    out = coach_introductions(namesake, client, companies=["Meta", "Hooli"], coach="Sam")
    assert out["profile_url"].tolist() == [f"{IN}ana-lima"]
    assert bridge_summary(namesake, client)["client_listed"] is True


def _client_with(tmp_path, row):
    folder = tmp_path / "client2"
    folder.mkdir()
    (folder / "Connections.csv").write_text(HEADER + row + "\n", encoding="utf-8")
    (folder / "Profile.csv").write_text("First Name,Last Name,Headline\nAna,Lima,Analyst\n", encoding="utf-8")
    return folder


def test_url_less_client_record_told_apart_by_company(files, tmp_path):
    coach, _ = files
    # the client knows a Lee Chen at Globex, no URL: of the coach's two Lee Chens, the Globex one
    client = _client_with(tmp_path, "Lee,Chen,,,Globex Inc.,Engineer,02 Feb 2022")
    out = coach_introductions(coach, client, companies=["Stripe", "Globex"], coach="Sam")
    lees = out.loc[out["name"] == "Lee Chen", "profile_url"].tolist()
    assert lees == [f"{IN}lee-chen"]  # the Stripe one is new to her
    assert bridge_summary(coach, client)["overlap"] == 1


def test_ambiguous_url_less_client_record_is_kept_apart(files, tmp_path):
    coach, _ = files
    # a Lee Chen with no URL and no company: either of the coach's two; refkit does not guess
    client = _client_with(tmp_path, "Lee,Chen,,,,,02 Feb 2022")
    with pytest.warns(RefkitWarning, match="'Lee Chen' matches several people with different"):
        out = coach_introductions(coach, client, companies=["Stripe", "Globex"], coach="Sam")
    assert sorted(out.loc[out["name"] == "Lee Chen", "profile_url"]) == [f"{IN}lee-chen",
                                                                         f"{IN}lee-chen-2"]


def test_coach_url_less_record_ambiguous_among_client_namesakes(tmp_path):
    coach = tmp_path / "coach.csv"
    coach.write_text(HEADER + "Lee,Chen,,,Stripe,Engineer,01 Feb 2021\n", encoding="utf-8")
    client = tmp_path / "client.csv"
    client.write_text(HEADER + f"Lee,Chen,{IN}lee-chen-g,,Globex,Analyst,02 Feb 2022\n"
                      f"Lee,Chen,{IN}lee-chen-i,,Initech,Analyst,02 Feb 2022\n", encoding="utf-8")
    # which of the client's two Lee Chens is the coach's (at Stripe)? neither by company: not
    # taken for one of them, so he is someone the coach can introduce
    with pytest.warns(RefkitWarning, match="'Lee Chen' matches several people"):
        out = coach_introductions(coach, client, companies=["Stripe"], coach="Sam")
    assert out["name"].tolist() == ["Lee Chen"]


def test_coach_url_less_namesakes_are_two_people(tmp_path):
    coach = tmp_path / "coach.csv"
    coach.write_text(HEADER + "Lee,Chen,,,Stripe,Engineer,01 Feb 2021\n"
                     "Lee,Chen,,,Globex,Engineer,03 Mar 2021\n", encoding="utf-8")
    client = tmp_path / "client.csv"
    client.write_text(HEADER + f"Lee,Chen,{IN}lee-chen-g,,Globex,Analyst,02 Feb 2022\n",
                      encoding="utf-8")
    # the coach's export lists each connection once: the Globex Lee Chen is the client's, the
    # Stripe one is not
    out = coach_introductions(coach, client, companies=["Stripe", "Globex"], coach="Sam")
    assert out[["name", "company"]].values.tolist() == [["Lee Chen", "Stripe"]]
    assert bridge_summary(coach, client)["overlap"] == 1


def test_inputs_not_modified_and_archives_accepted(files):
    coach, client = files
    coach_read, client_read = read_connections(coach), read_export(client)
    before = coach_read.frame.copy()
    out = coach_introductions(coach_read, client_read, coach="Sam Ortiz", **TARGETS)
    assert len(out) == 5
    pd.testing.assert_frame_equal(coach_read.frame, before)


def test_bad_arguments(files, tmp_path):
    coach, client = files
    with pytest.raises(RefkitError, match="at least one target company or keyword"):
        coach_introductions(coach, client)
    with pytest.raises(RefkitError, match="top must be"):
        coach_introductions(coach, client, companies=["Stripe"], top=0)
    edges = tmp_path / "edges.csv"
    edges.write_text("source,target\nA,B\n", encoding="utf-8")
    from refkit.read import read_edges

    with pytest.raises(RefkitError, match="expected the coach's Connections.csv"):
        coach_introductions(read_edges(edges), client, companies=["Stripe"])


def test_bridge_summary_counts(files):
    coach, client = files
    summary = bridge_summary(coach, client)
    # coach: 10 people; client: 5; overlap Lee Chen (URL) + Nia Brown (name);
    # new reach 10 - 2 - 1 (Ana herself) = 7
    assert summary == {
        "coach_connections": 10,
        "client_connections": 5,
        "overlap": 2,
        "client_listed": True,
        "new_reach": 7,
        "sentence": "Connect with me and you reach 7 people you are not yet connected to.",
    }


# ---------------------------------------------------------------- command line
def read_rows(path):
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def test_cli_writes_introductions_and_tracks(files, tmp_path, capsys):
    coach, client = files
    out, workspace = tmp_path / "intros.csv", tmp_path / "clients" / "ana"
    argv = ["coach", str(coach), str(client), "--company", "Stripe", "--company", "Epic",
            "--keyword", "engineer", "--coach", "Sam Ortiz", "-o", str(out),
            "--workspace", str(workspace)]
    assert main(argv) == 0
    captured = capsys.readouterr()
    assert captured.out == "Connect with me and you reach 7 people you are not yet connected to.\n"
    assert f"wrote 4 introductions to {out}" in captured.err
    assert "4 added, 0 updated" in captured.err
    rows = read_rows(out)
    assert list(rows[0]) == INTRODUCTION_COLUMNS
    assert [(r["name"], r["matched"]) for r in rows] == [
        ("Priya Raman", "company: Stripe; keyword: engineer"),
        ("Jane Doe", "company: Epic"),
        ("Lee Chen", "keyword: engineer"),
        ("Tomás Ortega", "keyword: engineer"),
    ]
    assert not any(EMAIL.search(v) for r in rows for v in r.values())
    with Tracker(workspace, create=False) as tracker:
        table = tracker.table()  # as of today: the introductions were recorded today
    assert sorted(table["name"]) == ["Jane Doe", "Lee Chen", "Priya Raman", "Tomás Ortega"]
    assert set(table["next_introducer"]) == {"Sam Ortiz"}
    # refused to overwrite without --force, accepted with it
    assert main(argv) == 2
    assert capsys.readouterr().err.strip().startswith("refkit: error: ")
    assert main([*argv, "--force", "--top", "1"]) == 0
    assert [r["name"] for r in read_rows(out)] == ["Priya Raman"]  # the most useful one


def test_cli_warns_about_a_row_once_however_many_parts_use_it(files, tmp_path, capsys):
    """Found by the tester: ``refkit coach`` matched the people once for the list, again for
    the summary (and again to track), and said each row's warning each time."""
    coach, client = files
    coach.write_text(HEADER + "\n".join([*COACH_ROWS, "\u2605,\u2606,,,Stripe,Engineer,01 Feb 2021"]) + "\n",
                     encoding="utf-8")
    argv = ["coach", str(coach), str(client), "--company", "Stripe", "--coach", "Sam Ortiz",
            "-o", str(tmp_path / "intros.csv"), "--workspace", str(tmp_path / "clients" / "ana")]
    assert main(argv) == 0
    said = [line for line in capsys.readouterr().err.splitlines() if "no letters" in line]
    assert len(said) == 1 and f"{coach.name}, line {len(COACH_ROWS) + 2}:" in said[0]


def test_the_same_two_archives_are_matched_once_and_other_names_anew(files):
    coach, client = files
    coach_archive, client_archive = read_export(coach), read_export(client)
    intros = coach_introductions(coach_archive, client_archive, coach="Sam Ortiz", **TARGETS)
    sam = bridge_summary(coach_archive, client_archive, coach="Sam Ortiz")
    assert sam == bridge_summary(read_export(coach), read_export(client), coach="Sam Ortiz")
    # another name is another question: worked out anew, not the last answer
    other = bridge_summary(coach_archive, client_archive, coach="Sam Ortiz", client="Nobody Here")
    assert other != sam and other == bridge_summary(read_export(coach), read_export(client), coach="Sam Ortiz",
                                                    client="Nobody Here")
    assert coach_introductions(coach_archive, client_archive, coach="Sam Ortiz", **TARGETS).equals(intros)


def test_cli_bad_file_is_one_line_and_exit_2(files, tmp_path, capsys):
    _, client = files
    bad = tmp_path / "photo.csv"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    out = tmp_path / "intros.csv"
    assert main(["coach", str(bad), str(client), "--company", "Stripe", "-o", str(out)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("refkit: error: ") and "photo.csv" in err[0]
    assert not out.exists()


def test_shipped_samples(tmp_path, capsys):
    coach = SAMPLES / "shared" / "arjun_menon_Connections.csv"
    client = SAMPLES / "my_linkedin_export"
    out = coach_introductions(coach, client, companies=["Stripe"], coach="Arjun Menon")
    client_urls = {normalize_url(u) for u in read_connections(client / "Connections.csv").frame["profile_url"]}
    assert len(out) >= 1
    assert set(out["company"]) == {"Stripe"} and set(out["matched"]) == {"company: Stripe"}
    assert not set(out["profile_url"]) & client_urls
    assert "Minh Takahashi" not in set(out["name"])
    assert all("Minh" in n and n.endswith("Best,\nArjun Menon") for n in out["introduction_note"])
    summary = bridge_summary(coach, client)
    coach_urls = {normalize_url(u) for u in read_connections(coach).frame["profile_url"]}
    # README: 1,700 rows with 37 date-only; 300 rows with 13 date-only
    assert summary["coach_connections"] == 1700 - 37 == len(coach_urls)
    assert summary["client_connections"] == 300 - 13
    assert summary["overlap"] == len(coach_urls & client_urls)
    assert summary["client_listed"] is True
    assert summary["new_reach"] == 1663 - summary["overlap"] - 1
    assert main(["coach", str(coach), str(client), "--company", "Stripe", "-o",
                 str(tmp_path / "o.csv")]) == 0
    assert len(read_rows(tmp_path / "o.csv")) == len(out)


def test_cli_says_when_a_target_company_has_nobody_and_suggests_the_name(files, tmp_path, capsys):
    coach, client = files
    argv = ["coach", str(coach), str(client), "--company", "Stipe", "--company", "Epic", "--keyword", "engineer",
            "--coach", "Sam Ortiz", "-o", str(tmp_path / "intros.csv")]
    assert main(argv) == 0
    notes = [line for line in capsys.readouterr().err.splitlines() if line.startswith("refkit: note: ")]
    assert notes == ["refkit: note: nobody at 'Stipe' in the coach's network whom the client does not know yet; "
                     "did you mean 'Stripe'?"]  # Epic has someone: no note


def test_bridge_summary_reads_as_words_in_a_notebook(files):
    from IPython.lib.pretty import pretty

    coach, client = files
    summary = bridge_summary(coach, client)
    shown = pretty(summary)
    assert shown.startswith(summary["sentence"])
    assert f"The coach has {summary['coach_connections']} connections" in shown
    assert f"{summary['overlap']} in common" in shown
    assert not any(mark in shown for mark in ("{", "'", "True", "False"))
