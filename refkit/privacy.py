"""Pseudonymise a network before sharing it (with a coach, in a bug report, in a demo).

:func:`pseudonymize` replaces every person by a stand-in (``"Person 3f9a1c0b"``),
every company by ``"Company 5e27d8aa"``, every profile URL by
``https://www.linkedin.com/in/pseudo-<hash>``, drops e-mail addresses, invitation
texts and the build warnings (they quote files and names), and renames source
files. The stand-ins are HMAC-SHA256 digests of the real values under a secret
``key``: the same key gives the same stand-ins on every run (so rankings,
trackers and exports made from pseudonymised data line up), another key gives
unrelated ones, and without the key nobody can test a guess.

Filters must see real names: "Stripe" matches "Stripe, Inc." only before both
are renamed. :func:`pseudonymize_ranked` therefore takes a ranking made from the
*real* network (companies and keywords matched first) and renames it with the
same stand-ins as the network, so that everything shown (the CSV, the page, its
legend, the warnings) is pseudonymised and nothing is lost to the renaming.

It returns the new network and a mapping *stand-in → real value*, which never
leaves the user's machine; :func:`reveal` uses it to turn a ranked or exported
frame back into real names. Rankings are the same up to renaming: mutual
counts, degrees and ties are untouched.

Positions (job titles) are kept, since keyword matching needs them; company
names written inside a position ("Recruiter at Globex") are replaced like the
company column. Free text the user wrote (invitation messages) is dropped.
"""

from __future__ import annotations

import hmac
import re
from collections.abc import Callable, Iterable, Mapping
from hashlib import sha256
from typing import Any

import pandas as pd

from refkit._errors import RefkitError
from refkit._text import is_missing, scrub_emails, text_or_none
from refkit.build import ME_PLACEHOLDER, Network
from refkit.resolve import display_name, normalize_name, normalize_url

__all__ = ["pseudonymize", "pseudonymize_ranked", "reveal"]

_PSEUDO_URL = "https://www.linkedin.com/in/pseudo-"
_TOKEN = re.compile(
    r"https://www\.linkedin\.com/in/pseudo-[0-9a-f]{8,64}"
    r"|name:person [0-9a-f]{8,64}\b|Person [0-9a-f]{8,64}\b|Company [0-9a-f]{8,64}\b"
    r"|file-[0-9a-f]{8,64}\.csv"
)
_NOT_FILES = {"you", "edges"}  # sources that are not file names (see refkit.build)
_WORD = re.compile(r"\w+(?:[&.'-]\w+)*", re.UNICODE)
_URL = re.compile(r"https?://[^\s'\"<>;,]+")
_QUOTED = re.compile(r"'(?:[^'\\\n]|\\.){1,300}'|\"(?:[^\"\\\n]|\\.){1,300}\"")
_LETTER = re.compile(r"[^\W\d_]")


class _Namer:
    """Stand-ins by HMAC-SHA256 under one key; longer digests on the (rare) collision."""

    def __init__(self, key: bytes) -> None:
        self._key = key
        self.reverse: dict[str, str] = {}  # stand-in -> real
        self._done: dict[tuple[str, str], str] = {}

    def __call__(self, kind: str, identity: str, real: str, render: Callable[[str], str]) -> str:
        """The stand-in of ``identity`` (the real value it stands for is ``real``)."""
        done = self._done.get((kind, identity))
        if done is not None:
            return done
        digest = hmac.new(self._key, f"{kind}\x1f{identity}".encode(), sha256).hexdigest()
        for size in range(8, 65, 4):
            pseudo = render(digest[:size])
            if pseudo not in self.reverse:
                break
        self.reverse[pseudo] = real
        self._done[(kind, identity)] = pseudo
        return pseudo


def _replace_phrases(text: str, longest: int, find: Callable[[str], str | None]) -> str:
    """``text`` with each run of 1 to ``longest`` whole words that ``find`` knows replaced by
    what it gives, the longest run first."""
    words = list(_WORD.finditer(text))
    out, last, i = [], 0, 0
    while i < len(words):
        for size in range(min(longest, len(words) - i), 0, -1):
            start, end = words[i].start(), words[i + size - 1].end()
            found = find(text[start:end])
            if found:
                out.append(text[last:start] + found)
                last, i = end, i + size
                break
        else:
            i += 1
    return "".join(out) + text[last:]


