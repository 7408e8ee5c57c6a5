"""Benchmark: assessments per second, growth with components, cost of out-of-scope rules.

Run from the repository root:  python bench/assess.py
Prints figures; asserts nothing. Single process, single thread.
"""

from __future__ import annotations

import importlib
import importlib.machinery
import statistics
import sys
import tempfile
import time
import tomllib
from datetime import date
from pathlib import Path
from typing import Any

import attrs

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # for tests.support

from tests.support.compiled import compiled_module_names

from riskkit.engine import evaluate
from riskkit.model import Procurement
from riskkit.model.loading import procurement_from_dict
from riskkit.packs import RuleSet, builtin_pack_paths, load_packs

AS_OF = date(2026, 11, 26)
# Countries the reference procurement never touches, for the out-of-scope rule copies.
ELSEWHERE = ["JP", "KR", "BR", "ZA", "MX", "AR", "NG", "KE", "TH", "VN", "ID", "TR", "EG",
             "SA", "AE", "NZ", "CL", "CO", "PE", "MA"]  # fmt: skip

PARTIES = [
    {"id": "hik", "name": "Hangzhou Hikvision Digital Technology Co., Ltd.",
     "incorporated_in": "CN", "roles": ["manufacturer"]},
    {"id": "dahua", "name": "Zhejiang Dahua Technology Co., Ltd.", "incorporated_in": "CN"},
    {"id": "integrator", "name": "Prairie Integrators LLC", "incorporated_in": "US-IL",
     "roles": ["integrator"]},
    {"id": "vendor-de", "name": "Beispiel Analytics GmbH", "incorporated_in": "DE"},
    {"id": "cloud-eu", "name": "Nimbus Cloud EU SARL", "incorporated_in": "LU",
     "owners": [{"party": "cloud-us", "share": 1.0}]},
    {"id": "cloud-us", "name": "Nimbus Cloud Inc.", "incorporated_in": "US-WA"},
    {"id": "lorex", "name": "Lorex Technology Inc.", "incorporated_in": "CA"},
    {"id": "radio", "name": "Hytera Communications Corporation Limited", "incorporated_in": "CN"},
]  # fmt: skip
KINDS = ["ip_camera", "ip_camera", "body_camera", "alpr_camera", "radio", "storage",
         "analytics_software", "network_equipment", "vms_platform", "cloud_service"]  # fmt: skip
MAKERS = ["hik", "dahua", "vendor-de", "lorex", "radio", "integrator", "cloud-eu"]
CAPS = [["video"], ["video", "facial_recognition"], ["video", "alpr"],
        ["video", "real_time_identification"], ["audio"]]  # fmt: skip


MIXED_MAKERS = ["vendor-de", "integrator", "vendor-de", "integrator", "cloud-eu", "vendor-de",
                "hik", "integrator", "vendor-de", "lorex"]  # fmt: skip


def reference(components: int = 20, flows: int = 10, *, stress: bool = False) -> Procurement:
    """20 components, 10 flows, 8 parties. The default mixes a few risky makers among
    ordinary ones, as a real bid does; ``stress`` makes nearly every component risky."""
    makers = MAKERS if stress else MIXED_MAKERS
    comps = [
        {
            "id": f"c{i}",
            "kind": KINDS[i % len(KINDS)],
            "manufacturer": makers[i % len(makers)],
            "brand": ["HiWatch", None, "Lorex", None][i % 4] if stress else None,
            "quantity": 1 + i % 7,
            "site": f"s{i % 2}",
            "capabilities": CAPS[i % len(CAPS)],
            "remote_access": [["integrator"], ["hik"] if stress else [], []][i % 3],
            "firmware_updates_by": makers[(i + 1) % len(makers)],
        }
        for i in range(components)
    ]
    for comp in comps:
        if comp["brand"] is None:
            del comp["brand"]
    data_flows = [
        {
            "id": f"f{i}",
            "from": f"c{(i * 3) % components}",
            "to": {
                "operator": ["cloud-eu", "integrator", "hik"][i % 3],
                "location": ["IE", "US-IL:Springfield", "CN"][i % 3],
                "kind": ["third_party_cloud", "on_premises", "vendor_cloud"][i % 3],
            },
            "data": [["video"], ["video", "biometric_templates"], ["licence_plates"]][i % 3],
            "encryption": {"at_rest": True, "keys_held_by": ["buyer", "vendor"][i % 2]},
        }
        for i in range(flows)
    ]
    doc: dict[str, Any] = {
        "id": "bench-reference",
        "title": "Reference procurement",
        "term": {"start": date(2026, 1, 1), "end": date(2030, 12, 31)},
        "buyer": {"name": "City", "kind": "law_enforcement",
                  "jurisdiction": "US-IL:Springfield", "funding": ["us_federal_grant"]},
        "sites": [
            {"id": "s0", "jurisdiction": "US-IL:Springfield", "settings": ["public_space"],
             "purposes": ["public_safety"]},
            {"id": "s1", "jurisdiction": "US-IL:Springfield",
             "settings": ["government_facility"], "purposes": ["government_facility_security"]},
        ],
        "parties": PARTIES,
        "components": comps,
        "data_flows": data_flows,
        "mitigations": [{"id": "m", "kind": "network_segmentation"}],
    }  # fmt: skip
    return procurement_from_dict(doc)


