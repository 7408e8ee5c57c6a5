"""What the buyer brings against the risks: committed mitigations and legal authorisations."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, ClassVar

from pydantic import Field

from riskkit.model.dated import Dated, window_of
from riskkit.model.fact import Fact, Identifier
from riskkit.model.vocabulary import MitigationKind

if TYPE_CHECKING:
    from riskkit.model.dated import Window


class Mitigation(Fact):
    """A safeguard the buyer commits to; it lowers the likelihood of the risks it addresses."""

    id: Identifier
    kind: MitigationKind
    applies_to: tuple[Identifier, ...] = ()
    """Ids of components, flows or parties it covers; empty means the whole deployment."""
    description: str | None = None


class Authorisation(Fact, Dated):
    """A legal authorisation that meets an exception of a rule (a warrant, a judicial order)."""

    id: Identifier
    rule: str = Field(min_length=1)
    """Id of the rule whose exception it meets."""
    exception: str = Field(min_length=1)
    """Id of the exception within that rule."""
    reference: str | None = None
    issued_by: str | None = None
    valid_from: date | None = None
    valid_until: date | None = None
    applies_to: tuple[Identifier, ...] = ()
    """Ids of the components it covers; empty means all."""

    window: ClassVar[Window] = window_of("valid_from", "valid_until")
