"""The MkDocs adapter: wires MkDocs events to the engine's SiteSession, nothing more.

MkDocs 1.x is no longer developed and Material reaches end of life on
2027-05-05: this module is the only place that imports MkDocs, so that the
engine can move to another generator (see ``mitkb export``).
"""

from __future__ import annotations

import logging
import os
import threading
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel

from ..build_date import BuildDateError, build_date
from ..errors import ContentErrors
from ..pdf import PdfPrinterError, pdf_enabled
from ..publishing import SiteSettings
from ..search import SearchIndexError, search_enabled
from ..site_session import SiteSession
from .mkdocs_parallel import ParallelRender, parallel_wanted

log = logging.getLogger("mkdocs.plugins.mitkb")


def site_settings(config: MkDocsConfig) -> SiteSettings:
    conformity = (config.extra.get("accessibilite") or {}).get("conformite")
    return SiteSettings(config.site_name, config.repo_url, config.site_url, config.use_directory_urls, conformity)


class MitkbPlugin(BasePlugin):
    def __init__(self) -> None:
        super().__init__()
        self.session: SiteSession | None = None
        self.preview_session: SiteSession | None = None  # given by the preview (mitkb.preview)
        self.parallel: ParallelRender | None = None

    # Validate the whole content tree and render pages before MkDocs reads files.
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        settings = site_settings(config)
        try:
            self.session = self.preview_session or SiteSession.start(
                Path(config.config_file_path).parent, build_date(), settings)
        except (ContentErrors, BuildDateError) as exc:
            message = exc.report() if isinstance(exc, ContentErrors) else str(exc)
            raise PluginError(message + "\nLe site n'a pas été construit.") from None
        for note in self.session.notes():
            log.info(note)
        return config

    # Add the generated pages and files, in memory only (never written into docs/).
    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        existing = {file.src_uri for file in files}
        for output in self.session.outputs(existing):
            generated = File.generated(config, output.path, content=output.content)
            if not output.in_nav and output.path.endswith(".md"):
                generated.inclusion = InclusionLevel.NOT_IN_NAV
            files.append(generated)
        contacts = files.get_file_from_path("contacts.md")
        self.session.contacts_url = contacts.url if contacts else None
        return files

    # A large site's Markdown rendered on two cores (mitkb.adapters.mkdocs_parallel), once
    # every other plugin has seen the navigation; never in the preview (it has threads).
    @event_priority(-100)
    def on_nav(self, nav, config: MkDocsConfig, files: Files):
        pages = len(files.documentation_pages())
        if self.preview_session is None and threading.active_count() == 1 and parallel_wanted(pages):
            self.parallel = ParallelRender(config, files)
        return nav

    def on_env(self, env, config: MkDocsConfig, files: Files):
        self._end_parallel()
        return env

    # (No on_shutdown here: a plugin that has one is kept by MkDocs from one configuration
    # to the next in the same process, with the previous build's session.)
    def on_build_error(self, error: Exception) -> None:
        self._end_parallel()

    def _end_parallel(self) -> None:
        if self.parallel is not None:
            self.parallel.close()
            log.info(f"Rendu sur deux cœurs : {self.parallel.used} pages converties par une copie du processus")
            self.parallel = None

    # Edit links go to the YAML source of generated pages.
    def on_pre_page(self, page, config: MkDocsConfig, files: Files):
        docs_dir = Path(os.path.relpath(config.docs_dir, Path(config.config_file_path).parent)).as_posix()
        page.edit_url = self.session.edit_url(page.file.src_uri, docs_dir)
        return page

    # Glossary abbreviations for hand-written pages.
    def on_page_markdown(self, markdown: str, page, config: MkDocsConfig, files: Files) -> str:
        return self.session.page_markdown(markdown, page.file.src_uri)

    # Focusable acronyms and the part of the page Pagefind indexes.
    def on_page_content(self, html: str, page, config: MkDocsConfig, files: Files) -> str:
        return self.session.page_html(html, page.meta, page.file.src_uri, page.title)

    # French typography on the text of every page and of the 404 page (mitkb.typography).
    def on_post_page(self, output: str, page, config: MkDocsConfig) -> str:
        return self.session.page_output(output)

    def on_post_template(self, output_content: str, template_name: str, config: MkDocsConfig) -> str:
        return self.session.page_output(output_content) if template_name.endswith(".html") else output_content

    # PDFs of guides and write-ups, then the search index, over the site MkDocs just wrote
    # (the staging folder under `mitkb build`).
    def on_post_build(self, config: MkDocsConfig) -> None:
        if pdf_enabled():
            try:
                log.info(self.session.publish_pdfs(Path(config.site_dir)).message())
            except PdfPrinterError as exc:
                raise PluginError(f"PDF : {exc}") from None
        if not search_enabled():
            return
        try:
            report = self.session.index_search(Path(config.site_dir))
        except SearchIndexError as exc:
            raise PluginError(f"Index de recherche : {exc}") from None
        log.info(f"Index de recherche : {report.pages} pages et {report.records} contacts en {report.seconds:.1f} s")

    # Rebuild when content or data change during `mkdocs serve`.
    def on_serve(self, server, config: MkDocsConfig, builder):
        for folder in self.session.watched_dirs():
            server.watch(str(folder))
        return server
