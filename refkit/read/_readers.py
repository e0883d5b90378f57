"""The readers of single files: Connections.csv (one's own or shared), captures, edge lists,
tags, shared-exports manifests and the other files of LinkedIn's archive."""

from __future__ import annotations

import os
import re

import numpy as np
import pandas as pd

from refkit._errors import FileFormatError, where
from refkit._limits import MAX_CONNECTIONS
from refkit.read._archive import _connections_member, _open_archive
from refkit.read._dates import (
    _CONNECTED_FORMATS,
    _ENDORSEMENT_FORMATS,
    _JOB_FORMATS,
    _MESSAGE_FORMATS,
    _MONTH_FORMATS,
    EARLIEST_POSITION,
    _dates,
    _day,
)
from refkit.read._header import _excerpt
from refkit.read._kinds import (
    _APPLICATIONS,
    _CONNECTIONS,
    _EDGES,
    _ENDORSEMENTS,
    _FOLLOWS,
    _INVITATIONS,
    _MESSAGES,
    _MUTUALS,
    _OWNERS,
    _POSITIONS,
    _PROFILE,
    _RECOMMENDATIONS,
    _SAVED_JOBS,
    _SEARCH,
    _TAGS,
    _norm_header,
)
from refkit.read._results import ReadResult
from refkit.read._source import Source, _display, _is_bytes, _once
from refkit.read._table import (
    _no_rows,
    _pick,
    _result,
    _shared_strings,
    _string_array,
    _strings,
    _Table,
    _table,
)
from refkit.resolve import split_names
from refkit.tags import Tags

RECOMMENDATION_DIRECTIONS = ("received", "given")


def read_connections(path: Source, *, name: str | None = None) -> ReadResult:
    """Read a LinkedIn ``Connections.csv`` of any era.

    ``path`` may also be the whole archive (``.zip`` or unpacked folder); its
    ``Connections.csv`` is read. Date-only rows (hidden or closed profiles) are
    skipped and listed in ``skipped``.

    Parameters
    ----------
    path : str, os.PathLike or bytes
        The file, or its bytes (then give ``name``).
    name : str, optional
        The name shown in messages and kept as ``ReadResult.path`` (by
        default the path as given, ``<data>`` for bytes).

    Returns
    -------
    ReadResult
        kind ``connections``; columns ``first_name, last_name, profile_url, email,
        company, position, connected_on, line``.

    Raises
    ------
    FileFormatError
        When the file cannot be read (missing, a folder, a device, too large, not text),
        has no header with ``First Name`` and ``Connected On`` in its first lines, or no
        usable row; ``path`` and ``line`` say where.

    Examples
    --------
    >>> data = (b"First Name,Last Name,URL,Email Address,Company,Position,Connected On\\n"
    ...         b"Ada,Lovelace,https://www.linkedin.com/in/ada,,Analytical,Engineer,08 Feb 2021\\n"
    ...         b",,,,,,07 Jul 2025")
    >>> res = read_connections(data, name="Connections.csv")
    >>> res.frame[["first_name", "company", "connected_on", "line"]]
      first_name     company connected_on  line
    0        Ada  Analytical   2021-02-08     2
    >>> res.skipped
    ((3, 'only a date (hidden or closed profile)'),)
    """
    path, name = _once(path, name)
    with _open_archive(path, name) as files:
        if files is not None:
            data, display = _connections_member(files)
            return _read_connections_table(
                _table(data, None, (_CONNECTIONS,), data=data, display=display)
            )
    return _read_connections_table(_table(path, name, (_CONNECTIONS,)))


def _read_connections_table(table: _Table, *, owner: str | None = None) -> ReadResult:
    first, last, url = table.col("first_name"), table.col("last_name"), table.col("profile_url")
    email, company, position = table.col("email"), table.col("company"), table.col("position")
    date = table.col("connected_on")
    kept = np.ones(table.n, dtype=bool)
    for i in _no_name(first, last):  # the rows without a name, in order
        if url[i]:
            table.log.warn(table.lines[i], "empty name; kept because it has a profile URL")
            continue
        kept[i] = False
        if email[i] or company[i] or position[i]:
            table.log.skip(table.lines[i], "no name and no profile URL")
        elif date[i]:
            table.log.skip(table.lines[i], "only a date (hidden or closed profile)", warn=False)
        else:
            table.log.skip(table.lines[i], "no name and no profile URL")
    keep: list[int] = np.flatnonzero(kept).tolist()
    if not keep:
        raise _no_rows(table, "rows with First Name, Last Name and Connected On")
    connected = _dates(table, keep, "connected_on", "Connected On", _CONNECTED_FORMATS)
    frame = pd.DataFrame(
        {
            "first_name": _shared_strings(_pick(first, keep)),
            "last_name": _shared_strings(_pick(last, keep)),
            "profile_url": _string_array(_pick(url, keep)),
            "email": _string_array(_pick(email, keep)),
            "company": _shared_strings(_pick(table.col("company"), keep)),
            "position": _shared_strings(_pick(table.col("position"), keep)),
            "connected_on": _day(connected),
            "line": np.array(_pick(table.lines, keep), dtype=np.int64),
        },  # arrays, not Series: nothing to align
        copy=False,
    )
    if "profile_url" in table.columns:
        era = "2023+ (with URL)"
    else:
        slash = sum(1 for i in keep if "/" in date[i])
        era = "2018 (no URL)" if slash * 2 > len(keep) else "2021-2023 (no URL)"
        if table.header.line > 1 and era.startswith("2018"):
            era += ", with preamble"
    if table.header.line == 1 and not era.startswith("2018"):
        table.notes.insert(0, "no preamble")
    return _result(table, frame, era, owner=owner)


