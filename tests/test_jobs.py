"""The jobs the user applied for: the readers, target companies, who can refer, the requests, the CLI."""

import csv
import dataclasses
import io
import os
import warnings
import zipfile
from datetime import date

import pandas as pd
import pytest

from refkit import RefkitWarning
from refkit.build import build_network
from refkit.cli import main
from refkit.draft import add_application_drafts, referral_request
from refkit.jobs import applications, job_companies, target_companies, who_can_refer
from refkit.read import read_company_follows, read_export, read_job_applications, read_saved_jobs
from refkit.read._kinds import _APPLICATIONS
from refkit.read._table import _table
from refkit.workspace import load_workspace

APP_HEADER = ("Application Date,Contact Email,Contact Phone Number,Company Name,Job Title,Job Url,"
              "Resume Name,Question And Answers")
PRIVATE = ("alex.private@example.com", "+1 555 0199", "Alex_Kim_CV_secret.pdf", "my salary is 123,456",
           "second line of an answer")


def app_row(when, company, title, *, answer="Authorized?: Yes"):
    return (f'"{when}",alex.private@example.com,+1 555 0199,"{company}","{title}",'
            f'https://www.linkedin.com/jobs/view/1,Alex_Kim_CV_secret.pdf,"{answer}"')


THIS_YEAR = date.today().year
APPLICATIONS = "\n".join([
    APP_HEADER,
    app_row(f"1/1/{THIS_YEAR % 100:02d}, 9:05 AM", "Globex", "Senior Backend Engineer",
            answer="Salary?: my salary is 123,456\nsecond line of an answer"),
    app_row("3/2/25, 1:32 PM", "Epic", "Analyst"),
])
SAVED = ('Saved Date,Job Url,Job Title,Company Name\n'
         '"9/2/25, 8:05 AM",https://www.linkedin.com/jobs/view/2,Data Engineer,Globex Corporation\n'
         '"9/3/25, 8:05 AM",https://www.linkedin.com/jobs/view/3,Engineer,Initech')
FOLLOWS = "Organization,Followed On\nHooli,Tue Mar 15 17:17:23 UTC 2022\nGlobex,\"8/15/24, 1:32 PM\""
CONNECTIONS = ("First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
               "Priya,Raman,https://www.linkedin.com/in/priya,,Initech,Engineer,08 Feb 2019\n"
               "Tom,Ortega,https://www.linkedin.com/in/tom,,Globex Corporation,Designer,08 Feb 2021\n"
               "Ana,Wu,https://www.linkedin.com/in/ana,,Epic Games,Producer,08 Feb 2022\n"
               "Bob,Lee,https://www.linkedin.com/in/bob,,Epic Systems,Analyst,08 Feb 2023")
PRIYA = ("First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
         "Lee,Chen,https://www.linkedin.com/in/lee,,Globex,Engineering Manager,08 Feb 2017\n"
         "Mia,Rossi,https://www.linkedin.com/in/mia,,Epic Games,Artist,08 Feb 2018\n"
         "Sam,Park,https://www.linkedin.com/in/sam,,Epic,Analyst,08 Feb 2018\n"
         "Alex,Kim,https://www.linkedin.com/in/alex,,,,08 Feb 2019")
PROFILE = "First Name,Last Name,Headline\nAlex,Kim,Engineer"


def archive_files(jobs=True):
    files = {"Connections.csv": CONNECTIONS, "Profile.csv": PROFILE}
    if jobs:
        files.update({"Jobs/Job Applications.csv": APPLICATIONS, "Jobs/Saved Jobs.csv": SAVED,
                      "Company Follows.csv": FOLLOWS})
    return files


def as_zip(files):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        for name, text in files.items():
            zf.writestr(f"Basic_LinkedInDataExport/{name}", text)
    return buffer.getvalue()


def as_folder(folder, files):
    for name, text in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return folder


def quiet(func, *args, **kwargs):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RefkitWarning)
        return func(*args, **kwargs)


@pytest.fixture
def network(tmp_path):
    export = as_folder(tmp_path / "export", archive_files())
    (tmp_path / "priya.csv").write_text(PRIYA, encoding="utf-8")
    return quiet(build_network, export, shared=[("https://www.linkedin.com/in/priya", tmp_path / "priya.csv")])


# ------------------------------------------------------------------ readers

