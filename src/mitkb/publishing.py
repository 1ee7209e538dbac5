"""Where the site is published from: repository links, site address, last-changed dates.

The repository is never guessed: it comes from configuration, first found wins:

1. ``MITKB_DEPOT_URL`` (for example ``https://github.com/organisation/depot``);
2. ``GITHUB_REPOSITORY`` (set by GitHub Actions, also on a fork), with ``GITHUB_SERVER_URL``;
3. the ``origin`` remote of the git checkout, when it is a GitHub address;
4. ``repo_url`` in ``mkdocs.yml``.

When none is known, pages carry no "Modifier cette page" / "Signaler une erreur" links.
The branch that edit links open is ``MITKB_DEPOT_BRANCHE``, else ``main``.

The site's public address (needed by the RSS feed, whose links must be absolute) is
``MITKB_SITE_URL``, else ``site_url`` in ``mkdocs.yml``, else the default GitHub Pages
address of the repository (``https://<propriétaire>.github.io/<dépôt>/``).
"""

from __future__ import annotations

import os
import re
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, urlencode

from .git_dates import GitDates, read_git_dates

REPO_ENV = "MITKB_DEPOT_URL"
BRANCH_ENV = "MITKB_DEPOT_BRANCHE"
SITE_URL_ENV = "MITKB_SITE_URL"
DEFAULT_BRANCH = "main"

_GITHUB_REMOTE = re.compile(
    r"^(?:https://(?:[^@/]+@)?github\.com/|git@github\.com:|ssh://git@github\.com/)"
    r"(?P<owner>[A-Za-z0-9_.-]+)/(?P<name>[A-Za-z0-9_.-]+?)(?:\.git)?/?$"
)
_REPO_URL = re.compile(r"^https://[^/\s]+/[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+$")


@dataclass(frozen=True)
class Repository:
    """A GitHub repository: links to edit a file and to open a pre-filled issue."""

    url: str  # https://github.com/owner/name, without trailing slash
    branch: str = DEFAULT_BRANCH
    prefix: str = ""  # the project's folder inside the repository ("" at the top)

    def file_path(self, path: str) -> str:
        return f"{self.prefix}{path}"

    def edit_url(self, path: str) -> str:
        """GitHub's web editor on `path` (relative to the project root)."""
        return f"{self.url}/edit/{quote(self.branch)}/{quote(self.file_path(path))}"

    def file_url(self, path: str) -> str:
        return f"{self.url}/blob/{quote(self.branch)}/{quote(self.file_path(path))}"

    def issue_url(self, title: str, body: str) -> str:
        return f"{self.url}/issues/new?" + urlencode({"title": title, "body": body}, quote_via=quote)

    @property
    def owner_and_name(self) -> tuple[str, str] | None:
        parts = self.url.split("/")
        return (parts[-2], parts[-1]) if self.url.startswith("https://github.com/") else None


def _clean_url(url: str) -> str | None:
    url = url.strip().rstrip("/")
    if url.endswith(".git"):
        url = url[:-4]
    return url if _REPO_URL.match(url) else None


def github_url_of_remote(remote: str) -> str | None:
    """https://github.com/owner/name for a GitHub remote (https or ssh), else None."""
    match = _GITHUB_REMOTE.match(remote.strip())
    return f"https://github.com/{match['owner']}/{match['name']}" if match else None


def _origin_remote(root: Path) -> str:
    try:
        result = subprocess.run(
            ["git", "-C", str(root), "config", "--get", "remote.origin.url"],
            capture_output=True, text=True, timeout=30, stdin=subprocess.DEVNULL,
        )
    except (OSError, subprocess.TimeoutExpired):
        return ""
    return result.stdout.strip() if result.returncode == 0 else ""


def resolve_repository_url(root: Path, environ=None, configured: str | None = None) -> str | None:
    """The repository's web address from configuration (see the module docstring), or None."""
    environ = os.environ if environ is None else environ
    explicit = environ.get(REPO_ENV, "").strip()
    if explicit:
        url = _clean_url(explicit)
        if url is None:
            raise ValueError(
                f"{REPO_ENV}={explicit!r} n'est pas une adresse de dépôt : "
                "écrivez-la sous la forme https://github.com/organisation/depot."
            )
        return url
    repository = environ.get("GITHUB_REPOSITORY", "").strip()
    if re.fullmatch(r"[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+", repository):
        server = environ.get("GITHUB_SERVER_URL", "").strip().rstrip("/") or "https://github.com"
        return f"{server}/{repository}"
    origin = github_url_of_remote(_origin_remote(root))
    if origin:
        return origin
    if configured:
        return _clean_url(configured)
    return None


