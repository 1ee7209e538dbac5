"""Everything a site generator asks the engine during one build.

An adapter (today the MkDocs plugin) creates one ``SiteSession`` per build and
calls its methods from its event handlers; all the decisions live here, in
plain code that is tested without MkDocs.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from .build import BuildResult, build_content
from .editor import EditorAssetsError, site_editor_files
from .errors import ContentError, ContentErrors
from .facts import macro_functions
from .glossary import Abbreviations, focusable_abbreviations
from .pdf import pdf_targets, publish_pdfs
from .pdf.publish import CACHE_DIR as PDF_CACHE_DIR
from .publishing import SiteSettings
from .search import SynonymFinder, contact_records, index_site, is_excluded, searchable_page_html
from .documents.online_form import script_assets as fill_assets
from .search.next_steps import HELP_PATH, help_file, is_staff_page, search_page_data, with_search_data
from .search.web_assets import search_assets
from .procedure import procedure_assets
from .typography import french_html

# Generated pages that belong in the navigation; item pages are reached from
# these listings, so that every page's navigation stays small as content grows.
NAV_PAGES = frozenset({
    "methodes/index.md", "modeles/index.md", "ateliers/index.md", "glossaire.md",
    "themes/index.md", "contacts.md", "recherche.md", "quoi-de-neuf.md", "solliciter-la-mit.md",
    "quelle-procedure.md",
})
SEARCH_PAGE = "recherche.md"
# Folders whose changes trigger a rebuild while previewing.
WATCHED_DIRS = ("guides", "data")


@dataclass(frozen=True)
class OutputFile:
    """A page or file to add to the site: Markdown pages are rendered by the generator."""

    path: str
    content: str | bytes
    in_nav: bool = True


@dataclass
class SiteSession:
    root: Path
    result: BuildResult
    editor: list[tuple[str, bytes]] = field(default_factory=list)
    editor_note: str | None = None
    synonyms: SynonymFinder = field(init=False)
    abbreviations: Abbreviations = field(init=False)
    contacts_url: str | None = None

    def __post_init__(self) -> None:
        self.synonyms = SynonymFinder(self.result.site.terms)
        self.abbreviations = Abbreviations(self.result.site.terms)
        self.generated_paths = frozenset(page.path for page in self.result.pages)
        self.page_sources = self.result.page_sources
        self._macros = None
        self._help: bytes | None = None  # the search page's help file, made once per session
        self._outputs: tuple[frozenset, list] | None = None

    @classmethod
    def start(cls, root: Path, today: dt.date, settings: SiteSettings | None = None) -> "SiteSession":
        """Validate and render all content (raises ContentErrors with every error)."""
        return cls.of(root, build_content(Path(root), today, settings=settings), today, settings)

    @classmethod
    def of(cls, root: Path, result: BuildResult, today: dt.date, settings: SiteSettings | None = None) -> "SiteSession":
        """The session of rendered content (the preview renders it its own way)."""
        try:
            editor, note = site_editor_files(Path(root), result.site, today, result.publishing.repository,
                                             accessibility=settings.accessibility if settings else None)
        except EditorAssetsError as exc:
            raise ContentErrors([ContentError("editeur/package.json", message=f"éditeur web : {exc}")]) from None
        return cls(Path(root), result, editor, note)

    def macros(self) -> dict:
        """The macros of hand-written pages, made once per session."""
        if self._macros is None:
            self._macros = macro_functions(self.result.facts)
        return self._macros

    def notes(self) -> list[str]:
        return self.result.publishing.notes() + ([self.editor_note] if self.editor_note else [])

    def outputs(self, existing: set[str]) -> list[OutputFile]:
        """Generated pages, downloads, and the search assets a project does not override
        (made once per session and set of existing files: the preview asks again)."""
        key = frozenset(existing)
        if self._outputs is None or self._outputs[0] != key:
            self._outputs = (key, self._make_outputs(existing))
        return list(self._outputs[1])

    def _make_outputs(self, existing: set[str]) -> list[OutputFile]:
        pages = set(existing) | {p.path for p in self.result.pages}
        search_data = search_page_data(self.result.site, pages)
        outputs = [OutputFile(p.path, with_search_data(p.markdown, search_data) if p.path == SEARCH_PAGE else p.markdown,
                              p.path in NAV_PAGES) for p in self.result.pages]
        outputs += [OutputFile(f.path, f.content, False) for f in self.result.files]
        outputs += [OutputFile(path, content, False) for path, content in search_assets() if path not in existing]
        if self.result.site.procedure_rules is not None:
            outputs += [OutputFile(path, content, False) for path, content in procedure_assets() if path not in existing]
        outputs += [OutputFile(path, content, False) for path, content in fill_assets() if path not in existing]
        outputs += [OutputFile(path, content, False) for path, content in self.editor if path not in existing]
        if HELP_PATH not in existing:
            if self._help is None:
                self._help = help_file(self.result.site)
            outputs.append(OutputFile(HELP_PATH, self._help, False))
        return outputs

    def edit_url(self, src_uri: str, docs_dir: str) -> str | None:
        """Generated pages are edited in their YAML source, hand-written ones in docs/."""
        return self.result.publishing.edit_url_of(src_uri, self.page_sources, docs_dir)

    def page_markdown(self, markdown: str, src_uri: str) -> str:
        """Hand-written pages get the glossary's abbreviations (generated pages carry their own)."""
        if src_uri in self.generated_paths:
            return markdown
        return self.abbreviations.append_to(markdown, only_used=False)

    def page_html(self, html: str, meta: dict, src_uri: str, title: str) -> str:
        """Acronyms reachable with the keyboard; the content marked for the search index."""
        html = focusable_abbreviations(html)
        if is_excluded(meta, src_uri):
            return html
        return searchable_page_html(html, title, self.synonyms, staff=is_staff_page(meta, src_uri))

    def page_output(self, html: str) -> str:
        """French typography on the whole written page, text only: the one place the site
        applies it (generated and hand-written pages alike)."""
        return french_html(html)

    def index_search(self, site_dir: Path):
        """Index the folder the generator just wrote (raises SearchIndexError)."""
        records = contact_records(self.result.site, self.contacts_url) if self.contacts_url else []
        return index_site(Path(site_dir), records)

    def publish_pdfs(self, site_dir: Path):
        """Print (or reuse) the PDF of every guide and write-up and link it from its page
        (raises PdfPrinterError)."""
        targets = pdf_targets(self.result.site, self.result.publishing, self.result.today)
        return publish_pdfs(Path(site_dir), targets, self.root / PDF_CACHE_DIR)

    def watched_dirs(self) -> list[Path]:
        return [self.root / name for name in WATCHED_DIRS if (self.root / name).is_dir()]
