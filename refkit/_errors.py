"""One error family for refkit.

Every problem with a user's file is a :class:`RefkitError` (a ``ValueError``)
whose message names the file, the line and what was expected. Row-level
problems are :class:`RefkitWarning` warnings; the rest of the file is imported.
"""

from __future__ import annotations

import warnings
from os import PathLike

__all__ = ["RefkitError", "RefkitWarning", "warn_row", "where"]


class RefkitError(ValueError):
    """A file or an argument refkit cannot use.

    Examples
    --------
    >>> err = RefkitError("Connections.csv, line 4: expected a header with 'First Name'")
    >>> isinstance(err, ValueError)
    True
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
