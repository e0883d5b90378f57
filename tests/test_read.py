"""Tests for refkit.read: every export era, the messy variants, and the error paths.

Fixture files live in tests/files/ as exact bytes (see tests/files/.gitattributes:
no line-ending conversion). Expected values below were read off those files by hand.
"""

from __future__ import annotations

import io
import os
import shutil
import time
import warnings
import zipfile
from pathlib import Path

import pandas as pd
import pytest

from refkit import RefkitError, RefkitWarning
from refkit.read import (
    MAX_MEMBER_BYTES,
    Archive,
    ReadResult,
    detect_kind,
    read_any,
    read_connections,
    read_edges,
    read_export,
    read_invitations,
    read_messages,
    read_mutuals,
    read_positions,
    read_profile,
    read_shared,
)

FILES = Path(__file__).parent / "files"
CONNECTION_COLUMNS = [
    "first_name",
    "last_name",
    "profile_url",
    "email",
    "company",
    "position",
    "connected_on",
    "line",
]
T = pd.Timestamp


def quiet(func, *args, **kwargs):
    """Call a reader and fail if it emits any warning."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        return func(*args, **kwargs)


def records(frame: pd.DataFrame) -> list[dict]:
    """Rows as dicts with NA turned into None, for exact comparisons."""
    return [
        {
            key: (None if not isinstance(value, tuple) and pd.isna(value) else value)
            for key, value in row.items()
        }
        for row in frame.to_dict("records")
    ]


# --------------------------------------------------------------------------- eras


def test_connections_2018_no_preamble_no_url_us_dates_with_time():
    res = quiet(read_connections, FILES / "connections_2018.csv")
    assert isinstance(res, ReadResult)
    assert res.kind == "connections"
    assert res.era == "2018 (no URL)"
    assert list(res.frame.columns) == CONNECTION_COLUMNS
    assert records(res.frame) == [
        {
            "first_name": "Ada",
            "last_name": "Lovelace",
            "profile_url": None,
            "email": "ada@example.com",
            "company": "Analytical Engines",
            "position": "Engineer",
            "connected_on": T("2018-04-05"),
            "line": 2,
        },
        {
            "first_name": "Tom",
            "last_name": "Ortega, MBA",
            "profile_url": None,
            "email": None,
            "company": "Globex",
            "position": "VP, Sales",
            "connected_on": T("2017-12-31"),
            "line": 3,
        },
    ]
    assert res.skipped == ()
    assert res.warnings == ()
    assert res.owner is None
    assert res.path == str(FILES / "connections_2018.csv")


def test_connections_2021_preamble_no_url_and_date_only_row():
    res = quiet(read_connections, FILES / "connections_2021.csv")
    assert res.era == "2021-2023 (no URL)"
    assert res.frame["first_name"].tolist() == ["Priya", "Mei"]
    assert res.frame["last_name"].tolist() == ["Raman", "Lin, PhD"]
    assert res.frame["company"].tolist() == ["Initech", "Umbrella, Inc."]
    assert res.frame["connected_on"].tolist() == [T("2021-02-08"), T("2019-03-15")]
    assert res.frame["line"].tolist() == [5, 7]
    assert res.frame["profile_url"].isna().all()
    assert res.skipped == ((6, "only a date (hidden or closed profile)"),)
    assert isinstance(res.frame.index, pd.RangeIndex)


def test_connections_2023_with_url_emoji_credentials_spaces_quotes():
    res = quiet(read_connections, FILES / "connections_2023.csv")
    assert res.era == "2023+ (with URL)"
    assert records(res.frame) == [
        {
            "first_name": "João",
            "last_name": "Silva 👨🏻\u200d💻",
            "profile_url": "https://www.linkedin.com/in/jo%C3%A3o-silva",
            "email": None,
            "company": "Hooli",
            "position": "Data Scientist",
            "connected_on": T("2026-02-08"),
            "line": 5,
        },
        {
            "first_name": "Sofia",
            "last_name": "Rossi",
            "profile_url": "https://www.linkedin.com/in/sofiarossi",
            "email": None,
            "company": 'The "Good" Company',
            "position": None,
            "connected_on": T("2024-01-01"),
            "line": 7,
        },
        {
            "first_name": "Kenji",
            "last_name": "Tanaka, CSPO®",
            "profile_url": "https://www.linkedin.com/in/kenji-tanaka",
            "email": "kenji@example.com",
            "company": None,
            "position": "PHRi™ Lead",
            "connected_on": T("2023-06-30"),
            "line": 9,
        },
    ]
    assert res.skipped == (
        (6, "only a date (hidden or closed profile)"),
        (8, "only a date (hidden or closed profile)"),
    )
    assert res.frame["connected_on"].dtype.kind == "M"
    assert str(res.frame["first_name"].dtype) == "str"


# --------------------------------------------------------------------------- messy variants


def test_semicolon_cp1252_german_dates_lowercase_connected_on_no_email_column():
    res = quiet(read_connections, FILES / "connections_semicolon_cp1252.csv")
    assert res.era == "2023+ (with URL); no preamble, cp1252, ';' delimiter"
    assert records(res.frame) == [
        {
            "first_name": "Jürgen",
            "last_name": "Müller",
            "profile_url": "https://www.linkedin.com/in/juergen-mueller",
            "email": None,
            "company": "Bäckerei Müller GmbH",
            "position": "Geschäftsführer",
            "connected_on": T("2021-02-08"),
            "line": 2,
        },
        {
            "first_name": "Zoë",
            "last_name": "Dubois",
            "profile_url": "https://www.linkedin.com/in/zoe-dubois",
            "email": None,
            "company": "Société Générale",
            "position": "Analyste",
            "connected_on": T("2019-12-31"),
            "line": 3,
        },
    ]


def test_crlf_without_preamble_and_dd_mon_yy_dates():
    res = quiet(read_connections, FILES / "connections_crlf_nopreamble.csv")
    assert res.era == "2023+ (with URL); no preamble"
    assert res.frame["first_name"].tolist() == ["Lukas", "Aisha"]
    assert res.frame["profile_url"].tolist() == [
        "https://www.linkedin.com/in/lukasbecker",
        "https://www.linkedin.com/in/aishakhan",
    ]
    assert res.frame["connected_on"].tolist() == [T("2022-05-04"), T("2021-11-15")]
    assert res.frame["line"].tolist() == [2, 3]
    assert not res.frame["position"].str.contains("\r").any()


def test_first_line_mangled_to_notes_commas():
    res = quiet(read_connections, FILES / "connections_notes_mangled.csv")
    assert res.frame["first_name"].tolist() == ["Olu"]
    assert res.frame["last_name"].tolist() == ["Adeyemi"]
    assert res.frame["connected_on"].tolist() == [T("2022-09-12")]
    assert res.frame["line"].tolist() == [5]


def test_utf8_bom_and_no_final_newline():
    res = quiet(read_connections, FILES / "connections_bom.csv")
    assert res.frame["first_name"].tolist() == ["Ingrid"]
    assert res.frame["profile_url"].tolist() == ["https://www.linkedin.com/in/ingridnowak"]
    assert res.frame["connected_on"].tolist() == [T("2025-03-02")]
    assert res.frame["line"].tolist() == [5]


def test_utf16_tab_separated():
    res = quiet(read_connections, FILES / "connections_utf16_tab.csv")
    assert res.era == "2023+ (with URL); no preamble, UTF-16, tab delimiter"
    assert records(res.frame) == [
        {
            "first_name": "Chen",
            "last_name": "Wang",
            "profile_url": "https://www.linkedin.com/in/chenwang",
            "email": None,
            "company": "Wayne Enterprises",
            "position": "Analyst",
            "connected_on": T("2024-08-19"),
            "line": 2,
        }
    ]


def test_header_columns_in_other_order_with_unknown_extras():
    data = (
        b"Connected On,Tags,last name,FIRST NAME,Url\n"
        b"08 Feb 2021,vip,Raman,Priya,https://www.linkedin.com/in/priya\n"
    )
    res = quiet(read_connections, data, name="reordered.csv")
    assert res.frame["first_name"].tolist() == ["Priya"]
    assert res.frame["last_name"].tolist() == ["Raman"]
    assert res.frame["profile_url"].tolist() == ["https://www.linkedin.com/in/priya"]
    assert list(res.frame.columns) == CONNECTION_COLUMNS


def test_a_line_that_is_not_utf8_in_a_utf8_file_is_decoded_on_its_own_with_a_warning():
    data = "First Name,Last Name,Connected On\nJoão,Silva,08 Feb 2021\nBad,X\xff,09 Feb 2021\n"
    raw = data.encode("utf-8").replace(b"X\xc3\xbf", b"X\xff")
    with pytest.warns(RefkitWarning, match=r"mixed encodings: 1 line\(s\) in cp1252 \(line 3\)"):
        res = read_connections(raw, name="mixed.csv")
    assert res.frame["first_name"].tolist() == ["João", "Bad"]
    assert res.frame["last_name"].tolist() == ["Silva", "X\xff"]  # cp1252's ÿ


def test_invalid_byte_inside_a_utf8_line_is_replaced_with_a_warning():
    data = "First Name,Last Name,Connected On\nJoão,Sil\xffva,08 Feb 2021\n".encode()
    raw = data.replace(b"\xc3\xbf", b"\xff")
    with pytest.warns(RefkitWarning, match=r"1 character\(s\) could not be decoded .*\(line 2\)"):
        res = read_connections(raw, name="mixed.csv")
    assert res.frame["last_name"].tolist() == ["Sil\ufffdva"]


# --------------------------------------------------------------------------- row problems


def test_row_problems_are_warnings_with_line_numbers_and_the_rest_is_imported():
    path = FILES / "connections_bad_rows.csv"
    with pytest.warns(RefkitWarning) as caught:
        res = read_connections(path)
    messages = [str(w.message) for w in caught]
    shown = f"{path}, line"
    assert f"{shown} 5: short row (6 of 7 fields); missing values left empty" in messages
    assert f"{shown} 6: too many fields (8, expected 7); row skipped" in messages
    assert f"{shown} 7: cannot read Connected On date 'yesterday'; left empty" in messages
    assert f"{shown} 8: empty name; kept because it has a profile URL" in messages
    assert f"{shown} 9: no name and no profile URL; row skipped" in messages
    assert len(messages) == 5
    assert res.warnings == tuple(
        sorted(messages, key=lambda text: int(text.split(", line ")[1].split(":")[0]))
    )
    assert res.skipped == (
        (6, "too many fields (8, expected 7)"),
        (9, "no name and no profile URL"),
    )
    assert res.frame["first_name"].tolist()[:2] == ["Anna", "Pedro"]
    assert pd.isna(res.frame["first_name"].iloc[2])
    assert res.frame["first_name"].tolist()[3:] == ["Emily", "Yusuf"]
    assert res.frame["line"].tolist() == [5, 7, 8, 10, 12]
    assert pd.isna(res.frame["connected_on"].iloc[0])  # short row: date column missing
    assert pd.isna(res.frame["connected_on"].iloc[1])  # 'yesterday'
    assert res.frame["connected_on"].iloc[2] == T("2024-02-03")
    # a quoted field spanning two physical lines: the record starts on line 10
    assert res.frame["last_name"].iloc[3] == 'Smith, "EJ"'
    assert res.frame["company"].iloc[3] == "Multi\nLine Corp"
    assert res.frame["connected_on"].iloc[4] == T("2024-02-06")


def test_pytest_warns_matches_line_number():
    data = b"First Name,Last Name,Connected On\nA,B,08 Feb 2021\nC,D,09 Feb 2021\nE,F,10 Feb 2021\nG,H\n"
    with pytest.warns(RefkitWarning, match="line 5"):
        res = read_connections(data, name="c.csv")
    assert res.frame["first_name"].tolist() == ["A", "C", "E", "G"]


def test_trailing_empty_fields_are_not_too_many_fields():
    data = b"First Name,Last Name,Connected On\nAda,Lovelace,08 Feb 2021,,\n"
    res = quiet(read_connections, data, name="c.csv")
    assert res.frame["last_name"].tolist() == ["Lovelace"]


def test_many_row_warnings_are_all_recorded_but_summarised_when_emitted():
    rows = "".join(f"P{i},Q,not a date\n" for i in range(60))
    data = ("First Name,Last Name,Connected On\n" + rows).encode()
    with pytest.warns(RefkitWarning) as caught:
        res = read_connections(data, name="c.csv")
    assert len(res.warnings) == 60
    assert len(caught) == 51
    assert "10 more row warnings" in str(caught[-1].message)
    assert res.frame["connected_on"].isna().all()


def test_fifty_megabyte_field_does_not_crash():
    data = b'First Name,Last Name,Connected On\nA,"' + b"x" * 50_000_000 + b'",08 Feb 2021\n'
    res = quiet(read_connections, data, name="big.csv")
    assert len(res.frame["last_name"].iloc[0]) == 50_000_000
    assert res.frame["connected_on"].tolist() == [T("2021-02-08")]


def test_unbalanced_quote_is_dropped_and_the_rest_read_with_a_warning():
    data = b'First Name,Last Name,Connected On\nAda,"Love,08 Feb 2021\nTom,Ortega,09 Feb 2021\n'
    with pytest.warns(RefkitWarning, match="line 2: a quote on this line is never closed"):
        res = read_connections(data, name="q.csv")
    assert res.frame["first_name"].tolist() == ["Ada", "Tom"]
    assert res.frame["last_name"].tolist() == ["Love", "Ortega"]


# --------------------------------------------------------------------------- file errors


def test_invitations_given_as_connections_names_file_line_columns_and_kind():
    path = FILES / "Invitations.csv"
    with pytest.raises(RefkitError) as info:
        read_connections(path)
    assert str(info.value) == (
        f"{path}, line 1: this looks like a LinkedIn Invitations.csv "
        "(columns: From, To, Sent At, Message, Direction); "
        "expected Connections.csv with columns First Name, Last Name, Connected On"
    )


def test_no_header_found_says_what_was_found():
    with pytest.raises(
        RefkitError, match=r"x\.csv, line 2: no header row in the first 10 lines; found Name, Age"
    ):
        read_connections(b"\nName,Age\nAda,36\n", name="x.csv")


def test_header_only_is_an_error_not_an_empty_success():
    preamble_and_header = (FILES / "connections_2023.csv").read_bytes().split(b"\nJo")[0] + b"\n"
    with pytest.raises(
        RefkitError, match=r"c\.csv, line 4: header found but no usable rows after it;"
    ):
        read_connections(preamble_and_header, name="c.csv")


def test_only_date_rows_is_an_error_naming_the_skipped_count():
    data = b"First Name,Last Name,Connected On\n,,07 Jul 2025\n,,08 Jul 2025\n"
    with pytest.raises(
        RefkitError,
        match=r"c\.csv, line 1: header found but no usable rows after it \(rows skipped: 2\)",
    ):
        read_connections(data, name="c.csv")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "the file is empty"),
        (b"  \n\n", "the file is empty"),
        (b"First Name\x00,Last Name", "binary data"),
        (b"%PDF-1.4\x00\x01", "a PDF document"),
        (b"PK\x03\x04broken", "a damaged zip archive or Excel workbook"),
    ],
)
def test_unusable_bytes_raise_refkit_error(data, message):
    with pytest.raises(RefkitError, match=message):
        read_connections(data, name="c.csv")


def test_xlsx_saved_as_csv_is_recognised(tmp_path):
    path = tmp_path / "Connections.csv"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("xl/workbook.xml", "<workbook/>")
    with pytest.raises(
        RefkitError, match=r"Connections\.csv, line 1: this looks like an Excel workbook \(\.xlsx\)"
    ):
        read_connections(path)
    assert detect_kind(path) == "unknown"


def test_missing_file_directory_and_permission_are_refkit_errors(tmp_path):
    with pytest.raises(RefkitError, match="nope.csv: file not found") as info:
        read_connections(tmp_path / "nope.csv")
    assert isinstance(info.value.__cause__, FileNotFoundError)
    with pytest.raises(RefkitError, match="is a folder"):
        read_edges(tmp_path)
    locked = tmp_path / "locked.csv"
    locked.write_bytes(b"source,target\nA,B\n")
    locked.chmod(0)
    try:
        if os.access(locked, os.R_OK):  # running as root: permissions are not enforced
            assert read_edges(locked).frame["source"].tolist() == ["A"]
        else:
            with pytest.raises(RefkitError, match="permission denied"):
                read_edges(locked)
    finally:
        locked.chmod(0o600)


def test_non_path_argument_is_a_refkit_error():
    with pytest.raises(RefkitError, match="expected a file path or the bytes of a file, got int"):
        read_connections(42)  # type: ignore[arg-type]


# --------------------------------------------------------------------------- archive


def _zip_bytes(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return buffer.getvalue()


ARCHIVE_MEMBERS = {
    "Connections.csv": "connections_2023.csv",
    "messages.csv": "messages.csv",
    "INVITATIONS.CSV": "Invitations.csv",
    "Positions.csv": "Positions.csv",
    "Profile.csv": "Profile.csv",
}


def _check_archive(archive: Archive, prefix: str) -> None:
    assert isinstance(archive, Archive)
    assert archive.connections.path == f"{prefix}Connections.csv"
    assert archive.connections.frame["first_name"].tolist() == ["João", "Sofia", "Kenji"]
    assert len(archive.connections.skipped) == 2
    assert archive.messages.frame["conversation_id"].tolist() == ["2-abc", "2-def"]
    assert archive.invitations.frame["to_name"].tolist() == ["Tom Ortega", "Ada Lovelace"]
    assert archive.invitations.path == f"{prefix}INVITATIONS.CSV"
    assert archive.positions.frame["company"].tolist() == ["Acme Corp", "Globex"]
    assert archive.profile.frame["headline"].tolist() == ["Engineer at Acme, ex-Globex"]


def test_zip_archive_with_files_one_level_down_read_in_memory(tmp_path):
    members = {
        f"Complete_LinkedInDataExport_02-08-2026/{inner}": (FILES / outer).read_bytes()
        for inner, outer in ARCHIVE_MEMBERS.items()
    }
    path = tmp_path / "export.zip"
    path.write_bytes(_zip_bytes(members))
    archive = quiet(read_export, path)
    _check_archive(archive, f"{path}:")
    assert sorted(os.listdir(tmp_path)) == ["export.zip"]  # nothing extracted
    assert read_connections(path).frame["first_name"].tolist() == ["João", "Sofia", "Kenji"]
    assert detect_kind(path) == "archive"
    assert isinstance(read_any(path), Archive)


def test_zip_archive_at_top_level_as_bytes():
    members = {inner: (FILES / outer).read_bytes() for inner, outer in ARCHIVE_MEMBERS.items()}
    archive = quiet(read_export, _zip_bytes(members), name="export.zip")
    _check_archive(archive, "export.zip:")


def test_folder_archive_one_level_down(tmp_path):
    inner_dir = tmp_path / "Basic_LinkedIn_Data"
    inner_dir.mkdir()
    for inner, outer in ARCHIVE_MEMBERS.items():
        shutil.copyfile(FILES / outer, inner_dir / inner)
    archive = quiet(read_export, tmp_path)
    _check_archive(archive, f"{tmp_path}{os.sep}Basic_LinkedIn_Data{os.sep}")
    assert detect_kind(tmp_path) == "archive"


def test_archive_with_only_connections_has_none_for_the_rest():
    archive = quiet(
        read_export,
        _zip_bytes({"connections.CSV": (FILES / "connections_2021.csv").read_bytes()}),
        name="a.zip",
    )
    assert archive.connections.frame["first_name"].tolist() == ["Priya", "Mei"]
    assert archive.connections.path == "a.zip:connections.CSV"
    assert (archive.messages, archive.invitations, archive.positions, archive.profile) == (
        None,
        None,
        None,
        None,
    )


def test_read_export_of_a_plain_connections_csv():
    archive = quiet(read_export, FILES / "connections_2018.csv")
    assert archive.connections.frame["first_name"].tolist() == ["Ada", "Tom"]
    assert archive.messages is None


def test_archive_side_file_that_cannot_be_used_is_a_warning_and_none():
    data = _zip_bytes(
        {
            "Connections.csv": (FILES / "connections_2021.csv").read_bytes(),
            "Positions.csv": b"Company Name,Title,Started On\n",
        }
    )
    with pytest.warns(RefkitWarning, match=r"a\.zip:positions\.csv: not used"):
        archive = read_export(data, name="a.zip")
    assert archive.positions is None
    assert len(archive.connections.frame) == 2


def test_archive_without_connections_lists_what_it_found():
    data = _zip_bytes({"x/Profile.csv": (FILES / "Profile.csv").read_bytes(), "notes.txt": b"hi"})
    with pytest.raises(
        RefkitError, match=r"a\.zip: no Connections\.csv in this archive \(found: profile\.csv\)"
    ):
        read_export(data, name="a.zip")


def test_zip_path_components_are_ignored():
    data = _zip_bytes({"../../evil/Connections.csv": (FILES / "connections_2018.csv").read_bytes()})
    archive = quiet(read_export, data, name="a.zip")
    assert archive.connections.path == "a.zip:Connections.csv"
    assert archive.connections.frame["first_name"].tolist() == ["Ada", "Tom"]


def test_zip_bomb_member_is_refused_without_reading_it():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        with zf.open("Connections.csv", "w", force_zip64=True) as fh:
            chunk = b"\0" * (1 << 20)
            for _ in range(MAX_MEMBER_BYTES // len(chunk) + 1):
                fh.write(chunk)
    start = time.perf_counter()
    with pytest.raises(
        RefkitError, match=r"a\.zip:Connections\.csv: uncompressed size over 200 MB .*zip bomb"
    ):
        read_export(buffer.getvalue(), name="a.zip")
    assert time.perf_counter() - start < 2


def test_non_zip_bytes_named_zip(tmp_path):
    path = tmp_path / "export.zip"
    path.write_bytes(b"this is not a zip")
    with pytest.raises(RefkitError, match=r"export\.zip: not a zip archive"):
        read_export(path)
    with pytest.raises(RefkitError, match=r"export\.zip: not a zip archive"):
        read_any(path)
    path.write_bytes(b"PK\x03\x04 truncated")
    with pytest.raises(RefkitError, match=r"export\.zip: damaged zip archive"):
        read_export(path)


# --------------------------------------------------------------------------- shared


def test_read_shared_sets_owner():
    res = quiet(
        read_shared, FILES / "connections_2021.csv", owner="  https://www.linkedin.com/in/priya "
    )
    assert res.owner == "https://www.linkedin.com/in/priya"
    assert res.kind == "connections"
    assert res.frame["first_name"].tolist() == ["Priya", "Mei"]


@pytest.mark.parametrize("owner", ["", "   "])
def test_read_shared_empty_owner_is_an_error(owner):
    with pytest.raises(RefkitError, match="needs its owner"):
        read_shared(FILES / "connections_2021.csv", owner=owner)


# --------------------------------------------------------------------------- mutuals


def test_mutuals_template():
    with pytest.warns(RefkitWarning) as caught:
        res = read_mutuals(FILES / "mutuals.csv")
    path = FILES / "mutuals.csv"
    assert sorted(str(w.message) for w in caught) == sorted(
        [
            f"{path}, line 4: mutual count '12+' is not a whole number >= 0; left empty",
            f"{path}, line 5: no name and no profile URL; row skipped",
            f"{path}, line 6: mutual count '-3' is not a whole number >= 0; left empty",
            f"{path}, line 7: mutual count 'twelve' is not a whole number >= 0; left empty",
        ]
    )
    assert res.kind == "mutuals"
    assert list(res.frame.columns) == [
        "name",
        "profile_url",
        "company",
        "position",
        "mutual_count",
        "mutual_names",
        "line",
    ]
    assert str(res.frame["mutual_count"].dtype) == "Int64"
    assert records(res.frame) == [
        {
            "name": "Mei Lin",
            "profile_url": "https://www.linkedin.com/in/meilin",
            "company": "Acme",
            "position": "CTO",
            "mutual_count": 12,
            "mutual_names": ("Priya Raman", "Tomás Ortega"),
            "line": 2,
        },
        {
            "name": "Jonas Becker",
            "profile_url": None,
            "company": "Globex",
            "position": None,
            "mutual_count": None,
            "mutual_names": (),
            "line": 3,
        },
        {
            "name": "Sofia Rossi",
            "profile_url": "https://www.linkedin.com/in/sofiarossi",
            "company": "Initech",
            "position": "PM",
            "mutual_count": None,
            "mutual_names": ("Priya Raman",),
            "line": 4,
        },
        {
            "name": None,
            "profile_url": "https://www.linkedin.com/in/noname",
            "company": None,
            "position": None,
            "mutual_count": None,
            "mutual_names": (),
            "line": 6,
        },
        {
            "name": "Kenji Tanaka",
            "profile_url": None,
            "company": None,
            "position": None,
            "mutual_count": None,
            "mutual_names": (),
            "line": 7,
        },
    ]
    assert res.skipped == ((5, "no name and no profile URL"),)


def test_search_export():
    res = quiet(read_mutuals, FILES / "search_export.csv")
    assert res.kind == "search_export"
    assert records(res.frame) == [
        {
            "name": "Mei Lin",
            "profile_url": "https://www.linkedin.com/in/meilin",
            "company": "Acme",
            "position": "CTO",
            "mutual_count": 14,
            "mutual_names": (),
            "connection_degree": "2nd",
            "line": 2,
        },
        {
            "name": "Jonas Becker",
            "profile_url": "https://www.linkedin.com/in/jonasb",
            "company": "Globex",
            "position": "Engineer",
            "mutual_count": None,
            "mutual_names": (),
            "connection_degree": "3rd",
            "line": 3,
        },
        {
            "name": "Out Side",
            "profile_url": "https://www.linkedin.com/in/outside",
            "company": None,
            "position": None,
            "mutual_count": 0,
            "mutual_names": (),
            "connection_degree": "Out of Network",
            "line": 4,
        },
    ]


def test_mutuals_given_connections_says_so():
    with pytest.raises(
        RefkitError,
        match="this looks like a Connections.csv .* expected search export with columns profileUrl",
    ):
        read_mutuals(FILES / "connections_2018.csv")


# --------------------------------------------------------------------------- edges


def test_edge_list_keeps_extra_columns_and_skips_empty_ends():
    path = FILES / "edges.csv"
    with pytest.warns(RefkitWarning, match=r"edges\.csv, line 4: empty target; row skipped"):
        res = read_edges(path)
    assert res.kind == "edges"
    assert list(res.frame.columns) == ["source", "target", "weight", "Note", "line"]
    assert records(res.frame) == [
        {
            "source": "Priya Raman",
            "target": "https://www.linkedin.com/in/meilin",
            "weight": "2",
            "Note": "met at PyCon",
            "line": 2,
        },
        {
            "source": "https://www.linkedin.com/in/tomortega",
            "target": "Mei Lin",
            "weight": None,
            "Note": None,
            "line": 3,
        },
        {"source": "Tom Ortega", "target": "Jonas Becker", "weight": "3", "Note": None, "line": 6},
    ]
    assert res.skipped == ((4, "empty target"),)


def test_edge_row_with_both_ends_empty_but_other_values():
    with pytest.warns(RefkitWarning, match="line 3: empty source and target"):
        res = read_edges(b"source,target,w\nA,B,1\n,,2\n", name="e.csv")
    assert res.frame["source"].tolist() == ["A"]


# --------------------------------------------------------------------------- other archive files


def test_messages_2023_with_drafts_dropped_and_multiline_content():
    res = quiet(read_messages, FILES / "messages.csv")
    assert res.kind == "messages"
    assert res.era == "2023+ (with RECIPIENT PROFILE URLS), with draft columns"
    assert records(res.frame) == [
        {
            "conversation_id": "2-abc",
            "sender": "Tom Ortega",
            "sender_url": "https://www.linkedin.com/in/tomortega",
            "recipients": "Ada Lovelace,Mei Lin",
            "recipient_urls": "https://www.linkedin.com/in/ada,https://www.linkedin.com/in/meilin",
            "sent_at": T("2023-05-03 10:11:12"),
            "content_length": len("Hi both,\nmeet!"),
            "is_draft": False,
            "line": 2,
        },
        {
            "conversation_id": "2-def",
            "sender": "Ada Lovelace",
            "sender_url": "https://www.linkedin.com/in/ada",
            "recipients": "Mei Lin",
            "recipient_urls": "https://www.linkedin.com/in/meilin",
            "sent_at": T("2024-01-31 23:59:59"),
            "content_length": 0,
            "is_draft": False,
            "line": 5,
        },
    ]
    assert res.skipped == ((4, "draft message"),)
    assert res.frame["sent_at"].dt.tz is None
    assert res.frame["is_draft"].dtype == bool
    assert res.frame["content_length"].dtype == "int64"


def test_messages_2018():
    res = quiet(read_messages, FILES / "messages_2018.csv")
    assert res.era == "2018 (From, To, Date)"
    assert res.frame["sender"].tolist() == ["Tom Ortega", "Ada Lovelace"]
    assert res.frame["recipients"].tolist() == ["Ada Lovelace", "Tom Ortega"]
    assert res.frame["sent_at"].tolist() == [T("2018-04-05 09:12"), T("2018-04-06 13:00")]
    assert res.frame["content_length"].tolist() == [16, 8]
    assert res.frame["conversation_id"].isna().all()
    assert res.frame["sender_url"].isna().all()


def test_invitations_old_and_2024():
    old = quiet(read_invitations, FILES / "Invitations.csv")
    assert old.era == "to mid-2023 (From, To, Sent At)"
    assert records(old.frame) == [
        {
            "from_name": "Ada Lovelace",
            "to_name": "Tom Ortega",
            "sent_at": T("2022-09-12 15:05"),
            "message": "Hi Tom!",
            "direction": "OUTGOING",
            "inviter_url": None,
            "invitee_url": None,
            "line": 2,
        },
        {
            "from_name": "Mei Lin",
            "to_name": "Ada Lovelace",
            "sent_at": T("2023-01-02 10:00"),
            "message": None,
            "direction": "INCOMING",
            "inviter_url": None,
            "invitee_url": None,
            "line": 3,
        },
    ]
    new = quiet(read_invitations, FILES / "Invitations_2024.csv")
    assert new.era == "Aug 2024+ (with profile URLs)"
    assert records(new.frame) == [
        {
            "from_name": "Ada Lovelace",
            "to_name": "Tom Ortega",
            "sent_at": T("2024-09-12 15:05"),
            "message": "Hello, Tom",
            "direction": "OUTGOING",
            "inviter_url": "https://www.linkedin.com/in/ada",
            "invitee_url": "https://www.linkedin.com/in/tomortega",
            "line": 2,
        }
    ]


def test_positions_month_dates_and_current_job():
    res = quiet(read_positions, FILES / "Positions.csv")
    assert records(res.frame) == [
        {
            "company": "Acme Corp",
            "title": "Senior Engineer",
            "started_on": T("2019-01-01"),
            "finished_on": None,
            "line": 2,
        },
        {
            "company": "Globex",
            "title": "Engineer",
            "started_on": T("2015-03-01"),
            "finished_on": T("2018-12-01"),
            "line": 3,
        },
    ]


def test_profile():
    res = quiet(read_profile, FILES / "Profile.csv")
    assert records(res.frame) == [
        {
            "first_name": "Ada",
            "last_name": "Lovelace",
            "headline": "Engineer at Acme, ex-Globex",
            "line": 2,
        }
    ]


# --------------------------------------------------------------------------- detect / dispatch


@pytest.mark.parametrize(
    ("file", "kind"),
    [
        ("connections_2018.csv", "connections"),
        ("connections_2021.csv", "connections"),
        ("connections_2023.csv", "connections"),
        ("connections_semicolon_cp1252.csv", "connections"),
        ("connections_utf16_tab.csv", "connections"),
        ("connections_notes_mangled.csv", "connections"),
        ("mutuals.csv", "mutuals"),
        ("search_export.csv", "search_export"),
        ("edges.csv", "edges"),
        ("messages.csv", "messages"),
        ("messages_2018.csv", "messages"),
        ("Invitations.csv", "invitations"),
        ("Invitations_2024.csv", "invitations"),
        ("Positions.csv", "positions"),
        ("Profile.csv", "profile"),
    ],
)
def test_detect_kind_and_read_any(file, kind):
    path = FILES / file
    assert detect_kind(path) == kind
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RefkitWarning)
        res = read_any(path)
    assert isinstance(res, ReadResult)
    assert res.kind == kind


def test_detect_kind_unknown_and_read_any_explains():
    assert (
        detect_kind(b"Skill Name,Endorsement Date\nPython,2024-01-01\n", name="e.csv") == "unknown"
    )
    assert detect_kind(b"\x00\x01\x02", name="b.csv") == "unknown"
    with pytest.raises(
        RefkitError,
        match=r"e\.csv, line 1: cannot tell what this file is \(found Skill Name, Endorsement Date\)",
    ):
        read_any(b"Skill Name,Endorsement Date\nPython,2024-01-01\n", name="e.csv")


def test_detect_kind_missing_file_is_an_error(tmp_path):
    with pytest.raises(RefkitError, match="file not found"):
        detect_kind(tmp_path / "missing.csv")


def test_readers_do_not_change_their_input(tmp_path):
    path = tmp_path / "Connections.csv"
    shutil.copyfile(FILES / "connections_2023.csv", path)
    before = path.read_bytes()
    read_connections(path)
    assert path.read_bytes() == before


def test_thirty_thousand_rows_under_budget(tmp_path):
    header = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
    row = 'Priya,"Raman, PhD",https://www.linkedin.com/in/priya-{i},,Acme,Engineer,08 Feb 2021\n'
    path = tmp_path / "Connections.csv"
    path.write_text(header + "".join(row.format(i=i) for i in range(30_000)), encoding="utf-8")
    read_connections(path)  # warm up imports
    pd.read_csv(path, dtype=str)
    # beside plain pandas in the same run, so a busy machine slows both (benchmarks/ has the figures)
    pairs = [(_timed(read_connections, path), _timed(lambda p: _Rows(pd.read_csv(p, dtype=str)), path))
             for _ in range(3)]
    ours, plain = min(a for a, _ in pairs), min(b for _, b in pairs)
    assert ours < 12 * plain, (ours, plain)  # a regression guard; about 6x on a 2-core VM


class _Rows:
    def __init__(self, frame):
        self.frame = frame


def _timed(func, *args) -> float:
    start = time.perf_counter()
    res = func(*args)
    elapsed = time.perf_counter() - start
    assert len(res.frame) == 30_000
    return elapsed


def test_repeated_names_and_companies_share_one_string_across_files(tmp_path):
    """A coach's exports repeat the same names and companies hundreds of thousands of times:
    the readers keep one object per distinct text (memory, and identity compares in the build)."""
    from linkedin_files import connections

    from refkit.read import read_shared

    rows = [("Zoë", "Müller", "zoe-muller", "Stripe", "Data Engineer")]
    a = read_shared(connections(tmp_path / "a.csv", rows), owner="Ana Lima").frame
    b = read_shared(connections(tmp_path / "b.csv", rows), owner="Lee Chen").frame
    expected = {"first_name": "Zoë", "last_name": "Müller", "company": "Stripe",
                "position": "Data Engineer"}
    for column, text in expected.items():
        assert a[column].iloc[0] == text
        assert a[column].iloc[0] is b[column].iloc[0], column
