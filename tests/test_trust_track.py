"""The tracker loses nothing (issue 12, items 24-29).

- 24: a status logged with an earlier day than the import is not hidden by the import's ``planned``;
- 25: a sparser list (or ``coach --workspace``) never erases a known introducer or alternates;
- 26: a person whose key changes (name-only, then a URL) stays one target with one history;
- 27: concurrent ``track add`` stores each target and event once and reports counts exactly;
- 28: read-only or full databases, corrupted rows, an empty file and a non-UTF-8 terminal give
  one clean line (or a warning) and never a traceback, a re-created database or a double record;
- 29: a ranked CSV re-saved by a spreadsheet is read like a LinkedIn export.

Every command-line call runs under a timeout: in-process calls through :func:`_cli`
(``SIGALRM``), the others as subprocesses with ``timeout=``.
"""

from __future__ import annotations

import contextlib
import json
import multiprocessing
import os
import signal
import sqlite3
import subprocess
import sys
import time
import warnings
from pathlib import Path

import pandas as pd
import pytest
from conftest import ROOT

from refkit import RefkitError
from refkit._errors import RefkitWarning
from refkit.cli import main
from refkit.track import DB_NAME, Tracker

U = "https://www.linkedin.com/in/"
PRIYA, TOMAS, ANN = (U + "priya", "Priya Raman"), (U + "tomas", "Tomás Ortega"), (U + "ann", "Ann Lee")


@contextlib.contextmanager
def _deadline(seconds: float):
    def expired(*_):
        raise TimeoutError(f"command still running after {seconds} s")

    old = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


def _cli(capsys, *argv, timeout: float = 60):
    """Run ``refkit ARGV`` in-process under a timeout; return (status, stdout, stderr)."""
    with _deadline(timeout):
        status = main([str(a) for a in argv])
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def _run(*argv, env=None, timeout: float = 120):
    """Run ``python -m refkit ARGV`` as a subprocess (stdout redirected, like a pipe or file)."""
    return subprocess.run(
        [sys.executable, "-m", "refkit", *map(str, argv)],
        capture_output=True, timeout=timeout, check=False, cwd=ROOT,
        env={**os.environ, **(env or {})},
    )  # fmt: skip


def _row(slug, name, company, count, introducer=None, alternates=(), *, url=True):
    return {
        "key": (U + slug) if url else f"name:{name.lower()}",
        "name": name,
        "profile_url": (U + slug) if url else None,
        "company": company,
        "mutual_count": count,
        "introducer": introducer[1] if introducer else None,
        "introducer_key": introducer[0] if introducer else None,
        "alternates": "; ".join(n for _, n in alternates) or None,
        "alternate_keys": tuple(k for k, _ in alternates),
    }


def _frame(*rows):
    return pd.DataFrame(list(rows))


def _events(workspace):
    conn = sqlite3.connect(Path(workspace) / DB_NAME)
    try:
        return conn.execute("SELECT key, status, at FROM events ORDER BY id").fetchall()
    finally:
        conn.close()


def _target_rows(workspace):
    conn = sqlite3.connect(Path(workspace) / DB_NAME)
    conn.row_factory = sqlite3.Row
    try:
        return [dict(r) for r in conn.execute("SELECT * FROM targets ORDER BY key")]
    finally:
        conn.close()


LEE = _row("lee", "Lee Chen", "Globex", 14, PRIYA, [TOMAS, ANN])
MIA = _row("mia", "Mia Wong", "Initech", 12, TOMAS, [ANN])


# --------------------------------------------------------------------------- 24: event order


def test_status_logged_for_a_day_before_the_import_is_current(tmp_path):
    with Tracker(tmp_path / "ws") as tracker:
        tracker.add(_frame(LEE, MIA), today="2024-05-10")
        tracker.set_status("Lee Chen", "accepted", when="2024-05-03")  # "import today, log last week"
        tracker.set_status("Mia Wong", "asked_introducer", when="2024-05-02")
        tracker.set_status("Mia Wong", "declined", when="2024-05-02")  # same day: recorded order
        table = tracker.table(today="2024-05-11").set_index("name")
        assert table.loc["Lee Chen", "status"] == "accepted"
        assert table.loc["Lee Chen", "since"] == pd.Timestamp("2024-05-03")
        assert table.loc["Mia Wong", "status"] == "declined"
        steps = tracker.next_steps(today="2024-05-11").set_index("name")
        assert steps.loc["Lee Chen", "action"] == "suggest a call or coffee"
        assert steps.loc["Mia Wong", "action"] == "Tomás Ortega declined: ask Ann Lee instead"
        # every event is kept, in the order things happened
        history = tracker.history("Lee Chen")
        assert history["status"].tolist() == ["accepted", "planned"]
        assert history["at"].dt.strftime("%Y-%m-%d").tolist() == ["2024-05-03", "2024-05-10"]
        # an explicit `planned` later on is a real change of plan and does count
        tracker.set_status("Lee Chen", "planned", when="2024-05-12")
        assert tracker.table(today="2024-05-12").set_index("name").loc["Lee Chen", "status"] == "planned"


