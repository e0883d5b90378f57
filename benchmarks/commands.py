"""The whole command as the user waits for it, beside the plain pandas + networkx script.

Coach scale: the user's 30,000 connections and 200 shared exports of 2,000 rows
(``refkit.testing.write_samples``). Each command runs as its own process, three
times; the table shows the median wall time, the peak memory (max RSS) and the
ratio to the plain script in the same run (``rank`` twice: as it runs, reading the shared
exports with worker processes, and in one process). The plain script reads the files
with ``pd.read_csv``, counts mutual connections with ``nx.common_neighbors``
for each candidate and writes a CSV: nothing more, and it is not slowed down.

A last table ranks a 1,000,000-row Connections.csv (the coach-scale own export
repeated with distinct profile URLs, beside the same shared exports): wall time
and peak memory of the whole process, against the goal of 10 s and 1 GB.

Run: ``.venv/bin/python benchmarks/commands.py [SAMPLES_FOLDER] [--million also|only|no]``.
"""

from __future__ import annotations

import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
import warnings
from pathlib import Path

PLAIN = r'''
import sys, csv
import pandas as pd, networkx as nx
folder, min_mutual, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]

def read(path):
    with open(path, encoding="utf-8-sig", errors="replace") as fh:
        head = [next(fh, "") for _ in range(6)]
    skip = next((i for i, line in enumerate(head) if "First Name" in line), 0)
    sep = ";" if ";" in head[skip] else ","
    return pd.read_csv(path, skiprows=skip, sep=sep, dtype=str, on_bad_lines="skip",
                       encoding="utf-8-sig", encoding_errors="replace")

def keys(frame):
    url = frame["URL"] if "URL" in frame else pd.Series(pd.NA, index=frame.index)
    name = frame["First Name"].fillna("") + " " + frame["Last Name"].fillna("")
    return url.fillna("name:" + name)

graph = nx.Graph()
mine = read(f"{folder}/my_linkedin_export/Connections.csv")
me = "me"
graph.add_edges_from((me, k) for k in keys(mine))
owners = pd.read_csv(f"{folder}/shared/owners.csv", dtype=str)
for file, url in zip(owners["file"], owners["owner_url"]):
    frame = read(f"{folder}/shared/{file}")
    graph.add_edges_from((url, k) for k in keys(frame))
first = set(graph.neighbors(me))
rows = []
for person in graph.nodes:
    if person == me or person in first:
        continue
    common = list(nx.common_neighbors(graph, me, person))
    if len(common) >= min_mutual:
        rows.append((person, len(common), "; ".join(map(str, common[:5]))))
rows.sort(key=lambda r: -r[1])
with open(out, "w", newline="", encoding="utf-8") as fh:
    writer = csv.writer(fh)
    writer.writerow(["key", "mutual_count", "mutual_connections"])
    writer.writerows(rows)
print(len(rows), "rows")
'''


def run(argv: list[str], env: dict[str, str] | None = None) -> tuple[float, float]:
    """Wall seconds and peak memory (MB): max RSS of the process or of any worker it forked."""
    start = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            env={**os.environ, **(env or {})})
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"failed: {' '.join(argv)}")
    return wall, usage.ru_maxrss / 1024


def median_of(argv: list[str], repeat: int, env: dict[str, str] | None = None) -> tuple[float, float]:
    runs = [run(argv, env) for _ in range(repeat)]
    return statistics.median(w for w, _ in runs), max(m for _, m in runs)


def main(folder: Path, repeat: int = 3) -> None:
    out = Path(tempfile.mkdtemp())
    python = sys.executable
    refkit = [python, "-m", "refkit", "-q"]
    inputs = [str(folder / "my_linkedin_export"), "--shared-manifest", str(folder / "shared" / "owners.csv")]
    plain_script = out / "plain.py"
    plain_script.write_text(PLAIN)
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
          f"{platform.system()} {platform.release()}; median of {repeat} processes\n")
    print("| command | refkit s | refkit MB | plain script s | plain MB | ratio |")
    print("|---|---:|---:|---:|---:|---:|")
    for threshold in (3, 10):
        plain = median_of([python, str(plain_script), str(folder), str(threshold), str(out / "plain.csv")], repeat)
        for command, target, env in (("rank", "r.csv", None), ("rank", "r1.csv", {"REFKIT_WORKERS": "1"}),
                                     ("graph", "g.html", None), ("report", f"report{threshold}", None)):
            args = [*refkit, command, *inputs, "--min-mutual", str(threshold), "-o", str(out / target), "--force"]
            wall, peak = median_of(args, repeat, env)
            how = " (one process: `REFKIT_WORKERS=1`)" if env else ""
            print(f"| `refkit {command} --min-mutual {threshold}`{how} | {wall:.2f} | {peak:.0f} | {plain[0]:.2f} | "
                  f"{plain[1]:.0f} | {wall / plain[0]:.2f}× |")


def million_rows(folder: Path, out: Path, rows: int = 1_000_000) -> Path:
    """A copy of ``folder`` whose own Connections.csv has ``rows`` rows: its rows repeated,
    each copy with its own profile URLs (the shape of a very large real export)."""
    import shutil

    target = out / "million"
    shutil.copytree(folder, target, dirs_exist_ok=True)
    source = (folder / "my_linkedin_export" / "Connections.csv").read_text(encoding="utf-8")
    start = source.index("First Name")
    header_end = source.index("\n", start) + 1
    body = [line + "\n" for line in source[header_end:].split("\n") if line]
    with open(target / "my_linkedin_export" / "Connections.csv", "w", encoding="utf-8", newline="") as fh:
        fh.write(source[:header_end])
        written, copy = 0, 0
        while written < rows:
            chunk = body[: rows - written]
            fh.writelines(chunk if copy == 0 else
                          (line.replace("linkedin.com/in/", f"linkedin.com/in/copy{copy}-") for line in chunk))
            written += len(chunk)
            copy += 1
    return target


def main_million(folder: Path, repeat: int = 1) -> None:
    """``refkit rank`` on a 1,000,000-row Connections.csv (plus the coach-scale shared exports)."""
    out = Path(tempfile.mkdtemp())
    big = million_rows(folder, out)
    python = sys.executable
    print(f"\n1,000,000-row Connections.csv; median of {repeat} process(es)\n")
    print("| command | refkit s | refkit MB | goal |")
    print("|---|---:|---:|---|")
    for threshold in (3, 10):
        args = [python, "-m", "refkit", "-q", "rank", str(big / "my_linkedin_export"), "--shared-manifest",
                str(big / "shared" / "owners.csv"), "--min-mutual", str(threshold), "-o", str(out / "r.csv"),
                "--force"]
        wall, peak = median_of(args, repeat)
        print(f"| `refkit rank --min-mutual {threshold}` | {wall:.1f} | {peak:.0f} | <= 10 s, <= 1,000 MB |")


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("samples", nargs="?", type=Path, help="a samples folder (default: coach scale, generated)")
    parser.add_argument("--million", choices=("also", "only", "no"), default="also",
                        help="the 1,000,000-row case as well (default), only it, or not")
    args = parser.parse_args()

    def run_all(folder: Path) -> None:
        if args.million != "only":
            main(folder)
        if args.million != "no":
            main_million(folder)

    if args.samples is not None:
        run_all(args.samples)
    else:
        from refkit.testing import write_samples

        with tempfile.TemporaryDirectory() as tmp, warnings.catch_warnings():
            warnings.simplefilter("ignore")
            write_samples(tmp, n_connections=30_000, n_shared=200, shared_rows=2_000, coach_connections=1_700)
            run_all(Path(tmp))
