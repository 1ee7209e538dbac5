"""What a form adds to a template: its own fields, and the roles it accepts."""

from __future__ import annotations

from mitkb.documents.layouts import FORMS, effective_fields, layout_errors
from mitkb.models import Template

from .conftest import load_real_site


def template(**changes) -> Template:
    base = load_real_site().templates["deliberation-lancement-consultation"].model
    return base.model_copy(update=changes)


def test_a_form_adds_the_fields_its_layout_prints_unless_declared():
    deliberation = template()
    fields = {f.id: f for f in effective_fields(deliberation)}
    declared = {f.id: f for f in deliberation.fields}
    assert "nb_representes" not in declared and fields["nb_representes"].type == "nombre"  # added
    assert fields["nom_maire"].label == declared["nom_maire"].label  # the template's label wins
    for standard in FORMS["deliberation"].fields:
        assert standard.id in fields
    # A declared field without a type takes the form's.
    untyped = [f.model_copy(update={"type": None}) if f.id == "date_seance" else f for f in deliberation.fields]
    assert {f.id: f for f in effective_fields(template(fields=untyped))}["date_seance"].type == "date"


def test_roles_the_form_does_not_accept_and_required_ones():
    deliberation = template()
    assert layout_errors(deliberation) == []
    as_letter = template(form="courrier")
    messages = [message for _, message, _ in layout_errors(as_letter)]
    assert any("rôle « expose » impossible" in m for m in messages)
    assert any("il manque une section de rôle « destinataire »" in m for m in messages)
    without_articles = template(body=[s for s in deliberation.body if s.role != "article"])
    assert [path for path, _, _ in layout_errors(without_articles)] == [("corps",)]
