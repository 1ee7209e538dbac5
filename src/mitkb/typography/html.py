"""French typography on a whole HTML page: text nodes only."""

from __future__ import annotations

import re

from .rules import french_outside

# Elements whose content is not prose: left exactly as written.
RAW_ELEMENTS = ("code", "pre", "script", "style", "textarea", "kbd", "samp", "svg", "math")
# An escaped apostrophe in a text node (html.escape writes « &#x27; »): the rules see « ' ».
_APOSTROPHE_ENTITY = re.compile(r"&#x27;|&#39;|&apos;")
_ONE = (
    r"<!--.*?-->"  # comments
    r"|<(?P<raw>" + "|".join(RAW_ELEMENTS) + r")\b[^>]*>.*?</(?P=raw)\s*>"  # raw elements, whole
    r"|<[^>]*>"  # any other tag (its attributes are never touched)
)
# A run of tags with nothing but white space between them is one protected span: no
# rule changes white space alone, and a page's HTML is mostly such runs.
_TOKEN = re.compile(rf"(?:{_ONE})(?:\s*(?:{_ONE.replace('?P<raw>', '?P<raw2>').replace('?P=raw', '?P=raw2')}))*",
                    re.DOTALL | re.IGNORECASE)


def french_html(html: str) -> str:
    """The page with French typography in its text; tags, attributes and the content of
    code, pre, script, style, textarea, kbd, samp, svg and math unchanged."""
    return french_outside(html, _TOKEN, newlines=True, unescape=_APOSTROPHE_ENTITY)
