"""Tests for refkit.testing: determinism, LinkedIn formats per era, truth of captures."""

from __future__ import annotations

import csv
import io
import re
import time
import zipfile
from collections import defaultdict
from pathlib import Path

import pytest
from conftest import SAMPLES as DATA_SAMPLES

from refkit import RefkitError
from refkit.testing import generate, write_samples

PREAMBLE = (
    b"Notes:\n"
    b'"When exporting your connection data, you may notice that some of the email addresses '
    b"are missing. You will only see email addresses for connections who have allowed their "
    b"connections to see or download their email address using this setting "
    b"https://www.linkedin.com/psettings/privacy/email. You can learn more here "
    b'https://www.linkedin.com/help/linkedin/answer/261"\n'
    b"\n"
)
HEADER_URL = "First Name,Last Name,URL,Email Address,Company,Position,Connected On"
HEADER_NO_URL = "First Name,Last Name,Email Address,Company,Position,Connected On"
DAY_MON_YEAR = re.compile(r"^\d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4}$")
SMALL = {"n_connections": 60, "n_shared": 4, "coach_connections": 90, "n_captures": 24}


@pytest.fixture(scope="module")
def net():
    return generate()


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    root = tmp_path_factory.mktemp("samples")
    write_samples(root, zip_archive=True)
    return root


def rows_of(text: str, *, delimiter: str = ",") -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))


def user_rows(folder: Path) -> list[list[str]]:
    text = (folder / "my_linkedin_export/Connections.csv").read_bytes()[len(PREAMBLE):]
    return rows_of(text.decode("utf-8"))[1:]


def name_of(first: str, last: str) -> str:
    return " ".join(p for p in (first.strip(), last.strip()) if p)


def owners_by_era(folder: Path, net) -> dict[str, Path]:
    return {row.era: folder / "shared" / row.file for row in net.owners.itertuples() if row.era != "2023+"} | {
        "coach": folder / "shared" / net.owners["file"].iloc[0]
    }


# ---- determinism ------------------------------------------------------------------------


def read_all(paths: dict[str, Path]) -> dict[str, bytes]:
    return {name: path.read_bytes() for name, path in paths.items()}


def test_same_seed_gives_byte_identical_files(tmp_path):
    first = read_all(write_samples(tmp_path / "a", seed=3, zip_archive=True, **SMALL))
    second = read_all(write_samples(tmp_path / "b", seed=3, zip_archive=True, **SMALL))
    assert first == second
    assert len(first) == 11 + 1 + 4 + 1 + 4  # archive (3 jobs files, 3 of recommendations) + zip, shared + owners.csv, 4 of refkit's


def test_different_seed_gives_different_files(tmp_path):
    first = read_all(write_samples(tmp_path / "a", seed=3, **SMALL))
    second = read_all(write_samples(tmp_path / "b", seed=4, **SMALL))
    same_names = first.keys() & second.keys()
    assert first["my_linkedin_export/Connections.csv"] != second["my_linkedin_export/Connections.csv"]
    assert first["mutuals_capture.csv"] != second["mutuals_capture.csv"]
    assert "mutuals_template.csv" in same_names
    assert first["mutuals_template.csv"] == second["mutuals_template.csv"]


def _made_by_use(path: Path) -> bool:
    """What using data_samples/ as a workspace leaves in it (git-ignored): out/ and a tracker."""
    parts = path.relative_to(DATA_SAMPLES).parts
    return parts[0] == "out" or path.name.startswith("refkit.sqlite") or "__pycache__" in parts


def test_committed_data_samples_equal_a_fresh_run(tmp_path):
    fresh = write_samples(tmp_path)
    committed = {
        p.relative_to(DATA_SAMPLES).as_posix()
        for p in DATA_SAMPLES.rglob("*")
        if p.is_file() and p.name not in {"README.md", "regenerate.py", "refkit.toml"} and not _made_by_use(p)
    }
    assert committed == set(fresh)
    for name, path in fresh.items():
        assert (DATA_SAMPLES / name).read_bytes() == path.read_bytes(), name
    total = sum(p.stat().st_size for p in DATA_SAMPLES.rglob("*") if p.is_file() and not _made_by_use(p))
    assert total < 1_000_000


