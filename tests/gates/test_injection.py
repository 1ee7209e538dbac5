"""Text from YAML can never inject markup or scripts into the site."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mitkb.pages import PageRenderer, md_text
from mitkb.references import check_site

from ..conftest import FIXTURES

GUIDE = "guides/methodes/suivre-step.yml"
TEMPLATE = "guides/modeles/lettre-consultation.yml"
GLOSSARY = "data/glossaire.yml"
CONTACTS = "data/contacts.yml"

ATTACKS = [
    # (file, original text, replacement, expected message)
    (GUIDE, "Rassemblez les **documents** existants.", "Rassemblez <script>alert(1)</script>.",
     "HTML interdit : « <script> »"),
    (GUIDE, "Notez les résultats des analyses.", '\'<img src=x onerror="alert(1)">\'',
     ["HTML interdit : « <img src=x onerror=\"alert(1)\"> »", "attribut de script interdit"]),
    (GUIDE, "Notez les résultats des analyses.", "'[clic](javascript:alert(1))'",
     "lien interdit « javascript:alert(1 »"),
    (GUIDE, "Notez les résultats des analyses.", "'[clic](  JavaScript:alert(1))'",
     "lien interdit « JavaScript:alert(1 »"),
    (GUIDE, "Notez les résultats des analyses.", "'[clic](data:text/html;base64,PHNjcmlwdD4=)'",
     "lien interdit « data:text/html;base64,PHNjcmlwdD4= »"),
    (GUIDE, "Notez les résultats des analyses.", '\'[a](https://x.fr "t" onmouseover="alert(1)")\'',
     "attribut de script interdit"),
    (GUIDE, "Ne laissez pas les boues s'accumuler.", "'<iframe src=https://x.fr></iframe>'",
     "HTML interdit : « <iframe src=https://x.fr> »"),
    (TEMPLATE, "Demander un devis à plusieurs entreprises.", "Demander <b>un</b> devis.",
     "HTML interdit : « <b> »"),
    (TEMPLATE, "libelle: Objet du marché", 'libelle: "Objet <script>"', "HTML interdit : « <script> »"),
    (GLOSSARY, "Installation qui traite", "<style>body{}</style> Installation qui traite",
     "HTML interdit : « <style> »"),
    (CONTACTS, "nom: Mission Ingénierie des Territoires", 'nom: "MIT <!-- x -->"', "HTML interdit : « <!-- x --> »"),
]


@pytest.mark.parametrize(("file", "original", "attack", "message"), ATTACKS,
                         ids=[f"{a[0].split('/')[-1]}:{a[3][:30]}" for a in ATTACKS])
def test_markup_in_any_field_is_rejected(tiny_site: Path, file, original, attack, message):
    path = tiny_site / file
    text = path.read_text(encoding="utf-8")
    assert original in text
    path.write_text(text.replace(original, attack), encoding="utf-8")
    _, errors = check_site(tiny_site, dt.date(2026, 11, 27))
    assert [e.message for e in errors] == (message if isinstance(message, list) else [message])
    assert errors[0].path == file and errors[0].line > 0


def test_plain_text_fields_are_escaped_in_markdown():
    assert md_text("Voirie *urgente* <b>[lien](x)</b> #1 `code`") == (
        r"Voirie \*urgente\* \<b\>\[lien\](x)\</b\> \#1 \`code\`"
    )


def test_a_less_than_sign_followed_by_a_space_is_allowed(tiny_site: Path):
    path = tiny_site / GUIDE
    path.write_text(path.read_text(encoding="utf-8").replace(
        "Notez les résultats des analyses.", "Si le débit est < 5 m3/j, notez-le. Voir <https://www.gers.fr>."),
        encoding="utf-8")
    site, errors = check_site(tiny_site, dt.date(2026, 11, 27))
    assert errors == []
    page = PageRenderer(site, dt.date(2026, 11, 27)).guide(site.guides["suivre-step"])
    assert "Si le débit est < 5 m3/j" in page


VALID_GUIDE = (FIXTURES / "tiny" / GUIDE).read_text(encoding="utf-8")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(position=st.integers(0, len(VALID_GUIDE)),
       junk=st.text(alphabet=st.sampled_from(list(":-[]{}<>&*!|>'\"#\n \t%@`") + ["é", "a", "1"]), max_size=5),
       cut=st.integers(0, 4))
def test_mutated_content_is_accepted_or_reported_with_a_location(tmp_path_factory, position, junk, cut):
    project = tmp_path_factory.mktemp("mutation") / "projet"
    shutil.copytree(FIXTURES / "tiny", project)
    (project / GUIDE).write_text(VALID_GUIDE[:position] + junk + VALID_GUIDE[position + cut:], encoding="utf-8")
    _, errors = check_site(project, dt.date(2026, 11, 27))
    for error in errors:
        assert error.message
        assert error.path in (GUIDE, "docs/index.md", TEMPLATE, "guides/ateliers/atelier-lancement.yml")
        assert error.line >= 1 or error.path != GUIDE or "UTF-8" in error.message
