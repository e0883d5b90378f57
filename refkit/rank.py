"""Who to reach, through whom, and why.

Mutual counts and the threshold are in :mod:`refkit.mutuals`, tie strength in
:mod:`refkit.strength`, company matching in :mod:`refkit.companies`; their public
names are re-exported here.

Introducer
    The mutual connection on the strongest path to the target, judged from both
    ends (:func:`~refkit.strength.pair_strength`: how well the user knows them,
    plus how long they have known the target when their export is pooled); the
    alternates follow in the same order (ties broken by the near end, then by name).

Score
    ``mutual_count + 10 × (works at a target company) + 5 × (position matches
    a keyword) + min(pair strength of the best introducer, 20) / 4``: the mutual
    count leads (the coaching rule), a target company or role comes next, and a
    strong path is worth up to 5 mutual connections.
"""

from __future__ import annotations

import datetime as dt
import math
import warnings
from collections import namedtuple
from collections.abc import Iterable
from itertools import chain
from typing import Any

import numpy as np
import pandas as pd

from refkit._arrays import run_starts, unique_sorted
from refkit._errors import OptionError, RefkitWarning
from refkit._text import is_missing, per_text
from refkit._validate import whole_number
from refkit.build import Network
from refkit.companies import _common_ground, _employer_status, company_matches, keyword_pattern
from refkit.mutuals import (
    DEFAULT_MIN_MUTUAL,
    ThresholdSummary,
    _cached,
    _counts,
    check_min_mutual,
    mutual_connections,
    mutual_counts,
    threshold_counts,
    threshold_summary,
)
from refkit.resolve import NameIndex, normalize_name, normalize_url
from refkit.strength import (
    TAG_WEIGHTS,
    _normalize_tags,
    _pairs,
    _strength,
    _today,
    pair_strength,
    tie_strength,
)
from refkit.tags import TagsLike

__all__ = [
    "DEFAULT_MIN_MUTUAL",
    "RANK_COLUMNS",
    "TAG_WEIGHTS",
    "check_min_mutual",
    "company_matches",
    "keyword_pattern",
    "mutual_connections",
    "mutual_counts",
    "pair_strength",
    "paths_into",
    "rank_targets",
    "threshold_counts",
    "threshold_summary",
    "tie_strength",
    "ThresholdSummary",
]

RANK_COLUMNS = [
    "rank", "name", "profile_url", "company", "position", "mutual_count", "mutual_connections",
    "introducer", "alternates", "score", "reason",
]
EXTRA_COLUMNS = [
    "key", "introducer_key", "alternate_keys", "mutual_keys", "company_match", "keyword_match",
    "pending_invitation", "pending_since", "common_ground", "introducer_since",
]


# ----------------------------------------------------------------------------
# ranking


def _candidates(network: Network, tag_map: dict[str, tuple[str, ...]],
                today: pd.Timestamp) -> tuple[pd.DataFrame, list[str], dict[str, np.ndarray]]:
    """Everything about targets that does not depend on threshold, companies or keywords.

    Returns the candidates, the keys of all introducers, target by target, best
    path first (a candidate's introducers are ``introducers[_start:_stop]``;
    tuples are made only for the rows a ranking keeps), and what
    :func:`~refkit.strength.pair_strength` says of each of those paths, in the
    same order.
    """
    key = ("candidates", tuple(sorted(tag_map.items())), today)

    def compute() -> tuple[pd.DataFrame, list[str], dict[str, np.ndarray]]:
        return _build_candidates(network, _pairs(network, tag_map, today))

    return _cached(network, key, compute)


