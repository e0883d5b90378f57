"""Work shared with a forked process (``refkit._parallel``) gives what one process gives.

Drafting and writing a long ranked table split its rows in two, the second
half worked on by a forked process. The file written, the drafts, a failure
and what was already printed must be the same as in one process.
"""

from __future__ import annotations

import csv
import io
import os
import random
import subprocess
import sys
import threading

import numpy as np
import pandas as pd
import pytest
from test_fast_paths import HOSTILE

from refkit import _parallel, draft, export

needs_two_cores = pytest.mark.skipif(len(os.sched_getaffinity(0)) < 2, reason="one core: nothing is forked")


def _pid(_):
    return os.getpid()


def _fails_on_odd(n):
    if n % 2:
        raise ValueError(f"odd: {n}")
    return n


@needs_two_cores
def test_the_second_half_is_worked_on_by_another_process(monkeypatch):
    monkeypatch.delenv("REFKIT_WORKERS", raising=False)
    mine, theirs = _parallel.in_halves(_pid, 0, 0)
    assert mine == os.getpid() and theirs != os.getpid()
    monkeypatch.setenv("REFKIT_WORKERS", "1")
    assert _parallel.in_halves(_pid, 0, 0) == (os.getpid(), os.getpid())


@needs_two_cores
def test_nothing_is_forked_beside_other_threads(monkeypatch):
    monkeypatch.delenv("REFKIT_WORKERS", raising=False)
    stop = threading.Event()
    other = threading.Thread(target=stop.wait, daemon=True)  # a kernel's threads, say
    other.start()
    try:
        assert _parallel.in_halves(_pid, 0, 0) == (os.getpid(), os.getpid())
    finally:
        stop.set()
        other.join()


def test_a_half_that_fails_raises_as_in_one_process(monkeypatch):
    monkeypatch.delenv("REFKIT_WORKERS", raising=False)
    with pytest.raises(ValueError, match="odd: 3"):
        _parallel.in_halves(_fails_on_odd, 2, 3)
    assert _parallel.in_halves(_fails_on_odd, 2, 4) == (2, 4)


@needs_two_cores
def test_what_waits_in_the_output_buffer_is_written_once():
    # standard output into a pipe is block-buffered: a forked process that flushed what it
    # inherited would print it a second time
    code = ("import sys; from refkit import _parallel; sys.stdout.write('said once;'); "
            "print(_parallel.in_halves(len, 'ab', 'abc'))")
    env = {k: v for k, v in os.environ.items() if k != "REFKIT_WORKERS"}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    assert done.stdout == "said once;(2, 3)\n"


def _hostile_table(rows: int, seed: int) -> pd.DataFrame:
    """A long table of other people's text of every kind, beside typed columns and a named index."""
    rng = random.Random(seed)

    def text() -> str:
        return "".join(rng.choice(HOSTILE) for _ in range(rng.randrange(0, 6)))

    def anything() -> object:
        return rng.choice([text(), text(), None, np.nan, pd.NA, 3, -2.5, True, ["a", "=b"],
                           pd.Timestamp("2024-02-29"), pd.Timestamp("2024-02-29 13:05")])

    names = [text() for _ in range(rows)]
    return pd.DataFrame(
        {
            "name": pd.Series(names, dtype="str"),
            "company": pd.Series([rng.choice(["Acme", "=Globex", None, text()]) for _ in range(rows)],
                                 dtype="string"),
            "mutual_connections": ["; ".join(text() for _ in range(rng.randrange(1, 4))) for _ in range(rows)],
            "introducer": [rng.choice([text(), None]) for _ in range(rows)],
            "mixed": [anything() for _ in range(rows)],
            "mutual_count": np.array([rng.randrange(0, 40) for _ in range(rows)], dtype="int64"),
            "score": [rng.random() if rng.random() > 0.1 else np.nan for _ in range(rows)],
            "flag": [rng.random() > 0.5 for _ in range(rows)],
            "seen": pd.to_datetime([rng.choice(["2020-01-01", None, "2023-06-30 10:00"]) for _ in range(rows)], format="mixed"),
            "email": [rng.choice(["ann@x.org", "", None]) for _ in range(rows)],
        },
        index=pd.Index([f"k{i}" for i in range(rows)], name="key"),
    )


