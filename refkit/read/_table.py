"""The CSV table of one file: its records read below the header, mapped to fields, with the row log."""

from __future__ import annotations

import contextlib
import csv
import functools
import io
import warnings
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import islice
from sys import intern

import numpy as np
import pandas as pd

from refkit._errors import FileFormatError
from refkit.read._decode import _decode, _utf16
from refkit.read._header import (
    _LINE,
    HEADER_SCAN_LINES,
    _find_header,
    _Header,
    _iter_lines,
    _no_header_error,
    _physical_lines,
    _skip_lines,
    _split,
)
from refkit.read._kinds import _norm_header, _Spec
from refkit.read._log import _Log
from refkit.read._results import ReadResult
from refkit.read._source import Source, _display, _load

MAX_FIELD_CHARS = 64 * 1024 * 1024
"""Longest CSV field read; a record with a longer one is skipped with a warning
(the csv module holds a field at 4 bytes per character while reading it)."""


MAX_RECORD_LINES = 10
"""Most physical lines one record may span in files whose fields are one line
(Connections.csv, captures, edge lists ...); a quoted field running further is a
stray quote: reading resumes at the next line."""

MAX_MULTILINE_RECORD_LINES = 10_000
"""The same for files with multi-line text (messages, invitations, positions,
profile): LinkedIn caps a message at 8,000 characters."""


@contextlib.contextmanager
def _big_fields() -> Iterator[None]:
    """Allow large CSV fields (long messages, up to :data:`MAX_FIELD_CHARS`) during a read."""
    old = csv.field_size_limit()
    csv.field_size_limit(MAX_FIELD_CHARS)
    try:
        yield
    finally:
        csv.field_size_limit(old)


@dataclass
class _Table:
    display: str
    spec: _Spec
    header: _Header
    columns: dict[str, list[str]]  # field -> stripped values ('' = missing)
    extra: dict[str, list[str]]  # unknown columns by header text (kept for edges)
    lines: list[int]
    log: _Log
    notes: list[str] = field(default_factory=list)

    @property
    def n(self) -> int:
        return len(self.lines)

    def col(self, name: str) -> list[str]:
        return self.columns.get(name) or [""] * self.n


# files whose cells hold several lines: the archive's messages and texts, and refkit's ranked lists
# (invitation notes and referral requests)
_MULTILINE_KINDS = frozenset({"messages", "invitations", "positions", "profile", "ranked",
                              "recommendations", "applications"})
_LONE_NOTES = (
    "LinkedIn's preamble ('Notes:') again in the middle of the file: were two exports "
    "pasted into one file? Skipped"
)


_DELIMITER_NOTES = {";": "';' delimiter", "\t": "tab delimiter", "|": "'|' delimiter"}


def _table(
    path: Source,
    name: str | None,
    specs: tuple[_Spec, ...],
    *,
    data: bytes | None = None,
    display: str | None = None,
) -> _Table:
    """Read a file into its table: decoded, header found, records read and fitted to the header."""
    display = display or _display(path, name)
    if data is None:
        data = _load(path, display)
    notes: list[str] = []
    log = _Log(display)
    if _FAST and _maybe_utf8(data):
        table = _utf8_table(data, display, specs, notes, log)
        if table is not None:
            return table
    text = _decode(data, display, notes, log)
    del data  # the text alone from here: a large file is not held twice
    header = _find_header(text, specs)
    if header is None:
        raise _no_header_error(text, display, specs)
    spec = header.matches[0]
    if header.delimiter != ",":
        notes.append(_DELIMITER_NOTES[header.delimiter])
    layout = _Layout(spec, header.cells)
    fast: dict[int, list[str]] = {}
    lines: list[int] = []
    resume: tuple[int, int] | None = (header.line, header.offset)
    body = _body(text, header) if _FAST else None
    if body is not None:
        fast, lines, resume = _fast(text, body, header.line + 1, header.delimiter, layout)
    rows: list[list[str]] = []
    if resume is not None:
        rows, slow_lines = _careful(text, header, layout, log, resume)
        lines += slow_lines
    del text  # the cells are read: freed before the columns are made
    return _finished(display, header, layout, fast, rows, lines, log, notes)


