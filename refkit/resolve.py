"""Who is who: normalised profile URLs, names and person keys.

The key of a person is their normalised LinkedIn profile URL when known. Without
a URL it is ``"name:"`` followed by the normalised full name. A URL-less record
is merged with a URL record only when its normalised name matches exactly one
candidate (company breaks ties between several); two different URLs are never
merged, so two people with the same name and different URLs stay apart.

Your own export lists each connection once, so its rows are never merged with
each other: URL-less namesakes in it get keys of their own
(:func:`namesake_key`), and other files' records with that name are matched
to one of them by company, or kept apart with a warning.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from functools import lru_cache
from urllib.parse import unquote, urlsplit

import numpy as np
import pandas as pd

from refkit._text import EMAIL_PLACEHOLDER, scrub_emails

__all__ = [
    "normalize_url",
    "normalize_urls",
    "normalize_name",
    "normalize_company",
    "display_name",
    "first_name_of",
    "split_names",
    "person_key",
    "name_from_slug",
    "NameIndex",
    "resolve_names",
    "namesake_key",
    "is_distinct_key",
]

_CREDENTIAL_WORDS = {
    "phd", "ph.d", "ph.d.", "mba", "pmp", "cspo", "csm", "cpa", "cfa", "md", "jd", "msc", "bsc",
    "ma", "ba", "bs", "ms", "meng", "beng", "shrm-cp", "shrm-scp", "phr", "phri", "sphr", "cissp",
    "pe", "rn", "dr", "dr.", "esq", "esq.", "jr", "jr.", "sr", "sr.", "ii", "iii", "cipd", "acca",
    "mcipd", "pmi-acp", "safe", "itil", "aws", "ccna", "ceng", "frsa", "facs",
}


_CANONICAL_URL = re.compile(r"https://www\.linkedin\.com/in/[a-z0-9_-]+")
# scheme optional, any linkedin.com subdomain, /in/ or /pub/, one slug, then only a slash,
# query or fragment: what nearly every export holds
_PROFILE_URL = re.compile(
    r"(?:https?://)?(?:[a-z0-9-]+\.)*linkedin\.com/(?:in|pub)/([^/?#\s]+)/?(?:[?#].*)?",
    re.IGNORECASE | re.ASCII,
)


def normalize_url(url: object) -> str | None:
    """Return the canonical form of a LinkedIn profile URL, or None.

    Canonical: ``https://www.linkedin.com/in/<slug>`` whatever scheme, subdomain
    or ``www`` was written; the slug percent-decoded and case-folded; no query,
    fragment or trailing slash. ``/pub/`` profile URLs are read the same way.

    Parameters
    ----------
    url : object
        A profile URL as a file gives it (missing values give None).

    Returns
    -------
    str or None
        The canonical URL, or None when ``url`` is missing or not a LinkedIn
        profile URL.

    Examples
    --------
    >>> normalize_url("http://uk.linkedin.com/in/Jane-Chen-8a1b/?trk=x#top")
    'https://www.linkedin.com/in/jane-chen-8a1b'
    >>> normalize_url("linkedin.com/in/jo%C3%A3o-silva")
    'https://www.linkedin.com/in/joão-silva'
    >>> normalize_url("https://example.com/in/x") is None
    True
    """
    if url is None or (not isinstance(url, str) and pd.isna(url)):
        return None
    if isinstance(url, str):
        if _CANONICAL_URL.fullmatch(url):  # fast path: already canonical
            return url
        match = _PROFILE_URL.fullmatch(url)
        if match:  # fast path: a plain profile URL, same result as the general case below
            slug = match.group(1)
            return _profile_url(_unquote(slug) if "%" in slug else slug)
    return _normalize_url_general(url)


def _profile_url(slug: str) -> str | None:
    """The canonical URL of a decoded slug (None when it is blank)."""
    slug = slug.strip().casefold()
    return f"https://www.linkedin.com/in/{slug}" if slug else None


_PERCENT_RUN = re.compile(r"(?:%[0-9A-Fa-f]{2})+")


def _percent_run(match: re.Match[str]) -> str:
    return bytes.fromhex(match.group().replace("%", "")).decode("utf-8", "replace")


def _unquote(text: str) -> str:
    """What ``urllib.parse.unquote`` gives for a URL's path segment, each run of escapes decoded at once."""
    return _PERCENT_RUN.sub(_percent_run, text)


