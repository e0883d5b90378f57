"""Tests for refkit.export: formula-safe, atomic CSV without e-mails."""

from __future__ import annotations

import csv
import io

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

import refkit.export as export_module
from refkit import RefkitError
from refkit.export import neutralize, safe_frame, unneutralize, write_csv

PAYLOADS = ['=HYPERLINK("http://evil.example","click")', "+1", "-2+3", "@SUM(A1:A2)", "\t=1", "\r=1"]


def _read(path, encoding="utf-8"):
    with open(path, encoding=encoding, newline="") as handle:
        return list(csv.reader(handle))


@pytest.mark.parametrize("payload", PAYLOADS)
def test_neutralize_payloads(payload):
    # a tab or CR also starts a field for readers splitting on it: the "=1" after it is neutralised too
    assert neutralize(payload) == "'" + payload.replace("\t=", "\t'=").replace("\r=", "\r'=")
    assert unneutralize(neutralize(payload)) == payload


@pytest.mark.parametrize("value", ["Globex", "a=b", "", "'quoted'", 5, -2, -2.5, None])
def test_neutralize_leaves_safe_values(value):
    assert neutralize(value) == value


def test_quote_then_formula_is_escaped_too():
    assert neutralize("'=1") == "''=1"
    assert unneutralize("''=1") == "'=1"


@given(st.text())
def test_unneutralize_inverts_neutralize(text):
    assert unneutralize(neutralize(text)) == text
    assert not neutralize(text).startswith(export_module.FORMULA_PREFIXES)


def test_payloads_neutralised_in_every_column(tmp_path):
    frame = pd.DataFrame({f"col{i}": PAYLOADS for i in range(3)} | {"=cmd": PAYLOADS})
    frame["count"] = [-1, -2, 3, 4, -5, 6]
    frame["tuple"] = [("=a", "b")] * 6
    out = write_csv(frame, tmp_path / "out.csv")
    rows = _read(out)
    assert rows[0] == ["col0", "col1", "col2", "'=cmd", "count", "tuple"]
    for payload, row in zip(PAYLOADS, rows[1:], strict=True):
        assert row[:4] == ["'" + payload.strip()] * 4  # tabs and CRs are cleaned away (clean_text)
        assert row[5] == "'=a; b"
    assert [row[4] for row in rows[1:]] == ["-1", "-2", "3", "4", "-5", "6"]
    assert out.read_bytes().count(b"\r\n") == 7  # rows end in CRLF; the \r inside "\r=1" is quoted
    assert len(rows) == 7


def test_object_column_keeps_numbers_but_neutralises_text():
    frame = pd.DataFrame({"mixed": pd.Series([-3, "-3", 2.5, None], dtype=object)})
    assert safe_frame(frame)["mixed"].tolist() == [-3, "'-3", 2.5, ""]


def test_round_trip_with_quotes_commas_newlines_and_unicode(tmp_path):
    frame = pd.DataFrame({"name": ['Ann "Nan" Lee', "Tomás, Jr", "multi\nline", "🚀 Zoë"], "n": [1, 2, 3, 4]})
    back = pd.read_csv(write_csv(frame, tmp_path / "x.csv"))
    assert back["name"].tolist() == frame["name"].tolist()
    assert back["n"].tolist() == [1, 2, 3, 4]


def test_bom_option(tmp_path):
    frame = pd.DataFrame({"name": ["Zoë"]})
    with_bom = write_csv(frame, tmp_path / "bom.csv", bom=True)
    without = write_csv(frame, tmp_path / "plain.csv")
    assert with_bom.read_bytes() == b"\xef\xbb\xbfname\r\nZo\xc3\xab\r\n"
    assert without.read_bytes() == b"name\r\nZo\xc3\xab\r\n"
    assert _read(with_bom, encoding="utf-8-sig") == [["name"], ["Zoë"]]


def test_missing_dates_and_named_index(tmp_path):
    frame = pd.DataFrame(
        {"when": pd.to_datetime(["2024-05-01", None]), "note": [pd.NA, "x"], "n": pd.array([1, None], dtype="Int64")},
        index=pd.Index(["k1", "k2"], name="key"),
    )
    rows = _read(write_csv(frame, tmp_path / "d.csv"))
    assert rows == [["key", "when", "note", "n"], ["k1", "2024-05-01", "", "1"], ["k2", "", "x", ""]]


