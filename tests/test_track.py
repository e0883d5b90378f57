"""Tests for refkit.track: the SQLite referral tracker."""

from __future__ import annotations

import csv
import datetime as dt
import json
import sqlite3

import pandas as pd
import pytest

from refkit import RefkitError
from refkit.track import (
    APPLICATION_ID,
    DB_NAME,
    SCHEMA_VERSION,
    STATUSES,
    Tracker,
    next_steps,
    weekly_plan,
)

COLUMNS = [
    "rank", "name", "profile_url", "company", "position", "mutual_count", "mutual_connections",
    "introducer", "alternates", "score", "reason", "key", "introducer_key", "alternate_keys",
    "mutual_keys", "company_match", "pending_invitation", "common_ground",
]  # fmt: skip
URL = "https://www.linkedin.com/in/"
PRIYA, TOMAS, ANN, ZED = (URL + "priya", "Priya Raman"), (URL + "tomas", "Tomás Ortega"), (URL + "ann", "Ann Lee"), (URL + "zed", "Zed Ray")


def person(slug, name, company, count, introducer=None, alternates=(), position="Engineer"):
    """One ranked row with exactly the columns of DESIGN.md's ranked table."""
    mutuals = ([introducer] if introducer else []) + list(alternates)
    return {
        "rank": 0,
        "name": name,
        "profile_url": URL + slug,
        "company": company,
        "position": position,
        "mutual_count": count,
        "mutual_connections": "; ".join(n for _, n in mutuals) or pd.NA,
        "introducer": introducer[1] if introducer else pd.NA,
        "alternates": "; ".join(n for _, n in alternates) or pd.NA,
        "score": float(count),
        "reason": f"{count} mutual connections",
        "key": URL + slug,
        "introducer_key": introducer[0] if introducer else pd.NA,
        "alternate_keys": tuple(k for k, _ in alternates),
        "mutual_keys": tuple(k for k, _ in mutuals),
        "company_match": False,
        "pending_invitation": False,
        "common_ground": pd.NA,
    }


def ranked(*rows):
    frame = pd.DataFrame(list(rows), columns=COLUMNS)
    frame["rank"] = range(1, len(frame) + 1)
    return frame


LEE = person("lee", "Lee Chen", "Globex", 14, PRIYA, [TOMAS, ANN])
MIA = person("mia", "Mia Wong", "Initech", 12, TOMAS, [ANN])
BO = person("bo", "Bo Li", "Acme", 11)


@pytest.fixture
def tracker(tmp_path):
    with Tracker(tmp_path / "clients" / "ana") as t:
        t.add(ranked(LEE, MIA, BO), today="2024-05-01")
        yield t


def _event_count(tracker):
    return tracker.conn.execute("SELECT count(*) FROM events").fetchone()[0]


def test_add_creates_workspace_and_planned_targets(tmp_path, tracker):
    assert tracker.path == tmp_path / "clients" / "ana" / DB_NAME
    table = tracker.table(today="2024-05-04")
    assert table["name"].tolist() == ["Lee Chen", "Mia Wong", "Bo Li"]
    assert table["company"].tolist() == ["Globex", "Initech", "Acme"]
    assert table["mutual_count"].tolist() == [14, 12, 11]
    assert table["status"].tolist() == ["planned"] * 3
    assert table["since"].tolist() == [pd.Timestamp("2024-05-01")] * 3
    assert table["days_in_status"].tolist() == [3, 3, 3]
    assert table["next_introducer"].tolist()[:2] == ["Priya Raman", "Tomás Ortega"]
    assert pd.isna(table["next_introducer"].iloc[2])
    assert table["introducer_asked"].isna().all()
    assert table["key"].tolist() == [URL + "lee", URL + "mia", URL + "bo"]
    assert _event_count(tracker) == 3


def test_add_returns_counts_and_skips_rows_without_identity(tracker):
    nobody = {c: pd.NA for c in COLUMNS}
    with pytest.warns(UserWarning, match="no key, profile URL or name"):
        counts = tracker.add(ranked(LEE, nobody), today="2024-05-02")
    assert counts == {"added": 0, "updated": 1}


