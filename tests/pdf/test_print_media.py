"""Printing a page from the browser: the print stylesheet leaves the document, not the site."""

from __future__ import annotations

GUIDE = "/methodes/choisir-procedure-marche/"

VISIBLE = """(selector) => [...document.querySelectorAll(selector)].filter(element => {
  const box = element.getBoundingClientRect();
  return getComputedStyle(element).display !== 'none' && box.width > 0 && box.height > 0;
}).length"""


def test_printed_guide_has_its_content_and_no_navigation(require_browser, browser, site_url):
    page = browser.new_page()
    page.goto(site_url + GUIDE)
    page.emulate_media(media="screen")
    assert page.evaluate(VISIBLE, "nav, .md-header") > 0  # on screen, the site is there
    page.emulate_media(media="print")
    for hidden in ("nav", ".md-header", ".md-tabs", ".md-sidebar", ".md-footer", ".mitkb-entete-recherche",
                   ".mitkb-footer-links", ".headerlink", ".mitkb-pdf", "form", "input"):
        assert page.evaluate(VISIBLE, hidden) == 0, hidden
    for shown in ("h1", ".mitkb-meta", ".admonition.abstract", "h3#etape-1", ".mitkb-contact"):
        assert page.evaluate(VISIBLE, shown) >= 1, shown
    text = page.inner_text("article")
    assert "Les étapes" in text and "En bref" in text and "Votre contact" in text
    # A heading stays with its text; boxes are not cut; the page is A4.
    assert page.evaluate("getComputedStyle(document.querySelector('h3#etape-1')).breakAfter") == "avoid"
    assert page.evaluate("getComputedStyle(document.querySelector('.mitkb-contact')).breakInside") == "avoid"
    page.close()


def test_printed_links_to_other_sites_show_their_address(require_browser, browser, site_url):
    page = browser.new_page()
    page.goto(site_url + GUIDE)
    page.emulate_media(media="print")
    after = page.evaluate("""() => {
      const article = document.querySelector('article');
      const external = document.createElement('a');
      external.href = 'https://www.legifrance.gouv.fr/';
      external.textContent = 'Légifrance';
      const internal = article.querySelector('a[href^="../"]');
      article.append(external);
      return [getComputedStyle(external, '::after').content, getComputedStyle(internal, '::after').content];
    }""")
    assert after[0] == '" (" attr(href) ")"' or "https://www.legifrance.gouv.fr/" in after[0]
    assert after[1] in ("none", "normal", '""')
    page.close()
