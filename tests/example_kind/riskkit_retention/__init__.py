"""``data_retention_limit``: a rule that caps how long recorded data may be kept.

A flow carrying covered data that is kept longer than ``max_days`` gives the rule's outcome; a
flow that does not say how long it is kept is an unknown. The rule binds buyers seated in its
scope.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path

from pydantic import BaseModel

from riskkit.kinds.interface import (
    CompiledRule,
    Context,
    Evidence,
    Hit,
    Rule,
    binds,
    params_of,
)
from riskkit.kinds.scope import in_scope_by
from riskkit_retention.params import RetentionParams


class RetentionLimit:
    """How long a deployment keeps the data it records."""

    name: str = "data_retention_limit"
    params_model: type[BaseModel] = RetentionParams

    def check(self, params: BaseModel, rule: Rule) -> list[str]:
        return []  # the params model says all there is to say

    def change_dates(self, params: BaseModel) -> Iterable[date]:
        return ()  # the limit holds unchanged over the rule's window

    def evaluate(self, rule: CompiledRule, ctx: Context) -> Iterator[Hit]:
        params = params_of(rule, RetentionParams)
        if in_scope_by(rule, ctx, by=("buyer",)) is None:
            return  # the rule binds buyers in its scope, and this one is elsewhere
        covered = set(params.data)
        for flow in ctx.procurement.data_flows:
            carried = ", ".join(c for c in flow.data if c in covered)
            if not carried:
                continue
            subject = f"data_flows[{flow.id}]"
            kept = f"{subject}.retention_days"
            if flow.retention_days is None:
                yield Hit(
                    subject=subject,
                    outcome="unknown",
                    binding=False,
                    likelihood=3,
                    explanation=(
                        f"Data flow {flow.id!r} does not say how long its {carried} is kept, "
                        f"so whether it meets {rule.rule.title} is unknown: give its "
                        "retention_days."
                    ),
                    evidence=(Evidence(kept, "not given"),),
                )
            elif flow.retention_days > params.max_days:
                outcome = rule.rule.outcome
                yield Hit(
                    subject=subject,
                    outcome=outcome,
                    binding=binds(outcome, True),
                    likelihood=4,
                    explanation=(
                        f"Data flow {flow.id!r} keeps its {carried} for "
                        f"{flow.retention_days} days; {rule.rule.title} allows at most "
                        f"{params.max_days}."
                    ),
                    evidence=(
                        Evidence(kept, str(flow.retention_days), f"over {params.max_days} days"),
                    ),
                    concerns=frozenset({flow.id, flow.source}),
                )


KIND = RetentionLimit()


def packs() -> list[Path]:
    """The rule packs this package ships (entry point group ``riskkit.packs``)."""
    return [Path(__file__).with_name("retention.toml")]
