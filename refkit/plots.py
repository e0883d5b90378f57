"""Static charts of the network, as matplotlib figures.

Every function returns a new :class:`matplotlib.figure.Figure` (no pyplot
global state, so they work with any backend, in scripts and notebooks); save
one with ``fig.savefig("growth.png", dpi=150)``.

Text from the data (names, companies) is shown literally: control, invisible and
bidi-override characters and e-mail addresses are removed, long names are cut with "…", and
matplotlib's mathtext is switched off for those labels, so ``$`` in a name is
a dollar sign, not the start of a formula.
"""

from __future__ import annotations

import functools
import io
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from refkit._limits import plausible_dates
from refkit._text import clean_text, plural, truncate
from refkit._validate import whole_number
from refkit.build import Network
from refkit.rank import DEFAULT_MIN_MUTUAL

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = ["plot_companies", "plot_funnel", "plot_growth", "plot_introducer_load", "plot_mutual_distribution",
           "company_counts", "introducer_load"]

_LABEL_LIMIT = 28
_FIRST = "#4c78a8"
_SECOND = "#f58518"
_ACCENT = "#e45756"


@functools.cache
def _figure_class() -> type[Figure]:
    from matplotlib.figure import Figure

    class ChartFigure(Figure):
        """A Figure that Jupyter shows as a PNG, with no pyplot or backend set up."""

        def _repr_png_(self) -> bytes:
            buffer = io.BytesIO()
            self.savefig(buffer, format="png")
            return buffer.getvalue()

    return ChartFigure


def _figure(width: float, height: float) -> Figure:
    return _figure_class()(figsize=(width, height), dpi=100, layout="constrained")


def _label(value: object, limit: int = _LABEL_LIMIT) -> str:
    """A data label safe to draw: clean, one line, no e-mail address, at most ``limit`` characters.

    Examples
    --------
    >>> _label("Ann\\u202e Lee $5 and a very long company name indeed")
    'Ann Lee $5 and a very long…'
    """
    return truncate(clean_text(value, keep_emails=False), limit)


def _empty(ax: Axes, message: str) -> None:
    ax.text(0.5, 0.5, message, ha="center", va="center", transform=ax.transAxes, color="#555555")
    ax.set_xticks([])
    ax.set_yticks([])


def _barh(ax: Axes, labels: list[str], values: list[int], color: str) -> None:
    """Horizontal bars, largest at the top, values written at the bar ends."""
    y = np.arange(len(labels))[::-1]
    bars = ax.barh(y, values, color=color)
    ax.set_yticks(y, [_label(v) for v in labels], parse_math=False)
    ax.bar_label(bars, labels=[str(v) for v in values], padding=2, fontsize=8)
    from matplotlib.ticker import MaxNLocator

    ax.set_xlim(0, max(values) * 1.15 if values else 1)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.margins(y=0.01)
    ax.tick_params(axis="y", labelsize=8)


# ----------------------------------------------------------------------------


def plot_growth(network: Network) -> Figure:
    """Cumulative number of 1st-degree connections over time (by Connected On).

    Parameters
    ----------
    network : Network
        The network, as built by :func:`~refkit.build.build_network`.

    Returns
    -------
    Figure
        One line: the number of 1st-degree connections over time.

    Examples
    --------
    >>> from refkit.examples import toy_network
    >>> fig = plot_growth(toy_network())  # four connections, made 2019 to 2023
    >>> fig.axes[0].lines[0].get_ydata().tolist()
    [1, 2, 3, 4]
    """
    people = network.people
    dates = plausible_dates(people.loc[people["degree"] == 1, "connected_on"])
    known = dates.dropna().sort_values()
    fig = _figure(8, 4.5)
    ax = fig.add_subplot()
    ax.set_title("Your network over time")
    ax.set_xlabel("Connected on")
    ax.set_ylabel("1st-degree connections")
    if known.empty:
        _empty(ax, "No connection dates in your export")
        return fig
    counts = np.arange(1, len(known) + 1)
    ax.step(known.to_numpy(), counts, where="post", color=_FIRST, linewidth=2)
    ax.fill_between(known.to_numpy(), counts, step="post", color=_FIRST, alpha=0.15)
    ax.set_ylim(0, len(known) * 1.08)
    ax.grid(axis="y", alpha=0.3)
    missing = int(dates.isna().sum())
    if missing:
        ax.text(0.01, 0.97, f"{missing} connection{'s' if missing != 1 else ''} without a date "
                "not shown", transform=ax.transAxes, va="top", fontsize=8, color="#555555")
    import matplotlib.dates as mdates

    locator = mdates.AutoDateLocator()
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
    return fig


