"""The engine over time: as-of findings, upcoming ones, and ones that stop within the term."""

from __future__ import annotations

import gc
import hashlib
from datetime import date

from riskkit import assess
from riskkit.kinds.context import Context
from riskkit.model import Mitigation
from riskkit.model.loading import load_procurement
from riskkit.packs import RuleSet
from riskkit.report import Finding, Report
from tests.conftest import EXAMPLES

PORTLAND = EXAMPLES / "portland-retailer-entrance-cameras.toml"


def _ban(report: Report) -> list[Finding]:
    return [f for f in report.findings if f.rule_id == "BB-US-OR-PORTLAND-PRIVATE"]


def test_a_rule_starting_later_in_the_term_gives_an_upcoming_finding(rules: RuleSet) -> None:
    report = assess(PORTLAND, as_of=date(2020, 12, 31), packs=rules)
    (finding,) = _ban(report)
    assert finding.status == "upcoming"
    assert finding.applies_from == date(2021, 1, 1)
    assert report.verdict != "prohibited"
    assert report.term_verdict == "prohibited"
    assert report.scores.upcoming >= 1


def test_on_its_first_day_the_rule_is_active(rules: RuleSet) -> None:
    report = assess(PORTLAND, as_of=date(2021, 1, 1), packs=rules)
    (finding,) = _ban(report)
    assert finding.status == "active" and finding.applies_from == date(2021, 1, 1)
    assert report.verdict == "prohibited"


def test_a_rule_ending_within_the_term_says_until_when(rules: RuleSet) -> None:
    from riskkit.model.loading import procurement_from_dict
    from tests.support.rule_cases import bases

    doc = bases()["us_city"]
    doc["buyer"] = {**doc["buyer"], "kind": "law_enforcement", "jurisdiction": "US-CA:Oakland"}
    doc["components"][0] = {**doc["components"][0], "kind": "body_camera",
                            "capabilities": ["video", "facial_recognition"]}  # fmt: skip
    report = assess(procurement_from_dict(doc), as_of=date(2022, 6, 1), packs=rules)
    (finding,) = [f for f in report.findings if f.rule_id == "BB-US-CA-AB1215"]
    assert finding.applies_until == date(2022, 12, 31)


def test_coverage_counts_rules_in_scope_and_applicable(rules: RuleSet) -> None:
    report = assess(PORTLAND, as_of=date(2026, 11, 26), packs=rules)
    c = report.coverage
    assert c.rules_loaded == len(rules.rules)
    assert 0 < c.rules_applicable <= c.rules_in_force <= c.rules_in_scope <= c.rules_loaded
    # Rules only for places this deployment never touches are not even looked at.
    candidates = rules.candidates(load_procurement(PORTLAND))
    assert candidates and all(not r.id.startswith("BB-EU-") for r in candidates)


def test_a_state_or_city_rule_is_looked_at_only_for_deployments_inside_it(
    rules: RuleSet,
) -> None:
    from riskkit.model.loading import procurement_from_dict
    from tests.support.rule_cases import bases

    def candidates(buyer: str, vendor_seat: str = "US-DE") -> set[str]:
        doc = bases()["us_city"]
        doc["buyer"] = {**doc["buyer"], "jurisdiction": buyer}
        doc["sites"] = [{**site, "jurisdiction": buyer} for site in doc["sites"]]
        doc["parties"] = [{**party, "incorporated_in": vendor_seat} for party in doc["parties"]]
        return {r.id for r in rules.candidates(procurement_from_dict(doc))}

    springfield = candidates("US-IL:Springfield")
    assert "BB-US-IL-BIPA" in springfield  # the state's law, for a city inside the state
    assert "BB-US-CA-SF-2019" not in springfield and "BB-US-CA-AB1215" not in springfield
    assert "LE-US-NDAA889-A1A-VIDEO" in springfield  # federal law, anywhere in the country
    assert {"BB-US-CA-SF-2019", "BB-US-CA-AB1215"} <= candidates("US-CA:San Francisco")
    assert "BB-US-CA-OAKLAND-2019" not in candidates("US-CA:San Francisco")
    # A party seated in the state brings the state's law in, not its cities' ordinances.
    with_ca_vendor = candidates("US-IL:Springfield", vendor_seat="US-CA")
    assert "BB-US-CA-AB1215" in with_ca_vendor and "BB-US-CA-SF-2019" not in with_ca_vendor


