"""Dates are parsed once per distinct text and remembered across files: the second file
with the same texts gets the same dates and the same warnings, by its own line numbers."""

from __future__ import annotations

import warnings

import pandas as pd

from refkit.read import _dates, read_connections

HEADER = "First Name,Last Name,Connected On\n"


def _read(rows: str, name: str):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return read_connections((HEADER + rows).encode(), name=name)


def test_a_date_text_seen_before_reads_and_warns_the_same_in_the_next_file():
    _dates._SEEN.clear()
    first = _read("Ada,L,08 Feb 2021\nTom,O,31 Feb 2021\nMei,C,01 Jan 1999\n", "a.csv")
    assert _dates._SEEN  # remembered
    second = _read("Al,B,01 Jan 1999\nBo,C,31 Feb 2021\nCy,D,08 Feb 2021\nDi,E,\n", "b.csv")
    assert first.frame["connected_on"].tolist()[0] == pd.Timestamp("2021-02-08")
    assert second.frame["connected_on"].tolist()[2] == pd.Timestamp("2021-02-08")
    assert second.frame["connected_on"].isna().tolist() == [True, True, False, True]
    assert first.warnings == (
        "a.csv, line 3: cannot read Connected On date '31 Feb 2021'; left empty",
        "a.csv, line 4: Connected On date '01 Jan 1999' is before LinkedIn started (2003); left empty",
    )
    assert second.warnings == (
        "b.csv, line 2: Connected On date '01 Jan 1999' is before LinkedIn started (2003); left empty",
        "b.csv, line 3: cannot read Connected On date '31 Feb 2021'; left empty",
    )


def test_what_is_remembered_is_bounded(monkeypatch):
    monkeypatch.setattr(_dates, "_SEEN_MAX", 3)
    _dates._SEEN.clear()
    _read("A,B,01 Jan 2020\nC,D,02 Jan 2020\n", "a.csv")
    res = _read("E,F,03 Jan 2020\nG,H,01 Jan 2020\n", "b.csv")
    assert res.frame["connected_on"].tolist() == [pd.Timestamp("2020-01-03"), pd.Timestamp("2020-01-01")]
    assert all(len(seen) <= 3 for seen in _dates._SEEN.values())
