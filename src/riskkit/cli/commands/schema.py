"""``riskkit schema procurement|rule-pack|report``: print a JSON Schema."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from typing import Any

from riskkit.cli.commands._common import EXIT_CLEAN
from riskkit.decisions.waivers import WaiversFile
from riskkit.decisions.whatif import Patch
from riskkit.model import Procurement
from riskkit.packs import rule_pack_json_schema
from riskkit.report import Report

NAME = "schema"
HELP = "print the JSON Schema of a procurement, rule pack, report, what-if patch or waivers file"
SCHEMAS: dict[str, Callable[[], dict[str, Any]]] = {
    "procurement": lambda: Procurement.model_json_schema(by_alias=True),
    "rule-pack": rule_pack_json_schema,
    "report": Report.model_json_schema,
    "patch": lambda: Patch.model_json_schema(by_alias=True),
    "waivers": lambda: WaiversFile.model_json_schema(by_alias=True),
}


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("which", choices=list(SCHEMAS))


def run(args: argparse.Namespace) -> int:
    schema = SCHEMAS[args.which]()
    sys.stdout.write(json.dumps(schema, indent=2, ensure_ascii=False) + "\n")
    return EXIT_CLEAN
