"""Property tests: whatever bytes the readers get, they end in a result or a RefkitError.

Inputs are arbitrary bytes and valid exports mutated the way files get damaged in
the wild (bytes deleted, inserted or swapped, quotes unbalanced, re-encoded).
Warnings are allowed; any other exception is a bug.
"""

from __future__ import annotations

import io
import warnings
import zipfile
from pathlib import Path

import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from refkit import RefkitError
from refkit.read import (
    Archive,
    ReadResult,
    read_any,
    read_connections,
    read_edges,
    read_mutuals,
)

FILES = Path(__file__).parent / "files"
SEEDS = [
    (FILES / name).read_bytes()
    for name in (
        "connections_2018.csv",
        "connections_2021.csv",
        "connections_2023.csv",
        "connections_bad_rows.csv",
        "connections_semicolon_cp1252.csv",
        "mutuals.csv",
        "search_export.csv",
        "edges.csv",
        "messages.csv",
        "Invitations.csv",
    )
]
READERS = (read_connections, read_mutuals, read_edges, read_any)
FUZZ = settings(
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@st.composite
def mutated(draw) -> bytes:
    """A valid export with a few random edits, possibly re-encoded."""
    data = bytearray(draw(st.sampled_from(SEEDS)))
    for _ in range(draw(st.integers(0, 6))):
        edit = draw(st.sampled_from(["delete", "insert", "swap", "quote", "nul", "cut"]))
        if not data:
            break
        at = draw(st.integers(0, len(data) - 1))
        if edit == "delete":
            del data[at : at + draw(st.integers(1, 20))]
        elif edit == "insert":
            data[at:at] = draw(st.binary(min_size=1, max_size=8))
        elif edit == "swap":
            other = draw(st.integers(0, len(data) - 1))
            data[at], data[other] = data[other], data[at]
        elif edit == "quote":
            data[at:at] = b'"'
        elif edit == "nul":
            data[at:at] = b"\x00"
        else:
            del data[at:]
    raw = bytes(data)
    encoding = draw(st.sampled_from(["as-is", "cp1252", "utf-16", "utf-16-le", "utf-8-sig"]))
    if encoding != "as-is":
        text = raw.decode("utf-8", errors="replace")
        raw = text.encode(encoding, errors="replace")
    return raw


def _outcome(reader, data: bytes, name: str) -> object:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            return reader(data, name=name)
        except RefkitError:
            return None


def _check(result: object) -> None:
    if result is None:
        return
    assert isinstance(result, ReadResult | Archive)
    if isinstance(result, ReadResult):
        assert isinstance(result.frame, pd.DataFrame)
        assert len(result.frame) > 0
        assert isinstance(result.frame.index, pd.RangeIndex)
        assert (result.frame["line"] >= 1).all()
        assert all(line >= 1 for line, _ in result.skipped)


@FUZZ
@given(data=st.binary(max_size=2000), reader=st.sampled_from(READERS))
def test_arbitrary_bytes_end_in_result_or_refkit_error(data, reader):
    _check(_outcome(reader, data, "fuzz.csv"))


@FUZZ
@given(data=mutated(), reader=st.sampled_from(READERS))
def test_mutated_exports_end_in_result_or_refkit_error(data, reader):
    _check(_outcome(reader, data, "Connections.csv"))


@FUZZ
@given(
    data=mutated(), member=st.sampled_from(["Connections.csv", "x/../Connections.csv", "a/b.csv"])
)
def test_mutated_zip_archives_end_in_result_or_refkit_error(data, member):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        zf.writestr(member, data)
    raw = buffer.getvalue()
    _check(_outcome(read_any, raw, "export.zip"))
    _check(_outcome(read_any, raw[: len(raw) // 2], "export.zip"))


COUNT_TEXT = st.text(
    alphabet=st.characters(blacklist_characters='\x00\r\n",', blacklist_categories=("Cs",)),
    max_size=6,
)


@FUZZ
@given(count=COUNT_TEXT)
def test_any_mutual_count_text_becomes_int_or_na(count):
    data = b"Name,Mutual Count\nMei Lin," + count.encode() + b"\n"
    result = _outcome(read_mutuals, data, "m.csv")
    assert isinstance(result, ReadResult)
    value = result.frame["mutual_count"].iloc[0]
    stripped = count.strip()
    if stripped.isascii() and stripped.isdigit():
        assert value == int(stripped)
    else:
        assert pd.isna(value)
