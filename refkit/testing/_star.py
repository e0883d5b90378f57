"""A plain synthetic network for views and benchmarks."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

if TYPE_CHECKING:  # pragma: no cover
    from refkit.build import Network


def star_network(n_first: int, n_targets: int, *, mutual: int = 10, seed: int = 0) -> Network:
    """A plain synthetic :class:`~refkit.build.Network` for views and benchmarks.

    The user, ``n_first`` connections (``f0`` …) and ``n_targets`` 2nd-degree
    people (``t0`` …), each tied to ``mutual`` connections drawn at random;
    companies are drawn from a few names, Stripe among them.

    Parameters
    ----------
    n_first : int
        How many 1st-degree connections the user has.
    n_targets : int
        How many 2nd-degree people there are.
    mutual : int, default 10
        How many of the user's connections each 2nd-degree person is tied to
        (at most ``n_first``), so every one of them has this many mutual connections.
    seed : int, default 0
        Same seed and sizes, same network.

    Returns
    -------
    Network
        A new network with ``n_first + mutual * n_targets`` ties.

    Examples
    --------
    >>> net = star_network(20, 5, mutual=3)
    >>> net
    Network(me='Me', 1st-degree=20, 2nd-degree=5, ties=35)
    >>> from refkit.mutuals import mutual_counts
    >>> mutual_counts(net)["mutual_count"].unique().tolist()
    [3]
    """
    from refkit.build import Network

    rng = np.random.default_rng(seed)
    first = [f"f{i}" for i in range(n_first)]
    targets = [f"t{j}" for j in range(n_targets)]
    companies = np.array(["Globex", "Initech", "Hooli", "Stripe", "Acme", "Umbrella"])
    people = pd.DataFrame(
        {"name": ["Me"] + [f"Friend {i}" for i in range(n_first)]
         + [f"Target {j}" for j in range(n_targets)],
         "company": [None, *companies[rng.integers(0, 6, n_first + n_targets)]],
         "position": "Engineer",
         "degree": [0] + [1] * n_first + [2] * n_targets},
        index=pd.Index(["me", *first, *targets], name="key"),
    )
    pairs = [("me", f) for f in first]
    for t in targets:
        pairs += [(first[i], t) for i in rng.choice(n_first, size=mutual, replace=False)]
    ties = pd.DataFrame(pairs, columns=["a", "b"]).assign(source="x.csv", kind="shared")
    return Network(people=people, ties=ties, me="me")
