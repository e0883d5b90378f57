"""Bytes to text: binary files recognised and refused, encodings found (line by line if need be)."""

from __future__ import annotations

import io
import re
import zipfile
import zlib

from refkit._errors import FileFormatError, warn_row
from refkit.read._log import _Log


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


def _utf16(data: bytes) -> str | None:
    """``'utf-16-le'`` or ``'utf-16-be'`` for UTF-16 text without a BOM (every other byte
    NUL in its head), ``'utf-16'`` with one; None for the others."""
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return "utf-16"
    head = data[:400]
    if len(head) >= 4 and head[1::2].count(0) > 0.4 * len(head) / 2 and head[0::2].count(0) == 0:
        return "utf-16-le"
    if len(head) >= 4 and head[0::2].count(0) > 0.4 * len(head) / 2 and head[1::2].count(0) == 0:
        return "utf-16-be"
    return None


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
        raise FileFormatError(f"{display}, line 1: the file is empty; expected a CSV header",
                              path=display, line=1)
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        notes.append("UTF-16")
        text = data.decode("utf-16", errors="replace")
        if "\ufffd" in text:
            line = text[: text.find("\ufffd")].count("\n") + 1
            warn(f"damaged UTF-16 text; unreadable characters replaced by \ufffd (first on line {line})")
        return text
    codec = _utf16(data)
    if codec is not None:
        notes.append("UTF-16")
        return data.decode(codec, errors="replace")
    if data[:2] == b"PK" or (
        b"\x00" in data
        and (_mostly_binary(data) or not _describe_binary(data).startswith("binary data"))
    ):
        line = data[: data.find(b"\x00")].count(b"\n") + 1 if b"\x00" in data else 1
        raise FileFormatError(
            f"{display}, line {line}: this looks like {_describe_binary(data)}; "
            "expected a CSV text file", path=display, line=line)
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
