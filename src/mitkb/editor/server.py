"""`mitkb editeur`: the editor against the local working tree, without GitHub.

Decap CMS's local proxy (the ``decap-server`` npm package, in ``fs`` mode) reads
and writes the files of the project folder; this module serves the editor's
files on 127.0.0.1 with a configuration that points at that proxy. Both listen
on the local machine only.
"""

from __future__ import annotations

import datetime as dt
import mimetypes
import os
import shutil
import signal
import socket
import subprocess
import time
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from ..content import load_site
from ..static_server import serve_until_interrupted
from . import SITE_DIR, editor_files
from .assets import check_installed

TYPES = {".js": "text/javascript; charset=utf-8", ".yml": "text/yaml; charset=utf-8", ".wasm": "application/wasm",
         ".css": "text/css; charset=utf-8", ".html": "text/html; charset=utf-8"}


class EditorServerError(Exception):
    """Why the local editor cannot start (French message)."""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_proxy(root: Path, port: int) -> subprocess.Popen:
    """decap-server writing into `root`, listening on 127.0.0.1:`port` once this returns."""
    node = shutil.which("node")
    if node is None:
        raise EditorServerError("Node.js (20 ou plus) est requis pour l'éditeur local : installez le paquet « nodejs ».")
    script = check_installed(root) / "decap-server" / "dist" / "index.js"
    env = dict(os.environ, PORT=str(port), BIND_HOST="127.0.0.1", MODE="fs", GIT_REPO_DIRECTORY=str(root),
               LOG_LEVEL="warn")
    process = subprocess.Popen([node, str(script)], env=env, cwd=root, stdin=subprocess.DEVNULL)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise EditorServerError(f"decap-server s'est arrêté au démarrage (code {process.returncode}).")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return process
        except OSError:
            time.sleep(0.1)
    process.terminate()
    raise EditorServerError("decap-server ne répond pas après 30 s.")


def local_files(root: Path, proxy_port: int, today: dt.date) -> dict[str, bytes]:
    """The editor's files, configured for the local proxy (no review workflow: files are written directly)."""
    site, _ = load_site(root)  # content with errors still opens: the editor is where they get fixed
    backend = {"name": "proxy", "proxy_url": f"http://127.0.0.1:{proxy_port}/api/v1", "branch": "main"}
    return {"/" + path: content for path, content in editor_files(root, site, today, backend, publish_mode=None)}


def make_server(files: dict[str, bytes], port: int = 0) -> ThreadingHTTPServer:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 (http.server's naming)
            path = self.path.split("?", 1)[0]
            if path in ("/", f"/{SITE_DIR}"):
                self.send_response(HTTPStatus.FOUND)
                self.send_header("Location", f"/{SITE_DIR}/")
                self.end_headers()
                return
            if path.endswith("/"):
                path += "index.html"
            content = files.get(path)
            if content is None:
                self.send_error(HTTPStatus.NOT_FOUND, "Fichier introuvable")
                return
            suffix = Path(path).suffix
            self.send_response(HTTPStatus.OK)
            self.send_header("Content-Type", TYPES.get(suffix) or mimetypes.guess_type(path)[0] or "application/octet-stream")
            self.send_header("Content-Length", str(len(content)))
            self.send_header("Cache-Control", "no-cache")
            self.end_headers()
            self.wfile.write(content)

        def log_message(self, *args):
            pass

    return ThreadingHTTPServer(("127.0.0.1", port), Handler)


def _stop(signum, frame):
    raise KeyboardInterrupt


def run(root: Path, port: int, today: dt.date) -> int:
    signal.signal(signal.SIGTERM, _stop)  # `kill` stops decap-server too
    proxy_port = free_port()
    proxy = start_proxy(root, proxy_port)
    try:
        server = make_server(local_files(root, proxy_port, today), port)
        print(f"Éditeur servi sur http://127.0.0.1:{server.server_address[1]}/{SITE_DIR}/ "
              f"(fichiers de {root} ; Ctrl+C pour arrêter)", flush=True)
        serve_until_interrupted(server)
    finally:
        proxy.terminate()
        try:
            proxy.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proxy.kill()
    return 0
