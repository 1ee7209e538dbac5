"""The latest significant changes across the site, from each item's « historique »."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .content import Item, Site

# How many changes « Quoi de neuf » and the RSS feed show (the same entries in both).
LATEST_COUNT = 30
WHATS_NEW_PAGE = "quoi-de-neuf.md"
FEED_PATH = "flux.xml"  # relative to the site root

KIND_LABELS = {
    "methodes": "Guide méthodologique",
    "modeles": "Modèle de document",
    "ateliers": "Atelier du réseau Commande publique",
}
KIND_SHORT_LABELS = {"methodes": "guide", "modeles": "modèle de document", "ateliers": "atelier"}


@dataclass(frozen=True)
class Change:
    date: dt.date
    note: str
    item: Item
    position: int  # index of the entry in the item's historique (for a stable identifier)

    @property
    def kind_label(self) -> str:
        return KIND_LABELS[self.item.kind]

    @property
    def kind_short(self) -> str:
        return KIND_SHORT_LABELS[self.item.kind]


def latest_changes(site: Site, today: dt.date, count: int = LATEST_COUNT) -> list[Change]:
    """Newest first; entries dated after the build date are not published yet."""
    changes = [
        Change(entry.date, entry.note, item, position)
        for item in site.all_items()
        for position, entry in enumerate(getattr(item.model, "history", []))
        if entry.date <= today
    ]
    changes.sort(key=lambda c: (-c.date.toordinal(), c.item.title.casefold(), c.position))
    return changes[:count]
