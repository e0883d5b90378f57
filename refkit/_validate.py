"""Checks of arguments and tables, in one place (in the manner of OSMnx's ``_validate``).

Each check names the bad value. :class:`Problems` collects every problem found in one
call and raises once, so a user fixes all of them in one go instead of one per run.

Examples
--------
>>> whole_number(3, "top", minimum=1)
3
>>> whole_number(0, "top", minimum=1)
Traceback (most recent call last):
...
refkit._errors.OptionError: top must be a whole number of at least 1, got 0
"""

from __future__ import annotations

import numbers

from refkit._errors import OptionError, RefkitError

__all__ = ["Problems", "is_whole_number", "whole_number"]


def is_whole_number(value: object) -> bool:
    """Whether ``value`` is an integer (Python or NumPy), not a bool.

    Examples
    --------
    >>> import numpy as np
    >>> is_whole_number(3), is_whole_number(np.int64(3)), is_whole_number(True), is_whole_number(3.0)
    (True, True, False, False)
    """
    return isinstance(value, numbers.Integral) and not isinstance(value, bool)


def _bounds(minimum: int | None, maximum: int | None) -> str:
    if minimum is not None and maximum is not None:
        return f" from {minimum:,} to {maximum:,}"
    if minimum is not None:
        return f" of at least {minimum:,}"
    if maximum is not None:
        return f" of at most {maximum:,}"
    return ""


def whole_number(value: object, name: str, *, minimum: int | None = None, maximum: int | None = None) -> int:
    """``value`` as an ``int``, or an :class:`~refkit.OptionError` naming it.

    Parameters
    ----------
    value : object
        What the caller passed.
    name : str
        The argument's name, as the user typed it (``"top"``, ``"min_mutual"``).
    minimum, maximum : int, optional
        Inclusive bounds.

    Returns
    -------
    int

    Raises
    ------
    OptionError
        When ``value`` is not an integer (a bool or a float is not) or is out of bounds.

    Examples
    --------
    >>> whole_number(14, "no_response_days", minimum=0)
    14
    >>> whole_number(2.5, "budget", minimum=0)
    Traceback (most recent call last):
    ...
    refkit._errors.OptionError: budget must be a whole number of at least 0, got 2.5
    """
    ok = is_whole_number(value)
    if ok and minimum is not None and value < minimum:  # type: ignore[operator]
        ok = False
    if ok and maximum is not None and value > maximum:  # type: ignore[operator]
        ok = False
    if not ok:
        raise OptionError(f"{name} must be a whole number{_bounds(minimum, maximum)}, got {value!r}",
                          value=value)
    return int(value)  # type: ignore[arg-type]


class Problems:
    """Collect every problem found, then raise them together.

    Examples
    --------
    >>> problems = Problems("people table")
    >>> problems.check(False, "column 'name' is missing")
    >>> problems.check(True, "never shown")
    >>> problems.raise_if_any()
    Traceback (most recent call last):
    ...
    refkit._errors.RefkitError: people table: column 'name' is missing
    """

    def __init__(self, what: str, *, error: type[RefkitError] = RefkitError) -> None:
        self.what = what
        self.error = error
        self.found: list[str] = []

    def add(self, message: str) -> None:
        """Record one problem."""
        self.found.append(message)

    def check(self, ok: bool, message: str) -> None:
        """Record ``message`` unless ``ok``."""
        if not ok:
            self.found.append(message)

    def raise_if_any(self) -> None:
        """Raise one error listing every problem recorded, if there is any.

        Raises
        ------
        RefkitError
            (or the ``error`` class given) listing the problems separated by ``"; "``.
        """
        if self.found:
            raise self.error(f"{self.what}: " + "; ".join(self.found))
