"""Why a component or party is covered by a rule (:class:`Coverage`), and how coverages rank.

Several ways of being covered compete for one subject (a listed maker, a listed brand owner, a
producer's seat, a part inside); a finding reports the likeliest, and the likelihood follows
from whether the subject reaches the covered entity directly and how sure its chain is.
"""

from __future__ import annotations

from datetime import date
from typing import NamedTuple

from riskkit.kinds._graph import Step
from riskkit.kinds._shared.common import clamp

_CONFIDENCE_LIKELIHOOD = {"high": 4, "medium": 3, "low": 2}
"""The likelihood a chain of each confidence gives at most, before the one added for it."""


class Coverage(NamedTuple):
    """Why a component or party is covered: a listed entity reached, or a producer's seat.

    A named tuple, like the steps it holds: several are made for each finding."""

    steps: tuple[Step, ...]
    """Every link from the subject to what is covered, in order."""
    covered: str
    """What is covered, for the explanation (``Zhejiang Dahua Technology Co., Ltd., listed on
    the BIS Entity List``)."""
    relation: str
    direct: bool
    """True when the subject's maker is the covered entity itself (no affiliate link)."""
    since: date | None
    confidence: str
    note: str = ""

    def likelihood(self) -> int:
        """5 when the maker is covered itself; less the weaker the chain's evidence."""
        return _LIKELIHOOD[self.direct, self.confidence]

    def order(self) -> tuple[int, int, int]:
        """Order candidate coverages: likelier first, then direct, then shorter chains."""
        return rank(self.direct, self.confidence, len(self.steps))


_LIKELIHOOD = {
    (direct, confidence): clamp(min(5 if direct else 4, level + 1))
    for direct in (True, False)
    for confidence, level in _CONFIDENCE_LIKELIHOOD.items()
}


def rank(direct: bool, confidence: str, length: int) -> tuple[int, int, int]:
    """``Coverage.order`` of a coverage with these traits and a chain of ``length`` steps, for
    ranking candidates before any becomes a ``Coverage``."""
    return (_LIKELIHOOD[direct, confidence], 1 if direct else 0, -length)
