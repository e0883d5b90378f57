"""End to end in a real browser: JupyterLab on localhost, a notebook run in headless Chromium.

The server runs on a copy of ``notebooks/`` and ``data_samples/`` in a temporary folder, serving
the folder that holds both, as ``make lab`` serves the repository: the links to files the
notebooks write into ``data_samples/out/`` must open (JupyterLab saves outputs into notebooks
it runs; the committed ones stay clean).
Chromium is Debian's (``/usr/bin/chromium``); nothing downloads a browser.
"""

from __future__ import annotations

import os
import shutil
import sys
import time
from pathlib import Path

import pytest
from conftest import ROOT, free_port, serving

DOCS = ROOT / "docs"  # screenshots land here with `make screenshots` (REFKIT_SCREENSHOTS=docs)


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    """A JupyterLab server (no token) on a free port, serving a copy of the notebooks."""
    work = tmp_path_factory.mktemp("lab")
    shutil.copytree(ROOT / "notebooks", work / "notebooks")
    shutil.copytree(ROOT / "data_samples", work / "data_samples")
    # no "Jupyter news" pop-up (and no fetch of it): the user settings say so
    settings = work / ".settings" / "@jupyterlab" / "apputils-extension"
    settings.mkdir(parents=True)
    (settings / "notification.jupyterlab-settings").write_text('{"fetchNews": "false"}')
    port = free_port()
    jupyter = Path(sys.executable).with_name("jupyter")
    env = {**os.environ, "JUPYTER_CONFIG_DIR": str(work / ".jupyter"),
           "JUPYTER_RUNTIME_DIR": str(work / ".runtime")}
    with serving([str(jupyter), "lab", "--no-browser", f"--port={port}", "--ip=127.0.0.1",
                  "--ServerApp.token=", "--ServerApp.password=", "--ServerApp.disable_check_xsrf=True",
                  "--allow-root", "--LabApp.expose_app_in_browser=True",
                  f"--LabApp.user_settings_dir={work / '.settings'}",
                  f"--ServerApp.root_dir={work}"], port=port, log=work / "lab.log", env=env):
        yield f"http://127.0.0.1:{port}"


def _open_and_run(browser, lab: str, notebook: str):
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    # a workspace of its own, reset, so tabs from an earlier test are not restored
    workspace = notebook.split(".")[0].replace("_", "-")
    page.goto(f"{lab}/lab/workspaces/{workspace}/tree/notebooks/{notebook}?reset")
    page.wait_for_function("() => window.jupyterapp !== undefined", timeout=120_000)
    # the notebook panel is open and its kernel is ready
    page.wait_for_function(
        """() => {
            const w = window.jupyterapp.shell.currentWidget;
            return w && w.sessionContext && w.sessionContext.session
                && w.sessionContext.session.kernel
                && w.sessionContext.session.kernel.status === 'idle';
        }""",
        timeout=120_000,
    )
    page.evaluate("() => window.jupyterapp.commands.execute('notebook:run-all-cells')")
    return page


def _wait_until_idle_after_run(page, timeout_ms: int = 180_000) -> None:
    page.wait_for_function(
        """() => {
            const w = window.jupyterapp.shell.currentWidget;
            const cells = w.content.widgets.filter(c => c.model.type === 'code');
            const done = cells.every(c => c.model.executionCount !== null);
            return done && w.sessionContext.session.kernel.status === 'idle';
        }""",
        timeout=timeout_ms,
    )


def _errors_in_outputs(page) -> list[str]:
    return page.evaluate(
        """() => [...document.querySelectorAll('.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"], .jp-RenderedText[data-mime-type="application/vnd.jupyter.error"]')]
                 .map(e => e.innerText).filter(t => /Error|Traceback/.test(t))"""
    )


def _iframe_node_count(page) -> int:
    """Nodes vis-network holds in the first refkit network iframe on the page."""
    for frame in page.frames:
        try:
            n = frame.evaluate(
                "() => window.refkitReady && window.refkitNetwork"
                " ? window.refkitNetwork.body.data.nodes.length : -1"
            )
        except Exception:  # noqa: BLE001 - frames come and go while JupyterLab renders
            continue
        if n >= 0:
            return n
    return -1


def _click_opens(page, link_text: str) -> str:
    """Click the first link showing ``link_text``; the path of the document JupyterLab opens."""
    link = page.locator("a", has_text=link_text).first
    link.wait_for(timeout=60_000)
    link.click()
    page.wait_for_function(
        "() => { const w = window.jupyterapp.shell.currentWidget;"
        " return w && w.context && !w.context.path.endsWith('.ipynb'); }", timeout=60_000)
    return page.evaluate("() => window.jupyterapp.shell.currentWidget.context.path")


