"""Build the network: you, your 1st-degree connections and the 2nd-degree people beyond them.

:func:`build_network` takes what the readers return (or paths, which it reads)
and produces a :class:`Network`: one table of people and one table of ties.

Degree: 0 is the user; 1 the user's connections and the owners of shared
exports (an owner not among the user's connections is added as 1st-degree,
with a warning); 2 everyone else.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from refkit._arrays import run_starts, unique_sorted
from refkit._errors import RefkitError, RefkitWarning, where
from refkit._text import scrub_emails
from refkit.resolve import (
    NAMESAKE_MARK,
    NameIndex,
    display_name,
    name_from_slug,
    namesake_key,
    normalize_company,
    normalize_name,
    normalize_url,
    normalize_urls,
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

    Notes
    -----
    A ``Network`` is immutable, as networkx's frozen graphs are: edit a copy of
    a table and derive a new network (``dataclasses.replace(network,
    people=...)``). What ranking derives from the tables is cached on the
    network itself, so a table edited in place would leave it stale.
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
    # results derived from the tables (mutual counts, tie strength ...), computed once per
    # network; a derived network (dataclasses.replace) starts with none
    _derived: dict[Any, Any] = field(default_factory=dict, init=False, repr=False, compare=False)

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

    @cached_property
    def name_norms(self) -> pd.Series:
        """Each person's name in matching form (:func:`refkit.resolve.normalize_name`).

        Indexed like ``people``. Computed on first use; :func:`build_network`
        hands over the forms it already computed.
        """
        return _text_map(self.people["name"], normalize_name).astype("str")

    @cached_property
    def tie_ends(self) -> tuple[np.ndarray, np.ndarray]:
        """Positions in ``people`` of each tie's ``a`` and ``b`` (-1 for a key not in ``people``).

        Lets the ranking work on integers; :func:`build_network` hands them over.
        """
        index = self.people.index
        return index.get_indexer(self.ties["a"]), index.get_indexer(self.ties["b"])

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
    from refkit.read import ReadResult, read_shared

    pairs = list(shared.items() if isinstance(shared, Mapping) else shared)
    out = []
    # reading a coach's pile of exports takes a while: show progress from 10 files to read on
    to_read = sum(not isinstance(p[-1] if _is_pair(p) else p, ReadResult) for p in pairs)
    if to_read >= PROGRESS_FROM:
        from tqdm.auto import tqdm

        pairs = tqdm(pairs, desc="reading shared exports", unit="file", leave=False)
    for item in pairs:
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


def _distinct_exports(results: list[ReadResult], note: Callable[[str], None]) -> list[ReadResult]:
    """The exports with each file's content once (``results[0]`` is your own).

    The same file given twice for one owner is used once (with a warning); the
    same content under two owners would double every mutual count it holds,
    and refkit cannot tell which owner is right: a :class:`RefkitError`, as is
    your own export given as someone else's.
    """
    # with the dates: two people's exports may list the same people, never on the same days
    columns = ["first_name", "last_name", "profile_url", "company", "position", "connected_on"]
    seen: dict[tuple[object, ...], list[tuple[ReadResult, pd.DataFrame]]] = {}
    out = []
    for result in results:
        frame = result.frame.reindex(columns=columns)
        if not len(frame):
            out.append(result)
            continue
        # a cheap fingerprint (size and a few rows), then a full comparison on a match
        rows = np.linspace(0, len(frame) - 1, num=min(len(frame), 16), dtype="int64")
        fingerprint = (len(frame), *(tuple(frame[c].array.take(rows).tolist()) for c in columns))
        same = seen.setdefault(fingerprint, [])
        first = next((r for r, f in same if f.equals(frame)), None)
        if first is None:
            same.append((result, frame))
            out.append(result)
        elif first is results[0] and first.owner is None:  # your own export, given as shared
            raise RefkitError(f"{result.path}: holds the same connections as your own export "
                              f"{first.path}; a shared export is someone else's Connections.csv")
        elif _owner_id(first.owner) == _owner_id(result.owner):
            note(f"{result.path}: the same export as {first.path} was given twice for "
                 f"{result.owner!r}; used once")
        else:
            raise RefkitError(
                f"{first.path} and {result.path} hold the same connections (the same export) but "
                f"are shared under two owners, {first.owner!r} and {result.owner!r}: each "
                "export belongs to one person; give it once, under its owner"
            )
    return out


def _owner_id(owner: object) -> str:
    return normalize_url(owner) or normalize_name(owner)


def _is_pair(item: object) -> bool:
    return isinstance(item, (tuple, list)) and len(item) == 2


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
    # a list, not the pandas array: iterating a StringArray item by item is slow
    mapped[:-1] = [func(v) for v in np.asarray(uniques, dtype=object).tolist()]
    mapped[-1] = func(None)  # code -1: missing
    return pd.Series(mapped[codes], index=values.index, dtype=object)


_CONNECTION_COLUMNS = ["first_name", "last_name", "profile_url", "email", "company", "position",
                       "connected_on", "line"]


def _connection_records(results: Sequence[ReadResult]) -> pd.DataFrame:
    """One row per row of each file about people, with ``part``: the file's number.

    Connections-like files come first, then captures (whose full name goes in
    ``first_name``). Dates come from the user's own export (part 0) only: a
    friend's "Connected On" is when *they* connected.
    """
    frames = [_connection_frame(r.frame) for r in results]
    lengths = [len(f) for f in frames]
    out = pd.concat(frames, ignore_index=True)
    out["part"] = np.repeat(np.arange(len(results), dtype="int64"), lengths)
    out.loc[lengths[0]:, "connected_on"] = pd.NaT
    return out


def _connection_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with exactly the connection columns and their types (one cheap concat)."""
    if list(frame.columns) == _CONNECTION_COLUMNS:
        return frame
    if "name" in frame and "first_name" not in frame:  # a capture
        frame = frame.rename(columns={"name": "first_name"})
    out = frame.reindex(columns=_CONNECTION_COLUMNS)
    for col in _CONNECTION_COLUMNS[:6]:
        if out[col].dtype != "str":
            out[col] = out[col].astype("str")
    out["connected_on"] = pd.to_datetime(out["connected_on"])
    return out


