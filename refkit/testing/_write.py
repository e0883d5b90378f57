"""Writing the sample files: the user's archive, shared exports and refkit's own formats."""

from __future__ import annotations

import base64
import io
import os
import zipfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
from tqdm.auto import tqdm

from refkit.testing._formats import (
    COMPANY_FOLLOWS_HEADER,
    CONNECTIONS_HEADER,
    CONNECTIONS_HEADER_URL,
    ENDORSEMENTS_HEADER,
    EXCEL_HEADER,
    EXPORT_DATE,
    INVITATIONS_HEADER,
    JOB_APPLICATIONS_HEADER,
    MESSAGES_HEADER,
    MUTUALS_HEADER,
    POSITIONS_HEADER,
    PREAMBLE,
    PROFILE_HEADER,
    RECOMMENDATIONS_HEADER,
    SAVED_JOBS_HEADER,
)
from refkit.testing._generate import SampleNetwork, generate
from refkit.testing._pools import (
    INVITE_MESSAGES,
    RECOMMENDATION_TEXTS,
    RECRUITER_MESSAGES,
    REPLY_MESSAGES,
    SKILLS,
    USER_MESSAGES,
)
from refkit.testing._writing import _csv_text, _format_dates, _month_year, _sent_at, _text, _utc


@dataclass(frozen=True)
class _People:
    """The generated people as arrays by index (as files show them), and the ties by index."""

    net: SampleNetwork
    n: int
    lookup: pd.Index
    first: np.ndarray
    last: np.ndarray
    name: np.ndarray
    url: np.ndarray
    email: np.ndarray
    company: np.ndarray
    position: np.ndarray
    city: np.ndarray
    school: np.ndarray
    hidden: np.ndarray
    degree: np.ndarray
    me: int
    ta: np.ndarray
    tb: np.ndarray
    tdate: np.ndarray


def _people(net: SampleNetwork) -> _People:
    people = net.people
    lookup = pd.Index(people["key"].to_numpy(dtype=object))
    return _People(
        net=net,
        n=len(people),
        lookup=lookup,
        first=people["first_name"].to_numpy(dtype=object),
        last=people["last_name"].to_numpy(dtype=object),
        name=people["name"].to_numpy(dtype=object),
        url=people["url"].to_numpy(dtype=object),
        email=people["email"].to_numpy(dtype=object, na_value=""),
        company=people["company"].to_numpy(dtype=object, na_value=""),
        position=people["position"].to_numpy(dtype=object, na_value=""),
        city=people["city"].to_numpy(dtype=object),
        school=people["school"].to_numpy(dtype=object),
        hidden=people["hidden"].to_numpy(),
        degree=people["degree"].to_numpy(),
        me=int(lookup.get_loc(net.me)),
        ta=lookup.get_indexer(net.ties["a"]),
        tb=lookup.get_indexer(net.ties["b"]),
        tdate=net.ties["connected_on"].to_numpy().astype("datetime64[D]"),
    )


