"""Adversarial checks of the CSV fast path (r17-test): fast and careful reads must agree.

Found by fuzzing (fixed: widths are now checked line by line): pandas' C parser with ``index_col=False`` drops one trailing empty
field when the FIRST row of a chunk has it, so a short row elsewhere in the same chunk
balances the delimiter count in ``_all_fields`` and passes as clean.
"""

from __future__ import annotations

import warnings

import pandas as pd
import pytest

import refkit.read as R
import refkit.read._table as T

HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"


def _both(read):
    out = []
    for fast in (True, False):
        old = T._FAST
        T._FAST = fast
        try:
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always")
                result = read()
        finally:
            T._FAST = old
        out.append((result, [str(w.message) for w in caught]))
    return out


def _same(read):
    (fast, fast_w), (slow, slow_w) = _both(read)
    pd.testing.assert_frame_equal(fast.frame, slow.frame)
    assert fast.skipped == slow.skipped
    assert fast.warnings == slow.warnings
    assert fast.era == slow.era
    assert fast_w == slow_w


def _rows(n):
    return [f"Ann{i},Lee{i},https://www.linkedin.com/in/ann-{i},,Acme,Engineer,08 Feb 2021\n" for i in range(n)]


def test_first_row_trailing_comma_hides_a_short_row(tmp_path):
    # bug (r17-test): the fast path drops the "short row" warning of line 503
    rows = _rows(1000)
    rows[0] = rows[0].replace("\n", ",\n")  # first data row: a trailing comma (8th, empty cell)
    rows[500] = "Bob,Short,https://www.linkedin.com/in/bob,,Acme,08 Feb 2021\n"  # one cell missing
    path = tmp_path / "Connections.csv"
    path.write_text(HEADER + "".join(rows), encoding="utf-8")
    _same(lambda: R.read_connections(path))


@pytest.mark.parametrize("delimiter", [",", "\t", ";"])
def test_trailing_delimiter_on_first_row_then_short_row(tmp_path, delimiter):
    rows = _rows(50)
    rows[0] = rows[0].replace("\n", ",\n")
    rows[20] = "Bob,Short,https://www.linkedin.com/in/bob,,Acme,08 Feb 2021\n"
    path = tmp_path / "Connections.csv"
    path.write_text((HEADER + "".join(rows)).replace(",", delimiter), encoding="utf-8")
    _same(lambda: R.read_connections(path))


def test_job_applications_short_row_is_skipped_by_both(tmp_path):
    # bug (r17-test): exact-width file: the careful reader skips the short row, the fast path keeps it
    jobs = tmp_path / "export" / "Jobs"
    jobs.mkdir(parents=True)
    (tmp_path / "export" / "Connections.csv").write_text(HEADER + "".join(_rows(5)), encoding="utf-8")
    head = ("Application Date,Contact Email,Contact Phone Number,Company Name,Job Title,Job Url,"
            "Resume Name,Question And Answers\n")
    rows = [f'"8/{1 + i % 28}/26, 1:32 PM",,,Acme {i},Analyst,https://www.linkedin.com/jobs/view/{i},cv.pdf,\n'
            for i in range(50)]
    rows[0] = rows[0].replace("\n", ",\n")
    rows[20] = '"8/15/26, 1:32 PM",,,Globex,Engineer,https://www.linkedin.com/jobs/view/9,"Q: salary? A: 90k"\n'
    (jobs / "Job Applications.csv").write_text(head + "".join(rows), encoding="utf-8")
    _same(lambda: R.read_export(tmp_path / "export").applications)
