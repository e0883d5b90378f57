"""``refkit coach`` with workspaces, as a coach uses it: the coach's and the client's folders.

Every command runs as a separate process under a timeout; the workspaces are written as a
user writes them (refkit.toml naming the files), the files come from refkit.testing.
"""

from __future__ import annotations

import csv
import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest

from refkit.coach import coach_introductions
from refkit.read import read_connections
from refkit.testing import write_samples
from refkit.track import Tracker
from refkit.workspace import init_workspace, toml_string

TIMEOUT = 120
TODAY = dt.date.today().isoformat()  # asks happen today: never in the future


def refkit(*args: object, cwd: Path | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "COLUMNS": "80"}
    env.pop("REFKIT_WORKSPACE", None)
    return subprocess.run([sys.executable, "-m", "refkit", *map(str, args)], capture_output=True,
                          text=True, timeout=TIMEOUT, cwd=cwd, env=env)


def rows_of(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def one_line_error(proc: subprocess.CompletedProcess) -> str:
    lines = proc.stderr.strip().splitlines()
    assert proc.returncode == 2, proc.stderr
    assert len(lines) == 1 and lines[0].startswith("refkit: error: "), proc.stderr
    return lines[0]


@pytest.fixture(scope="module")
def samples(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("files")
    return write_samples(folder, seed=11, n_connections=60, n_shared=2, coach_connections=120,
                         n_captures=10)


def _coach_file(samples: dict[str, Path]) -> tuple[Path, str]:
    """The biggest shared export (the coach's) and its owner's name from owners.csv."""
    shared = [p for k, p in samples.items() if k.startswith("shared/") and k.endswith("_Connections.csv")]
    coach = max(shared, key=lambda p: p.stat().st_size)
    owners = {Path(r["file"]).name: r["owner_name"] for r in rows_of(samples["shared/owners.csv"])}
    return coach, owners[coach.name]


def _write_toml(folder: Path, **keys: object) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    lines = []
    for key, value in keys.items():
        if isinstance(value, (list, tuple)):
            lines.append(f"{key} = [{', '.join(toml_string(str(v)) for v in value)}]")
        else:
            lines.append(f"{key} = {toml_string(str(value))}")
    (folder / "refkit.toml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


def _target_company(coach: Path, client: Path) -> str:
    """A company the coach knows people at whom the client does not know."""
    counts = read_connections(coach).frame["company"].value_counts()
    for company in counts.index:
        if len(coach_introductions(coach, client, companies=[company])):
            return str(company)
    raise AssertionError("no company with introductions")


@pytest.fixture
def workspaces(samples, tmp_path) -> dict[str, object]:
    coach_file, coach_name = _coach_file(samples)
    export = samples["my_linkedin_export/Connections.csv"].parent
    company = _target_company(coach_file, export)
    coach_ws = _write_toml(tmp_path / "coach", export=coach_file, me=coach_name)
    client_ws = tmp_path / "clients" / "ana"
    init_workspace(client_ws)  # as `refkit init` makes it, then edited by the coach
    _write_toml(client_ws, export=export, companies=[company], keywords=["engineer"])
    return {"coach": coach_ws, "client": client_ws, "coach_file": coach_file, "export": export,
            "coach_name": coach_name, "company": company}


def test_two_workspaces_no_flags(workspaces):
    w = workspaces
    proc = refkit("coach", w["coach"], w["client"])
    assert proc.returncode == 0, proc.stderr
    out = w["client"] / "out" / "coach_introductions.csv"
    assert out.is_file() and f"to {out}" in proc.stderr
    assert proc.stdout.startswith("Connect with me and you reach ")
    expected = coach_introductions(w["coach_file"], w["export"], companies=[w["company"]],
                                   keywords=["engineer"], coach=w["coach_name"])
    rows = rows_of(out)
    assert len(rows) == len(expected) > 0
    assert [(r["name"], r["profile_url"]) for r in rows] == list(zip(
        expected["name"], expected["profile_url"].fillna(""), strict=True))
    # the notes are signed by the coach named in the coach's refkit.toml
    assert all(r["introduction_note"].endswith("Best,\n" + w["coach_name"]) for r in rows)
    assert not (w["client"] / "refkit.sqlite").exists()  # nothing tracked unless asked
    # the next meeting: the same command refreshes the workspace's own output
    again = refkit("coach", w["coach"], w["client"])
    assert again.returncode == 0, again.stderr
    assert rows_of(out) == rows
    # ... but not once the coach annotated it: their notes are kept, --force replaces them
    edited = out.read_bytes() + b"my note for Ana\r\n"
    out.write_bytes(edited)
    kept = refkit("coach", w["coach"], w["client"])
    assert kept.returncode == 2 and "changed since refkit wrote it" in kept.stderr
    assert out.read_bytes() == edited
    assert refkit("coach", w["coach"], w["client"], "--force").returncode == 0
    assert rows_of(out) == rows


def test_flags_override_the_files_and_o_wins(workspaces, tmp_path):
    w = workspaces
    target = tmp_path / "elsewhere.csv"
    proc = refkit("coach", w["coach"], w["client"], "--keyword", "manager", "--coach", "Sam Ortiz",
                  "-o", target)
    assert proc.returncode == 0, proc.stderr
    assert not (w["client"] / "out" / "coach_introductions.csv").exists()
    rows = rows_of(target)
    assert rows
    # keywords from the flag replace the file's; the file's companies still apply
    labels = {part.strip() for r in rows for part in r["matched"].split(";")}
    assert labels <= {f"company: {w['company']}", "keyword: manager"}
    assert "keyword: manager" in labels
    assert all(r["introduction_note"].endswith("Best,\nSam Ortiz") for r in rows)


def test_track_records_the_coach_as_introducer(workspaces):
    w = workspaces
    proc = refkit("coach", w["coach"], w["client"], "--track")
    assert proc.returncode == 0, proc.stderr
    rows = rows_of(w["client"] / "out" / "coach_introductions.csv")
    assert f"{len(rows)} added" in proc.stderr
    with Tracker(w["client"], create=False, read_only=True) as tracker:
        table = tracker.table(today=TODAY)
        steps = tracker.next_steps(today=TODAY)
        plan = tracker.weekly_plan(today=TODAY)
    assert sorted(table["name"]) == sorted(r["name"] for r in rows)
    assert set(table["next_introducer"]) == {w["coach_name"]}
    # the next steps ask the coach, by name (not blank, not the client), for at most 2 introductions
    # at a time (issue 17: the cap of open asks); the others wait for the coach's answers
    assert len(steps) == len(rows)
    asked = steps["ask"].dropna()
    assert set(asked) == {w["coach_name"]} and len(asked) == min(len(rows), 2)
    assert set(steps.loc[asked.index, "action"]) == {f"ask {w['coach_name']} for an introduction"}
    waiting = set(steps.drop(index=asked.index)["action"])
    assert waiting <= {f"{w['coach_name']} already has 2 asks (0 open, 2 advised above): "
                       "wait for an answer before asking again"}
    assert set(plan["key"]) <= set(table["key"])


def test_tracked_coach_is_the_person_the_client_knows(workspaces, samples):
    """The coach named in refkit.toml is the client's connection of that name: same key."""
    w = workspaces
    owners = {r["owner_name"]: r["owner_url"] for r in rows_of(samples["shared/owners.csv"])}
    client_urls = set(read_connections(w["export"] / "Connections.csv").frame["profile_url"])
    assert owners[w["coach_name"]] in client_urls  # the client is connected to the coach
    assert refkit("coach", w["coach"], w["client"], "--track").returncode == 0
    with Tracker(w["client"], create=False, read_only=True) as tracker:
        keys = {k for (k,) in tracker.conn.execute("SELECT introducer_key FROM targets")}
    assert keys == {owners[w["coach_name"]]}


def test_old_form_exports_and_workspace_flag(workspaces, tmp_path):
    w = workspaces
    out, tracked = tmp_path / "intros.csv", tmp_path / "tracked"
    proc = refkit("coach", w["coach_file"], w["export"], "--company", w["company"],
                  "--coach", w["coach_name"], "--workspace", tracked, "-o", out)
    assert proc.returncode == 0, proc.stderr
    with Tracker(tracked, create=False, read_only=True) as tracker:
        assert set(tracker.table(today=TODAY)["next_introducer"]) == {w["coach_name"]}
    assert len(rows_of(out)) > 0


def test_plain_exports_need_o_and_targets(workspaces):
    w = workspaces
    err = one_line_error(refkit("coach", w["coach_file"], w["export"], "--company", w["company"]))
    assert "-o" in err and "workspace" in err
    err = one_line_error(refkit("coach", w["coach"], w["client"], "--track", "--workspace", "x"))
    assert "--track" in err and "--workspace" in err
    err = one_line_error(refkit("coach", w["coach_file"], w["export"], "--track", "-o", "x.csv"))
    assert "--track" in err


def test_broken_client_workspace_is_one_line(workspaces):
    w = workspaces
    (w["client"] / "refkit.toml").write_text('export = "missing.zip"\ncompanys = []\n', encoding="utf-8")
    err = one_line_error(refkit("coach", w["coach"], w["client"]))
    assert "refkit.toml" in err and "missing.zip" in err and "companys" in err


def _clients_folder(workspaces, tmp_path) -> Path:
    w = workspaces
    clients = w["client"].parent
    proc = refkit("coach", w["coach"], w["client"], "--track")
    assert proc.returncode == 0, proc.stderr
    with Tracker(w["client"], create=False) as tracker:
        names = tracker.table(today=TODAY)["name"].tolist()
        tracker.set_status(names[0], "asked_introducer", when=TODAY)
        tracker.set_status(names[1], "asked_introducer", when=TODAY)
    _write_toml(clients / "bo", export=w["export"], me="Bo Park")  # no tracker yet
    (clients / "notes").mkdir()  # a folder that is not a workspace
    (clients / "notes" / "todo.txt").write_text("call Ana\n", encoding="utf-8")
    (clients / "broken").mkdir()
    (clients / "broken" / "refkit.toml").write_text("export = [\n", encoding="utf-8")
    (clients / "README.txt").write_text("one folder per client\n", encoding="utf-8")
    return clients


def test_clients_lists_every_folder_with_its_status(workspaces, tmp_path):
    clients = _clients_folder(workspaces, tmp_path)
    with Tracker(clients / "ana") as tracker:  # someone introduced: an invitation to send this week
        planned = tracker.table(today=TODAY).query("status == 'planned'")["key"].iloc[0]
        tracker.set_status(planned, "introduced", when=TODAY)
    proc = refkit("coach", "--clients", clients, "--date", TODAY)
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert all(len(line) <= 80 for line in lines), proc.stdout
    blocks = {}
    for line in lines:
        if line and not line.startswith(" "):
            current = line.split()[0].rstrip(":")
            blocks[current] = line
        elif line.strip() and blocks:
            blocks[current] += "\n" + line
    assert set(blocks) >= {"ana", "bo", "notes", "broken"}
    assert "README.txt" not in proc.stdout
    assert "2 asks open" in blocks["ana"]
    with Tracker(clients / "ana", create=False, read_only=True) as tracker:
        plan = tracker.weekly_plan(today=TODAY)
    sending = plan[plan["action"] == "send invitation"]
    assert len(sending) >= 1
    assert f"this week: {len(sending)} invitation" in blocks["ana"]
    assert sending["name"].iloc[0] in blocks["ana"]
    assert "Bo Park" in blocks["bo"] and "no tracker yet" in blocks["bo"]
    assert "not a workspace" in blocks["notes"]
    assert "refkit.toml" in blocks["broken"] and "Traceback" not in proc.stdout + proc.stderr


def test_clients_reads_only(workspaces, tmp_path):
    clients = _clients_folder(workspaces, tmp_path)
    def files():  # SQLite's -wal and -shm files come and go with any reader
        return {p: p.read_bytes() for p in clients.rglob("*")
                if p.is_file() and not p.name.endswith(("-wal", "-shm"))}

    before = files()
    assert refkit("coach", "--clients", clients, "--date", TODAY).returncode == 0
    assert files() == before


def test_clients_errors(workspaces, tmp_path):
    w = workspaces
    err = one_line_error(refkit("coach", "--clients", tmp_path / "nowhere"))
    assert "nowhere" in err
    err = one_line_error(refkit("coach", "--clients", w["client"].parent, w["coach"]))
    assert "--clients" in err
