"""The interactive network: you, your connections and the people you could reach.

:func:`network_view` turns a :class:`~refkit.build.Network` (and its ranking)
into a :class:`NetworkView`: a standalone HTML page drawn with vis-network,
plus the plain node and edge dicts put on it.

The page is **offline and private**: vis-network's script and style (bundled
with pyvis) are embedded, a Content-Security-Policy forbids every request to
another host, and nothing is loaded from a CDN. It is **safe** with names from
strangers: the data is embedded as JSON (``<``, ``>``, ``&``, U+2028 and U+2029
escaped) inside ``<script type="application/json">``, parsed with
``JSON.parse``, and only ever shown as text (canvas labels, plain-text
tooltips, ``textContent``); inline scripts are allowed by hash only.

What is shown
    The user in the centre, every 1st-degree connection, and the 2nd-degree
    people ranked by :func:`~refkit.rank.rank_targets` (those at or above
    ``min_mutual``). Edges go from the user to each connection and from each
    connection to the targets they are a mutual connection of. When this is
    more than ``max_nodes`` people, the best targets are kept with their
    mutual connections (or at least their introducer), then the remaining
    connections by name; the page says how many were left out.

Layout
    Positions are precomputed (the user at the centre, connections on a ring
    ordered by the best target they lead to, targets on an outer ring next to
    their mutual connections). Up to ``PHYSICS_LIMIT`` nodes a short, bounded
    physics run (200 iterations) then tidies the picture and is switched off;
    above it the page starts with physics off, so 1,500 people are interactive
    within seconds.
"""

from __future__ import annotations

import base64
import hashlib
import html
import importlib.util
import json
import math
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import pandas as pd

from refkit._errors import OptionError, RefkitError
from refkit._text import as_text, clean_text, is_missing, plural, truncate
from refkit._validate import whole_number
from refkit.build import Network
from refkit.export import write_text
from refkit.rank import DEFAULT_MIN_MUTUAL
from refkit.tags import TagsLike

__all__ = ["NetworkView", "network_view", "PHYSICS_LIMIT", "COLORS"]

#: Above this many nodes the page starts with physics off (positions precomputed).
PHYSICS_LIMIT = 1000
#: Colours of the page (also used by :mod:`refkit.plots`).
COLORS = {
    "you": "#2d3142",
    "first": "#4c78a8",
    "introducer": "#2a9d8f",
    "introducer_border": "#f2b701",
    "target": "#f58518",
    "company": "#e45756",
    "company_border": "#7a0019",
    "edge": "#b8b8b8",
}
_LABEL_LIMIT = 32
#: A label is drawn only when it is at least this many pixels tall on screen (vis-network hides
#: it below ``drawThreshold - 1``): zoomed out, dots without words rather than a smudge of text.
LABEL_MIN_PX = 7
#: Your other connections (a dense layer) are labelled only from this size, when zoomed in.
LAYER_LABEL_MIN_PX = 9
#: Font size (px at zoom 1) by group: the people a job seeker acts on read first.
FONT_SIZES = {"you": 20, "introducer": 16, "target": 16, "company": 16, "first": 12}
# Every group's look set in the options: vis-network otherwise recolours a node with its own
# palette (#FB7E81 for a third group) when the node is updated, e.g. shown by the layer switch.
_GROUPS = {
    group: {"color": {"background": COLORS[group], "border": COLORS.get(f"{group}_border", COLORS[group])},
            "font": {"size": size},
            **({"scaling": {"label": {"drawThreshold": LAYER_LABEL_MIN_PX + 1}}} if group == "first" else {})}
    for group, size in FONT_SIZES.items()
}
_RANK_NEEDED = ["name", "company", "position", "mutual_count", "introducer", "key", "introducer_key",
                "mutual_keys", "company_match"]
_MARKER = re.compile(r"\{\{(\w+)\}\}")
_JSON_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028",
                 "\u2029": "\\u2029"}

