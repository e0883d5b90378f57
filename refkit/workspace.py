"""A workspace: one folder per job search, described by its ``refkit.toml``.

The file is read with the standard library's :mod:`tomllib`; relative paths
resolve against the folder. Every problem (an unknown key, a value of the
wrong type, a missing file, a TOML syntax error, an owner still marked as a
guess) is collected and raised once, naming the key and its line.

Examples
--------
>>> import tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> _ = (folder / "Connections.csv").write_text("First Name,Last Name,Connected On\\nAda,L,08 Feb 2021\\n")
>>> _ = (folder / "refkit.toml").write_text('export = "Connections.csv"\\nmin_mutual = 3\\n')
>>> ws = load_workspace(folder)
>>> ws.min_mutual, ws.export.name, ws.out == folder / "out"
(3, 'Connections.csv', True)
"""

from __future__ import annotations

import difflib
import os
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from refkit._errors import FileFormatError, OptionError
from refkit._validate import Problems, is_whole_number

__all__ = ["CONFIG_NAME", "ENV_VAR", "SharedExport", "Workspace", "is_workspace", "load_workspace",
           "open_workspace", "toml_string"]

CONFIG_NAME = "refkit.toml"
ENV_VAR = "REFKIT_WORKSPACE"  # names the workspace every notebook opens (see open_workspace)
DB_NAME = "refkit.sqlite"  # the tracker's database (refkit.track.DB_NAME)
MADE_NAME = ".refkit-made.json"  # in out/: the files refkit wrote there, so a re-run may refresh them

_TOP_KEYS = ("export", "me", "min_mutual", "companies", "keywords", "goal", "note_limit",
             "mutuals", "edges", "tags", "out", "shared",
             "account", "max_open_asks", "weekly_invitations", "monthly_notes", "reinvite_days",
             "job_targets", "follow_targets")
_SHARED_KEYS = ("file", "owner", "owner_guessed")


def toml_string(text: str) -> str:
    """``text`` as a TOML basic string (JSON's escapes, plus DEL).

    Parameters
    ----------
    text : str
        Any text, e.g. a file name holding quotes, backslashes or line breaks.

    Returns
    -------
    str
        A double-quoted TOML string that ``tomllib`` reads back as ``text``.

    Examples
    --------
    >>> import tomllib
    >>> name = 'a "b"\\\\c\\n=é\\x7f'
    >>> tomllib.loads(f"x = {toml_string(name)}")["x"] == name
    True
    """
    import json

    return json.dumps(text, ensure_ascii=False).replace("\x7f", "\\u007f")


@dataclass(frozen=True)
class SharedExport:
    """Someone else's Connections.csv: the file, its owner (name or URL), its line in refkit.toml.

    Parameters
    ----------
    file : Path
        The shared Connections.csv.
    owner : str
        Who it belongs to: a name or a profile URL.
    line : int, optional
        The line of its ``[[shared]]`` entry in refkit.toml, for messages.

    Examples
    --------
    >>> SharedExport(Path("priya.csv"), "Priya Raman", 12).owner
    'Priya Raman'
    """

    file: Path
    owner: str
    line: int | None = None


