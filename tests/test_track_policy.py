"""The tracker's advice agrees with itself (issue 14).

For every person, :func:`refkit.track.next_steps` and
:func:`refkit.track.weekly_plan` give the same action; the weekly plan never
proposes a cold invitation to someone below the threshold or to someone no
introducer was asked about; no count of days is negative. Properties over
generated trackers, then the cases of the issue by hand.
"""

from __future__ import annotations

import datetime as dt
import tempfile
import warnings

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from refkit import OptionError, RefkitError, RefkitWarning
from refkit.rank import DEFAULT_MIN_MUTUAL
from refkit.track import STATUSES, Tracker, next_steps, weekly_plan

INTRODUCERS = ["Priya Raman", "Tomás Ortega", "Ann Lee", "Arjun Menon"]
ASKS = {"asked_introducer", "declined", "no_response"}
START = dt.date(2024, 5, 1)
INVITES = ("send invitation", "send a personal invitation")


def _is_invitation(action: str) -> bool:
    """An action that sends an invitation (what the weekly plan budgets)."""
    return action.endswith(INVITES)


def _day(offset: int) -> str:
    return (START + dt.timedelta(days=offset)).isoformat()


@st.composite
def trackers(draw):
    """Targets with mutual counts and introducers, events in order of recording, a day, options."""
    targets, events = [], []
    for i in range(draw(st.integers(1, 6))):
        key = f"k{i}"
        introducers = draw(st.permutations(INTRODUCERS))[: draw(st.integers(0, 3))]
        first_seen = draw(st.integers(0, 30))
        targets.append({
            "key": key, "name": f"Person {i}", "company": "Globex",
            "mutual_count": draw(st.one_of(st.none(), st.integers(0, 25))),
            "introducer": introducers[0] if introducers else None, "alternates": list(introducers[1:]),
            "first_seen": _day(first_seen),
        })  # fmt: skip
        events.append({"key": key, "status": "planned", "at": _day(first_seen), "introducer": None})
        for _ in range(draw(st.integers(0, 5))):
            events.append({
                "key": key, "status": draw(st.sampled_from(STATUSES)), "at": _day(draw(st.integers(0, 60))),
                "introducer": draw(st.one_of(st.none(), st.sampled_from(INTRODUCERS))),
            })  # fmt: skip
    order = draw(st.permutations(range(len(events))))  # people's events interleave in any order
    events = [events[i] for i in sorted(range(len(events)), key=lambda i: (order[i], i))]
    keys = [t["key"] for t in targets]
    options = {
        "today": _day(draw(st.integers(-5, 75))),  # before, among and after the events
        "no_response_days": draw(st.integers(0, 20)),
        "budget": draw(st.integers(0, 4)),
        "min_mutual": draw(st.integers(1, 15)),
        "pending": draw(st.lists(st.sampled_from(keys), unique=True, max_size=2)),
    }
    return pd.DataFrame(targets), pd.DataFrame(events, columns=["key", "status", "at", "introducer"]), options


def _advice(targets, events, options):
    today, budget, days = options["today"], options["budget"], options["no_response_days"]
    common = {"min_mutual": options["min_mutual"], "pending": options["pending"]}
    steps = next_steps(targets, events, today, no_response_days=days, **common)
    plan = weekly_plan(targets, events, today, budget=budget, no_response_days=days, **common)
    return steps, plan


def _check_agreement(steps, plan, budget):
    """For every person: the plan's action is their next step; an invitation left out means no budget left."""
    step_of = dict(zip(steps["key"], steps["action"], strict=True))
    planned = dict(zip(plan["key"], plan["action"], strict=True))
    assert len(planned) == len(plan)  # nobody twice
    for key, action in planned.items():
        assert step_of.get(key) == action, (key, action, step_of.get(key))
    sent = (plan["action"] != "invitation pending").sum()
    assert sent <= plan.attrs["left"] <= budget
    for key, action in step_of.items():
        if action == "invitation pending":
            assert planned.get(key) == action
        elif _is_invitation(action) and key not in planned:
            assert sent == plan.attrs["left"], f"{key}: {action!r} left out with budget to spare"
    for action in planned.values():
        assert action == "invitation pending" or _is_invitation(action), action


