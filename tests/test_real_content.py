"""The real content: every file valid, the real site built with --strict."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from mitkb.references import check_site
from mitkb.schemas import SCHEMA_DIR, schema_documents

from .conftest import ROOT

CONTENT_FILES = sorted(ROOT.glob("guides/*/*.yml")) + sorted(ROOT.glob("data/*.yml"))


@pytest.fixture(scope="module")
def real_errors():
    _, errors = check_site(ROOT, dt.date(2026, 11, 27))
    return errors


@pytest.mark.parametrize("path", CONTENT_FILES, ids=[str(p.relative_to(ROOT)) for p in CONTENT_FILES])
def test_content_file_is_valid(real_errors, path: Path):
    relative = path.relative_to(ROOT).as_posix()
    assert [e.format() for e in real_errors if e.path == relative] == []


def test_no_error_anywhere(real_errors):
    assert [e.format() for e in real_errors] == []


def test_enough_real_content():
    assert len(list(ROOT.glob("guides/methodes/*.yml"))) >= 8
    assert len(list(ROOT.glob("guides/modeles/*.yml"))) >= 6
    assert len(list(ROOT.glob("guides/ateliers/*.yml"))) >= 1


@pytest.mark.parametrize("path", sorted(ROOT.glob("guides/*/*.yml")), ids=lambda p: p.name)
def test_content_never_writes_an_amount_in_euros(path: Path):
    """Legal figures live in data/seuils.yml; pages call {{ seuil(...) }}."""
    text = path.read_text(encoding="utf-8")
    assert not re.search(r"\d[\d   .]*\s*(€|euros?\b|k€)", text, re.IGNORECASE)


@pytest.mark.parametrize("path", sorted(ROOT.glob("guides/*/*.yml")), ids=lambda p: p.name)
def test_content_file_declares_its_schema(path: Path):
    kind = {"methodes": "methode", "modeles": "modele", "ateliers": "atelier"}[path.parent.name]
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert first == f"# yaml-language-server: $schema=../../schemas/{kind}.schema.json"


def test_schemas_are_in_sync_with_the_models():
    for relative, text in schema_documents().items():
        path = ROOT / SCHEMA_DIR / relative
        assert path.is_file(), f"{path} manquant : lancez « make schemas »"
        assert path.read_text(encoding="utf-8") == text, f"{relative} périmé : lancez « make schemas »"


def test_real_site_builds_strictly(built_site: Path):
    home = (built_site / "index.html").read_text(encoding="utf-8")
    for figure in ("209", "+81\u00a0%", "70\u00a0%", "100\u00a0%"):
        assert figure in home
    assert len(list((built_site / "methodes").glob("*/index.html"))) >= 8
    assert len(list((built_site / "modeles").glob("*/index.html"))) >= 6


def test_built_pages_request_no_third_party_host(built_site: Path):
    pattern = re.compile(r"""(?:src|href)=["'](?:https?:)?//([^/"']+)""")
    offenders = set()
    for page in built_site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        for tag in re.findall(r"<(?:script|link|img|iframe|source)\b[^>]*>", html):
            for host in pattern.findall(tag):
                offenders.add((page.relative_to(built_site).as_posix(), host))
    assert offenders == set()
    css = "".join(p.read_text(encoding="utf-8") for p in built_site.rglob("*.css"))
    assert "fonts.googleapis" not in css and "fonts.gstatic" not in css