def test_declined_then_next_introducer_until_none_left(tracker):
    first = tracker.set_status("Lee Chen", "asked_introducer", when="2024-05-02")
    assert (first["introducer"], first["introducer_key"]) == ("Priya Raman", URL + "priya")
    declined = tracker.set_status("lee chen", "declined", when="2024-05-06", note="too busy")
    assert declined["introducer"] == "Priya Raman"
    steps = tracker.next_steps(today="2024-05-07").set_index("name")
    assert steps.loc["Lee Chen", "action"] == "Priya Raman declined: ask Tomás Ortega instead"
    assert steps.loc["Lee Chen", "ask"] == "Tomás Ortega"
    assert steps.loc["Lee Chen", "days_in_status"] == 1

    assert tracker.set_status("Lee Chen", "asked_introducer", when="2024-05-07")["introducer"] == "Tomás Ortega"
    tracker.set_status("Lee Chen", "declined", when="2024-05-08")
    steps = tracker.next_steps(today="2024-05-08").set_index("name")
    assert steps.loc["Lee Chen", "action"] == "Tomás Ortega declined: ask Ann Lee instead"

    tracker.set_status("Lee Chen", "declined", when="2024-05-09")  # Ann, asked implicitly, declines too
    steps = tracker.next_steps(today="2024-05-09").set_index("name")
    assert steps.loc["Lee Chen", "action"] == (
        "Ann Lee declined: no other introducer known, send a personal invitation"
    )
    assert pd.isna(steps.loc["Lee Chen", "ask"])
    introducers = tracker.history("Lee Chen")["introducer"]
    assert pd.isna(introducers.iloc[0])
    assert introducers.tolist()[1:] == ["Priya Raman", "Priya Raman", "Tomás Ortega", "Tomás Ortega", "Ann Lee"]


def test_history_keeps_every_event(tracker):
    tracker.set_status("Lee Chen", "asked_introducer", when="2024-05-02")
    tracker.set_status("Lee Chen", "declined", when="2024-05-06", note="too busy")
    history = tracker.history(URL + "lee")
    assert list(history.columns) == ["at", "status", "introducer", "note", "recorded_at"]
    assert history["status"].tolist() == ["planned", "asked_introducer", "declined"]
    assert history["at"].dt.strftime("%Y-%m-%d").tolist() == ["2024-05-01", "2024-05-02", "2024-05-06"]
    assert history["introducer"].tolist()[1:] == ["Priya Raman", "Priya Raman"]
    assert pd.isna(history["introducer"].iloc[0])
    assert history["note"].tolist()[2] == "too busy"


def test_no_answer_after_fourteen_days(tracker):
    tracker.set_status("Mia Wong", "asked_introducer", when="2024-05-01")
    assert "Mia Wong" not in tracker.next_steps(today="2024-05-14")["name"].tolist()  # 13 days: wait
    steps = tracker.next_steps(today="2024-05-15").set_index("name")
    assert steps.loc["Mia Wong", "action"] == "no answer from Tomás Ortega for 14 days: ask Ann Lee instead"
    assert steps.loc["Mia Wong", "ask"] == "Ann Lee"
    short = tracker.next_steps(today="2024-05-08", no_response_days=7).set_index("name")
    assert short.loc["Mia Wong", "action"] == "no answer from Tomás Ortega for 7 days: ask Ann Lee instead"


def test_no_response_status_proposes_next(tracker):
    tracker.set_status("Mia Wong", "asked_introducer", when="2024-05-01")
    tracker.set_status("Mia Wong", "no_response", when="2024-05-03")
    steps = tracker.next_steps(today="2024-05-04").set_index("name")
    assert steps.loc["Mia Wong", "action"] == "no answer from Tomás Ortega: ask Ann Lee instead"


