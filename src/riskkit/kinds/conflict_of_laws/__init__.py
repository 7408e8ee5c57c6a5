"""``conflict_of_laws``: one state can compel a disclosure that another state's law blocks.

The compelling law is written inline in the params, with the same fields as a
``compelled_access`` rule plus its own ``scope``, and its reach is found by the same search
(:mod:`riskkit.kinds._exposure`).
The blocking law says where it holds and what puts the deployment under it: the data sits in its
territory, or the buyer does. A finding names the bound party, its routes to the data and the
fact that brings the blocking law in; it is a risk to the buyer (a provider caught between two
laws may comply with either), never a prohibition.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from datetime import date

import attr
from pydantic import BaseModel

from riskkit.kinds._exposure.needs import reaching_needs
from riskkit.kinds._exposure.reach import law_reaches
from riskkit.kinds._exposure.subjects import party_name, subject_of
from riskkit.kinds._shared.sites import places_within
from riskkit.kinds._shared.undecided import as_foreign_law
from riskkit.kinds.conflict_of_laws.params import ConflictOfLawsParams
from riskkit.kinds.context import Context
from riskkit.kinds.interface import CompiledRule, Evidence, Hit, Missing, params_of
from riskkit.model.jurisdictions import country_keys
from riskkit.model.rule import Rule


# attr.s(auto_attribs=True, ...) is the spelling of an attrs class that mypyc compiles to a
# native class, in the optional compiled build (docs/compiled-build.md).
@attr.s(auto_attribs=True, frozen=True, slots=True)
class ConflictOfLaws:
    name: str = "conflict_of_laws"
    params_model: type[BaseModel] = ConflictOfLawsParams

    def check(self, params: BaseModel, rule: Rule) -> list[str]:
        params = params_of(params, ConflictOfLawsParams)
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

    def prerequisites(
        self, loaded: Sequence[CompiledRule], in_scope: Sequence[CompiledRule], ctx: Context
    ) -> Iterator[Missing]:
        """What the compelling laws read: where each party that can reach the data is
        incorporated (asked as ``compelled_access`` asks it, so the engine states it once)."""
        specs = [params_of(r, ConflictOfLawsParams).compelling for r in loaded]
        if any(how != "data_location" for spec in specs for how in spec.binds_by):
            threshold = min([spec.control_threshold for spec in specs], default=0.5)
            yield from reaching_needs(ctx, threshold)
        yield from _site_needs(in_scope, ctx)

    def evaluate(self, rule: CompiledRule, ctx: Context) -> Iterator[Hit]:
        params = params_of(rule, ConflictOfLawsParams)
        compelling = params.compelling
        hits = self._conflicts(rule, ctx, params)
        return as_foreign_law(ctx, compelling.scope, compelling.foreign_only, hits)

    @staticmethod
    def _conflicts(rule: CompiledRule, ctx: Context, params: ConflictOfLawsParams) -> Iterator[Hit]:
        compelling, blocking = params.compelling, params.blocking
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
        for party_id, reach in law_reaches(ctx, compelling.scope, compelling, where).items():
            exposure = reach.exposure(ctx)
            blocked = (
                [
                    Evidence(e.path, e.value, f"{e.note}, where {blocking_law} applies")
                    for e in reach.locations(ctx)
                    if e.value in inside
                ]
                if by_location
                else []
            )
            if not blocked and not buyer_under:
                continue
            seat = ctx.procurement.buyer.jurisdiction
            if buyer_under and seat is not None:  # under it by its seat, so the seat is known
                blocked.append(
                    Evidence(
                        "buyer.jurisdiction",
                        seat,
                        f"the buyer is under {blocking_law}",
                    )
                )
            yield Hit(
                subject=subject_of(party_id),
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


def _site_needs(in_scope: Sequence[CompiledRule], ctx: Context) -> Iterator[Missing]:
    """Devices with no site that a party can reach, where a blocking law in scope holds by
    where the data is and the buyer does not bring it in: the device may sit where it holds.
    A component that receives a flow (``to.component``) is where that flow's data goes."""
    blocking = []
    for rule in in_scope:
        block = params_of(rule, ConflictOfLawsParams).blocking
        if not rule.rule.effective.contains(ctx.day) or "data_location" not in block.applies_by:
            continue
        if "buyer" in block.applies_by and ctx.buyer_within(block.scope):
            continue
        blocking.append(block.law)
    if not blocking:
        return
    # A component that a flow delivers data to sits where that flow's destination is.
    received = {flow.to.component for flow in ctx.procurement.data_flows}
    for comp in ctx.procurement.components:
        if comp.site is not None or comp.id in received:
            continue
        reached = comp.remote_access is None or comp.remote_access or comp.firmware_updates_by
        if not reached:
            continue
        yield Missing(
            f"components[{comp.id}]",
            "site",
            f"Where {comp.id!r} is deployed is not given (it has no site), and a party can reach "
            f"it. If it sits where {blocking[0]} holds, a party another state compels could be "
            "caught between the two laws. Give the component its site.",
            (Evidence(f"components[{comp.id}].site", "not given"),),
        )


KIND = ConflictOfLaws()
