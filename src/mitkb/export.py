"""A second adapter: write the generated pages and files to disk, for any
Markdown site generator."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from .build import build_content


def export_markdown(root: Path, destination: Path, today: dt.date) -> int:
    """Write every generated page (Markdown) and file (downloads); return the page count."""
    result = build_content(root, today)
    outputs = [(page.path, page.markdown.encode("utf-8")) for page in result.pages]
    outputs += [(file.path, file.content) for file in result.files]
    for relative, content in outputs:
        target = destination / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
    return len(result.pages)
