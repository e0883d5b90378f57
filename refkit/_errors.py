"""One error family for refkit.

Every problem with a user's file or argument is a :class:`RefkitError` (a
``ValueError``) whose message names the file, the line and what was expected.
Subclasses say what kind of problem it is (a file's format, a bad option, a
person not found or ambiguous, not in the network, a refused output) and carry
``path``, ``line`` and ``value`` so code never matches message text. Row-level
problems are :class:`RefkitWarning` warnings; the rest of the file is imported.
"""

from __future__ import annotations

import re
import warnings
from os import PathLike

__all__ = [
    "AmbiguousPersonError",
    "FileFormatError",
    "NotInNetworkError",
    "OptionError",
    "OutputError",
    "PersonNotFoundError",
    "RefkitError",
    "RefkitWarning",
    "WarningSummary",
    "group_warnings",
    "summarize_warnings",
    "warn_row",
    "where",
]


class RefkitError(ValueError):
    """A file or an argument refkit cannot use.

    The message is written for a person; the attributes are for code, so callers
    never need to match message text.

    Parameters
    ----------
    message : str
        What went wrong, naming the file, the line and what was expected.
    path : str, optional
        The file concerned, as shown to the user.
    line : int, optional
        The 1-based line of that file.
    value : object, optional
        The bad value (an option, a name, a cell).

    Examples
    --------
    >>> err = RefkitError("Connections.csv, line 4: expected a header with 'First Name'",
    ...                   path="Connections.csv", line=4)
    >>> isinstance(err, ValueError), err.path, err.line
    (True, 'Connections.csv', 4)
    """

    def __init__(self, message: str, *, path: str | PathLike[str] | None = None,
                 line: int | None = None, value: object = None) -> None:
        super().__init__(message)
        self.path = None if path is None else str(path)
        self.line = line
        self.value = value


class FileFormatError(RefkitError):
    """A file that is not what it should be: not found, unreadable, or the wrong kind or format.

    Examples
    --------
    >>> issubclass(FileFormatError, RefkitError)
    True
    """


class OptionError(RefkitError):
    """An argument or setting with a value refkit cannot use (``value`` holds it).

    Examples
    --------
    >>> OptionError("min_mutual must be a whole number of at least 1, got 0", value=0).value
    0
    """


class PersonNotFoundError(RefkitError):
    """No person matches the name, URL or key given (``value`` holds what was asked).

    Examples
    --------
    >>> issubclass(PersonNotFoundError, RefkitError)
    True
    """


class AmbiguousPersonError(RefkitError):
    """Several people match the name given; ``candidates`` holds their keys.

    Examples
    --------
    >>> err = AmbiguousPersonError("'Ana Li' matches 2 people", value="Ana Li", candidates=("a", "b"))
    >>> err.candidates
    ('a', 'b')
    """

    def __init__(self, message: str, *, candidates: tuple[str, ...] = (), **where: object) -> None:
        super().__init__(message, **where)  # type: ignore[arg-type]
        self.candidates = tuple(candidates)


class NotInNetworkError(RefkitError):
    """A person or company that the network does not hold (``value`` holds it).

    Examples
    --------
    >>> issubclass(NotInNetworkError, RefkitError)
    True
    """


class OutputError(RefkitError):
    """A place refkit refuses to write to, or could not write (``path`` holds it).

    Examples
    --------
    >>> OutputError("out.csv: exists; use --force", path="out.csv").path
    'out.csv'
    """


class RefkitWarning(UserWarning):
    """A row-level problem: the row was skipped or a value ignored, the rest imported."""


def where(path: str | PathLike[str] | None, line: int | None = None) -> str:
    """Format a location for messages: ``'Connections.csv, line 12'``.

    Examples
    --------
    >>> where("data/Connections.csv", 12)
    'data/Connections.csv, line 12'
    >>> where(None)
    '<data>'
    """
    name = str(path) if path is not None else "<data>"
    return f"{name}, line {line}" if line is not None else name


def warn_row(path: str | PathLike[str] | None, line: int | None, message: str) -> str:
    """Emit a :class:`RefkitWarning` for one row and return its text (e-mail addresses removed).

    Examples
    --------
    >>> import warnings
    >>> with warnings.catch_warnings():
    ...     warnings.simplefilter("ignore")
    ...     warn_row("x.csv", 3, "cannot read date 'ann@x.org'")
    "x.csv, line 3: cannot read date '[e-mail removed]'"
    """
    from refkit._text import scrub_emails  # warnings quote cells: never an address

    text = f"{where(path, line)}: {scrub_emails(message)}"
    warnings.warn(text, RefkitWarning, stacklevel=3)
    return text


