"""The example plugin kind of docs/writing-a-kind.md (tests/example_kind/), registered the way
an installed package registers it: it fires, stays quiet, gives an unknown, and its findings
keep their fingerprints. The doc's code is the example's code."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from riskkit.engine import evaluate
from riskkit.errors import RiskkitError
from riskkit.kinds import registry
from riskkit.model.loading import procurement_from_dict
from riskkit.packs import RuleSet, load_packs
from riskkit.report import Report
from tests.conftest import ROOT
from tests.support.plugins import install

EXAMPLE = ROOT / "tests" / "example_kind"
PACKAGE = EXAMPLE / "riskkit_retention"
PACK = PACKAGE / "retention.toml"
DOC = ROOT / "docs" / "writing-a-kind.md"
RULE = "EX-RETENTION-NL"
DAY = date(2025, 6, 1)
BEFORE = date(2024, 12, 31)
"""The day before the example rule takes effect."""
SHORT = {"start": date(2024, 6, 1), "end": date(2024, 12, 31)}
"""A term that ends before the example rule takes effect."""


@pytest.fixture
def installed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The example installed for one test; the registry reads the entry points again before
    and after, so no other test sees the example kind."""
    install(tmp_path / "site", EXAMPLE, monkeypatch)
    registry.cache_clear()
    yield
    monkeypatch.undo()
    registry.cache_clear()


@pytest.fixture
def rules(installed: None) -> RuleSet:
    return load_packs([PACK], builtin=False, plugins=False)


def _procurement(term: dict[str, date] | None = None, **changes: Any) -> dict[str, Any]:
    """A Dutch city's cameras recording to a cloud, with ``changes`` to the flow."""
    return {
        "id": "cctv",
        "title": "City centre CCTV",
        "term": term or {"start": date(2024, 6, 1), "end": date(2027, 12, 31)},
        "buyer": {"name": "Gemeente", "kind": "local_government", "jurisdiction": "NL"},
        "sites": [{"id": "centre", "jurisdiction": "NL"}],
        "parties": [{"id": "host", "name": "Host B.V."}],
        "components": [{"id": "cam", "kind": "ip_camera", "site": "centre"}],
        "data_flows": [
            {
                "id": "rec",
                "from": "cam",
                "data": ["video"],
                "to": {"operator": "host", "location": "NL", "kind": "third_party_cloud"},
                **changes,
            }
        ],
    }


def _assess(rules: RuleSet, doc: dict[str, Any], day: date = DAY) -> Report:
    return evaluate(procurement_from_dict(doc), rules, day)


def _outcome(report: Report) -> str:
    """What the rule gave: a finding's outcome (``upcoming:`` before the rule takes effect,
    within the procurement's term), ``unknown`` or ``none``."""
    for f in report.findings:
        if f.rule_id == RULE:
            return f.outcome if f.status == "active" else f"upcoming:{f.outcome}"
    return "unknown" if any(u.rule_id == RULE for u in report.unknowns) else "none"


CASES = [
    ("kept longer than the limit", {"retention_days": 90}, DAY, "restricted"),
    ("kept within the limit", {"retention_days": 14}, DAY, "none"),
    ("kept exactly the limit", {"retention_days": 28}, DAY, "none"),
    ("retention not given", {}, DAY, "unknown"),
    ("data the rule does not cover", {"data": ["telemetry"], "retention_days": 90}, DAY, "none"),
    (
        "before the rule, for a term it reaches",
        {"retention_days": 90},
        BEFORE,
        "upcoming:restricted",
    ),
    (
        "before the rule, for a term ending first",
        {"retention_days": 90, "term": SHORT},
        BEFORE,
        "none",
    ),
]