def normalize_urls(values: Iterable[object]) -> list[str | None]:
    """The canonical form of each of ``values``, as :func:`normalize_url` gives it.

    Parameters
    ----------
    values : iterable of object
        Profile URLs as a file gives them.

    Returns
    -------
    list of str or None
        One entry per value, in order: the canonical URL, or None.

    Examples
    --------
    >>> normalize_urls(["https://www.linkedin.com/in/ana", "linkedin.com/in/Lee/", None])
    ['https://www.linkedin.com/in/ana', 'https://www.linkedin.com/in/lee', None]
    """
    canonical = _CANONICAL_URL.fullmatch
    values = list(values)
    out = [v if v.__class__ is str and canonical(v) else None for v in values]
    # the others: an escaped (or capitalised) slug after the canonical start, decoded all at
    # once; anything else one by one
    escaped, spots, slugs = _ESCAPED_URL.fullmatch, [], []
    for i in [i for i, v in enumerate(out) if v is None]:
        value = values[i]
        match = escaped(value) if value.__class__ is str else None
        if match is None:
            out[i] = normalize_url(value)
        else:
            spots.append(i)
            slugs.append(match.group(1))
    for i, slug in zip(spots, _unquote_all(slugs), strict=True):
        out[i] = _profile_url(slug)
    return out


# the canonical start, then a slug the profile URL pattern reads as it is (the same group)
_ESCAPED_URL = re.compile(r"https://www\.linkedin\.com/in/([A-Za-z0-9_%-]+)")


def _unquote_all(texts: list[str]) -> list[str]:
    """``[_unquote(t) for t in texts]`` for texts without a line break, decoded as one text
    (a run of escapes never spans the break between two texts)."""
    joined = "\n".join(texts)
    if "%" not in joined:
        return texts
    decoded = _unquote(joined).split("\n")
    if len(decoded) != len(texts):  # an escaped line break (%0A) among them
        return [_unquote(t) for t in texts]
    return decoded


def _normalize_url_general(url: object) -> str | None:
    text = str(url).strip()
    if not text:
        return None
    if "://" not in text:
        text = "https://" + text.lstrip("/")
    try:
        parts = urlsplit(text)
    except ValueError:
        return None
    host = (parts.hostname or "").lower()
    if host != "linkedin.com" and not host.endswith(".linkedin.com"):
        return None
    segments = [s for s in parts.path.split("/") if s]
    if len(segments) < 2 or segments[0].lower() not in {"in", "pub"}:
        return None
    slug = unquote(segments[1]).strip().casefold()
    if not slug:
        return None
    return f"https://www.linkedin.com/in/{slug}"


def _fold_accents(text: str) -> str:
    if text.isascii():  # nothing to fold
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


# letters (any script) in words joined by single spaces or the name punctuation
_PLAIN_NAME = re.compile(r"[^\W\d_]+(?:[ '’.\-][^\W\d_]+)*")
_ASCII_SYMBOL = re.compile(r"[^A-Za-z0-9'.\-]")
_NAME_PUNCT = "'’-."


# invisible format characters vanish (``Jo\u200bhn`` is John) instead of splitting a word; the
# zero-width non-joiner is spelling in Persian and Indic names and stays
_FORMAT_CHAR = {"\u200c": "\u200c"}


def _strip_symbols(text: str) -> str:
    """Emoji, symbols and control characters become spaces; letters (with their accents),
    digits and the name punctuation ``' ’ - .`` stay."""
    if text.isascii():  # fast path, same result as the loop below
        return _ASCII_SYMBOL.sub(" ", text)
    return "".join(
        ch if unicodedata.category(ch)[0] in "LMN" or ch in _NAME_PUNCT
        else _FORMAT_CHAR.get(ch, "") if unicodedata.category(ch) == "Cf" else " " for ch in text
    )


