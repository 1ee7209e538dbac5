"""The `mitkb` command line: check content, generate schemas, export pages."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .build_date import BuildDateError, build_date


def _root(args) -> Path:
    return Path(args.racine).resolve()


def cmd_check(args) -> int:
    root = _root(args)
    today = build_date()
    if args.sans_cache:
        from .freshness import overdue_warnings
        from .glossary import acronym_warnings
        from .references import check_site

        site, errors = check_site(root, today)
        overdue = overdue_warnings(site, today)
        unknown = acronym_warnings(root, site.terms) if "glossaire" in site.data_files else []
    else:  # files unchanged since the last check are not read again (.cache/verification.pickle)
        from .preview.checking import check_with_cache

        checked = check_with_cache(root, today)
        site, errors, overdue, unknown = checked.site, checked.errors, checked.overdue, checked.acronyms
    content_errors = list(errors)
    for error in errors:
        print(error.format(), file=sys.stderr)
    counts = ", ".join(f"{len(site.items[k])} {label}" for k, label in
                       (("methodes", "guide(s)"), ("modeles", "modèle(s)"), ("ateliers", "atelier(s)")))
    from .publisher.model import coordinates_to_check, site_facts_warnings

    due = overdue + coordinates_to_check(site, today)
    errors = errors + _warn(due, args.relecture_stricte, "contenu(s) à relire")
    # Facts of data/site.yml nobody has supplied yet: noted, refused by --relecture-stricte.
    errors = errors + _warn(site_facts_warnings(root), args.relecture_stricte, "information(s) à compléter",
                            prefix="à compléter")
    errors = errors + _warn(unknown, args.sigles_stricts, "sigle(s) absent(s) du glossaire")
    if args.github:
        _report_to_github(content_errors, errors[len(content_errors):])
    if errors:
        plural = "s" if len(errors) > 1 else ""
        print(f"\n✗ {len(errors)} erreur{plural} : rien ne sera publié tant qu'elle{plural} reste{'nt' if plural else ''}.",
              file=sys.stderr)
        return 1
    print(f"✓ Contenu valide ({counts}), vérifié à la date du {today.isoformat()}.")
    return 0


def _report_to_github(errors: list, strict_warnings: list) -> None:
    """Annotations on the pull request's lines and the run's summary page (GitHub Actions)."""
    import os

    from .editor.review import annotations, summary

    for line in annotations(errors + strict_warnings):
        print(line)
    summary_path = os.environ.get("GITHUB_STEP_SUMMARY")
    if summary_path:
        with open(summary_path, "a", encoding="utf-8") as handle:
            handle.write(summary(errors + strict_warnings))


def cmd_preview(args) -> int:
    from .editor.review import standalone_preview

    sources = [line.strip() for line in Path(args.liste).read_text(encoding="utf-8").splitlines() if line.strip()]
    text = standalone_preview(_root(args) / args.site, sources)
    if text is None:
        print("Aucune page de guide, de modèle ou d'atelier n'a changé : pas d'aperçu.")
        return 0
    Path(args.sortie).write_text(text, encoding="utf-8")
    print(f"✓ Aperçu écrit dans {args.sortie}")
    return 0


def cmd_new(args) -> int:
    from .scaffold import ScaffoldError, create

    root = _root(args)
    try:
        created = create(root, args.type, args.titre, build_date(), slug=args.adresse)
    except ScaffoldError as exc:
        print(f"✗ {exc}", file=sys.stderr)
        return 1
    print(f"✓ Fichier créé : {created.relative}")
    print("  Ouvrez-le, remplacez chaque « À COMPLÉTER » en suivant les commentaires, puis lancez")
    print("  « mitkb check » : il indique la ligne de chaque passage qui reste à compléter.")
    return 0


def _warn(warnings: list, strict: bool, what: str, prefix: str = "attention") -> list:
    """Print warnings; return them as errors when the strict option asks for it."""
    for warning in warnings:
        print(f"{prefix} : " + warning.format(), file=sys.stderr)
    if warnings and not strict:
        kind = "avertissement" if prefix == "attention" else "refusé avec --relecture-stricte"
        print(f"{len(warnings)} {what} ({kind}).", file=sys.stderr)
    return warnings if strict else []


def cmd_schemas(args) -> int:
    from .schemas import write_schemas

    written = write_schemas(_root(args))
    for path in written:
        print(f"écrit : {path}")
    return 0


def cmd_editor(args) -> int:
    from .editor import EditorAssetsError
    from .editor.server import EditorServerError, run

    if args.configuration:
        from .content import load_site
        from .editor import config_yaml, editor_config, github_backend
        from .publishing import resolve_publishing

        root = _root(args)
        site, _ = load_site(root)
        backend = github_backend(resolve_publishing(root).repository) or {"name": "github", "repo": ""}
        print(config_yaml(editor_config(site, backend)), end="")
        return 0
    try:
        return run(_root(args), args.port, build_date())
    except (EditorAssetsError, EditorServerError) as exc:
        print(f"✗ {exc}", file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"✗ Impossible d'écouter sur le port {args.port} : {exc.strerror}. Essayez --port.", file=sys.stderr)
        return 1


def cmd_export(args) -> int:
    from .export import export_markdown
    from .errors import ContentErrors

    try:
        count = export_markdown(_root(args), Path(args.dossier), build_date())
    except ContentErrors as exc:
        print(exc.report(), file=sys.stderr)
        return 1
    print(f"✓ {count} pages Markdown écrites dans {args.dossier}")
    return 0


def cmd_build(args) -> int:
    from .adapters.mkdocs_build import SiteBuildError, build_site

    root = _root(args)
    _configure_logging()

    def finish(site: Path) -> list[str]:
        return _index_search_while(root, site, lambda: _broken_links(site))

    try:
        build_site(root / "mkdocs.yml", root / args.dossier, strict=not args.non_strict, verify=finish,
                   isolated=True)
    except SiteBuildError as exc:
        print(f"\n✗ Construction refusée : {exc}\nLe site précédent ({args.dossier}/) est resté intact.", file=sys.stderr)
        return 1
    print(f"✓ Site construit dans {args.dossier}/ à la date du {build_date().isoformat()}.")
    return 0


def _index_search_while(root: Path, site: Path, meanwhile) -> list[str]:
    """Index the freshly built site for search (MkDocs has released its memory by then),
    Pagefind working in its own process while ``meanwhile`` (the link check) runs here:
    the problems of both, in French."""
    from .search import SearchIndexError, search_enabled, start_built_site_index

    if not search_enabled():
        return meanwhile()
    problems: list[str] = []
    indexing = None
    try:
        indexing = start_built_site_index(root, site)
    except SearchIndexError as exc:
        problems.append(f"Index de recherche : {exc}")
    try:
        others = meanwhile()
    finally:
        if indexing is not None:
            try:
                report = indexing.finish()
                print(f"INFO     Index de recherche : {report.pages} pages et {report.records} contacts "
                      f"en {report.seconds:.1f} s", file=sys.stderr)
            except SearchIndexError as exc:
                problems.append(f"Index de recherche : {exc}")
    return problems + others


def _broken_links(site: Path) -> list[str]:
    from .linkcheck import check_links

    broken = check_links(site).broken
    if not broken:
        return []
    return [f"{len(broken)} lien(s) cassé(s) dans le site construit :"] + [f"  {b.format()}" for b in broken]


def cmd_serve(args) -> int:
    from .static_server import make_server, serve_until_interrupted

    site = _root(args) / args.dossier
    if not (site / "index.html").is_file():
        print(f"✗ Pas de site construit dans {site} : lancez d'abord « mitkb build ».", file=sys.stderr)
        return 1
    try:
        server = make_server(site, port=args.port, quiet=False)
    except OSError as exc:
        print(f"✗ Impossible d'écouter sur le port {args.port} : {exc.strerror}. Essayez --port.", file=sys.stderr)
        return 1
    print(f"Site servi sur http://127.0.0.1:{server.server_address[1]}/ (Ctrl+C pour arrêter)", flush=True)
    serve_until_interrupted(server)
    return 0


def cmd_live(args) -> int:
    from .adapters.mkdocs_preview import MkDocsPreview
    from .preview.live import LivePreview
    from .preview.server import run_preview
    from .search import search_enabled

    import os

    from .pdf.publish import PDF_SWITCH

    root = _root(args)
    _configure_logging()
    # PDFs are printed by `mitkb build` only: they are added to pages after the build,
    # which the preview's page-by-page updates would undo.
    os.environ[PDF_SWITCH] = "0"
    site = root / ".cache" / "previsualisation"
    generator = MkDocsPreview(root / "mkdocs.yml", site)
    live = LivePreview(root, build_date(), generator, generator.settings())

    def index_search():
        session = generator.config.plugins["mitkb"].session
        session.index_search(site)
    try:
        run_preview(live, site, args.port, index_search if search_enabled() else None,
                    out=lambda line: print(line, flush=True))
    except OSError as exc:
        print(f"✗ Impossible d'écouter sur le port {args.port} : {exc.strerror}. Essayez --port.", file=sys.stderr)
        return 1
    finally:
        generator.close()
    return 0


def cmd_links(args) -> int:
    import tempfile

    from .adapters.mkdocs_build import SiteBuildError, build_site
    from .external_links import check_external, format_report
    from .linkcheck import check_links

    root = _root(args)
    with tempfile.TemporaryDirectory() as tmp:
        try:
            site = build_site(root / "mkdocs.yml", Path(tmp) / "site", strict=False)
        except SiteBuildError as exc:
            print(f"✗ Construction impossible : {exc}", file=sys.stderr)
            return 1
        report = check_links(site)
    for broken in report.broken:
        print(f"✗ {broken.format()}")
    results = check_external(list(report.external), root / ".cache" / "liens-externes.json", build_date())
    print(format_report(results, report.external))
    return 1 if report.broken else 0


def _configure_logging() -> None:
    from .adapters.mkdocs_build import configure_logging

    configure_logging()


class _FrenchHelpFormatter(argparse.HelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None):
        return super().add_usage(usage, actions, groups, "utilisation : " if prefix is None else prefix)


class _FrenchParser(argparse.ArgumentParser):
    """argparse with its fixed strings in French."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("formatter_class", _FrenchHelpFormatter)
        kwargs["add_help"] = False
        super().__init__(*args, **kwargs)
        self._positionals.title = "arguments"
        self._optionals.title = "options"
        self.add_argument("-h", "--help", action="help", help="afficher cette aide et quitter")

    def error(self, message):
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog} : erreur : {_french_argparse(message)}\n")


