"""What to do next: the referral policy as pure functions of (targets, events, today).

Nothing here opens a database: :class:`refkit.track.Tracker` reads its
targets and events and calls these functions, and a test or a notebook can
call :func:`next_steps` and :func:`weekly_plan` on two small hand-built tables.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any, NamedTuple

import pandas as pd

from refkit._errors import OptionError, RefkitError
from refkit._limits import WEEKLY_INVITATIONS
from refkit._text import is_missing, plural
from refkit._validate import is_whole_number
from refkit.mutuals import DEFAULT_MIN_MUTUAL, check_min_mutual
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
def as_of(history: list[Event], today: dt.date) -> list[Event]:
    """The events of a history that had happened by ``today`` (a later one has not happened yet then)."""
    day = today.isoformat()
    return [event for event in history if event["at"] <= day]


def state(targets: Mapping[str, Target], events: Mapping[str, list[Event]], today: dt.date) -> list[dict[str, Any]]:
    """Every target's state as of ``today``, best count first.

    Only what had happened by ``today`` counts: an event dated later is left
    out, and a target tracked only after ``today`` is not listed, so the days
    in a status are never negative. Each row holds the current status, the day
    it began and the days since, the last introducer asked, the next one, and
    whether any introducer was asked (``asked_any``).
    """
    rows = []
    for key, target in targets.items():
        first = target["first_seen"] or today.isoformat()
        history = as_of(events.get(key) or [{"status": "planned", "at": first, "note": None, "created": True}], today)
        if not history:
            continue
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
                "asked_any": any(e["status"] in ASKS for e in history),
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
    if not is_whole_number(no_response_days) or no_response_days < 0:
        raise OptionError(f"no_response_days: expected a whole number of days, got {no_response_days!r}",
                          value=no_response_days)  # fmt: skip


def check_budget(budget: Any) -> None:
    """``budget`` must be a whole number of invitations, from 0 to LinkedIn's weekly ceiling."""
    if not is_whole_number(budget) or not 0 <= budget <= WEEKLY_INVITATIONS:
        raise OptionError(
            f"budget: expected a whole number of invitations from 0 to {WEEKLY_INVITATIONS} a week "
            f"(LinkedIn restricts accounts that send more than about {WEEKLY_INVITATIONS} invitations a week), "
            f"got {budget!r}",
            value=budget,
        )


# ---------------------------------------------------------------- the rule: one person's next action
class Step(NamedTuple):
    """A person's next action: what to do, the introducer to ask, and which invitation it sends.

    ``invitation`` is ``"warm"`` (after an introduction), ``"cold"`` (every
    introducer asked, enough mutual connections), ``"pending"`` (already sent,
    not answered) or None (the action sends no invitation).
    """

    action: str
    ask: str | None = None
    invitation: str | None = None


#: Statuses before an invitation: an invitation still pending overrides them.
_BEFORE_INVITATION = ("planned", "asked_introducer", "introduced", "declined", "no_response")


def _waiting(row: Mapping[str, Any], waiting: set[str]) -> bool:
    url = normalize_url(row["target"]["profile_url"])
    return row["key"] in waiting or bool(url and url in waiting)


def _why(row: Mapping[str, Any], no_response_days: int) -> str | None:
    """Why the last ask failed (a decline, no answer, waited too long), or None when it did not."""
    status, days, asked = row["status"], row["days"], row["asked"] or "your introducer"
    if status == "declined":
        return f"{asked} declined"
    if status == "no_response":
        return f"no answer from {asked}"
    if status == "asked_introducer" and days >= no_response_days:
        return f"no answer from {asked} for {days} days"
    return None


def _nobody_left(row: Mapping[str, Any], why: str | None, min_mutual: int) -> Step:
    """No introducer left to ask: a cold invitation only after an ask and with enough mutual connections."""
    count = row["target"]["mutual_count"]
    if not row["asked_any"]:
        if count is None:
            return Step("no introducer known: find a mutual connection to ask for an introduction")
        if count == 0:
            return Step("no introducer known and no mutual connections: find someone to introduce you")
        return Step(f"no introducer known: ask one of your {plural(count, 'mutual connection')} for an introduction")
    why = why or "every introducer asked"
    if count is not None and count >= min_mutual:
        return Step(f"{why}: no other introducer known, send a personal invitation", None, "cold")
    if count is None:
        few = "the mutual count is unknown"
    else:
        few = f"{plural(count, 'mutual connection')} {'is' if count == 1 else 'are'} fewer than {min_mutual}"
    return Step(f"{why}: no other introducer known, and {few}: find another introducer before inviting")


