"""Message drafts: invitation notes, referral requests and introductions.

Every draft is plain text built from a template the user can replace. Templates
use :meth:`str.format` placeholders (``{first_name}``) and may mark *optional
segments* with square brackets: ``"Hi[ {first_name}],"``. An optional segment
is left out when one of its placeholders has no value, and optional segments
are the first thing dropped when an invitation note must be shortened. Square
brackets are therefore reserved in templates; braces are written ``{{``/``}}``.
A placeholder that is not listed below raises :class:`~refkit.RefkitError`
naming it.

Placeholders of :func:`invitation_note` and :func:`referral_request`
(``target`` is a row of the ranked table, see ``docs/DESIGN.md``):

``{first_name}``
    the target's first name without title, credentials or emoji
    (``"Dr. Jane Chen, PhD 🚀"`` → ``"Jane"``).
``{name}``
    the target's display name without credentials or emoji.
``{company}``, ``{position}``
    the target's company and position.
``{mutual_names}``
    one or two mutual connections, the introducer first
    (``"Priya Raman and Tomás Ortega"``); empty when no name is known.
``{mutual_count}``
    the number of mutual connections.
``{common_ground}``
    what is shared, rephrased for the reader: the ranking's
    ``"you both worked at Globex"`` becomes ``"we both worked at Globex"`` in an
    invitation and ``"Jane and I both worked at Globex"`` in a referral request.
``{introducer}``, ``{introducer_first}``
    the introducer's display name and first name.
``{me}``, ``{me_first}``
    the user's display name and first name.
``{goal}``
    referral requests only: what the user wants to learn about
    (default ``"learning more about <company>"``).
``{blurb}``
    referral requests only: a short text the introducer can forward.
``{applied}``
    referral requests only, for a row of :func:`refkit.jobs.who_can_refer`:
    ``"I applied for the Senior Backend Engineer role at Globex on 15 August"``
    (from ``job_title``, ``company`` and ``applied_on``; the year is said when it
    is not this year); empty for other rows.

Placeholders of :func:`introduction_note`: ``{a_name}``, ``{a_first_name}``,
``{a_company}``, ``{a_position}``, ``{a_about}`` (``"Jane Chen (Data Engineer at
Globex)"``), the same with ``b_``, ``{reason}``, ``{connector}`` and
``{connector_first}``.

Values come from strangers' profiles: control characters and bidirectional
override characters are removed before they are inserted, and nothing is
escaped for HTML — the drafts are plain text.
"""

from __future__ import annotations

import re
import string
from collections.abc import Iterator, Mapping
from functools import lru_cache
from typing import Any

import pandas as pd

from refkit._errors import OptionError
from refkit._parallel import by_row_halves
from refkit._text import clean_text, per_text
from refkit._validate import whole_number
from refkit.build import UNKNOWN_NAME
from refkit.resolve import display_name, first_name_of

__all__ = [
    "DEFAULT_AGREED_INVITATION",
    "DEFAULT_FORWARDABLE",
    "DEFAULT_INTRODUCTION",
    "DEFAULT_INVITATION",
    "DEFAULT_INVITATION_COUNT",
    "DEFAULT_DIRECT_REFERRAL",
    "DEFAULT_INVITATION_NO_MUTUALS",
    "DEFAULT_REFERRAL",
    "MIN_LIMIT",
    "add_application_drafts",
    "add_drafts",
    "add_opt_in_drafts",
    "agreed_invitation_note",
    "forwardable_note",
    "direct_referral_request",
    "introduction_note",
    "invitation_note",
    "referral_request",
]

#: Invitation note used when mutual connections are known by name.
DEFAULT_INVITATION = (
    "Hi[ {first_name}], I see we're both connected to {mutual_names}[, and {common_ground}]. "
    "I'd love to connect.[ Best, {me}]"
)
#: Invitation note used when only the number of mutual connections is known.
DEFAULT_INVITATION_COUNT = (
    "Hi[ {first_name}], I see we have {mutual_count} connections in common[, and {common_ground}]. "
    "I'd love to connect.[ Best, {me}]"
)
#: Invitation note used when nothing mutual is known.
DEFAULT_INVITATION_NO_MUTUALS = "Hi[ {first_name}],[ {common_ground}.] I'd love to connect.[ Best, {me}]"

#: Referral request sent to the introducer (a 1st-degree connection).
DEFAULT_REFERRAL = (
    "Hi[ {introducer_first}],\n\n"
    "I hope you're doing well! I noticed you're connected to {name}[, {position}][ at {company}]. "
    "[{applied}. ]I'm interested in {goal}, and {first_name}'s perspective would help me a lot. "
    "Would you be comfortable introducing us?[ ({common_ground}.)]\n\n"
    "To make it easy, here is a short note you can forward to {first_name}:\n\n"
    "{blurb}\n\n"
    "No pressure at all if you don't know {first_name} well enough; just let me know. Thank you!\n\n"
    "Best,\n{me}"
)
_BLURB = (
    "{me} is interested in {goal} and would value 15 minutes of your time "
    "to hear about your experience[ at {company}]. Would you be open to a short chat?"
)

#: Referral request to a connection of yours who works where you applied (they can refer you).
DEFAULT_DIRECT_REFERRAL = (
    "Hi[ {first_name}],\n\n"
    "I hope you're doing well! {applied}. Since you work there, would you be comfortable "
    "referring me for it, or telling me who I could talk to about the team? I can send my CV "
    "and a few lines you could pass on.\n\n"
    "No pressure at all; just let me know. Thank you!\n\n"
    "Best,\n{me}"
)

