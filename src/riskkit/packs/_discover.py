"""Where pack files come from: the shipped packs, installed plugin packs, and paths given.

Each source is a file with the label it is reported under: ``builtin:<file>``, a path, or
``plugin:<name>:<file>``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from importlib import resources
from importlib.metadata import entry_points
from pathlib import Path

ENTRY_POINT_GROUP = "riskkit.packs"


def builtin_pack_dir() -> Path:
    """The shipped packs: inside the installed package, or ``rules/`` of a source checkout."""
    packaged = resources.files("riskkit").joinpath("_rules")
    if packaged.is_dir():
        return Path(str(packaged))
    return Path(__file__).resolve().parents[3] / "rules"


def builtin_pack_paths() -> list[Path]:
    directory = builtin_pack_dir()
    return sorted(directory.glob("*.toml")) if directory.is_dir() else []


def plugin_pack_paths() -> list[tuple[str, Path]]:
    """Packs offered by installed packages: each entry point gives a callable returning paths."""
    found = []
    for ep in sorted(entry_points(group=ENTRY_POINT_GROUP), key=lambda e: e.name):
        provider = ep.load()
        for item in provider():
            found.append((ep.name, Path(str(item))))
    return found


def expand_paths(paths: Iterable[str | Path]) -> list[Path]:
    """Files as given, and the ``*.toml`` files of directories, in a stable order."""
    out: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            out.extend(sorted(path.glob("*.toml")))
        else:
            out.append(path)
    return out


def pack_sources(
    paths: Sequence[str | Path], *, builtin: bool, plugins: bool
) -> list[tuple[Path, str]]:
    """Every pack file to load, with its label: shipped, then plugin, then given packs."""
    sources: list[tuple[Path, str]] = []
    if builtin:
        sources.extend((p, f"builtin:{p.name}") for p in builtin_pack_paths())
    if plugins:
        sources.extend((p, f"plugin:{name}:{p.name}") for name, p in plugin_pack_paths())
    sources.extend((p, str(p)) for p in expand_paths(paths))
    return sources
