"""The session app (refkit.app) on a hand-built workspace whose answers are worked out by hand.

Ana Lima is connected to Ann Wu and Bob Ray. Ann shared her export (Tara Bell, Uma Hill), Bob
his (Tara Bell, Vic Long). So Tara shares 2 connections with Ana (Ann, Bob), Uma and Vic 1 each.
"""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import nbformat
import pytest
from conftest import ROOT

from refkit.app import SessionApp, workspace_choices

HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"


def _person(first, last, company, position, email=""):
    slug = f"{first}-{last}".lower()
    return f"{first},{last},https://www.linkedin.com/in/{slug},{email},{company},{position},01 Mar 2020\n"


def _workspace(folder: Path) -> Path:
    folder.mkdir(parents=True)
    (folder / "Connections.csv").write_text(
        HEADER + _person("Ann", "Wu", "Initech", "PM", "ann@initech.example")
        + _person("Bob", "Ray", "Globex", "Dev"))
    (folder / "ann.csv").write_text(HEADER + _person("Tara", "Bell", "Acmelabs", "Data Engineer", "tara@acmelabs.example")
                                    + _person("Uma", "Hill", "Hooli", "Designer"))
    (folder / "bob.csv").write_text(HEADER + _person("Tara", "Bell", "Acmelabs", "Data Engineer")
                                    + _person("Vic", "Long", "Umbrella", "Engineer"))
    (folder / "refkit.toml").write_text(
        'export = "Connections.csv"\nme = "Ana Lima"\nmin_mutual = 2\n'
        '[[shared]]\nfile = "ann.csv"\nowner = "https://www.linkedin.com/in/ann-wu"\n'
        '[[shared]]\nfile = "bob.csv"\nowner = "https://www.linkedin.com/in/bob-ray"\n')
    return folder


def _texts(widget) -> str:
    """Everything a widget tree shows: values, option labels, descriptions."""
    found = []
    for attr in ("value", "description", "placeholder", "tooltip"):
        value = getattr(widget, attr, None)
        if isinstance(value, str):
            found.append(value)
    found += [str(label) for label in getattr(widget, "_options_labels", ())]
    for child in getattr(widget, "children", ()):
        found.append(_texts(child))
    return "\n".join(found)


@pytest.fixture
def clients(tmp_path):
    _workspace(tmp_path / "clients" / "ana")
    _workspace(tmp_path / "clients" / "bo")
    (tmp_path / "clients" / "notes").mkdir()
    return tmp_path / "clients"


def test_threshold_list_and_person_picker_follow_the_slider(clients):
    app = SessionApp(clients / "ana", show_network=False, today="2024-05-10")
    assert list(app.explorer.ranked["name"]) == ["Tara Bell"]
    assert app.person.options == (("1. Tara Bell, Acmelabs", 0),)
    introducer = app.explorer.ranked.loc[0, "introducer"]
    assert introducer in ("Ann Wu", "Bob Ray")
    assert app.invitation.value.startswith("Hi Tara,") and len(app.invitation.value) <= 200
    assert app.referral.value.startswith(f"Hi {introducer.split()[0]},")
    app.explorer.slider.value = 1
    assert sorted(app.explorer.ranked["name"]) == ["Tara Bell", "Uma Hill", "Vic Long"]
    assert [label for label, _ in app.person.options][0] == "1. Tara Bell, Acmelabs"
    assert len(app.person.options) == 3
    # the workspaces beside this one, by folder name; a folder without refkit.toml is not one
    assert [label for label, _ in app.picker.options] == ["ana", "bo"]