@pytest.mark.parametrize("where", ["zip", "folder"])
def test_the_archive_reads_the_jobs_files_in_a_zip_and_a_folder(tmp_path, where):
    files = archive_files()
    source = as_zip(files) if where == "zip" else as_folder(tmp_path / "export", files)
    archive = quiet(read_export, source, name="export.zip") if where == "zip" else quiet(read_export, source)
    assert archive.applications.frame["company"].tolist() == ["Globex", "Epic"]
    assert archive.applications.frame["job_title"].tolist() == ["Senior Backend Engineer", "Analyst"]
    assert archive.applications.frame["applied_on"].tolist() == [pd.Timestamp(THIS_YEAR, 1, 1),
                                                                 pd.Timestamp(2025, 3, 2)]
    # the answer ran over two lines: the next application starts on line 4
    assert archive.applications.frame["line"].tolist() == [2, 4]
    assert archive.saved_jobs.frame["company"].tolist() == ["Globex Corporation", "Initech"]
    assert archive.company_follows.frame["followed_on"].tolist() == [pd.Timestamp(2022, 3, 15),
                                                                     pd.Timestamp(2024, 8, 15)]
    assert [part.kind for part in archive.parts()][-3:] == ["applications", "saved_jobs", "company_follows"]


def test_the_private_columns_are_never_read():
    data = APPLICATIONS.encode("utf-8")
    res = read_job_applications(data, name="Job Applications.csv")
    assert list(res.frame.columns) == ["applied_on", "company", "job_title", "job_url", "line"]
    table = _table(data, "Job Applications.csv", (_APPLICATIONS,))
    assert table.extra == {}  # not even the reader's table keeps them
    assert set(table.columns) == {"applied_on", "company", "job_title", "job_url"}
    shown = repr(res) + res.frame.to_csv() + "".join(res.warnings)
    assert not any(secret in shown for secret in PRIVATE)


def test_excel_resaved_applications_with_bad_rows_become_warnings():
    text = (APP_HEADER.replace(",", ";") + "\r\n"
            '15.08.2025 13:32;x@example.com;;Glöbex;Ingénieur;;;\r\n'
            'someday;x@example.com;;Initech;Analyst;;;\r\n'
            '"8/15/49, 1:32 PM";;;Hooli;Engineer;;;\r\n'
            ';;;;Engineer;;;\r\n'
            '"8/16/25, 1:32 PM";;;Acme;Engineer;;;;;extra\r\n')
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", RefkitWarning)
        res = read_job_applications(b"\xef\xbb\xbf" + text.encode("cp1252"), name="Job Applications.csv")
    assert res.frame["company"].tolist() == ["Glöbex", "Initech", "Hooli"]
    assert res.frame["applied_on"].iloc[0] == pd.Timestamp(2025, 8, 15)
    assert res.frame["applied_on"].iloc[1:].isna().all()
    said = " | ".join(res.warnings)
    assert "line 3: cannot read the application date; left empty" in said  # a cell is never quoted
    assert "line 4" in said and "in the future" in said  # 2049
    assert (5, "no company name") in res.skipped
    assert any(line == 6 and "too many fields" in why for line, why in res.skipped)
    assert len(caught) >= 4


def test_saved_jobs_and_follows_readers_and_their_bad_rows():
    saved = quiet(read_saved_jobs, (SAVED + '\n"9/4/25, 8:05 AM",u,Engineer,').encode(), name="Saved Jobs.csv")
    assert saved.frame["saved_on"].tolist() == [pd.Timestamp(2025, 9, 2), pd.Timestamp(2025, 9, 3)]
    assert saved.skipped == ((4, "no company name"),)
    follows = quiet(read_company_follows, (FOLLOWS + "\nInitech,yesterday").encode(), name="Company Follows.csv")
    assert follows.frame["company"].tolist() == ["Hooli", "Globex", "Initech"]
    assert pd.isna(follows.frame["followed_on"].iloc[2])
    assert "line 4" in follows.warnings[0]


def test_a_jobs_file_refkit_cannot_use_does_not_stop_the_import():
    files = archive_files()
    files["Jobs/Job Applications.csv"] = "No applications found"
    archive = quiet(read_export, as_zip(files), name="export.zip")
    assert archive.applications is None and len(archive.connections.frame) == 4
    assert any("Job Applications.csv" in note and "not used" in note for note in archive.notes)


# ------------------------------------------------------------------ target companies, who can refer

