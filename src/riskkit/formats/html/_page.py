"""The page shell every HTML rendering shares: the document, headings, badges and escaping.

A body (a report, a comparison, a diff) is placed either in a whole page (``page``) or, for a
notebook cell, in a styled ``<div>`` (``fragment``); its heading levels follow where it sits.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from html import escape

from riskkit._version import __version__
from riskkit.formats._words import HTML_VERDICT_TEXT
from riskkit.formats.html._style import CSP, CSS, OUTCOME_COLOUR, VERDICT_COLOUR
from riskkit.report import Unknown

_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")


def esc(value: object) -> str:
    """``value`` as text, escaped for an element or a quoted attribute."""
    return escape(str(value), quote=True)


class Headings:
    """Heading levels relative to where a body is placed (a report inside a comparison is one
    level deeper)."""

    def __init__(self, top: int) -> None:
        self.top = top

    def __call__(self, depth: int, text: str, ident: str = "") -> str:
        level = min(self.top + depth, 6)
        attr = f' id="{esc(ident)}"' if ident else ""
        return f"<h{level}{attr}>{text}</h{level}>"


def page(title: str, body: str) -> str:
    """A whole HTML document around ``body``."""
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8"/>\n'
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}"/>\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1"/>\n'
        f'<meta name="generator" content="riskkit {esc(__version__)}"/>\n'
        f"<title>{esc(title)}</title>\n<style>{CSS}</style>\n</head>\n<body>\n"
        f'<main class="riskkit">\n{body}</main>\n</body>\n</html>\n'
    )


def fragment(body: str) -> str:
    """``body`` with its styles, to sit inside another page (a notebook cell's output)."""
    return f'<div class="riskkit"><style>{CSS}</style>\n{body}</div>\n'


def verdict_badge(verdict: str) -> str:
    return (
        f'<span class="badge" style="background:{VERDICT_COLOUR[verdict]}">'
        f"{esc(HTML_VERDICT_TEXT[verdict])}</span>"
    )


def outcome_badge(outcome: str) -> str:
    return (
        f'<span class="badge" style="background:{OUTCOME_COLOUR[outcome]}">'
        f"{esc(outcome.replace('_', ' '))}</span>"
    )


def code_id(text: str) -> str:
    """An identifier (rule id, subject path) that must not break across lines."""
    return f'<code class="id">{esc(text)}</code>'


def dates(text: str) -> str:
    """``text`` escaped, with its ISO dates kept on one line."""
    return _DATE.sub(lambda m: f'<span class="date">{m[0]}</span>', esc(text))


def unknowns_list(unknowns: Sequence[Unknown]) -> str:
    items = []
    for u in unknowns:
        rule = f"<code>{esc(u.rule_id)}</code>: " if u.rule_id else ""
        later = (
            f" (open from {u.upcoming_from}, when the rule takes effect)" if u.upcoming_from else ""
        )
        items.append(f"<li><code>{esc(u.subject)}</code>: {rule}{esc(u.explanation)}{later}</li>")
    return f"<ul>{''.join(items)}</ul>"


def markdown_code(text: str) -> str:
    """``text`` escaped, with Markdown `code` spans as <code>."""
    return re.sub(r"`([^`]*)`", r"<code>\1</code>", esc(text))


def disclaimer() -> str:
    return (
        '<p class="disclaimer">riskkit is not legal advice. Rule and list data have a date; '
        "check the citations before relying on a finding.</p>"
    )
