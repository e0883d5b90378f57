"""Seeded sample networks written in LinkedIn's real export formats.

A hidden "true" social graph is generated first: fictional people belong to
companies, schools and cities, and ties cluster inside those groups, so some
second-degree people share ten or more connections with the user. From that
graph :func:`write_samples` writes what a person would actually have on disk:
their own LinkedIn archive, Connections.csv files shared by friends (in the
formats of different years), a file of mutual counts captured from LinkedIn,
tags and a small edge list. :func:`generate` returns the graph itself, so
tests can check what refkit computes against the truth.

All people, profile URLs and e-mail addresses are fictional (e-mail domains
are the reserved ``example.com``/``example.org``/``example.net``).

This module does not import :mod:`refkit.read`: it writes the bytes itself,
following ``docs/FORMATS.md``.
"""

from __future__ import annotations

import base64
import csv
import io
import os
import unicodedata
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote, unquote

import numpy as np
import pandas as pd
from tqdm.auto import tqdm

from refkit._arrays import unique_sorted
from refkit._errors import RefkitError

if TYPE_CHECKING:  # pragma: no cover
    from refkit.build import Network

__all__ = ["SampleNetwork", "generate", "star_network", "write_samples"]

# ---------------------------------------------------------------------------
# Fixed facts of the formats
# ---------------------------------------------------------------------------

PREAMBLE = (
    "Notes:\n"
    '"When exporting your connection data, you may notice that some of the email '
    "addresses are missing. You will only see email addresses for connections who "
    "have allowed their connections to see or download their email address using "
    "this setting https://www.linkedin.com/psettings/privacy/email. You can learn "
    'more here https://www.linkedin.com/help/linkedin/answer/261"\n'
    "\n"
)
CONNECTIONS_HEADER_URL = [
    "First Name", "Last Name", "URL", "Email Address", "Company", "Position", "Connected On",
]
CONNECTIONS_HEADER = [
    "First Name", "Last Name", "Email Address", "Company", "Position", "Connected On",
]
EXCEL_HEADER = ["First Name", "Last Name", "Company", "Position", "Connected on"]
MESSAGES_HEADER = [
    "CONVERSATION ID", "CONVERSATION TITLE", "FROM", "SENDER PROFILE URL", "TO",
    "RECIPIENT PROFILE URLS", "DATE", "SUBJECT", "CONTENT", "FOLDER",
]
INVITATIONS_HEADER = [
    "From", "To", "Sent At", "Message", "Direction", "inviterProfileUrl", "inviteeProfileUrl",
]
POSITIONS_HEADER = ["Company Name", "Title", "Description", "Location", "Started On", "Finished On"]
PROFILE_HEADER = [
    "First Name", "Last Name", "Maiden Name", "Address", "Birth Date", "Headline", "Summary",
    "Industry", "Zip Code", "Geo Location", "Twitter Handles", "Websites", "Instant Messengers",
]
MUTUALS_HEADER = ["Name", "URL", "Company", "Position", "Mutual Count", "Mutual Connections"]
URL_PREFIX = "https://www.linkedin.com/in/"
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

#: the day the user downloaded their archive (the newest date anywhere)
EXPORT_DATE = np.datetime64("2025-11-14")
#: era of each shared export by position (owner 0 is the coach); the rest are 2023+
SHARED_ERAS = ("2023+", "2021-2023", "2018", "excel", "2023+")
#: last possible connection date in a file of that era (the day it was exported)
ERA_CAP = {
    "2023+": EXPORT_DATE,
    "2021-2023": np.datetime64("2022-11-03"),
    "2018": np.datetime64("2018-04-20"),
    "excel": np.datetime64("2022-06-27"),
}
FIRST_DATE = np.datetime64("2010-03-01")

# ---------------------------------------------------------------------------
# Pools (all fictional combinations)
# ---------------------------------------------------------------------------

FIRST_NAMES = (
    "Priya", "Tomás", "José", "Zoë", "João", "Ana", "Wei", "Mei", "Hiroshi", "Aiko", "Fatima",
    "Omar", "Aisha", "Kwame", "Chidi", "Ngozi", "Lars", "Søren", "Ingrid", "Björn", "Łukasz",
    "Agnieszka", "Mateo", "Lucía", "Sofía", "Camila", "Diego", "Andrés", "Élodie", "François",
    "Chloé", "Jürgen", "Anja", "Dmitri", "Olga", "Yusuf", "Elif", "Arjun", "Ananya", "Rohan",
    "Kavya", "Minh", "Linh", "Seo-yeon", "Ji-ho", "David", "Sarah", "Michael", "Jennifer",
    "James", "Emily", "Daniel", "Jessica", "Chris", "Ashley", "Ryan", "Megan", "Kevin", "Laura",
    "Brian", "Rachel", "Jason", "Nicole", "Tyler", "Hannah", "Marcus", "Olivia", "Ethan",
    "Grace", "Noah", "Ava", "Liam", "Maya", "Ben", "Zara", "Kofi", "Amara", "Siobhán", "Niamh",
    "Seán", "Raúl", "Inês", "Gabriel", "Isabela", "Thiago", "Nadia", "Karim", "Leila", "Yuki",
    "Kenji", "Rania", "Tariq", "Emma", "Lukas", "Mia", "Felix", "Ola", "Erik", "Astrid",
)
LAST_NAMES = (
    "Raman", "Ortega", "Chen", "Smith", "Silva", "Müller", "Nguyen", "Nguyễn", "Kim", "Park",
    "Lee", "Patel", "Shah", "Iyer", "Garcia", "García", "Martínez", "Rodríguez", "López",
    "Hernández", "Johansson", "Nielsen", "Kowalski", "Nowak", "Dubois", "Lefèvre", "Schmidt",
    "Weber", "Fischer", "Ivanova", "Petrov", "Yılmaz", "Demir", "Okafor", "Mensah", "Adeyemi",
    "Osei", "Tanaka", "Suzuki", "Sato", "Wang", "Li", "Zhang", "Liu", "Huang", "Brown",
    "Johnson", "Williams", "Jones", "Miller", "Davis", "Wilson", "Anderson", "Taylor", "Thomas",
    "Moore", "Jackson", "White", "Harris", "Clark", "O'Brien", "Núñez", "Dvořák", "van der Berg",
    "de la Cruz", "Al-Sayed", "Cohen", "Levi", "Haddad", "Khan", "Ahmed", "Hussain", "Costa",
    "Pereira", "Santos", "Ferreira", "Rossi", "Bianchi", "Novak", "Horváth", "Papadopoulos",
    "Jovanović", "Eriksson", "Andersen", "Gómez", "Reyes", "Banerjee", "Menon", "Takahashi",
)
CREDENTIALS = ("PhD", "MBA", "PMP", "CSPO®", "PHRi™", "CPA", "SHRM-CP", "MD", "CFA", "MBA, PMP")
EMOJI = ("🚀", "👨🏻\u200d💻", "🇧🇷", "✨", "🌱", "☕")
EMAIL_DOMAINS = ("example.com", "example.org", "example.net")

