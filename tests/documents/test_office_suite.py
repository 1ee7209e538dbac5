"""A real office suite opens every document: LibreOffice converts it to PDF."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from mitkb.documents.layouts import effective_fields

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
    assert len(inputs) == 4 * len(templates)  # each document and its notice, in both formats
    for source in inputs:
        pdf = output / f"{source.stem}.pdf"
        assert pdf.is_file(), f"{source.name} n'a pas été converti : {result.stdout}{result.stderr}"
        reader = PdfReader(pdf)
        text = normalise(" ".join(page.extract_text() for page in reader.pages))
        slug = source.stem.rsplit("-", 1)[0]
        assert f"Page 1 sur {len(reader.pages)}" in text  # the footer's page numbers
        if slug.endswith("-notice"):
            assert normalise(templates[slug.removesuffix("-notice")].model.title) in text, source.name
            assert "Notice d'utilisation" in text
        else:
            template = templates[slug].model
            assert "Notice d'utilisation" not in text
            words = set(re.findall(r"\w+", text))
            for field in effective_fields(template):
                # A table row split by a page break interleaves its cells in the PDF's text:
                # every word of the placeholder is there, not always in one piece.
                assert set(re.findall(r"\w+", field.label)) <= words, (source.name, field.id)
