"""Archives: the files of LinkedIn's .zip or of the folder it unpacks to, each read within the bound."""

from __future__ import annotations

import contextlib
import io
import os
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import PurePosixPath

from refkit._errors import FileFormatError, warn_row
from refkit.read import _source  # its MAX_MEMBER_BYTES read at call time: one bound
from refkit.read._decode import _zip_looks_like
from refkit.read._header import _excerpt
from refkit.read._kinds import _LINKEDIN_SPELLING
from refkit.read._source import (
    Source,
    _display,
    _is_bytes,
    _is_dir,
    _load,
    _once,
    _read_bounded,
    _TooBig,
)


class _Files:
    """The files of an archive (zip or folder), looked up by case-insensitive name.

    When a name is there more than once (two sub-folders, ``connections.csv`` beside
    ``Connections.csv``, a duplicate zip member), the one LinkedIn writes is read (the
    shallowest, spelled as LinkedIn spells it) with a warning naming all of them; when
    none of them is that one, the archive is refused naming them.
    """

    def __init__(self, display: str) -> None:
        self.display = display
        # lower name -> [(depth, not LinkedIn's spelling, path shown, handle)]
        self._found: dict[str, list[tuple[int, bool, str, object]]] = {}
        self.outside: list[str] = []  # links leading out of a folder: not followed

    def offer(self, member_path: str, handle: object) -> None:
        parts = [
            p
            for p in PurePosixPath(member_path.replace("\\", "/")).parts
            if p not in ("", ".", "..", "/")
        ]
        if not parts or parts[0].lower() == "__macosx":
            return
        base = parts[-1].lower()
        if base in _LINKEDIN_SPELLING:
            odd = parts[-1] != _LINKEDIN_SPELLING[base]
            shown = _excerpt("/".join(parts), 80)
            self._found.setdefault(base, []).append((len(parts), odd, shown, handle))

    def names(self) -> list[str]:
        return sorted(self._found)

    def get(self, base: str) -> tuple[bytes, str] | None:
        entries = self._found.get(base)
        if not entries:
            return None
        ranked = sorted(entries, key=lambda e: (e[0], e[1]))
        best = ranked[0]
        if len(ranked) > 1:
            title = _LINKEDIN_SPELLING[base]
            ties = [e for e in ranked if e[:2] == best[:2]]
            if len(ties) > 1:
                shown = {e[2] for e in ties}
                what = (
                    f"{ties[0][2]} is in it twice (a duplicate member)"
                    if len(shown) == 1
                    else f"there is more than one {title} in it ({', '.join(e[2] for e in ties)})"
                )
                raise FileFormatError(
                    f"{self.display}: {what}; refkit cannot tell which one is LinkedIn's: "
                    f"keep one {title} and try again", path=self.display)
            warn_row(
                self.display,
                None,
                f"more than one {title} in this archive ({', '.join(e[2] for e in ranked)}); "
                f"reading {best[2]}, the one LinkedIn writes",
            )
        return self._read(best[3])

    def _read(self, handle: object) -> tuple[bytes, str]:  # pragma: no cover - overridden
        raise NotImplementedError


class _ZipFiles(_Files):
    def __init__(self, zf: zipfile.ZipFile, display: str) -> None:
        super().__init__(display)
        self.zf = zf
        for info in zf.infolist():
            if not info.is_dir():
                self.offer(info.filename, info)

    def _read(self, handle: object) -> tuple[bytes, str]:
        info: zipfile.ZipInfo = handle  # type: ignore[assignment]
        base = PurePosixPath(info.filename.replace("\\", "/")).name
        member = f"{self.display}:{base}"
        too_big = _TooBig(
            f"{member}: uncompressed size over {_source.MAX_MEMBER_BYTES // 2**20} MB "
            f"({info.file_size:,} bytes declared); refusing to read it (possible zip bomb)",
            path=member,
        )
        if info.file_size > _source.MAX_MEMBER_BYTES:
            raise too_big
        try:
            with self.zf.open(info) as fh:
                data = _read_bounded(fh.read)
        except (
            zipfile.BadZipFile,
            zlib.error,
            EOFError,
            OSError,
            ValueError,
            NotImplementedError,
            RuntimeError,
        ) as err:
            raise FileFormatError(f"{member}: cannot read this archive member ({err})", path=member) from err
        if len(data) > _source.MAX_MEMBER_BYTES:
            raise too_big
        return data, member


