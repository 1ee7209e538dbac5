"""Chromium's printing through Playwright: one browser for all the PDFs of a build,
a few pages printed at once.

Chromium prints the built page with its print stylesheet. Its PDF is tagged (structure
tree, ``/MarkInfo /Marked true``, ``/Lang`` from ``<html lang="fr">``), has bookmarks from
the headings (``outline``), clickable links, embedded font subsets and the page's
``<title>`` in its metadata; ``artifacts`` marks its untagged footer as artifacts. Only
``file:`` addresses are loaded: any other request is refused, so a PDF never depends on
(nor leaks to) another host.

Chromium stamps the PDF with the current time; ``stable_bytes`` replaces it with the
build date, so that the same page gives the same bytes.
"""

from __future__ import annotations

import asyncio
import hashlib
import html
import os
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

from .artifacts import finish_pdf

CHROMIUM_ENV = "MITKB_CHROMIUM"  # path of a Chromium executable, when not in a usual place
WORKERS_ENV = "MITKB_PDF_PAGES"  # pages printed at once (default: the number of cores, at most 4)
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


@dataclass(frozen=True)
class PrintJob:
    page_file: Path
    footer_text: str
    stamp: str  # the build date, « AAAAMMJJ »
    public_url: str | None = None  # the page's public address, for its links to other pages
    title: str | None = None  # the document's title in its XMP metadata (else the page's <title>)


def print_workers(environ=None) -> int:
    """Pages printed at once: Chromium lays out one page while Python finishes another."""
    configured = (os.environ if environ is None else environ).get(WORKERS_ENV, "")
    return max(1, int(configured)) if configured.isdigit() else max(1, min(4, os.cpu_count() or 1))


class ChromiumPrinter:
    """One headless Chromium for all the PDFs of a build: ``ChromiumPrinter(executable).print_all(jobs)``."""

    def __init__(self, executable: str | None = None, workers: int | None = None):
        self.executable = executable or chromium_executable()
        self.workers = workers or print_workers()
        if self.executable is None:
            raise PdfPrinterError("Chromium introuvable (paquet Debian « chromium », installé par "
                                  f"« bash .ci/system-deps » ; ou variable {CHROMIUM_ENV})")

    def print_all(self, jobs: list[PrintJob]) -> list[bytes]:
        """The finished PDF of each job, in order (raises PdfPrinterError)."""
        try:
            import playwright.async_api  # noqa: F401
        except ImportError:
            raise PdfPrinterError("le paquet Python « playwright » manque (make .venv/.installed)") from None
        return asyncio.run(self._print_all(list(jobs)))

    async def _print_all(self, jobs: list[PrintJob]) -> list[bytes]:
        from playwright.async_api import async_playwright

        results: list[bytes | None] = [None] * len(jobs)
        pending = list(enumerate(jobs))
        loop = asyncio.get_running_loop()
        async with async_playwright() as playwright:
            try:
                browser = await playwright.chromium.launch(executable_path=self.executable, args=CHROMIUM_ARGS)
                context = await browser.new_context()
                await context.route(lambda url: not url.startswith("file:"), lambda route: route.abort())
            except Exception as exc:
                raise PdfPrinterError(f"Chromium n'a pas démarré : {exc}") from None

            async def worker() -> None:
                page = await context.new_page()
                await page.emulate_media(media="print")
                while pending:
                    index, job = pending.pop(0)
                    pdf, links, title = await self._print_one(page, job)
                    # pikepdf's work runs beside Chromium's layout of the next page.
                    results[index] = await loop.run_in_executor(
                        None, lambda: finish_pdf(stable_bytes(pdf, job.stamp), title, link_texts=links))

            try:
                await asyncio.gather(*(worker() for _ in range(min(self.workers, len(jobs)) or 1)))
            finally:
                await browser.close()
        return results

    @staticmethod
    async def _print_one(page, job: PrintJob) -> tuple[bytes, dict[str, str], str]:
        try:
            await page.goto(Path(job.page_file).resolve().as_uri(), wait_until="load")
            links = dict(reversed(await page.evaluate(_PUBLIC_LINKS, [job.public_url])))  # first text wins
            pdf = await page.pdf(
                format=PAGE_FORMAT, margin=MARGINS, print_background=True, prefer_css_page_size=False,
                tagged=True, outline=True, display_header_footer=True,
                header_template="<span></span>", footer_template=footer_template(job.footer_text),
            )
            return pdf, links, job.title or await page.title()
        except Exception as exc:
            raise PdfPrinterError(f"impression de {job.page_file} impossible : {exc}") from None
