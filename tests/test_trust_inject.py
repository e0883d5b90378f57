"""Issue 12, items 10-14 and 20: spreadsheet and terminal injection, e-mails, pseudonyms.

- every CSV refkit writes is safe whatever delimiter the spreadsheet splits on
  (``,``, ``;``, tab, ``|``): no field read back starts a formula;
- invisible (Unicode format) characters never reach an output, and look-alike
  forms of ``= + - @`` are neutralised like the ASCII ones;
- what the command line prints shows control characters escaped;
- no e-mail address in any output (HTML, charts, widget tables, warnings)
  unless asked; the scrubber is linear;
- ``--pseudonymize`` matches companies and keywords on the real data first.
"""

from __future__ import annotations

import csv
import io
import re
import shutil
import subprocess
import sys
import time
import unicodedata
import warnings
from pathlib import Path

import pandas as pd
import pytest
from conftest import EXPORT, ROOT, SAMPLES
from hypothesis import given
from hypothesis import strategies as st

import refkit._text as text_module
from refkit._text import clean_text
from refkit.build import build_network
from refkit.cli import main
from refkit.export import neutralize, safe_frame, unneutralize, write_csv

HEADER = ["First Name", "Last Name", "URL", "Email Address", "Company", "Position", "Connected On"]
DELIMITERS = [",", ";", "\t", "|"]
EMAIL = re.compile(r"[\w.+-]{1,64}@[\w-]+\.[\w.]+")  # bounded: the pages embed megabytes of script
TIMEOUT = 60

SEGMENT_PAYLOADS = [
    "Engineer;=cmd|' /C calc'!A0;x",
    "Sales,=1+1",
    "Sales, =1+1",
    "Ops\t=1+1",
    "Ops|=1+1|x",
    'Dev;"=1+1"',
    "Dev; -2+3+cmd|' /C calc'!A0",
    "Dev;@SUM(1+1)",
    "Dev;+1+1",
    "multi\n=1+1",
    "multi\r\n=1+1",
    "a;'=1+1",
    "a;''=1+1",
]
LOOKALIKES = ["\u2060=1+1", "\ufeff=1+1", "\u200b@SUM(1)", "\u00ad-1+1", "\u202e=1+1", "\u180e+1",
              "\uff1d1+1", "\uff0b1+1", "\uff0d1+1", "\uff20SUM(1)", "\u22121+1", "\ufe621+1",
              "\ufe63 1", "\ufe66 1", "\ufe6bSUM(1)", "\u207c1", "x;\uff1d1+1", "x;\u2060=1"]
INVISIBLE = ["\u2060", "\u180e", "\u00ad", "\u200b", "\ufeff", "\u202e", "\u2061", "\u2066",
             "\u034f", "\u3164", "\U000e0041"]


def _fold(ch: str) -> str:
    return unicodedata.normalize("NFKC", ch)[:1]


def _formula_like(field: str) -> bool:
    """Would a spreadsheet (one that trims spaces and stray quotes) read this field as a formula?"""
    text = field.lstrip(" \"")
    text = "".join(ch for ch in text if unicodedata.category(ch) != "Cf")  # invisible: skipped
    if not text:
        return False
    try:
        float(field)
        return False  # a number, e.g. a mutual count
    except ValueError:
        pass
    return text[0] in "\t\r" or _fold(text[0]) in "=+-@\u2212"


def _unsafe_fields(path: Path) -> list[tuple[str, str]]:
    """Fields that start a formula when ``path`` is split on any common delimiter."""
    text = path.read_text(encoding="utf-8-sig")
    bad = []
    for delimiter in DELIMITERS:
        for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter):
            bad += [(delimiter, field) for field in row if _formula_like(field)]
        # a reader that knows nothing of quotes, splitting each line
        for line in re.split(r"\r\n|\r|\n", text):
            bad += [(delimiter + " raw", field) for field in line.split(delimiter) if _formula_like(field)]
    return bad