def test_job_companies_match_as_people_write_them(network):
    # applied: Globex (this year), Epic (2025); saved: Globex Corporation (= Globex), Initech
    assert job_companies(network) == ["Globex", "Epic", "Initech"]
    assert job_companies(network, followed=True) == ["Globex", "Epic", "Initech", "Hooli"]
    assert target_companies(network, ["Globex Inc.", "Stripe"]) == ["Globex Inc.", "Stripe", "Epic", "Initech"]
    assert target_companies(network, ["Stripe"], jobs=False) == ["Stripe"]
    assert target_companies(network, [], jobs=False, follows=True) == ["Globex", "Hooli"]  # newest first


def test_who_can_refer_worked_out_by_hand(network):
    # Globex: Tom Ortega (yours, at "Globex Corporation"), then Lee Chen at "Globex" through Priya.
    # Epic: Bob Lee (yours, at "Epic Systems": Systems is a generic word), then Sam Park through
    # Priya; never Ana Wu or Mia Rossi, at Epic Games.
    who = who_can_refer(network, today="2026-12-01")
    got = [(r.application, r.company, r.name, int(r.degree), None if pd.isna(r.introducer) else r.introducer)
           for r in who.itertuples()]
    assert got == [(1, "Globex", "Tom Ortega", 1, None), (1, "Globex", "Lee Chen", 2, "Priya Raman"),
                   (2, "Epic", "Bob Lee", 1, None), (2, "Epic", "Sam Park", 2, "Priya Raman")]
    assert applications(network)["job_title"].tolist() == ["Senior Backend Engineer", "Analyst"]


def test_your_connections_there_come_first_the_one_who_knows_you_best_first(network):
    people = network.people.copy()
    people.loc["https://www.linkedin.com/in/bob", "company"] = "Globex"  # Bob (2023) and Tom (2021)
    net = dataclasses.replace(network, people=people)
    who = who_can_refer(net, today="2026-12-01", tags={"Bob Lee": ["close"]})
    globex = who[who["application"] == 1]
    assert globex["name"].tolist() == ["Bob Lee", "Tom Ortega", "Lee Chen"]  # Bob is tagged close


def test_an_application_with_nobody_to_ask_says_so(network):
    jobs = pd.concat([network.jobs, pd.DataFrame({"kind": ["applied"], "on": [pd.Timestamp(THIS_YEAR, 1, 2)],
                                                  "company": ["Globx"], "job_title": ["Engineer"]})])
    who = who_can_refer(dataclasses.replace(network, jobs=jobs.reset_index(drop=True)))
    row = who[who["company"] == "Globx"].iloc[0]
    assert pd.isna(row["name"])
    assert row["note"].startswith("nobody at 'Globx' in your network; did you mean 'Globex")


def test_no_jobs_files_no_applications(tmp_path):
    net = quiet(build_network, as_folder(tmp_path / "e", archive_files(jobs=False)))
    assert net.jobs is None and job_companies(net) == [] and who_can_refer(net).empty


def test_the_referral_request_names_the_role_and_the_day_applied(network):
    who = add_application_drafts(who_can_refer(network, today="2026-12-01"), me="Alex Kim")
    by_name = dict(zip(who["name"], who["referral_request"], strict=True))
    lee = by_name["Lee Chen"]  # through Priya, applied on 1 January this year: no year said
    assert lee.startswith("Hi Priya,")
    assert "I applied for the Senior Backend Engineer role at Globex on 1 January. " in lee
    assert by_name["Tom Ortega"].startswith("Hi Tom,")
    assert "I applied for the Senior Backend Engineer role at Globex on 1 January. Since you work there" \
        in by_name["Tom Ortega"]
    assert "I applied for the Analyst role at Epic on 2 March 2025." in by_name["Sam Park"]
    # a ranked row (no application) reads as before
    plain = referral_request({"name": "Lee Chen", "company": "Globex", "introducer": "Priya Raman"}, me="Alex Kim")
    assert "applied" not in plain


# ------------------------------------------------------------------ workspace and CLI

def workspace(tmp_path, extra=""):
    as_folder(tmp_path / "export", archive_files())
    (tmp_path / "priya.csv").write_text(PRIYA, encoding="utf-8")
    (tmp_path / "refkit.toml").write_text(
        'export = "export"\nmin_mutual = 1\ncompanies = ["Stripe"]\n' + extra
        + '[[shared]]\nfile = "priya.csv"\nowner = "https://www.linkedin.com/in/priya"\n', encoding="utf-8")
    return tmp_path


