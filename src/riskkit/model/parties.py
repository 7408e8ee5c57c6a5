"""The parties of a procurement: who makes, supplies, hosts and owns what is bought.

Ownership is dated and may be partial; a state's holding is kept apart from other owners so the
rules that ask about state control can find it.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any, ClassVar, NamedTuple

from pydantic import Field, SerializerFunctionWrapHandler, model_serializer, model_validator

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


class ShareBounds(NamedTuple):
    """What is known of a share held: at least ``low``, at most ``high`` (``high`` itself
    excluded when ``high_exclusive``); ``None`` for an end not known."""

    low: float | None
    high: float | None
    high_exclusive: bool = False

    def said(self) -> str:
        """The share as evidence says it: ``38.88 %``, a band, or ``an unknown share``."""
        low, high, high_exclusive = self
        if low == high and not high_exclusive:
            return _percent(low)
        most = ("less than " if high_exclusive else "at most ") + _percent(high)
        if low is None:
            return most if high is not None else _percent(None)
        if high is None:
            return f"at least {_percent(low)}"
        return f"at least {_percent(low)} and {most}"


def _percent(share: float | None) -> str:
    """As the rule kinds write a share (``kinds._shared.common.share_text``)."""
    return "an unknown share" if share is None else f"{share * 100:.2f} %"


class Holding:
    """A holding of one owner in what it owns, with whether that makes the owner control it:
    shared by the procurement's ownership shares and the curated entities' holdings."""

    __slots__ = ()
    if TYPE_CHECKING:
        share: float | None
        control: bool | None

    def bounds(self) -> ShareBounds:
        """The share held, as the least and the most it may be (both the exact share when
        given)."""
        return ShareBounds(self.share, self.share)

    def decides(self, threshold: float = 0.5) -> bool | None:
        """Whether the owner controls what it holds: as stated, else by a share of at least
        ``threshold``; ``None`` (unknown) when neither control nor enough of the share is known
        to tell: no share, or a band with one end on each side of ``threshold``."""
        if self.control is not None:
            return self.control
        low, high, high_exclusive = self.bounds()
        if low is not None and low >= threshold:
            return True
        if high is not None and (high < threshold or (high_exclusive and high <= threshold)):
            return False
        return None

    def controls(self, threshold: float = 0.5) -> bool:
        """Whether the owner is known to control what it holds (``decides`` is True); a holding
        whose control is unknown does not count here, and the rules that decide on control
        report it as an unknown (``decides``)."""
        return self.decides(threshold) is True

    @property
    def least_share(self) -> float | None:
        """The share the owner holds at least: the exact share, else the band's lower end."""
        return self.bounds().low


class Ownership(Fact, Dated, Holding):
    """A holding in a party by another party, with the dates it held."""

    party: Identifier
    """Id of the owning party."""
    share: Share | None = None
    """Fraction held (0.3888 for 38.88 %); unknown when left out."""
    share_min: Share | None = None
    """The least fraction held, when only a band is known (a register's "25 % to 50 %")."""
    share_max: Share | None = None
    """The most fraction held, when only a band is known."""
    share_max_exclusive: bool = False
    """Whether the band excludes ``share_max`` itself ("25 % to less than 50 %", BODS
    ``exclusiveMaximum``). Whether it excludes its minimum never changes a "share of at least"
    decision, so it is not kept."""
    control: bool | None = None
    """Whether the owner controls the party; when unknown, a share (or the whole band) of the
    rule's threshold or more counts, below it does not, and otherwise control is unknown."""
    valid_from: date | None = None
    valid_until: date | None = None
    source: str | None = None
    confidence: Confidence = "high"

    window: ClassVar[Window] = window_of("valid_from", "valid_until")

    @model_validator(mode="after")
    def _band_holds_together(self) -> Ownership:
        low, high = self.share_min, self.share_max
        if low is not None and high is not None and low > high:
            raise ValueError(f"share_min {low} is above share_max {high}")
        if self.share is not None and (low is not None or high is not None):
            raise ValueError(
                "give either share (the exact fraction) or share_min/share_max (a band), not both"
            )
        if self.share_max_exclusive and high is None:
            raise ValueError("share_max_exclusive is set but share_max is not given")
        return self

    @model_serializer(mode="wrap")
    def _dump_without_unused_band(self, handler: SerializerFunctionWrapHandler) -> Any:
        # A holding without a band dumps as it did before bands existed, so the digest of a
        # procurement that gives none is unchanged.
        dumped = handler(self)
        if isinstance(dumped, dict):
            for name in ("share_min", "share_max", "share_max_exclusive"):
                if dumped.get(name) in (None, False):
                    dumped.pop(name, None)
        return dumped

    def bounds(self) -> ShareBounds:
        if self.share is not None:
            return ShareBounds(self.share, self.share)
        return ShareBounds(self.share_min, self.share_max, self.share_max_exclusive)


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
    undisclosed: bool = False
    """Who this party is is not known: an owner an ownership register does not name (BODS
    ``anonymousPerson``, ``unknownPerson``, an unspecified owner). Its name is a placeholder and
    it cannot be screened, so a rule that asks who owns a party (a 50 % rule, a control rule)
    treats its holding as held by anyone the rule lists: an unknown where the holding may
    count, never a pass.

    A flag on a party, not a kind of holding: the holding keeps its share, band, control and
    dates as the register gives them, and the ownership graph its party ids, so the rule kinds
    walk it as they walk every holding and only ask, at the owner, whether it is known. Only an
    owner may be undisclosed (a deal party of unknown identity is not something a procurement
    can have). Left out when false, so a procurement without one dumps and digests as before."""
    source: str | None = None
    confidence: Confidence = "high"

    @model_validator(mode="after")
    def _undisclosed_only_owns(self) -> Party:
        if not self.undisclosed:
            return self
        if any(role != "owner" for role in self.roles):
            raise ValueError(
                "an undisclosed party (who it is is not known) can only be an owner: roles "
                f"{list(self.roles)} name a part in the deal"
            )
        if self.identifiers or self.aliases:
            raise ValueError(
                "an undisclosed party (who it is is not known) has no identifiers or aliases: "
                "with one, it is known; leave undisclosed out"
            )
        return self

    @model_serializer(mode="wrap")
    def _dump_without_undisclosed_false(self, handler: SerializerFunctionWrapHandler) -> Any:
        # A party that is known dumps as it did before the field existed, so the digest of a
        # procurement that gives no undisclosed owner is unchanged.
        dumped = handler(self)
        if isinstance(dumped, dict) and dumped.get("undisclosed") is False:
            dumped.pop("undisclosed")
        return dumped
