"""One tags type: cleaned the same from a dict or a file; ranking takes data, never a path."""

import dataclasses
from pathlib import Path

import pytest

from refkit import OptionError
from refkit.rank import paths_into, rank_targets, tie_strength
from refkit.read import read_tag_map, read_tags
from refkit.tags import Tags, as_tags
from tests.test_rank import TODAY, make_network

TAGS_CSV = ("Name,URL,Tags\n"
            "Ann Lee,,Close; MENTOR ;close\n"
            "Cy Fox,,family\n"
            "Cy Fox,,; Former Colleague;\n")


def test_dict_and_file_give_the_same_tags(tmp_path):
    path = tmp_path / "tags.csv"
    path.write_text(TAGS_CSV, encoding="utf-8")
    from_file = read_tag_map(path)
    from_dict = Tags.from_mapping({"Ann Lee": ["mentor", " close ", "Close"],
                                   "Cy Fox": "Former colleague;FAMILY"})
    assert from_file == from_dict
    assert hash(from_file) == hash(from_dict)
    assert dict(from_file) == {"Ann Lee": ("close", "mentor"), "Cy Fox": ("family", "former colleague")}
    assert Tags.from_frame(read_tags(path)) == from_file  # a ReadResult is read the same
    assert as_tags(from_dict) is from_dict and as_tags({"Cy Fox": "family; former colleague"}) != from_dict
    # and rank the same
    net = make_network()
    a = tie_strength(net, tags=from_file, today=TODAY)
    b = tie_strength(make_network(), tags={"Ann Lee": "close;mentor", "Cy Fox": ["family", "former colleague"]},
                     today=TODAY)
    assert a.equals(b)
    assert a.loc["cy", "tags"] == "family; former colleague" and a.loc["ann", "tags"] == "close; mentor"


def test_tags_are_frozen():
    tags = Tags.from_mapping({"Ann Lee": "close"})
    with pytest.raises(AttributeError):
        tags._map = {}
    with pytest.raises(TypeError):
        tags["Bob Ray"] = ("close",)  # type: ignore[index]


@pytest.mark.parametrize("path", ["tags.csv", Path("tags.csv")])
def test_a_path_is_refused_with_the_reader_to_use(path):
    net = make_network()
    for call in (lambda: rank_targets(net, min_mutual=1, tags=path),
                 lambda: tie_strength(net, tags=path),
                 lambda: paths_into(net, "Stripe", tags=path)):
        with pytest.raises(OptionError, match=r"read the file with refkit\.read\.read_tag_map\(path\)"):
            call()


def test_a_derived_network_never_shows_a_stale_count():
    net = make_network()
    before = rank_targets(net, min_mutual=1, today=TODAY).set_index("key")
    assert (before.loc["uma", "name"], before.loc["uma", "mutual_count"]) == ("Uma Hill", 2)
    # edit copies of the tables: rename uma and drop one of her two known mutuals
    people = net.people.copy()
    people.loc["uma", "name"] = "Uma Renamed"
    ties = net.ties[~((net.ties["a"] == "dee") & (net.ties["b"] == "uma"))].reset_index(drop=True)
    derived = dataclasses.replace(net, people=people, ties=ties)
    after = rank_targets(derived, min_mutual=1, today=TODAY).set_index("key")
    assert (after.loc["uma", "name"], after.loc["uma", "mutual_count"]) == ("Uma Renamed", 1)
    assert after.loc["uma", "mutual_connections"] == "Bob Ray"
    # the original network still ranks as it did, name and count together
    again = rank_targets(net, min_mutual=1, today=TODAY).set_index("key")
    assert (again.loc["uma", "name"], again.loc["uma", "mutual_count"]) == ("Uma Hill", 2)
    assert again.equals(before)