_PREFIX = re.compile(r"^.*?, line \d+: ")
_QUOTED = re.compile(r"'(?:[^'\\]|\\.)*'|\"[^\"]*\"")
_NUMBER = re.compile(r"\d[\d,.]*")


def _kind_of(message: str) -> str:
    """A warning's kind: its text without the file, the line, quoted values and numbers."""
    text = _PREFIX.sub("", message, count=1)
    return _NUMBER.sub("N", _QUOTED.sub("'…'", text))


def group_warnings(messages: list[str] | tuple[str, ...]) -> list[tuple[int, str]]:
    """Warnings grouped by kind: ``(how many, the first of them)``, most frequent first.

    Two warnings are of one kind when they differ only in the file, the line,
    the quoted values and the numbers they name, e.g. every "'…' matches several
    people; kept apart".

    Parameters
    ----------
    messages : list of str
        Warning messages, e.g. ``network.warnings``.

    Returns
    -------
    list of (int, str)
        For each kind, the count and its first message; ties keep the order of first appearance.

    Examples
    --------
    >>> group_warnings(["a.csv, line 3: 'Ann' matches 2 people", "a.csv, line 9: 'Bo' matches 3 people",
    ...                 "b.csv, line 2: only a date"])
    [(2, "a.csv, line 3: 'Ann' matches 2 people"), (1, 'b.csv, line 2: only a date')]
    """
    groups: dict[str, list] = {}
    for message in messages:
        group = groups.setdefault(_kind_of(message), [0, message])
        group[0] += 1
    return sorted(((n, first) for n, first in groups.values()), key=lambda g: -g[0])


class WarningSummary:
    """Warnings in plain words: how many, of which kinds, the first of each (see :func:`summarize_warnings`).

    Parameters
    ----------
    messages : list of str
        The warnings, e.g. ``network.warnings``.
    where : str
        Where to read them all, named in the summary.

    Examples
    --------
    >>> WarningSummary(["a.csv, line 2: only a date"], where="network.warnings").total
    1
    """

    def __init__(self, messages: list[str] | tuple[str, ...], *, where: str) -> None:
        from refkit._text import scrub_emails

        self.messages = tuple(scrub_emails(" ".join(str(m).split())) for m in messages)
        self.groups = group_warnings(self.messages)
        self.total = len(self.messages)
        self.where = where

    def __str__(self) -> str:
        from refkit._text import plural

        if not self.total:
            return "No warnings: every row was read."
        lines = [f"{plural(self.total, 'warning')} of {plural(len(self.groups), 'kind')}; the first of each "
                 f"(all of them: {self.where}):"]
        for count, first in self.groups:
            lines.append(f"- {first}" + (f" (and {count - 1} more like it)" if count > 1 else ""))
        return "\n".join(lines)

    __repr__ = __str__

    def _repr_pretty_(self, printer: object, cycle: bool) -> None:  # IPython shows the words
        printer.text(str(self))  # type: ignore[attr-defined]


def summarize_warnings(messages: list[str] | tuple[str, ...], *, where: str = "network.warnings") -> WarningSummary:
    """Warnings as a short summary a person reads: how many, of which kinds, the first of each.

    The notebooks show this instead of one warning block per row; scripts keep the
    :mod:`warnings` machinery. E-mail addresses are removed.

    Parameters
    ----------
    messages : list of str
        The warnings, e.g. ``network.warnings`` or ``result.warnings``.
    where : str, default "network.warnings"
        Where the full list is, named in the summary.

    Returns
    -------
    WarningSummary
        Shown as plain text in a notebook or by ``print``.

    Examples
    --------
    >>> print(summarize_warnings(["a.csv, line 3: 'Ann' matches 2 people", "a.csv, line 9: 'Bo' matches 3 people"]))
    2 warnings of 1 kind; the first of each (all of them: network.warnings):
    - a.csv, line 3: 'Ann' matches 2 people (and 1 more like it)
    """
    return WarningSummary(messages, where=where)

