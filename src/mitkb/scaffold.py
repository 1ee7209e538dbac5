"""`mitkb new`: start a guide, a template or a workshop write-up from a title.

The new file is valid YAML at the right place, with every required field and a
French comment above each one saying what to write. Where only the author knows
the answer, it holds the placeholder « À COMPLÉTER »: `mitkb check` fails on each
one, at its line, until it is replaced. The modeline on the first line lets VS Code's
YAML extension validate and complete the file against `schemas/`.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from .content import CONTENT_DIR
from .references import PLACEHOLDER

MAX_SLUG_LENGTH = 80  # the models' identifier limit
MAX_TITLE_LENGTH = 200

# Command-line name of each kind → (content folder, schema name, what it is).
KINDS = {
    "methode": ("methodes", "methode", "Guide méthodologique"),
    "modele": ("modeles", "modele", "Modèle de document de commande publique"),
    "atelier": ("ateliers", "atelier", "Compte rendu d'atelier du réseau Commande publique"),
}


class ScaffoldError(Exception):
    """A French message explaining why nothing was written."""


@dataclass(frozen=True)
class Scaffold:
    path: Path
    relative: str
    slug: str


def slugify(title: str) -> str:
    """« Réhabiliter l’école : étapes » → « rehabiliter-l-ecole-etapes » (80 characters at most)."""
    text = title.replace("œ", "oe").replace("Œ", "Oe").replace("æ", "ae").replace("Æ", "Ae")
    text = re.sub(r"[\W_]+", " ", text)  # apostrophes, punctuation and symbols separate words
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    slug = re.sub(r"[^a-z0-9]+", "-", text).strip("-")
    if len(slug) > MAX_SLUG_LENGTH:
        slug = slug[:MAX_SLUG_LENGTH].rsplit("-", 1)[0] if "-" in slug[:MAX_SLUG_LENGTH] else slug[:MAX_SLUG_LENGTH]
    return slug


def _quoted(text: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def _one_year_later(day: dt.date) -> dt.date:
    try:
        return day.replace(year=day.year + 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year + 1, day=28)


def _header(kind: str, today: dt.date) -> str:
    _, schema, label = KINDS[kind]
    return f"""\
# yaml-language-server: $schema=../../schemas/{schema}.schema.json
# {label}, créé avec « mitkb new » le {today.isoformat()}.
# Remplacez chaque « {PLACEHOLDER} » puis lancez « mitkb check » : tant qu'il en reste un, la
# vérification échoue et indique sa ligne. Les lignes qui commencent par « # » sont des
# commentaires, ignorés à la publication : effacez-les quand vous n'en avez plus besoin.
"""


def _review_and_history(today: dt.date) -> str:
    return f"""\
# Date de votre relecture (AAAA-MM-JJ), et date de la prochaine, dans un an au plus tard.
relu_le: {today.isoformat()}
prochaine_relecture: {_one_year_later(today).isoformat()}
# Historique public des changements importants, le plus récent en premier : chaque entrée
# (date et une phrase courte) s'affiche dans « Quoi de neuf » et dans le flux RSS.
historique:
  - date: {today.isoformat()}
    note: Première publication.
"""


def guide_text(title: str, today: dt.date) -> str:
    return _header("methode", today) + f"""
# Titre du guide, tel qu'il s'affiche en haut de la page (200 caractères au plus).
titre: {_quoted(title)}
# Domaine d'intervention principal : un identifiant de data/domaines.yml (de type « domaine »),
# par exemple eau-assainissement.
domaine: {PLACEHOLDER}
# Thèmes transversaux (facultatif) : des identifiants de data/domaines.yml, par exemple
# [commande-publique, transition-ecologique]. Laissez [] s'il n'y en a pas.
themes: []
# À qui s'adresse le guide : communes, epci, ou les deux. Retirez ce qui ne convient pas.
public: [communes, epci]
# L'essentiel en quelques phrases, pour un élu pressé : de quoi s'agit-il, que faire d'abord,
# qui peut aider ? Markdown accepté (**gras**, listes).
en_bref: >
  {PLACEHOLDER}