def _no_name(first: list[str], last: list[str]) -> list[int]:
    """Positions of the rows with neither a first nor a last name (vectorised)."""
    if "" not in first or "" not in last:
        return []
    return np.flatnonzero((np.array(first, dtype=object) == "") & (np.array(last, dtype=object) == "")).tolist()


def read_shared(path: Source, *, owner: str, name: str | None = None) -> ReadResult:
    """Read a Connections.csv someone else exported and shared with you.

    Parameters
    ----------
    path : str, os.PathLike or bytes
        Their Connections.csv (or their archive).
    owner : str
        Whose connections these are: a name or a LinkedIn profile URL
        (surrounding spaces removed).
    name : str, optional
        The name shown in messages and kept as ``ReadResult.path`` (by
        default the path as given, ``<data>`` for bytes).

    Returns
    -------
    ReadResult
        As :func:`read_connections` returns, with ``owner`` set.

    Raises
    ------
    FileFormatError
        When ``owner`` is empty or blank, or the file cannot be used as
        :func:`read_connections` says.

    Examples
    --------
    >>> data = b"First Name,Last Name,Connected On\\nTom,Ortega,08 Feb 2021\\n"
    >>> res = read_shared(data, owner="Priya Raman", name="priya.csv")
    >>> res.owner, res.frame.loc[0, "last_name"]
    ('Priya Raman', 'Ortega')
    """
    if not isinstance(owner, str) or not owner.strip():
        raise FileFormatError(
            f"{_display(path, name)}: a shared export needs its owner "
            "(a name or LinkedIn profile URL); got an empty owner"
        )
    owner = owner.strip()
    path, name = _once(path, name)
    with _open_archive(path, name) as files:
        if files is not None:
            data, display = _connections_member(files)
            table = _table(data, None, (_CONNECTIONS,), data=data, display=display)
            return _read_connections_table(table, owner=owner)
    return _read_connections_table(_table(path, name, (_CONNECTIONS,)), owner=owner)


_COUNT = re.compile(r"[0-9]+")
#: A count written with thousands grouped, as LinkedIn and spreadsheets of any locale show it
#: (``1,234``, ``1.234``, ``1 234``): one separator throughout, groups of three digits.
_GROUPED_COUNT = re.compile("[0-9]{1,3}([,. \u00a0\u202f])[0-9]{3}(?:\\1[0-9]{3})*")


def read_mutuals(path: Source, *, name: str | None = None) -> ReadResult:
    """Read mutual-connection captures: refkit's template or a search export.

    The refkit template has columns ``Name, URL, Company, Position, Mutual Count,
    Mutual Connections`` (names separated by ``;``). Search exports carry
    ``profileUrl, fullName, companyName, title, connectionDegree,
    sharedConnectionsCount``. A count that is not a non-negative integer, or
    that is above :data:`MAX_CONNECTIONS` (LinkedIn's cap), is warned about and
    left as NA.

    Parameters
    ----------
    path : str, os.PathLike or bytes
        The file, or its bytes (then give ``name``).
    name : str, optional
        The name shown in messages and kept as ``ReadResult.path`` (by
        default the path as given, ``<data>`` for bytes).

    Returns
    -------
    ReadResult
        kind ``mutuals`` or ``search_export``; columns ``name, profile_url, company,
        position, mutual_count (Int64), mutual_names (tuple), line``
        (+ ``connection_degree`` for search exports).

    Raises
    ------
    FileFormatError
        When the file cannot be read (missing, a folder, a device, too large, not text),
        has no header with the template's or a search export's columns in its first
        lines, or no usable row; ``path`` and ``line`` say where.

    Examples
    --------
    >>> data = (b"Name,URL,Company,Position,Mutual Count,Mutual Connections\\n"
    ...         b"Mei Lin,https://www.linkedin.com/in/meilin,Acme,CTO,12,Priya Raman; Tom Ortega\\n")
    >>> res = read_mutuals(data, name="mutuals.csv")
    >>> res.frame.loc[0, "mutual_count"], res.frame.loc[0, "mutual_names"]
    (np.int64(12), ('Priya Raman', 'Tom Ortega'))
    """
    table = _table(path, name, (_SEARCH, _MUTUALS))
    names = table.col("name")
    if not all(names):
        firsts, lasts = table.col("first_name"), table.col("last_name")
        names = [
            n or " ".join(p for p in (f, s) if p)
            for n, f, s in zip(names, firsts, lasts, strict=True)
        ]
    urls = table.col("profile_url")
    keep: list[int] = []
    for i in range(table.n):
        if names[i] or urls[i]:
            keep.append(i)
        else:
            table.log.skip(table.lines[i], "no name and no profile URL")
    if not keep:
        raise _no_rows(table, f"rows with {table.spec.expected}")
    counts = _mutual_counts(table, keep)
    raw_names = table.col("mutual_names")
    mutual_names = pd.Series([tuple(split_names(raw_names[i])) for i in keep], dtype=object)
    frame = pd.DataFrame(
        {
            "name": _strings(_pick(names, keep)),
            "profile_url": _strings(_pick(urls, keep)),
            "company": _strings(_pick(table.col("company"), keep)),
            "position": _strings(_pick(table.col("position"), keep)),
            "mutual_count": pd.array(counts, dtype="Int64"),
            "mutual_names": mutual_names,
            "line": pd.Series(_pick(table.lines, keep), dtype="int64"),
        }
    )
    if table.spec is _SEARCH:
        frame.insert(6, "connection_degree", _strings(_pick(table.col("connection_degree"), keep)))
        era = "search export (profileUrl, fullName, sharedConnectionsCount)"
    else:
        era = "refkit mutuals template"
    return _result(table, frame, era)