def _strip_trailing_credentials(words: list[str]) -> list[str]:
    """Drop trailing credential words written in capitals (``PMP``, ``PhD``), keep surnames (``Ma``)."""
    words = list(words)
    while len(words) > 1:
        word = words[-1].strip(".")
        if word.casefold() in _CREDENTIAL_WORDS and word != word.capitalize():
            words.pop()
        else:
            break
    return words


def _text(value: object) -> str:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    return str(value)


def display_name(first: object = None, last: object = None) -> str:
    """A readable full name: credentials, emoji and symbols removed, accents kept.

    Credentials are what follows a comma (``"Chen, PhD"``) and trailing
    capitalised credential words (``PMP``, ``CSPO®``); a surname such as
    ``Ma`` is kept.

    Parameters
    ----------
    first : object, optional
        The first name, or the whole name. Missing values count as empty.
    last : object, optional
        The last name.

    Returns
    -------
    str
        The name, words separated by single spaces (empty when nothing is left).

    Examples
    --------
    >>> display_name("  José ", "Chen, PhD")
    'José Chen'
    >>> display_name("Ana 🚀", "Lima CSPO®")
    'Ana Lima'
    >>> display_name("Jack", "Ma")
    'Jack Ma'
    >>> display_name("Siobhán", "O’Brien 🍀")
    'Siobhán O’Brien'
    >>> display_name("Priya Raman, MBA")
    'Priya Raman'
    >>> display_name("Raman, Priya")  # a whole name written surname first
    'Priya Raman'
    """
    if (first.__class__ is str and (last is None or last.__class__ is str)
            and (last or "," not in first)):  # a whole name with a comma: the general case
        # fast path: words of letters joined by single spaces, hyphens, apostrophes or dots
        # (what precedes a comma) are already clean unless the last word is a credential
        head = first.split(",", 1)[0] if "," in first else first
        tail = (last.split(",", 1)[0] if "," in last else last) if last else ""
        if _PLAIN_NAME.fullmatch(head) and (not tail or _PLAIN_NAME.fullmatch(tail)):
            text = f"{head} {tail}" if tail else head
            if text.rsplit(" ", 1)[-1].strip(".").casefold() not in _CREDENTIAL_WORDS:
                return text
    return _display_name_general(first, last)


def _no_emails(text: str) -> str:
    """``text`` without its e-mail addresses (a name cell holding one is not a name to show)."""
    return scrub_emails(text).replace(EMAIL_PLACEHOLDER, " ") if "@" in text else text


def _surname_first(name: str) -> str:
    """``"Raman, Priya"`` as ``"Priya Raman"``: one word, a comma, then one or two words of
    letters none of which is a credential or in capitals (``"Chen, PhD"`` stays as it is)."""
    surname, _, given = name.partition(",")
    words = given.split()
    surname = surname.strip()  # one word: "Priya Raman, Career Coach" is a tagline, not inverted
    if ("," in given or " " in surname or not _PLAIN_NAME.fullmatch(surname) or not 1 <= len(words) <= 2
            or any(not _PLAIN_NAME.fullmatch(w) or w.strip(".").casefold() in _CREDENTIAL_WORDS
                   or (len(w) > 1 and w.isupper()) for w in words)):
        return name
    return f"{' '.join(words)} {surname}"


_AND_OTHERS = re.compile(r"\s*(?:,\s*)?\band\s+[\d,.]+\s*(?:k\s+)?others?\b.*$", re.IGNORECASE)
_AND = re.compile(r"\s+and\s+", re.IGNORECASE)


def _one_name(text: str) -> bool:
    """Whether ``text``, holding a comma, is one name: written surname first (``"Raman,
    Priya"``) or followed by credentials (``"Priya Raman, MBA, PMP"``), not a list."""
    if _surname_first(text) != text:
        return True
    return all(w.strip(".").casefold() in _CREDENTIAL_WORDS or (len(w) > 1 and w.isupper())
               or not any(c.isalpha() for c in w)
               for part in text.split(",")[1:] for w in part.split())


