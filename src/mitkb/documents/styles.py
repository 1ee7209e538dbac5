"""The look of the generated documents: one place for names and colours.

Both reference documents (``reference.py``) and the Markdown builder
(``markdown.py``) read these constants, so a field to fill is marked the same way
in Word and in OpenDocument.
"""

from __future__ import annotations

# Character style of every field to fill (pandoc's ``custom-style``).
FIELD_STYLE = "Champ à compléter"
FIELD_BACKGROUND = "FFF2CC"  # light yellow, like a highlighter, readable when printed
FIELD_COLOUR = "1F3864"  # dark blue text

# Paragraph style that starts a new page (OpenDocument only; Word uses a page break).
PAGE_BREAK_STYLE = "Saut de page"

TABLE_BORDER_COLOUR = "808080"

# A font every Word has and LibreOffice replaces by a metric-compatible one (Liberation Sans).
FONT = "Arial"

# Paragraph styles of the layouts (``layouts.py``): display name → (indent cm, bold, size pt,
# space before pt, centred). Names are what a secrétaire sees in the style list.
SENDER_STYLE = "Expéditeur"
ADDRESSEE_STYLE = "Destinataire"
PLACE_DATE_STYLE = "Lieu et date"
SUBJECT_STYLE = "Objet"
SIGNATURE_STYLE = "Signature"
RECITAL_STYLE = "Visa"
ARTICLE_STYLE = "Article"
OPERATIVE_STYLE = "Dispositif"
NOTES_STYLE = "Mentions"
HEADING_BLOCK_STYLE = "En-tête centré"

PARAGRAPH_STYLES: dict[str, dict] = {
    SENDER_STYLE: {"space_after": 0},
    ADDRESSEE_STYLE: {"indent": 9.0, "space_before": 12, "space_after": 0},
    PLACE_DATE_STYLE: {"indent": 9.0, "space_before": 18, "space_after": 18},
    SUBJECT_STYLE: {"bold": True, "space_after": 12},
    SIGNATURE_STYLE: {"indent": 9.0, "space_before": 24, "keep": True},
    RECITAL_STYLE: {"space_after": 4},
    ARTICLE_STYLE: {"bold": True, "space_before": 10, "space_after": 2, "keep": True},
    OPERATIVE_STYLE: {"bold": True, "space_before": 10, "keep": True},
    NOTES_STYLE: {"size": 9, "space_before": 18},
    HEADING_BLOCK_STYLE: {"centred": True, "bold": True, "space_after": 4},
}

# Page: A4, margins of 2 cm.
PAGE_WIDTH_CM = 21.0
PAGE_HEIGHT_CM = 29.7
MARGIN_CM = 2.0


def odf_name(display_name: str) -> str:
    """How OpenDocument spells a style name with spaces (« Champ à compléter » → Champ_20_à_20_compléter)."""
    return display_name.replace(" ", "_20_")


def twips(cm: float) -> int:
    """Word measures pages in twentieths of a point."""
    return round(cm / 2.54 * 1440)
