"""Track who was asked, who introduced whom, and what to do next.

A *workspace* is a folder per job seeker (a coach keeps one per client)
holding ``refkit.sqlite``, an SQLite database (Python's :mod:`sqlite3`, no
server). It has three tables:

``meta``
    ``key``/``value`` pairs: ``schema_version``, ``created_at``. The file is also
    stamped with ``PRAGMA application_id`` (:data:`APPLICATION_ID`) and
    ``PRAGMA user_version`` (:data:`SCHEMA_VERSION`), so another program's
    SQLite database, or a file that is not SQLite at all, is refused.
``targets``
    one row per person to reach, by ``key`` (the ranking's person key): name,
    profile URL, company, position, mutual count, best introducer and the
    alternates (JSON list of ``[key, name]`` pairs), first and last seen dates.
``events``
    the append-only history of statuses (triggers forbid updates and
    deletes). A person's current status is their latest event by the day it
    happened, then by order of recording; the ``planned`` event that
    :meth:`Tracker.add` records when a person is first tracked never hides a
    status logged for an earlier day ("import today, log last week").

Statuses (:data:`STATUSES`): ``planned``, ``asked_introducer``,
``introduced``, ``invited``, ``accepted``, ``declined``, ``no_response``,
``call``, ``coffee``.

The database uses write-ahead logging and ``synchronous=FULL``; every user
operation reads and writes in one ``BEGIN IMMEDIATE`` transaction (other
refkit processes wait up to :data:`BUSY_TIMEOUT` seconds), so an interrupted
or concurrent command changes nothing it did not finish. A new database is
built under a temporary name and published whole, so ``refkit.sqlite`` is
never an empty file made by refkit: an empty one means its history was lost,
and refkit says so instead of starting a new one. A damaged value in the
database (unreadable alternates, a date that is not a date, an unknown status)
is a :class:`~refkit.RefkitWarning` and is ignored, never changed.
"""

from __future__ import annotations

import datetime as dt
import difflib
import json
import os
import re
import secrets
import sqlite3
import stat
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pandas as pd

from refkit._errors import RefkitError, warn_row
from refkit._limits import FIRST_YEAR
from refkit._text import clean_text, is_missing, truncate
from refkit.export import write_csv
from refkit.read import MAX_MUTUAL_COUNT, parse_mutual_count
from refkit.resolve import normalize_name, normalize_url, person_key

__all__ = ["APPLICATION_ID", "BUSY_TIMEOUT", "DB_NAME", "SCHEMA_VERSION", "STATUSES", "Tracker"]

#: ``PRAGMA application_id`` of refkit tracker databases ("RfKt").
APPLICATION_ID = 0x52664B74
#: Version of the database layout written by this refkit.
SCHEMA_VERSION = 1
#: File name of the database inside a workspace.
DB_NAME = "refkit.sqlite"
#: Seconds a command waits for another refkit process to finish with the database.
BUSY_TIMEOUT = 30.0
#: Valid statuses, in the usual order of a referral.
STATUSES = (
    "planned", "asked_introducer", "introduced", "invited", "accepted",
    "declined", "no_response", "call", "coffee",
)  # fmt: skip

_SQLITE_MAGIC = b"SQLite format 3\x00"
_ASKS = ("asked_introducer", "declined", "no_response")
_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE targets (
    key TEXT PRIMARY KEY,
    name TEXT,
    profile_url TEXT,
    company TEXT,
    position TEXT,
    mutual_count INTEGER,
    introducer_key TEXT,
    introducer TEXT,
    alternates TEXT NOT NULL DEFAULT '[]',
    first_seen TEXT NOT NULL,
    last_seen TEXT NOT NULL
);
CREATE TABLE events (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    key TEXT NOT NULL REFERENCES targets(key),
    status TEXT NOT NULL,
    introducer_key TEXT,
    introducer TEXT,
    note TEXT,
    at TEXT NOT NULL,
    recorded_at TEXT NOT NULL
);
CREATE INDEX events_key ON events(key, at, id);
CREATE TRIGGER events_no_update BEFORE UPDATE ON events
    BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
CREATE TRIGGER events_no_delete BEFORE DELETE ON events
    BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
"""


# ---------------------------------------------------------------- helpers
def _text(value: Any) -> str | None:
    """Clean single-line text, or None for missing/empty."""
    return clean_text(value) or None


def _norm_name(name: Any) -> str:
    """Case- and accent-insensitive form of a name (:func:`refkit.resolve.normalize_name`)."""
    return normalize_name(_text(name) or "")


_FIRST_DAY = dt.date(FIRST_YEAR, 1, 1)  # LinkedIn started in 2003


def _pending_since(row: Mapping[str, Any]) -> str | None:
    """For a ranked row with an invitation still pending: the ISO day it was sent, or ``""``
    when the day is unknown; None when nothing is pending."""
    flag = row.get("pending_invitation")
    if isinstance(flag, str):
        flag = flag.strip().casefold() in {"true", "1", "yes"}
    if is_missing(flag) or not flag:
        return None
    try:
        since = pd.Timestamp(row.get("pending_since"))
    except (TypeError, ValueError, OverflowError):
        return ""
    if is_missing(since):
        return ""
    day = since.date()  # a day that cannot be real (a spreadsheet's serial number, a typo) is unknown
    return day.isoformat() if _FIRST_DAY <= day <= dt.date.today() + dt.timedelta(days=1) else ""


def _split(value: Any) -> list[str]:
    """A tuple/list cell, or text joined by ``"; "``, as a list of non-empty strings."""
    if isinstance(value, (list, tuple)):
        items = [_text(v) for v in value]
    else:
        items = [_text(v) for v in (_text(value) or "").split(";")]
    return [item for item in items if item]


def _day(value: Any, what: str, *, happened: bool = False) -> dt.date:
    """A day given by the user; ``happened``: a day something happened (not before LinkedIn, not
    after today), since events are ordered by it and a typo like 2204 would win forever."""
    if value is None:
        return dt.date.today()
    if isinstance(value, dt.datetime):
        day = value.date()
    elif isinstance(value, dt.date):
        day = value
    else:
        try:
            day = dt.date.fromisoformat(str(value).strip())
        except ValueError as err:
            raise RefkitError(f"{what}: expected a date like 2024-05-31, got {value!r}") from err
    if happened and not _FIRST_DAY <= day <= dt.date.today() + dt.timedelta(days=1):  # a day ahead: time zones
        when = "before LinkedIn existed (2003)" if day < _FIRST_DAY else "in the future"
        raise RefkitError(
            f"{what}: {day.isoformat()} is {when}; expected the day it happened, like 2024-05-31 (default today)"
        )
    return day


def _count(value: Any, source: str, line: int | None) -> int | None:
    """A mutual count from a ranked row (:func:`refkit.read.parse_mutual_count`); a bad one is a warning."""
    if is_missing(value) or (isinstance(value, str) and not value.strip()):
        return None
    count = parse_mutual_count(value)
    if count is None:
        warn_row(source, line, f"mutual_count {value!r} is not a whole number from 0 to "
                               f"{MAX_MUTUAL_COUNT:,}; count left unknown, row kept")  # fmt: skip
    return count


def _line(value: Any, default: int) -> int:
    """A row's ``line`` (from :func:`refkit.read.read_ranked`), else its position."""
    try:
        return default if is_missing(value) else int(value)
    except (TypeError, ValueError):
        return default


