"""Export tables as CSV files that open safely in Excel and Google Sheets.

The files are:

- **UTF-8**, optionally with a byte-order mark (``bom=True``) so that older
  Excel versions detect the encoding when the file is double-clicked;
- **RFC 4180**: fields quoted only when needed (fields holding a comma, a
  quote or a line break, and also a ``;``, a tab or a ``|``, for readers that
  split on those; quotes doubled) and rows ended by ``\\r\\n``, which Excel,
  Google Sheets, LibreOffice and pandas all read;
- **clean**: every text cell goes through :func:`refkit._text.clean_text` (the
  one cleaning path of every medium): no control or invisible characters
  (zero-width, bidi, soft hyphen, BOM …), line breaks kept;
- **formula-safe whatever the reader's delimiter**: following OWASP's advice on
  CSV injection, a text cell beginning with ``=``, ``+``, ``-``, ``@``, a tab
  or a carriage return (or a look-alike: fullwidth ``＝``, minus sign ``−`` …)
  is prefixed with a single quote ``'`` so spreadsheets show it as text instead
  of running it (``=HYPERLINK(...)`` → ``'=HYPERLINK(...)``), and so is every
  such *segment* after a ``;``, ``,``, tab, ``|`` or line break inside a cell
  (``Engineer;=cmd|...`` → ``Engineer;'=cmd|...``), since a spreadsheet in a
  semicolon locale starts a field there. Numbers stored in numeric columns are
  left alone: ``-2`` stays a number. Column names are neutralised the same way.
  :func:`unneutralize` undoes it when reading back;
- **free of e-mail addresses** unless ``include_email=True``: columns whose name
  mentions e-mail are dropped and address-looking text inside other cells is
  replaced by ``[e-mail removed]``;
- **written atomically**: the rows go to a temporary file in the same folder,
  which then replaces the target with :func:`os.replace`, so a crash never
  leaves half a file and an existing file stays intact until the new one is
  complete. Only regular files are ever replaced (a symbolic link is written
  through to the file it points to; devices, pipes, sockets and folders are
  refused) and never a file the run reads: :func:`check_output` holds the rule
  every refkit output follows. :func:`write_files` writes several files all or
  nothing; any writer also takes a binary stream (``sys.stdout.buffer``).

Tuple and list cells are written joined by ``"; "``; missing values are empty
cells; dates without a time are written ``YYYY-MM-DD``. A named index (e.g. a
``key`` index) is written as the first column(s).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import os
import re
import stat
import tempfile
from collections.abc import Iterable, Iterator, Mapping
from functools import partial
from itertools import islice
from pathlib import Path
from typing import IO, Any

import numpy as np
import pandas as pd

from refkit._errors import RefkitError
from refkit._parallel import by_row_halves
from refkit._text import (
    EMAIL_PATTERN,
    EMAIL_PLACEHOLDER,
    INVISIBLE,
    clean_text,
    is_clean,
    is_missing,
)

__all__ = ["EMAIL_PATTERN", "EMAIL_PLACEHOLDER", "atomic_open", "check_output", "write_bytes", "write_files",
           "write_text", "FORMULA_PREFIXES", "neutralize", "safe_frame", "unneutralize", "write_csv"]

#: First characters that make a spreadsheet treat a cell as a formula (OWASP).
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
#: Characters a spreadsheet may split a line on (whatever the file's own delimiter) or end it at.
SEPARATORS = ";,\t|\r\n"

_EMAIL_COLUMN = re.compile(r"e[-_ ]?mail", re.IGNORECASE)
# Formula starts: = + - @ tab CR, every character whose NFKC form starts with one of = + - @
# (fullwidth ＝ ＋ － ＠, small ﹢ ﹣ ﹦ ﹫, super- and subscripts, ⩵ …; tests check the list
# against unicodedata) and look-alike minus and plus signs that do not fold to ASCII.
_FORMULA = ("=+\\-@\t\r\u2212\u2010\u2011\u2012\u02d7\u2795\u2796\u207a\u207b\u207c\u208a\u208b"
            "\u208c\u2a75\u2a76\ufb29\ufe62\ufe63\ufe66\ufe6b\uff0b\uff0d\uff1d\uff20")
# A segment starts the text or follows a separator; before its first real character it may
# hold spaces, quotes and invisible characters (a spreadsheet trims or ignores them).
_START = "(?:^|(?<=[;,\t|\r\n]))"
_LEAD = f"(?:[^\\S\t\r\n]|['\"{INVISIBLE}])*"
_FORMULA_SEGMENT = re.compile(f"{_START}(?={_LEAD}[{_FORMULA}])")
_NEUTRALIZED_SEGMENT = re.compile(f"{_START}'(?={_LEAD}[{_FORMULA}])")
_FORMULA_CHARS = frozenset(_FORMULA.replace("\\", ""))
# Whether a text has a segment that starts a formula (what _FORMULA_SEGMENT finds), without a
# look-behind at every character: its first segment, or one after a separator.
_FIRST_FORMULA = re.compile(f"{_LEAD}[{_FORMULA}]")
_LATER_FORMULA = re.compile(f"[;,\t|\r\n]{_LEAD}[{_FORMULA}]")
_NEEDS_QUOTES = re.compile('[,;\t|"\r\n]')


def neutralize(value: Any) -> Any:
    """Make one cell value safe from spreadsheet formula injection, whatever the delimiter.

    A spreadsheet may split a line on ``,``, ``;``, tab or ``|`` (a semicolon
    locale, a re-saved file), so every *segment* of a string (its start, and
    the text after each ``;``, ``,``, tab, ``|`` or line break) that would start
    a formula gets a leading ``'``: segments beginning, after any spaces, quotes
    or invisible characters, with ``=``, ``+``, ``-``, ``@``, a tab, a carriage
    return, or a look-alike of these (fullwidth ``＝``, ``−`` U+2212 … judged
    by the NFKC-folded character). A segment starting with quotes followed by
    one of these gets one more quote, so that :func:`unneutralize` restores
    every value exactly. Every other value (numbers included) is returned
    unchanged.

    Parameters
    ----------
    value : Any
        A cell value; only strings change.

    Returns
    -------
    Any
        ``value`` with a ``'`` before every segment that would start a formula.

    Examples
    --------
    >>> neutralize("=HYPERLINK(\\"http://x\\")")
    '\\'=HYPERLINK("http://x")'
    >>> neutralize("-2+3"), neutralize("Globex"), neutralize(-2)
    ("'-2+3", 'Globex', -2)
    >>> neutralize("Engineer;=cmd|' /C calc'!A0;x"), neutralize("\\uff1d1+1")
    ("Engineer;'=cmd|' /C calc'!A0;x", "'＝1+1")
    """
    if not isinstance(value, str) or _FORMULA_CHARS.isdisjoint(value):
        return value
    return _FORMULA_SEGMENT.sub("'", value)


def unneutralize(value: Any) -> Any:
    """Undo :func:`neutralize` on a value read back from a refkit CSV.

    Parameters
    ----------
    value : Any
        A cell value as written by :func:`neutralize`.

    Returns
    -------
    Any
        ``value`` with the ``'`` that :func:`neutralize` added removed (the inverse).

    Examples
    --------
    >>> unneutralize("'=1+1"), unneutralize("'quoted'"), unneutralize(3)
    ('=1+1', "'quoted'", 3)
    >>> unneutralize("Engineer;'=cmd;x")
    'Engineer;=cmd;x'
    """
    if not isinstance(value, str) or "'" not in value:
        return value
    return _NEUTRALIZED_SEGMENT.sub("", value)


class _Writer:
    """Rows as RFC 4180 lines, quoting every cell that holds a delimiter of any locale.

    ``csv.QUOTE_MINIMAL`` quotes only for the writer's own delimiter; a cell
    holding ``;``, a tab or ``|`` is quoted too, for readers that split on those.
    """

    def __init__(self, handle: IO[str]) -> None:
        self._handle = handle

    def writerow(self, cells: Iterable[Any]) -> None:
        self._handle.write(",".join(_quoted(str(c)) for c in cells) + "\r\n")


def _quoted(text: str) -> str:
    if _NEEDS_QUOTES.search(text) is None:
        return text
    return '"' + text.replace('"', '""') + '"'


def _cell(value: Any, *, include_email: bool) -> Any:
    """One cell as written: text neutralised and scrubbed, numbers untouched."""
    value = _as_text(value)
    return _safe_text(value, include_email=include_email) if type(value) is str else value


def _as_text(value: Any) -> Any:
    """A cell before it is made safe: the text of lists, dates and objects; numbers as they are."""
    if isinstance(value, str):  # the common case first
        return value if type(value) is str else str.__str__(value)
    if is_missing(value):
        return ""
    if isinstance(value, (list, tuple, set, frozenset)):
        items = sorted(value, key=str) if isinstance(value, (set, frozenset)) else value
        return "; ".join(v if type(v) is str else "" if is_missing(v) else str(v) for v in items)
    if isinstance(value, (pd.Timestamp, dt.datetime)):
        if value.hour == value.minute == value.second == value.microsecond == 0 and value.tzinfo is None:
            return value.strftime("%Y-%m-%d")
        return value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    if not isinstance(value, (bool, int, float, str)) and not hasattr(value, "dtype"):
        return str(value)
    return value


def _scrubbed(text: str, *, include_email: bool) -> str:
    """The general path of a text cell: what :func:`_as_is` and :func:`_all_as_is` short-cut."""
    # one cleaning path for every medium: no invisible or control characters, then no
    # e-mail addresses (unless asked), then no formula in any segment
    return neutralize(clean_text(text, multiline=True, keep_emails=include_email))


def _as_is(text: str, *, include_email: bool) -> bool:
    """Whether :func:`_scrubbed` leaves ``text`` as it is, tested without building copies (never wrongly true).

    So it is: clean already (:func:`refkit._text.is_clean`, e-mails included) and
    no segment starting a formula.
    """
    return (is_clean(text, multiline=True, keep_emails=include_email)
            and _FIRST_FORMULA.match(text) is None and _LATER_FORMULA.search(text) is None)


def _all_as_is(texts: list[str], *, include_email: bool) -> bool:
    """:func:`_as_is` for every text at once, tested on the texts joined by line breaks.

    A line break separates segments, and neither cleaning nor a formula's start
    reaches across one, so the joined text is as it is exactly when every text
    is, except for a text beginning or ending with a line break (which the joined
    text hides): those are looked for one by one.
    """
    joined = "\n".join(texts)
    if not is_clean(joined, multiline=True, keep_emails=include_email):
        return False
    if joined.count("\n") >= len(texts) and any(t[:1] == "\n" or t[-1:] == "\n" for t in texts):
        return False
    return _FIRST_FORMULA.match(joined) is None and _LATER_FORMULA.search(joined) is None


def _safe_text(text: str, *, include_email: bool) -> str:
    """One text cell as written (the fast test first)."""
    return text if _as_is(text, include_email=include_email) else _scrubbed(text, include_email=include_email)


_BATCH = 256


def _safe_texts(texts: list[str], *, include_email: bool) -> list[str]:
    """:func:`_safe_text` of each text: a batch that needs nothing (most) is tested at once."""
    out: list[str] = []
    for start in range(0, len(texts), _BATCH):
        batch = texts[start:start + _BATCH]
        if _all_as_is(batch, include_email=include_email):
            out.extend(batch)
        else:
            out.extend(_safe_text(text, include_email=include_email) for text in batch)
    return out


def _cells(values: list[Any], *, include_email: bool) -> list[Any]:
    """:func:`_cell` of each value, worked out once per distinct text (companies, names recur)."""
    values = [v if type(v) is str else _as_text(v) for v in values]
    texts = list(dict.fromkeys(v for v in values if type(v) is str))
    safe = dict(zip(texts, _safe_texts(texts, include_email=include_email), strict=True))
    return [safe[v] if type(v) is str else v for v in values]


def _require_frame(frame: object) -> None:
    if not isinstance(frame, pd.DataFrame):
        raise RefkitError(f"expected a DataFrame to export, got {type(frame).__name__}")


def safe_frame(frame: pd.DataFrame, *, include_email: bool = False) -> pd.DataFrame:
    """Return a copy of ``frame`` as it will be written: safe text, no e-mails.

    Numeric, boolean and datetime columns keep their dtype; every other column
    becomes ``object`` holding neutralised strings (or numbers left as they
    were). A named index becomes the first column(s). ``frame`` is not modified.

    Parameters
    ----------
    frame : DataFrame
        The table to export.
    include_email : bool, default False
        Keep e-mail addresses; by default they are blanked.

    Returns
    -------
    DataFrame
        A new table, safe to open in a spreadsheet.

    Raises
    ------
    RefkitError
        If ``frame`` is not a DataFrame.

    Examples
    --------
    >>> df = pd.DataFrame({"name": ["=cmd", "Ann"], "email": ["a@b.io", None],
    ...                    "note": ["mail ann@x.org", ("a", "b")], "delta": [-2, 3]})
    >>> safe_frame(df).to_dict("list")
    {'name': ["'=cmd", 'Ann'], 'note': ['mail [e-mail removed]', 'a; b'], 'delta': [-2, 3]}
    """
    _require_frame(frame)
    out = frame.reset_index() if any(name is not None for name in frame.index.names) else frame.copy()
    out.index = pd.RangeIndex(len(out))
    if not include_email:
        out = out[[c for c in out.columns if not _EMAIL_COLUMN.search(str(c))]]
    columns = {}
    for name in out.columns:
        series = out[name]
        if pd.api.types.is_numeric_dtype(series.dtype) or pd.api.types.is_datetime64_any_dtype(series.dtype):
            columns[name] = series
        else:
            columns[name] = pd.Series(_cells(series.tolist(), include_email=include_email), index=out.index,
                                      dtype=object)
    result = pd.DataFrame(columns, index=out.index)
    result.columns = [neutralize(clean_text(str(c), keep_emails=include_email)) for c in out.columns]
    return result


def _format(value: Any) -> str:
    """Text of one already-safe cell."""
    if type(value) is str:  # the common case: no missing-value test needed
        return value
    if type(value) is int or type(value) is bool:  # never missing
        return str(value)
    if is_missing(value):
        return ""
    if isinstance(value, (pd.Timestamp, dt.datetime, dt.date)):
        return str(_cell(value, include_email=True))
    if hasattr(value, "item"):  # numpy scalar
        value = value.item()
    return str(value)


def write_csv(
    frame: pd.DataFrame,
    path: str | os.PathLike[str] | IO[bytes],
    *,
    bom: bool = False,
    include_email: bool = False,
    overwrite: bool = False,
    protect: Iterable[str | os.PathLike[str]] = (),
) -> Path | None:
    """Write ``frame`` as a formula-safe CSV, atomically; return the path written.

    Parameters
    ----------
    frame : DataFrame
        The table to write (not modified).
    path : str, PathLike or binary stream
        The file to write (its folder must exist; see :func:`check_output` for
        what may be replaced), or an open stream, left open: a binary one such
        as ``sys.stdout.buffer`` receives the UTF-8 bytes (a text stream the text).
    bom : bool
        Start the file with a UTF-8 byte-order mark (for Excel).
    include_email : bool
        Keep e-mail columns and addresses (off by default).
    overwrite : bool
        Replace an existing file; by default an existing file is refused.
    protect : iterable of str or PathLike
        Files and folders this run reads: never replaced or written into, even
        with ``overwrite``.

    Returns
    -------
    Path or None
        The path written (as given), or None when written to a stream.

    Raises
    ------
    RefkitError
        When the file exists and ``overwrite`` is false, is not a regular file,
        is protected, or cannot be written.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> out = write_csv(pd.DataFrame({"name": ["=1+1", "Ann, Jr"], "n": [-2, 3]}), folder / "x.csv")
    >>> out.read_bytes()
    b'name,n\\r\\n\\'=1+1,-2\\r\\n"Ann, Jr",3\\r\\n'
    >>> import io
    >>> stream = io.BytesIO()
    >>> write_csv(pd.DataFrame({"n": [1]}), stream) is None, stream.getvalue()
    (True, b'n\\r\\n1\\r\\n')
    """
    _require_frame(frame)  # before any file is opened
    encoding = "utf-8-sig" if bom else "utf-8"
    if _is_stream(path):
        with _stream_text(path, encoding=encoding) as handle:  # type: ignore[arg-type]
            _write_rows(handle, frame, include_email=include_email)
        return None
    with atomic_open(path, overwrite=overwrite, encoding=encoding, newline="",  # type: ignore[arg-type]
                     protect=protect) as handle:
        _write_rows(handle, frame, include_email=include_email)
    return Path(path)  # type: ignore[arg-type]


def _column_text(series: pd.Series) -> list[str]:
    """Each already-safe cell of a column as written (quoted when it holds a delimiter)."""
    if series.dtype != object:  # one dtype: each distinct value is written once, missing ones empty
        codes, uniques = pd.factorize(series, use_na_sentinel=True)
        texts = np.array([_quoted(_format(value)) for value in uniques.tolist()] + [""], dtype=object)
        return texts[codes].tolist()
    values = series.tolist()
    if all(type(value) is str for value in values):  # text only (most columns): quoted per distinct text
        distinct = list(dict.fromkeys(values))
        quoted = _quoted_texts(distinct)
        if len(distinct) == len(values):
            return quoted
        written = dict(zip(distinct, quoted, strict=True))
        return [written[value] for value in values]
    done: dict[Any, str] = {}
    texts = []
    for value in values:
        key = (type(value), value) if type(value) in (str, int, float, bool) and value == value else None
        text = done.get(key) if key is not None else None
        if text is None:
            text = _quoted(_format(value))
            if key is not None:
                done[key] = text
        texts.append(text)
    return texts


def _quoted_texts(texts: list[str]) -> list[str]:
    """:func:`_quoted` of each text; a batch without any delimiter (most) is tested at once."""
    out: list[str] = []
    for start in range(0, len(texts), _BATCH):
        batch = texts[start:start + _BATCH]
        out.extend(batch if _NEEDS_QUOTES.search("".join(batch)) is None else map(_quoted, batch))
    return out


_BLOCK_ROWS = 2_000
"""Rows encoded at a time: a long table's text is held as UTF-8, never as one string."""


def _rows_utf8(frame: pd.DataFrame, include_email: bool) -> list[bytes]:
    """The lines of ``frame``'s rows as written, in UTF-8 blocks of :data:`_BLOCK_ROWS` rows:
    each cell made safe (:func:`safe_frame`), then quoted."""
    safe = safe_frame(frame, include_email=include_email)
    columns = [_column_text(safe.iloc[:, i]) for i in range(safe.shape[1])]
    del safe
    rows = zip(*columns, strict=True)
    return ["".join([",".join(row) + "\r\n" for row in islice(rows, _BLOCK_ROWS)]).encode("utf-8")
            for _ in range(0, len(frame), _BLOCK_ROWS)]


def _write_rows(handle: IO[str], frame: pd.DataFrame, *, include_email: bool) -> None:
    """The header and rows of ``frame`` as written; a long table's second half made (and
    encoded) by a second core.

    Every cell's text depends on its value and its column's dtype alone, which
    both halves keep: the file is the same either way.
    """
    # every row worked out first: a failure (or Ctrl+C) writes nothing, not a header alone
    halves = by_row_halves(partial(_rows_utf8, include_email=include_email), frame)
    _Writer(handle).writerow(safe_frame(frame.iloc[:0], include_email=include_email).columns)
    raw = getattr(handle, "buffer", None)  # the bytes beneath (the handle's encoding is UTF-8)
    for blocks in halves:
        if raw is None:  # a text stream alone (io.StringIO)
            handle.writelines(block.decode("utf-8") for block in blocks)
            continue
        handle.flush()  # what the text layer holds (the header) goes first
        raw.writelines(blocks)


def write_text(
    text: str,
    path: str | os.PathLike[str] | IO[bytes],
    *,
    overwrite: bool = False,
    protect: Iterable[str | os.PathLike[str]] = (),
) -> Path | None:
    """Write ``text`` (UTF-8) to ``path`` atomically, refusing to replace a file unless asked.

    ``path`` may also be a binary stream (the bytes are written to it, it stays
    open; None is returned). See :func:`check_output` for what may be replaced.

    Parameters
    ----------
    text : str
        The text, written as UTF-8.
    path : str, path-like or binary stream
        Where to write; a stream is written as is (no checks, no atomic rename).
    overwrite : bool, default False
        Replace an existing regular file (never a folder, link target or database).
    protect : iterable of path-like, default ()
        Files and folders this run reads; writing onto or into them is refused.

    Returns
    -------
    Path or None
        The path written, or None for a stream.

    Raises
    ------
    RefkitError
        If the path is refused (see :func:`check_output`) or cannot be written.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> target = pathlib.Path(tempfile.mkdtemp()) / "page.html"
    >>> write_text("<p>hi</p>", target).read_text()
    '<p>hi</p>'
    >>> write_text("again", target)
    Traceback (most recent call last):
    ...
    refkit._errors.RefkitError: ...page.html: file already exists; choose another name or allow overwriting (--force)
    """
    return write_bytes(text.encode("utf-8"), path, overwrite=overwrite, protect=protect)


def write_bytes(
    data: bytes,
    path: str | os.PathLike[str] | IO[bytes],
    *,
    overwrite: bool = False,
    protect: Iterable[str | os.PathLike[str]] = (),
) -> Path | None:
    """Write ``data`` to ``path`` atomically (temp file + rename), as :func:`write_text`.

    Parameters
    ----------
    data : bytes
        The bytes to write.
    path : str, path-like or binary stream
        Where to write; a stream is written as is (no checks, no atomic rename).
    overwrite : bool, default False
        Replace an existing regular file (never a folder, link target or database).
    protect : iterable of path-like, default ()
        Files and folders this run reads; writing onto or into them is refused.

    Returns
    -------
    Path or None
        The path written, or None for a stream.

    Raises
    ------
    RefkitError
        If the path is refused (see :func:`check_output`) or cannot be written.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> target = pathlib.Path(tempfile.mkdtemp()) / "chart.png"
    >>> write_bytes(b"\\x89PNG", target).read_bytes()
    b'\\x89PNG'
    """
    if _is_stream(path):
        try:
            if isinstance(path, io.TextIOBase):  # a text stream without a byte layer
                path.write(data.decode("utf-8"))
            else:
                path.write(data)  # type: ignore[union-attr]
            path.flush()  # type: ignore[union-attr]
        except BrokenPipeError:
            raise
        except OSError as err:
            raise RefkitError(f"{_stream_name(path)}: cannot write: {_why(err)}") from err
        return None
    with atomic_open(path, overwrite=overwrite, mode="wb", protect=protect) as handle:  # type: ignore[arg-type]
        handle.write(data)
    return Path(path)  # type: ignore[arg-type]


# ---------------------------------------------------------------------------
# What may be replaced: one rule for every file refkit writes
# ---------------------------------------------------------------------------

_SPECIAL_KINDS = (
    (stat.S_ISCHR, "character device"),
    (stat.S_ISBLK, "block device"),
    (stat.S_ISFIFO, "named pipe (FIFO)"),
    (stat.S_ISSOCK, "socket"),
)
_EXISTS = "file already exists; choose another name or allow overwriting (--force)"


def _why(err: OSError) -> str:
    return err.strerror or str(err)


def _kind(mode: int) -> str | None:
    """'folder', 'character device', ... for anything that is not a regular file."""
    if stat.S_ISDIR(mode):
        return "folder"
    for test, name in _SPECIAL_KINDS:
        if test(mode):
            return name
    return None if stat.S_ISREG(mode) else "special file"


def _lookup(path: Path, *, follow: bool) -> os.stat_result | None:
    """``os.stat`` of ``path`` (None when absent); any other problem is a RefkitError."""
    try:
        return os.stat(path, follow_symlinks=follow)
    except FileNotFoundError:
        return None
    except NotADirectoryError as err:
        raise RefkitError(f"{path}: a part of this path is a file, not a folder") from err
    except OSError as err:  # name too long, symbolic link loop, permission denied...
        raise RefkitError(f"{path}: cannot write: {_why(err)}") from err


def _is_inside(path: str, folder: str) -> bool:
    return path.startswith(folder.rstrip(os.sep) + os.sep)


def _refuse_inputs(path: Path, protect: Iterable[str | os.PathLike[str]]) -> None:
    """Refuse ``path`` when it is (or is inside) something this run reads."""
    real = os.path.realpath(path)
    for item in protect:
        source = os.path.realpath(item)
        same = real == source
        if not same:
            try:
                same = os.path.samefile(path, item)  # hard links
            except (OSError, ValueError):
                same = False
        if same:
            raise RefkitError(f"{path}: would overwrite {os.fspath(item)}, which this run reads; "
                              "refkit never replaces its inputs, even with --force; choose another name")
        if os.path.isdir(source) and _is_inside(real, source):
            raise RefkitError(f"{path}: is inside {os.fspath(item)}, a folder this run reads; refkit never "
                              "writes into its inputs, even with --force; choose another place")


def check_output(
    path: str | os.PathLike[str],
    *,
    overwrite: bool = False,
    protect: Iterable[str | os.PathLike[str]] = (),
) -> Path:
    """Check that ``path`` may be written; return the file that will be replaced or created.

    The rule every refkit output follows:

    - a missing file is created (its folder must exist);
    - an existing **regular file** is replaced, atomically, only with
      ``overwrite``;
    - a **symbolic link to a regular file** is written through: the file it
      points to is replaced atomically (same rule) and the link stays; a broken
      link is refused. (A file with several hard links gets a new file under
      this name; its other names keep the old content.)
    - folders, devices (``/dev/null``), named pipes and sockets are refused,
      even with ``overwrite``;
    - anything in ``protect`` (the files and folders this run reads, the tracker
      database), the same file under another name (symbolic or hard link),
      anything inside a protected folder and any SQLite database (a tracker's
      history, wherever it is) is refused, even with ``overwrite``.

    Raises
    ------
    RefkitError
        Saying which rule refused ``path``, in one line.

    Parameters
    ----------
    path : str or path-like
        The file to be written.
    overwrite : bool, default False
        Allow replacing an existing regular file.
    protect : iterable of path-like, default ()
        Files and folders this run reads; writing onto or into them is refused.

    Returns
    -------
    Path
        The resolved path to write.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> check_output(folder / "new.csv") == folder / "new.csv"
    True
    >>> check_output("/dev/null", overwrite=True)
    Traceback (most recent call last):
    ...
    refkit._errors.RefkitError: /dev/null: is a character device, not a regular file; refkit writes only regular files, even with --force
    >>> _ = (folder / "in.csv").write_text("x")
    >>> check_output(folder / "in.csv", overwrite=True, protect=[folder / "in.csv"])
    Traceback (most recent call last):
    ...
    refkit._errors.RefkitError: ...in.csv: would overwrite ...in.csv, which this run reads; refkit never replaces its inputs, even with --force; choose another name
    """
    target = Path(path)
    if not target.name or target.name in (".", ".."):
        raise RefkitError(f"{target}: expected a file name")
    link = _lookup(target, follow=False)
    found, real = link, target
    if link is not None and stat.S_ISLNK(link.st_mode):
        found = _lookup(target, follow=True)
        if found is None:
            raise RefkitError(f"{target}: is a symbolic link to {os.readlink(target)}, which does not exist; "
                              "remove the link or choose another name")
        real = Path(os.path.realpath(target))
    if found is not None:
        kind = _kind(found.st_mode)
        if kind == "folder":
            raise RefkitError(f"{target}: is a folder; expected a file name")
        if kind is not None:
            what = f"a symbolic link to {real}, a {kind}" if real != target else f"a {kind}"
            raise RefkitError(f"{target}: is {what}, not a regular file; refkit writes only regular files, "
                              "even with --force")
    _refuse_inputs(target, protect)
    if found is not None and _is_database(real):
        raise RefkitError(f"{target}: is a database (a refkit tracker's history, perhaps); refkit never "
                          "writes over one, even with --force; choose another name")
    if found is not None and not overwrite:
        raise RefkitError(f"{target}: {_EXISTS}")
    parent = _lookup(real.parent, follow=True)
    if parent is None:
        raise RefkitError(f"{target}: folder {real.parent} does not exist")
    if not stat.S_ISDIR(parent.st_mode):
        raise RefkitError(f"{target}: {real.parent} is not a folder")
    return real


def _is_database(path: Path) -> bool:
    """Whether ``path`` is an SQLite database (a tracker's history): no refkit output is one."""
    try:
        with open(path, "rb") as handle:
            return handle.read(16) == b"SQLite format 3\x00"
    except OSError:
        return False


class _Staged:
    """A temporary file beside the real target, published in one step or discarded."""

    def __init__(self, path: str | os.PathLike[str], *, overwrite: bool,
                 protect: Iterable[str | os.PathLike[str]]) -> None:
        self.shown = Path(path)
        self.overwrite = overwrite
        self.real = check_output(path, overwrite=overwrite, protect=protect)
        old = _lookup(self.real, follow=True)
        try:
            fd, name = tempfile.mkstemp(dir=self.real.parent, prefix=f".{self.real.name[:40]}.", suffix=".tmp")
        except OSError as err:
            raise RefkitError(f"{self.shown}: cannot write in {self.real.parent}: {_why(err)}") from err
        self.fd: int | None = fd
        self.temp = Path(name)
        try:
            os.chmod(self.temp, stat.S_IMODE(old.st_mode) if old is not None else 0o644)
        except OSError:
            pass  # a file system without permissions (FAT): keep its default
        if old is not None and hasattr(os, "chown"):
            with contextlib.suppress(OSError):  # keeps the owner when run as root; others cannot
                os.chown(self.temp, old.st_uid, old.st_gid)

    def open(self, mode: str, encoding: str | None, newline: str | None) -> IO[Any]:
        fd, self.fd = self.fd, None
        if "b" in mode:
            return os.fdopen(fd, mode)  # type: ignore[arg-type]
        return os.fdopen(fd, mode, encoding=encoding, newline=newline)  # type: ignore[arg-type]

    def failed(self, err: OSError) -> RefkitError:
        kept = "the existing file is unchanged" if self.real.exists() else "nothing was written"
        return RefkitError(f"{self.shown}: cannot write: {_why(err)}; {kept}")

    def publish(self) -> None:
        _publish(self.temp, self.real, overwrite=self.overwrite, shown=self.shown)

    def discard(self) -> None:
        if self.fd is not None:
            with contextlib.suppress(OSError):
                os.close(self.fd)
            self.fd = None
        with contextlib.suppress(OSError):
            self.temp.unlink(missing_ok=True)


@contextlib.contextmanager
def atomic_open(
    path: str | os.PathLike[str],
    *,
    overwrite: bool = False,
    mode: str = "w",
    encoding: str | None = "utf-8",
    newline: str | None = None,
    protect: Iterable[str | os.PathLike[str]] = (),
) -> Iterator[IO[Any]]:
    """Open a temporary file beside ``path``; on success it replaces ``path`` in one step.

    A crash or an exception inside the block leaves any old file untouched and
    no temporary file behind. What may be replaced is decided by
    :func:`check_output` (regular files only; a symbolic link is written
    through; nothing in ``protect``); an existing file is refused unless
    ``overwrite`` (even one that appears while writing). Problems of the disk
    (full, read-only, permission denied) become one-line :class:`RefkitError`.

    Parameters
    ----------
    path : str or path-like
        The file to write; checked with :func:`check_output`.
    overwrite : bool, default False
        Allow replacing an existing regular file.
    mode : str, default "w"
        ``"w"`` for text or ``"wb"`` for bytes.
    encoding : str or None, default "utf-8"
        Text encoding (None in binary mode).
    newline : str or None, optional
        As for :func:`open`.
    protect : iterable of path-like, default ()
        Files and folders this run reads; writing onto or into them is refused.

    Returns
    -------
    context manager of file object
        A handle on a temporary file in the same folder, renamed onto ``path``
        when the block ends without an error (removed otherwise).

    Raises
    ------
    RefkitError
        If the path is refused or the file cannot be written.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> target = pathlib.Path(tempfile.mkdtemp()) / "notes.txt"
    >>> with atomic_open(target) as fh:
    ...     _ = fh.write("hello")
    >>> target.read_text()
    'hello'
    """
    staged = _Staged(path, overwrite=overwrite, protect=protect)
    try:
        with staged.open(mode, encoding, newline) as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        staged.publish()
    except BaseException as err:
        staged.discard()
        if isinstance(err, OSError):
            raise staged.failed(err) from err
        raise


def write_files(
    files: Mapping[str | os.PathLike[str], bytes],
    *,
    overwrite: bool = False,
    protect: Iterable[str | os.PathLike[str]] = (),
) -> list[Path]:
    """Write several files all or nothing; return their paths.

    Every path is checked (:func:`check_output`) and every file written to a
    temporary file beside it before any is published; a failure on the way
    (a refused path, a full disk) leaves every old file as it was and no
    temporary file behind.

    Parameters
    ----------
    files : mapping of path-like to bytes
        Each file's path and content.
    overwrite : bool, default False
        Allow replacing existing regular files.
    protect : iterable of path-like, default ()
        Files and folders this run reads; writing onto or into them is refused.

    Returns
    -------
    list of Path
        The paths written, in the order given.

    Raises
    ------
    RefkitError
        If any path is refused (then nothing is written) or a file cannot be written.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "b.txt").write_text("old")
    >>> write_files({folder / "a.txt": b"a", folder / "b.txt": b"b"})
    Traceback (most recent call last):
    ...
    refkit._errors.RefkitError: ...b.txt: file already exists; choose another name or allow overwriting (--force)
    >>> sorted(p.name for p in folder.iterdir())
    ['b.txt']
    """
    protect = list(protect)
    for path in files:
        check_output(path, overwrite=overwrite, protect=protect)  # refuse before writing anything
    staged: list[_Staged] = []
    published: list[_Staged] = []
    current: _Staged | None = None
    try:
        for path, data in files.items():
            current = _Staged(path, overwrite=overwrite, protect=protect)
            staged.append(current)
            with current.open("wb", None, None) as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
        for item in staged:
            current = item
            item.publish()
            published.append(item)
    except BaseException as err:
        for item in staged:
            item.discard()
        if not overwrite:  # everything published so far was new: take it back
            for item in published:
                with contextlib.suppress(OSError):
                    item.real.unlink()
        if isinstance(err, OSError) and current is not None:
            raise current.failed(err) from err
        raise
    return [Path(path) for path in files]


def _publish(temp: Path, target: Path, *, overwrite: bool, shown: Path | None = None) -> None:
    """Move the finished temporary file into place (never clobbering unless asked).

    ``target`` is the real file (symbolic links already resolved). Just before
    the move it is checked again, so that a device or a pipe that appeared
    meanwhile is not replaced.
    """
    shown = shown or target
    now = _lookup(target, follow=False)
    if now is not None and (stat.S_ISLNK(now.st_mode) or _kind(now.st_mode) is not None):
        raise RefkitError(f"{shown}: changed while refkit was writing (now not a regular file); nothing replaced")
    if not overwrite:
        try:
            os.link(temp, target)  # atomic and fails if the target appeared meanwhile
        except FileExistsError as err:
            raise RefkitError(f"{shown}: {_EXISTS}") from err
        except OSError:  # hard links not supported here
            if os.path.lexists(target):
                raise RefkitError(f"{shown}: {_EXISTS}") from None
            os.replace(temp, target)
        else:
            temp.unlink()
        return
    os.replace(temp, target)


# ---------------------------------------------------------------------------
# Streams (standard output)
# ---------------------------------------------------------------------------


def _is_stream(path: object) -> bool:
    return not isinstance(path, (str, os.PathLike)) and hasattr(path, "write")


def _stream_name(stream: object) -> str:
    name = getattr(stream, "name", None)
    return "standard output" if name in ("<stdout>", 1) else str(name or "stream")


@contextlib.contextmanager
def _stream_text(stream: IO[bytes], *, encoding: str) -> Iterator[IO[str]]:
    """A text layer over a binary ``stream`` that is flushed and detached afterwards (not closed)."""
    raw = getattr(stream, "buffer", stream)  # a text stream given: write to its bytes
    try:
        if isinstance(raw, io.TextIOBase):  # a text stream without a byte layer (io.StringIO)
            if encoding == "utf-8-sig":
                raw.write("\ufeff")
            yield raw  # type: ignore[misc]
            raw.flush()
            return
        handle = io.TextIOWrapper(raw, encoding=encoding, newline="")  # type: ignore[arg-type]
        try:
            yield handle
            handle.flush()
        finally:
            with contextlib.suppress(ValueError, OSError):
                handle.detach()
    except BrokenPipeError:
        raise
    except OSError as err:
        raise RefkitError(f"{_stream_name(stream)}: cannot write: {_why(err)}") from err
