"""Check the links of the built HTML: every internal href/src resolves, anchors
included; mailto: and tel: are well formed; external links are collected."""

from __future__ import annotations

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


_TAG = re.compile(r"<([a-zA-Z][a-zA-Z0-9]*)\b([^>]*)>")
_ATTRIBUTE = re.compile(r"""(?<![\w-])(href|src|id|name)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""")
_LINKING = {"href": ("a", "link", "area"), "src": ("img", "script", "iframe", "source", "audio", "video")}


def _parse(path: Path) -> _Page:
    """Links and ids of a page: a scan of its tags (much faster than a full HTML parser)."""
    page = _Page()
    for tag_match in _TAG.finditer(path.read_text(encoding="utf-8", errors="replace")):
        tag = tag_match.group(1).lower()
        for match in _ATTRIBUTE.finditer(tag_match.group(2)):
            name = match.group(1)
            value = html.unescape(next(v for v in match.group(2, 3, 4) if v is not None))
            if name == "id" or (name == "name" and tag == "a"):
                page.ids.add(value)
            elif tag in _LINKING.get(name, ()):
                page.links.append((name, value))
    return page


@dataclass
class LinkReport:
    broken: list[BrokenLink]
    external: dict[str, set[str]]  # url -> pages


def _target_file(site: Path, page_rel: str, url_path: str) -> tuple[Path, str]:
    if url_path.startswith("/"):
        joined = url_path.lstrip("/")
    else:
        joined = posixpath.normpath(posixpath.join(posixpath.dirname(page_rel), url_path))
    if joined in (".", ""):
        joined = ""
    candidate = site / joined
    if url_path.endswith("/") or candidate.is_dir():
        candidate = candidate / "index.html"
    return candidate, joined


def check_links(site: Path) -> LinkReport:
    site = Path(site)
    pages = {p.relative_to(site).as_posix(): p for p in site.rglob("*.html")}
    parsed: dict[str, _Page] = {}

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
                target, target_rel = _target_file(site, rel, path)
                if not target.is_file():
                    broken.append(BrokenLink(rel, value, "cible introuvable"))
                    continue
                target_rel = target.relative_to(site).as_posix()
            else:
                target_rel = rel
            if fragment and target_rel.endswith(".html") and fragment not in page_of(target_rel).ids:
                broken.append(BrokenLink(rel, value, f"ancre « #{fragment} » absente de la page"))
    return LinkReport(sorted(set(broken)), external)
