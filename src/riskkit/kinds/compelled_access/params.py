"""Params of ``compelled_access`` (:mod:`riskkit.kinds.compelled_access`): the law itself, as
:class:`~riskkit.kinds._exposure.spec.LawSpec` writes it."""

from __future__ import annotations

from riskkit.kinds._exposure.spec import LawSpec


# No docstring of its own: the rule-pack schema shows the params model as it always has.
class CompelledAccessParams(LawSpec):
    pass
