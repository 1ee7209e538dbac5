"""The tool in Chromium against the built site: every case of the table through its address,
amounts typed as users type them, the address kept in sync, keyboard only, the live region,
the page without JavaScript, accessibility of its states and no request to another host.

The page at its plain address is also in tests/a11y/pages.py (axe in both schemes and both
viewports, no third-party request) with the same machinery as every other page.
"""

from __future__ import annotations

import datetime as dt
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest

from mitkb.procedure import decide, parse_amount

from ..a11y.pages import DEVICES, SCHEMES, axe_violations, new_context
from ..a11y.test_keyboard import _assert_focus_visible, _tab_to
from .cases import AMOUNTS, CASES

pytestmark = [pytest.mark.browser, pytest.mark.slow]
PAGE = "/quelle-procedure/"


@pytest.fixture(scope="module")
def recorded(browser):
    """One desktop page for the module, with its requests and JavaScript errors."""
    context = new_context(browser, "ordinateur", "clair")
    requests: list[str] = []
    errors: list[str] = []
    context.on("request", lambda request: requests.append(request.url))
    tab = context.new_page()
    tab.on("pageerror", lambda error: errors.append(str(error)))
    yield tab, requests, errors
    context.close()


@pytest.fixture
def tab(require_browser, recorded, site_url):
    page, requests, errors = recorded
    requests.clear()
    yield page
    foreign = [url for url in requests if not url.startswith((site_url + "/", "data:", "blob:"))]
    assert foreign == [], f"requests to other hosts: {foreign}"
    assert errors == [], f"JavaScript errors: {errors}"


def _open(tab, site_url: str, query: dict | None = None) -> None:
    tab.goto(site_url + PAGE + (f"?{urlencode(query)}" if query else ""))
    tab.wait_for_function("document.getElementById('mitkb-procedure').dataset.pret === 'oui'")


def _verdict(tab) -> dict:
    return tab.evaluate("""() => {
        const verdict = document.getElementById('mitkb-procedure-verdict');
        return {procedure: verdict ? (verdict.dataset.procedure || null) : 'absent',
                status: document.getElementById('mitkb-procedure-statut').textContent};
    }""")


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_every_case_of_the_table_through_the_address(tab, site_url, real_site, case):
    query = {"nature": case.nature, "montant": case.amount, "date": case.day}
    if case.case:
        query["cas"] = case.case
    if case.lot:
        query["lot"] = case.lot
    _open(tab, site_url, query)
    shown = _verdict(tab)
    assert shown["procedure"] == case.procedure, shown
    if case.procedure is None:
        assert "Pas de données pour cette date" in shown["status"]
        return
    # The rule named is the one the Python decision names, for the same question.
    expected = decide(real_site.thresholds, real_site.procedure_rules, case.nature, parse_amount(case.amount),
                      dt.date.fromisoformat(case.day), case.case, parse_amount(case.lot) if case.lot else None)
    assert shown["status"].startswith(expected.verdict.rule.title + " — "), shown


@pytest.mark.parametrize("typed, expected", AMOUNTS)
def test_amounts_typed_as_french_users_type_them(tab, site_url, typed, expected):
    _open(tab, site_url, {"nature": "fournitures", "date": "2026-05-01"})
    tab.fill("#mp-montant", typed)
    if expected is None:
        if typed.strip():
            assert tab.is_visible("#mp-montant-erreur")
            assert tab.get_attribute("#mp-montant", "aria-invalid") == "true"
        assert not tab.query_selector("#mitkb-procedure-verdict")
        assert "montant" not in parse_qs(urlsplit(tab.url).query)
    else:
        assert not tab.is_visible("#mp-montant-erreur")
        assert parse_qs(urlsplit(tab.url).query)["montant"] == [expected]
        assert tab.query_selector("#mitkb-procedure-verdict")


