"""The pandoc Markdown of each template: the document, and its notice apart.

The document is laid out by its form (``layouts.py``): a letter has its address
blocks and no headings, a délibération its heading, counts, articles and
signatures, and so on. Every field to fill is a content control (Word) or a user
field (OpenDocument), see ``fields.py``; the Markdown therefore differs by format.
Drafting notes become comments. The notice (what the template is for, when to use
it, thresholds in force, legal basis, fields, drafting notes, whom to ask) is a
file of its own, so that the document needs only its fields filled.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import re

from ..content import Item, Site
from ..facts import Facts
from ..formatting import date_long
from ..models import LEGAL_CODE_LABELS, FillField
from ..pages import legifrance_url
from ..rich_text import RenderContext, TextRenderer
from . import styles
from .fields import field_markup, raw_inline
from .layouts import FORMS, effective_fields
from ..typography import french_text

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
        self.today = today
        self.facts = Facts(site, today)
        self.text = TextRenderer(self.facts, field_marker=field_span)  # the notice: plain marks
        self.document_text = {kind: TextRenderer(self.facts, field_marker=field_markup(kind)) for kind in ("docx", "odt")}

    def build(self, item: Item, kind: str = "odt") -> str:
        """The document itself, for ``kind`` ("docx" or "odt")."""
        return DocumentLayout(self, item, kind).markdown()

    def notice(self, item: Item) -> str:
        """The notice, a file of its own (the same Markdown for both formats)."""
        parts = [self._metadata(item), self._superseded(item), self._notice(item)]
        return "\n\n".join(part for part in parts if part) + "\n"

    # -- pieces ---------------------------------------------------------------
    def _metadata(self, item: Item) -> str:
        template = item.model
        subtitle = f"Notice du modèle, version {template.version}, relu le {date_long(template.reviewed)}"
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
            "départemental du Gers. Le document à envoyer est un fichier à part, sans cette notice : "
            f"chaque champ à compléter y est surligné entre crochets, comme {example}. Dans Word, "
            "un champ rempli une fois l'est partout où il revient ; dans LibreOffice, le fichier "
            "OpenDocument (.odt) fait de même (menu Édition, Champs). Vous pouvez aussi remplir "
            "les champs en ligne, sur la page du modèle : les deux fichiers sont alors produits "
            "par votre navigateur, sans rien envoyer. Les notes de rédaction sont des commentaires "
            "en marge du document ; elles sont aussi reprises ci-dessous.",
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
        for field in effective_fields(template):
            text = f"- **{escape(field.label)}**"
            if field.help:
                text += " : " + one_line(self.text.render(field.help))
            if field.example:
                text += f" (exemple : *{escape(field.example)}*)"
            lines.append(text)
        notes = [(section, note) for section in template.body for note in section.notes]
        if notes:
            lines += ["", "## Notes de rédaction", ""]
            for section, note in notes:
                lines.append(f"- **{escape(section.title)}** : " + one_line(self.text.render(note)))
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


NOTE_AUTHOR = "MIT du Gers"


def _div(style: str, content: str) -> str:
    return f'::: {{custom-style="{style}"}}\n{content.strip()}\n:::'


def _keep_lines(markdown: str) -> str:
    """A block (address, place and date, signature) is one paragraph, each line of it a line."""
    lines = [line.strip() for line in markdown.strip().splitlines() if line.strip()]
    return "\\\n".join(lines)


def article_label(number: int) -> str:
    return "Article 1er" if number == 1 else f"Article {number}"


class DocumentLayout:
    """One template printed in its form, for one format."""

    def __init__(self, builder: DocumentMarkdown, item: Item, kind: str):
        self.builder = builder
        self.item = item
        self.template = item.model
        self.kind = kind
        self.form = FORMS[self.template.form]
        self.fields = {f.id: f for f in effective_fields(self.template)}
        self.renderer = builder.document_text[kind]
        self.note_count = 0

    # -- helpers -------------------------------------------------------------
    def field(self, field_id: str) -> str:
        return self.renderer.field_marker(self.fields[field_id])

    def render(self, section) -> str:
        text = self.renderer.render(section.text, RenderContext(self.fields)).strip()
        return self.comments(section) + text

    def comments(self, section) -> str:
        """The section's drafting notes as comments, at the start of its first paragraph."""
        marks = []
        for note in section.notes:
            text = one_line(self.builder.text.render(note))
            if self.kind == "docx":
                number = self.note_count
                date = f"{self.template.reviewed.isoformat()}T00:00:00Z"
                marks.append(
                    f'[{escape(text)}]{{.comment-start id="{number}" author="{NOTE_AUTHOR}" date="{date}"}}'
                    f'[]{{.comment-end id="{number}"}}'
                )
            else:
                xml = (
                    f"<office:annotation><dc:creator>{html.escape(NOTE_AUTHOR)}</dc:creator>"
                    f"<text:p>{html.escape(french_text(text))}</text:p></office:annotation>"
                )
                marks.append(raw_inline(xml, self.kind))
            self.note_count += 1
        return "".join(marks)

    def sections(self, *roles: str) -> list:
        return [section for section in self.template.body if section.role in roles]

    def paragraphs(self, *roles: str, style: str | None = None) -> list[str]:
        parts = []
        for section in self.sections(*roles):
            text = self.render(section)
            parts.append(_div(style, text) if style else text)
        return parts

    def metadata(self, title: str | None) -> str:
        lines = ["---"]
        if title:
            lines.append(f"title: {metadata_string(escape(title))}")
        lines += ["lang: fr-FR", "---"]
        return "\n".join(lines)

    # -- the document ----------------------------------------------------------
    def markdown(self) -> str:
        build = getattr(self, f"_{self.form.id}", None) or self._headed
        parts = build()
        return "\n\n".join(part for part in parts if part) + "\n"

    def _courrier(self) -> list[str]:
        parts = [self.metadata(None)]
        for section in self.sections("expediteur"):
            parts.append(_div(styles.SENDER_STYLE, _keep_lines(self.render(section))))
        for section in self.sections("destinataire"):
            parts.append(_div(styles.ADDRESSEE_STYLE, _keep_lines(self.render(section))))
        for section in self.sections("lieu_date"):
            parts.append(_div(styles.PLACE_DATE_STYLE, _keep_lines(self.render(section))))
        for section in self.sections("objet"):
            parts.append(_div(styles.SUBJECT_STYLE, "Objet : " + self.render(section)))
        parts += self.paragraphs("corps")
        for section in self.sections("signature"):
            parts.append(_div(styles.SIGNATURE_STYLE, _keep_lines(self.render(section))))
        return parts

    def _articles(self) -> list[str]:
        parts = []
        for number, section in enumerate(self.sections("article"), start=1):
            parts.append(_div(styles.ARTICLE_STYLE, article_label(number)))
            parts.append(self.render(section))
        return parts

    def _deliberation(self) -> list[str]:
        f = self.field
        parts = [
            self.metadata(None),
            _div(styles.HEADING_BLOCK_STYLE, f"DÉPARTEMENT DU GERS\\\n{f('nom_collectivite')}"),
            _div(styles.HEADING_BLOCK_STYLE, "Extrait du registre des délibérations du conseil municipal"),
            _div(
                styles.HEADING_BLOCK_STYLE,
                f"Séance du {f('date_seance')}\\\nDélibération n° {f('numero_deliberation')}",
            ),
            "| Conseillers municipaux | Nombre |\n|---|---|\n"
            + "\n".join(
                f"| {label} | {f(field_id)} |"
                for label, field_id in (
                    ("En exercice", "nb_membres_exercice"), ("Présents", "nb_presents"),
                    ("Représentés", "nb_representes"), ("Votants", "nb_votants"),
                    ("Pour", "nb_pour"), ("Contre", "nb_contre"), ("Abstentions", "nb_abstentions"),
                )
            ),
            f"Date de la convocation : {f('date_convocation')}.",
        ]
        for section in self.sections("objet"):
            parts.append(_div(styles.SUBJECT_STYLE, "Objet : " + self.render(section)))
        parts.append(
            f"Le {f('date_seance')}, le conseil municipal, régulièrement convoqué le {f('date_convocation')}, "
            f"s'est réuni en séance publique sous la présidence de {f('nom_maire')}. "
            f"Secrétaire(s) de séance : {f('secretaire_seance')}."
        )
        parts += self.paragraphs("expose", "corps")
        parts += self.paragraphs("visas", style=styles.RECITAL_STYLE)
        parts.append(_div(styles.OPERATIVE_STYLE, "Le conseil municipal, après en avoir délibéré, décide :"))
        parts += self._articles()
        parts.append("Fait et délibéré les jour, mois et an susdits.")
        parts.append(_div(styles.SIGNATURE_STYLE, f"Le maire,\\\n{f('nom_maire')}"))
        parts.append(_div(styles.SIGNATURE_STYLE, f"Le ou les secrétaires de séance,\\\n{f('secretaire_seance')}"))
        parts += self.paragraphs("mentions", style=styles.NOTES_STYLE)
        return parts

    def _act(self, name: str, number_id: str, date_id: str) -> list[str]:
        f = self.field
        parts = [
            self.metadata(None),
            _div(styles.HEADING_BLOCK_STYLE, f"{f('nom_collectivite')}"),
            _div(styles.HEADING_BLOCK_STYLE, f"{name} n° {f(number_id)}"),
        ]
        for section in self.sections("objet"):
            parts.append(_div(styles.SUBJECT_STYLE, "Objet : " + self.render(section)))
        parts.append(f"Le maire de {f('nom_collectivite')},")
        parts += self.paragraphs("corps")
        parts += self.paragraphs("visas", style=styles.RECITAL_STYLE)
        parts.append(_div(styles.OPERATIVE_STYLE, self.form.verb.upper() + " :"))
        parts += self._articles()
        parts.append(f"Fait à {f('lieu_signature')}, le {f(date_id)}.")
        parts.append(_div(styles.SIGNATURE_STYLE, f"Le maire,\\\n{f('nom_maire')}"))
        parts += self.paragraphs("mentions", style=styles.NOTES_STYLE)
        return parts

    def _decision(self) -> list[str]:
        return self._act("Décision du maire", "numero_decision", "date_decision")

    def _arrete(self) -> list[str]:
        return self._act("Arrêté du maire", "numero_arrete", "date_arrete")

    def _headed(self) -> list[str]:
        """rapport, avis, reglement: the collectivité, the title, numbered headings."""
        parts = [
            self.metadata(self.template.title),
            _div(styles.HEADING_BLOCK_STYLE, self.field("nom_collectivite")),
        ]
        parts += self.paragraphs("preambule")
        bodies = self.sections("corps")
        if self.form.articles_from_sections:
            titles = [f"{article_label(n)} – {escape(s.title)}" for n, s in enumerate(bodies, start=1)]
        else:
            titles = [f"{n}\\. {escape(s.title)}" for n, s in enumerate(bodies, start=1)]
        if self.form.table_of_contents:
            parts.append("**Sommaire**\n\n" + "\n".join(f"- {title}" for title in titles))
        for title, section in zip(titles, bodies):
            parts.append(f"# {title}\n\n{self.render(section)}")
        for section in self.sections("signature"):
            parts.append(_div(styles.SIGNATURE_STYLE, _keep_lines(self.render(section))))
        return parts
