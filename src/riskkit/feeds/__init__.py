"""Published data feeds: reading OCDS contracting processes (:mod:`riskkit.feeds.ocds`).

Mapping them onto the procurement model, BODS ownership, ``riskkit import`` and ``riskkit batch``
are not built yet (docs/feeds.md).
"""
