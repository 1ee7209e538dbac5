"""Run Pagefind over a built site and write its search bundle into ``<site>/pagefind/``.

Pagefind splits its index into small chunks: a first query downloads only the
chunks of its words and the excerpts of the results it shows, not the whole
index. Accents are folded (« epuration » finds « épuration ») and French words
are stemmed (« ponts » finds « pont »).
"""

from __future__ import annotations

import hashlib
import os
from html import escape
import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from ..content import Site
from .facets import CONTACT_LABEL, FILTER_KIND
from .index_text import prepare, restore_fragment_files
from .page_markup import BODY_END, BODY_START
from .second_process import SecondProcess

LANGUAGE = "fr"
# MITKB_INDEX_SEARCH=0 builds without the search index (e.g. to time the build alone).
SEARCH_SWITCH = "MITKB_INDEX_SEARCH"


def search_enabled(environ=None) -> bool:
    return (os.environ if environ is None else environ).get(SEARCH_SWITCH) != "0"

BUNDLE_DIR = "pagefind"
# Inside the indexed content, what is not text to search: permalinks, dates, the kind and
# field line (they are filters and metadata), phase labels and the referent card repeated
# on every item (contacts have their own results), the links to related items (a query for
# an item's title must find the item, not every page linking to it), the download box and
# the edit links. Fewer repeated words, smaller chunks, a faster index.
EXCLUDED_SELECTORS = [".headerlink", ".md-source-file", ".mitkb-review", ".mitkb-meta", ".mitkb-phase", ".mitkb-contact",
                      ".mitkb-renvois", ".mitkb-telechargement", ".mitkb-page-actions"]


class SearchIndexError(Exception):
    """Pagefind could not index the site (message in French)."""


@dataclass(frozen=True)
class SearchRecord:
    """A result that is not a whole page (e.g. one contact of the contacts page)."""

    url: str  # from the site root, starting with « / »
    title: str
    content: str
    meta: dict[str, str] = field(default_factory=dict)
    filters: dict[str, list[str]] = field(default_factory=dict)


@dataclass(frozen=True)
class IndexReport:
    pages: int
    records: int
    seconds: float
    bundle: Path


def contact_records(site: Site, contacts_url: str) -> list[SearchRecord]:
    """One search result per contact of data/contacts.yml, pointing at its card."""
    records = []
    base = "/" + contacts_url.lstrip("/")
    for contact in site.contacts.values():
        details = [contact.function, contact.organisation, contact.description, contact.email,
                   contact.phone, contact.address]
        content = " ".join([contact.name, *(d for d in details if d)])
        subtitle = " · ".join(d for d in (contact.function, contact.organisation) if d)
        meta = {"type": CONTACT_LABEL}
        if subtitle:
            meta["domaine"] = subtitle
        records.append(
            SearchRecord(f"{base}#{contact.id}", contact.name, " ".join(content.split()), meta,
                         {FILTER_KIND: [CONTACT_LABEL]})
        )
    return records


