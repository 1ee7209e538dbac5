"""`mitkb new`: a file at the right place that fails `check` where it must be completed."""

from __future__ import annotations

import datetime as dt
import posixpath
import re
from pathlib import Path

import pytest
import yaml

from mitkb.models import KIND_MODELS
from mitkb.references import PLACEHOLDER, check_site
from mitkb.scaffold import ScaffoldError, create, slugify

from ..conftest import ROOT
from .conftest import mitkb

TODAY = dt.date(2026, 11, 27)  # MITKB_DATE of the test suite
TITLE = "Rénover l’éclairage public : étapes"
FOLDERS = {"methode": "methodes", "modele": "modeles", "atelier": "ateliers"}

# What an author would write instead of each placeholder, by YAML key (tiny fixture's data).
FILLED = {
    "domaine": "eau-assainissement",
    "themes": "commande-publique",
    "phase": "besoins",
    "referent": "mit",
    "procedures": "mapa",
    "code": "CCP",
    "article": "R2122-8",
    "date": "2026-10-15",
}
_KEYED = re.compile(r"^(\s*(?:- )?)([a-z_]+): (\[?)" + PLACEHOLDER)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "mkdocs.yml").write_text("site_name: Test\n", encoding="utf-8")
    return tmp_path


def fill_placeholders(text: str, **overrides: str) -> str:
    """Replace every placeholder the way an author would: a value for identifiers, else a text."""
    values = {**FILLED, **overrides}
    lines = []
    for line in text.splitlines():
        match = _KEYED.match(line)
        if match and match.group(2) in values:
            line = line.replace(PLACEHOLDER, values[match.group(2)])
        else:
            line = line.replace(PLACEHOLDER, "Un texte rédigé par l'équipe")
        lines.append(line)
    return "\n".join(lines) + "\n"


def placeholder_lines(path: Path) -> set[int]:
    return {number for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
            if PLACEHOLDER in line and not line.lstrip().startswith("#")}


@pytest.mark.parametrize("kind", ["methode", "modele", "atelier"])
def test_new_file_fails_check_at_each_placeholder_then_passes_once_filled(tiny_site: Path, kind: str):
    result = mitkb("new", kind, TITLE, cwd=tiny_site)
    assert result.returncode == 0, result.stderr
    relative = f"guides/{FOLDERS[kind]}/renover-l-eclairage-public-etapes.yml"
    assert f"✓ Fichier créé : {relative}" in result.stdout
    created = tiny_site / relative
    text = created.read_text(encoding="utf-8")
    assert text.splitlines()[0] == f"# yaml-language-server: $schema=../../schemas/{kind}.schema.json"
    schema = posixpath.normpath(posixpath.join(posixpath.dirname(relative), f"../../schemas/{kind}.schema.json"))
    assert (ROOT / schema).is_file()  # the modeline points at the project's schema

    check = mitkb("check", cwd=tiny_site)
    assert check.returncode == 1
    errors = [line for line in check.stderr.splitlines() if line.startswith(relative)]
    reported = {int(line.split(":")[1]) for line in errors}
    assert reported == placeholder_lines(created)  # every placeholder, at its own line, nothing else
    assert all(f"texte « {PLACEHOLDER} » à remplacer" in line for line in errors)
    other_files = [line for line in check.stderr.splitlines() if line.startswith("guides/") and relative not in line]
    assert other_files == []

    created.write_text(fill_placeholders(text), encoding="utf-8")
    check = mitkb("check", cwd=tiny_site)
    assert check.returncode == 0, check.stderr
    assert "Contenu valide" in check.stdout


@pytest.mark.parametrize("kind", ["methode", "modele", "atelier"])
def test_every_required_field_is_present_with_a_comment_above(project: Path, kind: str):
    created = create(project, kind, "Un titre", TODAY)
    lines = created.path.read_text(encoding="utf-8").splitlines()
    data = yaml.safe_load("\n".join(lines))
    model = KIND_MODELS[FOLDERS[kind]]
    required = {f.alias or name for name, f in model.model_fields.items() if f.is_required()}
    assert required <= set(data)
    assert data["titre"] == "Un titre"
    for number, line in enumerate(lines):
        if re.match(r"^[a-z_]+:", line):
            above = number - 1
            while re.match(r"^[a-z_]+: \S", lines[above]):  # two one-line fields may share a comment
                above -= 1
            assert lines[above].startswith("#"), f"pas de commentaire au-dessus de « {line} »"
    if kind != "atelier":
        assert data["relu_le"] == TODAY
        assert data["prochaine_relecture"] == dt.date(2027, 11, 27)
    assert data["historique"][0]["date"] == TODAY


