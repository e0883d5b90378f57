"""Build the network: you, your 1st-degree connections and the 2nd-degree people beyond them.

:func:`build_network` takes what the readers return (or paths, which it reads)
and produces a :class:`Network`: one table of people and one table of ties.

Degree: 0 is the user; 1 the user's connections and the owners of shared
exports (an owner not among the user's connections is added as 1st-degree,
with a warning); 2 everyone else.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from refkit._arrays import run_starts, unique_sorted
from refkit._errors import (
    AmbiguousPersonError,
    FileFormatError,
    NotInNetworkError,
    OptionError,
    RefkitError,
    RefkitWarning,
    where,
)
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
    resolve_names,
)

if TYPE_CHECKING:  # pragma: no cover
    import networkx as nx

    from refkit.read import Archive, ReadResult

__all__ = ["Network", "build_network", "from_networkx", "to_networkx", "ME_PLACEHOLDER"]

ME_PLACEHOLDER = "me"
#: The user's name when neither Profile.csv nor ``me`` gives it (drafts then sign with none).
UNKNOWN_NAME = "You"
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
    """The user's network as two tables: the people, and the ties between them.

    :func:`build_network` makes one from the files; a network can also be
    made from tables directly (tests, notebooks, :func:`refkit.examples.toy_network`).
    Each parameter is kept as the attribute of the same name.

    Parameters
    ----------
    people : DataFrame
        Indexed by ``key``; columns ``name, first_name, last_name, profile_url,
        email, company, position, connected_on, degree, sources``. Only
        ``degree`` (0 the user, 1 their connections, 2 everyone else) is
        required: missing columns are added empty (``name`` from the key).
    ties : DataFrame
        Columns ``a, b`` (person keys), ``source`` (file), ``kind``
        (``connection``, ``shared``, ``mutuals``, ``edges``) and
        ``connected_on`` (the day ``a`` and ``b`` connected, as the export of
        ``a`` says: known for ``connection`` and ``shared`` ties, NaT for the
        others); ``source`` and ``kind`` are added empty when missing,
        ``connected_on`` as NaT.
    me : str
        Key of the user (a row of ``people``).
    reported : DataFrame, optional
        Mutual counts LinkedIn showed (captures): index ``key``, columns
        ``mutual_count``, ``source``. By default none.
    messages, invitations, positions : DataFrame or None, optional
        The user's archive files as read.
    recommendations, endorsements : DataFrame or None, optional
        The recommendations the user received and gave (both files in one
        frame, told apart by ``direction``) and the endorsements received, as read.
    jobs : DataFrame or None, optional
        Where the user wants to work, from the archive's jobs files: columns
        ``kind`` (``applied``, ``saved`` or ``followed``), ``on`` (the day),
        ``company``, ``job_title``, ``job_url``, ``source``, ``line``
        (one row per row read, applications first).
    warnings : tuple of str, optional
        Everything noticed while building.

    Raises
    ------
    RefkitError
        When ``people`` has no ``degree`` column or no row ``me``, or ``ties``
        has no ``a`` and ``b`` columns.

    Notes
    -----
    A ``Network`` is immutable, as networkx's frozen graphs are: edit a copy of
    a table and derive a new network (``dataclasses.replace(network,
    people=...)``). What ranking derives from the tables is cached on the
    network itself, so a table edited in place would leave it stale.

    Examples
    --------
    >>> import pandas as pd
    >>> people = pd.DataFrame({"name": ["Ana Lima", "Lee Chen", "Sue Ng"], "degree": [0, 1, 2]},
    ...                       index=pd.Index(["me", "lee", "sue"], name="key"))
    >>> ties = pd.DataFrame({"a": ["me", "lee"], "b": ["lee", "sue"]})
    >>> net = Network(people=people, ties=ties, me="me")
    >>> net
    Network(me='Ana Lima', 1st-degree=1, 2nd-degree=1, ties=2)
    >>> net.me_name, list(net.second_degree)
    ('Ana Lima', ['sue'])
    >>> Network(people=people.drop(columns="degree"), ties=ties, me="me")
    Traceback (most recent call last):
    ...
    refkit._errors.RefkitError: a Network needs people with a 'degree' column and the user among them
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
    recommendations: pd.DataFrame | None = None
    endorsements: pd.DataFrame | None = None
    jobs: pd.DataFrame | None = None
    warnings: tuple[str, ...] = ()
    # results derived from the tables (mutual counts, tie strength ...), computed once per
    # network; a derived network (dataclasses.replace) starts with none
    _derived: dict[Any, Any] = field(default_factory=dict, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        people, ties = self.people, self.ties
        problems = []  # every problem at once, as refkit.toml's are
        if "degree" not in people or self.me not in people.index:
            problems.append("people with a 'degree' column and the user among them")
        if not {"a", "b"} <= set(ties.columns):
            problems.append("ties with columns 'a' and 'b'")
        if problems:
            raise RefkitError("a Network needs " + " and ".join(problems))
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
        if not {"source", "kind", "connected_on"} <= set(ties.columns):
            ties = ties.assign(**{c: "" for c in ("source", "kind") if c not in ties})
            if "connected_on" not in ties:
                ties["connected_on"] = pd.Series(pd.NaT, index=ties.index, dtype="datetime64[s]")
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

    @property
    def name_norms(self) -> pd.Series:
        """Each person's name in matching form (:func:`refkit.resolve.normalize_name`).

        Indexed like ``people``. Computed on first use; :func:`build_network`
        hands over the forms it already computed.
        """
        if "name_norms" not in self._derived:
            self._derived["name_norms"] = _text_map(self.people["name"], normalize_name).astype("str")
        return self._derived["name_norms"]

    @property
    def tie_ends(self) -> tuple[np.ndarray, np.ndarray]:
        """Positions in ``people`` of each tie's ``a`` and ``b`` (-1 for a key not in ``people``).

        Lets the ranking work on integers; :func:`build_network` hands them over.
        """
        if "tie_ends" not in self._derived:
            index = self.people.index
            self._derived["tie_ends"] = (index.get_indexer(self.ties["a"]),
                                         index.get_indexer(self.ties["b"]))
        return self._derived["tie_ends"]

    @classmethod
    def _built(cls, *, name_norms: pd.Series, tie_ends: tuple[np.ndarray, np.ndarray],
               **tables: Any) -> Network:
        """A network with what the build computed on the way already derived (private)."""
        network = cls(**tables)
        network._derived.update(name_norms=name_norms, tie_ends=tie_ends)
        return network

    def __repr__(self) -> str:
        counts = self.people["degree"].value_counts()
        return (
            f"Network(me={self.me_name!r}, 1st-degree={int(counts.get(1, 0))}, "
            f"2nd-degree={int(counts.get(2, 0))}, ties={len(self.ties)})"
        )


# ----------------------------------------------------------------------------
# reading inputs


def _as_export(export: Any, *, whose: str = "your") -> Archive:
    """An Archive from a path, an Archive or a connections ReadResult (``whose`` words the error)."""
    from refkit.read import Archive, ReadResult, read_export

    if isinstance(export, Archive):
        return export
    if isinstance(export, ReadResult):
        if export.kind != "connections":
            raise FileFormatError(
                f"{export.path}: expected {whose} Connections.csv or LinkedIn archive, got a {export.kind} file",
                path=export.path,
            )
        return Archive(path=export.path, connections=export)
    return read_export(export)


def _read_inputs(export: Any, shared: Any) -> tuple[Archive | None, list[ReadResult]]:
    """Your export (None: not read) and the shared exports, read; while forked workers read a
    pile of shared files, this process reads your own (a large file, read meanwhile)."""
    from refkit.read import ReadResult

    pairs = list(shared.items() if isinstance(shared, Mapping) else shared)
    out: list[ReadResult | None] = []
    to_read: list[tuple[str, Any]] = []  # files, in order (their places in ``out`` are None)
    for item in pairs:
        if isinstance(item, ReadResult):
            if not item.owner:
                raise OptionError(f"{item.path}: a shared export needs its owner (a name or profile URL)",
                                  path=item.path)
            out.append(item)
            continue
        try:
            owner, value = item
        except (TypeError, ValueError) as err:
            raise OptionError(
                f"shared exports are given as owner=file pairs, got {item!r}", value=item
            ) from err
        if isinstance(value, ReadResult):
            out.append(value if value.owner else _with_owner(value, str(owner)))
        else:
            out.append(None)
            to_read.append((str(owner), value))
    archive, read = _read_files(to_read, first=None if export is None else lambda: _as_export(export))
    files = iter(read)
    return archive, [next(files) if r is None else r for r in out]  # type: ignore[misc]


def _read_file(value: Any, owner: str) -> ReadResult:
    from refkit.read import read_shared

    return read_shared(value, owner=owner)


_SHARED_BAR = "reading shared exports"


def _read_files(items: list[tuple[str, Any]], *,
                first: Callable[[], Archive] | None) -> tuple[Archive | None, list[ReadResult]]:
    """``first()`` (your export) and each ``(owner, file)`` read, in order; a coach's pile with
    progress, by several processes (``first`` read here meanwhile)."""
    from refkit.read._many import read_in_parallel, workers_for

    if len(items) < PROGRESS_FROM:  # quick: no progress bar
        archive = first() if first is not None else None
        return archive, [_read_file(value, owner) for owner, value in items]
    from tqdm.auto import tqdm

    bars: list[Any] = []

    def progress() -> Any:
        bars.append(tqdm(total=len(items) + (first is not None), unit="file", leave=False,
                         desc="reading your export" if first is not None else _SHARED_BAR))
        return bars[-1]

    def yours_first() -> Archive:  # then the bar says what it waits for
        archive = first()  # type: ignore[misc]
        bars[-1].set_description(_SHARED_BAR)
        return archive

    workers = workers_for(len(items))  # before any bar: a bar may start a thread
    if workers:
        return read_in_parallel(_read_file, items, workers=workers, progress=progress,
                                first=None if first is None else yours_first)
    with progress() as bar:
        archive = None
        if first is not None:
            archive = yours_first()
            bar.update(1)
        out = []
        for owner, value in items:
            out.append(_read_file(value, owner))
            bar.update(1)
        return archive, out


def _distinct_exports(results: list[ReadResult], note: Callable[[str], None]) -> list[ReadResult]:
    """The exports with each file's content once (``results[0]`` is your own).

    The same file given twice for one owner is used once (with a warning); the
    same content under two owners would double every mutual count it holds,
    and refkit cannot tell which owner is right: a :class:`RefkitError`, as is
    your own export given as someone else's.
    """
    # with the dates: two people's exports may list the same people, never on the same days
    columns = ["first_name", "last_name", "profile_url", "company", "position", "connected_on"]
    seen: dict[tuple[object, ...], list[ReadResult]] = {}
    out = []

    def same_rows(a: ReadResult, b: ReadResult) -> bool:
        return a.frame.reindex(columns=columns).equals(b.frame.reindex(columns=columns))

    for result in results:
        frame = result.frame
        if not len(frame):
            out.append(result)
            continue
        # a cheap fingerprint (size and a few rows), then a full comparison on a match
        rows = np.linspace(0, len(frame) - 1, num=min(len(frame), 16), dtype="int64")
        fingerprint = (len(frame), *(tuple(frame[c].array.take(rows).tolist()) if c in frame else None
                                     for c in columns))
        same = seen.setdefault(fingerprint, [])
        first = next((r for r in same if same_rows(r, result)), None)
        if first is None:
            same.append(result)
            out.append(result)
        elif first is results[0] and first.owner is None:  # your own export, given as shared
            raise FileFormatError(f"{result.path}: holds the same connections as your own export "
                                  f"{first.path}; a shared export is someone else's Connections.csv",
                                  path=result.path)
        elif _owner_id(first.owner) == _owner_id(result.owner):
            note(f"{result.path}: the same export as {first.path} was given twice for "
                 f"{result.owner!r}; used once")
        else:
            raise OptionError(
                f"{first.path} and {result.path} hold the same connections (the same export) but "
                f"are shared under two owners, {first.owner!r} and {result.owner!r}: each "
                "export belongs to one person; give it once, under its owner",
                path=result.path, value=result.owner,
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
    friend's "Connected On" is when *they* connected (kept as ``listed_on``, the
    date of the tie between the file's owner and the person).
    """
    frames = [_connection_frame(r.frame) for r in results]
    lengths = [len(f) for f in frames]
    out = pd.concat(frames, ignore_index=True)
    out["part"] = np.repeat(np.arange(len(results), dtype="int64"), lengths)
    # the date a file gives is when its owner connected with the person: the far end of a
    # path through a shared export; a person's own "connected_on" is the user's date only
    out["listed_on"] = out["connected_on"]
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


def _mask(n: int, *codes: Sequence[int] | np.ndarray) -> np.ndarray:
    """A boolean array of ``n`` key codes, true at each of ``codes``."""
    mask = np.zeros(n, dtype=bool)
    for some in codes:
        mask[np.asarray(some, dtype="int64")] = True
    return mask


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
        A new network: the user (degree 0), their connections and the owners
        of shared exports (degree 1), everyone else the files name (degree 2).
        What was noticed on the way is in ``network.warnings`` (and was
        warned as :class:`~refkit.RefkitWarning`).

    Raises
    ------
    FileFormatError
        When a file cannot be read, is not of the kind expected, or a shared
        export holds the same connections as your own.
    OptionError
        When shared exports are not given as owner and file, an owner is
        missing or is you, or one export is shared under two owners.
    AmbiguousPersonError
        When an owner given by name matches several of your connections.
    NotInNetworkError
        When no edge of an edge list connects to anyone in your network.

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


@dataclass
class _Inputs:
    """Everything :func:`build_network` was given, read, and the warnings it collects."""

    archive: Archive
    shared: list[ReadResult]
    captures: list[ReadResult]
    edges: list[ReadResult]
    notes: list[str] = field(default_factory=list)

    @property
    def paths(self) -> list[str]:
        """The file of each part: your export, the shared exports, then the captures."""
        return [self.archive.connections.path, *(r.path for r in self.shared),
                *(r.path for r in self.captures)]

    def note(self, message: str) -> None:
        """Keep ``message`` and warn with it, pointing at the caller of :func:`build_network`."""
        import sys
        import warnings

        message = scrub_emails(message)  # warnings quote other people's cells: never an address
        self.notes.append(message)
        frame, level = sys._getframe(1), 2
        while frame is not None and frame.f_code.co_filename == __file__:
            frame, level = frame.f_back, level + 1
        warnings.warn(message, RefkitWarning, stacklevel=level)


@dataclass(frozen=True)
class _Me:
    """Who the user is: display name, normalised name and profile URL (when known)."""

    name: str
    norm: str
    url: str | None

    @property
    def key(self) -> str:
        """The user's person key."""
        return self.url or (f"name:{self.norm}" if self.norm else ME_PLACEHOLDER)


@dataclass
class _Records:
    """One row per usable record about a person (a row of a file), as integer codes.

    ``url`` and ``pair`` code each row's profile URL (into ``url_keys``, -1: none) and
    name (into ``names``/``norms``, one per distinct first and last name); ``code`` is
    the person key code each row resolves to (set by :func:`_resolve_records`).
    """

    frame: pd.DataFrame
    part: np.ndarray
    url: np.ndarray
    pair: np.ndarray
    url_keys: np.ndarray
    names: np.ndarray
    norms: np.ndarray
    company: np.ndarray
    line: np.ndarray
    code: np.ndarray = field(default_factory=lambda: np.empty(0, dtype="int64"))

    @property
    def has_url(self) -> np.ndarray:
        return self.url >= 0

    @property
    def is_own(self) -> np.ndarray:
        return self.part == 0

    @property
    def row_norms(self) -> np.ndarray:
        return self.norms[self.pair]

    def place(self, paths: list[str], row: int) -> str:
        """Where row ``row`` is: its file and line."""
        return where(paths[self.part[row]], int(self.line[row]))


def _build_network(export: Any, *, shared: Any, mutuals: Any, edges: Any, me: str | None) -> Network:
    archive, shared_results = _read_inputs(export, shared)
    inputs = _Inputs(archive, shared_results, _as_results(mutuals, "read_mutuals"),
                     _as_results(edges, "read_edges"))
    inputs.shared = _distinct_exports([archive.connections, *inputs.shared], inputs.note)[1:]
    me_given = _who_is_me(archive, me, inputs.note)
    records = _encode_records(inputs)
    keys, user, wanted = _resolve_records(records, inputs, me_given)
    owner_codes, owner_names, own_codes = _owners(records, inputs, keys, user, wanted)
    people, position = _people_of(records, inputs, keys, user, owner_codes, owner_names,
                                  first_degree=_mask(len(keys.keys), own_codes, owner_codes))
    connection_ties = _connection_ties(
        records.code, records.part, records.is_own, len(inputs.shared), me_code=keys.find(user.key),
        owner_codes=owner_codes, n_keys=len(keys.keys), n_parts=len(inputs.paths),
        dates=records.frame["listed_on"].to_numpy())
    name_norms = _known_norms(people["name"], dict(zip(records.names.tolist(),
                                                       records.norms.tolist(), strict=True)))
    extra_ties, reported = _capture_ties(records, inputs, keys, people, position, name_norms)
    del records  # every row's codes: not needed from here, freed before the tie table is made
    edge_ties, people, name_norms = _edge_ties(inputs, user, people, name_norms)
    ties, ends = _tie_table(keys, position, people, connection_ties, inputs.paths,
                            extra_ties + edge_ties)
    return Network._built(
        people=people, ties=ties, me=user.key, reported=reported,
        messages=_frame_of(archive.messages), invitations=_frame_of(archive.invitations),
        positions=_frame_of(archive.positions), jobs=_jobs_of(archive),
        recommendations=_recommendations_of(archive), endorsements=_frame_of(archive.endorsements),
        warnings=tuple(inputs.notes) + tuple(_all_warnings(archive, inputs.shared,
                                                           inputs.captures, inputs.edges)),
        name_norms=name_norms, tie_ends=ends,
    )


def _keyed_records(archive: Archive, shared: Sequence[ReadResult], *, me_name: str,
                   me_url: str | None) -> tuple[pd.DataFrame, str]:
    """The identity stage of :func:`build_network` alone (what :mod:`refkit.coach` uses).

    Every usable row of ``archive``'s connections (``part`` 0) and of each ``shared``
    export (``part`` 1, 2, ...) with the person ``key`` the network gives it, its
    display ``name`` and normalised ``url`` (None without one); and the user's key
    (the user named ``me_name``, with profile URL ``me_url`` when known).
    """
    inputs = _Inputs(archive, list(shared), [], [])
    records = _encode_records(inputs)
    given = _Me(name=me_name, norm=normalize_name(me_name), url=me_url)
    keys, user, _ = _resolve_records(records, inputs, given)
    frame = records.frame.assign(key=np.asarray(keys.keys, dtype=object)[records.code],
                                 name=records.names[records.pair],
                                 url=np.append(records.url_keys, None)[records.url])
    return frame.reset_index(drop=True), user.key


def _frame_of(result: ReadResult | None) -> pd.DataFrame | None:
    return None if result is None else result.frame


def _recommendations_of(archive: Archive) -> pd.DataFrame | None:
    """Both recommendation files in one frame (``direction`` tells them apart), or None."""
    found = [r.frame for r in (getattr(archive, "recommendations_received", None),
                               getattr(archive, "recommendations_given", None)) if r is not None]
    return pd.concat(found, ignore_index=True) if found else None


def _jobs_of(archive: Archive) -> pd.DataFrame | None:
    """The archive's jobs files as one frame (``Network.jobs``), None when it has none."""
    frames = []
    for kind, part, day in (("applied", archive.applications, "applied_on"),
                            ("saved", archive.saved_jobs, "saved_on"),
                            ("followed", archive.company_follows, "followed_on")):
        if part is None:
            continue
        frame = part.frame
        n = len(frame)
        empty = pd.Series([None] * n, dtype="str")
        frames.append(pd.DataFrame({
            "kind": pd.Series([kind] * n, dtype="str"), "on": frame[day].to_numpy(),
            "company": frame["company"].to_numpy(),
            "job_title": frame["job_title"].to_numpy() if "job_title" in frame else empty,
            "job_url": frame["job_url"].to_numpy() if "job_url" in frame else empty,
            "source": pd.Series([part.path] * n, dtype="str"), "line": frame["line"].to_numpy(),
        }))
    if not frames:
        return None
    out = pd.concat(frames, ignore_index=True)
    for column in ("company", "job_title", "job_url"):
        out[column] = out[column].astype("str")
    return out

def _who_is_me(archive: Archive, me: str | None, note: Callable[[str], None]) -> _Me:
    """The user from ``Profile.csv`` and ``--me`` (a name, or a URL that adds the profile URL)."""
    name, url = "", None
    if archive.profile is not None and len(archive.profile.frame):
        row = archive.profile.frame.iloc[0]
        name = display_name(row.get("first_name"), row.get("last_name"))
    if me:
        given_url = normalize_url(me)
        if given_url:
            url = given_url
        elif not name:
            name = display_name(me)
        elif normalize_name(me) != normalize_name(name):
            note(f"--me {me!r} differs from the name in Profile.csv ({name!r}); using Profile.csv")
    return _Me(name=name, norm=normalize_name(name), url=url)


def _encode_records(inputs: _Inputs) -> _Records:
    """Every file's rows about people, coded: each string is worked on once per distinct value.

    Every file is a numbered part: 0 the user's export, 1..n the shared exports, then the
    captures. Later stages work on the integer codes, not on the strings.
    Rows with neither a usable URL nor a name (nobody to place) are left out.
    """
    frame = _connection_records([inputs.archive.connections, *inputs.shared, *inputs.captures])
    # profile URLs: normalised once per distinct text, then one code per distinct profile
    url_codes, written = pd.factorize(frame["profile_url"])
    normalized = normalize_urls(np.asarray(written, dtype=object).tolist())
    # written forms are distinct and nearly all canonical already: one code per canonical form,
    # in order of first appearance (-1: none)
    norm_codes, url_keys = pd.factorize(np.asarray(normalized, dtype=object))
    row_url = np.r_[norm_codes.astype("int64"), -1][url_codes]  # -1: no usable URL
    # names: one display name per distinct (first, last) pair; a missing part reads ""
    first_codes, firsts = pd.factorize(frame["first_name"])
    last_codes, lasts = pd.factorize(frame["last_name"])
    firsts = np.asarray(firsts, dtype=object).tolist() + [""]
    lasts = np.asarray(lasts, dtype=object).tolist() + [""]
    first_codes = np.where(first_codes < 0, len(firsts) - 1, first_codes).astype("int64")
    last_codes = np.where(last_codes < 0, len(lasts) - 1, last_codes).astype("int64")
    row_pair, pair_codes = pd.factorize(first_codes * len(lasts) + last_codes)
    names = np.array([display_name(firsts[f], lasts[la]) for f, la in
                      zip(*np.divmod(pair_codes, len(lasts)), strict=True)], dtype=object)
    norms = np.array([normalize_name(v) for v in names.tolist()], dtype=object)
    part = frame["part"].to_numpy()
    usable = (row_url >= 0) | (norms != "")[row_pair]
    if not usable.all():
        _warn_unplaceable(frame[~usable], inputs)
        frame, row_url, row_pair, part = frame[usable], row_url[usable], row_pair[usable], part[usable]
    return _Records(frame=frame, part=part, url=row_url, pair=row_pair,
                    url_keys=np.asarray(url_keys, dtype=object), names=names,
                    norms=norms, company=frame["company"].to_numpy(dtype=object),
                    line=frame["line"].to_numpy())


def _rows_skipped(result: ReadResult) -> list[str]:
    """The warnings :func:`build_network` gives about rows of ``result`` (a connections file
    or a capture) that it skips, though the reader read them (``refkit inspect`` shows them)."""
    import warnings

    from refkit.read import Archive

    inputs = _Inputs(Archive(path=result.path, connections=result), [], [], [])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RefkitWarning)
        _encode_records(inputs)
    return inputs.notes


def _warn_unplaceable(rows: pd.DataFrame, inputs: _Inputs) -> None:
    """Warn about each row left out for having nobody to place: a name of symbols only
    (no letters or digits to match a person by) and no usable profile URL."""
    from refkit.read._header import _excerpt

    paths = inputs.paths
    for part, line, first, last in zip(rows["part"].tolist(), rows["line"].tolist(),
                                       rows["first_name"].tolist(), rows["last_name"].tolist(),
                                       strict=True):
        shown = _excerpt(" ".join(v for v in (first, last) if isinstance(v, str) and v))
        inputs.note(f"{where(paths[part], int(line))}: the name {shown!r} has no letters to tell "
                    "who it is and the row has no profile URL; skipped")


@dataclass(frozen=True)
class _Wanted:
    """The names some record must be resolved by, and the URL'd people known by them."""

    is_wanted: np.ndarray  # per name pair
    norms: np.ndarray
    keys: np.ndarray
    companies: np.ndarray
    rows: np.ndarray  # the row each of them is known by


def _wanted_names(records: _Records, inputs: _Inputs) -> _Wanted:
    """Only names that URL-less records (or owners given by name) use need resolving."""
    norms = records.norms
    owner_norms = {normalize_name(name) for r in inputs.shared if not normalize_url(r.owner)
                   for name in _owner_names(str(r.owner))}
    wanted = set(norms[unique_sorted(records.pair[~records.has_url])].tolist()) | owner_norms
    is_wanted = np.fromiter((n in wanted for n in norms.tolist()), dtype=bool, count=len(norms))
    sel = _first_rows(records.url, np.flatnonzero(records.has_url & is_wanted[records.pair]))
    return _Wanted(is_wanted=is_wanted, norms=norms[records.pair[sel]],
                   keys=records.url_keys[records.url[sel]], companies=records.company[sel], rows=sel)


def _find_my_name(records: _Records, user: _Me) -> _Me:
    """The user, with their name when only their URL is known (``--me <URL>``, no Profile.csv)
    but other people's files list that URL: the name most of those rows give."""
    if user.norm or user.url is None:
        return user
    found = np.flatnonzero(records.url_keys == user.url)
    if not len(found):
        return user
    pairs = records.pair[(records.url == found[0]) & ~records.is_own]
    pairs = pairs[records.norms[pairs] != ""]
    if not len(pairs):
        return user
    values, counts = np.unique(pairs, return_counts=True)
    name = records.names[values[np.argmax(counts)]]  # the most common; the first of a tie
    return _Me(name=name, norm=normalize_name(name), url=user.url)


def _find_my_url(records: _Records, user: _Me, is_me_name: np.ndarray,
                 note: Callable[[str], None]) -> _Me:
    """The user, with their URL when unknown but friends' exports list them by name.

    A URL with the user's name that none of their own connections has is a candidate. Of
    several (namesakes of the user in friends' exports), the one listed by more than twice
    as many files as all the others together is the user's: the user is in nearly every
    friend's export, a namesake only by chance. Otherwise none is, and a note says so.
    """
    if user.url is None and user.norm:
        has_url, is_own = records.has_url, records.is_own
        rows = np.flatnonzero(has_url & is_me_name & ~is_own)
        rows = rows[~np.isin(records.url[rows], records.url[has_url & is_own])]
        urls, parts = np.unique(np.stack([records.url[rows], records.part[rows]]), axis=1)
        candidates, files = np.unique(urls, return_counts=True)
        top = int(np.argmax(files)) if len(files) else -1
        if len(candidates) == 1 or (len(candidates) > 1
                                    and files[top] > 2 * (files.sum() - files[top])):
            user = _Me(name=user.name, norm=user.norm, url=records.url_keys[candidates[top]])
        elif len(candidates) > 1:
            note(f"{len(candidates)} people named {user.name!r} with different profile URLs are "
                 "in the shared files and none is clearly you, so each is kept as someone else; "
                 "give your profile URL with --me")
    return _Me(name=user.name or UNKNOWN_NAME, norm=user.norm, url=user.url)


def _resolve_records(records: _Records, inputs: _Inputs, user: _Me) -> tuple[_Keys, _Me, _Wanted]:
    """Give each record its person key code (``records.code``), the user's rows the user's.

    Returns the keys, the user (their URL found on the way) and the wanted names.
    """
    wanted = _wanted_names(records, inputs)
    has_url, is_own = records.has_url, records.is_own
    user = _find_my_name(records, user)
    is_me_name = ((records.norms == user.norm)[records.pair] if user.norm
                  else np.zeros(len(records.part), dtype=bool))
    user = _find_my_url(records, user, is_me_name, inputs.note)
    url_keys = records.url_keys.tolist()
    keys = _Keys(dict(zip(url_keys, range(len(url_keys)), strict=True)))  # a URL's code: its row
    code = records.url.copy()
    nameonly = np.flatnonzero(~has_url)
    resolved = resolve_names(records.row_norms[nameonly], records.company[nameonly],
                             known_norms=wanted.norms, known_keys=wanted.keys,
                             known_companies=wanted.companies)
    shared = (records.part >= 1) & (records.part <= len(inputs.shared))
    namesakes, apart = _namesakes(records, is_own & ~is_me_name, wanted, shared & ~is_me_name,
                                  owners=[_owner_id(r.owner) for r in inputs.shared])
    if namesakes:  # nameonly is sorted: each namesake's place in it by bisection
        resolved[np.searchsorted(nameonly, list(namesakes))] = list(namesakes.values())
    url_rows = np.flatnonzero(has_url)
    paths = inputs.paths  # a property that builds the list: once
    _warn_renamed_urls(records.url[url_rows], records.pair[url_rows], records.norms, records.names,
                       lambda rows: [records.place(paths, r) for r in url_rows[rows]],
                       records.url_keys, inputs.note)
    kept_apart = set(apart)  # a person of their own, who might be someone known
    for pos, key in zip(nameonly.tolist(), resolved.tolist(), strict=True):
        if key is None or pos in kept_apart:
            pair = records.pair[pos]
            key = key or f"name:{records.norms[pair]}"
            why = ("people with that name" if pos in namesakes
                   else "people with different profile URLs")
            inputs.note(f"{records.place(paths, pos)}: {records.names[pair]!r} matches "
                        f"several {why} and the company does not tell which; kept apart from them")
        code[pos] = keys.code(key)
    me_code = keys.code(user.key)  # the user, whichever file mentions them
    is_me = (code == me_code) | (~has_url & is_me_name)
    code[is_me] = me_code
    if (is_own & is_me).any():
        inputs.note(f"{inputs.archive.connections.path}: you appear among your own connections; "
                    "ignored")
    records.code = code
    return keys, user, wanted


def _owners(records: _Records, inputs: _Inputs, keys: _Keys, user: _Me,
            wanted: _Wanted) -> tuple[list[int], list[str], np.ndarray]:
    """The key code and name of each shared export's owner, and the codes of your connections."""
    me_code = keys.find(user.key)
    own = records.is_own & (records.code != me_code)
    own_codes = unique_sorted(records.code[own])  # an array: a set of a million ints is 60 MB

    def is_own_code(code: int) -> bool:
        at = np.searchsorted(own_codes, code)
        return bool(at < len(own_codes) and own_codes[at] == code)

    sel = _first_rows(records.code, np.flatnonzero(own & wanted.is_wanted[records.pair]))
    own_index = NameIndex.from_columns([keys.keys[c] for c in records.code[sel].tolist()],
                                       records.names[records.pair[sel]], records.company[sel],
                                       norms=records.row_norms[sel])
    owner_codes: list[int] = []
    owner_names: list[str] = []
    for result in inputs.shared:
        key, name, url = _owner_key(result, own_index)
        # by name; or by a URL whose name is yours while your own URL is unknown and the
        # owner is none of your connections (a namesake of yours would be one)
        named_me = bool(user.norm) and normalize_name(name) == user.norm and (
            not url or (user.url is None and not is_own_code(keys.find(key))))
        if key == user.key or named_me:
            raise OptionError(
                f"{result.path}: its owner {str(result.owner)!r} is you; pass your own export as the "
                "export, not as a shared one (if the owner is someone else, give your own "
                "profile URL with --me)",
                path=result.path, value=result.owner,
            )
        code = keys.code(key)
        if not is_own_code(code):
            inputs.note(f"{result.path}: its owner {str(result.owner)!r} is not among your "
                        "connections; added as a 1st-degree connection")
        owner_codes.append(code)
        owner_names.append(name or "")
    return owner_codes, owner_names, own_codes


#: An owner given as ``Name (Company)``: which of your namesake connections shared the export.
_OWNER_AT = re.compile(r"(?P<name>[^()]*\S)\s*\((?P<company>[^()]*\S[^()]*)\)\s*")


def _owner_names(owner: str) -> tuple[str, ...]:
    """The names an owner given by name may be known by: as written, and without a
    ``(Company)`` at the end."""
    at = _OWNER_AT.fullmatch(owner)
    return (owner,) if at is None else (owner, at["name"])


def _owner_key(result: ReadResult, own_index: NameIndex) -> tuple[str, str, str | None]:
    """``(key, name, URL)`` of a shared export's owner (a profile URL, or one of your connections).

    An owner two of your connections share the name of is told apart by company, given
    as ``Name (Company)`` (a URL-less export has nothing else to tell them by).
    """
    from refkit.read._header import _excerpt

    owner = str(result.owner)
    url = normalize_url(owner)
    if url:
        return url, name_from_slug(url), url
    at = _OWNER_AT.fullmatch(owner)
    if at is not None and len(own_index.known_by(at["name"])) > 1:  # one of namesakes, by company
        name = display_name(at["name"])
        key = own_index.resolve(name, at["company"])
    else:
        name = display_name(owner)
        key = own_index.resolve(name)
    if key is None:  # two of your connections have that name: which one shared it?
        known = own_index.known_by(name)
        found = sorted(known)
        shown = [_namesake_words(k, known[k]) for k in found[:4]]
        companies = [known[k] for k in found]
        if all(isinstance(c, str) and c.strip() for c in companies) and len(set(companies)) == len(companies):
            ways = [repr(f"{name} ({_excerpt(c)})") for c in companies[:4]]
            how = (f"give the owner as {', '.join(ways[:-1])} or {ways[-1]} (the name and the company)"
                   + ("" if any(k.startswith("name:") for k in found) else ", or their profile URL"))
        else:
            how = "give the owner's profile URL instead"
        raise AmbiguousPersonError(
            f"{result.path}: its owner {owner!r} matches {len(found)} of your connections "
            f"({'; '.join(shown)}{'; …' if len(found) > 4 else ''}); {how}",
            candidates=tuple(found), path=result.path, value=owner,
        )
    return key, name, None


def _namesake_words(key: str, company: object) -> str:
    """One of your connections who share a name, in words: their profile URL, else where
    they work and the day you connected (a namesake key's day, without its ``-2``)."""
    from refkit.read._header import _excerpt

    if not key.startswith("name:"):
        return key
    day = key.rpartition(NAMESAKE_MARK)[2][:10]
    at = f"at {_excerpt(company)}, " if isinstance(company, str) and company.strip() else ""
    return f"{at}connected {day}" if day[:1].isdigit() else f"{at}connected on a day not given"


def _people_of(records: _Records, inputs: _Inputs, keys: _Keys, user: _Me, owner_codes: list[int],
               owner_names: list[str], *, first_degree: np.ndarray) -> tuple[pd.DataFrame, np.ndarray]:
    """The people table (see :func:`_people_table`) from the records' columns."""
    frame, part, names, pair = records.frame, records.part, records.names, records.pair

    # each column with a way to find its gaps in some rows (for text, the str dtype's isna,
    # which is much quicker than pd.isna on objects)
    def text_gaps(column: pd.Series) -> Callable[[np.ndarray], np.ndarray]:
        return lambda rows: column.array.take(rows).isna()

    name_gaps = names == ""
    columns = {
        "name": (np.where(name_gaps, None, names)[pair], lambda rows: name_gaps[pair[rows]]),
        **{col: (frame[col].to_numpy(dtype=object), text_gaps(frame[col]))
           for col in ("first_name", "last_name", "email", "company", "position")},
    }
    dates = pd.to_datetime(frame["connected_on"]).to_numpy()
    columns["connected_on"] = (dates, lambda rows: np.isnat(dates[rows]))
    is_capture = part > len(inputs.shared)
    if is_capture.any():  # captures hold a full name, not a first name
        first_names, first_gaps = columns["first_name"]
        columns["first_name"] = (np.where(is_capture, None, first_names),
                                 lambda rows: first_gaps(rows) | is_capture[rows])
    return _people_table(
        columns, records.code, part, np.asarray(keys.keys, dtype=object),
        n_urls=len(records.url_keys), owner_codes=owner_codes, owner_names=owner_names,
        me_code=keys.find(user.key), me_name=user.name, me_url=user.url,
        first_degree=first_degree, paths=inputs.paths,
    )


_Tie = tuple[str, str, str, str]  # a, b, source, kind


def _capture_ties(records: _Records, inputs: _Inputs, keys: _Keys, people: pd.DataFrame,
                  position: np.ndarray, name_norms: pd.Series) -> tuple[list[_Tie], pd.DataFrame]:
    """Ties from the captures' named mutuals (1st-degree connections only), and reported counts."""
    if not inputs.captures:
        return [], _reported_table([])
    degree = people["degree"].to_numpy()
    is_first = degree == 1
    first_people = people[is_first]
    first_index = NameIndex.from_columns(first_people.index, first_people["name"],
                                         first_people["company"], norms=name_norms[is_first])
    me_code = keys.find(people.index[0])
    ties: list[_Tie] = []
    reported_rows = []
    for j, result in enumerate(inputs.captures, start=1 + len(inputs.shared)):
        rows = np.flatnonzero(records.part == j)
        frame = result.frame.set_index("line")
        counts = frame["mutual_count"].to_dict()
        mutual_names = frame["mutual_names"].to_dict()
        kept = [(code, cap_line) for code, cap_line in
                zip(records.code[rows].tolist(), records.line[rows].tolist(), strict=True)
                if code != me_code and degree[position[code]] != 1]
        named = [name for _, cap_line in kept for name in mutual_names[cap_line] or ()]
        resolved = iter(first_index.resolve_many(named).tolist() if named else ())
        for code, cap_line in kept:
            key = keys.keys[code]
            if not pd.isna(counts[cap_line]):
                reported_rows.append({"key": key, "mutual_count": int(counts[cap_line]),
                                      "source": result.path})
            for mutual_name in mutual_names[cap_line] or ():
                mutual = next(resolved)
                if mutual is None:
                    inputs.note(f"{where(result.path, int(cap_line))}: mutual connection "
                                f"{mutual_name!r} matches several of your connections; not "
                                "counted by name")
                elif not _is_first_degree(mutual, keys, position, degree):
                    inputs.note(f"{where(result.path, int(cap_line))}: mutual connection "
                                f"{mutual_name!r} is not one of your 1st-degree connections; "
                                "not counted")
                else:
                    ties.append((mutual, key, result.path, "mutuals"))
    return ties, _reported_table(reported_rows)


def _is_first_degree(key: str, keys: _Keys, position: np.ndarray, degree: np.ndarray) -> bool:
    code = keys.find(key)
    return code >= 0 and position[code] >= 0 and degree[position[code]] == 1


def _reported_table(rows: list[dict[str, Any]]) -> pd.DataFrame:
    """Mutual counts the captures reported: the largest per person."""
    reported = pd.DataFrame(rows, columns=["key", "mutual_count", "source"])
    if len(reported):
        reported = reported.sort_values("mutual_count", ascending=False).drop_duplicates("key")
    return reported.set_index("key").astype({"mutual_count": "int64", "source": "str"})


def _edge_ties(inputs: _Inputs, user: _Me, people: pd.DataFrame,
               name_norms: pd.Series) -> tuple[list[_Tie], pd.DataFrame, pd.Series]:
    """Ties from the edge lists, and the people and name forms with those they add."""
    if not inputs.edges:
        return [], people, name_norms
    index = NameIndex.from_columns(people.index, people["name"], people["company"],
                                   norms=name_norms)
    ties: list[_Tie] = []
    extra_people = []
    for result in inputs.edges:
        ends = [[_edge_end(v, user.key, user.norm, index) for v in result.frame[col]]
                for col in ("source", "target")]
        used = 0
        for (sk, sn), (tk, tn), line in zip(*ends, result.frame["line"], strict=True):
            known_s, known_t = sk in people.index, tk in people.index
            if sk is None or tk is None:
                inputs.note(f"{where(result.path, int(line))}: edge end matches several people; "
                            "skipped")
            elif not (known_s or known_t):
                inputs.note(f"{where(result.path, int(line))}: neither {sn!r} nor {tn!r} is in "
                            "your network; skipped")
            elif sk != tk:
                extra_people += [{"key": k, "name": n} for k, n, known in
                                 ((sk, sn, known_s), (tk, tn, known_t)) if not known]
                ties.append((sk, tk, result.path, "edges"))
                used += 1
        if used == 0:
            raise NotInNetworkError(
                f"{result.path}: no edge in this file connects to anyone in your network "
                "(expected source,target names or profile URLs of people in your exports)",
                path=result.path,
            )
    if not extra_people:
        return ties, people, name_norms
    extra = pd.DataFrame(extra_people).drop_duplicates("key").set_index("key")
    extra = extra[~extra.index.isin(people.index)]
    extra["degree"] = 2
    extra["sources"] = "edges"
    people = pd.concat([people, extra.reindex(columns=PEOPLE_COLUMNS)])
    people["degree"] = people["degree"].astype("int64")
    added = people["name"].iloc[len(name_norms):]
    return ties, people, pd.concat([name_norms, pd.Series([normalize_name(v) for v in added],
                                                         index=added.index, dtype="str")])


def _tie_table(keys: _Keys, position: np.ndarray, people: pd.DataFrame,
               connection_ties: tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray], paths: list[str],
               extra_ties: list[_Tie]) -> tuple[pd.DataFrame, tuple[np.ndarray, np.ndarray]]:
    """The ties table and the positions in ``people`` of each tie's ends.

    Connection ties are already unique and without loops; the others are few (and
    tell no date).
    """
    tie_a, tie_b, tie_part, tie_day = connection_ties
    key_arr = np.asarray(keys.keys, dtype=object)
    columns = {"a": key_arr[tie_a], "b": key_arr[tie_b],
               "source": np.asarray(paths, dtype=object)[tie_part],
               "kind": np.array(["shared", "connection"], dtype=object)[(tie_part == 0).astype("int64")]}
    ends = (position[tie_a], position[tie_b])
    if extra_ties:
        others = pd.DataFrame(extra_ties, columns=["a", "b", "source", "kind"], dtype=object)
        others = others[(others["a"] != others["b"]).to_numpy()].drop_duplicates(["a", "b", "source"])
        columns = {col: np.r_[values, others[col].to_numpy()] for col, values in columns.items()}
        tie_day = np.r_[tie_day, np.full(len(others), np.datetime64("NaT"), dtype=tie_day.dtype)]
        found = [np.array([keys.find(k) for k in others[col]], dtype="int64") for col in "ab"]
        if all((f >= 0).all() for f in found):  # positions from the codes, no string lookups
            ends = (np.r_[ends[0], position[found[0]]], np.r_[ends[1], position[found[1]]])
        else:  # people added from edge lists have no code
            ends = (np.r_[ends[0], people.index.get_indexer(others["a"])],
                    np.r_[ends[1], people.index.get_indexer(others["b"])])
    ties = pd.DataFrame({col: pd.array(values, dtype="str") for col, values in columns.items()},
                        copy=False)
    ties["connected_on"] = pd.to_datetime(tie_day.astype("datetime64[s]"))
    return ties, ends


