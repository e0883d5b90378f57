"""Errors say what kind of problem they are and carry where it is (path, line, value).

Callers catch a class and read attributes; nobody needs to match message text.
"""

from __future__ import annotations

import pytest

import refkit
from refkit.draft import invitation_note
from refkit.examples import toy_network
from refkit.read import read_connections, read_export
from refkit.view import network_view


def test_the_family_is_value_errors() -> None:
    for cls in (refkit.FileFormatError, refkit.OptionError, refkit.PersonNotFoundError,
                refkit.AmbiguousPersonError, refkit.NotInNetworkError, refkit.OutputError):
        assert issubclass(cls, refkit.RefkitError) and issubclass(cls, ValueError)


def test_missing_file_names_its_path(tmp_path) -> None:
    missing = tmp_path / "Connections.csv"
    with pytest.raises(refkit.FileFormatError) as info:
        read_connections(missing)
    assert info.value.path == str(missing)


def test_empty_and_binary_files_name_path_and_line(tmp_path) -> None:
    with pytest.raises(refkit.FileFormatError) as info:
        read_connections(b"", name="empty.csv")
    assert (info.value.path, info.value.line) == ("empty.csv", 1)
    png = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8
    with pytest.raises(refkit.FileFormatError) as info:
        read_connections(png, name="photo.csv")
    assert info.value.path == "photo.csv" and info.value.line is not None


def test_not_an_archive_is_a_format_error(tmp_path) -> None:
    bad = tmp_path / "export.zip"
    bad.write_bytes(b"PK\x03\x04 this is not really a zip")
    with pytest.raises(refkit.FileFormatError) as info:
        read_export(bad)
    assert info.value.path.endswith("export.zip")


@pytest.mark.parametrize(("call", "value"), [
    (lambda: network_view(toy_network(), max_nodes=1), 1),
    (lambda: network_view(toy_network(), max_nodes=True), True),
    (lambda: invitation_note({"first_name": "Jane"}, me="Alex Kim", limit=5), 5),
])
def test_bad_options_are_option_errors_holding_the_value(call, value) -> None:
    with pytest.raises(refkit.OptionError) as info:
        call()
    assert info.value.value is value or info.value.value == value
