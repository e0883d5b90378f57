"""Read LinkedIn exports and refkit's own capture files into tidy frames.

Every reader takes a path (``str`` or ``os.PathLike``) or the raw ``bytes`` of a
file together with ``name=`` and returns a :class:`ReadResult`. The user's whole
archive (the ``.zip`` LinkedIn sends, or the folder it unpacks to) is read by
:func:`read_export` into an :class:`Archive`.

What the readers tolerate (see ``docs/FORMATS.md``):

- every era of ``Connections.csv`` (2018 without preamble or URL, 2021-2023
  without URL, 2023+ with URL); the header is found by scanning the first
  lines, never by a fixed ``skiprows``;
- UTF-8 with or without BOM, cp1252, UTF-16 (by BOM); ``,``, ``;`` or tab as
  delimiter (sniffed from the header line); LF, CRLF or CR line endings;
- columns mapped by name, case-insensitively; unknown columns ignored;
- dates such as ``08 Feb 2021``, ``08.02.2021``, ``04-May-22``,
  ``4/5/18, 9:12 AM``, ``2021-05-03 10:11:12 UTC`` and ``Jan 2019``.

- files that are not all UTF-8 decoded line by line (UTF-8 lines as UTF-8, the
  others as cp1252 or Mac Roman), with a warning naming the lines;
- a stray quote: a quoted field that runs over more lines than any real field
  (or has the wrong number of fields while the lines it swallowed read as
  rows) is undone, and reading goes on with the next line;
- two exports pasted into one file: a second preamble and header row are
  skipped, and rows below a header of another era are read by its columns.

Row-level problems (a short row, a row with too many fields, a date that does
not parse or cannot be real, a mutual count over LinkedIn's 30,000 cap, a row
holding NUL bytes, a row without a name) become :class:`~refkit.RefkitWarning`
warnings naming the line; the rest of the file is imported. A file that cannot
be used raises :class:`~refkit.FileFormatError` naming the file, the line and what
was expected (text from the file is shown only as a short, escaped excerpt).
Rows with too many (non-empty) fields are skipped; short rows are padded with
empty values and kept.

Only regular files are read, each once and at most :data:`MAX_MEMBER_BYTES`; a
pipe given as an open descriptor (``/dev/stdin``, ``<(...)``) is read once with
the same bound; named pipes, devices and sockets are refused.

Frames per kind (besides ``line``, the 1-based physical line a record starts on):

- ``connections``: ``first_name, last_name, profile_url, email, company,
  position, connected_on``;
- ``mutuals`` / ``search_export``: ``name, profile_url, company, position,
  mutual_count, mutual_names`` (+ ``connection_degree``);
- ``edges``: ``source, target`` + the file's extra columns;
- ``messages``: ``conversation_id, sender, sender_url, recipients,
  recipient_urls, sent_at, content_length, is_draft`` (drafts are dropped and
  listed in ``skipped``; ``recipients`` and ``recipient_urls`` are LinkedIn's raw
  strings, several values separated by ``,``);
- ``invitations``: ``from_name, to_name, sent_at, message, direction,
  inviter_url, invitee_url``;
- ``positions``: ``company, title, started_on, finished_on`` (NaT = current);
- ``profile``: ``first_name, last_name, headline``;
- ``recommendations``: ``first_name, last_name, company, position, created_on,
  status, direction`` (``received`` or ``given``; the text is never kept);
- ``endorsements``: ``first_name, last_name, profile_url, skill, endorsed_on,
  status``.
- ``applications`` (``Jobs/Job Applications.csv``): ``applied_on, company, job_title,
  job_url`` (never the contact e-mail or phone, the resume or the answers);
  ``saved_jobs``: ``saved_on, company, job_title, job_url``; ``company_follows``:
  ``followed_on, company``.

The package follows the reading of one file: ``_source`` (bytes in, within a bound),
``_decode`` (bytes to text), ``_header`` (the header row), ``_table`` (the CSV records and the
row log of ``_log``), ``_dates``; ``_kinds`` says what each kind of file holds and which files
LinkedIn's archive has, ``_archive`` opens a zip or folder. The readers are in ``_readers``
(single files), ``_dispatch`` (the whole export, any file by its kind) and ``_ranked``
(``refkit rank``'s own CSV read back); ``_results`` holds what they return.
"""

from __future__ import annotations

# the bounds and dates the readers keep to: not in __all__ (as before), importable from here
from refkit.read._dates import EARLIEST_POSITION as EARLIEST_POSITION
from refkit.read._dates import LINKEDIN_START as LINKEDIN_START
from refkit.read._dispatch import detect_kind, read_any, read_export
from refkit.read._header import HEADER_SCAN_LINES as HEADER_SCAN_LINES
from refkit.read._ranked import MAX_MUTUAL_COUNT, parse_mutual_count, read_ranked
from refkit.read._readers import (
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
    read_shared,
    read_tag_map,
    read_tags,
    shared_exports,
)
from refkit.read._results import Archive, ReadResult
from refkit.read._source import MAX_MEMBER_BYTES as MAX_MEMBER_BYTES
from refkit.read._source import Source as Source
from refkit.read._table import MAX_FIELD_CHARS as MAX_FIELD_CHARS
from refkit.read._table import MAX_MULTILINE_RECORD_LINES as MAX_MULTILINE_RECORD_LINES
from refkit.read._table import MAX_RECORD_LINES as MAX_RECORD_LINES

__all__ = [
    "Archive",
    "ReadResult",
    "detect_kind",
    "read_any",
    "read_company_follows",
    "read_connections",
    "read_edges",
    "read_endorsements",
    "read_export",
    "read_invitations",
    "read_job_applications",
    "read_messages",
    "read_mutuals",
    "read_positions",
    "read_profile",
    "read_recommendations",
    "read_saved_jobs",
    "read_owners",
    "read_shared",
    "read_tag_map",
    "read_tags",
    "shared_exports",
    "MAX_MUTUAL_COUNT",
    "parse_mutual_count",
    "read_ranked",
]
