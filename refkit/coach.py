"""Coach sessions: the coach's own network as a bridge for a client.

A career coach shares their ``Connections.csv`` with a client. Once the client
is connected to the coach, everyone the coach knows is one introduction away
("connect with me and you reach my 1,700 connections"), and the coach can
introduce the client personally to the people who matter for the client's
search.

:func:`coach_introductions`
    People in the coach's network at the client's target companies (see
    :func:`refkit.rank.company_matches`: "Epic" is not "Epic Games") or whose
    position holds one of the client's keywords (whole words, any case), who
    are not yet the client's connections, each with an introduction note the
    coach can send.
:func:`bridge_summary`
    How far the coach's network extends the client's reach, in numbers and
    one sentence.
:func:`session_names`
    The coach's and the client's display names as the two functions above use
    them.
:func:`client_statuses`
    A coach's folder of client workspaces, each with how many asks are open and
    this week's plan from its tracker.

Both exports go through the same reading and identity stages as
:func:`refkit.build.build_network` (the coach's export as the user's own, the
client's as a shared one): the same normalised profile URL is the same person;
a record without a URL is the one person known by that name, or the one at the
same company among several, else kept apart (:mod:`refkit.resolve`); never by
raw text. E-mail addresses are never part of the results.
"""

from __future__ import annotations

import datetime as dt
import os
import weakref
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from refkit._errors import AmbiguousPersonError, FileFormatError, RefkitError
from refkit._text import plural
from refkit.draft import introduction_note
from refkit.export import EMAIL_PATTERN
from refkit.rank import company_matches, keyword_pattern
from refkit.resolve import (
    NameIndex,
    display_name,
    first_name_of,
    name_from_slug,
    normalize_name,
    normalize_url,
    person_key,
)
from refkit.show import Summary

__all__ = [
    "CLIENT_STATES",
    "DEFAULT_CLIENT",
    "DEFAULT_COACH",
    "INTRODUCTION_COLUMNS",
    "STATUS_COLUMNS",
    "bridge_summary",
    "client_statuses",
    "coach_introductions",
    "session_names",
]

#: Columns of :func:`coach_introductions`, in order.
INTRODUCTION_COLUMNS = ["name", "profile_url", "company", "position", "matched", "introduction_note"]
#: Name used for the coach when neither ``coach=`` nor a Profile.csv gives one.
DEFAULT_COACH = "your coach"
#: Name used for the client when neither ``client=`` nor a Profile.csv gives one.
DEFAULT_CLIENT = "my client"

# When the client's name is unknown, "Hi Ana and my," would be wrong: address only the contact.
_UNNAMED_CLIENT_NOTE = (
    "Hi {a_first_name},\n\n"
    "I'd like to introduce you to a client of mine.[ I think you should meet because {reason}.] "
    "May I put you in touch?\n\n"
    "Best,\n{connector}"
)


# ----------------------------------------------------------------------------
# inputs


def _identity(given: str | None, archive: Any, default: str) -> tuple[str, str | None]:
    """``(display name, normalised URL or None)`` of the owner of an export.

    ``given`` first, then the owner of a shared export (:func:`refkit.read.read_shared`),
    then the archive's Profile.csv, then a profile URL's slug.
    """
    url = None
    name = ""
    for value in (given, archive.connections.owner):
        if value is None or not str(value).strip():
            continue
        found = normalize_url(value)
        if found:
            url = url or found
        elif not name:
            name = display_name(value)
    if not name and archive.profile is not None and len(archive.profile.frame):
        row = archive.profile.frame.iloc[0]
        name = display_name(row.get("first_name"), row.get("last_name"))
    if not name and url:
        name = name_from_slug(url)
    return name or default, url


def _current_job(archive: Any) -> dict[str, Any]:
    """The client's current title and company from Positions.csv, when there is one."""
    positions = archive.positions
    if positions is None or positions.frame.empty:
        return {}
    frame = positions.frame
    current = frame[frame["finished_on"].isna()] if "finished_on" in frame else frame
    if current.empty:
        return {}
    row = current.iloc[0]
    return {"position": row.get("title"), "company": row.get("company")}


def _scrub(value: object) -> object:
    if isinstance(value, str):
        text = " ".join(EMAIL_PATTERN.sub(" ", value).split())
        return text or pd.NA
    return value


