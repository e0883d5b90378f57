"""Build the network: you, your 1st-degree connections and the 2nd-degree people beyond them.

:func:`build_network` takes what the readers return (or paths, which it reads)
and produces a :class:`Network`: one table of people and one table of ties.

Degree: 0 is the user; 1 the user's connections and the owners of shared
exports (an owner not among the user's connections is added as 1st-degree,
with a warning); 2 everyone else.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from refkit._errors import RefkitError, RefkitWarning, where
from refkit.resolve import (
    NameIndex,
    display_name,
    name_from_slug,
    normalize_name,
    normalize_url,
)

if TYPE_CHECKING:  # pragma: no cover
    import networkx as nx

    from refkit.read import Archive, ReadResult

__all__ = ["Network", "build_network", "to_networkx", "ME_PLACEHOLDER"]

ME_PLACEHOLDER = "me"
PEOPLE_COLUMNS = [
    "name", "first_name", "last_name", "profile_url", "email", "company", "position",
    "connected_on", "degree", "sources",
]
# Facts about a person come from the most trusted source first: records are assembled in
# that order (the user's own export, shared exports, captures, then shared-export owners,
# of whom only a name is known), so the first record of a person is the most trusted.

PathLike = str | os.PathLike
PROGRESS_FROM = 10  # files: below this, reading is quick and shows no progress bar


@dataclass(frozen=True, eq=False)
class Network:
    """The user's network as two tables.

    Attributes
    ----------
    people : DataFrame
        Indexed by ``key``; columns ``name, first_name, last_name, profile_url,
        email, company, position, connected_on, degree, sources``.
    ties : DataFrame
        Columns ``a, b`` (person keys), ``source`` (file) and ``kind``
        (``connection``, ``shared``, ``mutuals``, ``edges``).
    me : str
        Key of the user.
    reported : DataFrame
        Mutual counts LinkedIn showed (captures): index ``key``, columns
        ``mutual_count``, ``source``.
    messages, invitations, positions : DataFrame or None
        The user's archive files as read.
    warnings : tuple of str
        Everything noticed while building.
    """

    people: pd.DataFrame
    ties: pd.DataFrame
    me: str
    reported: pd.DataFrame = field(
        default_factory=lambda: pd.DataFrame(
            {"mutual_count": pd.Series(dtype="int64"), "source": pd.Series(dtype="str")},
            index=pd.Index([], name="key", dtype="str"),
        )
    )
    messages: pd.DataFrame | None = None
    invitations: pd.DataFrame | None = None
    positions: pd.DataFrame | None = None
    warnings: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        people, ties = self.people, self.ties
        if "degree" not in people or self.me not in people.index:
            raise RefkitError("a Network needs people with a 'degree' column and the user among them")
        missing = [c for c in PEOPLE_COLUMNS if c not in people]
        if missing:
            people = people.copy()
            for col in missing:
                people[col] = pd.Series(pd.NA, index=people.index, dtype="str")
            if "name" in missing:
                people["name"] = people.index.to_series().astype("str")
            if "connected_on" in missing:
                people["connected_on"] = pd.NaT
            object.__setattr__(self, "people", people)
        if not {"a", "b"} <= set(ties.columns):
            raise RefkitError("a Network needs ties with columns 'a' and 'b'")
        if not {"source", "kind"} <= set(ties.columns):
            ties = ties.assign(**{c: "" for c in ("source", "kind") if c not in ties})
            object.__setattr__(self, "ties", ties)

    @property
    def me_name(self) -> str:
        """The user's display name."""
        return str(self.people.at[self.me, "name"])

    @cached_property
    def first_degree(self) -> pd.Index:
        """Keys of the user's 1st-degree connections."""
        return self.people.index[self.people["degree"] == 1]

    @cached_property
    def second_degree(self) -> pd.Index:
        """Keys of everyone at degree 2."""
        return self.people.index[self.people["degree"] == 2]

    def __repr__(self) -> str:
        counts = self.people["degree"].value_counts()
        return (
            f"Network(me={self.me_name!r}, 1st-degree={int(counts.get(1, 0))}, "
            f"2nd-degree={int(counts.get(2, 0))}, ties={len(self.ties)})"
        )


