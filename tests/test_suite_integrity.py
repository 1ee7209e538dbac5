"""Every test file on disk is collected: a naming or folder mistake must not hide tests."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

TESTS = Path(__file__).resolve().parent


def test_every_test_file_is_collected():
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider", str(TESTS)],
        capture_output=True, text=True, cwd=TESTS.parent,
    )
    collected = {line.split("::")[0] for line in result.stdout.splitlines() if "::" in line}
    on_disk = {str(p.relative_to(TESTS.parent)) for p in TESTS.rglob("test_*.py")}
    assert on_disk - collected == set(), result.stdout[-2000:]
