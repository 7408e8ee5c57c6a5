"""Every publisher's real sample feed reads with its defects counted (shared/data/ocds)."""

from __future__ import annotations

import pytest

from riskkit.feeds.ocds import DEFECTS, ReadStats, read_ocds
from tests.conftest import NO_SHARED_DATA, SHARED_DATA

SAMPLE = SHARED_DATA / "ocds" / "sample-data"

OCIDS = {
    "armenia": 100,
    "australia-nsw": 10,
    "canada-buyandsell": 11,
    "canada-montreal": 20,
    "colombia": 21,
    "mexico-apf": 10,
    "mexico-cdmx": 8,
    "mexico-gacm": 40,
    "mexico-inai": 10,
    "mexico-jalisco": 10,
    "moldova": 51,
    "nigeria": 12,
    "paraguay": 12,
    "taiwan": 11,
    "uganda": 10,
    "uk-contracts-finder": 11,
    "ukraine": 11,
}
"""Contracting processes (distinct ocids) per publisher, as counted in feeds-research.md §A.3."""


@pytest.mark.parametrize("publisher", sorted(OCIDS))
def test_every_sample_feed_reads_with_its_defects_counted(publisher: str) -> None:
    folder = SAMPLE / publisher
    if not folder.is_dir():
        pytest.skip(NO_SHARED_DATA)
    stats = ReadStats()
    processes = list(read_ocds(folder, stats=stats))
    assert len({p.ocid for p in processes}) == OCIDS[publisher]
    assert stats.processes == len(processes)
    assert stats.defects["duplicate_ocid"] == len(processes) - OCIDS[publisher]
    assert set(stats.defects) <= set(DEFECTS)
    assert all(p.origins and p.release for p in processes)


def test_the_gacm_video_surveillance_process_is_read_with_its_title() -> None:
    folder = SAMPLE / "mexico-gacm"
    if not folder.is_dir():
        pytest.skip(NO_SHARED_DATA)
    (process,) = [p for p in read_ocds(folder) if p.ocid == "22"]
    assert "Video Vigilancia de la Barda Perimetral" in process.release["tender"]["title"]
    assert process.origins[0].file.endswith("22-RELEASE_22_2017-10-04T00_53_17_034Z.json")


def test_paraguay_records_with_only_linked_releases_are_skipped_and_counted() -> None:
    folder = SAMPLE / "paraguay" / "records"
    if not folder.is_dir():
        pytest.skip(NO_SHARED_DATA)
    stats = ReadStats()
    list(read_ocds(folder, stats=stats))
    assert stats.defects["record_without_content"] == 2
    assert stats.skipped == 2