#: Note by a connector (e.g. a career coach) introducing two of their connections.
DEFAULT_INTRODUCTION = (
    "Hi {a_first_name} and {b_first_name},\n\n"
    "I'd like to introduce you to each other: {a_about} and {b_about}.[ "
    "I think you should meet because {reason}.] I'll let you take it from here.\n\n"
    "Best,\n{connector}"
)

#: Smallest accepted ``limit`` for invitation notes (the minimal note fits in it).
MIN_LIMIT = 20

# Last resorts when nothing else fits, from most to least personal.
_FALLBACKS = ("Hi {first_name}, I'd love to connect.", "Hi, I'd love to connect.", "I'd love to connect.")

_TARGET_FIELDS = frozenset(
    {
        "first_name", "name", "company", "position", "mutual_names", "mutual_count",
        "common_ground", "introducer", "introducer_first", "me", "me_first",
    }
)  # fmt: skip
_REFERRAL_FIELDS = _TARGET_FIELDS | {"goal", "blurb", "applied"}
_INTRO_FIELDS = frozenset(
    {f"{side}_{field}" for side in "ab" for field in ("name", "first_name", "company", "position", "about")}
    | {"reason", "connector", "connector_first"}
)
# Core placeholders of an invitation: segments holding them are dropped last.
_CORE = frozenset({"first_name", "mutual_names", "mutual_count"})



# ---------------------------------------------------------------- cleaning
def _display(value: Any) -> str:
    """Display name: credentials after a comma, emoji and symbols removed."""
    return _display_text(_str(value)) if _known(value) else display_name(clean_text(value))


def _first(value: Any) -> str:
    """First name of a display name, skipping titles like ``Dr.``."""
    return _first_text(_str(value)) if _known(value) else first_name_of(clean_text(value))


def _phrase(value: Any) -> str:
    """Free text for a sentence: clean, without trailing full stops."""
    return _phrase_text(_str(value)) if _known(value) else clean_text(value).rstrip(" .")


def _known(value: Any) -> bool:
    """A text, or a missing value that cleans to ``""`` (None, NaN): worked out once per text."""
    return type(value) is str or value is None or (type(value) is float and value != value)


def _str(value: str | float | None) -> str:
    return value if type(value) is str else ""


# The same names and companies recur on many rows (introducers, employers): each is cleaned once.
@lru_cache(maxsize=1 << 16)
def _display_text(value: str) -> str:
    return display_name(clean_text(value))


@lru_cache(maxsize=1 << 16)
def _first_text(value: str) -> str:
    return first_name_of(clean_text(value))


@lru_cache(maxsize=1 << 16)
def _phrase_text(value: str) -> str:
    return clean_text(value).rstrip(" .")


def _get(row: Any, key: str) -> Any:
    if type(row) is dict or isinstance(row, Mapping) or hasattr(row, "get"):
        return row.get(key)
    raise OptionError(f"expected a row of the ranked table (a mapping or Series), got {type(row).__name__}")


def _join_names(names: list[str]) -> str:
    return " and ".join(names) if len(names) <= 2 else ", ".join(names[:-1]) + " and " + names[-1]


def _mutuals(row: Any) -> list[str]:
    """The first two mutual connections' display names, the introducer first, without duplicates."""
    return _mutuals_of(_get(row, "mutual_connections"), _display(_get(row, "introducer")))


def _mutuals_of(raw: Any, introducer: str) -> list[str]:
    """:func:`_mutuals` from a row's ``mutual_connections`` and its introducer's display name.

    A draft names two at most (and says whether there is more than one), so the
    rest of a long list is not cleaned.
    """
    result = [introducer] if introducer else []
    seen = {introducer.casefold()} if introducer else set()
    for item in _mutual_items(raw):
        name = _display(item)
        if name and name.casefold() not in seen:
            seen.add(name.casefold())
            result.append(name)
            if len(result) == 2:
                break
    return result


def _mutual_items(raw: Any) -> Iterator[Any]:
    """The names of a ``mutual_connections`` cell (a list, or text split on ``;``), first ones first."""
    if isinstance(raw, (list, tuple)):
        yield from raw
    elif type(raw) is str and raw.isprintable():
        # only spaces to collapse: each name cleans the same alone as in the cleaned text
        head = raw.split(";", 4)
        yield from head[:4]
        if len(head) == 5:
            yield from head[4].split(";")
    else:
        yield from clean_text(raw).split(";")


def _count(value: Any) -> str:
    return _count_of(value) if type(value) in (int, float, str) else _count_text(value)


@lru_cache(maxsize=1 << 10, typed=True)
def _count_of(value: int | float | str) -> str:  # few distinct counts on a ranked list
    return _count_text(value)


def _count_text(value: Any) -> str:
    text = clean_text(value)
    try:
        return str(int(float(text))) if text else ""
    except ValueError:
        return text


_YOU_BOTH = re.compile(r"^you both\b", re.IGNORECASE)


@lru_cache(maxsize=1 << 10)
def _we(ground: str) -> str:
    return _YOU_BOTH.sub("we both", ground)


def _both(ground: str, who: str) -> str:
    """``"you both …"`` said as ``"<who> and I both …"``."""
    found = _YOU_BOTH.match(ground)
    if found is None:
        return ground
    if "\\" in who:  # a replacement template's escapes, as re.sub reads them
        return _YOU_BOTH.sub(f"{who} and I both", ground)
    return f"{who} and I both{ground[found.end():]}"


