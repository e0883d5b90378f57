"""The whole export (:func:`read_export`), and any file by what it is (:func:`detect_kind`, :func:`read_any`)."""

from __future__ import annotations

import contextlib
import os
import warnings
from dataclasses import replace

from refkit._errors import FileFormatError, RefkitError, RefkitWarning, warn_row
from refkit.read._archive import _connections_member, _open_archive
from refkit.read._decode import _decode, _zip_looks_like
from refkit.read._header import _best_guess_line, _deidentified, _find_header, _short
from refkit.read._kinds import _CONNECTIONS, _FILE_HINTS, _SIDE_FILES, _SPECS
from refkit.read._readers import (
    _read_connections_table,
    read_company_follows,
    read_connections,
    read_edges,
    read_endorsements,
    read_invitations,
    read_job_applications,
    read_messages,
    read_mutuals,
    read_owners,
    read_positions,
    read_profile,
    read_recommendations,
    read_saved_jobs,
    read_tags,
)
from refkit.read._results import Archive, ReadResult
from refkit.read._source import Source, _display, _is_bytes, _is_dir, _load, _once
from refkit.read._table import _table


def read_export(path: Source, *, name: str | None = None) -> Archive:
    """Read the user's LinkedIn export: the ``.zip``, its folder, or a Connections.csv.

    From an archive, ``messages.csv``, ``Invitations.csv``, ``Positions.csv``,
    ``Profile.csv``, ``Recommendations_Received.csv``, ``Recommendations_Given.csv``,
    ``Endorsement_Received_Info.csv``, ``Jobs/Job Applications.csv``, ``Jobs/Saved Jobs.csv`` and
    ``Company Follows.csv`` are read too when present (names matched case-insensitively,
    at the top or one folder down). Zip members are read in memory, never
    extracted; in a folder, links leading outside it are not followed. Only
    Connections.csv is required: a side file that cannot be used (too large,
    damaged, not what its name says) becomes a warning and None. When a file is
    there twice, the one LinkedIn writes (the shallowest, spelled as LinkedIn
    spells it) is read with a warning naming both; when neither is, the archive is
    refused naming both.

    Parameters
    ----------
    path : str, os.PathLike or bytes
        The ``.zip`` LinkedIn sent, the folder it unpacks to, or a
        Connections.csv alone; or the bytes of the zip or the CSV (then give ``name``).
    name : str, optional
        The name shown in messages and kept as ``Archive.path`` (by default
        the path as given, ``<data>`` for bytes).

    Returns
    -------
    Archive
        The connections and the side files found (None for the others); what
        the archive itself warned about is in ``notes``.

    Raises
    ------
    FileFormatError
        When the archive cannot be opened or is damaged, has no Connections.csv
        (or two that refkit cannot choose between), or its Connections.csv
        cannot be used (see :func:`read_connections`).

    Examples
    --------
    >>> import io, zipfile
    >>> buffer = io.BytesIO()
    >>> with zipfile.ZipFile(buffer, "w") as zf:
    ...     zf.writestr("Basic_LinkedIn_Data/Connections.csv",
    ...                 "First Name,Last Name,Connected On\\nAda,Lovelace,08 Feb 2021\\n")
    ...     zf.writestr("Basic_LinkedIn_Data/Profile.csv",
    ...                 "First Name,Last Name,Headline\\nMe,Myself,Engineer\\n")
    >>> archive = read_export(buffer.getvalue(), name="export.zip")
    >>> archive.connections.path, len(archive.connections.frame), archive.messages is None
    ('export.zip:Connections.csv', 1, True)
    >>> archive.profile.frame.loc[0, "headline"]
    'Engineer'
    """
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", RefkitWarning)
            archive = _read_export(path, name)
    finally:  # shown as they came (a refusal too), and kept: the files' own and the archive's
        for caught_warning in caught:
            warnings.warn_explicit(caught_warning.message, caught_warning.category,
                                   caught_warning.filename, caught_warning.lineno)
    said = {w for part in archive.parts() for w in part.warnings}
    notes = tuple(str(c.message) for c in caught
                  if issubclass(c.category, RefkitWarning) and str(c.message) not in said)
    return replace(archive, notes=notes) if notes else archive


def _read_export(path: Source, name: str | None) -> Archive:
    display = _display(path, name)
    path, name = _once(path, name)
    with _open_archive(path, name) as files:
        if files is None:
            return Archive(path=display, connections=read_connections(path, name=name))
        data, member = _connections_member(files)
        connections = _read_connections_table(
            _table(data, None, (_CONNECTIONS,), data=data, display=member)
        )
        side: dict[str, ReadResult | None] = {}
        for base, attr in _SIDE_FILES.items():
            side[attr] = None
            try:
                found = files.get(base)
                if found is not None:
                    side[attr] = _SIDE_FUNCS[attr](found[0], name=found[1])
            except RefkitError as err:  # too large, damaged, not what it should be ...
                warn_row(f"{display}:{base}", None, f"not used ({err})")
    return Archive(path=display, connections=connections, **side)