def company_counts(network: Network, *, degree: int, top: int = 15) -> pd.Series:
    """People per company at one degree, most first (ties by name), at most ``top``.

    Companies are grouped by :func:`~refkit.resolve.normalize_company`
    ("Stripe" and "Stripe, Inc." are one) and shown by their most common spelling.

    Parameters
    ----------
    network : Network
        The network, as built by :func:`~refkit.build.build_network`.
    degree : int
        1 or 2: whose companies to count.
    top : int, default 15
        Most companies returned.

    Returns
    -------
    Series
        People per company, largest first, indexed by the company's most common spelling.

    Examples
    --------
    >>> import pandas as pd
    >>> people = pd.DataFrame({"name": ["Me", "A", "B", "C"], "degree": [0, 1, 1, 1],
    ...     "company": [None, "Stripe", "Stripe, Inc.", "Acme"]},
    ...     index=pd.Index(["me", "a", "b", "c"], name="key"))
    >>> ties = pd.DataFrame({"a": ["me"] * 3, "b": ["a", "b", "c"], "source": "x", "kind": "c"})
    >>> company_counts(Network(people=people, ties=ties, me="me"), degree=1).to_dict()
    {'Stripe': 2, 'Acme': 1}
    """
    from refkit.resolve import normalize_company

    people = network.people
    companies = people.loc[people["degree"] == degree, "company"].dropna().astype(str)
    companies = companies[companies.str.strip() != ""]
    if companies.empty:
        return pd.Series(dtype="int64", name="people")
    frame = pd.DataFrame({"company": companies.to_numpy(),
                          "norm": [normalize_company(c) for c in companies]})
    frame = frame[frame["norm"] != ""]
    spelling = (frame.groupby(["norm", "company"]).size().rename("n").reset_index()
                .sort_values(["norm", "n", "company"], ascending=[True, False, True])
                .drop_duplicates("norm").set_index("norm")["company"])
    sizes = frame.groupby("norm").size()
    out = pd.DataFrame({"company": spelling.reindex(sizes.index), "people": sizes})
    out = out.sort_values(["people", "company"], ascending=[False, True]).head(top)
    return pd.Series(out["people"].to_numpy(dtype="int64"), index=out["company"].to_list(),
                     name="people")


def plot_companies(network: Network, *, top: int = 15) -> Figure:
    """Top companies among your 1st-degree connections and the 2nd-degree people beyond them.

    Two panels, one per degree, each with at most ``top`` bars.

    Parameters
    ----------
    network : Network
        The network, as built by :func:`~refkit.build.build_network`.
    top : int, default 15
        Most bars per panel.

    Returns
    -------
    Figure
        Two horizontal bar charts (1st and 2nd degree).

    Raises
    ------
    OptionError
        If ``top`` is not a whole number of at least 1.

    Examples
    --------
    >>> import pandas as pd
    >>> people = pd.DataFrame({"name": ["Me", "A", "B", "T"], "degree": [0, 1, 1, 2],
    ...     "company": [None, "Stripe", "Stripe", "Acme"]},
    ...     index=pd.Index(["me", "a", "b", "t"], name="key"))
    >>> ties = pd.DataFrame({"a": ["me", "me", "a"], "b": ["a", "b", "t"], "source": "x", "kind": "c"})
    >>> fig = plot_companies(Network(people=people, ties=ties, me="me"))
    >>> [int(p.get_width()) for p in fig.axes[0].patches], [int(p.get_width()) for p in fig.axes[1].patches]
    ([2], [1])
    """
    whole_number(top, "top", minimum=1)
    first = company_counts(network, degree=1, top=top)
    second = company_counts(network, degree=2, top=top)
    rows = max(len(first), len(second), 3)
    fig = _figure(11, max(3.5, 0.3 * rows + 1.6))
    fig.suptitle("Where your network works")
    for ax, counts, title, color in (
        (fig.add_subplot(1, 2, 1), first, "1st-degree connections", _FIRST),
        (fig.add_subplot(1, 2, 2), second, "2nd-degree people", _SECOND),
    ):
        ax.set_title(title)
        ax.set_xlabel("people")
        if counts.empty:
            _empty(ax, "No companies known")
            continue
        _barh(ax, list(counts.index), [int(v) for v in counts], color)
    return fig


