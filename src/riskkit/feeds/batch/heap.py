"""Handing a worker's free heap back to the system between tasks (glibc only).

A worker's live objects stay flat from task to task (about 11 MiB, measured with ``mallinfo2``
over the 200,000 process feed), but glibc's heap keeps what a large task freed: after a 1.5 MB
line, glibc raises its threshold for serving large blocks from ``mmap`` (the dynamic mmap
threshold), so later large blocks come from the heap, and the free space left between live
blocks grew from 6 to 20 MiB over the feed, raising the worker's resident memory with the
size of the feed. ``malloc_trim(0)`` after each task gives the free pages back: the resident
memory between tasks stays at about 57 MiB. Elsewhere (macOS, musl) this does nothing.
"""

from __future__ import annotations

import ctypes
import ctypes.util
from collections.abc import Callable

_trim: Callable[[int], int] | None = None
_looked = False


def give_back_free_heap() -> None:
    """Return the heap's free pages to the system, where the C library can (glibc)."""
    global _trim, _looked
    if not _looked:
        _looked = True
        _trim = _find_trim()
    if _trim is not None:
        _trim(0)


def _find_trim() -> Callable[[int], int] | None:
    name = ctypes.util.find_library("c")
    try:
        library = ctypes.CDLL(name)
        trim: Callable[[int], int] = library.malloc_trim
    except (OSError, AttributeError, TypeError):
        return None
    return trim