def test_refuses_to_overwrite_an_existing_file(tiny_site: Path):
    existing = tiny_site / "guides/methodes/suivre-step.yml"
    before = existing.read_bytes()
    result = mitkb("new", "methode", "Suivre une STEP", "--adresse", "suivre-step", cwd=tiny_site)
    assert result.returncode == 1
    assert "guides/methodes/suivre-step.yml existe déjà : rien n'a été écrit." in result.stderr
    assert existing.read_bytes() == before


def test_refuses_empty_or_unusable_titles(project: Path):
    with pytest.raises(ScaffoldError, match="le titre est vide"):
        create(project, "methode", "   ", TODAY)
    with pytest.raises(ScaffoldError, match="adresse invalide"):
        create(project, "methode", "???", TODAY)
    with pytest.raises(ScaffoldError, match="titre trop long"):
        create(project, "methode", "mot " * 60, TODAY)
    assert not (project / "guides").exists()


def test_unknown_kind_and_wrong_folder_are_explained_in_french(tiny_site: Path, tmp_path: Path):
    result = mitkb("new", "guide", "Un titre", cwd=tiny_site)
    assert result.returncode == 1
    assert result.stderr.strip() == "✗ type inconnu « guide » : choisissez methode, modele ou atelier."
    elsewhere = tmp_path / "ailleurs"
    elsewhere.mkdir()
    result = mitkb("new", "methode", "Un titre", cwd=elsewhere)
    assert result.returncode == 1 and "n'est pas la racine du projet" in result.stderr
    assert list(elsewhere.iterdir()) == []


@pytest.mark.parametrize("title, slug", [
    ("Réhabiliter l’école", "rehabiliter-l-ecole"),
    ("Sécuriser un pont communal", "securiser-un-pont-communal"),
    ("Œuvres d'art : 1 % artistique", "oeuvres-d-art-1-artistique"),
    ("  ÉTÉ 2026 — bilan  ", "ete-2026-bilan"),
])
def test_slug_from_title(title: str, slug: str):
    assert slugify(title) == slug


def test_long_titles_are_cut_between_words():
    slug = slugify("Aménager " * 20)
    assert len(slug) <= 80 and not slug.endswith("-") and slug.split("-")[-1] == "amenager"


def test_titles_with_quotes_stay_valid_yaml(project: Path):
    created = create(project, "methode", 'Le « bon » choix : "oui" \\ non', TODAY)
    assert yaml.safe_load(created.path.read_text(encoding="utf-8"))["titre"] == 'Le « bon » choix : "oui" \\ non'


def test_a_placeholder_left_in_existing_content_is_an_error(tiny_site: Path):
    guide = tiny_site / "guides/methodes/suivre-step.yml"
    guide.write_text(guide.read_text(encoding="utf-8").replace(
        "Notez les résultats des analyses.", f"Notez les résultats. {PLACEHOLDER}"), encoding="utf-8")
    _, errors = check_site(tiny_site, TODAY)
    assert [(e.path, e.line, e.field, e.message) for e in errors] == [
        ("guides/methodes/suivre-step.yml", 15, "etapes[2].texte", f"texte « {PLACEHOLDER} » à remplacer"),
    ]


def test_a_placeholder_replaces_its_own_validation_error(tiny_site: Path):
    workshop = tiny_site / "guides/ateliers/atelier-lancement.yml"
    workshop.write_text(workshop.read_text(encoding="utf-8").replace("date: 2024-10", f"date: {PLACEHOLDER}"),
                        encoding="utf-8")
    _, errors = check_site(tiny_site, TODAY)
    assert [(e.line, e.field, e.message) for e in errors] == [(2, "date", f"texte « {PLACEHOLDER} » à remplacer")]


def test_lower_case_a_completer_in_a_real_text_is_not_a_placeholder(tiny_site: Path):
    # The tiny template's table says « à compléter » in its own words: that is content.
    assert "à compléter" in (tiny_site / "guides/modeles/lettre-consultation.yml").read_text(encoding="utf-8")
    _, errors = check_site(tiny_site, TODAY)
    assert errors == []
