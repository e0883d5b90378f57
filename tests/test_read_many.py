"""A coach's pile of shared exports read by several processes: the same results, warnings and errors."""

from __future__ import annotations

import multiprocessing
import os
import shutil
import threading
import warnings
from pathlib import Path

import pandas as pd
import pytest

import refkit.build as build
from refkit._errors import RefkitError, RefkitWarning
from refkit.read import _many

FILES = Path(__file__).parent / "files"
# real-shaped files with row problems (warnings with line numbers) among clean ones
MESSY = ["connections_bad_rows.csv", "connections_bom.csv", "connections_2018.csv",
         "connections_2021.csv", "connections_2023.csv", "connections_crlf_nopreamble.csv"]


def _pile(tmp_path: Path, n: int) -> list[tuple[str, str]]:
    pairs = []
    for i in range(n):
        target = tmp_path / f"friend{i:03d}.csv"
        shutil.copyfile(FILES / MESSY[i % len(MESSY)], target)
        pairs.append((f"https://www.linkedin.com/in/friend-{i}", str(target)))
    return pairs


def _read(pairs, monkeypatch, workers: str):
    monkeypatch.setenv("REFKIT_WORKERS", workers)
    monkeypatch.setattr(_many, "PARALLEL_FROM", 2)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", RefkitWarning)
        _, results = build._read_inputs(None, pairs)
    return results, [str(w.message) for w in caught if issubclass(w.category, RefkitWarning)]


def test_workers_read_the_same_results_and_say_the_same_warnings_in_file_order(tmp_path, monkeypatch):
    pairs = _pile(tmp_path, 13)
    monkeypatch.setenv("REFKIT_WORKERS", "3")
    monkeypatch.setattr(_many, "PARALLEL_FROM", 2)
    assert _many.workers_for(len(pairs)) >= 1 or len(os.sched_getaffinity(0)) == 1
    alone, said_alone = _read(pairs, monkeypatch, "1")
    together, said_together = _read(pairs, monkeypatch, "3")
    assert said_alone and said_together == said_alone  # every warning, in the same order
    assert [r.path for r in together] == [p for _, p in pairs]
    for a, b in zip(alone, together, strict=True):
        pd.testing.assert_frame_equal(a.frame, b.frame)
        assert (a.owner, a.era, a.skipped, a.warnings) == (b.owner, b.era, b.skipped, b.warnings)


def test_a_file_a_worker_cannot_read_gives_its_own_error_as_when_read_alone(tmp_path, monkeypatch):
    pairs = _pile(tmp_path, 13)  # enough for a progress bar and workers
    bad = Path(pairs[11][1])
    bad.write_text("this is not a connections file\n", encoding="utf-8")  # read by a worker
    errors = []
    for workers in ("1", "3"):
        with pytest.raises(RefkitError) as err:
            _read(pairs, monkeypatch, workers)
        errors.append(str(err.value))
    assert str(bad) in errors[0] and errors[1] == errors[0]


def test_no_process_is_forked_beside_other_threads_or_when_told_not_to(monkeypatch):
    monkeypatch.setattr(_many, "PARALLEL_FROM", 2)
    monkeypatch.delenv("REFKIT_WORKERS", raising=False)
    if len(os.sched_getaffinity(0)) > 1:
        assert _many.workers_for(100) >= 1
    monkeypatch.setenv("REFKIT_WORKERS", "1")
    assert _many.workers_for(100) == 0
    monkeypatch.delenv("REFKIT_WORKERS")
    assert _many.workers_for(1) == 0  # a few files: read here
    stop = threading.Event()
    other = threading.Thread(target=stop.wait, daemon=True)  # a kernel's threads, say
    other.start()
    try:
        assert _many.workers_for(100) == 0
    finally:
        stop.set()
        other.join()


@pytest.mark.parametrize("value", ["1", "0", "off", "no", "-1"])
def test_refkit_workers_set_to_one_or_a_word_means_no_worker(monkeypatch, value):
    monkeypatch.setattr(_many, "PARALLEL_FROM", 2)
    monkeypatch.setenv("REFKIT_WORKERS", value)
    assert _many.workers_for(100) == 0


def _build(own, pairs, monkeypatch, workers: str):
    monkeypatch.setenv("REFKIT_WORKERS", workers)
    monkeypatch.setattr(_many, "PARALLEL_FROM", 2)
    monkeypatch.setattr(build, "PROGRESS_FROM", 2)  # six different files are a pile
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", RefkitWarning)
        network = build.build_network(own, shared=pairs, me="Ana Lima")
    return network, [str(w.message) for w in caught if issubclass(w.category, RefkitWarning)]


@pytest.mark.skipif(len(os.sched_getaffinity(0)) == 1, reason="one core: no process is forked")
def test_your_own_export_is_read_while_the_workers_read_the_shared_ones(tmp_path, monkeypatch):
    own = tmp_path / "mine" / "Connections.csv"
    own.parent.mkdir()
    own.write_text("First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
                   "Priya,Raman,https://www.linkedin.com/in/priya-raman,,Stripe,Engineer,08 Feb 2021\n"
                   "Lee,Chen,https://www.linkedin.com/in/lee-chen,,Globex\n", encoding="utf-8")  # a short row
    pairs = _pile(tmp_path, len(MESSY))  # each a different export
    alive = []
    read_export = build._as_export

    def watched(export, **kwargs):
        alive.append(len(multiprocessing.active_children()))
        return read_export(export, **kwargs)

    monkeypatch.setattr(build, "_as_export", watched)
    together, said_together = _build(own, pairs, monkeypatch, "3")
    assert alive[-1] >= 1  # the workers were already at the shared files
    alone, said_alone = _build(own, pairs, monkeypatch, "1")
    assert alive[-1] == 0
    assert said_alone and said_together == said_alone  # yours first, then each file's, in order
    assert said_alone[0].startswith(str(own))
    pd.testing.assert_frame_equal(together.people, alone.people)
    pd.testing.assert_frame_equal(together.ties, alone.ties)


def test_an_unreadable_export_of_yours_is_the_error_even_when_workers_read_the_rest(tmp_path, monkeypatch):
    own = tmp_path / "Connections.csv"
    own.write_text("this is not a connections file\n", encoding="utf-8")
    pairs = _pile(tmp_path, len(MESSY))
    Path(pairs[4][1]).write_text("nor is this one\n", encoding="utf-8")  # a worker's file
    errors = []
    for workers in ("1", "3"):
        with pytest.raises(RefkitError) as err:
            _build(own, pairs, monkeypatch, workers)
        errors.append(str(err.value))
    assert str(own) in errors[0] and errors[1] == errors[0]
