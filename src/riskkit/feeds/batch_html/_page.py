"""The batch page's markup: title, summary, controls and the table of rows.

Every value is escaped, for an element or a quoted attribute alike: ocids and buyer names come
from public data. The page's bytes depend only on its inputs (and riskkit's version).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from html import escape
from urllib.parse import quote

from riskkit._version import __version__
from riskkit.feeds.batch_html._assets import CSP, CSS, SCRIPT
from riskkit.feeds.batch_html._cells import Column, cell_text, columns
from riskkit.formats._words import HTML_VERDICT_TEXT
from riskkit.report import VERDICT_ORDER

LISTED = 1_000
"""The matching rows displayed at once, and how many more each "show more" adds: a browser
lays out a thousand rows without a wait a reader notices, twenty thousand take tens of seconds
(and a filter or a sort lays them out again)."""
VERDICT_COLUMNS = ("verdict", "term_verdict")
PROSE_COLUMNS = ("buyer", "suppliers", "rules_fired", "warnings", "components", "change")
"""Columns whose text may run long: they wrap, where an ocid, a date or a code stays whole."""
"""Columns whose cells are styled by verdict."""
_NUMERIC = ' class="num"'
_WORST_FIRST = sorted(VERDICT_ORDER, key=lambda verdict: -VERDICT_ORDER[verdict])


def esc(value: object) -> str:
    """``value`` as text, escaped for an element or a quoted attribute."""
    return escape(str(value), quote=True)


def render_page(
    rows: Sequence[Mapping[str, object]],
    links: Mapping[str, str],
    *,
    title: str,
    summary: Sequence[str],
    left_out: int,
    chosen: str,
) -> str:
    """The whole page. ``links`` maps an ocid to the relative path of its report; ``left_out``
    counts rows not on the page (over the row limit), and ``chosen`` says which rows it holds."""
    table_columns = columns(rows)
    parts = [
        "<!DOCTYPE html>\n",
        '<html lang="en">\n<head>\n<meta charset="utf-8"/>\n',
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}"/>\n',
        '<meta name="viewport" content="width=device-width, initial-scale=1"/>\n',
        f'<meta name="generator" content="riskkit {esc(__version__)}"/>\n',
        f"<title>{esc(title)}</title>\n<style>{CSS}{_column_styles(table_columns)}</style>\n",
        # Without the script, every row is displayed (slowly) rather than the first LISTED.
        "<noscript><style>#rows tr[hidden]{display:table-row}</style></noscript>\n",
        "</head>\n<body>\n",
        f"<h1>{esc(title)}</h1>\n",
    ]
    if summary:
        parts.append(f'<pre class="summary">{esc(chr(10).join(summary))}</pre>\n')
    if left_out:
        parts.append(
            f'<p class="warning">This page shows {len(rows):,} rows of '
            f"{len(rows) + left_out:,} ({esc(chosen)}); {left_out:,} are not on it. "
            "The CSV or Parquet output holds every row.</p>\n"
        )
    parts.append(_controls(rows, len(rows)))
    parts.append(_table(rows, table_columns, links))
    parts.append(
        '<p class="note">Each row is one contracting process as riskkit assessed it; an empty '
        "cell is a fact the feed did not give. riskkit is not legal advice: rule and list data "
        "have a date, so check a report's citations before relying on a finding.</p>\n"
        f"<script>{SCRIPT}</script>\n</body>\n</html>\n"
    )
    return "".join(parts)


def _column_styles(table_columns: Sequence[Column]) -> str:
    """Numbers right-aligned, and long prose allowed to wrap (every other cell stays on one
    line), by column position: one rule for the page, not a class per cell."""
    numeric = [i for i, c in enumerate(table_columns, 1) if c.numeric]
    prose = [i for i, c in enumerate(table_columns, 1) if c.name in PROSE_COLUMNS]
    rules = []
    if numeric:
        rules.append(",".join(f"#rows td:nth-child({i})" for i in numeric) + "{text-align:right}")
    if prose:
        selectors = ",".join(f"#rows td:nth-child({i})" for i in prose)
        rules.append(f"{selectors}{{white-space:normal;min-width:14em}}")
    return "".join(f"{rule}\n" for rule in rules)


def _controls(rows: Sequence[Mapping[str, object]], total: int) -> str:
    """The filter box, the verdict select (the verdicts present, worst first) and the count;
    hidden until the script runs, since they do nothing without it."""
    present: dict[str, int] = {}
    for row in rows:
        value = cell_text(row.get("verdict"))
        if value:
            present[value] = present.get(value, 0) + 1
    known = [v for v in _WORST_FIRST if v in present]
    ordered = known + sorted(v for v in present if v not in known)
    select = ""
    if ordered:
        options = "".join(
            f'<option value="{esc(v)}">{esc(v)} ({present[v]:,})</option>' for v in ordered
        )
        select = (
            '<label>Verdict <select id="verdict"><option value="">every verdict</option>'
            f"{options}</select></label>\n"
        )
    return (
        '<div id="controls" hidden>\n'
        '<label>Filter <input id="filter" type="search" '
        'placeholder="any text in a row: ocid, buyer, supplier, rule…"/></label>\n'
        f"{select}"
        f'<p id="count" aria-live="polite">showing <span id="shown">{total}</span> '
        f'of {total}<span id="paged"{"" if total > LISTED else " hidden"}>, the first '
        f'<span id="listed">{min(total, LISTED)}</span> listed</span></p>\n</div>\n'
    )


def _table(
    rows: Sequence[Mapping[str, object]],
    table_columns: Sequence[Column],
    links: Mapping[str, str],
) -> str:
    head = "".join(
        f'<th scope="col" data-column="{esc(c.name)}"{_NUMERIC if c.numeric else ""}>'
        f'<button type="button">{esc(c.name)}</button></th>'
        for c in table_columns
    )
    body = "\n".join(
        ("<tr>" if i < LISTED else "<tr hidden>")
        + "".join(_cell(c.name, row.get(c.name), links) for c in table_columns)
        + "</tr>"
        for i, row in enumerate(rows)
    )
    more = "" if len(rows) > LISTED else " hidden"
    return (
        f'<div class="scroll">\n<table id="rows" data-listed="{LISTED}">\n'
        f"<thead><tr>{head}</tr></thead>\n<tbody>\n{body}\n</tbody>\n</table>\n</div>\n"
        f'<p><button type="button" id="more"{more}>show {LISTED:,} more</button></p>\n'
    )


def _cell(name: str, value: object, links: Mapping[str, str]) -> str:
    text = cell_text(value)
    if name == "ocid" and text in links:
        return f'<td><a href="{esc(quote(links[text]))}">{esc(text)}</a></td>'
    if name in VERDICT_COLUMNS and text in HTML_VERDICT_TEXT:
        return f'<td class="v-{text}" title="{esc(HTML_VERDICT_TEXT[text])}">{text}</td>'
    return f"<td>{esc(text)}</td>"
