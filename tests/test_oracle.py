"""The oracle: the generator knows the true graph, so refkit's mutual counts can be checked
against networkx on exactly what the files reveal (issue 13 item 10).

Generated seed and size → files (:func:`refkit.testing.write_samples`) → :func:`build_network`
→ :func:`mutual_counts`, compared with ``nx.common_neighbors`` on the revealed graph: you and
every profile your own export shows, each owner and every profile their export shows. Only the
exports with profile URLs (the 2023+ era) are pooled, so that who is who is certain; URL-less
eras are the resolver's job, tested on their own.
"""

from __future__ import annotations

import tempfile
import warnings
from pathlib import Path

import networkx as nx
import pandas as pd
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from refkit.build import build_network
from refkit.rank import mutual_counts
from refkit.testing import generate, write_samples

OPTIONS = st.fixed_dictionaries({
    "seed": st.integers(0, 10_000),
    "n_connections": st.integers(40, 140),
    "n_shared": st.integers(2, 6),
    "coach_connections": st.integers(30, 160),
    "n_captures": st.integers(0, 12),
})


def revealed_graph(truth, owners) -> nx.Graph:
    """You, your visible connections, and each pooled owner's visible connections."""
    people = truth.people.set_index("key")
    hidden = set(people.index[people["hidden"]])
    true = nx.Graph()
    true.add_edges_from(zip(truth.ties["a"], truth.ties["b"], strict=True))
    seen = nx.Graph()
    for owner in [truth.me, *owners]:
        seen.add_edges_from((owner, other) for other in true.neighbors(owner) if other not in hidden)
    seen.add_edges_from((truth.me, owner) for owner in owners)  # an owner is one of yours
    return seen


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@example({"seed": 271, "n_connections": 127, "n_shared": 5, "coach_connections": 82,
          "n_captures": 5})  # someone else has your name
@given(OPTIONS)
def test_mutual_counts_equal_networkx_on_what_the_files_reveal(options):
    truth = generate(**options)
    pooled = truth.owners[truth.owners["era"] == "2023+"]
    with tempfile.TemporaryDirectory() as tmp, warnings.catch_warnings():
        warnings.simplefilter("ignore")
        write_samples(tmp, **options)
        # you know your own profile URL: the generator's small pool of names can give someone
        # else your name, and then no file tells which of the two profiles is yours
        net = build_network(Path(tmp) / "my_linkedin_export", me=truth.user_url,
                            shared=[(url, Path(tmp) / "shared" / file)
                                    for url, file in zip(pooled["url"], pooled["file"], strict=True)])
    seen = revealed_graph(truth, list(pooled["key"]))
    assert net.me == truth.me
    beyond = set(seen) - {truth.me} - set(seen.neighbors(truth.me))
    expected = {t: n for t in beyond if (n := len(list(nx.common_neighbors(seen, truth.me, t))))}
    assert expected  # the coach's export alone reaches people beyond you
    counts = mutual_counts(net)["known_count"]
    assert counts[counts > 0].astype(int).to_dict() == expected


@settings(max_examples=4, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(OPTIONS)
def test_far_end_dates_equal_the_true_tie_dates(options):
    """Each pooled owner's tie to a person beyond you carries the day the true graph says they
    connected (issue 17: both ends of the path), and pair_strength reads that day."""
    from refkit.rank import pair_strength

    truth = generate(**options)
    pooled = truth.owners[truth.owners["era"] == "2023+"]
    with tempfile.TemporaryDirectory() as tmp, warnings.catch_warnings():
        warnings.simplefilter("ignore")
        write_samples(tmp, **options)
        net = build_network(Path(tmp) / "my_linkedin_export", me=truth.user_url,
                            shared=[(url, Path(tmp) / "shared" / file)
                                    for url, file in zip(pooled["url"], pooled["file"], strict=True)])
    true_day = {}
    for a, b, day in zip(truth.ties["a"], truth.ties["b"], truth.ties["connected_on"], strict=True):
        true_day[(a, b)] = true_day[(b, a)] = pd.Timestamp(day).normalize()
    shared = net.ties[net.ties["kind"] == "shared"]
    assert len(shared)
    assert all(true_day[(a, b)] == day for a, b, day in
               zip(shared["a"], shared["b"], shared["connected_on"], strict=True))
    pairs = pair_strength(net, today="2026-01-01")
    known = pairs[pairs["far_known"]]
    assert len(known)
    assert all(true_day[(i, t)] == day for i, t, day in
               zip(known["introducer"], known["target"], known["known_since"], strict=True))
    # and a path's far end is known exactly when the introducer's pooled export lists the target
    beyond = set(net.second_degree)
    listed = {(a, b) for a, b in zip(shared["a"], shared["b"], strict=True) if b in beyond}
    assert set(zip(known["introducer"], known["target"], strict=True)) == listed
