"""A preview of a project served in a thread, as `mitkb previsualiser` runs it (tests only)."""

from __future__ import annotations

import contextlib
import datetime as dt
import socket
import threading
from dataclasses import dataclass, field
from pathlib import Path

from mitkb.adapters.mkdocs_preview import MkDocsPreview
from mitkb.preview.live import LivePreview
from mitkb.preview.server import run_preview


@dataclass
class ServedPreview:
    base: str
    site: Path
    live: LivePreview
    lines: list[str] = field(default_factory=list)


@contextlib.contextmanager
def served_preview(project: Path, site: Path, monkeypatch, prepare=None):
    """``prepare(live)`` runs before the server starts (e.g. to hold the completion)."""
    monkeypatch.setenv("MITKB_INDEX_SEARCH", "0")
    monkeypatch.setenv("MITKB_PDF", "0")  # as `mitkb previsualiser` does
    generator = MkDocsPreview(project / "mkdocs.yml", site)
    live = LivePreview(project, dt.date(2026, 11, 27), generator, generator.settings())
    if prepare is not None:
        prepare(live)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    served = ServedPreview(f"http://127.0.0.1:{port}", site, live)
    stop = threading.Event()
    thread = threading.Thread(target=run_preview, args=(live, site, port), daemon=True,
                              kwargs={"out": served.lines.append, "stop": stop, "interval": 0.05})
    thread.start()
    try:
        yield served
    finally:
        stop.set()
        thread.join(10)
        generator.close()
