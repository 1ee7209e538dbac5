"""The engine side of a build, tested without MkDocs."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from mitkb.site_session import SiteSession


def test_outputs_keep_item_pages_out_of_the_navigation(tiny_site: Path):
    session = SiteSession.start(tiny_site, dt.date(2026, 11, 27))
    outputs = {o.path: o for o in session.outputs(existing=set())}
    assert outputs["methodes/index.md"].in_nav
    assert not outputs["methodes/suivre-step.md"].in_nav
    assert outputs["telechargements/lettre-consultation.odt"].content[:2] == b"PK"
    assert any(path.endswith(".js") for path in outputs)  # the search page's script
    overridden = {path for path in outputs if path.endswith(".js")}
    assert not overridden & {o.path for o in session.outputs(existing=overridden)}


def test_abbreviations_only_added_to_hand_written_pages(tiny_site: Path):
    session = SiteSession.start(tiny_site, dt.date(2026, 11, 27))
    assert session.page_markdown("# Page", "methodes/suivre-step.md") == "# Page"
    assert "*[STEP]: Station d'épuration" in session.page_markdown("# Une STEP", "index.md")


def test_watched_folders(tiny_site: Path):
    session = SiteSession.start(tiny_site, dt.date(2026, 11, 27))
    assert [p.name for p in session.watched_dirs()] == ["guides", "data"]
