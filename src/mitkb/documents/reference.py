"""Reference documents that give the generated files their styles.

Pandoc takes page size, margins, footer and styles from a *reference document*.
Ours are pandoc's own defaults, patched here in code (nothing binary is
committed): A4 pages, page numbers in the footer, table borders, and the
character style « Champ à compléter » that marks every field to fill.

The patches insert XML at fixed places of pandoc's default files; if a future
pandoc changes them, ``ReferenceDocError`` says so instead of producing a
document without its styles.
"""

from __future__ import annotations

import io
import os
import zipfile
from pathlib import Path

from . import styles
from .archive import normalise_zip
from .cache import atomic_write
from .pandoc import default_data_file


class ReferenceDocError(RuntimeError):
    pass


def _insert(text: str, anchor: str, addition: str, before: bool = True, where: str = "") -> str:
    if anchor not in text:
        raise ReferenceDocError(f"document de référence de pandoc inattendu : « {anchor} » absent de {where}")
    return text.replace(anchor, addition + anchor if before else anchor + addition, 1)


def _replace_once(text: str, old: str, new: str, where: str) -> str:
    if old not in text:
        raise ReferenceDocError(f"document de référence de pandoc inattendu : « {old} » absent de {where}")
    return text.replace(old, new, 1)


def _rewrite(data: bytes, edits: dict, additions: dict[str, bytes] | None = None) -> bytes:
    """A copy of the archive with some entries edited (name → function) or added."""
    source = zipfile.ZipFile(io.BytesIO(data))
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename in edits:
                content = edits[info.filename](content.decode("utf-8")).encode("utf-8")
            target.writestr(info, content)
        for name, content in (additions or {}).items():
            target.writestr(name, content)
    return normalise_zip(output.getvalue())


# -- Word ---------------------------------------------------------------------

W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
FOOTER_REL_ID = "rIdMitkbFooter"


def _field_run(instruction: str) -> str:
    return (
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        f'<w:r><w:instrText xml:space="preserve"> {instruction} </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
        '<w:r><w:t>1</w:t></w:r>'
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
    )


DOCX_FOOTER = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    f'<w:ftr {W_NS}><w:p><w:pPr><w:jc w:val="center"/><w:rPr><w:sz w:val="18"/></w:rPr></w:pPr>'
    '<w:r><w:t xml:space="preserve">Page </w:t></w:r>'
    + _field_run("PAGE")
    + '<w:r><w:t xml:space="preserve"> sur </w:t></w:r>'
    + _field_run("NUMPAGES")
    + "</w:p></w:ftr>"
)

DOCX_FIELD_STYLE = (
    '<w:style w:type="character" w:customStyle="1" w:styleId="Champcompleter">'
    f'<w:name w:val="{styles.FIELD_STYLE}"/><w:basedOn w:val="DefaultParagraphFont"/><w:qFormat/>'
    f'<w:rPr><w:color w:val="{styles.FIELD_COLOUR}"/>'
    f'<w:shd w:val="clear" w:color="auto" w:fill="{styles.FIELD_BACKGROUND}"/></w:rPr></w:style>'
)

DOCX_TABLE_BORDERS = "<w:tblBorders>" + "".join(
    f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="{styles.TABLE_BORDER_COLOUR}"/>'
    for side in ("top", "left", "bottom", "right", "insideH", "insideV")
) + "</w:tblBorders>"

DOCX_FOOTER_REFERENCE = (
    f'<w:footerReference w:type="default" r:id="{FOOTER_REL_ID}"/>'
)
DOCX_PAGE_SIZE = (
    f'<w:pgSz w:w="{styles.twips(styles.PAGE_WIDTH_CM)}" w:h="{styles.twips(styles.PAGE_HEIGHT_CM)}"/>'
    f'<w:pgMar w:top="{styles.twips(styles.MARGIN_CM)}" w:right="{styles.twips(styles.MARGIN_CM)}" '
    f'w:bottom="{styles.twips(styles.MARGIN_CM)}" w:left="{styles.twips(styles.MARGIN_CM)}" '
    'w:header="709" w:footer="709" w:gutter="0"/>'
)


