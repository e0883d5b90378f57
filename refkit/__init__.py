"""refkit: turn LinkedIn connections into a referral plan.

The package follows the pipeline: :mod:`refkit.read` (files) →
:mod:`refkit.resolve` (who is who) → :mod:`refkit.build` (the network) →
:mod:`refkit.rank` (mutual connections, introducers, ranking) →
:mod:`refkit.draft` (messages) → views (:mod:`refkit.view`, :mod:`refkit.plots`,
:mod:`refkit.widgets`), :mod:`refkit.export` and :mod:`refkit.track`.

The core functions are available from the top level; views import their heavy
libraries (pyvis, matplotlib, ipywidgets) only when used.

Examples
--------
>>> import refkit
>>> refkit.rank_targets.__module__
'refkit.rank'
"""

from refkit._errors import (
    AmbiguousPersonError,
    FileFormatError,
    NotInNetworkError,
    OptionError,
    OutputError,
    PersonNotFoundError,
    RefkitError,
    RefkitWarning,
    summarize_warnings,
)
from refkit.build import Network, build_network, from_networkx, to_networkx
from refkit.rank import (
    DEFAULT_MIN_MUTUAL,
    paths_into,
    rank_targets,
    threshold_summary,
    tie_strength,
)
from refkit.read import read_any, read_export, read_shared

__version__ = "0.1.0"

__all__ = [
    "DEFAULT_MIN_MUTUAL",
    "AmbiguousPersonError",
    "FileFormatError",
    "NotInNetworkError",
    "OptionError",
    "OutputError",
    "PersonNotFoundError",
    "Network",
    "RefkitError",
    "RefkitWarning",
    "__version__",
    "build_network",
    "from_networkx",
    "paths_into",
    "rank_targets",
    "read_any",
    "read_export",
    "read_shared",
    "summarize_warnings",
    "threshold_summary",
    "tie_strength",
    "to_networkx",
]
