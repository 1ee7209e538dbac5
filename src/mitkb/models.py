"""The content model: one typed model per kind, the single source of truth.

YAML keys are French (the language of the people who write them); Python
attribute names are English. Validation is strict: unknown keys, wrong types and
empty text are errors. Cross-file references are checked in ``references.py``.
The JSON Schema files in ``schemas/`` are generated from these models.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Literal, Optional

from pydantic import BaseModel, ConfigDict, Field, PlainValidator, StringConstraints, ValidationInfo, WithJsonSchema, field_validator

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
ShortText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
Id = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", max_length=80)]
FieldId = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$", max_length=60)]
Slug = Id

Audience = Literal["communes", "epci"]
Phase = Literal[
    "besoins",
    "faisabilite-technique",
    "faisabilite-juridique",
    "faisabilite-financiere",
    "montage",
    "passation",
    "execution",
    "suivi",
]
Procedure = Literal["sans-publicite", "mapa", "formalisee"]
LegalCode = Literal["CCP", "CGCT"]
Reliability = Literal["haute", "moyenne"]
DomainType = Literal["domaine", "theme"]
ContractNature = Literal["travaux", "fournitures-services", "innovant", "tous"]
# How a template prints (src/mitkb/documents/layouts.py holds what each one means).
DocumentForm = Literal["courrier", "deliberation", "decision", "arrete", "rapport", "reglement", "avis"]
# Where a section of a template prints; the roles each form accepts are in layouts.py.
SectionRole = Literal[
    "corps", "expediteur", "destinataire", "lieu_date", "objet", "signature",
    "expose", "visas", "article", "mentions", "preambule",
]
# What a field holds: decides the input of the online form and how its value is written.
FieldType = Literal["texte", "texte_long", "date", "montant", "nombre", "heure"]

AUDIENCE_LABELS = {"communes": "Communes", "epci": "Intercommunalités (EPCI)"}
PHASE_LABELS = {
    "besoins": "Définition des besoins",
    "faisabilite-technique": "Faisabilité technique",
    "faisabilite-juridique": "Faisabilité juridique",
    "faisabilite-financiere": "Faisabilité financière",
    "montage": "Montage de l'opération",
    "passation": "Passation des marchés",
    "execution": "Exécution",
    "suivi": "Suivi et évaluation",
}
PROCEDURE_LABELS = {
    "sans-publicite": "Marché sans publicité ni mise en concurrence préalables",
    "mapa": "Marché à procédure adaptée (MAPA)",
    "formalisee": "Procédure formalisée (appel d'offres…)",
}
LEGAL_CODE_LABELS = {"CCP": "code de la commande publique", "CGCT": "code général des collectivités territoriales"}


class Strict(BaseModel):
    """Base of every content model: unknown keys are errors, YAML keys are aliases."""

    model_config = ConfigDict(extra="forbid", strict=True, populate_by_name=False, frozen=True)


def _after_review(next_review: dt.date, info: ValidationInfo) -> dt.date:
    reviewed = info.data.get("reviewed")
    if reviewed is not None and next_review <= reviewed:
        raise ValueError(
            f"la prochaine relecture ({next_review.isoformat()}) doit être postérieure "
            f"à la date de relecture ({reviewed.isoformat()})"
        )
    return next_review


# --- data/ -----------------------------------------------------------------


class Domain(Strict):
    id: Id
    label: ShortText = Field(alias="libelle")
    type: DomainType
    description: Text


class DomainsFile(Strict):
    domains: list[Domain] = Field(alias="domaines", min_length=1)


class Figure(Strict):
    id: Id
    value: int | float = Field(alias="valeur")
    unit: Optional[ShortText] = Field(None, alias="unite")
    prefix: Optional[Literal["+", "-", "−"]] = Field(None, alias="prefixe")
    label: Text = Field(alias="libelle")
    period: ShortText = Field(alias="periode")
    source: Text
    reliability: Reliability = Field("haute", alias="fiabilite")


class FiguresFile(Strict):
    figures: list[Figure] = Field(alias="chiffres", min_length=1)


class Contact(Strict):
    id: Id
    name: ShortText = Field(alias="nom")
    function: Optional[ShortText] = Field(None, alias="fonction")
    organisation: Optional[ShortText] = Field(None, alias="organisme")
    description: Optional[Text] = None
    email: Optional[Annotated[str, StringConstraints(pattern=r"^[^@\s<>]+@[^@\s<>]+\.[a-z]{2,}$")]] = Field(
        None, alias="courriel"
    )
    phone: Optional[Annotated[str, StringConstraints(pattern=r"^\+?[0-9 .]{10,20}$")]] = Field(
        None, alias="telephone"
    )
    address: Optional[Text] = Field(None, alias="adresse")
    website: Optional[Annotated[str, StringConstraints(pattern=r"^https://\S+$")]] = Field(None, alias="site")


class ContactsFile(Strict):
    contacts: list[Contact] = Field(min_length=1)


class ThresholdValue(Strict):
    amount: int = Field(alias="montant", gt=0)
    start: dt.date = Field(alias="du")
    end: Optional[dt.date] = Field(None, alias="au")
    source: Text
    reliability: Reliability = Field("haute", alias="fiabilite")

    @field_validator("end")
    @classmethod
    def _end_after_start(cls, end: Optional[dt.date], info: ValidationInfo) -> Optional[dt.date]:
        start = info.data.get("start")
        if end is not None and start is not None and end < start:
            raise ValueError("la date de fin (au) précède la date de début (du)")
        return end


class Threshold(Strict):
    id: Id
    label: Text = Field(alias="libelle")
    rule: Text = Field(alias="regle")
    nature: ContractNature
    direction: Literal["plafond", "plancher"] = Field(alias="sens")
    values: list[ThresholdValue] = Field(alias="valeurs", min_length=1)

    @field_validator("values")
    @classmethod
    def _no_overlap(cls, values: list[ThresholdValue]) -> list[ThresholdValue]:
        ordered = sorted(values, key=lambda v: v.start)
        for before, after in zip(ordered, ordered[1:]):
            if before.end is None or before.end >= after.start:
                raise ValueError(
                    f"périodes qui se chevauchent : la valeur du {before.start.isoformat()} "
                    f"doit se terminer (au) avant le {after.start.isoformat()}"
                )
        return values


class ThresholdsFile(Strict):
    thresholds: list[Threshold] = Field(alias="seuils", min_length=1)


class Term(Strict):
    term: ShortText = Field(alias="terme")
    long_form: Optional[ShortText] = Field(None, alias="forme_longue")
    definition: Text


class GlossaryFile(Strict):
    terms: list[Term] = Field(alias="termes", min_length=1)


# --- guides/ ---------------------------------------------------------------


class Step(Strict):
    phase: Phase
    title: ShortText = Field(alias="titre")
    text: Text = Field(alias="texte")


class Actor(Strict):
    name: ShortText = Field(alias="nom")
    role: Text


class ChangeNote(Strict):
    """One entry of a page's public change history (« Quoi de neuf » and the RSS feed)."""

    date: dt.date
    note: ShortText

    @field_validator("note")
    @classmethod
    def _one_line(cls, note: str) -> str:
        if "\n" in note:
            raise ValueError("la note tient en une seule ligne (une phrase courte)")
        return note


