"""Link checks over the built HTML, and the external link report."""

from __future__ import annotations

import datetime as dt
import http.server
import json
import threading
import urllib.error
from pathlib import Path

import pytest

from mitkb.external_links import check_external
from mitkb.linkcheck import check_links


def write(site: Path, rel: str, html: str) -> None:
    path = site / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"<!doctype html><html><body>{html}</body></html>", encoding="utf-8")


def test_internal_links_anchors_and_protocols(tmp_path: Path):
    write(tmp_path, "index.html", """
        <a href="guide/">ok</a> <a href="guide/#etape-1">ancre ok</a> <a href="guide/#absente">ancre</a>
        <a href="absent/">absent</a> <img src="img/logo.svg"> <a href="#haut" id="haut">haut</a>
        <a href="mailto:mit@exemple.fr">ok</a> <a href="mailto:pas-une-adresse">ko</a>
        <a href="tel:+33562000000">ok</a> <a href="tel:05 62">ko</a> <a href="javascript:alert(1)">js</a>
        <a href="https://www.legifrance.gouv.fr/">externe</a> <a href="telechargements/modele.odt">odt</a>""")
    write(tmp_path, "guide/index.html", '<h2 id="etape-1">Étape</h2><a href="../">retour</a>')
    (tmp_path / "telechargements").mkdir()
    (tmp_path / "telechargements/modele.odt").write_bytes(b"PK")
    report = check_links(tmp_path)
    assert [(b.target, b.reason) for b in report.broken] == [
        ("absent/", "cible introuvable"),
        ("guide/#absente", "ancre « #absente » absente de la page"),
        ("img/logo.svg", "cible introuvable"),
        ("javascript:alert(1)", "protocole « javascript: » non autorisé"),
        ("mailto:pas-une-adresse", "adresse électronique mal formée"),
        ("tel:05 62", "numéro de téléphone mal formé (tel:+33…)"),
    ]
    assert report.external == {"https://www.legifrance.gouv.fr/": {"index.html"}}


def test_the_real_built_site_has_no_broken_link(built_site: Path):
    report = check_links(built_site)
    assert [b.format() for b in report.broken] == []
    assert any("legifrance.gouv.fr" in url for url in report.external)


@pytest.fixture
def local_server():
    class Handler(http.server.BaseHTTPRequestHandler):
        def do_HEAD(self):
            self.send_response(200 if self.path == "/ok" else 404)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def test_external_links_are_checked_and_cached(local_server, tmp_path: Path):
    cache = tmp_path / "cache.json"
    today = dt.date(2026, 11, 27)
    results = check_external([f"{local_server}/ok", f"{local_server}/absent"], cache, today)
    assert [(r.status, r.detail) for r in results] == [("erreur", "HTTP 404"), ("ok", "HTTP 200")]
    assert json.loads(cache.read_text())[f"{local_server}/ok"] == {"statut": 200, "verifie_le": "2026-11-27"}

    def no_network(url):
        raise AssertionError("the cache should answer")

    cached = check_external([f"{local_server}/ok"], cache, today + dt.timedelta(days=3), fetch=no_network)
    assert [(r.status, r.checked_on) for r in cached] == [("ok", "2026-11-27")]


def test_offline_never_fails(tmp_path: Path):
    calls = []

    def offline(url):
        calls.append(url)
        raise urllib.error.URLError(OSError("Name or service not known"))

    results = check_external(["https://a.example/", "https://b.example/"], tmp_path / "c.json",
                             dt.date(2026, 11, 27), fetch=offline)
    assert [r.status for r in results] == ["non vérifié", "non vérifié"]
    assert len(calls) == 1  # no network: stop trying after the first failure
