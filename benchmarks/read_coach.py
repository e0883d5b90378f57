"""Time refkit's readers on a coach's pile of files against plain ``pandas.read_csv``.

Reads the user's Connections.csv and every shared export a manifest lists (by default
coach-scale data generated in a temporary folder: 1 + 200 files) with
:func:`refkit.read.read_connections` / :func:`refkit.read.read_shared`, and the same
files with ``pandas.read_csv`` told where the header is, which delimiter and which
encoding (found before the clock starts, so the plain side does no detection at
all). In one process, the two alternate; median of ``repeat`` rounds each. Prints a
markdown table and the machine. Run ``python benchmarks/read_coach.py [folder] [repeat]``
(the shared exports are read one by one here: ``refkit rank`` also reads them in parallel).
Not a test.
"""

from __future__ import annotations

import os
import platform
import statistics
import sys
import time
import warnings
from pathlib import Path

import pandas as pd

from refkit.read import read_connections, read_shared, shared_exports
from refkit.read._header import _find_header
from refkit.read._kinds import _CONNECTIONS


def _plain_arguments(path: str) -> dict:
    """What plain pandas needs to be told about a file: where its header is, its delimiter, its encoding."""
    raw = Path(path).read_bytes()
    try:
        encoding, text = "utf-8-sig", raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        encoding, text = "cp1252", raw.decode("cp1252")
    header = _find_header(text, (_CONNECTIONS,))
    assert header is not None, path
    return {"skiprows": header.line - 1, "sep": header.delimiter, "encoding": encoding}


def main(folder: str, repeat: int = 5) -> None:
    own = os.path.join(folder, "my_linkedin_export", "Connections.csv")
    shared = shared_exports(os.path.join(folder, "shared", "owners.csv"))
    files = [own] + [path for _, path in shared]
    plain_args = [(path, _plain_arguments(path)) for path in files]

    def plain() -> int:
        return sum(len(pd.read_csv(path, **kwargs)) for path, kwargs in plain_args)

    def refkit() -> int:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            rows = len(read_connections(own).frame)
            return rows + sum(len(read_shared(path, owner=owner).frame) for owner, path in shared)

    times: dict[str, list[float]] = {"plain": [], "refkit": []}
    counts = {"plain": plain(), "refkit": refkit()}  # warm up (imports, caches)
    for _ in range(repeat):
        for name, func in (("plain", plain), ("refkit", refkit)):
            start = time.perf_counter()
            func()
            times[name].append(time.perf_counter() - start)
    plain_s, refkit_s = (statistics.median(times[k]) for k in ("plain", "refkit"))
    print(f"Reading {len(files)} files from {folder} (in one process, alternating, median of {repeat})\n")
    print("| reader | rows | seconds |")
    print("|---|---:|---:|")
    print(f"| `pd.read_csv` (told skiprows, sep, encoding) | {counts['plain']:,} | {plain_s:.3f} |")
    print(f"| refkit `read_connections` + `read_shared` | {counts['refkit']:,} | {refkit_s:.3f} |")
    print(f"| **ratio** | | **{refkit_s / plain_s:.2f}x** |")
    print(f"\n{platform.platform()}, Python {platform.python_version()}, pandas {pd.__version__}, "
          f"{os.cpu_count()} CPUs")


if __name__ == "__main__":
    repeat = [int(a) for a in sys.argv[2:3]]
    if sys.argv[1:2]:
        main(sys.argv[1], *repeat)
    else:
        import tempfile

        from refkit.testing import write_samples

        with tempfile.TemporaryDirectory() as tmp, warnings.catch_warnings():
            warnings.simplefilter("ignore")
            write_samples(tmp, n_connections=30_000, n_shared=200, shared_rows=2_000, coach_connections=1_700)
            main(tmp, *repeat)
