"""A synthetic OCDS feed for the feeds benchmark, built by varying the real sample releases.

The templates are the contracting processes of every publisher in ``shared/data/ocds``, read
with :func:`riskkit.feeds.ocds.read_ocds` (so records and loose releases arrive as compiled
releases, defects and all). Each synthetic process is one template, picked at random, with:

- a fresh, unique ``ocid`` (the publisher's prefix kept) and release ``id``;
- every date shifted by one random number of days (dates keep their order; a placeholder year
  such as 1900 stays a placeholder, so the feed keeps its real defects);
- every ``amount`` scaled by one random factor (log-normal: contracts keep their proportions);
- each supplier's party id and identifier varied from a pool of suppliers, consistently
  between ``parties`` and ``awards[].suppliers``;
- half the item descriptions replaced by those of another real process (a donor, picked at
  random from every publisher's), in its order, so the share of processes that buy
  surveillance stays near the samples' (a process with many items does not draw many
  independent chances).

Lines are compact JSON, one compiled release each, as data registries publish. The same seed
gives byte-identical output (the gzip header carries no time or name).
"""

from __future__ import annotations

import gzip
import json
import math
import random
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import IO, Any

SAMPLES = Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "ocds" / "sample-data"
SUPPLIERS = 20_000
"""How many distinct suppliers the synthetic feed draws from."""
_ITEM_LISTS = ("tender", "awards", "contracts")


def templates(samples: Path = SAMPLES) -> tuple[list[str], list[list[str]]]:
    """The compiled releases of every publisher (as JSON text, in folder order), and the item
    descriptions of each."""
    from riskkit.feeds.ocds import read_ocds

    releases: list[str] = []
    descriptions: list[list[str]] = []
    folders = sorted(p for p in samples.resolve().iterdir() if p.is_dir())
    if not folders:
        raise SystemExit(f"no sample publishers under {samples}")
    for folder in folders:
        for process in read_ocds(folder, validate=False):
            releases.append(json.dumps(process.release, ensure_ascii=False))
            descriptions.append([d for item in _items(process.release) if (d := _text(item))])
    return releases, descriptions


def synthetic_releases(count: int, seed: int = 0) -> Iterator[dict[str, Any]]:
    """``count`` synthetic compiled releases, the same ones for the same seed."""
    releases, descriptions = templates()
    rng = random.Random(seed)
    for number in range(count):
        release: dict[str, Any] = json.loads(releases[rng.randrange(len(releases))])
        _vary(release, number, rng, descriptions)
        yield release


def write_feed(out: Path, count: int, seed: int = 0) -> int:
    """Write the feed to ``out`` (gzipped when it ends in ``.gz``); the bytes of JSON written."""
    written = 0
    with _open(out) as stream:
        for release in synthetic_releases(count, seed):
            line = json.dumps(release, ensure_ascii=False, separators=(",", ":")) + "\n"
            data = line.encode("utf-8")
            stream.write(data)
            written += len(data)
    return written


def _open(out: Path) -> IO[bytes]:
    if out.name.endswith(".gz"):
        raw = out.open("wb")
        return gzip.GzipFile(filename="", mode="wb", fileobj=raw, compresslevel=6, mtime=0)
    return out.open("wb")


def _vary(
    release: dict[str, Any], number: int, rng: random.Random, donors: list[list[str]]
) -> None:
    ocid = release.get("ocid")
    release["ocid"] = f"{ocid}-synth{number:07d}"
    release["id"] = f"{release.get('id')}-synth{number:07d}"
    shift = timedelta(days=rng.randrange(-1500, 300))
    factor = math.exp(rng.gauss(0.0, 0.8))
    _walk(release, shift, factor)
    _vary_suppliers(release, rng)
    donor = donors[rng.randrange(len(donors))]
    for index, item in enumerate(_items(release)):
        if donor and _text(item) and rng.random() < 0.5:
            item["description"] = donor[index % len(donor)]


def _walk(node: Any, shift: timedelta, factor: float) -> None:
    """Shift every date and scale every amount under ``node``, in place."""
    if isinstance(node, dict):
        for key, value in node.items():
            if isinstance(value, str) and (key == "date" or key.startswith("date")
                                           or key.endswith("Date")):  # fmt: skip
                node[key] = _shifted(value, shift)
            elif key == "amount" and isinstance(value, int | float) and not isinstance(value, bool):
                scaled = value * factor
                node[key] = round(scaled) if isinstance(value, int) else round(scaled, 2)
            elif isinstance(value, dict | list):
                _walk(value, shift, factor)
    elif isinstance(node, list):
        for value in node:
            if isinstance(value, dict | list):
                _walk(value, shift, factor)


def _shifted(value: str, shift: timedelta) -> str:
    try:
        day = date.fromisoformat(value[:10])
    except ValueError:
        return value  # not a date at all, or not ISO: a defect to keep as it is
    if not 1901 <= day.year <= 2099:
        return value  # a placeholder stays one
    moved = day + shift
    return moved.isoformat() + value[10:]


def _vary_suppliers(release: dict[str, Any], rng: random.Random) -> None:
    """Give each supplier another party id and identifier, the same in parties and awards."""
    renamed: dict[str, str] = {}
    for award in _dicts(release.get("awards")):
        for supplier in _dicts(award.get("suppliers")):
            _rename(supplier, renamed, rng)
    for party in _dicts(release.get("parties")):
        roles = party.get("roles")
        if (isinstance(roles, list) and "supplier" in roles) or party.get("id") in renamed:
            _rename(party, renamed, rng)


def _rename(entity: dict[str, Any], renamed: dict[str, str], rng: random.Random) -> None:
    old = entity.get("id")
    if isinstance(old, str):
        if old not in renamed:
            renamed[old] = f"{old}-s{rng.randrange(SUPPLIERS)}"
        entity["id"] = renamed[old]
    identifier = entity.get("identifier")
    if isinstance(identifier, dict) and isinstance(identifier.get("id"), str | int):
        value = str(identifier["id"])
        suffix = renamed[old].rsplit("-s", 1)[1] if isinstance(old, str) else "0"
        if value.isdigit():
            identifier["id"] = str(int(value) + 7919 * int(suffix)).zfill(len(value))
        else:
            identifier["id"] = f"{value}-{suffix}"


def _items(release: dict[str, Any]) -> Iterator[dict[str, Any]]:
    tender = release.get("tender")
    if isinstance(tender, dict):
        yield from _dicts(tender.get("items"))
    for key in _ITEM_LISTS[1:]:
        for part in _dicts(release.get(key)):
            yield from _dicts(part.get("items"))


def _dicts(value: Any) -> Iterator[dict[str, Any]]:
    if isinstance(value, list):
        yield from (v for v in value if isinstance(v, dict))


def _text(item: dict[str, Any]) -> str:
    description = item.get("description")
    return description if isinstance(description, str) else ""