def _namesakes(records: _Records, own: np.ndarray, wanted: _Wanted, shared: np.ndarray, *,
               owners: Sequence[str]) -> tuple[dict[int, str | None], list[int]]:
    """Keys for the URL-less records whose name several people of one file share.

    Your own export lists each connection once, so two of its rows are never one
    person: each URL-less namesake gets its own key (:func:`refkit.resolve.namesake_key`),
    or the profile URL another file gives for that name at the same company. A
    shared export (``shared``: its rows) lists each of its owner's connections once
    too: its rows of one name are namesakes (but for a row repeated: the same day and
    company, say two exports pasted together), each the one person of that name at
    the same company known so far (yours, a URL'd one, an earlier file's, the files taken
    in the order of their ``owners``, not as given), else a person of their own. Other
    files' URL-less records with such a name resolve among all the namesakes by company,
    the usual rule; None when the company cannot tell (kept apart).
    Returns ``{row position: key}`` for those records only (usually none), and the
    positions of a shared export's namesakes given a key of their own although they
    may be someone known (the company cannot tell: kept apart, to be warned about).
    """
    norms, row_pair, has_url = records.norms, records.pair, records.has_url
    own_norms = pd.Series(norms[row_pair[own]], dtype=object)
    names = set(own_norms[own_norms.duplicated(keep=False).to_numpy()
                          & ~has_url[own]].tolist()) - {""}
    dates = records.frame["listed_on"].to_numpy()  # the day each file's owner connected (you: yours)
    listed = np.flatnonzero(shared & ~has_url)  # a shared export's URL-less rows
    same = _same_row(dates[listed], records.company[listed])
    in_file = pd.DataFrame({"part": records.part[listed], "norm": norms[row_pair[listed]], "same": same})
    several = in_file.groupby(["part", "norm"], sort=False)["same"].transform("nunique").to_numpy() > 1
    several &= (in_file["norm"] != "").to_numpy()
    listed, same = listed[several], same[several]
    names |= set(norms[row_pair[listed]].tolist())
    if not names:  # the usual case: namesakes, if any, have their profile URLs
        return {}, []
    is_wanted = np.fromiter((n in names for n in norms.tolist()), dtype=bool, count=len(norms))
    rows = np.flatnonzero(is_wanted[row_pair] & ~has_url)
    own_rows = rows[own[rows]]  # yours (a set of your URLs only for them: a million at most)
    own_urls = set(records.url_keys[records.url[own & has_url]].tolist()) if len(own_rows) else set()
    by_name: dict[str, list[tuple[str, object]]] = {}  # URL'd people of those names
    named = np.flatnonzero(pd.Series(wanted.norms, dtype=object).isin(names).to_numpy())
    for norm, key, comp in zip(wanted.norms[named].tolist(), wanted.keys[named].tolist(),
                               wanted.companies[named].tolist(), strict=True):
        by_name.setdefault(norm, []).append((key, comp))
    out = _own_namesake_keys(records, own_rows, by_name, own_urls, dates)
    known = {norm: list(found) for norm, found in by_name.items()}
    for pos, key in out.items():
        known.setdefault(norms[row_pair[pos]], []).append((key, records.company[pos]))
    titles = _Titles(records.frame["position"].to_numpy(dtype=object))  # to tell namesakes apart
    titles.of_key.update(zip(wanted.keys[named].tolist(), map(titles.at, wanted.rows[named].tolist()),
                             strict=True))
    titles.of_key.update((key, titles.at(pos)) for pos, key in out.items())
    keys, apart = _listed_namesake_keys(records, listed, same, known, dates, titles, owners=owners,
                                        taken=set(out.values()))
    out.update(keys)
    index = NameIndex()  # every namesake, for the other files' records
    for norm, found in known.items():
        for key, comp in found:
            index.add(key, norm, comp)
    others = rows[~own[rows] & ~np.isin(rows, listed)]
    out.update(zip(others.tolist(), index.resolve_many(
        records.row_norms[others], records.company[others]).tolist(), strict=True))
    return out, apart