def _client_key(coach_people: pd.DataFrame, name: str | None, url: str | None,
                company: object) -> str | None:
    """The key of the client among the coach's connections: their URL, else their name.

    A name resolves as every name does (:class:`refkit.resolve.NameIndex`; the
    client's current company tells namesakes apart); when it cannot, refkit does
    not guess (an :class:`~refkit.AmbiguousPersonError`, as for a shared export's owner).
    """
    if url:
        return url
    if not name:
        return None
    index = NameIndex.from_columns(coach_people["key"], coach_people["name"], coach_people["company"])
    key = index.resolve(name, company)
    if key is None:
        found = sorted(index.candidates(name))
        raise AmbiguousPersonError(
            f"the client {name!r} matches {len(found)} of the coach's connections "
            f"({'; '.join(found[:4])}{'; …' if len(found) > 4 else ''}) and their company cannot "
            "tell them apart; give the client's profile URL instead (client=URL, --client URL)",
            value=name, candidates=tuple(found))
    return key


@dataclass(frozen=True)
class _Session:
    """Both sides read once: names, people tables and who is known to whom.

    Who is who is :func:`refkit.build.build_network`'s rule, applied to the coach's
    export (as your own) and the client's (as a shared one): same profile URL, or a
    URL-less record resolved by name and company (:mod:`refkit.resolve`).
    """

    coach_name: str
    coach_key: str | None  # the coach's person key, as the client's export knows them when it does
    client_name: str
    client_named: bool
    client_job: dict[str, Any]
    coach_people: pd.DataFrame  # url, name, name_norm, company, position, key, is_client, known
    client_people: int


#: The last session worked out from two archives read before (weak references to them, the
#: names, the session): :func:`coach_introductions`, :func:`bridge_summary` ... on the same
#: two archives match the people once (and warn about their rows once).
_LAST_SESSION: list[tuple[Any, Any, str | None, str | None, _Session]] = []


def _session(coach_export: Any, client_export: Any, coach: str | None, client: str | None) -> _Session:
    from refkit.read import Archive

    both_read = isinstance(coach_export, Archive) and isinstance(client_export, Archive)
    if both_read and _LAST_SESSION:
        coach_ref, client_ref, *names, session = _LAST_SESSION[0]
        if coach_ref() is coach_export and client_ref() is client_export and names == [coach, client]:
            return session
    session = _new_session(coach_export, client_export, coach, client)
    if both_read:
        _LAST_SESSION[:] = [(weakref.ref(coach_export), weakref.ref(client_export), coach, client, session)]
    return session


def _new_session(coach_export: Any, client_export: Any, coach: str | None, client: str | None) -> _Session:
    from refkit.build import ME_PLACEHOLDER, _as_export, _keyed_records

    coach_archive = _as_export(coach_export, whose="the coach's")
    client_archive = _as_export(client_export, whose="the client's")
    coach_name, coach_url = _identity(coach, coach_archive, DEFAULT_COACH)
    client_name, client_url = _identity(client, client_archive, DEFAULT_CLIENT)
    client_named = client_name != DEFAULT_CLIENT
    client_job = _current_job(client_archive)
    records, coach_key = _keyed_records(
        coach_archive, [client_archive.connections],
        me_name=coach_name if coach_name != DEFAULT_COACH else "", me_url=coach_url)
    people = records[(records["key"] != coach_key).to_numpy()]
    coach_people = people[(people["part"] == 0).to_numpy()].drop_duplicates("key")
    coach_people = pd.DataFrame({
        "key": coach_people["key"].to_numpy(dtype=object),
        "url": coach_people["url"].to_numpy(dtype=object),
        "name": pd.Series([_scrub(n) if n else pd.NA for n in coach_people["name"]], dtype=object),
        "company": pd.Series([_scrub(v) for v in coach_people["company"]], dtype=object),
        "position": pd.Series([_scrub(v) for v in coach_people["position"]], dtype=object),
    })
    coach_people["name_norm"] = [normalize_name(n) if isinstance(n, str) else "" for n in coach_people["name"]]
    client_key = _client_key(coach_people, client_name if client_named else None, client_url,
                             client_job.get("company"))
    # the coach among the client's connections counts as one of them
    client_keys = set(records.loc[(records["part"] == 1).to_numpy(), "key"].tolist()) - {client_key}
    is_client = coach_people["key"].eq(client_key).to_numpy()
    known = coach_people["key"].isin(client_keys).to_numpy() & ~is_client
    if coach_key == ME_PLACEHOLDER:  # nobody known: the coach's key is their default name's
        coach_key = person_key(None, coach_name)
    return _Session(coach_name=coach_name, coach_key=coach_key, client_name=client_name, client_named=client_named,
                    client_job=client_job, coach_people=coach_people.assign(is_client=is_client, known=known),
                    client_people=len(client_keys))


