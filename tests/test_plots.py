"""The four charts: their data, texts and labels on networks worked out by hand."""

import io

import matplotlib.dates as mdates
import numpy as np
import pandas as pd
import pytest

from refkit import RefkitError
from refkit.build import Network
from refkit.plots import (
    company_counts,
    introducer_load,
    plot_companies,
    plot_growth,
    plot_introducer_load,
    plot_mutual_distribution,
)
from refkit.rank import rank_targets, threshold_counts

DOLLAR = "Ann $x^2$ Lee"


def make_network():
    """Me; 1st ann, bob, cy, dee; 2nd tara (3 mutuals + capture 12), uma (2), vic (1), wes (1)."""
    people = pd.DataFrame(
        {
            "name": ["Me Myself", DOLLAR, "Bob Ray", "Cy Fox", "Dee Oak", "Tara Stone", "Uma Hill",
                     "Vic Moss", "Wes Dale"],
            "company": [None, "Stripe", "Stripe, Inc.", "Acme", None, "Globex", "Globex",
                        "$Money$ Corp", "Acme"],
            "position": None,
            "connected_on": pd.to_datetime([None, "2016-06-01", "2024-06-01", None, "2020-01-01",
                                            None, None, None, None]),
            "degree": [0, 1, 1, 1, 1, 2, 2, 2, 2],
        },
        index=pd.Index(["me", "ann", "bob", "cy", "dee", "tara", "uma", "vic", "wes"], name="key"),
    )
    ties = pd.DataFrame(
        [("me", x) for x in ("ann", "bob", "cy", "dee")]
        + [("ann", "tara"), ("bob", "tara"), ("cy", "tara"), ("bob", "uma"), ("dee", "uma"),
           ("cy", "vic"), ("dee", "wes")],
        columns=["a", "b"],
    ).assign(source="x.csv", kind="shared")
    reported = pd.DataFrame({"mutual_count": [12]}, index=pd.Index(["tara"], name="key")).assign(
        source="cap.csv")
    return Network(people=people, ties=ties, me="me", reported=reported)


def render(fig):
    fig.savefig(io.BytesIO(), format="png")  # mathtext would fail or eat the $ here


def texts(fig):
    return [t.get_text() for ax in fig.axes for t in ax.texts]


def test_growth_is_cumulative_by_date():
    fig = plot_growth(make_network())
    ax = fig.axes[0]
    line = ax.lines[0]
    assert line.get_ydata().tolist() == [1, 2, 3]
    dates = [mdates.num2date(x).date().isoformat() for x in mdates.date2num(line.get_xdata())]
    assert dates == ["2016-06-01", "2020-01-01", "2024-06-01"]
    assert ax.get_title() == "Your network over time"
    assert (ax.get_xlabel(), ax.get_ylabel()) == ("Connected on", "1st-degree connections")
    assert texts(fig) == ["1 connection without a date not shown"]
    render(fig)


def test_growth_without_dates():
    net = make_network()
    people = net.people.assign(connected_on=pd.NaT)
    fig = plot_growth(Network(people=people, ties=net.ties, me="me"))
    assert texts(fig) == ["No connection dates in your export"]
    assert len(fig.axes[0].lines) == 0


def test_company_counts_by_hand():
    net = make_network()
    # "Stripe" and "Stripe, Inc." are one company; Dee has none
    assert company_counts(net, degree=1).to_dict() == {"Stripe": 2, "Acme": 1}
    assert company_counts(net, degree=2).to_dict() == {"Globex": 2, "$Money$ Corp": 1, "Acme": 1}
    assert company_counts(net, degree=2, top=1).to_dict() == {"Globex": 2}


def test_company_bars_and_literal_dollar_labels():
    fig = plot_companies(make_network())
    first, second = fig.axes
    assert (first.get_title(), second.get_title()) == ("1st-degree connections", "2nd-degree people")
    assert fig.get_suptitle() == "Where your network works"
    assert first.get_xlabel() == "people" and second.get_xlabel() == "people"
    assert [int(p.get_width()) for p in first.patches] == [2, 1]
    assert [int(p.get_width()) for p in second.patches] == [2, 1, 1]
    # largest at the top (ties by name)
    assert [t.get_text() for t in second.get_yticklabels()] == ["Globex", "$Money$ Corp", "Acme"]
    assert [t.get_position()[1] for t in second.get_yticklabels()] == [2, 1, 0]
    assert all(not t.get_parse_math() for t in second.get_yticklabels())
    render(fig)


def test_mutual_distribution_threshold_line_and_count():
    net = make_network()
    fig = plot_mutual_distribution(net, min_mutual=2)
    ax = fig.axes[0]
    # counts: tara 12, uma 2, vic 1, wes 1 → bars 1..12 (one per count)
    below, above = ax.patches  # two filled steps: below the threshold, at or above it
    heights = [int(v) for p in ax.patches for v in p.get_data().values]
    assert heights == [2, 1] + [0] * 9 + [1]
    assert list(below.get_data().edges) == [1, 2] and list(above.get_data().edges) == list(range(2, 14))
    line = ax.lines[0]
    assert list(line.get_xdata()) == [2, 2]
    assert threshold_counts(net)[2] == 2
    assert texts(fig) == ["2 people at ≥ 2"]
    assert ax.get_title() == "Mutual connections of 2nd-degree people"
    assert (ax.get_xlabel(), ax.get_ylabel()) == ("mutual connections with you", "people")
    # bars below the threshold are grey
    assert ax.patches[0].get_facecolor() != ax.patches[1].get_facecolor()
    fig = plot_mutual_distribution(net, min_mutual=10)
    assert texts(fig) == ["1 person at ≥ 10"]
    assert list(fig.axes[0].lines[0].get_xdata()) == [10, 10]
    fig = plot_mutual_distribution(net, min_mutual=20)
    assert texts(fig) == ["0 people at ≥ 20"]
    assert fig.axes[0].get_xlim() == (1.0, 21.0)
    render(fig)