def plot_mutual_distribution(network: Network, *, min_mutual: int = DEFAULT_MIN_MUTUAL) -> Figure:
    """Histogram of mutual-connection counts of 2nd-degree people, with the threshold.

    The bar of count ``k`` spans ``[k, k + 1)``, so the threshold line at
    ``x = min_mutual`` has exactly the people at or above it on its right;
    their number is written beside it ("37 people at ≥ 10"). The y axis turns
    logarithmic when the tallest bar is over 50 times the smallest.

    Parameters
    ----------
    network : Network
        The network, as built by :func:`~refkit.build.build_network`.
    min_mutual : int, default DEFAULT_MIN_MUTUAL
        The threshold drawn as a line.

    Returns
    -------
    Figure
        A histogram of 2nd-degree mutual counts with the threshold marked.

    Raises
    ------
    OptionError
        If ``min_mutual`` is not a whole number of at least 1.

    Examples
    --------
    >>> from refkit.examples import toy_network
    >>> fig = plot_mutual_distribution(toy_network(), min_mutual=2)  # Jane, Lee and Omar
    >>> [t.get_text() for t in fig.axes[0].texts]
    ['3 people at ≥ 2']
    """
    from refkit.rank import check_min_mutual, mutual_counts, threshold_counts

    min_mutual = check_min_mutual(min_mutual)
    counts = mutual_counts(network)["mutual_count"].to_numpy(dtype="int64")
    counts = counts[counts >= 1]
    fig = _figure(8, 4.5)
    # fixed margins instead of the layout engine: this chart is redrawn on every slider move
    # in the threshold explorer, and the engine would cost about half of the drawing time
    fig.set_layout_engine(None)
    fig.subplots_adjust(left=0.14, right=0.98, bottom=0.15, top=0.9)
    ax = fig.add_subplot()
    ax.set_title("Mutual connections of 2nd-degree people")
    ax.set_xlabel("mutual connections with you")
    ax.set_ylabel("people")
    if counts.size == 0:
        _empty(ax, "No 2nd-degree people found yet")
        return fig
    highest = int(counts.max())
    edges = np.arange(1, max(highest, min_mutual) + 2)
    heights = np.bincount(counts, minlength=edges[-1])[edges[0]:edges[-1]]
    # two filled step outlines (below the threshold in grey, at or above it in colour) draw
    # much faster than a bar per count (benchmarks/claims.py), which matters in the threshold widget
    split = min_mutual - int(edges[0])
    if split > 0:
        ax.stairs(heights[:split], edges[: split + 1], fill=True, color="#c9c9c9")
    ax.stairs(heights[split:], edges[split:], fill=True, color=_SECOND)
    nonzero = heights[heights > 0]
    if nonzero.size and nonzero.max() > 50 * nonzero.min():
        from matplotlib.ticker import FuncFormatter, NullLocator

        ax.set_yscale("log")
        ax.set_ylabel("people (log scale)")
        # plain "1,000" labels, no minor ticks: log-scale mathtext labels are slow to draw
        ax.yaxis.set_major_formatter(FuncFormatter(lambda value, _: f"{value:,.0f}"))
        ax.yaxis.set_minor_locator(NullLocator())
    at_or_above = int(threshold_counts(network).get(min_mutual, 0))
    ax.axvline(min_mutual, color=_ACCENT, linewidth=2, linestyle="--")
    word = "person" if at_or_above == 1 else "people"
    right = min_mutual > edges[0] + 0.6 * (edges[-1] - edges[0])
    ax.annotate(f"{at_or_above} {word} at ≥ {min_mutual}", xy=(min_mutual, 0.96),
                xycoords=ax.get_xaxis_transform(), xytext=(-6 if right else 6, 0),
                textcoords="offset points", ha="right" if right else "left", va="top",
                color=_ACCENT, fontweight="bold", parse_math=False,
                bbox={"facecolor": "white", "edgecolor": "none", "alpha": 0.85, "pad": 2})
    ax.set_xlim(edges[0], edges[-1])
    return fig


