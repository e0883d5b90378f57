"""Issue 12, reader side: hostile or odd inputs lose nothing, hang nothing, echo nothing.

Each test names the item of issue 12 it covers. Expected counts come from how the
test builds its file (how many rows it wrote, which lines it broke), never from a run.
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
import threading
import warnings
import zipfile
from datetime import date, timedelta

import pandas as pd
import pytest
from conftest import ROOT
from linkedin_files import HEADER_2023, PREAMBLE

from refkit import RefkitError, RefkitWarning
from refkit.read import _source as read_module  # where the file bound lives
from refkit.read import (
    detect_kind,
    read_any,
    read_connections,
    read_edges,
    read_export,
    read_invitations,
    read_messages,
    read_mutuals,
    read_positions,
    read_shared,
)

HEADER = HEADER_2023 + "\n"
MESSAGES_HEADER = (
    "CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,DATE,SUBJECT,CONTENT,FOLDER\n"
)


def row(i: int, *, last: str | None = None, day: str = "08 Feb 2021") -> str:
    return (
        f"P{i},{last if last is not None else f'Q{i}'},https://www.linkedin.com/in/p{i},,"
        f"Acme,Engineer,{day}\n"
    )


def quietly(func, *args, **kwargs):
    """Call a reader, collecting its RefkitWarnings: (result, [warning texts])."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        result = func(*args, **kwargs)
    return result, [str(w.message) for w in caught if issubclass(w.category, RefkitWarning)]


def zip_bytes(members: list[tuple[str, bytes]]) -> bytes:
    buffer = io.BytesIO()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # zipfile warns about duplicate names
        with zipfile.ZipFile(buffer, "w") as zf:
            for member, data in members:
                zf.writestr(member, data)
    return buffer.getvalue()


def run_python(code: str, timeout: float = 30) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=timeout, cwd=ROOT
    )


# --------------------------------------------------------------------------- 2: stray quote


def test_stray_quote_in_row_2_of_100001_rows_does_not_swallow_the_rest():
    rows = [row(i) for i in range(100_001)]
    rows[1] = row(1, last='"Q1')  # data row 2, physical line 3: a quote that never closes
    data = (HEADER + "".join(rows)).encode()
    res, caught = quietly(read_connections, data, name="c.csv")
    assert len(res.frame) >= 100_000
    assert "P100000" in set(res.frame["first_name"])
    swallowed = 100_001 - 2  # the lines after line 3, up to the end of the file
    assert any("line 3" in w and f"{swallowed:,} lines" in w for w in caught), caught
    assert not res.frame["last_name"].str.contains("\n").any()


def test_stray_quote_closed_much_later_by_another_quote_is_also_recovered():
    rows = [row(i) for i in range(2_000)]
    rows[1] = row(1, last='"Q1')
    rows[1500] = row(1500, last='"Q1500, PhD"')  # a real quoted field far below
    data = (HEADER + "".join(rows)).encode()
    res, caught = quietly(read_connections, data, name="c.csv")
    assert len(res.frame) >= 1_999
    assert "Q1500, PhD" in set(res.frame["last_name"])
    assert "P1499" in set(res.frame["first_name"])
    assert any("line 3" in w and "quote" in w for w in caught), caught


def test_stray_quote_running_to_the_end_of_a_short_file():
    data = b'First Name,Last Name,Connected On\nAda,"Love,08 Feb 2021\nTom,Ortega,09 Feb 2021\n'
    res, caught = quietly(read_connections, data, name="q.csv")
    assert res.frame["first_name"].tolist() == ["Ada", "Tom"]
    assert res.frame["last_name"].tolist()[1] == "Ortega"
    assert any("q.csv, line 2" in w and "quote" in w for w in caught), caught


@pytest.mark.parametrize("end", ["\n", ""])
def test_stray_quote_on_the_last_line_loses_nothing_of_the_row(end):
    """Found by the tester: on the last line, with nothing below it to swallow, the quote took
    the rest of the row into one cell: URL, company and date lost, as a 'short row'."""
    data = ("First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
            "Al,Ok,https://www.linkedin.com/in/al,,Acme,Engineer,01 Jan 2020\n"
            f'Yan,"Unclosed,https://www.linkedin.com/in/yan,,Careem,Engineer,01 Jan 2018{end}').encode()
    res, caught = quietly(read_connections, data, name="q.csv")
    yan = res.frame.iloc[1]
    assert (yan["last_name"], yan["profile_url"], yan["company"]) == (
        "Unclosed", "https://www.linkedin.com/in/yan", "Careem")
    assert str(yan["connected_on"].date()) == "2018-01-01"
    assert caught == ["q.csv, line 3: a quote on this line is never closed; the stray quote was dropped"]
    # a real short row on the last line is still one, with its own warning
    short = data.replace(b'Yan,"Unclosed,https://www.linkedin.com/in/yan,,Careem,Engineer,01 Jan 2018',
                         b"Yan,Short")
    res, caught = quietly(read_connections, short, name="q.csv")
    assert res.frame["last_name"].tolist() == ["Ok", "Short"] and "short row" in caught[0]


