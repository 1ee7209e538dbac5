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

from pydantic import (
    BaseModel, ConfigDict, Field, PlainValidator, StringConstraints, ValidationInfo, WithJsonSchema, field_validator,
    model_validator,
)

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
LegalCode = Literal["CCP", "CGCT", "CE", "CU", "CCH", "CVR", "CR", "CSP", "CRPM"]
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
LEGAL_CODE_LABELS = {
    "CCP": "code de la commande publique",
    "CGCT": "code général des collectivités territoriales",
    "CE": "code de l'environnement",
    "CU": "code de l'urbanisme",
    "CCH": "code de la construction et de l'habitation",
    "CVR": "code de la voirie routière",
    "CR": "code de la route",
    "CSP": "code de la santé publique",
    "CRPM": "code rural et de la pêche maritime",
}
# An article number as Légifrance writes it: « R2122-8 », « L211-7 », « R*431-2 », « L2122-22 4° ».
# Each code's own format (how many digits) is checked in references.py.
ArticleNumber = Annotated[str, StringConstraints(pattern=r"^[LRD]\*?\.? ?\d{3,4}-\d+(-\d+){0,2}( \d+°)?$")]
HttpsUrl = Annotated[str, StringConstraints(pattern=r"^https://\S+$", max_length=500)]


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


class Coordinate(Strict):
    """One way to reach a contact, with where it comes from: never invented, always sourced."""

    value: Text = Field(alias="valeur")
    # How to use it, e.g. « Standard du Département — demandez la Mission Ingénierie des Territoires ».
    label: Optional[ShortText] = Field(None, alias="libelle")
    source: Text
    reliability: Reliability = Field("haute", alias="fiabilite")
    # A coordinate taken from an older document is checked again by this date (mitkb check).
    check_by: Optional[dt.date] = Field(None, alias="a_verifier_le")


class EmailCoordinate(Coordinate):
    value: Annotated[str, StringConstraints(pattern=r"^[^@\s<>]+@[^@\s<>]+\.[a-z]{2,}$")] = Field(alias="valeur")


class PhoneCoordinate(Coordinate):
    value: Annotated[str, StringConstraints(pattern=r"^\+?[0-9 .]{10,20}$")] = Field(alias="valeur")


class WebsiteCoordinate(Coordinate):
    value: Annotated[str, StringConstraints(pattern=r"^https://\S+$")] = Field(alias="valeur")


class Contact(Strict):
    id: Id
    name: ShortText = Field(alias="nom")
    function: Optional[ShortText] = Field(None, alias="fonction")
    organisation: Optional[ShortText] = Field(None, alias="organisme")
    description: Optional[Text] = None
    email_entry: Optional[EmailCoordinate] = Field(None, alias="courriel")
    phone_entry: Optional[PhoneCoordinate] = Field(None, alias="telephone")
    address_entry: Optional[Coordinate] = Field(None, alias="adresse")
    website_entry: Optional[WebsiteCoordinate] = Field(None, alias="site")

    @property
    def email(self) -> Optional[str]:
        return self.email_entry.value if self.email_entry else None

    @property
    def phone(self) -> Optional[str]:
        return self.phone_entry.value if self.phone_entry else None

    @property
    def address(self) -> Optional[str]:
        return self.address_entry.value if self.address_entry else None

    @property
    def website(self) -> Optional[str]:
        return self.website_entry.value if self.website_entry else None

    def coordinates(self) -> list[tuple[str, Coordinate]]:
        """(YAML key, coordinate) of every channel given, phone first."""
        entries = (("telephone", self.phone_entry), ("courriel", self.email_entry),
                   ("adresse", self.address_entry), ("site", self.website_entry))
        return [(key, entry) for key, entry in entries if entry is not None]


class ContactsFile(Strict):
    contacts: list[Contact] = Field(min_length=1)


def end_after_start(end: Optional[dt.date], info: ValidationInfo) -> Optional[dt.date]:
    """A period's end (au) is not before its start (du)."""
    start = info.data.get("start")
    if end is not None and start is not None and end < start:
        raise ValueError("la date de fin (au) précède la date de début (du)")
    return end


class ThresholdValue(Strict):
    amount: int = Field(alias="montant", gt=0)
    start: dt.date = Field(alias="du")
    end: Optional[dt.date] = Field(None, alias="au")
    source: Text
    reliability: Reliability = Field("haute", alias="fiabilite")

    _end_after_start = field_validator("end")(end_after_start)


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


def article_number(article: str) -> str:
    """The bare article number: « L. 2122-22 4° » → « L2122-22 », « R*431-2 » → « R431-2 »."""
    head = re.sub(r"\s+\d+°$", "", article.strip())
    return re.sub(r"[.*\s]", "", head)


class Source(Strict):
    """One source of a guide: an article of a code (code, article, objet) or a public
    document (titre, editeur, date, url). Shown as « Textes de référence »."""

    code: Optional[LegalCode] = None
    article: Optional[ArticleNumber] = None
    subject: Optional[ShortText] = Field(None, alias="objet")
    title: Optional[ShortText] = Field(None, alias="titre")
    publisher: Optional[ShortText] = Field(None, alias="editeur")
    date: Optional[dt.date] = None
    url: Optional[HttpsUrl] = None

    @model_validator(mode="after")
    def _one_kind(self) -> "Source":
        legal = self.code is not None or self.article is not None
        document = any(v is not None for v in (self.title, self.publisher, self.date, self.url))
        if legal and document:
            raise ValueError(
                "une source est soit un article de code (code, article, objet), soit un document "
                "(titre, editeur, date, url), pas les deux"
            )
        if legal and (self.code is None or self.article is None):
            raise ValueError("un article de code s'écrit avec « code » et « article » (et « objet »)")
        if not legal and None in (self.title, self.publisher, self.date, self.url):
            raise ValueError("un document s'écrit avec « titre », « editeur », « date » et « url »")
        return self

    @property
    def is_legal(self) -> bool:
        return self.code is not None

    @property
    def number(self) -> str:
        return article_number(self.article or "")


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
    sources: list[Source] = Field(default_factory=list)
    referent: Id
    reviewed: dt.date = Field(alias="relu_le")
    next_review: dt.date = Field(alias="prochaine_relecture")
    history: list[ChangeNote] = Field(default_factory=list, alias="historique")

    _next_review_after = field_validator("next_review")(_after_review)


class LegalBasis(Strict):
    code: LegalCode
    article: ArticleNumber
    subject: Optional[ShortText] = Field(None, alias="objet")

    @property
    def number(self) -> str:
        """The article number without the paragraph (« L2122-22 4° » → « L2122-22 »)."""
        return article_number(self.article)


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
