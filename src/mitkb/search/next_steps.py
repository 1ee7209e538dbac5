"""What the search page knows besides the index: staff pages, word forms, next steps.

- Staff pages (the Contribuer page, any page whose front matter says
  ``search: {personnel: true}``) carry the kind « Contribuer au site »: the search page
  leaves that kind out unless the reader ticks it.
- No dead end: when a query finds nothing or little, the page offers a spelling
  suggestion from the site's own vocabulary (``help_data``, a small file fetched only
  then), the procedure tool and the glossary when the query is about public
  procurement, and the way to reach the MIT.

Everything is decided here, at build time, and handed to the page's script as data
(``search_page_data``).
"""

from __future__ import annotations

import html
import json
import re
from collections import Counter
from typing import Any, Iterable, Mapping

from ..content import Site
from ..glossary import is_abbreviation
from .facets import FILTER_KIND
from .index_text import STOP_WORDS
from .synonyms import fold
from .word_forms import fold_word, rules_data

STAFF_LABEL = "Contribuer au site"
# A filter of staff pages alone, to leave them out: its index is a few bytes, where the
# kind's index lists every page (a first query fetches it).
STAFF_FILTER = ("personnel", "oui")
STAFF_PAGES = frozenset({"contribuer.md"})
# At most this many results: the page also shows what to do next.
FEW_RESULTS = 3
# The pages the next steps point to, first found wins (paths of the site's Markdown pages).
PROCEDURE_TOOL_PAGES = ("quelle-procedure.md", "quelle-procedure/index.md")
PROCEDURE_TOOL_TITLE = "Quelle procédure pour mon achat ?"
PROCEDURE_GUIDE_PAGE = "methodes/choisir-procedure-marche.md"
MIT_PAGES = (("solliciter-la-mit.md", "Solliciter la MIT"), ("solliciter-la-mit/index.md", "Solliciter la MIT"),
             ("contacts.md", "Contacts de la MIT"))
GLOSSARY_PAGE = "glossaire.md"
# Words that make a query a public procurement question (accents and case folded, and
# folded like the query: « marchés » → « marche »); glossary terms count too.
PROCUREMENT_WORDS = frozenset({
    "marche", "procedure", "achat", "acheter", "acheteur", "commande", "consultation", "consulter",
    "appel", "offre", "devis", "seuil", "publicite", "concurrence", "candidat", "candidature",
    "attribution", "attribuer", "avenant", "prestataire", "fournisseur", "entreprise", "titulaire",
    "mapa", "dce", "ccap", "cctp", "boamp", "joue", "dume", "rc", "ae", "negociation", "negocie",
    "lot", "allotissement", "groupement", "accord-cadre", "sous-traitance", "profil", "notification",
    "rejet", "retenu", "critere", "prix", "montant", "ht",
})
HELP_PATH = "assets/javascripts/recherche-aide.json"
MAX_VOCABULARY = 4000  # most frequent words kept: the file stays small at any size of site
# Words of a query searched (stop words aside): each fetches its part of the index, and a
# first query must stay within its budget (300 KB at 1,000 guides, benchmarks/).
MAX_WORDS = 3
MIN_WORD = 4  # shorter words are not corrected
DATA_MARKER = "<!--mitkb-recherche-donnees-->"

_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")


def is_staff_page(meta: Mapping[str, Any] | None, path: str | None) -> bool:
    """Pages for the MIT's staff: the Contribuer page, and pages saying
    ``search: {personnel: true}`` in their front matter."""
    search = (meta or {}).get("search")
    return path in STAFF_PAGES or (isinstance(search, Mapping) and bool(search.get("personnel")))


def staff_markup() -> str:
    """Hidden Pagefind filter and metadata of a staff page."""
    label = html.escape(STAFF_LABEL)
    name, value = STAFF_FILTER
    return (f'<div class="mitkb-search-tags" hidden><span data-pagefind-filter="{FILTER_KIND}:{label}"></span>'
            f'<span data-pagefind-filter="{name}:{value}"></span>'
            f'<span data-pagefind-meta="type:{label}"></span></div>')


def page_url(path: str) -> str:
    """The address of a Markdown page from the site root (directory URLs):
    « methodes/x.md » → « methodes/x/ », « a/index.md » → « a/ »."""
    stem = path.removesuffix(".md")
    if stem == "index":
        return ""
    return stem.removesuffix("/index") + "/"


def _first(pages: set[str], candidates: Iterable[str]) -> str | None:
    return next((path for path in candidates if path in pages), None)


