"""Dates: every format LinkedIn has written, parsed vectorised, and dates that cannot be real."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import numpy as np
import pandas as pd

from refkit._limits import FIRST_YEAR
from refkit.read._header import _excerpt
from refkit.read._table import _pick, _Table

LINKEDIN_START = date(FIRST_YEAR, 1, 1)
"""LinkedIn started in 2003: a connection, message or invitation dated before is not real."""

EARLIEST_POSITION = date(1900, 1, 1)
"""Positions may predate LinkedIn (a career started in 1995); before this they are not real."""


_DATE_DTYPE = "datetime64[us]"


_CONNECTED_FORMATS = (
    "%d %b %Y",
    "%m/%d/%y, %I:%M %p",
    "%d.%m.%Y",
    "%d-%b-%y",
    "%Y-%m-%d",
    "%m/%d/%Y, %I:%M %p",
    "%m/%d/%y",
    "%m/%d/%Y",
)
_MESSAGE_FORMATS = (
    "%Y-%m-%d %H:%M:%S UTC",
    "%Y-%m-%d %H:%M:%S",
    "%m/%d/%y, %I:%M %p",
    "%m/%d/%Y, %I:%M %p",
    "%Y-%m-%dT%H:%M:%S",
    "%Y-%m-%d %H:%M",
)
_ENDORSEMENT_FORMATS = (
    "%Y/%m/%d %H:%M:%S UTC",
    "%Y/%m/%d %H:%M:%S",
    "%Y/%m/%d",
    "%Y-%m-%d",
    *_MESSAGE_FORMATS,
)
_JOB_FORMATS = (  # the jobs files: "8/15/26, 1:32 PM"; follows also "Tue Mar 15 17:17:23 UTC 2022"
    *_MESSAGE_FORMATS,
    "%a %b %d %H:%M:%S UTC %Y",
    "%d %b %Y",
    "%m/%d/%y",
    "%m/%d/%Y",
    "%d.%m.%Y",
    "%d.%m.%Y %H:%M",
    "%Y-%m-%d",
)
_MONTH_FORMATS = ("%b %Y", "%B %Y", "%Y", "%m/%Y", "%Y-%m")
_FALLBACK_FORMATS = (
    "%d %B %Y",
    "%B %d, %Y",
    "%b %d, %Y",
    "%d.%m.%y",
    "%d-%b-%Y",
    "%d/%m/%Y",
    "%m/%d/%y %I:%M %p",
    "%m/%d/%Y %I:%M %p",
    "%m/%d/%y %H:%M",
    "%Y-%m-%d %H:%M:%S %Z",
    "%Y-%m-%dT%H:%M:%SZ",
    "%Y-%m-%dT%H:%M:%S.%fZ",
    "%Y/%m/%d",
)


_NAT = np.datetime64("NaT", "us").astype(np.int64)
_FAILED = _NAT + 1  # a stand-in for a text no format reads (never a real date: 1 µs after NaT)
_SEEN: dict[tuple[str, ...], dict[str, int]] = {}
_SEEN_MAX = 100_000


def _parse_dates(values: list[str], formats: tuple[str, ...]) -> tuple[np.ndarray, list[int]]:
    """Parse a column, trying ``formats`` in order; leftovers row by row.

    Each distinct text is parsed once (vectorised), and remembered for the next file
    read with the same formats: a coach's pile of exports repeats the same few thousand
    dates. Returns the parsed dates (``datetime64[us]``, NaT when empty or not read) and
    the positions of non-empty values that failed.
    """
    seen = _SEEN.setdefault(formats, {"": _NAT})
    try:  # most often every text was met before (in this file's first rows, or another file)
        codes = np.fromiter(map(seen.__getitem__, values), dtype=np.int64, count=len(values))
    except KeyError:  # texts not met before: parsed in the order they come
        distinct = dict.fromkeys(values)
        new = [v for v in distinct if v not in seen]
        if len(seen) + len(new) > _SEEN_MAX:  # forget the others, keep this file's
            seen.clear()
            seen[""] = _NAT
            new = [v for v in distinct if v]
        parsed, failed = _parse_distinct(new, formats)
        stamps = parsed.to_numpy().astype(np.int64)
        stamps[failed] = _FAILED
        seen.update(zip(new, stamps.tolist(), strict=True))
        codes = np.fromiter(map(seen.__getitem__, values), dtype=np.int64, count=len(values))
    bad = codes == _FAILED
    codes[bad] = _NAT
    return codes.view(_DATE_DTYPE), np.flatnonzero(bad).tolist()


def _parse_distinct(values: list[str], formats: tuple[str, ...]) -> tuple[pd.Series, list[int]]:
    """:func:`_parse_dates` for a list of distinct non-empty texts, vectorised."""
    raw = pd.Series(values, dtype=object)
    out = pd.Series(pd.NaT, index=raw.index, dtype=_DATE_DTYPE)
    todo = raw.notna().to_numpy().copy()
    for fmt in formats:
        if not todo.any():
            break
        subset = raw[todo]
        parsed = pd.to_datetime(subset, format=fmt, errors="coerce")
        ok = parsed.notna()
        if ok.any():
            out[parsed.index[ok]] = parsed[ok].astype(_DATE_DTYPE)
            todo[parsed.index[ok]] = False
    failed = []
    for position in todo.nonzero()[0]:
        stamp = _parse_one(str(raw.iat[position]))
        if stamp is None:
            failed.append(int(position))
        else:
            out.iat[position] = stamp
    return out, failed


_DAY = 86_400_000_000  # microseconds


def _day(dates: np.ndarray) -> np.ndarray:
    """``dates.dt.normalize()`` (midnight of each day, NaT kept), vectorised on the integers."""
    stamps = dates.astype(_DATE_DTYPE).view(np.int64)
    days = stamps - stamps % _DAY
    days[stamps == _NAT] = _NAT
    return days.view(_DATE_DTYPE)


def _parse_one(value: str) -> pd.Timestamp | None:
    value = " ".join(value.split())
    for fmt in _FALLBACK_FORMATS:
        try:
            moment = datetime.strptime(value, fmt)
        except ValueError:
            continue
        return pd.Timestamp(moment.replace(tzinfo=None))
    return None


def _dates(
    table: _Table,
    keep: list[int],
    name: str,
    label: str,
    formats: tuple[str, ...],
    *,
    earliest: date = LINKEDIN_START,
    show_value: bool = True,
) -> np.ndarray:
    """Parse a date column (``datetime64[us]``); dates that cannot be real (before ``earliest`` or after
    tomorrow, one day of slack for time zones) are warned about and left empty.
    ``show_value=False``: the warning does not quote a date it cannot read (in a damaged
    row of a file with private columns, the cell may hold one of them)."""
    values = _pick(table.col(name), keep)
    parsed, failed = _parse_dates(values, formats)
    for position in failed:
        table.log.warn(
            table.lines[keep[position]],
            f"cannot read {label} date {_excerpt(values[position])!r}; left empty" if show_value
            else f"cannot read the {label} date; left empty",
        )
    low = np.datetime64(earliest, "us")
    high = np.datetime64(date.today() + timedelta(days=2), "us")
    stamps = parsed
    impossible = (stamps < low) | (stamps >= high)  # NaT compares False
    if impossible.any():
        since = "LinkedIn started (2003)" if earliest == LINKEDIN_START else f"{earliest.year}"
        positions = impossible.nonzero()[0]
        lines, warn = table.lines, table.log.warn
        # a value that parsed as a date holds no control characters: shown as it is
        for position, early in zip(positions.tolist(), (stamps[positions] < low).tolist(), strict=True):
            why = f"before {since}" if early else "in the future"
            warn(lines[keep[position]], f"{label} date {values[position]!r} is {why}; left empty")
        stamps = stamps.copy()
        stamps[impossible] = np.datetime64("NaT")
    return stamps
