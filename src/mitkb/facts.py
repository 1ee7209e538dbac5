"""Shared facts looked up by id: thresholds in force, key figures, contacts.

These are the functions behind the page macros (``seuil``, ``chiffre``,
``contact``). They know the build date, so a threshold reads as the value in
force on that day.
"""

from __future__ import annotations

import datetime as dt
import difflib
from dataclasses import dataclass

from .content import Site
from .formatting import NBSP, date_long, euros_ht, number
from .models import Contact, Figure, Threshold, ThresholdValue


class MacroError(Exception):
    """A macro was called with an unknown id or cannot answer at this date."""

    def __init__(self, message: str, hint: str = "", needle: str = ""):
        self.message = message
        self.hint = hint
        self.needle = needle
        super().__init__(message + (f" ({hint})" if hint else ""))


class BrokenDataError(MacroError):
    """The data file itself is invalid: its own errors were already reported."""


def _unknown(kind: str, wanted: str, known, data_file: str, broken: set[str] = frozenset()) -> MacroError:
    if data_file in broken:
        return BrokenDataError(f"{data_file} est invalide", needle=str(wanted))
    close = difflib.get_close_matches(str(wanted), list(known), n=1)
    hint = f"Vouliez-vous dire « {close[0]} » ? " if close else ""
    hint += f"Les identifiants possibles sont dans {data_file}."
    return MacroError(f"{kind} inconnu « {wanted} »", hint, needle=str(wanted))


@dataclass(frozen=True)
class ThresholdInForce:
    threshold: Threshold
    value: ThresholdValue

    @property
    def amount(self) -> str:
        return euros_ht(self.value.amount)

    @property
    def since(self) -> str:
        return date_long(self.value.start)

    def sentence(self) -> str:
        """« Marché sans publicité… : en dessous de 60 000 € HT depuis le 1er avril 2026 »."""
        direction = "en dessous de" if self.threshold.direction == "plafond" else "à partir de"
        text = f"{self.threshold.label} : {direction} {self.amount} depuis le {self.since}"
        if self.value.end is not None:
            text += f", jusqu'au {date_long(self.value.end)}"
        return text


class Facts:
    """Macro functions bound to one site and one build date."""

    def __init__(self, site: Site, today: dt.date):
        self.site = site
        self.today = today

    # -- thresholds ---------------------------------------------------------
    def threshold(self, threshold_id: str) -> Threshold:
        try:
            return self.site.thresholds[threshold_id]
        except KeyError:
            raise _unknown("seuil", threshold_id, self.site.thresholds, "data/seuils.yml", self.site.broken_data) from None

    def threshold_in_force(self, threshold_id: str) -> ThresholdInForce:
        threshold = self.threshold(threshold_id)
        for value in threshold.values:
            if value.start <= self.today and (value.end is None or self.today <= value.end):
                return ThresholdInForce(threshold, value)
        raise MacroError(
            f"aucune valeur du seuil « {threshold_id} » n'est en vigueur le {date_long(self.today)}",
            "Ajoutez la valeur applicable, avec sa source, dans data/seuils.yml.",
            needle=threshold_id,
        )

    def seuil(self, threshold_id: str) -> str:
        """The amount in force at the build date: « 60 000 € HT »."""
        return self.threshold_in_force(threshold_id).amount

    def seuil_a_partir_de(self, threshold_id: str) -> str:
        """« à partir de 60 000 € HT »: thresholds are inclusive, an obligation starts at the amount."""
        return f"à partir de {self.seuil(threshold_id)}"

    def seuil_en_dessous_de(self, threshold_id: str) -> str:
        """« en dessous de 60 000 € HT »: a dispense applies strictly below the amount."""
        return f"en dessous de {self.seuil(threshold_id)}"

    def seuil_depuis(self, threshold_id: str) -> str:
        """The date from which the amount in force applies: « 1er avril 2026 »."""
        return self.threshold_in_force(threshold_id).since

    # -- figures ------------------------------------------------------------
    def figure(self, figure_id: str) -> Figure:
        try:
            return self.site.figures[figure_id]
        except KeyError:
            raise _unknown("chiffre", figure_id, self.site.figures, "data/chiffres.yml", self.site.broken_data) from None

    def chiffre(self, figure_id: str) -> str:
        """« 209 », « +81 % »."""
        figure = self.figure(figure_id)
        text = (figure.prefix or "") + number(figure.value)
        if figure.unit:
            text += NBSP + figure.unit
        return text

    # -- contacts -----------------------------------------------------------
    def contact_entry(self, contact_id: str) -> Contact:
        try:
            return self.site.contacts[contact_id]
        except KeyError:
            raise _unknown("contact", contact_id, self.site.contacts, "data/contacts.yml", self.site.broken_data) from None


def macro_functions(facts: Facts) -> dict:
    """The macros every page can call, hand-written or generated."""
    from .markup import contact_card
    from .publisher.macros import publisher_macros
    from .publisher.request_page import main_contact

    return {
        "seuil": facts.seuil,
        "seuil_depuis": facts.seuil_depuis,
        "seuil_a_partir_de": facts.seuil_a_partir_de,
        "seuil_en_dessous_de": facts.seuil_en_dessous_de,
        "chiffre": facts.chiffre,
        "chiffre_libelle": lambda figure_id: facts.figure(figure_id).label,
        "chiffre_source": lambda figure_id: facts.figure(figure_id).source,
        "contact": lambda contact_id: contact_card(facts.contact_entry(contact_id), main_contact(facts.site)),
        **publisher_macros(facts.site),
    }
