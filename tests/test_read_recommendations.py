"""Recommendations and endorsements (issue 17 section 2): every quirk, in a zip and a folder,
bad rows as warnings with their lines, the recommendation's text never kept; and what they
add to tie strength and the reason, on hand-built data worked out by hand."""

import io
import warnings
import zipfile

import pandas as pd
import pytest

from refkit import RefkitWarning
from refkit.build import build_network
from refkit.rank import rank_targets, tie_strength
from refkit.read import detect_kind, read_any, read_endorsements, read_export, read_recommendations
from refkit.testing import PREAMBLE

IN = "https://www.linkedin.com/in/"
RECS_HEADER = "First Name,Last Name,Company,Job Title,Text,Creation Date,Status"
ENDORSE_2024 = ("Endorsement Date,Skill Name,Endorser First Name,Endorser Last Name,"
                "Endorser Public Url,Endorsement Status")
ENDORSE_OLD = "Endorsement Date,Skill Name,Endorser First Name,Endorser Last Name,Endorsement Status"
SECRET = "SECRET-RECOMMENDATION-WORDS"

RECEIVED = "\n".join([
    RECS_HEADER,
    # a text over several lines, with commas and quotes; a 2009 US date with time
    f'Priya,Raman,Initech,Data Engineer,"{SECRET}, she ""rocks"",\nreally.","07/21/09, 12:11 PM",VISIBLE',
    "Omar,\"Haddad, PhD\",Hooli,Manager,Fine.,1/1/24,HIDDEN",  # credentials, short date
    ",,Acme,CTO,nobody wrote this,2021-11-02,VISIBLE",  # no name: skipped with its line
    "Ann,Wu,Acme,Designer,ok,31/31/99,VISIBLE",  # a date that cannot be read: warned, kept
]) + "\n"
GIVEN = RECS_HEADER + "\nAnn,Wu,Acme,Designer,You wrote this,2022-05-03,VISIBLE\n"
ENDORSED = "\n".join([
    ENDORSE_2024,
    "2021/09/01 12:41:31 UTC,Databases,Omar,Haddad,www.linkedin.com/in/omar,ACCEPTED",
    "2021/09/01 12:41:30 UTC,Python,Omar,Haddad,www.linkedin.com/in/omar,ACCEPTED",
    "2024/01/01,SQL,Omar,Haddad,www.linkedin.com/in/omar,ACCEPTED",
    "2024-01-02,Go,Omar,Haddad,www.linkedin.com/in/omar,ACCEPTED",  # a fourth: capped at 3
    "2026/07/28 13:20:46 UTC,Rust,Ann,Wu,www.linkedin.com/in/ann,REJECTED",  # turned down
    "2099/01/01 10:00:00 UTC,Rust,,,,ACCEPTED",  # no name, and a future date: skipped
]) + "\n"
CONNECTIONS = PREAMBLE + "\n".join([
    "First Name,Last Name,URL,Email Address,Company,Position,Connected On",
    f"Priya,Raman,{IN}priya,,Initech,Data Engineer,01 Mar 2022",
    f"Omar,Haddad,{IN}omar,,Hooli,Manager,01 Mar 2022",
    f"Ann,Wu,{IN}ann,,Acme,Designer,01 Mar 2022",
])
FILES = {"Connections.csv": CONNECTIONS, "Recommendations_Received.csv": RECEIVED,
         "Recommendations_Given.csv": GIVEN, "Endorsement_Received_Info.csv": ENDORSED}


def quietly(func, *args, **kwargs):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return func(*args, **kwargs)


def test_recommendations_received_every_quirk_and_bad_rows():
    with pytest.warns(RefkitWarning) as caught:
        res = read_recommendations(RECEIVED.encode(), name="Recommendations_Received.csv")
    assert res.kind == "recommendations" and res.era == "received"
    frame = res.frame
    assert frame["first_name"].tolist() == ["Priya", "Omar", "Ann"]
    assert frame["last_name"].tolist() == ["Raman", "Haddad, PhD", "Wu"]
    assert frame["line"].tolist() == [2, 4, 6]  # Priya's text ran over two lines
    assert frame["created_on"].tolist()[:2] == [pd.Timestamp("2009-07-21 12:11"),
                                                pd.Timestamp("2024-01-01")]
    assert pd.isna(frame.loc[2, "created_on"])
    assert frame["status"].tolist() == ["VISIBLE", "HIDDEN", "VISIBLE"]
    assert set(frame["direction"]) == {"received"}
    assert res.skipped == ((5, "no name"),)
    said = [str(w.message) for w in caught]
    assert "Recommendations_Received.csv, line 5: no name; row skipped" in said
    assert any("line 6: cannot read Creation date '31/31/99'" in s for s in said)
    # the text is other people's words: in no column, no warning, nowhere in the result
    assert "text" not in frame and SECRET not in frame.to_csv() and SECRET not in repr(res.warnings)


