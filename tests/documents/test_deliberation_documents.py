"""The downloaded délibérations carry what a real délibération has (issue 11 corrections):
the attendance counts, the vote, and the signatures of the maire and of the secrétaire(s) de
séance (CGCT L2121-23, since 2022-07-01). Read back from the generated .docx files."""

from __future__ import annotations

import io
import re

import docx
import pytest

from .conftest import ROOT

DELIBERATIONS = sorted(path.stem for path in (ROOT / "guides" / "modeles").glob("deliberation-*.yml"))


def document_text(files_by_path, slug: str) -> str:
    document = docx.Document(io.BytesIO(files_by_path[f"telechargements/{slug}.docx"]))
    texts = [p.text for p in document.paragraphs]
    texts += [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return re.sub(r"\s+", " ", " ".join(texts))


def test_there_are_deliberations_to_check():
    assert {"deliberation-lancement-consultation", "deliberation-delegation-maire-marches"} <= set(DELIBERATIONS)


@pytest.mark.parametrize("slug", DELIBERATIONS)
def test_deliberation_has_attendance_vote_and_both_signatures(files_by_path, slug):
    text = document_text(files_by_path, slug)
    for line in ("En exercice", "Présents", "Représentés", "Votants", "Pour", "Contre", "Abstentions"):
        assert line in text, line
    assert "Le conseil municipal, après en avoir délibéré, décide" in text
    assert "Le maire," in text
    assert "Le ou les secrétaires de séance," in text
    assert text.index("Le maire,") < text.index("Le ou les secrétaires de séance,")


def test_launch_deliberation_never_says_the_maire_or_the_deputy(files_by_path):
    """The maire signs; a deputy only by the maire's own delegation (L2122-18), a drafting note."""
    text = document_text(files_by_path, "deliberation-lancement-consultation")
    assert "Autorise le maire à signer le marché" in text
    assert "ou l'adjoint" not in text