def test_provenance_records_what_the_report_was_computed_from(rules: RuleSet) -> None:
    report = assess(PORTLAND, as_of=date(2026, 11, 26), packs=rules)
    p = report.provenance
    assert p.as_of == date(2026, 11, 26)
    assert {pack.id for pack in p.packs} == {pack.info.id for pack in rules.packs}
    assert all(pack.digest.startswith("sha256:") for pack in p.packs)
    assert p.procurement_digest.startswith("sha256:")
    assert "elevated_threshold" in p.scoring


def test_mitigations_lower_residual_but_not_inherent_risk(rules: RuleSet) -> None:
    base = load_procurement(PORTLAND)
    keys = Mitigation(id="keys", kind="no_vendor_remote_access")
    mitigated = base.model_copy(update={"mitigations": (keys,)})
    before = assess(base, as_of=date(2026, 11, 26), packs=rules)
    after = assess(mitigated, as_of=date(2026, 11, 26), packs=rules)
    nil_before = next(f for f in before.findings if f.rule_id == "CA-CN-NIL")
    nil_after = next(f for f in after.findings if f.rule_id == "CA-CN-NIL")
    assert nil_after.inherent_score == nil_before.inherent_score
    assert nil_after.residual_score < nil_before.residual_score
    assert nil_after.mitigations_applied == ("no_vendor_remote_access",)
    assert after.verdict == "prohibited"  # a binding ban is a gate mitigations cannot open


def test_an_authorisation_later_in_the_term_opens_a_new_span_with_its_outcome(
    rules: RuleSet,
) -> None:
    from riskkit.model import Authorisation
    from riskkit.model.loading import load_procurement

    station = load_procurement(EXAMPLES / "eu-station-realtime-face-recognition.toml")
    order = Authorisation(
        id="order", rule="BB-EU-AIA-5-1-H", exception="targeted_victim_search",
        reference="court order", valid_from=date(2027, 3, 1),
    )  # fmt: skip
    # the order meets the exception only for a use it allows, stated on the components
    components = tuple(
        c.model_copy(update={"authorised_uses": ("victim_search",)}) for c in station.components
    )
    report = assess(
        station.model_copy(update={"authorisations": (order,), "components": components}),
        as_of=date(2026, 11, 26),
        packs=rules,
    )
    spans = sorted(
        (f.applies_from, f.applies_until, f.outcome, f.status)
        for f in report.findings
        if f.rule_id == "BB-EU-AIA-5-1-H"
    )
    assert spans == [
        (date(2025, 2, 2), date(2027, 2, 28), "prohibited", "active"),
        (date(2027, 3, 1), None, "prohibited_unless_exception", "upcoming"),
    ]


def _types(model: object) -> dict[str, type]:
    return {name: type(value) for name, value in vars(model).items()}


def test_assembled_report_models_are_what_validation_gives(rules: RuleSet) -> None:
    """The engine builds its report models without validating them; each must equal, field for
    field and type for type, the model validation makes of the same data."""
    from riskkit.report import Unknown

    for path in sorted(EXAMPLES.glob("*.toml")):
        for as_of in (date(2020, 6, 1), date(2026, 11, 26)):
            report = assess(path, as_of=as_of, packs=rules)
            validated = Report.model_validate_json(report.to_json())
            assert validated == report
            for part in ("scores", "coverage", "provenance"):
                assert _types(getattr(validated, part)) == _types(getattr(report, part))
            assert _types(validated) == _types(report)
            for model in (*report.findings, *report.unknowns):
                cls = type(model)
                assert cls in (Finding, Unknown)
                checked = cls.model_validate(model.model_dump())
                assert checked == model and _types(checked) == _types(model), path.name
                for item, checked_item in zip(model.evidence, checked.evidence, strict=True):
                    assert _types(item) == _types(checked_item)


def test_a_context_on_another_day_shares_its_lookups_and_memo(rules: RuleSet) -> None:
    procurement = load_procurement(EXAMPLES / "us-police-cctv-federal-grant.toml")
    ctx = Context.build(procurement, date(2026, 1, 1), rules.entities)
    later = ctx.on(date(2027, 1, 1))
    assert later.day == date(2027, 1, 1) and ctx.day == date(2026, 1, 1)
    assert later.procurement is procurement and later.entities is ctx.entities
    assert later.parties is ctx.parties and later.components is ctx.components
    assert later.sites is ctx.sites and later.flows_from is ctx.flows_from
    assert later.memo is ctx.memo