class Guide(Strict):
    """A methodology guide (guides/methodes/<slug>.yml)."""

    title: ShortText = Field(alias="titre")
    domain: Id = Field(alias="domaine")
    themes: list[Id] = Field(default_factory=list)
    audience: list[Audience] = Field(alias="public", min_length=1)
    summary: Text = Field(alias="en_bref")
    steps: list[Step] = Field(alias="etapes", min_length=1)
    actors: list[Actor] = Field(alias="acteurs", min_length=1)
    vigilance: list[Text] = Field(min_length=1)
    templates: list[Slug] = Field(default_factory=list, alias="modeles")
    workshops: list[Slug] = Field(default_factory=list, alias="ateliers")
    referent: Id
    reviewed: dt.date = Field(alias="relu_le")
    next_review: dt.date = Field(alias="prochaine_relecture")
    history: list[ChangeNote] = Field(default_factory=list, alias="historique")

    _next_review_after = field_validator("next_review")(_after_review)


class LegalBasis(Strict):
    code: LegalCode
    article: Annotated[str, StringConstraints(pattern=r"^[LRD]\.? ?\d{4}-\d+(-\d+)?( \d+°)?$")]
    subject: Optional[ShortText] = Field(None, alias="objet")

    @property
    def number(self) -> str:
        """The article number without the paragraph (« L2122-22 4° » → « L2122-22 »)."""
        return self.article.split(" ")[0].replace(".", "")