@dataclass(frozen=True)
class Workspace:
    """One person's job search, as its ``refkit.toml`` describes it.

    Parameters
    ----------
    folder : Path
        The workspace folder; relative paths in refkit.toml resolve against it.
    export : Path
        The user's LinkedIn export: the .zip, its folder, or a Connections.csv.
    me : str, optional
        Who the user is (name or profile URL) when the export has no Profile.csv.
    min_mutual : int
        The threshold of mutual connections (default 10).
    companies, keywords : tuple of str
        Target companies and words to look for in positions.
    goal : str, optional
        What the user wants to learn about, for referral requests.
    note_limit : int
        Invitation note length limit (default the account's: 200 free, 300 Premium).
    mutuals, edges : tuple of Path
        Mutual-connection captures and edge lists.
    tags : Path, optional
        The user's tags file.
    out_folder : Path, optional
        Where outputs go (default ``<folder>/out``).
    shared : tuple of SharedExport
        Other people's exports.
    account : {"free", "premium"}
        The user's LinkedIn account (:mod:`refkit._limits`: note length, personal notes a month).
    max_open_asks : int
        Open asks an introducer may have before the tracker asks the next-best one (default 2,
        :data:`refkit.track.DEFAULT_MAX_OPEN_ASKS`).
    weekly_invitations : int
        Invitations in any 7 days the weekly plan never exceeds (default 100).
    monthly_notes : int, optional
        Personal notes a month (default the account's: 5 free, no limit on Premium).
    reinvite_days : int
        Days after a withdrawn invitation before inviting again (default 21).
    job_targets : bool
        The companies of the jobs you applied for and saved (the archive's
        ``Jobs/`` files) are target companies too (default true).
    follow_targets : bool
        The companies you follow (``Company Follows.csv``) are target companies
        too (default false: a follow is one click, often for the news).

    Examples
    --------
    >>> ws = Workspace(folder=Path("w"), export=Path("w/Connections.csv"))
    >>> ws.tracker, ws.network_options()["me"]
    (PosixPath('w/refkit.sqlite'), None)
    """

    folder: Path
    export: Path
    me: str | None = None
    min_mutual: int = 10
    companies: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()
    goal: str | None = None
    note_limit: int = 200
    mutuals: tuple[Path, ...] = ()
    edges: tuple[Path, ...] = ()
    tags: Path | None = None
    out_folder: Path | None = None
    shared: tuple[SharedExport, ...] = ()
    account: str = "free"
    max_open_asks: int = 2
    weekly_invitations: int = 100
    monthly_notes: int | None = None
    reinvite_days: int = 21
    job_targets: bool = True
    follow_targets: bool = False

    @property
    def config(self) -> Path:
        """The ``refkit.toml`` file."""
        return self.folder / CONFIG_NAME

    @property
    def out(self) -> Path:
        """Where refkit writes (``out = "out"`` by default)."""
        return self.out_folder if self.out_folder is not None else self.folder / "out"

    @property
    def tracker(self) -> Path:
        """The tracker database, ``<folder>/refkit.sqlite`` (open it with ``Tracker(ws.folder)``)."""
        return self.folder / DB_NAME

    def network_options(self) -> dict[str, Any]:
        """Keyword arguments for :func:`refkit.build.build_network` (``export`` included)."""
        return {"export": self.export, "shared": [(s.owner, s.file) for s in self.shared],
                "mutuals": list(self.mutuals), "edges": list(self.edges), "me": self.me}

    def rank_options(self, network: Any = None) -> dict[str, Any]:
        """Keyword arguments for :func:`refkit.rank.rank_targets` (the tags file read here).

        Given the network, the target companies include those of the jobs applied
        for and saved (``job_targets``) and followed (``follow_targets``), see
        :func:`refkit.jobs.target_companies`.
        """
        from refkit.read import read_tag_map

        companies = list(self.companies)
        if network is not None:
            from refkit.jobs import target_companies

            companies = target_companies(network, companies, jobs=self.job_targets, follows=self.follow_targets)
        return {"min_mutual": self.min_mutual, "companies": companies,
                "keywords": list(self.keywords), "tags": read_tag_map(self.tags) if self.tags else None}

    def draft_options(self) -> dict[str, Any]:
        """Keyword arguments for :func:`refkit.draft.add_drafts` (besides ``me``)."""
        return {"limit": self.note_limit, "goal": self.goal}

    def track_options(self) -> dict[str, Any]:
        """Keyword arguments for :meth:`refkit.track.Tracker.next_steps` (the rule: threshold, cap of
        open asks, the block after a withdrawal); the weekly plan takes :meth:`plan_options`."""
        return {"min_mutual": self.min_mutual, "max_open_asks": self.max_open_asks,
                "reinvite_days": self.reinvite_days}

    def plan_options(self) -> dict[str, Any]:
        """Keyword arguments for :meth:`refkit.track.Tracker.weekly_plan` (the rule and the account's quotas)."""
        return {**self.track_options(), "account": self.account, "weekly_invitations": self.weekly_invitations,
                "monthly_notes": self.monthly_notes}

    def inputs(self) -> list[Path]:
        """Every file the workspace reads (to protect from outputs), the config and tracker included."""
        found = [self.config, self.export, *(s.file for s in self.shared), *self.mutuals, *self.edges]
        return found + ([self.tags] if self.tags else []) + [self.tracker]

    def output(self, name: str) -> Path:
        """``out/name``, creating ``out/`` when needed."""
        self.out.mkdir(parents=True, exist_ok=True)
        return self.out / name

    @property
    def _made_record(self) -> Path:
        return self.out / MADE_NAME

    def _made(self) -> dict[str, list[int]]:
        import json

        try:
            if not self._made_record.is_file() or self._made_record.is_symlink():
                return {}  # missing, or not ours (a pipe would block reading)
            record = json.loads(self._made_record.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return record if isinstance(record, dict) else {}

    def is_refreshable(self, path: str | os.PathLike[str]) -> bool:
        """Whether ``path`` in ``out/`` may be replaced without ``--force``.

        True when it does not exist yet, or is a regular file (or a folder of
        them) that refkit wrote there and nobody changed since (same size and
        modification time as recorded). A file the user edited, e.g. ranked.csv
        annotated in a spreadsheet, or put there themselves, is not.
        """
        import stat

        path = Path(path)
        if not path.exists() and not path.is_symlink():
            return True
        if path.is_symlink() or Path(os.path.abspath(path)).parent != Path(os.path.abspath(self.out)):
            return False
        made = self._made()
        files = sorted(path.iterdir()) if path.is_dir() else [path]
        for file in files:
            info = file.lstat()
            key = file.relative_to(self.out).as_posix()
            if not stat.S_ISREG(info.st_mode) or made.get(key) != [info.st_size, info.st_mtime_ns]:
                return False
        return True

    def record_made(self, paths: list[Path] | tuple[Path, ...]) -> None:
        """Note that refkit wrote ``paths`` in ``out/`` (see :meth:`is_refreshable`)."""
        import json

        from refkit.export import write_text

        record = self._made_record
        if record.is_symlink() or (record.exists() and not record.is_file()):
            from refkit._errors import RefkitError

            raise RefkitError(f"{record}: not a regular file refkit made (a link, a pipe ...); left alone")
        made = self._made()
        out = Path(os.path.abspath(self.out))
        for path in paths:
            path = Path(os.path.abspath(path))
            if path.is_file() and out in path.parents:
                info = path.stat()
                made[path.relative_to(out).as_posix()] = [info.st_size, info.st_mtime_ns]
        write_text(json.dumps(made, indent=1, sort_keys=True) + "\n", self._made_record, overwrite=True)


def is_workspace(path: str | os.PathLike[str]) -> bool:
    """Whether ``path`` is a folder holding a ``refkit.toml`` (or that file).

    Parameters
    ----------
    path : str or PathLike
        A folder or file named by the user.

    Returns
    -------
    bool

    Examples
    --------
    >>> is_workspace("/nonexistent")
    False
    """
    path = Path(path)
    try:
        return path.name == CONFIG_NAME and path.is_file() or (path / CONFIG_NAME).is_file()
    except OSError:  # a name too long, a loop ...: not a workspace (the reader says what is wrong)
        return False


_KEY_LINE = re.compile(r'^\s*("?)([A-Za-z0-9_-]+)\1\s*=')
_TABLE_LINE = re.compile(r"^\s*\[\[?\s*([A-Za-z0-9_.-]+)\s*\]\]?")


def _key_lines(text: str) -> dict[tuple[int, str], int]:
    """Line of each key: ``(-1, key)`` at the top, ``(i, key)`` in the i-th ``[[shared]]``."""
    lines: dict[tuple[int, str], int] = {}
    block = -1
    for number, line in enumerate(text.splitlines(), 1):
        table = _TABLE_LINE.match(line)
        if table:
            block += 1
            lines.setdefault((block, "[[shared]]"), number)
            continue
        key = _KEY_LINE.match(line)
        if key:
            lines.setdefault((block, key.group(2)), number)
    return lines


class _Checker:
    def __init__(self, config: Path, text: str) -> None:
        self.config, self.lines = config, _key_lines(text)
        self.problems = Problems(str(config))
        self.found: list[tuple[int, str]] = []
        self.file_problem = False
        self.first_line: int | None = None

    def add(self, block: int, key: str, message: str, *, file: bool = False) -> None:
        line = self.lines.get((block, key)) or self.lines.get((block, "[[shared]]"))
        if line is not None and (self.first_line is None or line < self.first_line):
            self.first_line = line
        where = f"line {line}: " if line else ""
        self.found.append((line or 0, f"{where}{key}: {message}"))
        self.file_problem |= file

    def raise_if_any(self) -> None:
        for _, message in sorted(self.found, key=lambda item: item[0]):  # in the file's order
            self.problems.add(message)
        if self.problems.found:
            error = FileFormatError if self.file_problem else OptionError
            raise error(f"{self.config}: " + "; ".join(self.problems.found),
                        path=self.config, line=self.first_line)


def _unknown(check: _Checker, block: int, table: dict, known: tuple[str, ...]) -> None:
    for key in table:
        if key not in known:
            close = difflib.get_close_matches(key, known, n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else f"; known keys: {', '.join(known)}"
            check.add(block, key, f"unknown key{hint}")


def _text_value(check: _Checker, block: int, table: dict, key: str) -> str | None:
    value = table.get(key)
    if value is None:
        return None
    if not isinstance(value, str) or not value.strip():
        check.add(block, key, f"expected a non-empty text in quotes, got {value!r}")
        return None
    return value.strip()


def _path(check: _Checker, folder: Path, block: int, key: str, value: str | None, *,
          folder_ok: bool = False) -> Path | None:
    if value is None:
        return None
    path = folder / Path(value).expanduser()
    if not (path.is_file() or folder_ok and path.is_dir()):
        what = "no such file or folder" if folder_ok else "no such file"
        check.add(block, key, f"{what}: {value!r} (looked for {path})", file=True)
    return path


def _paths(check: _Checker, folder: Path, table: dict, key: str) -> tuple[Path, ...]:
    value = table.get(key, [])
    if isinstance(value, str) or not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        check.add(-1, key, f'expected a list of file names, e.g. ["file.csv"], got {value!r}')
        return ()
    return tuple(p for v in value if (p := _path(check, folder, -1, key, v)) is not None)


def _words(check: _Checker, table: dict, key: str) -> tuple[str, ...]:
    value = table.get(key, [])
    if isinstance(value, str) or not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        check.add(-1, key, f'expected a list of words, e.g. ["Stripe"], got {value!r}')
        return ()
    return tuple(v.strip() for v in value if v.strip())


def _number(check: _Checker, table: dict, key: str, default: int) -> int:
    value = table.get(key, default)
    if not is_whole_number(value) or value < 1:
        check.add(-1, key, f"expected a whole number of at least 1, got {value!r}")
        return default
    return int(value)


def _count(check: _Checker, table: dict, key: str, default: int | None, *, minimum: int, maximum: int) -> int | None:
    value = table.get(key, default)
    if value is None:
        return None
    if not is_whole_number(value) or not minimum <= value <= maximum:
        check.add(-1, key, f"expected a whole number from {minimum} to {maximum:,}, got {value!r}")
        return default
    return int(value)


def _account(check: _Checker, table: dict) -> tuple[str, int, int | None]:
    """The account and the numbers that follow from it: note length and personal notes a month."""
    from refkit._limits import ACCOUNTS, MONTHLY_PERSONAL_NOTES, NOTE_LENGTH

    account = table.get("account", "free")
    if not isinstance(account, str) or account.strip().casefold() not in ACCOUNTS:
        check.add(-1, "account", f'expected "free" or "premium" (your LinkedIn account), got {account!r}')
        account = "free"
    account = account.strip().casefold()
    longest = NOTE_LENGTH[account]
    limit = _number(check, table, "note_limit", longest)
    if limit > longest:
        check.add(-1, "note_limit", f"{limit} is longer than a {account} account's invitation notes "
                                    f"({longest} characters); set account = \"premium\" for 300")  # fmt: skip
        limit = longest
    notes = _count(check, table, "monthly_notes", MONTHLY_PERSONAL_NOTES[account], minimum=0, maximum=10_000)
    return account, limit, notes
def _flag(check: _Checker, table: dict, key: str, default: bool) -> bool:
    value = table.get(key, default)
    if not isinstance(value, bool):
        check.add(-1, key, f"expected true or false, got {value!r}")
        return default
    return value


def _shared(check: _Checker, folder: Path, table: dict, *, allow_guesses: bool) -> tuple[SharedExport, ...]:
    entries = table.get("shared", [])
    if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
        check.add(-1, "shared", "expected [[shared]] tables with file and owner")
        return ()
    found = []
    for block, entry in enumerate(entries):
        _unknown(check, block, entry, _SHARED_KEYS)
        file = _path(check, folder, block, "file", _text_value(check, block, entry, "file"))
        owner = _text_value(check, block, entry, "owner")
        guessed = entry.get("owner_guessed", False)
        if not isinstance(guessed, bool):
            check.add(block, "owner_guessed", f"expected true or false, got {guessed!r}")
        if file is None or owner is None:
            if "file" not in entry or "owner" not in entry:
                check.add(block, "owner" if "file" in entry else "file",
                          "each [[shared]] needs a file and its owner (a name or profile URL)")
            continue
        if guessed is True and not allow_guesses:
            check.add(block, "owner_guessed", f"the owner of {entry['file']!r}, {owner!r}, is a guess; "
                      "check it (a name or profile URL), then delete the line 'owner_guessed = true'")
        found.append(SharedExport(file=file, owner=owner, line=check.lines.get((block, "file"))))
    return tuple(found)


def _read_config(config: Path, remedy: str) -> tuple[str, dict[str, Any]]:
    """The text and table of a refkit.toml; any problem (not a regular file, not UTF-8, not
    TOML) is a FileFormatError naming it (and, when it cannot be read at all, ``remedy``)."""
    import stat

    try:
        mode = config.stat().st_mode
        if not stat.S_ISREG(mode):  # a pipe would block, a folder cannot be read
            raise FileFormatError(f"{config}: not a regular file (a folder, a pipe ...); expected the "
                                  f"workspace's settings; {remedy}", path=config)
        text = config.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        raise FileFormatError(f"{config}: cannot read it ({getattr(err, 'strerror', None) or err}); "
                              f"{remedy}", path=config) from err
    try:
        table = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        found = re.search(r"line (\d+)", str(err))
        line = int(found.group(1)) if found else None
        raise FileFormatError(f"{config}: {'line ' + str(line) + ': ' if line else ''}not valid TOML "
                              f"({err})", path=config, line=line) from err
    return text, table


def load_workspace(folder: str | os.PathLike[str], *, allow_guesses: bool = False) -> Workspace:
    """Read a workspace's ``refkit.toml`` (``folder`` is the folder or that file).

    Parameters
    ----------
    folder : str or PathLike
        The workspace folder, or its refkit.toml.
    allow_guesses : bool
        Accept shared exports whose owner is still marked ``owner_guessed = true``.

    Returns
    -------
    Workspace
        Every problem in the file is reported at once, each with its key and line.

    Raises
    ------
    FileFormatError
        No refkit.toml, a TOML syntax error, or a file it names that is missing.
    OptionError
        An unknown key (the closest known key suggested), a value of the wrong type,
        or a shared export's owner still marked ``owner_guessed = true``.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "refkit.toml").write_text('export = "x.zip"\\nmin_mutuals = 3\\n')
    >>> load_workspace(folder)
    Traceback (most recent call last):
    ...
    refkit._errors.FileFormatError: ...refkit.toml: line 1: export: no such file or folder: 'x.zip' ...; line 2: min_mutuals: unknown key (did you mean 'min_mutual'?)
    """
    folder = Path(folder)
    if folder.name == CONFIG_NAME and folder.is_file():
        folder = folder.parent
    config = folder / CONFIG_NAME
    text, table = _read_config(config, f"create one with: refkit init {folder}")
    check = _Checker(config, text)
    _unknown(check, -1, table, _TOP_KEYS)
    if "export" not in table:
        check.add(-1, "export", "missing: name your LinkedIn archive (.zip, its folder or Connections.csv)")
    export = _path(check, folder, -1, "export", _text_value(check, -1, table, "export"), folder_ok=True)
    tags = _path(check, folder, -1, "tags", _text_value(check, -1, table, "tags"))
    out = _text_value(check, -1, table, "out")
    out_folder = folder / Path(out).expanduser() if out else None
    if out_folder is not None and out_folder.exists() and not out_folder.is_dir():
        check.add(-1, "out", f"{out!r} exists and is not a folder", file=True)
    elif out_folder is not None and out_folder.is_symlink() and not out_folder.exists():
        check.add(-1, "out", f"{out!r} is a link to {os.readlink(out_folder)!r}, which does not exist",
                  file=True)
    account, note_limit, monthly_notes = _account(check, table)
    workspace = Workspace(
        folder=folder, export=export or folder, me=_text_value(check, -1, table, "me"),
        min_mutual=_number(check, table, "min_mutual", 10), companies=_words(check, table, "companies"),
        keywords=_words(check, table, "keywords"), goal=_text_value(check, -1, table, "goal"),
        account=account, max_open_asks=_number(check, table, "max_open_asks", 2),
        weekly_invitations=_count(check, table, "weekly_invitations", 100, minimum=0, maximum=1000) or 0,
        monthly_notes=monthly_notes,
        reinvite_days=_count(check, table, "reinvite_days", 21, minimum=0, maximum=366) or 0,
        note_limit=note_limit, mutuals=_paths(check, folder, table, "mutuals"),
        edges=_paths(check, folder, table, "edges"), tags=tags, out_folder=out_folder,
        shared=_shared(check, folder, table, allow_guesses=allow_guesses),
        job_targets=_flag(check, table, "job_targets", True),
        follow_targets=_flag(check, table, "follow_targets", False),
    )
    check.raise_if_any()
    return workspace


def open_workspace(default: str | os.PathLike[str], *, allow_guesses: bool = False) -> Workspace:
    """The workspace named by ``$REFKIT_WORKSPACE``, else ``default`` (what every notebook opens).

    A coach runs ``REFKIT_WORKSPACE=clients/ana make lab`` and every notebook
    opens Ana's search; without the variable the notebooks open ``default``
    (the shipped sample workspace).

    Parameters
    ----------
    default : str or PathLike
        The workspace folder to open when ``REFKIT_WORKSPACE`` is unset or empty.
    allow_guesses : bool
        As in :func:`load_workspace`.

    Returns
    -------
    Workspace

    Raises
    ------
    FileFormatError, OptionError
        As :func:`load_workspace`; the message says when the folder came from the variable.

    Examples
    --------
    >>> import os, tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "Connections.csv").write_text("First Name,Last Name,Connected On\\nAda,L,08 Feb 2021\\n")
    >>> _ = (folder / "refkit.toml").write_text('export = "Connections.csv"\\n')
    >>> os.environ[ENV_VAR] = str(folder)
    >>> open_workspace("../data_samples").folder == folder
    True
    >>> del os.environ[ENV_VAR]
    """
    named = os.environ.get(ENV_VAR, "").strip()
    if not named:
        return load_workspace(default, allow_guesses=allow_guesses)
    try:
        return load_workspace(Path(named).expanduser(), allow_guesses=allow_guesses)
    except (FileFormatError, OptionError) as err:
        raise type(err)(f"{ENV_VAR}={named}: {err}", path=err.path, line=err.line) from err


# --------------------------------------------------------------------------- refkit init

__all__ += ["InitReport", "guess_owner", "init_workspace", "scan_files"]

_NOISE = {"connections", "connection", "linkedin", "export", "basic", "data", "csv", "shared"}


def guess_owner(file_name: str) -> str | None:
    """The owner a shared export's file name suggests, or None.

    Parameters
    ----------
    file_name : str
        E.g. ``priya_raman_Connections.csv``.

    Returns
    -------
    str or None
        A name in title case (a guess, to be confirmed), None when the name holds none.

    Examples
    --------
    >>> guess_owner("priya_raman_Connections.csv"), guess_owner("Connections.csv")
    ('Priya Raman', None)
    """
    words = [w for w in re.split(r"[\s_.\-]+", Path(file_name).stem)
             if w and w.casefold() not in _NOISE and not w.isdigit()]
    return " ".join(w[:1].upper() + w[1:] for w in words) or None


@dataclass(frozen=True)
class InitReport:
    """What :func:`init_workspace` did: the config written, files found, what to fill in.

    Parameters
    ----------
    config : Path
        The refkit.toml written or added to.
    created : bool
        Whether it was created (False: an existing file was kept and added to).
    found : tuple of (str, str)
        Each file found, as written in refkit.toml, and its kind.
    added : tuple of str
        Files appended to an existing refkit.toml.
    to_fill : tuple of str
        What the user must still fill in, in plain words.

    Examples
    --------
    >>> InitReport(Path("w/refkit.toml"), True, (), (), ()).created
    True
    """

    config: Path
    created: bool
    found: tuple[tuple[str, str], ...]  # (file as written in refkit.toml, kind)
    added: tuple[str, ...]
    to_fill: tuple[str, ...]


def _shown_path(path: Path, folder: Path) -> str:
    try:
        return path.resolve().relative_to(folder.resolve()).as_posix()
    except ValueError:
        return str(path.resolve())


def scan_files(source: str | os.PathLike[str]) -> list[tuple[Path, str]]:
    """Each file in a folder of the user's files, and its kind, told by its columns (never its name).

    Sub-folders are looked into; an unpacked LinkedIn archive folder counts as
    one ``"archive"`` (a second Connections.csv inside it is listed on its own).
    A link leading out of ``source`` is not followed (kind ``"outside"``); a file
    or folder reached twice (through a link, or a link looping back) is listed once.

    Parameters
    ----------
    source : str or PathLike
        A folder, e.g. the user's downloads.

    Returns
    -------
    list of (Path, str)
        In name order; kinds as :func:`refkit.read.detect_kind` names them, ``"unknown"``
        for a file refkit cannot use.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "notes.txt").write_text("hello")
    >>> _ = (folder / "p.csv").write_text("First Name,Last Name,Connected On\\nAda,L,08 Feb 2021\\n")
    >>> [(path.name, kind) for path, kind in scan_files(folder)]
    [('notes.txt', 'unknown'), ('p.csv', 'connections')]
    """
    root = os.path.realpath(source)
    return _scan(Path(source), root, {root})


#: The kind :func:`scan_files` gives a link that leads out of the scanned folder (not followed).
OUTSIDE = "outside"


def _scan(source: Path, root: str, seen: set[str]) -> list[tuple[Path, str]]:
    """:func:`scan_files` below ``root``: links leading out are listed as :data:`OUTSIDE`, not
    followed; a file or folder reached a second way (a link, a loop) is listed once."""
    import warnings as _warnings

    from refkit._errors import RefkitError
    from refkit.read import detect_kind

    found: list[tuple[Path, str]] = []
    for path in sorted(source.iterdir()):
        if path.name.startswith(".") or path.name in (CONFIG_NAME, DB_NAME, "out"):
            continue
        real = os.path.realpath(path)
        if path.is_symlink() and real != root and not real.startswith(root.rstrip(os.sep) + os.sep):
            found.append((path, OUTSIDE))
            continue
        if real in seen:
            continue
        seen.add(real)
        if path.is_dir():
            inner = _scan(path, root, seen)
            kinds = {kind for _, kind in inner}
            if "connections" in kinds and kinds & {"profile", "messages", "invitations", "positions",
                                                   "recommendations", "endorsements"}:
                found.append((path, "archive"))
                found += [(p, k) for p, k in inner if k == "connections" and p.name.lower() != "connections.csv"]
            else:
                found += inner
            continue
        try:
            with _warnings.catch_warnings():
                _warnings.simplefilter("ignore")
                found.append((path, detect_kind(path)))
        except (RefkitError, OSError):
            found.append((path, "unknown"))
    return found


def _entries(found: list[tuple[Path, str]],
             folder: Path) -> tuple[dict[str, list[str]], list[str], list[str]]:
    roles: dict[str, list[str]] = {"export": [], "shared": [], "mutuals": [], "edges": [], "tags": []}
    connections = [p for p, k in found if k == "connections"]
    archives = [p for p, k in found if k == "archive"]
    if archives:
        roles["export"].append(_shown_path(archives[0], folder))
    elif connections and guess_owner(connections[0].name) is None:
        roles["export"].append(_shown_path(connections.pop(0), folder))
    roles["shared"] = [_shown_path(p, folder) for p in connections]
    unused: list[str] = []
    for path, kind in found:
        role = {"mutuals": "mutuals", "search_export": "mutuals", "edges": "edges", "tags": "tags"}.get(kind)
        if role and _no_rows(path):
            unused.append(f"{role}: {_shown_path(path, folder)} has a header but no usable rows yet (a template?), "
                          f"so it is not listed; add it to {role} once it has some")
        elif role:
            roles[role].append(_shown_path(path, folder))
    return roles, [f"{os.path.abspath(p)}: a link out of the folder; not followed" if k == OUTSIDE
                   else f"{_shown_path(p, folder)}: {k}" for p, k in found], unused


def _no_rows(path: Path) -> bool:
    """Whether a capture, edge list or tags file holds a header only: listed, it would stop
    every command with "no usable rows" (a file with rows is listed even if it has bad ones)."""
    import warnings as _warnings

    from refkit._errors import RefkitError
    from refkit.read import read_any

    try:
        with _warnings.catch_warnings():
            _warnings.simplefilter("ignore")
            read_any(path)
    except RefkitError as error:
        return "header found but no usable rows" in str(error)
    except OSError:
        return False
    return False


def _shared_block(file: str, owner: tuple[str, str] | None) -> str:
    """A ``[[shared]]`` entry: the owner known (``(owner, why)``) or guessed from the file name."""
    if owner is not None:
        return f"\n[[shared]]\nfile = {toml_string(file)}\nowner = {toml_string(owner[0])}   # {owner[1]}\n"
    guess = guess_owner(Path(file).name) or "their name or profile URL"
    return (f"\n[[shared]]\nfile = {toml_string(file)}\nowner = {toml_string(guess)}"
            "   # guessed from the file name: check it\nowner_guessed = true\n")


def _known_owners(found: list[tuple[Path, str]], folder: Path, shared: list[str],
                  export: str | None) -> dict[str, tuple[str, str]]:
    """Owners that need no guess: listed in an owners.csv found beside, or one of your connections by name.

    A name the file suggests that matches exactly one of your connections gives
    that connection's profile URL (a URL-less export gives the name, confirmed).
    """
    import warnings as _warnings

    from refkit._errors import RefkitError
    from refkit.read import read_export, shared_exports
    from refkit.resolve import normalize_name

    known: dict[str, tuple[str, str]] = {}
    with _warnings.catch_warnings():
        _warnings.simplefilter("ignore")
        for path, kind in found:
            if kind == "owners":
                try:
                    for owner, file in shared_exports(path):
                        known.setdefault(_shown_path(Path(file), folder), (owner, f"from {path.name}"))
                except (RefkitError, OSError):
                    continue
        try:
            frame = read_export(folder / export).connections.frame if export else None
        except (RefkitError, OSError):
            frame = None
    if frame is None:
        return known
    norms = [normalize_name(f, ln) for f, ln in zip(frame["first_name"], frame["last_name"], strict=True)]
    for file in shared:
        guess = guess_owner(Path(file).name)
        rows = [i for i, n in enumerate(norms) if guess and n == normalize_name(guess)]
        if file in known or len(rows) != 1:
            continue
        url = frame["profile_url"].iloc[rows[0]]
        name = f"{frame['first_name'].iloc[rows[0]]} {frame['last_name'].iloc[rows[0]]}".strip()
        known[file] = (url if isinstance(url, str) and url else name, f"{name}, one of your connections")
    return known


def _old_export(text: str | None) -> str | None:
    """The export an existing refkit.toml names, if it can be read."""
    try:
        value = tomllib.loads(text).get("export") if text is not None else None
    except tomllib.TOMLDecodeError:
        return None
    return value if isinstance(value, str) else None


def init_workspace(folder: str | os.PathLike[str], *, source: str | os.PathLike[str] | None = None) -> InitReport:
    """Create (or add to) a workspace's ``refkit.toml`` from the files in ``source``.

    An existing refkit.toml is kept as written; shared exports it does not name are appended.

    Parameters
    ----------
    folder : str or PathLike
        The workspace folder (created when missing).
    source : str or PathLike, optional
        A folder of the user's files; each is told by its columns, never by its name.

    Returns
    -------
    InitReport

    Examples
    --------
    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp()) / "search"
    >>> init_workspace(folder).created
    True
    """
    from refkit.export import write_text

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    config = folder / CONFIG_NAME
    found = scan_files(source) if source is not None else []
    roles, listed, unused = _entries(found, folder)
    old = (_read_config(config, "fix it, or move it away to start a new one")[0]
           if config.exists() or config.is_symlink() else None)
    export = roles["export"][0] if roles["export"] else _old_export(old)
    known = _known_owners(found, folder, roles["shared"], export)
    to_fill = [f"owner of {Path(f).name}: guessed {guess_owner(Path(f).name)!r} from the file name; confirm it and delete "
               "'owner_guessed = true'" for f in roles["shared"] if f not in known]
    if old is not None:
        new = [f for f in roles["shared"] if toml_string(f) not in old]
        to_fill = [t for t in to_fill if any(t.startswith(f"owner of {Path(f).name}:") for f in new)]
        to_fill += [f"{key}: {file} was found but refkit.toml does not list it; add it to {key} = [...] "
                    "if it is yours to use" for key in ("mutuals", "edges") for file in roles[key]
                    if toml_string(file) not in old]
        to_fill += unused
        text = old + ("" if old.endswith("\n") else "\n") + "".join(_shared_block(f, known.get(f)) for f in new)
        tomllib.loads(text)
        if new:  # else the file stays as it is, byte for byte
            write_text(text, config, overwrite=True)
        return InitReport(config, False, tuple((x, "") for x in listed), tuple(new), tuple(to_fill))
    lines = ["# refkit workspace: one job search. Paths are relative to this folder.",
             "# Results go to out/; the tracker is refkit.sqlite.", ""]
    if roles["export"]:
        lines.append(f"export = {toml_string(roles['export'][0])}   # your LinkedIn archive")
    else:
        lines.append('# export = "Basic_LinkedInDataExport.zip"   # fill in: your LinkedIn archive')
        to_fill.insert(0, "export: your LinkedIn archive (.zip, its folder or Connections.csv)")
    to_fill += unused
    lines += ['# me = "Your Name"   # needed when the archive has no Profile.csv',
              "min_mutual = 10", "companies = []", "keywords = []",
              'account = "free"   # or "premium": notes of 300 characters, no monthly limit on personal notes',
              "note_limit = 200   # the account's: 200 free, 300 Premium",
              "max_open_asks = 2   # open asks per introducer before refkit asks the next-best one",
              f"mutuals = [{', '.join(toml_string(m) for m in roles['mutuals'])}]",
              f"edges = [{', '.join(toml_string(m) for m in roles['edges'])}]"]
    lines.append(f"tags = {toml_string(roles['tags'][0])}" if roles["tags"] else '# tags = "tags.csv"')
    lines.append('out = "out"')
    text = "\n".join(lines) + "\n" + "".join(_shared_block(f, known.get(f)) for f in roles["shared"])
    tomllib.loads(text)
    write_text(text, config)
    return InitReport(config, True, tuple((x, "") for x in listed), tuple(roles["shared"]), tuple(to_fill))


# --------------------------------------------------------------------------- notebooks

__all__ += ["OutputLink", "coach_shared", "copy_workspace", "output_link", "target_company", "tracker_views"]


@dataclass(frozen=True)
class OutputLink:
    """A file refkit wrote, shown in a notebook as a link that opens it.

    JupyterLab resolves a relative link in an output against the notebook's
    folder and opens the file in a new tab (a CSV in its table viewer, a page
    in its HTML viewer) when that file is inside the folder JupyterLab serves.
    The full path is shown beside the link, so the file can always be found.

    Parameters
    ----------
    path : Path
        The file, absolute.
    href : str or None
        The link relative to the notebook's folder, URL-quoted; None when the
        file cannot be reached by a relative path (another drive).

    Examples
    --------
    >>> link = OutputLink(Path("/w/out/ranked.csv"), "../w/out/ranked.csv")
    >>> link
    ../w/out/ranked.csv
    >>> link._repr_html_()
    '<a href="../w/out/ranked.csv" target="_blank">../w/out/ranked.csv</a> <small>(/w/out/ranked.csv)</small>'
    """

    path: Path
    href: str | None

    @property
    def shown(self) -> str:
        """The path as the link shows it (relative to the notebook's folder when possible)."""
        from urllib.parse import unquote

        return unquote(self.href) if self.href is not None else str(self.path)

    def __repr__(self) -> str:
        return self.shown

    def _repr_html_(self) -> str:
        import html

        if self.href is None:
            return f"<code>{html.escape(str(self.path))}</code>"
        return (f'<a href="{html.escape(self.href)}" target="_blank">{html.escape(self.shown)}</a> '
                f"<small>({html.escape(str(self.path))})</small>")


def output_link(path: str | os.PathLike[str], *, start: str | os.PathLike[str] | None = None) -> OutputLink:
    """A link to ``path`` that a notebook displays, relative to ``start`` (the notebook's folder).

    Parameters
    ----------
    path : str or PathLike
        A file refkit wrote, e.g. ``ws.output("ranked.csv")``.
    start : str or PathLike, optional
        The folder links are relative to; default the working directory, which
        JupyterLab sets to the notebook's folder.

    Returns
    -------
    OutputLink
        Shown as a clickable link in JupyterLab, as the path in plain text.

    Examples
    --------
    >>> output_link("/w/out/my plan.csv", start="/w/notebooks")
    ../out/my plan.csv
    >>> output_link("/w/out/my plan.csv", start="/w/notebooks").href
    '../out/my%20plan.csv'
    """
    from urllib.parse import quote

    target = Path(os.path.abspath(path))
    here = Path(os.path.abspath(start if start is not None else os.getcwd()))
    try:
        relative = os.path.relpath(target, here)
    except ValueError:  # another drive (Windows): no relative link exists
        return OutputLink(target, None)
    return OutputLink(target, quote(Path(relative).as_posix()))


def copy_workspace(source: str | os.PathLike[str], destination: str | os.PathLike[str] | None = None) -> Workspace:
    """A copy of a workspace to practise on: its folder without ``out/`` and the tracker.

    Parameters
    ----------
    source : str or PathLike
        The workspace folder (its refkit.toml must name files inside it).
    destination : str or PathLike, optional
        A folder that does not exist yet; default a new temporary folder.

    Returns
    -------
    Workspace
        The copy, loaded; changing it never touches ``source``.

    Raises
    ------
    FileFormatError, OptionError
        ``source`` is not a usable workspace, or ``destination`` exists.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "Connections.csv").write_text("First Name,Last Name,Connected On\\nAda,L,08 Feb 2021\\n")
    >>> _ = (folder / "refkit.toml").write_text('export = "Connections.csv"\\n')
    >>> copy = copy_workspace(folder)
    >>> copy.folder != folder, copy.export.name, copy.tracker.exists()
    (True, 'Connections.csv', False)
    """
    import shutil
    import tempfile

    original = load_workspace(source, allow_guesses=True)
    if destination is None:
        destination = Path(tempfile.mkdtemp(prefix="refkit-practice-")) / original.folder.resolve().name
    target = Path(destination)
    if target.exists():
        raise OptionError(f"{target}: already exists; copy_workspace makes a new folder", path=target)
    skipped = {original.out.resolve(), original.tracker.resolve()}

    def ignore(folder: str, names: list[str]) -> list[str]:
        return [n for n in names if (Path(folder) / n).resolve() in skipped
                or n.startswith(DB_NAME) or n == "__pycache__"]

    shutil.copytree(original.folder, target, ignore=ignore)
    return load_workspace(target, allow_guesses=True)


def tracker_views(workspace: Workspace, *, today: Any = None) -> dict[str, Any]:
    """What a workspace's tracker says, read only: its list, next steps and this week's plan.

    Parameters
    ----------
    workspace : Workspace
        The workspace whose ``refkit.sqlite`` is read; nothing in it is created or changed.
    today : date or str, optional
        The day to plan for (default today).

    Returns
    -------
    dict of str to DataFrame
        ``"list"`` (:meth:`refkit.track.Tracker.table`), ``"next steps"`` and
        ``"this week"`` (the weekly plan, with the workspace's account, quotas
        and cap of open asks), ``"open asks"`` (a Series by introducer),
        ``"funnel by introducer"`` and ``"funnel by company"``; empty tables
        with their columns while the workspace has no tracker yet.

    Examples
    --------
    >>> ws = Workspace(folder=Path("/nonexistent"), export=Path("/nonexistent/Connections.csv"))
    >>> views = tracker_views(ws)
    >>> sorted(views)
    ['funnel by company', 'funnel by introducer', 'list', 'next steps', 'open asks', 'this week']
    >>> len(views["list"]), "action" in views["next steps"], "note" in views["this week"]
    (0, True, True)
    """
    import tempfile

    from refkit.track import Tracker

    def read(folder: Path, *, read_only: bool) -> dict[str, Any]:
        with Tracker(folder, create=not read_only, read_only=read_only) as tracker:
            return {"list": tracker.table(today=today),
                    "next steps": tracker.next_steps(today=today, **workspace.track_options()),
                    "this week": tracker.weekly_plan(today=today, **workspace.plan_options()),
                    "open asks": tracker.open_asks(today=today),
                    "funnel by introducer": tracker.funnel(today=today),
                    "funnel by company": tracker.funnel(by="company", today=today)}

    if workspace.tracker.exists():
        return read(workspace.folder, read_only=True)
    with tempfile.TemporaryDirectory(prefix="refkit-empty-") as empty:  # the columns of an empty tracker
        return read(Path(empty), read_only=False)


def coach_shared(workspace: Workspace) -> SharedExport:
    """The coach's Connections.csv in a client's workspace: its first ``[[shared]]`` entry.

    Parameters
    ----------
    workspace : Workspace
        The client's workspace.

    Returns
    -------
    SharedExport

    Raises
    ------
    OptionError
        The workspace lists no shared export.

    Examples
    --------
    >>> ws = Workspace(folder=Path("w"), export=Path("w/Connections.csv"),
    ...                shared=(SharedExport(Path("w/arjun.csv"), "Arjun Menon"),))
    >>> coach_shared(ws).owner
    'Arjun Menon'
    """
    if not workspace.shared:
        raise OptionError(f"{workspace.config}: no [[shared]] export: add the coach's Connections.csv "
                          "as the first [[shared]] entry (file and owner)", path=workspace.config)
    return workspace.shared[0]


def target_company(workspace: Workspace) -> str:
    """The company a session is about: the first of the workspace's ``companies``.

    Parameters
    ----------
    workspace : Workspace
        The client's workspace.

    Returns
    -------
    str

    Raises
    ------
    OptionError
        ``companies`` is empty in refkit.toml.

    Examples
    --------
    >>> target_company(Workspace(folder=Path("w"), export=Path("w/x.zip"), companies=("Stripe", "Globex")))
    'Stripe'
    """
    if not workspace.companies:
        raise OptionError(f'{workspace.config}: companies is empty: name the companies the search is about, '
                          'e.g. companies = ["Stripe"]', path=workspace.config)
    return workspace.companies[0]