def _neighbours(p: _People, sources: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(source, neighbour, date) for every tie of ``sources``, newest first."""
    ta, tb, tdate = p.ta, p.tb, p.tdate
    is_src = np.zeros(p.n, dtype=bool)
    is_src[sources] = True
    src = np.concatenate([ta[is_src[ta]], tb[is_src[tb]]])
    nbr = np.concatenate([tb[is_src[ta]], ta[is_src[tb]]])
    day = np.concatenate([tdate[is_src[ta]], tdate[is_src[tb]]])
    order = np.lexsort((nbr, -day.astype(np.int64), src))
    return src[order], nbr[order], day[order]


def _connection_rows(
    p: _People, nbr: np.ndarray, dates: list[str], *, with_url: bool, with_email: bool
) -> list[list[str]]:
    """Rows of a Connections.csv: a date-only row for a hidden profile."""
    rows = []
    for i, when in zip(nbr, dates, strict=True):
        if p.hidden[i]:
            row = [""] * (4 + with_url + with_email) + [when]
        else:
            row = [p.first[i], p.last[i]]
            if with_url:
                row.append(p.url[i])
            if with_email:
                row.append(p.email[i])
            row += [p.company[i], p.position[i], when]
        rows.append(row)
    return rows


def _archive_connections(p: _People) -> tuple[bytes, np.ndarray]:
    """The user's Connections.csv, and their visible connections in its order."""
    _, user_nbr, user_days = _neighbours(p, np.array([p.me]))
    user_rows = _connection_rows(
        p, user_nbr, _format_dates(user_days, "2023+", np.zeros(user_days.size)),
        with_url=True, with_email=True,
    )
    data = (PREAMBLE + _csv_text(CONNECTIONS_HEADER_URL, user_rows, final_newline=False)).encode("utf-8")
    visible = np.array([i for i in user_nbr if not p.hidden[i]])
    return data, visible


def _tags(rng: np.random.Generator, p: _People, visible: np.ndarray) -> tuple[dict[int, list[str]], np.ndarray]:
    """Tags: family, close, former colleague, classmate, mentor; and the shuffled connections."""
    company, school, position = p.company, p.school, p.position
    past = set(p.net.positions["company"].iloc[1:])
    tags: dict[int, list[str]] = {}
    pool = rng.permutation(visible)
    colleagues = [i for i in pool if company[i] in past][:4]
    classmates = [i for i in pool if school[i] == school[p.me] and i not in colleagues][:3]
    mentors = [
        i for i in pool
        if any(w in position[i] for w in ("Manager", "Director", "VP", "Coach")) and i not in colleagues
    ][:2]
    taken = set(colleagues) | set(classmates) | set(mentors)
    rest = [i for i in pool if i not in taken]
    family, close = rest[:2], rest[2:7]
    for label, group in (
        ("family", family), ("close", close), ("former colleague", colleagues),
        ("classmate", classmates), ("mentor", mentors),
    ):
        for i in group:
            tags.setdefault(int(i), []).append(label)
    for i in colleagues[:2] + classmates[:1]:
        tags[int(i)].insert(0, "close")
    return tags, pool


def _messages(rng: np.random.Generator, p: _People, tags: dict[int, list[str]], pool: np.ndarray) -> bytes:
    """messages.csv: close ties often and both ways, others rarely, some unanswered."""
    frequent = [i for i, labels in tags.items() if {"family", "close", "mentor"} & set(labels)]
    others = [int(i) for i in pool if int(i) not in tags][:18]
    strangers = [int(i) for i in rng.permutation(np.flatnonzero((p.degree == 2) & ~p.hidden))[:2]]
    stamp0 = np.datetime64("2022-01-10T08:00:00", "s")
    horizon = int((EXPORT_DATE.astype("datetime64[s]") - stamp0).astype(np.int64)) - 40 * 86400
    messages: list[tuple[np.datetime64, list[str]]] = []
    for who, kind in (
        [(i, "frequent") for i in frequent]
        + [(i, "rare") for i in others]
        + [(i, "recruiter") for i in strangers]
    ):
        messages += _conversation(rng, p, who, kind, stamp0, horizon)
    messages.sort(key=lambda m: (m[0], m[1][0]), reverse=True)
    return _csv_text(MESSAGES_HEADER, [row for _, row in messages], final_newline=False).encode("utf-8")


def _conversation(
    rng: np.random.Generator, p: _People, who: int, kind: str, stamp0: np.datetime64, horizon: int,
) -> list[tuple[np.datetime64, list[str]]]:
    """The messages of one conversation between the user and ``who``."""
    first, name, url, me = p.first, p.name, p.url, p.me
    conv = "2-" + base64.b64encode(rng.bytes(30)).decode("ascii")
    when = stamp0 + np.timedelta64(int(rng.integers(0, horizon)), "s")
    n_msgs = int(rng.integers(6, 17)) if kind == "frequent" else int(rng.integers(1, 5))
    one_way = kind == "rare" and rng.random() < 0.35
    fill = {
        "first": first[who].strip().split(" ")[0],
        "company": p.company[who] or "your company",
        "position": p.position[who] or "the new role",
        "city": p.city[who],
    }
    messages = []
    for k in range(1 if kind == "recruiter" else n_msgs):
        user_writes = kind != "recruiter" and (one_way or k % 2 == 0)
        if user_writes:
            text = USER_MESSAGES[int(rng.integers(0, len(USER_MESSAGES)))].format(**fill)
            row = [conv, "", name[me], url[me], name[who], url[who]]
        else:
            bank = RECRUITER_MESSAGES if kind == "recruiter" else REPLY_MESSAGES
            fill_me = dict(fill, first=first[me])
            text = bank[int(rng.integers(0, len(bank)))].format(**fill_me)
            row = [conv, "", name[who], url[who], name[me], url[me]]
        messages.append((when, [*row, _utc(when), "", text, "INBOX"]))
        when = when + np.timedelta64(int(rng.integers(600, 6 * 86400)), "s")
    return messages


def _invitations(rng: np.random.Generator, p: _People) -> bytes:
    """Invitations.csv: pending OUTGOING to 2nd-degree people, a few INCOMING."""
    first, name, url, me, degree, hidden = p.first, p.name, p.url, p.me, p.degree, p.hidden
    captured = p.lookup.get_indexer(p.net.captures["key"])
    second = np.flatnonzero((degree == 2) & ~hidden)
    outgoing = list(captured[:5]) + [int(i) for i in rng.permutation(second)[:5] if i not in captured[:5]]
    incoming = [int(i) for i in rng.permutation(np.flatnonzero((degree >= 2) & ~hidden))[:6]]
    invitations = []
    for direction, group in (("OUTGOING", outgoing), ("INCOMING", incoming)):
        for i in group:
            stamp = EXPORT_DATE.astype("datetime64[m]") - np.timedelta64(
                int(rng.integers(60, 100 * 24 * 60)), "m"
            )
            sender, receiver = (me, i) if direction == "OUTGOING" else (i, me)
            fill = {"first": first[receiver].strip().split(" ")[0], "company": p.company[receiver] or "work"}
            text = INVITE_MESSAGES[int(rng.integers(0, len(INVITE_MESSAGES)))].format(**fill)
            invitations.append(
                (stamp, [name[sender], name[receiver], _sent_at(stamp), text, direction, url[sender], url[receiver]])
            )
    invitations.sort(key=lambda r: r[0], reverse=True)
    return _csv_text(INVITATIONS_HEADER, [row for _, row in invitations], final_newline=False).encode("utf-8")


def _positions_profile(p: _People) -> dict[str, bytes]:
    """Positions.csv and Profile.csv of the user's archive."""
    net, me = p.net, p.me
    jobs = net.positions
    descriptions = (
        "Leading experimentation and forecasting for the payments team.",
        "Built data pipelines, dashboards and the first ML models; mentored two interns.",
        "Analytics for growth and retention, SQL, Python and a lot of stakeholder meetings.",
        "Internship turned full-time: ETL, reporting, A/B tests.",
    )
    position_rows = [
        [row.company, row.title, descriptions[k % len(descriptions)], row.location,
         _month_year(row.started_on), _month_year(row.finished_on)]
        for k, row in enumerate(jobs.itertuples(index=False))
    ]
    headline = f"{net.user_position} at {net.user_company} | Python, SQL, experimentation"
    summary = (
        f"I turn messy data into decisions. Previously at {', '.join(jobs['company'].iloc[1:])}."
    )
    profile_row = [p.first[me], p.last[me], "", "", "", headline, summary, "Software Development", "",
                   p.city[me], "", "", ""]
    return {
        "Positions.csv": _csv_text(POSITIONS_HEADER, position_rows, final_newline=False).encode("utf-8"),
        "Profile.csv": _csv_text(PROFILE_HEADER, [profile_row], final_newline=False).encode("utf-8"),
    }


def _stream(seed: int, name: str) -> np.random.Generator:
    """A random generator of its own for one kind of file, so that adding files to the samples
    leaves every other file byte-identical."""
    return np.random.default_rng(np.random.SeedSequence([seed, int.from_bytes(name.encode(), "big")]))


@dataclass(frozen=True)
class _Recommended:
    """Who recommended the user, whom the user recommended and who endorsed them (indices)."""

    received: tuple[int, ...]
    given: tuple[int, ...]
    endorsers: dict[int, int]  # person -> accepted endorsements
    rejected: tuple[int, ...]


def _recommenders(p: _People, tags: dict[int, list[str]], pool: np.ndarray) -> _Recommended:
    """Who writes what, from their own random stream: former colleagues and mentors write most
    recommendations, the owner of a shared export (not the coach) one, a stranger to the tags one."""
    rng = _stream(p.net.seed, "recommendations")
    owners = [int(i) for i in p.lookup.get_indexer(p.net.owners["key"])[1:]]
    colleagues = [i for i, t in tags.items() if {"former colleague", "mentor"} & set(t)]
    untagged = [int(i) for i in pool if int(i) not in tags and int(i) not in owners]
    received = list(dict.fromkeys(colleagues[:2] + owners[:1] + untagged[:2]))
    given = received[:2] + [i for i in untagged[2:3] if i not in received]
    endorsers: dict[int, int] = {}
    for i in received + [int(i) for i in pool[:10]]:
        endorsers[int(i)] = int(rng.integers(1, 5))
    rejected = tuple(int(i) for i in pool[10:11])
    return _Recommended(tuple(received), tuple(given), endorsers, rejected)


def _recommendation_files(p: _People, who: _Recommended) -> dict[str, bytes]:
    """Recommendations_Received.csv, Recommendations_Given.csv and Endorsement_Received_Info.csv."""
    rng = _stream(p.net.seed, "recommendation files")
    me = p.me

    def day() -> np.datetime64:
        return EXPORT_DATE.astype("datetime64[s]") - np.timedelta64(int(rng.integers(30, 2500)) * 86400
                                                                    + int(rng.integers(0, 86400)), "s")

    def created(stamp: np.datetime64) -> str:  # "07/21/09, 12:11 PM": zero-padded, unlike Sent At
        text = _sent_at(stamp)
        date, _, clock = text.partition(", ")
        m, d, y = date.split("/")
        return f"{int(m):02d}/{int(d):02d}/{y}, {clock}"

    def rec_rows(people: tuple[int, ...], *, writer_is_me: bool) -> list[list[str]]:
        rows = []
        for k, i in enumerate(people):
            about = me if not writer_is_me else i
            text = RECOMMENDATION_TEXTS[int(rng.integers(0, len(RECOMMENDATION_TEXTS)))]
            status = "HIDDEN" if k == len(people) - 1 and not writer_is_me else "VISIBLE"
            rows.append([p.first[i], p.last[i], p.company[i], p.position[i],
                         text.format(first=p.first[about].strip().split(" ")[0]),
                         created(day()), status])
        return rows

    endorse_rows = []
    for i, n in [*who.endorsers.items(), *((i, 1) for i in who.rejected)]:
        skills = rng.choice(len(SKILLS), size=n, replace=False)
        for s in skills:
            status = "REJECTED" if i in who.rejected else "ACCEPTED"
            endorse_rows.append((day(), [SKILLS[int(s)], p.first[i], p.last[i],
                                         str(p.url[i]).removeprefix("https://"), status]))
    endorse_rows.sort(key=lambda r: r[0], reverse=True)
    return {
        "Recommendations_Received.csv": _csv_text(
            RECOMMENDATIONS_HEADER, rec_rows(who.received, writer_is_me=False)).encode("utf-8"),
        "Recommendations_Given.csv": _csv_text(
            RECOMMENDATIONS_HEADER, rec_rows(who.given, writer_is_me=True)).encode("utf-8"),
        "Endorsement_Received_Info.csv": _csv_text(
            ENDORSEMENTS_HEADER, [[_utc(stamp).replace("-", "/"), *row] for stamp, row in endorse_rows]
        ).encode("utf-8"),
    }


#: The sample user's job search: (company as written in the application, job title). The spellings
#: differ from the network's on purpose: "Globex Corporation" is the network's "Globex Inc.",
#: "Datadog, Inc." its "Datadog"; "Epic Games" is not "Epic Systems"; nobody works at Wonka Industries.
_APPLIED = (
    ("Stripe", "Senior Software Engineer"),
    ("Globex Corporation", "Staff Engineer, Payments"),
    ("Epic Games", "Senior Backend Engineer"),
    ("Datadog, Inc.", "Software Engineer II, Metrics"),
    ("Wonka Industries", "Platform Engineer"),
)
_SAVED = (("Spotify", "Backend Engineer, Personalization"), ("Stripe", "Software Engineer, Billing"),
          ("Figma", "Software Engineer, Infrastructure"))
_FOLLOWED = ("Stripe", "Google", "Notion", "Canva", "Epic Games", "Hooli")


def _jobs_files(net: SampleNetwork, p: _People) -> dict[str, bytes]:
    """Jobs/Job Applications.csv, Jobs/Saved Jobs.csv and Company Follows.csv of the user's archive.

    Drawn from their own random generator (seeded from "jobs"): the other sample files do not
    change when these do.
    """
    rng = np.random.default_rng(np.random.SeedSequence([net.seed, *b"jobs"]))
    me = p.me
    email = p.email[me] or f"{str(p.first[me]).lower()}@example.com"

    def stamps(n: int, start_days: int, end_days: int) -> list[np.datetime64]:  # newest first
        days = np.sort(rng.choice(np.arange(end_days, start_days), size=n, replace=False))
        minutes = rng.integers(7 * 60, 23 * 60, size=n)
        return [EXPORT_DATE - np.timedelta64(int(d), "D") + np.timedelta64(int(m), "m")
                for d, m in zip(days, minutes, strict=True)]

    def url() -> str:
        return f"https://www.linkedin.com/jobs/view/{int(rng.integers(3_000_000_000, 4_000_000_000))}"

    answers = ("Are you legally authorized to work in this country?: Yes | "
               "What are your salary expectations?: {salary} | How did you hear about us?: LinkedIn")
    applied = [
        [_sent_at(when), email, "+1 608 555 0142", company, title, url(), f"{p.first[me]}_{p.last[me]}_CV.pdf",
         answers.format(salary=f"{int(rng.integers(14, 22)) * 10_000:,} USD")]
        for when, (company, title) in zip(stamps(len(_APPLIED), 90, 3), _APPLIED, strict=True)
    ]
    saved = [[_sent_at(when), url(), title, company]
             for when, (company, title) in zip(stamps(len(_SAVED), 120, 5), _SAVED, strict=True)]
    followed = [[company, _sent_at(when)] for when, company in zip(stamps(len(_FOLLOWED), 2000, 10), _FOLLOWED,
                                                                  strict=True)]
    return {  # newest first, as LinkedIn writes them
        "Jobs/Job Applications.csv": _csv_text(JOB_APPLICATIONS_HEADER, applied,
                                               final_newline=False).encode("utf-8"),
        "Jobs/Saved Jobs.csv": _csv_text(SAVED_JOBS_HEADER, saved,
                                         final_newline=False).encode("utf-8"),
        "Company Follows.csv": _csv_text(COMPANY_FOLLOWS_HEADER, followed,
                                         final_newline=False).encode("utf-8"),
    }


def _zip(archive: dict[str, bytes]) -> bytes:
    """The archive as LinkedIn sends it: one zip, fixed dates, sorted names."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for file_name in sorted(archive):
            info = zipfile.ZipInfo(file_name, date_time=(2025, 11, 14, 9, 30, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zf.writestr(info, archive[file_name])
    return buffer.getvalue()


def _shared_exports(rng: np.random.Generator, p: _People, owner_idx: np.ndarray) -> dict[str, bytes]:
    """Every owner's Connections.csv in the format of their era, and shared/owners.csv."""
    src, nbr, days = _neighbours(p, owner_idx) if owner_idx.size else (np.empty(0, int),) * 3
    bounds = np.searchsorted(src, owner_idx, "left"), np.searchsorted(src, owner_idx, "right")
    files: dict[str, bytes] = {}
    owner_rows = []
    for pos, row in enumerate(
        tqdm(
            list(p.net.owners.itertuples(index=False)), desc="writing shared exports",
            disable=True if len(p.net.owners) < 20 else None, leave=False,
        )
    ):
        lo, hi = bounds[0][pos], bounds[1][pos]
        their, their_days = nbr[lo:hi], days[lo:hi]
        minutes = rng.integers(7 * 60, 23 * 60, size=their.size)
        files[f"shared/{row.file}"] = _shared_export(p, row.era, their, _format_dates(their_days, row.era, minutes))
        owner_rows.append([row.file, row.name, row.url])
    files["shared/owners.csv"] = _csv_text(["file", "owner_name", "owner_url"], owner_rows).encode("utf-8")
    return files


def _shared_export(p: _People, era: str, their: np.ndarray, dates: list[str]) -> bytes:
    """One owner's Connections.csv, as the export of ``era`` writes it."""
    if era == "2023+":
        rows = _connection_rows(p, their, dates, with_url=True, with_email=True)
        return (PREAMBLE + _csv_text(CONNECTIONS_HEADER_URL, rows, final_newline=False)).encode()
    if era == "2021-2023":
        rows = _connection_rows(p, their, dates, with_url=False, with_email=True)
        return (PREAMBLE + _csv_text(CONNECTIONS_HEADER, rows, final_newline=False)).encode()
    if era == "2018":
        rows = _connection_rows(p, their, dates, with_url=False, with_email=True)
        return _csv_text(CONNECTIONS_HEADER, rows).encode("utf-8")
    # re-saved by Excel: ; cp1252 CRLF, padded preamble, no e-mail column
    rows = _connection_rows(p, their, dates, with_url=False, with_email=False)
    pad = ";" * (len(EXCEL_HEADER) - 1)
    notes = PREAMBLE.split("\n")
    preamble = "".join(
        line.strip('"') + pad + "\r\n" for line in notes[:3]
    )
    text = preamble + _csv_text(EXCEL_HEADER, rows, delimiter=";", newline="\r\n")
    return text.encode("cp1252", errors="replace")


def _captures(net: SampleNetwork) -> dict[str, bytes]:
    """mutuals_capture.csv and the blank mutuals_template.csv."""
    capture_rows = [
        [r.name, r.url, _text(r.company), _text(r.position), str(r.mutual_count), ";".join(r.mutual_names)]
        for r in net.captures.itertuples(index=False)
    ]
    return {
        "mutuals_capture.csv": _csv_text(MUTUALS_HEADER, capture_rows).encode("utf-8"),
        "mutuals_template.csv": _csv_text(MUTUALS_HEADER, []).encode("utf-8"),
    }


def _edges(rng: np.random.Generator, p: _People, visible: np.ndarray, tags: dict[int, list[str]]) -> bytes:
    """edges.csv: true ties the user knows about between visible people, one of them a connection."""
    ta, tb, hidden, company, school, url, me = p.ta, p.tb, p.hidden, p.company, p.school, p.url, p.me
    is_vis_first = np.zeros(p.n, dtype=bool)
    is_vis_first[visible] = True
    usable = (ta != me) & (tb != me) & ~hidden[ta] & ~hidden[tb]
    both_first = np.flatnonzero(usable & is_vis_first[ta] & is_vis_first[tb])
    to_second = np.flatnonzero(usable & (is_vis_first[ta] ^ is_vis_first[tb]))
    picked = np.concatenate(
        [rng.permutation(both_first)[:20], rng.permutation(to_second)[: 30 - min(20, both_first.size)]]
    )
    edge_rows = []
    for t in picked:
        a, b = int(ta[t]), int(tb[t])
        if company[a] and company[a] == company[b]:
            note = f"work together at {company[a]}"
        elif school[a] == school[b]:
            note = f"studied together at {school[a]}"
        elif a in tags or b in tags:
            note = "mentioned in our messages"
        else:
            note = "introduced at a meetup"
        edge_rows.append([url[a], url[b], note])
    return _csv_text(["source", "target", "note"], edge_rows).encode("utf-8")


def write_samples(
    folder: str | os.PathLike[str],
    *,
    seed: int = 7,
    n_connections: int = 300,
    n_shared: int = 5,
    coach_connections: int = 1700,
    shared_rows: int | None = None,
    n_captures: int = 80,
    zip_archive: bool = False,
) -> dict[str, Path]:
    """Write a complete, fictional set of input files for refkit.

    The network comes from :func:`generate` with the same options; the files
    imitate LinkedIn's real formats byte for byte (see ``data_samples/README.md``).
    Files already in ``folder`` with other names are left alone.

    Parameters
    ----------
    folder : str or os.PathLike
        Where to write; created if missing.
    seed, n_connections, n_shared, coach_connections, shared_rows, n_captures
        As for :func:`generate`.
    zip_archive : bool, default False
        Also write ``my_linkedin_export.zip`` (the archive as LinkedIn sends it).

    Returns
    -------
    dict of str to pathlib.Path
        Every file written, keyed by its path relative to ``folder`` with ``/``
        separators, e.g. ``"my_linkedin_export/Connections.csv"``.

    Raises
    ------
    OptionError
        When an option is not usable, as for :func:`generate`.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     paths = write_samples(tmp, n_connections=60, n_shared=2, coach_connections=80,
    ...                           n_captures=10, zip_archive=True)
    ...     header = paths["my_linkedin_export/Connections.csv"].read_text("utf-8").splitlines()[3]
    >>> header
    'First Name,Last Name,URL,Email Address,Company,Position,Connected On'
    >>> sorted(k for k in paths if "/" not in k)  # doctest: +NORMALIZE_WHITESPACE
    ['edges.csv', 'mutuals_capture.csv', 'mutuals_template.csv', 'my_linkedin_export.zip',
     'tags.csv']
    >>> sorted(k for k in paths if k.startswith("shared/"))  # doctest: +NORMALIZE_WHITESPACE
    ['shared/...', 'shared/...', 'shared/owners.csv']
    """
    net = generate(
        seed=seed,
        n_connections=n_connections,
        n_shared=n_shared,
        coach_connections=coach_connections,
        shared_rows=shared_rows,
        n_captures=n_captures,
    )
    rng = np.random.default_rng(np.random.SeedSequence([net.seed, 0xF17E5]))
    root = Path(folder)
    written: dict[str, Path] = {}

    def put(relative: str, data: bytes) -> None:
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        written[relative] = path

    p = _people(net)
    archive: dict[str, bytes] = {}
    archive["Connections.csv"], visible = _archive_connections(p)
    tags, pool = _tags(rng, p, visible)
    tag_rows = [[p.name[i], p.url[i], ";".join(labels)] for i, labels in tags.items()]
    put("tags.csv", _csv_text(["Name", "URL", "Tags"], tag_rows).encode("utf-8"))
    archive["messages.csv"] = _messages(rng, p, tags, pool)
    archive["Invitations.csv"] = _invitations(rng, p)
    archive.update(_positions_profile(p))
    # drawn from their own streams: every file above stays as it was before they existed
    archive.update(_recommendation_files(p, _recommenders(p, tags, pool)))
    archive.update(_jobs_files(net, p))
    for file_name in sorted(archive):
        put(f"my_linkedin_export/{file_name}", archive[file_name])
    if zip_archive:
        put("my_linkedin_export.zip", _zip(archive))
    for relative, data in _shared_exports(rng, p, p.lookup.get_indexer(net.owners["key"])).items():
        put(relative, data)
    for relative, data in _captures(net).items():
        put(relative, data)
    put("edges.csv", _edges(rng, p, visible, tags))
    return dict(sorted(written.items()))