def _check_no_cold_invitation(plan, counts, asked, min_mutual):
    """Cold invitations (not after an introduction, not pending) only above the threshold, after an ask."""
    warm = plan["status"].isin(["introduced", "target_agreed", "withdrawn"]) & ~plan["action"].str.endswith(INVITES[1])
    cold = plan[~warm & (plan["action"] != "invitation pending")]
    for key in cold["key"]:
        count = counts[key]
        assert count is not None and not pd.isna(count) and count >= min_mutual, (key, count)
        assert key in asked, f"{key}: cold invitation though no introducer was asked"


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(trackers())
def test_next_steps_and_weekly_plan_agree_for_every_person(case):
    targets, events, options = case
    steps, plan = _advice(targets, events, options)
    _check_agreement(steps, plan, options["budget"])


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(trackers())
def test_no_cold_invitation_below_the_threshold_or_before_an_ask(case):
    targets, events, options = case
    _, plan = _advice(targets, events, options)
    counts = dict(zip(targets["key"], targets["mutual_count"], strict=True))
    happened = events[events["at"] <= options["today"]]
    asked = set(happened.loc[happened["status"].isin(ASKS), "key"])
    _check_no_cold_invitation(plan, counts, asked, options["min_mutual"])


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(trackers())
def test_no_day_count_is_negative(case):
    targets, events, options = case
    steps, _ = _advice(targets, events, options)
    assert (steps["days_in_status"].dropna() >= 0).all()
    # what happened after ``today`` had not happened yet on that day
    later = events[(events["at"] > options["today"]) & events.duplicated("key")]  # keep who was tracked first
    earlier = events.drop(later.index)
    same, _ = _advice(targets, earlier, options)
    pd.testing.assert_frame_equal(steps, same)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(trackers())
def test_a_real_tracker_agrees_with_itself(case):
    # the same generated histories recorded through Tracker.set_status (dates within the allowed days)
    targets, events, options = case
    ranked = targets.drop(columns="first_seen").assign(alternates=targets["alternates"].map("; ".join))
    with tempfile.TemporaryDirectory() as folder, Tracker(folder) as tracker:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RefkitWarning)
            tracker.add(ranked, today=_day(0))
        for event in events[events["status"] != "planned"].itertuples():
            tracker.set_status(event.key, event.status, when=event.at)
        today, days = options["today"], options["no_response_days"]
        common = {"min_mutual": options["min_mutual"], "pending": options["pending"]}
        table = tracker.table(today=today)
        steps = tracker.next_steps(today=today, no_response_days=days, **common)
        plan = tracker.weekly_plan(today=today, budget=options["budget"], no_response_days=days, **common)
        asked = {key for key in targets["key"] if (
            (history := tracker.history(key))["status"].isin(ASKS) & (history["at"] <= pd.Timestamp(today))).any()}
    assert (table["days_in_status"] >= 0).all() and (steps["days_in_status"] >= 0).all()
    _check_agreement(steps, plan, options["budget"])
    counts = dict(zip(targets["key"], targets["mutual_count"], strict=True))
    _check_no_cold_invitation(plan, counts, asked, options["min_mutual"])


# ---------------------------------------------------------------- the cases of the issue
ARJUN = "https://www.linkedin.com/in/arjun"


def _targets(*rows):
    columns = ["key", "name", "company", "mutual_count", "introducer", "alternates", "first_seen"]
    return pd.DataFrame([dict(zip(columns, row, strict=True)) for row in rows], columns=columns)


def _events(*rows):
    return pd.DataFrame(list(rows), columns=["key", "status", "at", "introducer"])


def _action(frame, key):
    found = frame.loc[frame["key"] == key, "action"]
    return found.iloc[0] if len(found) else None


def test_a_planned_person_is_asked_about_not_invited():
    targets = _targets(("lee", "Lee Chen", "Globex", 14, "Arjun Menon", [], "2024-05-01"))
    steps = next_steps(targets, None, "2024-05-02")
    plan = weekly_plan(targets, None, "2024-05-02")
    assert _action(steps, "lee") == "ask Arjun Menon for an introduction"
    assert plan.empty  # no "send invitation" for the same person


