"""The pull-request check speaks to a non-developer: errors on their lines and in the run's summary,
and the changed pages in one HTML file."""

from __future__ import annotations

from pathlib import Path

from mitkb.editor.review import annotations, standalone_preview, summary
from mitkb.errors import ContentError

from ..publishing.conftest import mitkb


def test_each_error_becomes_an_annotation_on_its_line():
    error = ContentError("guides/methodes/a.yml", 12, 5, "contact inconnu « mitt »", "referent",
                         "Vouliez-vous écrire « mit » ? 100 %, a, b")
    assert annotations([error]) == [
        "::error file=guides/methodes/a.yml,line=12,col=5,title=champ « referent »::"
        "contact inconnu « mitt » → Vouliez-vous écrire « mit » ? 100 %25, a, b"]
    assert annotations([ContentError("data/x.yml", message="a\nb")]) == [
        "::error file=data/x.yml,title=mitkb check::a%0Ab"]


def test_the_summary_lists_file_line_field_problem_and_fix():
    error = ContentError("guides/methodes/a.yml", 12, 5, "texte | vide", "etapes[1].texte", "Écrivez-le.")
    text = summary([error])
    assert text.startswith("## ✗ 1 erreur dans le contenu\n")
    assert "| `guides/methodes/a.yml:12` | etapes[1].texte | texte \\| vide | Écrivez-le. |" in text
    assert summary([]).startswith("## ✓ Contenu valide")


def test_mitkb_check_github_annotates_and_writes_the_summary(tiny_site: Path, tmp_path: Path):
    assert mitkb("new", "methode", "Rénover l’éclairage public", cwd=tiny_site).returncode == 0
    page = tmp_path / "resume.md"
    result = mitkb("check", "--github", cwd=tiny_site, env={"GITHUB_STEP_SUMMARY": str(page)})
    assert result.returncode == 1
    errors = [line for line in result.stdout.splitlines() if line.startswith("::error ")]
    printed = [line for line in result.stderr.splitlines() if line.startswith("guides/")]
    assert errors and len(errors) == len(printed)
    assert "file=guides/methodes/renover-l-eclairage-public.yml,line=" in errors[0]
    text = page.read_text(encoding="utf-8")
    assert f"## ✗ {len(errors)} erreurs dans le contenu" in text
    assert "| `guides/methodes/renover-l-eclairage-public.yml:" in text and "À COMPLÉTER" in text


def test_the_preview_holds_the_changed_pages_with_their_styles_and_no_script(built_site: Path):
    text = standalone_preview(built_site, ["guides/methodes/suivre-station-epuration.yml", "README.md",
                                           "guides/modeles/decision-attribution.yml"])
    assert text.count('<article class="md-content__inner md-typeset">') == 2
    assert "Suivre le fonctionnement d’une station d’épuration" in text and "Décision d’attribution" in text  # published with French typography
    assert "<script" not in text and "<link" not in text and ".md-typeset" in text
    assert standalone_preview(built_site, ["data/seuils.yml"]) is None


def test_the_workflow_installs_the_editor_and_shows_errors_and_the_preview_to_staff():
    import yaml

    from ..conftest import ROOT

    workflow = yaml.safe_load((ROOT / ".github/workflows/site.yml").read_text(encoding="utf-8"))
    assert workflow["env"]["MITKB_EDITEUR_REQUIS"] == "1"  # no site without its editor
    for job in (workflow["jobs"]["verifier"], workflow["jobs"]["publier"]):
        runs = [step.get("run", "") for step in job["steps"]]
        install = runs.index("make editeur-installer")
        assert install < next(i for i, run in enumerate(runs) if "mitkb build" in run)
    steps = workflow["jobs"]["verifier"]["steps"]
    assert any(step.get("run") == "mitkb check --github" for step in steps)
    upload = next(step for step in steps if step.get("id") == "apercu")
    assert upload["uses"] == "actions/upload-artifact@v7" and upload["with"]["archive"] is False
    assert upload["with"]["path"] == "apercu-des-pages-modifiees.html"
    link = next(step for step in steps if "steps.apercu.outputs.artifact-url" in str(step.get("env", {})))
    assert "GITHUB_STEP_SUMMARY" in link["run"]


def test_the_contributor_guide_shows_the_screenshots_the_browser_tests_take():
    import re

    from ..conftest import ROOT

    guide = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    shown = set(re.findall(r"\(assets/images/editeur/([^)]+\.png)\)", guide))
    taken = set(re.findall(r'screenshots / "([^"]+\.png)"', (ROOT / "tests/editor/test_editor_browser.py").read_text()))
    stored = {p.name for p in (ROOT / "docs/assets/images/editeur").glob("*.png")}
    assert shown == taken == stored
