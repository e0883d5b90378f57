"""The hidden true graph: :func:`generate` and the :class:`SampleNetwork` it returns."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from urllib.parse import quote, unquote

import numpy as np
import pandas as pd
from tqdm.auto import tqdm

from refkit._arrays import unique_sorted
from refkit._errors import OptionError
from refkit._validate import is_whole_number
from refkit.testing._formats import ERA_CAP, EXPORT_DATE, FIRST_DATE, SHARED_ERAS, URL_PREFIX
from refkit.testing._pools import (
    CITIES,
    COACH_COMPANY,
    COACH_POSITION,
    COMPANIES,
    CREDENTIALS,
    EMAIL_DOMAINS,
    EMOJI,
    FIRST_NAMES,
    HR_TITLES,
    LAST_NAMES,
    SCHOOLS,
    TITLES,
    USER_COMPANY_CHOICES,
    USER_TITLES,
)


@dataclass(frozen=True)
class SampleNetwork:
    """A generated network: the hidden truth behind the sample files.

    Made by :func:`generate`; :func:`write_samples` writes the files a person
    would have from it. Each parameter is kept as the attribute of the same name.

    Parameters
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

    Examples
    --------
    >>> net = generate(seed=1, n_connections=60, n_shared=2, coach_connections=80, n_captures=10)
    >>> net.user_name
    'Ryan Johansson'
    >>> net.people["degree"].value_counts().sort_index().to_dict()
    {0: 1, 1: 60, 2: 506, 3: 294}
    >>> len(net.connections) == int((net.people["degree"] == 1).sum())
    True
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
    if not is_whole_number(value) or value < minimum:  # type: ignore[operator]
        raise OptionError(f"{name}: expected an integer >= {minimum}, got {value!r}", value=value)
    return int(value)


# ---------------------------------------------------------------------------
# Stages of generate (each draws from the same generator, in this order)
# ---------------------------------------------------------------------------

_COMPANY_NAMES = tuple(c for c, _ in COMPANIES)


@dataclass(frozen=True)
class _Population:
    """Who exists: attributes by person index (0 is the user), the user's 1st degree, owners."""

    n: int
    company: np.ndarray
    school: np.ndarray
    city: np.ndarray
    title: np.ndarray
    activity: np.ndarray
    n_jobs: int
    user_jobs: np.ndarray
    user_title: str
    first_idx: np.ndarray
    is_first: np.ndarray
    hidden: np.ndarray
    visible_first: np.ndarray
    owners: np.ndarray
    is_owner: np.ndarray
    eras: list[str]
    rows: np.ndarray


@dataclass(frozen=True)
class _Names:
    """How each person shows: names, URLs, keys, company and position as shown, e-mail."""

    fi: np.ndarray
    li: np.ndarray
    first: np.ndarray
    last: np.ndarray
    names: np.ndarray
    urls: np.ndarray
    keys: np.ndarray
    company_shown: np.ndarray
    position_shown: np.ndarray
    email: np.ndarray


def _population(
    rng: np.random.Generator, *, n_connections: int, n_shared: int, coach_connections: int,
    shared_rows: int | None, n_captures: int,
) -> _Population:
    """Attributes of everyone, the user's jobs, the user's connections and who is hidden."""
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
    n_jobs = int(rng.integers(3, 5))
    job_names = list(rng.choice(USER_COMPANY_CHOICES, size=n_jobs, replace=False))
    user_jobs = np.array([_COMPANY_NAMES.index(c) for c in job_names])
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
    owners, is_owner, eras, rows = _owners(
        rng, visible_first, n, n_shared=n_shared, coach_connections=coach_connections,
        shared_rows=shared_rows,
    )
    return _Population(
        n=n, company=company, school=school, city=city, title=title, activity=activity,
        n_jobs=n_jobs, user_jobs=user_jobs, user_title=user_title, first_idx=first_idx,
        is_first=is_first, hidden=hidden, visible_first=visible_first, owners=owners,
        is_owner=is_owner, eras=eras, rows=rows,
    )


