"""HTML for the end of a report: the waivers applied, and what the report was computed from."""

from __future__ import annotations

from riskkit.formats._words import HTML_WAIVER_TEXT, LIST_DATE_SOURCES, places_of_use
from riskkit.formats.html._page import Headings, esc, markdown_code
from riskkit.report import Provenance, Report


def waivers_section(report: Report, h: Headings) -> str:
    w = report.waivers
    assert w is not None
    rows = "".join(
        f"<tr><td><code>{esc(r.id)}</code></td><td><code>{esc(r.rule_id)}</code></td>"
        f"<td>{esc(r.subject or '')}</td><td>{esc(r.approver)}</td><td>{r.expires}</td>"
        f"<td><strong>{esc(HTML_WAIVER_TEXT[r.state])}</strong></td><td>{esc(r.note)}</td></tr>"
        for r in w.waivers
    )
    return (
        h(1, "Waivers")
        + f"<p>From <code>{esc(w.source)}</code>: {w.applied} applied, {w.expired} expired "
        f"(no effect), {w.refused} refused, {w.unmatched} matching no finding.</p>"
        "<table><thead><tr><th>Waiver</th><th>Rule</th><th>Subject</th><th>Approver</th>"
        f"<th>Expires</th><th>State</th><th>Note</th></tr></thead><tbody>{rows}</tbody></table>"
    )


def coverage_and_provenance(report: Report, h: Headings) -> str:
    c = report.coverage
    p = report.provenance
    packs = "".join(
        f"<tr><td><code>{esc(pack.id)}</code></td><td>{esc(pack.version)}</td>"
        f"<td>{pack.data_date or ''}</td><td><code>{esc(pack.digest[:23])}…</code></td>"
        f"<td>{esc(pack.source)}</td></tr>"
        for pack in p.packs
    )
    vector = (
        f"<dt>Score vector</dt><dd><code>{esc(report.vector)}</code></dd>" if report.vector else ""
    )
    return (
        h(1, "Coverage and provenance")
        + f"<p>{c.rules_loaded} rules loaded; {c.rules_in_scope} in scope for the places this "
        f"deployment touches; {c.rules_in_force} in force during the assessment window; "
        f"{c.rules_applicable} produced findings; {c.rules_unknown} could not be decided.</p>"
        + "".join(f"<p>{esc(line)}</p>" for line in places_of_use(c))
        + ""
        f'<dl class="facts"><dt>riskkit</dt><dd>{esc(p.riskkit_version)}</dd>'
        f"<dt>As of</dt><dd>{p.as_of}</dd>"
        f"<dt>Procurement digest</dt><dd><code>{esc(p.procurement_digest)}</code></dd>"
        f"{vector}</dl>"
        "<table><thead><tr><th>Pack</th><th>Version</th><th>Data checked to</th><th>Digest</th>"
        f"<th>Source</th></tr></thead><tbody>{packs}</tbody></table>" + _list_table(p)
    )


def _list_table(p: Provenance) -> str:
    """The list files screened against, each with its date, where the date came from and
    its age on the as-of date."""
    if not p.lists:
        return ""
    rows = "".join(
        f"<tr><td><code>{esc(ref.name)}</code></td><td>{esc(ref.format)}</td>"
        f"<td>{ref.entries}</td><td>{ref.list_date or ''}</td>"
        f"<td>{markdown_code(LIST_DATE_SOURCES.get(ref.date_source or '', ''))}</td>"
        f"<td>{'' if ref.age_days is None else ref.age_days}"
        f"{' (stale)' if ref.stale else ''}</td>"
        f"<td><code>{esc(ref.digest[:23])}…</code></td></tr>"
        for ref in p.lists
    )
    return (
        "<table><thead><tr><th>List file</th><th>Format</th><th>Entries</th><th>List date</th>"
        "<th>Date from</th><th>Days old on the as-of date</th><th>Digest</th></tr></thead>"
        f"<tbody>{rows}</tbody></table>"
    )
