"""The editor's third-party code, installed from the npm registry and copied into the site.

``editeur/package.json`` pins each package's exact version and
``editeur/package-lock.json`` its checksum (``integrity``), which ``npm ci``
verifies (``make editeur-installer``). This module copies the files the browser
needs from ``editeur/node_modules/`` into the site under ``/edition/vendor/``:
nothing is copied by hand, and nothing is loaded from a CDN.
"""

from __future__ import annotations

import json
from pathlib import Path

NPM_DIR = "editeur"
INSTALL_HINT = "lancez « make editeur-installer » (npm ci dans editeur/)"


class EditorAssetsError(Exception):
    """The npm packages are missing or not the pinned version (French message)."""


def pinned_versions(root: Path) -> dict[str, str]:
    package = json.loads((Path(root) / NPM_DIR / "package.json").read_text(encoding="utf-8"))
    return dict(package["dependencies"])


def check_installed(root: Path) -> Path:
    """editeur/node_modules, after checking each package is the version package.json and the lockfile pin."""
    npm = Path(root) / NPM_DIR
    if not (npm / "package.json").is_file():
        raise EditorAssetsError(f"{NPM_DIR}/package.json introuvable dans {root}")
    lock = json.loads((npm / "package-lock.json").read_text(encoding="utf-8"))["packages"]
    for name, version in pinned_versions(root).items():
        locked = lock.get(f"node_modules/{name}", {})
        if locked.get("version") != version or not locked.get("integrity"):
            raise EditorAssetsError(f"{NPM_DIR}/package-lock.json ne fixe pas {name} {version} avec sa somme de contrôle : "
                                    "lancez « npm install » dans editeur/ puis validez le fichier")
        installed = npm / "node_modules" / name / "package.json"
        if not installed.is_file():
            raise EditorAssetsError(f"l'éditeur n'est pas installé ({name} manque) : {INSTALL_HINT}")
        found = json.loads(installed.read_text(encoding="utf-8"))["version"]
        if found != version:
            raise EditorAssetsError(f"{name} {found} est installé, {version} est attendu : {INSTALL_HINT}")
    return npm / "node_modules"


# The bundles read once per installation (the preview asks for them after every edit).
_VENDOR: dict[tuple, list[tuple[str, bytes]]] = {}


def vendor_files(root: Path) -> list[tuple[str, bytes]]:
    """(path under /edition/, content) of Decap CMS's bundle and of the YAML parser's browser build."""
    modules = check_installed(root)
    lock = modules / ".package-lock.json"  # rewritten by every `npm ci`
    key = (str(modules.resolve()), lock.stat().st_mtime_ns if lock.is_file() else None)
    if key not in _VENDOR:
        _VENDOR.clear()
        _VENDOR[key] = _read_vendor_files(modules)
    return list(_VENDOR[key])


def _read_vendor_files(modules: Path) -> list[tuple[str, bytes]]:
    files = []
    decap = modules / "decap-cms" / "dist"
    for path in sorted(decap.iterdir()):
        # decap-cms.js loads its chunks (*.decap-cms.js, *.wasm) from its own folder; cms.js is a duplicate build.
        if path.name == "decap-cms.js" or path.name.endswith((".decap-cms.js", ".wasm")):
            files.append((f"vendor/decap/{path.name}", path.read_bytes()))
    yaml_dir = modules / "yaml" / "browser" / "dist"
    for path in sorted(yaml_dir.rglob("*.js")):
        files.append((f"vendor/yaml/{path.relative_to(yaml_dir).as_posix()}", path.read_bytes()))
    return files


def yaml_module(root: Path) -> Path:
    """The npm `yaml` package's Node entry point (for the round-trip test)."""
    return check_installed(root) / "yaml" / "dist" / "index.js"
