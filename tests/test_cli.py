"""The command line as a user runs it: inspect, rank, demo."""

import csv
import shutil
import subprocess
import sys

import pytest
from conftest import EXPORT, SAMPLES

from refkit.cli import main
from refkit.rank import RANK_COLUMNS


def rank_args(out, *extra):
    args = ["rank", str(EXPORT), "--shared-manifest", str(SAMPLES / "shared" / "owners.csv"),
            "--mutuals", str(SAMPLES / "mutuals_capture.csv"), "--tags", str(SAMPLES / "tags.csv"),
            "-o", str(out)]
    return args + list(extra)


def read_rows(path):
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def test_inspect_every_sample_file(capsys):
    files = sorted(str(p) for p in SAMPLES.rglob("*.csv")
                   if p.name != "mutuals_template.csv" and "out" not in p.relative_to(SAMPLES).parts)
    assert main(["inspect", str(EXPORT), *files]) == 0
    out = capsys.readouterr().out
    assert "LinkedIn archive" in out
    assert "connections (2023+ (with URL)" in out
    assert "rows read" in out and "skipped" in out  # date-only rows are skipped and counted
    assert "mutuals" in out and "owners" in out and "tags" in out


def test_inspect_says_which_rows_the_network_will_skip_as_rank_does(tmp_path, capsys):
    """Found by the tester: inspect said every row was read, then rank skipped one (a name of
    symbols only and no URL: nobody to place) and only rank said so."""
    export = tmp_path / "Connections.csv"
    export.write_text("First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
                      "Ann,Lee,https://www.linkedin.com/in/ann-lee,,Stripe,Engineer,08 Feb 2021\n"
                      "\u2605,\u2606,,,Stripe,Engineer,08 Feb 2021\n"
                      "\u2605,\u2606,https://www.linkedin.com/in/star,,Stripe,Engineer,08 Feb 2021\n",
                      encoding="utf-8")
    assert main(["inspect", str(export)]) == 0
    said = capsys.readouterr().out
    assert "3 rows read" in said and "skipped when the network is built: 1 " in said
    warned = [line.strip() for line in said.splitlines() if "warning:" in line]
    assert len(warned) == 1 and f"{export}, line 3:" in warned[0]
    assert main(["rank", str(export), "--min-mutual", "1", "-o", str(tmp_path / "r.csv")]) == 0
    assert f"{export}, line 3:" in capsys.readouterr().err  # what rank says, inspect said first