#: (name, relative size); tricky look-alikes on purpose
COMPANIES = (
    ("Stripe", 3), ("Epic Systems", 3), ("Epic Games", 2), ("Meta", 5), ("Metabase", 1),
    ("Acme GmbH", 2), ("Globex Inc.", 2), ("Google", 6), ("Microsoft", 6), ("Amazon", 6),
    ("Amazon Web Services (AWS)", 3), ("Salesforce", 3), ("Atlassian", 2), ("Shopify", 2),
    ("Datadog", 2), ("Spotify", 2), ("Zalando SE", 2), ("Booking.com", 2), ("Deloitte", 4),
    ("McKinsey & Company", 2), ("Accenture", 4), ("SAP", 3), ("Siemens", 3), ("Nubank", 2),
    ("Mercado Libre", 2), ("Figma", 1), ("Notion", 1), ("Canva", 1), ("Goldman Sachs", 2),
    ("JPMorgan Chase & Co.", 3), ("Kaiser Permanente", 2), ("Mayo Clinic", 2), ("Initech", 1),
    ("Hooli", 1), ("Umbrella Health", 1), ("Toptal, LLC", 1), ("Robert Half", 1),
    ("Self-employed", 2), ("Stealth Startup", 1), ("Infosys", 3), ("Wipro", 2),
)
USER_COMPANY_CHOICES = (
    "Stripe", "Epic Systems", "Metabase", "Acme GmbH", "Globex Inc.", "Datadog", "Shopify",
    "Atlassian", "Zalando SE", "Nubank",
)
SCHOOLS = (
    "University of Wisconsin-Madison", "Stanford University", "TU München",
    "Universidade de São Paulo", "IIT Bombay", "University of Toronto", "University of Michigan",
    "Carnegie Mellon University", "Georgia Institute of Technology", "Trinity College Dublin",
    "National University of Singapore", "Universidad de Buenos Aires",
    "Humboldt-Universität zu Berlin", "The University of Texas at Austin", "NC State University",
)
CITIES = (
    "San Francisco Bay Area", "New York, New York, United States", "Berlin, Germany",
    "London, England, United Kingdom", "São Paulo, Brazil", "Bengaluru, Karnataka, India",
    "Toronto, Ontario, Canada", "Madison, Wisconsin, United States", "Seattle, Washington, United States",
    "Austin, Texas, United States", "Munich, Bavaria, Germany", "Lisbon, Portugal", "Singapore",
    "Dublin, County Dublin, Ireland", "Raleigh-Durham-Chapel Hill Area",
)
#: (title, relative frequency)
TITLES = (
    ("Software Engineer", 10), ("Senior Software Engineer", 9), ("Staff Software Engineer", 3),
    ("Product Manager", 6), ("Senior Product Manager", 3), ("Data Scientist", 5),
    ("Senior Data Scientist", 3), ("Data Engineer", 4), ("Machine Learning Engineer", 3),
    ("Engineering Manager", 4), ("Director of Engineering", 1), ("VP of Engineering", 1),
    ("Technical Recruiter", 3), ("Recruiter", 2), ("Talent Acquisition Partner", 2),
    ("HR Business Partner", 1), ("UX Designer", 2), ("Product Designer", 2),
    ("Marketing Manager", 2), ("Account Executive", 2), ("Customer Success Manager", 2),
    ("Solutions Architect", 2), ("Site Reliability Engineer", 2), ("DevOps Engineer", 2),
    ("Business Analyst", 2), ("Financial Analyst", 1), ("Consultant", 3), ("Founder", 1),
    ("Co-Founder & CTO", 1), ("Research Scientist", 1), ("Project Manager", 2),
)
HR_TITLES = frozenset(
    {"Technical Recruiter", "Recruiter", "Talent Acquisition Partner", "HR Business Partner"}
)
USER_TITLES = (
    "Data Scientist", "Senior Data Scientist", "Software Engineer", "Senior Software Engineer",
    "Product Manager", "Data Engineer",
)
COACH_COMPANY = "Northstar Career Coaching"
COACH_POSITION = "Career Coach | Helping engineers land their next role"


# ---------------------------------------------------------------------------
# The result
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class SampleNetwork:
    """A generated network: the hidden truth behind the sample files.

    Attributes
    ----------
    seed : int
        The seed it was generated from.
    me : str
        Key of the user (``people.key`` of the row with ``degree == 0``).
    user_name, user_url, user_company, user_position : str
        The user as their own archive shows them.
    people : pandas.DataFrame
        One row per person, RangeIndex. Columns ``key`` (normalised profile URL:
        percent-decoded, case-folded, as :func:`refkit.resolve.normalize_url`
        returns it), ``url`` (as written in files), ``first_name``, ``last_name``
        (as written, credentials, emoji and stray spaces included), ``name``
        (display name: first and last stripped, joined by a space), ``company``,
        ``position`` (NA when the person shows none), ``school``, ``city``,
        ``email`` (NA for most), ``hidden`` (profile hidden or closed: exports show
        a date-only row) and ``degree`` (0 user, 1 the user's connections, 2 people
        tied to one of them, 3 the rest).
    ties : pandas.DataFrame
        The true graph, one row per undirected tie: ``a``, ``b`` (keys) and
        ``connected_on`` (date of the connection).
    connections : tuple of str
        Keys of the user's 1st-degree connections, newest first (the order of the
        user's Connections.csv).
    owners : pandas.DataFrame
        Owners of the shared exports (all 1st-degree connections of the user), in
        order: ``key``, ``name``, ``url``, ``file`` (file name in ``shared/``),
        ``era`` (``2023+``, ``2021-2023``, ``2018`` or ``excel``), ``rows`` (their
        number of connections) and ``coach`` (True for the career coach, row 0).
    positions : pandas.DataFrame
        The user's jobs, newest first: ``company``, ``title``, ``location``,
        ``started_on``, ``finished_on`` (NaT for the current job).
    captures : pandas.DataFrame
        The rows of ``mutuals_capture.csv``: ``key``, ``name``, ``url``,
        ``company``, ``position``, ``mutual_count`` (true number of the user's
        connections tied to the person) and ``mutual_names`` (tuple of 0-3 of
        their display names).
    """

    seed: int
    me: str
    user_name: str
    user_url: str
    user_company: str
    user_position: str
    people: pd.DataFrame
    ties: pd.DataFrame
    connections: tuple[str, ...]
    owners: pd.DataFrame
    positions: pd.DataFrame
    captures: pd.DataFrame


