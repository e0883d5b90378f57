"""Values of the tracker: statuses, days, cleaned text and a person's history of events."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable
from typing import Any

from refkit._errors import OptionError, RefkitError
from refkit._limits import FIRST_YEAR
from refkit._text import clean_text, truncate

#: Valid statuses, in the order of a double opt-in referral: you ask an introducer (who may decline
#: or not answer), the introducer asks the target, who agrees or declines; the introducer
#: introduces you, you invite (and may withdraw the invitation), the target accepts, you meet
#: (a call or a coffee), they refer you, you get an interview.
STATUSES = (
    "planned", "asked_introducer", "declined", "no_response", "target_agreed", "target_declined",
    "introduced", "invited", "withdrawn", "accepted", "call", "coffee", "referred", "interview",
)  # fmt: skip

#: Other words accepted for a status (``declined`` is the introducer's answer, kept from the
#: first trackers: the target's answer is ``target_declined``).
STATUS_ALIASES = {"agreed": "target_agreed", "introducer_declined": "declined", "interviewed": "interview"}

#: Statuses that record an ask of an introducer (and its answer).
ASKS = ("asked_introducer", "declined", "no_response")

FIRST_DAY = dt.date(FIRST_YEAR, 1, 1)  # LinkedIn started in 2003

Event = dict[str, Any]
Target = dict[str, Any]


def text(value: Any) -> str | None:
    """Clean single-line text, or None for missing/empty."""
    return clean_text(value) or None


def day_of(value: Any, what: str, *, happened: bool = False) -> dt.date:
    """A day given by the user; ``happened``: a day something happened (not before LinkedIn, not
    after today, one day ahead allowed for time zones), since events are ordered by it and a typo
    like 2204 would win forever. A bad day is an :class:`~refkit.OptionError` naming it."""
    if value is None:
        return dt.date.today()
    if isinstance(value, dt.datetime):
        day = value.date()
    elif isinstance(value, dt.date):
        day = value
    else:
        try:
            day = dt.date.fromisoformat(str(value).strip())
        except ValueError as err:
            raise OptionError(f"{what}: expected a date like 2024-05-31, got {value!r}", value=value) from err
    if happened and not FIRST_DAY <= day <= dt.date.today() + dt.timedelta(days=1):  # a day ahead: time zones
        when = "before LinkedIn existed (2003)" if day < FIRST_DAY else "in the future"
        raise OptionError(
            f"{what}: {day.isoformat()} is {when}; expected the day it happened, like 2024-05-31 (default today)",
            value=value,
        )
    return day


def status_of(status: Any) -> str:
    """A status as given by the user (any case, spaces or hyphens), checked against :data:`STATUSES`."""
    value = re.sub(r"[\s-]+", "_", str(status).strip().casefold())
    value = STATUS_ALIASES.get(value, value)
    if value not in STATUSES:
        raise RefkitError(f"unknown status {status!r}; expected one of: {', '.join(STATUSES)}")
    return value


def stored_day(value: Any) -> str | None:
    """An ISO day read back from the database, or None when it is not one."""
    if not isinstance(value, str):
        return None
    try:
        return dt.date.fromisoformat(value.strip()[:10]).isoformat()
    except ValueError:
        return None


def shown(value: Any) -> str:
    """A stored value for a message: escaped and short."""
    return truncate(repr(value), 60)


def group_events(rows: Iterable[Event], keep: Callable[[Event], bool] | None = None) -> dict[str, list[Event]]:
    """Each target's events by the day they happened, then by order of recording (``id``).

    ``rows`` come in order of recording; ``keep`` (when given) drops an unusable
    one. The first event of a target, the ``planned`` that the tracker records
    when it is added, is marked ``created``: it never hides a status logged for
    an earlier day.
    """
    events: dict[str, list[Event]] = {}
    for event in rows:
        key = event["key"]
        first = key not in events
        history = events.setdefault(key, [])
        if keep is not None and not keep(event):
            continue
        event["created"] = first and event["status"] == "planned"
        history.append(event)
    for history in events.values():
        history.sort(key=lambda e: (e["at"], e["id"]))
    return {key: history for key, history in events.items() if history}


def current(events: list[Event]) -> Event | None:
    """The event that gives the current status (the creation ``planned`` only when alone)."""
    for event in reversed(events):
        if not event.get("created"):
            return event
    return events[-1] if events else None


def last_asked(events: list[Event]) -> Event | None:
    """The latest ask of an introducer (or its answer) naming who was asked."""
    asks = [e for e in events if e["status"] in ASKS and e["introducer_key"]]
    return asks[-1] if asks else None