def _written(frame: pd.DataFrame, monkeypatch, folder, workers: str | None,
             **options) -> tuple[bytes, bytes, list[int]]:
    """The file and the stream written, and how many parts each was worked in."""
    if workers is None:
        monkeypatch.delenv("REFKIT_WORKERS", raising=False)
    else:
        monkeypatch.setenv("REFKIT_WORKERS", workers)
    parts: list[int] = []

    def counted(work, table):
        out = _parallel.by_row_halves(work, table)
        parts.append(len(out))
        return out

    monkeypatch.setattr(export, "by_row_halves", counted)
    path = export.write_csv(frame, folder / "out.csv", overwrite=True, **options)
    stream = io.BytesIO()
    export.write_csv(frame, stream, **options)
    return path.read_bytes(), stream.getvalue(), parts


@pytest.mark.parametrize("include_email", [False, True])
def test_a_long_table_is_written_by_two_processes_as_by_one(monkeypatch, tmp_path, include_email):
    frame = _hostile_table(_parallel.PARALLEL_ROWS + 321, seed=7)
    before = frame.copy()
    alone = _written(frame, monkeypatch, tmp_path, "1", include_email=include_email, bom=True)
    shared = _written(frame, monkeypatch, tmp_path, None, include_email=include_email, bom=True)
    assert shared[0] == alone[0] and shared[1] == alone[1] == alone[0]
    assert shared[2] == [2, 2]  # the rows were worked on in two halves
    if len(os.sched_getaffinity(0)) > 1:
        assert _parallel.spare_processes() > 0  # ... and the second by a forked process
    pd.testing.assert_frame_equal(frame, before)
    text = shared[0].decode("utf-8-sig")
    assert text.count("\r\n") >= len(frame) + 1 and ("ann@x.org" in text) == include_email


def test_a_short_table_is_written_here_in_one_part(monkeypatch, tmp_path):
    frame = _hostile_table(50, seed=3)
    assert _written(frame, monkeypatch, tmp_path, None)[2] == [1, 1]


def test_drafts_of_a_long_table_by_two_processes_are_the_drafts_by_one(monkeypatch):
    frame = _hostile_table(_parallel.PARALLEL_ROWS + 11, seed=11).reset_index()
    monkeypatch.setenv("REFKIT_WORKERS", "1")
    alone = draft.add_drafts(frame, me="Alex Kim", goal="learning = more")
    monkeypatch.delenv("REFKIT_WORKERS")
    shared = draft.add_drafts(frame, me="Alex Kim", goal="learning = more")
    pd.testing.assert_frame_equal(shared, alone)
    records = frame.iloc[-40:].to_dict("records")  # the last rows: the second half's
    assert shared["invitation_note"].iloc[-40:].tolist() == [draft.invitation_note(r, me="Alex Kim")
                                                             for r in records]


def test_a_long_table_reads_back_as_its_safe_cells_from_a_file_and_from_either_kind_of_stream(
        monkeypatch, tmp_path):
    """Rows are encoded in blocks (and the second half in another process): what is written
    is the header once, first, then every row in order, whichever way it is written."""
    monkeypatch.setattr(export, "_BLOCK_ROWS", 700)  # several blocks in each half
    frame = _hostile_table(_parallel.PARALLEL_ROWS + 1_234, seed=5)
    monkeypatch.delenv("REFKIT_WORKERS", raising=False)
    path = export.write_csv(frame, tmp_path / "out.csv", bom=True)
    binary, text = io.BytesIO(), io.StringIO()
    export.write_csv(frame, binary, bom=True)
    export.write_csv(frame, text, bom=True)
    written = path.read_bytes()
    assert binary.getvalue() == written and text.getvalue().encode("utf-8") == written
    assert written.startswith(b"\xef\xbb\xbfkey,") and written.count(b"\xef\xbb\xbf") == 1
    rows = list(csv.reader(io.StringIO(written.decode("utf-8-sig"), newline="")))
    safe = export.safe_frame(frame)
    assert rows[0] == list(safe.columns) and len(rows) == len(frame) + 1
    for name in ("key", "name", "company", "mutual_connections", "introducer"):  # text columns
        at = rows[0].index(name)
        assert [row[at] for row in rows[1:]] == ["" if export.is_missing(v) else v for v in safe[name]]
