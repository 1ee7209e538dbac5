"""The « Formulaires officiels » page: links to the DAJ, no copies."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
PAGE = ROOT / "docs" / "formulaires-officiels.md"
FORMS = ["DC1", "DC2", "DC4", "ATTRI1", "NOTI1", "NOTI3", "NOTI5"]
CCAG = ["CCAG Travaux", "CCAG FCS", "CCAG PI", "CCAG TIC", "CCAG MI", "CCAG MOE"]


def table_rows(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.startswith("| ") and not line.startswith("|---")]


def test_every_form_and_ccag_has_a_line_saying_when_it_is_used():
    text = PAGE.read_text(encoding="utf-8")
    rows = table_rows(text)
    for name in FORMS:
        row = next(r for r in rows if f"**{name}**" in r)
        link, when = row.strip("| ").split(" | ")
        assert re.fullmatch(r"\[\*\*" + name + r"\*\* – [^\]]+\]\(https://www\.economie\.gouv\.fr/daj/[a-z-]+\)", link)
        assert len(when) > 40
    for name in CCAG:
        row = next(r for r in rows if r.startswith(f"| **{name}**"))
        assert len(row.split(" | ")[1]) > 30
    assert "https://www.economie.gouv.fr/daj/cahiers-clauses-administratives-generales-et-techniques" in text


def test_links_go_to_the_ministry_or_to_pages_of_the_site():
    text = PAGE.read_text(encoding="utf-8")
    for target in re.findall(r"\]\(([^)]+)\)", text):
        assert target.startswith("https://www.economie.gouv.fr/daj/") or target.startswith("modeles/"), target
    assert "{{" not in text  # no macro: the page is plain Markdown


def test_page_is_in_the_navigation():
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    assert {"Formulaires officiels": "formulaires-officiels.md"} in config["nav"]


def test_built_page_links_to_templates(built_site):
    html = (built_site / "formulaires-officiels" / "index.html").read_text(encoding="utf-8")
    assert 'href="../modeles/courrier-candidat-non-retenu/"' in html
    assert 'href="../modeles/reglement-consultation-mapa-travaux/"' in html