def test_readme_describes_every_committed_file():
    readme = (DATA_SAMPLES / "README.md").read_text("utf-8")
    for path in DATA_SAMPLES.rglob("*.csv"):
        if not _made_by_use(path):  # refkit's outputs in out/ are not sample files
            assert path.name in readme, path.name
    assert "fictional" in readme


# ---- the user's archive -------------------------------------------------------------------


def test_user_connections_format(folder, net):
    raw = (folder / "my_linkedin_export/Connections.csv").read_bytes()
    assert raw.startswith(PREAMBLE + HEADER_URL.encode() + b"\n")
    assert not raw.endswith(b"\n")
    assert b"\r" not in raw
    assert not raw.startswith(b"\xef\xbb\xbf")
    rows = user_rows(folder)
    assert len(rows) == 300
    assert all(len(row) == 7 for row in rows)
    assert all(DAY_MON_YEAR.match(row[6]) for row in rows)
    dates = [time.strptime(row[6], "%d %b %Y") for row in rows]
    assert dates == sorted(dates, reverse=True)  # newest first
    hidden = [row for row in rows if row[:6] == [""] * 6]
    assert len(hidden) == int(net.people.set_index("key").loc[list(net.connections), "hidden"].sum())
    assert 4 <= len(hidden) <= 25  # about 4 %
    visible = [row for row in rows if row[0]]
    assert all(row[2].startswith("https://www.linkedin.com/in/") for row in visible)
    assert all(not row[2].endswith("/") for row in visible)
    assert len({row[2] for row in visible}) == len(visible)
    blank_company = sum(1 for row in visible if row[4] == "" and row[5] == "")
    with_email = sum(1 for row in visible if row[3])
    assert 3 <= blank_company <= 30
    assert 3 <= with_email <= 30
    assert all(row[3].endswith(("@example.com", "@example.org", "@example.net")) for row in visible if row[3])
    # messy names
    assert any("%C3%" in row[2] for row in visible)
    assert any(", " in row[1] for row in visible)  # credentials after a comma
    assert any(row[0] != row[0].strip() or row[1] != row[1].strip() for row in visible)
    assert any(not row[0].isascii() or not row[1].isascii() for row in visible)
    assert b'"' in raw  # minimal quoting happened


def test_user_connections_match_the_hidden_graph(folder, net):
    people = net.people.set_index("key")
    expected = [people.loc[key] for key in net.connections]
    rows = user_rows(folder)
    for row, person in zip(rows, expected, strict=True):
        if person["hidden"]:
            assert row[:6] == [""] * 6
        else:
            assert row[0] == person["first_name"] and row[2] == person["url"]


def test_same_name_pairs_with_different_urls_exist(folder):
    urls_by_name = defaultdict(set)
    for row in user_rows(folder):
        if row[0]:
            urls_by_name[name_of(row[0], row[1])].add(row[2])
    assert sum(1 for urls in urls_by_name.values() if len(urls) > 1) >= 4


def test_messages_format(folder, net):
    raw = (folder / "my_linkedin_export/messages.csv").read_bytes()
    assert not raw.endswith(b"\n")
    rows = rows_of(raw.decode("utf-8"))
    assert rows[0] == [
        "CONVERSATION ID", "CONVERSATION TITLE", "FROM", "SENDER PROFILE URL", "TO",
        "RECIPIENT PROFILE URLS", "DATE", "SUBJECT", "CONTENT", "FOLDER",
    ]
    body = rows[1:]
    assert all(re.match(r"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} UTC$", row[6]) for row in body)
    assert [row[6] for row in body] == sorted((row[6] for row in body), reverse=True)
    senders = defaultdict(set)
    for row in body:
        senders[row[0]].add(row[3])
    both_ways = [c for c, s in senders.items() if net.user_url in s and len(s) == 2]
    only_user = [c for c, s in senders.items() if s == {net.user_url}]
    assert len(both_ways) >= 5
    assert len(only_user) >= 1
    assert any("\n" in row[8] for row in body)  # a multi-line message, quoted


