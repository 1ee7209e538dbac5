"""« Remplir en ligne »: the form, its script, and the documents the browser fills.

The browser test fills every field of every template on a phone, downloads both
formats, reads them back (every value in every occurrence, no placeholder left for
a filled field, an empty field still a highlighted placeholder) and has
LibreOffice convert them to PDF.
"""

from __future__ import annotations

import gzip
import io
import json
import re
import subprocess
import zipfile
from pathlib import Path
from xml.etree import ElementTree

import pytest
from pypdf import PdfReader

from mitkb.documents import fields as markers
from mitkb.documents.layouts import effective_fields
from mitkb.documents.online_form import CONFIG_ID, SCRIPT_FILE, SCRIPT_PATH, form_config
from mitkb.typography import french_text as fr

from ..a11y.pages import new_context
from ..conftest import require_tool
from .conftest import ROOT, load_real_site

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
SOURCE = SCRIPT_FILE.with_suffix(".mjs")
SIZE_BUDGET = 60_000  # bytes of the filling script, gzip-compressed
NBSP = "\u00a0"


# -- without a browser -----------------------------------------------------------

def test_the_filling_script_fits_its_budget():
    compressed = len(gzip.compress(SCRIPT_FILE.read_bytes(), 9))
    print(f"remplir.js : {SCRIPT_FILE.stat().st_size} octets, {compressed} octets compressés (gzip -9)")
    assert compressed <= SIZE_BUDGET


def test_the_script_hard_codes_no_marker():
    """Tags, store, namespace and styles come from the page's JSON, decided in Python."""
    source = SOURCE.read_text(encoding="utf-8")
    config = markers.browser_config()
    literals = set(re.findall(r'"([^"\\]*)"', source)) | set(re.findall(r"'([^'\\]*)'", source))
    for value in (*config["docx"].values(), *config["odt"].values()):
        assert not any(value in literal for literal in literals), value
    assert not literals & set(config["months"])


def test_the_built_script_is_the_build_of_its_source(tmp_path):
    esbuild = ROOT / "node_modules" / ".bin" / "esbuild"
    require_tool("MITKB_REQUIRE_NODE", esbuild.exists(), "esbuild (node_modules : lancez « make remplir »)")
    package = json.loads((ROOT / "package.json").read_text(encoding="utf-8"))
    command = package["scripts"]["build"].replace("--outfile=src/mitkb/documents/web/remplir.js",
                                                  f"--outfile={tmp_path / 'remplir.js'}")
    subprocess.run(command, shell=True, cwd=ROOT, check=True, capture_output=True,
                   env={"PATH": f"{esbuild.parent}:/usr/bin:/bin"})
    assert (tmp_path / "remplir.js").read_bytes() == SCRIPT_FILE.read_bytes(), "lancez « make remplir »"


def test_built_pages_embed_the_markers_the_documents_use(built_site):
    """The JSON each template page gives the script names exactly the fields its documents mark."""
    site = load_real_site()
    pages_with_script = set()
    for html_file in built_site.rglob("*.html"):
        if SCRIPT_PATH.rsplit("/", 1)[1] in html_file.read_text(encoding="utf-8"):
            pages_with_script.add(html_file.parent.relative_to(built_site).as_posix())
    assert pages_with_script == {f"modeles/{slug}" for slug in site.templates}  # template pages only
    assert (built_site / SCRIPT_PATH).read_bytes() == SCRIPT_FILE.read_bytes()
    for slug, item in site.templates.items():
        page = (built_site / "modeles" / slug / "index.html").read_text(encoding="utf-8")
        embedded = re.search(rf'<script type="application/json" id="{CONFIG_ID}">(.*?)</script>', page, re.S)
        config = json.loads(embedded.group(1))
        assert config == form_config(effective_fields(item.model))
        document = zipfile.ZipFile(built_site / "telechargements" / f"{slug}.docx").read("word/document.xml").decode()
        content = zipfile.ZipFile(built_site / "telechargements" / f"{slug}.odt").read("content.xml").decode()
        ids = {f["id"] for f in config["fields"]}
        assert set(markers.used_field_ids(document, "docx")) == ids
        assert set(markers.used_field_ids(content, "odt")) == ids
        for field in config["fields"]:
            assert f'name="{field["id"]}"' in page  # one input per field, named by its id


# -- in Chromium -------------------------------------------------------------------

def sample(field, index: int) -> tuple[str, str]:
    """(what is typed, what the document must show) for one field."""
    kind = field.type or "texte"
    if kind == "date":
        return "2027-03-01", "1er mars 2027"
    if kind == "montant":
        return "12500,5", f"12{NBSP}500,50{NBSP}€"
    if kind == "nombre":
        return str(index + 2), str(index + 2)
    if kind == "heure":
        return "14:30", f"14{NBSP}h{NBSP}30"
    value = f"Vé{index}z"  # short: a value never wraps inside a table cell
    return value, value


def docx_occurrences(data: bytes) -> tuple[dict[str, list[str]], dict[str, str], str]:
    archive = zipfile.ZipFile(io.BytesIO(data))
    root = ElementTree.fromstring(archive.read("word/document.xml"))
    shown: dict[str, list[str]] = {}
    styled: dict[str, bool] = {}
    for sdt in root.iter(f"{W}sdt"):
        field_id = sdt.find(f"{W}sdtPr/{W}tag").get(f"{W}val").removeprefix(markers.TAG_PREFIX)
        shown.setdefault(field_id, []).append("".join(t.text or "" for t in sdt.iter(f"{W}t")))
        styled[field_id] = any(s.get(f"{W}val") == markers.DOCX_FIELD_STYLE_ID for s in sdt.iter(f"{W}rStyle"))
    store = ElementTree.fromstring(archive.read(markers.CUSTOM_XML_PATH))
    stored = {child.tag.split("}")[1]: child.text or "" for child in store}
    return shown, stored, styled


