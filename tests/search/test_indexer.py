"""Pagefind indexing of a built site (the real Pagefind binary, no browser)."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from mitkb.references import check_site
from mitkb.search import indexer as indexer_module
from mitkb.search.index_text import prepare
from mitkb.search.page_markup import searchable_page_html
from mitkb.search.indexer import (
    SearchIndexError,
    SearchRecord,
    contact_records,
    index_site,
    page_url,
    start_index,
)
from mitkb.search.web_assets import search_assets

from ..conftest import FIXTURES


def _page(title: str, body: str, indexed: bool = True) -> str:
    content = f"<h1>{title}</h1><p>{body}</p>"
    if indexed:
        content = searchable_page_html(content, title)
    return f'<!doctype html><html lang="fr"><head><title>{title}</title></head><body>{content}</body></html>'


def test_typographic_apostrophes_become_straight_in_the_text_only():
    html = '<p title="l’école">L’école d’Auch</p><span data-pagefind-meta="title:L’école"></span>'
    assert prepare(html)[0] == (
        '<p title="l’école">L\'ecole d\'Auch</p><span data-pagefind-meta="title:L’école"></span>'
    )


@pytest.mark.parametrize("relative, url", [
    ("index.html", "/"),
    ("methodes/un-guide/index.html", "/methodes/un-guide/"),
    ("404.html", "/404.html"),
])
def test_page_url(relative, url):
    assert page_url(relative) == url


def test_contact_records_point_at_the_contacts_page():
    site, _ = check_site(FIXTURES / "tiny", dt.date(2026, 11, 27))
    records = contact_records(site, "contacts/")
    assert records == [
        SearchRecord(
            "/contacts/#mit", "Mission Ingénierie des Territoires",
            "Mission Ingénierie des Territoires Conseil départemental du Gers",
            {"type": "Contact", "domaine": "Conseil départemental du Gers"},
            {"type": ["Contact"]},
        )
    ]


def test_index_site_indexes_marked_pages_only_and_writes_the_bundle_in_the_site(tmp_path):
    site = tmp_path / "site"
    (site / "methodes" / "guide").mkdir(parents=True)
    (site / "index.html").write_text(_page("Accueil", "Bienvenue"), encoding="utf-8")
    (site / "methodes" / "guide" / "index.html").write_text(
        _page("Un guide", "La station d’épuration du bourg"), encoding="utf-8")
    (site / "404.html").write_text(_page("Page introuvable", "Rien", indexed=False), encoding="utf-8")
    (site / "pagefind").mkdir()
    (site / "pagefind" / "ancien.pf_index").write_text("périmé", encoding="utf-8")
    record = SearchRecord("/contacts/#x", "Jeanne Test", "Jeanne Test conseillère", {"type": "Contact"},
                          {"type": ["Contact"]})

    report = index_site(site, [record])

    assert (report.pages, report.records) == (2, 1)
    bundle = site / "pagefind"
    assert report.bundle == bundle
    assert (bundle / "pagefind.js").is_file() and (bundle / "wasm.fr.pagefind").is_file()
    assert not (bundle / "ancien.pf_index").exists(), "a previous bundle must not survive"
    entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert list(entry["languages"]) == ["fr"]
    assert entry["languages"]["fr"]["page_count"] == 3  # two pages and one contact, not the 404
    assert "<h1>Un guide</h1>" in (site / "methodes" / "guide" / "index.html").read_text(encoding="utf-8")


def _home_page_site(tmp_path: Path, monkeypatch) -> tuple[Path, Path]:
    """A site of one page, indexed with a memory folder of the test's own (the scratch)."""
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text(_page("Accueil", "Bienvenue"), encoding="utf-8")
    scratch = tmp_path / "brouillon"
    scratch.mkdir()
    monkeypatch.setattr("mitkb.search.indexer._scratch_dir", lambda size: str(scratch))
    return site, scratch