def test_nobody_to_ask_is_no_reason_to_invite_cold():
    targets = _targets(("bo", "Bo Li", "Acme", 30, None, [], "2024-05-01"))
    steps, plan = next_steps(targets, None, "2024-05-02"), weekly_plan(targets, None, "2024-05-02")
    assert _action(steps, "bo") == "no introducer known: ask one of your 30 mutual connections for an introduction"
    assert plan.empty


def test_a_cold_invitation_once_every_introducer_was_asked_and_above_the_threshold():
    targets = _targets(("lee", "Lee Chen", "Globex", 12, "Priya Raman", [], "2024-05-01"),
                       ("mia", "Mia Wong", "Initech", 3, "Ann Lee", [], "2024-05-01"))  # fmt: skip
    events = _events(("lee", "declined", "2024-05-03", "Priya Raman"), ("mia", "declined", "2024-05-03", "Ann Lee"))
    steps, plan = next_steps(targets, events, "2024-05-04"), weekly_plan(targets, events, "2024-05-04")
    cold = "Priya Raman declined: no other introducer known, send a personal invitation"
    assert _action(steps, "lee") == _action(plan, "lee") == cold
    assert _action(steps, "mia") == (
        "Ann Lee declined: no other introducer known, and 3 mutual connections are fewer than "
        f"{DEFAULT_MIN_MUTUAL}: find another introducer before inviting"
    )
    assert plan["key"].tolist() == ["lee"]
    # the threshold is an option: with 3, Mia gets the cold invitation too
    lower = weekly_plan(targets, events, "2024-05-04", min_mutual=3)
    assert lower["key"].tolist() == ["lee", "mia"]
    assert _action(next_steps(targets, events, "2024-05-04", min_mutual=3), "mia") == _action(lower, "mia")


def test_an_unknown_mutual_count_gets_no_cold_invitation():
    targets = _targets(("lee", "Lee Chen", "Globex", None, "Priya Raman", [], "2024-05-01"))
    events = _events(("lee", "no_response", "2024-05-03", "Priya Raman"))
    assert weekly_plan(targets, events, "2024-05-04", min_mutual=1).empty
    assert "mutual count is unknown" in _action(next_steps(targets, events, "2024-05-04"), "lee")


def test_introduced_people_are_invited_in_both_and_pending_ones_wait_in_both():
    targets = _targets(("lee", "Lee Chen", "Globex", 2, "Priya Raman", [], "2024-05-01"),
                       ("mia", "Mia Wong", "Initech", 12, "Ann Lee", [], "2024-05-01"))  # fmt: skip
    events = _events(("lee", "introduced", "2024-05-03", "Priya Raman"))
    steps, plan = next_steps(targets, events, "2024-05-04"), weekly_plan(targets, events, "2024-05-04")
    assert _action(steps, "lee") == _action(plan, "lee") == "send invitation"  # an introduction is not cold
    steps = next_steps(targets, events, "2024-05-04", pending=["mia"])
    plan = weekly_plan(targets, events, "2024-05-04", pending=["mia"])
    assert _action(steps, "mia") == _action(plan, "mia") == "invitation pending"


def test_the_tracker_agrees_with_itself(tmp_path):
    ranked = pd.DataFrame({
        "key": [ARJUN, "lee", "bo"], "name": ["Arjun Menon", "Lee Chen", "Bo Li"],
        "mutual_count": [20, 14, 11], "introducer": ["Priya Raman", "Tomás Ortega", None],
    })  # fmt: skip
    with Tracker(tmp_path / "ws") as tracker:
        tracker.add(ranked, today="2024-05-01")
        tracker.set_status("Lee Chen", "introduced", when="2024-05-02")
        steps = tracker.next_steps(today="2024-05-03")
        plan = tracker.weekly_plan(today="2024-05-03")
    assert _action(steps, ARJUN) == "ask Priya Raman for an introduction"
    assert plan["key"].tolist() == ["lee"]
    assert _action(plan, "lee") == _action(steps, "lee") == "send invitation"