def _same_row(dates: np.ndarray, companies: np.ndarray) -> np.ndarray:
    """What tells one row of a name in a file from another, as text: the day its owner
    connected and the company (both the same: the same row again)."""
    days = np.datetime_as_string(dates.astype("datetime64[D]"))
    return np.array([f"{day} {normalize_company(company)}"
                     for day, company in zip(days.tolist(), companies.tolist(), strict=True)], dtype=object)


class _Titles:
    """Positions as compared (case and spaces aside), by row and by the key a row gave."""

    def __init__(self, positions: np.ndarray) -> None:
        self.positions = positions
        self.of_key: dict[str | None, str] = {}

    def at(self, row: int) -> str:
        value = self.positions[row]
        return " ".join(value.casefold().split()) if isinstance(value, str) else ""


def _listed_namesake_keys(records: _Records, rows: np.ndarray, same: np.ndarray,
                          known: dict[str, list[tuple[str, object]]], dates: np.ndarray,
                          titles: _Titles, *,
                          owners: Sequence[str], taken: set[str | None]
                          ) -> tuple[dict[int, str | None], list[int]]:
    """A key for each URL-less namesake of a shared export (``rows``, file by file, in the
    order of the files' ``owners``; a row with the same name and ``same`` is the same row
    again): the one person of that name at the same company in ``known`` (among several
    there, the one with the same position: ``titles``) whom no other row of the file took,
    else a namesake key of their own (added to ``known``); and the rows of those who might
    be someone known that the file's other rows did not take (kept apart)."""
    out: dict[int, str | None] = {}
    apart: list[int] = []
    starts = run_starts(records.part[rows]).tolist()  # rows are in file order
    files = list(zip(starts, [*starts[1:], len(rows)], strict=True)) if starts else []
    for start, end in sorted(files, key=lambda file: owners[int(records.part[rows[file[0]]]) - 1]):
        again: dict[tuple[str, str], int] = {}  # (name, day and company): the file's first such row
        people = []
        for pos, day in zip(rows[start:end].tolist(), same[start:end].tolist(), strict=True):
            first = again.setdefault((records.norms[records.pair[pos]], day), pos)
            if first == pos:
                people.append(pos)
        mine: set[str] = set()  # the keys this file's people took
        rest = []
        for pos in people:  # first those their company tells
            norm = records.norms[records.pair[pos]]
            comp = normalize_company(records.company[pos])
            found = {k for k, c in known.get(norm, ()) if comp and normalize_company(c) == comp} - mine
            if len(found) > 1 and (title := titles.at(pos)):  # several there: the position may tell
                found = {k for k in found if titles.of_key.get(k) == title} or found
            if len(found) == 1:
                out[pos] = found.pop()
                mine.add(out[pos])  # type: ignore[arg-type]
            else:
                rest.append(pos)
        for pos in rest:  # then the others: people of their own
            norm = records.norms[records.pair[pos]]
            if any(k not in mine for k, _ in known.get(norm, ())):  # whom the company does not tell
                apart.append(pos)
            key = _new_namesake_key(norm, dates[pos], taken)
            known.setdefault(norm, []).append((key, records.company[pos]))
            titles.of_key[key] = titles.at(pos)
            out[pos] = key
            mine.add(key)
            taken.add(key)
        out.update({pos: out[again[(records.norms[records.pair[pos]], day)]]
                    for pos, day in zip(rows[start:end].tolist(), same[start:end].tolist(), strict=True)})
    return out, sorted(apart)


