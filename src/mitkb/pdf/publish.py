"""Print the PDFs of a freshly built site, reuse the cached ones, link them from their pages.

A PDF's cache key is the hash of everything its bytes depend on: the built page's HTML
(before its download link is added), the site's stylesheets, the footer (build date and
address), the printing tools (Playwright, Chromium) and this package's code. A warm
rebuild prints nothing: Chromium is not even started.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import html
import os
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from ..documents.cache import DocumentCache, atomic_write, document_key
from ..documents.generate import size_text
from .printer import ChromiumPrinter, PdfPrinterError, PrintJob, chromium_executable, printer_fingerprint
from .targets import PdfTarget

PDF_SWITCH = "MITKB_PDF"  # « 0 »: build without PDFs (tests that do not look at them)
CACHE_DIR = Path(".cache") / "pdf"  # relative to the project root; ignored by git
STYLESHEETS = "assets/stylesheets"
LINK_CLASS = "mitkb-pdf"
_META_START = '<p class="mitkb-meta">'


def pdf_enabled(environ=None) -> bool:
    return (os.environ if environ is None else environ).get(PDF_SWITCH) != "0"


@dataclass
class PdfReport:
    generated: int = 0
    reused: int = 0
    seconds: float = 0.0
    total_bytes: int = 0

    def message(self) -> str:
        return (f"PDF des guides et comptes rendus : {self.generated} imprimés, {self.reused} repris du cache "
                f"({self.total_bytes / 1_000_000:.1f} Mo) en {self.seconds:.1f} s")


def code_fingerprint() -> str:
    """This package's source: a change in how PDFs are made invalidates the cache."""
    sources = sorted(Path(__file__).parent.glob("*.py"))
    return document_key(*(f"{path.name}\n{path.read_text(encoding='utf-8')}" for path in sources))


def stylesheets_fingerprint(site_dir: Path) -> str:
    """The site's own stylesheets (the theme's carry a hash in their name, already in the HTML)."""
    digest = hashlib.sha256()
    folder = Path(site_dir) / STYLESHEETS
    for path in sorted(folder.rglob("*.css")) if folder.is_dir() else []:
        digest.update(path.relative_to(folder).as_posix().encode())
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def download_link(target: PdfTarget, size: int) -> str:
    """The paragraph added under the page's kind line (kept out of the search index and of print)."""
    return (f'<p class="{LINK_CLASS}" data-pagefind-ignore="all"><a href="{html.escape(target.pdf_name)}" '
            f'type="application/pdf" download>Télécharger {target.what} en PDF, {size_text(size)}</a></p>')


def add_download_link(page_html: str, target: PdfTarget, size: int) -> str:
    """Insert the link after the kind line (« Guide méthodologique · … »), else after the title."""
    start = page_html.find(_META_START)
    end = page_html.find("</p>", start) + len("</p>") if start >= 0 else -1
    if start < 0 or end < len("</p>"):
        end = page_html.find("</h1>")
        if end < 0:
            raise PdfPrinterError(f"{target.html_path} : ni ligne « {_META_START} » ni titre <h1> où placer le lien PDF")
        end += len("</h1>")
    return page_html[:end] + download_link(target, size) + page_html[end:]


def publish_pdfs(site_dir: Path, targets: list[PdfTarget], cache_dir: Path | None,
                 printer_factory: Callable[[str], ChromiumPrinter] = ChromiumPrinter,
                 executable: str | None = None) -> PdfReport:
    """Write the PDF of each target beside its page in ``site_dir`` and link it from the page.
    Raises PdfPrinterError (in French) when Chromium is missing or a page cannot be printed."""
    started = time.perf_counter()
    site_dir = Path(site_dir)
    executable = executable or chromium_executable()
    if executable is None:
        raise PdfPrinterError("Chromium introuvable : paquet Debian « chromium » (bash .ci/system-deps), "
                              "ou variable MITKB_CHROMIUM ; MITKB_PDF=0 construit le site sans PDF")
    shared = (code_fingerprint(), printer_fingerprint(executable), stylesheets_fingerprint(site_dir))
    cache = DocumentCache(cache_dir)
    report = PdfReport()
    ready: list[tuple[PdfTarget, str, bytes]] = []
    pending: list[tuple[PdfTarget, str, str]] = []
    for target in targets:
        page_html = (site_dir / target.html_path).read_text(encoding="utf-8")
        key = document_key(*shared, target.footer_text, _stamp(target.build_date), page_html)
        cached = cache.get(key, "pdf")
        if cached is None:
            pending.append((target, key, page_html))
        else:
            ready.append((target, page_html, cached))
    report.reused = len(ready)
    if pending:
        jobs = [PrintJob(site_dir / t.html_path, t.footer_text, _stamp(t.build_date), t.public_url, t.title)
                for t, _key, _html in pending]
        for (target, key, page_html), pdf in zip(pending, printer_factory(executable).print_all(jobs)):
            cache.put(key, "pdf", pdf)
            ready.append((target, page_html, pdf))
            report.generated += 1
    for target, page_html, pdf in ready:
        atomic_write(site_dir / target.pdf_path, pdf)
        (site_dir / target.html_path).write_text(add_download_link(page_html, target, len(pdf)), encoding="utf-8")
        report.total_bytes += len(pdf)
    cache.prune()
    report.seconds = time.perf_counter() - started
    return report


def _stamp(day: dt.date) -> str:
    return day.strftime("%Y%m%d")