# ----------------------------------------------------------------------------
# reading inputs


def _as_export(export: Any) -> Archive:
    from refkit.read import Archive, ReadResult, read_export

    if isinstance(export, Archive):
        return export
    if isinstance(export, ReadResult):
        if export.kind != "connections":
            raise RefkitError(
                f"{export.path}: expected your Connections.csv or LinkedIn archive, got a {export.kind} file"
            )
        return Archive(path=export.path, connections=export)
    return read_export(export)


def _as_shared(shared: Any) -> list[ReadResult]:
    from tqdm.auto import tqdm

    from refkit.read import ReadResult, read_shared

    pairs = list(shared.items() if isinstance(shared, Mapping) else shared)
    out = []
    # reading a coach's pile of exports takes a while: show progress from 10 files on
    for item in tqdm(pairs, desc="reading shared exports", unit="file", leave=False,
                     disable=len(pairs) < PROGRESS_FROM):
        if isinstance(item, ReadResult):
            if not item.owner:
                raise RefkitError(f"{item.path}: a shared export needs its owner (a name or profile URL)")
            out.append(item)
            continue
        try:
            owner, value = item
        except (TypeError, ValueError) as err:
            raise RefkitError(
                f"shared exports are given as owner=file pairs, got {item!r}"
            ) from err
        if isinstance(value, ReadResult):
            out.append(value if value.owner else _with_owner(value, str(owner)))
        else:
            out.append(read_shared(value, owner=str(owner)))
    return out


def _with_owner(result: ReadResult, owner: str) -> ReadResult:
    from dataclasses import replace

    return replace(result, owner=owner)


def _as_results(items: Any, reader_name: str) -> list[ReadResult]:
    from refkit import read
    from refkit.read import ReadResult

    if items is None:
        return []
    if isinstance(items, (str, os.PathLike, ReadResult)):
        items = [items]
    reader = getattr(read, reader_name)
    return [item if isinstance(item, ReadResult) else reader(item) for item in items]


# ----------------------------------------------------------------------------
# building


def _text_map(values: pd.Series, func) -> pd.Series:
    """Apply ``func`` once per distinct value (names and URLs repeat a lot)."""
    codes, uniques = pd.factorize(values, use_na_sentinel=True)
    mapped = np.empty(len(uniques) + 1, dtype=object)
    mapped[:-1] = [func(v) for v in uniques]
    mapped[-1] = func(None)  # code -1: missing
    return pd.Series(mapped[codes], index=values.index, dtype=object)


_CONNECTION_COLUMNS = ["first_name", "last_name", "profile_url", "email", "company", "position",
                       "connected_on", "line"]


def _connection_records(results: Sequence[ReadResult], roles: Sequence[str],
                        parts: Sequence[int]) -> pd.DataFrame:
    """One row per row of each Connections-like file, tagged with its role, part and source."""
    frames = [r.frame.reindex(columns=_CONNECTION_COLUMNS) for r in results]
    lengths = [len(f) for f in frames]
    out = pd.concat(frames, ignore_index=True)
    out["role"] = np.repeat(np.asarray(roles, dtype=object), lengths)
    out["part"] = np.repeat(np.asarray(parts, dtype="int64"), lengths)
    out["source"] = np.repeat(np.asarray([r.path for r in results], dtype=object), lengths)
    out.loc[out["role"].ne("own").to_numpy(), "connected_on"] = pd.NaT
    return out


