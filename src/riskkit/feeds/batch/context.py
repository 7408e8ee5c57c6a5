"""What every worker needs to assess processes, built once per worker from a small recipe.

The built context (packs, the screener over the lists, the curated brand names, the BODS
owners) is large and does not pickle well, so it is never shipped: each worker gets the
:class:`Recipe` (the day, file paths, options) and builds the context once, in the pool's
initializer or a Dask worker plugin's ``setup``, into this module's slot. Tasks then read the
slot (:func:`current`).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any, Protocol

import attrs

from riskkit.api import Assessor
from riskkit.errors import RiskkitError
from riskkit.feeds.batch.row import Summary
from riskkit.feeds.bods import read_bods
from riskkit.feeds.bods.owners import OwnerIndex
from riskkit.feeds.bods.owners import attach_owners as attach
from riskkit.feeds.ocds.items.brands import BrandNames
from riskkit.feeds.ocds.mapping import map_process
from riskkit.feeds.ocds.read import Process
from riskkit.model import Procurement
from riskkit.packs import load_packs
from riskkit.packs.lists import MAX_LIST_AGE_DAYS


class Mapped(Protocol):
    """A process mapped onto the procurement model (``riskkit.feeds.ocds.mapping.Mapped``)."""

    @property
    def summary(self) -> Summary: ...
    @property
    def procurement(self) -> Procurement | None: ...
    @property
    def gaps(self) -> tuple[Any, ...]: ...
    @property
    def warnings(self) -> tuple[str, ...]: ...
    @property
    def origin(self) -> str: ...
    @property
    def document(self) -> dict[str, Any]: ...


Mapper = Callable[..., Mapped]
"""``map_process(process, *, brands=None, publisher=None) -> Mapped``: a module-level function,
so that it pickles by name."""


class BatchUnavailable(RiskkitError):
    """A part of the batch that this install cannot do (a missing extra or piece)."""


@attrs.frozen
class Recipe:
    """How to build a worker's context: small, picklable, the same for every worker."""

    as_of: date | None
    """The day every process is assessed as of: fixed once for the whole batch, by the
    parent's first build (``None`` there stands for ``Assessor.of``'s default, today)."""
    rules: tuple[str, ...] = ()
    """Extra rule pack files or folders."""
    builtin: bool = True
    """Whether the shipped packs are loaded too."""
    lists: tuple[str, ...] = ()
    """Official list files to screen against."""
    max_list_age_days: int = MAX_LIST_AGE_DAYS
    bods: tuple[str, ...] = ()
    """BODS files whose owners are attached to the mapped processes."""
    mapper: Mapper | None = None
    """The mapping to use; ``None`` for riskkit's own (``riskkit.feeds.ocds.mapping``)."""
    validate: bool = True
    """Whether each process is checked against the OCDS release schema while read."""
    reports_to: str | None = None
    """A folder to write each assessed process's full HTML report to (for the HTML page's
    links), or None."""


@attrs.frozen
class Context:
    """A worker's built context: everything a task needs besides its part of the feed."""

    recipe: Recipe
    assessor: Assessor
    brands: BrandNames
    mapper: Mapper
    owners: OwnerIndex | None = None
    """The BODS owners index, when BODS files were given."""


def build(recipe: Recipe) -> Context:
    """The context the recipe describes. Bad list, pack or BODS files are located errors."""
    packs = load_packs(list(recipe.rules), builtin=recipe.builtin)
    assessor = Assessor.of(
        as_of=recipe.as_of,
        packs=packs,
        lists=list(recipe.lists) or None,
        max_list_age_days=recipe.max_list_age_days,
    )
    mapper = recipe.mapper if recipe.mapper is not None else default_mapper()
    owners = owners_index(recipe.bods) if recipe.bods else None
    return Context(
        recipe, assessor, BrandNames(assessor.rules.entities.entities.values()), mapper, owners
    )


def default_mapper() -> Mapper:
    """riskkit's mapping of OCDS processes onto the procurement model."""
    mapper: Mapper = map_process
    return mapper


def owners_index(paths: tuple[str, ...]) -> OwnerIndex:
    """The owners in the BODS files, read once and indexed to attach to mapped processes."""
    return OwnerIndex(read_bods(list(paths)))


def attach_owners(document: dict[str, Any], index: OwnerIndex) -> tuple[dict[str, Any], list[str]]:
    """The mapped document with the owners the BODS index knows for its parties."""
    attached, warnings = attach(document, index)
    return attached, list(warnings)


_SLOT: list[Context] = []
"""The context built in this process (at most one)."""


def install(recipe: Recipe | Context) -> Context:
    """Build the recipe's context (or take one built) as this process's context."""
    context = recipe if isinstance(recipe, Context) else build(recipe)
    _SLOT[:] = [context]
    return context


def current() -> Context:
    """This process's context; a clear error when none was installed."""
    if not _SLOT:
        raise BatchUnavailable("no batch context in this worker: install(recipe) first")
    return _SLOT[0]


def process_origin(process: Process) -> str:
    """Where a process was read, ``file:line`` (or ``file:releases[3]``; its first origin)."""
    origin = process.origins[0]
    location = origin.location.removeprefix("line ")
    return f"{origin.file}:{location}" if location else origin.file
