"""The opt-in compiled build: which modules it compiles, and which build the tests are running.

The mypyc hook in pyproject.toml is off unless HATCH_BUILD_HOOK_ENABLE_MYPYC=1 is set at build
time. CI runs this suite twice: against the editable, pure Python install, and against an
installed compiled wheel with RISKKIT_EXPECT_COMPILED=1, where every listed module must be an
extension module.
"""

from __future__ import annotations

import importlib
import importlib.machinery
import os
import tomllib
from pathlib import Path

import pytest

import riskkit
from tests.conftest import ROOT
from tests.support.compiled import compiled_files, compiled_module_names, mypyc_hook

EXTENSION_SUFFIXES = tuple(importlib.machinery.EXTENSION_SUFFIXES)


def test_the_compiled_build_is_opt_in() -> None:
    hook = mypyc_hook()
    assert hook["enable-by-default"] is False
    # hatch-mypyc and mypy are build-time dependencies of the hook alone, never of riskkit.
    config = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
    runtime = " ".join(config["project"]["dependencies"])
    assert "mypy" not in runtime
    assert any(dep.startswith("hatch-mypyc") for dep in hook["dependencies"])


def test_the_build_compiles_the_engine_and_the_kinds_by_folder_leaving_params_out() -> None:
    files = compiled_files()
    assert "src/riskkit/engine/__init__.py" in files
    assert "src/riskkit/kinds/listed_entity/_matcher.py" in files
    assert "src/riskkit/kinds/_exposure/reach.py" in files
    # pydantic models, the plugin contract and the registry stay Python
    assert not [f for f in files if f.endswith("/params.py")]
    for python in ("kinds/interface.py", "kinds/__init__.py", "kinds/_exposure/spec.py",
                   "kinds/condition/__init__.py", "kinds/data_transfer/__init__.py"):  # fmt: skip
        assert f"src/riskkit/{python}" not in files
    # the screening query path; its index, readers and models stay Python
    for compiled in ("candidates", "score", "caps", "explain"):
        assert f"src/riskkit/screening/{compiled}.py" in files
    assert "src/riskkit/screening/model.py" not in files
    for pattern in mypyc_hook()["include"]:
        assert (ROOT / pattern.lstrip("/")).exists(), f"{pattern} is listed but does not exist"


def test_no_compiled_module_sits_in_the_source_tree() -> None:
    """A compiled build run in the checkout can leave extension modules in src/, where they
    shadow the .py files of an editable install: edits to those modules would silently not
    run. Build with HATCH_BUILD_CLEAN_HOOKS_AFTER=1 (docs/compiled-build.md)."""
    stale = sorted(
        str(path.relative_to(ROOT))
        for path in (ROOT / "src").rglob("*")
        if path.name.endswith(EXTENSION_SUFFIXES)
    )
    assert not stale, f"delete these stale compiled modules: {stale}"


def test_the_running_build_is_the_expected_one() -> None:
    names = compiled_module_names()
    files = {name: Path(str(importlib.import_module(name).__file__)) for name in names}
    compiled = sorted(n for n, path in files.items() if path.name.endswith(EXTENSION_SUFFIXES))
    from_source_tree = Path(str(riskkit.__file__)).resolve().is_relative_to(ROOT / "src")
    if os.environ.get("RISKKIT_EXPECT_COMPILED") == "1":
        assert not from_source_tree, f"riskkit is imported from the checkout: {riskkit.__file__}"
        assert compiled == sorted(files), f"not compiled: {sorted(set(files) - set(compiled))}"
    elif from_source_tree:
        assert compiled == [], f"an editable install runs compiled modules: {compiled}"
    else:
        pytest.skip("an installed riskkit; set RISKKIT_EXPECT_COMPILED=1 to check it is compiled")