def test_direction_from_the_name_or_given_and_checked():
    given = read_recommendations(GIVEN.encode(), name="Recommendations_Given.csv")
    assert given.frame["direction"].tolist() == ["given"]
    unknown = read_recommendations(GIVEN.encode(), name="recs.csv")
    assert pd.isna(unknown.frame.loc[0, "direction"]) and "direction unknown" in unknown.era
    said = read_recommendations(GIVEN.encode(), name="recs.csv", direction="received")
    assert said.frame["direction"].tolist() == ["received"]
    with pytest.raises(ValueError, match="direction must be 'received' or 'given', got 'sent'"):
        read_recommendations(GIVEN.encode(), name="recs.csv", direction="sent")


def test_a_header_without_rows_is_no_recommendation_not_an_error():
    res = read_recommendations((RECS_HEADER + "\n").encode(), name="Recommendations_Given.csv")
    assert len(res.frame) == 0 and list(res.frame.columns)[-1] == "line"


def test_endorsements_both_eras_dates_urls_without_scheme_and_bad_rows():
    with pytest.warns(RefkitWarning) as caught:
        res = read_endorsements(ENDORSED.encode(), name="Endorsement_Received_Info.csv")
    assert res.kind == "endorsements" and res.era == "2024+ (with Endorser Public Url)"
    frame = res.frame
    assert len(frame) == 5 and res.skipped == ((7, "no name"),)
    assert frame["endorsed_on"].tolist()[:4] == [
        pd.Timestamp("2021-09-01 12:41:31"), pd.Timestamp("2021-09-01 12:41:30"),
        pd.Timestamp("2024-01-01"), pd.Timestamp("2024-01-02")]
    assert frame.loc[0, "profile_url"] == "www.linkedin.com/in/omar"
    assert frame["status"].tolist()[-1] == "REJECTED"
    assert any("line 7" in str(w.message) for w in caught)
    old = read_endorsements((ENDORSE_OLD + "\n2019/07/18 03:59:41 UTC,Python,Ada,Lovelace,ACCEPTED\n"
                             ).encode(), name="Endorsement_Received_Info.csv")
    assert old.era == "to 2023 (no Endorser Public Url)"
    assert pd.isna(old.frame.loc[0, "profile_url"])
    # re-saved by a spreadsheet: semicolons, cp1252, quoted header names, CRLF
    excel = ('"Endorsement Date";"Skill Name";"Endorser First Name";"Endorser Last Name";'
             '"Endorsement Status"\r\n2020/02/02;Café;José;Müller;accepted\r\n').encode("cp1252")
    resaved = read_endorsements(excel, name="Endorsement_Received_Info.csv")
    assert resaved.frame.loc[0, ["first_name", "last_name", "skill", "status"]].tolist() == [
        "José", "Müller", "Café", "ACCEPTED"]


def test_kinds_are_told_by_their_columns():
    assert detect_kind(RECEIVED.encode(), name="whatever.csv") == "recommendations"
    assert detect_kind(ENDORSED.encode(), name="whatever.csv") == "endorsements"
    assert quietly(read_any, RECEIVED.encode(), name="x.csv").kind == "recommendations"
    # a Connections.csv is not a recommendations file, nor the other way round
    assert detect_kind(CONNECTIONS.encode(), name="x.csv") == "connections"


def make_zip(files, prefix=""):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        for name, text in files.items():
            zf.writestr(prefix + name, text)
    return buffer.getvalue()


@pytest.mark.parametrize("where", ["zip", "folder"])
def test_read_from_the_archive_zip_or_folder(tmp_path, where):
    if where == "zip":
        archive = quietly(read_export, make_zip(FILES, "Basic_LinkedInDataExport/"), name="export.zip")
    else:
        folder = tmp_path / "export" / "Complete_LinkedInDataExport"
        folder.mkdir(parents=True)
        for name, text in FILES.items():
            (folder / name).write_text(text, encoding="utf-8")
        archive = quietly(read_export, tmp_path / "export")
    assert len(archive.recommendations_received.frame) == 3
    assert archive.recommendations_given.frame["direction"].tolist() == ["given"]
    assert len(archive.endorsements.frame) == 5
    assert archive.recommendations_received.warnings  # bad rows said, with lines
    assert all("line" in w for w in archive.recommendations_received.warnings)
    assert "recommendations_received=3 rows" in repr(archive)


def test_a_damaged_side_file_is_left_out_with_a_warning():
    files = {**FILES, "Recommendations_Received.csv": "No recommendations found\n"}
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        archive = read_export(make_zip(files), name="export.zip")
    said = [str(w.message) for w in caught]
    assert any("recommendations_received.csv: not used" in s.lower() for s in said)
    assert archive.recommendations_received is None
    assert archive.endorsements is not None and len(archive.connections.frame) == 3


def network():
    return quietly(build_network, make_zip(FILES), me="Me Myself")


