"""Load the content tree (guides/ and data/) into plain typed objects.

Every file is read and validated even when another one failed, so that one run
reports all the errors of the tree. Nothing here knows about MkDocs.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

from .errors import ContentError, ErrorCollector, relative_path
from .models import (
    DATA_MODELS,
    KIND_MODELS,
    SLUG_PATTERN,
    Contact,
    Domain,
    Figure,
    Term,
    Threshold,
)
from .validation import validate_model
from .yaml_loader import Positions, YamlLoadError, load_yaml_file

CONTENT_DIR = "guides"
DATA_DIR = "data"
KINDS = tuple(KIND_MODELS)  # ("methodes", "modeles", "ateliers")


@dataclass(frozen=True)
class Item:
    """One content file: its kind, slug, source path and validated model."""

    kind: str
    slug: str
    source: str
    model: Any
    positions: Positions = field(compare=False, repr=False)
    raw: Any = field(compare=False, repr=False)

    @property
    def title(self) -> str:
        return self.model.title

    @property
    def page_path(self) -> str:
        """Path of the generated Markdown page, relative to the docs root."""
        return f"{self.kind}/{self.slug}.md"


@dataclass
class DataFile:
    source: str
    positions: Positions
    raw: Any


@dataclass
class Site:
    """The whole validated content: shared data and the three kinds of items."""

    root: Path
    domains: dict[str, Domain] = field(default_factory=dict)
    figures: dict[str, Figure] = field(default_factory=dict)
    contacts: dict[str, Contact] = field(default_factory=dict)
    thresholds: dict[str, Threshold] = field(default_factory=dict)
    terms: list[Term] = field(default_factory=list)
    items: dict[str, dict[str, Item]] = field(default_factory=lambda: {kind: {} for kind in KINDS})
    data_files: dict[str, DataFile] = field(default_factory=dict)
    # Files that failed to load: references into them are not reported again.
    broken_data: set[str] = field(default_factory=set)
    broken_items: dict[str, set[str]] = field(default_factory=lambda: {kind: set() for kind in KINDS})
    # The rules of the procedure tool (data/procedures.yml), when the project has them.
    procedure_rules: Any = None
    # data/site.yml (publisher, host, main contact): see mitkb.publisher; None without the file.
    site_facts: object = None

    @property
    def guides(self) -> dict[str, Item]:
        return self.items["methodes"]

    @property
    def templates(self) -> dict[str, Item]:
        return self.items["modeles"]

    @property
    def workshops(self) -> dict[str, Item]:
        return self.items["ateliers"]

    def all_items(self) -> Iterator[Item]:
        for kind in KINDS:
            yield from self.items[kind].values()


def _content_files(root: Path, kind: str) -> list[Path]:
    folder = root / CONTENT_DIR / kind
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.rglob("*") if p.is_file() and not p.name.startswith("."))


def _load_validated(path: Path, display: str, model, errors: ErrorCollector):
    """(instance, loaded YAML), or (None, None) with the errors collected."""
    try:
        loaded = load_yaml_file(path, display)
    except YamlLoadError as exc:
        errors.extend(exc.errors)
        return None, None
    instance, found = validate_model(model, loaded.data, loaded.positions, display)
    errors.extend(found)
    return instance, loaded


def load_data(root: Path, site: Site, errors: ErrorCollector, loader=None) -> None:
    """Read data/*.yml into the site's dictionaries, keyed by id."""
    targets = {
        "domaines": ("domains", "domains"),
        "chiffres": ("figures", "figures"),
        "contacts": ("contacts", "contacts"),
        "seuils": ("thresholds", "thresholds"),
        "glossaire": ("terms", "terms"),
    }
    for name, model in DATA_MODELS.items():
        path = root / DATA_DIR / f"{name}.yml"
        display = relative_path(path, root)
        site.broken_data.add(display)
        if not path.is_file():
            errors.add(ContentError(display, 0, 0, "fichier de données manquant", hint=f"Créez {display}."))
            continue
        instance, loaded = (loader or _load_validated)(path, display, model, errors)
        if instance is None:
            continue
        site.broken_data.discard(display)
        site.data_files[name] = DataFile(display, loaded.positions, loaded.data)
        attribute, list_attribute = targets[name]
        entries = getattr(instance, list_attribute)
        if name == "glossaire":
            site.terms = list(entries)
            _check_unique(entries, lambda t: t.term, loaded.positions, display, list_attribute, name, errors)
            continue
        _check_unique(entries, lambda e: e.id, loaded.positions, display, list_attribute, name, errors)
        setattr(site, attribute, {entry.id: entry for entry in entries})
    from .publisher.model import attach_site_facts

    attach_site_facts(root, site, errors)  # optional data/site.yml, once the contacts are known


def _check_unique(entries, key, positions, display, list_attribute, name, errors) -> None:
    top = next(iter(positions.keys), None)
    seen: dict[str, int] = {}
    for index, entry in enumerate(entries):
        value = key(entry)
        if value in seen:
            line, column = positions.of_value((top[0], index) if top else (index,))
            errors.add(
                ContentError(
                    display, line, column,
                    f"identifiant « {value} » en double (déjà utilisé par l'élément n° {seen[value] + 1})",
                    hint="Chaque identifiant doit être unique dans le fichier.",
                )
            )
        else:
            seen[value] = index


def load_items(root: Path, site: Site, errors: ErrorCollector, loader=None) -> None:
    for kind, model in KIND_MODELS.items():
        first_source: dict[str, str] = {}
        for path in _content_files(root, kind):
            display = relative_path(path, root)
            if path.suffix != ".yml":
                hint = "Renommez-le en .yml." if path.suffix == ".yaml" else "Seuls les fichiers .yml sont lus ici."
                errors.add(ContentError(display, 0, 0, "extension inattendue", hint=hint))
                continue
            slug = path.stem
            if not SLUG_PATTERN.match(slug):
                errors.add(
                    ContentError(
                        display, 0, 0, f"nom de fichier invalide « {path.name} »",
                        hint="Le nom du fichier devient l'adresse de la page : minuscules sans accent, "
                        "mots séparés par des tirets, par exemple rehabiliter-ecole.yml.",
                    )
                )
                continue
            if slug in first_source:
                errors.add(
                    ContentError(
                        display, 0, 0, f"adresse « {slug} » déjà utilisée par {first_source[slug]}",
                        hint="Deux contenus du même type ne peuvent pas avoir le même nom de fichier.",
                    )
                )
                continue
            first_source[slug] = display
            site.broken_items[kind].add(slug)
            instance, loaded = (loader or _load_validated)(path, display, model, errors)
            if instance is not None:
                site.items[kind][slug] = Item(kind, slug, display, instance, loaded.positions, loaded.data)
                site.broken_items[kind].discard(slug)


def load_site(root: Path, loader=None) -> tuple[Site, list[ContentError]]:
    """Load and validate files one by one (no cross-references yet).

    ``loader(path, display, model, errors)`` replaces the reading of one file (the
    preview and ``mitkb check`` reuse files that did not change, see mitkb.preview)."""
    root = Path(root)
    site = Site(root=root)
    errors = ErrorCollector()
    load_data(root, site, errors, loader)
    load_items(root, site, errors, loader)
    return site, errors.errors