def _mutual_counts(table: _Table, keep: list[int]) -> list[int | None]:
    """The ``mutual_count`` of the rows kept; one that is not a whole number from 0 to
    :data:`MAX_CONNECTIONS` is a row warning and None."""
    counts: list[int | None] = []
    raw_counts = table.col("mutual_count")
    for i in keep:
        value = raw_counts[i]
        grouped = _GROUPED_COUNT.fullmatch(value) if len(value) <= 20 else None
        if grouped is not None:
            value = value.replace(grouped.group(1), "")
        if not value:
            counts.append(None)
        elif not _COUNT.fullmatch(value):
            table.log.warn(
                table.lines[i],
                f"mutual count {_excerpt(value)!r} is not a whole number >= 0; left empty",
            )
            counts.append(None)
        elif len(value.lstrip("0")) > 6 or int(value) > MAX_CONNECTIONS:  # no int() of 5,000 digits
            table.log.warn(
                table.lines[i],
                f"mutual count {_excerpt(value, 20)} is more than LinkedIn allows (a member has "
                f"at most {MAX_CONNECTIONS:,} connections); left empty",
            )
            counts.append(None)
        else:
            counts.append(int(value))
    return counts


def read_edges(path: Source, *, name: str | None = None) -> ReadResult:
    """Read an edge list with columns ``source, target`` (names or profile URLs).

    Extra columns are kept (as strings). Rows with an empty end are skipped with
    a warning.

    Parameters
    ----------
    path : str, os.PathLike or bytes
        The file, or its bytes (then give ``name``).
    name : str, optional
        The name shown in messages and kept as ``ReadResult.path`` (by
        default the path as given, ``<data>`` for bytes).

    Returns
    -------
    ReadResult
        kind ``edges``; columns ``source, target``, the file's other columns,
        then ``line``.

    Raises
    ------
    FileFormatError
        When the file cannot be read (missing, a folder, a device, too large, not text),
        has no header with ``source`` and ``target`` in its first lines, or no usable
        row; ``path`` and ``line`` say where.

    Examples
    --------
    >>> data = b"source,target,note\\nPriya Raman,Tom Ortega,met at PyCon\\nPriya Raman,,\\n"
    >>> import warnings
    >>> with warnings.catch_warnings():
    ...     warnings.simplefilter("ignore")
    ...     res = read_edges(data, name="edges.csv")
    >>> res.frame
              source      target          note  line
    0  Priya Raman  Tom Ortega  met at PyCon     2
    >>> res.skipped
    ((3, 'empty target'),)
    """
    table = _table(path, name, (_EDGES,))
    sources, targets = table.col("source"), table.col("target")
    keep: list[int] = []
    for i in range(table.n):
        if sources[i] and targets[i]:
            keep.append(i)
        else:
            gone = " and ".join(
                e for e, v in (("source", sources[i]), ("target", targets[i])) if not v
            )
            table.log.skip(table.lines[i], f"empty {gone}")
    if not keep:
        raise _no_rows(table, "rows with source and target")
    data = {"source": _strings(_pick(sources, keep)), "target": _strings(_pick(targets, keep))}
    for key, values in table.extra.items():
        if key.casefold() not in ("source", "target", "line") and key not in data:
            data[key] = _strings(_pick(values, keep))
    data["line"] = pd.Series(_pick(table.lines, keep), dtype="int64")
    return _result(table, pd.DataFrame(data), "edge list (source, target)")


def read_tags(path: Source, *, name: str | None = None) -> ReadResult:
    """Read the user's tags for their connections: ``Name,URL,Tags`` (tags separated by ``;``).

    Rows without a name or URL, or without tags, are skipped.

    Parameters
    ----------
    path : str, os.PathLike or bytes
        The file, or its bytes (then give ``name``).
    name : str, optional
        The name shown in messages and kept as ``ReadResult.path`` (by
        default the path as given, ``<data>`` for bytes).

    Returns
    -------
    ReadResult
        kind ``tags``; columns ``name, profile_url, tags`` (the cell as
        written) and ``line``.

    Raises
    ------
    FileFormatError
        When the file cannot be read (missing, a folder, a device, too large, not text),
        has no header with ``Name`` or ``URL`` and ``Tags`` in its first lines, or no
        usable row; ``path`` and ``line`` say where.

    See Also
    --------
    read_tag_map : The same file as the tags ranking takes.

    Examples
    --------
    >>> res = read_tags(b"Name,URL,Tags\\nPriya Raman,,close; former colleague\\n", name="tags.csv")
    >>> res.frame[["name", "tags"]].to_dict("records")
    [{'name': 'Priya Raman', 'tags': 'close; former colleague'}]
    """
    table = _table(path, name, (_TAGS,))
    names, urls, tags = table.col("name"), table.col("profile_url"), table.col("tags")
    keep: list[int] = []
    for i in range(table.n):
        if (names[i] or urls[i]) and tags[i]:
            keep.append(i)
        else:
            table.log.skip(table.lines[i], "no name/URL or no tags")
    if not keep:
        raise _no_rows(table, "rows with a name and tags")
    frame = pd.DataFrame(
        {
            "name": _strings(_pick(names, keep)),
            "profile_url": _strings(_pick(urls, keep)),
            "tags": _strings(_pick(tags, keep)),
            "line": pd.Series(_pick(table.lines, keep), dtype="int64"),
        }
    )
    return _result(table, frame, "refkit tags (Name, URL, Tags)")


