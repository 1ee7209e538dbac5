"""A second adapter: write the generated pages to disk for any Markdown generator."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from .build import build_content


def export_markdown(root: Path, destination: Path, today: dt.date) -> int:
    result = build_content(root, today)
    for page in result.pages:
        target = destination / page.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(page.markdown, encoding="utf-8")
    return len(result.pages)
