"""The two pictures of the HTML report, as inline SVG: the risk matrix and the term timeline.

Both are drawn from the findings alone, in integer or one-decimal coordinates, so the same report
gives the same bytes. Every colour has text beside it: the matrix cells carry their score and the
legend names the bands; timeline bars carry their outcome and dates.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from html import escape

from riskkit.formats.html._style import OUTCOME_COLOUR
from riskkit.report import LEVEL_NAMES, Finding

BANDS = (
    (1, 4, "low", "#d4edda"),
    (5, 9, "medium", "#fff3bf"),
    (10, 16, "high", "#ffd8a8"),
    (20, 25, "very high", "#f5b5b5"),
)
"""Score bands of the matrix: (lowest score, highest score, name, fill)."""


def band(score: int) -> tuple[str, str]:
    """The band name and fill of a likelihood x impact score."""
    for low, high, name, fill in BANDS:
        if low <= score <= high:
            return name, fill
    return BANDS[-1][2], BANDS[-1][3]


def _e(value: object) -> str:
    return escape(str(value), quote=True)


def _n(value: float) -> str:
    """A coordinate with at most one decimal, without a trailing ``.0``."""
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


# ---------------------------------------------------------------------------------------------
# Risk matrix

_CELL_W, _CELL_H = 104, 66
_LEFT, _TOP, _BOTTOM = 92, 12, 58
_SLOTS = tuple((x, y) for y in (27, 51) for x in (22, 46, 70, 94))
"""Marker centres inside a cell (from its top-left corner); a seventh marker becomes ``+N``."""


def matrix_svg(findings: Sequence[Finding], numbers: Sequence[int], ident: str) -> str:
    """A 5x5 likelihood-by-impact matrix with one numbered marker per finding.

    Filled circles are where a finding stands after mitigations; dashed circles where it stood
    before, when mitigations moved it; squares are findings that only start later in the term.
    """
    width = _LEFT + 5 * _CELL_W + 8
    height = _TOP + 5 * _CELL_H + _BOTTOM
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="matrix" role="img" '
        f'width="{width}" height="{height}" viewBox="0 0 {width} {height}" '
        f'aria-labelledby="{ident}-t {ident}-d">',
        f'<title id="{ident}-t">Risk matrix: likelihood by impact</title>',
        f'<desc id="{ident}-d">{_e(_matrix_description(findings, numbers))}</desc>',
    ]
    for likelihood in range(1, 6):
        y = _TOP + (5 - likelihood) * _CELL_H
        for impact in range(1, 6):
            x = _LEFT + (impact - 1) * _CELL_W
            score = likelihood * impact
            name, fill = band(score)
            out.append(
                f'<rect x="{x}" y="{y}" width="{_CELL_W}" height="{_CELL_H}" fill="{fill}" '
                f'stroke="#ffffff" stroke-width="2"><title>likelihood {likelihood} x impact '
                f"{impact} = {score} ({name})</title></rect>"
            )
            out.append(f'<text x="{x + 6}" y="{y + 14}" class="cell-score">{score}</text>')
        out.append(
            f'<text x="{_LEFT - 8}" y="{y + _CELL_H // 2 - 2}" class="axis" '
            f'text-anchor="end">{likelihood}</text>'
            f'<text x="{_LEFT - 8}" y="{y + _CELL_H // 2 + 12}" class="axis-name" '
            f'text-anchor="end">{_e(LEVEL_NAMES[likelihood])}</text>'
        )
    base = _TOP + 5 * _CELL_H
    for impact in range(1, 6):
        x = _LEFT + (impact - 1) * _CELL_W + _CELL_W // 2
        out.append(
            f'<text x="{x}" y="{base + 16}" class="axis" text-anchor="middle">{impact}</text>'
            f'<text x="{x}" y="{base + 30}" class="axis-name" text-anchor="middle">'
            f"{_e(LEVEL_NAMES[impact])}</text>"
        )
    out.append(
        f'<text x="{_LEFT + 5 * _CELL_W // 2}" y="{base + 50}" class="axis-title" '
        f'text-anchor="middle">impact</text>'
        f'<text x="14" y="{_TOP + 5 * _CELL_H // 2}" class="axis-title" text-anchor="middle" '
        f'transform="rotate(-90 14 {_TOP + 5 * _CELL_H // 2})">likelihood</text>'
    )
    out += _markers(findings, numbers)
    out.append("</svg>")
    return "".join(out)


def _matrix_description(findings: Sequence[Finding], numbers: Sequence[int]) -> str:
    if not findings:
        return "No findings: the matrix is empty."
    parts = []
    for number, f in zip(numbers, findings, strict=True):
        moved = (
            f" (before mitigations likelihood {f.likelihood}, score {f.inherent_score})"
            if f.residual_likelihood != f.likelihood
            else ""
        )
        parts.append(
            f"finding {number}: likelihood {f.residual_likelihood} x impact {f.impact} = "
            f"{f.residual_score}{moved}"
        )
    return "; ".join(parts) + "."


def _markers(findings: Sequence[Finding], numbers: Sequence[int]) -> list[str]:
    cells: dict[tuple[int, int], list[tuple[str, int, Finding]]] = {}
    for number, f in zip(numbers, findings, strict=True):
        if f.residual_likelihood != f.likelihood:
            cells.setdefault((f.likelihood, f.impact), []).append(("before", number, f))
    for number, f in zip(numbers, findings, strict=True):
        cells.setdefault((f.residual_likelihood, f.impact), []).append(("now", number, f))
    out: list[str] = []
    for (likelihood, impact), markers in sorted(cells.items()):
        x0 = _LEFT + (impact - 1) * _CELL_W
        y0 = _TOP + (5 - likelihood) * _CELL_H
        shown = markers if len(markers) <= len(_SLOTS) else markers[: len(_SLOTS) - 1]
        for (kind, number, f), (dx, dy) in zip(shown, _SLOTS, strict=False):
            cx, cy = x0 + dx, y0 + dy
            label = f"finding {number}: {f.rule_id} on {f.subjects_text}"
            if kind == "before":
                out.append(
                    f"<g><title>{_e(label)}, before mitigations</title>"
                    f'<circle cx="{cx}" cy="{cy}" r="10" fill="#ffffff" stroke="#222222" '
                    f'stroke-width="1.5" stroke-dasharray="3 2"/>'
                    f'<text x="{cx}" y="{cy + 4}" class="marker-before" '
                    f'text-anchor="middle">{number}</text></g>'
                )
            elif f.status == "upcoming":
                out.append(
                    f"<g><title>{_e(label)}, starts later in the term</title>"
                    f'<rect x="{cx - 10}" y="{cy - 10}" width="20" height="20" fill="#555555"/>'
                    f'<text x="{cx}" y="{cy + 4}" class="marker" '
                    f'text-anchor="middle">{number}</text></g>'
                )
            else:
                out.append(
                    f"<g><title>{_e(label)}</title>"
                    f'<circle cx="{cx}" cy="{cy}" r="10" fill="#222222"/>'
                    f'<text x="{cx}" y="{cy + 4}" class="marker" '
                    f'text-anchor="middle">{number}</text></g>'
                )
        if len(markers) > len(_SLOTS):
            dx, dy = _SLOTS[-1]
            out.append(
                f'<text x="{x0 + dx}" y="{y0 + dy + 4}" class="overflow" text-anchor="middle">'
                f"+{len(markers) - len(shown)}</text>"
            )
    return out


# ---------------------------------------------------------------------------------------------
# Timeline of the contract term

_T_WIDTH, _T_LABEL, _T_RIGHT = 1000, 330, 24
_T_TOP, _T_ROW, _T_BOTTOM = 52, 44, 40


def _ellipsis(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def timeline_svg(
    findings: Sequence[Finding],
    numbers: Sequence[int],
    *,
    as_of: date,
    term_start: date,
    term_end: date,
    ident: str,
) -> str:
    """One row per finding: when it applies, drawn against the contract term and the as-of day."""
    start = min(term_start, as_of)
    end = max(term_end, as_of)
    span = max((end - start).days, 1)
    plot = _T_WIDTH - _T_LABEL - _T_RIGHT

    def x(day: date) -> float:
        clamped = min(max(day, start), end)
        return _T_LABEL + plot * (clamped - start).days / span

    rows = max(len(findings), 1)
    height = _T_TOP + rows * _T_ROW + _T_BOTTOM
    bottom = _T_TOP + rows * _T_ROW
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="timeline" role="img" '
        f'width="{_T_WIDTH}" height="{height}" viewBox="0 0 {_T_WIDTH} {height}" '
        f'aria-labelledby="{ident}-t {ident}-d">',
        f'<title id="{ident}-t">When each finding applies over the contract term</title>',
        f'<desc id="{ident}-d">{_e(_timeline_description(findings, numbers, as_of))}</desc>',
        f'<defs><pattern id="{ident}-hatch" width="6" height="6" patternUnits="userSpaceOnUse" '
        f'patternTransform="rotate(45)"><rect width="6" height="6" fill="#ffffff"/>'
        f'<rect width="3" height="6" fill="#555555"/></pattern></defs>',
        f'<rect x="{_n(x(term_start))}" y="{_T_TOP - 8}" '
        f'width="{_n(x(term_end) - x(term_start))}" height="{bottom - _T_TOP + 16}" '
        f'fill="#e8eef6" stroke="#9fb3cc"/>',
        f'<text x="{_n(x(term_start) + 4)}" y="{_T_TOP - 14}" class="term-label">'
        f"contract term {term_start} to {term_end}</text>",
    ]
    for year in range(start.year + 1, end.year + 1):
        tick = date(year, 1, 1)
        out.append(
            f'<line x1="{_n(x(tick))}" y1="{_T_TOP - 8}" x2="{_n(x(tick))}" y2="{bottom + 8}" '
            f'stroke="#c8d2de" stroke-width="1"/>'
            f'<text x="{_n(x(tick))}" y="{bottom + 22}" class="tick" '
            f'text-anchor="middle">{year}</text>'
        )
    for i, (number, f) in enumerate(zip(numbers, findings, strict=True)):
        out += _row(f, number, _T_TOP + i * _T_ROW, x, start, end, ident)
    if not findings:
        out.append(
            f'<text x="{_T_LABEL + 8}" y="{_T_TOP + 26}" class="bar-text">'
            "No finding applies on any day of the term.</text>"
        )
    as_x = _n(x(as_of))
    anchor = "start" if x(as_of) < _T_LABEL + plot / 2 else "end"
    shift = 5 if anchor == "start" else -5
    out.append(
        f'<line x1="{as_x}" y1="12" x2="{as_x}" y2="{bottom + 8}" stroke="#000000" '
        f'stroke-width="2" stroke-dasharray="6 3"/>'
        f'<text x="{_n(x(as_of) + shift)}" y="22" class="as-of" text-anchor="{anchor}">'
        f"as of {as_of}</text>"
    )
    out.append(
        f'<text x="{_T_LABEL}" y="{bottom + 36}" class="edge">{start}</text>'
        f'<text x="{_T_WIDTH - _T_RIGHT}" y="{bottom + 36}" class="edge" '
        f'text-anchor="end">{end}</text>'
    )
    out.append("</svg>")
    return "".join(out)


def applies_text(f: Finding, start: date | None = None, end: date | None = None) -> str:
    """When a finding applies, in words; ``start``/``end`` note dates outside a chart."""
    text = f"from {f.applies_from}"
    if start is not None and f.applies_from < start:
        text += " (before the chart)"
    if f.applies_until is None:
        text += ", no end date"
    else:
        text += f" until {f.applies_until}"
        if end is not None and f.applies_until > end:
            text += " (after the chart)"
    return text


def _row(
    f: Finding,
    number: int,
    y: int,
    x: Callable[[date], float],
    start: date,
    end: date,
    ident: str,
) -> list[str]:
    left = x(f.applies_from)
    right = x(f.applies_until or end)
    if f.applies_until is not None and f.applies_until < start:
        right = left
    right = max(right, left + 3)
    colour = OUTCOME_COLOUR[f.outcome]
    upcoming = f.status == "upcoming"
    fill = f"url(#{ident}-hatch)" if upcoming else colour
    words = f"{f.outcome}{' (upcoming)' if upcoming else ''} · {applies_text(f, start, end)}"
    mid = (_T_LABEL + _T_WIDTH - _T_RIGHT) / 2
    anchor, tx = ("start", left + 9) if left < mid else ("end", right - 9)
    out = [
        f'<text x="8" y="{y + 14}" class="row-rule">{number}. '
        f"{_e(_ellipsis(f.rule_id, 34 - len(str(number))))}</text>",
        f'<text x="8" y="{y + 30}" class="row-subject">{_e(_ellipsis(f.subject, 36))}</text>',
        f'<rect x="{_n(left)}" y="{y + 4}" width="{_n(right - left)}" height="14" '
        f'fill="{fill}" stroke="{colour}" stroke-width="2"><title>{_e(words)}</title></rect>',
    ]
    if f.applies_from < start:
        out.append(f'<path d="M{_n(left)} {y + 4} l-8 7 l8 7 z" fill="{colour}"/>')
    if f.applies_until is None or f.applies_until > end:
        out.append(f'<path d="M{_n(right)} {y + 4} l8 7 l-8 7 z" fill="{colour}"/>')
    out.append(
        f'<text x="{_n(tx)}" y="{y + 33}" class="bar-text" text-anchor="{anchor}">'
        f"{_e(words)}</text>"
    )
    return out


def _timeline_description(findings: Sequence[Finding], numbers: Sequence[int], as_of: date) -> str:
    if not findings:
        return f"No finding applies over the term (as of {as_of})."
    return (
        "; ".join(
            f"finding {n}: {f.rule_id} on {f.subjects_text}, {f.outcome}, {applies_text(f)}"
            for n, f in zip(numbers, findings, strict=True)
        )
        + "."
    )