def _owners(
    rng: np.random.Generator, visible_first: np.ndarray, n: int, *, n_shared: int,
    coach_connections: int, shared_rows: int | None,
) -> tuple[np.ndarray, np.ndarray, list[str], np.ndarray]:
    """Owners of shared exports (visible connections; the coach first), their eras and sizes."""
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
    return owners, is_owner, eras, rows


def _background_ties(rng: np.random.Generator, pop: _Population) -> tuple[np.ndarray, np.ndarray]:
    """Ties inside companies, schools, cities and at large (not the user, owners or hidden people)."""
    n = pop.n
    members = np.flatnonzero(~pop.is_owner & ~pop.hidden)
    members = members[members != 0]
    pairs_a, pairs_b = [], []
    for grp, mean in ((pop.company, 4.0), (pop.school, 1.2), (pop.city, 1.2), (np.zeros(n, int), 0.6)):
        a, b = _group_ties(rng, grp, members, pop.activity, mean)
        pairs_a.append(a)
        pairs_b.append(b)
    return _unique_pairs(np.concatenate(pairs_a), np.concatenate(pairs_b), n)


def _ties_among_owners(rng: np.random.Generator, pop: _Population) -> list[tuple[int, int]]:
    """Ties between owners, within each owner's budget of ``rows - 1`` (the user is one)."""
    owners, company, school = pop.owners, pop.company, pop.school
    n_shared = owners.size
    owner_pairs: list[tuple[int, int]] = []
    if n_shared > 1:
        oa, ob = np.triu_indices(n_shared, k=1)
        same = (company[owners[oa]] == company[owners[ob]]) | (school[owners[oa]] == school[owners[ob]])
        p = np.where(oa == 0, 0.5, np.where(same, 0.5, 0.05))
        tied = rng.random(oa.size) < p
        budget = pop.rows - 1
        count = np.zeros(n_shared, dtype=int)
        for i, j in zip(oa[tied], ob[tied], strict=True):
            if count[i] < budget[i] and count[j] < budget[j]:
                count[i] += 1
                count[j] += 1
                owner_pairs.append((int(owners[i]), int(owners[j])))
    return owner_pairs


def _owner_ties(rng: np.random.Generator, pop: _Population) -> tuple[np.ndarray, np.ndarray]:
    """Owners' ties: exactly ``rows`` connections each, the user included."""
    owners, company, school, city = pop.owners, pop.company, pop.school, pop.city
    n_shared = owners.size
    owner_pairs = _ties_among_owners(rng, pop)
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
            + (3.0 if coach else 6.0) * pop.is_first
        ) * np.where(pop.hidden, 0.4, 1.0)
        wo[pop.is_owner] = 0.0
        wo[0] = 0.0
        picked = _weighted_sample(rng, wo, int(pop.rows[pos]) - 1 - own_nbrs[o])
        ow_a.append(np.full(picked.size, o))
        ow_b.append(picked)
    if owner_pairs:
        arr = np.array(owner_pairs)
        ow_a.append(arr[:, 0])
        ow_b.append(arr[:, 1])
    ow_a_arr = np.concatenate(ow_a) if ow_a else np.empty(0, int)
    ow_b_arr = np.concatenate(ow_b) if ow_b else np.empty(0, int)
    return ow_a_arr, ow_b_arr