# ---------------------------------------------------------------------------
# Generation helpers (vectorised)
# ---------------------------------------------------------------------------


def _weighted_sample(rng: np.random.Generator, weights: np.ndarray, k: int) -> np.ndarray:
    """Indices of ``k`` items drawn without replacement with probability ~ weights."""
    positive = np.flatnonzero(weights > 0)
    k = min(k, positive.size)
    if k <= 0:
        return np.empty(0, dtype=np.int64)
    keys = rng.exponential(size=positive.size) / weights[positive]
    chosen = np.argpartition(keys, k - 1)[:k] if k < positive.size else np.arange(positive.size)
    chosen = chosen[np.argsort(keys[chosen], kind="stable")]
    return positive[chosen]


def _group_ties(
    rng: np.random.Generator,
    group: np.ndarray,
    members: np.ndarray,
    activity: np.ndarray,
    mean_stubs: float,
) -> tuple[np.ndarray, np.ndarray]:
    """Ties inside groups: each member sends Poisson(activity * mean_stubs) ties
    to members of its own group, chosen in proportion to their activity."""
    order = np.lexsort((members, group[members]))
    idx = members[order]
    grp = group[idx]
    weight = activity[idx]
    cum0 = np.concatenate([[0.0], np.cumsum(weight)])
    starts = np.flatnonzero(np.r_[True, grp[1:] != grp[:-1]])
    ends = np.r_[starts[1:], idx.size]
    group_pos = np.repeat(np.arange(starts.size), ends - starts)
    stubs = rng.poisson(weight * mean_stubs)
    src = np.repeat(np.arange(idx.size), stubs)
    g = group_pos[src]
    lo, hi = cum0[starts[g]], cum0[ends[g]]
    u = lo + rng.random(src.size) * (hi - lo)
    dst = np.searchsorted(cum0, u, side="right") - 1
    dst = np.clip(dst, starts[g], ends[g] - 1)
    a, b = idx[src], idx[dst]
    keep = a != b
    return a[keep], b[keep]


def _unique_pairs(a: np.ndarray, b: np.ndarray, n: int) -> tuple[np.ndarray, np.ndarray]:
    lo, hi = np.minimum(a, b), np.maximum(a, b)
    code = unique_sorted(lo.astype(np.int64) * n + hi)
    return code // n, code % n


def _ascii_fold(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text.replace("ł", "l").replace("Ł", "L"))
    folded = folded.replace("ø", "o").replace("ı", "i")
    return "".join(c for c in folded if not unicodedata.combining(c))


def _slug_part(text: str, *, keep_accents: bool) -> str:
    base = text if keep_accents else _ascii_fold(text)
    out = "".join(c if c.isalnum() else "-" for c in base.lower().replace("'", ""))
    return "-".join(p for p in out.split("-") if p)


def _display(first: str, last: str) -> str:
    return " ".join(p for p in (first.strip(), last.strip()) if p)


def _check_int(name: str, value: object, minimum: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int | np.integer) or value < minimum:
        raise RefkitError(f"{name}: expected an integer >= {minimum}, got {value!r}")
    return int(value)


# ---------------------------------------------------------------------------
# generate
# ---------------------------------------------------------------------------


