"""A generated corpus of hostile and odd input files for refkit (issue 12).

Each generator writes one case into an empty folder and returns a :class:`Case`:
which files to give refkit (the user's export, shared exports, captures) and the
truth about them: how many connections the export really holds, which lines must
be named in a warning, which e-mail addresses and secrets were planted, what a
refusal must say. ``tests/test_hostile_corpus.py`` runs every case through the
Python API and the command line and checks the invariants against that truth.

The files are written the way LinkedIn writes them (``tests/linkedin_files.py``:
preamble, header, ``https://www.linkedin.com/in/<slug>``) except for the one
thing each case breaks.

Examples
--------
>>> import tempfile
>>> case = make("same_name_nourl_2021", Path(tempfile.mkdtemp()))
>>> case.rows, case.first_degree, case.refuse
(7, 7, 'never')
"""

from __future__ import annotations

import csv
import io
import os
import random
import warnings
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from linkedin_files import HEADER_2021, HEADER_2023, PREAMBLE, U

__all__ = ["CASES", "Case", "make"]

ME = "Ana Lima"
ME_URL = U + "ana-lima"
#: the user's two friends, who share their exports: (first, last, slug, company, position)
FRIENDS = [("Priya", "Raman", "priya-raman", "Stripe", "Engineer"),
           ("Tomas", "Ortega", "tomas-ortega", "Globex", "Designer")]  # fmt: skip
DATE = "08 Feb 2021"
SHARED_DATE = "01 Mar 2022"

#: invisible characters of item 11 (and the other bidi controls)
INVISIBLE = "\u2060\u180e\u00ad\u200b\ufeff\u202e\u202a\u202b\u202c\u202d\u2066\u2067\u2068\u2069\u200e\u200f"


@dataclass(frozen=True)
class Case:
    """One hostile case: the inputs (paths relative to the case folder) and their truth.

    ``rows`` is how many connections the export holds once legitimately skipped
    rows are left out (an int, or an inclusive ``(low, high)`` range where the
    issue leaves a choice); None when the export must be refused.
    """

    id: str
    items: tuple[int, ...]
    export: str
    shared: tuple[tuple[str, str], ...] = ()
    mutuals: tuple[str, ...] = ()
    me: str | None = ME
    refuse: str = "never"  # never | may | must
    refusal: str | None = None  # regex the refusal must match
    rows: int | tuple[int, int] | None = None
    first_degree: int | tuple[int, int] | None = None  # people in the network from the own export
    capture_rows: int | None = None  # rows read from the (one) capture
    warned_lines: tuple[int, ...] = ()  # lines of the export (or the capture) a warning must name
    warned_file: str | None = None  # the file those lines are in (default: the export)
    warning: str | None = None  # when not refused: a regex some warning must match
    mention: tuple[str, ...] = ()  # a refusal, or else one warning, must contain each of these
    emails: tuple[str, ...] = ()  # planted e-mail addresses: in no output, stdout, stderr
    secrets: tuple[str, ...] = ()  # planted secrets: never echoed anywhere
    names: tuple[str, ...] = ()  # display names that must be read exactly
    names_or_warning: bool = False  # ``names`` exact, or else some warning about the file
    not_names: tuple[str, ...] = ()  # no person's name may start with one of these
    max_named: tuple[tuple[str, int], ...] = ()  # at most this many people with that name
    no_self_introducer: bool = False
    first_degree_urls: tuple[str, ...] = ()  # people who must be 1st-degree (when not refused)
    unknown_dates: int | None = None  # own rows whose Connected On must be unknown (NaT)
    max_reported: int | None = None  # largest mutual count a network may hold
    scrub_seconds: float | None = None  # writing the ranked CSV must take less
    ranked: int | None = None  # rows of ranked.csv (CLI) / rank_targets (API)
    api: bool = True  # False: command line only (the API call would block)
    timeout: float = 60.0


# --------------------------------------------------------------------------- writing


def _lines(header: str, rows: Sequence[Sequence[str]]) -> list[str]:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")  # minimal quoting, as LinkedIn does
    writer.writerow(header.split(","))
    writer.writerows(rows)
    return buffer.getvalue().splitlines()


def _text(header: str, rows: Sequence[Sequence[str]], *, preamble: bool = True) -> str:
    # 2021+: no newline after the last row
    return (PREAMBLE if preamble else "") + "\n".join(_lines(header, rows))


