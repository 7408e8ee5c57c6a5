"""Curated entity data: legal names, aliases, brands, ownership and OEM links, with dates."""

from __future__ import annotations

from bisect import bisect_right
from datetime import date
from typing import TYPE_CHECKING, Annotated, ClassVar

from pydantic import BaseModel, ConfigDict, Field

from riskkit._support.dates import day_after
from riskkit.model.dated import Dated, window_of
from riskkit.model.fact import Share
from riskkit.model.jurisdictions import Jurisdiction
from riskkit.model.names import name_key
from riskkit.model.parties import Holding, PartyIdentifier

if TYPE_CHECKING:
    from riskkit.model.dated import Window

EntityId = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9_.\-]*$", max_length=80)]
Confidence = Annotated[str, Field(pattern=r"^(high|medium|low)$")]


class EntityModel(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)


class DatedLink(EntityModel, Dated):
    """A brand, holding or OEM link of an entity, for the days it held (``from`` to ``until``)."""

    model_config = ConfigDict(populate_by_name=True, frozen=True, extra="forbid")

    start: date | None = Field(default=None, alias="from")
    until: date | None = None

    window: ClassVar[Window] = window_of("start", "until")


class Brand(DatedLink):
    """A name products are sold under, for as long as the entity owned it."""

    name: str = Field(min_length=1)
    source: str | None = None


class EntityOwner(DatedLink, Holding):
    """A holding of another curated entity in this one."""

    entity: EntityId
    share: Share | None = None
    control: bool | None = None
    source: str | None = None
    confidence: Confidence = "high"


class MadeBy(DatedLink):
    """A documented OEM or white-label link: this entity sells products another makes."""

    entity: EntityId
    evidence: str = Field(min_length=1)
    source: str = Field(pattern=r"^https?://\S+$")
    confidence: Confidence = "medium"


class EntityState(EntityModel):
    """A state's holding in a curated entity, directly or through a state body (``SASAC``)."""

    state: Jurisdiction
    share: Share | None = None
    """Left out when not known: the holding then counts as control."""
    via: str | None = None
    source: str = Field(min_length=1)
    confidence: Confidence = "high"


class Entity(EntityModel):
    """A legal entity that rules may name."""

    id: EntityId
    name: str = Field(min_length=1)
    aliases: tuple[str, ...] = ()
    country: Jurisdiction | None = None
    identifiers: tuple[PartyIdentifier, ...] = ()
    brands: tuple[Brand, ...] = ()
    owners: tuple[EntityOwner, ...] = ()
    made_by: tuple[MadeBy, ...] = ()
    state_ownership: tuple[EntityState, ...] = ()
    sources: tuple[str, ...] = ()
    notes: str | None = None

    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


class EntityIndex:
    """Curated entities, looked up by identifier, name or brand. Built once per rule set."""

    def __init__(self, entities: tuple[Entity, ...]) -> None:
        self.entities: dict[str, Entity] = {e.id: e for e in entities}
        self._by_identifier: dict[tuple[str, str], str] = {}
        by_name: dict[str, set[str]] = {}
        self._brands: dict[str, list[tuple[str, Brand]]] = {}
        # Holdings change only on their first days and on the days after their last, so what
        # follows from them is the same on every day between two of those dates.
        self._holding_dates = tuple(
            sorted(
                {o.start for e in entities for o in e.owners if o.start is not None}
                | {d for e in entities for o in e.owners if o.until and (d := day_after(o.until))}
            )
        )
        self._below: dict[tuple[float, int], dict[str, frozenset[str]]] = {}
        for entity in entities:
            for ident in entity.identifiers:
                self._by_identifier[(ident.scheme.casefold(), ident.value.casefold())] = entity.id
            for name in entity.names():
                by_name.setdefault(name_key(name), set()).add(entity.id)
            for brand in entity.brands:
                self._brands.setdefault(name_key(brand.name), []).append((entity.id, brand))
        self._by_name = {key: tuple(sorted(ids)) for key, ids in by_name.items()}
        """Entity ids by name key, in id order."""

    def __len__(self) -> int:
        return len(self.entities)

    def by_identifier(self, scheme: str, value: str) -> str | None:
        return self._by_identifier.get((scheme.casefold(), value.casefold()))

    def by_name(self, name: str) -> tuple[str, ...]:
        return self._by_name.get(name_key(name), ())

    def brand_owners(self, name: str, day: date) -> tuple[tuple[str, Brand], ...]:
        """Entities that owned the brand ``name`` on ``day``."""
        return tuple(
            (entity_id, brand)
            for entity_id, brand in self._brands.get(name_key(name), [])
            if brand.holds_on(day)
        )

    def brand_holders(self, name: str) -> tuple[str, ...]:
        """Entities that owned the brand ``name`` on any day, in the order listed."""
        held = self._brands.get(name_key(name), [])
        return tuple(dict.fromkeys(entity_id for entity_id, _ in held))

    def holding_span(self, day: date) -> int:
        """The span of days between holding dates that ``day`` falls in: what follows from the
        curated holdings alone is the same on every day of a span."""
        return bisect_right(self._holding_dates, day)

    def controlled_below(self, entity_id: str, threshold: float, day: date) -> frozenset[str]:
        """Entities that ``entity_id`` controls on ``day``, directly or down a chain.

        Kept per span of days between holding dates (see ``__init__``), for the loaded data.
        """
        span = (threshold, self.holding_span(day))
        below = self._below.get(span)
        if below is None:
            below = self._below[span] = self._all_controlled_below(threshold, day)
        return below.get(entity_id, frozenset())

    def _all_controlled_below(self, threshold: float, day: date) -> dict[str, frozenset[str]]:
        controls: dict[str, list[str]] = {}
        for entity in self.entities.values():
            for owner in entity.owners:
                if owner.holds_on(day) and owner.controls(threshold):
                    controls.setdefault(owner.entity, []).append(entity.id)
        out: dict[str, frozenset[str]] = {}
        for top in controls:
            below: set[str] = set()
            stack = [top]
            while stack:
                for child in controls.get(stack.pop(), ()):
                    if child not in below:
                        below.add(child)
                        stack.append(child)
            out[top] = frozenset(below)
        return out
