"""Cross-file checks: ids and slugs that must exist, macros that must render,
fields to fill that must be declared and used, text that must be safe."""

from __future__ import annotations

import dataclasses
import datetime as dt
import difflib
import re
from pathlib import Path

import jinja2
import yaml

from .content import Item, Site, load_site
from .documents.layouts import FORMS, effective_fields, layout_errors
from .errors import ContentError, relative_path
from .procedure.rules import load_rules
from .facts import BrokenDataError, Facts, MacroError
from .rich_text import RenderContext, TextRenderer, is_rich, iter_strings, render_error, render_located
from .safety import line_of, unsafe_markup
from .sources import check_guide_sources, check_legal_basis
from .validation import field_path
from .yaml_loader import YamlLoadError, load_yaml_file

DOCS_DIR = "docs"

# What `mitkb new` writes where the author has something to write; `mitkb check` fails
# on it, at its line, until it is replaced. Upper case (accents or not), never a real text.
PLACEHOLDER = "À COMPLÉTER"
_PLACEHOLDER = re.compile(r"[ÀA] COMPL[ÉE]TER")
# Fields whose value is an identifier: the hint lists the values that exist.
_ID_CHOICES = {
    "domaine": ("domains", "data/domaines.yml"),
    "themes": ("domains", "data/domaines.yml"),
    "referent": ("contacts", "data/contacts.yml"),
    "seuils": ("thresholds", "data/seuils.yml"),
    "modeles": ("templates", "guides/modeles/"),
    "remplace_par": ("templates", "guides/modeles/"),
    "methodes": ("guides", "guides/methodes/"),
    "ateliers": ("workshops", "guides/ateliers/"),
}


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
        self.errors.extend(check_guide_sources(item, self.site))

    def check_template(self, item: Item) -> None:
        template = item.model
        self.expect(item, ("referent",), template.referent, self.site.contacts, "contact", "data/contacts.yml")
        self.errors.extend(check_legal_basis(item))
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
        for path, message, hint in layout_errors(template):
            self.error(item.source, item.positions, path, message, hint)
        used: set[str] = {f.id for f in FORMS[template.form].fields}  # printed by the layout
        context = RenderContext({f.id: f for f in effective_fields(template)}, used)
        body_errors = 0
        for index, section in enumerate(template.body):
            texts = [(("corps", index, "texte"), section.text)]
            texts += [(("corps", index, "notes_de_redaction", n), note) for n, note in enumerate(section.notes)]
            for path, text in texts:
                _, found = render_located(self.renderer, text, item.source, item.positions, path, context)
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

    def check_history(self, item: Item) -> None:
        for index, entry in enumerate(getattr(item.model, "history", [])):
            if entry.date > self.facts.today:
                self.error(
                    item.source, item.positions, ("historique", index, "date"),
                    f"date dans le futur ({entry.date.isoformat()}, après le {self.facts.today.isoformat()})",
                    "Un changement se date du jour où il est publié (AAAA-MM-JJ).",
                )

    # -- placeholders left by `mitkb new` -------------------------------------
    def _placeholder_hint(self, path: tuple) -> str:
        key = next((part for part in reversed(path) if isinstance(part, str)), "")
        if key in _ID_CHOICES:
            attribute, where = _ID_CHOICES[key]
            known = getattr(self.site, attribute)
            if key == "domaine":
                known = [d for d, domain in known.items() if domain.type == "domaine"]
            if known:
                return f"Valeurs possibles (voir {where}) : " + ", ".join(sorted(known)) + "."
        return "Remplacez-le par votre texte : le commentaire au-dessus du champ dit quoi écrire."

    def placeholders(self, source: str, positions, raw) -> list[ContentError]:
        found = []
        for path, text in iter_strings(raw):
            match = _PLACEHOLDER.search(text)
            if match is None:
                continue
            line, column = positions.of_value(path)
            if positions.text_line(path) != line:  # a block scalar: its text starts below the key
                line, column = positions.text_line(path) + line_of(text, match.start()), 0
            found.append(ContentError(source, line, column, f"texte « {match.group(0)} » à remplacer",
                                      field_path(path), self._placeholder_hint(path)))
        return found

    def check_placeholders(self, load_errors: list[ContentError], sources: list | None = None) -> list[ContentError]:
        """Report every placeholder, also in files that failed validation because of one.

        A placeholder's own validation error (a date, a choice or an identifier expected)
        is replaced by the placeholder error, which keeps its hint. ``sources`` (source,
        positions, raw) limits the check to some loaded files (default: all of them).
        """
        if sources is None:
            sources = [(item.source, item.positions, item.raw) for item in self.site.all_items()]
            sources += [(data.source, data.positions, data.raw) for data in self.site.data_files.values()]
        sources = list(sources)
        loaded = {source for source, _, _ in sources}
        for failed in sorted({error.path for error in load_errors} - loaded):
            path = self.site.root / failed
            if path.suffix != ".yml" or not path.is_file():
                continue
            try:
                document = load_yaml_file(path, failed)
            except YamlLoadError:
                continue
            sources.append((failed, document.positions, document.data))
        placeholders = [error for source in sources for error in self.placeholders(*source)]
        at = {(error.path, error.field): index for index, error in enumerate(placeholders)}
        remaining = []
        for error in load_errors:
            index = at.get((error.path, error.field)) if error.field else None
            if index is None:
                remaining.append(error)
            elif error.hint and not placeholders[index].hint.startswith("Valeurs possibles"):
                placeholders[index] = dataclasses.replace(placeholders[index], hint=error.hint)
        return remaining + placeholders

    def check_item(self, item: Item) -> None:
        """Every check of one item: its errors concern its own file only."""
        checks = {"methodes": self.check_guide, "modeles": self.check_template, "ateliers": self.check_workshop}
        checks[item.kind](item)
        self.check_history(item)
        self.check_text(item.source, item.positions, item.raw, skip_body=item.kind == "modeles")

    def check_data(self) -> None:
        for data_file in self.site.data_files.values():
            self.check_text(data_file.source, data_file.positions, data_file.raw)

    def run(self) -> list[ContentError]:
        for item in self.site.all_items():
            self.check_item(item)
        self.check_data()
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
    load_errors = checker.check_placeholders(load_errors)
    site.procedure_rules, rule_errors = load_rules(Path(root), site.thresholds, site.broken_data)
    load_errors += rule_errors
    return site, sorted(set(load_errors + checker.errors))
