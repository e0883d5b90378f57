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
from refkit._limits import (
    ACCOUNTS,
    MONTHLY_PERSONAL_NOTES,
    REINVITE_BLOCK_DAYS,
    WEEKLY_INVITATIONS,
)
from refkit._text import is_missing, plural
from refkit._validate import is_whole_number, whole_number
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

__all__ = ["DEFAULT_MAX_OPEN_ASKS", "FUNNEL_STAGES", "funnel_of", "next_steps", "quotas", "weekly_plan"]

NEXT_STEPS_COLUMNS = ["name", "company", "mutual_count", "status", "days_in_status", "action", "ask", "key"]
PLAN_COLUMNS = ["name", "company", "mutual_count", "status", "action", "note", "key"]

#: Open asks an introducer may have before the next target's ask goes to the next-best
#: introducer. Two: a double opt-in ask costs the introducer two messages (the note to the target,
#: then the introduction), so two open asks is already four favours in flight; a third, before
#: they answered the first two, is what turns a friend's goodwill into a chore. Set
#: ``max_open_asks`` in refkit.toml to change it.
DEFAULT_MAX_OPEN_ASKS = 2


# ---------------------------------------------------------------- introducers
def untried(target: Mapping[str, Any], events: list[Event]) -> list[Pair]:
    """The introducers of a target not asked yet, best first (an ask, a decline or no answer names them)."""
    asked = {e["introducer_key"] for e in events if e["status"] in ASKS and e["introducer_key"]}
    return [(key, name) for key, name in candidates(target) if key not in asked]


def next_introducer(target: Mapping[str, Any], events: list[Event]) -> Pair | None:
    """The best introducer of a target not asked yet."""
    left = untried(target, events)
    return left[0] if left else None


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
        left = untried(target, history)
        nxt = left[0] if left else None
        withdrawn = [e["at"] for e in history if e["status"] == "withdrawn"]
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
                "asked_key": asked["introducer_key"] if asked else None,
                "asked_any": any(e["status"] in ASKS for e in history),
                "next": nxt[1] if nxt else None,
                "untried": left,
                "today": today,
                "withdrawn": dt.date.fromisoformat(max(withdrawn)) if withdrawn else None,
                "warm": any(e["status"] in ("target_agreed", "introduced") for e in history),
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


def check_budget(budget: Any, ceiling: int = WEEKLY_INVITATIONS) -> None:
    """``budget`` must be a whole number of invitations, from 0 to the weekly ceiling."""
    if not is_whole_number(budget) or not 0 <= budget <= ceiling:
        raise OptionError(
            f"budget: expected a whole number of invitations from 0 to {ceiling} a week "
            f"(LinkedIn restricts accounts that send more than about {WEEKLY_INVITATIONS} invitations a week), "
            f"got {budget!r}",
            value=budget,
        )


class Quotas(NamedTuple):
    """LinkedIn's limits for one account (see :mod:`refkit._limits`), as the weekly plan uses them."""

    account: str = "free"
    weekly_invitations: int = WEEKLY_INVITATIONS
    monthly_notes: int | None = MONTHLY_PERSONAL_NOTES["free"]
    reinvite_days: int = REINVITE_BLOCK_DAYS


