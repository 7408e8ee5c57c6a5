"""Every real BODS sample and every official 0.4 example reads with its defects counted.

The files are in shared/data/bods (they name real people: they are read here, never copied).
Figures per file: statements, entities, persons, relationships, relationships that say a
share, and defects by kind.
"""

from __future__ import annotations

import pytest

from riskkit.feeds.bods import DEFECTS, EntityIndex, ReadStats, read_bods
from tests.conftest import NO_SHARED_DATA, SHARED_DATA

BODS = SHARED_DATA / "bods"

FIGURES: dict[str, tuple[int, int, int, int, int, dict[str, int]]] = {
    "real/gleif-derived/lei-data-out.json": (5, 5, 0, 0, 0, {"schema_problems": 5}),
    "real/gleif-derived/lei-updates-data2-out.json": (12, 12, 0, 0, 0, {"schema_problems": 12}),
    "real/gleif-derived/repex-updates-data2-out.json": (
        14,
        4,
        3,
        7,
        0,
        {"schema_problems": 14, "unknown_reference": 7},
    ),
    "real/gleif-derived/rr-data-out.json": (
        10,
        0,
        0,
        10,
        0,
        {"schema_problems": 10, "unknown_reference": 20},
    ),
    "real/gleif-derived/rr-updates-data2-out.json": (
        11,
        0,
        0,
        11,
        0,
        {"schema_problems": 11, "unknown_reference": 22},
    ),
    "real/oo-register-dk/test-bods-data-1.json": (
        10,
        0,
        4,
        6,
        6,
        {"schema_problems": 10, "unknown_reference": 8},
    ),
    "real/oo-register-dk/test-bods-data-2.json": (
        10,
        0,
        0,
        7,
        0,
        {"duplicate_id": 3, "schema_problems": 10, "unknown_reference": 14},
    ),
    "real/oo-register-sk-rpvs/bods-data-check-2.jsonl": (
        100,
        20,
        40,
        40,
        0,
        {"schema_problems": 100, "unknown_reference": 3},
    ),
    "real/oo-register_uk-psc_aimia_0.2.json": (6, 3, 0, 3, 2, {"schema_problems": 6}),
    "examples-0.4.0/bods-package-annotations.json": (3, 2, 0, 1, 0, {}),
    "examples-0.4.0/bods-package-entity-owning-entity.json": (3, 2, 0, 1, 1, {}),
    "examples-0.4.0/bods-package-fi-soe.json": (9, 4, 0, 5, 4, {"diamond": 1}),
    "examples-0.4.0/bods-package-linking-annotations.json": (3, 1, 1, 1, 1, {}),
    "examples-0.4.0/bods-package.json": (3, 1, 1, 1, 1, {}),
    "examples-0.4.0/fermcat.json": (23, 1, 3, 3, 3, {"superseded": 16}),
    "examples-0.4.0/full-pep-declaration.json": (3, 1, 1, 1, 1, {}),
    "examples-0.4.0/indirect-ownership.json": (6, 2, 1, 3, 2, {"missing_field": 1}),
    "examples-0.4.0/joint-ownership.json": (7, 2, 2, 3, 3, {}),
    "examples-0.4.0/levent.json": (7, 1, 3, 3, 0, {}),
    "examples-0.4.0/listed-company-exempt-from-disclosure.json": (2, 1, 0, 1, 0, {}),
    "examples-0.4.0/mixed-direct-and-indirect-ownership.json": (
        6,
        2,
        1,
        3,
        2,
        {"missing_field": 1},
    ),
    "examples-0.4.0/multiple-indirect-ownership.json": (
        9,
        3,
        1,
        5,
        3,
        {"diamond": 1, "missing_field": 2},
    ),
    "examples-0.4.0/multiple-tax-residencies.json": (3, 1, 1, 1, 1, {}),
    "examples-0.4.0/mutilple-indirect-ownership-2.json": (
        9,
        3,
        1,
        5,
        3,
        {"diamond": 1, "missing_field": 2},
    ),
    "examples-0.4.0/nomination.json": (8, 2, 2, 4, 0, {}),
    "examples-0.4.0/plc-entity-statement.json": (1, 1, 0, 0, 0, {}),
    "examples-0.4.0/simple-pep-declaration.json": (3, 1, 1, 1, 1, {}),
    "examples-0.4.0/tecido.json": (11, 2, 1, 2, 2, {"superseded": 6}),
}


@pytest.mark.parametrize("name", sorted(FIGURES))
def test_every_sample_file_reads_with_its_defects_counted(name: str) -> None:
    path = BODS / name
    if not path.is_file():
        pytest.skip(NO_SHARED_DATA)
    stats = ReadStats()
    register = read_bods(path, stats=stats)
    says_share = sum(r.says_share for r in register.relationships)
    found = (len(register.entities), len(register.persons), len(register.relationships))
    assert (stats.statements, *found, says_share, dict(stats.defects)) == FIGURES[name]
    assert set(stats.defects) <= set(DEFECTS)
    assert "cycle" not in stats.defects


def test_the_real_folder_reads_as_one_register_and_most_shares_are_unknown() -> None:
    if not (BODS / "real").is_dir():
        pytest.skip(NO_SHARED_DATA)
    register = read_bods(BODS / "real")
    relationships = register.relationships
    known = [r for r in relationships if r.says_share]
    assert (len(relationships), len(known)) == (84, 8)  # who owns, rarely how much
    assert sum(r.share is not None and r.share.exact is None for r in relationships) == 2


def test_a_chain_joined_by_identifier_gives_the_owners() -> None:
    path = BODS / "examples-0.4.0" / "bods-package-fi-soe.json"
    if not path.is_file():
        pytest.skip(NO_SHARED_DATA)
    register = read_bods(path)
    (gasgrid,) = EntityIndex(register.entities.values()).match([("FI-PRO", "3007894-1")]).joined
    owners = {
        register.entities[r.interested_party].name: r.share
        for r in register.relationships
        if r.subject == gasgrid.ref and r.interested_party in register.entities and r.component
    }
    assert set(owners) == {"Suomen Kaasuverkko Oy", "Valtiovarainministerio"}
    assert register.entities["05ce06ec97b1"].entity_type == "state"
