"""Fixtures for the downloadable documents: the real templates generated once."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from mitkb.documents import generate_documents
from mitkb.references import check_site

ROOT = Path(__file__).resolve().parents[2]
BUILD_DATE = dt.date(2026, 11, 27)


def load_real_site(today: dt.date = BUILD_DATE):
    site, errors = check_site(ROOT, today)
    assert errors == [], [e.format() for e in errors]
    return site


def copy_project(target: Path) -> Path:
    """The real data and templates, in a folder a test may edit."""
    shutil.copytree(ROOT / "data", target / "data")
    shutil.copytree(ROOT / "guides" / "modeles", target / "guides" / "modeles")
    return target


@pytest.fixture(scope="session")
def real_site():
    return load_real_site()


@pytest.fixture(scope="session")
def generated(real_site, tmp_path_factory):
    """Every real template in both formats, generated once with an empty cache."""
    return generate_documents(real_site, BUILD_DATE, tmp_path_factory.mktemp("cache"))


@pytest.fixture(scope="session")
def files_by_path(generated) -> dict[str, bytes]:
    return {f.path: f.content for f in generated.files}
