"""An Excel workbook's first sheet as a table, the way a CSV file becomes one (for ranked lists).

A ranked list saved by ``refkit rank -o ranked.xlsx`` (or by Excel) is read
into the same :class:`~refkit.read._table._Table` a CSV file gives: the header
found among the first rows by its column names, cells as text (numbers written
plainly, dates ``YYYY-MM-DD``), ``lines`` the sheet's row numbers. A workbook
that cannot be opened, or that would unpack into more than
:data:`~refkit.read._source.MAX_MEMBER_BYTES`, is refused naming the file.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
import warnings
import zipfile
import zlib
from typing import Any

from refkit._errors import FileFormatError
from refkit.read._header import HEADER_SCAN_LINES, _Header, _no_header_error
from refkit.read._kinds import _norm_header, _Spec
from refkit.read._log import _Log
from refkit.read._source import MAX_MEMBER_BYTES, _mb
from refkit.read._table import _Layout, _Table

_MAX_ROWS = 1_048_576  # Excel's rows per sheet


def _workbook_table(data: bytes, display: str, spec: _Spec) -> _Table:
    """The table of the first sheet of the workbook ``data`` (``display`` names it in messages)."""
    rows = _sheet_rows(data, display)
    at = next((i for i, row in enumerate(rows[:HEADER_SCAN_LINES])
               if spec.matches({_norm_header(c) for c in row} - {""})), None)
    if at is None:
        text = io.StringIO()
        csv.writer(text).writerows(rows[:HEADER_SCAN_LINES])
        raise _no_header_error(text.getvalue(), display, (spec,))
    cells = rows[at]
    layout = _Layout(spec, cells)
    log = _Log(display)
    kept: list[list[str]] = []
    lines: list[int] = []
    for number, row in enumerate(rows[at + 1:], start=at + 2):
        if not "".join(row).strip():
            continue  # an empty row
        row = row + [""] * (layout.size - len(row)) if len(row) < layout.size else row
        kept.append(row)
        lines.append(number)
    columns = {target: [r[j].strip() for r in kept] for target, j in layout.index.items()}
    extra = {key: [r[j].strip() for r in kept] for key, j in layout.extra.items()}
    header = _Header(line=at + 1, offset=0, delimiter=",", cells=cells, matches=[spec])
    return _Table(display, spec, header, columns, extra, lines, log, ["Excel workbook"])


def _sheet_rows(data: bytes, display: str) -> list[list[str]]:
    """Every row of the workbook's first sheet (the one named ``ranked`` when there is one), as text."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, zlib.error, OSError, ValueError, EOFError, NotImplementedError) as err:
        raise FileFormatError(f"{display}: a damaged Excel workbook ({err})", path=display) from err
    if unpacked > MAX_MEMBER_BYTES:
        raise FileFormatError(f"{display}: this workbook unpacks to {_mb(unpacked)}, more than refkit reads "
                              f"({_mb(MAX_MEMBER_BYTES)}); save the sheet as CSV UTF-8 instead", path=display)
    from openpyxl import load_workbook

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl's notes on styles and extensions it skips
            book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
            try:
                names = [n for n in book.sheetnames if n.casefold() == "ranked"]
                sheet = book[names[0]] if names else book.worksheets[0]
                rows = []
                for row in sheet.iter_rows(values_only=True):
                    rows.append([_text(v) for v in row])
                    if len(rows) > _MAX_ROWS:
                        break
            finally:
                book.close()
    except FileFormatError:
        raise
    except Exception as err:  # openpyxl raises many kinds (KeyError, ValueError, XML errors ...)
        raise FileFormatError(f"{display}: cannot read this Excel workbook ({type(err).__name__}: {err}); "
                              "save it from Excel as 'CSV UTF-8' and try again", path=display) from err
    while rows and not "".join(rows[-1]).strip():
        rows.pop()
    return rows


def _text(value: Any) -> str:
    """One cell as a CSV file would hold it."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float):
        if math.isfinite(value) and value.is_integer() and abs(value) < 2**53:
            return str(int(value))
        return repr(value)
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    return str(value)
