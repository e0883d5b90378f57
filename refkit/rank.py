"""Who to reach, through whom, and why.

Mutual connections
    For each 2nd-degree person, the user's 1st-degree connections known to be
    tied to them (owners of shared exports that list them, named mutuals in a
    capture, edge lists). ``mutual_count`` is the larger of that set's size and
    the count LinkedIn showed in a capture ("14 mutual connections" is a count
    even when only two names are known).

Threshold
    ``min_mutual`` (default 10, the coaching rule: don't ask someone to connect
    unless you have at least 10 connections in common).

Tie strength
    How well the user knows each 1st-degree connection, as a sum of visible
    parts (each in its own column of :func:`tie_strength`), every part
    monotone — more of it never lowers the strength:

    ==================  =================================================
    part                points
    ==================  =================================================
    years connected     1 per year, at most 10
    messages            3 × log2(1 + messages exchanged)
    both wrote          2 when messages went both ways
    recency             3 if the last message is under 1 year old, 1 if under 3
    shared employer     4 when they work at a company the user worked at
    tags                family 6, close 6, former colleague 4, mentor 4,
                        classmate 3, any other tag 1 (summed)
    ==================  =================================================

Introducer
    The mutual connection with the strongest tie; the alternates follow in
    order of strength (ties broken by name).

Score
    ``mutual_count + 10 × (works at a target company) + 5 × (position matches
    a keyword) + min(strength of the best introducer, 20) / 4``: the mutual
    count leads (the coaching rule), a target company or role comes next, and a
    strong introducer is worth up to 5 mutual connections.
"""

from __future__ import annotations

import math
import os
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np
import pandas as pd

from refkit._arrays import run_starts, split_tuples, unique_sorted
from refkit._errors import RefkitError
from refkit._limits import MAX_CONNECTIONS, plausible_dates
from refkit._text import is_missing
from refkit.build import Network
from refkit.resolve import NameIndex, normalize_company, normalize_name, normalize_url

__all__ = [
    "DEFAULT_MIN_MUTUAL",
    "RANK_COLUMNS",
    "TAG_WEIGHTS",
    "check_min_mutual",
    "company_matches",
    "keyword_pattern",
    "mutual_connections",
    "mutual_counts",
    "paths_into",
    "rank_targets",
    "threshold_counts",
    "threshold_summary",
    "tie_strength",
    "ThresholdSummary",
]

DEFAULT_MIN_MUTUAL = 10
RANK_COLUMNS = [
    "rank", "name", "profile_url", "company", "position", "mutual_count", "mutual_connections",
    "introducer", "alternates", "score", "reason",
]
EXTRA_COLUMNS = [
    "key", "introducer_key", "alternate_keys", "mutual_keys", "company_match", "keyword_match",
    "pending_invitation", "pending_since", "common_ground",
]
TAG_WEIGHTS = {"family": 6.0, "close": 6.0, "former colleague": 4.0, "mentor": 4.0, "classmate": 3.0}
OTHER_TAG_WEIGHT = 1.0
_GENERIC_COMPANY_WORDS = {
    "the", "and", "of", "technologies", "technology", "tech", "labs", "lab", "software", "systems",
    "solutions", "services", "holdings", "international", "global", "group", "digital", "online",
    "hq", "worldwide", "studios", "studio",
}

def _cached(network: Network, key: Any, compute):
    """``compute()`` once per network and ``key``: kept on the network, never in a module table."""
    store = network._derived
    if key not in store:
        store[key] = compute()
    return store[key]


# ----------------------------------------------------------------------------
# mutual connections


def mutual_connections(network: Network) -> pd.DataFrame:
    """Mutual connections of every 2nd-degree person.

    Returns
    -------
    DataFrame
        Indexed by ``key`` (2nd-degree people with at least one known or
        reported mutual connection); columns ``mutual_keys`` (tuple of
        1st-degree keys, in ``network.people`` order), ``known_count``, ``reported_count`` and
        ``mutual_count`` (the larger of the two).

    Examples
    --------
    >>> import pandas as pd
    >>> people = pd.DataFrame({"name": ["Me", "Ann", "Bob", "Tara"], "degree": [0, 1, 1, 2]},
    ...                       index=pd.Index(["me", "ann", "bob", "tara"], name="key"))
    >>> ties = pd.DataFrame({"a": ["me", "me", "ann", "tara"], "b": ["ann", "bob", "tara", "bob"],
    ...                      "source": "x", "kind": "shared"})
    >>> reported = pd.DataFrame({"mutual_count": [14], "source": ["c"]},
    ...                         index=pd.Index(["tara"], name="key"))
    >>> m = mutual_connections(Network(people=people, ties=ties, me="me", reported=reported))
    >>> row = m.loc["tara"]
    >>> row["mutual_keys"], int(row["known_count"]), int(row["reported_count"]), int(row["mutual_count"])
    (('ann', 'bob'), 2, 14, 14)
    """
    def compute() -> pd.DataFrame:
        codes, counts = _counts(network)
        target, mutual = _tie_codes(network)
        starts = run_starts(target)
        tuples = np.empty(len(codes), dtype=object)
        tuples[:] = [()] * len(codes)
        if len(starts):
            tuples[np.searchsorted(codes, target[starts])] = split_tuples(
                network.people.index.to_numpy(dtype=object), mutual, starts)
        return counts.assign(mutual_keys=tuples)[
            ["mutual_keys", "known_count", "reported_count", "mutual_count"]]

    return _cached(network, "mutual", compute)