def test_next_steps_for_other_statuses(tracker):
    tracker.set_status("Lee Chen", "introduced", when="2024-05-02")
    tracker.set_status("Mia Wong", "accepted", when="2024-05-02")
    steps = tracker.next_steps(today="2024-05-03")
    assert steps[["name", "status", "action"]].values.tolist() == [
        ["Lee Chen", "introduced", "send invitation"],
        ["Mia Wong", "accepted", "suggest a call or coffee"],
        ["Bo Li", "planned", "no introducer known: ask one of your 11 mutual connections for an introduction"],
    ]
    tracker.set_status("Mia Wong", "coffee", when="2024-05-04")  # after the coffee: the referral (issue 17)
    after = tracker.next_steps(today="2024-05-05")
    assert after["name"].tolist() == ["Lee Chen", "Mia Wong", "Bo Li"]
    assert after["action"].tolist()[1] == "thank Mia Wong; if it went well, ask for a referral"
    tracker.set_status("Mia Wong", "referred", when="2024-05-05")  # then nothing to do but wait
    assert tracker.next_steps(today="2024-05-05")["name"].tolist() == ["Lee Chen", "Bo Li"]
    planned = tracker.next_steps(today="2024-05-05")
    assert planned.columns.tolist() == ["name", "company", "mutual_count", "status", "days_in_status", "action", "ask", "key"]


def test_reimport_updates_details_and_keeps_statuses(tracker):
    tracker.set_status("Lee Chen", "asked_introducer", when="2024-05-02")
    tracker.set_status("Lee Chen", "declined", when="2024-05-06")
    tracker.set_status("Mia Wong", "invited", when="2024-05-03")
    before = tracker.history("Lee Chen")
    newer_lee = person("lee", "Lee Chen-Park", "Globex Corp", 16, TOMAS, [PRIYA, ZED])
    kai = person("kai", "Kai Sato", "Hooli", 15, ANN)
    counts = tracker.add(ranked(newer_lee, kai), today="2024-05-10")
    assert counts == {"added": 1, "updated": 1}
    pd.testing.assert_frame_equal(tracker.history("Lee Chen-Park"), before)
    table = tracker.table(today="2024-05-10").set_index("key")
    assert table.loc[URL + "lee", ["name", "company", "mutual_count", "status"]].tolist() == [
        "Lee Chen-Park", "Globex Corp", 16, "declined"
    ]
    assert table.loc[URL + "lee", "next_introducer"] == "Tomás Ortega"  # Priya already asked
    assert table.loc[URL + "mia", "status"] == "invited"  # absent from the new ranking, kept
    assert table.loc[URL + "kai", "status"] == "planned"
    first_seen = tracker.conn.execute("SELECT first_seen, last_seen FROM targets WHERE key = ?", (URL + "lee",)).fetchone()
    assert tuple(first_seen) == ("2024-05-01", "2024-05-10")


def test_statuses_survive_restart(tmp_path):
    workspace = tmp_path / "ana"
    with Tracker(workspace) as first:
        first.add(ranked(LEE, MIA), today="2024-05-01")
        first.set_status("Lee Chen", "asked_introducer", when="2024-05-02", note="via Slack")
        expected = first.table(today="2024-05-05")
    reopened = Tracker(workspace, create=False)
    try:
        pd.testing.assert_frame_equal(reopened.table(today="2024-05-05"), expected)
        assert reopened.table(today="2024-05-05").loc[0, "note"] == "via Slack"
        assert reopened.table(today="2024-05-05").loc[0, "status"] == "asked_introducer"
    finally:
        reopened.close()
    reopened.close()  # closing twice is fine
    with pytest.raises(RefkitError, match="closed"):
        reopened.table()