def _status(status: Any) -> str:
    value = re.sub(r"[\s-]+", "_", str(status).strip().casefold())
    if value not in STATUSES:
        raise RefkitError(f"unknown status {status!r}; expected one of: {', '.join(STATUSES)}")
    return value


def _stored_day(value: Any) -> str | None:
    """An ISO day read back from the database, or None when it is not one."""
    if not isinstance(value, str):
        return None
    try:
        return dt.date.fromisoformat(value.strip()[:10]).isoformat()
    except ValueError:
        return None


def _shown(value: Any) -> str:
    """A stored value for a message: escaped and short."""
    return truncate(repr(value), 60)


# SQLite result codes (the low byte of ``sqlite3.Error.sqlite_errorcode``)
_PERM, _BUSY, _LOCKED, _READONLY, _IOERR, _CORRUPT, _FULL, _CANTOPEN, _NOTADB = 3, 5, 6, 8, 10, 11, 13, 14, 26


def _decode_text(data: bytes) -> str:
    return data.decode("utf-8", errors="replace")


def _url_of(person: Mapping[str, Any]) -> str | None:
    """The normalised profile URL of a target or ranked row (its key when that is one)."""
    return normalize_url(person["profile_url"]) or normalize_url(person["key"]) or None


class _People:
    """Tracked people by key, profile URL and name, kept current while one ranked list is added."""

    def __init__(self, targets: dict[str, dict[str, Any]], records: list[dict[str, Any]]) -> None:
        self.targets = targets
        self.by_url: dict[str, str] = {}
        self.by_name: dict[str, list[str]] = {}
        for target in targets.values():
            self.put(target)
        urls: dict[str, set[str]] = {}
        for rec in records:
            url = _url_of(rec)
            if url:
                urls.setdefault(_norm_name(rec["name"]), set()).add(url)
        self.crowded = {name for name, found in urls.items() if name and len(found) > 1}

    def put(self, target: dict[str, Any]) -> None:
        """Add a new or refreshed target."""
        key = target["key"]
        self.targets[key] = target
        for form in (normalize_url(key), normalize_url(target["profile_url"])):
            if form and (form not in self.by_url or key < self.by_url[form]):
                self.by_url[form] = key
        keys = self.by_name.setdefault(_norm_name(target["name"]), [])
        if key not in keys:
            keys.append(key)


