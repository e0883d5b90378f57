"""The jobs the user applied for: target companies, and who can refer the user at each.

LinkedIn's archive says where the user wants to work: ``Jobs/Job Applications.csv``
(the jobs applied for), ``Jobs/Saved Jobs.csv`` and ``Company Follows.csv``, read into
``Network.jobs`` (see :func:`refkit.build.build_network`). By default the companies of
applications and saved jobs are target companies (:func:`target_companies`); a follow is a
weaker signal (one click, often years old, often for the news) and counts only when asked.
Companies are matched as people write them (:func:`refkit.companies.company_matches`:
``Globex`` is ``Globex Corporation``, ``Epic`` is not ``Epic Games``).
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd
from tqdm.auto import tqdm

from refkit._text import plural
from refkit._validate import whole_number
from refkit.build import Network
from refkit.companies import _nobody_at, companies_matching, company_matches

__all__ = ["APPLICATION_COLUMNS", "applications", "job_companies", "jobs_summary", "target_companies",
           "who_can_refer"]

#: The columns of :func:`who_can_refer`, in order.
APPLICATION_COLUMNS = (
    "application", "applied_on", "company", "job_title", "name", "degree", "position",
    "introducer", "mutual_count", "how", "profile_url", "key", "note",
)

_KINDS = {"applied": "applications", "saved": "saved jobs", "followed": "follows"}


def job_companies(network: Network, *, applied: bool = True, saved: bool = True,
                  followed: bool = False) -> list[str]:
    """The companies of the user's job applications, saved jobs and (if asked) follows.

    Each company once, spelled as first seen (applications before saved jobs
    before follows, the newest first): ``Globex`` and ``Globex Corporation``
    are one company.

    Parameters
    ----------
    network : Network
        The user's network; its ``jobs`` come from the archive.
    applied, saved : bool, default True
        Take the companies of applications, of saved jobs.
    followed : bool, default False
        Take the companies the user follows too.

    Returns
    -------
    list of str
        Company names; empty when the archive has no jobs files.

    Examples
    --------
    >>> from refkit.examples import toy_network
    >>> import dataclasses, pandas as pd
    >>> jobs = pd.DataFrame({"kind": ["applied", "saved", "followed"],
    ...                      "on": pd.to_datetime(["2026-08-15", "2026-08-01", "2022-03-15"]),
    ...                      "company": ["Globex", "Globex Corporation", "Initech"]})
    >>> net = dataclasses.replace(toy_network(), jobs=jobs)
    >>> job_companies(net)
    ['Globex']
    >>> job_companies(net, followed=True)
    ['Globex', 'Initech']
    """
    jobs = network.jobs
    if jobs is None or jobs.empty:
        return []
    wanted = [kind for kind, on in (("applied", applied), ("saved", saved), ("followed", followed)) if on]
    out: list[str] = []
    for kind in wanted:
        rows = jobs[jobs["kind"] == kind].sort_values("on", ascending=False, kind="stable", na_position="last")
        for company in rows["company"]:
            if isinstance(company, str) and company.strip() and company_matches(company, out) is None:
                out.append(company)
    return out


def jobs_summary(network: Network) -> str:
    """What the archive says about where the user wants to work, in one sentence.

    Parameters
    ----------
    network : Network
        The user's network.

    Returns
    -------
    str
        How many applications, saved jobs and follows were read and the
        companies of the applications and saved jobs; or where to get the files.

    Examples
    --------
    >>> from refkit.examples import toy_network
    >>> import dataclasses, pandas as pd
    >>> print(jobs_summary(toy_network()))
    No jobs files in your archive (Jobs/Job Applications.csv, Jobs/Saved Jobs.csv, Company Follows.csv): they come with LinkedIn's larger data archive.
    >>> jobs = pd.DataFrame({"kind": ["applied", "saved"], "on": pd.to_datetime(["2026-08-15", "2026-08-01"]),
    ...                      "company": ["Globex", "Initech"]})
    >>> print(jobs_summary(dataclasses.replace(toy_network(), jobs=jobs)))
    1 application, 1 saved job and 0 companies followed in your archive; target companies from them: Globex, Initech.
    """
    jobs = network.jobs
    if jobs is None or jobs.empty:
        return ("No jobs files in your archive (Jobs/Job Applications.csv, Jobs/Saved Jobs.csv, Company "
                "Follows.csv): they come with LinkedIn's larger data archive.")
    counts = jobs["kind"].value_counts()
    companies = job_companies(network)
    said = f"; target companies from them: {', '.join(companies)}." if companies else "."
    return (f"{plural(int(counts.get('applied', 0)), 'application')}, "
            f"{plural(int(counts.get('saved', 0)), 'saved job')} and "
            f"{plural(int(counts.get('followed', 0)), 'company', 'companies')} followed in your archive{said}")


def target_companies(network: Network, companies: Iterable[str] = (), *, jobs: bool = True,
                     follows: bool = False) -> list[str]:
    """The target companies: the ones the user named, then those of their job applications.

    Parameters
    ----------
    network : Network
        The user's network.
    companies : iterable of str, optional
        The companies the user named (``companies`` in refkit.toml, ``--company``).
    jobs : bool, default True
        Add the companies of applications and saved jobs (workspace setting ``job_targets``).
    follows : bool, default False
        Add the companies the user follows (workspace setting ``follow_targets``).

    Returns
    -------
    list of str
        ``companies`` as given, then each job company that none of them matches.

    Examples
    --------
    >>> from refkit.examples import toy_network
    >>> import dataclasses, pandas as pd
    >>> jobs = pd.DataFrame({"kind": ["applied", "applied"], "on": pd.to_datetime(["2026-08-15", "2026-08-02"]),
    ...                      "company": ["Globex Corporation", "Epic Games"]})
    >>> net = dataclasses.replace(toy_network(), jobs=jobs)
    >>> target_companies(net, ["Globex", "Epic"])
    ['Globex', 'Epic', 'Epic Games']
    >>> target_companies(net, ["Stripe"], jobs=False)
    ['Stripe']
    """
    out = [c for c in companies if isinstance(c, str) and c.strip()]
    for company in job_companies(network, applied=jobs, saved=jobs, followed=follows):
        if company_matches(company, out) is None:
            out.append(company)
    return out


def applications(network: Network) -> pd.DataFrame:
    """The jobs the user applied for, newest first.

    Parameters
    ----------
    network : Network
        The user's network; its ``jobs`` come from the archive's ``Jobs/Job Applications.csv``.

    Returns
    -------
    DataFrame
        Columns ``application`` (1, 2 ... newest first), ``applied_on`` (NaT when
        the file's date did not read), ``company``, ``job_title``; no rows when
        there is no application.

    Examples
    --------
    >>> from refkit.examples import toy_network
    >>> import dataclasses, pandas as pd
    >>> jobs = pd.DataFrame({"kind": ["applied", "applied"], "on": pd.to_datetime(["2026-08-02", "2026-08-15"]),
    ...                      "company": ["Initech", "Globex"], "job_title": ["Analyst", "Senior Backend Engineer"]})
    >>> applications(dataclasses.replace(toy_network(), jobs=jobs))
       application applied_on company                job_title
    0            1 2026-08-15  Globex  Senior Backend Engineer
    1            2 2026-08-02 Initech                  Analyst
    """
    jobs = network.jobs
    columns = ["applied_on", "company", "job_title"]
    if jobs is None or not (jobs["kind"] == "applied").any():
        out = pd.DataFrame({"application": pd.Series(dtype="int64"),
                            "applied_on": pd.Series(dtype="datetime64[us]"),
                            "company": pd.Series(dtype="str"), "job_title": pd.Series(dtype="str")})
        return out
    rows = jobs[jobs["kind"] == "applied"].rename(columns={"on": "applied_on"})
    if "job_title" not in rows:
        rows = rows.assign(job_title=pd.Series(pd.NA, index=rows.index, dtype="str"))
    rows = rows.sort_values("applied_on", ascending=False, kind="stable", na_position="last")[columns]
    rows = rows.reset_index(drop=True)
    rows.insert(0, "application", pd.Series(range(1, len(rows) + 1), dtype="int64"))
    return rows


def who_can_refer(network: Network, *, min_mutual: int = 1, tags: object = None,
                  today: object = None) -> pd.DataFrame:
    """For each job applied for, who can refer the user there: connections first, then introductions.

    For each application (newest first), the user's 1st-degree connections at
    the company (whom they can ask for a referral directly; the one who knows
    the user best first, by :func:`refkit.rank.tie_strength`), then the 2nd-degree
    people there with their best introducer, as :func:`refkit.rank.paths_into`
    orders them (one ranking serves every application). An application with
    nobody to ask is one row with a ``note`` saying so (with the closest company
    names, for a typo).

    Parameters
    ----------
    network : Network
        The user's network, with ``jobs`` from the archive.
    min_mutual : int, default 1
        Keep 2nd-degree people with at least this many mutual connections.
    tags : Tags, mapping or DataFrame, optional
        The user's tags (they choose the introducers).
    today : date-like, optional
        Reference date for tie strength (default: today).

    Returns
    -------
    DataFrame
        The columns of :data:`APPLICATION_COLUMNS`: the application (number,
        ``applied_on``, ``company`` as applied, ``job_title``), then the person:
        ``name, degree`` (1 or 2), ``position, introducer`` (missing for your
        connections), ``mutual_count``, ``how`` (in words: ``"your connection"`` or
        ``"ask Priya Raman to introduce you (4 mutual connections)"``), ``profile_url,
        key``; ``note`` is set on the row of an application with nobody to ask. Companies are matched as people
        write them (:func:`refkit.companies.company_matches`).

    Raises
    ------
    OptionError
        When ``min_mutual`` is not a whole number of at least 1.

    Examples
    --------
    >>> from refkit.examples import toy_network
    >>> import dataclasses, pandas as pd
    >>> jobs = pd.DataFrame({"kind": ["applied", "applied"], "on": pd.to_datetime(["2026-08-15", "2026-08-02"]),
    ...                      "company": ["Stripe", "Umbrella"], "job_title": ["Data Engineer", "Analyst"]})
    >>> net = dataclasses.replace(toy_network(), jobs=jobs)
    >>> who = who_can_refer(net, today="2026-09-01")
    >>> who[["application", "company", "name", "degree", "introducer"]]
       application   company       name  degree   introducer
    0            1    Stripe     Ann Wu       1          NaN
    1            1    Stripe  Jane Chen       2  Priya Raman
    2            2  Umbrella        NaN    <NA>          NaN
    >>> who.loc[1, "how"]
    'ask Priya Raman to introduce you (4 mutual connections)'
    >>> who.loc[2, "note"]
    "nobody at 'Umbrella' in your network"
    """
    from refkit.rank import rank_targets
    from refkit.strength import tie_strength

    min_mutual = whole_number(min_mutual, "min_mutual", minimum=1)
    apps = applications(network)
    pieces = []
    if len(apps):
        people = network.people
        # one ranking for every company applied to (a match adds the same to each score, so each
        # company's people keep paths_into's order); each distinct company name matched once
        ranked = rank_targets(network, min_mutual=min_mutual, companies=list(dict.fromkeys(apps["company"])),
                              only_matching=True, tags=tags, today=today)
        ranked = ranked[ranked["company_match"]]
        strength = tie_strength(network, tags=tags, today=today)["strength"]
        yours = people[people["degree"] == 1]
        yours = yours.assign(_close=yours.index.map(strength).to_numpy(dtype=float, na_value=-1.0))
        yours = yours.sort_values("_close", ascending=False, kind="stable")  # who knows you best first
        names = [c for c in pd.unique(people["company"].dropna()) if str(c).strip()]
    found: dict[str, pd.DataFrame] = {}
    anyone: dict[str, bool] = {}  # anybody in the network at the company, whatever their degree
    for app in tqdm(list(apps.itertuples(index=False)), desc="applications", unit="application",
                    disable=len(apps) < 200, leave=False):
        company = app.company
        if company not in found:
            there = companies_matching(company, names)
            first = yours[yours["company"].isin(there)]
            direct = pd.DataFrame({
                "name": first["name"], "degree": 1, "position": first["position"], "introducer": pd.NA,
                "mutual_count": 0, "profile_url": first["profile_url"], "key": first.index})
            second = ranked[ranked["company"].isin(there)].assign(degree=2)[list(direct.columns)]
            found[company] = pd.concat([direct.reset_index(drop=True), second], ignore_index=True)
            anyone[company] = bool(there)
        rows = found[company]
        head = {"application": app.application, "applied_on": app.applied_on, "company": company,
                "job_title": app.job_title}
        if rows.empty:
            pieces.append(pd.DataFrame([{**head, "note": _nobody(network, company, min_mutual,
                                                                  anyone=anyone[company])}]))
            continue
        how = [("your connection" if degree == 1 else
                f"ask {introducer} to introduce you ({plural(int(count), 'mutual connection')})")
               for degree, introducer, count in zip(rows["degree"], rows["introducer"], rows["mutual_count"],
                                                     strict=True)]
        pieces.append(rows.assign(**head, how=how, note=None))
    if not pieces:
        frame = pd.DataFrame({c: pd.Series(dtype="str") for c in APPLICATION_COLUMNS})
    else:
        frame = pd.concat(pieces, ignore_index=True)
    out = frame.reindex(columns=list(APPLICATION_COLUMNS))
    out["application"] = out["application"].astype("int64")
    out["applied_on"] = pd.to_datetime(out["applied_on"]).astype("datetime64[us]")
    out["degree"] = out["degree"].astype("Int64")
    out["mutual_count"] = out["mutual_count"].astype("Int64")
    for column in ("company", "job_title", "name", "position", "introducer", "how", "profile_url", "key", "note"):
        out[column] = out[column].astype("str")
    return out


def _nobody(network: Network, company: str, min_mutual: int, *, anyone: bool) -> str:
    if not anyone:
        return _nobody_at(network, company)
    return (f"nobody at {company} is your connection or shares {min_mutual} or more connections "
            "with you")