def _build_candidates(network: Network,
                      pairs: dict[str, np.ndarray]) -> tuple[pd.DataFrame, list[str], dict[str, np.ndarray]]:
    codes, mutual = _counts(network)
    people = network.people
    keys = people.index
    key_arr = keys.to_numpy(dtype=object)
    target, mutual_code = pairs["target"], pairs["mutual"]
    # introducer order within each target: strongest path first, then the near end, then by
    # name; introducers are 1st-degree connections, so only their names are needed
    # (ranks among the 1st-degree people that are someone's mutual connection: the same order)
    first = unique_sorted(mutual_code)
    first = first[people["degree"].to_numpy()[first] == 1]
    name_rank = np.zeros(len(keys), dtype="int64")
    first_names = people["name"].array.take(first).fillna("").to_numpy(dtype=object)
    name_rank[first[np.argsort(first_names, kind="stable")]] = np.arange(len(first))
    order = np.lexsort((name_rank[mutual_code], -pairs["near"], -pairs["pair"], target))
    paths = {k: v[order] for k, v in pairs.items()}
    target, mutual_code = paths["target"], paths["mutual"]
    starts = run_starts(target)
    # rows of ``mutual`` are sorted by people position, as are the targets: align by position
    rows = np.searchsorted(codes, target[starts])
    cand = mutual[["mutual_count", "known_count", "reported_count"]].copy()
    bounds = np.r_[starts, len(target)]
    start, stop = np.zeros(len(codes), dtype="int64"), np.zeros(len(codes), dtype="int64")
    start[rows], stop[rows] = bounds[:-1], bounds[1:]
    cand["_start"], cand["_stop"] = start, stop
    best = np.zeros(len(codes))
    best[rows] = paths["pair"][starts]
    cand["best_strength"] = best
    # the near end's best among the target's mutual connections: "knows you best" or not
    nearest = np.zeros(len(codes))
    if len(starts):
        nearest[rows] = np.maximum.reduceat(paths["near"], starts)
    cand["_nearest"] = nearest
    for col in ("name", "profile_url", "company", "position"):
        cand[col] = people[col].array.take(codes)
    cand["may_be_yours"] = _may_be_yours(network, codes)
    pending = _pending_invitations(network)
    cand["pending_since"] = pending.reindex(cand.index) if len(pending) else pd.Series(
        pd.NaT, index=cand.index, dtype=pending.dtype)
    return cand, key_arr[mutual_code].tolist(), paths


def _may_be_yours(network: Network, codes: np.ndarray) -> np.ndarray:
    """Whether each of the people at ``codes`` may be one of your connections: known by no
    profile URL, and named as one of them is (whom their company could not tell apart)."""
    no_url = np.asarray(network.people.index[codes].str.startswith("name:"), dtype=bool)
    if not no_url.any():
        return no_url
    norms = network.name_norms.array
    yours = set(norms[network.people["degree"].to_numpy() == 1].tolist()) - {""}
    return no_url & np.fromiter((n in yours for n in norms.take(codes).tolist()), dtype=bool,
                                count=len(codes))


def _pending_invitations(network: Network) -> pd.Series:
    """Dates of outgoing invitations still pending, by person key."""
    inv = network.invitations
    if inv is None or inv.empty or "direction" not in inv:
        return pd.Series(dtype="datetime64[ns]")
    out = inv[inv["direction"].fillna("").str.upper().eq("OUTGOING")]
    people = network.people
    wanted = {normalize_name(n) for n in out["to_name"].dropna()}
    is_named = network.name_norms.isin(wanted).to_numpy()
    named = people[is_named]
    index = NameIndex.from_columns(named.index, named["name"], named["company"],
                                   norms=network.name_norms[is_named])
    keys = []
    for url, name in zip(out.get("invitee_url", pd.Series(pd.NA, index=out.index)), out["to_name"],
                         strict=True):
        keys.append(normalize_url(url) or (index.resolve(name) if isinstance(name, str) else None))
    dates = pd.Series(pd.to_datetime(out["sent_at"]).to_numpy(), index=keys)
    dates = dates[dates.index.notna()]
    # a connection that already accepted is 1st-degree: no longer pending
    dates = dates[dates.index.isin(people.index[people["degree"] == 2])]
    return dates.groupby(level=0).max()