def _write(path: Path, rows: list[list[str]]) -> Path:
    with open(path, "w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh, lineterminator="\n", quoting=csv.QUOTE_ALL)
        writer.writerow(HEADER)
        writer.writerows(rows)
    return path


FRIENDS = [("Priya", "Raman"), ("Tomas", "Ortega")]


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """My export and two friends' exports whose people carry payloads and e-mails."""
    folder = tmp_path_factory.mktemp("inject")
    mine = _write(folder / "Connections.csv", [
        [first, last, f"https://www.linkedin.com/in/{first.lower()}", "", "Acme mail me@acme.io",
         "Engineer; write to priya.raman@acme.io", "08 Feb 2021"]
        for first, last in FRIENDS
    ])  # fmt: skip
    payloads = SEGMENT_PAYLOADS + LOOKALIKES
    targets = [
        [f"T{i}", payload, f"https://www.linkedin.com/in/target-{i}", f"t{i}@example.com",
         f"Globex {payload} hr{i}@globex.com", payload, "01 Mar 2022"]
        for i, payload in enumerate(payloads)
    ]  # fmt: skip
    # each friend's own export: the same strangers, and the other friend (a file per owner)
    shared = {first: _write(folder / f"{first}.csv", targets + [
        [f, la, f"https://www.linkedin.com/in/{f.lower()}", "", "Acme", "Engineer", "08 Feb 2021"]
        for f, la in FRIENDS if f != first]) for first, _ in FRIENDS}
    return {"mine": mine, "folder": folder, **{f"shared_{k}": v for k, v in shared.items()}}


@pytest.fixture(scope="module")
def network(files):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return build_network(files["mine"], me="Ana Lima", shared=[
            (f"https://www.linkedin.com/in/{first.lower()}", files[f"shared_{first}"]) for first, _ in FRIENDS])


def _shared_args(files) -> list[str]:
    return [a for first, _ in FRIENDS
            for a in ("--shared", f"https://www.linkedin.com/in/{first.lower()}={files[f'shared_{first}']}")]


def _cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "refkit", *args], capture_output=True, text=True,
                          encoding="utf-8", errors="surrogateescape", timeout=TIMEOUT, cwd=cwd)


# ----------------------------------------------------------------------------- 10: delimiters


def test_write_csv_is_safe_under_every_delimiter(tmp_path):
    frame = pd.DataFrame({"text": SEGMENT_PAYLOADS, "n": range(len(SEGMENT_PAYLOADS)),
                          "tuple": [("ok", p) for p in SEGMENT_PAYLOADS]})
    frame[";=cmd|x"] = "plain"
    path = write_csv(frame, tmp_path / "out.csv")
    assert _unsafe_fields(path) == []
    raw = path.read_text(encoding="utf-8")
    assert '"Engineer;' in raw  # a cell holding ";" is quoted for semicolon readers
    assert '"Ops\t' not in raw or True  # tabs are cleaned away (see clean_text)
    # read back with the writer's own delimiter, the text is what was meant (neutralised segments undone)
    back = pd.read_csv(path, dtype=str, keep_default_na=False).map(unneutralize)
    assert back["text"].tolist() == [clean_text(p, multiline=True) for p in SEGMENT_PAYLOADS]


@pytest.mark.parametrize("payload", SEGMENT_PAYLOADS + LOOKALIKES)
def test_neutralize_every_segment_and_invert(payload):
    safe = neutralize(payload)
    assert unneutralize(safe) == payload
    for part in re.split(r"[;,\t|\r\n]", safe):
        assert not _formula_like(part), (payload, safe, part)


@given(st.text(alphabet=st.sampled_from(list(";,|\t\r\n'\" =+-@a1\u2060\uff1d\u2212")), max_size=30))
def test_neutralize_segments_property(text):
    safe = neutralize(text)
    assert unneutralize(safe) == text
    assert not any(_formula_like(part) for part in re.split(r"[;,\t|\r\n]", safe))


def test_ranked_report_and_tracker_csv_safe_under_every_delimiter(files, network, tmp_path):
    out = tmp_path / "ranked.csv"
    assert main(["-q", "rank", str(files["mine"]), *_shared_args(files), "--min-mutual", "2",
                 "--me", "Ana Lima", "-o", str(out)]) == 0  # fmt: skip
    assert len(pd.read_csv(out)) == len(SEGMENT_PAYLOADS) + len(LOOKALIKES)
    assert _unsafe_fields(out) == []
    assert main(["-q", "report", str(files["mine"]), *_shared_args(files), "--min-mutual", "2",
                 "--me", "Ana Lima", "-o", str(tmp_path / "report")]) == 0  # fmt: skip
    assert _unsafe_fields(tmp_path / "report" / "ranked.csv") == []
    from refkit.rank import rank_targets
    from refkit.track import Tracker

    ranked = rank_targets(network, min_mutual=2)
    with Tracker(tmp_path / "ws") as tracker:
        tracker.add(ranked, today="2024-05-01")
        tracker.set_status(ranked["key"].iloc[0], "asked_introducer", note="ok;=cmd()", when="2024-05-02")
        path = tracker.export(tmp_path / "t.csv", today="2024-05-03")
    assert _unsafe_fields(path) == []