def test_a_real_multi_line_message_is_kept_whole():
    content = "\n".join(f"line {k} of a long message, with commas" for k in range(40))
    data = (
        MESSAGES_HEADER
        + f'c1,,Ada,https://www.linkedin.com/in/ada,Tom,2021-05-03 10:11:12 UTC,,"{content}",INBOX\n'
        + "c2,,Tom,https://www.linkedin.com/in/tom,Ada,2021-05-04 10:11:12 UTC,,Thanks!,INBOX\n"
    ).encode()
    res, caught = quietly(read_messages, data, name="messages.csv")
    assert caught == []
    assert res.frame["content_length"].tolist() == [len(content), len("Thanks!")]
    assert res.frame["line"].tolist() == [2, 42]


def test_stray_quote_in_messages_running_to_the_end_is_recovered():
    rows = [
        f"c{i},,Ada,https://www.linkedin.com/in/ada,Tom,2021-05-03 10:11:12 UTC,,hello {i},INBOX\n"
        for i in range(50)
    ]
    rows[3] = rows[3].replace("hello 3", '"hello 3')
    res, caught = quietly(read_messages, (MESSAGES_HEADER + "".join(rows)).encode(), name="m.csv")
    assert len(res.frame) == 50
    assert any("m.csv, line 5" in w and "quote" in w for w in caught), caught


# --------------------------------------------------------------------------- 3: NUL bytes


def test_nul_byte_in_the_last_of_20002_rows_skips_only_that_row():
    rows = [row(i) for i in range(20_002)]
    rows[-1] = row(20_001, last="Q\x00")
    res, caught = quietly(read_connections, (HEADER + "".join(rows)).encode(), name="c.csv")
    assert len(res.frame) == 20_001
    assert res.skipped[-1][0] == 20_003
    assert any("line 20003" in w and "NUL" in w for w in caught), caught


def test_a_mostly_binary_file_is_still_refused():
    blob = bytes(range(256)) * 64
    with pytest.raises(RefkitError, match=r"b\.csv, line \d+: this looks like binary data"):
        read_connections(blob, name="b.csv")
    with pytest.raises(RefkitError, match="binary data"):
        read_connections(b"First Name\x00,Last Name", name="b.csv")


def test_nul_row_in_other_readers_is_skipped():
    res, caught = quietly(read_edges, b"source,target\nA,B\nC\x00,D\nE,F\n", name="e.csv")
    assert res.frame["source"].tolist() == ["A", "E"]
    assert any("line 3" in w and "NUL" in w for w in caught)


# --------------------------------------------------------------------------- 4: optional files


def test_too_large_side_file_is_dropped_with_a_warning(monkeypatch):
    connections = (HEADER + row(1) + row(2)).encode()
    messages = (MESSAGES_HEADER + "c,,A,,B,2021-05-03 10:11:12 UTC,,hi,INBOX\n" * 400).encode()
    monkeypatch.setattr(read_module, "MAX_MEMBER_BYTES", len(connections) * 4)
    assert len(messages) > read_module.MAX_MEMBER_BYTES
    data = zip_bytes([("Connections.csv", connections), ("messages.csv", messages)])
    archive, caught = quietly(read_export, data, name="a.zip")
    assert len(archive.connections.frame) == 2
    assert archive.messages is None
    assert any("messages.csv" in w and "not used" in w for w in caught), caught
    # Connections.csv itself too large is still refused
    big = zip_bytes([("Connections.csv", connections + row(3).encode() * 200)])
    with pytest.raises(RefkitError, match=r"a\.zip:Connections\.csv: uncompressed size over"):
        read_export(big, name="a.zip")


def test_too_large_side_file_in_a_folder_is_dropped(monkeypatch, tmp_path):
    connections = (HEADER + row(1)).encode()
    (tmp_path / "Connections.csv").write_bytes(connections)
    (tmp_path / "messages.csv").write_bytes(
        (MESSAGES_HEADER + "c,,A,,B,2021-05-03 10:11:12 UTC,,hi,INBOX\n" * 400).encode()
    )
    monkeypatch.setattr(read_module, "MAX_MEMBER_BYTES", 4096)
    archive, caught = quietly(read_export, tmp_path)
    assert archive.messages is None and len(archive.connections.frame) == 1
    assert any("messages.csv" in w and "not used" in w for w in caught), caught


