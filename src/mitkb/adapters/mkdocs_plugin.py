"""The MkDocs adapter: wires MkDocs events to the engine, nothing more.

MkDocs 1.x is no longer developed and Material reaches end of life on
2027-05-05: this module is the only place that imports MkDocs, so that the
engine can move to another generator (see ``mitkb export``).
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, InclusionLevel

from ..build import BuildResult, build_content
from ..build_date import BuildDateError, build_date
from ..errors import ContentErrors
from ..publishing import SiteSettings
from ..glossary import append_abbreviations, focusable_abbreviations
from ..search import SearchIndexError, SynonymFinder, contact_records, index_site, is_excluded, searchable_page_html
from ..search.web_assets import search_assets

# Generated pages that belong in the navigation; item pages are reached from
# these listings, so that every page's navigation stays small as content grows.
NAV_PAGES = {"methodes/index.md", "modeles/index.md", "ateliers/index.md", "glossaire.md",
             "themes/index.md", "contacts.md", "recherche.md", "quoi-de-neuf.md"}
# MITKB_INDEX_SEARCH=0 builds without the search index (e.g. to time the build alone).
SEARCH_SWITCH = "MITKB_INDEX_SEARCH"
log = logging.getLogger("mkdocs.plugins.mitkb")
WATCHED_DIRS = ("guides", "data")


class MitkbPlugin(BasePlugin):
    result: BuildResult | None = None
    generated_paths: frozenset[str] = frozenset()
    page_sources: dict[str, str | None] = {}
    synonyms: SynonymFinder | None = None
    contacts_url: str | None = None

    # Validate the whole content tree and render pages before MkDocs reads files.
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        root = Path(config.config_file_path).parent
        try:
            settings = SiteSettings(config.site_name, config.repo_url, config.site_url, config.use_directory_urls)
            self.result = build_content(root, build_date(), settings=settings)
        except (ContentErrors, BuildDateError) as exc:
            message = exc.report() if isinstance(exc, ContentErrors) else str(exc)
            raise PluginError(message + "\nLe site n'a pas été construit.") from None
        self.generated_paths = frozenset(page.path for page in self.result.pages)
        self.page_sources = self.result.page_sources
        for note in self.result.publishing.notes():
            log.info(note)
        self.synonyms = SynonymFinder(self.result.site.terms)
        return config

    # Add the generated pages, in memory only (never written into docs/).
    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        assert self.result is not None
        for page in self.result.pages:
            generated = File.generated(config, page.path, content=page.markdown)
            if page.path not in NAV_PAGES:
                generated.inclusion = InclusionLevel.NOT_IN_NAV
            files.append(generated)
        for extra in self.result.files:
            files.append(File.generated(config, extra.path, content=extra.content))
        for path, content in search_assets():  # the search page's script and styles
            if files.get_file_from_path(path) is None:
                files.append(File.generated(config, path, content=content))
        contacts = files.get_file_from_path("contacts.md")
        self.contacts_url = contacts.url if contacts else None
        return files

    # Edit links go to the YAML source of generated pages, not to a Markdown file that does not exist.
    def on_pre_page(self, page, config: MkDocsConfig, files: Files):
        if self.result is not None:
            docs_dir = Path(os.path.relpath(config.docs_dir, Path(config.config_file_path).parent)).as_posix()
            page.edit_url = self.result.publishing.edit_url_of(page.file.src_uri, self.page_sources, docs_dir)
        return page

    # Glossary abbreviations for hand-written pages (generated pages carry their own).
    def on_page_markdown(self, markdown: str, page, config: MkDocsConfig, files: Files) -> str:
        if self.result is None or page.file.src_uri in self.generated_paths:
            return markdown
        return append_abbreviations(markdown, self.result.site.terms, only_used=False)

    # Acronyms reachable with the keyboard; the content marked as what Pagefind indexes.
    def on_page_content(self, html: str, page, config: MkDocsConfig, files: Files) -> str:
        html = focusable_abbreviations(html)
        if is_excluded(page.meta, page.file.src_uri):
            return html
        return searchable_page_html(html, page.title, self.synonyms)

    # Index the site MkDocs just wrote (the staging folder under `mitkb build`).
    def on_post_build(self, config: MkDocsConfig) -> None:
        if self.result is None or os.environ.get(SEARCH_SWITCH) == "0":
            return
        records = contact_records(self.result.site, self.contacts_url) if self.contacts_url else []
        try:
            report = index_site(Path(config.site_dir), records)
        except SearchIndexError as exc:
            raise PluginError(f"Index de recherche : {exc}") from None
        log.info(f"Index de recherche : {report.pages} pages et {report.records} contacts en {report.seconds:.1f} s")

    # Rebuild when content or data change during `mkdocs serve`.
    def on_serve(self, server, config: MkDocsConfig, builder):
        root = Path(config.config_file_path).parent
        for name in WATCHED_DIRS:
            if (root / name).is_dir():
                server.watch(str(root / name))
        return server
