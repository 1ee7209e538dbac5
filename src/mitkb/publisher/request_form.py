"""The « fiche de demande d'accompagnement »: a form to fill, in .docx and .odt.

It goes through the same pandoc conversion, reference documents, byte-stable archive
and cache as the templates' documents: ``_convert`` is the one place this package
calls ``mitkb.documents``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from pathlib import Path

from ..markup import md_text
from ..typography import french_markdown
from .request_page import FORM_SLUG
TITLE = "Fiche de demande d'accompagnement"
# The form's own date: its documents' timestamps (byte-stable builds). Change it with the form.
FORM_DATE = dt.date(2026, 12, 5)


@dataclass(frozen=True)
class FormField:
    label: str
    help: str


# What the MIT needs to understand a request: the checklist of « Solliciter la MIT » and the
# fields of the form. Nothing here is a legal requirement: it prepares the first exchange.
SECTIONS: tuple[tuple[str, tuple[FormField, ...]], ...] = (
    ("Votre collectivité", (
        FormField("Collectivité", "la commune ou l'intercommunalité (EPCI) qui demande l'accompagnement"),
        FormField("Personne à recontacter", "nom et fonction de l'élu ou de l'agent qui suit le projet"),
        FormField("Téléphone et courriel de cette personne", "pour que la MIT puisse vous rappeler"),
    )),
    ("Votre projet", (
        FormField("Le projet en quelques lignes", "ce que vous voulez faire, et où"),
        FormField("Le besoin auquel il répond", "pourquoi ce projet, pour qui, ce qui se passe si rien n'est fait"),
        FormField("Domaine", "aménagement et bâtiments, voirie et infrastructures, eau et assainissement, "
                  "commande publique ou autre"),
        FormField("Où en est le projet", "simple idée, études déjà faites, délibérations déjà prises"),
        FormField("Calendrier souhaité et contraintes connues", "échéances, subventions à demander, saison de travaux"),
        FormField("Budget envisagé et financements", "montant estimé s'il existe, aides déjà sollicitées"),
        FormField("Documents disponibles", "plans, diagnostics, devis, délibérations, photos"),
    )),
    ("Votre demande", (
        FormField("Ce que vous attendez de la MIT", "par exemple : aide à définir le besoin, à analyser la "
                  "faisabilité, à passer un marché, à rédiger un acte"),
        FormField("Date et signature", "date de la demande et signature de l'élu ou de l'agent"),
    )),
)


def checklist() -> list[str]:
    """The labels of every field, for the page's checklist."""
    return [field.label for _, fields in SECTIONS for field in fields]


def form_markdown(channel_lines: list[str], style: str) -> str:
    """The form in pandoc Markdown; ``style`` is the character style of the fields to fill."""
    def blank(label: str) -> str:
        return f'[\\[{md_text(label)}\\]]{{custom-style="{style}"}}'

    parts = [
        "---",
        f'title: "{TITLE}"',
        'subtitle: "Mission Ingénierie des Territoires (MIT), Conseil départemental du Gers"',
        "lang: fr-FR",
        "---",
        "",
        "La Mission Ingénierie des Territoires accompagne gratuitement les communes et les "
        "intercommunalités du Gers. Cette fiche prépare votre premier échange avec elle : remplissez "
        f"les passages surlignés entre crochets, comme {blank('passage à compléter')}, autant que vous "
        "le pouvez. Une réponse incomplète n'empêche pas de demander.",
        "",
        "**Comment transmettre votre demande**",
        "",
    ]
    parts += [f"- {line.strip()}" for line in channel_lines]
    for heading, fields in SECTIONS:
        parts += ["", f"# {heading}", ""]
        for field in fields:
            parts += [f"**{md_text(field.label)}** ({md_text(field.help)}) :", "", blank(field.label), ""]
    return "\n".join(parts).rstrip() + "\n"


@dataclass(frozen=True)
class FormDownload:
    path: str
    format_name: str
    extension: str
    size: int

    @property
    def size_text(self) -> str:
        from ..documents import size_text

        return size_text(self.size)


def request_form_files(site, cache_dir: Path | None) -> tuple[list, list[FormDownload]]:
    """The form's .docx and .odt, and how the page offers them; ([], []) without a main contact."""
    from .request_page import main_contact

    contact = main_contact(site)
    if contact is None:
        return [], []
    from ..markup import channel_lines

    lines = [line.replace("  ", "") for line in channel_lines(contact)]
    return _convert(lines, cache_dir)


def _convert(channel: list[str], cache_dir: Path | None) -> tuple[list, list[FormDownload]]:
    """The one place that calls mitkb.documents (pandoc, reference documents, archive, cache)."""
    import tempfile

    from ..documents import FORMATS
    from ..documents.cache import DocumentCache, code_fingerprint, document_key
    from ..documents.generate import DOWNLOAD_DIR, _epoch, finish
    from ..documents.pandoc import convert, pandoc_version
    from ..documents.reference import reference_file
    from ..documents.styles import FIELD_STYLE

    from ..pages import GeneratedFile

    markdown = french_markdown(form_markdown(channel, FIELD_STYLE))
    own_code = hashlib.sha256(Path(__file__).read_bytes()).hexdigest()
    fingerprint = document_key(code_fingerprint(), pandoc_version())
    cache = DocumentCache(cache_dir)
    files, downloads = [], []
    with tempfile.TemporaryDirectory(prefix="mitkb-fiche-") as scratch:
        folder = Path(cache_dir) if cache_dir is not None else Path(scratch)
        for output in FORMATS:
            key = document_key(fingerprint, own_code, output.kind, markdown)
            content = cache.get(key, output.kind)
            if content is None:
                reference = reference_file(output.kind, folder, fingerprint)
                content = finish(output.kind, convert(markdown, output.kind, reference, _epoch(FORM_DATE)))
                cache.put(key, output.kind, content)
            path = f"{DOWNLOAD_DIR}/{FORM_SLUG}.{output.kind}"
            files.append(GeneratedFile(path, content, "src/mitkb/publisher/request_form.py"))
            downloads.append(FormDownload(path, output.name, f".{output.kind}", len(content)))
    return files, downloads
