"""The rules that find surveillance and telecom items, read once from ``item-rules.toml``.

The rules are data (``riskkit/feeds/data/item-rules.toml``), each with an id: classification
codes by scheme and prefix, keyword phrases in the sample's languages, and traps, phrases that
look like a keyword but are not one ("Cámara de Comercio"). Kinds and capabilities are checked
against the model's vocabulary when the file is read, so a misspelt one fails at once.
"""

from __future__ import annotations

import functools
import re
import tomllib
from pathlib import Path
from typing import Any, get_args

import attrs

from riskkit.feeds.ocds.items.reading import TRAPS, Readings
from riskkit.feeds.ocds.items.text import first_word, fold_plain, phrase_pattern
from riskkit.feeds.ocds.items.words import FirstWords
from riskkit.model.vocabulary import Capability, ComponentKind, Confidence

ITEM_RULES = Path(__file__).resolve().parents[2] / "data" / "item-rules.toml"
"""The bundled rules (see ``riskkit/feeds/data/README.md``)."""

_KINDS = frozenset(get_args(ComponentKind))
_CAPABILITIES = frozenset(get_args(Capability))
_CONFIDENCES = frozenset(get_args(Confidence))

__all__ = ["TRAPS", "CodeRule", "ItemRules", "KeywordRule", "Trap", "item_rules", "parse_rules"]

_CODES_REMEMBERED = 100_000
_UNSEEN = object()


@attrs.frozen
class CodeRule:
    """Classification codes of one scheme, by prefix, that name a kind of item."""

    id: str
    scheme: str
    prefixes: tuple[str, ...]
    kind: ComponentKind | None
    capabilities: tuple[Capability, ...]
    confidence: Confidence


@attrs.frozen
class KeywordRule:
    """Phrases that name a kind of item, in any of the languages the rule lists."""

    id: str
    pattern: re.Pattern[str]
    kind: ComponentKind | None
    capabilities: tuple[Capability, ...]


@attrs.frozen
class Trap:
    """Phrases that look like a keyword and are not one, blanked out before keywords match."""

    id: str
    pattern: re.Pattern[str]
    why: str


@attrs.frozen
class ItemRules:
    """Every rule of one rules file, ready to match."""

    schemes: dict[str, str]
    """Scheme names as publishers spell them, folded, mapped to the scheme codes use."""
    codes: dict[str, tuple[tuple[str, CodeRule], ...]]
    """By scheme: (prefix, rule) pairs, longest prefix first."""
    keywords: tuple[KeywordRule, ...]
    traps: tuple[Trap, ...]
    trap_pattern: re.Pattern[str]
    """Every trap's phrases in one pattern, to blank them all in one pass."""
    first_words: FirstWords[int] = attrs.field(eq=False, repr=False)
    """Keywords (by index) and traps (``TRAPS``) by the first words of their phrases."""
    known_codes: dict[tuple[str, str], CodeRule | None] = attrs.field(
        init=False, factory=dict, eq=False, repr=False
    )
    """(scheme, code) already looked up -> its rule: a feed uses few codes, over and over.
    Looked up directly in hot loops; added to by ``code_rule`` alone."""
    readings: Readings = attrs.field(init=False, factory=Readings, eq=False, repr=False)
    """Texts already read against these rules: a feed repeats its texts, over and over."""

    def code_rule(self, scheme: str, code: str) -> CodeRule | None:
        """The rule for ``code`` of ``scheme`` (as published), the longest prefix winning."""
        key = (scheme, code)
        rule = self.known_codes.get(key, _UNSEEN)
        if rule is not _UNSEEN:
            return rule  # type: ignore[return-value]
        if len(self.known_codes) >= _CODES_REMEMBERED:
            self.known_codes.clear()
        found = self.known_codes[key] = self._look_up_code(scheme, code)
        return found

    def _look_up_code(self, scheme: str, code: str) -> CodeRule | None:
        name = self.schemes.get(" ".join(fold_plain(scheme).split()))
        if name is None:
            return None
        digits = "".join(c for c in code.split("-")[0].split("/")[0] if c.isdigit())
        for prefix, rule in self.codes.get(name, ()):
            if digits.startswith(prefix):
                return rule
        return None


def parse_rules(data: dict[str, Any]) -> ItemRules:
    """The rules in ``data``, a parsed rules file; ValueError naming a rule that is wrong."""
    codes: dict[str, list[tuple[str, CodeRule]]] = {}
    for entry in data.get("codes", []):
        rule = CodeRule(
            entry["id"],
            entry["scheme"],
            tuple(entry["prefixes"]),
            _kind(entry),
            _capabilities(entry),
            _confidence(entry),
        )
        for prefix in rule.prefixes:
            codes.setdefault(rule.scheme, []).append((prefix, rule))
    keywords = tuple(
        KeywordRule(e["id"], phrase_pattern(e["phrases"]), _kind(e), _capabilities(e))
        for e in data.get("keywords", [])
    )
    traps = tuple(Trap(e["id"], phrase_pattern(e["phrases"]), e["why"]) for e in data["traps"])
    trap_phrases = [p for e in data["traps"] for p in e["phrases"]]
    ids = [e["id"] for part in ("codes", "keywords", "traps") for e in data.get(part, [])]
    if len(ids) != len(set(ids)):
        raise ValueError(f"rule ids repeat: {sorted(i for i in ids if ids.count(i) > 1)}")
    return ItemRules(
        schemes={" ".join(fold_plain(k).split()): v for k, v in data.get("schemes", {}).items()},
        codes={
            s: tuple(sorted(pairs, key=lambda pair: -len(pair[0]))) for s, pairs in codes.items()
        },
        keywords=keywords,
        traps=traps,
        trap_pattern=phrase_pattern(trap_phrases),
        first_words=FirstWords(
            [
                *(
                    (i, *first_word(p))
                    for i, e in enumerate(data.get("keywords", []))
                    for p in e["phrases"]
                ),
                *((TRAPS, *first_word(p)) for p in trap_phrases),
            ]
        ),
    )


@functools.cache
def item_rules() -> ItemRules:
    """The bundled rules, read once."""
    with ITEM_RULES.open("rb") as file:
        return parse_rules(tomllib.load(file))


def _kind(entry: dict[str, Any]) -> ComponentKind | None:
    kind = entry.get("kind")
    if kind is not None and kind not in _KINDS:
        raise ValueError(f"rule {entry['id']}: unknown component kind {kind!r}")
    return kind


def _capabilities(entry: dict[str, Any]) -> tuple[Capability, ...]:
    found = tuple(entry.get("capabilities", ()))
    unknown = [c for c in found if c not in _CAPABILITIES]
    if unknown:
        raise ValueError(f"rule {entry['id']}: unknown capabilities {unknown}")
    return found


def _confidence(entry: dict[str, Any]) -> Confidence:
    confidence = entry.get("confidence", "high")
    if confidence not in _CONFIDENCES:
        raise ValueError(f"rule {entry['id']}: unknown confidence {confidence!r}")
    return confidence  # type: ignore[no-any-return]
