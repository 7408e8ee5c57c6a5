"""``compelled_access``: a state's law can make a party hand over the deployment's data.

A law binds a party by incorporation, headquarters, operation in the country, control through
ownership, or because the data sits there. The kind reports each party the law binds that can
reach the data once, with every route as evidence, and each flow to the buyer's own premises
where the law reaches data held in its territory. The search for whom a law reaches is the
shared wing :mod:`riskkit.kinds._exposure`; what the kind reads and the input does not give is
asked for by ``prerequisites``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from datetime import date

import attr
from pydantic import BaseModel

from riskkit.kinds._exposure.bonds import buyer_held
from riskkit.kinds._exposure.needs import reaching_needs
from riskkit.kinds._exposure.reach import LawReach, law_reaches
from riskkit.kinds._exposure.subjects import party_name, subject_of
from riskkit.kinds._exposure.written import write
from riskkit.kinds._shared.undecided import as_foreign_law
from riskkit.kinds.compelled_access._control import control_law_starts, control_needs
from riskkit.kinds.compelled_access._needs import key_needs, min_threshold, reads_ties, role_needs
from riskkit.kinds.compelled_access.params import CompelledAccessParams
from riskkit.kinds.context import Context
from riskkit.kinds.interface import CompiledRule, Hit, Missing, params_of
from riskkit.model.rule import Rule


# attr.s(auto_attribs=True, ...) is the spelling of an attrs class that mypyc compiles to a
# native class, in the optional compiled build (docs/compiled-build.md).
@attr.s(auto_attribs=True, frozen=True, slots=True)
class CompelledAccess:
    name: str = "compelled_access"
    params_model: type[BaseModel] = CompelledAccessParams

    def check(self, params: BaseModel, rule: Rule) -> list[str]:
        return []

    def change_dates(self, params: BaseModel) -> Iterable[date]:
        return ()

    def prerequisites(
        self, loaded: Sequence[CompiledRule], in_scope: Sequence[CompiledRule], ctx: Context
    ) -> Iterator[Missing]:
        """Where every party that can reach the data is incorporated (any loaded law may be
        the one that binds it: its incorporation decides which laws are in scope), and, for
        the laws in scope, the roles of parties a law binding only some roles may bind, whether
        the owners a law binding by control binds control the parties that reach the data,
        and whether data under buyer-held keys is encrypted at rest."""
        if any(map(reads_ties, loaded)):
            yield from reaching_needs(ctx, min_threshold(loaded))
        yield from role_needs(ctx, in_scope)
        yield from control_needs(ctx, in_scope, loaded)
        yield from key_needs(ctx, in_scope)

    def deployment_days(self, loaded: Sequence[CompiledRule], ctx: Context) -> Iterable[date]:
        """The first days of the loaded laws that bind by control, when an owner the register
        does not name holds a party: from each, that owner may be bound, in scope or not
        (``control_needs``; named owners are asked about on the days of the laws in scope)."""
        if not any(party.undisclosed for party in ctx.procurement.parties):
            return ()  # the usual case: every owner named, or none at all
        return control_law_starts(loaded)

    def evaluate(self, rule: CompiledRule, ctx: Context) -> Iterator[Hit]:
        params = params_of(rule, CompelledAccessParams)
        hits = self._reached(rule, ctx, params)
        return as_foreign_law(ctx, rule.rule.scope, params.foreign_only, hits)

    @staticmethod
    def _reached(rule: CompiledRule, ctx: Context, params: CompelledAccessParams) -> Iterator[Hit]:
        scopes = rule.rule.scope
        compels = params.compels_words
        for party_id, reach in law_reaches(ctx, scopes, params).items():
            exposure = reach.exposure(ctx)
            yield Hit(
                subject=subject_of(party_id),
                outcome=rule.rule.outcome,
                binding=False,
                likelihood=exposure.likelihood,
                explanation=(
                    f"{party_name(ctx, party_id)} can reach this deployment's data and is bound "
                    f"by {rule.rule.title}{_through_words(reach)}, which can compel {compels}."
                ),
                evidence=exposure.evidence,
                concerns=exposure.concerns,
                confidence=exposure.confidence,
            )
        for route in buyer_held(ctx, scopes, params):
            flow = route.flow
            assert flow is not None
            likelihood, confidence, _, where = write(ctx, route)
            yield Hit(
                subject=f"data_flows[{flow.id}]",
                outcome=rule.rule.outcome,
                binding=False,
                likelihood=likelihood,
                explanation=(
                    f"The buyer keeps {', '.join(flow.data)} from {flow.source!r} on its own "
                    f"premises in {flow.to.location}, where {rule.rule.title} reaches data held "
                    f"in its territory and can compel {compels}."
                ),
                evidence=where,
                concerns=frozenset((flow.id, flow.source)),
                confidence=confidence,
            )


def _through_words(reach: LawReach) -> str:
    """How a party the law binds only through a curated parent is bound, in words."""
    if reach.stored or not reach.via:
        return ""
    parents = {via.bond.through for via in reach.via}
    if None in parents:
        return ""  # bound itself, or through an owner the procurement declares
    names = sorted(name for name in parents if name is not None)
    return f" through {' and '.join(names)}, which controls it as riskkit's curated data says"


KIND = CompelledAccess()
