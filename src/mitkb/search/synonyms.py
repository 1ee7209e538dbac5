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
_TOKEN = re.compile(r"[\w-]+")  # what an acronym can be: whole, hyphens included
_CHAR_FOLDS = {"’": "'", "‘": "'", "ʼ": "'"}
TITLE_USES = 10  # a page whose title uses an abbreviation is about it


def _fold_char(ch: str) -> str:
    if ch in _CHAR_FOLDS:
        return _CHAR_FOLDS[ch]
    base = unicodedata.normalize("NFD", ch)[0]
    lower = base.lower()
    return lower if len(lower) == 1 else base


_FOLD_TABLE: dict[int, str] = {}
_FOLDED_CHARS: set[str] = set()


def fold(text: str) -> str:
    """Lower case, no accents, straight apostrophes; one character for one, so that
    positions in the folded text are positions in the original."""
    for ch in set(text).difference(_FOLDED_CHARS):
        _FOLD_TABLE[ord(ch)] = _fold_char(ch)
        _FOLDED_CHARS.add(ch)
    return text.translate(_FOLD_TABLE)


def _without_tags(markup: str) -> str:
    """The markup with its tags blanked out (same length): matches fall in text only."""
    return _TAG.sub(lambda m: " " * len(m.group(0)), markup)


def _variants(folded_char: str) -> str:
    """A regex class of every character that folds to ``folded_char`` (« e » → [eéèêëE…])."""
    return _VARIANTS.get(folded_char, re.escape(folded_char))


def _build_variants() -> dict[str, str]:
    groups: dict[str, set[str]] = {}
    for code in range(0x20, 0x250):  # Latin letters with their accents, both cases
        ch = chr(code)
        if ch.isalpha():
            groups.setdefault(_fold_char(ch), set()).add(ch)
    return {folded: "[" + "".join(sorted(chars)) + "]" for folded, chars in groups.items() if len(chars) > 1}


_VARIANTS = _build_variants()


def _long_form_regex(long_form: str) -> str:
    """« station d'épuration » also matches « Stations d’épuration » and « STATION D'EPURATION »:
    accents, case and apostrophes are left to the pattern, so that a page is never folded
    as a whole (only its distinct words are)."""
    words = re.findall(r"[^\s']+|'", fold(" ".join(long_form.split())))
    parts: list[str] = []
    for word in words:
        if word == "'":
            parts.append(r"\s*['’‘ʼ]\s*")
            continue
        if parts and not parts[-1].endswith(r"\s*"):
            parts.append(r"\s+")
        plural = "(?:[sSxX])?" if len(word) > 2 and word[-1].isalpha() and word[-1] not in "sx" else ""
        parts.append("".join(_variants(ch) for ch in word) + plural)
    return "".join(parts) + r"(?!\w)"


def weight(uses: int) -> str:
    """Pagefind weight of a synonym: 0.5 for one use, up to 5 for ten uses and more."""
    return f"{min(5.0, max(0.5, uses / 2)):.1f}"


def _whole_word_starts(text: str, word: str, also: str) -> Iterable[int]:
    """Where `word` stands as a whole word (neighbours neither word characters nor `also`)."""
    start = text.find(word)
    while start >= 0:
        end = start + len(word)
        before = text[start - 1] if start else " "
        after = text[end] if end < len(text) else " "
        if not (before.isalnum() or before == "_" or before in also) and not (
            after.isalnum() or after == "_" or after in also
        ):
            yield start
        start = text.find(word, start + 1)


@dataclass(frozen=True)
class _Synonym:
    acronym: str
    long_form: str


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
            self.synonyms.append(_Synonym(term.term, " ".join(term.long_form.split())))
        # Pages are scanned once for their distinct words: a pattern is tried only where
        # its first word stands, whatever the size of the glossary.
        self._by_acronym = {s.acronym: s for s in self.synonyms if s.acronym.isupper()}
        self._by_acronym_folded = {s.acronym.casefold(): s for s in self.synonyms if not s.acronym.isupper()}
        self._acronyms = frozenset(self._by_acronym)
        self._by_first_word: dict[str, list[tuple[_Synonym, re.Pattern]]] = {}
        for synonym in self.synonyms:
            first = re.match(r"\w+", fold(synonym.long_form))
            if first:
                pattern = re.compile(_long_form_regex(synonym.long_form))
                self._by_first_word.setdefault(first.group(0), []).append((synonym, pattern))
        # A word of the page (accents and case folded) → the first words it can be
        # (« marches » is « marche » in the plural, and maybe a first word of its own).
        self._first_word_forms: dict[str, list[str]] = {}
        for word in self._by_first_word:
            for form in (word, word + "s", word + "x"):
                self._first_word_forms.setdefault(form, []).append(word)

    def uses(self, markup: str) -> list[Use]:
        """Abbreviations used in the text of an HTML fragment (never in its tags)."""
        text = _without_tags(markup)
        short: dict[str, list[int]] = {}
        long: dict[str, list[int]] = {}
        # Which words are there at all is asked of C code once; Python only visits the hits.
        tokens = set(_TOKEN.findall(text))
        words = {part for token in tokens for part in token.split("-")} if any("-" in t for t in tokens) else tokens
        # Acronyms: written as in the glossary, or (those with small letters) in any case.
        candidates = tokens & self._acronyms
        if self._by_acronym_folded:
            candidates |= {token for token in tokens if token.casefold() in self._by_acronym_folded}
        for token in candidates:
            synonym = self._by_acronym.get(token) or self._by_acronym_folded.get(token.casefold())
            if synonym is not None:
                ends = [start + len(token) for start in _whole_word_starts(text, token, "-")]
                short.setdefault(synonym.acronym, []).extend(ends)
        words = list(words)
        folded_words = fold("\n".join(words)).split("\n")
        forms = self._first_word_forms
        for word, folded in [pair for pair in zip(words, folded_words) if pair[1] in forms]:
            first_words = forms[folded]
            starts = list(_whole_word_starts(text, word, ""))
            for first_word in first_words:
                for synonym, pattern in self._by_first_word[first_word]:
                    for start in starts:
                        found_long = pattern.match(text, start)
                        if found_long:
                            long.setdefault(synonym.acronym, []).append(found_long.end())
        for ends in (*short.values(), *long.values()):
            ends.sort()
        found = []
        for synonym in self.synonyms:
            ends_short, ends_long = short.get(synonym.acronym, []), long.get(synonym.acronym, [])
            if ends_short or ends_long:
                first = min(ends_short[:1] + ends_long[:1])
                found.append(Use(synonym.acronym, synonym.long_form, len(ends_short), len(ends_long), first))
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
