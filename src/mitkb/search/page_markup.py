"""Mark what Pagefind indexes in each page: the content, never the theme's chrome.

The content HTML of a page is wrapped in ``data-pagefind-body``: once one page has
it, Pagefind indexes only such pages, so the header, navigation, footer, the 404
page and the excluded pages stay out of the index.
"""

from __future__ import annotations

import html
from typing import Any, Mapping

from .next_steps import staff_markup
from .synonyms import SynonymFinder

# Listings repeat the titles and summaries of the items they list: they are navigation,
# not answers, and being short they would outrank the items themselves.
LISTING_PAGES = frozenset({"methodes/index.md", "modeles/index.md", "ateliers/index.md"})


BODY_START = "<div data-pagefind-body>"
# Marks the end of the indexed part, so the indexer can take it without parsing the page.
BODY_END = "<!--/mitkb-index-->"


def is_excluded(meta: Mapping[str, Any] | None, path: str | None = None) -> bool:
    """Out of the index: listings, and pages whose front matter says
    ``search: {exclude: true}`` (Material's convention)."""
    if path in LISTING_PAGES:
        return True
    search = (meta or {}).get("search")
    return isinstance(search, Mapping) and bool(search.get("exclude"))


def searchable_page_html(content: str, title: str | None, synonyms: SynonymFinder | None = None,
                         staff: bool = False) -> str:
    """The page content wrapped for Pagefind, with its title and acronym synonyms; a page
    for the MIT's staff gets the kind « Contribuer au site » (out of the default results)."""
    if synonyms is not None:
        content = synonyms.annotate(content, title)
    if staff:
        content += staff_markup()
    hidden = ""
    if title:
        hidden = f'<div hidden><span data-pagefind-meta="title:{html.escape(title)}"></span></div>'
    return f"{BODY_START}{content}{hidden}</div>{BODY_END}"
