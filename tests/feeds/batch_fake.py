"""A stand-in for ``riskkit.feeds.ocds.mapping.map_process`` and a small feed, for batch tests.

The fake maps a process onto one of the shipped examples (chosen by its ocid, so that verdicts
vary but never by chance), named after the process; a process whose tender has no title is not
mapped (its ``procurement`` is None with the reason in its warnings), as the real mapping
leaves a process it cannot validate.
"""

from __future__ import annotations

import functools
import json
import shutil
import zlib
from datetime import date
from pathlib import Path
from typing import Any

import attrs

from riskkit.feeds.ocds.mapping import ProcessSummary
from riskkit.feeds.ocds.read import Process
from riskkit.model import Procurement
from riskkit.model.loading import load_procurement
from tests.conftest import EXAMPLES, TESTS

EXAMPLE_NAMES = (
    "clean-eu-municipal-cctv.toml",
    "bolivia-city-cctv.toml",
    "eu-station-realtime-face-recognition.toml",
    "us-police-cctv-federal-grant.toml",
)
NO_TITLE = "no tender title: nothing to assess"


@attrs.frozen
class FakeMapped:
    summary: ProcessSummary
    procurement: Procurement | None
    gaps: tuple[Any, ...]
    warnings: tuple[str, ...]
    origin: str
    document: dict[str, Any]


@functools.cache
def examples() -> tuple[Procurement, ...]:
    return tuple(load_procurement(EXAMPLES / name) for name in EXAMPLE_NAMES)


def fake_map(process: Process, *, brands: Any = None, publisher: Any = None) -> FakeMapped:
    release = process.release
    tender = _dict(release.get("tender"))
    value = _dict(tender.get("value"))
    published = str(release.get("date") or "")[:10]
    summary = ProcessSummary(
        ocid=process.ocid,
        buyer=_dict(release.get("buyer")).get("name"),
        country=None,
        suppliers=tuple(
            str(s.get("name", ""))
            for a in _dicts(release.get("awards"))
            for s in _dicts(a.get("suppliers"))
        ),
        amount=value.get("amount") if isinstance(value.get("amount"), int | float) else None,
        currency=value.get("currency"),
        start=None,
        end=None,
        published=date.fromisoformat(published) if published[:1] == "2" else None,
    )
    origin = process.origins[0]
    where = f"{origin.file}:{origin.location.removeprefix('line ')}"
    title = tender.get("title")
    if not title:
        return FakeMapped(summary, None, ("tender.title",), (NO_TITLE,), where, {})
    example = examples()[zlib.crc32(process.ocid.encode()) % len(EXAMPLE_NAMES)]
    procurement = example.model_copy(update={"title": title})
    document = procurement.model_dump(mode="json", exclude_none=True)
    document["parties"] = [*document.get("parties", []), SUPPLIER]
    return FakeMapped(summary, procurement, (), (), where, document)


def failing_map(process: Process, *, brands: Any = None, publisher: Any = None) -> FakeMapped:
    """:func:`fake_map`, but a mapper that breaks (not a bad input: a bug) on one process."""
    if process.ocid == "ocds-b-40":
        raise RuntimeError("the mapper broke on ocds-b-40")
    return fake_map(process, brands=brands, publisher=publisher)


SUPPLIER = {
    "id": "sup",
    "name": "Example Supplier GmbH",
    "roles": ["integrator"],
    "identifiers": [{"scheme": "GB-COH", "value": "00000001"}],
}
"""A supplier in every mapped document (not in the procurement): BODS owners join to it."""


def write_bods(path: Path) -> Path:
    """BODS 0.3 statements: the supplier, wholly owned by a holding company that Huawei owns
    (share unknown), which owns 1 % of Huawei back (a cycle)."""
    published = {"publicationDate": "2024-01-02", "bodsVersion": "0.3", "publisher": {"name": "T"}}

    def entity(sid: str, name: str, number: str) -> dict[str, Any]:
        return {"statementID": sid, "statementType": "entityStatement",
                "entityType": "registeredEntity", "name": name,
                "identifiers": [{"scheme": "GB-COH", "id": number}],
                "publicationDetails": published}  # fmt: skip

    def holds(sid: str, owner: str, owned: str, share: dict[str, Any] | None) -> dict[str, Any]:
        interest: dict[str, Any] = {"type": "shareholding", "startDate": "2020-01-01"}
        if share is not None:
            interest["share"] = share
        return {"statementID": sid, "statementType": "ownershipOrControlStatement",
                "subject": {"describedByEntityStatement": owned},
                "interestedParty": {"describedByEntityStatement": owner},
                "interests": [interest], "publicationDetails": published}  # fmt: skip

    supplier, holdco, huawei = (f"e-{n:031d}" for n in (1, 2, 3))
    statements = [
        entity(supplier, "Example Supplier GmbH", "00000001"),
        entity(holdco, "Example Holding Ltd", "00000002"),
        entity(huawei, "Huawei Technologies Co., Ltd.", "00000003"),
        holds(f"r-{1:031d}", holdco, supplier, {"exact": 100}),
        holds(f"r-{2:031d}", huawei, holdco, None),
        holds(f"r-{3:031d}", supplier, huawei, {"exact": 1}),
    ]
    path.write_text("\n".join(json.dumps(s) for s in statements) + "\n", encoding="utf-8")
    return path


def _dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _dicts(value: Any) -> list[dict[str, Any]]:
    return [v for v in value if isinstance(v, dict)] if isinstance(value, list) else []


def compiled(ocid: str, title: str | None, amount: float | None = None) -> dict[str, Any]:
    tender: dict[str, Any] = {"id": f"t-{ocid}"}
    if title is not None:
        tender["title"] = title
    if amount is not None:
        tender["value"] = {"amount": amount, "currency": "EUR"}
    return {
        "ocid": ocid,
        "id": f"{ocid}-compiled",
        "date": "2024-03-01T00:00:00Z",
        "tag": ["compiled"],
        "initiationType": "tender",
        "buyer": {"name": f"Buyer of {ocid}"},
        "tender": tender,
    }


def write_feed(folder: Path, lines: int = 60) -> Path:
    """A feed folder: a JSON Lines file of compiled releases (one malformed line, a process
    without a title, a duplicate ocid), a release package to merge, and a record package."""
    folder.mkdir(parents=True, exist_ok=True)
    rows = []
    for n in range(lines):
        title = None if n % 17 == 5 else f"Cameras, lot {n}"
        rows.append(json.dumps(compiled(f"ocds-b-{n}", title, 1000.0 * (n % 7))))
    rows[10] = '{"ocid": "broken'
    rows[20] = json.dumps(compiled("ocds-b-3", "Cameras again"))
    (folder / "a-compiled.jsonl").write_text("\n".join(rows) + "\n", encoding="utf-8")
    fixtures = TESTS / "feeds" / "fixtures"
    shutil.copy(fixtures / "release-package.json", folder / "b-release-package.json")
    shutil.copy(fixtures / "record-package.json", folder / "c-record-package.json")
    return folder
