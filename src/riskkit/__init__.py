"""riskkit: data-governance risk in public procurement of surveillance and smart-city technology.

>>> import riskkit
>>> report = riskkit.assess("examples/clean-eu-municipal-cctv.toml")  # doctest: +SKIP
>>> report.verdict  # doctest: +SKIP
'acceptable'
"""

from __future__ import annotations

from riskkit._version import __version__
from riskkit.api import assess
from riskkit.errors import InvalidInput, Problem, RiskkitError
from riskkit.loading import load_procurement
from riskkit.model import Procurement
from riskkit.packs import RuleSet, load_packs
from riskkit.report import Finding, Report
from riskkit.scoring import ScoringConfig

__all__ = [
    "Finding",
    "InvalidInput",
    "Problem",
    "Procurement",
    "Report",
    "RiskkitError",
    "RuleSet",
    "ScoringConfig",
    "__version__",
    "assess",
    "load_packs",
    "load_procurement",
]
