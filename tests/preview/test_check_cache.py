"""`mitkb check` with its cache gives exactly the result of an uncached check."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from mitkb.freshness import overdue_warnings
from mitkb.glossary import acronym_warnings
from mitkb.preview.checking import CACHE_FILE, CheckCache, check_with_cache
from mitkb.references import check_site

TODAY = dt.date(2026, 11, 27)
INVALID = Path(__file__).resolve().parent.parent / "fixtures" / "invalid"
GUIDE = "guides/methodes/suivre-step.yml"


def same_as_uncached(root: Path, cache: CheckCache | None = None, today: dt.date = TODAY):
    site, expected = check_site(root, today)
    if cache is None:
        result = check_with_cache(root, today)
        assert result.acronyms == acronym_warnings(root, site.terms)
    else:
        result = cache.check(root, today)
    assert result.errors == expected
    assert result.overdue == overdue_warnings(site, today)
    return result


def edit(root: Path, relative: str, old: str, new: str) -> None:
    path = root / relative
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_every_invalid_example_then_its_removal(tiny_site: Path):
    cache = CheckCache(keep_models=False)
    assert same_as_uncached(tiny_site, cache).errors == []
    for case in sorted(INVALID.glob("*/*.yml")):
        shutil.copy(case, tiny_site / "guides" / case.parent.name / case.name)
    result = same_as_uncached(tiny_site, cache)
    assert {e.path for e in result.errors} == {f"guides/{c.parent.name}/{c.name}" for c in INVALID.glob("*/*.yml")}
    assert all(e.line for e in result.errors if "vide" not in e.path)  # positions kept through the cache
    # Unchanged files are not read again; the verdicts are the cached ones.
    again = same_as_uncached(tiny_site, cache)
    assert again.changed == set()
    for case in sorted(INVALID.glob("*/*.yml")):
        (tiny_site / "guides" / case.parent.name / case.name).unlink()
    assert same_as_uncached(tiny_site, cache).errors == []


def test_edits_through_the_disk_cache(tiny_site: Path):
    assert same_as_uncached(tiny_site).errors == []
    assert (tiny_site / CACHE_FILE).is_file()
    edits = [
        (GUIDE, "referent: mit", "referent: mitt"),            # unknown id: error with its hint
        (GUIDE, "referent: mitt", "referent: mit"),            # fixed
        ("guides/modeles/lettre-consultation.yml", "titre:", "titre: \n  -"),  # broken YAML
        ("guides/modeles/lettre-consultation.yml", "titre: \n  -", "titre:"),  # fixed
        (GUIDE, "Rassemblez", "À COMPLÉTER Rassemblez"),         # placeholder at its line
        (GUIDE, "À COMPLÉTER Rassemblez", "Rassemblez"),
        (GUIDE, "Rassemblez", "Rassemblez les ZQXW"),           # an acronym the glossary lacks
        (GUIDE, "Rassemblez les ZQXW", "Rassemblez"),
    ]
    for relative, old, new in edits:
        edit(tiny_site, relative, old, new)
        result = same_as_uncached(tiny_site)
        assert relative in result.changed
        if new.startswith("titre: \n") or "mitt" in new or "COMPL" in new:
            assert any(e.path == relative and e.line for e in result.errors)
    # A data change (a threshold) reaches the items that use it.
    seuils = tiny_site / "data" / "seuils.yml"
    text = seuils.read_text(encoding="utf-8")
    seuils.write_text(text.replace("sans-publicite-fournitures-services", "sans-publicite-fs"), encoding="utf-8")
    result = same_as_uncached(tiny_site)
    assert any(e.path == GUIDE for e in result.errors)
    seuils.write_text(text, encoding="utf-8")
    assert same_as_uncached(tiny_site).errors == []


def test_another_date_and_overdue_reviews(tiny_site: Path):
    cache = CheckCache(keep_models=False)
    same_as_uncached(tiny_site, cache)
    later = dt.date(2028, 1, 1)
    result = same_as_uncached(tiny_site, cache, later)
    assert [w.path for w in result.overdue] and all(w.line for w in result.overdue)


def test_a_stale_or_foreign_cache_file_is_ignored(tiny_site: Path):
    (tiny_site / CACHE_FILE).parent.mkdir(parents=True)
    (tiny_site / CACHE_FILE).write_bytes(b"pas un cache")
    assert same_as_uncached(tiny_site).errors == []


def test_the_real_content(tmp_path: Path):
    root = Path(__file__).resolve().parent.parent.parent
    project = tmp_path / "projet"
    for part in ("data", "guides", "docs", "mkdocs.yml"):
        source = root / part
        (shutil.copytree if source.is_dir() else shutil.copy)(source, project / part)
    same_as_uncached(project)
    first = next((project / "guides" / "methodes").glob("*.yml"))
    edit(project, first.relative_to(project).as_posix(), "titre:", "titre: Nouveau titre —")
    same_as_uncached(project)


def test_the_command_prints_the_same_with_and_without_cache(tiny_site: Path):
    import os
    import subprocess
    import sys

    def check(*options: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "mitkb.cli", "check", *options], capture_output=True, text=True,
                              cwd=tiny_site, env=dict(os.environ, MITKB_DATE="2026-11-27"))

    for case in sorted(INVALID.glob("methodes/*.yml"))[:5]:
        shutil.copy(case, tiny_site / "guides" / "methodes" / case.name)
    uncached = check("--sans-cache")
    assert uncached.returncode == 1 and "guides/methodes/" in uncached.stderr
    for _ in range(2):  # the cache filled, then used
        cached = check()
        assert (cached.returncode, cached.stdout, cached.stderr) == (
            uncached.returncode, uncached.stdout, uncached.stderr)
    assert (tiny_site / CACHE_FILE).is_file()