def _utf8_table(
    data: bytes, display: str, specs: tuple[_Spec, ...], notes: list[str], log: _Log
) -> _Table | None:
    """:func:`_table` for a file that may be UTF-8, read from its bytes (never all held as
    text, a string of 1 to 4 bytes per character, unless the careful reader is needed);
    None when it has to be read as :func:`_table` reads the others (it is not all UTF-8,
    its header is not in its first lines ...). Nothing is logged before it is known."""
    bom = 3 if data.startswith(b"\xef\xbb\xbf") else 0
    cut = len(data) if len(data) <= _HEAD_BYTES else data.rfind(b"\n", 0, _HEAD_BYTES) + 1
    try:
        head = data[:cut].decode("utf-8-sig")
    except UnicodeDecodeError:
        return None
    if cut < len(data) and len(_physical_lines(head, HEADER_SCAN_LINES)) < HEADER_SCAN_LINES:
        return None  # long lines: the first ten are not all in the head
    header = _find_header(head, specs)
    body = None if header is None else _body(head, header)
    if header is None or body is None:
        return None
    layout = _Layout(header.matches[0], header.cells)
    at = bom + len(head[:body].encode("utf-8"))
    del head
    fast, lines, resume = _fast(data, at, header.line + 1, header.delimiter, layout)
    rows: list[list[str]] = []
    if resume is not None:
        line, resume_at = resume
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            return None  # not all UTF-8: decoded line by line, as _table does
        offset = len(data[bom:resume_at].decode("utf-8"))  # the same place in the text
        del data
        rows, slow_lines = _careful(text, header, layout, log, (line, offset))
        lines += slow_lines
        del text
    if header.delimiter != ",":
        notes.append(_DELIMITER_NOTES[header.delimiter])
    return _finished(display, header, layout, fast, rows, lines, log, notes)


def _careful(text: str, header: _Header, layout: _Layout, log: _Log,
             start: tuple[int, int]) -> tuple[list[list[str]], list[int]]:
    """The rows from ``start`` (a line and its offset in ``text``) on, read the careful way."""
    with _big_fields():
        return _Records(text, header, layout, log).read(start)


_HEAD_BYTES = 1 << 16
"""How much of a UTF-8 file is decoded to find its header (whole lines)."""


def _maybe_utf8(data: bytes) -> bool:
    """True when :func:`_decode` reads ``data`` as UTF-8 if it is (not empty, no UTF-16, no NUL, not a zip)."""
    # not blank: ``data.strip()`` would be a copy of the whole file
    return (bool(data) and not data.isspace() and _utf16(data) is None and data[:2] != b"PK"
            and b"\x00" not in data)


def _body(text: str, header: _Header) -> int | None:
    """Where the line after the header starts in ``text``; None when the header record
    runs over several lines (then the careful reader reads it all)."""
    reader = csv.reader(_iter_lines(text, header.offset), delimiter=header.delimiter)
    try:
        next(reader)  # the header itself, as the careful reader reads it
    except (csv.Error, StopIteration):  # pragma: no cover - header was parsed above
        return None
    first = _LINE.match(text, header.offset)
    return None if first is None or reader.line_num != 1 else first.end()


def _finished(
    display: str,
    header: _Header,
    layout: _Layout,
    fast: dict[int, list[str]],
    rows: list[list[str]],
    lines: list[int],
    log: _Log,
    notes: list[str],
) -> _Table:
    """The table from the rows read fast (columns) and then carefully (rows)."""
    if layout.grown:
        total = layout.size
        for r in rows:
            if len(r) < total:
                r.extend([""] * (total - len(r)))
    done = len(lines) - len(rows)  # rows read by the fast path, above the others
    columns = {target: _column(fast, j, done, rows) for target, j in layout.index.items()}
    extra = {key: _column(fast, j, done, rows) for key, j in layout.extra.items()}
    return _Table(display, layout.spec, header, columns, extra, lines, log, notes)


def _column(fast: dict[int, list[str]], j: int, done: int, rows: list[list[str]]) -> list[str]:
    """Column ``j``'s stripped values: the fast path's, then the slow path's rows."""
    head = fast.get(j)
    if head is None:
        head = [""] * done  # a column only a second header (read slowly) brought
    return head + [r[j].strip() for r in rows] if rows else head


_FAST = True
"""Read the clean stretches of a file at C speed (False: every line the careful way; for tests)."""

_CHUNK_CHARS = 1 << 22
"""About how many characters (or bytes) the fast path reads at a time (whole lines)."""