def test_indexing_runs_in_the_background_and_leaves_no_temporary_copy(tmp_path, monkeypatch):
    site, scratch = _home_page_site(tmp_path, monkeypatch)

    run = start_index(site)
    assert list(scratch.iterdir()), "the prepared copy exists while Pagefind runs"
    (site / "autre.html").write_text("le site reste lisible pendant l'indexation", encoding="utf-8")
    report = run.finish()

    assert report.pages == 1 and (site / "pagefind" / "pagefind.js").is_file()
    assert not list(scratch.iterdir()), "the temporary copy is removed"


def test_without_a_memory_folder_pagefind_writes_into_the_site(tmp_path, monkeypatch):
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text(_page("Accueil", "Bienvenue"), encoding="utf-8")
    monkeypatch.setattr("mitkb.search.indexer._scratch_dir", lambda size: None)
    commands = []
    real_command = indexer_module._command
    monkeypatch.setattr("mitkb.search.indexer._command",
                        lambda pages, bundle: commands.append(bundle) or real_command(pages, bundle))

    (site / "pagefind").mkdir()
    (site / "pagefind" / "ancien.pf_index").write_text("périmé", encoding="utf-8")

    report = index_site(site)

    [written] = commands
    assert written.parent == site.resolve() and written.name.startswith(".pagefind-neuf-")
    assert report.bundle == site.resolve() / "pagefind" and (report.bundle / "pagefind.js").is_file()
    assert not (report.bundle / "ancien.pf_index").exists()
    assert sorted(p.name for p in site.iterdir()) == ["index.html", "pagefind"], "nothing left behind"


def test_the_memory_folder_is_used_only_with_room_enough(tmp_path, monkeypatch):
    folder = tmp_path / "memoire"
    folder.mkdir()
    free = 100_000_000

    class Usage:
        f_bavail, f_frsize = free // 4096, 4096

    monkeypatch.setattr(indexer_module.os, "statvfs", lambda path: Usage)
    assert indexer_module._scratch_dir(90_000_000, folder) == str(folder)
    assert indexer_module._scratch_dir(110_000_000, folder) is None  # e.g. a 64 MB /dev/shm in a container
    assert indexer_module._scratch_dir(1_000, tmp_path / "absent") is None


def test_a_failing_pagefind_is_reported_in_french_with_its_message(tmp_path, monkeypatch):
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text(_page("Accueil", "Bienvenue"), encoding="utf-8")
    failing = [sys.executable, "-c", "import sys; print('index illisible'); sys.exit(3)"]
    monkeypatch.setattr("mitkb.search.indexer._command", lambda pages, bundle: failing)

    (site / "pagefind").mkdir()
    (site / "pagefind" / "pagefind.js").write_text("// index précédent", encoding="utf-8")

    with pytest.raises(SearchIndexError, match="Pagefind n'a pas pu indexer le site \\(index illisible\\)"):
        start_index(site).finish()
    assert (site / "pagefind" / "pagefind.js").read_text(encoding="utf-8") == "// index précédent"
    assert sorted(p.name for p in site.iterdir()) == ["index.html", "pagefind"], "nothing left behind"


def test_index_site_refuses_a_missing_folder(tmp_path):
    with pytest.raises(SearchIndexError, match="dossier du site introuvable"):
        index_site(tmp_path / "absent")


def test_built_site_has_its_search_bundle_and_marks_what_is_indexed(built_site: Path):
    assert (built_site / "pagefind" / "pagefind.js").is_file()
    assert not (built_site / "search" / "search_index.json").exists(), "Material's search must be off"
    guide = (built_site / "methodes" / "suivre-station-epuration" / "index.html").read_text(encoding="utf-8")
    assert "<div data-pagefind-body>" in guide
    assert '<span data-pagefind-filter="type:Guide méthodologique"></span>' in guide
    assert '<span class="mitkb-synonyme" hidden data-pagefind-weight="5.0"> (STEP)</span>' in guide
    assert 'tabindex="0">MIT</abbr>' in guide
    for path in ("404.html", "recherche/index.html", "contacts/index.html", "methodes/index.html",
                 "themes/index.html", "themes/eau-assainissement/index.html"):
        assert "data-pagefind-body" not in (built_site / path).read_text(encoding="utf-8"), path


