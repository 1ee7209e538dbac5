"""Staff pages, the search page's data (next steps, vocabulary) and the heading ids that
Pagefind turns into passages (no browser)."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest

from mitkb.references import check_site
from mitkb.search.index_text import STOP_WORDS
from mitkb.search.next_steps import (
    DATA_MARKER,
    HELP_PATH,
    MAX_VOCABULARY,
    STAFF_LABEL,
    data_script,
    help_data,
    is_staff_page,
    next_steps,
    page_url,
    procurement_words,
    search_page_data,
    staff_markup,
    vocabulary,
)
from mitkb.search.page_markup import searchable_page_html
from mitkb.site_session import SiteSession

from ..conftest import ROOT

TODAY = dt.date(2026, 11, 27)


@pytest.fixture(scope="module")
def site():
    site, errors = check_site(ROOT, TODAY)
    assert errors == []
    return site


def test_staff_pages_are_the_contribuer_page_and_those_saying_so():
    assert is_staff_page({}, "contribuer.md")
    assert is_staff_page({"search": {"personnel": True}}, "edition/index.md")
    assert not is_staff_page({"search": {"exclude": False}}, "index.md")
    assert not is_staff_page(None, "methodes/x.md")


def test_a_staff_page_carries_its_kind_and_the_filter_that_leaves_it_out():
    html = searchable_page_html("<h1>Contribuer</h1>", "Contribuer", staff=True)
    assert f'data-pagefind-filter="type:{STAFF_LABEL}"' in html
    assert 'data-pagefind-filter="personnel:oui"' in html
    assert f'data-pagefind-meta="type:{STAFF_LABEL}"' in html
    assert "personnel" not in searchable_page_html("<h1>Guide</h1>", "Guide")
    assert staff_markup() in html


@pytest.mark.parametrize(("path", "url"), [
    ("methodes/x.md", "methodes/x/"), ("quelle-procedure/index.md", "quelle-procedure/"), ("index.md", ""),
    ("glossaire.md", "glossaire/"),
])
def test_page_urls(path, url):
    assert page_url(path) == url


def test_next_steps_point_to_the_procedure_guide_until_the_tool_exists(site):
    pages = {"methodes/choisir-procedure-marche.md", "glossaire.md", "contacts.md"}
    steps = next_steps(site, pages)
    assert steps["procedure"] == {"url": "methodes/choisir-procedure-marche/",
                                  "titre": site.guides["choisir-procedure-marche"].title}
    assert steps["mit"] == {"url": "contacts/", "titre": "Contacts de la MIT"}
    assert steps["glossaire"] == {"url": "glossaire/"}
    with_tool = next_steps(site, pages | {"quelle-procedure.md", "solliciter-la-mit.md"})
    assert with_tool["procedure"]["url"] == "quelle-procedure/"
    assert with_tool["mit"] == {"url": "solliciter-la-mit/", "titre": "Solliciter la MIT"}
    assert next_steps(site, set()) == {}


def test_procurement_words_include_the_glossary(site):
    words = procurement_words(site)
    assert {"marche", "procedure", "mapa", "allotissement", "boamp"} <= set(words)


def test_the_vocabulary_is_the_site_words_most_frequent_first_and_bounded(site):
    words = vocabulary(site)
    assert "station" in words and "réhabilitation" in words and "ruissellement" in words
    assert words.index("marché") < words.index("ruissellement")
    assert all(len(word) >= 4 for word in words)
    assert len(vocabulary(site, limit=50)) == 50
    assert len(words) <= MAX_VOCABULARY


def test_the_data_cannot_close_its_script(site):
    script = data_script({"x": "</script><b>"})
    assert "</script><b>" not in script and script.endswith("</script>")
    script = data_script(search_page_data(site, {"glossaire.md", "contacts.md", "methodes/choisir-procedure-marche.md"}))
    data = json.loads(re.search(r">(.*)</script>$", script).group(1))
    assert data["personnel"] == {"filtre": "personnel", "valeur": "oui", "type": "type"}
    assert data["aide"] == HELP_PATH and data["mots"] == 3
    assert set(data["vides"]) == set(STOP_WORDS), "the words out of the index are left out of queries"
    assert len(script) < 4000, "inline in the search page: every first query downloads it"


def test_the_help_file_holds_what_is_needed_after_few_results_only(site):
    data = help_data(site)
    assert data["glossaire"]["allotissement"] == ["Allotissement", "allotissement"]
    assert data["glossaire"]["mapa"][1] == "mapa"
    assert "marche" in data["commande_publique"] and "station" in data["vocabulaire"]


def test_the_built_search_page_carries_its_data_and_the_vocabulary_file(tiny_site: Path):
    session = SiteSession.start(tiny_site, TODAY)
    outputs = {output.path: output.content for output in session.outputs({"index.md", "contribuer.md"})}
    page = outputs["recherche.md"]
    assert DATA_MARKER not in page
    data = json.loads(re.search(r'id="mitkb-recherche-donnees">(.*?)</script>', page).group(1))
    assert data["suite"]["mit"]["url"] == "contacts/"
    assert f'name="type" value="{STAFF_LABEL}"' in page
    assert json.loads(outputs[HELP_PATH])["vocabulaire"]
    assert HELP_PATH not in {o.path for o in session.outputs({HELP_PATH})}  # a project's own file wins


def test_guide_steps_and_template_articles_have_heading_ids(built_site: Path):
    """Pagefind makes a passage of each heading with an id: every step of a guide and
    every article of a template has one, unique in its page."""
    for folder, pattern in (("methodes", r'<h3 id="(etape-\d+)"'), ("modeles", r'<h3 id="([^"]+)"')):
        pages = [p for p in (built_site / folder).glob("*/index.html") if p.parent.name not in ("domaine", "procedure")]
        assert pages
        for page in pages:
            html = page.read_text(encoding="utf-8")
            ids = re.findall(pattern, html)
            assert ids, page
            all_ids = re.findall(r'\sid="([^"]+)"', html)
            assert len(all_ids) == len(set(all_ids)), f"{page}: duplicate ids"
