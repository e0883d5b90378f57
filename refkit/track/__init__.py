"""Track who was asked, who introduced whom, and what to do next.

A *workspace* is a folder per job seeker (a coach keeps one per client)
holding ``refkit.sqlite``, an SQLite database (Python's :mod:`sqlite3`, no
server). It has three tables:

``meta``
    ``key``/``value`` pairs: ``schema_version``, ``created_at``. The file is also
    stamped with ``PRAGMA application_id`` (:data:`APPLICATION_ID`) and
    ``PRAGMA user_version`` (:data:`SCHEMA_VERSION`), so another program's
    SQLite database, or a file that is not SQLite at all, is refused.
``targets``
    one row per person to reach, by ``key`` (the ranking's person key): name,
    profile URL, company, position, mutual count, best introducer and the
    alternates (JSON list of ``[key, name]`` pairs), first and last seen dates.
``events``
    the append-only history of statuses (triggers forbid updates and
    deletes). A person's current status is their latest event by the day it
    happened, then by order of recording; the ``planned`` event that
    :meth:`Tracker.add` records when a person is first tracked never hides a
    status logged for an earlier day ("import today, log last week").

The views (:meth:`Tracker.table`, :meth:`Tracker.next_steps`,
:meth:`Tracker.weekly_plan`) are as of a day: only what had happened by then
counts, so a day count is never negative. A day in the future is refused when
recorded (an :class:`~refkit.OptionError` naming it; one day ahead is accepted
for time zones). One rule (:func:`refkit.track.policy.decide`) gives each
person's next action, so the weekly plan lists exactly the invitations the
next steps advise.

Statuses (:data:`STATUSES`) follow a double opt-in introduction:
``planned`` → ``asked_introducer`` (the introducer may answer ``declined`` or
give ``no_response``) → ``target_agreed`` (or ``target_declined``: the target
said no, and is never invited) → ``introduced`` → ``invited`` (or
``withdrawn``) → ``accepted`` → ``call`` / ``coffee`` → ``referred`` →
``interview``. Trackers made before double opt-in hold only some of them and
keep working (their ``introduced`` counts as agreed in :meth:`Tracker.funnel`);
a version 1 database gains one column when first opened for writing.

An introducer with :data:`~refkit.track.policy.DEFAULT_MAX_OPEN_ASKS` open asks
(asks awaiting an answer) is passed over for the next-best one, and the weekly
plan keeps to LinkedIn's quotas (:mod:`refkit._limits`): the weekly ceiling, the
personal notes of a free account, the block after a withdrawn invitation.

The database uses write-ahead logging and ``synchronous=FULL``; every user
operation reads and writes in one ``BEGIN IMMEDIATE`` transaction (other
refkit processes wait up to :data:`BUSY_TIMEOUT` seconds), so an interrupted
or concurrent command changes nothing it did not finish. A new database is
built under a temporary name and published whole, so ``refkit.sqlite`` is
never an empty file made by refkit: an empty one means its history was lost,
and refkit says so instead of starting a new one. A damaged value in the
database (unreadable alternates, a date that is not a date, an unknown status)
is a :class:`~refkit.RefkitWarning` and is ignored, never changed.
"""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pandas as pd

from refkit._errors import OptionError, RefkitError, warn_row
from refkit.export import write_csv
from refkit.mutuals import DEFAULT_MIN_MUTUAL
from refkit.show import Summary
from refkit.track import people, policy, storage
from refkit.track._model import STATUSES, current, day_of, shown, status_of, text
from refkit.track.policy import (
    DEFAULT_MAX_OPEN_ASKS,
    FUNNEL_STAGES,
    funnel_of,
    next_steps,
    weekly_plan,
)
from refkit.track.storage import APPLICATION_ID, BUSY_TIMEOUT, DB_NAME, SCHEMA_VERSION

__all__ = [
    "APPLICATION_ID", "BUSY_TIMEOUT", "DB_NAME", "DEFAULT_MAX_OPEN_ASKS", "FUNNEL_STAGES", "SCHEMA_VERSION",
    "STATUSES", "Tracker", "funnel_of", "next_steps", "weekly_plan",
]  # fmt: skip

_TABLE_COLUMNS = ["name", "company", "mutual_count", "status", "introducer_asked", "since",
                  "days_in_status", "next_introducer", "note", "profile_url", "key"]  # fmt: skip


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


