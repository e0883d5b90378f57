"""Notebook widgets: choose a threshold and see at once who qualifies.

:class:`ThresholdExplorer` puts the ranking engine behind a few controls. Every
callback calls a tested package function and shows its result:

==========================  ===================================================
what is shown               computed by
==========================  ===================================================
the sentence                :func:`refkit.rank.threshold_summary` (``.message``)
the table, ``.ranked``      :func:`refkit.rank.rank_targets`
the histogram               :func:`refkit.plots.plot_mutual_distribution`
the network                 :func:`refkit.view.network_view`
the exported CSV            :func:`~refkit.rank.rank_targets` +
                            :func:`refkit.draft.add_drafts` +
                            :func:`refkit.export.write_csv` (as ``refkit rank``)
==========================  ===================================================

The sentence, table and histogram follow a change at once; the network page
(hundreds of kilobytes) is redrawn a moment after the last change when a kernel
event loop runs, and at once otherwise (plain scripts, tests). The page goes
into a ``widgets.HTML`` as an ``<iframe srcdoc>``: displaying such a page
through an ``Output`` widget stalls headless notebook runs.

Outputs are set in the order sentence, table, histogram; each widget value
goes to the front end when it is set. At coach scale (benchmarks/widgets.py)
the sentence and table follow a slider change in about 20-60 ms; the
histogram image takes a few hundred ms the first time a threshold is shown
(matplotlib drawing) and is then kept per threshold.
"""

from __future__ import annotations

import asyncio
import html
import io
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from refkit._errors import RefkitError
from refkit._text import clean_text
from refkit._validate import whole_number
from refkit.build import Network
from refkit.rank import DEFAULT_MIN_MUTUAL, rank_targets, threshold_summary
from refkit.show import header
from refkit.strength import explain_tags
from refkit.tags import TagsLike, as_tags

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = ["TABLE_COLUMNS", "ThresholdExplorer"]

#: Columns of the ranked table shown in the explorer.
TABLE_COLUMNS = ["name", "company", "position", "mutual_count", "introducer", "reason"]
#: Seconds to wait after the last change before redrawing the network page.
NETWORK_DELAY = 0.3
#: Size (inches) and resolution of the histogram image.
HISTOGRAM_SIZE = (6.0, 3.2)
HISTOGRAM_DPI = 80
_TABLE_STYLE = (
    "<style>table.refkit-ranked{border-collapse:collapse;font-size:12px;width:100%}"
    "table.refkit-ranked th,table.refkit-ranked td{padding:3px 8px;text-align:left !important;"
    "vertical-align:top;border-bottom:1px solid #ddd;line-height:1.35}"
    ".refkit-sentence .widget-html-content{line-height:1.4}</style>"  # not the 28px of a widget row
)


