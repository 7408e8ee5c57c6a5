"""What a rule is: the fields every rule carries, whatever its kind."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Annotated, Any, ClassVar, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from riskkit.model.dated import Dated, window_of
from riskkit.model.jurisdictions import Jurisdiction
from riskkit.model.vocabulary import Confidence, MitigationKind, Outcome, Severity

if TYPE_CHECKING:
    from riskkit.model.dated import Window

RuleId = Annotated[str, Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.\-]*$", max_length=100)]


class PackModel(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)


class Citation(PackModel):
    """A primary (or, where marked, secondary) source for a rule."""

    title: str = Field(min_length=1)
    url: str = Field(pattern=r"^https?://\S+$")
    article: str | None = None
    """Article, section or paragraph cited (``Art. 7``, ``s. 889(a)(1)(A)``)."""
    date: dt.date | None = None
    """Date of the instrument or of the page cited."""


class Effective(PackModel, Dated):
    """The window in which a rule is law: from its first day to its last (inclusive)."""

    model_config = ConfigDict(populate_by_name=True)

    start: dt.date = Field(alias="from")
    until: dt.date | None = None
    """Last day the rule applies; left out while it has no end."""

    window: ClassVar[Window] = window_of("start", "until")

    @model_validator(mode="after")
    def _ordered(self) -> Effective:
        if self.until is not None and self.until < self.start:
            raise ValueError(f"until {self.until} is before from {self.start}")
        return self

    def contains(self, day: dt.date) -> bool:
        """Whether the rule is law on ``day``: the name rule kinds ask by."""
        return self.holds_on(day)


class Rule(PackModel):
    """One rule as written in a pack file. ``params`` is checked by the rule's kind."""

    id: RuleId
    kind: str = Field(min_length=1)
    title: str = Field(min_length=1)
    scope: tuple[Jurisdiction, ...] = Field(min_length=1)
    """Jurisdictions whose law this is (``["US"]``, ``["US-OR:Portland"]``, ``["EU"]``)."""
    effective: Effective
    outcome: Outcome
    """The strongest outcome the rule can give a buyer it binds."""
    severity: Severity
    confidence: Confidence
    """How sure we are of the facts the rule encodes; low for anything unconfirmed."""
    citations: tuple[Citation, ...] = Field(min_length=1)
    rationale: str = Field(min_length=1)
    remediation: tuple[str, ...] = ()
    mitigated_by: tuple[MitigationKind, ...] = ()
    """Declared mitigations that lower the likelihood of this rule's risk."""
    tags: tuple[str, ...] = ()
    status: Literal["in_force", "pending_amendment", "suspended", "repealed"] = "in_force"
    notes: str | None = None
    """What is unconfirmed or pending, in plain words."""
    params: dict[str, Any] = Field(default_factory=dict)


class PackInfo(PackModel):
    """Pack metadata: the ``[pack]`` table."""

    id: RuleId
    version: str = Field(min_length=1)
    title: str = Field(min_length=1)
    description: str | None = None
    data_date: dt.date | None = None
    """The date up to which the pack's facts were checked."""