# ---------------------------------------------------------------- templates
def _parse(template: str, allowed: frozenset[str], what: str) -> tuple[tuple[str, bool, frozenset[str]], ...]:
    """Split a template into ``(text, optional, fields)`` pieces; validate placeholders.

    Parsed once per template (a ranked list drafts the same template for every row).
    """
    if not isinstance(template, str):
        raise OptionError(f"{what} template: expected a string, got {type(template).__name__}")
    return _parse_text(template, allowed, what)


@lru_cache(maxsize=64)
def _parse_text(template: str, allowed: frozenset[str], what: str) -> tuple[tuple[str, bool, frozenset[str]], ...]:
    pieces: list[tuple[str, bool]] = []
    buf: list[str] = []
    optional = False
    depth = 0
    i = 0
    while i < len(template):
        ch = template[i]
        if ch in "{}" and template[i : i + 2] == ch * 2 and depth == 0:
            buf.append(ch * 2)
            i += 2
            continue
        if ch == "{":
            depth += 1
        elif ch == "}":
            depth = max(depth - 1, 0)
        elif ch in "[]" and depth == 0:
            if (ch == "[") == optional:
                raise OptionError(
                    f"{what} template, character {i + 1}: unbalanced '{ch}'; square brackets mark "
                    "optional segments and cannot be nested"
                )
            pieces.append(("".join(buf), optional))
            buf, optional = [], ch == "["
            i += 1
            continue
        buf.append(ch)
        i += 1
    if optional:
        raise OptionError(f"{what} template: optional segment '[' is never closed with ']'")
    pieces.append(("".join(buf), False))
    result = []
    for text, opt in pieces:
        try:
            fields = [f for _, f, _, _ in string.Formatter().parse(text) if f is not None]
        except ValueError as err:
            raise OptionError(f"{what} template: {err}") from err
        for field in fields:
            if field not in allowed:
                raise OptionError(
                    f"{what} template: unknown placeholder {{{field}}}; expected one of "
                    + ", ".join(f"{{{name}}}" for name in sorted(allowed))
                )
        if text:
            result.append((text, opt, frozenset(fields)))
    return _Pieces(result)


class _Pieces(tuple):
    """A parsed template: ``(text, optional, fields)`` pieces, and what renders them fast.

    When no placeholder has a conversion or format spec (``{name!r}``,
    ``{name:>9}``), the pieces kept for a row are joined into one format string,
    made once per choice of optional segments.
    """

    def __new__(cls, pieces: list[tuple[str, bool, frozenset[str]]]) -> _Pieces:
        self = super().__new__(cls, pieces)
        plain = all(field is None or not (spec or conversion)
                    for text, _, _ in pieces for _, field, spec, conversion in string.Formatter().parse(text))
        self.optional = tuple((i, tuple(fields)) for i, (_, opt, fields) in enumerate(pieces) if opt)
        self.formats: dict[tuple[bool, ...], str] | None = {} if plain else None
        return self


class _Blank(dict):
    """Values of a template; a placeholder without one is empty."""

    def __missing__(self, key: str) -> str:
        return ""


def _render(pieces: tuple[tuple[str, bool, frozenset[str]], ...], values: Mapping[str, str], drop: frozenset[int] = frozenset()) -> str:
    formats = getattr(pieces, "formats", None)
    if formats is not None:  # plain placeholders: one format string for the pieces kept
        kept = tuple([False if i in drop else bool(values.get(fields[0])) if len(fields) == 1
                      else all(values.get(f) for f in fields) for i, fields in pieces.optional])
        joined = formats.get(kept)
        if joined is None:
            flags = iter(kept)
            joined = formats[kept] = "".join(text for text, optional, _ in pieces if not optional or next(flags))
        try:
            text = joined.format_map(values)
        except KeyError:
            text = joined.format_map(_Blank(values))
        return _tidy(text)
    parts = []
    for index, (text, optional, fields) in enumerate(pieces):
        if optional and (index in drop or any(not values.get(f) for f in fields)):
            continue
        try:
            parts.append(text.format(**{f: values.get(f, "") for f in fields}))
        except (ValueError, IndexError, KeyError) as err:
            raise OptionError(f"template segment {text!r}: {err}") from err
    return _tidy("".join(parts))


def _tidy(text: str) -> str:
    """Each line's spaces collapsed, no blank start or end (what a dropped segment leaves)."""
    if text[:1] not in ("", " ", "\n") and text[-1] not in " \n" and "  " not in text:
        if "\n" not in text:
            if text.isprintable():  # printable: " " is its only space, so nothing to collapse
                return text
        elif " \n" not in text and "\n " not in text and text.replace("\n", " ").isprintable():
            return text
    lines = [" ".join(line.split()) for line in text.split("\n")]
    return "\n".join(lines).strip()


def _check_me(me: Any) -> str:
    name = _display(me)
    if not name:
        raise OptionError(f"me: expected your name as shown on LinkedIn, got {me!r}")
    return name


def _target_values(target: Any, me: str) -> dict[str, Any]:
    """The placeholders' values for one row (and ``_mutuals``, the mutual connections' names)."""
    columns = {key: [_get(target, key)] for key in _DRAFT_COLUMNS}
    return _rows_values(columns, me, applied="applied_on" in target)[0]


# The columns _target_values reads (all that add_drafts takes from a row).
_DRAFT_COLUMNS = ("name", "company", "position", "mutual_connections", "mutual_count", "introducer",
                  "common_ground", "job_title", "applied_on")