def next_steps(site: Site, pages: set[str]) -> dict[str, Any]:
    """The links the search page offers after few results, from the pages of this build."""
    steps: dict[str, Any] = {}
    tool = _first(pages, PROCEDURE_TOOL_PAGES)
    if tool:
        steps["procedure"] = {"url": page_url(tool), "titre": PROCEDURE_TOOL_TITLE}
    elif PROCEDURE_GUIDE_PAGE in pages:
        guide = site.guides.get(PROCEDURE_GUIDE_PAGE.removeprefix("methodes/").removesuffix(".md"))
        steps["procedure"] = {"url": page_url(PROCEDURE_GUIDE_PAGE),
                              "titre": guide.title if guide else "Choisir la procédure de son marché"}
    if GLOSSARY_PAGE in pages:
        steps["glossaire"] = {"url": page_url(GLOSSARY_PAGE)}
    mit = next(((path, title) for path, title in MIT_PAGES if path in pages), None)
    if mit:
        steps["mit"] = {"url": page_url(mit[0]), "titre": mit[1]}
    return steps


def _key(word: str) -> str:
    """How words are compared: accents and case folded, then word forms folded."""
    return fold_word(fold(word))


def procurement_words(site: Site) -> list[str]:
    words = {_key(word) for word in PROCUREMENT_WORDS}
    for term in site.terms:
        words.add(_key(term.term))
        if is_abbreviation(term) and term.long_form:
            words.update(_key(w) for w in _WORD.findall(term.long_form) if len(w) >= MIN_WORD)
    return sorted(words)


def search_page_data(site: Site, pages: set[str]) -> dict[str, Any]:
    """What the search page's script applies to every query, as JSON-ready data (inline
    in the page: keep it small); the rest is in ``help_file``, fetched after few results."""
    return {
        "formes": rules_data(),
        "mots": MAX_WORDS,
        "vides": list(STOP_WORDS),
        "personnel": {"filtre": STAFF_FILTER[0], "valeur": STAFF_FILTER[1], "type": FILTER_KIND},
        "peu": FEW_RESULTS,
        "aide": HELP_PATH,
        "suite": next_steps(site, pages),
    }


def help_data(site: Site) -> dict[str, Any]:
    """What the page needs only after few results: the site's vocabulary for spelling
    suggestions, the words of a procurement question, the glossary's terms and anchors."""
    from ..pages import anchor

    return {
        "vocabulaire": vocabulary(site),
        "commande_publique": procurement_words(site),
        "glossaire": {_key(term.term): [term.term, anchor(term.term)] for term in site.terms},
    }


def help_file(site: Site) -> bytes:
    return json.dumps(help_data(site), ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def data_script(data: Mapping[str, Any]) -> str:
    """The data as an inline JSON script (``</`` escaped, so it cannot close the script)."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")
    return f'<script type="application/json" id="mitkb-recherche-donnees">{text}</script>'


def with_search_data(markdown: str, data: Mapping[str, Any]) -> str:
    return markdown.replace(DATA_MARKER, data_script(data))


def _strings(value: Any) -> Iterable[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, Mapping):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from _strings(item)


# The words of each item's text, kept while the item's text is the same object (the
# preview renders again after each edit: only the edited items are read again).
_ITEM_WORDS: dict[int, tuple[Any, Counter]] = {}


def _written_words(texts: Iterable[str]) -> Counter[str]:
    """Each word as written, in order of first use. A line break between texts: no word spans two."""
    return Counter(_WORD.findall(re.sub(r"\{\{.*?\}\}", " ", "\n".join(texts))))


def _item_words(raw: Any) -> Counter[str]:
    kept = _ITEM_WORDS.get(id(raw))
    if kept is None or kept[0] is not raw:
        kept = _ITEM_WORDS[id(raw)] = (raw, _written_words(_strings(raw)))
    return kept[1]


def vocabulary(site: Site, limit: int = MAX_VOCABULARY) -> list[str]:
    """The site's words for spelling suggestions, most frequent first (accents and case
    as written most often): titles and texts of every item, glossary terms and definitions."""
    written: Counter[str] = Counter()  # in order of first use, as the counts' ties need
    raws = [item.raw for item in site.all_items()]
    for raw in raws:
        written.update(_item_words(raw))
    for stale in set(_ITEM_WORDS) - {id(raw) for raw in raws}:
        del _ITEM_WORDS[stale]
    written.update(_written_words(text for term in site.terms
                                  for text in (term.term, term.long_form or "", term.definition)))
    counts: Counter[str] = Counter()
    spellings: dict[str, Counter[str]] = {}
    for word, count in written.items():
        if len(word) < MIN_WORD:
            continue
        key = fold(word)
        counts[key] += count
        spellings.setdefault(key, Counter())[word if word.isupper() else word.lower()] += count
    return [spellings[key].most_common(1)[0][0] for key, _ in counts.most_common(limit)]


