"""Finding the surveillance and telecom items of an OCDS compiled release.

``find_items(release)`` reads a compiled release (``Process.release``) for what it bought, from
three signals (feeds-research.md §A.2):

* item **codes** (``classification`` and ``additionalClassifications`` of the tender's, awards'
  and contracts' items), by scheme and prefix: confidence as the code table says, ``high`` for
  a code that names the thing;
* **keywords** in item descriptions (``medium``) and in titles and budget text only (``low``),
  in every language variant; codes alone found 3 of the 13 relevant processes of the sample,
  text found the other 10;
* **traps**, phrases that look like a keyword and are not ("Cámara de Comercio"), blanked out
  of the text before any keyword is matched.

With ``brands`` (a :class:`BrandNames` built from ``load_packs().entities``), curated names in
item text come back as candidates. Rules are data: ``riskkit/feeds/data/item-rules.toml``.
Mapping what is found onto the procurement model is :mod:`riskkit.feeds.ocds.mapping`'s.
"""

from __future__ import annotations

from riskkit.feeds.ocds.items.brands import BrandCandidate, BrandNames
from riskkit.feeds.ocds.items.find import find_items
from riskkit.feeds.ocds.items.found import DerivedItem, FoundItems

__all__ = ["BrandCandidate", "BrandNames", "DerivedItem", "FoundItems", "find_items"]
