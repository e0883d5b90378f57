"""Identity: URLs, names, companies and the name index, checked by hand."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from refkit.resolve import (
    NameIndex,
    display_name,
    first_name_of,
    normalize_company,
    normalize_name,
    normalize_url,
    normalize_urls,
    person_key,
)
from refkit.resolve import _display_name_general as general_name
from refkit.resolve import _normalize_url_general as general_url


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("https://www.linkedin.com/in/jane-chen", "https://www.linkedin.com/in/jane-chen"),
        ("http://linkedin.com/in/Jane-Chen/", "https://www.linkedin.com/in/jane-chen"),
        ("https://de.linkedin.com/in/jane-chen?originalSubdomain=de", "https://www.linkedin.com/in/jane-chen"),
        ("www.linkedin.com/in/jane-chen#about", "https://www.linkedin.com/in/jane-chen"),
        ("https://www.linkedin.com/in/jo%C3%A3o-silva", "https://www.linkedin.com/in/joão-silva"),
        ("https://www.linkedin.com/in/JO%C3%83O", "https://www.linkedin.com/in/joão"),
        ("  https://www.linkedin.com/in/x-1/  ", "https://www.linkedin.com/in/x-1"),
        ("https://www.linkedin.com/company/stripe", None),
        ("https://evil.com/in/jane", None),
        ("https://linkedin.com.evil.com/in/jane", None),
        ("", None),
        (None, None),
        (float("nan"), None),
        ("Jane Chen", None),
    ],
)
def test_normalize_url(raw, expected):
    assert normalize_url(raw) == expected
    assert general_url(raw) == expected  # the fast paths agree with the general case
    assert normalize_urls([raw]) == [expected]


_URL_PIECES = st.sampled_from([
    "https://", "http://", "HTTPS://", "ftp://", "//", "www.", "de.", "uk.", "m.", "linkedin.com",
    "LinkedIn.com", "linkedin.com.evil.com", "evil.com", "/", "in", "IN", "pub", "company", "?",
    "#", "=", "trk=x", "%C3%A3", "%20", "%2F", "%", "jane-chen", "Jo", "8a1b", " ", "\t", "\n",
    "\u00a0", "ã", "K", "ſ", ":", "@", ";", ".", "-", "_",
])


@settings(max_examples=3000, deadline=None)
@given(st.lists(_URL_PIECES, max_size=12).map("".join))
def test_url_fast_paths_agree_with_the_general_case(raw):
    assert normalize_url(raw) == general_url(raw)


@settings(max_examples=300, deadline=None)
@given(st.lists(_URL_PIECES, max_size=12).map(lambda p: "https://www.linkedin.com/in/" + "".join(p)))
def test_url_fast_paths_agree_on_profile_urls(raw):
    assert normalize_url(raw) == general_url(raw)


@pytest.mark.parametrize(
    ("first", "last", "display", "norm"),
    [
        ("Jane", "Chen, PhD", "Jane Chen", "jane chen"),
        (" Zoë ", " Müller ", "Zoë Müller", "zoe muller"),
        ("Sam", "Smith, MBA, PMP", "Sam Smith", "sam smith"),
        ("Ana", "Lima CSPO®", "Ana Lima", "ana lima"),
        ("Kim", "Park PHRi™", "Kim Park", "kim park"),
        ("a👨🏻\u200d💻", "Doe", "a Doe", "a doe"),
        ("Jack", "Ma", "Jack Ma", "jack ma"),
        ("🇧🇷 Tomás", "Ortega", "Tomás Ortega", "tomas ortega"),
        ("JOSÉ", "GARCÍA-LÓPEZ", "JOSÉ GARCÍA-LÓPEZ", "jose garcia-lopez"),
    ],
)
def test_names(first, last, display, norm):
    assert display_name(first, last) == display
    assert normalize_name(first, last) == norm


def test_full_name_in_one_field_matches_split_form():
    assert normalize_name("Jane Chen, PhD") == normalize_name("Jane", "Chen, PhD")


def test_first_name_skips_titles_and_emoji():
    assert first_name_of("Dr. Zoë Müller") == "Zoë"
    assert first_name_of("🚀 Ana Lima") == "Ana"
    assert first_name_of("") == ""


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("Stripe, Inc.", "stripe"), ("Acme GmbH", "acme"), ("Globex Corporation", "globex"),
     ("Epic Games", "epic games"), ("Meta", "meta"), ("Metabase", "metabase"),
     ("Procter & Gamble", "procter and gamble"), (None, ""), ("Inc.", "inc")],
)
def test_normalize_company(raw, expected):
    assert normalize_company(raw) == expected


def test_person_key_prefers_url():
    assert person_key("linkedin.com/in/A", "Whoever") == "https://www.linkedin.com/in/a"
    assert person_key("not a url", "Jane Chen, MBA") == "name:jane chen"
    assert person_key(None, "🚀") is None


def test_name_index_merges_only_unique_matches():
    index = NameIndex()
    index.add("https://www.linkedin.com/in/lee-1", "Lee Chen", "Stripe")
    index.add("https://www.linkedin.com/in/lee-2", "Lee Chen", "Globex Inc.")
    index.add("https://www.linkedin.com/in/priya", "Priya Raman", "Stripe")
    assert index.resolve("Priya Raman, MBA") == "https://www.linkedin.com/in/priya"
    assert index.resolve("Lee Chen") is None  # two URLs: never guessed
    assert index.resolve("Lee Chen", "Globex") == "https://www.linkedin.com/in/lee-2"
    assert index.resolve("Lee Chen", "Initech") is None
    assert index.resolve("Tomás Ortega") == "name:tomas ortega"
    assert set(index.candidates("LEE CHEN")) == {
        "https://www.linkedin.com/in/lee-1", "https://www.linkedin.com/in/lee-2"}


_NAME_PIECES = st.sampled_from([
    "Ana", "lima", "ZOË", "Zoe\u0308", "José", "O’Brien", "O'Neil", "Mary-Jane", "St.", "Jr.",
    "PhD", "Ph.D.", "MBA", "Ma", "Jack", "PMP", "CSPO®", "🚀", "李", "Nguyễn", " ", "  ", ",", "-",
    ".", "'", "\t", "3", "_", "½", "\u00a0", "Dr.",
])


@settings(max_examples=3000, deadline=None)
@given(st.lists(_NAME_PIECES, max_size=6).map("".join),
       st.one_of(st.none(), st.lists(_NAME_PIECES, max_size=6).map("".join)))
def test_name_fast_path_agrees_with_the_general_case(first, last):
    assert display_name(first, last) == general_name(first, last)


@settings(max_examples=2000, deadline=None)
@given(st.lists(st.sampled_from(["%C3", "%A9", "%e2", "%82", "%AC", "%2F", "%20", "%", "%z", "%4",
                                 "a", "-", "é", "x9", "%F0%9F%9A%80"]), max_size=10).map("".join))
def test_quick_unquote_is_urllib_unquote(text):
    from urllib.parse import unquote

    from refkit.resolve import _unquote

    assert _unquote(text) == unquote(text)


_ESCAPED_SLUGS = st.lists(st.sampled_from(["%C3%A3", "%0A", "%0a", "%C3", "%20", "%E2%80%8B", "%", "%4",
                                           "Jo", "jane-chen", "_", "-", "8a1b", "%F0%9F%9A%80"]),
                          max_size=6).map(lambda p: "https://www.linkedin.com/in/" + "".join(p))


@settings(max_examples=500, deadline=None)
@given(st.lists(st.one_of(_ESCAPED_SLUGS, st.lists(_URL_PIECES, max_size=8).map("".join), st.none()),
                max_size=12))
def test_urls_normalised_together_are_each_normalised_alone(raws):
    """normalize_urls decodes the escaped slugs of a whole column at once: the same as one by one."""
    assert normalize_urls(raws) == [normalize_url(raw) for raw in raws]
