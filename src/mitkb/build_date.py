"""The build date: read once, fixable with MITKB_DATE for tests and previews."""

from __future__ import annotations

import datetime as dt
import os

ENV_VAR = "MITKB_DATE"


class BuildDateError(ValueError):
    pass


def build_date(environ: dict[str, str] | None = None) -> dt.date:
    """Today, or the ISO date in MITKB_DATE."""
    environ = os.environ if environ is None else environ
    value = environ.get(ENV_VAR, "").strip()
    if not value:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise BuildDateError(
            f"{ENV_VAR}={value!r} n'est pas une date valide : écrivez-la au format AAAA-MM-JJ, par exemple 2026-04-01."
        ) from None