def resolve_site_url(environ=None, configured: str | None = None, repository: Repository | None = None) -> str | None:
    """The public address of the site, ending with '/', or None when unknown."""
    environ = os.environ if environ is None else environ
    for candidate in (environ.get(SITE_URL_ENV, ""), configured or ""):
        candidate = candidate.strip()
        if candidate:
            if not re.match(r"^https?://[^/\s]+", candidate):
                raise ValueError(
                    f"adresse du site invalide {candidate!r} : écrivez-la en entier, "
                    "par exemple https://organisation.github.io/depot/."
                )
            return candidate.rstrip("/") + "/"
    owner_and_name = repository.owner_and_name if repository else None
    if owner_and_name:
        owner, name = owner_and_name
        if name.lower() == f"{owner.lower()}.github.io":
            return f"https://{owner.lower()}.github.io/"
        return f"https://{owner.lower()}.github.io/{name}/"
    return None


@dataclass(frozen=True)
class SiteSettings:
    """What the site generator's configuration tells the engine (all optional)."""

    site_name: str = "Base de connaissances de la MIT du Gers"
    repo_url: str | None = None
    site_url: str | None = None
    directory_urls: bool = True
    accessibility: str | None = None  # conformity shown in every page's footer (« non conforme »…)


@dataclass(frozen=True)
class Publishing:
    """Everything pages need to say where they come from and how to correct them."""

    repository: Repository | None = None
    git: GitDates = field(default_factory=GitDates)
    site_url: str | None = None
    site_name: str = SiteSettings.site_name
    directory_urls: bool = True

    def last_changed(self, source: str | None):
        return self.git.last_changed(source) if source else None

    def page_url(self, page_path: str) -> str:
        """The address of a generated page, relative to the site root (as MkDocs writes it)."""
        stem = page_path[:-3] if page_path.endswith(".md") else page_path
        if not self.directory_urls:
            return f"{stem}.html"
        if stem == "index":
            return ""
        if stem.endswith("/index"):
            return stem[: -len("index")]
        return f"{stem}/"

    def absolute_url(self, site_path: str) -> str | None:
        return f"{self.site_url}{site_path}" if self.site_url else None

    def edit_url_of(self, page_path: str, sources: dict[str, str | None], docs_dir: str = "docs") -> str | None:
        """Where to edit a page: the YAML source of a generated page (`sources` maps generated
        page paths to their source; None for a listing made by code), else the hand-written file."""
        if self.repository is None:
            return None
        if page_path in sources:
            source = sources[page_path]
            return self.repository.edit_url(source) if source else None
        return self.repository.edit_url(f"{docs_dir}/{page_path}" if docs_dir not in ("", ".") else page_path)

    def notes(self) -> list[str]:
        """What the build log should say about missing configuration (information, not warnings)."""
        notes = []
        if not self.git.available and self.git.reason:
            notes.append(f"Dates de dernière modification : {self.git.reason}.")
        if self.repository is None:
            notes.append(f"Dépôt inconnu : pas de liens « Modifier cette page » ni « Signaler une erreur » "
                         f"(définissez {REPO_ENV}, par exemple https://github.com/organisation/depot).")
        if self.site_url is None:
            notes.append(f"Adresse publique du site inconnue : pas de flux RSS (définissez {SITE_URL_ENV} "
                         "ou site_url dans mkdocs.yml).")
        return notes

    def links(self, source: str | None, title: str, page_path: str) -> dict | None:
        """Edit and report links of a page generated from `source`, or None without a repository."""
        if self.repository is None or not source:
            return None
        address = self.absolute_url(self.page_url(page_path)) or self.page_url(page_path)
        body = (
            f"Page : « {title} »\n"
            f"Adresse : {address}\n"
            f"Fichier source : {self.repository.file_path(source)}\n\n"
            "Ce qui est inexact ou manquant :\n\n\n"
            "Ce qu'il faudrait écrire à la place (avec la source, si possible) :\n"
        )
        return {
            "edit_url": self.repository.edit_url(source),
            "issue_url": self.repository.issue_url(f"Erreur sur la page « {title} »", body),
        }


def resolve_publishing(root: Path, settings: SiteSettings | None = None, environ=None) -> Publishing:
    """Read the configuration and the git history (one ``git log``) for one build."""
    settings = settings or SiteSettings()
    environ = os.environ if environ is None else environ
    git = read_git_dates(Path(root))
    url = resolve_repository_url(Path(root), environ, settings.repo_url)
    repository = None
    if url:
        branch = environ.get(BRANCH_ENV, "").strip() or DEFAULT_BRANCH
        repository = Repository(url, branch, git.prefix)
    return Publishing(
        repository=repository,
        git=git,
        site_url=resolve_site_url(environ, settings.site_url, repository),
        site_name=settings.site_name,
        directory_urls=settings.directory_urls,
    )