def test_cli_import_today_log_last_week(tmp_path, capsys):
    ranked = tmp_path / "ranked.csv"
    ranked.write_text(f"key,name,profile_url,mutual_count,introducer,introducer_key\n"
                      f"{U}lee,Lee Chen,{U}lee,14,Priya Raman,{U}priya\n", encoding="utf-8")  # fmt: skip
    ws = tmp_path / "ws"
    assert _cli(capsys, "track", ws, "add", ranked, "--date", "2024-05-10")[0] == 0
    assert _cli(capsys, "track", ws, "set", "Lee Chen", "--status", "accepted", "--date", "2024-05-03")[0] == 0
    status, out, _ = _cli(capsys, "track", ws, "next", "--date", "2024-05-11")
    assert status == 0
    assert "suggest a call or coffee" in out
    assert "for an introduction" not in out


@pytest.mark.parametrize("day", ["2204-05-03", "1999-12-31"])
def test_a_status_day_that_cannot_have_happened_is_refused(tmp_path, capsys, day):
    # events are ordered by day: a typo in the future would hide every later status for good
    ws = tmp_path / "ws"
    with Tracker(ws) as tracker:
        tracker.add(_frame(LEE), today="2024-05-01")
        with pytest.raises(RefkitError, match="expected the day it happened"):
            tracker.set_status("Lee Chen", "accepted", when=day)
        with pytest.raises(RefkitError, match="expected the day it happened"):
            tracker.add(_frame(MIA), today=day)
    status, out, err = _cli(capsys, "track", ws, "set", "Lee Chen", "--status", "accepted", "--date", day)
    assert (status, out) == (2, "") and err.startswith("refkit: error: date: ")
    assert len(_events(ws)) == 1


def test_a_pending_invitation_dated_in_the_future_does_not_hide_later_statuses(tmp_path):
    # a spreadsheet turned pending_since into 2204-01-01 (or a serial number): the day is unknown
    row = {**LEE, "pending_invitation": "TRUE", "pending_since": "2204-01-01"}
    with Tracker(tmp_path / "ws") as tracker:
        tracker.add(_frame(row), today="2024-05-01")
        tracker.set_status("Lee Chen", "accepted", when="2024-05-03")
        assert tracker.table(today="2024-05-04").loc[0, "status"] == "accepted"
        assert tracker.history("Lee Chen")["status"].tolist() == ["planned", "invited", "accepted"]


# --------------------------------------------------------------------------- 25: sparse re-add


def _candidates(workspace, key):
    row = next(r for r in _target_rows(workspace) if r["key"] == key)
    return [row["introducer"], *(name for _, name in json.loads(row["alternates"]))]


def test_sparser_list_keeps_introducer_and_alternates(tmp_path):
    ws = tmp_path / "ws"
    with Tracker(ws) as tracker:
        tracker.add(_frame(LEE), today="2024-05-01")
        sparse = pd.DataFrame({"name": ["Lee Chen"], "profile_url": [U + "lee"], "company": ["Globex"]})
        assert tracker.add(sparse, today="2024-05-02") == {"added": 0, "updated": 1}
        blank = pd.DataFrame({"key": [U + "lee"], "introducer": [""], "alternates": [None], "alternate_keys": [()]})
        assert tracker.add(blank, today="2024-05-03") == {"added": 0, "updated": 1}
    assert _candidates(ws, U + "lee") == ["Priya Raman", "Tomás Ortega", "Ann Lee"]
    row = _target_rows(ws)[0]
    assert (row["name"], row["company"], row["mutual_count"]) == ("Lee Chen", "Globex", 14)  # a key-only row keeps the name
    with Tracker(ws) as tracker:
        assert tracker.set_status("Lee Chen", "asked_introducer", when="2024-05-04")["introducer"] == "Priya Raman"
        tracker.set_status("Lee Chen", "declined", when="2024-05-05")
        steps = tracker.next_steps(today="2024-05-06").set_index("name")
        assert steps.loc["Lee Chen", "ask"] == "Tomás Ortega"


