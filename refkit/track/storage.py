"""The tracker's SQLite database: schema, safe opening, transactions, targets and events.

Every user operation reads and writes in one ``BEGIN IMMEDIATE`` transaction
(other refkit processes wait up to :data:`BUSY_TIMEOUT` seconds); a new
database is built under a temporary name and published whole; a read-only open
never creates or changes anything. A damaged value read back is a
:class:`~refkit.RefkitWarning` and is ignored, never changed. Only the constants are public (re-exported by :mod:`refkit.track`);
:class:`Database` and the writing functions serve :class:`refkit.track.Tracker`.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import secrets
import sqlite3
import stat
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from refkit._errors import RefkitError, warn_row
from refkit.track._model import STATUSES, Event, Target, group_events, shown, stored_day, text

__all__ = ["APPLICATION_ID", "BUSY_TIMEOUT", "DB_NAME", "SCHEMA_VERSION", "STATUSES"]

#: ``PRAGMA application_id`` of refkit tracker databases ("RfKt").
APPLICATION_ID = 0x52664B74
#: Version of the database layout written by this refkit. Version 2 added ``events.personal_note``
#: (whether an invitation carried a personal note); a version 1 database is migrated when it is
#: first opened for writing (one added column: every target and event is kept as it was), and
#: read as it is when opened read-only.
SCHEMA_VERSION = 2
#: File name of the database inside a workspace.
DB_NAME = "refkit.sqlite"
#: Seconds a command waits for another refkit process to finish with the database.
BUSY_TIMEOUT = 30.0

_SQLITE_MAGIC = b"SQLite format 3\x00"
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
    recorded_at TEXT NOT NULL,
    personal_note INTEGER
);
CREATE INDEX events_key ON events(key, at, id);
CREATE TRIGGER events_no_update BEFORE UPDATE ON events
    BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
CREATE TRIGGER events_no_delete BEFORE DELETE ON events
    BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
"""

# SQLite result codes (the low byte of ``sqlite3.Error.sqlite_errorcode``)
_PERM, _BUSY, _LOCKED, _READONLY, _IOERR, _CORRUPT, _FULL, _CANTOPEN, _NOTADB = 3, 5, 6, 8, 10, 11, 13, 14, 26

_TEXT_COLUMNS = ("name", "profile_url", "company", "position", "introducer_key", "introducer")


def _decode_text(data: bytes) -> str:
    return data.decode("utf-8", errors="replace")


def _row(row: sqlite3.Row) -> dict[str, Any]:
    """A row as a dict, a BLOB (left where text belongs by a sync tool or a hand edit) read as text."""
    return {key: _decode_text(value) if isinstance(value, bytes) else value
            for key, value in zip(row.keys(), tuple(row), strict=True)}


def _rollback(conn: sqlite3.Connection) -> None:
    if conn.in_transaction:
        try:
            conn.execute("ROLLBACK")
        except sqlite3.Error:
            pass  # SQLite already rolled back (e.g. after a full disk)


def _stored_alternates(target: Target) -> str:
    return json.dumps([list(p) for p in target["alternates"]], ensure_ascii=False)


def insert_target(conn: sqlite3.Connection, target: Target) -> None:
    """Insert a new target (in the caller's transaction)."""
    conn.execute(
        """INSERT INTO targets(key, name, profile_url, company, position, mutual_count,
                               introducer_key, introducer, alternates, first_seen, last_seen)
           VALUES (:key, :name, :profile_url, :company, :position, :mutual_count,
                   :introducer_key, :introducer, :stored_alternates, :first_seen, :last_seen)""",
        {**target, "stored_alternates": _stored_alternates(target)},
    )


