"""Write every output refkit makes for a samples folder into one directory, to compare.

A refactoring that claims "no change in behaviour" proves it by running this script
before and after and comparing the two folders (``diff -r``)::

    python tests/outputs_snapshot.py data_samples /tmp/before
    # ... change the code ...
    python tests/outputs_snapshot.py data_samples /tmp/after
    diff -r /tmp/before /tmp/after && echo identical

It runs every CLI command as a separate process (stdout, stderr, exit status and the files
written) and dumps the library's frames (people, ties, reported counts, mutual counts,
tie strength, the ranked table with drafts, coach introductions) as CSV with their dtypes.
Temporary paths are replaced by placeholders so two runs compare equal.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import warnings
from pathlib import Path

TODAY = "2026-06-01"


def _cli(out: Path, name: str, args: list[str], *, cwd: Path, work: Path) -> None:
    env = {**os.environ, "COLUMNS": "80"}
    proc = subprocess.run([sys.executable, "-m", "refkit", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=900)
    target = out / "cli" / name
    target.mkdir(parents=True, exist_ok=True)
    for stream, text in (("stdout", proc.stdout), ("stderr", proc.stderr)):
        (target / stream).write_text(text.replace(str(work), "<WORK>").replace(str(cwd), "<SAMPLES>"))
    (target / "rc").write_text(str(proc.returncode))


def _frame(out: Path, name: str, frame) -> None:
    import pandas as pd

    path = out / "frames" / f"{name}.csv"
    path.parent.mkdir(parents=True, exist_ok=True)
    frame = frame.copy()
    for column in frame.columns:
        if frame[column].dtype == object:
            frame[column] = [repr(v) if isinstance(v, (tuple, list, dict, set, frozenset)) else v
                             for v in frame[column]]
    frame.to_csv(path)
    path.with_suffix(".dtypes").write_text(
        f"index {frame.index.dtype} {frame.index.name}\n"
        + "".join(f"{c} {t}\n" for c, t in frame.dtypes.items()))
    del pd


def _library(samples: Path, out: Path) -> None:
    import pandas as pd

    from refkit.build import build_network
    from refkit.cli.demo import sample_inputs
    from refkit.coach import bridge_summary, coach_introductions
    from refkit.draft import add_drafts
    from refkit.rank import mutual_counts, paths_into, rank_targets, threshold_summary, tie_strength

    inputs = sample_inputs(samples)
    tags = inputs.pop("tags")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        network = build_network(**inputs)
    (out / "frames").mkdir(parents=True, exist_ok=True)
    (out / "frames" / "warnings.txt").write_text(
        "\n".join(str(w.message) for w in caught) + "\n---\n" + "\n".join(network.warnings)
        + f"\n---\nme={network.me} {network.me_name}\n{network!r}\n")
    _frame(out, "people", network.people)
    _frame(out, "ties", network.ties)
    _frame(out, "reported", network.reported)
    _frame(out, "mutual_counts", mutual_counts(network))
    _frame(out, "tie_strength", tie_strength(network, tags=tags, today=pd.Timestamp(TODAY)))
    for n in (1, 3, 10):
        _frame(out, f"rank_{n}", add_drafts(rank_targets(network, min_mutual=n, tags=tags),
                                            me=network.me_name))
        (out / "frames" / f"summary_{n}.txt").write_text(threshold_summary(network, min_mutual=n).message)
    company = network.people["company"].dropna().value_counts().index[0]
    _frame(out, "rank_company", rank_targets(network, min_mutual=1, tags=tags, companies=[company],
                                             keywords=["engineer"], only_matching=True))
    _frame(out, "paths_into", paths_into(network, company))
    archive = inputs["export"]
    for _owner, path in inputs["shared"][:2]:
        intro = coach_introductions(archive, path, companies=[company], keywords=["engineer"])
        _frame(out, f"coach_{Path(path).stem}", intro)
        (out / "frames" / f"bridge_{Path(path).stem}.txt").write_text(repr(bridge_summary(archive, path)))


def normalize(out: Path, samples: Path) -> None:
    """Replace the samples folder's path and drop progress bars' timings, in every file of ``out``."""
    import re

    cr = rb"(?:\r|\\r)"  # the CLI shows a carriage return on a non-terminal stderr as \r
    bars = re.compile(cr + rb"(?:(?!" + cr + rb")[^\n])*(?:file|it)/s\]|" + cr + rb" +(?=" + cr + rb")")
    for path in sorted(out.rglob("*")):
        if path.is_file():
            data = path.read_bytes()
            new = bars.sub(b"", data.replace(str(samples).encode(), b"<SAMPLES>"))
            if new != data:
                path.write_bytes(new)


def snapshot(samples: Path, out: Path) -> None:
    samples = samples.resolve()
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    work = Path(tempfile.mkdtemp(prefix="snap-"))
    try:
        _library(samples, out)
        inputs = ["my_linkedin_export", "--shared-manifest", "shared/owners.csv",
                  "--mutuals", "mutuals_capture.csv", "--edges", "edges.csv", "--tags", "tags.csv"]
        runs = {
            "inspect": ["inspect", "my_linkedin_export", "shared", "mutuals_capture.csv", "edges.csv"],
            "rank10": ["rank", *inputs, "-o", str(work / "rank10.csv")],
            "rank3": ["rank", *inputs, "--min-mutual", "3", "--goal", "the data team",
                      "-o", str(work / "rank3.csv")],
            "rank_stdout": ["rank", *inputs, "--min-mutual", "2", "--top", "5", "--emails", "-o", "-"],
            "rank_company": ["rank", *inputs, "--min-mutual", "1", "--keyword", "engineer",
                             "--only-matching", "--bom", "-o", str(work / "rank_company.csv")],
            "rank_pseudo": ["rank", *inputs, "--min-mutual", "2", "--pseudonymize", "k",
                            "-o", str(work / "rank_pseudo.csv")],
            "graph": ["graph", *inputs, "--min-mutual", "3", "-o", str(work / "graph.html")],
            "report": ["report", *inputs, "--min-mutual", "3", "-o", str(work / "report")],
            "demo": ["demo", ".", "-o", str(work / "demo"), "--force"],
            "bad_me": ["rank", *inputs, "--me", "Nobody Here", "-o", str(work / "bad.csv")],
            "applications": ["applications", *inputs, "-o", str(work / "applications.csv")],
        }
        if (samples / "shared").is_dir():
            shared = sorted((samples / "shared").glob("*_Connections.csv"))
            if shared:
                runs["coach"] = ["coach", "my_linkedin_export", str(shared[0].relative_to(samples)),
                                 "--keyword", "engineer", "--workspace", str(work / "coachws"),
                                 "-o", str(work / "coach.csv")]
        for name, args in runs.items():
            _cli(out, name, args, cwd=samples, work=work)
        ws = str(work / "ws")
        track = {
            "track_add": ["track", ws, "add", str(work / "rank3.csv"), "--date", "2026-05-01"],
            "track_list": ["track", ws, "list", "--date", TODAY],
            "track_next": ["track", ws, "next", "--date", TODAY],
            "track_export": ["track", ws, "export", "-o", str(work / "track.csv")],
        }
        for name, args in track.items():
            _cli(out, name, args, cwd=samples, work=work)
        ranked = (work / "rank3.csv").read_text(encoding="utf-8").splitlines()
        if len(ranked) > 2:
            import csv

            rows = list(csv.DictReader(ranked))
            for i, status in enumerate(("asked_introducer", "declined", "invited")):
                if i < len(rows):
                    _cli(out, f"track_set_{status}", ["track", ws, "set", rows[i]["name"], "--status", status,
                                                      "--date", "2026-05-10"], cwd=samples, work=work)
            _cli(out, "track_next_after", ["track", ws, "next", "--date", TODAY], cwd=samples, work=work)
            _cli(out, "track_list_after", ["track", ws, "list", "--date", TODAY], cwd=samples, work=work)
            _cli(out, "track_export_after", ["track", ws, "export", "-o", str(work / "track2.csv")],
                 cwd=samples, work=work)
        files = out / "files"
        for path in sorted(work.rglob("*")):
            if path.is_file() and path.suffix != ".sqlite" and not path.name.endswith(("-wal", "-shm")):
                target = files / path.relative_to(work)
                target.parent.mkdir(parents=True, exist_ok=True)
                data = path.read_bytes().replace(str(work).encode(), b"<WORK>")
                target.write_bytes(data.replace(str(samples).encode(), b"<SAMPLES>"))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    normalize(out, samples)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("samples", type=Path, help="a samples folder (as write_samples makes)")
    parser.add_argument("out", type=Path, help="folder to write (replaced)")
    parser.add_argument("--normalize-only", action="store_true",
                        help="only normalise an existing snapshot folder made from SAMPLES")
    args = parser.parse_args()
    if args.normalize_only:
        normalize(args.out, args.samples.resolve())
    else:
        snapshot(args.samples, args.out)


if __name__ == "__main__":
    main()