@attrs.frozen
class Rate:
    best: float
    """Assessments per CPU second in the least disturbed round: the figure to compare."""
    median: float
    """In the median round, to show how much the machine disturbed the others."""


def per_second(
    procurement: Procurement, rules: RuleSet, seconds: float = 2.0, *, fresh: bool = True
) -> Rate:
    """Assessments per second of this process's CPU time, over short rounds of about 0.1 s.

    The machine may be shared (a 2-core VM whose neighbours come and go), so the best round,
    the one least disturbed by others, is the figure; the median says how noisy it was. Each
    round is timed as a whole: reading the CPU clock is a system call here, too slow to time
    single assessments.

    With ``fresh`` (the default), every assessment gets a procurement object it has not seen
    (a shallow copy, made before the round is timed), so nothing riskkit derives from a
    procurement and keeps with it (its digest, the places it touches) is reused: each
    assessment costs what a one-off ``riskkit assess`` pays. What is kept with the rule set
    (the rules in force on a day for a set of places) is reused, as in any batch.
    """
    (rate,) = rates(procurement, [rules], seconds, fresh=fresh)
    return rate


def rates(
    procurement: Procurement,
    rule_sets: list[RuleSet],
    seconds: float = 2.0,
    *,
    fresh: bool = True,
) -> list[Rate]:
    """:func:`per_second` for several rule sets, their rounds taken in turn, so that a quiet
    or a busy spell of the machine falls on all of them alike."""
    batches = []
    for rules in rule_sets:
        evaluate(procurement, rules, AS_OF)
        start = time.process_time()
        evaluate(procurement, rules, AS_OF)
        once = max(time.process_time() - start, 1e-5)
        batches.append((rules, max(1, round(0.1 / once)), once))
    count = max(5, round(seconds / sum(batch * once for _, batch, once in batches)))
    times: list[list[float]] = [[] for _ in rule_sets]
    for _ in range(count):
        for (rules, batch, _), spent in zip(batches, times, strict=True):
            subjects = [procurement.model_copy() if fresh else procurement for _ in range(batch)]
            start = time.process_time()
            for subject in subjects:
                evaluate(subject, rules, AS_OF)
            spent.append((time.process_time() - start) / batch)
    return [Rate(best=1 / min(t), median=1 / statistics.median(t)) for t in times]


def out_of_scope_pack(copies: int, directory: Path) -> Path:
    """The shipped rules copied ``copies`` times each, scoped to countries not touched (the
    listed-entity copies telling buyers outside their scope nothing)."""
    lines = ['[pack]\nid = "bench-elsewhere"\nversion = "0"\ntitle = "Out-of-scope copies"\n']

    for path in builtin_pack_paths():
        for rule in tomllib.loads(path.read_text("utf-8")).get("rules", []):
            for k in range(copies):
                clone = dict(rule)
                clone["id"] = f"{rule['id']}-X{k}"
                place = ELSEWHERE[(k + len(rule["id"])) % len(ELSEWHERE)]
                clone["scope"] = [place]
                clone["params"] = _rescoped(rule.get("params", {}), place)
                if rule["kind"] == "listed_entity":
                    # A listed-entity rule that tells unbound buyers something speaks to every
                    # deployment (a listed maker is a risk wherever the data goes): only one
                    # that tells them nothing is out of scope elsewhere.
                    clone["params"] = {**clone["params"], "unbound_outcome": "none"}
                lines.append("[[rules]]\n" + _toml_table(clone))
    out = directory / "elsewhere.toml"
    out.write_text("\n".join(lines), encoding="utf-8")
    return out


