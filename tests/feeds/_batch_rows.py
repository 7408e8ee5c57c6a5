"""Rows shaped like the ones ``riskkit batch`` writes, for the batch page's tests."""

from __future__ import annotations

import datetime as dt

COLUMNS = (
    "ocid", "buyer", "country", "suppliers", "amount", "currency", "start", "end", "published",
    "verdict", "term_verdict", "inherent", "residual", "findings", "binding", "rules_fired",
    "rules_in_scope", "unknowns", "gaps", "warnings", "components", "source", "packs_digest",
    "lists_digest", "status",
)  # fmt: skip

_VERDICTS = ("prohibited", "restricted", "needs_review", "acceptable", "no_rules_in_scope")


def batch_row(i: int, **changes: object) -> dict[str, object]:
    """Row ``i`` of a made-up feed: every column, some values unknown (None)."""
    row: dict[str, object] = {
        "ocid": f"ocds-test-{i:04d}",
        "buyer": f"Buyer {i}",
        "country": ("MX", "GB", None)[i % 3],
        "suppliers": f"Supplier {i % 4}",
        "amount": None if i % 5 == 0 else 1000.0 * (i * 7 % 13) + 0.5,
        "currency": "MXN",
        "start": dt.date(2024, 1, 1 + i % 28),
        "end": None,
        "published": dt.date(2023, 12, 1),
        "verdict": _VERDICTS[i % len(_VERDICTS)],
        "term_verdict": _VERDICTS[(i + 1) % len(_VERDICTS)],
        "inherent": 10.0 + i % 7,
        "residual": None if i % 6 == 0 else float(i * 37 % 23) / 2,
        "findings": i % 4,
        "binding": i % 2,
        "rules_fired": "rule-a; rule-b" if i % 2 else "",
        "rules_in_scope": 12,
        "unknowns": i % 3,
        "gaps": 0,
        "warnings": "",
        "components": "camera",
        "source": f"feed.jsonl:{i + 1}",
        "packs_digest": "sha256:abc",
        "lists_digest": "sha256:def",
        "status": "assessed",
    }
    row.update(changes)
    return row


def batch_rows(n: int) -> list[dict[str, object]]:
    return [batch_row(i) for i in range(n)]
