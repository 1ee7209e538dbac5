"""Site search with Pagefind: what each page tells the index, and the indexing itself.

- ``facets``: the filters and metadata of each item (kind, field or theme, audience,
  procedure), as hidden Pagefind markup in the generated pages;
- ``synonyms``: glossary acronyms and their long forms, added to the indexed text so
  that « STEP » finds the pages about stations d'épuration and the reverse;
- ``page_markup``: marks the content of each page as the part Pagefind indexes;
- ``indexer``: runs Pagefind over the site MkDocs just wrote (``index_site``).

Nothing here imports MkDocs.
"""

from .facets import FieldIndex, SearchTags, item_tags, tags_markup
from .indexer import (
    SearchIndexError,
    SearchRecord,
    contact_records,
    index_built_site,
    index_site,
    search_enabled,
    start_built_site_index,
    start_index,
)
from .page_markup import is_excluded, searchable_page_html
from .synonyms import SynonymFinder

__all__ = [
    "FieldIndex",
    "SearchIndexError",
    "SearchRecord",
    "SearchTags",
    "SynonymFinder",
    "contact_records",
    "index_built_site",
    "index_site",
    "is_excluded",
    "item_tags",
    "search_enabled",
    "start_built_site_index",
    "start_index",
    "searchable_page_html",
    "tags_markup",
]
