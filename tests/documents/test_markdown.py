"""The pandoc Markdown built from a template."""

from __future__ import annotations

import datetime as dt

from mitkb.documents.markdown import DocumentMarkdown, escape, field_span
from mitkb.models import FillField

from .conftest import BUILD_DATE, load_real_site


def test_escape_keeps_text_literal_and_non_breaking_spaces():
    assert escape("Prix *HT* [lot 1]") == r"Prix \*HT\* \[lot 1\]"
    assert escape("60\u00a0000\u00a0€ HT\n  suite") == "60\u00a0000\u00a0€ HT suite"
    assert escape("mairie@exemple.fr") == r"mairie\@exemple\.fr"


def test_a_field_is_a_span_in_the_field_style():
    field = FillField.model_validate({"id": "objet", "libelle": "Objet (lot n° 1)"})
    assert field_span(field) == r'[\[Objet \(lot n° 1\)\]]{custom-style="Champ à compléter"}'


def test_every_field_of_the_body_is_marked(real_site):
    builder = DocumentMarkdown(real_site, BUILD_DATE)
    for item in real_site.templates.values():
        markdown = builder.build(item)
        body = markdown.split("```{=opendocument}", 1)[1]
        for field in item.model.fields:
            assert field_span(field) in body, (item.slug, field.id)
        assert "{{" not in markdown and "champ(" not in markdown


def test_metadata_notice_and_page_break(real_site):
    item = real_site.templates["lettre-consultation-sans-publicite"]
    markdown = DocumentMarkdown(real_site, BUILD_DATE).build(item)
    assert markdown.startswith("---\ntitle: ")
    assert "lang: fr-FR" in markdown
    assert "# Notice d'utilisation" in markdown
    assert "[Article R2122\\-8 du code de la commande publique](https://www.legifrance.gouv.fr/" in markdown
    assert '<w:br w:type="page"/>' in markdown  # Word
    assert 'text:style-name="Saut_20_de_20_page"' in markdown  # OpenDocument
    assert markdown.index("# Notice d'utilisation") < markdown.index("# En\\-tête")


def test_thresholds_in_the_document_follow_the_build_date():
    before = DocumentMarkdown(load_real_site(dt.date(2026, 3, 31)), dt.date(2026, 3, 31))
    after = DocumentMarkdown(load_real_site(dt.date(2026, 4, 1)), dt.date(2026, 4, 1))
    item_before = before.site.templates["lettre-consultation-sans-publicite"]
    item_after = after.site.templates["lettre-consultation-sans-publicite"]
    assert "40\u00a0000\u00a0€\u00a0HT pour des fournitures" in before.build(item_before)
    assert "60\u00a0000\u00a0€\u00a0HT pour des fournitures" in after.build(item_after)


def test_a_superseded_template_says_so(real_site):
    item = real_site.templates["decision-attribution"]
    replaced = item.model.model_copy(update={"superseded_by": "rapport-analyse-offres"})
    markdown = DocumentMarkdown(real_site, BUILD_DATE).build(
        type(item)(item.kind, item.slug, item.source, replaced, item.positions, item.raw)
    )
    assert "**Ce modèle a été remplacé par « Rapport d\\'analyse des offres ».**" in markdown