def rank_targets(
    network: Network,
    *,
    min_mutual: int = DEFAULT_MIN_MUTUAL,
    companies: Iterable[str] = (),
    keywords: Iterable[str] = (),
    tags: TagsLike = None,
    only_matching: bool = False,
    require_introducer: bool = False,
    top: int | None = None,
    today: object = None,
) -> pd.DataFrame:
    """Rank the 2nd-degree people worth reaching, with their introducers and a reason.

    Keeps the 2nd-degree people with at least ``min_mutual`` mutual
    connections and scores them (see the module docstring): the mutual count,
    plus 10 for a target company, 5 for a keyword in the position, and up to
    5 for a strong tie to the best introducer. The introducer is the mutual
    connection the user knows best (:func:`tie_strength`).

    Parameters
    ----------
    network : Network
        The user's network, from :func:`refkit.build.build_network`.
    min_mutual : int, default 10
        Keep people with at least this many mutual connections (a whole
        number of at least 1).
    companies : iterable of str
        Target companies; a match adds 10 to the score (see :func:`company_matches`).
    keywords : iterable of str
        Words to find in the position (whole words, any case); a match adds 5.
    tags : Tags, mapping or DataFrame, optional
        The user's tags for their connections (see :func:`tie_strength`); read
        a tags CSV with :func:`refkit.read.read_tag_map`.
    only_matching : bool, default False
        Keep only people matching a target company or a keyword (when any is given).
    require_introducer : bool, default False
        Keep only people with a named mutual connection to ask.
    top : int, optional
        Keep the best ``top`` rows (a whole number of at least 1).
    today : date-like, optional
        Reference date for tie strength (default: today).

    Returns
    -------
    DataFrame
        Columns ``rank, name, profile_url, company, position, mutual_count,
        mutual_connections, introducer, alternates, score, reason`` then
        ``key, introducer_key, alternate_keys, mutual_keys, company_match,
        keyword_match, pending_invitation, pending_since, common_ground,
        introducer_since`` (the day the introducer connected with the
        target, as their pooled export says; NaT when unknown). Best first;
        people with an invitation already pending (``pending_since`` the date
        it was sent, from Invitations.csv) come last. A new frame:
        the network is not changed.

    Raises
    ------
    OptionError
        When ``min_mutual`` or ``top`` is not a whole number of at least 1, or
        ``tags`` is a path (read it with :func:`refkit.read.read_tag_map`).
    RefkitError
        When ``tags`` is of a type refkit does not read as tags.

    See Also
    --------
    paths_into : Who the user knows, and could reach, at one company.

    Examples
    --------
    >>> from refkit.examples import toy_network
    >>> net = toy_network()
    >>> ranked = rank_targets(net, min_mutual=2, companies=["Stripe"], keywords=["analyst"],
    ...                       today="2026-06-01")
    >>> ranked[["rank", "name", "mutual_count", "introducer", "alternates", "score"]]
       rank         name  mutual_count   introducer            alternates  score
    0     1    Jane Chen             4  Priya Raman  Tomás Ortega; Ann Wu  18.79
    1     2     Lee Park             2  Priya Raman          Tomás Ortega  11.79
    2     3  Omar Haddad             2  Priya Raman               Bob Lee   6.79
    >>> print(ranked.loc[0, "reason"])
    4 mutual connections (3 known by name); works at Stripe (target company); Priya Raman knows you best (connected 7 years, 4 messages); how long Priya Raman has known Jane Chen is unknown (not in a shared export)
    >>> print(ranked.loc[1, "reason"])
    2 mutual connections; position matches 'Analyst'; Priya Raman knows you best (connected 7 years, 4 messages); how long Priya Raman has known Lee Park is unknown (not in a shared export)

    Tags say how well the user knows a connection:

    >>> everyone = rank_targets(net, min_mutual=1, tags={"Bob Lee": ["close"]}, today="2026-06-01")
    >>> print(everyone.set_index("name").loc["Sara Diaz", "reason"])
    1 mutual connection; Bob Lee knows you best (connected 3 years, tagged close) and has known Sara Diaz for 3 weeks

    Bob's own export is pooled, so it says how long he has known Omar Haddad.
    Tagged close and mentor, Bob is the better path to Omar, though Priya knows
    you better: the pair is judged from both ends.

    >>> closer = rank_targets(net, min_mutual=1, tags={"Bob Lee": ["close", "mentor"]},
    ...                       today="2026-06-01")
    >>> print(closer.set_index("name").loc["Omar Haddad", "reason"])
    2 mutual connections; Bob Lee knows you (connected 3 years, tagged close; mentor) and has known Omar Haddad for 11 years
    """
    min_mutual = check_min_mutual(min_mutual)
    if top is not None:
        top = whole_number(top, "top", minimum=1)
    companies = [str(c) for c in companies if str(c).strip()]
    keywords = [str(k) for k in keywords if str(k).strip()]
    tag_map = _normalize_tags(network, tags)
    today_ts = _today(today)
    cand, introducers, paths = _candidates(network, tag_map, today_ts)
    sel = cand[cand["mutual_count"] >= min_mutual]
    if require_introducer:
        sel = sel[(sel["_stop"] > sel["_start"]).to_numpy()]

    pattern = keyword_pattern(keywords)
    nobody = [None] * len(sel)
    company_hit = (per_text(lambda c: company_matches(c, companies), sel["company"].tolist())
                   if companies else nobody)
    keyword_hit = (per_text(lambda p: m.group(0) if isinstance(p, str) and (m := pattern.search(p)) else None,
                            sel["position"].tolist()) if pattern is not None else nobody)
    out = sel.assign(company_hit=company_hit, keyword_hit=keyword_hit)
    out["company_match"] = out["company_hit"].notna()
    out["keyword_match"] = out["keyword_hit"].notna()
    if only_matching and (companies or keywords):
        out = out[out["company_match"] | out["keyword_match"]]
    out["score"] = (out["mutual_count"] + 10 * out["company_match"] + 5 * out["keyword_match"]
                    + out["best_strength"].clip(upper=20) / 4).round(2)
    out["pending_invitation"] = out["pending_since"].notna()
    out = out.assign(_name=out["name"].fillna("")).sort_values(
        ["pending_invitation", "score", "mutual_count", "_name"],
        ascending=[True, False, False, True], kind="stable")
    if top is not None:
        out = out.head(int(top))
    out["mutual_keys"] = [tuple(introducers[a:b]) for a, b in
                          zip(out["_start"].tolist(), out["_stop"].tolist(), strict=True)]
    return _finish(network, out, _strength(network, tag_map, today_ts), paths, today_ts)


