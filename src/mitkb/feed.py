"""RSS 2.0 feed of the latest changes: the same entries as the « Quoi de neuf » page.

RSS links must be absolute, so the feed exists only when the site's public
address is known (see ``publishing.resolve_site_url``).
"""

from __future__ import annotations

import datetime as dt
from email.utils import format_datetime
from xml.etree import ElementTree as ET

from .changes import FEED_PATH, WHATS_NEW_PAGE, Change
from .pages import plain
from .publishing import Publishing

ATOM_NS = "http://www.w3.org/2005/Atom"


def rfc822(day: dt.date) -> str:
    """RSS dates are RFC 822 dates: « Fri, 27 Nov 2026 00:00:00 +0000 »."""
    return format_datetime(dt.datetime(day.year, day.month, day.day, tzinfo=dt.timezone.utc))


def render_feed(changes: list[Change], publishing: Publishing, today: dt.date) -> bytes:
    """The feed document (UTF-8 bytes). Requires a known site address."""
    if not publishing.site_url:
        raise ValueError("l'adresse publique du site est inconnue : pas de flux RSS")
    ET.register_namespace("atom", ATOM_NS)
    rss = ET.Element("rss", {"version": "2.0"})
    channel = ET.SubElement(rss, "channel")
    ET.SubElement(channel, "title").text = f"Quoi de neuf ? – {publishing.site_name}"
    ET.SubElement(channel, "link").text = publishing.absolute_url(publishing.page_url(WHATS_NEW_PAGE))
    ET.SubElement(channel, "description").text = (
        "Les dernières modifications importantes des guides méthodologiques, des modèles de documents "
        "et des comptes rendus d'ateliers de la Mission Ingénierie des Territoires du Gers."
    )
    ET.SubElement(channel, "language").text = "fr"
    ET.SubElement(channel, "lastBuildDate").text = rfc822(today)
    ET.SubElement(channel, f"{{{ATOM_NS}}}link", {
        "href": publishing.absolute_url(FEED_PATH), "rel": "self", "type": "application/rss+xml",
    })
    for change in changes:
        link = publishing.absolute_url(publishing.page_url(change.item.page_path))
        entry = ET.SubElement(channel, "item")
        ET.SubElement(entry, "title").text = f"{plain(change.item.title)} : {change.summary}"
        ET.SubElement(entry, "link").text = link
        ET.SubElement(entry, "description").text = f"{change.kind_label} « {plain(change.item.title)} » : {change.summary}"
        ET.SubElement(entry, "category").text = change.kind_label
        ET.SubElement(entry, "pubDate").text = rfc822(change.date)
        guid = f"{link}#{change.anchor}"
        ET.SubElement(entry, "guid", {"isPermaLink": "false"}).text = guid
    ET.indent(rss)
    return ('<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(rss, encoding="unicode") + "\n").encode("utf-8")
