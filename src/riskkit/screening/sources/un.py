"""UN Security Council Consolidated List XML (``sc-sanctions.xsd``), parsed with defusedxml.

Entity declarations and external references are refused, so an entity-expansion bomb fails
fast with a clear error; a DOCTYPE that declares neither is accepted, and never fetched. The
file is fed to the parser line by line through the same bounded reader as the CSV formats.
"""

from __future__ import annotations

from pathlib import Path
from xml.etree.ElementTree import Element, ParseError

import defusedxml
import defusedxml.ElementTree as DefusedET

from riskkit.errors import InvalidInput
from riskkit.screening.countries import country_code
from riskkit.screening.model import DateRecord, EntityType, EntryRecord, IdentifierRecord, ListFile
from riskkit.screening.sources._common import (
    Warnings,
    dedupe,
    entry_counts,
    identifier,
    parse_date,
    read_lines,
)

_WEAK_QUALITY = {"low"}


def _text(element: Element | None) -> str:
    if element is None or element.text is None:
        return ""
    return " ".join(element.text.split())


def _parse(path: Path, warnings: Warnings) -> Element:
    source = str(path)
    parser = DefusedXMLParser()
    try:
        for line in read_lines(path, warnings):
            parser.feed(line)
        root: Element = parser.close()
    except defusedxml.DefusedXmlException as exc:
        raise InvalidInput.one(
            source, "", f"refused: the XML's DTD declares entities or external references "
            f"({type(exc).__name__}); the UN list never does",
        ) from None  # fmt: skip
    except ParseError as exc:
        line_no, column = exc.position
        raise InvalidInput.one(
            source, f"line {line_no}, column {column}", f"invalid XML: {exc}"
        ) from None
    return root


DefusedXMLParser = DefusedET.DefusedXMLParser


def _party(node: Element, kind: EntityType, source: str, warnings: Warnings) -> EntryRecord | None:
    prefix = "INDIVIDUAL" if kind == "individual" else "ENTITY"
    name = " ".join(
        t
        for t in (
            _text(node.find(tag))
            for tag in ("FIRST_NAME", "SECOND_NAME", "THIRD_NAME", "FOURTH_NAME")
        )
        if t
    )
    if not name:
        return None
    strong: list[str] = []
    weak: list[str] = []
    if original := _text(node.find("NAME_ORIGINAL_SCRIPT")):
        strong.append(original)
    for alias in node.findall(f"{prefix}_ALIAS"):
        alias_name = _text(alias.find("ALIAS_NAME"))
        if alias_name:
            quality = _text(alias.find("QUALITY")).casefold()
            (weak if quality in _WEAK_QUALITY else strong).append(alias_name)
    countries: list[str] = []
    for value in node.findall("NATIONALITY/VALUE"):
        if code := country_code(_text(value)):
            countries.append(code)
    addresses: list[str] = []
    for address in node.findall(f"{prefix}_ADDRESS"):
        parts = [_text(address.find(t)) for t in
                 ("STREET", "CITY", "STATE_PROVINCE", "ZIP_CODE", "COUNTRY")]  # fmt: skip
        if any(parts):
            addresses.append(", ".join(p for p in parts if p))
        if code := country_code(_text(address.find("COUNTRY"))):
            countries.append(code)
    idents: list[IdentifierRecord] = []
    for document in node.findall(f"{prefix}_DOCUMENT"):
        scheme = _text(document.find("TYPE_OF_DOCUMENT"))
        found = identifier(
            scheme, _text(document.find("NUMBER")), _text(document.find("ISSUING_COUNTRY"))
        )
        if found is not None:
            idents.append(found)
    ref = _text(node.find("REFERENCE_NUMBER")) or _text(node.find("DATAID")) or None
    dates: list[DateRecord] = []
    if listed := _text(node.find("LISTED_ON")):
        dates.append(parse_date(listed, "listed_on", source=source, line=None, warnings=warnings))
    for birth in node.findall(f"{prefix}_DATE_OF_BIRTH"):
        text = _text(birth.find("DATE")) or _text(birth.find("YEAR"))
        if text:
            dates.append(parse_date(text, "birth", source=source, line=None, warnings=warnings))
    programme = _text(node.find("UN_LIST_TYPE"))
    return EntryRecord(
        source=source,
        format="un-xml",
        list="UN",
        programmes=(programme,) if programme else (),
        entity_type=kind,
        name=name,
        aliases=dedupe([a for a in strong if a != name]),
        weak_aliases=dedupe([a for a in weak if a != name]),
        identifiers=tuple(dict.fromkeys(idents)),
        countries=dedupe(countries),
        addresses=dedupe(addresses),
        dates=tuple(dates),
        remarks=_text(node.find("COMMENTS1")) or None,
        source_id=ref,
    )


def read(path: Path) -> ListFile:
    """Read the UN consolidated list XML."""
    source = str(path)
    warnings = Warnings()
    root = _parse(path, warnings)
    if root.tag != "CONSOLIDATED_LIST":
        raise InvalidInput.one(
            source,
            root.tag,
            "not the UN consolidated list (root element should be CONSOLIDATED_LIST)",
        )
    entries: list[EntryRecord] = []
    nodes = 0
    skipped = 0
    for tag, kind in (("INDIVIDUALS/INDIVIDUAL", "individual"), ("ENTITIES/ENTITY", "entity")):
        for index, node in enumerate(root.findall(tag)):
            nodes += 1
            entry = _party(node, kind, source, warnings)  # type: ignore[arg-type]
            if entry is None:
                skipped += 1
                warnings.add(source, None, f"{tag}[{index}]: no name; skipped")
            else:
                entries.append(entry)
    counts = entry_counts(entries, nodes, skipped, warnings)
    return ListFile(path=source, format="un-xml", records=tuple(entries), files=(source,),
                    counts=counts, warnings=warnings.as_tuple())  # fmt: skip
