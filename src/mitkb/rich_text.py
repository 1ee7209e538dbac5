"""Render the macros inside YAML text fields, strictly, with located errors.

Text fields are Markdown that may call the macros ``seuil`` (also ``seuil_a_partir_de`` and
``seuil_en_dessous_de``, the inclusive wordings), ``seuil_depuis``,
``chiffre`` and (in templates) ``champ``. An unknown id, an undefined name or a
syntax error is a content error at the file and line of the text.
"""

from __future__ import annotations

import functools
import html
import re
from dataclasses import dataclass
from typing import Callable, Iterator

import jinja2

from .errors import ContentError
from .facts import BrokenDataError, Facts, MacroError, macro_functions
from .models import FillField
from .validation import field_path
from .yaml_loader import Positions

# YAML keys whose text is Markdown and may call macros.
RICH_KEYS = frozenset(
    {"en_bref", "texte", "role", "vigilance", "objet", "quand", "aide", "resume",
     "enseignements", "suites", "description", "definition", "notes_de_redaction"}
)


class FieldMarker:
    """How a field to fill is shown: on a web page, or in an office document."""

    def __call__(self, field: FillField) -> str:
        return f'<span class="mitkb-champ">[{html.escape(field.label)}]</span>'


@dataclass
class RenderContext:
    fields: dict[str, FillField] | None = None
    used_fields: set[str] | None = None


_ENV = jinja2.Environment(undefined=jinja2.StrictUndefined, autoescape=False, keep_trailing_newline=True)
# A text made only of plain macro calls, e.g. « sous {{ seuil('mapa') }} » (the common case).
_SIMPLE_CALL = re.compile(r"\{\{\s*(\w+)\(\s*'([^'{}\\]*)'\s*\)\s*\}\}")


@functools.lru_cache(maxsize=50_000)
def _compile(text: str) -> jinja2.Template:
    """Compiled once per process, whoever renders it (check, pages, documents)."""
    return _ENV.from_string(text)


class TextRenderer:
    """Renders macros strictly, with the site's facts."""

    def __init__(self, facts: Facts, field_marker: Callable[[FillField], str] | None = None):
        self.facts = facts
        self.field_marker = field_marker or FieldMarker()
        self.macros = macro_functions(facts)

    def render(self, text: str, context: RenderContext | None = None, variables: dict | None = None) -> str:
        if "{" not in text:
            return text
        context = context or RenderContext()
        functions = dict(self.macros, champ=lambda field_id: self._field(field_id, context))
        simple = self._render_simple(text, functions)
        if simple is not None:
            return simple
        return _compile(text).render(variables or {}, **functions)

    @staticmethod
    def _render_simple(text: str, functions: dict) -> str | None:
        """Plain calls of known macros, without Jinja; None when Jinja is needed
        (other syntax, or an unknown name, whose error Jinja reports)."""
        remainder = _SIMPLE_CALL.sub("", text)
        if "{{" in remainder or "{%" in remainder or "{#" in remainder:
            return None
        if any(match.group(1) not in functions for match in _SIMPLE_CALL.finditer(text)):
            return None
        return _SIMPLE_CALL.sub(lambda match: str(functions[match.group(1)](match.group(2))), text)

    def _field(self, field_id: str, context: RenderContext) -> str:
        if context.fields is None:
            raise MacroError("« champ » n'est utilisable que dans le corps d'un modèle", needle="champ")
        if field_id not in context.fields:
            known = ", ".join(context.fields) or "aucun"
            raise MacroError(
                f"champ à compléter « {field_id} » non déclaré",
                f"Déclarez-le dans « champs » (champs déclarés : {known}).",
                needle=str(field_id),
            )
        if context.used_fields is not None:
            context.used_fields.add(field_id)
        return self.field_marker(context.fields[field_id])


def render_error(exc: Exception, text: str) -> tuple[int, str, str]:
    """(line offset inside the text, message, hint) for a rendering failure."""
    if isinstance(exc, jinja2.TemplateSyntaxError):
        detail = str(exc.message or "")
        if "expected ')'" in detail or "expected token ')'" in detail:
            problem = "parenthèse non fermée"
        elif "end of template" in detail:
            problem = "accolades « }} » non fermées"
        elif "expected token 'end of print statement'" in detail:
            problem = "texte inattendu dans la macro"
        else:
            problem = "syntaxe incorrecte"
        return (exc.lineno or 1) - 1, f"macro mal écrite ({problem})", (
            "Une macro s'écrit {{ seuil('identifiant') }}, avec des accolades doubles et des guillemets."
        )
    if isinstance(exc, jinja2.UndefinedError):
        name = str(exc.message or "").split("'")[1] if "'" in str(exc.message) else ""
        return _find(text, name), f"nom inconnu dans une macro « {name} »", (
            "Macros disponibles : seuil, seuil_a_partir_de, seuil_en_dessous_de, seuil_depuis, chiffre, chiffre_libelle, chiffre_source, contact, "
            "champ (dans les modèles)."
        )
    if isinstance(exc, MacroError):
        return _find(text, exc.needle), exc.message, exc.hint
    if isinstance(exc, TypeError):
        return 0, f"macro mal appelée ({exc})", "Une macro prend un identifiant entre guillemets."
    raise exc


def _find(text: str, needle: str) -> int:
    if needle:
        for number, line in enumerate(text.splitlines()):
            if needle in line:
                return number
    return 0


def render_located(
    renderer: TextRenderer,
    text: str,
    source: str,
    positions: Positions,
    path: tuple,
    context: RenderContext | None = None,
) -> tuple[str | None, list[ContentError]]:
    try:
        return renderer.render(text, context), []
    except BrokenDataError:
        return None, []  # the data file's own errors are already reported
    except (jinja2.TemplateError, MacroError, TypeError) as exc:
        offset, message, hint = render_error(exc, text)
        line = positions.text_line(path) + offset
        return None, [ContentError(source, line, 0, message, field_path(path), hint)]


def iter_strings(data, path: tuple = ()) -> Iterator[tuple[tuple, str]]:
    """Every string of a YAML document with its path."""
    if isinstance(data, dict):
        for key, value in data.items():
            yield from iter_strings(value, path + (key,))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from iter_strings(value, path + (index,))
    elif isinstance(data, str):
        yield path, data


def is_rich(path: tuple) -> bool:
    key = next((part for part in reversed(path) if isinstance(part, str)), "")
    return key in RICH_KEYS