def test_coach_style_readd_puts_the_coach_first_and_keeps_the_others(tmp_path):
    ws = tmp_path / "ws"
    with Tracker(ws) as tracker:
        tracker.add(_frame(LEE), today="2024-05-01")
        coach = pd.DataFrame({"name": ["Lee Chen"], "profile_url": [U + "lee"], "company": ["Globex"],
                              "position": ["Engineer"], "introducer": ["Arjun Menon"],
                              "introducer_key": [U + "arjun"]})  # fmt: skip
        tracker.add(coach, today="2024-05-02")
    assert _candidates(ws, U + "lee") == ["Arjun Menon", "Priya Raman", "Tomás Ortega", "Ann Lee"]


def test_cli_readd_of_a_sparser_csv_keeps_the_introducer(tmp_path, capsys):
    ws = tmp_path / "ws"
    full, sparse = tmp_path / "full.csv", tmp_path / "sparse.csv"
    full.write_text("key,name,profile_url,mutual_count,introducer,introducer_key,alternates,alternate_keys\n"
                    f"{U}lee,Lee Chen,{U}lee,14,Priya Raman,{U}priya,Tomás Ortega,{U}tomas\n", encoding="utf-8")  # fmt: skip
    sparse.write_text(f"name,profile_url\nLee Chen,{U}lee\n", encoding="utf-8")
    assert _cli(capsys, "track", ws, "add", full, "--date", "2024-05-01")[0] == 0
    assert _cli(capsys, "track", ws, "add", sparse, "--date", "2024-05-02")[1].startswith("0 targets added, 1 updated")
    assert _candidates(ws, U + "lee") == ["Priya Raman", "Tomás Ortega"]


# --------------------------------------------------------------------------- 26: key changes


def test_name_only_target_then_url_is_one_target(tmp_path):
    ws = tmp_path / "ws"
    old = _row("lee", "Lee Chen", "Globex", 9, PRIYA, url=False)
    with Tracker(ws) as tracker:
        tracker.add(_frame(old), today="2024-05-01")
        tracker.set_status("Lee Chen", "asked_introducer", when="2024-05-02")
        assert tracker.add(_frame(LEE), today="2024-05-10") == {"added": 0, "updated": 1}
        table = tracker.table(today="2024-05-10")
        assert len(table) == 1
        assert table.loc[0, "status"] == "asked_introducer"
        assert table.loc[0, "profile_url"] == U + "lee"
        assert table.loc[0, "mutual_count"] == 14
        # the URL finds the person and the whole history
        assert tracker.history(U + "lee")["status"].tolist() == ["planned", "asked_introducer"]
        # and an older, name-only list again matches the same person
        assert tracker.add(_frame(old), today="2024-05-11") == {"added": 0, "updated": 1}
        assert len(tracker.table(today="2024-05-11")) == 1
    assert len(_events(ws)) == 2


def test_same_name_different_urls_stay_apart(tmp_path):
    other = _row("lee2", "Lee Chen", "Initech", 8, TOMAS)
    with Tracker(tmp_path / "ws") as tracker:
        tracker.add(_frame(LEE), today="2024-05-01")
        tracker.set_status(U + "lee", "accepted", when="2024-05-02")
        assert tracker.add(_frame(other), today="2024-05-03") == {"added": 1, "updated": 0}
        table = tracker.table(today="2024-05-03").set_index("key")
        assert table.loc[U + "lee", "status"] == "accepted"
        assert table.loc[U + "lee2", "status"] == "planned"
        # a name-only row now matches two people: the company tells them apart ...
        assert tracker.add(_frame(_row("x", "Lee Chen", "Initech", 9, url=False)), today="2024-05-04") == {
            "added": 0, "updated": 1}  # fmt: skip
        assert tracker.table(today="2024-05-04").set_index("key").loc[U + "lee2", "mutual_count"] == 9
        # ... else it is kept apart, with a warning
        with pytest.warns(RefkitWarning, match="matches 2 tracked people"):
            counts = tracker.add(_frame(_row("x", "Lee Chen", "Hooli", 5, url=False)), today="2024-05-05")
        assert counts == {"added": 1, "updated": 0}
        table = tracker.table(today="2024-05-05").set_index("key")
        assert table.loc[U + "lee", "status"] == "accepted"
        assert len(table) == 3


def test_name_only_history_is_not_given_to_one_of_two_namesakes(tmp_path):
    old = _row("lee", "Lee Chen", None, 9, PRIYA, url=False)
    newer = [_row("lee", "Lee Chen", "Globex", 14), _row("lee2", "Lee Chen", "Initech", 12)]
    with Tracker(tmp_path / "ws") as tracker:
        tracker.add(_frame(old), today="2024-05-01")
        tracker.set_status("Lee Chen", "accepted", when="2024-05-02")
        with pytest.warns(RefkitWarning, match="several people of this name"):
            assert tracker.add(_frame(*newer), today="2024-05-03") == {"added": 2, "updated": 0}
        table = tracker.table(today="2024-05-03").set_index("key")
        assert table.loc["name:lee chen", "status"] == "accepted"
        assert table.loc[[U + "lee", U + "lee2"], "status"].tolist() == ["planned", "planned"]


