"""Tests for ``refkit track``."""

from __future__ import annotations

import csv
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from refkit import RefkitError
from refkit.cli import main
from refkit.cli.track import read_ranked
from refkit.track import Tracker

HEADER = (
    "rank,name,profile_url,company,position,mutual_count,mutual_connections,introducer,alternates,"
    "score,reason,key,introducer_key,alternate_keys,mutual_keys,company_match,pending_invitation,common_ground"
)
U = "https://www.linkedin.com/in/"
ROWS = [
    f"1,Lee Chen,{U}lee,Globex,Data Engineer,14,Priya Raman; Tomás Ortega,Priya Raman,Tomás Ortega,0.9,r,"
    f"{U}lee,{U}priya,{U}tomas,{U}priya; {U}tomas,True,False,you both worked at Initech",
    f"2,Lee Chen,{U}lee2,Initech,Analyst,12,Tomás Ortega,Tomás Ortega,,0.8,r,{U}lee2,{U}tomas,,{U}tomas,False,False,",
    f"3,'=Mia Wong,{U}mia,Acme,CEO,11,,,,0.5,r,{U}mia,,,,False,False,",
]


@pytest.fixture
def ranked_csv(tmp_path):
    path = tmp_path / "ranked.csv"
    path.write_text("\r\n".join([HEADER, *ROWS]) + "\r\n", encoding="utf-8-sig")
    return path


@pytest.fixture
def workspace(tmp_path, ranked_csv, capsys):
    ws = tmp_path / "clients" / "ana"
    assert main(["track", str(ws), "add", str(ranked_csv), "--date", "2024-05-01"]) == 0
    capsys.readouterr()
    return ws


def _events(ws):
    with Tracker(ws, create=False) as t:
        return t.conn.execute("SELECT key, status, introducer, note, at FROM events ORDER BY id").fetchall()


def test_read_ranked_parses_lists_counts_and_neutralised_cells(ranked_csv):
    frame = read_ranked(ranked_csv)
    assert frame["name"].tolist() == ["Lee Chen", "Lee Chen", "=Mia Wong"]
    assert frame["alternate_keys"].tolist() == [(f"{U}tomas",), (), ()]
    assert frame["mutual_keys"].tolist()[0] == (f"{U}priya", f"{U}tomas")
    assert frame["mutual_count"].tolist() == [14, 12, 11]
    assert pd.isna(frame.loc[2, "introducer"])


def test_read_ranked_without_key_columns_falls_back_to_url_and_name(tmp_path, capsys):
    path = tmp_path / "plain.csv"
    path.write_text(f"name,profile_url,company,mutual_count\nLee Chen,{U}Lee/,Globex,14\nBo Li,,Acme,11\n", encoding="utf-8")
    ws = tmp_path / "ws"
    assert main(["track", str(ws), "add", str(path), "--date", "2024-05-01"]) == 0
    assert capsys.readouterr().out == f"2 targets added, 0 updated in {ws / 'refkit.sqlite'}\n"
    with Tracker(ws) as t:
        assert t.table(today="2024-05-01")["key"].tolist() == [f"{U}lee", "name:bo li"]


def test_read_ranked_errors(tmp_path):
    with pytest.raises(RefkitError, match=r"missing\.csv: file not found"):
        read_ranked(tmp_path / "missing.csv")
    bad = tmp_path / "bad.csv"
    bad.write_text("From,To,Sent At\nA,B,C\n", encoding="utf-8")
    with pytest.raises(RefkitError, match=r"bad\.csv, line 1: this looks like a LinkedIn Invitations\.csv .*; "
                                          r"expected a ranked list .*with columns key, profile_url or name"):
        read_ranked(bad)
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    with pytest.raises(RefkitError, match=r"empty\.csv, line 1: the file is empty"):
        read_ranked(empty)
    latin = tmp_path / "latin.csv"
    latin.write_bytes("name\nJosé\n".encode("latin-1"))  # a spreadsheet re-save: read as exports are
    assert read_ranked(latin)["name"].tolist() == ["José"]


