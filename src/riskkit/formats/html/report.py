"""HTML for one report: verdict first, the risk matrix and term timeline, then every finding.

``ident`` prefixes every id in a body, so several bodies (the reports of a comparison) can share
a page.
"""

from __future__ import annotations

from collections.abc import Sequence

from riskkit.formats._source import Source
from riskkit.formats._words import (
    HTML_VERDICT_TEXT,
    HTML_WAIVER_TEXT,
    stale_list_warnings,
    term_span,
)
from riskkit.formats.html._finding import finding_section
from riskkit.formats.html._page import (
    Headings,
    code_id,
    dates,
    disclaimer,
    esc,
    fragment,
    markdown_code,
    outcome_badge,
    page,
    unknowns_list,
    verdict_badge,
)
from riskkit.formats.html._provenance import coverage_and_provenance, waivers_section
from riskkit.formats.html._style import VERDICT_COLOUR
from riskkit.formats.html._svg import BANDS as MATRIX_BANDS
from riskkit.formats.html._svg import applies_text, band, matrix_svg, timeline_svg
from riskkit.report import Finding, Report


def report_body(
    report: Report, *, source: Source | None = None, top: int = 1, ident: str = "r"
) -> str:
    """The report as HTML elements, its title at heading level ``top``.

    ``ident`` prefixes every id in it, so several bodies can share a page.
    """
    h = Headings(top)
    p = report.provenance
    numbers = list(range(1, len(report.findings) + 1))
    out = [h(0, f"riskkit assessment: {esc(report.title)}")]
    out.append(_verdict_block(report))
    out.extend(
        f'<p class="warning"><strong>Warning:</strong> {markdown_code(w)}</p>'
        for w in stale_list_warnings(p)
    )
    out.append(_facts(report, source))
    out.append(h(1, "Risk matrix"))
    out.append(
        '<p class="note">Each finding is placed by likelihood and impact after declared '
        "mitigations. Numbers refer to the findings below.</p>"
    )
    out.append(
        f'<div class="figure">{matrix_svg(report.findings, numbers, f"{ident}-matrix")}</div>'
    )
    out.append(_matrix_legend())
    out.append(h(1, "Over the contract term"))
    out.append(
        '<p class="note">When each finding applies, against the contract term (shaded) and the '
        "day of the assessment (dashed line). Hatched bars start later in the term.</p>"
    )
    if p.term_start is not None and p.term_end is not None:
        timeline = timeline_svg(
            report.findings,
            numbers,
            as_of=p.as_of,
            term_start=p.term_start,
            term_end=p.term_end,
            ident=f"{ident}-timeline",
        )
        out.append(f'<div class="figure">{timeline}</div>')
    else:
        out.append("<p>The contract term is not given, so only the as-of date was checked.</p>")
    out.append(h(1, "Findings"))
    if report.findings:
        out.append(
            _findings_table(report.findings, numbers, ident, waivers=report.waivers is not None)
        )
        for number, f in zip(numbers, report.findings, strict=True):
            out.append(finding_section(f, number, h, f"{ident}-f{number}"))
    else:
        out.append("<p>No rule in scope produced a finding.</p>")
    if report.unknowns:
        out.append(h(1, "Unknowns"))
        out.append("<p>Facts the input leaves open; each is a question to answer.</p>")
        out.append(unknowns_list(report.unknowns))
    if report.waivers is not None:
        out.append(waivers_section(report, h))
    out.append(coverage_and_provenance(report, h))
    out.append(disclaimer())
    return "\n".join(out) + "\n"


def _verdict_block(report: Report) -> str:
    p = report.provenance
    reasons = "".join(f"<li>{esc(r)}</li>" for r in report.verdict_reasons)
    if report.term_verdict == report.verdict:
        term = f"The same holds over the whole contract term ({term_span(p)})."
    else:
        term = (
            f"Over the contract term ({term_span(p)}) it becomes "
            f"<strong>{esc(HTML_VERDICT_TEXT[report.term_verdict])}</strong>."
        )
    return (
        f'<section class="verdict" style="background:{VERDICT_COLOUR[report.verdict]}" '
        f'aria-label="verdict">'
        f'<p class="label">Verdict on {p.as_of}</p>'
        f'<p class="value">{esc(HTML_VERDICT_TEXT[report.verdict])}</p>'
        f"<p>{term}</p>" + (f"<ul>{reasons}</ul>" if reasons else "") + "</section>"
    )


