"""The fast path of the CSV reader against the careful one: for any file, the same result.

``refkit.read._table`` reads the clean stretches of a file at C speed and hands the
rest (from the first chunk that is not clean) to the careful line-by-line reader.
Here messy files (stray quotes, short and long rows, blank lines, CRLF/CR, BOM,
';' and tab delimiters, quoted multi-line fields, a second preamble and header,
NUL bytes, trailing empty cells, spaces) are read both ways, with tiny chunks so
that the hand-over happens mid-file, and everything must match: the frame
(values and dtypes), skipped rows, warnings (and the ones emitted), era, notes,
or the same error.
"""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import refkit.read._table as table_module
from refkit import RefkitError
from refkit.read import (
    ReadResult,
    read_any,
    read_connections,
    read_edges,
    read_messages,
    read_mutuals,
)

FILES = Path(__file__).parent / "files"
SEEDS = sorted(FILES.glob("*.csv"))
READERS = (read_connections, read_messages, read_edges, read_mutuals, read_any)
SETTINGS = settings(max_examples=300, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                           HealthCheck.function_scoped_fixture])

HEADERS = [
    ["First Name", "Last Name", "URL", "Email Address", "Company", "Position", "Connected On"],
    ["First Name", "Last Name", "Email Address", "Company", "Position", "Connected On"],
    ["First Name", "Last Name", "Company", "Position", "Connected on", "", ""],
    ["CONVERSATION ID", "FROM", "SENDER PROFILE URL", "TO", "DATE", "SUBJECT", "CONTENT"],
    ["source", "target", "weight"],
]
CELLS = [
    "Ada", "Lovelace", " Ada ", "Zoë", "Acme GmbH", '"Okafor, MD"', '"Toptal, LLC"', "",
    "", "", " ", '"he said ""hi"""', '"two\nlines"', '"three\r\nli\nnes"', 'O"Brien', '"open',
    "08 Feb 2021", '"4/18/18, 10:23 PM"', "18.06.2022", "2021-02-08", "not a date", "01 Jan 1999",
    "https://www.linkedin.com/in/ada", "ada@example.org", "Notes:", "First Name", "x\x00y",
    "\ufeffAda", "\ta\t", '""', '"a"b', "Søren", "😀", "\u2028x", "2024-01-01 10:00:00 UTC", "\u00a0Ada\u00a0", "C;D", "E\tF",
]
PREAMBLE = ["Notes:", '"When exporting your connection data, you may notice that some of the email '
            'addresses are missing."', ""]


CLEAN = ["Ada", "Lovelace", "Zoë", "Acme GmbH", '"Okafor, MD"', "", "08 Feb 2021", "2021-02-08",
         "https://www.linkedin.com/in/ada", '"he said ""hi"""', "Søren"]


def _row(draw, width: int, cells: list[str]) -> list[str]:
    size = draw(st.sampled_from([width] * 6 + [0, 1, width - 1, width + 1, width + 2]))
    if cells is CLEAN and draw(st.integers(0, 9)):
        size = width  # mostly clean files: mostly whole rows
    return [draw(st.sampled_from(cells)) for _ in range(max(size, 0))]


@st.composite
def messy(draw) -> bytes:
    """A CSV file of one of the kinds, clean or damaged in the ways files are."""
    header = draw(st.sampled_from(HEADERS))
    delimiter = draw(st.sampled_from([",", ",", ",", ";", "\t"]))
    lines: list[str] = list(PREAMBLE) if draw(st.booleans()) else []
    lines.append(delimiter.join(header))
    cells = draw(st.sampled_from([CELLS, CLEAN]))
    for _ in range(draw(st.integers(0, 40))):
        what = draw(st.sampled_from(["row"] * (12 if cells is CELLS else 60)
                                    + ["blank", "spaces", "empties", "preamble", "header", "other header"]))
        if what == "row":
            lines.append(delimiter.join(_row(draw, len(header), cells)))
        elif what == "blank":
            lines.append("")
        elif what == "spaces":
            lines.append("  ")
        elif what == "empties":
            lines.append(delimiter * (len(header) - 1))
        elif what == "preamble":
            lines.extend(PREAMBLE[:2])
        elif what == "header":
            lines.append(delimiter.join(header))
        else:
            lines.append(delimiter.join(draw(st.permutations(header))[: len(header) - 1] + ["Extra"]))
    newline = draw(st.sampled_from(["\n", "\r\n", "\r", "mixed"]))
    if newline == "mixed":
        text = "".join(line + draw(st.sampled_from(["\n", "\r\n", "\r"])) for line in lines)
    else:
        text = newline.join(lines) + (newline if draw(st.booleans()) else "")
    encoding = draw(st.sampled_from(["utf-8"] * 4 + ["utf-8-sig", "cp1252", "utf-16", "mixed"]))
    if encoding == "mixed":  # a line or two in cp1252 in a UTF-8 file
        return b"\n".join(line.encode(draw(st.sampled_from(["utf-8"] * 5 + ["cp1252"])), errors="replace")
                          for line in text.split("\n"))
    return text.encode(encoding, errors="replace")


