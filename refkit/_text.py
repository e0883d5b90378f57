"""One cleaning path for text that comes from other people's profiles.

Every medium (HTML, widgets, plots, CSV, message drafts, the tracker, the
terminal) first passes such text through :func:`clean_text`, then applies its
own escaping (``html.escape``, formula neutralising, mathtext-free labels …).

What :func:`clean_text` removes
    Control characters (C0, C1), every Unicode *format* character (category
    ``Cf``: zero-width spaces and joiners, word joiner U+2060, soft hyphen
    U+00AD, Mongolian vowel separator U+180E, the byte-order mark, bidi marks,
    embeddings, overrides and isolates …) and the other default-ignorable
    characters that draw nothing (U+034F, Hangul fillers). Bidi controls and
    controls become a space (they separate words), the others vanish.

What it keeps
    Letters, accents, symbols and emoji *sequences*: a zero-width joiner
    (U+200D) between two emoji (``👨🏻‍💻``, ``🏳️‍🌈``) and the tag characters of
    a subdivision flag (🏴 England) are kept, so names show as their owners wrote
    them; a joiner anywhere else is removed.

E-mail addresses
    :func:`scrub_emails` replaces them by :data:`EMAIL_PLACEHOLDER` in linear
    time (a local part is at most 64 characters, a domain at most 9 labels of at
    most 63); ``clean_text(..., keep_emails=False)`` applies it. Outputs that
    show data (pages, charts, widget tables, warnings, CSV unless asked) use it.

Terminal output
    :func:`printable` shows the characters a terminal would act on (escape
    sequences, bell, carriage return, bidi overrides, invisible characters) as
    ``\\x1b``, ``\\u202e`` … instead of sending them.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

import pandas as pd

__all__ = ["EMAIL_PATTERN", "EMAIL_PLACEHOLDER", "as_text", "clean_text", "is_clean", "is_missing", "per_text",
           "plural", "printable", "scrub_emails", "text_or_none", "truncate"]

#: Text put in place of an e-mail address.
EMAIL_PLACEHOLDER = "[e-mail removed]"

# Every character of Unicode category Cf (format characters), as of Unicode 14 (Python 3.11);
# tests/test_trust_inject.py checks the list against the running Python's unicodedata.
_FORMAT = ("\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890-\u0891\u08e2\u180e\u200b-\u200f"
           "\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb\U000110bd\U000110cd"
           "\U00013430-\U0001343f\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0001"
           "\U000e0020-\U000e007f")
# Other default-ignorable characters that draw nothing (grapheme joiner, Khmer inherent
# vowels, Hangul fillers): used to make names look blank or identical.
_BLANK = "\u034f\u115f\u1160\u17b4\u17b5\u3164\uffa0"
#: Invisible characters, as the body of a regular-expression character class.
INVISIBLE = _FORMAT + _BLANK
_BLANK_SET = frozenset(_BLANK)
# Characters that separate words when removed (controls, bidi marks and overrides).
_AS_SPACE = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
# Where a zero-width joiner is part of an emoji sequence: pictographs, dingbats, skin tones,
# the emoji variation selector.
_EMOJI = re.compile("[\u00a9\u00ae\u203c-\u3299\ufe0f\U0001f000-\U0001faff]")
_TAG_FLAG = "\U0001f3f4[\U000e0020-\U000e007f]+"
_INVISIBLE = re.compile(f"{_TAG_FLAG}|[\x00-\x1f\x7f-\x9f{_FORMAT}{_BLANK}]")
#: What an XML 1.0 document cannot hold (controls, lone surrogates, U+FFFE, U+FFFF): the
#: characters taken out of xlsx cells and GEXF/GraphML attributes.
NOT_XML = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_NEWLINES = re.compile("\r\n|[\r\n\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")
_TERMINAL = re.compile(f"{_TAG_FLAG}|\r\n|[\x00-\x1f\x7f-\x9f{_FORMAT}{_BLANK}\u2028\u2029\ud800-\udfff]")

_LOCAL = r"[\w.!#$%&'*+/=?^`{|}~-]"
_AT = "[@\uff20\ufe6b]"  # @, fullwidth ＠, small ﹫
_DOMAIN = r"(?:[\w-]{1,63}\.){1,8}[^\W\d_]{2,63}"
#: An e-mail address (bounded, so that matching is linear in the length of the text).
EMAIL_PATTERN = re.compile(f"{_LOCAL}{{1,64}}{_AT}{_DOMAIN}")
_AT_DOMAIN = re.compile(f"{_AT}{_DOMAIN}")
_LOCAL_REVERSED = re.compile(f"{_LOCAL}{{1,64}}")
_NOT_FIRST = "'`.{|}~"


def is_missing(value: object) -> bool:
    """True for None, NaN, NA and NaT (and never raises for lists or other objects).

    Examples
    --------
    >>> is_missing(None), is_missing(float("nan")), is_missing("x"), is_missing([1])
    (True, True, False, False)
    >>> is_missing([None]), is_missing(())  # a container is a value, whatever it holds
    (False, False)
    """
    if value is None:
        return True
    if isinstance(value, (list, tuple, dict, set, frozenset)):
        return False
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def as_text(value: object) -> str:
    """``value`` as ``str``, ``""`` when missing (None, NaN, NA, NaT); nothing else changed.

    Use :func:`clean_text` for text that came from someone's profile.

    Examples
    --------
    >>> as_text(None), as_text(float("nan")), as_text(" Ann "), as_text(3)
    ('', '', ' Ann ', '3')
    """
    return "" if is_missing(value) else str(value)


def text_or_none(value: object) -> str | None:
    """``value`` as stripped ``str``, or None when it is missing or blank.

    Examples
    --------
    >>> text_or_none("  Ann "), text_or_none("  "), text_or_none(None)
    ('Ann', None, None)
    """
    return as_text(value).strip() or None


def plural(n: int, word: str, many: str | None = None) -> str:
    """``n`` and ``word``, in the plural unless ``n`` is 1; thousands separated.

    Examples
    --------
    >>> plural(1, "mutual connection"), plural(1200, "person", "people")
    ('1 mutual connection', '1,200 people')
    """
    return f"{n:,} {word if n == 1 else (many or word + 's')}"


def _in_emoji(text: str, start: int, end: int) -> bool:
    """Whether the joiner at ``text[start:end]`` stands between two emoji."""
    return (start > 0 and end < len(text) and _EMOJI.match(text, start - 1) is not None
            and _EMOJI.match(text, end) is not None)


def _drop(match: re.Match[str]) -> str:
    found = match.group()
    if len(found) > 1:  # a subdivision flag: kept whole
        return found
    if found == "\u200d" and _in_emoji(match.string, match.start(), match.end()):
        return found
    if found == "\u200c" and _between_letters(match.string, match.start()):
        return found  # the zero-width non-joiner is spelling in Persian and Indic scripts
    return " " if found in _AS_SPACE or found < "\xa0" else ""


def _between_letters(text: str, at: int) -> bool:
    """Between two letters of a script that spells with it (never Latin: no hidden ``Ad\u200cmin``)."""
    return (0 < at < len(text) - 1 and all(c.isalpha() and not c.isascii()
                                           for c in (text[at - 1], text[at + 1])))


def _is_plain(text: str) -> bool:
    """Nothing invisible, no controls, no line breaks: :func:`clean_text` only collapses spaces."""
    return text.isprintable() and _no_blank(text)


def _has_at(text: str) -> bool:
    """Whether ``text`` holds an at sign of :data:`_AT` (no address without one)."""
    return "@" in text or "\uff20" in text or "\ufe6b" in text


def _no_blank(text: str) -> bool:
    """No default-ignorable filler (:data:`_BLANK`); a long text is searched once per filler."""
    if text.isascii():
        return True
    if len(text) < 64:
        return _BLANK_SET.isdisjoint(text)
    return not any(blank in text for blank in _BLANK)


def is_clean(text: str, *, multiline: bool = False, keep_emails: bool = True) -> bool:
    """Whether :func:`clean_text` would return ``text`` unchanged, decided without building a copy.

    A fast test for writers that clean many texts (a column of a table): when it
    is true, ``clean_text(text, multiline=multiline, keep_emails=keep_emails)``
    equals ``text``. It may say false for a text that happens to come out
    unchanged (one with an ``@`` that is no address); it never says true
    wrongly (the property tests check it against :func:`clean_text` on hostile
    text).

    Parameters
    ----------
    text : str
        The text to test.
    multiline, keep_emails : bool
        As for :func:`clean_text`.

    Returns
    -------
    bool
        True when cleaning would change nothing.

    Examples
    --------
    >>> is_clean("Jane Chen"), is_clean("Jane  Chen"), is_clean("Jane\\u200bChen")
    (True, False, False)
    >>> is_clean("Hi,\\n\\nAnn", multiline=True), is_clean("Hi,\\nAnn"), is_clean("a@b.io", keep_emails=False)
    (True, False, False)
    """
    if not text.isprintable():  # printable: no control, format or line-break character; " " the only space
        if not (multiline and "\n" in text and text.replace("\n", " ").isprintable()):
            return False
        if " \n" in text or "\n " in text or text[0] == "\n" or text[-1] == "\n":
            return False
    if "  " in text or text[:1] == " " or text[-1:] == " " or not _no_blank(text):
        return False
    return keep_emails or not _has_at(text)


def clean_text(value: object, *, multiline: bool = False, keep_emails: bool = True) -> str:
    """Visible text: invisible and control characters removed, spaces collapsed.

    Parameters
    ----------
    value : object
        Missing values give ``""``; lists and tuples are joined by ``"; "``.
    multiline : bool, default False
        Keep line breaks (any of ``\\r\\n``, ``\\r``, U+2028 … becomes ``\\n``);
        otherwise the text is one line.
    keep_emails : bool, default True
        When false, e-mail addresses are replaced by :data:`EMAIL_PLACEHOLDER`.

    Examples
    --------
    >>> clean_text("Ann\\u202eeeL\\tSmith ")
    'Ann eeL Smith'
    >>> clean_text("\\u2060=1+1\\u00ad"), clean_text("Ana \\U0001f469\\u200d\\U0001f4bb")
    ('=1+1', 'Ana 👩\\u200d💻')
    >>> clean_text(["Ann", None, "Bob"])
    'Ann; Bob'
    >>> clean_text("Hi,\\r\\n\\r\\n  mail ann@x.org", multiline=True, keep_emails=False)
    'Hi,\\n\\nmail [e-mail removed]'
    """
    if isinstance(value, str):
        text = value
    elif isinstance(value, (list, tuple)):
        parts = (clean_text(v, multiline=multiline, keep_emails=keep_emails) for v in value)
        return "; ".join(t for t in parts if t)
    elif is_missing(value):
        return ""
    else:
        text = str(value)
    if _is_plain(text):
        # the common case: nothing invisible, no controls, no line breaks
        text = " ".join(text.split())
    elif multiline and "\r" not in text and _is_plain(text.replace("\n", " ")):
        # the common case with line breaks (drafted notes): only "\n", nothing invisible
        text = "\n".join(" ".join(line.split()) for line in text.split("\n")).strip("\n")
    elif multiline:
        lines = _NEWLINES.sub("\n", text).split("\n")
        text = "\n".join(" ".join(_INVISIBLE.sub(_drop, line).split()) for line in lines).strip("\n")
    else:
        text = " ".join(_INVISIBLE.sub(_drop, text).split())
    return text if keep_emails else scrub_emails(text)


def scrub_emails(text: str) -> str:
    """``text`` with every e-mail address replaced by :data:`EMAIL_PLACEHOLDER`, in linear time.

    Each ``@`` is tried once: the domain after it (at most 9 labels of at most
    63 characters, ending in a top-level domain of letters) by a bounded
    pattern, the local part before it (at most 64 characters) backwards.

    Examples
    --------
    >>> scrub_emails("Recruiter (ann.lee+jobs@globex.co.uk), @globex, a@b")
    'Recruiter ([e-mail removed]), @globex, a@b'
    """
    if not _has_at(text):
        return text
    out: list[str] = []
    last = 0
    for match in _AT_DOMAIN.finditer(text):
        at = match.start()
        before = text[max(last, at - 64):at]
        local = _LOCAL_REVERSED.match(before[::-1])
        # a quote or dot before an address is punctuation, not part of it ('ann@x.org')
        size = len(before[len(before) - local.end():].lstrip(_NOT_FIRST)) if local else 0
        if not size:
            continue
        out.append(text[last:at - size])
        out.append(EMAIL_PLACEHOLDER)
        last = match.end()
    if not out:
        return text
    out.append(text[last:])
    return "".join(out)


_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape(match: re.Match[str]) -> str:
    found = match.group()
    if len(found) > 1 or (found == "\u200d" and _in_emoji(match.string, match.start(), match.end())):
        return found  # "\r\n", a flag, an emoji sequence
    if found in _NAMED:
        return _NAMED[found]
    code = ord(found)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def printable(text: str, *, newlines: bool = True) -> str:
    """``text`` safe to print on a terminal: controls and invisible characters shown escaped.

    Escape sequences (``ESC [ 2J``, ``ESC ] 0;title BEL``), carriage returns,
    bidi overrides, zero-width characters and lone surrogates (from undecodable
    file names) become ``\\x1b``, ``\\r``, ``\\u202e`` … Line breks (``\\n``,
    ``\\r\\n``) are kept when ``newlines``; emoji sequences are kept.

    Examples
    --------
    >>> printable("x\\x1b[2J\\x1b]0;pwned\\x07 Zoë\\u202e")
    'x\\\\x1b[2J\\\\x1b]0;pwned\\\\x07 Zoë\\\\u202e'
    >>> printable("one\\ntwo", newlines=False)
    'one\\\\ntwo'
    """
    if newlines:
        return _TERMINAL.sub(lambda m: m.group() if m.group() in ("\n", "\r\n") else _escape(m), text)
    return _TERMINAL.sub(lambda m: _escape(m) if m.group() != "\r\n" else "\\r\\n", text)


def truncate(text: str, limit: int) -> str:
    """``text`` cut to ``limit`` characters, ending in "…" when cut.

    Examples
    --------
    >>> truncate("Epic Systems Corporation", 10)
    'Epic Syst…'
    """
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


T = TypeVar("T")


def per_text(func: Callable[[Any], T], values: Iterable[Any]) -> list[T]:
    """``[func(v) for v in values]``, worked out once per distinct text.

    For columns whose texts recur (names, companies, positions on a ranked list):
    ``func`` runs once per distinct string and once per other value (missing ones).

    Parameters
    ----------
    func : callable
        What to compute for one value; it must give the same answer for equal texts.
    values : iterable
        The values, in order.

    Returns
    -------
    list
        ``func`` of each value, in order.

    Examples
    --------
    >>> per_text(lambda v: v.upper() if isinstance(v, str) else "", ["ana", "bo", "ana", None])
    ['ANA', 'BO', 'ANA', '']
    """
    done: dict[str, T] = {}
    out: list[T] = []
    for value in values:
        if type(value) is str:
            if value in done:
                result = done[value]
            else:
                result = done[value] = func(value)
        else:
            result = func(value)
        out.append(result)
    return out
