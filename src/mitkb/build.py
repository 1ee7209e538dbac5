"""One entry point for adapters: check the tree, then render its pages."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from .content import Site
from .errors import ContentErrors
from .facts import Facts
from .pages import GeneratedFile, GeneratedPage, PageRenderer
from .references import check_site


@dataclass
class BuildResult:
    site: Site
    today: dt.date
    pages: list[GeneratedPage]
    files: list[GeneratedFile] = field(default_factory=list)

    @property
    def facts(self) -> Facts:
        return Facts(self.site, self.today)


def build_content(root: Path, today: dt.date) -> BuildResult:
    """Validate everything (raising ContentErrors with every error) and render pages."""
    site, errors = check_site(Path(root), today)
    if errors:
        raise ContentErrors(errors)
    pages = PageRenderer(site, today).all_pages()
    return BuildResult(site, today, pages)