def decide(row: Mapping[str, Any], *, no_response_days: int, min_mutual: int, waiting: set[str]) -> Step | None:
    """The next action for one row of :func:`state`, or None when there is nothing to do but wait.

    The one rule behind both :func:`next_steps` and :func:`weekly_plan`:

    - an invitation still pending (``waiting``), before anyone answered it → ``invitation pending``;
    - ``introduced`` → send the invitation (warm: the threshold does not apply);
    - ``planned``, and a failed ask (``declined``, ``no_response``, ``asked_introducer``
      for ``no_response_days`` days or more) → ask the next introducer not asked yet;
      when nobody is left, a personal (cold) invitation only if an introducer was
      asked and the mutual count is at least ``min_mutual``, else find an introducer;
    - ``accepted`` → suggest a call or coffee; otherwise (a recent ask, ``invited``,
      ``call``, ``coffee``) nothing.
    """
    status = row["status"]
    if status in _BEFORE_INVITATION and _waiting(row, waiting):
        return Step("invitation pending", None, "pending")
    if status == "introduced":
        return Step("send invitation", None, "warm")
    if status == "accepted":
        return Step("suggest a call or coffee")
    why = _why(row, no_response_days)
    if status != "planned" and why is None:
        return None
    nxt = row["next"]
    if nxt:
        return Step(f"{why}: ask {nxt} instead" if why else f"ask {nxt} for an introduction", nxt)
    return _nobody_left(row, why, min_mutual)


# ---------------------------------------------------------------- next steps
def steps(rows: list[dict[str, Any]], *, no_response_days: int, min_mutual: int, waiting: set[str]) -> pd.DataFrame:
    """:func:`next_steps` over the rows of :func:`state`."""
    data = []
    for r in rows:
        step = decide(r, no_response_days=no_response_days, min_mutual=min_mutual, waiting=waiting)
        if step is None:
            continue
        target = r["target"]
        data.append(
            {
                "name": target["name"],
                "company": target["company"],
                "mutual_count": target["mutual_count"],
                "status": r["status"],
                "days_in_status": r["days"],
                "action": step.action,
                "ask": step.ask,
                "key": r["key"],
            }
        )
    return frame(data, NEXT_STEPS_COLUMNS, ints=("mutual_count", "days_in_status"))


# ---------------------------------------------------------------- weekly plan
def pending_forms(pending: Iterable[str] | str) -> set[str]:
    """Keys and normalised profile URLs of invitations still pending (one string is one key or URL)."""
    pending = [pending] if isinstance(pending, str) else list(pending)  # one key or URL, not its letters
    return {str(p) for p in pending} | {f for f in (normalize_url(p) for p in pending) if f}


