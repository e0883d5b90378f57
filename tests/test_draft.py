"""Tests for refkit.draft: invitation notes, referral requests, introductions."""

from __future__ import annotations

import re

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from refkit import RefkitError, draft
from refkit._text import clean_text
from refkit.draft import add_drafts, introduction_note, invitation_note, referral_request

JANE = {
    "rank": 1,
    "name": "Jane Chen, PhD",
    "company": "Globex",
    "position": "Data Engineer",
    "mutual_count": 14,
    "mutual_connections": "Priya Raman; Tomás Ortega; Ann Lee",
    "introducer": "Priya Raman",
    "common_ground": "you both worked at Initech",
}

# The shortening ladder for JANE, worked out by hand from DEFAULT_INVITATION.
LADDER = [
    "Hi Jane, I see we're both connected to Priya Raman and Tomás Ortega, and we both worked at Initech. I'd love to connect. Best, Alex Kim",
    "Hi Jane, I see we're both connected to Priya Raman, and we both worked at Initech. I'd love to connect. Best, Alex Kim",
    "Hi Jane, I see we're both connected to Priya Raman. I'd love to connect. Best, Alex Kim",
    "Hi Jane, I see we're both connected to Priya Raman. I'd love to connect.",
    "Hi Jane, I see we're both connected to Priya. I'd love to connect.",
    "Hi, I see we're both connected to Priya. I'd love to connect.",
    "Hi Jane, I'd love to connect.",
    "Hi, I'd love to connect.",
    "I'd love to connect.",
]


def test_default_note_is_personal_and_not_linkedins_default():
    note = invitation_note(JANE, me="Alex Kim")
    assert note == LADDER[0]
    assert "professional network" not in note


@pytest.mark.parametrize("step", range(len(LADDER)))
def test_shortening_drops_optional_parts_in_order(step):
    expected = LADDER[step]
    assert invitation_note(JANE, me="Alex Kim", limit=len(expected)) == expected
    if step + 1 < len(LADDER) and len(LADDER[step + 1]) < len(expected):
        assert invitation_note(JANE, me="Alex Kim", limit=len(expected) - 1) == LADDER[step + 1]


def test_premium_limit_keeps_everything():
    assert invitation_note(JANE, me="Alex Kim", limit=300) == LADDER[0]


def test_introducer_is_named_first_even_when_listed_later():
    row = {**JANE, "mutual_connections": "Ann Lee; Priya Raman", "common_ground": None}
    assert invitation_note(row, me="Alex Kim") == (
        "Hi Jane, I see we're both connected to Priya Raman and Ann Lee. I'd love to connect. Best, Alex Kim"
    )


def test_count_only_and_nothing_known():
    row = {"name": "Lee Chen", "mutual_count": 12, "mutual_connections": None, "company": None}
    assert invitation_note(row, me="Alex Kim") == (
        "Hi Lee, I see we have 12 connections in common. I'd love to connect. Best, Alex Kim"
    )
    bare = {"name": "Lee Chen", "common_ground": "you both studied at MIT"}
    assert invitation_note(bare, me="Alex Kim") == "Hi Lee, we both studied at MIT. I'd love to connect. Best, Alex Kim"


def test_names_with_emoji_credentials_accents_and_titles():
    row = {"name": "🚀 Dr. José Álvarez-Núñez, MBA, PMP", "mutual_connections": ("Zoë 🌟 Li, CFA",)}
    assert invitation_note(row, me="Ana Souza 🎓") == (
        "Hi José, I see we're both connected to Zoë Li. I'd love to connect. Best, Ana Souza"
    )


def test_control_and_bidi_characters_are_removed():
    row = {"name": "Lee\u202eneg\u2066 Chen\x07", "mutual_connections": "Pri\x1bya\u202d Raman", "company": "Glo\x00bex"}
    note = invitation_note(row, me="Alex\u2067 Kim")
    assert note == "Hi Lee, I see we're both connected to Pri ya Raman. I'd love to connect. Best, Alex Kim"
    assert not re.search("[\x00-\x1f\u202a-\u202e\u2066-\u2069]", note)


def test_absurdly_long_names_still_fit():
    row = {"name": "A" * 10_000, "mutual_connections": "B" * 10_000, "company": "C " * 5000}
    assert invitation_note(row, me="Alex Kim") == "Hi, I'd love to connect."
    long_words = {"name": "Jane " + "Verylongmiddlename " * 500, "mutual_connections": "Priya " + "Raman " * 500}
    assert invitation_note(long_words, me="M" * 10_000, limit=200) == (
        "Hi Jane, I see we're both connected to Priya. I'd love to connect."
    )


