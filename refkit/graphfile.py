"""The network as a graph file for Gephi (GEXF), Cytoscape and yEd (GraphML), through networkx.

:func:`write_graph` writes what the interactive page shows
(:meth:`refkit.view.NetworkView.to_networkx`): the same people, groups and
edges, with the attributes ``label``, ``name``, ``company``, ``position``,
``group``, ``degree`` and ``mutual_count`` (and the page's size, colour and
layout: GEXF's ``viz`` for Gephi, plain ``x``, ``y``, ``size``, ``color`` in
GraphML). Nothing private: no e-mail address, no tracker note; the text is the
page's (cleaned by :func:`refkit._text.clean_text`), escaped by the XML writer,
and any character XML 1.0 cannot hold is left out so that every tool reads the file.
"""

from __future__ import annotations

import hashlib
import io
import os
from collections.abc import Iterable
from pathlib import Path
from typing import IO, Any

from refkit._errors import OptionError
from refkit._text import NOT_XML

__all__ = ["GRAPH_FORMATS", "graph_bytes", "write_graph"]

#: File name endings and the format each one writes.
GRAPH_FORMATS = {".gexf": "gexf", ".graphml": "graphml"}


def graph_bytes(view: Any, *, format: str) -> bytes:
    """The bytes of the graph file of ``view`` in ``format`` (``"gexf"`` or ``"graphml"``).

    Parameters
    ----------
    view : NetworkView
        What :func:`refkit.view.network_view` returned.
    format : {"gexf", "graphml"}
        GEXF 1.2 (Gephi) or GraphML (Cytoscape, yEd, Gephi).

    Returns
    -------
    bytes
        The UTF-8 XML document.

    Raises
    ------
    OptionError
        For another ``format``.

    Examples
    --------
    >>> import io, networkx as nx
    >>> from refkit.examples import toy_network
    >>> from refkit.view import network_view
    >>> data = graph_bytes(network_view(toy_network(), min_mutual=2), format="graphml")
    >>> G = nx.read_graphml(io.BytesIO(data))
    >>> G.nodes["jane"]["name"], G.nodes["jane"]["group"], G.nodes["jane"]["mutual_count"]
    ('Jane Chen', 'target', 4)
    """
    import networkx as nx

    if format not in GRAPH_FORMATS.values():
        raise OptionError(f"format must be 'gexf' or 'graphml', got {format!r}", value=format)
    G = _xml_safe(view.to_networkx())
    buffer = io.BytesIO()
    if format == "gexf":
        for _, data in G.nodes(data=True):
            color = data.pop("color")
            data["viz"] = {
                "color": {"r": int(color[1:3], 16), "g": int(color[3:5], 16), "b": int(color[5:7], 16),
                          "a": 1.0},
                "size": data.pop("size"),
                "position": {"x": data.pop("x"), "y": -data.pop("y"), "z": 0.0},  # Gephi's y points up
            }
        nx.write_gexf(G, buffer, encoding="utf-8", version="1.2draft")
    else:
        nx.write_graphml(G, buffer, encoding="utf-8")
    return buffer.getvalue()


def write_graph(
    view: Any,
    path: str | os.PathLike[str] | IO[bytes],
    *,
    format: str | None = None,
    overwrite: bool = False,
    protect: Iterable[str | os.PathLike[str]] = (),
) -> Path | None:
    """Write ``view`` as a GEXF or GraphML file, chosen by the file name's ending; return the path.

    Parameters
    ----------
    view : NetworkView
        What :func:`refkit.view.network_view` returned.
    path : str, PathLike or binary stream
        ``net.gexf`` or ``net.graphml`` (see :func:`refkit.export.check_output`
        for what may be replaced), or an open binary stream (then give ``format``).
    format : {"gexf", "graphml"}, optional
        The format, when the name's ending does not say it.
    overwrite : bool, default False
        Replace an existing file; by default an existing file is refused.
    protect : iterable of str or PathLike, default ()
        Files and folders this run reads: never replaced or written into.

    Returns
    -------
    Path or None
        The path written, or None for a stream.

    Raises
    ------
    OptionError
        When the ending is neither ``.gexf`` nor ``.graphml`` and no ``format`` is given.
    RefkitError
        When the file exists and ``overwrite`` is false, or it may not or cannot be written.

    Examples
    --------
    >>> import tempfile, pathlib, networkx as nx
    >>> from refkit.examples import toy_network
    >>> from refkit.view import network_view
    >>> out = write_graph(network_view(toy_network(), min_mutual=2), pathlib.Path(tempfile.mkdtemp()) / "net.gexf")
    >>> G = nx.read_gexf(out)
    >>> sorted(G.nodes["jane"]) == ['company', 'degree', 'group', 'label', 'mutual_count', 'name', 'position', 'viz']
    True
    >>> write_graph(network_view(toy_network()), "net.png")
    Traceback (most recent call last):
    ...
    refkit._errors.OptionError: net.png: a graph file is named .gexf (Gephi) or .graphml (Cytoscape, yEd), or give format=
    """
    from refkit.export import write_bytes

    if format is None:
        suffix = Path(path).suffix.lower() if isinstance(path, (str, os.PathLike)) else ""
        if suffix not in GRAPH_FORMATS:
            raise OptionError(f"{path}: a graph file is named .gexf (Gephi) or .graphml (Cytoscape, yEd), or "
                              "give format=", value=str(path))
        format = GRAPH_FORMATS[suffix]
    return write_bytes(graph_bytes(view, format=format), path, overwrite=overwrite, protect=protect)


def _xml_safe(G: Any) -> Any:
    """``G`` with every text free of what XML 1.0 cannot hold (node ids too, kept distinct)."""
    import networkx as nx

    def text(value: Any) -> Any:
        return NOT_XML.sub("", value) if isinstance(value, str) else value

    mapping = {}
    for node in G.nodes:
        if isinstance(node, str) and NOT_XML.search(node):
            digest = hashlib.sha256(node.encode("utf-8", "surrogatepass")).hexdigest()[:16]
            mapping[node] = "key-" + digest
    H = nx.relabel_nodes(G, mapping, copy=True) if mapping else G.copy()
    H.graph = {k: text(v) for k, v in H.graph.items()}
    for _, data in H.nodes(data=True):
        data.update({k: text(v) for k, v in data.items()})
    for _, _, data in H.edges(data=True):
        data.update({k: text(v) for k, v in data.items()})
    return H
