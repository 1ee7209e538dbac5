"""Every generated document, read back: python-docx for Word, odfpy for OpenDocument."""

from __future__ import annotations

import io
import re
import zipfile

from xml.etree import ElementTree

import docx
import pytest
from docx.oxml.ns import qn
from docx.shared import Cm
from odf import office, opendocument, teletype
from odf import style as odf_style
from odf import table as odf_table
from odf import text as odf_text

from mitkb.documents.layouts import effective_fields
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


def expected_headings(template) -> list[str]:
    """What the layout prints as level-1 headings (forms without headings: none)."""
    if template.form in ("courrier", "deliberation", "decision", "arrete"):
        return []
    bodies = [s.title for s in template.body if s.role == "corps"]
    if template.form == "reglement":
        return [("Article 1er" if n == 1 else f"Article {n}") + f" – {fr(t)}" for n, t in enumerate(bodies, 1)]
    return [f"{n}. {fr(t)}" for n, t in enumerate(bodies, 1)]


def sdt_values(document) -> dict[str, set[str]]:
    """Field id → the texts shown by its content controls."""
    found: dict[str, set[str]] = {}
    for sdt in document.element.body.iter(qn("w:sdt")):
        tag = sdt.find(f"{qn('w:sdtPr')}/{qn('w:tag')}").get(qn("w:val"))
        binding = sdt.find(f"{qn('w:sdtPr')}/{qn('w:dataBinding')}")
        field_id = tag.removeprefix("mitkb:")
        assert binding.get(qn("w:xpath")) == f"/ns0:champs[1]/ns0:{field_id}[1]"
        text = "".join(t.text or "" for t in sdt.iter(qn("w:t")))
        found.setdefault(field_id, set()).add(text)
    return found


@pytest.mark.parametrize("slug", SLUGS)
def test_docx_layout_and_fields_bound_once(real_site, files_by_path, slug):
    template = real_site.templates[slug].model
    document = open_docx(files_by_path, slug)
    text = normalise("\n".join(p.text for p in docx_paragraphs(document)))
    assert fr("Notice d'utilisation") not in text and "Note de rédaction" not in text
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert headings == expected_headings(template)
    # Every field of the template is a content control bound to one value of the custom XML store.
    values = sdt_values(document)
    fields = effective_fields(template)
    assert set(values) == {f.id for f in fields}
    store = zipfile.ZipFile(io.BytesIO(files_by_path[f"telechargements/{slug}.docx"])).read("customXml/item1.xml")
    root = ElementTree.fromstring(store)
    for field in fields:
        assert values[field.id] == {fr(f"[{field.label}]")}, field.id
        assert root.find(f"{{urn:mitkb:champs}}{field.id}").text == fr(f"[{field.label}]")
    styles_used = {p.style.name for p in document.paragraphs}
    if template.form == "courrier":
        assert {"Destinataire", "Objet", "Signature"} <= styles_used
    if template.form == "deliberation":
        assert "Le conseil municipal, après en avoir délibéré, décide :" in text
        assert "Le maire," in text and "Le ou les secrétaires de séance," in text
        assert "Article 1er" in text
    if template.form in ("decision", "arrete"):
        assert "DÉCIDE :" in text or "ARRÊTE :" in text
    # Drafting notes are comments, not text.
    notes = [n for s in template.body for n in s.notes]
    archive = zipfile.ZipFile(io.BytesIO(files_by_path[f"telechargements/{slug}.docx"]))
    if notes:
        comments = normalise(re.sub(r"<[^>]+>", " ", archive.read("word/comments.xml").decode()))
        assert len(re.findall("<w:comment ", archive.read("word/comments.xml").decode())) == len(notes)
        for note in notes:
            assert normalise(fr(note))[:40] in comments.replace("&#39;", "'") or "seuil(" in note


@pytest.mark.parametrize("slug", SLUGS)
def test_docx_notice_has_title_fields_and_legal_references(real_site, files_by_path, slug):
    template = real_site.templates[slug].model
    document = docx.Document(io.BytesIO(files_by_path[f"telechargements/{slug}-notice.docx"]))
    titles = [p.text for p in document.paragraphs if p.style.name == "Title"]
    assert titles == [fr(template.title)]  # with French typography, as published
    assert document.core_properties.title == fr(template.title)
    text = normalise("\n".join(p.text for p in docx_paragraphs(document)))
    for reference in legal_references(template):
        assert reference in text
    for field in effective_fields(template):
        assert fr(field.label) in text
    if any(s.notes for s in template.body):
        assert "Notes de rédaction" in text


@pytest.mark.parametrize("slug", SLUGS)
def test_docx_page_setup_footer_and_tables(real_site, files_by_path, slug):
    document = open_docx(files_by_path, slug)
    section = document.sections[0]
    assert (round(section.page_width.cm, 1), round(section.page_height.cm, 1)) == (21.0, 29.7)
    assert abs(section.left_margin - Cm(2)) < Cm(0.01)
    footer = section.footer._element.xml
    assert "PAGE" in footer and "NUMPAGES" in footer and "Page " in footer
    template = real_site.templates[slug].model
    assert bool(document.tables) == (has_table(template) or template.form == "deliberation")
    assert document.styles.element.xpath("./w:docDefaults//w:rFonts/@w:ascii") == ["Arial"]
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
def test_odt_layout_and_user_fields(real_site, files_by_path, slug):
    template = real_site.templates[slug].model
    document = open_odt(files_by_path, slug)
    paragraphs = document.getElementsByType(odf_text.P)
    text = normalise(" ".join(teletype.extractText(p) for p in paragraphs))
    assert fr("Notice d'utilisation") not in text
    fields = effective_fields(template)
    declared = {
        d.getAttribute("name"): d.getAttribute("stringvalue") for d in document.getElementsByType(odf_text.UserFieldDecl)
    }
    assert declared == {f.id: fr(f"[{f.label}]") for f in fields}
    used = {g.getAttribute("name") for g in document.getElementsByType(odf_text.UserFieldGet)}
    assert used == set(declared)
    for get in document.getElementsByType(odf_text.UserFieldGet):
        assert style_of(get.parentNode) == "Champ_20_à_20_compléter"
    headings = [
        teletype.extractText(h) for h in document.getElementsByType(odf_text.H)
        if h.getAttribute("outlinelevel") == "1"
    ]
    assert headings == expected_headings(template)
    notes = [n for s in template.body for n in s.notes]
    assert len(document.getElementsByType(office.Annotation)) == len(notes)


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
    template = real_site.templates[slug].model
    assert bool(tables) == (has_table(template) or template.form == "deliberation")
    if tables:
        assert '<style:table-cell-properties fo:border="none"' not in archive.read("content.xml").decode()
