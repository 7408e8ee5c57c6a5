"""Facts that hold over a window of days, and the one test of whether a day falls in it.

An ownership share, an authorisation, a brand, a curated holding or OEM link, a group
membership and a rule's effective window all hold from a first day to a last day. Their input
files spell the two ends differently (``valid_from``/``valid_until`` in a procurement,
``from``/``until`` in entity data and rule packs), and those spellings stay: each class names
its two ends once, in ``window``, and inherits ``holds_on``.
"""

from __future__ import annotations

from datetime import date
from operator import attrgetter
from typing import TYPE_CHECKING, Any, ClassVar

if TYPE_CHECKING:
    Window = attrgetter[tuple[Any, Any]]
    """Reads a fact's first and last day (either ``None`` when open)."""


def window_of(first: str, last: str) -> Window:
    """The reader of a fact's first and last day, given the names of the fields holding them."""
    return attrgetter(first, last)


class Dated:
    """A fact that holds from its first day to its last, both inclusive. An end left out
    (``None``) is open: no first day means it always held, no last day that it still holds.

    A subclass names its ends: ``window: ClassVar[Window] = window_of("valid_from",
    "valid_until")``.
    """

    __slots__ = ()
    window: ClassVar[Window]

    def holds_on(self, day: date) -> bool:
        """Whether the fact holds on ``day``."""
        first, last = self.window(self)
        return (first is None or first <= day) and (last is None or day <= last)
