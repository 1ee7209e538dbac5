"""A catalogue whose listings are split into group pages, and paginated, builds strictly,
links included."""

from __future__ import annotations

from mitkb import pages as pages_module
from mitkb.adapters.mkdocs_build import build_site
from mitkb.linkcheck import check_links

SECOND_WORKSHOP = """titre: Deuxième atelier du réseau
date: 2025-03
themes: [commande-publique]
resume: Un atelier d'une autre année.
enseignements:
  - Les achats groupés intéressent les communes.
suites:
  - Un prochain atelier.
"""


def test_split_listings_build_and_link(tiny_site, monkeypatch):
    (tiny_site / "guides" / "ateliers" / "atelier-suivant.yml").write_text(SECOND_WORKSHOP, encoding="utf-8")
    monkeypatch.setattr(pages_module, "LISTING_LIMIT", 1)  # one entry a page
    monkeypatch.setenv("MITKB_INDEX_SEARCH", "0")

    site = build_site(tiny_site / "mkdocs.yml", tiny_site / "site", strict=True)

    for year in ("2024", "2025"):
        page = (site / "ateliers" / "annee" / year / "index.html").read_text(encoding="utf-8")
        assert f"ateliers de {year}" in page
    listing = (site / "ateliers" / "index.html").read_text(encoding="utf-8")
    assert 'href="annee/2025/"' in listing and 'href="annee/2024/"' in listing
    assert listing.index("2025") < listing.index("2024"), "the most recent year first"
    theme_pages = sorted((site / "themes" / "commande-publique").rglob("index.html"))
    assert len(theme_pages) >= 3, "a theme with several items spreads over several pages"
    second = (site / "themes" / "commande-publique" / "2" / "index.html").read_text(encoding="utf-8")
    assert "(page 2 sur" in second and 'class="mitkb-pages"' in second
    assert check_links(site).broken == []