def _fast(
    buffer: str | bytes, at: int, line: int, delimiter: str, layout: _Layout
) -> tuple[dict[int, list[str]], list[int], tuple[int, int] | None]:
    """The clean lines of ``buffer`` (the text, or the bytes of a UTF-8 file) from offset
    ``at`` (line ``line``), read at C speed a chunk of lines at a time.

    A chunk is clean when each of its records is one physical line (so the line
    numbers are known), it reads without error, it holds no NUL, and no row needs
    a word in the row log: every row as wide as the header, with nothing in the cells
    past the header's names, and no first cell that may start a second header or
    preamble (blank rows are dropped, as the careful reader drops them). Returns the
    stripped cells by position of the columns the layout uses, the line of each row,
    and ``(line, offset)`` where the careful reader (:class:`_Records`) must take
    over (None: all clean).
    """
    wanted = sorted(set(layout.index.values()) | set(layout.extra.values()))
    columns: dict[int, list[str]] = {j: [] for j in wanted}
    lines: list[int] = []
    markers = _markers(layout.spec, layout.cells)
    newline = "\n" if isinstance(buffer, str) else b"\n"
    while at < len(buffer):
        end = buffer.find(newline, at + _CHUNK_CHARS)  # type: ignore[arg-type]
        end = len(buffer) if end < 0 else end + 1
        chunk = buffer[at:end]
        try:
            data = chunk.encode("utf-8") if isinstance(chunk, str) else chunk
        except UnicodeEncodeError:  # a lone surrogate
            return columns, lines, (line, at)
        del chunk
        read = _fast_chunk(data, line, delimiter, layout, markers)
        if read is None:
            return columns, lines, (line, at)
        cells, numbers, count = read
        for j in wanted:
            columns[j] += cells[j]
        lines += numbers
        line, at = line + count, end
    return columns, lines, None


def _fast_chunk(
    chunk: bytes, line: int, delimiter: str, layout: _Layout, markers: frozenset[str]
) -> tuple[dict[int, list[str]], list[int], int] | None:
    """:func:`_fast` for one chunk of whole lines (UTF-8) starting on ``line``: ``(stripped cells
    by position, the line of each row, the number of physical lines)``, or None when it is not clean.

    The chunk is read by pandas' C parser, whose cells are the csv module's for records of
    one line each (the same quoting rules); the checks prove that every record is one line
    (as many rows as lines, no quote left open) and has exactly the header's number of
    fields (each line's delimiters outside its cells: :func:`_all_fields`), as the careful
    reader would find them.
    """
    if b"\x00" in chunk or len(chunk) > MAX_FIELD_CHARS or chunk.startswith(b"\xef\xbb\xbf"):
        return None  # NUL rows; a field the csv module refuses; a BOM pandas would drop
    if b"\r" in chunk:  # the line breaks _LINE knows (\r\n, \r, \n), as one
        chunk = chunk.replace(b"\r\n", b"\n").replace(b"\r", b"\n")
    count = chunk.count(b"\n") + (not chunk.endswith(b"\n"))
    fields = layout.size  # the header's cells
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            frame = pd.read_csv(
                io.BytesIO(chunk), sep=delimiter, header=None, names=range(fields), index_col=False,
                dtype=object, na_filter=False, keep_default_na=False, skip_blank_lines=False,
                quotechar='"', doublequote=True, escapechar=None, comment=None,
                skipinitialspace=False, engine="c", encoding="utf-8", low_memory=False,
            )
    except (ValueError, UnicodeError, pd.errors.ParserError, Warning):
        return None  # a quote left open at the end, too many fields, not UTF-8 ...
    if len(frame) != count:
        return None  # a quoted field over several lines (real or a stray quote): read carefully
    raw = frame.to_numpy(dtype=object).T.tolist()
    del frame
    if "" in raw[-1] and not _all_fields(chunk, raw, count, delimiter):
        return None  # a row of another width
    width = layout.width
    if fields > width and "".join(map("".join, raw[width:])).strip():
        return None  # cells past the header: too many fields
    if not markers.isdisjoint(raw[0]):
        hits = [i for i, c in enumerate(raw[0]) if c in markers]
        if any(_special_row(record, layout.spec, None)[0] != "row"
               for record in ([c[i] for c in raw] for i in hits) if "".join(record).strip()):
            return None  # a second preamble or header
    wanted = set(layout.index.values()) | set(layout.extra.values())
    cells = {j: list(map(str.strip, raw[j])) for j in wanted}
    numbers = list(range(line, line + count))
    blank = _blank_rows(cells, raw)
    if blank:
        drop = set(blank)
        numbers = [n for i, n in enumerate(numbers) if i not in drop]
        cells = {j: [c for i, c in enumerate(v) if i not in drop] for j, v in cells.items()}
    return cells, numbers, count