def build_network(
    export: Any,
    *,
    shared: Mapping[str, Any] | Sequence[Any] = (),
    mutuals: Any = (),
    edges: Any = (),
    me: str | None = None,
) -> Network:
    """Build the user's network from their export and any extra files.

    Parameters
    ----------
    export
        The user's ``Connections.csv``, LinkedIn archive (``.zip`` or folder),
        or what :func:`refkit.read.read_export` returned.
    shared
        Other people's exports: a mapping ``owner -> file`` or ``(owner, file)``
        pairs, where ``owner`` is a name or profile URL; or ReadResults from
        :func:`refkit.read.read_shared`.
    mutuals
        Mutual captures (refkit's template or search exports): paths or ReadResults.
    edges
        Edge lists (``source,target``): paths or ReadResults.
    me
        The user's name or profile URL, when the archive has no ``Profile.csv``
        (or to add the URL it lacks).

    Returns
    -------
    Network

    Examples
    --------
    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "Connections.csv").write_text(
    ...     "First Name,Last Name,URL,Email Address,Company,Position,Connected On\\n"
    ...     "Priya,Raman,https://www.linkedin.com/in/priya-raman,,Stripe,Engineer,08 Feb 2021\\n")
    >>> _ = (folder / "priya.csv").write_text(
    ...     "First Name,Last Name,URL,Email Address,Company,Position,Connected On\\n"
    ...     "Lee,Chen,https://www.linkedin.com/in/lee-chen,,Globex,Recruiter,01 Mar 2022\\n")
    >>> net = build_network(folder / "Connections.csv",
    ...                     shared={"https://www.linkedin.com/in/priya-raman": folder / "priya.csv"},
    ...                     me="Ana Lima")
    >>> net.people["degree"].to_dict()
    {'name:ana lima': 0, 'https://www.linkedin.com/in/priya-raman': 1, 'https://www.linkedin.com/in/lee-chen': 2}
    """
    archive = _as_export(export)
    shared_results = _as_shared(shared)
    capture_results = _as_results(mutuals, "read_mutuals")
    edge_results = _as_results(edges, "read_edges")
    notes: list[str] = []

    def note(message: str) -> None:
        import warnings

        notes.append(message)
        warnings.warn(message, RefkitWarning, stacklevel=3)

    # --- who is me -------------------------------------------------------
    me_name = ""
    me_url = None
    if archive.profile is not None and len(archive.profile.frame):
        row = archive.profile.frame.iloc[0]
        me_name = display_name(row.get("first_name"), row.get("last_name"))
    if me:
        url = normalize_url(me)
        if url:
            me_url = url
        elif not me_name:
            me_name = display_name(me)
        elif normalize_name(me) != normalize_name(me_name):
            note(f"--me {me!r} differs from the name in Profile.csv ({me_name!r}); using Profile.csv")
    me_norm = normalize_name(me_name)

    # --- all records about people -----------------------------------------
    # every file is a numbered part: 0 the user's export, then shared exports, then captures
    n_shared = len(shared_results)
    parts = [_connection_records([archive.connections, *shared_results],
                                 ["own"] + ["shared"] * n_shared, range(n_shared + 1))]
    for j, result in enumerate(capture_results, start=1 + n_shared):
        f = result.frame
        parts.append(
            pd.DataFrame(
                {
                    "first_name": f["name"],  # a full name: display_name copes
                    "profile_url": f["profile_url"],
                    "company": f["company"],
                    "position": f["position"],
                    "line": f["line"],
                    "role": "capture",
                    "source": result.path,
                    "part": j,
                }
            )
        )
    records = pd.concat(parts, ignore_index=True)
    records["url_key"] = _text_map(records["profile_url"], normalize_url)
    # one display name per distinct (first, last) pair; no 400,000 joined strings
    first_codes, firsts = pd.factorize(records["first_name"].fillna(""))
    last_codes, lasts = pd.factorize(records["last_name"].fillna(""))
    codes, pair_codes = pd.factorize(first_codes.astype("int64") * (len(lasts) + 1) + last_codes)
    pair_first, pair_last = np.divmod(pair_codes, len(lasts) + 1)
    names = np.array([display_name(firsts[f], lasts[la])
                      for f, la in zip(pair_first, pair_last, strict=True)] + [""], dtype=object)
    is_capture = (records["role"] == "capture").to_numpy()
    if is_capture.any():  # captures hold a full name, not a first name
        records["first_name"] = records["first_name"].mask(is_capture)
    norms = np.array([normalize_name(v) for v in names], dtype=object)
    records["name"] = names[codes]
    records["name_norm"] = norms[codes]
    usable = (records["url_key"].notna() | (records["name_norm"] != "")).to_numpy()
    if not usable.all():  # rows with neither a URL nor a name: nobody to place
        records = records[usable]

    # --- resolve keys -----------------------------------------------------
    has_url = records["url_key"].notna()
    # only names that URL-less records (or owners given by name) use need an index
    wanted = set(records.loc[~has_url, "name_norm"])
    wanted.update(normalize_name(r.owner) for r in shared_results if not normalize_url(r.owner))
    url_rows = records.loc[has_url & records["name_norm"].isin(wanted),
                           ["url_key", "name", "company"]].drop_duplicates("url_key")
    index = NameIndex.from_columns(url_rows["url_key"], url_rows["name"], url_rows["company"])

    if me_url is None and me_norm:
        # The user may appear, with their URL, in a friend's export.
        mine = records.loc[has_url & records["name_norm"].eq(me_norm) & records["role"].ne("own"),
                           ["url_key"]].drop_duplicates("url_key")
        own_urls = set(records.loc[has_url & (records["role"] == "own"), "url_key"])
        mine = mine[~mine["url_key"].isin(own_urls)]
        if len(mine) == 1:
            me_url = mine["url_key"].iloc[0]
    me_key = me_url or (f"name:{me_norm}" if me_norm else ME_PLACEHOLDER)
    if not me_name:
        me_name = "You"

    keys = records["url_key"].to_numpy(dtype=object).copy()
    cols = {c: records[c].to_numpy(dtype=object) for c in ("name", "company", "name_norm", "source",
                                                           "line")}
    resolved_cache: dict[tuple[str, str], str | None] = {}
    for pos in np.flatnonzero(~has_url.to_numpy()):
        name, company = cols["name"][pos], cols["company"][pos]
        company_s = "" if pd.isna(company) else str(company)
        cache_key = (name, company_s)
        if cache_key not in resolved_cache:
            resolved_cache[cache_key] = index.resolve(name, company_s)
        key = resolved_cache[cache_key]
        if key is None:
            key = f"name:{cols['name_norm'][pos]}"
            note(
                f"{where(cols['source'][pos], int(cols['line'][pos]))}: {name!r} matches several "
                "people with different profile URLs; kept apart"
            )
        keys[pos] = key
    records["key"] = keys
    # the user, whichever file mentions them
    is_me = (records["key"] == me_key) | (
        records["url_key"].isna() & (records["name_norm"] == me_norm) & bool(me_norm)
    )
    records.loc[is_me, "key"] = me_key
    own_me = records["role"].eq("own") & is_me
    if own_me.any():
        note(f"{archive.connections.path}: you appear among your own connections; ignored")

    # --- owners of shared exports ----------------------------------------
    own_keys = set(records.loc[records["role"].eq("own") & ~is_me, "key"])
    owner_keys: list[str] = []
    own_rows = records.loc[records["role"].eq("own") & ~is_me
                           & records["name_norm"].isin(wanted)].drop_duplicates("key")
    own_index = NameIndex.from_columns(own_rows["key"], own_rows["name"], own_rows["company"])
    owner_records = []
    for part, result in enumerate(shared_results, start=1):
        owner = str(result.owner)
        url = normalize_url(owner)
        if url:
            key = url
            name = name_from_slug(url)
        else:
            name = display_name(owner)
            key = own_index.resolve(name) or index.resolve(name) or f"name:{normalize_name(name)}"
        if key not in own_keys:
            note(
                f"{result.path}: its owner {owner!r} is not among your connections; "
                "added as a 1st-degree connection"
            )
        owner_keys.append(key)
        owner_records.append(
            {"key": key, "name": name or "", "role": "owner", "source": result.path,
             "part": part}
        )
    if owner_records:
        records = pd.concat([records, pd.DataFrame(owner_records)], ignore_index=True)

    # --- people table -------------------------------------------------------
    # from here on people are integer codes: string work on 400,000 rows is what is slow
    codes, keys = pd.factorize(np.r_[np.array([me_key], dtype=object),
                                     records["key"].to_numpy(dtype=object)])
    codes, me_code, keys = codes[1:], 0, pd.Index(keys, dtype=object)  # the user first
    paths = [archive.connections.path] + [r.path for r in shared_results] + [
        r.path for r in capture_results]
    people = _people_table(records, codes, keys, me_code=me_code, me_name=me_name, me_url=me_url,
                           first_degree=own_keys | set(owner_keys), paths=paths)

    # --- ties ---------------------------------------------------------------
    tie_parts = [_connection_ties(records, codes, keys, me_code=me_code,
                                  owner_codes=[_code_of(keys, k) for k in owner_keys], paths=paths)]

    # captures: named mutuals that resolve to 1st-degree connections
    first_degree = set(people.index[people["degree"] == 1])
    first_people = people[people["degree"] == 1]
    first_index = NameIndex.from_columns(first_people.index, first_people["name"],
                                         first_people["company"])
    reported_rows = []
    cap_records = records[records["role"].eq("capture")]
    for j, result in enumerate(capture_results, start=1 + len(shared_results)):
        sel = cap_records[cap_records["part"].eq(j)]
        frame = result.frame.set_index("line")
        for key, line in zip(sel["key"], sel["line"], strict=True):
            if key == me_key or key in first_degree:
                continue
            row = frame.loc[line]
            count = row["mutual_count"]
            if not pd.isna(count):
                reported_rows.append({"key": key, "mutual_count": int(count), "source": result.path})
            for mutual_name in row["mutual_names"] or ():
                mutual = first_index.resolve(mutual_name)
                if mutual is None or mutual not in first_degree:
                    note(
                        f"{where(result.path, int(line))}: mutual connection {mutual_name!r} is not "
                        "one of your 1st-degree connections; not counted"
                    )
                    continue
                tie_parts.append(pd.DataFrame({"a": [mutual], "b": [key], "source": [result.path],
                                               "kind": ["mutuals"]}))

    # edge lists
    if edge_results:
        people_index = NameIndex.from_columns(people.index, people["name"], people["company"])
    extra_people = []
    for result in edge_results:
        ends = {}
        used = 0
        for col in ("source", "target"):
            ends[col] = [
                _edge_end(v, me_key, me_norm, people_index) for v in result.frame[col]
            ]
        for (sk, sn), (tk, tn), line in zip(ends["source"], ends["target"], result.frame["line"],
                                            strict=True):
            known_s, known_t = sk in people.index, tk in people.index
            if sk is None or tk is None:
                note(f"{where(result.path, int(line))}: edge end matches several people; skipped")
                continue
            if not (known_s or known_t):
                note(f"{where(result.path, int(line))}: neither {sn!r} nor {tn!r} is in your network; skipped")
                continue
            if sk == tk:
                continue
            for k, n, known in ((sk, sn, known_s), (tk, tn, known_t)):
                if not known:
                    extra_people.append({"key": k, "name": n})
            tie_parts.append(pd.DataFrame({"a": [sk], "b": [tk], "source": [result.path],
                                           "kind": ["edges"]}))
            used += 1
        if used == 0:
            raise RefkitError(
                f"{result.path}: no edge in this file connects to anyone in your network "
                "(expected source,target names or profile URLs of people in your exports)"
            )
    if extra_people:
        extra = pd.DataFrame(extra_people).drop_duplicates("key").set_index("key")
        extra = extra[~extra.index.isin(people.index)]
        extra["degree"] = 2
        extra["sources"] = "edges"
        people = pd.concat([people, extra.reindex(columns=PEOPLE_COLUMNS)])
        people["degree"] = people["degree"].astype("int64")

    # connection ties are already unique and without loops; the others are few
    others = pd.concat(tie_parts[1:], ignore_index=True) if len(tie_parts) > 1 else None
    if others is not None:
        others = others[(others["a"] != others["b"]).to_numpy()].drop_duplicates(
            ["a", "b", "source"])
    ties = pd.concat([tie_parts[0], others], ignore_index=True) if others is not None else (
        tie_parts[0])
    ties = ties.astype({"a": "str", "b": "str", "source": "str", "kind": "str"})

    reported = pd.DataFrame(reported_rows, columns=["key", "mutual_count", "source"])
    if len(reported):
        reported = reported.sort_values("mutual_count", ascending=False).drop_duplicates("key")
    reported = reported.set_index("key").astype({"mutual_count": "int64", "source": "str"})

    def frame_of(result: ReadResult | None) -> pd.DataFrame | None:
        return None if result is None else result.frame

    return Network(
        people=people,
        ties=ties,
        me=me_key,
        reported=reported,
        messages=frame_of(archive.messages),
        invitations=frame_of(archive.invitations),
        positions=frame_of(archive.positions),
        warnings=tuple(notes) + tuple(_all_warnings(archive, shared_results, capture_results,
                                                    edge_results)),
    )