def test_damaged_side_member_is_dropped_not_fatal():
    connections = (HEADER + row(1)).encode()
    data = bytearray(zip_bytes([("Connections.csv", connections), ("Profile.csv", b"x" * 500)]))
    at = data.find(b"x" * 500)
    data[at : at + 4] = b"yyyy"  # the CRC no longer matches
    archive, caught = quietly(read_export, bytes(data), name="a.zip")
    assert archive.profile is None and len(archive.connections.frame) == 1
    assert any("Profile.csv" in w or "profile.csv" in w for w in caught), caught


# --------------------------------------------------------------------------- 5: two Connections.csv


def test_top_level_connections_wins_over_a_sub_folder_with_a_warning():
    top = (HEADER + row(1)).encode()
    other = (HEADER + row(2) + row(3)).encode()
    data = zip_bytes([("old/Connections.csv", other), ("Connections.csv", top)])
    archive, caught = quietly(read_export, data, name="a.zip")
    assert archive.connections.frame["first_name"].tolist() == ["P1"]
    assert any("old/Connections.csv" in w and "more than one" in w for w in caught), caught


def test_two_sub_folders_with_connections_are_refused_naming_both():
    data = zip_bytes(
        [("a/Connections.csv", (HEADER + row(1)).encode()), ("b/Connections.csv", (HEADER + row(2)).encode())]
    )
    with pytest.raises(RefkitError, match=r"a/Connections\.csv.*b/Connections\.csv"):
        read_export(data, name="a.zip")
    with pytest.raises(RefkitError, match=r"a/Connections\.csv.*b/Connections\.csv"):
        read_connections(data, name="a.zip")


def test_case_variant_loses_to_linkedins_spelling():
    data = zip_bytes(
        [("connections.csv", (HEADER + row(2)).encode()), ("Connections.csv", (HEADER + row(1)).encode())]
    )
    archive, caught = quietly(read_export, data, name="a.zip")
    assert archive.connections.frame["first_name"].tolist() == ["P1"]
    assert any("connections.csv" in w and "Connections.csv" in w for w in caught), caught


def test_duplicate_zip_member_is_refused():
    data = zip_bytes(
        [("Connections.csv", (HEADER + row(1)).encode()), ("Connections.csv", (HEADER + row(2)).encode())]
    )
    with pytest.raises(RefkitError, match=r"Connections\.csv.*twice"):
        read_export(data, name="a.zip")


def test_folder_with_connections_at_top_and_in_a_sub_folder(tmp_path):
    (tmp_path / "Connections.csv").write_bytes((HEADER + row(1)).encode())
    (tmp_path / "copy").mkdir()
    (tmp_path / "copy" / "Connections.csv").write_bytes((HEADER + row(2)).encode())
    archive, caught = quietly(read_export, tmp_path)
    assert archive.connections.frame["first_name"].tolist() == ["P1"]
    assert any("copy/Connections.csv" in w for w in caught), caught


# --------------------------------------------------------------------------- 15: mutual counts


@pytest.mark.parametrize(
    "count",
    ["9223372036854775808", "99999999999999999999999", "3000000000", "100000000", "30001", "9" * 5000],
)
def test_impossible_mutual_counts_are_row_warnings(count):
    data = (
        "Name,URL,Company,Position,Mutual Count,Mutual Connections\n"
        f"Mei Lin,https://www.linkedin.com/in/mei,Acme,CTO,{count},\n"
        "Tom Ortega,https://www.linkedin.com/in/tom,Acme,CTO,30000,\n"
    ).encode()
    res, caught = quietly(read_mutuals, data, name="m.csv")
    assert pd.isna(res.frame.loc[0, "mutual_count"])
    assert res.frame.loc[1, "mutual_count"] == 30_000
    assert len(caught) == 1 and "m.csv, line 2" in caught[0] and "30,000" in caught[0]
    assert len(caught[0]) < 300


def test_impossible_count_in_a_search_export():
    data = (
        b"profileUrl,fullName,companyName,title,connectionDegree,sharedConnectionsCount\n"
        b"https://www.linkedin.com/in/mei,Mei Lin,Acme,CTO,2nd,18446744073709551616\n"
        b"https://www.linkedin.com/in/tom,Tom Ortega,Acme,CTO,2nd,12\n"
    )
    res, caught = quietly(read_mutuals, data, name="s.csv")
    assert pd.isna(res.frame.loc[0, "mutual_count"]) and res.frame.loc[1, "mutual_count"] == 12
    assert any("s.csv, line 2" in w for w in caught)


# --------------------------------------------------------------------------- 16: dates


