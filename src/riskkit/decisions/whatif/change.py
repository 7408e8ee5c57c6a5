"""What a what-if operation is: one typed change to a procurement, in its own module of ``ops``.

An operation is a pydantic model tagged by its ``op``. It knows everything about itself: the
mitigation it declares, how it changes a procurement (``apply``), the changes of its kind worth
trying on a procurement (``candidates``, for suggestions) and how to say it in one sentence.
"""

from __future__ import annotations

from abc import abstractmethod
from collections.abc import Iterator
from typing import TYPE_CHECKING, ClassVar

from pydantic import BaseModel, ConfigDict

from riskkit.model import MitigationKind, Procurement

if TYPE_CHECKING:
    from riskkit.decisions.whatif._draft import Draft


class Change(BaseModel):
    """Base of every what-if operation."""

    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)

    mitigation: ClassVar[MitigationKind | None] = None
    """The mitigation the change declares in the patched procurement, if any."""
    if TYPE_CHECKING:
        op: str

    @abstractmethod
    def apply(self, draft: Draft, index: int) -> None:
        """Make the change to ``draft``, as change number ``index`` of its patch; record a
        problem on the draft for every reference that does not resolve."""

    @classmethod
    @abstractmethod
    def candidates(cls, procurement: Procurement) -> Iterator[Change]:
        """The single changes of this operation that apply to ``procurement``, in a fixed
        order: what suggestions try."""

    @abstractmethod
    def describe(self) -> str:
        """One plain sentence for the change."""
