"""Legal statements corrected once (issue 11) must not come back.

Each test reads the real content files and fails on the wording that was wrong,
with the article of the code that says why.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from ..conftest import ROOT

METHODES = ROOT / "guides" / "methodes"
# Everything published outside the templates (guides/modeles/ has its own checks).
PUBLISHED = (
    sorted(METHODES.glob("*.yml")) + sorted((ROOT / "guides" / "ateliers").glob("*.yml"))
    + sorted((ROOT / "data").glob("*.yml")) + sorted((ROOT / "docs").glob("*.md"))
    + sorted((ROOT / "src" / "mitkb" / "templates").glob("*.j2"))
)
IDS = [str(p.relative_to(ROOT)) for p in PUBLISHED]


def _text(path: Path) -> str:
    """The file's text with YAML line folding undone, so a phrase split over two lines matches."""
    return " ".join(path.read_text(encoding="utf-8").split())


def _guide(slug: str) -> dict:
    return yaml.safe_load((METHODES / f"{slug}.yml").read_text(encoding="utf-8"))


def _guide_text(slug: str) -> str:
    return _text(METHODES / f"{slug}.yml")


def _sentences(text: str) -> list[str]:
    return re.split(r"(?<=[.;])\s", text)


def test_erosion_control_is_not_presented_as_gemapi():
    """Code de l'environnement L211-7: GEMAPI is 1°, 2°, 5°, 8°; erosion is 4°, optional."""
    text = _guide_text("prevenir-erosion-sols")
    assert "4° du I de l’article L211-7 du code de l’environnement" in text
    assert "compétence facultative" in text
    assert "statuts" in text  # how a commune finds out whether its EPCI took it
    for sentence in _sentences(text):
        if "GEMAPI" in sentence and re.search(r"érosion|ruissellement", sentence):
            assert re.search(r"\bpas\b|\bne\b", sentence), sentence
    actors = [actor["nom"] for actor in _guide("prevenir-erosion-sols")["acteurs"]]
    assert not any("GEMAPI" in name for name in actors), actors
    glossary = {t["terme"]: " ".join(t["definition"].split()) for t in yaml.safe_load(
        (ROOT / "data/glossaire.yml").read_text(encoding="utf-8"))["termes"]}
    assert "n'en fait pas partie" in glossary["GEMAPI"]


def test_a_commune_needs_an_architect_for_every_building_permit():
    """Code de l'urbanisme R431-2: the exemptions are for natural persons and some farms only."""
    text = _guide_text("rehabiliter-batiment-communal")
    assert "certains permis" not in text
    assert "architecte pour **toute** demande de permis de construire" in text
    assert "R431-2" in text


def test_innovative_purchases_cite_r2122_9_1():
    text = _guide_text("choisir-procedure-marche")
    item = re.search(r"seuil_en_dessous_de\('sans-publicite-innovant'\)[^;.]*", text).group(0)
    assert "R2122-9-1" in item and "R2122-8" not in item


@pytest.mark.parametrize("path", PUBLISHED, ids=IDS)
def test_thresholds_are_worded_inclusively(path: Path):
    """An obligation applies « à partir de » the amount, a dispense « en dessous de » it."""
    if path.name == "contribuer.md":
        return  # the contributor's guide names the wording to avoid
    text = _text(path).casefold()
    assert "au-delà" not in text and "au delà" not in text
    assert not re.search(r"au-dessus d\S* seuils?", text)


@pytest.mark.parametrize("path", PUBLISHED, ids=IDS)
def test_consistent_terms(path: Path):
    text = _text(path)
    assert "délai d’attente" not in text and "délai d'attente" not in text  # « délai de suspension »
    assert not re.search(r"ministère de l['’]économie", text)  # « ministère de l’Économie »
    assert not re.search(r"[a-zà-ÿ,;:] Commune de [A-Z]", text)  # « la commune de … » inside a sentence


def test_standstill_has_one_name():
    assert "délai de suspension" in _guide_text("choisir-procedure-marche")
    terms = [t["terme"] for t in yaml.safe_load((ROOT / "data/glossaire.yml").read_text(encoding="utf-8"))["termes"]]
    assert "Délai de suspension" in terms