def _docx_paragraph_style(name: str, spec: dict) -> str:
    style_id = "Mitkb" + "".join(c for c in name if c.isalnum() and c.isascii())
    paragraph = []
    if spec.get("keep"):
        paragraph.append("<w:keepNext/>")
    paragraph.append(
        f'<w:spacing w:before="{spec.get("space_before", 0) * 20}" w:after="{spec.get("space_after", 6) * 20}"/>'
    )
    if spec.get("indent"):
        paragraph.append(f'<w:ind w:left="{styles.twips(spec["indent"])}"/>')
    if spec.get("centred"):
        paragraph.append('<w:jc w:val="center"/>')
    run = []
    if spec.get("bold"):
        run.append("<w:b/>")
    if spec.get("size"):
        run.append(f'<w:sz w:val="{spec["size"] * 2}"/><w:szCs w:val="{spec["size"] * 2}"/>')
    return (
        f'<w:style w:type="paragraph" w:customStyle="1" w:styleId="{style_id}"><w:name w:val="{name}"/>'
        f'<w:basedOn w:val="Normal"/><w:qFormat/><w:pPr>{"".join(paragraph)}</w:pPr>'
        f'<w:rPr>{"".join(run)}</w:rPr></w:style>'
    )


DOCX_FONTS = f'<w:rFonts w:ascii="{styles.FONT}" w:hAnsi="{styles.FONT}" w:cs="{styles.FONT}" w:eastAsia="{styles.FONT}"/>'


def _docx_styles(xml: str) -> str:
    xml = _insert(xml, "</w:styles>", DOCX_FIELD_STYLE, where="word/styles.xml")
    paragraph_styles = "".join(_docx_paragraph_style(n, spec) for n, spec in styles.PARAGRAPH_STYLES.items())
    xml = _insert(xml, "</w:styles>", paragraph_styles, where="word/styles.xml")
    xml = _replace_once(
        xml,
        '<w:rFonts w:asciiTheme="minorHAnsi" w:eastAsiaTheme="minorEastAsia" w:hAnsiTheme="minorHAnsi" w:cstheme="minorBidi" />',
        DOCX_FONTS, "word/styles.xml",
    )
    xml = _replace_once(xml, '<w:lang w:val="en-US"', '<w:lang w:val="fr-FR"', "word/styles.xml")
    table_start = xml.find('w:styleId="Table">')
    cell_margins = xml.find("<w:tblCellMar>", table_start)
    if table_start < 0 or cell_margins < 0:
        raise ReferenceDocError("document de référence de pandoc inattendu : style « Table » introuvable")
    xml = xml[:cell_margins] + DOCX_TABLE_BORDERS + xml[cell_margins:]
    header_row = '<w:tblStylePr w:type="firstRow">'
    position = xml.find(header_row, table_start)
    if position < 0:
        raise ReferenceDocError("document de référence de pandoc inattendu : en-tête du style « Table » introuvable")
    position += len(header_row)
    return xml[:position] + "<w:rPr><w:b/></w:rPr>" + xml[position:]


def _docx_document(xml: str) -> str:
    xml = _insert(xml, "<w:sectPr>", DOCX_FOOTER_REFERENCE, before=False, where="word/document.xml")
    return _insert(xml, "</w:sectPr>", DOCX_PAGE_SIZE, where="word/document.xml")


def _docx_relationships(xml: str) -> str:
    relation = (
        '<Relationship Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" '
        f'Id="{FOOTER_REL_ID}" Target="footer1.xml" />'
    )
    return _insert(xml, "</Relationships>", relation, where="word/_rels/document.xml.rels")


def _docx_content_types(xml: str) -> str:
    override = (
        '<Override PartName="/word/footer1.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml" />'
    )
    return _insert(xml, "</Types>", override, where="[Content_Types].xml")


def _docx_theme(xml: str) -> str:
    """Headings use the theme's fonts (Aptos, absent from LibreOffice): the document's font instead."""
    xml = _replace_once(xml, 'latin typeface="Aptos Display"', f'latin typeface="{styles.FONT}"', "theme1.xml")
    return _replace_once(xml, 'latin typeface="Aptos"', f'latin typeface="{styles.FONT}"', "theme1.xml")


def reference_docx() -> bytes:
    return _rewrite(
        default_data_file("reference.docx"),
        {
            "word/styles.xml": _docx_styles,
            "word/document.xml": _docx_document,
            "word/_rels/document.xml.rels": _docx_relationships,
            "[Content_Types].xml": _docx_content_types,
            "word/theme/theme1.xml": _docx_theme,
        },
        {"word/footer1.xml": DOCX_FOOTER.encode("utf-8")},
    )


# -- OpenDocument -------------------------------------------------------------