def test_set_list_next_and_export(workspace, tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("COLUMNS", "200")  # a wide terminal: every column shown
    ws = str(workspace)
    assert main(["track", ws, "set", f"{U}lee", "--status", "asked_introducer", "--date", "2024-05-02"]) == 0
    assert capsys.readouterr().out == "Lee Chen: asked_introducer on 2024-05-02 (introducer: Priya Raman)\n"
    assert main(["track", ws, "set", f"{U}lee", "--status", "declined", "--note", "busy", "--date", "2024-05-06"]) == 0
    assert capsys.readouterr().out == "Lee Chen: declined on 2024-05-06 (introducer: Priya Raman)\n"

    assert main(["track", ws, "list", "--date", "2024-05-10"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == ["name", "company", "mutuals", "status", "asked", "since",
                                "days", "next", "introducer", "note"]  # fmt: skip
    assert lines[1].split() == ["Lee", "Chen", "Globex", "14", "declined", "Priya", "Raman", "2024-05-06", "4",
                                "Tomás", "Ortega", "busy"]  # fmt: skip
    assert lines[3].split() == ["=Mia", "Wong", "Acme", "11", "planned", "2024-05-01", "9"]

    assert main(["track", ws, "next", "--date", "2024-05-10", "--budget", "1", "--pending", f"{U}mia"]) == 0
    out = capsys.readouterr().out
    assert "Priya Raman declined: ask Tomás Ortega instead" in out
    assert "ask Tomás Ortega for an introduction" in out
    assert "Invitations this week: 0 sent, 1 left of 1:" in out
    plan = out.split("Invitations this week")[1].splitlines()
    # Mia is planned with nobody asked yet: no invitation (ask an introducer first); her pending one shows
    rows = plan[2:plan.index("", 2)]  # the plan's rows, then a blank line and the quotas
    assert [line.split()[-4:] for line in rows] == [["invitation", "pending", "already", "sent"]]

    target = tmp_path / "out.csv"
    assert main(["track", ws, "export", "-o", str(target)]) == 0
    assert capsys.readouterr().out == f"wrote {target}\n"
    with open(target, encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    assert [r[0] for r in rows] == ["name", "Lee Chen", "Lee Chen", "'=Mia Wong"]
    assert main(["track", ws, "export", "-o", str(target)]) == 2
    assert capsys.readouterr().err.startswith(f"refkit: error: {target}: file already exists")
    assert main(["track", ws, "export", "-o", str(target), "--force", "--bom"]) == 0
    assert target.read_bytes().startswith(b"\xef\xbb\xbfname,")


def _assert_one_line_error(capsys, expected_start):
    captured = capsys.readouterr()
    lines = captured.err.splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("refkit: error: ")
    assert expected_start in lines[0]
    assert captured.out == ""


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["set", "Lea Chen", "--status", "declined"], "nobody tracked named 'Lea Chen'; close matches: Lee Chen"),
        (["set", "lee chen", "--status", "declined"], f"matches 2 people: Lee Chen (Globex, {U}lee); Lee Chen (Initech, {U}lee2)"),
        (["set", "Mia Wong", "--status", "ghosted"], "unknown status 'ghosted'; expected one of: planned, asked_introducer"),
        (["set", "=Mia Wong", "--status", "invited", "--date", "yesterday"], "expected a date like 2024-05-31"),
        (["next", "--budget", "-3"], "budget: expected a whole number"),
    ],
)
def test_errors_exit_2_with_one_line_and_change_nothing(workspace, capsys, argv, message):
    before = _events(workspace)
    try:
        status = main(["track", str(workspace), *argv])
    except SystemExit as exit_info:  # a --date that is no date is a usage error, found first
        status = exit_info.code
    assert status == 2
    _assert_one_line_error(capsys, message)
    assert _events(workspace) == before


def test_missing_workspace_and_foreign_files(tmp_path, capsys):
    assert main(["track", str(tmp_path / "nobody"), "list"]) == 2
    _assert_one_line_error(capsys, "no tracker database here")
    assert not (tmp_path / "nobody").exists()
    (tmp_path / "ws").mkdir()
    (tmp_path / "ws" / "refkit.sqlite").write_bytes(b"PK\x03\x04 not a database")
    assert main(["track", str(tmp_path / "ws"), "list"]) == 2
    _assert_one_line_error(capsys, "not a refkit tracker database (not an SQLite file)")


def test_usage_error_is_one_line(tmp_path, capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["track", str(tmp_path), "set", "Lee"])
    assert exit_info.value.code == 2
    assert capsys.readouterr().err.startswith("refkit: error: the following arguments are required: --status")


def test_console_script_subprocess(workspace, tmp_path):
    script = Path(sys.executable).with_name("refkit")
    command = [str(script)] if script.exists() else [sys.executable, "-m", "refkit"]
    done = subprocess.run(
        [*command, "track", str(workspace), "set", "Lee", "--status", "invited"],
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert done.returncode == 2
    assert done.stderr == "refkit: error: " + f"{workspace / 'refkit.sqlite'}: nobody tracked named 'Lee'; close matches: Lee Chen\n"
    done = subprocess.run(
        [*command, "track", str(workspace), "set", f"{U}lee2", "--status", "invited", "--date", "2024-05-02"],
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert (done.returncode, done.stdout, done.stderr) == (0, "Lee Chen: invited on 2024-05-02\n", "")
    assert _events(workspace)[-1] == (f"{U}lee2", "invited", None, None, "2024-05-02")


def test_a_ranked_list_with_long_drafted_notes_reads_as_written(tmp_path):
    """refkit's own referral requests span a dozen lines and more: one cell, not a stray quote."""
    import warnings

    import pandas as pd

    from refkit.export import write_csv

    note = "\n".join(f"line {i} of a long referral request" for i in range(40))
    ranked = pd.DataFrame({"rank": [1, 2], "name": ["Lee Chen", "Mia Wong"], "key": [f"{U}lee", f"{U}mia"],
                           "mutual_count": [12, 11], "referral_request": [note, note]})
    write_csv(ranked, tmp_path / "ranked.csv")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        read = read_ranked(tmp_path / "ranked.csv")
    assert read["name"].tolist() == ["Lee Chen", "Mia Wong"]
    assert [str(w.message) for w in caught] == []


# ---------------------------------------------------------------- issue 17: caps, quotas, funnel
def _toml_workspace(ws: Path, extra: str) -> None:
    (ws / "Connections.csv").write_text("First Name,Last Name,URL,Email Address,Company,Position,Connected On\n",
                                        encoding="utf-8")  # fmt: skip
    (ws / "refkit.toml").write_text(f'export = "Connections.csv"\n{extra}', encoding="utf-8")


def test_track_next_on_a_narrow_terminal_still_says_whom_to_ask(workspace, capsys, monkeypatch):
    """Found by the tester: at 80 columns the action was cut just before the introducer to
    ask instead, and the ``ask`` column was left out to fit."""
    monkeypatch.setenv("COLUMNS", "56")
    for status, day in (("asked_introducer", "2024-05-02"), ("declined", "2024-05-06")):
        assert main(["track", str(workspace), "set", f"{U}lee", "--status", status, "--date", day]) == 0
    capsys.readouterr()
    assert main(["track", str(workspace), "next", "--date", "2024-05-10"]) == 0
    table = capsys.readouterr().out.split("Next steps:\n")[1].split("\n\n")[0].splitlines()
    assert max(map(len, table)) <= 56
    assert table[0].split()[:2] == ["name", "ask"]
    lee = next(line for line in table if "Globex" in line)  # the Lee Chen Priya declined
    assert "Tomás Ortega" in lee and "Priya Raman declined" in lee


def test_track_next_uses_the_workspace_cap_and_account(workspace, capsys):
    # Priya is the best introducer of Lee (14) only; Tomás of the second Lee: a cap of 1 with
    # Priya's ask open sends nobody else to her. A premium account has no monthly note limit.
    _toml_workspace(workspace, 'account = "premium"\nmax_open_asks = 1\nmin_mutual = 10\n')
    assert main(["track", str(workspace), "set", f"{U}lee", "--status", "asked_introducer", "--date", "2024-05-02"]) == 0
    assert main(["track", str(workspace), "set", f"{U}lee2", "--status", "introduced", "--date", "2024-05-02"]) == 0
    capsys.readouterr()
    assert main(["track", str(workspace), "next", "--date", "2024-05-03"]) == 0
    out = " ".join(capsys.readouterr().out.split())  # sentences folded to the terminal's width
    assert "personal notes: no monthly limit on premium" in out
    assert "Open asks by introducer (at most 1 each): Priya Raman 1" in out
    assert main(["track", str(workspace), "next", "--date", "2024-05-03", "--account", "free"]) == 0
    assert "personal notes: 5 left this month (0 used, free account)" in " ".join(capsys.readouterr().out.split())


def test_track_set_personal_note_counts_against_the_month(workspace, capsys):
    assert main(["track", str(workspace), "set", f"{U}lee", "--status", "invited", "--personal-note",
                 "--date", "2024-05-02"]) == 0  # fmt: skip
    assert main(["track", str(workspace), "next", "--date", "2024-05-03"]) == 0
    assert "personal notes: 4 left this month (1 used, free account)" in " ".join(capsys.readouterr().out.split())
    assert main(["track", str(workspace), "set", f"{U}mia", "--status", "accepted", "--personal-note"]) == 2
    assert "refkit: error: personal_note: only an invitation carries a personal note" in capsys.readouterr().err


def test_track_funnel_by_introducer_and_company(workspace, capsys):
    for status in ("asked_introducer", "target_agreed", "introduced"):
        assert main(["track", str(workspace), "set", f"{U}lee", "--status", status, "--date", "2024-05-03"]) == 0
    capsys.readouterr()
    assert main(["track", str(workspace), "funnel", "--date", "2024-05-04"]) == 0
    out = capsys.readouterr().out
    assert "How far each path went, by introducer" in out
    row = next(line for line in out.splitlines() if line.strip().startswith("Priya Raman"))
    assert row.split()[2:6] == ["1", "1", "1", "1"]  # paths, asked, agreed, introduced
    assert main(["track", str(workspace), "funnel", "--by", "company", "--date", "2024-05-04"]) == 0
    assert "Globex" in capsys.readouterr().out
    with pytest.raises(SystemExit):
        main(["track", str(workspace), "funnel", "--by", "month"])
