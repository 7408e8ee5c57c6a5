"""A worker hands its free heap back between tasks, so its memory does not grow with the feed."""

from __future__ import annotations

import ctypes
import platform
from pathlib import Path

import pytest

from riskkit.feeds.batch import heap


def _resident_kib() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise AssertionError("no VmRSS")


@pytest.mark.skipif(platform.libc_ver()[0] != "glibc", reason="malloc_trim is glibc's")
def test_the_free_space_between_live_blocks_goes_back_to_the_system() -> None:
    blocks = [bytes(1_000 + n % 7) for n in range(60_000)]  # about 60 MB of the C heap
    last = blocks[-1]  # keeps the top of the heap in use, so freeing cannot shrink it
    del blocks
    before = _resident_kib()
    heap.give_back_free_heap()
    after = _resident_kib()
    assert len(last) > 0
    assert before - after > 30_000  # KiB: the 60 MB freed in the middle of the heap


def test_without_malloc_trim_it_does_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_library(name: str | None) -> None:
        raise OSError("no C library here")

    monkeypatch.setattr(ctypes, "CDLL", no_library)
    monkeypatch.setattr(heap, "_looked", False)
    monkeypatch.setattr(heap, "_trim", None)
    heap.give_back_free_heap()
    assert heap._looked and heap._trim is None