_ROW_FIELDS = ("name", "company", "mutual_count", "known_count", "reported_count", "company_hit",
               "keyword_hit", "pending_since", "may_be_yours")
_Row = namedtuple("_Row", _ROW_FIELDS)  # what _reason and _far_words read of a ranked row


def _finish(network: Network, out: pd.DataFrame, strength: pd.DataFrame,
            paths: dict[str, np.ndarray], today: pd.Timestamp) -> pd.DataFrame:
    names = _Names(network.people["name"], out["mutual_keys"].tolist())
    employers = _employer_status(network)
    grounds: dict[object, str | None] = {}  # worked out once per company
    ties: dict[str, str] = {}  # and once per introducer
    day = today.date()
    columns: dict[str, list[Any]] = {c: [] for c in ("mutual_connections", "introducer", "alternates",
                                                      "reason", "introducer_key", "alternate_keys",
                                                      "common_ground")}
    # column lists, not itertuples: iterating pandas' str columns cell by cell is slow
    fields = [out[c].tolist() for c in _ROW_FIELDS]
    # the chosen path of each row (its first; rows without an introducer read path 0, unused)
    has_intro = out["_stop"].to_numpy() > out["_start"].to_numpy()
    at = np.where(has_intro, out["_start"].to_numpy(), 0)
    chosen = {k: (v[at] if len(v) else np.zeros(len(at), dtype=v.dtype)) for k, v in paths.items()
              if k in ("near", "far_known", "since", "years", "peers")}
    far_ends = zip(chosen["far_known"].astype(bool).tolist(),
                   chosen["since"].astype("datetime64[D]").tolist(),
                   chosen["years"].astype(float).tolist(), chosen["peers"].astype("int64").tolist(),
                   strict=True)
    for row, keys, near, nearest, far_end in zip(map(_Row._make, zip(*fields, strict=True)),
                                                 out["mutual_keys"].tolist(), chosen["near"].tolist(),
                                                 out["_nearest"].tolist(), far_ends, strict=True):
        intro = keys[0] if keys else None
        company = row.company if isinstance(row.company, str) else None
        if company not in grounds:
            grounds[company] = _common_ground(row.company, employers)
        ground = grounds[company]
        if intro is not None and intro not in ties:
            ties[intro] = _tie_words(strength, intro)
        shown = [str(names.get(k, k)) for k in keys]
        far = _far_words(row, far_end, day, shown[0]) if intro is not None else ""
        best = intro is None or near >= nearest
        columns["mutual_connections"].append("; ".join(shown))
        columns["introducer"].append(names.get(intro) if intro else pd.NA)
        columns["alternates"].append("; ".join(shown[1:]))
        columns["reason"].append(_reason(row, intro, names, ties.get(intro, ""), ground, far, best))
        columns["introducer_key"].append(intro if intro else pd.NA)
        columns["alternate_keys"].append(tuple(keys[1:]))
        columns["common_ground"].append(ground if ground else pd.NA)
    extra = pd.DataFrame({**{c: columns[c] for c in ("mutual_connections", "introducer", "alternates",
                                                     "reason")},
                          "key": out.index.tolist(),
                          **{c: columns[c] for c in ("introducer_key", "alternate_keys", "common_ground")}},
                         index=out.index)
    since = np.where(has_intro, chosen["since"].astype("datetime64[D]"), np.datetime64("NaT", "D"))
    extra["introducer_since"] = pd.to_datetime(since.astype("datetime64[s]"))
    result = pd.concat([out, extra], axis=1).reset_index(drop=True)
    result.insert(0, "rank", pd.RangeIndex(1, len(result) + 1))
    for col in ("name", "profile_url", "company", "position", "mutual_connections", "introducer",
                "alternates", "reason", "key", "introducer_key", "common_ground"):
        result[col] = result[col].astype("str")
    result["mutual_count"] = result["mutual_count"].astype("int64")
    result["score"] = result["score"].astype(float)
    return result[RANK_COLUMNS + EXTRA_COLUMNS]


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


