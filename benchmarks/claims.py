"""Measured rows for the speed claims the docs used to state in prose.

- ``unique_sorted`` (a plain sort and dropping repeats) against a stable sort
  and numpy's ``np.unique``, on integer codes the size of a coach's network
  (docs/DESIGN.md, refkit/_arrays.py).
- The mutual-count histogram drawn as two filled step outlines (what
  ``refkit.plots.plot_mutual_distribution`` does) against a bar per count.

Run: ``.venv/bin/python benchmarks/claims.py`` (or ``make bench``). Prints a
markdown table with ratios, and the machine.
"""

from __future__ import annotations

import os
import platform
import sys
import time

import numpy as np

from refkit._arrays import unique_sorted


def best(func, repeat: int = 5) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return min(times)


def _stable(values: np.ndarray) -> np.ndarray:
    s = np.sort(values, kind="stable")
    return s[np.r_[True, s[1:] != s[:-1]]] if len(s) else s


def main() -> None:
    rng = np.random.default_rng(13)
    codes = rng.integers(0, 300_000, size=2_000_000, dtype=np.int64)
    rows = [("unique_sorted (plain sort)", best(lambda: unique_sorted(codes))),
            ("stable sort + drop repeats", best(lambda: _stable(codes))),
            ("np.unique", best(lambda: np.unique(codes)))]

    import matplotlib
    matplotlib.use("Agg")
    from matplotlib.figure import Figure

    heights = np.bincount(rng.integers(1, 400, size=50_000))[1:]
    edges = np.arange(1, len(heights) + 2)

    def stairs():
        ax = Figure().add_subplot()
        ax.stairs(heights[:9], edges[:10], fill=True)
        ax.stairs(heights[9:], edges[9:], fill=True)
        ax.figure.canvas.draw()

    def bars():
        ax = Figure().add_subplot()
        ax.bar(edges[:-1], heights, width=1.0, align="edge")
        ax.figure.canvas.draw()

    plot_rows = [("histogram: two step outlines", best(stairs, 3)), ("histogram: a bar per count", best(bars, 3))]

    print(f"machine: {platform.platform()}, {os.cpu_count()} CPUs, Python {sys.version.split()[0]}, "
          f"numpy {np.__version__}")
    print()
    print("| step | seconds | × the first row of its group |")
    print("|---|---:|---:|")
    for group in (rows, plot_rows):
        base = group[0][1]
        for label, seconds in group:
            print(f"| {label} | {seconds:.4f} | {seconds / base:.1f} |")


if __name__ == "__main__":
    main()
