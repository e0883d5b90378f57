"""One page for a coaching session or a job seeker who does not code (``make app``, Voilà).

:class:`SessionApp` puts the plan of one workspace on one page, from the
package's own parts; the dashboard notebook ``app/session.ipynb`` only opens
the workspace and shows the app, and Voilà serves it with the code hidden.

==================================  ===============================================
what is shown                       computed by
==================================  ===============================================
slider, filters, list, network,     :class:`refkit.widgets.ThresholdExplorer`
Export (into the workspace's out/)
the drafts of the chosen person     :func:`refkit.draft.add_drafts`
a status recorded for them (today)  :meth:`refkit.track.Tracker.add` +
                                    :meth:`~refkit.track.Tracker.set_status`
next steps, this week's plan        :func:`refkit.workspace.tracker_views`
                                    shown in :func:`refkit.show.readable` form
other workspaces to open            :func:`workspace_choices`
==================================  ===============================================

E-mail addresses are never shown (every text goes through
:func:`refkit._text.clean_text` with ``keep_emails=False``). The **Screen
sharing** switch also hides the list of other workspaces (a coach's other
clients) and the folder path, and offers stand-ins for names and companies
(:mod:`refkit.privacy`, under a key made for this session); the tracker still
records real people.
"""

from __future__ import annotations

import base64
import html
import os
import secrets
import warnings
from pathlib import Path
from typing import Any

import pandas as pd

from refkit._errors import RefkitError, RefkitWarning
from refkit._text import clean_text, plural
from refkit.workspace import Workspace, is_workspace, load_workspace

__all__ = ["SessionApp", "session_page", "workspace_choices"]

#: How many people the ranked list shows by default.
APP_TOP = 25
_STATUS_WORDS = {"planned": "planned", "asked_introducer": "asked an introducer",
                 "introduced": "introduced", "invited": "invitation sent", "accepted": "accepted",
                 "declined": "introducer declined", "no_response": "no response",
                 "call": "call", "coffee": "coffee"}
_TABLE_STYLE = (
    "<style>table.refkit-plan{border-collapse:collapse;font-size:12px;width:100%}"
    "table.refkit-plan th,table.refkit-plan td{padding:3px 8px;text-align:left !important;"
    "vertical-align:top;border-bottom:1px solid #ddd}</style>"
)
# copies the text area next to the button; no draft text is written into the page's markup
_COPY_BUTTON = (
    '<button class="refkit-copy" type="button" onclick="'
    "const t = this.closest('.refkit-draft').querySelector('textarea'); "
    "const done = () => { this.textContent = 'Copied'; setTimeout(() => { this.textContent = 'Copy'; }, 1500); }; "
    "if (navigator.clipboard) { navigator.clipboard.writeText(t.value).then(done, () => "
    "{ t.select(); document.execCommand('copy'); done(); }); } "
    "else { t.select(); document.execCommand('copy'); done(); }"
    '">Copy</button>'
)


def workspace_choices(folder: str | os.PathLike[str]) -> list[Path]:
    """The workspaces directly inside ``folder`` (a coach's clients), by name.

    Parameters
    ----------
    folder : str or PathLike
        A folder; its sub-folders holding a ``refkit.toml`` are listed.

    Returns
    -------
    list of Path
        Sorted by folder name (case-insensitive); empty when ``folder`` is not a folder
        or cannot be read.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> clients = pathlib.Path(tempfile.mkdtemp())
    >>> for name in ("ana", "Bo", "notes"):
    ...     (clients / name).mkdir()
    >>> _ = (clients / "ana" / "refkit.toml").write_text('export = "Connections.csv"\\n')
    >>> _ = (clients / "Bo" / "refkit.toml").write_text('export = "Connections.csv"\\n')
    >>> [p.name for p in workspace_choices(clients)]
    ['ana', 'Bo']
    >>> workspace_choices(clients / "missing")
    []
    """
    try:
        entries = list(Path(folder).iterdir())
    except OSError:
        return []
    found = [p for p in entries if p.is_dir() and not p.is_symlink() and is_workspace(p)]
    return sorted(found, key=lambda p: (p.name.casefold(), p.name))