_APP_JS = r"""
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("refkit-data").textContent);
  document.getElementById("refkit-legend-me").textContent = data.me;
  document.getElementById("refkit-legend-threshold").textContent = data.threshold_text;
  if (data.companies.length) {
    document.getElementById("refkit-legend-companies").textContent = " (" + data.companies.join(", ") + ")";
  } else {  // no target company given: no such people, no such line
    document.getElementById("refkit-legend-company-row").style.display = "none";
  }
  // first what a job seeker needs: you, your introducers and the people you could reach; your
  // other connections are a layer, off until asked for (a dense disc otherwise)
  var others = data.nodes.filter(function (n) { return n.group === "first"; });
  others.forEach(function (n) { n.hidden = true; });
  var nodes = new vis.DataSet(data.nodes);
  var edges = new vis.DataSet(data.edges);
  var layer = document.getElementById("refkit-all-first");
  document.getElementById("refkit-first-count").textContent = "(" + others.length + " more)";
  var container = document.getElementById("refkit-network");
  var network = new vis.Network(container, {nodes: nodes, edges: edges}, data.options);
  function fitShown() {
    var shown = nodes.getIds({filter: function (n) { return !n.hidden; }});
    network.fit({nodes: shown, animation: false});
  }
  fitShown();
  layer.addEventListener("change", function () {
    nodes.update(others.map(function (n) { return {id: n.id, hidden: !layer.checked}; }));
    fitShown();
  });
  window.refkitNetwork = network;
  function ready() {
    if (!window.refkitReady) {
      window.refkitReady = true;
      document.body.setAttribute("data-refkit-ready", "true");
    }
  }
  if (data.options.physics.enabled) {
    network.once("stabilizationIterationsDone", function () {
      network.setOptions({physics: false});
      network.once("afterDrawing", ready);
      network.redraw();
    });
  } else {
    network.once("afterDrawing", ready);
    network.redraw();
  }
  var search = document.getElementById("refkit-search");
  var found = document.getElementById("refkit-found");
  var last = {query: null, hits: [], at: 0};
  search.addEventListener("keydown", function (event) {
    if (event.key !== "Enter") { return; }
    var query = search.value.trim().toLowerCase();
    if (!query) { return; }
    if (query === last.query && last.hits.length > 1) {  // Enter again: the next one
      last.at = (last.at + 1) % last.hits.length;
    } else {  // people you could reach first, most mutual connections first
      var hits = nodes.get({filter: function (n) { return n.search.indexOf(query) !== -1; }});
      hits.sort(function (a, b) { return (b.degree - a.degree) || (b.mutual_count - a.mutual_count); });
      last = {query: query, hits: hits, at: 0};
    }
    if (!last.hits.length) { found.textContent = "Nobody found."; return; }
    var hit = last.hits[last.at];
    if (hit.hidden) { nodes.update({id: hit.id, hidden: false}); }  // one of your other connections
    network.selectNodes([hit.id]);
    network.focus(hit.id, {scale: 1.2, animation: false});
    found.textContent = last.hits.length === 1 ? hit.name :
      (last.at + 1) + " of " + last.hits.length + ": " + hit.name + " (Enter for the next)";
  });
})();
"""