def read_tag_map(path: Source, *, name: str | None = None) -> Tags:
    """Read a tags CSV (:func:`read_tags`) as the :class:`~refkit.tags.Tags` ranking takes.

    Parameters
    ----------
    path : str, os.PathLike or bytes
        The file, or its bytes (then give ``name``).
    name : str, optional
        The name shown in messages and in warnings (by
        default the path as given, ``<data>`` for bytes).

    Returns
    -------
    Tags
        Each person (name or profile URL, as written) mapped to their tags,
        lower-cased, in the order written.

    Raises
    ------
    FileFormatError
        When the file cannot be used, as :func:`read_tags` says.

    Examples
    --------
    >>> read_tag_map(b"Name,URL,Tags\\nPriya Raman,,Close; former colleague\\n", name="tags.csv")
    Tags({'Priya Raman': ('close', 'former colleague')})
    """
    return Tags.from_frame(read_tags(path, name=name).frame)


def read_owners(path: Source, *, name: str | None = None) -> ReadResult:
    """Read a shared-exports manifest: ``file,owner_name,owner_url``, one row per shared export.

    ``file`` is resolved relative to the manifest's folder; ``owner`` is the
    owner's profile URL when given, else their name. Rows without a file or
    an owner are skipped.

    Parameters
    ----------
    path : str, os.PathLike or bytes
        The file, or its bytes (then give ``name``).
    name : str, optional
        The name shown in messages and kept as ``ReadResult.path`` (by
        default the path as given, ``<data>`` for bytes).

    Returns
    -------
    ReadResult
        kind ``owners``; columns ``file`` (the path of the shared export),
        ``owner`` and ``line``.

    Raises
    ------
    FileFormatError
        When the file cannot be read (missing, a folder, a device, too large, not text),
        has no header with ``file`` and ``owner_name`` or ``owner_url`` in its first
        lines, or no usable row; ``path`` and ``line`` say where.

    Examples
    --------
    >>> res = read_owners(b"file,owner_name,owner_url\\npriya.csv,Priya Raman,\\n", name="x/owners.csv")
    >>> res.frame[["file", "owner"]].to_dict("records")
    [{'file': 'x/priya.csv', 'owner': 'Priya Raman'}]
    """
    table = _table(path, name, (_OWNERS,))
    base = os.path.dirname(table.display.split(":", 1)[0]) if not _is_bytes(path) else (
        os.path.dirname(name or ""))
    files, names, urls = table.col("file"), table.col("owner_name"), table.col("owner_url")
    keep: list[int] = []
    owners: list[str] = []
    for i in range(table.n):
        owner = urls[i] or names[i]
        if files[i] and owner:
            keep.append(i)
            owners.append(owner)
        else:
            table.log.skip(table.lines[i], "no file or no owner")
    if not keep:
        raise _no_rows(table, "rows with a file and an owner")
    frame = pd.DataFrame(
        {
            "file": _strings([os.path.join(base, f) for f in _pick(files, keep)]),
            "owner": _strings(owners),
            "line": pd.Series(_pick(table.lines, keep), dtype="int64"),
        }
    )
    return _result(table, frame, "refkit shared-exports manifest")


def shared_exports(manifest: Source) -> list[tuple[str, str]]:
    """The shared exports a manifest lists, as ``(owner, file)`` pairs for :func:`refkit.build.build_network`.

    Parameters
    ----------
    manifest : str, os.PathLike or bytes
        The manifest, read with :func:`read_owners`.

    Returns
    -------
    list of (str, str)
        ``(owner, file)`` per row, in the manifest's order; ``file`` is
        relative to the manifest's folder.

    Raises
    ------
    FileFormatError
        When the manifest cannot be used, as :func:`read_owners` says, or a file it
        lists does not exist (the manifest's line is named).

    Examples
    --------
    >>> import pathlib, tempfile
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "owners.csv").write_text("file,owner_name,owner_url\\npriya.csv,Priya Raman,\\n")
    >>> _ = (folder / "priya.csv").write_text("First Name,Last Name,Connected On\\nLee,Chen,08 Feb 2021\\n")
    >>> [(owner, pathlib.Path(file).name) for owner, file in shared_exports(folder / "owners.csv")]
    [('Priya Raman', 'priya.csv')]
    """
    result = read_owners(manifest)
    frame = result.frame
    if not _is_bytes(manifest):  # the files it lists, beside it: each missing one named with its line
        for file, line in zip(frame["file"], frame["line"], strict=True):
            if not os.path.lexists(file):
                raise FileFormatError(
                    f"{where(result.path, int(line))}: lists {file}, which does not exist; expected a "
                    "Connections.csv a friend shared (file is relative to the manifest's folder)",
                    path=result.path, line=int(line))
    return list(zip(frame["owner"], frame["file"], strict=True))


_TRUE = {"true", "yes", "1", "y"}


