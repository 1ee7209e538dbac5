"""Macros: values in force at the build date, French formatting, strict ids."""

from __future__ import annotations

import datetime as dt

import pytest

from mitkb.content import load_site
from mitkb.facts import Facts, MacroError
from mitkb.formatting import date_long, euros_ht, event_date, number

from ..conftest import FIXTURES, ROOT

NBSP = "\u00a0"


@pytest.fixture(scope="module")
def tiny():
    site, errors = load_site(FIXTURES / "tiny")
    assert errors == []
    return site


@pytest.mark.parametrize(
    ("day", "expected"),
    [("2026-03-31", f"40{NBSP}000{NBSP}€{NBSP}HT"), ("2026-04-01", f"60{NBSP}000{NBSP}€{NBSP}HT")],
)
def test_supplies_threshold_changes_on_1_april_2026(tiny, day, expected):
    assert Facts(tiny, dt.date.fromisoformat(day)).seuil("sans-publicite-fournitures-services") == expected


def test_threshold_start_date(tiny):
    facts = Facts(tiny, dt.date(2026, 4, 1))
    assert facts.seuil_depuis("sans-publicite-fournitures-services") == "1er avril 2026"
    assert Facts(tiny, dt.date(2026, 3, 31)).seuil_depuis("sans-publicite-fournitures-services") == "1er janvier 2020"


def test_threshold_sentence_for_identity_cards(tiny):
    in_force = Facts(tiny, dt.date(2026, 4, 1)).threshold_in_force("sans-publicite-fournitures-services")
    assert in_force.sentence() == (
        "Marché de fournitures et services sans publicité ni mise en concurrence préalables : "
        f"en dessous de 60{NBSP}000{NBSP}€{NBSP}HT depuis le 1er avril 2026"
    )


def test_unknown_threshold_suggests_the_close_id(tiny):
    with pytest.raises(MacroError) as caught:
        Facts(tiny, dt.date(2026, 4, 1)).seuil("sans-publicite-fournitures")
    assert caught.value.message == "seuil inconnu « sans-publicite-fournitures »"
    assert caught.value.hint.startswith("Vouliez-vous dire « sans-publicite-fournitures-services » ?")


def test_no_value_in_force(tiny):
    with pytest.raises(MacroError, match="aucune valeur du seuil .* le 31 décembre 2019"):
        Facts(tiny, dt.date(2019, 12, 31)).seuil("sans-publicite-fournitures-services")


def test_figures(tiny):
    facts = Facts(tiny, dt.date(2026, 4, 1))
    assert facts.chiffre("sollicitations-2024") == "209"
    assert facts.chiffre("hausse") == f"+81{NBSP}%"
    with pytest.raises(MacroError, match="chiffre inconnu « nope »"):
        facts.chiffre("nope")


def test_real_data_home_figures():
    site, errors = load_site(ROOT)
    assert errors == []
    facts = Facts(site, dt.date(2026, 11, 27))
    assert facts.chiffre("sollicitations-2024") == "209"
    assert facts.chiffre("hausse-demandes-depuis-2017") == f"+81{NBSP}%"
    assert facts.chiffre("communes-accompagnees-2017-2023") == f"70{NBSP}%"
    assert facts.chiffre("intercommunalites-accompagnees-2017-2023") == f"100{NBSP}%"


@pytest.mark.parametrize(
    ("day", "supplies", "works"),
    [("2026-03-31", "40 000 € HT", "100 000 € HT"), ("2026-04-01", "60 000 € HT", "100 000 € HT")],
)
def test_real_thresholds(day, supplies, works):
    site, _ = load_site(ROOT)
    facts = Facts(site, dt.date.fromisoformat(day))
    assert facts.seuil("sans-publicite-fournitures-services").replace(NBSP, " ") == supplies
    assert facts.seuil("sans-publicite-travaux").replace(NBSP, " ") == works


def test_french_formatting():
    assert number(5404000) == f"5{NBSP}404{NBSP}000"
    assert number(1.5) == "1,5"
    assert euros_ht(216000) == f"216{NBSP}000{NBSP}€{NBSP}HT"
    assert date_long(dt.date(2026, 4, 1)) == "1er avril 2026"
    assert date_long(dt.date(2026, 8, 21)) == "21 août 2026"
    assert event_date("2024-10") == "octobre 2024"


def test_inclusive_threshold_wordings(tiny):
    """Thresholds are inclusive: « à partir de » for an obligation, « en dessous de » for a dispense."""
    facts = Facts(tiny, dt.date(2026, 4, 1))
    amount = f"60{NBSP}000{NBSP}€{NBSP}HT"
    assert facts.seuil_a_partir_de("sans-publicite-fournitures-services") == f"à partir de {amount}"
    assert facts.seuil_en_dessous_de("sans-publicite-fournitures-services") == f"en dessous de {amount}"
    with pytest.raises(MacroError, match="seuil inconnu"):
        facts.seuil_a_partir_de("inconnu")


def test_inclusive_wordings_are_macros_of_every_page(tiny):
    from mitkb.rich_text import TextRenderer

    rendered = TextRenderer(Facts(tiny, dt.date(2026, 4, 1))).render(
        "Publicité {{ seuil_a_partir_de('sans-publicite-fournitures-services') }}.")
    assert rendered == f"Publicité à partir de 60{NBSP}000{NBSP}€{NBSP}HT."