def _rows_values(columns: Mapping[str, list[Any]], me: str, *, applied: bool) -> list[dict[str, Any]]:
    """:func:`_target_values` of each row, from the columns of ``_DRAFT_COLUMNS`` (missing ones: None).

    Names, companies, positions, counts and introducers recur: each distinct one
    is worked out once.
    """
    size = len(next(iter(columns.values()))) if columns else 0

    def column(key: str) -> list[Any]:
        return columns[key] if key in columns else [None] * size

    introducers = per_text(_display, column("introducer"))
    names = column("name")
    companies = per_text(_phrase, column("company"))
    titles = per_text(_phrase, column("job_title"))
    mutuals = [_mutuals_of(raw, introducer) for raw, introducer in zip(column("mutual_connections"), introducers,
                                                                         strict=True)]
    applications = ([_applied(day, title, company) for day, title, company
                     in zip(column("applied_on"), titles, companies, strict=True)] if applied else [""] * size)
    if me == UNKNOWN_NAME:  # nobody said who you are: no "Best, You", no "You is interested"
        me = ""
    me_first = _first(me)
    return [
        {
            "_mutuals": names_known,
            "first_name": first,
            "name": name,
            "company": company,
            "position": position,
            "mutual_names": _join_names(names_known[:2]),
            "mutual_count": count,
            "common_ground": ground,
            "introducer": introducer,
            "introducer_first": introducer_first,
            "me": me,
            "me_first": me_first,
            "applied": application,
            "_job_title": title,
        }
        for names_known, first, name, company, position, count, ground, introducer, introducer_first, application,
        title in zip(mutuals, per_text(_first, names), per_text(_display, names), companies,
                     per_text(_phrase, column("position")), per_text(_count, column("mutual_count")),
                     per_text(_phrase, column("common_ground")), introducers, per_text(_first, introducers),
                     applications, titles, strict=True)
    ]


def _applied(day: Any, title: str, company: str) -> str:
    """``"I applied for the <job title> role at <company> on 15 August"`` (the date from ``applied_on``)."""
    day = pd.Timestamp(day) if not _missing(day) else None
    role = f"the {title} role" if title else "a role"
    when = ""
    if day is not None:
        when = f" on {day.day} {day:%B}" + ("" if day.year == pd.Timestamp.today().year else f" {day.year}")
    return f"I applied for {role}{f' at {company}' if company else ''}{when}"


def _missing(value: Any) -> bool:
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


# ---------------------------------------------------------------- invitation
def _words_shorter(value: str) -> Iterator[str]:
    words = value.split()
    for n in range(len(words) - 1, 0, -1):
        yield " ".join(words[:n])


def _candidates(pieces, values: dict[str, str], mutuals: list[str]) -> Iterator[tuple[dict[str, str], frozenset[int]]]:
    """Ever shorter (values, dropped pieces), in the documented order."""
    v = dict(values)
    drop: frozenset[int] = frozenset()
    yield v, drop
    if len(mutuals) > 1:  # 1. one mutual name only
        v = {**v, "mutual_names": mutuals[0]}
        yield v, drop
    if v["common_ground"]:  # 2. no common ground
        v = {**v, "common_ground": ""}
        yield v, drop
    optional = [i for i, (_, opt, fields) in enumerate(pieces) if opt]
    for index in reversed(optional):  # 3. the closing and other optional extras
        if not pieces[index][2] & _CORE:
            drop = drop | {index}
            yield v, drop
    # 4. abbreviate: first names for the mutual connection and me, shorter values
    abbreviations = {"mutual_names": _first(mutuals[0]) if mutuals else "", "me": v["me_first"]}
    for key, short in abbreviations.items():
        if short and short != v[key]:
            v = {**v, key: short}
            yield v, drop
    for key in ("company", "position", "common_ground", "mutual_names", "name", "introducer", "me", "first_name"):
        for short in _words_shorter(v[key]):
            v = {**v, key: short}
            yield v, drop
    for index in reversed(optional):  # 5. the remaining optional segments
        drop = drop | {index}
        yield v, drop


def invitation_note(target: Any, *, me: str, limit: int = 200, template: str | None = None) -> str:
    """Draft a personal connection invitation that fits LinkedIn's note limit.

    Parameters
    ----------
    target : Mapping or Series
        A row of the ranked table (``name``, ``company``, ``mutual_connections``,
        ``introducer``, ``common_ground``...; missing fields are allowed).
    me : str
        Your display name.
    limit : int
        Maximum length in characters: 200 for free accounts, 300 for Premium;
        at least :data:`MIN_LIMIT`.
    template : str, optional
        A template with the placeholders listed in the module docstring; by
        default :data:`DEFAULT_INVITATION` (or its variants when no mutual
        name or count is known).

    Returns
    -------
    str
        A non-empty note of at most ``limit`` characters. When the full note is
        too long, the second mutual name, the common ground and the closing are
        dropped, then names are abbreviated and values shortened word by word;
        a word is never cut. If even that does not fit, a minimal note is used.

    Raises
    ------
    OptionError
        If ``me`` is empty, ``limit`` is not a whole number of at least
        ``MIN_LIMIT``, ``target`` is not a row, or the template is malformed.

    Examples
    --------
    >>> row = {"name": "Jane Chen, PhD", "company": "Globex",
    ...        "mutual_connections": "Priya Raman; Tomás Ortega", "introducer": "Priya Raman",
    ...        "common_ground": "you both worked at Initech"}
    >>> invitation_note(row, me="Alex Kim")
    "Hi Jane, I see we're both connected to Priya Raman and Tomás Ortega, and we both worked at Initech. I'd love to connect. Best, Alex Kim"
    >>> invitation_note(row, me="Alex Kim", limit=80)
    "Hi Jane, I see we're both connected to Priya Raman. I'd love to connect."
    """
    limit = whole_number(limit, "limit", minimum=MIN_LIMIT)
    return _invitation(_target_values(target, _check_me(me)), limit=limit, template=template)