def plan(
    rows: list[dict[str, Any]], day: dt.date, budget: int, *, no_response_days: int, min_mutual: int, waiting: set[str]
) -> pd.DataFrame:
    """:func:`weekly_plan` over the rows of :func:`state`: the invitations :func:`decide` gives."""
    week = day.isocalendar()[:2]
    sent = {
        r["key"]
        for r in rows
        for e in r["history"]
        if e["status"] == "invited" and dt.date.fromisoformat(e["at"]).isocalendar()[:2] == week
    }
    left = max(budget - len(sent), 0)
    chosen = []
    for r in rows:
        step = decide(r, no_response_days=no_response_days, min_mutual=min_mutual, waiting=waiting)
        if step is not None and step.invitation:
            chosen.append((r, step))
    chosen.sort(
        key=lambda c: (-(c[0]["target"]["mutual_count"] or -1), c[1].invitation != "warm",
                       normalize_name(c[0]["target"]["name"]), c[0]["key"])
    )  # fmt: skip
    data = []
    for r, step in chosen:
        if step.invitation != "pending":
            if left == 0:
                continue
            left -= 1
        target = r["target"]
        data.append(
            {
                "name": target["name"],
                "company": target["company"],
                "mutual_count": target["mutual_count"],
                "status": r["status"],
                "action": step.action,
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


def rule_options(no_response_days: Any, min_mutual: Any, pending: Iterable[str] | str) -> dict[str, Any]:
    """The options of :func:`decide`, checked: ``no_response_days``, ``min_mutual`` and the pending forms."""
    check_days(no_response_days)
    return {"no_response_days": no_response_days, "min_mutual": check_min_mutual(min_mutual),
            "waiting": pending_forms(pending)}  # fmt: skip


def next_steps(
    targets: pd.DataFrame,
    events: pd.DataFrame | None,
    today: dt.date | str,
    *,
    no_response_days: int = 14,
    min_mutual: int = DEFAULT_MIN_MUTUAL,
    pending: Iterable[str] = (),
) -> pd.DataFrame:
    """What to do next for each target that needs an action, as of ``today``.

    - ``planned`` → ask the best introducer;
    - ``asked_introducer`` unchanged for ``no_response_days`` days or more, ``no_response``
      and ``declined`` → don't give up: ask the next introducer not asked yet;
    - nobody left to ask → a personal invitation, but only once an introducer
      was asked and with at least ``min_mutual`` mutual connections (a cold
      invitation to fewer rarely works): otherwise find an introducer;
    - ``introduced`` → send the invitation; ``accepted`` → suggest a call or coffee;
    - an invitation in ``pending`` → ``invitation pending``.

    :func:`weekly_plan` lists the same action for every person it lists. Only
    events dated ``today`` or earlier count (a later one had not happened yet),
    so ``days_in_status`` is never negative.

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
    min_mutual : int, default DEFAULT_MIN_MUTUAL
        Mutual connections a cold (personal) invitation needs; an unknown count has too few.
    pending : iterable of str
        Keys or profile URLs of outgoing invitations still pending (e.g. from
        Invitations.csv).

    Returns
    -------
    DataFrame
        ``name, company, mutual_count, status, days_in_status, action, ask, key``
        (``ask``: the introducer to ask next, when there is one), best mutual count first.

    Raises
    ------
    RefkitError
        An invalid day, status, ``no_response_days`` or ``min_mutual``.

    Examples
    --------
    >>> targets = pd.DataFrame({"key": ["name:lee chen"], "name": ["Lee Chen"],
    ...     "introducer": ["Priya Raman"], "alternates": [["Tomás Ortega"]]})
    >>> events = pd.DataFrame({"key": ["name:lee chen"] * 2, "status": ["planned", "declined"],
    ...     "at": ["2024-05-01", "2024-05-03"], "introducer": [None, "Priya Raman"]})
    >>> next_steps(targets, events, "2024-05-04")[["name", "action", "ask"]]
           name                                      action           ask
    0  Lee Chen  Priya Raman declined: ask Tomás Ortega instead  Tomás Ortega
    >>> next_steps(targets, events, "2024-05-02")[["name", "status", "days_in_status", "action"]]
           name   status  days_in_status                                action
    0  Lee Chen  planned               1  ask Priya Raman for an introduction
    """
    day = day_of(today, "today")
    rule = rule_options(no_response_days, min_mutual, pending)
    return steps(state(_targets_of(targets), _events_of(events), day), **rule)


def weekly_plan(
    targets: pd.DataFrame,
    events: pd.DataFrame | None,
    today: dt.date | str,
    *,
    budget: int = 20,
    pending: Iterable[str] = (),
    no_response_days: int = 14,
    min_mutual: int = DEFAULT_MIN_MUTUAL,
) -> pd.DataFrame:
    """Invitations to send this week, at most ``budget`` of them, best mutual count first.

    The people whose next action (:func:`next_steps`, with the same options)
    is an invitation, with that same action: ``send invitation`` after an
    introduction (first at equal count), a personal invitation once every
    introducer was asked (never below ``min_mutual``, never before an ask),
    and ``invitation pending`` for those in ``pending`` (listed, not counted).
    Invitations recorded as ``invited`` during the current ISO week (Monday to
    Sunday), up to ``today``, count against the budget.

    Parameters
    ----------
    targets, events : DataFrame
        As for :func:`next_steps`.
    today : date or str
        A day of the week to plan.
    budget : int, default 20
        Invitations a week, at most :data:`~refkit._limits.WEEKLY_INVITATIONS`
        (about 100: LinkedIn restricts accounts that send more).
    pending : iterable of str
        Keys or profile URLs of outgoing invitations still pending (e.g. from
        Invitations.csv): listed as ``invitation pending``, not suggested.
    no_response_days, min_mutual : int
        As for :func:`next_steps`.

    Returns
    -------
    DataFrame
        ``name, company, mutual_count, status, action, key``; ``attrs`` holds
        ``budget``, ``sent_this_week`` and ``left``.

    Raises
    ------
    RefkitError
        An invalid day, status, ``no_response_days`` or ``min_mutual``;
        :class:`~refkit.OptionError` for a ``budget`` that is not 0 to 100.

    Examples
    --------
    >>> targets = pd.DataFrame({"key": ["a", "b", "c"], "name": ["Ana", "Bo", "Cy"],
    ...                         "mutual_count": [9, 5, 3], "introducer": ["Pat", "Pat", "Pat"]})
    >>> events = pd.DataFrame({"key": ["a", "b", "c"], "status": ["introduced", "declined", "invited"],
    ...                        "at": ["2024-05-07", "2024-05-07", "2024-05-06"], "introducer": "Pat"})
    >>> week = weekly_plan(targets, events, "2024-05-08", budget=3, min_mutual=5)
    >>> week["name"].tolist(), week.attrs["left"]
    (['Ana', 'Bo'], 2)
    >>> week["action"].tolist()[1]
    'Pat declined: no other introducer known, send a personal invitation'
    """
    check_budget(budget)
    day = day_of(today, "today")
    rule = rule_options(no_response_days, min_mutual, pending)
    return plan(state(_targets_of(targets), _events_of(events), day), day, budget, **rule)
