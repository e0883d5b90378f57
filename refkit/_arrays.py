"""Bulk-work helpers shared by the build and rank stages.

People and ties are worked on as integer codes; these few operations on sorted
int64 arrays are what the stages have in common.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

__all__ = ["unique_sorted", "run_starts", "split_tuples"]


def unique_sorted(values: np.ndarray) -> np.ndarray:
    """The distinct values of an integer array, sorted.

    Same result as :func:`numpy.unique`, by sorting then dropping repeats, which
    is faster on the combined codes of a coach's network than ``np.unique``'s
    hash-based path (see ``benchmarks/rank.py``).

    Examples
    --------
    >>> unique_sorted(np.array([5, 1, 5, 3, 1])).tolist()
    [1, 3, 5]
    """
    ordered = np.sort(np.asarray(values))  # equal values are alike: no need for a stable sort
    if len(ordered) == 0:
        return ordered
    return ordered[np.r_[True, ordered[1:] != ordered[:-1]]]


def run_starts(sorted_codes: np.ndarray) -> np.ndarray:
    """Start positions of the runs of equal values in a sorted array.

    Examples
    --------
    >>> run_starts(np.array([2, 2, 4, 7, 7, 7])).tolist()
    [0, 2, 3]
    """
    if len(sorted_codes) == 0:
        return np.zeros(0, dtype="int64")
    return np.flatnonzero(np.r_[True, sorted_codes[1:] != sorted_codes[:-1]])


def split_tuples(labels: Sequence[object] | np.ndarray, positions: np.ndarray,
                 starts: np.ndarray) -> list[tuple]:
    """Tuples of ``labels[positions]``, one per run of ``positions`` beginning at ``starts``.

    Slices a Python list rather than calling :func:`numpy.split`, which is slow
    for tens of thousands of small runs.

    Examples
    --------
    >>> split_tuples(np.array(["a", "b", "c"], dtype=object), np.array([0, 2, 1]),
    ...              np.array([0, 2]))
    [('a', 'c'), ('b',)]
    """
    if len(starts) == 0:
        return []
    named = np.asarray(labels, dtype=object)[positions].tolist()
    bounds = np.r_[starts, len(named)].tolist()
    return [tuple(named[s:e]) for s, e in zip(bounds[:-1], bounds[1:], strict=True)]
