"""French word forms that Pagefind's stemmer (Snowball) leaves apart, folded to their root.

Snowball drops a final « s » except after a vowel other than « e »: « prévus », « reçus »,
« élus » stay apart from « prévu », « reçu », « élu »; it does not fold « déclarées » onto
« déclaré » either. Such a plural in a query missed the page whose title has the singular.

The fold keeps the start that every form of the word shares (« prévus », « prévue »,
« prévues » → « prévu »; « déclarées », « déclarée » → « déclaré »). Pagefind matches the
start of words, so that root matches every form the index holds, singular and plural,
masculine and feminine: folding the query is folding both sides, without adding a word to
the index (the first query would fetch more) nor a hidden word to the excerpts.

The rules are decided here and exported as data (``rules_data``) for the search page's
script, which applies them to each word typed; ``fold_word`` is their reference.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from .synonyms import fold


@dataclass(frozen=True)
class Rule:
    """A word ending in ``suffix`` (accents and case folded) loses it for ``replacement``,
    when at least ``min_stem`` letters remain before the suffix and the letter just before
    is not one of ``not_after`` (« publique » is not a participle in « -ue »). The kept
    letters stay as typed (« ée » → « é »), unless ``as_typed`` is false: the accent of
    « -ière » is the feminine's only (« dernière » → « dernie », as « dernier »)."""

    suffix: str
    replacement: str
    min_stem: int
    not_after: str = ""
    as_typed: bool = True


# 1. The plural: a final « s » goes (a minimal French stemmer, after J. Savoy): « prévus »,
#    « élus », « débits », « conseillers » → « prévu », « élu », « débit », « conseiller ».
PLURAL = Rule("s", "", 3, "s")
# 2. Then the feminine, to the start the masculine shares (first rule that applies wins):
FEMININE: tuple[Rule, ...] = (
    Rule("iere", "ie", 3, "", False),  # dernière, financière → dernie (dernier, dernière)
    Rule("ier", "ie", 3),        # dernier → dernie
    Rule("ue", "u", 3, "qg"),    # reçue, prévue → reçu, prévu (not publique, longue)
    Rule("ee", "e", 3),          # déclarée, notée → déclaré, noté
    Rule("ite", "it", 3),        # décrite → décrit
    Rule("ise", "i", 3),         # remise, remis, transmise → remi, transmi (« remis » loses its s)
)
RULES: tuple[Rule, ...] = (PLURAL, *FEMININE)

# Words the rules would cut although they are no plural nor feminine, to a start that
# begins too many other words (« sous » → « sou » starts « soumission »), and nouns in
# « -ée » whose start is another word once the accent is left out (« entrée » → « entre »).
EXCEPTIONS = frozenset({
    "plus", "tous", "sous", "nous", "vous", "dans", "sans", "tres", "apres", "pres", "jamais", "mais",
    "depuis", "puis", "alors", "toujours", "ailleurs", "parfois", "fois", "mois", "temps", "corps", "moins",
    "dessus", "dessous", "pas", "gers", "paris", "trois", "avis", "abus", "refus", "talus", "processus",
    "virus", "bonus", "campus", "corpus", "consensus", "surplus", "autobus",
    "entree", "entrees", "annee", "annees", "idee", "idees", "duree", "durees", "journee", "journees",
    "pensee", "pensees", "musee", "musees", "lycee", "lycees",
})

_WORD = re.compile(r"[^\W\d_]+")


def _apply(rule: Rule, word: str, folded: str) -> tuple[str, str] | None:
    if not folded.endswith(rule.suffix):
        return None
    stem = len(folded) - len(rule.suffix)
    if stem < rule.min_stem or folded[stem - 1] in rule.not_after:
        return None
    replacement = _as_written(word[stem:], rule.replacement, rule.as_typed)
    return word[:stem] + replacement, folded[:stem] + rule.replacement


def fold_word(word: str) -> str:
    """The start every form of the word shares (same case and accents as typed)."""
    folded = fold(word)
    if folded in EXCEPTIONS or not folded.isalpha():
        return word
    plural = _apply(PLURAL, word, folded)
    if plural is not None:
        word, folded = plural
    for rule in FEMININE:
        applied = _apply(rule, word, folded)
        if applied is not None:
            return applied[0]
    return word


def _as_written(removed: str, replacement: str, as_typed: bool) -> str:
    """The replacement written as the removed letters were (« ÉE » → « É », « ée » → « é »),
    or in their case only."""
    start = removed[: len(replacement)]
    if as_typed and fold(start) == replacement:
        return start
    return replacement.upper() if removed.isupper() else replacement


def fold_query(query: str) -> str:
    """Each word of a query folded (``fold_word``); spaces and punctuation kept."""
    return _WORD.sub(lambda m: fold_word(m.group(0)), query)


def _rule_data(rule: Rule) -> list:
    return [rule.suffix, rule.replacement, rule.min_stem, rule.not_after, rule.as_typed]


def rules_data() -> dict:
    """The rules as the search page's script reads them (JSON)."""
    return {
        "pluriel": _rule_data(PLURAL),
        "feminin": [_rule_data(rule) for rule in FEMININE],
        "exceptions": sorted(EXCEPTIONS),
    }


# -- the site's own word forms, to measure the fold --------------------------------

def site_words(texts: Iterable[str]) -> dict[str, str]:
    """Distinct words of the texts: accents and case folded → the first spelling met."""
    words: dict[str, str] = {}
    for text in texts:
        for word in _WORD.findall(text):
            words.setdefault(fold(word), word.lower())
    return words


INFLECTIONS = ("s", "e", "es")


def word_form_pairs(words: dict[str, str]) -> list[tuple[str, str]]:
    """Pairs of forms of one word, both written somewhere in the site (singular and
    plural, masculine and feminine: « prévu » and « prévus », « reçue » and « reçues »),
    as (form, other form), sorted."""
    pairs = set()
    for folded, spelling in words.items():
        if len(folded) < 3:
            continue
        for ending in INFLECTIONS:
            other = words.get(folded + ending)
            if other is not None:
                pairs.add((spelling, other))
        if folded.endswith("e"):  # « reçue » and « reçus »: feminine and masculine plural
            other = words.get(folded[:-1] + "s")
            if other is not None and len(folded) > 3:
                pairs.add((spelling, other))
    return sorted(pairs)


def content_texts(root: Path) -> list[str]:
    """The site's written content: guides, templates, workshops, data and hand-written pages."""
    files = [*sorted((root / "guides").rglob("*.yml")), *sorted((root / "data").glob("*.yml")),
             *sorted((root / "docs").glob("*.md"))]
    return [path.read_text(encoding="utf-8") for path in files]
