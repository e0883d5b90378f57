"""Read LinkedIn exports and refkit's own capture files into tidy frames.

Every reader takes a path (``str`` or ``os.PathLike``) or the raw ``bytes`` of a
file together with ``name=`` and returns a :class:`ReadResult`. The user's whole
archive (the ``.zip`` LinkedIn sends, or the folder it unpacks to) is read by
:func:`read_export` into an :class:`Archive`.

What the readers tolerate (see ``docs/FORMATS.md``):

- every era of ``Connections.csv`` (2018 without preamble or URL, 2021-2023
  without URL, 2023+ with URL); the header is found by scanning the first
  lines, never by a fixed ``skiprows``;
- UTF-8 with or without BOM, cp1252, UTF-16 (by BOM); ``,``, ``;`` or tab as
  delimiter (sniffed from the header line); LF, CRLF or CR line endings;
- columns mapped by name, case-insensitively; unknown columns ignored;
- dates such as ``08 Feb 2021``, ``08.02.2021``, ``04-May-22``,
  ``4/5/18, 9:12 AM``, ``2021-05-03 10:11:12 UTC`` and ``Jan 2019``.

- files that are not all UTF-8 decoded line by line (UTF-8 lines as UTF-8, the
  others as cp1252 or Mac Roman), with a warning naming the lines;
- a stray quote: a quoted field that runs over more lines than any real field
  (or has the wrong number of fields while the lines it swallowed read as
  rows) is undone, and reading goes on with the next line;
- two exports pasted into one file: a second preamble and header row are
  skipped, and rows below a header of another era are read by its columns.

Row-level problems (a short row, a row with too many fields, a date that does
not parse or cannot be real, a mutual count over LinkedIn's 30,000 cap, a row
holding NUL bytes, a row without a name) become :class:`~refkit.RefkitWarning`
warnings naming the line; the rest of the file is imported. A file that cannot
be used raises :class:`~refkit.RefkitError` naming the file, the line and what
was expected (text from the file is shown only as a short, escaped excerpt).
Rows with too many (non-empty) fields are skipped; short rows are padded with
empty values and kept.

Only regular files are read, each once and at most :data:`MAX_MEMBER_BYTES`; a
pipe given as an open descriptor (``/dev/stdin``, ``<(...)``) is read once with
the same bound; named pipes, devices and sockets are refused.

Frames per kind (besides ``line``, the 1-based physical line a record starts on):

- ``connections``: ``first_name, last_name, profile_url, email, company,
  position, connected_on``;
- ``mutuals`` / ``search_export``: ``name, profile_url, company, position,
  mutual_count, mutual_names`` (+ ``connection_degree``);
- ``edges``: ``source, target`` + the file's extra columns;
- ``messages``: ``conversation_id, sender, sender_url, recipients,
  recipient_urls, sent_at, content_length, is_draft`` (drafts are dropped and
  listed in ``skipped``; ``recipients`` and ``recipient_urls`` are LinkedIn's raw
  strings, several values separated by ``,``);
- ``invitations``: ``from_name, to_name, sent_at, message, direction,
  inviter_url, invitee_url``;
- ``positions``: ``company, title, started_on, finished_on`` (NaT = current);
- ``profile``: ``first_name, last_name, headline``.
"""

from __future__ import annotations

import contextlib
import csv
import io
import os
import re
import stat
import warnings
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from itertools import islice
from pathlib import PurePosixPath
from sys import intern

import numpy as np
import pandas as pd

from refkit._errors import RefkitError, RefkitWarning, warn_row, where
from refkit._limits import FIRST_YEAR, MAX_CONNECTIONS
from refkit._text import clean_text, truncate

__all__ = [
    "Archive",
    "ReadResult",
    "detect_kind",
    "read_any",
    "read_connections",
    "read_edges",
    "read_export",
    "read_invitations",
    "read_messages",
    "read_mutuals",
    "read_positions",
    "read_profile",
    "read_owners",
    "read_shared",
    "read_tags",
    "shared_exports",
]

Source = str | os.PathLike[str] | bytes

MAX_MEMBER_BYTES = 200 * 1024 * 1024
"""Largest file refkit reads: an uncompressed archive member (zip-bomb guard), a
file on disk or what arrives through a pipe. An optional archive file over it is
left out with a warning; a Connections.csv over it is refused."""

MAX_FIELD_CHARS = 64 * 1024 * 1024
"""Longest CSV field read; a record with a longer one is skipped with a warning
(the csv module holds a field at 4 bytes per character while reading it)."""

_ZIP_CHUNK = 1 << 20  # archive members are inflated this many bytes at a time

HEADER_SCAN_LINES = 10
"""How many physical lines are searched for the header row."""

MAX_RECORD_LINES = 10
"""Most physical lines one record may span in files whose fields are one line
(Connections.csv, captures, edge lists ...); a quoted field running further is a
stray quote: reading resumes at the next line."""

MAX_MULTILINE_RECORD_LINES = 10_000
"""The same for files with multi-line text (messages, invitations, positions,
profile): LinkedIn caps a message at 8,000 characters."""

LINKEDIN_START = date(FIRST_YEAR, 1, 1)
"""LinkedIn started in 2003: a connection, message or invitation dated before is not real."""

EARLIEST_POSITION = date(1900, 1, 1)
"""Positions may predate LinkedIn (a career started in 1995); before this they are not real."""

_MAX_EMITTED = 50  # row warnings emitted one by one; the rest are summarised
_DELIMITERS = (",", ";", "\t", "|")
_DATE_DTYPE = "datetime64[us]"


# --------------------------------------------------------------------------- results


@dataclass(frozen=True, repr=False, eq=False)
class ReadResult:
    """The rows of one file and what was noticed while reading it.

    Attributes
    ----------
    frame : pandas.DataFrame
        The rows, with a fresh RangeIndex (columns depend on ``kind``).
    path : str
        Display name, e.g. ``Connections.csv`` or ``archive.zip:Connections.csv``.
    kind : str
        ``connections``, ``mutuals``, ``search_export``, ``edges``, ``messages``,
        ``invitations``, ``positions`` or ``profile``.
    era : str
        Human description of the format, e.g. ``2023+ (with URL)``.
    skipped : tuple of (int, str)
        ``(line, reason)`` of rows that were not imported.
    warnings : tuple of str
        Row-level warnings (also emitted as :class:`~refkit.RefkitWarning`).
    owner : str or None
        For shared exports: whose connections these are (a name or profile URL).
    """

    frame: pd.DataFrame
    path: str
    kind: str
    era: str
    skipped: tuple[tuple[int, str], ...] = ()
    warnings: tuple[str, ...] = ()
    owner: str | None = None

    def __repr__(self) -> str:
        owner = f", owner={self.owner!r}" if self.owner is not None else ""
        return (
            f"ReadResult(kind={self.kind!r}, path={self.path!r}, era={self.era!r}, "
            f"rows={len(self.frame)}, skipped={len(self.skipped)}, "
            f"warnings={len(self.warnings)}{owner})"
        )


@dataclass(frozen=True, repr=False, eq=False)
class Archive:
    """The user's LinkedIn export: connections plus the other useful files.

    ``connections`` is always present; the others are None when the file is
    absent (or could not be used, with a :class:`~refkit.RefkitWarning`).
    """

    path: str
    connections: ReadResult
    messages: ReadResult | None = None
    invitations: ReadResult | None = None
    positions: ReadResult | None = None
    profile: ReadResult | None = None
    notes: tuple[str, ...] = ()
    """What the archive itself warned about (a side file not used, a second Connections.csv,
    a link out of the folder), beside each file's own warnings."""

    def parts(self) -> list[ReadResult]:
        """The files read, Connections.csv first."""
        found = (self.connections, self.messages, self.invitations, self.positions, self.profile)
        return [part for part in found if part is not None]

    def __repr__(self) -> str:
        parts = [f"path={self.path!r}", f"connections={len(self.connections.frame)} rows"]
        for name in ("messages", "invitations", "positions", "profile"):
            res = getattr(self, name)
            parts.append(f"{name}={'None' if res is None else f'{len(res.frame)} rows'}")
        return f"Archive({', '.join(parts)})"


# --------------------------------------------------------------------------- file kinds


@dataclass(frozen=True)
class _Spec:
    kind: str
    title: str  # the file people know, for messages
    columns: dict[str, str]  # normalised header -> field
    required: tuple[tuple[str, ...], ...]  # each entry: any of these headers
    expected: str  # for messages: which columns are needed

    def matches(self, names: set[str]) -> bool:
        return all(any(alt in names for alt in alts) for alts in self.required)


