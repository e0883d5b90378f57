"""Tired introducers, LinkedIn's quotas, double opt-in and the funnel (issue 17, sections 4-6).

Properties of the one rule over generated trackers (the cap of open asks, the
weekly ceiling, the personal notes, the block after a withdrawn invitation),
then hand-built cases whose answers are worked out by hand in the comments.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from refkit import OptionError
from refkit.track import STATUSES, Tracker, funnel_of, next_steps, weekly_plan

INTRODUCERS = ["Priya Raman", "Omar Haddad", "Ann Lee"]
START = dt.date(2024, 5, 1)


def _day(offset: int) -> str:
    return (START + dt.timedelta(days=offset)).isoformat()


# ---------------------------------------------------------------- properties
@st.composite
def trackers(draw):
    """Several targets sharing few introducers (so caps bind), events with notes and withdrawals."""
    targets, events = [], []
    for i in range(draw(st.integers(1, 8))):
        key = f"k{i}"
        introducers = draw(st.permutations(INTRODUCERS))[: draw(st.integers(0, 3))]
        first_seen = draw(st.integers(0, 20))
        targets.append({
            "key": key, "name": f"Person {i}", "company": draw(st.sampled_from(["Globex", "Acme"])),
            "mutual_count": draw(st.one_of(st.none(), st.integers(0, 25))),
            "introducer": introducers[0] if introducers else None, "alternates": list(introducers[1:]),
            "first_seen": _day(first_seen),
        })  # fmt: skip
        events.append({"key": key, "status": "planned", "at": _day(first_seen), "introducer": None,
                       "personal_note": None})  # fmt: skip
        for _ in range(draw(st.integers(0, 4))):
            status = draw(st.sampled_from(STATUSES))
            events.append({
                "key": key, "status": status, "at": _day(draw(st.integers(0, 40))),
                "introducer": draw(st.one_of(st.none(), st.sampled_from(INTRODUCERS))),
                "personal_note": draw(st.booleans()) if status == "invited" else None,
            })  # fmt: skip
    today = _day(draw(st.integers(0, 45)))
    options = {
        "no_response_days": draw(st.integers(1, 20)),
        "min_mutual": draw(st.integers(1, 15)),
        "max_open_asks": draw(st.integers(1, 3)),
        "reinvite_days": draw(st.integers(0, 30)),
    }
    plan_options = {
        "budget": draw(st.integers(0, 6)),
        "weekly_invitations": draw(st.integers(0, 6)),
        "monthly_notes": draw(st.integers(0, 4)),
    }
    columns = ["key", "status", "at", "introducer", "personal_note"]
    return pd.DataFrame(targets), pd.DataFrame(events, columns=columns), today, options, plan_options


def _current(events: pd.DataFrame, today: str) -> dict[str, dict]:
    """Each target's current event as of today, worked out independently: by day, then order of
    recording; the first event (planned, made when tracked) only when nothing else happened."""
    result = {}
    for key, group in events.assign(order=range(len(events))).groupby("key", sort=False):
        first = group.iloc[0]
        rest = group.iloc[1:]
        rest = rest[rest["at"] <= today].sort_values(["at", "order"], kind="stable")
        if len(rest):
            result[key] = rest.iloc[-1].to_dict()
        elif first["at"] <= today:
            result[key] = first.to_dict()
    return result


@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(trackers())
def test_no_introducer_is_advised_past_the_cap(case):
    targets, events, today, options, _ = case
    steps = next_steps(targets, events, today, **options)
    cap, days = options["max_open_asks"], options["no_response_days"]
    open_asks: dict[str, int] = {}
    for event in _current(events, today).values():
        waited = (dt.date.fromisoformat(today) - dt.date.fromisoformat(event["at"])).days
        if event["status"] == "asked_introducer" and isinstance(event["introducer"], str) and waited < days:
            open_asks[event["introducer"]] = open_asks.get(event["introducer"], 0) + 1
    advised = steps["ask"].dropna().value_counts().to_dict()
    for introducer, count in advised.items():
        assert open_asks.get(introducer, 0) + count <= cap, (introducer, open_asks, advised, cap)
    for action in steps["action"]:
        assert "{" not in action and "None" not in action, action


@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(trackers())
def test_the_plan_keeps_to_the_weekly_ceiling_the_notes_and_the_block(case):
    targets, events, today, options, plan_options = case
    plan = weekly_plan(targets, events, today, **options, **plan_options)
    steps = next_steps(targets, events, today, **options)
    step_of = dict(zip(steps["key"], steps["action"], strict=True))
    for key, action in zip(plan["key"], plan["action"], strict=True):  # one rule
        assert step_of.get(key) == action
    day = dt.date.fromisoformat(today)
    happened = events[events["at"] <= today]
    sending = plan[plan["note"] != "already sent"]
    # never more invitations in 7 days than the week allows
    last_7 = happened[(happened["status"] == "invited") & (happened["at"] >= (day - dt.timedelta(days=6)).isoformat())]
    assert len(sending) + len(last_7) <= max(plan_options["weekly_invitations"], len(last_7))
    assert len(sending) <= plan_options["budget"]
    # never re-invite inside the block after a withdrawal
    block = options["reinvite_days"]
    for key in sending["key"]:
        withdrawn = happened[(happened["key"] == key) & (happened["status"] == "withdrawn")]["at"]
        for at in withdrawn:
            assert (day - dt.date.fromisoformat(at)).days >= block, (key, at, today)
    # personal notes: no more than are left this month, all of them used when needed
    used = happened[(happened["status"] == "invited") & (happened["at"].str[:7] == today[:7])
                    & (happened["personal_note"] == True)]  # noqa: E712
    left = max(plan_options["monthly_notes"] - len(used), 0)
    noted = sending["note"] == "with a personal note"
    assert noted.sum() == min(left, len(sending))
    # ... and to those who need them most: no cold invitation without one while an introduced person has one
    cold = sending["action"].str.endswith("send a personal invitation")
    if (cold & ~noted).any():
        assert not (~cold & noted).any()


# ---------------------------------------------------------------- hand-built: tired introducers
def _targets(*rows):
    columns = ["key", "name", "company", "mutual_count", "introducer", "alternates", "first_seen"]
    return pd.DataFrame([dict(zip(columns, row, strict=True)) for row in rows], columns=columns)


def _events(*rows):
    return pd.DataFrame(list(rows), columns=["key", "status", "at", "introducer", "personal_note"][: len(rows[0])])


def _action(frame, key):
    found = frame.loc[frame["key"] == key, "action"]
    return found.iloc[0] if len(found) else None


PRIYA_THREE = _targets(
    ("lee", "Lee Chen", "Globex", 20, "Priya Raman", ["Omar Haddad"], "2024-05-01"),
    ("mia", "Mia Wong", "Globex", 15, "Priya Raman", ["Omar Haddad"], "2024-05-01"),
    ("bo", "Bo Li", "Acme", 12, "Priya Raman", ["Omar Haddad"], "2024-05-01"),
)


def test_the_third_ask_of_one_introducer_goes_to_the_next_best():
    # best count first: Lee (20) and Mia (15) take Priya's two asks; Bo (12) is the third: Omar
    steps = next_steps(PRIYA_THREE, None, "2024-05-02")
    assert steps["ask"].tolist() == ["Priya Raman", "Priya Raman", "Omar Haddad"]
    assert _action(steps, "bo") == "Priya Raman already has 2 asks (0 open, 2 advised above): ask Omar Haddad instead"
    # a cap of 3 lets Priya have all three
    assert next_steps(PRIYA_THREE, None, "2024-05-02", max_open_asks=3)["ask"].tolist() == ["Priya Raman"] * 3


def test_open_asks_recorded_before_count_and_a_stale_one_does_not():
    # Priya was asked about Lee and Mia on May 2: two open asks, so Bo's ask goes to Omar
    events = _events(("lee", "asked_introducer", "2024-05-02", "Priya Raman"),
                     ("mia", "asked_introducer", "2024-05-02", "Priya Raman"))
    steps = next_steps(PRIYA_THREE, events, "2024-05-05")
    assert _action(steps, "bo") == "Priya Raman already has 2 open asks: ask Omar Haddad instead"
    assert set(steps["key"]) == {"bo"}  # Lee and Mia: a recent ask, nothing to do but wait
    # 14 days later both asks are stale (no answer), so Priya has no open ask: Lee and Mia go to
    # their next introducer, Omar (2 advised asks), and Bo to his best, Priya
    later = next_steps(PRIYA_THREE, events, "2024-05-16")
    assert later["ask"].tolist() == ["Omar Haddad", "Omar Haddad", "Priya Raman"]
    assert _action(later, "lee") == "no answer from Priya Raman for 14 days: ask Omar Haddad instead"


def test_every_introducer_at_the_cap_means_wait():
    events = _events(("lee", "asked_introducer", "2024-05-02", "Priya Raman"),
                     ("mia", "asked_introducer", "2024-05-02", "Omar Haddad"))
    steps = next_steps(PRIYA_THREE, events, "2024-05-03", max_open_asks=1)
    assert _action(steps, "bo") == ("Priya Raman already has 1 open ask; every other introducer of Bo Li "
                                    "has 1 too: wait for an answer before asking again")
    assert steps.loc[steps["key"] == "bo", "ask"].isna().all()


def test_a_bad_cap_is_refused():
    with pytest.raises(OptionError, match="max_open_asks"):
        next_steps(PRIYA_THREE, None, "2024-05-02", max_open_asks=0)


def test_tracker_open_asks_and_the_load_plot(tmp_path):
    from refkit.plots import plot_introducer_load

    with Tracker(tmp_path) as tracker:
        tracker.add(PRIYA_THREE.drop(columns="first_seen").assign(alternates="Omar Haddad"), today="2024-05-01")
        tracker.set_status("Lee Chen", "asked_introducer", when="2024-05-02")
        tracker.set_status("Mia Wong", "asked_introducer", when="2024-05-02")
        tracker.set_status("Bo Li", "asked_introducer", introducer="Omar Haddad", when="2024-05-02")
        load = tracker.open_asks(today="2024-05-03")
        assert load.to_dict() == {"Priya Raman": 2, "Omar Haddad": 1}
        fig = plot_introducer_load(PRIYA_THREE, open_asks=load, max_open_asks=2)
    ax = fig.axes[0]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Priya Raman", "Omar Haddad"]
    widths = {c.get_label(): [round(p.get_width()) for p in c] for c in ax.containers}
    assert widths == {"best introducer for": [3, 0], "open asks": [2, 1]}
    assert any("cap" in t.get_text() for t in ax.get_legend().get_texts())  # the cap line is named


# ---------------------------------------------------------------- hand-built: quotas
def test_personal_notes_go_to_who_needs_them_most():
    # free account, 5 notes a month, 4 used on May 2 and 3: one left. Three invitations to plan:
    # Ana (introduced, 30), Bo (cold, every introducer declined, 12), Cy (agreed, 9).
    # Bo needs the note most (nobody introduced them); Cy's introducer can introduce first.
    targets = _targets(
        ("ana", "Ana Souza", "Acme", 30, "Pat Kim", [], "2024-05-01"),
        ("bo", "Bo Li", "Acme", 12, "Pat Kim", [], "2024-05-01"),
        ("cy", "Cy Park", "Acme", 9, "Pat Kim", [], "2024-05-01"),
        *[(f"old{i}", f"Old {i}", "Initech", 1, None, [], "2024-05-01") for i in range(4)],
    )
    events = _events(
        ("ana", "introduced", "2024-05-06", "Pat Kim", None),
        ("bo", "declined", "2024-05-06", "Pat Kim", None),
        ("cy", "asked_introducer", "2024-05-05", "Pat Kim", None),
        ("cy", "target_agreed", "2024-05-06", None, None),
        *[(f"old{i}", "invited", f"2024-05-0{2 + i // 2}", None, True) for i in range(4)],
    )
    plan = weekly_plan(targets, events, "2024-05-08", budget=10, min_mutual=10)
    assert plan["name"].tolist() == ["Ana Souza", "Bo Li", "Cy Park"]
    assert plan["note"].tolist() == [
        "no personal note left this month: invite without a note, then message after acceptance",
        "with a personal note",
        "no personal note left this month: ask Pat Kim to introduce you first, then invite without a note",
    ]
    assert plan.attrs["personal_notes_used_this_month"] == 4 and plan.attrs["personal_notes_left"] == 1
    assert _action(plan, "cy") == "Cy Park agreed: send invitation"
    # Premium: no monthly limit; June: a new month, five notes again
    assert set(weekly_plan(targets, events, "2024-05-08", budget=10, min_mutual=10, account="premium")["note"]) == {
        "with a personal note"}
    assert weekly_plan(targets, events, "2024-06-01", budget=10, min_mutual=10).attrs["personal_notes_left"] == 5


def test_the_weekly_ceiling_counts_the_last_seven_days():
    # 3 invitations on Sunday May 5 (last ISO week); Wednesday May 8: budget 20 leaves 20 this ISO
    # week, but a ceiling of 4 in any 7 days leaves 4 - 3 = 1
    targets = _targets(*[(f"t{i}", f"T {i}", "Acme", 20 - i, "Pat Kim", [], "2024-05-01") for i in range(6)])
    events = _events(*[(f"t{i}", "invited", "2024-05-05", None) for i in range(3)],
                     *[(f"t{i}", "introduced", "2024-05-06", "Pat Kim") for i in range(3, 6)])
    plan = weekly_plan(targets, events, "2024-05-08", budget=20, weekly_invitations=4)
    assert plan["key"].tolist() == ["t3"]
    assert plan.attrs["left"] == 1 and plan.attrs["sent_last_7_days"] == 3 and plan.attrs["sent_this_week"] == 0
    # the 7 days of May 11 are May 5 to 11 (still 1 left); those of May 12 start on May 6 (4 left, 3 to send)
    assert weekly_plan(targets, events, "2024-05-11", budget=20, weekly_invitations=4)["key"].tolist() == ["t3"]
    assert weekly_plan(targets, events, "2024-05-12", budget=20, weekly_invitations=4)["key"].tolist() == [
        "t3", "t4", "t5"]


def test_no_reinvitation_inside_the_block_after_a_withdrawal():
    # invited May 1, withdrawn May 3, introduced again May 10: the block ends May 3 + 21 = May 24
    targets = _targets(("lee", "Lee Chen", "Globex", 20, "Priya Raman", [], "2024-05-01"))
    events = _events(("lee", "invited", "2024-05-01", None), ("lee", "withdrawn", "2024-05-03", None),
                     ("lee", "introduced", "2024-05-10", "Priya Raman"))
    message = "invitation withdrawn on 2024-05-03: LinkedIn lets you invite Lee Chen again from 2024-05-24"
    assert _action(next_steps(targets, events, "2024-05-23"), "lee") == message
    assert weekly_plan(targets, events, "2024-05-23").empty
    assert _action(next_steps(targets, events, "2024-05-24"), "lee") == "send invitation"
    assert weekly_plan(targets, events, "2024-05-24")["key"].tolist() == ["lee"]
    # withdrawn and nothing else: after the block, as after a failed ask (here: ask the introducer)
    only = events.iloc[:2]
    assert _action(next_steps(targets, only, "2024-05-10"), "lee") == (
        "invitation withdrawn on 2024-05-03: LinkedIn lets you invite Lee Chen again from 2024-05-24")
    assert _action(next_steps(targets, only, "2024-05-24"), "lee") == (
        "invitation withdrawn on 2024-05-03: ask Priya Raman instead")


def test_quota_options_are_checked():
    for bad in ({"account": "gold"}, {"monthly_notes": -5}, {"weekly_invitations": 2.5}, {"reinvite_days": -1}):
        with pytest.raises(OptionError, match=next(iter(bad))):
            weekly_plan(PRIYA_THREE, None, "2024-05-02", **bad)


# ---------------------------------------------------------------- hand-built: double opt-in and the funnel
def test_a_target_who_declines_is_never_invited():
    targets = _targets(("lee", "Lee Chen", "Globex", 40, "Priya Raman", ["Omar Haddad"], "2024-05-01"))
    events = _events(("lee", "asked_introducer", "2024-05-02", "Priya Raman"),
                     ("lee", "target_declined", "2024-05-04", None))
    assert next_steps(targets, events, "2024-06-30").empty  # not even through Omar
    assert weekly_plan(targets, events, "2024-06-30").empty


def test_the_funnel_by_introducer_and_by_company():
    # Lee: Priya declined; Omar asked, Lee agreed, introduced, invited, accepted, coffee, referred.
    # Mia: Priya asked, Mia agreed. Bo: invited directly (cold), accepted. Cy: Priya asked, Cy declined.
    # Dee: planned only.
    # By introducer: Priya has 3 paths (Lee, Mia, Cy): asked 3, agreed 1 (Mia), introducer_declined 1,
    # target_declined 1; Omar 1 path reaching referred; no introducer recorded 1: invited, accepted.
    targets = _targets(
        ("lee", "Lee Chen", "Globex", 20, "Priya Raman", ["Omar Haddad"], "2024-05-01"),
        ("mia", "Mia Wong", "Globex", 15, "Priya Raman", [], "2024-05-01"),
        ("bo", "Bo Li", "Acme", 12, None, [], "2024-05-01"),
        ("cy", "Cy Park", "Acme", 11, "Priya Raman", [], "2024-05-01"),
        ("dee", "Dee Ray", "Acme", 10, "Priya Raman", [], "2024-05-01"),
    )
    events = _events(
        ("lee", "asked_introducer", "2024-05-02", "Priya Raman"), ("lee", "declined", "2024-05-03", "Priya Raman"),
        ("lee", "asked_introducer", "2024-05-04", "Omar Haddad"), ("lee", "target_agreed", "2024-05-05", None),
        ("lee", "introduced", "2024-05-06", None), ("lee", "invited", "2024-05-06", None),
        ("lee", "accepted", "2024-05-07", None), ("lee", "coffee", "2024-05-10", None),
        ("lee", "referred", "2024-05-12", None),
        ("mia", "asked_introducer", "2024-05-02", "Priya Raman"), ("mia", "target_agreed", "2024-05-04", None),
        ("bo", "invited", "2024-05-02", None), ("bo", "accepted", "2024-05-03", None),
        ("cy", "asked_introducer", "2024-05-02", "Priya Raman"), ("cy", "target_declined", "2024-05-05", None),
    )
    by_introducer = funnel_of(targets, events, "2024-05-20").set_index("introducer")
    assert by_introducer.index.tolist() == ["Priya Raman", "no introducer recorded", "Omar Haddad"]
    assert by_introducer.loc["Priya Raman"].to_dict() == {
        "paths": 3, "asked": 3, "agreed": 1, "introduced": 0, "invited": 0, "accepted": 0, "met": 0,
        "referred": 0, "interview": 0, "introducer_declined": 1, "target_declined": 1}
    assert by_introducer.loc["Omar Haddad"].to_dict() == {
        "paths": 1, "asked": 1, "agreed": 1, "introduced": 1, "invited": 1, "accepted": 1, "met": 1,
        "referred": 1, "interview": 0, "introducer_declined": 0, "target_declined": 0}
    assert by_introducer.loc["no introducer recorded", ["asked", "invited", "accepted"]].tolist() == [0, 1, 1]
    # By company: Acme has Bo, Cy, Dee (3 paths: asked 1 = Cy; invited 1, accepted 1 = Bo);
    # Globex has Lee and Mia (asked 2, agreed 2, introduced 1, ..., referred 1, introducer_declined 1 = Lee)
    by_company = funnel_of(targets, events, "2024-05-20", by="company").set_index("company")
    assert by_company.loc["Acme", ["paths", "asked", "agreed", "invited", "accepted", "target_declined"]].tolist() == [
        3, 1, 0, 1, 1, 1]
    assert by_company.loc["Globex", ["paths", "asked", "agreed", "introduced", "referred",
                                     "introducer_declined"]].tolist() == [2, 2, 2, 1, 1, 1]
    # as of May 3, Lee's path through Omar had not begun
    assert "Omar Haddad" not in funnel_of(targets, events, "2024-05-03")["introducer"].tolist()
    with pytest.raises(OptionError, match="by"):
        funnel_of(targets, events, "2024-05-20", by="month")


def test_the_next_action_for_each_state_of_the_path():
    targets = _targets(("lee", "Lee Chen", "Globex", 20, "Priya Raman", ["Omar Haddad"], "2024-05-01"))
    expected = {
        "asked_introducer": None,  # wait for Priya's answer
        "target_agreed": "Lee Chen agreed: send invitation",
        "target_declined": None,
        "introduced": "send invitation",
        "invited": None,
        "accepted": "suggest a call or coffee",
        "call": "thank Lee Chen; if it went well, ask for a referral",
        "coffee": "thank Lee Chen; if it went well, ask for a referral",
        "referred": None,
        "interview": None,
        "declined": "Priya Raman declined: ask Omar Haddad instead",
    }
    for status, action in expected.items():
        events = _events(("lee", status, "2024-05-02", "Priya Raman"))
        assert _action(next_steps(targets, events, "2024-05-03"), "lee") == action, status


# ---------------------------------------------------------------- the tracker: old files, personal notes
_V1_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE targets (key TEXT PRIMARY KEY, name TEXT, profile_url TEXT, company TEXT, position TEXT,
    mutual_count INTEGER, introducer_key TEXT, introducer TEXT, alternates TEXT NOT NULL DEFAULT '[]',
    first_seen TEXT NOT NULL, last_seen TEXT NOT NULL);
CREATE TABLE events (id INTEGER PRIMARY KEY AUTOINCREMENT, key TEXT NOT NULL REFERENCES targets(key),
    status TEXT NOT NULL, introducer_key TEXT, introducer TEXT, note TEXT, at TEXT NOT NULL,
    recorded_at TEXT NOT NULL);
CREATE INDEX events_key ON events(key, at, id);
CREATE TRIGGER events_no_update BEFORE UPDATE ON events BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
CREATE TRIGGER events_no_delete BEFORE DELETE ON events BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
"""