def test_weekly_plan_budget_counts_this_iso_week(tmp_path):
    rows = [person(s, n, "Co", c) for s, n, c in
            [("a", "Ada", 20), ("b", "Ben", 18), ("c", "Cy", 15), ("d", "Dee", 12), ("e", "Eve", 10)]]  # fmt: skip
    with Tracker(tmp_path / "w") as t:
        t.add(ranked(*rows), today="2024-05-01")
        t.set_status("Ada", "invited", when="2024-05-06")  # Monday of this week
        t.set_status("Ben", "invited", when="2024-05-05")  # Sunday: last ISO week
        for name in ("Cy", "Dee", "Eve"):
            t.set_status(name, "introduced", when="2024-05-02")
        plan = t.weekly_plan(budget=3, today="2024-05-08", pending=[URL + "c"])
        assert plan[["name", "action"]].values.tolist() == [
            ["Cy", "invitation pending"], ["Dee", "send invitation"], ["Eve", "send invitation"]
        ]
        assert {k: plan.attrs[k] for k in ("budget", "sent_this_week", "left")} == {"budget": 3, "sent_this_week": 1, "left": 2}
        assert t.weekly_plan(budget=2, today="2024-05-08", pending=[URL + "c/"])["name"].tolist() == ["Cy", "Dee"]
        assert t.weekly_plan(budget=1, today="2024-05-08")["name"].tolist() == []
        assert t.weekly_plan(budget=20, today="2024-05-13")["name"].tolist() == ["Cy", "Dee", "Eve"]
        with pytest.raises(RefkitError, match="budget"):
            t.weekly_plan(budget=-1)


def test_weekly_plan_invites_introduced_targets_not_planned_ones(tracker):
    tracker.set_status("Mia Wong", "introduced", when="2024-05-02")
    plan = tracker.weekly_plan(budget=2, today="2024-05-03")
    assert plan[["name", "status", "action"]].values.tolist() == [["Mia Wong", "introduced", "send invitation"]]
    # Lee Chen is planned: their introducer is asked first (next_steps says so too)
    assert tracker.next_steps(today="2024-05-03").set_index("name").loc["Lee Chen", "action"] == (
        "ask Priya Raman for an introduction"
    )


def test_person_matching_is_case_accent_and_url_insensitive(tmp_path):
    with Tracker(tmp_path / "w") as t:
        t.add(ranked(person("jose", "José Álvarez, MBA", "Acme", 12)), today="2024-05-01")
        assert t.set_status("JOSE alvarez", "invited", when="2024-05-02")["name"] == "José Álvarez, MBA"
        assert t.set_status("http://linkedin.com/in/JOSE/?trk=x", "accepted", when="2024-05-03")["status"] == "accepted"
        assert t.set_status(URL + "jose", "call", when="2024-05-04")["status"] == "call"


def test_explicit_introducer_outside_candidates(tracker):
    event = tracker.set_status("Bo Li", "asked_introducer", introducer="Sam Ortiz", when="2024-05-02")
    assert (event["introducer_key"], event["introducer"]) == ("name:sam ortiz", "Sam Ortiz")
    event = tracker.set_status("Lee Chen", "asked_introducer", introducer="ann lee", when="2024-05-02")
    assert (event["introducer_key"], event["introducer"]) == (URL + "ann", "Ann Lee")


def test_errors_change_nothing(tmp_path):
    with Tracker(tmp_path / "w") as t:
        t.add(ranked(LEE, person("lee2", "Lee Chen", "Initech", 9), MIA), today="2024-05-01")
        count = _event_count(t)
        with pytest.raises(RefkitError) as unknown:
            t.set_status("Lea Chen", "declined")
        assert "nobody tracked named 'Lea Chen'; close matches: Lee Chen" in str(unknown.value)
        with pytest.raises(RefkitError) as ambiguous:
            t.set_status("lee chen", "declined")
        message = str(ambiguous.value)
        assert "matches 2 people" in message
        assert "Lee Chen (Globex, https://www.linkedin.com/in/lee)" in message
        assert "Lee Chen (Initech, https://www.linkedin.com/in/lee2)" in message
        with pytest.raises(RefkitError) as invalid:
            t.set_status("Mia Wong", "maybe")
        assert str(invalid.value) == "unknown status 'maybe'; expected one of: " + ", ".join(STATUSES)
        with pytest.raises(RefkitError, match="expected a date like 2024-05-31"):
            t.set_status("Mia Wong", "invited", when="05/03/2024")
        with pytest.raises(RefkitError, match="nobody tracked with profile URL"):
            t.set_status(URL + "nobody", "invited")
        assert _event_count(t) == count
        assert t.set_status("Mia Wong", "Asked-Introducer", when="2024-05-02")["status"] == "asked_introducer"