def _rescoped(value: Any, place: str) -> Any:
    """Params with every nested ``scope`` moved to ``place`` too (conflict-of-laws rules)."""
    if isinstance(value, dict):
        return {k: [place] if k == "scope" else _rescoped(v, place) for k, v in value.items()}
    if isinstance(value, list):
        return [_rescoped(v, place) for v in value]
    return value


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'
    if isinstance(value, list):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{ " + ", ".join(f'"{k}" = {_toml_value(v)}' for k, v in value.items()) + " }"
    raise TypeError(type(value))


def _toml_table(table: dict[str, Any]) -> str:
    return "".join(f'"{k}" = {_toml_value(v)}\n' for k, v in table.items())


def build_line() -> str:
    """Which riskkit is running: how many of the modules the opt-in compiled build compiles
    (the mypyc hook's ``include`` less its ``exclude`` in pyproject.toml) are extension
    modules here."""
    names = compiled_module_names()
    suffixes = tuple(importlib.machinery.EXTENSION_SUFFIXES)
    compiled = [n for n in names if str(importlib.import_module(n).__file__).endswith(suffixes)]
    kind = "compiled (mypyc)" if compiled else "pure Python"
    location = Path(str(importlib.import_module("riskkit").__file__)).parent
    return (f"riskkit build: {kind}, {len(compiled)} of {len(names)} listed modules are "
            f"extension modules (riskkit from {location})")  # fmt: skip


def main() -> None:
    print(build_line())
    started = time.perf_counter()
    rules = load_packs()
    load_time = time.perf_counter() - started
    ref = reference()
    print(f"riskkit assess benchmark (Python {sys.version.split()[0]}, one core)")
    print(f"rule packs: {len(rules.packs)} packs, {len(rules.rules)} rules, "
          f"{len(rules.entities)} entities, loaded in {load_time * 1000:.0f} ms")  # fmt: skip
    report = evaluate(ref, rules, AS_OF)
    print(f"reference: {len(ref.components)} components, {len(ref.data_flows)} flows, "
          f"{len(ref.parties)} parties -> {len(report.findings)} findings, "
          f"verdict {report.verdict}")  # fmt: skip
    base = per_second(ref, rules)
    print(f"reference procurement: {base.best:,.0f} assessments/s "
          f"({1000 / base.best:.2f} ms each, report model built; "
          f"median round {base.median:,.0f}/s)")  # fmt: skip
    again = per_second(ref, rules, fresh=False)
    print(f"  the same procurement object again and again: {again.best:,.0f} assessments/s "
          f"({1000 / again.best:.2f} ms; its digest and places are kept with it)")  # fmt: skip
    stress = reference(stress=True)
    stress_report = evaluate(stress, rules, AS_OF)
    stress_rate = per_second(stress, rules).best
    print(f"stress (nearly every component from a listed maker, "
          f"{len(stress_report.findings)} findings): {stress_rate:,.0f} assessments/s "
          f"({1000 / stress_rate:.2f} ms each)")  # fmt: skip

    print("growth with components (flows = components / 2):")
    previous = None
    for n in (10, 100, 1000):
        proc = reference(components=n, flows=max(1, n // 2))
        ms = 1000 / per_second(proc, rules, seconds=3.0).best
        growth = f", x{ms / previous:.1f} for x10 components" if previous else ""
        print(f"  {n:>5} components: {ms:8.2f} ms per assessment{growth}")
        previous = ms

    with tempfile.TemporaryDirectory() as tmp:
        extra = out_of_scope_pack(10, Path(tmp))
        bigger = load_packs([extra])
        shipped, both = rates(ref, [rules, bigger], seconds=4.0)
        cost = shipped.best / both.best
        print(f"with 10x out-of-scope rules ({len(bigger.rules)} rules): {both.best:,.0f} "
              f"assessments/s against {shipped.best:,.0f} for the shipped packs alone "
              f"(rounds in turn), cost x{cost:.2f}")  # fmt: skip


if __name__ == "__main__":
    main()
