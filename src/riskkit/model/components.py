"""What is bought and where it runs: the sites, the components and the parts inside them."""

from __future__ import annotations

from pydantic import Field

from riskkit.model.fact import Fact, Identifier
from riskkit.model.jurisdictions import Jurisdiction
from riskkit.model.vocabulary import (
    Acquisition,
    AuthorisedUse,
    Capability,
    ComponentKind,
    Confidence,
    NetworkSegment,
    PartKind,
    Purpose,
    SiteSetting,
)


class Site(Fact):
    """A place where components are deployed."""

    id: Identifier
    name: str | None = None
    jurisdiction: Jurisdiction
    """Where the site is (``DE-BE:Berlin``)."""
    settings: tuple[SiteSetting, ...] = ()
    """What kind of place it is (public_space, school, ...)."""
    purposes: tuple[Purpose, ...] = ()
    """What the deployment at this site is for."""


class ContainedPart(Fact):
    """A part inside a component, made by a party other than the component's maker."""

    kind: PartKind
    manufacturer: Identifier | None = None
    """Id of the party that makes the part; unknown when left out."""
    brand: str | None = None
    """The name the part is sold under (``HiSilicon``)."""
    model: str | None = None
    source: str | None = None
    confidence: Confidence = "high"


class Component(Fact):
    """Something bought: cameras, radios, software, a cloud service."""

    id: Identifier
    kind: ComponentKind
    manufacturer: Identifier | None = None
    """Id of the party that produces it; unknown when left out."""
    brand: str | None = None
    """The name on the box, which may be a reseller's label."""
    model: str | None = None
    quantity: int = Field(default=1, ge=1)
    site: Identifier | None = None
    supplied_by: Identifier | None = None
    """Id of the reseller or integrator that supplies it."""
    capabilities: tuple[Capability, ...] | None = None
    """What it can do (video, facial recognition, ...); ``[]`` for nothing a rule reads, left out
    when unknown (a rule on a capability then gives an unknown, never a pass)."""
    enabled: bool = True
    """False when a capability-bearing component is bought with its analytics switched off."""
    remote_access: tuple[Identifier, ...] | None = None
    """Ids of parties that can reach it remotely; ``[]`` for none, left out when unknown."""
    firmware_updates_by: Identifier | None = None
    """Id of the party that updates its firmware, or ``"buyer"`` when the buyer does it
    itself; unknown when left out."""
    acquisition: Acquisition | None = None
    """New, installed, a renewal or maintenance only; unknown when left out."""
    purposes: tuple[Purpose, ...] = ()
    """What this component is used for; empty means its site's purposes."""
    authorised_uses: tuple[AuthorisedUse, ...] = ()
    """The uses its biometric functions are restricted to (a law's exception is met by a
    stated use, never by a guess); empty means none is stated."""
    contains: tuple[ContainedPart, ...] = ()
    """Parts inside it made by another party: a HiSilicon SoC in another maker's camera."""
    network_segment: NetworkSegment | None = None
    """For telecom equipment, the part of the network it sits in (core, access or
    transport); unknown when left out, for the rules that tell them apart."""
    produced_in: Jurisdiction | None = None
    """Where the product is produced (manufactured), which can differ from where its maker is
    incorporated; unknown when left out, for the rules that key on it (the FCC Covered List's
    routers and drones "produced in a foreign country")."""