def test_workspace_settings_switch_the_job_targets(tmp_path):
    folder = workspace(tmp_path / "a")
    ws = load_workspace(folder)
    net = quiet(build_network, **ws.network_options())
    assert ws.rank_options(net)["companies"] == ["Stripe", "Globex", "Epic", "Initech"]
    assert ws.rank_options()["companies"] == ["Stripe"]
    off = load_workspace(workspace(tmp_path / "b", "job_targets = false\nfollow_targets = true\n"))
    assert off.rank_options(net)["companies"] == ["Stripe", "Globex", "Hooli"]
    (tmp_path / "a" / "refkit.toml").write_text('export = "export"\njob_targets = "yes"\n')
    with pytest.raises(Exception, match="job_targets: expected true or false"):
        load_workspace(tmp_path / "a")


def test_rank_takes_the_companies_applied_to_as_targets(tmp_path):
    folder = workspace(tmp_path)
    assert main(["-q", "rank", str(folder)]) == 0
    rows = {r["name"]: r for r in csv.DictReader(open(folder / "out" / "ranked.csv", encoding="utf-8"))}
    assert rows["Lee Chen"]["company_match"] == "True" and "target company" in rows["Lee Chen"]["reason"]
    assert rows["Mia Rossi"]["company_match"] == "False"  # Epic Games is not Epic
    assert main(["-q", "rank", str(folder), "--no-job-targets", "-o", str(tmp_path / "off.csv")]) == 0
    off = {r["name"]: r for r in csv.DictReader(open(tmp_path / "off.csv", encoding="utf-8"))}
    assert off["Lee Chen"]["company_match"] == "False"


def test_applications_command_lists_and_writes_csv_without_private_values(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    folder = workspace(tmp_path)
    assert main(["-q", "applications", str(folder)]) == 0
    out = capsys.readouterr().out
    assert "Your 2 applications and who can refer you at each (2 with someone to ask)" in out
    assert "Senior Backend Engineer at Globex" in out
    assert "Tom Ortega" in out and "ask Priya Raman to introduce you (1 mutual connection)" in out
    assert "Ana Wu" not in out and "Mia Rossi" not in out
    assert all(len(line) <= 80 for line in out.splitlines())
    written = (folder / "out" / "applications.csv").read_text("utf-8")
    rows = list(csv.DictReader(io.StringIO(written)))
    assert [r["name"] for r in rows] == ["Tom Ortega", "Lee Chen", "Bob Lee", "Sam Park"]
    assert "on 1 January" in rows[1]["referral_request"]
    assert not any(secret in written + out for secret in PRIVATE)
    # run again: refkit refreshes the file it wrote
    assert main(["-q", "applications", str(folder)]) == 0


@pytest.mark.parametrize("flag", [["--company", "Acme"], ["--keyword", "data"], ["--no-job-targets"],
                                  ["--only-matching"]])
def test_applications_offers_no_target_flag_it_would_ignore(tmp_path, capsys, flag):
    """Its companies are the jobs applied for: a target flag would do nothing, so it is not one."""
    export = as_folder(tmp_path / "export", archive_files())
    with pytest.raises(SystemExit) as stop:
        main(["applications", str(export), *flag])
    assert stop.value.code == 2 and flag[0] in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["applications", "--help"])
    shown = capsys.readouterr().out
    assert flag[0] not in shown and "--min-mutual" in shown
    with pytest.raises(SystemExit):
        main(["rank", "--help"])  # rank ranks by them
    assert flag[0] in capsys.readouterr().out


def test_applications_command_on_a_plain_export_only_prints(tmp_path, capsys):
    export = as_folder(tmp_path / "export", archive_files())
    before = sorted(os.listdir(tmp_path))
    assert main(["-q", "applications", str(export)]) == 0
    assert "Tom Ortega" in capsys.readouterr().out
    assert sorted(os.listdir(tmp_path)) == before
    bare = as_folder(tmp_path / "bare", archive_files(jobs=False))
    assert main(["-q", "applications", str(bare)]) == 0
    assert "No job applications in your export" in capsys.readouterr().out