def _new_namesake_key(norm: str, date: object, taken: set[str | None]) -> str:
    """:func:`refkit.resolve.namesake_key` with the day, not one of ``taken``."""
    day = pd.Timestamp(date).date().isoformat() if not pd.isna(date) else "?"
    key, n = namesake_key(norm, day), 1
    while key in taken:
        n += 1
        key = namesake_key(norm, f"{day}-{n}")
    return key


def _own_namesake_keys(records: _Records, rows: np.ndarray,
                       by_name: Mapping[str, list[tuple[str, object]]], own_urls: set[str],
                       dates: np.ndarray) -> dict[int, str | None]:
    """A key for each of your own URL-less namesakes (``rows``): a URL given at their company,
    else :func:`refkit.resolve.namesake_key` with the day you connected."""
    out: dict[int, str | None] = {}
    taken: set[str | None] = set()
    for pos in rows.tolist():
        norm = records.norms[records.pair[pos]]
        comp = normalize_company(records.company[pos])
        same = [k for k, c in by_name.get(norm, ())
                if comp and k not in own_urls and normalize_company(c) == comp]
        unique = len(same) == 1 and same[0] not in taken
        key = same[0] if unique else _new_namesake_key(norm, dates[pos], taken)
        out[pos] = key
        taken.add(key)
    return out


