"""The editor's configuration follows the models: a test walks both and fails when they drift apart."""

from __future__ import annotations

import datetime as dt
import json
from typing import Literal, Optional, Union

import pytest
from pydantic import Field

from mitkb.content import load_site
from mitkb.editor import config_yaml, editor_files, github_backend
from mitkb.editor.assets import EditorAssetsError, check_installed
from mitkb.editor.config import DATA_COLLECTION, DATA_FILES, RELATIONS, _Context, editor_config
from mitkb.models import DATA_MODELS, KIND_MODELS, Strict, Text
from mitkb.publishing import Repository
from mitkb.references import _ID_CHOICES

from ..conftest import ROOT


@pytest.fixture(scope="module")
def config() -> dict:
    site, _ = load_site(ROOT)
    return editor_config(site, {"name": "github", "repo": "a/b"}).config


def resolve(schema: dict, defs: dict) -> dict:
    while "$ref" in schema:
        schema = defs[schema["$ref"].rsplit("/", 1)[-1]]
    return schema


def non_null(schema: dict, defs: dict) -> list[dict]:
    schema = resolve(schema, defs)
    variants = [resolve(v, defs) for v in schema.get("anyOf", [schema])]
    return [v for v in variants if v.get("type") != "null"]


def assert_fields_follow(schema: dict, fields: list[dict], defs: dict, where: str) -> None:
    """Every property, in order, is a field; required, choices, patterns and sub-fields agree."""
    schema = resolve(schema, defs)
    properties = schema.get("properties", {})
    assert [f["name"] for f in fields] == list(properties), where
    required = set(schema.get("required", []))
    for field in fields:
        key, prop = field["name"], properties[field["name"]]
        here = f"{where}.{key}"
        assert field.get("required", True) is (key in required), here
        assert field["label"] and field["label"] != key or key in ("id",), here
        variants = non_null(prop, defs)
        if len(variants) != 1:
            continue  # unions: merged by the generator, checked by `mitkb check`
        prop = variants[0]
        item_variants = non_null(prop.get("items", {}), defs) if prop.get("type") == "array" else [None]
        if len(item_variants) != 1:
            continue  # a list of alternatives: one merged object, checked by `mitkb check`
        items = item_variants[0]
        enum = (items or prop).get("enum")
        if enum:
            assert field["widget"] == "select" and [o["value"] for o in field["options"]] == enum, here
            assert field.get("multiple", False) is (items is not None), here
        elif key in _ID_CHOICES:
            assert field["widget"] in ("relation", "select"), here
            if _ID_CHOICES[key][1] in RELATIONS:
                assert field["widget"] == "relation", here
        elif items is not None and items.get("type") == "object":
            assert field["widget"] == "list" and field.get("min", 0) == prop.get("minItems", 0), here
            assert_fields_follow(items, field["fields"], defs, here)
        elif items is not None:
            assert field["widget"] == "list" and field["field"]["widget"] in ("string", "text"), here
        elif prop.get("format") == "date":
            assert field["widget"] == "datetime" and field["format"] == "YYYY-MM-DD", here
        elif "pattern" in prop:
            assert field["pattern"][0] == prop["pattern"], here
        elif prop.get("type") in ("integer", "number"):
            assert field["widget"] == "number", here


def test_each_content_collection_follows_its_model(config):
    collections = {c["name"]: c for c in config["collections"]}
    for folder, model in KIND_MODELS.items():
        schema = model.model_json_schema(by_alias=True)
        collection = collections[folder]
        assert collection["folder"] == f"guides/{folder}" and collection["extension"] == "yml"
        assert_fields_follow(schema, collection["fields"], schema.get("$defs", {}), folder)


def test_the_data_files_staff_maintain_follow_their_models_and_thresholds_stay_out(config):
    data = next(c for c in config["collections"] if c["name"] == DATA_COLLECTION)
    assert [f["name"] for f in data["files"]] == list(DATA_FILES)
    for entry in data["files"]:
        schema = DATA_MODELS[entry["name"]].model_json_schema(by_alias=True)
        assert entry["file"] == f"data/{entry['name']}.yml"
        assert_fields_follow(schema, entry["fields"], schema.get("$defs", {}), entry["name"])
    edited = {f["file"] for f in data["files"]} | {c.get("folder") for c in config["collections"]}
    assert "data/seuils.yml" not in edited


def test_references_are_picked_among_what_exists(config):
    guides = next(c for c in config["collections"] if c["name"] == "methodes")
    fields = {f["name"]: f for f in guides["fields"]}
    assert fields["referent"]["widget"] == "relation" and fields["referent"]["value_field"] == "contacts.*.id"
    assert fields["modeles"]["widget"] == "relation" and fields["modeles"]["collection"] == "modeles"
    site, _ = load_site(ROOT)
    assert {o["value"] for o in fields["domaine"]["options"]} == set(site.domains)
    assert fields["historique"]["add_to_top"] is True  # the most recent entry first
    phases = next(f for f in fields["etapes"]["fields"] if f["name"] == "phase")
    assert phases["options"][0] == {"label": "Définition des besoins", "value": "besoins"}


class _Source(Strict):
    code: Literal["CCP", "CGCT"]
    article: str


