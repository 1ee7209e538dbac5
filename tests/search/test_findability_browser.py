"""Findability in Chromium on the built site: queries as readers type them, passages of
long pages, staff pages out of the way, and what a query with few results offers next.

The query set is every tests/search/findability*.yml file: a list of
``{requete: "texte tapé", attendu: "methodes/slug/"}``, the page having to be among the
first three results.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
import yaml

from mitkb.search.next_steps import STAFF_LABEL

from .test_search_browser import _search, tab  # noqa: F401 - tab: the fixture (no third-party host, no JS error)

pytestmark = [pytest.mark.browser, pytest.mark.slow]

HERE = Path(__file__).parent
TOP = 3


def findability_queries() -> list[tuple[str, str, str]]:
    """(file, query, expected page) of every findability*.yml file."""
    cases = []
    for path in sorted(HERE.glob("findability*.yml")):
        entries = yaml.safe_load(path.read_text(encoding="utf-8")) or []
        assert isinstance(entries, list), f"{path.name} : une liste de {{requete, attendu}} est attendue"
        for entry in entries:
            assert set(entry) == {"requete", "attendu"}, f"{path.name} : {entry}"
            assert not entry["attendu"].startswith("/") and entry["attendu"].endswith("/"), entry
            cases.append((path.name, entry["requete"], entry["attendu"]))
    return cases


QUERIES = findability_queries()


def test_the_query_set_is_there_and_varied():
    assert len(QUERIES) >= 25
    queries = [query for _, query, _ in QUERIES]
    assert len(set(queries)) == len(queries), "a query appears twice"
    assert any(query.isupper() for query in queries), "no acronym"
    assert all(query == query.encode("ascii", "ignore").decode() for query in queries), "typed without accents"


@pytest.mark.parametrize(("source", "query", "expected"), QUERIES, ids=[f"{q}" for _, q, _ in QUERIES])
def test_each_query_finds_its_page_in_the_top_three(tab, site_url, source, query, expected):
    results = _search(tab, site_url, query)
    top = [result["href"] for result in results[:TOP]]
    assert "/" + expected in top, f"{source} : « {query} » → {top}"


def test_a_plural_participle_finds_the_singular_of_a_title(tab, site_url):
    """« retenus » is not folded onto « retenu » by Pagefind's stemmer: the query is."""
    for query in ("candidats non retenus", "candidat non retenus", "non retenues"):
        results = _search(tab, site_url, query)
        assert results and results[0]["href"] == "/modeles/courrier-candidat-non-retenu/", (query, results[:3])


def test_long_pages_offer_their_passages_opening_at_the_anchor(tab, site_url):
    results = _search(tab, site_url, "pont inspection detaillee")
    guide = next(r for r in results if r["href"] == "/methodes/securiser-pont-communal/")
    passages = guide["passages"]
    assert 1 <= len(passages) <= 3
    for passage in passages:
        assert passage["href"].startswith("/methodes/securiser-pont-communal/#")
        assert passage["text"] != guide["title"]  # the page's title is the result itself
    # each passage opens the page at its heading, which exists in the page
    anchor = passages[0]["href"].split("#")[1]
    link = tab.locator(".mitkb-resultat__passages a").first
    assert link.get_attribute("href") == passages[0]["href"]
    # reachable with the keyboard: Tab from the result's title reaches the passage
    tab.locator(".mitkb-resultat__titre a[href='/methodes/securiser-pont-communal/']").focus()
    tab.keyboard.press("Tab")
    assert tab.evaluate("document.activeElement.getAttribute('href')") == passages[0]["href"]
    # announced: a list named by its heading and the page's title
    label_ids = tab.locator(".mitkb-resultat__passages").first.get_attribute("aria-labelledby").split()
    names = [tab.locator(f"#{i}").text_content() for i in label_ids]
    assert names[0] == "Dans cette page :" and names[1] == guide["title"]
    tab.keyboard.press("Enter")
    tab.wait_for_url(f"{site_url}/methodes/securiser-pont-communal/#{anchor}")
    heading = tab.locator(f"[id='{anchor}']")
    assert heading.evaluate("e => /^H[1-6]$/.test(e.tagName)")
    assert heading.is_visible()


def test_template_articles_are_passages(tab, site_url):
    results = _search(tab, site_url, "jugement des offres")
    rule = next(r for r in results if r["href"] == "/modeles/reglement-consultation-mapa-travaux/")
    assert any(p["href"].endswith("#article-6-jugement-des-offres") for p in rule["passages"]), rule["passages"]


