"""Build the static site with MkDocs into a temporary folder, then swap it in.

A failed build (content error, broken link under --strict) leaves the previous
``site/`` exactly as it was.
"""

from __future__ import annotations

import gc
import logging
import os
import shutil
import subprocess
import sys
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Callable

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort, MkDocsException


class SiteBuildError(Exception):
    pass


def build_site(
    config_file: Path,
    destination: Path,
    strict: bool = True,
    verify: Callable[[Path], list[str]] | None = None,
    isolated: bool = False,
) -> Path:
    """Build into a sibling temporary folder and replace `destination` only on success.

    `verify` inspects the freshly built folder and returns problems that refuse it.
    `isolated` runs MkDocs in a child process, so that its memory is returned
    before `verify` runs (the search indexer needs a lot of it).
    """
    destination = destination.resolve()
    destination.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{destination.name}-neuf-", dir=destination.parent))
    try:
        if isolated:
            _build_in_child(config_file, staging, strict)
        else:
            _build_here(config_file, staging, strict)
        problems = verify(staging) if verify else []
        if problems:
            raise SiteBuildError("\n".join(problems))
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    _swap(staging, destination)
    return destination


# A build allocates millions of short-lived objects (Markdown trees) next to a large,
# long-lived content model: with Python's default thresholds the collector runs about
# 3,000 times at N = 1,000 guides and costs 1.5 s. Fewer, larger young collections halve
# that for a few megabytes more (benchmarks/PROFIL.md).
BUILD_GC_THRESHOLDS = (20_000, 100, 1_000)


@contextmanager
def batch_gc_thresholds():
    previous = gc.get_threshold()
    gc.set_threshold(*BUILD_GC_THRESHOLDS)
    try:
        yield
    finally:
        gc.set_threshold(*previous)


def _build_here(config_file: Path, site_dir: Path, strict: bool) -> None:
    try:
        config = load_config(str(config_file), site_dir=str(site_dir), strict=strict)
        try:
            with batch_gc_thresholds():
                build(config)
        finally:
            config.plugins.on_shutdown()
    except (Abort, MkDocsException) as exc:
        raise SiteBuildError(str(exc)) from None
    except SystemExit:  # mkdocs-macros exits on a macro error (on_error_fail)
        raise SiteBuildError("erreur dans une macro d'une page (voir le message ci-dessus)") from None


def _build_in_child(config_file: Path, site_dir: Path, strict: bool) -> None:
    command = [sys.executable, "-m", __name__, str(config_file), str(site_dir)] + (["--strict"] if strict else [])
    environment = dict(os.environ, MITKB_INDEX_SEARCH="0")  # the parent indexes once MkDocs is gone
    if subprocess.run(command, env=environment).returncode != 0:
        raise SiteBuildError("la construction a échoué (voir les messages ci-dessus)")


def _swap(staging: Path, destination: Path) -> None:
    old = None
    if destination.exists():
        old = destination.with_name(f".{destination.name}-ancien")
        shutil.rmtree(old, ignore_errors=True)
        destination.rename(old)
    staging.rename(destination)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def configure_logging() -> None:
    """MkDocs messages on standard error, one per line, level first."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(levelname)-8s %(message)s"))
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)


def main(argv: list[str]) -> int:
    """Child process entry point: build CONFIG into SITE_DIR [--strict]."""
    configure_logging()
    try:
        _build_here(Path(argv[0]), Path(argv[1]), "--strict" in argv[2:])
    except SiteBuildError as exc:
        print(f"✗ {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