def _all_fields(chunk: bytes, raw: list[list[str]], count: int, delimiter: str) -> bool:
    """True when every line of ``chunk`` (``count`` lines, read into the columns ``raw``)
    has exactly the fields of ``raw``, but for empty lines.

    pandas pads a short row with empty cells (and, on a chunk's first row, takes a
    trailing empty field in silence), so only rows whose last cell is empty may be of
    another width (the caller checks that first). Each line's delimiters, less those
    inside its cells, must be its fields less one: counted line by line (a total could
    let a long row hide a short one).
    """
    data = np.frombuffer(chunk, dtype=np.uint8)
    ends = np.flatnonzero(data == 10)  # each line's "\n" (a last line may have none)
    line_of = functools.partial(np.searchsorted, ends)  # the line of each byte offset
    per_line = np.bincount(line_of(np.flatnonzero(data == ord(delimiter))), minlength=count)[:count]
    if b'"' in chunk:  # delimiters inside quoted cells do not separate fields
        for i in np.unique(line_of(np.flatnonzero(data == 34))).tolist():
            if i < count:
                per_line[i] -= sum(column[i].count(delimiter) for column in raw)
    starts = np.r_[0, ends[:-1] + 1][:count]
    empty = np.zeros(count, dtype=bool)
    empty[: len(ends)] = (ends - starts[: len(ends)]) == 0
    return bool(((per_line == len(raw) - 1) | empty).all())


def _blank_rows(cells: dict[int, list[str]], raw: list[list[str]]) -> list[int]:
    """The rows whose cells are all blank (the careful reader skips them silently);
    ``cells`` the stripped cells of some columns, ``raw`` every column as read."""
    if any("" not in values for values in reversed(cells.values())):
        return []  # a column filled in every row
    fewest = min(cells.values(), key=lambda values: values.count("")) if cells else raw[0]
    return [i for i, c in enumerate(fewest)
            if not c.strip() and not "".join(col[i] for col in raw).strip()]


