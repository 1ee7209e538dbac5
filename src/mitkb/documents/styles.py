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
