"""Generate the downloadable .docx and .odt of every template, with a cache.

``generate_documents`` is the one function the build calls. It returns the
files to publish under ``telechargements/``, what each template page needs to
offer them (format and size) and how many files came from the cache.
"""

from __future__ import annotations

import datetime as dt
import logging
import math
import os
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from ..content import Item, Site
from ..pages import GeneratedFile
from . import fields as markers
from . import styles
from .archive import normalise_zip
from .cache import DocumentCache, code_fingerprint, document_key
from .layouts import effective_fields
from .markdown import DocumentMarkdown
from .pandoc import convert, pandoc_version
from .reference import reference_file
from ..typography import french_markdown

logger = logging.getLogger("mitkb.documents")

DOWNLOAD_DIR = "telechargements"


@dataclass(frozen=True)
class OutputFormat:
    kind: str  # pandoc's writer and the file extension
    name: str  # what the reader sees: « Word », « OpenDocument »


FORMATS = (OutputFormat("docx", "Word"), OutputFormat("odt", "OpenDocument"))


def size_text(size: int) -> str:
    """Size as French readers write it: « 14 Ko », « 1,2 Mo » (rounded up, 1 Ko = 1 000 octets)."""
    if size <= 999_000:
        return f"{max(1, math.ceil(size / 1000))}\u00a0Ko"
    return f"{math.ceil(size / 100_000) / 10:.1f}".replace(".", ",") + "\u00a0Mo"


@dataclass(frozen=True)
class Download:
    """One downloadable file of a template, as its page shows it."""

    path: str  # relative to the site root: "telechargements/<slug>.docx"
    format_name: str
    extension: str  # ".docx"
    size: int

    @property
    def size_text(self) -> str:
        return size_text(self.size)

    @property
    def label(self) -> str:
        return f"{self.format_name} ({self.extension}), {self.size_text}"


@dataclass
class DocumentStats:
    generated: int = 0
    reused: int = 0


@dataclass
class Documents:
    files: list[GeneratedFile] = field(default_factory=list)
    downloads: dict[str, list[Download]] = field(default_factory=dict)  # the documents to fill
    notices: dict[str, list[Download]] = field(default_factory=dict)  # their notices, apart
    stats: DocumentStats = field(default_factory=DocumentStats)


NOTICE_SUFFIX = "-notice"
CUSTOM_STYLES = (styles.FIELD_STYLE, *styles.PARAGRAPH_STYLES)


def finish(kind: str, data: bytes, fields: list | None = None) -> bytes:
    """Pandoc's archive made byte-stable, with the last touches pandoc cannot do.

    ``fields``: the template's fields, for a document whose fields are filled once
    (the custom XML store of Word's content controls, OpenDocument's user fields).
    """
    if kind == "odt":
        return normalise_zip(data, lambda name, content: _finish_odt_entry(name, content, fields))
    if fields is None:
        return normalise_zip(data)
    return _add_custom_xml(data, fields)


def _add_custom_xml(data: bytes, fields: list) -> bytes:
    import io
    import zipfile

    source = zipfile.ZipFile(io.BytesIO(data))
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "word/_rels/document.xml.rels":
                content = content.replace(b"</Relationships>", markers.DOCUMENT_RELATIONSHIP.encode() + b"</Relationships>", 1)
            elif info.filename == "[Content_Types].xml":
                content = content.replace(b"</Types>", markers.CONTENT_TYPE.encode() + b"</Types>", 1)
            target.writestr(info, content)
        target.writestr(markers.CUSTOM_XML_PATH, markers.custom_xml_item(fields))
        target.writestr(markers.CUSTOM_XML_PROPS_PATH, markers.CUSTOM_XML_PROPS)
        target.writestr("customXml/_rels/item1.xml.rels", markers.CUSTOM_XML_RELS)
    return normalise_zip(output.getvalue())