def test_empty_tracker_messages(tmp_path):
    with Tracker(tmp_path / "w") as t:
        with pytest.raises(RefkitError, match="no targets tracked yet"):
            t.set_status("Lee", "invited")
        assert t.table().empty
        assert t.next_steps().empty


def test_events_are_append_only(tracker):
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        tracker.conn.execute("UPDATE events SET status = 'accepted'")
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        tracker.conn.execute("DELETE FROM events")
    assert _event_count(tracker) == 3


def test_database_settings(tracker):
    conn = sqlite3.connect(tracker.path)
    try:
        assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == 2
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert dict(conn.execute("SELECT key, value FROM meta").fetchall())["schema_version"] == "2"
    finally:
        conn.close()
    assert tracker.conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL


def test_non_sqlite_file_is_refused(tmp_path):
    (tmp_path / DB_NAME).write_text("name,company\nLee,Globex\n", encoding="utf-8")
    with pytest.raises(RefkitError, match=r"refkit\.sqlite: not a refkit tracker database \(not an SQLite file\)"):
        Tracker(tmp_path)
    assert (tmp_path / DB_NAME).read_text(encoding="utf-8") == "name,company\nLee,Globex\n"


def test_foreign_sqlite_database_is_refused(tmp_path):
    conn = sqlite3.connect(tmp_path / DB_NAME)
    conn.execute("CREATE TABLE photos (id INTEGER)")
    conn.commit()
    conn.close()
    with pytest.raises(RefkitError, match=r"refkit\.sqlite: an SQLite database of another application \(application_id 0\)"):
        Tracker(tmp_path)
    other = tmp_path / "other"
    other.mkdir()
    conn = sqlite3.connect(other / DB_NAME)
    conn.execute("PRAGMA application_id = 1234")
    conn.commit()
    conn.close()
    with pytest.raises(RefkitError, match=r"application_id 1234"):
        Tracker(other)


def test_newer_schema_is_refused(tmp_path):
    Tracker(tmp_path).close()
    conn = sqlite3.connect(tmp_path / DB_NAME)
    conn.execute("PRAGMA user_version = 99")
    conn.commit()
    conn.close()
    with pytest.raises(RefkitError, match="schema version 99 was written by a newer refkit"):
        Tracker(tmp_path)


def test_workspace_problems(tmp_path):
    with pytest.raises(RefkitError, match="no tracker database here"):
        Tracker(tmp_path / "missing", create=False)
    assert not (tmp_path / "missing").exists()
    (tmp_path / "file").write_text("x", encoding="utf-8")
    with pytest.raises(RefkitError, match="is a file; expected a workspace folder"):
        Tracker(tmp_path / "file")


def test_export_writes_safe_csv(tracker, tmp_path):
    tracker.add(ranked(person("evil", "=HYPERLINK(\"x\")", "@Evil", 3)), today="2024-05-02")
    out = tracker.export(tmp_path / "out.csv", today="2024-05-04", bom=True)
    with open(out, encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0] == ["name", "company", "mutual_count", "status", "introducer_asked", "since",
                       "days_in_status", "next_introducer", "note", "profile_url", "key"]  # fmt: skip
    assert rows[1][:7] == ["Lee Chen", "Globex", "14", "planned", "", "2024-05-01", "3"]
    assert rows[4][:2] == ["'=HYPERLINK(\"x\")", "'@Evil"]
    with pytest.raises(RefkitError, match="already exists"):
        tracker.export(out)


def test_today_defaults_to_real_date(tracker):
    table = tracker.table()
    assert table["days_in_status"].iloc[0] == (dt.date.today() - dt.date(2024, 5, 1)).days


