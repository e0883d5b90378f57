"""Where a command's ``-o`` goes: a file (see :func:`refkit.export.check_output`) or ``-``.

``-o -`` writes to standard output, for the commands that write one file
(``rank``, ``graph``, ``coach``, ``track export``); the lines a command prints
about its work then go to standard error, so that standard output holds the
file only. Every command refuses to write over what it reads: its inputs are
listed by :func:`network_inputs` (and by each command for the others).
"""

from __future__ import annotations

import argparse
import os
import sys
import warnings
from pathlib import Path
from typing import IO, Any

from refkit._errors import OutputError, RefkitError

#: The ``-o`` value meaning standard output.
STDOUT = "-"


def is_stdout(value: str | os.PathLike[str]) -> bool:
    """Whether ``-o value`` means standard output."""
    return isinstance(value, str) and value == STDOUT


def target(value: str) -> str | IO[bytes]:
    """The path to write, or standard output's byte stream for ``-``."""
    if not is_stdout(value):
        return value
    sys.stdout.flush()  # what was printed before comes first
    return getattr(sys.stdout, "buffer", sys.stdout)


def shown(value: str, path: Any) -> str:
    """How the output is named in messages."""
    return "standard output" if is_stdout(value) else str(path)


def info(value: str) -> IO[str]:
    """Where a command prints about its work: standard error when its output is standard output."""
    return sys.stderr if is_stdout(value) else sys.stdout


def no_stdout(value: str, command: str) -> None:
    """Refuse ``-o -`` for a command that writes a folder."""
    if is_stdout(value):
        raise RefkitError(f"refkit {command} writes a folder of files, which cannot go to standard output "
                          "(-o -); give a folder name")


def network_inputs(args: argparse.Namespace) -> list[str | Path]:
    """Every file and folder the network commands read, to protect from ``-o``.

    The export, the ``--shared`` files, the manifests and the files they list,
    the captures, edge lists and tags. A manifest that cannot be read is left
    to the reader, which reports it properly.
    """
    from refkit.cli._common import settle
    from refkit.read import shared_exports

    settle(args)
    found: list[str | Path] = [args.export, *(path for _, path in args.shared_pairs)]
    if args.workspace is not None:  # its refkit.toml, tracker and every file it names
        found += args.workspace.inputs()
    for manifest in args.shared_manifest:
        found.append(manifest)
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                found += [path for _, path in shared_exports(manifest)]
        except (RefkitError, OSError):
            pass
    found += list(args.mutuals) + list(args.edges)
    if getattr(args, "tags", None):
        found.append(args.tags)
    return found


def tracker_files(database: str | os.PathLike[str]) -> list[Path]:
    """The tracker database and the journal files SQLite keeps beside it."""
    database = Path(database)
    return [database, *(database.with_name(database.name + end) for end in ("-journal", "-wal", "-shm"))]


def may_replace(args: argparse.Namespace) -> bool:
    """``--force``, or a workspace's own output that refkit wrote and nobody changed since.

    Run again, ``refkit rank DIR`` refreshes ``DIR/out/ranked.csv``; a file
    the user edited there (or put there) is refused as any existing file is.
    """
    if args.force or not args.output_default:
        return bool(args.force)
    if args.workspace.is_refreshable(args.output):
        return True
    if not Path(args.output).is_file() or Path(args.output).is_symlink():
        return False  # a link, folder, device ...: the usual rules say what is refused
    raise OutputError(f"{args.output}: changed since refkit wrote it, or not written by refkit; to keep "
                      "it, give another name with -o; to replace it, add --force", path=args.output)


def record_made(args: argparse.Namespace, paths: Any) -> None:
    """Remember the files written in the workspace's ``out/`` (see :func:`may_replace`)."""
    if not args.output_default:
        return
    try:
        args.workspace.record_made([Path(p) for p in paths])
    except (RefkitError, OSError) as err:  # the output is written; only the note of it failed
        from refkit._errors import RefkitWarning

        warnings.warn(f"could not note what refkit wrote in {args.workspace.out} ({err}); the next run "
                      "will ask for --force to replace it", RefkitWarning, stacklevel=2)