def _row(first: str, last: str, slug: str, company: str, position: str, *, email: str = "",
         date: str = DATE, url: bool = True) -> list[str]:
    return [first, last] + ([U + slug if slug else ""] if url else []) + [email, company, position, date]


def _friend_rows(*, url: bool = True, date: str = DATE) -> list[list[str]]:
    return [_row(f, la, s, c, p, url=url, date=date) for f, la, s, c, p in FRIENDS]


def _write(path: Path, text: str | bytes, encoding: str = "utf-8") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text if isinstance(text, bytes) else text.encode(encoding))
    return path


def _own(folder: Path, rows: Sequence[Sequence[str]] = (), *, header: str = HEADER_2023,
         friends: bool = True) -> str:
    url = "URL" in header.split(",")
    body = (_friend_rows(url=url) if friends else []) + [list(r) for r in rows]
    _write(folder / "export" / "Connections.csv", _text(header, body))
    return "export/Connections.csv"


def _shared(folder: Path, targets: Sequence[Sequence[str]]) -> tuple[tuple[str, str], ...]:
    """Both friends share an export holding ``targets``: everyone there has 2 mutual connections.

    Each friend's export also lists the other friend (never themselves), so no two files are
    the same export (which refkit refuses under two owners).
    """
    pairs = []
    for first, _, slug, _, _ in FRIENDS:
        rel = f"shared/{first.lower()}.csv"
        others = [r for r in _friend_rows() if r[0] != first]
        _write(folder / rel, _text(HEADER_2023, [*targets, *others]))
        pairs.append((U + slug, rel))
    return tuple(pairs)


def _target(i: int, first: str = "Target", *, company: str = "Initech", position: str = "Manager",
            email: str = "", last: str | None = None) -> list[str]:
    return _row(first, last if last is not None else f"T{i}", f"target-{i}", company, position,
                email=email, date=SHARED_DATE)


def _people(n: int, *, start: int = 0) -> list[list[str]]:
    return [_row(f"Person{i:05d}", f"Last{i:05d}", f"person-{i:05d}", f"Company {i % 97}",
                 "Engineer", date=DATE) for i in range(start, start + n)]


