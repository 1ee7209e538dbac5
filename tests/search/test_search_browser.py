"""The search in a real browser (headless Chromium) against the built site, served locally.

Each test also checks the network log of its pages: no request may leave the local
server (no font, script or index from a third-party host).
"""

from __future__ import annotations

from urllib.parse import parse_qs, quote, urlsplit

import pytest

# The local server (site_url) and the Chromium (browser) fixtures live in tests/conftest.py.
STATION_GUIDE = "Suivre le fonctionnement d’une station d’épuration"

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture
def tab(require_browser, browser, site_url):
    """A fresh page whose every request is recorded, checked for third-party hosts at the end."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="fr-FR")
    tab = context.new_page()
    requests: list[str] = []
    errors: list[str] = []
    tab.on("request", lambda request: requests.append(request.url))
    tab.on("pageerror", lambda error: errors.append(str(error)))
    yield tab
    context.close()
    assert requests, "no request recorded"
    foreign = [url for url in requests if not (url.startswith(site_url + "/") or url.startswith("data:"))]
    assert foreign == [], f"requests to other hosts: {foreign}"
    assert errors == [], f"JavaScript errors: {errors}"


def _results(tab) -> list[dict]:
    """Wait for the search to answer (the list stays aria-busy until all is shown for the
    query); the results as shown (title, kind line, excerpt, passages of the page)."""
    tab.wait_for_function(
        """() => {
            const status = document.getElementById('mitkb-recherche-statut').textContent;
            const list = document.getElementById('mitkb-recherche-liste');
            return !/^(Tapez|Recherche en cours)/.test(status) && !list.hasAttribute('aria-busy');
        }""",
        timeout=15000,
    )
    return tab.eval_on_selector_all(
        ".mitkb-resultat",
        """items => items.map(item => ({
            title: item.querySelector('.mitkb-resultat__titre').textContent.trim(),
            href: item.querySelector('.mitkb-resultat__titre a').getAttribute('href'),
            meta: (item.querySelector('.mitkb-resultat__meta') || {}).textContent || '',
            excerpt: (item.querySelector('.mitkb-resultat__extrait') || {}).innerHTML || '',
            passages: [...item.querySelectorAll('.mitkb-resultat__passages a')].map(a => ({
                text: a.textContent, href: a.getAttribute('href')})),
        }))""",
    )


def _search(tab, site_url: str, query: str, **filters: str) -> list[dict]:
    address = f"{site_url}/recherche/?q={quote(query)}"
    for name, value in filters.items():
        address += f"&{name}={quote(value)}"
    tab.goto(address)
    return _results(tab)


def _titles(results: list[dict]) -> list[str]:
    return [result["title"] for result in results]


def test_a_query_without_accents_finds_the_accented_page(tab, site_url):
    results = _search(tab, site_url, "station epuration")
    assert results[0]["title"] == STATION_GUIDE
    assert results[0]["meta"] == "Guide méthodologique — Eau et assainissement · Préservation de la ressource en eau"
    assert "<mark>" in results[0]["excerpt"]
    assert results[0]["href"] == "/methodes/suivre-station-epuration/"


def test_a_query_with_accents_and_french_stemming(tab, site_url):
    assert "Réhabiliter un bâtiment communal" in _titles(_search(tab, site_url, "réhabilitation"))
    assert "Surveiller et sécuriser un pont communal" in _titles(_search(tab, site_url, "ponts"))
    assert "Aménager un espace public" in _titles(_search(tab, site_url, "ecole"))


def test_an_acronym_finds_the_pages_written_with_its_long_form(tab, site_url):
    results = _search(tab, site_url, "STEP")
    assert results[0]["title"] == STATION_GUIDE
    assert "station" in results[0]["excerpt"].lower()


def test_a_long_form_finds_the_pages_written_with_the_acronym(tab, site_url):
    titles = _titles(_search(tab, site_url, "marché à procédure adaptée"))
    assert any(title.endswith("(MAPA)") or "(MAPA) " in title for title in titles)


def test_contacts_are_search_results(tab, site_url):
    results = _search(tab, site_url, "Caillet")
    assert results[0]["title"] == "Maxence Caillet"
    assert results[0]["meta"].startswith("Contact — Conseiller en montage de projet")
    assert results[0]["href"] == "/contacts/#maxence-caillet"
    tab.click(".mitkb-resultat a")
    tab.wait_for_url(f"{site_url}/contacts/#maxence-caillet")
    assert tab.locator("#maxence-caillet").is_visible()


def test_a_facet_narrows_the_results_and_combines_with_the_query(tab, site_url):
    # « travaux » finds guides and templates alike (« marché » now finds mostly templates).
    everything = _search(tab, site_url, "travaux")
    assert {r["meta"].split(" — ")[0] for r in everything} > {"Modèle de document"}
    tab.get_by_label("Modèle de document").check()
    tab.wait_for_function("() => location.search.includes('type=')")
    tab.wait_for_function(
        "() => [...document.querySelectorAll('.mitkb-resultat__meta')].every(m => m.textContent.startsWith('Modèle'))")
    narrowed = _results(tab)
    assert narrowed and all(r["meta"].startswith("Modèle de document") for r in narrowed)
    assert parse_qs(urlsplit(tab.url).query) == {"q": ["travaux"], "type": ["Modèle de document"]}
    counts = tab.locator("label[for='mitkb-f-type-1'] .mitkb-facette__nombre").text_content()
    assert counts.strip().startswith("(") and counts.strip() != "(0)"


def test_facets_alone_browse_the_content(tab, site_url):
    results = _search(tab, site_url, "", procedure="Marché à procédure adaptée (MAPA)", type="Modèle de document")
    assert results
    assert all("Marché à procédure adaptée (MAPA)" in r["meta"] for r in results)
    assert tab.get_by_label("Marché à procédure adaptée (MAPA)").is_checked()


def test_a_shared_address_shows_the_results_and_follows_the_typing(tab, site_url):
    results = _search(tab, site_url, "voirie")
    assert "Aménager une traverse d’agglomération" in _titles(results)
    assert tab.input_value("#mitkb-recherche-q") == "voirie"
    assert tab.input_value("#mitkb-entete-q") == "voirie"
    tab.fill("#mitkb-recherche-q", "DT-DICT")
    tab.wait_for_function("() => new URLSearchParams(location.search).get('q') === 'DT-DICT'")
    tab.wait_for_function("() => /DT-DICT/.test(document.getElementById('mitkb-recherche-statut').textContent)")
    assert "Aménager un espace public" in _titles(_results(tab))


def test_no_result_says_so_and_hides_the_more_button(tab, site_url):
    assert _search(tab, site_url, "zzzxqw") == []
    assert "Aucun résultat pour « zzzxqw »" in tab.text_content("#mitkb-recherche-statut")
    assert tab.locator("#mitkb-recherche-plus").is_hidden()


def test_the_header_search_of_any_page_leads_to_the_results(tab, site_url):
    tab.goto(f"{site_url}/methodes/securiser-pont-communal/")
    tab.fill("#mitkb-entete-q", "épuration")
    tab.press("#mitkb-entete-q", "Enter")
    tab.wait_for_url(f"{site_url}/recherche/?q=*")
    assert parse_qs(urlsplit(tab.url).query) == {"q": ["épuration"]}
    assert STATION_GUIDE in _titles(_results(tab))


def test_the_header_search_on_a_phone_is_a_button_to_the_search_page(require_browser, browser, site_url):
    context = browser.new_context(viewport={"width": 390, "height": 800}, is_mobile=True, has_touch=True)
    tab = context.new_page()
    requests: list[str] = []
    tab.on("request", lambda request: requests.append(request.url))
    tab.goto(f"{site_url}/glossaire/")
    assert tab.locator("#mitkb-entete-q").is_hidden()
    tab.get_by_role("button", name="Rechercher").click()
    tab.wait_for_url(f"{site_url}/recherche/?q=")
    assert tab.evaluate("document.activeElement.id") == "mitkb-recherche-q"
    context.close()
    assert [url for url in requests if not url.startswith(site_url + "/")] == []


def test_acronyms_are_explained_on_keyboard_focus(tab, site_url):
    tab.goto(f"{site_url}/methodes/suivre-station-epuration/")
    abbr = tab.locator("article abbr[tabindex='0']").first
    assert abbr.get_attribute("title") == "Mission Ingénierie des Territoires"
    for _ in range(60):  # Tab from the top of the page until the abbreviation has the focus
        tab.keyboard.press("Tab")
        if tab.evaluate("document.activeElement.tagName") == "ABBR":
            break
    assert tab.evaluate("document.activeElement.textContent") == "MIT"
    # the tooltip of the element focused just before may still be fading out: wait for this one
    tooltip = tab.locator("[role=tooltip].md-tooltip2--active", has_text="Mission Ingénierie des Territoires")
    tooltip.wait_for()
    assert tooltip.is_visible()


def test_a_first_search_fetches_only_what_the_query_needs_compressed(require_browser, browser, site_url):
    """What keeps a first search small at 1,000 guides (benchmarks/RESULTS.md): no filter index
    before the facets are used but the tiny one of the staff pages, no web worker, the index chunks of the query's words only,
    the excerpts of the results shown only, and text sent compressed as a host sends it."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    responses = []
    tab.on("response", lambda response: responses.append(response))
    tab.goto(f"{site_url}/recherche/?q={quote('station épuration')}")
    shown = _results(tab)
    tab.wait_for_timeout(300)
    fetched = [urlsplit(r.url).path for r in responses]
    filter_sizes = [len(r.body()) for r in responses if urlsplit(r.url).path.startswith("/pagefind/filter/")]
    context.close()
    bundle = [path for path in fetched if path.startswith("/pagefind/")]
    # only the filter of the staff pages (left out of the results), a few bytes at any size of site
    assert len(filter_sizes) <= 1 and all(size < 200 for size in filter_sizes), filter_sizes
    assert "/pagefind/pagefind-worker.js" not in bundle
    chunks = [path for path in bundle if path.startswith("/pagefind/index/")]
    assert 1 <= len(chunks) <= 2, chunks  # one per word at most
    fragments = [path for path in bundle if path.startswith("/pagefind/fragment/")]
    assert 1 <= len(fragments) <= len(shown) + 1
    encodings = {urlsplit(r.url).path: r.headers.get("content-encoding") for r in responses}
    assert encodings["/recherche/"] == "gzip" and encodings["/pagefind/pagefind.js"] == "gzip"
