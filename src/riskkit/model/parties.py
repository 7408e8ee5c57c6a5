"""The parties of a procurement: who makes, supplies, hosts and owns what is bought.

Ownership is dated and may be partial; a state's holding is kept apart from other owners so the
rules that ask about state control can find it.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, ClassVar

from pydantic import Field

from riskkit.model.dated import Dated, window_of
from riskkit.model.fact import Fact, Identifier, Share
from riskkit.model.jurisdictions import Jurisdiction
from riskkit.model.vocabulary import Confidence, PartyRole

if TYPE_CHECKING:
    from riskkit.model.dated import Window

BUYER = "buyer"
"""The reserved party id that means the buyer itself (``to.operator = "buyer"``: the buyer's
own data centre); no party may use it as its id."""


class PartyIdentifier(Fact):
    scheme: str = Field(min_length=1)
    """The identifier scheme: ``uscc``, ``isin``, ``lei``, ``duns``, ``ticker``, ..."""
    value: str = Field(min_length=1)


class Holding:
    """A holding of one owner in what it owns, with whether that makes the owner control it:
    shared by the procurement's ownership shares and the curated entities' holdings."""

    __slots__ = ()
    if TYPE_CHECKING:
        share: float | None
        control: bool | None

    def controls(self, threshold: float = 0.5) -> bool:
        """Whether the owner controls what it holds: as stated, else by a share of at least
        ``threshold``; a holding of unknown share and control does not count."""
        if self.control is not None:
            return self.control
        return self.share is not None and self.share >= threshold


class Ownership(Fact, Dated, Holding):
    """A holding in a party by another party, with the dates it held."""

    party: Identifier
    """Id of the owning party."""
    share: Share | None = None
    """Fraction held (0.3888 for 38.88 %); unknown when left out."""
    control: bool | None = None
    """Whether the owner controls the party; when unknown, a share of half or more counts."""
    valid_from: date | None = None
    valid_until: date | None = None
    source: str | None = None
    confidence: Confidence = "high"

    window: ClassVar[Window] = window_of("valid_from", "valid_until")


class StateOwnership(Fact):
    """A state's holding in a party, directly or through state-owned enterprises."""

    state: Jurisdiction
    share: Share | None = None
    via: str | None = None
    """The holding vehicle, such as ``CETC`` or ``SASAC``."""
    source: str | None = None


class Party(Fact):
    """A legal person: a vendor, reseller, integrator, cloud host, owner, ..."""

    id: Identifier
    name: str = Field(min_length=1)
    aliases: tuple[str, ...] = ()
    identifiers: tuple[PartyIdentifier, ...] = ()
    roles: tuple[PartyRole, ...] = ()
    incorporated_in: Jurisdiction | None = None
    """Where the party is incorporated; unknown when left out."""
    headquarters: Jurisdiction | None = None
    operates_in: tuple[Jurisdiction, ...] = ()
    owners: tuple[Ownership, ...] = ()
    state_ownership: tuple[StateOwnership, ...] = ()
    certifications: tuple[str, ...] = ()
    """Frameworks the party is certified under, such as ``eu_us_dpf`` (EU-US Data Privacy
    Framework); rules that depend on a certification look here."""
    source: str | None = None
    confidence: Confidence = "high"