@dataclass(frozen=True, eq=False)
class NetworkView:
    """An interactive network page and the data drawn on it.

    Attributes
    ----------
    html : str
        The complete standalone page (no request to any other host).
    nodes, edges : list of dict
        The nodes and edges put on the page, as plain Python values.
    omitted : int
        How many people were left out because of ``max_nodes``.
    height : str
        Height of the drawing (CSS), used for the inline notebook display.
    heading : str
        Title of the page, as shown.

    Parameters
    ----------
    html, nodes, edges, omitted, height, heading
        The attributes above; build one with :func:`network_view`.

    Notes
    -----
    The same network goes to the neighbours' tools: :meth:`to_pyvis` (a
    ``pyvis`` network to go on with), :meth:`to_networkx` (a graph with the
    shown attributes), and :func:`refkit.graphfile.write_graph` (GEXF for Gephi,
    GraphML for Cytoscape and yEd).

    Examples
    --------
    >>> from refkit.examples import toy_network
    >>> network_view(toy_network(), min_mutual=2)  # you, 4 connections, Jane, Lee, Omar
    NetworkView(nodes=8, edges=11, omitted=0)
    """

    html: str
    nodes: list[dict[str, Any]] = field(repr=False)
    edges: list[dict[str, Any]] = field(repr=False)
    omitted: int = 0
    height: str = "750px"
    heading: str = "Your network"

    def __repr__(self) -> str:
        return f"NetworkView(nodes={len(self.nodes)}, edges={len(self.edges)}, omitted={self.omitted})"

    def save(self, path: str | os.PathLike[str], *, overwrite: bool = False) -> Path:
        """Write the page to ``path`` atomically and return the path.

        Raises
        ------
        RefkitError
            When the file exists and ``overwrite`` is false, or it cannot be written.
        """
        return write_text(self.html, path, overwrite=overwrite)

    def to_pyvis(self, *, cdn_resources: str = "in_line", notebook: bool = False) -> Any:
        """The same network as a :class:`pyvis.network.Network`, to go on with in pyvis.

        The nodes keep their ids, labels, groups, colours, sizes and precomputed
        positions, with physics off; the edges their colours and widths. A pyvis
        user can then call ``show_buttons()``, ``set_options(...)`` or
        ``save_graph("net.html")``.

        **pyvis' page is not offline**: its template loads Bootstrap's style and
        script from a CDN whatever ``cdn_resources`` says (and vis-network too
        unless ``"in_line"``), so a page it saves asks the internet for them when
        opened. That is why refkit's own page (:attr:`html`, :meth:`save`) is the
        default: it embeds everything and requests nothing.

        Titles (the hover text) are **HTML-escaped**: pyvis takes a title as HTML
        (its template puts it into the page with ``innerHTML`` when a title holds
        ``href``), so a name such as ``<img src=x onerror=...>`` arrives as text.
        In vis-network's plain tooltip a name with ``&`` then reads ``&amp;``;
        refkit's own page shows it as written. The heading is escaped too.

        Parameters
        ----------
        cdn_resources : {"in_line", "remote", "local"}, default "in_line"
            Passed to pyvis: ``"in_line"`` embeds vis-network in the saved page
            (``"local"`` copies a ``lib/`` folder next to it, in the working folder).
        notebook : bool, default False
            Passed to pyvis (for ``show`` in a notebook).

        Returns
        -------
        pyvis.network.Network
            A new pyvis network.

        Raises
        ------
        OptionError
            If ``cdn_resources`` is not one of the three.

        Examples
        --------
        >>> from refkit.examples import toy_network
        >>> view = network_view(toy_network(), min_mutual=2)
        >>> net = view.to_pyvis()
        >>> net.get_nodes() == [n["id"] for n in view.nodes], len(net.get_edges()) == len(view.edges)
        (True, True)
        >>> [(n["id"], n["group"], n["physics"]) for n in net.nodes][:2]
        [('me', 'you', False), ('priya', 'introducer', False)]
        >>> net.options.physics.enabled
        False
        """
        from pyvis.edge import Edge
        from pyvis.network import Network as PyvisNetwork

        if cdn_resources not in ("in_line", "remote", "local"):
            raise OptionError(f"cdn_resources must be 'in_line', 'remote' or 'local', got {cdn_resources!r}",
                              value=cdn_resources)
        net = PyvisNetwork(height=_css_length(self.height), width="100%", heading=html.escape(self.heading),
                           notebook=notebook, cdn_resources=cdn_resources)
        for node in self.nodes:
            extra = {k: node[k] for k in ("font",) if k in node}
            net.add_node(node["id"], label=node["label"], title=html.escape(node["title"]),
                         group=node["group"], color=node["color"], size=node["size"],
                         borderWidth=node["borderWidth"], x=node["x"], y=node["y"], physics=False,
                         name=node["name"], company=node["company"], position=node["position"],
                         degree=node["degree"], mutual_count=node["mutual_count"], **extra)
            net.node_map[node["id"]]["color"] = node["color"]  # pyvis drops a colour given with a group
        # the view's edges are distinct pairs: appended as pyvis' add_edge does, without its
        # search of every edge so far for a duplicate (quadratic on a large network)
        for edge in self.edges:
            options = {k: v for k, v in edge.items() if k not in ("id", "from", "to")}
            net.edges.append(Edge(edge["from"], edge["to"], False, **options).options)
        net.toggle_physics(False)
        return net

    def to_networkx(self) -> Any:
        """The network shown, as a :class:`networkx.Graph` with plain attributes (for graph files).

        Nodes are the page's node ids with ``label``, ``name``, ``company``,
        ``position`` (the job title), ``group`` (``you``, ``first``,
        ``introducer``, ``target``, ``company``), ``degree``, ``mutual_count``
        (for a connection: how many people shown they are a mutual of),
        ``size``, ``x``, ``y`` and ``color`` (``#rrggbb``); edges have ``kind``
        (``connection``, ``mutual``, ``introducer``, ``reported``). Nothing
        private: no e-mail address, profile field or tracker note is on the page.

        Returns
        -------
        networkx.Graph

        Examples
        --------
        >>> from refkit.examples import toy_network
        >>> G = network_view(toy_network(), min_mutual=2).to_networkx()
        >>> G.number_of_nodes(), G.nodes["jane"]["group"], G.nodes["jane"]["mutual_count"]
        (8, 'target', 4)
        >>> G.edges["priya", "jane"]["kind"]
        'introducer'
        """
        import networkx as nx

        G = nx.Graph(name=self.heading)
        for node in self.nodes:
            G.add_node(node["id"], label=node["label"], name=node["name"], company=node["company"],
                       position=node["position"], group=node["group"], degree=int(node["degree"]),
                       mutual_count=int(node["mutual_count"]), size=float(node["size"]),
                       x=float(node["x"]), y=float(node["y"]), color=node["color"]["background"])
        for edge in self.edges:
            G.add_edge(edge["from"], edge["to"], kind=edge["kind"])
        return G

    def _repr_html_(self) -> str:
        page = html.escape(self.html, quote=True)
        css_height = _css_length(self.height)
        return (
            '<div class="refkit-network-view">'
            f'<iframe srcdoc="{page}" sandbox="allow-scripts" title="refkit network" '
            f'style="width: 100%; height: calc({css_height} + 140px); border: 0;"></iframe></div>'
        )


