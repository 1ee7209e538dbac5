"""One invalid example per failure mode, each with the exact error it must produce.

Each file in tests/fixtures/invalid/<kind>/ is dropped into a valid tiny site;
its trailing « # attendu : » comments are the exact first lines of the errors
that `mitkb check` must report (file:line:column, field, message).
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from mitkb.references import check_site

INVALID = Path(__file__).resolve().parent.parent / "fixtures" / "invalid"
CASES = sorted(INVALID.glob("*/*.yml"))


def expected_lines(case: Path) -> list[str]:
    prefix = "# attendu : "
    return [line[len(prefix):] for line in case.read_text(encoding="utf-8").splitlines() if line.startswith(prefix)]


@pytest.mark.parametrize("case", CASES, ids=[f"{c.parent.name}/{c.stem}" for c in CASES])
def test_invalid_example_reports_exact_error(case: Path, tiny_site: Path):
    shutil.copy(case, tiny_site / "guides" / case.parent.name / case.name)
    _, errors = check_site(tiny_site, dt.date(2026, 11, 27))
    assert [e.format().splitlines()[0] for e in errors] == expected_lines(case)


def test_every_error_of_the_tree_is_reported_at_once(tiny_site: Path):
    for case in CASES:
        shutil.copy(case, tiny_site / "guides" / case.parent.name / case.name)
    _, errors = check_site(tiny_site, dt.date(2026, 11, 27))
    reported = {e.path for e in errors}
    assert reported == {f"guides/{c.parent.name}/{c.name}" for c in CASES}


def test_the_valid_tiny_site_has_no_error(tiny_site: Path):
    site, errors = check_site(tiny_site, dt.date(2026, 11, 27))
    assert errors == []
    assert set(site.guides) == {"suivre-step"}
    assert set(site.templates) == {"lettre-consultation"}
    assert set(site.workshops) == {"atelier-lancement"}


def test_duplicate_slug_in_a_subfolder_is_an_error(tiny_site: Path):
    folder = tiny_site / "guides" / "methodes" / "eau"
    folder.mkdir()
    shutil.copy(tiny_site / "guides" / "methodes" / "suivre-step.yml", folder / "suivre-step.yml")
    _, errors = check_site(tiny_site, dt.date(2026, 11, 27))
    assert [e.format().splitlines()[0] for e in errors] == [
        "guides/methodes/suivre-step.yml: adresse « suivre-step » déjà utilisée par guides/methodes/eau/suivre-step.yml"
    ]


def test_file_name_must_be_a_slug(tiny_site: Path):
    shutil.copy(tiny_site / "guides" / "ateliers" / "atelier-lancement.yml",
                tiny_site / "guides" / "ateliers" / "Atelier Été.yml")
    _, errors = check_site(tiny_site, dt.date(2026, 11, 27))
    assert [e.message for e in errors] == ["nom de fichier invalide « Atelier Été.yml »"]
    assert "minuscules sans accent" in errors[0].hint


def test_yaml_extension_is_refused_with_a_hint(tiny_site: Path):
    (tiny_site / "guides" / "ateliers" / "atelier-lancement.yml").rename(
        tiny_site / "guides" / "ateliers" / "atelier-lancement.yaml")
    (tiny_site / "guides" / "methodes" / "suivre-step.yml").write_text(
        (tiny_site / "guides" / "methodes" / "suivre-step.yml").read_text(encoding="utf-8"), encoding="utf-8")
    _, errors = check_site(tiny_site, dt.date(2026, 11, 27))
    assert [(e.path, e.message, e.hint) for e in errors] == [
        ("guides/ateliers/atelier-lancement.yaml", "extension inattendue", "Renommez-le en .yml.")
    ]


def test_duplicate_id_in_a_data_file(tiny_site: Path):
    path = tiny_site / "data" / "contacts.yml"
    path.write_text(path.read_text(encoding="utf-8") + "  - id: mit\n    nom: Autre\n", encoding="utf-8")
    _, errors = check_site(tiny_site, dt.date(2026, 11, 27))
    assert [e.format().splitlines()[0] for e in errors] == [
        "data/contacts.yml:5:5: identifiant « mit » en double (déjà utilisé par l'élément n° 1)"
    ]


def test_overlapping_threshold_periods(tiny_site: Path):
    path = tiny_site / "data" / "seuils.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("au: 2026-03-31", "au: 2026-04-01"), encoding="utf-8")
    _, errors = check_site(tiny_site, dt.date(2026, 11, 27))
    assert [e.format().splitlines()[0] for e in errors] == [
        "data/seuils.yml:8:7: champ « seuils[1].valeurs » : périodes qui se chevauchent : "
        "la valeur du 2020-01-01 doit se terminer (au) avant le 2026-04-01"
    ]


def test_missing_data_file(tiny_site: Path):
    (tiny_site / "data" / "glossaire.yml").unlink()
    _, errors = check_site(tiny_site, dt.date(2026, 11, 27))
    assert [e.format() for e in errors] == ["data/glossaire.yml: fichier de données manquant\n    → Créez data/glossaire.yml."]


def test_threshold_not_in_force_at_build_date(tiny_site: Path):
    _, errors = check_site(tiny_site, dt.date(2019, 6, 1))
    messages = {e.message for e in errors}
    assert messages == {"aucune valeur du seuil « sans-publicite-fournitures-services » n'est en vigueur le 1er juin 2019"}
    assert {e.path for e in errors} == {
        "docs/index.md", "guides/methodes/suivre-step.yml", "guides/modeles/lettre-consultation.yml"}
