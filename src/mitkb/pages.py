"""Generate the Markdown of every content page, in memory.

Each page is a ``GeneratedPage(path, markdown, source)``; an adapter hands them
to the site generator (MkDocs: ``File.generated``) or writes them to disk
(``mitkb export``). Nothing here imports MkDocs.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import posixpath
import re
import unicodedata
from dataclasses import dataclass, field, replace
from pathlib import Path
from urllib.parse import quote

import jinja2

from .content import Item, Site
from .facts import Facts
from .formatting import date_long, event_date
from .models import AUDIENCE_LABELS, LEGAL_CODE_LABELS, PHASE_LABELS, PROCEDURE_LABELS, LegalBasis, Source
from .markup import contact_card, md_text
from .publisher.request_page import FORM_SLUG, REQUEST_PAGE, main_contact, request_link, request_page_markdown
from .rich_text import RenderContext, TextRenderer
from .changes import FEED_PATH, WHATS_NEW_PAGE, latest_changes
from .formatting import MONTHS
from .publishing import Publishing
from .glossary import Abbreviations
from .search.next_steps import STAFF_LABEL
from .search.facets import (
    CONTACT_LABEL, DOMAIN_TYPE_LABELS, FILTER_AUDIENCE, FILTER_FIELD, FILTER_KIND, FILTER_PROCEDURE, KIND_LABELS,
    FieldIndex, item_tags, tags_markup,
)

TEMPLATE_DIR = Path(__file__).parent / "templates"

class _CompiledTemplates(jinja2.BytecodeCache):
    """Templates compiled once per process, whichever renderer asks (the preview makes one
    renderer per edit); a changed template source is compiled again (jinja2 checks it)."""

    def __init__(self) -> None:
        self.compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket) -> None:
        if bucket.key in self.compiled:
            bucket.bytecode_from_string(self.compiled[bucket.key])

    def dump_bytecode(self, bucket) -> None:
        self.compiled[bucket.key] = bucket.bytecode_to_string()


COMPILED_TEMPLATES = _CompiledTemplates()

# Entries a listing page shows before it is split into one page per group (see _listing).
LISTING_LIMIT = 150

LEGIFRANCE_CODES = {
    "CCP": "LEGITEXT000037701019",
    "CGCT": "LEGITEXT000006070633",
    "CE": "LEGITEXT000006074220",
    "CU": "LEGITEXT000006074075",
    "CCH": "LEGITEXT000006074096",
    "CVR": "LEGITEXT000006070667",
    "CR": "LEGITEXT000006074228",
    "CSP": "LEGITEXT000006072665",
    "CRPM": "LEGITEXT000006071367",
}


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
    return _relative(target_path, posixpath.dirname(from_page) or ".")


@functools.lru_cache(maxsize=65536)
def _relative(path: str, start: str) -> str:
    return posixpath.relpath(path, start)


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


def legifrance_url(basis: LegalBasis | Source) -> str:
    """A Légifrance search for the article inside its code."""
    return (
        "https://www.legifrance.gouv.fr/search/code?tab_selection=code&searchField=NUM_ARTICLE"
        f"&query={quote(basis.number)}&code={LEGIFRANCE_CODES[basis.code]}"
    )


class PageRenderer:
    """Renders every generated page of a validated site for one build date."""

    def __init__(self, site: Site, today: dt.date, downloads: dict | None = None,
                 publishing: Publishing | None = None, notices: dict | None = None):
        self.site = site
        self.today = today
        # Repository links, last-changed dates and site address (none by default).
        self.publishing = publishing or Publishing()
        self.items_by_page = {item.page_path: item for item in site.all_items()}
        self.downloads = downloads or {}  # template slug → its documents (see mitkb.documents)
        self.notices = notices or {}  # template slug → its notices, files of their own
        self.facts = Facts(site, today)
        self.text = TextRenderer(self.facts)
        self.backlinks = Backlinks.of(site)
        self.fields = FieldIndex(site)  # which items belong to which field or theme
        env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(TEMPLATE_DIR),
            bytecode_cache=COMPILED_TEMPLATES,
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
            contact_card=self._contact_card,
            rich=self.text.render,
            rich_with_fields=self._rich_with_fields,
        )
        env.globals.update(
            phase_labels=PHASE_LABELS, code_labels=LEGAL_CODE_LABELS, today=today,
            page_footer=self.page_footer,
            # The page of the procedure tool, when the project has its rules (data/procedures.yml).
            procedure_page="quelle-procedure.md" if site.procedure_rules is not None else None,
        )
        self.env = env

    def page_footer(self, page: str) -> dict:
        """Last change (guides and templates) and the edit and report links of an item page."""
        item = self.items_by_page[page]
        changed = self.publishing.last_changed(item.source) if item.kind in ("methodes", "modeles") else None
        return {"last_changed": changed, "links": self.publishing.links(item.source, item.title, page)}

    def _contact_card(self, contact, page: str | None = None, sources: bool = False) -> str:
        """A contact box with the site's main channel when the contact has none, and the
        link to « Solliciter la MIT »."""
        link = request_link(self.site, page) if page else None
        return contact_card(contact, main_contact(self.site), link, sources)

    def _rich_with_fields(self, text: str, template) -> str:
        from .documents.layouts import effective_fields  # documents imports this module

        return self.text.render(text, RenderContext({f.id: f for f in effective_fields(template)}))

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
            downloads=self.downloads.get(item.slug, []),
            notices=self.notices.get(item.slug, []),
            fields=self._effective_fields(template),
            fill_form=self._fill_form(item),
        )

    @staticmethod
    def _effective_fields(template) -> list:
        from .documents.layouts import effective_fields  # documents imports this module

        return effective_fields(template)

    def _fill_form(self, item: Item) -> str:
        """The « Remplir en ligne » form, when the template's documents are published."""
        from .documents.online_form import SCRIPT_PATH, fill_form

        files = {d.extension: d.path for d in self.downloads.get(item.slug, [])}
        if ".docx" not in files or ".odt" not in files:
            return ""
        fields = self._effective_fields(item.model)
        helps = {f.id: plain(self.text.render(f.help)) for f in fields if f.help}
        # Raw HTML links are not rewritten by MkDocs: relative to the page's URL (…/slug/).
        folder = posixpath.splitext(item.page_path)[0]

        def url(path: str) -> str:
            return posixpath.relpath(path, folder)

        return fill_form(item.slug, fields, helps, url(files[".docx"]), url(files[".odt"]), url(SCRIPT_PATH))

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
            request_link=request_link(self.site, item.page_path),
        )

    # -- listings -------------------------------------------------------------
    def guides_index(self) -> list[GeneratedPage]:
        groups = []
        ordered = sorted(self.site.domains.values(), key=lambda d: (d.type != "domaine",))
        for domain in ordered:
            items = sorted(
                (g for g in self.site.guides.values() if g.model.domain == domain.id),
                key=lambda i: i.title.casefold(),
            )
            if items:
                groups.append({"id": domain.id, "label": domain.label, "entries": items})
        return self._listing("methodes", "methodes-index.md.j2", "domaine", groups, ("guide", "guides"))

    def templates_index(self) -> list[GeneratedPage]:
        groups = []
        for procedure, label in PROCEDURE_LABELS.items():
            items = sorted(
                (t for t in self.site.templates.values() if t.model.procedures[0] == procedure),
                key=lambda i: i.title.casefold(),
            )
            if items:
                groups.append({"id": procedure, "label": label, "entries": items})
        return self._listing("modeles", "modeles-index.md.j2", "procedure", groups, ("modèle", "modèles"))

    def workshops_index(self) -> list[GeneratedPage]:
        items = sorted(self.site.workshops.values(), key=lambda i: i.model.sort_key, reverse=True)
        groups: list[dict] = []
        for item in items:
            year = item.model.sort_key[:4]
            if not groups or groups[-1]["id"] != year:
                groups.append({"id": year, "label": year, "entries": []})
            groups[-1]["entries"].append(item)
        return self._listing("ateliers", "ateliers-index.md.j2", "annee", groups, ("atelier", "ateliers"))

    def _listing(self, kind: str, template: str, grouped_by: str, groups: list[dict],
                 nouns: tuple[str, str]) -> list[GeneratedPage]:
        """The listing of one kind of content: one page while it is short; beyond
        LISTING_LIMIT entries, an index of its groups (field, procedure, year) and pages
        for each group, LISTING_LIMIT entries a page, so that no page grows with the
        whole catalogue."""
        index = f"{kind}/index.md"
        if sum(len(group["entries"]) for group in groups) <= LISTING_LIMIT or len(groups) < 2:
            return [GeneratedPage(index, self._render(template, page=index, groups=groups, group=None,
                                                      split=False, group_page=False, pager=None))]
        for group in groups:
            group["page"] = f"{kind}/{grouped_by}/{group['id']}.md"
            group["count"] = _count(len(group["entries"]), *nouns)
        pages = [GeneratedPage(index, self._render(template, page=index, groups=groups, group=None,
                                                   split=True, group_page=False, pager=None))]
        for group in groups:
            for pager, sections in paginate(group["page"], [group]):
                pages.append(GeneratedPage(pager.path, self._render(
                    template, page=pager.path, groups=sections, group=group, split=False, group_page=True,
                    pager=pager)))
        return pages

    def glossary(self) -> str:
        terms = sorted(self.site.terms, key=lambda t: anchor(t.term))
        return self._render("glossaire.md.j2", page="glossaire.md", terms=terms)

    # -- findability: themes, contacts, search ---------------------------------
    def theme_pages(self, domain) -> list[GeneratedPage]:
        """The pages of one field or theme, listing every kind of content attached to it
        (LISTING_LIMIT entries a page)."""
        items = self.fields.items_of(domain.id)
        headings = {"methodes": "Guides méthodologiques", "modeles": "Modèles de documents",
                    "ateliers": "Ateliers du réseau Commande publique"}
        groups = [{"heading": headings[kind], "entries": items[kind]} for kind in headings if items.get(kind)]
        return [
            GeneratedPage(pager.path, self._render("theme-index.md.j2", page=pager.path, domain=domain,
                                                   groups=sections, type_label=DOMAIN_TYPE_LABELS[domain.type],
                                                   pager=pager))
            for pager, sections in paginate(f"themes/{domain.id}.md", groups)
        ]

    def themes_index(self) -> str:
        sections = []
        for kind, heading in (("domaine", "Domaines d'intervention"), ("theme", "Thèmes transversaux")):
            entries = []
            for domain in (d for d in self.site.domains.values() if d.type == kind):
                items = self.fields.items_of(domain.id)
                counts = [_count(len(items.get("methodes", [])), "guide", "guides"),
                          _count(len(items.get("modeles", [])), "modèle", "modèles"),
                          _count(len(items.get("ateliers", [])), "atelier", "ateliers")]
                entries.append({"domain": domain, "page": f"themes/{domain.id}.md",
                                "counts": " · ".join(c for c in counts if c) or "aucun contenu pour l'instant"})
            if entries:
                sections.append({"heading": heading, "entries": entries})
        return self._render("themes-index.md.j2", page="themes/index.md", sections=sections)

    def contacts(self) -> str:
        return self._render("contacts.md.j2", page="contacts.md", contacts=list(self.site.contacts.values()))

    def search_page(self) -> str:
        """The search page; its facets list the values present in the content."""
        tags = [item_tags(item, self.fields) for item in self.site.all_items()]
        fields = {value for t in tags for value in t.fields}
        audiences = {value for t in tags for value in t.audiences}
        procedures = {value for t in tags for value in t.procedures}
        kinds = [KIND_LABELS[k] for k in self.site.items if self.site.items[k]]
        if self.site.contacts:
            kinds.append(CONTACT_LABEL)
        kinds.append(STAFF_LABEL)  # staff pages: out of the results unless ticked
        facets = [
            {"name": FILTER_KIND, "legend": "Type de contenu", "options": kinds},
            {"name": FILTER_FIELD, "legend": "Domaine ou thème",
             "options": [d.label for d in sorted(self.site.domains.values(), key=lambda d: d.type != "domaine")
                         if d.label in fields]},
            {"name": FILTER_AUDIENCE, "legend": "Public",
             "options": [label for label in AUDIENCE_LABELS.values() if label in audiences]},
            {"name": FILTER_PROCEDURE, "legend": "Procédure (modèles)",
             "options": [label for label in PROCEDURE_LABELS.values() if label in procedures]},
        ]
        return self._render("recherche.md.j2", page="recherche.md", facets=[f for f in facets if f["options"]])

    def whats_new(self, with_feed: bool = False) -> str:
        """« Quoi de neuf » : the latest changes, grouped by month, newest first."""
        groups: list[dict] = []
        for change in latest_changes(self.site, self.today, self.publishing.git):
            label = f"{MONTHS[change.date.month - 1].capitalize()} {change.date.year}"
            if not groups or groups[-1]["label"] != label:
                groups.append({"label": label, "entries": []})
            groups[-1]["entries"].append(change)
        feed = FEED_PATH if with_feed else None
        return self._render("quoi-de-neuf.md.j2", page=WHATS_NEW_PAGE, groups=groups, feed=feed,
                            git_history=self.publishing.git.available and not self.publishing.git.shallow)

    def all_pages(self) -> list[GeneratedPage]:
        return self.listing_pages() + [self.item_page(item) for item in self.site.all_items()]

    def listing_pages(self) -> list[GeneratedPage]:
        """Every generated page that is not one item's page."""
        pages = [
            *self.guides_index(),
            *self.templates_index(),
            *self.workshops_index(),
            GeneratedPage("glossaire.md", self.glossary()),
            GeneratedPage("themes/index.md", self.themes_index()),
            GeneratedPage("contacts.md", self.contacts()),
            GeneratedPage("recherche.md", self.search_page()),
            GeneratedPage(WHATS_NEW_PAGE, self.whats_new(with_feed=self.publishing.site_url is not None)),
        ]
        if main_contact(self.site) is not None:  # « Solliciter la MIT » (mitkb.publisher)
            pages.append(GeneratedPage(REQUEST_PAGE, request_page_markdown(
                self.site, self.facts, self.downloads.get(FORM_SLUG, []))))
        pages += [page for domain in self.site.domains.values() for page in self.theme_pages(domain)]
        return [replace(p, markdown=self.abbreviations.append_to(p.markdown)) for p in pages]

    def item_page(self, item: Item) -> GeneratedPage:
        renderers = {"methodes": self.guide, "modeles": self.template, "ateliers": self.workshop}
        # Hidden Pagefind filters and metadata (kind, field, audience, procedure).
        markdown = renderers[item.kind](item).rstrip("\n") + "\n\n" + tags_markup(item_tags(item, self.fields)) + "\n"
        # Every glossary acronym explained on hover and focus (Markdown « abbr »).
        return GeneratedPage(item.page_path, self.abbreviations.append_to(markdown), item.source)

    @functools.cached_property
    def abbreviations(self) -> Abbreviations:
        return Abbreviations(self.site.terms)