def test_every_page_has_the_header_search_form(built_site: Path):
    # /edition/ is the web editor (an application for staff, not a page of the site): no site header there.
    pages = [p for p in built_site.rglob("*.html") if p.relative_to(built_site).parts[0] not in ("pagefind", "edition")]
    assert len(pages) > 20
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert '<form class="mitkb-entete-recherche" role="search"' in html, page
        assert 'name="q"' in html, page


def test_search_page_assets_ship_with_the_engine():
    assets = dict(search_assets())
    assert set(assets) == {"assets/javascripts/recherche.js", "assets/stylesheets/recherche.css"}
    assert b'import(new URL("pagefind/pagefind.js", root).href)' in assets["assets/javascripts/recherche.js"]
    assert b".mitkb-entete-recherche" in assets["assets/stylesheets/recherche.css"]


def test_a_project_without_assets_of_its_own_gets_a_working_search(tiny_site: Path):
    shutil.rmtree(tiny_site / "docs" / "assets", ignore_errors=True)
    env = dict(os.environ, MITKB_DATE="2026-11-27", NO_MKDOCS_2_WARNING="1")
    result = subprocess.run([sys.executable, "-m", "mitkb.cli", "--racine", str(tiny_site), "build", "site"],
                            capture_output=True, text=True, env=env, cwd=tiny_site)
    assert result.returncode == 0, result.stderr
    site = tiny_site / "site"
    assert (site / "recherche" / "index.html").is_file()
    assert (site / "assets" / "javascripts" / "recherche.js").is_file()
    assert (site / "pagefind" / "pagefind.js").is_file()
    assert "Index de recherche : " in result.stderr


def test_the_build_can_skip_the_search_index(tiny_site: Path):
    env = dict(os.environ, MITKB_DATE="2026-11-27", NO_MKDOCS_2_WARNING="1", MITKB_INDEX_SEARCH="0")
    result = subprocess.run([sys.executable, "-m", "mitkb.cli", "--racine", str(tiny_site), "build", "site"],
                            capture_output=True, text=True, env=env, cwd=tiny_site)
    assert result.returncode == 0, result.stderr
    assert (tiny_site / "site" / "index.html").is_file()
    assert not (tiny_site / "site" / "pagefind").exists()


def _fragment_contents(bundle: Path) -> list[str]:
    """The text Pagefind keeps for each result (its fragments are gzipped JSON)."""
    import gzip

    contents = []
    for fragment in (bundle / "fragment").glob("*.pf_fragment"):
        data = gzip.decompress(fragment.read_bytes())
        contents.append(json.loads(data[data.index(b"{"):])["content"])
    return contents


