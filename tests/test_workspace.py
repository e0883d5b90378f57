"""refkit.toml workspaces: loading, errors naming key and line, same network as the flags."""

from __future__ import annotations

import tomllib
import warnings
from pathlib import Path

import pytest

from refkit._errors import FileFormatError, OptionError, RefkitError
from refkit.build import build_network
from refkit.read import shared_exports
from refkit.workspace import load_workspace, toml_string

SAMPLES = Path(__file__).resolve().parent.parent / "data_samples"


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