# ----------------------------------------------------------------------------
# public functions


def session_names(
    coach_export: Any, client_export: Any, *, coach: str | None = None, client: str | None = None
) -> tuple[str, str]:
    """The coach's and the client's display names, as used in the introductions.

    ``coach``/``client`` win (a name, or a profile URL whose slug gives the
    name), then the owner of a shared export read with
    :func:`refkit.read.read_shared`, then the archive's ``Profile.csv``, else
    :data:`DEFAULT_COACH` / :data:`DEFAULT_CLIENT`.

    Parameters
    ----------
    coach_export, client_export
        As in :func:`coach_introductions`.
    coach, client : str, optional
        The coach's and the client's name or profile URL.

    Returns
    -------
    tuple of str
        ``(coach name, client name)``.

    Raises
    ------
    RefkitError
        An export that cannot be read, or a file that is not a Connections.csv
        or LinkedIn archive (:class:`~refkit.FileFormatError` and kin).
    AmbiguousPersonError
        The client, known by name only, matches several of the coach's
        connections that their company cannot tell apart.

    Examples
    --------
    >>> from refkit.read import read_connections
    >>> data = b"First Name,Last Name,Connected On\\nLee,Chen,08 Feb 2021\\n"
    >>> export = read_connections(data, name="Connections.csv")
    >>> session_names(export, export, client="Ana Lima")
    ('your coach', 'Ana Lima')
    """
    session = _session(coach_export, client_export, coach, client)
    return session.coach_name, session.client_name


def _introducer(coach_export: Any, client_export: Any, *, coach: str | None = None,
                client: str | None = None) -> tuple[str, str | None]:
    """The coach as the client's tracker records them: ``(name, person key)``.

    The key is the coach's profile URL when it is known (given, or found in the
    client's export by the coach's name), so it is the key the client's own
    network gives the coach.
    """
    session = _session(coach_export, client_export, coach, client)
    return session.coach_name, session.coach_key


def _match_reason(client_first: str, company: object, company_hit: str | None, keyword: str | None) -> str:
    if company_hit is not None and keyword is not None:
        return f"{client_first} is exploring {keyword} roles at {company}"
    if company_hit is not None:
        return f"{client_first} is exploring roles at {company}"
    return f"{client_first} is exploring {keyword} roles"


