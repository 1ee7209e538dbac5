"""The preview's loop: content checked and rendered again after each change.

``LivePreview`` joins the engine's side (``PreviewContent``) and a generator (today
``mitkb.adapters.mkdocs_preview.MkDocsPreview``, any object with ``build(session)``,
``apply(change, session)``, ``session()`` (the one it renders with) and
``source_of(url)`` (the source page of an address of the site, or None)). Each step returns a ``Report``: the errors of the
tree (then nothing is rendered and the last good pages stay), or what was rendered
and written.

After a partial update (a change to data, the pages a reader has open rendered
first), ``complete_step`` does the rest a step at a time: the content once the
documents are ready, then the pages whose output changed, ``PAGES_PER_STEP`` at a
time, so that an edit made meanwhile is previewed without waiting for them.
"""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import ContentError, ContentErrors
from ..publishing import SiteSettings
from ..site_session import SiteSession
from .content import ContentChange, PreviewContent

PAGES_PER_STEP = 40  # about half a second of MkDocs rendering on this project's pages


@dataclass
class Report:
    errors: list[ContentError] = field(default_factory=list)
    rendered: set[str] = field(default_factory=set)
    written: set[str] = field(default_factory=set)
    complete: bool = False
    warnings: list[str] = field(default_factory=list)
    seconds: float = 0.0
    pending: bool = False  # other pages are still being brought up to date (complete_step)

    def lines(self) -> list[str]:
        """What the terminal shows, in French."""
        if self.errors:
            plural = "s" if len(self.errors) > 1 else ""
            head = (f"✗ {len(self.errors)} erreur{plural} : l'aperçu montre la dernière version valide "
                    f"et se mettra à jour dès la correction.")
            return [head] + [error.format() for error in self.errors]
        what = "site reconstruit en entier" if self.complete else (
            f"{len(self.rendered)} page(s) recalculée(s), {len(self.written)} fichier(s) réécrit(s)")
        if self.pending:
            lines = [f"✓ Pages ouvertes à jour en {self.seconds:.2f} s ({what}) ; "
                     "les autres pages et les documents suivent."]
        else:
            lines = [f"✓ Aperçu à jour en {self.seconds:.2f} s ({what})."]
        lines += [f"attention : {warning}" for warning in self.warnings]
        return lines


class LivePreview:
    def __init__(self, root: Path, today: dt.date, generator, settings: SiteSettings | None = None,
                 documents: bool = True):
        self.root = Path(root)
        self.today, self.settings = today, settings
        self.generator = generator
        self.content = PreviewContent(self.root, today, settings, documents)
        self.last = Report()
        self._queue: list[str] = []  # pages (source paths) MkDocs has still to render after ``complete``
        self._completion = Report()  # what the completion rendered and wrote so far
        self._since = 0.0  # when the partial update the completion follows began

    def start(self) -> Report:
        began = time.perf_counter()
        self._queue = []
        try:
            session = self._session(self.content.start())
        except ContentErrors as exc:
            self.last = Report(errors=exc.errors, seconds=time.perf_counter() - began)
            return self.last
        applied = self.generator.build(session)
        self.last = Report([], applied.rendered, applied.written, True, applied.warnings,
                           time.perf_counter() - began)
        return self.last

    def _session(self, result) -> SiteSession:
        return SiteSession.of(self.root, result, self.today, self.settings)

    def sources_of(self, urls) -> set[str]:
        """The source pages of addresses of the site (the pages readers have open)."""
        return {source for source in map(self.generator.source_of, urls) if source}

    @property
    def pending(self) -> bool:
        return bool(self.content.incomplete or self._queue)

    def update(self, paths: set[str], priority: set[str] | None = None) -> Report:
        """After a change to ``paths`` (relative to the project, with slashes); ``priority``:
        the pages a reader has open (source paths), rendered first after a change to data."""
        began = time.perf_counter()
        change = self.content.update(paths, priority)
        if change.errors:
            self.last = Report(errors=change.errors, seconds=time.perf_counter() - began)
            return self.last
        try:
            session = self._session(self.content.result)
        except ContentErrors as exc:
            self.last = Report(errors=exc.errors, seconds=time.perf_counter() - began)
            return self.last
        applied = self.generator.apply(change, session)
        if applied.complete:
            self._queue = []
        if change.partial:  # the completion's time counts from here
            self._since = began
        self.last = Report([], applied.rendered, applied.written, applied.complete, applied.warnings,
                           time.perf_counter() - began, self.pending)
        return self.last

    def complete_step(self) -> Report | None:
        """One step of the work a partial update left: None when there is nothing to do now
        (nothing left, or the documents are still being generated). The report of the last
        step says ``pending=False`` and counts all that the completion rendered and wrote."""
        began = time.perf_counter()
        if self._queue:
            return self._render_queued()
        if not self.content.incomplete:
            return None
        try:
            change = self.content.complete()
        except Exception as exc:  # noqa: BLE001 - a document that pandoc refuses: shown like an error
            return Report(errors=[ContentError("documents", message=f"documents non régénérés : {exc}")],
                          seconds=time.perf_counter() - began)
        if change is None:
            return None
        session = self._session(self.content.result)
        if change.structure_changed:
            applied = self.generator.apply(change, session)
            self._queue = []
            return Report([], applied.rendered, applied.written, True, applied.warnings,
                          time.perf_counter() - began)
        self._queue = sorted(change.pages)
        files_only = ContentChange(files=change.files, removed_files=change.removed_files)
        applied = self.generator.apply(files_only, session)
        self._completion = Report([], applied.rendered, applied.written, warnings=applied.warnings)
        return self._render_queued()

    def _render_queued(self) -> Report:
        """The next pages of the queue, with their current Markdown (a later edit may have changed it)."""
        chunk, self._queue = self._queue[:PAGES_PER_STEP], self._queue[PAGES_PER_STEP:]
        markdown = {page.path: page.markdown for page in self.content.result.pages}
        change = ContentChange(pages={path: markdown[path] for path in chunk if path in markdown})
        applied = self.generator.apply(change, self.generator.session())
        done = self._completion
        done.rendered |= applied.rendered
        done.written |= applied.written
        done.warnings += applied.warnings
        done.seconds = time.perf_counter() - self._since  # from the partial update to this step
        done.pending = self.pending
        return done