def test_an_assessment_leaves_nothing_for_the_cycle_collector(rules: RuleSet) -> None:
    # A reference cycle through the context (a table in its memo holding it, a closure that
    # calls itself) would keep every assessment's working data alive until the cycle
    # collector ran, which then took up to a third of the time of a run of assessments.
    for path in sorted(EXAMPLES.glob("*.toml")):
        procurement = load_procurement(path)
        assess(procurement, as_of=date(2026, 11, 26), packs=rules)  # warm the loaded caches
        gc.collect()
        gc.disable()
        try:
            assess(procurement.model_copy(), as_of=date(2026, 11, 26), packs=rules)
            assert gc.collect() == 0, path.name
        finally:
            gc.enable()


def test_a_finding_lists_at_most_max_evidence_items_and_counts_the_rest(rules: RuleSet) -> None:
    from bench._generate import city_cameras

    from riskkit.engine.findings import MAX_EVIDENCE
    from riskkit.model.loading import procurement_from_dict
    from riskkit.report import fingerprint_text

    report = assess(procurement_from_dict(city_cameras(300)), as_of=date(2026, 6, 1), packs=rules)
    party = [f for f in report.findings if f.subject == "parties[hik]"]
    assert party, "the maker reaches every camera: a compelled-access finding on the party"
    for finding in report.findings:
        assert len(finding.evidence) <= MAX_EVIDENCE + 1
    long = [f for f in party if len(f.evidence) == MAX_EVIDENCE + 1]
    assert long, "300 cameras give more routes than a finding lists"
    last = long[0].evidence[-1]
    assert last.path == "evidence" and last.value.endswith(" more")
    count = int(last.value.split()[0])
    assert count >= 300 - MAX_EVIDENCE
    # the fingerprint hashes what is listed, so the report alone re-derives it
    f = long[0]
    text = fingerprint_text(
        f"{f.rule_id}\0{f.pack_version}\0",
        f.subject,
        [(e.path, e.value, e.note) for e in f.evidence],
    )
    assert hashlib.sha256(text).hexdigest()[:16] == f.fingerprint


def _va_police_face_search() -> dict[str, object]:
    place = "US-VA:Chesterfield County"
    return {
        "id": "va",
        "title": "police face search",
        "term": {"start": date(2021, 1, 1), "end": date(2023, 12, 31)},
        "buyer": {"name": "County police", "kind": "law_enforcement", "jurisdiction": place},
        "sites": [{"id": "s", "jurisdiction": place, "purposes": ["law_enforcement"]}],
        "parties": [{"id": "v", "name": "Vendor Inc.", "incorporated_in": "US-DE"}],
        "components": [
            {
                "id": "fr",
                "kind": "analytics_software",
                "manufacturer": "v",
                "site": "s",
                "capabilities": ["facial_recognition", "post_event_identification"],
                "acquisition": "new",
                "remote_access": [],
                "firmware_updates_by": "v",
            }
        ],
    }


def test_an_unknown_from_a_rule_not_yet_in_force_is_upcoming_not_open_today(
    rules: RuleSet,
) -> None:
    """Virginia SB 741 takes effect on 2022-07-01: what it would need to know is a question for
    the term, not for a day on which no Virginia law limits the use."""
    from riskkit.model.loading import procurement_from_dict

    p = procurement_from_dict(_va_police_face_search())
    report = assess(p, as_of=date(2021, 3, 1), packs=rules)
    (sb741,) = [u for u in report.unknowns if u.rule_id == "BB-US-VA-SB741"]
    assert sb741.upcoming_from == date(2022, 7, 1)
    assert all(u.upcoming_from is not None for u in report.unknowns)
    assert report.verdict == "acceptable"
    assert report.term_verdict == "prohibited"  # HB 2031, 2021-07-01 to 2022-06-30
    later = assess(p, as_of=date(2022, 7, 1), packs=rules)
    (now,) = [u for u in later.unknowns if u.rule_id == "BB-US-VA-SB741"]
    assert now.upcoming_from is None
    assert later.verdict == "needs_review"
