"""ThresholdExplorer, driven headless the way a user drives it: by setting widget values.

Numbers come from ``data_samples/mutuals_capture.csv`` (see data_samples/README.md):
the captured counts at or above 7 are 26, 23, 22, 16, 15, 14, 13, 13, 12 (×5),
11 (×3), 10 (×5) — 21 people with 10 or more, 5 with 15 or more, 3 with 20 or
more, and the highest count is 26. The three Shopify people among the 21 are
Seo-yeon Levi (26), Priya Weber (23) and Michael Rossi (10).
"""

from __future__ import annotations

import asyncio
import copy
import html
import importlib.util
import warnings
from html.parser import HTMLParser

import pandas as pd
import pytest
from conftest import SAMPLES

from refkit._errors import RefkitError
from refkit.build import Network, build_network
from refkit.cli.demo import sample_inputs
from refkit.draft import add_drafts
from refkit.export import write_csv
from refkit.rank import RANK_COLUMNS, rank_targets, threshold_summary
from refkit.show import header
from refkit.widgets import TABLE_COLUMNS, ThresholdExplorer

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(scope="module")
def sample():
    inputs = sample_inputs(SAMPLES)
    tags = inputs.pop("tags")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        network = build_network(**inputs)
    return network, tags


@pytest.fixture()
def explorer(sample, tmp_path):
    network, tags = sample
    return ThresholdExplorer(network, tags=tags, export_dir=tmp_path / "exports")


class _Cells(HTMLParser):
    """Rows of the first table in an HTML fragment, as lists of cell texts."""

    def __init__(self):
        super().__init__()
        self.header: list[str] = []
        self.rows: list[list[str]] = []
        self._cell: list[str] | None = None
        self._in_head = False

    def handle_starttag(self, tag, attrs):
        if tag == "thead":
            self._in_head = True
        elif tag == "tr" and not self._in_head:
            self.rows.append([])
        elif tag in ("td", "th"):
            self._cell = []

    def handle_endtag(self, tag):
        if tag == "thead":
            self._in_head = False
        elif tag in ("td", "th") and self._cell is not None:
            text = "".join(self._cell)
            (self.header if self._in_head else self.rows[-1]).append(text)
            self._cell = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)


def cells(fragment: str) -> _Cells:
    parser = _Cells()
    parser.feed(fragment)
    return parser


def expected(network, tags, **settings):
    base = {"min_mutual": 10, "companies": [], "keywords": [], "tags": tags,
            "only_matching": False, "require_introducer": False, "top": 25}
    return rank_targets(network, **{**base, **settings})


def test_starts_at_ten_with_the_engine_sentence_and_table(explorer, sample):
    network, tags = sample
    assert (explorer.slider.min, explorer.slider.max, explorer.slider.value) == (1, 26, 10)
    assert explorer.slider.continuous_update is False
    message = "21 people share at least 10 connections with you (24 share at least 5; 5 share at least 15)"
    assert threshold_summary(network, min_mutual=10).message == message
    assert html.unescape(explorer.sentence.value) == f"<p>{message}</p>"
    pd.testing.assert_frame_equal(explorer.ranked, expected(network, tags))
    assert len(explorer.ranked) == 21
    table = cells(explorer.table.value)
    assert table.header == [header(c) for c in TABLE_COLUMNS]
    assert all("_" not in h for h in table.header) and "Mutual connections" in table.header
    assert [row[0] for row in table.rows] == list(explorer.ranked["name"])
    assert [int(row[3]) for row in table.rows] == list(explorer.ranked["mutual_count"])
    assert explorer.settings == {"min_mutual": 10, "companies": [], "keywords": [], "tags": tags,
                                 "only_matching": False, "require_introducer": False, "top": 25}


def test_slider_moves_sentence_table_and_ranked(explorer, sample):
    network, tags = sample
    before = explorer.sentence.value
    explorer.slider.value = 15
    message = "5 people share at least 15 connections with you (21 share at least 7; 3 share at least 20)"
    assert threshold_summary(network, min_mutual=15).message == message
    assert explorer.sentence.value == f"<p>{message}</p>" != before
    pd.testing.assert_frame_equal(explorer.ranked, expected(network, tags, min_mutual=15))
    assert sorted(explorer.ranked["mutual_count"], reverse=True) == [26, 23, 22, 16, 15]
    names = [row[0] for row in cells(explorer.table.value).rows]
    assert names == list(explorer.ranked["name"])
    assert explorer.settings["min_mutual"] == 15
    pd.testing.assert_frame_equal(explorer.ranked, rank_targets(network, **explorer.settings))


