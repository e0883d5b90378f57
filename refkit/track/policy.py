"""What to do next: the referral policy as pure functions of (targets, events, today).

Nothing here opens a database: :class:`refkit.track.Tracker` reads its
targets and events and calls these functions, and a test or a notebook can
call :func:`next_steps` and :func:`weekly_plan` on two small hand-built tables.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

import pandas as pd

from refkit._errors import RefkitError
from refkit._text import is_missing
from refkit.resolve import normalize_name, normalize_url, person_key
from refkit.track._model import (
    ASKS,
    Event,
    Target,
    current,
    day_of,
    group_events,
    last_asked,
    status_of,
    text,
)
from refkit.track.people import Pair, candidates

__all__ = ["next_steps", "weekly_plan"]

NEXT_STEPS_COLUMNS = ["name", "company", "mutual_count", "status", "days_in_status", "action", "ask", "key"]
PLAN_COLUMNS = ["name", "company", "mutual_count", "status", "action", "key"]


# ---------------------------------------------------------------- introducers
def next_introducer(target: Mapping[str, Any], events: list[Event]) -> Pair | None:
    """The best introducer of a target not asked yet (an ask, a decline or no answer names them)."""
    asked = {e["introducer_key"] for e in events if e["status"] in ASKS and e["introducer_key"]}
    for key, name in candidates(target):
        if key not in asked:
            return key, name
    return None


def introducer_to_record(target: Mapping[str, Any], events: list[Event], status: str) -> tuple[str | None, str | None]:
    """Who a new ``status`` (one of the asks) is about when the user names nobody.

    ``declined``/``no_response`` answer the pending ask; otherwise (and for a new
    ``asked_introducer``) it is the next introducer not asked yet.
    """
    if status not in ASKS:
        return None, None
    pending, now = last_asked(events), current(events)
    if status != "asked_introducer" and pending and now and now["status"] == "asked_introducer":
        return pending["introducer_key"], pending["introducer"]
    found = next_introducer(target, events)
    return found if found else (None, None)


# ---------------------------------------------------------------- state
def state(targets: Mapping[str, Target], events: Mapping[str, list[Event]], today: dt.date) -> list[dict[str, Any]]:
    """Every target's current status, days in it, last introducer asked and next one, best count first."""
    rows = []
    for key, target in targets.items():
        first = target["first_seen"] or today.isoformat()
        history = events.get(key) or [{"status": "planned", "at": first, "note": None, "created": True}]
        now = current(history) or history[-1]
        since = dt.date.fromisoformat(now["at"])
        asked = last_asked(history)
        nxt = next_introducer(target, history)
        rows.append(
            {
                "key": key,
                "target": target,
                "history": history,
                "status": now["status"],
                "since": since,
                "days": (today - since).days,
                "note": now.get("note"),
                "asked": asked["introducer"] if asked else None,
                "next": nxt[1] if nxt else None,
            }
        )
    rows.sort(key=lambda r: (-(r["target"]["mutual_count"] or -1), normalize_name(r["target"]["name"]), r["key"]))
    return rows


def frame(data: list[dict[str, Any]], columns: list[str], *, ints=(), dates=()) -> pd.DataFrame:
    """Rows as a frame of nullable integers, datetimes and strings."""
    result = pd.DataFrame(data, columns=columns)
    for column in columns:
        if column in ints:
            result[column] = result[column].astype("Int64")
        elif column in dates:
            result[column] = pd.to_datetime(result[column])
        else:
            result[column] = result[column].astype("string")
    return result


def check_days(no_response_days: Any) -> None:
    """``no_response_days`` must be a whole number of days, 0 or more."""
    if isinstance(no_response_days, bool) or not isinstance(no_response_days, int) or no_response_days < 0:
        raise RefkitError(f"no_response_days: expected a whole number of days, got {no_response_days!r}")


def check_budget(budget: Any) -> None:
    """``budget`` must be a whole number of invitations, 0 or more."""
    if isinstance(budget, bool) or not isinstance(budget, int) or budget < 0:
        raise RefkitError(f"budget: expected a whole number of invitations, got {budget!r}")


# ---------------------------------------------------------------- next steps
def _action(row: Mapping[str, Any], no_response_days: int) -> tuple[str, str | None] | None:
    """The action for one target's state and the introducer to ask, or None when nothing is to do."""
    status, nxt, asked = row["status"], row["next"], row["asked"] or "your introducer"
    if status == "planned":
        return (f"ask {nxt} for an introduction" if nxt else "no introducer known: send a personal invitation"), nxt
    if status in ("declined", "no_response") or (status == "asked_introducer" and row["days"] >= no_response_days):
        if status == "declined":
            why = f"{asked} declined"
        elif status == "no_response":
            why = f"no answer from {asked}"
        else:
            why = f"no answer from {asked} for {row['days']} days"
        return (f"{why}: ask {nxt} instead" if nxt else f"{why}: no other introducer known, send a personal invitation"), nxt
    if status == "introduced":
        return "send invitation", None
    if status == "accepted":
        return "suggest a call or coffee", None
    return None


