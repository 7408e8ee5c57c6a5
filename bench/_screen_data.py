"""Shared by the screening benchmarks: where the shared list files are, and loading them."""

from __future__ import annotations

import os
from pathlib import Path

DATA = Path(
    os.environ.get("RISKKIT_SHARED_DATA")
    or Path(__file__).resolve().parents[1] / ".." / "shared" / "data"
)
"""``../shared/data`` from the repository root; ``RISKKIT_SHARED_DATA`` overrides it (a git
worktree kept elsewhere, where the relative path does not reach the shared folder)."""
LIST_FOLDERS = (
    "ofac_sdn", "ofac_sdn_2024", "ofac_non_sdn_cons", "trade_gov_csl", "bis_dpl", "un_consolidated",
)  # fmt: skip


def list_paths() -> list[Path]:
    """Every list file in the shared data folders (OFAC siblings are read with their primary)."""
    if not DATA.is_dir():
        raise SystemExit(f"shared data folder not found: {DATA}")
    return [p for folder in LIST_FOLDERS for p in sorted((DATA / folder).iterdir()) if p.is_file()]


def entry_key(source: str, source_id: str | None) -> str:
    """A key for one entry in one file: ``folder/file#id``."""
    path = Path(source)
    return f"{path.parent.name}/{path.name}#{source_id}"
