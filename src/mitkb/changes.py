"""The latest significant changes across the site: « Quoi de neuf » and the RSS feed.

Two sources, no guessing: the commit that first added an item's file (git history, read
once per build by ``git_dates``) gives a « Nouveau guide / modèle / compte rendu » entry;
an explicit « historique » entry of the item gives a « Mis à jour » entry with its note.
Other commits (typo fixes…) never appear.
"""

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
NEW_LABELS = {
    "methodes": "Nouveau guide",
    "modeles": "Nouveau modèle de document",
    "ateliers": "Nouveau compte rendu d'atelier",
}
PUBLISHED = -1  # position of the « published » entry, before the item's historique entries


@dataclass(frozen=True)
class Change:
    date: dt.date
    note: str | None  # the historique note; None for the item's publication
    item: Item
    position: int  # index of the entry in the item's historique, PUBLISHED for the publication

    @property
    def kind_label(self) -> str:
        return KIND_LABELS[self.item.kind]

    @property
    def kind_short(self) -> str:
        return KIND_SHORT_LABELS[self.item.kind]

    @property
    def summary(self) -> str:
        """« Nouveau guide », or « Mis à jour — <note> »."""
        return NEW_LABELS[self.item.kind] if self.note is None else f"Mis à jour — {self.note}"

    @property
    def anchor(self) -> str:
        """A stable identifier of the entry within its item (RSS guid)."""
        if self.position == PUBLISHED:
            return f"publication-{self.date.isoformat()}"
        return f"modification-{self.date.isoformat()}-{self.position + 1}"


def latest_changes(site: Site, today: dt.date, git=None, count: int = LATEST_COUNT) -> list[Change]:
    """Newest first; entries dated after the build date are not published yet.
    ``git``: the build's GitDates (its ``first_added``); without it, historique entries only."""
    changes = [
        Change(entry.date, entry.note, item, position)
        for item in site.all_items()
        for position, entry in enumerate(getattr(item.model, "history", []))
        if entry.date <= today
    ]
    if git is not None:
        for item in site.all_items():
            added = git.first_added(item.source)
            if added is not None and added <= today:
                changes.append(Change(added, None, item, PUBLISHED))
    changes.sort(key=lambda c: (-c.date.toordinal(), c.item.title.casefold(), c.position))
    return changes[:count]
