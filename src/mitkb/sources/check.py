"""`mitkb check` rules for sources: every article a guide's text cites is in its
`sources` list, every article of the list is cited, every number fits its code."""

from __future__ import annotations

import re

from ..content import Item, Site
from ..errors import ContentError
from ..models import LEGAL_CODE_LABELS
from ..rich_text import iter_strings
from ..safety import line_of
from ..validation import field_path
from .articles import CODE_FORMATS, cited_articles, format_problem

_THRESHOLD_MACRO = re.compile(r"seuil\w*\(\s*['\"]([^'\"]+)['\"]")
# Keys of a guide whose strings are not running text.
_NOT_TEXT = {"sources", "modeles", "ateliers", "referent", "domaine", "themes", "public", "phase"}


def _error(item: Item, path: tuple, message: str, hint: str, line: int | None = None) -> ContentError:
    found_line, column = item.positions.of_value(path)
    if line is not None:
        found_line, column = line, 0
    return ContentError(item.source, found_line, column, message, field_path(path), hint)


def _format_errors(item: Item, path: tuple, code: str, article: str) -> list[ContentError]:
    problem = format_problem(code, article)
    if problem is None:
        return []
    spec = CODE_FORMATS[code]
    return [_error(
        item, path,
        f"numéro d'article « {article} » impossible dans le {LEGAL_CODE_LABELS[code]} : {problem}",
        f"Les articles de ce code s'écrivent comme {spec.example}. Vérifiez le numéro et le code "
        "sur Légifrance (ou corrigez « code »).",
    )]


def check_legal_basis(item: Item) -> list[ContentError]:
    """Templates: each article of `base_legale` fits its code's numbering."""
    errors = []
    for index, basis in enumerate(item.model.legal_basis):
        errors += _format_errors(item, ("base_legale", index, "article"), basis.code, basis.article)
    return errors


def check_guide_sources(item: Item, site: Site) -> list[ContentError]:
    guide = item.model
    errors: list[ContentError] = []
    listed: dict[str, int] = {}
    for index, source in enumerate(guide.sources):
        if not source.is_legal:
            continue
        path = ("sources", index, "article")
        errors += _format_errors(item, path, source.code, source.article)
        if source.number in listed:
            errors.append(_error(
                item, path, f"article {source.number} listé deux fois dans les sources",
                f"Il figure déjà en position {listed[source.number] + 1} : gardez une seule entrée.",
            ))
        listed.setdefault(source.number, index)

    cited: set[str] = set()  # cited in the text, or through a threshold macro's rule
    reported: set[str] = set()  # a missing article is reported once, where first cited
    for path, text in iter_strings(item.raw):
        if not path or path[0] in _NOT_TEXT:
            continue
        for threshold_id in _THRESHOLD_MACRO.findall(text):
            threshold = site.thresholds.get(threshold_id)
            if threshold is not None:
                cited.update(number for number, _ in cited_articles(threshold.rule))
        for number, offset in cited_articles(text):
            cited.add(number)
            if number in listed or number in reported:
                continue
            reported.add(number)
            digits = len(re.match(r"[LRD](\d+)", number).group(1))
            codes = ", ".join(code for code, spec in CODE_FORMATS.items() if spec.digits == digits)
            errors.append(_error(
                item, path, f"article {number} cité dans le texte mais absent des sources",
                f"Ajoutez-le à la liste « sources » : - {{code: …, article: {number}, objet: …}} "
                f"(code possible pour ce numéro : {codes}).",
                line=item.positions.text_line(path) + line_of(text, offset),
            ))
    for number, index in listed.items():
        if number not in cited:
            errors.append(_error(
                item, ("sources", index, "article"),
                f"article {number} listé dans les sources mais jamais cité dans le texte du guide",
                "Citez-le à l'endroit de l'affirmation qu'il fonde (« article "
                f"{number} du … »), ou retirez-le de la liste.",
            ))
    return errors
