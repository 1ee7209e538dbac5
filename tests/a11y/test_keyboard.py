"""Keyboard alone: skip link, header search, a download, a search facet, the colour scheme
toggle and the phone menu; and a walk through every focus stop of a page.

Each path starts from a fresh page and uses only Tab, Enter, Space and typing; the stops
on the way must show a focus ring (a solid outline of 2 px or more, or a box shadow) and
be on screen, not hidden behind the header or in the closed phone menu.
"""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

from .pages import PAGE_KINDS, new_context, open_page

pytestmark = [pytest.mark.browser, pytest.mark.slow]

MAX_TABS = 80  # far more than any path below needs: the loops end on the first match
FOCUS_RING = """() => {
    const element = document.activeElement;
    // A visually hidden control (palette radio button) shows its focus on the label after it.
    const shown = element.matches('.md-option') ? element.nextElementSibling : element;
    const style = getComputedStyle(shown);
    const box = shown.getBoundingClientRect();
    const [x, y] = [box.left + box.width / 2, box.top + box.height / 2];
    // Its centre is on screen and not covered by something else (the sticky header…).
    const on_top = document.elementFromPoint(x, y);
    return {outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2,
            shadow: style.boxShadow !== 'none',
            in_viewport: box.width > 0 && box.height > 0 && x >= 0 && y >= 0 && x <= innerWidth && y <= innerHeight
                         && !!on_top && (shown.contains(on_top) || on_top.contains(shown))};
}"""


@pytest.fixture
def tab(request, require_browser, browser, site_url):
    """A fresh page on a desktop (or the device given by indirect parametrization)."""
    context = new_context(browser, getattr(request, "param", "ordinateur"), "clair")
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    context.close()
    assert errors == [], f"JavaScript errors: {errors}"


def _tab_to(tab, condition: str) -> int:
    """Press Tab until the focused element satisfies the JS condition (on `el`); the number of presses."""
    for presses in range(1, MAX_TABS + 1):
        tab.keyboard.press("Tab")
        if tab.evaluate(f"(() => {{ const el = document.activeElement; return !!({condition}); }})()"):
            return presses
    raise AssertionError(f"no element matching {condition!r} within {MAX_TABS} Tab presses")


def _assert_focus_visible(tab) -> None:
    ring = tab.evaluate(FOCUS_RING)
    assert ring["outline"] or ring["shadow"], ring
    assert ring["in_viewport"], ring


@pytest.mark.parametrize("kind", ["guide", "404"])
def test_the_skip_link_comes_first_shows_and_leads_to_the_content(tab, site_url, kind):
    open_page(tab, site_url, PAGE_KINDS[kind])
    assert _tab_to(tab, "el.matches('a.md-skip')") == 1
    assert tab.evaluate("document.activeElement.textContent.trim()") == "Aller au contenu"
    tab.wait_for_function("getComputedStyle(document.activeElement).opacity === '1'")
    _assert_focus_visible(tab)
    target = tab.evaluate("document.activeElement.getAttribute('href')")
    tab.keyboard.press("Enter")
    tab.wait_for_function(f"location.hash === {target!r}")
    # The next Tab continues from the main heading: inside the content, past header and menu.
    tab.keyboard.press("Tab")
    assert tab.evaluate("!!document.activeElement.closest('.md-content')"), \
        tab.evaluate("document.activeElement.outerHTML.slice(0, 200)")


def test_the_header_search_leads_to_the_results(tab, site_url):
    open_page(tab, site_url, PAGE_KINDS["guide"])
    _tab_to(tab, "el.id === 'mitkb-entete-q'")
    _assert_focus_visible(tab)
    tab.keyboard.type("épuration")
    tab.keyboard.press("Enter")
    tab.wait_for_url(f"{site_url}/recherche/?q=*")
    assert parse_qs(urlsplit(tab.url).query) == {"q": ["épuration"]}
    tab.wait_for_selector(".mitkb-resultat")
    titles = tab.locator(".mitkb-resultat__titre").all_text_contents()
    assert any("station d’épuration" in title for title in titles), titles


