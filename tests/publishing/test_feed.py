"""Change history, « Quoi de neuf » and the RSS 2.0 feed (the same entries, newest first)."""

from __future__ import annotations

import datetime as dt
import re
from email.utils import parsedate_to_datetime
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest

from mitkb.build import build_content
from mitkb.changes import LATEST_COUNT, latest_changes
from mitkb.feed import render_feed, rfc822
from mitkb.publishing import Publishing
from mitkb.references import check_site

TODAY = dt.date(2026, 11, 27)
SITE_URL = "https://exemple-org.github.io/base-mit/"
RFC822 = re.compile(r"^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) "
                    r"\d{4} \d{2}:\d{2}:\d{2} [+-]\d{4}$")


def add_history(path: Path, entries: list[tuple[str, str]]) -> None:
    lines = ["historique:"] + [f"  - date: {date}\n    note: {note}" for date, note in entries]
    path.write_text(path.read_text(encoding="utf-8").rstrip("\n") + "\n" + "\n".join(lines) + "\n", encoding="utf-8")


@pytest.fixture
def site_with_history(tiny_site: Path) -> Path:
    add_history(tiny_site / "guides/methodes/suivre-step.yml",
                [("2026-11-20", "Nouvelle étape sur le suivi des boues."), ("2026-01-05", "Première publication.")])
    add_history(tiny_site / "guides/modeles/lettre-consultation.yml", [("2026-04-01", "Seuil mis à jour.")])
    add_history(tiny_site / "guides/ateliers/atelier-lancement.yml", [("2026-11-20", "Compte rendu complété.")])
    return tiny_site


EXPECTED = [  # newest first; same day: by title
    ("2026-11-20", "Lancement du réseau", "Compte rendu complété."),
    ("2026-11-20", "Suivre une station d'épuration", "Nouvelle étape sur le suivi des boues."),
    ("2026-04-01", "Lettre de consultation", "Seuil mis à jour."),
    ("2026-01-05", "Suivre une station d'épuration", "Première publication."),
]


def test_feed_is_valid_rss_2_with_the_latest_changes_in_order(site_with_history: Path, monkeypatch):
    monkeypatch.setenv("MITKB_SITE_URL", SITE_URL)
    result = build_content(site_with_history, TODAY, documents=False)
    feed = next(f for f in result.files if f.path == "flux.xml")
    assert feed.content.startswith(b'<?xml version="1.0" encoding="UTF-8"?>')
    rss = ET.fromstring(feed.content)
    assert rss.tag == "rss" and rss.get("version") == "2.0"
    channels = rss.findall("channel")
    assert len(channels) == 1
    channel = channels[0]
    for required in ("title", "link", "description"):
        assert (channel.findtext(required) or "").strip(), required
    assert channel.findtext("link") == SITE_URL + "quoi-de-neuf/"
    assert channel.findtext("language") == "fr"
    assert RFC822.match(channel.findtext("lastBuildDate"))
    self_link = channel.find("{http://www.w3.org/2005/Atom}link")
    assert self_link.get("href") == SITE_URL + "flux.xml" and self_link.get("rel") == "self"

    items = channel.findall("item")
    seen = []
    for item in items:
        assert item.findtext("title") and item.findtext("description")
        assert item.findtext("link").startswith(SITE_URL)
        pub_date = item.findtext("pubDate")
        assert RFC822.match(pub_date), pub_date
        seen.append((parsedate_to_datetime(pub_date).date().isoformat(), item.findtext("title"), item.findtext("link")))
        assert item.find("guid").get("isPermaLink") == "false"
    assert [(date, title) for date, title, _ in seen] == [(d, f"{t} : Mis à jour — {n}") for d, t, n in EXPECTED]
    assert seen[1][2] == SITE_URL + "methodes/suivre-step/"
    assert len({item.findtext("guid") for item in items}) == len(items)


