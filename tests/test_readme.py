"""The README names only columns, settings and statuses that exist, where it says they are."""

from __future__ import annotations

import csv
import re
from pathlib import Path

from conftest import SAMPLES

from refkit.cli import main
from refkit.track import STATUSES
from refkit.workspace import _SHARED_KEYS, _TOP_KEYS

README = Path(__file__).resolve().parents[1] / "README.md"


def _ranked_header(tmp_path: Path) -> list[str]:
    out = tmp_path / "ranked.csv"
    assert main(["-q", "rank", str(SAMPLES), "-o", str(out)]) == 0
    with out.open(encoding="utf-8", newline="") as handle:
        return next(csv.reader(handle))


def test_readme_first_columns_of_ranked_csv_are_the_files(tmp_path):
    text = " ".join(README.read_text(encoding="utf-8").split())
    listed = re.search(r"`refkit rank` writes a CSV whose first columns are `([a-z_,]+)`", text)
    assert listed, "the README no longer lists ranked.csv's first columns"
    names = listed.group(1).split(",")
    assert _ranked_header(tmp_path)[:len(names)] == names


def test_every_name_the_readme_gives_as_a_column_or_setting_exists(tmp_path):
    # a bare `snake_case` name in the README reads as a column of ranked.csv, a key of
    # refkit.toml or a tracker status: each must be one (functions are written `name()`),
    # unless its sentence names the function that makes that column
    import pandas as pd

    from refkit.draft import add_opt_in_drafts

    header = set(_ranked_header(tmp_path))
    known = header | set(_TOP_KEYS) | set(_SHARED_KEYS) | set(STATUSES)
    ranked = pd.DataFrame({"name": ["Lee Chen"], "company": ["Globex"], "introducer": ["Priya Raman"]})
    opt_in = set(add_opt_in_drafts(ranked, me="Alex Kim").columns) - set(ranked.columns)
    text = " ".join(README.read_text(encoding="utf-8").split())
    wrong = []
    for sentence in re.split(r"(?<=[.:])\s+(?=[A-Z*`])", text):
        for name in re.findall(r"`([a-z]+(?:_[a-z]+)+)`", sentence):
            if name not in known and not (name in opt_in and "`refkit.draft.add_opt_in_drafts()`" in sentence):
                wrong.append(name)
    assert wrong == []
    # the columns the ranked-CSV paragraphs name are in ranked.csv, not elsewhere
    columns = set(re.findall(r"`([a-z]+(?:_[a-z]+)+)` column", text))
    assert columns and columns <= header
