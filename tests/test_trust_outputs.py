"""Issue 12, outputs that damage things (items 6-9, 21): every file refkit writes.

- only regular files are replaced, atomically; a symbolic link to a regular file
  is written through (its target is replaced, the link stays); devices, FIFOs,
  sockets, folders and broken links are refused even with ``--force``;
- ``-o -`` writes to standard output (rank, graph, coach, track export);
- an output never replaces an input or the tracker database, even with ``--force``;
- ``demo`` refuses to overwrite unless ``--force``; a failed ``report`` leaves nothing;
- an unwritable output (name too long, missing or read-only folder, full disk) is
  one clean line and never a half-written file.

Every command-line call runs under a time limit (``cli`` below, or ``timeout=``).
"""

from __future__ import annotations

import contextlib
import errno
import os
import signal
import socket
import stat
import subprocess
import sys
import zipfile
from pathlib import Path

import pandas as pd
import pytest
from linkedin_files import connections

from refkit import RefkitError
from refkit import export as export_module
from refkit.cli import main
from refkit.export import write_bytes, write_csv, write_text

FRAME = pd.DataFrame({"name": ["Ann Lee", "Bob Ray"], "n": [1, 2]})
CSV_BYTES = b"name,n\r\nAnn Lee,1\r\nBob Ray,2\r\n"


@contextlib.contextmanager
def time_limit(seconds: int):
    def expired(signum, frame):
        raise TimeoutError(f"refkit did not finish within {seconds} s")

    old = signal.signal(signal.SIGALRM, expired)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


def cli(*argv, timeout: int = 60) -> int:
    """``refkit -q ARGV`` in this process, under a time limit."""
    with time_limit(timeout):
        return main(["-q", *map(str, argv)])


def one_error_line(capsys) -> str:
    err = capsys.readouterr().err
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("refkit: error: "), err
    assert "Traceback" not in err
    return lines[0]