def mutual_counts(network: Network) -> pd.DataFrame:
    """:func:`mutual_connections` without the ``mutual_keys`` column.

    What thresholds and charts need: counting is quick, naming every mutual
    connection of every 2nd-degree person is not.

    Examples
    --------
    >>> import pandas as pd
    >>> people = pd.DataFrame({"name": ["Me", "Ann", "Tara"], "degree": [0, 1, 2]},
    ...                       index=pd.Index(["me", "ann", "tara"], name="key"))
    >>> ties = pd.DataFrame({"a": ["me", "ann"], "b": ["ann", "tara"], "source": "x", "kind": "shared"})
    >>> mutual_counts(Network(people=people, ties=ties, me="me"))["mutual_count"].to_dict()
    {'tara': 1}
    """
    return _counts(network)[1]


def _counts(network: Network) -> tuple[np.ndarray, pd.DataFrame]:
    """:func:`mutual_counts` and the positions of its rows in ``people`` (sorted)."""
    return _cached(network, "mutual_counts", lambda: _mutual_counts(network))


def _tie_codes(network: Network) -> tuple[np.ndarray, np.ndarray]:
    """(target, mutual) positions in ``network.people`` of every 2nd-degree/1st-degree tie.

    Sorted by target then mutual, without repeats. Integer positions keep the
    work on numpy arrays instead of strings: at coach scale (≈400,000 ties)
    this is what makes ranking fast.
    """

    def compute() -> tuple[np.ndarray, np.ndarray]:
        keys = network.people.index
        degree = network.people["degree"].to_numpy()
        a, b = network.tie_ends
        valid = (a >= 0) & (b >= 0)
        a, b = a[valid], b[valid]
        da, db = degree[a], degree[b]
        forward = (da == 1) & (db == 2)
        backward = (db == 1) & (da == 2)
        target = np.concatenate([b[forward], a[backward]]).astype("int64")
        mutual = np.concatenate([a[forward], b[backward]]).astype("int64")
        n = len(keys) + 1
        combined = unique_sorted(target * n + mutual)
        return combined // n, combined % n

    return _cached(network, "tie_codes", compute)


def _mutual_counts(network: Network) -> tuple[np.ndarray, pd.DataFrame]:
    keys = network.people.index
    target, _ = _tie_codes(network)
    starts = run_starts(target)
    known_codes = target[starts]
    known_counts = np.diff(np.r_[starts, len(target)])

    degree = network.people["degree"]
    reported = network.reported["mutual_count"]
    rep_codes = keys.get_indexer(reported.index)
    rep_ok = rep_codes >= 0
    # a count above LinkedIn's cap is not real (the readers warn about it): it counts as unknown
    rep_ok &= (reported.to_numpy() >= 0) & (reported.to_numpy() <= MAX_CONNECTIONS)
    rep_codes, rep_values = rep_codes[rep_ok], reported.to_numpy()[rep_ok]
    second = degree.to_numpy()[rep_codes] == 2
    rep_codes, rep_values = rep_codes[second], rep_values[second]

    codes = unique_sorted(np.r_[known_codes, rep_codes])
    known_count = np.zeros(len(codes), dtype="int64")
    known_count[np.searchsorted(codes, known_codes)] = known_counts
    reported_count = np.zeros(len(codes), dtype="int64")
    reported_count[np.searchsorted(codes, rep_codes)] = rep_values
    out = pd.DataFrame(
        {
            "known_count": known_count,
            "reported_count": reported_count,
            "mutual_count": np.maximum(known_count, reported_count),
        },
        index=pd.Index(keys.to_numpy(dtype=object)[codes], name="key", dtype=object),
    )
    return codes, out


def threshold_counts(network: Network) -> pd.Series:
    """How many 2nd-degree people have at least ``t`` mutual connections, for each ``t``.

    Examples
    --------
    >>> import pandas as pd
    >>> people = pd.DataFrame({"name": ["Me", "Ann", "Tara"], "degree": [0, 1, 2]},
    ...                       index=pd.Index(["me", "ann", "tara"], name="key"))
    >>> ties = pd.DataFrame({"a": ["me", "ann"], "b": ["ann", "tara"], "source": "x", "kind": "shared"})
    >>> threshold_counts(Network(people=people, ties=ties, me="me")).to_dict()
    {1: 1}
    """
    counts = mutual_counts(network)["mutual_count"]
    if counts.empty:
        return pd.Series(dtype="int64", name="people")
    hist = np.bincount(counts.to_numpy(), minlength=int(counts.max()) + 1)
    at_least = np.cumsum(hist[::-1])[::-1]
    return pd.Series(at_least[1:], index=pd.RangeIndex(1, len(hist)), name="people")


