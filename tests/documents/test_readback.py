"""Every generated document, read back: python-docx for Word, odfpy for OpenDocument."""

from __future__ import annotations

import io
import re
import zipfile

import docx
import pytest
from docx.shared import Cm
from odf import opendocument, teletype
from odf import style as odf_style
from odf import table as odf_table
from odf import text as odf_text

from mitkb.models import LEGAL_CODE_LABELS
from mitkb.typography import french_text as fr

from .conftest import ROOT

# Listed from the files (not by loading the site) so that a content error fails the
# tests below instead of interrupting the collection of the whole suite.
SLUGS = sorted(path.stem for path in (ROOT / "guides" / "modeles").glob("*.yml"))
FIELD_STYLE = "Champ à compléter"


def normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def legal_references(template) -> list[str]:
    return [f"Article {b.article} du {LEGAL_CODE_LABELS[b.code]}" for b in template.legal_basis]


def has_table(template) -> bool:
    return any(re.search(r"^\s*\|.*\|\s*$", s.text, re.M) for s in template.body)


# -- Word ---------------------------------------------------------------------

def open_docx(files_by_path, slug):
    return docx.Document(io.BytesIO(files_by_path[f"telechargements/{slug}.docx"]))


def docx_paragraphs(document):
    yield from document.paragraphs
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                yield from cell.paragraphs


@pytest.mark.parametrize("slug", SLUGS)
def test_docx_has_title_fields_and_legal_references(real_site, files_by_path, slug):
    template = real_site.templates[slug].model
    document = open_docx(files_by_path, slug)
    titles = [p.text for p in document.paragraphs if p.style.name == "Title"]
    assert titles == [fr(template.title)]  # with French typography, as published
    assert document.core_properties.title == fr(template.title)
    field_runs = {
        run.text for paragraph in docx_paragraphs(document) for run in paragraph.runs
        if run.style is not None and run.style.name == FIELD_STYLE
    }
    for field in template.fields:
        assert fr(f"[{field.label}]") in field_runs, field.id
    text = normalise("\n".join(p.text for p in docx_paragraphs(document)))
    for reference in legal_references(template):
        assert reference in text
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert headings == [fr(h) for h in ["Notice d'utilisation"] + [s.title for s in template.body]]


@pytest.mark.parametrize("slug", SLUGS)
def test_docx_page_setup_footer_and_tables(real_site, files_by_path, slug):
    document = open_docx(files_by_path, slug)
    section = document.sections[0]
    assert (round(section.page_width.cm, 1), round(section.page_height.cm, 1)) == (21.0, 29.7)
    assert abs(section.left_margin - Cm(2)) < Cm(0.01)
    footer = section.footer._element.xml
    assert "PAGE" in footer and "NUMPAGES" in footer and "Page " in footer
    assert bool(document.tables) == has_table(real_site.templates[slug].model)
    field_style = document.styles[FIELD_STYLE]
    assert field_style.element.xpath("./w:rPr/w:shd/@w:fill") == ["FFF2CC"]
    assert document.styles.element.xpath("./w:docDefaults//w:lang/@w:val") == ["fr-FR"]  # French spell checking
    table_style = document.styles["Table"]
    assert table_style.element.xpath("./w:tblPr/w:tblBorders/w:insideH/@w:val") == ["single"]


# -- OpenDocument -------------------------------------------------------------

def open_odt(files_by_path, slug):
    return opendocument.load(io.BytesIO(files_by_path[f"telechargements/{slug}.odt"]))


def style_of(element) -> str:
    return element.getAttribute("stylename") or ""


@pytest.mark.parametrize("slug", SLUGS)
def test_odt_has_title_fields_and_legal_references(real_site, files_by_path, slug):
    template = real_site.templates[slug].model
    document = open_odt(files_by_path, slug)
    paragraphs = document.getElementsByType(odf_text.P)
    titles = [teletype.extractText(p) for p in paragraphs if style_of(p) == "Title"]
    assert titles == [fr(template.title)]  # with French typography, as published
    field_spans = {
        teletype.extractText(span) for span in document.getElementsByType(odf_text.Span)
        if style_of(span) == "Champ_20_à_20_compléter"
    }
    for field in template.fields:
        assert fr(f"[{field.label}]") in field_spans, field.id
    text = normalise(" ".join(teletype.extractText(p) for p in paragraphs))
    for reference in legal_references(template):
        assert reference in text
    headings = [
        teletype.extractText(h) for h in document.getElementsByType(odf_text.H)
        if h.getAttribute("outlinelevel") == "1"
    ]
    assert headings == [fr(h) for h in ["Notice d'utilisation"] + [s.title for s in template.body]]


@pytest.mark.parametrize("slug", SLUGS)
def test_odt_styles_page_numbers_and_tables(real_site, files_by_path, slug):
    data = files_by_path[f"telechargements/{slug}.odt"]
    archive = zipfile.ZipFile(io.BytesIO(data))
    assert archive.infolist()[0].filename == "mimetype"
    assert archive.read("mimetype") == b"application/vnd.oasis.opendocument.text"
    styles_xml = archive.read("styles.xml").decode("utf-8")
    assert 'fo:language="fr"' in styles_xml and 'fo:country="FR"' in styles_xml  # French spell checking
    document = opendocument.load(io.BytesIO(data))
    named = {s.getAttribute("name"): s for s in document.styles.getElementsByType(odf_style.Style)}
    field_style = named["Champ_20_à_20_compléter"]
    assert field_style.getAttribute("displayname") == FIELD_STYLE
    properties = field_style.getElementsByType(odf_style.TextProperties)[0]
    assert properties.getAttribute("backgroundcolor") == "#fff2cc"
    footer = document.masterstyles.getElementsByType(odf_style.Footer)[0]
    assert footer.getElementsByType(odf_text.PageNumber) and footer.getElementsByType(odf_text.PageCount)
    layout = document.automaticstyles.getElementsByType(odf_style.PageLayoutProperties)[0]
    assert (layout.getAttribute("pagewidth"), layout.getAttribute("pageheight")) == ("21.0cm", "29.7cm")
    tables = document.getElementsByType(odf_table.Table)
    assert bool(tables) == has_table(real_site.templates[slug].model)
    if tables:
        assert '<style:table-cell-properties fo:border="none"' not in archive.read("content.xml").decode()