def test_adding_thousands_of_people_stays_fast(tmp_path):
    n = 3000
    frame = pd.DataFrame({"name": [f"Person {i}" for i in range(n)], "mutual_count": 5,
                          "profile_url": [f"{U}p{i}" for i in range(n)]})  # fmt: skip
    with Tracker(tmp_path / "ws") as tracker:
        started = time.perf_counter()
        assert tracker.add(frame, today="2024-05-01") == {"added": n, "updated": 0}
        assert tracker.add(frame, today="2024-05-02") == {"added": 0, "updated": n}
        assert time.perf_counter() - started < 3  # about 0.5 s; it was quadratic: 8-10 s for the first add alone
    assert len(_events(tmp_path / "ws")) == n


# --------------------------------------------------------------------------- 27: concurrency

N_PROCESSES = 20


def _concurrent_add(args):
    workspace, ranked, start = args
    import io
    from contextlib import redirect_stderr, redirect_stdout

    out, err = io.StringIO(), io.StringIO()
    while time.time() < start:  # every process starts at the same moment
        time.sleep(0.001)
    with redirect_stdout(out), redirect_stderr(err):
        status = main(["track", workspace, "add", ranked, "--date", "2024-05-01"])
    return status, out.getvalue(), err.getvalue()


@pytest.mark.parametrize("existing", [False, True], ids=["new-workspace", "existing-workspace"])
def test_concurrent_adds_store_everything_once(tmp_path, existing):
    ranked = tmp_path / "ranked.csv"
    people = [f"Person {i:02d}" for i in range(5)]
    ranked.write_text("name,profile_url,mutual_count\n" + "".join(
        f"{p},{U}p{i},{10 + i}\n" for i, p in enumerate(people)), encoding="utf-8")  # fmt: skip
    ws = tmp_path / "ws"
    if existing:
        with Tracker(ws) as tracker:
            tracker.add(pd.DataFrame({"name": ["Old Friend"], "mutual_count": [3]}), today="2024-04-01")
    context = multiprocessing.get_context("fork")
    start = time.time() + 1.5
    with context.Pool(N_PROCESSES) as pool:
        job = pool.map_async(_concurrent_add, [(str(ws), str(ranked), start)] * N_PROCESSES)
        results = job.get(timeout=120)
    assert [status for status, _, _ in results] == [0] * N_PROCESSES, [err for _, _, err in results]
    outs = sorted(out.split(" in ")[0] for _, out, _ in results)
    assert outs == ["0 targets added, 5 updated"] * (N_PROCESSES - 1) + ["5 targets added, 0 updated"]
    events = _events(ws)
    assert len(events) == 5 + existing
    assert sorted(k for k, _, _ in events if k.startswith(U)) == sorted(f"{U}p{i}" for i in range(5))
    assert len(_target_rows(ws)) == 5 + existing


def _concurrent_set(args):
    workspace, number, start = args
    while time.time() < start:
        time.sleep(0.001)
    import io
    from contextlib import redirect_stdout

    with redirect_stdout(io.StringIO()):
        return main(["track", workspace, "set", "Lee Chen", "--status", "asked_introducer",
                     "--note", f"ask {number}", "--date", "2024-05-02"])  # fmt: skip


def test_concurrent_sets_record_each_event_once(tmp_path):
    ws = tmp_path / "ws"
    with Tracker(ws) as tracker:
        tracker.add(_frame(LEE), today="2024-05-01")
    context = multiprocessing.get_context("fork")
    start = time.time() + 1.5
    with context.Pool(N_PROCESSES) as pool:
        statuses = pool.map_async(_concurrent_set, [(str(ws), i, start) for i in range(N_PROCESSES)]).get(timeout=120)
    assert statuses == [0] * N_PROCESSES
    assert len(_events(ws)) == 1 + N_PROCESSES


def test_weekly_plan_takes_one_pending_url_as_a_string(tmp_path):
    with Tracker(tmp_path / "ws") as tracker:
        tracker.add(_frame(LEE, MIA), today="2024-05-01")
        plan = tracker.weekly_plan(today="2024-05-02", pending=U + "lee").set_index("name")
        assert plan.loc["Lee Chen", "action"] == "invitation pending"


# --------------------------------------------------------------------------- 28: hostile states


@pytest.mark.parametrize("command", [["list"], ["next"], ["export", "-o", "out.csv"],
                                     ["set", "Lee", "--status", "accepted"], ["add", "ranked.csv"]])  # fmt: skip
