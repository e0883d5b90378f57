"""The three texts of a double opt-in introduction (issue 17, section 6)."""

from __future__ import annotations

import pandas as pd
import pytest

from refkit import OptionError
from refkit.draft import add_drafts, add_opt_in_drafts, agreed_invitation_note, forwardable_note

LEE = {"name": "Dr. Lee Chen, PhD", "company": "Globex", "position": "Staff Engineer", "introducer": "Priya Raman",
       "mutual_connections": "Priya Raman", "common_ground": "you both worked at Initech"}


def test_the_forwardable_note_is_in_the_introducers_voice_and_names_you_and_why():
    note = forwardable_note(LEE, me="Alex Kim", goal="the platform team's work")
    assert note.startswith("Hi Lee,\n\n")
    assert "Alex Kim, someone I know and trust, is interested in the platform team's work" in note
    assert "(You and Alex both worked at Initech.)" in note
    assert note.endswith("\n\nBest,\nPriya")  # signed by the introducer, not by you
    assert "Would you be open to a short chat with Alex?" in note
    assert forwardable_note({**LEE, "introducer": None}, me="Alex Kim") == ""
    assert "learning more about Globex" in forwardable_note(LEE, me="Alex Kim")
    alumni = {**LEE, "common_ground": "you both worked at Globex"}  # as the referral request says it
    assert "is interested in how things are at Globex these days" in forwardable_note(alumni, me="Alex Kim")


def test_the_invitation_after_they_agreed_fits_the_account_limit():
    long = {**LEE, "name": "Maximiliana Wolfeschlegelsteinhausen-Bergerdorff",
            "introducer": "Bartholomew Featherstonehaugh-Cholmondeley"}
    for limit in (200, 300, 40):
        note = agreed_invitation_note(long, me="Alexandra Konstantinopoulou", limit=limit)
        assert 0 < len(note) <= limit, (limit, note)
    assert agreed_invitation_note(LEE, me="Alex Kim", limit=300) == (
        "Hi Lee, thank you for being open to a chat - Priya Raman told me. "
        "I'd love to connect and find a time that suits you. Best, Alex Kim")
    with pytest.raises(OptionError, match="limit"):
        agreed_invitation_note(LEE, me="Alex Kim", limit=5)


def test_hostile_text_is_cleaned_in_both_texts():
    hostile = {**LEE, "name": "Lee\u202e Chen\x1b[31m", "introducer": "Priya\u2066 Raman\x00",
               "common_ground": "you both worked at Ini\u200btech\r\nBcc: x@example.com"}
    for text in (forwardable_note(hostile, me="Alex Kim"), agreed_invitation_note(hostile, me="Alex Kim")):
        assert not any(c in text for c in "\u202e\u2066\x1b\x00\r"), text
        assert "\nBcc" not in text  # no line of its own


def test_three_texts_per_target_and_the_input_is_not_changed():
    ranked = pd.DataFrame([LEE, {"name": "Bo Li", "company": "Acme", "introducer": None}])
    before = ranked.copy()
    out = add_opt_in_drafts(add_drafts(ranked, me="Alex Kim"), me="Alex Kim", limit=300)
    pd.testing.assert_frame_equal(ranked, before)
    assert out[["referral_request", "forwardable_note", "agreed_invitation"]].notna().all().all()
    assert out.loc[1, "forwardable_note"] == "" and out.loc[1, "referral_request"] == ""
    assert str(out["forwardable_note"].dtype) == "string"
    with pytest.raises(OptionError, match="DataFrame"):
        add_opt_in_drafts([LEE], me="Alex Kim")