class _Records:
    """The records below the header, read once: blank lines, NUL rows, stray quotes, a second
    preamble or header and rows of the wrong width handled as they come, noted in the log."""

    def __init__(self, text: str, header: _Header, layout: _Layout, log: _Log) -> None:
        self.text, self.header, self.layout, self.log = text, header, layout, log
        self.spec = layout.spec
        self.delimiter = header.delimiter
        self.width = layout.width
        multiline = self.spec.kind in _MULTILINE_KINDS
        self.limit = MAX_MULTILINE_RECORD_LINES if multiline else MAX_RECORD_LINES
        self.markers = _markers(self.spec, header.cells)
        self.remap: list[int] | None = None  # current layout -> the first header's, after a second header
        self.preamble: int | None = None  # line of a second ``Notes:`` preamble, until its header
        self.rows: list[list[str]] = []
        self.lines: list[int] = []

    def _restart(self, base: int, origin: int) -> None:
        """A fresh csv reader from offset ``origin``, whose line 1 is line ``base + 1``."""
        self.reader = csv.reader(_iter_lines(self.text, origin), delimiter=self.delimiter)
        self.base, self.last = base, 0
        self.seen = (base + 1, origin)  # a line number and its offset, moving forward only

    def read(self, start: tuple[int, int] | None = None) -> tuple[list[list[str]], list[int]]:
        """The rows kept (fitted to the first header's layout) and the line each starts on;
        from ``start`` (a line and its offset) when the lines above it are already read."""
        if start is not None and start != (self.header.line, self.header.offset):
            self._restart(start[0] - 1, start[1])
        else:
            self._restart(self.header.line - 1, self.header.offset)
            try:
                next(self.reader)  # the header itself
            except (csv.Error, StopIteration) as err:  # pragma: no cover - header was parsed above
                raise FileFormatError(
                    f"{self.log.display}, line {self.header.line}: cannot read the header",
                    path=self.log.display, line=self.header.line) from err
            self.last = self.reader.line_num
        has_nul = "\x00" in self.text
        log, markers, rows, lines = self.log, self.markers, self.rows, self.lines
        while (found := self._next()) is not None:
            start, record = found
            if not record or not "".join(record).strip():
                continue  # blank line
            if has_nul and any("\x00" in c for c in record):
                log.skip(start, "contains NUL bytes (binary data, not text)")
                continue
            if (self.preamble is not None or record[0] in markers) and self._special(start, record):
                continue
            size, width = len(record), self.width
            if size > width:
                if any(c.strip() for c in record[width:]):
                    log.skip(start, f"too many fields ({size}, expected {width})")
                    continue
            elif size < width and self.spec.exact_width:
                log.skip(start, f"short row ({size} of {width} fields); skipped: its cells may not be "
                         "in their columns")
                continue
            elif size < width:
                log.warn(start, f"short row ({size} of {width} fields); missing values left empty")
                record = record + [""] * (width - size)
            if self.remap is not None:
                record = [record[k] if k >= 0 else "" for k in self.remap]
            rows.append(record)
            lines.append(start)
        if self.preamble is not None:
            log.warn(self.preamble, _LONE_NOTES)
        return rows, lines

    def _next(self) -> tuple[int, list[str]] | None:
        """The next record and the line it starts on (None at the end); a record the csv
        module cannot read is skipped, going on at the line after the one it started on."""
        while True:
            try:
                record = next(self.reader)
            except StopIteration:
                return None
            except csv.Error as err:
                start = self.base + self.last + 1
                self.log.skip(start, f"cannot read this record ({err})")
                seen_line, seen_at = self.seen
                self._restart(start, _skip_lines(self.text, seen_at, start + 1 - seen_line))
                continue
            start = self.base + self.last + 1
            span = self.reader.line_num - self.last
            self.last = self.reader.line_num
            # a quoted field over several lines (or, on the last line, a short row whose last
            # field runs over delimiters to the end of the file): real, or a stray quote?
            if span > 1 or (record and len(record) < self.width and self.delimiter in record[-1]):
                record = self._multiline(start, record, span)
            return start, record

    def _multiline(self, start: int, record: list[str], span: int) -> list[str]:
        """``record`` as read, or, when it is a stray quote swallowing the lines below, its
        first line read alone (reading goes on with the next line)."""
        seen_line, seen_at = self.seen
        at = _skip_lines(self.text, seen_at, start - seen_line)
        self.seen = (start, at)
        runaway = _runaway(self.text, at, record, span, self.width, self.limit, self.delimiter,
                           one_line_fields=self.limit == MAX_RECORD_LINES)
        if runaway is None:
            return record
        record, origin, message = runaway
        self.log.warn(start, message)
        self._restart(start, origin)
        return record

    def _special(self, start: int, record: list[str]) -> bool:
        """True when a row whose first cell looks like a header name or ``Notes:`` is a
        preamble or header row (skipped); a lone preamble before it is warned about."""
        kind, found = _special_row(record, self.spec, self.preamble)
        if kind == "preamble":
            self.preamble = start if self.preamble is None else self.preamble
            self.log.skip(start, "LinkedIn's preamble again", warn=False)
            return True
        if kind == "header":
            assert found is not None
            self._second_header(start, found)
            return True
        if self.preamble is not None:
            self.log.warn(self.preamble, _LONE_NOTES)
            self.preamble = None
        return False

    def _second_header(self, start: int, found: _Layout) -> None:
        """A second header row (two exports pasted into one file): the rows below are read
        by its columns."""
        layout, log, preamble = self.layout, self.log, self.preamble
        if found.keys == layout.keys:
            self.remap, self.width = None, layout.width
            how = ""
        else:
            self.remap, self.width = layout.adopt(found), found.width
            how = "; the rows below are read by its columns"
        if preamble is None:
            log.skip(start, f"a second header row (two exports pasted into one file?){how}")
        else:
            log.skip(start, "a second header row", warn=False)
            log.warn(
                preamble,
                f"a second preamble and header row (lines {preamble} to {start}): "
                f"were two exports pasted into one file? Skipped{how}",
            )
        self.preamble = None


