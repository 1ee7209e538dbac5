"""Check a content tree again, reusing what did not change.

``check_site`` (mitkb.references) reads, validates and cross-checks every file. At
1,000 items most of that work is the same from one run to the next: this module
keeps, for each content file,

- what loading it gave (keyed by the file's bytes): its errors and, in the preview,
  its validated model;
- its verdict (keyed by the file's bytes *and* the "world" it was checked against:
  the engine's source code, the build date, every file of ``data/``, and which items
  exist or failed to load): every error located in that file, and its overdue review.

An item's checks only ever report errors in its own file (``ReferenceChecker.check_item``)
and only read the world, so that a verdict with the same keys is the verdict a full
check would give. The data files, the hand-written pages and the procedure rules are
checked every time (they are few). ``mitkb check`` keeps the cache in
``.cache/verification.pickle``; the result is the one of an uncached check
(tests/preview/test_check_cache.py).
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import os
import pickle
import tempfile
import types
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import mitkb

from ..content import DATA_DIR, KINDS, Site, load_site
from ..errors import ContentError, ErrorCollector
from ..freshness import overdue_warnings
from ..glossary import acronym_warnings, file_acronyms
from ..models import KIND_MODELS
from ..procedure.rules import load_rules
from ..references import DOCS_DIR, ReferenceChecker
from ..validation import validate_model
from ..yaml_loader import YamlLoadError, load_yaml_text

CACHE_FILE = Path(".cache") / "verification.pickle"
_ITEM_MODELS = tuple(KIND_MODELS.values())


@functools.cache
def engine_version() -> str:
    """The package's version and the hash of its source: any change to the engine
    invalidates every cached verdict."""
    package = Path(mitkb.__file__).parent
    digest = hashlib.sha256(mitkb.__version__.encode())
    for path in sorted(package.rglob("*")):
        if path.is_file() and path.suffix in (".py", ".j2", ".yml", ".json"):
            digest.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:20]


class _Unloaded:
    """The model of an item known to be valid but not read again (``mitkb check``)."""

    def __repr__(self) -> str:
        return "UNLOADED"


UNLOADED = _Unloaded()
_UNLOADED_YAML = types.SimpleNamespace(positions=None, data=None)


@dataclass
class LoadRecord:
    sha: str
    model: str
    errors: list[ContentError]
    ok: bool
    instance: Any = None  # kept in memory only (the preview)
    loaded: Any = None


@dataclass(frozen=True)
class Verdict:
    sha: str
    world: str
    errors: tuple[ContentError, ...]
    overdue: tuple[ContentError, ...]


@dataclass
class CheckedTree:
    """The result of a check. In ``mitkb check``, ``site`` may hold items whose model
    is ``UNLOADED`` (unchanged and valid)."""

    site: Site
    errors: list[ContentError]
    overdue: list[ContentError]
    changed: set[str] = field(default_factory=set)  # files read again (their bytes changed)
    acronyms: list[ContentError] = field(default_factory=list)  # sigles absent from the glossary


class CheckCache:
    def __init__(self, keep_models: bool = True):
        self.keep_models = keep_models
        self.loads: dict[str, LoadRecord] = {}
        self.verdicts: dict[str, Verdict] = {}
        self.acronyms: dict[str, tuple[str, list]] = {}  # display → (sha, its acronyms)
        self._seen: dict[str, bool] = {}  # display → is an item (during one check)
        self._changed: set[str] = set()

    # -- one file ----------------------------------------------------------------
    def loader(self, path: Path, display: str, model, errors: ErrorCollector):
        """``load_site``'s reader of one file: the cached result when its bytes are the same."""
        is_item = model in _ITEM_MODELS
        self._seen[display] = is_item
        try:
            raw = path.read_bytes()
        except OSError:
            raw = None
        sha = hashlib.sha1(raw).hexdigest() if raw is not None else "illisible"
        record = self.loads.get(display)
        if record is not None and record.sha == sha and record.model == model.__name__:
            if record.instance is not None:
                errors.extend(record.errors)
                return record.instance, record.loaded
            if not record.ok:
                errors.extend(record.errors)
                return None, None
            if is_item:
                return UNLOADED, _UNLOADED_YAML
        self._changed.add(display)
        record = self._load(path, display, model, raw, sha)
        errors.extend(record.errors)
        return (record.instance, record.loaded) if record.ok else (None, None)

    def _load(self, path: Path, display: str, model, raw: bytes | None, sha: str) -> LoadRecord:
        found: list[ContentError] = []
        instance = loaded = None
        try:
            if raw is None:
                raw = path.read_bytes()
            loaded = load_yaml_text(raw, display)
        except OSError as exc:
            found.append(ContentError(display, 0, 0, f"fichier illisible ({exc.strerror})"))
        except YamlLoadError as exc:
            found.extend(exc.errors)
        else:
            instance, errors = validate_model(model, loaded.data, loaded.positions, display)
            found.extend(errors)
        record = LoadRecord(sha, model.__name__, found, instance is not None, instance, loaded)
        self.loads[display] = record
        return record

    def _real_item(self, site: Site, item):
        """Read an unloaded item again (its verdict must be computed)."""
        path = site.root / item.source
        record = self._load(path, item.source, KIND_MODELS[item.kind], None, self.loads[item.source].sha)
        real = type(item)(item.kind, item.slug, item.source, record.instance, record.loaded.positions,
                          record.loaded.data)
        site.items[item.kind][item.slug] = real
        return real

    def acronyms_of(self, path: Path, display: str) -> list:
        """``glossary.file_acronyms`` of a file, reused while its bytes are the same."""
        sha = hashlib.sha1(path.read_bytes()).hexdigest()
        cached = self.acronyms.get(display)
        if cached is None or cached[0] != sha:
            cached = (sha, file_acronyms(path, display))
            self.acronyms[display] = cached
        return cached[1]

    # -- the whole tree ----------------------------------------------------------
    def check(self, root: Path, today: dt.date) -> CheckedTree:
        root = Path(root)
        self._seen, self._changed = {}, set()
        site, load_errors = load_site(root, loader=self.loader)
        world = _world(root, site, today, self)
        checker = ReferenceChecker(site, today)
        items = {item.source: item for item in site.all_items()}
        by_path: dict[str, list[ContentError]] = {}
        for error in load_errors:
            by_path.setdefault(error.path, []).append(error)
        item_files = {display for display, is_item in self._seen.items() if is_item}
        errors: list[ContentError] = []
        for display in sorted(item_files):
            sha = self.loads[display].sha
            verdict = self.verdicts.get(display)
            if verdict is None or verdict.sha != sha or verdict.world != world:
                verdict = self._verdict(site, checker, items.get(display), by_path.get(display, []), sha, world,
                                        today)
                self.verdicts[display] = verdict
            errors += verdict.errors
        overdue = [w for item in site.all_items() for w in self.verdicts[item.source].overdue]
        # Data files, hand-written pages and load errors outside item files: every time.
        checker.errors = []
        checker.check_data()
        checker.check_docs(root / DOCS_DIR)
        others = [error for error in load_errors if error.path not in item_files]
        data_sources = [(data.source, data.positions, data.raw) for data in site.data_files.values()]
        others = checker.check_placeholders(others, data_sources)
        site.procedure_rules, rule_errors = load_rules(root, site.thresholds, site.broken_data)
        # Forget the files that are gone.
        seen = set(self._seen)
        self.loads = {k: v for k, v in self.loads.items() if k in seen}
        self.verdicts = {k: v for k, v in self.verdicts.items() if k in item_files}
        all_errors = sorted(set(errors + others + rule_errors + checker.errors))
        return CheckedTree(site, all_errors, overdue, set(self._changed))

    def _verdict(self, site: Site, checker: ReferenceChecker, item, load_errors: list[ContentError], sha: str,
                 world: str, today: dt.date) -> Verdict:
        if item is not None and item.model is UNLOADED:
            item = self._real_item(site, item)
        checker.errors = []
        sources = []
        if item is not None:
            checker.check_item(item)
            sources = [(item.source, item.positions, item.raw)]
        found = checker.check_placeholders(list(load_errors), sources) + checker.errors
        late = overdue_warnings(types.SimpleNamespace(all_items=lambda: [item]), today) if item is not None else []
        return Verdict(sha, world, tuple(found), tuple(late))

    # -- on disk (mitkb check) ---------------------------------------------------
    @classmethod
    def read(cls, path: Path) -> "CheckCache":
        cache = cls(keep_models=False)
        try:
            with open(path, "rb") as stream:
                version, loads, verdicts, acronyms = pickle.load(stream)
        except (OSError, EOFError, pickle.PickleError, ValueError, TypeError, AttributeError, ImportError):
            return cache
        if version == engine_version():
            cache.loads = {display: LoadRecord(*fields) for display, fields in loads.items()}
            cache.verdicts = verdicts
            cache.acronyms = acronyms
        return cache

    def write(self, path: Path) -> None:
        loads = {display: (r.sha, r.model, r.errors, r.ok) for display, r in self.loads.items()}
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=".verification-", dir=path.parent)
        with os.fdopen(handle, "wb") as stream:
            pickle.dump((engine_version(), loads, self.verdicts, self.acronyms), stream, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, path)