def test_starting_threshold_is_clamped_to_the_highest_count(sample, tmp_path):
    network, tags = sample
    explorer = ThresholdExplorer(network, min_mutual=40, tags=tags, show_network=False)
    assert (explorer.slider.max, explorer.slider.value) == (26, 26)
    assert explorer.sentence.value == "<p>1 person shares at least 26 connections with you (8 share at least 13)</p>"
    assert list(explorer.ranked["name"]) == ["Seo-yeon Levi"]


def test_company_filter_lists_only_matching_people(explorer, sample):
    network, tags = sample
    explorer.companies.value = "Shopify"
    assert explorer.settings["companies"] == ["Shopify"]
    assert explorer.settings["only_matching"] is True
    pd.testing.assert_frame_equal(
        explorer.ranked, expected(network, tags, companies=["Shopify"], only_matching=True))
    rows = cells(explorer.table.value).rows
    assert sorted(row[0] for row in rows) == ["Michael Rossi", "Priya Weber", "Seo-yeon Levi"]
    assert {row[1] for row in rows} == {"Shopify"}
    # the sentence counts everyone at the threshold, whatever the filters
    assert explorer.sentence.value.startswith("<p>21 people share at least 10")


def test_keyword_filter_and_several_companies(explorer, sample):
    network, tags = sample
    explorer.companies.value = " Shopify, , Google "
    explorer.keywords.value = "Data"
    settings = {"companies": ["Shopify", "Google"], "keywords": ["Data"], "only_matching": True}
    assert {k: explorer.settings[k] for k in settings} == settings
    want = expected(network, tags, **settings)
    pd.testing.assert_frame_equal(explorer.ranked, want)
    positions = dict(zip(explorer.ranked["name"], explorer.ranked["position"], strict=True))
    # Shopify and Google people, plus the data people elsewhere (Sarah Martínez, Emily Wilson,
    # Kavya Patel at Epic Systems)
    assert {"Michael Rossi", "Sofía Smith", "Tariq van der Berg", "Sarah Martínez",
            "Emily Wilson", "Kavya Patel"} <= set(positions)
    assert "Jessica Osei" not in positions  # Epic Systems software engineer: neither


def test_introducer_checkbox_drops_people_without_a_named_introducer(explorer, sample):
    network, tags = sample
    assert {"Zara Ahmed", "Emily Wilson"} <= set(explorer.ranked["name"])
    explorer.introducer_only.value = True
    assert explorer.settings["require_introducer"] is True
    pd.testing.assert_frame_equal(explorer.ranked, expected(network, tags, require_introducer=True))
    assert len(explorer.ranked) == 19
    assert not ({"Zara Ahmed", "Emily Wilson"} & set(explorer.ranked["name"]))
    assert explorer.ranked["introducer"].notna().all()


def test_top_k_limits_table_and_ranked(explorer, sample):
    network, tags = sample
    full = list(explorer.ranked["name"])
    explorer.top.value = 5
    pd.testing.assert_frame_equal(explorer.ranked, expected(network, tags, top=5))
    assert [row[0] for row in cells(explorer.table.value).rows] == full[:5]


def test_histogram_is_a_png_that_follows_the_threshold(explorer):
    first = bytes(explorer.histogram.value)
    assert first.startswith(PNG_SIGNATURE)
    explorer.slider.value = 5
    assert bytes(explorer.histogram.value).startswith(PNG_SIGNATURE)
    assert bytes(explorer.histogram.value) != first
    explorer.slider.value = 10
    assert bytes(explorer.histogram.value) == first


def test_network_page_is_an_iframe_that_follows_the_threshold(explorer):
    assert explorer.network_html in explorer.widget.children
    first = explorer.network_html.value
    assert first.startswith('<div class="refkit-network-view"><iframe srcdoc="')
    explorer.slider.value = 20  # no event loop here: redrawn at once
    second = explorer.network_html.value
    assert "<iframe" in second and second != first
    # the targets drawn are the 3 people at 20 or more (26, 23, 22)
    assert html.unescape(second).count('"degree": 2') == 3