def quotas(
    account: Any = "free",
    *,
    weekly_invitations: Any = None,
    monthly_notes: Any = None,
    reinvite_days: Any = None,
) -> Quotas:
    """The quotas of an ``account`` (``"free"`` or ``"premium"``), with any number overridden.

    Parameters
    ----------
    account : {"free", "premium"}
        The user's LinkedIn account (any case).
    weekly_invitations : int, optional
        Invitations in any 7 days (default :data:`~refkit._limits.WEEKLY_INVITATIONS`, 100).
    monthly_notes : int, optional
        Invitations with a personal note a month; None: the account's own (5 on
        free, no limit on Premium); ``-1``: no limit.
    reinvite_days : int, optional
        Days after a withdrawn invitation before inviting again (default 21).

    Returns
    -------
    Quotas
        ``account, weekly_invitations, monthly_notes`` (None: no limit) ``, reinvite_days``.

    Raises
    ------
    OptionError
        A value that is not one of the accounts or not a whole number in range, naming it.

    Examples
    --------
    >>> quotas("Premium")
    Quotas(account='premium', weekly_invitations=100, monthly_notes=None, reinvite_days=21)
    >>> quotas(monthly_notes=3).monthly_notes
    3
    """
    kind = str(account).strip().casefold() if isinstance(account, str) else account
    if kind not in ACCOUNTS:
        raise OptionError(f"account: expected one of {', '.join(map(repr, ACCOUNTS))}, got {account!r}", value=account)
    weekly = WEEKLY_INVITATIONS if weekly_invitations is None else whole_number(
        weekly_invitations, "weekly_invitations", minimum=0, maximum=10 * WEEKLY_INVITATIONS)
    if monthly_notes is None:
        notes = MONTHLY_PERSONAL_NOTES[kind]
    else:
        notes = whole_number(monthly_notes, "monthly_notes", minimum=-1, maximum=10_000)
        notes = None if notes == -1 else notes
    block = REINVITE_BLOCK_DAYS if reinvite_days is None else whole_number(
        reinvite_days, "reinvite_days", minimum=0, maximum=366)
    return Quotas(kind, weekly, notes, block)


def check_open_asks(max_open_asks: Any) -> int:
    """``max_open_asks`` must be a whole number of at least 1."""
    return whole_number(max_open_asks, "max_open_asks", minimum=1, maximum=1000)


# ---------------------------------------------------------------- the rule: one person's next action
class Step(NamedTuple):
    """A person's next action: what to do, the introducer to ask, and which invitation it sends.

    ``invitation`` is ``"warm"`` (after the target agreed or was introduced), ``"cold"``
    (every introducer asked, enough mutual connections), ``"pending"`` (already sent,
    not answered) or None (the action sends no invitation). ``ask_key`` is the key of
    the introducer in ``ask``: an ask counts against that introducer's open asks.
    """

    action: str
    ask: str | None = None
    invitation: str | None = None
    ask_key: str | None = None


#: Statuses before an invitation: an invitation still pending overrides them.
_BEFORE_INVITATION = (
    "planned", "asked_introducer", "target_agreed", "introduced", "declined", "no_response",
)  # fmt: skip


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


def _blocked(row: Mapping[str, Any], reinvite_days: int) -> Step | None:
    """Inside the block after a withdrawn invitation: when the person can be invited again."""
    withdrawn = row["withdrawn"]
    if withdrawn is None:
        return None
    again = withdrawn + dt.timedelta(days=reinvite_days)
    if row["today"] >= again:
        return None
    return Step(f"invitation withdrawn on {withdrawn.isoformat()}: LinkedIn lets you invite "
                f"{row['target']['name']} again from {again.isoformat()}")  # fmt: skip


def _open(load: Mapping[str, int] | None, key: str) -> int:
    return 0 if load is None else load.get(key, 0)


def _has(name: str, key: str, load: Mapping[str, int] | None, advised: Mapping[str, int] | None) -> str:
    """``"Priya Raman already has 2 open asks"``, saying how many of them are advised above."""
    total, new = _open(load, key), _open(advised, key)
    if not new:
        return f"{name} already has {plural(total, 'open ask')}"
    return f"{name} already has {plural(total, 'ask')} ({total - new} open, {new} advised above)"


def _ask(
    row: Mapping[str, Any],
    why: str | None,
    load: Mapping[str, int] | None,
    cap: int | None,
    advised: Mapping[str, int] | None = None,
) -> Step | None:
    """Ask the best introducer not asked yet who has fewer than ``cap`` open asks (None: nobody left).
    ``advised``: the asks of ``load`` that are advised (not yet made) for the people ranked above."""
    left = row["untried"]
    if not left:
        return None
    busy = []
    for key, name in left:
        if cap is None or _open(load, key) < cap:
            if busy:
                first = busy[0]
                tired = _has(first[1], first[0], load, advised)
                if len(busy) > 1:
                    tired += f" (and {plural(len(busy) - 1, 'other introducer')} too)"
                reason = f"{why}; {tired}" if why else tired
                return Step(f"{reason}: ask {name} instead", name, None, key)
            return Step(f"{why}: ask {name} instead" if why else f"ask {name} for an introduction", name, None, key)
        busy.append((key, name))
    first = busy[0]
    others = f"; every other introducer of {row['target']['name']} has {cap} too" if len(busy) > 1 else ""
    reason = f"{why}; " if why else ""
    return Step(f"{reason}{_has(first[1], first[0], load, advised)}{others}: "
                f"wait for an answer before asking again")  # fmt: skip