def test_navigation_inside_the_content_is_not_indexed(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    body = (
        "<h1>Un modèle</h1><p>Texte cherchable unique : hydrocurage.</p>"
        '<h2>Télécharger le modèle</h2><div class="mitkb-telechargement"><ul><li>Word zanzibar</li></ul></div>'
        '<h2>Guides liés</h2><div class="mitkb-renvois"><ul><li><a href="/x/">Guide kilimandjaro</a></li></ul></div>'
        '<p class="mitkb-page-actions">Dernière modification le 1er mars · Modifier tombouctou</p>'
    )
    html = f'<!doctype html><html lang="fr"><head><title>x</title></head><body>{searchable_page_html(body, "Un modèle")}</body></html>'
    (site / "index.html").write_text(html, encoding="utf-8")

    index_site(site)

    [content] = _fragment_contents(site / "pagefind")
    assert "hydrocurage" in content
    for word in ("zanzibar", "kilimandjaro", "tombouctou"):
        assert word not in content


def test_mitkb_build_reports_index_and_link_problems_together(tmp_path, monkeypatch):
    from mitkb import cli, search

    calls = []

    class FailingRun:
        def finish(self):
            calls.append("fin de l'indexation")
            raise SearchIndexError("Pagefind n'a pas pu indexer le site (disque plein)")

    monkeypatch.setattr(search, "start_built_site_index", lambda root, site: calls.append("début") or FailingRun())

    def link_check():
        calls.append("liens")
        return ["1 lien(s) cassé(s) dans le site construit :"]

    problems = cli._index_search_while(tmp_path, tmp_path, link_check)

    assert calls == ["début", "liens", "fin de l'indexation"], "links are checked while Pagefind works"
    assert problems == ["Index de recherche : Pagefind n'a pas pu indexer le site (disque plein)",
                        "1 lien(s) cassé(s) dans le site construit :"]


def test_a_failure_to_start_the_index_still_checks_the_links(tmp_path, monkeypatch):
    from mitkb import cli, search

    def cannot_start(root, site):
        raise SearchIndexError("dossier du site introuvable : x")

    monkeypatch.setattr(search, "start_built_site_index", cannot_start)
    problems = cli._index_search_while(tmp_path, tmp_path, lambda: ["lien cassé"])
    assert problems == ["Index de recherche : dossier du site introuvable : x", "lien cassé"]


def test_a_large_site_split_over_two_processes_gives_the_same_bundle(tmp_path, monkeypatch):
    from mitkb.search import second_process

    words = ["épuration", "réseau", "marché", "commune", "école", "éclairage", "à", "de", "la"]
    serial, split = tmp_path / "un", tmp_path / "deux"
    for number in range(12):
        body = " ".join(words[(number + k) % len(words)] for k in range(40))
        (serial / f"guide-{number}").mkdir(parents=True)
        (serial / f"guide-{number}" / "index.html").write_text(_page(f"Guide {number} de la commune", body),
                                                               encoding="utf-8")
    shutil.copytree(serial, split)
    index_site(serial)
    monkeypatch.setattr(second_process, "SPLIT_FROM", 2)
    monkeypatch.setattr(second_process, "usable_cores", lambda: 2)
    calls = []
    halves = second_process.SecondProcess.halves

    def counted(self, function, items, *args):
        results = halves(self, function, items, *args)
        calls.append((function.__name__, len(results)))
        return results

    monkeypatch.setattr(second_process.SecondProcess, "halves", counted)
    index_site(split)

    assert calls == [("_prepare_pages", 2), ("restore_fragment_files", 2)]
    files = sorted(path.relative_to(serial / "pagefind") for path in (serial / "pagefind").rglob("*") if path.is_file())
    assert files == sorted(path.relative_to(split / "pagefind") for path in (split / "pagefind").rglob("*")
                           if path.is_file())
    for relative in files:
        assert (serial / "pagefind" / relative).read_bytes() == (split / "pagefind" / relative).read_bytes(), relative


def test_unreadable_excerpts_leave_the_previous_bundle_and_nothing_else(tmp_path, monkeypatch):
    site, scratch = _home_page_site(tmp_path, monkeypatch)
    (site / "pagefind").mkdir()
    (site / "pagefind" / "pagefind.js").write_text("// précédent", encoding="utf-8")

    def unreadable(paths, restores, target=None):
        (target / "moitie.pf_fragment").write_bytes(b"x")  # part of the new bundle already written
        raise ValueError("fragment Pagefind inattendu : moitie.pf_fragment")

    monkeypatch.setattr("mitkb.search.indexer.restore_fragment_files", unreadable)
    with pytest.raises(SearchIndexError, match="extraits illisibles : fragment Pagefind inattendu"):
        index_site(site)
    assert sorted(p.name for p in site.iterdir()) == ["index.html", "pagefind"], "no half-written bundle"
    assert (site / "pagefind" / "pagefind.js").read_text(encoding="utf-8") == "// précédent"
    assert not list(scratch.iterdir())
