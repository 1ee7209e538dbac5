"""The questions of the procedure tool and their expected answers, for Python and the browser.

Each case: nature, special case, amount typed (as a French user types it), day the consultation
starts, lot value (small lots only), expected procedure (None: no data that day), expected rule
of the verdict and of the publicity (None: not checked). Thresholds are those of data/seuils.yml:
the dates are each side of every change, the amounts just under, at and just over each threshold.
"""

from __future__ import annotations

from typing import NamedTuple


class Case(NamedTuple):
    nature: str
    case: str | None
    amount: str
    day: str
    lot: str | None
    procedure: str | None
    verdict: str | None = None
    publicity: str | None = None

    @property
    def id(self) -> str:
        return "-".join(str(part) for part in (self.nature, self.case or "", self.amount, self.lot or "", self.day))


CASES = [
    # Works: dispense below 100 000 € HT from 2026-01-01 (no value before), formalised from 5 404 000 € HT.
    Case("travaux", None, "99 999,99", "2026-05-01", None, "dispense", "procedure-dispense", "publicite-aucune"),
    Case("travaux", None, "100 000", "2026-05-01", None, "mapa", "procedure-mapa", "publicite-boamp-jal"),
    Case("travaux", None, "100 000,01 €", "2026-05-01", None, "mapa", "procedure-mapa"),
    Case("travaux", None, "120000", "2026-05-01", None, "mapa", "procedure-mapa", "publicite-boamp-jal"),
    Case("travaux", None, "5 403 999", "2026-05-01", None, "mapa", "procedure-mapa"),
    Case("travaux", None, "5 404 000", "2026-05-01", None, "formalisee", "procedure-formalisee", "publicite-europeenne"),
    Case("travaux", None, "5 404 001", "2026-05-01", None, "formalisee", "procedure-formalisee"),
    Case("travaux", None, "50 000", "2025-12-31", None, None),
    Case("travaux", None, "50 000", "2026-01-01", None, "dispense", "procedure-dispense"),
    Case("travaux", None, "5 404 000", "2027-12-31", None, "formalisee", "procedure-formalisee"),
    Case("travaux", None, "5 404 000", "2028-01-01", None, None),
    # Supplies: 40 000 € HT until 2026-03-31, 60 000 € HT from 2026-04-01; EU 221 000 then 216 000.
    Case("fournitures", None, "39 999", "2026-03-31", None, "dispense", "procedure-dispense"),
    Case("fournitures", None, "40 000", "2026-03-31", None, "mapa", "procedure-mapa", "publicite-adaptee"),
    Case("fournitures", None, "40 000", "2026-04-01", None, "dispense", "procedure-dispense"),
    Case("fournitures", None, "59 999,99", "2026-04-01", None, "dispense", "procedure-dispense"),
    Case("fournitures", None, "60 000", "2026-04-01", None, "mapa", "procedure-mapa", "publicite-adaptee"),
    Case("fournitures", None, "60000,01 €", "2026-04-01", None, "mapa", "procedure-mapa"),
    Case("fournitures", None, "89 999", "2026-05-01", None, "mapa", "procedure-mapa", "publicite-adaptee"),
    Case("fournitures", None, "90 000", "2026-05-01", None, "mapa", "procedure-mapa", "publicite-boamp-jal"),
    Case("fournitures", None, "215 999", "2026-05-01", None, "mapa", "procedure-mapa"),
    Case("fournitures", None, "216 000", "2026-05-01", None, "formalisee", "procedure-formalisee"),
    Case("fournitures", None, "216 000", "2025-12-31", None, "mapa", "procedure-mapa"),
    Case("fournitures", None, "220 999", "2025-12-31", None, "mapa", "procedure-mapa"),
    Case("fournitures", None, "221 000", "2025-12-31", None, "formalisee", "procedure-formalisee"),
    Case("fournitures", None, "100 000", "2023-12-31", None, None),
    Case("fournitures", None, "30 000", "2024-01-01", None, "dispense", "procedure-dispense"),
    Case("fournitures", None, "216 000", "2028-01-01", None, None),
    # Services: the same thresholds as supplies.
    Case("services", None, "59 999", "2026-12-01", None, "dispense", "procedure-dispense"),
    Case("services", None, "60 000 € HT", "2026-12-01", None, "mapa", "procedure-mapa"),
    Case("services", None, "215 999,99", "2027-12-31", None, "mapa", "procedure-mapa"),
    Case("services", None, "216 000", "2027-12-31", None, "formalisee", "procedure-formalisee"),
    # Innovative purchases (R2122-9-1): below 140 000 € HT from 2026-01-01, no value before.
    Case("travaux", "innovant", "139 999", "2026-05-01", None, "dispense", "procedure-dispense-innovant"),
    Case("travaux", "innovant", "140 000", "2026-05-01", None, "mapa", "procedure-mapa"),
    Case("fournitures", "innovant", "139 999,99", "2026-05-01", None, "dispense", "procedure-dispense-innovant"),
    Case("fournitures", "innovant", "140 000", "2026-05-01", None, "mapa", "procedure-mapa"),
    Case("services", "innovant", "216 000", "2026-05-01", None, "formalisee", "procedure-formalisee"),
    Case("fournitures", "innovant", "100 000", "2025-12-31", None, None),
    # Social and specific services (R2123-1 3°): adapted procedure whatever the value.
    Case("services", "sss", "59 999", "2026-05-01", None, "dispense", "procedure-dispense"),
    Case("services", "sss", "60 000", "2026-05-01", None, "mapa", "procedure-mapa-sss", "publicite-adaptee"),
    Case("services", "sss", "5 000 000", "2026-05-01", None, "mapa", "procedure-mapa-sss", "publicite-sss-europeenne"),
    Case("services", "sss", "39 999", "2026-03-31", None, "dispense", "procedure-dispense"),
    Case("services", "sss", "40 000", "2026-03-31", None, "mapa", "procedure-mapa-sss"),
    # Small lots: R2122-8 below the dispense amount; R2123-1 2° below 80 000 / 1 000 000 € HT when the
    # whole contract reaches the EU threshold.
    Case("travaux", "petit-lot", "6 000 000", "2026-05-01", "99 999", "dispense", "procedure-dispense-lot"),
    Case("travaux", "petit-lot", "6 000 000", "2026-05-01", "100 000", "mapa", "procedure-mapa-petit-lot",
         "publicite-petit-lot"),
    Case("travaux", "petit-lot", "6 000 000", "2026-05-01", "999 999", "mapa", "procedure-mapa-petit-lot"),
    Case("travaux", "petit-lot", "6 000 000", "2026-05-01", "1 000 000", "formalisee", "procedure-formalisee"),
    Case("fournitures", "petit-lot", "300 000", "2026-05-01", "59 999", "dispense", "procedure-dispense-lot"),
    Case("fournitures", "petit-lot", "300 000", "2026-05-01", "79 999", "mapa", "procedure-mapa-petit-lot"),
    Case("fournitures", "petit-lot", "300 000", "2026-05-01", "80 000", "formalisee", "procedure-formalisee"),
    Case("fournitures", "petit-lot", "200 000", "2026-05-01", "150 000", "mapa", "procedure-mapa", "publicite-boamp-jal"),
    Case("services", "petit-lot", "220 000", "2025-12-31", "80 000", "mapa", "procedure-mapa"),
    Case("services", "petit-lot", "221 000", "2025-12-31", "80 000", "formalisee", "procedure-formalisee"),
    Case("services", "petit-lot", "221 000", "2026-03-31", "40 000", "mapa", "procedure-mapa-petit-lot"),
    Case("services", "petit-lot", "221 000", "2026-04-01", "40 000", "dispense", "procedure-dispense-lot"),
    Case("travaux", "petit-lot", "6 000 000", "2025-12-31", "100 000", None),
]

# Amounts typed by users and how they read (None: refused with a message).
AMOUNTS = [
    ("60 000", "60000"), ("60000 €", "60000"), ("60 000,00", "60000"), ("60\u00a0000 € HT", "60000"),
    ("60 000,5", "60000.5"), ("1.000.000", "1000000"), ("1 000 000 euros", "1000000"), ("60000.50", "60000.5"),
    ("  120000  ", "120000"), ("60 000 EUR HT", "60000"),
    ("abc", None), ("60 000 000 000,123", None), ("-5 000", None), ("0", None), ("60,000,000", None),
    ("1 0000", None), ("", None), ("12e4", None),
]
