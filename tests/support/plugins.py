"""Installing an example plugin project for one test, as pip would: its package on the path and
its metadata (name, version, entry points) in a ``.dist-info`` folder importlib.metadata reads."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest


def install(site: Path, project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """What ``pip install -e project`` leaves for importlib.metadata: the project's package on
    the path and its metadata (name, version, entry points) in a ``.dist-info`` folder."""
    meta = tomllib.loads((project / "pyproject.toml").read_text("utf-8"))["project"]
    info = site / f"{meta['name'].replace('-', '_')}-{meta['version']}.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text(
        f"Metadata-Version: 2.1\nName: {meta['name']}\nVersion: {meta['version']}\n", "utf-8"
    )
    groups = [
        f"[{group}]\n" + "".join(f"{name} = {value}\n" for name, value in points.items())
        for group, points in meta["entry-points"].items()
    ]
    (info / "entry_points.txt").write_text("\n".join(groups), "utf-8")
    monkeypatch.syspath_prepend(str(site))
    monkeypatch.syspath_prepend(str(project))
