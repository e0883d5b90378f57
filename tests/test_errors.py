"""Errors say what kind of problem they are and carry where it is (path, line, value).

Callers catch a class and read attributes; nobody needs to match message text.
"""

from __future__ import annotations

import warnings

import pytest

import refkit
from refkit._errors import OptionError, RefkitError
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


# --------------------------------------------------------------------------- ranking


@pytest.mark.parametrize("bad", [0, -3, 2.5, True, "10"])
def test_a_bad_threshold_is_an_option_error_holding_it(bad) -> None:
    from refkit.rank import check_min_mutual, rank_targets, threshold_summary

    for call in (lambda: check_min_mutual(bad), lambda: rank_targets(toy_network(), min_mutual=bad),
                 lambda: threshold_summary(toy_network(), min_mutual=bad)):
        with pytest.raises(refkit.OptionError, match="min_mutual must be a whole number") as info:
            call()
        assert info.value.value is bad


def test_paths_into_an_empty_company_is_an_option_error_holding_it() -> None:
    from refkit.rank import paths_into

    with pytest.raises(refkit.OptionError) as info:
        paths_into(toy_network(), "   ")
    assert info.value.value == "   "


# --------------------------------------------------------------------------- building


def _export(tmp_path, name="Connections.csv"):
    from linkedin_files import connections

    return connections(tmp_path / name, [("Priya", "Raman", "priya-raman", "Stripe", "Engineer"),
                                         ("Priya", "Raman", "priya-raman-2", "Hooli", "Designer")])


def _friend(tmp_path, name="friend.csv"):
    from linkedin_files import connections

    return connections(tmp_path / name, [("Kai", "Berg", "kai-berg", "Hooli", "CTO")])


def test_a_file_of_another_kind_given_as_your_export_is_a_format_error(tmp_path) -> None:
    from linkedin_files import mutuals

    from refkit.build import build_network
    from refkit.read import read_mutuals

    capture = read_mutuals(mutuals(tmp_path / "capture.csv", [("Sue Ng", "sue-ng", "Stripe", "PM", 3, "")]))
    with pytest.raises(refkit.FileFormatError, match="expected your Connections.csv") as info:
        build_network(capture)
    assert info.value.path == str(tmp_path / "capture.csv")


def test_a_shared_export_without_an_owner_is_an_option_error_naming_the_file(tmp_path) -> None:
    from refkit.build import build_network

    friend = read_connections(_friend(tmp_path))
    with pytest.raises(refkit.OptionError, match="needs its owner") as info:
        build_network(_export(tmp_path), shared=[friend], me="Me Myself")
    assert info.value.path == str(tmp_path / "friend.csv")


def test_shared_exports_not_given_as_pairs_are_an_option_error_holding_the_item(tmp_path) -> None:
    from refkit.build import build_network

    item = ("Kai Berg", _friend(tmp_path), "extra")
    with pytest.raises(refkit.OptionError, match="owner=file pairs") as info:
        build_network(_export(tmp_path), shared=[item], me="Me Myself")
    assert info.value.value == item


def test_your_own_export_given_as_shared_is_a_format_error_naming_it(tmp_path) -> None:
    from refkit.build import build_network

    mine = _export(tmp_path)
    copy = tmp_path / "copy.csv"
    copy.write_bytes(mine.read_bytes())
    with pytest.raises(refkit.FileFormatError, match="same connections as your own export") as info:
        build_network(mine, shared={"Kai Berg": copy}, me="Me Myself")
    assert info.value.path == str(copy)


def test_one_export_under_two_owners_is_an_option_error_naming_the_second(tmp_path) -> None:
    from refkit.build import build_network

    friend = _friend(tmp_path)
    again = tmp_path / "again.csv"
    again.write_bytes(friend.read_bytes())
    with pytest.raises(refkit.OptionError, match="shared under two owners") as info:
        build_network(_export(tmp_path), shared={"Kai Berg": friend, "Ann Wu": again}, me="Me Myself")
    assert (info.value.path, info.value.value) == (str(again), "Ann Wu")


