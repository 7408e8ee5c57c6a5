"""``Party.undisclosed``: an owner whose identity is not known. Left out it changes no dump and
no digest; set, it is only an owner, with nothing that would make it known; a misuse is a
located error."""

from __future__ import annotations

from pathlib import Path

import pytest

from riskkit.engine.provenance import procurement_digest
from riskkit.errors import InvalidInput
from riskkit.model import Party
from riskkit.model.loading import load_procurement

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "eu-smart-city-us-cloud.toml"
CLOUD_US = 'id = "cloud-us"\nname = "Nimbus Cloud Inc."\nroles = ["owner"]\n'


def _with_cloud_us(tmp_path: Path, fields: str) -> Path:
    """The example with ``fields`` (TOML lines) added to the owner party ``cloud-us``."""
    text = EXAMPLE.read_text("utf-8")
    assert CLOUD_US in text
    path = tmp_path / "changed.toml"
    path.write_text(text.replace(CLOUD_US, CLOUD_US + fields), "utf-8")
    return path


def test_a_party_dumps_undisclosed_only_when_set() -> None:
    assert "undisclosed" not in Party(id="p", name="Known Ltd").model_dump()
    assert "undisclosed" not in Party(id="p", name="Known Ltd").model_dump_json()
    unnamed = Party(id="p", name="an owner not named", roles=("owner",), undisclosed=True)
    assert unnamed.model_dump()["undisclosed"] is True


def test_undisclosed_false_written_out_keeps_the_digest(tmp_path: Path) -> None:
    plain = load_procurement(EXAMPLE)
    written = load_procurement(_with_cloud_us(tmp_path, "undisclosed = false\n"))
    assert procurement_digest(written) == procurement_digest(plain)
    assert written.model_dump_json() == plain.model_dump_json()
    marked = load_procurement(_with_cloud_us(tmp_path, "undisclosed = true\n"))
    assert procurement_digest(marked) != procurement_digest(plain)
    assert marked.parties[1].undisclosed is True


@pytest.mark.parametrize(
    ("fields", "said"),
    [
        ('undisclosed = true\nidentifiers = [{ scheme = "lei", value = "X" }]\n',
         "has no identifiers or aliases"),
        ('undisclosed = true\naliases = ["Nimbus"]\n', "has no identifiers or aliases"),
    ],
    ids=["identifier", "alias"],
)  # fmt: skip
def test_an_undisclosed_party_with_what_would_name_it_is_a_located_error(
    tmp_path: Path, fields: str, said: str
) -> None:
    with pytest.raises(InvalidInput) as caught:
        load_procurement(_with_cloud_us(tmp_path, fields))
    message = str(caught.value)
    assert "changed.toml" in message and "parties[" in message and said in message


def test_an_undisclosed_party_can_only_be_an_owner(tmp_path: Path) -> None:
    text = EXAMPLE.read_text("utf-8")
    role = 'roles = ["integrator", "operator"]\n'
    assert role in text
    path = tmp_path / "role.toml"
    path.write_text(text.replace(role, role + "undisclosed = true\n"), "utf-8")
    with pytest.raises(InvalidInput) as caught:
        load_procurement(path)
    message = str(caught.value)
    assert "role.toml" in message and "can only be an owner" in message
    assert "integrator" in message


def test_an_undisclosed_party_cannot_make_or_run_a_component(tmp_path: Path) -> None:
    """Who makes a component must be screenable: a party of unknown identity with no roles
    (allowed: roles may be left out) named as a maker is refused, where the maker is named."""
    text = EXAMPLE.read_text("utf-8")
    assert 'manufacturer = "cloud-eu"' in text
    path = tmp_path / "maker.toml"
    path.write_text(
        text.replace('manufacturer = "cloud-eu"', 'manufacturer = "unnamed"')
        + '\n[[parties]]\nid = "unnamed"\nname = "an owner not named"\nundisclosed = true\n',
        "utf-8",
    )
    with pytest.raises(InvalidInput) as caught:
        load_procurement(path)
    message = str(caught.value)
    assert "maker.toml: components[0].manufacturer" in message
    assert 'party "unnamed" is undisclosed' in message