# ----------------------------------------------------------------------------
# the view


def network_view(
    network: Network,
    *,
    min_mutual: int = DEFAULT_MIN_MUTUAL,
    companies: Iterable[str] = (),
    keywords: Iterable[str] = (),
    tags: TagsLike = None,
    ranked: pd.DataFrame | None = None,
    max_nodes: int = 1500,
    heading: str = "Your network",
    height: str = "750px",
) -> NetworkView:
    """Draw the network as an interactive, offline HTML page.

    Parameters
    ----------
    network : Network
    min_mutual, companies, keywords, tags
        Passed to :func:`~refkit.rank.rank_targets` to choose the 2nd-degree
        people shown (ignored except for the legend when ``ranked`` is given).
    ranked : DataFrame, optional
        A result of :func:`~refkit.rank.rank_targets` to show instead.
    max_nodes : int, default 1500
        Most people on the page, the user included.
    heading : str, default "Your network"
        Title of the page (shown as text).
    height : str, default "750px"
        CSS height of the drawing.

    Returns
    -------
    NetworkView

    Raises
    ------
    OptionError
        If ``min_mutual`` or ``max_nodes`` is not a whole number in range.

    Examples
    --------
    >>> from refkit.examples import toy_network
    >>> view = network_view(toy_network(), min_mutual=2)  # Priya introduces all three targets
    >>> [(n["id"], n["group"]) for n in view.nodes]
    [('me', 'you'), ('priya', 'introducer'), ('ann', 'first'), ('tomas', 'first'), ('bob', 'first'), ('jane', 'target'), ('lee', 'target'), ('omar', 'target')]
    >>> [(e["from"], e["to"], e["kind"]) for e in view.edges if e["to"] == "jane"]
    [('priya', 'jane', 'introducer'), ('tomas', 'jane', 'mutual'), ('ann', 'jane', 'mutual')]
    >>> view.omitted, "<!DOCTYPE html>" in view.html
    (0, True)
    """
    from refkit.rank import check_min_mutual, rank_targets

    min_mutual = check_min_mutual(min_mutual)
    max_nodes = whole_number(max_nodes, "max_nodes", minimum=2)
    companies = [str(c) for c in companies if str(c).strip()]
    if ranked is None:
        ranked = rank_targets(network, min_mutual=min_mutual, companies=companies,
                              keywords=keywords, tags=tags)
        threshold_text = f"{min_mutual}+ mutual connections"
    else:
        missing = [c for c in _RANK_NEEDED if c not in ranked.columns]
        if missing:
            raise RefkitError("ranked: expected a table from rank_targets; missing columns "
                              + ", ".join(missing))
        counts = pd.to_numeric(ranked["mutual_count"], errors="coerce")
        threshold_text = (f"{min_mutual}+ mutual connections" if bool((counts >= min_mutual).all())
                          else "someone you could reach")
    people = network.people
    unknown = ranked["key"][~ranked["key"].isin(people.index)].tolist()
    if unknown:
        raise RefkitError(f"ranked: {len(unknown)} people are not in this network, e.g. {unknown[0]!r}")

    targets = _targets(ranked)
    first = people[(people["degree"] == 1).to_numpy()]
    first_all = first.index.tolist()
    first_sorted = [k for _, k in sorted(zip([as_text(n).casefold() for n in first["name"].tolist()],
                                             first_all, strict=True))]
    chosen_targets, chosen_first = _select(targets, first_sorted, budget=max_nodes - 1)
    total = 1 + len(first_all) + len(targets)
    shown = 1 + len(chosen_targets) + len(chosen_first)
    omitted = total - shown

    nodes, edges = _elements(network, chosen_targets, chosen_first)
    physics = len(nodes) <= PHYSICS_LIMIT
    page = _page(
        nodes, edges, physics=physics, heading=str(heading), height=height,
        me=as_text(people.at[network.me, "name"]), companies=companies,
        threshold_text=threshold_text,
        counts=(f"You, {plural(len(chosen_first), 'connection')} and "
                f"{plural(len(chosen_targets), 'person', 'people')} you could reach"
                + (f" ({threshold_text})" if threshold_text[0].isdigit() else "") + "."),
        omitted=omitted, shown=shown, total=total,
    )
    return NetworkView(html=page, nodes=nodes, edges=edges, omitted=omitted, height=height,
                       heading=clean_text(heading))