def _invitation(values: dict[str, Any], *, limit: int, template: str | None) -> str:
    """:func:`invitation_note` from a row's values (:func:`_target_values`), worked out once per row."""
    values = dict(values)
    mutuals = values.pop("_mutuals")
    values["common_ground"] = _we(values["common_ground"])
    if template is None:
        if mutuals:
            template = DEFAULT_INVITATION
        elif values["mutual_count"]:
            template = DEFAULT_INVITATION_COUNT
        else:
            template = DEFAULT_INVITATION_NO_MUTUALS
    pieces = _parse(template, _TARGET_FIELDS, "invitation")
    for candidate, drop in _candidates(pieces, values, mutuals):
        note = _render(pieces, candidate, drop)
        if note and len(note) <= limit:
            return note
    for fallback in _FALLBACKS:
        first = values["first_name"]
        if "{first_name}" in fallback and not first:
            continue
        note = fallback.format(first_name=first)
        if len(note) <= limit:
            return note
    raise AssertionError("unreachable: the last fallback fits MIN_LIMIT")  # pragma: no cover


# ---------------------------------------------------------------- referral
def referral_request(target: Any, *, me: str, goal: str | None = None, template: str | None = None) -> str:
    """Draft a message asking the target's introducer for an introduction.

    The message names the target, their position and company, says what you
    want to learn (``goal``) and ends with a short blurb the introducer can
    forward as is.

    Parameters
    ----------
    target : Mapping or Series
        A row of the ranked table.
    me : str
        Your display name.
    goal : str, optional
        What you want to learn about, e.g. ``"the data engineering team's
        culture"``; default ``"learning more about <company>"``.
    template : str, optional
        A template (see the module docstring); default :data:`DEFAULT_REFERRAL`.

    Returns
    -------
    str
        The message, or ``""`` when the row has no introducer (nobody to ask).

    Examples
    --------
    >>> row = {"name": "Jane Chen", "company": "Globex", "position": "Data Engineer",
    ...        "introducer": "Priya Raman", "mutual_connections": "Priya Raman"}
    >>> text = referral_request(row, me="Alex Kim", goal="the data engineering team's culture")
    >>> print(text.splitlines()[2])
    I hope you're doing well! I noticed you're connected to Jane Chen, Data Engineer at Globex. I'm interested in the data engineering team's culture, and Jane's perspective would help me a lot. Would you be comfortable introducing us?
    >>> print(text.splitlines()[6])
    Alex Kim is interested in the data engineering team's culture and would value 15 minutes of your time to hear about your experience at Globex. Would you be open to a short chat?
    >>> referral_request({"name": "Jane Chen", "introducer": None}, me="Alex Kim")
    ''
    """
    return _referral(_target_values(target, _check_me(me)), goal=goal, template=template)


def _referral(values: dict[str, Any], *, goal: str | None, template: str | None) -> str:
    """:func:`referral_request` from a row's values (:func:`_target_values`), worked out once per row."""
    pieces = _parse(DEFAULT_REFERRAL if template is None else template, _REFERRAL_FIELDS, "referral")
    values = dict(values)
    del values["_mutuals"]
    title = values.pop("_job_title")
    if not values["introducer"]:
        return ""
    ground = values["common_ground"]
    if ground:
        who = values["first_name"] or "they"
        values["common_ground"] = _both(ground, who)
    values["name"] = values["name"] or "this person"  # e.g. a name made only of emoji
    values["first_name"] = values["first_name"] or values["name"]
    goal_text = _phrase(goal)
    blurb_goal = goal_text
    alumnus = bool(values["company"]) and values["company"].casefold() in ground.casefold()
    if not goal_text and values["applied"]:  # the application says what for; the blurb names the role
        goal_text = "how the team works"
        blurb_goal = f"the {title} role" if title else "the role"
    elif not goal_text:
        if alumnus:  # you worked there too: what you want is their view of it now, not the company
            goal_text = f"how things are at {values['company']} these days"
            blurb_goal = "how things are on your team these days"
        elif values["company"]:
            goal_text = blurb_goal = f"learning more about {values['company']}"
        else:
            goal_text = f"learning more about {values['first_name']}'s work"
            blurb_goal = "learning more about your work"
    values["goal"] = goal_text
    blurb = {**values, "goal": blurb_goal, "me": values["me"] or "A friend of mine"}
    values["blurb"] = _blurb(tuple((f, blurb[f]) for f in _BLURB_FIELDS))
    return _render(pieces, values)


_BLURB_FIELDS = sorted(frozenset().union(*(fields for _, _, fields in _parse(_BLURB, _REFERRAL_FIELDS, "blurb"))))


@lru_cache(maxsize=1 << 12)
def _blurb(values: tuple[tuple[str, str], ...]) -> str:
    """The forwardable blurb: the same for every row with the same company (and goal)."""
    return _render(_parse(_BLURB, _REFERRAL_FIELDS, "blurb"), dict(values))


