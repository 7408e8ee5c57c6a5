"""Name normalisation keeps its results on ordinary names and stays linear on hostile ones."""

from __future__ import annotations

import pytest

from riskkit.screening.normalize import normalize_name, tokens

SPACES = " " * 30_000


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Example Optics Co., Ltd. and any successor, sub-unit, or subsidiary thereof",
         "example optics"),
        ("Example Optics; including its affiliates", "example optics"),
        ("Example Optics and all subsidiaries thereof, Beijing", "example optics beijing"),
        ("AL ZAWAHIRI, Ayman", "ayman al zawahiri"),
        ("Smith, John", "smith john"),
        ("Huawei Technologies Co., Ltd.", "huawei technologies"),
    ],
)  # fmt: skip
def test_ordinary_names_normalise_as_before(name: str, expected: str) -> None:
    assert normalize_name(name) == expected


def test_surname_first_with_a_given_person_is_reordered() -> None:
    assert normalize_name("Smith, John", person=True) == "john smith"


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Evil" + SPACES + "Optics, x", ["evil", "optics", "x"]),
        ("EVIL, Optics" + SPACES + "Hidden", ["optics", "hidden", "evil"]),
        ("Evil" + SPACES + " any Optics", ["evil", "any", "optics"]),
        # No phrase ends in "thereof" or at the end, so none is boilerplate.
        (
            "Evil," + SPACES + "and any successor " * 2_000 + "!",
            ["evil", *["any", "successor"] * 2_000],
        ),
    ],
)
def test_names_with_long_runs_of_spaces_or_phrases_normalise(
    name: str, expected: list[str]
) -> None:
    # Each of these took from 4 to 45 seconds when the regexes rescanned the run per start.
    assert tokens(name) == expected