def _key_bytes(key: bytes | str) -> bytes:
    if isinstance(key, str):
        key = key.encode("utf-8")
    if not isinstance(key, bytes | bytearray) or not key:
        raise RefkitError("pseudonymize: expected a non-empty key (text or bytes)")
    return bytes(key)


class _Pseudonymizer:
    def __init__(self, network: Network, key: bytes) -> None:
        self.namer = _Namer(key)
        self.network = network
        self.person_names: dict[str, str] = {}  # key -> stand-in name
        self.by_norm: dict[str, str] = {}  # normalised real name -> stand-in name
        self.companies: dict[str, str] = {}  # normalised company -> stand-in
        self.file_names: dict[str, str] = {}  # real file name -> stand-in

    # -- values
    def person(self, key: str, real_name: str | None) -> str:
        return self.namer("person", key, real_name or key, lambda h: f"Person {h}")

    def person_key(self, key: str) -> str:
        if key == ME_PLACEHOLDER:
            return key
        if key.startswith("name:"):
            return self.namer("key", key, key, lambda h: f"name:person {h}")
        return self.url(key)

    def url(self, value: Any) -> str | None:
        url = normalize_url(value)
        if url is None:
            return None
        return self.namer("url", url, url, lambda h: f"{_PSEUDO_URL}{h}")

    def name(self, value: Any) -> str | None:
        """A name found in messages or invitations: the stand-in of the person it names."""
        text = text_or_none(value)
        if text is None:
            return None
        norm = normalize_name(text)
        if norm in self.by_norm:
            return self.by_norm[norm]
        return self.person(f"name:{norm}", text)

    def company(self, value: Any) -> str | None:
        text = text_or_none(value)
        if text is None:
            return None
        norm = " ".join(text.casefold().split())
        pseudo = self.namer("company", norm, text, lambda h: f"Company {h}")
        self.companies.setdefault(norm, pseudo)
        return pseudo

    def position(self, value: Any) -> str | None:
        """A job title with any known company name in it replaced (whole words)."""
        text = text_or_none(value)
        if text is None or not self.companies:
            return text
        return _replace_phrases(text, 5, lambda phrase: self.companies.get(
            " ".join(phrase.casefold().split())))

    def file(self, value: Any) -> str:
        text = str(value)
        pseudo = self.namer("file", text, text, lambda h: f"file-{h}.csv")
        self.file_names.setdefault(text, pseudo)
        return pseudo

    def names_in(self, text: str) -> str:
        """``text`` with every known person's name in it (1 to 4 whole words) replaced."""
        if not self.by_norm:
            return text
        return _replace_phrases(text, 4, lambda phrase: self.by_norm.get(normalize_name(phrase)))

    def text(self, value: Any, *, quoted: bool = False) -> str | None:
        """Free text (a reason, a warning) with names, companies, URLs, files and e-mails replaced.

        With ``quoted``, values quoted from files (``'...'``) that are still not
        stand-ins are replaced as well: they may name people refkit does not know.
        """
        if is_missing(value):
            return None
        text = scrub_emails(str(value))
        for real in sorted((f for f in self.file_names if f in text), key=len, reverse=True):
            text = text.replace(real, self.file_names[real])
        text = _URL.sub(lambda m: self.url(m.group()) or m.group(), text)
        text = self.position(self.names_in(text)) or ""
        if quoted:
            text = _QUOTED.sub(self._quoted, text)
        return text

    def _quoted(self, match: re.Match[str]) -> str:
        inner = match.group()[1:-1]
        if not _LETTER.search(inner) or _TOKEN.fullmatch(inner) or inner.startswith("[e-mail"):
            return match.group()
        quote = match.group()[0]
        return quote + self.namer("text", inner, inner, lambda h: f"text {h}") + quote

    def files(self, value: Any) -> str | None:
        text = text_or_none(value)
        if text is None:
            return None
        parts = [part.strip() for part in text.split(";") if part.strip()]
        return "; ".join(part if part in _NOT_FILES else self.file(part) for part in parts)

    def many(self, value: Any, func: Callable[[Any], str | None]) -> str | None:
        """A LinkedIn multi-value cell (``"Ada Lovelace,Mei Lin"``) mapped item by item."""
        text = text_or_none(value)
        if text is None:
            return None
        items = [func(part) for part in text.split(",") if part.strip()]
        return ",".join(item for item in items if item) or None