@dataclass(frozen=True)
class _Target:
    key: str
    mutual_keys: tuple[str, ...]
    introducer: str | None
    row: dict[str, Any]


def _targets(ranked: pd.DataFrame) -> list[_Target]:
    out = []
    seen: set[str] = set()
    columns = [ranked[c].tolist() for c in ("key", "mutual_keys", "introducer_key", "mutual_count",
                                            "company_match")]
    for key, mutual, intro, count, company_match in zip(*columns, strict=True):
        key = str(key)
        if key in seen:
            continue
        seen.add(key)
        mutual = tuple(str(k) for k in mutual) if isinstance(mutual, (tuple, list)) else ()
        intro = None if is_missing(intro) else str(intro)
        if intro is not None and intro not in mutual:
            mutual = (intro, *mutual)
        out.append(_Target(key=key, mutual_keys=mutual, introducer=intro,
                           row={"mutual_count": count, "company_match": company_match}))
    return out


def _select(targets: list[_Target], first: list[str], *, budget: int) -> tuple[list[_Target], list[str]]:
    """Targets (best first) and 1st-degree keys to show within ``budget`` people."""
    first_set = set(first)
    if len(targets) + len(first) <= budget:
        return targets, first
    chosen: list[_Target] = []
    kept: dict[str, None] = {}
    for target in targets:
        room = budget - len(chosen) - len(kept)
        if room <= 0:
            break
        need = [k for k in target.mutual_keys if k in first_set and k not in kept]
        if 1 + len(need) <= room:
            pass
        elif target.introducer in first_set:
            need = [target.introducer] if target.introducer not in kept else []
            if 1 + len(need) > room:
                continue
        else:
            need = []
        chosen.append(target)
        kept.update(dict.fromkeys(need))
    for key in first:
        if len(chosen) + len(kept) >= budget:
            break
        kept.setdefault(key, None)
    return chosen, [k for k in first if k in kept]


