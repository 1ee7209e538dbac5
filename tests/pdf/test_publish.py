"""How PDFs are published, without Chromium: the cache, the link, the footer, the switch."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from mitkb.build import build_content
from mitkb.pdf import PdfPrinterError, pdf_enabled, pdf_targets, publish_pdfs
from mitkb.pdf.printer import stable_bytes
from mitkb.pdf.publish import add_download_link
from mitkb.pdf.targets import PdfTarget

DAY = dt.date(2026, 12, 5)
PAGE = """<html><body><article><h1 id="t">Titre</h1>
<p class="mitkb-meta"><span class="mitkb-kind">Guide méthodologique</span> · Eau</p>
<p>Texte.</p></article></body></html>"""


class FakePrinter:
    """Stands for Chromium: records what it prints, returns bytes that depend on the page."""

    printed: list[str] = []

    def __init__(self, executable):
        pass

    def print_all(self, jobs) -> list[bytes]:
        FakePrinter.printed += [Path(job.page_file).name for job in jobs]
        return [b"%PDF-1.4 " + Path(job.page_file).read_bytes()[:200] + job.footer_text.encode() + job.stamp.encode()
                for job in jobs]


def target(name: str = "a", day: dt.date = DAY) -> PdfTarget:
    return PdfTarget(f"methodes/{name}/index.html", f"methodes/{name}/{name}.pdf", "Titre", "ce guide",
                     f"https://exemple.fr/methodes/{name}/", day)


def write_site(folder: Path, names=("a", "b")) -> Path:
    for name in names:
        page = folder / "methodes" / name / "index.html"
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text(PAGE.replace("Texte.", f"Texte {name}."), encoding="utf-8")
    (folder / "assets/stylesheets").mkdir(parents=True, exist_ok=True)
    (folder / "assets/stylesheets/impression.css").write_text("@media print {}", encoding="utf-8")
    return folder


@pytest.fixture(autouse=True)
def reset_printer():
    FakePrinter.printed = []


def publish(site: Path, cache: Path, targets):
    return publish_pdfs(site, targets, cache, printer_factory=FakePrinter, executable="/bin/true")


def test_a_warm_rebuild_prints_nothing_and_gives_the_same_files(tmp_path):
    cache = tmp_path / "cache"
    first = publish(write_site(tmp_path / "un"), cache, [target("a"), target("b")])
    assert (first.generated, first.reused) == (2, 0)
    assert FakePrinter.printed == ["index.html", "index.html"]
    FakePrinter.printed = []
    second = publish(write_site(tmp_path / "deux"), cache, [target("a"), target("b")])
    assert (second.generated, second.reused) == (0, 2)
    assert FakePrinter.printed == []
    for name in ("a", "b"):
        path = f"methodes/{name}/{name}.pdf"
        assert (tmp_path / "un" / path).read_bytes() == (tmp_path / "deux" / path).read_bytes()


def test_only_a_changed_page_stylesheet_or_date_is_printed_again(tmp_path):
    cache = tmp_path / "cache"
    publish(write_site(tmp_path / "s1"), cache, [target("a"), target("b")])
    site = write_site(tmp_path / "s2")
    page = site / "methodes/b/index.html"
    page.write_text(page.read_text(encoding="utf-8").replace("Texte b.", "Texte b modifié."), encoding="utf-8")
    assert publish(site, cache, [target("a"), target("b")]).generated == 1
    site = write_site(tmp_path / "s3")
    (site / "assets/stylesheets/impression.css").write_text("@media print { h1 { color: red } }", encoding="utf-8")
    assert publish(site, cache, [target("a"), target("b")]).generated == 2
    later = dt.date(2027, 1, 4)  # another build date: other thresholds, another footer
    assert publish(write_site(tmp_path / "s4"), cache, [target("a", later), target("b", later)]).generated == 2


def test_the_page_links_its_pdf_with_its_size_under_the_kind_line(tmp_path):
    site = write_site(tmp_path / "site", ["a"])
    publish(site, tmp_path / "cache", [target("a")])
    size = (site / "methodes/a/a.pdf").stat().st_size
    html = (site / "methodes/a/index.html").read_text(encoding="utf-8")
    link = (f'<p class="mitkb-pdf" data-pagefind-ignore="all"><a href="a.pdf" type="application/pdf" download>'
            f"Télécharger ce guide en PDF, {-(-size // 1000)}\u00a0Ko</a></p>")
    assert html.index("</p>" + link) > html.index('class="mitkb-meta"')
    assert html.index(link) < html.index("<p>Texte a.</p>")


def test_without_kind_line_the_link_goes_under_the_title_and_without_title_it_fails():
    assert add_download_link("<h1>T</h1><p>x</p>", target(), 1500).startswith('<h1>T</h1><p class="mitkb-pdf"')
    with pytest.raises(PdfPrinterError, match="lien PDF"):
        add_download_link("<p>x</p>", target(), 1500)


def test_without_chromium_the_build_stops_with_a_french_hint(tmp_path, monkeypatch):
    monkeypatch.setenv("MITKB_CHROMIUM", str(tmp_path / "absent"))
    with pytest.raises(PdfPrinterError, match="Chromium introuvable.*MITKB_PDF=0"):
        publish_pdfs(write_site(tmp_path / "site"), [target()], None)


def test_the_switch_turns_pdfs_off_only_when_asked():
    assert pdf_enabled({}) and pdf_enabled({"MITKB_PDF": "1"})
    assert not pdf_enabled({"MITKB_PDF": "0"})


def test_chromium_timestamps_become_the_build_date_without_moving_offsets():
    pdf = b"1 0 obj\n<</CreationDate (D:20261205224410+00'00') /ModDate (D:20261205224411+00'00')>>\nxref"
    fixed = stable_bytes(pdf, "20261205")
    assert fixed == pdf.replace(b"224410", b"000000").replace(b"224411", b"000000")
    assert len(fixed) == len(pdf)


def test_targets_are_the_guides_and_write_ups_with_the_build_date_in_their_footer():
    from tests.conftest import ROOT

    result = build_content(ROOT, DAY, documents=False)
    targets = pdf_targets(result.site, result.publishing, DAY)
    assert sorted(t.html_path for t in targets) == sorted(
        [f"methodes/{slug}/index.html" for slug in result.site.guides]
        + [f"ateliers/{slug}/index.html" for slug in result.site.workshops])
    guide = next(t for t in targets if t.html_path.startswith("methodes/"))
    assert guide.pdf_path == guide.html_path.replace("index.html", guide.html_path.split("/")[1] + ".pdf")
    assert guide.footer_text.startswith("Seuils en vigueur au 5 décembre 2026 · ")
    assert {t.what for t in targets} == {"ce guide", "ce compte rendu"}
