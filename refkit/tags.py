"""The user's tags for their connections, as one immutable type.

Tags are data: they are read at the edge (:func:`refkit.read.read_tag_map`)
and passed to ranking as a :class:`Tags`; ranking reads no files.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

import pandas as pd

from refkit._errors import OptionError, RefkitError

__all__ = ["Tags", "TagsLike", "as_tags"]


def _clean(values: object) -> tuple[str, ...]:
    """Tags split on ``;``, stripped, lowercased, sorted, no repeats."""
    if isinstance(values, str):
        values = values.split(";")
    return tuple(sorted({str(v).strip().lower() for v in values if str(v).strip()}))  # type: ignore[union-attr]


class Tags(Mapping):
    """Who (a profile URL or a name, as the user wrote it) → their tags, sorted.

    Frozen and hashable, so a ranking can be cached by its tags. Build one with
    :meth:`from_mapping` or :meth:`from_frame` (or :func:`refkit.read.read_tag_map`).

    Parameters
    ----------
    items : iterable of (who, tags)
        ``tags`` a ``;``-separated string or a list; cleaned (stripped,
        lowercased, sorted, no repeats) and merged when ``who`` repeats.

    Examples
    --------
    >>> t = Tags.from_mapping({"Priya Raman": "Close; former colleague; close", "Bob": ["Mentor"]})
    >>> dict(t)
    {'Priya Raman': ('close', 'former colleague'), 'Bob': ('mentor',)}
    >>> t == Tags.from_mapping({"Bob": "mentor", "Priya Raman": ["former colleague", "close"]})
    True
    >>> len({t, Tags.from_mapping(dict(t))})
    1
    """

    __slots__ = ("_items", "_map")

    def __init__(self, items: Iterable[tuple[object, object]] = ()) -> None:
        merged: dict[object, tuple[str, ...]] = {}
        for who, values in items:
            clean = _clean(values)
            merged[who] = tuple(sorted(set(merged.get(who, ())) | set(clean)))
        object.__setattr__(self, "_map", merged)
        object.__setattr__(self, "_items", frozenset(merged.items()))

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError("Tags is immutable")

    def __reduce__(self) -> tuple[type[Tags], tuple[tuple[tuple[object, tuple[str, ...]], ...]]]:
        return (Tags, (tuple(self._map.items()),))

    def __copy__(self) -> Tags:
        return self

    def __deepcopy__(self, memo: dict) -> Tags:
        return self

    @classmethod
    def from_mapping(cls, mapping: Mapping[Any, Any]) -> Tags:
        """Tags from ``{"who": "tag; tag" or ["tag", ...]}``."""
        return cls(mapping.items())

    @classmethod
    def from_frame(cls, frame: Any) -> Tags:
        """Tags from a frame with ``name``/``profile_url`` and ``tags`` columns (or a ReadResult).

        A row is known by its profile URL when it has one, else by its name.

        Examples
        --------
        >>> import pandas as pd
        >>> frame = pd.DataFrame({"name": ["Priya Raman", "Bob"], "profile_url": ["https://x/in/p", None],
        ...                       "tags": ["Close", "mentor"]})
        >>> dict(Tags.from_frame(frame))
        {'https://x/in/p': ('close',), 'Bob': ('mentor',)}
        """
        frame = getattr(frame, "frame", frame)
        cols = {c.lower(): c for c in frame.columns}
        items = []
        for _, row in frame.iterrows():
            who = row[cols["profile_url"]] if "profile_url" in cols and not pd.isna(
                row[cols["profile_url"]]) else row[cols.get("name", "name")]
            items.append((who, row[cols["tags"]]))
        return cls(items)

    def __getitem__(self, who: object) -> tuple[str, ...]:
        return self._map[who]

    def __iter__(self) -> Iterator[object]:
        return iter(self._map)

    def __len__(self) -> int:
        return len(self._map)

    def __hash__(self) -> int:
        return hash(self._items)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Tags):
            return self._items == other._items
        return NotImplemented

    def __repr__(self) -> str:
        return f"Tags({self._map!r})"


#: What a function taking ``tags`` accepts (read by :func:`as_tags`).
TagsLike = Tags | Mapping[Any, Any] | pd.DataFrame | None


def as_tags(value: TagsLike) -> Tags:
    """The one way a function taking ``tags`` reads its argument.

    Accepts None (no tags), a :class:`Tags`, a mapping, or a frame/ReadResult of
    :func:`refkit.read.read_tags`. A path is refused: ranking reads no files.

    Parameters
    ----------
    value : Tags, mapping, DataFrame, ReadResult or None

    Returns
    -------
    Tags

    Raises
    ------
    OptionError
        When ``value`` is a path (read it with :func:`refkit.read.read_tag_map`).
    RefkitError
        When ``value`` is anything else it cannot read.

    Examples
    --------
    >>> as_tags(None)
    Tags({})
    >>> as_tags({"Bob": "Mentor"})
    Tags({'Bob': ('mentor',)})
    >>> as_tags("tags.csv")
    Traceback (most recent call last):
    ...
    refkit._errors.OptionError: tags must be data, not a path ('tags.csv'): read the file with refkit.read.read_tag_map(path)
    """
    if value is None:
        return Tags()
    if isinstance(value, Tags):
        return value
    if isinstance(value, (str, os.PathLike)):
        raise OptionError(f"tags must be data, not a path ({os.fspath(value)!r}): "
                          "read the file with refkit.read.read_tag_map(path)", value=value)
    if isinstance(value, Mapping):
        return Tags.from_mapping(value)
    if isinstance(value, pd.DataFrame) or isinstance(getattr(value, "frame", None), pd.DataFrame):
        return Tags.from_frame(value)
    raise RefkitError(f"tags must be a mapping, a DataFrame or Tags, got {type(value).__name__}")