def test_mutual_distribution_log_scale_when_skewed():
    n = 120
    people = pd.DataFrame(
        {"name": ["Me", "Ann"] + [f"T{i}" for i in range(n)], "degree": [0, 1] + [2] * n},
        index=pd.Index(["me", "ann"] + [f"t{i}" for i in range(n)], name="key"))
    ties = pd.DataFrame({"a": ["me"] + ["ann"] * n, "b": ["ann"] + [f"t{i}" for i in range(n)]}
                        ).assign(source="x", kind="shared")
    reported = pd.DataFrame({"mutual_count": [11]}, index=pd.Index(["t0"], name="key")).assign(source="c")
    fig = plot_mutual_distribution(Network(people=people, ties=ties, me="me", reported=reported))
    assert fig.axes[0].get_yscale() == "log"
    assert fig.axes[0].get_ylabel() == "people (log scale)"
    assert texts(fig) == ["1 person at ≥ 10"]


def test_introducer_load_by_hand():
    net = make_network()
    ranked = rank_targets(net, min_mutual=1, today="2026-06-01",
                          tags={"Bob Ray": ["close", "family"], "Cy Fox": ["mentor"]})
    # tara: bob (12 for tags + 2 years) > ann (10 years) > cy (mentor 4); uma: bob; vic: cy; wes: dee
    assert ranked.set_index("name")["introducer"].to_dict() == {
        "Tara Stone": "Bob Ray", "Uma Hill": "Bob Ray", "Vic Moss": "Cy Fox", "Wes Dale": "Dee Oak"}
    assert introducer_load(ranked).to_dict() == {"Bob Ray": 2, "Cy Fox": 1, "Dee Oak": 1}
    fig = plot_introducer_load(ranked, top=2)
    ax = fig.axes[0]
    assert [int(p.get_width()) for p in ax.patches] == [2, 1]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Bob Ray", "Cy Fox"]
    assert ax.get_title() == "Who can introduce you (the first 2; 1 more introducer not shown)"
    assert ax.get_xlabel() == "people they are the best introducer for"
    assert ax.get_ylabel() == "introducer"
    render(fig)


def test_same_name_introducers_counted_apart():
    ranked = pd.DataFrame({"introducer": ["Ann Lee", "Ann Lee", "Ann Lee", pd.NA],
                           "introducer_key": ["a1", "a2", "a1", pd.NA]})
    assert list(introducer_load(ranked).items()) == [("Ann Lee", 2), ("Ann Lee", 1)]
    fig = plot_introducer_load(ranked.iloc[3:])
    assert texts(fig) == ["No introducers known yet"]


def test_untrusted_labels_are_literal_and_cut():
    long = "A" * 40
    ranked = pd.DataFrame({"introducer": [DOLLAR, "Bidi\u202eevil\u0007 name", long, DOLLAR]})
    fig = plot_introducer_load(ranked)
    labels = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert labels == [DOLLAR, "A" * 27 + "…", "Bidi evil name"]
    assert all(not t.get_parse_math() for t in fig.axes[0].get_yticklabels())
    render(fig)


def test_bad_arguments():
    with pytest.raises(RefkitError, match="top must be"):
        plot_companies(make_network(), top=0)
    with pytest.raises(RefkitError, match="min_mutual"):
        plot_mutual_distribution(make_network(), min_mutual=0)
    with pytest.raises(RefkitError, match="introducer"):
        plot_introducer_load(pd.DataFrame({"name": ["x"]}))


def test_inputs_not_mutated():
    net = make_network()
    people = net.people.copy(deep=True)
    ranked = rank_targets(net, min_mutual=1)
    before = ranked.copy(deep=True)
    for fig in (plot_growth(net), plot_companies(net), plot_mutual_distribution(net),
                plot_introducer_load(ranked)):
        render(fig)
    pd.testing.assert_frame_equal(net.people, people)
    pd.testing.assert_frame_equal(ranked, before)
    assert np.all(ranked.columns == before.columns)


def test_figures_show_as_png_in_jupyter_without_pyplot():
    from IPython.core.formatters import PNGFormatter

    fig = plot_mutual_distribution(make_network(), min_mutual=2)
    png = PNGFormatter()(fig)  # what IPython calls to display an object as an image
    assert png.startswith(b"\x89PNG\r\n\x1a\n") and len(png) > 5_000


def test_the_introducer_chart_says_how_many_it_leaves_out():
    import pandas as pd

    from refkit.plots import plot_introducer_load

    ranked = pd.DataFrame({"introducer": [f"Person {i}" for i in range(20)] + ["Person 0"]})
    title = plot_introducer_load(ranked, top=15).axes[0].get_title()
    assert title == "Who can introduce you (the first 15; 5 more introducers not shown)"
    assert plot_introducer_load(ranked.head(3)).axes[0].get_title() == "Who can introduce you"
