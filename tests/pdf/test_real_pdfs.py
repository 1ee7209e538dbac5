"""Every guide and workshop write-up of the real site has its PDF, readable and accessible."""

from __future__ import annotations

import datetime as dt
import html
import math
import re
import subprocess
import sys

import pytest

from mitkb.build import build_content
from mitkb.formatting import date_long
from mitkb.typography import french_text
from tests.conftest import ROOT, TEST_DATE

from .pdf_checks import normalize, read_pdf

BUILD_DAY = dt.date.fromisoformat(TEST_DATE)


@pytest.fixture(scope="module")
def content():
    return build_content(ROOT, BUILD_DAY, documents=False).site


def printed_items(content):
    yield from (("methodes", slug, guide.model, "ce guide") for slug, guide in content.guides.items())
    yield from (("ateliers", slug, item.model, "ce compte rendu") for slug, item in content.workshops.items())


def bare_host(url: str) -> str:
    """« https://example.fr » and « https://example.fr/ » are one address (Chromium writes the second)."""
    return url + "/" if re.fullmatch(r"https?://[^/?#]+", url) else url


def plain(markdown: str) -> str:
    """The words of a short Markdown title (no emphasis marks, French typography applied by the page)."""
    return normalize(re.sub(r"[*_`]", "", markdown))


def test_every_guide_and_write_up_has_an_accessible_pdf(require_browser, built_site, content):
    footer = f"Seuils en vigueur au {date_long(BUILD_DAY)}"
    checked = 0
    for kind, slug, model, what in printed_items(content):
        folder = built_site / kind / slug
        pdf_path = folder / f"{slug}.pdf"
        assert pdf_path.is_file(), pdf_path
        facts = read_pdf(pdf_path)
        where = f"{kind}/{slug}"
        assert facts.pages >= 1, where
        assert facts.tagged and facts.marked, f"{where} : PDF non balisé"
        assert facts.language == "fr", where
        title = french_text(model.title)  # the page's title, with French typography
        assert facts.title and facts.title.startswith(title), (where, facts.title)
        assert normalize(facts.xmp_title) == normalize(title), (where, facts.xmp_title)
        text = facts.text.replace("’", "'")
        assert plain(model.title).replace("’", "'") in text, where
        for step in getattr(model, "steps", []):
            assert plain(step.title).replace("’", "'") in text, (where, step.title)
        # Bookmarks: the headings, whole words even where a long heading wraps.
        bookmarks = [normalize(b).replace("’", "'") for b in facts.bookmarks]
        assert bookmarks[0] == plain(model.title).replace("’", "'"), (where, bookmarks[0])
        if kind == "methodes":
            assert {"Les étapes", "Votre contact"} <= set(bookmarks), (where, bookmarks)
            for number, step in enumerate(model.steps, start=1):
                assert f"{number}. {plain(step.title)}".replace("’", "'") in bookmarks, (where, step.title)
        # Each page's footer: the build date (thresholds in force that day), the address, page X / Y.
        for number, page_text in enumerate(facts.page_texts, start=1):
            assert footer in page_text, (where, number)
            assert f"/{kind}/{slug}/" in page_text, (where, number)
            assert f"page {number} / {facts.pages}" in page_text, (where, number)
        assert all(facts.fonts.values()) and facts.fonts, (where, facts.fonts)
        # The page links its PDF with its size.
        page = (folder / "index.html").read_text(encoding="utf-8")
        size = math.ceil(pdf_path.stat().st_size / 1000)
        assert f'<a href="{slug}.pdf" type="application/pdf" download>Télécharger {what} en PDF, {size}\u00a0Ko</a>' \
            in page, where
        checked += 1
    assert checked == len(content.guides) + len(content.workshops) > 5


def test_links_in_the_pdfs_are_public_addresses_never_local_files(require_browser, built_site, content):
    for kind, slug, _model, _what in printed_items(content):
        page = (built_site / kind / slug / "index.html").read_text(encoding="utf-8")
        article = page[page.index("<article"):page.index("</article>")]
        external = {bare_host(html.unescape(u)) for u in re.findall(r'href="(https?://[^"]+)"', article)}
        uris = {bare_host(u) for u in read_pdf(built_site / kind / slug / f"{slug}.pdf").link_uris}
        assert not [u for u in uris if u.startswith("file:")], f"{kind}/{slug}"
        assert external <= set(uris), (f"{kind}/{slug}", external - set(uris))


def test_every_pdf_passes_the_pdf_ua_checks_that_a_program_can_make(require_browser, built_site, content):
    """pdfua checks the machine-checkable subset of PDF/UA-1 (veraPDF installs from no package
    registry). Among them: every painted item is tagged content or an artifact."""
    pdfs = [str(built_site / kind / slug / f"{slug}.pdf") for kind, slug, _m, _w in printed_items(content)]
    result = subprocess.run([sys.executable, "-m", "pdfua", "check", "--min-severity", "error", *pdfs],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.count("checked against") == len(pdfs)
