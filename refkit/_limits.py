"""LinkedIn's own limits: what a real export or a real count can hold.

One home for the numbers every stage checks against (see ``docs/FORMATS.md``).
"""

from __future__ import annotations

__all__ = ["MAX_CONNECTIONS", "FIRST_YEAR"]

#: A member can have at most 30,000 1st-degree connections, so no mutual count is larger.
MAX_CONNECTIONS = 30_000

#: LinkedIn opened in 2003: a "Connected On" date before it is not real.
FIRST_YEAR = 2003
