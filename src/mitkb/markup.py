"""Small pieces of Markdown shared by pages and macros."""

from __future__ import annotations

import html
import re


def md_text(text: str) -> str:
    """Plain text placed in Markdown: no markup may come through."""
    return re.sub(r"([\\`*_\[\]<>#|])", r"\\\1", html.unescape(str(text)).strip())


def contact_card(contact) -> str:
    lines = ['<div class="mitkb-contact" markdown>', "", f"**{md_text(contact.name)}**  "]
    details = [contact.function, contact.organisation]
    for detail in details:
        if detail:
            lines.append(f"{md_text(detail)}  ")
    if contact.description:
        lines.append(md_text(contact.description) + "  ")
    if contact.email:
        lines.append(f"Courriel : [{contact.email}](mailto:{contact.email})  ")
    if contact.phone:
        digits = re.sub(r"[^0-9+]", "", contact.phone)
        if digits.startswith("0"):
            digits = "+33" + digits[1:]
        lines.append(f"Téléphone : [{contact.phone}](tel:{digits})  ")
    if contact.address:
        lines.append(md_text(contact.address) + "  ")
    if contact.website:
        lines.append(f"[{contact.website}]({contact.website})  ")
    lines += ["", "</div>"]
    return "\n".join(lines)
