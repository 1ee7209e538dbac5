"""Review dates: an overdue guide says so, and `mitkb check` lists it."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

from mitkb.freshness import overdue_items
from mitkb.pages import PageRenderer
from mitkb.references import check_site


def test_overdue_banner_appears_only_after_the_review_date(tiny_site: Path):
    site, errors = check_site(tiny_site, dt.date(2027, 11, 27))
    assert errors == []
    on_time = PageRenderer(site, dt.date(2027, 11, 27)).guide(site.guides["suivre-step"])
    late = PageRenderer(site, dt.date(2027, 11, 28)).guide(site.guides["suivre-step"])
    assert "Ce contenu doit être relu" not in on_time
    assert '!!! warning "Ce contenu doit être relu"' in late
    assert "Sa relecture était prévue le 27 novembre 2027" in late
    assert "contactez Mission Ingénierie des Territoires" in late
    assert "Relu le 27 novembre 2026" in late
    late_template = PageRenderer(site, dt.date(2027, 11, 28)).template(site.templates["lettre-consultation"])
    assert "Ce contenu doit être relu" in late_template
    assert [i.slug for i in overdue_items(site, dt.date(2027, 11, 28))] == ["suivre-step", "lettre-consultation"]


def check(project: Path, *args: str, date: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, MITKB_DATE=date)
    return subprocess.run([sys.executable, "-m", "mitkb.cli", "check", *args],
                          capture_output=True, text=True, cwd=project, env=env)


def test_check_warns_about_overdue_content_and_can_fail(tiny_site: Path):
    relaxed = check(tiny_site, date="2027-12-01")
    assert relaxed.returncode == 0
    assert ("attention : guides/methodes/suivre-step.yml:24:22: champ « prochaine_relecture » : "
            "relecture dépassée depuis le 2027-11-27") in relaxed.stderr
    assert "2 contenu(s) à relire (avertissement)." in relaxed.stderr
    strict = check(tiny_site, "--relecture-stricte", date="2027-12-01")
    assert strict.returncode == 1
    assert check(tiny_site, "--relecture-stricte", date="2027-11-27").returncode == 0