def coach_introductions(
    coach_export: Any,
    client_export: Any,
    *,
    companies: Any = (),
    keywords: Any = (),
    coach: str | None = None,
    client: str | None = None,
    reason: str | None = None,
    top: int | None = None,
) -> pd.DataFrame:
    """People the coach can introduce the client to, with an introduction note each.

    Parameters
    ----------
    coach_export, client_export
        Each a ``Connections.csv``, a LinkedIn archive (``.zip`` or folder), or
        what :func:`refkit.read.read_export` (an ``Archive``) or
        :func:`refkit.read.read_connections` / :func:`refkit.read.read_shared`
        (a ``ReadResult``) returned.
    companies : iterable of str
        The client's target companies (:func:`refkit.rank.company_matches`).
    keywords : iterable of str
        Words to find in positions (whole words, any case).
    coach, client : str, optional
        Display names (see :func:`session_names`); a profile URL also works
        and lets the client be recognised in the coach's list by URL.
    reason : str, optional
        Why they should meet, the same for every note; by default built from
        the match, e.g. ``"Ana is exploring engineer roles at Stripe"``.
    top : int, optional
        Keep the first ``top`` rows.

    Returns
    -------
    DataFrame
        One row per person, columns ``name, profile_url, company, position,
        matched, introduction_note``. ``matched`` is ``"company: <target>"``,
        ``"keyword: <word>"`` or both joined by ``"; "``. Company matches come
        first, then keyword matches, each by name. People who already are the
        client's connections, and the client, are left out.

    Raises
    ------
    RefkitError
        When neither a company nor a keyword is given, ``top`` is not a whole
        number of at least 1, or an export cannot be read or is not a
        Connections.csv or LinkedIn archive.
    AmbiguousPersonError
        The client, known by name only, matches several of the coach's
        connections that their company cannot tell apart (give ``client`` as a
        profile URL).

    Notes
    -----
    Who is who follows :func:`refkit.build.build_network`'s rule, the coach's
    export taken as the user's own and the client's as a shared one: the same
    profile URL is the same person; a record without a URL is the one person
    known by that name, the one at the same company among several, and
    otherwise nobody (kept apart, with a :class:`~refkit.RefkitWarning`).

    Examples
    --------
    >>> from refkit.read import read_connections
    >>> header = "First Name,Last Name,URL,Company,Position,Connected On\\n"
    >>> coach_file = read_connections((header +
    ...     "Lee,Chen,https://www.linkedin.com/in/lee-chen,Stripe,Data Engineer,08 Feb 2021\\n"
    ...     "Bo,Park,https://www.linkedin.com/in/bo-park,Epic Games,Engineer,08 Feb 2021\\n"
    ...     ).encode(), name="coach.csv")
    >>> client_file = read_connections((header +
    ...     "Kim,Wu,https://www.linkedin.com/in/kim-wu,Acme,Analyst,01 Mar 2022\\n").encode(),
    ...     name="client.csv")
    >>> intros = coach_introductions(coach_file, client_file, companies=["Stripe", "Epic"],
    ...                              coach="Sam Ortiz", client="Ana Lima")
    >>> intros[["name", "company", "matched"]]
           name company            matched
    0  Lee Chen  Stripe  company: Stripe
    >>> print(intros.loc[0, "introduction_note"])
    Hi Lee and Ana,
    <BLANKLINE>
    I'd like to introduce you to each other: Lee Chen (Data Engineer at Stripe) and Ana Lima. I think you should meet because Ana is exploring roles at Stripe. I'll let you take it from here.
    <BLANKLINE>
    Best,
    Sam Ortiz
    """
    if isinstance(companies, str):
        companies = [companies]
    if isinstance(keywords, str):
        keywords = [keywords]
    companies = [str(c).strip() for c in companies if str(c).strip()]
    keywords = [str(k).strip() for k in keywords if str(k).strip()]
    if not companies and not keywords:
        raise RefkitError("coach introductions: give at least one target company or keyword")
    if top is not None and (isinstance(top, bool) or not isinstance(top, (int, np.integer)) or top < 1):
        raise RefkitError(f"top must be a whole number of at least 1, got {top!r}")

    session = _session(coach_export, client_export, coach, client)
    candidates = session.coach_people[~session.coach_people["known"] & ~session.coach_people["is_client"]]
    candidates = candidates[candidates["name"].notna()]
    pattern = keyword_pattern(keywords)
    by_fold = {k.casefold(): k for k in keywords}
    client_first = first_name_of(session.client_name) if session.client_named else DEFAULT_CLIENT
    client_row = {"name": session.client_name, **session.client_job}
    template = None if session.client_named else _UNNAMED_CLIENT_NOTE

    rows = []
    for person in candidates.to_dict("records"):
        company, position = person["company"], person["position"]
        company_hit = company_matches(company, companies) if companies and isinstance(company, str) else None
        found = pattern.search(position) if pattern is not None and isinstance(position, str) else None
        keyword = by_fold.get(found.group(0).casefold(), found.group(0)) if found else None
        if company_hit is None and keyword is None:
            continue
        labels = ([f"company: {company_hit}"] if company_hit is not None else []) + (
            [f"keyword: {keyword}"] if keyword is not None else [])
        why = reason if reason is not None else _match_reason(client_first, company, company_hit, keyword)
        note = introduction_note(
            {"name": person["name"], "company": company, "position": position},
            client_row,
            connector=session.coach_name,
            reason=why,
            template=template,
        )
        rows.append(
            {
                "name": person["name"],
                "profile_url": person["url"] if person["url"] else pd.NA,
                "company": company,
                "position": position,
                "matched": "; ".join(labels),
                "introduction_note": note,
                # most useful first: at a target company and in a target role, then at a target
                # company (in the client's order of companies), then in a target role
                "_group": (0 if keyword is not None else 1) if company_hit is not None else 2,
                "_sort": (companies.index(company_hit) if company_hit is not None else 0,
                          person["name_norm"], person["name"]),
            }
        )
    rows.sort(key=lambda r: (r["_group"], r["_sort"]))
    if top is not None:
        rows = rows[: int(top)]
    out = pd.DataFrame(rows, columns=INTRODUCTION_COLUMNS)
    return out.astype({c: "str" for c in INTRODUCTION_COLUMNS}).reset_index(drop=True)


