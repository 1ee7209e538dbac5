"""The rules of French typography on plain text (no markup inside)."""

from __future__ import annotations

import functools
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


_DIGIT = re.compile(r"\d")


def _group_number(match: re.Match) -> str:
    return re.sub(r"[ \u202f]", NBSP, match.group(0))


def french_text(text: str, newlines: bool = False) -> str:
    """Apply the rules to text that holds no markup. ``newlines``: a line break before a
    punctuation mark counts as a space (HTML text; never in Markdown, where it is syntax).
    A rule runs only on a text that holds the character it needs."""
    tall = ";" in text or "!" in text or "?" in text
    if newlines and "\n" in text and (tall or ":" in text or "»" in text):
        text = re.sub(r"(?<=\S)\s*\n\s*(?=[;:!?»])", " ", text)
    if "'" in text:
        text = _APOSTROPHE.sub(APOSTROPHE, text)
    if tall:
        text = _BEFORE_TALL.sub(NNBSP + r"\1", text)
    if ":" in text:
        text = _BEFORE_COLON.sub(NBSP + r"\1", text)
    if "«" in text:
        text = _OPEN_QUOTE.sub("«" + NBSP, text)
    if "»" in text:
        text = _CLOSE_QUOTE.sub(NBSP + "»", text)
    if "€" in text or "%" in text:
        text = _UNIT.sub(NBSP + r"\1", text)
        text = _EURO_TAX.sub("€" + NBSP + r"\1", text)
    return _NUMBER.sub(_group_number, text) if _DIGIT.search(text) else text


# A protected span (tag, code, link target…) stands in the text as one private-use
# character while the rules run: it counts as a visible character, so « </strong> : »
# still gets its no-break space, and its own content is never touched.
_MARK = "\ue000"


@functools.lru_cache(maxsize=16)
def _with_spans(protected: re.Pattern) -> re.Pattern:
    """``protected`` as one group: ``split`` then gives stretches and spans in turn."""
    return re.compile(f"({protected.pattern})", protected.flags)


# Characters without which no rule changes a text: a text without any is left as is.
_TRIGGER = re.compile(r"[';:!?«»€%\d]")


def french_outside(text: str, protected: re.Pattern, newlines: bool = False,
                   unescape: re.Pattern | None = None) -> str:
    """Apply the rules to ``text`` except inside the spans ``protected`` matches;
    ``unescape``: entities of the apostrophe in the text, read as « ' ».

    No rule matches across a protected span, and each sees a span next to the text
    as ``_MARK``: so each stretch of text between two spans is fixed on its own, with
    a ``_MARK`` on each side that has a span, and only if it holds a character some
    rule needs. A page's HTML is mostly tags and indentation: few stretches are.
    """
    text = text.replace(_MARK, "")
    parts = _with_spans(protected).split(text)
    step = protected.groups + 2  # a stretch, the span, then the span's own groups
    stretches, spans = parts[::step], parts[1::step]
    last = len(stretches) - 1
    pieces: list[str] = []
    for index, stretch in enumerate(stretches):
        if unescape is not None and "&" in stretch:
            stretch = unescape.sub("'", stretch)
        if _TRIGGER.search(stretch):
            before, after = (_MARK if index else ""), (_MARK if index < last else "")
            fixed = french_text(before + stretch + after, newlines=newlines)
            stretch = fixed[len(before):len(fixed) - len(after)]
        pieces.append(stretch)
        if index < last:
            pieces.append(spans[index])
    return "".join(pieces)