def introducer_load(ranked: pd.DataFrame, *, top: int = 15) -> pd.Series:
    """How many of the ranked targets each introducer is the best introducer for.

    Indexed by introducer name (people sharing a name are told apart by
    ``introducer_key`` when present), most first, ties by name.

    Parameters
    ----------
    ranked : DataFrame
        The table from :func:`~refkit.rank.rank_targets`.
    top : int, default 15
        Most introducers returned.

    Returns
    -------
    Series
        Targets per introducer, most first.

    Raises
    ------
    RefkitError
        If ``ranked`` has no ``introducer`` column.
    OptionError
        If ``top`` is not a whole number of at least 1.

    Examples
    --------
    >>> ranked = pd.DataFrame({"introducer": ["Bob", "Ann", "Bob", None]})
    >>> introducer_load(ranked).to_dict()
    {'Bob': 2, 'Ann': 1}
    """
    whole_number(top, "top", minimum=1)
    from refkit._errors import RefkitError

    if "introducer" not in ranked.columns:
        raise RefkitError("ranked: expected a table from rank_targets with an 'introducer' column")
    keys = ranked["introducer_key"] if "introducer_key" in ranked.columns else ranked["introducer"]
    frame = pd.DataFrame({"key": keys.to_numpy(), "name": ranked["introducer"].to_numpy()})
    frame = frame[~(frame["key"].isna() | frame["name"].isna())]
    if frame.empty:
        return pd.Series(dtype="int64", name="targets")
    sizes = frame.groupby("key", sort=False).agg(name=("name", "first"), targets=("name", "size"))
    sizes = sizes.sort_values(["targets", "name"], ascending=[False, True]).head(top)
    return pd.Series(sizes["targets"].to_numpy(dtype="int64"), index=sizes["name"].astype(str).to_list(),
                     name="targets")


def plot_introducer_load(
    ranked: pd.DataFrame,
    *,
    top: int = 15,
    open_asks: pd.Series | dict[str, int] | None = None,
    max_open_asks: int | None = None,
) -> Figure:
    """Bars: how many targets each introducer (a row of :func:`introducer_load`) covers, and how
    many asks are open with them.

    Parameters
    ----------
    ranked : DataFrame
        The table from :func:`~refkit.rank.rank_targets`.
    top : int, default 15
        Most introducers shown.
    open_asks : Series or dict, optional
        Open asks by introducer name (:meth:`refkit.track.Tracker.open_asks`): a second
        bar per introducer; introducers with open asks are shown even when they are no
        longer anyone's best introducer.
    max_open_asks : int, optional
        The cap of open asks (the workspace's ``max_open_asks``), drawn as a line.

    Returns
    -------
    Figure
        One horizontal bar per introducer (see :func:`introducer_load`), two with ``open_asks``.

    Raises
    ------
    RefkitError
        If ``ranked`` has no ``introducer`` column.

    Examples
    --------
    >>> ranked = pd.DataFrame({"introducer": ["Bob", "Ann", "Bob"]})
    >>> fig = plot_introducer_load(ranked)
    >>> [t.get_text() for t in fig.axes[0].get_yticklabels()]
    ['Bob', 'Ann']
    >>> fig = plot_introducer_load(ranked, open_asks={"Ann": 2, "Cy": 1}, max_open_asks=2)
    >>> [t.get_text() for t in fig.axes[0].get_yticklabels()]
    ['Bob', 'Ann', 'Cy']
    """
    load = introducer_load(ranked, top=top)
    everyone = introducer_load(ranked, top=len(ranked) + 1) if len(ranked) else load
    fig = _figure(8, max(3.5, 0.3 * len(load) + 1.6))
    ax = fig.add_subplot()
    if open_asks is None:
        more = len(everyone) - len(load)
        ax.set_title("Who can introduce you" + (f" (the first {len(load)}; {plural(more, 'more introducer')} "
                                                 "not shown)" if more > 0 else ""))  # fmt: skip
        ax.set_xlabel("people they are the best introducer for")
        ax.set_ylabel("introducer")
        if load.empty:
            _empty(ax, "No introducers known yet")
            return fig
        _barh(ax, list(load.index), [int(v) for v in load], "#2a9d8f")
        return fig
    asks = {str(k): int(v) for k, v in dict(open_asks).items() if not pd.isna(v) and int(v) > 0}
    names = list(load.index) + [n for n in sorted(asks, key=lambda n: (-asks[n], n)) if n not in load.index]
    names = names[: max(top, len(load))]
    fig.set_size_inches(8, max(3.5, 0.45 * len(names) + 1.6))
    ax.set_title("Who can introduce you, and how many asks are open with them")
    ax.set_xlabel("people")
    ax.set_ylabel("introducer")
    if not names:
        _empty(ax, "No introducers known yet")
        return fig
    planned = [int(everyone.get(n, 0)) for n in names]
    opened = [asks.get(n, 0) for n in names]
    y = np.arange(len(names))[::-1]
    first = ax.barh(y + 0.2, planned, height=0.4, color="#2a9d8f", label="best introducer for")
    second = ax.barh(y - 0.2, opened, height=0.4, color=_SECOND, label="open asks")
    ax.bar_label(first, labels=[str(v) for v in planned], padding=2, fontsize=8)
    ax.bar_label(second, labels=[str(v) if v else "" for v in opened], padding=2, fontsize=8)
    ax.set_yticks(y, [_label(n) for n in names], parse_math=False)
    ax.tick_params(axis="y", labelsize=8)
    highest = max([*planned, *opened, max_open_asks or 0, 1])
    ax.set_xlim(0, highest * 1.15)
    from matplotlib.ticker import MaxNLocator

    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    if max_open_asks is not None:
        ax.axvline(max_open_asks, color=_ACCENT, linestyle="--", linewidth=1,
                   label=f"cap: {plural(max_open_asks, 'open ask')} each")  # fmt: skip
    ax.legend(loc="lower right", fontsize=8)
    return fig


