"""The preview's script in Chromium: the open page is rendered first after a change to
data, a band says the other pages follow, the page reloads when all is up to date, and
a content error shows over the page until it is fixed."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from playwright.sync_api import expect

from .serving import served_preview

GUIDE = "guides/methodes/suivre-step.yml"


@pytest.fixture
def preview_url(tiny_site: Path, tmp_path: Path, monkeypatch):
    # The completion waits for the test's signal: the band can be seen before it ends.
    gate = threading.Event()

    def hold(live):
        step = live.complete_step
        live.complete_step = lambda: step() if gate.is_set() else None

    with served_preview(tiny_site, tmp_path / "apercu", monkeypatch, hold) as served:
        yield served.base, served.lines, gate


def test_the_open_page_follows_a_data_edit_then_an_error_then_its_fix(browser, preview_url, tiny_site: Path):
    base, lines, gate = preview_url
    page = browser.new_page()
    try:
        for _ in range(600):
            if any(line.startswith("Aperçu sur") for line in lines):
                break
            page.wait_for_timeout(50)
        page.goto(base + "/modeles/lettre-consultation/")
        expect(page.get_by_text("60\u00a0000", exact=False).first).to_be_visible()
        page.wait_for_timeout(700)  # the script has told the preview which page is open
        seuils = tiny_site / "data/seuils.yml"
        seuils.write_text(seuils.read_text(encoding="utf-8").replace("montant: 60000", "montant: 70000", 1),
                          encoding="utf-8")
        expect(page.get_by_text("70\u00a0000", exact=False).first).to_be_visible(timeout=60_000)
        assert any(line.startswith("✓ Pages ouvertes à jour") for line in lines), lines
        band = page.get_by_role("status").filter(has_text="Aperçu en cours de mise à jour")
        expect(band).to_be_visible(timeout=30_000)  # the other pages wait for the gate
        gate.set()
        expect(band).to_have_count(0, timeout=60_000)
        assert any(line.startswith("✓ Autres pages et documents à jour") for line in lines), lines
        # An error: shown over the page, in French with file:line; gone once fixed.
        guide = tiny_site / GUIDE
        text = guide.read_text(encoding="utf-8")
        guide.write_text(text.replace("referent: mit", "referent: mitt"), encoding="utf-8")
        alert = page.get_by_role("alert")
        expect(alert).to_contain_text(GUIDE + ":", timeout=30_000)
        expect(alert).to_contain_text("contact inconnu « mitt »")
        guide.write_text(text, encoding="utf-8")
        expect(alert).to_have_count(0, timeout=30_000)
    finally:
        page.close()