def _mutual_counts(pop: _Population, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """For every person, how many visible connections of the user are tied to them (candidates only)."""
    vis1 = pop.is_first & ~pop.hidden
    candidate = _candidates(pop)
    left = vis1[a] & candidate[b]
    right = vis1[b] & candidate[a]
    return np.bincount(b[left], minlength=pop.n) + np.bincount(a[right], minlength=pop.n)


def _candidates(pop: _Population) -> np.ndarray:
    """Who can be captured: visible people who are not the user's connections (nor the user)."""
    candidate = ~pop.is_first & ~pop.hidden
    candidate[0] = False
    return candidate


def _captures(
    rng: np.random.Generator, pop: _Population, all_a: np.ndarray, all_b: np.ndarray, n_captures: int,
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Who is captured, with true mutual counts; ties planted when too few have 10+.

    Returns the ties (with any planted ones), the mutual counts and the captured people.
    """
    candidate = _candidates(pop)
    counts = _mutual_counts(pop, all_a, all_b)
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
        plant_a, plant_b = _planted_ties(rng, pop, all_a, all_b, counts, below)
        if plant_a:
            all_a = np.concatenate([all_a, *plant_a])
            all_b = np.concatenate([all_b, *plant_b])
            counts = _mutual_counts(pop, all_a, all_b)
        high = np.concatenate([high, below])
    low_pool = np.flatnonzero(candidate & (counts >= 1) & (counts < 10))
    low_pool = low_pool[~np.isin(low_pool, high)]
    low = rng.permutation(low_pool)[:n_low]
    captured = rng.permutation(np.concatenate([high, low]).astype(np.int64))
    return all_a, all_b, counts, captured


def _planted_ties(
    rng: np.random.Generator, pop: _Population, all_a: np.ndarray, all_b: np.ndarray,
    counts: np.ndarray, below: np.ndarray,
) -> tuple[list[np.ndarray], list[np.ndarray]]:
    """New ties from each of ``below`` to the user's connections, up to 10-21 mutuals each."""
    company, school, city = pop.company, pop.school, pop.city
    plant_a, plant_b = [], []
    plantable = pop.is_first & ~pop.hidden & ~pop.is_owner
    for t in below:
        nbrs = np.concatenate([all_b[all_a == t], all_a[all_b == t]])
        wt = (
            1.0 + 8.0 * (company == company[t]) + 3.0 * (school == school[t]) + 2.0 * (city == city[t])
        ) * plantable
        wt[nbrs] = 0.0
        extra = _weighted_sample(rng, wt, int(rng.integers(10, 22)) - int(counts[t]))
        plant_a.append(np.full(extra.size, t))
        plant_b.append(extra)
    return plant_a, plant_b


def _names_urls(rng: np.random.Generator, pop: _Population) -> tuple[np.ndarray, ...]:
    """First and last names (with same-name pairs), profile URLs and keys.

    Returns ``fi``, ``li`` (pool indices), ``twins``, ``first``, ``last``, ``urls``,
    ``keys`` and the URL ``suffixes``.
    """
    n = pop.n
    fi = rng.integers(0, len(FIRST_NAMES), size=n)
    li = rng.integers(0, len(LAST_NAMES), size=n)
    # same-name pairs among the user's visible connections (different URLs)
    plain_first = pop.visible_first[~pop.is_owner[pop.visible_first]]
    n_pairs = min(4, plain_first.size // 2)
    twins = rng.choice(plain_first, size=2 * n_pairs, replace=False).reshape(-1, 2)
    fi[twins[:, 1]] = fi[twins[:, 0]]
    li[twins[:, 1]] = li[twins[:, 0]]
    first = np.array(FIRST_NAMES, dtype=object)[fi].copy()
    last = np.array(LAST_NAMES, dtype=object)[li].copy()
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
    return fi, li, twins, first, last, urls, keys, suffixes


def _decorations(
    rng: np.random.Generator, pop: _Population, twins: np.ndarray, first: np.ndarray, last: np.ndarray,
) -> tuple[np.ndarray, np.ndarray]:
    """Names with credentials, emoji and stray spaces (not on the twins, so they stay same-name)."""
    n = pop.n
    first, last = first.copy(), last.copy()
    plain = np.ones(n, dtype=bool)
    plain[twins.ravel()] = False
    plain[0] = False
    is_hr = np.isin(pop.title, [i for i, (t, _) in enumerate(TITLES) if t in HR_TITLES])
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
    return first, last


def _names(rng: np.random.Generator, pop: _Population) -> _Names:
    """Names, URLs, decorations, company and position as shown (~5 % show none), e-mails."""
    n, owners = pop.n, pop.owners
    fi, li, twins, first, last, urls, keys, suffixes = _names_urls(rng, pop)
    first, last = _decorations(rng, pop, twins, first, last)
    company_shown = np.array(_COMPANY_NAMES, dtype=object)[pop.company]
    position_shown = np.array([t for t, _ in TITLES], dtype=object)[pop.title]
    blank = rng.random(n) < 0.05
    blank[0] = False
    blank[owners] = False
    company_shown[blank] = None
    position_shown[blank] = None
    position_shown[0] = pop.user_title
    if owners.size:
        company_shown[owners[0]] = COACH_COMPANY
        position_shown[owners[0]] = COACH_POSITION
    has_email = (rng.random(n) < 0.04) & ~pop.hidden
    has_email[0] = False
    email = np.full(n, None, dtype=object)
    for i in np.flatnonzero(has_email):
        local = f"{_slug_part(FIRST_NAMES[fi[i]], keep_accents=False)}.{_slug_part(LAST_NAMES[li[i]], keep_accents=False)}"
        email[i] = f"{local}{suffixes[i] % 97}@{EMAIL_DOMAINS[i % 3]}"
    names = np.array([_display(f, s) for f, s in zip(first, last, strict=True)], dtype=object)
    return _Names(fi=fi, li=li, first=first, last=last, names=names, urls=urls, keys=keys,
                  company_shown=company_shown, position_shown=position_shown, email=email)


def _tie_dates(
    rng: np.random.Generator, pop: _Population, all_a: np.ndarray, all_b: np.ndarray,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Each tie once, with a date no later than both sides' export (older eras stop earlier)."""
    cap = np.full(pop.n, EXPORT_DATE, dtype="datetime64[D]")
    for pos, era in enumerate(pop.eras):
        cap[pop.owners[pos]] = ERA_CAP[era]
    all_a, all_b = _unique_pairs(all_a, all_b, pop.n)
    last_day = np.minimum(cap[all_a], cap[all_b])
    span = (last_day - FIRST_DATE).astype(np.int64)
    offset = np.floor(span * rng.random(all_a.size) ** 0.6).astype(np.int64)
    dates = FIRST_DATE + offset.astype("timedelta64[D]")
    return all_a, all_b, dates


def _people_frame(pop: _Population, names: _Names, all_a: np.ndarray, all_b: np.ndarray) -> pd.DataFrame:
    """One row per person, with the degree seen from the user."""
    is_first = pop.is_first
    degree = np.full(pop.n, 3, dtype=np.int64)
    touches = np.zeros(pop.n, dtype=bool)
    touches[all_b[is_first[all_a]]] = True
    touches[all_a[is_first[all_b]]] = True
    degree[touches] = 2
    degree[is_first] = 1
    degree[0] = 0
    people = pd.DataFrame(
        {
            "key": names.keys,
            "url": names.urls,
            "first_name": names.first,
            "last_name": names.last,
            "name": names.names,
            "company": names.company_shown,
            "position": names.position_shown,
            "school": np.array(SCHOOLS, dtype=object)[pop.school],
            "city": np.array(CITIES, dtype=object)[pop.city],
            "email": names.email,
            "hidden": pop.hidden,
            "degree": degree,
        }
    )
    return people.astype(
        {c: "str" for c in ("key", "url", "first_name", "last_name", "name", "company",
                            "position", "school", "city", "email")}
    )


def _owner_frame(pop: _Population, names: _Names) -> pd.DataFrame:
    """The owners of shared exports, with a file name each (unique)."""
    owners = pop.owners
    files: list[str] = []
    for o in owners:
        stem = f"{_slug_part(FIRST_NAMES[names.fi[o]], keep_accents=False)}_{_slug_part(LAST_NAMES[names.li[o]], keep_accents=False)}".replace("-", "_")
        name = f"{stem}_Connections.csv"
        k = 2
        while name in files:
            name = f"{stem}_{k}_Connections.csv"
            k += 1
        files.append(name)
    return pd.DataFrame(
        {
            "key": names.keys[owners].astype(object),
            "name": names.names[owners].astype(object),
            "url": names.urls[owners].astype(object),
            "file": np.array(files, dtype=object),
            "era": np.array(pop.eras, dtype=object),
            "rows": pop.rows.astype(np.int64),
            "coach": np.arange(owners.size) == 0,
        }
    ).astype({"key": "str", "name": "str", "url": "str", "file": "str", "era": "str"})


def _positions_frame(rng: np.random.Generator, pop: _Population) -> pd.DataFrame:
    """The user's jobs, newest first."""
    n_jobs = pop.n_jobs
    starts = sorted(
        (
            np.datetime64(f"{2014 + 3 * j + int(rng.integers(0, 2))}-{int(rng.integers(1, 13)):02d}")
            for j in range(n_jobs)
        ),
        reverse=True,
    )
    job_titles = [pop.user_title] + [
        str(rng.choice(USER_TITLES[::2] if j == n_jobs - 1 else USER_TITLES)) for j in range(1, n_jobs)
    ]
    return pd.DataFrame(
        {
            "company": [_COMPANY_NAMES[c] for c in pop.user_jobs],
            "title": job_titles,
            "location": [CITIES[pop.city[0]]] * n_jobs,
            "started_on": pd.to_datetime([str(s) for s in starts]),
            "finished_on": pd.to_datetime([None] + [str(s - 1) for s in starts[:-1]]),
        }
    ).astype({"company": "str", "title": "str", "location": "str"})


def _capture_frame(
    rng: np.random.Generator, pop: _Population, names: _Names, all_a: np.ndarray, all_b: np.ndarray,
    counts: np.ndarray, captured: np.ndarray,
) -> pd.DataFrame:
    """The rows of mutuals_capture.csv, with names of 0-3 true mutuals each."""
    vis1 = pop.is_first & ~pop.hidden
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
            cap_names.append(tuple(str(names.names[m]) for m in rng.choice(mine, size=k, replace=False)))
    return pd.DataFrame(
        {
            "key": names.keys[captured].astype(object),
            "name": names.names[captured].astype(object),
            "url": names.urls[captured].astype(object),
            "company": names.company_shown[captured],
            "position": names.position_shown[captured],
            "mutual_count": counts[captured].astype(np.int64),
            "mutual_names": pd.Series(cap_names, dtype=object),
        }
    ).astype({c: "str" for c in ("key", "name", "url", "company", "position")})


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
    OptionError
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
        raise OptionError(
            f"n_shared: expected at most half of n_connections ({n_connections // 2}), got {n_shared}",
            value=n_shared,
        )
    rng = np.random.default_rng(np.random.SeedSequence([seed, 0x5A3]))
    pop = _population(rng, n_connections=n_connections, n_shared=n_shared,
                      coach_connections=coach_connections, shared_rows=shared_rows,
                      n_captures=n_captures)
    bg_a, bg_b = _background_ties(rng, pop)
    ow_a, ow_b = _owner_ties(rng, pop)
    all_a = np.concatenate([np.zeros(pop.first_idx.size, int), bg_a, ow_a])  # the user's ties first
    all_b = np.concatenate([pop.first_idx, bg_b, ow_b])
    all_a, all_b, counts, captured = _captures(rng, pop, all_a, all_b, n_captures)
    names = _names(rng, pop)
    all_a, all_b, dates = _tie_dates(rng, pop, all_a, all_b)
    keys = names.keys
    ties = pd.DataFrame({"a": keys[all_a], "b": keys[all_b], "connected_on": dates})
    ties = ties.astype({"a": "str", "b": "str"})
    # user's connections newest first
    user_side = all_a == 0
    conn_idx = all_b[user_side]
    conn_order = conn_idx[np.lexsort((conn_idx, -dates[user_side].astype(np.int64)))]
    people = _people_frame(pop, names, all_a, all_b)
    owner_frame = _owner_frame(pop, names)
    positions = _positions_frame(rng, pop)
    captures = _capture_frame(rng, pop, names, all_a, all_b, counts, captured)
    return SampleNetwork(
        seed=seed,
        me=str(keys[0]),
        user_name=str(names.names[0]),
        user_url=str(names.urls[0]),
        user_company=_COMPANY_NAMES[pop.user_jobs[0]],
        user_position=pop.user_title,
        people=people,
        ties=ties,
        connections=tuple(str(k) for k in keys[conn_order]),
        owners=owner_frame,
        positions=positions,
        captures=captures,
    )
