"""French formatting of amounts, numbers and dates."""

from __future__ import annotations

import datetime as dt

NBSP = "\u00a0"

MONTHS = [
    "janvier", "février", "mars", "avril", "mai", "juin",
    "juillet", "août", "septembre", "octobre", "novembre", "décembre",
]


def number(value: int | float) -> str:
    """1234567 → « 1 234 567 », 1.5 → « 1,5 » (non-breaking spaces)."""
    if isinstance(value, float) and not value.is_integer():
        whole, _, decimals = f"{value:.2f}".rstrip("0").partition(".")
        return number(int(whole)) + "," + decimals
    digits = f"{int(value):,}".replace(",", NBSP)
    return digits


def euros_ht(amount: int) -> str:
    """60000 → « 60 000 € HT »."""
    return f"{number(amount)}{NBSP}€{NBSP}HT"


def date_long(value: dt.date) -> str:
    """2026-04-01 → « 1er avril 2026 »."""
    day = "1er" if value.day == 1 else str(value.day)
    return f"{day} {MONTHS[value.month - 1]} {value.year}"


def month_long(value: str) -> str:
    """« 2024-10 » → « octobre 2024 »."""
    year, month = value.split("-")
    return f"{MONTHS[int(month) - 1]} {year}"


def event_date(value: dt.date | str) -> str:
    return date_long(value) if isinstance(value, dt.date) else month_long(value)


def date_short(value: dt.date) -> str:
    """2026-04-01 → « 01/04/2026 »."""
    return value.strftime("%d/%m/%Y")
