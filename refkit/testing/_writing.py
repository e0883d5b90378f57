"""Writing helpers: CSV text and dates as each export era writes them."""

from __future__ import annotations

import csv
import io

import numpy as np
import pandas as pd

from refkit.testing._formats import MONTHS


def _csv_text(
    header: list[str],
    rows: list[list[str]],
    *,
    delimiter: str = ",",
    newline: str = "\n",
    final_newline: bool = True,
) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator=newline)
    writer.writerow(header)
    writer.writerows(rows)
    text = buffer.getvalue()
    return text if final_newline else text[: -len(newline)]


def _day_parts(days: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    days = days.astype("datetime64[D]")
    year = days.astype("datetime64[Y]").astype(np.int64) + 1970
    month = days.astype("datetime64[M]").astype(np.int64) % 12 + 1
    day = (days - days.astype("datetime64[M]")).astype(np.int64) + 1
    return year, month, day


def _format_dates(days: np.ndarray, era: str, minutes: np.ndarray) -> list[str]:
    """Connected On as the given era writes it; ``minutes`` past midnight for 2018."""
    year, month, day = _day_parts(days)
    if era == "2018":
        out = []
        for y, m, d, t in zip(year, month, day, minutes, strict=True):
            hour, minute = divmod(int(t), 60)
            h12 = hour % 12 or 12
            out.append(f"{m}/{d}/{y % 100:02d}, {h12}:{minute:02d} {'AM' if hour < 12 else 'PM'}")
        return out
    if era == "excel":
        return [f"{d:02d}.{m:02d}.{y}" for y, m, d in zip(year, month, day, strict=True)]
    return [f"{d:02d} {MONTHS[m - 1]} {y}" for y, m, d in zip(year, month, day, strict=True)]


def _sent_at(stamp: np.datetime64) -> str:
    """Invitations ``Sent At``: ``9/12/24, 3:05 PM``."""
    (y,), (m,), (d,) = _day_parts(np.array([stamp]))
    minutes = int((stamp - stamp.astype("datetime64[D]")).astype("timedelta64[m]").astype(np.int64))
    hour, minute = divmod(minutes, 60)
    return f"{m}/{d}/{y % 100:02d}, {hour % 12 or 12}:{minute:02d} {'AM' if hour < 12 else 'PM'}"


def _utc(stamp: np.datetime64) -> str:
    """messages.csv ``DATE``: ``2024-05-03 10:11:12 UTC``."""
    return str(stamp.astype("datetime64[s]")).replace("T", " ") + " UTC"


def _month_year(value: pd.Timestamp) -> str:
    return "" if pd.isna(value) else f"{MONTHS[value.month - 1]} {value.year}"


def _text(value: object) -> str:
    return "" if value is None or pd.isna(value) else str(value)
