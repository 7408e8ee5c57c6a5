"""The loaded rules as the engine asks for them: the rules in scope of a procurement, and the
schedule of those in force over a span of days.

Rules are indexed by the countries of their scope when the rule set is built, so a large pack
of other jurisdictions' law costs a dictionary lookup per country touched.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

import attrs

from riskkit.kinds import CompiledRule
from riskkit.model import Procurement
from riskkit.model.entities import EntityIndex
from riskkit.model.jurisdictions import contains, country, country_keys, parse
from riskkit.packs._parse import LoadedPack
from riskkit.packs.reach import touched_places

Schedule = tuple[tuple[CompiledRule, tuple[date, ...]], ...]
"""Rules to evaluate, each with the later days on which its result may change."""
_SCHEDULES_KEPT = 64
_EVERYWHERE = "*"
"""The index key of rules that are candidates wherever the deployment is."""


@attrs.frozen
class RuleSet:
    """Loaded packs, compiled rules indexed by country, and the curated entities."""

    packs: tuple[LoadedPack, ...]
    rules: tuple[CompiledRule, ...]
    entities: EntityIndex
    _by_country: dict[str, tuple[CompiledRule, ...]] = attrs.field(repr=False)
    _by_places: dict[frozenset[str], tuple[CompiledRule, ...]] = attrs.field(
        factory=dict, repr=False, eq=False
    )
    _schedules: dict[tuple[frozenset[str], date, date], Schedule] = attrs.field(
        factory=dict, repr=False, eq=False
    )

    @classmethod
    def indexed(
        cls, packs: tuple[LoadedPack, ...], rules: Iterable[CompiledRule], entities: EntityIndex
    ) -> RuleSet:
        """The rule set of ``rules`` (in id order), indexed by the countries of their scope;
        a rule whose kind says it speaks beyond its scope is a candidate everywhere."""
        compiled = sorted(rules, key=lambda c: c.id)
        by_country: dict[str, list[CompiledRule]] = {}
        for entry in compiled:
            keys: set[str] = set()
            for scope in entry.rule.scope:
                keys.update(country_keys(scope))
            beyond = getattr(entry.kind, "speaks_beyond_scope", None)
            if callable(beyond) and beyond(entry.params):
                keys.add(_EVERYWHERE)
            for key in keys:
                by_country.setdefault(key, []).append(entry)
        return cls(
            packs=packs,
            rules=tuple(compiled),
            entities=entities,
            by_country={k: tuple(v) for k, v in by_country.items()},
        )

    def rule(self, rule_id: str) -> CompiledRule:
        for compiled in self.rules:
            if compiled.id == rule_id:
                return compiled
        raise KeyError(rule_id)

    def candidates(self, procurement: Procurement) -> tuple[CompiledRule, ...]:
        """Rules whose scope takes in some place the procurement touches, in id order.

        Rules are indexed by their scope's countries (every member, ever, of a group), so a
        large pack of other jurisdictions' law costs a dictionary lookup per country. A rule of
        a state or a city is kept only when one of the places touched lies inside it: a city's
        ban is not looked at for a deployment nowhere near the city.
        """
        places = touched_places(procurement, self.entities)
        found = self._by_places.get(places)
        if found is None:
            seen: dict[str, CompiledRule] = {}
            for code in sorted({country(place) for place in places}):
                for compiled in self._by_country.get(code, ()):
                    if compiled.id not in seen and _takes_in(compiled.rule.scope, places):
                        seen[compiled.id] = compiled
            for compiled in self._by_country.get(_EVERYWHERE, ()):
                seen.setdefault(compiled.id, compiled)
            found = tuple(sorted(seen.values(), key=lambda c: c.id))
            self._by_places[places] = found
        return found

    def schedule(self, procurement: Procurement, as_of: date, horizon: date) -> Schedule:
        """The candidate rules in force on some day from ``as_of`` to ``horizon``, each with
        the later days in that span on which its result may change (its window's edges, its
        kind's dates), in rule id order.

        It depends on the rules, the dates and the places touched alone, so it is kept for the
        next procurement assessed on the same day (a few dozen schedules at most).
        """
        places = touched_places(procurement, self.entities)
        key = (places, as_of, horizon)
        found = self._schedules.get(key)
        if found is None:
            found = tuple(
                (rule, rule.change_dates_between(as_of, horizon))
                for rule in self.candidates(procurement)
                if rule.rule.effective.start <= horizon
                and (rule.rule.effective.until is None or as_of <= rule.rule.effective.until)
            )
            if len(self._schedules) >= _SCHEDULES_KEPT:
                self._schedules.clear()
            self._schedules[key] = found
        return found


def _takes_in(scope: tuple[str, ...], places: frozenset[str]) -> bool:
    """Whether a rule's scope takes in one of the places: always for a country or a group
    (whether a member was one on the day is for the rule's kind to decide), and for a state
    or a city when a place lies inside it."""
    for code in scope:
        parsed = parse(code)
        if parsed.subdivision is None and parsed.locality is None:
            return True
        if any(contains(code, place) for place in places):
            return True
    return False
