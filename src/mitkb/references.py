"""Cross-file checks: ids and slugs that must exist, macros that must render,
fields to fill that must be declared and used, text that must be safe."""

from __future__ import annotations

import datetime as dt
import difflib
from pathlib import Path

import jinja2
import yaml

from .content import Item, Site, load_site
from .errors import ContentError, relative_path
from .facts import BrokenDataError, Facts, MacroError
from .rich_text import RenderContext, TextRenderer, is_rich, iter_strings, render_error, render_located
from .safety import line_of, unsafe_markup
from .validation import field_path

DOCS_DIR = "docs"


class ReferenceChecker:
    def __init__(self, site: Site, today: dt.date):
        self.site = site
        self.facts = Facts(site, today)
        self.renderer = TextRenderer(self.facts)
        self.errors: list[ContentError] = []

    def error(self, item_source: str, positions, path: tuple, message: str, hint: str = "") -> None:
        line, column = positions.of_value(path)
        self.errors.append(ContentError(item_source, line, column, message, field_path(path), hint))

    def expect(self, item: Item, path: tuple, wanted: str, known, what: str, where: str) -> None:
        broken_kind = where.removeprefix("guides/").rstrip("/")
        if wanted in self.site.broken_items.get(broken_kind, ()):
            return  # the target file has errors of its own, already reported
        if wanted not in known and where not in self.site.broken_data:
            close = difflib.get_close_matches(wanted, list(known), n=1)
            hint = f"Vouliez-vous écrire « {close[0]} » ? " if close else ""
            hint += f"Les valeurs possibles sont dans {where}."
            self.error(item.source, item.positions, path, f"{what} inconnu « {wanted} »", hint)

    # -- per kind -----------------------------------------------------------
    def check_guide(self, item: Item) -> None:
        guide = item.model
        self.expect(item, ("domaine",), guide.domain, self.site.domains, "domaine", "data/domaines.yml")
        for index, theme in enumerate(guide.themes):
            self.expect(item, ("themes", index), theme, self.site.domains, "thème", "data/domaines.yml")
        self.expect(item, ("referent",), guide.referent, self.site.contacts, "contact", "data/contacts.yml")
        for index, slug in enumerate(guide.templates):
            self.expect(item, ("modeles", index), slug, self.site.templates, "modèle", "guides/modeles/")
        for index, slug in enumerate(guide.workshops):
            self.expect(item, ("ateliers", index), slug, self.site.workshops, "atelier", "guides/ateliers/")

    def check_template(self, item: Item) -> None:
        template = item.model
        self.expect(item, ("referent",), template.referent, self.site.contacts, "contact", "data/contacts.yml")
        for index, threshold_id in enumerate(template.thresholds):
            path = ("seuils", index)
            if threshold_id not in self.site.thresholds:
                self.expect(item, path, threshold_id, self.site.thresholds, "seuil", "data/seuils.yml")
                continue
            try:
                self.facts.threshold_in_force(threshold_id)
            except BrokenDataError:
                pass
            except MacroError as exc:
                self.error(item.source, item.positions, path, exc.message, exc.hint)
        if template.superseded_by is not None:
            if template.superseded_by == item.slug:
                self.error(item.source, item.positions, ("remplace_par",), "un modèle ne peut pas se remplacer lui-même")
            else:
                self.expect(item, ("remplace_par",), template.superseded_by, self.site.templates, "modèle", "guides/modeles/")
        declared: dict[str, int] = {}
        for index, fill in enumerate(template.fields):
            if fill.id in declared:
                self.error(
                    item.source, item.positions, ("champs", index, "id"),
                    f"champ à compléter « {fill.id} » déclaré deux fois",
                    f"Il est déjà déclaré en position {declared[fill.id] + 1}.",
                )
            declared.setdefault(fill.id, index)
        used: set[str] = set()
        context = RenderContext({f.id: f for f in template.fields}, used)
        body_errors = 0
        for index, section in enumerate(template.body):
            path = ("corps", index, "texte")
            _, found = render_located(self.renderer, section.text, item.source, item.positions, path, context)
            self.errors.extend(found)
            body_errors += len(found)
        for fill_id, index in declared.items():
            if fill_id not in used and not body_errors:
                self.error(
                    item.source, item.positions, ("champs", index, "id"),
                    f"champ à compléter « {fill_id} » déclaré mais jamais utilisé dans le corps",
                    f"Utilisez-le dans le corps avec {{{{ champ('{fill_id}') }}}}, ou retirez-le.",
                )

    def check_workshop(self, item: Item) -> None:
        workshop = item.model
        for index, theme in enumerate(workshop.themes):
            self.expect(item, ("themes", index), theme, self.site.domains, "thème", "data/domaines.yml")
        for index, slug in enumerate(workshop.guides):
            self.expect(item, ("methodes", index), slug, self.site.guides, "guide", "guides/methodes/")
        for index, slug in enumerate(workshop.templates):
            self.expect(item, ("modeles", index), slug, self.site.templates, "modèle", "guides/modeles/")

    # -- every string -------------------------------------------------------
    def check_text(self, source: str, positions, raw, skip_body: bool = False) -> None:
        for path, text in iter_strings(raw):
            for offset, message, hint in unsafe_markup(text):
                line = positions.text_line(path) + line_of(text, offset)
                self.errors.append(ContentError(source, line, 0, message, field_path(path), hint))
            if "{{" not in text and "{%" not in text:
                continue
            if not is_rich(path):
                self.error(source, positions, path, "les macros ne sont pas permises dans ce champ",
                           "Les macros s'utilisent dans les textes (en_bref, texte, objet, quand…).")
                continue
            if skip_body and path[:1] == ("corps",):
                continue  # rendered with its fields in check_template
            _, found = render_located(self.renderer, text, source, positions, path)
            self.errors.extend(found)

    def run(self) -> list[ContentError]:
        checks = {"methodes": self.check_guide, "modeles": self.check_template, "ateliers": self.check_workshop}
        for item in self.site.all_items():
            checks[item.kind](item)
            self.check_text(item.source, item.positions, item.raw, skip_body=item.kind == "modeles")
        for data_file in self.site.data_files.values():
            self.check_text(data_file.source, data_file.positions, data_file.raw)
        return self.errors


    def check_docs(self, docs_dir: Path) -> None:
        """Hand-written pages call the same macros: check them with the same rules."""
        if not docs_dir.is_dir():
            return
        variables = site_variables(docs_dir.parent / "mkdocs.yml")
        for path in sorted(docs_dir.rglob("*.md")):
            text = path.read_text(encoding="utf-8")
            if ("{{" not in text and "{%" not in text) or "render_macros: false" in text.split("\n---", 1)[0]:
                continue
            display = relative_path(path, self.site.root)
            try:
                self.renderer.render(text, variables=variables)
            except BrokenDataError:
                continue
            except (jinja2.TemplateError, MacroError, TypeError) as exc:
                offset, message, hint = render_error(exc, text)
                self.errors.append(ContentError(display, offset + 1, 0, message, "", hint))


def site_variables(config_file: Path) -> dict:
    """The variables mkdocs-macros gives hand-written pages: `config` and the `extra` keys."""
    if not config_file.is_file():
        return {}
    class _Loader(yaml.SafeLoader):
        pass

    # mkdocs.yml may hold !!python/name: or !ENV tags: keep their place, not their value.
    _Loader.add_multi_constructor("", lambda loader, suffix, node: None)
    try:
        config = yaml.load(config_file.read_text(encoding="utf-8"), Loader=_Loader) or {}
    except yaml.YAMLError:
        return {}  # MkDocs itself reports an unreadable configuration
    return {"config": config, **(config.get("extra") or {})}


def check_references(site: Site, today: dt.date) -> list[ContentError]:
    return ReferenceChecker(site, today).run()


def check_site(root: Path, today: dt.date) -> tuple[Site, list[ContentError]]:
    """Load, validate and cross-check the whole tree, hand-written pages included."""
    site, load_errors = load_site(root)
    checker = ReferenceChecker(site, today)
    checker.run()
    checker.check_docs(Path(root) / DOCS_DIR)
    return site, sorted(set(load_errors + checker.errors))