def test_a_status_goes_into_the_workspace_tracker_with_the_day(clients):
    app = SessionApp(clients / "ana", show_network=False, today="2024-05-10")
    first, second = app.explorer.ranked.loc[0, "introducer"], app.explorer.ranked.loc[0, "alternates"]
    assert {first, second} == {"Ann Wu", "Bob Ray"}
    app.person.value = 0
    app.status.value = "asked_introducer"
    app.note.value = "asked at lunch"
    app.record_button.click()
    assert app.recorded.value == "<p>Recorded for Tara Bell: asked an introducer on 2024-05-10.</p>"
    with sqlite3.connect(clients / "ana" / "refkit.sqlite") as db:
        events = db.execute("select status, at, note, introducer from events order by id").fetchall()
    assert events == [("planned", "2024-05-10", None, None),
                      ("asked_introducer", "2024-05-10", "asked at lunch", first)]
    assert "Tara Bell" in app.tracked.value and "asked at lunch" in app.tracked.value
    # the other one is the next introducer once the first declines
    app.status.value = "declined"
    app.record_button.click()
    assert f"ask {second}" in app.next_steps.value
    assert not (clients / "bo" / "refkit.sqlite").exists()


def test_screen_sharing_hides_emails_paths_other_clients_and_names(clients):
    app = SessionApp(clients / "ana", show_network=False, today="2024-05-10")
    app.explorer.slider.value = 1
    app.person.value = 0
    app.note.value = "write to tara@acmelabs.example"
    app.record_button.click()
    shown = _texts(app.widget)
    assert "@" not in re.sub(r"<[^>]*>", "", shown).replace("[e-mail removed]", "")  # never an address
    assert str(clients) in shown and "asked introducer" in shown  # the folder, before sharing
    app.sharing.value = True
    shown = _texts(app.widget)
    assert str(clients) not in shown and app.picker.layout.display == "none"
    assert "write to" not in shown  # the notes written stay off a shared screen
    assert "Tara Bell" in shown  # real names until stand-ins are asked for
    app.pseudonyms.value = True
    shown = _texts(app.widget)
    for real in ("Ana Lima", "Tara Bell", "Uma Hill", "Vic Long", "Ann Wu", "Bob Ray", "Acmelabs", "Hooli"):
        assert real not in shown, real
    assert app.explorer.slider.value == 1 and len(app.person.options) == 3  # the settings are kept
    assert "Person " in app.invitation.value
    # a status recorded under stand-ins goes to the real person
    app.person.value = 0
    app.status.value = "introduced"
    app.record_button.click()
    assert "Tara Bell" not in app.recorded.value
    assert app.tracker_list().set_index("name").loc["Tara Bell", "status"] == "introduced"
    app.sharing.value = False
    assert not app.pseudonyms.value and "Tara Bell" in _texts(app.widget)


def test_another_workspace_is_opened_and_a_broken_one_is_refused(clients):
    app = SessionApp(clients / "ana", show_network=False)
    app.explorer.slider.value = 1
    (clients / "bo" / "refkit.toml").write_text('export = "Connections.csv"\nme = "Bo Chan"\n'
                                                '[[shared]]\nfile = "ann.csv"\nowner = "https://www.linkedin.com/in/ann-wu"\n'
                                                '[[shared]]\nfile = "bob.csv"\nowner = "https://www.linkedin.com/in/bob-ray"\n')
    app.picker.value = str((clients / "bo").resolve())
    assert app.workspace.folder.name == "bo" and "Referral plan of Bo Chan" in app.header.value
    # Bo's own settings, not Ana's slider: min_mutual 10, lowered to the highest count (2)
    assert app.explorer.slider.value == 2 and list(app.explorer.ranked["name"]) == ["Tara Bell"]
    (clients / "ana" / "refkit.toml").write_text('export = "missing.csv"\n')
    app.picker.value = str((clients / "ana").resolve())
    assert app.workspace.folder.name == "bo" and app.picker.value == str((clients / "bo").resolve())
    assert "Could not open that workspace" in app.message.value and "missing.csv" in app.message.value


def test_export_writes_into_out_and_offers_the_same_bytes(clients):
    import base64

    app = SessionApp(clients / "ana", show_network=False)
    app.explorer.export_button.click()
    written = list((clients / "ana" / "out").glob("ranked_min2_*.csv"))
    assert len(written) == 1
    data = re.search(r'href="data:text/csv;base64,([^"]+)"', app.download.value).group(1)
    assert base64.b64decode(data) == written[0].read_bytes()
    assert str(clients) not in app.download.value


