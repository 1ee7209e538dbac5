"""Review dates: which guides and templates are due for review at the build date."""

from __future__ import annotations

import datetime as dt

from .content import Item, Site
from .errors import ContentError


def is_overdue(model, today: dt.date) -> bool:
    next_review = getattr(model, "next_review", None)
    return next_review is not None and next_review < today


def overdue_items(site: Site, today: dt.date) -> list[Item]:
    return [item for item in site.all_items() if is_overdue(item.model, today)]


def overdue_warnings(site: Site, today: dt.date) -> list[ContentError]:
    warnings = []
    for item in overdue_items(site, today):
        line, column = item.positions.of_value(("prochaine_relecture",))
        warnings.append(
            ContentError(
                item.source, line, column,
                f"relecture dépassée depuis le {item.model.next_review.isoformat()}",
                "prochaine_relecture",
                "Relisez le contenu, puis mettez à jour relu_le et prochaine_relecture.",
            )
        )
    return warnings
