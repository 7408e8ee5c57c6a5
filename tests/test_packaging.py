"""The shipped packs are found both in an editable install and in a built wheel."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from riskkit.packs import builtin_pack_paths
from tests.conftest import ROOT


def test_editable_install_finds_the_shipped_packs() -> None:
    names = {p.name for p in builtin_pack_paths()}
    assert {"compelled-access.toml", "listed-entities.toml", "biometric-bans.toml",
            "entities.toml", "data-protection.toml", "data-transfer.toml"} <= names  # fmt: skip


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The default build: no hatch build hook enabled from the environment (so no mypyc)."""
    out = tmp_path_factory.mktemp("wheel")
    env = {k: v for k, v in os.environ.items() if not k.startswith("HATCH_BUILD_")}
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
         "--quiet", "-w", str(out), str(ROOT)],
        check=True, timeout=300, env=env,
    )  # fmt: skip
    (built,) = out.glob("riskkit-*.whl")
    return built


def test_the_default_wheel_is_pure_python(wheel: Path) -> None:
    # The mypyc hook is opt-in: without HATCH_BUILD_HOOK_ENABLE_MYPYC=1 nothing is compiled,
    # and hatchling needs neither hatch-mypyc nor mypy (this build has no build isolation).
    assert wheel.name.endswith("-py3-none-any.whl"), wheel.name
    with zipfile.ZipFile(wheel) as zf:
        compiled = [n for n in zf.namelist() if n.endswith((".so", ".pyd"))]
    assert compiled == []


def test_wheel_carries_every_pack_and_the_type_marker(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as zf:
        names = set(zf.namelist())
    for pack in (ROOT / "rules").glob("*.toml"):
        assert f"riskkit/_rules/{pack.name}" in names
    assert "riskkit/py.typed" in names
    assert "riskkit/data/jurisdiction_groups.toml" in names


def test_installed_wheel_lists_the_shipped_rules(wheel: Path, tmp_path: Path) -> None:
    target = tmp_path / "site"
    with zipfile.ZipFile(wheel) as zf:
        zf.extractall(target)
    code = (
        "import riskkit, riskkit.packs as p;"
        "assert 'site' in riskkit.__file__, riskkit.__file__;"
        "print(p.builtin_pack_dir()); print(len(p.load_packs().rules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120,
        env={"PYTHONPATH": str(target), "PATH": "/usr/bin:/bin"}, cwd=tmp_path,
    )  # fmt: skip
    pack_dir, count = result.stdout.split()
    assert pack_dir.endswith("riskkit/_rules")
    assert int(count) >= 11