def test_network_notebook_runs_in_jupyterlab_and_shows_nodes(lab, browser):
    page = _open_and_run(browser, lab, "03_network.ipynb")
    _wait_until_idle_after_run(page)
    assert _errors_in_outputs(page) == []
    deadline = time.monotonic() + 60
    count = -1
    while time.monotonic() < deadline and count <= 0:
        count = _iframe_node_count(page)
        time.sleep(0.5)
    assert count > 100, "the network view should show the user, connections and targets"
    # the saved page is shown as a link into the workspace's out/, and a click opens it
    assert _click_opens(page, "out/network.html") == "data_samples/out/network.html"
    page.close()


def _sentence(page) -> str:
    return page.evaluate(
        """() => {
            const ps = [...document.querySelectorAll('.widget-html-content p')]
                .map(p => p.innerText).filter(t => / connections with you/.test(t));
            return ps.length ? ps[0] : '';
        }"""
    )


def _table_names(page) -> list[str]:
    return page.evaluate(
        """() => [...document.querySelectorAll('table.refkit-ranked tbody tr')]
                 .map(tr => tr.cells[0].innerText)"""
    )


def test_threshold_explorer_slider_in_jupyterlab(lab, browser, tmp_path):
    lab_tmp = tmp_path
    page = _open_and_run(browser, lab, "04_threshold.ipynb")
    _wait_until_idle_after_run(page)
    assert _errors_in_outputs(page) == []
    handle = page.locator(".widget-slider .noUi-handle").first
    handle.wait_for(timeout=60_000)
    page.wait_for_function("() => document.querySelector('table.refkit-ranked') !== null",
                           timeout=60_000)
    before_sentence, before_names = _sentence(page), _table_names(page)
    assert before_sentence.startswith("21 people share at least 10 connections with you")
    # the workspace's target company and keyword are set: the table lists those who match
    assert 0 < len(before_names) <= 21
    # the table reads as a table: lines of a wrapped cell not spaced as widget rows (28px)
    line, size = page.evaluate("() => { const s = getComputedStyle(document.querySelector("
                               "'table.refkit-ranked td')); return [s.lineHeight, parseFloat(s.fontSize)]; }")
    assert line == "normal" or float(line.removesuffix("px")) <= 1.6 * size, (line, size)
    line = page.evaluate("() => getComputedStyle(document.querySelector('.refkit-sentence p')).lineHeight")
    assert line == "normal" or float(line.removesuffix("px")) <= 1.6 * 14, line
    deadline = time.monotonic() + 60
    while _iframe_node_count(page) <= 0 and time.monotonic() < deadline:
        time.sleep(0.5)
    nodes_before = _iframe_node_count(page)
    assert nodes_before > 21

    # the user moves the slider up five steps with the keyboard, as on a real page
    handle.focus()
    for _ in range(5):
        handle.press("ArrowRight")
    page.wait_for_function(
        "() => [...document.querySelectorAll('.widget-html-content p')]"
        ".some(p => p.innerText.includes('at least 15 connections'))",
        timeout=60_000,
    )
    # the sentence and the table are two widgets, updated by two messages: wait for both
    deadline = time.monotonic() + 60
    while len(_table_names(page)) > 5 and time.monotonic() < deadline:
        time.sleep(0.2)
    after_sentence, after_names = _sentence(page), _table_names(page)
    assert after_sentence.startswith("5 people share at least 15 connections with you")
    assert len(after_names) <= 5 and set(after_names) < set(before_names)
    # the network view is redrawn (debounced) with fewer people
    deadline = time.monotonic() + 60
    nodes_after = nodes_before
    while time.monotonic() < deadline and nodes_after in (nodes_before, -1):
        time.sleep(0.5)
        nodes_after = _iframe_node_count(page)
    assert 0 < nodes_after < nodes_before
    page.evaluate("() => document.querySelector('.widget-slider').scrollIntoView({block: 'start'})")
    time.sleep(1)  # let the last histogram image arrive before the picture for the README
    folder = DOCS if os.environ.get("REFKIT_SCREENSHOTS") == "docs" else Path(lab_tmp)
    page.screenshot(path=str(folder / "threshold_explorer.png"))
    assert (folder / "threshold_explorer.png").read_bytes()[:4] == b"\x89PNG"
    # Export writes into the workspace's out/ and links to the file; a click opens it
    page.locator("button", has_text="Export").first.click()
    page.wait_for_function("() => [...document.querySelectorAll('.widget-html-content')]"
                           ".some(e => e.innerText.includes('Wrote '))", timeout=60_000)
    opened = _click_opens(page, "out/ranked_min15_")
    assert opened.startswith("data_samples/out/ranked_min15_") and opened.endswith(".csv")
    page.close()
