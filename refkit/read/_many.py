"""Reading many shared exports at once: the files split between this process and forked workers.

A coach's pile of 200 exports takes a second or more to read, one file after
another, on a machine with idle cores. Workers forked from this process read
the later files while this process reads the first ones (or the user's own
export, which may be the one large file); their results (and
the warnings each file gave) come back in file order, so the user sees the
same warnings, in the same order, and gets the same results as from reading
one by one. A file a worker could not read is read again here, so its error
is raised exactly as it would be.
"""

from __future__ import annotations

import multiprocessing
import warnings
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import AbstractContextManager, nullcontext
from typing import Any

from refkit._parallel import quiet_worker, spare_processes
from refkit.read._results import ReadResult

PARALLEL_FROM = 40
"""Files to read from which workers help (below this, starting them costs more than it saves)."""

MAX_WORKERS = 4
"""Most worker processes besides this one."""

_Read = Callable[[object, str], ReadResult]


def workers_for(n_files: int) -> int:
    """How many worker processes to fork for ``n_files`` files (0: read them here, one by one).

    None below :data:`PARALLEL_FROM` files; else as many as
    :func:`refkit._parallel.spare_processes` allows (``REFKIT_WORKERS``, other
    threads, cores), at most :data:`MAX_WORKERS`.
    """
    if n_files < PARALLEL_FROM:
        return 0
    return min(spare_processes(), MAX_WORKERS)


def _read_chunk(read: _Read, items: Sequence[tuple[str, object]]) -> list[tuple[ReadResult | None, list]]:
    """Each file's result (None when it failed) and the warnings it gave, as texts and kinds
    (to be given in file order, and to cross from a worker)."""
    out: list[tuple[ReadResult | None, list]] = []
    for owner, value in items:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            try:
                result: ReadResult | None = read(value, owner)
            except Exception:  # noqa: BLE001 - read again in the parent, which raises it as it is
                result = None
        out.append((result, [(str(w.message), w.category) for w in caught] if result is not None else []))
    return out


def read_in_parallel(read: _Read, items: Sequence[tuple[str, object]], *, workers: int,
                     progress: Callable[[], AbstractContextManager[Any]] = nullcontext,
                     first: Callable[[], Any] | None = None) -> tuple[Any, list[ReadResult]]:
    """``first()`` and ``[read(value, owner) for owner, value in items]``, the later files
    read by ``workers`` forked processes; warnings are given again here, in file order.

    ``first`` (the user's own export, say: one large file) is worked out by
    this process while the workers start on the files (None: nothing), and
    counts as one file on the bar; its warnings come before the files', and
    its error is raised before theirs. ``progress()`` opens a progress bar
    (``update(n)`` is called as files are done) once the workers are forked: a
    bar may start a thread, and a process is forked before any thread runs.
    """
    n = len(items)
    # this process reads a first share (its results need no pickling); the rest goes to the
    # workers in small chunks, of which this process takes back those not yet started
    head = max(n // (workers + 1) * 4 // 5, 1) if first is None else 0
    size = max(n // (8 * (workers + 1)), 1)
    chunks = [items[i:i + size] for i in range(head, n, size)]
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context,
                             initializer=quiet_worker) as pool:
        # the first submit forks every worker, before the bar (or anything) starts a thread
        futures: list[Future] = [pool.submit(_read_chunk, read, chunk) for chunk in chunks]
        with progress() as bar:
            advance = bar.update if bar is not None else (lambda k: None)
            mine = None
            if first is not None:
                try:
                    mine = first()
                except BaseException:
                    for future in futures:  # the error is raised now, not after every file
                        future.cancel()
                    raise
                advance(1)
            out = []
            for owner, value in items[:head]:
                out.append(read(value, owner))
                advance(1)
            # then the last chunks, while no worker has started them (the workers go from the
            # first): both ends meet halfway, whichever side is quicker
            taken: dict[int, list[tuple[ReadResult | None, list]]] = {}
            for i in reversed(range(len(chunks))):
                if not futures[i].cancel():
                    break
                taken[i] = _read_chunk(read, chunks[i])
            for i, (chunk, future) in enumerate(zip(chunks, futures, strict=True)):
                if i in taken:
                    done = taken[i]
                else:
                    try:
                        done = future.result()
                    except Exception:  # noqa: BLE001 - a worker lost: this process reads its files
                        done = [(None, [])] * len(chunk)
                for (owner, value), (result, caught) in zip(chunk, done, strict=True):
                    if result is None:  # not read, or failed: read here (a failure raises as it is)
                        result = read(value, owner)
                    else:
                        for message, category in caught:
                            warnings.warn(message, category, stacklevel=2)
                    out.append(result)
                advance(len(chunk))
    return mine, out