class IndexRun:
    """Pagefind indexing under way (``start_index``): the caller may do other work,
    e.g. check the links of the site, before ``finish`` waits for it."""

    def __init__(self, site_dir: Path, records: list[SearchRecord]):
        self.bundle = site_dir / BUNDLE_DIR
        self.records = len(records)
        self._start = time.perf_counter()
        self._helper = SecondProcess()
        html_pages = _html_pages(site_dir)
        scratch = _scratch_dir(sum(size for _, size in html_pages))
        self._work = tempfile.TemporaryDirectory(prefix="mitkb-recherche-", dir=scratch)
        pages = Path(self._work.name) / "pages"
        # In memory, Pagefind writes its two thousand small files much faster than on disk;
        # the finished bundle is then copied in one go (without such a folder, Pagefind
        # writes next to the bundle it replaces).
        self._output = (Path(self._work.name) / BUNDLE_DIR if scratch
                        else Path(tempfile.mkdtemp(prefix=f".{BUNDLE_DIR}-neuf-", dir=site_dir)))
        try:
            prepared, self._restores = [], {}
            for pages_prepared, restores in self._helper.halves(_prepare_pages, [page for page, _ in html_pages],
                                                                str(site_dir)):
                prepared += pages_prepared
                self._restores.update(restores)
            # Written in one order whatever the split: Pagefind numbers pages in the order
            # it finds them, and the bundle's file names follow.
            self.pages = _write_pages(pages, sorted(prepared))
            del prepared
            _write_record_pages(pages, records)
            # Pagefind's messages go to a file: a pipe nobody reads meanwhile could fill up.
            self._log = tempfile.TemporaryFile(mode="w+", encoding="utf-8", errors="replace")
            self._process = subprocess.Popen(_command(pages, self._output), stdout=self._log,
                                             stderr=subprocess.STDOUT)
        except BaseException:
            self._discard()
            raise

    def finish(self) -> IndexReport:
        """Wait for Pagefind, then put its bundle in place of the previous one, if any
        (raises SearchIndexError when it failed; the previous bundle is then left as it was)."""
        try:
            self._process.wait()
            self._log.seek(0)
            output = self._log.read()
            self._log.close()
            if self._process.returncode != 0 or not (self._output / "pagefind.js").is_file():
                detail = output.strip()[-500:]
                raise SearchIndexError(f"Pagefind n'a pas pu indexer le site ({detail or 'aucun fichier écrit'})")
            staged = self._output
            try:
                fragments = sorted((self._output / "fragment").iterdir())
                if self._output.parent == Path(self._work.name):
                    # From memory to the site's disk: the excerpts are written there once, restored.
                    staged = _staged_copy(self._output, self.bundle.parent, leave_out="fragment")
                self._helper.halves(restore_fragment_files, fragments, self._restores, staged / "fragment")
            except BaseException as exc:
                if staged != self._output:  # no half-written bundle left in the site
                    shutil.rmtree(staged, ignore_errors=True)
                if isinstance(exc, (OSError, ValueError)):
                    raise SearchIndexError(f"Pagefind n'a pas pu indexer le site (extraits illisibles : {exc})") from exc
                raise
            _replace_bundle(staged, self.bundle)
        finally:
            self._discard()
        return IndexReport(self.pages, self.records, time.perf_counter() - self._start, self.bundle)

    def _discard(self) -> None:
        self._helper.close()
        self._work.cleanup()
        if self._output.parent != Path(self._work.name):
            shutil.rmtree(self._output, ignore_errors=True)


def _staged_copy(bundle: Path, folder: Path, leave_out: str) -> Path:
    """A copy of ``bundle`` under a fresh name in ``folder``, without the files of its
    sub-folder ``leave_out`` (the folder itself is there, empty)."""
    staged = Path(tempfile.mkdtemp(prefix=f".{BUNDLE_DIR}-neuf-", dir=folder))
    staged.rmdir()
    try:
        shutil.copytree(bundle, staged, ignore=lambda path, names: names if Path(path).name == leave_out else [])
    except BaseException:
        shutil.rmtree(staged, ignore_errors=True)
        raise
    return staged


def _replace_bundle(new: Path, bundle: Path) -> None:
    """Swap the new bundle (written under a fresh name beside it) in: renamed, and only
    then is the previous one removed (creating files right after deleting as many is
    slow on some file systems; no stale chunk survives either way)."""
    previous = None
    if bundle.exists():
        previous = Path(tempfile.mkdtemp(prefix=f".{BUNDLE_DIR}-ancien-", dir=bundle.parent))
        previous.rmdir()
        bundle.rename(previous)
    new.rename(bundle)
    if previous is not None:
        shutil.rmtree(previous, ignore_errors=True)


def start_index(site_dir: Path, records: Iterable[SearchRecord] = ()) -> IndexRun:
    """Start indexing every page of ``site_dir`` marked ``data-pagefind-body``, plus
    ``records``, into ``<site_dir>/pagefind/``.

    Pagefind reads a copy of those pages prepared for it (``index_text.prepare``) in a
    temporary folder (in memory where the system offers one), with its fast directory
    indexing, in a process of its own. On a large site, the pages are prepared, and the
    excerpts given their text back, half here and half in a second Python process
    (``second_process``).
    """
    site_dir = Path(site_dir).resolve()
    if not site_dir.is_dir():
        raise SearchIndexError(f"dossier du site introuvable : {site_dir}")
    return IndexRun(site_dir, list(records))


def index_site(site_dir: Path, records: Iterable[SearchRecord] = ()) -> IndexReport:
    """Index ``site_dir`` (see ``start_index``) and wait for the result."""
    return start_index(site_dir, records).finish()


def start_built_site_index(root: Path, site_dir: Path) -> IndexRun:
    """Start indexing a site built without its search index (``mitkb build``): the
    contacts come from data/contacts.yml, already validated by the build."""
    from ..content import Site, load_data
    from ..errors import ErrorCollector

    site = Site(root=Path(root))
    load_data(Path(root), site, ErrorCollector())
    contacts_page = next((url for url, page in (("contacts/", "contacts/index.html"), ("contacts.html", "contacts.html"))
                          if (Path(site_dir) / page).is_file()), None)
    records = contact_records(site, contacts_page) if contacts_page else []
    return start_index(site_dir, records)


def index_built_site(root: Path, site_dir: Path) -> IndexReport:
    return start_built_site_index(root, site_dir).finish()


