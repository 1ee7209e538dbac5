"""What the search knows about each item: its kind, fields and themes, audience, procedure.

Guides have a field (``domaine``) and themes, workshops have themes; templates have
neither in their YAML, so a template belongs to the fields and themes of the guides
and workshops that use it. The same relation feeds the theme index pages, so that a
facet and a theme page always agree.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

from ..content import Item, Site
from ..models import AUDIENCE_LABELS, PROCEDURE_LABELS, Domain

KIND_LABELS = {"methodes": "Guide méthodologique", "modeles": "Modèle de document", "ateliers": "Atelier"}
CONTACT_LABEL = "Contact"
DOMAIN_TYPE_LABELS = {"domaine": "Domaine d'intervention", "theme": "Thème transversal"}

# Pagefind filter names; the search page shows them as facets, in this order.
FILTER_KIND = "type"
FILTER_FIELD = "domaine"
FILTER_AUDIENCE = "public"
FILTER_PROCEDURE = "procedure"


@dataclass(frozen=True)
class SearchTags:
    kind: str
    fields: tuple[str, ...] = ()
    audiences: tuple[str, ...] = ()
    procedures: tuple[str, ...] = ()

    def filters(self) -> dict[str, list[str]]:
        found = {
            FILTER_KIND: [self.kind],
            FILTER_FIELD: list(self.fields),
            FILTER_AUDIENCE: list(self.audiences),
            FILTER_PROCEDURE: list(self.procedures),
        }
        return {name: values for name, values in found.items() if values}

    def meta(self) -> dict[str, str]:
        """What a result shows under its title: the kind, then the procedures of a
        template (its fields are those of every guide using it), else the fields."""
        meta = {"type": self.kind}
        details = self.procedures or self.fields
        if details:
            meta["domaine"] = " · ".join(details)
        return meta


class FieldIndex:
    """Which items belong to which field or theme (computed once per build)."""

    def __init__(self, site: Site):
        self.site = site
        self._ids: dict[tuple[str, str], list[str]] = {}
        for item in site.guides.values():
            self._ids[(item.kind, item.slug)] = _ordered(site, [item.model.domain, *item.model.themes])
        for item in site.workshops.values():
            self._ids[(item.kind, item.slug)] = _ordered(site, list(item.model.themes))
        users: dict[str, list[str]] = {}
        for item in (*site.guides.values(), *site.workshops.values()):
            for slug in item.model.templates:
                users.setdefault(slug, []).extend(self._ids[(item.kind, item.slug)])
        for item in site.templates.values():
            self._ids[(item.kind, item.slug)] = _ordered(site, users.get(item.slug, []))

    def domains_of(self, item: Item) -> list[Domain]:
        return [self.site.domains[i] for i in self._ids.get((item.kind, item.slug), [])]

    def items_of(self, domain_id: str) -> dict[str, list[Item]]:
        """Items of a field or theme, per kind, sorted by title."""
        grouped: dict[str, list[Item]] = {kind: [] for kind in self.site.items}
        for item in self.site.all_items():
            if domain_id in self._ids.get((item.kind, item.slug), []):
                grouped[item.kind].append(item)
        for items in grouped.values():
            items.sort(key=lambda i: i.title.casefold())
        return grouped


def _ordered(site: Site, ids: list[str]) -> list[str]:
    """Known ids without duplicates, fields first, then themes, in data order."""
    wanted = set(ids)
    ordered = sorted(
        (d for d in site.domains.values() if d.id in wanted),
        key=lambda d: d.type != "domaine",
    )
    return [d.id for d in ordered]


def item_tags(item: Item, fields: FieldIndex) -> SearchTags:
    labels = tuple(d.label for d in fields.domains_of(item))
    model = item.model
    audiences = tuple(AUDIENCE_LABELS[a] for a in getattr(model, "audience", []))
    procedures = tuple(PROCEDURE_LABELS[p] for p in getattr(model, "procedures", []))
    return SearchTags(KIND_LABELS[item.kind], labels, audiences, procedures)


def tags_markup(tags: SearchTags) -> str:
    """Hidden HTML carrying the Pagefind filters and metadata of a page."""
    spans = []
    for name, values in tags.filters().items():
        for value in values:
            spans.append(f'<span data-pagefind-filter="{name}:{html.escape(value)}"></span>')
    for name, value in tags.meta().items():
        spans.append(f'<span data-pagefind-meta="{name}:{html.escape(value)}"></span>')
    return '<div class="mitkb-search-tags" hidden>' + "".join(spans) + "</div>"