def update_target(conn: sqlite3.Connection, target: Target) -> None:
    """Write a refreshed target over its row (in the caller's transaction)."""
    conn.execute(
        """UPDATE targets SET name = :name, profile_url = :profile_url, company = :company,
               position = :position, mutual_count = :mutual_count,
               introducer_key = :introducer_key, introducer = :introducer,
               alternates = :stored_alternates, first_seen = :first_seen, last_seen = :last_seen
           WHERE key = :key""",
        {**target, "stored_alternates": _stored_alternates(target)},
    )


def insert_planned(conn: sqlite3.Connection, key: str, at: str, now: str) -> int | None:
    """Record the ``planned`` event of a new target; return its id."""
    cursor = conn.execute("INSERT INTO events(key, status, at, recorded_at) VALUES (?, 'planned', ?, ?)", (key, at, now))
    return cursor.lastrowid


def insert_pending(conn: sqlite3.Connection, key: str, at: str, now: str) -> None:
    """Record that an invitation to ``key`` is still pending in Invitations.csv."""
    conn.execute(
        "INSERT INTO events(key, status, note, at, recorded_at) VALUES (?, 'invited', ?, ?, ?)",
        (key, "invitation pending in Invitations.csv", at, now),
    )


def insert_event(conn: sqlite3.Connection, event: Event) -> None:
    """Append one event (``key, status, introducer_key, introducer, note, at, recorded_at`` and
    optionally ``personal_note``: True, False or None for unknown)."""
    flag = event.get("personal_note")
    conn.execute(
        """INSERT INTO events(key, status, introducer_key, introducer, note, at, recorded_at, personal_note)
           VALUES (:key, :status, :introducer_key, :introducer, :note, :at, :recorded_at, :flag)""",
        {**event, "flag": None if flag is None else int(bool(flag))},
    )


