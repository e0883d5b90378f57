"""``refkit rank``'s CSV read back (for ``refkit track add``), the way the readers read LinkedIn
exports: any encoding and delimiter a spreadsheet re-save gives, bad cells as row warnings naming the
line, nothing else lost."""

from __future__ import annotations

import pandas as pd

from refkit._limits import MAX_CONNECTIONS
from refkit._validate import is_whole_number
from refkit.read._decode import _zip_looks_like
from refkit.read._kinds import _Spec
from refkit.read._source import Source, _display, _load
from refkit.read._table import _table

MAX_MUTUAL_COUNT = MAX_CONNECTIONS
"""Largest real mutual count: LinkedIn caps a network at 30,000 1st-degree connections."""

_RANKED_IDS = ("key", "profile_url", "name")
_RANKED_TUPLES = ("alternate_keys", "mutual_keys")
_RANKED = _Spec(
    "ranked",
    "a ranked list (from `refkit rank`)",
    {
        column: column
        for column in (
            *_RANKED_IDS, "company", "position", "mutual_count", "introducer", "introducer_key",
            "alternates", *_RANKED_TUPLES, "pending_invitation", "pending_since",
        )
    },
    (_RANKED_IDS,),
    "key, profile_url or name",
)


def parse_mutual_count(value: object) -> int | None:
    """A mutual count as a whole number from 0 to :data:`MAX_MUTUAL_COUNT`, or None.

    Missing and empty values give None; so do values that are not such a number
    (``12.5``, ``1e30``, ``inf``, ``-3``, ``40000``, ``lots``), which callers report.

    Parameters
    ----------
    value : object
        A cell as read (text, with spaces around allowed) or a number.
        ``True`` and ``False`` are not counts.

    Returns
    -------
    int or None
        The count, or None when ``value`` is missing or not such a number.

    Examples
    --------
    >>> parse_mutual_count("14"), parse_mutual_count(" 12.0 "), parse_mutual_count(7)
    (14, 12, 7)
    >>> [parse_mutual_count(v) for v in ("12.5", "1e30", float("inf"), "-3", "40000", "")]
    [None, None, None, None, None, None]
    """
    import math

    if value is None or isinstance(value, bool):
        return None
    if is_whole_number(value):
        number = int(value)
    else:
        try:
            real = float(value.strip() if isinstance(value, str) else value)  # type: ignore[arg-type]
        except (TypeError, ValueError, OverflowError):
            return None
        if not math.isfinite(real) or not real.is_integer():
            return None
        number = int(real)
    return number if 0 <= number <= MAX_MUTUAL_COUNT else None


def read_ranked(path: Source, *, name: str | None = None) -> pd.DataFrame:
    """Read a ranked list written by ``refkit rank`` (and perhaps re-saved by a spreadsheet).

    A CSV file, or an Excel workbook (``.xlsx``, told by its content: its sheet
    named ``ranked``, else the first; ``line`` is then the sheet's row number).
    Encodings, delimiters and the header are found as for LinkedIn exports
    (UTF-8 with or without BOM, cp1252, UTF-16; ``,``, ``;``, tab or ``|``).
    Cells neutralised against formulas are restored, ``alternate_keys`` and
    ``mutual_keys`` become tuples and ``mutual_count`` an ``Int64`` column; a
    count that is not a whole number from 0 to :data:`MAX_MUTUAL_COUNT` is a
    row warning naming the line and left missing (the row is kept). The file
    needs a ``key``, ``profile_url`` or ``name`` column; ``line`` holds the
    physical line each row starts on.

    Parameters
    ----------
    path : str, os.PathLike or bytes
        The ranked CSV or workbook, or its bytes (then give ``name``).
    name : str, optional
        The name shown in messages (by default the path as given, ``<data>``
        for bytes).

    Returns
    -------
    DataFrame
        One row per row of the file, the columns it has (text cells as
        ``str``, empty cells missing), ``mutual_count`` as ``Int64`` and
        ``line`` (``Int64``).

    Raises
    ------
    FileFormatError
        When the file cannot be read or has no header with ``key``,
        ``profile_url`` or ``name`` in its first lines; ``path`` and ``line``
        say where.

    Examples
    --------
    >>> import warnings
    >>> data = "\\ufeffname;profile_url;mutual_count\\r\\nLee Chen;;14\\r\\n'=Mia Wong;;12.5\\r\\n"
    >>> with warnings.catch_warnings(record=True) as caught:
    ...     warnings.simplefilter("always")
    ...     frame = read_ranked(data.encode("utf-8"), name="ranked.csv")
    >>> frame[["name", "mutual_count", "line"]]
            name  mutual_count  line
    0   Lee Chen            14     2
    1  =Mia Wong          <NA>     3
    >>> str(caught[0].message)
    "ranked.csv, line 3: mutual_count '12.5' is not a whole number from 0 to 30,000; count left unknown, row kept"
    """
    from refkit.export import unneutralize  # the inverse of the writer's neutraliser

    display = _display(path, name)
    data = _load(path, display)
    if data[:2] == b"PK" and _zip_looks_like(data) == "xlsx":
        from refkit.read._workbook import _workbook_table

        table = _workbook_table(data, display, _RANKED)
    else:
        table = _table(path, name, (_RANKED,), data=data, display=display)

    def cell(value: str) -> object:
        return unneutralize(value) if value else None

    frame_data: dict[str, list[object]] = {}
    for column, values in table.columns.items():
        frame_data[column] = [cell(v) for v in values]
    for header, values in table.extra.items():
        column = str(unneutralize(header)).strip()
        if column and column not in frame_data:
            frame_data[column] = [cell(v) for v in values]
    frame = pd.DataFrame(frame_data, index=range(table.n), dtype=object)
    for column in _RANKED_TUPLES:
        if column in frame.columns:
            frame[column] = pd.Series(
                [tuple(p.strip() for p in v.split(";") if p.strip()) if isinstance(v, str) else ()
                 for v in frame[column]],
                index=frame.index,
                dtype=object,
            )
    if "mutual_count" in frame.columns:
        counts: list[int | None] = []
        for value, line in zip(frame["mutual_count"], table.lines, strict=True):
            count = parse_mutual_count(value)
            if count is None and value is not None:
                table.log.warn(
                    line,
                    f"mutual_count {value!r} is not a whole number from 0 to "
                    f"{MAX_MUTUAL_COUNT:,}; count left unknown, row kept",
                )
            counts.append(count)
        frame["mutual_count"] = pd.array(counts, dtype="Int64")
    frame["line"] = pd.array(table.lines, dtype="Int64")
    table.log.finish()
    return frame