def odt_occurrences(data: bytes):
    archive = zipfile.ZipFile(io.BytesIO(data))
    assert archive.infolist()[0].filename == "mimetype"
    assert archive.infolist()[0].compress_type == zipfile.ZIP_STORED
    root = ElementTree.fromstring(archive.read("content.xml"))
    declared = {d.get(f"{TEXT}name"): d.get(f"{OFFICE}string-value") for d in root.iter(f"{TEXT}user-field-decl")}
    shown: dict[str, list[str]] = {}
    for get in root.iter(f"{TEXT}user-field-get"):
        shown.setdefault(get.get(f"{TEXT}name"), []).append(get.text or "")
    highlighted = {
        get.get(f"{TEXT}name")
        for span in root.iter(f"{TEXT}span") if span.get(f"{TEXT}style-name") == markers.styles.odf_name(markers.styles.FIELD_STYLE)
        for get in span.iter(f"{TEXT}user-field-get")
    }
    return shown, declared, highlighted


@pytest.mark.browser
def test_fill_online_on_a_phone_and_open_both_files(browser, site_url, require_office, tmp_path):
    site = load_real_site()
    context = new_context(browser, "telephone", "clair")
    requests: list[str] = []
    context.on("request", lambda request: requests.append(request.url))
    tab = context.new_page()
    downloaded: list[tuple[Path, dict, str]] = []
    for slug, item in sorted(site.templates.items()):
        fields = effective_fields(item.model)
        tab.goto(f"{site_url}/modeles/{slug}/")
        form = tab.locator("#mitkb-remplir")
        form.wait_for(state="visible")
        width = tab.evaluate("document.documentElement.scrollWidth")
        assert width <= 390, f"{slug} : la page déborde sur un téléphone ({width} px)"
        expected: dict[str, str] = {}
        empty = fields[-1]  # left empty: stays a highlighted placeholder
        for index, field in enumerate(fields):
            control = form.locator(f'[name="{field.id}"]')
            kind = field.type or "texte"
            assert control.get_attribute("type") == {
                "date": "date", "heure": "time", "nombre": "number", "montant": "text", "texte": "text",
            }.get(kind, None), field.id
            if field is empty:
                continue
            typed, shown = sample(field, index)
            control.fill(typed)
            expected[field.id] = shown
        for kind in ("docx", "odt"):
            with tab.expect_download() as info:
                form.locator(f'button[data-format="{kind}"]').click()
            assert info.value.suggested_filename == f"{slug}-rempli.{kind}"
            target = tmp_path / f"{slug}--{kind}.{kind}"  # one PDF name per file
            info.value.save_as(target)
            downloaded.append((target, expected, slug))
        shown, stored, styled = docx_occurrences((tmp_path / f"{slug}--docx.docx").read_bytes())
        for field_id, value in expected.items():
            assert shown[field_id] and set(shown[field_id]) == {value}, (slug, field_id, shown[field_id])
            assert stored[field_id] == value and not styled[field_id]
        assert set(shown[empty.id]) == {fr(f"[{empty.label}]")} and styled[empty.id]
        assert stored[empty.id] == fr(f"[{empty.label}]")
        shown, declared, highlighted = odt_occurrences((tmp_path / f"{slug}--odt.odt").read_bytes())
        for field_id, value in expected.items():
            assert set(shown[field_id]) == {value} and declared[field_id] == value, (slug, field_id)
            assert field_id not in highlighted
        assert set(shown[empty.id]) == {fr(f"[{empty.label}]")} and empty.id in highlighted
    context.close()
    assert all(url.startswith(site_url) for url in requests), "requête vers un autre hôte"
    # LibreOffice opens every filled file: each value printed, no placeholder left for them.
    output = tmp_path / "pdf"
    command = [require_office, f"-env:UserInstallation=file://{tmp_path / 'profil'}", "--headless",
               "--convert-to", "pdf", "--outdir", str(output)] + [str(p) for p, _, _ in downloaded]
    result = subprocess.run(command, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
    for path, expected, slug in downloaded:
        reader = PdfReader(output / f"{path.stem}.pdf")
        text = re.sub(r"\s+", "", " ".join(page.extract_text() for page in reader.pages))
        for value in expected.values():
            assert re.sub(r"\s+", "", value) in text, (path.name, value)
        site_fields = {f.id: f for f in effective_fields(site.templates[slug].model)}
        for field_id in expected:
            assert re.sub(r"\s+", "", fr(f"[{site_fields[field_id].label}]")) not in text, (path.name, field_id)


@pytest.mark.browser
def test_without_javascript_the_plain_downloads_remain(browser, site_url):
    context = browser.new_context(java_script_enabled=False, locale="fr-FR")
    tab = context.new_page()
    tab.goto(f"{site_url}/modeles/courrier-candidat-non-retenu/")
    assert not tab.locator("#mitkb-remplir").is_visible()  # the form needs its script
    for name in ("courrier-candidat-non-retenu.docx", "courrier-candidat-non-retenu.odt",
                 "courrier-candidat-non-retenu-notice.odt"):
        assert tab.locator(f'a[href$="/telechargements/{name}"]').is_visible(), name
    context.close()
