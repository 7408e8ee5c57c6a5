"""Params of ``data_transfer`` (:mod:`riskkit.kinds.data_transfer`)."""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import Field, model_validator

from riskkit.kinds.interface import Params
from riskkit.model import BuyerKind, DataCategory, MitigationKind, Purpose
from riskkit.model.jurisdictions import Jurisdiction
from riskkit.model.vocabulary import Confidence


class AdequacyEntry(Params):
    """A decision that a destination protects the data well enough for it to flow freely."""

    id: str = Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9_\-]*$")
    destination: Jurisdiction
    """Where the data may go (``JP``; a whole country covers its subdivisions)."""
    decision: str = Field(min_length=1)
    """The instrument, in words: ``Commission Implementing Decision (EU) 2019/419``."""
    since: date | None = None
    """First day it holds; left out when it held before the rule took effect."""
    until: date | None = None
    """Last day it holds (a court annulled it, a sunset passed); left out while it holds."""
    requires_certification: str | None = None
    """The importer must list this in ``parties[].certifications`` (``eu_us_dpf``)."""
    condition: str | None = None
    """A limit of the decision that riskkit cannot check, in words (Canada: commercial
    organisations under PIPEDA only)."""
    confidence: Confidence = "high"
    """How sure the dates and scope are; a finding that turns on this entry takes it."""

    @model_validator(mode="after")
    def _ordered(self) -> AdequacyEntry:
        if self.since and self.until and self.until < self.since:
            raise ValueError(f"until {self.until} is before since {self.since}")
        return self

    def holds_on(self, day: date) -> bool:
        return (self.since is None or self.since <= day) and (
            self.until is None or day <= self.until
        )


class Route(Params):
    """A lawful way out the law offers besides adequacy, which the buyer can declare it uses."""

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9_\-]*$")
    """What an authorisation's ``exception`` names to declare the route (``consent``)."""
    description: str = Field(min_length=1)
    """The route and its conditions, in words, as the law states them."""
    mitigation: MitigationKind | None = None
    """A declared mitigation of this kind covering the flow also meets the route (contract
    clauses: ``contractual_safeguards``); without it only an authorisation meets it."""
    available_from: date | None = None
    """First day the route exists, when an amendment added it later than the rule's start."""


class DataTransferParams(Params):
    data: tuple[DataCategory, ...] = Field(min_length=1)
    """Categories the law protects; a flow carrying none of them is not a transfer under it."""
    exporter_by: tuple[Literal["buyer", "site"], ...] = Field(
        default=("buyer", "site"), min_length=1
    )
    """What makes the deployment an exporter under the law: the buyer sits in the rule's
    scope, or the component sending the data is at a site there."""
    exporter_kinds: tuple[BuyerKind, ...] = ()
    """Only buyers of these kinds are bound (critical-infrastructure operators, state organs);
    empty means every buyer. Naming either central-government kind (``federal_agency``,
    ``national_government``) binds both (``model.buyer_kind_in``)."""
    free_flow: tuple[Jurisdiction, ...] = ()
    """Destinations besides the rule's scope to which data flows freely (``EEA`` for the EU)."""
    destinations: tuple[Jurisdiction, ...] = ()
    """Only transfers to these destinations count; empty means anywhere outside."""
    adequacy: tuple[AdequacyEntry, ...] = ()
    fires_on: Literal["no_adequacy", "adequacy"] = "no_adequacy"
    """``no_adequacy``: report transfers no entry covers; ``adequacy``: report transfers that
    rely on an entry."""
    local_copy_satisfies: bool = False
    """The law requires a copy at home, not that the data stays: a component that also sends
    the same data to a destination inside the scope complies."""
    routes: tuple[Route, ...] = ()
    """Other lawful ways out (consent, clauses, approval); a declared one makes a finding info."""
    purposes: tuple[Purpose, ...] = ()
    """Only data collected at sites for one of these purposes counts; empty means any."""
    likelihood: int = Field(default=4, ge=1, le=5)
