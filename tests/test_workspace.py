"""refkit.toml workspaces: loading, errors naming key and line, same network as the flags."""

from __future__ import annotations

import tomllib
import warnings
from pathlib import Path

import pytest
from conftest import SAMPLES

from refkit._errors import FileFormatError, OptionError, RefkitError
from refkit.build import build_network
from refkit.read import shared_exports
from refkit.workspace import init_workspace, load_workspace, toml_string


def _write(folder: Path, text: str) -> Path:
    (folder / "Connections.csv").write_text("First Name,Last Name,Connected On\nAda,L,08 Feb 2021\n")
    (folder / "refkit.toml").write_text(text, encoding="utf-8")
    return folder


@pytest.mark.parametrize("name", ['a "quoted" name', "back\\slash", "new\nline", "tab\there", "é👨🏻‍💻",
                                  "x = y", "del\x7f", "'single'", "[[shared]]"])
def test_toml_string_round_trips_hostile_names(name):
    assert tomllib.loads(f"file = {toml_string(name)}\n")["file"] == name


def test_unknown_key_suggests_and_names_line(tmp_path):
    _write(tmp_path, 'export = "Connections.csv"\n\nmin_mutuals = 3\n')
    with pytest.raises(OptionError, match=r"line 3: min_mutuals: unknown key \(did you mean 'min_mutual'\?\)"):
        load_workspace(tmp_path)


def test_all_problems_at_once_in_line_order(tmp_path):
    _write(tmp_path, 'export = "Connections.csv"\nmin_mutual = "ten"\nmutuals = ["gone.csv"]\n'
                     'companies = "Stripe"\n[[shared]]\nfile = "Connections.csv"\nowner = "Priya Raman"\n'
                     'owner_guessed = true\n')
    with pytest.raises(FileFormatError) as info:
        load_workspace(tmp_path)
    text = str(info.value)
    assert info.value.line == 2
    order = [text.index(f"line {n}: ") for n in (2, 3, 4, 8)]
    assert order == sorted(order)
    assert "no such file: 'gone.csv'" in text and "is a guess" in text


def test_guess_allowed_when_asked(tmp_path):
    _write(tmp_path, 'export = "Connections.csv"\n[[shared]]\nfile = "Connections.csv"\n'
                     'owner = "Priya Raman"\nowner_guessed = true\n')
    assert load_workspace(tmp_path, allow_guesses=True).shared[0].owner == "Priya Raman"


def test_syntax_error_names_line(tmp_path):
    _write(tmp_path, 'export = "Connections.csv"\nmin_mutual = = 3\n')
    with pytest.raises(FileFormatError, match="line 2: not valid TOML") as info:
        load_workspace(tmp_path)
    assert info.value.line == 2


def test_missing_config(tmp_path):
    with pytest.raises(RefkitError, match="refkit init"):
        load_workspace(tmp_path)


def test_samples_workspace_builds_the_same_network_as_the_flags():
    ws = load_workspace(SAMPLES)
    assert ws.tracker == SAMPLES / "refkit.sqlite" and ws.out == SAMPLES / "out"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        through_ws = build_network(**ws.network_options())
        explicit = build_network(SAMPLES / "my_linkedin_export",
                                 shared=shared_exports(SAMPLES / "shared/owners.csv"),
                                 mutuals=[SAMPLES / "mutuals_capture.csv"], edges=[SAMPLES / "edges.csv"])
    assert through_ws.people.sort_index().equals(explicit.people.sort_index())
    assert len(through_ws.ties) == len(explicit.ties)
    assert through_ws.people["degree"].value_counts().to_dict() == explicit.people["degree"].value_counts().to_dict()


def test_refkit_init_from_a_mixed_folder_then_rerun_keeps_edits(tmp_path):
    import shutil
    import subprocess
    import sys

    src = tmp_path / "downloads"
    src.mkdir()
    shutil.copytree(SAMPLES / "my_linkedin_export", src / "my_linkedin_export")
    shutil.copy(SAMPLES / "shared/tyler_cohen_Connections.csv", src / "priya_raman_Connections.csv")
    shutil.copy(SAMPLES / "mutuals_capture.csv", src / "edges.csv")  # a misleading name
    (src / "budget.csv").write_text("month,amount\nJan,3\n")
    ws = tmp_path / "search"

    def init():
        return subprocess.run([sys.executable, "-m", "refkit", "init", str(ws), "--from", str(src)],
                              capture_output=True, text=True, timeout=120)

    proc = init()
    assert proc.returncode == 0, proc.stderr
    assert all(len(line) <= 80 for line in proc.stdout.splitlines() if str(tmp_path) not in line)
    assert "guessed 'Priya Raman'" in proc.stdout
    table = tomllib.loads((ws / "refkit.toml").read_text())
    assert table["mutuals"] == [str((src / "edges.csv").resolve())] and table["edges"] == []
    assert table["shared"][0]["owner"] == "Priya Raman" and table["shared"][0]["owner_guessed"] is True
    with pytest.raises(OptionError, match="is a guess"):
        load_workspace(ws)
    edited = (ws / "refkit.toml").read_text().replace("owner_guessed = true\n", "") + "# my note\n"
    (ws / "refkit.toml").write_text(edited)
    assert init().returncode == 0
    assert (ws / "refkit.toml").read_text() == edited
    assert load_workspace(ws).shared[0].owner == "Priya Raman"


