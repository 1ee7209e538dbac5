"""Every acronym of the real site is explained: in the glossary, or by the page that uses it.

`mitkb check` warns about unexplained acronyms; on the real project it must be silent,
hand-written pages (accessibility statement, contributor guide…) included.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from mitkb.content import load_site
from mitkb.glossary import unknown_acronyms

from ..conftest import ROOT


def test_no_unexplained_acronym_anywhere_in_the_real_project():
    site, _ = load_site(ROOT)
    unknown = unknown_acronyms(ROOT, site.terms)
    assert unknown == [], ", ".join(f"{u.path}:{u.line} {u.acronym}" for u in unknown)


def test_strict_mitkb_check_passes_without_warning_on_the_real_project():
    result = subprocess.run(
        [sys.executable, "-m", "mitkb.cli", "--racine", str(ROOT), "check", "--sigles-stricts"],
        capture_output=True, text=True, cwd=ROOT,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "attention" not in (result.stdout + result.stderr), result.stdout + result.stderr


def test_acronyms_of_hand_written_pages_become_tooltips(built_site: Path):
    statement = (built_site / "accessibilite" / "index.html").read_text(encoding="utf-8")
    assert '<abbr title="Web Content Accessibility Guidelines' in statement  # defined by the page
    assert '<abbr title="HyperText Markup Language"' in statement  # from the glossary
    forms = (built_site / "formulaires-officiels" / "index.html").read_text(encoding="utf-8")
    assert '<abbr title="Prestations intellectuelles"' in forms