def bridge_summary(
    coach_export: Any, client_export: Any, *, coach: str | None = None, client: str | None = None
) -> Summary:
    """How far connecting with the coach extends the client's reach.

    Parameters
    ----------
    coach_export, client_export
        As in :func:`coach_introductions`.
    coach, client : str, optional
        The coach's and the client's name or profile URL (see :func:`session_names`).

    Returns
    -------
    Summary
        ``coach_connections`` (distinct people in the coach's export),
        ``client_connections`` (distinct people in the client's, without the
        client), ``overlap`` (the coach's connections the client already has),
        ``client_listed`` (whether the client is among the coach's
        connections), ``new_reach`` (the coach's connections the client would
        newly reach at 2nd degree: not already connected, not the client) and
        ``sentence``, the coach's pitch.

    Raises
    ------
    RefkitError
        As :func:`session_names`.

    Examples
    --------
    >>> from refkit.read import read_connections
    >>> header = "First Name,Last Name,Connected On\\n"
    >>> coach_file = read_connections((header + "Lee,Chen,08 Feb 2021\\nBo,Park,08 Feb 2021\\n"
    ...     "Ana,Lima,08 Feb 2021\\n").encode(), name="coach.csv")
    >>> client_file = read_connections((header + "Bo,Park,08 Feb 2021\\n").encode(), name="client.csv")
    >>> summary = bridge_summary(coach_file, client_file, client="Ana Lima")
    >>> summary["coach_connections"], summary["overlap"], summary["new_reach"]
    (3, 1, 1)
    >>> summary["sentence"]
    'Connect with me and you reach 1 person you are not yet connected to.'
    """
    session = _session(coach_export, client_export, coach, client)
    people = session.coach_people
    overlap = int(people["known"].sum())
    listed = bool(people["is_client"].any())
    new = len(people) - overlap - int(people["is_client"].sum())
    noun = "person" if new == 1 else "people"
    sentence = f"Connect with me and you reach {new:,} {noun} you are not yet connected to."
    shown = (f"{sentence} (The coach has {plural(len(people), 'connection')}, the client "
             f"{session.client_people:,}; {overlap:,} in common.)")
    return Summary({
        "coach_connections": len(people),
        "client_connections": session.client_people,
        "overlap": overlap,
        "client_listed": listed,
        "new_reach": new,
        "sentence": sentence,
    }, text=shown)


# ----------------------------------------------------------------------------
# a coach's clients

#: Columns of :func:`client_statuses`, in order.
STATUS_COLUMNS = ["client", "name", "state", "tracked", "asks_open", "next_steps", "this_week",
                  "plan", "problem"]
#: :func:`client_statuses` ``state`` values.
CLIENT_STATES = ("ok", "no tracker", "not a workspace", "unreadable")