class _FolderFiles(_Files):
    """An unpacked export: its files and those one folder down. Links are followed only
    when they stay inside the folder."""

    def __init__(self, folder: str, display: str) -> None:
        super().__init__(display)
        self.folder = folder
        root = os.path.realpath(folder)

        def usable(entry: os.DirEntry[str], shown: str) -> bool:
            if entry.is_symlink():
                real = os.path.realpath(entry.path)
                if real != root and not real.startswith(root.rstrip(os.sep) + os.sep):
                    self.outside.append(_excerpt(shown, 80))
                    if entry.name.lower() in _LINKEDIN_SPELLING:
                        warn_row(
                            display,
                            None,
                            f"{_excerpt(shown, 80)} is a link to a file outside this folder; "
                            "not followed",
                        )
                    return False
            return True

        try:
            for entry in sorted(os.scandir(folder), key=lambda e: e.name):
                if not usable(entry, entry.name):
                    continue
                if entry.is_file():
                    self.offer(entry.name, entry.path)
                elif entry.is_dir() and entry.name.lower() != "__macosx":
                    for inner in sorted(os.scandir(entry.path), key=lambda e: e.name):
                        shown = f"{entry.name}/{inner.name}"
                        if usable(inner, shown) and inner.is_file():
                            self.offer(shown, inner.path)
        except OSError as err:
            raise FileFormatError(f"{display}: cannot list the folder ({err})", path=display) from err

    def _read(self, handle: object) -> tuple[bytes, str]:
        path = str(handle)
        display = os.path.join(self.display, os.path.relpath(path, self.folder))
        return _load(path, display), display


@contextlib.contextmanager
def _open_archive(path: Source, name: str | None) -> Iterator[_Files | None]:
    """Yield the archive's files if ``path`` is a folder or a zip, else None."""
    display = _display(path, name)
    if _is_dir(path):
        yield _FolderFiles(os.fspath(path), display)  # type: ignore[arg-type]
        return
    path, name = _once(path, name)  # a pipe: read once, as bytes
    if _is_bytes(path):
        data = bytes(path)  # type: ignore[arg-type]
        if data[:2] != b"PK" and display.lower().endswith(".zip"):
            raise FileFormatError(f"{display}: not a zip archive; expected the .zip LinkedIn sent", path=display)
        if data[:2] != b"PK" or _zip_looks_like(data) != "zip":
            yield None
            return
        source = io.BytesIO(data)
    else:
        try:
            with open(path, "rb") as fh:  # type: ignore[arg-type]
                magic = fh.read(2)
        except OSError:
            yield None  # _load reports the problem with a proper message
            return
        if magic != b"PK":
            if str(display).lower().endswith(".zip"):
                raise FileFormatError(f"{display}: not a zip archive; expected the .zip LinkedIn sent",
                                      path=display)
            yield None
            return
        # read from the file, member by member: the archive itself may be larger than
        # MAX_MEMBER_BYTES (a heavy user's messages), each member is bounded on its own
        try:
            source = open(path, "rb")  # type: ignore[arg-type]  # noqa: SIM115
        except OSError as err:
            raise FileFormatError(f"{display}: cannot read the file ({err})", path=display) from err
        with source:
            kind = _zip_looks_like(source)
            if kind == "damaged" and str(display).lower().endswith(".zip"):
                raise FileFormatError(f"{display}: damaged zip archive; expected the .zip LinkedIn sent",
                                      path=display)
            if kind != "zip":
                yield None
                return
            source.seek(0)
            with _zip(source, display) as zf:
                yield _ZipFiles(zf, display)
        return
    with _zip(source, display) as zf:
        yield _ZipFiles(zf, display)


def _zip(source: io.BytesIO | io.BufferedReader, display: str) -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(source)
    except (zipfile.BadZipFile, zlib.error, OSError, ValueError, EOFError) as err:
        raise FileFormatError(f"{display}: damaged zip archive ({err})", path=display) from err


def _connections_member(files: _Files) -> tuple[bytes, str]:
    found = files.get("connections.csv")
    if found is None:
        listed = ", ".join(files.names()) or "no LinkedIn CSV files"
        links = (
            f"; links leading outside the folder were not followed ({', '.join(files.outside[:5])})"
            if files.outside
            else ""
        )
        raise FileFormatError(
            f"{files.display}: no Connections.csv in this archive (found: {listed}){links}; "
            "expected the LinkedIn data export", path=files.display)
    return found
