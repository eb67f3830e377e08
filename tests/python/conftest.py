"""Shared fixtures of the Python tests (run by ctest with PYTHONPATH on the build tree)."""
import os
import pathlib

import pytest

import assoc

SRC = pathlib.Path(os.environ.get("ASSOC_SOURCE_DIR", pathlib.Path(__file__).resolve().parents[2]))
SHARED = pathlib.Path(os.environ.get("ASSOC_SHARED_DIR", SRC.parent / "shared"))
# Under AddressSanitizer memory is quarantined, so resident-memory bounds do not hold.
SANITIZED = os.environ.get("ASSOC_SANITIZE") == "1"


@pytest.fixture
def src():
    """The source tree."""
    return SRC


@pytest.fixture
def data():
    """examples/data in the source tree."""
    return SRC / "examples" / "data"


@pytest.fixture
def shared():
    """../shared/data, or a skip (with a message) when it is absent, as on a fresh clone."""
    d = SHARED / "data"
    if not d.is_dir():
        pytest.skip(f"skipped: {d} is absent")
    return d


@pytest.fixture
def silver(data):
    """The seed example, freshly loaded."""
    return assoc.load(data / "silver-connect.json")


def minimal(**extra):
    """A small valid organisation as a dict (the format's required fields)."""
    d = {
        "id": {"scheme": "rna", "value": "W751234567"},
        "name": "Les Amis du Quartier",
        "years": [{
            "year": 2023, "currency": "EUR",
            "revenue": [
                {"category": "membership_dues", "amount": 3000},
                {"category": "subsidy_commune", "amount": 7000},
            ],
            "expenses": {"total": 9000},
            "balance": {"cash": 1500},
        }],
    }
    d.update(extra)
    return d
