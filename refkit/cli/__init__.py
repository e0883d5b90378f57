"""The ``refkit`` command line: the same jobs as the notebooks, from a shell.

Each sub-command lives in its own module under :mod:`refkit.cli` and exposes
``register(subparsers)``, which adds its parser and sets ``func`` to a callable
taking the parsed arguments and returning an exit status.

Any :class:`~refkit.RefkitError` becomes one line ``refkit: error: ...`` on
stderr and exit status 2; row-level warnings are printed as
``refkit: warning: ...``, one line each, without e-mail addresses.

Everything the command line prints goes through :func:`refkit._text.printable`:
a crafted file cannot clear the screen or retitle the terminal, since escape
sequences and other control characters from cells and file names are shown
escaped (``\\x1b[2J``).
"""

from __future__ import annotations

import argparse
import importlib
import os
import re
import sys
import warnings
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any, TextIO

from refkit._errors import RefkitError, RefkitWarning
from refkit._text import plural, printable, scrub_emails

# Sub-command modules, in the order they appear in ``refkit --help``.
COMMANDS = ("init", "inspect", "rank", "applications", "graph", "report", "demo", "track", "coach")


class _Parser(argparse.ArgumentParser):
    """argparse parser whose usage errors follow refkit's one-line form."""

    def error(self, message: str) -> None:  # pragma: no cover - exercised via main
        self.exit(2, f"refkit: error: {message}\n")


def _add_common(parser: argparse.ArgumentParser, *, default: object) -> None:
    """``-q`` and ``-v``, accepted before or after the sub-command."""
    parser.add_argument("-q", "--quiet", action="store_true", default=default, help="do not print warnings")
    parser.add_argument("-v", "--verbose", action="store_true", default=default,
                        help="print every warning (default: a summary)")


def _sub_parsers(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    found: dict[str, argparse.ArgumentParser] = {}
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            found.update(action.choices)
    return found


def build_parser() -> argparse.ArgumentParser:
    """Build the ``refkit`` argument parser with every available sub-command."""
    parser = _Parser(prog="refkit", description="Turn your LinkedIn connections into a referral plan.")
    _add_common(parser, default=False)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for name in COMMANDS:
        try:
            module = importlib.import_module(f"refkit.cli.{name}")
        except ModuleNotFoundError as err:
            if err.name == f"refkit.cli.{name}":
                continue  # command not built yet
            raise
        module.register(sub)
    stack = list(_sub_parsers(parser).values())
    while stack:  # every sub-command and action takes -q and -v too, without resetting them
        child = stack.pop()
        _add_common(child, default=argparse.SUPPRESS)
        stack += _sub_parsers(child).values()
    return parser


def _chosen(parser: argparse.ArgumentParser, args: argparse.Namespace) -> argparse.ArgumentParser:
    """The innermost (sub-)parser the command line chose."""
    chosen = parser
    for dest in ("command", "action"):
        children = _sub_parsers(chosen)
        if getattr(args, dest, None) in children:
            chosen = children[getattr(args, dest)]
    return chosen


def _unrecognized(extra: list[str], parser: argparse.ArgumentParser) -> str:
    """"unrecognized arguments", with the closest flag of the command for a mistyped one."""
    import difflib

    flags = [flag for action in parser._actions for flag in action.option_strings if flag.startswith("--")]
    message = f"unrecognized arguments: {' '.join(extra)}"
    for token in extra:
        if token.startswith("--"):
            close = difflib.get_close_matches(token.split("=", 1)[0], flags, n=1, cutoff=0.6)
            if close:
                return f"{message} (did you mean {close[0]}?)"
    return message


_PROGRESS = re.compile(r"\r[^\x00-\x1f\x7f-\x9f]*\r?")  # a progress bar redrawing its line


class _Printable:
    """A text stream that shows control characters escaped (see :func:`refkit._text.printable`).

    Line breaks (``\\n``, ``\\r\\n``) pass; a carriage return at the end of one
    write waits for the next, so a ``\\r\\n`` split across writes stays one.
    With ``progress``, a write that only redraws a line (``\\r`` then plain
    text, as tqdm's bars do) passes as it is, on a terminal.
    """

    def __init__(self, stream: TextIO, *, progress: bool = False) -> None:
        self._stream = stream
        self._cr = False
        self._progress = progress

    def write(self, text: str) -> int:
        size = len(text)
        if self._progress and not self._cr and _PROGRESS.fullmatch(text):
            self._stream.write(text)
            return size
        if self._cr:
            text, self._cr = "\r" + text, False
        if text.endswith("\r"):
            text, self._cr = text[:-1], True
        self._stream.write(printable(text))
        return size

    def flush(self) -> None:
        if self._cr:
            self._cr = False
            self._stream.write("\\r")
        self._stream.flush()

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


def _is_terminal(stream: TextIO) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError, OSError):
        return False


