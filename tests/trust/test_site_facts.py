"""data/site.yml and the contacts' coordinates: sourced, validated, and what is missing is
reported by `mitkb check` (refused by --relecture-stricte), never invented."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from ..conftest import FIXTURES, ROOT


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """The tiny project with the real data/site.yml and data/contacts.yml."""
    target = tmp_path / "projet"
    shutil.copytree(FIXTURES / "tiny", target)
    for name in ("site.yml", "contacts.yml", "glossaire.yml"):
        shutil.copy(ROOT / "data" / name, target / "data" / name)
    return target


def replace_in(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def check(root: Path, *options: str, date: str = "2026-11-27") -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "mitkb.cli", "--racine", str(root), "check", *options],
                          capture_output=True, text=True, env={"MITKB_DATE": date, "PATH": "/usr/bin:/bin"})


def test_missing_facts_are_reported_and_refused_by_the_strict_check(project: Path):
    relaxed = check(project)
    assert relaxed.returncode == 0, relaxed.stderr
    assert ("à compléter : data/site.yml:27:3: champ « hebergeur.telephone » : valeur vide : "
            "téléphone de l'hébergeur (LCEN, art. 6 III)") in relaxed.stderr
    assert "champ « licence_modeles »" in relaxed.stderr
    strict = check(project, "--relecture-stricte")
    assert strict.returncode == 1 and "2 erreurs" in strict.stderr


def test_a_coordinate_past_its_check_date_is_reported(project: Path):
    result = check(project, date="2027-03-02")
    assert "coordonnée à vérifier depuis le 2027-03-01" in result.stderr
    assert "contacts.mit.telephone" in result.stderr


def test_unknown_main_contact_and_coordinate_without_source_are_errors(project: Path):
    replace_in(project / "data/site.yml", "contact_principal: mit", "contact_principal: mitt")
    result = check(project)
    assert result.returncode == 1
    assert "data/site.yml:29:20: champ « contact_principal » : contact inconnu « mitt »" in result.stderr
    replace_in(project / "data/contacts.yml", "      source: Rapport d'activité du Conseil départemental du Gers\n", "")
    result = check(project)
    assert "champ « contacts[1].site.source » : champ obligatoire manquant" in result.stderr


def test_a_phone_number_is_checked_with_a_hint(project: Path):
    replace_in(project / "data/contacts.yml", "valeur: 05 62 67 40 40", "valeur: standard")
    result = check(project)
    assert "Numéro à 10 chiffres" in result.stderr