def _finish_odt_entry(name: str, content: bytes, fields: list | None = None) -> bytes:
    if name != "content.xml":
        return content
    text = content.decode("utf-8")
    # Pandoc writes custom style names as given; OpenDocument spells spaces « _20_ ».
    for style in CUSTOM_STYLES:
        text = text.replace(f'text:style-name="{style}"', f'text:style-name="{styles.odf_name(style)}"')
    if fields is not None:
        declarations = markers.odt_declarations(fields)
        anchor = "</text:sequence-decls>" if "</text:sequence-decls>" in text else "<office:text>"
        text = text.replace(anchor, anchor + declarations, 1)
    # Table cells get a thin border, like the Word tables (pandoc writes none).
    text = text.replace(
        '<style:table-cell-properties fo:border="none" />',
        f'<style:table-cell-properties fo:border="0.5pt solid #{styles.TABLE_BORDER_COLOUR.lower()}" '
        'fo:padding="0.1cm" />',
    )
    return text.encode("utf-8")


def _epoch(day: dt.date) -> int:
    """The document's timestamps: midnight UTC on the day the template was last reviewed."""
    return int(dt.datetime(day.year, day.month, day.day, tzinfo=dt.timezone.utc).timestamp())


@dataclass
class _Job:
    item: Item
    output: OutputFormat
    markdown: str
    key: str
    notice: bool = False
    content: bytes | None = None

    @property
    def path(self) -> str:
        suffix = NOTICE_SUFFIX if self.notice else ""
        return f"{DOWNLOAD_DIR}/{self.item.slug}{suffix}.{self.output.kind}"


def generate_documents(site: Site, today: dt.date, cache_dir: Path | None) -> Documents:
    """Every template in every format; pandoc runs only for what the cache lacks."""
    builder = DocumentMarkdown(site, today)
    templates = sorted(site.templates.values(), key=lambda item: item.slug)
    if not templates:
        return Documents()
    cache = DocumentCache(cache_dir)
    fingerprint = document_key(code_fingerprint(), pandoc_version())
    jobs = []
    for item in templates:
        notice = french_markdown(builder.notice(item))  # French typography (mitkb.typography)
        for output in FORMATS:
            markdown = french_markdown(builder.build(item, output.kind))
            for is_notice, text in ((False, markdown), (True, notice)):
                job = _Job(item, output, text, document_key(fingerprint, output.kind, str(is_notice), text), is_notice)
                job.content = cache.get(job.key, output.kind)
                jobs.append(job)
    missing = [job for job in jobs if job.content is None]
    if missing:
        reference_dir = Path(cache_dir) if cache_dir is not None else None
        _generate(missing, fingerprint, reference_dir)
        for job in missing:
            cache.put(job.key, job.output.kind, job.content)
        cache.prune()  # only when something changed: a warm build stays a few reads
    result = Documents(stats=DocumentStats(generated=len(missing), reused=len(jobs) - len(missing)))
    for job in jobs:
        result.files.append(GeneratedFile(job.path, job.content, job.item.source))
        listing = result.notices if job.notice else result.downloads
        listing.setdefault(job.item.slug, []).append(
            Download(job.path, job.output.name, f".{job.output.kind}", len(job.content))
        )
    logger.info(
        "Documents à télécharger : %d générés, %d repris du cache", result.stats.generated, result.stats.reused
    )
    return result


def _generate(jobs: list[_Job], fingerprint: str, reference_dir: Path | None) -> None:
    import tempfile

    with tempfile.TemporaryDirectory(prefix="mitkb-references-") as scratch:
        folder = reference_dir if reference_dir is not None else Path(scratch)
        references = {output.kind: reference_file(output.kind, folder, fingerprint) for output in FORMATS}

        def run(job: _Job) -> None:
            data = convert(job.markdown, job.output.kind, references[job.output.kind], _epoch(job.item.model.reviewed))
            fields = None if job.notice else effective_fields(job.item.model)
            job.content = finish(job.output.kind, data, fields)

        workers = max(1, min(len(jobs), os.cpu_count() or 1, 8))
        with ThreadPoolExecutor(max_workers=workers) as pool:
            list(pool.map(run, jobs))
