"""French labels and help texts of the editor's fields, by YAML key.

A key missing here still gets a field: its label is the key made readable
(« prochaine_relecture » → « Prochaine relecture ») and its help is the
model's own ``description`` when it has one, so that a field added to the
models appears in the editor without touching this file.
"""

from __future__ import annotations

from .. import models

# YAML key → (label, help). The help says what to write, like `mitkb new`'s comments.
FIELDS: dict[str, tuple[str, str]] = {
    "titre": ("Titre", "Tel qu'il s'affiche en haut de la page (200 caractères au plus)."),
    "domaine": ("Domaine", "Le domaine d'intervention principal."),
    "themes": ("Thèmes", "Thèmes transversaux (facultatif pour un guide)."),
    "public": ("Public", "À qui s'adresse le guide : communes, intercommunalités, ou les deux."),
    "en_bref": ("En bref", "L'essentiel en quelques phrases, pour un élu pressé : de quoi s'agit-il, "
                "que faire d'abord, qui peut aider ? Markdown accepté (**gras**, listes avec « - »)."),
    "etapes": ("Étapes", "Les étapes, dans l'ordre."),
    "phase": ("Phase", "La phase du projet à laquelle l'étape appartient."),
    "texte": ("Texte", "Concret, en Markdown (**gras**, listes avec « - », liens [texte](https://…)). "
              "Un montant s'écrit avec une macro, par exemple {{ seuil('identifiant') }}."),
    "acteurs": ("Acteurs", "Qui peut aider la collectivité, et comment (un élément par acteur)."),
    "nom": ("Nom", ""),
    "role": ("Rôle", "Ce que cet acteur apporte."),
    "vigilance": ("Points de vigilance", "Erreurs fréquentes, délais à ne pas manquer (un élément par point)."),
    "modeles": ("Modèles de documents liés", "Facultatif."),
    "ateliers": ("Ateliers liés", "Facultatif."),
    "methodes": ("Guides liés", "Facultatif."),
    "referent": ("Référent", "La personne ou le service à contacter (liste des contacts)."),
    "relu_le": ("Relu le", "Date de votre relecture."),
    "prochaine_relecture": ("Prochaine relecture", "Dans un an au plus tard ; après la date de relecture."),
    "historique": ("Historique public", "Les changements importants, le plus récent en premier : chaque "
                   "entrée s'affiche dans « Quoi de neuf » et dans le flux RSS."),
    "date": ("Date", "AAAA-MM-JJ."),
    "note": ("Note", "Une phrase courte, sur une seule ligne."),
    "objet": ("Objet", "À quoi sert ce document, en une ou deux phrases."),
    "quand": ("Quand l'utiliser", "Dans quelle situation l'utiliser. Un montant s'écrit avec une macro, "
              "jamais à la main : {{ seuil('identifiant') }}."),
    "procedures": ("Procédures", "La première classe le modèle."),
    "seuils": ("Seuils cités", "Facultatif. Les seuils eux-mêmes se modifient par une demande relue."),
    "base_legale": ("Base légale", "Un élément par article cité."),
    "code": ("Code", ""),
    "article": ("Article", "Tel qu'écrit sur Légifrance, par exemple R2122-8."),
    "champs": ("Champs à remplir", "Les passages que l'utilisateur remplit ; chacun s'utilise dans le "
               "corps avec {{ champ('id') }}."),
    "id": ("Identifiant", "minuscules sans accent, chiffres et tirets ; ne le changez plus une fois publié."),
    "libelle": ("Libellé", ""),
    "aide": ("Aide", "Facultatif."),
    "exemple": ("Exemple", "Facultatif."),
    "corps": ("Corps du document", "Le texte du document, section par section (Markdown ; macros "
              "seuil et champ permises)."),
    "version": ("Version", "Par exemple 1.0 pour la première publication."),
    "remplace_par": ("Remplacé par", "Facultatif : le modèle qui remplace celui-ci."),
    "lieu": ("Lieu", "Facultatif, par exemple Auch."),
    "resume": ("Résumé", "Qui était là, de quoi on a parlé, en quelques phrases."),
    "enseignements": ("Ce qu'il faut retenir", "Un élément par enseignement."),
    "suites": ("Suites prévues", "Un élément par action."),
    "contacts": ("Contacts", ""),
    "fonction": ("Fonction", "Facultatif."),
    "organisme": ("Organisme", "Facultatif."),
    "description": ("Description", "Facultatif."),
    "courriel": ("Courriel", "Facultatif, par exemple prenom.nom@gers.fr."),
    "telephone": ("Téléphone", "Facultatif, par exemple 05 62 00 00 00."),
    "adresse": ("Adresse", "Facultatif."),
    "site": ("Site internet", "Facultatif : une adresse en https://."),
    "chiffres": ("Chiffres clés", ""),
    "valeur": ("Valeur", "Un nombre, sans unité."),
    "unite": ("Unité", "Facultatif, par exemple %."),
    "prefixe": ("Préfixe", "Facultatif : + ou − devant le nombre."),
    "periode": ("Période", "Par exemple 2024."),
    "source": ("Source", "D'où vient le chiffre."),
    "fiabilite": ("Fiabilité", ""),
    "termes": ("Termes", ""),
    "terme": ("Terme ou sigle", ""),
    "forme_longue": ("Forme longue", "Facultatif : le sigle écrit en toutes lettres."),
    "definition": ("Définition", "Générale, en une ou deux phrases."),
    # Keys other changes add to the models (guide sources, template layout): labels ready for them.
    "sources": ("Sources", "Un article de code (code, article, objet) ou un document (titre, éditeur, date, "
                "adresse en https://)."),
    "forme": ("Forme du document", ""),
    "editeur": ("Éditeur", "Qui publie le document cité."),
    "url": ("Adresse", "Une adresse en https://."),
}

# Values of enumerations → French labels: every ``*_LABELS`` table of the models
# (phases, public, procedures, codes…); a value without one shows as written.
OPTION_LABELS: dict[str, str] = {
    value: label
    for name, table in vars(models).items() if name.endswith("_LABELS") and isinstance(table, dict)
    for value, label in table.items()
}

# Patterns → what the author reads when a value does not match.
PATTERN_MESSAGES: dict[str, str] = {
    r"^[a-z0-9]+(-[a-z0-9]+)*$": "minuscules sans accent, chiffres et tirets seulement (par exemple eclairage-public)",
    r"^[a-z][a-z0-9_]*$": "minuscules sans accent, chiffres et « _ », en commençant par une lettre (par exemple nom_collectivite)",
    r"^\d+(\.\d+){0,2}$": "un numéro de version, par exemple 1.0 ou 2.1",
}


def label_of(key: str) -> str:
    if key in FIELDS:
        return FIELDS[key][0]
    text = key.replace("_", " ").strip()
    return text[:1].upper() + text[1:]


def help_of(key: str, description: str | None) -> str:
    if description:
        return description
    return FIELDS.get(key, ("", ""))[1]


def pattern_message(pattern: str) -> str:
    return PATTERN_MESSAGES.get(pattern, "voyez l'aide sous le champ")