def read_messages(path: Source, *, name: str | None = None) -> ReadResult:
    """Read LinkedIn's ``messages.csv`` (2018 or 2021+ layout); drafts are dropped.

    Drafts are listed in ``skipped``; message texts are not kept, only their length.

    Parameters
    ----------
    path : str, os.PathLike or bytes
        The file, or its bytes (then give ``name``).
    name : str, optional
        The name shown in messages and kept as ``ReadResult.path`` (by
        default the path as given, ``<data>`` for bytes).

    Returns
    -------
    ReadResult
        kind ``messages``; columns ``conversation_id, sender, sender_url,
        recipients, recipient_urls, sent_at (UTC, naive), content_length (int),
        is_draft (bool), line``.

    Raises
    ------
    FileFormatError
        When the file cannot be read (missing, a folder, a device, too large, not text),
        has no header with ``FROM``, ``TO``, ``DATE`` and ``CONTENT`` in its first
        lines, or no usable row; ``path`` and ``line`` say where.

    Examples
    --------
    >>> data = (b"CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,DATE,SUBJECT,CONTENT,FOLDER\\n"
    ...         b"c1,,Ada Lovelace,https://www.linkedin.com/in/ada,Tom Ortega,2021-05-03 10:11:12 UTC,,Hello!,INBOX\\n")
    >>> res = read_messages(data, name="messages.csv")
    >>> res.frame.loc[0, ["sender", "sent_at"]].tolist()
    ['Ada Lovelace', Timestamp('2021-05-03 10:11:12')]
    >>> int(res.frame.loc[0, "content_length"])
    6
    """
    table = _table(path, name, (_MESSAGES,))
    message_draft, conversation_draft = table.col("message_draft"), table.col("conversation_draft")
    folder = table.col("folder")
    keep: list[int] = []
    for i in range(table.n):
        draft = (
            message_draft[i].lower() in _TRUE
            or conversation_draft[i].lower() in _TRUE
            or folder[i].lower() in ("draft", "drafts")
        )
        if draft:
            table.log.skip(table.lines[i], "draft message", warn=False)
        else:
            keep.append(i)
    if not keep:
        raise _no_rows(table, "messages that are not drafts")
    content = table.col("content")
    frame = pd.DataFrame(
        {
            "conversation_id": _strings(_pick(table.col("conversation_id"), keep)),
            "sender": _strings(_pick(table.col("sender"), keep)),
            "sender_url": _strings(_pick(table.col("sender_url"), keep)),
            "recipients": _strings(_pick(table.col("recipients"), keep)),
            "recipient_urls": _strings(_pick(table.col("recipient_urls"), keep)),
            "sent_at": _dates(table, keep, "sent_at", "message", _MESSAGE_FORMATS),
            "content_length": pd.Series([len(content[i]) for i in keep], dtype="int64"),
            "is_draft": pd.Series([False] * len(keep), dtype=bool),
            "line": pd.Series(_pick(table.lines, keep), dtype="int64"),
        }
    )
    if "conversation_id" not in table.columns:
        era = "2018 (From, To, Date)"
    elif "recipient_urls" in table.columns:
        era = "2023+ (with RECIPIENT PROFILE URLS)"
    else:
        era = "2021-2022 (CONVERSATION ID)"
    if "message_draft" in table.columns:
        era += ", with draft columns"
    return _result(table, frame, era)


def read_invitations(path: Source, *, name: str | None = None) -> ReadResult:
    """Read LinkedIn's ``Invitations.csv`` (any era).

    Parameters
    ----------
    path : str, os.PathLike or bytes
        The file, or its bytes (then give ``name``).
    name : str, optional
        The name shown in messages and kept as ``ReadResult.path`` (by
        default the path as given, ``<data>`` for bytes).

    Returns
    -------
    ReadResult
        kind ``invitations``; columns ``from_name, to_name, sent_at, message,
        direction, inviter_url, invitee_url, line``.

    Raises
    ------
    FileFormatError
        When the file cannot be read (missing, a folder, a device, too large, not text),
        has no header with ``From``, ``To`` and ``Sent At`` in its first lines, or no
        usable row; ``path`` and ``line`` say where.

    Examples
    --------
    >>> data = (b"From,To,Sent At,Message,Direction\\n"
    ...         b'Ada Lovelace,Tom Ortega,"9/12/24, 3:05 PM",,OUTGOING\\n')
    >>> res = read_invitations(data, name="Invitations.csv")
    >>> res.frame.loc[0, ["to_name", "sent_at", "direction"]].tolist()
    ['Tom Ortega', Timestamp('2024-09-12 15:05:00'), 'OUTGOING']
    """
    table = _table(path, name, (_INVITATIONS,))
    keep = list(range(table.n))
    if not keep:
        raise _no_rows(table, "invitations")
    frame = pd.DataFrame(
        {
            "from_name": _strings(table.col("from_name")),
            "to_name": _strings(table.col("to_name")),
            "sent_at": _dates(table, keep, "sent_at", "Sent At", _MESSAGE_FORMATS),
            "message": _strings(table.col("message")),
            "direction": _strings(table.col("direction")),
            "inviter_url": _strings(table.col("inviter_url")),
            "invitee_url": _strings(table.col("invitee_url")),
            "line": pd.Series(table.lines, dtype="int64"),
        }
    )
    names = {_norm_header(c) for c in table.header.cells}
    if "inviter_url" in table.columns:
        era = "Aug 2024+ (with profile URLs)"
    elif "inviterprofileurn" in names:
        era = "early 2024 (with profile URNs)"
    else:
        era = "to mid-2023 (From, To, Sent At)"
    return _result(table, frame, era)


