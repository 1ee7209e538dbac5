"""« Modifier cette page » and « Signaler une erreur »: to files that exist, or not at all."""

from __future__ import annotations

import datetime as dt
import html
import re
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlparse

import pytest

from mitkb.build import build_content
from mitkb.publishing import (
    Publishing,
    Repository,
    github_url_of_remote,
    resolve_repository_url,
    resolve_site_url,
)

from ..conftest import ROOT
from .conftest import git, init_repository

TODAY = dt.date(2026, 11, 27)
REPO = "https://github.com/exemple-org/base-mit"
EDIT = re.compile(r'<a href="([^"]+)">Modifier cette page</a>')
ISSUE = re.compile(r'<a href="([^"]+)">Signaler une erreur</a>')


def edit_target(url: str) -> str:
    prefix = f"{REPO}/edit/main/"
    assert url.startswith(prefix), url
    return unquote(url[len(prefix):])


def check_links(root: Path, result) -> int:
    """Every item page links to its existing YAML source and to a pre-filled issue; returns the count."""
    items = {item.page_path: item for item in result.site.all_items()}
    checked = 0
    for page in result.pages:
        edits = [html.unescape(u) for u in EDIT.findall(page.markdown)]
        issues = [html.unescape(u) for u in ISSUE.findall(page.markdown)]
        if page.path not in items:
            assert edits == issues == [], f"{page.path} : lien inattendu"
            continue
        item = items[page.path]
        assert len(edits) == len(issues) == 1, page.path
        target = edit_target(edits[0])
        assert target == item.source and (root / target).is_file(), target
        issue = urlparse(issues[0])
        assert f"{issue.scheme}://{issue.netloc}{issue.path}" == f"{REPO}/issues/new"
        query = parse_qs(issue.query)
        assert query["title"] == [f"Erreur sur la page « {item.title} »"]
        assert f"Page : « {item.title} »" in query["body"][0]
        assert f"Fichier source : {item.source}" in query["body"][0]
        checked += 1
    return checked


def test_every_generated_page_of_the_real_site_links_to_its_existing_source(monkeypatch):
    monkeypatch.setenv("MITKB_DEPOT_URL", REPO)
    result = build_content(ROOT, TODAY, documents=False)
    assert check_links(ROOT, result) == sum(1 for _ in result.site.all_items()) > 10


def test_tiny_site_links_and_issue_body_with_the_page_address(tiny_site: Path, monkeypatch):
    monkeypatch.setenv("MITKB_DEPOT_URL", REPO + ".git")
    monkeypatch.setenv("MITKB_SITE_URL", "https://exemple-org.github.io/base-mit")
    result = build_content(tiny_site, TODAY, documents=False)
    assert check_links(tiny_site, result) == 3
    guide = next(p for p in result.pages if p.path == "methodes/suivre-step.md").markdown
    body = parse_qs(urlparse(html.unescape(ISSUE.findall(guide)[0])).query)["body"][0]
    assert "Adresse : https://exemple-org.github.io/base-mit/methodes/suivre-step/" in body


def test_without_a_known_repository_the_links_are_omitted(tiny_site: Path):
    result = build_content(tiny_site, TODAY, documents=False)
    assert result.publishing.repository is None
    assert not any("Modifier cette page" in p.markdown or "Signaler une erreur" in p.markdown for p in result.pages)
    assert any("MITKB_DEPOT_URL" in note for note in result.publishing.notes())


def test_branch_and_subfolder_are_part_of_the_edit_link():
    repository = Repository(REPO, "production", "site/")
    assert repository.edit_url("guides/methodes/a b.yml") == f"{REPO}/edit/production/site/guides/methodes/a%20b.yml"


def test_edit_url_of_generated_and_hand_written_pages():
    publishing = Publishing(repository=Repository(REPO))
    sources = {"methodes/x.md": "guides/methodes/x.yml", "methodes/index.md": None}
    assert publishing.edit_url_of("methodes/x.md", sources) == f"{REPO}/edit/main/guides/methodes/x.yml"
    assert publishing.edit_url_of("methodes/index.md", sources) is None  # made by code: nothing to edit
    assert publishing.edit_url_of("contribuer.md", sources) == f"{REPO}/edit/main/docs/contribuer.md"
    assert (ROOT / "docs/contribuer.md").is_file()
    assert Publishing().edit_url_of("contribuer.md", sources) is None


# -- where the repository address comes from ----------------------------------------------


def test_explicit_variable_first_then_github_actions_then_origin_then_mkdocs(tmp_path: Path):
    init_repository(tmp_path)
    git(tmp_path, "remote", "add", "origin", "git@github.com:depuis-origin/depot.git")
    configured = "https://github.com/depuis-mkdocs/depot/"
    env = {"MITKB_DEPOT_URL": "https://github.com/explicite/depot", "GITHUB_REPOSITORY": "actions/depot"}
    assert resolve_repository_url(tmp_path, env, configured) == "https://github.com/explicite/depot"
    env.pop("MITKB_DEPOT_URL")
    assert resolve_repository_url(tmp_path, env, configured) == "https://github.com/actions/depot"
    assert resolve_repository_url(tmp_path, {}, configured) == "https://github.com/depuis-origin/depot"
    git(tmp_path, "remote", "set-url", "origin", "https://gitlab.example.org/autre/depot.git")
    assert resolve_repository_url(tmp_path, {}, configured) == "https://github.com/depuis-mkdocs/depot"
    assert resolve_repository_url(tmp_path, {}, None) is None
    assert resolve_repository_url(tmp_path / "ailleurs", {}, None) is None  # not even a directory


def test_invalid_repository_variable_is_a_french_error(tiny_site: Path, monkeypatch):
    with pytest.raises(ValueError, match="n'est pas une adresse de dépôt"):
        resolve_repository_url(tiny_site, {"MITKB_DEPOT_URL": "github.com/sans-schema"})
    monkeypatch.setenv("MITKB_DEPOT_URL", "pas une adresse")
    from mitkb.errors import ContentErrors

    with pytest.raises(ContentErrors, match="MITKB_DEPOT_URL='pas une adresse'"):
        build_content(tiny_site, TODAY, documents=False)


@pytest.mark.parametrize("remote, url", [
    ("git@github.com:org/depot.git", "https://github.com/org/depot"),
    ("https://github.com/org/depot.git", "https://github.com/org/depot"),
    ("https://jeton@github.com/org/depot", "https://github.com/org/depot"),
    ("ssh://git@github.com/org/depot.git", "https://github.com/org/depot"),
    ("https://gitlab.com/org/depot.git", None),
    ("", None),
])
def test_github_remotes(remote: str, url: str | None):
    assert github_url_of_remote(remote) == url


def test_site_address_from_variable_configuration_or_github_pages():
    repository = Repository("https://github.com/Exemple-Org/base-mit")
    assert resolve_site_url({"MITKB_SITE_URL": "https://kb.exemple.fr"}, None, repository) == "https://kb.exemple.fr/"
    assert resolve_site_url({}, "https://conf.exemple.fr/kb/", repository) == "https://conf.exemple.fr/kb/"
    assert resolve_site_url({}, None, repository) == "https://exemple-org.github.io/base-mit/"
    assert resolve_site_url({}, None, Repository("https://github.com/org/org.github.io")) == "https://org.github.io/"
    assert resolve_site_url({}, None, None) is None
    with pytest.raises(ValueError, match="adresse du site invalide"):
        resolve_site_url({"MITKB_SITE_URL": "kb.exemple.fr"})