def _warn_renamed_urls(urls: np.ndarray, pairs: np.ndarray, norms: np.ndarray, names: np.ndarray,
                       places: Callable[[np.ndarray], list[str]], url_keys: np.ndarray,
                       note: Callable[[str], None]) -> None:
    """Warn about each profile URL that the files give under different names.

    Rows are given by their URL code and name pair code; ``norms`` and ``names``
    are per name pair. ``places`` gives, for row positions, where each row is
    (file and line). Rows without a name tell nothing and are left out.
    """
    pair_norm, _ = pd.factorize(norms)  # a code per distinct normalised name (per pair: few)
    row_norm = pair_norm[pairs]
    named = np.flatnonzero((norms != "")[pairs])
    codes = row_norm[named].astype("int64")
    width = int(codes.max(initial=0)) + 1
    url_norm = unique_sorted(urls[named].astype("int64") * width + codes)
    url_of = url_norm // width
    starts = run_starts(url_of)
    renamed = url_of[starts[np.diff(np.r_[starts, len(url_of)]) > 1]]
    if not len(renamed):
        return
    seen: dict[int, dict[str, tuple[str, int]]] = {}  # url -> norm -> (name, row)
    rows = named[np.isin(urls[named], renamed)]
    for row, url, pair in zip(rows.tolist(), urls[rows].tolist(), pairs[rows].tolist(), strict=True):
        seen.setdefault(url, {}).setdefault(norms[pair], (names[pair], row))
    for url in renamed.tolist():
        found = list(seen[url].values())[:3]
        where_ = places(np.asarray([row for _, row in found]))
        shown = ", ".join(f"{name!r} ({place})" for (name, _), place in zip(found, where_, strict=True))
        note(f"{where_[-1]}: profile {url_keys[url]} appears under different names: {shown}; "
             "treated as one person")