def read_positions(path: Source, *, name: str | None = None) -> ReadResult:
    """Read LinkedIn's ``Positions.csv`` (the user's own jobs).

    Parameters
    ----------
    path : str, os.PathLike or bytes
        The file, or its bytes (then give ``name``).
    name : str, optional
        The name shown in messages and kept as ``ReadResult.path`` (by
        default the path as given, ``<data>`` for bytes).

    Returns
    -------
    ReadResult
        kind ``positions``; columns ``company, title, started_on, finished_on
        (NaT = current), line``.

    Raises
    ------
    FileFormatError
        When the file cannot be read (missing, a folder, a device, too large, not text),
        has no header with ``Company Name`` and ``Started On`` in its first lines, or no
        usable row; ``path`` and ``line`` say where.

    Examples
    --------
    >>> data = (b"Company Name,Title,Description,Location,Started On,Finished On\\n"
    ...         b"Acme,Engineer,,Berlin,Jan 2019,\\n")
    >>> res = read_positions(data, name="Positions.csv")
    >>> res.frame.loc[0, ["company", "started_on"]].tolist(), pd.isna(res.frame.loc[0, "finished_on"])
    (['Acme', Timestamp('2019-01-01 00:00:00')], True)
    """
    table = _table(path, name, (_POSITIONS,))
    keep = [i for i in range(table.n)]
    if not keep:
        raise _no_rows(table, "positions")
    frame = pd.DataFrame(
        {
            "company": _strings(table.col("company")),
            "title": _strings(table.col("title")),
            "started_on": _dates(
                table, keep, "started_on", "Started On", _MONTH_FORMATS, earliest=EARLIEST_POSITION
            ),
            "finished_on": _dates(
                table, keep, "finished_on", "Finished On", _MONTH_FORMATS, earliest=EARLIEST_POSITION
            ),
            "line": pd.Series(table.lines, dtype="int64"),
        }
    )
    return _result(table, frame, "Positions.csv")


def read_profile(path: Source, *, name: str | None = None) -> ReadResult:
    """Read LinkedIn's ``Profile.csv`` (the user's own name and headline).

    Parameters
    ----------
    path : str, os.PathLike or bytes
        The file, or its bytes (then give ``name``).
    name : str, optional
        The name shown in messages and kept as ``ReadResult.path`` (by
        default the path as given, ``<data>`` for bytes).

    Returns
    -------
    ReadResult
        kind ``profile``; columns ``first_name, last_name, headline, line``.

    Raises
    ------
    FileFormatError
        When the file cannot be read (missing, a folder, a device, too large, not text),
        has no header with ``First Name`` and ``Headline`` in its first lines, or no
        usable row; ``path`` and ``line`` say where.

    Examples
    --------
    >>> data = b"First Name,Last Name,Maiden Name,Headline\\nAda,Lovelace,,Engineer at Acme\\n"
    >>> read_profile(data, name="Profile.csv").frame.loc[0, ["first_name", "headline"]].tolist()
    ['Ada', 'Engineer at Acme']
    """
    table = _table(path, name, (_PROFILE,))
    if not table.n:
        raise _no_rows(table, "a profile row")
    frame = pd.DataFrame(
        {
            "first_name": _strings(table.col("first_name")),
            "last_name": _strings(table.col("last_name")),
            "headline": _strings(table.col("headline")),
            "line": pd.Series(table.lines, dtype="int64"),
        }
    )
    names = {_norm_header(c) for c in table.header.cells}
    return _result(
        table, frame, "2018 Profile.csv" if "contact instructions" in names else "Profile.csv"
    )


def _named_rows(table: _Table) -> list[int]:
    """The rows with a first or last name; the others are skipped with a warning."""
    firsts, lasts = table.col("first_name"), table.col("last_name")
    keep = []
    for i in range(table.n):
        if firsts[i] or lasts[i]:
            keep.append(i)
        else:
            table.log.skip(table.lines[i], "no name")
    return keep


def _direction_of(display: str, direction: str | None) -> str | None:
    if direction is not None:
        if direction not in RECOMMENDATION_DIRECTIONS:
            from refkit._errors import OptionError

            raise OptionError(f"direction must be 'received' or 'given', got {direction!r}",
                              value=direction)
        return direction
    base = os.path.basename(display).casefold()
    found = [d for d in RECOMMENDATION_DIRECTIONS if d in base]
    return found[0] if len(found) == 1 else None


