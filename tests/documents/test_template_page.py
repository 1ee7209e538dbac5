"""The template page at the build date: thresholds in force, downloads."""

from __future__ import annotations

import datetime as dt

import pytest

from mitkb.pages import PageRenderer

from .conftest import load_real_site

NBSP = "\u00a0"
SUPPLIES = "Marché de fournitures et services sans publicité ni mise en concurrence préalables : en dessous de "


@pytest.mark.parametrize(
    "date, amount, since",
    [
        ("2026-03-31", f"40{NBSP}000{NBSP}€{NBSP}HT", "depuis le 1er janvier 2020, jusqu'au 31 mars 2026"),
        ("2026-04-01", f"60{NBSP}000{NBSP}€{NBSP}HT", "depuis le 1er avril 2026"),
    ],
)
def test_threshold_wording_on_the_template_page(monkeypatch, date, amount, since):
    monkeypatch.setenv("MITKB_DATE", date)
    today = dt.date.fromisoformat(date)
    site = load_real_site(today)
    page = PageRenderer(site, today).template(site.templates["lettre-consultation-sans-publicite"])
    assert f"**Seuils applicables au {'31 mars 2026' if date.endswith('31') else '1er avril 2026'}**" in page
    assert f"- {SUPPLIES}{amount} {since}" in page
    assert f"ou en dessous de {amount} pour des fournitures et des services" in page  # the « Quand l'utiliser ? » text
    other = f"{'60' if amount.startswith('40') else '40'}{NBSP}000{NBSP}€{NBSP}HT pour des fournitures"
    assert other not in page


def test_without_documents_the_page_has_no_download_block():
    site = load_real_site()
    page = PageRenderer(site, dt.date(2026, 11, 27)).template(site.templates["decision-attribution"])
    assert "Télécharger" not in page


def test_built_site_publishes_the_documents_linked_from_template_pages(built_site):
    site = load_real_site()
    for slug in site.templates:
        html = (built_site / "modeles" / slug / "index.html").read_text(encoding="utf-8")
        for kind, name in (("docx", "Word"), ("odt", "OpenDocument")):
            published = built_site / "telechargements" / f"{slug}.{kind}"
            assert published.is_file()
            kilobytes = -(-published.stat().st_size // 1000)
            link = f'<a href="../../telechargements/{slug}.{kind}">{name} (.{kind}), {kilobytes}{NBSP}Ko</a>'
            assert link in html.replace("&nbsp;", NBSP), slug