class Database:
    """An open tracker database (see :class:`refkit.track.Tracker` for what opening checks)."""

    def __init__(self, workspace: Path, *, create: bool, read_only: bool) -> None:
        self.workspace = workspace
        self.path = workspace / DB_NAME
        self.read_only = read_only
        self._conn: sqlite3.Connection | None = None
        self._warned: set[str] = set()
        self._prepare(create)
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
    def _prepare(self, create: bool) -> None:
        """Check the file before SQLite opens it; create a missing one when asked to."""
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
            if not create or self.read_only:
                raise RefkitError(f"{self.path}: no tracker database here; add a ranked list first")
            self._create()
        elif not stat.S_ISREG(info.st_mode):
            raise RefkitError(f"{self.path}: not a regular file; expected a refkit tracker database")
        elif info.st_size == 0:
            raise RefkitError(self._lost_message())
        else:
            self._check_header()

    def _connect(self, mode: str) -> sqlite3.Connection:
        try:
            conn = sqlite3.connect(
                f"{self.path.absolute().as_uri()}?mode={mode}", uri=True, isolation_level=None, timeout=BUSY_TIMEOUT
            )
        except sqlite3.Error as err:
            raise self.error(err, "open") from err
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
                    self._initialise(conn)
                finally:
                    conn.close()
            except sqlite3.Error as err:
                raise self.error(err, "create") from err
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
            raise self.error(err, "open") from err
        if app_id == 0 and version == 0 and tables == 0:
            if self.read_only:
                raise RefkitError(f"{self.path}: an empty SQLite database, no tracker history yet; add a ranked list first")
            self._initialise(conn)  # an empty SQLite file: make it a tracker
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
        if 0 < version < SCHEMA_VERSION and app_id == APPLICATION_ID and not self.read_only:
            self._migrate(conn, version)
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
            raise self.error(err, "open") from err

    def _initialise(self, conn: sqlite3.Connection) -> None:
        now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
        try:
            conn.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as err:
            raise self.error(err, "create") from err
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
            _rollback(conn)
            raise self.error(err, "create") from err

    def _migrate(self, conn: sqlite3.Connection, version: int) -> None:
        """Bring an older tracker to :data:`SCHEMA_VERSION` in one transaction: only columns are
        added, so every target and event is kept (an interrupted migration changes nothing)."""
        try:
            conn.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as err:
            raise self.error(err, "open") from err
        try:
            found = conn.execute("PRAGMA user_version").fetchone()[0]  # another refkit may have migrated it
            if found < 2:
                columns = {row[1] for row in conn.execute("PRAGMA table_info(events)")}
                if "personal_note" not in columns:
                    conn.execute("ALTER TABLE events ADD COLUMN personal_note INTEGER")
            if found < SCHEMA_VERSION:
                conn.execute("INSERT OR REPLACE INTO meta(key, value) VALUES ('schema_version', ?)",
                             (str(SCHEMA_VERSION),))
                conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
            conn.execute("COMMIT")
        except sqlite3.Error as err:
            _rollback(conn)
            raise self.error(err, "open") from err

    # -- plumbing
    @property
    def conn(self) -> sqlite3.Connection:
        """The open connection; a :class:`~refkit.RefkitError` once closed."""
        if self._conn is None:
            raise RefkitError(f"{self.path}: the tracker is closed")
        return self._conn

    def error(self, err: sqlite3.Error, doing: str) -> RefkitError:
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

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One ``BEGIN IMMEDIATE`` transaction: read and write under the same lock."""
        conn = self.conn
        if self.read_only:
            raise RefkitError(f"{self.path}: the tracker was opened read-only; nothing was recorded")
        try:
            conn.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as err:
            raise self.error(err, "save") from err
        try:
            yield conn
            conn.execute("COMMIT")
        except sqlite3.Error as err:
            _rollback(conn)
            raise self.error(err, "save") from err
        except BaseException:
            _rollback(conn)
            raise

    def _query(self, sql: str, params: Iterable[Any] = ()) -> list[dict[str, Any]]:
        conn = self.conn
        conn.row_factory = sqlite3.Row
        try:
            return [_row(row) for row in conn.execute(sql, tuple(params)).fetchall()]
        except sqlite3.Error as err:
            raise self.error(err, "read") from err

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

    # -- reading
    def targets(self) -> dict[str, Target]:
        """Every tracked target by key, with unreadable values warned about and left out."""
        targets = {}
        for row in self._query("SELECT * FROM targets ORDER BY key"):
            item = dict(row)
            key = item["key"]
            if not isinstance(key, str) or not key:
                self._warn(f"a target without a key ({shown(key)})")
                continue
            for column in _TEXT_COLUMNS:
                value = item.get(column)
                item[column] = text(value) if value is not None else None
            item["name"] = item["name"] or key
            count = item["mutual_count"]
            if count is not None and (isinstance(count, bool) or not isinstance(count, int)):
                self._warn(f"target {shown(key)}: mutual_count {shown(count)} is not a number")
                count = None
            item["mutual_count"] = count
            item["alternates"] = self._alternates(key, item["alternates"])
            first = stored_day(item["first_seen"])
            if first is None:
                self._warn(f"target {shown(key)}: first_seen {shown(item['first_seen'])} is not a date")
            item["first_seen"], item["last_seen"] = first, stored_day(item["last_seen"])
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
            self._warn(f"target {shown(key)}: alternates {shown(stored)} are not readable ({err})")
            return []

    def events(self) -> dict[str, list[Event]]:
        """Each target's events (:func:`~refkit.track._model.group_events`); unusable ones warned about."""

        def usable(event: Event) -> bool:
            key = event["key"]
            at = stored_day(event["at"])
            if at is None:
                self._warn(f"event {event['id']} of {shown(key)}: date {shown(event['at'])} is not a date")
                return False
            if event["status"] not in STATUSES:
                self._warn(f"event {event['id']} of {shown(key)}: unknown status {shown(event['status'])}")
                return False
            event["at"] = at
            flag = event.get("personal_note")  # absent in a version 1 database opened read-only
            event["personal_note"] = bool(flag) if flag in (0, 1) else None
            return True

        return group_events((dict(row) for row in self._query("SELECT * FROM events ORDER BY id")), usable)
