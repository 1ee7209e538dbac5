"""The guides an answer of the procedure tool lists: those that use most of the
procedure's templates, five at most, the others one link away."""

from __future__ import annotations

import re

from mitkb.procedure.tool import GUIDES_SHOWN


def _guides_block(tool, procedure: str) -> str:
    [block] = [tool.blocks[index] for index in tool.procedure_blocks(procedure) if "Guides utiles" in tool.blocks[index]]
    return block


def test_guides_using_most_of_the_procedure_templates_come_first(tool):
    templates = {t.slug for t in tool.templates_of("mapa")}
    guides = tool.guides_of("mapa")
    used = [len(templates & set(g.model.templates)) for g in guides]
    assert len(guides) > GUIDES_SHOWN, "the real site has more guides for a MAPA than an answer shows"
    assert all(count > 0 for count in used) and used == sorted(used, reverse=True)
    every_guide_using_one = [g for g in tool.site.guides.values() if templates & set(g.model.templates)]
    assert len(every_guide_using_one) == len(guides)


def test_an_answer_shows_five_guides_and_links_to_the_others(tool):
    guides = tool.guides_of("mapa")
    block = _guides_block(tool, "mapa")
    titles = re.findall(r"<li><a [^>]*>([^<]+)</a></li>", block)
    assert len(titles) == GUIDES_SHOWN
    assert [t.replace("&#x27;", "'") for t in titles] == [g.title for g in guides[:GUIDES_SHOWN]]
    others = len(guides) - GUIDES_SHOWN
    assert f"{others} autres guides utilisent ces modèles" in block
    assert 'href="../methodes/"' in block