class _Layout:
    """Where each field sits in the rows kept: the first header's columns, plus any
    that a second header (another export pasted below) brought."""

    def __init__(self, spec: _Spec, cells: list[str]) -> None:
        self.spec, self.cells = spec, cells
        self.index: dict[str, int] = {}  # field -> position
        self.extra: dict[str, int] = {}  # unknown column (by header text) -> position
        for j, cell in enumerate(cells):
            key = _norm_header(cell)
            target = spec.columns.get(key)
            if target is not None:
                self.index.setdefault(target, j)
            elif key and spec.keep_extra and cell.strip() not in self.extra:
                self.extra[cell.strip()] = j
        self.keys = [_norm_header(c) for c in cells]
        while self.keys and not self.keys[-1]:
            self.keys.pop()  # trailing empty header cells (``Notes:,,`` style)
        self.width = len(self.keys)
        self.size = max(len(cells), 1)
        self.grown = False

    def adopt(self, other: _Layout) -> list[int]:
        """Positions in ``other``'s rows for each position of ours (-1: not there);
        fields only ``other`` has are added at the end."""
        remap = [-1] * self.size
        for ours, theirs in ((self.index, other.index), (self.extra, other.extra)):
            for column, j in theirs.items():
                if column not in ours:
                    ours[column] = self.size
                    self.size += 1
                    remap.append(-1)
                    self.grown = True
                remap[ours[column]] = j
        return remap


def _markers(spec: _Spec, cells: list[str]) -> frozenset[str]:
    """First cells that may start a header row or a LinkedIn preamble: checked further."""
    names = {c.strip() for c in cells} | {"Notes:", "NOTES:", "notes:"}
    for key in spec.columns:
        names |= {key, key.title(), key.upper(), key.capitalize()}
    return frozenset(names | {"\ufeff" + n for n in names} | {" " + n for n in names})


def _special_row(
    record: list[str], spec: _Spec, preamble: int | None
) -> tuple[str, _Layout | None]:
    """``('preamble' | 'header' | 'row', the layout of a header row)`` for a row whose
    first cell looks like a header name or ``Notes:``."""
    filled = [c for c in record if c.strip()]
    if len(filled) == 1 and (
        preamble is not None or _norm_header(record[0]) == "notes:"
    ):
        return "preamble", None  # ``Notes:``, or the sentence after it
    names = {_norm_header(c) for c in record} - {""}
    if spec.matches(names) and 2 * len(names - set(spec.columns)) < len(names):
        return "header", _Layout(spec, record)
    return "row", None


def _unclosed_quote(line: str, delimiter: str) -> int | None:
    """Where the quote that opens a field and is never closed on ``line`` stands."""
    state, opened = "start", None
    for i, c in enumerate(line):
        if state == "start":
            if c == '"':
                state, opened = "quoted", i
            elif c != delimiter:
                state = "field"
        elif state == "field":
            if c == delimiter:
                state = "start"
        elif state == "quoted":
            if c == '"':
                state = "quote"
        elif c == '"':  # state "quote": a doubled quote inside the field
            state = "quoted"
        else:
            state = "start" if c == delimiter else "field"
    return opened if state == "quoted" else None


def _looks_like_record(line: str, delimiter: str, width: int) -> bool:
    try:
        cells = next(csv.reader([line.rstrip("\r\n")], delimiter=delimiter, strict=True), [])
    except csv.Error:
        return False
    size = len(cells)
    return size >= 2 and (
        size == width or (size > width and not any(c.strip() for c in cells[width:]))
    )


def _closes_first_cell(line: str, delimiter: str) -> bool:
    """Whether ``line``'s first cell ends with the one quote that closes a field the line
    above opened (``Line",Name,...``): that line reads as a record only by its quote."""
    cell = line.split(delimiter, 1)[0].rstrip("\r\n")
    return cell.endswith('"') and cell.count('"') == 1