def _zip(path: Path, members: Sequence[tuple[str, str | bytes]]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # "Duplicate name": on purpose
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
            for name, data in members:
                zf.writestr(zipfile.ZipInfo(name, date_time=(2024, 1, 1, 0, 0, 0)), data,
                            compress_type=zipfile.ZIP_DEFLATED)
    return path


# --------------------------------------------------------------------------- cases

CASES: dict[str, Callable[[Path], Case]] = {}
#: which optional checks a case has, known before it is generated (so tests can be
#: parametrised without writing any file): "planted" (e-mails or secrets), "truth"
#: (case-specific facts), "timed" (a time bound), "cli_only" (no API run).
#: The harness checks these against the truth.
CHECKS: dict[str, frozenset[str]] = {}


def case(*checks: str) -> Callable[[Callable[[Path], Case]], Callable[[Path], Case]]:
    """Register a generator under its name (without the leading underscore)."""

    def register(func: Callable[[Path], Case]) -> Callable[[Path], Case]:
        name = func.__name__.lstrip("_")
        CASES[name] = func
        CHECKS[name] = frozenset(checks)
        return func

    return register


def checks_of(case: Case) -> frozenset[str]:
    """The optional checks ``case`` really has (compared with :data:`CHECKS`)."""
    truth = (case.names or case.not_names or case.max_named or case.no_self_introducer
             or case.first_degree_urls or case.unknown_dates is not None
             or case.max_reported is not None)
    found = {"planted": bool(case.emails or case.secrets), "truth": bool(truth),
             "timed": case.scrub_seconds is not None, "cli_only": not case.api}
    return frozenset(name for name, present in found.items() if present)


def make(case_id: str, folder: Path) -> Case:
    """Write case ``case_id`` into ``folder`` and return its truth."""
    folder.mkdir(parents=True, exist_ok=True)
    return CASES[case_id](folder)


_SAME_NAMES = [("Alex", "Kim", "Acme", "Engineer", "08 Feb 2021"),
               ("Alex", "Kim", "Globex", "Recruiter", "09 Feb 2021"),
               ("Alex", "Kim", "Initech", "Analyst", "10 Feb 2021"),
               ("Maria", "Garcia", "Acme", "Engineer", "11 Feb 2021"),
               ("Maria", "Garcia", "Acme", "Manager", "12 Feb 2021")]  # fmt: skip


@case()
def _same_name_nourl_2021(folder: Path) -> Case:
    """Item 1: a 2021 export (no URL column); 3 Alex Kim and 2 Maria Garcia are 5 people."""
    rows = [_row(f, la, "", c, p, date=d, url=False) for f, la, c, p, d in _SAME_NAMES]
    export = _own(folder, rows, header=HEADER_2021)
    return Case("same_name_nourl_2021", (1,), export, rows=7, first_degree=7)


@case()
def _same_name_empty_url_column(folder: Path) -> Case:
    """Item 1: a URL column that is empty on every row."""
    rows = [_row(f, la, "", c, p, date=d) for f, la, c, p, d in _SAME_NAMES]
    body = [r[:2] + [""] + r[3:] for r in _friend_rows()] + rows
    _write(folder / "export" / "Connections.csv", _text(HEADER_2023, body))
    return Case("same_name_empty_url_column", (1,), "export/Connections.csv", rows=7, first_degree=7)


@case()
def _same_name_no_last_name(folder: Path) -> Case:
    """Item 1: no Last Name column at all: first names repeat."""
    header = "First Name,Email Address,Company,Position,Connected On"
    body = [[f, "", c, p, DATE] for f, _, _, c, p in FRIENDS]
    body += [[f, "", c, p, d] for f, _, c, p, d in _SAME_NAMES]
    _write(folder / "export" / "Connections.csv", _text(header, body))
    return Case("same_name_no_last_name", (1,), "export/Connections.csv", rows=7, first_degree=7)


@case()
def _url_several_names(folder: Path) -> Case:
    """Item 1: one profile URL with two different names (lines 7 and 8)."""
    export = _own(folder, [_row("Ann", "Lee", "ann-lee", "Acme", "Engineer"),
                           _row("Bob", "Stone", "ann-lee", "Globex", "Recruiter")])
    return Case("url_several_names", (1,), export, rows=4, first_degree=(3, 4),
                warning=r"line [78]\b")


@case()
def _stray_quote_large(folder: Path) -> Case:
    """Item 2: an unbalanced quote in data row 2 (line 6) of a 20,001-row file."""
    rows = _people(20_001)
    lines = _lines(HEADER_2023, rows)
    lines[2] = lines[2].replace("Company 1,", '"Company 1,', 1)  # data row 2
    assert lines[2].count('"') == 1
    _write(folder / "export" / "Connections.csv", PREAMBLE + "\n".join(lines))
    return Case("stray_quote_large", (2,), "export/Connections.csv", rows=(20_000, 20_001),
                warned_lines=(6,))


@case()
def _nul_in_last_row(folder: Path) -> Case:
    """Item 3: a NUL byte in the last of 20,002 rows: 20,001 good rows."""
    lines = _lines(HEADER_2023, _people(20_002))
    lines[-1] = lines[-1].replace("Last", "La\x00st", 1)
    _write(folder / "export" / "Connections.csv", PREAMBLE + "\n".join(lines))
    return Case("nul_in_last_row", (3,), "export/Connections.csv", rows=20_001,
                warned_lines=(3 + len(lines),))


@case()
def _mostly_binary(folder: Path) -> Case:
    """Item 3: a header, one row, then 16 KB of random bytes: refused, nothing echoed raw."""
    rng = random.Random(12)
    noise = bytes(rng.randrange(256) for _ in range(16_384))
    data = (HEADER_2023 + "\n" + ",".join(_friend_rows()[0]) + "\n").encode() + noise
    _write(folder / "export" / "Connections.csv", data)
    return Case("mostly_binary", (3,), "export/Connections.csv", refuse="must")


def _messages_header() -> str:
    return "CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,DATE,SUBJECT,CONTENT,FOLDER\n"


@case()
def _oversized_side_file(folder: Path) -> Case:
    """Item 4: a real 201 MB messages.csv beside a good Connections.csv in the archive."""
    path = folder / "export.zip"
    block = ("c1,,Priya Raman,,Ana Lima,2021-05-03 10:11:12 UTC,,"
             + "x" * 1000 + ",INBOX\n").encode() * 1024  # ~1 MB
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as zf:
        zf.writestr("Basic_LinkedIn_Data/Connections.csv",
                    _text(HEADER_2023, _friend_rows() + _people(3)))
        info = zipfile.ZipInfo("Basic_LinkedIn_Data/messages.csv", date_time=(2024, 1, 1, 0, 0, 0))
        info.compress_type = zipfile.ZIP_DEFLATED
        with zf.open(info, "w", force_zip64=True) as fh:
            fh.write(_messages_header().encode())
            for _ in range(201 * 2**20 // len(block) + 1):
                fh.write(block)
    return Case("oversized_side_file", (4,), "export.zip", rows=5, warning=r"(?i)messages\.csv")


def _two(folder: Path, kind: str, first: str, second: str) -> str:
    one = _text(HEADER_2023, _friend_rows() + _people(1))
    two = _text(HEADER_2023, _friend_rows() + _people(3, start=10))
    if kind == "zip":
        _zip(folder / "export.zip", [(first, one), (second, two)])
        return "export.zip"
    _write(folder / "export" / first, one)
    _write(folder / "export" / second, two)
    return "export"


@case()
def _zip_two_subfolders(folder: Path) -> Case:
    """Item 5: Connections.csv in two sub-folders of the zip (3 and 5 rows)."""
    a, b = "Basic_LinkedIn_Data/Connections.csv", "Complete_LinkedIn_DataExport/Connections.csv"
    export = _two(folder, "zip", a, b)
    return Case("zip_two_subfolders", (5,), export, refuse="may", rows=(3, 5),
                mention=("Basic_LinkedIn_Data", "Complete_LinkedIn_DataExport"))


@case()
def _zip_case_variants(folder: Path) -> Case:
    """Item 5: Connections.csv and connections.csv side by side."""
    export = _two(folder, "zip", "Connections.csv", "connections.csv")
    return Case("zip_case_variants", (5,), export, refuse="may", rows=(3, 5),
                mention=("Connections.csv", "connections.csv"))


@case()
def _zip_duplicate_member(folder: Path) -> Case:
    """Item 5: the same member name twice in one zip."""
    export = _two(folder, "zip", "Connections.csv", "Connections.csv")
    return Case("zip_duplicate_member", (5,), export, refuse="may", rows=(3, 5),
                mention=("Connections.csv",))


@case()
def _folder_two_connections(folder: Path) -> Case:
    """Item 5 (sibling in folders): an unpacked export with an old copy in a sub-folder."""
    export = _two(folder, "folder", "Connections.csv", "old/Connections.csv")
    return Case("folder_two_connections", (5,), export, refuse="may", rows=(3, 5),
                mention=("old",))


FORMULAS = ["=1+1", "+1+1", "-1+1", "@SUM(1)", "Engineer;=cmd|' /C calc'!A0;x", "\u2060=1+1",
            "\uff1d1+1", "Sales\t=1+1", "Ops;+1+1", "Lead; @A1", "\u200b-2+3", "\ufeff=1+1"]


@case()
def _formula_cells(folder: Path) -> Case:
    """Items 10, 11: formulas in names, companies and positions of a friend's export."""
    targets = [_target(i, first=p if i % 3 == 0 else "Target", company=p, position=p)
               for i, p in enumerate(FORMULAS)]
    export = _own(folder)
    return Case("formula_cells", (10, 11), export, shared=_shared(folder, targets), rows=2,
                ranked=len(targets))


INVISIBLE_NAMES = ["Ev\u2060e", "\u180eMallory", "Sof\u00adia", "Zero\u200bWidth", "\ufeffBom",
                   "Ann\u202eeeL", "\u2066Iso\u2069"]


@case()
def _invisible_chars(folder: Path) -> Case:
    """Item 11: invisible characters in names, companies and positions."""
    targets = [_target(i, first=n, company=f"Co{n}", position=f"Lead {n}")
               for i, n in enumerate(INVISIBLE_NAMES)]
    export = _own(folder)
    return Case("invisible_chars", (11,), export, shared=_shared(folder, targets), rows=2,
                ranked=len(targets))


ESCAPES = ["\x1b[2J\x1b[H", "\x1b]0;pwned\x07", "\x1b[31mred\x1b[0m", "bell\x07", "back\x08\x08"]


@case()
def _terminal_escapes(folder: Path) -> Case:
    """Item 12: terminal escapes in names, companies, positions, a date and a mutual's name."""
    targets = [_target(i, first=f"E{e}", company=f"Corp{e}", position=e)
               for i, e in enumerate(ESCAPES)]
    export = _own(folder, [_row("Wen", "Zhao", "wen-zhao", "Acme", "Engineer", date="\x1b[2J")])
    capture = "mutuals.csv"
    _write(folder / capture,
           "Name,URL,Company,Position,Mutual Count,Mutual Connections\n"
           f"Zed Ray,{U}zed-ray,\x1b]0;owned\x07,CTO,3,\x1b[2JNobody Known; Priya Raman\n")
    return Case("terminal_escapes", (12,), export, shared=_shared(folder, targets),
                mutuals=(capture,), rows=3, ranked=len(targets) + 1)


@case()
def _terminal_escapes_in_error(folder: Path) -> Case:
    """Item 12: a file without a header whose first line is escapes: the refusal quotes it."""
    _write(folder / "export" / "Connections.csv",
           "\x1b[2J\x1b]0;pwned\x07,\x1b[31mName\x1b[0m,Other\nx,y,z\n")
    return Case("terminal_escapes_in_error", (12,), "export/Connections.csv", refuse="must")


@case("planted")
def _emails_in_text(folder: Path) -> Case:
    """Item 13: e-mail addresses in Company and Position, the Email column, warnings."""
    emails = ("hr@initech-corp.com", "jane.doe@example.org", "t1@example.net",
              "bob.smith@example.com", "ceo@dates.example")
    targets = [_target(0, company=f"Initech ({emails[0]})", position=f"ping me: {emails[1]}",
                       email=emails[2]),
               _target(1, company="Hooli", position=f"{emails[1]};{emails[0]}")]
    export = _own(folder, [_row("Wen", "Zhao", "wen-zhao", "Acme", "Engineer", email=emails[2],
                                date=f"ask {emails[4]}")])
    capture = "mutuals.csv"
    _write(folder / capture,
           "Name,URL,Company,Position,Mutual Count,Mutual Connections\n"
           f"Zed Ray,{U}zed-ray,Umbrella {emails[0]},CTO,3,{emails[3]}; Priya Raman\n")
    return Case("emails_in_text", (13,), export, shared=_shared(folder, targets),
                mutuals=(capture,), rows=3, emails=emails, ranked=3)


@case("timed")
def _scrubber_cost(folder: Path) -> Case:
    """Item 14: a 20,000+-character position with many @ (quadratic e-mail scrubbing)."""
    position = "a" * 12_000 + "@" + "b" * 8_000 + "@c" * 40
    targets = [_target(0, position=position), _target(1, company="Hooli")]
    export = _own(folder)
    return Case("scrubber_cost", (14,), export, shared=_shared(folder, targets), rows=2,
                scrub_seconds=0.5, ranked=2)


HUGE = ["9223372036854775808", "3000000000", "100000000", "30001"]


@case("truth")
def _huge_counts_capture(folder: Path) -> Case:
    """Item 15: mutual counts 2^63, 3e9, 1e8 and 30,001 in refkit's capture template (lines 2-5)."""
    lines = ["Name,URL,Company,Position,Mutual Count,Mutual Connections"]
    lines += [f"Big{i} Count,{U}big-{i},Initech,CTO,{n},Priya Raman" for i, n in enumerate(HUGE)]
    lines.append(f"Fine Count,{U}fine,Initech,CTO,12,Priya Raman; Tomas Ortega")
    _write(folder / "mutuals.csv", "\n".join(lines) + "\n")
    return Case("huge_counts_capture", (15,), _own(folder), mutuals=("mutuals.csv",), rows=2,
                capture_rows=5, warned_file="mutuals.csv", warned_lines=(2, 3, 4, 5),
                max_reported=30_000, ranked=5)


@case("truth")
def _huge_counts_search_export(folder: Path) -> Case:
    """Item 15 (sibling): the same counts in a search export's sharedConnectionsCount."""
    lines = ["profileUrl,fullName,firstName,lastName,companyName,title,connectionDegree,"
             "sharedConnectionsCount"]
    lines += [f"{U}big-{i},Big{i} Count,Big{i},Count,Initech,CTO,2nd,{n}" for i, n in enumerate(HUGE)]
    lines.append(f"{U}fine,Fine Count,Fine,Count,Initech,CTO,2nd,12")
    _write(folder / "search.csv", "\n".join(lines) + "\n")
    return Case("huge_counts_search_export", (15,), _own(folder), mutuals=("search.csv",), rows=2,
                capture_rows=5, warned_file="search.csv", warned_lines=(2, 3, 4, 5),
                max_reported=30_000, ranked=1)  # a count left unknown (no names) passes no threshold


@case("truth")
def _impossible_dates(folder: Path) -> Case:
    """Item 16: Connected On in 0001, 1500, 9999, 2099 and 2002 (before LinkedIn) on lines 5-9."""
    bad = ["01 Jan 0001", "01 Jan 1500", "31 Dec 9999", "01 Jan 2099", "15 Jun 2002"]
    rows = [_row(f, la, s, c, p, date=bad[i]) for i, (f, la, s, c, p) in enumerate(FRIENDS)]
    rows += [_row(f"Old{i}", "Date", f"old-{i}", "Acme", "Engineer", date=d)
             for i, d in enumerate(bad[2:])]
    rows.append(_row("Good", "Date", "good-date", "Acme", "Engineer"))
    _write(folder / "export" / "Connections.csv", _text(HEADER_2023, rows))
    targets = [_target(i) for i in range(3)]
    return Case("impossible_dates", (16,), "export/Connections.csv", shared=_shared(folder, targets),
                rows=6, unknown_dates=5, warned_lines=(5, 6, 7, 8, 9), ranked=3)


def _own_shared(folder: Path, owner: str) -> tuple[tuple[str, str], ...]:
    rel = "shared/mine_again.csv"
    targets = [_target(i) for i in range(3)]
    _write(folder / rel, _text(HEADER_2023, _friend_rows() + targets))
    return ((owner, rel),)


@case("truth")
def _owner_is_me_name(folder: Path) -> Case:
    """Item 17: a shared export whose owner is the user, by name: its people are the user's own."""
    return Case("owner_is_me_name", (17,), _own(folder), shared=_own_shared(folder, ME),
                refuse="may", rows=2, no_self_introducer=True,
                first_degree_urls=tuple(U + f"target-{i}" for i in range(3)))


@case("truth")
def _owner_is_me_url(folder: Path) -> Case:
    """Item 17: the owner is the user's profile URL, the user is known by name."""
    return Case("owner_is_me_url", (17,), _own(folder), shared=_own_shared(folder, ME_URL),
                refuse="may", rows=2, no_self_introducer=True,
                first_degree_urls=tuple(U + f"target-{i}" for i in range(3)))


@case("truth")
def _owner_matches_two(folder: Path) -> Case:
    """Item 18: the owner's name matches two of the user's connections."""
    export = _own(folder, [_row("Sam", "Lee", "sam-lee-1", "Acme", "Engineer"),
                           _row("Sam", "Lee", "sam-lee-2", "Initech", "Recruiter")])
    rel = "shared/sam.csv"
    _write(folder / rel, _text(HEADER_2023, [_target(i) for i in range(3)]))
    return Case("owner_matches_two", (18,), export, shared=(("Sam Lee", rel),), refuse="may",
                rows=4, max_named=(("Sam Lee", 2),),
                warning=r"^(?!.*is not among your connections).*Sam Lee")


@case()
def _same_file_two_owners(folder: Path) -> Case:
    """Item 18: one shared file given under two owners (every count would double)."""
    rel = "shared/common.csv"
    _write(folder / rel, _text(HEADER_2023, [_target(i) for i in range(3)]))
    shared = tuple((U + slug, rel) for _, _, slug, _, _ in FRIENDS)
    return Case("same_file_two_owners", (18,), _own(folder), shared=shared, refuse="may", rows=2,
                warning=r"common\.csv")


@case()
def _shared_path_with_equals(folder: Path) -> Case:
    """Item 18: a shared export whose path holds '=' (``--shared OWNER=a=b.csv``)."""
    rel = "shared/priya=raman.csv"
    _write(folder / rel, _text(HEADER_2023, [_target(i) for i in range(3)]))
    return Case("shared_path_with_equals", (18,), _own(folder), shared=((U + "priya-raman", rel),),
                rows=2, ranked=3)


@case("truth")
def _two_exports_pasted(folder: Path) -> Case:
    """Item 18: a second export (preamble and header) pasted after the first one's rows."""
    first = _text(HEADER_2023, _friend_rows() + _people(2))
    second = _text(HEADER_2023, _people(3, start=10))
    _write(folder / "export" / "Connections.csv", first + "\n" + second)
    return Case("two_exports_pasted", (18,), "export/Connections.csv", refuse="may", rows=7,
                first_degree=7, not_names=("First Name", "Notes", "When exporting"))


MIXED_CP1252 = [("José", "Núñez"), ("François", "Lefèvre"), ("Jürgen", "Müller"),
                ("Ångström", "Søren"), ("Iñés", "Peñalosa"), ("Zoë", "Brontë")]  # fmt: skip
MIXED_UTF8 = [("Łukasz", "Żółw"), ("Dvořák", "Čapek")]


@case("truth")
def _mixed_cp1252_utf8(folder: Path) -> Case:
    """Item 19: a mostly-cp1252 file with two UTF-8 lines (characters cp1252 cannot hold)."""
    lines = [(HEADER_2023 + "\n").encode()]
    for i, (first, last) in enumerate(MIXED_CP1252):
        lines.append((",".join(_row(first, last, f"cp-{i}", "Acme", "Engineer")) + "\n").encode("cp1252"))
    for i, (first, last) in enumerate(MIXED_UTF8):
        lines.append((",".join(_row(first, last, f"u8-{i}", "Acme", "Engineer")) + "\n").encode())
    _write(folder / "export" / "Connections.csv", PREAMBLE.encode() + b"".join(lines))
    names = tuple(f"{f} {la}" for f, la in MIXED_CP1252 + MIXED_UTF8)
    return Case("mixed_cp1252_utf8", (19,), "export/Connections.csv", rows=8, names=names)


@case("truth")
def _mac_roman(folder: Path) -> Case:
    """Item 19: a Mac-Roman file: read right, or warned about."""
    rows = [_row(f, la, f"mac-{i}", "Acme", "Engineer") for i, (f, la) in enumerate(MIXED_CP1252)]
    _write(folder / "export" / "Connections.csv", _text(HEADER_2023, rows), encoding="mac_roman")
    names = tuple(f"{f} {la}" for f, la in MIXED_CP1252)
    return Case("mac_roman", (19,), "export/Connections.csv", rows=6, names=names,
                names_or_warning=True)


_DEID_HEADER = ("De-Identified First Name,De-Identified Last Name,URL,Email Address,Company,"
                "Position,Connected On")


@case()
def _deidentified(folder: Path) -> Case:
    """Item 23: a de-identified export (header on line 1): say that names were removed."""
    rows = [["", "", "", "", "Acme", "Engineer", DATE], ["", "", "", "", "Globex", "Designer", DATE]]
    _write(folder / "export" / "Connections.csv", _text(_DEID_HEADER, rows, preamble=False))
    return Case("deidentified", (23,), "export/Connections.csv", refuse="must",
                refusal=r"(?i)\bnames?\b.*\bremoved\b")


@case()
def _deidentified_preamble(folder: Path) -> Case:
    """Item 23: the same with LinkedIn's preamble (the message must not quote ``Notes:``)."""
    rows = [["", "", "", "", "Acme", "Engineer", DATE], ["", "", "", "", "Globex", "Designer", DATE]]
    _write(folder / "export" / "Connections.csv", _text(_DEID_HEADER, rows))
    return Case("deidentified_preamble", (23,), "export/Connections.csv", refuse="must",
                refusal=r"(?i)\bnames?\b.*\bremoved\b")


@case("planted")
def _symlinks_out_of_folder(folder: Path) -> Case:
    """Item 22: side files and a sub-folder of the export are links to files outside it."""
    secret = "TOP-SECRET-7f3a,keeper.of.keys@vault.example,hunter2\nsecond,line,here\n"
    _write(folder / "outside" / "secret.txt", secret)
    _write(folder / "outside" / "Invitations.csv", secret)
    export = _own(folder)
    for name in ("messages.csv", "Profile.csv", "Positions.csv"):
        os.symlink(os.path.join("..", "outside", "secret.txt"), folder / "export" / name)
    os.symlink(os.path.join("..", "outside"), folder / "export" / "Jobs")
    return Case("symlinks_out_of_folder", (22,), export.rsplit("/", 1)[0], rows=2,
                secrets=("TOP-SECRET-7f3a", "hunter2"), emails=("keeper.of.keys@vault.example",))


@case("cli_only")
def _fifo_export(folder: Path) -> Case:
    """Item 21: the export is a FIFO nobody writes to: refuse, do not wait forever."""
    (folder / "export").mkdir()
    os.mkfifo(folder / "export" / "Connections.csv")
    return Case("fifo_export", (21,), "export/Connections.csv", refuse="must", api=False,
                timeout=15.0)  # refused at once; the margin is for a loaded machine
