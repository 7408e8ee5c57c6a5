"""The base of every procurement fact, and the constrained values facts share."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

Identifier = Annotated[
    str,
    Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.\-]*$", min_length=1, max_length=80),
]
"""An id used for references inside one procurement file."""

Share = Annotated[float, Field(ge=0.0, le=1.0)]
"""A fraction held, from 0 to 1 (0.3888 for 38.88 %)."""


class Fact(BaseModel):
    """Base of every input model: frozen, and unknown fields are errors."""

    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)
