"""LinkedIn's own limits: what a real export or a real count can hold.

One home for the numbers every stage checks against (see ``docs/FORMATS.md``).
"""

from __future__ import annotations

import pandas as pd

__all__ = ["MAX_CONNECTIONS", "FIRST_YEAR", "WEEKLY_INVITATIONS", "plausible_dates"]

#: A member can have at most 30,000 1st-degree connections, so no mutual count is larger.
MAX_CONNECTIONS = 30_000

#: About 100 invitations a week is the practical ceiling before LinkedIn restricts an account.
WEEKLY_INVITATIONS = 100

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
