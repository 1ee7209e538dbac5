"""Adapters between the engine and a site generator (today: MkDocs)."""
