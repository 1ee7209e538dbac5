"""The editor driven in headless Chromium against the local backend (`mitkb editeur`),
on a copy of the project: what it saves is what `mitkb check` and the build accept.

With MITKB_UPDATE_GOLDEN=1 the screenshots of the Contribuer page are written to
docs/assets/images/editeur/ (otherwise to a temporary folder)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import threading
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml
from playwright.sync_api import expect

from mitkb.build_date import build_date
from mitkb.content import load_site
from mitkb.editor import editor_files
from mitkb.editor.server import make_server
from mitkb.facts import Facts
from mitkb.scaffold import slugify

from ..a11y.pages import axe_violations
from ..conftest import ROOT, TEST_DATE
from .test_format import changed_lines

SCREENSHOTS = ROOT / "docs/assets/images/editeur"
IGNORED = shutil.ignore_patterns(".venv", "site", ".git", "node_modules", ".pytest_cache", "__pycache__", ".site-*",
                                 ".hypothesis", "out")
TITLE = "Planifier l’entretien de la voirie communale"


@pytest.fixture(scope="module")
def project(tmp_path_factory, node) -> Path:
    target = tmp_path_factory.mktemp("editeur") / "projet"
    shutil.copytree(ROOT, target, ignore=IGNORED)
    (target / "editeur/node_modules").symlink_to(ROOT / "editeur/node_modules")
    return target


def run_mitkb(project: Path, *args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, MITKB_DATE=TEST_DATE, NO_MKDOCS_2_WARNING="1")
    return subprocess.run([sys.executable, "-m", "mitkb.cli", "--racine", str(project), *args], capture_output=True,
                          text=True, env=env, cwd=project, timeout=900)


@pytest.fixture(scope="module")
def editor_url(project: Path, browser):
    env = dict(os.environ, MITKB_DATE=TEST_DATE)
    process = subprocess.Popen([sys.executable, "-m", "mitkb.cli", "--racine", str(project), "editeur", "--port", "0"],
                               stdout=subprocess.PIPE, text=True, env=env)
    try:
        line = process.stdout.readline()
        found = re.search(r"http://127\.0\.0\.1:\d+/edition/", line)
        assert found, line
        yield found.group(0)
    finally:
        process.terminate()
        process.wait(timeout=30)


@pytest.fixture(scope="module")
def tab(browser, editor_url):
    context = browser.new_context(locale="fr-FR", viewport={"width": 1100, "height": 760})
    page = context.new_page()
    page.set_default_timeout(30000)
    yield page
    context.close()


@pytest.fixture(scope="module")
def screenshots(tmp_path_factory) -> Path:
    if os.environ.get("MITKB_UPDATE_GOLDEN") == "1":
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        return SCREENSHOTS
    return tmp_path_factory.mktemp("captures")


READY = """() => {
  const login = [...document.querySelectorAll('button')].some(b => b.textContent.trim() === 'Se connecter');
  const ready = document.querySelector('label') || [...document.querySelectorAll('h1, h2')].some(h => h.textContent.includes('Collections'));
  return login ? 'connexion' : (ready ? 'pret' : null);
}"""


def open_editor(page, url: str, route: str) -> None:
    """Open a route of the editor, signing in to the local backend when asked."""
    page.goto("about:blank")  # a fresh load: the editor does not reload an entry on a change of address alone
    page.goto(url + "#/" + route)
    if page.wait_for_function(READY).json_value() == "connexion":
        page.get_by_role("button", name="Se connecter").click()
        page.wait_for_function(READY.replace("login ? 'connexion' : ", ""))


def choose(page, field, text: str) -> None:
    """Pick an option of a select or relation widget (react-select) by typing part of it."""
    field.click()
    page.keyboard.type(text)
    page.get_by_role("option", name=re.compile(re.escape(text), re.I)).first.click()


def publish(page) -> None:
    page.get_by_role("button", name="Publier", exact=True).click()
    page.get_by_text("Publier maintenant", exact=True).click()


def wait_for_file(page, path: Path, unlike: str = "") -> str:
    """The file's text once the editor's server has finished writing it.

    The server truncates or creates the file before it writes its content, so
    the file may be seen empty: wait for a non-empty text, different from
    `unlike`, that stays the same over two polls.
    """
    previous = None
    for _ in range(120):
        text = path.read_text(encoding="utf-8") if path.is_file() else ""
        if text and text != unlike and text == previous:
            return text
        previous = text
        page.wait_for_timeout(250)
    pytest.fail(f"{path} n'a pas été écrit")


def test_a_guide_created_in_the_editor_passes_the_check_and_builds(tab, editor_url, project, screenshots):
    site, _ = load_site(ROOT)
    facts = Facts(site, build_date())
    open_editor(tab, editor_url, "collections/methodes")
    tab.screenshot(path=screenshots / "1-liste.png")
    tab.get_by_role("link", name=re.compile("Guide méthodologique")).first.click()
    tab.get_by_label("Titre", exact=True).first.fill(TITLE)
    choose(tab, tab.get_by_label("Domaine", exact=True), "Voirie")
    choose(tab, tab.get_by_label("Public", exact=True), "Communes")
    tab.get_by_label("En bref", exact=True).fill(
        "Un entretien régulier de la voirie coûte moins cher que des réparations lourdes. "
        "Commencez par un état des lieux, puis programmez les travaux sur plusieurs années.")
    steps = [("besoins", "Faire l’état des lieux des voies", "Parcourez les voies et notez leur état."),
             ("passation", "Consulter des entreprises",
              "Pour des travaux en dessous de {{ seuil('sans-publicite-travaux') }}, comparez plusieurs devis.")]
    for phase, title, text in steps:
        tab.get_by_role("button", name="Ajouter étapes").click()
        choose(tab, tab.get_by_label("Phase", exact=True).last, phase)
        tab.get_by_label("Titre", exact=True).last.fill(title)
        tab.get_by_label("Texte", exact=True).last.fill(text)
    tab.get_by_role("button", name="Ajouter acteurs").click()
    tab.get_by_label("Nom", exact=True).last.fill("Mission Ingénierie des Territoires (MIT)")
    tab.get_by_label("Rôle", exact=True).last.fill("Aide à définir le programme de travaux.")
    tab.get_by_role("button", name="Ajouter points de vigilance").click()
    tab.locator("textarea[id^='element-field']").last.fill("Prévoyez l’entretien dans le budget chaque année.")
    choose(tab, tab.get_by_label("Référent", exact=True), "Mission")
    tab.get_by_label("Relu le", exact=True).fill("2026-11-20")
    tab.get_by_label("Prochaine relecture", exact=True).fill("2027-11-20")

    preview = tab.frame_locator("iframe").first
    for text in ("En bref", "1. Faire l’état des lieux des voies", "2. Consulter des entreprises",
                 facts.seuil("sans-publicite-travaux"), site.contacts["mit"].name):
        assert preview.get_by_text(text, exact=False).first.is_visible(), text
    tab.screenshot(path=screenshots / "2-nouveau-guide.png")
    publish(tab)

    path = project / "guides/methodes" / f"{slugify(TITLE)}.yml"
    text = wait_for_file(tab, path)
    tab.screenshot(path=screenshots / "3-enregistre.png")
    assert text.startswith("# yaml-language-server: $schema=../../schemas/methode.schema.json\ntitre: ")
    data = yaml.safe_load(text)
    assert data["referent"] == "mit" and data["domaine"] == "voirie-infrastructures"
    assert [s["phase"] for s in data["etapes"]] == ["besoins", "passation"]
    assert "\nen_bref: >\n" in text and "{{ seuil('sans-publicite-travaux') }}" in text

    check = run_mitkb(project, "check")
    assert check.returncode == 0, check.stderr
    build = run_mitkb(project, "build", "site")
    assert build.returncode == 0, build.stderr
    page = (project / "site/methodes" / slugify(TITLE) / "index.html").read_text(encoding="utf-8")
    amount = facts.seuil("sans-publicite-travaux").removesuffix("\u00a0HT")  # « HT » is an abbreviation there
    assert "Consulter des entreprises" in page and f"en dessous de {amount}" in page


def test_editing_one_field_of_a_guide_changes_that_field_only(tab, editor_url, project):
    path = project / "guides/methodes/securiser-pont-communal.yml"
    before = path.read_text(encoding="utf-8")
    old_title = yaml.safe_load(before)["titre"]
    open_editor(tab, editor_url, "collections/methodes/entries/securiser-pont-communal")
    field = tab.get_by_label("Titre", exact=True).first
    expect(field).to_have_value(old_title)
    field.fill(old_title + " et ses abords")
    publish(tab)
    after = wait_for_file(tab, path, unlike=before)
    assert changed_lines(before, after) == [f"-titre: {old_title}", f"+titre: {old_title} et ses abords"]


def test_the_editor_refuses_an_empty_required_field_or_an_invalid_value_in_french(tab, editor_url, project, screenshots):
    open_editor(tab, editor_url, "collections/methodes/new")
    tab.get_by_label("Titre", exact=True).first.fill("x" * 201)
    publish(tab)
    expect(tab.get_by_text(re.compile(r"il manque un champ requis", re.I)).first).to_be_visible()
    expect(tab.get_by_text(re.compile(r"le champ Domaine est requis", re.I))).to_be_visible()
    expect(tab.get_by_text(re.compile(r"le champ Titre ne correspond pas .*: 200 caractères au plus\.$", re.I))).to_be_visible()
    tab.screenshot(path=screenshots / "4-erreurs.png")
    assert sorted(p.name for p in (project / "guides/methodes").glob("x*.yml")) == []


def test_the_editor_pages_pass_axe(tab, editor_url):
    """WCAG 2.1 AA on the list and on the form with its preview (mitkb-editeur.css fixes Decap's contrasts)."""
    open_editor(tab, editor_url, "collections/methodes")
    tab.get_by_text("Suivre le fonctionnement").first.wait_for()
    assert axe_violations(tab) == []
    open_editor(tab, editor_url, "collections/methodes/new")
    tab.locator("#preview-pane[title]").wait_for()
    assert axe_violations(tab) == []


def test_no_third_party_request_while_the_local_editor_loads(browser, editor_url):
    context = browser.new_context(locale="fr-FR")
    page = context.new_page()
    hosts = set()
    page.on("request", lambda request: hosts.add(urlsplit(request.url).hostname))
    open_editor(page, editor_url, "collections/methodes")
    page.get_by_text("Suivre le fonctionnement").first.wait_for()
    page.wait_for_load_state("networkidle")
    context.close()
    assert hosts == {"127.0.0.1"}  # the editor's files and the local proxy (decap-server)


def test_the_published_editor_makes_no_third_party_request_before_sign_in(browser, node):
    """The files the build publishes, configured for GitHub: the page waits for the sign-in."""
    site, _ = load_site(ROOT)
    backend = {"name": "github", "repo": "cd32/mitkb", "branch": "main"}
    files = {"/" + path: content for path, content in editor_files(ROOT, site, build_date(), backend)}
    server = make_server(files)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    context = browser.new_context(locale="fr-FR")
    page = context.new_page()
    hosts = set()
    page.on("request", lambda request: hosts.add(urlsplit(request.url).hostname))
    try:
        page.goto(f"http://127.0.0.1:{server.server_address[1]}/edition/")
        page.get_by_role("button", name=re.compile("GitHub")).wait_for()
        page.wait_for_load_state("networkidle")
    finally:
        context.close()
        server.shutdown()
        server.server_close()
    assert hosts == {"127.0.0.1"}
