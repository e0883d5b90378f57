"""A workspace made from a user's folder of files, used by every command with no flags (issue 14).

The user's "Downloads" here is generated (not the samples): the archive as
LinkedIn sends it (a .zip), friends' Connections.csv of three eras, a
capture, an edge list and tags, side by side. ``refkit init`` makes the
workspace; the user checks the owners; then each command is given only the
workspace and must do what the same command does with every flag typed out.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import warnings
from pathlib import Path

import pytest

from refkit.build import build_network
from refkit.cli import main
from refkit.mutuals import mutual_counts
from refkit.testing import generate, write_samples
from refkit.workspace import init_workspace, load_workspace

OPTIONS = {"seed": 913, "n_connections": 120, "n_shared": 3, "coach_connections": 150, "n_captures": 15}


def listing(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def confirm_owners(ws: Path, truth) -> None:
    """What the user does after init: each shared export's owner set to their profile URL."""
    text = (ws / "refkit.toml").read_text(encoding="utf-8")
    for file, url in zip(truth.owners["file"], truth.owners["url"], strict=True):
        text = re.sub(rf'(file = "[^"]*{re.escape(file)}"\nowner = )"[^"]*"[^\n]*(\nowner_guessed = true)?',
                      rf'\g<1>"{url}"', text)
    text = text.replace("min_mutual = 10", "min_mutual = 2")  # a small network: a lower bar
    assert "owner_guessed" not in text
    (ws / "refkit.toml").write_text(text, encoding="utf-8")


@pytest.fixture(scope="module")
def made(tmp_path_factory):
    """(downloads folder, workspace folder, generator truth)."""
    gen = tmp_path_factory.mktemp("generated")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        write_samples(gen, zip_archive=True, **OPTIONS)
    truth = generate(**OPTIONS)
    downloads = tmp_path_factory.mktemp("downloads")
    shutil.copy(gen / "my_linkedin_export.zip", downloads / "Basic_LinkedInDataExport.zip")
    for file in truth.owners["file"]:
        shutil.copy(gen / "shared" / file, downloads / file)
    for name in ("mutuals_capture.csv", "edges.csv", "tags.csv"):
        shutil.copy(gen / name, downloads / name)
    ws = tmp_path_factory.mktemp("search") / "my_search"
    report = init_workspace(ws, source=downloads)
    assert report.created
    # init never confirms a wrong owner: each is the right profile, or left as a guess
    text = (ws / "refkit.toml").read_text(encoding="utf-8")
    for file, url in zip(truth.owners["file"], truth.owners["url"], strict=True):
        block = re.search(rf'file = "[^"]*{re.escape(file)}"\nowner = "([^"]*)"[^\n]*\n(owner_guessed = true)?', text)
        assert block, file
        assert block.group(2) or block.group(1) == url, (file, block.group(0))
    confirm_owners(ws, truth)
    return downloads, ws, truth


def flags(downloads: Path, truth) -> list[str]:
    """The same job typed out as flags (shared exports in refkit.toml's order, which init gives by name)."""
    args = [str(downloads / "Basic_LinkedInDataExport.zip")]
    for file, url in sorted(zip(truth.owners["file"], truth.owners["url"], strict=True)):
        args += ["--shared", f"{url}={downloads / file}"]
    return args + ["--mutuals", str(downloads / "mutuals_capture.csv"), "--edges", str(downloads / "edges.csv"),
                   "--tags", str(downloads / "tags.csv"), "--min-mutual", "2"]


def test_rank_with_no_flags_does_what_the_flags_do(made, tmp_path):
    downloads, ws, truth = made
    before = listing(downloads)
    assert main(["-q", "rank", str(ws)]) == 0
    ranked = ws / "out" / "ranked.csv"
    by_flags = tmp_path / "by_flags.csv"
    assert main(["-q", "rank", *flags(downloads, truth), "-o", str(by_flags)]) == 0
    assert ranked.read_bytes() == by_flags.read_bytes()
    assert len(ranked.read_text(encoding="utf-8").splitlines()) > 5  # people to reach, not an empty list
    assert listing(downloads) == before  # nothing copied, moved or written beside the user's files


def test_counts_through_a_workspace_equal_counts_through_the_flags(made):
    downloads, ws, truth = made
    workspace = load_workspace(ws)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        through_ws = build_network(**workspace.network_options())
        owners = sorted(zip(truth.owners["file"], truth.owners["url"], strict=True))
        through_flags = build_network(downloads / "Basic_LinkedInDataExport.zip",
                                      shared=[(url, downloads / file) for file, url in owners],
                                      mutuals=[downloads / "mutuals_capture.csv"], edges=[downloads / "edges.csv"])
    counts = mutual_counts(through_ws)
    assert counts.equals(mutual_counts(through_flags))
    assert (counts["known_count"] > 0).sum() > 10


