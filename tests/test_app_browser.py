"""The session page (``make app``, Voilà) in headless Chromium, as a coach or job seeker uses it.

``make app`` is started on a free port against a copy of the sample workspace inside a folder
of clients; the page must show no code, load nothing from outside 127.0.0.1, follow the slider,
record a status into the workspace's tracker (read back with ``refkit track WS list``), copy a
draft and export the list. Screenshots for the README go to docs/ with `make screenshots`
(REFKIT_SCREENSHOTS=docs), else into the test's temporary folder.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import ROOT, SAMPLES, free_port, serving

from refkit.workspace import copy_workspace

DOCS = ROOT / "docs"


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    """``make app`` serving the session page for clients/ana, a copy of the samples."""
    work = tmp_path_factory.mktemp("app")
    ana = copy_workspace(SAMPLES, work / "clients" / "ana")
    copy_workspace(SAMPLES, work / "clients" / "bo")
    port = free_port()
    env = {**os.environ, "REFKIT_WORKSPACE": str(ana.folder),
           "JUPYTER_CONFIG_DIR": str(work / "config"), "JUPYTER_RUNTIME_DIR": str(work / "runtime"),
           "JUPYTER_DATA_DIR": str(work / "data")}
    log = work / "app.log"
    # the recipe of `make app` itself, with the interpreter running the tests (no install here)
    with serving(["make", "-C", str(ROOT), "-o", ".venv/.installed", "app", f"PORT={port}",
                  f"BIN={Path(sys.executable).parent}"], port=port, log=log, env=env) as seconds:
        yield {"url": f"http://127.0.0.1:{port}/", "workspace": ana.folder, "log": log, "work": work,
               "server_seconds": seconds}


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


def _shot(page, name: str, tmp_path: Path, work: Path | None = None) -> Path:
    folder = DOCS if os.environ.get("REFKIT_SCREENSHOTS") == "docs" else tmp_path
    if folder == DOCS and work is not None:  # the README's picture shows a user's folder, not pytest's
        page.evaluate("""([from, to]) => {
            const walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
            for (let n = walk.nextNode(); n; n = walk.nextNode())
                if (n.nodeValue.includes(from)) n.nodeValue = n.nodeValue.split(from).join(to);
        }""", [str(work), "~/job-search"])
    path = folder / name
    page.screenshot(path=str(path))
    assert path.read_bytes()[:4] == b"\x89PNG"
    return path


def _click_when_still(page, locator) -> None:
    """Scroll to an element and click it once it stopped moving (the page scrolls smoothly)."""
    locator.scroll_into_view_if_needed()
    box, deadline = None, time.monotonic() + 10
    while time.monotonic() < deadline:
        time.sleep(0.3)
        now = locator.bounding_box()
        if now == box:
            break
        box = now
    locator.click()


def test_session_page_without_code_offline_slider_status_and_export(app, browser, tmp_path):
    url = app["url"]
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=url.rstrip("/"))
    page = context.new_page()
    requests, sockets, errors = [], [], []
    page.on("request", lambda r: requests.append(r.url))
    page.on("websocket", lambda ws: sockets.append(ws.url))
    page.on("pageerror", lambda e: errors.append(str(e)))
    start = time.monotonic()
    page.goto(url, timeout=120_000)
    page.wait_for_selector("table.refkit-ranked", timeout=120_000)
    page_seconds = time.monotonic() - start
    print(f"server listening after {app['server_seconds']:.1f} s; page with its list after {page_seconds:.1f} s")
    assert page_seconds < 60

    # no code on the page: no editor, no input cell, none of the notebook's source
    text = page.inner_text("body")
    assert page.locator(".jp-CodeCell .jp-InputArea, .jp-InputPrompt, .cm-editor, .CodeMirror").count() == 0
    assert "open_workspace" not in text and "SessionApp" not in text and "import " not in text
    assert "Referral plan of Minh Takahashi" in text
    assert "Traceback" not in text and "Error" not in text and errors == []
    # the folder of clients is offered; the page is the one of Ana
    assert page.locator(".widget-dropdown", has_text="Workspace").locator("option").all_inner_texts() == ["ana", "bo"]

    before_sentence, before_names = _sentence(page), _table_names(page)
    assert before_sentence.startswith("21 people share at least 10 connections with you")
    assert 0 < len(before_names) <= 21
    page.evaluate("() => document.querySelector('.widget-slider').scrollIntoView({block: 'center'})")
    _shot(page, "app.png", tmp_path, app["work"])

    # the slider, moved five steps with the keyboard: the sentence and the list follow
    handle = page.locator(".widget-slider .noUi-handle").first
    handle.focus()
    for _ in range(5):
        handle.press("ArrowRight")
    page.wait_for_function("() => [...document.querySelectorAll('.widget-html-content p')]"
                           ".some(p => p.innerText.includes('at least 15 connections'))", timeout=60_000)
    deadline = time.monotonic() + 60
    while len(_table_names(page)) > 5 and time.monotonic() < deadline:
        time.sleep(0.2)
    after_names = _table_names(page)
    assert _sentence(page).startswith("5 people share at least 15 connections with you")
    assert 0 < len(after_names) <= 5 and set(after_names) < set(before_names)

    # the person picker follows the list; the first person's drafts are shown and copied
    person = page.locator(".widget-dropdown", has_text="Person").locator("select")
    deadline = time.monotonic() + 30
    while person.locator("option").count() != len(after_names) and time.monotonic() < deadline:
        time.sleep(0.2)
    labels = [t.replace("\xa0", " ") for t in person.locator("option").all_inner_texts()]  # nbsp
    assert [label.split(". ", 1)[1].split(",")[0] for label in labels] == after_names
    chosen = after_names[0]
    note = page.locator(".refkit-draft textarea").first
    page.wait_for_function("() => document.querySelector('.refkit-draft textarea').value.length > 0",
                           timeout=30_000)
    assert len(note.input_value()) <= 200
    page.locator(".refkit-draft button.refkit-copy").first.click()
    page.wait_for_function("() => document.querySelector('.refkit-copy').textContent === 'Copied'",
                           timeout=10_000)
    assert page.evaluate("() => navigator.clipboard.readText()") == note.input_value()

    # a status for that person, recorded in the workspace's tracker
    page.locator(".widget-dropdown", has_text="What happened").locator("select").select_option(
        label="asked an introducer")
    page.locator("button", has_text="Record").click()
    page.wait_for_function("() => document.body.innerText.includes('Recorded for')", timeout=30_000)
    assert f"Recorded for {chosen}: asked an introducer" in page.inner_text("body")
    listed = subprocess.run([str(Path(sys.executable).with_name("refkit")), "track", str(app["workspace"]),
                             "list"], capture_output=True, text=True, timeout=60)
    assert listed.returncode == 0, listed.stderr
    assert chosen in listed.stdout and "asked introducer" in listed.stdout
    # ... and the next steps on the page say what comes next for them
    page.wait_for_function("() => document.querySelector('table.refkit-plan') !== null", timeout=30_000)
    assert chosen in page.inner_text("table.refkit-plan")
    page.evaluate("() => [...document.querySelectorAll('h3')].find(h => h.innerText.startsWith('A person'))"
                  ".scrollIntoView({block: 'start'})")
    time.sleep(0.5)
    _shot(page, "app_person.png", tmp_path, app["work"])

    # Export writes into the workspace's out/ and offers the same file to download
    page.locator("button", has_text="Export").first.click()
    link = page.locator("a", has_text="Download ranked_min15_")
    link.wait_for(timeout=30_000)
    written = list((app["workspace"] / "out").glob("ranked_min15_*.csv"))
    assert len(written) == 1
    with page.expect_download() as download:
        link.click()
    assert Path(download.value.path()).read_bytes() == written[0].read_bytes()

    # screen sharing hides the other clients and the folder path, and can show stand-ins
    sharing = page.locator("button", has_text="Screen sharing")
    _click_when_still(page, sharing)
    page.locator("button.widget-toggle-button.mod-active", has_text="Screen sharing").wait_for(timeout=10_000)
    deadline = time.monotonic() + 30
    while "clients/ana" in page.inner_text("body") and time.monotonic() < deadline:
        time.sleep(0.2)
    assert "clients/ana" not in page.inner_text("body")
    assert page.locator(".widget-dropdown", has_text="Workspace").is_hidden()
    _click_when_still(page, page.locator(".widget-checkbox", has_text="stand-ins").locator("input"))
    page.wait_for_function("() => [...document.querySelectorAll('table.refkit-ranked tbody tr')]"
                           ".every(tr => tr.cells[0].innerText.startsWith('Person '))", timeout=60_000)
    # every part of the page redraws with stand-ins, not only the table (seen late under load)
    page.wait_for_function("names => !names.some(n => document.body.innerText.includes(n))",
                           arg=list(after_names), timeout=60_000)
    shared_text = page.inner_text("body")
    assert not any(name in shared_text for name in after_names)
    assert "Minh Takahashi" not in shared_text
    assert _sentence(page).startswith("5 people share at least 15 connections with you")  # kept

    # nothing came from outside this machine
    local = ("http://127.0.0.1:", "ws://127.0.0.1:", "data:", "about:", "blob:")
    assert requests and [u for u in requests if not u.startswith(local)] == []
    assert sockets and [u for u in sockets if not u.startswith("ws://127.0.0.1:")] == []
    context.close()

