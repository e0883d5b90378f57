"""Test and demo helpers: seeded sample networks in LinkedIn's real export formats.

In the manner of :mod:`pandas.testing` and :mod:`numpy.testing`, this
subpackage serves refkit's tests, benchmarks, ``data_samples/`` and
``refkit demo``; it is not part of the referral API.

A hidden "true" social graph is generated first: fictional people belong to
companies, schools and cities, and ties cluster inside those groups, so some
second-degree people share ten or more connections with the user. From that
graph :func:`write_samples` writes what a person would actually have on disk:
their own LinkedIn archive, Connections.csv files shared by friends (in the
formats of different years), a file of mutual counts captured from LinkedIn,
tags and a small edge list. :func:`generate` returns the graph itself, so
tests can check what refkit computes against the truth. :func:`star_network`
builds a plain synthetic :class:`~refkit.build.Network` for views and benchmarks.

All people, profile URLs and e-mail addresses are fictional (e-mail domains
are the reserved ``example.com``/``example.org``/``example.net``).

This subpackage does not import :mod:`refkit.read`: it writes the bytes itself,
following ``docs/FORMATS.md``. Its sections: ``_formats`` (fixed facts of the
formats), ``_pools`` (names, companies, message texts), ``_generate`` (the true
graph), ``_writing`` (CSV text and dates per era), ``_write`` (the files) and
``_star`` (the star network).
"""

from refkit.testing._formats import PREAMBLE
from refkit.testing._generate import SampleNetwork, generate
from refkit.testing._star import star_network
from refkit.testing._write import write_samples

__all__ = ["PREAMBLE", "SampleNetwork", "generate", "star_network", "write_samples"]