def test_invitations_positions_profile(folder, net):
    raw = (folder / "my_linkedin_export/Invitations.csv").read_bytes()
    assert not raw.endswith(b"\n")
    rows = rows_of(raw.decode("utf-8"))
    assert rows[0] == ["From", "To", "Sent At", "Message", "Direction", "inviterProfileUrl", "inviteeProfileUrl"]
    assert all(re.match(r"^\d{1,2}/\d{1,2}/\d{2}, \d{1,2}:\d{2} (AM|PM)$", row[2]) for row in rows[1:])
    degree = dict(zip(net.people["url"], net.people["degree"], strict=True))
    outgoing = [row for row in rows[1:] if row[4] == "OUTGOING"]
    assert len(outgoing) >= 5
    assert all(row[5] == net.user_url and degree[row[6]] == 2 for row in outgoing)
    assert any(row[4] == "INCOMING" and row[6] == net.user_url for row in rows[1:])

    positions = rows_of((folder / "my_linkedin_export/Positions.csv").read_text("utf-8"))
    assert positions[0] == ["Company Name", "Title", "Description", "Location", "Started On", "Finished On"]
    assert 3 <= len(positions) - 1 <= 4
    assert positions[1][0] == net.user_company and positions[1][5] == ""
    assert all(re.match(r"^[A-Z][a-z]{2} \d{4}$", row[4]) for row in positions[1:])
    profile = rows_of((folder / "my_linkedin_export/Profile.csv").read_text("utf-8"))
    assert profile[0][:6] == ["First Name", "Last Name", "Maiden Name", "Address", "Birth Date", "Headline"]
    assert name_of(profile[1][0], profile[1][1]) == net.user_name


def test_zip_archive_holds_the_archive_files_at_top_level(folder):
    with zipfile.ZipFile(folder / "my_linkedin_export.zip") as zf:
        names = sorted(zf.namelist())
        assert names == ["Company Follows.csv", "Connections.csv", "Endorsement_Received_Info.csv",
                         "Invitations.csv", "Jobs/Job Applications.csv", "Jobs/Saved Jobs.csv",
                         "Positions.csv", "Profile.csv", "Recommendations_Given.csv",
                         "Recommendations_Received.csv", "messages.csv"]
        for name in names:
            assert zf.read(name) == (folder / "my_linkedin_export" / name).read_bytes()


# ---- shared exports per era --------------------------------------------------------------


def test_shared_owners_file(folder, net):
    rows = rows_of((folder / "shared/owners.csv").read_text("utf-8"))
    assert rows[0] == ["file", "owner_name", "owner_url"]
    assert len(rows) - 1 == 5
    shown = {row[2]: name_of(row[0], row[1]) for row in user_rows(folder) if row[0]}
    for file, owner_name, owner_url in rows[1:]:
        assert file.endswith("_Connections.csv") and (folder / "shared" / file).is_file()
        assert shown[owner_url] == owner_name  # an owner is one of the user's connections
    assert list(net.owners["era"]) == ["2023+", "2021-2023", "2018", "excel", "2023+"]
    assert net.owners["coach"].tolist() == [True, False, False, False, False]


def test_coach_export_2023_format_and_truth(folder, net):
    path = owners_by_era(folder, net)["coach"]
    raw = path.read_bytes()
    assert raw.startswith(PREAMBLE + HEADER_URL.encode() + b"\n")
    assert not raw.endswith(b"\n")
    rows = rows_of(raw[len(PREAMBLE):].decode("utf-8"))[1:]
    assert len(rows) == 1700
    coach = net.owners["key"].iloc[0]
    ties = net.ties
    nbrs = set(ties.loc[ties["a"] == coach, "b"]) | set(ties.loc[ties["b"] == coach, "a"])
    people = net.people.set_index("key")
    expected = {people.loc[k, "url"] for k in nbrs if not people.loc[k, "hidden"]}
    assert {row[2] for row in rows if row[2]} == expected
    assert net.user_url in expected  # the user is in a friend's export
    # the same tie carries the same date in both files
    coach_url = net.owners["url"].iloc[0]
    in_user_file = next(row[6] for row in user_rows(folder) if row[2] == coach_url)
    in_coach_file = next(row[6] for row in rows if row[2] == net.user_url)
    assert in_user_file == in_coach_file
    # overlap with the user's own connections and with the other 2023+ export
    user_urls = {row[2] for row in user_rows(folder) if row[0]}
    other = folder / "shared" / net.owners["file"].iloc[4]
    other_urls = {row[2] for row in rows_of(other.read_bytes()[len(PREAMBLE):].decode())[1:]}
    assert len(expected & user_urls) >= 50
    assert len(expected & other_urls) >= 30