_CONNECTIONS = _Spec(
    "connections",
    "Connections.csv",
    {
        "first name": "first_name",
        "last name": "last_name",
        "url": "profile_url",
        "profile url": "profile_url",
        "email address": "email",
        "email": "email",
        "company": "company",
        "position": "position",
        "connected on": "connected_on",
    },
    (("first name",), ("connected on",)),
    "First Name, Last Name, Connected On",
)
_SEARCH = _Spec(
    "search_export",
    "search export",
    {
        "profileurl": "profile_url",
        "fullname": "name",
        "firstname": "first_name",
        "lastname": "last_name",
        "companyname": "company",
        "title": "position",
        "connectiondegree": "connection_degree",
        "sharedconnectionscount": "mutual_count",
    },
    (("profileurl",), ("fullname", "firstname")),
    "profileUrl, fullName, companyName, title, connectionDegree, sharedConnectionsCount",
)
_MUTUALS = _Spec(
    "mutuals",
    "refkit mutuals template",
    {
        "name": "name",
        "url": "profile_url",
        "profile url": "profile_url",
        "company": "company",
        "position": "position",
        "mutual count": "mutual_count",
        "mutual connections": "mutual_names",
    },
    (("name", "url", "profile url"), ("mutual count", "mutual connections")),
    "Name, URL, Company, Position, Mutual Count, Mutual Connections",
)
_EDGES = _Spec(
    "edges",
    "edge list",
    {"source": "source", "target": "target"},
    (("source",), ("target",)),
    "source, target",
)
_INVITATIONS = _Spec(
    "invitations",
    "LinkedIn Invitations.csv",
    {
        "from": "from_name",
        "to": "to_name",
        "sent at": "sent_at",
        "message": "message",
        "direction": "direction",
        "inviterprofileurl": "inviter_url",
        "inviteeprofileurl": "invitee_url",
    },
    (("from",), ("to",), ("sent at",)),
    "From, To, Sent At, Message, Direction",
)
_MESSAGES = _Spec(
    "messages",
    "LinkedIn messages.csv",
    {
        "conversation id": "conversation_id",
        "from": "sender",
        "sender profile url": "sender_url",
        "to": "recipients",
        "recipient profile urls": "recipient_urls",
        "date": "sent_at",
        "content": "content",
        "folder": "folder",
        "is message draft": "message_draft",
        "is conversation draft": "conversation_draft",
    },
    (("from",), ("to",), ("date",), ("content",)),
    "FROM, TO, DATE, CONTENT",
)
_POSITIONS = _Spec(
    "positions",
    "LinkedIn Positions.csv",
    {
        "company name": "company",
        "title": "title",
        "started on": "started_on",
        "finished on": "finished_on",
    },
    (("company name",), ("started on",)),
    "Company Name, Title, Started On, Finished On",
)
_PROFILE = _Spec(
    "profile",
    "LinkedIn Profile.csv",
    {"first name": "first_name", "last name": "last_name", "headline": "headline"},
    (("first name",), ("headline",)),
    "First Name, Last Name, Headline",
)
_TAGS = _Spec(
    "tags",
    "refkit tags file",
    {"name": "name", "url": "profile_url", "profile url": "profile_url", "tags": "tags"},
    (("name", "url", "profile url"), ("tags",)),
    "Name, URL, Tags",
)
_OWNERS = _Spec(
    "owners",
    "refkit shared-exports manifest",
    {"file": "file", "owner_name": "owner_name", "owner name": "owner_name",
     "owner_url": "owner_url", "owner url": "owner_url", "owner": "owner_name"},
    (("file",), ("owner_name", "owner name", "owner_url", "owner url", "owner")),
    "file, owner_name, owner_url",
)
_SPECS = (
    _CONNECTIONS,
    _SEARCH,
    _MUTUALS,
    _EDGES,
    _INVITATIONS,
    _MESSAGES,
    _POSITIONS,
    _PROFILE,
    _TAGS,
    _OWNERS,
)
_FILE_HINTS = {
    "connections.csv": "connections",
    "messages.csv": "messages",
    "invitations.csv": "invitations",
    "positions.csv": "positions",
    "profile.csv": "profile",
}
_ARCHIVE_FILES = (
    "connections.csv",
    "messages.csv",
    "invitations.csv",
    "positions.csv",
    "profile.csv",
)


def _norm_header(cell: str) -> str:
    return " ".join(cell.replace("\ufeff", "").strip().strip('"').split()).casefold()


# --------------------------------------------------------------------------- bytes in


class _Log:
    """Collects row warnings and skipped rows for one file."""

    def __init__(self, display: str) -> None:
        self.display = display
        self._warnings: list[tuple[int, str]] = []
        self.skipped: list[tuple[int, str]] = []
        self._emitted = 0

    @property
    def warnings(self) -> list[str]:
        """Warning texts in file order (file-level ones first)."""
        return [text for _, text in sorted(self._warnings, key=lambda pair: pair[0])]

    def warn(self, line: int | None, message: str) -> None:
        if self._emitted < _MAX_EMITTED:
            text = warn_row(self.display, line, message)
            self._emitted += 1
        else:
            text = f"{where(self.display, line)}: {message}"
        self._warnings.append((line or 0, text))

    def skip(self, line: int, reason: str, *, warn: bool = True) -> None:
        self.skipped.append((line, reason))
        if warn:
            self.warn(line, f"{reason}; row skipped")

    def finish(self) -> None:
        hidden = len(self._warnings) - self._emitted
        if hidden > 0:
            warnings.warn(
                f"{self.display}: {hidden} more row warnings not shown one by one; "
                "see ReadResult.warnings",
                RefkitWarning,
                stacklevel=3,
            )


def _is_bytes(path: object) -> bool:
    return isinstance(path, bytes | bytearray | memoryview)


def _display(path: Source, name: str | None) -> str:
    if name:
        return name
    if _is_bytes(path):
        return "<data>"
    try:
        return os.fspath(path)  # type: ignore[arg-type]
    except TypeError as err:
        raise RefkitError(
            f"expected a file path or the bytes of a file, got {type(path).__name__}"
        ) from err


def _is_dir(path: Source) -> bool:
    if _is_bytes(path):
        return False
    try:
        return os.path.isdir(path)  # type: ignore[arg-type]
    except (TypeError, ValueError, OSError):
        return False


_DESCRIPTOR_DIRS = re.compile(r"/dev/fd|/proc/(?:self|thread-self|[0-9]+)/fd")


def _is_descriptor(path: str) -> bool:
    """True for paths naming an already open file (``/dev/stdin``, ``/dev/fd/63`` from ``<(...)``)."""
    absolute = os.path.abspath(path)
    return absolute == "/dev/stdin" or bool(_DESCRIPTOR_DIRS.fullmatch(os.path.dirname(absolute)))


def _mb(size: int) -> str:
    return f"{size / 2**20:,.0f} MB" if size >= 2**20 else f"{size:,} bytes"


def _load(path: Source, display: str) -> bytes:
    """Read a whole file once, at most :data:`MAX_MEMBER_BYTES`, turning every OS problem
    into a RefkitError.

    Regular files are read; a pipe given as an open descriptor (``/dev/stdin``, the
    ``/dev/fd/N`` of process substitution) is read once, up to the bound. Named
    pipes (FIFOs), devices (``/dev/zero``) and sockets are refused without opening
    them: opening a FIFO waits for a writer forever, a device never ends.
    """
    if _is_bytes(path):
        return bytes(path)  # type: ignore[arg-type]
    try:
        info = os.stat(path)  # type: ignore[arg-type]
        mode = info.st_mode
        if stat.S_ISDIR(mode):
            raise IsADirectoryError(path)
        if not stat.S_ISREG(mode):
            if not (stat.S_ISFIFO(mode) and _is_descriptor(os.fspath(path))):  # type: ignore[arg-type]
                raise RefkitError(
                    f"{display}: is {_special_kind(mode)}, not a regular file; refkit reads "
                    "files (save the data to a file first)"
                )
        elif info.st_size > MAX_MEMBER_BYTES:
            raise _TooBig(_too_big_file(display, info.st_size))
        with open(path, "rb") as fh:  # type: ignore[arg-type]
            data = fh.read() if stat.S_ISREG(mode) else _read_bounded(fh)
    except RefkitError:
        raise
    except FileNotFoundError as err:
        raise RefkitError(
            f"{display}: file not found; expected a CSV file such as Connections.csv"
        ) from err
    except IsADirectoryError as err:
        raise RefkitError(f"{display}: is a folder; expected a CSV file") from err
    except PermissionError as err:
        raise RefkitError(f"{display}: permission denied; cannot read the file") from err
    except (OSError, ValueError, TypeError) as err:
        raise RefkitError(f"{display}: cannot read the file ({err})") from err
    if len(data) > MAX_MEMBER_BYTES:
        if stat.S_ISREG(mode):  # it grew while being read
            raise _TooBig(_too_big_file(display, len(data)))
        raise _TooBig(
            f"{display}: more than {_mb(MAX_MEMBER_BYTES)} arrived through this pipe, "
            "the most refkit reads from one file"
        )
    return data


def _read_bounded(fh: io.BufferedReader) -> bytes:
    """At most one byte more than :data:`MAX_MEMBER_BYTES` from a pipe, in chunks (a
    single ``read(n)`` would hold ``n`` bytes however little arrives)."""
    buffer = io.BytesIO()
    while buffer.tell() <= MAX_MEMBER_BYTES:
        chunk = fh.read1(_ZIP_CHUNK)
        if not chunk:
            break
        buffer.write(chunk)
    return buffer.getvalue()


def _too_big_file(display: str, size: int) -> str:
    return (
        f"{display}: {size:,} bytes, larger than the {_mb(MAX_MEMBER_BYTES)} refkit reads "
        "from one file (a LinkedIn export's files are far smaller)"
    )


def _special_kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "a special file"


def _once(path: Source, name: str | None) -> tuple[Source, str | None]:
    """``(path, name)`` unchanged for bytes, regular files and folders; anything else
    (a pipe) read once into bytes, so that looking at it and reading it see the same data."""
    display = _display(path, name)
    if _is_bytes(path):
        return path, name
    try:
        mode = os.stat(path).st_mode  # type: ignore[arg-type]
    except (OSError, TypeError, ValueError):
        return path, name  # _load reports the problem
    if stat.S_ISREG(mode) or stat.S_ISDIR(mode):
        return path, name
    return _load(path, display), display


def _zip_looks_like(data: bytes | io.BufferedReader) -> str:
    """'xlsx', 'zip' or 'damaged' for bytes (or an open file) starting with PK."""
    try:
        with zipfile.ZipFile(io.BytesIO(data) if isinstance(data, bytes) else data) as zf:
            names = [n.replace("\\", "/").lower() for n in zf.namelist()]
    except (zipfile.BadZipFile, zlib.error, OSError, ValueError, EOFError, NotImplementedError):
        return "damaged"
    if "[content_types].xml" in names and any(
        n.startswith(("xl/", "word/", "ppt/")) for n in names
    ):
        return "xlsx"
    return "zip"


def _describe_binary(data: bytes) -> str:
    if data[:2] == b"PK":
        return {
            "xlsx": "an Excel workbook (.xlsx); save it from Excel as 'CSV UTF-8' and try again",
            "zip": "a zip archive; pass it to read_export (or read_connections) instead",
            "damaged": "a damaged zip archive or Excel workbook",
        }[_zip_looks_like(data)]
    if data[:4] == b"%PDF":
        return "a PDF document"
    if data[:8] == b"\x89PNG\r\n\x1a\n" or data[:3] == b"\xff\xd8\xff" or data[:4] == b"GIF8":
        return "an image (PNG, JPEG or GIF)"
    if data[:2] == b"\x1f\x8b":
        return "a gzip-compressed file"
    if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        return "an old Excel workbook (.xls); save it from Excel as 'CSV UTF-8' and try again"
    return "binary data (it contains NUL bytes), not a CSV text file"


