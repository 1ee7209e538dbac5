"""Listings stay light as the catalogue grows: beyond a limit, one page per group."""

from __future__ import annotations

import datetime as dt
import posixpath
import re

import pytest

from mitkb import pages as pages_module
from mitkb.pages import PageRenderer
from mitkb.references import check_site
from mitkb.search.page_markup import is_excluded

from ..conftest import ROOT

TODAY = dt.date(2026, 11, 27)
LINK = re.compile(r"\]\(([^)#]+)\)")


def _render(monkeypatch, limit: int):
    monkeypatch.setattr(pages_module, "LISTING_LIMIT", limit)
    site, errors = check_site(ROOT, TODAY)
    assert errors == []
    return {page.path: page.markdown for page in PageRenderer(site, TODAY).all_pages()}, site


def _links(page: str, markdown: str) -> set[str]:
    """The pages a generated page links to, as docs paths."""
    return {posixpath.normpath(posixpath.join(posixpath.dirname(page), target)) for target in LINK.findall(markdown)}


def test_short_listings_stay_on_one_page(monkeypatch):
    rendered, site = _render(monkeypatch, limit=1_000)
    assert not [path for path in rendered if path.startswith(("methodes/domaine/", "modeles/procedure/"))]
    assert all(f"{guide.page_path.removeprefix('methodes/')}" in rendered["methodes/index.md"]
               for guide in site.guides.values())


@pytest.mark.parametrize("kind, grouped_by", [("methodes", "domaine"), ("modeles", "procedure")])
def test_a_long_listing_becomes_an_index_of_group_pages(monkeypatch, kind, grouped_by):
    rendered, site = _render(monkeypatch, limit=2)
    items = {item.page_path for item in site.all_items() if item.kind == kind}
    index = rendered[f"{kind}/index.md"]
    group_pages = sorted(path for path in rendered if path.startswith(f"{kind}/{grouped_by}/"))
    first_pages = [path for path in group_pages if path.count("/") == 2]
    assert len(first_pages) >= 2

    # The index links to the first page of every group and to no item: its size no longer
    # grows with them.
    assert _links(f"{kind}/index.md", index) & items == set()
    assert set(first_pages) <= _links(f"{kind}/index.md", index)
    assert "voir la liste" in index

    # Each item is listed on exactly one group page, which links back to the index and
    # stays out of the search index (a listing is navigation, not an answer).
    listed: list[str] = []
    for path in group_pages:
        markdown = rendered[path]
        linked = _links(path, markdown)
        listed += sorted(linked & items)
        assert f"{kind}/index.md" in linked
        front_matter = markdown.split("---")[1]
        assert "search:\n  exclude: true" in front_matter
        assert is_excluded({"search": {"exclude": True}}, path)
        assert re.search(r"^# .+ : .+$", markdown, re.M), "the group is named in the page title"
    assert sorted(listed) == sorted(items)


def test_group_pages_hold_at_most_the_limit_and_link_to_each_other(monkeypatch):
    rendered, site = _render(monkeypatch, limit=2)
    mapa = sorted(path for path in rendered if path.startswith("modeles/procedure/mapa"))
    assert len(mapa) >= 2, "the real catalogue has more than two MAPA templates"
    assert mapa[0] == "modeles/procedure/mapa.md" and mapa[1] == "modeles/procedure/mapa/2.md"
    items = {item.page_path for item in site.templates.values()}
    for number, path in enumerate(mapa, start=1):
        markdown = rendered[path]
        assert len(_links(path, markdown) & items) <= 2
        assert f"(page {number} sur {len(mapa)})" in markdown.splitlines()[1]  # the title
        assert f"Page {number} sur {len(mapa)} :" in markdown
        others = set(mapa) - {path}
        assert others <= _links(path, markdown), "every other page of the group is one click away"


def test_theme_pages_are_paginated_too(monkeypatch):
    rendered, site = _render(monkeypatch, limit=3)
    items = {item.page_path for item in site.all_items()}
    paginated = {path.split("/")[1] for path in rendered if path.startswith("themes/") and path.count("/") == 2}
    assert paginated, "some theme lists more than three items"
    for theme in paginated:
        pages = sorted(path for path in rendered if path == f"themes/{theme}.md" or path.startswith(f"themes/{theme}/"))
        listed = [target for path in pages for target in sorted(_links(path, rendered[path]) & items)]
        assert len(listed) == len(set(listed)), "no item twice"
        assert all(len(_links(path, rendered[path]) & items) <= 3 for path in pages)
        one_page = _render(monkeypatch, limit=1_000)[0][f"themes/{theme}.md"]
        assert set(listed) == _links(f"themes/{theme}.md", one_page) & items, "the same items as on one page"


def test_workshops_are_grouped_by_year_only_when_there_are_several_years(monkeypatch):
    rendered, site = _render(monkeypatch, limit=0)
    years = {workshop.model.sort_key[:4] for workshop in site.workshops.values()}
    year_pages = [path for path in rendered if path.startswith("ateliers/annee/")]
    assert len(year_pages) == (len(years) if len(years) > 1 else 0)