def read_recommendations(path: Source, *, name: str | None = None,
                         direction: str | None = None) -> ReadResult:
    """Read LinkedIn's ``Recommendations_Received.csv`` or ``Recommendations_Given.csv``.

    Who wrote the user a recommendation (received), or whom the user wrote one
    for (given): people who know the user. The recommendation's ``Text`` is
    other people's words and not needed: it is not kept.

    Parameters
    ----------
    path : str, os.PathLike or bytes
        The file, or its bytes (then give ``name``).
    name : str, optional
        The name shown in messages and kept as ``ReadResult.path`` (by
        default the path as given, ``<data>`` for bytes).
    direction : {"received", "given"}, optional
        Whose recommendations these are; by default the file name says it
        (``..._Received.csv``, ``..._Given.csv``), else it is unknown (NA).

    Returns
    -------
    ReadResult
        kind ``recommendations``; columns ``first_name, last_name, company,
        position, created_on, status`` (``VISIBLE``, ``HIDDEN``, ``PENDING`` as
        LinkedIn writes it), ``direction`` and ``line``. A header without rows
        (nobody recommended) gives no rows, not an error.

    Raises
    ------
    FileFormatError
        When the file cannot be read (missing, a folder, a device, too large, not text)
        or has no header with ``First Name``, ``Last Name``, ``Job Title`` and
        ``Creation Date`` in its first lines; ``path`` and ``line`` say where.
    OptionError
        When ``direction`` is neither ``"received"`` nor ``"given"``.

    Examples
    --------
    >>> data = (b"First Name,Last Name,Company,Job Title,Text,Creation Date,Status\\n"
    ...         b'Ada,Lovelace,Acme,CTO,"A great engineer,\\nreliable.","07/21/09, 12:11 PM",VISIBLE\\n')
    >>> res = read_recommendations(data, name="Recommendations_Received.csv")
    >>> res.frame.loc[0, ["first_name", "company", "created_on", "direction"]].tolist()
    ['Ada', 'Acme', Timestamp('2009-07-21 12:11:00'), 'received']
    >>> "text" in res.frame
    False
    """
    table = _table(path, name, (_RECOMMENDATIONS,))
    keep = _named_rows(table)
    which = _direction_of(table.display, direction)
    frame = pd.DataFrame(
        {
            "first_name": _strings(_pick(table.col("first_name"), keep)),
            "last_name": _strings(_pick(table.col("last_name"), keep)),
            "company": _strings(_pick(table.col("company"), keep)),
            "position": _strings(_pick(table.col("position"), keep)),
            "created_on": _dates(table, keep, "created_on", "Creation",
                                 _CONNECTED_FORMATS + _MESSAGE_FORMATS),
            "status": _strings([v.upper() for v in _pick(table.col("status"), keep)]),
            "direction": pd.Series([which] * len(keep), dtype="str"),
            "line": pd.Series(_pick(table.lines, keep), dtype="int64"),
        }
    )
    return _result(table, frame, which or "direction unknown")


def read_endorsements(path: Source, *, name: str | None = None) -> ReadResult:
    """Read LinkedIn's ``Endorsement_Received_Info.csv``: who endorsed the user for what.

    Parameters
    ----------
    path : str, os.PathLike or bytes
        The file, or its bytes (then give ``name``).
    name : str, optional
        The name shown in messages and kept as ``ReadResult.path`` (by
        default the path as given, ``<data>`` for bytes).

    Returns
    -------
    ReadResult
        kind ``endorsements``; columns ``first_name, last_name, profile_url``
        (as written: since 2024 without ``https://``; NA before),
        ``skill, endorsed_on, status`` (``ACCEPTED``, ``REJECTED``, ``PENDING``)
        and ``line``. A header without rows gives no rows, not an error.

    Raises
    ------
    FileFormatError
        When the file cannot be read (missing, a folder, a device, too large, not text)
        or has no header with ``Endorser First Name``, ``Endorser Last Name`` and
        ``Skill Name`` in its first lines; ``path`` and ``line`` say where.

    Examples
    --------
    >>> data = (b"Endorsement Date,Skill Name,Endorser First Name,Endorser Last Name,"
    ...         b"Endorser Public Url,Endorsement Status\\n"
    ...         b"2021/09/01 12:41:31 UTC,Databases,Casey,Nguyen,www.linkedin.com/in/casey,ACCEPTED\\n")
    >>> res = read_endorsements(data, name="Endorsement_Received_Info.csv")
    >>> res.frame.loc[0, ["first_name", "profile_url", "endorsed_on", "status"]].tolist()
    ['Casey', 'www.linkedin.com/in/casey', Timestamp('2021-09-01 12:41:31'), 'ACCEPTED']
    >>> res.era
    '2024+ (with Endorser Public Url)'
    """
    table = _table(path, name, (_ENDORSEMENTS,))
    keep = _named_rows(table)
    frame = pd.DataFrame(
        {
            "first_name": _strings(_pick(table.col("first_name"), keep)),
            "last_name": _strings(_pick(table.col("last_name"), keep)),
            "profile_url": _strings(_pick(table.col("profile_url"), keep)),
            "skill": _strings(_pick(table.col("skill"), keep)),
            "endorsed_on": _dates(table, keep, "endorsed_on", "Endorsement", _ENDORSEMENT_FORMATS),
            "status": _strings([v.upper() for v in _pick(table.col("status"), keep)]),
            "line": pd.Series(_pick(table.lines, keep), dtype="int64"),
        }
    )
    era = ("2024+ (with Endorser Public Url)" if "profile_url" in table.columns
           else "to 2023 (no Endorser Public Url)")
    return _result(table, frame, era)


