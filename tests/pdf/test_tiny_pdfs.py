"""End to end with Chromium on the tiny project: links, footer, warm rebuild, same bytes."""

from __future__ import annotations

import html
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from mitkb.pdf.publish import CACHE_DIR

from .pdf_checks import read_pdf

SITE_URL = "https://exemple.fr/base/"
GUIDE = "methodes/suivre-step/suivre-step.pdf"
WORKSHOP = "ateliers/atelier-lancement/atelier-lancement.pdf"


def build(project: Path, destination: str, date: str = "2026-12-05") -> str:
    env = dict(os.environ, MITKB_DATE=date, MITKB_PDF="1", MITKB_SITE_URL=SITE_URL, NO_MKDOCS_2_WARNING="1")
    result = subprocess.run([sys.executable, "-m", "mitkb.cli", "--racine", str(project), "build", destination],
                            capture_output=True, text=True, env=env, cwd=project)
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stderr


def test_pdfs_are_cached_deterministic_and_link_to_the_public_site(require_browser, tiny_site):
    log = build(tiny_site, "un")
    assert "PDF des guides et comptes rendus : 2 imprimés, 0 repris du cache" in log
    guide = read_pdf(tiny_site / "un" / GUIDE)
    assert guide.tagged and guide.marked and guide.language == "fr"
    assert "Seuils en vigueur au 5 décembre 2026 · https://exemple.fr/base/methodes/suivre-step/" in guide.text
    assert f"{SITE_URL}modeles/lettre-consultation/" in guide.link_uris
    assert not [u for u in guide.link_uris if not u.startswith("https://")]
    # Each link is described by its text (PDF/UA-1 7.18.5), for screen readers.
    page = (tiny_site / "un/methodes/suivre-step/index.html").read_text(encoding="utf-8")
    text = re.search(r'<a href="\.\./\.\./modeles/lettre-consultation/">([^<]+)</a>', page)[1]
    assert guide.link_descriptions[f"{SITE_URL}modeles/lettre-consultation/"] == html.unescape(text).strip()
    workshop = (tiny_site / "un/ateliers/atelier-lancement/index.html").read_text(encoding="utf-8")
    assert "Télécharger ce compte rendu en PDF, " in workshop

    # A warm rebuild prints nothing and publishes the same bytes.
    log = build(tiny_site, "deux")
    assert "PDF des guides et comptes rendus : 0 imprimés, 2 repris du cache" in log
    for path in (GUIDE, WORKSHOP):
        assert (tiny_site / "deux" / path).read_bytes() == (tiny_site / "un" / path).read_bytes()

    # Printed again from scratch: still the same bytes (no time stamp, no random identifier).
    shutil.rmtree(tiny_site / CACHE_DIR)
    log = build(tiny_site, "trois")
    assert "2 imprimés" in log
    for path in (GUIDE, WORKSHOP):
        assert (tiny_site / "trois" / path).read_bytes() == (tiny_site / "un" / path).read_bytes()


def test_the_pdf_states_the_thresholds_of_its_build_date(require_browser, tiny_site):
    build(tiny_site, "site", date="2027-01-04")
    assert "Seuils en vigueur au 4 janvier 2027" in read_pdf(tiny_site / "site" / GUIDE).text
