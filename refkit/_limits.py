"""LinkedIn's own limits: what a real export or a real count can hold.

One home for the numbers every stage checks against (see ``docs/FORMATS.md``).
"""

from __future__ import annotations

import pandas as pd

__all__ = [
    "ACCOUNTS", "FIRST_YEAR", "MAX_CONNECTIONS", "MONTHLY_PERSONAL_NOTES", "NOTE_LENGTH", "REINVITE_BLOCK_DAYS",
    "WEEKLY_INVITATIONS", "plausible_dates",
]

#: A member can have at most 30,000 1st-degree connections, so no mutual count is larger.
MAX_CONNECTIONS = 30_000

#: About 100 invitations a week is the practical ceiling before LinkedIn restricts an account.
WEEKLY_INVITATIONS = 100

#: The kinds of account a workspace can say the user has (``account = "free"`` or ``"premium"``).
ACCOUNTS = ("free", "premium")

#: Most characters in an invitation note: 200 on a free account, 300 on Premium.
NOTE_LENGTH = {"free": 200, "premium": 300}

#: Invitations with a personal note a month: about 5 on a free account (LinkedIn's help says five;
#: users report 3 to 10); Premium has no such monthly limit (None).
MONTHLY_PERSONAL_NOTES: dict[str, int | None] = {"free": 5, "premium": None}

#: Days after withdrawing an invitation during which LinkedIn does not let you invite that person again
#: (about 3 weeks).
REINVITE_BLOCK_DAYS = 21

#: LinkedIn opened in 2003: a "Connected On" date before it is not real.
FIRST_YEAR = 2003


def plausible_dates(dates: pd.Series, *, today: pd.Timestamp | None = None) -> pd.Series:
    """``dates`` with the impossible ones (before LinkedIn opened, or after ``today``) as NaT.

    Parameters
    ----------
    dates : Series
        Connection dates (any datetime unit; unparseable values become NaT).
    today : Timestamp, optional
        The latest real date (default: now).

    Returns
    -------
    Series
        The same index; a datetime Series.

    Examples
    --------
    >>> s = pd.Series(pd.to_datetime(["1500-01-01", "2021-02-08", "2099-01-01"], format="ISO8601"))
    >>> plausible_dates(s, today=pd.Timestamp("2026-12-01")).dt.year.tolist()
    [nan, 2021.0, nan]
    """
    today = pd.Timestamp.now() if today is None else pd.Timestamp(today)
    out = pd.to_datetime(dates, errors="coerce")
    real = (out.dt.year >= FIRST_YEAR) & (out <= today)
    return out.where(real)