def _read_jobs_table(table: _Table, fields: tuple[str, ...], date: tuple[str, str], era: str) -> ReadResult:
    """The rows of a jobs file that name a company: ``fields`` and the date column, nothing else."""
    companies, urls = table.col("company"), table.col("job_url")
    keep: list[int] = []
    for i in range(table.n):
        if table.spec.exact_width and urls[i] and not urls[i].lower().startswith(("http://", "https://", "www.")):
            # a damaged row whose cells moved: another column (maybe a private one) is where the
            # job's link should be, so none of its cells can be trusted
            table.log.skip(table.lines[i], "the Job Url column does not hold a link: the cells of this "
                           "row are out of place")
        elif companies[i]:
            keep.append(i)
        else:
            table.log.skip(table.lines[i], "no company name")
    if not keep:
        raise _no_rows(table, f"rows with {table.spec.expected}")
    name, label = date
    private = not table.spec.keep_extra  # the file has private columns: quote no unreadable cell
    data: dict[str, pd.Series] = {
        name: _day(_dates(table, keep, name, label, _JOB_FORMATS, show_value=not private))}
    for field in fields:
        data[field] = (_shared_strings if field == "company" else _strings)(_pick(table.col(field), keep))
    data["line"] = pd.Series(_pick(table.lines, keep), dtype="int64")
    return _result(table, pd.DataFrame(data), era)


def read_job_applications(path: Source, *, name: str | None = None) -> ReadResult:
    """Read LinkedIn's ``Jobs/Job Applications.csv``: the jobs the user applied for.

    Only the date, company, job title and job URL are read. The contact
    e-mail and phone number, the resume's name and the answers to the
    application's questions are private: they are never kept, not even in
    memory frames. Rows without a company are skipped with a warning; a date
    that does not parse is a warning and NaT.

    Parameters
    ----------
    path : str, os.PathLike or bytes
        The file, or its bytes (then give ``name``).
    name : str, optional
        The name shown in messages and kept as ``ReadResult.path`` (by
        default the path as given, ``<data>`` for bytes).

    Returns
    -------
    ReadResult
        kind ``applications``; columns ``applied_on`` (the day), ``company,
        job_title, job_url, line``.

    Raises
    ------
    FileFormatError
        When the file cannot be read (missing, a folder, a device, too large, not text),
        has no header with ``Application Date`` and ``Company Name`` in its first
        lines, or no row naming a company; ``path`` and ``line`` say where.

    Examples
    --------
    >>> data = (b"Application Date,Contact Email,Contact Phone Number,Company Name,Job Title,"
    ...         b"Job Url,Resume Name,Question And Answers\\n"
    ...         b'"8/15/26, 1:32 PM",me@example.com,555-0100,Globex,Senior Backend Engineer,'
    ...         b'https://www.linkedin.com/jobs/view/1,cv.pdf,"Salary?: 100k"\\n')
    >>> res = read_job_applications(data, name="Job Applications.csv")
    >>> res.frame.loc[0, ["applied_on", "company", "job_title"]].tolist()
    [Timestamp('2026-08-15 00:00:00'), 'Globex', 'Senior Backend Engineer']
    >>> list(res.frame.columns)
    ['applied_on', 'company', 'job_title', 'job_url', 'line']
    """
    table = _table(path, name, (_APPLICATIONS,))
    return _read_jobs_table(table, ("company", "job_title", "job_url"),
                            ("applied_on", "application"), "Job Applications.csv")


def read_saved_jobs(path: Source, *, name: str | None = None) -> ReadResult:
    """Read LinkedIn's ``Jobs/Saved Jobs.csv``: the jobs the user saved.

    Parameters
    ----------
    path : str, os.PathLike or bytes
        The file, or its bytes (then give ``name``).
    name : str, optional
        The name shown in messages and kept as ``ReadResult.path`` (by
        default the path as given, ``<data>`` for bytes).

    Returns
    -------
    ReadResult
        kind ``saved_jobs``; columns ``saved_on`` (the day), ``company,
        job_title, job_url, line``.

    Raises
    ------
    FileFormatError
        When the file cannot be read, has no header with ``Saved Date`` and
        ``Company Name`` in its first lines, or no row naming a company.

    Examples
    --------
    >>> data = (b"Saved Date,Job Url,Job Title,Company Name\\n"
    ...         b'"9/2/26, 8:05 AM",https://www.linkedin.com/jobs/view/2,Data Engineer,Initech\\n')
    >>> read_saved_jobs(data, name="Saved Jobs.csv").frame.loc[0, ["saved_on", "company"]].tolist()
    [Timestamp('2026-09-02 00:00:00'), 'Initech']
    """
    table = _table(path, name, (_SAVED_JOBS,))
    return _read_jobs_table(table, ("company", "job_title", "job_url"),
                            ("saved_on", "saved-job"), "Saved Jobs.csv")


def read_company_follows(path: Source, *, name: str | None = None) -> ReadResult:
    """Read LinkedIn's ``Company Follows.csv``: the companies the user follows.

    Parameters
    ----------
    path : str, os.PathLike or bytes
        The file, or its bytes (then give ``name``).
    name : str, optional
        The name shown in messages and kept as ``ReadResult.path`` (by
        default the path as given, ``<data>`` for bytes).

    Returns
    -------
    ReadResult
        kind ``company_follows``; columns ``followed_on`` (the day), ``company, line``.

    Raises
    ------
    FileFormatError
        When the file cannot be read, has no header with ``Organization`` and
        ``Followed On`` in its first lines, or no row naming a company.

    Examples
    --------
    >>> data = b"Organization,Followed On\\nGlobex,Tue Mar 15 17:17:23 UTC 2022\\nInitech,\\"8/15/26, 1:32 PM\\"\\n"
    >>> read_company_follows(data, name="Company Follows.csv").frame[["company", "followed_on"]]
       company followed_on
    0   Globex  2022-03-15
    1  Initech  2026-08-15
    """
    table = _table(path, name, (_FOLLOWS,))
    return _read_jobs_table(table, ("company",), ("followed_on", "follow"), "Company Follows.csv")
