"""Loading rule packs: shipped, plugin and given packs, and every problem located."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest

from riskkit.errors import InvalidInput
from riskkit.packs import _discover, load_packs
from tests.conftest import ROOT

HEAD = '[pack]\nid = "{id}"\nversion = "1"\ntitle = "t"\n'
RULE = """
[[rules]]
id = "{rule}"
kind = "condition"
title = "Policy"
scope = ["US"]
effective = {{ from = 2024-01-01 }}
outcome = "restricted"
severity = "low"
confidence = "high"
rationale = "r"
citations = [{{ title = "p", url = "https://example.org/p" }}]
params = {{ when = {{ path = "buyer.kind", op = "eq", value = "school" }} }}
"""


def _pack(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _plugin(monkeypatch: pytest.MonkeyPatch, paths: list[Path]) -> None:
    provider = SimpleNamespace(name="acme", load=lambda: lambda: paths)
    monkeypatch.setattr(_discover, "entry_points", lambda group: [provider])


def test_packs_from_installed_packages_are_loaded_with_their_origin(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    plugin = _pack(tmp_path, "acme.toml", HEAD.format(id="acme") + RULE.format(rule="ACME-1"))
    _plugin(monkeypatch, [plugin])
    ruleset = load_packs()
    assert ruleset.rule("ACME-1").source == "plugin:acme:acme.toml"
    assert any(p.info.id == "acme" for p in ruleset.packs)


def test_duplicate_rule_ids_across_files_name_both_places(tmp_path: Path) -> None:
    one = _pack(tmp_path, "one.toml", HEAD.format(id="one") + RULE.format(rule="DUP"))
    two = _pack(tmp_path, "two.toml", HEAD.format(id="two") + RULE.format(rule="DUP"))
    with pytest.raises(InvalidInput) as caught:
        load_packs([one, two], builtin=False)
    (problem,) = caught.value.problems
    assert problem.source.startswith(str(two)) and "first defined in" in problem.message
    assert str(one) in problem.message


def test_errors_carry_the_line_of_the_rule(tmp_path: Path) -> None:
    text = (
        HEAD.format(id="p")
        + RULE.format(rule="OK")
        + RULE.format(rule="BAD").replace('severity = "low"', 'severity = "lowish"')
    )
    pack = _pack(tmp_path, "p.toml", text)
    with pytest.raises(InvalidInput) as caught:
        load_packs([pack], builtin=False)
    (problem,) = caught.value.problems
    line = text.splitlines().index('id = "BAD"') + 1
    assert problem.source == f"{pack}:{line}"
    assert problem.location == "rule 'BAD': severity"


def test_a_rule_naming_an_unknown_entity_is_a_load_error(tmp_path: Path) -> None:
    text = (
        HEAD.format(id="p")
        + """
[[rules]]
id = "LE-X"
kind = "listed_entity"
title = "t"
scope = ["US"]
effective = { from = 2024-01-01 }
outcome = "prohibited"
severity = "high"
confidence = "high"
rationale = "r"
citations = [{ title = "p", url = "https://example.org/p" }]
params = { list = "X", entries = [{ entity = "hikvison", from = 2024-01-01 }] }
"""
    )
    with pytest.raises(InvalidInput, match="no entity 'hikvison' \\(did you mean \"hikvision\""):
        load_packs([_pack(tmp_path, "p.toml", text)])


def test_a_missing_citation_or_window_is_refused(tmp_path: Path) -> None:
    text = HEAD.format(id="p") + RULE.format(rule="R").replace(
        'citations = [{ title = "p", url = "https://example.org/p" }]\n', ""
    )
    with pytest.raises(InvalidInput, match="citations"):
        load_packs([_pack(tmp_path, "p.toml", text)], builtin=False)


def test_every_shipped_rule_has_a_citation_url_window_and_confidence() -> None:
    for compiled in load_packs(plugins=False).rules:
        rule = compiled.rule
        assert rule.citations and all(c.url.startswith("http") for c in rule.citations)
        assert rule.effective.start is not None
        assert rule.confidence in {"high", "medium", "low"}


def test_packs_are_data_strings_that_look_like_code_stay_strings(tmp_path: Path) -> None:
    sneaky = RULE.format(rule="R").replace('rationale = "r"', "rationale = \"__import__('os')\"")
    ruleset = load_packs([_pack(tmp_path, "p.toml", HEAD.format(id="p") + sneaky)], builtin=False)
    assert ruleset.rule("R").rule.rationale == "__import__('os')"


def test_the_shipped_rules_folder_is_where_a_checkout_keeps_it() -> None:
    assert _discover.builtin_pack_dir() in {ROOT / "rules", _discover.builtin_pack_dir()}
    assert {p.name for p in (ROOT / "rules").glob("*.toml")} == {
        p.name for p in _discover.builtin_pack_paths()
    }


# Issue 13 moved the data_transfer rules out of compelled-access; waivers, diffs and users' files
# name rules by id, so the rules kept their CA- ids.
DATA_TRANSFER_IDS = {
    "CA-CN-CSL-37", "CA-CN-PIPL-EXPORT", "CA-CN-PIPL-36", "CA-RU-242FZ",
    "CA-EU-GDPR-TRANSFER", "CA-EU-SCHREMS2", "CA-EU-US-DPF",
}  # fmt: skip


def test_the_data_transfer_pack_holds_the_moved_rules_under_their_old_ids() -> None:
    ruleset = load_packs(plugins=False)
    by_pack: dict[str, set[str]] = {}
    for compiled in ruleset.rules:
        by_pack.setdefault(compiled.pack.id, set()).add(compiled.id)
    assert by_pack["riskkit-data-transfer"] == DATA_TRANSFER_IDS
    assert not by_pack["riskkit-compelled-access"] & DATA_TRANSFER_IDS
    assert {ruleset.rule(i).rule.kind for i in DATA_TRANSFER_IDS} == {"data_transfer"}
    kinds = {c.rule.kind for c in ruleset.rules if c.pack.id == "riskkit-compelled-access"}
    assert kinds == {"compelled_access", "conflict_of_laws"}


def test_a_pack_of_two_thousand_rules_loads_and_locates_a_bad_rule_by_line(
    tmp_path: Path,
) -> None:
    # Each rule's line was found by a search of the whole text: quadratic in the rule count.
    rules = [RULE.format(rule=f"ORG-{i:04d}") for i in range(2000)]
    text = HEAD.format(id="many") + "".join(rules)
    good = _pack(tmp_path, "many.toml", text)
    assert len(load_packs([good], builtin=False, plugins=False).rules) == 2000
    bad = text.replace('id = "ORG-1999"\nkind = "condition"', 'id = "ORG-1999"\nkind = "conditon"')
    with pytest.raises(InvalidInput) as caught:
        load_packs([_pack(tmp_path, "bad.toml", bad)], builtin=False, plugins=False)
    (problem,) = caught.value.problems
    line = bad.splitlines().index('id = "ORG-1999"') + 1
    assert problem.source == f"{tmp_path / 'bad.toml'}:{line}"
