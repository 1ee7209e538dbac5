"""The glossary at work in the pages: abbreviation definitions and the acronym check.

- ``Abbreviations`` turns the glossary's acronyms into Markdown ``abbr`` definitions
  (``*[STEP]: Station d'épuration``), prepared once per build and appended to every page, so that each acronym is
  explained on hover and focus wherever it appears.
- ``unknown_acronyms`` finds the all-caps acronyms used in the content but absent
  from the glossary, with their file and line, for ``mitkb check``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator

from .errors import ContentError
from .models import Term

GLOSSARY_FILE = "data/glossaire.yml"

# All-caps words of administrative French that are not acronyms (deliberations,
# orders, letters write them in capitals).
NOT_ACRONYMS = frozenset(
    {"VU", "VUS", "DÉCIDE", "DECIDE", "ARRÊTE", "ARRETE", "DÉLIBÈRE", "DELIBERE", "ARTICLE",
     "CONSIDÉRANT", "CONSIDERANT", "OBJET", "ANNEXE", "ATTENTION", "NB"}
)
_ROMAN_NUMERAL = re.compile(r"^(?=[IVXLCDM]+$)M{0,3}(CM|CD|D?C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})$")
_WORD = re.compile(r"(?<![\w])[^\W\d_][\w]*")
_COMPOUND = re.compile(r"\w+(?:-\w+)*")
_PAGE_ABBREVIATION = re.compile(r"(?m)^\*\[([^\]]+)\]:")
# Parts of a line that are not prose: addresses, e-mails, macro calls, inline code.
# Not prose: addresses, macros, code, and the legal code key of a guide's sources (« code: CE »).
_NOT_PROSE = re.compile(
    r"https?://\S+|[\w.+-]+@[\w-]+\.[\w.]+|\{\{.*?\}\}|\{%.*?%\}|`[^`]*`|\bcode:\s*[A-Z]+\b"
)


# -- abbreviations ------------------------------------------------------------


def is_acronym(word: str) -> bool:
    """An all-caps word of at least two letters (digits allowed: DC1, ATTRI1)."""
    letters = sum(ch.isalpha() for ch in word)
    return (
        letters >= 2
        and word.isupper()
        and word.isascii()
        and word not in NOT_ACRONYMS
        and not _ROMAN_NUMERAL.match(word)
    )


def is_abbreviation(term: Term) -> bool:
    """Glossary entries shown as abbreviations: acronyms and terms with a long form."""
    if " " in term.term:
        return False
    return term.long_form is not None or all(is_acronym(part) for part in term.term.split("-"))


def abbreviation_title(term: Term) -> str:
    """What the tooltip says: the long form, else the definition's first sentence."""
    if term.long_form:
        return " ".join(term.long_form.split())
    text = " ".join(term.definition.split())
    match = re.match(r"(.+?[.!?])(\s|$)", text)
    return match.group(1) if match else text


def abbreviations(terms: Iterable[Term]) -> dict[str, str]:
    """Acronym → tooltip text, for every abbreviation of the glossary."""
    return {term.term: abbreviation_title(term) for term in terms if is_abbreviation(term)}


class Abbreviations:
    """The glossary's abbreviations as Markdown ``abbr`` definitions
    (Python-Markdown's ``abbr`` extension), prepared once for every page."""

    def __init__(self, terms: Iterable[Term]):
        self._lines = [
            (acronym, f"*[{acronym}]: " + title.replace("\n", " ").replace("]", ")"))
            for acronym, title in sorted(abbreviations(terms).items())
        ]

    def definitions(self, text: str | None = None) -> str:
        """All the definitions, or with ``text`` only those of the abbreviations it uses."""
        used = _words(text) if text is not None else None
        return "\n".join(line for acronym, line in self._lines if used is None or acronym in used)

    def append_to(self, markdown: str, only_used: bool = True) -> str:
        """The page with the definitions at its end."""
        definitions = self.definitions(markdown if only_used else None)
        if not definitions:
            return markdown
        return markdown.rstrip("\n") + "\n\n" + definitions + "\n"


_WORD_OR_COMPOUND = re.compile(r"\w+(?:-\w+)*")


def _words(text: str) -> set[str]:
    """Words of a text, hyphenated words both whole (« DT-DICT ») and in parts, in one pass."""
    words = set(_WORD_OR_COMPOUND.findall(text))
    for compound in [word for word in words if "-" in word]:
        words.update(compound.split("-"))
    return words


_ABBR_OR_LINK = re.compile(r"(?P<open><a[\s>])|(?P<close></a>)|<abbr title=\"(?P<title>[^\"]*)\">(?P<abbr>[^<]+)</abbr>")