def _world(root: Path, site: Site, today: dt.date, cache: CheckCache) -> str:
    """What an item's verdict depends on besides its own bytes."""
    digest = hashlib.sha256(f"{engine_version()}\0{today.isoformat()}\0".encode())
    data = root / DATA_DIR
    if data.is_dir():
        for path in sorted(p for p in data.rglob("*") if p.is_file()):
            digest.update(path.relative_to(root).as_posix().encode() + b"\0")
            digest.update(hashlib.sha1(path.read_bytes()).digest())
    for kind in KINDS:
        digest.update(("\0".join(sorted(site.items[kind])) + "\1").encode())
        digest.update(("\0".join(sorted(site.broken_items[kind])) + "\1").encode())
    digest.update("\0".join(sorted(site.broken_data)).encode())
    return digest.hexdigest()


def check_with_cache(root: Path, today: dt.date, cache_file: Path | None = None) -> CheckedTree:
    """``mitkb check``: the tree checked with the cache of ``.cache/`` (written back)."""
    root = Path(root)
    path = cache_file or root / CACHE_FILE
    cache = CheckCache.read(path)
    result = cache.check(root, today)
    if "glossaire" in result.site.data_files:
        result.acronyms = acronym_warnings(root, result.site.terms, cache.acronyms_of)
    try:
        cache.write(path)
    except OSError:
        pass  # a read-only tree is still checked
    return result
