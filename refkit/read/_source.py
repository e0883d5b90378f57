"""Bytes in: what a reader is given (a path, a pipe or bytes), read once and within a bound."""

from __future__ import annotations

import io
import os
import re
import stat
from collections.abc import Callable

from refkit._errors import FileFormatError, RefkitError

Source = str | os.PathLike[str] | bytes


MAX_MEMBER_BYTES = 200 * 1024 * 1024
"""Largest file refkit reads: an uncompressed archive member (zip-bomb guard), a
file on disk or what arrives through a pipe. An optional archive file over it is
left out with a warning; a Connections.csv over it is refused."""


_ZIP_CHUNK = 1 << 20  # archive members are inflated this many bytes at a time


def _is_bytes(path: object) -> bool:
    return isinstance(path, bytes | bytearray | memoryview)


def _display(path: Source, name: str | None) -> str:
    if name:
        return name
    if _is_bytes(path):
        return "<data>"
    try:
        return os.fspath(path)  # type: ignore[arg-type]
    except TypeError as err:
        raise FileFormatError(
            f"expected a file path or the bytes of a file, got {type(path).__name__}"
        ) from err


def _is_dir(path: Source) -> bool:
    if _is_bytes(path):
        return False
    try:
        return os.path.isdir(path)  # type: ignore[arg-type]
    except (TypeError, ValueError, OSError):
        return False


_DESCRIPTOR_DIRS = re.compile(r"/dev/fd|/proc/(?:self|thread-self|[0-9]+)/fd")


def _is_descriptor(path: str) -> bool:
    """True for paths naming an already open file (``/dev/stdin``, ``/dev/fd/63`` from ``<(...)``)."""
    absolute = os.path.abspath(path)
    return absolute == "/dev/stdin" or bool(_DESCRIPTOR_DIRS.fullmatch(os.path.dirname(absolute)))


def _mb(size: int) -> str:
    return f"{size / 2**20:,.0f} MB" if size >= 2**20 else f"{size:,} bytes"


def _load(path: Source, display: str) -> bytes:
    """Read a whole file once, at most :data:`MAX_MEMBER_BYTES`, turning every OS problem
    into a RefkitError.

    Regular files are read; a pipe given as an open descriptor (``/dev/stdin``, the
    ``/dev/fd/N`` of process substitution) is read once, up to the bound. Named
    pipes (FIFOs), devices (``/dev/zero``) and sockets are refused without opening
    them: opening a FIFO waits for a writer forever, a device never ends.
    """
    if _is_bytes(path):
        return bytes(path)  # type: ignore[arg-type]
    try:
        info = os.stat(path)  # type: ignore[arg-type]
        mode = info.st_mode
        if stat.S_ISDIR(mode):
            raise IsADirectoryError(path)
        if not stat.S_ISREG(mode):
            if not (stat.S_ISFIFO(mode) and _is_descriptor(os.fspath(path))):  # type: ignore[arg-type]
                raise FileFormatError(
                    f"{display}: is {_special_kind(mode)}, not a regular file; refkit reads "
                    "files (save the data to a file first)", path=display)
        elif info.st_size > MAX_MEMBER_BYTES:
            raise _TooBig(_too_big_file(display, info.st_size), path=display)
        with open(path, "rb") as fh:  # type: ignore[arg-type]
            data = fh.read() if stat.S_ISREG(mode) else _read_bounded(fh.read1)
    except RefkitError:
        raise
    except FileNotFoundError as err:
        raise FileFormatError(
            f"{display}: file not found; expected a CSV file such as Connections.csv", path=display) from err
    except IsADirectoryError as err:
        raise FileFormatError(f"{display}: is a folder; expected a CSV file", path=display) from err
    except PermissionError as err:
        raise FileFormatError(f"{display}: permission denied; cannot read the file", path=display) from err
    except (OSError, ValueError, TypeError) as err:
        raise FileFormatError(f"{display}: cannot read the file ({err})", path=display) from err
    if len(data) > MAX_MEMBER_BYTES:
        if stat.S_ISREG(mode):  # it grew while being read
            raise _TooBig(_too_big_file(display, len(data)), path=display)
        raise _TooBig(
            f"{display}: more than {_mb(MAX_MEMBER_BYTES)} arrived through this pipe, "
            "the most refkit reads from one file", path=display,
        )
    return data


def _read_bounded(read: Callable[[int], bytes]) -> bytes:
    """At most one byte more than :data:`MAX_MEMBER_BYTES` from ``read`` (a pipe's ``read1``,
    an archive member's ``read``), in chunks: a single ``read(n)`` would hold ``n`` bytes
    however little arrives, and zipfile inflates up to the size asked for before cutting at
    the declared size, so one big read of a member whose header lies would hold hundreds of MB."""
    buffer = io.BytesIO()
    while buffer.tell() <= MAX_MEMBER_BYTES:
        chunk = read(_ZIP_CHUNK)
        if not chunk:
            break
        buffer.write(chunk)
    return buffer.getvalue()


def _too_big_file(display: str, size: int) -> str:
    return (
        f"{display}: {size:,} bytes, larger than the {_mb(MAX_MEMBER_BYTES)} refkit reads "
        "from one file (a LinkedIn export's files are far smaller)"
    )


def _special_kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "a special file"


def _once(path: Source, name: str | None) -> tuple[Source, str | None]:
    """``(path, name)`` unchanged for bytes, regular files and folders; anything else
    (a pipe) read once into bytes, so that looking at it and reading it see the same data."""
    display = _display(path, name)
    if _is_bytes(path):
        return path, name
    try:
        mode = os.stat(path).st_mode  # type: ignore[arg-type]
    except (OSError, TypeError, ValueError):
        return path, name  # _load reports the problem
    if stat.S_ISREG(mode) or stat.S_ISDIR(mode):
        return path, name
    return _load(path, display), display


class _TooBig(FileFormatError):
    """An archive member too large to read (zip-bomb guard)."""
