"""The rules of the procedure tool (data/procedures.yml): wording, article, source, period.

Amounts are not here: they come from data/seuils.yml. The file is loaded and validated
like the other data files (errors in French, at their line and column); the tool
expects a fixed set of rule ids, and a missing one is an error of the file.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Optional

from pydantic import Field, StringConstraints, field_validator

from ..errors import ContentError, relative_path
from ..models import Id, LegalBasis, Reliability, ShortText, Strict, Text, end_after_start
from ..validation import validate_model
from ..yaml_loader import YamlLoadError, load_yaml_file

RULES_FILE = "data/procedures.yml"
# Thresholds of data/seuils.yml the tool reads (a missing one is reported against this file).
THRESHOLD_IDS = (
    "sans-publicite-travaux", "sans-publicite-fournitures-services", "sans-publicite-innovant",
    "procedure-formalisee-travaux", "procedure-formalisee-fournitures-services",
    "petit-lot-travaux", "petit-lot-fournitures-services",
    "publicite-boamp-jal", "gratuite-dce", "donnees-essentielles",
)
# Rules the decision refers to by id.
RULE_IDS = (
    "procedure-dispense", "procedure-dispense-lot", "procedure-dispense-innovant",
    "procedure-mapa", "procedure-mapa-petit-lot", "procedure-mapa-sss", "procedure-formalisee",
    "publicite-aucune", "publicite-adaptee", "publicite-boamp-jal", "publicite-europeenne",
    "publicite-sss-europeenne", "publicite-petit-lot",
    "gratuite-dce", "donnees-essentielles",
    "information-rejet", "motifs-mapa", "information-formalisee", "delai-attente",
    "criteres",
)

Article = Annotated[str, StringConstraints(pattern=r"^[LRD]\d{4}-\d+(-\d+)?( \d+°)?$")]


class Rule(Strict):
    id: Id
    article: Article
    title: ShortText = Field(alias="titre")
    text: Text = Field(alias="texte")
    start: dt.date = Field(alias="du")
    end: Optional[dt.date] = Field(None, alias="au")
    source: Text
    reliability: Reliability = Field("haute", alias="fiabilite")

    _end_after_start = field_validator("end")(end_after_start)

    def in_force(self, day: dt.date) -> bool:
        return self.start <= day and (self.end is None or day <= self.end)

    @property
    def basis(self) -> LegalBasis:
        return LegalBasis.model_validate({"code": "CCP", "article": self.article})


class ValuationQuestion(Strict):
    question: Text
    help: Text = Field(alias="aide")
    article: Article


class ProceduresFile(Strict):
    rules: list[Rule] = Field(alias="regles", min_length=1)
    valuation: list[ValuationQuestion] = Field(alias="estimation", min_length=1)


@dataclass(frozen=True)
class ProcedureRules:
    """The validated rules, by id, and the valuation questions."""

    rules: dict[str, tuple[Rule, ...]]  # id → its versions (periods), in date order
    valuation: tuple[ValuationQuestion, ...]
    source: str = RULES_FILE

    def in_force(self, rule_id: str, day: dt.date) -> Rule | None:
        return next((rule for rule in self.rules[rule_id] if rule.in_force(day)), None)

    def dates(self) -> set[dt.date]:
        """Every day on which a rule starts or stops applying."""
        days = set()
        for versions in self.rules.values():
            for rule in versions:
                days.add(rule.start)
                if rule.end is not None:
                    days.add(rule.end + dt.timedelta(days=1))
        return days


def load_rules(root: Path, thresholds: dict, broken: set[str] = frozenset()) -> tuple[ProcedureRules | None, list[ContentError]]:
    """The rules of data/procedures.yml, or (None, []) when the project has no such file
    (then the site has no procedure tool). Errors are located and in French."""
    path = Path(root) / RULES_FILE
    if not path.is_file():
        return None, []
    display = relative_path(path, root)
    try:
        loaded = load_yaml_file(path, display)
    except YamlLoadError as exc:
        return None, list(exc.errors)
    instance, found = validate_model(ProceduresFile, loaded.data, loaded.positions, display)
    errors = list(found)
    raw_rules = loaded.data.get("regles") if isinstance(loaded.data, dict) else None
    ids = {rule.get("id") for rule in raw_rules if isinstance(rule, dict)} if isinstance(raw_rules, list) else set()
    for rule_id in RULE_IDS:
        if rule_id not in ids:
            errors.append(ContentError(
                display, 1, 1, f"règle « {rule_id} » manquante",
                hint="L'outil « Quelle procédure ? » en a besoin : ajoutez-la à la liste regles, "
                     "avec son article, sa source et sa période.",
            ))
    for threshold_id in THRESHOLD_IDS:
        if threshold_id not in thresholds and "data/seuils.yml" not in broken:
            errors.append(ContentError(
                display, 1, 1, f"seuil « {threshold_id} » absent de data/seuils.yml",
                hint="L'outil « Quelle procédure ? » lit ce seuil : ajoutez-le dans data/seuils.yml.",
            ))
    if instance is None:
        return None, errors
    by_id: dict[str, list[Rule]] = {}
    for index, rule in enumerate(instance.rules):
        versions = by_id.setdefault(rule.id, [])
        overlapping = [other for other in versions if other.start <= (rule.end or dt.date.max)
                       and rule.start <= (other.end or dt.date.max)]
        if overlapping:
            line, column = loaded.positions.of_value(("regles", index))
            errors.append(ContentError(
                display, line, column,
                f"la règle « {rule.id} » a deux versions en vigueur le même jour ({rule.start.isoformat()})",
                hint="Terminez la version précédente (au) la veille du début (du) de la nouvelle.",
            ))
        versions.append(rule)
    if errors:
        return None, errors
    rules = {rule_id: tuple(sorted(versions, key=lambda r: r.start)) for rule_id, versions in by_id.items()}
    return ProcedureRules(rules, tuple(instance.valuation), display), []
