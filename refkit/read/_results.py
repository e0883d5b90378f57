"""What a reader returns: the rows of one file (:class:`ReadResult`) and a whole export (:class:`Archive`)."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd


@dataclass(frozen=True, repr=False, eq=False)
class ReadResult:
    """The rows of one file and what was noticed while reading it.

    Every reader returns one; each parameter is kept as the attribute of the
    same name.

    Parameters
    ----------
    frame : pandas.DataFrame
        The rows, with a fresh RangeIndex (columns depend on ``kind``).
    path : str
        Display name, e.g. ``Connections.csv`` or ``archive.zip:Connections.csv``.
    kind : str
        ``connections``, ``mutuals``, ``search_export``, ``edges``, ``messages``,
        ``invitations``, ``positions``, ``profile``, ``recommendations``, ``endorsements``,
        ``applications``, ``saved_jobs`` or ``company_follows``.
    era : str
        Human description of the format, e.g. ``2023+ (with URL)``.
    skipped : tuple of (int, str)
        ``(line, reason)`` of rows that were not imported.
    warnings : tuple of str
        Row-level warnings (also emitted as :class:`~refkit.RefkitWarning`).
    owner : str or None
        For shared exports: whose connections these are (a name or profile URL).

    Examples
    --------
    >>> from refkit.read import read_connections
    >>> res = read_connections(b"First Name,Last Name,Connected On\\nAda,Lovelace,08 Feb 2021\\n",
    ...                        name="Connections.csv")
    >>> res
    ReadResult(kind='connections', path='Connections.csv', era='2021-2023 (no URL); no preamble', rows=1, skipped=0, warnings=0)
    >>> res.frame[["first_name", "last_name", "connected_on"]]
      first_name last_name connected_on
    0        Ada  Lovelace   2021-02-08
    """

    frame: pd.DataFrame
    path: str
    kind: str
    era: str
    skipped: tuple[tuple[int, str], ...] = ()
    warnings: tuple[str, ...] = ()
    owner: str | None = None

    def __repr__(self) -> str:
        owner = f", owner={self.owner!r}" if self.owner is not None else ""
        return (
            f"ReadResult(kind={self.kind!r}, path={self.path!r}, era={self.era!r}, "
            f"rows={len(self.frame)}, skipped={len(self.skipped)}, "
            f"warnings={len(self.warnings)}{owner})"
        )


@dataclass(frozen=True, repr=False, eq=False)
class Archive:
    """The user's LinkedIn export: connections plus the other useful files.

    :func:`read_export` returns one; each parameter is kept as the attribute
    of the same name.

    Parameters
    ----------
    path : str
        Display name of the archive, folder or file read.
    connections : ReadResult
        The user's Connections.csv: always present.
    messages, invitations, positions, profile : ReadResult or None, optional
        The archive's ``messages.csv``, ``Invitations.csv``, ``Positions.csv``
        and ``Profile.csv``; None when the file is absent (or could not be
        used, with a :class:`~refkit.RefkitWarning`).
    recommendations_received, recommendations_given, endorsements : ReadResult or None, optional
        ``Recommendations_Received.csv``, ``Recommendations_Given.csv`` and
        ``Endorsement_Received_Info.csv`` (who knows the user well), likewise.
    applications, saved_jobs, company_follows : ReadResult or None, optional
        The archive's ``Jobs/Job Applications.csv``, ``Jobs/Saved Jobs.csv`` and
        ``Company Follows.csv`` (where the user wants to work); None when absent.
    notes : tuple of str, optional
        What the archive itself warned about, beside each file's own warnings.

    Examples
    --------
    >>> from refkit.read import read_export
    >>> archive = read_export(b"First Name,Last Name,Connected On\\nAda,Lovelace,08 Feb 2021\\n",
    ...                       name="Connections.csv")
    >>> archive
    Archive(path='Connections.csv', connections=1 rows, messages=None, invitations=None, positions=None, profile=None)
    >>> [part.kind for part in archive.parts()]
    ['connections']
    """

    path: str
    connections: ReadResult
    messages: ReadResult | None = None
    invitations: ReadResult | None = None
    positions: ReadResult | None = None
    profile: ReadResult | None = None
    recommendations_received: ReadResult | None = None
    recommendations_given: ReadResult | None = None
    endorsements: ReadResult | None = None
    applications: ReadResult | None = None
    saved_jobs: ReadResult | None = None
    company_follows: ReadResult | None = None
    notes: tuple[str, ...] = ()
    """What the archive itself warned about (a side file not used, a second Connections.csv,
    a link out of the folder), beside each file's own warnings."""

    def parts(self) -> list[ReadResult]:
        """The files read, Connections.csv first."""
        found = (self.connections, self.messages, self.invitations, self.positions, self.profile,
                 self.recommendations_received, self.recommendations_given, self.endorsements,
                 self.applications, self.saved_jobs, self.company_follows)
        return [part for part in found if part is not None]

    def __repr__(self) -> str:
        parts = [f"path={self.path!r}", f"connections={len(self.connections.frame)} rows"]
        for name in ("messages", "invitations", "positions", "profile"):
            res = getattr(self, name)
            parts.append(f"{name}={'None' if res is None else f'{len(res.frame)} rows'}")
        for name in ("recommendations_received", "recommendations_given", "endorsements",
                     "applications", "saved_jobs", "company_follows"):
            res = getattr(self, name)  # shown when present: most archives have none
            if res is not None:
                parts.append(f"{name}={len(res.frame)} rows")
        return f"Archive({', '.join(parts)})"
