"""Check the links of the built HTML: every internal href/src resolves, anchors
included; mailto: and tel: are well formed; external links are collected."""

from __future__ import annotations

import os
import posixpath
import re
from dataclasses import dataclass, field
import html
from pathlib import Path
from urllib.parse import unquote, urlsplit

_MAILTO = re.compile(r"^mailto:[^@\s<>]+@[^@\s<>]+\.[A-Za-z]{2,}(\?.*)?$")
_TEL = re.compile(r"^tel:\+?[0-9]{6,15}$")
# Links that the theme writes and that are resolved by the browser, not by files.
_IGNORED_PREFIXES = ("#__", "javascript:void")


@dataclass(frozen=True, order=True)
class BrokenLink:
    page: str
    target: str
    reason: str

    def format(self) -> str:
        return f"{self.page} : lien « {self.target} » — {self.reason}"


@dataclass
class _Page:
    links: list[tuple[str, str]] = field(default_factory=list)  # (attribute, value)
    ids: set[str] = field(default_factory=set)


# Tags with attributes only: « <p> » or « </a> » can hold no link and no id.
_TAG = re.compile(r"<([a-zA-Z][a-zA-Z0-9]*)\s([^>]*)>")
_ATTRIBUTE = re.compile(r"""(?<![\w-])(href|src|id|name)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""")
_LINKING = {"href": ("a", "link", "area"), "src": ("img", "script", "iframe", "source", "audio", "video")}


def _parse(path: Path) -> _Page:
    """Links and ids of a page: a scan of its tags (much faster than a full HTML parser)."""
    page = _Page()
    for tag, attributes in _TAG.findall(path.read_text(encoding="utf-8", errors="replace")):
        if "=" not in attributes:
            continue
        tag = tag.lower()
        for name, double, single, bare in _ATTRIBUTE.findall(attributes):
            value = double or single or bare
            if "&" in value:
                value = html.unescape(value)
            if name == "id" or (name == "name" and tag == "a"):
                page.ids.add(value)
            elif tag in _LINKING.get(name, ()):
                page.links.append((name, value))
    return page


@dataclass
class LinkReport:
    broken: list[BrokenLink]
    external: dict[str, set[str]]  # url -> pages


def _resolve(page_rel: str, url_path: str, files: set[str], dirs: set[str]) -> str | None:
    """The site file a link path leads to (relative, posix), or None when there is none."""
    if url_path.startswith("/"):
        joined = posixpath.normpath(url_path.lstrip("/")) if url_path.strip("/") else ""
    else:
        joined = posixpath.normpath(posixpath.join(posixpath.dirname(page_rel), url_path))
    if joined in (".", ""):
        joined = ""
    if url_path.endswith("/") or joined in dirs:
        joined = posixpath.join(joined, "index.html") if joined else "index.html"
    return joined if joined in files else None


def _inventory(site: Path) -> tuple[set[str], set[str]]:
    """Every file and folder of the site, relative and posix: links resolve without
    touching the disk."""
    files: set[str] = set()
    dirs: set[str] = {""}
    for folder, subfolders, names in os.walk(site):
        relative = os.path.relpath(folder, site).replace(os.sep, "/")
        prefix = "" if relative == "." else relative + "/"
        dirs.update(prefix + name for name in subfolders)
        files.update(prefix + name for name in names)
    return files, dirs


def check_links(site: Path) -> LinkReport:
    site = Path(site)
    files, dirs = _inventory(site)
    pages = [rel for rel in files if rel.endswith(".html")]
    parsed: dict[str, _Page] = {}
    resolved: dict[tuple[str, str], str | None] = {}  # (folder of the page, path) → file

    def page_of(rel: str) -> _Page:
        if rel not in parsed:
            parsed[rel] = _parse(site / rel)
        return parsed[rel]

    broken: list[BrokenLink] = []
    external: dict[str, set[str]] = {}
    for rel in sorted(pages):
        for _, value in page_of(rel).links:
            value = value.strip()
            if not value or value.startswith(_IGNORED_PREFIXES):
                continue
            scheme = urlsplit(value).scheme.lower()
            if scheme in ("http", "https") or value.startswith("//"):
                external.setdefault(value, set()).add(rel)
                continue
            if scheme == "mailto":
                if not _MAILTO.match(value):
                    broken.append(BrokenLink(rel, value, "adresse électronique mal formée"))
                continue
            if scheme == "tel":
                if not _TEL.match(value):
                    broken.append(BrokenLink(rel, value, "numéro de téléphone mal formé (tel:+33…)"))
                continue
            if scheme:
                broken.append(BrokenLink(rel, value, f"protocole « {scheme}: » non autorisé"))
                continue
            parts = urlsplit(value)
            path, fragment = unquote(parts.path), unquote(parts.fragment)
            if path:
                key = (posixpath.dirname(rel), path)
                if key not in resolved:
                    resolved[key] = _resolve(rel, path, files, dirs)
                target_rel = resolved[key]
                if target_rel is None:
                    broken.append(BrokenLink(rel, value, "cible introuvable"))
                    continue
            else:
                target_rel = rel
            if fragment and target_rel.endswith(".html") and fragment not in page_of(target_rel).ids:
                broken.append(BrokenLink(rel, value, f"ancre « #{fragment} » absente de la page"))
    return LinkReport(sorted(set(broken)), external)