def _french_argparse(message: str) -> str:
    replacements = {
        "the following arguments are required": "arguments obligatoires manquants",
        "invalid choice": "choix invalide",
        "choose from": "choisir parmi",
        "unrecognized arguments": "arguments non reconnus",
        "expected one argument": "une valeur est attendue",
    }
    for english, french in replacements.items():
        message = message.replace(english, french)
    return message


def build_parser() -> argparse.ArgumentParser:
    parser = _FrenchParser(
        prog="mitkb",
        description="Base de connaissances de la MIT du Gers : vérifier et préparer le contenu.",
    )
    parser.add_argument("--racine", default=".", help="dossier du projet (par défaut : le dossier courant)")
    commands = parser.add_subparsers(dest="command", metavar="commande", parser_class=_FrenchParser,
                                     title="commandes")
    commands.required = True
    check = commands.add_parser("check", help="vérifier tout le contenu et les données (toutes les erreurs d'un coup)")
    check.add_argument(
        "--relecture-stricte", action="store_true",
        help="échouer aussi quand la date de prochaine relecture d'un contenu est dépassée",
    )
    check.add_argument(
        "--sigles-stricts", action="store_true",
        help="échouer aussi quand un sigle en majuscules est absent du glossaire (data/glossaire.yml)",
    )
    check.add_argument(
        "--sans-cache", action="store_true",
        help="tout relire sans réutiliser les vérifications précédentes (.cache/verification.pickle)",
    )
    check.add_argument(
        "--github", action="store_true",
        help="dans GitHub Actions : erreurs annotées sur leurs lignes et résumées sur la page de l'exécution",
    )
    check.set_defaults(func=cmd_check)
    new = commands.add_parser(
        "new", help="créer un guide, un modèle ou un compte rendu d'atelier à compléter",
        description="Crée le fichier YAML au bon endroit, avec chaque champ commenté.",
    )
    new.add_argument("type", metavar="type", help="methode, modele ou atelier")
    new.add_argument("titre", help="le titre, entre guillemets")
    new.add_argument("--adresse", help="nom du fichier (sans .yml) s'il ne doit pas venir du titre")
    new.set_defaults(func=cmd_new)
    schemas = commands.add_parser("schemas", help="régénérer les schémas JSON utilisés par les éditeurs (schemas/)")
    schemas.set_defaults(func=cmd_schemas)
    build = commands.add_parser("build", help="construire le site statique (strict : le moindre avertissement l'arrête)")
    build.add_argument("dossier", nargs="?", default="site", help="dossier de destination (par défaut : site)")
    build.add_argument("--non-strict", action="store_true", help="tolérer les avertissements (aperçu)")
    build.set_defaults(func=cmd_build)
    serve = commands.add_parser(
        "servir", help="servir le site construit comme un hébergeur le sert (compression gzip), pour le vérifier",
        description="Sert le dossier construit par « mitkb build » sur http://127.0.0.1:PORT, "
                    "recherche comprise. Ctrl+C pour arrêter.",
    )
    serve.add_argument("dossier", nargs="?", default="site", help="dossier du site construit (par défaut : site)")
    serve.add_argument("--port", type=int, default=8001, help="port (par défaut : 8001)")
    serve.set_defaults(func=cmd_serve)
    live = commands.add_parser(
        "previsualiser", help="aperçu du site qui se met à jour à chaque enregistrement (make serve)",
        description="Construit le site dans .cache/previsualisation/ et le sert sur http://127.0.0.1:PORT ; après "
                    "chaque modification de guides/, data/ ou docs/, seules les pages concernées sont recalculées et "
                    "la page ouverte se recharge. Les erreurs s'affichent dans le terminal et sur la page.",
    )
    live.add_argument("--port", type=int, default=8000, help="port (par défaut : 8000)")
    live.set_defaults(func=cmd_live)
    links = commands.add_parser(
        "links", help="vérifier les liens du site ; les liens externes sont testés si le réseau le permet"
    )
    links.set_defaults(func=cmd_links)
    editor = commands.add_parser(
        "editeur", help="ouvrir l'éditeur web sur les fichiers du dossier (sans GitHub), pour essayer ou tester",
        description="Sert l'éditeur (Decap CMS) sur http://127.0.0.1:PORT/edition/ ; ce qu'il enregistre est écrit "
                    "directement dans guides/ et data/. Ctrl+C pour arrêter.",
    )
    editor.add_argument("--port", type=int, default=8002, help="port (par défaut : 8002 ; 0 : un port libre)")
    editor.add_argument("--configuration", action="store_true",
                        help="afficher la configuration générée à partir des modèles (config.yml publié) et quitter")
    editor.set_defaults(func=cmd_editor)
    preview = commands.add_parser(
        "apercu", help="écrire un seul fichier HTML avec les pages des contenus modifiés (aperçu d'une demande de fusion)",
    )
    preview.add_argument("liste", help="fichier texte : les chemins des fichiers modifiés, un par ligne")
    preview.add_argument("--site", default="site", help="dossier du site construit (par défaut : site)")
    preview.add_argument("--sortie", default="apercu-des-pages-modifiees.html", help="fichier HTML à écrire")
    preview.set_defaults(func=cmd_preview)
    export = commands.add_parser("export", help="écrire les pages générées en Markdown dans un dossier")
    export.add_argument("dossier", help="dossier de destination")
    export.set_defaults(func=cmd_export)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except BuildDateError as exc:
        print(f"erreur : {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
