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
from .publishing import Publishing, SiteSettings, resolve_publishing
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
    generated = generate_documents(site, today, Path(root) / CACHE_DIR) if documents else None
    downloads = generated.downloads if generated else {}
    publishing = _publishing(Path(root), settings)  # one `git log` for the whole tree
    notices = generated.notices if generated else {}
    pages = PageRenderer(site, today, downloads=downloads, publishing=publishing, notices=notices).all_pages()
    files = list(generated.files) if generated else []
    if publishing.site_url:  # RSS links must be absolute: no feed without the site's address
        feed = render_feed(latest_changes(site, today), publishing, today)
        files.append(GeneratedFile(FEED_PATH, feed))
    return BuildResult(site, today, pages, files, publishing)


def _publishing(root: Path, settings: SiteSettings | None) -> Publishing:
    try:
        return resolve_publishing(root, settings)
    except ValueError as exc:
        raise ContentErrors([ContentError("configuration", message=str(exc))]) from None