def steps(rows: list[dict[str, Any]], no_response_days: int) -> pd.DataFrame:
    """:func:`next_steps` over the rows of :func:`state`."""
    data = []
    for r in rows:
        found = _action(r, no_response_days)
        if found is None:
            continue
        target = r["target"]
        data.append(
            {
                "name": target["name"],
                "company": target["company"],
                "mutual_count": target["mutual_count"],
                "status": r["status"],
                "days_in_status": r["days"],
                "action": found[0],
                "ask": found[1],
                "key": r["key"],
            }
        )
    return frame(data, NEXT_STEPS_COLUMNS, ints=("mutual_count", "days_in_status"))


# ---------------------------------------------------------------- weekly plan
def pending_forms(pending: Iterable[str] | str) -> set[str]:
    """Keys and normalised profile URLs of invitations still pending (one string is one key or URL)."""
    pending = [pending] if isinstance(pending, str) else list(pending)  # one key or URL, not its letters
    return {str(p) for p in pending} | {f for f in (normalize_url(p) for p in pending) if f}


def plan(rows: list[dict[str, Any]], day: dt.date, budget: int, waiting: set[str]) -> pd.DataFrame:
    """:func:`weekly_plan` over the rows of :func:`state`."""
    week = day.isocalendar()[:2]
    sent = {
        r["key"]
        for r in rows
        for e in r["history"]
        if e["status"] == "invited" and dt.date.fromisoformat(e["at"]).isocalendar()[:2] == week
    }
    left = max(budget - len(sent), 0)
    chosen = [r for r in rows if r["status"] in ("planned", "introduced")]
    chosen.sort(
        key=lambda r: (-(r["target"]["mutual_count"] or -1), r["status"] != "introduced", normalize_name(r["target"]["name"]))
    )
    data = []
    for r in chosen:
        target = r["target"]
        if r["key"] in waiting or (normalize_url(target["profile_url"]) or "\0") in waiting:
            action = "invitation pending"
        elif left > 0:
            action, left = "send invitation", left - 1
        else:
            continue
        data.append(
            {
                "name": target["name"],
                "company": target["company"],
                "mutual_count": target["mutual_count"],
                "status": r["status"],
                "action": action,
                "key": r["key"],
            }
        )
    result = frame(data, PLAN_COLUMNS, ints=("mutual_count",))
    result.attrs.update(budget=budget, sent_this_week=len(sent), left=max(budget - len(sent), 0))
    return result


# ---------------------------------------------------------------- tables in, tables out
def _cell(row: Mapping[str, Any], column: str) -> Any:
    value = row.get(column)
    return None if value is None or (not isinstance(value, (list, tuple)) and is_missing(value)) else value


def _alternates(value: Any) -> list[Pair]:
    """Alternates as ``(key, name)`` pairs, or names (keyed by :func:`~refkit.resolve.person_key`)."""
    if value is None:
        return []
    items = value.split(";") if isinstance(value, str) else list(value)
    pairs = []
    for item in items:
        if isinstance(item, (list, tuple)):
            key, name = text(item[0]), text(item[1]) if len(item) > 1 else None
        else:
            name = text(item)
            key = person_key(name=name)
        if key:
            pairs.append((key, name or key))
    return pairs


def _targets_of(targets: pd.DataFrame) -> dict[str, Target]:
    result = {}
    for row in targets.to_dict("records"):
        key = text(_cell(row, "key"))
        if key is None:
            raise RefkitError(f"targets: a row without a key ({row!r})")
        count = _cell(row, "mutual_count")
        first = _cell(row, "first_seen")
        result[key] = {
            "key": key,
            "name": text(_cell(row, "name")) or key,
            "profile_url": text(_cell(row, "profile_url")),
            "company": text(_cell(row, "company")),
            "introducer_key": text(_cell(row, "introducer_key")),
            "introducer": text(_cell(row, "introducer")),
            "mutual_count": None if count is None else int(count),
            "alternates": _alternates(_cell(row, "alternates")),
            "first_seen": None if first is None else day_of(first, f"target {key}: first_seen").isoformat(),
        }
    return result


