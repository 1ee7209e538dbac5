"""Rewrite office archives so that the same content always gives the same bytes.

DOCX and ODT files are ZIP archives; ZIP entries carry a modification time and
the compressor's settings. Every entry is rewritten here with a fixed time, fixed
permissions and a fixed compression level, in the order the generator wrote
them. An ODT's ``mimetype`` entry stays first and uncompressed, as the
OpenDocument standard requires.
"""

from __future__ import annotations

import io
import zipfile
from typing import Callable

FIXED_TIME = (1980, 1, 1, 0, 0, 0)  # the earliest time a ZIP entry can hold
FILE_MODE = 0o644 << 16

Transform = Callable[[str, bytes], bytes]


def normalise_zip(data: bytes, transform: Transform | None = None) -> bytes:
    """The same archive with fixed timestamps; ``transform(name, bytes)`` may edit entries."""
    source = zipfile.ZipFile(io.BytesIO(data))
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w") as target:
        for info in source.infolist():
            if info.is_dir():
                continue
            content = source.read(info.filename)
            if transform is not None:
                content = transform(info.filename, content)
            stored = info.filename == "mimetype"
            entry = zipfile.ZipInfo(info.filename, date_time=FIXED_TIME)
            entry.external_attr = FILE_MODE
            entry.create_system = 3  # Unix, whatever the machine that builds
            entry.compress_type = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
            target.writestr(entry, content, compresslevel=None if stored else 9)
    return output.getvalue()
