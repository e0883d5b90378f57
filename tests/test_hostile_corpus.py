"""The hostile corpus (``tests/hostile.py``) through the Python API and the command line.

Every case is generated once into a folder; the API reads it in this process
(under a memory cap, so a count that asks for 22 GiB fails instead of swapping)
and the four commands ``inspect``, ``rank``, ``graph`` and ``report`` run as real
subprocesses on a private copy of it, each under a timeout and a memory cap,
with ``TMPDIR`` inside the copy. The invariants:

- ``finishes``: no hang (the subprocess ends before its timeout);
- ``exit``: no traceback; exit status 0 or 2; on 2, stderr is warnings then one
  ``refkit: error: ...`` line; on 0, only warnings and the ``wrote ...`` line;
- ``control``: no raw control character (ESC, BEL, other C0 and C1 but newline
  and tab) in stdout or stderr;
- ``private``: no planted e-mail address or secret in any output file, stdout,
  stderr (CLI) or warning and error text (API);
- ``contained``: nothing created, changed or removed outside the output path
  (inputs byte for byte, temporary files included); a failed command leaves no output;
- ``formula``: no CSV cell, re-read with ``,`` ``;`` and tab as delimiter, starts
  a formula after NFKC folding and stripping invisible characters;
- ``visible``: no invisible or bidi control character in a CSV cell;
- ``lost``: nothing lost: the rows read equal what the generator wrote, minus the
  legitimately skipped ones, which warnings name by line; refusals only where the
  issue allows them, saying what it asks;
- ``truth`` (API): the case's own facts (names decoded right, no self-introducer,
  impossible dates unknown, no count above LinkedIn's 30,000 ...).

What fails on today's main is marked ``xfail(strict=True)`` with the issue item:
when a fix lands, the xpass says to drop the marker. See ``XFAIL``.
"""

from __future__ import annotations

import contextlib
import csv
import hashlib
import os
import re
import shutil
import stat
import subprocess
import sys
import time
import traceback
import unicodedata
import warnings
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import pytest
from hostile import CASES, CHECKS, INVISIBLE, ME, Case, checks_of, make
from linkedin_files import is_number

from refkit import RefkitError, RefkitWarning, build_network, rank_targets, read_any
from refkit.export import write_csv
from refkit.read import Archive, ReadResult, read_export, read_mutuals

COMMANDS = ("inspect", "rank", "graph", "report")
OUTPUTS = {"rank": "out/ranked.csv", "graph": "out/net.html", "report": "out/report"}
CLI_MEMORY = 2 << 30  # address space of each CLI run (python + pandas + matplotlib use ~300 MB)
API_MEMORY = 1 << 30  # more address space the in-process API calls may take
POSIX_ONLY = {"symlinks_out_of_folder", "fifo_export"}

# Known failures, by case: a key is an invariant, or "invariant:command,command" for some
# commands only, the value the reason (an issue and item). Strict: an entry that passes fails
# the run, so it is dropped when its fix lands. Every case of issue 12 passes: none is listed.
XFAIL: dict[str, dict[str, str]] = {}


def _xfail(case_id: str, invariant: str, command: str | None = None) -> list:
    marks = []
    for key, reason in XFAIL.get(case_id, {}).items():
        name, _, commands = key.partition(":")
        if name == invariant and (not commands or command in commands.split(",")):
            marks = [pytest.mark.xfail(strict=True, reason=reason)]
    if case_id in POSIX_ONLY and os.name != "posix":
        marks.append(pytest.mark.skip(reason="needs symlinks and FIFOs"))
    return marks


# --------------------------------------------------------------------------- running


def _copy_tree(src: Path, dst: Path) -> None:
    """Copy a case folder: links as links, FIFOs as new FIFOs (never opened), files by content."""
    dst.mkdir(parents=True)
    for entry in sorted(os.scandir(src), key=lambda e: e.name):
        target = dst / entry.name
        mode = entry.stat(follow_symlinks=False).st_mode
        if stat.S_ISLNK(mode):
            os.symlink(os.readlink(entry.path), target)
        elif stat.S_ISDIR(mode):
            _copy_tree(Path(entry.path), target)
        elif stat.S_ISFIFO(mode):
            os.mkfifo(target)
        else:
            shutil.copyfile(entry.path, target)