def test_zero_byte_database_is_reported_never_recreated(tmp_path, capsys, command):
    (tmp_path / "ranked.csv").write_text("name\nLee Chen\n", encoding="utf-8")
    ws = tmp_path / "ws"
    ws.mkdir()
    (ws / DB_NAME).write_bytes(b"")
    argv = [(tmp_path / a) if a in ("out.csv", "ranked.csv") else a for a in command]
    status, out, err = _cli(capsys, "track", ws, *argv)
    assert status == 2
    assert out == ""
    lines = err.splitlines()
    assert len(lines) == 1 and lines[0].startswith("refkit: error: ")
    assert "empty (0 bytes)" in lines[0] and "history" in lines[0] and "backup" in lines[0]
    assert (ws / DB_NAME).read_bytes() == b""
    assert sorted(p.name for p in ws.iterdir()) == [DB_NAME]
    assert not (tmp_path / "out.csv").exists()


def test_zero_byte_database_refused_by_the_api_too(tmp_path):
    (tmp_path / DB_NAME).write_bytes(b"")
    with pytest.raises(RefkitError, match=r"empty \(0 bytes\)"):
        Tracker(tmp_path)
    assert (tmp_path / DB_NAME).read_bytes() == b""


@pytest.mark.parametrize("command", [["list"], ["next"]])
def test_read_commands_never_create_a_database(tmp_path, capsys, command):
    ws = tmp_path / "ws"
    ws.mkdir()
    status, _, err = _cli(capsys, "track", ws, *command)
    assert status == 2 and "no tracker database here" in err
    assert list(ws.iterdir()) == []


def test_read_only_database_is_a_clean_error(tmp_path):
    ws = tmp_path / "ws"
    with Tracker(ws) as tracker:
        tracker.add(_frame(LEE), today="2024-05-01")
        before = _events(ws)
        tracker.conn.execute("PRAGMA query_only = ON")  # what a read-only file or folder gives
        with pytest.raises(RefkitError, match="read-only") as info:
            tracker.set_status("Lee Chen", "accepted", when="2024-05-02")
        assert "nothing was recorded" in str(info.value)
        with pytest.raises(RefkitError, match="read-only"):
            tracker.add(_frame(MIA), today="2024-05-02")
        assert len(tracker.table(today="2024-05-02")) == 1  # reading still works
    assert _events(ws) == before


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="POSIX file permissions (root ignores them)")
def test_cli_on_a_read_only_workspace(tmp_path):
    ws = tmp_path / "ws"
    with Tracker(ws) as tracker:
        tracker.add(_frame(LEE), today="2024-05-01")
    os.chmod(ws / DB_NAME, 0o444)
    os.chmod(ws, 0o555)
    try:
        listed = _run("track", ws, "list", "--date", "2024-05-02")
        assert (listed.returncode, listed.stderr) == (0, b"")
        assert b"Lee Chen" in listed.stdout
        done = _run("track", ws, "set", "Lee Chen", "--status", "accepted")
        assert done.returncode == 2, done.stderr
        lines = done.stderr.decode().splitlines()
        assert len(lines) == 1 and "read-only" in lines[0] and "nothing was recorded" in lines[0]
        assert "not a refkit tracker database" not in lines[0]
    finally:
        os.chmod(ws, 0o755)
        os.chmod(ws / DB_NAME, 0o644)
    assert len(_events(ws)) == 1


def test_full_disk_is_a_clean_error_and_changes_nothing(tmp_path):
    ws = tmp_path / "ws"
    many = pd.DataFrame({"name": [f"Person {i:04d} " + "x" * 200 for i in range(400)], "mutual_count": 5})
    with Tracker(ws) as tracker:
        tracker.add(_frame(LEE), today="2024-05-01")
        pages = tracker.conn.execute("PRAGMA page_count").fetchone()[0]
        tracker.conn.execute(f"PRAGMA max_page_count = {pages + 1}")  # the disk fills up
        with pytest.raises(RefkitError, match="full") as info:
            tracker.add(many, today="2024-05-02")
        assert "nothing was recorded" in str(info.value)
        assert len(tracker.table(today="2024-05-02")) == 1
    assert len(_events(ws)) == 1


def test_busy_database_is_not_called_foreign(tmp_path, monkeypatch):
    import refkit.track.storage

    ws = tmp_path / "ws"
    with Tracker(ws) as tracker:
        tracker.add(_frame(LEE), today="2024-05-01")
    monkeypatch.setattr(refkit.track.storage, "BUSY_TIMEOUT", 0.2)  # the storage module opens the database
    holder = sqlite3.connect(ws / DB_NAME, isolation_level=None)
    try:
        holder.execute("PRAGMA locking_mode = EXCLUSIVE")
        holder.execute("BEGIN EXCLUSIVE")
        with pytest.raises(RefkitError) as info:
            with Tracker(ws, create=False) as tracker:
                tracker.set_status("Lee Chen", "accepted")
        message = str(info.value)
        assert "not a refkit tracker database" not in message
        assert "in use" in message and "nothing was" in message
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert len(_events(ws)) == 1