def _strings(values: list[str | None], index: pd.Index) -> pd.Series:
    return pd.Series(values, index=index, dtype="str")


def pseudonymize(network: Network, *, key: bytes | str) -> tuple[Network, dict[str, str]]:
    """Replace names, companies, URLs and file names by stand-ins; drop e-mails.

    Parameters
    ----------
    network : Network
        The network to pseudonymise (not modified).
    key : bytes or str
        A secret. The same key gives the same stand-ins; keep it to yourself.

    Returns
    -------
    (Network, dict)
        The pseudonymised network (``warnings`` emptied, ``invitations.message``
        dropped) and the mapping stand-in → real value for :func:`reveal`.

    Raises
    ------
    RefkitError
        If ``network`` is not a Network or ``key`` is empty.

    Examples
    --------
    >>> import pandas as pd
    >>> people = pd.DataFrame(
    ...     {"name": ["Ana Lima", "Lee Chen"], "company": [None, "Globex"],
    ...      "email": [None, "lee@globex.com"], "degree": [0, 1]},
    ...     index=pd.Index(["name:ana lima", "https://www.linkedin.com/in/lee"], name="key"))
    >>> ties = pd.DataFrame({"a": ["name:ana lima"], "b": ["https://www.linkedin.com/in/lee"],
    ...                      "source": ["Connections.csv"], "kind": ["connection"]})
    >>> net = Network(people=people, ties=ties, me="name:ana lima")
    >>> pseudo, mapping = pseudonymize(net, key="s3cret")
    >>> pseudo.people[["name", "company", "email"]].to_dict("records")[1]
    {'name': 'Person 0859df93', 'company': 'Company a142621f', 'email': nan}
    >>> mapping["Person 0859df93"], mapping[pseudo.people.index[1]]
    ('Lee Chen', 'https://www.linkedin.com/in/lee')
    """
    if not isinstance(network, Network):
        raise RefkitError(f"pseudonymize: expected a Network, got {type(network).__name__}")
    pseudo, p = _pseudonymized(network, _key_bytes(key), notes=())
    return pseudo, dict(p.namer.reverse)


def pseudonymize_ranked(network: Network, ranked: pd.DataFrame, *, key: bytes | str,
                        notes: Iterable[str] | None = None) -> tuple[Network, pd.DataFrame, dict[str, str]]:
    """Pseudonymise a network and a ranking made from it *before* renaming (match first).

    Rank the real network (``rank_targets(network, companies=..., keywords=...,
    only_matching=True)``: matching sees the real companies and positions),
    then call this: the ranking comes back with the network's stand-ins in
    every column (names, companies, positions, URLs, keys, introducers,
    mutual connections, the reason text), rows, order and counts unchanged.

    Parameters
    ----------
    network : Network
        The real network the ranking was made from (not modified).
    ranked : DataFrame
        A result of :func:`refkit.rank.rank_targets` on ``network`` (not modified).
        Other text columns are pseudonymised as free text; e-mail columns emptied.
    key : bytes or str
        The secret, as for :func:`pseudonymize` (same key, same stand-ins).
    notes : iterable of str, optional
        Warning texts to keep, pseudonymised (default ``network.warnings``): names,
        companies, URLs, file names, e-mails and values quoted from files replaced.

    Returns
    -------
    (Network, DataFrame, dict)
        The pseudonymised network (its ``warnings`` the pseudonymised ``notes``),
        the pseudonymised ranking and the mapping stand-in → real value.

    Raises
    ------
    RefkitError
        If ``network`` is not a Network, ``ranked`` is not a DataFrame or ``key`` is empty.

    Examples
    --------
    >>> from refkit.rank import rank_targets
    >>> people = pd.DataFrame(
    ...     {"name": ["Me", "Ann Wu", "Tara Bell"], "company": [None, "Initech", "Stripe, Inc."],
    ...      "degree": [0, 1, 2]}, index=pd.Index(["me", "ann", "tara"], name="key"))
    >>> ties = pd.DataFrame({"a": ["me", "ann"], "b": ["ann", "tara"], "source": "x", "kind": "shared"})
    >>> net = Network(people=people, ties=ties, me="me")
    >>> ranked = rank_targets(net, min_mutual=1, companies=["Stripe"], only_matching=True)
    >>> _, shown, mapping = pseudonymize_ranked(net, ranked, key="k")
    >>> [mapping[v] for v in shown.loc[0, ["name", "company", "introducer"]]]
    ['Tara Bell', 'Stripe, Inc.', 'Ann Wu']
    >>> "Stripe" in shown.loc[0, "reason"], bool(shown.loc[0, "company_match"])
    (False, True)
    """
    if not isinstance(network, Network):
        raise RefkitError(f"pseudonymize_ranked: expected a Network, got {type(network).__name__}")
    if not isinstance(ranked, pd.DataFrame):
        raise RefkitError(f"pseudonymize_ranked: expected a ranked DataFrame, got {type(ranked).__name__}")
    pseudo, p = _pseudonymized(network, _key_bytes(key),
                               notes=network.warnings if notes is None else tuple(notes))
    return pseudo, _ranked(ranked, p), dict(p.namer.reverse)


