"""The guide catalogue covers every field and theme of the MIT (issue 18).

A guide's main subjects are its `domaine` and the first entry of its `themes`
(CONTRIBUTING.md, « Sujet principal d'un guide »).
"""

from __future__ import annotations

from collections import Counter

import pytest

from mitkb.content import load_site

from .conftest import ROOT


@pytest.fixture(scope="module")
def site():
    loaded, errors = load_site(ROOT)
    assert errors == []
    return loaded


def main_subjects(guide) -> set[str]:
    return {guide.domain, *guide.themes[:1]}


def test_at_least_twenty_guides(site):
    assert len(site.guides) >= 20


def test_at_least_three_guides_per_field(site):
    counts = Counter(item.model.domain for item in site.guides.values())
    fields = [d.id for d in site.domains.values() if d.type == "domaine"]
    assert fields and {f: counts[f] for f in fields if counts[f] < 3} == {}


def test_at_least_two_guides_per_theme_as_main_subject(site):
    counts = Counter(s for item in site.guides.values() for s in main_subjects(item.model))
    themes = [d.id for d in site.domains.values() if d.type == "theme"]
    assert themes and {t: counts[t] for t in themes if counts[t] < 2} == {}