def split_names(text: object) -> list[str]:
    """The names in a list of mutual connections, as people write or paste it.

    Names are separated by ``;``, by commas, or by "and"; ``"Raman, Priya"`` and
    ``"Priya Raman, MBA"`` are one name each, and LinkedIn's closing "and 12
    other mutual connections" is no name.

    Parameters
    ----------
    text : object
        The list (missing values count as empty).

    Returns
    -------
    list of str
        The names, stripped, in order (none empty).

    Examples
    --------
    >>> split_names("Ana Lima, John Smith and 12 other mutual connections")
    ['Ana Lima', 'John Smith']
    >>> split_names("Raman, Priya; Tomas Ortega, PhD")
    ['Raman, Priya', 'Tomas Ortega, PhD']
    """
    out = []
    for item in _text(text).split(";"):
        item = _AND_OTHERS.sub("", item.strip())
        if "," in item and not _one_name(item):
            parts = item.split(",")
        else:
            parts = [item]
        for part in parts:
            out.extend(p.strip() for p in _AND.split(part) if p.strip())
    return out


def _display_name_general(first: object = None, last: object = None) -> str:
    first, last = (_no_emails(_text(v)) for v in (first, last))
    if not last and "," in first:
        first = _surname_first(first)
    elif not first and "," in last:  # the whole name in the Last Name cell
        last = _surname_first(last)
    parts = [v.split(",", 1)[0] for v in (first, last)]
    words = [w for w in _strip_symbols(" ".join(parts)).split() if any(c.isalnum() for c in w)]
    return " ".join(_strip_trailing_credentials(words))


def first_name_of(name: object) -> str:
    """The first name to greet someone by: the first word of their display name.

    Titles (Dr., Mr, Ms, Prof …) are skipped; credentials and symbols are
    removed as :func:`display_name` removes them.

    Parameters
    ----------
    name : object
        A full name as a file gives it.

    Returns
    -------
    str
        The first name, or an empty string when the name is empty.

    Examples
    --------
    >>> first_name_of("Dr. Zoë Müller-Lang, MBA")
    'Zoë'
    """
    words = display_name(name).split()
    while len(words) > 1 and words[0].strip(".").casefold() in _TITLES:
        words.pop(0)
    return words[0] if words else ""


_TITLES = frozenset({"dr", "mr", "mrs", "ms", "mx", "prof"})
"""Titles before a name: not part of it (for greeting, or matching)."""


def normalize_name(first: object = None, last: object = None) -> str:
    """The matching form of a name: case-folded, accents folded, credentials removed.

    Two records name the same person only if their matching forms are equal.

    Parameters
    ----------
    first : object, optional
        The first name, or the whole name. Missing values count as empty.
    last : object, optional
        The last name.

    Returns
    -------
    str
        The display name (:func:`display_name`) in lower case without
        accents, dots or a title in front (``Dr.``, ``Prof`` ...), words
        separated by single spaces.

    Examples
    --------
    >>> normalize_name("  ZOË ", "Müller, MBA 🚀")
    'zoe muller'
    >>> normalize_name("Tomás Ortega")
    'tomas ortega'
    >>> normalize_name("Dr. John", "Smith") == normalize_name("John Smith")
    True
    """
    return _normalize_name(_text(first), _text(last))


@lru_cache(maxsize=1 << 18)
def _normalize_name(first: str, last: str) -> str:
    text = _fold_accents(display_name(first, last)).casefold()
    words = text.replace(".", " ").replace("’", "'").split()
    while len(words) > 2 and words[0] in _TITLES:  # "Dr. John Smith" is John Smith ("Dr Who": a name)
        words.pop(0)
    return " ".join(words)


_COMPANY_SUFFIXES = {
    "inc", "inc.", "incorporated", "llc", "l.l.c.", "ltd", "ltd.", "limited", "gmbh", "ag", "sa",
    "s.a.", "sas", "bv", "b.v.", "nv", "plc", "corp", "corp.", "corporation", "co", "co.", "company",
    "pty", "srl", "spa", "oy", "ab", "as", "kg", "se", "lp", "llp", "pvt", "private", "group",
}


def normalize_company(company: object) -> str:
    """The matching form of a company name: case, accents, punctuation and legal suffix removed.

    Parameters
    ----------
    company : object
        A company name as a file gives it. Missing values count as empty.

    Returns
    -------
    str
        The name in lower case without accents, punctuation or trailing legal
        suffixes (Inc., GmbH, Ltd …; a name that is only a suffix is kept);
        ``&`` becomes ``and``.

    Examples
    --------
    >>> normalize_company("Acme GmbH")
    'acme'
    >>> normalize_company("Stripe, Inc.")
    'stripe'
    >>> normalize_company("Epic Games")
    'epic games'
    """
    return _normalize_company(_text(company))