@st.composite
def mutated_seed(draw) -> bytes:
    """One of the test files with a few bytes changed."""
    data = bytearray(draw(st.sampled_from(SEEDS)).read_bytes())
    for _ in range(draw(st.integers(0, 4))):
        if not data:
            break
        at = draw(st.integers(0, len(data) - 1))
        data[at:at + draw(st.integers(0, 3))] = draw(st.sampled_from(
            [b'"', b"\n", b"\r", b",", b"", b"\x00", b" ", b"\r\n", b'""', b"Notes:\n"]))
    return bytes(data)


def _outcome(reader, data: bytes):
    """What ``reader`` gives for ``data``: its result (made comparable) or its error, and the
    warnings it emitted."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            result = reader(data, name="f.csv")
        except RefkitError as err:
            result = (type(err).__name__, str(err))
    emitted = [(w.category.__name__, str(w.message)) for w in caught]
    if isinstance(result, ReadResult):
        frame = result.frame
        result = (frame.to_dict("list"), list(map(str, frame.dtypes)), list(frame.columns),
                  result.kind, result.era, result.skipped, result.warnings, result.owner)
    elif not isinstance(result, tuple):  # an Archive (read_any of a zip): compared by its text
        result = repr(result)
    return result, emitted


def _both(monkeypatch, reader, data: bytes, chunk: int):
    monkeypatch.setattr(table_module, "_CHUNK_CHARS", chunk)
    monkeypatch.setattr(table_module, "_HEAD_BYTES", 64 if chunk == 1 else 1 << 16)
    monkeypatch.setattr(table_module, "_FAST", True)
    fast = _outcome(reader, data)
    monkeypatch.setattr(table_module, "_FAST", False)
    slow = _outcome(reader, data)
    return fast, slow


def _same(fast, slow) -> None:
    (fast_result, fast_emitted), (slow_result, slow_emitted) = fast, slow
    assert fast_result == slow_result
    assert fast_emitted == slow_emitted


@SETTINGS
@given(data=messy(), reader=st.sampled_from(READERS), chunk=st.sampled_from([1, 40, 200, 1 << 22]))
def test_messy_files_read_the_same_fast_and_slow(monkeypatch, data, reader, chunk):
    _same(*_both(monkeypatch, reader, data, chunk))


@SETTINGS
@given(data=mutated_seed(), reader=st.sampled_from(READERS), chunk=st.sampled_from([1, 100, 1 << 22]))
def test_damaged_test_files_read_the_same_fast_and_slow(monkeypatch, data, reader, chunk):
    _same(*_both(monkeypatch, reader, data, chunk))


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.name)
def test_test_files_read_the_same_fast_and_slow(monkeypatch, path):
    for chunk in (1, 50, 1 << 22):
        _same(*_both(monkeypatch, read_any, path.read_bytes(), chunk))


def test_a_clean_file_takes_the_fast_path_and_only_the_rest_the_slow(monkeypatch):
    """The careful reader starts at the first chunk that is not clean, not before."""
    rows = [f"P{i},Q{i},08 Feb 2021" for i in range(200)]
    rows[150] = 'Stray "quote,Q,"08 Feb 2021'
    data = ("First Name,Last Name,Connected On\n" + "\n".join(rows) + "\n").encode()
    started: list[tuple[int, int] | None] = []
    careful = table_module._Records.read

    def spy(self, start=None):
        started.append(start)
        return careful(self, start)

    monkeypatch.setattr(table_module._Records, "read", spy)
    monkeypatch.setattr(table_module, "_CHUNK_CHARS", 100)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        result = read_connections(data, name="f.csv")
    assert len(started) == 1 and started[0] is not None
    line = started[0][0]
    assert 100 < line <= 152  # the chunk holding line 152 (row 150), a few lines before it
    assert result.frame["line"].tolist()[:3] == [2, 3, 4]
    monkeypatch.setattr(table_module, "_CHUNK_CHARS", 1 << 22)
    started.clear()
    clean = ("First Name,Last Name,Connected On\n" + "\n".join(rows[:100]) + "\n").encode()
    read_connections(clean, name="f.csv")
    assert started == []


TRICKY = {
    "second header": b"First Name,Last Name,Connected On\nAda,L,08 Feb 2021\n"
                     b"First Name,Last Name,Connected On\nBob,M,08 Feb 2021\n",
    "second preamble": b"First Name,Last Name,Connected On\nAda,L,08 Feb 2021\nNotes:\n"
                       b"\"When exporting your connection data\"\n\nFirst Name,Last Name,Connected On\n"
                       b"Bob,M,08 Feb 2021\n",
    "other header": b"First Name,Last Name,Connected On\nAda,L,08 Feb 2021\n"
                    b"Connected On,First Name,Last Name,Company\n08 Feb 2021,Bob,M,Acme\n",
    "stray quote last": b"First Name,Last Name,Connected On\nAda,L,08 Feb 2021\nBob,\"M,08 Feb 2021\n",
    "stray quote": b"First Name,Last Name,Connected On\nAda,\"L,08 Feb 2021\nBob,M,08 Feb 2021\n" * 3,
    "multi-line": b"First Name,Last Name,Connected On\nAda,\"L\nL\",08 Feb 2021\nBob,M,08 Feb 2021\n",
    "blank lines": b"First Name,Last Name,Connected On\n\nAda,L,08 Feb 2021\n  \n,,\n\n\nBob,M,08 Feb 2021\n\n",
    "short": b"First Name,Last Name,Company,Connected On\nAda,L,08 Feb 2021\nBob,M,Acme,08 Feb 2021\n",
    "long": b"First Name,Last Name,Connected On\nAda,L,08 Feb 2021,x\nBob,M,08 Feb 2021,\n",
    "trailing empty": b"First Name,Last Name,Connected On,,\nAda,L,08 Feb 2021\nBob,M,08 Feb 2021,,\n",
    "spaces": b"First Name,Last Name,Connected On\n Ada , L ,\" 08 Feb 2021 \"\n\xc2\xa0Bob,M,08 Feb 2021\n",
    "cr": b"First Name,Last Name,Connected On\rAda,L,08 Feb 2021\r\rBob,M,08 Feb 2021\r\n",
    "bom mid-file": b"First Name,Last Name,Connected On\n\xef\xbb\xbfAda,L,08 Feb 2021\n",
    "nul": b"First Name,Last Name,Connected On\nAda,L\x00,08 Feb 2021\n" + b"Bob,M,08 Feb 2021\n" * 5,
    "cp1252 line": b"First Name,Last Name,Connected On\nAda,L,08 Feb 2021\nJos\xe9,M,08 Feb 2021\n",
    "semicolon": b"First Name;Last Name;Connected On\nAda;\"L;L\";08 Feb 2021\nBob;M;08 Feb 2021\n",
    "quoted delimiter short": b"First Name,Last Name,Connected On\n\"A,d\",\"a,\"\n",
}


@pytest.mark.parametrize("name", TRICKY)
def test_tricky_files_read_the_same_fast_and_slow(monkeypatch, name):
    for chunk in (1, 30, 1 << 22):
        for reader in (read_connections, read_any):
            _same(*_both(monkeypatch, reader, TRICKY[name], chunk))