# Les étapes, dans l'ordre ; copiez le bloc « - phase: … » pour en ajouter une.
# phase : besoins, faisabilite-technique, faisabilite-juridique, faisabilite-financiere,
# montage, passation, execution ou suivi. titre : court. texte : concret, en Markdown.
etapes:
  - phase: {PLACEHOLDER}
    titre: {PLACEHOLDER}
    texte: |
      {PLACEHOLDER}
# Qui peut aider la collectivité, et comment (un élément par acteur).
acteurs:
  - nom: {PLACEHOLDER}
    role: {PLACEHOLDER}
# Points de vigilance : erreurs fréquentes, délais à ne pas manquer (un élément par point).
vigilance:
  - {PLACEHOLDER}
# Modèles de documents utiles (facultatif) : noms de fichiers de guides/modeles/ sans « .yml ».
modeles: []
# Ateliers du réseau liés (facultatif) : noms de fichiers de guides/ateliers/ sans « .yml ».
ateliers: []
# Textes de référence : chaque article cité dans le texte, et lui seul, avec son code
# (CCP, CGCT, CE, CU, CCH, CVR, CR, CSP, CRPM), par exemple
#   - {{code: CCP, article: R2122-8, objet: Marchés sans publicité ni mise en concurrence}}
# ou un document public : - {{titre: …, editeur: …, date: AAAA-MM-JJ, url: https://…}}
sources: []
# Référent : un identifiant de data/contacts.yml (la personne ou le service à contacter).
referent: {PLACEHOLDER}
""" + _review_and_history(today)


def template_text(title: str, today: dt.date) -> str:
    return _header("modele", today) + f"""
# Titre du modèle, tel qu'il s'affiche en haut de la page (200 caractères au plus).
titre: {_quoted(title)}
# Mise en page du document : courrier, deliberation, decision, arrete, rapport, reglement ou avis.
# Elle décide comment les sections s'impriment (page Contribuer, « Écrire un modèle de document »).
forme: rapport
# À quoi sert ce document, en une ou deux phrases.
objet: >
  {PLACEHOLDER}
# Dans quelle situation l'utiliser. Un montant s'écrit avec une macro, jamais à la main :
# {{{{ seuil('identifiant') }}}} (identifiants dans data/seuils.yml).
quand: >
  {PLACEHOLDER}
# Procédures concernées : sans-publicite, mapa ou formalisee (la première classe le modèle).
procedures: [{PLACEHOLDER}]
# Seuils cités (facultatif) : identifiants de data/seuils.yml. Laissez [] s'il n'y en a pas.
seuils: []
# Base légale : code (CCP ou CGCT), article tel qu'écrit sur Légifrance (par exemple R2122-8)
# et son objet (facultatif : supprimez la ligne « objet » si inutile). Copiez le bloc
# « - code: … » pour ajouter un article.
base_legale:
  - code: {PLACEHOLDER}
    article: {PLACEHOLDER}
    objet: {PLACEHOLDER}
# Les passages que l'utilisateur remplit : id (minuscules et « _ »), libellé, aide et exemple
# facultatifs, type facultatif (texte, texte_long, date, montant, nombre, heure). Chaque champ
# s'utilise dans le corps avec {{{{ champ('id') }}}}, autant de fois qu'il le faut : il se remplit une fois.
champs:
  - id: nom_collectivite
    libelle: Nom de la collectivité
    aide: Nom officiel de la commune ou de l'intercommunalité.
# Le texte du document, section par section (Markdown ; macros seuil et champ permises).
corps:
  - titre: {PLACEHOLDER}
    texte: |
      {PLACEHOLDER}
      La {{{{ champ('nom_collectivite') }}}} …