class _Names(dict):
    """Display names of the people in ``keys`` (tuples of keys), as a dict (``Series.get``
    per key is slow in a loop over rows)."""

    def __init__(self, names: pd.Series, keys: list[tuple[str, ...]]) -> None:
        wanted = list(dict.fromkeys(chain.from_iterable(keys)))
        super().__init__(zip(wanted, names.reindex(wanted).tolist(), strict=True))


def _reason(row: Any, intro: str | None, names: _Names, tie_words: str, ground: str | None,
            far_words: str = "", best: bool = True) -> str:
    parts = [_plural(int(row.mutual_count), "mutual connection")]
    if 0 < row.known_count < row.mutual_count:
        parts[0] += f" ({int(row.known_count)} known by name)"
    # pandas 3 stores these as str columns: a miss is NaN there, not None
    if not is_missing(row.company_hit):
        parts.append(f"works at {row.company} (target company)")
    if not is_missing(row.keyword_hit):
        parts.append(f"position matches '{row.keyword_hit}'")
    if ground:
        parts.append(ground)
    if row.may_be_yours:
        parts.append(f"you have a connection named {row.name} too: they may be the same person "
                     "(no profile URL tells)")
    if not pd.isna(row.pending_since):
        parts.append(f"invitation pending since {pd.Timestamp(row.pending_since).date()}: don't send another")
    if intro is not None:
        parts.append(f"{names.get(intro, intro)} {'knows you best' if best else 'knows you'}"
                     + (f" ({tie_words})" if tie_words else "") + far_words)
    elif row.reported_count:
        parts.append("no mutual connection named yet: capture their names from LinkedIn")
    return "; ".join(parts)


def _tie_words(strength: pd.DataFrame, key: str) -> str:
    if key not in strength.index:
        return ""
    s = strength.loc[key]
    bits = []
    years = float(s["years_connected"])
    if years >= 1:
        bits.append(f"connected {_plural(int(math.floor(years)), 'year')}")
    if int(s["messages"]):
        bits.append(_plural(int(s["messages"]), "message"))
    if bool(s["shared_employer"]):
        bits.append("worked at your company")
    if int(s.get("recommendations_received", 0)):
        bits.append("wrote you a recommendation")
    if int(s.get("recommendations_given", 0)):
        bits.append("you recommended them")
    endorsements = int(s.get("endorsements", 0))
    if endorsements:
        bits.append("endorsed you once" if endorsements == 1 else f"endorsed you {endorsements} times")
    if s["tags"]:
        bits.append(f"tagged {s['tags']}")
    return ", ".join(bits)


