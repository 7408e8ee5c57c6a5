"""map_process' whole output over the real sample, pinned as digests: speed work changes none.

For every process of every publisher (brands on): the summary, the gaps, the warnings, the
origin, the document, the validated procurement as JSON and the TOML ``riskkit import ocds``
writes, hashed per publisher. The digests were taken before the mapping was made fast (main at
909e919), then re-pinned once when the buyer's funding became an unknown with a gap of its own
(the dumps differed in nothing else); a digest that moves means an output moved: dump
``_outputs`` before and after to see which. (They also move when the curated entities or the
item rules change; then re-pin them, after checking the dump.)
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
    "armenia": "ef37b680d23b19d0a910eda5e9f35965d398d9f2746711b91015bbeebfac3150",
    "australia-nsw": "ba317abff917e3251cc211947600dc6c263d3c8a2c2c82780e2519c363bafee3",
    "canada-buyandsell": "60e53d7747de1770956d5bdc90cfb3d0e2dba8005c66a6bedc8cbd6bded5b78a",
    "canada-montreal": "d47bb9c55c58c9f08b8b1a2907216c3765b318438561ca8f08efd215eef3b93b",
    "colombia": "66c086d33a134a0830cb334bde81133d06f48f7e70fbf1169ad1ad25e7d61678",
    "mexico-apf": "c1a8dbc3f6eccf83b3460a60e8f58b68d9c5634cd6cdf9ededaa5de6ea4f4325",
    "mexico-cdmx": "2fa276edca115e29a62fae5d94a7f1dfb0bd5cb318f8efe909074cc4eb20a369",
    "mexico-gacm": "778e272a8bc73d22c59fa3752c97ef7e8223c8bab9cfe42708fe392d5fe82f3f",
    "mexico-inai": "dedb9c7b94c4e17eb7165d2f3f1420cf51e2c0d8e9e843420483e4d5f5ffc9cb",
    "mexico-jalisco": "d0d8fbde9b9e7131c36fb71672e626cdb1a77b20d0f675ce7edd8ccf0ab74efa",
    "moldova": "aedaa81905ce4ecae28475ab141cdf5bce5565281ba11bc3f24959a317b5c11f",
    "nigeria": "fca4847c8cd74596144e60b7717df0244d5b0158fe41145ff069c7a8d3d0351c",
    "paraguay": "aa13949f872f55eb9e7b744d584b222f88da1afa37db541146526790749b2232",
    "taiwan": "5b9c5df263198023c30b7e82e42a8ac5cfef22cb4713e7f99c87a6d49bff7b14",
    "uganda": "242249b094314be0f9d394aabcd90f9899b086e90ea2fed9735a1c34a3fe6d91",
    "uk-contracts-finder": "d53c174f906efda9350d386245a10a22bf6f76c2be58668101296ebd15a1085c",
    "ukraine": "c611d82a2988c8a3a917788fa18f8d91dfe6773b2b88b91d868be2b8ed1a9967",
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