def generate(
    *,
    seed: int = 7,
    n_connections: int = 300,
    n_shared: int = 5,
    coach_connections: int = 1700,
    shared_rows: int | None = None,
    n_captures: int = 80,
) -> SampleNetwork:
    """Generate a hidden social graph around a fictional user.

    Parameters
    ----------
    seed : int, default 7
        Same seed and options, same network.
    n_connections : int, default 300
        Size of the user's 1st-degree network (about 4 % are hidden profiles).
    n_shared : int, default 5
        How many of the user's connections share their own Connections.csv.
        The first is a career coach.
    coach_connections : int, default 1700
        Number of connections of the coach.
    shared_rows : int, optional
        Number of connections of every other owner; by default each has
        between 120 and 400.
    n_captures : int, default 80
        Number of 2nd-degree people whose mutual count was captured. When
        ``n_captures >= 24``, at least 12 of them have 10 or more mutual
        connections and at least a third have fewer than 10.

    Returns
    -------
    SampleNetwork

    Raises
    ------
    RefkitError
        When an option is not a usable integer or the network is too small for
        the owners and captures asked for.

    Examples
    --------
    >>> net = generate(seed=1, n_connections=60, n_shared=2, coach_connections=80, n_captures=10)
    >>> len(net.connections), len(net.owners), len(net.captures)
    (60, 2, 10)
    >>> net.people.loc[net.people["key"] == net.me, "degree"].item()
    0
    >>> bool(net.owners["coach"].iloc[0]), int(net.owners["rows"].iloc[0])
    (True, 80)
    """
    seed = _check_int("seed", seed, 0)
    n_connections = _check_int("n_connections", n_connections, 20)
    n_shared = _check_int("n_shared", n_shared, 0)
    coach_connections = _check_int("coach_connections", coach_connections, 10)
    if shared_rows is not None:
        shared_rows = _check_int("shared_rows", shared_rows, 10)
    n_captures = _check_int("n_captures", n_captures, 0)
    if n_shared > n_connections // 2:
        raise RefkitError(
            f"n_shared: expected at most half of n_connections ({n_connections // 2}), got {n_shared}"
        )
    rng = np.random.default_rng(np.random.SeedSequence([seed, 0x5A3]))

    # ---- population -------------------------------------------------------
    biggest = max(coach_connections, shared_rows or 400)
    n_others = max(3 * n_connections, 2 * biggest, 20 * n_captures, 600)
    n = 1 + n_connections + n_others
    comp_w = np.array([w for _, w in COMPANIES], dtype=float)
    company = rng.choice(len(COMPANIES), size=n, p=comp_w / comp_w.sum())
    school = rng.integers(0, len(SCHOOLS), size=n)
    city = rng.integers(0, len(CITIES), size=n)
    title_w = np.array([w for _, w in TITLES], dtype=float)
    title = rng.choice(len(TITLES), size=n, p=title_w / title_w.sum())
    activity = rng.lognormal(0.0, 1.0, size=n)
    activity /= activity.mean()

    # the user (index 0)
    company_names = [c for c, _ in COMPANIES]
    n_jobs = int(rng.integers(3, 5))
    job_names = list(rng.choice(USER_COMPANY_CHOICES, size=n_jobs, replace=False))
    user_jobs = np.array([company_names.index(c) for c in job_names])
    company[0] = user_jobs[0]
    user_title = str(rng.choice(USER_TITLES))

    # the user's connections: mostly from the same companies, school and city
    w = (
        1.0
        + 20.0 * np.isin(company, user_jobs)
        + 4.0 * (school == school[0])
        + 3.0 * (city == city[0])
    )
    w[0] = 0.0
    first_idx = _weighted_sample(rng, w, n_connections)
    is_first = np.zeros(n, dtype=bool)
    is_first[first_idx] = True

    hidden = rng.random(n) < 0.04
    hidden[0] = False
    visible_first = np.flatnonzero(is_first & ~hidden)

    # owners: visible connections; the coach first
    owners = rng.choice(visible_first, size=n_shared, replace=False) if n_shared else np.empty(0, int)
    is_owner = np.zeros(n, dtype=bool)
    is_owner[owners] = True
    eras = [SHARED_ERAS[i] if i < len(SHARED_ERAS) else "2023+" for i in range(n_shared)]
    if n_shared:
        rows = np.array(
            [coach_connections]
            + [
                shared_rows if shared_rows is not None else int(rng.integers(120, 401))
                for _ in range(n_shared - 1)
            ]
        )
    else:
        rows = np.empty(0, dtype=int)

    # ---- background ties (not involving user, owners or hidden people) ----
    members = np.flatnonzero(~is_owner & ~hidden)
    members = members[members != 0]
    pairs_a, pairs_b = [], []
    for grp, mean in ((company, 4.0), (school, 1.2), (city, 1.2), (np.zeros(n, int), 0.6)):
        a, b = _group_ties(rng, grp, members, activity, mean)
        pairs_a.append(a)
        pairs_b.append(b)
    bg_a, bg_b = _unique_pairs(np.concatenate(pairs_a), np.concatenate(pairs_b), n)

    # ---- owners' ties: exactly `rows` connections each, the user included --
    owner_pairs: list[tuple[int, int]] = []
    if n_shared > 1:
        oa, ob = np.triu_indices(n_shared, k=1)
        same = (company[owners[oa]] == company[owners[ob]]) | (school[owners[oa]] == school[owners[ob]])
        p = np.where(oa == 0, 0.5, np.where(same, 0.5, 0.05))
        tied = rng.random(oa.size) < p
        budget = rows - 1
        count = np.zeros(n_shared, dtype=int)
        for i, j in zip(oa[tied], ob[tied], strict=True):
            if count[i] < budget[i] and count[j] < budget[j]:
                count[i] += 1
                count[j] += 1
                owner_pairs.append((int(owners[i]), int(owners[j])))
    own_nbrs = {int(o): 0 for o in owners}
    for i, j in owner_pairs:
        own_nbrs[i] += 1
        own_nbrs[j] += 1
    ow_a, ow_b = [], []
    for pos in tqdm(
        range(n_shared), desc="shared exports", disable=True if n_shared < 20 else None, leave=False
    ):
        o = int(owners[pos])
        coach = pos == 0
        wo = (
            1.0
            + (1.0 if coach else 8.0) * (company == company[o])
            + (0.5 if coach else 4.0) * (school == school[o])
            + (1.0 if coach else 3.0) * (city == city[o])
            + (3.0 if coach else 6.0) * is_first
        ) * np.where(hidden, 0.4, 1.0)
        wo[is_owner] = 0.0
        wo[0] = 0.0
        picked = _weighted_sample(rng, wo, int(rows[pos]) - 1 - own_nbrs[o])
        ow_a.append(np.full(picked.size, o))
        ow_b.append(picked)
    if owner_pairs:
        arr = np.array(owner_pairs)
        ow_a.append(arr[:, 0])
        ow_b.append(arr[:, 1])
    ow_a_arr = np.concatenate(ow_a) if ow_a else np.empty(0, int)
    ow_b_arr = np.concatenate(ow_b) if ow_b else np.empty(0, int)

    # ---- the user's ties ---------------------------------------------------
    all_a = np.concatenate([np.zeros(first_idx.size, int), bg_a, ow_a_arr])
    all_b = np.concatenate([first_idx, bg_b, ow_b_arr])

    # ---- captures: true mutual counts among 2nd-degree people --------------
    vis1 = is_first & ~hidden
    candidate = ~is_first & ~hidden
    candidate[0] = False

    def mutual_counts(a: np.ndarray, b: np.ndarray) -> np.ndarray:
        left = vis1[a] & candidate[b]
        right = vis1[b] & candidate[a]
        return np.bincount(b[left], minlength=n) + np.bincount(a[right], minlength=n)

    counts = mutual_counts(all_a, all_b)
    # up to 40 % of the captures have 10+ mutuals; ties are planted only when the
    # graph has fewer than 12 such people (or half of a small n_captures)
    high_pool = np.flatnonzero(candidate & (counts >= 10))
    must = min(12, n_captures) if n_captures >= 24 else n_captures // 2
    n_high = max(must, min(round(0.4 * n_captures), high_pool.size))
    n_low = n_captures - n_high
    high = rng.permutation(high_pool)[:n_high]
    if high.size < n_high:
        # plant ties: top candidates below 10 get enough ties to the user's connections
        below = np.flatnonzero(candidate & (counts < 10) & (counts > 0))
        below = below[np.argsort(-counts[below], kind="stable")][: n_high - high.size]
        plant_a, plant_b = [], []
        plantable = vis1 & ~is_owner
        for t in below:
            nbrs = np.concatenate([all_b[all_a == t], all_a[all_b == t]])
            wt = (
                1.0 + 8.0 * (company == company[t]) + 3.0 * (school == school[t]) + 2.0 * (city == city[t])
            ) * plantable
            wt[nbrs] = 0.0
            extra = _weighted_sample(rng, wt, int(rng.integers(10, 22)) - int(counts[t]))
            plant_a.append(np.full(extra.size, t))
            plant_b.append(extra)
        if plant_a:
            all_a = np.concatenate([all_a, *plant_a])
            all_b = np.concatenate([all_b, *plant_b])
            counts = mutual_counts(all_a, all_b)
        high = np.concatenate([high, below])
    low_pool = np.flatnonzero(candidate & (counts >= 1) & (counts < 10))
    low_pool = low_pool[~np.isin(low_pool, high)]
    low = rng.permutation(low_pool)[:n_low]
    captured = rng.permutation(np.concatenate([high, low]).astype(np.int64))

    # ---- names, URLs ----------------------------------------------------------
    fi = rng.integers(0, len(FIRST_NAMES), size=n)
    li = rng.integers(0, len(LAST_NAMES), size=n)
    # same-name pairs among the user's visible connections (different URLs)
    plain_first = visible_first[~is_owner[visible_first]]
    n_pairs = min(4, plain_first.size // 2)
    twins = rng.choice(plain_first, size=2 * n_pairs, replace=False).reshape(-1, 2)
    fi[twins[:, 1]] = fi[twins[:, 0]]
    li[twins[:, 1]] = li[twins[:, 0]]
    first_pool = np.array(FIRST_NAMES, dtype=object)
    last_pool = np.array(LAST_NAMES, dtype=object)
    first = first_pool[fi].copy()
    last = last_pool[li].copy()
    accented = np.array([_ascii_fold(f + s) != f + s for f, s in zip(first, last, strict=True)])
    encoded = accented & (rng.random(n) < 0.4)
    suffix_mul = int(rng.integers(1, 2**23)) * 2 + 1
    suffix_add = int(rng.integers(0, 2**24))
    suffixes = (np.arange(n, dtype=np.int64) * suffix_mul + suffix_add) % (2**24)
    urls = np.empty(n, dtype=object)
    keys = np.empty(n, dtype=object)
    for i in range(n):
        keep = bool(encoded[i])
        slug = (
            f"{_slug_part(first[i], keep_accents=keep)}-{_slug_part(last[i], keep_accents=keep)}"
            f"-{suffixes[i]:06x}"
        )
        urls[i] = URL_PREFIX + (quote(slug, safe="-") if keep else slug)
        keys[i] = URL_PREFIX + unquote(slug).casefold()

    # decorations (not on the twins, so they stay same-name)
    plain = np.ones(n, dtype=bool)
    plain[twins.ravel()] = False
    plain[0] = False
    is_hr = np.isin(title, [i for i, (t, _) in enumerate(TITLES) if t in HR_TITLES])
    cred = plain & (rng.random(n) < np.where(is_hr, 0.25, 0.06))
    cred_pick = rng.integers(0, len(CREDENTIALS), size=n)
    emoji = plain & ~cred & (rng.random(n) < 0.015)
    emoji_pick = rng.integers(0, len(EMOJI), size=n)
    emoji_on_first = rng.random(n) < 0.5
    spaces = plain & (rng.random(n) < 0.02)
    for i in np.flatnonzero(cred):
        last[i] = f"{last[i]}, {CREDENTIALS[cred_pick[i]]}"
    for i in np.flatnonzero(emoji):
        if emoji_on_first[i]:
            first[i] = f"{first[i]} {EMOJI[emoji_pick[i]]}"
        else:
            last[i] = f"{last[i]} {EMOJI[emoji_pick[i]]}"
    for i in np.flatnonzero(spaces):
        if i % 2:
            first[i] = f" {first[i]}"
        else:
            last[i] = f"{last[i]} "

    # company / position as shown; ~5 % show none
    company_shown = np.array(company_names, dtype=object)[company]
    position_shown = np.array([t for t, _ in TITLES], dtype=object)[title]
    blank = rng.random(n) < 0.05
    blank[0] = False
    blank[owners] = False
    company_shown[blank] = None
    position_shown[blank] = None
    position_shown[0] = user_title
    if n_shared:
        company_shown[owners[0]] = COACH_COMPANY
        position_shown[owners[0]] = COACH_POSITION
    has_email = (rng.random(n) < 0.04) & ~hidden
    has_email[0] = False
    email = np.full(n, None, dtype=object)
    for i in np.flatnonzero(has_email):
        local = f"{_slug_part(first_pool[fi[i]], keep_accents=False)}.{_slug_part(last_pool[li[i]], keep_accents=False)}"
        email[i] = f"{local}{suffixes[i] % 97}@{EMAIL_DOMAINS[i % 3]}"
    names = np.array([_display(f, s) for f, s in zip(first, last, strict=True)], dtype=object)

    # ---- tie dates ---------------------------------------------------------------
    cap = np.full(n, EXPORT_DATE, dtype="datetime64[D]")
    for pos, era in enumerate(eras):
        cap[owners[pos]] = ERA_CAP[era]
    all_a, all_b = _unique_pairs(all_a, all_b, n)
    last_day = np.minimum(cap[all_a], cap[all_b])
    span = (last_day - FIRST_DATE).astype(np.int64)
    offset = np.floor(span * rng.random(all_a.size) ** 0.6).astype(np.int64)
    dates = FIRST_DATE + offset.astype("timedelta64[D]")

    # ---- degree ------------------------------------------------------------------
    degree = np.full(n, 3, dtype=np.int64)
    touches = np.zeros(n, dtype=bool)
    touches[all_b[is_first[all_a]]] = True
    touches[all_a[is_first[all_b]]] = True
    degree[touches] = 2
    degree[is_first] = 1
    degree[0] = 0

    people = pd.DataFrame(
        {
            "key": keys,
            "url": urls,
            "first_name": first,
            "last_name": last,
            "name": names,
            "company": company_shown,
            "position": position_shown,
            "school": np.array(SCHOOLS, dtype=object)[school],
            "city": np.array(CITIES, dtype=object)[city],
            "email": email,
            "hidden": hidden,
            "degree": degree,
        }
    )
    people = people.astype(
        {c: "str" for c in ("key", "url", "first_name", "last_name", "name", "company",
                            "position", "school", "city", "email")}
    )
    ties = pd.DataFrame({"a": keys[all_a], "b": keys[all_b], "connected_on": dates})
    ties = ties.astype({"a": "str", "b": "str"})

    # user's connections newest first
    user_side = all_a == 0
    conn_idx = all_b[user_side]
    conn_dates = dates[user_side]
    conn_order = conn_idx[np.lexsort((conn_idx, -conn_dates.astype(np.int64)))]

    files: list[str] = []
    for o in owners:
        stem = f"{_slug_part(first_pool[fi[o]], keep_accents=False)}_{_slug_part(last_pool[li[o]], keep_accents=False)}".replace("-", "_")
        name = f"{stem}_Connections.csv"
        k = 2
        while name in files:
            name = f"{stem}_{k}_Connections.csv"
            k += 1
        files.append(name)
    owner_frame = pd.DataFrame(
        {
            "key": keys[owners].astype(object),
            "name": names[owners].astype(object),
            "url": urls[owners].astype(object),
            "file": np.array(files, dtype=object),
            "era": np.array(eras, dtype=object),
            "rows": rows.astype(np.int64),
            "coach": np.arange(n_shared) == 0,
        }
    ).astype({"key": "str", "name": "str", "url": "str", "file": "str", "era": "str"})

    # the user's jobs, newest first
    starts = sorted(
        (
            np.datetime64(f"{2014 + 3 * j + int(rng.integers(0, 2))}-{int(rng.integers(1, 13)):02d}")
            for j in range(n_jobs)
        ),
        reverse=True,
    )
    job_titles = [user_title] + [
        str(rng.choice(USER_TITLES[::2] if j == n_jobs - 1 else USER_TITLES)) for j in range(1, n_jobs)
    ]
    positions = pd.DataFrame(
        {
            "company": [company_names[c] for c in user_jobs],
            "title": job_titles,
            "location": [CITIES[city[0]]] * n_jobs,
            "started_on": pd.to_datetime([str(s) for s in starts]),
            "finished_on": pd.to_datetime([None] + [str(s - 1) for s in starts[:-1]]),
        }
    ).astype({"company": "str", "title": "str", "location": "str"})

    # captures: names of 0-3 true mutuals
    cap_names: list[tuple[str, ...]] = []
    if captured.size:
        side_a = np.isin(all_a, captured) & vis1[all_b]
        side_b = np.isin(all_b, captured) & vis1[all_a]
        tgt = np.concatenate([all_a[side_a], all_b[side_b]])
        mut = np.concatenate([all_b[side_a], all_a[side_b]])
        order = np.lexsort((mut, tgt))
        tgt, mut = tgt[order], mut[order]
        for t in captured:
            mine = mut[np.searchsorted(tgt, t, "left") : np.searchsorted(tgt, t, "right")]
            k = int(rng.integers(0, min(3, mine.size) + 1))
            cap_names.append(tuple(str(names[m]) for m in rng.choice(mine, size=k, replace=False)))
    captures = pd.DataFrame(
        {
            "key": keys[captured].astype(object),
            "name": names[captured].astype(object),
            "url": urls[captured].astype(object),
            "company": company_shown[captured],
            "position": position_shown[captured],
            "mutual_count": counts[captured].astype(np.int64),
            "mutual_names": pd.Series(cap_names, dtype=object),
        }
    ).astype({c: "str" for c in ("key", "name", "url", "company", "position")})

    return SampleNetwork(
        seed=seed,
        me=str(keys[0]),
        user_name=str(names[0]),
        user_url=str(urls[0]),
        user_company=company_names[user_jobs[0]],
        user_position=user_title,
        people=people,
        ties=ties,
        connections=tuple(str(k) for k in keys[conn_order]),
        owners=owner_frame,
        positions=positions,
        captures=captures,
    )


# ---------------------------------------------------------------------------
# Writing helpers
# ---------------------------------------------------------------------------


def _csv_text(
    header: list[str],
    rows: list[list[str]],
    *,
    delimiter: str = ",",
    newline: str = "\n",
    final_newline: bool = True,
) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator=newline)
    writer.writerow(header)
    writer.writerows(rows)
    text = buffer.getvalue()
    return text if final_newline else text[: -len(newline)]


