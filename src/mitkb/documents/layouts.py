"""What each document form (``forme:`` in a template) means.

A template's sections keep the structure its authors chose; the form decides how
they print. Each form accepts some section roles (``role:``), may require some of
them, and brings the fields its printed layout uses itself (the heading of a
délibération, the place and date of a décision): those are added to the
template's fields unless the template declares them, in which case its label,
help and type win.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..models import FillField


def _field(field_id: str, label: str, type_: str = "texte", help_: str | None = None) -> FillField:
    data = {"id": field_id, "libelle": label, "type": type_}
    if help_:
        data["aide"] = help_
    return FillField.model_validate(data)


@dataclass(frozen=True)
class Form:
    id: str
    label: str  # what the author and the reader see: « Courrier »
    roles: tuple[str, ...]  # the section roles this form accepts
    required_roles: tuple[str, ...] = ()
    fields: tuple[FillField, ...] = field(default_factory=tuple)  # printed by the layout itself
    verb: str = ""  # « décide », « arrête »: the word before the articles
    numbered_headings: bool = False  # sections print as « 1. Titre »
    articles_from_sections: bool = False  # every « corps » section is an « Article N – Titre »
    table_of_contents: bool = False


COLLECTIVITE = _field("nom_collectivite", "Nom de la collectivité", help_="Nom officiel, par exemple « Commune de … ».")
MAIRE = _field("nom_maire", "Prénom et nom du maire", help_="Ou de l'adjoint qui signe par délégation, avec sa qualité.")
LIEU = _field("lieu_signature", "Lieu de signature", help_="Nom de la commune où le document est signé.")

DELIBERATION_FIELDS = (
    COLLECTIVITE,
    _field("numero_deliberation", "Numéro de la délibération",
           help_="Numéro d'ordre dans le registre des délibérations de l'année."),
    _field("date_seance", "Date de la séance du conseil municipal", "date"),
    _field("date_convocation", "Date d'envoi de la convocation", "date"),
    _field("nom_maire", "Prénom et nom du président de séance",
           help_="Le maire, ou l'adjoint qui préside la séance."),
    _field("nb_membres_exercice", "Nombre de conseillers municipaux en exercice", "nombre"),
    _field("nb_presents", "Nombre de conseillers présents", "nombre"),
    _field("nb_representes", "Nombre de conseillers représentés (pouvoirs)", "nombre"),
    _field("nb_votants", "Nombre de votants", "nombre", "Conseillers présents et conseillers représentés."),
    _field("nb_pour", "Nombre de voix pour", "nombre"),
    _field("nb_contre", "Nombre de voix contre", "nombre"),
    _field("nb_abstentions", "Nombre d'abstentions", "nombre"),
    _field("secretaire_seance", "Prénom et nom du ou des secrétaires de séance"),
)

FORMS: dict[str, Form] = {
    "courrier": Form(
        "courrier", "Courrier",
        roles=("expediteur", "destinataire", "lieu_date", "objet", "corps", "signature"),
        required_roles=("destinataire", "objet", "signature"),
    ),
    "deliberation": Form(
        "deliberation", "Délibération",
        roles=("objet", "expose", "corps", "visas", "article", "mentions"),
        required_roles=("objet", "article"),
        fields=DELIBERATION_FIELDS,
        verb="décide",
    ),
    "decision": Form(
        "decision", "Décision",
        roles=("objet", "corps", "visas", "article", "mentions"),
        required_roles=("objet", "article"),
        fields=(COLLECTIVITE, _field("numero_decision", "Numéro de la décision"), MAIRE, LIEU,
                _field("date_decision", "Date de la décision", "date")),
        verb="décide",
    ),
    "arrete": Form(
        "arrete", "Arrêté",
        roles=("objet", "corps", "visas", "article", "mentions"),
        required_roles=("objet", "article"),
        fields=(COLLECTIVITE, _field("numero_arrete", "Numéro de l'arrêté"), MAIRE, LIEU,
                _field("date_arrete", "Date de l'arrêté", "date")),
        verb="arrête",
    ),
    "rapport": Form(
        "rapport", "Rapport",
        roles=("corps", "signature"),
        fields=(COLLECTIVITE,),
        numbered_headings=True,
    ),
    "reglement": Form(
        "reglement", "Règlement",
        roles=("preambule", "corps"),
        fields=(COLLECTIVITE,),
        articles_from_sections=True,
        table_of_contents=True,
    ),
    "avis": Form(
        "avis", "Avis",
        roles=("corps",),
        fields=(COLLECTIVITE,),
        numbered_headings=True,
    ),
}

ROLE_LABELS = {
    "corps": "texte",
    "expediteur": "bloc de l'expéditeur",
    "destinataire": "bloc du destinataire",
    "lieu_date": "lieu et date",
    "objet": "objet",
    "signature": "bloc de signature",
    "expose": "exposé",
    "visas": "visas et considérants",
    "article": "article numéroté",
    "mentions": "mentions finales (voies de recours…)",
    "preambule": "préambule (avant l'article 1)",
}


def effective_fields(template) -> list[FillField]:
    """The template's fields, with its form's own fields first when it does not declare them.

    A declared field keeps its label, help and example; its type, when not given,
    is the form's (a délibération's « date_seance » is a date).
    """
    form = FORMS[template.form]
    declared = {f.id: f for f in template.fields}
    result = []
    for standard in form.fields:
        if standard.id not in declared:
            result.append(standard)
    for fill in template.fields:
        standard = next((f for f in form.fields if f.id == fill.id), None)
        if fill.type is None and standard is not None and standard.type is not None:
            fill = fill.model_copy(update={"type": standard.type})
        result.append(fill)
    return result


def field_type(fill: FillField) -> str:
    return fill.type or "texte"


def layout_errors(template) -> list[tuple[tuple, str, str]]:
    """(path, message, hint) for every section role the form does not accept or lacks."""
    form = FORMS[template.form]
    errors = []
    accepted = ", ".join(form.roles)
    for index, section in enumerate(template.body):
        if section.role not in form.roles:
            errors.append((
                ("corps", index, "role"),
                f"rôle « {section.role} » impossible dans un document de forme « {form.id} »",
                f"Rôles possibles pour cette forme : {accepted}.",
            ))
    present = {section.role for section in template.body}
    for role in form.required_roles:
        if role not in present:
            errors.append((
                ("corps",),
                f"il manque une section de rôle « {role} » ({ROLE_LABELS[role]}) pour la forme « {form.id} »",
                f"Ajoutez une section avec « role: {role} ».",
            ))
    return errors
