"""Locating paths in the procurement file, for SARIF and HTML: each subject at its own line."""

from __future__ import annotations

import json

from riskkit.formats._source import Source, locate


def _toml(cameras: int) -> str:
    head = 'id = "p"\n\n[buyer]\nname = "B"\n\n'
    blocks = [
        f'[[components]]\nid = "cam-{i}"\nkind = "ip_camera"\nmanufacturer = "m"\n'
        for i in range(cameras)
    ]
    return head + "\n".join(blocks)


def test_every_component_of_a_large_toml_file_is_found_at_its_own_block() -> None:
    source = Source("p.toml", _toml(3000))
    lines = source.text.splitlines() if source.text else []
    for i in (0, 1, 1500, 2999):
        region = locate(source, f"components[cam-{i}].manufacturer")
        assert region is not None
        assert lines[region.line - 1] == 'manufacturer = "m"'
        assert lines[region.line - 3] == f'id = "cam-{i}"'
    assert locate(source, "components[cam-9999]") is None
    buyer = locate(source, "buyer.name")
    assert buyer is not None and lines[buyer.line - 1] == 'name = "B"'


def test_every_component_of_a_large_json_file_is_found_at_its_id() -> None:
    data = {"id": "p", "components": [{"id": f"cam-{i}", "kind": "ip_camera"} for i in range(3000)]}
    text = json.dumps(data, indent=2)
    source = Source("p.json", text)
    lines = text.splitlines()
    for i in (0, 2999):
        region = locate(source, f"components[cam-{i}]")
        assert region is not None
        assert lines[region.line - 1].strip() == f'"id": "cam-{i}",'
