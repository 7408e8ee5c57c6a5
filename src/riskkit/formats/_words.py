"""The words every human-readable format uses for verdicts, waivers and list dates, once.

Markdown and HTML say the same things about a report: the verdict, what became of a waiver,
where a list's date came from, which lists are stale, which places no rule takes in. The words
live here; each format only punctuates them its own way. A verdict with a caveat ("NEEDS
REVIEW", "facts missing") reads ``NEEDS REVIEW (facts missing)`` in Markdown and ``NEEDS REVIEW:
facts missing`` in HTML; a waiver state ``waiver expired, no effect`` and ``waiver expired: no
effect``. Those spellings are what the formats have always printed, and outputs stay
byte-identical.
"""

from __future__ import annotations

from typing import NamedTuple

from riskkit.report import Coverage, Provenance


class Phrase(NamedTuple):
    """A term, and a caveat that must never be dropped from it."""

    term: str
    caveat: str = ""

    def in_parentheses(self) -> str:
        return f"{self.term} ({self.caveat})" if self.caveat else self.term

    def after_comma(self) -> str:
        return f"{self.term}, {self.caveat}" if self.caveat else self.term

    def after_colon(self) -> str:
        return f"{self.term}: {self.caveat}" if self.caveat else self.term


VERDICTS: dict[str, Phrase] = {
    "prohibited": Phrase("PROHIBITED"),
    "prohibited_unless_exception": Phrase("PROHIBITED UNLESS AN EXCEPTION HOLDS"),
    "restricted": Phrase("RESTRICTED"),
    "elevated_risk": Phrase("ELEVATED RISK"),
    "no_rules_in_scope": Phrase("NO RULES IN SCOPE", "not a pass"),
    "needs_review": Phrase("NEEDS REVIEW", "facts missing"),
    "acceptable": Phrase("ACCEPTABLE"),
}
"""Each verdict in words, shouted: the first thing a reader sees."""
WAIVER_STATES: dict[str, Phrase] = {
    "applied": Phrase("waived"),
    "expired": Phrase("waiver expired", "no effect"),
    "refused": Phrase("waiver refused"),
    "unmatched": Phrase("matches no finding"),
}
"""What became of a waiver, in words."""

MARKDOWN_VERDICT_TEXT = {verdict: p.in_parentheses() for verdict, p in VERDICTS.items()}
HTML_VERDICT_TEXT = {verdict: p.after_colon() for verdict, p in VERDICTS.items()}
MARKDOWN_WAIVER_TEXT = {state: p.after_comma() for state, p in WAIVER_STATES.items()}
HTML_WAIVER_TEXT = {state: p.after_colon() for state, p in WAIVER_STATES.items()}

LIST_DATE_SOURCES = {
    "fetched": "from the `riskkit lists fetch` record",
    "file": "as the file gives it",
    "modified": "the file's modification date: the file gives no date",
}
"""Where a list's date came from, in words (Markdown: HTML shows the code span as <code>)."""


def stale_list_warnings(p: Provenance) -> list[str]:
    """One sentence per list older than the report's maximum list age."""
    return [
        f"list `{ref.name}` is dated {ref.list_date}, {ref.age_days} days before the as-of "
        f"date (more than {p.max_list_age_days}): it may miss recent listings; fetch a current "
        "copy (`riskkit lists fetch`)."
        for ref in p.lists
        if ref.stale
    ]


def places_of_use(c: Coverage) -> list[str]:
    """What the coverage says of the places the deployment is used in, in words: one line
    naming the rules for each place, and a warning for each place no rule takes in."""
    if not c.places:
        return []
    said = "; ".join(
        f"{p.place} ({p.where}): {p.rules} rule{'s' if p.rules != 1 else ''}" for p in c.places
    )
    lines = [f"Places of use: {said}."]
    lines += [
        f"No rule loaded takes in {place}: riskkit cannot say what the law there requires, "
        "so this report is not a clearance for it."
        for place in c.uncovered
    ]
    return lines


def term_span(p: Provenance) -> str:
    """The contract term as the formats print it: ``2026-07-01 to 2031-06-30``, or that it is
    unknown, which must never read as a term."""
    if p.term_start is None or p.term_end is None:
        return "not given, so only the as-of date was checked"
    return f"{p.term_start} to {p.term_end}"
