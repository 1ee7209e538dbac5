"""The text Pagefind indexes, and the excerpts given back their text afterwards.

A first query downloads, for each word typed, the chunk of the index that holds the word:
Pagefind cuts its index into chunks of about 20,000 word occurrences, in alphabetical
order. Two kinds of words made some chunks four to seven times larger than the others,
so that a query with one unlucky word (« éteindre », « récupérer », « eau ») went past
the budget of the first query (300 KB at 1,000 guides):

- the small words on every line (« de » alone is 150,000 occurrences at 1,000 guides):
  a chunk ends after the word that fills it, so such a word ends a chunk of its own size
  plus that of its neighbours (« date », « eau », « éclairage » came with « de », « en »);
- accented words: Pagefind files « éclairage » under « eclairage » as a variant, and does
  not count variants when it fills a chunk; the chunks of « é… », « ré… », « pré… » grew
  without limit.

So the copy of each page that Pagefind reads (never the published page) says the small
words of ``STOP_WORDS`` with a mark Pagefind does not index (it keeps its place in the
text), and its words without accents; after indexing, the text of every result excerpt
(Pagefind's fragment files) gets the page's own words back. The search page never sends
these small words (they are in its list of words it leaves out), and Pagefind already
compares words without their accents: nothing a reader types finds less.
"""

from __future__ import annotations

import gzip
import json
import re
import unicodedata
from pathlib import Path
from typing import Mapping

# Words left out of the index: written the same on every page, never searched (the search
# page leaves them out of queries, see search_page_data), and the largest lists of the index.
STOP_WORDS = ("de", "la", "le", "les", "des", "du", "et", "en", "un", "une", "à", "a", "au", "aux", "ou",
              "pour", "par", "sur", "dans", "avec", "ce", "se", "sa", "son", "ses", "est", "sont", "qui",
              "que", "ne", "y")
# A small word in the indexed copy: one character of the Private Use Area (not a letter:
# Pagefind indexes no word there but keeps the place), one per word and capital, so that
# it can be written back with one translation of the text. One character of three bytes
# for a word of two or three letters: Pagefind reads no more text than the page's (longer
# marks made it read 75 % more and index 20 % slower). A page that itself uses one of
# these characters (text pasted from a symbol font, say) keeps its small words.
_MARKED = STOP_WORDS + tuple(word.capitalize() for word in STOP_WORDS)
_FIRST_MARK = 0xE000
MARKS = {word: chr(_FIRST_MARK + number) for number, word in enumerate(_MARKED)}
_MARKS_BACK = {mark: word for word, mark in MARKS.items()}
_RESERVED = re.compile(f"[{chr(_FIRST_MARK)}-{chr(_FIRST_MARK + len(_MARKED) - 1)}]")
# The words and marks of an indexed text, one split for both.
_TOKEN_SPLIT = re.compile(f"(\\w+|{_RESERVED.pattern})")
# In a page's restore table when the page kept its small words (see above).
UNMARKED = "\uf8ff"
# A small word alone between spaces, « &nbsp; », tags or punctuation. Next to an inline
# tag, Pagefind may read it as part of a longer word (« l<em>e</em> »): that word is then
# indexed without it, and its excerpt still gets it back.
# (The character before the word is matched, not looked behind, and the words are one
# tree of letters, not 62 choices: the scan is much faster.)


def _letter_tree(words: tuple[str, ...]) -> str:
    """« de|des|du » → « d(?:e(?:s)?|u) »: the longest word first, as an alternation would."""
    tree: dict = {}
    for word in words:
        node = tree
        for letter in word:
            node = node.setdefault(letter, {})
        node[""] = {}

    def pattern(node: dict) -> str:
        branches = [re.escape(letter) + pattern(node[letter]) for letter in sorted(node) if letter]
        if not branches:
            return ""
        group = branches[0] if len(branches) == 1 and "" not in node else "(?:" + "|".join(branches) + ")"
        return group + "?" if "" in node else group

    return pattern(tree)


_SMALL_WORD = re.compile(r"([\s;(\x00])(" + _letter_tree(_MARKED) + r")(?=[\s&\x00,.;:!?)])")
_TAG_SPLIT = re.compile(r"(<[^>]*>)")
_SEPARATOR = "\x00"
_WORD = re.compile(r"\w+")
FRAGMENT_SIGNATURE = b"pagefind_dcd"


def without_accents(text: str) -> str:
    """« Réemploi » → « Reemploi »: the letters Pagefind compares (« œ » stays « œ »). One
    character for one in a text written with composed accents (as the site's pages are)."""
    if text.isascii():
        return text
    return unicodedata.normalize("NFC", _COMBINING.sub("", unicodedata.normalize("NFD", text)))


_COMBINING = re.compile(r"[\u0300-\u036f]")


