"""The `mitkb` command line, as MIT staff use it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def mitkb(*args: str, cwd: Path, date: str = "2026-11-27") -> subprocess.CompletedProcess:
    env = dict(os.environ, MITKB_DATE=date)
    return subprocess.run([sys.executable, "-m", "mitkb.cli", *args], capture_output=True, text=True, cwd=cwd, env=env)


def test_check_passes_on_valid_content(tiny_site: Path):
    result = mitkb("check", cwd=tiny_site)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == (
        "✓ Contenu valide (1 guide(s), 1 modèle(s), 1 atelier(s)), vérifié à la date du 2026-11-27."
    )


def test_check_lists_every_error_and_fails(tiny_site: Path):
    guide = tiny_site / "guides/methodes/suivre-step.yml"
    guide.write_text(guide.read_text(encoding="utf-8").replace("referent: mit", "referent: x")
                     .replace("domaine: eau-assainissement", "domaine: eaux"), encoding="utf-8")
    workshop = tiny_site / "guides/ateliers/atelier-lancement.yml"
    workshop.write_text(workshop.read_text(encoding="utf-8") + "lieux: Auch\n", encoding="utf-8")
    result = mitkb("check", cwd=tiny_site)
    assert result.returncode == 1
    lines = [line for line in result.stderr.splitlines() if line.startswith("guides/")]
    assert lines == [
        "guides/ateliers/atelier-lancement.yml:11:1: champ « lieux » : champ inconnu « lieux »",
        "guides/methodes/suivre-step.yml:2:10: champ « domaine » : domaine inconnu « eaux »",
        "guides/methodes/suivre-step.yml:22:11: champ « referent » : contact inconnu « x »",
    ]
    assert "    → Vouliez-vous écrire « lieu » ?" in result.stderr
    assert result.stderr.rstrip().endswith("✗ 3 erreurs : rien ne sera publié tant qu'elles restent.")


def test_export_writes_markdown_for_another_generator(tiny_site: Path, tmp_path: Path):
    result = mitkb("export", str(tmp_path / "md"), cwd=tiny_site)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "md/methodes/suivre-step.md").read_text(encoding="utf-8").startswith("---\ntitle:")
    assert (tmp_path / "md/modeles/index.md").is_file()
    page = (tmp_path / "md/modeles/lettre-consultation.md").read_text(encoding="utf-8")
    for link in ("../telechargements/lettre-consultation.docx", "../telechargements/lettre-consultation.odt"):
        assert link in page
        assert (tmp_path / "md/modeles" / link).resolve().is_file()


def test_bad_build_date(tiny_site: Path):
    result = mitkb("check", cwd=tiny_site, date="demain")
    assert result.returncode == 2
    assert "MITKB_DATE='demain' n'est pas une date valide" in result.stderr


def test_help_is_french(tiny_site: Path):
    result = mitkb("--help", cwd=tiny_site)
    assert "vérifier tout le contenu" in result.stdout