def test_pending_invitations_from_the_ranking_are_recorded_as_invited(tmp_path):
    ranked = pd.DataFrame({
        "key": ["k1", "k2", "k3"], "name": ["Ann Lee", "Bo Chan", "Cy Fox"],
        "mutual_count": [14, 12, 11], "introducer": ["Pat", "Pat", "Pat"],
        "pending_invitation": [True, False, "True"],
        "pending_since": [pd.Timestamp("2026-09-01"), pd.NaT, ""],
    })
    with Tracker(tmp_path / "ws") as tracker:
        tracker.add(ranked, today="2026-11-23")
        table = tracker.table(today="2026-11-23").set_index("name")
        assert table.loc["Ann Lee", "status"] == "invited"
        assert table.loc["Bo Chan", "status"] == "planned"
        assert table.loc["Cy Fox", "status"] == "invited"  # pending, day unknown: today
        history = tracker.history("Ann Lee")
        assert list(history["status"]) == ["planned", "invited"]
        assert str(history["at"].iloc[-1])[:10] == "2026-09-01"
        plan = tracker.weekly_plan(budget=20, today="2026-11-23")
        # the September invitation does not use this week's budget; Cy Fox's (today) does
        assert plan.attrs["sent_this_week"] == 1
        assert "Ann Lee" not in set(plan["name"])
        # Bo Chan is planned: ask Pat first, no invitation this week
        assert "Bo Chan" not in set(plan["name"])
        steps = tracker.next_steps(today="2026-11-23").set_index("name")
        assert steps.loc["Bo Chan", "action"] == "ask Pat for an introduction"
        # a re-import does not add the invitation twice
        tracker.add(ranked, today="2026-11-24")
        assert list(tracker.history("Ann Lee")["status"]) == ["planned", "invited"]


# ---------------------------------------------------------------- policy as pure functions (no database)
LEE_URL = URL + "lee"


def _targets(*rows):
    columns = ["key", "name", "company", "mutual_count", "introducer", "alternates", "first_seen"]
    return pd.DataFrame([dict(zip(columns, row, strict=True)) for row in rows], columns=columns)


def _events(*rows):
    return pd.DataFrame(list(rows), columns=["key", "status", "at", "introducer"])


def _lee(alternates=("Tomás Ortega", "Ann Lee")):
    return _targets((LEE_URL, "Lee Chen", "Globex", 12, "Priya Raman", list(alternates), "2024-05-01"))


def test_pure_declined_introducer_leads_to_next_alternate():
    events = _events((LEE_URL, "planned", "2024-05-01", None), (LEE_URL, "asked_introducer", "2024-05-02", "Priya Raman"),
                     (LEE_URL, "declined", "2024-05-03", "Priya Raman"))
    steps = next_steps(_lee(), events, "2024-05-04")
    assert steps[["action", "ask"]].iloc[0].tolist() == ["Priya Raman declined: ask Tomás Ortega instead", "Tomás Ortega"]
    # the alternate declines too: the one after them
    events = pd.concat([events, _events((LEE_URL, "declined", "2024-05-05", "Tomás Ortega"))], ignore_index=True)
    assert next_steps(_lee(), events, "2024-05-06")["ask"].iloc[0] == "Ann Lee"
    # nobody left: invite directly
    events = pd.concat([events, _events((LEE_URL, "no_response", "2024-05-07", "Ann Lee"))], ignore_index=True)
    action = next_steps(_lee(), events, "2024-05-08")["action"].iloc[0]
    assert action == "no answer from Ann Lee: no other introducer known, send a personal invitation"


def test_pure_old_ask_leads_to_asking_someone_else():
    events = _events((LEE_URL, "planned", "2024-05-01", None), (LEE_URL, "asked_introducer", "2024-05-02", "Priya Raman"))
    assert next_steps(_lee(), events, "2024-05-15", no_response_days=14).empty  # 13 days: still waiting
    steps = next_steps(_lee(), events, "2024-05-16", no_response_days=14)
    assert steps[["status", "days_in_status", "ask"]].iloc[0].tolist() == ["asked_introducer", 14, "Tomás Ortega"]
    assert steps["action"].iloc[0] == "no answer from Priya Raman for 14 days: ask Tomás Ortega instead"
    assert next_steps(_lee(), events, "2024-05-05", no_response_days=3)["ask"].iloc[0] == "Tomás Ortega"


