"""Which pages get a PDF, where the file goes, and what each printed page's footer says."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..content import Site
from ..formatting import date_long
from ..publishing import Publishing

# Kinds of content printed as PDF, and how the download link names the document.
PDF_KINDS = {"methodes": "ce guide", "ateliers": "ce compte rendu"}


@dataclass(frozen=True)
class PdfTarget:
    html_path: str  # the built page, relative to the site folder: « methodes/x/index.html »
    pdf_path: str  # the PDF, beside the page: « methodes/x/x.pdf »
    title: str
    what: str  # « ce guide », « ce compte rendu »
    address: str  # the page's public address, or its path when the site's address is unknown
    build_date: dt.date

    @property
    def pdf_name(self) -> str:
        return self.pdf_path.rsplit("/", 1)[-1]

    @property
    def public_url(self) -> str | None:
        return self.address if self.address.startswith(("https://", "http://")) else None

    @property
    def footer_text(self) -> str:
        """What every printed page says besides « page X / Y » (the thresholds are those of the build date)."""
        return f"Seuils en vigueur au {date_long(self.build_date)} · {self.address}"


def _built_page(publishing: Publishing, page_path: str) -> str:
    url = publishing.page_url(page_path)
    return url + "index.html" if url == "" or url.endswith("/") else url


def pdf_targets(site: Site, publishing: Publishing, today: dt.date) -> list[PdfTarget]:
    targets = []
    for item in site.all_items():
        if item.kind not in PDF_KINDS:
            continue
        html_path = _built_page(publishing, item.page_path)
        folder = html_path.rsplit("/", 1)[0] + "/" if "/" in html_path else ""
        url = publishing.page_url(item.page_path)
        targets.append(PdfTarget(
            html_path=html_path,
            pdf_path=f"{folder}{item.slug}.pdf",
            title=item.model.title,
            what=PDF_KINDS[item.kind],
            address=publishing.absolute_url(url) or "/" + url,
            build_date=today,
        ))
    return targets
