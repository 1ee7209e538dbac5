"""Reading a PDF back: its text, structure, language, metadata, bookmarks and links."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from pypdf import PdfReader


def normalize(text: str) -> str:
    """Words as a reader sees them: line breaks and runs of spaces are one space."""
    return re.sub(r"\s+", " ", text.replace("\u00ad", "").replace("\u00a0", " ").replace("\u202f", " ")).strip()


@dataclass
class PdfFacts:
    pages: int
    text: str
    page_texts: list[str]
    tagged: bool
    marked: bool
    language: str | None
    title: str | None
    bookmarks: list[str]
    link_uris: list[str]
    link_descriptions: dict[str, str]  # address → /Contents of its link annotation
    internal_links: int
    fonts: dict[str, bool]  # font name → embedded
    xmp_title: str | None


def _bookmarks(outline) -> list[str]:
    titles = []
    for entry in outline:
        titles += _bookmarks(entry) if isinstance(entry, list) else [entry.title]
    return titles


def _embedded(font) -> bool:
    font = font.get_object()
    if "/DescendantFonts" in font:
        font = font["/DescendantFonts"][0].get_object()
    descriptor = font.get("/FontDescriptor")
    return descriptor is not None and any(k in descriptor.get_object() for k in ("/FontFile", "/FontFile2", "/FontFile3"))


def read_pdf(path: Path) -> PdfFacts:
    reader = PdfReader(path)
    root = reader.trailer["/Root"]
    mark_info = root.get("/MarkInfo")
    page_texts = [normalize(page.extract_text()) for page in reader.pages]
    uris, internal, fonts, descriptions = [], 0, {}, {}
    for page in reader.pages:
        for annotation in page.get("/Annots") or []:
            annotation = annotation.get_object()
            action = annotation.get("/A")
            if action is not None and "/URI" in action:
                uris.append(str(action["/URI"]))
                descriptions[str(action["/URI"])] = str(annotation.get("/Contents", ""))
            elif "/Dest" in annotation or (action is not None and "/D" in action):
                internal += 1
        for name, font in ((page.get("/Resources") or {}).get("/Font") or {}).items():
            fonts[str(font.get_object().get("/BaseFont"))] = _embedded(font)
    metadata = reader.metadata or {}
    xmp = reader.xmp_metadata
    return PdfFacts(
        pages=len(reader.pages),
        text=" ".join(page_texts),
        page_texts=page_texts,
        tagged="/StructTreeRoot" in root,
        marked=bool(mark_info and mark_info.get_object().get("/Marked")),
        language=str(root["/Lang"]) if "/Lang" in root else None,
        title=metadata.get("/Title"),
        bookmarks=_bookmarks(reader.outline),
        link_uris=uris,
        link_descriptions=descriptions,
        internal_links=internal,
        fonts=fonts,
        xmp_title=(xmp.dc_title or {}).get("x-default") if xmp is not None else None,
    )
