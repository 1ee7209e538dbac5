"""Facets of each item, theme index pages, contacts page and search page (generated Markdown)."""

from __future__ import annotations

import datetime as dt

import pytest

from mitkb.pages import PageRenderer
from mitkb.references import check_site
from mitkb.search.facets import FieldIndex, SearchTags, item_tags, tags_markup

from ..conftest import FIXTURES, ROOT

TODAY = dt.date(2026, 11, 27)


@pytest.fixture(scope="module")
def tiny():
    site, errors = check_site(FIXTURES / "tiny", TODAY)
    assert errors == []
    return site


@pytest.fixture(scope="module")
def tiny_pages(tiny) -> dict[str, str]:
    return {page.path: page.markdown for page in PageRenderer(tiny, TODAY).all_pages()}


def test_guides_and_workshops_have_their_own_fields_templates_those_of_their_users(tiny):
    fields = FieldIndex(tiny)
    guide, template, workshop = tiny.guides["suivre-step"], tiny.templates["lettre-consultation"], \
        tiny.workshops["atelier-lancement"]
    assert [d.id for d in fields.domains_of(guide)] == ["eau-assainissement", "commande-publique"]
    assert [d.id for d in fields.domains_of(workshop)] == ["commande-publique"]
    assert [d.id for d in fields.domains_of(template)] == ["eau-assainissement", "commande-publique"]
    grouped = fields.items_of("eau-assainissement")
    assert {kind: [i.slug for i in items] for kind, items in grouped.items()} == {
        "methodes": ["suivre-step"], "modeles": ["lettre-consultation"], "ateliers": [],
    }


def test_tags_of_each_kind(tiny):
    fields = FieldIndex(tiny)
    guide = item_tags(tiny.guides["suivre-step"], fields)
    assert guide.filters() == {
        "type": ["Guide méthodologique"],
        "domaine": ["Eau et assainissement", "Commande publique"],
        "public": ["Communes"],
    }
    assert guide.meta() == {"type": "Guide méthodologique", "domaine": "Eau et assainissement · Commande publique"}
    template = item_tags(tiny.templates["lettre-consultation"], fields)
    assert template.filters()["procedure"] == ["Marché sans publicité ni mise en concurrence préalables"]
    assert "public" not in template.filters()
    assert template.meta()["domaine"] == "Marché sans publicité ni mise en concurrence préalables"
    assert item_tags(tiny.workshops["atelier-lancement"], fields).filters() == {
        "type": ["Atelier"], "domaine": ["Commande publique"],
    }


def test_tags_markup_is_hidden_and_escaped(tiny):
    fields = FieldIndex(tiny)
    markup = tags_markup(item_tags(tiny.templates["lettre-consultation"], fields))
    assert markup.startswith('<div class="mitkb-search-tags" hidden>')
    assert '<span data-pagefind-filter="type:Modèle de document"></span>' in markup
    assert '<span data-pagefind-meta="type:Modèle de document"></span>' in markup
    rendered = tags_markup(SearchTags("A & <b>", ("x\"y",)))
    assert 'data-pagefind-filter="type:A &amp; &lt;b&gt;"' in rendered
    assert 'data-pagefind-filter="domaine:x&quot;y"' in rendered


def test_item_pages_carry_their_search_tags(tiny_pages):
    page = tiny_pages["methodes/suivre-step.md"]
    assert '<span data-pagefind-filter="public:Communes"></span>' in page
    assert '<span data-pagefind-filter="domaine:Eau et assainissement"></span>' in page


def test_generated_pages_explain_the_acronyms_they_use(tiny_pages):
    assert tiny_pages["methodes/suivre-step.md"].rstrip().endswith("*[STEP]: Station d'épuration")
    assert "*[STEP]" not in tiny_pages["modeles/lettre-consultation.md"]


def test_one_index_page_per_field_and_theme_listing_every_kind(tiny_pages):
    page = tiny_pages["themes/commande-publique.md"]
    assert page.startswith('---\ntitle: "Commande publique"\n')
    assert "## Guides méthodologiques\n\n- [Suivre une station d'épuration](../methodes/suivre-step.md)" in page
    assert "## Modèles de documents\n\n- [Lettre de consultation](../modeles/lettre-consultation.md)" in page
    assert "## Ateliers du réseau Commande publique\n\n- [Lancement du réseau](../ateliers/atelier-lancement.md)" \
        in page
    assert "[Tous les domaines et thèmes](index.md)" in page
    field = tiny_pages["themes/eau-assainissement.md"]
    assert "Domaine d&#39;intervention" in field and "## Ateliers" not in field


def test_themes_overview_counts_each_kind(tiny_pages):
    page = tiny_pages["themes/index.md"]
    assert "## Domaines d'intervention" in page and "## Thèmes transversaux" in page
    assert "[Commande publique](commande-publique.md){ .mitkb-entry-title }" in page
    assert "*1 guide · 1 modèle · 1 atelier*" in page


def test_contacts_page_has_one_anchor_per_contact_and_stays_out_of_the_index(tiny_pages):
    page = tiny_pages["contacts.md"]
    assert "## Mission Ingénierie des Territoires { #mit }" in page
    assert "search:\n  exclude: true" in page


def test_search_page_lists_the_facet_values_present_in_the_content(tiny_pages):
    page = tiny_pages["recherche.md"]
    assert "search:\n  exclude: true" in page
    assert 'name="type" value="Guide méthodologique"' in page
    assert 'name="type" value="Contact"' in page
    assert 'name="domaine" value="Eau et assainissement"' in page
    assert 'name="public" value="Communes"' in page
    assert 'name="public" value="Intercommunalités (EPCI)"' not in page  # no such guide
    assert 'name="procedure" value="Marché sans publicité ni mise en concurrence préalables"' in page
    assert '<script type="module" src="../assets/javascripts/recherche.js"></script>' in page
    assert "\n\n<" not in page[page.index("<div class=\"mitkb-recherche\""):page.index("</noscript>")], \
        "no blank line may split the raw HTML block"


def test_real_site_has_a_theme_page_for_each_entry_of_domaines():
    site, errors = check_site(ROOT, TODAY)
    assert errors == []
    paths = {page.path for page in PageRenderer(site, TODAY).all_pages()}
    assert {f"themes/{domain_id}.md" for domain_id in site.domains} <= paths
