"""The hidden true graph: :func:`generate` and the :class:`SampleNetwork` it returns."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from urllib.parse import quote, unquote

import numpy as np
import pandas as pd
from tqdm.auto import tqdm

from refkit._arrays import unique_sorted
from refkit._errors import RefkitError
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
