"""Report on external links: checked when a network is available, cached, never
failing an offline build."""

from __future__ import annotations

import datetime as dt
import json
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

CACHE_DAYS = 7
USER_AGENT = "mitkb-verification-liens/1.0"


@dataclass(frozen=True)
class LinkStatus:
    url: str
    status: str  # "ok", "erreur", "non vérifié"
    detail: str
    checked_on: str | None = None


def fetch_status(url: str, timeout: float = 8.0) -> int:
    """HTTP status of a URL (HEAD, then GET when HEAD is refused)."""
    for method in ("HEAD", "GET"):
        request = urllib.request.Request(url, method=method, headers={"User-Agent": USER_AGENT})
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                return response.status
        except urllib.error.HTTPError as exc:
            if method == "HEAD" and exc.code in (403, 405, 501):
                continue
            return exc.code
    return 0


def check_external(
    urls: list[str],
    cache_file: Path,
    today: dt.date,
    fetch: Callable[[str], int] = fetch_status,
) -> list[LinkStatus]:
    cache: dict = {}
    if cache_file.is_file():
        try:
            cache = json.loads(cache_file.read_text(encoding="utf-8"))
        except (json.JSONDecodeError, OSError):
            cache = {}
    results = []
    offline = False
    for url in sorted(set(urls)):
        cached = cache.get(url)
        if cached and (today - dt.date.fromisoformat(cached["verifie_le"])).days < CACHE_DAYS:
            results.append(_status(url, cached["statut"], cached["verifie_le"]))
            continue
        if offline:
            results.append(LinkStatus(url, "non vérifié", "pas de réseau"))
            continue
        try:
            code = fetch(url)
        except (urllib.error.URLError, OSError) as exc:
            offline = isinstance(getattr(exc, "reason", exc), OSError)
            results.append(LinkStatus(url, "non vérifié", "pas de réseau" if offline else str(exc)))
            continue
        cache[url] = {"statut": code, "verifie_le": today.isoformat()}
        results.append(_status(url, code, today.isoformat()))
    cache_file.parent.mkdir(parents=True, exist_ok=True)
    cache_file.write_text(json.dumps(cache, indent=1, sort_keys=True), encoding="utf-8")
    return results


def _status(url: str, code: int, checked_on: str) -> LinkStatus:
    if 200 <= code < 400:
        return LinkStatus(url, "ok", f"HTTP {code}", checked_on)
    return LinkStatus(url, "erreur", f"HTTP {code}" if code else "sans réponse", checked_on)


def format_report(results: list[LinkStatus], pages: dict[str, set[str]]) -> str:
    lines = [f"{len(results)} lien(s) externe(s) :"]
    for result in results:
        where = ", ".join(sorted(pages.get(result.url, ())))[:120]
        when = f", vérifié le {result.checked_on}" if result.checked_on else ""
        lines.append(f"  [{result.status}] {result.url} ({result.detail}{when}) — {where}")
    counts = {s: sum(r.status == s for r in results) for s in ("ok", "erreur", "non vérifié")}
    lines.append(f"Bilan : {counts['ok']} ok, {counts['erreur']} en erreur, {counts['non vérifié']} non vérifié(s).")
    return "\n".join(lines)
