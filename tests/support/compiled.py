"""Which modules the opt-in compiled build compiles: the mypyc hook's ``include`` and
``exclude`` in pyproject.toml (git-style patterns, as hatch-mypyc reads them) over src/."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import pathspec

ROOT = Path(__file__).resolve().parents[2]


def mypyc_hook(root: Path = ROOT) -> dict[str, Any]:
    config = tomllib.loads((root / "pyproject.toml").read_text("utf-8"))
    hook: dict[str, Any] = config["tool"]["hatch"]["build"]["targets"]["wheel"]["hooks"]["mypyc"]
    return hook


def _spec(patterns: list[str]) -> pathspec.PathSpec[pathspec.Pattern]:
    try:  # newer pathspec names git's rules "gitignore" (and deprecates "gitwildmatch")
        return pathspec.PathSpec.from_lines("gitignore", patterns)
    except KeyError:
        return pathspec.PathSpec.from_lines("gitwildmatch", patterns)


def compiled_files(root: Path = ROOT) -> list[str]:
    """The source files the hook compiles, relative to ``root`` (``src/riskkit/...py``)."""
    hook = mypyc_hook(root)
    include = _spec(hook["include"])
    exclude = _spec(hook.get("exclude", []))
    files = (path.relative_to(root).as_posix() for path in (root / "src").rglob("*.py"))
    return sorted(f for f in files if include.match_file(f) and not exclude.match_file(f))


def compiled_module_names(root: Path = ROOT) -> list[str]:
    """The dotted names of the modules the hook compiles (a package by its own name)."""
    names = []
    for file in compiled_files(root):
        dotted = file.removeprefix("src/").removesuffix(".py").replace("/", ".")
        names.append(dotted.removesuffix(".__init__"))
    return names
