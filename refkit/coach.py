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

People are matched by normalised profile URL when both records have one, else
by normalised name (:mod:`refkit.resolve`); never by raw text. E-mail
addresses are never part of the results.
"""

from __future__ import annotations

import os
from typing import Any

import numpy as np
import pandas as pd

from refkit._errors import RefkitError
from refkit.draft import introduction_note
from refkit.export import EMAIL_PATTERN
from refkit.rank import company_matches, keyword_pattern
from refkit.resolve import (
    display_name,
    first_name_of,
    name_from_slug,
    namesake_key,
    normalize_name,
    normalize_url,
)

__all__ = [
    "DEFAULT_CLIENT",
    "DEFAULT_COACH",
    "INTRODUCTION_COLUMNS",
    "bridge_summary",
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


def _as_archive(export: Any, role: str) -> tuple[Any, str | None]:
    """``(Archive, owner)`` from a path, an Archive or a connections ReadResult."""
    from refkit.read import Archive, ReadResult, read_export

    if isinstance(export, Archive):
        return export, None
    if isinstance(export, ReadResult):
        if export.kind != "connections":
            raise RefkitError(
                f"{export.path}: expected the {role}'s Connections.csv or LinkedIn archive, "
                f"got a {export.kind} file"
            )
        return Archive(path=export.path, connections=export), export.owner
    if isinstance(export, (str, os.PathLike)):
        return read_export(export), None
    raise RefkitError(
        f"{role} export: expected a path to Connections.csv or a LinkedIn archive, "
        f"got {type(export).__name__}"
    )


def _identity(given: str | None, archive: Any, owner: str | None, default: str) -> tuple[str, str | None]:
    """``(display name, normalised URL or None)`` of the owner of an export."""
    url = None
    name = ""
    for value in (given, owner):
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


def _people(archive: Any) -> pd.DataFrame:
    """One row per person in an export: ``key, url, name, name_norm, company, position``."""
    frame = archive.connections.frame
    names = [display_name(f, la) for f, la in zip(frame["first_name"], frame["last_name"], strict=True)]
    urls = [normalize_url(u) for u in frame["profile_url"]] if "profile_url" in frame else [None] * len(frame)
    out = pd.DataFrame(
        {
            "url": pd.Series(urls, dtype=object),
            "name": pd.Series([_scrub(n) if n else pd.NA for n in names], dtype=object),
            "company": pd.Series([_scrub(v) for v in frame["company"]], dtype=object),
            "position": pd.Series([_scrub(v) for v in frame["position"]], dtype=object),
        }
    )
    out["name_norm"] = [normalize_name(n) if isinstance(n, str) else "" for n in out["name"]]
    out["key"] = [u if u else (f"name:{n}" if n else None) for u, n in zip(out["url"], out["name_norm"], strict=True)]
    out = out[out["key"].notna()]
    # an export lists each connection once: URL-less namesakes are different people
    namesake = out["url"].isna() & out["key"].duplicated(keep=False)
    out.loc[namesake, "key"] = [namesake_key(n, str(i)) for n, i in zip(
        out.loc[namesake, "name_norm"], out.loc[namesake].groupby("key").cumcount() + 1,
        strict=True)]
    return out.drop_duplicates("key").reset_index(drop=True)


class _Session:
    """Both sides read once: names, people tables and who is known to whom."""

    def __init__(self, coach_export: Any, client_export: Any, coach: str | None, client: str | None):
        coach_archive, coach_owner = _as_archive(coach_export, "coach")
        client_archive, client_owner = _as_archive(client_export, "client")
        self.coach_name, self.coach_url = _identity(coach, coach_archive, coach_owner, DEFAULT_COACH)
        self.client_name, self.client_url = _identity(client, client_archive, client_owner, DEFAULT_CLIENT)
        self.client_named = self.client_name != DEFAULT_CLIENT
        self.client_job = _current_job(client_archive)
        client_norm = normalize_name(self.client_name) if self.client_named else ""

        def is_client(people: pd.DataFrame) -> np.ndarray:
            by_url = people["url"].eq(self.client_url).to_numpy() if self.client_url else False
            no_url = people["url"].isna().to_numpy() if self.client_url else True
            by_name = (people["name_norm"] == client_norm).to_numpy() & bool(client_norm)
            return by_url | (no_url & by_name)

        client_people = _people(client_archive)
        client_people = client_people[~is_client(client_people)]
        coach_people = _people(coach_archive)
        if self.coach_url:
            coach_people = coach_people[coach_people["url"].ne(self.coach_url).to_numpy()]
        self.client_people = client_people

        urls = set(client_people["url"].dropna())
        names_all = set(client_people["name_norm"]) - {""}
        names_no_url = set(client_people.loc[client_people["url"].isna(), "name_norm"]) - {""}
        has_url = coach_people["url"].notna().to_numpy()
        url_known = coach_people["url"].isin(urls).to_numpy()
        name_known = np.where(has_url, coach_people["name_norm"].isin(names_no_url),
                              coach_people["name_norm"].isin(names_all))
        self.coach_people = coach_people.assign(
            is_client=is_client(coach_people),
            known=(url_known | name_known) & ~is_client(coach_people),
        )


# ----------------------------------------------------------------------------
# public functions


def session_names(
    coach_export: Any, client_export: Any, *, coach: str | None = None, client: str | None = None
) -> tuple[str, str]:
    """The coach's and the client's display names, as used in the introductions.

    ``coach``/``client`` win (a name, or a profile URL whose slug gives the
    name), then the archive's ``Profile.csv``, then the owner of a shared
    export read with :func:`refkit.read.read_shared`, else
    :data:`DEFAULT_COACH` / :data:`DEFAULT_CLIENT`.

    Examples
    --------
    >>> from refkit.read import read_connections
    >>> data = b"First Name,Last Name,Connected On\\nLee,Chen,08 Feb 2021\\n"
    >>> export = read_connections(data, name="Connections.csv")
    >>> session_names(export, export, client="Ana Lima")
    ('your coach', 'Ana Lima')
    """
    session = _Session(coach_export, client_export, coach, client)
    return session.coach_name, session.client_name


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
        When neither a company nor a keyword is given, or ``top`` is not a
        whole number of at least 1.

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

    session = _Session(coach_export, client_export, coach, client)
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
                "_group": 0 if company_hit is not None else 1,
                "_sort": (person["name_norm"], person["name"]),
            }
        )
    rows.sort(key=lambda r: (r["_group"], r["_sort"]))
    if top is not None:
        rows = rows[: int(top)]
    out = pd.DataFrame(rows, columns=INTRODUCTION_COLUMNS)
    return out.astype({c: "str" for c in INTRODUCTION_COLUMNS}).reset_index(drop=True)


def bridge_summary(
    coach_export: Any, client_export: Any, *, coach: str | None = None, client: str | None = None
) -> dict[str, Any]:
    """How far connecting with the coach extends the client's reach.

    Returns
    -------
    dict
        ``coach_connections`` (distinct people in the coach's export),
        ``client_connections`` (distinct people in the client's, without the
        client), ``overlap`` (the coach's connections the client already has),
        ``client_listed`` (whether the client is among the coach's
        connections), ``new_reach`` (the coach's connections the client would
        newly reach at 2nd degree: not already connected, not the client) and
        ``sentence``, the coach's pitch.

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
    session = _Session(coach_export, client_export, coach, client)
    people = session.coach_people
    overlap = int(people["known"].sum())
    listed = bool(people["is_client"].any())
    new = len(people) - overlap - int(people["is_client"].sum())
    noun = "person" if new == 1 else "people"
    return {
        "coach_connections": len(people),
        "client_connections": len(session.client_people),
        "overlap": overlap,
        "client_listed": listed,
        "new_reach": new,
        "sentence": f"Connect with me and you reach {new:,} {noun} you are not yet connected to.",
    }
