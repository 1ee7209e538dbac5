"""Same source, same bytes; a warm cache runs pandoc for nothing that did not change."""

from __future__ import annotations

import datetime as dt
import logging
import os
import time
from pathlib import Path

import pytest

from mitkb.build import build_content
from mitkb.documents import generate_documents
from mitkb.documents import generate as generate_module
from mitkb.documents.cache import CACHE_DIR

from .conftest import BUILD_DATE, copy_project, load_real_site


def test_a_second_generation_without_cache_is_byte_identical(generated, real_site, tmp_path):
    again = generate_documents(real_site, BUILD_DATE, tmp_path / "other-cache")
    assert again.stats.generated == len(generated.files) == 4 * len(real_site.templates)  # document and notice, 2 formats
    assert [(f.path, f.content) for f in again.files] == [(f.path, f.content) for f in generated.files]


def test_without_a_cache_folder_documents_are_still_generated(real_site, generated):
    uncached = generate_documents(real_site, BUILD_DATE, None)
    assert uncached.stats.reused == 0
    assert [f.content for f in uncached.files] == [f.content for f in generated.files]


def document_count(site) -> int:
    return 4 * len(site.templates)  # document and notice, 2 formats


# The two thresholds whose value changes on 1 April 2026 (data/seuils.yml).
CHANGED_ON_1_APRIL_2026 = ("sans-publicite-fournitures-services", "gratuite-dce")


def printing_the_changed_thresholds(site) -> set[str]:
    """The files that print a threshold changing on 1 April 2026: the notice of every template
    that lists or cites one, and the document itself when its sections (text or drafting
    notes, which become comments) cite one."""
    def cites(texts) -> bool:
        return any(f"seuil('{t}')" in text for text in texts for t in CHANGED_ON_1_APRIL_2026)

    names = set()
    for slug, item in site.templates.items():
        model = item.model
        body = [s.text for s in model.body] + [note for s in model.body for note in s.notes]
        everything = body + [model.purpose, model.when] + [f.help or "" for f in model.fields]
        if cites(body):
            names.add(slug)
        if cites(everything) or set(model.thresholds) & set(CHANGED_ON_1_APRIL_2026):
            names.add(f"{slug}-notice")
    return {f"telechargements/{name}.{kind}" for name in names for kind in ("docx", "odt")}


