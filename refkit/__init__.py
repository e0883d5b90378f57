"""refkit: turn LinkedIn connections into a referral plan.

The package follows the pipeline: :mod:`refkit.read` (files) →
:mod:`refkit.resolve` (who is who) → :mod:`refkit.build` (the network) →
:mod:`refkit.rank` (mutual connections, introducers, ranking) →
:mod:`refkit.draft` (messages) → views, export, tracking.
"""

from refkit._errors import RefkitError, RefkitWarning

__version__ = "0.1.0"

__all__ = ["RefkitError", "RefkitWarning", "__version__"]
