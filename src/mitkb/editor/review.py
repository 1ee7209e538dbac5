"""What a staff member sees on the pull request the editor opened, in French.

- ``mitkb check --github``: each error becomes an annotation on its file and line
  (shown in the pull request's « Files changed » tab) and the list goes to the
  run's summary page (``$GITHUB_STEP_SUMMARY``), as a table: file and line,
  field, problem, how to fix it.
- ``mitkb apercu``: one self-contained HTML file (styles inlined, no script) with
  the pages of the content files a pull request changes, taken from the built
  site. GitHub shows such a file in the browser in one click when it is uploaded
  as an artifact that is not zipped (``actions/upload-artifact`` with ``archive: false``).
"""

from __future__ import annotations

import html
import re
from pathlib import Path

from ..errors import ContentError

PAGE_OF_SOURCE = re.compile(r"^guides/(methodes|modeles|ateliers)/([a-z0-9-]+)\.yml$")


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotations(errors: list[ContentError]) -> list[str]:
    """GitHub Actions workflow commands: one `::error` per error, on its file and line."""
    lines = []
    for error in errors:
        props = [f"file={_escape_property(error.path)}"]
        if error.line:
            props.append(f"line={error.line}")
            if error.column:
                props.append(f"col={error.column}")
        title = f"champ « {error.field} »" if error.field else "mitkb check"
        props.append(f"title={_escape_property(title)}")
        message = error.message + (f" → {error.hint}" if error.hint else "")
        lines.append(f"::error {','.join(props)}::{_escape_data(message)}")
    return lines


def _cell(text: str) -> str:
    return html.escape(text).replace("|", "\\|").replace("\n", " ") or " "


def summary(errors: list[ContentError], warnings: list[ContentError] = ()) -> str:
    """The run's summary page, in Markdown."""
    if not errors:
        text = "## ✓ Contenu valide\n\n`mitkb check` ne signale aucune erreur.\n"
    else:
        plural = "s" if len(errors) > 1 else ""
        text = (f"## ✗ {len(errors)} erreur{plural} dans le contenu\n\n"
                "Rien ne sera publié tant qu'elles restent. Corrigez chaque champ dans l'éditeur "
                "(la demande de fusion se met à jour toute seule) ou dans le fichier, sur la même branche. "
                "Les erreurs sont aussi signalées sur les lignes concernées, onglet « Files changed ».\n\n"
                "| Fichier et ligne | Champ | Problème | Comment corriger |\n|---|---|---|---|\n")
        for error in errors:
            where = error.path + (f":{error.line}" if error.line else "")
            text += f"| `{_cell(where)}` | {_cell(error.field)} | {_cell(error.message)} | {_cell(error.hint)} |\n"
    if warnings:
        text += "\n### Avertissements\n\n" + "".join(f"- {_cell(w.format())}\n" for w in warnings)
    return text


def changed_pages(sources: list[str]) -> list[str]:
    """Built page (relative path) of each content file among `sources`."""
    pages = []
    for source in sources:
        found = PAGE_OF_SOURCE.match(source.strip())
        if found:
            pages.append(f"{found.group(1)}/{found.group(2)}/index.html")
    return pages


_STYLESHEET = re.compile(r'<link rel="stylesheet" href="([^"]+)"[^>]*>')
_ARTICLE = re.compile(r'<article class="md-content__inner md-typeset">(.*?)</article>', re.S)


def standalone_preview(site: Path, sources: list[str]) -> str | None:
    """One HTML file with the changed pages (styles inlined, no script), or None if no page changed."""
    site = Path(site)
    articles, styles = [], []
    for page in changed_pages(sources):
        path = site / page
        if not path.is_file():
            continue
        text = path.read_text(encoding="utf-8")
        if not styles:
            for href in _STYLESHEET.findall(text):
                css = (path.parent / href).resolve()
                if css.is_file() and site.resolve() in css.parents:
                    styles.append(css.read_text(encoding="utf-8"))
        found = _ARTICLE.search(text)
        if found:
            body = re.sub(r"<script\b.*?</script>", "", found.group(1), flags=re.S)
            articles.append(f'<section class="mitkb-apercu"><p class="mitkb-apercu-page">Page : /{html.escape(page[:-10])}/</p>'
                            f'<article class="md-content__inner md-typeset">{body}</article></section>')
    if not articles:
        return None
    style = "\n".join(styles).replace("</style", "<\\/style")
    return ("<!doctype html>\n<html lang=\"fr\"><head><meta charset=\"utf-8\">"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
            "<title>Aperçu des pages modifiées</title>"
            f"<style>{style}\n.mitkb-apercu{{max-width:50rem;margin:0 auto 4rem;padding:0 1rem}}"
            ".mitkb-apercu-page{color:#555;border-bottom:1px solid #ccc}</style></head>"
            "<body><div class=\"md-container\"><main class=\"md-main\"><div class=\"md-content\">"
            + "".join(articles) + "</div></main></div></body></html>\n")
