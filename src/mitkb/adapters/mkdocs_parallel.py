"""Markdown of a large site rendered on two cores: a forked copy of the build renders
part of the pages while MkDocs goes on with the others.

MkDocs renders its pages one after another, and Python-Markdown is most of a build's
time (about 20 s at 1,000 guides). Just before that loop (``on_nav``), the build forks:
the copy has the configuration, the files and the plugins as they are, and runs for
every page given to it what MkDocs would run before the page's content is used (the
``pre_page`` and ``page_markdown`` events, then ``Page.render``). It sends back what the
rendering sets on the page, with the messages it logged. The build itself goes through
every page as usual; for a page the copy rendered, ``Page.render`` takes the copy's
result instead of converting the Markdown again, after checking that its own Markdown
is the very text the copy converted (otherwise it renders the page itself). Nothing the
build does otherwise changes: the site written is the same byte for byte.

Only ``mitkb build`` of a large site on a machine with several cores uses it
(``MITKB_PARALLEL``: « 0 » never, « 1 » always, for tests); never the preview, which
has threads (a fork copies one thread only).
"""

from __future__ import annotations

import hashlib
import logging
import os
import pickle
import threading
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files, InclusionLevel
from mkdocs.structure.pages import Page

from ..search.second_process import usable_cores

SWITCH = "MITKB_PARALLEL"
# Below this many pages, forking costs more than it saves.
PARALLEL_FROM = 400
# The build also runs every page's events and the content step: the copy takes a bit
# more than half of the rendering (3 pages in 5).
SHARE = (3, 5)

log = logging.getLogger("mkdocs.plugins.mitkb")


def parallel_wanted(pages: int, environ=None) -> bool:
    setting = (os.environ if environ is None else environ).get(SWITCH, "")
    if setting == "0" or not hasattr(os, "fork"):
        return False
    if setting == "1":
        return True
    return pages >= PARALLEL_FROM and usable_cores() >= 2


def _digest(markdown: str) -> bytes:
    return hashlib.blake2b(markdown.encode("utf-8"), digest_size=16).digest()


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[tuple[str, int, str]] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append((record.name, record.levelno, record.getMessage()))


class ParallelRender:
    """The forked copy and what it sent back; ``Page.render`` is replaced until ``close``."""

    def __init__(self, config: MkDocsConfig, files: Files):
        pages = list(files.documentation_pages(inclusion=InclusionLevel.is_included))
        taken, out_of = SHARE
        theirs = [file for number, file in enumerate(pages) if number % out_of < taken]
        self._results: dict[str, Any] = {}
        self._done = False
        self._arrived = threading.Condition()
        read_end, write_end = os.pipe()
        self._pid = os.fork()
        if self._pid == 0:  # the copy
            os.close(read_end)
            code = 1
            try:
                _render_in_copy(config, files, theirs, os.fdopen(write_end, "wb"))
                code = 0
            finally:
                os._exit(code)
        os.close(write_end)
        self.offered = {file.src_uri for file in theirs}
        self.used = 0
        self._reader = threading.Thread(target=self._read, args=(os.fdopen(read_end, "rb"),), daemon=True)
        self._reader.start()
        self._original_render = Page.render
        parallel = self

        def render(page: Page, config: MkDocsConfig, files: Files) -> None:
            if not parallel._apply(page, files):
                parallel._original_render(page, config, files)

        Page.render = render

    def _read(self, stream) -> None:
        try:
            while True:
                try:
                    source, result = pickle.load(stream)
                except (EOFError, pickle.UnpicklingError, OSError):
                    return
                with self._arrived:
                    self._results[source] = result
                    self._arrived.notify_all()
        finally:
            stream.close()
            with self._arrived:
                self._done = True
                self._arrived.notify_all()

    def _result(self, source: str):
        with self._arrived:
            while source not in self._results and not self._done:
                self._arrived.wait()
            return self._results.pop(source, None)

    def _apply(self, page: Page, files: Files) -> bool:
        source = page.file.src_uri
        if source not in self.offered or page.markdown is None:
            return False
        result = self._result(source)
        if result is None or result["digest"] != _digest(page.markdown):
            return False  # the copy failed on it, or saw other Markdown: rendered here
        page.content = result["content"]
        page.toc = result["toc"]
        page._title_from_render = result["title"]
        page.present_anchor_ids = result["anchors"]
        if result["links"] is not None:
            page.links_to_anchors = {files.get_file_from_path(target): links
                                     for target, links in result["links"].items()}
        for name, level, message in result["messages"]:
            logging.getLogger(name).log(level, message)
        self.used += 1
        return True

    def close(self) -> None:
        """Put ``Page.render`` back, end the copy (at once if it is still at work)."""
        if Page.render is not self._original_render:
            Page.render = self._original_render
        with self._arrived:
            unfinished = not self._done
        if unfinished:
            try:
                os.kill(self._pid, 9)
            except ProcessLookupError:
                pass
        try:
            os.waitpid(self._pid, 0)
        except ChildProcessError:
            pass
        self._reader.join(timeout=10)


def _render_in_copy(config: MkDocsConfig, files: Files, theirs: list, stream) -> None:
    """In the forked copy: MkDocs' steps up to ``Page.render`` for each page given, results
    sent one page at a time. Messages logged while rendering go back with the result; those
    of the events are dropped (the build logs them itself when it runs the same events)."""
    collect = _Collect()
    for logger in [logging.getLogger(), *(logging.getLogger(name) for name in list(logging.Logger.manager.loggerDict))]:
        logger.handlers = []
        logger.propagate = True
    logging.getLogger().addHandler(collect)
    for file in theirs:
        result = None
        try:
            page = file.page if file.page is not None else Page(None, file, config)
            config._current_page = page
            page = config.plugins.on_pre_page(page, config=config, files=files)
            page.read_source(config)
            page.markdown = config.plugins.on_page_markdown(page.markdown, page=page, config=config, files=files)
            collect.records = []
            page.render(config, files)
            links = page.links_to_anchors
            result = {
                "digest": _digest(page.markdown),
                "content": page.content,
                "toc": page.toc,
                "title": page._title_from_render,
                "anchors": page.present_anchor_ids,
                "links": None if links is None else {target.src_uri: value for target, value in links.items()},
                "messages": collect.records,
            }
        except Exception:  # the build renders this page itself, and reports the error
            result = None
        finally:
            config._current_page = None
        try:
            data = pickle.dumps((file.src_uri, result), protocol=pickle.HIGHEST_PROTOCOL)
        except Exception:
            data = pickle.dumps((file.src_uri, None), protocol=pickle.HIGHEST_PROTOCOL)
        stream.write(data)
    stream.flush()
    stream.close()
