"""The mkdocs-macros adapter: exposes the engine's facts to hand-written pages."""

from __future__ import annotations

from ..facts import macro_functions


def register(env) -> None:
    """Called from macros/main.py: declare the engine's macros."""
    plugin = env.conf.plugins.get("mitkb")
    if plugin is None or plugin.session is None:
        raise RuntimeError("le plugin « mitkb » doit précéder « macros » dans mkdocs.yml")
    for name, function in macro_functions(plugin.session.result.facts).items():
        env.macro(function, name)
