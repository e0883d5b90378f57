"""Bad input never ends in a traceback: a RefkitError naming the file (and line), or a result.

``tests/bad_inputs/expected.csv`` lists every case: the file, the reader to use,
the outcome (``ok`` with the exact rows and warnings, or ``error`` with a
substring the message must contain). Small text files are committed; binary and
large ones (``generated = yes``) are made here at run time: an ``.xlsx`` named
``.csv``, a PNG, zips with ``../`` and absolute member paths, a zip bomb, a
header that lies about a member's size, a 50 MB field.

The same files go through the command line (``refkit inspect`` and, for
Connections-like ones, ``refkit rank``): exit 0, or exit 2 with one line
``refkit: error: ...`` on stderr.
"""

from __future__ import annotations

import csv
import io
import os
import shutil
import struct
import subprocess
import sys
import tempfile
import warnings
import zipfile
import zlib
from pathlib import Path

import pytest
from conftest import SAMPLES
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from refkit import RefkitError, RefkitWarning, read
from refkit.build import Network, build_network
from refkit.cli import main

HERE = Path(__file__).parent
BAD = HERE / "bad_inputs"
with open(BAD / "expected.csv", newline="", encoding="utf-8") as _fh:
    MANIFEST = list(csv.DictReader(_fh))
CASES = {row["file"]: row for row in MANIFEST}
CONNECTIONS_LIKE = ("read_connections", "read_export")
LARGE = {"big_field.csv"}  # read, but not ranked (a 50 MB name through drafts is slow, not wrong)

CONN = (
    "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
    "Ada,Lovelace,https://www.linkedin.com/in/ada,,Acme,Engineer,08 Feb 2021\n"
)


# --------------------------------------------------------------------------- generated cases


def _xlsx() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
        )
        zf.writestr(
            "xl/workbook.xml",
            '<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"/>',
        )
    return buffer.getvalue()


def _png() -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0)  # 1x1 grey
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
            + chunk(b"IDAT", zlib.compress(b"\x00\x00")) + chunk(b"IEND", b""))  # fmt: skip


