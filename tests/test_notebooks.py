"""The guided notebooks run top to bottom on data_samples/ and are committed clean.

Each notebook is executed in a fresh ``python3`` kernel with the ``notebooks/``
folder as working directory (as JupyterLab does), and a few things it shows
are checked against the sample network described in ``data_samples/README.md``.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

import nbformat
import pytest
from conftest import KERNEL_NETWORK_PROBE, KERNEL_NO_NETWORK, ROOT

from refkit._text import scrub_emails

NOTEBOOKS_DIR = ROOT / "notebooks"
NOTEBOOKS = sorted(NOTEBOOKS_DIR.glob("*.ipynb"))
EDIT_MARK = "✏️ Point refkit at your own files here"

# Texts each notebook must show when run on data_samples/ as shipped. The numbers
# come from data_samples/README.md: the user's Connections.csv has 300 rows of which
# 13 are date-only (hidden profiles), the coach's 1,700 rows of which 37 are
# date-only, and 21 captured people share 10 or more connections with the user.
EXPECTED = {
    "00_start_here": [
        "'archive'",  # detect_kind of the sample archive folder
        "'mutuals'",  # detect_kind of the blank template
        "connections=287 rows, messages=173 rows, invitations=16 rows, positions=3 rows, profile=1 rows",
    ],
    "01_import": [
        "era='2023+ (with URL)', rows=287, skipped=13, warnings=0",
        "(21, 'only a date (hidden or closed profile)')",
        "era=\"2021-2023 (no URL); cp1252, ';' delimiter\", rows=288",
        "kind='mutuals', path='../data_samples/mutuals_capture.csv', era='refkit mutuals template', rows=80",
        "Network(me='Minh Takahashi', 1st-degree=287,",
        "matches several people with different profile URLs; kept apart",
        "'invitations'",
    ],
    "02_explore": [
        "Network(me='Minh Takahashi', 1st-degree=287,",
        "ChartFigure size 800x450 with 1 Axes",  # growth, then the histogram
        "ChartFigure size 1100x610 with 2 Axes",  # companies: 1st- and 2nd-degree
    ],
    "03_network": [
        "(309, 0)",  # nodes on the page: you + 287 connections + 21 people to reach; none omitted
        'class="refkit-network-view"',  # the page is displayed inline
        "'network.html'",
    ],
    "04_threshold": [
        "IntSlider(value=10, continuous_update=False",  # the widget, starting at the rule of 10
    ],
    "05_outreach": [
        "21 people share at least 10 connections with you",
        "Would you be comfortable introducing us?",
        "Best,\nMinh Takahashi",
        "'ranked.csv'",
    ],
    "06_track": [
        "{'added': 21, 'updated': 0}",
        "send invitation",
        "declined: ask",
        "no answer from",
        "{'budget': 5, 'sent_this_week': 1, 'left': 4}",
    ],
    "07_coach_session": [
        "rows=1663, skipped=37",
        # 1,663 people in the coach's export, less the client and those the client knows:
        "Connect with me and you reach 1,401 people you are not yet connected to.",
        "company: Stripe",
        "because Minh is exploring",
        "No 2nd-degree connections found yet",
        "21 people share at least 10 connections with you",
        "'Arjun Menon'",
        "I'd like to introduce you to each other: Minh Takahashi and",
        "Best,\nArjun Menon",
    ],
}


def _ensure_kernel() -> None:
    """Register the venv's ``python3`` kernel with ipykernel, only if it is missing."""
    from jupyter_client.kernelspec import KernelSpecManager

    if "python3" not in KernelSpecManager().find_kernel_specs():
        import sys

        from ipykernel.kernelspec import install

        install(prefix=sys.prefix)


@functools.cache
def _executed(path: Path) -> nbformat.NotebookNode:
    from nbclient import NotebookClient

    _ensure_kernel()
    notebook = nbformat.read(path, as_version=4)
    # Offline and private: the kernel refuses every connection that leaves this machine
    # (its own ZeroMQ channels are not Python sockets and stay untouched).
    notebook.cells.insert(0, nbformat.v4.new_code_cell(KERNEL_NO_NETWORK))
    notebook.cells.append(nbformat.v4.new_code_cell(KERNEL_NETWORK_PROBE))
    client = NotebookClient(notebook, timeout=600, kernel_name="python3",
                            resources={"metadata": {"path": str(NOTEBOOKS_DIR)}})
    client.execute()  # raises CellExecutionError on the first failing cell
    probe = notebook.cells.pop()
    notebook.cells.pop(0)
    assert _cell_text(probe).strip() == "blocked", "the network guard was not active"
    return notebook


def _output_text(output: nbformat.NotebookNode) -> str:
    if output.output_type == "stream":
        return output.text
    if output.output_type == "error":
        return "\n".join([output.ename, output.evalue, *output.traceback])
    return "\n".join(str(v) for k, v in output.get("data", {}).items() if k.startswith("text/"))


def _cell_text(cell: nbformat.NotebookNode) -> str:
    return "\n".join(_output_text(o) for o in cell.get("outputs", []))


def _code_cells(path: Path) -> list[nbformat.NotebookNode]:
    return [c for c in nbformat.read(path, as_version=4).cells if c.cell_type == "code"]


