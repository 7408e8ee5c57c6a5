"""The procurement: who buys what, where it runs, who supplies and owns it, where its data goes.

Every model is frozen and rejects unknown fields, so a typo can never silently drop a fact.
Optional facts left out are *unknown*, not *absent*: the rule kinds treat them as such.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator
from pydantic_core import InitErrorDetails, PydanticCustomError

from riskkit._support.spelling import did_you_mean
from riskkit.model.jurisdictions import Jurisdiction
from riskkit.model.vocabulary import Confidence

Identifier = Annotated[
    str,
    Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.\-]*$", min_length=1, max_length=80),
]
"""An id used for references inside one procurement file."""

Share = Annotated[float, Field(ge=0.0, le=1.0)]

BuyerKind = Literal[
    "federal_agency",
    "national_government",
    "state_agency",
    "local_government",
    "law_enforcement",
    "school",
    "university",
    "critical_infrastructure_operator",
    "telecom_operator",
    "private_business",
    "nonprofit",
]
CENTRAL_GOVERNMENT: frozenset[str] = frozenset({"federal_agency", "national_government"})
"""The buyer kinds that are a country's central government: ``federal_agency`` (a US federal
agency, or a department of another federation's central government) and
``national_government`` (a central government department anywhere else). The law treats them as
one: a rule that binds either binds both (:func:`buyer_kind_in`)."""


def buyer_kind_in(kind: str, bound: Iterable[str]) -> bool:
    """Whether a buyer of ``kind`` is among the buyer kinds ``bound`` a rule binds, central
    government counting as one kind (:data:`CENTRAL_GOVERNMENT`)."""
    wanted = set(bound)
    if kind in wanted:
        return True
    return kind in CENTRAL_GOVERNMENT and not CENTRAL_GOVERNMENT.isdisjoint(wanted)


FundingSource = Literal[
    "own_budget",
    "us_federal_grant",
    "us_federal_loan",
    "us_fcc_subsidy",
    "state_grant",
    "eu_funds",
    "national_grant",
    "private",
]
SiteSetting = Literal[
    "public_space",
    "public_accommodation",
    "government_facility",
    "sensitive_site",
    "school",
    "workplace",
    "transport_hub",
    "critical_infrastructure",
    "private_premises",
    "healthcare",
    "border",
]
Purpose = Literal[
    "public_safety",
    "law_enforcement",
    "national_security",
    "critical_infrastructure_protection",
    "government_facility_security",
    "traffic_management",
    "transport_operations",
    "access_control",
    "loss_prevention",
    "crowd_management",
    "workplace_safety",
    "education",
    "medical",
    "marketing_analytics",
    "telecommunications",
    "research",
]
PartyRole = Literal[
    "manufacturer",
    "reseller",
    "integrator",
    "cloud_provider",
    "operator",
    "maintainer",
    "software_vendor",
    "telecom_carrier",
    "owner",
]
ComponentKind = Literal[
    "ip_camera",
    "body_camera",
    "alpr_camera",
    "drone",
    "radio",
    "network_equipment",
    "router",
    "vms_platform",
    "analytics_software",
    "cloud_service",
    "storage",
    "access_control",
    "sensor",
    "server",
    "mobile_device",
    "cellular_modem",
]
Capability = Literal[
    "video",
    "audio",
    "thermal",
    "face_detection",
    "facial_recognition",
    "real_time_identification",
    "post_event_identification",
    "emotion_recognition",
    "biometric_categorisation",
    "untargeted_face_scraping",
    "gait_recognition",
    "alpr",
    "people_counting",
    "object_detection",
    "location_tracking",
    "telecommunications",
    "data_storage",
    "data_processing",
]
DataCategory = Literal[
    "video",
    "audio",
    "images",
    "biometric_templates",
    "biometric_matches",
    "licence_plates",
    "location",
    "metadata",
    "personal_data",
    "special_category_data",
    "telemetry",
    "logs",
    "communications_content",
]
DestinationKind = Literal[
    "on_premises",
    "buyer_cloud",
    "vendor_cloud",
    "third_party_cloud",
    "partner",
]
KeyHolder = Literal["buyer", "vendor", "operator", "third_party", "none"]
NetworkSegment = Literal["core", "access", "transport"]
"""Where in a telecom network a component sits: the ``core`` network, the radio ``access``
network, or the ``transport`` (backhaul) network. Rules that treat these apart (Germany's 2024
agreement: core by 2026, access and transport by 2029) read it."""
Acquisition = Literal["new", "installed", "renewal", "maintenance"]
"""How the buyer comes to have a component: bought ``new`` under this contract, already
``installed`` and kept in use, a ``renewal`` of a licence or subscription for it, or only its
``maintenance`` (repair, support, updates). Rules that treat these apart (a ban on buying new
equipment, a deadline to remove installed equipment) read it; left out, it is unknown."""
PartKind = Literal["soc", "chipset", "module", "cellular_module", "firmware", "software_library"]
"""What a contained part is: a system-on-chip, a chipset, a module, a cellular module, the
firmware, or a software library."""
AuthorisedUse = Literal[
    "victim_search",
    "missing_person_search",
    "imminent_threat_to_life",
    "terrorist_threat",
    "serious_crime_suspect",
    "violent_crime_investigation",
    "criminal_suspect_identification",
    "deceased_identification",
    "incapacitated_person_identification",
    "witness_identification",
    "human_trafficking_investigation",
    "child_sexual_abuse_investigation",
    "identity_verification",
    "crime_victim_identification",
    "trafficking_investigation",
    "online_recruiter_identification",
    "communication_assistance",
    "danger_to_self_or_others",
    "detained_person_identification",
    "undercover_officer_vetting",
    "identity_document_fraud_investigation",
    "concealed_identity_suspect",
]
"""Uses an authorised biometric deployment is put to, in words the laws' exceptions use:

