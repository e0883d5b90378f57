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
  complete.

Tuple and list cells are written joined by ``"; "``; missing values are empty
cells; dates without a time are written ``YYYY-MM-DD``. A named index (e.g. a
``key`` index) is written as the first column(s).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import re
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any

import pandas as pd

from refkit._errors import RefkitError
from refkit._text import EMAIL_PATTERN, EMAIL_PLACEHOLDER, INVISIBLE, clean_text

__all__ = ["EMAIL_PATTERN", "EMAIL_PLACEHOLDER", "atomic_open", "write_bytes", "write_text", "FORMULA_PREFIXES", "neutralize", "safe_frame", "unneutralize", "write_csv"]

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
_NEEDS_QUOTES = frozenset(',;\t|"\r\n')


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
    if _NEEDS_QUOTES.isdisjoint(text):
        return text
    return '"' + text.replace('"', '""') + '"'


def _is_missing(value: Any) -> bool:
    if value is None or isinstance(value, (list, tuple, dict, set)):
        return value is None
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def _cell(value: Any, *, include_email: bool) -> Any:
    """One cell as written: text neutralised and scrubbed, numbers untouched."""
    if isinstance(value, str):  # the common case first
        return neutralize(clean_text(value, multiline=True, keep_emails=include_email))
    if _is_missing(value):
        return ""
    if isinstance(value, (list, tuple, set, frozenset)):
        items = sorted(value, key=str) if isinstance(value, (set, frozenset)) else value
        value = "; ".join("" if _is_missing(v) else str(v) for v in items)
    elif isinstance(value, (pd.Timestamp, dt.datetime)):
        if value.hour == value.minute == value.second == value.microsecond == 0 and value.tzinfo is None:
            value = value.strftime("%Y-%m-%d")
        else:
            value = value.isoformat(sep=" ")
    elif isinstance(value, dt.date):
        value = value.isoformat()
    elif not isinstance(value, (bool, int, float, str)) and not hasattr(value, "dtype"):
        value = str(value)
    if isinstance(value, str):
        # one cleaning path for every medium: no invisible or control characters, then no
        # e-mail addresses (unless asked), then no formula in any segment
        return neutralize(clean_text(value, multiline=True, keep_emails=include_email))
    return value


def safe_frame(frame: pd.DataFrame, *, include_email: bool = False) -> pd.DataFrame:
    """Return a copy of ``frame`` as it will be written: safe text, no e-mails.

    Numeric, boolean and datetime columns keep their dtype; every other column
    becomes ``object`` holding neutralised strings (or numbers left as they
    were). A named index becomes the first column(s). ``frame`` is not modified.

    Examples
    --------
    >>> df = pd.DataFrame({"name": ["=cmd", "Ann"], "email": ["a@b.io", None],
    ...                    "note": ["mail ann@x.org", ("a", "b")], "delta": [-2, 3]})
    >>> safe_frame(df).to_dict("list")
    {'name': ["'=cmd", 'Ann'], 'note': ['mail [e-mail removed]', 'a; b'], 'delta': [-2, 3]}
    """
    if not isinstance(frame, pd.DataFrame):
        raise RefkitError(f"expected a DataFrame to export, got {type(frame).__name__}")
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
            cells = [_cell(v, include_email=include_email) for v in series.tolist()]
            columns[name] = pd.Series(cells, index=out.index, dtype=object)
    result = pd.DataFrame(columns, index=out.index)
    result.columns = [neutralize(clean_text(str(c), keep_emails=include_email)) for c in out.columns]
    return result


def _format(value: Any) -> str:
    """Text of one already-safe cell."""
    if _is_missing(value):
        return ""
    if isinstance(value, (pd.Timestamp, dt.datetime, dt.date)):
        return str(_cell(value, include_email=True))
    if hasattr(value, "item"):  # numpy scalar
        value = value.item()
    return str(value)


