"""The official lists ``riskkit lists fetch`` knows, and where each is published.

The URLs and what was checked about them are in docs/screening.md ("Current lists").
"""

from __future__ import annotations

import attrs

OFAC_SLS = "https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/"


@attrs.frozen
class ListSource:
    """One list and the files it is published as."""

    id: str
    title: str
    files: tuple[tuple[str, str], ...]
    """(file name kept in the cache, URL) pairs; the first file is the one to read."""


SOURCES: dict[str, ListSource] = {
    s.id: s
    for s in (
        ListSource(
            "ofac-sdn",
            "OFAC Specially Designated Nationals (SDN) list, legacy CSV files",
            tuple(
                (local, OFAC_SLS + remote)
                for local, remote in (
                    ("sdn.csv", "SDN.CSV"),
                    ("add.csv", "ADD.CSV"),
                    ("alt.csv", "ALT.CSV"),
                    ("sdn_comments.csv", "SDN_COMMENTS.CSV"),
                )
            ),
        ),
        ListSource(
            "ofac-cons",
            "OFAC consolidated non-SDN lists (SSI, NS-CMIC, NS-PLC, NS-MBS, FSE, CAPTA), CSV",
            tuple(
                (local, OFAC_SLS + remote)
                for local, remote in (
                    ("cons_prim.csv", "CONS_PRIM.CSV"),
                    ("cons_add.csv", "CONS_ADD.CSV"),
                    ("cons_alt.csv", "CONS_ALT.CSV"),
                    ("cons_comments.csv", "CONS_COMMENTS.CSV"),
                )
            ),
        ),
        ListSource(
            "csl",
            "trade.gov Consolidated Screening List (Commerce, State and Treasury lists), CSV",
            (
                (
                    "csl.csv",
                    "https://data.trade.gov/downloadable_consolidated_screening_list/v1/"
                    "consolidated.csv",
                ),
            ),
        ),
        ListSource(
            "un",
            "UN Security Council Consolidated List, XML",
            (("consolidated.xml", "https://scsanctions.un.org/resources/xml/en/consolidated.xml"),),
        ),
        ListSource(
            "opensanctions",
            "OpenSanctions default dataset, targets.simple.csv",
            (
                (
                    "targets.simple.csv",
                    "https://data.opensanctions.org/datasets/latest/default/targets.simple.csv",
                ),
            ),
        ),
    )
}
"""The lists ``riskkit lists fetch`` knows. The BIS Denied Persons List has no entry: no current
standalone download could be confirmed; its entries are in the CSL (source ``DPL``)."""
DEFAULT_LISTS = ("ofac-sdn", "ofac-cons", "csl", "un")
"""Fetched when no list is named (OpenSanctions is large: name it to fetch it)."""