def _facts(report: Report, source: Source | None) -> str:
    s = report.scores
    p = report.provenance
    rows = [
        ("Buyer", esc(report.buyer)),
        ("Procurement", f"<code>{esc(report.procurement_id)}</code>"),
    ]
    if source is not None:
        rows.append(("File", f"<code>{esc(source.uri)}</code>"))
    rows += [
        ("Contract term", term_span(p)),
        ("Assessed as of", str(p.as_of)),
        (
            "Risk score",
            f"inherent {s.inherent:g} / 100, residual {s.residual:g} / 100 after mitigations",
        ),
        (
            "Findings",
            f"{s.findings} active ({s.binding} binding, {s.waived} waived), "
            f"{s.upcoming} upcoming within the term, {len(report.unknowns)} unknown",
        ),
    ]
    items = "".join(f"<dt>{k}</dt><dd>{v}</dd>" for k, v in rows)
    return f'<dl class="facts">{items}</dl>'


def _matrix_legend() -> str:
    bands = "".join(
        f'<span class="swatch" style="background:{fill}"></span>{low}–{high} {name}'
        for low, high, name, fill in MATRIX_BANDS
    )
    return (
        f'<p class="legend">Score = likelihood × impact:{bands}.<br/>'
        "● filled circle: a finding now (after mitigations); ◌ dashed circle: the same finding "
        "before mitigations; ■ square: a finding that starts later in the term.</p>"
    )


def _findings_table(
    findings: Sequence[Finding], numbers: Sequence[int], ident: str, *, waivers: bool
) -> str:
    """The findings as a table; a Waiver column only when a waivers file was given."""
    head = (
        "<tr><th>#</th><th>Rule</th><th>Subject</th><th>Outcome</th><th>Binding</th>"
        "<th>Likelihood × impact</th><th>When</th>"
        + ("<th>Waiver</th>" if waivers else "")
        + "</tr>"
    )
    rows = []
    for number, f in zip(numbers, findings, strict=True):
        upcoming = ' <span class="tag">upcoming</span>' if f.status == "upcoming" else ""
        score = f"{f.likelihood}×{f.impact} = {f.inherent_score}"
        if f.residual_score != f.inherent_score:
            score += f" → {f.residual_score} after mitigations"
        score += f" ({band(f.residual_score)[0]})"
        waiver = ""
        if waivers:
            text = f"{f.waiver.id}: {HTML_WAIVER_TEXT[f.waiver.state]}" if f.waiver else "—"
            waiver = f"<td>{esc(text)}</td>"
        rows.append(
            f'<tr><td class="num"><a href="#{ident}-f{number}">{number}</a></td>'
            f"<td>{code_id(f.rule_id)}</td><td>{code_id(f.subject)}{esc(_more(f))}</td>"
            f"<td>{outcome_badge(f.outcome)}{upcoming}</td>"
            f"<td>{'yes' if f.binding else 'no'}</td><td>{esc(score)}</td>"
            f'<td class="when">{dates(applies_text(f))}</td>{waiver}</tr>'
        )
    return f"<table><thead>{head}</thead><tbody>{''.join(rows)}</tbody></table>"


def _more(f: Finding) -> str:
    return f" and {f.weight - 1:,} more" if f.weight > 1 else ""


def report_fragment(report: Report) -> str:
    """The report for a notebook cell: the body and its scoped styles, no page around it."""
    ident = "rk-" + report.provenance.procurement_digest.removeprefix("sha256:")[:12]
    return fragment(report_body(report, top=2, ident=ident))


def report_page(report: Report, source: Source | None = None) -> str:
    """The report as a whole page."""
    return page(f"riskkit: {report.title}", report_body(report, source=source))


def reports_page(reports: Sequence[Report], sources: Sequence[Source | None] = ()) -> str:
    """Several reports on one page, one after another, after a table of their verdicts."""
    given = list(sources) + [None] * (len(reports) - len(sources))
    bodies = [
        f'<section class="candidate">{report_body(r, source=s, top=2, ident=f"r{i}")}</section>'
        for i, (r, s) in enumerate(zip(reports, given, strict=True), 1)
    ]
    summary = "".join(
        f"<tr><td>{i}</td><td>{esc(r.title)}</td><td>{verdict_badge(r.verdict)}</td>"
        f"<td>{verdict_badge(r.term_verdict)}</td></tr>"
        for i, r in enumerate(reports, 1)
    )
    body = (
        f"<h1>riskkit: {len(reports)} assessments</h1>"
        "<table><thead><tr><th>#</th><th>Procurement</th><th>Verdict</th>"
        f"<th>Over the term</th></tr></thead><tbody>{summary}</tbody></table>\n" + "\n".join(bodies)
    )
    return page(f"riskkit: {len(reports)} assessments", body)