def plot_funnel(funnel: pd.DataFrame, *, top: int = 12) -> Figure:
    """A grid: how many paths of each introducer (or company) reached each stage.

    Each row is a group, each column a stage from ``asked`` to ``interview``;
    the cell gives the number of paths and its colour the share of the group's
    paths that got that far, so the paths that work stand out.

    Parameters
    ----------
    funnel : DataFrame
        :meth:`refkit.track.Tracker.funnel` (by introducer or by company).
    top : int, default 12
        Most rows (the groups with most paths).

    Returns
    -------
    Figure
        One row per group, one column per stage.

    Raises
    ------
    RefkitError
        If ``funnel`` is not a funnel table.

    Examples
    --------
    >>> table = pd.DataFrame({"introducer": ["Pat"], "paths": [3], "asked": [3], "agreed": [2],
    ...     "introduced": [2], "invited": [2], "accepted": [1], "met": [1], "referred": [0], "interview": [0]})
    >>> fig = plot_funnel(table)
    >>> [t.get_text() for t in fig.axes[0].get_yticklabels()]
    ['Pat (3 paths)']
    """
    from refkit._errors import RefkitError

    stages = ["asked", "agreed", "introduced", "invited", "accepted", "met", "referred", "interview"]
    top = whole_number(top, "top", minimum=1)
    if not isinstance(funnel, pd.DataFrame) or not {"paths", *stages} <= set(funnel.columns):
        raise RefkitError("plot_funnel: expected the table of Tracker.funnel (columns: introducer or company, "
                          "paths, " + ", ".join(stages) + ")")  # fmt: skip
    by = funnel.columns[0]
    shown = funnel.head(top)
    fig = _figure(8, max(2.6, 0.42 * len(shown) + 1.8))
    ax = fig.add_subplot()
    more = len(funnel) - len(shown)
    ax.set_title(f"How far each path went, by {by}" + (f" (the first {len(shown)}; {more} more not shown)"
                                                        if more > 0 else ""))  # fmt: skip
    if shown.empty:
        _empty(ax, "Nothing recorded yet")
        return fig
    counts = np.array([[int(v) for v in shown[s]] for s in stages]).T
    paths = np.array([max(int(v), 1) for v in shown["paths"]])
    ax.imshow(counts / paths[:, None], cmap="Greens", vmin=0, vmax=1.4, aspect="auto")  # full: a mid green
    for (row, col), value in np.ndenumerate(counts):
        share = value / paths[row]
        ax.text(col, row, str(value), ha="center", va="center", fontsize=9,
                color="white" if share > 0.8 else "#222222")  # fmt: skip
    ax.set_xticks(range(len(stages)), [s if s != "met" else "call/coffee" for s in stages], rotation=20)
    ax.set_yticks(range(len(shown)), [f"{_label(g)} ({plural(int(n), 'path')})"
                                      for g, n in zip(shown[by], shown["paths"], strict=True)], parse_math=False)
    ax.tick_params(axis="both", labelsize=8, length=0)
    ax.set_xlabel("paths that reached the stage (darker: a larger share of the row's paths)")
    return fig