SHARED_MEMORY = Path("/dev/shm")


def _scratch_dir(pages_bytes: int, folder: Path | None = None) -> str | None:
    """A folder in memory for the prepared pages and the bundle when the system has one
    (Linux) with room enough (containers often give /dev/shm only 64 MB), else None: the
    default temporary folder and the site's own disk are used instead."""
    folder = SHARED_MEMORY if folder is None else folder
    if not (folder.is_dir() and os.access(folder, os.W_OK)):
        return None
    usage = os.statvfs(folder)
    # The copies Pagefind reads hold only the indexed part of the site's pages (less than
    # half of them) and its bundle about a third of those: the pages' size is a safe bound.
    return str(folder) if usage.f_bavail * usage.f_frsize >= pages_bytes else None


def page_url(relative: str) -> str:
    """The address Pagefind gives a result: « methodes/x/index.html » → « /methodes/x/ »."""
    url = "/" + relative
    return url[: -len("index.html")] if url.endswith("/index.html") else url


_INDEX_PAGE = '<!doctype html><html lang="' + LANGUAGE + '"><head><meta charset="utf-8"></head><body>{body}</body></html>'
_BODY_START_BYTES = BODY_START.encode("utf-8")
_BODY_END_BYTES = BODY_END.encode("utf-8")


def _html_pages(site_dir: Path) -> list[tuple[str, int]]:
    """The site's HTML pages (outside search bundles): relative path and size."""
    pages = []
    for path in site_dir.rglob("*.html"):
        relative = path.relative_to(site_dir)
        if relative.parts[0] == BUNDLE_DIR or relative.parts[0].startswith(f".{BUNDLE_DIR}-"):
            continue
        pages.append((relative.as_posix(), path.stat().st_size))
    return sorted(pages)


def _prepare_pages(relatives: list[str], site_dir: str) -> tuple[list[tuple[str, bytes]], dict[str, dict[str, str]]]:
    """The pages whose content is marked for the index, prepared for Pagefind: only the
    indexed part (the theme around it, about two thirds of each page, would cost Pagefind
    time and memory for nothing), as (relative path, bytes), without small words and
    accents (``index_text.prepare``); and, by result address, how to give their excerpts
    their own words back."""
    prepared = []
    restores = {}
    for relative in relatives:
        raw = (Path(site_dir) / relative).read_bytes()
        start, end = raw.find(_BODY_START_BYTES), raw.find(_BODY_END_BYTES)
        if start < 0 or end < start:
            continue
        body, restore = prepare(raw[start:end].decode("utf-8"))
        if restore:
            # Pagefind names an excerpt's file after what it read: a change of accents alone
            # would keep the name (and a browser the old excerpt), the page's own digest does not.
            digest = hashlib.sha1(raw[start:end]).hexdigest()[:8]
            body = body.replace(BODY_START, f'{BODY_START}<span data-pagefind-meta="texte:{digest}"></span>', 1)
        prepared.append((relative, _INDEX_PAGE.format(body=body).encode("utf-8")))
        if restore:
            restores[page_url(relative)] = restore
    return prepared, restores


def _write_pages(folder: Path, prepared: list[tuple[str, bytes]]) -> int:
    for relative, content in prepared:
        target = folder / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
    return len(prepared)


RECORDS_DIR = "_mitkb_resultats"


def _write_record_pages(pages_dir: Path, records: list[SearchRecord]) -> None:
    """Each record as a small page whose result points at its real address
    (Pagefind's `url` metadata), so the whole index is built in one CLI run."""
    folder = pages_dir / RECORDS_DIR
    folder.mkdir(parents=True, exist_ok=True)
    for number, record in enumerate(records):
        tags = [f'<span data-pagefind-meta="url:{escape(record.url)}"></span>',
                f'<span data-pagefind-meta="title:{escape(record.title)}"></span>']
        tags += [f'<span data-pagefind-meta="{escape(key)}:{escape(value)}"></span>'
                 for key, value in record.meta.items()]
        tags += [f'<span data-pagefind-filter="{escape(key)}:{escape(value)}"></span>'
                 for key, values in record.filters.items() for value in values]
        body = f"<div data-pagefind-body><p>{escape(record.content)}</p>{''.join(tags)}</div>"
        (folder / f"{number}.html").write_text(_INDEX_PAGE.format(body=body), encoding="utf-8")


def _command(pages_dir: Path, bundle: Path) -> list[str]:
    from pagefind_bin import get_executable

    return [
        str(get_executable()), "--site", str(pages_dir), "--output-path", str(bundle),
        "--force-language", LANGUAGE, "--exclude-selectors", ",".join(EXCLUDED_SELECTORS), "--quiet",
    ]
