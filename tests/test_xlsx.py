"""Excel workbooks (issue 19): text stays text, counts numbers, dates dates; cleaned as CSV files are."""

from __future__ import annotations

import datetime as dt
import warnings

import openpyxl
import pandas as pd
import pytest
from hostile import ESCAPES, FORMULAS, INVISIBLE_NAMES

import refkit.export as export_module
from refkit import RefkitError, RefkitWarning
from refkit.export import safe_frame
from refkit.xlsx import MAX_CELL_CHARS, write_xlsx

HOSTILE = [*FORMULAS, *ESCAPES, *INVISIBLE_NAMES, '=HYPERLINK("http://evil.example","click")',
           "@A1\n=1+1", "mail jane.doe@example.org", "-", "=", "<b>x</b>&amp;", "\ufffeOdd\uffff\x00"]


def _hostile_frame():
    n = len(HOSTILE)
    return pd.DataFrame({
        "rank": range(1, n + 1),
        "name": HOSTILE,
        "company": list(reversed(HOSTILE)),
        "invitation_note": [f"Hi {h},\nwe share friends." for h in HOSTILE],
        "email": ["x@example.com"] * n,
    })


def _cells(path, sheet=None):
    book = openpyxl.load_workbook(path)
    return book[sheet] if sheet else book.worksheets[0]


def test_no_cell_of_the_hostile_corpus_is_a_formula(tmp_path):
    frame = _hostile_frame()
    sheet = _cells(write_xlsx(frame, tmp_path / "ranked.xlsx"))
    rows = list(sheet.iter_rows())
    assert [c.value for c in rows[0]] == ["rank", "name", "company", "invitation_note"]  # no e-mail column
    for row in rows:
        for cell in row:
            assert cell.data_type != "f", (cell.coordinate, cell.value)
            if isinstance(cell.value, str):
                assert cell.data_type == "s"
    # the same text as the CSV file holds: one cleaning path
    expected = safe_frame(frame)
    for column, j in (("name", 1), ("company", 2), ("invitation_note", 3)):
        # less what an XML document cannot hold (U+FFFE, U+FFFF), which a CSV file keeps
        assert [r[j].value for r in rows[1:]] == [v.replace("\ufffe", "").replace("\uffff", "")
                                                  for v in expected[column]]
    text = " ".join(str(c.value) for row in rows for c in row)
    assert "@example" not in text and "\x1b" not in text and "\u202e" not in text


def test_text_is_stored_as_text_even_without_the_neutraliser(tmp_path, monkeypatch):
    """The data type, not only the leading quote, keeps ``=...`` from running."""
    monkeypatch.setattr(export_module, "neutralize", lambda value: value)
    frame = pd.DataFrame({"name": ["=1+1", '=HYPERLINK("http://evil.example")', "=cmd|' /C calc'!A0"]})
    sheet = _cells(write_xlsx(frame, tmp_path / "raw.xlsx"))
    cells = [row[0] for row in sheet.iter_rows(min_row=2)]
    assert [c.value for c in cells] == frame["name"].tolist()  # the neutraliser was really off
    assert [c.data_type for c in cells] == ["s", "s", "s"]


def test_types_header_freeze_widths_and_wrapping(tmp_path):
    long_note = "Hello Jane, " + "we both know Priya Raman from the data team at Stripe. " * 3
    frame = pd.DataFrame({
        "rank": [1, 2, 3],
        "name": ["Jane Chen", "Lee Park", "Omar Haddad"],
        "mutual_count": pd.array([14, None, 3], dtype="Int64"),
        "score": [0.75, float("nan"), 2.0],
        "company_match": [True, False, True],
        "connected_on": pd.to_datetime(["2021-02-08", None, "2019-03-14"]),
        "pending_since": [dt.date(2026, 1, 5), None, dt.date(2025, 12, 1)],  # object column of dates
        "invitation_note": [long_note, "Hi Lee,\nshall we connect?", None],
        "count_text": ["007", "1e5", "-2"],  # text that looks like numbers stays text
    })
    sheet = _cells(write_xlsx(frame, tmp_path / "t.xlsx", sheet_name="ranked"), "ranked")
    header = [c for c in sheet[1]]
    assert [c.value for c in header] == list(frame.columns)
    assert all(c.font.b for c in header)
    assert sheet.freeze_panes == "C2"  # the header row and the columns up to the name
    assert sheet.auto_filter.ref == "A1:I4"
    row2, row3 = sheet[2], sheet[3]
    assert row2[2].value == 14 and row2[2].data_type == "n" and row3[2].value is None
    assert row2[3].value == 0.75 and row3[3].value is None
    assert row2[4].value is True and row2[4].data_type == "b"
    for cell, day in ((row2[5], dt.datetime(2021, 2, 8)), (row2[6], dt.datetime(2026, 1, 5))):
        assert cell.value == day and cell.is_date and cell.number_format == "yyyy-mm-dd"
    assert row3[5].value is None and row3[6].value is None
    assert [c.value for c in (row2[8], sheet["I3"], sheet["I4"])] == ["007", "1e5", "'-2"]
    assert {c.data_type for c in (row2[8], sheet["I3"], sheet["I4"])} == {"s"}
    assert row2[7].alignment.wrap_text and row3[7].alignment.wrap_text  # the drafts wrap
    assert not row2[1].alignment.wrap_text  # short names do not
    widths = {k: sheet.column_dimensions[k].width for k in ("A", "B", "H")}
    assert widths["B"] == len("Omar Haddad") + 2
    assert widths["H"] == 62  # capped: the note wraps instead
    assert widths["A"] == 6  # "rank", at least 4 wide


def test_workbook_follows_the_output_rules(tmp_path):
    frame = pd.DataFrame({"name": ["Ann"]})
    out = write_xlsx(frame, tmp_path / "a.xlsx")
    with pytest.raises(RefkitError, match="already exists"):
        write_xlsx(frame, out)
    assert write_xlsx(frame.assign(name=["Bob"]), out, overwrite=True) == out
    assert _cells(out)["A2"].value == "Bob"
    source = tmp_path / "ranked.csv"
    source.write_text("name\nAnn\n")
    with pytest.raises(RefkitError):
        write_xlsx(frame, source, overwrite=True, protect=[source])
    assert source.read_text() == "name\nAnn\n"
    with pytest.raises(RefkitError, match="sheet_name"):
        write_xlsx(frame, tmp_path / "b.xlsx", sheet_name="a/b")
    assert not (tmp_path / "b.xlsx").exists()


def test_a_text_longer_than_a_cell_is_cut_with_a_warning(tmp_path):
    frame = pd.DataFrame({"position": ["x" * (MAX_CELL_CHARS + 10), "short"]})
    with pytest.warns(RefkitWarning, match="longer than an Excel cell"):
        out = write_xlsx(frame, tmp_path / "long.xlsx")
    sheet = _cells(out)
    assert len(sheet["A2"].value) == MAX_CELL_CHARS and sheet["A3"].value == "short"


def test_named_index_and_stream(tmp_path):
    import io

    frame = pd.DataFrame({"name": ["Ann"]}, index=pd.Index(["k1"], name="key"))
    stream = io.BytesIO()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert write_xlsx(frame, stream) is None
    sheet = openpyxl.load_workbook(io.BytesIO(stream.getvalue())).worksheets[0]
    assert [[c.value for c in row] for row in sheet.iter_rows()] == [["key", "name"], ["k1", "Ann"]]