def test_hostile_text_in_an_application_is_shown_as_text(tmp_path, capsys):
    files = archive_files()
    files["Jobs/Job Applications.csv"] = "\n".join([
        APP_HEADER, app_row("3/2/25, 1:32 PM", "Globex", "=HYPERLINK(\"http://evil\")\x1b[2J")])
    export = as_folder(tmp_path / "export", files)
    out_csv = tmp_path / "apps.csv"
    assert main(["-q", "applications", str(export), "-o", str(out_csv)]) == 0
    shown = capsys.readouterr().out
    assert "\x1b" not in shown
    rows = list(csv.DictReader(open(out_csv, encoding="utf-8")))
    assert rows and all(r["job_title"].startswith("'=") for r in rows)


def test_who_can_refer_finds_what_paths_into_finds_for_each_company():
    # the samples: applications spelled unlike the network ("Globex Corporation", "Datadog, Inc.")
    from conftest import SAMPLES

    from refkit.rank import paths_into

    ws = load_workspace(SAMPLES)
    net = quiet(build_network, **ws.network_options())
    who = who_can_refer(net, today="2025-11-14")
    assert who["application"].nunique() == 5
    for company, rows in who.groupby("company"):
        expected = quiet(paths_into, net, company, today="2025-11-14")
        got = rows[rows["name"].notna()]
        assert set(got["key"]) == set(expected["key"]), company
        assert got.loc[got["degree"] == 2, "key"].tolist() == expected.loc[expected["degree"] == 2, "key"].tolist()
        assert (got["degree"].tolist() == sorted(got["degree"].tolist()))  # your connections first
    assert who.loc[who["company"] == "Wonka Industries", "name"].isna().all()


def test_companies_matching_is_company_matches_for_many_names():
    from conftest import SAMPLES

    from refkit.companies import companies_matching, company_matches

    net = quiet(build_network, **load_workspace(SAMPLES).network_options())
    names = [c for c in pd.unique(net.people["company"].dropna())]
    names += ["Globex Corporation", "Epic", "Epicor", "The Group", "Stripe, Inc.", "stripe", "  "]
    for target in [*names[:60], "Globex", "Epic", "Meta", "Amazon", "Labs", "Wonka Industries", "Datadog, Inc."]:
        assert companies_matching(target, names) == {c for c in names if company_matches(c, [target])}, target


def test_applications_ignore_the_workspace_threshold_but_not_the_flag(tmp_path, capsys):
    folder = workspace(tmp_path)
    toml = folder / "refkit.toml"
    toml.write_text(toml.read_text().replace("min_mutual = 1", "min_mutual = 10"))
    assert main(["-q", "applications", str(folder)]) == 0  # Lee Chen shares 1 connection: shown
    assert "Lee Chen" in capsys.readouterr().out
    assert main(["-q", "applications", str(folder), "--min-mutual", "2", "--force"]) == 0
    out = capsys.readouterr().out
    assert "Lee Chen" not in out and "Tom Ortega" in out


def test_applications_help_gives_its_own_threshold_and_why(capsys):
    with pytest.raises(SystemExit):
        main(["applications", "--help"])
    shown = " ".join(capsys.readouterr().out.split())
    assert "default 10" not in shown
    assert "(default 1:" in shown and "not the workspace's min_mutual" in shown


def test_a_damaged_application_row_never_puts_a_private_cell_in_a_column():
    # line 3 lost its first comma: short, its cells moved left; line 4 lost the e-mail cell and got
    # one more elsewhere: as wide as the header, but the resume's name sits where the link should be
    text = "\n".join([
        APP_HEADER,
        app_row("3/2/25, 1:32 PM", "Globex", "Engineer"),
        '"3/2/25, 1:32 PM"alex.private@example.com,+1 555 0199,Initech,Analyst,u,Alex_Kim_CV_secret.pdf,"q"',
        '"3/2/25, 1:32 PM",+1 555 0199,Hooli,Analyst,https://x,Alex_Kim_CV_secret.pdf,,"my salary is 123,456"',
        'someday alex.private@example.com,alex.private@example.com,+1 555 0199,Acme,Analyst,https://x,cv,q',
    ])
    res = quiet(read_job_applications, text.encode(), name="Job Applications.csv")
    assert res.frame["company"].tolist() == ["Globex", "Acme"]
    assert [line for line, _ in res.skipped] == [3, 4]
    shown = res.frame.to_csv() + " ".join(res.warnings) + repr(res.skipped)
    assert not any(secret in shown for secret in PRIVATE)