def decide(
    row: Mapping[str, Any],
    *,
    no_response_days: int,
    min_mutual: int,
    waiting: set[str],
    load: Mapping[str, int] | None = None,
    max_open_asks: int | None = None,
    reinvite_days: int = REINVITE_BLOCK_DAYS,
    advised: Mapping[str, int] | None = None,
) -> Step | None:
    """The next action for one row of :func:`state`, or None when there is nothing to do but wait.

    The one rule behind both :func:`next_steps` and :func:`weekly_plan`, state by state:

    - an invitation still pending (``waiting``), before anyone answered it → ``invitation pending``;
    - ``target_agreed`` or ``introduced`` → send the invitation (warm: the threshold does not apply);
    - ``planned``, and a failed ask (``declined``, ``no_response``, ``asked_introducer``
      for ``no_response_days`` days or more) → ask the next introducer not asked yet
      who has fewer than ``max_open_asks`` open asks (``load``: open asks by introducer
      key), saying who was passed over and why; when all of them are at the cap → wait;
      when nobody is left, a personal (cold) invitation only if an introducer was
      asked and the mutual count is at least ``min_mutual``, else find an introducer;
    - ``withdrawn`` → nothing for ``reinvite_days`` days (LinkedIn blocks re-inviting),
      then as after a failed ask (warm when the target had agreed or been introduced);
      no invitation of any kind is advised inside that block;
    - ``accepted`` → suggest a call or coffee; ``call``/``coffee`` → ask for a referral;
    - ``asked_introducer`` (recent), ``invited``, ``target_declined`` (the target said no:
      respected, never invited), ``referred``, ``interview`` → nothing but wait.
    """
    status = row["status"]
    if status in _BEFORE_INVITATION and _waiting(row, waiting):
        return Step("invitation pending", None, "pending")
    if status == "accepted":
        return Step("suggest a call or coffee")
    if status in ("call", "coffee"):
        return Step(f"thank {row['target']['name']}; if it went well, ask for a referral")
    if status in ("target_agreed", "introduced") or (status == "withdrawn" and row["warm"]):
        blocked = _blocked(row, reinvite_days)
        if blocked:
            return blocked
        if status == "target_agreed":
            return Step(f"{row['target']['name']} agreed: send invitation", None, "warm")
        if status == "withdrawn":
            return Step(f"invitation withdrawn on {row['withdrawn'].isoformat()}: send invitation", None, "warm")
        return Step("send invitation", None, "warm")
    if status == "withdrawn":
        blocked = _blocked(row, reinvite_days)
        if blocked:
            return blocked
        why = f"invitation withdrawn on {row['withdrawn'].isoformat()}"
    else:
        why = _why(row, no_response_days)
        if status != "planned" and why is None:
            return None
    cap = max_open_asks if load is not None else None
    step = _ask(row, why, load, cap, advised)
    if step is not None:
        return step
    step = _nobody_left(row, why, min_mutual)
    if step.invitation:
        return _blocked(row, reinvite_days) or step
    return step


def open_load(rows: list[dict[str, Any]], no_response_days: int) -> dict[str, int]:
    """Open asks by introducer key: targets whose current status is an ask of them still awaiting an
    answer (``asked_introducer`` for fewer than ``no_response_days`` days)."""
    load: dict[str, int] = {}
    for r in rows:
        if r["status"] == "asked_introducer" and r["asked_key"] and r["days"] < no_response_days:
            load[r["asked_key"]] = load.get(r["asked_key"], 0) + 1
    return load