@dataclass(frozen=True)
class Pager:
    """Where a page stands in a paginated listing: « methodes/domaine/eau.md » is page 1,
    « methodes/domaine/eau/2.md » page 2, and so on."""

    path: str
    number: int
    paths: tuple[str, ...]

    @property
    def count(self) -> int:
        return len(self.paths)


def paginate(first_path: str, sections: list[dict]) -> list[tuple[Pager, list[dict]]]:
    """Split sections (dicts with « entries ») into pages of at most LISTING_LIMIT entries,
    in order; a section cut by a page break continues on the next page under its heading."""
    size = max(LISTING_LIMIT, 1)
    pages: list[list[dict]] = [[]]
    room = size
    for section in sections:
        entries = section["entries"]
        start = 0
        while start < len(entries):
            if room == 0:
                pages.append([])
                room = size
            chunk = entries[start:start + room]
            pages[-1].append({**section, "entries": chunk})
            room -= len(chunk)
            start += len(chunk)
    base = first_path.removesuffix(".md")
    paths = tuple(first_path if number == 1 else f"{base}/{number}.md" for number in range(1, len(pages) + 1))
    return [(Pager(path, number, paths), page) for number, (path, page) in enumerate(zip(paths, pages), start=1)]


def _count(number: int, singular: str, plural: str) -> str:
    return f"{number} {singular if number == 1 else plural}" if number else ""