def _snapshot(root: Path) -> dict[str, tuple]:
    """Every path under ``root`` (links not followed) with its kind and content hash."""
    found: dict[str, tuple] = {}
    for dirpath, dirnames, filenames in os.walk(root):
        for name in dirnames + filenames:
            path = os.path.join(dirpath, name)
            mode = os.lstat(path).st_mode
            rel = os.path.relpath(path, root)
            if stat.S_ISLNK(mode):
                found[rel] = ("link", os.readlink(path))
            elif stat.S_ISDIR(mode):
                found[rel] = ("dir",)
            elif stat.S_ISREG(mode):
                with open(path, "rb") as fh:
                    found[rel] = ("file", hashlib.sha256(fh.read()).hexdigest())
            else:
                found[rel] = ("special", stat.S_IFMT(mode))
    return found


@dataclass
class Run:
    """One CLI subprocess and what it left behind."""

    command: str
    argv: list[str]
    root: Path
    before: dict[str, tuple]
    after: dict[str, tuple] = field(default_factory=dict)
    code: int | None = None  # None: killed at the timeout
    stdout: str = ""
    stderr: str = ""

    @property
    def output(self) -> Path | None:
        return self.root / OUTPUTS[self.command] if self.command in OUTPUTS else None

    def output_files(self) -> list[Path]:
        out = self.output
        if out is None or not out.exists():
            return []
        return sorted(p for p in out.rglob("*") if p.is_file()) if out.is_dir() else [out]


def _network_args(case: Case) -> list[str]:
    args = [case.export]
    for owner, path in case.shared:
        args += ["--shared", f"{owner}={path}"]
    for path in case.mutuals:
        args += ["--mutuals", path]
    if case.me:
        args += ["--me", case.me]
    return args + ["--min-mutual", "1"]


def _argv(case: Case, command: str) -> list[str]:
    if command == "inspect":
        return ["inspect", case.export, *dict.fromkeys(p for _, p in case.shared), *case.mutuals]
    return [command, *_network_args(case), "-o", OUTPUTS[command]]


def _run_cli(case: Case, master: Path, root: Path, command: str) -> Run:
    _copy_tree(master, root)
    (root / "out").mkdir()
    (root / "tmp").mkdir()
    run = Run(command, _argv(case, command), root, _snapshot(root))
    env = {**os.environ, "TMPDIR": str(root / "tmp"), "PYTHONUTF8": "1", "MPLBACKEND": "Agg",
           "COLUMNS": "80", "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1",
           "MALLOC_ARENA_MAX": "2"}  # few threads and arenas: the memory cap stays about memory
    env.pop("PYTHONWARNINGS", None)
    argv = [sys.executable, "-m", "refkit", *run.argv]
    if os.name == "posix":  # the same command under a memory cap
        argv = ["/bin/sh", "-c", f'ulimit -v {CLI_MEMORY // 1024} && exec "$@"', "sh", *argv]
    try:
        proc = subprocess.run(argv, cwd=root, env=env, capture_output=True, timeout=case.timeout,
                              stdin=subprocess.DEVNULL)
        run.code = proc.returncode
        out, err = proc.stdout, proc.stderr
    except subprocess.TimeoutExpired as expired:
        out, err = expired.stdout or b"", expired.stderr or b""
    run.stdout = out.decode("utf-8", errors="replace")
    run.stderr = err.decode("utf-8", errors="replace")
    run.after = _snapshot(root)
    return run


@dataclass
class ApiRun:
    """What the Python API made of one case."""

    archive: object = None
    network: object = None
    ranked: pd.DataFrame | None = None
    captures: list[ReadResult] = field(default_factory=list)
    read_any: dict[str, object] = field(default_factory=dict)  # path -> result or error
    error: RefkitError | None = None
    crash: str | None = None
    warnings: list[str] = field(default_factory=list)
    other_warnings: list[str] = field(default_factory=list)
    scrub_seconds: float | None = None


def _vm_size() -> int | None:
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmSize:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return None


@contextlib.contextmanager
def _memory_cap(extra: int):
    """Limit this process's address space to its current size + ``extra`` (Linux only)."""
    try:
        import resource
    except ImportError:  # pragma: no cover - not POSIX
        yield
        return
    size = _vm_size()
    if size is None:
        yield
        return
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    limit = min(v for v in (size + extra, soft, hard) if v != resource.RLIM_INFINITY)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))