def _runaway(
    text: str,
    at: int,
    record: list[str],
    span: int,
    width: int,
    limit: int,
    delimiter: str,
    *,
    one_line_fields: bool = False,
) -> tuple[list[str], int, str] | None:
    """A record spanning ``span`` physical lines from offset ``at``: if it is a stray quote
    swallowing the lines below, ``(the first line read alone, where to resume, warning)``.

    It is one when it spans more lines than any real field (``limit``), or when it
    has the wrong number of fields while the lines it swallowed read as records; in
    files whose fields hold one line (``one_line_fields``: Connections.csv, captures
    ...), also when a line it swallowed reads as a whole record of its own (a stray
    quote closed by the next quoted cell: the row count stays right, a person is lost).
    """
    size = len(record)
    wrong = size < width or (size > width and any(c.strip() for c in record[width:]))
    first = _LINE.match(text, at)
    assert first is not None
    resume = first.end()
    if span - 1 <= limit:
        if not wrong:
            swallowed = [m.group() for m in islice(_LINE.finditer(text, resume), min(span - 1, 3))]
            if not (one_line_fields and any(_looks_like_record(line, delimiter, width)
                                            for line in swallowed)):
                return None
            if span == 2 and _closes_first_cell(swallowed[0], delimiter):
                return None  # a line break in a first cell ("Multi⏎Line",...): a spreadsheet wrote it
    line = first.group().rstrip("\r\n")
    quote = _unclosed_quote(line, delimiter) if len(line) <= 100_000 else None
    if quote is not None:
        line = line[:quote] + line[quote + 1 :]
    if span - 1 <= limit and wrong:
        following = [m.group() for m in islice(_LINE.finditer(text, resume), 3)]
        # a runaway when the lines below read as records, or when this one does without its
        # stray quote (on the last line, nothing below to tell by)
        if not (any(_looks_like_record(other, delimiter, width) for other in following)
                or (quote is not None and _looks_like_record(line, delimiter, width))):
            return None
    fixed = _split(line, delimiter) or [line]
    to_end = " (to the end of the file)" if _skip_lines(text, at, span) >= len(text) else ""
    if span == 1:  # the last line: nothing below it to swallow
        return fixed, resume, "a quote on this line is never closed; the stray quote was dropped"
    return (
        fixed,
        resume,
        f"a quote on this line is never closed: it would swallow the next {span - 1:,} "
        f"line{'s' if span > 2 else ''}{to_end}; the stray quote was dropped and reading goes "
        "on with the next line",
    )


_STR = pd.Series([], dtype="str").dtype  # pandas' "str", looked up once


def _strings(values: list[str]) -> pd.Series:
    """A text column (``''`` for missing) as a ``str`` Series with missing values, vectorised."""
    return pd.Series(_string_array(values), copy=False)


def _string_array(values: list[str]) -> pd.api.extensions.ExtensionArray:
    """:func:`_strings` as an array (a table made of arrays aligns no index)."""
    cells = np.array(values, dtype=object) if values else np.empty(0, dtype=object)
    cells[cells == ""] = None
    return pd.array(cells, dtype=_STR)


def _shared_strings(values: list[str]) -> pd.api.extensions.ExtensionArray:
    """:func:`_string_array` with one string object per distinct text (``sys.intern``).

    For the columns that repeat across a coach's pile of exports (names,
    companies, positions): hundreds of thousands of cells share a few thousand
    objects, which saves memory and lets building the network compare them by
    identity and find them in cache. Each distinct text is interned once.
    """
    shared: dict[str, str | None] = {v: intern(v) for v in set(values)}
    if "" in shared:
        shared[""] = None
    return pd.array(np.fromiter(map(shared.__getitem__, values), dtype=object, count=len(values)),
                    dtype=_STR)


def _pick(values: list, keep: list[int]) -> list:
    """The values at the positions ``keep`` lists, in order (``values`` itself when all are kept)."""
    if len(keep) == len(values):
        return values
    # a list comprehension: ``itemgetter(*keep)`` first builds a tuple of every position,
    # twice as slow on a large file
    return [values[i] for i in keep]


def _era(base: str, table: _Table) -> str:
    return base if not table.notes else f"{base}; {', '.join(table.notes)}"


def _result(
    table: _Table, frame: pd.DataFrame, era: str, *, owner: str | None = None
) -> ReadResult:
    table.log.finish()
    return ReadResult(
        frame=frame.reset_index(drop=True),
        path=table.display,
        kind=table.spec.kind,
        era=_era(era, table),
        skipped=tuple(sorted(table.log.skipped, key=lambda pair: pair[0])),
        warnings=tuple(table.log.warnings),
        owner=owner,
    )


def _no_rows(table: _Table, what: str) -> FileFormatError:
    skipped = f" (rows skipped: {len(table.log.skipped)})" if table.log.skipped else ""
    return FileFormatError(
        f"{table.display}, line {table.header.line}: header found but no usable rows "
        f"after it{skipped}; expected {what}",
        path=table.display, line=table.header.line,
    )
