"""The preview server sends text compressed, as a static host does, and the rest as it is."""

from __future__ import annotations

import gzip
import os
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from mitkb.static_server import serve_in_background


def _get(url: str, gzip_ok: bool = True):
    request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip"} if gzip_ok else {})
    with urllib.request.urlopen(request) as response:
        return response.status, dict(response.headers), response.read()


@pytest.fixture
def served(tmp_path: Path):
    site = tmp_path / "site"
    (site / "guide").mkdir(parents=True)
    (site / "pagefind").mkdir()
    page = "<!doctype html><title>Guide</title>" + "<p>La station d'épuration du bourg.</p>" * 200
    (site / "index.html").write_text(page, encoding="utf-8")
    (site / "guide" / "index.html").write_text(page, encoding="utf-8")
    (site / "style.css").write_text("p { color: #123456; }\n" * 100, encoding="utf-8")
    (site / "pagefind" / "fr_1.pf_index").write_bytes(gzip.compress(b"deja compresse" * 50))
    server, base = serve_in_background(site)
    yield site, base
    server.shutdown()
    server.server_close()


def test_html_and_css_are_sent_compressed_and_decompress_to_the_file(served):
    site, base = served
    for path, name in (("", "index.html"), ("guide/", "guide/index.html"), ("style.css", "style.css")):
        status, headers, body = _get(base + path)
        assert status == 200 and headers["Content-Encoding"] == "gzip", path
        assert headers["Vary"] == "Accept-Encoding"
        assert gzip.decompress(body) == (site / name).read_bytes()
        assert len(body) < (site / name).stat().st_size / 4, "repetitive text compresses well"


def test_an_unchanged_page_costs_a_304_without_body(served):
    site, base = served
    _, headers, _ = _get(base + "guide/")
    request = urllib.request.Request(base + "guide/", headers={
        "Accept-Encoding": "gzip", "If-Modified-Since": headers["Last-Modified"]})
    with pytest.raises(urllib.error.HTTPError) as answer:  # urllib reports a 304 as an error
        urllib.request.urlopen(request)
    assert answer.value.code == 304 and answer.value.read() == b""
    page = site / "guide" / "index.html"
    page.write_text("<p>nouvelle version</p>", encoding="utf-8")
    os.utime(page, (time.time() + 5, time.time() + 5))
    status, _, body = _get(base + "guide/")
    assert status == 200 and gzip.decompress(body) == b"<p>nouvelle version</p>"


def test_nothing_is_compressed_for_a_client_that_does_not_ask(served):
    site, base = served
    status, headers, body = _get(base, gzip_ok=False)
    assert "Content-Encoding" not in headers and body == (site / "index.html").read_bytes()


def test_pagefind_files_are_sent_as_they_are(served):
    site, base = served
    status, headers, body = _get(base + "pagefind/fr_1.pf_index")
    assert "Content-Encoding" not in headers
    assert body == (site / "pagefind" / "fr_1.pf_index").read_bytes()


def test_a_folder_without_its_slash_is_redirected_and_a_missing_page_is_a_404(served):
    _, base = served
    request = urllib.request.Request(base + "guide", headers={"Accept-Encoding": "gzip"})
    with urllib.request.urlopen(request) as response:  # follows the redirection
        assert response.url.endswith("/guide/") and response.headers["Content-Encoding"] == "gzip"
    with pytest.raises(urllib.error.HTTPError) as error:
        _get(base + "absent/")
    assert error.value.code == 404


def test_mitkb_servir_refuses_a_folder_without_a_built_site(tmp_path: Path):
    result = subprocess.run([sys.executable, "-m", "mitkb.cli", "--racine", str(tmp_path), "servir"],
                            capture_output=True, text=True)
    assert result.returncode == 1
    assert "Pas de site construit" in result.stderr and "mitkb build" in result.stderr


def test_mitkb_servir_serves_the_built_site(served):
    site, _ = served
    process = subprocess.Popen(
        [sys.executable, "-m", "mitkb.cli", "--racine", str(site.parent), "servir", "--port", "0"],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
    )
    try:
        line = process.stdout.readline()
        assert line.startswith("Site servi sur http://127.0.0.1:"), line
        address = line.split()[3]
        deadline = time.monotonic() + 10
        while True:
            try:
                status, headers, body = _get(address)
                break
            except urllib.error.URLError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.1)
        assert status == 200 and gzip.decompress(body) == (site / "index.html").read_bytes()
    finally:
        process.terminate()
        process.wait(timeout=10)