def test_connected_on_before_linkedin_or_in_the_future_is_unknown():
    future = (date.today() + timedelta(days=400)).strftime("%d %b %Y")
    days = ["01 Jan 0001", "01 Jan 1500", "31 Dec 9999", "01 Jan 2099", "31 Dec 2002", future,
            "05 May 2003", date.today().strftime("%d %b %Y")]  # fmt: skip
    data = (HEADER + "".join(row(i, day=d) for i, d in enumerate(days))).encode()
    res, caught = quietly(read_connections, data, name="c.csv")
    assert len(res.frame) == len(days)
    assert res.frame["connected_on"].iloc[:6].isna().all()
    assert res.frame["connected_on"].iloc[6] == pd.Timestamp("2003-05-05")
    assert res.frame["connected_on"].iloc[7] == pd.Timestamp(date.today())
    for line in range(2, 8):
        assert any(f"line {line}:" in w and "Connected On" in w for w in caught), (line, caught)
    assert len(caught) == 6


def test_us_style_dates_out_of_range_do_not_crash():
    data = b'First Name,Last Name,Connected On\nA,B,"12/31/9999, 1:00 AM"\nC,D,0001-01-01\nE,F,1/2/19\n'
    res, caught = quietly(read_connections, data, name="c.csv")
    assert res.frame["connected_on"].isna().tolist() == [True, True, False]
    assert len(caught) == 2


def test_message_invitation_and_position_dates_out_of_range():
    messages = (
        MESSAGES_HEADER
        + "c1,,A,,B,1999-05-03 10:11:12 UTC,,hi,INBOX\n"
        + "c2,,A,,B,2099-05-03 10:11:12 UTC,,hi,INBOX\n"
        + "c3,,A,,B,2021-05-03 10:11:12 UTC,,hi,INBOX\n"
    ).encode()
    res, caught = quietly(read_messages, messages, name="m.csv")
    assert res.frame["sent_at"].isna().tolist() == [True, True, False]
    assert len(caught) == 2
    invitations = b'From,To,Sent At,Message,Direction\nA,B,"9/12/99, 3:05 PM",,OUTGOING\nA,C,"9/12/24, 3:05 PM",,OUTGOING\n'
    res, caught = quietly(read_invitations, invitations, name="i.csv")
    assert res.frame["sent_at"].isna().tolist() == [True, False]
    assert len(caught) == 1
    positions = (
        b"Company Name,Title,Description,Location,Started On,Finished On\n"
        b"Acme,Engineer,,,Jan 1995,Dec 1999\n"  # a career older than LinkedIn is real
        b"Globex,Engineer,,,Jan 1500,Jan 9999\n"
    )
    res, caught = quietly(read_positions, positions, name="p.csv")
    assert res.frame["started_on"].tolist()[0] == pd.Timestamp("1995-01-01")
    assert res.frame["finished_on"].tolist()[0] == pd.Timestamp("1999-12-01")
    assert res.frame.loc[1, ["started_on", "finished_on"]].isna().all()
    assert len(caught) == 2


# --------------------------------------------------------------------------- 18: pasted exports


def test_two_exports_pasted_into_one_file_import_no_header_person():
    data = (PREAMBLE + HEADER + row(1) + row(2) + PREAMBLE + HEADER + row(3)).encode()
    res, caught = quietly(read_connections, data, name="c.csv")
    assert res.frame["first_name"].tolist() == ["P1", "P2", "P3"]
    assert any("line 7" in w and "header" in w for w in caught), caught


def test_repeated_header_without_preamble():
    data = (HEADER + row(1) + HEADER + row(2)).encode()
    res, caught = quietly(read_connections, data, name="c.csv")
    assert res.frame["first_name"].tolist() == ["P1", "P2"]
    assert res.frame["line"].tolist() == [2, 4]
    assert any("line 3" in w and "header" in w for w in caught), caught


def test_pasted_export_of_another_era_is_read_by_its_own_header():
    old = "First Name,Last Name,Email Address,Company,Position,Connected On\n"
    data = (HEADER + row(1) + old + 'Tom,Ortega,tom@example.com,Globex,CTO,"4/5/18, 9:12 AM"\n').encode()
    res, caught = quietly(read_connections, data, name="c.csv")
    assert res.frame["first_name"].tolist() == ["P1", "Tom"]
    assert res.frame["company"].tolist() == ["Acme", "Globex"]
    assert pd.isna(res.frame.loc[1, "profile_url"])
    assert res.frame.loc[1, "connected_on"] == pd.Timestamp("2018-04-05")
    assert any("line 3" in w and "header" in w for w in caught), caught