def _all_warnings(archive: Archive, *groups: Sequence[ReadResult]) -> list[str]:
    out: list[str] = []
    for result in (archive.connections, archive.messages, archive.invitations, archive.positions,
                   archive.profile):
        if result is not None:
            out.extend(result.warnings)
    for group in groups:
        for result in group:
            out.extend(result.warnings)
    return out


def _edge_end(value: object, me_key: str, me_norm: str, index: NameIndex) -> tuple[str | None, str]:
    url = normalize_url(value)
    if url:
        return url, url
    name = display_name(value)
    if me_norm and normalize_name(name) == me_norm:
        return me_key, name
    return index.resolve(name), name


def _code_of(keys: pd.Index, key: str) -> int:
    """Position of ``key`` among the factorized keys (-1 when absent)."""
    return int(keys.get_indexer([key])[0])


def _connection_ties(records: pd.DataFrame, codes: np.ndarray, keys: pd.Index, *, me_code: int,
                     owner_codes: list[int], paths: list[str]) -> pd.DataFrame:
    """Ties from the user's export (me — connection) and shared exports (owner — listed person)."""
    role = records["role"].to_numpy(dtype=object)
    part = records["part"].to_numpy(dtype="int64")
    own = (role == "own") & (codes != me_code)
    shared = role == "shared"
    owner_of_part = np.asarray([me_code, *owner_codes], dtype="int64")
    a = np.concatenate([np.full(own.sum(), me_code, dtype="int64"), owner_of_part[part[shared]]])
    b = np.concatenate([codes[own], codes[shared]]).astype("int64")
    p = np.concatenate([part[own], part[shared]])
    keep = a != b
    n, n_parts = len(keys) + 1, len(paths) + 1
    combined = np.unique((a[keep] * n + b[keep]) * n_parts + p[keep])
    pair, p = np.divmod(combined, n_parts)
    a, b = np.divmod(pair, n)
    key_arr = keys.to_numpy(dtype=object)
    return pd.DataFrame({
        "a": key_arr[a], "b": key_arr[b],
        "source": np.asarray(paths, dtype=object)[p],
        "kind": np.array(["shared", "connection"], dtype=object)[(p == 0).astype("int64")],
    })


