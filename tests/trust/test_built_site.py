"""The built site: a way to reach the MIT from every page, complete legal pages, French
typography in every page and every downloadable document."""

from __future__ import annotations

import html as html_lib
import io
import re
import zipfile
from pathlib import Path

import docx
import pytest
from odf import opendocument, teletype
from odf import text as odf_text

TEL = "tel:+33562674040"
NBSP, NNBSP = "\u00a0", "\u202f"
# An ordinary space (or a line break) before ; : ! ? », or after «: what French typography forbids.
BAD_SPACE = re.compile(r"[ \t\n][;:!?»]|«[ \t\n]")


def _pages(site: Path) -> list[Path]:
    return [p for p in site.rglob("*.html") if "pagefind" not in p.parts]


def _visible_text(page_html: str) -> str:
    """The text a reader sees: no tags, no code, pre, script or style."""
    stripped = re.sub(r"<(script|style|code|pre|textarea)\b.*?</\1\s*>", " ", page_html, flags=re.S | re.I)
    stripped = re.sub(r"<!--.*?-->", " ", stripped, flags=re.S)
    return html_lib.unescape(re.sub(r"<[^>]+>", "", stripped))


def _article(site: Path, path: str) -> str:
    page = (site / path).read_text(encoding="utf-8")
    return page[page.index("<article"):page.index("</article>")]


def test_request_page_is_in_the_navigation_and_linked_from_home(built_site: Path):
    page = (built_site / "solliciter-la-mit/index.html").read_text(encoding="utf-8")
    nav = page[page.index('class="md-nav'):]
    assert re.search(r'<a href="\./?"[^>]*>\s*<span[^>]*>\s*Solliciter la MIT', nav) or "Solliciter la MIT" in nav
    home = _article(built_site, "index.html")
    assert 'href="solliciter-la-mit/"' in home
    article = _article(built_site, "solliciter-la-mit/index.html")
    text = _visible_text(article)
    assert f'href="{TEL}"' in article
    for expected in ("Qui peut demander", "communes", "intercommunalités", "gratuit", "Ce qu’elle ne fait pas",
                     "Standard du Département — demandez la Mission Ingénierie des Territoires",
                     "81 route de Pessan", "Quoi préparer"):
        assert expected in text, expected
    for extension in ("docx", "odt"):
        assert f'href="../telechargements/fiche-demande-accompagnement.{extension}"' in article


def test_every_contact_box_shows_the_channel_and_links_to_the_request_page(built_site: Path):
    boxes = 0
    for page in _pages(built_site):
        html = page.read_text(encoding="utf-8")
        if "<h2 id=\"votre-contact\"" not in html:
            continue
        box = html[html.index('<h2 id="votre-contact"'):]
        box = box[:box.index("</div>")]
        assert f'href="{TEL}"' in box, page
        assert re.search(r'href="(\.\./)+solliciter-la-mit/"', box), page
        boxes += 1
    assert boxes >= 15  # every guide and template page


def test_legal_mentions_give_publisher_director_and_host(built_site: Path):
    text = _visible_text(_article(built_site, "mentions-legales/index.html"))
    for expected in ("Conseil départemental du Gers", "81 route de Pessan", "05 62 67 40 40",
                     "Philippe Dupouy", "GitHub, Inc.", "88 Colin P. Kelly Jr. Street"):
        assert expected in text, expected
    # A fact nobody checked is shown as such, not invented; no unrecorded licence decision.
    assert "non renseigné" in text
    assert "librement copiés" not in text


def test_accessibility_and_privacy_pages_give_the_channel(built_site: Path):
    accessibility = _article(built_site, "accessibilite/index.html")
    assert f'href="{TEL}"' in accessibility and "Défenseur des droits" in accessibility
    privacy = _article(built_site, "donnees-personnelles/index.html")
    assert f'href="{TEL}"' in privacy and "81 route de Pessan" in privacy


@pytest.fixture(scope="module")
def site_pages(built_site: Path) -> dict[str, str]:
    return {str(p.relative_to(built_site)): p.read_text(encoding="utf-8") for p in _pages(built_site)}


def test_no_ascii_space_before_double_punctuation_in_any_page(site_pages):
    problems = []
    for path, page in site_pages.items():
        text = _visible_text(page)
        problems += [f"{path}: …{text[max(0, m.start() - 30):m.end() + 5]!r}" for m in BAD_SPACE.finditer(text)]
    assert problems == []
    assert len(site_pages) > 20


