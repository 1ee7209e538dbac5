"""A PDF of every guide and workshop write-up, printed from the built page.

- ``targets``: which pages get a PDF, where it goes and what its footer says;
- ``printer``: Chromium's printing through Playwright (tagged PDF, bookmarks from the
  headings, footer with the build date, the address and « page X / Y »), made byte-stable;
- ``publish``: runs over the site the generator just wrote, reuses the cache
  (``.cache/pdf/``), writes each PDF beside its page and adds the download link.

The page's own print stylesheet (``docs/assets/stylesheets/impression.css``) lays out the
PDF, so that printing a page from the browser and downloading its PDF give the same
document. Nothing here imports MkDocs.
"""

from .printer import PdfPrinterError, chromium_executable
from .publish import PDF_SWITCH, PdfReport, pdf_enabled, publish_pdfs
from .targets import PdfTarget, pdf_targets

__all__ = [
    "PDF_SWITCH",
    "PdfPrinterError",
    "PdfReport",
    "PdfTarget",
    "chromium_executable",
    "pdf_enabled",
    "pdf_targets",
    "publish_pdfs",
]