def test_inspect_unusable_file_is_one_line_and_exit_2(tmp_path, capsys):
    bad = tmp_path / "photo.csv"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    assert main(["inspect", str(bad)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("refkit: error: ") and "photo.csv" in err[0]


def test_rank_writes_the_contracted_columns(tmp_path, capsys):
    out = tmp_path / "ranked.csv"
    assert main(["-q", *rank_args(out, "--min-mutual", "10", "--company", "Shopify")]) == 0
    with open(out, encoding="utf-8", newline="") as fh:
        header = next(csv.reader(fh))
    assert header[: len(RANK_COLUMNS)] == RANK_COLUMNS
    assert "invitation_note" in header and "referral_request" in header
    rows = read_rows(out)
    assert rows, "the samples have people with 10+ mutual connections"
    assert [int(r["rank"]) for r in rows] == list(range(1, len(rows) + 1))
    assert all(int(r["mutual_count"]) >= 10 for r in rows)
    assert not any("@" in value for r in rows for value in r.values())  # no e-mail addresses
    assert all(len(r["invitation_note"]) <= 200 for r in rows)
    assert "people share at least 10 connections" in capsys.readouterr().out


def test_rank_threshold_and_top(tmp_path):
    low, high = tmp_path / "low.csv", tmp_path / "high.csv"
    assert main(["-q", *rank_args(low, "--min-mutual", "3")]) == 0
    assert main(["-q", *rank_args(high, "--min-mutual", "15", "--top", "3")]) == 0
    low_rows, high_rows = read_rows(low), read_rows(high)
    assert len(high_rows) <= 3 < len(low_rows)
    assert all(int(r["mutual_count"]) >= 15 for r in high_rows)


def test_rank_refuses_to_overwrite_and_bad_input(tmp_path, capsys):
    out = tmp_path / "ranked.csv"
    out.write_text("keep me")
    assert main(["-q", *rank_args(out)]) == 2
    assert out.read_text() == "keep me"
    assert main(["-q", *rank_args(out, "--force")]) == 0
    capsys.readouterr()
    wrong = tmp_path / "Invitations.csv"
    shutil.copy(EXPORT / "Invitations.csv", wrong)
    assert main(["rank", str(wrong), "-o", str(tmp_path / "x.csv")]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("refkit: error: ") and "Invitations.csv" in err[0]
    assert main(["rank", str(EXPORT), "--shared", "nofile", "-o", str(tmp_path / "y.csv")]) == 2
    assert "OWNER=FILE" in capsys.readouterr().err


def test_demo_in_a_subprocess(tmp_path):
    proc = subprocess.run(
        [sys.executable, "-m", "refkit", "demo", str(SAMPLES), "-o", str(tmp_path / "out")],
        capture_output=True, text=True, timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    assert "people share at least 10 connections" in proc.stdout
    out = tmp_path / "out"
    assert {p.name for p in out.iterdir()} == {"index.html", "network.html", "ranked.csv",
                                               "mutual_counts.png", "introducers.png",
                                               "companies.png", "growth.png"}
    rows = read_rows(out / "ranked.csv")
    assert len(rows) == 21 and rows[0]["name"] in (out / "index.html").read_text()
    assert "Traceback" not in proc.stderr
    # run again: like every command, the demo asks before replacing its outputs (issue 12, item 8)
    again = subprocess.run(
        [sys.executable, "-m", "refkit", "demo", str(SAMPLES), "-o", str(out)],
        capture_output=True, text=True, timeout=300,
    )
    assert again.returncode == 2 and "--force" in again.stderr and "Traceback" not in again.stderr
    forced = subprocess.run(
        [sys.executable, "-m", "refkit", "demo", str(SAMPLES), "-o", str(out), "--force"],
        capture_output=True, text=True, timeout=300,
    )
    assert forced.returncode == 0, forced.stderr


def test_demo_ranks_as_rank_does_on_the_samples_workspace(tmp_path, capsys):
    # the demo is the main job on data_samples: its workspace's companies, keywords, job
    # targets and note limit apply, so its ranked.csv is the one `refkit rank data_samples` writes
    assert main(["-q", "demo", str(SAMPLES), "-o", str(tmp_path / "demo")]) == 0
    shown = capsys.readouterr().out
    assert main(["-q", "rank", str(SAMPLES), "-o", str(tmp_path / "ranked.csv")]) == 0
    ranked = (tmp_path / "ranked.csv").read_bytes()
    assert (tmp_path / "demo" / "ranked.csv").read_bytes() == ranked
    rows = read_rows(tmp_path / "ranked.csv")
    assert any(row["keyword_match"] == "True" for row in rows)  # the workspace's keywords were used
    top = [line.split()[1] for line in shown.splitlines() if line.split()[:1] == ["1"]]
    assert top == [rows[0]["name"].split()[0]]  # the table printed is the list written


def test_demo_says_the_samples_warnings_were_left_out_and_how_many(tmp_path, capsys):
    assert main(["-v", "rank", str(SAMPLES), "-o", str(tmp_path / "ranked.csv")]) == 0
    count = capsys.readouterr().err.count("refkit: warning: ")
    assert count > 5  # the samples are messy on purpose
    assert main(["demo", str(SAMPLES), "-o", str(tmp_path / "demo")]) == 0
    captured = capsys.readouterr()
    assert "refkit: warning" not in captured.err
    said = " ".join(captured.out.split())
    assert f"{count} warnings about rows of these files are left out" in said and f"refkit rank {SAMPLES}" in said
    # plain words about the network (not a Python repr), and the samples are not called yours either
    assert "Network(" not in said and "Minh Takahashi's network: 287 1st-degree connections, " in said


@pytest.mark.parametrize("argv", [["rank"], ["inspect"], ["nonsense"]])
def test_usage_errors_exit_2(argv, capsys):
    with pytest.raises(SystemExit) as exc:
        main(argv)
    assert exc.value.code == 2
    assert capsys.readouterr().err.startswith("refkit: error:")


def test_output_into_a_closed_pipe_is_not_a_traceback():
    proc = subprocess.Popen(
        [sys.executable, "-m", "refkit", "inspect", str(EXPORT), str(SAMPLES / "mutuals_capture.csv")],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )
    proc.stdout.close()  # like `| head` that stopped reading
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 0
    assert b"Traceback" not in err and b"BrokenPipeError" not in err


def test_core_imports_without_view_libraries():
    code = ("import sys, refkit; heavy = [m for m in ('pyvis', 'matplotlib', 'ipywidgets', "
            "'networkx', 'jupyterlab') if m in sys.modules]; print(heavy)")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert proc.stdout.strip() == "[]", proc.stderr


@pytest.mark.parametrize(("flag", "value", "said"), [
    ("--note-limit", "5000", "argument --note-limit: expected a whole number from 20 to 300 (LinkedIn's limit"),
    ("--note-limit", "5", "argument --note-limit: expected a whole number from 20 to 300"),
    ("--min-mutual", "0", "argument --min-mutual: expected a whole number of at least 1, got 0"),
    ("--min-mutual", "ten", "argument --min-mutual: expected a whole number of at least 1, got 'ten'"),
])
def test_a_bad_number_is_named_by_its_flag_and_linkedins_limit(flag, value, said, tmp_path, capsys):
    """Found by the tester: --note-limit 5000 was taken (LinkedIn allows 300 at most), and
    errors named the library's parameters (``limit``, ``min_mutual``), not the flags."""
    with pytest.raises(SystemExit) as exc:  # as argparse's own usage errors
        main(["rank", str(EXPORT), flag, value, "-o", str(tmp_path / "r.csv")])
    assert exc.value.code == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith(f"refkit: error: {said}")
    assert not (tmp_path / "r.csv").exists()


def test_a_file_the_manifest_lists_but_is_missing_is_named_with_the_manifests_line(tmp_path, capsys):
    """Found by the tester: the error named the missing file alone, not the owners.csv (and
    line) that lists it."""
    shutil.copy(SAMPLES / "shared" / "arjun_menon_Connections.csv", tmp_path)
    manifest = tmp_path / "owners.csv"
    manifest.write_text("file,owner_name,owner_url\narjun_menon_Connections.csv,Arjun Menon,\n"
                        "missing.csv,Nobody,\n", encoding="utf-8")
    assert main(["rank", str(EXPORT), "--shared-manifest", str(manifest), "-o", str(tmp_path / "r.csv")]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith(f"refkit: error: {manifest}, line 3: lists ")
    assert str(tmp_path / "missing.csv") in err[0]
