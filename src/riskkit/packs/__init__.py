"""Rule packs: TOML files of rules (and curated entities), loaded, validated and indexed.

Loading is two passes, like followthemoney's: parse every file (``_parse``), then resolve
references across files (``_resolve``: duplicate ids, entity ids named by rules), then fail with
every problem at once. Packs are data: nothing in them is ever executed. What the engine asks of
the loaded rules is the ``RuleSet`` (``ruleset``).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from riskkit.errors import InvalidInput, Problem
from riskkit.limits import LimitExceeded
from riskkit.packs._discover import (
    ENTRY_POINT_GROUP,
    builtin_pack_dir,
    builtin_pack_paths,
    expand_paths,
    pack_sources,
    plugin_pack_paths,
)
from riskkit.packs._parse import LoadedPack, PackFile, ParsedPack, parse_pack
from riskkit.packs._resolve import resolve
from riskkit.packs.reach import curated_change_days, touched_places
from riskkit.packs.ruleset import RuleSet, Schedule
from riskkit.packs.schema import rule_pack_json_schema


def load_packs(
    paths: Sequence[str | Path] = (),
    *,
    builtin: bool = True,
    plugins: bool = True,
) -> RuleSet:
    """Load the shipped packs, installed plugin packs and ``paths`` into one rule set.

    Raises InvalidInput naming file, rule id and field for every problem found.
    """
    problems: list[Problem] = []
    parsed: list[ParsedPack] = []
    for path, label in pack_sources(paths, builtin=builtin, plugins=plugins):
        try:
            result = parse_pack(path, label)
        except LimitExceeded:
            raise
        except InvalidInput as exc:
            problems.extend(Problem(label, p.location, p.message) for p in exc.problems)
            continue
        if isinstance(result, list):
            problems.extend(result)
        else:
            parsed.append(result)
    return resolve(parsed, problems)


__all__ = [
    "ENTRY_POINT_GROUP",
    "LoadedPack",
    "PackFile",
    "RuleSet",
    "Schedule",
    "builtin_pack_dir",
    "builtin_pack_paths",
    "curated_change_days",
    "expand_paths",
    "load_packs",
    "plugin_pack_paths",
    "rule_pack_json_schema",
    "touched_places",
]