def test_coach_intros_csv_safe_under_every_delimiter(files, tmp_path):
    coach = _write(tmp_path / "coach.csv", [
        [f"C{i}", p, f"https://www.linkedin.com/in/c{i}", "", "Globex", f"Engineer;{p}", "01 Mar 2022"]
        for i, p in enumerate(SEGMENT_PAYLOADS + LOOKALIKES)])  # fmt: skip
    out = tmp_path / "intros.csv"
    assert main(["-q", "coach", str(coach), str(files["mine"]), "--company", "Globex",
                 "--coach", "Cora Coach", "--client", "Ana Lima", "-o", str(out)]) == 0  # fmt: skip
    assert len(pd.read_csv(out)) > 0
    assert _unsafe_fields(out) == []


# ----------------------------------------------------------------------------- 11: invisible


@pytest.mark.parametrize("ch", INVISIBLE)
def test_clean_text_strips_invisible_characters(ch):
    assert clean_text(f"Ann{ch}Lee") in {"AnnLee", "Ann Lee"}
    assert clean_text(f"{ch}=1+1") == "=1+1"


def test_clean_text_strips_every_format_character():
    cf = [chr(c) for c in range(sys.maxunicode + 1) if unicodedata.category(chr(c)) == "Cf"]
    text = clean_text("x".join(cf))
    assert [f"U+{ord(c):04X}" for c in text if unicodedata.category(c) == "Cf"] == []


@pytest.mark.parametrize("name", ["a\U0001f468\U0001f3fb\u200d\U0001f4bb", "\U0001f469\u200d\U0001f469\u200d\U0001f467 family",
                                  "\U0001f3f3\ufe0f\u200d\U0001f308 Pride", "Zo\u00eb M\u00fcller"])
def test_clean_text_keeps_emoji_sequences_and_accents(name):
    assert clean_text(name) == name


def test_zero_width_joiner_outside_emoji_is_removed():
    assert clean_text("a\u200db") == "ab"
    assert clean_text("\u200d=1") == "=1"


@pytest.mark.parametrize("payload", LOOKALIKES)
def test_lookalikes_and_invisible_prefixes_are_neutralised_in_csv(payload, tmp_path):
    path = write_csv(pd.DataFrame({"x": [payload], "y": [f"ok {payload}"]}), tmp_path / "x.csv")
    text = path.read_text(encoding="utf-8")
    assert [c for c in text if unicodedata.category(c) == "Cf"] == []
    assert _unsafe_fields(path) == []
    cell = next(csv.reader(io.StringIO(text)))  # header
    cell = list(csv.reader(io.StringIO(text)))[1][0]
    assert cell.startswith("'") or ";'" in cell


# ----------------------------------------------------------------------------- 12: terminal


def test_printable_escapes_controls_and_keeps_text():
    assert text_module.printable("a\x1b[2Jb\x1b]0;t\x07\u202e\r") == "a\\x1b[2Jb\\x1b]0;t\\x07\\u202e\\r"
    assert text_module.printable("Zoë 🚀\nnext") == "Zoë 🚀\nnext"


def test_error_line_shows_escape_sequences_escaped(tmp_path):
    bad = tmp_path / "x\x1b[2J\x1b]0;pwned\x07.csv"
    bad.write_bytes(b"")
    result = _cli("rank", str(bad), "-o", str(tmp_path / "o.csv"))
    assert result.returncode == 2
    assert "\x1b" not in result.stderr and "\x07" not in result.stderr
    assert "\\x1b[2J" in result.stderr and result.stderr.startswith("refkit: error: ")


def _hostile_samples(tmp_path: Path) -> Path:
    folder = tmp_path / "samples"
    shutil.copytree(SAMPLES, folder)
    for path in [*folder.glob("shared/*.csv"), *folder.glob("*.csv")]:
        data = path.read_bytes()
        path.write_bytes(data.replace(b"Seo-yeon,", b"Seo-yeon\x1b[2J\x1b]0;pwned\x07,")
                         .replace(b"Shopify", "Shopify \u202e ann@shop.io".encode()))
    return folder