def test_emails_dropped_unless_asked(tmp_path):
    frame = pd.DataFrame(
        {
            "name": ["Ann Lee"],
            "Email Address": ["ann@example.com"],
            "e-mail": ["x@y.org"],
            "note": ["write to ann.lee+jobs@mail.example.co.uk or call"],
        }
    )
    rows = _read(write_csv(frame, tmp_path / "safe.csv"))
    assert rows == [["name", "note"], ["Ann Lee", "write to [e-mail removed] or call"]]
    assert "@" not in (tmp_path / "safe.csv").read_text(encoding="utf-8")
    kept = _read(write_csv(frame, tmp_path / "all.csv", include_email=True))
    assert kept[0] == ["name", "Email Address", "e-mail", "note"]
    assert kept[1] == ["Ann Lee", "ann@example.com", "x@y.org", "write to ann.lee+jobs@mail.example.co.uk or call"]


def test_refuses_existing_file_unless_overwrite(tmp_path):
    target = tmp_path / "out.csv"
    target.write_bytes(b"old\r\n")
    with pytest.raises(RefkitError, match="out.csv: file already exists"):
        write_csv(pd.DataFrame({"a": [1]}), target)
    assert target.read_bytes() == b"old\r\n"
    assert [p.name for p in tmp_path.iterdir()] == ["out.csv"]
    write_csv(pd.DataFrame({"a": [1]}), target, overwrite=True)
    assert target.read_bytes() == b"a\r\n1\r\n"


def test_missing_folder_and_folder_target(tmp_path):
    with pytest.raises(RefkitError, match="does not exist"):
        write_csv(pd.DataFrame({"a": [1]}), tmp_path / "nope" / "out.csv")
    with pytest.raises(RefkitError, match="is a folder"):
        write_csv(pd.DataFrame({"a": [1]}), tmp_path)


class _Bomb:
    def __str__(self):
        raise RuntimeError("boom")


@pytest.mark.parametrize("error", [RuntimeError("disk on fire"), KeyboardInterrupt()])
def test_failed_write_midway_leaves_old_file_and_no_temp(tmp_path, monkeypatch, error):
    target = tmp_path / "out.csv"
    target.write_bytes(b"old,content\r\n")
    calls = {"n": 0}
    real = export_module._format

    def failing(value):
        calls["n"] += 1
        if calls["n"] == 25:  # row 13 of 2 cells each: some rows already written to the temp file
            raise error
        return real(value)

    monkeypatch.setattr(export_module, "_format", failing)
    frame = pd.DataFrame({"a": range(100), "b": ["x"] * 100})
    with pytest.raises(type(error)):
        write_csv(frame, target, overwrite=True)
    assert calls["n"] == 25
    assert target.read_bytes() == b"old,content\r\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.csv"]


def test_cell_whose_str_raises_leaves_old_file(tmp_path):
    target = tmp_path / "out.csv"
    target.write_bytes(b"old\r\n")
    frame = pd.DataFrame({"a": pd.Series(["ok", "ok", _Bomb()], dtype=object)})
    with pytest.raises(RuntimeError, match="boom"):
        write_csv(frame, target, overwrite=True)
    assert target.read_bytes() == b"old\r\n"
    assert [p.name for p in tmp_path.iterdir()] == ["out.csv"]


def test_safe_frame_does_not_mutate_and_rejects_non_frames():
    frame = pd.DataFrame({"a": ["=1"], "email": ["a@b.co"]})
    before = frame.copy()
    safe_frame(frame)
    pd.testing.assert_frame_equal(frame, before)
    with pytest.raises(RefkitError, match="expected a DataFrame"):
        safe_frame([1, 2])


def test_excel_style_reader_sees_text_not_formulas(tmp_path):
    frame = pd.DataFrame({"name": PAYLOADS})
    text = write_csv(frame, tmp_path / "x.csv").read_text(encoding="utf-8")
    for row in csv.reader(io.StringIO(text, newline="")):
        assert not row[0].startswith(tuple("=+-@\t\r"))


def test_file_appearing_during_write_is_not_clobbered(tmp_path):
    target = tmp_path / "out.csv"
    temp = tmp_path / ".out.csv.tmp"
    temp.write_bytes(b"new\r\n")
    target.write_bytes(b"someone else's\r\n")  # created after write_csv's first check
    with pytest.raises(RefkitError, match="already exists"):
        export_module._publish(temp, target, overwrite=False)
    assert target.read_bytes() == b"someone else's\r\n"