def test_a_second_run_refreshes_its_own_outputs_but_never_the_users_edits(made):
    _, ws, _ = made
    ranked = ws / "out" / "ranked.csv"
    assert main(["-q", "rank", str(ws)]) == 0  # first or again: refkit's own file is refreshed
    assert main(["-q", "rank", str(ws)]) == 0
    edited = ranked.read_text(encoding="utf-8") + "my note,,,\n"  # the user annotated it in a spreadsheet
    ranked.write_text(edited, encoding="utf-8")
    assert main(["-q", "rank", str(ws)]) == 2
    assert ranked.read_text(encoding="utf-8") == edited
    assert main(["-q", "rank", str(ws), "--force"]) == 0
    assert "my note" not in ranked.read_text(encoding="utf-8")


def test_a_link_the_user_put_in_out_is_never_written_through(made, tmp_path, capsys):
    _, ws, _ = made
    precious = tmp_path / "precious.txt"
    precious.write_text("mine")
    page = ws / "out" / "network.html"
    page.unlink(missing_ok=True)
    page.symlink_to(precious)
    try:
        assert main(["-q", "graph", str(ws)]) == 2
        assert "refkit: error:" in capsys.readouterr().err
        assert precious.read_text() == "mine"
    finally:
        page.unlink()


def test_flags_override_the_file(made, tmp_path):
    _, ws, _ = made
    low, high = tmp_path / "low.csv", tmp_path / "high.csv"
    assert main(["-q", "rank", str(ws), "--min-mutual", "1", "-o", str(low)]) == 0
    assert main(["-q", "rank", str(ws), "--min-mutual", "6", "-o", str(high)]) == 0
    rows = {p: len(p.read_text(encoding="utf-8").splitlines()) for p in (low, high)}
    assert rows[low] > rows[high]
    assert not (ws / "out" / "low.csv").exists()  # -o wins over out/


def test_graph_report_and_tracker_write_only_in_out(made, capsys):
    _, ws, _ = made
    outside = {k: v for k, v in listing(ws).items() if not k.startswith("out/")}
    assert main(["-q", "graph", str(ws)]) == 0
    assert main(["-q", "report", str(ws)]) == 0
    assert main(["-q", "rank", str(ws)]) == 0
    assert main(["-q", "track", str(ws), "add"]) == 0  # the ranked list of out/ranked.csv
    assert main(["-q", "track", str(ws), "export"]) == 0
    out = capsys.readouterr().out
    assert str(ws / "out" / "tracker.csv") in out
    for name in ("network.html", "report/index.html", "report/ranked.csv", "tracker.csv"):
        assert (ws / "out" / name).is_file(), name
    now = {k: v for k, v in listing(ws).items() if not k.startswith("out/")}
    assert {k.split("-")[0] for k in set(now) - set(outside)} == {"refkit.sqlite"}  # the tracker (and its journal)
    assert all(now[k] == v for k, v in outside.items())  # refkit.toml and the rest untouched


def test_a_folder_of_files_is_described_not_refused(made, capsys):
    downloads, _, truth = made
    assert main(["inspect", str(downloads)]) == 0
    out = capsys.readouterr().out
    assert "no LinkedIn CSV files" not in out
    assert "LinkedIn archive" in out
    for file in truth.owners["file"]:
        assert f"{downloads / file}\n  connections (" in out
    assert "mutuals (" in out and "edges" in out and "tags (" in out