def decisions(
    rows: list[dict[str, Any]],
    *,
    no_response_days: int,
    min_mutual: int,
    waiting: set[str],
    max_open_asks: int = DEFAULT_MAX_OPEN_ASKS,
    reinvite_days: int = REINVITE_BLOCK_DAYS,
) -> list[tuple[dict[str, Any], Step | None]]:
    """:func:`decide` for every row of :func:`state`, in its order (best mutual count first): an ask
    it advises counts against that introducer's open asks for the rows after it, so nobody is
    advised to ask one introducer more than ``max_open_asks`` times at once."""
    load = open_load(rows, no_response_days)
    advised: dict[str, int] = {}
    result = []
    for r in rows:
        step = decide(r, no_response_days=no_response_days, min_mutual=min_mutual, waiting=waiting, load=load,
                      max_open_asks=max_open_asks, reinvite_days=reinvite_days, advised=advised)  # fmt: skip
        if step is not None and step.ask_key:
            load[step.ask_key] = load.get(step.ask_key, 0) + 1
            advised[step.ask_key] = advised.get(step.ask_key, 0) + 1
        result.append((r, step))
    return result


# ---------------------------------------------------------------- next steps
def steps(rows: list[dict[str, Any]], **rule: Any) -> pd.DataFrame:
    """:func:`next_steps` over the rows of :func:`state` (``rule``: the options of :func:`decisions`)."""
    data = []
    for r, step in decisions(rows, **rule):
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


#: Who needs a personal note most: an invitation nobody introduced, then one the target agreed to
#: (the introducer has not introduced you yet), then one after an introduction (they expect you).
_NEED = {"cold": 0, "agreed": 1, "warm": 2}


def _need(row: Mapping[str, Any], step: Step) -> int:
    if step.invitation == "cold":
        return _NEED["cold"]
    return _NEED["agreed"] if row["status"] == "target_agreed" else _NEED["warm"]


def _without_note(row: Mapping[str, Any]) -> str:
    if row["status"] == "target_agreed" and row["asked"]:
        return f"no personal note left this month: ask {row['asked']} to introduce you first, then invite without a note"
    return "no personal note left this month: invite without a note, then message after acceptance"


def plan(
    rows: list[dict[str, Any]],
    day: dt.date,
    budget: int,
    *,
    limits: Quotas | None = None,
    **rule: Any,
) -> pd.DataFrame:
    """:func:`weekly_plan` over the rows of :func:`state`: the invitations :func:`decisions` gives,
    within the budget, the account's weekly ceiling and its personal notes."""
    limits = limits or Quotas()
    week = day.isocalendar()[:2]
    last_week = (day - dt.timedelta(days=6)).isoformat()
    month = day.isoformat()[:7]
    invited = [(r, e) for r in rows for e in r["history"] if e["status"] == "invited"]
    sent = {r["key"] for r, e in invited if dt.date.fromisoformat(e["at"]).isocalendar()[:2] == week}
    rolling = sum(1 for _, e in invited if e["at"] >= last_week)  # LinkedIn counts a rolling week
    notes_used = sum(1 for _, e in invited if e["at"][:7] == month and e.get("personal_note"))
    left = max(min(budget - len(sent), limits.weekly_invitations - rolling), 0)
    notes_left = None if limits.monthly_notes is None else max(limits.monthly_notes - notes_used, 0)
    chosen = [(r, step) for r, step in decisions(rows, **rule) if step is not None and step.invitation]
    chosen.sort(
        key=lambda c: (-(c[0]["target"]["mutual_count"] or -1), c[1].invitation != "warm",
                       normalize_name(c[0]["target"]["name"]), c[0]["key"])
    )  # fmt: skip
    kept, room = [], left
    for r, step in chosen:
        if step.invitation != "pending":
            if room == 0:
                continue
            room -= 1
        kept.append((r, step))
    # personal notes go to the invitations that need them most (then in the plan's order)
    sending = [i for i, (_, step) in enumerate(kept) if step.invitation != "pending"]
    by_need = sorted(sending, key=lambda i: (_need(*kept[i]), i))
    noted = set(by_need if notes_left is None else by_need[:notes_left])
    data = []
    for index, (r, step) in enumerate(kept):
        if step.invitation == "pending":
            note = "already sent"
        elif index in noted:
            note = "with a personal note"
        else:
            note = _without_note(r)
        target = r["target"]
        data.append(
            {
                "name": target["name"],
                "company": target["company"],
                "mutual_count": target["mutual_count"],
                "status": r["status"],
                "action": step.action,
                "note": note,
                "key": r["key"],
            }
        )
    result = frame(data, PLAN_COLUMNS, ints=("mutual_count",))
    result.attrs.update(
        budget=budget, sent_this_week=len(sent), left=left, account=limits.account,
        weekly_limit=limits.weekly_invitations, sent_last_7_days=rolling,
        personal_notes_used_this_month=notes_used, personal_notes_left=notes_left,
    )  # fmt: skip
    return result