def client_statuses(folder: str | os.PathLike[str], *, today: dt.date | str | None = None,
                    budget: int = 20) -> pd.DataFrame:
    """Where each client's search stands: one row per folder in a coach's folder of clients.

    A coach keeps one workspace per client (a folder with a ``refkit.toml``,
    :mod:`refkit.workspace`). Each sub-folder is read, never changed: its
    settings, and its tracker (``refkit.sqlite``, :class:`refkit.track.Tracker`)
    when there is one. Folders whose name starts with a dot and plain files are
    skipped.

    Parameters
    ----------
    folder : str or PathLike
        The coach's folder of clients, e.g. ``clients/``.
    today : date or str, optional
        The day the status is for (``YYYY-MM-DD``; default today).
    budget : int
        Invitations a week, as in :meth:`refkit.track.Tracker.weekly_plan`.

    Returns
    -------
    DataFrame
        One row per sub-folder, by name; columns :data:`STATUS_COLUMNS`:
        ``client`` (the folder's name), ``name`` (``me`` in its refkit.toml, or
        empty), ``state`` (one of :data:`CLIENT_STATES`: ``"ok"``, ``"no
        tracker"`` when nothing is tracked yet, ``"not a workspace"`` without a
        refkit.toml, ``"unreadable"`` when its refkit.toml or tracker cannot be
        read), ``tracked`` (people tracked), ``asks_open`` (introducers asked
        who have not answered: status ``asked_introducer``), ``next_steps``
        (rows of :meth:`~refkit.track.Tracker.next_steps`), ``this_week``
        (invitations to send this week, :meth:`~refkit.track.Tracker.weekly_plan`),
        ``plan`` (their names, best first, joined by ``"; "``) and ``problem``
        (why a folder is not ``"ok"``, one line).

    Raises
    ------
    FileFormatError
        ``folder`` is not a folder.
    RefkitError
        ``today`` is not a date or ``budget`` not a whole number of at least 0.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> clients = pathlib.Path(tempfile.mkdtemp())
    >>> ana = clients / "ana"
    >>> ana.mkdir()
    >>> _ = (ana / "Connections.csv").write_text("First Name,Last Name,Connected On\\nLee,Chen,08 Feb 2021\\n")
    >>> _ = (ana / "refkit.toml").write_text('export = "Connections.csv"\\nme = "Ana Lima"\\n')
    >>> (clients / "notes").mkdir()
    >>> client_statuses(clients, today="2024-05-06")[["client", "name", "state", "problem"]]
      client      name            state              problem
    0    ana  Ana Lima       no tracker  nothing tracked yet
    1  notes            not a workspace       no refkit.toml
    >>> from refkit.track import Tracker
    >>> with Tracker(ana) as tracker:
    ...     _ = tracker.add(pd.DataFrame({"name": ["Kim Wu", "Bo Park"], "introducer": "Sam Ortiz"}),
    ...                     today="2024-05-01")
    ...     _ = tracker.set_status("Kim Wu", "asked_introducer", when="2024-05-02")
    >>> status = client_statuses(clients, today="2024-05-06").iloc[0]
    >>> status["state"], int(status["tracked"]), int(status["asks_open"])
    ('ok', 2, 1)
    """
    from refkit.track import policy

    folder = Path(folder)
    if not folder.is_dir():
        raise FileFormatError(f"{folder}: not a folder (expected a folder of client workspaces)",
                              path=folder)
    policy.check_budget(budget)
    day = _day(today)
    subs = sorted((p for p in folder.iterdir() if p.is_dir() and not p.name.startswith(".")),
                  key=lambda p: (p.name.casefold(), p.name))
    rows = [_client_status(sub, day, budget) for sub in subs]
    out = pd.DataFrame(rows, columns=STATUS_COLUMNS)
    return out.astype({"client": "str", "name": "str", "state": "str", "plan": "str", "problem": "str",
                       "tracked": "int64", "asks_open": "int64", "next_steps": "int64",
                       "this_week": "int64"})


def _day(today: dt.date | str | None) -> dt.date:
    from refkit.track._model import day_of

    return day_of(today, "today")


def _client_status(folder: Path, day: dt.date, budget: int) -> dict[str, Any]:
    """One row of :func:`client_statuses` (never raises for what is in the folder)."""
    from refkit.track import Tracker
    from refkit.workspace import CONFIG_NAME, is_workspace, load_workspace

    row: dict[str, Any] = {"client": folder.name, "name": "", "state": "ok", "tracked": 0,
                           "asks_open": 0, "next_steps": 0, "this_week": 0, "plan": "", "problem": ""}
    if not is_workspace(folder):
        return {**row, "state": "not a workspace", "problem": f"no {CONFIG_NAME}"}
    try:
        workspace = load_workspace(folder, allow_guesses=True)
    except RefkitError as err:
        return {**row, "state": "unreadable", "problem": _one_line(err)}
    row["name"] = workspace.me or ""
    if not workspace.tracker.exists():
        return {**row, "state": "no tracker", "problem": "nothing tracked yet"}
    try:
        with Tracker(folder, create=False, read_only=True) as tracker:
            table = tracker.table(today=day)
            steps = tracker.next_steps(today=day, **workspace.track_options())  # the client's cap and quotas
            plan = tracker.weekly_plan(today=day, budget=budget, **workspace.plan_options())
    except RefkitError as err:
        return {**row, "state": "unreadable", "problem": _one_line(err)}
    sending = plan[plan["action"].str.endswith("send invitation").to_numpy()]  # after an introduction or agreement
    return {**row, "tracked": len(table), "asks_open": int((table["status"] == "asked_introducer").sum()),
            "next_steps": len(steps), "this_week": len(sending), "plan": "; ".join(sending["name"].tolist())}


def _one_line(err: Exception) -> str:
    return " ".join(str(err).split())