class _Document(Strict):
    title: str = Field(alias="titre")
    url: Optional[str] = None


class _FutureTemplate(Strict):
    """A model with fields this generator has never seen (another change adds fields like these)."""

    title: Text = Field(alias="titre")
    form: Literal["lettre", "decision"] = Field("lettre", alias="forme", description="La mise en page du document.")
    sources: list[Union[_Source, _Document]] = Field(default_factory=list)
    when: Optional[dt.date] = Field(None, alias="quand")


def test_a_field_added_to_a_model_appears_without_changing_the_generator():
    schema = _FutureTemplate.model_json_schema(by_alias=True)
    fields, shape = _Context(schema.get("$defs", {}), {}).fields(schema)
    by_name = {f["name"]: f for f in fields}
    assert shape["keys"] == ["titre", "forme", "sources", "quand"]
    assert by_name["forme"] == {"name": "forme", "label": "Forme du document", "required": False, "default": "lettre",
                                "widget": "select", "options": [{"label": "lettre", "value": "lettre"},
                                                                {"label": "decision", "value": "decision"}],
                                "hint": "La mise en page du document."}
    assert [f["name"] for f in by_name["sources"]["fields"]] == ["code", "article", "titre", "url"]
    assert all(f.get("required") is False for f in by_name["sources"]["fields"])
    assert by_name["quand"]["widget"] == "datetime" and by_name["quand"]["required"] is False
    unknown, _ = _Context({}, {}).field("nombre_de_pages", {"type": "integer"}, True)
    assert unknown == {"name": "nombre_de_pages", "label": "Nombre de pages", "widget": "number", "value_type": "int"}
    assert_fields_follow(schema, fields, schema.get("$defs", {}), "futur")


def test_the_published_configuration_signs_in_to_the_repository_of_the_site(tmp_path):
    repository = Repository("https://github.com/cd32/mitkb", "main")
    backend = github_backend(repository, {"MITKB_EDITEUR_OAUTH": "https://auth.example.org/"})
    assert backend == {"name": "github", "repo": "cd32/mitkb", "branch": "main", "open_authoring": True,
                       "squash_merges": True, "base_url": "https://auth.example.org"}
    assert github_backend(None, {}) is None
    site, _ = load_site(ROOT)
    files = dict(editor_files(ROOT, site, dt.date(2026, 11, 27), backend))
    assert "backend:\n  name: github\n  repo: cd32/mitkb\n" in files["edition/config.yml"].decode()
    assert "publish_mode: editorial_workflow" in files["edition/config.yml"].decode()
    settings = json.loads(files["edition/reglages.js"].decode().split("window.MITKB_EDITEUR = ", 1)[1].rstrip(";\n"))
    assert settings["apercu"]["seuils"]["sans-publicite-travaux"].endswith("€\u00a0HT")
    assert "edition/vendor/decap/decap-cms.js" in files and "edition/vendor/yaml/index.js" in files


def test_a_missing_or_unpinned_install_is_refused_in_french(tmp_path):
    (tmp_path / "editeur").mkdir()
    (tmp_path / "editeur/package.json").write_text('{"dependencies": {"decap-cms": "3.16.3"}}', encoding="utf-8")
    (tmp_path / "editeur/package-lock.json").write_text(
        '{"packages": {"node_modules/decap-cms": {"version": "3.16.3", "integrity": "sha512-x"}}}', encoding="utf-8")
    with pytest.raises(EditorAssetsError, match="make editeur-installer"):
        check_installed(tmp_path)
    (tmp_path / "editeur/package-lock.json").write_text(
        '{"packages": {"node_modules/decap-cms": {"version": "3.15.0"}}}', encoding="utf-8")
    with pytest.raises(EditorAssetsError, match="somme de contrôle"):
        check_installed(tmp_path)


def test_the_built_site_serves_the_editor_outside_the_search_index(built_site):
    page = (built_site / "edition/index.html").read_text(encoding="utf-8")
    assert '<meta name="robots" content="noindex">' in page
    assert "data-pagefind-body" not in page  # Pagefind indexes only the pages that carry it
    assert '<a href="../accessibilite/">Accessibilité\u00a0: non conforme</a>' in page  # the legal footer of every page
    for path in ("config.yml", "reglages.js", "mitkb-format.js", "vendor/decap/decap-cms.js", "vendor/yaml/index.js"):
        assert (built_site / "edition" / path).is_file(), path


def test_mitkb_editeur_configuration_prints_the_generated_configuration(tmp_path):
    import subprocess
    import sys

    import yaml

    result = subprocess.run([sys.executable, "-m", "mitkb.cli", "--racine", str(ROOT), "editeur", "--configuration"],
                            capture_output=True, text=True, env={"MITKB_DEPOT_URL": "https://github.com/cd32/mitkb",
                                                                 "PATH": "/usr/bin:/bin"})
    assert result.returncode == 0, result.stderr
    printed = yaml.safe_load(result.stdout)
    site, _ = load_site(ROOT)
    assert printed == editor_config(site, {"name": "github", "repo": "cd32/mitkb", "branch": "main",
                                           "open_authoring": True, "squash_merges": True}).config
