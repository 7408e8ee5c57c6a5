"""find_items' whole output over the real sample, pinned as digests: speed work changes none.

Every field of every derived item, brand candidate and trap of every sample process is hashed,
per publisher, with brands off and on. A digest that moves means an output moved: compare the
dumps of ``_outputs`` before and after to see which. (The brand digests also move when the
curated entities change; then re-pin them, after checking the dump.)
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

import attrs
import pytest

from riskkit.api import default_packs
from riskkit.feeds.ocds import read_ocds
from riskkit.feeds.ocds.items import BrandNames, find_items
from tests.conftest import NO_SHARED_DATA, SHARED_DATA

SAMPLE = SHARED_DATA / "ocds" / "sample-data"

PINNED: dict[str, tuple[str, str]] = {
    "armenia": (
        "5b8708ef2197a56d26032933319fe89be40804c5130a8f56470257e1be043a29",
        "5b8708ef2197a56d26032933319fe89be40804c5130a8f56470257e1be043a29",
    ),
    "australia-nsw": (
        "16f39b75839d2407ec961eeb001b2ff4f8cc281b23d953e5f90b2d91bfad5284",
        "16f39b75839d2407ec961eeb001b2ff4f8cc281b23d953e5f90b2d91bfad5284",
    ),
    "canada-buyandsell": (
        "50f9730b4c4f555b3941c48bc0ef83e3a6e11c3f97490596fc2dfa0d681ba20c",
        "50f9730b4c4f555b3941c48bc0ef83e3a6e11c3f97490596fc2dfa0d681ba20c",
    ),
    "canada-montreal": (
        "2870b17a07d5ee03975427b2878e88800e5c86b33185847b838ba9cb10ab4d10",
        "2870b17a07d5ee03975427b2878e88800e5c86b33185847b838ba9cb10ab4d10",
    ),
    "colombia": (
        "7cf9765262e68a22bd0831b4a923d543b0dd36944f627a8bbcce704eab0b9d9a",
        "7cf9765262e68a22bd0831b4a923d543b0dd36944f627a8bbcce704eab0b9d9a",
    ),
    "mexico-apf": (
        "622015a4983704a87373415bc36541b1dd9a93d21424899bb176e7936a71af2e",
        "622015a4983704a87373415bc36541b1dd9a93d21424899bb176e7936a71af2e",
    ),
    "mexico-cdmx": (
        "f878c514d65dcd0a84e4cba2c45afcb1148a07e6188fd09fcac5832a26183748",
        "f878c514d65dcd0a84e4cba2c45afcb1148a07e6188fd09fcac5832a26183748",
    ),
    "mexico-gacm": (
        "4bfbb33000e1620beffcf25c9e44d11e5d204f676d195a9ac0ceaebb106e5092",
        "4bfbb33000e1620beffcf25c9e44d11e5d204f676d195a9ac0ceaebb106e5092",
    ),
    "mexico-inai": (
        "13c6c114604c5fa649dcab2b1410c6fe6ec5786c8037a5a9f2419fad5b08781c",
        "13c6c114604c5fa649dcab2b1410c6fe6ec5786c8037a5a9f2419fad5b08781c",
    ),
    "mexico-jalisco": (
        "db918bfcdfdc465ff63b156260830d393c5b04d022304787d15af81ac5116bd9",
        "db918bfcdfdc465ff63b156260830d393c5b04d022304787d15af81ac5116bd9",
    ),
    "moldova": (
        "68a9fee764b9c92167ce528a17f05c89a792b7d2684ace6626bfe7edf8d27e3a",
        "68a9fee764b9c92167ce528a17f05c89a792b7d2684ace6626bfe7edf8d27e3a",
    ),
    "nigeria": (
        "5aedfd200f7f8869a6dd68f2046dc0a715c6a8055fadf4d4cafff893c9299fa7",
        "5aedfd200f7f8869a6dd68f2046dc0a715c6a8055fadf4d4cafff893c9299fa7",
    ),
    "paraguay": (
        "2e262123ba61f5b1c59fae09d4f9fbc4da5bf50d1df6984b8679c60a5b99419b",
        "2e262123ba61f5b1c59fae09d4f9fbc4da5bf50d1df6984b8679c60a5b99419b",
    ),
    "taiwan": (
        "490e27ce92ab2f177fb9b0a7afcbe31331af32b57bca024b84cb348b481c4cd1",
        "490e27ce92ab2f177fb9b0a7afcbe31331af32b57bca024b84cb348b481c4cd1",
    ),
    "uganda": (
        "5ae3e54f75e9d359ea4d6f27fdfe4e780db78a95ccaa19ad22c8c13f26f91a8d",
        "5ae3e54f75e9d359ea4d6f27fdfe4e780db78a95ccaa19ad22c8c13f26f91a8d",
    ),
    "uk-contracts-finder": (
        "d151ea33211a4c81cee2bf559a65a2b688e8995a2a1477d7c4beb65d37588e41",
        "d151ea33211a4c81cee2bf559a65a2b688e8995a2a1477d7c4beb65d37588e41",
    ),
    "ukraine": (
        "c777ee55e6b89e7ce0c179051a4329acaff3b9e23c24993698e9a2b2300de11e",
        "c777ee55e6b89e7ce0c179051a4329acaff3b9e23c24993698e9a2b2300de11e",
    ),
}
"""Per publisher: (digest with brands off, digest with brands on)."""


def _outputs(publisher: str, brands: BrandNames | None) -> list[Any]:
    found = []
    for process in read_ocds(SAMPLE / publisher, validate=False):
        result = find_items(process.release, brands=brands)
        found.append([process.ocid, attrs.asdict(result)])
    return found


def _digest(outputs: list[Any]) -> str:
    text = json.dumps(outputs, ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(text.encode()).hexdigest()


@pytest.fixture(scope="module")
def brands() -> BrandNames:
    return BrandNames(default_packs().entities.entities.values())


@pytest.mark.parametrize("publisher", sorted(PINNED))
def test_every_item_brand_and_trap_of_the_sample_is_unchanged(
    publisher: str, brands: BrandNames
) -> None:
    if not (SAMPLE / publisher).is_dir():
        pytest.skip(NO_SHARED_DATA)
    without, with_brands = PINNED[publisher]
    assert _digest(_outputs(publisher, None)) == without
    assert _digest(_outputs(publisher, brands)) == with_brands


def test_the_pins_cover_every_publisher_of_the_sample() -> None:
    if not SAMPLE.is_dir():
        pytest.skip(NO_SHARED_DATA)
    assert sorted(p.name for p in SAMPLE.iterdir() if p.is_dir()) == sorted(PINNED)