def _ranking_pseudonymizer(network: Network, *, key: bytes | str
                           ) -> tuple[Network, Callable[[pd.DataFrame], pd.DataFrame], dict[str, str]]:
    """The pseudonymised network and a function renaming rankings of the real one alike.

    For views that rank again on every change (the threshold widget): the
    stand-ins are made once, each ranking is renamed with them.
    """
    if not isinstance(network, Network):
        raise RefkitError(f"pseudonymize: expected a Network, got {type(network).__name__}")
    pseudo, p = _pseudonymized(network, _key_bytes(key), notes=())
    return pseudo, lambda ranked: _ranked(ranked, p), p.namer.reverse


_KEY_COLUMNS = ("key", "introducer_key")
_KEYS_COLUMNS = {"alternate_keys": "alternates", "mutual_keys": "mutual_connections"}


def _ranked(ranked: pd.DataFrame, p: _Pseudonymizer) -> pd.DataFrame:
    """A ranking with every value from the data replaced by the stand-ins of ``p``."""
    out = ranked.copy()
    n = len(out)

    def column(name: str) -> list[Any]:
        return out[name].to_list() if name in out.columns else [None] * n

    def person(key: Any, real: Any) -> Any:
        if is_missing(key):
            return None if is_missing(real) else p.name(real)
        return p.person_names.get(str(key)) or p.person(str(key), None)

    keys, intro_keys = column("key"), column("introducer_key")
    # the row's own values, replaced first and whole in its free text (a reason names them)
    own = [sorted(((str(real), str(pseudo)) for real, pseudo in pairs if not is_missing(real)
                   and not is_missing(pseudo) and str(real).strip()), key=lambda pair: -len(pair[0]))
           for pairs in zip(
               zip(column("company"), (p.company(v) for v in column("company")), strict=True),
               zip(column("name"), (person(k, v) for k, v in zip(keys, column("name"), strict=True)),
                   strict=True),
               zip(column("introducer"), (None if is_missing(v) else person(k, v)
                                          for k, v in zip(intro_keys, column("introducer"), strict=True)),
                   strict=True),
               strict=True)]

    def free_text(value: Any, row: int) -> Any:
        if not isinstance(value, str):
            return value
        for real, pseudo in own[row]:
            value = value.replace(real, pseudo)
        return p.text(value)

    for name in out.columns:
        series = out[name]
        values = series.to_list()
        if name in _KEY_COLUMNS:
            new = [None if is_missing(v) else p.person_key(str(v)) for v in values]
        elif name in _KEYS_COLUMNS:
            new = [tuple(p.person_key(str(k)) for k in v) if isinstance(v, tuple | list) else v
                   for v in values]
        elif name == "name":
            new = [person(k, v) for k, v in zip(keys, values, strict=True)]
        elif name == "introducer":
            new = [None if is_missing(v) else person(k, v) for k, v in zip(intro_keys, values, strict=True)]
        elif name in _KEYS_COLUMNS.values() and {"alternate_keys", "mutual_keys"} & set(out.columns):
            source = column("mutual_keys" if name == "mutual_connections" else "alternate_keys")
            new = ["; ".join(person(k, None) for k in ks) if isinstance(ks, tuple | list) else p.text(v)
                   for ks, v in zip(source, values, strict=True)]
        elif name == "profile_url":
            new = [p.url(v) for v in values]
        elif name == "company":
            new = [p.company(v) for v in values]
        elif name == "position":
            new = [p.position(v) for v in values]
        elif "mail" in str(name).lower():
            new = [None] * n
        elif pd.api.types.is_string_dtype(series.dtype) or series.dtype == object:
            new = [free_text(v, row) for row, v in enumerate(values)]
        else:
            continue
        dtype = series.dtype if pd.api.types.is_string_dtype(series.dtype) else object
        out[name] = pd.Series(new, index=out.index, dtype=dtype)
    return out


