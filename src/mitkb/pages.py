"""Generate the Markdown of every content page, in memory.

Each page is a ``GeneratedPage(path, markdown, source)``; an adapter hands them
to the site generator (MkDocs: ``File.generated``) or writes them to disk
(``mitkb export``). Nothing here imports MkDocs.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import posixpath
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

import jinja2

from .content import Item, Site
from .facts import Facts
from .formatting import date_long, event_date
from .models import AUDIENCE_LABELS, LEGAL_CODE_LABELS, PHASE_LABELS, PROCEDURE_LABELS, LegalBasis
from .markup import contact_card, md_text
from .rich_text import RenderContext, TextRenderer

TEMPLATE_DIR = Path(__file__).parent / "templates"

LEGIFRANCE_CODES = {"CCP": "LEGITEXT000037701019", "CGCT": "LEGITEXT000006070633"}


@dataclass(frozen=True)
class GeneratedPage:
    path: str  # relative to the docs root, e.g. "methodes/rehabiliter-ecole.md"
    markdown: str
    source: str | None = None  # the YAML file it comes from, for edit links and errors


@dataclass(frozen=True)
class GeneratedFile:
    """A binary file published with the site (e.g. a downloadable document)."""

    path: str  # relative to the site root, e.g. "telechargements/modele.docx"
    content: bytes
    source: str | None = None


@dataclass
class Backlinks:
    """Who points at whom, computed once per build."""

    guides_of_template: dict[str, list[Item]] = field(default_factory=dict)
    workshops_of_template: dict[str, list[Item]] = field(default_factory=dict)
    workshops_of_guide: dict[str, list[Item]] = field(default_factory=dict)
    guides_of_workshop: dict[str, list[Item]] = field(default_factory=dict)

    @classmethod
    def of(cls, site: Site) -> "Backlinks":
        links = cls()
        for guide in site.guides.values():
            for slug in guide.model.templates:
                links.guides_of_template.setdefault(slug, []).append(guide)
            for slug in guide.model.workshops:
                links.guides_of_workshop.setdefault(slug, []).append(guide)
        for workshop in site.workshops.values():
            for slug in workshop.model.templates:
                links.workshops_of_template.setdefault(slug, []).append(workshop)
            for slug in workshop.model.guides:
                links.workshops_of_guide.setdefault(slug, []).append(workshop)
        return links


def _unique(items: list[Item]) -> list[Item]:
    seen: dict[tuple[str, str], Item] = {}
    for item in items:
        seen.setdefault((item.kind, item.slug), item)
    return sorted(seen.values(), key=lambda i: i.title.casefold())


# -- filters ------------------------------------------------------------------


def link_to(from_page: str, target) -> str:
    """Relative Markdown link from one docs page to another (MkDocs checks it)."""
    target_path = target.page_path if isinstance(target, Item) else str(target)
    return posixpath.relpath(target_path, posixpath.dirname(from_page) or ".")


def plain(text: str) -> str:
    """Markdown and macros removed, one line: for descriptions and summaries."""
    text = re.sub(r"\{\{.*?\}\}", "…", str(text))
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"[*_`#>]", "", text)
    return " ".join(text.split())


def first_sentence(text: str) -> str:
    match = re.match(r"(.+?[.!?])(\s|$)", text)
    return match.group(1) if match else text


def yaml_str(text: str) -> str:
    return json.dumps(str(text), ensure_ascii=False)


def anchor(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-") or "terme"


def legifrance_url(basis: LegalBasis) -> str:
    """A Légifrance search for the article inside its code."""
    return (
        "https://www.legifrance.gouv.fr/search/code?tab_selection=code&searchField=NUM_ARTICLE"
        f"&query={quote(basis.number)}&code={LEGIFRANCE_CODES[basis.code]}"
    )


class PageRenderer:
    """Renders every generated page of a validated site for one build date."""

    def __init__(self, site: Site, today: dt.date):
        self.site = site
        self.today = today
        self.facts = Facts(site, today)
        self.text = TextRenderer(self.facts)
        self.backlinks = Backlinks.of(site)
        env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(TEMPLATE_DIR),
            undefined=jinja2.StrictUndefined,
            autoescape=False,
            keep_trailing_newline=True,
            trim_blocks=False,
        )
        env.filters.update(
            link_to=link_to,
            md_text=md_text,
            plain=plain,
            first_sentence=first_sentence,
            yaml_str=yaml_str,
            anchor=anchor,
            legifrance=legifrance_url,
            date_long=date_long,
            event_date=event_date,
            contact_card=contact_card,
            rich=self.text.render,
            rich_with_fields=self._rich_with_fields,
        )
        env.globals.update(
            phase_labels=PHASE_LABELS, code_labels=LEGAL_CODE_LABELS, today=today
        )
        self.env = env

    def _rich_with_fields(self, text: str, template) -> str:
        return self.text.render(text, RenderContext({f.id: f for f in template.fields}))

    def _render(self, name: str, **context) -> str:
        return self.env.get_template(name).render(**context)

    # -- item pages -----------------------------------------------------------
    def guide(self, item: Item) -> str:
        guide = item.model
        return self._render(
            "methode.md.j2",
            page=item.page_path,
            guide=guide,
            domain=self.site.domains[guide.domain],
            themes=[self.site.domains[t] for t in guide.themes],
            audience=", ".join(AUDIENCE_LABELS[a] for a in guide.audience),
            templates=_unique([self.site.templates[s] for s in guide.templates]),
            workshops=_unique(
                [self.site.workshops[s] for s in guide.workshops]
                + self.backlinks.workshops_of_guide.get(item.slug, [])
            ),
            referent=self.site.contacts[guide.referent],
        )

    def template(self, item: Item) -> str:
        template = item.model
        return self._render(
            "modele.md.j2",
            page=item.page_path,
            template=template,
            procedures=", ".join(PROCEDURE_LABELS[p] for p in template.procedures),
            thresholds=[self.facts.threshold_in_force(t).sentence() for t in template.thresholds],
            replacement=self.site.templates.get(template.superseded_by) if template.superseded_by else None,
            guides=_unique(self.backlinks.guides_of_template.get(item.slug, [])),
            workshops=_unique(self.backlinks.workshops_of_template.get(item.slug, [])),
            referent=self.site.contacts[template.referent],
        )

    def workshop(self, item: Item) -> str:
        workshop = item.model
        return self._render(
            "atelier.md.j2",
            page=item.page_path,
            workshop=workshop,
            themes=[self.site.domains[t] for t in workshop.themes],
            guides=_unique(
                [self.site.guides[s] for s in workshop.guides]
                + self.backlinks.guides_of_workshop.get(item.slug, [])
            ),
            templates=_unique([self.site.templates[s] for s in workshop.templates]),
        )

    # -- listings -------------------------------------------------------------
    def guides_index(self) -> str:
        groups = []
        ordered = sorted(self.site.domains.values(), key=lambda d: (d.type != "domaine",))
        for domain in ordered:
            items = sorted(
                (g for g in self.site.guides.values() if g.model.domain == domain.id),
                key=lambda i: i.title.casefold(),
            )
            if items:
                groups.append({"domain": domain, "entries": items})
        return self._render("methodes-index.md.j2", page="methodes/index.md", groups=groups)

    def templates_index(self) -> str:
        groups = []
        for procedure, label in PROCEDURE_LABELS.items():
            items = sorted(
                (t for t in self.site.templates.values() if t.model.procedures[0] == procedure),
                key=lambda i: i.title.casefold(),
            )
            if items:
                groups.append({"id": procedure, "label": label, "entries": items})
        return self._render("modeles-index.md.j2", page="modeles/index.md", groups=groups)

    def workshops_index(self) -> str:
        items = sorted(self.site.workshops.values(), key=lambda i: i.model.sort_key, reverse=True)
        return self._render("ateliers-index.md.j2", page="ateliers/index.md", items=items)

    def glossary(self) -> str:
        terms = sorted(self.site.terms, key=lambda t: anchor(t.term))
        return self._render("glossaire.md.j2", page="glossaire.md", terms=terms)

    def all_pages(self) -> list[GeneratedPage]:
        pages = [
            GeneratedPage("methodes/index.md", self.guides_index()),
            GeneratedPage("modeles/index.md", self.templates_index()),
            GeneratedPage("ateliers/index.md", self.workshops_index()),
            GeneratedPage("glossaire.md", self.glossary()),
        ]
        renderers = {"methodes": self.guide, "modeles": self.template, "ateliers": self.workshop}
        for item in self.site.all_items():
            pages.append(GeneratedPage(item.page_path, renderers[item.kind](item), item.source))
        return pages
