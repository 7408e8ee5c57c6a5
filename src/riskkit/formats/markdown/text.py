"""Markdown text every Markdown renderer shares: escaping, table cells and the closing line.

SARIF's ``help.markdown`` uses the escaping too, which is why this module is public.
"""

from __future__ import annotations

DISCLAIMER = "_riskkit is not legal advice. Rule and list data have a date; check the citations._"


def no_raw_html(text: str) -> str:
    """Markdown with every ``<`` and ``>`` written as an entity, so that no string from the input
    (a title, a party's name, a pack's remediation) renders as HTML where the Markdown is shown.
    riskkit's own Markdown has neither; in a code span the entity shows as written."""
    return text.replace("<", "&lt;").replace(">", "&gt;")


def cell(text: str) -> str:
    """``text`` made safe for one cell of a Markdown table."""
    return text.replace("|", "\\|").replace("\n", " ")
