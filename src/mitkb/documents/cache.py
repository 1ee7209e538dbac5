"""A content-hash cache for generated documents.

A document's key is the hash of everything its bytes depend on: the Markdown
built from the template (which already holds the template's text and the
thresholds, figures and contact rendered at the build date), the output format,
the pandoc version and the generator's own code (which also builds the
reference documents). Same key, same bytes: the file is read back instead of
running pandoc again.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
import time
from pathlib import Path

CACHE_DIR = Path(".cache") / "documents"  # relative to the project root; ignored by git
KEEP_UNUSED_DAYS = 30  # entries no build has used for this long are deleted


def atomic_write(path: Path, data: bytes) -> None:
    """Write through a temporary file, so a reader never sees half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def code_fingerprint() -> str:
    """Hash of this package's source: a change in the generator invalidates the cache."""
    digest = hashlib.sha256()
    for path in sorted(Path(__file__).parent.glob("*.py")):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def document_key(*parts: str) -> str:
    digest = hashlib.sha256()
    for part in parts:
        encoded = part.encode("utf-8")
        digest.update(len(encoded).to_bytes(8, "big"))
        digest.update(encoded)
    return digest.hexdigest()


class DocumentCache:
    def __init__(self, folder: Path | None):
        self.folder = Path(folder) if folder is not None else None

    def _path(self, key: str, extension: str) -> Path:
        assert self.folder is not None
        return self.folder / key[:2] / f"{key}.{extension}"

    def get(self, key: str, extension: str) -> bytes | None:
        if self.folder is None:
            return None
        path = self._path(key, extension)
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            return None
        os.utime(path)  # « last used », for prune()
        return data

    def put(self, key: str, extension: str, data: bytes) -> None:
        if self.folder is not None:
            atomic_write(self._path(key, extension), data)

    def prune(self, keep_days: float = KEEP_UNUSED_DAYS) -> int:
        """Delete the files no build has used for ``keep_days``; how many were deleted."""
        if self.folder is None or not self.folder.is_dir():
            return 0
        limit = time.time() - keep_days * 86400
        deleted = 0
        for path in self.folder.rglob("*"):
            if path.is_file() and path.stat().st_mtime < limit:
                path.unlink(missing_ok=True)
                deleted += 1
        return deleted