def _odt_text_style() -> str:
    return (
        f'<style:style style:name="{styles.odf_name(styles.FIELD_STYLE)}" '
        f'style:display-name="{styles.FIELD_STYLE}" style:family="text">'
        f'<style:text-properties fo:color="#{styles.FIELD_COLOUR.lower()}" '
        f'fo:background-color="#{styles.FIELD_BACKGROUND.lower()}"/></style:style>'
        f'<style:style style:name="{styles.odf_name(styles.PAGE_BREAK_STYLE)}" '
        f'style:display-name="{styles.PAGE_BREAK_STYLE}" style:family="paragraph" '
        'style:parent-style-name="Standard">'
        '<style:paragraph-properties fo:break-before="page"/></style:style>'
    )


ODT_FOOTER = (
    '<style:footer><text:p text:style-name="MP1">Page <text:page-number text:select-page="current">1'
    '</text:page-number> sur <text:page-count>1</text:page-count></text:p></style:footer>'
)


def _odt_paragraph_style(name: str, spec: dict) -> str:
    paragraph = [
        f'fo:margin-top="{spec.get("space_before", 0)}pt"', f'fo:margin-bottom="{spec.get("space_after", 6)}pt"',
    ]
    if spec.get("keep"):
        paragraph.append('fo:keep-with-next="always"')
    if spec.get("indent"):
        paragraph.append(f'fo:margin-left="{spec["indent"]}cm"')
    if spec.get("centred"):
        paragraph.append('fo:text-align="center"')
    text = []
    if spec.get("bold"):
        text.append('fo:font-weight="bold"')
    if spec.get("size"):
        text.append(f'fo:font-size="{spec["size"]}pt"')
    return (
        f'<style:style style:name="{styles.odf_name(name)}" style:display-name="{name}" '
        'style:family="paragraph" style:parent-style-name="Standard">'
        f'<style:paragraph-properties {" ".join(paragraph)}/>'
        f'<style:text-properties {" ".join(text)}/></style:style>'
    )


def _odt_styles(xml: str) -> str:
    xml = _insert(xml, "</office:styles>", _odt_text_style(), where="styles.xml")
    paragraph_styles = "".join(_odt_paragraph_style(n, spec) for n, spec in styles.PARAGRAPH_STYLES.items())
    xml = _insert(xml, "</office:styles>", paragraph_styles, where="styles.xml")
    xml = _replace_once(
        xml, 'style:font-name="Times New Roman" fo:font-size="12pt"',
        f'style:font-name="{styles.FONT}" fo:font-size="11pt"', "styles.xml",
    )
    xml = _replace_once(xml, 'fo:language="en" fo:country="US"', 'fo:language="fr" fo:country="FR"', "styles.xml")
    for old, new in (
        ('fo:page-width="8.5in"', f'fo:page-width="{styles.PAGE_WIDTH_CM}cm"'),
        ('fo:page-height="11in"', f'fo:page-height="{styles.PAGE_HEIGHT_CM}cm"'),
        ('fo:margin-top="1in"', f'fo:margin-top="{styles.MARGIN_CM}cm"'),
        ('fo:margin-bottom="1in"', f'fo:margin-bottom="{styles.MARGIN_CM}cm"'),
        ('fo:margin-left="1in"', f'fo:margin-left="{styles.MARGIN_CM}cm"'),
        ('fo:margin-right="1in"', f'fo:margin-right="{styles.MARGIN_CM}cm"'),
    ):
        xml = _replace_once(xml, old, new, "styles.xml")
    start = xml.find("<style:footer>")
    end = xml.find("</style:footer>", start)
    if start < 0 or end < 0:
        raise ReferenceDocError("document de référence de pandoc inattendu : pied de page introuvable dans styles.xml")
    return xml[:start] + ODT_FOOTER + xml[end + len("</style:footer>"):]


def reference_odt() -> bytes:
    return _rewrite(default_data_file("reference.odt"), {"styles.xml": _odt_styles})


BUILDERS = {"docx": reference_docx, "odt": reference_odt}


def reference_file(kind: str, folder: Path, fingerprint: str) -> Path:
    """The reference document for ``kind``, built once per generator version and kept in ``folder``."""
    path = Path(folder) / f"reference-{fingerprint[:16]}.{kind}"
    if path.is_file():
        os.utime(path)  # still in use: kept by the cache's pruning
    else:
        atomic_write(path, BUILDERS[kind]())
    return path
