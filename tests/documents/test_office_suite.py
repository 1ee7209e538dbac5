"""A real office suite opens every document: LibreOffice converts it to PDF."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from mitkb.typography import french_text

from .conftest import load_real_site

pytestmark = pytest.mark.office


def normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def test_libreoffice_converts_every_document_to_pdf(require_office, files_by_path, tmp_path):
    sources = tmp_path / "documents"
    sources.mkdir()
    inputs = []
    for path, content in files_by_path.items():
        name = Path(path)
        # One PDF per file: « slug-docx.docx » and « slug-odt.odt » do not collide.
        target = sources / f"{name.stem}-{name.suffix[1:]}{name.suffix}"
        target.write_bytes(content)
        inputs.append(target)
    output = tmp_path / "pdf"
    command = [
        require_office, f"-env:UserInstallation=file://{tmp_path / 'profil'}", "--headless",
        "--convert-to", "pdf", "--outdir", str(output), *map(str, sorted(inputs)),
    ]
    result = subprocess.run(command, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
    templates = load_real_site().templates
    assert len(inputs) == 2 * len(templates)
    for source in inputs:
        pdf = output / f"{source.stem}.pdf"
        assert pdf.is_file(), f"{source.name} n'a pas été converti : {result.stdout}{result.stderr}"
        reader = PdfReader(pdf)
        text = normalise(" ".join(page.extract_text() for page in reader.pages))
        slug = source.stem.rsplit("-", 1)[0]
        assert normalise(french_text(templates[slug].model.title)) in text, source.name  # as published
        assert f"Page 1 sur {len(reader.pages)}" in text  # the footer's page numbers
        assert len(reader.pages) >= 2  # the notice, then the template on a new page
