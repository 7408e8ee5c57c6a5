"""The batch page's inline styles and script, and the content security policy that lets only
that script run.

The page makes no request: no CDN, no font, no image. Its one script is allowed by its SHA-256
hash, so a value that somehow escaped into markup could still run nothing. The script is plain
JavaScript: sorting by a header (numbers as numbers, empty cells last, ties in the given order),
a text filter over every cell, a verdict filter, the count of rows shown, and a "show more"
button: only the first ``LISTED`` matching rows (see ``_page``) are displayed at once, so a page
of 20,000 rows stays quick.
"""

from __future__ import annotations

import base64
import hashlib

from riskkit.formats.html._style import VERDICT_COLOUR

SCRIPT = """
"use strict";
(() => {
  const table = document.getElementById("rows");
  const body = table.tBodies[0];
  const rows = Array.from(body.rows);
  const given = new Map(rows.map((row, i) => [row, i]));
  const text = new Map(rows.map((row) => [
    row, Array.from(row.cells, (cell) => cell.textContent.toLowerCase()).join("\\n")]));
  const heads = Array.from(table.tHead.rows[0].cells);
  const filter = document.getElementById("filter");
  const verdict = document.getElementById("verdict");
  const verdictColumn = heads.findIndex((th) => th.dataset.column === "verdict");
  const shown = document.getElementById("shown");
  const paged = document.getElementById("paged");
  const listed = document.getElementById("listed");
  const more = document.getElementById("more");
  const page = Number(table.dataset.listed);
  const collator = new Intl.Collator("en", {numeric: true, sensitivity: "base"});
  const sortKeys = new Map();
  let order = rows;
  let limit = page;

  function keysOf(column) {
    if (!sortKeys.has(column)) {
      const numeric = heads[column].classList.contains("num");
      sortKeys.set(column, new Map(rows.map((row) => {
        const t = row.cells[column].textContent.trim();
        const n = numeric && t !== "" ? Number(t) : NaN;
        return [row, t === "" || (numeric && Number.isNaN(n)) ? null : (numeric ? n : t)];
      })));
    }
    return sortKeys.get(column);
  }

  // Only the first `limit` matching rows are displayed: a browser lays out a few thousand
  // rows at once without a wait, not twenty thousand.
  function display() {
    const needle = filter.value.trim().toLowerCase();
    const wanted = verdict ? verdict.value : "";
    let count = 0;
    for (const row of order) {
      const keep = (needle === "" || text.get(row).includes(needle)) &&
        (wanted === "" || row.cells[verdictColumn].textContent === wanted);
      if (keep) count += 1;
      row.hidden = !keep || count > limit;
    }
    shown.textContent = String(count);
    listed.textContent = String(Math.min(count, limit));
    paged.hidden = count <= limit;
    more.hidden = count <= limit;
  }

  function sortBy(column) {
    const th = heads[column];
    const numeric = th.classList.contains("num");
    const direction = th.getAttribute("aria-sort") === "ascending" ? -1 : 1;
    for (const h of heads) h.removeAttribute("aria-sort");
    th.setAttribute("aria-sort", direction === 1 ? "ascending" : "descending");
    const keys = keysOf(column);
    order = rows.slice().sort((a, b) => {
      const ka = keys.get(a);
      const kb = keys.get(b);
      if (ka === null || kb === null) {
        if (ka === kb) return given.get(a) - given.get(b);
        return ka === null ? 1 : -1;
      }
      const c = numeric ? ka - kb : collator.compare(ka, kb);
      return c !== 0 ? direction * c : given.get(a) - given.get(b);
    });
    // Rows move while their body is out of the document: one style and layout pass after,
    // not one per row.
    const next = body.nextSibling;
    table.removeChild(body);
    for (const row of order) body.appendChild(row);
    display();
    table.insertBefore(body, next);
  }

  function refilter() {
    limit = page;
    display();
  }

  heads.forEach((th, column) => {
    th.querySelector("button").addEventListener("click", () => sortBy(column));
  });
  filter.addEventListener("input", refilter);
  if (verdict) verdict.addEventListener("change", refilter);
  more.addEventListener("click", () => {
    limit += page;
    display();
  });
  document.getElementById("controls").hidden = false;
})();
"""

CSP = (
    "default-src 'none'; style-src 'unsafe-inline'; "
    f"script-src 'sha256-{base64.b64encode(hashlib.sha256(SCRIPT.encode()).digest()).decode()}'"
)

_VERDICT_STYLES = "\n".join(
    f".v-{verdict}{{background:{colour};color:#fff;font-weight:600;white-space:nowrap;"
    "-webkit-print-color-adjust:exact;print-color-adjust:exact}"
    for verdict, colour in VERDICT_COLOUR.items()
)

CSS = (
    """
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Liberation Sans",Arial,sans-serif;
 color:#1a1a1a;line-height:1.4;font-size:14px;margin:0;padding:12px 18px}
h1{font-size:1.5em;margin:.2em 0 .4em}
pre.summary{background:#f3f4f6;padding:.5em .8em;border-radius:4px;overflow-x:auto}
.note{color:#444;font-size:.92em}
.warning{border-left:4px solid #b3261e;background:#fdf1f0;padding:.4em .7em}
#controls{display:flex;flex-wrap:wrap;gap:8px 18px;align-items:center;margin:.6em 0}
#controls[hidden],#more[hidden],#paged[hidden]{display:none}
#controls input{min-width:22em}
.scroll{overflow-x:auto}
table{border-collapse:collapse;font-size:.92em}
th,td{border:1px solid #d0d7de;padding:3px 6px;text-align:left;vertical-align:top}
td{white-space:nowrap}
thead th{background:#f3f4f6;position:sticky;top:0}
th button{font:inherit;font-weight:600;background:none;border:0;padding:0;cursor:pointer;
 color:inherit;white-space:nowrap}
th[aria-sort=ascending] button::after{content:" \\25B2"}
th[aria-sort=descending] button::after{content:" \\25BC"}
"""
    + _VERDICT_STYLES
    + "\n"
)
