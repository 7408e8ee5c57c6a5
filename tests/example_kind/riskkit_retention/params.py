"""Params of ``data_retention_limit``: what a rule's ``[rules.params]`` table holds."""

from __future__ import annotations

from pydantic import Field

from riskkit.kinds.interface import Params
from riskkit.model import DataCategory


class RetentionParams(Params):
    """A limit on how long the data a flow carries may be kept where it goes."""

    max_days: int = Field(ge=0)
    """The longest the rule lets the data be kept, in days."""
    data: tuple[DataCategory, ...] = Field(min_length=1)
    """The categories the limit covers; a flow carrying none of them is not covered."""