def test_warm_cache_reuses_every_document(real_site, tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    total = document_count(real_site)
    cold = generate_documents(real_site, BUILD_DATE, cache)
    assert (cold.stats.generated, cold.stats.reused) == (total, 0)

    def no_pandoc(*args, **kwargs):
        raise AssertionError("pandoc ne doit pas tourner avec un cache chaud")

    monkeypatch.setattr(generate_module, "convert", no_pandoc)
    warm = generate_documents(real_site, BUILD_DATE, cache)
    assert (warm.stats.generated, warm.stats.reused) == (0, total)
    assert [f.content for f in warm.files] == [f.content for f in cold.files]


def test_only_documents_whose_thresholds_changed_are_regenerated(tmp_path):
    """On 1 April 2026 two thresholds change: only the files that print them are redone
    (the notices of the templates that cite them, and the documents whose text or drafting
    notes, which become comments, cite one)."""
    cache = tmp_path / "cache"
    site = load_real_site(dt.date(2026, 4, 1))
    before = generate_documents(load_real_site(dt.date(2026, 3, 31)), dt.date(2026, 3, 31), cache)
    after = generate_documents(site, dt.date(2026, 4, 1), cache)
    changed = {f.path for f, g in zip(before.files, after.files) if f.content != g.content}
    expected = printing_the_changed_thresholds(site)
    assert "telechargements/reglement-consultation-mapa-travaux.docx" in expected  # its drafting note
    assert "telechargements/lettre-consultation-sans-publicite-notice.odt" in expected
    assert changed == expected
    assert (after.stats.generated, after.stats.reused) == (len(expected), document_count(site) - len(expected))


def test_editing_one_template_regenerates_only_its_documents(tmp_path):
    project = copy_project(tmp_path / "projet")
    first = build_content(project, BUILD_DATE)
    source = project / "guides" / "modeles" / "decision-attribution.yml"
    source.write_text(source.read_text(encoding="utf-8").replace('version: "1.0"', 'version: "1.1"'), encoding="utf-8")
    second = build_content(project, BUILD_DATE)
    changed = {f.path for f, g in zip(first.files, second.files) if f.content != g.content}
    # The version is printed in the notice only.
    assert changed == {"telechargements/decision-attribution-notice.docx", "telechargements/decision-attribution-notice.odt"}
    assert any((project / CACHE_DIR).rglob("*.docx"))


def test_build_logs_the_cache_hits(tmp_path, caplog):
    project = copy_project(tmp_path / "projet")
    build_content(project, BUILD_DATE)
    caplog.clear()
    with caplog.at_level(logging.INFO, logger="mitkb.documents"):
        result = build_content(project, BUILD_DATE)
    assert f"Documents à télécharger : 0 générés, {document_count(result.site)} repris du cache" in caplog.messages
    assert sorted(f.path for f in result.files if f.path.startswith("telechargements/")) == sorted(
        [f"telechargements/{slug}{suffix}.{kind}"
         for slug in result.site.templates for kind in ("docx", "odt") for suffix in ("", "-notice")]
        # The request form of mitkb.publisher, made by the same pipeline.
        + [f"telechargements/fiche-demande-accompagnement.{kind}" for kind in ("docx", "odt")]
    )


@pytest.mark.parametrize("date", ["2026-03-31", "2026-11-27"])
def test_template_pages_offer_both_formats_with_their_size(tmp_path, date):
    project = copy_project(tmp_path / "projet")
    result = build_content(project, dt.date.fromisoformat(date))
    sizes = {f.path: len(f.content) for f in result.files}
    for page in result.pages:
        if not page.path.startswith("modeles/") or page.path.endswith("index.md"):
            continue
        slug = Path(page.path).stem
        assert "## Télécharger le modèle" in page.markdown
        for kind, name in (("docx", "Word"), ("odt", "OpenDocument")):
            size = sizes[f"telechargements/{slug}.{kind}"]
            kilobytes = -(-size // 1000)
            link = f"- [{name} (.{kind}), {kilobytes}\u00a0Ko](../telechargements/{slug}.{kind})"
            assert link in page.markdown, page.path


def test_entries_unused_for_a_month_are_pruned_when_something_is_regenerated(real_site, tmp_path):
    cache = tmp_path / "cache"

    def documents_in_cache() -> set[Path]:
        return {p for p in cache.glob("??/*") if p.suffix in (".docx", ".odt")}

    def age_everything() -> None:
        two_months_ago = time.time() - 60 * 86400
        for path in cache.rglob("*"):
            os.utime(path, (two_months_ago, two_months_ago))

    total = document_count(real_site)
    differing = len(printing_the_changed_thresholds(real_site))
    generate_documents(real_site, BUILD_DATE, cache)
    assert len(documents_in_cache()) == total
    age_everything()
    warm = generate_documents(real_site, BUILD_DATE, cache)
    assert warm.stats.generated == 0 and len(documents_in_cache()) == total  # nothing regenerated, nothing pruned
    age_everything()
    # On 31 March 2026, the files printing the changed thresholds differ: the others are reused
    # (and so kept), those are generated, and the ones they replace, unused for two months,
    # are deleted.
    earlier = generate_documents(load_real_site(dt.date(2026, 3, 31)), dt.date(2026, 3, 31), cache)
    assert (earlier.stats.generated, earlier.stats.reused) == (differing, total - differing)
    assert len(documents_in_cache()) == total
    assert len(list(cache.glob("reference-*"))) == 2  # in use, so kept
    again = generate_documents(load_real_site(dt.date(2026, 3, 31)), dt.date(2026, 3, 31), cache)
    assert again.stats.generated == 0