def test_repeated_header_in_mutuals_and_edges():
    header = "Name,URL,Company,Position,Mutual Count,Mutual Connections\n"
    res, caught = quietly(read_mutuals, (header + "Mei,,Acme,CTO,3,\n" + header).encode(), name="m.csv")
    assert res.frame["name"].tolist() == ["Mei"]
    assert len(caught) == 1 and "line 3" in caught[0]
    res, caught = quietly(read_edges, b"source,target\nA,B\nsource,target\nC,D\n", name="e.csv")
    assert res.frame["source"].tolist() == ["A", "C"]


# --------------------------------------------------------------------------- 19: encodings


def test_mostly_cp1252_with_some_utf8_lines_is_decoded_line_by_line():
    lines = [HEADER.encode()]
    for i in range(20):
        lines.append(f"René{i},Müller,,,Café,Chef,08 Feb 2021\n".encode("cp1252"))
    lines.insert(5, "Zoë,Dvořák,,,Café,Chef,08 Feb 2021\n".encode())  # line 6 is UTF-8
    res, caught = quietly(read_connections, b"".join(lines), name="c.csv")
    assert res.frame["first_name"].tolist()[:5] == ["René0", "René1", "René2", "René3", "Zoë"]
    assert res.frame["last_name"].tolist()[4] == "Dvořák"
    assert set(res.frame["company"]) == {"Café"}
    assert any("line 6" in w and "UTF-8" in w for w in caught), caught


def test_mostly_utf8_with_a_cp1252_line_keeps_its_letters():
    data = (HEADER + "Zoë,Dvořák,,,Café,Chef,08 Feb 2021\n").encode() + "René,Müller,,,Acme,Chef,09 Feb 2021\n".encode("cp1252")
    res, caught = quietly(read_connections, data, name="c.csv")
    assert res.frame["first_name"].tolist() == ["Zoë", "René"]
    assert res.frame["last_name"].tolist() == ["Dvořák", "Müller"]
    assert any("line 3" in w for w in caught), caught


def test_mac_roman_file_is_recognised():
    text = HEADER + "José,Müller,,,Café Crème,Señor Engineer,08 Feb 2021\nAnaïs,Ångström,,,Acme,Chef,09 Feb 2021\n"
    res, caught = quietly(read_connections, text.encode("mac_roman"), name="c.csv")
    assert res.frame["first_name"].tolist() == ["José", "Anaïs"]
    assert res.frame["company"].tolist() == ["Café Crème", "Acme"]
    assert res.frame["last_name"].tolist() == ["Müller", "Ångström"]
    assert "Mac Roman" in res.era


def test_undecodable_characters_are_warned_with_their_line():
    data = HEADER.encode() + "René,Müller,,,Acme,Chef,08 Feb 2021\n".encode("cp1252") + b"Bo,Par\x81k,,,Acme,Chef,08 Feb 2021\n"
    res, caught = quietly(read_connections, data, name="c.csv")
    assert res.frame["first_name"].tolist() == ["René", "Bo"]
    assert any("line 3" in w and "\ufffd" in w for w in caught), caught


# --------------------------------------------------------------------------- 21: special files

_FIFO_CODE = """
import os, sys, tempfile, warnings
from refkit import RefkitError
from refkit.read import {func}
folder = tempfile.mkdtemp()
fifo = os.path.join(folder, "Connections.csv")
os.mkfifo(fifo)
try:
    {func}(fifo)
except RefkitError as err:
    print("REFUSED", err)
"""


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
@pytest.mark.parametrize("func", ["read_connections", "read_export", "read_any", "detect_kind"])
def test_a_fifo_is_refused_not_waited_on(func):
    try:
        proc = run_python(_FIFO_CODE.format(func=func), timeout=30)
    except subprocess.TimeoutExpired:
        pytest.fail(f"{func} on a FIFO hung")
    assert proc.stdout.startswith("REFUSED"), proc.stdout + proc.stderr
    assert "Connections.csv: is a named pipe (FIFO), not a regular file" in proc.stdout
    assert "cannot read the file" not in proc.stdout  # said once, not wrapped twice


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_cli_on_a_fifo_and_dev_zero_is_one_error_line(tmp_path):
    fifo = tmp_path / "Connections.csv"
    os.mkfifo(fifo)
    for args in (["inspect", str(fifo)], ["rank", str(fifo), "-o", str(tmp_path / "o.csv"), "--me", "Me"],
                 ["rank", "/dev/zero", "-o", str(tmp_path / "o.csv"), "--me", "Me"]):  # fmt: skip
        try:
            proc = subprocess.run([sys.executable, "-m", "refkit", *args], capture_output=True,
                                  text=True, timeout=60, cwd=tmp_path)  # fmt: skip
        except subprocess.TimeoutExpired:
            pytest.fail(f"refkit {args[0]} hung")
        assert proc.returncode == 2
        assert proc.stderr.count("\n") == 1 and proc.stderr.startswith("refkit: error: ")
        assert "not a regular file" in proc.stderr and "Traceback" not in proc.stderr


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="no /dev/zero")
def test_dev_zero_is_refused_quickly():
    code = (
        "from refkit import RefkitError\nfrom refkit.read import read_connections, read_any\n"
        "import resource; resource.setrlimit(resource.RLIMIT_AS, (2 * 2**30, 2 * 2**30))\n"
        "for f in (read_connections, read_any):\n"
        "    try:\n        f('/dev/zero')\n    except RefkitError as err:\n        print('REFUSED', err)\n"
    )
    try:
        proc = run_python(code, timeout=30)
    except subprocess.TimeoutExpired:
        pytest.fail("/dev/zero was read without a bound")
    assert proc.stdout.count("REFUSED") == 2, proc.stdout + proc.stderr
    assert "device" in proc.stdout


