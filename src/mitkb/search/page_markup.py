"""Mark what Pagefind indexes in each page: the content, never the theme's chrome.

The content HTML of a page is wrapped in ``data-pagefind-body``: once one page has
it, Pagefind indexes only such pages, so the header, navigation, footer, the 404
page and the excluded pages stay out of the index.
"""

from __future__ import annotations

import html
import re
from typing import Any, Mapping

from .next_steps import staff_markup
from .synonyms import SynonymFinder
from ..typography import french_text

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


_H1 = re.compile(r"<h1\b[^>]*>(.*?)</h1>", re.S)
_HEADERLINK = re.compile(r'<a class="headerlink".*?</a>', re.S)
_TAG = re.compile(r"<[^>]+>")
_WORDS = re.compile(r"\w+")


def result_title(content: str, title: str | None) -> str | None:
    """The title a result shows: the page's heading when it completes a shorter navigation
    title (« Quelle procédure ? » → « Quelle procédure pour mon achat ? »), so that the
    result reads as the page does; else the page's title."""
    found = _H1.search(content)
    if not found or not title:
        return title
    heading = html.unescape(_TAG.sub("", _HEADERLINK.sub("", found.group(1))))
    heading = " ".join(heading.split())
    words = set(_WORDS.findall(heading.casefold()))
    if len(heading) > len(title) and set(_WORDS.findall(title.casefold())) <= words:
        return heading
    return title


def searchable_page_html(content: str, title: str | None, synonyms: SynonymFinder | None = None,
                         staff: bool = False) -> str:
    """The page content wrapped for Pagefind, with its title and acronym synonyms; a page
    for the MIT's staff gets the kind « Contribuer au site » (out of the default results)."""
    title = result_title(content, title)
    if synonyms is not None:
        content = synonyms.annotate(content, title)
    if staff:
        content += staff_markup()
    hidden = ""
    if title:
        # An attribute: the page's typography pass leaves it alone, so the title is set here.
        hidden = f'<div hidden><span data-pagefind-meta="title:{html.escape(french_text(title))}"></span></div>'
    return f"{BODY_START}{content}{hidden}</div>{BODY_END}"
