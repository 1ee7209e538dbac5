"""Glossary acronyms as search synonyms.

A page about « stations d'épuration » must answer the query « STEP », and a page
that only writes « MAPA » must answer « procédure adaptée ». Right after the first
use of a glossary abbreviation in a page, in either form, a hidden span gives the
other form to Pagefind: readers never see it, and a result's excerpt reads naturally
(« … suivi des stations d'épuration (STEP) … »).
"""

from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass
from typing import Iterable

from ..glossary import is_abbreviation
from ..models import Term

_TAG = re.compile(r"<[^>]*>")
_CHAR_FOLDS = {"’": "'", "‘": "'", "ʼ": "'"}
TITLE_USES = 10  # a page whose title uses an abbreviation is about it


def _fold_char(ch: str) -> str:
    if ch in _CHAR_FOLDS:
        return _CHAR_FOLDS[ch]
    base = unicodedata.normalize("NFD", ch)[0]
    lower = base.lower()
    return lower if len(lower) == 1 else base


def fold(text: str) -> str:
    """Lower case, no accents, straight apostrophes; one character for one, so that
    positions in the folded text are positions in the original."""
    return "".join(_fold_char(ch) for ch in text)


def _without_tags(markup: str) -> str:
    """The markup with its tags blanked out (same length): matches fall in text only."""
    return _TAG.sub(lambda m: " " * len(m.group(0)), markup)


def _long_form_pattern(long_form: str) -> re.Pattern:
    """« station d'épuration » also matches « stations d’épuration »."""
    words = re.findall(r"[^\s']+|'", fold(" ".join(long_form.split())))
    parts: list[str] = []
    for word in words:
        if word == "'":
            parts.append(r"\s*'\s*")
            continue
        if parts and not parts[-1].endswith(r"'\s*"):
            parts.append(r"\s+")
        plural = "(?:s|x)?" if len(word) > 2 and word[-1].isalpha() and word[-1] not in "sx" else ""
        parts.append(re.escape(word) + plural)
    return re.compile(r"(?<!\w)" + "".join(parts) + r"(?!\w)")


def weight(uses: int) -> str:
    """Pagefind weight of a synonym: 0.5 for one use, up to 5 for ten uses and more."""
    return f"{min(5.0, max(0.5, uses / 2)):.1f}"


@dataclass(frozen=True)
class _Synonym:
    acronym: str
    long_form: str
    acronym_pattern: re.Pattern
    long_form_pattern: re.Pattern


@dataclass(frozen=True)
class Use:
    """How a text uses one abbreviation: how often, and where first (end of the use)."""

    acronym: str
    long_form: str
    acronym_count: int
    long_form_count: int
    first_end: int  # where the first use ends

    @property
    def count(self) -> int:
        return self.acronym_count + self.long_form_count

    @property
    def both_forms(self) -> bool:
        return bool(self.acronym_count and self.long_form_count)

    @property
    def missing_form(self) -> str:
        """The form the text never writes (meaningful when not ``both_forms``)."""
        return self.long_form if self.acronym_count else self.acronym


class SynonymFinder:
    """Finds which glossary abbreviations a page uses, in either form."""

    def __init__(self, terms: Iterable[Term]):
        self.synonyms = []
        for term in terms:
            if not (is_abbreviation(term) and term.long_form):
                continue
            flags = 0 if term.term.isupper() else re.IGNORECASE
            self.synonyms.append(
                _Synonym(
                    term.term,
                    " ".join(term.long_form.split()),
                    re.compile(r"(?<![\w-])" + re.escape(term.term) + r"(?![\w-])", flags),
                    _long_form_pattern(term.long_form),
                )
            )

    def uses(self, markup: str) -> list[Use]:
        """Abbreviations used in the text of an HTML fragment (never in its tags)."""
        text = _without_tags(markup)
        folded = fold(text)
        found = []
        for synonym in self.synonyms:
            short = [m.end() for m in synonym.acronym_pattern.finditer(text)]
            long = [m.end() for m in synonym.long_form_pattern.finditer(folded)]
            if not short and not long:
                continue
            first = min(short[:1] + long[:1])
            found.append(Use(synonym.acronym, synonym.long_form, len(short), len(long), first))
        return found

    def annotate(self, content: str, title: str | None = None) -> str:
        """The content with, after the first use of each abbreviation written in one
        form only, a hidden span giving the other form; weighted by the number of uses
        (highest if the title uses it)."""
        uses = [use for use in self.uses(content) if not use.both_forms]
        if not uses:
            return content
        in_title = {use.acronym for use in self.uses(html.escape(title))} if title else set()
        insertions = []
        for use in uses:
            other = use.missing_form
            count = TITLE_USES if use.acronym in in_title else use.count
            insertions.append(
                (use.first_end,
                 f'<span class="mitkb-synonyme" hidden data-pagefind-weight="{weight(count)}"> ({html.escape(other)})</span>')
            )
        pieces = []
        last = 0
        for position, span in sorted(insertions, key=lambda pair: pair[0]):
            pieces.append(content[last:position])
            pieces.append(span)
            last = position
        pieces.append(content[last:])
        return "".join(pieces)