def test_corrupted_rows_are_warnings_and_the_rest_is_shown(tmp_path, capsys):
    ws = tmp_path / "ws"
    with Tracker(ws) as tracker:
        tracker.add(_frame(LEE, MIA, _row("bo", "Bo Li", "Acme", 11)), today="2024-05-01")
        tracker.set_status("Mia Wong", "asked_introducer", when="2024-05-02")
    conn = sqlite3.connect(ws / DB_NAME, isolation_level=None)
    conn.execute("UPDATE targets SET alternates = '[[\"broken' WHERE key = ?", (U + "lee",))
    conn.execute("UPDATE targets SET mutual_count = 'lots', first_seen = 'someday' WHERE key = ?", (U + "bo",))
    conn.execute("INSERT INTO events(key, status, at, recorded_at) VALUES (?, 'accepted', 'last week', 'x')", (U + "mia",))
    conn.execute("INSERT INTO events(key, status, at, recorded_at) VALUES (?, 'ghosted', '2024-05-03', 'x')", (U + "mia",))
    conn.execute("UPDATE targets SET company = CAST(X'476c6f6265ff' AS TEXT) WHERE key = ?", (U + "mia",))
    conn.close()
    for command in (["list", "--date", "2024-05-04"], ["next", "--date", "2024-05-04"],
                    ["export", "-o", tmp_path / "out.csv"]):  # fmt: skip
        status, out, err = _cli(capsys, "-v", "track", ws, *command)  # -v: every warning, one by one
        assert status == 0, err
        assert "Traceback" not in err
        if command[0] == "list":
            assert "Lee Chen" in out and "Mia Wong" in out and "Bo Li" in out
            assert "asked introducer" in out  # the bad events are ignored, not the good ones
            for hint in ("alternates", "mutual_count", "'last week'", "'ghosted'"):
                assert hint in err, (hint, err)
            assert "nothing was changed" in err
    with Tracker(ws, create=False) as tracker, warnings.catch_warnings(record=True):
        warnings.simplefilter("always")
        table = tracker.table(today="2024-05-04").set_index("name")
        assert table.loc["Mia Wong", "status"] == "asked_introducer"
        assert pd.isna(table.loc["Bo Li", "mutual_count"])
        assert table.loc["Lee Chen", "next_introducer"] == "Priya Raman"
    assert len(_events(ws)) == 6  # nothing was removed


def test_values_of_the_wrong_type_are_read_not_a_traceback(tmp_path, capsys):
    """Item 28: a sync tool or a hand edit may leave BLOBs or numbers where text belongs
    (not text with bad UTF-8, which the text factory reads): every command still works."""
    ws = tmp_path / "ws"
    with Tracker(ws) as tracker:
        tracker.add(_frame(LEE, MIA), today="2024-05-01")
    conn = sqlite3.connect(ws / DB_NAME, isolation_level=None)
    conn.execute("UPDATE targets SET company = X'476c6f6265ff', position = 12 WHERE key = ?", (U + "mia",))
    conn.execute("UPDATE targets SET name = 3.5 WHERE key = ?", (U + "lee",))
    conn.execute("INSERT INTO events(key, status, at, recorded_at, note, introducer) "
                 "VALUES (?, 'asked_introducer', '2024-05-02', 'x', X'ff00fe', 7)", (U + "mia",))
    conn.close()
    for command in (["list", "--date", "2024-05-04"], ["next", "--date", "2024-05-04"],
                    ["export", "-o", tmp_path / "out.csv"]):  # fmt: skip
        status, out, err = _cli(capsys, "track", ws, *command)
        assert status == 0 and "Traceback" not in err, err
        if command[0] == "list":
            assert "Mia Wong" in out and "asked introducer" in out, out
    assert "Mia Wong" in (tmp_path / "out.csv").read_text(encoding="utf-8")
    assert len(_events(ws)) == 3  # nothing was removed