def test_network_redraw_waits_for_the_last_change_when_a_loop_runs(explorer):
    first = explorer.network_html.value

    async def drive():
        explorer.slider.value = 12
        assert explorer.network_html.value == first  # scheduled, not drawn yet
        assert explorer.sentence.value.startswith("<p>13 people share at least 12")
        explorer.slider.value = 20
        pending = explorer._pending
        assert pending is not None
        await asyncio.sleep(0.6)
        return pending

    pending = asyncio.run(drive())
    assert explorer._pending is None
    assert html.unescape(explorer.network_html.value).count('"degree": 2') == 3
    assert not pending.cancelled()


def test_without_network(sample):
    network, tags = sample
    explorer = ThresholdExplorer(network, tags=tags, show_network=False)
    explorer.slider.value = 12
    assert explorer.network_html.value == ""
    assert explorer.network_html not in explorer.widget.children


def test_export_writes_what_refkit_rank_writes_and_never_overwrites(explorer, sample, tmp_path):
    network, tags = sample
    explorer.slider.value = 12
    explorer.export_button.click()
    files = sorted((tmp_path / "exports").iterdir())
    assert len(files) == 1
    first = files[0]
    assert first.name.startswith("ranked_min12_") and first.suffix == ".csv"
    assert html.escape(str(first)) in explorer.export_status.value
    assert "Wrote 13 rows" in explorer.export_status.value

    back = pd.read_csv(first, dtype=str, keep_default_na=False)
    assert list(back.columns[: len(RANK_COLUMNS)]) == RANK_COLUMNS
    assert list(back.columns[-2:]) == ["invitation_note", "referral_request"]
    assert list(back["name"]) == list(explorer.ranked["name"])
    assert [int(c) for c in back["mutual_count"]] == list(explorer.ranked["mutual_count"])
    assert "email" not in back.columns
    # byte for byte what refkit rank writes for the same settings
    cli = write_csv(add_drafts(rank_targets(network, **explorer.settings), me=network.me_name),
                    tmp_path / "cli.csv")
    assert first.read_bytes() == cli.read_bytes()

    content = first.read_bytes()
    explorer.slider.value = 15
    explorer.export_button.click()
    explorer.export_button.click()
    files = sorted((tmp_path / "exports").iterdir())
    assert len(files) == 3
    assert first.read_bytes() == content
    later = [f for f in files if f != first]
    assert all(f.name.startswith("ranked_min15_") for f in later)
    assert len(pd.read_csv(later[0])) == len(pd.read_csv(later[1])) == 5


def test_export_names_a_free_file_when_the_name_is_taken(explorer, tmp_path, monkeypatch):
    import time

    real = time.strftime  # the module is shared: dates in the ranked rows are formatted with it
    monkeypatch.setattr("refkit.widgets.time.strftime",
                        lambda fmt, *when: real(fmt, *when) if when else "20250101-120000")
    folder = tmp_path / "exports"
    folder.mkdir()
    (folder / "ranked_min10_20250101-120000.csv").write_text("mine")
    paths = [explorer.export(), explorer.export()]
    assert [p.name for p in paths] == ["ranked_min10_20250101-120000_2.csv",
                                       "ranked_min10_20250101-120000_3.csv"]
    assert (folder / "ranked_min10_20250101-120000.csv").read_text() == "mine"


def test_export_failure_is_shown_not_raised(sample, tmp_path):
    network, tags = sample
    blocker = tmp_path / "a file"
    blocker.write_text("x")
    explorer = ThresholdExplorer(network, tags=tags, export_dir=blocker, show_network=False)
    explorer.export_button.click()
    assert explorer.export_status.value.startswith("<span>Export failed: ")
    assert "cannot create the export folder" in explorer.export_status.value


def hostile_network():
    evil = "<img src=x onerror=alert(1)>"
    people = pd.DataFrame(
        {"name": ["Me", "<b>Bob</b>", "Ann", evil],
         "company": [pd.NA, "Initech", "Globex", "<script>alert(2)</script>"],
         "position": [pd.NA, "Dev", "PM", "Data & Engineer"],
         "profile_url": pd.NA, "degree": [0, 1, 1, 2]},
        index=pd.Index(["me", "bob", "ann", "tara"], name="key"))
    ties = pd.DataFrame({"a": ["me", "me", "ann", "bob"], "b": ["ann", "bob", "tara", "tara"],
                         "source": "x", "kind": "shared"})
    return Network(people=people, ties=ties, me="me")


