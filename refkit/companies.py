"""Matching companies and role keywords, and the employers the user shares."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

import pandas as pd

from refkit.build import Network
from refkit.resolve import normalize_company

__all__ = ["closest_companies", "closest_names", "companies_matching", "company_matches", "explain_companies",
           "explain_keywords", "keyword_pattern"]

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


def companies_matching(target: str, companies: Iterable[object]) -> set[str]:
    """Every name in ``companies`` that names the same company as ``target``.

    The rule of :func:`company_matches`, worked out once for a list of names:
    each name is normalised once (the index is kept for the last few lists),
    so matching many targets against a network's companies stays fast.

    Parameters
    ----------
    target : str
        A company as the user or a file writes it, e.g. ``"Globex"``.
    companies : iterable
        Company names (missing values are skipped), e.g. the distinct companies of a network.

    Returns
    -------
    set of str
        The names of ``companies`` that :func:`company_matches` pairs with ``target``.

    Examples
    --------
    >>> sorted(companies_matching("Epic", ["Epic Systems", "Epic Games", "Epic", "Epicor"]))
    ['Epic', 'Epic Systems']
    >>> companies_matching("Globex", ["Globex Corporation", "Globex Inc.", "Globexa"]) == {"Globex Corporation", "Globex Inc."}
    True
    """
    by_full, by_words = _company_index(tuple(c for c in companies if isinstance(c, str)))
    found = set(by_full.get(normalize_company(target), ()))
    words = _distinctive(target)
    return found | set(by_words.get(words, ())) if words else found


@lru_cache(maxsize=8)
def _company_index(names: tuple[str, ...]) -> tuple[dict[str, list[str]], dict[frozenset[str], list[str]]]:
    """For :func:`companies_matching`: the names by normalised form and by distinctive words
    (a name without distinctive words matches nothing, as in :func:`company_matches`)."""
    by_full: dict[str, list[str]] = {}
    by_words: dict[frozenset[str], list[str]] = {}
    for name in dict.fromkeys(names):
        words = _distinctive(name)
        if words:
            by_full.setdefault(normalize_company(name), []).append(name)
            by_words.setdefault(words, []).append(name)
    return by_full, by_words


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


def closest_companies(network: Network, company: str, *, n: int = 3) -> list[str]:
    """The companies in ``network`` whose names are closest to ``company`` (for "did you mean").

    Parameters
    ----------
    network : Network
        The user's network.
    company : str
        A company name as the user typed it, e.g. ``"Stipe"``.
    n : int, default 3
        At most this many names.

    Returns
    -------
    list of str
        Company names as the files give them, the closest first (most people first among equals);
        empty when nothing is close.

    Examples
    --------
    >>> from refkit.examples import toy_network
    >>> closest_companies(toy_network(), "Globx")
    ['Globex']
    """
    return closest_names(network.people["company"], company, n=n)


def closest_names(companies: Iterable[object], company: str, *, n: int = 3) -> list[str]:
    """The names in ``companies`` closest to ``company``, the most frequent spelling of each.

    Parameters
    ----------
    companies : iterable
        Company names as files give them (missing values are skipped), e.g. a coach's column.
    company : str
        A company name as the user typed it.
    n : int, default 3
        At most this many names.

    Returns
    -------
    list of str
        The closest first, as text to show (cleaned, e-mail addresses removed: the names
        come from other people's files); empty when nothing is close.

    Examples
    --------
    >>> closest_names(["Stripe", "Stripe, Inc.", "Stripe", "Globex"], "Stipe")
    ['Stripe']
    """
    import difflib

    from refkit._text import clean_text

    counts = pd.Series([c for c in companies if isinstance(c, str) and c.strip()], dtype=object).value_counts()
    by_norm: dict[str, str] = {}
    for name in counts.index:  # most people first: the usual spelling stands for its variants
        by_norm.setdefault(normalize_company(name), name)
    close = difflib.get_close_matches(normalize_company(company), list(by_norm), n=n, cutoff=0.75)
    return [clean_text(by_norm[c], keep_emails=False) for c in close]


def _did_you_mean(close: Iterable[str]) -> str:
    """``"; did you mean 'A' or 'B'?"`` for the closest names found, ``""`` for none."""
    close = list(close)
    return f"; did you mean {' or '.join(repr(c) for c in close)}?" if close else ""


def _nobody_at(network: Network, company: str) -> str:
    """The sentence for a company nobody in the network works at, with the closest names."""
    return f"nobody at {company!r} in your network{_did_you_mean(closest_companies(network, company))}"


def explain_companies(network: Network, ranked: Any, companies: Iterable[str], *,
                      min_mutual: int) -> list[str]:
    """What happened to each target company, in plain words, when it did not fill the list.

    For a company nobody on ``ranked`` works at: how many people there are
    below the threshold, how many are your own connections, and the closest
    company names in the network when nobody matches at all.

    Parameters
    ----------
    network : Network
        The user's network.
    ranked : DataFrame
        The ranking shown (:func:`refkit.rank.rank_targets`), with ``company``.
    companies : iterable of str
        The target companies the user gave.
    min_mutual : int
        The threshold the ranking used.

    Returns
    -------
    list of str
        One sentence per target company with nobody on the list; empty when each has someone.

    Examples
    --------
    >>> from refkit.examples import toy_network
    >>> from refkit.rank import rank_targets
    >>> net = toy_network()
    >>> explain_companies(net, rank_targets(net, min_mutual=1), ["Globx"], min_mutual=1)
    ["nobody at 'Globx' in your network; did you mean 'Globex'?"]
    """
    from refkit.mutuals import mutual_counts

    notes = []
    people = network.people
    listed = ranked["company"].dropna().astype(str).unique()
    mutual = None  # counted once, when a company needs it
    for company in companies:
        if any(company_matches(c, [company]) for c in listed):
            continue
        at = [company_matches(c, [company]) is not None for c in people["company"].astype(object)]
        there = people.index[at]
        if not len(there):
            notes.append(_nobody_at(network, company))
            continue
        yours = int((people.loc[there, "degree"] == 1).sum())
        mutual = mutual_counts(network)["mutual_count"] if mutual is None else mutual
        counts = mutual.reindex(there[people.loc[there, "degree"] == 2])
        if (counts >= min_mutual).any():
            continue  # some pass: they are only beyond the part of the list shown
        below = int((counts.fillna(0) < min_mutual).sum())
        parts = [f"nobody at {company} passes {min_mutual}"]
        if below:
            parts.append(f"{below} {'person' if below == 1 else 'people'} there {'is' if below == 1 else 'are'} below it")
        if yours:
            parts.append(f"{yours} {'is a connection' if yours == 1 else 'are connections'} of yours: ask them directly")
        notes.append("; ".join(parts))
    return notes


def explain_keywords(network: Network, ranked: Any, keywords: Iterable[str]) -> list[str]:
    """What happened to each keyword that matches nobody on the list, with the closest words for a typo.

    Parameters
    ----------
    network : Network
        The user's network.
    ranked : DataFrame
        The ranking shown, with ``position``.
    keywords : iterable of str
        The words the user gave.

    Returns
    -------
    list of str
        One sentence per keyword no position on the list matches; empty when each matches someone.

    Examples
    --------
    >>> from refkit.examples import toy_network
    >>> from refkit.rank import rank_targets
    >>> net = toy_network()
    >>> explain_keywords(net, rank_targets(net, min_mutual=1), ["enginer"])
    ["no position on the list matches 'enginer'; did you mean 'engineer'?"]
    """
    import difflib

    positions = ranked["position"].dropna().astype(str)
    words = sorted({w.casefold() for p in network.people["position"].dropna().astype(str)
                    for w in re.findall(r"[^\W\d_]{3,}", p)})
    notes = []
    for keyword in keywords:
        pattern = keyword_pattern([keyword])
        if pattern is None or any(pattern.search(p) for p in positions):
            continue
        close = [w for w in difflib.get_close_matches(keyword.casefold(), words, n=2, cutoff=0.8)
                 if w != keyword.casefold()]
        notes.append(f"no position on the list matches {keyword!r}{_did_you_mean(close)}")
    return notes