def _day_parts(days: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    days = days.astype("datetime64[D]")
    year = days.astype("datetime64[Y]").astype(np.int64) + 1970
    month = days.astype("datetime64[M]").astype(np.int64) % 12 + 1
    day = (days - days.astype("datetime64[M]")).astype(np.int64) + 1
    return year, month, day


def _format_dates(days: np.ndarray, era: str, minutes: np.ndarray) -> list[str]:
    """Connected On as the given era writes it; ``minutes`` past midnight for 2018."""
    year, month, day = _day_parts(days)
    if era == "2018":
        out = []
        for y, m, d, t in zip(year, month, day, minutes, strict=True):
            hour, minute = divmod(int(t), 60)
            h12 = hour % 12 or 12
            out.append(f"{m}/{d}/{y % 100:02d}, {h12}:{minute:02d} {'AM' if hour < 12 else 'PM'}")
        return out
    if era == "excel":
        return [f"{d:02d}.{m:02d}.{y}" for y, m, d in zip(year, month, day, strict=True)]
    return [f"{d:02d} {MONTHS[m - 1]} {y}" for y, m, d in zip(year, month, day, strict=True)]


def _sent_at(stamp: np.datetime64) -> str:
    """Invitations ``Sent At``: ``9/12/24, 3:05 PM``."""
    (y,), (m,), (d,) = _day_parts(np.array([stamp]))
    minutes = int((stamp - stamp.astype("datetime64[D]")).astype("timedelta64[m]").astype(np.int64))
    hour, minute = divmod(minutes, 60)
    return f"{m}/{d}/{y % 100:02d}, {hour % 12 or 12}:{minute:02d} {'AM' if hour < 12 else 'PM'}"


def _utc(stamp: np.datetime64) -> str:
    """messages.csv ``DATE``: ``2024-05-03 10:11:12 UTC``."""
    return str(stamp.astype("datetime64[s]")).replace("T", " ") + " UTC"


def _month_year(value: pd.Timestamp) -> str:
    return "" if pd.isna(value) else f"{MONTHS[value.month - 1]} {value.year}"


def _text(value: object) -> str:
    return "" if value is None or pd.isna(value) else str(value)


USER_MESSAGES = (
    "Hi {first}, great catching up last week! Let me know when you're free for coffee.",
    "Thanks so much for the intro, {first} - really appreciate it.",
    "Hey {first}, quick question: is {company} hiring for data roles this quarter?",
    'Congrats on the new role, {first}! "{position}" suits you.',
    "Hi {first},\nI saw the opening on your team and applied. Would you be open to a referral?",
    "Happy birthday, {first}! 🎉",
    "Sending you the notes from the meetup, {first}. Slides are in the drive.",
    "Hi {first}, hope all is well. Could we chat for 15 minutes about your time at {company}?",
)
REPLY_MESSAGES = (
    "Sure, happy to help! Send me your CV and the job ID.",
    "Great to hear from you! Thursday works, same place?",
    "Done - I forwarded your profile to the hiring manager.",
    "Thanks!! Still settling in, but loving it so far.",
    "Of course. Let me check with the team and get back to you, probably early next week.",
    "Haha, thank you 😊",
    "Yes, we are hiring. The posting should go live on Monday.",
)
RECRUITER_MESSAGES = (
    "Hi {first}, I came across your profile and think you'd be a great fit for a role on my team.",
    "Hello {first}, are you open to new opportunities? We're growing fast in {city}.",
)
INVITE_MESSAGES = (
    "",
    "",
    "Hi {first}, we have several mutual connections at {company} - would love to connect.",
    "Hi {first}, I enjoyed your talk last month. Let's connect!",
    "",
)


# ---------------------------------------------------------------------------
# write_samples
# ---------------------------------------------------------------------------


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

    people = net.people
    n = len(people)
    keys = people["key"].to_numpy(dtype=object)
    lookup = pd.Index(keys)
    first = people["first_name"].to_numpy(dtype=object)
    last = people["last_name"].to_numpy(dtype=object)
    name = people["name"].to_numpy(dtype=object)
    url = people["url"].to_numpy(dtype=object)
    email = people["email"].to_numpy(dtype=object, na_value="")
    company = people["company"].to_numpy(dtype=object, na_value="")
    position = people["position"].to_numpy(dtype=object, na_value="")
    city = people["city"].to_numpy(dtype=object)
    school = people["school"].to_numpy(dtype=object)
    hidden = people["hidden"].to_numpy()
    degree = people["degree"].to_numpy()
    me = int(lookup.get_loc(net.me))

    ta = lookup.get_indexer(net.ties["a"])
    tb = lookup.get_indexer(net.ties["b"])
    tdate = net.ties["connected_on"].to_numpy().astype("datetime64[D]")

    def neighbours(sources: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(source, neighbour, date) for every tie of ``sources``, newest first."""
        is_src = np.zeros(n, dtype=bool)
        is_src[sources] = True
        src = np.concatenate([ta[is_src[ta]], tb[is_src[tb]]])
        nbr = np.concatenate([tb[is_src[ta]], ta[is_src[tb]]])
        day = np.concatenate([tdate[is_src[ta]], tdate[is_src[tb]]])
        order = np.lexsort((nbr, -day.astype(np.int64), src))
        return src[order], nbr[order], day[order]

    def connection_rows(nbr: np.ndarray, dates: list[str], *, with_url: bool, with_email: bool):
        rows = []
        for i, when in zip(nbr, dates, strict=True):
            if hidden[i]:
                row = [""] * (4 + with_url + with_email) + [when]
            else:
                row = [first[i], last[i]]
                if with_url:
                    row.append(url[i])
                if with_email:
                    row.append(email[i])
                row += [company[i], position[i], when]
            rows.append(row)
        return rows

    # ---- the user's archive ------------------------------------------------------
    _, user_nbr, user_days = neighbours(np.array([me]))
    user_rows = connection_rows(
        user_nbr, _format_dates(user_days, "2023+", np.zeros(user_days.size)),
        with_url=True, with_email=True,
    )
    archive: dict[str, bytes] = {}
    archive["Connections.csv"] = (
        PREAMBLE + _csv_text(CONNECTIONS_HEADER_URL, user_rows, final_newline=False)
    ).encode("utf-8")

    visible = np.array([i for i in user_nbr if not hidden[i]])
    owner_idx = lookup.get_indexer(net.owners["key"])
    is_owner = np.zeros(n, dtype=bool)
    is_owner[owner_idx] = True

    # tags: family, close, former colleague, classmate, mentor
    user_company = net.user_company
    past = set(net.positions["company"].iloc[1:])
    tags: dict[int, list[str]] = {}
    pool = rng.permutation(visible)
    colleagues = [i for i in pool if company[i] in past][:4]
    classmates = [i for i in pool if school[i] == school[me] and i not in colleagues][:3]
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
    tag_rows = [[name[i], url[i], ";".join(labels)] for i, labels in tags.items()]
    put("tags.csv", _csv_text(["Name", "URL", "Tags"], tag_rows).encode("utf-8"))

    # messages: close ties often and both ways, others rarely, some unanswered
    frequent = [i for i, labels in tags.items() if {"family", "close", "mentor"} & set(labels)]
    others = [int(i) for i in pool if int(i) not in tags][:18]
    strangers = [int(i) for i in rng.permutation(np.flatnonzero((degree == 2) & ~hidden))[:2]]
    stamp0 = np.datetime64("2022-01-10T08:00:00", "s")
    horizon = int((EXPORT_DATE.astype("datetime64[s]") - stamp0).astype(np.int64)) - 40 * 86400
    messages: list[tuple[np.datetime64, list[str]]] = []
    for who, kind in (
        [(i, "frequent") for i in frequent]
        + [(i, "rare") for i in others]
        + [(i, "recruiter") for i in strangers]
    ):
        conv = "2-" + base64.b64encode(rng.bytes(30)).decode("ascii")
        when = stamp0 + np.timedelta64(int(rng.integers(0, horizon)), "s")
        n_msgs = int(rng.integers(6, 17)) if kind == "frequent" else int(rng.integers(1, 5))
        one_way = kind == "rare" and rng.random() < 0.35
        fill = {
            "first": first[who].strip().split(" ")[0],
            "company": company[who] or "your company",
            "position": position[who] or "the new role",
            "city": city[who],
        }
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
    messages.sort(key=lambda m: (m[0], m[1][0]), reverse=True)
    archive["messages.csv"] = _csv_text(
        MESSAGES_HEADER, [row for _, row in messages], final_newline=False
    ).encode("utf-8")

    # invitations: pending OUTGOING to 2nd-degree people, a few INCOMING
    captured = lookup.get_indexer(net.captures["key"])
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
            fill = {"first": first[receiver].strip().split(" ")[0], "company": company[receiver] or "work"}
            text = INVITE_MESSAGES[int(rng.integers(0, len(INVITE_MESSAGES)))].format(**fill)
            invitations.append(
                (stamp, [name[sender], name[receiver], _sent_at(stamp), text, direction, url[sender], url[receiver]])
            )
    invitations.sort(key=lambda r: r[0], reverse=True)
    archive["Invitations.csv"] = _csv_text(
        INVITATIONS_HEADER, [row for _, row in invitations], final_newline=False
    ).encode("utf-8")

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
    archive["Positions.csv"] = _csv_text(POSITIONS_HEADER, position_rows, final_newline=False).encode(
        "utf-8"
    )
    headline = f"{net.user_position} at {user_company} | Python, SQL, experimentation"
    summary = (
        f"I turn messy data into decisions. Previously at {', '.join(jobs['company'].iloc[1:])}."
    )
    profile_row = [first[me], last[me], "", "", "", headline, summary, "Software Development", "",
                   city[me], "", "", ""]
    archive["Profile.csv"] = _csv_text(PROFILE_HEADER, [profile_row], final_newline=False).encode("utf-8")
    for file_name in sorted(archive):
        put(f"my_linkedin_export/{file_name}", archive[file_name])
    if zip_archive:
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as zf:
            for file_name in sorted(archive):
                info = zipfile.ZipInfo(file_name, date_time=(2025, 11, 14, 9, 30, 0))
                info.compress_type = zipfile.ZIP_DEFLATED
                info.external_attr = 0o644 << 16
                zf.writestr(info, archive[file_name])
        put("my_linkedin_export.zip", buffer.getvalue())

    # ---- shared exports ----------------------------------------------------------
    src, nbr, days = neighbours(owner_idx) if owner_idx.size else (np.empty(0, int),) * 3
    bounds = np.searchsorted(src, owner_idx, "left"), np.searchsorted(src, owner_idx, "right")
    owner_rows = []
    for pos, row in enumerate(
        tqdm(
            list(net.owners.itertuples(index=False)), desc="writing shared exports",
            disable=True if len(net.owners) < 20 else None, leave=False,
        )
    ):
        lo, hi = bounds[0][pos], bounds[1][pos]
        their, their_days = nbr[lo:hi], days[lo:hi]
        minutes = rng.integers(7 * 60, 23 * 60, size=their.size)
        dates = _format_dates(their_days, row.era, minutes)
        if row.era == "2023+":
            rows = connection_rows(their, dates, with_url=True, with_email=True)
            data = (PREAMBLE + _csv_text(CONNECTIONS_HEADER_URL, rows, final_newline=False)).encode()
        elif row.era == "2021-2023":
            rows = connection_rows(their, dates, with_url=False, with_email=True)
            data = (PREAMBLE + _csv_text(CONNECTIONS_HEADER, rows, final_newline=False)).encode()
        elif row.era == "2018":
            rows = connection_rows(their, dates, with_url=False, with_email=True)
            data = _csv_text(CONNECTIONS_HEADER, rows).encode("utf-8")
        else:  # re-saved by Excel: ; cp1252 CRLF, padded preamble, no e-mail column
            rows = connection_rows(their, dates, with_url=False, with_email=False)
            pad = ";" * (len(EXCEL_HEADER) - 1)
            notes = PREAMBLE.split("\n")
            preamble = "".join(
                line.strip('"') + pad + "\r\n" for line in notes[:3]
            )
            text = preamble + _csv_text(EXCEL_HEADER, rows, delimiter=";", newline="\r\n")
            data = text.encode("cp1252", errors="replace")
        put(f"shared/{row.file}", data)
        owner_rows.append([row.file, row.name, row.url])
    put("shared/owners.csv", _csv_text(["file", "owner_name", "owner_url"], owner_rows).encode("utf-8"))

    # ---- refkit's own formats ----------------------------------------------------------
    capture_rows = [
        [r.name, r.url, _text(r.company), _text(r.position), str(r.mutual_count), ";".join(r.mutual_names)]
        for r in net.captures.itertuples(index=False)
    ]
    put("mutuals_capture.csv", _csv_text(MUTUALS_HEADER, capture_rows).encode("utf-8"))
    put("mutuals_template.csv", _csv_text(MUTUALS_HEADER, []).encode("utf-8"))

    # edges the user knows about: true ties between visible people, one of them a connection
    is_vis_first = np.zeros(n, dtype=bool)
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
    put("edges.csv", _csv_text(["source", "target", "note"], edge_rows).encode("utf-8"))
    return dict(sorted(written.items()))


def star_network(n_first: int, n_targets: int, *, mutual: int = 10, seed: int = 0) -> Network:
    """A plain synthetic :class:`~refkit.build.Network` for views and benchmarks.

    The user, ``n_first`` connections (``f0`` …) and ``n_targets`` 2nd-degree
    people (``t0`` …), each tied to ``mutual`` connections drawn at random;
    companies cycle through a few names, Stripe among them.

    Examples
    --------
    >>> net = star_network(20, 5, mutual=3)
    >>> int((net.people["degree"] == 2).sum()), len(net.ties)
    (5, 35)
    """
    from refkit.build import Network

    rng = np.random.default_rng(seed)
    first = [f"f{i}" for i in range(n_first)]
    targets = [f"t{j}" for j in range(n_targets)]
    companies = np.array(["Globex", "Initech", "Hooli", "Stripe", "Acme", "Umbrella"])
    people = pd.DataFrame(
        {"name": ["Me"] + [f"Friend {i}" for i in range(n_first)]
         + [f"Target {j}" for j in range(n_targets)],
         "company": [None, *companies[rng.integers(0, 6, n_first + n_targets)]],
         "position": "Engineer",
         "degree": [0] + [1] * n_first + [2] * n_targets},
        index=pd.Index(["me", *first, *targets], name="key"),
    )
    pairs = [("me", f) for f in first]
    for t in targets:
        pairs += [(first[i], t) for i in rng.choice(n_first, size=mutual, replace=False)]
    ties = pd.DataFrame(pairs, columns=["a", "b"]).assign(source="x.csv", kind="shared")
    return Network(people=people, ties=ties, me="me")

