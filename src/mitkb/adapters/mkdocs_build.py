"""Build the static site with MkDocs into a temporary folder, then swap it in.

A failed build (content error, broken link under --strict) leaves the previous
``site/`` exactly as it was.
"""

from __future__ import annotations

import logging
import shutil
import tempfile
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
) -> Path:
    """Build into a sibling temporary folder and replace `destination` only on success.

    `verify` inspects the freshly built folder and returns problems that refuse it.
    """
    destination = destination.resolve()
    destination.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{destination.name}-neuf-", dir=destination.parent))
    try:
        config = load_config(str(config_file), site_dir=str(staging), strict=strict)
        try:
            build(config)
        finally:
            config.plugins.on_shutdown()
    except (Abort, MkDocsException) as exc:
        shutil.rmtree(staging, ignore_errors=True)
        raise SiteBuildError(str(exc)) from None
    except SystemExit:  # mkdocs-macros exits on a macro error (on_error_fail)
        shutil.rmtree(staging, ignore_errors=True)
        raise SiteBuildError("erreur dans une macro d'une page (voir le message ci-dessus)") from None
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    problems = verify(staging) if verify else []
    if problems:
        shutil.rmtree(staging, ignore_errors=True)
        raise SiteBuildError("\n".join(problems))
    _swap(staging, destination)
    return destination


def _swap(staging: Path, destination: Path) -> None:
    old = None
    if destination.exists():
        old = destination.with_name(f".{destination.name}-ancien")
        shutil.rmtree(old, ignore_errors=True)
        destination.rename(old)
    staging.rename(destination)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def quiet_mkdocs_info() -> None:
    logging.getLogger("mkdocs").setLevel(logging.WARNING)
