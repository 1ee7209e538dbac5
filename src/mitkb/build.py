"""One entry point for adapters: check the tree, then render its pages."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from .content import Site
from .documents import generate_documents
from .documents.cache import CACHE_DIR
from .changes import FEED_PATH, latest_changes
from .errors import ContentError, ContentErrors
from .facts import Facts
from .feed import render_feed
from .pages import GeneratedFile, GeneratedPage, PageRenderer
from .procedure import ProcedureTool
from .publishing import Publishing, SiteSettings, resolve_publishing
from .publisher.request_form import request_form_files
from .publisher.request_page import FORM_SLUG
from .references import check_site


@dataclass
class BuildResult:
    site: Site
    today: dt.date
    pages: list[GeneratedPage]
    files: list[GeneratedFile] = field(default_factory=list)
    publishing: Publishing = field(default_factory=Publishing)

    @property
    def page_sources(self) -> dict[str, str | None]:
        """Generated page path → the file it comes from (None for listings made by code)."""
        return {page.path: page.source for page in self.pages}

    @property
    def facts(self) -> Facts:
        return Facts(self.site, self.today)


def build_content(root: Path, today: dt.date, documents: bool = True,
                  settings: SiteSettings | None = None) -> BuildResult:
    """Validate everything (raising ContentErrors with every error), generate the
    templates' downloadable documents (cached in .cache/documents/) and render pages."""
    site, errors = check_site(Path(root), today)
    if errors:
        raise ContentErrors(errors)
    publishing = _publishing(Path(root), settings)  # one `git log` for the whole tree
    make_documents = (lambda site, today: generate_documents(site, today, Path(root) / CACHE_DIR)) if documents else None
    return render_content(site, today, publishing, make_documents)


def render_content(site: Site, today: dt.date, publishing: Publishing, make_documents=None,
                   items: list | None = None, listings: bool = True) -> BuildResult:
    """The pages and files of a valid site. ``make_documents(site, today)`` generates the
    downloadable documents (None: none); ``items`` limits the item pages rendered to
    these items (the preview, which keeps the others), every listing being rendered unless
    ``listings`` is False (the preview, when no listing can have changed)."""
    generated = make_documents(site, today) if make_documents else None
    downloads = dict(generated.downloads) if generated else {}
    # « Fiche de demande d'accompagnement » (mitkb.publisher), through the same document pipeline.
    form_files, downloads[FORM_SLUG] = request_form_files(site, site.root / CACHE_DIR) if make_documents else ([], [])
    notices = generated.notices if generated else {}
    renderer = PageRenderer(site, today, downloads=downloads, publishing=publishing, notices=notices)
    pages = renderer.listing_pages() if listings else []
    pages += [renderer.item_page(item) for item in (site.all_items() if items is None else items)]
    files = (list(generated.files) if generated else []) + form_files
    if site.procedure_rules is not None:  # « Quelle procédure pour mon achat ? »
        tool = ProcedureTool(site, site.procedure_rules, today)
        pages += tool.pages()
        files += tool.files()
    if publishing.site_url:  # RSS links must be absolute: no feed without the site's address
        feed = render_feed(latest_changes(site, today, publishing.git), publishing, today)
        files.append(GeneratedFile(FEED_PATH, feed))
    return BuildResult(site, today, pages, files, publishing)


def _publishing(root: Path, settings: SiteSettings | None) -> Publishing:
    try:
        return resolve_publishing(root, settings)
    except ValueError as exc:
        raise ContentErrors([ContentError("configuration", message=str(exc))]) from None
