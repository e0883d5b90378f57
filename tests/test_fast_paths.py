"""The fast paths of drafting and CSV writing give what the general paths give, on hostile text.

``refkit.export`` writes a text cell as it is when a cheap test says nothing
would change it (:func:`refkit._text.is_clean`, ``_as_is``, and ``_all_as_is``
for a batch of texts at once); ``refkit.draft`` renders a template as one
format string per choice of optional segments, cleans only the first two
mutual names and reads only the columns a draft uses. Each is compared here
with the general, per-cell (or per-piece, per-row) path it short-cuts.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
from hypothesis import example, given, settings
from hypothesis import strategies as st

from refkit import draft
from refkit import export as ex
from refkit._text import clean_text, is_clean

# Everything cleaning, neutralising and quoting act on: separators of every locale, formula
# starts and their look-alikes, quotes, spaces and line breaks of every kind, controls,
# invisible and blank characters, at signs, emoji sequences, tag characters, backslashes.
HOSTILE = list(";,|\t\r\n\x0b\x0c\x1c\x1d\x85\u2028\u2029 \u00a0\u3000'\"=+-@\\{}[]")
HOSTILE += ["\uff1d", "\uff0b", "\uff0d", "\uff20", "\ufe6b", "\u2212", "\ufe62", "\u207c", "\u2a75",
            "\u2060", "\u180e", "\u00ad", "\u200b", "\u200c", "\u200d", "\ufeff", "\u202e", "\u2066",
            "\u200e", "\u034f", "\u3164", "\uffa0", "\u115f", "\x00", "\x1b", "\x7f", "\x9f",
            "\U0001f469", "\U0001f4bb", "\U0001f3f4", "\U000e0067", "\U000e007f", "\ufe0f"]
HOSTILE += list("aZé1.") + ["ann@x.org", "you both", "You Both", "Dr. ", ", PhD", "\n\n", "  "]
hostile_text = st.lists(st.sampled_from(HOSTILE) | st.characters(), max_size=14).map("".join)
# texts one character away from needing nothing (the boundary a fast test must get right)
near_clean = st.lists(st.sampled_from(["a", "é", "Jane", " ", "  ", "\n", "=", ";", ", ", "-", "@", "'", '"',
                                       "\u3164", "\u200b", "\t", "\r", "\u00a0", "x@y.io"]),
                      max_size=8).map("".join)
texts = st.one_of(near_clean, hostile_text, st.text(max_size=20))


@settings(max_examples=600)
@given(texts, st.booleans(), st.booleans())
@example(" a", True, True)
@example("a\n", True, True)
@example("a \nb", True, True)
@example("a\u3164b" * 40, True, True)
def test_is_clean_is_never_wrong(text, multiline, keep_emails):
    if is_clean(text, multiline=multiline, keep_emails=keep_emails):
        assert clean_text(text, multiline=multiline, keep_emails=keep_emails) == text


@settings(max_examples=600)
@given(texts, st.booleans())
@example("a;=1", False)
@example(" =1", False)
@example("a\n\t=1", False)
def test_a_text_written_as_is_is_what_the_general_path_writes(text, include_email):
    if ex._as_is(text, include_email=include_email):
        assert ex._scrubbed(text, include_email=include_email) == text
    assert ex._safe_text(text, include_email=include_email) == ex._scrubbed(text, include_email=include_email)


@settings(max_examples=400)
@given(st.lists(texts | st.sampled_from(["Jane Chen", "Globex", "Hi,\n\nAnn", ""]), max_size=12), st.booleans())
@example(["a", "\nb"], False)
@example(["a", "b\n"], False)
@example(["a", "=b"], False)
@example(["a ", "b"], False)
@example(["a", " b"], False)
@example(["a;", "b"], False)
def test_a_batch_of_texts_is_written_as_one_by_one(batch, include_email):
    general = [ex._scrubbed(text, include_email=include_email) for text in batch]
    if ex._all_as_is(batch, include_email=include_email):
        assert general == batch
    assert ex._safe_texts(batch, include_email=include_email) == general


@given(st.lists(texts | st.sampled_from(["Jane", "=1", "Jane"]), max_size=600))
def test_cells_of_a_column_are_the_cells_one_by_one(values):
    values = values + [None, float("nan"), ("a", "=b"), {"z", "y"}, 3, -2.5, pd.Timestamp("2024-05-01")]
    assert ex._cells(values, include_email=False) == [_old_cell(v) for v in values]


def _old_cell(value):
    """The general path, as it was: clean_text, then neutralize, for every text."""
    value = ex._as_text(value)
    if isinstance(value, str):
        return ex.neutralize(clean_text(value, multiline=True, keep_emails=False))
    return value


def _old_column_text(series: pd.Series) -> list[str]:
    return [ex._quoted(ex._format(v)) for v in series.tolist()]


@given(st.lists(texts, max_size=30))
def test_quoting_is_for_every_locale_delimiter(values):
    for text in values:
        quoted = ex._quoted(text)
        assert (quoted != text) == any(ch in text for ch in ',;\t|"\r\n')


@given(st.lists(texts | st.sampled_from(["Jane", "a,b", "Jane"]), max_size=600))
def test_a_text_column_is_written_as_value_by_value(values):
    series = pd.Series(values, dtype=object)
    assert ex._column_text(series) == _old_column_text(series)


def test_a_typed_column_is_written_as_value_by_value():
    columns = [
        pd.Series([3, -2, 3, 10**18]),
        pd.Series([0.5, np.nan, -2.0, 0.5, 1e16]),
        pd.Series([True, False, True]),
        pd.Series(pd.array([1, None, 1], dtype="Int64")),
        pd.Series(pd.to_datetime(["2024-05-01", None, "2024-05-01 10:30"], format="mixed")),
        pd.Series(pd.to_datetime(["2024-05-01", None], utc=True)),
        pd.Series(["a,b", None, "a,b", 'q"'], dtype="str"),
        pd.Series(["x", pd.NA], dtype="string"),
        pd.Series(["x", 1, 1.0, True, None, np.int64(4)], dtype=object),
    ]
    for series in columns:
        assert ex._column_text(series) == _old_column_text(series), series.dtype


# ---------------------------------------------------------------- drafts
values_of_a_row = st.fixed_dictionaries({field: texts | st.just("") for field in sorted(draft._REFERRAL_FIELDS)})
templates = st.lists(st.sampled_from(sorted(draft._REFERRAL_FIELDS)) | st.sampled_from(["Hi ", ", ", "\n", "  ", "."]),
                     max_size=8).map(lambda parts: "".join(f"[{{{p}}}]" if p in draft._REFERRAL_FIELDS and len(p) % 2
                                                           else f"{{{p}}}" if p in draft._REFERRAL_FIELDS else p
                                                           for p in parts))


@settings(max_examples=300)
@given(values_of_a_row, st.sampled_from([draft.DEFAULT_REFERRAL, draft._BLURB, draft.DEFAULT_INVITATION,
                                         draft.DEFAULT_INVITATION_NO_MUTUALS]) | templates,
       st.sets(st.integers(0, 12), max_size=4))
def test_a_template_renders_as_piece_by_piece(values, template, drop):
    pieces = draft._parse(template, draft._REFERRAL_FIELDS, "test")
    assert pieces.formats is not None  # plain placeholders: the fast path
    general = tuple(pieces)  # a plain tuple: the piece-by-piece path
    assert draft._render(pieces, values, frozenset(drop)) == draft._render(general, values, frozenset(drop))
    few = {k: v for k, v in values.items() if len(k) % 3}  # placeholders without a value are empty
    assert draft._render(pieces, few, frozenset(drop)) == draft._render(general, few, frozenset(drop))


def test_a_template_with_a_format_spec_takes_the_general_path():
    pieces = draft._parse("Hi {first_name!r}[, {company:>8}]", draft._TARGET_FIELDS, "test")
    assert pieces.formats is None
    assert draft._render(pieces, {"first_name": "Ann", "company": "Acme"}) == "Hi 'Ann', Acme"


@given(texts)
def test_tidy_collapses_spaces_as_before(text):
    before = "\n".join(" ".join(line.split()) for line in text.split("\n")).strip()
    assert draft._tidy(text) == before


@given(texts, texts)
@example("you both worked at X", "\\1")
@example("You Both worked", "\\g<0>x")
@example("", "\\1")  # found by CI: re.sub checks its replacement even where nothing matches
def test_common_ground_rephrased_as_re_sub_did(ground, who):
    if re.match(r"you both\b", ground, flags=re.IGNORECASE) is None:
        assert draft._both(ground, who) == ground  # nothing to rephrase, whatever ``who`` holds
        return
    try:
        before = re.sub(r"^you both\b", f"{who} and I both", ground, flags=re.IGNORECASE)
    except re.error:
        before = None
    try:
        after = draft._both(ground, who)
    except re.error:
        after = None
    assert after == before


def _old_mutuals(row):
    raw = row.get("mutual_connections")
    items = list(raw) if isinstance(raw, (list, tuple)) else clean_text(raw).split(";")
    names = [draft._display(n) for n in items]
    introducer = draft._display(row.get("introducer"))
    seen, result = set(), []
    for name in ([introducer] if introducer else []) + names:
        if name and name.casefold() not in seen:
            seen.add(name.casefold())
            result.append(name)
    return result[:2]


name_lists = st.lists(texts | st.sampled_from(["Priya Raman", "priya raman", " Tomás  Ortega ", "", "Dr. Li, PhD"]),
                      max_size=9)


@settings(max_examples=400)
@given(name_lists, texts | st.sampled_from(["Priya Raman", ""]), st.booleans())
def test_the_two_mutual_names_are_the_first_two_of_the_whole_list(names, introducer, as_list):
    row = {"mutual_connections": names if as_list else ";".join(names), "introducer": introducer}
    assert draft._mutuals(row) == _old_mutuals(row)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(texts, texts, texts, name_lists, texts, st.integers(0, 5)), min_size=1, max_size=8))
def test_add_drafts_is_the_notes_row_by_row(rows):
    frame = pd.DataFrame(
        {
            "name": pd.Series([r[0] for r in rows], dtype="str"),
            "company": pd.Series([r[1] or None for r in rows], dtype=object),
            "position": pd.Series([r[2] for r in rows], dtype="string"),
            "mutual_connections": [";".join(r[3]) for r in rows],
            "introducer": [r[4] or np.nan for r in rows],
            "mutual_count": pd.Series([np.int64(r[5]) for r in rows], dtype=object),
            "common_ground": ["you both worked at " + r[1] if r[5] % 2 else "" for r in rows],
            "score": [float(r[5]) for r in rows],
        }
    )
    out = draft.add_drafts(frame, me="Alex Kim")
    records = frame.to_dict("records")
    assert out["invitation_note"].tolist() == [draft.invitation_note(r, me="Alex Kim") for r in records]
    assert out["referral_request"].tolist() == [draft.referral_request(r, me="Alex Kim") for r in records]
    assert _shown(draft._frame_values(frame, "Alex Kim")) == _shown([draft._target_values(r, "Alex Kim")
                                                                     for r in records])


def _shown(records):
    """Records compared value by value, type included (NaN equal to NaN)."""
    return [{k: (type(v), repr(v)) for k, v in r.items()} for r in records]
