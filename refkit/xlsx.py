"""Tables as Excel workbooks that open safely: text stays text, numbers numbers, dates dates.

:func:`write_xlsx` writes what :func:`refkit.export.write_csv` writes, cleaned
the same way (:func:`refkit.export.safe_frame`: ``clean_text``, e-mail
addresses removed unless asked, a ``'`` before every piece of a cell that
would start a formula), as one sheet:

- a bold **header row**, **frozen** (with the columns up to ``name``), and a filter on it;
- **column widths** fitted to the text, at most 60 characters; columns with
  longer or multi-line text (the invitation notes and referral requests, the
  reasons) are **wrapped**;
- **every text cell stored as text** (``data_type`` ``"s"``): openpyxl makes a
  formula of any string starting with ``=``, so each text cell is set as a
  string explicitly, never as a formula, whatever it holds;
- **dates as dates** (``YYYY-MM-DD``), counts and scores as numbers,
  ``True``/``False`` as booleans, missing values as empty cells.

The file is written like every refkit output (:func:`refkit.export.write_bytes`:
atomically, never over an input, only over a regular file and only when asked).
openpyxl is imported when a workbook is written, not with refkit.
"""

from __future__ import annotations

import datetime as dt
import io
import math
import os
import re
import warnings
from collections.abc import Iterable
from copy import copy
from pathlib import Path
from typing import IO, Any

import pandas as pd

from refkit._errors import OptionError, OutputError, RefkitWarning
from refkit._text import NOT_XML, is_missing

__all__ = ["MAX_CELL_CHARS", "write_xlsx"]

#: Most characters Excel keeps in one cell; a longer text is cut, with a warning.
MAX_CELL_CHARS = 32_767
_MAX_ROWS = 1_048_576  # Excel's rows per sheet, the header included
_MAX_COLUMNS = 16_384
_PROGRESS_FROM = 2000  # rows: from here on writing takes seconds, and shows a progress bar
_WIDTH_LIMIT = 60  # widest column, in characters; longer text is wrapped
_SHEET_NAME = re.compile(r"[^\[\]:*?/\\]{1,31}")


def write_xlsx(
    frame: pd.DataFrame,
    path: str | os.PathLike[str] | IO[bytes],
    *,
    sheet_name: str = "refkit",
    include_email: bool = False,
    overwrite: bool = False,
    protect: Iterable[str | os.PathLike[str]] = (),
) -> Path | None:
    """Write ``frame`` as a one-sheet Excel workbook (``.xlsx``), atomically; return the path.

    Parameters
    ----------
    frame : DataFrame
        The table to write (not modified). A named index is written as the first column(s).
    path : str, PathLike or binary stream
        The file to write (see :func:`refkit.export.check_output` for what may be
        replaced), or an open binary stream, left open.
    sheet_name : str, default "refkit"
        Name of the sheet (at most 31 characters, none of ``[ ] : * ? / \\``).
    include_email : bool, default False
        Keep e-mail columns and addresses (off by default, as in CSV files).
    overwrite : bool, default False
        Replace an existing file; by default an existing file is refused.
    protect : iterable of str or PathLike, default ()
        Files and folders this run reads: never replaced or written into.

    Returns
    -------
    Path or None
        The path written (as given), or None when written to a stream.

    Raises
    ------
    RefkitError
        If ``frame`` is not a DataFrame; ``OptionError`` for a bad ``sheet_name``;
        ``OutputError`` when the table is larger than a sheet holds, or the file
        exists and ``overwrite`` is false, is not a regular file, is protected, or
        cannot be written.

    Warns
    -----
    RefkitWarning
        When a text is longer than Excel keeps in a cell (:data:`MAX_CELL_CHARS`) and is cut.

    Examples
    --------
    >>> import tempfile, pathlib, openpyxl
    >>> table = pd.DataFrame({"name": ["=HYPERLINK(\\"http://x\\")", "Ann Wu"], "mutual_count": [14, 3],
    ...                       "connected_on": pd.to_datetime(["2021-02-08", None])})
    >>> out = write_xlsx(table, pathlib.Path(tempfile.mkdtemp()) / "ranked.xlsx", sheet_name="ranked")
    >>> sheet = openpyxl.load_workbook(out)["ranked"]
    >>> [(c.value, c.data_type) for c in sheet[2]]
    [('\\'=HYPERLINK("http://x")', 's'), (14, 'n'), (datetime.datetime(2021, 2, 8, 0, 0), 'd')]
    >>> sheet.freeze_panes, sheet["C3"].value is None
    ('B2', True)
    """
    from refkit.export import safe_frame, write_bytes

    name = str(sheet_name)
    if not _SHEET_NAME.fullmatch(name) or name.startswith("'") or name.endswith("'"):
        raise OptionError("sheet_name must be 1 to 31 characters without [ ] : * ? / \\ and not start or "
                          f"end with ', got {sheet_name!r}", value=sheet_name)
    if isinstance(frame, pd.DataFrame) and any(n is not None for n in frame.index.names):
        frame = frame.reset_index()
    safe = safe_frame(_with_dates(frame) if isinstance(frame, pd.DataFrame) else frame,
                      include_email=include_email)
    shown = path if not hasattr(path, "write") else "the workbook"
    if len(safe) + 1 > _MAX_ROWS or safe.shape[1] > _MAX_COLUMNS:
        raise OutputError(f"{shown}: {len(safe):,} rows and {safe.shape[1]:,} columns do not fit in one "
                          f"Excel sheet ({_MAX_ROWS - 1:,} rows, {_MAX_COLUMNS:,} columns); write a CSV "
                          "file instead", path=None if shown == "the workbook" else str(shown))
    data = _workbook(safe, name)
    return write_bytes(data, path, overwrite=overwrite, protect=protect)