def _people_table(
    records: pd.DataFrame, codes: np.ndarray, keys: pd.Index, *, me_code: int, me_name: str,
    me_url: str | None, first_degree: set[str], paths: list[str],
) -> pd.DataFrame:
    # Work on column arrays, not copies of the 400,000-row records frame.
    keep = codes != me_code
    columns = {col: records[src].to_numpy(dtype=object)
               for col, src in zip(PEOPLE_COLUMNS[:8], ("name", "first_name", "last_name", "url_key",
                                                        "email", "company", "position",
                                                        "connected_on"), strict=True)}
    columns["name"] = np.where(columns["name"] == "", None, columns["name"])
    # the most trusted record of each person, its gaps filled from the next ones
    best = keep & ~pd.Series(codes).duplicated().to_numpy()
    people_codes = codes[best]
    data = {}
    for col, values in columns.items():
        current = values[best]
        gaps = pd.isna(current)
        if gaps.any():
            have = keep & ~pd.isna(values)
            sub = codes[have]
            first = ~pd.Series(sub).duplicated().to_numpy()
            by_code = np.full(len(keys), None, dtype=object)
            by_code[sub[first]] = values[have][first]
            current = np.where(gaps, by_code[people_codes], current)
        data[col] = current
    people = pd.DataFrame(data, index=keys[people_codes])
    people["sources"] = _joined_sources(records["part"].to_numpy(dtype="int64")[keep], codes[keep],
                                        keys, paths)
    me_row = pd.DataFrame(
        {"name": [me_name], "first_name": [me_name.split(" ")[0]],
         "last_name": [" ".join(me_name.split(" ")[1:])], "profile_url": [me_url],
         "sources": ["you"]},
        index=[keys[me_code]],
    )
    people = pd.concat([me_row, people])
    people.index.name = "key"
    me_key = keys[me_code]
    people["degree"] = 2
    people.loc[people.index.isin(list(first_degree)), "degree"] = 1
    people.loc[me_key, "degree"] = 0
    people["degree"] = people["degree"].astype("int64")
    people["connected_on"] = pd.to_datetime(people["connected_on"])
    for col in ("name", "first_name", "last_name", "profile_url", "email", "company", "position",
                "sources"):
        people[col] = people[col].astype("str")
    people["name"] = people["name"].fillna(people.index.to_series().str.removeprefix("name:"))
    return people[PEOPLE_COLUMNS]


