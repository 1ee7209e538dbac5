"""The preview's content: validated once, then updated file by file.

``PreviewContent`` keeps the validated site (through a ``CheckCache``), the
Markdown of every generated page and the bytes of every generated file. After
a change to some files it checks the tree again (only the changed files and the
verdicts their change invalidates are recomputed), renders again the pages that
can depend on the change, and returns the pages and files whose content differs
from the previous ones: the generator renders only those.

Which item pages can depend on a change to an item: the item itself and the items
it links to or that link to it (before and after the change: related guides,
templates and workshops show each other's titles). Listings (indexes, themes,
glossary, search, « Quoi de neuf », the procedure tool) are rendered every time and
compared. A change to ``data/`` or to the set of items renders every page.

A change to ``data/`` (a threshold, a glossary term) can touch most pages and every
document. Given the pages a reader has open (``priority``), ``update`` renders only
those, the listings and the hand-written pages, with the documents of the previous
render; ``complete`` then renders everything, the documents being generated again in
a background thread meanwhile (``complete`` returns None until they are ready).
"""

from __future__ import annotations

import datetime as dt
import threading
from dataclasses import dataclass, field
from pathlib import Path

from ..build import BuildResult, _publishing, render_content
from ..content import Item, Site
from ..documents import generate_documents
from ..documents.cache import CACHE_DIR
from ..errors import ContentError, ContentErrors
from ..publishing import Publishing, SiteSettings
from .checking import CheckCache

# Fields that only an item's own page shows: a change to them leaves every listing as it was
# (the byte-for-byte tests of tests/preview/ compare with a full build after such an edit).
PAGE_ONLY_FIELDS = {"methodes": frozenset({"etapes", "acteurs", "vigilance", "sources"})}

# Fields of an item that name other items, and the kind they name.
LINK_FIELDS = {"templates": "modeles", "workshops": "ateliers", "guides": "methodes", "superseded_by": "modeles"}


@dataclass
class ContentChange:
    """What changed in the generated content after an edit."""

    pages: dict[str, str] = field(default_factory=dict)  # path → Markdown, new or changed
    removed_pages: set[str] = field(default_factory=set)
    files: dict[str, bytes | str] = field(default_factory=dict)
    removed_files: set[str] = field(default_factory=set)
    data_changed: bool = False  # hand-written pages (macros, glossary) may have changed
    candidates: set[str] = field(default_factory=set)  # generated pages rendered again as Markdown
    errors: list[ContentError] = field(default_factory=list)
    added: bool = False  # pages or files appeared
    partial: bool = False  # only the pages read first: ``PreviewContent.complete`` renders the rest

    @property
    def structure_changed(self) -> bool:
        """Pages or files appeared or disappeared: the generator's list of files changes."""
        return bool(self.removed_pages or self.removed_files) or self.added


def links_of(item: Item) -> set[tuple[str, str]]:
    """(kind, slug) of the items an item names."""
    found = set()
    for name, kind in LINK_FIELDS.items():
        value = getattr(item.model, name, None)
        for slug in ([value] if isinstance(value, str) else value or []):
            found.add((kind, slug))
    return found


def same_listing_view(before: Site, after: Site, keys: set[tuple[str, str]]) -> bool:
    """Whether the items ``keys`` differ, between two trees, only in fields no listing shows."""
    old = {(i.kind, i.slug): i for i in before.all_items()}
    new = {(i.kind, i.slug): i for i in after.all_items()}
    for key in keys:
        page_only = PAGE_ONLY_FIELDS.get(key[0])
        if not page_only or key not in old or key not in new:
            return False
        if ({k: v for k, v in old[key].raw.items() if k not in page_only}
                != {k: v for k, v in new[key].raw.items() if k not in page_only}):
            return False
    return True


def related_items(site: Site, keys: set[tuple[str, str]]) -> set[tuple[str, str]]:
    """The items that name one of ``keys`` or that one of them names."""
    related = set()
    for item in site.all_items():
        links = links_of(item)
        if (item.kind, item.slug) in keys:
            related |= links
        elif links & keys:
            related.add((item.kind, item.slug))
    return related