_SIDE_FUNCS = {
    "messages": read_messages,
    "invitations": read_invitations,
    "positions": read_positions,
    "profile": read_profile,
    "recommendations_received": read_recommendations,
    "recommendations_given": read_recommendations,
    "endorsements": read_endorsements,
    "applications": read_job_applications,
    "saved_jobs": read_saved_jobs,
    "company_follows": read_company_follows,
}


def detect_kind(path: Source, *, name: str | None = None) -> str:
    """Tell what a file is from its header (the file name is only a tie-breaker).

    The header is looked for in the first lines as the readers look for it;
    when it fits several kinds, the one the file's name suggests wins.

    Parameters
    ----------
    path : str, os.PathLike or bytes
        The file, a folder, or the bytes of a file (then give ``name``).
    name : str, optional
        The file's name, used as the tie-breaker and in messages.

    Returns
    -------
    str
        One of ``connections``, ``mutuals``, ``search_export``, ``edges``,
        ``messages``, ``invitations``, ``positions``, ``profile``,
        ``recommendations``, ``endorsements``, ``tags``, ``owners``,
        ``applications``, ``saved_jobs``, ``company_follows``,
        ``archive`` (a zip or folder) or ``unknown``.

    Raises
    ------
    FileFormatError
        When the file cannot be read at all (missing, a device, too large).

    Examples
    --------
    >>> detect_kind(b"source,target\\nA,B\\n", name="edges.csv")
    'edges'
    >>> detect_kind(b"From,To,Sent At,Message,Direction\\n", name="Invitations.csv")
    'invitations'
    >>> detect_kind(b"hello world\\n")
    'unknown'
    """
    display = _display(path, name)
    if _is_dir(path):
        return "archive"
    path, name = _once(path, name)
    if not _is_bytes(path):
        with contextlib.suppress(OSError), open(path, "rb") as fh:  # type: ignore[arg-type]
            if fh.read(2) == b"PK":  # a zip may be larger than one file's bound
                fh.seek(0)
                return "archive" if _zip_looks_like(fh) == "zip" else "unknown"
    data = _load(path, display)
    if data[:2] == b"PK":
        return "archive" if _zip_looks_like(data) == "zip" else "unknown"
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RefkitWarning)
            text = _decode(data[: 1 << 16], display, [])
    except RefkitError:
        return "unknown"
    header = _find_header(text, _SPECS)
    if header is None:
        return "unknown"
    hint = _FILE_HINTS.get(os.path.basename(display).lower())
    for spec in header.matches:
        if spec.kind == hint:
            return spec.kind
    return header.matches[0].kind


_DISPATCH = {
    "connections": read_connections,
    "mutuals": read_mutuals,
    "search_export": read_mutuals,
    "edges": read_edges,
    "messages": read_messages,
    "invitations": read_invitations,
    "positions": read_positions,
    "profile": read_profile,
    "recommendations": read_recommendations,
    "endorsements": read_endorsements,
    "archive": read_export,
    "tags": read_tags,
    "owners": read_owners,
    "applications": read_job_applications,
    "saved_jobs": read_saved_jobs,
    "company_follows": read_company_follows,
}


def read_any(path: Source, *, name: str | None = None) -> ReadResult | Archive:
    """Read a file with the reader :func:`detect_kind` picks.

    Parameters
    ----------
    path : str, os.PathLike or bytes
        The file, a folder, or the bytes of a file (then give ``name``).
    name : str, optional
        The name shown in messages and kept as the result's ``path``.

    Returns
    -------
    ReadResult or Archive
        An :class:`Archive` for a zip or folder (see :func:`read_export`),
        otherwise the :class:`ReadResult` of the reader for its kind.

    Raises
    ------
    FileFormatError
        When the file cannot be read, refkit cannot tell what it is (naming
        the line it took for a header and the kinds it knows), or the reader
        for its kind cannot use it.

    Examples
    --------
    >>> res = read_any(b"source,target\\nA,B\\n", name="edges.csv")
    >>> res.kind, len(res.frame)
    ('edges', 1)
    >>> read_any(b"Colour,Size\\nred,big\\n", name="odd.csv")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    refkit._errors.FileFormatError: odd.csv, line 1: cannot tell what this file is (found Colour, Size); ...
    """
    path, name = _once(path, name)
    kind = detect_kind(path, name=name)
    display = _display(path, name)
    if kind == "unknown" and display.lower().endswith(".zip"):
        return read_export(path, name=name)  # raises with the archive's own message
    if kind == "unknown":
        data = _load(path, display)
        text = _decode(data, display, [])
        removed = _deidentified(text, display)
        if removed is not None:
            raise removed
        line, cells = _best_guess_line(text)
        found = f"found {_short(cells)}" if cells else "found no columns"
        kinds = "; ".join(f"{spec.title}: {spec.expected}" for spec in _SPECS)
        raise FileFormatError(
            f"{display}, line {line}: cannot tell what this file is ({found}); expected one of "
            f"{kinds}; or a LinkedIn .zip export", path=display, line=line)
    return _DISPATCH[kind](path, name=name)