def _events_of(events: pd.DataFrame | None) -> dict[str, list[Event]]:
    if events is None:
        return {}
    rows = []
    for number, row in enumerate(events.to_dict("records")):
        key = text(_cell(row, "key"))
        if key is None or _cell(row, "at") is None:
            raise RefkitError(f"events: row {number} needs a key and the day it happened (at), got {row!r}")
        event_id, introducer = _cell(row, "id"), text(_cell(row, "introducer"))
        rows.append({
            "id": number if event_id is None else int(event_id),
            "key": key,
            "status": status_of(_cell(row, "status")),
            "introducer_key": text(_cell(row, "introducer_key")) or (person_key(name=introducer) if introducer else None),
            "introducer": introducer,
            "note": text(_cell(row, "note")),
            "at": day_of(_cell(row, "at"), f"events: row {number}: at").isoformat(),
        })  # fmt: skip
    rows.sort(key=lambda e: e["id"])
    return group_events(rows)


def next_steps(
    targets: pd.DataFrame, events: pd.DataFrame | None, today: dt.date | str, *, no_response_days: int = 14
) -> pd.DataFrame:
    """What to do next for each target that needs an action, from its history alone.

    - ``planned`` → ask the best introducer (or invite directly when none is known);
    - ``asked_introducer`` unchanged for ``no_response_days`` days or more, ``no_response``
      and ``declined`` → don't give up: ask the next introducer not asked yet;
    - ``introduced`` → send the invitation; ``accepted`` → suggest a call or coffee.

    Parameters
    ----------
    targets : DataFrame
        One row per person: ``key`` and optionally ``name, company, profile_url,
        mutual_count, introducer, introducer_key, alternates`` (a list of names
        or of ``(key, name)`` pairs, or names joined by ``";"``) and
        ``first_seen``.
    events : DataFrame or None
        The history in order of recording: ``key, status, at`` and optionally
        ``introducer, introducer_key, note, id``. A target's first event, when
        ``planned``, never hides a status logged for an earlier day.
    today : date or str
        The day to plan for.
    no_response_days : int, default 14
        Days without an answer after which the next introducer is suggested.

    Returns
    -------
    DataFrame
        ``name, company, mutual_count, status, days_in_status, action, ask, key``
        (``ask``: the introducer to ask next, when there is one), best mutual count first.

    Raises
    ------
    RefkitError
        An invalid day, status or ``no_response_days``.

    Examples
    --------
    >>> targets = pd.DataFrame({"key": ["name:lee chen"], "name": ["Lee Chen"],
    ...     "introducer": ["Priya Raman"], "alternates": [["Tomás Ortega"]]})
    >>> events = pd.DataFrame({"key": ["name:lee chen"] * 2, "status": ["planned", "declined"],
    ...     "at": ["2024-05-01", "2024-05-03"], "introducer": [None, "Priya Raman"]})
    >>> next_steps(targets, events, "2024-05-04")[["name", "action", "ask"]]
           name                                      action           ask
    0  Lee Chen  Priya Raman declined: ask Tomás Ortega instead  Tomás Ortega
    """
    day = day_of(today, "today")
    check_days(no_response_days)
    return steps(state(_targets_of(targets), _events_of(events), day), no_response_days)


def weekly_plan(
    targets: pd.DataFrame,
    events: pd.DataFrame | None,
    today: dt.date | str,
    *,
    budget: int = 20,
    pending: Iterable[str] = (),
) -> pd.DataFrame:
    """Invitations to send this week, at most ``budget`` of them, best mutual count first.

    Invitations already recorded as ``invited`` during the current ISO week
    (Monday to Sunday) count against the budget. Candidates are targets whose
    status is ``introduced`` or ``planned`` (``introduced`` first at equal count).

    Parameters
    ----------
    targets, events : DataFrame
        As for :func:`next_steps`.
    today : date or str
        A day of the week to plan.
    budget : int, default 20
        Invitations a week.
    pending : iterable of str
        Keys or profile URLs of outgoing invitations still pending (e.g. from
        Invitations.csv): listed as ``invitation pending``, not suggested.

    Returns
    -------
    DataFrame
        ``name, company, mutual_count, status, action, key``; ``attrs`` holds
        ``budget``, ``sent_this_week`` and ``left``.

    Raises
    ------
    RefkitError
        An invalid day, status or ``budget``.

    Examples
    --------
    >>> targets = pd.DataFrame({"key": ["a", "b", "c"], "name": ["Ana", "Bo", "Cy"],
    ...                         "mutual_count": [9, 5, 3]})
    >>> events = pd.DataFrame({"key": ["c"], "status": ["invited"], "at": ["2024-05-06"]})
    >>> week = weekly_plan(targets, events, "2024-05-08", budget=2)
    >>> week[["name", "action"]], week.attrs["left"]
    (  name           action
    0  Ana  send invitation, 1)
    """
    check_budget(budget)
    day = day_of(today, "today")
    waiting = pending_forms(pending)
    return plan(state(_targets_of(targets), _events_of(events), day), day, budget, waiting)