def direct_referral_request(row: Any, *, me: str, template: str | None = None) -> str:
    """Draft a message asking one of your connections who works where you applied to refer you.

    Parameters
    ----------
    row : Mapping or Series
        A row of :func:`refkit.jobs.who_can_refer` for a 1st-degree connection:
        ``name``, ``company``, ``job_title``, ``applied_on``.
    me : str
        Your display name.
    template : str, optional
        A template (placeholders as for :func:`referral_request`); default
        :data:`DEFAULT_DIRECT_REFERRAL`.

    Returns
    -------
    str
        The message.

    Raises
    ------
    OptionError
        When ``me`` is empty, ``row`` is not a row, or the template is malformed.

    Examples
    --------
    >>> import pandas as pd
    >>> row = {"name": "Jane Chen", "company": "Globex", "job_title": "Senior Backend Engineer",
    ...        "applied_on": pd.Timestamp("2025-08-15")}
    >>> print(direct_referral_request(row, me="Alex Kim").splitlines()[2][:88])
    I hope you're doing well! I applied for the Senior Backend Engineer role at Globex on 15
    """
    values = _target_values(row, _check_me(me))
    del values["_mutuals"], values["_job_title"]
    if not values["applied"]:
        company = values["company"]
        values["applied"] = f"I'm applying for a role{f' at {company}' if company else ''}"
    pieces = _parse(DEFAULT_DIRECT_REFERRAL if template is None else template, _REFERRAL_FIELDS, "referral")
    return _render(pieces, {**values, "goal": "", "blurb": ""})


# ---------------------------------------------------------------- introduction
def _about(name: str, position: str, company: str) -> str:
    role = " at ".join(p for p in (position, company) if p)
    return f"{name} ({role})" if role else name


def introduction_note(
    a: Mapping[str, Any],
    b: Mapping[str, Any],
    *,
    connector: str,
    reason: str | None = None,
    template: str | None = None,
) -> str:
    """Draft a note by a connector (e.g. a coach) introducing two people.

    Parameters
    ----------
    a, b : Mapping or Series
        The two people: ``name`` (or ``first_name`` and ``last_name``),
        optionally ``company`` and ``position``.
    connector : str
        The name of the person making the introduction.
    reason : str, optional
        Why they should meet, e.g. ``"you both build data platforms"``.
    template : str, optional
        A template (see the module docstring); default :data:`DEFAULT_INTRODUCTION`.

    Returns
    -------
    str
        The note, addressed to both people and signed by ``connector``.

    Raises
    ------
    OptionError
        If ``connector`` is empty, ``a`` or ``b`` is not a row, or the template is malformed.

    Examples
    --------
    >>> a = {"name": "Ana Souza", "position": "Analyst", "company": "Acme"}
    >>> b = {"name": "Lee Chen", "company": "Globex"}
    >>> print(introduction_note(a, b, connector="Sam Ortiz", reason="you both love dbt"))
    Hi Ana and Lee,
    <BLANKLINE>
    I'd like to introduce you to each other: Ana Souza (Analyst at Acme) and Lee Chen (Globex). I think you should meet because you both love dbt. I'll let you take it from here.
    <BLANKLINE>
    Best,
    Sam Ortiz
    """
    connector_name = _display(connector)
    if not connector_name:
        raise OptionError(f"connector: expected the name of the person introducing, got {connector!r}")
    pieces = _parse(DEFAULT_INTRODUCTION if template is None else template, _INTRO_FIELDS, "introduction")
    values = {"reason": _phrase(reason), "connector": connector_name, "connector_first": _first(connector_name)}
    for side, person in (("a", a), ("b", b)):
        name = _display(_get(person, "name"))
        if not name:
            name = _display(f"{clean_text(_get(person, 'first_name'))} {clean_text(_get(person, 'last_name'))}")
        if not name:
            raise OptionError(f"introduction_note: person {side} has no name")
        company, position = _phrase(_get(person, "company")), _phrase(_get(person, "position"))
        values.update(
            {
                f"{side}_name": name,
                f"{side}_first_name": _first(name),
                f"{side}_company": company,
                f"{side}_position": position,
                f"{side}_about": _about(name, position, company),
            }
        )
    return _render(pieces, values)


# ---------------------------------------------------------------- frames
def add_drafts(
    ranked: pd.DataFrame,
    *,
    me: str,
    limit: int = 200,
    goal: str | None = None,
    invitation_template: str | None = None,
    referral_template: str | None = None,
) -> pd.DataFrame:
    """Return a copy of a ranked table with ``invitation_note`` and ``referral_request`` columns.

    The input is not modified. ``referral_request`` is ``""`` for rows
    without an introducer.

    Parameters
    ----------
    ranked : DataFrame
        The table from :func:`~refkit.rank.rank_targets`.
    me : str
        Your name as shown on LinkedIn (signs the notes).
    limit : int, default 200
        Most characters in an invitation note.
    goal : str, optional
        What you want to learn, for the referral request.
    invitation_template, referral_template : str, optional
        Templates replacing the defaults (see :func:`invitation_note` and
        :func:`referral_request`).

    Returns
    -------
    DataFrame
        A copy of ``ranked`` with ``invitation_note`` and ``referral_request`` columns.

    Raises
    ------
    OptionError
        If ``ranked`` is not a DataFrame, ``me`` or ``limit`` is invalid, or a
        template is malformed.

    Examples
    --------
    >>> ranked = pd.DataFrame({"name": ["Jane Chen"], "company": ["Globex"],
    ...                        "mutual_connections": ["Priya Raman"], "introducer": ["Priya Raman"]})
    >>> out = add_drafts(ranked, me="Alex Kim")
    >>> out.loc[0, "invitation_note"]
    "Hi Jane, I see we're both connected to Priya Raman. I'd love to connect. Best, Alex Kim"
    >>> list(ranked.columns)
    ['name', 'company', 'mutual_connections', 'introducer']
    """
    if not isinstance(ranked, pd.DataFrame):
        raise OptionError(f"add_drafts: expected a ranked DataFrame, got {type(ranked).__name__}")
    if invitation_template is not None:
        _parse(invitation_template, _TARGET_FIELDS, "invitation")
    if referral_template is not None:
        _parse(referral_template, _REFERRAL_FIELDS, "referral")
    limit = whole_number(limit, "limit", minimum=MIN_LIMIT)
    me_name = _check_me(me)

    def drafts(part: pd.DataFrame) -> tuple[list[str], list[str]]:
        rows = _frame_values(part, me_name)  # once per row, for both
        return ([_invitation(v, limit=limit, template=invitation_template) for v in rows],
                [_referral(v, goal=goal, template=referral_template) for v in rows])

    halves = by_row_halves(drafts, ranked)  # a long table's second half drafted by a second core
    notes = [note for half, _ in halves for note in half]
    asks = [ask for _, half in halves for ask in half]
    out = ranked.copy()
    out["invitation_note"] = pd.Series(notes, index=ranked.index, dtype="string")
    out["referral_request"] = pd.Series(asks, index=ranked.index, dtype="string")
    return out


