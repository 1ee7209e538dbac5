"""Chromium's printing through Playwright: one browser for all the PDFs of a build.

Chromium prints the built page with its print stylesheet. Its PDF is tagged (structure
tree, ``/MarkInfo /Marked true``, ``/Lang`` from ``<html lang="fr">``), has bookmarks from
the headings (``outline``), clickable links, embedded font subsets and the page's
``<title>`` in its metadata; ``artifacts`` marks its untagged footer as artifacts. Only ``file:`` addresses are loaded: any other request is
refused, so a PDF never depends on (nor leaks to) another host.

Chromium stamps the PDF with the current time; ``stable_bytes`` replaces it with the
build date, so that the same page gives the same bytes.
"""

from __future__ import annotations

import hashlib
import html
import os
import re
import shutil
from pathlib import Path

from .artifacts import finish_pdf

CHROMIUM_ENV = "MITKB_CHROMIUM"  # path of a Chromium executable, when not in a usual place
CHROMIUM_CANDIDATES = ("/usr/bin/chromium", "/usr/bin/chromium-browser")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
# A4 with margins for binding and hole punching; the footer sits in the bottom margin.
PAGE_FORMAT = "A4"
MARGINS = {"top": "16mm", "bottom": "18mm", "left": "18mm", "right": "18mm"}
FOOTER_STYLE = ("font-family: 'DejaVu Sans', sans-serif; font-size: 7.5pt; color: #444; width: 100%; "
                "margin: 0 18mm; display: flex; justify-content: space-between; gap: 4mm; "
                "font-variant-ligatures: none;")

_PDF_DATE = re.compile(rb"\(D:\d{14}")


# Links between the site's pages point, in the PDF, to their public address (never to the
# file the PDF was printed from); without a known address they become plain text. They are
# marked so that the print stylesheet does not print their address after them.
_PUBLIC_LINKS = """([publicUrl]) => {
  for (const link of document.querySelectorAll('a[href]')) {
    const href = link.getAttribute('href');
    if (href.startsWith('#') || new URL(href, document.baseURI).protocol !== 'file:') continue;
    link.setAttribute('data-mitkb-lien-interne', '');
    if (publicUrl) link.href = new URL(href, publicUrl).href;
    else link.removeAttribute('href');
  }
  return [...document.querySelectorAll('a[href]')].map(link => [link.href, link.textContent.trim()]);
}"""


class PdfPrinterError(Exception):
    """Chromium or Playwright missing, or a page that could not be printed (message in French)."""


def chromium_executable(environ=None) -> str | None:
    environ = os.environ if environ is None else environ
    configured = environ.get(CHROMIUM_ENV)
    if configured:
        return configured if Path(configured).exists() else None
    for candidate in CHROMIUM_CANDIDATES:
        if Path(candidate).exists():
            return candidate
    return shutil.which("chromium") or shutil.which("chromium-browser")


def printer_fingerprint(executable: str) -> str:
    """Identifies the printing tools without starting them: Playwright's and pikepdf's versions and the
    Chromium executable (path, size, date; a package upgrade changes them)."""
    from importlib.metadata import version

    real = Path(executable).resolve()
    digest = hashlib.sha256(f"playwright {version('playwright')} pikepdf {version('pikepdf')}".encode())
    for path in sorted({real, *_chromium_binaries(real)}):
        stat = path.stat()
        digest.update(f"{path}:{stat.st_size}:{stat.st_mtime_ns}".encode())
    return digest.hexdigest()


def _chromium_binaries(executable: Path) -> list[Path]:
    # Debian's /usr/bin/chromium is a shell script starting /usr/lib/chromium/chromium.
    beside = Path("/usr/lib/chromium/chromium")
    return [beside] if executable.suffix == "" and beside.exists() and executable != beside else []


def footer_template(text: str) -> str:
    """Chromium fills the spans « pageNumber » and « totalPages » on each page."""
    return (f'<div style="{FOOTER_STYLE}"><span>{html.escape(text)}</span>'
            '<span style="white-space: nowrap">page <span class="pageNumber"></span> / '
            '<span class="totalPages"></span></span></div>')


def stable_bytes(pdf: bytes, stamp: str) -> bytes:
    """Replace Chromium's creation and modification times by ``stamp`` (« AAAAMMJJ ») at
    midnight; same length, so the cross-reference offsets stay valid."""
    return _PDF_DATE.sub(f"(D:{stamp}000000".encode(), pdf)


class ChromiumPrinter:
    """``with ChromiumPrinter(executable) as printer: printer.print(path, footer, stamp)``."""

    def __init__(self, executable: str | None = None):
        self.executable = executable or chromium_executable()
        if self.executable is None:
            raise PdfPrinterError("Chromium introuvable (paquet Debian « chromium », installé par "
                                  f"« bash .ci/system-deps » ; ou variable {CHROMIUM_ENV})")

    def __enter__(self) -> "ChromiumPrinter":
        try:
            from playwright.sync_api import sync_playwright
        except ImportError:
            raise PdfPrinterError("le paquet Python « playwright » manque (make .venv/.installed)") from None
        self._playwright = sync_playwright().start()
        try:
            self._browser = self._playwright.chromium.launch(executable_path=self.executable, args=CHROMIUM_ARGS)
            context = self._browser.new_context(java_script_enabled=True)
            context.route(lambda url: not url.startswith("file:"), lambda route: route.abort())
            self._page = context.new_page()
            self._page.emulate_media(media="print")
        except Exception as exc:
            self._playwright.stop()
            raise PdfPrinterError(f"Chromium n'a pas démarré : {exc}") from None
        return self

    def print(self, page_file: Path, footer_text: str, stamp: str, public_url: str | None = None,
              title: str | None = None) -> bytes:
        """``public_url``: the page's public address (https://…), for its links to other pages;
        ``title``: the document's title in its XMP metadata (else the page's <title>)."""
        try:
            self._page.goto(Path(page_file).resolve().as_uri(), wait_until="load")
            links = dict(reversed(self._page.evaluate(_PUBLIC_LINKS, [public_url])))  # first text wins
            pdf = self._page.pdf(
                format=PAGE_FORMAT, margin=MARGINS, print_background=True, prefer_css_page_size=False,
                tagged=True, outline=True, display_header_footer=True,
                header_template="<span></span>", footer_template=footer_template(footer_text),
            )
            title = title or self._page.title()
        except Exception as exc:
            raise PdfPrinterError(f"impression de {page_file} impossible : {exc}") from None
        return finish_pdf(stable_bytes(pdf, stamp), title, link_texts=links)

    def __exit__(self, *exc_info) -> None:
        try:
            self._browser.close()
        finally:
            self._playwright.stop()
