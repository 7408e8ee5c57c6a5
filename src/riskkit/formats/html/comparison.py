"""HTML for a comparison: the committee pack.

The ranking first, then what separates the candidates, the rule-by-candidate matrix, and each
candidate's full report.
"""

from __future__ import annotations

from collections.abc import Mapping

from riskkit.decisions.compare import Cell, Comparison
from riskkit.formats._source import Source
from riskkit.formats._words import HTML_VERDICT_TEXT
from riskkit.formats.html._page import (
    Headings,
    code_id,
    esc,
    fragment,
    outcome_badge,
    page,
    verdict_badge,
)
from riskkit.formats.html._style import VERDICT_COLOUR
from riskkit.formats.html.report import report_body


def comparison_body(
    comparison: Comparison, *, sources: Mapping[str, Source] | None = None, top: int = 1
) -> str:
    """The comparison as HTML elements: ranking first, then what separates the candidates, the
    rule-by-candidate matrix, and each candidate's full report."""
    h = Headings(top)
    sources = sources or {}
    by_label = {c.label: c for c in comparison.candidates}
    first = by_label[comparison.ranking[0]]
    out = [
        h(0, f"riskkit comparison of {len(comparison.candidates)} candidates"),
        f'<p class="meta">All assessed as of {comparison.as_of}. Ranked by verdict, then the '
        "verdict over the term, then residual and inherent risk.</p>",
        f'<section class="verdict" style="background:{VERDICT_COLOUR[first.verdict]}" '
        f'aria-label="ranking">'
        f'<p class="label">Ranked first on {comparison.as_of}</p>'
        f'<p class="value">{esc(first.label)}: {esc(HTML_VERDICT_TEXT[first.verdict])}</p>'
        f"<p>{esc(first.title)}</p></section>",
        '<div class="cards">',
    ]
    for rank, label in enumerate(comparison.ranking, 1):
        c = by_label[label]
        s = c.scores
        term = (
            "same over the term"
            if c.term_verdict == c.verdict
            else f"over the term: {HTML_VERDICT_TEXT[c.term_verdict]}"
        )
        out.append(
            f'<div class="card"><div class="head" style="background:{VERDICT_COLOUR[c.verdict]}">'
            f'<span class="rank">#{rank} · {esc(c.label)}</span>'
            f'<span class="v">{esc(HTML_VERDICT_TEXT[c.verdict])}</span></div>'
            f'<div class="body"><p>{esc(c.title)}</p><p>{esc(term)}</p>'
            f"<p>risk {s.inherent:g} inherent, {s.residual:g} residual / 100</p>"
            f"<p>{s.findings} active ({s.binding} binding), {s.upcoming} upcoming, "
            f"{len(c.report.unknowns)} unknown</p>"
            f'<p><a href="#c{_index(comparison, label)}">full report below</a></p></div></div>'
        )
    out.append("</div>")
    out.append(h(1, "What separates them"))
    out.append(_separators(comparison))
    out.append(h(1, "Rule by candidate"))
    out.append(_comparison_matrix(comparison))
    for i, c in enumerate(comparison.candidates, 1):
        body = report_body(c.report, source=sources.get(c.label), top=top + 1, ident=f"c{i}")
        out.append(
            f'<section class="candidate" id="c{i}">'
            f'<p class="meta">Candidate {i}: <code>{esc(c.label)}</code></p>\n{body}</section>'
        )
    return "\n".join(out) + "\n"


def _separators(comparison: Comparison) -> str:
    """The differences that decide a verdict or bind a buyer as sentences; the rest counted."""
    if not comparison.separators:
        return "<p>No rule treats the candidates differently.</p>"
    key = [s for s in comparison.separators if s.decides_verdict or s.binding]
    items = []
    for s in key:
        why = ", ".join(
            x for x, on in (("binding", s.binding), ("decides a verdict", s.decides_verdict)) if on
        )
        absent = f"; not for {esc(', '.join(s.absent_from))}" if s.absent_from else ""
        items.append(
            f"<li>{outcome_badge(s.outcome)} <strong>{esc(s.rule_title)}</strong> "
            f"(<code>{esc(s.rule_id)}</code>, {why}): found for "
            f"<strong>{esc(', '.join(s.present_in))}</strong>{absent}.</li>"
        )
    rest = len(comparison.separators) - len(key)
    more = (
        f"<p>{rest} more rule{'s' if rest != 1 else ''} separate{'' if rest != 1 else 's'} the "
        "candidates without binding anyone or deciding a verdict; see the table below.</p>"
        if rest
        else ""
    )
    listed = f"<ul>{''.join(items)}</ul>" if items else ""
    return listed + more


def _index(comparison: Comparison, label: str) -> int:
    return [c.label for c in comparison.candidates].index(label) + 1


def _cell_html(cell: Cell) -> str:
    if cell.state == "clear":
        return '<td class="clear">clear</td>'
    if cell.state == "unknown":
        return '<td><span class="tag">unknown: facts missing</span></td>'
    assert cell.outcome is not None
    parts = [outcome_badge(cell.outcome)]
    if cell.state == "upcoming":
        parts.append('<span class="tag">upcoming</span>')
    parts.append("binding" if cell.binding else "not binding")
    parts.append(f"residual {cell.residual_score}")
    if cell.waived:
        parts.append('<span class="tag">waived</span>')
    subjects = ", ".join(code_id(subject) for subject in cell.subjects)
    return f"<td>{' · '.join(parts)}<br/>{subjects}</td>"


def _comparison_matrix(comparison: Comparison) -> str:
    head = "".join(f"<th>{esc(c.label)}</th>" for c in comparison.candidates)
    verdicts = "".join(f"<td>{verdict_badge(c.verdict)}</td>" for c in comparison.candidates)
    rows = [f"<tr><th>Verdict</th>{verdicts}</tr>"]
    for row in comparison.matrix:
        mark = " (separates)" if row.separates else ""
        rows.append(
            f"<tr><td>{code_id(row.rule_id)}{esc(mark)}<br/>{esc(row.rule_title)}</td>"
            + "".join(_cell_html(cell) for cell in row.cells)
            + "</tr>"
        )
    return (
        f"<table><thead><tr><th>Rule</th>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"
    )


def comparison_page(comparison: Comparison, sources: Mapping[str, Source] | None = None) -> str:
    """The comparison as a whole page; ``sources`` maps a candidate's label to its file."""
    return page(
        f"riskkit comparison: {', '.join(comparison.ranking)}",
        comparison_body(comparison, sources=sources),
    )


def comparison_fragment(comparison: Comparison) -> str:
    """The comparison for a notebook cell: the body and its scoped styles."""
    return fragment(comparison_body(comparison, top=2))