def test_pure_creation_event_never_hides_an_earlier_status():
    events = _events((LEE_URL, "planned", "2024-05-10", None), (LEE_URL, "introduced", "2024-05-03", "Priya Raman"))
    steps = next_steps(_lee(), events, "2024-05-11")
    assert steps[["status", "action"]].iloc[0].tolist() == ["introduced", "send invitation"]


def test_pure_budget_caps_invitations_and_counts_this_week():
    targets = _targets(*[(f"k{i}", f"Person {i}", None, 10 - i, None, [], "2024-05-01") for i in range(5)])
    introduced = _events(*[(f"k{i}", "introduced", "2024-05-02", None) for i in range(5)])
    plan = weekly_plan(targets, introduced, "2024-05-08", budget=3)
    assert plan["name"].tolist() == ["Person 0", "Person 1", "Person 2"]
    assert (plan.attrs["budget"], plan.attrs["sent_this_week"], plan.attrs["left"]) == (3, 0, 3)
    # two invitations sent this ISO week (Monday 2024-05-06 ..), one last week: one left
    events = pd.concat([introduced, _events(("k0", "invited", "2024-05-06", None), ("k1", "invited", "2024-05-07", None),
                                            ("k2", "invited", "2024-05-05", None))], ignore_index=True)  # fmt: skip
    plan = weekly_plan(targets, events, "2024-05-08", budget=3)
    assert plan["name"].tolist() == ["Person 3"]
    assert (plan.attrs["sent_this_week"], plan.attrs["left"]) == (2, 1)
    pending = weekly_plan(targets, introduced, "2024-05-08", budget=1, pending="k0")
    assert pending["action"].tolist() == ["invitation pending", "send invitation"]
    assert weekly_plan(targets, introduced, "2024-05-08", budget=0).empty


def test_pure_functions_agree_with_the_tracker(tmp_path):
    table = ranked(person("lee", "Lee Chen", "Globex", 12, PRIYA, [TOMAS]), person("bo", "Bo Li", "Initech", 3))
    with Tracker(tmp_path) as tracker:
        tracker.add(table, today="2024-05-01")
        tracker.set_status("Lee Chen", "declined", when="2024-05-03")
        expected_steps = tracker.next_steps(today="2024-05-04")
        expected_plan = tracker.weekly_plan(today="2024-05-04", budget=1)
        conn = tracker.conn
        conn.row_factory = sqlite3.Row
        targets = pd.DataFrame([dict(r) for r in conn.execute("SELECT * FROM targets")])
        events = pd.DataFrame([dict(r) for r in conn.execute("SELECT * FROM events")])
    targets["alternates"] = targets["alternates"].map(lambda s: [tuple(p) for p in json.loads(s)])
    pd.testing.assert_frame_equal(next_steps(targets, events, "2024-05-04"), expected_steps)
    plan = weekly_plan(targets, events, "2024-05-04", budget=1)
    pd.testing.assert_frame_equal(plan, expected_plan)
    assert plan.attrs == expected_plan.attrs


def test_pure_functions_check_their_options():
    with pytest.raises(RefkitError, match="no_response_days"):
        next_steps(_lee(), None, "2024-05-04", no_response_days=-1)
    with pytest.raises(RefkitError, match="budget"):
        weekly_plan(_lee(), None, "2024-05-04", budget=True)
    with pytest.raises(RefkitError, match="unknown status"):
        next_steps(_lee(), _events((LEE_URL, "ghosted", "2024-05-02", None)), "2024-05-04")


def test_results_show_as_words_in_a_notebook(tracker):
    """What set_status and add return stays a dict for code, and reads as words in IPython."""
    from IPython.lib.pretty import pretty

    event = tracker.set_status("Lee Chen", "asked_introducer", when="2024-05-03")
    assert event["status"] == "asked_introducer" and isinstance(event, dict)
    shown = pretty(event)
    assert shown.startswith("name: Lee Chen · ") and "status: asked introducer" in shown
    assert not any(mark in shown for mark in ("{", "'", "Timestamp", "None", "<NA>"))
    counts = tracker.add(ranked(LEE, MIA), today="2024-05-04")
    assert pretty(counts) == "added: 0 · updated: 2" and counts == {"added": 0, "updated": 2}