def _frame_values(ranked: pd.DataFrame, me: str) -> list[dict[str, Any]]:
    """:func:`_target_values` of each row of ``ranked``, a column at a time."""
    if not ranked.columns.is_unique or isinstance(ranked.columns, pd.MultiIndex):
        return [_target_values(r, me) for r in ranked.to_dict("records")]
    columns = {c: _column_values(ranked, c) for c in _DRAFT_COLUMNS if c in ranked.columns}
    if not columns:
        columns = {"name": [None] * len(ranked)}
    return _rows_values(columns, me, applied="applied_on" in ranked.columns)


def _column_values(frame: pd.DataFrame, column: str) -> list[Any]:
    """One column's values as ``to_dict("records")`` gives them (iterated; numpy scalars boxed)."""
    series = frame[column]
    if isinstance(series.dtype, pd.StringDtype):
        return series.tolist()  # the same values as iterating, without a call per value
    if series.dtype == object:
        return [r[column] for r in frame[[column]].to_dict("records")]
    return list(series)


# ---------------------------------------------------------------- double opt-in
#: The note an introducer forwards to the target, in the introducer's voice, asking whether they
#: are open to an introduction (double opt-in: the target is asked before anyone is introduced).
DEFAULT_FORWARDABLE = (
    "Hi[ {first_name}],\n\n"
    "{me}, someone I know and trust, is interested in {goal} and asked whether I could introduce you."
    "[ ({common_ground}.)] Would you be open to a short chat with {me_first}? No pressure at all: "
    "if now isn't a good time, just say so and I'll let {me_first} know.\n\n"
    "Best,\n{introducer_first}"
)
#: The invitation note for after the target agreed to be introduced.
DEFAULT_AGREED_INVITATION = (
    "Hi[ {first_name}], thank you for being open to a chat[ - {introducer} told me]. "
    "I'd love to connect and find a time that suits you.[ Best, {me}]"
)


def _goal_of(values: Mapping[str, Any], goal: str | None) -> str:
    """What the user wants to learn, in the target's terms (the referral's default when not given)."""
    text = _phrase(goal)
    if text:
        return text
    company = values["company"]
    if company and company.casefold() in values["common_ground"].casefold():  # you worked there too
        return f"how things are at {company} these days"
    return f"learning more about {company}" if company else "learning more about your work"


def forwardable_note(target: Any, *, me: str, goal: str | None = None, template: str | None = None) -> str:
    """Draft the short note the introducer forwards to the target, asking whether they are open to it.

    Written in the introducer's voice (signed with their first name), it names
    you and why you would like to talk, so the target can say yes or no before
    anyone is introduced (double opt-in). Send it to the introducer with the
    :func:`referral_request`; after the target agrees, use
    :func:`agreed_invitation_note`.

    Parameters
    ----------
    target : Mapping or Series
        A row of the ranked table (``name``, ``company``, ``introducer``, ``common_ground``...).
    me : str
        Your display name.
    goal : str, optional
        What you want to learn about; default ``"learning more about <company>"``.
    template : str, optional
        A template with the placeholders of :func:`referral_request` (see the
        module docstring); default :data:`DEFAULT_FORWARDABLE`.

    Returns
    -------
    str
        The note, or ``""`` when the row has no introducer (nobody to forward it).

    Raises
    ------
    OptionError
        If ``me`` is empty or the template is malformed.

    Examples
    --------
    >>> row = {"name": "Lee Chen", "company": "Globex", "introducer": "Priya Raman",
    ...        "common_ground": "you both worked at Initech"}
    >>> print(forwardable_note(row, me="Alex Kim"))
    Hi Lee,
    <BLANKLINE>
    Alex Kim, someone I know and trust, is interested in learning more about Globex and asked whether I could introduce you. (You and Alex both worked at Initech.) Would you be open to a short chat with Alex? No pressure at all: if now isn't a good time, just say so and I'll let Alex know.
    <BLANKLINE>
    Best,
    Priya
    """
    values = _target_values(target, _check_me(me))
    del values["_mutuals"]
    pieces = _parse(DEFAULT_FORWARDABLE if template is None else template, _REFERRAL_FIELDS, "forwardable note")
    if not values["introducer"]:
        return ""
    ground = values["common_ground"]
    if ground:  # the introducer writes to the target: "you both" is the target and you
        ground = re.sub(r"^you both\b", f"you and {values['me_first'] or values['me']} both", ground, flags=re.IGNORECASE)
        values["common_ground"] = ground[:1].upper() + ground[1:]
    values["goal"] = _goal_of(values, goal)
    values["blurb"] = ""
    return _render(pieces, values)


