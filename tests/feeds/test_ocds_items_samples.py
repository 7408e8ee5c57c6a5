"""Surveillance and telecom items found in every publisher's real sample (shared/data/ocds)."""

from __future__ import annotations

import pytest

from riskkit.feeds.ocds import read_ocds
from riskkit.feeds.ocds.items import find_items
from tests.conftest import NO_SHARED_DATA, SHARED_DATA

SAMPLE = SHARED_DATA / "ocds" / "sample-data"

FOUND = {
    "armenia": {
        "AM-PPS-b0cb8a7f63af73761cb327ea60830d83",  # police radios, only description_hy says so
        "AM-PPS-fd7b426a70b9d7ea26a27f21a8eea687",  # network switch, CPV 32420000
    },
    "australia-nsw": set(),
    "canada-buyandsell": {"ocds-34a6hz-01044-060931/001/USW"},  # télécommunications
    "canada-montreal": set(),
    "colombia": set(),
    "mexico-apf": set(),
    "mexico-cdmx": set(),
    "mexico-gacm": {"201", "22", "237", "256", "297"},  # 22 video surveillance, 256 CCTV
    "mexico-inai": set(),
    "mexico-jalisco": set(),  # Adobe Creative Cloud is a trap
    "moldova": {"ocds-ngfbwp-19731450"},  # radio stations, CPV 32344210
    "nigeria": set(),
    "paraguay": {"ocds-03ad3f-274231"},  # modems, communication equipment
    "taiwan": set(),
    "uganda": set(),
    "uk-contracts-finder": {"ocds-b5fd17-2c470411-adc8-11e6-9901-0019b9f3037b"},  # broadband
    "ukraine": set(),
}
"""Per publisher, the processes with at least one surveillance or telecom item (11 of 367)."""


@pytest.mark.parametrize("publisher", sorted(FOUND))
def test_processes_with_a_surveillance_or_telecom_item_per_publisher(publisher: str) -> None:
    folder = SAMPLE / publisher
    if not folder.is_dir():
        pytest.skip(NO_SHARED_DATA)
    found = {p.ocid for p in read_ocds(folder, validate=False) if find_items(p.release).items}
    assert found == FOUND[publisher]


def test_the_gacm_video_surveillance_process_yields_a_camera_with_its_source_text() -> None:
    folder = SAMPLE / "mexico-gacm"
    if not folder.is_dir():
        pytest.skip(NO_SHARED_DATA)
    (process,) = [p for p in read_ocds(folder, validate=False) if p.ocid == "22"]
    cameras = [i for i in find_items(process.release).items if i.kind == "ip_camera"]
    item = next(i for i in cameras if i.path == "tender.items[0].description")
    assert (item.matched, item.confidence, item.capabilities) == (
        "Video Vigilancia",
        "medium",
        ("video",),
    )
    assert "Video Vigilancia de la Barda Perimetral" in item.source


def test_no_trap_in_the_sample_yields_a_camera() -> None:
    if not SAMPLE.is_dir():
        pytest.skip(NO_SHARED_DATA)
    traps = set()
    for process in read_ocds(SAMPLE, validate=False):
        found = find_items(process.release)
        traps |= {(process.ocid, trap) for trap, _ in found.traps}
        trapped = {path for _, path in found.traps}
        assert not [i for i in found.items if i.path in trapped and i.rule == "camera"]
        if process.ocid == "98":  # "Camara de Comercio" in a party identifier, never read
            assert not found.items
    assert traps == {
        ("ocds-ngfbwp-19720585", "room-or-chamber"),  # Romanian "camera închisă"
        ("PC-0012", "public-servant"),
        ("PC-0014", "public-servant"),
        ("ocds-xs1qbl-SFIN-03-0007-00-2017", "design-software-cloud"),  # Adobe Creative Cloud
    }