def test_ranking_a_folder_of_files_says_to_make_a_workspace(made, capsys):
    downloads, _, _ = made
    assert main(["rank", str(downloads), "-o", "-"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("refkit: error:")
    assert "refkit init" in err[0] and "Basic_LinkedInDataExport.zip (archive)" in err[0]


def test_your_connections_csv_beside_a_friends_export_is_a_folder_of_files_not_an_archive(tmp_path, capsys):
    """Found by the tester: a downloads folder with your Connections.csv and a friend's
    export was read as one LinkedIn archive, and the friend's file left out unsaid."""
    header = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
    folder = tmp_path / "downloads"
    folder.mkdir()
    (folder / "Connections.csv").write_text(header + "Fay,Friend,https://www.linkedin.com/in/fay,,Stripe,"
                                            "Engineer,01 Jan 2020\n", encoding="utf-8")
    (folder / "fay_friend_Connections.csv").write_text(header + "Tia,Target,https://www.linkedin.com/in/tia,,"
                                                       "Stripe,Engineer,01 Jan 2020\n", encoding="utf-8")
    assert main(["rank", str(folder), "--min-mutual", "1", "-o", "-"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "fay_friend_Connections.csv (connections)" in err[0] and "refkit init" in err[0]
    assert main(["inspect", str(folder)]) == 0
    out = capsys.readouterr().out
    assert "a folder of your files" in out and f"{folder / 'fay_friend_Connections.csv'}\n  connections (" in out
    # an archive's own folder (its Connections.csv among LinkedIn's other files) is still one archive
    archive = tmp_path / "archive"
    shutil.copytree(Path(__file__).parent.parent / "data_samples" / "my_linkedin_export", archive)
    assert main(["inspect", str(archive)]) == 0
    assert "LinkedIn archive" in capsys.readouterr().out


def test_an_export_without_o_is_one_clear_line(made, capsys):
    downloads, _, _ = made
    assert main(["rank", str(downloads / "Basic_LinkedInDataExport.zip")]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert err == [err[0]] and "-o is required" in err[0] and "refkit init" in err[0]


def test_init_again_keeps_every_byte_the_user_wrote(made):
    downloads, ws, _ = made
    before = (ws / "refkit.toml").read_bytes()
    report = init_workspace(ws, source=downloads)
    assert not report.created and report.added == ()
    assert (ws / "refkit.toml").read_bytes() == before


def test_the_command_as_typed(made):
    _, ws, _ = made
    done = subprocess.run([sys.executable, "-m", "refkit", "rank", str(ws), "--force"], capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "wrote " in done.stderr and str(ws / "out" / "ranked.csv") in done.stderr
    assert "people share at least 2 connections with you" in done.stdout


def test_init_takes_each_owner_from_the_connection_the_file_name_names(made, tmp_path):
    downloads, _, truth = made
    init_workspace(tmp_path / "fresh", source=downloads)
    text = (tmp_path / "fresh" / "refkit.toml").read_text(encoding="utf-8")
    assert "owner_guessed" not in text  # each friend is one of your connections, by a unique name
    shown = dict(re.findall(r'file = "[^"]*/([^"/]+)"\nowner = "([^"]*)"', text))
    assert shown == dict(zip(truth.owners["file"], truth.owners["url"], strict=True))


def test_the_readmes_three_steps_as_typed(made, tmp_path):
    from conftest import ROOT

    downloads, _, truth = made
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = readme.split("## Your own data in 3 steps", 1)[1].split("```sh\n", 1)[1].split("```", 1)[0]
    steps = [line.split("#")[0].strip() for line in block.strip().splitlines()]
    assert len(steps) == 3 and steps[0].startswith(".venv/bin/refkit init") and "refkit.toml" in steps[1]
    home = tmp_path / "home"
    shutil.copytree(downloads, home / "Downloads" / "linkedin")
    refkit = Path(sys.executable).with_name("refkit")
    env = {"PATH": "/usr/bin:/bin", "HOME": str(home)}

    def run(command: str) -> subprocess.CompletedProcess:
        command = command.replace(".venv/bin/refkit", str(refkit))
        return subprocess.run(["bash", "-c", command], cwd=home, env=env, capture_output=True, text=True,
                              timeout=120)

    first = run(steps[0])
    assert first.returncode == 0, first.stderr
    confirm_owners(home / "my_search", truth)  # step 2: the user checks the owners in an editor
    third = run(steps[2])
    assert third.returncode == 0, third.stderr
    assert (home / "my_search" / "out" / "ranked.csv").is_file()


def test_a_link_planted_as_the_record_of_outputs_is_never_written_through(made, capsys, tmp_path):
    """Item 6's sibling: out/.refkit-made.json is refkit's own note; a link in its place (a
    workspace received from someone else) must not make ``rank`` overwrite the link's target."""
    import os

    _, ws, _ = made
    out = ws / "out"
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir()
    precious = tmp_path / "precious.txt"
    precious.write_text("my notes\n")
    os.symlink(precious, out / ".refkit-made.json")
    try:
        assert main(["rank", str(ws)]) == 0
        assert (out / "ranked.csv").is_file()
        assert precious.read_text() == "my notes\n"
        assert (out / ".refkit-made.json").is_symlink()
        assert "could not note what refkit wrote" in capsys.readouterr().err
    finally:
        shutil.rmtree(out)


def test_a_hostile_out_folder_never_hangs_or_loses_the_output(made, capsys):
    import os

    _, ws, _ = made
    out = ws / "out"
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir()
    os.mkfifo(out / ".refkit-made.json")  # reading it would block forever
    try:
        assert main(["rank", str(ws)]) == 0
        assert (out / "ranked.csv").is_file()
        assert "could not note what refkit wrote" in capsys.readouterr().err
    finally:
        (out / ".refkit-made.json").unlink()
    (out / ".refkit-made.json").write_text('{"ranked.csv": "forged"}')
    assert main(["-q", "rank", str(ws)]) == 2  # a record that does not match: the file is kept
    assert "changed since refkit wrote it" in capsys.readouterr().err
    shutil.rmtree(out)
