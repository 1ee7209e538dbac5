"""The preview's MkDocs side: one build kept in memory, then pages rendered again one by one.

``MkDocsPreview.build`` runs the steps of ``mkdocs.commands.build.build`` but keeps
the configuration, the files, the navigation and the theme's environment. After an
edit, ``apply`` gives MkDocs the new Markdown of the changed generated pages only
(and the hand-written pages when data changed), renders them with the same events
and templates, and writes the pages whose HTML changed. Pages appearing or
disappearing make it build everything again. ``mitkb build`` never goes through here.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path

from mkdocs import utils
from mkdocs.commands.build import _build_extra_template, _build_theme_template, get_context
from mkdocs.config import load_config
from mkdocs.structure.files import InclusionLevel, get_files, set_exclusions
from mkdocs.structure.nav import get_navigation
from mkdocs.structure.pages import Page

from ..publishing import SiteSettings
from ..site_session import SiteSession
from .mkdocs_build import batch_gc_thresholds
from .mkdocs_plugin import site_settings


@dataclass
class Applied:
    rendered: set[str] = field(default_factory=set)  # pages MkDocs rendered again (source paths)
    written: set[str] = field(default_factory=set)  # files of the site written again (their paths in it)
    complete: bool = False  # everything was built again
    warnings: list[str] = field(default_factory=list)


class _Warnings(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


class MkDocsPreview:
    def __init__(self, config_file: Path, site_dir: Path):
        self.config_file = Path(config_file)
        self.site_dir = Path(site_dir)
        self.config = None
        self.raw_html: dict[str, str] = {}  # page → HTML before the plugins' on_page_content

    def settings(self) -> SiteSettings:
        return site_settings(load_config(str(self.config_file), site_dir=str(self.site_dir)))

    # -- everything ----------------------------------------------------------------
    def build(self, session: SiteSession) -> Applied:
        warnings = _Warnings()
        logging.getLogger("mkdocs").addHandler(warnings)
        try:
            with batch_gc_thresholds():
                self._build(session)
        finally:
            logging.getLogger("mkdocs").removeHandler(warnings)
        return Applied({f.src_uri for f in self.doc_files}, {f.dest_uri for f in self.files}, True,
                       warnings.messages)

    def _build(self, session: SiteSession) -> None:
        if self.config is not None:
            self.config.plugins.on_shutdown()
        config = load_config(str(self.config_file), site_dir=str(self.site_dir), strict=False)
        config.plugins["mitkb"].preview_session = session
        config = config.plugins.on_config(config)
        config.plugins.on_pre_build(config=config)
        utils.clean_directory(config.site_dir)
        files = get_files(config)
        env = config.theme.get_env()
        files.add_files_from_theme(env, config)
        files = config.plugins.on_files(files, config=config)
        set_exclusions(files, config)
        nav = get_navigation(files, config)
        nav = config.plugins.on_nav(nav, config=config, files=files)
        self.config, self.files, self.nav = config, files, nav
        self.raw_html = {}
        inclusion = InclusionLevel.is_included
        for file in files.documentation_pages(inclusion=inclusion):
            if file.page is None and file.inclusion.is_not_in_nav():
                Page(None, file, config)
            self._populate(file.page)
        self.env = config.plugins.on_env(env, config=config, files=files)
        files.copy_static_files(inclusion=inclusion)
        for template in config.theme.static_templates:
            _build_theme_template(template, self.env, files, config, nav)
        for template in config.extra_templates:
            _build_extra_template(template, files, config, nav)
        self.doc_files = files.documentation_pages(inclusion=inclusion)
        for file in self.doc_files:
            self._write(file.page)
        for file in self.doc_files:
            file.page.validate_anchor_links(files=files, log_level=config.validation.links.anchors)
        config.plugins.on_post_build(config=config)

    # -- one edit ------------------------------------------------------------------
    def apply(self, change, session: SiteSession) -> Applied:
        """Render again what ``change`` (a mitkb.preview.content.ContentChange) touches."""
        if change.structure_changed or self.config is None:
            return self.build(session)
        plugin = self.config.plugins["mitkb"]
        old = plugin.session
        session.contacts_url = old.contacts_url
        plugin.session = plugin.preview_session = session
        applied = Applied()
        warnings = _Warnings()
        logging.getLogger("mkdocs").addHandler(warnings)
        try:
            targets = []
            for path, markdown in change.pages.items():
                file = self.files.get_file_from_path(path)
                file.content_string = markdown
                targets.append(file.page)
            # Downloads, data files and assets (the editor's among them): those whose bytes changed.
            existing = {f.src_uri for f in self.files if f.generated_by is None}
            same = session is old  # a further step of the same render: no file can differ
            before = {} if same else {o.path: o.content for o in old.outputs(existing) if not o.path.endswith(".md")}
            outputs = [] if same else session.outputs(existing)
            if outputs and set(before) != {o.path for o in outputs if not o.path.endswith(".md")}:
                return self.build(session)
            for output in outputs:
                if output.path.endswith(".md") or before.get(output.path) == output.content:
                    continue
                file = self.files.get_file_from_path(output.path)
                if isinstance(output.content, str):
                    file.content_string = output.content
                else:
                    file.content_bytes = output.content
                file.copy_file()
                applied.written.add(file.dest_uri)
            if change.data_changed:  # hand-written pages: macros and glossary
                targets += [f.page for f in self.doc_files if f.generated_by is None and f.page not in targets]
            for page in targets:
                self._populate(page)
            if _synonyms(old) != _synonyms(session):  # the search annotations of every page
                for file in self.doc_files:
                    if file.page not in targets:
                        page = file.page
                        page.content = self.config.plugins.on_page_content(
                            self.raw_html[file.src_uri], page=page, config=self.config, files=self.files)
                        targets.append(page)
            for page in targets:
                applied.rendered.add(page.file.src_uri)
                if self._write(page):
                    applied.written.add(page.file.dest_uri)
            for page in targets:
                page.validate_anchor_links(files=self.files, log_level=self.config.validation.links.anchors)
        finally:
            logging.getLogger("mkdocs").removeHandler(warnings)
        applied.warnings = warnings.messages
        return applied

    def session(self) -> SiteSession | None:
        """The session pages are rendered with now."""
        return self.config.plugins["mitkb"].session if self.config is not None else None

    def source_of(self, url: str) -> str | None:
        """The source page (``methodes/x.md``) of an address of the site (``/methodes/x/``)."""
        if self.config is None:
            return None
        path = url.split("?", 1)[0].split("#", 1)[0].lstrip("/")
        if path == "" or path.endswith("/"):
            path += "index.html"
        for file in self.doc_files:
            if file.dest_uri == path:
                return file.src_uri
        return None

    # -- one page: the steps of mkdocs.commands.build._populate_page and _build_page --
    def _populate(self, page: Page) -> None:
        config, files = self.config, self.files
        config._current_page = page
        try:
            page = config.plugins.on_pre_page(page, config=config, files=files)
            page.read_source(config)
            page.markdown = config.plugins.on_page_markdown(page.markdown, page=page, config=config, files=files)
            page.render(config, files)
            self.raw_html[page.file.src_uri] = page.content
            page.content = config.plugins.on_page_content(page.content, page=page, config=config, files=files)
        finally:
            config._current_page = None

    def _write(self, page: Page) -> bool:
        """Render the page into the theme and write it if its bytes changed."""
        config = self.config
        config._current_page = page
        try:
            page.active = True
            context = get_context(self.nav, self.doc_files, config, page)
            template = self.env.get_template(page.meta.get("template", "main.html"))
            context = config.plugins.on_page_context(context, page=page, config=config, nav=self.nav)
            output = template.render(context)
            output = config.plugins.on_post_page(output, page=page, config=config)
        finally:
            page.active = False
            config._current_page = None
        if not output.strip():
            return False
        data = output.encode("utf-8", errors="xmlcharrefreplace")
        target = Path(page.file.abs_dest_path)
        try:
            if target.read_bytes() == data:
                return False
        except OSError:
            pass
        utils.write_file(data, str(target))
        return True

    def close(self) -> None:
        if self.config is not None:
            self.config.plugins.on_shutdown()


def _synonyms(session: SiteSession | None):
    if session is None:
        return None
    return [(s.acronym, s.long_form) for s in session.synonyms.synonyms]