def test_many_mutuals_only_two_named():
    names = "; ".join(f"Person{i} Last{i}" for i in range(300))
    note = invitation_note({"name": "Lee Chen", "mutual_connections": names}, me="Alex Kim")
    assert note == "Hi Lee, I see we're both connected to Person0 Last0 and Person1 Last1. I'd love to connect. Best, Alex Kim"


def test_missing_fields_and_series_rows():
    row = pd.Series({"name": "Lee Chen", "company": pd.NA, "mutual_connections": pd.NA, "mutual_count": pd.NA})
    assert invitation_note(row, me="Alex Kim") == "Hi Lee, I'd love to connect. Best, Alex Kim"


def test_user_template_with_optional_segments():
    template = "Hello {first_name}![ We share {common_ground}.] — {me_first}"
    assert invitation_note({"name": "Lee Chen"}, me="Alex Kim", template=template) == "Hello Lee! — Alex"
    assert invitation_note({"name": "Lee Chen", "common_ground": "Globex"}, me="Alex Kim", template=template) == (
        "Hello Lee! We share Globex. — Alex"
    )


def test_unknown_placeholder_is_named():
    with pytest.raises(RefkitError, match=r"unknown placeholder \{firstname\}"):
        invitation_note(JANE, me="Alex Kim", template="Hi {firstname}")
    with pytest.raises(RefkitError, match=r"unknown placeholder \{me.__class__\}"):
        invitation_note(JANE, me="Alex Kim", template="Hi {me.__class__}")
    with pytest.raises(RefkitError, match=r"unknown placeholder \{blurb\}"):
        add_drafts(pd.DataFrame([JANE]), me="Alex Kim", invitation_template="{blurb}")


def test_bad_templates_and_arguments():
    with pytest.raises(RefkitError, match="unbalanced"):
        invitation_note(JANE, me="Alex Kim", template="Hi [{first_name} [x]]")
    with pytest.raises(RefkitError, match="never closed"):
        invitation_note(JANE, me="Alex Kim", template="Hi [{first_name}")
    with pytest.raises(RefkitError, match="at least 20"):
        invitation_note(JANE, me="Alex Kim", limit=19)
    with pytest.raises(RefkitError, match="me: expected your name"):
        invitation_note(JANE, me="  🚀 ")


def test_template_braces_and_values_with_braces_are_literal():
    row = {"name": "Lee {me} Chen", "company": "{company}"}
    out = invitation_note(row, me="Alex", template="Hi {first_name} {{literally}} at {company}")
    assert out == "Hi Lee {literally} at {company}"


def test_referral_request_exact():
    text = referral_request(JANE, me="Alex Kim", goal="the data engineering team's culture")
    assert text == (
        "Hi Priya,\n\n"
        "I hope you're doing well! I noticed you're connected to Jane Chen, Data Engineer at Globex. "
        "I'm interested in the data engineering team's culture, and Jane's perspective would help me a lot. "
        "Would you be comfortable introducing us? (Jane and I both worked at Initech.)\n\n"
        "To make it easy, here is a short note you can forward to Jane:\n\n"
        "Alex Kim is interested in the data engineering team's culture and would value "
        "15 minutes of your time to hear about your experience at Globex. Would you be open to a short chat?\n\n"
        "No pressure at all if you don't know Jane well enough; just let me know. Thank you!\n\n"
        "Best,\nAlex Kim"
    )


def test_referral_default_goal_and_missing_company():
    row = {"name": "Lee Chen", "introducer": "Priya Raman"}
    text = referral_request(row, me="Alex Kim")
    assert "connected to Lee Chen. I'm interested in learning more about Lee's work," in text
    assert "\n\nAlex Kim is interested in learning more about your work and would value" in text
    assert "at Globex" not in text
    with_company = referral_request({**row, "company": "Globex"}, me="Alex Kim")
    assert "I'm interested in learning more about Globex," in with_company


def test_referral_for_a_name_made_of_emoji():
    text = referral_request({"name": "🚀✨", "introducer": "Priya Raman"}, me="Alex Kim")
    assert "I noticed you're connected to this person. I'm interested in learning more about this person's work," in text