def _pipe_path(data: bytes) -> tuple[str, int]:
    read_end, write_end = os.pipe()

    def feed() -> None:
        with os.fdopen(write_end, "wb") as fh:
            fh.write(data)

    threading.Thread(target=feed, daemon=True).start()
    return f"/dev/fd/{read_end}", read_end


@pytest.mark.skipif(not os.path.isdir("/dev/fd"), reason="no /dev/fd")
@pytest.mark.parametrize("func", [read_connections, read_export, read_any, read_shared])
def test_a_pipe_is_read_once(func):
    data = (PREAMBLE + HEADER + row(1) + row(2)).encode() * 1  # small: one read
    data = data + "".join(row(i) for i in range(3, 3000)).encode()  # larger than a pipe buffer
    path, fd = _pipe_path(data)
    try:
        kwargs = {"owner": "Priya Raman"} if func is read_shared else {}
        res, _ = quietly(func, path, **kwargs)
    finally:
        os.close(fd)
    frame = res.connections.frame if hasattr(res, "connections") else res.frame
    assert len(frame) == 2999


_ENDLESS_CODE = """
import os, threading
from refkit import RefkitError, read
from refkit.read import _source
_source.MAX_MEMBER_BYTES = 100_000
read_end, write_end = os.pipe()
def feed():
    try:
        with os.fdopen(write_end, "wb") as fh:
            fh.write(b"First Name,Last Name,Connected On\\n")
            while True:
                fh.write(b"Ada,Lovelace,08 Feb 2021\\n" * 100)
    except OSError:
        pass
threading.Thread(target=feed, daemon=True).start()
try:
    read.read_connections(f"/dev/fd/{read_end}")
except RefkitError as err:
    print("REFUSED", err)
"""


@pytest.mark.skipif(not os.path.isdir("/dev/fd"), reason="no /dev/fd")
def test_an_endless_pipe_is_cut_at_the_bound():
    try:
        proc = run_python(_ENDLESS_CODE, timeout=30)
    except subprocess.TimeoutExpired:
        pytest.fail("an endless pipe was read without a bound")
    assert proc.stdout.startswith("REFUSED"), proc.stdout + proc.stderr
    assert "more than" in proc.stdout


