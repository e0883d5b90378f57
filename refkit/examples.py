"""A small network to try refkit on, as networkx's ``karate_club_graph()``.

The docstring examples across refkit use :func:`toy_network`, so a reader can
check each output against the description below by hand.
"""

from __future__ import annotations

import pandas as pd

from refkit.build import Network

__all__ = ["toy_network"]


def toy_network() -> Network:
    """A tiny network to try refkit on: you, four connections, five people beyond.

    You are Alex Kim (key ``me``). Keys are short words rather than profile
    URLs so that outputs read clearly.

    ==========  ==============  ======  =============  ============  ================
    key         name            degree  company        connected on  mutuals with you
    ==========  ==============  ======  =============  ============  ================
    ``priya``   Priya Raman     1       Initech        2019-03-14
    ``tomas``   Tomás Ortega    1       Globex         2020-07-01
    ``ann``     Ann Wu          1       Stripe, Inc.   2021-11-20
    ``bob``     Bob Lee         1       Acme           2023-02-05
    ``jane``    Jane Chen       2       Stripe         —             Priya, Tomás, Ann
    ``lee``     Lee Park        2       Globex         —             Priya, Tomás
    ``omar``    Omar Haddad     2       Initech        —             Priya, Bob
    ``sara``    Sara Diaz       2       Acme           —             Bob
    ``mia``     Mia Rossi       2       Hooli          —             Tomás
    ==========  ==============  ======  =============  ============  ================

    So Jane Chen (Data Engineer at Stripe) has 3 mutual connections in the
    files, Lee Park and Omar Haddad 2, Sara Diaz and Mia Rossi 1; Priya knows
    three of the five, Tomás three, Bob two, Ann one.

    Messages: you and Priya wrote each other four times (she last on
    2025-11-02); you wrote Tomás once (2024-06-10) and he never answered; Ann
    and Bob have no messages. So Priya is the strongest tie, and ties differ
    by messages as well as by years connected.

    Bob shared his own export (``bob.csv``): it lists Omar, whom Bob has known
    since 2014-09-01, and Sara, since 2026-05-11 (three weeks before the
    docstrings' "today", 2026-06-01). The other ties to people beyond come from
    captures (``mutuals.csv``), which tell nothing of the far end.

    LinkedIn showed a mutual count for Jane (``reported``: 4, more than the 3
    the files reveal, from ``jane.html``), so her mutual count is 4.

    Returns
    -------
    Network
        A new network each call (deterministic: same tables every time).

    Examples
    --------
    >>> net = toy_network()
    >>> net
    Network(me='Alex Kim', 1st-degree=4, 2nd-degree=5, ties=13)
    >>> net.people.loc[net.second_degree, "name"].tolist()
    ['Jane Chen', 'Lee Park', 'Omar Haddad', 'Sara Diaz', 'Mia Rossi']
    """
    keys = ["me", "priya", "tomas", "ann", "bob", "jane", "lee", "omar", "sara", "mia"]
    people = pd.DataFrame(
        {
            "name": ["Alex Kim", "Priya Raman", "Tomás Ortega", "Ann Wu", "Bob Lee",
                     "Jane Chen", "Lee Park", "Omar Haddad", "Sara Diaz", "Mia Rossi"],
            "company": [None, "Initech", "Globex", "Stripe, Inc.", "Acme",
                        "Stripe", "Globex", "Initech", "Acme", "Hooli"],
            "position": [None, "Data Engineer", "Product Manager", "Software Engineer", "Designer",
                         "Data Engineer", "Analyst", "Engineering Manager", "Recruiter", "Designer"],
            "connected_on": pd.to_datetime([None, "2019-03-14", "2020-07-01", "2021-11-20",
                                            "2023-02-05", None, None, None, None, None]),
            "degree": [0, 1, 1, 1, 1, 2, 2, 2, 2, 2],
        },
        index=pd.Index(keys, name="key"),
    )
    first = ["priya", "tomas", "ann", "bob"]
    second = [("priya", "jane"), ("tomas", "jane"), ("ann", "jane"),
              ("priya", "lee"), ("tomas", "lee"),
              ("priya", "omar"), ("bob", "omar"),
              ("bob", "sara"), ("tomas", "mia")]
    shared = {("bob", "omar"): "2014-09-01", ("bob", "sara"): "2026-05-11"}
    ties = pd.DataFrame(
        {
            "a": ["me"] * len(first) + [a for a, _ in second],
            "b": first + [b for _, b in second],
            "source": ["Connections.csv"] * len(first)
            + ["bob.csv" if pair in shared else "mutuals.csv" for pair in second],
            "kind": ["connection"] * len(first)
            + ["shared" if pair in shared else "mutuals" for pair in second],
            "connected_on": pd.to_datetime(
                [people.at[k, "connected_on"] for k in first]
                + [shared.get(pair) for pair in second]),
        }
    )
    messages = pd.DataFrame(
        {
            "sender": ["Alex Kim", "Priya Raman", "Alex Kim", "Priya Raman", "Alex Kim"],
            "recipients": ["Priya Raman", "Alex Kim", "Priya Raman", "Alex Kim", "Tomás Ortega"],
            "sent_at": pd.to_datetime(["2025-10-01", "2025-10-02", "2025-11-01", "2025-11-02",
                                       "2024-06-10"]),
        }
    )
    reported = pd.DataFrame(
        {"mutual_count": [4], "source": ["jane.html"]},
        index=pd.Index(["jane"], name="key", dtype="str"),
    )
    return Network(people=people, ties=ties, me="me", reported=reported, messages=messages)
