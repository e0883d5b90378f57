"""Work shared with forked processes, on a machine with idle cores.

Reading a coach's pile of exports (:mod:`refkit.read._many`), drafting and
writing tens of thousands of rows: each is work a second core can halve. One
rule says when a process may be forked (:func:`spare_processes`), and
:func:`in_halves` does one piece of work in two halves, the second in a forked
process. The results are the same as working in one process; only the time
differs.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import threading
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from typing import Any, TypeVar

__all__ = ["PARALLEL_ROWS", "by_row_halves", "in_halves", "spare_processes"]

T = TypeVar("T")
R = TypeVar("R")

#: Rows of a table from which its second half is worked on by a forked process (forking and
#: sending a result back take some 0.05 s: worth it for work of some 50 microseconds a row).
PARALLEL_ROWS = 5_000

#: The work a forked process does: set just before it is forked, which it inherits as it is
#: (not pickled: only its result crosses back).
_PENDING: list[tuple[Callable[[Any], Any], Any]] = []


def spare_processes() -> int:
    """How many processes this one may fork to share its work (0: work here, alone).

    None on a single core, where processes cannot be forked, or when this
    process runs other threads (a Jupyter kernel: forking it is unsafe; tqdm's
    monitor thread, which only sleeps, aside). ``REFKIT_WORKERS`` caps the
    number of processes, this one included (``1``, or a word such as ``off``:
    none).

    Returns
    -------
    int
        The number of processes that may be forked, besides this one.

    Examples
    --------
    >>> import os
    >>> os.environ["REFKIT_WORKERS"] = "1"
    >>> spare_processes()
    0
    >>> del os.environ["REFKIT_WORKERS"]
    """
    if _other_threads() or "fork" not in multiprocessing.get_all_start_methods():
        return 0
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    wanted = cores - 1
    cap = os.environ.get("REFKIT_WORKERS", "").strip()
    if cap:  # a number of processes; any other word ("off", "no" ...) means one
        wanted = min(wanted, max(int(cap) - 1, 0) if cap.isdigit() else 0)
    return max(wanted, 0)


def _other_threads() -> bool:
    """True when threads other than this one run, tqdm's sleeping monitor aside (a kernel's
    threads, say, which a forked child would find stopped halfway)."""
    return any(t is not threading.current_thread() and type(t).__name__ != "TMonitor"
               for t in threading.enumerate())


def quiet_worker() -> None:
    """Ctrl+C is the parent's to handle: a forked worker ignores it (and prints no traceback)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _run_pending() -> Any:
    work, data = _PENDING[0]
    return work(data)


def in_halves(work: Callable[[T], R], first: T, second: T) -> tuple[R, R]:
    """``(work(first), work(second))``, the second worked out by a forked process meanwhile.

    Without a spare core (see :func:`spare_processes`) both are worked out
    here, one after the other. The forked process inherits ``work`` and
    ``second`` (neither is pickled); its result is pickled back. (Standard
    output and error are flushed before the fork, by :mod:`multiprocessing`:
    nothing waiting in them is written twice.) When it fails
    or is lost, ``second`` is worked out here, so an error is raised as it
    would be in one process.

    Parameters
    ----------
    work : callable
        The work, on one half; it must not depend on which process runs it.
    first, second : object
        The two halves.

    Returns
    -------
    tuple
        ``work(first)`` and ``work(second)``.

    Examples
    --------
    >>> in_halves(sum, [1, 2], [3, 4])
    (3, 7)
    """
    if not spare_processes():
        return work(first), work(second)
    _PENDING[:] = [(work, second)]
    try:
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(max_workers=1, mp_context=context, initializer=quiet_worker) as pool:
            future = pool.submit(_run_pending)  # forks the process, which finds _PENDING set
            mine = work(first)
            try:
                theirs = future.result()
            except Exception:  # noqa: BLE001 - failed or lost: worked out here, raising as it would
                theirs = work(second)
    finally:
        _PENDING.clear()
    return mine, theirs


def by_row_halves(work: Callable[[Any], R], frame: Any) -> list[R]:
    """``[work(frame)]`` for a short table; from :data:`PARALLEL_ROWS` rows on, ``work`` on each
    half of its rows, the second half by a forked process (see :func:`in_halves`).

    Parameters
    ----------
    work : callable
        The work on a table (a DataFrame), whose result for the whole is made of its
        results for the halves, in order.
    frame : DataFrame
        The table.

    Returns
    -------
    list
        One or two results, in row order.

    Examples
    --------
    >>> import pandas as pd
    >>> by_row_halves(len, pd.DataFrame({"a": range(10)}))
    [10]
    >>> by_row_halves(len, pd.DataFrame({"a": range(PARALLEL_ROWS)}))
    [2500, 2500]
    """
    if len(frame) < PARALLEL_ROWS:
        return [work(frame)]
    half = len(frame) // 2
    return list(in_halves(work, frame.iloc[:half], frame.iloc[half:]))
