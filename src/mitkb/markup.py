"""Small pieces of Markdown shared by pages and macros."""

from __future__ import annotations

import html
import re


def md_text(text: str) -> str:
    """Plain text placed in Markdown: no markup may come through."""
    return re.sub(r"([\\`*_\[\]<>#|])", r"\\\1", html.unescape(str(text)).strip())


def tel_uri(phone: str) -> str:
    """« 05 62 67 40 40 » → « tel:+33562674040 » (French numbers in international form)."""
    digits = re.sub(r"[^0-9+]", "", phone)
    if digits.startswith("0"):
        digits = "+33" + digits[1:]
    return f"tel:{digits}"


def _with_label(text: str, coordinate) -> str:
    return f"{text} — {md_text(coordinate.label)}" if coordinate.label else text


def channel_lines(contact, sources: bool = False) -> list[str]:
    """The ways to reach a contact, each on its line (Markdown), phone first as a tel: link."""
    lines = []
    for key, coordinate in contact.coordinates():
        if key == "telephone":
            line = f"Téléphone : [{md_text(coordinate.value)}]({tel_uri(coordinate.value)})"
        elif key == "courriel":
            line = f"Courriel : [{coordinate.value}](mailto:{coordinate.value})"
        elif key == "adresse":
            line = f"Courrier : {md_text(coordinate.value)}"
        else:
            shown = re.sub(r"^https://", "", coordinate.value).rstrip("/")
            line = f"Site : [{md_text(shown)}]({coordinate.value})"
        line = _with_label(line, coordinate)
        if sources:
            line += f" <small>(source : {md_text(coordinate.source)})</small>"
        lines.append(line + "  ")
    return lines


def contact_card(contact, fallback=None, request_link: str | None = None, sources: bool = False) -> str:
    """A contact's box: name, function, description and channels. A contact without a
    channel of its own shows the channel of ``fallback`` (the site's main contact)."""
    lines = ['<div class="mitkb-contact" markdown>', "", f"**{md_text(contact.name)}**  "]
    details = [contact.function, contact.organisation]
    for detail in details:
        if detail:
            lines.append(f"{md_text(detail)}  ")
    if contact.description:
        lines.append(md_text(contact.description) + "  ")
    channels = channel_lines(contact, sources)
    if not channels and fallback is not None and fallback is not contact:
        channels = channel_lines(fallback, sources)
        if channels:
            lines.append(f"Pour le joindre ({md_text(fallback.name)}) :  ")
    lines += channels
    if request_link:
        lines.append(f"[Solliciter la MIT : qui peut demander, comment, quoi préparer]({request_link})  ")
    lines += ["", "</div>"]
    return "\n".join(lines)
