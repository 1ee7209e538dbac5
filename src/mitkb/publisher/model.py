"""The model of ``data/site.yml`` and its loading, with located errors."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

from pydantic import Field

from ..errors import ContentError
from ..models import Id, Reliability, ShortText, Strict, Text
from ..validation import validate_model
from ..yaml_loader import YamlLoadError, load_yaml_file

SITE_FILE = "data/site.yml"


class Party(Strict):
    """A legal person the mentions légales name (publisher, host)."""

    name: ShortText = Field(alias="nom")
    service: Optional[ShortText] = None
    address: Optional[Text] = Field(None, alias="adresse")
    # Left empty (~) while unknown: `mitkb check` reports it, never invented.
    phone: Optional[ShortText] = Field(None, alias="telephone")
    phone_label: Optional[ShortText] = Field(None, alias="telephone_libelle")
    source: Text
    reliability: Reliability = Field("haute", alias="fiabilite")


class Director(Strict):
    name: ShortText = Field(alias="nom")
    function: ShortText = Field(alias="fonction")
    since: Optional[int] = Field(None, alias="depuis", ge=1900, le=2100)
    source: Text
    reliability: Reliability = Field("haute", alias="fiabilite")


class SiteFacts(Strict):
    """Everything the site says about itself (data/site.yml)."""

    publisher: Party = Field(alias="editeur")
    director: Director = Field(alias="directeur_publication")
    host: Party = Field(alias="hebergeur")
    # The contact whose channel every « Votre contact » box falls back on (data/contacts.yml).
    main_contact: Id = Field(alias="contact_principal")
    # A decision nobody has recorded yet stays empty (~): `mitkb check` reports it.
    templates_licence: Optional[Text] = Field(None, alias="licence_modeles")


# Fields the law asks for or a decision the MIT must record: empty means « to fill ».
REQUIRED_WHEN_EMPTY = {
    ("editeur", "adresse"): "adresse de l'éditeur (LCEN, art. 6 III)",
    ("editeur", "telephone"): "téléphone de l'éditeur (LCEN, art. 6 III)",
    ("hebergeur", "adresse"): "adresse de l'hébergeur (LCEN, art. 6 III)",
    ("hebergeur", "telephone"): "téléphone de l'hébergeur (LCEN, art. 6 III)",
    ("licence_modeles",): "licence de réutilisation des modèles de documents (décision de la MIT)",
}


def load_site_facts(root: Path) -> tuple[SiteFacts | None, list[ContentError], object]:
    """(facts, errors, positions); (None, [], None) when the project has no data/site.yml."""
    path = Path(root) / SITE_FILE
    if not path.is_file():
        return None, [], None
    try:
        loaded = load_yaml_file(path, SITE_FILE)
    except YamlLoadError as exc:
        return None, list(exc.errors), None
    facts, errors = validate_model(SiteFacts, loaded.data, loaded.positions, SITE_FILE)
    return facts, errors, loaded


def site_facts_warnings(root: Path) -> list[ContentError]:
    """The fields of data/site.yml still to fill: warnings, errors under --relecture-stricte."""
    facts, errors, loaded = load_site_facts(root)
    if facts is None or errors:
        return []
    warnings = []
    for path, what in REQUIRED_WHEN_EMPTY.items():
        value = loaded.data
        for key in path:
            value = value.get(key) if isinstance(value, dict) else None
        if value in (None, ""):
            line, column = loaded.positions.of_key(path)
            warnings.append(ContentError(
                SITE_FILE, line, column, f"valeur vide : {what}", ".".join(path),
                "Renseignez cette valeur avec sa source quand elle est connue ; d'ici là, la page "
                "dit qu'elle n'est pas renseignée.",
            ))
    return warnings


def attach_site_facts(root: Path, site, errors) -> None:
    """Called once by the content loader, after data/contacts.yml: site.site_facts."""
    facts, found, loaded = load_site_facts(root)
    errors.extend(found)
    if facts is not None and facts.main_contact not in site.contacts and "data/contacts.yml" not in site.broken_data:
        line, column = loaded.positions.of_value(("contact_principal",))
        errors.add(ContentError(SITE_FILE, line, column, f"contact inconnu « {facts.main_contact} »",
                                "contact_principal", "Les valeurs possibles sont dans data/contacts.yml."))
        facts = None
    site.site_facts = facts


def coordinates_to_check(site, today) -> list[ContentError]:
    """Contact coordinates whose « a_verifier_le » date has passed."""
    data_file = site.data_files.get("contacts")
    warnings = []
    for index, contact in enumerate(site.contacts.values()):
        for key, coordinate in contact.coordinates():
            if coordinate.check_by is not None and coordinate.check_by < today:
                path = ("contacts", index, key, "a_verifier_le")
                line, column = data_file.positions.of_value(path) if data_file else (0, 0)
                warnings.append(ContentError(
                    "data/contacts.yml", line, column,
                    f"coordonnée à vérifier depuis le {coordinate.check_by.isoformat()}",
                    f"contacts.{contact.id}.{key}",
                    "Vérifiez-la auprès de sa source, puis reportez la date « a_verifier_le ».",
                ))
    return warnings