def _zip(members: list[tuple[str, str]]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, text in members:
            zf.writestr(zipfile.ZipInfo(name, date_time=(2024, 1, 1, 0, 0, 0)), text)
    return buffer.getvalue()


def _bomb(size: int = 1 << 30, lie: int | None = None) -> bytes:
    """About 1 MB of zip whose Connections.csv inflates to ``size`` bytes; ``lie``: size declared instead."""
    buffer = io.BytesIO()
    info = zipfile.ZipInfo("Connections.csv", date_time=(2024, 1, 1, 0, 0, 0))
    info.compress_type = zipfile.ZIP_DEFLATED
    with zipfile.ZipFile(buffer, "w") as zf, zf.open(info, "w") as fh:
        fh.write(CONN.encode())
        block = b"0" * (1 << 20)
        for _ in range(size >> 20):
            fh.write(block)
    data = bytearray(buffer.getvalue())
    if lie is not None:
        real, fake = struct.pack("<I", info.file_size), struct.pack("<I", lie)
        assert data[22:26] == real  # local header: uncompressed size
        data[22:26] = fake
        central = data.rfind(b"PK\x01\x02")
        assert data[central + 24 : central + 28] == real  # central directory entry
        data[central + 24 : central + 28] = fake
    return bytes(data)


def _generate(folder: Path) -> None:
    (folder / "spreadsheet.csv").write_bytes(_xlsx())
    (folder / "spreadsheet_any.csv").write_bytes(_xlsx())
    (folder / "image.png").write_bytes(_png())
    (folder / "image_named.csv").write_bytes(_png())
    (folder / "no_connections.zip").write_bytes(
        _zip([("Basic_LinkedIn_Data/Invitations.csv", "From,To,Sent At\n"), ("Profile.csv", "x")])
    )
    (folder / "damaged.zip").write_bytes(_zip([("Connections.csv", CONN)])[:60])
    (folder / "traversal.zip").write_bytes(
        _zip([("../../x", "evil"), ("../../Connections.csv", CONN), ("a/../../../y.csv", "evil")])
    )
    (folder / "absolute_member.zip").write_bytes(
        _zip([("/tmp/evil", "evil"), ("/Connections.csv", CONN), ("C:\\evil.txt", "evil")])
    )
    (folder / "bomb.zip").write_bytes(_bomb())
    (folder / "lying_bomb.zip").write_bytes(_bomb(size=1 << 30, lie=200))
    empty = folder / "folder_without_connections"
    empty.mkdir()
    (empty / "Invitations.csv").write_text("From,To,Sent At\n", encoding="utf-8")
    big = b"First Name,Last Name,Connected On\nA," + b"x" * 50_000_000 + b",08 Feb 2021\n"
    (folder / "big_field.csv").write_bytes(big)


@pytest.fixture(scope="module")
def cases(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("bad_inputs")
    for path in BAD.iterdir():
        shutil.copy(path, folder / path.name)
    _generate(folder)
    return folder


# --------------------------------------------------------------------------- manifest


def test_manifest_covers_every_committed_file_and_at_least_forty_cases():
    committed = {p.name for p in BAD.iterdir()} - {"expected.csv"}
    listed = {row["file"] for row in MANIFEST if row["generated"] != "yes"}
    assert committed == listed
    assert len(MANIFEST) >= 40
    assert all(row["reader"] in ("read_connections", "read_export", "read_mutuals", "read_edges",
                                 "read_any") for row in MANIFEST)
    assert all(row["outcome"] in ("ok", "error") for row in MANIFEST)
    assert all(row["message"] for row in MANIFEST if row["outcome"] == "error")


def test_generated_cases_are_what_they_claim(cases):
    assert zipfile.ZipFile(cases / "spreadsheet.csv").namelist() == ["[Content_Types].xml", "xl/workbook.xml"]
    assert (cases / "image.png").read_bytes().startswith(b"\x89PNG\r\n\x1a\n")
    bomb = cases / "bomb.zip"
    assert bomb.stat().st_size < 2 * 2**20  # small on disk ...
    assert zipfile.ZipFile(bomb).infolist()[0].file_size > 2**30  # ... a gigabyte unpacked
    assert zipfile.ZipFile(cases / "lying_bomb.zip").infolist()[0].file_size == 200
    assert {i.filename for i in zipfile.ZipFile(cases / "traversal.zip").infolist()} == {
        "../../x", "../../Connections.csv", "a/../../../y.csv"}  # fmt: skip
    assert (cases / "big_field.csv").stat().st_size > 50_000_000


# --------------------------------------------------------------------------- Python API


def _run_reader(reader: str, path: Path):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            result = getattr(read, reader)(path)
        finally:
            others = [w for w in caught if not issubclass(w.category, RefkitWarning)]
            assert not others, [str(w.message) for w in others]
    return result


@pytest.mark.parametrize("name", list(CASES))
def test_python_api_gives_a_result_or_a_refkit_error(cases, name):
    row = CASES[name]
    path = cases / name
    if row["outcome"] == "error":
        with pytest.raises(RefkitError) as info:
            _run_reader(row["reader"], path)
        assert row["message"] in str(info.value)
        assert str(path) in str(info.value)  # names the file
    else:
        result = _run_reader(row["reader"], path)
        part = result.connections if isinstance(result, read.Archive) else result
        assert isinstance(part, read.ReadResult)
        assert (len(part.frame), len(part.warnings)) == (int(row["rows"]), int(row["warnings"]))


def test_warnings_name_file_and_line(cases):
    res = _run_reader("read_connections", cases / "bad_dates.csv")
    assert res.warnings == (
        f"{cases / 'bad_dates.csv'}, line 2: cannot read Connected On date '31 Feb 2021'; left empty",
        f"{cases / 'bad_dates.csv'}, line 3: cannot read Connected On date 'yesterday'; left empty",
        f"{cases / 'bad_dates.csv'}, line 4: cannot read Connected On date '2021-13-45'; left empty",
    )
    res = _run_reader("read_mutuals", cases / "mutuals_bad_counts.csv")
    assert res.frame["mutual_count"].tolist()[-1] == 7
    assert res.frame["mutual_count"].isna().tolist() == [True, True, True, True, False]
    assert [w.split(": ", 1)[1] for w in res.warnings] == [
        "mutual count '12+' is not a whole number >= 0; left empty",
        "mutual count '-3' is not a whole number >= 0; left empty",
        "mutual count 'twelve' is not a whole number >= 0; left empty",
        "mutual count '12 34' is not a whole number >= 0; left empty",
    ]
    res = _run_reader("read_connections", cases / "invalid_utf8.csv")
    assert res.warnings == (
        f"{cases / 'invalid_utf8.csv'}: mixed encodings: 1 line(s) in cp1252 (line 3) and 1 in UTF-8 "
        "(line 2); each line decoded in its own encoding",
    )
    assert res.frame["first_name"].tolist() == ["Zoë", "René"]


def test_duplicated_rows_become_one_person_each(cases):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RefkitWarning)
        net = build_network(cases / "duplicated_rows.csv", me="Me Myself")
    assert sorted(net.people.index) == [
        "https://www.linkedin.com/in/ada", "https://www.linkedin.com/in/tom", "name:me myself"]  # fmt: skip
    assert len(net.ties) == 2


def test_edge_list_that_references_nobody_is_an_error_naming_the_file(cases):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RefkitWarning)
        with pytest.raises(RefkitError, match=r"edges_nobody\.csv: no edge in this file connects to anyone"):
            build_network(SAMPLES / "my_linkedin_export", edges=[cases / "edges_nobody.csv"])