def listing(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


@pytest.fixture
def inputs(tmp_path):
    """Me, Ann and Bob; Tara (Stripe) is shared by both."""
    me = connections(tmp_path / "Connections.csv", [("Ann", "Lee", "ann-lee", "Globex", "PM"),
                                                     ("Bob", "Ray", "bob-ray", "Initech", "Dev")])
    ann = connections(tmp_path / "ann.csv", [("Tara", "Stone", "tara-stone", "Stripe", "Data Engineer"),
                                             ("Uma", "Hill", "uma-hill", "Hooli", "Engineer")])
    bob = connections(tmp_path / "bob.csv", [("Tara", "Stone", "tara-stone", "Stripe", "Data Engineer")])
    return {"me": me, "ann": ann, "bob": bob,
            "args": [me, "--shared", f"Ann Lee={ann}", "--shared", f"Bob Ray={bob}", "--me", "Me Myself",
                     "--min-mutual", "1"]}


# ---------------------------------------------------------------- item 6: what is at PATH


def _special_files(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    sock_path = tmp_path / "s.sock"
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    sock.bind(str(sock_path))
    return {"fifo": (fifo, stat.S_ISFIFO), "socket": (sock_path, stat.S_ISSOCK)}, sock


@pytest.mark.parametrize("kind", ["fifo", "socket"])
@pytest.mark.parametrize("overwrite", [False, True])
def test_special_files_are_refused_even_with_overwrite(tmp_path, kind, overwrite):
    specials, sock = _special_files(tmp_path)
    path, is_kind = specials[kind]
    try:
        with time_limit(20):
            for write in (lambda p: write_csv(FRAME, p, overwrite=overwrite),
                          lambda p: write_text("x", p, overwrite=overwrite),
                          lambda p: write_bytes(b"x", p, overwrite=overwrite),
                          lambda p: export_module.check_output(p, overwrite=overwrite)):
                with pytest.raises(RefkitError, match=r"not a regular file") as info:
                    write(path)
                assert str(path) in str(info.value) and "\n" not in str(info.value)
                assert is_kind(os.lstat(path).st_mode)
    finally:
        sock.close()
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_cli_refuses_a_fifo_output(tmp_path, inputs, capsys):
    fifo = tmp_path / "out.csv"
    os.mkfifo(fifo)
    assert cli("rank", *inputs["args"], "-o", fifo, "--force") == 2
    assert "not a regular file" in one_error_line(capsys)
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


@pytest.fixture
def guard_dev_null(monkeypatch):
    """Fail the test instead of replacing /dev/null, whatever the code under test does."""
    null = os.path.realpath(os.devnull)

    def guarded(real):
        def call(src, dst, *args, **kwargs):
            if os.path.realpath(dst) == null:
                raise AssertionError(f"refkit tried to replace {dst}")
            return real(src, dst, *args, **kwargs)
        return call

    for name in ("replace", "rename", "link"):
        monkeypatch.setattr(os, name, guarded(getattr(os, name)))


def test_dev_null_is_refused_and_stays_a_device(guard_dev_null):
    for overwrite in (False, True):
        with pytest.raises(RefkitError, match="character device"):
            write_csv(FRAME, os.devnull, overwrite=overwrite)
    assert stat.S_ISCHR(os.lstat(os.devnull).st_mode)


def test_a_symlink_to_dev_null_is_refused(tmp_path, guard_dev_null):
    link = tmp_path / "out.csv"
    link.symlink_to(os.devnull)
    with pytest.raises(RefkitError, match="character device"):
        write_csv(FRAME, link, overwrite=True)
    assert link.is_symlink() and stat.S_ISCHR(os.lstat(os.devnull).st_mode)


def test_cli_refuses_dev_null(tmp_path, inputs, capsys, guard_dev_null):
    assert cli("rank", *inputs["args"], "-o", os.devnull, "--force") == 2
    assert "character device" in one_error_line(capsys)
    assert stat.S_ISCHR(os.lstat(os.devnull).st_mode)


def test_own_character_device_is_not_replaced(tmp_path):
    device = tmp_path / "null"
    try:
        os.mknod(device, stat.S_IFCHR | 0o600, os.makedev(1, 3))
    except (PermissionError, OSError):
        pytest.skip("cannot create a device node here")
    with pytest.raises(RefkitError, match="character device"):
        write_csv(FRAME, device, overwrite=True)
    assert stat.S_ISCHR(os.lstat(device).st_mode)


def test_a_folder_is_refused_even_with_overwrite(tmp_path):
    (tmp_path / "d").mkdir()
    with pytest.raises(RefkitError, match="is a folder"):
        write_csv(FRAME, tmp_path / "d", overwrite=True)
    assert (tmp_path / "d").is_dir()


def test_symlink_to_a_regular_file_is_written_through(tmp_path):
    real_dir = tmp_path / "real"
    real_dir.mkdir()
    real = real_dir / "ranked.csv"
    real.write_bytes(b"old\r\n")
    os.chmod(real, 0o600)
    link = tmp_path / "link.csv"
    link.symlink_to(real)
    with pytest.raises(RefkitError, match="already exists"):
        write_csv(FRAME, link)
    assert real.read_bytes() == b"old\r\n"
    write_csv(FRAME, link, overwrite=True)
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert real.read_bytes() == CSV_BYTES
    assert stat.S_IMODE(real.stat().st_mode) == 0o600  # the file keeps its permissions
    assert listing(real_dir) == ["ranked.csv"] and listing(tmp_path) == ["link.csv", "real"]


def test_relative_symlink_chain_is_written_through(tmp_path):
    (tmp_path / "a").mkdir()
    real = tmp_path / "a" / "data.csv"
    real.write_bytes(b"old")
    (tmp_path / "a" / "hop.csv").symlink_to("data.csv")
    link = tmp_path / "out.csv"
    link.symlink_to("a/hop.csv")
    write_text("new", link, overwrite=True)
    assert real.read_text() == "new" and link.is_symlink() and (tmp_path / "a" / "hop.csv").is_symlink()


def test_broken_symlink_is_refused(tmp_path):
    link = tmp_path / "out.csv"
    link.symlink_to(tmp_path / "nowhere" / "x.csv")
    for overwrite in (False, True):
        with pytest.raises(RefkitError, match="symbolic link"):
            write_csv(FRAME, link, overwrite=overwrite)
    assert link.is_symlink() and not (tmp_path / "nowhere").exists()


def test_symlink_loop_is_one_clean_error(tmp_path):
    (tmp_path / "a").symlink_to(tmp_path / "b")
    (tmp_path / "b").symlink_to(tmp_path / "a")
    with pytest.raises(RefkitError, match="(?i)symbolic link"):
        write_csv(FRAME, tmp_path / "a", overwrite=True)


def test_stream_output_is_written_as_utf8(tmp_path):
    import io

    buffer = io.BytesIO()
    assert write_csv(FRAME, buffer, bom=True) is None
    assert buffer.getvalue() == b"\xef\xbb\xbf" + CSV_BYTES
    page = io.BytesIO()
    write_text("<p>é</p>", page)
    assert page.getvalue() == "<p>é</p>".encode()


def _run(argv, cwd, timeout=120):
    return subprocess.run([sys.executable, "-m", "refkit", "-q", *map(str, argv)],
                          capture_output=True, timeout=timeout, cwd=cwd)


def test_rank_dash_writes_csv_to_standard_output(tmp_path, inputs):
    proc = _run(["rank", *inputs["args"], "-o", "-"], cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    import csv
    import io

    rows = list(csv.reader(io.StringIO(proc.stdout.decode("utf-8"), newline="")))
    assert rows[0][:2] == ["rank", "name"]
    assert [row[1] for row in rows[1:]] == ["Tara Stone", "Uma Hill"]  # nothing else on standard output
    assert b"share" in proc.stderr  # the summary went to standard error
    assert not (tmp_path / "-").exists()


def test_graph_and_coach_and_track_export_dash(tmp_path, inputs, capsys, monkeypatch):
    import io

    def captured(*argv):
        out = io.TextIOWrapper(io.BytesIO(), encoding="utf-8")
        with contextlib.redirect_stdout(out):
            status = cli(*argv)
            out.flush()
        return status, out.buffer.getvalue().decode("utf-8")

    monkeypatch.chdir(tmp_path)
    if True:
        status, page = captured("graph", *inputs["args"], "-o", "-")
        assert status == 0 and page.startswith("<!DOCTYPE html>") and page.rstrip().endswith("</html>")
        status, text = captured("coach", inputs["ann"], inputs["me"], "--coach", "Ann Lee",
                                "--client", "Me Myself", "--keyword", "engineer", "-o", "-")
        assert status == 0, capsys.readouterr().err
        assert text.splitlines()[0].startswith("name,") and "Tara Stone" in text
        assert "Connect with me" not in text  # the summary sentence is not mixed into the CSV
        assert cli("rank", *inputs["args"], "-o", tmp_path / "ranked.csv") == 0
        assert cli("track", tmp_path / "ws", "add", tmp_path / "ranked.csv", "--date", "2024-05-01") == 0
        status, text = captured("track", tmp_path / "ws", "export", "-o", "-")
        assert status == 0 and text.splitlines()[0].startswith("name,") and "Tara Stone" in text
        assert "wrote" not in text
        assert not (tmp_path / "-").exists()


def test_folder_commands_refuse_dash(tmp_path, inputs, samples, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    for argv in (["report", *inputs["args"]], ["demo", samples]):
        assert cli(*argv, "-o", "-") == 2
        assert "standard output" in one_error_line(capsys)
        assert not (tmp_path / "-").exists()


# ---------------------------------------------------------------- item 7: never overwrite an input


def test_rank_refuses_to_overwrite_its_inputs_even_with_force(tmp_path, inputs, capsys):
    me, ann = inputs["me"], inputs["ann"]
    before = {p: p.read_bytes() for p in (me, ann)}
    hard = tmp_path / "hard.csv"
    os.link(ann, hard)
    soft = tmp_path / "soft.csv"
    soft.symlink_to(me)
    for target in (me, ann, hard, soft, tmp_path / "." / "ann.csv"):
        assert cli("rank", *inputs["args"], "-o", target, "--force") == 2, target
        line = one_error_line(capsys)
        assert "reads" in line and "--force" in line
    assert {p: p.read_bytes() for p in (me, ann)} == before
    assert soft.is_symlink()


def test_rank_refuses_other_inputs(tmp_path, inputs, capsys):
    tags = tmp_path / "tags.csv"
    tags.write_text("Name,URL,Tags\nAnn Lee,,friend\n", encoding="utf-8")
    manifest = tmp_path / "owners.csv"
    manifest.write_text(f"file,owner_name,owner_url\n{inputs['bob'].name},Bob Ray,\n", encoding="utf-8")
    args = [inputs["me"], "--shared-manifest", manifest, "--tags", tags, "--min-mutual", "1"]
    for target in (tags, manifest, inputs["bob"]):
        before = target.read_bytes()
        assert cli("rank", *args, "-o", target, "--force") == 2
        assert "reads" in one_error_line(capsys)
        assert target.read_bytes() == before


def test_zip_export_and_export_folder_are_inputs(tmp_path, inputs, capsys):
    archive = tmp_path / "export.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.write(inputs["me"], "Basic_LinkedInDataExport/Connections.csv")
    before = archive.read_bytes()
    assert cli("rank", archive, "--min-mutual", "1", "-o", archive, "--force") == 2
    one_error_line(capsys)
    assert archive.read_bytes() == before
    folder = tmp_path / "export"
    folder.mkdir()
    (folder / "Connections.csv").write_bytes(inputs["me"].read_bytes())
    for target in (folder / "Connections.csv", folder / "ranked.csv"):
        assert cli("rank", folder, "--min-mutual", "1", "-o", target, "--force") == 2
        assert "export" in one_error_line(capsys)
    assert listing(folder) == ["Connections.csv"]
    # beside the folder is fine
    assert cli("rank", folder, "--min-mutual", "1", "-o", tmp_path / "ranked.csv") == 0


def test_check_output_protects_paths_through_links(tmp_path):
    src = tmp_path / "in.csv"
    src.write_text("x")
    link = tmp_path / "link.csv"
    link.symlink_to(src)
    hard = tmp_path / "hard.csv"
    os.link(src, hard)
    for target in (src, link, hard):
        with pytest.raises(RefkitError, match="reads"):
            export_module.check_output(target, overwrite=True, protect=[src])
    with pytest.raises(RefkitError, match="reads"):  # the input given through the link
        export_module.check_output(src, overwrite=True, protect=[link])
    assert export_module.check_output(tmp_path / "new.csv", protect=[src]) == tmp_path / "new.csv"


def test_track_export_refuses_the_database(tmp_path, inputs, capsys):
    ranked = tmp_path / "ranked.csv"
    assert cli("rank", *inputs["args"], "-o", ranked) == 0
    ws = tmp_path / "ws"
    assert cli("track", ws, "add", ranked, "--date", "2024-05-01") == 0
    capsys.readouterr()
    database = ws / "refkit.sqlite"
    before = database.read_bytes()
    link = tmp_path / "db-link"
    link.symlink_to(database)
    for target in (database, link, ws / "refkit.sqlite-journal"):
        assert cli("track", ws, "export", "-o", target, "--force") == 2
        assert "refkit.sqlite" in one_error_line(capsys)
    assert database.read_bytes() == before and link.is_symlink()
    assert cli("track", ws, "list", "--date", "2024-05-02") == 0
    assert "Tara Stone" in capsys.readouterr().out
    assert cli("track", ws, "export", "-o", ws / "tracker.csv") == 0  # beside it is fine


def test_coach_refuses_its_inputs(tmp_path, inputs, capsys):
    before = inputs["me"].read_bytes()
    assert cli("coach", inputs["ann"], inputs["me"], "--coach", "Ann Lee", "--client", "Me Myself",
               "--keyword", "engineer", "-o", inputs["me"], "--force") == 2
    assert "reads" in one_error_line(capsys)
    assert inputs["me"].read_bytes() == before


def test_report_refuses_to_write_over_or_into_an_input(tmp_path, inputs, capsys):
    folder = tmp_path / "export"
    folder.mkdir()
    (folder / "Connections.csv").write_bytes(inputs["me"].read_bytes())
    assert cli("report", folder, "--min-mutual", "1", "-o", folder, "--force") == 2
    one_error_line(capsys)
    assert cli("report", folder, "--min-mutual", "1", "-o", folder / "report", "--force") == 2
    one_error_line(capsys)
    assert listing(folder) == ["Connections.csv"]
    # an input that happens to be called ranked.csv inside the report folder
    out = tmp_path / "out"
    out.mkdir()
    tags = out / "ranked.csv"
    tags.write_text("Name,URL,Tags\nAnn Lee,,friend\n", encoding="utf-8")
    before = tags.read_bytes()
    assert cli("report", *inputs["args"], "--tags", tags, "-o", out, "--force") == 2
    assert "reads" in one_error_line(capsys)
    assert tags.read_bytes() == before and listing(out) == ["ranked.csv"]


# ---------------------------------------------------------------- item 8: demo asks before overwriting


@pytest.fixture(scope="module")
def samples(tmp_path_factory):
    from refkit.testing import write_samples

    folder = tmp_path_factory.mktemp("samples")
    write_samples(folder, n_connections=60, n_shared=2, coach_connections=80, n_captures=10)
    return folder


def test_demo_refuses_to_overwrite_unless_force(tmp_path, samples, capsys):
    out = tmp_path / "out"
    assert cli("demo", samples, "-o", out, "--min-mutual", "1", timeout=120) == 0
    capsys.readouterr()
    (out / "index.html").write_text("my own page")
    assert cli("demo", samples, "-o", out, "--min-mutual", "1", timeout=120) == 2
    line = one_error_line(capsys)
    assert "index.html" in line and "--force" in line
    assert (out / "index.html").read_text() == "my own page"
    assert cli("demo", samples, "-o", out, "--min-mutual", "1", "--force", timeout=120) == 0
    assert (out / "index.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_demo_refuses_to_write_into_its_samples(samples, capsys):
    before = sorted(p.relative_to(samples) for p in samples.rglob("*"))
    assert cli("demo", samples, "-o", samples, "--force", timeout=120) == 2
    one_error_line(capsys)
    assert sorted(p.relative_to(samples) for p in samples.rglob("*")) == before


# ---------------------------------------------------------------- item 9: a failed report leaves nothing


def _failing_growth(monkeypatch, error):
    """Make the growth chart fail when it is drawn (savefig), as matplotlib does on bad dates."""
    from refkit import plots

    real = plots.plot_growth

    def growth(*args, **kwargs):
        fig = real(*args, **kwargs)

        def savefig(*a, **k):
            raise error
        fig.savefig = savefig
        return fig

    monkeypatch.setattr(plots, "plot_growth", growth)
    return real


def test_failed_report_leaves_nothing_and_the_rerun_works(tmp_path, inputs, capsys, monkeypatch):
    from refkit import plots

    folder = tmp_path / "report"
    real = _failing_growth(monkeypatch, RefkitError("growth chart failed"))
    assert cli("report", *inputs["args"], "-o", folder) == 2
    assert "growth chart failed" in one_error_line(capsys)
    assert not folder.exists()
    assert listing(tmp_path) == ["Connections.csv", "ann.csv", "bob.csv"]
    monkeypatch.setattr(plots, "plot_growth", real)
    assert cli("report", *inputs["args"], "-o", folder) == 0
    assert len(listing(folder)) == 7


def test_failed_report_in_an_existing_folder_leaves_it_as_it_was(tmp_path, inputs, monkeypatch):
    from refkit.cli import build_parser
    from refkit.cli._common import load_network
    from refkit.rank import rank_targets
    from refkit.report import write_report

    args = build_parser().parse_args(["report", *map(str, inputs["args"]), "-o", "x"])
    network = load_network(args)
    ranked = rank_targets(network, min_mutual=1)
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "notes.txt").write_text("keep")
    _failing_growth(monkeypatch, ValueError("year 0 is out of range"))
    with pytest.raises(ValueError, match="out of range"):
        write_report(network, ranked, folder, min_mutual=1)
    assert listing(folder) == ["notes.txt"]
    assert listing(tmp_path) == ["Connections.csv", "ann.csv", "bob.csv", "mine"]


def test_report_write_failing_midway_leaves_the_old_report(tmp_path, inputs, capsys, monkeypatch):
    folder = tmp_path / "report"
    folder.mkdir()
    (folder / "notes.txt").write_text("mine")
    assert cli("report", *inputs["args"], "-o", folder) == 0
    capsys.readouterr()
    old = {name: (folder / name).read_bytes() for name in listing(folder)}
    calls = {"n": 0}
    real_fsync = os.fsync

    def full_disk(fd):
        calls["n"] += 1
        if calls["n"] == 4:  # three files already complete, the fourth fails
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_fsync(fd)

    monkeypatch.setattr(os, "fsync", full_disk)
    assert cli("report", *inputs["args"], "--title", "New", "--min-mutual", "2", "-o", folder, "--force") == 2
    line = one_error_line(capsys)
    assert "No space left on device" in line
    assert calls["n"] == 4
    assert {name: (folder / name).read_bytes() for name in listing(folder)} == old
    assert listing(tmp_path) == ["Connections.csv", "ann.csv", "bob.csv", "report"]
    monkeypatch.setattr(os, "fsync", real_fsync)
    assert cli("report", *inputs["args"], "--title", "New", "-o", folder, "--force") == 0
    assert "New" in (folder / "index.html").read_text(encoding="utf-8")
    assert (folder / "notes.txt").read_text() == "mine"


def test_write_files_is_all_or_nothing(tmp_path, monkeypatch):
    (tmp_path / "b.txt").write_bytes(b"old b")
    with pytest.raises(RefkitError, match="already exists"):
        export_module.write_files({tmp_path / "a.txt": b"a", tmp_path / "b.txt": b"b"})
    assert listing(tmp_path) == ["b.txt"]
    written = export_module.write_files({tmp_path / "a.txt": b"a", tmp_path / "b.txt": b"b"}, overwrite=True)
    assert sorted(written) == [tmp_path / "a.txt", tmp_path / "b.txt"]
    assert (tmp_path / "a.txt").read_bytes() == b"a" and (tmp_path / "b.txt").read_bytes() == b"b"


def test_report_folder_kinds(tmp_path, inputs, capsys):
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    assert cli("report", *inputs["args"], "-o", fifo, "--force") == 2
    one_error_line(capsys)
    folder = tmp_path / "r"
    folder.mkdir()
    os.mkfifo(folder / "index.html")
    assert cli("report", *inputs["args"], "-o", folder, "--force") == 2
    assert "not a regular file" in one_error_line(capsys)
    assert listing(folder) == ["index.html"] and stat.S_ISFIFO(os.lstat(folder / "index.html").st_mode)
    # a link to a folder: the report goes into the folder it points to
    real = tmp_path / "real"
    real.mkdir()
    (tmp_path / "link").symlink_to(real)
    assert cli("report", *inputs["args"], "-o", tmp_path / "link") == 0
    assert (tmp_path / "link").is_symlink() and "index.html" in listing(real)


# ---------------------------------------------------------------- item 21: unwritable outputs


@pytest.mark.parametrize("command", ["rank", "graph", "report", "coach"])
def test_overlong_output_name_is_one_clean_line(tmp_path, inputs, capsys, command):
    long = tmp_path / ("x" * 300 + (".html" if command == "graph" else ".csv"))
    argv = ([command, *inputs["args"]] if command != "coach" else
            [command, inputs["ann"], inputs["me"], "--coach", "Ann Lee", "--client", "Me Myself"])
    assert cli(*argv, "-o", long) == 2
    assert "too long" in one_error_line(capsys).lower()
    assert listing(tmp_path) == ["Connections.csv", "ann.csv", "bob.csv"]


@pytest.mark.parametrize("argv", [
    ["inspect", "{long}.csv"], ["rank", "{long}.csv", "-o", "-"], ["graph", "{long}", "-o", "-"],
    ["report", "{long}.zip", "-o", "{tmp}/r"], ["rank", "{me}", "--shared", "Ann Lee={long}.csv", "-o", "-"],
    ["init", "{long}"], ["init", "{tmp}/ws", "--from", "{long}"], ["demo", "{long}", "-o", "{tmp}/d"],
    ["coach", "--clients", "{long}"], ["track", "{long}", "list"],
])
def test_overlong_input_name_is_one_clean_line(tmp_path, inputs, capsys, argv):
    """Item 21's sibling: an over-long name given as an input (not only as -o) is one clean
    line naming it, never an OSError traceback."""
    values = {"long": tmp_path / ("x" * 300), "tmp": tmp_path, "me": inputs["me"]}
    assert cli(*[a.format(**values) for a in argv]) == 2
    assert "too long" in one_error_line(capsys).lower()


def test_overlong_name_in_the_api_and_track_export(tmp_path, inputs, capsys):
    with pytest.raises(RefkitError, match="(?i)too long"):
        write_csv(FRAME, tmp_path / ("y" * 300))
    ranked = tmp_path / "ranked.csv"
    assert cli("rank", *inputs["args"], "-o", ranked) == 0
    assert cli("track", tmp_path / "ws", "add", ranked) == 0
    capsys.readouterr()
    assert cli("track", tmp_path / "ws", "export", "-o", tmp_path / ("z" * 300)) == 2
    assert "too long" in one_error_line(capsys).lower()


def test_missing_folder_and_file_as_folder(tmp_path, inputs, capsys):
    assert cli("rank", *inputs["args"], "-o", tmp_path / "nope" / "out.csv") == 2
    assert "does not exist" in one_error_line(capsys)
    assert cli("rank", *inputs["args"], "-o", tmp_path / "ann.csv" / "out.csv") == 2
    assert "not a folder" in one_error_line(capsys)
    assert not (tmp_path / "nope").exists()


def test_permission_denied_is_one_clean_line(tmp_path, inputs, capsys, monkeypatch):
    locked = tmp_path / "locked"
    locked.mkdir()
    if os.geteuid() == 0:  # root writes anywhere: refuse creating anything inside instead
        inside = str(locked) + os.sep

        def deny(real, creates):
            def call(path, *args, **kwargs):
                if os.path.abspath(path).startswith(inside) and creates(*args):
                    raise PermissionError(errno.EACCES, "Permission denied", str(path))
                return real(path, *args, **kwargs)
            return call

        monkeypatch.setattr(os, "open", deny(os.open, lambda flags, *rest: flags & os.O_CREAT))
        monkeypatch.setattr(os, "mkdir", deny(os.mkdir, lambda *rest: True))
    else:
        locked.chmod(0o500)
    try:
        assert cli("rank", *inputs["args"], "-o", locked / "out.csv") == 2
        line = one_error_line(capsys)
        assert "Permission denied" in line and "out.csv" in line
        assert cli("report", *inputs["args"], "-o", locked / "r") == 2
        assert "Permission denied" in one_error_line(capsys)
    finally:
        locked.chmod(0o700)
    assert listing(locked) == []


def test_full_disk_keeps_the_old_file_and_leaves_no_temp(tmp_path, inputs, capsys, monkeypatch):
    out = tmp_path / "out.csv"
    out.write_bytes(b"old")

    def full(fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    assert cli("rank", *inputs["args"], "-o", out, "--force") == 2
    line = one_error_line(capsys)
    assert "No space left on device" in line and "out.csv" in line
    assert out.read_bytes() == b"old"
    assert listing(tmp_path) == ["Connections.csv", "ann.csv", "bob.csv", "out.csv"]


def test_full_disk_while_writing_rows(tmp_path, monkeypatch):
    """ENOSPC raised by a write itself (not fsync): the same clean error, no temp file."""
    out = tmp_path / "out.csv"

    from refkit import export

    real_write_rows = export._write_rows

    class FullDisk:  # the file fills up after 2,000 characters, whichever way rows are written
        def __init__(self, handle):
            self.handle, self.size = handle, 0

        def write(self, text):
            self.size += len(text)
            if self.size > 2_000:
                raise OSError(errno.ENOSPC, "No space left on device")
            return self.handle.write(text)

        def writelines(self, lines):
            for line in lines:
                self.write(line)

    monkeypatch.setattr(export, "_write_rows",
                        lambda handle, frame, **options: real_write_rows(FullDisk(handle), frame, **options))
    with pytest.raises(RefkitError, match="No space left on device"):
        write_csv(pd.DataFrame({"a": range(10_000)}), out)
    assert listing(tmp_path) == []


def test_replacing_keeps_owner_and_permissions(tmp_path):
    target = tmp_path / "shared.csv"
    target.write_bytes(b"old")
    os.chmod(target, 0o640)
    if os.geteuid() == 0:
        os.chown(target, 12345, 12345)  # someone else's file, replaced by root
    before = target.stat()
    write_csv(FRAME, target, overwrite=True)
    after = target.stat()
    assert target.read_bytes() == CSV_BYTES
    assert (after.st_uid, after.st_gid, stat.S_IMODE(after.st_mode)) == (before.st_uid, before.st_gid, 0o640)


@pytest.mark.parametrize("command", ["rank", "graph"])
def test_no_command_writes_over_a_tracker_database_it_was_not_told_about(tmp_path, command):
    """Found by trying it: ``rank -o WS/refkit.sqlite --force`` replaced the whole history."""
    import sqlite3
    import subprocess
    import sys

    from linkedin_files import connections

    mine = connections(tmp_path / "Connections.csv", [("Priya", "Raman", "priya", "Stripe", "Dev")])
    db = tmp_path / "ws" / "refkit.sqlite"
    db.parent.mkdir()
    with sqlite3.connect(db) as con:
        con.execute("create table history (x)")
    before = db.read_bytes()
    done = subprocess.run([sys.executable, "-m", "refkit", command, str(mine), "--me", "Me",
                           "-o", str(db), "--force"], capture_output=True, text=True, timeout=60)
    assert done.returncode == 2 and "database" in done.stderr and "Traceback" not in done.stderr
    assert db.read_bytes() == before


def test_report_captions_say_what_to_read_not_the_title_again(tmp_path, inputs):
    import re as _re

    from refkit.report import CHARTS

    assert cli("report", *inputs["args"], "-o", tmp_path / "rep") == 0
    page = (tmp_path / "rep" / "index.html").read_text(encoding="utf-8")
    captions = _re.findall(r"<figcaption>(.*?)</figcaption>", page)
    assert len(captions) == len(CHARTS)
    assert not set(captions) & set(CHARTS.values())  # the title is in the picture already
