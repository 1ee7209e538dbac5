"""« Remplir en ligne »: the form of a template page and the script it loads.

The form has one input per field of the template (its label, its help, the
input its type calls for); the script (``web/remplir.js``, built from
``web/remplir.mjs`` by ``make remplir``) fills the published .docx and .odt in the
browser with the markers this package gives it (``fields.browser_config``). The
section is hidden until the script shows it: without JavaScript, the page keeps
its plain downloads.
"""

from __future__ import annotations

import html
import json
from pathlib import Path

from ..models import FillField
from .fields import browser_config

SCRIPT_PATH = "assets/javascripts/remplir.js"  # in the site
SCRIPT_FILE = Path(__file__).parent / "web" / "remplir.js"  # built, committed
FORM_ID = "mitkb-remplir"
CONFIG_ID = "mitkb-remplir-config"

# Field type → the input's attributes (the keyboard a phone shows, the date picker…).
INPUTS: dict[str, str] = {
    "texte": 'type="text"',
    "date": 'type="date"',
    "heure": 'type="time"',
    "montant": 'type="text" inputmode="decimal" pattern="[0-9 ]*([,.][0-9]{1,2})?"',
    "nombre": 'type="number" inputmode="numeric" min="0" step="1"',
}


def script_assets() -> list[tuple[str, bytes]]:
    """(path in the site, content) of the filling script, published with the site."""
    return [(SCRIPT_PATH, SCRIPT_FILE.read_bytes())]


def form_config(fields: list[FillField]) -> dict:
    return dict(browser_config(), fields=[{"id": f.id, "type": f.type or "texte"} for f in fields])


def _input(field: FillField, help_text: str | None) -> str:
    name = html.escape(field.id)
    input_id = f"champ-{name}"
    described = f' aria-describedby="aide-{name}"' if help_text else ""
    kind = field.type or "texte"
    label = html.escape(field.label)
    if kind == "montant":
        label += " (en euros)"
    lines = ['<div class="mitkb-remplir-champ">', f'<label for="{input_id}">{label}</label>']
    if help_text:
        lines.append(f'<span class="mitkb-remplir-aide" id="aide-{name}">{html.escape(help_text)}</span>')
    if kind == "texte_long":
        lines.append(f'<textarea id="{input_id}" name="{name}" rows="3"{described}></textarea>')
    else:
        lines.append(f'<input id="{input_id}" name="{name}" {INPUTS[kind]} autocomplete="off"{described}>')
    lines.append("</div>")
    return "".join(lines)


def fill_form(slug: str, fields: list[FillField], helps: dict[str, str], docx_url: str, odt_url: str,
              script_url: str) -> str:
    """The HTML of the « Remplir en ligne » section (hidden until its script runs)."""
    config = json.dumps(form_config(fields), ensure_ascii=False).replace("</", "<\\/")
    inputs = "\n".join(_input(field, helps.get(field.id)) for field in fields)
    return "\n".join([
        '<section class="mitkb-remplir" aria-labelledby="remplir-en-ligne" hidden>',
        '<h2 id="remplir-en-ligne">Remplir en ligne</h2>',
        "<p>Saisissez vos informations, puis téléchargez le document rempli. Un champ qui revient "
        "plusieurs fois dans le document ne se saisit qu'une fois. <strong>Tout se passe dans votre "
        "navigateur : rien n'est envoyé à un serveur ni conservé</strong> ; les valeurs disparaissent "
        "quand vous quittez la page. Un champ laissé vide reste surligné dans le document, à compléter.</p>",
        f'<form id="{FORM_ID}" class="mitkb-remplir-formulaire" data-modele="{html.escape(slug)}" '
        f'data-docx="{html.escape(docx_url)}" data-odt="{html.escape(odt_url)}">',
        inputs,
        '<div class="mitkb-remplir-boutons">',
        '<button type="button" class="md-button md-button--primary" data-format="docx">'
        "Télécharger le document rempli (Word)</button>",
        '<button type="button" class="md-button md-button--primary" data-format="odt">'
        "Télécharger le document rempli (OpenDocument)</button>",
        "</div>",
        '<p role="status" aria-live="polite"></p>',
        "</form>",
        f'<script type="application/json" id="{CONFIG_ID}">{config}</script>',
        f'<script type="module" src="{html.escape(script_url)}"></script>',
        "</section>",
    ])
