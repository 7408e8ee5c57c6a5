"""``riskkit schema procurement|rule-pack|report``: print a JSON Schema."""

from __future__ import annotations

import argparse
import json
import sys

from riskkit.commands._common import EXIT_CLEAN
from riskkit.model import Procurement
from riskkit.packs import rule_pack_json_schema
from riskkit.report import Report

NAME = "schema"
HELP = "print the JSON Schema of a procurement, a rule pack or a report"


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("which", choices=["procurement", "rule-pack", "report"])


def run(args: argparse.Namespace) -> int:
    if args.which == "procurement":
        schema = Procurement.model_json_schema(by_alias=True)
    elif args.which == "report":
        schema = Report.model_json_schema()
    else:
        schema = rule_pack_json_schema()
    sys.stdout.write(json.dumps(schema, indent=2, ensure_ascii=False) + "\n")
    return EXIT_CLEAN