class ThresholdExplorer:
    """Pick the minimum number of mutual connections and see who qualifies.

    Parameters
    ----------
    network : Network
        The network to explore (not modified).
    min_mutual : int, default 10
        Starting threshold; lowered to the highest count in the data when that is smaller.
    companies, keywords : iterable of str
        Starting target companies and position keywords. When any is given
        only matching people are listed (``only_matching=True``).
    tags : Tags, mapping or DataFrame, optional
        The user's tags for their connections (see :func:`~refkit.rank.tie_strength`); read a
        tags CSV with :func:`refkit.read.read_tag_map`.
    top : int, default 25
        How many people the table shows (and the export writes).
    export_dir : str or PathLike, default "out"
        Folder the **Export** button writes to (created when missing).
    show_network : bool, default True
        Show the interactive network under the table.
    pseudonymize : str or bytes, optional
        A key: show :func:`refkit.privacy.pseudonymize`'s copy of the network
        instead (a RefkitError when that function is not available, rather
        than real names). Target companies and keywords are given as real
        names and matched on the real data first; the table, the network and
        its legend, and the export then show stand-ins
        (:func:`refkit.privacy.pseudonymize_ranked`).

    Attributes
    ----------
    network : Network
        The network shown (the pseudonymised copy when asked).
    ranked : DataFrame
        ``rank_targets(network, **settings)`` for the current settings (under
        ``pseudonymize``, the ranking of the real network, pseudonymised).
    summary : ThresholdSummary
        ``threshold_summary(network, min_mutual=...)`` for the current threshold.
    widget : ipywidgets.VBox
        The root widget (the explorer displays as it).
    slider, companies, keywords, introducer_only, top, export_button
        The controls; assigning their ``.value`` (or calling
        ``export_button.click()``) updates everything as a user would.
    sentence, table, histogram, network_html, export_status, export_link
        The outputs (``HTML``, ``HTML``, ``Image``, ``HTML``, ``HTML``, ``Output``);
        after an export, ``export_link`` shows a link to the file, relative to the
        working directory (the notebook's folder), that JupyterLab opens on a click.
    last_export : Path or None
        The file the **Export** button wrote last (None before the first click).

    Examples
    --------
    >>> import pandas as pd
    >>> people = pd.DataFrame(
    ...     {"name": ["Me", "Ann", "Bob", "Tara"], "company": [None, "Globex", "Initech", "Stripe"],
    ...      "position": [None, "PM", "Dev", "Data Engineer"], "degree": [0, 1, 1, 2]},
    ...     index=pd.Index(["me", "ann", "bob", "tara"], name="key"))
    >>> ties = pd.DataFrame({"a": ["me", "me", "ann", "bob"], "b": ["ann", "bob", "tara", "tara"],
    ...                      "source": "x", "kind": "shared"})
    >>> explorer = ThresholdExplorer(Network(people=people, ties=ties, me="me"), show_network=False)
    >>> explorer.slider.value, explorer.slider.max
    (2, 2)
    >>> explorer.summary.message
    '1 person shares at least 2 connections with you (1 shares at least 1)'
    >>> explorer.ranked[["name", "mutual_count", "introducer"]]
       name  mutual_count introducer
    0  Tara             2        Ann
    >>> explorer.slider.value = 1
    >>> explorer.settings["min_mutual"]
    1
    """

    def __init__(
        self,
        network: Network,
        *,
        min_mutual: int = DEFAULT_MIN_MUTUAL,
        companies: Iterable[str] = (),
        keywords: Iterable[str] = (),
        tags: TagsLike = None,
        top: int = 25,
        export_dir: str | Path = "out",
        show_network: bool = True,
        pseudonymize: str | bytes | None = None,
    ) -> None:
        import ipywidgets as widgets

        if not isinstance(network, Network):
            raise RefkitError(f"ThresholdExplorer: expected a Network, got {type(network).__name__}")
        whole_number(top, "top", minimum=1)  # the rule every option of refkit follows
        if isinstance(companies, str) or isinstance(keywords, str):
            raise RefkitError("companies and keywords must be lists of words, e.g. ['Stripe'], "
                              "not a single string")
        self.network, self._shown, self._legend = _shown_network(network, pseudonymize)
        self._pseudonymized = pseudonymize is not None
        self._real = network
        self.tags = as_tags(tags)  # once: every redraw ranks with the same Tags
        self._tag_notes = [] if self._pseudonymized else explain_tags(network, self.tags)
        self.export_dir = Path(export_dir)
        self.show_network = bool(show_network)
        # the engine checks the threshold and says what the data holds
        highest = threshold_summary(self.network, min_mutual=min_mutual).highest
        self._pending: asyncio.TimerHandle | None = None
        self._pngs: dict[int, bytes] = {}

        wide = {"description_width": "initial"}
        self.slider = widgets.IntSlider(
            value=min(min_mutual, max(highest, 1)), min=1, max=max(highest, 1), step=1,
            continuous_update=False, description="Mutual connections at least", style=wide,
            layout=widgets.Layout(width="32em"),
        )
        self.companies = widgets.Text(
            value=", ".join(str(c) for c in companies), placeholder="e.g. Stripe, Globex",
            description="Target companies", continuous_update=False, style=wide,
            layout=widgets.Layout(width="32em"),
        )
        self.keywords = widgets.Text(
            value=", ".join(str(k) for k in keywords), placeholder="e.g. data, engineer",
            description="Keywords in position", continuous_update=False, style=wide,
            layout=widgets.Layout(width="32em"),
        )
        self.introducer_only = widgets.Checkbox(
            value=False, description="only people with a named introducer", indent=False,
        )
        self.top = widgets.BoundedIntText(
            value=top, min=1, max=max(top, 10_000), description="Top K", style=wide,
            layout=widgets.Layout(width="10em"),
        )
        self.sentence = widgets.HTML()
        self.sentence.add_class("refkit-sentence")
        self.table = widgets.HTML(layout=widgets.Layout(max_height="30em", overflow="auto",
                                                        width="100%"))
        self.histogram = widgets.Image(format="png", layout=widgets.Layout(width="420px"))
        self.network_html = widgets.HTML()
        self.export_button = widgets.Button(description="Export", icon="download",
                                            tooltip=f"write the list as CSV into {self.export_dir}")
        self.export_status = widgets.HTML()
        self.export_link = widgets.Output()  # rendered by the notebook: JupyterLab resolves the link
        self.last_export: Path | None = None  # the file the Export button wrote last
        self.export_button.on_click(self._on_export)

        controls = widgets.VBox([
            self.slider,
            self.companies,
            self.keywords,
            widgets.HBox([self.introducer_only, self.top]),
            self.sentence,
            widgets.HBox([self.export_button, self.export_status, self.export_link]),
        ], layout=widgets.Layout(flex="1 1 auto"))
        children = [widgets.HBox([controls, self.histogram]), self.table]
        if self.show_network:
            children.append(self.network_html)
        self.widget = widgets.VBox(children)

        self.refresh(network=True)
        for control in (self.slider, self.companies, self.keywords, self.introducer_only, self.top):
            control.observe(self._on_change, names="value")

    # ------------------------------------------------------------------ state

    @property
    def settings(self) -> dict[str, Any]:
        """The :func:`~refkit.rank.rank_targets` keyword arguments for the current controls.

        ``rank_targets(explorer.network, **explorer.settings)`` equals ``explorer.ranked``.
        """
        companies = _words(self.companies.value)
        keywords = _words(self.keywords.value)
        return {
            "min_mutual": int(self.slider.value),
            "companies": companies,
            "keywords": keywords,
            "tags": self.tags,
            "only_matching": bool(companies or keywords),
            "require_introducer": bool(self.introducer_only.value),
            "top": int(self.top.value),
        }

    # ----------------------------------------------------------------- update

    def refresh(self, network: bool = True) -> None:
        """Recompute everything shown for the current controls, without delay.

        Parameters
        ----------
        network : bool, default True
            Also redraw the network page (when it is shown).
        """
        settings = self.settings
        self.summary = threshold_summary(self.network, min_mutual=settings["min_mutual"])
        self.ranked = self._shown(rank_targets(self._real, **settings))  # matched on real names
        self.sentence.value = f"<p>{html.escape(self._sentence(settings))}</p>"
        self.export_status.value = ""  # an earlier export was of another list
        self.export_link.outputs = ()
        # one line, no bidi tricks, no e-mail addresses
        shown = self.ranked[TABLE_COLUMNS].astype(object).map(lambda v: clean_text(v, keep_emails=False))
        shown.columns = [header(c) for c in shown.columns]  # words, not column names
        self.table.value = _TABLE_STYLE + shown.to_html(
            escape=True, index=False, na_rep="", border=0, classes="refkit-ranked", justify="left")
        threshold = settings["min_mutual"]
        if threshold not in self._pngs:  # the histogram depends on the threshold alone
            self._pngs[threshold] = self._histogram_png(threshold)
        self.histogram.value = self._pngs[threshold]
        if network and self.show_network:
            self._draw_network()

    def _sentence(self, settings: dict[str, Any]) -> str:
        """The threshold sentence, what the filters left of it, and tags that count for nobody."""
        text = self._filter_sentence(settings)
        if not self._tag_notes:
            return text
        # a typo in the tags file: said after the count, every time
        notes = "; ".join(self._tag_notes)
        return f"{text}{'' if text.endswith(('.', '?')) else '.'} {notes[0].upper()}{notes[1:]}" + (
            "" if notes.endswith("?") else ".")

    def _filter_sentence(self, settings: dict[str, Any]) -> str:
        """The threshold sentence, and what the company and keyword filters left of it."""
        from refkit._text import plural
        from refkit.companies import explain_companies

        text = self.summary.message
        if not (settings["companies"] or settings["keywords"]):
            return text
        if len(self.ranked):
            return f"{text}; of them, {plural(len(self.ranked), 'person matches', 'people match')} your filters"
        why = []
        if settings["companies"]:
            if not self._pseudonymized:  # real names shown: the explanation may name companies
                why += explain_companies(self._real, self.ranked, settings["companies"],
                                         min_mutual=settings["min_mutual"])
            else:
                why.append("nobody at a target company passes it")
        if settings["keywords"]:
            why.append(f"no position matches {', '.join(repr(k) for k in settings['keywords'])}")
        reasons = "; ".join(why)
        return f"{text}; none of them match your filters: {reasons}" + ("" if reasons.endswith("?") else ".")

    def _histogram_png(self, min_mutual: int) -> bytes:
        from refkit.plots import plot_mutual_distribution

        fig = plot_mutual_distribution(self.network, min_mutual=min_mutual)
        fig.set_size_inches(*HISTOGRAM_SIZE)  # not registered with pyplot: nothing to close
        buffer = io.BytesIO()
        fig.savefig(buffer, format="png", dpi=HISTOGRAM_DPI)
        return buffer.getvalue()

    def _draw_network(self) -> None:
        from refkit.view import network_view

        self._pending = None
        settings = self.settings
        everyone = self._shown(rank_targets(self._real, **{**settings, "top": None}))
        view = network_view(self.network, min_mutual=settings["min_mutual"],
                            companies=[self._legend(c) for c in settings["companies"]],
                            keywords=settings["keywords"],
                            tags=self.tags, ranked=everyone)
        self.network_html.value = view._repr_html_()

    def _on_change(self, change: dict[str, Any]) -> None:
        self.refresh(network=False)
        if not self.show_network:
            return
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:  # no kernel event loop: a script or a test
            self._draw_network()
            return
        if self._pending is not None:
            self._pending.cancel()
        self._pending = loop.call_later(NETWORK_DELAY, self._draw_network)

    # ----------------------------------------------------------------- export

    def export(self) -> Path:
        """Write the current list as ``refkit rank`` does, to a new file in ``export_dir``.

        The file is named ``ranked_min<N>_<YYYYmmdd-HHMMSS>.csv`` (``_2``, ``_3``
        … added when that name is taken); an existing file is never replaced.

        Returns
        -------
        Path
            The file written.
        """
        from refkit.draft import add_drafts
        from refkit.export import write_csv

        rows = add_drafts(self.ranked, me=self.network.me_name)
        folder = self.export_dir
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as err:
            raise RefkitError(f"{folder}: cannot create the export folder: "
                              f"{err.strerror or err}") from err
        stem = f"ranked_min{self.settings['min_mutual']}_{time.strftime('%Y%m%d-%H%M%S')}"
        counter = 1
        while True:
            path = folder / (f"{stem}.csv" if counter == 1 else f"{stem}_{counter}.csv")
            counter += 1
            if path.exists():
                continue
            try:
                return write_csv(rows, path)
            except RefkitError:
                if path.exists():  # appeared meanwhile: take the next name
                    continue
                raise

    def _on_export(self, button: Any) -> None:
        try:
            path = self.export()
        except RefkitError as err:
            self.export_status.value = f"<span>Export failed: {html.escape(str(err))}</span>"
            self.export_link.outputs = ()
            return
        self.last_export = path
        self.export_status.value = (f"<span>Wrote {len(self.ranked)} rows to "
                                    f"<code>{html.escape(str(path))}</code></span>")
        from refkit.workspace import output_link

        link = output_link(path)
        self.export_link.outputs = ({"output_type": "display_data", "metadata": {},
                                     "data": {"text/plain": f"open {link!r}",
                                              "text/html": f"open {link._repr_html_()}"}},)

    # ---------------------------------------------------------------- display

    def _repr_mimebundle_(self, **kwargs: Any) -> Any:
        return self.widget._repr_mimebundle_(**kwargs)

    def __repr__(self) -> str:
        s = self.settings
        return (f"ThresholdExplorer(min_mutual={s['min_mutual']}, companies={s['companies']}, "
                f"keywords={s['keywords']}, top={s['top']}, rows={len(self.ranked)})")


def _words(text: str) -> list[str]:
    """Comma-separated entries of a text box.

    Examples
    --------
    >>> _words(" Stripe, , Globex ")
    ['Stripe', 'Globex']
    """
    return [w.strip() for w in str(text).split(",") if w.strip()]


def _shown_network(network: Network, key: str | bytes | None
                   ) -> tuple[Network, Callable[[pd.DataFrame], pd.DataFrame], Callable[[str], str]]:
    """The network shown, how a ranking of the real one is shown, how a target company is named."""
    if key is None:
        return network, lambda ranked: ranked, lambda company: company
    try:
        from refkit.privacy import _ranking_pseudonymizer
    except ImportError as err:  # never show real names when pseudonyms were asked for
        raise RefkitError("pseudonymize: refkit.privacy.pseudonymize is not available in this "
                          "version of refkit; leave pseudonymize=None to show real names") from err
    pseudo, shown, mapping = _ranking_pseudonymizer(network, key=key)
    known = {" ".join(real.casefold().split()): stand_in for stand_in, real in mapping.items()
             if stand_in.startswith("Company ")}
    return pseudo, shown, lambda company: known.get(" ".join(company.casefold().split()),
                                                    "a target company")
