"""Params of ``listed_entity`` (:mod:`riskkit.kinds.listed_entity`)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Literal

from pydantic import Field, model_validator

from riskkit.kinds._graph import AffiliateRule
from riskkit.kinds._shared.screened import Screened
from riskkit.kinds.interface import Params
from riskkit.model import (
    Acquisition,
    BuyerKind,
    Capability,
    ComponentKind,
    FundingSource,
    NetworkSegment,
    PartKind,
    Purpose,
    SiteSetting,
)
from riskkit.model.entities import EntityId
from riskkit.model.jurisdictions import Jurisdiction
from riskkit.model.vocabulary import Confidence


class Entry(Params):
    """One listed entity and the days it is listed."""

    entity: EntityId
    start: date = Field(alias="from")
    until: date | None = None
    """Last day listed; left out while it is listed."""
    confidence: Confidence = "high"
    """How sure we are of this listing and its dates; a finding is never surer than this."""
    note: str | None = None

    def holds_on(self, day: date) -> bool:
        return self.start <= day and (self.until is None or day <= self.until)


class AffiliateWindow(Params):
    """A span of days in which a different affiliate rule applies (a rule adopted, suspended)."""

    start: date = Field(alias="from")
    until: date | None = None
    affiliates: AffiliateRule
    confidence: Confidence = "high"
    """How sure we are that this affiliate rule applies in the window (low for a window that
    follows from a scheduled end of a suspension not yet confirmed); findings reached through
    an affiliate in the window carry it."""
    note: str | None = None
    """Shown with findings reached through an affiliate in the window."""


class ListSelector(Params):
    """Which entries of official list files (``--list``) the rule cares about."""

    list: str = Field(min_length=1)
    """The list as its reader names it: ``SDN``, ``NS-CMIC``, ``Entity List``, ``DPL``, ``UN``."""
    programme: str | None = None
    """Only entries under this sanctions programme (``CMIC-EO13959``); any when left out."""

    def selects(self, screened: Screened) -> bool:
        if screened.list_name.casefold() != self.list.casefold():
            return False
        return self.programme is None or self.programme in screened.programmes


class Uses(Params):
    """The uses a product restriction covers: any listed purpose or setting of the site."""

    purposes: tuple[Purpose, ...] = ()
    settings: tuple[SiteSetting, ...] = ()


class EssentialParts(Params):
    """Parts the source treats as essential to a kind of component (a cellular module is a
    cellular router's whole radio link): a finding through such a part is as sure as the
    part's own record, up to ``confidence``, not held at the rule's judgement-call cap."""

    kinds: tuple[PartKind, ...] = Field(min_length=1)
    """The part kinds that are essential."""
    products: tuple[ComponentKind, ...] = Field(min_length=1)
    """The kinds of component to which these parts are essential."""
    confidence: Confidence
    """At most this confidence for a finding through such a part."""
    note: str = Field(min_length=1)
    """Why the source makes these parts essential; shown with findings."""


class ContainedParts(Params):
    """Which parts inside a component (``Component.contains``) the rule follows to a listed
    maker: a HiSilicon SoC inside another maker's camera, a Huawei cellular module inside a
    router."""

    kinds: tuple[PartKind, ...] = Field(min_length=1)
    """The part kinds followed."""
    products: tuple[ComponentKind, ...] = ()
    """The kinds of component whose parts are followed; empty means any."""
    confidence: Confidence
    """At most this confidence for a finding through a contained part, as the source supports
    it (``low`` where whether a part makes the product covered is a judgement call: the
    finding is then an elevated risk, never a prohibition)."""
    note: str = Field(min_length=1)
    """Why the rule follows these parts, and how sure the source is; shown with findings."""
    only: bool = False
    """Follow contained parts only: the component's own maker is left to other rules."""
    essential: tuple[EssentialParts, ...] = ()
    """Parts essential to some kinds of component, followed at their own confidence (up to
    the entry's) instead of ``confidence``; the first entry that fits a part is used."""


class Binds(Params):
    """Whom the consequence legally binds: a buyer of one of these kinds, paid by one of these
    funding sources, or that is one of these curated entities; and, when given, only inside
    these jurisdictions. With only ``buyer_in`` given, every buyer there is bound."""

    buyer_kinds: tuple[BuyerKind, ...] = ()
    """Naming either central-government kind (``federal_agency``, ``national_government``)
    binds both (``model.buyer_kind_in``)."""
    funding: tuple[FundingSource, ...] = ()
    buyer_entities: tuple[EntityId, ...] = ()
    """Curated entities the consequence binds by name (the signatories of a contract); the
    buyer's name is matched against their names and aliases."""
    buyer_in: tuple[Jurisdiction, ...] = ()


class ListedEntityParams(Params):
    list: str = Field(min_length=1)
    """The list or law's name as shown in findings (``BIS Entity List``)."""
    entries: tuple[Entry, ...] = ()
    """The listed entities; may be empty only when ``producers_incorporated_in`` is given."""
    producers_incorporated_in: tuple[Jurisdiction, ...] = ()
    """Also cover products whose producer is incorporated in one of these jurisdictions, for
    measures that name no company but key on a state's hold over the maker. A producer that is
    only controlled by such a company counts with low confidence, since such measures rarely
    settle whether they reach foreign subsidiaries."""
    producers_outside: tuple[Jurisdiction, ...] = ()
    """Also cover products produced outside these jurisdictions (the FCC's "produced in a
    foreign country"), read from the component's ``produced_in``; a component whose place of
    production is not given is an unknown (the maker's seat is not where it produces)."""
    screen: tuple[ListSelector, ...] = ()
    """Also treat as listed the entries of official list files given with ``--list`` that a
    party's name, an owner's name or a brand matches; review-band names become unknowns."""
    affiliates: AffiliateRule = "named_only"
    affiliate_windows: tuple[AffiliateWindow, ...] = ()
    products: tuple[ComponentKind, ...] = ()
    """Component kinds covered; empty means any product."""
    capabilities: tuple[Capability, ...] = ()
    """Covered only when the component has one of these; empty means any."""
    uses: Uses | None = None
    """Covered only for these uses; left out means any use."""
    subjects: tuple[Literal["components", "parties"], ...] = ("components", "parties")
    """Check components (the maker behind each product) and/or the parties to the deal."""
    contained: ContainedParts | None = None
    """Also follow parts inside components to a listed maker; left out, parts are not
    followed."""
    contractors: bool = False
    """The consequence falls on the buyer's dealings with its contractors (NDAA FY2019
    § 889(a)(1)(B)): a listed party is checked only when the buyer contracts with it (a
    contracting role, a component it supplies, maintains or reaches remotely, a flow's
    destination it operates), is an unknown when its roles are not given, and is passed over
    when it only makes or owns; and a contractor that operates, for the deal, a component a
    listed entity produces is found too."""
    binds: Binds | None = None
    """Left out: the consequence binds every buyer in scope."""
    segments: tuple[NetworkSegment, ...] = ()
    """The parts of a telecom network the rule covers (a deadline for the core network alone);
    empty means any. A component whose ``network_segment`` is not given is an unknown for a
    rule that covers only some, never silently the stricter or the looser reading."""
    acquisitions: tuple[Acquisition, ...] = ()
    """The acquisitions the consequence binds (a ban on buying ``new`` equipment; a deadline
    that reaches ``installed`` equipment too); empty means every one. A component acquired
    otherwise is told ``unbound_outcome``; one whose acquisition is not given is an unknown
    for a rule that binds only some."""
    unbound_outcome: Literal["restricted", "elevated", "info", "none"] = "elevated"
    """What a buyer the consequence does not bind is told."""
    control_threshold: float = Field(default=0.5, gt=0.0, le=1.0)

    @model_validator(mode="after")
    def _windows_ordered(self) -> ListedEntityParams:
        by_seat = self.producers_incorporated_in or self.producers_outside
        if not self.entries and not by_seat and not self.screen:
            raise ValueError("give entries, producers_incorporated_in, producers_outside or screen")
        if self.producers_incorporated_in and self.producers_outside:
            raise ValueError("give producers_incorporated_in or producers_outside, not both")
        if self.contained is not None and by_seat:
            raise ValueError("contained parts are followed to listed entries, not by seat")
        if self.contained is not None and "components" not in self.subjects:
            raise ValueError('contained parts are followed only when subjects has "components"')
        for entry in self.entries:
            if entry.until is not None and entry.until < entry.start:
                raise ValueError(f"entry {entry.entity!r} ends {entry.until} before it starts")
        for window in self.affiliate_windows:
            if window.until is not None and window.until < window.start:
                raise ValueError(f"affiliate window ends {window.until} before it starts")
        return self

    def entity_refs(self) -> Iterator[tuple[str, str]]:
        for i, entry in enumerate(self.entries):
            yield f"entries[{i}].entity", entry.entity
        if self.binds is not None:
            for i, entity_id in enumerate(self.binds.buyer_entities):
                yield f"binds.buyer_entities[{i}]", entity_id

    def affiliate_window_on(self, day: date) -> AffiliateWindow | None:
        for window in self.affiliate_windows:
            if window.start <= day and (window.until is None or day <= window.until):
                return window
        return None
