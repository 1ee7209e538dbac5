"""Shared fixtures: fixed build date, tiny sites, the real site built once."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from mitkb.static_server import make_server

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
TEST_DATE = "2026-11-27"
# Chromium flags for the tests: no background traffic, so the network log holds only the page's own requests.
BROWSER_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run"]


@pytest.fixture(autouse=True)
def fixed_build_date(monkeypatch):
    """Every test sees the same "today" unless it sets MITKB_DATE itself. Builds make no
    PDF (Chromium printing) unless a test asks for them: tests/pdf/ and ``built_site``."""
    monkeypatch.setenv("MITKB_DATE", TEST_DATE)
    monkeypatch.setenv("MITKB_PDF", "0")
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")


@pytest.fixture
def tiny_site(tmp_path) -> Path:
    """A small but complete project (config, docs, data, one item of each kind)."""
    target = tmp_path / "projet"
    shutil.copytree(FIXTURES / "tiny", target)
    shutil.copytree(ROOT / "macros", target / "macros")
    return target


def require_tool(env_var: str, available: bool, what: str) -> None:
    """Skip when a tool is missing on a laptop; fail when CI requires it."""
    if available:
        return
    if os.environ.get(env_var) == "1":
        pytest.fail(f"{what} est requis ({env_var}=1) mais introuvable")
    # Only without MITKB_REQUIRE_* (a laptop): in CI the branch above fails instead.
    pytest.skip(f"{what} introuvable (MITKB_REQUIRE_* : mettre {env_var}=1 pour en faire une erreur)")


def chromium_path() -> str | None:
    for candidate in ("/usr/bin/chromium", "/usr/bin/chromium-browser"):
        if Path(candidate).exists():
            return candidate
    return shutil.which("chromium")


def libreoffice_path() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


@pytest.fixture
def require_java() -> str:
    path = shutil.which("java")
    require_tool("MITKB_REQUIRE_JAVA", path is not None, "Java (pour le validateur HTML Nu)")
    return path


@pytest.fixture
def require_browser() -> str:
    path = chromium_path()
    require_tool("MITKB_REQUIRE_BROWSER", path is not None, "Chromium")
    return path


@pytest.fixture
def require_office() -> str:
    path = libreoffice_path()
    require_tool("MITKB_REQUIRE_OFFICE", path is not None, "LibreOffice")
    return path


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The real site, built once per test session with --strict, at the test date, with the
    PDFs of guides and write-ups when Chromium is there (cached in .cache/pdf/)."""
    destination = tmp_path_factory.mktemp("site") / "site"
    env = dict(os.environ, MITKB_DATE=TEST_DATE, NO_MKDOCS_2_WARNING="1",
               MITKB_PDF="1" if chromium_path() else "0")
    result = subprocess.run(
        [sys.executable, "-m", "mitkb.cli", "--racine", str(ROOT), "build", str(destination)],
        capture_output=True, text=True, env=env, cwd=ROOT,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return destination


@pytest.fixture(scope="session")
def site_url(built_site: Path):
    """The real built site served on 127.0.0.1 (a free port) as a static host serves it
    (gzip for text), for browser tests."""
    server = make_server(built_site)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()
    thread.join()


@pytest.fixture(scope="module")
def browser():
    """One headless Chromium per test module (Playwright, Debian's chromium)."""
    path = chromium_path()
    require_tool("MITKB_REQUIRE_BROWSER", path is not None, "Chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=path, args=BROWSER_ARGS)
        yield chromium
        chromium.close()
