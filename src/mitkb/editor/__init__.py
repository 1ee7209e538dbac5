"""The web editor for MIT staff (Decap CMS), served by the site under /edition/.

One entry point for the build, ``editor_files``: the editor's page, its
configuration generated from the models (``config.py``), the data its preview
shows in place of the macros (thresholds and figures in force at the build date,
contacts), its scripts and the npm code it runs (``assets.py``).
``server.py`` serves the same files against the local working tree
(``mitkb editeur``, ``make editeur``).
"""

from __future__ import annotations

import datetime as dt
import html
import json
import os
from pathlib import Path

import yaml

from ..content import Site
from ..facts import Facts, MacroError
from ..models import AUDIENCE_LABELS, PHASE_LABELS, PROCEDURE_LABELS
from ..typography import french_html
from .assets import EditorAssetsError, vendor_files
from .config import EditorConfig, editor_config

__all__ = ["EditorAssetsError", "editor_files", "editor_config", "github_backend", "SITE_DIR"]

SITE_DIR = "edition"
WEB_DIR = Path(__file__).parent / "web"
OWN_FILES = ("mitkb-editeur.js", "mitkb-format.js", "mitkb-apercu.js", "mitkb-apercu.css", "mitkb-editeur.css")
# Address of the OAuth proxy that signs staff in to GitHub (see the README's one-time set-up).
OAUTH_ENV = "MITKB_EDITEUR_OAUTH"


def github_backend(repository, environ=None) -> dict | None:
    """Decap's GitHub backend for the repository, or None when it is not known."""
    environ = os.environ if environ is None else environ
    if repository is None or repository.owner_and_name is None:
        return None
    owner, name = repository.owner_and_name
    backend = {"name": "github", "repo": f"{owner}/{name}", "branch": repository.branch,
               "open_authoring": True, "squash_merges": True}
    if environ.get(OAUTH_ENV, "").strip():
        backend["base_url"] = environ[OAUTH_ENV].strip().rstrip("/")
    return backend


class _NoAliases(yaml.SafeDumper):
    def ignore_aliases(self, data):
        return True


def config_yaml(config: EditorConfig) -> str:
    return yaml.dump(config.config, Dumper=_NoAliases, allow_unicode=True, sort_keys=False, width=100)


def preview_data(site: Site, today: dt.date) -> dict:
    """What the preview shows in place of the macros, decided here, at the build date."""
    facts = Facts(site, today)
    thresholds = {}
    for threshold_id in site.thresholds:
        try:
            thresholds[threshold_id] = facts.seuil(threshold_id)
        except MacroError:
            continue
    contacts = {c.id: {"nom": c.name, "fonction": c.function, "organisme": c.organisation, "courriel": c.email,
                       "telephone": c.phone, "adresse": c.address} for c in site.contacts.values()}
    return {
        "seuils": thresholds,
        "chiffres": {figure_id: facts.chiffre(figure_id) for figure_id in site.figures},
        "contacts": contacts,
        "domaines": {d.id: d.label for d in site.domains.values()},
        "phases": PHASE_LABELS, "publics": AUDIENCE_LABELS, "procedures": PROCEDURE_LABELS,
        "date": today.isoformat(),
    }


def _legal_links(accessibility: str | None) -> str:
    """The footer every page of the site carries (overrides/partials/copyright.html), when published."""
    if accessibility is None:
        return ""
    return ('<nav class="mitkb-footer-links" aria-label="Informations légales">'
            f'<a href="../accessibilite/">Accessibilité : {html.escape(accessibility)}</a>'
            ' · <a href="../mentions-legales/">Mentions légales</a>'
            ' · <a href="../donnees-personnelles/">Données personnelles</a></nav>\n')


def index_html(backend: dict | None, accessibility: str | None = None) -> str:
    repo = html.escape(backend.get("repo", "") if backend else "")
    return f"""<!doctype html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>Éditeur de la base de connaissances – MIT Gers</title>
<link rel="stylesheet" href="mitkb-editeur.css">
</head>
<body data-depot="{repo}" data-backend="{html.escape(backend['name']) if backend else ''}">
<noscript><p>L'éditeur a besoin de JavaScript. Sans lui, suivez la page « Contribuer » du site.</p></noscript>
{_legal_links(accessibility)}<script src="reglages.js"></script>
<script src="vendor/decap/decap-cms.js"></script>
<script type="module" src="mitkb-editeur.js"></script>
</body>
</html>
"""


REQUIRED_ENV = "MITKB_EDITEUR_REQUIS"


def site_editor_files(root: Path, site: Site, today: dt.date, repository, environ=None,
                      accessibility: str | None = None) -> tuple[list[tuple[str, bytes]], str | None]:
    """What the build publishes under /edition/, and a note for the build log.

    Without the npm packages (``make editeur-installer``) the site is built without
    the editor and says so; with MITKB_EDITEUR_REQUIS=1 (CI) that is an error."""
    environ = os.environ if environ is None else environ
    backend = github_backend(repository, environ)
    try:
        files = editor_files(root, site, today, backend, accessibility=accessibility)
    except EditorAssetsError as exc:
        if environ.get(REQUIRED_ENV) == "1":
            raise
        return [], f"Éditeur web (/{SITE_DIR}/) non publié : {exc}."
    if backend is None:
        return files, (f"Éditeur web (/{SITE_DIR}/) publié sans dépôt GitHub connu (MITKB_DEPOT_URL) : "
                       "il affichera qu'il n'est pas configuré.")
    return files, None


def editor_files(root: Path, site: Site, today: dt.date, backend: dict | None,
                 publish_mode: str | None = "editorial_workflow",
                 accessibility: str | None = None) -> list[tuple[str, bytes]]:
    """(path in the site, content) of everything /edition/ serves (raises EditorAssetsError
    when the npm packages are not installed)."""
    vendor = vendor_files(root)
    config = editor_config(site, backend or {"name": "github", "repo": ""}, publish_mode)
    settings = {"formats": config.formats, "apercu": preview_data(site, today), "configure": backend is not None}
    files = [
        ("index.html", french_html(index_html(backend, accessibility)).encode()),  # French typography, as every page
        ("config.yml", config_yaml(config).encode()),
        ("reglages.js", ("window.CMS_MANUAL_INIT = true;\nwindow.MITKB_EDITEUR = "
                         + json.dumps(settings, ensure_ascii=False, indent=1) + ";\n").encode()),
    ]
    files += [(name, (WEB_DIR / name).read_bytes()) for name in OWN_FILES]
    files += vendor
    return [(f"{SITE_DIR}/{path}", content) for path, content in files]