def test_referral_without_introducer_is_empty():
    assert referral_request({**JANE, "introducer": pd.NA}, me="Alex Kim") == ""
    assert referral_request({"name": "Lee Chen"}, me="Alex Kim") == ""


def test_referral_custom_template():
    out = referral_request(JANE, me="Alex Kim", template="{introducer_first}: {blurb}", goal="data roles")
    assert out == (
        "Priya: Alex Kim is interested in data roles and would value 15 minutes of your time "
        "to hear about your experience at Globex. Would you be open to a short chat?"
    )
    with pytest.raises(RefkitError, match=r"\{reason\}"):
        referral_request(JANE, me="Alex Kim", template="{reason}")


def test_introduction_note():
    a = {"name": "Ana Souza 🎓", "position": "Analyst", "company": "Acme"}
    b = pd.Series({"first_name": "Lee", "last_name": "Chen, PhD", "company": None})
    assert introduction_note(a, b, connector="Sam Ortiz") == (
        "Hi Ana and Lee,\n\nI'd like to introduce you to each other: Ana Souza (Analyst at Acme) and "
        "Lee Chen. I'll let you take it from here.\n\nBest,\nSam Ortiz"
    )
    custom = introduction_note(a, b, connector="Sam Ortiz", reason="you both love dbt.",
                               template="{a_first_name} meet {b_name}[: {reason}]")  # fmt: skip
    assert custom == "Ana meet Lee Chen: you both love dbt"
    with pytest.raises(RefkitError, match="person b has no name"):
        introduction_note(a, {"company": "X"}, connector="Sam")
    with pytest.raises(RefkitError, match=r"unknown placeholder \{first_name\}"):
        introduction_note(a, b, connector="Sam", template="{first_name}")


def test_add_drafts_appends_columns_without_mutating():
    ranked = pd.DataFrame([JANE, {**JANE, "name": "Lee Chen", "introducer": pd.NA, "mutual_connections": pd.NA,
                                  "common_ground": pd.NA}])  # fmt: skip
    before = ranked.copy()
    out = add_drafts(ranked, me="Alex Kim", limit=300, goal="data roles")
    pd.testing.assert_frame_equal(ranked, before)
    assert list(out.columns) == [*ranked.columns, "invitation_note", "referral_request"]
    assert out.loc[0, "invitation_note"] == LADDER[0]
    assert out.loc[1, "invitation_note"] == "Hi Lee, I see we have 14 connections in common. I'd love to connect. Best, Alex Kim"
    assert out.loc[0, "referral_request"].startswith("Hi Priya,")
    assert out.loc[1, "referral_request"] == ""


# ---------------------------------------------------------------- properties
_TEMPLATE_WORDS = {
    w
    for text in (draft.DEFAULT_INVITATION, draft.DEFAULT_INVITATION_COUNT,
                 draft.DEFAULT_INVITATION_NO_MUTUALS, *draft._FALLBACKS)  # fmt: skip
    for w in re.findall(r"[^\W_]+", text)
}
_name = st.text(min_size=0, max_size=60) | st.text(alphabet="ab cdé🚀,\u202e\x00", max_size=400)


@settings(max_examples=300, deadline=None)
@given(
    name=_name,
    company=st.none() | _name,
    mutuals=st.lists(_name, max_size=6),
    ground=st.none() | _name,
    count=st.none() | st.integers(0, 10_000),
    me=st.text(alphabet="Alex Kim🎓", min_size=1, max_size=30).filter(lambda s: any(c.isalpha() for c in s)),
    limit=st.integers(20, 400),
)
def test_notes_always_fit_and_never_cut_words(name, company, mutuals, ground, count, me, limit):
    row = {"name": name, "company": company, "mutual_connections": "; ".join(mutuals),
           "introducer": mutuals[0] if mutuals else None, "common_ground": ground, "mutual_count": count}  # fmt: skip
    note = invitation_note(row, me=me, limit=limit)
    assert 0 < len(note) <= limit
    inputs = [name, company or "", *mutuals, ground or "", str(count), me]
    # words as written, and as cleaned (an invisible soft hyphen inside a word is removed: "0\xad0" -> "00")
    allowed = _TEMPLATE_WORDS | {w for text in inputs for form in (text, clean_text(text))
                                 for w in re.findall(r"[^\W_]+", form)}
    assert set(re.findall(r"[^\W_]+", note)) <= allowed
    assert not re.search("[\x00-\x1f\u202a-\u202e\u2066-\u2069]", note)


