"""Content tests for the procurement templates: the legal corrections of issue 11 and the
procurement chain of issue 12 must not come back or go missing.

The checks read the YAML of guides/modeles/ (every text a template publishes: purpose,
"when", help texts, body and drafting notes), so they hold whatever the document layout.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
TEMPLATE_DIR = ROOT / "guides" / "modeles"
TEMPLATE_PATHS = sorted(TEMPLATE_DIR.glob("*.yml"))
SLUGS = [path.stem for path in TEMPLATE_PATHS]


def load(slug: str) -> dict:
    return yaml.safe_load((TEMPLATE_DIR / f"{slug}.yml").read_text(encoding="utf-8"))


NOT_PUBLISHED = {"referent", "version", "procedures", "seuils", "id"}


def strings(node) -> list[str]:
    """Every text of a parsed YAML tree."""
    if isinstance(node, str):
        return [node]
    if isinstance(node, dict):
        return [text for key, value in node.items() if key not in NOT_PUBLISHED for text in strings(value)]
    if isinstance(node, list):
        return [text for value in node for text in strings(value)]
    return []


def published_text(slug: str) -> str:
    """All the text of a template, whitespace collapsed (YAML folds lines differently)."""
    return re.sub(r"\s+", " ", " ".join(strings(load(slug))))


def articles(slug: str) -> set[str]:
    return {basis["article"].split(" ")[0] for basis in load(slug)["base_legale"]}


# -- The whole chain of a small commune (issue 12, section 3) ------------------

CHAIN = {
    "reglement-consultation-mapa-travaux": "R2123-1",
    "reglement-consultation-mapa-fournitures-services": "R2123-1",
    "reglement-consultation-maitrise-oeuvre": "R2172-2",
    "avis-appel-public-concurrence-mapa": "R2131-12",
    "lettre-rejet-candidature": "R2144-7",
    "courrier-candidat-non-retenu": "R2181-2",
    "courrier-candidat-retenu": "R2144-7",
    "courrier-notification-marche": "R2182-4",
    "decision-sans-suite": "R2185-1",
    "courrier-procedure-sans-suite": "R2185-2",
    "deliberation-delegation-maire-marches": "L2122-22",
    "compte-rendu-decisions-maire": "L2122-23",
    "proces-verbal-ouverture-plis-mapa": "R2143-2",
    "note-modification-marche": "R2194-8",
}


def test_at_least_fourteen_templates():
    assert len(TEMPLATE_PATHS) >= 14


@pytest.mark.parametrize("slug, article", sorted(CHAIN.items()))
def test_the_procurement_chain_is_covered_with_its_legal_basis(slug, article):
    assert (TEMPLATE_DIR / f"{slug}.yml").is_file(), f"modèle manquant : {slug}"
    assert article in articles(slug)


# -- Inclusive thresholds ---------------------------------------------------------

# A threshold call must read « à partir de {{ seuil(…) }} » (obligation) or « en dessous de
# {{ seuil(…) }} » (dispense); a second amount in the same clause may follow « et de » / « ou
# de ». « au-delà de », « inférieur à », « supérieur à », « plus de » never word a threshold.
THRESHOLD_CALL = re.compile(r"\{\{\s*seuil\(")
GOOD_LEAD = re.compile(r"(à partir de|en dessous de)\s*$", re.IGNORECASE)
LISTED_LEAD = re.compile(r"(à partir de|en dessous de)[^.;:]*\b(et|ou) (à partir |en dessous )?de\s*$", re.IGNORECASE)


@pytest.mark.parametrize("slug", SLUGS)
def test_thresholds_are_worded_inclusively(slug):
    offenders = []
    for text in strings(load(slug)):
        flat = re.sub(r"\s+", " ", text)
        for match in THRESHOLD_CALL.finditer(flat):
            before = flat[: match.start()]
            if not (GOOD_LEAD.search(before) or LISTED_LEAD.search(before[-200:])):
                offenders.append(flat[max(0, match.start() - 60): match.start() + 40])
        offenders += re.findall(r".{0,40}\bau-delà d.{0,40}", flat, re.IGNORECASE)
        offenders += re.findall(r".{0,40}(?:inférieure?s?|supérieure?s?) (?:ou égale?s? )?à \{\{ ?seuil.{0,20}", flat)
    assert offenders == []


# -- Consistent terms -------------------------------------------------------------

@pytest.mark.parametrize("slug", SLUGS)
def test_standstill_has_one_name(slug):
    text = published_text(slug).lower()
    assert "standstill" not in text
    assert "délai d'attente" not in text and "délai de carence" not in text


@pytest.mark.parametrize("slug", SLUGS)
def test_no_amount_and_no_legal_percentage_written_by_hand(slug):
    text = published_text(slug)
    assert not re.search(r"\d[\d  .]*\s*(€|euros?\b|k€)", text, re.IGNORECASE)
    # The limits of R2194-3/-5/-8 live in data/chiffres.yml and are called with chiffre().
    assert not re.search(r"\b(10|15|50) ?%", text)


@pytest.mark.parametrize("slug", SLUGS)
def test_no_service_promised_in_the_mit_name(slug):
    """The article names what the MIT does; a template only sends the reader to ask it."""
    text = published_text(slug)
    for match in re.finditer(r"\bMIT\b|Mission [Ii]ngénierie des [Tt]erritoires", text):
        context = text[max(0, match.start() - 20): match.end()]
        assert re.search(r"interrogez la $", context[: -len(match.group(0))]), context


# -- Rejected candidates (R2181-2 complete; two different letters) -----------------

def test_offer_rejection_letter_states_all_of_r2181_2():
    text = published_text("courrier-candidat-non-retenu")
    body = re.sub(r"\s+", " ", " ".join(strings(load("courrier-candidat-non-retenu")["corps"])))
    for expected in ("quinze jours", "ni inappropriée, ni irrégulière, ni inacceptable",
                     "caractéristiques et les avantages de l'offre retenue", "nom de l'attributaire"):
        assert expected in body, expected
        assert expected in text


def test_offer_rejection_letter_signing_date_matches_the_procedure():
    """In a MAPA no standstill and no signing date are imposed: the letter announces a date
    the commune chooses, and never calls it the délai de suspension."""
    template = load("courrier-candidat-non-retenu")
    body = " ".join(strings(template["corps"]))
    assert "délai de suspension" not in body
    assert "R2182-1" not in body
    field = next(f for f in template["champs"] if f["id"] == "date_signature_envisagee")
    assert "aucune date n'est imposée" in re.sub(r"\s+", " ", field["aide"])
    assert "procédure formalisée" in published_text("courrier-candidat-non-retenu")


def test_candidature_rejection_is_a_separate_letter():
    template = load("lettre-rejet-candidature")
    body = re.sub(r"\s+", " ", " ".join(strings(template["corps"])))
    assert "candidature" in template["titre"].lower()
    assert "R2181-2" in body and "quinze jours" in body
    assert "offre retenue" not in body and "classée" not in body
    assert {"R2144-7", "R2181-1", "R2181-2"} <= articles("lettre-rejet-candidature")


# -- Lots: every exception the code lists ------------------------------------------

LOT_EXCEPTIONS = (
    "ne permet pas l'identification de prestations distinctes",
    "organisation, de pilotage et de coordination",
    "restreindre la concurrence",
    "techniquement difficile ou financièrement plus coûteuse",
    "considérations de droit et de fait",
)


@pytest.mark.parametrize("slug", [s for s in SLUGS if "L2113-10" in articles(s)])
def test_lot_exceptions_are_quoted_as_the_code_lists_them(slug):
    assert "L2113-11" in articles(slug)
    text = published_text(slug)
    for expected in LOT_EXCEPTIONS:
        assert expected in text, expected


# -- Délibérations ---------------------------------------------------------------

DELIBERATIONS = [s for s in SLUGS if s.startswith("deliberation-")]


def test_there_are_deliberations():
    assert {"deliberation-lancement-consultation", "deliberation-delegation-maire-marches"} <= set(DELIBERATIONS)


@pytest.mark.parametrize("slug", DELIBERATIONS)
def test_deliberations_cite_the_signature_rule(slug):
    """Since 2022-07-01 the maire and the secrétaire(s) de séance sign (CGCT L2121-23)."""
    assert "L2121-23" in articles(slug)


def test_launch_deliberation_handles_the_deputy_consistently():
    """The maire signs the contract; an adjoint only by a delegation of the maire (L2122-18)."""
    template = load("deliberation-lancement-consultation")
    body = re.sub(r"\s+", " ", " ".join(s["texte"] for s in template["corps"]))
    notes = re.sub(r"\s+", " ", " ".join(strings([s.get("notes_de_redaction", []) for s in template["corps"]])))
    assert "L2122-18" in articles("deliberation-lancement-consultation")
    assert "Autorise le maire à signer le marché" in body
    assert "adjoint" not in body
    assert "pour le maire et par délégation" in notes


def test_delegation_deliberation_states_the_report_and_its_end():
    text = published_text("deliberation-delegation-maire-marches")
    assert "à chacune des réunions obligatoires du conseil municipal" in text
    assert "peut toujours mettre fin à la délégation" in text
    assert "lorsque les crédits sont inscrits au budget" in text


# -- Modifications -----------------------------------------------------------------

def test_modification_note_lists_every_ground_of_l2194_1():
    assert {"R2194-1", "R2194-2", "R2194-3", "R2194-5", "R2194-6", "R2194-7", "R2194-8", "R2194-9"} <= articles(
        "note-modification-marche"
    )
    text = published_text("note-modification-marche")
    assert "nature globale du marché" in text
    for figure in ("modification-limite-pouvoir-adjudicateur", "modification-faible-montant-travaux",
                   "modification-faible-montant-fournitures-services"):
        assert f"chiffre('{figure}')" in text
