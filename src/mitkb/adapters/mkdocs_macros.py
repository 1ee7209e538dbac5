"""The mkdocs-macros adapter: exposes the engine's facts to hand-written pages."""

from __future__ import annotations

from ..facts import Facts
from ..pages import contact_card


def register(env) -> None:
    """Called from macros/main.py: declare seuil, seuil_depuis, chiffre, contact."""
    plugin = env.conf.plugins.get("mitkb")
    if plugin is None or plugin.result is None:
        raise RuntimeError("le plugin « mitkb » doit précéder « macros » dans mkdocs.yml")
    facts: Facts = plugin.result.facts
    env.macro(facts.seuil, "seuil")
    env.macro(facts.seuil_depuis, "seuil_depuis")
    env.macro(facts.chiffre, "chiffre")
    env.macro(lambda figure_id: facts.figure(figure_id).label, "chiffre_libelle")
    env.macro(lambda contact_id: contact_card(facts.contact_entry(contact_id)), "contact")