def test_export_2021_2023_format(folder, net):
    raw = owners_by_era(folder, net)["2021-2023"].read_bytes()
    assert raw.startswith(PREAMBLE + HEADER_NO_URL.encode() + b"\n")
    assert not raw.endswith(b"\n")
    rows = rows_of(raw[len(PREAMBLE):].decode("utf-8"))[1:]
    assert rows and all(len(row) == 6 and DAY_MON_YEAR.match(row[5]) for row in rows)
    assert max(int(row[5][-4:]) for row in rows) == 2022
    assert "linkedin.com/in/" not in raw.decode("utf-8").split("\n", 4)[4]
    assert any(name_of(row[0], row[1]) == net.user_name for row in rows)


def test_export_2018_format(folder, net):
    raw = owners_by_era(folder, net)["2018"].read_bytes()
    assert raw.startswith(HEADER_NO_URL.encode() + b"\n")
    assert raw.endswith(b"\n")
    assert b"Notes:" not in raw
    assert re.search(rb',"\d{1,2}/\d{1,2}/\d{2}, \d{1,2}:\d{2} [AP]M"\n', raw)  # quoted dates
    rows = rows_of(raw.decode("utf-8"))[1:]
    stamp = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{2}), (\d{1,2}):(\d{2}) (AM|PM)$")
    for row in rows:
        match = stamp.match(row[5])
        assert match, row
        month, day, year, hour = (int(match.group(i)) for i in (1, 2, 3, 4))
        assert 1 <= month <= 12 and 1 <= day <= 31 and 10 <= year <= 18 and 1 <= hour <= 12
    assert any(name_of(row[0], row[1]) == net.user_name for row in rows)


def test_export_resaved_by_excel(folder, net):
    raw = owners_by_era(folder, net)["excel"].read_bytes()
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    text = raw.decode("cp1252")
    assert raw.count(b"\n") == raw.count(b"\r\n")  # CRLF only
    lines = text.split("\r\n")
    assert lines[0] == "Notes:;;;;"
    assert lines[3] == "First Name;Last Name;Company;Position;Connected on"
    rows = rows_of("\r\n".join(lines[4:]), delimiter=";")
    rows = [row for row in rows if row]
    assert all(len(row) == 5 and re.match(r"^\d{2}\.\d{2}\.\d{4}$", row[4]) for row in rows)
    assert "@example." not in text  # the Email column was dropped
    assert any(name_of(row[0], row[1]) == net.user_name for row in rows)


# ---- refkit's own formats --------------------------------------------------------------------


def test_captures_carry_the_true_mutual_counts(folder, net):
    rows = rows_of((folder / "mutuals_capture.csv").read_text("utf-8"))
    assert rows[0] == ["Name", "URL", "Company", "Position", "Mutual Count", "Mutual Connections"]
    body = rows[1:]
    assert len(body) == 80
    first_degree = set(net.connections)
    neighbours = defaultdict(set)
    for a, b in zip(net.ties["a"], net.ties["b"], strict=True):
        neighbours[a].add(b)
        neighbours[b].add(a)
    key_of = dict(zip(net.people["url"], net.people["key"], strict=True))
    shown_name = {
        key_of[row[2]]: name_of(row[0], row[1]) for row in user_rows(folder) if row[0]
    }
    counts = []
    for name, url, _company, _position, count, names in body:
        key = key_of[url]
        assert key not in first_degree and key != net.me
        mutuals = neighbours[key] & first_degree
        assert int(count) == len(mutuals), name
        listed = names.split(";") if names else []
        assert len(listed) <= 3
        assert set(listed) <= {shown_name[k] for k in mutuals}
        counts.append(int(count))
    assert sum(c >= 10 for c in counts) >= 12
    assert sum(c < 10 for c in counts) >= 12
    assert min(counts) >= 1
    assert list(net.captures["mutual_count"]) == counts


