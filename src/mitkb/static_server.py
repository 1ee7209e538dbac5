"""Serve a built site the way a static host does: text compressed with gzip.

GitHub Pages, and any web server set up for a static site, send HTML, CSS,
JavaScript, JSON and SVG compressed when the browser accepts it. The preview of
the built site (``mitkb servir``), the browser tests and the benchmark use this
server, so that what they measure in bytes is what a reader's phone receives.
Pagefind's index files and WebAssembly are already compressed: they are sent
as they are.
"""

from __future__ import annotations

import datetime
import email.utils
import functools
import gzip
import http.server
import io
import os
import threading
from pathlib import Path

COMPRESSED_TYPES = frozenset({
    "text/html", "text/css", "text/javascript", "application/javascript", "application/json",
    "image/svg+xml", "application/xml", "text/xml", "text/plain", "application/rss+xml",
    "application/manifest+json",
})
GZIP_LEVEL = 6  # what common hosts and servers use by default


class SiteHandler(http.server.SimpleHTTPRequestHandler):
    """SimpleHTTPRequestHandler with gzip for text types, and quiet by default."""

    quiet = True
    _cache: dict[str, tuple[int, int, bytes]] = {}  # path → (mtime, size, compressed): the latest only
    _cache_lock = threading.Lock()

    def log_message(self, format: str, *args) -> None:
        if not self.quiet:
            super().log_message(format, *args)

    def end_headers(self) -> None:
        # Revalidate every time (a preview must never show a stale page); unchanged
        # files cost a « 304 Not Modified » without body, as on a static host.
        self.send_header("Cache-Control", "no-cache")
        super().end_headers()

    def send_head(self):
        path = self.translate_path(self.path)
        if os.path.isdir(path):
            if not self.path.split("?", 1)[0].split("#", 1)[0].endswith("/"):
                return super().send_head()  # the redirection to « …/ »
            path = os.path.join(path, "index.html")
        content_type = self.guess_type(path)
        if (not os.path.isfile(path) or content_type.split(";")[0] not in COMPRESSED_TYPES
                or "gzip" not in self.headers.get("Accept-Encoding", "")):
            return super().send_head()
        status = os.stat(path)
        if self._not_modified_since(status.st_mtime):
            self.send_response(http.HTTPStatus.NOT_MODIFIED)
            self.send_header("Vary", "Accept-Encoding")
            self.end_headers()
            return None
        body = self._compressed(path, status)
        self.send_response(http.HTTPStatus.OK)
        self.send_header("Last-Modified", self.date_time_string(status.st_mtime))
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)

    def _not_modified_since(self, modified: float) -> bool:
        since = self.headers.get("If-Modified-Since")
        if since is None or "If-None-Match" in self.headers:
            return False
        try:
            when = email.utils.parsedate_to_datetime(since)
        except (TypeError, ValueError, IndexError, OverflowError):
            return False
        if when.tzinfo is None:
            when = when.replace(tzinfo=datetime.timezone.utc)
        return int(modified) <= when.timestamp()

    def _compressed(self, path: str, status: os.stat_result) -> bytes:
        with self._cache_lock:
            cached = self._cache.get(path)
        if cached is not None and cached[:2] == (status.st_mtime_ns, status.st_size):
            return cached[2]
        body = gzip.compress(Path(path).read_bytes(), compresslevel=GZIP_LEVEL, mtime=0)
        with self._cache_lock:
            self._cache[path] = (status.st_mtime_ns, status.st_size, body)
        return body


def make_server(site: Path, host: str = "127.0.0.1", port: int = 0, quiet: bool = True) -> http.server.ThreadingHTTPServer:
    """A server of ``site`` (port 0: any free port); the caller runs ``serve_forever``."""
    handler = type("QuietSiteHandler" if quiet else "LoggingSiteHandler", (SiteHandler,), {"quiet": quiet})
    return http.server.ThreadingHTTPServer((host, port), functools.partial(handler, directory=str(site)))


def serve_in_background(site: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    """Serve ``site`` on 127.0.0.1 from a daemon thread: the server and its base address."""
    server = make_server(site)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def serve_until_interrupted(server) -> None:
    """Serve until Ctrl+C (or SIGTERM turned into KeyboardInterrupt), then release the port."""
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
