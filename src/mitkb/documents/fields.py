"""Fields to fill, marked so that one value fills every occurrence.

Word (.docx): every occurrence is a plain-text content control tagged
``mitkb:<id>`` and bound (``w:dataBinding``) to the element ``<id>`` of one
custom XML part. Word keeps every control bound to the same element in step;
LibreOffice (7.4, Debian 12) reads the bound value when it opens the file. Custom
document properties shown by DOCPROPERTY fields were tried and rejected:
LibreOffice imports them as fixed text and never updates them.

OpenDocument (.odt): every occurrence is a user field (``text:user-field-get``)
of one declared variable (``text:user-field-decl``): LibreOffice changes them
all at once.

An empty field shows « [Libellé] » in the « Champ à compléter » character style.
The browser's filling code (``assets/remplir``) reads the same constants from
``browser_config()``, embedded in every template page: one definition of the
markers for both sides.
"""

from __future__ import annotations

import html
import re

from ..formatting import MONTHS
from ..models import FillField
from . import styles
from ..typography import french_text

CUSTOM_XML_NAMESPACE = "urn:mitkb:champs"
CUSTOM_XML_ROOT = "champs"
CUSTOM_XML_PATH = "customXml/item1.xml"
CUSTOM_XML_PROPS_PATH = "customXml/itemProps1.xml"
# The store item's id: fixed, so that the same template always gives the same bytes.
CUSTOM_XML_STORE_ID = "{6D1B5C3A-2F4E-4B7A-9C1D-4D49544B4742}"
TAG_PREFIX = "mitkb:"
DOCX_FIELD_STYLE_ID = "Champcompleter"


def placeholder(field: FillField) -> str:
    """« [Nom de l’entreprise] », with French typography as everything published."""
    return french_text(f"[{field.label}]")


def _xml(text: str) -> str:
    return html.escape(text, quote=True)


def docx_field(field: FillField) -> str:
    """The OOXML of one occurrence (an inline content control)."""
    multiline = ' w:multiLine="1"' if field.type == "texte_long" else ""
    style = f'<w:rPr><w:rStyle w:val="{DOCX_FIELD_STYLE_ID}"/></w:rPr>'
    return (
        f"<w:sdt><w:sdtPr>{style}<w:alias w:val=\"{_xml(field.label)}\"/>"
        f'<w:tag w:val="{TAG_PREFIX}{field.id}"/>'
        f"<w:dataBinding w:prefixMappings=\"xmlns:ns0='{CUSTOM_XML_NAMESPACE}'\" "
        f'w:xpath="/ns0:{CUSTOM_XML_ROOT}[1]/ns0:{field.id}[1]" w:storeItemID="{CUSTOM_XML_STORE_ID}"/>'
        f"<w:text{multiline}/></w:sdtPr>"
        f'<w:sdtContent><w:r>{style}<w:t xml:space="preserve">{_xml(placeholder(field))}</w:t></w:r>'
        "</w:sdtContent></w:sdt>"
    )


def odt_field(field: FillField) -> str:
    """The OpenDocument XML of one occurrence (a user field in the field style)."""
    return (
        f'<text:span text:style-name="{styles.odf_name(styles.FIELD_STYLE)}">'
        f'<text:user-field-get text:name="{field.id}">{_xml(placeholder(field))}</text:user-field-get>'
        "</text:span>"
    )


def raw_inline(xml: str, kind: str) -> str:
    """Raw XML passed through pandoc untouched (``openxml`` for Word, ``opendocument`` for ODT)."""
    if "`" in xml:
        raise ValueError("raw XML cannot hold a backtick")
    return f"`{xml}`{{={'openxml' if kind == 'docx' else 'opendocument'}}}"


def field_markup(kind: str):
    """The field marker for ``TextRenderer``: a content control or a user field."""
    build = docx_field if kind == "docx" else odt_field

    def marker(field: FillField) -> str:
        return raw_inline(build(field), kind)

    return marker


# -- parts added after pandoc --------------------------------------------------

def custom_xml_item(fields: list[FillField]) -> str:
    """The one store every content control is bound to, holding the placeholders."""
    values = "".join(f"<{f.id}>{_xml(placeholder(f))}</{f.id}>" for f in fields)
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<{CUSTOM_XML_ROOT} xmlns="{CUSTOM_XML_NAMESPACE}">{values}</{CUSTOM_XML_ROOT}>'
    )


CUSTOM_XML_PROPS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n'
    f'<ds:datastoreItem ds:itemID="{CUSTOM_XML_STORE_ID}" '
    'xmlns:ds="http://schemas.openxmlformats.org/officeDocument/2006/customXml">'
    f'<ds:schemaRefs><ds:schemaRef ds:uri="{CUSTOM_XML_NAMESPACE}"/></ds:schemaRefs></ds:datastoreItem>'
)

CUSTOM_XML_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'customXmlProps" Target="itemProps1.xml"/></Relationships>'
)

DOCUMENT_RELATIONSHIP = (
    '<Relationship Id="rIdMitkbChamps" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/customXml" '
    'Target="../customXml/item1.xml" />'
)

CONTENT_TYPE = (
    '<Override PartName="/customXml/itemProps1.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.customXmlProperties+xml" />'
)


def odt_declarations(fields: list[FillField]) -> str:
    decls = "".join(
        f'<text:user-field-decl office:value-type="string" office:string-value="{_xml(placeholder(f))}" '
        f'text:name="{f.id}" />'
        for f in fields
    )
    return f"<text:user-field-decls>{decls}</text:user-field-decls>"


def used_field_ids(xml: str, kind: str) -> list[str]:
    """The field ids a document part uses, in order of first use."""
    pattern = r'<w:tag w:val="mitkb:([a-z][a-z0-9_]*)"' if kind == "docx" else r'<text:user-field-get text:name="([a-z][a-z0-9_]*)"'
    seen: dict[str, None] = {}
    for match in re.finditer(pattern, xml):
        seen.setdefault(match.group(1))
    return list(seen)


# -- what the browser needs ------------------------------------------------------

def browser_config() -> dict:
    """The markers and formats the browser's filling code uses (embedded as JSON)."""
    return {
        "docx": {
            "customXml": CUSTOM_XML_PATH,
            "namespace": CUSTOM_XML_NAMESPACE,
            "root": CUSTOM_XML_ROOT,
            "tagPrefix": TAG_PREFIX,
            "fieldStyle": DOCX_FIELD_STYLE_ID,
        },
        "odt": {"fieldStyle": styles.odf_name(styles.FIELD_STYLE)},
        "months": list(MONTHS),  # « 1er avril 2026 », as date_long writes it
        "currency": "€",
    }

