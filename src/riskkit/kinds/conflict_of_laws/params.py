"""Params of ``conflict_of_laws`` (:mod:`riskkit.kinds.conflict_of_laws`)."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from riskkit.kinds._exposure.spec import LawSpec
from riskkit.kinds.interface import Params
from riskkit.model.jurisdictions import Jurisdiction


class CompellingLaw(LawSpec):
    """The law that compels disclosure, as a ``compelled_access`` rule would write it."""

    law: str = Field(min_length=1)
    """Its short name, used in explanations (``US CLOUD Act``)."""
    scope: tuple[Jurisdiction, ...] = Field(min_length=1)


class BlockingLaw(Params):
    """The law that forbids answering the other state's demand, and what brings it in."""

    law: str = Field(min_length=1)
    """Its short name (``GDPR Art. 48``)."""
    scope: tuple[Jurisdiction, ...] = Field(min_length=1)
    applies_by: tuple[Literal["data_location", "buyer"], ...] = Field(min_length=1)
    """The blocking law holds when the data reached sits in its scope, or the buyer does."""
    forbids: str = Field(min_length=1)
    """What it forbids, in words, for the explanation."""


class ConflictOfLawsParams(Params):
    compelling: CompellingLaw
    blocking: BlockingLaw