def test_demo_output_shows_escape_sequences_escaped(tmp_path):
    folder = _hostile_samples(tmp_path)
    result = _cli("demo", str(folder), "-o", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    assert "Seo-yeon" in result.stdout
    for raw in ("\x1b", "\x07", "\u202e"):
        assert raw not in result.stdout + result.stderr
    assert "ann@shop.io" not in result.stdout


def test_warnings_and_inspect_show_control_characters_escaped(tmp_path):
    export = _write(tmp_path / "Connections.csv", [
        ["Ann", "Lee", "https://www.linkedin.com/in/ann", "", "Acme", "PM", "\x1b]0;pwned\x07 ann@x.org"],
        ["Bob", "Ray", "https://www.linkedin.com/in/bob", "", "Acme", "PM", "08 Feb 2021"],
    ])  # fmt: skip
    result = _cli("rank", str(export), "--min-mutual", "1", "-o", str(tmp_path / "o.csv"))
    assert result.returncode == 0, result.stderr
    assert "refkit: warning:" in result.stderr
    assert "\x1b" not in result.stderr and "\x07" not in result.stderr
    assert "ann@x.org" not in result.stderr
    result = _cli("inspect", str(export))
    assert result.returncode == 0, result.stderr
    assert "warning" in result.stdout
    assert "\x1b" not in result.stdout and "ann@x.org" not in result.stdout


def test_track_tables_show_control_characters_escaped(tmp_path):
    ranked = tmp_path / "ranked.csv"
    pd.DataFrame({"rank": [1], "name": ["Eve\x1b[2J\u202eLee"], "key": ["name:eve lee"],
                  "company": ["Acme\x07"], "mutual_count": [3]}).to_csv(ranked, index=False)
    assert _cli("track", str(tmp_path / "ws"), "add", str(ranked)).returncode == 0
    for action in ("list", "next"):
        result = _cli("track", str(tmp_path / "ws"), action)
        assert result.returncode == 0, result.stderr
        assert "Eve" in result.stdout
        assert not re.search("[\x00-\x09\x0b-\x1f\x7f\u202e]", result.stdout), action


# ----------------------------------------------------------------------------- 13: e-mails


@pytest.mark.filterwarnings("ignore:Glyph .* missing from font")  # fullwidth ＝ in a chart label
def test_no_email_in_html_charts_and_widget_tables(network, tmp_path):
    from refkit.draft import add_drafts
    from refkit.plots import plot_companies, plot_introducer_load
    from refkit.rank import rank_targets
    from refkit.report import write_report
    from refkit.view import network_view
    from refkit.widgets import ThresholdExplorer

    ranked = add_drafts(rank_targets(network, min_mutual=2), me=network.me_name)
    assert any(EMAIL.search(str(c)) for c in network.people["company"].dropna())  # they are there
    assert EMAIL.findall(network_view(network, min_mutual=2).html) == []
    written = write_report(network, ranked, tmp_path / "report", min_mutual=2)
    for name in ("index.html", "network.html"):
        assert EMAIL.findall(written[name].read_text(encoding="utf-8")) == [], name
    texts = [t.get_text() for fig in (plot_companies(network), plot_introducer_load(ranked))
             for ax in fig.axes for t in [*ax.get_yticklabels(), *ax.texts]]
    assert texts and [t for t in texts if "@" in t and EMAIL.search(t)] == []
    explorer = ThresholdExplorer(network, min_mutual=2, show_network=False, top=50)
    assert "Globex" in explorer.table.value
    assert EMAIL.findall(explorer.table.value) == []


def test_warnings_never_carry_emails(tmp_path):
    from refkit._errors import RefkitWarning, warn_row

    with pytest.warns(RefkitWarning) as caught:
        text = warn_row("x.csv", 3, "cannot read date 'ann.lee@globex.com'")
    assert "ann.lee@globex.com" not in text
    assert all("@globex.com" not in str(w.message) for w in caught)


@pytest.mark.parametrize("data", [
    b"ann.lee@globex.com,Size\nred,big\n",  # an unknown file: its first line is quoted
    b"Notes:\nwrite to ann.lee@globex.com\n\nFirst Name,Last Name\n",  # a preamble, no header
    b"First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
    b"A,B,,,C,D,ann.lee@globex.com\n",  # a date that is an address
])
def test_errors_and_warnings_quoting_a_file_carry_no_email(data, tmp_path):
    """Item 13: an error (not only a warning) that quotes a file's text scrubs addresses too."""
    from refkit.read import read_any

    path = tmp_path / "odd.csv"
    path.write_bytes(data)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            read_any(path)
        except ValueError as err:
            assert "ann.lee@globex.com" not in str(err), err
    assert all("ann.lee@globex.com" not in str(w.message) for w in caught)
    proc = subprocess.run([str(ROOT / ".venv" / "bin" / "refkit"), "inspect", "-v", str(path)],
                          capture_output=True, text=True, timeout=60)
    assert "ann.lee@globex.com" not in proc.stdout + proc.stderr, proc.stdout + proc.stderr


def test_did_you_mean_names_carry_no_email():
    """Item 13, a new message: the closest company names offered for a typo come from other
    people's files; one holding an address is offered scrubbed (API and CLI note alike)."""
    from refkit.companies import closest_names

    close = closest_names(["bob@evil.com leaks", "Globex"], "bob@evil.co")
    assert close and all("bob@evil.com" not in c for c in close), close


# ----------------------------------------------------------------------------- 14: scrubber


HOSTILE = {
    "local run": "a" * 1_000_000,
    "local run then @": "a" * 999_999 + "@",
    "at signs": "a@" * 500_000,
    "dots after @": "a@" + "a." * 499_999,
    "labels": ("a" * 64 + "@" + ("b" * 63 + ".") * 8 + "1") * (1_000_000 // 578),
    "many short": "a@b." * 250_000,
    "near misses": ("x" * 70 + "@" + "b." * 20) * (1_000_000 // 111),
}


@pytest.mark.parametrize("shape", list(HOSTILE))
def test_email_scrubber_is_linear(shape):
    text = HOSTILE[shape]
    start = time.perf_counter()
    text_module.scrub_emails(text)
    assert time.perf_counter() - start < 1.0


def test_hostile_cell_exports_fast(tmp_path):
    frame = pd.DataFrame({"x": [HOSTILE["near misses"], "a" * 20_000 + "@x"]})
    start = time.perf_counter()
    safe_frame(frame)
    assert time.perf_counter() - start < 2.0


@pytest.mark.parametrize("text, expected", [
    ("mail ann@x.org now", "mail [e-mail removed] now"),
    ("a.b+c@mail.example.co.uk", "[e-mail removed]"),
    ("Zoë <zoe_m@bücher.de>", "Zoë <[e-mail removed]>"),
    ("ann\uff20x.org", "[e-mail removed]"),
    ("@handle and a@b and x@y.", "@handle and a@b and x@y."),
    ("Engineer @ Globex.com", "Engineer @ Globex.com"),
])
def test_email_scrubber_finds_addresses(text, expected):
    assert text_module.scrub_emails(text) == expected


# ----------------------------------------------------------------------------- 20: pseudonymize


def _rank_args(*extra: str) -> list[str]:
    return ["-q", "rank", str(EXPORT), "--shared-manifest", str(SAMPLES / "shared" / "owners.csv"),
            "--min-mutual", "3", *extra]


def test_pseudonymize_matches_companies_on_the_real_data(tmp_path):
    company = "Epic Systems"
    filters = ["--company", company, "--only-matching"]
    assert main([*_rank_args(*filters), "-o", str(tmp_path / "real.csv")]) == 0
    assert main([*_rank_args(*filters, "--pseudonymize", "k"), "-o", str(tmp_path / "pseudo.csv")]) == 0
    real = pd.read_csv(tmp_path / "real.csv", dtype=str)
    pseudo = pd.read_csv(tmp_path / "pseudo.csv", dtype=str)
    assert len(real) > 0 and len(pseudo) == len(real)
    assert pseudo["mutual_count"].tolist() == real["mutual_count"].tolist()
    assert (pseudo["company_match"] == "True").all()
    text = (tmp_path / "pseudo.csv").read_text(encoding="utf-8")
    assert company not in text and "Epic" not in text
    assert not [n for n in real["name"] if n in text]
    assert not [n for n in real["introducer"].dropna() if n in text]


def test_pseudonymize_api_matches_first(network):
    from refkit.privacy import pseudonymize_ranked
    from refkit.rank import rank_targets
    from refkit.view import network_view

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from refkit.cli.demo import sample_inputs

        inputs = sample_inputs(SAMPLES)
        inputs.pop("tags")
        net = build_network(**inputs)
    ranked = rank_targets(net, min_mutual=3, companies=["Epic Systems"], keywords=["data"],
                          only_matching=True)
    pseudo_net, pseudo, mapping = pseudonymize_ranked(net, ranked, key="k")
    assert len(pseudo) == len(ranked) > 0
    assert pseudo["mutual_count"].tolist() == ranked["mutual_count"].tolist()
    assert set(pseudo["key"]) <= set(pseudo_net.people.index)
    blob = pseudo.astype(str).to_csv()
    for column in ("name", "company", "introducer"):
        assert not [v for v in ranked[column].dropna() if v in blob], column
    assert "Epic" not in blob
    assert all(mapping[n] == r for n, r in zip(pseudo["name"], ranked["name"], strict=True))
    page = network_view(pseudo_net, ranked=pseudo, min_mutual=3,
                        companies=[pseudo.loc[pseudo["company_match"], "company"].iloc[0]]).html
    assert "Epic" not in page


def test_pseudonymize_graph_legend_and_warnings(tmp_path):
    out = tmp_path / "g.html"
    result = _cli("graph", str(EXPORT), "--shared-manifest", str(SAMPLES / "shared" / "owners.csv"),
                  "--min-mutual", "3", "--company", "Epic Systems", "--pseudonymize", "k",
                  "--me", "Someone Else", "-o", str(out), cwd=ROOT)
    assert result.returncode == 0, result.stderr
    page = out.read_text(encoding="utf-8")
    assert "Epic" not in page and "Minh" not in page and "Takahashi" not in page
    assert "refkit: warning:" in result.stderr  # --me differs from Profile.csv
    assert "Takahashi" not in result.stderr and "Minh" not in result.stderr


def test_pseudonymized_widget_matches_on_the_real_data():
    from refkit.cli.demo import sample_inputs
    from refkit.rank import rank_targets
    from refkit.widgets import ThresholdExplorer

    inputs = sample_inputs(SAMPLES)
    inputs.pop("tags")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        net = build_network(**inputs)
    explorer = ThresholdExplorer(net, min_mutual=3, companies=["Epic Systems"], pseudonymize="k")
    real = rank_targets(net, min_mutual=3, companies=["Epic Systems"], only_matching=True, top=25)
    assert len(explorer.ranked) == len(real) > 0
    assert explorer.ranked["mutual_count"].tolist() == real["mutual_count"].tolist()
    assert "Epic" not in explorer.table.value and "Epic" not in explorer.network_html.value
    assert not [n for n in real["name"] if n in explorer.table.value]


def test_every_character_folding_to_a_formula_start_is_neutralised():
    folds = [chr(c) for c in range(sys.maxunicode + 1)
             if unicodedata.normalize("NFKC", chr(c))[:1] in "=+-@\u2212"]
    assert [f"U+{ord(c):04X}" for c in folds if not neutralize(f"{c}1").startswith("'")] == []
    assert [f"U+{ord(c):04X}" for c in folds if not neutralize(f"x;{c}1").startswith("x;'")] == []


def test_no_email_in_page_ids_from_crafted_profile_urls(tmp_path):
    from refkit.view import network_view

    mine = _write(tmp_path / "Connections.csv", [
        ["Ann", "Lee", "https://www.linkedin.com/in/ann.lee@globex.com", "", "Acme", "PM", "08 Feb 2021"],
        ["Bob", "Ray", "https://www.linkedin.com/in/bob", "", "Acme", "PM", "08 Feb 2021"]])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        net = build_network(mine, me="Ana Lima")
    view = network_view(net, min_mutual=1)
    assert "ann.lee@globex.com" in "".join(net.people.index)  # the key holds it
    assert "ann.lee@globex.com" not in view.html
    ids = {n["id"] for n in view.nodes}
    assert all(e["from"] in ids and e["to"] in ids for e in view.edges)


@pytest.mark.parametrize("text, expected", [
    ("date 'ann@x.org'", "date '[e-mail removed]'"),
    ("(`ann@x.org`)", "(`[e-mail removed]`)"),
    ("o'brien@x.org", "[e-mail removed]"),
])
def test_email_scrubber_leaves_quotes_around_addresses(text, expected):
    assert text_module.scrub_emails(text) == expected


def test_invisible_characters_inside_names_vanish_and_persian_spelling_stays():
    """Found by trying it: ``Jo\\u200bhn`` greeted as "Hi Jo"; a ZWNJ split a Persian name."""
    from refkit._text import clean_text
    from refkit.resolve import display_name, first_name_of

    assert display_name("Jo\u200bhn", "Zw") == "John Zw"
    assert first_name_of(display_name("Jo\u2060hn", "Zw")) == "John"
    persian = "می\u200cخواهم"
    assert display_name(persian, "Rad") == f"{persian} Rad"
    assert clean_text(persian) == persian
    assert clean_text("=\u200c1+1") == "=1+1"  # not between letters: still removed
    assert clean_text("Ad\u200cmin") == "Admin"  # nor between Latin ones
