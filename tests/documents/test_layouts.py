"""What a form adds to a template: its own fields, and the roles it accepts."""

from __future__ import annotations

import datetime as dt

from mitkb.documents.layouts import FORMS, effective_fields, layout_errors
from mitkb.models import Template


def deliberation(fields: list[dict], body: list[dict] | None = None, form: str = "deliberation") -> Template:
    return Template.model_validate({
        "titre": "Délibération d'essai", "forme": form, "objet": "Essai.", "quand": "Toujours.",
        "procedures": ["mapa"], "base_legale": [{"code": "CGCT", "article": "L2121-29"}],
        "champs": fields,
        "corps": body or [
            {"titre": "Objet", "role": "objet", "texte": "essai"},
            {"titre": "Exposé", "role": "expose", "texte": "Le maire expose."},
            {"titre": "Décision", "role": "article", "texte": "Approuve."},
        ],
        "version": "1.0", "referent": "mit", "relu_le": dt.date(2026, 11, 27),
        "prochaine_relecture": dt.date(2027, 11, 27),
    })


def test_a_form_adds_the_fields_its_layout_prints_unless_declared():
    template = deliberation([
        {"id": "nom_maire", "libelle": "Prénom et nom du maire ou de l'adjoint qui préside"},
        {"id": "date_seance", "libelle": "Jour de la séance"},
        {"id": "objet_marche", "libelle": "Objet du marché"},
    ])
    fields = {f.id: f for f in effective_fields(template)}
    assert set(fields) == {f.id for f in FORMS["deliberation"].fields} | {"objet_marche"}
    assert fields["nb_representes"].type == "nombre"  # added by the form
    assert fields["nom_maire"].label == "Prénom et nom du maire ou de l'adjoint qui préside"  # the template's wins
    assert fields["date_seance"].type == "date"  # declared without a type: the form's
    assert fields["objet_marche"].type is None  # the template's own field: plain text
    # The form's fields come first, in its order, then the template's.
    order = [f.id for f in effective_fields(template)]
    assert order[0] == "nom_collectivite" and order[-1] == "objet_marche"


def test_roles_the_form_does_not_accept_and_required_ones():
    one = [{"id": "objet_marche", "libelle": "Objet du marché"}]
    template = deliberation(one)
    assert layout_errors(template) == []
    as_letter = deliberation(one, form="courrier")
    messages = [message for _, message, _ in layout_errors(as_letter)]
    assert any("rôle « expose » impossible" in m for m in messages)
    assert any("il manque une section de rôle « destinataire »" in m for m in messages)
    without_articles = deliberation(one, body=[{"titre": "Objet", "role": "objet", "texte": "essai"}])
    assert [path for path, _, _ in layout_errors(without_articles)] == [("corps",)]