def test_untrusted_names_are_escaped(tmp_path):
    explorer = ThresholdExplorer(hostile_network(), export_dir=tmp_path)
    assert explorer.slider.value == 2
    table = explorer.table.value
    assert "<img" not in table and "<script" not in table and "<b>" not in table
    assert "&lt;img src=x onerror=alert(1)&gt;" in table
    assert "&lt;script&gt;alert(2)&lt;/script&gt;" in table
    row = cells(table).rows[0]
    assert row[0] == "<img src=x onerror=alert(1)>"
    assert row[2] == "Data & Engineer"
    assert row[4] in ("Ann", "<b>Bob</b>")
    page = explorer.network_html.value
    assert "<img src=x" not in page and page.count("<iframe") == 1


def test_input_network_is_not_mutated(sample, tmp_path):
    network, tags = sample
    people, ties, reported = (network.people.copy(deep=True), network.ties.copy(deep=True),
                              network.reported.copy(deep=True))
    tags_before = copy.deepcopy(tags)
    explorer = ThresholdExplorer(network, tags=tags, export_dir=tmp_path)
    explorer.companies.value = "Shopify"
    explorer.introducer_only.value = True
    explorer.slider.value = 3
    explorer.export_button.click()
    pd.testing.assert_frame_equal(network.people, people)
    pd.testing.assert_frame_equal(network.ties, ties)
    pd.testing.assert_frame_equal(network.reported, reported)
    assert tags == tags_before


def test_displays_as_its_root_widget(explorer):
    bundle = explorer._repr_mimebundle_()
    view = bundle["application/vnd.jupyter.widget-view+json"]
    assert view["model_id"] == explorer.widget.model_id
    assert repr(explorer) == ("ThresholdExplorer(min_mutual=10, companies=[], keywords=[], "
                              "top=25, rows=21)")


@pytest.mark.parametrize("kwargs, message", [
    ({"min_mutual": 0}, "min_mutual must be a whole number of at least 1, got 0"),
    ({"top": 0}, "top must be a whole number of at least 1, got 0"),
    ({"companies": "Shopify"}, "companies and keywords must be lists of words"),
])
def test_bad_arguments(sample, kwargs, message):
    network, _ = sample
    with pytest.raises(RefkitError, match=message):
        ThresholdExplorer(network, show_network=False, **kwargs)


def test_pseudonymize_never_falls_back_to_real_names(sample):
    network, _ = sample
    if importlib.util.find_spec("refkit.privacy") is None:
        with pytest.raises(RefkitError, match="refkit.privacy.pseudonymize is not available"):
            ThresholdExplorer(network, pseudonymize="secret", show_network=False)
    else:
        explorer = ThresholdExplorer(network, pseudonymize="secret", show_network=False)
        assert explorer.network is not network
        assert "Seo-yeon Levi" not in explorer.table.value


def test_a_filter_that_empties_the_list_says_why_and_an_old_export_is_cleared(explorer):
    explorer.slider.value = 5
    explorer.export_button.click()  # as the user does
    assert "Wrote" in explorer.export_status.value
    explorer.companies.value = "Stipe"  # a typo
    sentence = html.unescape(explorer.sentence.value)
    assert explorer.ranked.empty
    assert "none of them match your filters: nobody at 'Stipe' in your network; did you mean 'Stripe'?" in sentence
    assert explorer.export_status.value == ""  # "Wrote 24 rows" was about another list
    explorer.companies.value = "Stripe"  # there, but below the threshold
    sentence = html.unescape(explorer.sentence.value)
    assert "nobody at Stripe passes 5;" in sentence and "below it" in sentence
    explorer.companies.value = "Shopify"
    sentence = html.unescape(explorer.sentence.value)
    assert f"of them, {len(explorer.ranked)} people match your filters" in sentence and len(explorer.ranked) > 1
    explorer.companies.value = ""
    explorer.keywords.value = "astronaut"
    assert "no position matches 'astronaut'." in html.unescape(explorer.sentence.value)


def test_a_tag_for_someone_who_is_not_a_connection_is_said_beside_the_count(sample, tmp_path):
    network, tags = sample
    first = next(iter(tags))  # a real connection's tags, under a misspelt name
    typo = {**{who: tags[who] for who in tags}, "Wei van der Bergg": ("close",)}
    explorer = ThresholdExplorer(network, tags=typo, export_dir=tmp_path)
    sentence = html.unescape(explorer.sentence.value)
    assert "share at least 15). Tags for 'Wei van der Bergg' count for nobody: not one of your connections; " \
           "did you mean 'Wei van der Berg' or 'Tariq van der Berg'?</p>" in sentence
    assert first and "count for nobody" not in html.unescape(
        ThresholdExplorer(network, tags=tags, export_dir=tmp_path).sentence.value)
