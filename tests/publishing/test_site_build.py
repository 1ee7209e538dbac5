"""The real site built by MkDocs with a repository and a site address configured."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest

from ..conftest import ROOT, TEST_DATE

REPO = "https://github.com/exemple-org/base-mit"
SITE_URL = "https://exemple-org.github.io/base-mit/"


@pytest.fixture(scope="module")
def published(tmp_path_factory) -> Path:
    destination = tmp_path_factory.mktemp("publie") / "site"
    env = dict(os.environ, MITKB_DATE=TEST_DATE, NO_MKDOCS_2_WARNING="1", MITKB_INDEX_SEARCH="0",
               MITKB_DEPOT_URL=REPO, MITKB_SITE_URL=SITE_URL)
    env.pop("GITHUB_REPOSITORY", None)
    result = subprocess.run([sys.executable, "-m", "mitkb.cli", "--racine", str(ROOT), "build", str(destination)],
                            capture_output=True, text=True, env=env, cwd=ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    return destination


def edit_buttons(page: str) -> list[str]:
    return re.findall(r'<a href="([^"]+)" title="[^"]*" class="md-content__button md-icon" rel="edit">', page)


@pytest.mark.slow
def test_item_pages_edit_their_yaml_source_and_hand_written_pages_their_markdown(published: Path):
    guide = (published / "methodes/prevenir-erosion-sols/index.html").read_text(encoding="utf-8")
    source = f"{REPO}/edit/main/guides/methodes/prevenir-erosion-sols.yml"
    assert edit_buttons(guide) == [source]  # the theme's button, not a Markdown file that does not exist
    assert f'<a href="{source}">Modifier cette page</a>' in guide
    assert ">Signaler une erreur</a>" in guide
    assert re.search(r"Dernière modification le \d{1,2}(er)? \w+ \d{4}", guide)
    home = (published / "index.html").read_text(encoding="utf-8")
    assert edit_buttons(home) == [f"{REPO}/edit/main/docs/index.md"]
    listing = (published / "methodes/index.html").read_text(encoding="utf-8")
    assert edit_buttons(listing) == [] and "Modifier cette page" not in listing


@pytest.mark.slow
def test_whats_new_contributing_and_feed_are_published(published: Path):
    whats_new = (published / "quoi-de-neuf/index.html").read_text(encoding="utf-8")
    assert 'href="../flux.xml"' in whats_new
    rss = ET.fromstring((published / "flux.xml").read_bytes())
    assert rss.get("version") == "2.0" and rss.find("channel/link").text == SITE_URL + "quoi-de-neuf/"
    contributing = (published / "contribuer/index.html").read_text(encoding="utf-8")
    assert "mitkb new methode" in contributing and "{{ seuil('identifiant') }}" in contributing
    nav = re.findall(r'class="md-nav__link[^"]*"[^>]*>\s*<span class="md-ellipsis">\s*([^<]+?)\s*</span>', home_of(published))
    assert "Quoi de neuf" in nav and "Contribuer" in nav


def home_of(published: Path) -> str:
    return (published / "index.html").read_text(encoding="utf-8")
