"""Unknowns for components whose producer may reach the listing through an open holding.

A rule on components (covered equipment "produced by" a listed entity or its subsidiaries and
affiliates) is moved by who owns and controls the maker just as a rule on parties is. When the
maker's holdings leave that open (``_undecided.open_reach``: a share or control not known, an
owner the register does not name), each component the rule covers by what it is, and on which
the rule found nothing, is an unknown on the component, never a silent pass.
"""

from __future__ import annotations

from riskkit.kinds._graph import producers_of
from riskkit.kinds.interface import Hit
from riskkit.kinds.listed_entity._applies import in_use
from riskkit.kinds.listed_entity._run import Run, unknown_hit
from riskkit.kinds.listed_entity._undecided import Open, listed_names, why_open
from riskkit.model import Component


def open_component_hits(run: Run, opened: Open, hits: list[Hit]) -> list[Hit]:
    """Unknowns for the components the rule covers by kind, capability and use, with no finding
    among ``hits``, whose first producer in ``opened`` may reach the listing; that producer is
    then covered, so the party is not reported again."""
    if not opened:
        return []
    done = {hit.subject for hit in hits}
    found: list[Hit] = []
    for comp in run.ctx.procurement.components:
        subject = f"components[{comp.id}]"
        if subject in done or not _covers(run, comp):
            continue
        for (kind, ident), steps in producers_of(run.ctx, comp.id):
            reached = opened.get(ident) if kind == "party" else None
            if not reached:
                continue
            producer = run.ctx.parties[ident]
            run.covered_parties.add(ident)
            why = dict.fromkeys(e for held in reached.values() for e in held)
            found.append(
                unknown_hit(
                    subject,
                    f"{comp.kind.replace('_', ' ')} {comp.id!r} is produced by "
                    f"{producer.name}, which may be covered by {run.params.list}: "
                    f"{why_open(reached, listed_names(run, reached))}, so whether the rule "
                    "applies to it is unknown.",
                    (*[step.evidence for step in steps], *why),
                    frozenset((comp.id, ident)),
                )
            )
            break
    return found


def _covers(run: Run, comp: Component) -> bool:
    """Whether the rule covers ``comp`` by what it is and, where that is known, its use: the
    same narrowing a finding on it would have."""
    spans, contained = run.spans, run.params.contained
    if spans.products and comp.kind not in spans.products:
        return False
    has = comp.capabilities  # left out, it may have them: the unknown stands
    if spans.capabilities and has is not None and spans.capabilities.isdisjoint(has):
        return False
    if contained is not None and contained.only:
        return False
    uses = spans.uses
    return not uses or in_use(run.ctx, run.deal, comp, uses) is not False