@lru_cache(maxsize=1 << 16)
def _normalize_company(company: str) -> str:
    text = _fold_accents(company).casefold().replace("&", " and ")
    text = re.sub(r"[^\w\s.]", " ", text)
    words = text.split()
    while len(words) > 1 and words[-1] in _COMPANY_SUFFIXES:
        words.pop()
    return " ".join(w.strip(".") for w in words if w.strip("."))


def name_from_slug(url: str) -> str:
    """A guess at a person's name from their profile URL, for when nothing better is known.

    Parameters
    ----------
    url : str
        A profile URL (normalised or not).

    Returns
    -------
    str
        The words of the URL's last segment, capitalised, without the trailing
        words that hold digits (the part LinkedIn adds to tell namesakes apart).

    Examples
    --------
    >>> name_from_slug("https://www.linkedin.com/in/priya-raman-8a1b2c")
    'Priya Raman'
    """
    words = url.rstrip("/").rsplit("/", 1)[-1].split("-")
    while len(words) > 1 and any(ch.isdigit() for ch in words[-1]):
        words.pop()
    return " ".join(w.capitalize() for w in words if w)


def person_key(url: object = None, name: object = None) -> str | None:
    """The key of a person: the normalised URL, else ``"name:" + normalize_name(name)``.

    Parameters
    ----------
    url : object, optional
        The person's profile URL.
    name : object, optional
        The person's full name, used when there is no usable URL.

    Returns
    -------
    str or None
        The key, or None when neither gives anything usable.

    Examples
    --------
    >>> person_key("https://linkedin.com/in/Jane-Chen/", "Jane Chen")
    'https://www.linkedin.com/in/jane-chen'
    >>> person_key(None, "Jane Chen, PhD")
    'name:jane chen'
    """
    key = normalize_url(url)
    if key:
        return key
    norm = normalize_name(name)
    return f"name:{norm}" if norm else None


NAMESAKE_MARK = "#"  # never part of a normalised name: ``name:<norm>#<tell-apart>``


def namesake_key(norm: str, tell_apart: str) -> str:
    """The key of one of several URL-less connections of yours who share a name.

    Your own export lists each connection once, so namesakes in it are different
    people: each gets ``name:<norm>#<tell_apart>`` (the day you connected, which
    does not change when the file is re-sorted).

    Parameters
    ----------
    norm : str
        The matching form of the shared name (:func:`normalize_name`).
    tell_apart : str
        What tells this namesake from the others (the day you connected).

    Returns
    -------
    str
        The key.

    Examples
    --------
    >>> namesake_key("john smith", "2021-02-08")
    'name:john smith#2021-02-08'
    >>> is_distinct_key(namesake_key("john smith", "2021-02-08")), is_distinct_key("name:john smith")
    (True, False)
    """
    return f"name:{norm}{NAMESAKE_MARK}{tell_apart}"


def is_distinct_key(key: str) -> bool:
    """True for keys that name one person for sure: a profile URL or a namesake key.

    A plain ``name:<norm>`` key stands for whoever is known by that name.

    Parameters
    ----------
    key : str
        A person key (:func:`person_key`, :func:`namesake_key`).

    Returns
    -------
    bool
        Whether ``key`` names one person for sure.

    Examples
    --------
    >>> is_distinct_key("https://www.linkedin.com/in/lee"), is_distinct_key("name:lee chen")
    (True, False)
    """
    return not key.startswith("name:") or NAMESAKE_MARK in key


def _normalized_companies(companies: Iterable[object]) -> np.ndarray:
    """:func:`normalize_company` of each value, computed once per distinct value."""
    codes, uniques = pd.factorize(np.asarray(companies, dtype=object))
    mapped = np.array([normalize_company(c) for c in np.asarray(uniques, dtype=object).tolist()]
                      + [""], dtype=object)
    return mapped[codes]