def prepare(html: str) -> tuple[str, dict[str, str]]:
    """The page as Pagefind should index it, and how to write its words back: {indexed
    word: word as written}. Only the text between tags changes (titles and filters are
    attributes, left as written); its apostrophes are made straight, its small words
    marked and its accents taken off. A word is written without accents only when no other
    word of the page gives the same letters (« marché » stays when the page also says
    « marche »): then each indexed word has one written form to go back to."""
    pieces = _TAG_SPLIT.split(html)  # text, tag, text, tag, …, text
    # Every piece of text at once; the separator is neither a space nor a letter, so a
    # word or a small word never runs over two pieces.
    # Typographic apostrophes made straight: Pagefind splits « l'école » into « école »
    # only with the straight one.
    text = _SEPARATOR.join(pieces[0::2]).replace("’", "'")
    folded = without_accents(text)
    restore: dict[str, str] = {}
    if folded != text and len(folded) == len(text):
        # The page's words (as written, as indexed). A word split by an inline tag
        # (« pré<em>vu</em> ») is one word for Pagefind, and keeps its indexed letters in
        # its excerpt: the site writes no such word.
        # Only the words with a letter outside ASCII change; folded all at once.
        words = set(_WORD.findall(text))
        accented = [word for word in words if not word.isascii()]
        indexed_forms = without_accents("\n".join(accented)).split("\n")
        single = dict(zip(indexed_forms, accented))
        kept: set[str]  # accented words left as written
        if len(single) == len(accented):  # no two accented words with the same letters
            restore = {indexed: written for indexed, written in single.items()
                       if indexed != written and indexed not in words}
            kept = {written for indexed, written in single.items() if indexed != written and indexed in words}
        else:
            forms: dict[str, list[str]] = {}
            for written, indexed in zip(accented, indexed_forms):
                forms.setdefault(indexed, [indexed] if indexed in words else []).append(written)
            kept = set()
            for indexed, written_forms in forms.items():
                if len(written_forms) == 1:
                    if written_forms[0] != indexed:
                        restore[indexed] = written_forms[0]
                else:
                    kept.update(word for word in written_forms if word != indexed)
        if kept:
            # Accents preserve lengths: the kept words go back at the same places.
            pattern = re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, sorted(kept, key=len, reverse=True)))
                                 + r")(?!\w)")
            parts, last = [], 0
            for match in pattern.finditer(text):
                parts += [folded[last:match.start()], match.group()]
                last = match.end()
            folded = "".join(parts) + folded[last:]
    else:
        folded = text
    if _RESERVED.search(folded):
        restore[UNMARKED] = ""
        pieces[0::2] = folded.split(_SEPARATOR)
        return "".join(pieces), restore
    parts = _SMALL_WORD.split(folded)  # text, character before, small word, text, …: no call back per word
    parts[2::3] = [MARKS[word] for word in parts[2::3]]
    pieces[0::2] = "".join(parts).split(_SEPARATOR)
    return "".join(pieces), restore


def restore_text(text: str, restore: Mapping[str, str]) -> str:
    """Text of the indexed copy → the page's own text: small words and accents back."""
    return _restored(text, _restore_table(restore))


def _restore_table(restore: Mapping[str, str]) -> Mapping[str, str]:
    """{mark or indexed word: word as written} for one page (a mark's word may have lost
    its accent too: « à » marked as « a »)."""
    if UNMARKED in restore:
        return restore
    return {**{mark: restore.get(word, word) for mark, word in _MARKS_BACK.items()}, **restore}


def _restored(text: str, table: Mapping[str, str]) -> str:
    parts = _TOKEN_SPLIT.split(text)  # text, word or mark, text, …, text
    parts[1::2] = [table.get(token, token) for token in parts[1::2]]
    return "".join(parts)


def restore_fragment_files(paths: list[Path], restores: Mapping[str, Mapping[str, str]],
                           target: Path | None = None) -> int:
    """Give Pagefind's result excerpts (its fragment files: « pagefind_dcd » and JSON,
    compressed) the text of their page; ``restores`` by result address. Each file is
    written back in place or, with ``target``, into that folder under the same name.
    Returns how many fragments were rewritten. The excerpt is cut from this text by word
    position: a small word and its mark are each one word, and accents do not change the
    words."""
    rewritten = 0
    for path in paths:
        compressed = path.read_bytes()
        raw = gzip.decompress(compressed)
        if not raw.startswith(FRAGMENT_SIGNATURE):
            raise ValueError(f"fragment Pagefind inattendu : {path.name}")
        fragment = json.loads(raw[len(FRAGMENT_SIGNATURE):])
        table = _restore_table(restores.get(fragment.get("url"), {}))
        content = _restored(fragment.get("content", ""), table)
        changed = content != fragment.get("content", "")
        fragment["content"] = content
        for anchor in fragment.get("anchors") or []:
            if anchor.get("text"):
                text = _restored(anchor["text"], table)
                changed |= text != anchor["text"]
                anchor["text"] = text
        destination = path if target is None else Path(target) / path.name
        if changed:
            data = FRAGMENT_SIGNATURE + json.dumps(fragment, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
            destination.write_bytes(gzip.compress(data, compresslevel=6, mtime=0))
            rewritten += 1
        elif destination != path:
            destination.write_bytes(compressed)
    return rewritten
