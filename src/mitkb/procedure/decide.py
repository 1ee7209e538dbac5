"""Which procedure, publicity and obligations apply to one purchase on one day.

The decision reads the thresholds of data/seuils.yml and the rules of
data/procedures.yml in force on the day the consultation starts; a threshold or a
rule without a value that day gives an honest « pas de données » answer, never a
guess. Amounts are compared as the code says: an obligation applies from the
threshold (« à partir de »), a dispense below it (« en dessous de »).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from decimal import Decimal

from ..facts import ThresholdInForce
from ..formatting import date_long
from ..models import Threshold
from .rules import ProcedureRules, Rule

NATURES = {"travaux": "Travaux", "fournitures": "Fournitures", "services": "Services"}
CASES = {
    "innovant": "Achat innovant",
    "sss": "Services sociaux et autres services spécifiques",
    "petit-lot": "Petit lot d'un marché alloti",
}
PROCEDURES = ("dispense", "mapa", "formalisee")
# Procedure of the verdict → the key of the templates' « procedures » list.
TEMPLATE_PROCEDURE = {"dispense": "sans-publicite", "mapa": "mapa", "formalisee": "formalisee"}


class QuestionError(ValueError):
    """The question cannot be answered as asked (French message for the user)."""


@dataclass(frozen=True)
class Part:
    """One rule of the answer and the amounts (with their periods) it depends on."""

    rule: Rule
    amounts: tuple[ThresholdInForce, ...] = ()

    @property
    def key(self) -> tuple:
        return (self.rule.id, self.rule.start, tuple((a.threshold.id, a.value.amount, a.value.start) for a in self.amounts))


@dataclass(frozen=True)
class Answer:
    procedure: str | None  # dispense, mapa, formalisee; None when there is no data for the day
    verdict: Part | None = None
    publicity: Part | None = None
    obligations: tuple[Part, ...] = ()
    criteria: Part | None = None
    missing: tuple[str, ...] = field(default=())  # what has no value that day (French)

    @property
    def key(self) -> tuple:
        parts = [self.verdict, self.publicity, *self.obligations, self.criteria]
        return (self.procedure, tuple(p.key if p else None for p in parts), self.missing)


def threshold_kind(nature: str) -> str:
    return "travaux" if nature == "travaux" else "fournitures-services"


def _in_force(threshold: Threshold | None, day: dt.date) -> ThresholdInForce | None:
    if threshold is None:
        return None
    for value in threshold.values:
        if value.start <= day and (value.end is None or day <= value.end):
            return ThresholdInForce(threshold, value)
    return None


def check_question(nature: str, amount: Decimal, case: str | None = None, lot: Decimal | None = None) -> None:
    """Raise QuestionError for a question that does not make sense."""
    if nature not in NATURES:
        raise QuestionError("Choisissez la nature de l'achat : travaux, fournitures ou services.")
    if case is not None and case not in CASES:
        raise QuestionError(f"Cas particulier inconnu « {case} ».")
    if case == "sss" and nature != "services":
        raise QuestionError("Les services sociaux et autres services spécifiques sont des services : "
                            "choisissez la nature « services ».")
    if amount <= 0:
        raise QuestionError("La valeur estimée doit être supérieure à zéro.")
    if case == "petit-lot":
        if lot is None:
            raise QuestionError("Indiquez aussi la valeur estimée du lot.")
        if lot <= 0:
            raise QuestionError("La valeur du lot doit être supérieure à zéro.")
        if lot > amount:
            raise QuestionError("La valeur du lot ne peut pas dépasser la valeur totale de tous les lots.")


def decide(thresholds: dict[str, Threshold], rules: ProcedureRules, nature: str, amount: Decimal | int,
           day: dt.date, case: str | None = None, lot: Decimal | int | None = None) -> Answer:
    """The answer for a purchase of `nature` whose estimated value (all lots) is `amount` € HT,
    whose consultation starts on `day`; for a small lot, `lot` is the lot's value."""
    amount = Decimal(amount)
    lot = Decimal(lot) if lot is not None else None
    check_question(nature, amount, case, lot)
    kind = threshold_kind(nature)
    wanted = {"dispense": f"sans-publicite-{kind}", "formal": f"procedure-formalisee-{kind}"}
    if case == "innovant":
        wanted["innovant"] = "sans-publicite-innovant"
    if case == "petit-lot":
        wanted["lot"] = f"petit-lot-{kind}"
    values = {key: _in_force(thresholds.get(tid), day) for key, tid in wanted.items()}
    missing = tuple(f"aucune valeur du seuil « {thresholds[tid].label} » ({thresholds[tid].rule}) "
                    f"n'est connue pour le {date_long(day)}"
                    for key, tid in wanted.items() if values[key] is None)
    if missing:
        return Answer(None, missing=missing)
    dispense, formal = values["dispense"], values["formal"]

    def amount_of(t: ThresholdInForce) -> int:
        return t.value.amount

    # -- the procedure ----------------------------------------------------------
    lot_route = False
    if case == "innovant":
        innovative = values["innovant"]
        if amount < amount_of(innovative):
            procedure, rule_id, cited = "dispense", "procedure-dispense-innovant", (innovative,)
        elif amount < amount_of(formal):
            procedure, rule_id, cited = "mapa", "procedure-mapa", (innovative, formal)
        else:
            procedure, rule_id, cited = "formalisee", "procedure-formalisee", (formal,)
    elif case == "sss":
        if amount < amount_of(dispense):
            procedure, rule_id, cited = "dispense", "procedure-dispense", (dispense,)
        else:
            procedure, rule_id, cited = "mapa", "procedure-mapa-sss", (dispense,)
    elif case == "petit-lot":
        small = values["lot"]
        if lot < amount_of(dispense):
            procedure, rule_id, cited = "dispense", "procedure-dispense-lot", (dispense,)
        elif amount < amount_of(formal):
            procedure, rule_id, cited = "mapa", "procedure-mapa", (formal,)
        elif lot < amount_of(small):
            procedure, rule_id, cited = "mapa", "procedure-mapa-petit-lot", (formal, small)
            lot_route = True
        else:
            procedure, rule_id, cited = "formalisee", "procedure-formalisee", (formal, small)
    else:
        if amount < amount_of(dispense):
            procedure, rule_id, cited = "dispense", "procedure-dispense", (dispense,)
        elif amount < amount_of(formal):
            procedure, rule_id, cited = "mapa", "procedure-mapa", (dispense, formal)
        else:
            procedure, rule_id, cited = "formalisee", "procedure-formalisee", (formal,)

    gaps: list[str] = []

    def part(rule_id: str, *amounts: ThresholdInForce | None) -> Part | None:
        rule = rules.in_force(rule_id, day)
        if rule is None:
            gaps.append(f"la règle « {rules.rules[rule_id][0].title} » ({rules.rules[rule_id][0].article}) "
                        f"n'est pas connue pour le {date_long(day)}")
            return None
        return Part(rule, tuple(a for a in amounts if a is not None))

    def threshold(tid: str) -> ThresholdInForce | None:
        found = _in_force(thresholds.get(tid), day)
        if found is None:
            gaps.append(f"aucune valeur du seuil « {thresholds[tid].label} » n'est connue pour le {date_long(day)}")
        return found

    verdict = part(rule_id, *cited)
    if verdict is None:
        return Answer(None, missing=tuple(gaps))

    # -- publicity ----------------------------------------------------------------
    if procedure == "dispense":
        publicity = part("publicite-aucune")
    elif procedure == "formalisee":
        publicity = part("publicite-europeenne", formal)
    elif lot_route:
        publicity = part("publicite-petit-lot")
    else:
        boamp = threshold("publicite-boamp-jal")
        if case == "sss" and amount >= amount_of(formal):
            publicity = part("publicite-sss-europeenne", formal)
        elif boamp is None:
            publicity = None
        elif amount < amount_of(boamp):
            publicity = part("publicite-adaptee", boamp)
        else:
            publicity = part("publicite-boamp-jal", boamp, formal)

    # -- obligations ------------------------------------------------------------------
    obligations: list[Part | None] = []
    contract_value = lot if case == "petit-lot" else amount  # each lot is a contract of its own
    if procedure in ("mapa", "formalisee") and not lot_route:
        free = threshold("gratuite-dce")
        if free is not None and amount >= amount_of(free):
            obligations.append(part("gratuite-dce", free))
    essential = threshold("donnees-essentielles")
    if essential is not None and contract_value >= amount_of(essential):
        obligations.append(part("donnees-essentielles", essential))
    if procedure == "mapa":
        obligations += [part("information-rejet"), part("motifs-mapa")]
    elif procedure == "formalisee":
        obligations += [part("information-rejet"), part("information-formalisee"), part("delai-attente")]

    criteria = None
    if procedure != "dispense":
        criteria = part("criteres")

    return Answer(procedure, verdict, publicity, tuple(p for p in obligations if p is not None), criteria,
                  missing=tuple(gaps))


