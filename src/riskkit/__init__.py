"""riskkit: data-governance risk in public procurement of surveillance and smart-city technology.

Imported in a notebook, riskkit registers how IPython shows its reports, comparisons and diffs
(:mod:`riskkit.display`).

>>> import riskkit
>>> report = riskkit.assess("examples/clean-eu-municipal-cctv.toml")  # doctest: +SKIP
>>> report.verdict  # doctest: +SKIP
'acceptable'
"""

from __future__ import annotations

import sys

from riskkit._version import __version__
from riskkit.api import Assessor, assess, compare, diff, suggest, what_if
from riskkit.decisions.compare import Comparison
from riskkit.decisions.diff import ReportDiff, load_report
from riskkit.decisions.suggestions import Suggestions
from riskkit.decisions.waivers import Waivers, apply_waivers, load_waivers
from riskkit.decisions.whatif import Patch, WhatIf, apply_patch, load_patch
from riskkit.errors import InvalidInput, Problem, RiskkitError
from riskkit.limits import LimitExceeded, Limits, input_limits
from riskkit.model import Procurement
from riskkit.model.loading import load_procurement
from riskkit.packs import RuleSet, load_packs
from riskkit.report import Finding, Report
from riskkit.report.scoring import ScoringConfig

__all__ = [
    "Assessor",
    "Comparison",
    "Finding",
    "InvalidInput",
    "LimitExceeded",
    "Limits",
    "Patch",
    "Problem",
    "Procurement",
    "Report",
    "ReportDiff",
    "RiskkitError",
    "RuleSet",
    "ScoringConfig",
    "Suggestions",
    "Waivers",
    "WhatIf",
    "__version__",
    "apply_patch",
    "apply_waivers",
    "assess",
    "compare",
    "diff",
    "input_limits",
    "load_packs",
    "load_patch",
    "load_procurement",
    "load_report",
    "load_waivers",
    "suggest",
    "what_if",
]

if "IPython" in sys.modules:  # a notebook or an IPython shell: show the models richly there
    from riskkit.display import register_if_ipython

    register_if_ipython()