- ``victim_search``: a targeted search for specific victims of abduction, trafficking in human
  beings or sexual exploitation (EU AI Act Art. 5(1)(h)(i));
- ``missing_person_search``: a search for a missing person (Art. 5(1)(h)(i)), a missing child
  included (King County's exception for the National Child Search Assistance Act);
- ``imminent_threat_to_life``: preventing a specific, substantial and imminent threat to life
  or physical safety (Art. 5(1)(h)(ii));
- ``terrorist_threat``: a genuine and present or foreseeable threat of a terrorist attack
  (Art. 5(1)(h)(ii));
- ``serious_crime_suspect``: locating or identifying a suspect of an offence listed in the AI
  Act's Annex II and punishable by at least four years (Art. 5(1)(h)(iii));
- ``violent_crime_investigation``: investigating a crime of violence on the list a law gives
  (the 39 violent crimes of New Orleans' 2022 ordinance);
- ``criminal_suspect_identification``: identifying a person suspected of a crime, on the
  standard the law sets (reasonable suspicion that the person committed a crime: Va. Code
  § 15.2-1723.2, authorised use (i));
- ``deceased_identification``, ``incapacitated_person_identification``,
  ``witness_identification``: identifying a dead person, a person unable to identify
  themselves, or a witness;
- ``human_trafficking_investigation``, ``child_sexual_abuse_investigation``: investigating
  these offences;
- ``crime_victim_identification``: identifying a victim of a crime, a victim shown in online
  sexual abuse material included (Va. authorised use (ii));
- ``trafficking_investigation``: identifying a person involved in trafficking humans, weapons,
  drugs or wildlife (Va. (iv); a victim of human trafficking is
  ``human_trafficking_investigation``);
- ``online_recruiter_identification``: identifying an online recruiter of criminal activity
  (Va. (v));
- ``communication_assistance``: helping a person whose mental or physical disability impairs
  their ability to communicate and be understood (Va. (vi));
- ``danger_to_self_or_others``: identifying a person reasonably believed to be a danger to
  themselves or others (Va. (ix));
- ``detained_person_identification``: identifying a person lawfully detained (Va. (x));
- ``undercover_officer_vetting``: officer safety in vetting undercover law enforcement
  (Va. (xii));
- ``identity_document_fraud_investigation``: finding whether a person obtained driver's
  licences, financial instruments or other official identification with fictitious
  information or information of an identity-theft victim (Va. (xiii));
- ``concealed_identity_suspect``: identifying a person an officer reasonably believes is
  concealing their identity (Va. (xiv); the text checked was cut short after these words, so
  its further conditions are not modelled);
- ``identity_verification``: one-to-one verification that a person is who they claim to be
  (not identification among many): the AI Act's verification outside Annex III point 1,
  unlocking a device under Portland's ch. 34.10.

A rule's exception lists the uses that meet it (``exceptions[].uses``); a component or data flow
states its own (``authorised_uses``), and an exception is met only by a stated use."""
MitigationKind = Literal[
    "customer_held_keys",
    "no_vendor_remote_access",
    "data_localisation",
    "network_segmentation",
    "firmware_review",
    "contractual_safeguards",
    "access_logging",
    "human_review",
    "feature_disabled",
]


class Fact(BaseModel):
    """Base of every input model: frozen, and unknown fields are errors."""

    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)


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
    kind: BuyerKind
    """What kind of organisation it is; rules bind by this."""
    jurisdiction: Jurisdiction
    """Where the buyer is constituted, as precisely as known (``US-OR:Portland``)."""
    funding: tuple[FundingSource, ...] = ()
    """Where the money comes from; federal grants bring federal conditions."""


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


class PartyIdentifier(Fact):
    scheme: str = Field(min_length=1)
    """The identifier scheme: ``uscc``, ``isin``, ``lei``, ``duns``, ``ticker``, ..."""
    value: str = Field(min_length=1)


class Ownership(Fact):
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

    def holds_on(self, day: date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_until is None or day <= self.valid_until
        )

    def controls(self, threshold: float = 0.5) -> bool:
        if self.control is not None:
            return self.control
        return self.share is not None and self.share >= threshold


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
    capabilities: tuple[Capability, ...] = ()
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


BUYER = "buyer"
"""The reserved party id that means the buyer itself (``to.operator = "buyer"``: the buyer's
own data centre); no party may use it as its id."""


class Destination(Fact):
    operator: Identifier
    """Id of the party operating the destination (the host for a cloud), or ``"buyer"`` for the
    buyer itself."""
    location: Jurisdiction
    """Where the data sits."""
    kind: DestinationKind
    component: Identifier | None = None
    """Id of the component that receives and processes the data (an analytics server, a cloud
    service fed by the cameras); left out when the data is only stored."""


class Encryption(Fact):
    in_transit: bool | None = None
    at_rest: bool | None = None
    keys_held_by: KeyHolder | None = None


class DataFlow(Fact):
    """Data leaving a component for somewhere it is stored or processed."""

    model_config = ConfigDict(populate_by_name=True)

    id: Identifier
    source: Identifier = Field(alias="from")
    """Id of the component the data comes from."""
    to: Destination
    data: tuple[DataCategory, ...] = Field(min_length=1)
    real_time: bool = False
    purposes: tuple[Purpose, ...] = ()
    """What the data is sent for; empty means the purposes of the component it comes from."""
    authorised_uses: tuple[AuthorisedUse, ...] = ()
    """The uses the data is restricted to where it goes; empty means none is stated."""
    encryption: Encryption | None = None
    retention_days: int | None = Field(default=None, ge=0)


class Mitigation(Fact):
    """A safeguard the buyer commits to; it lowers the likelihood of the risks it addresses."""

    id: Identifier
    kind: MitigationKind
    applies_to: tuple[Identifier, ...] = ()
    """Ids of components, flows or parties it covers; empty means the whole deployment."""
    description: str | None = None


class Authorisation(Fact):
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

    def holds_on(self, day: date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_until is None or day <= self.valid_until
        )


class Procurement(Fact):
    """A candidate deployment, as a procurement team describes it."""

    schema_version: Literal[1] = 1
    id: Identifier
    title: str = Field(min_length=1)
    term: Term
    buyer: Buyer
    sites: tuple[Site, ...] = ()
    parties: tuple[Party, ...] = ()
    components: tuple[Component, ...] = ()
    data_flows: tuple[DataFlow, ...] = ()
    mitigations: tuple[Mitigation, ...] = ()
    authorisations: tuple[Authorisation, ...] = ()

    @model_validator(mode="after")
    def _references_resolve(self) -> Procurement:
        errors = list(_reference_errors(self))
        if errors:
            raise ValidationError.from_exception_data("Procurement", errors)
        return self


def _index(items: tuple[Any, ...]) -> dict[str, Any]:
    return {item.id: item for item in items}


def _problem(loc: tuple[str | int, ...], value: object, message: str) -> InitErrorDetails:
    return {
        "type": PydanticCustomError("reference", message),
        "loc": loc,
        "input": value,
    }


def _reference_errors(p: Procurement) -> Iterator[InitErrorDetails]:
    groups: dict[str, tuple[Any, ...]] = {
        "sites": p.sites,
        "parties": p.parties,
        "components": p.components,
        "data_flows": p.data_flows,
        "mitigations": p.mitigations,
        "authorisations": p.authorisations,
    }
    for name, items in groups.items():
        seen: set[str] = set()
        for i, item in enumerate(items):
            if item.id in seen:
                yield _problem((name, i, "id"), item.id, f'duplicate id "{item.id}" in {name}')
            seen.add(item.id)

    parties, sites, components = _index(p.parties), _index(p.sites), _index(p.components)
    flows = _index(p.data_flows)

    def ref(
        loc: tuple[str | int, ...], value: str | None, table: dict[str, Any], what: str
    ) -> Iterator[InitErrorDetails]:
        if value is not None and value not in table:
            hint = did_you_mean(value, table)
            yield _problem(loc, value, f'no {what} with id "{value}"{hint}')

    for i, party in enumerate(p.parties):
        if party.id == BUYER:
            yield _problem(
                ("parties", i, "id"),
                party.id,
                f'"{BUYER}" is reserved for the buyer itself; give the party another id',
            )
        for j, owner in enumerate(party.owners):
            yield from ref(("parties", i, "owners", j, "party"), owner.party, parties, "party")
            if owner.party == party.id:
                yield _problem(
                    ("parties", i, "owners", j, "party"), owner.party, "a party cannot own itself"
                )
    for i, comp in enumerate(p.components):
        yield from ref(("components", i, "manufacturer"), comp.manufacturer, parties, "party")
        yield from ref(("components", i, "supplied_by"), comp.supplied_by, parties, "party")
        yield from ref(("components", i, "site"), comp.site, sites, "site")
        yield from ref(
            ("components", i, "firmware_updates_by"),
            comp.firmware_updates_by,
            {**parties, BUYER: None},
            'party (or "buyer")',
        )
        for j, who in enumerate(comp.remote_access or ()):
            yield from ref(("components", i, "remote_access", j), who, parties, "party")
        for j, part in enumerate(comp.contains):
            yield from ref(
                ("components", i, "contains", j, "manufacturer"),
                part.manufacturer,
                parties,
                "party",
            )
    operators = {**parties, BUYER: None}
    for i, flow in enumerate(p.data_flows):
        yield from ref(("data_flows", i, "from"), flow.source, components, "component")
        yield from ref(
            ("data_flows", i, "to", "operator"), flow.to.operator, operators, 'party (or "buyer")'
        )
        yield from ref(
            ("data_flows", i, "to", "component"), flow.to.component, components, "component"
        )
        if flow.to.component is not None and flow.to.component == flow.source:
            yield _problem(
                ("data_flows", i, "to", "component"),
                flow.to.component,
                "a flow cannot go from a component to itself",
            )
    everything = {**parties, **components, **flows, **sites}
    for i, mitigation in enumerate(p.mitigations):
        for j, target in enumerate(mitigation.applies_to):
            yield from ref(
                ("mitigations", i, "applies_to", j), target, everything, "component, flow or party"
            )
    for i, auth in enumerate(p.authorisations):
        for j, target in enumerate(auth.applies_to):
            yield from ref(("authorisations", i, "applies_to", j), target, components, "component")
    yield from _ownership_cycles(p)


def _cycle_text(cycle: list[str], shown: int = 12) -> str:
    """The chain of a cycle; one of thousands of links keeps its ends and counts the middle."""
    names = [f'"{c}"' for c in cycle]
    if len(names) > 2 * shown:
        names = [*names[:shown], f"... ({len(names) - 2 * shown} more) ...", *names[-shown:]]
    return " is owned by ".join(names)


def _ownership_cycles(p: Procurement) -> Iterator[InitErrorDetails]:
    """Report each ownership cycle once, as the chain of party ids that closes it."""
    owners = {party.id: [o.party for o in party.owners] for party in p.parties}
    position = {party.id: i for i, party in enumerate(p.parties)}
    state: dict[str, int] = {}  # 1 = on the current path, 2 = finished
    reported: set[frozenset[str]] = set()

    # Depth-first with an explicit stack: a register's chains run to thousands of links,
    # deeper than Python's recursion limit.
    for party in p.parties:
        if state.get(party.id) is not None:
            continue
        state[party.id] = 1
        path = [party.id]
        stack = [iter(owners[party.id])]
        while stack:
            node = path[-1]
            for nxt in stack[-1]:
                if nxt not in owners or nxt == node:
                    continue
                if state.get(nxt) == 1:
                    cycle = [*path[path.index(nxt) :], nxt]
                    key = frozenset(cycle)
                    if key not in reported:
                        reported.add(key)
                        chain = _cycle_text(cycle)
                        yield _problem(
                            ("parties", position[node], "owners"),
                            nxt,
                            f"ownership cycle: {chain}; ownership must form a tree or a DAG",
                        )
                elif state.get(nxt) is None:
                    state[nxt] = 1
                    path.append(nxt)
                    stack.append(iter(owners[nxt]))
                    break
            else:
                stack.pop()
                state[path.pop()] = 2