def _first_address(text: str) -> str | None:
    """Where the first e-mail address in ``text`` is (a few characters around it), or None.

    refkit's own detection (:func:`refkit._text.scrub_emails`): linear in the length
    of the text, also over the minified JavaScript of widget and page outputs.
    """
    scrubbed = scrub_emails(text)
    if scrubbed == text:
        return None
    at = next(i for i, (a, b) in enumerate(zip(text, scrubbed, strict=False)) if a != b)
    return text[max(0, at - 20):at + 60]


def _ids(paths: list[Path]) -> list[str]:
    return [p.stem for p in paths]


def test_notebooks_are_found() -> None:
    assert [p.stem for p in NOTEBOOKS][:2] == ["00_start_here", "01_import"]
    assert {"05_outreach", "06_track", "07_coach_session"} <= {p.stem for p in NOTEBOOKS}


@pytest.mark.parametrize("path", NOTEBOOKS, ids=_ids(NOTEBOOKS))
def test_notebook_runs_and_shows_results(path: Path) -> None:
    notebook = _executed(path)
    cells = [c for c in notebook.cells if c.cell_type == "code"]
    assert all(c.execution_count is not None for c in cells)
    errors = [o for c in cells for o in c.outputs if o.output_type == "error"]
    assert errors == []
    text = "\n".join(_cell_text(c) for c in cells)
    assert path.stem in EXPECTED, f"add the expected outputs of {path.name} to EXPECTED"
    missing = [snippet for snippet in EXPECTED[path.stem] if snippet not in text]
    assert missing == []
    assert _first_address(text) is None  # refkit keeps e-mail addresses out of what it shows


def test_address_check_catches_an_address_in_an_output() -> None:
    output = nbformat.v4.new_output("stream", text="Contact: ann.lee+jobs@globex.co.uk\n")
    cell = nbformat.v4.new_code_cell(outputs=[output])
    assert _first_address(_cell_text(cell)) == "Contact: ann.lee+jobs@globex.co.uk\n"
    assert _first_address("@globex, a@b, x" * 10_000) is None


def test_explore_shows_four_charts_as_images() -> None:
    notebook = _executed(NOTEBOOKS_DIR / "02_explore.ipynb")
    images = [o for c in notebook.cells if c.cell_type == "code" for o in c.outputs
              if "image/png" in o.get("data", {})]
    assert len(images) == 4


def test_threshold_explorer_is_a_live_widget() -> None:
    notebook = _executed(NOTEBOOKS_DIR / "04_threshold.ipynb")
    views = [o for c in notebook.cells if c.cell_type == "code" for o in c.outputs
             if "application/vnd.jupyter.widget-view+json" in o.get("data", {})]
    assert len(views) == 1
    state = notebook.metadata.get("widgets", {}).get(
        "application/vnd.jupyter.widget-state+json", {}).get("state", {})
    texts = [m["state"].get("value", "") for m in state.values()
             if m.get("model_name") == "HTMLModel"]
    assert any("21 people share at least 10 connections with you" in str(t) for t in texts)


def test_outreach_invitation_note_fits_linkedin_limit() -> None:
    notebook = _executed(NOTEBOOKS_DIR / "05_outreach.ipynb")
    cell = next(c for c in notebook.cells
                if c.cell_type == "code" and c.source == 'print(drafted.loc[0, "invitation_note"])')
    note = _cell_text(cell).rstrip("\n")
    assert note.startswith("Hi ")
    assert note.endswith("Minh Takahashi")
    assert len(note) <= 200


def test_import_shows_row_warnings_but_other_notebooks_do_not() -> None:
    stderr = {
        path.stem: "".join(o.text for c in _executed(path).cells if c.cell_type == "code"
                           for o in c.outputs if o.output_type == "stream" and o.name == "stderr")
        for path in NOTEBOOKS
        if path.stem != "00_start_here"
    }
    assert "RefkitWarning" in stderr.pop("01_import")
    assert stderr == dict.fromkeys(stderr, "")
    assert {"02_explore", "04_threshold", "05_outreach", "06_track", "07_coach_session"} <= set(stderr)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=_ids(NOTEBOOKS))
def test_committed_without_outputs(path: Path) -> None:
    dirty = [i for i, c in enumerate(_code_cells(path)) if c.outputs or c.execution_count is not None]
    assert dirty == []


@pytest.mark.parametrize("path", NOTEBOOKS, ids=_ids(NOTEBOOKS))
def test_no_logic_defined_in_cells(path: Path) -> None:
    defining = [c.source for c in _code_cells(path)
                if re.search(r"^(async\s+def|def|class)\s", c.source, flags=re.MULTILINE)]
    assert defining == []


@pytest.mark.parametrize("path", NOTEBOOKS, ids=_ids(NOTEBOOKS))
def test_one_marked_cell_for_the_users_paths_near_the_top(path: Path) -> None:
    cells = _code_cells(path)
    marked = [i for i, c in enumerate(cells) if EDIT_MARK in c.source]
    assert len(marked) == 1
    assert marked[0] <= 2
    assert "../data_samples/" in cells[marked[0]].source


@pytest.mark.parametrize("path", NOTEBOOKS, ids=_ids(NOTEBOOKS))
def test_python3_kernelspec(path: Path) -> None:
    notebook = nbformat.read(path, as_version=4)
    nbformat.validate(notebook)
    assert notebook.metadata.kernelspec.name == "python3"
