"""JSON Schema files for editors (VS Code's YAML extension), generated from the models."""

from __future__ import annotations

import json
from pathlib import Path

from .models import DATA_MODELS, Guide, Template, Workshop

SCHEMA_DIR = "schemas"
KIND_SCHEMAS = {"methode": Guide, "modele": Template, "atelier": Workshop}
DESCRIPTIONS = {
    "methode": "Guide méthodologique de la MIT (guides/methodes/<adresse>.yml).",
    "modele": "Modèle de document de commande publique (guides/modeles/<adresse>.yml).",
    "atelier": "Compte rendu d'un atelier du réseau Commande publique (guides/ateliers/<adresse>.yml).",
    "data/domaines": "Domaines d'intervention et thèmes transversaux (data/domaines.yml).",
    "data/chiffres": "Chiffres clés, avec leur source (data/chiffres.yml).",
    "data/contacts": "Contacts référents (data/contacts.yml).",
    "data/seuils": "Seuils de la commande publique, avec source et période d'application (data/seuils.yml).",
    "data/glossaire": "Sigles et termes expliqués (data/glossaire.yml).",
    "data/site": "Éditeur, directeur de la publication, hébergeur et contact principal du site (data/site.yml).",
}


def schema_documents() -> dict[str, str]:
    """Relative path → JSON text of every schema file."""
    documents: dict[str, str] = {}
    for name, model in KIND_SCHEMAS.items():
        documents[f"{name}.schema.json"] = _dump(model, DESCRIPTIONS[name])
    for name, model in DATA_MODELS.items():
        documents[f"data/{name}.schema.json"] = _dump(model, DESCRIPTIONS[f"data/{name}"])
    from .publisher.model import SiteFacts  # optional data file, loaded by mitkb.publisher

    documents["data/site.schema.json"] = _dump(SiteFacts, DESCRIPTIONS["data/site"])
    return documents


def _dump(model, description: str) -> str:
    schema = model.model_json_schema(by_alias=True, mode="validation")
    schema["description"] = description
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def write_schemas(root: Path) -> list[Path]:
    written = []
    for relative, text in schema_documents().items():
        path = Path(root) / SCHEMA_DIR / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            written.append(path)
    return written
