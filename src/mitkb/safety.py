"""Refuse markup in YAML text: content is Markdown, never raw HTML or scripts."""

from __future__ import annotations

import re

_TAG = re.compile(r"<\s*/?\s*[a-zA-Z!?][^>]*>?")
_AUTOLINK = re.compile(r"<(https?://|mailto:)[^>\s]+>")
_SCRIPT_URL = re.compile(r"(?i)\b(javascript|vbscript|data)\s*:")
_LINK_TARGET = re.compile(r"\]\(\s*<?([^)\s>]*)")


def unsafe_markup(text: str) -> list[tuple[int, str, str]]:
    """Problems in a text, as (offset, message, hint)."""
    problems: list[tuple[int, str, str]] = []
    stripped = _AUTOLINK.sub(lambda m: " " * len(m.group(0)), text)
    for match in list(_TAG.finditer(stripped))[:1]:
        problems.append(
            (
                match.start(),
                f"HTML interdit : « {match.group(0)[:40]} »",
                "Écrivez en Markdown (**gras**, listes avec « - », [lien](https://…)) ; "
                "pour écrire le signe « < », laissez une espace après lui.",
            )
        )
    for match in _LINK_TARGET.finditer(text):
        target = match.group(1)
        if _SCRIPT_URL.match(target):
            problems.append(
                (match.start(1), f"lien interdit « {target[:40]} »", "Un lien doit commencer par https:// ou mailto:.")
            )
    for match in re.finditer(r"(?i)\bon[a-z]+\s*=\s*[\"']", text):
        problems.append(
            (match.start(), "attribut de script interdit", "Retirez ce texte : il serait exécuté par le navigateur.")
        )
    return problems


def line_of(text: str, offset: int) -> int:
    """0-based line of an offset in a text."""
    return text.count("\n", 0, offset)
