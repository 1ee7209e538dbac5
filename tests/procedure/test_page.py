"""The page quelle-procedure/ as built: links to it, the table without JavaScript, its data and weight."""

from __future__ import annotations

import gzip
import json
import re
from pathlib import Path

from mitkb.linkcheck import check_links
from mitkb.procedure.tool import WEB_DIR

from ..conftest import ROOT

PAGE = "quelle-procedure/index.html"
# The site's budget for a page (benchmarks/report.py: median HTML page) and for what this page loads
# on top of the theme: its data, script and style sheet, compressed as a static host serves them.
HTML_BUDGET = 60_000
OWN_FILES_BUDGET = 30_000


def _html(site: Path, page: str = PAGE) -> str:
    return (site / page).read_text(encoding="utf-8")


def test_the_page_is_linked_from_home_navigation_guide_and_every_template(built_site: Path):
    home = _html(built_site, "index.html")
    assert 'href="quelle-procedure/"' in home
    assert re.search(r'<a href="\.\./quelle-procedure/" class="md-nav__link">\s*(<[^>]+>\s*)*Quelle procédure',
                     _html(built_site, "glossaire/index.html"))
    guide = _html(built_site, "methodes/choisir-procedure-marche/index.html")
    assert 'href="../../quelle-procedure/"' in guide
    for template in (ROOT / "guides/modeles").glob("*.yml"):
        page = _html(built_site, f"modeles/{template.stem}/index.html")
        assert 'href="../../quelle-procedure/">Répondez à trois questions</a>' in page, template.stem


def test_without_javascript_the_page_shows_the_decision_table_of_the_build_date_and_the_next_change(built_site):
    html = _html(built_site, PAGE)
    assert "<h2 id=\"tableau-de-decision-au-27-novembre-2026\">" in html
    # The next known change: the period of the EU thresholds in the data ends.
    today, after = html.split('<h2 id="a-partir-du-1er-janvier-2028">')
    today = today.split('<h2 id="tableau-de-decision-au-27-novembre-2026">')[1]
    # Works on the build date: dispense below 100 000, MAPA up to 5 404 000, formalised from it.
    assert re.search(r"<td>en dessous de 100\u00a0000\u00a0€\u00a0HT</td>\s*<td><span data-procedure=\"dispense\">", today)
    assert re.search(r"<td>à partir de 100\u00a0000\u00a0€\u00a0HT et en dessous de 5\u00a0404\u00a0000\u00a0€\u00a0HT"
                     r"</td>\s*<td><span data-procedure=\"mapa\">", today)
    assert re.search(r"<td>à partir de 5\u00a0404\u00a0000\u00a0€\u00a0HT</td>\s*<td><span data-procedure=\"formalisee\">", today)
    after = after.split('<h2 id="dou-viennent-ces-regles">')[0]
    assert "Pas de données pour cette date" in after and "data-procedure" not in after
    # The form only shows with JavaScript; the page says the table gives the same answers.
    assert '<form id="mitkb-procedure-formulaire" class="mitkb-procedure__formulaire" action="./" method="get" hidden>' in html
    assert "<noscript>" in html
    # The valuation questions are there without JavaScript too, with their articles.
    assert "Comment estimer le montant\u202f?" in html and "R2121-5" in html and "R2121-7" in html


def test_the_script_and_style_sheet_load_on_this_page_only(built_site):
    assert 'src="../assets/javascripts/procedure.js"' in _html(built_site, PAGE)
    assert 'href="../assets/stylesheets/procedure.css"' in _html(built_site, PAGE)
    for page in ("index.html", "methodes/choisir-procedure-marche/index.html", "recherche/index.html"):
        assert "procedure.js" not in _html(built_site, page) and "procedure.css" not in _html(built_site, page)


def test_no_threshold_or_date_is_written_in_the_script():
    script = (WEB_DIR / "procedure.js").read_text(encoding="utf-8")
    code = re.sub(r"//.*", "", script)
    assert not re.search(r"\d{4}-\d{2}-\d{2}", code)
    assert not re.search(r"\d{4,}", code.replace("\\u00a0", "").replace("\\u202f", ""))
    assert not re.search(r"\d{2}\s?000", code)


def test_every_link_of_the_answers_exists_in_the_built_site(built_site):
    data = json.loads((built_site / "quelle-procedure/regles.json").read_text(encoding="utf-8"))
    links = {href for block in data["blocs"] for href in re.findall(r'href="([^"]+)"', block)}
    internal = {href for href in links if not href.startswith("https://")}
    assert internal and all(href.startswith("../") for href in internal)
    for href in internal:
        assert (built_site / href.removeprefix("../") / "index.html").is_file(), href
    assert all(href.startswith("https://www.legifrance.gouv.fr/") for href in links - internal)
    assert not check_links(built_site).broken


def test_page_weight_within_the_budgets(built_site):
    html = (built_site / PAGE).read_bytes()
    assert len(html) <= HTML_BUDGET
    own = [built_site / "quelle-procedure/regles.json", built_site / "assets/javascripts/procedure.js",
           built_site / "assets/stylesheets/procedure.css"]
    compressed = sum(len(gzip.compress(path.read_bytes())) for path in own)
    print(f"quelle-procedure : HTML {len(html)} octets ; données, script et style compressés : {compressed} octets")
    assert compressed <= OWN_FILES_BUDGET