def _known_norms(names: pd.Series, norm_of: Mapping[str, str]) -> pd.Series:
    """``normalize_name`` of each name, looked up in ``norm_of`` and computed for the rest."""
    norms = names.map(norm_of)
    missing = norms.isna().to_numpy()
    if missing.any():
        norms[missing] = [normalize_name(v) for v in names[missing]]
    return norms.astype("str")


def _all_warnings(archive: Archive, *groups: Sequence[ReadResult]) -> list[str]:
    out: list[str] = list(getattr(archive, "notes", ()))
    for result in archive.parts():
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
                     me_code: int, owner_codes: list[int], n_keys: int, n_parts: int,
                     dates: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Ties from the user's export (me — connection) and shared exports (owner — listed person).

    Returns the codes of both ends, the part (file) of each tie and the day the
    file says the two connected (``dates`` of the records; the earliest when a
    file lists a person twice, NaT when unknown), sorted and without repeats or loops.
    """
    own = is_own & (codes != me_code)
    shared = (parts >= 1) & (parts <= n_shared)
    owner_of_part = np.asarray([me_code, *owner_codes], dtype="int64")
    a = np.concatenate([np.full(own.sum(), me_code, dtype="int64"), owner_of_part[parts[shared]]])
    b = np.concatenate([codes[own], codes[shared]]).astype("int64")
    p = np.concatenate([parts[own], parts[shared]]).astype("int64")
    day = np.concatenate([dates[own], dates[shared]]).astype("datetime64[D]")
    keep = a != b
    n, n_parts = n_keys + 1, n_parts + 1
    combined = (a[keep] * n + b[keep]) * n_parts + p[keep]
    day = day[keep]
    order = np.argsort(combined)
    combined, day = combined[order], day[order]
    starts = run_starts(combined)
    if len(starts) < len(combined):  # a person listed twice in one file: the earliest day
        as_int = day.astype("int64")
        as_int[np.isnat(day)] = np.iinfo("int64").max
        earliest = np.minimum.reduceat(as_int, starts)
        day = np.where(earliest == np.iinfo("int64").max, np.datetime64("NaT"),
                       earliest.astype("datetime64[D]")).astype("datetime64[D]")
    else:
        day = day[starts] if len(starts) else day
    pair, p = np.divmod(combined[starts] if len(starts) else combined, n_parts)
    a, b = np.divmod(pair, n)
    return a, b, p, day


def _people_table(
    columns: dict[str, tuple[np.ndarray, Callable[[np.ndarray], np.ndarray]]], codes: np.ndarray,
    parts: np.ndarray, keys: np.ndarray, *,
    n_urls: int, owner_codes: list[int], owner_names: list[str], me_code: int, me_name: str,
    me_url: str | None, first_degree: np.ndarray, paths: list[str],
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
    degree[np.flatnonzero(first_degree[people_codes]) + 1] = 1
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
    people = pd.DataFrame(table, copy=False,  # fresh arrays: not copied again (a million rows)
                          index=pd.Index(np.r_[keys[[me_code]], keys[people_codes]], name="key",
                                         dtype="str"))
    nameless = people["name"].isna().to_numpy()
    if nameless.any():  # nobody gave a name (or one of symbols only): the key's words say it
        people.loc[nameless, "name"] = [
            key.removeprefix("name:") if key.startswith("name:") else name_from_slug(key) or key
            for key in people.index[nameless].tolist()]
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

    Parameters
    ----------
    network : Network
        The network to convert.

    Returns
    -------
    networkx.Graph
        A new graph. Nodes are person keys with the ``people`` columns as
        attributes (plain Python types; missing values left out), and for
        people LinkedIn showed a mutual count for, ``reported_mutual_count``
        and ``reported_source``; one edge per tied pair, with the ``sources``
        and ``kinds`` of its ties (a pair tied by two files has two of each).
        ``G.graph["me"]`` is the user's key. :func:`from_networkx` is the inverse.

    Examples
    --------
    >>> from refkit.examples import toy_network
    >>> G = to_networkx(toy_network())
    >>> G.number_of_nodes(), G.number_of_edges()
    (10, 13)
    >>> G.nodes["jane"]["name"], G.nodes["jane"]["degree"]
    ('Jane Chen', 2)
    >>> G.edges["priya", "jane"]
    {'sources': ['mutuals.csv'], 'kinds': ['mutuals']}
    >>> G.graph["me"], G.nodes["jane"]["reported_mutual_count"]
    ('me', 4)
    """
    import networkx as nx

    G = nx.Graph(me=str(network.me))
    records = network.people.reset_index().to_dict("records")
    reported = network.reported
    for rec in records:
        key = rec.pop("key")
        G.add_node(str(key), **{k: _plain(v) for k, v in rec.items() if not _missing(v)})
    for key, count, source in zip(reported.index, reported["mutual_count"], reported["source"], strict=True):
        if str(key) in G:
            G.nodes[str(key)].update(reported_mutual_count=int(count), reported_source=str(source))
    for a, b, source, kind in network.ties[["a", "b", "source", "kind"]].itertuples(index=False):
        if G.has_edge(a, b):
            data = G.edges[a, b]
            data["sources"].append(str(source))
            data["kinds"].append(str(kind))
        else:
            G.add_edge(str(a), str(b), sources=[str(source)], kinds=[str(kind)])
    return G


