"""The one-page report a coach hands to a client: a folder of offline files.

:func:`write_report` writes ``index.html`` (summary sentence, the top 20 people
to reach, the four charts and a link to the network), ``network.html`` (the
interactive network), ``ranked.csv`` (as ``refkit rank`` writes it) and the
charts as PNG files. Every page works offline and shows names only as text.
The folder gets all of them or none: a failure on the way leaves it as it was.
"""

from __future__ import annotations

import contextlib
import html
import io
import os
import stat
from collections.abc import Iterable
from pathlib import Path

import pandas as pd

from refkit._errors import RefkitError
from refkit._text import clean_text
from refkit.build import Network

__all__ = ["CHARTS", "FILES", "check_folder", "index_page", "write_report"]

#: Files written, in the order they appear on the page.
CHARTS = {
    "mutual_counts.png": "How many connections you share with 2nd-degree people",
    "introducers.png": "Who can introduce you",
    "companies.png": "Where your network works",
    "growth.png": "Your network over time",
}
#: What to read from each chart (its title is in the picture).
CAPTIONS = {
    "mutual_counts.png": "Right of the dashed line: people worth an invitation with a personal note; "
                         "left of it: ask for an introduction first.",
    "introducers.png": "Spread your asks: nobody likes ten requests at once, so ask the alternates for some.",
    "companies.png": "Where you already have people who can vouch for you.",
    "growth.png": "A flat line in recent years is the first thing to fix: grow your 1st-degree network.",
}
FILES = ("index.html", "network.html", "ranked.csv", *CHARTS)
TOP_ROWS = 20
_TABLE_COLUMNS = {"rank": "#", "name": "Name", "company": "Company", "position": "Position",
                  "mutual_count": "Mutual", "introducer": "Ask", "reason": "Why"}


def check_folder(
    folder: str | os.PathLike[str],
    *,
    overwrite: bool = False,
    protect: Iterable[str | os.PathLike[str]] = (),
) -> None:
    """Refuse a report folder that cannot take the report, before any work is done.

    Refused: a path that is not a folder (a file, a device, a broken link), a
    folder that holds report files (unless ``overwrite``), report files that
    are not regular files (even with ``overwrite``), and a folder that is, or
    is inside, or holds, something in ``protect`` (the files and folders the
    run reads). A symbolic link to a folder is written through.

    Parameters
    ----------
    folder : str or path-like
        The report's folder (created later if missing).
    overwrite : bool, default False
        Allow replacing the report's own files in it.
    protect : iterable of path-like, default ()
        Files and folders this run reads.

    Returns
    -------
    None

    Raises
    ------
    RefkitError
        If ``folder`` is not a folder, holds report files (without ``overwrite``)
        or a report file would overwrite an input.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> check_folder(folder / "new")
    >>> _ = (folder / "index.html").write_text("mine")
    >>> check_folder(folder)
    Traceback (most recent call last):
    ...
    refkit._errors.RefkitError: ...: already holds index.html; choose another folder or allow overwriting (--force)
    """
    from refkit.export import _kind, _lookup, _refuse_inputs, check_output

    folder = Path(folder)
    found = _lookup(folder, follow=True)
    if found is None:
        if os.path.islink(folder):
            raise RefkitError(f"{folder}: is a symbolic link to {os.readlink(folder)}, which does not exist; "
                              "expected a folder for the report")
    elif not stat.S_ISDIR(found.st_mode):
        raise RefkitError(f"{folder}: is a {_kind(found.st_mode) or 'file'}; expected a folder for the report")
    protect = list(protect)
    _refuse_inputs(folder, protect)
    if found is None:
        return
    existing = []
    for name in FILES:
        check_output(folder / name, overwrite=True, protect=protect)
        if os.path.lexists(folder / name):
            existing.append(name)
    if existing and not overwrite:
        raise RefkitError(f"{folder}: already holds {', '.join(existing)}; choose another folder "
                          "or allow overwriting (--force)")