_NUL_LINE = re.compile(rb"[^\r\n]*\x00[^\r\n]*")
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_LEGACY = {"cp1252": "cp1252", "mac_roman": "Mac Roman"}


def _lines_text(numbers: list[int], limit: int = 5) -> str:
    """``'line 3'``, ``'lines 3, 7 and 9'``, ``'lines 2, 3, 4, 5, 6 and 12 more'``."""
    if len(numbers) == 1:
        return f"line {numbers[0]}"
    shown = ", ".join(str(n) for n in numbers[:limit])
    rest = len(numbers) - limit
    if rest > 0:
        return f"lines {shown} and {rest:,} more"
    head, _, tail = shown.rpartition(", ")
    return f"lines {head} and {tail}"


def _mostly_binary(data: bytes) -> bool:
    """True when more than half the lines hold a NUL byte (one stray NUL is a damaged row)."""
    lines = (data.count(b"\n") or data.count(b"\r")) + 1
    return 2 * sum(1 for _ in _NUL_LINE.finditer(data)) > lines


def _decode(data: bytes, display: str, notes: list[str], log: _Log | None = None) -> str:
    """Bytes to text: UTF-16 by BOM, else UTF-8 (with or without BOM), else line by line.

    A file that is not all UTF-8 is decoded line by line: UTF-8 lines as UTF-8,
    the others as cp1252 or Mac Roman (whichever gives real letters), and the
    reader is told which lines were which and which characters could not be
    decoded. File-level warnings go to ``log`` (so they reach
    ``ReadResult.warnings``) when given. Rows holding NUL bytes are left for the
    table to skip; only a mostly binary file is refused here.
    """

    def warn(message: str) -> None:
        if log is not None:
            log.warn(None, message)
        else:
            warn_row(display, None, message)

    if not data.strip():
        raise RefkitError(f"{display}, line 1: the file is empty; expected a CSV header")
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        notes.append("UTF-16")
        text = data.decode("utf-16", errors="replace")
        if "\ufffd" in text:
            line = text[: text.find("\ufffd")].count("\n") + 1
            warn(f"damaged UTF-16 text; unreadable characters replaced by \ufffd (first on line {line})")
        return text
    head = data[:400]
    if len(head) >= 4 and head[1::2].count(0) > 0.4 * len(head) / 2 and head[0::2].count(0) == 0:
        notes.append("UTF-16")
        return data.decode("utf-16-le", errors="replace")
    if len(head) >= 4 and head[0::2].count(0) > 0.4 * len(head) / 2 and head[1::2].count(0) == 0:
        notes.append("UTF-16")
        return data.decode("utf-16-be", errors="replace")
    if data[:2] == b"PK" or (
        b"\x00" in data
        and (_mostly_binary(data) or not _describe_binary(data).startswith("binary data"))
    ):
        line = data[: data.find(b"\x00")].count(b"\n") + 1 if b"\x00" in data else 1
        raise RefkitError(
            f"{display}, line {line}: this looks like {_describe_binary(data)}; "
            "expected a CSV text file"
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    return _decode_lines(data[3:] if data[:3] == b"\xef\xbb\xbf" else data, notes, warn)


def _decode_lines(body: bytes, notes: list[str], warn) -> str:
    """Decode a file that is not all UTF-8, one physical line at a time."""
    lines = body.splitlines(keepends=True)  # the same line breaks as _LINE: \r\n, \r, \n
    out: list[str | None] = []
    utf8: list[int] = []
    other: list[int] = []
    for number, raw in enumerate(lines, start=1):
        if raw.isascii():
            out.append(raw.decode("ascii"))
            continue
        try:
            out.append(raw.decode("utf-8"))
            utf8.append(number)
        except UnicodeDecodeError:
            out.append(None)
            other.append(number)
    legacy = _legacy_codec(b"".join(lines[n - 1] for n in other))
    damaged: list[int] = []
    broken_utf8: list[int] = []
    for number in other:
        raw = lines[number - 1]
        lenient = raw.decode("utf-8", errors="replace")
        if any(c != "\ufffd" for c in _NON_ASCII.findall(lenient)):
            text = lenient  # real UTF-8 letters next to invalid bytes: a damaged UTF-8 line
            broken_utf8.append(number)
        else:
            text = raw.decode(legacy, errors="replace")
        if "\ufffd" in text:
            damaged.append(number)
        out[number - 1] = text
    label = _LEGACY[legacy]
    kept_utf8 = set(broken_utf8)
    moved = [n for n in other if n not in kept_utf8]
    if moved and not utf8 and not broken_utf8:
        notes.append(label)
        if legacy != "cp1252":
            warn(f"not UTF-8; decoded as {label}, the encoding in which its accented letters make sense")
    elif moved:
        notes.append(f"mixed UTF-8 and {label}")
        warn(
            f"mixed encodings: {len(moved):,} line(s) in {label} ({_lines_text(moved)}) and "
            f"{len(utf8) + len(broken_utf8):,} in UTF-8 ({_lines_text(sorted(utf8 + broken_utf8))}); "
            "each line decoded in its own encoding"
        )
    else:
        notes.append("invalid UTF-8 bytes")
    if damaged:
        text = "".join(out[n - 1] for n in damaged)  # type: ignore[misc]
        warn(
            f"{text.count(chr(0xFFFD)):,} character(s) could not be decoded and were replaced "
            f"by \ufffd ({_lines_text(damaged)})"
        )
    return "".join(out)  # type: ignore[arg-type]


def _legacy_codec(data: bytes) -> str:
    """``cp1252`` or ``mac_roman`` for bytes that are not UTF-8: whichever reads more of
    the high bytes as lower-case letters (names are mostly lower-case: ``José``, ``Müller``)."""
    if not data:
        return "cp1252"
    scores = {}
    for codec in ("cp1252", "mac_roman"):
        high = _NON_ASCII.findall(data.decode(codec, errors="replace"))
        scores[codec] = sum(map(str.islower, high))
    return "mac_roman" if scores["mac_roman"] > scores["cp1252"] else "cp1252"


@contextlib.contextmanager
def _big_fields() -> Iterator[None]:
    """Allow large CSV fields (long messages, up to :data:`MAX_FIELD_CHARS`) during a read."""
    old = csv.field_size_limit()
    csv.field_size_limit(MAX_FIELD_CHARS)
    try:
        yield
    finally:
        csv.field_size_limit(old)


# --------------------------------------------------------------------------- header


@dataclass
class _Header:
    line: int  # 1-based physical line of the header
    offset: int  # character offset where the header line starts
    delimiter: str
    cells: list[str]
    matches: list[_Spec]


_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+\Z")


def _iter_lines(text: str, start: int = 0) -> Iterator[str]:
    """Physical lines with their endings (as ``newline=""`` files give them), from ``start``.

    Unlike ``io.StringIO``, this holds no second copy of a large text (StringIO
    stores 4 bytes per character).
    """
    for match in _LINE.finditer(text, start):
        yield match.group()


def _skip_lines(text: str, start: int, count: int) -> int:
    """The offset ``count`` physical lines after ``start``."""
    for match in islice(_LINE.finditer(text, start), count):
        start = match.end()
    return start


def _physical_lines(text: str, limit: int) -> list[str]:
    out = []
    for line in _iter_lines(text):
        out.append(line)
        if len(out) >= limit:
            break
    return out


def _split(line: str, delimiter: str) -> list[str]:
    try:
        return next(csv.reader([line.rstrip("\r\n")], delimiter=delimiter), [])
    except csv.Error:
        return []


def _find_header(text: str, specs: tuple[_Spec, ...]) -> _Header | None:
    offset = 0
    for number, line in enumerate(_physical_lines(text, HEADER_SCAN_LINES), start=1):
        for delimiter in _DELIMITERS:
            if delimiter not in line and delimiter != ",":
                continue
            cells = _split(line, delimiter)
            names = {_norm_header(c) for c in cells}
            found = [spec for spec in specs if spec.matches(names)]
            if found:
                return _Header(number, offset, delimiter, cells, found)
        offset += len(line)
    return None


def _is_preamble_line(line: str) -> bool:
    """LinkedIn's ``Notes:`` line or the sentence after it."""
    first = line.strip().lstrip("\ufeff").strip('"').strip()
    return first.rstrip(",;\t").strip() == "Notes:" or first.startswith(
        "When exporting your connection data"
    )


def _best_guess_line(text: str) -> tuple[int, list[str]]:
    """The first non-empty line after any LinkedIn preamble, split on its likeliest
    delimiter, for error messages."""
    found: list[tuple[int, list[str]]] = []
    for number, line in enumerate(_physical_lines(text, HEADER_SCAN_LINES), start=1):
        if not line.strip():
            continue
        delimiter = max(_DELIMITERS, key=line.count)
        cells = [c.strip() for c in _split(line, delimiter) if c.strip()]
        if cells:
            if not _is_preamble_line(line):
                return number, cells
            found.append((number, cells))
    return found[0] if found else (1, [])


def _excerpt(value: str, limit: int = 40) -> str:
    """A short, escaped excerpt of text from a file, safe to show in a message."""
    return truncate(clean_text(value), limit)


def _short(cells: list[str], limit: int = 8) -> str:
    cells = [c for c in (_excerpt(c) for c in cells) if c]
    shown = ", ".join(cells[:limit])
    return truncate(shown, 160) + (", ..." if len(cells) > limit else "")


_DEIDENTIFIED = re.compile(r"de-?\s*identified\s+")


def _deidentified(text: str, display: str) -> RefkitError | None:
    """The error for a de-identified export (``De-Identified First Name`` ...), if it is one."""
    for number, line in enumerate(_physical_lines(text, HEADER_SCAN_LINES), start=1):
        for delimiter in _DELIMITERS:
            if delimiter not in line and delimiter != ",":
                continue
            cells = _split(line, delimiter)
            names = [_norm_header(c) for c in cells]
            removed = [c for c, n in zip(cells, names, strict=True) if _DEIDENTIFIED.match(n)]
            if not removed:
                continue
            plain = {_DEIDENTIFIED.sub("", n, count=1) for n in names}
            if any(spec.matches(plain) for spec in _SPECS):
                return RefkitError(
                    f"{display}, line {number}: names were removed from this file "
                    f"(a de-identified export: {_short(removed, 3)}); refkit needs the "
                    "names, so use the export LinkedIn sent you, not a de-identified copy"
                )
    return None


def _no_header_error(text: str, display: str, wanted: tuple[_Spec, ...]) -> RefkitError:
    expected = " or ".join(f"{spec.title} with columns {spec.expected}" for spec in wanted)
    removed = _deidentified(text, display)
    if removed is not None:
        return removed
    other = _find_header(text, tuple(s for s in _SPECS if s not in wanted))
    if other is not None:
        spec = other.matches[0]
        return RefkitError(
            f"{display}, line {other.line}: this looks like a {spec.title} "
            f"(columns: {_short(other.cells)}); expected {expected}"
        )
    line, cells = _best_guess_line(text)
    found = f"found {_short(cells)}" if cells else "found no columns"
    return RefkitError(
        f"{display}, line {line}: no header row in the first {HEADER_SCAN_LINES} lines; "
        f"{found}; expected {expected}"
    )


# --------------------------------------------------------------------------- table


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


_MULTILINE_KINDS = frozenset({"messages", "invitations", "positions", "profile"})
_LONE_NOTES = (
    "LinkedIn's preamble ('Notes:') again in the middle of the file: were two exports "
    "pasted into one file? Skipped"
)


def _table(
    path: Source,
    name: str | None,
    specs: tuple[_Spec, ...],
    *,
    data: bytes | None = None,
    display: str | None = None,
) -> _Table:
    display = display or _display(path, name)
    if data is None:
        data = _load(path, display)
    notes: list[str] = []
    log = _Log(display)
    text = _decode(data, display, notes, log)
    header = _find_header(text, specs)
    if header is None:
        raise _no_header_error(text, display, specs)
    spec = header.matches[0]
    if header.delimiter != ",":
        notes.append(
            {";": "';' delimiter", "\t": "tab delimiter", "|": "'|' delimiter"}[header.delimiter]
        )
    layout = _Layout(spec, header.cells)
    index, extra_index, width = layout.index, layout.extra, layout.width
    markers = _markers(spec, header.cells)
    has_nul = "\x00" in text
    limit = MAX_MULTILINE_RECORD_LINES if spec.kind in _MULTILINE_KINDS else MAX_RECORD_LINES
    delimiter = header.delimiter

    rows: list[list[str]] = []
    lines: list[int] = []
    origin = header.offset  # where the reader started: its line 1 is line base + 1
    reader = csv.reader(_iter_lines(text, origin), delimiter=delimiter)
    base = header.line - 1
    seen = (header.line, origin)  # a line number and its offset, moving forward only
    remap: list[int] | None = None  # current layout -> the first header's, after a second header
    preamble: int | None = None  # line of a second ``Notes:`` preamble, until its header
    with _big_fields():
        try:
            next(reader)  # the header itself
        except (csv.Error, StopIteration) as err:  # pragma: no cover - header was parsed above
            raise RefkitError(f"{display}, line {header.line}: cannot read the header") from err
        last = reader.line_num
        while True:
            try:
                record = next(reader)
            except StopIteration:
                break
            except csv.Error as err:
                start = base + last + 1
                log.skip(start, f"cannot read this record ({err})")
                # go on at the line after the one the record started on
                origin = _skip_lines(text, seen[1], start + 1 - seen[0])
                reader = csv.reader(_iter_lines(text, origin), delimiter=delimiter)
                base, last, seen = start, 0, (start + 1, origin)
                continue
            start = base + last + 1
            span = reader.line_num - last
            last = reader.line_num
            if span > 1:  # a quoted field over several lines: real, or a stray quote?
                at = _skip_lines(text, seen[1], start - seen[0])
                seen = (start, at)
                runaway = _runaway(text, at, record, span, width, limit, delimiter)
                if runaway is not None:
                    record, origin, message = runaway
                    log.warn(start, message)
                    reader = csv.reader(_iter_lines(text, origin), delimiter=delimiter)
                    base, last, seen = start, 0, (start + 1, origin)
            if not record or not "".join(record).strip():
                continue  # blank line
            if has_nul and any("\x00" in c for c in record):
                log.skip(start, "contains NUL bytes (binary data, not text)")
                continue
            if preamble is not None or record[0] in markers:
                kind, found = _special_row(record, spec, preamble)
                if kind == "preamble":
                    preamble = start if preamble is None else preamble
                    log.skip(start, "LinkedIn's preamble again", warn=False)
                    continue
                if kind == "header":
                    assert found is not None
                    if found.keys == layout.keys:
                        remap, width = None, layout.width
                        how = ""
                    else:
                        remap, width = layout.adopt(found), found.width
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
                    preamble = None
                    continue
                if preamble is not None:
                    log.warn(preamble, _LONE_NOTES)
                    preamble = None
            size = len(record)
            if size > width:
                if any(c.strip() for c in record[width:]):
                    log.skip(start, f"too many fields ({size}, expected {width})")
                    continue
            elif size < width:
                log.warn(start, f"short row ({size} of {width} fields); missing values left empty")
                record = record + [""] * (width - size)
            if remap is not None:
                record = [record[k] if k >= 0 else "" for k in remap]
            rows.append(record)
            lines.append(start)
    if preamble is not None:
        log.warn(preamble, _LONE_NOTES)

    if layout.grown:
        total = layout.size
        for r in rows:
            if len(r) < total:
                r.extend([""] * (total - len(r)))
    columns = {target: [r[j].strip() for r in rows] for target, j in index.items()}
    extra = {key: [r[j].strip() for r in rows] for key, j in extra_index.items()}
    return _Table(display, spec, header, columns, extra, lines, log, notes)


class _Layout:
    """Where each field sits in the rows kept: the first header's columns, plus any
    that a second header (another export pasted below) brought."""

    def __init__(self, spec: _Spec, cells: list[str]) -> None:
        self.spec = spec
        self.index: dict[str, int] = {}  # field -> position
        self.extra: dict[str, int] = {}  # unknown column (by header text) -> position
        for j, cell in enumerate(cells):
            key = _norm_header(cell)
            target = spec.columns.get(key)
            if target is not None:
                self.index.setdefault(target, j)
            elif key and cell.strip() not in self.extra:
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


def _runaway(
    text: str,
    at: int,
    record: list[str],
    span: int,
    width: int,
    limit: int,
    delimiter: str,
) -> tuple[list[str], int, str] | None:
    """A record spanning ``span`` physical lines from offset ``at``: if it is a stray quote
    swallowing the lines below, ``(the first line read alone, where to resume, warning)``.

    It is one when it spans more lines than any real field (``limit``), or when it
    has the wrong number of fields while the lines it swallowed read as records.
    """
    size = len(record)
    wrong = size < width or (size > width and any(c.strip() for c in record[width:]))
    first = _LINE.match(text, at)
    assert first is not None
    resume = first.end()
    if span - 1 <= limit:
        if not wrong:
            return None
        following = [m.group() for m in islice(_LINE.finditer(text, resume), 3)]
        if not any(_looks_like_record(line, delimiter, width) for line in following):
            return None
    line = first.group().rstrip("\r\n")
    quote = _unclosed_quote(line, delimiter) if len(line) <= 100_000 else None
    if quote is not None:
        line = line[:quote] + line[quote + 1 :]
    fixed = _split(line, delimiter) or [line]
    to_end = " (to the end of the file)" if _skip_lines(text, at, span) >= len(text) else ""
    return (
        fixed,
        resume,
        f"a quote on this line is never closed: it would swallow the next {span - 1:,} "
        f"line{'s' if span > 2 else ''}{to_end}; the stray quote was dropped and reading goes "
        "on with the next line",
    )


def _strings(values: list[str]) -> pd.Series:
    return pd.Series([v if v else None for v in values], dtype="str")


def _shared_strings(values: list[str]) -> pd.Series:
    """:func:`_strings` with one string object per distinct text (``sys.intern``).

    For the columns that repeat across a coach's pile of exports (names,
    companies, positions): hundreds of thousands of cells share a few thousand
    objects, which saves memory and lets building the network compare them by
    identity and find them in cache.
    """
    return pd.Series([intern(v) if v else None for v in values], dtype="str")


def _pick(values: list[str], keep: list[int]) -> list[str]:
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


def _no_rows(table: _Table, what: str) -> RefkitError:
    skipped = f" (rows skipped: {len(table.log.skipped)})" if table.log.skipped else ""
    return RefkitError(
        f"{table.display}, line {table.header.line}: header found but no usable rows "
        f"after it{skipped}; expected {what}"
    )


# --------------------------------------------------------------------------- dates

_CONNECTED_FORMATS = (
    "%d %b %Y",
    "%m/%d/%y, %I:%M %p",
    "%d.%m.%Y",
    "%d-%b-%y",
    "%Y-%m-%d",
    "%m/%d/%Y, %I:%M %p",
    "%m/%d/%y",
    "%m/%d/%Y",
)
_MESSAGE_FORMATS = (
    "%Y-%m-%d %H:%M:%S UTC",
    "%Y-%m-%d %H:%M:%S",
    "%m/%d/%y, %I:%M %p",
    "%m/%d/%Y, %I:%M %p",
    "%Y-%m-%dT%H:%M:%S",
    "%Y-%m-%d %H:%M",
)
_MONTH_FORMATS = ("%b %Y", "%B %Y", "%Y", "%m/%Y", "%Y-%m")
_FALLBACK_FORMATS = (
    "%d %B %Y",
    "%B %d, %Y",
    "%b %d, %Y",
    "%d.%m.%y",
    "%d-%b-%Y",
    "%d/%m/%Y",
    "%m/%d/%y %I:%M %p",
    "%m/%d/%Y %I:%M %p",
    "%m/%d/%y %H:%M",
    "%Y-%m-%d %H:%M:%S %Z",
    "%Y-%m-%dT%H:%M:%SZ",
    "%Y-%m-%dT%H:%M:%S.%fZ",
    "%Y/%m/%d",
)


def _parse_dates(values: list[str], formats: tuple[str, ...]) -> tuple[pd.Series, list[int]]:
    """Parse a column vectorised, trying ``formats`` in order; leftovers row by row.

    Returns the parsed series and the positions of non-empty values that failed.
    """
    raw = pd.Series([v if v else None for v in values], dtype=object)
    out = pd.Series(pd.NaT, index=raw.index, dtype=_DATE_DTYPE)
    todo = raw.notna().to_numpy().copy()
    for fmt in formats:
        if not todo.any():
            break
        subset = raw[todo]
        parsed = pd.to_datetime(subset, format=fmt, errors="coerce")
        ok = parsed.notna()
        if ok.any():
            out[parsed.index[ok]] = parsed[ok].astype(_DATE_DTYPE)
            todo[parsed.index[ok]] = False
    failed = []
    for position in todo.nonzero()[0]:
        stamp = _parse_one(str(raw.iat[position]))
        if stamp is None:
            failed.append(int(position))
        else:
            out.iat[position] = stamp
    return out, failed


def _parse_one(value: str) -> pd.Timestamp | None:
    value = " ".join(value.split())
    for fmt in _FALLBACK_FORMATS:
        try:
            moment = datetime.strptime(value, fmt)
        except ValueError:
            continue
        return pd.Timestamp(moment.replace(tzinfo=None))
    return None


def _dates(
    table: _Table,
    keep: list[int],
    name: str,
    label: str,
    formats: tuple[str, ...],
    *,
    earliest: date = LINKEDIN_START,
) -> pd.Series:
    """Parse a date column; dates that cannot be real (before ``earliest`` or after
    tomorrow, one day of slack for time zones) are warned about and left empty."""
    values = _pick(table.col(name), keep)
    parsed, failed = _parse_dates(values, formats)
    for position in failed:
        table.log.warn(
            table.lines[keep[position]],
            f"cannot read {label} date {_excerpt(values[position])!r}; left empty",
        )
    low = pd.Timestamp(earliest).to_datetime64()
    high = (pd.Timestamp(date.today()) + pd.Timedelta(days=2)).to_datetime64()
    stamps = parsed.to_numpy()
    impossible = (stamps < low) | (stamps >= high)  # NaT compares False
    if impossible.any():
        since = "LinkedIn started (2003)" if earliest == LINKEDIN_START else f"{earliest.year}"
        positions = impossible.nonzero()[0]
        lines, warn = table.lines, table.log.warn
        # a value that parsed as a date holds no control characters: shown as it is
        for position, early in zip(positions.tolist(), (stamps[positions] < low).tolist(), strict=True):
            why = f"before {since}" if early else "in the future"
            warn(lines[keep[position]], f"{label} date {values[position]!r} is {why}; left empty")
        stamps = stamps.copy()
        stamps[impossible] = np.datetime64("NaT")
        parsed = pd.Series(stamps, index=parsed.index, dtype=_DATE_DTYPE)
    return parsed


# --------------------------------------------------------------------------- archives


class _TooBig(RefkitError):
    """An archive member too large to read (zip-bomb guard)."""


_LINKEDIN_SPELLING = {
    "connections.csv": "Connections.csv",
    "messages.csv": "messages.csv",
    "invitations.csv": "Invitations.csv",
    "positions.csv": "Positions.csv",
    "profile.csv": "Profile.csv",
}


class _Files:
    """The files of an archive (zip or folder), looked up by case-insensitive name.

    When a name is there more than once (two sub-folders, ``connections.csv`` beside
    ``Connections.csv``, a duplicate zip member), the one LinkedIn writes is read (the
    shallowest, spelled as LinkedIn spells it) with a warning naming all of them; when
    none of them is that one, the archive is refused naming them.
    """

    def __init__(self, display: str) -> None:
        self.display = display
        # lower name -> [(depth, not LinkedIn's spelling, path shown, handle)]
        self._found: dict[str, list[tuple[int, bool, str, object]]] = {}
        self.outside: list[str] = []  # links leading out of a folder: not followed

    def offer(self, member_path: str, handle: object) -> None:
        parts = [
            p
            for p in PurePosixPath(member_path.replace("\\", "/")).parts
            if p not in ("", ".", "..", "/")
        ]
        if not parts or parts[0].lower() == "__macosx":
            return
        base = parts[-1].lower()
        if base in _ARCHIVE_FILES:
            odd = parts[-1] != _LINKEDIN_SPELLING[base]
            shown = _excerpt("/".join(parts), 80)
            self._found.setdefault(base, []).append((len(parts), odd, shown, handle))

    def names(self) -> list[str]:
        return sorted(self._found)

    def get(self, base: str) -> tuple[bytes, str] | None:
        entries = self._found.get(base)
        if not entries:
            return None
        ranked = sorted(entries, key=lambda e: (e[0], e[1]))
        best = ranked[0]
        if len(ranked) > 1:
            title = _LINKEDIN_SPELLING[base]
            ties = [e for e in ranked if e[:2] == best[:2]]
            if len(ties) > 1:
                shown = {e[2] for e in ties}
                what = (
                    f"{ties[0][2]} is in it twice (a duplicate member)"
                    if len(shown) == 1
                    else f"there is more than one {title} in it ({', '.join(e[2] for e in ties)})"
                )
                raise RefkitError(
                    f"{self.display}: {what}; refkit cannot tell which one is LinkedIn's: "
                    f"keep one {title} and try again"
                )
            warn_row(
                self.display,
                None,
                f"more than one {title} in this archive ({', '.join(e[2] for e in ranked)}); "
                f"reading {best[2]}, the one LinkedIn writes",
            )
        return self._read(best[3])

    def _read(self, handle: object) -> tuple[bytes, str]:  # pragma: no cover - overridden
        raise NotImplementedError


class _ZipFiles(_Files):
    def __init__(self, zf: zipfile.ZipFile, display: str) -> None:
        super().__init__(display)
        self.zf = zf
        for info in zf.infolist():
            if not info.is_dir():
                self.offer(info.filename, info)

    def _read(self, handle: object) -> tuple[bytes, str]:
        info: zipfile.ZipInfo = handle  # type: ignore[assignment]
        base = PurePosixPath(info.filename.replace("\\", "/")).name
        member = f"{self.display}:{base}"
        too_big = _TooBig(
            f"{member}: uncompressed size over {MAX_MEMBER_BYTES // 2**20} MB "
            f"({info.file_size:,} bytes declared); refusing to read it (possible zip bomb)"
        )
        if info.file_size > MAX_MEMBER_BYTES:
            raise too_big
        try:
            # In small chunks: zipfile inflates up to the size asked for before
            # cutting at the declared size, so one big read of a member whose
            # header lies would hold hundreds of MB.
            buffer = io.BytesIO()
            with self.zf.open(info) as fh:
                while buffer.tell() <= MAX_MEMBER_BYTES:
                    chunk = fh.read(_ZIP_CHUNK)
                    if not chunk:
                        break
                    buffer.write(chunk)
            data = buffer.getvalue()
            del buffer
        except (
            zipfile.BadZipFile,
            zlib.error,
            EOFError,
            OSError,
            ValueError,
            NotImplementedError,
            RuntimeError,
        ) as err:
            raise RefkitError(f"{member}: cannot read this archive member ({err})") from err
        if len(data) > MAX_MEMBER_BYTES:
            raise too_big
        return data, member


class _FolderFiles(_Files):
    """An unpacked export: its files and those one folder down. Links are followed only
    when they stay inside the folder."""

    def __init__(self, folder: str, display: str) -> None:
        super().__init__(display)
        self.folder = folder
        root = os.path.realpath(folder)

        def usable(entry: os.DirEntry[str], shown: str) -> bool:
            if entry.is_symlink():
                real = os.path.realpath(entry.path)
                if real != root and not real.startswith(root.rstrip(os.sep) + os.sep):
                    self.outside.append(_excerpt(shown, 80))
                    if entry.name.lower() in _ARCHIVE_FILES:
                        warn_row(
                            display,
                            None,
                            f"{_excerpt(shown, 80)} is a link to a file outside this folder; "
                            "not followed",
                        )
                    return False
            return True

        try:
            for entry in sorted(os.scandir(folder), key=lambda e: e.name):
                if not usable(entry, entry.name):
                    continue
                if entry.is_file():
                    self.offer(entry.name, entry.path)
                elif entry.is_dir() and entry.name.lower() != "__macosx":
                    for inner in sorted(os.scandir(entry.path), key=lambda e: e.name):
                        shown = f"{entry.name}/{inner.name}"
                        if usable(inner, shown) and inner.is_file():
                            self.offer(shown, inner.path)
        except OSError as err:
            raise RefkitError(f"{display}: cannot list the folder ({err})") from err

    def _read(self, handle: object) -> tuple[bytes, str]:
        path = str(handle)
        display = os.path.join(self.display, os.path.relpath(path, self.folder))
        return _load(path, display), display


@contextlib.contextmanager
def _open_archive(path: Source, name: str | None) -> Iterator[_Files | None]:
    """Yield the archive's files if ``path`` is a folder or a zip, else None."""
    display = _display(path, name)
    if _is_dir(path):
        yield _FolderFiles(os.fspath(path), display)  # type: ignore[arg-type]
        return
    path, name = _once(path, name)  # a pipe: read once, as bytes
    if _is_bytes(path):
        data = bytes(path)  # type: ignore[arg-type]
        if data[:2] != b"PK" and display.lower().endswith(".zip"):
            raise RefkitError(f"{display}: not a zip archive; expected the .zip LinkedIn sent")
        if data[:2] != b"PK" or _zip_looks_like(data) != "zip":
            yield None
            return
        source = io.BytesIO(data)
    else:
        try:
            with open(path, "rb") as fh:  # type: ignore[arg-type]
                magic = fh.read(2)
        except OSError:
            yield None  # _load reports the problem with a proper message
            return
        if magic != b"PK":
            if str(display).lower().endswith(".zip"):
                raise RefkitError(f"{display}: not a zip archive; expected the .zip LinkedIn sent")
            yield None
            return
        # read from the file, member by member: the archive itself may be larger than
        # MAX_MEMBER_BYTES (a heavy user's messages), each member is bounded on its own
        try:
            source = open(path, "rb")  # type: ignore[arg-type]  # noqa: SIM115
        except OSError as err:
            raise RefkitError(f"{display}: cannot read the file ({err})") from err
        with source:
            kind = _zip_looks_like(source)
            if kind == "damaged" and str(display).lower().endswith(".zip"):
                raise RefkitError(f"{display}: damaged zip archive; expected the .zip LinkedIn sent")
            if kind != "zip":
                yield None
                return
            source.seek(0)
            with _zip(source, display) as zf:
                yield _ZipFiles(zf, display)
        return
    with _zip(source, display) as zf:
        yield _ZipFiles(zf, display)


def _zip(source: io.BytesIO | io.BufferedReader, display: str) -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(source)
    except (zipfile.BadZipFile, zlib.error, OSError, ValueError, EOFError) as err:
        raise RefkitError(f"{display}: damaged zip archive ({err})") from err


def _connections_member(files: _Files) -> tuple[bytes, str]:
    found = files.get("connections.csv")
    if found is None:
        listed = ", ".join(files.names()) or "no LinkedIn CSV files"
        links = (
            f"; links leading outside the folder were not followed ({', '.join(files.outside[:5])})"
            if files.outside
            else ""
        )
        raise RefkitError(
            f"{files.display}: no Connections.csv in this archive (found: {listed}){links}; "
            "expected the LinkedIn data export"
        )
    return found


# --------------------------------------------------------------------------- readers


def read_connections(path: Source, *, name: str | None = None) -> ReadResult:
    """Read a LinkedIn ``Connections.csv`` of any era.

    ``path`` may also be the whole archive (``.zip`` or unpacked folder); its
    ``Connections.csv`` is read. Date-only rows (hidden or closed profiles) are
    skipped and listed in ``skipped``.

    Parameters
    ----------
    path : str, os.PathLike or bytes
        The file, or its bytes (then give ``name``).
    name : str, optional
        Display name used in messages and in ``ReadResult.path``.

    Returns
    -------
    ReadResult
        kind ``connections``; columns ``first_name, last_name, profile_url, email,
        company, position, connected_on, line``.

    Examples
    --------
    >>> data = (b"First Name,Last Name,URL,Email Address,Company,Position,Connected On\\n"
    ...         b"Ada,Lovelace,https://www.linkedin.com/in/ada,,Analytical,Engineer,08 Feb 2021\\n"
    ...         b",,,,,,07 Jul 2025")
    >>> res = read_connections(data, name="Connections.csv")
    >>> res.frame[["first_name", "company", "connected_on", "line"]]
      first_name     company connected_on  line
    0        Ada  Analytical   2021-02-08     2
    >>> res.skipped
    ((3, 'only a date (hidden or closed profile)'),)
    """
    path, name = _once(path, name)
    with _open_archive(path, name) as files:
        if files is not None:
            data, display = _connections_member(files)
            return _read_connections_table(
                _table(data, None, (_CONNECTIONS,), data=data, display=display)
            )
    return _read_connections_table(_table(path, name, (_CONNECTIONS,)))


def _read_connections_table(table: _Table, *, owner: str | None = None) -> ReadResult:
    first, last, url = table.col("first_name"), table.col("last_name"), table.col("profile_url")
    email, company, position = table.col("email"), table.col("company"), table.col("position")
    date = table.col("connected_on")
    keep: list[int] = []
    for i in range(table.n):
        if first[i] or last[i]:
            keep.append(i)
        elif url[i]:
            table.log.warn(table.lines[i], "empty name; kept because it has a profile URL")
            keep.append(i)
        elif email[i] or company[i] or position[i]:
            table.log.skip(table.lines[i], "no name and no profile URL")
        elif date[i]:
            table.log.skip(table.lines[i], "only a date (hidden or closed profile)", warn=False)
        else:
            table.log.skip(table.lines[i], "no name and no profile URL")
    if not keep:
        raise _no_rows(table, "rows with First Name, Last Name and Connected On")
    connected = _dates(table, keep, "connected_on", "Connected On", _CONNECTED_FORMATS)
    frame = pd.DataFrame(
        {
            "first_name": _shared_strings(_pick(first, keep)),
            "last_name": _shared_strings(_pick(last, keep)),
            "profile_url": _strings(_pick(url, keep)),
            "email": _strings(_pick(email, keep)),
            "company": _shared_strings(_pick(table.col("company"), keep)),
            "position": _shared_strings(_pick(table.col("position"), keep)),
            "connected_on": connected.dt.normalize(),
            "line": pd.Series(_pick(table.lines, keep), dtype="int64"),
        }
    )
    if "profile_url" in table.columns:
        era = "2023+ (with URL)"
    else:
        slash = sum(1 for i in keep if "/" in date[i])
        era = "2018 (no URL)" if slash * 2 > len(keep) else "2021-2023 (no URL)"
        if table.header.line > 1 and era.startswith("2018"):
            era += ", with preamble"
    if table.header.line == 1 and not era.startswith("2018"):
        table.notes.insert(0, "no preamble")
    return _result(table, frame, era, owner=owner)


def read_shared(path: Source, *, owner: str, name: str | None = None) -> ReadResult:
    """Read a Connections.csv someone else exported and shared with you.

    Parameters
    ----------
    path : str, os.PathLike or bytes
        Their Connections.csv (or their archive).
    owner : str
        Whose connections these are: a name or a LinkedIn profile URL.
    name : str, optional
        Display name for bytes input.

    Examples
    --------
    >>> data = b"First Name,Last Name,Connected On\\nTom,Ortega,08 Feb 2021\\n"
    >>> res = read_shared(data, owner="Priya Raman", name="priya.csv")
    >>> res.owner, res.frame.loc[0, "last_name"]
    ('Priya Raman', 'Ortega')
    """
    if not isinstance(owner, str) or not owner.strip():
        raise RefkitError(
            f"{_display(path, name)}: a shared export needs its owner "
            "(a name or LinkedIn profile URL); got an empty owner"
        )
    owner = owner.strip()
    path, name = _once(path, name)
    with _open_archive(path, name) as files:
        if files is not None:
            data, display = _connections_member(files)
            table = _table(data, None, (_CONNECTIONS,), data=data, display=display)
            return _read_connections_table(table, owner=owner)
    return _read_connections_table(_table(path, name, (_CONNECTIONS,)), owner=owner)


_COUNT = re.compile(r"[0-9]+")


def read_mutuals(path: Source, *, name: str | None = None) -> ReadResult:
    """Read mutual-connection captures: refkit's template or a search export.

    The refkit template has columns ``Name, URL, Company, Position, Mutual Count,
    Mutual Connections`` (names separated by ``;``). Search exports carry
    ``profileUrl, fullName, companyName, title, connectionDegree,
    sharedConnectionsCount``. A count that is not a non-negative integer, or
    that is above :data:`MAX_CONNECTIONS` (LinkedIn's cap), is warned about and
    left as NA.

    Returns
    -------
    ReadResult
        kind ``mutuals`` or ``search_export``; columns ``name, profile_url, company,
        position, mutual_count (Int64), mutual_names (tuple), line``
        (+ ``connection_degree`` for search exports).

    Examples
    --------
    >>> data = (b"Name,URL,Company,Position,Mutual Count,Mutual Connections\\n"
    ...         b"Mei Lin,https://www.linkedin.com/in/meilin,Acme,CTO,12,Priya Raman; Tom Ortega\\n")
    >>> res = read_mutuals(data, name="mutuals.csv")
    >>> res.frame.loc[0, "mutual_count"], res.frame.loc[0, "mutual_names"]
    (np.int64(12), ('Priya Raman', 'Tom Ortega'))
    """
    table = _table(path, name, (_SEARCH, _MUTUALS))
    names = table.col("name")
    if not all(names):
        firsts, lasts = table.col("first_name"), table.col("last_name")
        names = [
            n or " ".join(p for p in (f, s) if p)
            for n, f, s in zip(names, firsts, lasts, strict=True)
        ]
    urls = table.col("profile_url")
    keep: list[int] = []
    for i in range(table.n):
        if names[i] or urls[i]:
            keep.append(i)
        else:
            table.log.skip(table.lines[i], "no name and no profile URL")
    if not keep:
        raise _no_rows(table, f"rows with {table.spec.expected}")
    counts: list[int | None] = []
    raw_counts = table.col("mutual_count")
    for i in keep:
        value = raw_counts[i]
        if not value:
            counts.append(None)
        elif not _COUNT.fullmatch(value):
            table.log.warn(
                table.lines[i],
                f"mutual count {_excerpt(value)!r} is not a whole number >= 0; left empty",
            )
            counts.append(None)
        elif len(value.lstrip("0")) > 6 or int(value) > MAX_CONNECTIONS:  # no int() of 5,000 digits
            table.log.warn(
                table.lines[i],
                f"mutual count {_excerpt(value, 20)} is more than LinkedIn allows (a member has "
                f"at most {MAX_CONNECTIONS:,} connections); left empty",
            )
            counts.append(None)
        else:
            counts.append(int(value))
    raw_names = table.col("mutual_names")
    mutual_names = pd.Series(
        [tuple(p.strip() for p in raw_names[i].split(";") if p.strip()) for i in keep], dtype=object
    )
    frame = pd.DataFrame(
        {
            "name": _strings(_pick(names, keep)),
            "profile_url": _strings(_pick(urls, keep)),
            "company": _strings(_pick(table.col("company"), keep)),
            "position": _strings(_pick(table.col("position"), keep)),
            "mutual_count": pd.array(counts, dtype="Int64"),
            "mutual_names": mutual_names,
            "line": pd.Series(_pick(table.lines, keep), dtype="int64"),
        }
    )
    if table.spec is _SEARCH:
        frame.insert(6, "connection_degree", _strings(_pick(table.col("connection_degree"), keep)))
        era = "search export (profileUrl, fullName, sharedConnectionsCount)"
    else:
        era = "refkit mutuals template"
    return _result(table, frame, era)


def read_edges(path: Source, *, name: str | None = None) -> ReadResult:
    """Read an edge list with columns ``source, target`` (names or profile URLs).

    Extra columns are kept (as strings). Rows with an empty end are skipped with
    a warning.

    Examples
    --------
    >>> data = b"source,target,note\\nPriya Raman,Tom Ortega,met at PyCon\\nPriya Raman,,\\n"
    >>> import warnings
    >>> with warnings.catch_warnings():
    ...     warnings.simplefilter("ignore")
    ...     res = read_edges(data, name="edges.csv")
    >>> res.frame
              source      target          note  line
    0  Priya Raman  Tom Ortega  met at PyCon     2
    >>> res.skipped
    ((3, 'empty target'),)
    """
    table = _table(path, name, (_EDGES,))
    sources, targets = table.col("source"), table.col("target")
    keep: list[int] = []
    for i in range(table.n):
        if sources[i] and targets[i]:
            keep.append(i)
        else:
            gone = " and ".join(
                e for e, v in (("source", sources[i]), ("target", targets[i])) if not v
            )
            table.log.skip(table.lines[i], f"empty {gone}")
    if not keep:
        raise _no_rows(table, "rows with source and target")
    data = {"source": _strings(_pick(sources, keep)), "target": _strings(_pick(targets, keep))}
    for key, values in table.extra.items():
        if key.casefold() not in ("source", "target", "line") and key not in data:
            data[key] = _strings(_pick(values, keep))
    data["line"] = pd.Series(_pick(table.lines, keep), dtype="int64")
    return _result(table, pd.DataFrame(data), "edge list (source, target)")


def read_tags(path: Source, *, name: str | None = None) -> ReadResult:
    """Read the user's tags for their connections: ``Name,URL,Tags`` (tags separated by ``;``).

    Examples
    --------
    >>> res = read_tags(b"Name,URL,Tags\\nPriya Raman,,close; former colleague\\n", name="tags.csv")
    >>> res.frame[["name", "tags"]].to_dict("records")
    [{'name': 'Priya Raman', 'tags': 'close; former colleague'}]
    """
    table = _table(path, name, (_TAGS,))
    names, urls, tags = table.col("name"), table.col("profile_url"), table.col("tags")
    keep: list[int] = []
    for i in range(table.n):
        if (names[i] or urls[i]) and tags[i]:
            keep.append(i)
        else:
            table.log.skip(table.lines[i], "no name/URL or no tags")
    if not keep:
        raise _no_rows(table, "rows with a name and tags")
    frame = pd.DataFrame(
        {
            "name": _strings(_pick(names, keep)),
            "profile_url": _strings(_pick(urls, keep)),
            "tags": _strings(_pick(tags, keep)),
            "line": pd.Series(_pick(table.lines, keep), dtype="int64"),
        }
    )
    return _result(table, frame, "refkit tags (Name, URL, Tags)")


def read_owners(path: Source, *, name: str | None = None) -> ReadResult:
    """Read a shared-exports manifest: ``file,owner_name,owner_url``, one row per shared export.

    ``file`` is resolved relative to the manifest's folder; ``owner`` is the
    owner's profile URL when given, else their name.

    Examples
    --------
    >>> res = read_owners(b"file,owner_name,owner_url\\npriya.csv,Priya Raman,\\n", name="x/owners.csv")
    >>> res.frame[["file", "owner"]].to_dict("records")
    [{'file': 'x/priya.csv', 'owner': 'Priya Raman'}]
    """
    table = _table(path, name, (_OWNERS,))
    base = os.path.dirname(table.display.split(":", 1)[0]) if not _is_bytes(path) else (
        os.path.dirname(name or ""))
    files, names, urls = table.col("file"), table.col("owner_name"), table.col("owner_url")
    keep: list[int] = []
    owners: list[str] = []
    for i in range(table.n):
        owner = urls[i] or names[i]
        if files[i] and owner:
            keep.append(i)
            owners.append(owner)
        else:
            table.log.skip(table.lines[i], "no file or no owner")
    if not keep:
        raise _no_rows(table, "rows with a file and an owner")
    frame = pd.DataFrame(
        {
            "file": _strings([os.path.join(base, f) for f in _pick(files, keep)]),
            "owner": _strings(owners),
            "line": pd.Series(_pick(table.lines, keep), dtype="int64"),
        }
    )
    return _result(table, frame, "refkit shared-exports manifest")


def shared_exports(manifest: Source) -> list[tuple[str, str]]:
    """``(owner, file)`` pairs from a shared-exports manifest, for :func:`refkit.build.build_network`."""
    frame = read_owners(manifest).frame
    return list(zip(frame["owner"], frame["file"], strict=True))


_TRUE = {"true", "yes", "1", "y"}


def read_messages(path: Source, *, name: str | None = None) -> ReadResult:
    """Read LinkedIn's ``messages.csv`` (2018 or 2021+ layout); drafts are dropped.

    Returns
    -------
    ReadResult
        kind ``messages``; columns ``conversation_id, sender, sender_url,
        recipients, recipient_urls, sent_at (UTC, naive), content_length (int),
        is_draft (bool), line``.

    Examples
    --------
    >>> data = (b"CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,DATE,SUBJECT,CONTENT,FOLDER\\n"
    ...         b"c1,,Ada Lovelace,https://www.linkedin.com/in/ada,Tom Ortega,2021-05-03 10:11:12 UTC,,Hello!,INBOX\\n")
    >>> res = read_messages(data, name="messages.csv")
    >>> res.frame.loc[0, ["sender", "sent_at"]].tolist()
    ['Ada Lovelace', Timestamp('2021-05-03 10:11:12')]
    >>> int(res.frame.loc[0, "content_length"])
    6
    """
    table = _table(path, name, (_MESSAGES,))
    message_draft, conversation_draft = table.col("message_draft"), table.col("conversation_draft")
    folder = table.col("folder")
    keep: list[int] = []
    for i in range(table.n):
        draft = (
            message_draft[i].lower() in _TRUE
            or conversation_draft[i].lower() in _TRUE
            or folder[i].lower() in ("draft", "drafts")
        )
        if draft:
            table.log.skip(table.lines[i], "draft message", warn=False)
        else:
            keep.append(i)
    if not keep:
        raise _no_rows(table, "messages that are not drafts")
    content = table.col("content")
    frame = pd.DataFrame(
        {
            "conversation_id": _strings(_pick(table.col("conversation_id"), keep)),
            "sender": _strings(_pick(table.col("sender"), keep)),
            "sender_url": _strings(_pick(table.col("sender_url"), keep)),
            "recipients": _strings(_pick(table.col("recipients"), keep)),
            "recipient_urls": _strings(_pick(table.col("recipient_urls"), keep)),
            "sent_at": _dates(table, keep, "sent_at", "message", _MESSAGE_FORMATS),
            "content_length": pd.Series([len(content[i]) for i in keep], dtype="int64"),
            "is_draft": pd.Series([False] * len(keep), dtype=bool),
            "line": pd.Series(_pick(table.lines, keep), dtype="int64"),
        }
    )
    if "conversation_id" not in table.columns:
        era = "2018 (From, To, Date)"
    elif "recipient_urls" in table.columns:
        era = "2023+ (with RECIPIENT PROFILE URLS)"
    else:
        era = "2021-2022 (CONVERSATION ID)"
    if "message_draft" in table.columns:
        era += ", with draft columns"
    return _result(table, frame, era)


def read_invitations(path: Source, *, name: str | None = None) -> ReadResult:
    """Read LinkedIn's ``Invitations.csv`` (any era).

    Returns
    -------
    ReadResult
        kind ``invitations``; columns ``from_name, to_name, sent_at, message,
        direction, inviter_url, invitee_url, line``.

    Examples
    --------
    >>> data = (b"From,To,Sent At,Message,Direction\\n"
    ...         b'Ada Lovelace,Tom Ortega,"9/12/24, 3:05 PM",,OUTGOING\\n')
    >>> res = read_invitations(data, name="Invitations.csv")
    >>> res.frame.loc[0, ["to_name", "sent_at", "direction"]].tolist()
    ['Tom Ortega', Timestamp('2024-09-12 15:05:00'), 'OUTGOING']
    """
    table = _table(path, name, (_INVITATIONS,))
    keep = list(range(table.n))
    if not keep:
        raise _no_rows(table, "invitations")
    frame = pd.DataFrame(
        {
            "from_name": _strings(table.col("from_name")),
            "to_name": _strings(table.col("to_name")),
            "sent_at": _dates(table, keep, "sent_at", "Sent At", _MESSAGE_FORMATS),
            "message": _strings(table.col("message")),
            "direction": _strings(table.col("direction")),
            "inviter_url": _strings(table.col("inviter_url")),
            "invitee_url": _strings(table.col("invitee_url")),
            "line": pd.Series(table.lines, dtype="int64"),
        }
    )
    names = {_norm_header(c) for c in table.header.cells}
    if "inviter_url" in table.columns:
        era = "Aug 2024+ (with profile URLs)"
    elif "inviterprofileurn" in names:
        era = "early 2024 (with profile URNs)"
    else:
        era = "to mid-2023 (From, To, Sent At)"
    return _result(table, frame, era)


def read_positions(path: Source, *, name: str | None = None) -> ReadResult:
    """Read LinkedIn's ``Positions.csv`` (the user's own jobs).

    Returns
    -------
    ReadResult
        kind ``positions``; columns ``company, title, started_on, finished_on
        (NaT = current), line``.

    Examples
    --------
    >>> data = (b"Company Name,Title,Description,Location,Started On,Finished On\\n"
    ...         b"Acme,Engineer,,Berlin,Jan 2019,\\n")
    >>> res = read_positions(data, name="Positions.csv")
    >>> res.frame.loc[0, ["company", "started_on"]].tolist(), pd.isna(res.frame.loc[0, "finished_on"])
    (['Acme', Timestamp('2019-01-01 00:00:00')], True)
    """
    table = _table(path, name, (_POSITIONS,))
    keep = [i for i in range(table.n)]
    if not keep:
        raise _no_rows(table, "positions")
    frame = pd.DataFrame(
        {
            "company": _strings(table.col("company")),
            "title": _strings(table.col("title")),
            "started_on": _dates(
                table, keep, "started_on", "Started On", _MONTH_FORMATS, earliest=EARLIEST_POSITION
            ),
            "finished_on": _dates(
                table, keep, "finished_on", "Finished On", _MONTH_FORMATS, earliest=EARLIEST_POSITION
            ),
            "line": pd.Series(table.lines, dtype="int64"),
        }
    )
    return _result(table, frame, "Positions.csv")


def read_profile(path: Source, *, name: str | None = None) -> ReadResult:
    """Read LinkedIn's ``Profile.csv`` (the user's own name and headline).

    Examples
    --------
    >>> data = b"First Name,Last Name,Maiden Name,Headline\\nAda,Lovelace,,Engineer at Acme\\n"
    >>> read_profile(data, name="Profile.csv").frame.loc[0, ["first_name", "headline"]].tolist()
    ['Ada', 'Engineer at Acme']
    """
    table = _table(path, name, (_PROFILE,))
    if not table.n:
        raise _no_rows(table, "a profile row")
    frame = pd.DataFrame(
        {
            "first_name": _strings(table.col("first_name")),
            "last_name": _strings(table.col("last_name")),
            "headline": _strings(table.col("headline")),
            "line": pd.Series(table.lines, dtype="int64"),
        }
    )
    names = {_norm_header(c) for c in table.header.cells}
    return _result(
        table, frame, "2018 Profile.csv" if "contact instructions" in names else "Profile.csv"
    )


_SIDE_FILES = {
    "messages.csv": "messages",
    "invitations.csv": "invitations",
    "positions.csv": "positions",
    "profile.csv": "profile",
}


def read_export(path: Source, *, name: str | None = None) -> Archive:
    """Read the user's LinkedIn export: the ``.zip``, its folder, or a Connections.csv.

    From an archive, ``messages.csv``, ``Invitations.csv``, ``Positions.csv`` and
    ``Profile.csv`` are read too when present (names matched case-insensitively,
    at the top or one folder down). Zip members are read in memory, never
    extracted; in a folder, links leading outside it are not followed. Only
    Connections.csv is required: a side file that cannot be used (too large,
    damaged, not what its name says) becomes a warning and None. When a file is
    there twice, the one LinkedIn writes (the shallowest, spelled as LinkedIn
    spells it) is read with a warning naming both; when neither is, the archive is
    refused naming both.

    Examples
    --------
    >>> import io, zipfile
    >>> buffer = io.BytesIO()
    >>> with zipfile.ZipFile(buffer, "w") as zf:
    ...     zf.writestr("Basic_LinkedIn_Data/Connections.csv",
    ...                 "First Name,Last Name,Connected On\\nAda,Lovelace,08 Feb 2021\\n")
    ...     zf.writestr("Basic_LinkedIn_Data/Profile.csv",
    ...                 "First Name,Last Name,Headline\\nMe,Myself,Engineer\\n")
    >>> archive = read_export(buffer.getvalue(), name="export.zip")
    >>> archive.connections.path, len(archive.connections.frame), archive.messages is None
    ('export.zip:Connections.csv', 1, True)
    >>> archive.profile.frame.loc[0, "headline"]
    'Engineer'
    """
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", RefkitWarning)
            archive = _read_export(path, name)
    finally:  # shown as they came (a refusal too), and kept: the files' own and the archive's
        for caught_warning in caught:
            warnings.warn_explicit(caught_warning.message, caught_warning.category,
                                   caught_warning.filename, caught_warning.lineno)
    said = {w for part in archive.parts() for w in part.warnings}
    notes = tuple(str(c.message) for c in caught
                  if issubclass(c.category, RefkitWarning) and str(c.message) not in said)
    return replace(archive, notes=notes) if notes else archive


def _read_export(path: Source, name: str | None) -> Archive:
    display = _display(path, name)
    path, name = _once(path, name)
    with _open_archive(path, name) as files:
        if files is None:
            return Archive(path=display, connections=read_connections(path, name=name))
        data, member = _connections_member(files)
        connections = _read_connections_table(
            _table(data, None, (_CONNECTIONS,), data=data, display=member)
        )
        side: dict[str, ReadResult | None] = {}
        for base, attr in _SIDE_FILES.items():
            side[attr] = None
            try:
                found = files.get(base)
                if found is not None:
                    side[attr] = _SIDE_FUNCS[attr](found[0], name=found[1])
            except RefkitError as err:  # too large, damaged, not what it should be ...
                warn_row(f"{display}:{base}", None, f"not used ({err})")
    return Archive(path=display, connections=connections, **side)


_SIDE_FUNCS = {
    "messages": read_messages,
    "invitations": read_invitations,
    "positions": read_positions,
    "profile": read_profile,
}


def detect_kind(path: Source, *, name: str | None = None) -> str:
    """Tell what a file is from its header (the file name is only a tie-breaker).

    Returns one of ``connections``, ``mutuals``, ``search_export``, ``edges``,
    ``messages``, ``invitations``, ``positions``, ``profile``, ``archive`` (a zip
    or folder) or ``unknown``. A missing file raises :class:`~refkit.RefkitError`.

    Examples
    --------
    >>> detect_kind(b"source,target\\nA,B\\n", name="edges.csv")
    'edges'
    >>> detect_kind(b"From,To,Sent At,Message,Direction\\n", name="Invitations.csv")
    'invitations'
    >>> detect_kind(b"hello world\\n")
    'unknown'
    """
    display = _display(path, name)
    if _is_dir(path):
        return "archive"
    path, name = _once(path, name)
    if not _is_bytes(path):
        with contextlib.suppress(OSError), open(path, "rb") as fh:  # type: ignore[arg-type]
            if fh.read(2) == b"PK":  # a zip may be larger than one file's bound
                fh.seek(0)
                return "archive" if _zip_looks_like(fh) == "zip" else "unknown"
    data = _load(path, display)
    if data[:2] == b"PK":
        return "archive" if _zip_looks_like(data) == "zip" else "unknown"
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RefkitWarning)
            text = _decode(data[: 1 << 16], display, [])
    except RefkitError:
        return "unknown"
    header = _find_header(text, _SPECS)
    if header is None:
        return "unknown"
    hint = _FILE_HINTS.get(os.path.basename(display).lower())
    for spec in header.matches:
        if spec.kind == hint:
            return spec.kind
    return header.matches[0].kind


