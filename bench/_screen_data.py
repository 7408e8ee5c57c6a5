"""Shared by the screening benchmarks: where the shared list files are, and loading them."""

from __future__ import annotations

import os
import random
from collections.abc import Sequence
from pathlib import Path

from riskkit.screening.model import EntryRecord

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


def synthetic_records(real: Sequence[EntryRecord], names: int, seed: int = 15) -> list[EntryRecord]:
    """``real`` followed by made-up entries until there are ``names`` primary names in all.

    Each made-up entry is a real entry's name with one to three changes drawn from the lists'
    own words (a word replaced by another listed word or by a new word spliced from two listed
    words, a word added, a word dropped, a number added), so name lengths and scripts stay
    those of the real lists and the vocabulary grows with the names as real lists' do (without
    new words, 1,000,000 names would share the 40,000 words of 56,000, and every word's
    postings would be 25 times longer than in any real list). The made-up entries have no
    aliases; they belong to a list called ``SYNTH``.
    """
    rng = random.Random(seed)
    pool = [r for r in real if r.name.strip()]
    vocabulary = sorted({w for r in pool for w in r.name.split() if w.isalpha()})
    out = list(real)
    serial = 0
    while len(out) < names:
        base = rng.choice(pool)
        words = base.name.split()
        for _ in range(rng.randint(1, 3)):
            change = rng.random()
            if change < 0.3 and words:
                words[rng.randrange(len(words))] = rng.choice(vocabulary)
            elif change < 0.6 and words:
                # A new word, as a new company's brand is: the start of one listed word and
                # the end of another ("HIKVISION" + "SHIPPING" -> "HIKVPING").
                a, b = rng.choice(vocabulary), rng.choice(vocabulary)
                words[rng.randrange(len(words))] = a[: max(2, len(a) // 2)] + b[len(b) // 2 :]
            elif change < 0.75:
                words.insert(rng.randrange(len(words) + 1), rng.choice(vocabulary))
            elif change < 0.9 and len(words) > 2:
                del words[rng.randrange(len(words))]
            else:
                words.append(str(rng.randint(1, 9999)))
        serial += 1
        out.append(
            EntryRecord(
                source="synthetic",
                format="riskkit-curated",
                list="SYNTH",
                name=" ".join(words),
                entity_type=base.entity_type,
                countries=base.countries,
                source_id=f"S{serial}",
            )
        )
    return out
