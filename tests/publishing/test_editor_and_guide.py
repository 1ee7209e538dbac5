"""VS Code settings and the contributor guide stay true to the code."""

from __future__ import annotations

import json
import re
from pathlib import Path

from mitkb.references import PLACEHOLDER
from mitkb.schemas import DATA_MODELS, KIND_SCHEMAS, SCHEMA_DIR

from ..conftest import ROOT
from .conftest import mitkb
from .test_scaffold import fill_placeholders

KIND_FOLDERS = {"methode": "methodes", "modele": "modeles", "atelier": "ateliers"}


def test_vscode_maps_each_content_folder_and_data_file_to_its_schema():
    settings = json.loads((ROOT / ".vscode/settings.json").read_text(encoding="utf-8"))
    mapping = {glob: schema for schema, globs in settings["yaml.schemas"].items() for glob in globs}
    expected = {f"guides/{KIND_FOLDERS[kind]}/*.yml": f"./{SCHEMA_DIR}/{kind}.schema.json" for kind in KIND_SCHEMAS}
    expected |= {f"data/{name}.yml": f"./{SCHEMA_DIR}/data/{name}.schema.json" for name in DATA_MODELS}
    assert mapping == expected
    for schema in mapping.values():
        assert (ROOT / schema).is_file(), schema
    assert settings["yaml.schemaStore.enable"] is False  # no schema fetched from a third-party host
    recommended = json.loads((ROOT / ".vscode/extensions.json").read_text(encoding="utf-8"))
    assert "redhat.vscode-yaml" in recommended["recommendations"]


def test_site_page_is_the_repository_guide():
    guide = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    page = (ROOT / "docs/contribuer.md").read_text(encoding="utf-8")
    front, _, body = page.partition("\n---\n\n")
    assert front.startswith("---\ntitle: Contribuer\n") and "render_macros: false" in front
    assert body == guide


def text_blocks(markdown: str) -> list[str]:
    return re.findall(r"```text\n(.*?)```", markdown, re.S)


def test_the_errors_shown_in_the_guide_are_what_mitkb_check_prints(tiny_site: Path):
    blocks = text_blocks((ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8"))
    created, placeholders, typo = blocks[0], blocks[1], blocks[2]

    result = mitkb("new", "methode", "Rénover l’éclairage public", cwd=tiny_site)
    assert result.returncode == 0
    assert result.stdout == created

    check = mitkb("check", cwd=tiny_site)
    assert check.returncode == 1
    printed = check.stderr.splitlines()
    for line in placeholders.strip().splitlines():
        if line.strip():
            assert line in printed, line

    path = tiny_site / "guides/methodes/renover-l-eclairage-public.yml"
    path.write_text(fill_placeholders(path.read_text(encoding="utf-8"), referent="mitt"), encoding="utf-8")
    check = mitkb("check", cwd=tiny_site)
    assert check.returncode == 1
    assert check.stderr.splitlines()[:2] == typo.strip().splitlines()


def test_the_guide_names_what_exists():
    guide = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    named = set(re.findall(r"`((?:\.github|\.vscode|guides|data|schemas)/[^`*…]*)`", guide))
    named.discard("guides/methodes/renover-l-eclairage-public.yml")  # the example that `mitkb new` creates
    assert {".github/workflows/site.yml", ".vscode/settings.json", "data/seuils.yml"} <= named
    for path in named:
        assert (ROOT / path).exists(), path
    assert PLACEHOLDER in guide and "mitkb new" in guide and "mitkb check" in guide