# ---------------------------------------------------------------- funnel
#: The stages of :func:`funnel`, in order, with the statuses that show a path reached each
#: (a later status shows the earlier stages were passed: an ``introduced`` recorded
#: without ``target_agreed``, as in trackers made before double opt-in, counts as agreed).
FUNNEL_STAGES = {
    "asked": ("asked_introducer", "declined", "no_response", "target_agreed", "target_declined", "introduced"),
    "agreed": ("target_agreed", "introduced"),
    "introduced": ("introduced",),
    "invited": ("invited", "withdrawn", "accepted", "call", "coffee", "referred", "interview"),
    "accepted": ("accepted", "call", "coffee", "referred", "interview"),
    "met": ("call", "coffee", "referred", "interview"),
    "referred": ("referred", "interview"),
    "interview": ("interview",),
}
_ENDS = {"introducer_declined": ("declined", "no_response"), "target_declined": ("target_declined",)}
FUNNEL_COLUMNS = ["paths", *FUNNEL_STAGES, *_ENDS]
DIRECT = "no introducer recorded"


def _paths(row: Mapping[str, Any]) -> list[tuple[str, list[str]]]:
    """A target's history cut into paths, one per introducer asked: ``(introducer, statuses)``.

    An event naming an introducer (an ask, its answer, or an introduction recorded
    with ``introducer=``) starts their path, or returns to it; what follows belongs
    to it until the next. What happened before any introducer was named is the
    :data:`DIRECT` path (e.g. an invitation sent without an introduction).
    """
    paths: list[tuple[str, list[str]]] = []
    names: dict[str, int] = {}
    here: list[str] | None = None
    for event in row["history"]:
        status = event["status"]
        if event.get("created") or status == "planned":
            continue
        key = event.get("introducer_key")
        if key:
            if key not in names:
                names[key] = len(paths)
                paths.append((event.get("introducer") or key, []))
            here = paths[names[key]][1]
        elif here is None:
            if DIRECT not in names:
                names[DIRECT] = len(paths)
                paths.append((DIRECT, []))
            here = paths[names[DIRECT]][1]
        here.append(status)
    return [p for p in paths if p[1]]


def _reached(statuses: Iterable[str]) -> dict[str, int]:
    seen = set(statuses)
    counts = {stage: int(bool(seen & set(found))) for stage, found in FUNNEL_STAGES.items()}
    counts.update({end: int(bool(seen & set(found))) for end, found in _ENDS.items()})
    return counts


