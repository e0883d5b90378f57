"""Matching companies and role keywords, and the employers the user shares."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

import pandas as pd

from refkit.build import Network
from refkit.resolve import normalize_company

__all__ = ["company_matches", "keyword_pattern"]

_GENERIC_COMPANY_WORDS = {
    "the", "and", "of", "technologies", "technology", "tech", "labs", "lab", "software", "systems",
    "solutions", "services", "holdings", "international", "global", "group", "digital", "online",
    "hq", "worldwide", "studios", "studio",
}



def _distinctive(company: object) -> frozenset[str]:
    return _distinctive_words(normalize_company(company))


@lru_cache(maxsize=1 << 16)
def _distinctive_words(normalized: str) -> frozenset[str]:
    return frozenset(w for w in normalized.split() if w not in _GENERIC_COMPANY_WORDS)


def company_matches(company: object, targets: Iterable[str]) -> str | None:
    """The first of ``targets`` that names the same company as ``company``, or None.

    Two names match when they are equal once case, accents, punctuation and
    legal suffixes (Inc., GmbH, Ltd …) are removed (see
    :func:`refkit.resolve.normalize_company`), or when they have the same
    distinctive words once generic words (Technologies, Labs, Systems …) are
    dropped. A name that merely starts with or contains the target is not a
    match.

    Parameters
    ----------
    company : object
        A company name as a file gives it (missing values match nothing).
    targets : iterable of str
        The target companies, in order of preference.

    Returns
    -------
    str or None
        The matching target as given in ``targets``, or None when none matches.

    Examples
    --------
    >>> company_matches("Stripe, Inc.", ["stripe"])
    'stripe'
    >>> company_matches("Epic Games", ["Epic"]) is None
    True
    >>> company_matches("Metabase", ["Meta"]) is None
    True
    >>> company_matches("Epic Systems Corporation", ["Epic"])
    'Epic'
    """
    words = _distinctive(company)
    if not words:
        return None
    full = normalize_company(company)
    for target in targets:
        if normalize_company(target) == full or _distinctive(target) == words:
            return target
    return None


def keyword_pattern(keywords: Iterable[str]) -> re.Pattern[str] | None:
    """A regular expression finding any of ``keywords`` as a whole word, in any case.

    Parameters
    ----------
    keywords : iterable of str
        Words or phrases to find; blank ones are ignored, the others are taken
        literally (no regular-expression syntax).

    Returns
    -------
    re.Pattern or None
        The pattern (its group 0 is the text found), or None when no keyword is left.

    Examples
    --------
    >>> keyword_pattern(["engineer"]).search("Senior Data Engineer").group(0)
    'Engineer'
    >>> keyword_pattern(["engineer"]).search("Engineering Manager") is None
    True
    >>> keyword_pattern(["", "  "]) is None
    True
    """
    words = [k.strip() for k in keywords if k and k.strip()]
    if not words:
        return None
    return re.compile(r"(?<!\w)(" + "|".join(re.escape(w) for w in words) + r")(?!\w)", re.IGNORECASE)


def _employer_status(network: Network) -> dict[frozenset[str], tuple[str, bool]]:
    """The user's employers: distinctive words → (company name, is current)."""
    pos = network.positions
    if pos is None or pos.empty or "company" not in pos:
        return {}
    out: dict[frozenset[str], tuple[str, bool]] = {}
    finished = pos["finished_on"] if "finished_on" in pos else pd.Series(pd.NaT, index=pos.index)
    for company, end in zip(pos["company"], finished, strict=True):
        words = _distinctive(company)
        if not words or pd.isna(company):
            continue
        current = bool(pd.isna(end))
        if words not in out or current:
            out[words] = (str(company), current)
    return out


def _common_ground(company: object, employers: dict[frozenset[str], tuple[str, bool]]) -> str | None:
    hit = employers.get(_distinctive(company))
    if not hit:
        return None
    name, current = hit
    return f"you both work at {name}" if current else f"you both worked at {name}"