def _elements(network: Network, targets: list[_Target],
              first: list[str]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    people = network.people
    first_set = set(first)
    serves: dict[str, list[int]] = {}
    introduces: dict[str, int] = {}
    best_rank: dict[str, int] = {}
    for i, target in enumerate(targets):
        for k in target.mutual_keys:
            if k in first_set:
                serves.setdefault(k, []).append(i)
                best_rank.setdefault(k, i)
        if target.introducer in first_set:
            introduces[target.introducer] = introduces.get(target.introducer, 0) + 1
    # ring order: people leading to the best targets first, grouped by that target
    order = sorted(first, key=lambda k: (best_rank.get(k, len(targets)), k not in introduces))
    positions = _ring_layout(order, targets, first_set)

    me = network.me
    nodes: list[dict[str, Any]] = [
        _node(me, people, group="you", size=30, position=(0.0, 0.0),
              lines=["You"], mutual_count=0, degree=0)
    ]
    for key in order:
        linked = len(serves.get(key, ()))
        n_intro = introduces.get(key, 0)
        lines = ["1st-degree connection"]
        if linked:
            lines.append(f"Mutual connection of {plural(linked, 'person', 'people')} shown")
        if n_intro:
            lines.append(f"Best introducer for {plural(n_intro, 'person', 'people')}")
        nodes.append(_node(key, people, group="introducer" if n_intro else "first",
                           size=round(8 + 3 * math.sqrt(linked), 1), position=positions[key],
                           lines=lines, mutual_count=linked, degree=1))
    names = people["name"]
    for target in targets:
        row = target.row
        count = int(row["mutual_count"])
        lines = [f"2nd-degree: {plural(count, 'mutual connection')}"]
        if target.introducer is not None:
            lines.append(f"Best introducer: {_shown(names.get(target.introducer, target.introducer))}")
        else:
            lines.append("No introducer known yet")
        company_match = bool(row["company_match"]) if not is_missing(row["company_match"]) else False
        if company_match:
            lines.append("Works at a target company")
        nodes.append(_node(target.key, people, group="company" if company_match else "target",
                           size=round(8 + 3 * math.sqrt(max(count, 0)), 1),
                           position=positions[target.key], lines=lines, mutual_count=count,
                           degree=2))

    edges: list[dict[str, Any]] = []
    for key in order:
        edges.append({"id": f"e{len(edges)}", "from": _node_id(me), "to": _node_id(key),
                      "kind": "connection"})
    for target in targets:
        named = [k for k in target.mutual_keys if k in first_set]
        for k in named:
            kind = "introducer" if k == target.introducer else "mutual"
            edges.append({"id": f"e{len(edges)}", "from": _node_id(k), "to": _node_id(target.key),
                          "kind": kind})
        if not named:  # only a reported count: tied to you, so it stays with the others
            edges.append({"id": f"e{len(edges)}", "from": _node_id(me), "to": _node_id(target.key),
                          "kind": "reported"})
    for edge in edges:
        if edge["kind"] == "introducer":
            edge.update(width=2.5, color={"color": COLORS["introducer_border"], "opacity": 0.9})
        elif edge["kind"] == "reported":
            edge.update(width=1, dashes=True, color={"color": COLORS["edge"], "opacity": 0.5})
        else:
            edge.update(width=1, color={"color": COLORS["edge"], "opacity": 0.5})
    return nodes, edges


def _node(key: str, people: pd.DataFrame, *, group: str, size: float, position: tuple[float, float],
          lines: list[str], mutual_count: int, degree: int) -> dict[str, Any]:
    row = people.loc[key]
    name = _shown(row["name"]) or _shown(key)
    position_text = _shown(row.get("position"))
    company = _shown(row.get("company"))
    title = "\n".join([name, *(t for t in (position_text, company) if t), *lines])
    background = {"you": COLORS["you"], "first": COLORS["first"], "introducer": COLORS["introducer"],
                  "target": COLORS["target"], "company": COLORS["company"]}[group]
    border = {"introducer": COLORS["introducer_border"],
              "company": COLORS["company_border"]}.get(group, background)
    node = {
        "id": _node_id(key),
        "label": truncate(name, _LABEL_LIMIT),
        "title": title,
        "name": name,
        "company": company,
        "position": position_text,
        "group": group,
        "degree": degree,
        "mutual_count": int(mutual_count),
        "size": float(size),
        "color": {"background": background, "border": border,
                  "highlight": {"background": background, "border": "#000000"},
                  "hover": {"background": background, "border": "#000000"}},
        "borderWidth": 3 if group in ("introducer", "company") else 1,
        "x": round(float(position[0]), 1),
        "y": round(float(position[1]), 1),
        "search": f"{name} {company}".casefold(),
    }
    if group == "you":
        node["font"] = {"size": FONT_SIZES["you"], "bold": True}
    return node


def _ring_layout(order: list[str], targets: list[_Target], first_set: set[str]) -> dict[str, tuple[float, float]]:
    """The user at (0, 0), connections on a ring, targets on an outer ring near their mutuals."""
    out: dict[str, tuple[float, float]] = {}
    n1 = len(order)
    r1 = max(250.0, n1 * 18.0 / (2 * math.pi))
    angle: dict[str, float] = {}
    for i, key in enumerate(order):
        a = 2 * math.pi * i / max(n1, 1)
        angle[key] = a
        out[key] = (r1 * math.cos(a), r1 * math.sin(a))
    wanted = []
    for j, target in enumerate(targets):
        mutual = [angle[k] for k in target.mutual_keys if k in first_set]
        if mutual:
            a = math.atan2(sum(math.sin(x) for x in mutual), sum(math.cos(x) for x in mutual))
        else:
            a = 2 * math.pi * j / max(len(targets), 1)
        wanted.append((a % (2 * math.pi), j))
    wanted.sort()
    n2 = len(targets)
    r2 = max(r1 + 250.0, n2 * 24.0 / (2 * math.pi))
    if n2:
        # evenly spaced in the order of the wanted angles, turned to fit them best
        slots = [2 * math.pi * i / n2 for i in range(n2)]
        turn = math.atan2(sum(math.sin(a - s) for (a, _), s in zip(wanted, slots, strict=True)),
                          sum(math.cos(a - s) for (a, _), s in zip(wanted, slots, strict=True)))
        for (_, j), s in zip(wanted, slots, strict=True):
            out[targets[j].key] = (r2 * math.cos(s + turn), r2 * math.sin(s + turn))
    return out


# ----------------------------------------------------------------------------
# the page


def _page(nodes: list[dict[str, Any]], edges: list[dict[str, Any]], *, physics: bool, heading: str,
          height: str, me: str, companies: list[str], threshold_text: str, counts: str,
          omitted: int, shown: int, total: int) -> str:
    options = {
        "autoResize": True,
        "nodes": {"shape": "dot", "font": {"size": 12, "face": "system-ui, sans-serif"},
                  "scaling": {"label": {"enabled": False, "drawThreshold": LABEL_MIN_PX + 1}}},
        "groups": _GROUPS,
        "edges": {"smooth": False, "selectionWidth": 1.5, "hoverWidth": 0.5},
        "interaction": {"hover": True, "tooltipDelay": 120, "hideEdgesOnDrag": len(nodes) > 300,
                        "navigationButtons": False, "keyboard": False},
        "layout": {"improvedLayout": False, "randomSeed": 7},
        "physics": {
            "enabled": physics,
            "solver": "barnesHut",
            "barnesHut": {"gravitationalConstant": -4000, "centralGravity": 0.15,
                          "springLength": 140, "springConstant": 0.03, "damping": 0.2,
                          "avoidOverlap": 0.05},
            "stabilization": {"enabled": physics, "iterations": 200, "updateInterval": 50,
                              "fit": True},
        },
    }
    data = {"nodes": nodes, "edges": edges, "options": options, "me": _shown(me),
            "companies": [_shown(c) for c in companies], "threshold_text": threshold_text}
    omitted_note = ""
    if omitted:
        omitted_note = (
            '<p class="refkit-note refkit-omitted" id="refkit-omitted">'
            + html.escape(f"Showing {shown:,} of {total:,} people: {omitted:,} left out to keep the "
                          "page fast (the best targets, their introducers and mutual connections "
                          "are kept).")
            + "</p>"
        )
    vis_js, vis_css = _vis_assets()
    scripts = [vis_js, _APP_JS]
    hashes = " ".join(f"'sha256-{_sha256(s)}'" for s in scripts)
    csp = ("default-src 'none'; script-src " + hashes + "; style-src 'unsafe-inline'; "
           "img-src data:; font-src data:; connect-src 'none'; base-uri 'none'; form-action 'none'")
    values = {
        "csp": csp,
        "heading": html.escape(clean_text(heading)),
        "counts": html.escape(counts),
        "omitted_note": omitted_note,
        "height": _css_length(height),
        "data": _json_for_html(data),
        "vis_css": vis_css,
        "vis_js": vis_js,
        "app_js": _APP_JS,
        "color_you": COLORS["you"],
        "color_first": COLORS["first"],
        "color_introducer": COLORS["introducer"],
        "border_introducer": COLORS["introducer_border"],
        "color_target": COLORS["target"],
        "color_company": COLORS["company"],
        "border_company": COLORS["company_border"],
    }
    # one pass, so nothing inserted is ever read as a marker
    return _MARKER.sub(lambda m: values[m.group(1)], _template())


def _json_for_html(value: Any) -> str:
    """JSON that can sit inside ``<script type="application/json">`` whatever the strings hold.

    Examples
    --------
    >>> _json_for_html({"name": "</script><b>&\u2028"})
    '{"name": "\\\\u003c/script\\\\u003e\\\\u003cb\\\\u003e\\\\u0026\\\\u2028"}'
    """
    text = json.dumps(value, ensure_ascii=False, allow_nan=False)
    return re.sub("[<>&\u2028\u2029]", lambda m: _JSON_ESCAPES[m.group(0)], text)


@lru_cache(maxsize=1)
def _template() -> str:
    from importlib.resources import files

    return (files("refkit") / "templates" / "network.html").read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def _vis_assets() -> tuple[str, str]:
    """vis-network's script and style as bundled with pyvis (read without importing pyvis)."""
    spec = importlib.util.find_spec("pyvis")
    if spec is None or not spec.submodule_search_locations:
        raise RefkitError("pyvis is not installed: it provides the vis-network files the page embeds")
    folder = Path(next(iter(spec.submodule_search_locations))) / "lib" / "vis-9.1.2"
    try:
        js = (folder / "vis-network.min.js").read_text(encoding="utf-8")
        css = (folder / "vis-network.css").read_text(encoding="utf-8")
    except OSError as err:
        raise RefkitError(f"{folder}: cannot read vis-network from pyvis: {err}") from err
    js = re.sub(r"//# sourceMappingURL=\S*", "", js)
    css = re.sub(r"/\*# sourceMappingURL=\S*? \*/", "", css)
    if re.search(r"</script|<!--", js, re.IGNORECASE) or re.search(r"</style", css, re.IGNORECASE):
        raise RefkitError(f"{folder}: vis-network files cannot be embedded in a page safely")
    return js, css


def _sha256(text: str) -> str:
    return base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")


def _css_length(value: object) -> str:
    text = str(value).strip()
    if not re.fullmatch(r"\d+(\.\d+)?(px|vh|em|rem|%)", text):
        raise RefkitError(f"height must be a CSS length such as '750px' or '80vh', got {value!r}")
    return text


# ----------------------------------------------------------------------------
# text helpers


def _node_id(key: object) -> str:
    """A person's key as the page's node id; a key holding an e-mail address is replaced by a digest.

    Examples
    --------
    >>> _node_id("https://www.linkedin.com/in/ann"), _node_id("https://www.linkedin.com/in/ann@x.org")
    ('https://www.linkedin.com/in/ann', 'key-e241883eef7d4466')
    """
    text = str(key)
    if clean_text(text, keep_emails=False) == text:
        return text
    return "key-" + hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def _shown(value: object) -> str:
    """Text from the data as the page shows it: clean, one line, no e-mail addresses."""
    return clean_text(value, keep_emails=False)
