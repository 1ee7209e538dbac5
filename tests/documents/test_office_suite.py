"""A real office suite opens every document: LibreOffice converts it to PDF."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from mitkb.documents.layouts import effective_fields
from mitkb.typography import french_text as fr

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
            assert normalise(fr(templates[slug.removesuffix("-notice")].model.title)) in text, source.name
            assert fr("Notice d'utilisation") in text
        else:
            template = templates[slug].model
            assert fr("Notice d'utilisation") not in text
            words = set(re.findall(r"\w+", text))
            for field in effective_fields(template):
                # A table row split by a page break interleaves its cells in the PDF's text:
                # every word of the placeholder is there, not always in one piece.
                assert set(re.findall(r"\w+", field.label)) <= words, (source.name, field.id)


def _rewrite_entry(data: bytes, name: str, edit) -> bytes:
    import io
    import zipfile

    source = zipfile.ZipFile(io.BytesIO(data))
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == name:
                content = edit(content.decode("utf-8")).encode("utf-8")
            target.writestr(info, content)
    return output.getvalue()


def test_one_value_changed_once_shows_everywhere(require_office, files_by_path, tmp_path):
    """Fill once, as the office suites do it: only the one stored value is changed.

    .docx: the custom XML store every content control of the field is bound to (what Word writes when one
    control is typed in); LibreOffice shows the stored value in every control when it opens
    the file. .odt: the user field's declaration (what LibreOffice's Édition > Champs changes);
    every occurrence shows it.
    """
    slug = "deliberation-lancement-consultation"
    value = "Valeurunique"
    docx_data = _rewrite_entry(
        files_by_path[f"telechargements/{slug}.docx"], "customXml/item1.xml",
        lambda xml: re.sub(r"<objet_marche>[^<]*</objet_marche>", f"<objet_marche>{value}</objet_marche>", xml),
    )
    odt_data = _rewrite_entry(
        files_by_path[f"telechargements/{slug}.odt"], "content.xml",
        lambda xml: re.sub(r'office:string-value="[^"]*" text:name="objet_marche"',
                           f'office:string-value="{value}" text:name="objet_marche"', xml),
    )
    occurrences = {"docx": 0, "odt": 0}
    import io
    import zipfile

    document = zipfile.ZipFile(io.BytesIO(docx_data)).read("word/document.xml").decode()
    occurrences["docx"] = document.count('w:val="mitkb:objet_marche"')
    content = zipfile.ZipFile(io.BytesIO(odt_data)).read("content.xml").decode()
    occurrences["odt"] = content.count('text:user-field-get text:name="objet_marche"')
    assert occurrences["docx"] == occurrences["odt"] >= 3
    assert value not in document and content.count(value) == 1  # only the stored value changed
    sources = tmp_path / "documents"
    sources.mkdir()
    (sources / "filled-docx.docx").write_bytes(docx_data)
    (sources / "filled-odt.odt").write_bytes(odt_data)
    output = tmp_path / "pdf"
    command = [
        require_office, f"-env:UserInstallation=file://{tmp_path / 'profil'}", "--headless",
        "--convert-to", "pdf", "--outdir", str(output), *map(str, sorted(sources.iterdir())),
    ]
    result = subprocess.run(command, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
    for kind in ("docx", "odt"):
        text = normalise(" ".join(p.extract_text() for p in PdfReader(output / f"filled-{kind}.pdf").pages))
        assert text.count(value) == occurrences[kind], (kind, text.count(value), occurrences[kind])
