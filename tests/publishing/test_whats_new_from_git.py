"""« Quoi de neuf » from git history: the first commit of an item is its publication,
an explicit « historique » entry is an update; other commits never appear."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path
from xml.etree import ElementTree as ET

from mitkb.build import build_content
from mitkb.git_dates import RECORD, UNIT, parse_first_added, read_git_dates

from ..conftest import FIXTURES
from .conftest import commit_all, init_repository

TODAY = dt.date(2026, 11, 27)
SITE_URL = "https://exemple-org.github.io/base-mit/"


def test_first_added_is_the_oldest_commit_listing_the_file():
    log = (f"{RECORD}c3{UNIT}2026-03-01T10:00:00+01:00\na.yml\n\n"
           f"{RECORD}c2{UNIT}2026-02-01T10:00:00+01:00\nb.yml\n\n"
           f"{RECORD}c1{UNIT}2026-01-01T10:00:00+01:00\na.yml\nc.yml\n")
    assert parse_first_added(log) == {"a.yml": dt.date(2026, 1, 1), "b.yml": dt.date(2026, 2, 1),
                                      "c.yml": dt.date(2026, 1, 1)}
    # In a shallow clone the boundary commit lists every file: their publication date is unknown.
    assert parse_first_added(log, frozenset({"c1"})) == {"b.yml": dt.date(2026, 2, 1)}


def _project_in_git(tmp_path: Path) -> Path:
    root = tmp_path / "projet"
    shutil.copytree(FIXTURES / "tiny", root)
    init_repository(root)
    guide = root / "guides/methodes/suivre-step.yml"
    commit_all(root, "site de départ", "2026-01-05T10:00:00+01:00")
    guide.write_text(guide.read_text(encoding="utf-8") + "# relu\n", encoding="utf-8")
    commit_all(root, "faute de frappe", "2026-06-10T10:00:00+02:00")  # not an entry
    guide.write_text(guide.read_text(encoding="utf-8").rstrip("\n")
                     + "\nhistorique:\n  - date: 2026-09-01\n    note: Nouvelle étape sur les boues.\n",
                     encoding="utf-8")
    commit_all(root, "mise à jour déclarée", "2026-09-01T10:00:00+02:00")
    return root


def test_whats_new_and_feed_list_publications_and_declared_updates(tmp_path: Path, monkeypatch):
    root = _project_in_git(tmp_path)
    assert read_git_dates(root).first_added("guides/methodes/suivre-step.yml") == dt.date(2026, 1, 5)
    monkeypatch.setenv("MITKB_SITE_URL", SITE_URL)
    result = build_content(root, TODAY, documents=False)
    page = next(p for p in result.pages if p.path == "quoi-de-neuf.md").markdown
    entries = re.findall(r"^- \*\*(.+?)\*\* — \[(.+?)\]\(.+?\) \((.+?)\) : (.+)$", page, re.M)
    assert ("1er septembre 2026", "Suivre une station d'épuration", "guide",
            "Mis à jour — Nouvelle étape sur les boues.") == entries[0]
    published = {(title, summary) for date, title, _, summary in entries if date == "5 janvier 2026"}
    assert ("Suivre une station d'épuration", "Nouveau guide") in published
    assert any(summary == "Nouveau modèle de document" for _, summary in published)
    assert any(summary == "Nouveau compte rendu d'atelier" for _, summary in published)
    assert not any("10 juin 2026" in entry[0] for entry in entries)  # the typo fix
    assert "Historique des publications indisponible" not in page
    feed = ET.fromstring(next(f for f in result.files if f.path == "flux.xml").content)
    titles = [item.findtext("title") for item in feed.find("channel").findall("item")]
    assert titles[0] == "Suivre une station d'épuration : Mis à jour — Nouvelle étape sur les boues."
    assert len(titles) == len(entries)
    guids = [item.findtext("guid") for item in feed.find("channel").findall("item")]
    assert len(set(guids)) == len(guids)