def _with_dates(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with object columns holding only dates (and gaps) as datetime columns."""
    out = frame
    for j in range(frame.shape[1]):
        series = frame.iloc[:, j]
        if series.dtype != object:
            continue
        values = [v for v in series.tolist() if not is_missing(v)]
        if values and all(isinstance(v, (dt.date, pd.Timestamp)) for v in values):
            try:
                dates = pd.to_datetime(series, errors="raise")
            except (ValueError, TypeError, OverflowError):
                continue  # out of pandas' range: written as text
            if out is frame:
                out = frame.copy()
            out.isetitem(j, dates)
    return out


def _workbook(safe: pd.DataFrame, sheet_name: str) -> bytes:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    book = Workbook(write_only=True)
    book.properties.creator = "refkit"
    sheet = book.create_sheet(sheet_name)
    columns = [_column(safe.iloc[:, j], str(safe.columns[j])) for j in range(safe.shape[1])]
    for j, column in enumerate(columns, start=1):
        sheet.column_dimensions[get_column_letter(j)].width = column.width
    names = [str(c).casefold() for c in safe.columns]
    frozen = names.index("name") + 1 if "name" in names[:3] else 0
    sheet.freeze_panes = f"{get_column_letter(frozen + 1)}2"
    if columns:
        sheet.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{len(safe) + 1}"
    # a style worked out once per kind of cell and copied onto each (openpyxl would hash
    # the style objects again for every cell)
    top = _style(sheet, alignment=Alignment(vertical="top"))
    wrap = _style(sheet, alignment=Alignment(wrap_text=True, vertical="top"))
    dated = {f: _style(sheet, alignment=Alignment(vertical="top"), number_format=f)
             for f in {c.date_format for c in columns if c.date_format}}
    bold = Font(bold=True)
    header = []
    for column in columns:
        cell = WriteOnlyCell(sheet, value=None)
        _set_text(cell, column.title)
        cell.font = bold
        header.append(cell)
    sheet.append(header)
    text_styles = [wrap if c.wrap else top for c in columns]
    value_styles = [dated[c.date_format] if c.date_format else top for c in columns]
    rows: Iterable[int] = range(len(safe))
    if len(safe) >= _PROGRESS_FROM:
        from tqdm.auto import tqdm

        rows = tqdm(rows, desc="writing the workbook", unit="row", leave=False)
    for i in rows:
        row = []
        for j, column in enumerate(columns):
            value = column.values[i]
            if value is None:
                row.append(None)
                continue
            cell = WriteOnlyCell(sheet, value=None)
            if isinstance(value, str):
                _set_text(cell, value)
                cell._style = copy(text_styles[j])
            else:
                cell.value = value
                cell._style = copy(value_styles[j])
            row.append(cell)
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _style(sheet: Any, **style: Any) -> Any:
    """The style array of a cell given ``style`` (alignment, number_format ...), to copy onto others."""
    from openpyxl.cell import WriteOnlyCell

    cell = WriteOnlyCell(sheet, value=None)
    for name, value in style.items():
        setattr(cell, name, value)
    return cell._style


def _set_text(cell: Any, text: str) -> None:
    """Store ``text`` as a string cell: openpyxl would make a formula of ``=...``, never so here."""
    cell.value = text
    cell.data_type = "s"


class _Column:
    def __init__(self, title: str, values: list[Any], *, width: float, wrap: bool,
                 date_format: str | None) -> None:
        self.title, self.values, self.width, self.wrap = title, values, width, wrap
        self.date_format = date_format


def _column(series: pd.Series, title: str) -> _Column:
    """One column's cells as openpyxl takes them, its width and whether it wraps."""
    title = _fit(title, title)
    date_format = None
    if pd.api.types.is_datetime64_any_dtype(series.dtype):
        if getattr(series.dt, "tz", None) is not None:
            series = series.dt.tz_convert("UTC").dt.tz_localize(None)
        stamps = series.dropna()
        whole_days = bool((stamps == stamps.dt.normalize()).all())
        date_format = "yyyy-mm-dd" if whole_days else "yyyy-mm-dd hh:mm:ss"
        values = [None if is_missing(v) else v.to_pydatetime() for v in series.tolist()]
        longest = 10 if whole_days else 19
    else:
        values = [_value(v, title) for v in series.tolist()]
        longest = max((_longest_line(v) for v in values if v is not None), default=0)
    wrap = any(isinstance(v, str) and ("\n" in v or len(v) > _WIDTH_LIMIT) for v in values)
    width = min(max(longest, _longest_line(title), 4), _WIDTH_LIMIT) + 2
    return _Column(title, values, width=float(width), wrap=wrap, date_format=date_format)


def _value(value: Any, title: str) -> Any:
    """A cell as openpyxl takes it: None (empty), str, bool, int, float or a datetime."""
    if value is None or (isinstance(value, str) and value == ""):
        return None
    if hasattr(value, "item") and not isinstance(value, (str, pd.Timestamp)):  # numpy scalar
        value = value.item()
    if isinstance(value, str):
        return _fit(value, title)
    if is_missing(value):
        return None
    if isinstance(value, bool):
        return value
    if isinstance(value, int):
        return value if abs(value) < 10**15 else _fit(str(value), title)  # Excel keeps 15 digits
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, pd.Timestamp):
        return value.tz_convert("UTC").tz_localize(None).to_pydatetime() if value.tzinfo else value.to_pydatetime()
    return _fit(str(value), title)


def _fit(text: str, title: str) -> str:
    """``text`` without what XML cannot hold, cut to what Excel keeps in a cell (with a warning)."""
    if NOT_XML.search(text):  # clean_text removed them already; never a broken file
        text = NOT_XML.sub("", text)
    if len(text) > MAX_CELL_CHARS:
        warnings.warn(f"{title}: a text of {len(text):,} characters is longer than an Excel cell keeps "
                      f"({MAX_CELL_CHARS:,}); cut", RefkitWarning, stacklevel=5)
        text = text[: MAX_CELL_CHARS - 1] + "…"
    return text


def _longest_line(value: Any) -> int:
    if isinstance(value, str):
        return max((len(line) for line in value.split("\n")), default=0)
    if isinstance(value, float):
        return len(f"{value:.6g}")
    return len(str(value))