def test_a_download_link_is_reachable_visible_and_downloads(tab, site_url):
    open_page(tab, site_url, PAGE_KINDS["modele"])
    _tab_to(tab, "(el.getAttribute('href') || '').endsWith('.docx')")
    _assert_focus_visible(tab)
    assert "Word (.docx)" in tab.evaluate("document.activeElement.textContent")
    with tab.expect_download() as download:
        tab.keyboard.press("Enter")
    assert download.value.suggested_filename == "decision-attribution.docx"
    assert download.value.failure() is None


def test_a_search_facet_is_operable_with_the_keyboard(tab, site_url):
    open_page(tab, site_url, "/recherche/?q=march%C3%A9")
    _tab_to(tab, "el.type === 'checkbox' && el.labels.length"
                 " && el.labels[0].textContent.startsWith('Modèle de document')")
    _assert_focus_visible(tab)
    tab.keyboard.press("Space")
    tab.wait_for_function("() => new URLSearchParams(location.search).get('type') === 'Modèle de document'")
    tab.wait_for_function("""() => {
        const kinds = [...document.querySelectorAll('.mitkb-resultat__meta')].map(m => m.textContent);
        return kinds.length > 0 && kinds.every(kind => kind.startsWith('Modèle de document'));
    }""")
    assert tab.evaluate("document.activeElement.checked") is True  # the focus stays on the facet
    tab.keyboard.press("Space")
    tab.wait_for_function("() => !new URLSearchParams(location.search).has('type')")


def test_the_colour_scheme_toggle_is_operable_with_the_keyboard(tab, site_url):
    open_page(tab, site_url, PAGE_KINDS["accueil"])
    _tab_to(tab, "el.matches('.md-option') && el.nextElementSibling && !el.nextElementSibling.hidden")
    _assert_focus_visible(tab)
    assert tab.evaluate("document.activeElement.getAttribute('aria-label')") == "Passer en mode sombre"
    tab.keyboard.press("Enter")  # Material's palette answers Enter (and the arrow keys, as radio buttons)
    tab.wait_for_function("document.body.getAttribute('data-md-color-scheme') === 'slate'")
    assert tab.evaluate("document.activeElement.getAttribute('aria-label')") == "Passer en mode clair"
    _assert_focus_visible(tab)


@pytest.mark.parametrize("tab", ["ordinateur", "telephone"], indirect=True)
def test_every_focus_stop_of_a_page_is_visible(tab, site_url):
    """Tab through a whole template page: no stop is hidden, off-screen or without a focus ring."""
    open_page(tab, site_url, PAGE_KINDS["modele"])
    stops = 0
    while stops < 150:
        tab.keyboard.press("Tab")
        if tab.evaluate("document.activeElement === document.body || !document.activeElement") or (
                stops and tab.evaluate("document.activeElement.matches('a.md-skip')")):
            break  # back to the start: the whole page has been walked through
        stops += 1
        described = tab.evaluate("document.activeElement.outerHTML.slice(0, 160)")
        ring = tab.evaluate(FOCUS_RING)
        assert ring["in_viewport"], (stops, described)
        assert ring["outline"] or ring["shadow"], (stops, described, ring)
    assert 20 < stops < 150


@pytest.mark.parametrize("tab", ["telephone"], indirect=True)
def test_on_a_phone_the_menu_opens_with_the_keyboard(tab, site_url):
    open_page(tab, site_url, PAGE_KINDS["guide"])
    assert _tab_to(tab, "el.matches('label[for=__drawer]')") == 2  # right after the skip link
    _assert_focus_visible(tab)
    assert tab.evaluate("document.activeElement.textContent.trim()") == "Menu"
    tab.keyboard.press("Enter")
    tab.wait_for_function("document.getElementById('__drawer').checked")
    _tab_to(tab, "el.matches('.md-nav__link') && el.textContent.trim() === 'Glossaire'")
    tab.wait_for_function(
        "(() => { const b = document.activeElement.getBoundingClientRect(); return b.left >= 0 && b.right <= innerWidth; })()")
    _assert_focus_visible(tab)
    tab.keyboard.press("Enter")
    tab.wait_for_url(f"{site_url}/glossaire/")
