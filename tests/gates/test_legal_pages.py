"""Pages a public body's site must have, reachable from every page."""

from __future__ import annotations

import posixpath
import re
from pathlib import Path


def test_every_page_links_to_the_legal_pages(built_site: Path):
    pages = [p for p in built_site.rglob("*.html") if p.parent.name not in ("pagefind",)]
    assert len(pages) > 20
    for page in pages:
        html = page.read_text(encoding="utf-8")
        footer = html[html.index('class="mitkb-footer-links"'):]
        link = re.search(r'<a href="([^"]*)">Accessibilité\u00a0: non conforme</a>', footer)  # French typography
        assert link, page
        here = page.parent.relative_to(built_site).as_posix()
        assert posixpath.normpath(posixpath.join(here, link.group(1))).lstrip("/") == "accessibilite", page
        assert "Mentions légales</a>" in footer and "Données personnelles</a>" in footer, page


def test_accessibility_statement_is_honest(built_site: Path):
    html = (built_site / "accessibilite/index.html").read_text(encoding="utf-8")
    assert "<strong>non conforme</strong>" in html
    assert "aucun audit de conformité n’a encore été réalisé" in html
    assert "RGAA" in html and "Défenseur des droits" in html
    assert (built_site / "mentions-legales/index.html").is_file()
    privacy = (built_site / "donnees-personnelles/index.html").read_text(encoding="utf-8")
    assert "aucun cookie" in privacy


def test_no_page_sets_a_cookie_or_loads_analytics(built_site: Path):
    for page in built_site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert "document.cookie" not in html
        assert not re.search(r"google-analytics|googletagmanager|matomo|plausible", html, re.I)
