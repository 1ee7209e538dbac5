"""The MkDocs adapter: wires MkDocs events to the engine, nothing more.

MkDocs 1.x is no longer developed and Material reaches end of life on
2027-05-05: this module is the only place that imports MkDocs, so that the
engine can move to another generator (see ``mitkb export``).
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, InclusionLevel

from ..build import BuildResult, build_content
from ..build_date import BuildDateError, build_date
from ..errors import ContentErrors

# Generated pages that belong in the navigation; item pages are reached from
# these listings, so that every page's navigation stays small as content grows.
NAV_PAGES = {"methodes/index.md", "modeles/index.md", "ateliers/index.md", "glossaire.md"}
WATCHED_DIRS = ("guides", "data")


class MitkbPlugin(BasePlugin):
    result: BuildResult | None = None

    # Validate the whole content tree and render pages before MkDocs reads files.
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        root = Path(config.config_file_path).parent
        try:
            self.result = build_content(root, build_date())
        except (ContentErrors, BuildDateError) as exc:
            message = exc.report() if isinstance(exc, ContentErrors) else str(exc)
            raise PluginError(message + "\nLe site n'a pas été construit.") from None
        return config

    # Add the generated pages, in memory only (never written into docs/).
    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        assert self.result is not None
        for page in self.result.pages:
            generated = File.generated(config, page.path, content=page.markdown)
            if page.path not in NAV_PAGES:
                generated.inclusion = InclusionLevel.NOT_IN_NAV
            files.append(generated)
        for extra in self.result.files:
            files.append(File.generated(config, extra.path, content=extra.content))
        return files

    # Rebuild when content or data change during `mkdocs serve`.
    def on_serve(self, server, config: MkDocsConfig, builder):
        root = Path(config.config_file_path).parent
        for name in WATCHED_DIRS:
            if (root / name).is_dir():
                server.watch(str(root / name))
        return server