def funnel(rows: list[dict[str, Any]], *, by: str = "introducer") -> pd.DataFrame:
    """How far each path went, summed by introducer or by company, over the rows of :func:`state`.

    ``by="introducer"``: one path per (target, introducer asked); ``by="company"``:
    one path per target (the whole history, tracked targets nobody acted on
    included). Columns: the group, ``paths`` and one count per stage of
    :data:`FUNNEL_STAGES`, then ``introducer_declined`` (declined or no answer)
    and ``target_declined``. Most paths first, then by name.
    """
    if by not in ("introducer", "company"):
        raise OptionError(f"by: expected 'introducer' or 'company', got {by!r}", value=by)
    totals: dict[str, dict[str, int]] = {}
    for r in rows:
        if by == "company":
            statuses = [e["status"] for e in r["history"] if not e.get("created") and e["status"] != "planned"]
            groups = [(r["target"]["company"] or "company unknown", statuses)]
        else:
            groups = _paths(r)
        for group, statuses in groups:
            total = totals.setdefault(group, dict.fromkeys(FUNNEL_COLUMNS, 0))
            total["paths"] += 1
            for column, value in _reached(statuses).items():
                total[column] += value
    data = [{by: group, **counts} for group, counts in totals.items()]
    data.sort(key=lambda d: (-d["paths"], normalize_name(d[by]), d[by]))
    return frame(data, [by, *FUNNEL_COLUMNS], ints=FUNNEL_COLUMNS)


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
            "personal_note": bool(_cell(row, "personal_note")) if _cell(row, "personal_note") is not None else None,
        })  # fmt: skip
    rows.sort(key=lambda e: e["id"])
    return group_events(rows)


def rule_options(
    no_response_days: Any,
    min_mutual: Any,
    pending: Iterable[str] | str,
    max_open_asks: Any = DEFAULT_MAX_OPEN_ASKS,
    reinvite_days: Any = None,
) -> dict[str, Any]:
    """The options of :func:`decisions`, checked: ``no_response_days``, ``min_mutual``, the pending
    forms, ``max_open_asks`` and ``reinvite_days`` (None: LinkedIn's block, about 3 weeks)."""
    check_days(no_response_days)
    block = quotas(reinvite_days=reinvite_days).reinvite_days
    return {"no_response_days": no_response_days, "min_mutual": check_min_mutual(min_mutual),
            "waiting": pending_forms(pending), "max_open_asks": check_open_asks(max_open_asks),
            "reinvite_days": block}  # fmt: skip