def _run_api(case: Case, folder: Path, scratch: Path) -> ApiRun:
    run = ApiRun()
    inputs = [case.export, *dict.fromkeys(p for _, p in case.shared), *case.mutuals]
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            with _memory_cap(API_MEMORY):
                for rel in inputs:
                    try:
                        run.read_any[rel] = read_any(folder / rel)
                    except RefkitError as err:
                        run.read_any[rel] = err
                run.archive = read_export(folder / case.export)
                run.captures = [read_mutuals(folder / rel) for rel in case.mutuals]
                run.network = build_network(run.archive, shared=[(o, folder / p) for o, p in case.shared],
                                            mutuals=run.captures, me=case.me)
                run.ranked = rank_targets(run.network, min_mutual=1)
                scratch.mkdir(parents=True, exist_ok=True)
                start = time.perf_counter()
                write_csv(run.ranked, scratch / "ranked.csv", overwrite=True)
                run.scrub_seconds = time.perf_counter() - start
        except RefkitError as err:
            run.error = err
        except BaseException as err:  # noqa: BLE001 - any other exception is the finding
            if isinstance(err, KeyboardInterrupt):
                raise
            run.crash = "".join(traceback.format_exception(err))
    run.warnings = [str(w.message) for w in caught if issubclass(w.category, RefkitWarning)]
    run.other_warnings = [f"{w.category.__name__}: {w.message}" for w in caught
                          if not issubclass(w.category, RefkitWarning)]
    if run.network is not None:
        run.warnings += list(run.network.warnings)
    if run.archive is not None:
        run.warnings += list(run.archive.connections.warnings)
    return run


