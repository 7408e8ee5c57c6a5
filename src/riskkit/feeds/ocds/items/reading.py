"""What one text holds for the item rules, worked out once per distinct text of a feed.

A feed repeats its texts far more than it varies them: the 5,000 first processes of the
synthetic 20k feed hold 105,516 item, title and budget texts and only 1,228 distinct ones
(an item's description repeats in the tender, the award and the contract, and across
processes). Folding a text, ruling out the rules it cannot match and running the patterns that
remain depend on the text and the rules alone, so each distinct text is read once and
remembered (:class:`Readings`, bounded) for as long as the rules are.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs

from riskkit.feeds.ocds.items.text import Folded, fold

if TYPE_CHECKING:
    from riskkit.feeds.ocds.items.brands import BrandNames
    from riskkit.feeds.ocds.items.rules import ItemRules, KeywordRule

TRAPS = -1
"""The target of every trap phrase in ``ItemRules.first_words`` (keywords are their index)."""
_TEXTS_REMEMBERED = 20_000
"""How many distinct texts are remembered before the memory starts afresh."""
_CHARACTERS_REMEMBERED = 1_000_000
"""How many characters of text, all texts together, before the memory starts afresh: some
descriptions run to pages, and a worker's memory must not grow with them."""


@attrs.define
class Reading:
    """What one text holds: the traps blanked out of it, and its keyword matches in rule order."""

    folded: Folded
    traps: tuple[str, ...]
    matches: tuple[tuple[KeywordRule, str], ...]
    """(rule, exact original text matched), rule by rule, each rule's matches in text order."""
    blank: bool = False
    """The text is empty or only space: it holds nothing, not even a brand name."""
    quiet: bool = attrs.field(init=False)
    """No trap and no keyword matched (brand names aside)."""
    silent_with: BrandNames | None = attrs.field(default=None, init=False)
    """Brand names the text is known to hold none of, when it holds no trap or keyword either:
    a text that gives nothing for them is passed over with one look-up (``find_items``)."""
    _brands: BrandNames | None = None
    _brand_names: list[tuple[str, str, str]] = attrs.field(factory=list)

    def __attrs_post_init__(self) -> None:
        self.quiet = not (self.traps or self.matches)

    @classmethod
    def of(cls, text: str, rules: ItemRules) -> Reading:
        """``text`` read against ``rules``."""
        folded = fold(text)
        if not text.strip():
            return cls(folded, (), (), blank=True)
        targets = rules.first_words.targets(folded)
        if not targets:
            return cls(folded, (), ())
        clear = folded.text
        traps: tuple[str, ...] = ()
        if TRAPS in targets and rules.trap_pattern.search(clear) is not None:
            traps = tuple(trap.id for trap in rules.traps if trap.pattern.search(clear))
            clear = rules.trap_pattern.sub(lambda m: " " * len(m.group()), clear)
        matches = tuple(
            (keyword, folded.span(*match.span()))
            for index, keyword in enumerate(rules.keywords)
            if index in targets
            for match in keyword.pattern.finditer(clear)
        )
        return cls(folded, traps, matches)

    def brand_names(self, brands: BrandNames) -> list[tuple[str, str, str]]:
        """(entity id, curated name, matched text) of every curated name in the text."""
        if self.blank:
            self.silent_with = brands
            return []
        if self._brands is not brands:
            self._brand_names = brands.names_in(self.folded)
            self._brands = brands
            self.silent_with = brands if self.quiet and not self._brand_names else None
        return self._brand_names


class Readings:
    """Texts already read against one set of rules, up to a bound."""

    def __init__(self) -> None:
        self.known: dict[str, Reading] = {}
        """Text -> its reading (looked up directly in hot loops; added to by ``of`` alone)."""
        self._characters = 0

    def of(self, text: str, rules: ItemRules) -> Reading:
        """The reading of ``text``, read now if it was not read before."""
        reading = self.known.get(text)
        if reading is None:
            self._characters += len(text)
            if len(self.known) >= _TEXTS_REMEMBERED or self._characters > _CHARACTERS_REMEMBERED:
                self.known.clear()
                self._characters = len(text)
            reading = self.known[text] = Reading.of(text, rules)
        return reading