class PreviewContent:
    def __init__(self, root: Path, today: dt.date, settings: SiteSettings | None = None,
                 documents: bool = True):
        self.root = Path(root)
        self.today = today
        self.settings = settings
        self.documents = documents
        self.cache = CheckCache(keep_models=True)
        self.result: BuildResult | None = None
        self.publishing: Publishing | None = None
        self._generated = None  # the documents of the last render
        self._pending: set[str] = set()  # changed files not yet rendered (the tree had errors)
        self.incomplete = False  # a partial update waits for ``complete``
        self._documents_job: _DocumentsJob | None = None

    # -- the first full render ----------------------------------------------------
    def start(self) -> BuildResult:
        """Check and render everything (raises ContentErrors)."""
        checked = self.cache.check(self.root, self.today)
        if checked.errors:
            raise ContentErrors(checked.errors)
        if self.publishing is None:
            self.publishing = _publishing(self.root, self.settings)  # one `git log`
        self._generated = None
        self.result = render_content(checked.site, self.today, self.publishing, self._documents(True))
        self._pending.clear()
        self.incomplete, self._documents_job = False, None
        return self.result

    def _documents(self, again: bool):
        if not self.documents:
            return None

        def make(site: Site, today: dt.date):
            if again or self._generated is None:
                self._generated = generate_documents(site, today, self.root / CACHE_DIR)
            return self._generated
        return make

    # -- one edit -----------------------------------------------------------------
    def update(self, paths: set[str], priority: set[str] | None = None) -> ContentChange:
        """The tree after a change to ``paths`` (relative, POSIX): the errors, or what changed.
        ``priority``: the pages (source paths) a reader has open; given, a change to data
        renders those first and leaves the rest to ``complete``."""
        self._pending |= set(paths)
        checked = self.cache.check(self.root, self.today)
        if checked.errors:
            return ContentChange(errors=checked.errors)
        previous = self.result
        if previous is None:  # the first render had failed
            self.start()
            change = ContentChange(pages={p.path: p.markdown for p in self.result.pages},
                                   files={f.path: f.content for f in self.result.files}, data_changed=True)
            change.added = True
            return change
        site = checked.site
        pending, self._pending = self._pending, set()
        data_changed = any(not path.startswith(("guides/", "docs/")) for path in pending)
        docs_changed = any(path.startswith("docs/") for path in pending)  # generated pages do not use them
        old_keys = {(i.kind, i.slug) for i in previous.site.all_items()}
        new_keys = {(i.kind, i.slug) for i in site.all_items()}
        everything = data_changed or old_keys != new_keys
        changed_keys = {(i.kind, i.slug) for i in site.all_items() if i.source in pending}
        if everything and priority is not None and old_keys == new_keys:
            return self._partial(previous, site, priority, data_changed or docs_changed)
        if everything:
            items = None
        else:
            keys = changed_keys | related_items(previous.site, changed_keys) | related_items(site, changed_keys)
            items = [i for i in site.all_items() if (i.kind, i.slug) in keys]
        documents_again = everything or any(kind == "modeles" for kind, _ in changed_keys)
        listings = everything or not same_listing_view(previous.site, site, changed_keys)
        rendered = render_content(site, self.today, self.publishing, self._documents(documents_again), items,
                                  listings=listings)
        result, change = self._merge(previous, rendered, items is None, keep_listings=not listings)
        if change.structure_changed and items is not None:  # a listing gained or lost a page
            rendered = render_content(site, self.today, self.publishing, self._documents(False))
            result, change = self._merge(previous, rendered, True)
        change.data_changed = data_changed or docs_changed
        self.result = result
        return change

    def _partial(self, previous: BuildResult, site: Site, priority: set[str], data_changed: bool) -> ContentChange:
        """The pages read first, the listings and the hand-written pages; the documents of the
        previous render (a template page read first may show a size that ``complete`` corrects)."""
        items = [item for item in site.all_items() if item.page_path in priority]
        rendered = render_content(site, self.today, self.publishing, self._documents(False), items)
        result, change = self._merge(previous, rendered, False)
        if change.structure_changed:  # cannot happen for the same items; be safe: everything now
            rendered = render_content(site, self.today, self.publishing, self._documents(True))
            result, change = self._merge(previous, rendered, True)
        else:
            change.partial = self.incomplete = True
            self._documents_job = None  # documents of an older tree are of no use
        change.data_changed = data_changed
        self.result = result
        return change

    def complete(self) -> ContentChange | None:
        """After a partial update, everything: None while the documents are being generated
        again (in a background thread) or when nothing waits."""
        if not self.incomplete or self.result is None:
            return None
        site = self.result.site
        if self.documents:
            job = self._documents_job
            if job is None or job.site is not site:
                self._documents_job = job = _DocumentsJob(site, self.today, self.root / CACHE_DIR)
            if not job.done.is_set():
                return None
            if job.error is not None:
                self.incomplete, self._documents_job = False, None
                raise job.error
            self._generated = job.documents
        rendered = render_content(site, self.today, self.publishing, self._documents(False))
        self.result, change = self._merge(self.result, rendered, True)
        self.incomplete, self._documents_job = False, None
        return change

    def _merge(self, previous: BuildResult, rendered: BuildResult, complete: bool, keep_listings: bool = False):
        old_pages = {p.path: p for p in previous.pages}
        new_pages = {p.path: p for p in rendered.pages}
        if not complete:  # item pages not rendered again keep their Markdown (and listings, if not rendered)
            rendered_items = {i.page_path for i in rendered.site.all_items()}
            for path, page in old_pages.items():
                if path not in new_pages and (path in rendered_items or keep_listings):
                    new_pages[path] = page
        old_files = {f.path: f for f in previous.files}
        new_files = {f.path: f for f in rendered.files}
        change = ContentChange(candidates={p.path for p in rendered.pages})
        change.pages = {path: p.markdown for path, p in new_pages.items()
                        if path not in old_pages or old_pages[path].markdown != p.markdown}
        change.removed_pages = set(old_pages) - set(new_pages)
        change.files = {path: f.content for path, f in new_files.items()
                        if path not in old_files or old_files[path].content != f.content}
        change.removed_files = set(old_files) - set(new_files)
        change.added = bool(set(new_pages) - set(old_pages) or set(new_files) - set(old_files))
        # Pages in the order of a full render (the generator's file list follows it).
        order = [p.path for p in rendered.pages] if complete else [p.path for p in previous.pages]
        pages = [new_pages[path] for path in order if path in new_pages]
        ordered = set(order)
        pages += [page for path, page in new_pages.items() if path not in ordered]
        result = BuildResult(rendered.site, self.today, pages, list(new_files.values()), self.publishing)
        return result, change


class _DocumentsJob:
    """The documents of one tree, generated in a background thread (pandoc runs in
    subprocesses: the preview keeps answering meanwhile)."""

    def __init__(self, site: Site, today: dt.date, cache_dir: Path):
        self.site = site
        self.documents = None
        self.error: Exception | None = None
        self.done = threading.Event()
        threading.Thread(target=self._run, args=(today, cache_dir), daemon=True).start()

    def _run(self, today: dt.date, cache_dir: Path) -> None:
        try:
            self.documents = generate_documents(self.site, today, cache_dir)
        except Exception as exc:  # noqa: BLE001 - reported by ``complete`` in the preview's loop
            self.error = exc
        finally:
            self.done.set()