def test_init_again_names_new_captures_it_did_not_add(tmp_path):
    src = tmp_path / "downloads"
    src.mkdir()
    (src / "Connections.csv").write_bytes((SAMPLES / "my_linkedin_export" / "Connections.csv").read_bytes())
    ws = tmp_path / "search"
    init_workspace(ws, source=src)
    before = (ws / "refkit.toml").read_bytes()
    (src / "later_capture.csv").write_bytes((SAMPLES / "mutuals_capture.csv").read_bytes())
    report = init_workspace(ws, source=src)
    assert (ws / "refkit.toml").read_bytes() == before  # the user's list is theirs to edit
    assert any("later_capture.csv" in item and item.startswith("mutuals:") for item in report.to_fill)


def test_account_and_tracker_settings(tmp_path):
    # issue 17: the account sets the note length and the personal notes a month; every number is overridable
    (tmp_path / "Connections.csv").write_text("First Name,Last Name,Connected On\n", encoding="utf-8")
    config = tmp_path / "refkit.toml"
    config.write_text('export = "Connections.csv"\n', encoding="utf-8")
    ws = load_workspace(tmp_path)
    assert (ws.account, ws.note_limit, ws.monthly_notes, ws.max_open_asks, ws.weekly_invitations, ws.reinvite_days) == (
        "free", 200, 5, 2, 100, 21)
    config.write_text('export = "Connections.csv"\naccount = "Premium"\nmax_open_asks = 3\nmonthly_notes = 0\n'
                      "weekly_invitations = 60\nreinvite_days = 28\n", encoding="utf-8")
    ws = load_workspace(tmp_path)
    assert (ws.account, ws.note_limit, ws.monthly_notes) == ("premium", 300, 0)
    assert ws.plan_options() == {"min_mutual": 10, "max_open_asks": 3, "reinvite_days": 28, "account": "premium",
                                 "weekly_invitations": 60, "monthly_notes": 0}
    assert load_workspace_premium_notes(config) is None
    config.write_text('export = "Connections.csv"\naccount = "gold"\nnote_limit = 300\nmax_open_asks = 0\n',
                      encoding="utf-8")
    with pytest.raises(OptionError) as err:
        load_workspace(tmp_path)
    message = str(err.value)
    assert 'line 2: account: expected "free" or "premium"' in message
    assert "line 3: note_limit: 300 is longer than a free account's invitation notes (200 characters)" in message
    assert "line 4: max_open_asks: expected a whole number of at least 1, got 0" in message


def load_workspace_premium_notes(config):
    config.write_text('export = "Connections.csv"\naccount = "premium"\n', encoding="utf-8")
    return load_workspace(config.parent).monthly_notes


@pytest.mark.parametrize("kind", ["not toml", "not utf-8", "folder", "pipe"])
def test_init_on_an_unusable_refkit_toml_is_one_clean_error(tmp_path, kind):
    """Issue 12, item 21's sibling in `refkit init`: an existing refkit.toml that cannot be
    read (not TOML, not UTF-8, a folder, a pipe that would block) is a RefkitError naming
    the file, never a traceback or a hang, and is left as it was."""
    import os
    import subprocess

    from conftest import ROOT

    source = tmp_path / "downloads"
    source.mkdir()
    (source / "c.csv").write_text("First Name,Last Name,Connected On\nAda,L,08 Feb 2021\n")
    ws = tmp_path / "ws"
    ws.mkdir()
    config = ws / "refkit.toml"
    if kind == "not toml":
        config.write_text("my notes, not a config\n")
    elif kind == "not utf-8":
        config.write_bytes(b'export = "caf\xe9"\n')
    elif kind == "folder":
        config.mkdir()
    else:
        os.mkfifo(config)
    before = config.read_bytes() if kind.startswith("not") else None
    proc = subprocess.run([str(ROOT / ".venv" / "bin" / "refkit"), "init", str(ws), "--from", str(source)],
                          capture_output=True, text=True, timeout=30)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr, proc.stderr
    assert proc.stderr.startswith(f"refkit: error: {config}"), proc.stderr
    if before is not None:
        assert config.read_bytes() == before


def test_out_as_a_dangling_link_is_named_in_refkit_toml(tmp_path):
    """Issue 12, item 6's sibling: ``out`` a link to nothing is one clear error naming the
    key and the link, not 'File exists' from a failed mkdir."""
    _write(tmp_path, 'export = "Connections.csv"\nout = "out"\n')
    (tmp_path / "out").symlink_to(tmp_path / "gone" / "x")
    with pytest.raises(FileFormatError, match=r"line 2: out: 'out' is a link to .*gone.*which does not exist"):
        load_workspace(tmp_path)


def test_init_leaves_out_a_capture_with_a_header_only_and_says_so(tmp_path):
    """Found by the tester: `refkit init --from` listed the samples' header-only
    mutuals_template.csv as a capture, and every later command stopped with "header found
    but no usable rows". A template is not listed; init says why, each time it runs."""
    import shutil

    src = tmp_path / "downloads"
    shutil.copytree(SAMPLES / "my_linkedin_export", src / "my_linkedin_export")
    shutil.copy(SAMPLES / "mutuals_capture.csv", src / "mutuals_capture.csv")
    (src / "mutuals_template.csv").write_text("Name,URL,Company,Position,Mutual Count,Mutual Connections\n")
    (src / "edges.csv").write_text("source,target,note\n")
    ws = tmp_path / "search"
    for _ in range(2):
        report = init_workspace(ws, source=src)
        table = tomllib.loads((ws / "refkit.toml").read_text())
        assert table["mutuals"] == [str((src / "mutuals_capture.csv").resolve())]
        assert table["edges"] == []
        said = [item for item in report.to_fill if "no usable rows yet" in item]
        assert [s.split(":")[0] for s in said] == ["edges", "mutuals"], report.to_fill
        assert "mutuals_template.csv" in said[1]
    load_workspace(ws)  # the workspace works