# ---------------------------------------------------------------- tracker
class Tracker:
    """Referral tracker stored in ``<workspace>/refkit.sqlite``.

    Parameters
    ----------
    workspace : str or Path
        The folder of one job seeker; created (with the database) when missing
        and ``create`` is true.
    create : bool
        Create the folder and database if they do not exist; otherwise a
        missing database is a :class:`~refkit.RefkitError`.
    read_only : bool
        Open for reading only (``list``, ``next``, ``export``): never creates
        or changes anything, and works on a read-only file.

    Raises
    ------
    RefkitError
        A missing database (unless created), an empty (0-byte) database file,
        a file that is not a refkit tracker database, one that is in use for
        longer than :data:`BUSY_TIMEOUT` seconds or cannot be opened.

    Examples
    --------
    >>> import tempfile
    >>> ranked = pd.DataFrame({"key": ["name:lee chen"], "name": ["Lee Chen"],
    ...     "company": ["Globex"], "mutual_count": [12], "introducer": ["Priya Raman"],
    ...     "introducer_key": ["name:priya raman"], "alternates": ["Tomás Ortega"],
    ...     "alternate_keys": [("name:tomas ortega",)]})
    >>> with Tracker(tempfile.mkdtemp()) as tracker:
    ...     tracker.add(ranked, today="2024-05-01")
    ...     _ = tracker.set_status("lee chen", "declined", when="2024-05-03")
    ...     tracker.next_steps(today="2024-05-04")[["name", "action"]]
    {'added': 1, 'updated': 0}
           name                                      action
    0  Lee Chen  Priya Raman declined: ask Tomás Ortega instead
    """

    def __init__(
        self, workspace: str | os.PathLike[str], *, create: bool = True, read_only: bool = False
    ) -> None:
        self.workspace = Path(workspace)
        self.path = self.workspace / DB_NAME
        self.read_only = read_only
        self._db = storage.Database(self.workspace, create=create, read_only=read_only)

    @property
    def conn(self) -> sqlite3.Connection:
        """The open SQLite connection; a :class:`~refkit.RefkitError` once closed."""
        return self._db.conn

    def close(self) -> None:
        """Close the database (safe to call twice)."""
        self._db.close()

    def __enter__(self) -> Tracker:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Tracker({str(self.workspace)!r})"

    # -- adding
    def add(
        self, ranked: pd.DataFrame, *, today: dt.date | str | None = None, source: str | None = None
    ) -> Summary:
        """Add or refresh targets from a ranked table; return ``{"added": n, "updated": m}``.

        Rows are matched to tracked people by ``key``, else the profile URL,
        else the name (two people with different profile URLs are never
        matched; a name shared by several tracked people is told apart by the
        company, else the row is tracked separately with a warning). New
        targets get a ``planned`` event; known ones keep their key and their
        whole history and get the row's name, URL, company, position and mutual
        count where the row has them. The row's introducer and alternates come
        first, the ones known before are kept after them: a missing column or
        an empty cell never erases what is known. Rows without key, URL or
        name are skipped with a warning, and so is an unusable mutual count
        (the row is kept). ``source`` names the table in warnings (default
        ``ranked list``); a ``line`` column gives their line numbers.

        Examples
        --------
        >>> import tempfile
        >>> first = pd.DataFrame({"name": ["Lee Chen"], "introducer": ["Priya Raman"]})
        >>> newer = pd.DataFrame({"name": ["Lee Chen"], "profile_url": ["https://www.linkedin.com/in/lee"]})
        >>> with Tracker(tempfile.mkdtemp()) as tracker:
        ...     tracker.add(first, today="2024-05-01"), tracker.add(newer, today="2024-06-01")
        ...     tracker.table(today="2024-06-01")[["name", "profile_url", "next_introducer"]]
        ({'added': 1, 'updated': 0}, {'added': 0, 'updated': 1})
               name                   profile_url next_introducer
        0  Lee Chen  https://www.linkedin.com/in/lee     Priya Raman
        """
        if not isinstance(ranked, pd.DataFrame):
            raise RefkitError(f"expected a ranked DataFrame, got {type(ranked).__name__}")
        source = source or "ranked list"
        day = day_of(today, "today", happened=True).isoformat()
        now = _now()
        records = []
        for number, row in enumerate(ranked.to_dict("records"), start=2):
            line = people.line_of(row.get("line"), number)
            rec = people.record(row, source, line)
            if rec is None:
                warn_row(source, line, "no key, profile URL or name; row not tracked")
            else:
                records.append((line, rec))
        added = updated = 0
        with self._db.transaction() as conn:  # read and write under one lock: concurrent adds wait
            targets, events = self._db.targets(), self._db.events()
            known = people.People(targets, [rec for _, rec in records])
            done: dict[str, int | None] = {}  # key -> the line that tracked it
            for line, rec in records:
                pending = rec.pop("pending_since")
                key = known.match(rec, source, line)
                if key in done or (key is None and rec["key"] in done):
                    first = done[key if key in done else rec["key"]]
                    # the first (best ranked) row of a person wins; never silently
                    warn_row(source, line, f"{shown(rec['name'] or rec['key'])} is the person of "
                             f"line {first} too (same key, profile URL or name); this row is not "
                             "tracked (give a profile URL to track two people of one name)")
                    continue
                if key is not None:
                    target = people.merged(targets[key], rec, day)
                    storage.update_target(conn, target)
                    updated += 1
                else:
                    key = rec["key"]
                    target = {**rec, "name": rec["name"] or key, "first_seen": day, "last_seen": day}
                    storage.insert_target(conn, target)
                    added += 1
                    planned_at = min(day, pending or day)
                    event_id = storage.insert_planned(conn, key, planned_at, now)
                    events[key] = [{"id": event_id, "status": "planned", "at": planned_at, "created": True}]
                known.put(target)
                done[key] = line
                self._pending(conn, key, events.get(key, []), pending, day=day, now=now)
        return Summary({"added": added, "updated": updated})

    @staticmethod
    def _pending(
        conn: sqlite3.Connection, key: str, events: list[dict[str, Any]], pending: str | None, *, day: str, now: str
    ) -> None:
        """An outgoing invitation still pending in Invitations.csv: already invited (on the day it
        was sent, so it does not count against this week's budget), when the target is only planned."""
        now_event = current(events)
        if pending is None or now_event is None or now_event["status"] != "planned":
            return
        at = pending or day
        if not now_event.get("created"):
            at = max(at, now_event["at"])
        storage.insert_pending(conn, key, at, now)

    # -- recording
    def set_status(
        self,
        person: str,
        status: str,
        *,
        introducer: str | None = None,
        note: str | None = None,
        when: dt.date | str | None = None,
        personal_note: bool | None = None,
    ) -> Summary:
        """Record a new status for a person; return the recorded event.

        Parameters
        ----------
        person : str
            Key, profile URL or name (case- and accent-insensitive).
        status : str
            One of :data:`STATUSES`.
        introducer : str, optional
            Who was asked (name or key). By default ``asked_introducer`` uses
            the next introducer not asked yet, and ``declined``/``no_response``
            the introducer of the pending ask (else the next one). The same
            status set again for the same day and note, with no introducer
            named, is a repeat (a retry, a notebook run twice): it is recorded
            once and the earlier event is returned.
        note : str, optional
            Free text kept with the event.
        when : date or str, optional
            The day it happened (default today).
        personal_note : bool, optional
            For ``invited``: whether the invitation carried a personal note (a
            free account has about 5 a month; :meth:`weekly_plan` counts them).

        Raises
        ------
        RefkitError
            Unknown or ambiguous person (with close matches or candidates),
            invalid status or date. Nothing is recorded then.
        """
        value = status_of(status)
        day = day_of(when, "date", happened=True).isoformat()
        if personal_note is not None and not isinstance(personal_note, bool):
            raise OptionError(f"personal_note: expected True or False, got {personal_note!r}", value=personal_note)
        if personal_note and value != "invited":
            raise OptionError(f"personal_note: only an invitation carries a personal note, not {value!r}",
                              value=personal_note)  # fmt: skip
        with self._db.transaction() as conn:  # read and write under one lock
            target = people.find(person, self._db.targets(), self.path)
            events = self._db.events().get(target["key"], [])
            latest = max(events, key=lambda e: e["id"], default=None)
            if (latest is not None and not text(introducer) and latest["status"] == value
                    and latest["at"] == day and latest["note"] == text(note)):
                # the same command again (a retry, a notebook run twice): recorded once, so no
                # answer is put in the mouth of the next introducer, who was never asked
                return Summary({"name": target["name"], **{k: latest[k] for k in (
                    "key", "status", "introducer_key", "introducer", "note", "at", "recorded_at")}})
            if text(introducer):
                who = people.match_introducer(target, text(introducer) or "")
            else:
                who = policy.introducer_to_record(target, events, value)
            event = {
                "key": target["key"],
                "status": value,
                "introducer_key": who[0],
                "introducer": who[1],
                "note": text(note),
                "at": day,
                "recorded_at": _now(),
            }
            storage.insert_event(conn, {**event, "personal_note": personal_note})
        return Summary({"name": target["name"], **event})

    # -- views
    def _day(self, today: dt.date | str | None) -> dt.date:
        """The day a view is as of: ``today``, else the clock's today, or the day after it when
        something was recorded for that day (allowed for time zones), so that it counts from 0."""
        if today is not None:
            return day_of(today, "today")
        clock = dt.date.today()
        ahead = (clock + dt.timedelta(days=1)).isoformat()
        recorded = any(e["at"] == ahead for history in self._db.events().values() for e in history)
        return clock + dt.timedelta(days=1) if recorded else clock

    def _state(self, today: dt.date) -> list[dict[str, Any]]:
        return policy.state(self._db.targets(), self._db.events(), today)

    def table(self, *, today: dt.date | str | None = None) -> pd.DataFrame:
        """Current state of every target as of ``today``, best mutual count first.

        Only what had happened by ``today`` counts: events dated later are left
        out and people tracked later are not listed, so ``days_in_status`` is
        never negative. By default ``today`` is today's date (or tomorrow's,
        once something was recorded for tomorrow: a day ahead is accepted for
        time zones).

        Columns: ``name, company, mutual_count, status, introducer_asked, since,
        days_in_status, next_introducer, note, profile_url, key``.
        """
        day = self._day(today)
        data = [
            {
                "name": r["target"]["name"],
                "company": r["target"]["company"],
                "mutual_count": r["target"]["mutual_count"],
                "status": r["status"],
                "introducer_asked": r["asked"],
                "since": pd.Timestamp(r["since"]),
                "days_in_status": r["days"],
                "next_introducer": r["next"],
                "note": r["note"],
                "profile_url": r["target"]["profile_url"],
                "key": r["key"],
            }
            for r in self._state(day)
        ]
        return policy.frame(data, _TABLE_COLUMNS, ints=("mutual_count", "days_in_status"), dates=("since",))

    def history(self, person: str) -> pd.DataFrame:
        """Every recorded event of one person, by the day it happened, then by order of recording.

        Columns: ``at, status, introducer, note, recorded_at``.
        """
        target = people.find(person, self._db.targets(), self.path)
        events = self._db.events().get(target["key"], [])
        return policy.frame(events, ["at", "status", "introducer", "note", "recorded_at"], dates=("at",))

    def next_steps(
        self,
        *,
        today: dt.date | str | None = None,
        no_response_days: int = 14,
        min_mutual: int = DEFAULT_MIN_MUTUAL,
        pending: Iterable[str] = (),
        max_open_asks: int = DEFAULT_MAX_OPEN_ASKS,
        reinvite_days: int | None = None,
    ) -> pd.DataFrame:
        """What to do next for each target that needs an action, as of ``today`` (see :meth:`table`).

        The rule of :func:`refkit.track.next_steps`: ask the best introducer,
        after a decline or ``no_response_days`` days without an answer ask the
        next one, send the invitation once introduced, suggest a call or coffee
        once accepted; a personal (cold) invitation only when every introducer
        was asked and the mutual count is at least ``min_mutual`` (the tracker
        does not store the threshold of the ranking: give the same one).
        :meth:`weekly_plan` gives the same action for everyone it lists. An
        introducer with ``max_open_asks`` open asks is passed over for the
        next-best one (the action says why); no invitation is advised within
        ``reinvite_days`` of a withdrawn one (see :func:`refkit.track.next_steps`).

        Columns: ``name, company, mutual_count, status, days_in_status, action, ask, key``
        (``ask``: the introducer to ask next, when there is one).
        """
        day = self._day(today)
        rule = policy.rule_options(no_response_days, min_mutual, pending, max_open_asks, reinvite_days)
        return policy.steps(self._state(day), **rule)

    def weekly_plan(
        self,
        *,
        budget: int = 20,
        today: dt.date | str | None = None,
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

        The people whose :meth:`next_steps` action (same options) is an
        invitation, with that action: ``send invitation`` after an
        introduction, a personal invitation once every introducer was asked
        (never below ``min_mutual``), ``invitation pending`` for those in
        ``pending`` (keys or profile URLs of outgoing invitations still
        pending, e.g. from Invitations.csv; listed, not counted). Invitations
        recorded as ``invited`` during the current ISO week (Monday to
        Sunday) count against the budget, at most 100 (LinkedIn's weekly ceiling).

        LinkedIn's quotas for ``account`` (see :func:`refkit.track.weekly_plan`):
        never more invitations in 7 days than ``weekly_invitations``, the
        month's personal notes to those who need them most (the ``note``
        column says how to send each), nobody inside the block after a
        withdrawn invitation.

        Columns: ``name, company, mutual_count, status, action, note, key``;
        ``attrs`` holds ``budget``, ``sent_this_week``, ``left`` and the quotas used.
        """
        limits = policy.quotas(account, weekly_invitations=weekly_invitations, monthly_notes=monthly_notes,
                               reinvite_days=reinvite_days)  # fmt: skip
        policy.check_budget(budget, max(limits.weekly_invitations, policy.WEEKLY_INVITATIONS))
        day = self._day(today)
        rule = policy.rule_options(no_response_days, min_mutual, pending, max_open_asks, limits.reinvite_days)
        return policy.plan(self._state(day), day, budget, limits=limits, **rule)

    def open_asks(self, *, today: dt.date | str | None = None, no_response_days: int = 14) -> pd.Series:
        """Open asks by introducer as of ``today``: targets whose current status is an ask of them
        awaiting an answer (``asked_introducer`` for fewer than ``no_response_days`` days).

        Returns a Series of counts indexed by the introducer's name, most first
        (named ``open_asks``); introducers with none are not listed.
        """
        policy.check_days(no_response_days)
        rows = self._state(self._day(today))
        load = policy.open_load(rows, no_response_days)
        names = {r["asked_key"]: r["asked"] or r["asked_key"] for r in rows if r["asked_key"]}
        data = sorted(((names[k], n) for k, n in load.items()), key=lambda p: (-p[1], p[0]))
        return pd.Series([n for _, n in data], index=pd.Index([k for k, _ in data], dtype="string", name="introducer"),
                         dtype="Int64", name="open_asks")  # fmt: skip

    def funnel(self, *, by: str = "introducer", today: dt.date | str | None = None) -> pd.DataFrame:
        """Which paths work: how far each went, by introducer or by company, as of ``today``.

        ``by="introducer"`` counts one path per (target, introducer asked): the
        events after an ask belong to that introducer until the next ask, and
        what happened before any introducer was named is the ``no introducer recorded`` path.
        ``by="company"`` counts one path per tracked target. Each stage counts
        the paths that reached it (``asked, agreed, introduced, invited,
        accepted, met, referred, interview``; a later status shows the earlier
        stages were passed), then ``introducer_declined`` (a decline or no
        answer) and ``target_declined``.

        Examples
        --------
        >>> import tempfile
        >>> ranked = pd.DataFrame({"name": ["Lee Chen"], "company": ["Globex"], "introducer": ["Priya Raman"]})
        >>> with Tracker(tempfile.mkdtemp()) as tracker:
        ...     _ = tracker.add(ranked, today="2024-05-01")
        ...     _ = tracker.set_status("Lee Chen", "asked_introducer", when="2024-05-02")
        ...     _ = tracker.set_status("Lee Chen", "target_agreed", when="2024-05-04")
        ...     tracker.funnel(today="2024-05-05")[["introducer", "paths", "asked", "agreed", "invited"]]
            introducer  paths  asked  agreed  invited
        0  Priya Raman      1      1       1        0
        """
        return policy.funnel(self._state(self._day(today)), by=by)

    def export(self, path: str | os.PathLike[str], *, today: dt.date | str | None = None, **options: Any) -> Path:
        """Write :meth:`table` as a formula-safe CSV via :func:`refkit.export.write_csv`."""
        return write_csv(self.table(today=today), path, **options)