def test_staff_pages_are_out_of_the_default_results_and_a_facet_brings_them_back(tab, site_url):
    query = "demande de fusion"  # words of the Contribuer page only
    assert all(r["href"] != "/contribuer/" for r in _search(tab, site_url, query))
    staff = _search(tab, site_url, query, type=STAFF_LABEL)
    assert staff and staff[0]["href"] == "/contribuer/"
    assert staff[0]["meta"].startswith(STAFF_LABEL)
    assert tab.get_by_label(STAFF_LABEL).is_checked()
    # an ordinary word the Contribuer page quotes reaches content first
    assert all(r["href"] != "/contribuer/" for r in _search(tab, site_url, "guide methodologique"))


def _next_steps(tab) -> list[dict]:
    if tab.locator("#mitkb-recherche-suite").is_hidden():
        return []
    return tab.eval_on_selector_all("#mitkb-recherche-suite li", """items => items.map(li => ({
        text: li.textContent, href: li.querySelector('a').getAttribute('href')}))""")


def test_a_typo_without_result_searches_the_closest_words(tab, site_url):
    results = _search(tab, site_url, "staion")
    status = tab.text_content("#mitkb-recherche-statut")
    assert "Aucun résultat pour « staion »" in status and "pour « station »" in status, status
    assert results[0]["href"] == "/methodes/suivre-station-epuration/"


def test_few_results_offer_a_suggestion_and_the_way_to_the_mit(tab, site_url):
    results = _search(tab, site_url, "ruisselement")  # one « l » missing
    assert 1 <= len(results) <= 3
    steps = _next_steps(tab)
    assert "Vouliez-vous dire « ruissellement » ?" in steps[0]["text"]
    assert parse_qs(urlsplit(steps[0]["href"]).query) == {"q": ["ruissellement"]}
    assert "Vouliez-vous dire « ruissellement » ?" in tab.text_content("#mitkb-recherche-statut")
    assert "sans réponse" in steps[-1]["text"] and steps[-1]["href"] in ("/contacts/", "/solliciter-la-mit/")


def test_a_procurement_question_with_few_results_offers_the_procedure_tool_and_the_glossary(tab, site_url):
    results = _search(tab, site_url, "allotissement")
    assert 1 <= len(results) <= 3
    hrefs = [step["href"] for step in _next_steps(tab)]
    assert hrefs[0] in ("/quelle-procedure/", "/methodes/choisir-procedure-marche/")
    assert hrefs[1] == "/glossaire/#allotissement"
    assert hrefs[-1] in ("/contacts/", "/solliciter-la-mit/")
    for href in hrefs:  # every link leads to a page of the site
        assert tab.request.get(site_url + href).ok, href
    tab.goto(site_url + hrefs[1])
    assert tab.locator("[id='allotissement']").is_visible()


def test_many_results_offer_no_next_step(tab, site_url):
    assert len(_search(tab, site_url, "marche")) > 3
    assert _next_steps(tab) == []


def test_an_ordinary_question_without_answer_does_not_offer_the_procedure_tool(tab, site_url):
    assert _search(tab, site_url, "zzzxqw") == []
    hrefs = [step["href"] for step in _next_steps(tab)]
    assert hrefs and hrefs[-1] in ("/contacts/", "/solliciter-la-mit/")
    assert "/glossaire/" not in hrefs and "/methodes/choisir-procedure-marche/" not in hrefs
    assert parse_qs(urlsplit(tab.url).query) == {"q": ["zzzxqw"]}


def test_question_words_are_ignored_and_three_words_at_most_are_searched(tab, site_url):
    """Each word searched fetches its part of the index: the first query stays in its budget."""
    results = _search(tab, site_url, "quelle procedure pour mon marche")
    assert "recherche sur" not in tab.text_content("#mitkb-recherche-statut")  # « procedure marche »
    assert "/methodes/choisir-procedure-marche/" in [r["href"] for r in results[:TOP]]
    results = _search(tab, site_url, "reglement consultation mapa travaux")
    assert "(recherche sur « reglement consultation mapa »)" in tab.text_content("#mitkb-recherche-statut")
    assert results[0]["href"] == "/modeles/reglement-consultation-mapa-travaux/"