# Version du modèle, entre guillemets : "1.0" pour la première publication.
version: "1.0"
# Si un autre modèle remplace celui-ci un jour, ajoutez : remplace_par: nom-du-nouveau-modele
# Référent : un identifiant de data/contacts.yml (la personne ou le service à contacter).
referent: {PLACEHOLDER}
""" + _review_and_history(today)


def workshop_text(title: str, today: dt.date) -> str:
    return _header("atelier", today) + f"""
# Titre de l'atelier (200 caractères au plus).
titre: {_quoted(title)}
# Date de l'atelier : AAAA-MM-JJ, ou AAAA-MM si le jour n'est pas connu (sans guillemets).
date: {PLACEHOLDER}
# Lieu (facultatif), par exemple : lieu: Auch
# Thèmes abordés : au moins un identifiant de data/domaines.yml, par exemple [commande-publique].
themes: [{PLACEHOLDER}]
# Résumé de l'atelier en quelques phrases : qui était là, de quoi on a parlé.
resume: >
  {PLACEHOLDER}
# Ce qu'il faut retenir (un élément par enseignement).
enseignements:
  - {PLACEHOLDER}
# Les suites prévues (un élément par action).
suites:
  - {PLACEHOLDER}
# Guides et modèles liés (facultatif) : noms de fichiers de guides/methodes/ et guides/modeles/
# sans « .yml ».
methodes: []
modeles: []
# Historique public des changements importants, le plus récent en premier : chaque entrée
# (date et une phrase courte) s'affiche dans « Quoi de neuf » et dans le flux RSS.
historique:
  - date: {today.isoformat()}
    note: Publication du compte rendu.
"""


WRITERS = {"methode": guide_text, "modele": template_text, "atelier": workshop_text}


def create(root: Path, kind: str, title: str, today: dt.date, slug: str | None = None) -> Scaffold:
    """Write the new file and return where it is; never overwrite an existing file."""
    if kind not in KINDS:
        raise ScaffoldError(f"type inconnu « {kind} » : choisissez methode, modele ou atelier.")
    if not (Path(root) / CONTENT_DIR).is_dir() and not (Path(root) / "mkdocs.yml").is_file():
        raise ScaffoldError(
            f"{Path(root)} n'est pas la racine du projet (ni dossier {CONTENT_DIR}/ ni mkdocs.yml) : "
            "lancez la commande à la racine du dépôt, ou précisez-la avec --racine."
        )
    title = " ".join(title.split())
    if not title:
        raise ScaffoldError("le titre est vide : écrivez-le entre guillemets, par exemple "
                            "mitkb new methode \"Réhabiliter une école\".")
    if len(title) > MAX_TITLE_LENGTH:
        raise ScaffoldError(f"titre trop long ({len(title)} caractères, {MAX_TITLE_LENGTH} au plus) : raccourcissez-le.")
    slug = slug if slug is not None else slugify(title)
    if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", slug) or len(slug) > MAX_SLUG_LENGTH:
        raise ScaffoldError(
            f"adresse invalide « {slug} » : minuscules sans accent, chiffres et tirets "
            f"({MAX_SLUG_LENGTH} caractères au plus). Précisez-la avec --adresse, par exemple --adresse rehabiliter-ecole."
        )
    folder, _, _ = KINDS[kind]
    relative = f"{CONTENT_DIR}/{folder}/{slug}.yml"
    path = Path(root) / relative
    if path.exists():
        raise ScaffoldError(
            f"{relative} existe déjà : rien n'a été écrit. Modifiez ce fichier, ou choisissez "
            "un autre titre ou une autre adresse (--adresse)."
        )
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        with path.open("x", encoding="utf-8", newline="\n") as handle:  # "x": never overwrite
            handle.write(WRITERS[kind](title, today))
    except FileExistsError:
        raise ScaffoldError(f"{relative} existe déjà : rien n'a été écrit.") from None
    return Scaffold(path, relative, slug)
