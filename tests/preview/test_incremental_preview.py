"""The preview renders again exactly the pages an edit changes, and its site is the
one a full build of the edited tree gives, byte for byte (search index aside)."""

from __future__ import annotations

import datetime as dt
import shutil
import time
from pathlib import Path

import pytest

from mitkb.adapters.mkdocs_build import build_site
from mitkb.adapters.mkdocs_preview import MkDocsPreview
from mitkb.preview.live import LivePreview

TODAY = dt.date(2026, 11, 27)
GUIDE = "guides/methodes/suivre-step.yml"
OTHER = "guides/methodes/entretenir-voirie.yml"


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*")
            if p.is_file() and "pagefind" not in p.relative_to(folder).parts}


def differing(before: dict[str, bytes], after: dict[str, bytes]) -> set[str]:
    return {path for path in set(before) | set(after) if before.get(path) != after.get(path)}


def full_build(project: Path, destination: Path) -> dict[str, bytes]:
    build_site(project / "mkdocs.yml", destination, strict=False)
    return snapshot(destination)


def edit(project: Path, relative: str, old: str, new: str) -> None:
    path = project / relative
    text = path.read_text(encoding="utf-8")
    assert old in text, (relative, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture
def project(tiny_site: Path, monkeypatch) -> Path:
    monkeypatch.setenv("MITKB_INDEX_SEARCH", "0")
    monkeypatch.setenv("MITKB_PDF", "0")  # as `mitkb previsualiser` does; search lags in the preview
    # A second guide that nothing links to: an edit of the first must leave its page alone.
    text = (tiny_site / GUIDE).read_text(encoding="utf-8")
    text = text.replace("titre: Suivre une station d'épuration", "titre: Entretenir la voirie communale")
    text = text.replace("modeles: [lettre-consultation]\n", "")
    (tiny_site / OTHER).write_text(text, encoding="utf-8")
    return tiny_site


def start(project: Path, tmp_path: Path) -> tuple[LivePreview, Path]:
    generator = MkDocsPreview(project / "mkdocs.yml", tmp_path / "apercu")
    preview = LivePreview(project, TODAY, generator, generator.settings())
    report = preview.start()
    assert report.errors == [] and report.complete
    return preview, tmp_path / "apercu"


EDITS = [
    # (file, old, new, pages that must be rendered again, among others that may be)
    ("titre d'un guide", GUIDE, "titre: Suivre une station d'épuration", "titre: Suivre sa station d'épuration"),
    ("étape d'un guide", GUIDE, "Notez les résultats des analyses.", "Notez les résultats de chaque analyse."),
    ("terme du glossaire", "data/glossaire.yml", "avant leur rejet", "avant leur retour"),
    ("seuil", "data/seuils.yml", "montant: 60000", "montant: 70000"),
    ("page écrite à la main", "docs/index.md", "Seuil :", "Seuil en vigueur :"),
    ("texte d'un atelier", "guides/ateliers/atelier-lancement.yml", "Premier atelier du réseau.",
     "Premier atelier du réseau Commande publique."),
]


@pytest.mark.parametrize("name, relative, old, new", EDITS, ids=[e[0] for e in EDITS])
def test_an_edit_renders_exactly_the_pages_it_changes(project: Path, tmp_path: Path, name, relative, old, new):
    reference = full_build(project, tmp_path / "avant")
    preview, folder = start(project, tmp_path)
    assert snapshot(folder) == reference  # the preview's first build is a full build
    edit(project, relative, old, new)
    report = preview.update({relative})
    assert report.errors == [] and not report.complete, report.lines()
    expected = full_build(project, tmp_path / "apres")
    changed = differing(reference, expected)
    assert changed, "the edit must change the site"
    assert snapshot(folder) == expected
    assert report.written == changed
    if relative.startswith("guides/"):  # an item edit: MkDocs renders only pages whose Markdown changed
        files = preview.generator.files
        assert {files.get_file_from_path(p).dest_uri for p in report.rendered} == {
            p for p in changed if p.endswith(".html")}
        assert "methodes/entretenir-voirie.md" not in report.rendered


def test_a_broken_file_is_reported_then_the_preview_recovers(project: Path, tmp_path: Path):
    preview, folder = start(project, tmp_path)
    good = snapshot(folder)
    edit(project, GUIDE, "referent: mit", "referent: [mit")
    report = preview.update({GUIDE})
    assert report.errors and all(e.path == GUIDE and e.line for e in report.errors)
    assert any(GUIDE + ":" in line for line in report.lines())
    assert snapshot(folder) == good  # the last valid pages stay
    edit(project, GUIDE, "referent: [mit", "referent: mit")
    edit(project, GUIDE, "titre: Suivre une station d'épuration", "titre: Suivre sa station d'épuration")
    report = preview.update({GUIDE})
    assert report.errors == []
    assert snapshot(folder) == full_build(project, tmp_path / "apres")


def test_a_new_item_rebuilds_everything(project: Path, tmp_path: Path):
    preview, folder = start(project, tmp_path)
    text = (project / OTHER).read_text(encoding="utf-8").replace("Entretenir la voirie", "Éclairer la voirie")
    (project / "guides/methodes/eclairer-voirie.yml").write_text(text, encoding="utf-8")
    report = preview.update({"guides/methodes/eclairer-voirie.yml"})
    assert report.errors == [] and report.complete
    assert snapshot(folder) == full_build(project, tmp_path / "apres")


def complete(preview: LivePreview):
    """Run the completion steps until nothing waits (the documents are made in a thread)."""
    last = None
    for _ in range(6000):
        report = preview.complete_step()
        if report is not None:
            assert report.errors == [], report.lines()
            last = report
        if not preview.pending:
            return last
        time.sleep(0.01)
    pytest.fail("la mise à jour des autres pages ne s'est pas terminée")


def test_a_data_edit_renders_the_open_pages_first_then_the_rest(project: Path, tmp_path: Path):
    reference = full_build(project, tmp_path / "avant")
    preview, folder = start(project, tmp_path)
    edit(project, "data/seuils.yml", "montant: 60000", "montant: 70000")
    expected = full_build(project, tmp_path / "apres")
    changed = differing(reference, expected)
    open_page = "methodes/suivre-step/index.html"
    assert open_page in changed

    report = preview.update({"data/seuils.yml"}, priority=preview.sources_of({"/methodes/suivre-step/"}))
    assert report.errors == [] and report.pending and not report.complete
    first = snapshot(folder)
    assert first[open_page] == expected[open_page]  # the open page is the full build's, already
    late = {path for path in changed if first.get(path) != expected.get(path)}
    assert late, "some pages or documents must wait for the completion (else the test proves nothing)"
    assert "methodes/entretenir-voirie.md" not in report.rendered  # an item page nobody has open
    assert report.written == changed - late

    final = complete(preview)
    assert final is not None and not final.pending
    assert snapshot(folder) == expected
    assert final.written == late
    assert preview.complete_step() is None


def test_an_item_edit_during_the_completion_is_previewed_and_the_end_is_right(project: Path, tmp_path: Path):
    preview, folder = start(project, tmp_path)
    edit(project, "data/seuils.yml", "montant: 60000", "montant: 70000")
    preview.update({"data/seuils.yml"}, priority=preview.sources_of({"/glossaire/"}))
    assert preview.pending
    edit(project, GUIDE, "titre: Suivre une station d'épuration", "titre: Suivre sa station d'épuration")
    report = preview.update({GUIDE}, priority=set())
    assert report.errors == [] and report.pending
    assert "Suivre sa station" in (folder / "methodes/suivre-step/index.html").read_text(encoding="utf-8")
    complete(preview)
    assert snapshot(folder) == full_build(project, tmp_path / "apres")


def test_the_open_pages_are_those_browsers_asked_for_lately():
    from mitkb.preview.server import PreviewState

    state = PreviewState()
    state.seen("/methodes/suivre-step/")
    state.seen("/glossaire/")
    assert state.open_pages() == {"/methodes/suivre-step/", "/glossaire/"}
    state._open["/glossaire/"] -= 60  # asked for a minute ago: closed since
    assert state.open_pages() == {"/methodes/suivre-step/"}


def test_only_fields_no_listing_shows_spare_the_listings(project: Path):
    from mitkb.content import load_site
    from mitkb.preview.content import same_listing_view

    before, _ = load_site(project)
    key = {("methodes", "suivre-step")}
    edit(project, GUIDE, "Notez les résultats des analyses.", "Notez les résultats de chaque analyse.")
    after_step, _ = load_site(project)
    assert same_listing_view(before, after_step, key)  # a step: only the guide's page shows it
    edit(project, GUIDE, "titre: Suivre une station d'épuration", "titre: Suivre sa station d'épuration")
    after_title, _ = load_site(project)
    assert not same_listing_view(after_step, after_title, key)  # a title: every listing shows it
    assert not same_listing_view(before, before, {("modeles", "lettre-consultation")})  # other kinds: always
