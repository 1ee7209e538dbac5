"""Helpers for the editor's tests: Node.js and the npm packages of editeur/."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from mitkb.content import load_site
from mitkb.editor import editor_config
from mitkb.editor.assets import EditorAssetsError, yaml_module

from ..conftest import ROOT, require_tool

HERE = Path(__file__).parent
FORMAT_JS = ROOT / "src/mitkb/editor/web/mitkb-format.js"


@pytest.fixture(scope="session")
def node() -> str:
    """Node.js with the editor's npm packages installed (make editeur-installer).

    The editor is browser code: CI requires it with the browser (MITKB_REQUIRE_BROWSER=1)."""
    path = shutil.which("node")
    require_tool("MITKB_REQUIRE_BROWSER", path is not None, "Node.js (pour l'éditeur)")
    try:
        yaml_module(ROOT)
    except EditorAssetsError as exc:
        require_tool("MITKB_REQUIRE_BROWSER", False, f"l'éditeur installé ({exc})")
    return path


@pytest.fixture(scope="session")
def formats() -> dict:
    site, _ = load_site(ROOT)
    return editor_config(site, {"name": "github", "repo": "a/b"}).formats


def format_of(relative: str) -> str:
    """The editor's format name of a content or data file."""
    folder, name = relative.split("/")[-2:]
    return f"mitkb-{folder}" if relative.startswith("guides/") else f"mitkb-{name.removesuffix('.yml')}"


def write_as_editor(node: str, formats: dict, files: list[dict]) -> list[str]:
    """Each {"path", "text", "set", "fresh"} read and written back by mitkb-format.js in Node."""
    spec = {"yaml": str(yaml_module(ROOT)), "format": str(FORMAT_JS),
            "files": [{**formats[format_of(f["path"])], **f} for f in files]}
    result = subprocess.run([node, str(HERE / "roundtrip.mjs")], input=json.dumps(spec), capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)