@contextmanager
def _printable_output() -> Iterator[None]:
    """Escape control characters in everything printed while the command runs."""
    saved, bars = (sys.stdout, sys.stderr), os.environ.get("TQDM_DISABLE")
    terminal = _is_terminal(sys.stderr)
    if not terminal:  # progress bars only where they can redraw: not in a log or a pipe
        os.environ["TQDM_DISABLE"] = "1"
    sys.stdout, sys.stderr = _Printable(sys.stdout), _Printable(sys.stderr, progress=terminal)
    try:
        yield
    finally:
        if not terminal:
            os.environ.pop("TQDM_DISABLE", None) if bars is None else os.environ.update(TQDM_DISABLE=bars)
        for stream in (sys.stdout, sys.stderr):
            try:
                stream.flush()
            except (OSError, ValueError):
                pass
        sys.stdout, sys.stderr = saved


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status (0 ok, 2 bad input)."""
    with _printable_output():
        return _main(argv)


def _main(argv: Sequence[str] | None) -> int:
    parser = build_parser()
    args, extra = parser.parse_known_args(argv)
    if extra:
        parser.error(_unrecognized(extra, _chosen(parser, args)))
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", RefkitWarning)
        try:
            status = args.func(args)
            sys.stdout.flush()  # surface a closed pipe here, not at interpreter exit
        except RefkitError as err:
            _flush_warnings(caught, quiet=args.quiet, verbose=args.verbose)
            message = printable(" ".join(str(err).split()), newlines=False)
            print(f"refkit: error: {message}", file=sys.stderr)
            return 2
        except KeyboardInterrupt:
            print("refkit: error: interrupted", file=sys.stderr)
            return 130
        except BrokenPipeError:
            # output piped into e.g. `head`, which stopped reading: not an error of ours
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            return 0
        except OSError as err:  # a path the system refuses (name too long, a loop ...): one line
            _flush_warnings(caught, quiet=args.quiet, verbose=args.verbose)
            where = f"{err.filename}: " if err.filename is not None else ""
            message = printable(" ".join(f"{where}{err.strerror or err}".split()), newlines=False)
            print(f"refkit: error: {message}", file=sys.stderr)
            return 2
    _flush_warnings(caught, quiet=args.quiet, verbose=args.verbose)
    return int(status or 0)


MAX_WARNINGS = 5  # more than this are summarised by kind (--verbose prints them all)


def _flush_warnings(caught: list[warnings.WarningMessage], *, quiet: bool, verbose: bool = False) -> None:
    from refkit._errors import group_warnings

    if quiet:
        return
    # one line each (a cell may hold line breaks), no e-mail addresses (they quote cells)
    messages = [printable(scrub_emails(" ".join(str(w.message).split())), newlines=False)
                for w in caught if issubclass(w.category, RefkitWarning)]
    if verbose or len(messages) <= MAX_WARNINGS:
        for message in messages:
            print(f"refkit: warning: {message}", file=sys.stderr)
        return
    groups = group_warnings(messages)
    print(f"refkit: {len(messages)} warnings of {plural(len(groups), 'kind')}, the first of each below "
          "(--verbose prints all; -q none):", file=sys.stderr)
    for count, first in groups:
        more = f" (and {count - 1} more like it)" if count > 1 else ""
        print(f"refkit: warning: {first}{more}", file=sys.stderr)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