#: File name endings that say what a file holds; an output named for another format is refused.
_FORMATS = {".csv": "a CSV file", ".txt": "a text file", ".tsv": "a tab-separated file",
            ".html": "an HTML page", ".htm": "an HTML page", ".png": "a PNG image", ".jpg": "a JPEG image",
            ".jpeg": "a JPEG image", ".gif": "a GIF image", ".svg": "an SVG image", ".pdf": "a PDF",
            ".xlsx": "an Excel workbook", ".xls": "an Excel workbook", ".ods": "a spreadsheet",
            ".json": "a JSON file", ".zip": "a zip archive", ".gexf": "a GEXF graph",
            ".graphml": "a GraphML graph", ".docx": "a Word document", ".md": "a Markdown file"}


def check_suffix(value: str, allowed: tuple[str, ...], *, command: str) -> str:
    """The format ``-o value`` asks for, by its ending; refuse ``-o net.png`` for a command that writes HTML.

    Returns the ending among ``allowed`` (``allowed[0]``, the default format, for
    ``-`` and for a name without an ending). A name ending in another format, or
    in an ending refkit does not know, is refused: the name would lie about the file.
    """
    if is_stdout(value):
        return allowed[0]
    suffix = Path(value).suffix.lower()
    if not suffix:
        return allowed[0]
    if suffix in allowed:
        return suffix
    kinds = list(dict.fromkeys(_FORMATS[s] for s in allowed if not (s == ".txt" and ".csv" in allowed)))
    what = kinds[0] if len(kinds) == 1 else ", ".join(kinds[:-1]) + " or " + kinds[-1]
    endings = ", ".join(allowed)
    if suffix in _FORMATS:
        raise OutputError(f"{value}: refkit {command} writes {what} (by the name's ending: {endings}), not "
                          f"{_FORMATS[suffix]}; name it {Path(value).with_suffix(allowed[0]).name}",
                          path=value)
    raise OutputError(f"{value}: refkit {command} writes {what}, chosen by the name's ending ({endings}); "
                      f"{suffix!r} is not one of them; name it {Path(value).name + allowed[0]}", path=value)


#: What the one-table commands write (``rank``, ``coach``, ``track export``): CSV, or a workbook.
TABLE_SUFFIXES = (".csv", ".txt", ".xlsx")


def write_table(frame: Any, value: str, *, sheet_name: str, bom: bool = False, include_email: bool = False,
                overwrite: bool = False, protect: Any = ()) -> Path | None:
    """Write a table where ``-o value`` says: an Excel workbook for ``.xlsx``, else a CSV file."""
    from refkit.export import write_csv

    if not is_stdout(value) and Path(value).suffix.lower() == ".xlsx":  # the ending was checked before
        from refkit.xlsx import write_xlsx

        return write_xlsx(frame, target(value), sheet_name=sheet_name, include_email=include_email,
                          overwrite=overwrite, protect=protect)
    return write_csv(frame, target(value), bom=bom, include_email=include_email, overwrite=overwrite,
                     protect=protect)


def prepare_file(args: argparse.Namespace, *, name: str, suffixes: tuple[str, ...],
                 command: str) -> tuple[list[str | Path], bool]:
    """Everything a one-file command checks before its (slower) work: ``(inputs, overwrite)``.

    Settles the options (``name`` in the workspace's ``out/`` by default), checks the
    output against the rules of :func:`refkit.export.check_output`, with what the run
    reads protected, then refuses an output named for another format.
    """
    from refkit.cli._common import settle
    from refkit.export import check_output

    settle(args, output=name)
    inputs = network_inputs(args)
    overwrite = may_replace(args)
    if not is_stdout(args.output):  # first what may not be written at all (an input, a database ...)
        check_output(args.output, overwrite=overwrite, protect=inputs)
    check_suffix(args.output, suffixes, command=command)
    return inputs, overwrite
