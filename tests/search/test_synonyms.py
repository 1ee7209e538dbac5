"""Acronyms as search synonyms, and what each page tells Pagefind."""

from __future__ import annotations

import html

import pytest

from mitkb.models import Term
from mitkb.search.page_markup import is_excluded, result_title, searchable_page_html
from mitkb.search.synonyms import SynonymFinder, fold, weight
from mitkb.typography import french_text

STEP = Term(terme="STEP", forme_longue="Station d'épuration", definition="Installation.")
MAPA = Term(terme="MAPA", forme_longue="Marché à procédure adaptée", definition="Marché.")
CEREMA = Term(terme="Cerema", forme_longue="Centre d'études et d'expertise", definition="Établissement.")
NO_LONG_FORM = Term(terme="DC1", definition="Formulaire.")
FINDER = SynonymFinder([STEP, MAPA, CEREMA, NO_LONG_FORM])


def test_fold_keeps_one_character_for_one():
    text = "Stations d’ÉPURATION, maîtrise d'œuvre"
    assert fold(text) == "stations d'epuration, maitrise d'œuvre"
    assert len(fold(text)) == len(text)


@pytest.mark.parametrize("text", [
    "la station d'épuration", "les stations d’épuration", "STATIONS D'EPURATION", "station d' épuration",
])
def test_long_form_is_found_in_its_usual_variants(text):
    assert [u.acronym for u in FINDER.uses(f"<p>{text}</p>")] == ["STEP"]


def test_a_plural_first_word_that_starts_another_long_form_counts_for_both():
    # « marchés » is « marché » in the plural and the first word of « Marchés publics simplifiés ».
    mps = Term(terme="MPS", forme_longue="Marchés publics simplifiés", definition="Dispositif.")
    finder = SynonymFinder([MAPA, mps])
    uses = finder.uses("<p>Les Marchés à procédure adaptée, un marché à procédure adaptée, "
                       "les marchés publics simplifiés.</p>")
    assert [(u.acronym, u.long_form_count) for u in uses] == [("MAPA", 2), ("MPS", 1)]


def test_a_long_form_must_end_on_a_whole_word():
    assert FINDER.uses("<p>les stations d'épurationnelles</p>") == []


def test_words_inside_tags_are_not_uses():
    uses = FINDER.uses('<abbr title="Station d\'épuration">STEP</abbr> <a href="/MAPA/">lien</a>')
    assert [(u.acronym, u.acronym_count, u.long_form_count) for u in uses] == [("STEP", 1, 0)]


def test_a_page_with_only_the_long_form_gets_the_acronym_after_its_first_use():
    html = "<p>La station d'épuration et les stations d'épuration.</p>"
    assert FINDER.annotate(html) == (
        "<p>La station d'épuration"
        '<span class="mitkb-synonyme" hidden data-pagefind-weight="1.0"> (STEP)</span>'
        " et les stations d'épuration.</p>"
    )


def test_a_page_with_only_the_acronym_gets_the_long_form():
    annotated = FINDER.annotate("<p>Un MAPA simple.</p>")
    assert annotated == (
        '<p>Un MAPA<span class="mitkb-synonyme" hidden data-pagefind-weight="0.5"> '
        "(Marché à procédure adaptée)</span> simple.</p>"
    )


def test_a_page_with_both_forms_is_left_alone():
    html = "<p>Un marché à procédure adaptée (MAPA).</p>"
    assert FINDER.annotate(html) == html


def test_mixed_case_acronyms_match_in_any_case():
    assert [u.acronym for u in FINDER.uses("<p>Le CEREMA publie.</p>")] == ["Cerema"]


def test_the_page_whose_title_uses_the_abbreviation_weighs_most():
    html = "<h1>Suivre une station d’épuration</h1><p>Texte.</p>"
    assert 'data-pagefind-weight="5.0"> (STEP)' in FINDER.annotate(html, "Suivre une station d’épuration")
    assert 'data-pagefind-weight="0.5"> (STEP)' in FINDER.annotate(html, "Autre titre")


@pytest.mark.parametrize("uses, expected", [(1, "0.5"), (2, "1.0"), (6, "3.0"), (10, "5.0"), (40, "5.0")])
def test_weight_grows_with_uses_and_is_capped(uses, expected):
    assert weight(uses) == expected


def test_searchable_page_marks_the_body_and_the_title():
    html = searchable_page_html("<h1>Titre</h1><p>Une STEP.</p>", "Titre « x » & <y>", FINDER)
    assert html.startswith("<div data-pagefind-body><h1>Titre</h1><p>Une STEP<span")
    # the title as published: French typography (no-break spaces inside « »)
    assert '<span data-pagefind-meta="title:Titre «\u00a0x\u00a0» &amp; &lt;y&gt;"></span>' in html
    assert html.endswith("</div></div><!--/mitkb-index-->")


@pytest.mark.parametrize("content, title, shown", [
    # a short navigation title completed by the page's heading: the result reads as the page
    ('<h1 id="q">Quelle procédure pour mon achat ?<a class="headerlink" href="#q">#</a></h1>',
     "Quelle procédure ?", "Quelle procédure pour mon achat ?"),
    ("<h1>Courrier d&#x27;information <abbr>MAPA</abbr></h1>", "Courrier", "Courrier d'information MAPA"),
    # a heading that says something else, or less, leaves the title as it is
    ("<h1>Solliciter la Mission Ingénierie des Territoires</h1>", "Solliciter la MIT", "Solliciter la MIT"),
    ("<h1>Titre</h1>", "Titre long", "Titre long"),
    ("<p>Sans titre</p>", "Page", "Page"),
])
def test_a_result_shows_the_heading_that_completes_the_navigation_title(content, title, shown):
    assert result_title(content, title) == shown
    assert f'data-pagefind-meta="title:{html.escape(french_text(shown))}"' in searchable_page_html(content, title)


@pytest.mark.parametrize("meta, path, excluded", [
    ({}, "index.md", False),
    ({"search": {"exclude": True}}, "recherche.md", True),
    ({"search": {"exclude": False}}, "page.md", False),
    ({"search": "exclude"}, "page.md", False),
    (None, "methodes/index.md", True),
    (None, "methodes/un-guide.md", False),
])
def test_excluded_pages(meta, path, excluded):
    assert is_excluded(meta, path) is excluded
