"""End to end: a tiny project built by MkDocs through the plugin and the macros."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path



def run_build(project: Path, destination: str = "site", date: str = "2026-11-27") -> subprocess.CompletedProcess:
    env = dict(os.environ, MITKB_DATE=date, NO_MKDOCS_2_WARNING="1")
    return subprocess.run(
        [sys.executable, "-m", "mitkb.cli", "--racine", str(project), "build", destination],
        capture_output=True, text=True, env=env, cwd=project,
    )


def build_with_home_ending(project: Path, extra: str) -> subprocess.CompletedProcess:
    """Append a line to the hand-written home page, then build."""
    index = project / "docs/index.md"
    index.write_text(index.read_text(encoding="utf-8") + f"\n{extra}\n", encoding="utf-8")
    return run_build(project)


def test_builds_every_kind_of_page(tiny_site: Path):
    result = run_build(tiny_site)
    assert result.returncode == 0, result.stderr
    site = tiny_site / "site"
    for page in ("index.html", "methodes/index.html", "methodes/suivre-step/index.html",
                 "modeles/index.html", "modeles/lettre-consultation/index.html",
                 "ateliers/index.html", "ateliers/atelier-lancement/index.html", "glossaire/index.html"):
        assert (site / page).is_file(), page
    home = (site / "index.html").read_text(encoding="utf-8")
    assert "209 sollicitations" in home
    assert "60\u00a0000\u00a0€\u00a0HT" in home
    assert "Mission Ingénierie des Territoires" in home
    guide = (site / "methodes/suivre-step/index.html").read_text(encoding="utf-8")
    assert 'href="../../modeles/lettre-consultation/"' in guide  # guide → template
    assert 'href="../../ateliers/atelier-lancement/"' in guide  # backlink from the workshop
    template = (site / "modeles/lettre-consultation/index.html").read_text(encoding="utf-8")
    assert 'href="../../methodes/suivre-step/"' in template  # template → guide that uses it
    assert '<span class="mitkb-champ">[Nom de la collectivité]</span>' in template
    assert "<table>" in template


def test_no_generated_markdown_is_written_into_docs(tiny_site: Path):
    before = sorted(p.relative_to(tiny_site) for p in (tiny_site / "docs").rglob("*"))
    assert run_build(tiny_site).returncode == 0
    after = sorted(p.relative_to(tiny_site) for p in (tiny_site / "docs").rglob("*"))
    assert before == after


def test_threshold_wording_follows_the_build_date(tiny_site: Path):
    assert run_build(tiny_site, "avant", "2026-03-31").returncode == 0
    assert run_build(tiny_site, "apres", "2026-04-01").returncode == 0
    before = (tiny_site / "avant/modeles/lettre-consultation/index.html").read_text(encoding="utf-8")
    after = (tiny_site / "apres/modeles/lettre-consultation/index.html").read_text(encoding="utf-8")
    assert "en dessous de 40\u00a0000\u00a0€\u00a0HT depuis le 1er janvier 2020, jusqu’au 31 mars 2026" in before  # French typography
    assert "en dessous de 60\u00a0000\u00a0€\u00a0HT depuis le 1er avril 2026" in after


def test_content_error_fails_the_build_and_keeps_the_previous_site(tiny_site: Path):
    assert run_build(tiny_site).returncode == 0
    snapshot = {p: p.read_bytes() for p in (tiny_site / "site").rglob("*") if p.is_file()}
    guide = tiny_site / "guides/methodes/suivre-step.yml"
    guide.write_text(guide.read_text(encoding="utf-8").replace("referent: mit", "referent: inconnu"), encoding="utf-8")
    result = run_build(tiny_site)
    assert result.returncode == 1
    assert "guides/methodes/suivre-step.yml:22:11: champ « referent » : contact inconnu « inconnu »" in result.stderr
    assert "Le site précédent (site/) est resté intact." in result.stderr
    assert {p: p.read_bytes() for p in (tiny_site / "site").rglob("*") if p.is_file()} == snapshot
    assert not [p for p in tiny_site.iterdir() if p.name.startswith(".site-")]


def test_unknown_macro_id_in_a_hand_written_page_fails_and_names_the_page(tiny_site: Path):
    result = build_with_home_ending(tiny_site, "{{ chiffre('inexistant') }}")
    assert result.returncode == 1
    assert "docs/index.md:8: chiffre inconnu « inexistant »" in result.stderr
    assert "Traceback" not in result.stderr


def test_undefined_name_in_a_hand_written_page_fails(tiny_site: Path):
    result = build_with_home_ending(tiny_site, "{{ montant_inconnu }}")
    assert result.returncode == 1
    assert "docs/index.md:8: nom inconnu dans une macro « montant_inconnu »" in result.stderr


def test_broken_internal_link_fails_the_strict_build(tiny_site: Path):
    result = build_with_home_ending(tiny_site, "[page absente](absente.md)")
    assert result.returncode == 1
    assert "absente.md" in result.stderr


def test_invalid_build_date_is_explained(tiny_site: Path):
    result = run_build(tiny_site, date="27/11/2026")
    assert result.returncode != 0
    assert "MITKB_DATE='27/11/2026' n'est pas une date valide" in result.stderr


def test_each_configuration_gets_a_fresh_mitkb_plugin(tiny_site: Path):
    """MkDocs keeps a plugin that has ``on_startup`` or ``on_shutdown`` from one loaded
    configuration to the next in the same process: the mitkb plugin would then carry the
    previous build's session (the preview sets it) into the next build."""
    from mkdocs.config import load_config

    first = load_config(str(tiny_site / "mkdocs.yml")).plugins["mitkb"]
    first.preview_session = object()
    second = load_config(str(tiny_site / "mkdocs.yml")).plugins["mitkb"]
    assert second is not first and second.preview_session is None