def _first_rows(codes: np.ndarray, rows: np.ndarray) -> np.ndarray:
    """Of ``rows`` (row positions, in order), the first one for each distinct code."""
    return rows[~pd.Series(codes[rows]).duplicated().to_numpy()]


class _Keys:
    """Person keys as integer codes: the keys in code order and the code of each key."""

    def __init__(self, codes: dict[str, int]) -> None:
        self._code = codes  # taken over, not copied: key -> code, in code order
        self.keys = list(codes)

    def code(self, key: str) -> int:
        """The code of ``key``, adding it when new."""
        codes = self._code
        if key not in codes:
            codes[key] = len(self.keys)
            self.keys.append(key)
        return codes[key]

    def find(self, key: str) -> int:
        """The code of ``key``, or -1."""
        return self._code.get(key, -1)


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
    return _build_network(export, shared=shared, mutuals=mutuals, edges=edges, me=me)


def _build_network(export: Any, *, shared: Any, mutuals: Any, edges: Any, me: str | None) -> Network:
    archive = _as_export(export)
    shared_results = _as_shared(shared)
    capture_results = _as_results(mutuals, "read_mutuals")
    edge_results = _as_results(edges, "read_edges")
    notes: list[str] = []

    def note(message: str) -> None:
        import warnings

        message = scrub_emails(message)  # warnings quote other people's cells: never an address
        notes.append(message)
        warnings.warn(message, RefkitWarning, stacklevel=4)

    shared_results = _distinct_exports([archive.connections, *shared_results], note)[1:]

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
    # Every file is a numbered part: 0 the user's export, 1..n the shared exports, then the
    # captures. From here on people are integer codes into a list of keys, and each string
    # is worked on once per distinct value: string work on 400,000 rows is what is slow.
    n_shared = len(shared_results)
    records = _connection_records([archive.connections, *shared_results, *capture_results])
    paths = [archive.connections.path] + [r.path for r in shared_results] + [
        r.path for r in capture_results]

    # profile URLs: normalised once per distinct text, then one code per distinct profile
    url_codes, written = pd.factorize(records["profile_url"])
    normalized = normalize_urls(np.asarray(written, dtype=object).tolist())
    # written forms are distinct and nearly all canonical already: a dict finds the few that meet
    seen: dict[str, int] = {}
    norm_codes = np.fromiter((-1 if v is None else seen.setdefault(v, len(seen)) for v in normalized),
                             dtype="int64", count=len(normalized))
    url_keys = np.fromiter(seen, dtype=object, count=len(seen))
    row_url = np.r_[norm_codes, -1][url_codes]  # -1: no usable URL
    # names: one display name per distinct (first, last) pair
    first_codes, firsts = pd.factorize(records["first_name"])  # -1: missing
    last_codes, lasts = pd.factorize(records["last_name"])
    firsts = np.asarray(firsts, dtype=object).tolist() + [""]  # so code -1 reads ""
    lasts = np.asarray(lasts, dtype=object).tolist() + [""]
    n_last = len(lasts)
    row_pair, pair_codes = pd.factorize((first_codes.astype("int64") % len(firsts)) * n_last
                                        + last_codes % n_last)
    names = np.array([display_name(firsts[f], lasts[la]) for f, la in
                      zip(*np.divmod(pair_codes, n_last), strict=True)], dtype=object)
    norms = np.array([normalize_name(v) for v in names.tolist()], dtype=object)
    norm_of = dict(zip(names.tolist(), norms.tolist(), strict=True))
    part = records["part"].to_numpy()
    usable = (row_url >= 0) | (norms != "")[row_pair]
    if not usable.all():  # rows with neither a URL nor a name: nobody to place
        records, row_url, row_pair, part = (records[usable], row_url[usable], row_pair[usable],
                                            part[usable])
    has_url = row_url >= 0
    is_own = part == 0
    company = records["company"].to_numpy(dtype=object)
    line = records["line"].to_numpy()

    # --- resolve keys -----------------------------------------------------
    # only names that URL-less records (or owners given by name) use need an index
    owner_norms = {normalize_name(r.owner) for r in shared_results if not normalize_url(r.owner)}
    wanted = set(norms[unique_sorted(row_pair[~has_url])].tolist()) | owner_norms
    pair_wanted = np.fromiter((n in wanted for n in norms.tolist()), dtype=bool, count=len(norms))
    sel = _first_rows(row_url, np.flatnonzero(has_url & pair_wanted[row_pair]))
    named_urls = (norms[row_pair[sel]], url_keys[row_url[sel]], company[sel])

    is_me_name = (norms == me_norm)[row_pair] if me_norm else np.zeros(len(part), dtype=bool)
    if me_url is None and me_norm:
        # The user may appear, with their URL, in a friend's export.
        mine = set(row_url[has_url & is_me_name & ~is_own].tolist())
        mine -= set(row_url[has_url & is_own].tolist())
        if len(mine) == 1:
            me_url = url_keys[mine.pop()]
    me_key = me_url or (f"name:{me_norm}" if me_norm else ME_PLACEHOLDER)
    if not me_name:
        me_name = "You"

    keys = _Keys(seen)  # profile URLs first: a URL's code is its row in url_keys
    row_code = row_url.copy()
    nameonly = np.flatnonzero(~has_url)
    resolved = _resolve_names(norms[row_pair[nameonly]], company[nameonly], *named_urls)
    namesakes = _namesakes(norms, row_pair, is_own & ~is_me_name, has_url, row_url, url_keys,
                           company, records["connected_on"].to_numpy(), named_urls)
    if namesakes:  # nameonly is sorted: each namesake's place in it by bisection
        resolved = resolved.copy()
        resolved[np.searchsorted(nameonly, list(namesakes))] = list(namesakes.values())
    url_rows = np.flatnonzero(has_url)
    _warn_renamed_urls(row_url[url_rows], norms[row_pair[url_rows]], names[row_pair[url_rows]],
                       lambda rows: [where(paths[part[r]], int(line[r])) for r in url_rows[rows]],
                       url_keys, note)
    for pos, key in zip(nameonly.tolist(), resolved.tolist(), strict=True):
        if key is None:
            pair = row_pair[pos]
            key = f"name:{norms[pair]}"
            why = ("of your connections with that name" if pos in namesakes
                   else "people with different profile URLs")
            note(f"{where(paths[part[pos]], int(line[pos]))}: {names[pair]!r} matches several "
                 f"{why}; kept apart")
        row_code[pos] = keys.code(key)
    # the user, whichever file mentions them
    me_code = keys.code(me_key)
    is_me = (row_code == me_code) | (~has_url & is_me_name)
    row_code[is_me] = me_code
    if (is_own & is_me).any():
        note(f"{archive.connections.path}: you appear among your own connections; ignored")

    # --- owners of shared exports ----------------------------------------
    own = is_own & ~is_me
    own_codes = set(row_code[own].tolist())
    sel = _first_rows(row_code, np.flatnonzero(own & pair_wanted[row_pair]))
    own_index = NameIndex.from_columns([keys.keys[c] for c in row_code[sel].tolist()],
                                       names[row_pair[sel]], company[sel],
                                       norms=norms[row_pair[sel]])
    owner_codes: list[int] = []
    owner_names: list[str] = []
    for result in shared_results:
        owner = str(result.owner)
        url = normalize_url(owner)
        if url:
            key = url
            name = name_from_slug(url)
        else:
            name = display_name(owner)
            key = own_index.resolve(name)
            if key is None:  # two of your connections have that name: which one shared it?
                found = sorted(own_index.candidates(name))
                shown = [f"connected {k.rpartition(NAMESAKE_MARK)[2]}" if k.startswith("name:")
                         else k for k in found[:4]]
                raise RefkitError(
                    f"{result.path}: its owner {owner!r} matches {len(found)} of your connections "
                    f"({'; '.join(shown)}{'; …' if len(found) > 4 else ''}); "
                    "give the owner's profile URL instead"
                )
        # by name; or by a URL whose name is yours while your own URL is unknown and the
        # owner is none of your connections (a namesake of yours would be one)
        named_me = bool(me_norm) and normalize_name(name) == me_norm and (
            not url or (me_url is None and keys.find(key) not in own_codes))
        if key == me_key or named_me:
            raise RefkitError(
                f"{result.path}: its owner {owner!r} is you; pass your own export as the "
                "export, not as a shared one (if the owner is someone else, give your own "
                "profile URL with --me)"
            )
        code = keys.code(key)
        if code not in own_codes:
            note(
                f"{result.path}: its owner {owner!r} is not among your connections; "
                "added as a 1st-degree connection"
            )
        owner_codes.append(code)
        owner_names.append(name or "")

    # --- people table -------------------------------------------------------
    key_arr = np.asarray(keys.keys, dtype=object)
    # each column with a way to find its gaps in some rows (for text, the str dtype's isna,
    # which is much quicker than pd.isna on objects)
    def text_gaps(column: pd.Series) -> Callable[[np.ndarray], np.ndarray]:
        return lambda rows: column.array.take(rows).isna()

    name_gaps = names == ""
    columns = {
        "name": (np.where(name_gaps, None, names)[row_pair], lambda rows: name_gaps[row_pair[rows]]),
        **{col: (records[col].to_numpy(dtype=object), text_gaps(records[col]))
           for col in ("first_name", "last_name", "email", "company", "position")},
    }
    dates = pd.to_datetime(records["connected_on"]).to_numpy()
    columns["connected_on"] = (dates, lambda rows: np.isnat(dates[rows]))
    is_capture = part > n_shared
    if is_capture.any():  # captures hold a full name, not a first name
        first_names, first_gaps = columns["first_name"]
        columns["first_name"] = (np.where(is_capture, None, first_names),
                                 lambda rows: first_gaps(rows) | is_capture[rows])
    people, position = _people_table(
        columns, row_code, part, key_arr, n_urls=len(url_keys), owner_codes=owner_codes,
        owner_names=owner_names, me_code=me_code, me_name=me_name, me_url=me_url,
        first_degree=own_codes | set(owner_codes), paths=paths,
    )

    # --- ties ---------------------------------------------------------------
    tie_a, tie_b, tie_part = _connection_ties(row_code, part, is_own, n_shared, me_code=me_code,
                                              owner_codes=owner_codes, n_keys=len(key_arr),
                                              n_parts=len(paths))
    extra_ties: list[tuple[str, str, str, str]] = []

    # captures: named mutuals that resolve to 1st-degree connections
    name_norms = _known_norms(people["name"], norm_of)
    degree = people["degree"].to_numpy()

    def is_first_degree(key: str) -> bool:
        code = keys.find(key)
        return code >= 0 and position[code] >= 0 and degree[position[code]] == 1

    if capture_results:
        is_first = degree == 1
        first_people = people[is_first]
        first_index = NameIndex.from_columns(first_people.index, first_people["name"],
                                             first_people["company"], norms=name_norms[is_first])
    reported_rows = []
    for j, result in enumerate(capture_results, start=1 + n_shared):
        rows = np.flatnonzero(part == j)
        frame = result.frame.set_index("line")
        counts = frame["mutual_count"].to_dict()
        mutual_names = frame["mutual_names"].to_dict()
        for code, cap_line in zip(row_code[rows].tolist(), line[rows].tolist(), strict=True):
            key = keys.keys[code]
            if code == me_code or degree[position[code]] == 1:
                continue
            count = counts[cap_line]
            if not pd.isna(count):
                reported_rows.append({"key": key, "mutual_count": int(count), "source": result.path})
            for mutual_name in mutual_names[cap_line] or ():
                mutual = first_index.resolve(mutual_name)
                if mutual is None:
                    note(f"{where(result.path, int(cap_line))}: mutual connection {mutual_name!r} "
                         "matches several of your connections; not counted by name")
                    continue
                if not is_first_degree(mutual):
                    note(
                        f"{where(result.path, int(cap_line))}: mutual connection {mutual_name!r} is "
                        "not one of your 1st-degree connections; not counted"
                    )
                    continue
                extra_ties.append((mutual, key, result.path, "mutuals"))

    # edge lists
    if edge_results:
        people_index = NameIndex.from_columns(people.index, people["name"], people["company"],
                                              norms=name_norms)
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
            extra_ties.append((sk, tk, result.path, "edges"))
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
        name_norms = pd.concat([name_norms, _known_norms(people["name"].iloc[len(name_norms):],
                                                         norm_of)])

    # connection ties are already unique and without loops; the others are few
    paths_arr = np.asarray(paths, dtype=object)
    columns = {"a": key_arr[tie_a], "b": key_arr[tie_b], "source": paths_arr[tie_part],
               "kind": np.array(["shared", "connection"], dtype=object)[(tie_part == 0).astype("int64")]}
    ends = (position[tie_a], position[tie_b])
    if extra_ties:
        others = pd.DataFrame(extra_ties, columns=["a", "b", "source", "kind"], dtype=object)
        others = others[(others["a"] != others["b"]).to_numpy()].drop_duplicates(["a", "b", "source"])
        columns = {col: np.r_[values, others[col].to_numpy()] for col, values in columns.items()}
        found = [np.array([keys.find(k) for k in others[col]], dtype="int64") for col in "ab"]
        if all((f >= 0).all() for f in found):  # positions from the codes, no string lookups
            ends = (np.r_[ends[0], position[found[0]]], np.r_[ends[1], position[found[1]]])
        else:  # people added from edge lists have no code
            ends = (np.r_[ends[0], people.index.get_indexer(others["a"])],
                    np.r_[ends[1], people.index.get_indexer(others["b"])])
    ties = pd.DataFrame({col: pd.array(values, dtype="str") for col, values in columns.items()})

    reported = pd.DataFrame(reported_rows, columns=["key", "mutual_count", "source"])
    if len(reported):
        reported = reported.sort_values("mutual_count", ascending=False).drop_duplicates("key")
    reported = reported.set_index("key").astype({"mutual_count": "int64", "source": "str"})

    def frame_of(result: ReadResult | None) -> pd.DataFrame | None:
        return None if result is None else result.frame

    network = Network(
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
    # what was computed on the way is handed over to the network's cached properties
    network.__dict__["name_norms"] = name_norms
    network.__dict__["tie_ends"] = ends
    return network


def _resolve_names(norms: np.ndarray, companies: np.ndarray, known_norms: np.ndarray,
                   known_keys: np.ndarray, known_companies: np.ndarray) -> np.ndarray:
    """What :meth:`NameIndex.resolve` gives for each (name, company), all at once.

    ``norms``/``companies`` are the URL-less records; ``known_*`` the people
    with a URL (one row each). A name known by no URL keeps ``"name:<norm>"``;
    by one URL, takes it; by several, takes the one at the same (normalised)
    company when exactly one is, else None (ambiguous).
    """
    out = np.array(["name:" + n for n in norms.tolist()], dtype=object)
    n_known = len(known_norms)
    name_codes = pd.factorize(np.r_[known_norms, norms].astype(object))[0]
    known_name, name = name_codes[:n_known], name_codes[n_known:]
    size, first = _counts_and_firsts(known_name, int(name_codes.max(initial=-1)) + 1)
    one = size[name] == 1
    out[one] = known_keys[first[name[one]]]
    several = np.flatnonzero(size[name] > 1)
    if len(several):
        out[several] = None
        comp_codes, comps = pd.factorize(np.r_[_normalized_companies(known_companies),
                                               _normalized_companies(companies[several])])
        blank = np.flatnonzero(np.asarray(comps, dtype=object) == "")
        comp_codes[np.isin(comp_codes, blank)] = -1  # an unknown company tells nobody apart
        width = len(comps) + 1
        pairs = pd.factorize(np.r_[known_name, name[several]] * width
                             + np.r_[comp_codes[:n_known], comp_codes[n_known:]])[0]
        pairs[comp_codes < 0] = -1
        pair_size, pair_first = _counts_and_firsts(pairs[:n_known], int(pairs.max(initial=-1)) + 1)
        wanted = pairs[n_known:]
        unique = wanted >= 0
        unique[unique] = pair_size[wanted[unique]] == 1
        out[several[unique]] = known_keys[pair_first[wanted[unique]]]
    return out


def _namesakes(norms: np.ndarray, row_pair: np.ndarray, own: np.ndarray, has_url: np.ndarray,
               row_url: np.ndarray, url_keys: np.ndarray, company: np.ndarray,
               dates: np.ndarray, named_urls: tuple[np.ndarray, np.ndarray, np.ndarray],
               ) -> dict[int, str | None]:
    """Keys for the URL-less records whose name several of your own connections share.

    Your own export lists each connection once, so two of its rows are never one
    person: each URL-less namesake gets its own key (:func:`refkit.resolve.namesake_key`),
    or the profile URL another file gives for that name at the same company.
    Other files' URL-less records with such a name resolve among all the namesakes
    by company, the usual rule; None when the company cannot tell (kept apart).
    Returns ``{row position: key}`` for those records only (usually none).
    """
    own_norms = pd.Series(norms[row_pair[own]], dtype=object)
    wanted = set(own_norms[own_norms.duplicated(keep=False).to_numpy()
                           & ~has_url[own]].tolist()) - {""}
    if not wanted:  # the usual case: namesakes of yours, if any, have their profile URLs
        return {}
    is_wanted = np.fromiter((n in wanted for n in norms.tolist()), dtype=bool, count=len(norms))
    rows = np.flatnonzero(is_wanted[row_pair] & ~has_url)
    if not len(rows):
        return {}
    own_urls = set(url_keys[row_url[own & has_url]].tolist())
    by_name: dict[str, list[tuple[str, object]]] = {}  # URL'd people of those names
    for norm, key, comp in zip(*named_urls, strict=True):
        if norm in wanted:
            by_name.setdefault(norm, []).append((key, comp))
    out: dict[int, str | None] = {}
    taken: set[str] = set()
    index = NameIndex()  # every namesake, for the other files' records
    for pos in rows.tolist():  # own rows first: they are the people
        if not own[pos]:
            continue
        norm = norms[row_pair[pos]]
        comp = normalize_company(company[pos])
        same = [k for k, c in by_name.get(norm, ())
                if comp and k not in own_urls and normalize_company(c) == comp]
        if len(same) == 1 and same[0] not in taken:
            key = same[0]
        else:
            day = pd.Timestamp(dates[pos]).date().isoformat() if not pd.isna(dates[pos]) else "?"
            key, n = namesake_key(norm, day), 1
            while key in taken:
                n += 1
                key = namesake_key(norm, f"{day}-{n}")
        out[pos] = key
        taken.add(key)
        index.add(key, norm, company[pos])
    for norm, found in by_name.items():
        for key, comp in found:
            index.add(key, norm, comp)
    for pos in rows.tolist():
        if not own[pos]:
            out[pos] = index.resolve(norms[row_pair[pos]], company[pos])
    return out


def _warn_renamed_urls(urls: np.ndarray, norms: np.ndarray, names: np.ndarray,
                       places: Callable[[np.ndarray], list[str]], url_keys: np.ndarray,
                       note: Callable[[str], None]) -> None:
    """Warn about each profile URL that the files give under different names.

    ``places`` gives, for row positions, where each row is (file and line).
    Rows without a name tell nothing and are left out.
    """
    named = np.flatnonzero(norms != "")
    codes, _ = pd.factorize(norms[named])
    width = int(codes.max(initial=0)) + 1
    pairs = unique_sorted(urls[named].astype("int64") * width + codes)
    url_of = pairs // width
    starts = run_starts(url_of)
    renamed = url_of[starts[np.diff(np.r_[starts, len(url_of)]) > 1]]
    if not len(renamed):
        return
    seen: dict[int, dict[str, tuple[str, int]]] = {}  # url -> norm -> (name, row)
    rows = named[np.isin(urls[named], renamed)]
    for row, url, name, norm in zip(rows.tolist(), urls[rows].tolist(), names[rows].tolist(),
                                    norms[rows].tolist(), strict=True):
        seen.setdefault(url, {}).setdefault(norm, (name, row))
    for url in renamed.tolist():
        found = list(seen[url].values())[:3]
        where_ = places(np.asarray([row for _, row in found]))
        shown = ", ".join(f"{name!r} ({place})" for (name, _), place in zip(found, where_, strict=True))
        note(f"{where_[-1]}: profile {url_keys[url]} appears under different names: {shown}; "
             "treated as one person")


def _counts_and_firsts(codes: np.ndarray, n: int) -> tuple[np.ndarray, np.ndarray]:
    """How many times each code in ``0..n-1`` occurs (codes < 0 ignored), and where first."""
    valid = codes >= 0
    size = np.bincount(codes[valid], minlength=n)
    first = np.full(n, len(codes), dtype="int64")
    np.minimum.at(first, codes[valid], np.flatnonzero(valid))
    return size, first


def _normalized_companies(companies: np.ndarray) -> np.ndarray:
    """``normalize_company`` of each value, computed once per distinct value."""
    codes, uniques = pd.factorize(companies)
    mapped = np.array([normalize_company(c) for c in np.asarray(uniques, dtype=object).tolist()]
                      + [""], dtype=object)
    return mapped[codes]


def _known_norms(names: pd.Series, norm_of: Mapping[str, str]) -> pd.Series:
    """``normalize_name`` of each name, looked up in ``norm_of`` and computed for the rest."""
    norms = names.map(norm_of)
    missing = norms.isna().to_numpy()
    if missing.any():
        norms[missing] = [normalize_name(v) for v in names[missing]]
    return norms.astype("str")


def _all_warnings(archive: Archive, *groups: Sequence[ReadResult]) -> list[str]:
    out: list[str] = list(getattr(archive, "notes", ()))
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


def _connection_ties(codes: np.ndarray, parts: np.ndarray, is_own: np.ndarray, n_shared: int, *,
                     me_code: int, owner_codes: list[int], n_keys: int,
                     n_parts: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Ties from the user's export (me — connection) and shared exports (owner — listed person).

    Returns the codes of both ends and the part (file) of each tie, sorted and
    without repeats or loops.
    """
    own = is_own & (codes != me_code)
    shared = (parts >= 1) & (parts <= n_shared)
    owner_of_part = np.asarray([me_code, *owner_codes], dtype="int64")
    a = np.concatenate([np.full(own.sum(), me_code, dtype="int64"), owner_of_part[parts[shared]]])
    b = np.concatenate([codes[own], codes[shared]]).astype("int64")
    p = np.concatenate([parts[own], parts[shared]]).astype("int64")
    keep = a != b
    n, n_parts = n_keys + 1, n_parts + 1
    combined = unique_sorted((a[keep] * n + b[keep]) * n_parts + p[keep])
    pair, p = np.divmod(combined, n_parts)
    a, b = np.divmod(pair, n)
    return a, b, p


def _people_table(
    columns: dict[str, tuple[np.ndarray, Callable[[np.ndarray], np.ndarray]]], codes: np.ndarray,
    parts: np.ndarray, keys: np.ndarray, *,
    n_urls: int, owner_codes: list[int], owner_names: list[str], me_code: int, me_name: str,
    me_url: str | None, first_degree: set[int], paths: list[str],
) -> tuple[pd.DataFrame, np.ndarray]:
    """One row per person from the records' columns (one value per record, in order of trust).

    ``columns`` maps each column to its values and a function telling which of
    some rows are missing.

    Each person's facts come from their first record, gaps filled from the next
    ones; owners of shared exports, of whom only a name is known, come last.
    Keys below ``n_urls`` are profile URLs. Returns the table (the user first,
    then people in order of first appearance) and, for each key code, its
    position in the table (-1: none).
    """
    keep = codes != me_code
    best = _first_rows(codes, np.flatnonzero(keep))
    later = keep.copy()
    later[best] = False
    people_codes = codes[best]
    data = {col: _first_values(values, missing, codes, best, later, len(keys))
            for col, (values, missing) in columns.items()}
    urls = np.append(keys[:n_urls], None)
    data["profile_url"] = urls[np.where(people_codes < n_urls, people_codes, n_urls)]
    # position in the table of each key code: the user 0, then people in order (-1: none)
    position = np.full(len(keys), -1, dtype="int64")
    position[me_code] = 0
    position[people_codes] = np.arange(1, len(people_codes) + 1)
    # owners of shared exports: a name for those known by none, a row for those not listed
    extra: dict[int, str | None] = {}
    for code, name in zip(owner_codes, owner_names, strict=True):
        if code == me_code:
            continue
        if position[code] > 0:
            if name and data["name"][position[code] - 1] is None:
                data["name"][position[code] - 1] = name
        else:
            extra.setdefault(code, name or None)
    if extra:
        added = np.asarray(list(extra), dtype=people_codes.dtype)
        position[added] = np.arange(len(people_codes) + 1, len(people_codes) + len(added) + 1)
        people_codes = np.r_[people_codes, added]
        for col, values in data.items():
            filler = np.full(len(extra), np.datetime64("NaT") if values.dtype.kind == "M" else None,
                             dtype=values.dtype)
            data[col] = np.r_[values, filler]
        data["name"][-len(extra):] = list(extra.values())
    owners = np.asarray([c for c in owner_codes if c != me_code], dtype="int64")
    owner_parts = np.asarray([i for i, c in enumerate(owner_codes, start=1) if c != me_code],
                             dtype="int64")
    data["sources"] = _joined_sources(np.r_[parts[keep], owner_parts], np.r_[codes[keep], owners],
                                      position, paths)
    me_row = {"name": me_name, "first_name": me_name.split(" ")[0],
              "last_name": " ".join(me_name.split(" ")[1:]), "profile_url": me_url,
              "sources": "you"}
    degree = np.full(len(people_codes) + 1, 2, dtype="int64")
    degree[np.flatnonzero(np.isin(people_codes, list(first_degree))) + 1] = 1
    degree[0] = 0
    table = {}
    for col in PEOPLE_COLUMNS:  # the user first, then everyone else
        values = data.get(col)
        if col == "degree":
            table[col] = degree
        elif col == "connected_on":
            table[col] = pd.to_datetime(np.r_[np.array([np.datetime64("NaT")], dtype=values.dtype),
                                              values])
        else:
            table[col] = pd.array(np.r_[np.array([me_row.get(col)], dtype=object), values],
                                  dtype="str")
    people = pd.DataFrame(table, index=pd.Index(np.r_[keys[[me_code]], keys[people_codes]],
                                                name="key", dtype="str"))
    nameless = people["name"].isna().to_numpy()
    if nameless.any():  # nobody gave a name: the key says it
        people.loc[nameless, "name"] = people.index[nameless].str.removeprefix("name:")
    return people, position


def _first_values(values: np.ndarray, missing: Callable[[np.ndarray], np.ndarray],
                  codes: np.ndarray, best: np.ndarray, later: np.ndarray,
                  n_keys: int) -> np.ndarray:
    """For each person (their first row, ``best``), the first value not missing among their rows."""
    current = values[best]
    gaps = missing(best)
    if not gaps.any():
        return current
    need = np.zeros(n_keys, dtype=bool)
    need[codes[best[gaps]]] = True
    rows = np.flatnonzero(later & need[codes])
    rows = rows[~missing(rows)]
    if len(rows):
        rows = _first_rows(codes, rows)
        found = np.zeros(n_keys, dtype=bool)
        found[codes[rows]] = True
        fill = np.empty(n_keys, dtype=values.dtype)
        fill[codes[rows]] = values[rows]
        take = gaps & found[codes[best]]
        current = current.copy()
        current[take] = fill[codes[best[take]]]
    return current


def _joined_sources(parts: np.ndarray, codes: np.ndarray, position: np.ndarray,
                    paths: list[str]) -> np.ndarray:
    """Per person, in table order, the distinct file names their facts came from, joined by "; "."""
    names = [os.path.basename(str(v)) for v in paths]
    n_parts = len(paths) + 1
    pairs = unique_sorted(codes.astype("int64") * n_parts + parts)
    who, what = np.divmod(pairs, n_parts)
    starts = run_starts(who)
    # "; " before every name but each person's first, then one string sum per person
    pieces = np.array(["; " + n for n in names], dtype=object)[what]
    pieces[starts] = np.array(names, dtype=object)[what[starts]]
    out = np.empty(len(starts), dtype=object)
    out[position[who[starts]] - 1] = np.add.reduceat(pieces, starts) if len(starts) else pieces
    return out


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
