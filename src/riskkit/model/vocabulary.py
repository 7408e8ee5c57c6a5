"""The words every stage shares: what a procurement may say, and what a rule may answer.

One definition each, imported by the model, the rule packs, the kinds, scoring, what-if and the
formats: the procurement's vocabulary (buyer kinds, capabilities, data categories, purposes,
mitigations, ...), the biometric capabilities and data, and the rules' outcomes, severities,
confidences and legal gates.

The optional compiled build compiles this module (docs/compiled-build.md): the confidence
helpers are asked of every ownership chain a finding may show. It holds no pydantic model.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from typing import Final, Literal

# What a procurement may say

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
CENTRAL_GOVERNMENT: Final[frozenset[str]] = frozenset({"federal_agency", "national_government"})
"""The buyer kinds that are a country's central government: ``federal_agency`` (a US federal
agency, or a department of another federation's central government) and
``national_government`` (a central government department anywhere else). The law treats them as
one: a rule that binds either binds both (:func:`buyer_kind_in`)."""


def buyer_kind_in(kind: str | None, bound: Iterable[str]) -> bool:
    """Whether a buyer of ``kind`` is among the buyer kinds ``bound`` a rule binds, central
    government counting as one kind (:data:`CENTRAL_GOVERNMENT`); never for an unknown kind,
    which callers must report as an unknown rather than read as not bound."""
    if kind is None:
        return False
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


BIOMETRIC_CAPABILITIES: Final[frozenset[str]] = frozenset(
    {
        "face_detection",
        "facial_recognition",
        "real_time_identification",
        "post_event_identification",
        "emotion_recognition",
        "biometric_categorisation",
        "untargeted_face_scraping",
        "gait_recognition",
    }
)
"""The capabilities that process people's biometric features: a component left with none of
them sends no biometric data."""
MAY_BE_BIOMETRIC: Final[frozenset[str]] = frozenset(
    {
        "ip_camera",
        "body_camera",
        "alpr_camera",
        "drone",
        "vms_platform",
        "analytics_software",
        "cloud_service",
        "access_control",
        "mobile_device",
        "server",
    }
)
"""The component kinds that may carry biometric functions (they take in images or video, or run
software that does): one whose capabilities are not given may have them."""
BIOMETRIC_DATA: Final[frozenset[str]] = frozenset({"biometric_templates", "biometric_matches"})
"""The data categories that are biometric data."""

# What a rule may answer

Outcome = Literal["prohibited", "prohibited_unless_exception", "restricted", "elevated", "info"]
"""What a rule says of a deployment it reaches, strongest first."""
Severity = Literal["info", "low", "medium", "high", "critical"]
Confidence = Literal["high", "medium", "low"]
"""How sure a fact, a rule or a finding is."""

OUTCOME_ORDER: Final[dict[str, int]] = {
    "info": 0,
    "elevated": 1,
    "restricted": 2,
    "prohibited_unless_exception": 3,
    "prohibited": 4,
}
SEVERITY_IMPACT: Final[dict[str, int]] = {
    "info": 1,
    "low": 2,
    "medium": 3,
    "high": 4,
    "critical": 5,
}

GATE_OUTCOMES: Final[tuple[str, ...]] = ("prohibited", "prohibited_unless_exception", "restricted")
"""The outcomes that, when they bind the buyer, decide the verdict by law: no score lowers
them and no waiver lifts them. A finding binds only with one of these (:func:`binds`)."""

CONFIDENCE_RANK: Final[dict[str, int]] = {"low": 0, "medium": 1, "high": 2}


def binds(outcome: str, bound: bool) -> bool:
    """Whether a finding with ``outcome`` binds the buyer: the rule's law reaches the buyer
    (``bound``) and the outcome is a legal gate."""
    return bound and outcome in GATE_OUTCOMES


def weakest(confidences: Collection[str]) -> str:
    """The lowest of the confidences given ('high' when none). Two membership tests rather
    than a keyed ``min``: it is asked of every ownership chain a finding may show."""
    if "low" in confidences:
        return "low"
    return "medium" if "medium" in confidences else "high"


def weaker(a: str, b: str) -> str:
    """The lower of two confidences (``a`` on a tie): ``weakest`` for the hot two-value case."""
    return a if CONFIDENCE_RANK[a] <= CONFIDENCE_RANK[b] else b