def test_a_referral_request_reads_well_to_an_introducer_when_you_worked_there_too():
    row = {"name": "Seo-yeon Levi", "company": "Shopify", "position": "Engineer", "introducer": "Arjun Menon",
           "common_ground": "you both worked at Shopify"}
    text = referral_request(row, me="Minh Takahashi")
    assert "I'm interested in how things are at Shopify these days, and Seo-yeon's perspective" in text
    assert "learning more about Shopify" not in text  # you know the company: you worked there
    assert "(Seo-yeon and I both worked at Shopify.)" in text
    assert "Blurb" not in text and '"' not in text  # one label, no quotes to double in a CSV
    assert "Minh Takahashi is interested in how things are on your team these days" in text



def test_drafts_when_nobody_said_who_you_are_are_signed_with_no_name(tmp_path):
    """Found by trying it: a Connections.csv alone (no Profile.csv, no --me) drafted
    "You is interested in ..." and "Best, You"."""
    from refkit.build import UNKNOWN_NAME, build_network
    from refkit.rank import rank_targets

    me = tmp_path / "Connections.csv"
    me.write_text("First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
                  "Priya,Raman,https://www.linkedin.com/in/priya-raman,,Stripe,Engineer,08 Feb 2021\n",
                  encoding="utf-8")
    priya = tmp_path / "priya.csv"
    priya.write_text("First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
                     "Lee,Chen,https://www.linkedin.com/in/lee-chen,,Globex,Recruiter,01 Mar 2022\n",
                     encoding="utf-8")
    net = build_network(me, shared={"https://www.linkedin.com/in/priya-raman": priya})
    assert net.me_name == UNKNOWN_NAME
    drafted = add_drafts(rank_targets(net, min_mutual=1), me=net.me_name)
    note, request = drafted["invitation_note"].iloc[0], drafted["referral_request"].iloc[0]
    assert note.endswith("I'd love to connect.") and UNKNOWN_NAME not in note
    assert "A friend of mine is interested in learning more about Globex" in request
    assert f"{UNKNOWN_NAME} is" not in request and request.endswith("Best,")


def test_your_profile_url_alone_signs_the_drafts_with_the_name_your_friends_list_it_by(tmp_path):
    """Found by the tester: ``--me <your URL>`` without Profile.csv signed every note with
    no name, though the friends' exports list that URL with your name."""
    from refkit.build import UNKNOWN_NAME, build_network
    from refkit.rank import rank_targets

    header = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
    me = tmp_path / "Connections.csv"
    me.write_text(header + "Priya,Raman,https://www.linkedin.com/in/priya-raman,,Stripe,Engineer,08 Feb 2021\n"
                  "Omar,Haddad,https://www.linkedin.com/in/omar-haddad,,Stripe,Engineer,08 Feb 2021\n",
                  encoding="utf-8")
    priya, omar = tmp_path / "priya.csv", tmp_path / "omar.csv"
    priya.write_text(header + "Lee,Chen,https://www.linkedin.com/in/lee-chen,,Globex,Recruiter,01 Mar 2022\n"
                     "Minh,Takahashi,https://www.linkedin.com/in/minh-t/,,Atlassian,Engineer,01 Mar 2020\n",
                     encoding="utf-8")
    omar.write_text(header + "Lee,Chen,https://www.linkedin.com/in/lee-chen,,Globex,Recruiter,01 Mar 2022\n"
                    "Minh,Takahashi,,,Atlassian,Engineer,01 Mar 2020\n",  # no URL: you, by name
                    encoding="utf-8")
    shared = {"https://www.linkedin.com/in/priya-raman": priya, "https://www.linkedin.com/in/omar-haddad": omar}
    net = build_network(me, shared=shared, me="linkedin.com/in/Minh-T")
    assert net.me_name == "Minh Takahashi"
    ranked = rank_targets(net, min_mutual=1)
    assert ranked["name"].tolist() == ["Lee Chen"]  # you are nobody's target, by URL or by name
    drafted = add_drafts(ranked, me=net.me_name)
    assert drafted["invitation_note"].iloc[0].endswith("Best, Minh Takahashi")
    assert drafted["referral_request"].iloc[0].endswith("Best,\nMinh Takahashi")
    # a URL no file lists: nothing to take a name from
    assert build_network(me, shared=shared, me="https://www.linkedin.com/in/someone-else").me_name == UNKNOWN_NAME
