"""Article numbers of the codes the guides cite: their format, and finding them in a text."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterator

from ..models import LEGAL_CODE_LABELS, article_number


@dataclass(frozen=True)
class CodeFormat:
    """How a code numbers its articles: « R2122-8 » (4 digits) or « L211-7 » (3 digits).

    The first digit is the part of the code (livre); `parts` lists those that exist.
    """

    digits: int
    parts: str
    example: str


# Every code a source may name (models.LegalCode). The codes recodified with parts number
# their articles with 4 digits (partie, livre, titre, chapitre: R2122-8), the others with
# 3 (livre, titre, chapitre: L211-7). Only the CCP's parts are checked (it has three).
ALL_PARTS = "123456789"
CODE_FORMATS: dict[str, CodeFormat] = {
    "CCP": CodeFormat(4, "123", "R2122-8"),
    "CGCT": CodeFormat(4, ALL_PARTS, "L2122-22"),
    "CSP": CodeFormat(4, ALL_PARTS, "L1331-1"),
    "CE": CodeFormat(3, ALL_PARTS, "L211-7"),
    "CU": CodeFormat(3, ALL_PARTS, "R431-2"),
    "CCH": CodeFormat(3, ALL_PARTS, "L174-1"),
    "CVR": CodeFormat(3, ALL_PARTS, "L141-1"),
    "CR": CodeFormat(3, ALL_PARTS, "R411-2"),
    "CRPM": CodeFormat(3, ALL_PARTS, "L161-1"),
}

_NUMBER = re.compile(r"^([LRD])(\d+)-")

# « article R2122-8 », « R. 2122-8 », « L2122-22, 4° », « R*431-2 » in running text.
CITATION = re.compile(r"(?<![\w/.-])([LRD])\*?\.?\s?(\d{3,4}(?:-\d+){1,3})(?![\w-])")


def format_problem(code: str, article: str) -> str | None:
    """Why an article number cannot belong to the code, or None when it can."""
    spec = CODE_FORMATS[code]
    match = _NUMBER.match(article_number(article))
    if match is None:
        return "numéro d'article illisible"
    digits = match.group(2)
    if len(digits) != spec.digits:
        return (f"les articles du {LEGAL_CODE_LABELS[code]} ont {spec.digits} chiffres avant le "
                f"premier tiret, pas {len(digits)}")
    if digits[0] not in spec.parts:
        return f"le {LEGAL_CODE_LABELS[code]} n'a pas de partie {digits[0]}"
    return None


def cited_articles(text: str) -> Iterator[tuple[str, int]]:
    """Each article number cited in a text, bare (« R2122-8 »), with its offset."""
    for match in CITATION.finditer(text):
        yield match.group(1) + match.group(2), match.start()