_DISPATCH = {
    "connections": read_connections,
    "mutuals": read_mutuals,
    "search_export": read_mutuals,
    "edges": read_edges,
    "messages": read_messages,
    "invitations": read_invitations,
    "positions": read_positions,
    "profile": read_profile,
    "archive": read_export,
    "tags": read_tags,
    "owners": read_owners,
}


def read_any(path: Source, *, name: str | None = None) -> ReadResult | Archive:
    """Read a file with the reader :func:`detect_kind` picks.

    Returns an :class:`Archive` for a zip or folder, otherwise a :class:`ReadResult`.

    Examples
    --------
    >>> res = read_any(b"source,target\\nA,B\\n", name="edges.csv")
    >>> res.kind, len(res.frame)
    ('edges', 1)
    """
    path, name = _once(path, name)
    kind = detect_kind(path, name=name)
    display = _display(path, name)
    if kind == "unknown" and display.lower().endswith(".zip"):
        return read_export(path, name=name)  # raises with the archive's own message
    if kind == "unknown":
        data = _load(path, display)
        text = _decode(data, display, [])
        removed = _deidentified(text, display)
        if removed is not None:
            raise removed
        line, cells = _best_guess_line(text)
        found = f"found {_short(cells)}" if cells else "found no columns"
        kinds = "; ".join(f"{spec.title}: {spec.expected}" for spec in _SPECS)
        raise RefkitError(
            f"{display}, line {line}: cannot tell what this file is ({found}); expected one of "
            f"{kinds}; or a LinkedIn .zip export"
        )
    return _DISPATCH[kind](path, name=name)


