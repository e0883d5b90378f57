"""Peak memory at coach scale: every step in a fresh Python process, measured by the OS.

The files are ``refkit.testing.write_samples(n_connections=30_000, n_shared=200,
shared_rows=2000)``: the user's 30,000-row export (also as a ``.zip``) and 200
shared exports of 2,000 rows. Each step runs in its own subprocess and reports
its peak resident set size (``VmHWM`` from ``/proc/self/status`` on Linux, else
``ru_maxrss``; it includes the interpreter, pandas and numpy), so steps do not
inherit each other's memory. Goal: every step under 500 MB.

Run: ``.venv/bin/python benchmarks/memory.py`` (prints a markdown table).
"""

from __future__ import annotations

import os
import platform
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

GOAL_MB = 500

_PRELUDE = """
import resource, sys, warnings
from pathlib import Path
warnings.simplefilter("ignore")
folder = Path(sys.argv[1])
"""

# On Linux ru_maxrss survives fork+exec (a child reports at least its parent's RSS at
# the fork), so the kernel's per-process high-water mark VmHWM is read instead.
_REPORT = """
try:
    with open("/proc/self/status", encoding="ascii") as fh:
        kb = next(int(line.split()[1]) for line in fh if line.startswith("VmHWM:"))
except (OSError, StopIteration):
    kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // (1024 if sys.platform == "darwin" else 1)
print("MAXRSS", kb, file=sys.stderr)
"""

STEPS = {
    "python + refkit imported (baseline)": """
        import refkit.build, refkit.rank, refkit.read  # noqa: F401
    """,
    "read_export: 30,000-row folder": """
        from refkit.read import read_export
        archive = read_export(folder / "my_linkedin_export")
        assert len(archive.connections.frame) > 25_000
    """,
    "read_export: 30,000-row .zip": """
        from refkit.read import read_export
        archive = read_export(folder / "my_linkedin_export.zip")
        assert len(archive.connections.frame) > 25_000
    """,
    "read everything (export, 200 shared exports, captures), no build": """
        from refkit.read import read_export, read_mutuals, read_shared, shared_exports
        loaded = (read_export(folder / "my_linkedin_export"),
                  [read_shared(f, owner=o) for o, f in shared_exports(folder / "shared" / "owners.csv")],
                  read_mutuals(folder / "mutuals_capture.csv"))
        assert len(loaded[1]) == 200
    """,
    "read everything + build_network (200 shared exports)": """
        from refkit.build import build_network
        from refkit.read import read_mutuals, shared_exports
        net = build_network(folder / "my_linkedin_export",
                            shared=shared_exports(folder / "shared" / "owners.csv"),
                            mutuals=[folder / "mutuals_capture.csv"])
        assert len(net.people) > 100_000
    """,
    "read + build + rank_targets + add_drafts": """
        from refkit.build import build_network
        from refkit.draft import add_drafts
        from refkit.rank import rank_targets
        from refkit.read import shared_exports
        net = build_network(folder / "my_linkedin_export",
                            shared=shared_exports(folder / "shared" / "owners.csv"),
                            mutuals=[folder / "mutuals_capture.csv"])
        ranked = add_drafts(rank_targets(net, min_mutual=10), me=net.me_name)
        assert len(ranked) > 0
    """,
    "`refkit rank` end to end (CSV written)": """
        import os
        from refkit.cli import main
        out = folder / f"ranked-{os.getpid()}.csv"
        code = main(["-q", "rank", str(folder / "my_linkedin_export"), "-o", str(out),
                     "--shared-manifest", str(folder / "shared" / "owners.csv"),
                     "--mutuals", str(folder / "mutuals_capture.csv")])
        assert code == 0, code
        out.unlink()
    """,
}


def peak_mb(folder: Path, code: str) -> float:
    """Peak RSS in MB of a fresh interpreter running ``code``."""
    script = _PRELUDE + textwrap.dedent(code) + _REPORT
    proc = subprocess.run([sys.executable, "-c", script, str(folder)], capture_output=True, text=True,
                          check=False)  # fmt: skip
    lines = [ln for ln in proc.stderr.splitlines() if ln.startswith("MAXRSS ")]
    if proc.returncode != 0 or not lines:
        raise SystemExit(f"step failed:\n{proc.stderr[-2000:]}")
    return int(lines[-1].split()[1]) / 1024


def machine() -> str:
    total = ""
    try:
        with open("/proc/meminfo", encoding="ascii") as fh:
            kb = int(fh.readline().split()[1])
        total = f", {kb / 2**20:.1f} GB RAM"
    except (OSError, ValueError, IndexError):
        pass
    import numpy
    import pandas

    return (f"{platform.system()} {platform.machine()}, {os.cpu_count()} CPUs{total}; "
            f"Python {platform.python_version()}, pandas {pandas.__version__}, numpy {numpy.__version__}")


def main(folder: Path) -> None:
    from refkit.testing import write_samples

    files = write_samples(folder, n_connections=30_000, n_shared=200, shared_rows=2000,
                          zip_archive=True)
    size = sum(p.stat().st_size for p in files.values()) / 2**20
    print(f"Peak memory (peak RSS of a fresh process per step), {len(files)} sample files, "
          f"{size:.0f} MB on disk. Goal: < {GOAL_MB} MB per step.")
    print(f"Machine: {machine()}")
    print()
    print("| step | peak RSS (MB) | goal |")
    print("|---|---:|---|")
    for name, code in STEPS.items():
        mb = peak_mb(folder, code)
        print(f"| {name} | {mb:,.0f} | {'ok' if mb < GOAL_MB else f'OVER {GOAL_MB}'} |", flush=True)


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as tmp:
        main(Path(tmp))