@dataclass(frozen=True)
class ThresholdSummary:
    """Who qualifies at a threshold, and what lower thresholds would give."""

    min_mutual: int
    qualified: int
    highest: int
    at: dict[int, int]

    @property
    def message(self) -> str:
        """The summary as a sentence for people."""
        t = self.min_mutual
        if self.highest == 0:
            return ("No 2nd-degree connections found yet: add shared exports or mutual captures "
                    "to see who you could reach.")
        others = ", ".join(f"{n} at {k}" for k, n in self.at.items() if k != t)
        people = "person shares" if self.qualified == 1 else "people share"
        if self.qualified:
            text = f"{self.qualified} {people} at least {t} connections with you"
            return f"{text} ({others})" if others else text
        return (
            f"Nobody shares {t} or more connections with you yet; the highest count found is "
            f"{self.highest}" + (f" ({others})" if others else "")
            + ". Lower the threshold or add more shared exports and captures."
        )

    def __str__(self) -> str:
        return self.message


def threshold_summary(network: Network, *, min_mutual: int = DEFAULT_MIN_MUTUAL) -> ThresholdSummary:
    """Say how many people reach ``min_mutual`` and how many would at nearby thresholds.

    Examples
    --------
    >>> import pandas as pd
    >>> people = pd.DataFrame({"name": ["Me", "Ann", "Tara"], "degree": [0, 1, 2]},
    ...                       index=pd.Index(["me", "ann", "tara"], name="key"))
    >>> ties = pd.DataFrame({"a": ["me", "ann"], "b": ["ann", "tara"], "source": "x", "kind": "shared"})
    >>> print(threshold_summary(Network(people=people, ties=ties, me="me")))
    Nobody shares 10 or more connections with you yet; the highest count found is 1 (1 at 1). Lower the threshold or add more shared exports and captures.
    """
    min_mutual = check_min_mutual(min_mutual)
    counts = threshold_counts(network)
    highest = int(counts.index.max()) if len(counts) else 0

    def at(t: int) -> int:
        return int(counts.get(t, 0)) if t >= 1 else int(counts.iloc[0]) if len(counts) else 0

    if highest and at(min_mutual) == 0:
        near = sorted({highest, max(1, highest // 2), 1} - {min_mutual}, reverse=True)
    else:
        # a lower threshold, and a higher one when anybody reaches it
        near = {max(1, min_mutual // 2)} | ({min_mutual + 5} if min_mutual + 5 <= highest else set())
        near = sorted(near - {min_mutual}, reverse=True)
    near_counts = {t: at(t) for t in sorted({*near, min_mutual}) if t >= 1}
    return ThresholdSummary(min_mutual=min_mutual, qualified=at(min_mutual), highest=highest,
                            at={k: near_counts[k] for k in sorted(near_counts)})


def check_min_mutual(min_mutual: object) -> int:
    """The threshold as an int, or a :class:`~refkit.RefkitError` naming the bad value.

    Examples
    --------
    >>> check_min_mutual(10)
    10
    >>> check_min_mutual(0)
    Traceback (most recent call last):
    ...
    refkit._errors.RefkitError: min_mutual must be a whole number of at least 1, got 0
    """
    if isinstance(min_mutual, bool) or not isinstance(min_mutual, (int, np.integer)) or min_mutual < 1:
        raise RefkitError(f"min_mutual must be a whole number of at least 1, got {min_mutual!r}")
    return int(min_mutual)


# ----------------------------------------------------------------------------
# tie strength


def _normalize_tags(network: Network, tags: Any) -> dict[str, tuple[str, ...]]:
    """Map 1st-degree keys to tag tuples from a mapping, a frame or a tags CSV path."""
    if tags is None:
        return {}
    if isinstance(tags, (str, os.PathLike)):
        # a tags file is read once per network (and again only if it changes on disk)
        try:
            stamp = os.stat(tags).st_mtime_ns
        except OSError:
            stamp = None  # read_tags gives the clear error
        path = os.fspath(tags)
        return _cached(network, ("tags", path, stamp), lambda: _normalize_tags(network, _tags_frame(path)))
    if isinstance(tags, pd.DataFrame):
        cols = {c.lower(): c for c in tags.columns}
        items = []
        for _, row in tags.iterrows():
            who = row[cols["profile_url"]] if "profile_url" in cols and not pd.isna(
                row[cols["profile_url"]]) else row[cols.get("name", "name")]
            items.append((who, row[cols["tags"]]))
    elif isinstance(tags, Mapping):
        items = list(tags.items())
    else:
        raise RefkitError(f"tags must be a mapping, a DataFrame or a CSV path, got {type(tags).__name__}")
    index = _first_degree_index(network, [who for who, _ in items])
    out: dict[str, tuple[str, ...]] = {}
    for who, values in items:
        key = normalize_url(who) or index.resolve(who)
        if key is None or key not in network.people.index:
            continue
        if isinstance(values, str):
            values = values.split(";")
        clean = tuple(sorted({str(v).strip().lower() for v in values if str(v).strip()}))
        out[key] = tuple(sorted(set(out.get(key, ())) | set(clean)))
    return out


def _tags_frame(path: str) -> pd.DataFrame:
    from refkit.read import read_tags

    return read_tags(path).frame


def _first_degree_index(network: Network, names: Iterable[object]) -> NameIndex:
    """An index of the 1st-degree connections known by any of ``names`` (those to be resolved)."""
    wanted = {normalize_name(n) for n in names if isinstance(n, str)} - {""}
    norms = network.name_norms
    is_first = ((network.people["degree"] == 1) & norms.isin(wanted)).to_numpy()
    first = network.people[is_first]
    return NameIndex.from_columns(first.index, first["name"], first["company"],
                                  norms=norms[is_first])


def _message_stats(network: Network, today: pd.Timestamp) -> pd.DataFrame:
    cols = ["messages", "last_message", "they_wrote", "you_wrote"]
    msgs = network.messages
    first = network.first_degree
    empty = pd.DataFrame(index=first, columns=cols)
    if msgs is None or msgs.empty:
        return empty
    recipients = msgs["recipients"].dropna().astype(str).tolist()
    index = _first_degree_index(network, [*msgs["sender"].dropna().astype(str), *recipients,
                                          *(p for r in recipients if "," in r for p in r.split(","))])
    me_norm = normalize_name(network.me_name)
    sender_norm = msgs["sender"].fillna("").astype(str).map(normalize_name)
    sender_url = msgs["sender_url"].map(normalize_url) if "sender_url" in msgs else None
    is_me = sender_norm.eq(me_norm)
    if sender_url is not None:
        is_me |= sender_url.eq(network.me)
    if not is_me.any() and len(msgs):
        # the archive's owner is the most frequent sender
        is_me = sender_norm.eq(sender_norm.mode().iloc[0])
    rows = []
    rec_urls = msgs["recipient_urls"] if "recipient_urls" in msgs else pd.Series(pd.NA, index=msgs.index)
    for mine, sender, s_url, recipients, r_urls, sent_at in zip(
        is_me, msgs["sender"], sender_url if sender_url is not None else [None] * len(msgs),
        msgs["recipients"], rec_urls, msgs["sent_at"], strict=True,
    ):
        if mine:
            keys = []
            if isinstance(r_urls, str) and r_urls.strip():
                keys = [normalize_url(u) for u in r_urls.split(",")]
            if not any(keys) and isinstance(recipients, str):
                keys = [index.resolve(recipients)] if "," not in recipients else [
                    index.resolve(p) for p in recipients.split(",")]
            for k in keys:
                if k:
                    rows.append((k, sent_at, False))
        else:
            k = s_url or (index.resolve(sender) if isinstance(sender, str) else None)
            if k:
                rows.append((k, sent_at, True))
    if not rows:
        return empty
    frame = pd.DataFrame(rows, columns=["key", "sent_at", "they"])
    frame = frame[frame["key"].isin(first)]
    g = frame.groupby("key")
    stats = pd.DataFrame(
        {
            "messages": g.size(),
            "last_message": g["sent_at"].max(),
            "they_wrote": g["they"].any(),
            "you_wrote": (~frame["they"]).groupby(frame["key"]).any(),
        }
    )
    return stats.reindex(first)


def tie_strength(
    network: Network,
    *,
    tags: Any = None,
    today: object = None,
) -> pd.DataFrame:
    """How well the user knows each 1st-degree connection, part by part.

    Parameters
    ----------
    network : Network
    tags : mapping, DataFrame or path, optional
        Tags the user gives: ``{"Priya Raman": ["close"], ...}`` (names or
        profile URLs), a frame with ``name``/``profile_url`` and ``tags``
        columns, or a tags CSV (``Name,URL,Tags``, tags separated by ``;``).
    today : date-like, optional
        The date to measure years and recency from (default: today).

    Returns
    -------
    DataFrame
        Indexed by 1st-degree key; columns ``years_connected, messages,
        last_message, both_wrote, shared_employer, tags`` and ``strength``
        (see the module docstring for the points).

    Examples
    --------
    >>> import pandas as pd
    >>> people = pd.DataFrame(
    ...     {"name": ["Me", "Ann", "Bob"], "company": [None, "Globex", "Initech"], "degree": [0, 1, 1],
    ...      "connected_on": pd.to_datetime([None, "2020-01-01", "2024-01-01"])},
    ...     index=pd.Index(["me", "ann", "bob"], name="key"))
    >>> ties = pd.DataFrame({"a": ["me", "me"], "b": ["ann", "bob"], "source": "x", "kind": "connection"})
    >>> s = tie_strength(Network(people=people, ties=ties, me="me"), tags={"Bob": ["family"]},
    ...                  today="2026-01-01")
    >>> s[["years_connected", "tags", "strength"]]
         years_connected    tags  strength
    key
    ann              6.0              6.0
    bob              2.0  family      8.0
    """
    return _strength(network, _normalize_tags(network, tags), _today(today))


def _today(today: object) -> pd.Timestamp:
    return pd.Timestamp(today).normalize() if today is not None else pd.Timestamp.today().normalize()


def _strength(network: Network, tag_map: dict[str, tuple[str, ...]], today: pd.Timestamp) -> pd.DataFrame:
    key = ("strength", tuple(sorted(tag_map.items())), today)
    return _cached(network, key, lambda: _tie_strength(network, tag_map, today))


def _employers(network: Network) -> set[str]:
    pos = network.positions
    if pos is None or pos.empty or "company" not in pos:
        return set()
    return {_distinctive(c) for c in pos["company"].dropna()} - {frozenset()}


def _tie_strength(network: Network, tag_map: dict[str, tuple[str, ...]],
                  today: pd.Timestamp) -> pd.DataFrame:
    people = network.people
    first = people[people["degree"] == 1]
    out = pd.DataFrame(index=first.index)
    if "connected_on" in first:
        days = (today - plausible_dates(first["connected_on"], today=today)).dt.days
        out["years_connected"] = (days / 365.25).clip(lower=0).fillna(0).round(1)
    else:
        out["years_connected"] = 0.0
    stats = _message_stats(network, today)
    out["messages"] = stats["messages"].fillna(0).astype("int64")
    out["last_message"] = pd.to_datetime(stats["last_message"])
    out["both_wrote"] = (stats["they_wrote"].fillna(False).astype(bool)
                         & stats["you_wrote"].fillna(False).astype(bool))
    employers = _employers(network)
    companies = first["company"] if "company" in first else pd.Series(pd.NA, index=first.index)
    shared_employer = np.zeros(len(out), dtype=bool)
    if employers:  # once per distinct company
        codes, uniques = pd.factorize(companies)
        hits = np.array([_distinctive(c) in employers for c in uniques] + [False], dtype=bool)
        shared_employer = hits[codes]
    out["shared_employer"] = shared_employer
    # tags touch few people: fill those rows only
    tags_text = np.full(len(out), "", dtype=object)
    tag_points = np.zeros(len(out))
    positions = out.index.get_indexer(list(tag_map))
    for pos, values in zip(positions, tag_map.values(), strict=True):
        if pos < 0:
            continue
        tags_text[pos] = "; ".join(values)
        tag_points[pos] = sum(TAG_WEIGHTS.get(t, OTHER_TAG_WEIGHT) for t in values)
    out["tags"] = pd.array(tags_text, dtype="str")

    age_days = (today - out["last_message"]).dt.days
    recency = np.where(age_days < 365, 3.0, np.where(age_days < 3 * 365, 1.0, 0.0))
    strength = (
        out["years_connected"].clip(upper=10)
        + 3 * np.log2(1 + out["messages"])
        + 2 * out["both_wrote"]
        + recency
        + 4 * out["shared_employer"]
        + tag_points
    )
    out["strength"] = strength.astype(float).round(2)
    return out


# ----------------------------------------------------------------------------
# companies and keywords


def _distinctive(company: object) -> frozenset[str]:
    return _distinctive_words(normalize_company(company))


@lru_cache(maxsize=1 << 16)
def _distinctive_words(normalized: str) -> frozenset[str]:
    return frozenset(w for w in normalized.split() if w not in _GENERIC_COMPANY_WORDS)


def company_matches(company: object, targets: Iterable[str]) -> str | None:
    """The target company ``company`` matches, or None.

    A match is exact after case, accents, punctuation and legal suffixes (Inc.,
    GmbH, Ltd …) are removed, or has the same distinctive words once generic
    words (Technologies, Labs, Systems …) are dropped. A name that merely
    starts with or contains the target is not a match.

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
    """A pattern finding any of ``keywords`` as whole words, any case (None when there are none).

    Examples
    --------
    >>> keyword_pattern(["engineer"]).search("Senior Data Engineer").group(0)
    'Engineer'
    >>> keyword_pattern(["engineer"]).search("Engineering Manager") is None
    True
    """
    words = [k.strip() for k in keywords if k and k.strip()]
    if not words:
        return None
    return re.compile(r"(?<!\w)(" + "|".join(re.escape(w) for w in words) + r")(?!\w)", re.IGNORECASE)


# ----------------------------------------------------------------------------
# ranking


def _candidates(network: Network, tag_map: dict[str, tuple[str, ...]],
                today: pd.Timestamp) -> tuple[pd.DataFrame, list[str]]:
    """Everything about targets that does not depend on threshold, companies or keywords.

    Returns the candidates and the keys of all introducers, target by target,
    best first: a candidate's introducers are ``introducers[_start:_stop]``
    (tuples are made only for the rows a ranking keeps).
    """
    key = ("candidates", tuple(sorted(tag_map.items())), today)

    def compute() -> tuple[pd.DataFrame, list[str]]:
        return _build_candidates(network, _strength(network, tag_map, today))

    return _cached(network, key, compute)


def _build_candidates(network: Network, strength: pd.DataFrame) -> tuple[pd.DataFrame, list[str]]:
    codes, mutual = _counts(network)
    people = network.people
    keys = people.index
    key_arr = keys.to_numpy(dtype=object)
    target, mutual_code = _tie_codes(network)
    # introducer order within each target: strongest tie first, then by name; introducers
    # are 1st-degree connections, so only their strengths and names are needed
    first = np.flatnonzero(people["degree"].to_numpy() == 1)
    by_code = np.zeros(len(keys) + 1)
    s_codes = first if strength.index.equals(keys[first]) else keys.get_indexer(strength.index)
    by_code[s_codes[s_codes >= 0]] = strength["strength"].to_numpy()[s_codes >= 0]
    name_rank = np.zeros(len(keys), dtype="int64")
    first_names = people["name"].fillna("").to_numpy(dtype=object)[first]
    name_rank[first[np.argsort(first_names, kind="stable")]] = np.arange(len(first))
    order = np.lexsort((name_rank[mutual_code], -by_code[mutual_code], target))
    target, mutual_code = target[order], mutual_code[order]
    starts = run_starts(target)
    # rows of ``mutual`` are sorted by people position, as are the targets: align by position
    rows = np.searchsorted(codes, target[starts])
    cand = mutual[["mutual_count", "known_count", "reported_count"]].copy()
    bounds = np.r_[starts, len(target)]
    start, stop = np.zeros(len(codes), dtype="int64"), np.zeros(len(codes), dtype="int64")
    start[rows], stop[rows] = bounds[:-1], bounds[1:]
    cand["_start"], cand["_stop"] = start, stop
    best = np.zeros(len(codes))
    best[rows] = by_code[mutual_code[starts]]
    cand["best_strength"] = best
    for col in ("name", "profile_url", "company", "position"):
        cand[col] = people[col].array.take(codes)
    pending = _pending_invitations(network)
    cand["pending_since"] = pending.reindex(cand.index) if len(pending) else pd.Series(
        pd.NaT, index=cand.index, dtype=pending.dtype)
    return cand, key_arr[mutual_code].tolist()


def _pending_invitations(network: Network) -> pd.Series:
    """Dates of outgoing invitations still pending, by person key."""
    inv = network.invitations
    if inv is None or inv.empty or "direction" not in inv:
        return pd.Series(dtype="datetime64[ns]")
    out = inv[inv["direction"].fillna("").str.upper().eq("OUTGOING")]
    people = network.people
    wanted = {normalize_name(n) for n in out["to_name"].dropna()}
    is_named = network.name_norms.isin(wanted).to_numpy()
    named = people[is_named]
    index = NameIndex.from_columns(named.index, named["name"], named["company"],
                                   norms=network.name_norms[is_named])
    keys = []
    for url, name in zip(out.get("invitee_url", pd.Series(pd.NA, index=out.index)), out["to_name"],
                         strict=True):
        keys.append(normalize_url(url) or (index.resolve(name) if isinstance(name, str) else None))
    dates = pd.Series(pd.to_datetime(out["sent_at"]).to_numpy(), index=keys)
    dates = dates[dates.index.notna()]
    # a connection that already accepted is 1st-degree: no longer pending
    dates = dates[dates.index.isin(people.index[people["degree"] == 2])]
    return dates.groupby(level=0).max()


def rank_targets(
    network: Network,
    *,
    min_mutual: int = DEFAULT_MIN_MUTUAL,
    companies: Iterable[str] = (),
    keywords: Iterable[str] = (),
    tags: Any = None,
    only_matching: bool = False,
    require_introducer: bool = False,
    top: int | None = None,
    today: object = None,
) -> pd.DataFrame:
    """Rank the 2nd-degree people worth reaching, with their introducers and a reason.

    Parameters
    ----------
    network : Network
    min_mutual : int, default 10
        Keep people with at least this many mutual connections.
    companies : iterable of str
        Target companies; a match adds 10 to the score (see :func:`company_matches`).
    keywords : iterable of str
        Words to find in the position (whole words, any case); a match adds 5.
    tags : mapping, DataFrame or path, optional
        The user's tags for their connections (see :func:`tie_strength`).
    only_matching : bool, default False
        Keep only people matching a target company or a keyword (when any is given).
    require_introducer : bool, default False
        Keep only people with a named mutual connection to ask.
    top : int, optional
        Keep the best ``top`` rows.
    today : date-like, optional
        Reference date for tie strength.

    Returns
    -------
    DataFrame
        Columns ``rank, name, profile_url, company, position, mutual_count,
        mutual_connections, introducer, alternates, score, reason`` then
        ``key, introducer_key, alternate_keys, mutual_keys, company_match,
        keyword_match, pending_invitation, pending_since, common_ground``. Best
        first; people with an invitation already pending (``pending_since``
        the date it was sent, from Invitations.csv) come last.

    Examples
    --------
    >>> import pandas as pd
    >>> people = pd.DataFrame(
    ...     {"name": ["Me", "Ann", "Bob", "Tara"], "company": [None, "Globex", "Initech", "Stripe"],
    ...      "position": [None, "PM", "Dev", "Data Engineer"], "degree": [0, 1, 1, 2]},
    ...     index=pd.Index(["me", "ann", "bob", "tara"], name="key"))
    >>> ties = pd.DataFrame({"a": ["me", "me", "ann", "bob"], "b": ["ann", "bob", "tara", "tara"],
    ...                      "source": "x", "kind": "shared"})
    >>> ranked = rank_targets(Network(people=people, ties=ties, me="me"), min_mutual=2,
    ...                       companies=["Stripe"], tags={"Bob": ["close"]})
    >>> ranked[["rank", "name", "mutual_count", "introducer", "alternates"]]
       rank  name  mutual_count introducer alternates
    0     1  Tara             2        Bob        Ann
    >>> print(ranked.loc[0, "reason"])
    2 mutual connections; works at Stripe (target company); Bob knows you best: tagged close
    """
    min_mutual = check_min_mutual(min_mutual)
    if top is not None and (isinstance(top, bool) or not isinstance(top, (int, np.integer)) or top < 1):
        raise RefkitError(f"top must be a whole number of at least 1, got {top!r}")
    companies = [str(c) for c in companies if str(c).strip()]
    keywords = [str(k) for k in keywords if str(k).strip()]
    tag_map = _normalize_tags(network, tags)
    today_ts = _today(today)
    cand, introducers = _candidates(network, tag_map, today_ts)
    sel = cand[cand["mutual_count"] >= min_mutual]
    if require_introducer:
        sel = sel[(sel["_stop"] > sel["_start"]).to_numpy()]

    company_hit = [company_matches(c, companies) if companies else None for c in sel["company"]]
    pattern = keyword_pattern(keywords)
    keyword_hit = [
        (m.group(0) if (pattern and isinstance(p, str) and (m := pattern.search(p))) else None)
        for p in sel["position"]
    ]
    out = sel.assign(company_hit=company_hit, keyword_hit=keyword_hit)
    out["company_match"] = out["company_hit"].notna()
    out["keyword_match"] = out["keyword_hit"].notna()
    if only_matching and (companies or keywords):
        out = out[out["company_match"] | out["keyword_match"]]
    out["score"] = (out["mutual_count"] + 10 * out["company_match"] + 5 * out["keyword_match"]
                    + out["best_strength"].clip(upper=20) / 4).round(2)
    out["pending_invitation"] = out["pending_since"].notna()
    out = out.assign(_name=out["name"].fillna("")).sort_values(
        ["pending_invitation", "score", "mutual_count", "_name"],
        ascending=[True, False, False, True], kind="stable")
    if top is not None:
        out = out.head(int(top))
    out["mutual_keys"] = [tuple(introducers[a:b]) for a, b in
                          zip(out["_start"].tolist(), out["_stop"].tolist(), strict=True)]
    return _finish(network, out, _strength(network, tag_map, today_ts))


def _finish(network: Network, out: pd.DataFrame, strength: pd.DataFrame) -> pd.DataFrame:
    names = network.people["name"]
    employers = _employer_status(network)
    rows = []
    for key, row in zip(out.index, out.itertuples(index=False), strict=True):
        keys = row.mutual_keys
        intro = keys[0] if keys else None
        ground = _common_ground(row.company, employers)
        rows.append(
            {
                "mutual_connections": "; ".join(str(names.get(k, k)) for k in keys),
                "introducer": names.get(intro) if intro else pd.NA,
                "alternates": "; ".join(str(names.get(k, k)) for k in keys[1:]),
                "reason": _reason(row, intro, names, strength, ground),
                "key": key,
                "introducer_key": intro if intro else pd.NA,
                "alternate_keys": tuple(keys[1:]),
                "common_ground": ground if ground else pd.NA,
            }
        )
    extra = pd.DataFrame(rows, index=out.index,
                         columns=["mutual_connections", "introducer", "alternates", "reason", "key",
                                  "introducer_key", "alternate_keys", "common_ground"])
    result = pd.concat([out, extra], axis=1).reset_index(drop=True)
    result.insert(0, "rank", pd.RangeIndex(1, len(result) + 1))
    for col in ("name", "profile_url", "company", "position", "mutual_connections", "introducer",
                "alternates", "reason", "key", "introducer_key", "common_ground"):
        result[col] = result[col].astype("str")
    result["mutual_count"] = result["mutual_count"].astype("int64")
    result["score"] = result["score"].astype(float)
    return result[RANK_COLUMNS + EXTRA_COLUMNS]


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


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _reason(row: Any, intro: str | None, names: pd.Series, strength: pd.DataFrame,
            ground: str | None) -> str:
    parts = [_plural(int(row.mutual_count), "mutual connection")]
    if 0 < row.known_count < row.mutual_count:
        parts[0] += f" ({int(row.known_count)} known by name)"
    # pandas 3 stores these as str columns: a miss is NaN there, not None
    if not is_missing(row.company_hit):
        parts.append(f"works at {row.company} (target company)")
    if not is_missing(row.keyword_hit):
        parts.append(f"position matches '{row.keyword_hit}'")
    if ground:
        parts.append(ground)
    if not pd.isna(row.pending_since):
        parts.append(f"invitation pending since {pd.Timestamp(row.pending_since).date()}: don't send another")
    if intro is not None:
        parts.append(f"{names.get(intro, intro)} knows you best" + _tie_words(strength, intro))
    elif row.reported_count:
        parts.append("no mutual connection named yet: capture their names from LinkedIn")
    return "; ".join(parts)


def _tie_words(strength: pd.DataFrame, key: str) -> str:
    if key not in strength.index:
        return ""
    s = strength.loc[key]
    bits = []
    years = float(s["years_connected"])
    if years >= 1:
        bits.append(f"connected {_plural(int(math.floor(years)), 'year')}")
    if int(s["messages"]):
        bits.append(_plural(int(s["messages"]), "message"))
    if bool(s["shared_employer"]):
        bits.append("worked at your company")
    if s["tags"]:
        bits.append(f"tagged {s['tags']}")
    return ": " + ", ".join(bits) if bits else ""


def paths_into(
    network: Network,
    company: str,
    *,
    min_mutual: int = 1,
    tags: Any = None,
    today: object = None,
) -> pd.DataFrame:
    """Who the user knows at ``company`` and who they could reach there.

    Returns one row per person at the company: 1st-degree people (``degree``
    1, the user can ask them directly) first, then 2nd-degree people with at
    least ``min_mutual`` mutual connections and their introducers.

    Examples
    --------
    >>> import pandas as pd
    >>> people = pd.DataFrame(
    ...     {"name": ["Me", "Ann", "Tara", "Sol"], "company": [None, "Stripe Inc.", "Stripe", "Stripes"],
    ...      "position": [None, "PM", "Dev", "Dev"], "degree": [0, 1, 2, 2]},
    ...     index=pd.Index(["me", "ann", "tara", "sol"], name="key"))
    >>> ties = pd.DataFrame({"a": ["me", "ann", "ann"], "b": ["ann", "tara", "sol"],
    ...                      "source": "x", "kind": "shared"})
    >>> paths_into(Network(people=people, ties=ties, me="me"), "Stripe")[["name", "degree", "introducer"]]
       name  degree introducer
    0   Ann       1        NaN
    1  Tara       2        Ann
    """
    if not str(company).strip():
        raise RefkitError("paths_into needs a company name, got an empty one")
    people = network.people
    at_company = np.array([company_matches(c, [company]) is not None for c in people["company"]],
                          dtype=bool)
    first = people[(people["degree"] == 1).to_numpy() & at_company]
    direct = pd.DataFrame(
        {
            "name": first["name"], "degree": 1, "company": first["company"],
            "position": first["position"], "profile_url": first["profile_url"],
            "mutual_count": 0, "introducer": pd.NA, "alternates": "", "key": first.index,
        }
    ).reset_index(drop=True)
    reach = rank_targets(network, min_mutual=min_mutual, companies=[company], only_matching=True,
                         tags=tags, today=today)
    reach = reach[reach["company_match"]]
    second = reach.assign(degree=2)[list(direct.columns)]
    out = pd.concat([direct, second], ignore_index=True)
    out["degree"] = out["degree"].astype("int64")
    out["mutual_count"] = out["mutual_count"].astype("int64")
    for col in ("name", "company", "position", "profile_url", "introducer", "alternates", "key"):
        out[col] = out[col].astype("str")
    return out
