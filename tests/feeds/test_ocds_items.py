"""Finding surveillance and telecom items in a compiled release: codes, keywords, traps, brands."""

from __future__ import annotations

from typing import Any

import pytest

from riskkit.feeds.ocds.items import BrandNames, DerivedItem, find_items
from riskkit.feeds.ocds.items.rules import item_rules, parse_rules
from riskkit.feeds.ocds.items.text import fold
from riskkit.packs import RuleSet


def _item(description: str = "", **extra: Any) -> dict[str, Any]:
    return {
        "ocid": "ocds-test-1",
        "tender": {"items": [{"id": "1", "description": description, **extra}]},
    }


def _kinds(found: tuple[DerivedItem, ...]) -> set[str | None]:
    return {i.kind for i in found}


CODES = [
    ("CPV", "32234000-2", "cpv-cctv-cameras", "ip_camera", "high"),
    ("CPV", "32323500-8", "cpv-cctv-cameras", "ip_camera", "high"),
    ("CPV", "35125000-6", "cpv-surveillance-broad", "ip_camera", "medium"),
    ("CPV", "34971000-4", "cpv-traffic-cameras", "alpr_camera", "medium"),
    ("CPV", "35125110-0", "cpv-biometric-identification", "access_control", "medium"),
    ("CPV", "35613000-4", "cpv-drones", "drone", "medium"),
    ("CPV", "32344210-1", "cpv-radio", "radio", "high"),
    ("CPV", "32413100-2", "cpv-routers", "router", "high"),
    ("cpv", "32420000-3", "cpv-network-equipment", "network_equipment", "high"),
    ("CPV-AM", "32421300/5", "cpv-network-equipment", "network_equipment", "high"),
    ("CPV", "64212000-5", "cpv-telecom-services", None, "medium"),
    ("CPV", "32000000", "cpv-communication-division", None, "low"),
    ("CPV", "48822000-6", "cpv-servers", "server", "medium"),
    ("CPV", "72317000-0", "cpv-hosted-services", "cloud_service", "low"),
    ("CPV", "48328000-3", "cpv-image-software", "analytics_software", "low"),
    ("UNSPSC", " 46171610", "unspsc-security-cameras", "ip_camera", "high"),
    ("UNSPSC", "43222609", "unspsc-routers", "router", "high"),
]


@pytest.mark.parametrize(("scheme", "code", "rule", "kind", "confidence"), CODES)
def test_a_code_gives_its_kind_with_the_table_s_confidence(
    scheme: str, code: str, rule: str, kind: str | None, confidence: str
) -> None:
    release = _item(classification={"scheme": scheme, "id": code})
    (item,) = find_items(release).items
    assert (item.rule, item.kind, item.confidence) == (rule, kind, confidence)
    assert item.matched == f"{scheme}:{code.strip()}"
    assert item.path == "tender.items[0].classification"


def test_additional_classifications_are_read_and_unknown_codes_give_nothing() -> None:
    release = _item(
        classification={"scheme": "CPV", "id": "79111000-5"},
        additionalClassifications=[{"scheme": "UNSPSC", "id": 43222612}],
    )
    (item,) = find_items(release).items
    assert item.path == "tender.items[0].additionalClassifications[0]"
    assert item.kind == "network_equipment"
    assert not find_items(_item(classification={"scheme": "GSIN", "id": "N5805"})).items


KEYWORDS = [
    # (language, text, rule, kind, capability)
    (
        "es",
        "Sistema de Video Vigilancia de la Barda Perimetral",
        "video-surveillance",
        "ip_camera",
        "video",
    ),
    ("es", "Suministro de cámaras IP", "camera", "ip_camera", "video"),
    (
        "es",
        "Licencias de reconocimiento facial",
        "facial-recognition",
        "analytics_software",
        "facial_recognition",
    ),
    ("es", "Lectores de placas vehiculares", "licence-plates", "alpr_camera", "alpr"),
    ("es", "Servicio de telefonía celular", "telecom-services", None, "telecommunications"),
    ("es", "Almacenamiento en la nube", "cloud", "cloud_service", "data_storage"),
    ("es", "Radios portátiles digitales", "radios", "radio", "telecommunications"),
    ("en", "ANPR cameras for the car park", "licence-plates", "alpr_camera", "alpr"),
    ("en", "Body-worn cameras for officers", "body-camera", "body_camera", "video"),
    (
        "en",
        "Facial recognition software",
        "facial-recognition",
        "analytics_software",
        "facial_recognition",
    ),
    ("en", "Core network routers", "routers", "router", "telecommunications"),
    ("en", "5G small cells", "telecom-services", None, "telecommunications"),
    ("fr", "Système de vidéosurveillance", "video-surveillance", "ip_camera", "video"),
    (
        "fr",
        "Reconnaissance faciale",
        "facial-recognition",
        "analytics_software",
        "facial_recognition",
    ),
    ("fr", "Services infonuagiques", "cloud", "cloud_service", "data_storage"),
    ("pt", "Câmeras de segurança", "video-surveillance", "ip_camera", "video"),
    (
        "pt",
        "Reconhecimento facial",
        "facial-recognition",
        "analytics_software",
        "facial_recognition",
    ),
    ("ro", "Stație Radio portabilă", "radios", "radio", "telecommunications"),
    ("uk", "Система відеоспостереження", "video-surveillance", "ip_camera", "video"),
    ("uk", "Радіостанції портативні", "radios", "radio", "telecommunications"),
    ("ru", "Система видеонаблюдения", "video-surveillance", "ip_camera", "video"),
    ("ru", "Распознавание лиц", "facial-recognition", "analytics_software", "facial_recognition"),
    ("ru", "Маршрутизаторы Cisco", "routers", "router", "telecommunications"),
    ("hy", "ռադիոկայաններ", "radios", "radio", "telecommunications"),
    ("hy", "տեսախցիկներ", "video-surveillance", "ip_camera", "video"),
]


