"""The editor's configuration (Decap CMS), generated from the models' JSON schemas.

The same pydantic models give the JSON schemas of ``schemas/`` and this
configuration: a field added to a model appears in the editor, with its type,
whether it is required, its pattern and its choices, without touching this file.
Widgets follow the schema: text → string or text (long text), date → date
picker, enumeration → select, list of objects → list with sub-fields, a key that
names another file's identifier (see ``references._ID_CHOICES``) → relation or
select among the identifiers that exist.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..content import Site
from ..models import DATA_MODELS, KIND_MODELS
from ..references import _ID_CHOICES
from ..schemas import DESCRIPTIONS
from .labels import OPTION_LABELS, help_of, label_of, pattern_message

SHORT_TEXT = 200  # maxLength up to which a text is a one-line field
NEWEST_FIRST = {"historique"}  # lists whose new entries go on top (the most recent first)
DATE_PATTERN = r"\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])"

# Collections of content files: folder name → (label, singular label, schema name).
KIND_COLLECTIONS = {
    "methodes": ("Guides méthodologiques", "Guide méthodologique", "methode"),
    "modeles": ("Modèles de documents", "Modèle de document", "modele"),
    "ateliers": ("Comptes rendus d'ateliers", "Compte rendu d'atelier", "atelier"),
}
# Data files staff maintain here; thresholds (seuils) and domains stay reviewed changes made in the files.
DATA_FILES = {"contacts": "Contacts", "chiffres": "Chiffres clés", "glossaire": "Glossaire"}
DATA_COLLECTION = "donnees"
# Where a referenced identifier lives (``_ID_CHOICES``'s second member) → how to pick it.
RELATIONS = {
    "guides/methodes/": {"collection": "methodes", "value_field": "{{slug}}", "search_fields": ["titre"],
                         "display_fields": ["titre"]},
    "guides/modeles/": {"collection": "modeles", "value_field": "{{slug}}", "search_fields": ["titre"],
                        "display_fields": ["titre"]},
    "guides/ateliers/": {"collection": "ateliers", "value_field": "{{slug}}", "search_fields": ["titre"],
                         "display_fields": ["titre"]},
    "data/contacts.yml": {"collection": DATA_COLLECTION, "file": "contacts", "value_field": "contacts.*.id",
                          "search_fields": ["contacts.*.nom", "contacts.*.id"], "display_fields": ["contacts.*.nom"]},
}


def schema_header(collection: str, file: str | None = None) -> str:
    """The first line every content file carries (VS Code's YAML extension reads it)."""
    if file is None:
        return f"# yaml-language-server: $schema=../../schemas/{KIND_COLLECTIONS[collection][2]}.schema.json"
    return f"# yaml-language-server: $schema=../schemas/data/{file}.schema.json"


def format_name(collection: str, file: str | None = None) -> str:
    """Name of the custom YAML format the editor registers for a collection (mitkb-editeur.js)."""
    return f"mitkb-{file or collection}"


@dataclass
class _Context:
    """Turns one model's JSON schema into Decap fields; also records each mapping's key order."""

    defs: dict
    choices: dict[str, list[dict]]  # where (data file) → select options

    def resolve(self, schema: dict) -> dict:
        while "$ref" in schema:
            schema = self.defs[schema["$ref"].rsplit("/", 1)[-1]]
        return schema

    def fields(self, schema: dict) -> tuple[list[dict], dict]:
        """Decap fields of an object schema, and its shape (key order, nested shapes)."""
        schema = self.resolve(schema)
        required = set(schema.get("required", []))
        fields, shape = [], {"keys": [], "children": {}}
        for key, prop in schema.get("properties", {}).items():
            widget, child = self.field(key, prop, key in required)
            fields.append(widget)
            shape["keys"].append(key)
            if child:
                shape["children"][key] = child
        return fields, shape

    def field(self, key: str, prop: dict, required: bool) -> tuple[dict, dict | None]:
        out: dict = {"name": key, "label": label_of(key)}
        hint = help_of(key, prop.get("description"))
        if not required:
            out["required"] = False
        prop = self._collapse(self.resolve(prop))
        if "default" in prop and prop["default"] not in (None, []):
            out["default"] = prop["default"]
        where = _ID_CHOICES.get(key, (None, None))[1]
        shape = None
        kind = prop.get("type")
        if kind == "array":
            items = self._collapse(self.resolve(prop.get("items", {})))
            if prop.get("minItems"):
                out["min"] = prop["minItems"]
            if "enum" in items:
                out.update(widget="select", multiple=True, options=_options(items["enum"]))
            elif where in RELATIONS:
                out.update(widget="relation", multiple=True, **RELATIONS[where])
            elif where in self.choices:
                out.update(widget="select", multiple=True, options=self.choices[where])
            elif items.get("type") == "object":
                sub, shape = self.fields(items)
                out.update(widget="list", fields=sub, collapsed=False)
                if key in NEWEST_FIRST:
                    out["add_to_top"] = True
                summary = next((f["name"] for f in sub if f["name"] in ("titre", "nom", "terme", "id", "date")), None)
                if summary:
                    out["summary"] = "{{fields.%s}}" % summary
            else:
                single, _ = self.field(key, items, True)
                single.update(name="element", label=label_of(key))
                single.pop("hint", None)
                out.update(widget="list", field=single)
        elif kind == "object":
            sub, shape = self.fields(prop)
            out.update(widget="object", fields=sub)
        elif "enum" in prop:
            out.update(widget="select", options=_options(prop["enum"]))
        elif where in RELATIONS:
            out.update(widget="relation", **RELATIONS[where])
        elif where in self.choices:
            out.update(widget="select", options=self.choices[where])
        elif kind == "string" and prop.get("format") == "date":
            out.update(widget="datetime", format="YYYY-MM-DD", date_format="DD/MM/YYYY", time_format=False)
        elif kind == "string":
            long_text = prop.get("maxLength", SHORT_TEXT + 1) > SHORT_TEXT
            out["widget"] = "text" if long_text else "string"
            if "pattern" in prop:
                out["pattern"] = [prop["pattern"], pattern_message(prop["pattern"])]
            elif not long_text:
                out["pattern"] = [r"^[\s\S]{0,%d}$" % prop.get("maxLength", SHORT_TEXT),
                                  f"{prop.get('maxLength', SHORT_TEXT)} caractères au plus"]
        elif kind in ("integer", "number"):
            out.update(widget="number", value_type="int" if kind == "integer" else "float")
        elif kind == "boolean":
            out["widget"] = "boolean"
        else:  # a type this generator does not know: still editable, checked by `mitkb check`
            out["widget"] = "string"
        if hint:
            out["hint"] = hint
        return out, shape

    def _collapse(self, prop: dict) -> dict:
        """anyOf → one schema: optional (X | null) → X; numbers → number; strings → one pattern;
        objects → one object whose fields are all optional (the model checks the combination)."""
        variants = [self.resolve(v) for v in prop.get("anyOf", [])]
        variants = [v for v in variants if v.get("type") != "null"]
        if not variants:
            return prop
        base = {k: v for k, v in prop.items() if k != "anyOf"}
        if len(variants) == 1:
            return {**base, **self._collapse(variants[0])}
        variants = [self._collapse(v) for v in variants]
        kinds = {v.get("type") for v in variants}
        if kinds <= {"integer", "number"}:
            return {**base, "type": "number"}
        if kinds == {"string"} and not any("enum" in v for v in variants):
            parts = [DATE_PATTERN if v.get("format") == "date" else v.get("pattern", ".+").strip("^$") for v in variants]
            return {**base, "type": "string", "maxLength": SHORT_TEXT, "pattern": "^(?:" + "|".join(parts) + ")$"}
        if kinds == {"object"}:
            properties: dict = {}
            for variant in variants:
                properties.update(variant.get("properties", {}))
            return {**base, "type": "object", "properties": properties, "required": []}
        return {**base, "type": "string"}


def _options(values: list) -> list[dict]:
    return [{"label": OPTION_LABELS.get(str(v), str(v)), "value": v} for v in values]


def site_choices(site: Site | None) -> dict[str, list[dict]]:
    """Select options for identifiers of data files that are not edited here (domains, thresholds)."""
    if site is None:
        return {}
    return {
        "data/domaines.yml": [{"label": f"{d.label} ({d.type})", "value": d.id} for d in site.domains.values()],
        "data/seuils.yml": [{"label": t.label, "value": t.id} for t in site.thresholds.values()],
    }


@dataclass
class EditorConfig:
    """The configuration Decap reads (config.yml) and the shapes the YAML format writes with."""

    config: dict
    formats: dict[str, dict] = field(default_factory=dict)  # format name → {header, shape}


def editor_config(site: Site | None, backend: dict, publish_mode: str | None = "editorial_workflow") -> EditorConfig:
    choices = site_choices(site)
    collections, formats = [], {}
    for folder, model in KIND_MODELS.items():
        label, singular, _ = KIND_COLLECTIONS[folder]
        schema = model.model_json_schema(by_alias=True, mode="validation")
        fields, shape = _Context(schema.get("$defs", {}), choices).fields(schema)
        name = format_name(folder)
        formats[name] = {"header": schema_header(folder), "shape": shape}
        collections.append({
            "name": folder, "label": label, "label_singular": singular,
            "description": DESCRIPTIONS[KIND_COLLECTIONS[folder][2]],
            "folder": f"guides/{folder}", "extension": "yml", "format": name,
            "create": True, "delete": False, "identifier_field": "titre", "slug": "{{slug}}",
            "summary": "{{titre}}", "sortable_fields": ["titre"], "fields": fields,
        })
    files = []
    for name, label in DATA_FILES.items():
        model = DATA_MODELS[name]
        schema = model.model_json_schema(by_alias=True, mode="validation")
        fields, shape = _Context(schema.get("$defs", {}), choices).fields(schema)
        fmt = format_name(DATA_COLLECTION, name)
        formats[fmt] = {"header": schema_header(DATA_COLLECTION, name), "shape": shape}
        files.append({"name": name, "label": label, "file": f"data/{name}.yml", "format": fmt,
                      "description": DESCRIPTIONS[f"data/{name}"], "fields": fields})
    collections.append({"name": DATA_COLLECTION, "label": "Données partagées", "delete": False,
                        "editor": {"preview": False}, "files": files})
    config = {
        "backend": backend,
        "locale": "fr",
        "media_folder": "docs/assets/images",
        "public_folder": "/assets/images",
        "slug": {"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-"},
        "collections": collections,
    }
    if publish_mode:
        config["publish_mode"] = publish_mode
    return EditorConfig(config, formats)