def _duration(days: int, years: float) -> str:
    """How long, in plain words: "9 years", "5 months", "3 weeks", "less than a week".

    ``years`` is the same span rounded as tie strength rounds it (to 0.1 year), so that
    the words agree with the points.
    """
    if years >= 1:
        return _plural(int(math.floor(years)), "year")
    if days >= 30:
        return _plural(int(days // 30.44) or 1, "month")
    if days >= 7:
        return _plural(days // 7, "week")
    return "less than a week"


def _far_words(row: Any, far: tuple[bool, dt.date | None, float, int], today: dt.date,
               intro_name: object) -> str:
    """What the chosen introducer's own export says about the target (the far end):
    ``far`` is the path's ``(far_known, since, years, peers)``."""
    far_known, since, years, peers = far
    target = row.name if isinstance(row.name, str) and row.name else "them"
    if not far_known:
        return f"; how long {intro_name} has known {target} is unknown (not in a shared export)"
    if since is None:
        words = f" and knows {target} (their export gives no date)"
    else:
        words = f" and has known {target} for {_duration(max((today - since).days, 0), years)}"
    if peers and isinstance(row.company, str):
        others = "1 other person" if peers == 1 else f"{peers} other people"
        words += f" (and knows {others} at {row.company})"
    return words


def paths_into(
    network: Network,
    company: str,
    *,
    min_mutual: int = 1,
    tags: TagsLike = None,
    today: object = None,
) -> pd.DataFrame:
    """Who the user knows at ``company``, and who they could reach there.

    The people whose company matches ``company`` (:func:`company_matches`):
    the user's 1st-degree connections there, whom they can ask directly, then
    the 2nd-degree people there with at least ``min_mutual`` mutual
    connections, best first as :func:`rank_targets` orders them, with their
    introducers.

    Parameters
    ----------
    network : Network
        The user's network, from :func:`refkit.build.build_network`.
    company : str
        The company, as the user would write it (``"Stripe"`` matches
        ``"Stripe, Inc."`` but not ``"Stripes"``).
    min_mutual : int, default 1
        Keep 2nd-degree people with at least this many mutual connections.
    tags : Tags, mapping or DataFrame, optional
        The user's tags, as :func:`rank_targets` takes them (they choose the introducers).
    today : date-like, optional
        Reference date for tie strength (default: today).

    Returns
    -------
    DataFrame
        One row per person at the company, 1st-degree first; columns ``name,
        degree, company, position, profile_url, mutual_count`` (0 for
        1st-degree people), ``introducer`` (missing for 1st-degree people),
        ``alternates`` and ``key``.

    Raises
    ------
    OptionError
        When ``company`` is empty or blank, or ``min_mutual`` is not a whole
        number of at least 1.

    Examples
    --------
    >>> from refkit.examples import toy_network
    >>> stripe = paths_into(toy_network(), "Stripe", today="2026-06-01")
    >>> stripe[["name", "degree", "company", "mutual_count", "introducer"]]
            name  degree       company  mutual_count   introducer
    0     Ann Wu       1  Stripe, Inc.             0          NaN
    1  Jane Chen       2        Stripe             4  Priya Raman
    """
    if not str(company).strip():
        raise OptionError("paths_into needs a company name, got an empty one", value=company)
    people = network.people
    at_company = np.array([company_matches(c, [company]) is not None for c in people["company"]],
                          dtype=bool)
    if not at_company.any():  # an empty answer says why: a typo is the usual reason
        from refkit.companies import _nobody_at

        warnings.warn(_nobody_at(network, company), RefkitWarning, stacklevel=2)
    first = people[(people["degree"] == 1).to_numpy() & at_company]
    direct = pd.DataFrame(
        {
            "name": first["name"], "degree": 1, "company": first["company"],
            "position": first["position"], "profile_url": first["profile_url"],
            "mutual_count": 0, "introducer": pd.NA, "alternates": "", "key": first.index,
        }
    ).reset_index(drop=True)
    reach = rank_targets(network, min_mutual=min_mutual, companies=[company], only_matching=True,
                         tags=tags, today=today)
    reach = reach[reach["company_match"]]
    second = reach.assign(degree=2)[list(direct.columns)]
    out = pd.concat([direct, second], ignore_index=True)
    out["degree"] = out["degree"].astype("int64")
    out["mutual_count"] = out["mutual_count"].astype("int64")
    for col in ("name", "company", "position", "profile_url", "introducer", "alternates", "key"):
        out[col] = out[col].astype("str")
    return out