def _pseudonymized(network: Network, key: bytes, *, notes: Iterable[str]) -> tuple[Network, _Pseudonymizer]:
    p = _Pseudonymizer(network, key)
    people = network.people
    keys = list(people.index)

    # people first (sorted keys: stand-ins do not depend on row order)
    for person in sorted(keys):
        real = text_or_none(people.at[person, "name"])
        pseudo = p.person(person, real)
        p.person_names[person] = pseudo
        if real:
            p.by_norm.setdefault(normalize_name(real), pseudo)
    for value in sorted({str(c) for c in people["company"].dropna()}):
        p.company(value)
    if network.positions is not None and "company" in network.positions:
        for value in sorted({str(c) for c in network.positions["company"].dropna()}):
            p.company(value)

    new_keys = [p.person_key(k) for k in keys]
    out = pd.DataFrame(index=pd.Index(new_keys, name=people.index.name or "key", dtype="str"))
    names = [p.person_names[k] for k in keys]
    for column in people.columns:
        values = people[column].to_numpy(dtype=object)
        if column == "name":
            out[column] = _strings(names, out.index)
        elif column == "first_name":
            out[column] = _strings(["Person"] * len(keys), out.index)
        elif column == "last_name":
            out[column] = _strings([n.split(" ", 1)[1] for n in names], out.index)
        elif column == "profile_url":
            out[column] = _strings([p.url(v) for v in values], out.index)
        elif column == "email" or "mail" in str(column).lower():
            out[column] = _strings([None] * len(keys), out.index)
        elif column == "company":
            out[column] = _strings([p.company(v) for v in values], out.index)
        elif column == "position":
            out[column] = _strings([p.position(v) for v in values], out.index)
        elif column == "sources":
            out[column] = _strings([p.files(v) for v in values], out.index)
        else:
            out[column] = people[column].to_numpy()
            out[column] = out[column].astype(people[column].dtype)

    ties = network.ties.copy()
    for column in ("a", "b"):
        ties[column] = ties[column].map(p.person_key).astype("str")
    ties["source"] = ties["source"].map(p.file).astype("str")

    reported = network.reported.copy()
    reported.index = pd.Index([p.person_key(k) for k in reported.index], name=reported.index.name,
                              dtype="str")
    if "source" in reported:
        reported["source"] = reported["source"].map(p.file).astype("str")

    pseudo = Network(
        people=out,
        ties=ties,
        me=p.person_key(network.me),
        reported=reported,
        messages=_messages(network.messages, p),
        invitations=_invitations(network.invitations, p),
        positions=_positions(network.positions, p),
        recommendations=_people_named(network.recommendations, p),
        endorsements=_people_named(network.endorsements, p),
        jobs=_jobs(network.jobs, p),
        warnings=tuple(t for t in (p.text(n, quoted=True) for n in notes) if t),
    )
    return pseudo, p


def _map_column(frame: pd.DataFrame, column: str, func: Callable[[Any], str | None]) -> None:
    if column in frame:
        frame[column] = pd.Series([func(v) for v in frame[column].to_numpy(dtype=object)],
                                  index=frame.index, dtype="str")


def _messages(frame: pd.DataFrame | None, p: _Pseudonymizer) -> pd.DataFrame | None:
    if frame is None:
        return None
    out = frame.copy()
    _map_column(out, "sender", p.name)
    _map_column(out, "sender_url", p.url)
    _map_column(out, "recipients", lambda v: p.many(v, p.name))
    _map_column(out, "recipient_urls", lambda v: p.many(v, p.url))
    for column in ("content", "subject", "conversation_title", "folder"):
        if column in out:
            out = out.drop(columns=column)
    return out


def _invitations(frame: pd.DataFrame | None, p: _Pseudonymizer) -> pd.DataFrame | None:
    if frame is None:
        return None
    out = frame.copy()
    _map_column(out, "from_name", p.name)
    _map_column(out, "to_name", p.name)
    _map_column(out, "inviter_url", p.url)
    _map_column(out, "invitee_url", p.url)
    _map_column(out, "message", lambda v: None)
    return out