def test_one_apostrophe_in_page_text(site_pages):
    problems = []
    for path, page in site_pages.items():
        text = _visible_text(page)
        problems += [f"{path}: {m.group(0)!r}" for m in re.finditer(r"\w'\w", text)]
    assert problems == []


def test_typography_never_touches_code_or_attributes(site_pages):
    contribute = site_pages["contribuer/index.html"]
    codes = re.findall(r"<code>([^<]*)</code>", contribute)
    assert any("'" in code for code in codes)  # « {{ seuil('…') }} » stays as typed
    assert not any(NNBSP in code or NBSP in code for code in codes)
    for page in site_pages.values():
        for attribute in re.findall(r'(?:href|src)="([^"]*)"', page):
            assert NBSP not in attribute and NNBSP not in attribute and "’" not in attribute


def _docx_text(data: bytes) -> str:
    document = docx.Document(io.BytesIO(data))
    parts = [p.text for p in document.paragraphs]
    parts += [p.text for table in document.tables for row in table.rows for cell in row.cells for p in cell.paragraphs]
    return "\n".join(parts)


def _odt_text(data: bytes) -> str:
    document = opendocument.load(io.BytesIO(data))
    elements = document.getElementsByType(odf_text.P) + document.getElementsByType(odf_text.H)
    return "\n".join(teletype.extractText(element) for element in elements)


def test_every_document_has_french_typography(built_site: Path):
    documents = sorted((built_site / "telechargements").glob("*.*"))
    assert {p.suffix for p in documents} == {".docx", ".odt"}
    problems = []
    for path in documents:
        text = _docx_text(path.read_bytes()) if path.suffix == ".docx" else _odt_text(path.read_bytes())
        # Within a line: a paragraph never starts with « : » (a line break is not a space).
        for line in text.splitlines():
            problems += [f"{path.name}: {line[max(0, m.start() - 30):m.end() + 5]!r}"
                         for m in re.finditer(r"[ \t][;:!?»]|«[ \t]", line)]
            problems += [f"{path.name}: {m.group(0)!r}" for m in re.finditer(r"\w'\w", line)]
    assert problems == []


def test_request_form_has_fields_to_fill(built_site: Path):
    data = (built_site / "telechargements/fiche-demande-accompagnement.docx").read_bytes()
    document = docx.Document(io.BytesIO(data))
    fields = [run.text for p in document.paragraphs for run in p.runs
              if run.style is not None and run.style.name == "Champ à compléter"]
    assert "[Collectivité]" in fields and "[Date et signature]" in fields
    assert len(fields) >= 12
    assert "05\u00a062\u00a067\u00a040\u00a040" in _docx_text(data) or "05 62 67 40 40" in _docx_text(data)
    odt = opendocument.load(io.BytesIO((built_site / "telechargements/fiche-demande-accompagnement.odt").read_bytes()))
    spans = [teletype.extractText(s) for s in odt.getElementsByType(odf_text.Span)
             if s.getAttribute("stylename") == "Champ_20_à_20_compléter"]
    assert "[Collectivité]" in spans and len(spans) >= 12
    assert zipfile.ZipFile(io.BytesIO(data)).testzip() is None


def test_libreoffice_opens_the_request_form(require_office, built_site: Path, tmp_path):
    import subprocess

    from pypdf import PdfReader

    inputs = []
    for extension in ("docx", "odt"):
        target = tmp_path / f"fiche-{extension}.{extension}"
        target.write_bytes((built_site / f"telechargements/fiche-demande-accompagnement.{extension}").read_bytes())
        inputs.append(target)
    command = [require_office, f"-env:UserInstallation=file://{tmp_path / 'profil'}", "--headless",
               "--convert-to", "pdf", "--outdir", str(tmp_path / "pdf"), *map(str, inputs)]
    result = subprocess.run(command, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    for source in inputs:
        text = " ".join(page.extract_text() for page in PdfReader(tmp_path / "pdf" / f"{source.stem}.pdf").pages)
        text = " ".join(text.split())
        assert "Fiche de demande d’accompagnement" in text, source.name
        assert "[Collectivité]" in text and "[Date et signature]" in text, source.name


def test_whats_new_is_not_empty(built_site: Path):
    """The real site's git history gives each item's publication (« Nouveau guide »…)."""
    text = _visible_text(_article(built_site, "quoi-de-neuf/index.html"))
    assert "Nouveau guide" in text and "Nouveau modèle de document" in text
    assert "Aucune mise à jour" not in text and "indisponible" not in text


def test_workshop_page_says_how_to_join(built_site: Path):
    article = _article(built_site, "ateliers/lancement-reseau-commande-publique/index.html")
    assert 'href="../../solliciter-la-mit/"' in article
