"""Generated inputs for the scaling benchmarks: many cameras, long ownership chains, many rules.

The shapes are real ones (a city listing every camera; a register's chain of holding
companies; an organisation's generated policy pack); the names are placeholders.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any


def city_cameras(cameras: int, *, chain: int = 0, sites: int = 1) -> dict[str, Any]:
    """A Portland retailer's procurement of ``cameras`` face-matching cameras from a PRC maker
    (each its own component, as a city's inventory lists them), the maker owned through a
    chain of ``chain`` holding companies, the cameras spread over ``sites`` sites."""
    parties: list[dict[str, Any]] = [
        {
            "id": "hik",
            "name": "Hangzhou Hikvision Digital Technology Co., Ltd.",
            "roles": ["manufacturer"],
            "incorporated_in": "CN",
            "headquarters": "CN-ZJ:Hangzhou",
        }
    ]
    if chain:
        parties[0]["owners"] = [{"party": "holding-0", "share": 0.6}]
        for i in range(chain):
            holding: dict[str, Any] = {
                "id": f"holding-{i}",
                "name": f"Example Holding {i} Co., Ltd.",
                "incorporated_in": "CN",
            }
            if i + 1 < chain:
                holding["owners"] = [{"party": f"holding-{i + 1}", "share": 0.6}]
            parties.append(holding)
    return {
        "schema_version": 1,
        "id": f"city-{cameras}-cameras",
        "title": f"{cameras:,} entrance cameras with face matching",
        "term": {"start": "2026-03-01", "end": "2029-02-28"},
        "buyer": {
            "name": "Rose City Outfitters LLC",
            "kind": "private_business",
            "jurisdiction": "US-OR:Portland",
        },
        "sites": [
            {
                "id": f"site-{s}",
                "jurisdiction": "US-OR:Portland",
                "settings": ["public_accommodation"],
                "purposes": ["loss_prevention"],
            }
            for s in range(sites)
        ],
        "parties": parties,
        "components": [
            {
                "id": f"cam-{i:06d}",
                "kind": "ip_camera",
                "manufacturer": "hik",
                "site": f"site-{i % sites}",
                "capabilities": ["video", "facial_recognition"],
                "remote_access": ["hik"],
            }
            for i in range(cameras)
        ],
        "data_flows": [
            {
                "id": "nvr",
                "from": "cam-000000",
                "to": {"operator": "hik", "location": "US-OR:Portland", "kind": "on_premises"},
                "data": ["video", "biometric_templates"],
            }
        ],
    }


def write_json(data: dict[str, Any], path: Path) -> Path:
    path.write_text(json.dumps(data, separators=(",", ":")), encoding="utf-8")
    return path


def policy_pack(rules: int) -> str:
    """A pack of ``rules`` organisation policies (condition rules), as TOML."""
    head = (
        '[pack]\nid = "generated-policies"\nversion = "1"\ntitle = "Generated policies"\n'
        "data_date = 2026-06-01\n"
    )
    rule = """
[[rules]]
id = "POLICY-{n:05d}"
kind = "condition"
title = "Internal policy {n}: no face matching at entrances"
scope = ["US"]
effective = {{ from = 2024-01-01 }}
outcome = "restricted"
severity = "medium"
confidence = "high"
rationale = "An internal policy, generated for a benchmark."
citations = [{{ title = "Internal policy register", url = "https://example.org/policies/{n}" }}]
params = {{ when = {{ path = "buyer.kind", op = "eq", value = "private_business" }} }}
"""
    return head + "".join(rule.format(n=n) for n in range(rules))
