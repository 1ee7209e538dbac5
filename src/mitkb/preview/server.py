"""Serve the preview, tell the browser when to reload, and watch the project.

The preview's folder is served like ``mitkb servir`` serves a built site, with one
difference: every HTML page gets a small script (``web/apercu.js``, served only
here, never written into the site) that asks ``/_apercu/etat.json`` every 300 ms
whether the site changed, reloads the page when it did, and shows the content
errors over the page (in French, with file:line) until they are fixed.
"""

from __future__ import annotations

import http.server
import io
import json
import os
import threading
import time
import urllib.parse
from pathlib import Path

from ..static_server import SiteHandler

STATE_URL = "/_apercu/etat.json"
SCRIPT_URL = "/_apercu/apercu.js"
SCRIPT = Path(__file__).parent / "web" / "apercu.js"
SCRIPT_TAG = f'<script src="{SCRIPT_URL}" defer></script>'.encode()
# Folders and files whose change is previewed; others need a restart.
WATCHED = ("guides", "data", "docs")
RESTART = ("mkdocs.yml", "overrides", "macros")


# A page asked for (or polled by its script) within this many seconds is open in a browser.
OPEN_SECONDS = 10.0


class PreviewState:
    """The version of the site the browser should show, the errors to show over it, and
    the pages browsers have open (rendered first after a change to data)."""

    def __init__(self) -> None:
        self.version = 0
        self.errors: list[str] = []
        self.warnings: list[str] = []
        self.pending = False  # pages not yet up to date (they follow a partial update)
        self.lock = threading.Lock()
        self._open: dict[str, float] = {}

    def publish(self, report) -> None:
        with self.lock:
            self.version += 1
            self.errors = [error.format() for error in report.errors]
            self.warnings = list(report.warnings) if not report.errors else self.warnings
            self.pending = bool(getattr(report, "pending", False)) and not report.errors

    def seen(self, url: str) -> None:
        with self.lock:
            self._open[url] = time.monotonic()

    def open_pages(self) -> set[str]:
        """Addresses asked for lately."""
        limit = time.monotonic() - OPEN_SECONDS
        with self.lock:
            self._open = {url: at for url, at in self._open.items() if at >= limit}
            return set(self._open)

    def as_json(self) -> bytes:
        with self.lock:
            return json.dumps({"version": self.version, "erreurs": self.errors, "avertissements": self.warnings,
                               "en_cours": self.pending}, ensure_ascii=False).encode()


class PreviewHandler(SiteHandler):
    state: PreviewState = PreviewState()

    def send_head(self):
        route, _, query = self.path.split("#", 1)[0].partition("?")
        if route == STATE_URL:
            page = urllib.parse.parse_qs(query).get("page")
            if page:
                self.state.seen(page[0])
            return self._send(self.state.as_json(), "application/json; charset=utf-8")
        if route == SCRIPT_URL:
            return self._send(SCRIPT.read_bytes(), "text/javascript; charset=utf-8")
        path = self.translate_path(self.path)
        if os.path.isdir(path) and route.endswith("/"):
            path = os.path.join(path, "index.html")
        if path.endswith(".html"):
            self.state.seen(route)
            try:
                page = Path(path).read_bytes()
            except OSError:
                if not self.state.errors:
                    return super().send_head()
                page = _WAITING.encode()  # nothing built yet: the errors are shown over this page
            return self._send(_with_script(page), "text/html; charset=utf-8")
        return super().send_head()

    def _send(self, body: bytes, content_type: str):
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


_WAITING = """<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Aperçu</title></head>
<body><main><h1>Aperçu en attente</h1><p>Le site n'a pas encore pu être construit : corrigez les erreurs
affichées ci-dessus, l'aperçu se mettra à jour tout seul.</p></main></body></html>"""


def _with_script(page: bytes) -> bytes:
    at = page.rfind(b"</body>")
    return page + SCRIPT_TAG if at < 0 else page[:at] + SCRIPT_TAG + page[at:]


def make_preview_server(site: Path, state: PreviewState, port: int = 0, quiet: bool = True):
    handler = type("PreviewSiteHandler", (PreviewHandler,), {"state": state, "quiet": quiet})

    def factory(*args, **kwargs):
        return handler(*args, directory=str(site), **kwargs)
    return http.server.ThreadingHTTPServer(("127.0.0.1", port), factory)


# -- watching the project ------------------------------------------------------------


