"""How well the user knows each 1st-degree connection.

Tie strength
    How well the user knows each 1st-degree connection, as a sum of visible
    parts (each in its own column of :func:`tie_strength`), every part
    monotone — more of it never lowers the strength:

    ==================  =================================================
    part                points
    ==================  =================================================
    years connected     1 per year, at most 10
    messages            3 × log2(1 + messages exchanged)
    both wrote          2 when messages went both ways
    recency             3 if the last message is under 1 year old, 1 if under 3
    shared employer     4 when they work at a company the user worked at
    recommendation      6 when they wrote the user a recommendation
    received            (Recommendations_Received.csv, whatever its status)
    recommendation      4 when the user wrote them one (Recommendations_Given.csv)
    given
    endorsements        1 per endorsement received, at most 3
                        (Endorsement_Received_Info.csv; rejected ones left out)
    tags                family 6, close 6, former colleague 4, mentor 4,
                        classmate 3, any other tag 1 (summed)
    ==================  =================================================

Pair strength
    An introduction needs someone who knows the user *and* knows the target.
    :func:`pair_strength` scores each (target, introducer) pair from both ends:
    the introducer's tie strength (the near end) plus what the introducer's own
    export, when pooled, says about the far end:

    ==========================  =============================================
    far end                     points
    ==========================  =============================================
    years known the target      1 per year, at most 10 (their "Connected On")
    colleagues of the target    2 × log2(1 + others at the target's company in
                                their export), at most 6
    ==========================  =============================================

    When no export of the introducer is pooled (the tie comes from a capture or
    an edge list) the far end is unknown: it adds nothing and the reason says
    so, rather than guess.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd

from refkit._arrays import run_starts, unique_sorted
from refkit._limits import plausible_dates
from refkit.build import Network
from refkit.companies import _distinctive
from refkit.mutuals import _cached, _tie_codes
from refkit.resolve import NameIndex, normalize_company, normalize_name, normalize_url
from refkit.tags import TagsLike, as_tags

__all__ = ["OTHER_TAG_WEIGHT", "TAG_WEIGHTS", "explain_tags", "pair_strength", "tie_strength"]

TAG_WEIGHTS = {"family": 6.0, "close": 6.0, "former colleague": 4.0, "mentor": 4.0, "classmate": 3.0}
OTHER_TAG_WEIGHT = 1.0
RECOMMENDATION_RECEIVED_POINTS = 6.0
RECOMMENDATION_GIVEN_POINTS = 4.0
ENDORSEMENT_POINTS_CAP = 3.0



def _tag_owners(network: Network, tags: TagsLike) -> list[tuple[object, str | None, tuple[str, ...]]]:
    """``(who, key or None, tags)`` for each entry: the one rule for whom a tag is about."""
    tags = as_tags(tags)
    if not tags:
        return []
    index = _first_degree_index(network, list(tags))
    out = []
    for who, clean in tags.items():
        key = normalize_url(who) or index.resolve(who)
        out.append((who, key if key in network.people.index else None, clean))
    return out


def _normalize_tags(network: Network, tags: TagsLike) -> dict[str, tuple[str, ...]]:
    """Map 1st-degree keys to tag tuples (``tags`` as :func:`~refkit.tags.as_tags` takes it)."""
    out: dict[str, tuple[str, ...]] = {}
    for _, key, clean in _tag_owners(network, tags):
        if key is not None:
            out[key] = tuple(sorted(set(out.get(key, ())) | set(clean)))
    return out


def explain_tags(network: Network, tags: TagsLike) -> list[str]:
    """Each tagged person who is not one of your connections, with the closest names for a typo.

    Tags count only for 1st-degree connections; a name or URL that matches
    none of them is otherwise ignored without a word.

    Parameters
    ----------
    network : Network
        The user's network.
    tags : Tags, mapping or DataFrame
        As :func:`tie_strength` takes them.

    Returns
    -------
    list of str
        One sentence per entry that counts for nobody; empty when every entry is one of yours.

    Raises
    ------
    OptionError
        When ``tags`` is a path (read it with :func:`refkit.read.read_tag_map`).

    Examples
    --------
    >>> from refkit.examples import toy_network
    >>> explain_tags(toy_network(), {"Bob Lee": "close", "Bob Le": "mentor"})
    ["tags for 'Bob Le' count for nobody: not one of your connections; did you mean 'Bob Lee'?"]
    """
    from refkit.companies import _did_you_mean, closest_names

    is_first = network.people["degree"] == 1
    first_norms = network.name_norms[is_first].value_counts()
    notes = []
    for who, key, _ in _tag_owners(network, tags):
        if key is not None:
            continue
        namesakes = 0 if normalize_url(who) else int(first_norms.get(normalize_name(str(who)), 0))
        if namesakes > 1:
            notes.append(f"tags for {str(who)!r} count for nobody: {namesakes} of your connections have "
                         "that name (give the profile URL in the URL column)")
            continue
        close = [] if normalize_url(who) else closest_names(network.people.loc[is_first, "name"], str(who), n=2)
        notes.append(f"tags for {str(who)!r} count for nobody: not one of your connections{_did_you_mean(close)}")
    return notes


def _first_degree_index(network: Network, names: Iterable[object]) -> NameIndex:
    """An index of the 1st-degree connections known by any of ``names`` (those to be resolved)."""
    wanted = {normalize_name(n) for n in names if isinstance(n, str)} - {""}
    norms = network.name_norms
    is_first = ((network.people["degree"] == 1) & norms.isin(wanted)).to_numpy()
    first = network.people[is_first]
    return NameIndex.from_columns(first.index, first["name"], first["company"],
                                  norms=norms[is_first])


def _message_stats(network: Network, today: pd.Timestamp) -> pd.DataFrame:
    cols = ["messages", "last_message", "they_wrote", "you_wrote"]
    msgs = network.messages
    first = network.first_degree
    empty = pd.DataFrame(index=first, columns=cols)
    if msgs is None or msgs.empty:
        return empty
    recipients = msgs["recipients"].dropna().astype(str).tolist()
    index = _first_degree_index(network, [*msgs["sender"].dropna().astype(str), *recipients,
                                          *(p for r in recipients if "," in r for p in r.split(","))])
    me_norm = normalize_name(network.me_name)
    sender_norm = msgs["sender"].fillna("").astype(str).map(normalize_name)
    sender_url = msgs["sender_url"].map(normalize_url) if "sender_url" in msgs else None
    is_me = sender_norm.eq(me_norm)
    if sender_url is not None:
        is_me |= sender_url.eq(network.me)
    if not is_me.any() and len(msgs):
        # the archive's owner is the most frequent sender
        is_me = sender_norm.eq(sender_norm.mode().iloc[0])
    rows = []
    rec_urls = msgs["recipient_urls"] if "recipient_urls" in msgs else pd.Series(pd.NA, index=msgs.index)
    for mine, sender, s_url, recipients, r_urls, sent_at in zip(
        is_me, msgs["sender"], sender_url if sender_url is not None else [None] * len(msgs),
        msgs["recipients"], rec_urls, msgs["sent_at"], strict=True,
    ):
        if mine:
            keys = []
            if isinstance(r_urls, str) and r_urls.strip():
                keys = [normalize_url(u) for u in r_urls.split(",")]
            if not any(keys) and isinstance(recipients, str):
                keys = [index.resolve(recipients)] if "," not in recipients else [
                    index.resolve(p) for p in recipients.split(",")]
            for k in keys:
                if k:
                    rows.append((k, sent_at, False))
        else:
            k = s_url or (index.resolve(sender) if isinstance(sender, str) else None)
            if k:
                rows.append((k, sent_at, True))
    if not rows:
        return empty
    frame = pd.DataFrame(rows, columns=["key", "sent_at", "they"])
    frame = frame[first.get_indexer(frame["key"]) >= 0]
    g = frame.groupby("key")
    stats = pd.DataFrame(
        {
            "messages": g.size(),
            "last_message": g["sent_at"].max(),
            "they_wrote": g["they"].any(),
            "you_wrote": (~frame["they"]).groupby(frame["key"]).any(),
        }
    )
    return stats.reindex(first)


def _recommendation_counts(network: Network) -> pd.DataFrame:
    """Recommendations received from and given to each 1st-degree connection, and endorsements."""
    first = network.first_degree
    out = pd.DataFrame(0, index=first, columns=["recommendations_received", "recommendations_given",
                                                "endorsements"], dtype="int64")
    recs, ends = network.recommendations, network.endorsements
    names: list[tuple[object, object, object, object, str]] = []  # first, last, company, url, column
    if recs is not None and len(recs):
        direction = recs.get("direction", pd.Series(pd.NA, index=recs.index))
        for f, la, comp, d in zip(recs.get("first_name", pd.Series(pd.NA, index=recs.index)),
                                  recs.get("last_name", pd.Series(pd.NA, index=recs.index)),
                                  recs.get("company", pd.Series(pd.NA, index=recs.index)),
                                  direction, strict=True):
            if d in ("received", "given"):
                names.append((f, la, comp, None, f"recommendations_{d}"))
    if ends is not None and len(ends):
        status = ends.get("status", pd.Series(pd.NA, index=ends.index)).fillna("").astype(str)
        kept = ends[~status.str.upper().eq("REJECTED").to_numpy()]
        for f, la, url in zip(kept.get("first_name", pd.Series(pd.NA, index=kept.index)),
                              kept.get("last_name", pd.Series(pd.NA, index=kept.index)),
                              kept.get("profile_url", pd.Series(pd.NA, index=kept.index)), strict=True):
            names.append((f, la, None, url, "endorsements"))
    if not names:
        return out
    from refkit.resolve import display_name

    shown = [display_name(f if isinstance(f, str) else None, la if isinstance(la, str) else None)
             for f, la, _, _, _ in names]
    index = _first_degree_index(network, shown)
    keys = [normalize_url(url) if isinstance(url, str) else None for _, _, _, url, _ in names]
    # a profile URL says who it is (someone you are not connected with counts for nobody);
    # without one, the name does, and the company among namesakes
    keys = [k if k is not None else index.resolve(n, c if isinstance(c, str) else None)
            for k, n, (_, _, c, _, _) in zip(keys, shown, names, strict=True)]
    found = pd.DataFrame({"key": keys, "column": [c for *_, c in names]})
    found = found[out.index.get_indexer(found["key"]) >= 0]
    if len(found):
        counts = found.groupby(["key", "column"]).size().unstack(fill_value=0)
        for column in counts.columns:
            out.loc[counts.index, column] = counts[column].astype("int64").to_numpy()
    return out


def tie_strength(
    network: Network,
    *,
    tags: TagsLike = None,
    today: object = None,
) -> pd.DataFrame:
    """How well the user knows each 1st-degree connection, part by part.

    Parameters
    ----------
    network : Network
        The user's network, from :func:`refkit.build.build_network`.
    tags : Tags, mapping or DataFrame, optional
        Tags the user gives: ``{"Priya Raman": ["close"], ...}`` (names or
        profile URLs), a frame with ``name``/``profile_url`` and ``tags``
        columns, or a :class:`~refkit.tags.Tags` (a tags CSV is read with
        :func:`refkit.read.read_tag_map`; a path here is an OptionError).
    today : date-like, optional
        The date to measure years and recency from (default: today).

    Returns
    -------
    DataFrame
        Indexed by 1st-degree key; columns ``years_connected, messages,
        last_message, both_wrote, shared_employer, recommendations_received,
        recommendations_given, endorsements`` (counts), ``tags`` and
        ``strength`` (see the module docstring for the points).

    Raises
    ------
    OptionError
        When ``tags`` is a path (read it with :func:`refkit.read.read_tag_map`).
    RefkitError
        When ``tags`` is of a type refkit does not read as tags.

    Examples
    --------
    >>> from refkit.examples import toy_network
    >>> s = tie_strength(toy_network(), tags={"Bob Lee": ["close"]}, today="2026-06-01")
    >>> s[["years_connected", "messages", "both_wrote", "tags", "strength"]]
           years_connected  messages  both_wrote   tags  strength
    key
    priya              7.2         4        True            19.17
    tomas              5.9         1       False             9.90
    ann                4.5         0       False             4.50
    bob                3.3         0       False  close      9.30
    """
    return _strength(network, _normalize_tags(network, tags), _today(today))


def _today(today: object) -> pd.Timestamp:
    return pd.Timestamp(today).normalize() if today is not None else pd.Timestamp.today().normalize()


def _strength(network: Network, tag_map: dict[str, tuple[str, ...]], today: pd.Timestamp) -> pd.DataFrame:
    key = ("strength", tuple(sorted(tag_map.items())), today)
    return _cached(network, key, lambda: _tie_strength(network, tag_map, today))


def _employers(network: Network) -> set[str]:
    pos = network.positions
    if pos is None or pos.empty or "company" not in pos:
        return set()
    return {_distinctive(c) for c in pos["company"].dropna()} - {frozenset()}


def _tie_strength(network: Network, tag_map: dict[str, tuple[str, ...]],
                  today: pd.Timestamp) -> pd.DataFrame:
    people = network.people
    first = people[people["degree"] == 1]
    # indexed by the network's own index of them: its hash table is made once, for every lookup
    out = pd.DataFrame(index=network.first_degree)
    if "connected_on" in first:
        days = (today - plausible_dates(first["connected_on"], today=today)).dt.days
        out["years_connected"] = (days / 365.25).clip(lower=0).fillna(0).round(1)
    else:
        out["years_connected"] = 0.0
    stats = _message_stats(network, today)
    out["messages"] = stats["messages"].fillna(0).astype("int64")
    out["last_message"] = pd.to_datetime(stats["last_message"])
    out["both_wrote"] = (stats["they_wrote"].fillna(False).astype(bool)
                         & stats["you_wrote"].fillna(False).astype(bool))
    employers = _employers(network)
    companies = first["company"] if "company" in first else pd.Series(pd.NA, index=first.index)
    shared_employer = np.zeros(len(out), dtype=bool)
    if employers:  # once per distinct company
        codes, uniques = pd.factorize(companies)
        hits = np.array([_distinctive(c) in employers for c in uniques] + [False], dtype=bool)
        shared_employer = hits[codes]
    out["shared_employer"] = shared_employer
    known = _recommendation_counts(network).reindex(out.index, fill_value=0)
    for column in known.columns:
        out[column] = known[column].astype("int64")
    # tags touch few people: fill those rows only
    tags_text = np.full(len(out), "", dtype=object)
    tag_points = np.zeros(len(out))
    positions = out.index.get_indexer(list(tag_map))
    for pos, values in zip(positions, tag_map.values(), strict=True):
        if pos < 0:
            continue
        tags_text[pos] = "; ".join(values)
        tag_points[pos] = sum(TAG_WEIGHTS.get(t, OTHER_TAG_WEIGHT) for t in values)
    out["tags"] = pd.array(tags_text, dtype="str")

    age_days = (today - out["last_message"]).dt.days
    recency = np.where(age_days < 365, 3.0, np.where(age_days < 3 * 365, 1.0, 0.0))
    strength = (
        out["years_connected"].clip(upper=10)
        + 3 * np.log2(1 + out["messages"])
        + 2 * out["both_wrote"]
        + recency
        + 4 * out["shared_employer"]
        + RECOMMENDATION_RECEIVED_POINTS * (out["recommendations_received"] > 0)
        + RECOMMENDATION_GIVEN_POINTS * (out["recommendations_given"] > 0)
        + out["endorsements"].clip(upper=ENDORSEMENT_POINTS_CAP)
        + tag_points
    )
    out["strength"] = strength.astype(float).round(2)
    return out


# ----------------------------------------------------------------------------
# both ends of the path

FAR_YEARS_CAP = 10.0
PEER_POINTS_CAP = 6.0


def pair_strength(
    network: Network,
    *,
    tags: TagsLike = None,
    today: object = None,
) -> pd.DataFrame:
    """How good each (target, introducer) path is, from both ends.

    The near end is how well the user knows the introducer (:func:`tie_strength`);
    the far end is what the introducer's own export, when it is pooled, says
    about the target: since when they are connected, and how many other people
    at the target's company the introducer knows (see the module docstring for
    the points).

    Parameters
    ----------
    network : Network
        The user's network, from :func:`refkit.build.build_network`.
    tags : Tags, mapping or DataFrame, optional
        The user's tags for their connections, as :func:`tie_strength` takes them.
    today : date-like, optional
        The date to measure years from (default: today).

    Returns
    -------
    DataFrame
        One row per 2nd-degree target and mutual connection (RangeIndex,
        sorted by target then introducer, in ``network.people`` order); columns
        ``target``, ``introducer`` (keys), ``strength`` (the near end),
        ``far_known`` (True when the introducer's export lists the target),
        ``known_since`` (the day they connected, NaT when unknown),
        ``years_known`` (NaN when unknown), ``company_peers`` (others at the
        target's company in the introducer's export, NA when unknown) and
        ``pair_strength`` (an unknown far end adds nothing).

    Raises
    ------
    OptionError
        When ``tags`` is a path (read it with :func:`refkit.read.read_tag_map`).

    Examples
    --------
    Bob Lee shared his export: he has known Omar Haddad since 2014, while
    Priya's tie to Omar comes from a capture (its far end is unknown).

    >>> from refkit.examples import toy_network
    >>> pairs = pair_strength(toy_network(), today="2026-06-01")
    >>> pairs[pairs["target"] == "omar"][["introducer", "strength", "far_known", "years_known",
    ...                                   "pair_strength"]]
      introducer  strength  far_known  years_known  pair_strength
    5      priya     19.17      False          NaN          19.17
    6        bob      3.30       True         11.7          13.30
    """
    today_ts = _today(today)
    tag_map = _normalize_tags(network, tags)
    table = _pairs(network, tag_map, today_ts)
    keys = network.people.index.to_numpy(dtype=object)
    out = pd.DataFrame({
        "target": pd.array(keys[table["target"]], dtype="str"),
        "introducer": pd.array(keys[table["mutual"]], dtype="str"),
        "strength": table["near"],
        "far_known": table["far_known"],
        "known_since": pd.to_datetime(table["since"].astype("datetime64[s]")),
        # unknown is missing, never a made-up 0
        "years_known": np.where(table["far_known"], table["years"], np.nan),
        "company_peers": pd.array(table["peers"], dtype="Int64"),
        "pair_strength": table["pair"],
    })
    out.loc[~table["far_known"], "company_peers"] = pd.NA
    return out


def _pairs(network: Network, tag_map: dict[str, tuple[str, ...]],
           today: pd.Timestamp) -> dict[str, np.ndarray]:
    """:func:`pair_strength` as arrays of people positions, cached on the network."""
    key = ("pairs", tuple(sorted(tag_map.items())), today)
    return _cached(network, key, lambda: _pair_table(network, _strength(network, tag_map, today),
                                                     today))


def _near_by_code(network: Network, strength: pd.DataFrame) -> np.ndarray:
    """Tie strength by position in ``network.people`` (0 for people who are not 1st-degree)."""
    keys = network.people.index
    by_code = np.zeros(len(keys) + 1)
    codes = keys.get_indexer(strength.index)
    ok = codes >= 0
    by_code[codes[ok]] = strength["strength"].to_numpy()[ok]
    return by_code


def _far_ends(network: Network) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """For every shared-export tie of an introducer to a 2nd-degree target: the pair
    code (target × n + introducer, sorted, unique), the earliest day the export
    gives and how many others at the target's company that export lists."""
    def compute() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        people = network.people
        n = len(people) + 1
        degree = people["degree"].to_numpy()
        a, b = network.tie_ends
        kind = network.ties["kind"].to_numpy(dtype=object)
        shared = (a >= 0) & (b >= 0) & (kind == "shared")
        a, b = a[shared].astype("int64"), b[shared].astype("int64")
        days = network.ties["connected_on"].to_numpy()[shared].astype("datetime64[D]")
        # who each owner knows at each company: distinct (owner, person) pairs first
        company = _company_codes(people["company"])
        owner, person = np.divmod(unique_sorted(a * n + b), n)
        comp = company[person]
        with_company = comp >= 0
        width = int(company.max(initial=-1)) + 2
        grouped = np.sort(owner[with_company] * width + comp[with_company])
        group_starts = run_starts(grouped)
        groups = grouped[group_starts]
        counts = np.diff(np.r_[group_starts, len(grouped)])
        to_target = degree[b] == 2
        a, b, days = a[to_target], b[to_target], days[to_target]
        pair = b * n + a
        order = np.argsort(pair)  # the order within a pair does not matter: its earliest day is kept
        pair, days = pair[order], days[order]
        as_int = days.astype("int64")
        never = np.iinfo("int64").max
        as_int[np.isnat(days)] = never
        starts = run_starts(pair)
        earliest = np.minimum.reduceat(as_int, starts) if len(starts) else as_int
        since = np.where(earliest == never, np.datetime64("NaT"),
                         earliest.astype("datetime64[D]")).astype("datetime64[D]")
        pair = pair[starts]
        target, intro = np.divmod(pair, n)
        peers = np.zeros(len(pair), dtype="int64")
        tcomp = company[target]
        has = tcomp >= 0
        found = np.searchsorted(groups, intro[has] * width + tcomp[has])
        found = np.minimum(found, max(len(groups) - 1, 0))
        hit = (groups[found] == intro[has] * width + tcomp[has]) if len(groups) else np.zeros(
            int(has.sum()), dtype=bool)
        peers[np.flatnonzero(has)[hit]] = counts[found[hit]] - 1  # the target is one of them
        return pair, since, peers

    return _cached(network, "far_ends", compute)


def _company_codes(companies: pd.Series) -> np.ndarray:
    """A code per person for their company in matching form (-1: none)."""
    codes, uniques = pd.factorize(companies)
    forms = [normalize_company(c) or None for c in np.asarray(uniques, dtype=object).tolist()]
    form_codes, _ = pd.factorize(pd.Series(forms, dtype=object))  # None (no company): -1
    lookup = np.r_[np.asarray(form_codes, dtype="int64"), -1]
    return lookup[codes]


def _pair_table(network: Network, strength: pd.DataFrame, today: pd.Timestamp) -> dict[str, np.ndarray]:
    target, mutual = _tie_codes(network)
    n = len(network.people) + 1
    near = _near_by_code(network, strength)[mutual]
    pair = target * n + mutual
    far_pairs, far_since, far_peers = _far_ends(network)
    at = np.searchsorted(far_pairs, pair)
    at = np.minimum(at, max(len(far_pairs) - 1, 0))
    far_known = (far_pairs[at] == pair) if len(far_pairs) else np.zeros(len(pair), dtype=bool)
    since = np.full(len(pair), np.datetime64("NaT"), dtype="datetime64[D]")
    peers = np.zeros(len(pair), dtype="int64")
    since[far_known] = far_since[at[far_known]]
    peers[far_known] = far_peers[at[far_known]]
    plausible = plausible_dates(pd.Series(since.astype("datetime64[s]")), today=today).to_numpy()
    days = (today.to_datetime64().astype("datetime64[D]") - plausible.astype("datetime64[D]"))
    years = np.round(np.clip(days.astype("float64") / 365.25, 0, None), 1)
    years[np.isnat(days)] = 0.0
    points = (np.minimum(years, FAR_YEARS_CAP)
              + np.minimum(2 * np.log2(1 + peers), PEER_POINTS_CAP))
    return {"target": target, "mutual": mutual, "near": near, "far_known": far_known,
            "since": since, "years": years, "peers": peers,
            "pair": np.round(near + points, 2)}