def session_page(default: str | os.PathLike[str], **options: Any) -> Any:
    """What the session page shows: the app for ``$REFKIT_WORKSPACE`` (else ``default``), or why not.

    Parameters
    ----------
    default : str or PathLike
        The workspace to open when ``REFKIT_WORKSPACE`` is unset (the dashboard passes the samples).
    **options
        Passed to :class:`SessionApp` (``choices_from``, ``top``, ``show_network``, ``today``).

    Returns
    -------
    SessionApp or ipywidgets.HTML
        The app; or, when the workspace cannot be opened or read, one paragraph saying why in
        plain words (the page shows no traceback).

    Examples
    --------
    >>> page = session_page("/nonexistent/search")
    >>> page.value.startswith("<p><b>refkit could not open the workspace.</b>")
    True
    """
    import ipywidgets as widgets

    from refkit.workspace import open_workspace

    try:
        return SessionApp(open_workspace(default), **options)
    except RefkitError as err:
        reason = html.escape(clean_text(err, keep_emails=False))
        return widgets.HTML(f"<p><b>refkit could not open the workspace.</b> {reason}</p>"
                            "<p>Name another one with REFKIT_WORKSPACE=folder make app.</p>")


def _html_table(frame: pd.DataFrame, columns: list[str], empty: str) -> str:
    """A tracker view as an HTML table in display form (escaped, no e-mail addresses)."""
    from refkit.show import readable

    if not len(frame):
        return f"<p><i>{html.escape(empty)}</i></p>"
    shown = readable(frame[[c for c in columns if c in frame.columns]])
    shown = shown.astype(object).map(lambda v: clean_text(v, keep_emails=False))
    return _TABLE_STYLE + shown.to_html(escape=True, index=False, border=0, classes="refkit-plan",
                                        justify="left")


