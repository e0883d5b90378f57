"""ThresholdExplorer at coach scale: 30,000 connections, 200 shared exports of 2,000 rows.

Prints a markdown table: constructing the explorer, a slider change as a user
makes it in a kernel (sentence, table and histogram updated, the network redraw
only scheduled), the parts of that update, the debounced network redraw, and as
the baseline the same update on a fresh ``Network`` (nothing cached, so the
mutual counts are computed from scratch). Run: ``.venv/bin/python benchmarks/widgets.py``.
"""

from __future__ import annotations

import asyncio
import dataclasses
import os
import platform
import statistics
import sys
import tempfile
import time
import warnings
from pathlib import Path

import ipywidgets
import matplotlib
import pandas as pd

from refkit.build import build_network
from refkit.cli.demo import sample_inputs
from refkit.rank import rank_targets, threshold_summary
from refkit.testing import write_samples
from refkit.widgets import TABLE_COLUMNS, ThresholdExplorer

THRESHOLDS = [3, 5, 8, 12, 15, 7, 11, 4, 20, 6]  # 10 is the start


def timed(func):
    start = time.perf_counter()
    value = func()
    return time.perf_counter() - start, value


def slider_changes(explorer: ThresholdExplorer, thresholds: list[int]) -> dict[str, list[float]]:
    """Move the slider as a user would, inside a running event loop (as in a kernel).

    Returns, for each change, when the sentence, the table and the histogram
    widgets received their new value (seconds after the change; a widget value
    goes to the front end as soon as it is set) and when the callback returned.
    """
    marks: dict[str, float] = {}
    for name in ("sentence", "table", "histogram"):
        getattr(explorer, name).observe(
            lambda change, name=name: marks.__setitem__(name, time.perf_counter()), names="value")

    async def drive():
        times: dict[str, list[float]] = {"sentence": [], "table": [], "histogram": [], "total": []}
        for value in thresholds:
            marks.clear()
            start = time.perf_counter()
            explorer.slider.value = value
            end = time.perf_counter()
            previous = start  # an output whose value did not change was right already
            for name in ("sentence", "table", "histogram"):
                previous = marks.get(name, previous)
                times[name].append(previous - start)
            times["total"].append(end - start)
            assert explorer._pending is not None  # the network redraw is only scheduled
            explorer._pending.cancel()
            explorer._pending = None
        return times

    return asyncio.run(drive())


def main(folder: Path) -> None:
    write_samples(folder, n_connections=30_000, n_shared=200, shared_rows=2_000)
    inputs = sample_inputs(folder)
    tags = inputs.pop("tags")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        t_build, network = timed(lambda: build_network(**inputs))

    t_construct, explorer = timed(
        lambda: ThresholdExplorer(network, tags=tags, export_dir=folder / "out"))
    t_construct_again, _ = timed(
        lambda: ThresholdExplorer(network, tags=tags, export_dir=folder / "out"))
    t_first, _ = timed(lambda: explorer.refresh(network=False))
    first_visits = slider_changes(explorer, THRESHOLDS)  # histogram rendered for each
    revisits = slider_changes(explorer, [5, 3, 12, 8, 7, 15, 4, 11, 20, 10])  # images cached
    changes = first_visits["total"]

    # the parts of one update, at threshold 8
    settings = {**explorer.settings, "min_mutual": 8}
    t_rank, ranked = timed(lambda: rank_targets(network, **settings))
    parts = {
        "threshold_summary": timed(lambda: threshold_summary(network, min_mutual=8))[0],
        "rank_targets (top 25)": t_rank,
        "table HTML": timed(lambda: ranked[TABLE_COLUMNS].to_html(escape=True, index=False))[0],
        "histogram PNG (plot + savefig)": timed(lambda: explorer._histogram_png(8))[0],
    }
    redraws = [timed(explorer._draw_network)[0] for _ in range(3)]
    page_kb = len(explorer.network_html.value.encode("utf-8")) / 1024

    # baseline: the same update with nothing cached (a fresh Network object)
    def baseline():
        fresh = dataclasses.replace(network)
        threshold_summary(fresh, min_mutual=8)
        ranked = rank_targets(fresh, **settings)
        ranked[TABLE_COLUMNS].to_html(escape=True, index=False)
        explorer._histogram_png(8)

    t_baseline = min(timed(baseline)[0] for _ in range(2))
    median_change = statistics.median(changes)

    summary = threshold_summary(network, min_mutual=10)
    print(f"machine: {platform.platform()}, {os.cpu_count()} CPUs, Python {sys.version.split()[0]}, "
          f"pandas {pd.__version__}, ipywidgets {ipywidgets.__version__}, "
          f"matplotlib {matplotlib.__version__}")
    print(f"network: {len(network.first_degree):,} 1st-degree, {len(network.second_degree):,} "
          f"2nd-degree, {len(network.ties):,} ties (built in {t_build:.1f} s); "
          f"{summary.message}")
    print()
    print("| step | time |")
    print("|---|---:|")
    rows = [
        ("construct explorer (first ranking, histogram, network page)", t_construct),
        ("construct explorer again (ranking cached)", t_construct_again),
        ("first update again, no network: refresh(network=False), histogram cached", t_first),
        (f"slider change to a new threshold: sentence shown (median of {len(changes)})",
         statistics.median(first_visits["sentence"])),
        ("slider change to a new threshold: table shown (median)",
         statistics.median(first_visits["table"])),
        ("slider change to a new threshold: histogram shown = whole update (median)",
         median_change),
        ("slider change to a new threshold: whole update (slowest)", max(changes)),
        ("slider change back to a threshold seen before: whole update (median)",
         statistics.median(revisits["total"])),
        ("slider change back to a threshold seen before: whole update (slowest)",
         max(revisits["total"])),
        *((f"  part: {name}", value) for name, value in parts.items()),
        (f"network redraw (debounced; best of 3, page {page_kb:,.0f} KB)", min(redraws)),
        ("baseline: same update on a fresh Network (mutual counts from scratch)", t_baseline),
    ]
    for name, seconds in rows:
        print(f"| {name} | {seconds * 1000:,.0f} ms |")
    print()
    table_slowest = max(first_visits["table"])
    print(f"baseline / slider change to a new threshold (median): {t_baseline / median_change:.1f}x")
    print(f"target <= 100 ms: sentence and table {'met' if table_slowest <= 0.1 else 'NOT met'} "
          f"(slowest {table_slowest * 1000:.0f} ms); histogram on a new threshold "
          f"{'met' if max(changes) <= 0.1 else 'NOT met'} (slowest {max(changes) * 1000:.0f} ms), "
          f"on a threshold seen before {'met' if max(revisits['total']) <= 0.1 else 'NOT met'} "
          f"(slowest {max(revisits['total']) * 1000:.0f} ms)")


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as tmp:
        main(Path(tmp))