def test_a_shared_export_owned_by_you_is_an_option_error_holding_the_owner(tmp_path) -> None:
    from refkit.build import build_network

    with pytest.raises(refkit.OptionError, match="is you") as info:
        build_network(_export(tmp_path), shared={"Me Myself": _friend(tmp_path)}, me="Me Myself")
    assert (info.value.path, info.value.value) == (str(tmp_path / "friend.csv"), "Me Myself")


def test_an_owner_two_connections_share_the_name_of_is_ambiguous(tmp_path) -> None:
    from refkit.build import build_network

    with pytest.raises(refkit.AmbiguousPersonError, match="matches 2 of your connections") as info:
        build_network(_export(tmp_path), shared={"Priya Raman": _friend(tmp_path)}, me="Me Myself")
    err = info.value
    assert (err.path, err.value) == (str(tmp_path / "friend.csv"), "Priya Raman")
    assert sorted(err.candidates) == ["https://www.linkedin.com/in/priya-raman",
                                      "https://www.linkedin.com/in/priya-raman-2"]


def test_an_edge_list_reaching_nobody_is_not_in_the_network(tmp_path) -> None:
    from refkit.build import build_network

    edges = tmp_path / "edges.csv"
    edges.write_text("source,target\nZed Nobody,Yan Nobody\n", encoding="utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", refkit.RefkitWarning)  # each edge is also warned about
        with pytest.raises(refkit.NotInNetworkError, match="no edge in this file connects") as info:
            build_network(_export(tmp_path), edges=[edges], me="Me Myself")
    assert info.value.path == str(edges)


# --------------------------------------------------------------------------- the sample generator


@pytest.mark.parametrize(("options", "value"), [({"seed": -1}, -1), ({"n_connections": 2.0}, 2.0),
                                                ({"n_connections": 40, "n_shared": 30}, 30)])
def test_bad_generator_options_are_option_errors_holding_the_value(options, value) -> None:
    from refkit.testing import generate

    with pytest.raises(refkit.OptionError) as info:
        generate(**options)
    assert info.value.value == value


# --------------------------------------------------------------------------- readers


@pytest.mark.parametrize(("reader", "data", "line"), [
    (read_connections, b"Colour,Size\nred,big\n", 1),  # no header
    (read_connections, b"Name,URL,Tags\nPriya Raman,,close\n", 1),  # another kind of file
    (read_connections, b"De-identified First Name,De-identified Last Name,URL,Email Address,Company,"
                       b"Position,Connected On\nx,y,,,,,08 Feb 2021\n", 1),  # names removed
    (read_connections, b"\n\nFirst Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
                       b",,,,,,\n", 3),  # header, then no usable row
])
def test_unusable_files_are_format_errors_naming_path_and_line(reader, data, line) -> None:
    with pytest.raises(refkit.FileFormatError) as info:
        reader(data, name="in.csv")
    assert (info.value.path, info.value.line) == ("in.csv", line)


def test_a_file_too_large_is_a_format_error_naming_it(tmp_path, monkeypatch) -> None:
    from refkit.read import _source

    big = tmp_path / "Connections.csv"
    big.write_bytes(b"First Name,Last Name,Connected On\n" + b"Ann,Wu,08 Feb 2021\n" * 50)
    monkeypatch.setattr(_source, "MAX_MEMBER_BYTES", 100)
    with pytest.raises(refkit.FileFormatError, match="larger than") as info:
        read_connections(big)
    assert info.value.path == str(big)


def test_a_network_names_every_problem_at_once():
    import pandas as pd

    from refkit.build import Network

    with pytest.raises(RefkitError) as caught:
        Network(me="me", people=pd.DataFrame({"name": ["Ann"]}, index=["ann"]), ties=pd.DataFrame({"x": []}))
    assert "'degree' column" in str(caught.value) and "'a' and 'b'" in str(caught.value)


def test_the_explorer_checks_top_as_every_option_is_checked():
    from refkit.examples import toy_network
    from refkit.widgets import ThresholdExplorer

    with pytest.raises(OptionError) as caught:
        ThresholdExplorer(toy_network(), top=0)
    assert caught.value.value == 0 and "top must be a whole number of at least 1, got 0" in str(caught.value)