def _counts_and_firsts(codes: np.ndarray, n: int) -> tuple[np.ndarray, np.ndarray]:
    """How many times each code in ``0..n-1`` occurs (codes < 0 ignored), and where first."""
    valid = codes >= 0
    size = np.bincount(codes[valid], minlength=n)
    first = np.full(n, len(codes), dtype="int64")
    np.minimum.at(first, codes[valid], np.flatnonzero(valid))
    return size, first


def resolve_names(norms: Iterable[str], companies: Iterable[object], *, known_norms: Iterable[str],
                  known_keys: Iterable[str], known_companies: Iterable[object]) -> np.ndarray:
    """The key each URL-less record refers to, for many records at once: *the* identity rule.

    Parameters
    ----------
    norms, companies
        The URL-less records: each one's name in matching form
        (:func:`normalize_name`) and company as written (``None`` when unknown).
    known_norms, known_keys, known_companies
        The people a record may be (profile URL or namesake keys, one row each):
        their names in matching form, keys and companies as written.

    Returns
    -------
    ndarray of object
        Per record: the key of the one known person with that name; among several,
        the one at the same company (:func:`normalize_company`; an unknown company
        tells nobody apart), else None (ambiguous); ``"name:<norm>"`` when no
        known person has the name.

    Examples
    --------
    >>> resolve_names(["lee chen", "lee chen", "ana lima", "lee chen"],
    ...               ["Globex", None, None, "Initech"],
    ...               known_norms=["lee chen", "lee chen"], known_keys=["u1", "u2"],
    ...               known_companies=["Stripe", "Globex Inc."]).tolist()
    ['u2', None, 'name:ana lima', None]
    """
    norms = np.asarray(norms, dtype=object).reshape(-1)
    companies = np.asarray(companies, dtype=object).reshape(-1)
    known_norms = np.asarray(known_norms, dtype=object).reshape(-1)
    known_keys = np.asarray(known_keys, dtype=object).reshape(-1)
    known_companies = np.asarray(known_companies, dtype=object).reshape(-1)
    out = np.array(["name:" + n for n in norms.tolist()], dtype=object)
    n_known = len(known_norms)
    name_codes = pd.factorize(np.r_[known_norms, norms].astype(object))[0]
    known_name, name = name_codes[:n_known], name_codes[n_known:]
    size, first = _counts_and_firsts(known_name, int(name_codes.max(initial=-1)) + 1)
    one = size[name] == 1
    out[one] = known_keys[first[name[one]]]
    several = np.flatnonzero(size[name] > 1)
    if len(several):
        out[several] = None
        comp_codes, comps = pd.factorize(np.r_[_normalized_companies(known_companies),
                                               _normalized_companies(companies[several])])
        blank = np.flatnonzero(np.asarray(comps, dtype=object) == "")
        comp_codes[np.isin(comp_codes, blank)] = -1  # an unknown company tells nobody apart
        width = len(comps) + 1
        pairs = pd.factorize(np.r_[known_name, name[several]] * width
                             + np.r_[comp_codes[:n_known], comp_codes[n_known:]])[0]
        pairs[comp_codes < 0] = -1
        pair_size, pair_first = _counts_and_firsts(pairs[:n_known], int(pairs.max(initial=-1)) + 1)
        wanted = pairs[n_known:]
        unique = wanted >= 0
        unique[unique] = pair_size[wanted[unique]] == 1
        out[several[unique]] = known_keys[pair_first[wanted[unique]]]
    return out