def write_report(
    network: Network,
    ranked: pd.DataFrame,
    folder: str | os.PathLike[str],
    *,
    min_mutual: int,
    companies: tuple[str, ...] | list[str] = (),
    max_nodes: int = 1500,
    title: str = "Your referral plan",
    overwrite: bool = False,
    protect: Iterable[str | os.PathLike[str]] = (),
) -> dict[str, Path]:
    """Write the report for ``network`` and its ``ranked`` list into ``folder``.

    ``ranked`` is what :func:`refkit.rank.rank_targets` (and, usually,
    :func:`refkit.draft.add_drafts`) returned with the same ``min_mutual`` and
    ``companies``. Existing files are refused, before anything is written,
    unless ``overwrite``; nothing in ``protect`` (the run's inputs) is ever
    replaced (:func:`check_folder`). The report is all or nothing: every page
    and chart is made in memory and written to temporary files beside their
    targets before any is published, so a failure on the way leaves the
    folder as it was (and removes it when it was created for the report).
    Returns the paths written by file name.

    Parameters
    ----------
    network : Network
        The network the ranking came from.
    ranked : DataFrame
        The table from :func:`~refkit.rank.rank_targets` (with drafts, usually).
    folder : str or path-like
        Where the report goes (created if missing).
    min_mutual : int
        The threshold used for ``ranked``.
    companies : sequence of str, default ()
        The companies used for ``ranked``.
    max_nodes : int, default 1500
        Most people drawn on the network page.
    title : str, default "Your referral plan"
        The report's heading.
    overwrite : bool, default False
        Allow replacing the report's own files in ``folder``.
    protect : iterable of path-like, default ()
        Files and folders this run reads; never written.

    Returns
    -------
    dict of str to Path
        Each report file's name and the path written.

    Raises
    ------
    RefkitError
        If the folder is refused (see :func:`check_folder`) or cannot be written.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from refkit.rank import rank_targets
    >>> from refkit.examples import toy_network
    >>> net = toy_network()
    >>> out = write_report(net, rank_targets(net, min_mutual=1), tempfile.mkdtemp(), min_mutual=1)
    >>> sorted(out) == sorted(FILES)
    True
    """
    from refkit import plots
    from refkit.export import write_csv, write_files
    from refkit.rank import threshold_summary
    from refkit.view import network_view

    folder = Path(folder)
    protect = list(protect)
    check_folder(folder, overwrite=overwrite, protect=protect)
    view = network_view(network, ranked=ranked, min_mutual=min_mutual, companies=companies,
                        max_nodes=max_nodes, heading=title)
    summary = threshold_summary(network, min_mutual=min_mutual).message
    figures = {
        "mutual_counts.png": lambda: plots.plot_mutual_distribution(network, min_mutual=min_mutual),
        "introducers.png": lambda: plots.plot_introducer_load(ranked),
        "companies.png": lambda: plots.plot_companies(network),
        "growth.png": lambda: plots.plot_growth(network),
    }
    contents: dict[str, bytes] = {}
    for name, draw in figures.items():
        buffer = io.BytesIO()
        draw().savefig(buffer, format="png", dpi=110)
        contents[name] = buffer.getvalue()
    contents["network.html"] = view.html.encode("utf-8")
    table = io.BytesIO()
    write_csv(ranked, table)
    contents["ranked.csv"] = table.getvalue()
    page = index_page(ranked, title=title, me=network.me_name, summary=summary,
                      shown=len(view.nodes), omitted=view.omitted)
    contents["index.html"] = page.encode("utf-8")
    created = _make_folder(folder)
    try:
        paths = write_files({folder / name: contents[name] for name in FILES}, overwrite=overwrite,
                            protect=protect)
    except BaseException:
        for made in reversed(created):
            with contextlib.suppress(OSError):
                made.rmdir()  # only if still empty
        raise
    return {path.name: path for path in paths}


def _make_folder(folder: Path) -> list[Path]:
    """Create ``folder`` (and missing parents); return the folders created, outermost first."""
    missing = []
    current = folder
    while not os.path.lexists(current) and current != current.parent:
        missing.append(current)
        current = current.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        for made in missing:
            with contextlib.suppress(OSError):
                made.rmdir()
        raise RefkitError(f"{folder}: cannot create the folder: {err.strerror or err}") from err
    return list(reversed(missing))