def _scan(root: Path, names) -> dict[str, tuple[int, int]]:
    """(modification time, size) of every file under ``names`` (plain strings, no Path
    objects: the preview scans a tree of thousands of files several times a second)."""
    found: dict[str, tuple[int, int]] = {}
    base = os.fspath(root)
    prefix = len(base) + 1
    stack = [os.path.join(base, name) for name in names]
    while stack:
        folder = stack.pop()
        try:
            entries = list(os.scandir(folder))
        except NotADirectoryError:
            try:
                status = os.stat(folder)
                found[folder[prefix:].replace(os.sep, "/")] = (status.st_mtime_ns, status.st_size)
            except OSError:
                pass
            continue
        except OSError:
            continue
        for entry in entries:
            if entry.name.startswith("."):
                continue
            if entry.is_dir(follow_symlinks=False):
                stack.append(entry.path)
            else:
                try:
                    status = entry.stat()
                except OSError:
                    continue
                found[entry.path[prefix:].replace(os.sep, "/")] = (status.st_mtime_ns, status.st_size)
    return found


class Watcher:
    """Which files changed since the last call (file times and sizes, polled)."""

    def __init__(self, root: Path, names=WATCHED + RESTART):
        self.root = Path(root)
        self.names = names
        self.known = _scan(self.root, names)

    def changes(self) -> set[str]:
        now = _scan(self.root, self.names)
        changed = {path for path in set(now) | set(self.known) if now.get(path) != self.known.get(path)}
        self.known = now
        return changed


def needs_restart(paths: set[str], known: set[str]) -> bool:
    """The configuration or theme changed, or a hand-written page appeared or disappeared."""
    for path in paths:
        if path.split("/", 1)[0] in RESTART:
            return True
        if path.startswith("docs/") and path not in known:
            return True
    return False


def run_preview(live, site: Path, port: int, index_search=None, interval: float = 0.05, out=print,
                stop: threading.Event | None = None) -> None:
    """Serve ``site`` and keep it up to date until Ctrl+C (or ``stop``).

    ``index_search()`` re-indexes the search in the background, a few seconds after
    the last change (search may lag behind the pages meanwhile)."""
    state = PreviewState()
    watcher = Watcher(live.root)
    report = live.start()
    state.publish(report)
    for line in report.lines():
        out(line)
    server = make_preview_server(site, state, port)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    out(f"Aperçu sur http://127.0.0.1:{server.server_address[1]}/ (Ctrl+C pour arrêter). "
        "Chaque enregistrement dans guides/, data/ ou docs/ met la page à jour.")
    reindex = _Reindexer(index_search, out) if index_search else None
    stop = stop or threading.Event()
    try:
        while not stop.wait(interval):
            paths = watcher.changes()
            if not paths:
                if _complete_step(live, state, out) and reindex:
                    reindex.later()
                continue
            time.sleep(0.03)  # editors may write a file in two steps
            paths |= watcher.changes()
            known = set(watcher.known) - paths
            try:
                report = live.start() if needs_restart(paths, known) else live.update(
                    paths, priority=live.sources_of(state.open_pages()))
            except Exception as exc:  # noqa: BLE001 - a bug must not stop the preview: shown, then retried
                report = _failure(exc)
            state.publish(report)
            for line in report.lines():
                out(line)
            if reindex and not report.errors:
                reindex.later()
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()
        server.server_close()


def _complete_step(live, state: PreviewState, out) -> bool:
    """One step of what a partial update left (pages not open, documents); the browsers
    reload once, when all is up to date (then True)."""
    try:
        report = live.complete_step()
    except Exception as exc:  # noqa: BLE001 - as for an edit
        report = _failure(exc)
    if report is None or (report.pending and not report.errors):
        return False
    state.publish(report)
    for line in report.lines() if report.errors else [
            f"✓ Autres pages et documents à jour en {report.seconds:.2f} s "
            f"({len(report.rendered)} page(s) recalculée(s), {len(report.written)} fichier(s) réécrit(s))."]:
        out(line)
    return not report.errors


def _failure(exc: Exception):
    """A report for an unexpected failure (a template or engine bug): shown like a content error."""
    from ..errors import ContentError
    from .live import Report

    return Report(errors=[ContentError("aperçu", message=f"erreur inattendue : {type(exc).__name__} : {exc}",
                                       hint="Enregistrez à nouveau pour réessayer ; si l'erreur reste, "
                                            "relancez make serve et signalez-la.")])


class _Reindexer:
    DELAY = 3.0

    def __init__(self, index_search, out):
        self.index_search, self.out = index_search, out
        self.timer: threading.Timer | None = None
        self.lock = threading.Lock()

    def later(self) -> None:
        if self.timer is not None:
            self.timer.cancel()
        self.timer = threading.Timer(self.DELAY, self._run)
        self.timer.daemon = True
        self.timer.start()

    def _run(self) -> None:
        with self.lock:
            try:
                self.index_search()
                self.out("✓ Index de recherche de l'aperçu mis à jour.")
            except Exception as exc:  # noqa: BLE001 - search lags, the preview goes on
                self.out(f"attention : index de recherche non mis à jour ({exc}).")