def from_networkx(G: nx.Graph, *, me: str | None = None, source: str = "networkx") -> Network:
    """Make a :class:`Network` from a networkx graph: the inverse of :func:`to_networkx`.

    A graph from :func:`to_networkx` (perhaps edited) comes back with its
    people, degrees, ties, sources and reported mutual counts; a graph built
    in networkx works too: nodes are people (their ids become keys, as text),
    with any of the ``people`` columns as attributes (``name`` defaults to the
    id), and edges are ties.

    Degrees: a node's ``degree`` attribute when it has one (1 or 2), else 1 for
    the user's neighbours and 2 for everyone else; the user is 0. Ties: one per
    entry of an edge's ``sources`` and ``kinds`` lists (as :func:`to_networkx`
    writes them); an edge without them is one tie from ``source``, of kind
    ``connection`` when it touches the user, else ``edges``. Mutual counts
    LinkedIn showed come from ``reported_mutual_count`` (and ``reported_source``).
    The archive's messages, invitations and positions are not in a graph, so
    tie strength counts years connected only.

    Parameters
    ----------
    G : networkx.Graph
        The graph (not modified); self-loops are ignored.
    me : str, optional
        The user's node; by default ``G.graph["me"]`` (set by :func:`to_networkx`).
    source : str, default "networkx"
        The file name given to ties and people whose source the graph does not say.

    Returns
    -------
    Network
        A new network.

    Raises
    ------
    OptionError
        When ``me`` is not given and the graph does not say it, is not a node,
        or a node's ``degree`` is not 1 or 2 (the user's may be 0), or two node
        ids are the same text (``1`` and ``"1"``).

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.Graph([("me", "ann"), ("me", "bob"), ("ann", "zoe"), ("bob", "zoe"), ("ann", "max")])
    >>> net = from_networkx(G, me="me")
    >>> net
    Network(me='me', 1st-degree=2, 2nd-degree=2, ties=5)
    >>> from refkit.rank import mutual_counts
    >>> mutual_counts(net)["mutual_count"].to_dict()
    {'zoe': 2, 'max': 1}
    >>> from refkit.examples import toy_network
    >>> again = from_networkx(to_networkx(toy_network()))
    >>> again.people.at["jane", "name"], int(again.reported.at["jane", "mutual_count"])
    ('Jane Chen', 4)
    """
    import networkx as nx

    if not isinstance(G, nx.Graph):
        raise OptionError(f"expected a networkx graph, got {type(G).__name__}", value=G)
    if me is None:
        me = G.graph.get("me")
        if me is None:
            raise OptionError("from_networkx: say which node is you (me=...); the graph does not say it")
    if me not in G:
        matches = [n for n in G if str(n) == str(me)]
        if len(matches) != 1:
            raise OptionError(f"from_networkx: me={me!r} is not a node of the graph", value=me)
        me = matches[0]
    keys = {node: str(node) for node in G}
    if len(set(keys.values())) != len(keys):
        seen: dict[str, object] = {}
        for node, key in keys.items():
            if key in seen:
                raise OptionError(f"from_networkx: nodes {seen[key]!r} and {node!r} are both {key!r} as text; "
                                  "give the nodes distinct ids", value=key)
            seen[key] = node
    neighbours = set(G.neighbors(me))
    rows, reported = [], []
    for node, data in G.nodes(data=True):
        key = keys[node]
        degree = data.get("degree")
        if node == me:
            degree = 0
        elif degree is None:
            degree = 1 if node in neighbours else 2
        else:
            try:
                degree = int(degree)
            except (TypeError, ValueError):
                degree = None
            if degree not in (1, 2):
                raise OptionError(f"from_networkx: node {key!r} has degree {data.get('degree')!r}; "
                                  "expected 1 (your connection) or 2", value=data.get("degree"))
        row = {"key": key, "degree": degree}
        for column in PEOPLE_COLUMNS:
            if column != "degree" and not _missing(data.get(column)):
                row[column] = data[column]
        row.setdefault("name", key)
        row.setdefault("sources", source)
        rows.append(row)
        count = data.get("reported_mutual_count")
        if not _missing(count):
            reported.append({"key": key, "mutual_count": int(count),
                             "source": str(data.get("reported_source") or source)})
    people = pd.DataFrame(rows).set_index("key").reindex(columns=PEOPLE_COLUMNS)
    for column in PEOPLE_COLUMNS:
        if column == "degree":
            people[column] = people[column].astype("int64")
        elif column == "connected_on":
            people[column] = pd.to_datetime(people[column], errors="coerce", format="mixed")
        else:
            people[column] = people[column].astype("str")
    people.index = people.index.astype("str")
    ties = []
    for u, v, data in G.edges(data=True):
        if u == v:
            continue
        a, b = keys[u], keys[v]
        sources, kinds = data.get("sources"), data.get("kinds")
        if isinstance(sources, str):
            sources = [sources]
        if isinstance(kinds, str):
            kinds = [kinds]
        if not sources:
            sources = [source]
        default = "connection" if me in (u, v) else "edges"
        kinds = list(kinds or [])
        kinds += [default] * (len(sources) - len(kinds))
        ties += [(a, b, str(s), str(k)) for s, k in zip(sources, kinds, strict=False)]
    ties_frame = pd.DataFrame(ties, columns=["a", "b", "source", "kind"]).astype("str")
    reported_frame = (pd.DataFrame(reported, columns=["key", "mutual_count", "source"])
                      .astype({"key": "str", "mutual_count": "int64", "source": "str"}).set_index("key"))
    return Network(people=people, ties=ties_frame, me=keys[me], reported=reported_frame)


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
