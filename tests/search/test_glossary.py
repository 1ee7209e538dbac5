"""Glossary at work: abbreviation definitions, focusable acronyms, the acronym check."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import markdown
import pytest

from mitkb.content import load_site
from mitkb.glossary import (
    Abbreviations,
    acronym_warnings,
    acronyms_in_line,
    focusable_abbreviations,
    is_abbreviation,
    is_acronym,
    unknown_acronyms,
)
from mitkb.models import Term

from ..conftest import ROOT

STEP = Term(terme="STEP", forme_longue="Station d'épuration", definition="Installation qui traite les eaux usées.")
DC1 = Term(terme="DC1", definition="Formulaire type de lettre de candidature. Son usage n'est pas obligatoire.")
DT_DICT = Term(terme="DT-DICT", forme_longue="Déclarations de travaux", definition="Déclarations obligatoires.")
ALLOTISSEMENT = Term(terme="Allotissement", definition="Découpage d'un marché en lots.")
PROFIL = Term(terme="Profil d'acheteur", definition="Plateforme en ligne.")
TERMS = [STEP, DC1, DT_DICT, ALLOTISSEMENT, PROFIL]


@pytest.mark.parametrize("word, expected", [
    ("STEP", True), ("DC1", True), ("ATTRI1", True), ("EPCI", True),
    ("Cerema", False), ("L2122", False), ("A", False), ("II", False), ("XIV", False),
    ("DÉCIDE", False), ("VU", False), ("épuration", False),
])
def test_is_acronym(word, expected):
    assert is_acronym(word) is expected


def test_abbreviations_are_acronyms_and_terms_with_a_long_form():
    assert [t.term for t in TERMS if is_abbreviation(t)] == ["STEP", "DC1", "DT-DICT"]


def test_definition_without_long_form_uses_the_first_sentence():
    assert Abbreviations([DC1]).definitions() == "*[DC1]: Formulaire type de lettre de candidature."


def test_only_the_abbreviations_a_page_uses_are_appended():
    page = "# Titre\n\nUne STEP et des DT-DICT, mais pas de formulaire.\n"
    assert Abbreviations(TERMS).append_to(page) == (
        page + "\n*[DT-DICT]: Déclarations de travaux\n*[STEP]: Station d'épuration\n"
    )
    assert Abbreviations(TERMS).append_to("Rien ici.\n") == "Rien ici.\n"
    assert "*[DC1]:" in Abbreviations(TERMS).append_to("Rien ici.\n", only_used=False)


def test_appended_definitions_become_abbr_elements_with_python_markdown():
    html = markdown.markdown(Abbreviations(TERMS).append_to("La STEP et la DT-DICT."), extensions=["abbr"])
    assert '<abbr title="Station d\'épuration">STEP</abbr>' in html
    assert '<abbr title="Déclarations de travaux">DT-DICT</abbr>' in html
    assert "*[" not in html


def test_first_abbr_of_each_acronym_takes_the_keyboard_focus():
    html = ('<p><abbr title="Station">STEP</abbr> puis <abbr title="Station">STEP</abbr> '
            'et <abbr title="Hors taxes">HT</abbr></p>')
    assert focusable_abbreviations(html) == (
        '<p><abbr title="Station" tabindex="0">STEP</abbr> puis <abbr title="Station">STEP</abbr> '
        'et <abbr title="Hors taxes" tabindex="0">HT</abbr></p>'
    )


def test_an_abbr_inside_a_link_never_takes_the_focus():
    html = ('<a href="x/"><abbr title="Station">STEP</abbr></a> puis <abbr title="Station">STEP</abbr> '
            '<a class="y" href="z/">lien</a> <abbr title="Hors taxes">HT</abbr>')
    assert focusable_abbreviations(html) == (
        '<a href="x/"><abbr title="Station">STEP</abbr></a> puis <abbr title="Station" tabindex="0">STEP</abbr> '
        '<a class="y" href="z/">lien</a> <abbr title="Hors taxes" tabindex="0">HT</abbr>'
    )


@pytest.mark.parametrize("line, expected", [
    ("La STEP et le SATESE.", [(3, "STEP"), (14, "SATESE")]),
    ("Référence 2027-TX-01, article L2122-22.", []),
    ("Voir https://www.example.org/DOC et contact@MAIRIE.fr", []),
    ("{{ seuil('MAPA') }} et `CODE`", []),
    ("Les DT-DICT sont obligatoires.", [(4, "DT"), (7, "DICT")]),
    ("Le conseil DÉCIDE, VU le code.", []),
])
def test_acronyms_in_a_line_of_prose(line, expected):
    assert list(acronyms_in_line(line)) == expected


@pytest.fixture
def project(tmp_path) -> Path:
    (tmp_path / "guides" / "methodes").mkdir(parents=True)
    (tmp_path / "data").mkdir()
    (tmp_path / "docs").mkdir()
    (tmp_path / "guides" / "methodes" / "un-guide.yml").write_text(
        "# Commentaire : le CNRS n'est pas vérifié ici.\n"
        "titre: Suivre une STEP\n"
        "en_bref: >\n"
        "  Le VRD et la STEP.\n"
        "  Les DT-DICT, encore le VRD.\n",
        encoding="utf-8",
    )
    (tmp_path / "data" / "glossaire.yml").write_text(
        "termes:\n  - terme: STEP\n    forme_longue: Station d'épuration\n    definition: X. Avec TVA.\n",
        encoding="utf-8",
    )
    (tmp_path / "docs" / "page.md").write_text(
        "---\ntitle: ABC\n---\n\nLe WCAG et le RGPD.\n\n```\nCODE ICI\n```\n\n*[WCAG]: Web Content Accessibility Guidelines\n",
        encoding="utf-8",
    )
    return tmp_path


def test_unknown_acronyms_are_located_by_file_line_and_column(project):
    found = [(u.path, u.line, u.column, u.acronym) for u in unknown_acronyms(project, [STEP, DT_DICT])]
    assert found == [
        ("guides/methodes/un-guide.yml", 4, 6, "VRD"),
        ("guides/methodes/un-guide.yml", 5, 26, "VRD"),
        ("data/glossaire.yml", 4, 25, "TVA"),
        ("docs/page.md", 5, 15, "RGPD"),
    ]


def test_one_warning_per_file_and_acronym_with_a_hint(project):
    warnings = acronym_warnings(project, [STEP, DT_DICT])
    assert [w.format().splitlines()[0] for w in warnings] == [
        "guides/methodes/un-guide.yml:4:6: sigle « VRD » absent du glossaire",
        "data/glossaire.yml:4:25: sigle « TVA » absent du glossaire",
        "docs/page.md:5:15: sigle « RGPD » absent du glossaire",
    ]
    assert "data/glossaire.yml" in warnings[0].hint


def test_real_content_and_data_use_only_acronyms_of_the_glossary():
    site, _ = load_site(ROOT)
    unknown = [u for u in unknown_acronyms(ROOT, site.terms) if not u.path.startswith("docs/")]
    assert unknown == [], "sigles absents de data/glossaire.yml : " + ", ".join(
        f"{u.path}:{u.line} {u.acronym}" for u in unknown)


def test_every_glossary_abbreviation_is_explained_in_the_built_pages():
    site, _ = load_site(ROOT)
    definitions = Abbreviations(site.terms).definitions()
    assert "*[STEP]: Station d'épuration" in definitions.splitlines()
    assert "*[DT-DICT]: " in definitions


def _run_check(root: Path, *options: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "mitkb.cli", "--racine", str(root), "check", *options],
        capture_output=True, text=True,
    )


def test_mitkb_check_reports_an_unknown_acronym_as_a_warning(tiny_site):
    guide = next((tiny_site / "guides" / "methodes").glob("*.yml"))
    lines = guide.read_text(encoding="utf-8").splitlines()
    line_number = next(i for i, line in enumerate(lines, 1) if line.startswith("titre:"))
    lines[line_number - 1] = lines[line_number - 1] + " (XYZW)"
    guide.write_text("\n".join(lines) + "\n", encoding="utf-8")
    relative = guide.relative_to(tiny_site).as_posix()

    result = _run_check(tiny_site)
    assert result.returncode == 0, result.stderr
    assert f"attention : {relative}:{line_number}:" in result.stderr
    assert "sigle « XYZW » absent du glossaire" in result.stderr

    strict = _run_check(tiny_site, "--sigles-stricts")
    assert strict.returncode == 1
    assert "sigle « XYZW » absent du glossaire" in strict.stderr