class NameIndex:
    """Resolve URL-less records against known people (:func:`resolve_names` over an index).

    Holds, for each normalised name, the keys of people known by that name and
    their company. ``resolve(name, company)`` returns the unique key the record
    refers to, or ``"name:<name>"`` when no URL'd person matches and None when
    several match and the company cannot tell them apart; ``resolve_many`` does
    the same for many records at once. Both apply :func:`resolve_names`.

    Examples
    --------
    >>> index = NameIndex()
    >>> index.add("https://www.linkedin.com/in/lee-chen-1", "Lee Chen", "Stripe")
    >>> index.add("https://www.linkedin.com/in/lee-chen-2", "Lee Chen", "Globex Inc.")
    >>> index.resolve("Lee Chen", "Globex")
    'https://www.linkedin.com/in/lee-chen-2'
    >>> index.resolve("Lee Chen") is None
    True
    >>> index.resolve("Ana Lima")
    'name:ana lima'
    >>> index.resolve_many(["Lee Chen", "Ana Lima", None], ["Stripe", None, None]).tolist()
    ['https://www.linkedin.com/in/lee-chen-1', 'name:ana lima', None]
    """

    def __init__(self) -> None:
        # normalised name -> {key: company as given}
        self._by_name: dict[str, dict[str, object]] = {}
        # (normalised name, normalised company) -> key: resolve's answers, cleared by add
        self._resolved: dict[tuple[str, str], str | None] = {}

    def add(self, key: str, name: object, company: object = None) -> None:
        """Record that ``key`` is known by ``name`` (and works at ``company``)."""
        norm = normalize_name(name)
        if not norm:
            return
        self._by_name.setdefault(norm, {})[key] = company
        self._resolved.clear()

    def update(self, rows: Iterable[tuple[str, object, object]]) -> None:
        """Add many ``(key, name, company)`` rows."""
        for key, name, company in rows:
            self.add(key, name, company)

    @classmethod
    def from_columns(cls, keys: Iterable[str], names: Iterable[object],
                     companies: Iterable[object], *,
                     norms: Iterable[str] | None = None) -> NameIndex:
        """An index over parallel columns of keys, names and companies (any iterables).

        ``norms``, when given, holds ``normalize_name`` of each name already
        computed (the build stage has them), which saves normalising again.
        """
        index = cls()
        columns = [c.to_numpy(dtype=object) if hasattr(c, "to_numpy") else c
                   for c in (keys, names if norms is None else norms, companies)]
        normalize = normalize_name if norms is None else str
        by_name = index._by_name
        for key, name, company in zip(*columns, strict=True):
            norm = normalize(name)
            if norm:
                by_name.setdefault(norm, {})[key] = company
        return index

    def candidates(self, name: object) -> Mapping[str, str]:
        """Keys (with normalised company) of people known by ``name``."""
        return {k: normalize_company(c) for k, c in self.known_by(name).items()}

    def known_by(self, name: object) -> Mapping[str, object]:
        """Keys (with the company as given) of people known by ``name``."""
        return dict(self._by_name.get(normalize_name(name), {}))

    def resolve(self, name: object, company: object = None) -> str | None:
        """The key a URL-less ``name`` (at ``company``) refers to; None when ambiguous or nameless.

        :meth:`resolve_many` for one record (answers are remembered until the next ``add``).
        """
        norm = normalize_name(name)
        if not norm:
            return None
        found = self._by_name.get(norm)
        if not found:  # nobody known by the name: no candidate to look at
            return f"name:{norm}"
        if len(found) == 1:  # one candidate: the rule's answer whatever the company
            (key,) = found
            return key if is_distinct_key(key) else f"name:{norm}"
        memo = (norm, normalize_company(company))
        if memo not in self._resolved:
            self._resolved[memo] = self._resolve_norms([norm], [company])[0]
        return self._resolved[memo]

    def resolve_many(self, names: Iterable[object], companies: Iterable[object] | None = None, *,
                     norms: Iterable[str] | None = None) -> np.ndarray:
        """:meth:`resolve` of each ``(name, company)``, all at once (an object array).

        ``norms``, when given, holds ``normalize_name`` of each name already computed.
        """
        norms = np.array([normalize_name(n) for n in names] if norms is None else list(norms),
                         dtype=object)
        companies = np.full(len(norms), None, dtype=object) if companies is None else companies
        out = self._resolve_norms(norms, companies)
        out[norms == ""] = None
        return out

    def _resolve_norms(self, norms: np.ndarray | list[str],
                       companies: Iterable[object]) -> np.ndarray:
        """:func:`resolve_names` against the distinct keys known by the names in ``norms``."""
        rows = [(norm, key, company) for norm in dict.fromkeys(norms)
                for key, company in self._by_name.get(norm, {}).items() if is_distinct_key(key)]
        known = np.array(rows, dtype=object).reshape(len(rows), 3)
        return resolve_names(norms, companies, known_norms=known[:, 0], known_keys=known[:, 1],
                             known_companies=known[:, 2])
