"""One Markdown source per template, in pandoc's dialect, for both formats.

The document opens with a notice (what the template is for, when to use it,
the thresholds in force, its legal basis, the fields to fill, whom to ask),
to be deleted before sending, then a page break and the template's text, where
every field to fill is a span in the « Champ à compléter » character style.
"""

from __future__ import annotations

import datetime as dt
import json
import re

from ..content import Item, Site
from ..facts import Facts
from ..formatting import date_long
from ..models import LEGAL_CODE_LABELS, FillField
from ..pages import legifrance_url
from ..rich_text import RenderContext, TextRenderer
from . import styles

# Word ignores raw OpenDocument and the other way round: one source, two formats.
PAGE_BREAK = (
    "```{=openxml}\n"
    '<w:p><w:r><w:br w:type="page"/></w:r></w:p>\n'
    "```\n\n"
    "```{=opendocument}\n"
    f'<text:p text:style-name="{styles.odf_name(styles.PAGE_BREAK_STYLE)}"/>\n'
    "```"
)


def escape(text: str) -> str:
    """Plain text in pandoc Markdown: every ASCII punctuation mark is taken literally."""
    return re.sub(r"([!-/:-@\[-`{-~])", r"\\\1", one_line(text))


def one_line(text: str) -> str:
    """Line breaks and runs of spaces become one space; non-breaking spaces stay."""
    return re.sub(r"[ \t\r\n]+", " ", str(text)).strip()


def field_span(field: FillField) -> str:
    """A field to fill: « [Nom de la collectivité] » in the field character style."""
    return f'[\\[{escape(field.label)}\\]]{{custom-style="{styles.FIELD_STYLE}"}}'


def metadata_string(markdown: str) -> str:
    """A YAML double-quoted string (JSON is valid YAML); pandoc reads it as Markdown."""
    return json.dumps(markdown, ensure_ascii=False)


class DocumentMarkdown:
    """Builds the pandoc Markdown of each template for one build date."""

    def __init__(self, site: Site, today: dt.date):
        self.site = site
        self.facts = Facts(site, today)
        self.text = TextRenderer(self.facts, field_marker=field_span)

    def build(self, item: Item) -> str:
        template = item.model
        fields = {f.id: f for f in template.fields}
        parts = [self._metadata(item), self._superseded(item), self._notice(item), PAGE_BREAK]
        for section in template.body:
            body = self.text.render(section.text, RenderContext(fields))
            parts.append(f"# {escape(section.title)}\n\n{body.strip()}")
        return "\n\n".join(part for part in parts if part) + "\n"

    # -- pieces ---------------------------------------------------------------
    def _metadata(self, item: Item) -> str:
        template = item.model
        subtitle = f"Modèle de document, version {template.version}, relu le {date_long(template.reviewed)}"
        return "\n".join(
            [
                "---",
                f"title: {metadata_string(escape(template.title))}",
                f"subtitle: {metadata_string(escape(subtitle))}",
                "lang: fr-FR",
                "---",
            ]
        )

    def _superseded(self, item: Item) -> str:
        replacement_slug = item.model.superseded_by
        if not replacement_slug:
            return ""
        replacement = self.site.templates.get(replacement_slug)
        name = escape(replacement.title) if replacement else escape(replacement_slug)
        return (
            f"**Ce modèle a été remplacé par « {name} ».** Utilisez le nouveau modèle ; "
            "celui-ci reste disponible pour les marchés déjà engagés."
        )

    def _notice(self, item: Item) -> str:
        template = item.model
        example = field_span(FillField.model_validate({"id": "exemple", "libelle": "passage à compléter"}))
        lines = [
            "# Notice d'utilisation",
            "",
            "Ce modèle est proposé par la Mission Ingénierie des Territoires (MIT) du Conseil "
            f"départemental du Gers. Remplacez chaque passage surligné entre crochets, comme {example}, "
            "adaptez le texte à votre situation et tenez compte des notes de rédaction. "
            "**Supprimez cette notice avant de signer ou d'envoyer le document.**",
            "",
            "## À quoi sert ce modèle ?",
            "",
            self.text.render(template.purpose).strip(),
            "",
            "## Quand l'utiliser ?",
            "",
            self.text.render(template.when).strip(),
        ]
        if template.thresholds:
            lines += ["", "## Seuils applicables", ""]
            lines += [f"- {escape(self.facts.threshold_in_force(t).sentence())}." for t in template.thresholds]
        lines += ["", "## Base légale", ""]
        for basis in template.legal_basis:
            text = f"[Article {escape(basis.article)} du {LEGAL_CODE_LABELS[basis.code]}]({legifrance_url(basis)})"
            if basis.subject:
                text += f" : {escape(basis.subject)}"
            lines.append(f"- {text}")
        lines += ["", "## Champs à compléter", ""]
        for field in template.fields:
            text = f"- **{escape(field.label)}**"
            if field.help:
                text += " : " + one_line(self.text.render(field.help))
            if field.example:
                text += f" (exemple : *{escape(field.example)}*)"
            lines.append(text)
        contact = self.site.contacts.get(template.referent)
        if contact is not None:
            lines += ["", "## Votre contact", "", self._contact(contact)]
        return "\n".join(lines)

    @staticmethod
    def _contact(contact) -> str:
        details = [
            contact.name, contact.function, contact.organisation,
            contact.email, contact.phone, contact.address, contact.website,
        ]
        return ", ".join(escape(d) for d in details if d) + "."
