"""Where a deployment's data goes: each flow from a component to where it is stored or used."""

from __future__ import annotations

from pydantic import ConfigDict, Field

from riskkit.model.fact import Fact, Identifier
from riskkit.model.jurisdictions import Jurisdiction
from riskkit.model.vocabulary import (
    AuthorisedUse,
    DataCategory,
    DestinationKind,
    KeyHolder,
    Purpose,
)


class Destination(Fact):
    operator: Identifier
    """Id of the party operating the destination (the host for a cloud), or ``"buyer"`` for the
    buyer itself."""
    location: Jurisdiction
    """Where the data sits."""
    kind: DestinationKind
    component: Identifier | None = None
    """Id of the component that receives and processes the data (an analytics server, a cloud
    service fed by the cameras); left out when the data is only stored."""


class Encryption(Fact):
    in_transit: bool | None = None
    at_rest: bool | None = None
    keys_held_by: KeyHolder | None = None


class DataFlow(Fact):
    """Data leaving a component for somewhere it is stored or processed."""

    model_config = ConfigDict(populate_by_name=True)

    id: Identifier
    source: Identifier = Field(alias="from")
    """Id of the component the data comes from."""
    to: Destination
    data: tuple[DataCategory, ...] = Field(min_length=1)
    real_time: bool = False
    purposes: tuple[Purpose, ...] = ()
    """What the data is sent for; empty means the purposes of the component it comes from."""
    authorised_uses: tuple[AuthorisedUse, ...] = ()
    """The uses the data is restricted to where it goes; empty means none is stated."""
    encryption: Encryption | None = None
    retention_days: int | None = Field(default=None, ge=0)
