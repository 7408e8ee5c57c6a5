"""The JSON Schema of a rule pack file (``riskkit schema rule-pack``)."""

from __future__ import annotations

from typing import Any

from riskkit.kinds import registry
from riskkit.packs._parse import PackFile


def rule_pack_json_schema() -> dict[str, Any]:
    """JSON Schema of a pack file, with each kind's params schema under ``$defs``."""
    schema = PackFile.model_json_schema()
    defs = schema.setdefault("$defs", {})
    for name, kind in sorted(registry().items()):
        defs[f"params.{name}"] = kind.params_model.model_json_schema()
    schema["description"] = (
        "A riskkit rule pack. Each rule's `params` must match `$defs/params.<kind>`."
    )
    return schema
