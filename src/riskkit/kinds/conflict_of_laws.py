"""``conflict_of_laws``: one state can compel a disclosure that another state's law blocks.

The compelling law is written inline in the params, with the same fields as a
``compelled_access`` rule plus its own ``scope``, and its reach is found by the same functions.
The blocking law says where it holds and what puts the deployment under it: the data sits in its
territory, or the buyer does. A finding names the bound party, its routes to the data and the
fact that brings the blocking law in; it is a risk to the buyer (a provider caught between two
laws may comply with either), never a prohibition.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date
from typing import Literal

import attrs
from pydantic import BaseModel, Field

from riskkit.context import Context
from riskkit.jurisdictions import Jurisdiction, country_keys
from riskkit.kinds._common import Params
from riskkit.kinds._sites import places_within
from riskkit.kinds.compelled_access import (
    CompelledAccessParams,
    bindings,
    party_name,
)
from riskkit.kinds.interface import CompiledRule, Evidence, Hit
from riskkit.rules import Rule


class CompellingLaw(CompelledAccessParams):
    """The law that compels disclosure, as a ``compelled_access`` rule would write it."""

    law: str = Field(min_length=1)
    """Its short name, used in explanations (``US CLOUD Act``)."""
    scope: tuple[Jurisdiction, ...] = Field(min_length=1)


class BlockingLaw(Params):
    """The law that forbids answering the other state's demand, and what brings it in."""

    law: str = Field(min_length=1)
    """Its short name (``GDPR Art. 48``)."""
    scope: tuple[Jurisdiction, ...] = Field(min_length=1)
    applies_by: tuple[Literal["data_location", "buyer"], ...] = Field(min_length=1)
    """The blocking law holds when the data reached sits in its scope, or the buyer does."""
    forbids: str = Field(min_length=1)
    """What it forbids, in words, for the explanation."""


class ConflictOfLawsParams(Params):
    compelling: CompellingLaw
    blocking: BlockingLaw


@attrs.frozen
class ConflictOfLaws:
    name: str = "conflict_of_laws"
    params_model: type[BaseModel] = ConflictOfLawsParams

    def check(self, params: BaseModel, rule: Rule) -> list[str]:
        assert isinstance(params, ConflictOfLawsParams)
        # the engine picks rules by the countries of their scope, so both laws must be in it
        indexed = set().union(*(country_keys(s) for s in rule.scope))
        problems = []
        for side in ("compelling", "blocking"):
            for code in getattr(params, side).scope:
                if not country_keys(code) <= indexed:
                    problems.append(
                        f"{side}.scope {code!r} is not covered by the rule's scope "
                        f"{list(rule.scope)}; add it so the rule is found"
                    )
        return problems

    def change_dates(self, params: BaseModel) -> Iterable[date]:
        return ()

    def evaluate(self, rule: CompiledRule, ctx: Context) -> Iterator[Hit]:
        params = rule.params
        assert isinstance(params, ConflictOfLawsParams)
        compelling, blocking = params.compelling, params.blocking
        if compelling.foreign_only and ctx.buyer_within(compelling.scope):
            return
        # each field read once (reading a model's field is slow)
        applies_by, blocking_scope, blocking_law = blocking.applies_by, blocking.scope, blocking.law
        buyer_under = "buyer" in applies_by and ctx.buyer_within(blocking_scope)
        by_location = "data_location" in applies_by
        inside = places_within(ctx, blocking_scope) if by_location else frozenset()
        if not buyer_under and not inside:
            return
        # unless the buyer is under the blocking law, only parties reaching data where it
        # holds count
        where = None if buyer_under else blocking_scope
        for party_id, binding in bindings(ctx, compelling.scope, compelling, where).items():
            exposure = binding.exposure(ctx)
            blocked = (
                [
                    Evidence(e.path, e.value, f"{e.note}, where {blocking_law} applies")
                    for e in binding.locations(ctx)
                    if e.value in inside
                ]
                if by_location
                else []
            )
            if not blocked and not buyer_under:
                continue
            if buyer_under:
                blocked.append(
                    Evidence(
                        "buyer.jurisdiction",
                        ctx.procurement.buyer.jurisdiction,
                        f"the buyer is under {blocking_law}",
                    )
                )
            yield Hit(
                subject=f"parties[{party_id}]",
                outcome=rule.rule.outcome,
                binding=False,
                likelihood=exposure.likelihood,
                explanation=(
                    f"{party_name(ctx, party_id)} is bound by {compelling.law}, which can "
                    f"compel {compelling.compels_words} of this deployment's data, while "
                    f"{blocking_law} {blocking.forbids}. Whichever law it obeys breaks the other, "
                    "so neither law can be relied on to keep the data where it is."
                ),
                evidence=(*exposure.evidence, *blocked),
                concerns=exposure.concerns,
                confidence=exposure.confidence,
            )


KIND = ConflictOfLaws()