def test_whats_new_page_lists_the_same_entries_and_links_to_the_feed(site_with_history: Path, monkeypatch):
    monkeypatch.setenv("MITKB_SITE_URL", SITE_URL)
    result = build_content(site_with_history, TODAY, documents=False)
    page = next(p for p in result.pages if p.path == "quoi-de-neuf.md").markdown
    entries = re.findall(r"^- \*\*(.+?)\*\* — \[(.+?)\]\((.+?)\) \(.+?\) : (.+)$", page, re.M)
    assert [(title, note) for _, title, _, note in entries] == [(t, f"Mis à jour — {n}") for _, t, n in EXPECTED]
    assert entries[0][0] == "20 novembre 2026" and entries[0][2] == "ateliers/atelier-lancement.md"
    assert re.findall(r"^## (.+)$", page, re.M) == ["Novembre 2026", "Avril 2026", "Janvier 2026"]
    assert "[flux RSS](flux.xml)" in page


def test_without_a_site_address_there_is_no_feed_and_no_link_to_it(site_with_history: Path):
    result = build_content(site_with_history, TODAY, documents=False)
    assert not any(f.path == "flux.xml" for f in result.files)
    page = next(p for p in result.pages if p.path == "quoi-de-neuf.md").markdown
    assert "flux RSS" not in page and "Lettre de consultation" in page
    with pytest.raises(ValueError):
        render_feed([], Publishing(), TODAY)


def test_empty_history_gives_a_valid_feed_and_an_explanation(tiny_site: Path, monkeypatch):
    monkeypatch.setenv("MITKB_SITE_URL", SITE_URL)
    result = build_content(tiny_site, TODAY, documents=False)
    rss = ET.fromstring(next(f for f in result.files if f.path == "flux.xml").content)
    assert rss.find("channel").findall("item") == []
    page = next(p for p in result.pages if p.path == "quoi-de-neuf.md").markdown
    assert "Aucune mise à jour n'a encore été déclarée" in page
    # A copy without git history says so instead of showing an empty « Quoi de neuf ».
    assert "Historique des publications indisponible" in page


def test_only_the_latest_changes_are_listed(site_with_history: Path):
    guide = site_with_history / "guides/methodes/suivre-step.yml"
    entries = [(f"2025-{month:02d}-{day:02d}", f"Changement {month}-{day}.") for month in range(1, 13) for day in (1, 15, 28)]
    text = guide.read_text(encoding="utf-8").split("historique:")[0]
    guide.write_text(text, encoding="utf-8")
    add_history(guide, entries)
    site, errors = check_site(site_with_history, TODAY)
    assert errors == []
    changes = latest_changes(site, TODAY)
    assert len(changes) == LATEST_COUNT < len(entries) + 2
    assert changes[0].date == dt.date(2026, 11, 20)
    assert [c.date for c in changes] == sorted((c.date for c in changes), reverse=True)


def test_history_is_strictly_validated(tiny_site: Path):
    guide = tiny_site / "guides/methodes/suivre-step.yml"
    original = guide.read_text(encoding="utf-8")
    add_history(guide, [("2026-12-01", "Dans le futur.")])
    _, errors = check_site(tiny_site, TODAY)
    assert [(e.field, e.message) for e in errors] == [
        ("historique[1].date", "date dans le futur (2026-12-01, après le 2026-11-27)")]

    guide.write_text(original + "historique:\n  - date: 2026-11-01\n    note: Fait.\n    auteur: moi\n", encoding="utf-8")
    _, errors = check_site(tiny_site, TODAY)
    assert [(e.field, e.message) for e in errors] == [("historique[1].auteur", "champ inconnu « auteur »")]

    guide.write_text(original + "historique:\n  - date: \"le 1er\"\n    note: \"\"\n", encoding="utf-8")
    _, errors = check_site(tiny_site, TODAY)
    assert {(e.field, e.message.split(",")[0]) for e in errors} == {
        ("historique[1].date", "date attendue"), ("historique[1].note", "texte vide")}

    guide.write_text(original + "historique:\n  - date: 2026-11-01\n    note: |\n      Une ligne.\n      Deux lignes.\n",
                     encoding="utf-8")
    _, errors = check_site(tiny_site, TODAY)
    assert [e.message for e in errors] == ["la note tient en une seule ligne (une phrase courte)"]


def test_rfc822_dates():
    assert rfc822(dt.date(2026, 4, 1)) == "Wed, 01 Apr 2026 00:00:00 +0000"