def test_generate_meets_the_capture_promise_for_other_seeds():
    for seed in (1, 2, 11):
        captures = generate(seed=seed).captures
        assert len(captures) == 80
        assert (captures["mutual_count"] >= 10).sum() >= 12


def test_template_tags_and_edges(folder, net):
    template = (folder / "mutuals_template.csv").read_bytes()
    assert template == b"Name,URL,Company,Position,Mutual Count,Mutual Connections\n"
    tags = rows_of((folder / "tags.csv").read_text("utf-8"))
    assert tags[0] == ["Name", "URL", "Tags"]
    allowed = {"family", "close", "former colleague", "classmate", "mentor"}
    user_urls = {row[2] for row in user_rows(folder) if row[0]}
    assert 12 <= len(tags) - 1 <= 18
    for _name, url, labels in tags[1:]:
        assert url in user_urls
        assert set(labels.split(";")) <= allowed
    edges = rows_of((folder / "edges.csv").read_text("utf-8"))
    assert edges[0] == ["source", "target", "note"]
    assert len(edges) - 1 == 30
    key_of = dict(zip(net.people["url"], net.people["key"], strict=True))
    true_ties = {frozenset(pair) for pair in zip(net.ties["a"], net.ties["b"], strict=True)}
    first_degree = set(net.connections)
    for source, target, note in edges[1:]:
        pair = frozenset((key_of[source], key_of[target]))
        assert pair in true_ties and note
        assert pair & first_degree


def test_generate_tables(net):
    assert list(net.people.columns) == [
        "key", "url", "first_name", "last_name", "name", "company", "position",
        "school", "city", "email", "hidden", "degree",
    ]
    assert net.people["key"].is_unique and net.people["url"].is_unique
    assert list(net.ties.columns) == ["a", "b", "connected_on"]
    assert not (net.ties["a"] == net.ties["b"]).any()
    pairs = {frozenset(p) for p in zip(net.ties["a"], net.ties["b"], strict=True)}
    assert len(pairs) == len(net.ties)
    assert len(net.connections) == 300
    assert (net.people["degree"] == 1).sum() == 300
    assert set(net.owners["key"]) <= set(net.connections)
    names = set(net.people["company"].dropna())
    assert {"Stripe", "Epic Systems", "Epic Games", "Meta", "Metabase", "Acme GmbH", "Globex Inc."} <= names
    encoded = net.people.loc[net.people["url"].str.contains("%", regex=False)].iloc[0]
    assert encoded["key"] != encoded["url"] and "%" not in encoded["key"]


@pytest.mark.parametrize(
    "options",
    [{"n_connections": 10}, {"n_shared": 200}, {"seed": -1}, {"coach_connections": "many"}],
)
def test_bad_options_raise_refkit_error(options):
    with pytest.raises(RefkitError):
        generate(**options)


# ---- scale -------------------------------------------------------------------------------------


def data_rows(path: Path) -> int:
    """Number of data rows of a shared export of any era."""
    raw = path.read_bytes()
    if b";" in raw.split(b"\n", 1)[0] or raw.startswith(b"Notes:;"):
        return len(rows_of(raw.decode("cp1252"), delimiter=";")) - 4
    if raw.startswith(b"Notes:"):
        return len(rows_of(raw.decode("utf-8"))) - 4  # Notes, sentence, blank line, header
    return len(rows_of(raw.decode("utf-8"))) - 1


def test_scale_run_finishes_quickly(tmp_path):
    start = time.perf_counter()
    paths = write_samples(tmp_path, n_connections=30_000, n_shared=200, shared_rows=2_000)
    elapsed = time.perf_counter() - start
    assert elapsed < 60
    shared = [p for name, p in paths.items() if name.startswith("shared/") and name != "shared/owners.csv"]
    assert len(shared) == 200
    assert sum(data_rows(p) for p in shared) == 1_700 + 199 * 2_000
    assert len(user_rows(tmp_path)) == 30_000
    captures = rows_of((tmp_path / "mutuals_capture.csv").read_text("utf-8"))[1:]
    assert len(captures) == 80
    assert sum(int(row[4]) >= 10 for row in captures) >= 12