# --------------------------------------------------------------------------- ranked lists
# ``refkit rank``'s CSV read back (for ``refkit track add``), the way the readers above read
# LinkedIn exports: any encoding and delimiter a spreadsheet re-save gives, bad cells as row
# warnings naming the line, nothing else lost.

__all__ += ["MAX_MUTUAL_COUNT", "parse_mutual_count", "read_ranked"]

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

    Examples
    --------
    >>> parse_mutual_count("14"), parse_mutual_count(" 12.0 "), parse_mutual_count(7)
    (14, 12, 7)
    >>> [parse_mutual_count(v) for v in ("12.5", "1e30", float("inf"), "-3", "40000", "")]
    [None, None, None, None, None, None]
    """
    import math
    import numbers

    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, numbers.Integral):
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
    """Read a ranked CSV written by ``refkit rank`` (and perhaps re-saved by a spreadsheet).

    Encodings, delimiters and the header are found as for LinkedIn exports
    (UTF-8 with or without BOM, cp1252, UTF-16; ``,``, ``;``, tab or ``|``).
    Cells neutralised against formulas are restored, ``alternate_keys`` and
    ``mutual_keys`` become tuples and ``mutual_count`` an ``Int64`` column; a
    count that is not a whole number from 0 to :data:`MAX_MUTUAL_COUNT` is a
    row warning naming the line and left missing (the row is kept). The file
    needs a ``key``, ``profile_url`` or ``name`` column; ``line`` holds the
    physical line each row starts on.

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

    table = _table(path, name, (_RANKED,))

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
