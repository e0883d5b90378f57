"""Mutual connections and the threshold.

Mutual connections
    For each 2nd-degree person, the user's 1st-degree connections known to be
    tied to them (owners of shared exports that list them, named mutuals in a
    capture, edge lists). ``mutual_count`` is the larger of that set's size and
    the count LinkedIn showed in a capture ("14 mutual connections" is a count
    even when only two names are known).

Threshold
    ``min_mutual`` (default 10, the coaching rule: don't ask someone to connect
    unless you have at least 10 connections in common).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from refkit._arrays import run_starts, split_tuples, unique_sorted
from refkit._limits import MAX_CONNECTIONS
from refkit._text import plural
from refkit._validate import whole_number
from refkit.build import Network

__all__ = [
    "DEFAULT_MIN_MUTUAL",
    "ThresholdSummary",
    "check_min_mutual",
    "mutual_connections",
    "mutual_counts",
    "threshold_counts",
    "threshold_summary",
]

DEFAULT_MIN_MUTUAL = 10


def _cached(network: Network, key: Any, compute):
    """``compute()`` once per network and ``key``: kept on the network, never in a module table."""
    store = network._derived
    if key not in store:
        store[key] = compute()
    return store[key]


# ----------------------------------------------------------------------------
# mutual connections


def mutual_connections(network: Network) -> pd.DataFrame:
    """The mutual connections of every 2nd-degree person, named and counted.

    A mutual connection of a 2nd-degree person is one of the user's 1st-degree
    connections that the files tie to them. The count LinkedIn showed in a
    capture (``network.reported``) can be larger than the names known: the
    mutual count is the larger of the two.

    Parameters
    ----------
    network : Network
        The user's network, from :func:`refkit.build.build_network`.

    Returns
    -------
    DataFrame
        Indexed by ``key`` (2nd-degree people with at least one known or
        reported mutual connection, in ``network.people`` order); columns
        ``mutual_keys`` (tuple of the 1st-degree keys, in ``network.people``
        order), ``known_count`` (how many of them), ``reported_count`` (the
        count LinkedIn showed, 0 when none was captured) and ``mutual_count``
        (the larger of the two).

    See Also
    --------
    mutual_counts : The same table without the keys.

    Examples
    --------
    >>> from refkit.examples import toy_network
    >>> mutual_connections(toy_network())
                  mutual_keys  known_count  reported_count  mutual_count
    key
    jane  (priya, tomas, ann)            3               4             4
    lee        (priya, tomas)            2               0             2
    omar         (priya, bob)            2               0             2
    sara               (bob,)            1               0             1
    mia              (tomas,)            1               0             1
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
    """How many mutual connections every 2nd-degree person has.

    The counts of :func:`mutual_connections`, without naming the connections:
    what thresholds and charts need.

    Parameters
    ----------
    network : Network
        The user's network, from :func:`refkit.build.build_network`.

    Returns
    -------
    DataFrame
        Indexed by ``key`` like :func:`mutual_connections`; columns
        ``known_count``, ``reported_count`` and ``mutual_count`` (the larger
        of the two).

    Examples
    --------
    >>> from refkit.examples import toy_network
    >>> mutual_counts(toy_network())["mutual_count"].to_dict()
    {'jane': 4, 'lee': 2, 'omar': 2, 'sara': 1, 'mia': 1}
    """
    return _counts(network)[1]


def _counts(network: Network) -> tuple[np.ndarray, pd.DataFrame]:
    """:func:`mutual_counts` and the positions of its rows in ``people`` (sorted)."""
    return _cached(network, "mutual_counts", lambda: _mutual_counts(network))