class SessionApp:
    """The referral plan of one workspace on one page, for a session without code.

    Parameters
    ----------
    workspace : Workspace, str or PathLike
        The workspace to open (a folder is loaded with :func:`~refkit.workspace.load_workspace`).
    choices_from : str or PathLike, optional
        The folder of workspaces offered in the picker (default: the folder
        holding ``workspace``, e.g. ``clients/`` for ``clients/ana``).
    top : int, default 25
        How many people the list shows (the **Top K** box changes it).
    show_network : bool, default True
        Show the interactive network under the list.
    today : date or str, optional
        The day statuses are recorded for and the plan is made for (default today).

    Attributes
    ----------
    workspace : Workspace
        The workspace open now.
    network : Network
        Its network, with real names (what the tracker records).
    explorer : ThresholdExplorer
        The slider, filters, list, network and Export button.
    widget : ipywidgets.VBox
        The root widget (the app displays as it).
    picker, sharing, pseudonyms, person, status, note, record_button
        The controls; setting their ``.value`` (or ``record_button.click()``)
        acts as a user does.
    header, message, invitation, referral, recorded, tracked, next_steps, this_week, download
        The outputs.

    Raises
    ------
    RefkitError
        The workspace cannot be loaded or its files read (named in the message).

    Examples
    --------
    >>> from refkit.workspace import copy_workspace
    >>> ws = copy_workspace(Path(__file__).parents[1] / "data_samples")  # a throwaway copy
    >>> app = SessionApp(ws, show_network=False)
    >>> app.explorer.summary.message
    '21 people share at least 10 connections with you...'
    >>> app.person.value = 0
    >>> app.status.value = "asked_introducer"
    >>> app.record_button.click()
    >>> app.recorded.value.startswith("<p>Recorded for")
    True
    >>> app.tracker_list()[["name", "status"]].shape
    (1, 2)
    """

    def __init__(
        self,
        workspace: Workspace | str | os.PathLike[str],
        *,
        choices_from: str | os.PathLike[str] | None = None,
        top: int = APP_TOP,
        show_network: bool = True,
        today: Any = None,
    ) -> None:
        import ipywidgets as widgets

        self.top_default = top
        self.show_network = bool(show_network)
        self.today = today
        self._key = secrets.token_hex(16)  # stand-ins for this session only
        ws = workspace if isinstance(workspace, Workspace) else load_workspace(workspace)
        self._choices_from = Path(choices_from) if choices_from is not None else ws.folder.resolve().parent

        self.header = widgets.HTML()
        self.message = widgets.HTML()
        self.picker = widgets.Dropdown(description="Workspace", style={"description_width": "initial"})
        self.sharing = widgets.ToggleButton(
            value=False, description="Screen sharing", icon="eye-slash",
            tooltip="hide other workspaces and folder paths; offer stand-ins for names")
        self.pseudonyms = widgets.Checkbox(value=False, description="show stand-ins for names and companies",
                                           indent=False, disabled=True)
        self.person = widgets.Dropdown(description="Person", style={"description_width": "9em"},
                                       layout=widgets.Layout(width="40em"))
        self.invitation = widgets.Textarea(description="Invitation note", rows=4,
                                           style={"description_width": "9em"},
                                           layout=widgets.Layout(width="46em"))
        self.referral = widgets.Textarea(description="Referral request", rows=9,
                                         style={"description_width": "9em"},
                                         layout=widgets.Layout(width="46em"))
        self.status = widgets.Dropdown(options=[(w, s) for s, w in _STATUS_WORDS.items()],
                                       value="asked_introducer", description="What happened",
                                       style={"description_width": "initial"})
        self.note = widgets.Text(placeholder="optional note", description="Note",
                                 layout=widgets.Layout(width="24em"))
        self.record_button = widgets.Button(description="Record", icon="check", button_style="primary",
                                            tooltip="record it in the workspace's tracker, dated today")
        self.recorded = widgets.HTML()
        self.tracked = widgets.HTML(layout=widgets.Layout(max_height="24em", overflow="auto"))
        self.next_steps = widgets.HTML(layout=widgets.Layout(max_height="24em", overflow="auto"))
        self.this_week = widgets.HTML(layout=widgets.Layout(max_height="24em", overflow="auto"))
        self.download = widgets.HTML()
        self._body = widgets.VBox()
        self.record_button.on_click(lambda _: self._on_record())
        drafts = []
        for area in (self.invitation, self.referral):
            box = widgets.HBox([area, widgets.HTML(_COPY_BUTTON)])
            box.add_class("refkit-draft")
            drafts.append(box)
        self._person_box = widgets.VBox([
            widgets.HTML("<h3>A person: drafts and what happened</h3>"),
            self.person, *drafts,
            widgets.HBox([self.status, self.note, self.record_button]), self.recorded,
        ])
        self._plan_box = widgets.VBox([
            widgets.HTML("<h3>In the tracker</h3>"), self.tracked,
            widgets.HTML("<h3>Next steps</h3>"), self.next_steps,
            widgets.HTML("<h3>This week's invitations</h3>"), self.this_week,
        ])
        self.widget = widgets.VBox([
            widgets.HBox([self.header]),
            widgets.HBox([self.picker, self.sharing, self.pseudonyms]),
            self.message, self._body,
        ])
        self._open(ws)
        self.picker.observe(self._on_pick, names="value")
        self.sharing.observe(self._on_sharing, names="value")
        self.pseudonyms.observe(lambda _: self._show(), names="value")
        self.person.observe(lambda _: self._drafts(), names="value")

    # ------------------------------------------------------------------ opening

    def _open(self, ws: Workspace) -> None:
        """Read the workspace's files and show its plan."""
        from refkit.build import build_network

        with warnings.catch_warnings(record=True) as noticed:
            warnings.simplefilter("always", RefkitWarning)  # counted here, explained in 01_import
            network = build_network(**ws.network_options())
        self.workspace, self.network = ws, network
        self.explorer = None  # a new workspace starts from its own settings
        self._notes = sum(1 for w in noticed if issubclass(w.category, RefkitWarning))
        self._options = ws.rank_options()
        self._show()

    def _update_picker(self) -> None:
        """Offer the workspaces beside this one; none while the screen is shared (other clients)."""
        if self.sharing.value:
            self._picking = True
            try:
                self.picker.options = []
            finally:
                self._picking = False
            return
        here = self.workspace.folder.resolve()
        choices = workspace_choices(self._choices_from)
        if here not in [c.resolve() for c in choices]:
            choices = [self.workspace.folder, *choices]
        self._picking = True
        try:
            self.picker.options = [(clean_text(c.name) or str(c), str(c.resolve())) for c in choices]
            self.picker.value = str(here)
        finally:
            self._picking = False

    def _show(self, settings: dict[str, Any] | None = None) -> None:
        """(Re)build the explorer: real names, or stand-ins when screen sharing asks for them."""
        from refkit.widgets import ThresholdExplorer

        options = dict(self._options)
        top = self.top_default
        if settings is None and self.explorer is not None:
            settings = self.explorer.settings  # the slider and filters stay where they were
        if settings is not None:
            options.update(min_mutual=settings["min_mutual"], companies=settings["companies"],
                           keywords=settings["keywords"])
            top = settings["top"]
        key = self._key if self.pseudonymized else None
        self.explorer = ThresholdExplorer(self.network, **options, top=top, export_dir=self.workspace.out,
                                          show_network=self.show_network, pseudonymize=key)
        if settings is not None:
            self.explorer.introducer_only.value = settings["require_introducer"]
        self.explorer.export_link.layout.display = "none"  # a Jupyter link: Voilà serves no files
        self.explorer.export_status.layout.display = "none"  # names the folder: said in self.download
        self._exported = None
        self.explorer.export_button.tooltip = "write the list as CSV into the workspace's out/ folder"
        self.explorer.export_button.on_click(lambda _: self._on_export())
        self.explorer.table.observe(lambda _: self._list_changed(), names="value")
        self.download.value = self.recorded.value = ""  # they may name someone by the other name
        self._body.children = [
            _html_widget("<h3>Who passes the threshold</h3>"), self.explorer.widget, self.download,
            self._person_box, self._plan_box,
        ]
        self._heading()
        self._list_changed()
        self._plan()

    @property
    def pseudonymized(self) -> bool:
        """Whether names and companies are shown as stand-ins now."""
        return bool(self.sharing.value and self.pseudonyms.value)

    def _heading(self) -> None:
        me = clean_text(self.explorer.network.me_name, keep_emails=False)
        where = "" if self.sharing.value else (
            f' <span style="font-size:12px;color:#666">{html.escape(clean_text(self.workspace.folder))}</span>')
        self.header.value = f"<h2>Referral plan of {html.escape(me)}{where}</h2>"
        self.picker.layout.display = "none" if self.sharing.value else None
        self._update_picker()
        notes = ("" if not self._notes else
                 f" {plural(self._notes, 'note')} while reading the files (the Import notebook explains them).")
        self.message.value = (f"<p>{plural(len(self.network.people) - 1, 'person', 'people')} in the network."
                              f"{html.escape(notes)}</p>")

    def _on_pick(self, change: dict[str, Any]) -> None:
        if self._picking or not change["new"]:
            return
        try:
            self._open(load_workspace(change["new"]))
        except RefkitError as err:
            self._update_picker()  # back to the workspace still open
            self.message.value = f"<p>Could not open that workspace: {html.escape(clean_text(err, keep_emails=False))}</p>"

    def _on_sharing(self, change: dict[str, Any]) -> None:
        self.pseudonyms.disabled = not self.sharing.value
        if not self.sharing.value and self.pseudonyms.value:
            self.pseudonyms.value = False  # its observer redraws with real names
        else:
            self._heading()
            self._plan()  # notes shown or hidden
            self.download.value = self.recorded.value = ""

    # ------------------------------------------------------------------ a person

    def _list_changed(self) -> None:
        """The list changed (slider, filters, Top K): offer its people in the person picker."""
        from refkit.rank import rank_targets

        if self.pseudonymized:  # the tracker records real people: the ranking the stand-ins rename
            self._real_ranked = rank_targets(self.network, **self.explorer.settings)
        else:
            self._real_ranked = self.explorer.ranked
        shown = self.explorer.ranked
        labels = []
        for i, row in enumerate(shown.itertuples(index=False)):
            company = clean_text(row.company, keep_emails=False)
            name = clean_text(row.name, keep_emails=False) or "(no name)"
            labels.append((f"{i + 1}. {name}" + (f", {company}" if company else ""), i))
        previous = self.person.value
        self.person.options = labels
        if labels:
            self.person.value = previous if previous is not None and previous < len(labels) else 0
        self._drafts()

    def _drafts(self) -> None:
        from refkit.draft import add_drafts

        i = self.person.value
        if i is None or i >= len(self.explorer.ranked):
            self.invitation.value = self.referral.value = ""
            return
        row = add_drafts(self.explorer.ranked.iloc[[i]], me=self.explorer.network.me_name,
                         **self.workspace.draft_options()).iloc[0]
        self.invitation.value = clean_text(row["invitation_note"], multiline=True, keep_emails=False)
        self.referral.value = clean_text(row["referral_request"], multiline=True, keep_emails=False) or (
            "No introducer known: send a personal invitation instead.")

    def record(self, status: str, *, note: str | None = None) -> dict[str, Any]:
        """Record ``status`` for the person chosen in :attr:`person`, dated :attr:`today`.

        The person is added to the workspace's tracker first (or refreshed there, keeping
        their history), from the real ranking.

        Parameters
        ----------
        status : str
            One of :data:`refkit.track.STATUSES`.
        note : str, optional
            Kept with the event.

        Returns
        -------
        dict
            The recorded event (:meth:`refkit.track.Tracker.set_status`), with real names.

        Raises
        ------
        RefkitError
            Nobody is chosen, or the tracker refuses (an unknown status, a damaged database).
        """
        from refkit.track import Tracker

        i = self.person.value
        if i is None or i >= len(self._real_ranked):
            raise RefkitError("choose a person in the list first")
        row = self._real_ranked.iloc[[i]]
        with Tracker(self.workspace.folder) as tracker:
            tracker.add(row, today=self.today)
            return tracker.set_status(str(row["key"].iloc[0]), status, note=note or None, when=self.today)

    def _on_record(self) -> None:
        i = self.person.value
        try:
            event = self.record(self.status.value, note=self.note.value.strip() or None)
        except RefkitError as err:
            self.recorded.value = f"<p>Not recorded: {html.escape(clean_text(err, keep_emails=False))}</p>"
            return
        name = clean_text(self.explorer.ranked.iloc[i]["name"], keep_emails=False)
        self.recorded.value = (f"<p>Recorded for {html.escape(name)}: "
                               f"{html.escape(_STATUS_WORDS.get(event['status'], event['status']))}"
                               f" on {html.escape(str(event['at']))}.</p>")
        self.note.value = ""
        self._plan()

    # ------------------------------------------------------------------ the plan

    def tracker_list(self) -> pd.DataFrame:
        """The workspace's tracker as of :attr:`today` (:meth:`refkit.track.Tracker.table`), real names."""
        from refkit.workspace import tracker_views

        return tracker_views(self.workspace, today=self.today)["list"]

    def _plan(self) -> None:
        from refkit.workspace import tracker_views

        try:
            views = tracker_views(self.workspace, today=self.today)
        except RefkitError as err:
            self.tracked.value = f"<p>The tracker cannot be read: {html.escape(clean_text(err, keep_emails=False))}</p>"
            self.next_steps.value = self.this_week.value = ""
            return
        tracked, steps, week = views["list"], views["next steps"], views["this week"]
        if self.pseudonymized:
            tracked, steps, week = (self.explorer._shown(f) for f in (tracked, steps, week))
        columns = ["name", "company", "status", "introducer_asked", "since", "days_in_status", "next_introducer"]
        if not self.sharing.value:
            columns.append("note")  # what the user wrote stays off a shared screen
        self.tracked.value = _html_table(
            tracked, columns, "Nobody tracked yet: choose a person above and record what happened.")
        self.next_steps.value = _html_table(
            steps, ["name", "company", "mutual_count", "status", "days_in_status", "action"],
            "No action due today." if len(tracked) else "Nothing recorded yet.")
        left = week.attrs.get("left")
        left = "" if left is None else f" ({plural(int(left), 'invitation')} left this week)"
        self.this_week.value = _html_table(week, ["name", "company", "mutual_count", "status", "action"],
                                           f"No invitation to send this week yet{left}.")

    # ------------------------------------------------------------------ export

    def _on_export(self) -> None:
        """After the explorer's Export: the file to download, named without its folder."""
        path = self.explorer.last_export
        if path is None or path == self._exported or not path.is_file():
            failed = self.explorer.export_status.value  # "Export failed: ..." in the explorer's words
            self.download.value = "" if self.sharing.value and failed else failed
            if self.sharing.value and failed:
                self.download.value = "<p>Export failed (turn screen sharing off to see why).</p>"
            return
        self._exported = path
        data = base64.b64encode(path.read_bytes()).decode("ascii")
        name = html.escape(path.name)
        self.download.value = (f'<p>Saved {name} in the workspace\'s out/ folder: '
                               f'<a download="{name}" href="data:text/csv;base64,{data}">Download {name}</a></p>')

    # ------------------------------------------------------------------ display

    def _repr_mimebundle_(self, **kwargs: Any) -> Any:
        return self.widget._repr_mimebundle_(**kwargs)

    def __repr__(self) -> str:
        return f"SessionApp({clean_text(self.workspace.folder.name)!r}, {self.explorer!r})"


def _html_widget(value: str) -> Any:
    """An ``ipywidgets.HTML`` holding markup refkit wrote (never text from a file)."""
    import ipywidgets as widgets

    return widgets.HTML(value)