def test_zip_bomb_is_refused_before_inflating(cases):
    import tracemalloc

    tracemalloc.start()
    try:
        with pytest.raises(RefkitError, match="possible zip bomb"):
            read.read_export(cases / "bomb.zip")
        with pytest.raises(RefkitError, match="Bad CRC-32"):
            read.read_export(cases / "lying_bomb.zip")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 40 * 2**20  # the 1 MB archive and a few 1 MB chunks, never the gigabyte


def test_fifty_megabyte_field_is_read_whole(cases):
    res = _run_reader("read_connections", cases / "big_field.csv")
    assert len(res.frame.at[0, "last_name"]) == 50_000_000
    assert str(res.frame.at[0, "connected_on"].date()) == "2021-02-08"


# --------------------------------------------------------------------------- archives never extract


def _tree(folder: Path) -> set[str]:
    return {str(p.relative_to(folder)) for p in folder.rglob("*")}


def test_member_paths_outside_the_archive_write_nothing(cases, tmp_path, monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("refkit must never extract archive members")

    monkeypatch.setattr(zipfile.ZipFile, "extract", refuse)
    monkeypatch.setattr(zipfile.ZipFile, "extractall", refuse)
    work = tmp_path / "a" / "b"
    work.mkdir(parents=True)
    for name in ("traversal.zip", "absolute_member.zip"):
        shutil.copy(cases / name, work / name)
    evil_before = os.path.lexists("/tmp/evil")
    before = _tree(tmp_path)
    monkeypatch.chdir(work)
    for name in ("traversal.zip", "absolute_member.zip"):
        archive = _run_reader("read_export", Path(name))
        assert archive.connections.frame["first_name"].tolist() == ["Ada"]
        assert archive.connections.path == f"{name}:Connections.csv"
        assert read.detect_kind(name) == "archive"
    assert _tree(tmp_path) == before
    assert os.path.lexists("/tmp/evil") == evil_before
    assert not (tmp_path / "x").exists() and not (tmp_path / "y.csv").exists()


def test_refkit_source_never_extracts():
    package = HERE.parent / "refkit"
    for source in package.rglob("*.py"):
        text = source.read_text(encoding="utf-8")
        assert ".extract(" not in text and ".extractall(" not in text, source


# --------------------------------------------------------------------------- command line


def _one_error_line(err: str) -> str:
    lines = err.splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("refkit: error: ")
    return lines[0]


def _api_error(path: Path) -> str | None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            read.read_any(path)
        except RefkitError as err:
            return " ".join(str(err).split())
    return None


@pytest.mark.parametrize("name", list(CASES))
def test_inspect_exits_0_or_one_error_line_and_2(cases, name, capsys):
    path = cases / name
    expected = _api_error(path)
    code = main(["-q", "inspect", str(path)])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    if expected is None:
        assert (code, err) == (0, "")
        assert out.startswith(f"{path}\n")
    else:
        assert code == 2
        assert _one_error_line(err) == f"refkit: error: {expected}"


@pytest.mark.parametrize(
    "name", [n for n, row in CASES.items() if row["reader"] in CONNECTIONS_LIKE and n not in LARGE]
)
def test_rank_exits_0_or_one_error_line_and_2(cases, name, tmp_path, capsys):
    row = CASES[name]
    out_csv = tmp_path / "out.csv"
    code = main(["-q", "rank", str(cases / name), "-o", str(out_csv), "--me", "Me Myself"])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    if row["outcome"] == "ok":
        assert (code, err) == (0, f"wrote 0 rows to {out_csv}\n")  # only 1st-degree people here
        assert out_csv.read_text(encoding="utf-8").startswith("rank,name,profile_url,company,")
    else:
        assert code == 2
        assert " ".join(row["message"].split()) in _one_error_line(err)
        assert not out_csv.exists()


@pytest.mark.parametrize(
    ("name", "code"),
    [("empty.csv", 2), ("spreadsheet.csv", 2), ("bomb.zip", 2), ("wrong_invitations.csv", 2),
     ("mixed_delimiters.csv", 0), ("traversal.zip", 0)],
)  # fmt: skip
def test_real_subprocess(cases, tmp_path, name, code):
    proc = subprocess.run(
        [sys.executable, "-m", "refkit", "rank", str(cases / name), "-o", "out.csv", "--me", "Me Myself"],
        cwd=tmp_path, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert proc.returncode == code
    assert "Traceback" not in proc.stderr
    lines = proc.stderr.splitlines()
    if code == 2:
        assert lines[-1].startswith("refkit: error: ")
        assert sum(line.startswith("refkit: error:") for line in lines) == 1
        assert all(line.startswith("refkit: warning: ") for line in lines[:-1])
        assert sorted(os.listdir(tmp_path)) == []
    else:
        assert all(line.startswith(("refkit: warning: ", "wrote ")) for line in lines)
        assert sorted(os.listdir(tmp_path)) == ["out.csv"]


# --------------------------------------------------------------------------- mutated real files

_EXPORT_FILES = sorted(p.relative_to(SAMPLES / "my_linkedin_export").as_posix()
                       for p in (SAMPLES / "my_linkedin_export").rglob("*") if p.is_file())  # Jobs/ too


@st.composite
def _mutation(draw: st.DrawFn) -> tuple[str, str, list]:
    target = draw(st.sampled_from(_EXPORT_FILES + ["mutuals_capture.csv", "edges.csv"]))
    steps = draw(
        st.lists(
            st.one_of(
                st.tuples(st.just("delete"), st.floats(0, 1), st.integers(1, 400)),
                st.tuples(st.just("insert"), st.floats(0, 1), st.binary(min_size=1, max_size=20)),
                st.tuples(st.just("swap"), st.floats(0, 1), st.floats(0, 1)),
                st.tuples(st.just("quote"), st.floats(0, 1), st.sampled_from([b'"', b'""', b'","'])),
                st.tuples(st.just("encode"), st.sampled_from(["utf-16", "cp1252", "utf-8-sig", "latin-1"]),
                          st.just(0)),
                st.tuples(st.just("truncate"), st.floats(0, 1), st.just(0)),
            ),
            min_size=1,
            max_size=4,
        )
    )
    return target, draw(st.sampled_from(["read_export", "build_network"])), steps


def _mutate(data: bytes, steps: list) -> bytes:
    for kind, a, b in steps:
        at = int(a * len(data)) if isinstance(a, float) else 0
        if kind == "delete":
            data = data[:at] + data[at + b :]
        elif kind in ("insert", "quote"):
            data = data[:at] + b + data[at:]
        elif kind == "swap" and data:
            i, j = sorted((min(at, len(data) - 1), min(int(b * len(data)), len(data) - 1)))
            data = data[:i] + data[j : j + 1] + data[i + 1 : j] + data[i : i + 1] + data[j + 1 :]
        elif kind == "encode":
            data = data.decode("utf-8", errors="replace").encode(a, errors="replace")
        elif kind == "truncate":
            data = data[:at]
    return data


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_mutation())
def test_mutated_sample_files_end_in_a_network_or_a_refkit_error(case):
    target, how, steps = case
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "export"
        shutil.copytree(SAMPLES / "my_linkedin_export", folder)
        extras: dict[str, list[Path]] = {"mutuals": [], "edges": []}
        if target in _EXPORT_FILES:
            victim = folder / target
        else:
            victim = Path(tmp) / target
            shutil.copy(SAMPLES / target, victim)
            extras["mutuals" if target.startswith("mutuals") else "edges"].append(victim)
        victim.write_bytes(_mutate(victim.read_bytes(), steps))
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            try:
                if how == "read_export" and not extras["mutuals"] + extras["edges"]:
                    result = read.read_export(folder)
                    assert isinstance(result, read.Archive)
                else:
                    result = build_network(folder, me="Me Myself", **extras)
                    assert isinstance(result, Network)
            except RefkitError as err:
                assert str(err)
        others = [w for w in caught if not issubclass(w.category, RefkitWarning)]
        assert not others, [str(w.message) for w in others]


def test_a_mutual_count_with_thousands_grouped_is_read_in_any_locale(tmp_path):
    """Found by the tester: a capture's 'Mutual Count' of 1,234 (as LinkedIn and a spreadsheet
    write it) was refused as not a whole number."""
    capture = tmp_path / "mutuals.csv"
    capture.write_text("Name,URL,Company,Position,Mutual Count,Mutual Connections\n"
                       'Mei Lin,,Acme,CTO,"1,234",\nJonas Becker,,Globex,,1.234,\n'
                       "Lee Chen,,Globex,,1\u00a0234,\nAna Lima,,Initech,,\"12,34\",\n"
                       'Tom Ortega,,Initech,,"1,234.5",\nEve Stone,,Initech,,"31,000",\n', encoding="utf-8")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", RefkitWarning)
        res = read.read_mutuals(capture)
    assert res.frame["mutual_count"].tolist()[:3] == [1234, 1234, 1234]
    assert res.frame["mutual_count"].isna().tolist()[3:] == [True, True, True]
    said = [str(w.message).split(": ", 1)[1] for w in caught]
    assert said[:2] == ["mutual count '12,34' is not a whole number >= 0; left empty",
                        "mutual count '1,234.5' is not a whole number >= 0; left empty"]
    assert "more than LinkedIn allows" in said[2]
