"""How a state's law is written in a rule's params: whom it binds, by what ties, what it
compels, and which data and roles it counts.

``compelled_access`` rules write it as their params; a ``conflict_of_laws`` rule writes its
compelling law with the same fields. A pydantic model, so the compiled build leaves this
module out (docs/compiled-build.md).
"""

from __future__ import annotations

import functools
from typing import Literal

from pydantic import Field

from riskkit.kinds.interface import Params
from riskkit.model import DataCategory, PartyRole

BindsBy = Literal["incorporation", "headquarters", "operation", "control", "data_location"]
Compels = Literal[
    "intelligence_cooperation",
    "disclosure",
    "disclosure_abroad",
    "technical_assistance",
    "decryption",
    "localisation",
    "data_retention",
    "interception",
]


class LawSpec(Params):
    """A state's law that can make a party hand over a deployment's data."""

    binds_by: tuple[BindsBy, ...] = Field(min_length=1)
    """How the law reaches a party."""
    compels: tuple[Compels, ...] = Field(min_length=1)
    """What the law can make a bound party do (``disclosure``: hand over data held in the
    country on demand; ``disclosure_abroad``: also data held elsewhere)."""
    foreign_only: bool = True
    """Skip buyers inside the law's own jurisdiction: their own state's access is not the risk
    this rule measures."""
    control_threshold: float = Field(default=0.5, gt=0.0, le=1.0)
    """Share at or above which an owner is taken to control a party (unless ``control`` says)."""
    data: tuple[DataCategory, ...] = ()
    """Only flows carrying one of these categories count; empty means any."""
    roles: tuple[PartyRole, ...] = ()
    """Only a party reaching the data with one of these roles is bound (Russia's Yarovaya law
    binds telecom operators and communication services, not every firm); empty means any."""

    # Worked out once per loaded rule (params are frozen), not in every assessment: reading a
    # field of a pydantic model is several times slower than reading a plain attribute.

    @functools.cached_property
    def search_key(self) -> tuple[object, ...]:
        """What decides whom the law binds and through which routes (not what it compels, nor
        ``foreign_only``): rules whose laws agree on it, and on scope, share one search."""
        return (self.binds_by, self.data, self.roles, self.control_threshold)

    @functools.cached_property
    def compels_words(self) -> str:
        """What the law compels, in words (``technical assistance, decryption``)."""
        return ", ".join([c.replace("_", " ") for c in self.compels])
