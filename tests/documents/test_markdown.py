"""The pandoc Markdown built from a template."""

from __future__ import annotations

import datetime as dt

from mitkb.documents.markdown import DocumentMarkdown, escape, field_span
from mitkb.documents.layouts import effective_fields
from mitkb.models import FillField

from .conftest import BUILD_DATE, load_real_site


def test_escape_keeps_text_literal_and_non_breaking_spaces():
    assert escape("Prix *HT* [lot 1]") == r"Prix \*HT\* \[lot 1\]"
    assert escape("60\u00a0000\u00a0€ HT\n  suite") == "60\u00a0000\u00a0€ HT suite"
    assert escape("mairie@exemple.fr") == r"mairie\@exemple\.fr"


def test_a_field_is_a_span_in_the_field_style():
    field = FillField.model_validate({"id": "objet", "libelle": "Objet (lot n° 1)"})
    assert field_span(field) == r'[\[Objet \(lot n° 1\)\]]{custom-style="Champ à compléter"}'


def test_every_field_is_marked_for_each_format(real_site):
    builder = DocumentMarkdown(real_site, BUILD_DATE)
    for item in real_site.templates.values():
        for kind in ("docx", "odt"):
            markdown = builder.build(item, kind)
            for field in effective_fields(item.model):
                marker = f'w:val="mitkb:{field.id}"' if kind == "docx" else f'text:name="{field.id}"'
                assert marker in markdown, (item.slug, kind, field.id)
            assert "{{" not in markdown and "champ(" not in markdown
            assert "Notice d'utilisation" not in markdown


def test_the_notice_is_apart(real_site):
    item = real_site.templates["lettre-consultation-sans-publicite"]
    builder = DocumentMarkdown(real_site, BUILD_DATE)
    notice = builder.notice(item)
    assert notice.startswith("---\ntitle: ")
    assert "lang: fr-FR" in notice
    assert "# Notice d'utilisation" in notice
    assert "[Article R2122\\-8 du code de la commande publique](https://www.legifrance.gouv.fr/" in notice
    letter = builder.build(item, "odt")
    assert "title:" not in letter  # a letter has no title
    assert letter.index("Destinataire") < letter.index("Objet : ") < letter.index("Signature")


def test_drafting_notes_are_comments(real_site):
    item = real_site.templates["deliberation-lancement-consultation"]
    builder = DocumentMarkdown(real_site, BUILD_DATE)
    assert "Note de rédaction" not in builder.build(item, "docx")
    notes = sum(len(section.notes) for section in item.model.body)
    assert notes >= 2
    assert builder.build(item, "docx").count(".comment-start") == notes
    assert builder.build(item, "odt").count("<office:annotation>") == notes
    assert "## Notes de rédaction" in builder.notice(item)


def test_thresholds_in_the_document_follow_the_build_date():
    before = DocumentMarkdown(load_real_site(dt.date(2026, 3, 31)), dt.date(2026, 3, 31))
    after = DocumentMarkdown(load_real_site(dt.date(2026, 4, 1)), dt.date(2026, 4, 1))
    item_before = before.site.templates["lettre-consultation-sans-publicite"]
    item_after = after.site.templates["lettre-consultation-sans-publicite"]
    assert "40\u00a0000\u00a0€\u00a0HT pour des fournitures" in before.notice(item_before)
    assert "60\u00a0000\u00a0€\u00a0HT pour des fournitures" in after.notice(item_after)


def test_a_superseded_template_says_so(real_site):
    item = real_site.templates["decision-attribution"]
    replaced = item.model.model_copy(update={"superseded_by": "rapport-analyse-offres"})
    markdown = DocumentMarkdown(real_site, BUILD_DATE).notice(
        type(item)(item.kind, item.slug, item.source, replaced, item.positions, item.raw)
    )
    assert "**Ce modèle a été remplacé par « Rapport d\\'analyse des offres ».**" in markdown
