"""The row log: warnings and skipped rows for one file, emitted as they are found."""

from __future__ import annotations

import warnings

from refkit._errors import RefkitWarning, warn_row, where

_MAX_EMITTED = 50  # row warnings emitted one by one; the rest are summarised



class _Log:
    """Collects row warnings and skipped rows for one file."""

    def __init__(self, display: str) -> None:
        self.display = display
        self._warnings: list[tuple[int, str]] = []
        self.skipped: list[tuple[int, str]] = []
        self._emitted = 0

    @property
    def warnings(self) -> list[str]:
        """Warning texts in file order (file-level ones first)."""
        return [text for _, text in sorted(self._warnings, key=lambda pair: pair[0])]

    def warn(self, line: int | None, message: str) -> None:
        if self._emitted < _MAX_EMITTED:
            text = warn_row(self.display, line, message)
            self._emitted += 1
        else:
            text = f"{where(self.display, line)}: {message}"
        self._warnings.append((line or 0, text))

    def skip(self, line: int, reason: str, *, warn: bool = True) -> None:
        self.skipped.append((line, reason))
        if warn:
            self.warn(line, f"{reason}; row skipped")

    def finish(self) -> None:
        hidden = len(self._warnings) - self._emitted
        if hidden > 0:
            warnings.warn(
                f"{self.display}: {hidden} more row warnings not shown one by one; "
                "see ReadResult.warnings",
                RefkitWarning,
                stacklevel=3,
            )