@pytest.mark.parametrize("encoding", ["ascii", "cp1252"])
def test_non_utf8_stdout_prints_safely_and_records_once(tmp_path, encoding):
    ws = tmp_path / "ws"
    with Tracker(ws) as tracker:
        tracker.add(_frame(_row("lee", "Lee 😀 Chen", "Globex", 14, TOMAS)), today="2024-05-01")
    env = {"PYTHONIOENCODING": encoding}
    done = _run("track", ws, "set", "Lee 😀 Chen", "--status", "asked_introducer", "--date", "2024-05-02", env=env)
    assert done.returncode == 0, done.stderr
    assert done.stdout.decode(encoding).startswith("Lee ")
    assert b"Traceback" not in done.stderr
    assert [s for _, s, _ in _events(ws)] == ["planned", "asked_introducer"]
    for command in (["list", "--date", "2024-05-03"], ["next", "--date", "2024-05-30"]):
        done = _run("track", ws, *command, env=env)
        assert done.returncode == 0, done.stderr
        assert b"Chen" in done.stdout


# --------------------------------------------------------------------------- 29: spreadsheets

RANKED_HEADER = "rank,name,profile_url,company,mutual_count,introducer,alternates,key,introducer_key,alternate_keys"
RANKED_ROWS = [
    f"1,Lee Chen,{U}lee,Globex,14,Priya Raman,Tomás Ortega; Ann Lee,{U}lee,{U}priya,{U}tomas; {U}ann",
    f"2,José Álvarez,{U}jose,Initech,12,Tomás Ortega,,{U}jose,{U}tomas,",
    f"3,'=Mia Wong,{U}mia,Acme,11,,,{U}mia,,",
]


def _resave(path: Path, delimiter: str, encoding: str) -> Path:
    import csv
    import io

    rows = list(csv.reader(io.StringIO("\n".join([RANKED_HEADER, *RANKED_ROWS]) + "\n")))
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    path.write_bytes(buffer.getvalue().encode(encoding))
    return path


@pytest.mark.parametrize(
    ("delimiter", "encoding"),
    [(",", "utf-8"), (";", "utf-8-sig"), (";", "cp1252"), ("\t", "utf-16"), (",", "utf-16")],
    ids=["utf8", "semicolon-bom", "cp1252", "utf16-tab", "utf16-comma"],
)
def test_spreadsheet_resaves_read_like_the_original(tmp_path, delimiter, encoding):
    from refkit.read import read_ranked

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RefkitWarning)  # cp1252 is noted, not an error
        frame = read_ranked(_resave(tmp_path / "ranked.csv", delimiter, encoding))
    assert frame["name"].tolist() == ["Lee Chen", "José Álvarez", "=Mia Wong"]
    assert frame["alternate_keys"].tolist() == [(f"{U}tomas", f"{U}ann"), (), ()]
    assert frame["mutual_count"].tolist() == [14, 12, 11]
    assert frame["introducer"].tolist()[:2] == ["Priya Raman", "Tomás Ortega"]
    assert pd.isna(frame.loc[2, "introducer"])


def test_cli_adds_a_utf16_resave(tmp_path, capsys):
    ranked = _resave(tmp_path / "ranked.csv", "\t", "utf-16")
    status, out, err = _cli(capsys, "-v", "track", tmp_path / "ws", "add", ranked, "--date", "2024-05-01")
    assert (status, err) == (0, "")
    assert out.startswith("3 targets added, 0 updated")
    assert _candidates(tmp_path / "ws", f"{U}lee") == ["Priya Raman", "Tomás Ortega", "Ann Lee"]


def test_bad_mutual_counts_are_row_warnings(tmp_path, capsys):
    ranked = tmp_path / "ranked.csv"
    values = ["12.5", "1e30", "inf", "-3", "40000", "lots", "12.0", "", "nan", "7"]
    ranked.write_text("name,mutual_count\n" + "".join(f"Person {i},{v}\n" for i, v in enumerate(values)),
                      encoding="utf-8")  # fmt: skip
    status, out, err = _cli(capsys, "-v", "track", tmp_path / "ws", "add", ranked, "--date", "2024-05-01")
    assert status == 0, err
    assert out.startswith(f"{len(values)} targets added, 0 updated")
    assert "Traceback" not in err
    for line, value in [(2, "12.5"), (3, "1e30"), (4, "inf"), (5, "-3"), (6, "40000"), (7, "lots"), (10, "nan")]:
        assert f"ranked.csv, line {line}: mutual_count {value!r}" in err, (line, err)
    counts = {r["name"]: r["mutual_count"] for r in _target_rows(tmp_path / "ws")}
    assert counts["Person 6"] == 12 and counts["Person 9"] == 7
    assert [counts[f"Person {i}"] for i in (0, 1, 2, 3, 4, 5, 7, 8)] == [None] * 8


def test_api_add_with_unusable_counts_warns(tmp_path):
    frame = pd.DataFrame({"name": ["A B", "C D", "E F"], "mutual_count": [float("inf"), 1e30, 12.5]})
    with Tracker(tmp_path / "ws") as tracker, pytest.warns(RefkitWarning, match="mutual_count"):
        assert tracker.add(frame, today="2024-05-01") == {"added": 3, "updated": 0}
        assert tracker.table(today="2024-05-01")["mutual_count"].isna().all()


