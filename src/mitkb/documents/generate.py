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
from . import styles
from .archive import normalise_zip
from .cache import DocumentCache, code_fingerprint, document_key
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
    downloads: dict[str, list[Download]] = field(default_factory=dict)
    stats: DocumentStats = field(default_factory=DocumentStats)


def finish(kind: str, data: bytes) -> bytes:
    """Pandoc's archive made byte-stable, with the last touches pandoc cannot do."""
    if kind == "odt":
        return normalise_zip(data, _finish_odt_entry)
    return normalise_zip(data)


def _finish_odt_entry(name: str, content: bytes) -> bytes:
    if name != "content.xml":
        return content
    text = content.decode("utf-8")
    # Pandoc writes custom style names as given; OpenDocument spells spaces « _20_ ».
    text = text.replace(
        f'text:style-name="{styles.FIELD_STYLE}"', f'text:style-name="{styles.odf_name(styles.FIELD_STYLE)}"'
    )
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
    content: bytes | None = None


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
        markdown = french_markdown(builder.build(item))  # French typography (mitkb.typography)
        for output in FORMATS:
            job = _Job(item, output, markdown, document_key(fingerprint, output.kind, markdown))
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
        path = f"{DOWNLOAD_DIR}/{job.item.slug}.{job.output.kind}"
        result.files.append(GeneratedFile(path, job.content, job.item.source))
        result.downloads.setdefault(job.item.slug, []).append(
            Download(path, job.output.name, f".{job.output.kind}", len(job.content))
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
            job.content = finish(job.output.kind, data)

        workers = max(1, min(len(jobs), os.cpu_count() or 1, 8))
        with ThreadPoolExecutor(max_workers=workers) as pool:
            list(pool.map(run, jobs))
