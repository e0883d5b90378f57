"""What a person reads in a notebook: tables and results in plain words, never a Python repr.

:func:`readable` gives a table meant for reading its display form (headers in
words, blanks for missing values, names joined, a 1-based row number); the
full frame stays one attribute away for code. :func:`plain` shows a result
given as a mapping (``{"added": 21, "updated": 0}``) as a line of words.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd

from refkit._errors import OptionError
from refkit._text import is_missing

__all__ = ["Plain", "Summary", "cell", "header", "plain", "readable"]

#: Headers that read better than their column names.
HEADERS = {"mutual_count": "Mutual connections", "days_in_status": "Days", "profile_url": "Profile",
           "introducer_asked": "Introducer asked", "next_introducer": "Next introducer"}
#: Shorter ones where every character counts (a terminal's 80 columns).
SHORT_HEADERS = {"mutual_count": "mutuals", "days_in_status": "days", "introducer_asked": "asked",
                 "next_introducer": "next introducer", "profile_url": "profile"}


def header(column: object, *, short: bool = False) -> str:
    """A column's header in words: ``mutual_count`` → ``Mutual connections``, ``company`` → ``Company``.

    Parameters
    ----------
    column : object
        A column name of a refkit table.
    short : bool, default False
        The terminal's form: short, lower case (``mutuals``, ``next action``).

    Returns
    -------
    str
        The header a person reads.

    Examples
    --------
    >>> header("mutual_count"), header("next_action"), header("mutual_count", short=True)
    ('Mutual connections', 'Next action', 'mutuals')
    """
    if short:
        return SHORT_HEADERS.get(str(column), str(column).replace("_", " "))
    return HEADERS.get(str(column), str(column).replace("_", " ").capitalize())


def cell(value: Any) -> Any:
    """A cell as a person reads it: blank for missing, lists joined, days for dates, codes in words.

    The one display rule for tables in notebooks (:func:`readable`) and in the terminal.

    Parameters
    ----------
    value : object
        A cell of a refkit table.

    Returns
    -------
    object
        The value shown (numbers stay numbers).

    Examples
    --------
    >>> cell(("Ann", "Bo")), cell(None), cell("asked_introducer"), cell(pd.Timestamp("2026-05-01"))
    ('Ann; Bo', '', 'asked introducer', '2026-05-01')
    """
    if isinstance(value, (tuple, list, set, frozenset)):
        items = sorted(value, key=str) if isinstance(value, (set, frozenset)) else value
        return "; ".join(str(v) for v in items if not is_missing(v))
    if is_missing(value):
        return ""
    if isinstance(value, pd.Timestamp):
        return value.strftime("%Y-%m-%d") if value == value.normalize() else value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, str):
        return value.replace("_", " ") if value.isidentifier() and value.islower() and "_" in value else value
    return value


def readable(frame: pd.DataFrame) -> pd.DataFrame:
    """The display form of a table: headers in words, blanks for missing, names joined.

    Lists and tuples are joined with ``"; "``, dates shown as days, status codes
    in words (``asked_introducer`` → ``asked introducer``), and the rows numbered
    from 1 (by ``rank`` when the table has one) instead of showing keys or URLs.

    Parameters
    ----------
    frame : DataFrame
        Any refkit table (ranked list, tracker table, people ...).

    Returns
    -------
    DataFrame
        A new table for reading; ``frame`` is unchanged.

    Raises
    ------
    OptionError
        If ``frame`` is not a DataFrame.

    Examples
    --------
    >>> df = pd.DataFrame({"rank": [1, 2], "name": ["Ann", None], "mutual_count": [3, 2],
    ...                    "mutual_keys": [("a", "b"), ()], "status": ["asked_introducer", "planned"]})
    >>> readable(df)
         Name  Mutual connections Mutual keys            Status
    Rank
    1     Ann                   3        a; b  asked introducer
    2                           2                       planned
    """
    if not isinstance(frame, pd.DataFrame):
        raise OptionError(f"readable: expected a DataFrame, got {type(frame).__name__}")
    out = frame.reset_index(drop=True).astype(object).map(cell)
    out.columns = [header(c) for c in frame.columns]
    if "Rank" in out.columns:
        return out.set_index("Rank")
    out.index = pd.RangeIndex(1, len(out) + 1)
    return out


class Plain:
    """A result shown as a line of words (see :func:`plain`).

    Parameters
    ----------
    text : str
        The words.

    Examples
    --------
    >>> Plain("added 3")
    added 3
    """

    def __init__(self, text: str) -> None:
        self.text = text

    def __str__(self) -> str:
        return self.text

    __repr__ = __str__

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:
        printer.text(self.text)


def plain(result: Mapping[str, Any]) -> Plain:
    """A mapping refkit returns (counts, an event, a summary) as a line of words.

    Parameters
    ----------
    result : Mapping
        E.g. ``{"added": 21, "updated": 0}`` from ``Tracker.add``.

    Returns
    -------
    Plain
        ``"added: 21 · updated: 0"``; missing values are left out, codes shown in words.

    Raises
    ------
    OptionError
        If ``result`` is not a mapping.

    Examples
    --------
    >>> plain({"added": 21, "updated": 0})
    added: 21 · updated: 0
    >>> plain({"name": "Lee Chen", "status": "asked_introducer", "note": None})
    name: Lee Chen · status: asked introducer
    """
    if not isinstance(result, Mapping):
        raise OptionError(f"plain: expected a mapping, got {type(result).__name__}")
    if isinstance(result, Summary) and result._text is not None:
        return Plain(result._text)  # the words it was made with
    parts = [f"{str(k).replace('_', ' ')}: {cell(v)}" for k, v in result.items()
             if not is_missing(v) and cell(v) != ""]
    return Plain(" · ".join(parts))


class Summary(dict):
    """A result refkit returns as a mapping, which a notebook shows as words (see :func:`plain`).

    A plain ``dict`` for code (keys, values, ``==``); in a notebook the last
    line of a cell shows the words instead of the braces and quotes of a repr.

    Parameters
    ----------
    values : Mapping
        The result.
    text : str, optional
        What to show; by default :func:`plain` of the values.

    Examples
    --------
    >>> result = Summary({"added": 21, "updated": 0})
    >>> result["added"], result == {"added": 21, "updated": 0}
    (21, True)
    >>> print(result)
    added: 21 · updated: 0
    """

    def __init__(self, values: Mapping[str, Any] = (), *, text: str | None = None) -> None:
        super().__init__(values)
        self._text = text

    def __str__(self) -> str:
        return self._text if self._text is not None else plain(self).text

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:  # IPython shows the words
        printer.text(str(self))
