"""What a person reads in the terminal (issue 15): summaries, suggestions, widths, names that do not lie."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest
from conftest import EXPORT, SAMPLES

from refkit.cli import main


def many_warnings(tmp_path):
    """An export with 60 undated rows and one other kind of problem: two kinds of warning."""
    rows = "\n".join(f"Person{i},Doe,,,Acme,Dev,not a date" for i in range(60))
    export = tmp_path / "Connections.csv"
    export.write_text("First Name,Last Name,URL,Email Address,Company,Position,Connected On\n" + rows
                      + "\n,,,,,,\nAna,Lee,https://www.linkedin.com/in/x,,Acme,Dev,08 Feb 2021,extra\n")
    return export


def warning_lines(err: str) -> list[str]:
    return [line for line in err.splitlines() if line.startswith("refkit: ")]


def test_many_warnings_become_one_line_per_kind(tmp_path, capsys):
    export = many_warnings(tmp_path)
    assert main(["rank", str(export), "--me", "Ana Lima", "-o", str(tmp_path / "r.csv")]) == 0
    lines = warning_lines(capsys.readouterr().err)
    assert lines[0].startswith("refkit: ") and "warnings of" in lines[0] and "--verbose" in lines[0]
    kinds = lines[1:]
    assert 2 <= len(kinds) <= 4 and all(line.startswith("refkit: warning: ") for line in kinds)
    assert "line 2:" in kinds[0] and "more like it)" in kinds[0]
    assert all("line 3:" not in line for line in kinds)  # the second undated row is counted, not shown


def test_verbose_lists_every_warning_and_quiet_none_even_after_the_command(tmp_path, capsys):
    export = many_warnings(tmp_path)
    out = str(tmp_path / "r.csv")
    assert main(["rank", str(export), "--me", "Ana Lima", "-o", out, "--verbose"]) == 0
    lines = warning_lines(capsys.readouterr().err)
    assert sum("line " in line for line in lines) >= 40  # one line each
    assert main(["rank", str(export), "--me", "Ana Lima", "-o", out, "--force", "-q"]) == 0
    assert warning_lines(capsys.readouterr().err) == []


@pytest.mark.parametrize(("typo", "meant"), [("--min-mutuals", "--min-mutual"), ("--compnay", "--company"),
                                             ("--note-limt", "--note-limit")])
def test_a_mistyped_flag_gets_the_closest_one(typo, meant, tmp_path, capsys):
    with pytest.raises(SystemExit) as stop:
        main(["rank", str(EXPORT), typo, "3", "-o", str(tmp_path / "r.csv")])
    assert stop.value.code == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert err == [f"refkit: error: unrecognized arguments: {typo} 3 (did you mean {meant}?)"]
    assert not (tmp_path / "r.csv").exists()


def test_inspect_says_each_error_once(tmp_path, capsys):
    bad = tmp_path / "photo.csv"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    assert main(["inspect", str(bad)]) == 2
    captured = capsys.readouterr()
    assert captured.out.count("PNG") + captured.err.count("PNG") <= 1 or captured.err.count("photo.csv") == 1
    assert "not usable" not in captured.out  # the one error line says it
    assert main(["inspect", str(SAMPLES / "edges.csv"), str(bad)]) == 2
    captured = capsys.readouterr()
    reason = captured.out.split("not usable: ", 1)[1].splitlines()[0]
    assert reason not in captured.err  # said once, where the file is listed
    assert captured.err.strip() == "refkit: error: 1 of 2 files could not be used (each says why above)"


@pytest.mark.parametrize(("command", "name"), [("graph", "net.png"), ("rank", "ranked.pdf"),
                                               ("graph", "net.csv"), ("rank", "ranked.html")])
def test_an_output_named_for_another_format_is_refused(command, name, tmp_path, capsys):
    assert main(["-q", command, str(SAMPLES), "-o", str(tmp_path / name)]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("refkit: error:") and "name it" in err
    assert list(tmp_path.iterdir()) == []


def test_track_tables_fit_80_columns_and_keep_names_whole(tmp_path):
    import shutil

    ws = tmp_path / "ws"
    shutil.copytree(SAMPLES, ws, ignore=shutil.ignore_patterns("out"))
    env = {**os.environ, "COLUMNS": "80"}

    def refkit(*args):
        done = subprocess.run([sys.executable, "-m", "refkit", *args], capture_output=True, text=True,
                              timeout=120, env=env)
        assert done.returncode == 0, done.stderr
        return done.stdout

    refkit("-q", "rank", str(ws))
    refkit("track", str(ws), "add")
    refkit("track", str(ws), "set", "Tariq van der Berg", "--status", "asked_introducer", "--note", "x" * 150)
    for action in ("list", "next"):
        out = refkit("track", str(ws), action)
        assert all(len(line) <= 80 for line in out.splitlines()), out
        assert "_" not in out  # headers and statuses in words
        assert "Tariq van der Berg" in out or action == "next"  # asked: nothing to do until an answer
        assert "Seo-yeon Levi" in out  # names whole


def test_demo_ends_with_a_link_to_open_and_what_to_do_next(tmp_path, capsys):
    assert main(["-q", "demo", str(SAMPLES), "-o", str(tmp_path / "out")]) == 0
    out = capsys.readouterr().out
    uri = next(word for word in out.split() if word.startswith("file://"))
    assert uri == (tmp_path / "out" / "index.html").resolve().as_uri()
    assert "make lab" in out
    assert all(len(line) <= 80 for line in out.splitlines()[-2:])


class _Terminal:
    """A text stream that says it is a terminal, and keeps what was written."""

    def __init__(self) -> None:
        self.text = ""

    def write(self, text: str) -> int:
        self.text += text
        return len(text)

    def flush(self) -> None:
        pass

    def isatty(self) -> bool:
        return True


def test_progress_bars_redraw_on_a_terminal_and_stay_out_of_logs(tmp_path, capsys, monkeypatch):
    from refkit.cli import _Printable

    terminal = _Terminal()
    shown = _Printable(terminal, progress=True)
    shown.write("\rreading shared exports:  50%|#####     | 100/200")
    shown.write("\rBob\x1b[2J")  # a control sequence is never passed, even looking like a redraw
    assert terminal.text.startswith("\rreading shared exports:  50%")
    assert "\x1b" not in terminal.text and "\\x1b[2J" in terminal.text
    # not a terminal (pytest captures stderr): no progress bar, and the setting is put back after
    monkeypatch.delenv("TQDM_DISABLE", raising=False)
    assert main(["-q", "rank", str(SAMPLES), "-o", str(tmp_path / "r.csv")]) == 0  # 5 shared exports
    err = capsys.readouterr().err
    assert "reading shared exports" not in err and "\\r" not in err
    import os

    assert "TQDM_DISABLE" not in os.environ


def test_one_is_singular_everywhere_the_terminal_counts(tmp_path, capsys):
    assert main(["-q", "rank", str(SAMPLES), "--min-mutual", "1", "--top", "1", "-o", str(tmp_path / "r.csv")]) == 0
    captured = capsys.readouterr()
    assert "wrote 1 row to" in captured.err
    assert "at least 1 connection with you" in captured.out
    assert main(["inspect", str(EXPORT)]) == 0
    assert "profile (Profile.csv): 1 row read" in capsys.readouterr().out


def test_a_target_company_with_nobody_on_the_list_is_explained(tmp_path, capsys):
    out = str(tmp_path / "r.csv")
    assert main(["-q", "rank", str(SAMPLES), "--company", "Stipe", "-o", out]) == 0
    notes = [line for line in capsys.readouterr().err.splitlines() if line.startswith("refkit: note: ")]
    assert notes == ["refkit: note: nobody at 'Stipe' in your network; did you mean 'Stripe'?"]
    assert main(["-q", "rank", str(SAMPLES), "--company", "Stripe", "-o", out, "--force"]) == 0
    note = next(line for line in capsys.readouterr().err.splitlines() if line.startswith("refkit: note: "))
    assert re.fullmatch(r"refkit: note: nobody at Stripe passes 10; \d+ people there are below it; "
                        r"\d+ (is a connection|are connections) of yours: ask them directly", note)
    assert main(["-q", "rank", str(SAMPLES), "--company", "Shopify", "-o", out, "--force"]) == 0
    assert "refkit: note:" not in capsys.readouterr().err  # Shopify has people on the list
    assert main(["-q", "rank", str(SAMPLES), "--company", "Stipe", "-o", out, "--force", "--pseudonymize", "k"]) == 0
    assert "Stripe" not in capsys.readouterr().err  # stand-ins only: no real company named


def test_a_keyword_that_matches_nobody_is_explained_with_the_closest_words(tmp_path, capsys):
    assert main(["-q", "rank", str(SAMPLES), "--company", "Shopify", "--keyword", "enginer",
                 "--keyword", "engineer", "-o", str(tmp_path / "r.csv")]) == 0
    notes = [line for line in capsys.readouterr().err.splitlines() if line.startswith("refkit: note: ")]
    assert len(notes) == 1  # 'engineer' matches people; Shopify has people on the list
    assert notes[0].startswith("refkit: note: no position on the list matches 'enginer'; did you mean 'engineer'")


def test_track_next_works_when_a_file_refkit_toml_names_is_gone(tmp_path, capsys):
    import shutil

    ws = tmp_path / "ws"
    shutil.copytree(SAMPLES, ws, ignore=shutil.ignore_patterns("out"))
    assert main(["-q", "rank", str(ws)]) == 0
    assert main(["-q", "track", str(ws), "add"]) == 0
    (ws / "edges.csv").unlink()  # moved away since: the tracker needs none of these files
    capsys.readouterr()
    assert main(["track", str(ws), "next"]) == 0
    captured = capsys.readouterr()
    assert "Next steps:" in captured.out
    assert "edges.csv" in captured.err and "default threshold of 10" in captured.err


def test_a_tag_for_someone_who_is_not_a_connection_is_explained(tmp_path, capsys):
    """A typo in the tags file would otherwise count for nobody without a word."""
    rows = (SAMPLES / "tags.csv").read_text(encoding="utf-8").splitlines()
    first = rows[1].split(",")  # a real connection of the sample user, by name and URL
    misspelt = first[0][:-1]  # 'Minh Hadda'
    tags = tmp_path / "tags.csv"
    tags.write_text(f"{rows[0]}\n{misspelt},,close\nNobody Like Them,,mentor\n{rows[1]}\n", encoding="utf-8")
    out = str(tmp_path / "r.csv")
    assert main(["-q", "rank", str(SAMPLES), "--tags", str(tags), "-o", out]) == 0
    notes = [line for line in capsys.readouterr().err.splitlines() if line.startswith("refkit: note: tags")]
    assert notes == [f"refkit: note: tags for {misspelt!r} count for nobody: not one of your connections; "
                     f"did you mean {first[0]!r}?",
                     "refkit: note: tags for 'Nobody Like Them' count for nobody: not one of your connections"]
    assert main(["-q", "rank", str(SAMPLES), "--tags", str(SAMPLES / "tags.csv"), "-o", out, "--force"]) == 0
    assert "refkit: note: tags" not in capsys.readouterr().err  # every sample tag is about a connection


def test_terminal_tables_and_notebook_tables_show_cells_by_one_rule():
    import pandas as pd

    from refkit.cli._table import fit
    from refkit.show import readable

    frame = pd.DataFrame({"name": ["Ann Lee", "Bo Park"], "status": ["asked_introducer", pd.NA],
                          "alternates": [("Priya Raman", "Omar Ali"), ()],
                          "since": pd.to_datetime(["2026-05-01", None]), "mutual_count": [12, 3]})
    text = fit(frame, 200)
    shown = readable(frame)
    for row in shown.itertuples(index=False):
        for value in row:
            assert str(value) in text
    assert "(" not in text and "NaT" not in text and "<NA>" not in text and "asked_introducer" not in text
    assert text.splitlines()[0].split() == ["name", "status", "alternates", "since", "mutuals"]


@pytest.mark.parametrize("columns", [80, 120])
def test_a_name_of_thousands_of_characters_does_not_widen_every_row(columns):
    """Found by the tester: one 5,000-character name in a friend's export made every row of
    ``track list``, ``track next`` and ``demo`` 5,000 characters wide: names were never cut."""
    import pandas as pd

    from refkit.cli._table import fit

    frame = pd.DataFrame({"name": ["A" * 5000 + " B", "Ann Lee"], "company": ["Stripe", "Globex"],
                          "action": ["ask Priya Raman for an introduction", "wait"]})
    lines = fit(frame, columns, keep=("name", "action")).splitlines()
    assert max(map(len, lines)) <= columns
    assert "Ann Lee" in lines[2] and "…" in lines[1]
    assert "ask Priya Raman for an introduction" in lines[1]  # cut the name before the action
    # a name that fits is never cut
    assert fit(frame.iloc[[1]], columns, keep=("name", "action")).splitlines()[1].split()[:2] == ["Ann", "Lee"]
