"""HTML: one self-contained page a committee reads, verdict first.

The page has no scripts and loads nothing (a Content-Security-Policy says so to the browser);
its styles are inline and scoped under ``.riskkit``, the risk matrix and the term timeline are
inline SVG. Every colour has text beside it, so the page reads the same printed in black and
white. The markup is also well-formed XML, and every text is escaped. The same report gives the
same bytes.

``report_fragment`` and ``comparison_fragment`` give the body without the page around it, for
notebooks.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from html import escape

from riskkit._version import __version__
from riskkit.decisions.compare import Cell, Comparison
from riskkit.decisions.diff import FindingChange, ReportDiff, VerdictChange
from riskkit.formats._source import Source
from riskkit.formats._svg import BANDS as MATRIX_BANDS
from riskkit.formats._svg import OUTCOME_COLOUR, applies_text, band, matrix_svg, timeline_svg
from riskkit.formats.markdown import LIST_DATE_SOURCES, places_of_use, stale_list_warnings
from riskkit.report import LEVEL_NAMES, Finding, Provenance, Report, Unknown

VERDICT_TEXT = {
    "prohibited": "PROHIBITED",
    "prohibited_unless_exception": "PROHIBITED UNLESS AN EXCEPTION HOLDS",
    "restricted": "RESTRICTED",
    "elevated_risk": "ELEVATED RISK",
    "no_rules_in_scope": "NO RULES FOR THIS PLACE: not a pass",
    "needs_review": "NEEDS REVIEW: facts missing",
    "acceptable": "ACCEPTABLE",
}
VERDICT_COLOUR = {
    "prohibited": "#8e1b1b",
    "prohibited_unless_exception": "#a8322a",
    "restricted": "#b34700",
    "elevated_risk": "#8a6100",
    "needs_review": "#4a5a6a",
    "no_rules_in_scope": "#5a4a6a",
    "acceptable": "#1b6b35",
}
WAIVER_TEXT = {
    "applied": "waived",
    "expired": "waiver expired: no effect",
    "refused": "waiver refused",
    "unmatched": "matches no finding",
}

CSS = """
.riskkit{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Liberation Sans",Arial,sans-serif;
 color:#1a1a1a;line-height:1.45;font-size:15px;max-width:1040px;margin:0 auto;padding:16px 24px}
.riskkit h1{font-size:1.6em;margin:.2em 0 .4em}
.riskkit h2{font-size:1.3em;margin:1.4em 0 .5em;border-bottom:2px solid #d0d7de;padding-bottom:.2em}
.riskkit h3{font-size:1.1em;margin:1.1em 0 .4em}
.riskkit h4{font-size:1em;margin:1em 0 .3em}
.riskkit code{font-family:"DejaVu Sans Mono",Menlo,Consolas,monospace;font-size:.88em;
 background:#f3f4f6;padding:0 .25em;border-radius:3px;overflow-wrap:anywhere}
.riskkit code.id{white-space:nowrap;overflow-wrap:normal}
.riskkit td.when{min-width:11em}
.riskkit .date{white-space:nowrap}
.riskkit .verdict{color:#fff;border-radius:6px;padding:14px 20px;margin:8px 0 16px;
 -webkit-print-color-adjust:exact;print-color-adjust:exact}
.riskkit .verdict p{margin:.15em 0}
.riskkit .verdict .label{font-size:.95em;opacity:.95}
.riskkit .verdict .value{font-size:1.9em;font-weight:700;letter-spacing:.02em}
.riskkit .verdict ul{margin:.4em 0 0;padding-left:1.3em}
.riskkit .badge{display:inline-block;color:#fff;border-radius:4px;padding:0 .45em;
 font-size:.85em;font-weight:600;white-space:nowrap;
 -webkit-print-color-adjust:exact;print-color-adjust:exact}
.riskkit .tag{display:inline-block;border:1px solid #777;border-radius:4px;padding:0 .4em;
 font-size:.82em;white-space:nowrap}
.riskkit table{border-collapse:collapse;width:100%;margin:.4em 0 1em;font-size:.92em}
.riskkit th,.riskkit td{border:1px solid #d0d7de;padding:4px 7px;text-align:left;
 vertical-align:top}
.riskkit th{background:#f3f4f6}
.riskkit td.num{text-align:right;white-space:nowrap}
.riskkit dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:2px 14px;margin:.4em 0}
.riskkit dl.facts dt{font-weight:600}
.riskkit dl.facts dd{margin:0}
.riskkit .figure{margin:.6em 0 1.2em;overflow-x:auto}
.riskkit svg{max-width:100%;height:auto;font-family:inherit}
.riskkit svg .cell-score{font-size:11px;fill:#444}
.riskkit svg .axis{font-size:13px;font-weight:600;fill:#1a1a1a}
.riskkit svg .axis-name,.riskkit svg .tick,.riskkit svg .edge{font-size:11px;fill:#444}
.riskkit svg .axis-title{font-size:13px;font-weight:600;fill:#1a1a1a}
.riskkit svg .marker{font-size:12px;font-weight:700;fill:#fff}
.riskkit svg .marker-before{font-size:12px;font-weight:700;fill:#222}
.riskkit svg .overflow{font-size:12px;font-weight:700;fill:#222}
.riskkit svg .row-rule{font-size:12px;font-weight:600;fill:#1a1a1a}
.riskkit svg .row-subject{font-size:11px;fill:#444}
.riskkit svg .bar-text{font-size:11.5px;fill:#1a1a1a}
.riskkit svg .term-label{font-size:12px;font-weight:600;fill:#2d4a6b}
.riskkit svg .as-of{font-size:12.5px;font-weight:700;fill:#000}
.riskkit .legend{font-size:.88em;color:#333;margin:.2em 0 .8em}
.riskkit .legend span.swatch{display:inline-block;width:.9em;height:.9em;border:1px solid #888;
 vertical-align:-.1em;margin:0 .25em 0 .8em;-webkit-print-color-adjust:exact;
 print-color-adjust:exact}
.riskkit section.finding{border:1px solid #d0d7de;border-left:6px solid #888;border-radius:4px;
 padding:4px 14px 8px;margin:10px 0}
.riskkit section.finding h4{margin-top:.6em}
.riskkit .meta{color:#333;font-size:.92em}
.riskkit .waiver{background:#f6f1e3;border:1px dashed #8a6100;padding:4px 10px;margin:.5em 0}
.riskkit .cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(230px,1fr));gap:12px}
.riskkit .card{border:1px solid #d0d7de;border-radius:6px;overflow:hidden}
.riskkit .card .head{color:#fff;padding:8px 12px;font-weight:700;
 -webkit-print-color-adjust:exact;print-color-adjust:exact}
.riskkit .card .head .rank{font-size:.85em;font-weight:600;opacity:.95}
.riskkit .card .head .v{font-size:1.25em;display:block}
.riskkit .card .body{padding:8px 12px;font-size:.92em}
.riskkit .card .body p{margin:.2em 0}
.riskkit td.clear{color:#555}
.riskkit .note{color:#444;font-size:.9em}
.riskkit .warning{border-left:4px solid #b3261e;background:#fdf1f0;padding:.4em .7em}
.riskkit .disclaimer{margin-top:2em;border-top:1px solid #d0d7de;padding-top:.6em;color:#444;
 font-size:.88em}
.riskkit section.candidate{margin-top:2.2em}
@media print{
 .riskkit{max-width:none;padding:0;font-size:11pt}
 .riskkit a[href^="http"]::after{content:" (" attr(href) ")";font-size:.8em;
  overflow-wrap:anywhere;color:#333}
 .riskkit section.finding,.riskkit .figure,.riskkit .card,.riskkit tr{break-inside:avoid}
 .riskkit h2,.riskkit h3{break-after:avoid}
 .riskkit section.candidate{break-before:page}
}
@page{margin:14mm}
"""
"""Styles, every rule scoped under ``.riskkit`` so a notebook page around it is untouched."""

CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"


_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")


def _e(value: object) -> str:
    return escape(str(value), quote=True)


class _Headings:
    """Heading levels relative to where a body is placed (a report inside a comparison is one
    level deeper)."""

    def __init__(self, top: int) -> None:
        self.top = top

    def __call__(self, depth: int, text: str, ident: str = "") -> str:
        level = min(self.top + depth, 6)
        attr = f' id="{_e(ident)}"' if ident else ""
        return f"<h{level}{attr}>{text}</h{level}>"


def page(title: str, body: str) -> str:
    """A whole HTML document around ``body``."""
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8"/>\n'
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}"/>\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1"/>\n'
        f'<meta name="generator" content="riskkit {_e(__version__)}"/>\n'
        f"<title>{_e(title)}</title>\n<style>{CSS}</style>\n</head>\n<body>\n"
        f'<main class="riskkit">\n{body}</main>\n</body>\n</html>\n'
    )


def fragment(body: str) -> str:
    """``body`` with its styles, to sit inside another page (a notebook cell's output)."""
    return f'<div class="riskkit"><style>{CSS}</style>\n{body}</div>\n'


def verdict_badge(verdict: str) -> str:
    return (
        f'<span class="badge" style="background:{VERDICT_COLOUR[verdict]}">'
        f"{_e(VERDICT_TEXT[verdict])}</span>"
    )


def outcome_badge(outcome: str) -> str:
    return (
        f'<span class="badge" style="background:{OUTCOME_COLOUR[outcome]}">'
        f"{_e(outcome.replace('_', ' '))}</span>"
    )


# ---------------------------------------------------------------------------------------------
# One report


def report_body(
    report: Report, *, source: Source | None = None, top: int = 1, ident: str = "r"
) -> str:
    """The report as HTML elements, its title at heading level ``top``.

    ``ident`` prefixes every id in it, so several bodies can share a page.
    """
    h = _Headings(top)
    p = report.provenance
    numbers = list(range(1, len(report.findings) + 1))
    out = [h(0, f"riskkit assessment: {_e(report.title)}")]
    out.append(_verdict_block(report))
    out.extend(
        f'<p class="warning"><strong>Warning:</strong> {_markdown_code(w)}</p>'
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
    timeline = timeline_svg(
        report.findings,
        numbers,
        as_of=p.as_of,
        term_start=p.term_start,
        term_end=p.term_end,
        ident=f"{ident}-timeline",
    )
    out.append(f'<div class="figure">{timeline}</div>')
    out.append(h(1, "Findings"))
    if report.findings:
        out.append(
            _findings_table(report.findings, numbers, ident, waivers=report.waivers is not None)
        )
        for number, f in zip(numbers, report.findings, strict=True):
            out.append(_finding_section(f, number, h, f"{ident}-f{number}"))
    else:
        out.append("<p>No rule in scope produced a finding.</p>")
    if report.unknowns:
        out.append(h(1, "Unknowns"))
        out.append("<p>Facts the input leaves open; each is a question to answer.</p>")
        out.append(_unknowns_list(report.unknowns))
    if report.waivers is not None:
        out.append(_waivers(report, h))
    out.append(_coverage_and_provenance(report, h))
    out.append(_disclaimer())
    return "\n".join(out) + "\n"


def _verdict_block(report: Report) -> str:
    p = report.provenance
    reasons = "".join(f"<li>{_e(r)}</li>" for r in report.verdict_reasons)
    if report.term_verdict == report.verdict:
        term = f"The same holds over the whole contract term ({p.term_start} to {p.term_end})."
    else:
        term = (
            f"Over the contract term ({p.term_start} to {p.term_end}) it becomes "
            f"<strong>{_e(VERDICT_TEXT[report.term_verdict])}</strong>."
        )
    return (
        f'<section class="verdict" style="background:{VERDICT_COLOUR[report.verdict]}" '
        f'aria-label="verdict">'
        f'<p class="label">Verdict on {p.as_of}</p>'
        f'<p class="value">{_e(VERDICT_TEXT[report.verdict])}</p>'
        f"<p>{term}</p>" + (f"<ul>{reasons}</ul>" if reasons else "") + "</section>"
    )


def _facts(report: Report, source: Source | None) -> str:
    s = report.scores
    p = report.provenance
    rows = [
        ("Buyer", _e(report.buyer)),
        ("Procurement", f"<code>{_e(report.procurement_id)}</code>"),
    ]
    if source is not None:
        rows.append(("File", f"<code>{_e(source.uri)}</code>"))
    rows += [
        ("Contract term", f"{p.term_start} to {p.term_end}"),
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


def _when(f: Finding) -> str:
    return applies_text(f)


def _id(text: str) -> str:
    """An identifier (rule id, subject path) that must not break across lines."""
    return f'<code class="id">{_e(text)}</code>'


def _dates(text: str) -> str:
    """``text`` escaped, with its ISO dates kept on one line."""
    return _DATE.sub(lambda m: f'<span class="date">{m[0]}</span>', _e(text))


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
            text = f"{f.waiver.id}: {WAIVER_TEXT[f.waiver.state]}" if f.waiver else "—"
            waiver = f"<td>{_e(text)}</td>"
        rows.append(
            f'<tr><td class="num"><a href="#{ident}-f{number}">{number}</a></td>'
            f"<td>{_id(f.rule_id)}</td><td>{_id(f.subject)}{_e(_more(f))}</td>"
            f"<td>{outcome_badge(f.outcome)}{upcoming}</td>"
            f"<td>{'yes' if f.binding else 'no'}</td><td>{_e(score)}</td>"
            f'<td class="when">{_dates(_when(f))}</td>{waiver}</tr>'
        )
    return f"<table><thead>{head}</thead><tbody>{''.join(rows)}</tbody></table>"


def _more(f: Finding) -> str:
    return f" and {f.weight - 1:,} more" if f.weight > 1 else ""


def _subjects(f: Finding) -> str:
    """The subjects of a finding of many, folded; nothing for a finding of one."""
    if f.weight == 1:
        return ""
    items = "".join(f"<li><code>{_e(s)}</code></li>" for s in f.all_subjects)
    return (
        f"<details><summary>The same holds for each of its {f.weight:,} subjects (the evidence "
        f"is the first's)</summary><ul>{items}</ul></details>"
    )


def _finding_section(f: Finding, number: int, h: _Headings, anchor: str) -> str:
    upcoming = " (starts later in the term)" if f.status == "upcoming" else ""
    out = [
        f'<section class="finding" id="{_e(anchor)}" '
        f'style="border-left-color:{OUTCOME_COLOUR[f.outcome]}">',
        h(2, f"{number}. {_e(f.rule_title)}"),
        f'<p class="meta">{outcome_badge(f.outcome)}{_e(upcoming)} · '
        f"<code>{_e(f.rule_id)}</code> on <code>{_e(f.subject)}</code> · "
        f"{'binding on this buyer' if f.binding else 'not binding on this buyer'} · "
        f"severity {_e(f.severity)} · likelihood {_e(LEVEL_NAMES[f.likelihood])}"
        + (
            f" → {_e(LEVEL_NAMES[f.residual_likelihood])} after mitigations"
            if f.residual_likelihood != f.likelihood
            else ""
        )
        + f" · confidence {_e(f.confidence)} · {_e(_when(f))}</p>",
        f"<p>{_e(f.explanation)}</p>",
        _subjects(f),
    ]
    if f.waiver is not None:
        w = f.waiver
        note = f" {_e(w.note)}" if w.note else ""
        out.append(
            f'<p class="waiver"><strong>Waiver {_e(w.id)}: {_e(WAIVER_TEXT[w.state])}.</strong> '
            f"Approved by {_e(w.approver)}, expires {w.expires}. {_e(w.justification)}{note}</p>"
        )
    if f.exception:
        out.append(f"<p><strong>Exception:</strong> {_e(f.exception)}</p>")
    if f.evidence:
        items = "".join(
            f"<li><code>{_e(e.path)}</code> = {_e(e.value)}"
            + (f" — {_e(e.note)}" if e.note else "")
            + "</li>"
            for e in f.evidence
        )
        out.append(f"<p><strong>Evidence</strong></p><ul>{items}</ul>")
    if f.mitigations_applied:
        out.append(
            "<p><strong>Mitigations counted:</strong> "
            + ", ".join(f"<code>{_e(m)}</code>" for m in f.mitigations_applied)
            + "</p>"
        )
    if f.citations:
        items = "".join(
            f'<li><a href="{_e(c.url)}">{_e(c.title)}</a>'
            + (f", {_e(c.article)}" if c.article else "")
            + (f" ({c.date})" if c.date else "")
            + "</li>"
            for c in f.citations
        )
        out.append(f"<p><strong>Sources</strong></p><ul>{items}</ul>")
    if f.remediation:
        items = "".join(f"<li>{_e(r)}</li>" for r in f.remediation)
        out.append(f"<p><strong>Remediation</strong></p><ul>{items}</ul>")
    if f.notes:
        out.append(f'<p class="note"><strong>Note:</strong> {_e(f.notes)}</p>')
    if f.vector:
        out.append(f'<p class="note">Score vector: <code>{_e(f.vector)}</code></p>')
    out.append("</section>")
    return "\n".join(out)


def _unknowns_list(unknowns: Sequence[Unknown]) -> str:
    items = []
    for u in unknowns:
        rule = f"<code>{_e(u.rule_id)}</code>: " if u.rule_id else ""
        later = (
            f" (open from {u.upcoming_from}, when the rule takes effect)" if u.upcoming_from else ""
        )
        items.append(f"<li><code>{_e(u.subject)}</code>: {rule}{_e(u.explanation)}{later}</li>")
    return f"<ul>{''.join(items)}</ul>"


def _waivers(report: Report, h: _Headings) -> str:
    w = report.waivers
    assert w is not None
    rows = "".join(
        f"<tr><td><code>{_e(r.id)}</code></td><td><code>{_e(r.rule_id)}</code></td>"
        f"<td>{_e(r.subject or '')}</td><td>{_e(r.approver)}</td><td>{r.expires}</td>"
        f"<td><strong>{_e(WAIVER_TEXT[r.state])}</strong></td><td>{_e(r.note)}</td></tr>"
        for r in w.waivers
    )
    return (
        h(1, "Waivers")
        + f"<p>From <code>{_e(w.source)}</code>: {w.applied} applied, {w.expired} expired "
        f"(no effect), {w.refused} refused, {w.unmatched} matching no finding.</p>"
        "<table><thead><tr><th>Waiver</th><th>Rule</th><th>Subject</th><th>Approver</th>"
        f"<th>Expires</th><th>State</th><th>Note</th></tr></thead><tbody>{rows}</tbody></table>"
    )


def _coverage_and_provenance(report: Report, h: _Headings) -> str:
    c = report.coverage
    p = report.provenance
    packs = "".join(
        f"<tr><td><code>{_e(pack.id)}</code></td><td>{_e(pack.version)}</td>"
        f"<td>{pack.data_date or ''}</td><td><code>{_e(pack.digest[:23])}…</code></td>"
        f"<td>{_e(pack.source)}</td></tr>"
        for pack in p.packs
    )
    vector = (
        f"<dt>Score vector</dt><dd><code>{_e(report.vector)}</code></dd>" if report.vector else ""
    )
    return (
        h(1, "Coverage and provenance")
        + f"<p>{c.rules_loaded} rules loaded; {c.rules_in_scope} in scope for the places this "
        f"deployment touches; {c.rules_in_force} in force during the assessment window; "
        f"{c.rules_applicable} produced findings; {c.rules_unknown} could not be decided.</p>"
        + "".join(f"<p>{_e(line)}</p>" for line in places_of_use(c))
        + ""
        f'<dl class="facts"><dt>riskkit</dt><dd>{_e(p.riskkit_version)}</dd>'
        f"<dt>As of</dt><dd>{p.as_of}</dd>"
        f"<dt>Procurement digest</dt><dd><code>{_e(p.procurement_digest)}</code></dd>"
        f"{vector}</dl>"
        "<table><thead><tr><th>Pack</th><th>Version</th><th>Data checked to</th><th>Digest</th>"
        f"<th>Source</th></tr></thead><tbody>{packs}</tbody></table>" + _list_table(p)
    )


def _markdown_code(text: str) -> str:
    """``text`` escaped, with Markdown `code` spans as <code>."""
    return re.sub(r"`([^`]*)`", r"<code>\1</code>", _e(text))


def _list_table(p: Provenance) -> str:
    """The list files screened against, each with its date, where the date came from and
    its age on the as-of date."""
    if not p.lists:
        return ""
    rows = "".join(
        f"<tr><td><code>{_e(ref.name)}</code></td><td>{_e(ref.format)}</td>"
        f"<td>{ref.entries}</td><td>{ref.list_date or ''}</td>"
        f"<td>{_markdown_code(LIST_DATE_SOURCES.get(ref.date_source or '', ''))}</td>"
        f"<td>{'' if ref.age_days is None else ref.age_days}"
        f"{' (stale)' if ref.stale else ''}</td>"
        f"<td><code>{_e(ref.digest[:23])}…</code></td></tr>"
        for ref in p.lists
    )
    return (
        "<table><thead><tr><th>List file</th><th>Format</th><th>Entries</th><th>List date</th>"
        "<th>Date from</th><th>Days old on the as-of date</th><th>Digest</th></tr></thead>"
        f"<tbody>{rows}</tbody></table>"
    )


def _disclaimer() -> str:
    return (
        '<p class="disclaimer">riskkit is not legal advice. Rule and list data have a date; '
        "check the citations before relying on a finding.</p>"
    )


def render(report: Report, *, source: Source | None = None) -> str:
    return page(f"riskkit: {report.title}", report_body(report, source=source))


def render_reports(reports: Sequence[Report], sources: Sequence[Source | None] = ()) -> str:
    """Several reports on one page, one after another."""
    given = list(sources) + [None] * (len(reports) - len(sources))
    bodies = [
        f'<section class="candidate">{report_body(r, source=s, top=2, ident=f"r{i}")}</section>'
        for i, (r, s) in enumerate(zip(reports, given, strict=True), 1)
    ]
    summary = "".join(
        f"<tr><td>{i}</td><td>{_e(r.title)}</td><td>{verdict_badge(r.verdict)}</td>"
        f"<td>{verdict_badge(r.term_verdict)}</td></tr>"
        for i, r in enumerate(reports, 1)
    )
    body = (
        f"<h1>riskkit: {len(reports)} assessments</h1>"
        "<table><thead><tr><th>#</th><th>Procurement</th><th>Verdict</th>"
        f"<th>Over the term</th></tr></thead><tbody>{summary}</tbody></table>\n" + "\n".join(bodies)
    )
    return page(f"riskkit: {len(reports)} assessments", body)


def report_fragment(report: Report) -> str:
    """The report for a notebook cell: the body and its scoped styles, no page around it."""
    ident = "rk-" + report.provenance.procurement_digest.removeprefix("sha256:")[:12]
    return fragment(report_body(report, top=2, ident=ident))


# ---------------------------------------------------------------------------------------------
# Comparison


def comparison_body(
    comparison: Comparison, *, sources: Mapping[str, Source] | None = None, top: int = 1
) -> str:
    """The comparison as HTML elements: ranking first, then what separates the candidates, the
    rule-by-candidate matrix, and each candidate's full report."""
    h = _Headings(top)
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
        f'<p class="value">{_e(first.label)}: {_e(VERDICT_TEXT[first.verdict])}</p>'
        f"<p>{_e(first.title)}</p></section>",
        '<div class="cards">',
    ]
    for rank, label in enumerate(comparison.ranking, 1):
        c = by_label[label]
        s = c.scores
        term = (
            "same over the term"
            if c.term_verdict == c.verdict
            else f"over the term: {VERDICT_TEXT[c.term_verdict]}"
        )
        out.append(
            f'<div class="card"><div class="head" style="background:{VERDICT_COLOUR[c.verdict]}">'
            f'<span class="rank">#{rank} · {_e(c.label)}</span>'
            f'<span class="v">{_e(VERDICT_TEXT[c.verdict])}</span></div>'
            f'<div class="body"><p>{_e(c.title)}</p><p>{_e(term)}</p>'
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
            f'<p class="meta">Candidate {i}: <code>{_e(c.label)}</code></p>\n{body}</section>'
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
        absent = f"; not for {_e(', '.join(s.absent_from))}" if s.absent_from else ""
        items.append(
            f"<li>{outcome_badge(s.outcome)} <strong>{_e(s.rule_title)}</strong> "
            f"(<code>{_e(s.rule_id)}</code>, {why}): found for "
            f"<strong>{_e(', '.join(s.present_in))}</strong>{absent}.</li>"
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
    subjects = ", ".join(_id(subject) for subject in cell.subjects)
    return f"<td>{' · '.join(parts)}<br/>{subjects}</td>"


def _comparison_matrix(comparison: Comparison) -> str:
    head = "".join(f"<th>{_e(c.label)}</th>" for c in comparison.candidates)
    verdicts = "".join(f"<td>{verdict_badge(c.verdict)}</td>" for c in comparison.candidates)
    rows = [f"<tr><th>Verdict</th>{verdicts}</tr>"]
    for row in comparison.matrix:
        mark = " (separates)" if row.separates else ""
        rows.append(
            f"<tr><td>{_id(row.rule_id)}{_e(mark)}<br/>{_e(row.rule_title)}</td>"
            + "".join(_cell_html(cell) for cell in row.cells)
            + "</tr>"
        )
    return (
        f"<table><thead><tr><th>Rule</th>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"
    )


def render_comparison(
    comparison: Comparison, *, sources: Mapping[str, Source] | None = None
) -> str:
    """``sources`` maps a candidate's label to its procurement file."""
    return page(
        f"riskkit comparison: {', '.join(comparison.ranking)}",
        comparison_body(comparison, sources=sources),
    )


def comparison_fragment(comparison: Comparison) -> str:
    return fragment(comparison_body(comparison, top=2))


# ---------------------------------------------------------------------------------------------
# Diff


def _change_line(name: str, change: VerdictChange) -> str:
    if change.before == change.after:
        return f"<p>{name}: {_e(VERDICT_TEXT[change.after])}, unchanged.</p>"
    return (
        f"<p>{name}: {_e(VERDICT_TEXT[change.before])} → "
        f"<strong>{_e(VERDICT_TEXT[change.after])}</strong> ({_e(change.direction)}).</p>"
    )


def diff_body(diff: ReportDiff, *, top: int = 1) -> str:
    """What changed, verdict first, then new, resolved, changed and unchanged findings."""
    h = _Headings(top)
    b, a = diff.before, diff.after
    out = [
        h(0, f"riskkit re-assessment: {_e(a.title)}"),
        f'<section class="verdict" style="background:{VERDICT_COLOUR[a.verdict]}" '
        f'aria-label="verdict change">'
        f'<p class="label">Verdict on {b.as_of} → on {a.as_of}</p>'
        f'<p class="value">{_e(VERDICT_TEXT[diff.verdict.before])} → '
        f"{_e(VERDICT_TEXT[diff.verdict.after])}</p>"
        + _change_line("Over the contract term", diff.term_verdict)
        + f"<p>{len(diff.new)} new, {len(diff.resolved)} resolved, {len(diff.changed)} changed, "
        f"{len(diff.unchanged)} unchanged findings.</p></section>",
        f'<dl class="facts"><dt>Before</dt><dd><code>{_e(b.procurement_id)}</code> as of '
        f"{b.as_of}, risk {b.scores.inherent:g} inherent / {b.scores.residual:g} residual</dd>"
        f"<dt>After</dt><dd><code>{_e(a.procurement_id)}</code> as of {a.as_of}, risk "
        f"{a.scores.inherent:g} inherent / {a.scores.residual:g} residual</dd></dl>",
    ]
    if diff.notes:
        out.append(
            "<p><strong>Read with care:</strong></p><ul>"
            + "".join(f"<li>{_e(n)}</li>" for n in diff.notes)
            + "</ul>"
        )
    groups = (
        ("New findings", "new", diff.new),
        ("Resolved findings", "resolved", diff.resolved),
        ("Changed findings", "changed", diff.changed),
    )
    number = 0
    for title, kind, entries in groups:
        out.append(h(1, f"{title} ({len(entries)})"))
        if not entries:
            out.append("<p>None.</p>")
        for entry in entries:
            number += 1
            out.append(_change_section(entry, kind, number, h))
    out.append(h(1, f"Unchanged findings ({len(diff.unchanged)})"))
    if diff.unchanged:
        rows = "".join(
            f"<tr><td>{_id(c.rule_id)}</td><td>{_id(c.subject)}</td>"
            f"<td>{_id(c.fingerprint)}</td></tr>"
            for c in diff.unchanged
        )
        out.append(
            "<table><thead><tr><th>Rule</th><th>Subject</th><th>Fingerprint</th></tr></thead>"
            f"<tbody>{rows}</tbody></table>"
        )
    else:
        out.append("<p>None.</p>")
    if diff.new_unknowns or diff.resolved_unknowns:
        out.append(h(1, "Unknowns"))
        if diff.new_unknowns:
            out.append("<p>New questions:</p>" + _unknowns_list(diff.new_unknowns))
        if diff.resolved_unknowns:
            out.append("<p>Answered or gone:</p>" + _unknowns_list(diff.resolved_unknowns))
    out.append(_disclaimer())
    return "\n".join(out) + "\n"


def _change_section(entry: FindingChange, kind: str, number: int, h: _Headings) -> str:
    f = entry.after or entry.before
    assert f is not None
    label = {"new": "new", "resolved": "resolved: no longer found", "changed": "changed"}[kind]
    if kind == "new" and entry.before is not None:
        label = "new: took effect (was upcoming)"
    changes = (
        "<ul>" + "".join(f"<li><code>{_e(c)}</code></li>" for c in entry.changes) + "</ul>"
        if entry.changes
        else ""
    )
    return (
        f'<section class="finding" id="d{number}" '
        f'style="border-left-color:{OUTCOME_COLOUR[f.outcome]}">'
        + h(2, f"{number}. {_e(f.rule_title)}")
        + f'<p class="meta"><span class="tag">{_e(label)}</span> {outcome_badge(f.outcome)} · '
        f"<code>{_e(f.rule_id)}</code> on <code>{_e(f.subject)}</code> · "
        f"{'binding' if f.binding else 'not binding'} · {_e(_when(f))}</p>"
        f"<p>{_e(f.explanation)}</p>{changes}</section>"
    )


def render_diff(diff: ReportDiff) -> str:
    return page(f"riskkit re-assessment: {diff.after.title}", diff_body(diff))


def diff_fragment(diff: ReportDiff) -> str:
    return fragment(diff_body(diff, top=2))