# --------------------------------------------------------------------------- 22: symlinks, echoes


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symlinks")
def test_links_out_of_the_export_folder_are_not_followed(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("root:x:0:0:TOP-SECRET-LINE:/root:/bin/bash\n")
    export = tmp_path / "export"
    export.mkdir()
    (export / "Connections.csv").write_bytes((HEADER + row(1)).encode())
    (export / "Profile.csv").symlink_to(secret)
    (export / "Jobs").symlink_to(tmp_path)  # a folder link that leads out
    archive, caught = quietly(read_export, export)
    assert archive.profile is None
    assert not any("TOP-SECRET" in w for w in caught)
    assert any("Profile.csv" in w and "outside" in w for w in caught), caught
    # Connections.csv itself a link outside: refused, without echoing the target
    (export / "Connections.csv").unlink()
    (export / "Connections.csv").symlink_to(secret)
    with pytest.raises(RefkitError) as info, pytest.warns(RefkitWarning, match="not followed"):
        read_export(export)
    assert "TOP-SECRET" not in str(info.value) and "outside" in str(info.value)


def test_links_inside_the_folder_are_followed(tmp_path):
    export = tmp_path / "export"
    (export / "data").mkdir(parents=True)
    (export / "data" / "real.csv").write_bytes((HEADER + row(1)).encode())
    (export / "Connections.csv").symlink_to(export / "data" / "real.csv")
    archive, _ = quietly(read_export, export)
    assert archive.connections.frame["first_name"].tolist() == ["P1"]


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symlinks")
def test_a_folder_of_downloads_follows_no_link_out_and_no_loop(tmp_path):
    """Item 22's sibling: `refkit init --from` and `refkit inspect FOLDER` scan a folder of
    downloads; a link out of it is not followed (its target neither listed nor read) and a
    link back into it (a loop) lists nothing twice."""
    from refkit.workspace import init_workspace, scan_files

    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text("TOP-SECRET-LINE,x\n")
    (outside / "friend.csv").write_bytes((HEADER + row(9)).encode())
    downloads = tmp_path / "downloads"
    downloads.mkdir()
    (downloads / "mine.csv").write_bytes((HEADER + row(1)).encode())
    (downloads / "priya_raman_Connections.csv").write_bytes((HEADER + row(2)).encode())
    (downloads / "notes.csv").symlink_to(outside / "secret.txt")
    (downloads / "more").symlink_to(outside)
    (downloads / "again").symlink_to(downloads)  # a loop
    found = scan_files(downloads)
    names = sorted(path.name for path, _ in found)
    assert names == ["mine.csv", "more", "notes.csv", "priya_raman_Connections.csv"], found
    assert {kind for path, kind in found if path.name in ("more", "notes.csv")} == {"outside"}
    report = init_workspace(tmp_path / "ws", source=downloads)
    config = report.config.read_text(encoding="utf-8")
    assert "friend.csv" not in config and "secret" not in config, config
    assert config.count("[[shared]]") == 2, config  # mine.csv and priya's, each once
    proc = subprocess.run([str(ROOT / ".venv" / "bin" / "refkit"), "inspect", str(downloads)],
                          capture_output=True, text=True, timeout=60)
    shown = proc.stdout + proc.stderr
    assert "TOP-SECRET" not in shown and "friend.csv" not in shown and "again" not in shown, shown
    assert "not followed" in shown and proc.returncode == 0, shown


def test_error_excerpts_are_short_and_escaped():
    data = ("\x1b]0;pwned\x07\x1b[2J" + "A" * 5000 + ",b\u202ec,d\n" + "x,y\n").encode()
    with pytest.raises(RefkitError) as info:
        read_connections(data, name="c.csv")
    message = str(info.value)
    assert "\x1b" not in message and "\x07" not in message and "\u202e" not in message
    assert len(message) < 400


# --------------------------------------------------------------------------- 23: de-identified


DEID = (
    "De-Identified First Name,De-Identified Last Name,URL,Email Address,Company,Position,Connected On\n"
)


def test_de_identified_export_says_names_were_removed():
    data = (DEID + ",,,,Acme,Engineer,08 Feb 2021\n").encode()
    with pytest.raises(RefkitError, match=r"c\.csv, line 1: names were removed from this file"):
        read_connections(data, name="c.csv")


def test_de_identified_export_with_preamble_names_the_header_line():
    data = (PREAMBLE + DEID + ",,,,Acme,Engineer,08 Feb 2021\n").encode()
    with pytest.raises(RefkitError, match=r"c\.csv, line 4: names were removed from this file") as info:
        read_connections(data, name="c.csv")
    assert "Notes:" not in str(info.value)
    with pytest.raises(RefkitError, match="names were removed"):
        read_shared(data, owner="Priya Raman", name="c.csv")
    assert detect_kind(data, name="Connections.csv") == "unknown"
    with pytest.raises(RefkitError, match="names were removed"):
        read_any(data, name="Connections.csv")


def test_unknown_file_with_preamble_quotes_its_header_not_notes():
    data = (PREAMBLE + "Name,Age,Town\nAda,36,London\n").encode()
    with pytest.raises(RefkitError, match=r"line 4: no header row .*found Name, Age, Town"):
        read_connections(data, name="c.csv")


def test_many_short_multi_line_records_are_read_in_linear_time():
    import time

    data = ("First Name,Last Name,Company,Connected On\n" + 'A,"x\ny"\n' * 40_000).encode()
    start = time.perf_counter()
    res, _ = quietly(read_connections, data, name="c.csv")
    assert time.perf_counter() - start < 15
    assert len(res.frame) == 40_000  # real (if short) multi-line records: nothing dropped


def test_runaway_quote_after_a_big_field():
    data = (HEADER + row(1) + row(2, last='"Q2') + row(3) + row(4)).encode()
    res, caught = quietly(read_connections, data, name="c.csv")
    assert res.frame["first_name"].tolist() == ["P1", "P2", "P3", "P4"]
    assert res.frame["line"].tolist() == [2, 3, 4, 5]
    assert len(caught) == 1


def test_an_archive_larger_than_the_file_bound_is_read_member_by_member(monkeypatch, tmp_path):
    connections = (HEADER + row(1)).encode()
    messages = (MESSAGES_HEADER + "c,,A,,B,2021-05-03 10:11:12 UTC,,hi,INBOX\n" * 40).encode()
    invitations = b"From,To,Sent At,Message,Direction\n" + b'A,B,"9/12/24, 3:05 PM",,OUTGOING\n' * 80
    path = tmp_path / "export.zip"
    path.write_bytes(zip_bytes([("Connections.csv", connections), ("messages.csv", messages),
                                ("Invitations.csv", invitations)]))  # fmt: skip
    monkeypatch.setattr(read_module, "MAX_MEMBER_BYTES", max(len(messages), len(invitations)) + 10)
    assert path.stat().st_size > read_module.MAX_MEMBER_BYTES  # the archive, not a member
    archive, _ = quietly(read_export, path)
    assert len(archive.connections.frame) == 1
    assert len(archive.messages.frame) == 40 and len(archive.invitations.frame) == 80
    assert len(quietly(read_connections, path)[0].frame) == 1
    assert detect_kind(path) == "archive"
    assert len(quietly(read_any, path)[0].connections.frame) == 1


def test_a_side_file_left_out_is_said_by_inspect_and_kept_in_the_networks_warnings(tmp_path, capsys):
    """Found by trying it: ``inspect`` listed only what it used; network.warnings lost it too."""
    import warnings as _warnings

    from refkit.build import build_network
    from refkit.cli import main

    folder = tmp_path / "export"
    folder.mkdir()
    (folder / "Connections.csv").write_text(
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
        "Priya,Raman,https://www.linkedin.com/in/priya,,Stripe,Engineer,08 Feb 2021\n")
    (folder / "Invitations.csv").write_text("nonsense\n")
    assert main(["inspect", str(folder)]) == 0
    assert "Invitations.csv: not used" in capsys.readouterr().out.replace("invitations.csv", "Invitations.csv")
    with _warnings.catch_warnings():
        _warnings.simplefilter("ignore")
        net = build_network(folder, me="Me")
    assert any("not used" in w for w in net.warnings)


def test_a_stray_quote_closed_by_the_next_rows_quoted_cell_loses_nobody(tmp_path):
    # found by r17-test: the row count stayed right, so the swallowed person went unnoticed
    from refkit.read import read_connections

    path = tmp_path / "Connections.csv"
    path.write_text(
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
        "Ann,Lee,https://www.linkedin.com/in/a,,Acme,Eng,08 Feb 2021\n"
        'Bad,Row,https://www.linkedin.com/in/bad,,"Co,Pos,08 Feb 2021\n'
        'Cid,Roe,https://www.linkedin.com/in/c,,Acme,"Director, Sales",08 Feb 2021\n'
        "Dan,Poe,https://www.linkedin.com/in/d,,Acme,Eng,08 Feb 2021\n"
        'Eve,Ng,https://www.linkedin.com/in/e,,Acme,"Lead,\nPlatform",08 Feb 2021\n',  # a real 2-line cell
        encoding="utf-8")
    with pytest.warns(RefkitWarning, match=r"line 3: a quote on this line is never closed"):
        result = read_connections(path)
    frame = result.frame
    assert frame["first_name"].tolist() == ["Ann", "Bad", "Cid", "Dan", "Eve"]
    assert frame.loc[2, "position"] == "Director, Sales"
    assert frame.loc[4, "position"] == "Lead,\nPlatform"
    assert frame["line"].tolist() == [2, 3, 4, 5, 6]


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_a_line_break_in_a_quoted_first_name_is_one_person(tmp_path, newline):
    """A spreadsheet writes an Alt-Enter line break inside the quoted first cell; the row is one
    person, read with no warning (it was a stray quote: a phantom "Multi" and "Line Name")."""
    lines = ["First Name,Last Name,URL,Email Address,Company,Position,Connected On",
             '"Multi', 'Line",Name,https://www.linkedin.com/in/multi,,Stripe,Eng,01 Jan 2021',
             "Bo,Park,https://www.linkedin.com/in/bo,,Stripe,Eng,01 Jan 2021"]
    path = tmp_path / "Connections.csv"
    path.write_bytes(newline.join(lines).encode() + newline.encode())
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        frame = read_connections(path).frame
    assert not caught, [str(w.message) for w in caught]
    assert len(frame) == 2 and frame["first_name"].tolist()[0].split() == ["Multi", "Line"]
    assert frame["profile_url"].tolist()[0] == "https://www.linkedin.com/in/multi"
