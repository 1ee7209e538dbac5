"""Sources of the guides: article numbers, the checks of `mitkb check`, the rendered list."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from mitkb.content import load_site
from mitkb.models import LEGAL_CODE_LABELS, Source
from mitkb.pages import LEGIFRANCE_CODES, PageRenderer, legifrance_url
from mitkb.references import check_site
from mitkb.sources import CODE_FORMATS, cited_articles, format_problem

TODAY = dt.date(2026, 11, 27)
GUIDE = Path("guides/methodes/suivre-step.yml")


def test_every_code_has_a_label_a_format_and_a_legifrance_id():
    assert set(CODE_FORMATS) == set(LEGAL_CODE_LABELS) == set(LEGIFRANCE_CODES)
    assert all(id_.startswith("LEGITEXT") and len(id_) == 20 for id_ in LEGIFRANCE_CODES.values())


@pytest.mark.parametrize("code, article", [
    ("CCP", "R2122-8"), ("CCP", "R2122-9-1"), ("CGCT", "L2122-22 4°"), ("CE", "L211-7"),
    ("CU", "R*431-2"), ("CSP", "L1331-1-1"), ("CVR", "L141-1"), ("CR", "R411-2"), ("CRPM", "L161-1"),
])
def test_numbers_that_fit_their_code(code, article):
    assert format_problem(code, article) is None


@pytest.mark.parametrize("code, article, problem", [
    ("CE", "L2111-7", "3 chiffres avant le premier tiret, pas 4"),
    ("CCP", "L211-7", "4 chiffres avant le premier tiret, pas 3"),
    ("CCP", "R4122-1", "pas de partie 4"),
])
def test_numbers_that_do_not_fit_their_code(code, article, problem):
    assert problem in format_problem(code, article)


def test_citations_found_in_running_text():
    text = ("Selon l'article R. 2122-8 du CCP, l'article L2122-22, 4° du CGCT, les articles "
            "R2181-1 et R2181-2, l'article R*431-2 et l'article R2122-9-1.")
    assert [number for number, _ in cited_articles(text)] == [
        "R2122-8", "L2122-22", "R2181-1", "R2181-2", "R431-2", "R2122-9-1"]


def test_what_is_not_an_article_is_not_a_citation():
    text = "Décret n° 2025-1386, RE2020, BP 20569, 05 62 67 40 40, lot 2021-3, https://x.fr/R2122-8."
    assert list(cited_articles(text)) == []


def test_source_is_an_article_or_a_document():
    assert Source.model_validate({"code": "CE", "article": "L211-7", "objet": "Eau"}).number == "L211-7"
    document = Source.model_validate({"titre": "Guide", "editeur": "État", "date": TODAY, "url": "https://a.fr"})
    assert not document.is_legal
    with pytest.raises(ValueError, match="pas les deux"):
        Source.model_validate({"code": "CE", "article": "L211-7", "titre": "Guide"})


def test_legifrance_link_searches_the_article_in_its_code():
    url = legifrance_url(Source.model_validate({"code": "CU", "article": "R*431-2"}))
    assert "query=R431-2" in url and "code=LEGITEXT000006074075" in url


def _write_guide(site: Path, extra_text: str, sources: str) -> None:
    path = site / GUIDE
    text = path.read_text(encoding="utf-8")
    text = text.replace("Notez les résultats des analyses.", "Notez les résultats des analyses." + extra_text)
    text = text.replace("referent: mit\n", sources + "referent: mit\n")
    path.write_text(text, encoding="utf-8")


def test_a_threshold_macro_counts_as_citing_its_rule(tiny_site: Path):
    # The tiny guide calls {{ seuil('sans-publicite-fournitures-services') }}: rule R2122-8.
    _write_guide(tiny_site, "", "sources:\n  - {code: CCP, article: R2122-8, objet: Dispense}\n")
    _, errors = check_site(tiny_site, TODAY)
    assert errors == []


def test_an_article_is_reported_once_even_when_cited_twice(tiny_site: Path):
    _write_guide(tiny_site, " Voir l'article L1331-1 du CSP, puis encore l'article L1331-1.", "")
    _, errors = check_site(tiny_site, TODAY)
    assert [(e.message, e.field) for e in errors] == [
        ("article L1331-1 cité dans le texte mais absent des sources", "etapes[2].texte")]
    assert "CCP, CGCT, CSP" in errors[0].hint


def test_a_duplicate_source_is_reported(tiny_site: Path):
    line = "  - {code: CSP, article: L1331-1, objet: Raccordement}\n"
    _write_guide(tiny_site, " Voir l'article L1331-1 du CSP.", "sources:\n" + line + line)
    _, errors = check_site(tiny_site, TODAY)
    assert [e.message for e in errors] == ["article L1331-1 listé deux fois dans les sources"]


def test_sources_rendered_as_textes_de_reference(tiny_site: Path):
    _write_guide(
        tiny_site, " Voir l'article L1331-1 du code de la santé publique.",
        "sources:\n"
        "  - {code: CSP, article: L1331-1, objet: Raccordement au réseau}\n"
        "  - titre: Assainissement non collectif\n"
        "    editeur: Ministère de la Transition écologique\n"
        "    date: 2026-11-27\n"
        "    url: https://www.ecologie.gouv.fr/\n",
    )
    site, errors = load_site(tiny_site)
    assert errors == []
    markdown = PageRenderer(site, TODAY).guide(site.guides["suivre-step"])
    section = markdown[markdown.index("## Textes de référence"):]
    assert markdown.index("## Textes de référence") > markdown.index("## Votre contact")
    assert ("- [Article L1331-1 du code de la santé publique](https://www.legifrance.gouv.fr/search/code?"
            "tab_selection=code&searchField=NUM_ARTICLE&query=L1331-1&code=LEGITEXT000006072665) : "
            "Raccordement au réseau\n") in section
    assert ("- [Assainissement non collectif](https://www.ecologie.gouv.fr/), Ministère de la Transition "
            "écologique, 27 novembre 2026\n") in section


def test_a_guide_without_sources_has_no_empty_section(tiny_site: Path):
    site, _ = load_site(tiny_site)
    assert "Textes de référence" not in PageRenderer(site, TODAY).guide(site.guides["suivre-step"])


def test_the_code_key_of_a_source_is_not_an_acronym_to_explain():
    from mitkb.glossary import acronyms_in_line

    assert list(acronyms_in_line("  - {code: CE, article: L211-7, objet: Compétences}")) == []
    assert [a for _, a in acronyms_in_line("  - {code: CU, article: L111-26, objet: Avis de la DDT}")] == ["DDT"]


def test_every_threshold_macro_counts_as_citing_its_rule():
    from mitkb.sources.check import _THRESHOLD_MACRO

    text = "{{ seuil('a') }}, {{ seuil_depuis(\"b\") }}, {{ seuil_a_partir_de('c') }}, {{ chiffre('d') }}"
    assert _THRESHOLD_MACRO.findall(text) == ["a", "b", "c"]
