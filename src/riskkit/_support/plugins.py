"""Loading what an entry point group registers (rule kinds, formats): each object named as it
is registered, a broken plugin reported by name instead of hiding the others."""

from __future__ import annotations

from importlib.metadata import EntryPoint, entry_points

from riskkit.errors import RiskkitError


def load_named(group: str, what: str, why: str) -> list[tuple[EntryPoint, object]]:
    """Every entry point of ``group`` with the object it loads, whose ``name`` must be the
    name it is registered under (``why`` says what relies on that). ``what`` names the kind of
    plugin in errors (``rule kind``, ``format``)."""
    loaded: list[tuple[EntryPoint, object]] = []
    for ep in entry_points(group=group):
        try:
            obj = ep.load()
        except Exception as exc:  # a broken plugin must not hide the others' errors
            raise RiskkitError(
                f"{what} plugin {ep.name!r} ({ep.value}) failed to load: {exc}"
            ) from exc
        name = getattr(obj, "name", None)
        if name != ep.name:
            raise RiskkitError(
                f"{what} plugin {ep.value}: its name is {name!r}, but it is registered as "
                f"{ep.name!r}; {why}, so the two must be equal (entry point group {group!r})"
            )
        loaded.append((ep, obj))
    return loaded
