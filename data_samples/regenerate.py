"""Regenerate the committed sample files with the defaults.

Run from anywhere: ``.venv/bin/python data_samples/regenerate.py``. The test
``tests/test_samples.py`` fails when the committed files differ from a fresh
``write_samples`` with the defaults, so run this after changing
``refkit/testing/`` and commit the result.
"""

from pathlib import Path

from refkit.testing import write_samples

if __name__ == "__main__":
    write_samples(Path(__file__).resolve().parent)
