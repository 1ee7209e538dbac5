"""axe-core finds no WCAG 2.1 A/AA violation on any page kind, light and dark, desktop and phone.

Headless Chromium loads each page from the built site served locally; axe-core (bundled by
axe-playwright-python) is injected into the page. The dark scheme comes from the emulated
prefers-color-scheme: each test checks that Material really renders its "slate" scheme.
"""

from __future__ import annotations

import pytest

from .pages import DEVICES, PAGE_KINDS, SCHEMES, axe_violations, new_context, open_page

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture(scope="module")
def tabs(browser):
    """One reusable page per (device, scheme), opened on first use."""
    opened: dict[tuple[str, str], object] = {}

    def get(device: str, scheme: str):
        if (device, scheme) not in opened:
            opened[device, scheme] = new_context(browser, device, scheme).new_page()
        return opened[device, scheme]

    yield get
    for tab in opened.values():
        tab.context.close()


def _rendered_scheme(tab) -> dict:
    return tab.evaluate("""() => {
        const [r, g, b] = getComputedStyle(document.body).backgroundColor.match(/\\d+/g).map(Number);
        return {scheme: document.body.getAttribute('data-md-color-scheme'),
                dark: matchMedia('(prefers-color-scheme: dark)').matches,
                background_luminance: (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255};
    }""")


@pytest.mark.parametrize("kind", PAGE_KINDS)
@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("device", DEVICES)
def test_no_wcag_violation(require_browser, tabs, site_url, device, scheme, kind):
    tab = tabs(device, scheme)
    open_page(tab, site_url, PAGE_KINDS[kind])
    rendered = _rendered_scheme(tab)
    expected_scheme = SCHEMES[scheme][1]
    assert rendered["scheme"] == expected_scheme
    assert rendered["dark"] == (scheme == "sombre")
    if scheme == "sombre":
        assert rendered["background_luminance"] < 0.25, rendered
    else:
        assert rendered["background_luminance"] > 0.9, rendered
    violations = axe_violations(tab)
    assert violations == [], "\n".join(violations)


def test_axe_does_report_a_contrast_failure(require_browser, tabs, site_url):
    """The gate can fail: grey-on-grey text added to a page is reported."""
    tab = tabs("ordinateur", "clair")
    open_page(tab, site_url, PAGE_KINDS["guide"])
    tab.evaluate("""() => {
        const p = document.createElement('p');
        p.textContent = 'Texte illisible';
        p.style.color = '#aaaaaa';
        document.querySelector('article').append(p);
    }""")
    violations = axe_violations(tab)
    assert any(line.startswith("color-contrast") for line in violations), violations


@pytest.mark.parametrize("scheme", SCHEMES)
def test_no_wcag_violation_in_the_open_phone_menu(require_browser, tabs, site_url, scheme):
    tab = tabs("telephone", scheme)
    open_page(tab, site_url, PAGE_KINDS["guide"])
    tab.click("label.md-header__button[for='__drawer']")
    # Wait until the drawer has slid fully into view (colours are measured on what is shown).
    tab.wait_for_function(
        "document.querySelector('.md-sidebar--primary').getBoundingClientRect().left >= 0")
    tab.wait_for_function("getComputedStyle(document.querySelector('.md-sidebar--primary')).visibility === 'visible'")
    violations = axe_violations(tab)
    tab.evaluate("document.getElementById('__drawer').checked = false")  # closed for the next test
    assert violations == [], "\n".join(violations)