def write_csv(
    frame: pd.DataFrame,
    path: str | os.PathLike[str],
    *,
    bom: bool = False,
    include_email: bool = False,
    overwrite: bool = False,
) -> Path:
    """Write ``frame`` as a formula-safe CSV, atomically; return the path written.

    Parameters
    ----------
    frame : DataFrame
        The table to write (not modified).
    path : str or PathLike
        The file to write; its folder must exist.
    bom : bool
        Start the file with a UTF-8 byte-order mark (for Excel).
    include_email : bool
        Keep e-mail columns and addresses (off by default).
    overwrite : bool
        Replace an existing file; by default an existing file is refused.

    Raises
    ------
    RefkitError
        When the file exists and ``overwrite`` is false, or it cannot be written.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> out = write_csv(pd.DataFrame({"name": ["=1+1", "Ann, Jr"], "n": [-2, 3]}), folder / "x.csv")
    >>> out.read_bytes()
    b'name,n\\r\\n\\'=1+1,-2\\r\\n"Ann, Jr",3\\r\\n'
    """
    safe = safe_frame(frame, include_email=include_email)
    with atomic_open(path, overwrite=overwrite, encoding="utf-8-sig" if bom else "utf-8",
                     newline="") as handle:
        writer = _Writer(handle)
        writer.writerow(safe.columns)
        for row in safe.itertuples(index=False, name=None):
            writer.writerow([_format(v) for v in row])
    return Path(path)


def write_text(text: str, path: str | os.PathLike[str], *, overwrite: bool = False) -> Path:
    """Write ``text`` (UTF-8) to ``path`` atomically, refusing to replace a file unless asked.

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
    return write_bytes(text.encode("utf-8"), path, overwrite=overwrite)


def write_bytes(data: bytes, path: str | os.PathLike[str], *, overwrite: bool = False) -> Path:
    """Write ``data`` to ``path`` atomically (temp file + rename), as :func:`write_text`."""
    with atomic_open(path, overwrite=overwrite, mode="wb") as handle:
        handle.write(data)
    return Path(path)


@contextlib.contextmanager
def atomic_open(
    path: str | os.PathLike[str],
    *,
    overwrite: bool = False,
    mode: str = "w",
    encoding: str | None = "utf-8",
    newline: str | None = None,
) -> Iterator[IO[Any]]:
    """Open a temporary file beside ``path``; on success it replaces ``path`` in one step.

    A crash or an exception inside the block leaves any old file untouched and
    no temporary file behind. An existing ``path`` is refused unless
    ``overwrite`` (even one that appears while writing).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> target = pathlib.Path(tempfile.mkdtemp()) / "notes.txt"
    >>> with atomic_open(target) as fh:
    ...     _ = fh.write("hello")
    >>> target.read_text()
    'hello'
    """
    target = Path(path)
    if target.is_dir():
        raise RefkitError(f"{target}: is a folder; expected a file name")
    if target.exists() and not overwrite:
        raise RefkitError(f"{target}: file already exists; choose another name or allow overwriting (--force)")
    if not target.parent.is_dir():
        raise RefkitError(f"{target}: folder {target.parent} does not exist")
    binary = "b" in mode
    try:
        handle = tempfile.NamedTemporaryFile(
            mode, encoding=None if binary else encoding, newline=None if binary else newline,
            dir=target.parent, prefix=f".{target.name}.", suffix=".tmp", delete=False,
        )  # fmt: skip
    except OSError as err:
        raise RefkitError(f"{target}: cannot write in {target.parent}: {err.strerror or err}") from err
    temp = Path(handle.name)
    try:
        with handle:
            os.chmod(temp, target.stat().st_mode & 0o777 if target.exists() else 0o644)
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        _publish(temp, target, overwrite=overwrite)
    except BaseException as err:
        temp.unlink(missing_ok=True)
        if isinstance(err, OSError):
            raise RefkitError(f"{target}: cannot write: {err.strerror or err}") from err
        raise


def _publish(temp: Path, target: Path, *, overwrite: bool) -> None:
    """Move the finished temporary file into place (never clobbering unless asked)."""
    if not overwrite:
        try:
            os.link(temp, target)  # atomic and fails if the target appeared meanwhile
        except FileExistsError as err:
            raise RefkitError(f"{target}: file already exists; choose another name or allow overwriting (--force)") from err
        except OSError:  # hard links not supported here
            if target.exists():
                raise RefkitError(f"{target}: file already exists; choose another name or allow overwriting (--force)") from None
            os.replace(temp, target)
        else:
            temp.unlink()
        return
    os.replace(temp, target)