def next_steps(
    targets: pd.DataFrame,
    events: pd.DataFrame | None,
    today: dt.date | str,
    *,
    no_response_days: int = 14,
    min_mutual: int = DEFAULT_MIN_MUTUAL,
    pending: Iterable[str] = (),
    max_open_asks: int = DEFAULT_MAX_OPEN_ASKS,
    reinvite_days: int | None = None,
) -> pd.DataFrame:
    """What to do next for each target that needs an action, as of ``today``.

    - ``planned`` → ask the best introducer;
    - ``asked_introducer`` unchanged for ``no_response_days`` days or more, ``no_response``
      and ``declined`` → don't give up: ask the next introducer not asked yet;
    - an introducer who already has ``max_open_asks`` open asks (asks awaiting an
      answer, counting the ones advised above in this list) is passed over for the
      next-best one, and the action says so
      (``"Priya Raman already has 2 open asks: ask Omar Haddad instead"``);
    - nobody left to ask → a personal invitation, but only once an introducer
      was asked and with at least ``min_mutual`` mutual connections (a cold
      invitation to fewer rarely works): otherwise find an introducer;
    - ``target_agreed`` or ``introduced`` → send the invitation; ``accepted`` → suggest
      a call or coffee; ``call``/``coffee`` → ask for a referral; ``target_declined`` → nothing;
    - ``withdrawn`` → no invitation for ``reinvite_days`` days (LinkedIn's block);
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
    max_open_asks : int, default DEFAULT_MAX_OPEN_ASKS
        Open asks an introducer may have before the next ask goes to someone else (2).
    reinvite_days : int, optional
        Days after a withdrawn invitation before inviting again (default
        :data:`~refkit._limits.REINVITE_BLOCK_DAYS`, 21).

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
    rule = rule_options(no_response_days, min_mutual, pending, max_open_asks, reinvite_days)
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
    max_open_asks: int = DEFAULT_MAX_OPEN_ASKS,
    account: str = "free",
    weekly_invitations: int | None = None,
    monthly_notes: int | None = None,
    reinvite_days: int | None = None,
) -> pd.DataFrame:
    """Invitations to send this week, at most ``budget`` of them, best mutual count first.

    The people whose next action (:func:`next_steps`, with the same options)
    is an invitation, with that same action: ``send invitation`` after an
    introduction (first at equal count), a personal invitation once every
    introducer was asked (never below ``min_mutual``, never before an ask),
    and ``invitation pending`` for those in ``pending`` (listed, not counted).
    Invitations recorded as ``invited`` during the current ISO week (Monday to
    Sunday), up to ``today``, count against the budget; those of the last 7
    days against LinkedIn's weekly ceiling (``weekly_invitations``), so the
    plan never makes a week of more than the account allows. Nobody is
    planned inside the block after a withdrawn invitation.

    The ``note`` column says how to send each: the account's personal notes
    left this month (``monthly_notes``: 5 on a free account, counted from the
    invitations recorded with ``personal_note=True``) go to the invitations
    that need them most (nobody introduced you, then the target agreed but
    was not introduced yet, then introduced), the others are planned another
    way ("ask Priya Raman to introduce you first, then invite without a note",
    or "invite without a note, then message after acceptance").

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
    no_response_days, min_mutual, max_open_asks, reinvite_days : int
        As for :func:`next_steps`.
    account : {"free", "premium"}
        The user's LinkedIn account: its personal notes a month (see :mod:`refkit._limits`).
    weekly_invitations, monthly_notes : int, optional
        Override the account's numbers (100 a week; 5 notes a month on free,
        no limit on Premium; ``monthly_notes=-1``: no limit).

    Returns
    -------
    DataFrame
        ``name, company, mutual_count, status, action, note, key``; ``attrs`` holds
        ``budget``, ``sent_this_week``, ``left``, ``account``, ``weekly_limit``,
        ``sent_last_7_days``, ``personal_notes_used_this_month`` and
        ``personal_notes_left`` (None: no limit).

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
    >>> weekly_plan(targets, events, "2024-05-08", budget=3, min_mutual=5, monthly_notes=1)["note"].tolist()
    ['no personal note left this month: invite without a note, then message after acceptance', 'with a personal note']
    """
    limits = quotas(account, weekly_invitations=weekly_invitations, monthly_notes=monthly_notes,
                    reinvite_days=reinvite_days)  # fmt: skip
    check_budget(budget, max(limits.weekly_invitations, WEEKLY_INVITATIONS))
    day = day_of(today, "today")
    rule = rule_options(no_response_days, min_mutual, pending, max_open_asks, limits.reinvite_days)
    return plan(state(_targets_of(targets), _events_of(events), day), day, budget, limits=limits, **rule)


def funnel_of(
    targets: pd.DataFrame, events: pd.DataFrame | None, today: dt.date | str, *, by: str = "introducer"
) -> pd.DataFrame:
    """How far each path went by ``today``, by introducer or by company (see :meth:`refkit.track.Tracker.funnel`).

    Parameters
    ----------
    targets, events : DataFrame
        As for :func:`next_steps`.
    today : date or str
        Only events up to this day count.
    by : {"introducer", "company"}
        One row per introducer asked (a path per target and introducer) or per company (a path per target).

    Returns
    -------
    DataFrame
        The group, ``paths``, one count per stage (``asked, agreed, introduced,
        invited, accepted, met, referred, interview``), ``introducer_declined``
        and ``target_declined``.

    Raises
    ------
    RefkitError
        An invalid day or status; :class:`~refkit.OptionError` for another ``by``.

    Examples
    --------
    >>> targets = pd.DataFrame({"key": ["a"], "name": ["Ana"], "company": ["Acme"]})
    >>> events = pd.DataFrame({"key": "a", "status": ["asked_introducer", "declined", "asked_introducer",
    ...     "target_agreed"], "at": "2024-05-07", "introducer": ["Pat", "Pat", "Bo", "Bo"]})
    >>> funnel_of(targets, events, "2024-05-08")[["introducer", "asked", "agreed", "introducer_declined"]]
      introducer  asked  agreed  introducer_declined
    0         Bo      1       1                    0
    1        Pat      1       0                    1
    """
    day = day_of(today, "today")
    return funnel(state(_targets_of(targets), _events_of(events), day), by=by)
