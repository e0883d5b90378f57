"""The session app (refkit.app.SessionApp, ``make app``) on the samples and at coach scale.

Coach scale: 30,000 connections, 200 shared exports of 2,000 rows, a coach's export of 1,700.
Prints how long the app takes to open a workspace (read the files, build, first list,
network page, tracker views) and how long a slider change takes as a user makes it in a
kernel (the explorer's sentence, table and histogram, then the app's person picker and drafts;
the network redraw is only scheduled). Run: ``.venv/bin/python benchmarks/app.py``.
"""

from __future__ import annotations

import asyncio
import os
import platform
import statistics
import sys
import tempfile
import time
import warnings
from pathlib import Path

from refkit.app import SessionApp
from refkit.read import shared_exports
from refkit.testing import write_samples
from refkit.workspace import copy_workspace, toml_string

ROOT = Path(__file__).resolve().parent.parent
THRESHOLDS = [3, 5, 8, 12, 15, 7, 11, 4, 20, 6]


def timed(func):
    start = time.perf_counter()
    value = func()
    return time.perf_counter() - start, value


def slider_changes(app: SessionApp, thresholds: list[int]) -> tuple[list[float], list[float]]:
    """Seconds from a slider change to the explorer's table, and to the app's drafts, each change."""
    marks: dict[str, float] = {}
    app.explorer.table.observe(lambda _: marks.__setitem__("table", time.perf_counter()), names="value")
    app.referral.observe(lambda _: marks.__setitem__("drafts", time.perf_counter()), names="value")

    async def drive():
        table, total = [], []
        for value in thresholds:
            marks.clear()
            start = time.perf_counter()
            app.explorer.slider.value = value
            end = time.perf_counter()
            table.append(marks.get("table", end) - start)
            total.append(end - start)
            if app.explorer._pending is not None:  # the network redraw, debounced: not measured here
                app.explorer._pending.cancel()
                app.explorer._pending = None
        return table, total

    return asyncio.run(drive())


def report(name: str, folder: Path) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        t_open, app = timed(lambda: SessionApp(folder))
        first_table, first = slider_changes(app, THRESHOLDS)
        again_table, again = slider_changes(app, list(reversed(THRESHOLDS)))
        t_pseudo, _ = timed(lambda: setattr(app.sharing, "value", True) or setattr(app.pseudonyms, "value", True))
    people = len(app.network.people) - 1
    print(f"| {name} | {people:,} | {t_open:.1f} s | {1000 * statistics.median(first_table):.0f} ms "
          f"| {1000 * statistics.median(first):.0f} ms (max {1000 * max(first):.0f}) "
          f"| {1000 * statistics.median(again):.0f} ms (max {1000 * max(again):.0f}) | {t_pseudo:.1f} s |")


def main(work: Path) -> None:
    samples = copy_workspace(ROOT / "data_samples", work / "samples").folder
    coach = work / "coach"
    write_samples(coach, n_connections=30_000, n_shared=200, shared_rows=2_000, coach_connections=1_700)
    lines = ['export = "my_linkedin_export"', 'mutuals = ["mutuals_capture.csv"]', 'edges = ["edges.csv"]',
             'tags = "tags.csv"', 'companies = ["Stripe"]']
    for owner, path in shared_exports(coach / "shared" / "owners.csv"):
        lines += ["[[shared]]", f"file = {toml_string(str(Path(path).relative_to(coach)))}",
                  f"owner = {toml_string(str(owner))}"]
    (coach / "refkit.toml").write_text("\n".join(lines) + "\n")
    print(f"machine: {platform.platform()}, {os.cpu_count()} CPUs, Python {sys.version.split()[0]}")
    print()
    print("| workspace | people | open | slider: list, picker and drafts | slider: whole change "
          "| again (histograms cached) | stand-ins on |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    report("data_samples", samples)
    report("coach scale", coach)


if __name__ == "__main__":
    with tempfile.TemporaryDirectory(prefix="refkit-bench-app-") as tmp:
        main(Path(tmp))
