"""French typography on pandoc Markdown (the source of the downloadable documents)."""

from __future__ import annotations

import re

from .rules import french_outside

_PROTECTED = re.compile(
    r"```.*?```"  # fenced and raw blocks (```{=openxml} …)
    r"|`[^`\n]*`"  # code spans
    r"|\]\([^)\s]*(?:\s+\"[^\"]*\")?\)"  # link targets: « ](https://…) »
    r"|\]?\{[^{}\n]*\}"  # attributes: « ]{custom-style="…"} », « {#id .class} »
    r"|<[^<>\n]*>"  # autolinks and raw HTML tags
    r"|https?://\S+",  # bare addresses
    re.DOTALL | re.MULTILINE,
)


_METADATA = re.compile(r"\A---\n(.*?)\n---\n", re.DOTALL)
_KEY = re.compile(r"^([A-Za-z_-]+:[ ]?)(.*)$")


def french_markdown(markdown: str) -> str:
    """The Markdown with French typography in its text; syntax, addresses and code unchanged.
    In the metadata block at the top, the values are fixed and the keys left alone."""
    head = ""
    metadata = _METADATA.match(markdown)
    if metadata:
        lines = []
        for line in metadata.group(1).split("\n"):
            key = _KEY.match(line)
            lines.append(key.group(1) + french_outside(key.group(2), _PROTECTED) if key else line)
        head = "---\n" + "\n".join(lines) + "\n---\n"
        markdown = markdown[metadata.end():]
    return head + french_outside(markdown, _PROTECTED)
