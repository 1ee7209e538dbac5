"""The decision, where the rules are decided: every case of the table, in Python."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from mitkb.procedure import QuestionError, decide, parse_amount

from .cases import AMOUNTS, CASES


def test_the_table_covers_every_nature_case_and_change():
    assert len(CASES) >= 40
    assert {c.nature for c in CASES} == {"travaux", "fournitures", "services"}
    assert {c.case for c in CASES} == {None, "innovant", "sss", "petit-lot"}
    assert {c.procedure for c in CASES} == {"dispense", "mapa", "formalisee", None}


def test_the_table_has_dates_on_both_sides_of_every_change_of_the_thresholds(real_site):
    days = {dt.date.fromisoformat(c.day) for c in CASES}
    for tid in ("sans-publicite-travaux", "sans-publicite-fournitures-services", "sans-publicite-innovant",
                "procedure-formalisee-travaux", "procedure-formalisee-fournitures-services"):
        for value in real_site.thresholds[tid].values:
            if value.start.year >= 2024:
                assert value.start in days and value.start - dt.timedelta(days=1) in days, (tid, value.start)
            if value.end is not None:
                assert value.end in days and value.end + dt.timedelta(days=1) in days, (tid, value.end)


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_decision(real_site, case):
    lot = parse_amount(case.lot) if case.lot else None
    answer = decide(real_site.thresholds, real_site.procedure_rules, case.nature, parse_amount(case.amount),
                    dt.date.fromisoformat(case.day), case.case, lot)
    assert answer.procedure == case.procedure, answer
    if case.procedure is None:
        assert answer.missing and all("n'est connue pour le" in line for line in answer.missing)
        return
    assert answer.verdict.rule.id == case.verdict
    if case.publicity:
        assert answer.publicity.rule.id == case.publicity
    # Every rule shown is in force that day, and every amount cited too.
    day = dt.date.fromisoformat(case.day)
    for part in [answer.verdict, answer.publicity, *answer.obligations, answer.criteria]:
        if part is None:
            continue
        assert part.rule.in_force(day)
        for amount in part.amounts:
            assert amount.value.start <= day and (amount.value.end is None or day <= amount.value.end)


def test_information_and_standstill_follow_the_procedure(real_site):
    rules = real_site.procedure_rules
    day = dt.date(2026, 9, 1)
    ids = lambda answer: [p.rule.id for p in answer.obligations]  # noqa: E731
    mapa = decide(real_site.thresholds, rules, "travaux", 150_000, day)
    assert ids(mapa) == ["gratuite-dce", "donnees-essentielles", "information-rejet", "motifs-mapa"]
    formal = decide(real_site.thresholds, rules, "services", 300_000, day)
    assert "delai-attente" in ids(formal) and "information-formalisee" in ids(formal)
    assert "motifs-mapa" not in ids(formal)
    small = decide(real_site.thresholds, rules, "fournitures", 20_000, day)
    assert ids(small) == [] and small.criteria is None
    essential = decide(real_site.thresholds, rules, "fournitures", 40_000, day)
    assert ids(essential) == ["donnees-essentielles"]


def test_the_award_criteria_rule_changes_on_21_august_2026(real_site):
    rules = real_site.procedure_rules
    before = decide(real_site.thresholds, rules, "travaux", 200_000, dt.date(2026, 8, 20))
    after = decide(real_site.thresholds, rules, "travaux", 200_000, dt.date(2026, 8, 21))
    assert before.criteria.rule.id == after.criteria.rule.id == "criteres"
    assert before.criteria.rule.end == dt.date(2026, 8, 20) and "coût global" not in before.criteria.rule.text
    assert after.criteria.rule.start == dt.date(2026, 8, 21) and "coût global" in after.criteria.rule.text


def test_free_consultation_documents_cite_the_threshold_of_the_day(real_site):
    rules = real_site.procedure_rules

    def cited(day):
        answer = decide(real_site.thresholds, rules, "fournitures", 70_000, day)
        part = next(p for p in answer.obligations if p.rule.id == "gratuite-dce")
        return [a.value.amount for a in part.amounts]

    assert cited(dt.date(2026, 3, 31)) == [40_000]
    assert cited(dt.date(2026, 4, 1)) == [60_000]


@pytest.mark.parametrize("nature, case, amount, lot, message", [
    ("travaux", "sss", 100_000, None, "sont des services"),
    ("travaux", "petit-lot", 100_000, None, "valeur estimée du lot"),
    ("travaux", "petit-lot", 100_000, 200_000, "ne peut pas dépasser"),
    ("meubles", None, 100_000, None, "travaux, fournitures ou services"),
    ("travaux", None, 0, None, "supérieure à zéro"),
])
def test_questions_that_make_no_sense_get_a_clear_message(real_site, nature, case, amount, lot, message):
    with pytest.raises(QuestionError, match=message):
        decide(real_site.thresholds, real_site.procedure_rules, nature, amount, dt.date(2026, 5, 1), case, lot)


@pytest.mark.parametrize("typed, expected", AMOUNTS)
def test_amounts_typed_as_french_users_type_them(typed, expected):
    if expected is None:
        with pytest.raises(QuestionError) as error:
            parse_amount(typed)
        assert "montant" in str(error.value) or "zéro" in str(error.value) or "valeur" in str(error.value)
    else:
        assert parse_amount(typed) == Decimal(expected)