@pytest.mark.parametrize(("language", "text", "rule", "kind", "capability"), KEYWORDS)
def test_a_keyword_in_an_item_description_gives_a_medium_item(
    language: str, text: str, rule: str, kind: str | None, capability: str
) -> None:
    release = _item(**{f"description_{language}": text})
    found = [i for i in find_items(release).items if i.rule == rule]
    assert found, f"{rule} not found in {text!r}"
    item = found[0]
    assert (item.kind, item.confidence) == (kind, "medium")
    assert capability in item.capabilities
    assert item.path == f"tender.items[0].description_{language}"
    assert item.matched in text and item.source == text


def test_a_keyword_only_in_a_title_or_budget_text_is_low() -> None:
    release = {
        "tender": {"title": "Equipos de CCTV", "items": [{"id": "1", "description": "Servicio"}]},
        "planning": {"budget": {"id": "licitacion mediante equipos de cctv", "project_en": "CCTV"}},
    }
    found = find_items(release).items
    assert {(i.path, i.confidence, i.matched) for i in found} == {
        ("tender.title", "low", "CCTV"),
        ("planning.budget.id", "low", "cctv"),
        ("planning.budget.project_en", "low", "CCTV"),
    }


def test_every_language_variant_is_read_on_its_own() -> None:
    release = _item("Microphones", description_hy="ռադիոկայաններ", description_ru="Микрофоны")
    (item,) = find_items(release).items
    assert item.path == "tender.items[0].description_hy"


@pytest.mark.parametrize(
    ("text", "trap"),
    [
        ("Cuota anual a la Cámara de Comercio", "chamber-of-commerce"),
        ("Cámara Nacional de la Industria de la Construcción", "chamber-of-commerce"),
        ("Informe a la Cámara de Diputados", "legislative-chamber"),
        ("Reparație camera închisă", "room-or-chamber"),
        ("Construcción de cámaras de registro pluviales", "room-or-chamber"),
        ("Морозильна камера", "room-or-chamber"),
        ("Oficina en San Francisco", "cisco-in-san-francisco"),
        ("Capacitación a servidores públicos", "public-servant"),
        ("Curva con radio de giro de 12 m", "radius"),
        ("Licencias Adobe CREATIVE CLOUD", "design-software-cloud"),
    ],
)
def test_a_trap_is_checked_first_and_gives_no_item(text: str, trap: str) -> None:
    found = find_items(_item(text))
    assert not found.items
    assert (trap, "tender.items[0].description") in found.traps


def test_a_trap_blanks_only_its_own_words() -> None:
    found = find_items(_item("Cámara de Comercio y cámaras de videovigilancia"))
    assert {i.matched for i in found.items} == {"cámaras", "videovigilancia"}


def test_items_of_awards_and_contracts_are_read_with_their_paths() -> None:
    release = {
        "awards": [{"items": [{"description": "router"}]}],
        "contracts": [{"items": [{"description_en": "CCTV"}], "title_fr": "Caméras"}],
    }
    paths = {i.path for i in find_items(release).items}
    assert paths == {
        "awards[0].items[0].description",
        "contracts[0].items[0].description_en",
        "contracts[0].title_fr",
    }


def test_broken_shapes_give_nothing_and_raise_nothing() -> None:
    for release in ({}, {"tender": "x"}, {"tender": {"items": ["x", {"classification": 3}]}},
                    {"awards": [None], "planning": {"budget": []}}):  # fmt: skip
        assert not find_items(release).items


def test_curated_brand_names_in_item_text_are_candidates(rules: RuleSet) -> None:
    brands = BrandNames(rules.entities.entities.values())
    release = _item("Cámara domo HIKVISION DS-2CD2143", description_en="Huawei Technologies router")
    found = find_items(release, brands=brands)
    assert {(b.entity, b.matched, b.path) for b in found.brands} == {
        ("hikvision", "HIKVISION", "tender.items[0].description"),
        ("huawei", "Huawei Technologies", "tender.items[0].description_en"),
    }
    assert not find_items(_item("Oficina en San Francisco"), brands=brands).brands


def test_text_folds_case_accents_and_punctuation_and_keeps_the_original() -> None:
    folded = fold("VIDEO-Vigilancia Cámara")
    assert folded.text == "video vigilancia camara"
    assert folded.span(17, 23) == "Cámara"


def test_rules_are_checked_against_the_vocabulary() -> None:
    assert item_rules() is item_rules()
    with pytest.raises(ValueError, match="unknown component kind"):
        parse_rules(
            {"codes": [{"id": "x", "scheme": "CPV", "prefixes": ["1"], "kind": "tv"}], "traps": []}
        )
    with pytest.raises(ValueError, match="unknown capabilities"):
        parse_rules(
            {"keywords": [{"id": "x", "phrases": ["a"], "capabilities": ["x"]}], "traps": []}
        )
    with pytest.raises(ValueError, match="repeat"):
        parse_rules({"traps": [{"id": "x", "phrases": ["a"], "why": ""}] * 2})
