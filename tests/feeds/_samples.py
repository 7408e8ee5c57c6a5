"""The real OCDS sample files of ``../shared/data`` as the read-path tests compare on them."""

from __future__ import annotations

from tests.conftest import SHARED_DATA

SAMPLE = SHARED_DATA / "ocds" / "sample-data"
"""Every publisher's sample releases and records (absent on a user's clone: tests skip)."""


def sample_texts() -> list[bytes]:
    """Every sample file's bytes, in path order, then each line of them: the texts an old and a
    new decision function are compared on."""
    texts = [path.read_bytes() for path in sorted(SAMPLE.rglob("*.json"))]
    return texts + [line for text in texts for line in text.splitlines()]
