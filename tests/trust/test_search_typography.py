"""Pagefind still finds the pages after French typography: a reader types ' or ’, an
ordinary or a no-break space, and gets the same results (headless Chromium, built site)."""

from __future__ import annotations

import pytest

from ..search.test_search_browser import _search  # waits for the results, as the search tests do

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture
def tab(require_browser, browser, site_url):
    context = browser.new_context(locale="fr-FR")
    yield context.new_page()
    context.close()


def _titles(tab, site_url: str, query: str) -> list[str]:
    return [result["title"] for result in _search(tab, site_url, query)]


@pytest.mark.parametrize(("typed", "other"), [
    ("l'érosion", "l’érosion"),
    ("station d'épuration", "station d’épuration"),
    ("100 000", "100\u00a0000"),
    ("100 000", "100\u202f000"),
])
def test_both_apostrophes_and_both_spaces_find_the_same_pages(tab, site_url, typed, other):
    found = _titles(tab, site_url, typed)
    assert found, typed
    assert _titles(tab, site_url, other)[:3] == found[:3]


def test_the_typographic_apostrophe_in_a_page_is_found_with_the_typed_one(tab, site_url):
    assert _titles(tab, site_url, "l'érosion")[0] == "Prévenir l’érosion des sols et le ruissellement"
