"""The preview server: pages with the reload script, the state the script polls,
errors shown until the file is fixed (no browser: HTTP only)."""

from __future__ import annotations

import datetime as dt
import json
import threading
import time
import urllib.request
from pathlib import Path

from mitkb.preview.server import SCRIPT_URL, STATE_URL, Watcher

from .serving import served_preview

GUIDE = "guides/methodes/suivre-step.yml"


def get(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.read()


def wait_for(condition, limit: float = 60.0):
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.05)
    raise AssertionError("condition jamais remplie")


def test_watcher_sees_edits_additions_and_removals(tiny_site: Path):
    watcher = Watcher(tiny_site)
    assert watcher.changes() == set()
    (tiny_site / GUIDE).write_text((tiny_site / GUIDE).read_text(encoding="utf-8") + "\n", encoding="utf-8")
    (tiny_site / "data" / "nouveau.yml").write_text("a: 1\n", encoding="utf-8")
    assert watcher.changes() == {GUIDE, "data/nouveau.yml"}
    (tiny_site / "data" / "nouveau.yml").unlink()
    assert watcher.changes() == {"data/nouveau.yml"}


def test_served_preview_follows_edits_and_errors(tiny_site: Path, tmp_path: Path, monkeypatch):
    with served_preview(tiny_site, tmp_path / "apercu", monkeypatch) as served:
        base, lines, site = served.base, served.lines, served.site
        wait_for(lambda: any(line.startswith("Aperçu sur") for line in lines))
        page = get(base + "/methodes/suivre-step/").decode()
        assert SCRIPT_URL in page and page.index(SCRIPT_URL) < page.index("</body>")
        assert b"location.reload" in get(base + SCRIPT_URL)
        assert SCRIPT_URL.encode() not in (site / "methodes/suivre-step/index.html").read_bytes()
        state = json.loads(get(base + STATE_URL))
        assert state["erreurs"] == []
        # A broken file: the error in the state (French, file:line), the last good page still served.
        path = tiny_site / GUIDE
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("referent: mit", "referent: mitt"), encoding="utf-8")
        broken = wait_for(lambda: (s := json.loads(get(base + STATE_URL)))["erreurs"] and s)
        assert broken["version"] > state["version"]
        assert any(e.startswith(GUIDE + ":") and "contact inconnu « mitt »" in e for e in broken["erreurs"])
        assert any(GUIDE + ":" in line for line in lines)  # and in the terminal
        assert "Suivre une station" in get(base + "/methodes/suivre-step/").decode()
        # Fixed, with a new title: no more errors, the new page served.
        path.write_text(text.replace("titre: Suivre une station", "titre: Surveiller une station"), encoding="utf-8")
        wait_for(lambda: "Surveiller une station" in get(base + "/methodes/suivre-step/").decode()
                 and json.loads(get(base + STATE_URL))["erreurs"] == [])  # pages are written, then the state
        # A change to data: the page open in a browser (its script polls with its address) comes
        # first, the terminal says the others follow, then that they are done; the state says so.
        get(base + STATE_URL + "?page=%2Fmethodes%2Fsuivre-step%2F")
        seuils = tiny_site / "data/seuils.yml"
        seuils.write_text(seuils.read_text(encoding="utf-8").replace("montant: 60000", "montant: 70000", 1),
                          encoding="utf-8")
        wait_for(lambda: any(line.startswith("✓ Pages ouvertes à jour") for line in lines))
        wait_for(lambda: any(line.startswith("✓ Autres pages et documents à jour") for line in lines))
        assert json.loads(get(base + STATE_URL))["en_cours"] is False
        assert "70\u00a0000" in get(base + "/modeles/lettre-consultation/").decode()  # a page nobody had open
