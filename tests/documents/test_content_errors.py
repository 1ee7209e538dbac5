"""A template body with an unknown field, threshold or figure stops the build before
any document is generated, with the file and line of the mistake."""

from __future__ import annotations

import pytest

from mitkb.build import build_content
from mitkb.documents.cache import CACHE_DIR
from mitkb.errors import ContentErrors

from .conftest import BUILD_DATE, copy_project

SOURCE = "guides/modeles/reglement-consultation-mapa-travaux.yml"


def line_of(text: str, needle: str) -> int:
    return next(number for number, line in enumerate(text.splitlines(), 1) if needle in line)


@pytest.mark.parametrize(
    "original, broken, message",
    [
        ("{{ champ('code_cpv') }}", "{{ champ('code_cpv_principal') }}", "champ à compléter « code_cpv_principal » non déclaré"),
        ("{{ seuil('gratuite-dce') }}", "{{ seuil('gratuite-des-documents') }}", "seuil inconnu « gratuite-des-documents »"),
        ("{{ champ('lieu_execution') }}", "{{ chiffre('communes-du-gers') }}", "chiffre inconnu « communes-du-gers »"),
    ],
)
def test_unknown_reference_in_a_template_body_fails_with_file_and_line(tmp_path, original, broken, message):
    project = copy_project(tmp_path / "projet")
    path = project / SOURCE
    text = path.read_text(encoding="utf-8")
    body = text.index("corps:")
    text = text[:body] + text[body:].replace(original, broken, 1)
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ContentErrors) as raised:
        build_content(project, BUILD_DATE)
    found = [e for e in raised.value.errors if e.message == message]
    assert found, raised.value.report()
    assert found[0].path == SOURCE
    assert found[0].line == line_of(text, broken)
    assert f"{SOURCE}:{found[0].line}" in raised.value.report()
    assert not (project / CACHE_DIR).exists()  # nothing was generated
