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
    tags                family 6, close 6, former colleague 4, mentor 4,
                        classmate 3, any other tag 1 (summed)
    ==================  =================================================
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd

from refkit._limits import plausible_dates
from refkit.build import Network
from refkit.companies import _distinctive
from refkit.mutuals import _cached
from refkit.resolve import NameIndex, normalize_name, normalize_url
from refkit.tags import TagsLike, as_tags

__all__ = ["OTHER_TAG_WEIGHT", "TAG_WEIGHTS", "explain_tags", "tie_strength"]

TAG_WEIGHTS = {"family": 6.0, "close": 6.0, "former colleague": 4.0, "mentor": 4.0, "classmate": 3.0}
OTHER_TAG_WEIGHT = 1.0



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
    frame = frame[frame["key"].isin(first)]
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
        last_message, both_wrote, shared_employer, tags`` and ``strength``
        (see the module docstring for the points).

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
    out = pd.DataFrame(index=first.index)
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
        + tag_points
    )
    out["strength"] = strength.astype(float).round(2)
    return out