class Corpus:
    """Cases generated once, each run once through the API and the command line (lazily)."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._cases: dict[str, tuple[Case, Path]] = {}
        self._cli: dict[str, dict[str, Run]] = {}
        self._api: dict[str, ApiRun] = {}

    def case(self, case_id: str) -> tuple[Case, Path]:
        if case_id not in self._cases:
            folder = self.root / "cases" / case_id
            self._cases[case_id] = (make(case_id, folder), folder)
        return self._cases[case_id]

    def cli(self, case_id: str, command: str) -> Run:
        if case_id not in self._cli:
            case, folder = self.case(case_id)
            runs = self.root / "runs" / case_id
            with ThreadPoolExecutor(max_workers=len(COMMANDS)) as pool:
                futures = {c: pool.submit(_run_cli, case, folder, runs / c, c) for c in COMMANDS}
                self._cli[case_id] = {c: f.result() for c, f in futures.items()}
        return self._cli[case_id][command]

    def api(self, case_id: str) -> ApiRun:
        if case_id not in self._api:
            case, folder = self.case(case_id)
            before = _snapshot(folder)
            self._api[case_id] = _run_api(case, folder, self.root / "api" / case_id)
            assert _snapshot(folder) == before, "the API changed its inputs"
        return self._api[case_id]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Corpus:
    return Corpus(tmp_path_factory.mktemp("hostile"))


# --------------------------------------------------------------------------- checks


def _in_range(value: int, want: int | tuple[int, int]) -> bool:
    low, high = want if isinstance(want, tuple) else (want, want)
    return low <= value <= high


_FORMULA = ("=", "+", "-", "@")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _folded(cell: str) -> str:
    """What a spreadsheet may see first: NFKC-folded, invisible and control characters gone."""
    text = unicodedata.normalize("NFKC", cell)
    return "".join(ch for ch in text if unicodedata.category(ch) not in ("Cf", "Cc"))


def _risky_cells(text: str) -> list[tuple[str, str]]:
    risky = []
    for delimiter in (",", ";", "\t"):
        for row in csv.reader(text.splitlines(), delimiter=delimiter):
            for cell in row:
                folded = _folded(cell)
                if folded.startswith(_FORMULA) and not is_number(folded.strip()):
                    risky.append((repr(delimiter), cell[:60]))
    return risky


def _csv_texts(run: Run) -> list[tuple[Path, str]]:
    return [(p, p.read_text(encoding="utf-8-sig")) for p in run.output_files() if p.suffix == ".csv"]


def _leaks(case: Case, texts: list[str]) -> list[str]:
    planted = case.emails + case.secrets
    return [s for s in planted for t in texts if s.lower() in t.lower()]


def _named(warnings_: list[str], file_name: str, line: int) -> bool:
    """Whether a warning names ``line`` of ``file_name``, alone or in a range ("lines 9 to 12")."""
    pattern = re.compile(rf"{re.escape(file_name)}, lines? {line}\b")
    ranges = re.compile(rf"{re.escape(file_name)}, line \d+: .*\(lines (\d+) (?:to|-|–) (\d+)\)")
    return any(pattern.search(w) for w in warnings_) or any(
        int(m[1]) <= line <= int(m[2]) for w in warnings_ for m in ranges.finditer(w))


def _mentions_all(text: str, mention: tuple[str, ...]) -> bool:
    return all(m in text for m in mention)


# --------------------------------------------------------------------------- parameters

CASE_IDS = list(CASES)


def _api_params(invariant: str, check: str | None = None) -> list:
    return [pytest.param(case_id, id=case_id, marks=_xfail(case_id, invariant))
            for case_id in CASE_IDS if "cli_only" not in CHECKS[case_id]
            and (check is None or check in CHECKS[case_id])]


def _cli_params(invariant: str, commands: tuple[str, ...] = COMMANDS, check: str | None = None) -> list:
    return [pytest.param(case_id, command, id=f"{case_id}-{command}",
                         marks=_xfail(case_id, invariant, command))
            for case_id in CASE_IDS if check is None or check in CHECKS[case_id]
            for command in commands]


def _api_of(corpus: Corpus, case_id: str) -> tuple[Case, ApiRun]:
    case, _ = corpus.case(case_id)
    assert case.api  # cli_only cases (the API call would block this process) are not parametrised
    return case, corpus.api(case_id)


# --------------------------------------------------------------------------- API


@pytest.mark.parametrize("case_id", _api_params("api_clean"))
def test_api_result_or_refkit_error(corpus, case_id):
    case, run = _api_of(corpus, case_id)
    assert run.crash is None, run.crash
    assert run.other_warnings == []
    for rel, result in run.read_any.items():
        assert isinstance(result, (RefkitError, ReadResult, Archive)), rel
    if case.refuse == "never":
        assert run.error is None, str(run.error)
    if case.refuse == "must":
        assert run.error is not None
    if run.error is not None:
        message = str(run.error)
        assert message
        if case.refusal:
            assert re.search(case.refusal, message), message
        if case.mention:
            assert _mentions_all(message, case.mention), message


@pytest.mark.parametrize("case_id", _api_params("api_lost"))
def test_api_nothing_lost(corpus, case_id):
    case, run = _api_of(corpus, case_id)
    assert run.crash is None, run.crash
    if run.error is not None:
        assert case.refuse != "never", str(run.error)
        return  # refusing is allowed here; test_api_result_or_refkit_error checks what it says
    rows = len(run.archive.connections.frame)
    assert _in_range(rows, case.rows), (rows, case.rows)
    skipped = {line for line, _ in run.archive.connections.skipped}
    if case.first_degree is not None:
        degree = run.network.people["degree"]
        assert _in_range(int((degree == 1).sum()), case.first_degree)
    if case.capture_rows is not None:
        assert [len(c.frame) for c in run.captures] == [case.capture_rows]
    file_name = case.warned_file or "Connections.csv"
    missing = [line for line in case.warned_lines if not _named(run.warnings, file_name, line)]
    assert missing == [], (missing, run.warnings[:5])
    assert all(_named(run.warnings, "Connections.csv", line) or reason.startswith("only a date")
               for line, reason in run.archive.connections.skipped), skipped
    if case.warning:
        assert any(re.search(case.warning, w) for w in run.warnings), run.warnings[:5]
    if case.mention:
        assert any(_mentions_all(w, case.mention) for w in run.warnings), run.warnings[:5]
    if case.ranked is not None:
        assert len(run.ranked) == case.ranked


@pytest.mark.parametrize("case_id", CASE_IDS)
def test_case_declares_its_checks(corpus, case_id):
    case, folder = corpus.case(case_id)
    assert case.id == case_id
    assert checks_of(case) == CHECKS[case_id]
    assert (folder / case.export).exists() or os.path.islink(folder / case.export)


@pytest.mark.parametrize("case_id", _api_params("api_truth", "truth"))
def test_api_case_truth(corpus, case_id):
    case, run = _api_of(corpus, case_id)
    assert run.crash is None, run.crash
    if run.error is not None:
        assert case.refuse != "never", str(run.error)
        return
    people = run.network.people
    names = set(people["name"].dropna())
    if case.names:
        exact = set(case.names) <= names
        if case.names_or_warning:
            assert exact or run.warnings, sorted(names)
        else:
            assert exact, sorted(set(case.names) - names)
    bad = [n for n in names if n.startswith(case.not_names)] if case.not_names else []
    assert bad == []
    for name, most in case.max_named:
        assert int((people["name"] == name).sum()) <= most
    if case.no_self_introducer:
        me = run.network.me
        ranked = run.ranked
        assert me not in set(ranked["introducer_key"].dropna())
        assert not any(me in keys for keys in ranked["mutual_keys"].dropna())
        assert me not in set(run.network.first_degree)
        assert not (ranked["introducer"] == ME).any()
        first = people[people["degree"] == 1]
        assert not (first["name"] == ME).any(), "the user is their own 1st-degree connection"
    missing = [url for url in case.first_degree_urls if url not in set(run.network.first_degree)]
    assert missing == [], f"not 1st-degree: {missing}"
    if case.unknown_dates is not None:
        own = people[people["degree"] == 1]["connected_on"]
        assert int(own.isna().sum()) == case.unknown_dates
        assert own.dropna().between(pd.Timestamp("2003-01-01"), pd.Timestamp.now()).all()
    if case.max_reported is not None:
        reported = run.network.reported["mutual_count"]
        assert reported.empty or int(reported.max()) <= case.max_reported
        assert run.ranked["mutual_count"].max() <= case.max_reported


@pytest.mark.parametrize("case_id", _api_params("api_private", "planted"))
def test_api_messages_are_private(corpus, case_id):
    case, run = _api_of(corpus, case_id)
    texts = run.warnings + ([str(run.error)] if run.error else []) + [
        str(r) for r in run.read_any.values() if isinstance(r, RefkitError)]
    texts += [w for r in run.read_any.values() if isinstance(r, ReadResult) for w in r.warnings]
    leaks = _leaks(case, texts)
    assert not leaks, f"{leaks} in {[t[:200] for t in texts if any(s in t for s in leaks)][:2]}"


@pytest.mark.parametrize("case_id", _api_params("api_scrub", "timed"))
def test_api_writing_is_linear(corpus, case_id):
    case, run = _api_of(corpus, case_id)
    assert run.crash is None and run.error is None
    assert run.scrub_seconds < case.scrub_seconds, run.scrub_seconds


# --------------------------------------------------------------------------- command line


@pytest.mark.parametrize(("case_id", "command"), _cli_params("cli_finishes"))
def test_cli_finishes(corpus, case_id, command):
    run = corpus.cli(case_id, command)
    assert run.code is not None, f"still running after {corpus.case(case_id)[0].timeout} s"


@pytest.mark.parametrize(("case_id", "command"), _cli_params("cli_exit"))
def test_cli_exit_and_stderr_form(corpus, case_id, command):
    run = corpus.cli(case_id, command)
    assert "Traceback" not in run.stderr + run.stdout, run.stderr.strip().splitlines()[-1]
    assert run.code in (0, 2), (run.code, run.stderr[-300:])
    lines = run.stderr.splitlines()
    if run.code == 2:
        assert lines and lines[-1].startswith("refkit: error: "), lines[-3:]
        assert all(line.startswith("refkit: warning: ") for line in lines[:-1]), lines
    else:
        assert all(line.startswith(("refkit: warning: ", "wrote ")) for line in lines), lines


@pytest.mark.parametrize(("case_id", "command"), _cli_params("cli_control"))
def test_cli_prints_no_control_characters(corpus, case_id, command):
    run = corpus.cli(case_id, command)
    found = {f"U+{ord(c):04X}" for c in _CONTROL.findall(run.stdout + run.stderr)}
    assert found == set(), [line for line in (run.stdout + run.stderr).splitlines()
                            if _CONTROL.search(line)][:3]


@pytest.mark.parametrize(("case_id", "command"), _cli_params("cli_private", check="planted"))
def test_cli_leaks_no_email_or_secret(corpus, case_id, command):
    case, _ = corpus.case(case_id)
    run = corpus.cli(case_id, command)
    files = {p.name: p.read_bytes().decode("utf-8", errors="replace") for p in run.output_files()}
    where = [name for name, text in {"stdout": run.stdout, "stderr": run.stderr, **files}.items()
             if _leaks(case, [text])]
    assert where == [], f"planted e-mails or secrets in {where}"


@pytest.mark.parametrize(("case_id", "command"), _cli_params("cli_contained"))
def test_cli_writes_only_its_output(corpus, case_id, command):
    run = corpus.cli(case_id, command)
    out = OUTPUTS.get(command)
    inside = (lambda rel: rel == out or rel.startswith(out + os.sep)) if out else (lambda rel: False)
    changed = sorted(rel for rel in set(run.before) | set(run.after)
                     if run.before.get(rel) != run.after.get(rel) and not inside(rel))
    assert not changed, f"changed outside {out}: {changed[:8]}"
    if run.code != 0 and out:
        assert not os.path.lexists(run.root / out), "a failed command left its output behind"


@pytest.mark.parametrize(("case_id", "command"), _cli_params("cli_formula", ("rank", "report")))
def test_cli_csv_cells_start_no_formula(corpus, case_id, command):
    run = corpus.cli(case_id, command)
    risky = sorted({(p.name, *cell) for p, text in _csv_texts(run) for cell in _risky_cells(text)})
    assert not risky, f"{len(risky)} formula cells: {risky[:8]}"


@pytest.mark.parametrize(("case_id", "command"), _cli_params("cli_visible", ("rank", "report")))
def test_cli_csv_cells_hold_no_invisible_characters(corpus, case_id, command):
    run = corpus.cli(case_id, command)
    found = {f"U+{ord(c):04X}" for _, text in _csv_texts(run) for c in text if c in INVISIBLE}
    assert not found, f"invisible characters in CSV cells: {sorted(found)}"


_ROWS_READ = re.compile(r"connections \(.*\): ([\d,]+) rows? read")


@pytest.mark.parametrize(("case_id", "command"), _cli_params("cli_lost"))
def test_cli_nothing_lost(corpus, case_id, command):
    case, _ = corpus.case(case_id)
    run = corpus.cli(case_id, command)
    assert run.code is not None
    if case.refuse == "never":
        assert run.code == 0, run.stderr[-1000:]
    if case.refuse == "must":
        assert run.code == 2
    if run.code == 2:
        error = run.stderr.splitlines()[-1]
        if case.refusal:
            assert re.search(case.refusal, error), error
        if case.mention:
            assert _mentions_all(error, case.mention), error
        return
    assert run.code == 0
    warned = [line.removeprefix("refkit: warning: ") for line in run.stderr.splitlines()
              if line.startswith("refkit: warning: ")]
    if case.mention and command != "inspect":
        assert any(_mentions_all(w, case.mention) for w in warned), f"no warning names {case.mention}"
    if case.warning and command != "inspect":
        assert any(re.search(case.warning, w) for w in warned), f"no warning matches {case.warning!r}"
    if command == "inspect" and case.rows is not None:
        counts = _ROWS_READ.findall(run.stdout)
        assert counts and _in_range(int(counts[0].replace(",", "")), case.rows), run.stdout[:500]
    if command == "graph" and case.first_degree is not None and not (case.shared or case.mutuals):
        drawn = re.findall(r"^wrote (\d+) people", run.stderr, flags=re.MULTILINE)
        low, high = case.first_degree if isinstance(case.first_degree, tuple) else (case.first_degree,) * 2
        assert drawn and low + 1 <= int(drawn[0]) <= high + 1, f"drew {drawn}, you and {case.first_degree}"
    if command == "rank" and case.ranked is not None:
        with open(run.root / OUTPUTS["rank"], newline="", encoding="utf-8-sig") as fh:
            assert len(list(csv.DictReader(fh))) == case.ranked


INVARIANTS = {"api_clean", "api_lost", "api_truth", "api_private", "api_scrub", "cli_finishes",
              "cli_exit", "cli_control", "cli_private", "cli_contained", "cli_formula", "cli_visible",
              "cli_lost"}


def test_xfail_table_names_real_cases_invariants_and_commands():
    for case_id, table in XFAIL.items():
        assert case_id in CASES, case_id
        for key, reason in table.items():
            name, _, commands = key.partition(":")
            assert name in INVARIANTS, key
            assert not commands or set(commands.split(",")) <= set(COMMANDS), key
            assert reason.startswith("issue 12 item"), reason
