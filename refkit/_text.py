"""One cleaning path for text that comes from other people's profiles.

Every medium (HTML, widgets, plots, CSV, message drafts, the tracker) first
passes such text through :func:`clean_text`, then applies its own escaping
(``html.escape``, formula neutralising, mathtext-free labels …).
"""

from __future__ import annotations

import re

import pandas as pd

__all__ = ["clean_text", "is_missing", "truncate"]

# C0/C1 controls, the Arabic letter mark, zero-width and direction marks, bidi embeddings,
# overrides and isolates, and the BOM: invisible characters that can reorder or hide text.
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")


def is_missing(value: object) -> bool:
    """True for None, NaN, NA and NaT (and never raises for lists or other objects).

    Examples
    --------
    >>> is_missing(None), is_missing(float("nan")), is_missing("x"), is_missing([1])
    (True, True, False, False)
    """
    if value is None:
        return True
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def clean_text(value: object) -> str:
    """One line of visible text: invisible and control characters become spaces, spaces collapse.

    Missing values give ``""``; lists and tuples are joined by ``"; "``.

    Examples
    --------
    >>> clean_text("Ann\\u202eeeL\\tSmith ")
    'Ann eeL Smith'
    >>> clean_text(["Ann", None, "Bob"])
    'Ann; Bob'
    """
    if isinstance(value, (list, tuple)):
        return "; ".join(t for t in (clean_text(v) for v in value) if t)
    if is_missing(value):
        return ""
    return " ".join(_UNSAFE.sub(" ", str(value)).split())


def truncate(text: str, limit: int) -> str:
    """``text`` cut to ``limit`` characters, ending in "…" when cut.

    Examples
    --------
    >>> truncate("Epic Systems Corporation", 10)
    'Epic Syst…'
    """
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
