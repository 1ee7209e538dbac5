"""Generated Markdown of each kind of page, compared with golden files.

After an intended change, regenerate with MITKB_UPDATE_GOLDEN=1 and review the diff.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

from mitkb.pages import PageRenderer
from mitkb.references import check_site

from ..conftest import FIXTURES

GOLDEN = Path(__file__).resolve().parent.parent / "golden"


@pytest.fixture(scope="module")
def pages() -> dict[str, str]:
    site, errors = check_site(FIXTURES / "tiny", dt.date(2026, 11, 27))
    assert errors == []
    return {page.path: page.markdown for page in PageRenderer(site, dt.date(2026, 11, 27)).all_pages()}


def test_one_page_per_item_and_a_listing_per_kind(pages):
    assert {
        "methodes/index.md", "modeles/index.md", "ateliers/index.md", "glossaire.md",
        "methodes/suivre-step.md", "modeles/lettre-consultation.md", "ateliers/atelier-lancement.md",
    } <= set(pages)


@pytest.mark.parametrize("path", [
    "methodes/suivre-step.md",
    "modeles/lettre-consultation.md",
    "ateliers/atelier-lancement.md",
    "methodes/index.md",
    "modeles/index.md",
    "ateliers/index.md",
    "glossaire.md",
])
def test_page_matches_golden(pages, path):
    golden = GOLDEN / path
    if os.environ.get("MITKB_UPDATE_GOLDEN") == "1":
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(pages[path], encoding="utf-8")
    assert pages[path] == golden.read_text(encoding="utf-8")


def test_generated_text_cannot_inject_markup(tiny_site):
    guide = tiny_site / "guides/methodes/suivre-step.yml"
    text = guide.read_text(encoding="utf-8").replace(
        "titre: Suivre une station d'épuration", "titre: \"Suivre <b>une</b> station [x](javascript:alert(1))\"")
    guide.write_text(text, encoding="utf-8")
    site, errors = check_site(tiny_site, dt.date(2026, 11, 27))
    assert [e.message for e in errors] == ["HTML interdit : « <b> »", "lien interdit « javascript:alert(1 »"]