def test_keyboard_only_the_address_follows_without_history_entries(tab, site_url):
    _open(tab, site_url)
    entries = tab.evaluate("history.length")
    _tab_to(tab, "el.id === 'mp-nature-travaux'")
    _assert_focus_visible(tab)
    tab.keyboard.press("Space")
    _tab_to(tab, "el.id === 'mp-montant'")
    _assert_focus_visible(tab)
    tab.keyboard.type("120 000")
    tab.keyboard.press("Tab")
    assert tab.evaluate("document.activeElement.id") == "mp-date"
    _assert_focus_visible(tab)
    tab.keyboard.type("01052026")  # jj/mm/aaaa, as a French user types a date
    if tab.evaluate("document.getElementById('mp-date').value") == "2026-01-05":
        # The date field follows the browser's own language (mm/dd/yyyy here): back to its first part.
        tab.keyboard.press("Shift+Tab")
        tab.keyboard.press("Shift+Tab")
        tab.keyboard.type("05012026")
    tab.wait_for_function("document.getElementById('mp-date').value === '2026-05-01'")
    assert parse_qs(urlsplit(tab.url).query) == {"nature": ["travaux"], "montant": ["120000"], "date": ["2026-05-01"]}
    assert _verdict(tab)["procedure"] == "mapa"
    # The special case, with the arrow keys of a radio group; the lot field appears.
    for _ in range(10):  # back up to the group of special cases
        tab.keyboard.press("Shift+Tab")
        if tab.evaluate("document.activeElement.name") == "cas":
            break
    _assert_focus_visible(tab)
    tab.keyboard.press("ArrowDown")
    tab.keyboard.press("ArrowDown")
    tab.keyboard.press("ArrowDown")
    assert tab.evaluate("document.activeElement.id") == "mp-cas-petit-lot"
    assert tab.is_visible("#mp-lot")
    assert tab.evaluate("history.length") == entries
    # The submit button works from the keyboard too and keeps the answer.
    _tab_to(tab, "el.type === 'submit'")
    _assert_focus_visible(tab)
    tab.keyboard.press("Enter")
    assert urlsplit(tab.url).path == PAGE and tab.evaluate("history.length") == entries


def test_the_answer_is_announced_in_a_live_region(tab, site_url):
    _open(tab, site_url, {"nature": "travaux", "montant": "120000", "date": "2026-05-01"})
    region = tab.evaluate("""() => {
        const status = document.getElementById('mitkb-procedure-statut');
        return {role: status.getAttribute('role'), verdict_inside: !!status.querySelector('#mitkb-procedure-verdict'),
                details_outside: !status.contains(document.getElementById('mitkb-procedure-detail'))};
    }""")
    assert region == {"role": "status", "verdict_inside": True, "details_outside": True}
    tab.evaluate("""() => {
        window.announced = [];
        new MutationObserver(() => window.announced.push(document.getElementById('mitkb-procedure-statut').textContent))
            .observe(document.getElementById('mitkb-procedure-statut'), {childList: true, subtree: true, characterData: true});
    }""")
    tab.fill("#mp-montant", "6 000 000")
    tab.wait_for_function("window.announced.some(text => text.startsWith('Procédure formalisée'))")
    assert _verdict(tab)["procedure"] == "formalisee"
    tab.fill("#mp-montant", "beaucoup")
    tab.wait_for_function("window.announced.some(text => text.startsWith('Montant non compris'))")


def test_the_answer_shows_articles_amounts_with_their_periods_documents_and_guides(tab, site_url):
    _open(tab, site_url, {"nature": "services", "montant": "300000", "date": "2026-09-01"})
    detail = tab.inner_text("#mitkb-procedure-detail")
    for text in ("Procédure", "Publicité", "Délai de suspension", "Critères de choix de l'offre", "Documents",
                 "Guides utiles", "R2124-1", "R2131-16", "R2182-1", "R2152-7",
                 "à partir de 216 000 € HT depuis le 1er janvier 2026, jusqu'au 31 décembre 2027",
                 "Formulaires officiels"):
        assert text in detail.replace("\u00a0", " "), text
    links = tab.eval_on_selector_all("#mitkb-procedure-detail a", "links => links.map(a => a.href)")
    assert any(link.startswith("https://www.legifrance.gouv.fr/") for link in links)
    assert any(link == site_url + "/formulaires-officiels/" for link in links)


def test_without_javascript_the_table_answers(require_browser, browser, site_url):
    context = browser.new_context(java_script_enabled=False, locale="fr-FR")
    page = context.new_page()
    page.goto(site_url + PAGE)
    assert not page.is_visible("#mitkb-procedure-formulaire")
    assert page.locator("table span[data-procedure='dispense']").first.is_visible()
    assert page.is_visible("summary:has-text('Comment estimer le montant')")
    context.close()


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("device", DEVICES)
def test_no_wcag_violation_in_the_states_of_the_form(require_browser, browser, site_url, device, scheme):
    """A small lot (extra field shown, rules with many parts) and an amount refused (error shown)."""
    context = new_context(browser, device, scheme)
    page = context.new_page()
    _open(page, site_url, {"nature": "travaux", "cas": "petit-lot", "montant": "6 000 000", "lot": "150 000",
                           "date": "2026-05-01"})
    page.click("summary")
    assert axe_violations(page) == []
    page.fill("#mp-montant", "n'importe quoi")
    page.wait_for_selector("#mp-montant-erreur:not([hidden])")
    assert axe_violations(page) == []
    context.close()
