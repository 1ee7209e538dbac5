"""The search page's own script and style sheet, published with every site.

They ship with the engine, next to the search page it generates, so that any
project (even one without a docs/assets/ folder) gets a working search page.
A project may replace them with files of its own at the same paths.
"""

from __future__ import annotations

from pathlib import Path

WEB_DIR = Path(__file__).parent / "web"
# Path in the site → file of this package.
WEB_ASSETS = {
    "assets/javascripts/recherche.js": "recherche.js",
    "assets/stylesheets/recherche.css": "recherche.css",
}


def search_assets() -> list[tuple[str, bytes]]:
    """(path in the site, content) of the search page's script and style sheet."""
    return [(path, (WEB_DIR / name).read_bytes()) for path, name in WEB_ASSETS.items()]
