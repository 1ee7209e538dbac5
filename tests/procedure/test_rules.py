"""data/procedures.yml: loaded and validated like the other data files; new thresholds are one data change."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest

from mitkb.procedure import ProcedureTool, decide
from mitkb.references import check_site

from ..conftest import ROOT

DAY = dt.date(2026, 11, 27)


@pytest.fixture
def project(tiny_site: Path) -> Path:
    """The tiny project with the real thresholds and procedure rules."""
    for name in ("seuils.yml", "procedures.yml"):
        shutil.copy(ROOT / "data" / name, tiny_site / "data" / name)
    return tiny_site


def _errors(project: Path) -> list[str]:
    _, errors = check_site(project, DAY)
    return [error.format() for error in errors]


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_project_without_the_file_has_no_tool(tiny_site):
    site, errors = check_site(tiny_site, DAY)
    assert errors == [] and site.procedure_rules is None


def test_the_real_rules_load(project):
    site, errors = check_site(project, DAY)
    assert errors == []
    assert site.procedure_rules.in_force("criteres", dt.date(2026, 8, 21)).article == "R2152-7"
    assert site.procedure_rules.in_force("criteres", dt.date(2026, 8, 20)).end == dt.date(2026, 8, 20)


def test_errors_are_located_and_in_french(project):
    rules = project / "data/procedures.yml"
    _edit(rules, "    article: R2122-9-1\n", "    article: 2122-9-1\n")
    _edit(rules, "  - id: delai-attente\n", "  - id: delai-attente-modifie\n")
    _edit(rules, "    du: 2021-12-16\n", "    du: 2021-12-16\n    au: 2020-01-01\n")
    errors = _errors(project)
    text = "\n".join(errors)
    assert "data/procedures.yml:" in text
    assert "champ « regles[3].article »" in text
    assert "champ « regles[3].au » : la date de fin (au) précède la date de début (du)" in text
    assert "règle « delai-attente » manquante" in text
    line = next(e for e in errors if "regles[3].article" in e)
    assert line.startswith("data/procedures.yml:28:14:")


def test_two_versions_of_a_rule_may_not_overlap(project):
    rules = project / "data/procedures.yml"
    _edit(rules, "    au: 2026-08-20\n", "    au: 2026-08-21\n")
    assert any("deux versions en vigueur le même jour" in e for e in _errors(project))


def test_a_threshold_the_tool_reads_must_exist(project):
    seuils = project / "data/seuils.yml"
    _edit(seuils, "  - id: petit-lot-travaux\n", "  - id: petits-lots-travaux\n")
    assert any("seuil « petit-lot-travaux » absent de data/seuils.yml" in e for e in _errors(project))


def test_the_2028_thresholds_are_one_data_change(project):
    """Without 2028 values the tool says it has no data; adding them to data/seuils.yml answers."""
    day = dt.date(2028, 3, 1)
    site, errors = check_site(project, DAY)
    assert errors == []
    assert decide(site.thresholds, site.procedure_rules, "travaux", 6_000_000, day).procedure is None
    seuils = project / "data/seuils.yml"
    for old_amount, new_amount in (("5404000", "5500000"), ("216000", "220000")):
        _edit(seuils, f"""      - montant: {old_amount}
        du: 2026-01-01
        au: 2027-12-31
        source: Règlement délégué (UE) 2025/2152 du 22 octobre 2025 ; avis publié au JORF
""", f"""      - montant: {old_amount}
        du: 2026-01-01
        au: 2027-12-31
        source: Règlement délégué (UE) 2025/2152 du 22 octobre 2025 ; avis publié au JORF
      - montant: {new_amount}
        du: 2028-01-01
        au: 2029-12-31
        source: Essai de l'outil (valeur fictive)
""")
    site, errors = check_site(project, DAY)
    assert errors == []
    rules = site.procedure_rules
    assert decide(site.thresholds, rules, "travaux", 5_499_999, day).procedure == "mapa"
    assert decide(site.thresholds, rules, "travaux", 5_500_000, day).procedure == "formalisee"
    assert decide(site.thresholds, rules, "services", 219_999, day).procedure == "mapa"
    assert decide(site.thresholds, rules, "services", 220_000, day).procedure == "formalisee"
    # The browser's data follows: a period starts on 2028-01-01 with the new amounts as bounds.
    data = json.loads(ProcedureTool(site, rules, DAY).files()[0].content)
    period = next(p for p in data["types"]["travaux|"] if p["du"] == "2028-01-01")
    assert 5_500_000 in period["bornes"] and 5_404_000 not in period["bornes"]
    # And the page's table for the next change now shows 2030, when the data ends again.
    page = ProcedureTool(site, rules, DAY).page_markdown()
    assert "## À partir du 1er janvier 2028" in page
    assert "5\u00a0500\u00a0000\u00a0€\u00a0HT" in page
