"""Per-object caches for frozen inputs, keyed by identity, dropped when the object dies.

A procurement is immutable, so what is derived from it alone (its digest, the countries it
touches) can be computed once however many times it is assessed. Frozen pydantic models hash by
value, which costs as much as the work saved, so the key is the object's identity, guarded by a
weak reference.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable
from typing import Generic, TypeVar

K = TypeVar("K")
V = TypeVar("V")


class IdentityCache(Generic[K, V]):
    def __init__(self, compute: Callable[[K], V]) -> None:
        self._compute = compute
        self._entries: dict[int, tuple[weakref.ref[K], V]] = {}

    def __call__(self, obj: K) -> V:
        key = id(obj)
        entry = self._entries.get(key)
        if entry is not None and entry[0]() is obj:
            return entry[1]
        value = self._compute(obj)

        def forget(_: weakref.ref[K]) -> None:
            self._entries.pop(key, None)

        self._entries[key] = (weakref.ref(obj, forget), value)
        return value