def _old_tracker(folder: Path) -> Path:
    """A tracker as refkit wrote it before issue 17 (schema version 1, the old statuses)."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "refkit.sqlite"
    conn = sqlite3.connect(path)
    conn.executescript(_V1_SCHEMA)
    conn.execute("INSERT INTO meta VALUES ('schema_version', '1'), ('created_at', '2024-05-01T00:00:00+00:00')")
    conn.execute("PRAGMA application_id = 1382435700")
    conn.execute("PRAGMA user_version = 1")
    conn.execute("INSERT INTO targets VALUES ('name:lee chen', 'Lee Chen', NULL, 'Globex', NULL, 12, "
                 "'name:priya raman', 'Priya Raman', '[[\"name:omar haddad\", \"Omar Haddad\"]]', "
                 "'2024-05-01', '2024-05-01')")
    rows = [("planned", None, None, "2024-05-01"), ("asked_introducer", "name:priya raman", "Priya Raman", "2024-05-02"),
            ("introduced", None, None, "2024-05-04"), ("invited", None, None, "2024-05-05")]
    for status, key, name, at in rows:
        conn.execute("INSERT INTO events(key, status, introducer_key, introducer, note, at, recorded_at) "
                     "VALUES ('name:lee chen', ?, ?, ?, NULL, ?, '2024-05-06T00:00:00+00:00')", (status, key, name, at))
    conn.commit()
    conn.close()
    return path


def test_an_old_tracker_is_read_as_it_is_and_migrated_when_written(tmp_path):
    path = _old_tracker(tmp_path / "ana")
    with Tracker(tmp_path / "ana", read_only=True) as tracker:  # read-only: nothing changed
        assert tracker.table(today="2024-05-06")["status"].tolist() == ["invited"]
        assert tracker.funnel(today="2024-05-06").loc[0, ["asked", "agreed", "introduced", "invited"]].tolist() == [
            1, 1, 1, 1]  # the old "introduced" counts as agreed
    assert sqlite3.connect(path).execute("PRAGMA user_version").fetchone()[0] == 1
    with Tracker(tmp_path / "ana") as tracker:
        history = tracker.history("Lee Chen")
        assert history["status"].tolist() == ["planned", "asked_introducer", "introduced", "invited"]
        tracker.set_status("Lee Chen", "accepted", when="2024-05-07")
        tracker.set_status("Lee Chen", "referred", when="2024-05-09")
        assert tracker.history("Lee Chen")["status"].tolist()[-2:] == ["accepted", "referred"]
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 2
    assert conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()[0] == "2"
    assert conn.execute("SELECT count(*) FROM events").fetchone()[0] == 6
    with pytest.raises(sqlite3.IntegrityError):  # still append-only
        conn.execute("DELETE FROM events")


def test_personal_notes_recorded_with_an_invitation_count_this_month(tmp_path):
    ranked = pd.DataFrame({"name": [f"P {i}" for i in range(7)], "mutual_count": list(range(20, 13, -1)),
                           "introducer": "Pat Kim"})
    with Tracker(tmp_path) as tracker:
        tracker.add(ranked, today="2024-05-01")
        for i in range(3):
            tracker.set_status(f"P {i}", "invited", personal_note=True, when="2024-05-02")
        for i in range(3, 7):
            tracker.set_status(f"P {i}", "introduced", when="2024-05-02")
        plan = tracker.weekly_plan(today="2024-05-03", budget=10)
        assert plan.attrs["personal_notes_used_this_month"] == 3
        assert plan["note"].tolist().count("with a personal note") == 2  # 5 - 3
        with pytest.raises(OptionError, match="personal_note"):
            tracker.set_status("P 3", "accepted", personal_note=True)


def test_statuses_are_accepted_as_people_write_them(tmp_path):
    with Tracker(tmp_path) as tracker:
        tracker.add(pd.DataFrame({"name": ["Lee Chen"], "introducer": ["Priya Raman"]}), today="2024-05-01")
        assert tracker.set_status("Lee Chen", "asked introducer", when="2024-05-02")["introducer"] == "Priya Raman"
        assert tracker.set_status("Lee Chen", "Agreed", when="2024-05-03")["status"] == "target_agreed"
        assert tracker.set_status("Lee Chen", "target-declined", when="2024-05-04")["status"] == "target_declined"


def test_the_funnel_chart_draws_each_group_with_a_safe_label():
    from refkit.plots import plot_funnel

    table = pd.DataFrame({"introducer": ["Pri$ya$ \u202eRaman", "Omar Haddad"], "paths": [3, 1], "asked": [3, 1],
                          "agreed": [1, 1], "introduced": [0, 1], "invited": [0, 1], "accepted": [0, 1],
                          "met": [0, 1], "referred": [0, 1], "interview": [0, 0]})
    fig = plot_funnel(table)
    ax = fig.axes[0]
    cells = [t.get_text() for t in ax.texts]  # row by row, stage by stage
    assert cells == ["3", "1", "0", "0", "0", "0", "0", "0", "1", "1", "1", "1", "1", "1", "1", "0"]
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels == ["Pri$ya$ Raman (3 paths)", "Omar Haddad (1 path)"]
    assert fig._repr_png_().startswith(b"\x89PNG")  # a $ pair is drawn as text, not mathtext
    assert plot_funnel(table.iloc[:0]).axes[0].texts[0].get_text() == "Nothing recorded yet"
