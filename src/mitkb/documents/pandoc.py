"""Run pandoc, the converter behind the downloadable documents.

The binary comes with the ``pypandoc-binary`` package, so every machine that
installs the project gets the same pandoc. It is called directly (not through
``pypandoc.convert_text``) to pass a fixed ``SOURCE_DATE_EPOCH`` without touching
this process's environment.
"""

from __future__ import annotations

import functools
import os
import subprocess
import tempfile
from pathlib import Path

# Pandoc's Markdown, minus the extensions that would read ordinary French text
# as something else (smart quotes change what the authors wrote; « @ », « ~ »,
# « ^ » and « $ » are not citations, subscripts or formulas here).
INPUT_FORMAT = "markdown-smart-citations-subscript-superscript-tex_math_dollars-raw_tex-implicit_figures"


class PandocError(RuntimeError):
    pass


@functools.lru_cache(maxsize=1)
def pandoc_path() -> str:
    import pypandoc

    return pypandoc.get_pandoc_path()


@functools.lru_cache(maxsize=1)
def pandoc_version() -> str:
    result = _run([pandoc_path(), "--version"])
    return result.stdout.decode("utf-8", "replace").splitlines()[0].strip()


def default_data_file(name: str) -> bytes:
    """One of pandoc's built-in files, e.g. ``reference.docx``."""
    return _run([pandoc_path(), "--print-default-data-file", name]).stdout


def convert(markdown: str, to: str, reference_doc: Path, epoch: int) -> bytes:
    """Markdown → ``to`` ("docx" or "odt"), styled by ``reference_doc``."""
    with tempfile.TemporaryDirectory(prefix="mitkb-pandoc-") as folder:
        output = Path(folder) / f"document.{to}"
        _run(
            [
                pandoc_path(), f"--from={INPUT_FORMAT}", f"--to={to}",
                f"--reference-doc={reference_doc}", f"--output={output}", "--fail-if-warnings",
            ],
            stdin=markdown.encode("utf-8"),
            env={"SOURCE_DATE_EPOCH": str(epoch)},
        )
        return output.read_bytes()


def _run(command: list[str], stdin: bytes | None = None, env: dict | None = None):
    environment = dict(os.environ, **(env or {}))
    result = subprocess.run(command, input=stdin, capture_output=True, env=environment, timeout=300)
    if result.returncode != 0:
        message = result.stderr.decode("utf-8", "replace").strip()
        raise PandocError(f"pandoc a échoué ({' '.join(command[1:3])}) : {message}")
    return result
