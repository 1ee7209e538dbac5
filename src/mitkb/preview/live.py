"""The preview's loop: content checked and rendered again after each change.

``LivePreview`` joins the engine's side (``PreviewContent``) and a generator (today
``mitkb.adapters.mkdocs_preview.MkDocsPreview``, any object with ``build(session)``
and ``apply(change, session)``). Each step returns a ``Report``: the errors of the
tree (then nothing is rendered and the last good pages stay), or what was rendered
and written.
"""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import ContentError, ContentErrors
from ..publishing import SiteSettings
from ..site_session import SiteSession
from .content import PreviewContent


@dataclass
class Report:
    errors: list[ContentError] = field(default_factory=list)
    rendered: set[str] = field(default_factory=set)
    written: set[str] = field(default_factory=set)
    complete: bool = False
    warnings: list[str] = field(default_factory=list)
    seconds: float = 0.0

    def lines(self) -> list[str]:
        """What the terminal shows, in French."""
        if self.errors:
            plural = "s" if len(self.errors) > 1 else ""
            head = (f"✗ {len(self.errors)} erreur{plural} : l'aperçu montre la dernière version valide "
                    f"et se mettra à jour dès la correction.")
            return [head] + [error.format() for error in self.errors]
        what = "site reconstruit en entier" if self.complete else (
            f"{len(self.rendered)} page(s) recalculée(s), {len(self.written)} fichier(s) réécrit(s)")
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

    def start(self) -> Report:
        began = time.perf_counter()
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

    def update(self, paths: set[str]) -> Report:
        """After a change to ``paths`` (relative to the project, with slashes)."""
        began = time.perf_counter()
        change = self.content.update(paths)
        if change.errors:
            self.last = Report(errors=change.errors, seconds=time.perf_counter() - began)
            return self.last
        try:
            session = self._session(self.content.result)
        except ContentErrors as exc:
            self.last = Report(errors=exc.errors, seconds=time.perf_counter() - began)
            return self.last
        applied = self.generator.apply(change, session)
        self.last = Report([], applied.rendered, applied.written, applied.complete, applied.warnings,
                           time.perf_counter() - began)
        return self.last