# ---------------------------------------------------------------- tracker
class Tracker:
    """Referral tracker stored in ``<workspace>/refkit.sqlite``.

    Parameters
    ----------
    workspace : str or Path
        The folder of one job seeker; created (with the database) when missing
        and ``create`` is true.
    create : bool
        Create the folder and database if they do not exist; otherwise a
        missing database is a :class:`~refkit.RefkitError`.
    read_only : bool
        Open for reading only (``list``, ``next``, ``export``): never creates
        or changes anything, and works on a read-only file.

    Raises
    ------
    RefkitError
        A missing database (unless created), an empty (0-byte) database file,
        a file that is not a refkit tracker database, one that is in use for
        longer than :data:`BUSY_TIMEOUT` seconds or cannot be opened.

    Examples
    --------
    >>> import tempfile
    >>> ranked = pd.DataFrame({"key": ["name:lee chen"], "name": ["Lee Chen"],
    ...     "company": ["Globex"], "mutual_count": [12], "introducer": ["Priya Raman"],
    ...     "introducer_key": ["name:priya raman"], "alternates": ["Tomás Ortega"],
    ...     "alternate_keys": [("name:tomas ortega",)]})
    >>> with Tracker(tempfile.mkdtemp()) as tracker:
    ...     tracker.add(ranked, today="2024-05-01")
    ...     _ = tracker.set_status("lee chen", "declined", when="2024-05-03")
    ...     tracker.next_steps(today="2024-05-04")[["name", "action"]]
    {'added': 1, 'updated': 0}
           name                                      action
    0  Lee Chen  Priya Raman declined: ask Tomás Ortega instead
    """

    def __init__(
        self, workspace: str | os.PathLike[str], *, create: bool = True, read_only: bool = False
    ) -> None:
        self.workspace = Path(workspace)
        self.path = self.workspace / DB_NAME
        self.read_only = read_only
        self._conn: sqlite3.Connection | None = None
        self._warned: set[str] = set()
        try:
            info = os.stat(self.path)
        except (FileNotFoundError, NotADirectoryError):
            info = None
        except OSError as err:
            raise RefkitError(f"{self.path}: cannot open the tracker database: {err.strerror or err}") from err
        if info is None:
            try:
                is_file = self.workspace.exists() and not self.workspace.is_dir()
            except OSError as err:
                raise RefkitError(f"{self.workspace}: cannot use this workspace folder: {err.strerror or err}") from err
            if is_file:
                raise RefkitError(f"{self.workspace}: is a file; expected a workspace folder")
            if not create or read_only:
                raise RefkitError(f"{self.path}: no tracker database here; add a ranked list first")
            self._create()
        elif not stat.S_ISREG(info.st_mode):
            raise RefkitError(f"{self.path}: not a regular file; expected a refkit tracker database")
        elif info.st_size == 0:
            raise RefkitError(self._lost_message())
        else:
            self._check_header()
        conn = self._connect("ro" if read_only else "rw")  # never "rwc": a vanished database is not re-created
        self._conn = conn
        if read_only:
            try:
                conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
            except sqlite3.Error as err:
                # a read-only folder: SQLite cannot make the -shm file write-ahead logging reads need;
                # with no pending -wal file nobody can be writing, so the file can be read as it is
                wal = self.path.with_name(DB_NAME + "-wal")
                if err.sqlite_errorcode & 0xFF in (_READONLY, _CANTOPEN) and not wal.exists():
                    self.close()
                    conn = self._conn = self._connect("ro&immutable=1")
        try:
            self._open(conn)
        except BaseException:
            self.close()
            raise

    # -- opening
    def _connect(self, mode: str) -> sqlite3.Connection:
        try:
            conn = sqlite3.connect(
                f"{self.path.absolute().as_uri()}?mode={mode}", uri=True, isolation_level=None, timeout=BUSY_TIMEOUT
            )
        except sqlite3.Error as err:
            raise self._error(err, "open") from err
        conn.text_factory = _decode_text  # a damaged text value must not make the whole history unreadable
        return conn

    def _lost_message(self) -> str:
        wal = self.path.with_name(DB_NAME + "-wal")
        keep = f"; keep {wal.name} beside it, it may hold the latest changes" if wal.exists() else ""
        return (
            f"{self.path}: the tracker database is empty (0 bytes): the history it held is gone. "
            f"refkit changed nothing and will not start a new one over it; restore {DB_NAME} from your "
            f"backup of {self.workspace} (or a synced folder's earlier version of the file){keep}, "
            "or delete the empty file to start a new history"
        )

    def _check_header(self) -> None:
        try:
            with open(self.path, "rb") as handle:
                head = handle.read(16)
        except OSError as err:
            raise RefkitError(f"{self.path}: cannot read: {err.strerror or err}") from err
        if not head:
            raise RefkitError(self._lost_message())
        if head != _SQLITE_MAGIC:
            raise RefkitError(f"{self.path}: not a refkit tracker database (not an SQLite file)")

    def _create(self) -> None:
        """Build a new database under a temporary name, then publish it whole (never over another)."""
        temp = self.workspace / f".refkit-new-{os.getpid()}-{secrets.token_hex(4)}.sqlite"
        try:
            self.workspace.mkdir(parents=True, exist_ok=True)
            os.close(os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666))  # permissions as SQLite's own
        except OSError as err:
            raise RefkitError(f"{self.workspace}: cannot create the tracker database: {err.strerror or err}") from err
        try:
            try:
                conn = sqlite3.connect(temp, isolation_level=None, timeout=BUSY_TIMEOUT)
                try:
                    conn.execute("PRAGMA journal_mode=WAL")
                    self._initialise(conn, temp)
                finally:
                    conn.close()
            except sqlite3.Error as err:
                raise self._error(err, "create") from err
            try:
                os.link(temp, self.path)  # fails if another refkit published one meanwhile: use that one
            except FileExistsError:
                pass
            except OSError:
                if not self.path.exists():  # no hard links here (some network or FAT drives)
                    os.replace(temp, self.path)
        except OSError as err:
            raise RefkitError(f"{self.workspace}: cannot create the tracker database: {err.strerror or err}") from err
        finally:
            for leftover in (temp, temp.with_name(temp.name + "-wal"), temp.with_name(temp.name + "-shm")):
                try:
                    leftover.unlink()
                except OSError:
                    pass

    def _open(self, conn: sqlite3.Connection) -> None:
        try:
            app_id = conn.execute("PRAGMA application_id").fetchone()[0]
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
        except sqlite3.Error as err:
            raise self._error(err, "open") from err
        if app_id == 0 and version == 0 and tables == 0:
            if self.read_only:
                raise RefkitError(f"{self.path}: an empty SQLite database, no tracker history yet; add a ranked list first")
            self._initialise(conn, self.path)  # an empty SQLite file: make it a tracker
        elif app_id != APPLICATION_ID:
            raise RefkitError(
                f"{self.path}: an SQLite database of another application "
                f"(application_id {app_id}); expected a refkit tracker database"
            )
        elif version > SCHEMA_VERSION:
            raise RefkitError(
                f"{self.path}: tracker schema version {version} was written by a newer refkit; "
                f"this refkit reads version {SCHEMA_VERSION}"
            )
        try:
            if not self.read_only:
                try:
                    conn.execute("PRAGMA journal_mode=WAL")
                except sqlite3.Error as err:
                    if err.sqlite_errorcode & 0xFF != _READONLY:  # a read-only file is reported when writing
                        raise
            conn.execute("PRAGMA synchronous=FULL")
            conn.execute("PRAGMA foreign_keys=ON")
        except sqlite3.Error as err:
            raise self._error(err, "open") from err

    def _initialise(self, conn: sqlite3.Connection, path: Path) -> None:
        now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
        try:
            conn.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as err:
            raise self._error(err, "create") from err
        try:
            if conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0] == 0:  # not made meanwhile
                for statement in _SCHEMA.split(";\n"):  # execute(), unlike executescript(), keeps the transaction
                    if statement.strip():
                        conn.execute(statement)
                conn.executemany(
                    "INSERT INTO meta(key, value) VALUES (?, ?)",
                    [("schema_version", str(SCHEMA_VERSION)), ("created_at", now)],
                )
                conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
                conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
            conn.execute("COMMIT")
        except sqlite3.Error as err:
            self._rollback(conn)
            raise self._error(err, "create") from err

    # -- plumbing
    @property
    def conn(self) -> sqlite3.Connection:
        if self._conn is None:
            raise RefkitError(f"{self.path}: the tracker is closed")
        return self._conn

    def _error(self, err: sqlite3.Error, doing: str) -> RefkitError:
        """A database error as one line saying what happened and that nothing was lost."""
        code = (getattr(err, "sqlite_errorcode", None) or 0) & 0xFF
        write = doing in ("save", "create") or (doing == "open" and not self.read_only)
        kept = "nothing was recorded and the history is unchanged" if write else "nothing was changed"
        if code in (_BUSY, _LOCKED):
            what = f"the tracker database is in use by another program (still busy after {BUSY_TIMEOUT:g} s); try again in a moment"
        elif code in (_READONLY, _PERM):
            what = "the tracker database is read-only (check the permissions of the file and of its folder)"
        elif code == _FULL:
            what = "the disk is full; free some space and try again"
        elif code in (_CORRUPT, _NOTADB):
            what = f"the tracker database is damaged ({err}); restore it from a backup"
        elif code == _CANTOPEN:
            what = f"cannot open the tracker database ({err}; check the permissions of the file and of its folder)"
        elif code == _IOERR:
            what = f"the disk reported an error ({err})"
        else:
            what = f"cannot {doing} the tracker database ({err})"
        return RefkitError(f"{self.path}: {what}; {kept}")

    @staticmethod
    def _rollback(conn: sqlite3.Connection) -> None:
        if conn.in_transaction:
            try:
                conn.execute("ROLLBACK")
            except sqlite3.Error:
                pass  # SQLite already rolled back (e.g. after a full disk)

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        """One ``BEGIN IMMEDIATE`` transaction: read and write under the same lock."""
        conn = self.conn
        if self.read_only:
            raise RefkitError(f"{self.path}: the tracker was opened read-only; nothing was recorded")
        try:
            conn.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as err:
            raise self._error(err, "save") from err
        try:
            yield conn
            conn.execute("COMMIT")
        except sqlite3.Error as err:
            self._rollback(conn)
            raise self._error(err, "save") from err
        except BaseException:
            self._rollback(conn)
            raise

    def _query(self, sql: str, params: Iterable[Any] = ()) -> list[sqlite3.Row]:
        conn = self.conn
        conn.row_factory = sqlite3.Row
        try:
            return conn.execute(sql, tuple(params)).fetchall()
        except sqlite3.Error as err:
            raise self._error(err, "read") from err

    def _warn(self, message: str) -> None:
        """A damaged value in the database, reported once per tracker."""
        if message not in self._warned:
            self._warned.add(message)
            warn_row(self.path, None, f"{message}; ignored (nothing was changed in the database)")

    def close(self) -> None:
        """Close the database (safe to call twice)."""
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    def __enter__(self) -> Tracker:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Tracker({str(self.workspace)!r})"

    # -- state
    def _targets(self) -> dict[str, dict[str, Any]]:
        targets = {}
        for row in self._query("SELECT * FROM targets ORDER BY key"):
            item = dict(row)
            key = item["key"]
            if not isinstance(key, str) or not key:
                self._warn(f"a target without a key ({_shown(key)})")
                continue
            for column in ("name", "profile_url", "company", "position", "introducer_key", "introducer"):
                value = item.get(column)
                item[column] = _text(value) if value is not None else None
            item["name"] = item["name"] or key
            count = item["mutual_count"]
            if count is not None and (isinstance(count, bool) or not isinstance(count, int)):
                self._warn(f"target {_shown(key)}: mutual_count {_shown(count)} is not a number")
                count = None
            item["mutual_count"] = count
            item["alternates"] = self._alternates(key, item["alternates"])
            first = _stored_day(item["first_seen"])
            if first is None:
                self._warn(f"target {_shown(key)}: first_seen {_shown(item['first_seen'])} is not a date")
            item["first_seen"], item["last_seen"] = first, _stored_day(item["last_seen"])
            targets[key] = item
        return targets

    def _alternates(self, key: str, stored: Any) -> list[tuple[str, str]]:
        try:
            pairs = json.loads(stored) if stored else []
            if not isinstance(pairs, list):
                raise ValueError("not a list")
            result = []
            for pair in pairs:
                alt_key, alt_name = pair
                if not isinstance(alt_key, str) or not (alt_name is None or isinstance(alt_name, str)):
                    raise ValueError("not a [key, name] pair")
                result.append((alt_key, alt_name or alt_key))
            return result
        except (TypeError, ValueError) as err:
            self._warn(f"target {_shown(key)}: alternates {_shown(stored)} are not readable ({err})")
            return []

    def _events(self) -> dict[str, list[dict[str, Any]]]:
        """Each target's events by the day they happened, then by order of recording.

        The first event of a target, the ``planned`` that :meth:`add` records, is
        marked ``created``: it never hides a status logged for an earlier day.
        """
        events: dict[str, list[dict[str, Any]]] = {}
        for row in self._query("SELECT * FROM events ORDER BY id"):
            event = dict(row)
            key = event["key"]
            first = key not in events
            history = events.setdefault(key, [])
            at = _stored_day(event["at"])
            if at is None:
                self._warn(f"event {event['id']} of {_shown(key)}: date {_shown(event['at'])} is not a date")
                continue
            if event["status"] not in STATUSES:
                self._warn(f"event {event['id']} of {_shown(key)}: unknown status {_shown(event['status'])}")
                continue
            event["at"] = at
            event["created"] = first and event["status"] == "planned"
            history.append(event)
        for history in events.values():
            history.sort(key=lambda e: (e["at"], e["id"]))
        return {key: history for key, history in events.items() if history}

    @staticmethod
    def _current(events: list[dict[str, Any]]) -> dict[str, Any] | None:
        """The event that gives the current status (the creation ``planned`` only when alone)."""
        for event in reversed(events):
            if not event.get("created"):
                return event
        return events[-1] if events else None

    @staticmethod
    def _candidates(target: Mapping[str, Any]) -> list[tuple[str, str]]:
        """Introducers of a target, best first, as ``(key, name)`` without duplicates."""
        pairs = []
        if target["introducer_key"] or target["introducer"]:
            pairs.append((target["introducer_key"] or person_key(name=target["introducer"]), target["introducer"]))
        pairs.extend(target["alternates"])
        seen: set[str] = set()
        result = []
        for key, name in pairs:
            if key and key not in seen:
                seen.add(key)
                result.append((key, name or key))
        return result

    def _next_introducer(self, target: Mapping[str, Any], events: list[dict[str, Any]]) -> tuple[str, str] | None:
        asked = {e["introducer_key"] for e in events if e["status"] in _ASKS and e["introducer_key"]}
        for key, name in self._candidates(target):
            if key not in asked:
                return key, name
        return None

    @staticmethod
    def _last_asked(events: list[dict[str, Any]]) -> dict[str, Any] | None:
        asks = [e for e in events if e["status"] in _ASKS and e["introducer_key"]]
        return asks[-1] if asks else None

    # -- adding
    def add(
        self, ranked: pd.DataFrame, *, today: dt.date | str | None = None, source: str | None = None
    ) -> dict[str, int]:
        """Add or refresh targets from a ranked table; return ``{"added": n, "updated": m}``.

        Rows are matched to tracked people by ``key``, else the profile URL,
        else the name (two people with different profile URLs are never
        matched; a name shared by several tracked people is told apart by the
        company, else the row is tracked separately with a warning). New
        targets get a ``planned`` event; known ones keep their key and their
        whole history and get the row's name, URL, company, position and mutual
        count where the row has them. The row's introducer and alternates come
        first, the ones known before are kept after them: a missing column or
        an empty cell never erases what is known. Rows without key, URL or
        name are skipped with a warning, and so is an unusable mutual count
        (the row is kept). ``source`` names the table in warnings (default
        ``ranked list``); a ``line`` column gives their line numbers.

        Examples
        --------
        >>> import tempfile
        >>> first = pd.DataFrame({"name": ["Lee Chen"], "introducer": ["Priya Raman"]})
        >>> newer = pd.DataFrame({"name": ["Lee Chen"], "profile_url": ["https://www.linkedin.com/in/lee"]})
        >>> with Tracker(tempfile.mkdtemp()) as tracker:
        ...     tracker.add(first, today="2024-05-01"), tracker.add(newer, today="2024-06-01")
        ...     tracker.table(today="2024-06-01")[["name", "profile_url", "next_introducer"]]
        ({'added': 1, 'updated': 0}, {'added': 0, 'updated': 1})
               name                   profile_url next_introducer
        0  Lee Chen  https://www.linkedin.com/in/lee     Priya Raman
        """
        if not isinstance(ranked, pd.DataFrame):
            raise RefkitError(f"expected a ranked DataFrame, got {type(ranked).__name__}")
        source = source or "ranked list"
        day = _day(today, "today", happened=True).isoformat()
        now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
        records = []
        for number, row in enumerate(ranked.to_dict("records"), start=2):
            line = _line(row.get("line"), number)
            record = self._record(row, source, line)
            if record is None:
                warn_row(source, line, "no key, profile URL or name; row not tracked")
            else:
                records.append((line, record))
        added = updated = 0
        with self._transaction() as conn:  # read and write under one lock: concurrent adds wait
            targets, events = self._targets(), self._events()
            people = _People(targets, [rec for _, rec in records])
            done: dict[str, int | None] = {}  # key -> the line that tracked it
            for line, rec in records:
                pending = rec.pop("pending_since")
                key = self._match(rec, people, source, line)
                if key in done or (key is None and rec["key"] in done):
                    first = done[key if key in done else rec["key"]]
                    # the first (best ranked) row of a person wins; never silently
                    warn_row(source, line, f"{_shown(rec['name'] or rec['key'])} is the person of "
                             f"line {first} too (same key, profile URL or name); this row is not "
                             "tracked (give a profile URL to track two people of one name)")
                    continue
                if key is not None:
                    target = self._merged(targets[key], rec, day)
                    conn.execute(
                        """UPDATE targets SET name = :name, profile_url = :profile_url, company = :company,
                               position = :position, mutual_count = :mutual_count,
                               introducer_key = :introducer_key, introducer = :introducer,
                               alternates = :stored_alternates, first_seen = :first_seen, last_seen = :last_seen
                           WHERE key = :key""",
                        {**target, "stored_alternates": json.dumps([list(p) for p in target["alternates"]], ensure_ascii=False)},
                    )
                    updated += 1
                else:
                    key = rec["key"]
                    target = {**rec, "name": rec["name"] or key, "first_seen": day, "last_seen": day}
                    conn.execute(
                        """INSERT INTO targets(key, name, profile_url, company, position, mutual_count,
                                               introducer_key, introducer, alternates, first_seen, last_seen)
                           VALUES (:key, :name, :profile_url, :company, :position, :mutual_count,
                                   :introducer_key, :introducer, :stored_alternates, :first_seen, :last_seen)""",
                        {**target, "stored_alternates": json.dumps([list(p) for p in target["alternates"]], ensure_ascii=False)},
                    )
                    added += 1
                    planned_at = min(day, pending or day)
                    cursor = conn.execute(
                        "INSERT INTO events(key, status, at, recorded_at) VALUES (?, 'planned', ?, ?)",
                        (key, planned_at, now),
                    )
                    events[key] = [{"id": cursor.lastrowid, "status": "planned", "at": planned_at, "created": True}]
                people.put(target)
                done[key] = line
                current = self._current(events.get(key, []))
                if pending is not None and current is not None and current["status"] == "planned":
                    # an outgoing invitation still pending in Invitations.csv: already invited
                    # (on the day it was sent, so it does not count against this week's budget)
                    at = pending or day
                    if not current.get("created"):
                        at = max(at, current["at"])
                    conn.execute(
                        "INSERT INTO events(key, status, note, at, recorded_at) "
                        "VALUES (?, 'invited', ?, ?, ?)",
                        (key, "invitation pending in Invitations.csv", at, now),
                    )
        return {"added": added, "updated": updated}

    def _match(self, rec: Mapping[str, Any], people: _People, source: str, line: int) -> str | None:
        """The key of the tracked person a ranked row is about: by key, else URL, else name."""
        targets = people.targets
        if rec["key"] in targets:
            return rec["key"]
        url = _url_of(rec)
        if url and url in people.by_url:
            return people.by_url[url]
        norm = _norm_name(rec["name"])
        if not norm:
            return None
        # the row's URL matched nobody above: a same-name person with another URL is someone else
        hits = [
            targets[key] for key in people.by_name.get(norm, ())
            if _norm_name(targets[key]["name"]) == norm and not (url and _url_of(targets[key]))
        ]  # fmt: skip
        crowded = url is not None and norm in people.crowded  # this list has several people of this name
        if len(hits) == 1 and not crowded:
            return hits[0]["key"]
        if hits:
            company = _norm_name(rec["company"])
            same = [t for t in hits if company and _norm_name(t["company"]) == company]
            if len(same) == 1:
                return same[0]["key"]
            listed = "; ".join(self._describe(t) for t in sorted(hits, key=lambda t: t["key"]))
            if len(hits) > 1:
                why = f"matches {len(hits)} tracked people ({listed})"
            else:
                why = f"this list has several people of this name, and the company does not tell which one is {listed}"
            warn_row(source, line, f"{rec['name']!r} {why}; tracked separately: give a profile URL to tell them apart")
        return None

    @classmethod
    def _merged(cls, target: Mapping[str, Any], rec: Mapping[str, Any], day: str) -> dict[str, Any]:
        """A known target refreshed from a ranked row: what the row lacks is kept."""
        merged = dict(target)
        for column in ("name", "profile_url", "company", "position", "mutual_count"):
            if rec[column] is not None:
                merged[column] = rec[column]
        known = cls._candidates(target)  # the known introducer (if any) first, then the alternates
        if rec["introducer_key"]:
            lead: tuple[str, str] | None = (rec["introducer_key"], rec["introducer"] or rec["introducer_key"])
        elif known and (target["introducer_key"] or target["introducer"]):
            lead, known = known[0], known[1:]
        else:
            lead = None
        seen = {lead[0]} if lead else set()
        alternates = []
        for key, name in [*rec["alternates"], *known]:
            if key not in seen:
                seen.add(key)
                alternates.append((key, name))
        merged["introducer_key"], merged["introducer"] = lead if lead else (None, None)
        merged["alternates"] = alternates
        merged["first_seen"] = min(target["first_seen"] or day, day)
        merged["last_seen"] = max(target["last_seen"] or day, day)
        return merged

    @staticmethod
    def _record(row: Mapping[str, Any], source: str = "ranked list", line: int | None = None) -> dict[str, Any] | None:
        name, url = _text(row.get("name")), _text(row.get("profile_url"))
        key = _text(row.get("key")) or person_key(url, name)
        if key is None:
            return None
        introducer = _text(row.get("introducer"))
        introducer_key = _text(row.get("introducer_key")) or (person_key(name=introducer) if introducer else None)
        names, keys = _split(row.get("alternates")), _split(row.get("alternate_keys"))
        pairs = []
        for index in range(max(len(names), len(keys))):
            alt_key = keys[index] if index < len(keys) else None
            alt_name = names[index] if index < len(names) else None
            alt_key = alt_key or person_key(name=alt_name)
            if alt_key:
                pairs.append((alt_key, alt_name or alt_key))
        return {
            "key": key,
            "name": name,
            "profile_url": url,
            "company": _text(row.get("company")),
            "position": _text(row.get("position")),
            "mutual_count": _count(row.get("mutual_count"), source, line),
            "introducer_key": introducer_key,
            "introducer": introducer,
            "alternates": pairs,
            "pending_since": _pending_since(row),
        }

    # -- finding people
    def _find(self, person: str, targets: Mapping[str, dict[str, Any]]) -> dict[str, Any]:
        text = _text(person)
        if text is None:
            raise RefkitError(f"{self.path}: expected a person's name, profile URL or key, got {person!r}")
        if not targets:
            raise RefkitError(f"{self.path}: no targets tracked yet; add a ranked list first")
        if text in targets:
            return targets[text]
        form = normalize_url(text)
        if form:
            hits = [t for t in targets.values() if form in (t["key"], normalize_url(t["profile_url"]))]
            if len(hits) == 1:
                return hits[0]
            if not hits:
                raise RefkitError(f"{self.path}: nobody tracked with profile URL {text}")
        norm = _norm_name(text)
        hits = [t for t in targets.values() if _norm_name(t["name"]) == norm] if norm else []
        if len(hits) == 1:
            return hits[0]
        if len(hits) > 1:
            listed = "; ".join(self._describe(t) for t in sorted(hits, key=lambda t: t["key"]))
            raise RefkitError(
                f"{self.path}: {text!r} matches {len(hits)} people: {listed}; give the profile URL or key instead"
            )
        names = {_norm_name(t["name"]): t for t in targets.values()}
        close = difflib.get_close_matches(norm, list(names), n=5, cutoff=0.6)
        close += [n for n in names if norm and norm in n and n not in close]
        hint = "; close matches: " + "; ".join(names[n]["name"] for n in close[:5]) if close else ""
        raise RefkitError(f"{self.path}: nobody tracked named {text!r}{hint}")

    @staticmethod
    def _describe(target: Mapping[str, Any]) -> str:
        extra = ", ".join(v for v in (target["company"], target["profile_url"] or target["key"]) if v)
        return f"{target['name']} ({extra})"

    # -- recording
    def set_status(
        self,
        person: str,
        status: str,
        *,
        introducer: str | None = None,
        note: str | None = None,
        when: dt.date | str | None = None,
    ) -> dict[str, Any]:
        """Record a new status for a person; return the recorded event.

        Parameters
        ----------
        person : str
            Key, profile URL or name (case- and accent-insensitive).
        status : str
            One of :data:`STATUSES`.
        introducer : str, optional
            Who was asked (name or key). By default ``asked_introducer`` uses
            the next introducer not asked yet, and ``declined``/``no_response``
            the introducer of the pending ask (else the next one). The same
            status set again for the same day and note, with no introducer
            named, is a repeat (a retry, a notebook run twice): it is recorded
            once and the earlier event is returned.
        note : str, optional
            Free text kept with the event.
        when : date or str, optional
            The day it happened (default today).

        Raises
        ------
        RefkitError
            Unknown or ambiguous person (with close matches or candidates),
            invalid status or date. Nothing is recorded then.
        """
        value = _status(status)
        day = _day(when, "date", happened=True).isoformat()
        with self._transaction() as conn:  # read and write under one lock
            target = self._find(person, self._targets())
            events = self._events().get(target["key"], [])
            latest = max(events, key=lambda e: e["id"], default=None)
            if (latest is not None and not _text(introducer) and latest["status"] == value
                    and latest["at"] == day and latest["note"] == _text(note)):
                # the same command again (a retry, a notebook run twice): recorded once, so no
                # answer is put in the mouth of the next introducer, who was never asked
                return {"name": target["name"], **{k: latest[k] for k in (
                    "key", "status", "introducer_key", "introducer", "note", "at", "recorded_at")}}
            who: tuple[str | None, str | None] = (None, None)
            if _text(introducer):
                who = self._match_introducer(target, _text(introducer) or "")
            elif value in _ASKS:
                pending, current = self._last_asked(events), self._current(events)
                if value != "asked_introducer" and pending and current and current["status"] == "asked_introducer":
                    who = (pending["introducer_key"], pending["introducer"])
                else:
                    found = self._next_introducer(target, events)
                    who = found if found else (None, None)
            event = {
                "key": target["key"],
                "status": value,
                "introducer_key": who[0],
                "introducer": who[1],
                "note": _text(note),
                "at": day,
                "recorded_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            }
            conn.execute(
                """INSERT INTO events(key, status, introducer_key, introducer, note, at, recorded_at)
                   VALUES (:key, :status, :introducer_key, :introducer, :note, :at, :recorded_at)""",
                event,
            )
        return {"name": target["name"], **event}

    def _match_introducer(self, target: Mapping[str, Any], introducer: str) -> tuple[str, str]:
        form, norm = normalize_url(introducer), _norm_name(introducer)
        for key, name in self._candidates(target):
            if introducer == key or (form and form == key) or (norm and norm == _norm_name(name)):
                return key, name
        return (form or person_key(name=introducer) or introducer), introducer

    # -- views
    def _state(self, today: dt.date) -> list[dict[str, Any]]:
        targets, events = self._targets(), self._events()
        rows = []
        for key, target in targets.items():
            first = target["first_seen"] or today.isoformat()
            history = events.get(key) or [{"status": "planned", "at": first, "note": None, "created": True}]
            current = self._current(history) or history[-1]
            since = dt.date.fromisoformat(current["at"])
            asked = self._last_asked(history)
            nxt = self._next_introducer(target, history)
            rows.append(
                {
                    "key": key,
                    "target": target,
                    "history": history,
                    "status": current["status"],
                    "since": since,
                    "days": (today - since).days,
                    "note": current.get("note"),
                    "asked": asked["introducer"] if asked else None,
                    "next": nxt[1] if nxt else None,
                }
            )
        rows.sort(key=lambda r: (-(r["target"]["mutual_count"] or -1), _norm_name(r["target"]["name"]), r["key"]))
        return rows

    def table(self, *, today: dt.date | str | None = None) -> pd.DataFrame:
        """Current state of every target, best mutual count first.

        Columns: ``name, company, mutual_count, status, introducer_asked, since,
        days_in_status, next_introducer, note, profile_url, key``.
        """
        day = _day(today, "today")
        data = [
            {
                "name": r["target"]["name"],
                "company": r["target"]["company"],
                "mutual_count": r["target"]["mutual_count"],
                "status": r["status"],
                "introducer_asked": r["asked"],
                "since": pd.Timestamp(r["since"]),
                "days_in_status": r["days"],
                "next_introducer": r["next"],
                "note": r["note"],
                "profile_url": r["target"]["profile_url"],
                "key": r["key"],
            }
            for r in self._state(day)
        ]
        columns = ["name", "company", "mutual_count", "status", "introducer_asked", "since",
                   "days_in_status", "next_introducer", "note", "profile_url", "key"]  # fmt: skip
        return self._frame(data, columns, ints=("mutual_count", "days_in_status"), dates=("since",))

    @staticmethod
    def _frame(data: list[dict[str, Any]], columns: list[str], *, ints=(), dates=()) -> pd.DataFrame:
        frame = pd.DataFrame(data, columns=columns)
        for column in columns:
            if column in ints:
                frame[column] = frame[column].astype("Int64")
            elif column in dates:
                frame[column] = pd.to_datetime(frame[column])
            else:
                frame[column] = frame[column].astype("string")
        return frame

    def history(self, person: str) -> pd.DataFrame:
        """Every recorded event of one person, by the day it happened, then by order of recording.

        Columns: ``at, status, introducer, note, recorded_at``.
        """
        target = self._find(person, self._targets())
        events = self._events().get(target["key"], [])
        columns = ["at", "status", "introducer", "note", "recorded_at"]
        return self._frame(events, columns, dates=("at",))

    def next_steps(self, *, today: dt.date | str | None = None, no_response_days: int = 14) -> pd.DataFrame:
        """What to do next for each target that needs an action.

        - ``planned`` → ask the best introducer (or invite directly when none is known);
        - ``asked_introducer`` unchanged for ``no_response_days`` days or more, ``no_response``
          and ``declined`` → don't give up: ask the next introducer not asked yet;
        - ``introduced`` → send the invitation; ``accepted`` → suggest a call or coffee.

        Columns: ``name, company, mutual_count, status, days_in_status, action, ask, key``
        (``ask``: the introducer to ask next, when there is one).
        """
        day = _day(today, "today")
        if isinstance(no_response_days, bool) or not isinstance(no_response_days, int) or no_response_days < 0:
            raise RefkitError(f"no_response_days: expected a whole number of days, got {no_response_days!r}")
        data = []
        for r in self._state(day):
            status, nxt, asked = r["status"], r["next"], r["asked"] or "your introducer"
            ask = nxt
            if status == "planned":
                action = f"ask {nxt} for an introduction" if nxt else "no introducer known: send a personal invitation"
            elif status in ("declined", "no_response") or (status == "asked_introducer" and r["days"] >= no_response_days):
                if status == "declined":
                    why = f"{asked} declined"
                elif status == "no_response":
                    why = f"no answer from {asked}"
                else:
                    why = f"no answer from {asked} for {r['days']} days"
                action = f"{why}: ask {nxt} instead" if nxt else f"{why}: no other introducer known, send a personal invitation"
            elif status == "introduced":
                action, ask = "send invitation", None
            elif status == "accepted":
                action, ask = "suggest a call or coffee", None
            else:
                continue
            data.append(
                {
                    "name": r["target"]["name"],
                    "company": r["target"]["company"],
                    "mutual_count": r["target"]["mutual_count"],
                    "status": status,
                    "days_in_status": r["days"],
                    "action": action,
                    "ask": ask,
                    "key": r["key"],
                }
            )
        columns = ["name", "company", "mutual_count", "status", "days_in_status", "action", "ask", "key"]
        return self._frame(data, columns, ints=("mutual_count", "days_in_status"))

    def weekly_plan(
        self, *, budget: int = 20, today: dt.date | str | None = None, pending: Iterable[str] = ()
    ) -> pd.DataFrame:
        """Invitations to send this week, at most ``budget`` of them, best mutual count first.

        Invitations already recorded as ``invited`` during the current ISO week
        (Monday to Sunday) count against the budget. Candidates are targets
        whose status is ``introduced`` or ``planned``. Targets in ``pending``
        (keys or profile URLs of outgoing invitations still pending, e.g. from
        Invitations.csv) are listed as ``invitation pending`` and not suggested.

        Columns: ``name, company, mutual_count, status, action, key``; ``attrs``
        holds ``budget``, ``sent_this_week`` and ``left``.
        """
        if isinstance(budget, bool) or not isinstance(budget, int) or budget < 0:
            raise RefkitError(f"budget: expected a whole number of invitations, got {budget!r}")
        day = _day(today, "today")
        week = day.isocalendar()[:2]
        pending = [pending] if isinstance(pending, str) else list(pending)  # one key or URL, not its letters
        waiting = {str(p) for p in pending} | {f for f in (normalize_url(p) for p in pending) if f}
        state = self._state(day)
        sent = {
            r["key"]
            for r in state
            for e in r["history"]
            if e["status"] == "invited" and dt.date.fromisoformat(e["at"]).isocalendar()[:2] == week
        }
        left = max(budget - len(sent), 0)
        candidates = [r for r in state if r["status"] in ("planned", "introduced")]
        candidates.sort(
            key=lambda r: (-(r["target"]["mutual_count"] or -1), r["status"] != "introduced", _norm_name(r["target"]["name"]))
        )
        data = []
        for r in candidates:
            target = r["target"]
            if r["key"] in waiting or (normalize_url(target["profile_url"]) or "\0") in waiting:
                action = "invitation pending"
            elif left > 0:
                action, left = "send invitation", left - 1
            else:
                continue
            data.append(
                {
                    "name": target["name"],
                    "company": target["company"],
                    "mutual_count": target["mutual_count"],
                    "status": r["status"],
                    "action": action,
                    "key": r["key"],
                }
            )
        frame = self._frame(data, ["name", "company", "mutual_count", "status", "action", "key"], ints=("mutual_count",))
        frame.attrs.update(budget=budget, sent_this_week=len(sent), left=max(budget - len(sent), 0))
        return frame

    def export(self, path: str | os.PathLike[str], *, today: dt.date | str | None = None, **options: Any) -> Path:
        """Write :meth:`table` as a formula-safe CSV via :func:`refkit.export.write_csv`."""
        return write_csv(self.table(today=today), path, **options)