def _joined_sources(parts: np.ndarray, codes: np.ndarray, keys: pd.Index,
                    paths: list[str]) -> pd.Series:
    """Per person, the distinct file names their facts came from, joined by "; " in file order."""
    labels = np.array([os.path.basename(str(v)) + "; " for v in paths], dtype=object)
    n_parts = len(paths) + 1
    pairs = np.unique(codes.astype("int64") * n_parts + parts)
    who, what = np.divmod(pairs, n_parts)
    starts = np.flatnonzero(np.r_[True, who[1:] != who[:-1]])
    joined = np.add.reduceat(labels[what], starts)
    return pd.Series([j[:-2] for j in joined], index=keys[who[starts]], dtype=object)


def to_networkx(network: Network) -> nx.Graph:
    """Convert a :class:`Network` to a :class:`networkx.Graph`.

    Nodes are person keys with the ``people`` columns as attributes (plain
    Python types; missing values left out); an edge per tied pair with the
    ``sources`` and ``kinds`` it came from.

    Examples
    --------
    >>> import pandas as pd
    >>> people = pd.DataFrame({"name": ["Ana", "Lee"], "degree": [0, 1]},
    ...                       index=pd.Index(["me", "lee"], name="key"))
    >>> ties = pd.DataFrame({"a": ["me"], "b": ["lee"], "source": ["x.csv"], "kind": ["connection"]})
    >>> G = to_networkx(Network(people=people, ties=ties, me="me"))
    >>> G.nodes["lee"]["degree"], G.edges["me", "lee"]["sources"]
    (1, ['x.csv'])
    """
    import networkx as nx

    G = nx.Graph()
    records = network.people.reset_index().to_dict("records")
    for rec in records:
        key = rec.pop("key")
        G.add_node(str(key), **{k: _plain(v) for k, v in rec.items() if not _missing(v)})
    for a, b, source, kind in network.ties[["a", "b", "source", "kind"]].itertuples(index=False):
        if G.has_edge(a, b):
            data = G.edges[a, b]
            data["sources"].append(str(source))
            data["kinds"].append(str(kind))
        else:
            G.add_edge(str(a), str(b), sources=[str(source)], kinds=[str(kind)])
    return G


def _missing(value: object) -> bool:
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def _plain(value: object) -> object:
    if isinstance(value, np.generic):
        return value.item()
    if isinstance(value, pd.Timestamp):
        return value.date().isoformat()
    return value