def focusable_abbreviations(html: str) -> str:
    """Make the first ``<abbr>`` of each acronym in a page reachable with the keyboard.

    Material shows an abbreviation's tooltip on hover and on focus, but an ``abbr``
    cannot take the focus by itself. Only the first use of each acronym becomes a tab
    stop, so that a page full of acronyms does not become a long walk for keyboard
    users (the glossary page explains every one of them too). An ``abbr`` inside a
    link stays as it is: a focusable element may not sit inside another.
    """
    seen: set[str] = set()
    depth = 0

    def visit(match: re.Match) -> str:
        nonlocal depth
        if match.group("open"):
            depth += 1
        elif match.group("close"):
            depth = max(0, depth - 1)
        elif depth == 0 and match.group("abbr") not in seen:
            seen.add(match.group("abbr"))
            return f'<abbr title="{match.group("title")}" tabindex="0">{match.group("abbr")}</abbr>'
        return match.group(0)

    return _ABBR_OR_LINK.sub(visit, html)


# -- acronym check ------------------------------------------------------------


@dataclass(frozen=True)
class AcronymUse:
    acronym: str
    path: str
    line: int
    column: int


def known_acronyms(terms: Iterable[Term]) -> set[str]:
    """Acronyms the glossary explains (casefolded), including the parts of « DT-DICT »."""
    known: set[str] = set()
    for term in terms:
        known.add(term.term.casefold())
        for part in re.split(r"[-/ ]", term.term):
            if is_acronym(part):
                known.add(part.casefold())
    return known


def acronyms_in_line(line: str) -> Iterator[tuple[int, str]]:
    """(0-based column, acronym) for every acronym written in one line of prose.

    Codes made of words and numbers (« 2027-TX-01 ») are references, not acronyms.
    """
    prose = _NOT_PROSE.sub(lambda m: " " * len(m.group(0)), line)
    for compound in _COMPOUND.finditer(prose):
        text = compound.group(0)
        if "-" in text and any(ch.isdigit() for ch in text):
            continue
        for word in _WORD.finditer(text):
            if is_acronym(word.group(0)):
                yield compound.start() + word.start(), word.group(0)


def _lines_to_check(path: Path) -> Iterator[tuple[int, str]]:
    in_front_matter = False
    fence = None
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        stripped = line.strip()
        if path.suffix == ".md":
            if number == 1 and stripped == "---":
                in_front_matter = True
                continue
            if in_front_matter:
                in_front_matter = stripped != "---"
                continue
            if stripped.startswith(("```", "~~~")):
                fence = None if fence else stripped[:3]
                continue
            if fence or stripped.startswith("*["):
                continue  # code, or an abbreviation defined in the page itself
        elif stripped.startswith("#"):
            continue  # YAML comment
        elif re.match(r"^-?\s*terme\s*:", stripped):
            continue  # the glossary's own entries
        yield number, line


def content_files(root: Path) -> list[Path]:
    """Where acronyms are looked for: content, shared data and hand-written pages."""
    root = Path(root)
    files = sorted((root / "guides").rglob("*.yml")) if (root / "guides").is_dir() else []
    files += sorted((root / "data").glob("*.yml")) if (root / "data").is_dir() else []
    files += sorted((root / "docs").rglob("*.md")) if (root / "docs").is_dir() else []
    return files


def file_acronyms(path: Path, display: str) -> list[AcronymUse]:
    """Every acronym written in one file, except those the page explains itself
    (raises OSError or UnicodeDecodeError for an unreadable file)."""
    lines = list(_lines_to_check(path))
    # A page may explain its own acronyms: « *[WCAG]: Web Content Accessibility Guidelines ».
    local = {m.casefold() for m in _PAGE_ABBREVIATION.findall(path.read_text(encoding="utf-8"))}
    return [AcronymUse(acronym, display, number, column + 1)
            for number, line in lines for column, acronym in acronyms_in_line(line)
            if acronym.casefold() not in local]


def unknown_acronyms(root: Path, terms: Iterable[Term], uses_of=file_acronyms) -> list[AcronymUse]:
    """Every use of an all-caps acronym that the glossary does not explain.

    ``uses_of(path, display)`` lists a file's acronyms (``mitkb check`` caches it)."""
    root = Path(root)
    known = known_acronyms(terms)
    found: list[AcronymUse] = []
    for path in content_files(root):
        try:
            display = path.resolve().relative_to(root.resolve()).as_posix()
        except ValueError:
            display = path.as_posix()
        try:
            uses = uses_of(path, display)
        except (OSError, UnicodeDecodeError):
            continue  # unreadable files are reported by the loader
        found += [use for use in uses if use.acronym.casefold() not in known]
    return found


def acronym_warnings(root: Path, terms: Iterable[Term], uses_of=file_acronyms) -> list[ContentError]:
    """The unknown acronyms as located messages (one per file and acronym)."""
    warnings: list[ContentError] = []
    seen: set[tuple[str, str]] = set()
    for use in unknown_acronyms(root, terms, uses_of):
        if (use.path, use.acronym) in seen:
            continue
        seen.add((use.path, use.acronym))
        warnings.append(
            ContentError(
                use.path, use.line, use.column,
                f"sigle « {use.acronym} » absent du glossaire",
                hint=f"Ajoutez-le à {GLOSSARY_FILE} (terme, forme_longue, definition) "
                "pour qu'il soit expliqué au survol, ou écrivez-le en toutes lettres.",
            )
        )
    return warnings