def test_tie_strength_counts_them_in_their_own_columns():
    # all connected 01 Mar 2022: 4.7 years on 2026-11-01
    s = tie_strength(network(), today="2026-11-01")
    rows = s.loc[[f"{IN}priya", f"{IN}omar", f"{IN}ann"],
                 ["recommendations_received", "recommendations_given", "endorsements", "strength"]]
    assert rows.values.tolist() == [
        [1, 0, 0, 4.7 + 6],  # Priya wrote you one
        [1, 0, 4, 4.7 + 6 + 3],  # Omar too (hidden, "Haddad, PhD"), and 4 endorsements (3 count)
        [1, 1, 0, 4.7 + 6 + 4],  # Ann: one received (its date unreadable), one given; one rejected
    ]


def test_the_reason_says_it_and_the_text_goes_nowhere(tmp_path):
    from refkit.export import write_csv

    net = quietly(build_network, make_zip({
        **FILES,
        "shared.csv": "",  # not a LinkedIn file: ignored
    }), me="Me Myself", shared=[(f"{IN}ann", make_shared())])
    ranked = rank_targets(net, min_mutual=1, today="2026-11-01")
    lee = ranked.set_index("key").loc[f"{IN}lee"]
    assert lee["introducer"] == "Ann Wu"
    assert ("Ann Wu knows you best (connected 4 years, wrote you a recommendation, you "
            "recommended them) and has known Lee Chen for 4 years") in lee["reason"]
    out = write_csv(ranked, tmp_path / "ranked.csv")
    assert SECRET not in out.read_text(encoding="utf-8")


def make_shared():
    from refkit.read import read_shared

    text = ("First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
            f"Lee,Chen,{IN}lee,,Globex,Engineer,01 Nov 2022\n")
    return read_shared(text.encode(), owner=f"{IN}ann", name="ann.csv")


def test_endorsed_reason_and_unmatched_people_are_not_counted():
    s = tie_strength(network(), today="2026-11-01")
    assert s["endorsements"].sum() == 4  # the nameless and the rejected left out
    from refkit.rank import _tie_words

    assert _tie_words(s, f"{IN}omar") == ("connected 4 years, wrote you a recommendation, "
                                          "endorsed you 4 times")


def test_the_samples_recommenders_are_found_as_the_generator_chose_them():
    """The generator knows who wrote what: tie_strength finds exactly those people."""
    from pathlib import Path

    import numpy as np

    from refkit.testing import generate
    from refkit.testing._write import _archive_connections, _people, _recommenders, _tags
    from refkit.workspace import load_workspace

    truth = generate()  # the defaults: data_samples
    p = _people(truth)
    rng = np.random.default_rng(np.random.SeedSequence([truth.seed, 0xF17E5]))
    _, visible = _archive_connections(p)
    who = _recommenders(p, *_tags(rng, p, visible))
    keys = truth.people["key"].to_numpy(dtype=object)
    ws = load_workspace(Path(__file__).resolve().parents[1] / "data_samples")
    net = quietly(build_network, **ws.network_options())
    s = tie_strength(net, today="2025-11-14")
    # a recommendation names its writer without a profile URL: one whose name another of
    # your connections has, and whose company cannot tell them apart, is credited to nobody
    names = truth.people.set_index("key")["name"]
    mine = names[list(truth.connections)]
    companies = truth.people.set_index("key")["company"]

    def ambiguous(i):
        same = mine[mine == names[keys[i]]].index
        return len(same) > 1 and (pd.isna(companies[keys[i]])
                                  or (companies[same] == companies[keys[i]]).sum() > 1)

    for column, people in (("recommendations_received", who.received),
                           ("recommendations_given", who.given)):
        clear = {keys[i] for i in people if not ambiguous(i)}
        assert set(s.index[s[column] > 0]) == clear
    assert any(ambiguous(i) for i in who.received)  # the samples hold one such case
    assert len(who.received) >= 4 and who.rejected
    # endorsements carry the endorser's URL: every one is found, the rejected one left out
    endorsed = s["endorsements"][s["endorsements"] > 0]
    assert endorsed.to_dict() == {keys[i]: n for i, n in who.endorsers.items()}


def test_an_endorsers_url_decides_who_it_is_not_the_name():
    # "Ann Wu" endorsed you from another profile than your connection Ann Wu's: not hers
    ends = ENDORSE_2024 + "\n2024/01/01,SQL,Ann,Wu,www.linkedin.com/in/another-ann-wu,ACCEPTED\n"
    net = quietly(build_network, make_zip({"Connections.csv": CONNECTIONS,
                                           "Endorsement_Received_Info.csv": ends}), me="Me Myself")
    assert tie_strength(net, today="2026-11-01")["endorsements"].sum() == 0
    # the same row without a URL (before 2024) is matched by name
    old = ENDORSE_OLD + "\n2019/07/18 03:59:41 UTC,SQL,Ann,Wu,ACCEPTED\n"
    net = quietly(build_network, make_zip({"Connections.csv": CONNECTIONS,
                                           "Endorsement_Received_Info.csv": old}), me="Me Myself")
    assert tie_strength(net, today="2026-11-01").loc[f"{IN}ann", "endorsements"] == 1
