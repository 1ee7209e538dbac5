"""The mkdocs-macros adapter: exposes the engine's facts to hand-written pages."""

from __future__ import annotations

import functools

from ..facts import macro_functions


def register(env) -> None:
    """Called from macros/main.py: declare the engine's macros.

    Each macro asks the plugin's current session for its facts when it is called: the
    preview replaces the session after a change to data/ (see mitkb.preview)."""
    plugin = env.conf.plugins.get("mitkb")
    if plugin is None or plugin.session is None:
        raise RuntimeError("le plugin « mitkb » doit précéder « macros » dans mkdocs.yml")
    for name, function in macro_functions(plugin.session.result.facts).items():
        env.macro(_current(plugin, name, function), name)


def _current(plugin, name: str, first):
    @functools.wraps(first)
    def call(*args, **kwargs):
        return plugin.session.macros()[name](*args, **kwargs)
    return call