def test_workspace_choices_skips_links_and_files(tmp_path):
    _workspace(tmp_path / "b")
    _workspace(tmp_path / "A")
    (tmp_path / "link").symlink_to(tmp_path / "b")
    (tmp_path / "refkit.toml").write_text("")
    assert [p.name for p in workspace_choices(tmp_path)] == ["A", "b"]
    assert workspace_choices(tmp_path / "refkit.toml") == []


APP = ROOT / "app" / "session.ipynb"


def test_dashboard_notebook_is_short_calls_into_refkit_and_runs(clients, monkeypatch):
    from jupyter_client.kernelspec import KernelSpecManager
    from nbclient import NotebookClient

    if "python3" not in KernelSpecManager().find_kernel_specs():  # as tests/test_notebooks.py does
        import sys

        from ipykernel.kernelspec import install

        install(prefix=sys.prefix)
    notebook = nbformat.read(APP, as_version=4)
    code = [c for c in notebook.cells if c.cell_type == "code"]
    assert all(not c.outputs and c.execution_count is None for c in code)  # committed clean
    assert not any(re.search(r"^(def|class)\s", c.source, flags=re.MULTILINE) for c in code)
    assert sum(len(c.source.splitlines()) for c in code) <= 4
    monkeypatch.setenv("REFKIT_WORKSPACE", str(clients / "ana"))
    NotebookClient(notebook, timeout=120, kernel_name="python3",
                   resources={"metadata": {"path": str(APP.parent)}}).execute()
    outputs = [o for c in notebook.cells if c.cell_type == "code" for o in c.outputs]
    assert [o.output_type for o in outputs] == ["execute_result"]  # the app, and nothing else
    assert "application/vnd.jupyter.widget-view+json" in outputs[0].data


def test_a_workspace_that_cannot_be_opened_is_one_plain_paragraph(tmp_path, monkeypatch):
    from refkit.app import session_page

    folder = _workspace(tmp_path / "ana")
    (folder / "Connections.csv").unlink()
    monkeypatch.setenv("REFKIT_WORKSPACE", str(folder))
    page = session_page(tmp_path / "unused")
    assert page.value.startswith("<p><b>refkit could not open the workspace.</b> REFKIT_WORKSPACE=")
    assert "Connections.csv" in page.value and "Traceback" not in page.value


HOSTILE = '<img src=x onerror="window.__pwned=1">'


def test_hostile_text_is_shown_as_text(tmp_path):
    folder = _workspace(tmp_path / "ana")
    (folder / "bob.csv").write_text(HEADER + _person("Tara", "Bell", "Acmelabs", "Data Engineer")
                                    + f'Vic,Long,https://www.linkedin.com/in/vic,,"{HOSTILE.replace(chr(34), chr(34) * 2)}",'
                                      "=HYPERLINK(1),01 Mar 2020\n")
    app = SessionApp(folder, show_network=False, today="2024-05-10")
    app.explorer.slider.value = 1
    vic = next(value for label, value in app.person.options if "Vic Long" in label)
    app.person.value = vic
    app.note.value = HOSTILE
    app.record_button.click()
    assert "Recorded for Vic Long" in app.recorded.value
    markup = "\n".join(_html_values(app.widget))  # what the page renders as HTML
    assert "<img" not in markup and "&lt;img src=x" in markup  # escaped wherever it is shown
    # a drop-down's labels are text (an <option>'s text), shown as written
    assert any(HOSTILE in label for label, _ in app.person.options)


def _html_values(widget) -> list[str]:
    import ipywidgets

    found = [widget.value] if isinstance(widget, ipywidgets.HTML) else []
    for child in getattr(widget, "children", ()):
        found += _html_values(child)
    return found
