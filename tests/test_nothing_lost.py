"""Nothing the user did is lost, nothing they have is overwritten.

- The tracker survives ``kill -9`` in the middle of a batch of status updates:
  every update that was committed is there, none is half-applied, the SQLite
  file passes ``integrity_check``. (Refusing a file that is not a refkit tracker
  is covered in ``tests/test_track.py``.)
- ``refkit rank``, ``refkit track export`` and ``refkit coach`` refuse to
  replace an existing file unless ``--force``, and leave it byte for byte as it was.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pandas as pd
import pytest
from conftest import EXPORT, SAMPLES

from refkit.cli import main
from refkit.track import DB_NAME, Tracker

TARGETS = 400

_CHILD = textwrap.dedent(
    """
    import sys
    from refkit.track import Tracker

    tracker = Tracker(sys.argv[1], create=False)
    for i in range(int(sys.argv[2])):
        tracker.set_status(f"name:target {i:04d}", "asked_introducer", note=f"update {i}",
                           when="2024-05-02")
        print(i, flush=True)  # after the commit: the parent counts this one as saved
    """
)


def _ranked(n: int) -> pd.DataFrame:
    return pd.DataFrame({
        "key": [f"name:target {i:04d}" for i in range(n)],
        "name": [f"Target {i:04d}" for i in range(n)],
        "company": ["Globex"] * n,
        "mutual_count": list(range(n, 0, -1)),
        "introducer": ["Priya Raman"] * n,
        "introducer_key": ["name:priya raman"] * n,
    })  # fmt: skip


def test_kill_during_a_batch_of_updates_loses_nothing_committed(tmp_path):
    workspace = tmp_path / "ws"
    with Tracker(workspace) as tracker:
        assert tracker.add(_ranked(TARGETS), today="2024-05-01") == {"added": TARGETS, "updated": 0}
    child = subprocess.Popen(
        [sys.executable, "-c", _CHILD, str(workspace), str(TARGETS)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    done = []
    assert child.stdout is not None
    for line in child.stdout:
        done.append(int(line))
        if len(done) == 25:
            os.kill(child.pid, signal.SIGKILL)
            break
    child.wait(timeout=60)
    rest = child.stdout.read()
    child.stdout.close()
    child.stderr.close()
    assert child.returncode == -signal.SIGKILL
    done += [int(x) for x in rest.split()]
    assert done == list(range(len(done))) and 25 <= len(done) < TARGETS

    db = workspace / DB_NAME
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        rows = conn.execute(
            "SELECT key, status, note, introducer_key, at FROM events WHERE status = 'asked_introducer' ORDER BY id"
        ).fetchall()
        planned = conn.execute("SELECT count(*) FROM events WHERE status = 'planned'").fetchone()[0]
        targets = conn.execute("SELECT count(*) FROM targets").fetchone()[0]
    finally:
        conn.close()
    assert (planned, targets) == (TARGETS, TARGETS)
    # every printed update is there; at most one more (committed, killed before printing)
    assert len(done) <= len(rows) <= len(done) + 1
    for i, row in enumerate(rows):
        assert row == (f"name:target {i:04d}", "asked_introducer", f"update {i}", "name:priya raman", "2024-05-02")
    # and the tracker opens and reads normally
    with Tracker(workspace, create=False) as tracker:
        table = tracker.table(today="2024-05-03").set_index("key")
    assert (table["status"] == "asked_introducer").sum() == len(rows)
    assert (table["status"] == "planned").sum() == TARGETS - len(rows)


# --------------------------------------------------------------------------- no silent overwrite


def _check_refuses_then_forces(argv: list[str], out: Path, capsys) -> None:
    out.write_bytes(b"precious\n")
    assert main(argv) == 2
    err = capsys.readouterr().err.splitlines()
    assert err[-1] == f"refkit: error: {out}: file already exists; choose another name or allow overwriting (--force)"
    assert out.read_bytes() == b"precious\n"
    assert [p.name for p in out.parent.iterdir() if p.name.startswith(".")] == []  # no temp file left
    assert main([*argv, "--force"]) == 0
    capsys.readouterr()
    assert out.read_bytes() != b"precious\n"
    assert out.read_text(encoding="utf-8").count("\n") > 1


def test_rank_never_overwrites_without_force(tmp_path, capsys):
    out = tmp_path / "ranked.csv"
    _check_refuses_then_forces(["-q", "rank", str(EXPORT), "-o", str(out), "--min-mutual", "3",
                                "--shared-manifest", str(SAMPLES / "shared" / "owners.csv")], out, capsys)  # fmt: skip


def test_track_export_never_overwrites_without_force(tmp_path, capsys):
    with Tracker(tmp_path / "ws") as tracker:
        tracker.add(_ranked(3), today="2024-05-01")
    out = tmp_path / "tracker.csv"
    _check_refuses_then_forces(["track", str(tmp_path / "ws"), "export", "-o", str(out)], out, capsys)


def test_coach_never_overwrites_without_force(tmp_path, capsys):
    out = tmp_path / "intros.csv"
    argv = ["-q", "coach", str(SAMPLES / "shared" / "arjun_menon_Connections.csv"), str(EXPORT),
            "--company", "Stripe", "--coach", "Arjun Menon", "-o", str(out)]  # fmt: skip
    _check_refuses_then_forces(argv, out, capsys)


def test_coach_refusal_records_nothing_in_the_workspace(tmp_path, capsys):
    out = tmp_path / "intros.csv"
    out.write_bytes(b"precious\n")
    argv = ["-q", "coach", str(SAMPLES / "shared" / "arjun_menon_Connections.csv"), str(EXPORT),
            "--company", "Stripe", "--coach", "Arjun Menon", "-o", str(out),
            "--workspace", str(tmp_path / "ws")]  # fmt: skip
    assert main(argv) == 2
    assert not (tmp_path / "ws").exists()  # refused before anything is read or created (issue 12)
    assert out.read_bytes() == b"precious\n"


@pytest.mark.parametrize("command", ["rank", "coach"])
def test_output_into_a_missing_folder_is_one_error_line(tmp_path, capsys, command):
    out = tmp_path / "nope" / "x.csv"
    if command == "rank":
        argv = ["-q", "rank", str(EXPORT), "-o", str(out)]
    else:
        argv = ["-q", "coach", str(SAMPLES / "shared" / "arjun_menon_Connections.csv"), str(EXPORT),
                "--company", "Stripe", "-o", str(out)]  # fmt: skip
    assert main(argv) == 2
    assert capsys.readouterr().err == f"refkit: error: {out}: folder {out.parent} does not exist\n"
    assert not out.parent.exists()
