"""Params of ``biometric_ban`` (:mod:`riskkit.kinds.biometric_ban`)."""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import Field

from riskkit.kinds.interface import Params
from riskkit.model import (
    AuthorisedUse,
    BuyerKind,
    Capability,
    ComponentKind,
    Purpose,
    SiteSetting,
    buyer_kind_in,
)

GovernmentLevel = Literal["national", "state", "local"]
"""How far down a buyer sits, read from how precise its jurisdiction is: a country only
(``US``) is national, a subdivision (``US-VA``) is state level, a locality (``US-VA:Fairfax``)
is local."""


class ExceptionClause(Params):
    """An exception in the law that a declared authorisation can meet."""

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9_\-]*$")
    description: str = Field(min_length=1)
    effect: Literal["permits", "restricts", "conditional"]
    """``permits``: the use is lawful (outcome info); ``restricts``: lawful only under the
    exception's own conditions (outcome restricted); ``conditional``: prohibited unless its
    conditions hold (outcome prohibited_unless_exception)."""
    available_from: date | None = None
    """The day an amendment added the exception; before it no authorisation meets it."""
    buyers: tuple[BuyerKind, ...] = ()
    """The buyer kinds that can invoke the exception (Italy's: competent public authorities);
    empty means any buyer the rule binds."""
    purposes: tuple[Purpose, ...] = ()
    """The purposes the exception allows (EU AI Act Art. 5(1)(f): medical or safety reasons):
    met only when every purpose stated for the use is one of these; with none stated, whether
    it is met is unknown. Empty: not limited to purposes."""
    component_kinds: tuple[ComponentKind, ...] = ()
    """The kinds of component whose data the exception reaches (Vermont's drone exception:
    data a drone collects); empty means any."""
    conditions: tuple[str, ...] = ()
    """What a declared authorisation invoking the exception attests, one condition each (a
    tool approved by a purchasing body, an accuracy bar met in a named evaluation): shown in the
    finding, so the buyer sees what it has declared and must keep true."""
    uses: tuple[AuthorisedUse, ...] = ()
    """The authorised uses the exception allows (EU AI Act Art. 5(1)(h)(i): a search for
    victims or missing persons). A declared authorisation meets it only when every use stated
    for the component (or the data flows feeding it) is one of these; with none stated, whether
    it is met is unknown. Empty: the exception is not limited to uses, and a declared
    authorisation meets it alone."""
    met_by_use: bool = False
    """The law asks for no authorisation for this exception (no one issues one for unlocking a
    phone by face): a stated authorised use among ``uses`` meets it alone, as a declared
    authorisation would. Needs ``uses``; with no use stated, it is not met."""

    def open_to(self, day: date, source_kind: str, buyer_kind: str | None) -> bool:
        """Whether the exception can be met on ``day`` for data a component of ``source_kind``
        collected, by a buyer of ``buyer_kind``: it exists that day, reaches that data and is
        open to that buyer (central government counting as one kind). An exception open only
        to some buyers is not open to a buyer of unknown kind: it is met by a stated fact,
        never by a guess."""
        if self.available_from is not None and day < self.available_from:
            return False
        if self.component_kinds and source_kind not in self.component_kinds:
            return False
        return not self.buyers or buyer_kind_in(buyer_kind, self.buyers)


class BiometricBanParams(Params):
    bound_buyers: tuple[BuyerKind, ...] = ()
    """Buyer kinds the law binds; empty means every buyer."""
    buyer_levels: tuple[GovernmentLevel, ...] = ()
    """Levels of government the law binds (Virginia's 2021 ban bound local police, not the
    State Police); empty means every level. Read from the buyer's jurisdiction."""
    applies_by: Literal["site", "buyer"] = "site"
    """Match the rule's scope against the site's jurisdiction (a ban on use in a place) or
    the buyer's (a ban on a government's own agencies)."""
    capabilities: tuple[Capability, ...] = Field(min_length=1)
    """Covered when a component has any of these, switched on."""
    component_kinds: tuple[ComponentKind, ...] = ()
    """Covered component kinds; empty means any (AB 1215 covers officer cameras only)."""
    settings: tuple[SiteSetting, ...] = ()
    """Covered site settings; empty means any."""
    purposes: tuple[Purpose, ...] = ()
    """Covered purposes; empty means any. A law-enforcement buyer's use is law enforcement."""
    exceptions: tuple[ExceptionClause, ...] = ()
    status_unconfirmed: str | None = None
    """For a rule on days when whether the law still holds is not confirmed (a moratorium past
    its last known end, its extension or replacement unconfirmed): what is not known, worded
    for a buyer. Every use the rule would cover is then an unknown saying so, never a pass
    and never the ban itself."""
    without_exception: Literal["outcome", "unknown"] = "outcome"
    """What the rule gives when no declared authorisation meets an exception. ``outcome``: the
    rule's outcome, and ``prohibited`` for a rule whose outcome is
    ``prohibited_unless_exception`` (a ban whose exceptions need an authorisation the buyer
    would hold and declare). ``unknown``: the deciding facts are missing (a law that allows the
    use under conditions of fact, such as an approved tool put to a listed use, which the
    procurement must state); but where every stated use is among those of a ``restricts``
    exception, the law allows the use only under that exception's conditions, which is a
    restriction (listing them) whether or not an authorisation declares them met. Either way,
    a stated use outside every exception's uses gives the rule's outcome."""