def _tie_codes(network: Network) -> tuple[np.ndarray, np.ndarray]:
    """(target, mutual) positions in ``network.people`` of every 2nd-degree/1st-degree tie.

    Sorted by target then mutual, without repeats. Integer positions keep the
    work on numpy arrays instead of strings.
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

    Parameters
    ----------
    network : Network
        The user's network, from :func:`refkit.build.build_network`.

    Returns
    -------
    Series
        Named ``people``, indexed by the threshold ``t`` from 1 to the highest
        mutual count; each value is the number of people with a
        ``mutual_count`` of ``t`` or more. Empty when nobody has a mutual
        connection.

    Examples
    --------
    >>> from refkit.examples import toy_network
    >>> threshold_counts(toy_network()).to_dict()
    {1: 5, 2: 3, 3: 1, 4: 1}
    """
    counts = mutual_counts(network)["mutual_count"]
    if counts.empty:
        return pd.Series(dtype="int64", name="people")
    hist = np.bincount(counts.to_numpy(), minlength=int(counts.max()) + 1)
    at_least = np.cumsum(hist[::-1])[::-1]
    return pd.Series(at_least[1:], index=pd.RangeIndex(1, len(hist)), name="people")


@dataclass(frozen=True)
class ThresholdSummary:
    """How many people reach a threshold, and how many would at nearby thresholds.

    Made by :func:`threshold_summary`; ``str()`` gives :attr:`message`.

    Parameters
    ----------
    min_mutual : int
        The threshold asked for.
    qualified : int
        How many 2nd-degree people have at least ``min_mutual`` mutual connections.
    highest : int
        The highest mutual count in the network (0 when nobody has one).
    at : dict of int to int
        Nearby thresholds (and ``min_mutual`` itself) mapped to how many people
        reach each, in increasing order of threshold.

    Examples
    --------
    >>> summary = ThresholdSummary(min_mutual=2, qualified=3, highest=4, at={1: 5, 2: 3})
    >>> summary.qualified
    3
    >>> print(summary)
    3 people share at least 2 connections with you (5 share at least 1)
    """

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
        others = "; ".join(f"{n} {'shares' if n == 1 else 'share'} at least {k}"
                           for k, n in self.at.items() if k != t)
        people = "person shares" if self.qualified == 1 else "people share"
        if self.qualified:
            text = f"{self.qualified} {people} at least {plural(t, 'connection')} with you"
            return f"{text} ({others})" if others else text
        return (
            f"Nobody shares {t} or more connections with you yet; the highest count found is "
            f"{self.highest}" + (f" ({others})" if others else "")
            + ". Lower the threshold or add more shared exports and captures."
        )

    def __str__(self) -> str:
        return self.message


def threshold_summary(network: Network, *, min_mutual: int = DEFAULT_MIN_MUTUAL) -> ThresholdSummary:
    """How many people reach ``min_mutual``, and how many would at nearby thresholds.

    When somebody reaches ``min_mutual``, the nearby thresholds are half of it
    and ``min_mutual + 5`` (when somebody reaches that); when nobody does, they
    are the highest count found, half of it and 1.

    Parameters
    ----------
    network : Network
        The user's network, from :func:`refkit.build.build_network`.
    min_mutual : int, default 10
        The threshold: a whole number of at least 1.

    Returns
    -------
    ThresholdSummary
        The counts, and as :attr:`ThresholdSummary.message` a sentence saying them.

    Raises
    ------
    OptionError
        When ``min_mutual`` is not a whole number of at least 1.

    Examples
    --------
    >>> from refkit.examples import toy_network
    >>> net = toy_network()
    >>> threshold_summary(net, min_mutual=2)
    ThresholdSummary(min_mutual=2, qualified=3, highest=4, at={1: 5, 2: 3})
    >>> print(threshold_summary(net))
    Nobody shares 10 or more connections with you yet; the highest count found is 4 (5 share at least 1; 3 share at least 2; 1 shares at least 4). Lower the threshold or add more shared exports and captures.
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
    """The threshold ``min_mutual`` as an ``int``, checked.

    Parameters
    ----------
    min_mutual : object
        What the caller gave as the threshold.

    Returns
    -------
    int
        ``min_mutual`` as a Python ``int``.

    Raises
    ------
    OptionError
        When ``min_mutual`` is not a whole number of at least 1 (a bool or a
        float is not); ``value`` holds it.

    Examples
    --------
    >>> check_min_mutual(10)
    10
    >>> check_min_mutual(0)
    Traceback (most recent call last):
    ...
    refkit._errors.OptionError: min_mutual must be a whole number of at least 1, got 0
    """
    return whole_number(min_mutual, "min_mutual", minimum=1)
