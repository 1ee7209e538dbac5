"""The rules of French typography on plain text (no markup inside)."""

from __future__ import annotations

import re

NBSP = "\u00a0"  # espace insécable: before « : », inside « », before € and %, inside numbers
NNBSP = "\u202f"  # espace fine insécable: before « ; », « ! », « ? »
APOSTROPHE = "\u2019"

_LETTER = r"A-Za-zÀ-ÖØ-öø-ÿŒœ"
# Between letters; a protected span (``_MARK``, e.g. « l'<strong>eau ») counts as a letter after it.
_APOSTROPHE = re.compile(rf"(?<=[{_LETTER}])\\{{0,2}}'(?=[{_LETTER}0-9\ue000])")
# Existing spaces (ordinary, no-break or narrow) before a double punctuation mark.
_BEFORE_TALL = re.compile(r"(?<=\S)[ \t\u00a0\u202f]+(\\?[;!?])")
_BEFORE_COLON = re.compile(r"(?<=\S)[ \t\u00a0\u202f]+(\\?:)")
_OPEN_QUOTE = re.compile(r"«[ \t\u00a0\u202f]*")
_CLOSE_QUOTE = re.compile(r"[ \t\u00a0\u202f]*»")
_UNIT = re.compile(r"(?<=\d)[ \t\u202f]*(\\?[€%])")
_EURO_TAX = re.compile(r"€[ \t](HT|TTC)\b")
# 100 000, 5 404 000: a group of 1 to 3 digits, then groups of exactly 3.
_NUMBER = re.compile(r"(?<![\d.,])\d{1,3}(?:[ \u202f]\d{3})+(?![\d])")


def _group_number(match: re.Match) -> str:
    return re.sub(r"[ \u202f]", NBSP, match.group(0))


def french_text(text: str, newlines: bool = False) -> str:
    """Apply the rules to text that holds no markup. ``newlines``: a line break before a
    punctuation mark counts as a space (HTML text; never in Markdown, where it is syntax)."""
    if newlines:
        text = re.sub(r"(?<=\S)\s*\n\s*(?=[;:!?»])", " ", text)
    text = _APOSTROPHE.sub(APOSTROPHE, text)
    text = _BEFORE_TALL.sub(NNBSP + r"\1", text)
    text = _BEFORE_COLON.sub(NBSP + r"\1", text)
    text = _OPEN_QUOTE.sub("«" + NBSP, text)
    text = _CLOSE_QUOTE.sub(NBSP + "»", text)
    text = _UNIT.sub(NBSP + r"\1", text)
    text = _EURO_TAX.sub("€" + NBSP + r"\1", text)
    return _NUMBER.sub(_group_number, text)


# A protected span (tag, code, link target…) stands in the text as one private-use
# character while the rules run: it counts as a visible character, so « </strong> : »
# still gets its no-break space, and its own content is never touched.
_MARK = "\ue000"


def french_outside(text: str, protected: re.Pattern, newlines: bool = False,
                   unescape: re.Pattern | None = None) -> str:
    """Apply the rules to ``text`` except inside the spans ``protected`` matches;
    ``unescape``: entities of the apostrophe in the text, read as « ' »."""
    kept: list[str] = []

    def hide(match: re.Match) -> str:
        kept.append(match.group(0))
        return _MARK

    hidden = protected.sub(hide, text.replace(_MARK, ""))
    if unescape is not None:
        hidden = unescape.sub("'", hidden)
    fixed = french_text(hidden, newlines=newlines)
    pieces = iter(kept)
    return re.sub(_MARK, lambda _: next(pieces), fixed)
