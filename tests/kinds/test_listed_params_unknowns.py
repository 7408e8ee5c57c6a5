"""A listed-entity rule that a pack narrows (by capability, network segment, use, acquisition)
never passes a component it covers once one of the facts it narrows by is left out: what was a
finding stays a finding or becomes an unknown, never nothing.

The analyst properties leave facts out of deals assessed against the shipped packs; this one
draws the pack's rule too, so that narrowings no shipped rule combines are covered (the first
run of the idea found that a rule on capabilities passed a component whose capabilities were
left out, 2026-12-07)."""

from __future__ import annotations

import copy
import os
import tempfile
from datetime import date
from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from riskkit.packs import RuleSet
from tests.kinds.test_kind_listed_entity import NAMED, _assess, _procurement, _rules

NARROWINGS = {
    "capabilities": 'capabilities = ["facial_recognition"]',
    "segments": 'segments = ["core"]',
    "uses": 'uses = { purposes = ["law_enforcement"] }',
    "acquisitions": 'acquisitions = ["new"]\nunbound_outcome = "info"',
    "products": 'products = ["ip_camera", "body_camera"]',
}
_PACKS: dict[tuple[str, ...], RuleSet] = {}
DEEP = int(os.environ.get("RISKKIT_DEEP_EXAMPLES", "0") or 0)
"""As in ``test_analyst_properties``: ``RISKKIT_DEEP_EXAMPLES=N`` runs ``N`` fresh examples."""


def _pack(narrowed: tuple[str, ...]) -> RuleSet:
    """The rule narrowed as ``narrowed`` says (loaded once per combination)."""
    if narrowed not in _PACKS:
        params = "\n".join(
            [NAMED, 'affiliates = "majority_owned"', 'subjects = ["components"]']
            + [NARROWINGS[name] for name in narrowed]
        )
        with tempfile.TemporaryDirectory() as folder:
            _PACKS[narrowed] = _rules(Path(folder), {"id": "N", "params": params})
    return _PACKS[narrowed]


@st.composite
def deals(draw: st.DrawFn) -> dict[str, Any]:
    """A federal agency's camera by the listed maker or by a company it holds, with the facts
    the narrowings read drawn (each given or not)."""
    camera: dict[str, Any] = {"id": "cam", "kind": draw(st.sampled_from(["ip_camera", "router"])),
                              "manufacturer": "maker", "site": "s"}  # fmt: skip
    if draw(st.booleans()):
        camera["capabilities"] = draw(st.sampled_from([["video", "facial_recognition"], ["video"]]))
    if draw(st.booleans()):
        camera["network_segment"] = draw(st.sampled_from(["core", "access"]))
    if draw(st.booleans()):
        camera["acquisition"] = draw(st.sampled_from(["new", "installed"]))
    site: dict[str, Any] = {"id": "s", "jurisdiction": "US-DC"}
    if draw(st.booleans()):
        site["purposes"] = [draw(st.sampled_from(["law_enforcement", "traffic_management"]))]
    if draw(st.booleans()):
        maker: dict[str, Any] = {"id": "maker", "name": "Listed Camera Co., Ltd.",
                                 "incorporated_in": "CN"}  # fmt: skip
        parties = [maker]
    else:
        holding: dict[str, Any] = {"party": "listed"}
        if draw(st.booleans()):
            holding["share"] = draw(st.sampled_from([0.3, 0.6]))
        maker = {"id": "maker", "name": "Neutral Maker Inc.", "incorporated_in": "US-DE",
                 "owners": [holding]}  # fmt: skip
        parties = [maker, {"id": "listed", "name": "Listed Camera Co., Ltd.", "roles": ["owner"]}]
    return _procurement(sites=[site], parties=parties, components=[camera])


def _removable(doc: dict[str, Any]) -> list[tuple[str, str]]:
    camera, site, maker = doc["components"][0], doc["sites"][0], doc["parties"][0]
    found = [("components", key) for key in ("capabilities", "network_segment", "acquisition")
             if key in camera]  # fmt: skip
    if "purposes" in site:
        found.append(("sites", "purposes"))
    if "share" in maker.get("owners", [{}])[0]:
        found.append(("parties", "share"))
    return found


def _without(doc: dict[str, Any], fact: tuple[str, str]) -> dict[str, Any]:
    doc = copy.deepcopy(doc)
    section, key = fact
    holder = doc[section][0]
    if section == "parties":
        holder = holder["owners"][0]
    del holder[key]
    return doc


def _answer(rules: RuleSet, doc: dict[str, Any]) -> str:
    """What the rule says of the camera: a finding's outcome, ``unknown``, or ``none``."""
    report = _assess(rules, doc, date(2024, 6, 1))
    for finding in report.findings:
        if finding.rule_id == "T-N" and "components[cam]" in finding.subjects:
            return finding.outcome
    if any(u.rule_id == "T-N" and u.subject == "components[cam]" for u in report.unknowns):
        return "unknown"
    return "none"


@settings(max_examples=DEEP or 120, deadline=None, derandomize=not DEEP)
@given(st.sets(st.sampled_from(sorted(NARROWINGS))).map(lambda s: tuple(sorted(s))), deals())
def test_leaving_out_a_fact_a_narrowed_rule_reads_never_passes_the_component(
    narrowed: tuple[str, ...], doc: dict[str, Any]
) -> None:
    rules = _pack(narrowed)
    full = _answer(rules, doc)
    if full == "none":
        return
    for fact in _removable(doc):
        assert _answer(rules, _without(doc, fact)) != "none", (narrowed, fact, full)
