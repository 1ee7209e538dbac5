"""French typography, applied by the renderer: authors type ordinary spaces and quotes.

- ``rules``: the rules on plain text (narrow no-break space before ; ! ?, no-break space
  before : and » and after «, before € and %, inside numbers; one apostrophe, ’);
- ``html``: the rules on a page's text only, never inside tags, attributes, code, pre,
  script or style (``french_html``, called once per page by the site session);
- ``markdown``: the same on pandoc Markdown, never inside code, raw blocks, link targets or
  attributes (``french_markdown``, called once per downloadable document).
"""

from .html import french_html
from .markdown import french_markdown
from .rules import APOSTROPHE, NBSP, NNBSP, french_text

__all__ = ["APOSTROPHE", "NBSP", "NNBSP", "french_html", "french_markdown", "french_text"]
