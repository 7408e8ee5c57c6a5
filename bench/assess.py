"""Benchmark: assessments per second, growth with components, cost of out-of-scope rules.

Run from the repository root:  python bench/assess.py
Prints figures; asserts nothing. Single process, single thread.
"""

from __future__ import annotations

import sys
import tempfile
import time
import tomllib
from datetime import date
from pathlib import Path
from typing import Any

from riskkit.engine import evaluate
from riskkit.loading import procurement_from_dict
from riskkit.model import Procurement
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


def per_second(
    procurement: Procurement, rules: RuleSet, seconds: float = 2.0, *, fresh: bool = True
) -> float:
    """Best rate of five timed runs, after a warm-up, in CPU time of this process: the
    machine may be shared, and the best run is the one least disturbed by others.

    With ``fresh`` (the default), every assessment gets a procurement object it has not seen
    (a shallow copy, made outside the timed span), so nothing riskkit derives from a
    procurement and keeps with it (its digest, the countries it touches) is reused: each
    assessment costs what a one-off ``riskkit assess`` pays. What is kept with the rule set
    (the rules in force on a day for a set of countries) is reused, as in any batch.
    """
    evaluate(procurement, rules, AS_OF)
    rates = []
    for _ in range(5):
        count, spent = 0, 0.0
        while spent < seconds / 5:
            subject = procurement.model_copy() if fresh else procurement
            start = time.process_time()
            evaluate(subject, rules, AS_OF)
            spent += time.process_time() - start
            count += 1
        rates.append(count / spent)
    return max(rates)


def out_of_scope_pack(copies: int, directory: Path) -> Path:
    """The shipped rules copied ``copies`` times each, scoped to countries not touched."""
    lines = ['[pack]\nid = "bench-elsewhere"\nversion = "0"\ntitle = "Out-of-scope copies"\n']

    for path in builtin_pack_paths():
        for rule in tomllib.loads(path.read_text("utf-8")).get("rules", []):
            for k in range(copies):
                clone = dict(rule)
                clone["id"] = f"{rule['id']}-X{k}"
                place = ELSEWHERE[(k + len(rule["id"])) % len(ELSEWHERE)]
                clone["scope"] = [place]
                clone["params"] = _rescoped(rule.get("params", {}), place)
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


def main() -> None:
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
    base_rate = per_second(ref, rules)
    print(f"reference procurement: {base_rate:,.0f} assessments/s "
          f"({1000 / base_rate:.2f} ms each, report model built)")  # fmt: skip
    again = per_second(ref, rules, fresh=False)
    print(f"  the same procurement object again and again: {again:,.0f} assessments/s "
          f"({1000 / again:.2f} ms; its digest and countries are kept with it)")  # fmt: skip
    stress = reference(stress=True)
    stress_report = evaluate(stress, rules, AS_OF)
    stress_rate = per_second(stress, rules)
    print(f"stress (nearly every component from a listed maker, "
          f"{len(stress_report.findings)} findings): {stress_rate:,.0f} assessments/s "
          f"({1000 / stress_rate:.2f} ms each)")  # fmt: skip

    print("growth with components (flows = components / 2):")
    previous = None
    for n in (10, 100, 1000):
        proc = reference(components=n, flows=max(1, n // 2))
        rate = per_second(proc, rules, seconds=3.0)
        ms = 1000 / rate
        growth = f", x{ms / previous:.1f} for x10 components" if previous else ""
        print(f"  {n:>5} components: {ms:8.2f} ms per assessment{growth}")
        previous = ms

    with tempfile.TemporaryDirectory() as tmp:
        extra = out_of_scope_pack(10, Path(tmp))
        bigger = load_packs([extra])
        rate = per_second(ref, bigger)
        cost = base_rate / rate
        print(f"with 10x out-of-scope rules ({len(bigger.rules)} rules): {rate:,.0f} "
              f"assessments/s, cost x{cost:.2f} of the shipped packs alone")  # fmt: skip


if __name__ == "__main__":
    main()