def agreed_invitation_note(target: Any, *, me: str, limit: int = 200, template: str | None = None) -> str:
    """Draft the invitation note for after the target agreed to be introduced.

    Parameters
    ----------
    target : Mapping or Series
        A row of the ranked table (``name``, ``introducer``...).
    me : str
        Your display name.
    limit : int
        Maximum length: 200 for free accounts, 300 for Premium (see
        :data:`refkit._limits.NOTE_LENGTH`); at least :data:`MIN_LIMIT`.
    template : str, optional
        A template with the placeholders of :func:`invitation_note`; default
        :data:`DEFAULT_AGREED_INVITATION`.

    Returns
    -------
    str
        A non-empty note of at most ``limit`` characters, shortened like :func:`invitation_note`.

    Raises
    ------
    OptionError
        If ``me`` is empty, ``limit`` is too small or the template is malformed.

    Examples
    --------
    >>> row = {"name": "Lee Chen", "introducer": "Priya Raman"}
    >>> agreed_invitation_note(row, me="Alex Kim")
    "Hi Lee, thank you for being open to a chat - Priya Raman told me. I'd love to connect and find a time that suits you. Best, Alex Kim"
    >>> len(agreed_invitation_note(row, me="Alex Kim", limit=60)) <= 60
    True
    """
    limit = whole_number(limit, "limit", minimum=MIN_LIMIT)
    return _invitation(_target_values(target, _check_me(me)), limit=limit,
                       template=DEFAULT_AGREED_INVITATION if template is None else template)  # fmt: skip


def add_opt_in_drafts(ranked: pd.DataFrame, *, me: str, limit: int = 200, goal: str | None = None) -> pd.DataFrame:
    """Return a copy of a ranked table with the two texts of a double opt-in introduction.

    ``forwardable_note`` (:func:`forwardable_note`: the introducer forwards it to
    the target; ``""`` without an introducer) and ``agreed_invitation``
    (:func:`agreed_invitation_note`: your invitation once they agreed). With
    :func:`add_drafts`' ``referral_request`` they are the three texts for each
    target. The input is not modified.

    Parameters
    ----------
    ranked : DataFrame
        The table from :func:`~refkit.rank.rank_targets`.
    me : str
        Your name as shown on LinkedIn.
    limit : int, default 200
        Most characters in the invitation note (300 on Premium).
    goal : str, optional
        What you want to learn, for the forwardable note.

    Returns
    -------
    DataFrame
        A copy of ``ranked`` with ``forwardable_note`` and ``agreed_invitation`` columns.

    Raises
    ------
    OptionError
        If ``ranked`` is not a DataFrame, or ``me`` or ``limit`` is invalid.

    Examples
    --------
    >>> ranked = pd.DataFrame({"name": ["Lee Chen"], "company": ["Globex"], "introducer": ["Priya Raman"]})
    >>> out = add_opt_in_drafts(ranked, me="Alex Kim")
    >>> out.loc[0, "forwardable_note"].splitlines()[-1], len(out.loc[0, "agreed_invitation"]) <= 200
    ('Priya', True)
    """
    if not isinstance(ranked, pd.DataFrame):
        raise OptionError(f"add_opt_in_drafts: expected a ranked DataFrame, got {type(ranked).__name__}")
    limit = whole_number(limit, "limit", minimum=MIN_LIMIT)
    me_name = _check_me(me)
    rows = ranked.to_dict("records")
    out = ranked.copy()
    out["forwardable_note"] = pd.Series([forwardable_note(r, me=me_name, goal=goal) for r in rows],
                                        index=ranked.index, dtype="string")  # fmt: skip
    out["agreed_invitation"] = pd.Series([agreed_invitation_note(r, me=me_name, limit=limit) for r in rows],
                                         index=ranked.index, dtype="string")  # fmt: skip
    return out


def add_application_drafts(who: pd.DataFrame, *, me: str, goal: str | None = None) -> pd.DataFrame:
    """Return a copy of :func:`refkit.jobs.who_can_refer`'s table with a ``referral_request`` column.

    To a connection at the company: :func:`direct_referral_request`; for a
    2nd-degree person: :func:`referral_request` to their introducer, naming
    the role and the day applied. ``""`` on a row with nobody to ask.

    Parameters
    ----------
    who : DataFrame
        The table from :func:`refkit.jobs.who_can_refer`.
    me : str
        Your name as shown on LinkedIn.
    goal : str, optional
        What you want to learn, for the requests to introducers.

    Returns
    -------
    DataFrame
        A copy of ``who`` with ``referral_request``.

    Raises
    ------
    OptionError
        If ``who`` is not a DataFrame or ``me`` is invalid.

    Examples
    --------
    >>> who = pd.DataFrame({"company": ["Globex", "Globex"], "job_title": ["Data Engineer"] * 2,
    ...                     "applied_on": pd.to_datetime(["2025-08-15"] * 2), "name": ["Ann Wu", "Lee Park"],
    ...                     "degree": [1, 2], "introducer": [None, "Tomás Ortega"]})
    >>> out = add_application_drafts(who, me="Alex Kim")
    >>> [text.splitlines()[0] for text in out["referral_request"]]
    ['Hi Ann,', 'Hi Tomás,']
    """
    if not isinstance(who, pd.DataFrame):
        raise OptionError(f"add_application_drafts: expected a DataFrame, got {type(who).__name__}")
    me_name = _check_me(me)
    texts = []
    for row in who.to_dict("records"):
        if _missing(row.get("name")):
            texts.append("")
        elif row.get("degree") == 1:
            texts.append(direct_referral_request(row, me=me_name))
        else:
            texts.append(referral_request(row, me=me_name, goal=goal))
    return who.assign(referral_request=pd.Series(texts, index=who.index, dtype="str"))
