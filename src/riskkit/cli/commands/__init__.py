"""CLI subcommands: one module each, registered in ``COMMANDS`` (order is the help order)."""

from __future__ import annotations

import argparse
from typing import Protocol

from riskkit.cli.commands import (
    assess,
    batch,
    compare,
    diff,
    importing,
    lists,
    rules,
    schema,
    screen,
)


class Command(Protocol):
    NAME: str
    HELP: str

    def configure(self, parser: argparse.ArgumentParser) -> None: ...

    def run(self, args: argparse.Namespace) -> int: ...


COMMANDS: tuple[Command, ...] = (
    assess, compare, diff, rules, schema, screen, lists, importing, batch
)  # fmt: skip