# -- amounts typed by a French user ---------------------------------------------------

_SPACES = re.compile(r"[\s\u00a0\u202f]+")
_SUFFIX = re.compile(r" ?(€|euros?|eur)? ?(ht|h\.t\.)?$", re.IGNORECASE)
_GROUPED = re.compile(r"^\d{1,3}( \d{3})+(,\d{1,2})?$|^\d{1,3}(\.\d{3})+(,\d{1,2})?$")
_PLAIN = re.compile(r"^\d+([,.]\d{1,2})?$")


def parse_amount(text: str) -> Decimal:
    """« 60 000 », « 60000 € », « 60 000,00 », « 1.000.000 € HT » → Decimal; QuestionError otherwise.

    The browser script applies the same rules (tested with the same cases)."""
    cleaned = _SUFFIX.sub("", _SPACES.sub(" ", str(text)).strip()).strip()
    if not cleaned:
        raise QuestionError("Indiquez la valeur estimée hors taxes, par exemple « 12 500 ».")
    if _GROUPED.match(cleaned):
        number = cleaned.replace(" ", "").replace(".", "").replace(",", ".")
    elif _PLAIN.match(cleaned):
        number = cleaned.replace(",", ".")
    else:
        raise QuestionError(f"« {str(text).strip()} » n'est pas un montant : écrivez un nombre en euros hors "
                            "taxes, par exemple « 12 500 » ou « 12 500,00 ».")
    value = Decimal(number)
    if value <= 0:
        raise QuestionError("La valeur estimée doit être supérieure à zéro.")
    return value
