"""Finding the header row in the first lines, and the errors for a file without one."""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import islice

from refkit._errors import FileFormatError
from refkit._text import clean_text, truncate
from refkit.read._kinds import _SPECS, _norm_header, _Spec

HEADER_SCAN_LINES = 10
"""How many physical lines are searched for the header row."""


_DELIMITERS = (",", ";", "\t", "|")


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
    """A short, escaped excerpt of text from a file, safe to show in a message (no e-mail address)."""
    return truncate(clean_text(value, keep_emails=False), limit)


def _short(cells: list[str], limit: int = 8) -> str:
    cells = [c for c in (_excerpt(c) for c in cells) if c]
    shown = ", ".join(cells[:limit])
    return truncate(shown, 160) + (", ..." if len(cells) > limit else "")


_DEIDENTIFIED = re.compile(r"de-?\s*identified\s+")


def _deidentified(text: str, display: str) -> FileFormatError | None:
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
                return FileFormatError(
                    f"{display}, line {number}: names were removed from this file "
                    f"(a de-identified export: {_short(removed, 3)}); refkit needs the "
                    "names, so use the export LinkedIn sent you, not a de-identified copy",
                    path=display, line=number,
                )
    return None


def _no_header_error(text: str, display: str, wanted: tuple[_Spec, ...]) -> FileFormatError:
    expected = " or ".join(f"{spec.title} with columns {spec.expected}" for spec in wanted)
    removed = _deidentified(text, display)
    if removed is not None:
        return removed
    other = _find_header(text, tuple(s for s in _SPECS if s not in wanted))
    if other is not None:
        spec = other.matches[0]
        return FileFormatError(
            f"{display}, line {other.line}: this looks like a {spec.title} "
            f"(columns: {_short(other.cells)}); expected {expected}",
            path=display, line=other.line,
        )
    line, cells = _best_guess_line(text)
    found = f"found {_short(cells)}" if cells else "found no columns"
    return FileFormatError(
        f"{display}, line {line}: no header row in the first {HEADER_SCAN_LINES} lines; "
        f"{found}; expected {expected}",
        path=display, line=line,
    )