@pytest.mark.parametrize(
    ("changes", "day", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_example_rule_case(
    rules: RuleSet, changes: dict[str, Any], day: date, expected: str
) -> None:
    assert _outcome(_assess(rules, _procurement(**changes), day)) == expected


def test_a_finding_binds_the_buyer_and_names_the_flow(rules: RuleSet) -> None:
    (finding,) = _assess(rules, _procurement(retention_days=90)).findings
    assert finding.binding and finding.subject == "data_flows[rec]"
    assert [(e.path, e.value) for e in finding.evidence] == [
        ("data_flows[rec].retention_days", "90")
    ]


def test_an_unknown_is_reported_as_an_unknown_not_a_finding(rules: RuleSet) -> None:
    report = _assess(rules, _procurement())
    assert report.findings == ()
    (unknown,) = [u for u in report.unknowns if u.rule_id == RULE]
    assert unknown.subject == "data_flows[rec]" and "retention_days" in unknown.explanation


def test_a_buyer_outside_the_scope_is_not_bound_though_its_data_goes_there(
    rules: RuleSet,
) -> None:
    doc = _procurement(retention_days=90)
    doc["buyer"]["jurisdiction"] = "BE"
    doc["sites"][0]["jurisdiction"] = "BE"
    assert rules.candidates(procurement_from_dict(doc))  # the engine looks at the rule ...
    assert _outcome(_assess(rules, doc)) == "none"  # ... and the kind says it does not apply


def test_the_fingerprint_is_stable_and_hashes_the_evidence_values(rules: RuleSet) -> None:
    def fingerprint(doc: dict[str, Any], day: date = DAY) -> str:
        (finding,) = _assess(rules, doc, day).findings
        return finding.fingerprint

    first = fingerprint(_procurement(retention_days=90))
    assert fingerprint(_procurement(retention_days=90)) == first
    assert fingerprint(_procurement(retention_days=90), date(2026, 3, 1)) == first
    renamed = _procurement(retention_days=90) | {"title": "Another title"}
    assert fingerprint(renamed) == first
    assert fingerprint(_procurement(retention_days=91)) != first


def test_the_registry_finds_the_kind_by_its_entry_point(installed: None) -> None:
    kind = registry()["data_retention_limit"]
    assert kind.name == "data_retention_limit"
    assert {"condition", "listed_entity"} <= set(registry())  # riskkit's own, the same way


def test_an_installed_package_offers_its_pack(installed: None) -> None:
    ruleset = load_packs(builtin=False)
    assert ruleset.rule(RULE).source == "plugin:retention:retention.toml"


def test_a_kind_registered_under_another_name_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = tmp_path / "project"
    (project / "misnamed").mkdir(parents=True)
    (project / "misnamed" / "__init__.py").write_text(
        "from riskkit_retention import KIND\n", "utf-8"
    )
    (project / "pyproject.toml").write_text(
        '[project]\nname = "misnamed"\nversion = "1"\n'
        '[project.entry-points."riskkit.kinds"]\nretention = "misnamed:KIND"\n',
        "utf-8",
    )
    monkeypatch.syspath_prepend(str(EXAMPLE))
    install(tmp_path / "site", project, monkeypatch)
    registry.cache_clear()
    try:
        with pytest.raises(RiskkitError, match="its name is 'data_retention_limit'"):
            registry()
    finally:
        monkeypatch.undo()
        registry.cache_clear()


def _blocks(language: str) -> list[str]:
    text = DOC.read_text("utf-8")
    return re.findall(rf"^```{language}\n(.*?)^```$", text, re.MULTILINE | re.DOTALL)


@pytest.mark.parametrize("path", ["riskkit_retention/__init__.py", "riskkit_retention/params.py"])
def test_the_doc_shows_the_example_code_as_it_is(path: str) -> None:
    assert (EXAMPLE / path).read_text("utf-8") in _blocks("python")


def test_the_doc_shows_the_example_pack_and_entry_points_as_they_are() -> None:
    assert PACK.read_text("utf-8") in _blocks("toml")
    entry_points = (EXAMPLE / "pyproject.toml").read_text("utf-8").split("\n\n")[-2:]
    assert "\n\n".join(entry_points) in _blocks("toml")


def test_the_example_imports_only_what_the_doc_names() -> None:
    doc = DOC.read_text("utf-8")
    for path in PACKAGE.glob("*.py"):
        for module in re.findall(
            r"^from (riskkit(?:\.[\w.]+)?) import", path.read_text("utf-8"), re.M
        ):
            assert f"`{module}`" in doc, f"{path.name} imports {module}, which the doc never names"
