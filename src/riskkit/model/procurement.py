"""The procurement: who buys what, for how long, where it runs, who supplies and owns it, where
its data goes.

Every model is frozen and rejects unknown fields, so a typo can never silently drop a fact.
Optional facts left out are *unknown*, not *absent*: the rule kinds treat them as such. A
procurement is checked whole once its parts are valid: every id is unique in its table, every
reference resolves and ownership has no cycle (:mod:`riskkit.model._integrity`).
"""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import Field, ValidationError, field_validator, model_validator

from riskkit.model._integrity import reference_errors
from riskkit.model.components import Component, Site
from riskkit.model.fact import Fact, Identifier
from riskkit.model.flows import DataFlow
from riskkit.model.jurisdictions import Jurisdiction
from riskkit.model.parties import Party
from riskkit.model.safeguards import Authorisation, Mitigation
from riskkit.model.vocabulary import BuyerKind, FundingSource


class Term(Fact):
    """The contract term: the rules are checked over every day of it."""

    start: date
    """First day of the contract."""
    end: date
    """Last day of the contract (inclusive)."""

    @model_validator(mode="after")
    def _end_after_start(self) -> Term:
        if self.end < self.start:
            raise ValueError(f"end {self.end} is before start {self.start}")
        return self


class Buyer(Fact):
    """The organisation buying and operating the deployment."""

    name: str = Field(min_length=1)
    """Legal name of the buyer."""
    kind: BuyerKind | None = None
    """What kind of organisation it is; rules bind by this. Unknown when left out (a published
    feed rarely says): a rule that binds only some kinds of buyer then cannot say whether it
    binds this one, which the report gives as an unknown, never as a pass."""
    jurisdiction: Jurisdiction | None = None
    """Where the buyer is constituted, as precisely as known (``US-OR:Portland``). Unknown when
    left out: no rule that binds by the buyer's seat can then be checked, which the report says
    as an unknown, so the verdict is never ``acceptable``."""
    funding: tuple[FundingSource, ...] | None = None
    """Where the money comes from (``own_budget`` when the buyer pays from its own); federal
    grants bring federal conditions. Unknown when left out: a rule that binds only buyers
    spending some funds (a grant condition) then cannot say whether it binds this one, which
    the report gives as an unknown, never as a pass. Given, it names at least one source."""

    @field_validator("funding")
    @classmethod
    def _funding_named(
        cls, funding: tuple[FundingSource, ...] | None
    ) -> tuple[FundingSource, ...] | None:
        if funding == ():
            raise ValueError(
                "an empty list says nothing; name at least one source (own_budget when the "
                "buyer pays from its own budget), or leave funding out when it is not known"
            )
        return funding


class Procurement(Fact):
    """A candidate deployment, as a procurement team describes it."""

    schema_version: Literal[1] = 1
    id: Identifier
    title: str = Field(min_length=1)
    term: Term | None = None
    """The contract term; unknown when left out, and then only the as-of date is checked and
    the report says the term could not be (its term verdict is never ``acceptable``)."""
    buyer: Buyer
    sites: tuple[Site, ...] = ()
    parties: tuple[Party, ...] = ()
    components: tuple[Component, ...] = ()
    data_flows: tuple[DataFlow, ...] = ()
    mitigations: tuple[Mitigation, ...] = ()
    authorisations: tuple[Authorisation, ...] = ()

    @model_validator(mode="after")
    def _references_resolve(self) -> Procurement:
        errors = reference_errors(self)
        if errors:
            raise ValidationError.from_exception_data("Procurement", errors)
        return self