def index_page(ranked: pd.DataFrame, *, title: str, me: str, summary: str, shown: int,
               omitted: int) -> str:
    """The report's ``index.html``: every value from the data is cleaned, without e-mails, and HTML-escaped.

    Parameters
    ----------
    ranked : DataFrame
        The ranked table; its first ``TOP_ROWS`` rows are shown.
    title : str
        The page's heading.
    me : str
        The user's name.
    summary : str
        The threshold summary printed above the table.
    shown, omitted : int
        People drawn on the network page, and left out of it.

    Returns
    -------
    str
        A standalone HTML page.

    Examples
    --------
    >>> ranked = pd.DataFrame({c: ["x"] for c in _TABLE_COLUMNS})
    >>> page = index_page(ranked, title="Plan <1>", me="Alex Kim", summary="", shown=5, omitted=0)
    >>> page.startswith("<!DOCTYPE html>"), "Plan &lt;1&gt;" in page
    (True, True)
    """
    esc = html.escape
    top = ranked.head(TOP_ROWS)
    head = "".join(f"<th scope=\"col\">{esc(label)}</th>" for label in _TABLE_COLUMNS.values())
    rows = []
    for record in top[list(_TABLE_COLUMNS)].to_dict("records"):
        cells = "".join(f"<td>{esc(clean_text(record[c], keep_emails=False))}</td>" for c in _TABLE_COLUMNS)
        rows.append(f"<tr>{cells}</tr>")
    table = (f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"
             if rows else "<p>Nobody to show at this threshold yet.</p>")
    more = (f"<p class=\"note\">Showing the best {len(top)} of {len(ranked)}; all of them are in "
            f"<a href=\"ranked.csv\">ranked.csv</a> with draft messages.</p>") if len(ranked) > len(top) else (
            "<p class=\"note\">All of them, with draft messages, are in <a href=\"ranked.csv\">ranked.csv</a>.</p>")
    network_note = f"{shown:,} people" + (f", {omitted:,} left out to keep it fast" if omitted else "")
    charts = "".join(
        f"<figure><img src=\"{esc(name)}\" alt=\"{esc(alt)}\"><figcaption>{esc(CAPTIONS[name])}</figcaption></figure>"
        for name, alt in CHARTS.items()
    )
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src 'self' file:; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{esc(clean_text(title))}</title>
<style>
  body {{ font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #222; margin: 24px auto; max-width: 1100px; padding: 0 16px; }}
  h1 {{ font-size: 1.5rem; margin-bottom: 0; overflow-wrap: anywhere; }}
  h2 {{ font-size: 1.15rem; margin-top: 28px; }}
  .for {{ color: #555; margin-top: 4px; overflow-wrap: anywhere; }}
  .summary {{ font-size: 1.05rem; background: #f4f6fa; border-left: 4px solid #4c78a8; padding: 10px 14px; }}
  .note {{ color: #555; font-size: 0.9rem; }}
  table {{ border-collapse: collapse; width: 100%; font-size: 0.86rem; }}
  th, td {{ border-bottom: 1px solid #e2e2e2; padding: 5px 6px; text-align: left; vertical-align: top; overflow-wrap: break-word; }}
  th {{ background: #fafafa; }}
  .charts {{ display: grid; grid-template-columns: repeat(auto-fit, minmax(440px, 1fr)); gap: 16px; }}
  figure {{ margin: 0; }}
  figure img {{ width: 100%; height: auto; border: 1px solid #eee; }}
  figcaption {{ color: #555; font-size: 0.85rem; }}
</style>
</head>
<body>
<h1>{esc(clean_text(title))}</h1>
<p class="for">For {esc(clean_text(me, keep_emails=False))}</p>
<p class="summary" id="summary">{esc(summary)}</p>
<p><a href="network.html">Open the interactive network</a> ({esc(network_note)}).</p>
<h2>Who to reach first</h2>
{table}
{more}
<h2>Charts</h2>
<div class="charts">{charts}</div>
</body>
</html>
"""