def test_the_budget_keeps_to_linkedins_weekly_limit():
    targets = _targets(("lee", "Lee Chen", "Globex", 12, "Priya Raman", [], "2024-05-01"))
    assert weekly_plan(targets, None, "2024-05-04", budget=100).attrs["budget"] == 100
    with pytest.raises(OptionError, match="budget.*100 invitations a week"):
        weekly_plan(targets, None, "2024-05-04", budget=150)
    with pytest.raises(RefkitError, match="min_mutual"):
        weekly_plan(targets, None, "2024-05-04", min_mutual=0)
    with pytest.raises(RefkitError, match="min_mutual"):
        next_steps(targets, None, "2024-05-04", min_mutual="ten")


# ---------------------------------------------------------------- days in status
def test_a_look_back_shows_the_tracker_as_it_was_that_day(tmp_path):
    # 06_track run twice: its dated events are in the tracker when it lists the first day again
    ranked = pd.DataFrame({"key": ["lee", "mia"], "name": ["Lee Chen", "Mia Wong"],
                           "mutual_count": [14, 12], "introducer": ["Arjun Menon", "Ann Lee"]})  # fmt: skip
    with Tracker(tmp_path / "ws") as tracker:
        tracker.add(ranked, today="2025-09-01")
        tracker.set_status("Lee Chen", "asked_introducer", when="2025-09-02")
        tracker.set_status("Lee Chen", "declined", when="2025-09-04")
        tracker.set_status("Mia Wong", "invited", when="2025-09-15")
        first_day = tracker.table(today="2025-09-01")
        later = tracker.table(today="2025-09-16").set_index("key")
        steps = tracker.next_steps(today="2025-09-01")
    assert first_day["status"].tolist() == ["planned", "planned"]
    assert first_day["days_in_status"].tolist() == [0, 0]
    assert first_day["introducer_asked"].isna().all()
    assert _action(steps, "lee") == "ask Arjun Menon for an introduction"
    assert later.loc["lee", ["status", "days_in_status"]].tolist() == ["declined", 12]
    assert later.loc["mia", ["status", "days_in_status"]].tolist() == ["invited", 1]


def test_people_tracked_after_the_day_asked_about_are_not_listed(tmp_path):
    ranked = pd.DataFrame({"key": ["lee"], "name": ["Lee Chen"], "mutual_count": [14]})
    with Tracker(tmp_path / "ws") as tracker:
        tracker.add(ranked, today="2025-09-10")
        assert tracker.table(today="2025-09-01").empty
        assert tracker.next_steps(today="2025-09-01").empty
        assert tracker.table(today="2025-09-10")["days_in_status"].tolist() == [0]


def test_a_future_date_is_refused_when_recorded_naming_the_date(tmp_path):
    soon = (dt.date.today() + dt.timedelta(days=9)).isoformat()
    with Tracker(tmp_path / "ws") as tracker:
        tracker.add(pd.DataFrame({"key": ["lee"], "name": ["Lee Chen"]}), today="2025-09-01")
        with pytest.raises(OptionError, match=f"date: {soon} is in the future") as error:
            tracker.set_status("Lee Chen", "introduced", when=soon)
        assert error.value.value == soon
        assert tracker.history("Lee Chen")["status"].tolist() == ["planned"]


def test_a_day_recorded_ahead_of_the_clock_counts_as_today(tmp_path):
    # one day ahead is accepted (the user's time zone): the default view counts it, from 0 days
    tomorrow = (dt.date.today() + dt.timedelta(days=1)).isoformat()
    ranked = pd.DataFrame({"key": ["lee", "mia"], "name": ["Lee Chen", "Mia Wong"], "introducer": ["Ann Lee"] * 2})
    with Tracker(tmp_path / "ws") as tracker:
        tracker.add(ranked, today="2025-09-01")
        tracker.set_status("Lee Chen", "introduced", when=tomorrow)
        table = tracker.table().set_index("key")
        steps = tracker.next_steps()
    assert table.loc["lee", ["status", "days_in_status"]].tolist() == ["introduced", 0]
    assert (table["days_in_status"] >= 0).all()
    assert _action(steps, "lee") == "send invitation"