def _people_named(frame: pd.DataFrame | None, p: _Pseudonymizer) -> pd.DataFrame | None:
    """Recommendations or endorsements: each person's name, URL, company and position replaced."""
    if frame is None:
        return None
    out = frame.copy()
    firsts = out.get("first_name", pd.Series(pd.NA, index=out.index)).to_numpy(dtype=object)
    lasts = out.get("last_name", pd.Series(pd.NA, index=out.index)).to_numpy(dtype=object)
    names = [display_name(f if isinstance(f, str) else None, la if isinstance(la, str) else None)
             for f, la in zip(firsts, lasts, strict=True)]
    out["first_name"] = pd.Series([p.name(n) for n in names], index=out.index, dtype="str")
    out["last_name"] = pd.Series(pd.NA, index=out.index, dtype="str")
    _map_column(out, "profile_url", p.url)
    _map_column(out, "company", p.company)
    _map_column(out, "position", p.position)
    return out.drop(columns=[c for c in ("skill", "text") if c in out])


def _positions(frame: pd.DataFrame | None, p: _Pseudonymizer) -> pd.DataFrame | None:
    if frame is None:
        return None
    out = frame.copy()
    _map_column(out, "company", p.company)
    _map_column(out, "title", p.position)
    for column in ("description", "location"):
        if column in out:
            out = out.drop(columns=column)
    return out


def _jobs(frame: pd.DataFrame | None, p: _Pseudonymizer) -> pd.DataFrame | None:
    if frame is None:
        return None
    out = frame.copy()
    _map_column(out, "company", p.company)
    _map_column(out, "job_title", p.position)
    _map_column(out, "job_url", lambda v: None)
    _map_column(out, "source", p.file)
    return out


def _reveal_value(value: Any, mapping: Mapping[str, str]) -> Any:
    if isinstance(value, str):
        if value in mapping:
            return mapping[value]
        return _TOKEN.sub(lambda m: mapping.get(m.group(), m.group()), value)
    if isinstance(value, tuple | list):
        return type(value)(_reveal_value(v, mapping) for v in value)
    return value


def reveal(frame: pd.DataFrame, mapping: Mapping[str, str]) -> pd.DataFrame:
    """Put the real names, companies, URLs and keys back into a frame made from pseudonymised data.

    Every text cell (and tuples of text, and the index) is mapped: whole values
    found in ``mapping``, and stand-ins inside longer text (``"Person 3f9a1c0b;
    Person 77c0e2d1"``). Stand-ins unknown to ``mapping`` are left as they are.
    Drafts written from pseudonymised rows address "Person": write drafts after
    revealing instead. ``frame`` is not modified.

    Parameters
    ----------
    frame : DataFrame
        A table holding pseudonyms (e.g. a ranked table of a pseudonymised network).
    mapping : mapping of str to str
        Pseudonym to real value, as returned by :func:`pseudonymize`.

    Returns
    -------
    DataFrame
        A copy of ``frame`` with every pseudonym (also inside text) replaced.

    Raises
    ------
    RefkitError
        If ``frame`` is not a DataFrame.

    Examples
    --------
    >>> mapping = {"Person 6f3e0ae5": "Lee Chen", "Company 0f8a31a6": "Globex"}
    >>> ranked = pd.DataFrame({"name": ["Person 6f3e0ae5"], "mutual_count": [12],
    ...                        "reason": ["12 mutual connections at Company 0f8a31a6"]})
    >>> reveal(ranked, mapping).to_dict("records")
    [{'name': 'Lee Chen', 'mutual_count': 12, 'reason': '12 mutual connections at Globex'}]
    """
    if not isinstance(frame, pd.DataFrame):
        raise RefkitError(f"reveal: expected a DataFrame, got {type(frame).__name__}")
    out = frame.copy()
    for column in out.columns:
        series = out[column]
        if pd.api.types.is_numeric_dtype(series.dtype) or pd.api.types.is_datetime64_any_dtype(series.dtype):
            continue
        values = [_reveal_value(v, mapping) for v in series.to_numpy(dtype=object)]
        dtype = series.dtype if pd.api.types.is_string_dtype(series.dtype) and not any(
            isinstance(v, tuple | list) for v in values) else object
        out[column] = pd.Series(values, index=out.index, dtype=dtype)
    if out.index.dtype == object or pd.api.types.is_string_dtype(out.index.dtype):
        out.index = pd.Index([_reveal_value(v, mapping) for v in out.index], name=out.index.name)
    return out
