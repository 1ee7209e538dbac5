"""The « Solliciter la MIT » page and what every contact box links to."""

from __future__ import annotations

import posixpath

REQUEST_PAGE = "solliciter-la-mit.md"  # relative to the docs root
FORM_SLUG = "fiche-demande-accompagnement"  # its documents: telechargements/<FORM_SLUG>.docx, .odt


def main_contact(site):
    """The contact whose channel every « Votre contact » box falls back on, or None."""
    facts = getattr(site, "site_facts", None)
    return site.contacts.get(facts.main_contact) if facts is not None else None


def request_link(site, from_page: str) -> str | None:
    """Relative link from a generated page to « Solliciter la MIT » (None when the site has no
    data/site.yml, hence no such page)."""
    if main_contact(site) is None:
        return None
    return posixpath.relpath(REQUEST_PAGE, posixpath.dirname(from_page) or ".")


def request_page_markdown(site, facts, downloads: list) -> str:
    """« Solliciter la MIT »: who may ask, what the MIT does (the article's words only),
    how to ask, what to prepare (the same list as the downloadable form)."""
    from ..markup import channel_lines, md_text
    from .request_form import checklist

    contact = main_contact(site)
    channels = channel_lines(contact, sources=True)
    lines = [
        "---",
        "title: Solliciter la MIT",
        'description: "Qui peut demander l\'accompagnement de la Mission Ingénierie des Territoires, '
        'ce qu\'elle fait, comment la joindre et quoi préparer."',
        "render_macros: false",
        "---",
        "",
        "# Solliciter la Mission Ingénierie des Territoires",
        "",
        "## Qui peut demander ?",
        "",
        "Les **communes** et les **intercommunalités** (établissements publics de coopération "
        "intercommunale, EPCI) du Gers. L'accompagnement est **gratuit** : c'est un service du Conseil "
        "départemental, assuré depuis 2017 par une équipe pluridisciplinaire.",
        "",
        "## Ce que fait la MIT",
        "",
        "Un accompagnement sur mesure, destiné à aider les élus à décider. Selon la demande :",
        "",
        "- une aide préalable à la **définition des besoins** ;",
        "- l'**identification des acteurs**, publics et privés ;",
        "- l'**analyse de la faisabilité** technique, juridique et financière d'une opération ;",
        "- des outils pour conduire les projets : des **guides méthodologiques**, une aide à la "
        "**passation des marchés publics** et à la **rédaction d'actes administratifs**.",
        "",
        "Ses domaines : l'aménagement et les bâtiments (réhabilitation d'équipements publics, "
        "aménagement d'espaces publics, en lien avec le CAUE), la voirie et les infrastructures "
        "(traverses d'agglomération, sécurisation des ponts et des routes), l'eau et l'assainissement "
        "(prévention de l'érosion des sols, suivi des stations d'épuration). Elle anime aussi le réseau "
        "« Commande publique » des intercommunalités.",
        "",
        "## Ce qu'elle ne fait pas",
        "",
        "La MIT aide à décider : la décision, la signature des actes et des marchés restent celles de "
        "votre collectivité. Ce site ne promet pas d'autre service que ceux décrits ci-dessus ; pour "
        "toute autre question, interrogez la MIT.",
        "",
        "## Comment demander ?",
        "",
        '<div class="mitkb-contact" markdown>',
        "",
    ]
    lines += channels or ["Aucune coordonnée n'est encore publiée."]
    lines += [
        "",
        "</div>",
        "",
        "La MIT n'a pas encore de ligne directe ni d'adresse électronique publiées : passez par ces "
        "coordonnées du Département. Elles seront mises à jour ici dès que la MIT en communiquera.",
        "",
        "## Quoi préparer ?",
        "",
        "Rien n'est obligatoire, mais ces informations rendent le premier échange plus utile :",
        "",
    ]
    lines += [f"- {md_text(label)}" for label in checklist()]
    if downloads:
        lines += [
            "",
            "La même liste, à remplir et à joindre à votre courrier, existe en fiche à télécharger :",
            "",
            '<div class="mitkb-telechargement" markdown>',
            "",
        ]
        lines += [f"- [Fiche de demande d'accompagnement, {d.format_name} ({d.extension}), {d.size_text}]"
                  f"({posixpath.relpath(d.path, '.')})" for d in downloads]
        lines += ["", "</div>"]
    return "\n".join(lines) + "\n"