def test_read_ranked_is_still_importable_from_the_cli_module():
    from refkit.cli.track import read_ranked as old
    from refkit.read import read_ranked

    assert old is read_ranked


def test_the_same_status_set_twice_the_same_day_is_recorded_once(tmp_path):
    """Found by trying it: a second ``set --status declined`` blamed an introducer never asked."""
    tracker = Tracker(tmp_path / "ws")
    tracker.add(pd.DataFrame({
        "key": ["https://www.linkedin.com/in/lee"], "name": ["Lee Chen"], "mutual_count": [12],
        "introducer": ["Priya Raman"], "introducer_key": ["https://www.linkedin.com/in/priya"],
        "alternates": ["Tomás Ortega"], "alternate_keys": [("https://www.linkedin.com/in/tomas",)],
    }), today="2026-11-20")
    first = tracker.set_status("Lee Chen", "declined", when="2026-11-24")
    again = tracker.set_status("Lee Chen", "declined", when="2026-11-24")
    assert first["introducer"] == again["introducer"] == "Priya Raman"
    history = tracker.history("Lee Chen")
    assert history["status"].tolist() == ["planned", "declined"]
    assert "Tomás Ortega" not in history["introducer"].dropna().tolist()


def test_a_mistyped_date_leaves_no_new_workspace_behind(tmp_path):
    ranked = tmp_path / "ranked.csv"
    ranked.write_text("key,name,mutual_count\nhttps://www.linkedin.com/in/lee,Lee Chen,12\n")
    done = subprocess.run([sys.executable, "-m", "refkit", "track", str(tmp_path / "new"), "add",
                           str(ranked), "--date", "2026-13-01"],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 2 and done.stderr.startswith("refkit: error:")
    assert "2026-13-01" in done.stderr and not (tmp_path / "new").exists()


def test_two_rows_of_one_name_without_keys_are_never_merged_silently(tmp_path):
    """Found by trying it: a list with only names tracked 3 of 4 rows without a word."""
    tracker = Tracker(tmp_path / "ws")
    ranked = pd.DataFrame({"name": ["Sam Park", "Sam Park", "Lee Chen", "Ann Lee"],
                           "company": ["Netflix", "Apple", "Stripe", "Meta"],
                           "mutual_count": [12, 11, 10, 9]})
    with pytest.warns(RefkitWarning, match=r"Sam Park.*line"):
        counts = tracker.add(ranked, today="2026-11-20")
    assert counts["added"] == 3


def test_two_namesakes_rank_kept_apart_are_both_tracked(tmp_path):
    """Two URL-less Alex Kims that the build told apart (namesake keys, by the day you
    connected) are two people in the tracker too: the second was 'the person of line 2 too'
    and not tracked. A row under the old plain name key still finds its tracked person."""
    ranked = pd.DataFrame({"key": ["name:alex kim#2021-01-01", "name:alex kim#2016-01-01"],
                           "name": ["Alex Kim", "Alex Kim"], "company": ["Stripe", None],
                           "mutual_count": [12, 11]})
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        with Tracker(tmp_path / "ws") as tracker:
            assert tracker.add(ranked, today="2024-05-01") == {"added": 2, "updated": 0}
            assert sorted(tracker.table(today="2024-05-01")["key"]) == sorted(ranked["key"])
    assert not [w for w in caught if issubclass(w.category, RefkitWarning)]
    with Tracker(tmp_path / "old") as tracker:  # a tracker from before namesake keys
        tracker.add(pd.DataFrame({"key": ["name:lee chen"], "name": ["Lee Chen"]}), today="2024-05-01")
        newer = pd.DataFrame({"key": ["name:lee chen#2020-02-02"], "name": ["Lee Chen"]})
        assert tracker.add(newer, today="2024-06-01") == {"added": 0, "updated": 1}


def test_a_tracked_url_less_namesake_later_seen_with_a_url_is_the_same_target(tmp_path):
    """A newer export with URLs gives the person a URL key: still the person tracked under a
    namesake key (name and company tell), not a second target."""
    with Tracker(tmp_path / "ws") as tracker:
        tracker.add(pd.DataFrame({"key": ["name:alex kim#2021-01-01"], "name": ["Alex Kim"],
                                  "company": ["Stripe"]}), today="2024-05-01")
        later = pd.DataFrame({"key": ["https://www.linkedin.com/in/alex-kim"], "name": ["Alex Kim"],
                              "profile_url": ["https://www.linkedin.com/in/alex-kim"], "company": ["Stripe"]})
        assert tracker.add(later, today="2024-06-01") == {"added": 0, "updated": 1}
