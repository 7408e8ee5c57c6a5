"""The params models of the built-in kinds whose own modules the optional compiled build compiles.

They live apart from their kinds because pydantic builds a model from its class body (its
annotations, ``Field`` defaults, methods as plain functions), and a module compiled by mypyc
turns those into something else; the kinds' own modules hold no pydantic model, so they can be
compiled. The params of ``condition`` and ``data_transfer`` stay with their kinds.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class Params(BaseModel):
    """Base of every kind's params: frozen, unknown fields rejected."""

    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)