# What the article names (reference: « The Gers and the MIT »); anything else is not promised.
UNSUPPORTED_PROMISES = [
    r"interpréter les résultats", r"lire les résultats", r"choisir le prestataire", r"choix du maître",
    r"aide au recensement", r"avec la MIT", r"la MIT peuvent vous aider à le rédiger", r"à le cadrer",
    r"analyser les offres", r"conduire les consultations",
]


@pytest.mark.parametrize("path", sorted(METHODES.glob("*.yml")), ids=lambda p: p.name)
def test_no_service_promised_in_the_mits_name_beyond_the_article(path: Path):
    text = _text(path)
    for sentence in _sentences(text):
        if "MIT" in sentence:
            for promise in UNSUPPORTED_PROMISES:
                assert not re.search(promise, sentence), f"{promise!r} dans : {sentence}"


def test_the_mit_actor_is_described_with_the_articles_words():
    for path in sorted(METHODES.glob("*.yml")):
        guide = yaml.safe_load(path.read_text(encoding="utf-8"))
        role = next(" ".join(a["role"].split()) for a in guide["acteurs"] if a["nom"].startswith("Mission Ingénierie"))
        assert "gratuit" in role, path.name


def test_lots_exceptions_are_those_the_code_lists():
    """L2113-10 (no distinct services) and L2113-11 1°, 2° (3° for entités adjudicatrices)."""
    terms = {t["terme"]: " ".join(t["definition"].split()) for t in yaml.safe_load(
        (ROOT / "data/glossaire.yml").read_text(encoding="utf-8"))["termes"]}
    lots = terms["Allotissement"]
    assert "L2113-10" in lots and "L2113-11" in lots
    assert "missions d'organisation, de pilotage et de coordination" in lots
    assert "restreindre la concurrence" in lots
    assert "techniquement difficile ou financièrement plus coûteuse" in lots
    assert "motive" in lots


def test_attri2_says_only_what_is_certain():
    attri2 = " ".join(next(t["definition"] for t in yaml.safe_load(
        (ROOT / "data/glossaire.yml").read_text(encoding="utf-8"))["termes"] if t["terme"] == "ATTRI2").split())
    assert "n'est pas obligatoire" in attri2 and "DAJ" in attri2
    assert "pour faire signer" not in attri2


def test_workshop_write_up_states_only_what_the_article_says():
    """No invented place, day, participants or decisions; says what the network is for and
    how to join (through the MIT)."""
    path = ROOT / "guides/ateliers/lancement-reseau-commande-publique.yml"
    workshop = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert "lieu" not in workshop and workshop["date"] == "2024-10"  # only the month is known
    text = _text(path)
    assert "À quoi sert le réseau" in text and "Qui peut y participer" in text
    assert "Solliciter la MIT" in text
    # The only quotation is the article's, word for word.
    published = " ".join(" ".join(str(v).split()) for v in [workshop["resume"], *workshop["enseignements"],
                                                           *workshop["suites"]])
    quotes = re.findall(r"« ([^»]{40,}) »", published)
    assert quotes == ["a permis de poser les bases d'une dynamique collective et d'acter la création "
                      "d'espaces d'échange pérennes"]


def test_rejection_rules_are_complete():
    """R2181-2 (MAPA, on request, 15 days): reasons, and for a regular offer the winning offer's
    characteristics and advantages and the winner's name; R2181-3: also the reasons for the choice."""
    text = _guide_text("choisir-procedure-marche")
    mapa = re.search(r"\*\*MAPA\*\* :(.*?)\(article R2181-2\)", text).group(1)
    for expected in ("15 jours", "motifs du rejet", "caractéristiques et avantages de l’offre retenue",
                     "nom de l’attributaire", "ni inappropriée, ni irrégulière, ni inacceptable"):
        assert expected in mapa, expected
    formal = re.search(r"\*\*Procédure formalisée\*\* :(.*?)\(article R2181-3\)", text).group(1)
    assert "motifs du choix de son offre" in formal and "date à partir de laquelle" in formal
