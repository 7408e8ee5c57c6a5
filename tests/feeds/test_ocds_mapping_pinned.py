"""map_process' whole output over the real sample, pinned as digests: speed work changes none.

For every process of every publisher (brands on): the summary, the gaps, the warnings, the
origin, the document, the validated procurement as JSON and the TOML ``riskkit import ocds``
writes, hashed per publisher. The digests were taken before the mapping was made fast (main at
909e919); a digest that moves means an output moved: dump ``_outputs`` before and after to see
which. (They also move when the curated entities or the item rules change; then re-pin them,
after checking the dump.)
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

import attrs
import pytest

from riskkit.api import default_packs
from riskkit.feeds.ocds import read_ocds
from riskkit.feeds.ocds.items import BrandNames
from riskkit.feeds.ocds.mapping import map_process, render
from tests.conftest import NO_SHARED_DATA, SHARED_DATA

SAMPLE = SHARED_DATA / "ocds" / "sample-data"

PINNED: dict[str, str] = {
    "armenia": "4da0ab5f03291eb046a34a81445e35bf9a77d330f5997f8fd4a3403046d27e20",
    "australia-nsw": "ad643c495c6669213f03d0998bb6d5b00a6977b62a02d7b9c4e8e4c6a578c5f4",
    "canada-buyandsell": "3832cead018c64e10c9399b7ae7d4a7af92933950a033e4cd43910819cf4d96c",
    "canada-montreal": "0dd3e952c6ac0b4d6e6f8249b6c8bc9b69b41d975d9a0026ec69e4940263554f",
    "colombia": "4ec25ca149c85fe1f015b5885ff7476f3f02a985efe3a04229823cffbf9ba28d",
    "mexico-apf": "8fd61bb5f956e71c33d33d37a5d16154178a85c3aa3efae21e7a2960813d75c3",
    "mexico-cdmx": "bb982a9acfd1952948093e795739fc0901fafaafc8935c994d1e0ff495da9ba3",
    "mexico-gacm": "7c7a7377bf6cd6ebe7feb41619d89666c5e587a2ce4a41a65bd64e199b6b30c2",
    "mexico-inai": "93850d6af22afe10484e544ab7a73d105095b45da53fd94cb56cf582a17746b5",
    "mexico-jalisco": "e26ab518061eaab635c40a9bfe53c488a3f6722413e9b645d6f74fed6e0f536a",
    "moldova": "b23b497b962947bcd397c2cd696e8db743ffec5285ff33bd8d96a21b293682ae",
    "nigeria": "a6a648fd564e5e5fd5e99499f74b556a21722565504f4e500c15fce4493e3359",
    "paraguay": "3467d58cd454a765bebd9e0118ca4602ef9a6709202a347ff415730c77ec9238",
    "taiwan": "917d135e9597567191f5089821038ad2d6860048fbe7a4c5c8902bcee197a900",
    "uganda": "e8c72f6d3aaf5f2da354337009b7b217a8e86f4eab3d77751558b99d46109704",
    "uk-contracts-finder": "e0ca9f2767d0bfcffaea1e68f9d07588944d903fcbabce808b9c3d9d4297480c",
    "ukraine": "f41eca8825f186dca52a56297f05d50de2252ca977cddfdb67fafadd1ef53a81",
}
"""Per publisher: the digest of every mapped process, in reading order."""


def _outputs(publisher: str, brands: BrandNames) -> list[Any]:
    found = []
    for process in read_ocds(SAMPLE / publisher, validate=False):
        mapped = map_process(process, brands=brands)
        procurement = mapped.procurement
        found.append(
            [
                process.ocid,
                attrs.asdict(mapped.summary),
                [attrs.asdict(gap) for gap in mapped.gaps],
                list(mapped.warnings),
                mapped.origin.replace(str(SAMPLE), "SAMPLE"),
                mapped.document,
                procurement.model_dump_json() if procurement is not None else None,
                render(mapped),
            ]
        )
    return found


def _digest(outputs: list[Any]) -> str:
    text = json.dumps(outputs, ensure_ascii=False, sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()


@pytest.fixture(scope="module")
def brands() -> BrandNames:
    return BrandNames(default_packs().entities.entities.values())


@pytest.mark.parametrize("publisher", sorted(PINNED))
def test_every_mapped_process_of_the_sample_is_unchanged(
    publisher: str, brands: BrandNames
) -> None:
    if not (SAMPLE / publisher).is_dir():
        pytest.skip(NO_SHARED_DATA)
    assert _digest(_outputs(publisher, brands)) == PINNED[publisher]


def test_the_pins_cover_every_publisher_of_the_sample() -> None:
    if not SAMPLE.is_dir():
        pytest.skip(NO_SHARED_DATA)
    assert sorted(p.name for p in SAMPLE.iterdir() if p.is_dir()) == sorted(PINNED)
