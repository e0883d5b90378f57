"""Small LinkedIn-format files for tests, written exactly as LinkedIn writes them."""

from __future__ import annotations

from pathlib import Path

from refkit.testing import PREAMBLE

HEADER_2023 = "First Name,Last Name,URL,Email Address,Company,Position,Connected On"
HEADER_2021 = "First Name,Last Name,Email Address,Company,Position,Connected On"
U = "https://www.linkedin.com/in/"

__all__ = ["HEADER_2021", "HEADER_2023", "PREAMBLE", "U", "connections", "is_number", "mutuals"]


def connections(path: Path, rows, *, url: bool = True) -> Path:
    """Write a Connections.csv (2023+ with URL, or 2021 without); rows are
    ``(first, last, slug, company, position)``, all connected on 08 Feb 2021."""
    lines = [HEADER_2023 if url else HEADER_2021]
    for first, last, slug, company, position in rows:
        cells = [first, last] + ([U + slug] if url else []) + ["", company, position, "08 Feb 2021"]
        lines.append(",".join(f'"{c}"' if "," in c else c for c in cells))
    path.write_text(PREAMBLE + "\n".join(lines), encoding="utf-8")
    return path


def mutuals(path: Path, rows) -> Path:
    """Write a mutual capture; rows are ``(name, slug, company, position, count, names)``."""
    lines = ["Name,URL,Company,Position,Mutual Count,Mutual Connections"]
    for name, slug, company, position, count, names in rows:
        lines.append(f"{name},{U + slug if slug else ''},{company},{position},{count},{names}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def is_number(cell: str) -> bool:
    """Whether a spreadsheet would read ``cell`` as a number (a formula check skips those)."""
    try:
        float(cell)
    except ValueError:
        return False
    return True
