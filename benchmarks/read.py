"""Time refkit's Connections.csv reader against a plain ``pandas.read_csv``.

Generates a realistic 30,000-row 2023+ Connections.csv (preamble, URL column,
credentials and quotes in names, empty e-mails, date-only rows) in a temporary
folder, reads it with :func:`refkit.read.read_connections` and with
``pandas.read_csv(path, skiprows=3)`` (best of 5 each) and prints a markdown
table plus the machine it ran on. Run with ``make bench`` or
``python benchmarks/read.py [rows]``. Not a test.
"""

from __future__ import annotations

import csv
import os
import platform
import random
import sys
import tempfile
import time
import warnings
from datetime import date, timedelta
from pathlib import Path

import pandas as pd

from refkit.read import read_connections

PREAMBLE = (
    "Notes:\n"
    '"When exporting your connection data, you may notice that some of the email addresses '
    "are missing. You will only see email addresses for connections who have allowed their "
    "connections to see or download their email address using this setting "
    "https://www.linkedin.com/psettings/privacy/email. You can learn more here "
    'https://www.linkedin.com/help/linkedin/answer/261"\n'
    "\n"
)
FIRST = [
    "Priya",
    "Tomás",
    "Mei",
    "Jonas",
    "Aisha",
    "Lukas",
    "Sofia",
    "Kenji",
    "Olu",
    "María",
    "Chen",
    "Fatima",
    "Jean-Luc",
    "Anna",
    "Rahul",
    "Zoë",
    "Pedro",
    "Emily",
    "Yusuf",
    "Ingrid",
]
LAST = [
    "Raman",
    "Ortega",
    "Lin",
    "Becker",
    "Khan",
    "Schmidt",
    "Rossi",
    "Tanaka",
    "Adeyemi",
    "García",
    "Wang",
    "Haddad",
    "Dubois",
    "Nowak",
    "Gupta",
    "Müller",
    "Silva",
    "Smith",
]
CREDENTIALS = ["PhD", "MBA", "PMP", "CSPO®", "PHRi™", "CPA, CFA"]
COMPANIES = [
    "Acme Corp",
    "Globex",
    "Initech",
    "Umbrella, Inc.",
    "Stark Industries",
    "Wayne Enterprises",
    'The "Good" Company',
    "Hooli",
    "Pied Piper",
    "",
]
POSITIONS = [
    "Software Engineer",
    "Senior Recruiter",
    "VP, Engineering",
    "Data Scientist",
    "Product Manager",
    "Talent Acquisition Partner",
    "CTO",
    "",
]


def write_connections(path: Path, rows: int, *, seed: int = 1) -> None:
    """Write a 2023+ Connections.csv with ``rows`` data rows (newest first)."""
    rng = random.Random(seed)
    day = date(2026, 2, 8)
    with open(path, "w", encoding="utf-8", newline="") as fh:
        fh.write(PREAMBLE)
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(
            [
                "First Name",
                "Last Name",
                "URL",
                "Email Address",
                "Company",
                "Position",
                "Connected On",
            ]
        )
        for i in range(rows):
            day -= timedelta(days=rng.random() < 0.3)
            stamp = day.strftime("%d %b %Y")
            if rng.random() < 0.03:
                writer.writerow(["", "", "", "", "", "", stamp])
                continue
            first, last = rng.choice(FIRST), rng.choice(LAST)
            if rng.random() < 0.15:
                last = f"{last}, {rng.choice(CREDENTIALS)}"
            slug = f"{first}-{last}-{i:x}".lower().replace(" ", "").replace(",", "")
            email = f"{first.lower()}.{i}@example.com" if rng.random() < 0.04 else ""
            writer.writerow(
                [
                    first,
                    last,
                    f"https://www.linkedin.com/in/{slug}",
                    email,
                    rng.choice(COMPANIES),
                    rng.choice(POSITIONS),
                    stamp,
                ]
            )


def best_of(func, repeat: int = 5) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return min(times)


def main(rows: int = 30_000) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "Connections.csv"
        write_connections(path, rows)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            result = read_connections(path)
            refkit_s = best_of(lambda: read_connections(path))
        pandas_s = best_of(lambda: pd.read_csv(path, skiprows=3))
    print("| rows | refkit read_connections (s) | pandas.read_csv (s) | ratio |")
    print("|---:|---:|---:|---:|")
    print(f"| {rows:,} | {refkit_s:.3f} | {pandas_s:.3f} | {refkit_s / pandas_s:.1f}x |")
    print()
    print(
        f"refkit kept {len(result.frame):,} rows, skipped {len(result.skipped):,} date-only rows."
    )
    print(
        f"Machine: {platform.platform()}, {os.cpu_count()} CPUs, "
        f"Python {platform.python_version()}, pandas {pd.__version__}"
    )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 30_000)
