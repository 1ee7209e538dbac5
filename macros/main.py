"""mkdocs-macros module: the macros of hand-written pages come from the engine."""

from mitkb.adapters.mkdocs_macros import register


def define_env(env):
    register(env)
