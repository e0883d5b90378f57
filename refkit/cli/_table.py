"""Tables printed in the terminal: plain headers, blanks for missing, as wide as the terminal."""

from __future__ import annotations

import os
import shutil

import pandas as pd

from refkit._text import scrub_emails
from refkit.show import cell, header

MIN_CELL = 12  # a text column is cut down to no fewer characters (then columns are left out)


def width() -> int:
    """The terminal's width (``COLUMNS`` when set), 80 when there is no terminal."""
    if os.environ.get("COLUMNS", "").isdigit():
        return max(40, int(os.environ["COLUMNS"]))
    return max(40, shutil.get_terminal_size((80, 24)).columns)


def _cut(value: object, limit: int) -> object:
    return value if not isinstance(value, str) or len(value) <= limit else value[:limit - 1] + "…"


def _render(frame: pd.DataFrame) -> str:
    return frame.to_string(index=False)


def _widest(text: str) -> int:
    return max(map(len, text.splitlines()), default=0)


def _cut_column(shown: pd.DataFrame, column: str, limit: int) -> pd.DataFrame:
    return shown.assign(**{column: shown[column].map(lambda v: _cut(v, limit))})


def fit(frame: pd.DataFrame, columns: int | None = None, *, keep: tuple[str, ...] = ("name",)) -> str:
    """``frame`` as text no wider than ``columns``: dates as days, headers in words, long cells cut.

    Columns with nothing in them go first; then the longest text column (not
    one in ``keep``) is cut, to no fewer than :data:`MIN_CELL` characters; then
    the last columns are left out, and named below the table; last, the columns
    in ``keep`` are cut too (the first, the names, to no less than a third of
    the width).
    """
    columns = columns or width()
    # the notebooks' display rule for each cell (blanks, days, codes and lists in words), no e-mails
    shown = frame.astype(object).map(lambda v: cell(scrub_emails(v) if isinstance(v, str) else v))
    names = {c: header(c, short=True) for c in frame.columns}
    kept = {names[c] for c in shown.columns if c in keep}
    shown.columns = [names[c] for c in shown.columns]
    text = _render(shown)
    if _widest(text) > columns:  # an empty column says nothing: it goes first
        shown = shown.loc[:, [c for c in shown.columns if c in kept or (shown[c].astype(str) != "").any()]]
        text = _render(shown)
    while _widest(text) > columns:
        lengths = {c: max([len(v) for v in shown[c] if isinstance(v, str)], default=0)
                   for c in shown.columns if c not in kept}
        widest = max(lengths, key=lambda c: lengths[c], default=None)
        if widest is not None and lengths[widest] > MIN_CELL:
            shown = _cut_column(shown, widest, max(MIN_CELL, lengths[widest] - (_widest(text) - columns)))
        elif len(shown.columns) > len(kept) + 1:
            shown = shown.drop(columns=[c for c in shown.columns if c not in kept][-1])
        else:  # last resort: cut a kept column too; the first (the names) to no less than a third
            floors = {c: MIN_CELL for c in shown.columns}
            floors[shown.columns[0]] = max(MIN_CELL, columns // 3)
            spare = {c: max([len(v) for v in shown[c] if isinstance(v, str)], default=0) - floors[c]
                     for c in shown.columns}
            widest = max(spare, key=lambda c: spare[c], default=None)
            if widest is None or spare[widest] <= 0:
                break
            longest = spare[widest] + floors[widest]
            shown = _cut_column(shown, widest, max(floors[widest], longest - (_widest(text) - columns)))
        text = _render(shown)
    left_out = [names[c] for c in frame.columns if names[c] not in shown.columns]
    if left_out:
        text += f"\n(left out to fit the terminal: {', '.join(left_out)})"
    return text
