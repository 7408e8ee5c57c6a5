"""Entity screening against official sanctions and entity-list files.

    from riskkit.screening import Screener
    screener = Screener.from_files(["sdn.csv", "cons_prim.csv", "dpl.txt"])
    for match in screener.screen("Hikvsion", country="CN"):
        print(match.band, match.score, match.explanation)

Readers: ``read_list(path)`` (format detected from the content) returns a ``ListFile`` with
entries, counts and warnings; ``describe``/``render_text`` show what was read. Entries are kept
as compact ``EntryRecord``s (``ListFile.records``); ``ListFile.entries`` and ``Match.entry`` are
validated ``ListEntry`` models, built on demand. Bad files raise
``riskkit.errors.InvalidInput`` naming the file and line. ``country_code`` reads a country as the
lists write it ("China", "Korea, North") as its ISO code. List data has a date: a screening
result says what a list file said, not what the law says today.
"""

from __future__ import annotations

from riskkit.screening.countries import country_code
from riskkit.screening.describe import describe, render_text
from riskkit.screening.match import Match
from riskkit.screening.model import EntryRecord, Identifier, ListedDate, ListEntry, ListFile
from riskkit.screening.normalize import normalize_name, tokens
from riskkit.screening.score import MATCH_AT, REVIEW_AT, Band, TokenPair
from riskkit.screening.screener import Screener, screen_many
from riskkit.screening.sources import read_list, read_lists

__all__ = [
    "MATCH_AT",
    "REVIEW_AT",
    "Band",
    "EntryRecord",
    "Identifier",
    "ListEntry",
    "ListFile",
    "ListedDate",
    "Match",
    "Screener",
    "TokenPair",
    "country_code",
    "describe",
    "normalize_name",
    "read_list",
    "read_lists",
    "render_text",
    "screen_many",
    "tokens",
]
