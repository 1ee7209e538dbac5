"""Macros of the legal pages and of « Solliciter la MIT », from data/site.yml and data/contacts.yml."""

from __future__ import annotations

from ..markup import channel_lines, md_text, tel_uri
from .model import SITE_FILE
from .request_page import main_contact

NOT_GIVEN = "non renseigné"


def _facts(site):
    from ..facts import MacroError

    facts = getattr(site, "site_facts", None)
    if facts is None:
        raise MacroError(f"{SITE_FILE} manquant ou invalide",
                         f"Créez {SITE_FILE} (éditeur, directeur de la publication, hébergeur).", needle="")
    return facts


def party_block(party) -> str:
    """Name, address and phone of the publisher or the host, one per line (Markdown)."""
    name = md_text(party.name) + (f" — {md_text(party.service)}" if party.service else "")
    lines = [f"**{name}**  "]
    lines.append(f"Adresse : {md_text(party.address) if party.address else NOT_GIVEN}  ")
    if party.phone:
        phone = f"[{md_text(party.phone)}]({tel_uri(party.phone)})"
        lines.append(f"Téléphone : {phone}" + (f" ({md_text(party.phone_label)})" if party.phone_label else "") + "  ")
    else:
        lines.append(f"Téléphone : {NOT_GIVEN}  ")
    lines.append(f"<small>Source : {md_text(party.source)}</small>")
    return "\n".join(lines)


def director_line(director) -> str:
    text = f"{md_text(director.name)}, {md_text(director.function)}"
    if director.since:
        text += f" (depuis {director.since})"
    return text


def licence_text(facts) -> str:
    if facts.templates_licence:
        return md_text(facts.templates_licence)
    return ("Les conditions de réutilisation des modèles de documents n'ont pas encore été fixées par la "
            "Mission Ingénierie des Territoires : pour toute question à ce sujet, interrogez-la.")


def channel_block(site) -> str:
    """How to reach the MIT: the main contact's channels, with their sources."""
    contact = main_contact(site)
    if contact is None:
        _facts(site)
    lines = channel_lines(contact, sources=True)
    return "\n".join(lines) if lines else "Aucune coordonnée n'est encore publiée."


def publisher_macros(site) -> dict:
    return {
        "editeur": lambda: party_block(_facts(site).publisher),
        "hebergeur": lambda: party_block(_facts(site).host),
        "directeur_publication": lambda: director_line(_facts(site).director),
        "licence_modeles": lambda: licence_text(_facts(site)),
        "canal_mit": lambda: channel_block(site),
    }