class FillField(Strict):
    id: FieldId
    label: ShortText = Field(alias="libelle")
    help: Optional[Text] = Field(None, alias="aide")
    example: Optional[ShortText] = Field(None, alias="exemple")
    type: Optional[FieldType] = None  # None: « texte », or the type its form gives it


class Section(Strict):
    title: ShortText = Field(alias="titre")
    role: SectionRole = "corps"
    text: Text = Field(alias="texte")
    notes: list[Text] = Field(default_factory=list, alias="notes_de_redaction")


class Template(Strict):
    """A procurement template (guides/modeles/<slug>.yml)."""

    title: ShortText = Field(alias="titre")
    form: DocumentForm = Field("rapport", alias="forme")  # sections print as numbered headings
    purpose: Text = Field(alias="objet")
    when: Text = Field(alias="quand")
    procedures: list[Procedure] = Field(min_length=1)
    thresholds: list[Id] = Field(default_factory=list, alias="seuils")
    legal_basis: list[LegalBasis] = Field(alias="base_legale", min_length=1)
    fields: list[FillField] = Field(alias="champs", min_length=1)
    body: list[Section] = Field(alias="corps", min_length=1)
    version: Annotated[str, StringConstraints(pattern=r"^\d+(\.\d+){0,2}$")]
    superseded_by: Optional[Slug] = Field(None, alias="remplace_par")
    referent: Id
    reviewed: dt.date = Field(alias="relu_le")
    next_review: dt.date = Field(alias="prochaine_relecture")
    history: list[ChangeNote] = Field(default_factory=list, alias="historique")

    _next_review_after = field_validator("next_review")(_after_review)


def _event_date(value: object) -> dt.date | str:
    """A full date (YAML date) or a month when the day is not known (« 2024-10 »)."""
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    if isinstance(value, str) and re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])", value):
        return value
    raise ValueError(
        "date attendue au format AAAA-MM-JJ, ou AAAA-MM si le jour n'est pas connu"
    )


EventDate = Annotated[
    object,
    PlainValidator(_event_date),
    WithJsonSchema(
        {"anyOf": [{"type": "string", "format": "date"}, {"type": "string", "pattern": r"^\d{4}-(0[1-9]|1[0-2])$"}]}
    ),
]


class Workshop(Strict):
    """A workshop write-up of the réseau Commande publique (guides/ateliers/<slug>.yml)."""

    title: ShortText = Field(alias="titre")
    date: EventDate
    place: Optional[ShortText] = Field(None, alias="lieu")
    themes: list[Id] = Field(min_length=1)
    summary: Text = Field(alias="resume")
    takeaways: list[Text] = Field(alias="enseignements", min_length=1)
    next_steps: list[Text] = Field(alias="suites", min_length=1)
    guides: list[Slug] = Field(default_factory=list, alias="methodes")
    templates: list[Slug] = Field(default_factory=list, alias="modeles")
    history: list[ChangeNote] = Field(default_factory=list, alias="historique")

    @property
    def sort_key(self) -> str:
        return self.date.isoformat() if isinstance(self.date, dt.date) else self.date


KIND_MODELS: dict[str, type[Strict]] = {"methodes": Guide, "modeles": Template, "ateliers": Workshop}
DATA_MODELS: dict[str, type[Strict]] = {
    "domaines": DomainsFile,
    "chiffres": FiguresFile,
    "contacts": ContactsFile,
    "seuils": ThresholdsFile,
    "glossaire": GlossaryFile,
}
SLUG_PATTERN = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
