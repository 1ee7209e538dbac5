"""Benchmark the site build at scale and write benchmarks/RESULTS.md.

    python -m benchmarks.run                       # N = 100 and 1 000 guides, 3 runs each
    python -m benchmarks.run --sizes 5 --repeat 1 --output /tmp/RESULTS.md

For each N: generate a synthetic project (benchmarks/corpus.py), time the engine
and the Markdown floor in this process, build the site in a subprocess (wall time,
peak memory), measure the built site, index it with Pagefind, measure a first
search in Chromium when the site has a Pagefind search, time the downloadable
documents (cold and warm cache) when the engine makes them, and time a rebuild
after editing one guide. Then the preview (benchmarks/preview.py): edit to page
served, and `mitkb check` after one edit.
"""

from __future__ import annotations

import argparse
import contextlib
import shutil
import sys
import time
from pathlib import Path

if __package__ in (None, ""):  # run as a script: python benchmarks/run.py
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks import measure
from benchmarks.corpus import commit_project, edit_one_guide, generate_project
from benchmarks.machine import describe_machine, load_average
from benchmarks.preview import bench_preview
from benchmarks.preview import markdown as preview_markdown
from benchmarks.search_queries import findability_queries, measure_queries
from benchmarks.report import (
    SizeResult,
    markdown_table,
    missed_targets,
    results_markdown,
)

DEFAULT_OUTPUT = Path(__file__).resolve().parent / "RESULTS.md"
CHROMIUM_CANDIDATES = ("/usr/bin/chromium", "/usr/bin/chromium-browser")


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def find_chromium() -> str | None:
    for candidate in CHROMIUM_CANDIDATES:
        if Path(candidate).exists():
            return candidate
    return shutil.which("chromium")


def bench_size(n_guides: int, work: Path, repeat: int, chromium: str | None, cold_document_runs: int,
               queries: tuple[str, ...] = measure.SEARCH_QUERIES, findability: tuple[str, ...] = ()) -> SizeResult:
    folder = work / f"n{n_guides}"
    project, site, logs = folder / "projet", folder / "site", folder / "journaux"
    log(f"N = {n_guides} : génération du corpus")
    size = generate_project(n_guides, project)
    commit_project(project)
    result = SizeResult(size)

    log(f"N = {n_guides} : moteur (1 fois) et plancher Markdown ({repeat} fois)")
    engine = measure.engine_run(project)
    result.engine.append(engine.seconds)
    result.markdown_pages = len(engine.texts)
    result.markdown_bytes = sum(len(text.encode("utf-8")) for text in engine.texts)
    for _ in range(repeat):
        wall, cpu = measure.markdown_floor(engine.texts, project / "mkdocs.yml")
        result.floor.append(wall)
        result.floor_cpu.append(cpu)

    if measure.documents_api() is not None:
        log(f"N = {n_guides} : documents à télécharger (froid {cold_document_runs} fois, chaud {repeat} fois)")
        result.documents = measure.measure_documents(project, engine.result.site, cold_document_runs, repeat)
        if result.documents.error:
            log(f"  documents : {result.documents.error}")
    del engine

    for index in range(repeat):
        log(f"N = {n_guides} : construction sans index de recherche {index + 1}/{repeat}")
        run = measure.build_site(project, site, logs / f"construction-{index + 1}.log", index_search=False)
        result.builds.append(run.seconds)
        result.builds_cpu.append(run.cpu_seconds)
        result.peak_rss.append(run.peak_rss)
        result.peak_tree_rss.append(run.peak_tree_rss)
    # The complete build (`make site`, search index included) is measured after editing one
    # guide each time: the engine has no incremental build, so this is both the `make site`
    # time and the time to publish an edit, with the document cache warm.
    for index in range(repeat):
        log(f"N = {n_guides} : un guide modifié, puis construction complète (make site) {index + 1}/{repeat}")
        edit_one_guide(project, index + 1)
        run = measure.build_site(project, site, logs / f"construction-complete-{index + 1}.log", proportional=True)
        result.rebuilds.append(run.seconds)
        result.rebuild_peak_rss.append(run.peak_rss)
        result.rebuild_peak_tree_rss.append(run.peak_tree_rss)
        result.rebuild_peak_tree_pss.append(run.peak_tree_pss)
    result.stats = measure.site_stats(site)
    result.documents_in_build = result.stats.has_downloads

    log(f"N = {n_guides} : indexation de la recherche ({repeat} fois)")
    try:
        for index in range(repeat):
            seconds, result.indexing_how = measure.pagefind_index(site, project, logs / f"pagefind-{index + 1}.log")
            result.indexing.append(seconds)
    except Exception as exc:  # noqa: BLE001 - reported in the table, the other numbers still count
        result.indexing_error = f"{type(exc).__name__} : {str(exc).splitlines()[0] if str(exc) else ''}"[:120]
        result.indexing.clear()

    if not (site / "pagefind").is_dir():
        result.search_note = "n/a (pas de recherche Pagefind)"
    elif chromium is None:
        result.search_note = "n/a (Chromium absent)"
    else:
        log(f"N = {n_guides} : première recherche dans Chromium")
        try:
            result.searches = measure.first_searches(site, chromium, queries)
            if findability:
                log(f"N = {n_guides} : {len(findability)} requêtes du jeu de trouvabilité dans Chromium")
                result.findability = measure_queries(site, chromium, list(findability))
        except Exception as exc:  # noqa: BLE001 - report it, keep the other numbers
            result.search_note = f"n/a (échec : {type(exc).__name__})"
            log(f"  recherche : {exc}")
    return result


def notes_for(results: list[SizeResult], repeat: int, cold_document_runs: int) -> list[str]:
    last = results[-1]
    notes = [(f"Chaque temps est la médiane de {repeat} exécutions (le moteur seul : 1) ; les documents à froid, "
              f"de {cold_document_runs}.")]
    notes.append(f"« Construction du site » tourne avec {measure.SEARCH_SWITCH}=0, sans index de recherche, comme la "
                 "cible le demande ; l'indexation a sa propre ligne. « Construction complète » est `make site` tel "
                 "quel, index compris, lancé chaque fois après la modification d'un guide : le moteur n'ayant pas de "
                 "construction incrémentale, c'est à la fois le temps de `make site` et celui de la publication "
                 "d'une modification, caches chauds.")
    notes.append("Les constructions tournent sans les PDF des guides et comptes rendus (MITKB_PDF=0) : "
                 "leur étape est mesurée à part, cache froid et chaud (`python -m benchmarks.pdf`, "
                 "benchmarks/RESULTS-PDF.md).")
    if last.indexing_how:
        notes.append(f"Indexation mesurée avec {last.indexing_how}.")
    if not last.stats.has_pagefind:
        notes.append("Le site construit n'a pas de recherche Pagefind (dossier /pagefind/ absent) : "
                     "la première recherche est « n/a ».")
    if last.documents_in_build:
        notes.append("Chaque construction produit aussi les documents à télécharger ; elle trouve le cache du "
                     "projet déjà chaud (rempli par la mesure « cache froid »), comme sur un poste ou une CI qui "
                     "le garde : elle ne paie que la préparation et la lecture des documents.")
    elif last.documents is None:
        notes.append("Pas encore de génération de documents (module `mitkb.documents` absent) : lignes « n/a ».")
    if last.searches:
        first = last.searches[0]
        queries = list(dict.fromkeys(run.query for run in last.searches))
        notes.append(f"Première recherche : chaque requête ({', '.join('« ' + q + ' »' for q in queries)}) "
                     f"dans un navigateur neuf, {first.how.replace('« ' + first.query + ' »', 'la requête')} ; "
                     f"page d'arrivée du type {first.final_url}. Sont comptés tous les octets reçus (en-têtes "
                     "compris) de la saisie jusqu'au calme du réseau : page de résultats, scripts, WebAssembly, "
                     "morceaux d'index et extraits. « Compressé » : le site servi par `mitkb servir`, qui "
                     "compresse le texte (HTML, CSS, JS, JSON) comme GitHub Pages et tout hébergeur courant ; "
                     "les fichiers d'index de Pagefind sont déjà compressés et passent tels quels.")
    return notes


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.run", description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000], help="nombres de guides (défaut : 100 1000)")
    parser.add_argument("--repeat", type=int, default=3, help="exécutions par mesure, on garde la médiane (défaut : 3)")
    parser.add_argument("--cold-document-runs", type=int, default=1,
                        help="générations de documents à froid par taille (coûteuses ; défaut : 1)")
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT, help="fichier Markdown des résultats")
    parser.add_argument("--work-dir", type=Path, help="dossier de travail gardé après la mesure (défaut : temporaire)")
    parser.add_argument("--search-queries", nargs="+", default=list(measure.SEARCH_QUERIES),
                        help="premières recherches mesurées dans Chromium (défaut : six requêtes types)")
    parser.add_argument("--findability-queries", nargs="*", default=None,
                        help="premières recherches du jeu de trouvabilité, compressées (défaut : toutes celles de "
                             "tests/search/findability*.yml ; sans valeur : aucune)")
    parser.add_argument("--no-browser", action="store_true", help="ne pas mesurer la recherche dans Chromium")
    parser.add_argument("--check-targets", action="store_true", help="code de sortie 1 si une cible est manquée")
    args = parser.parse_args(argv)

    chromium = None if args.no_browser else find_chromium()
    started = time.perf_counter()
    load_before = load_average()
    stack = contextlib.ExitStack()
    try:
        work = stack.enter_context(measure.work_folder(args.work_dir, "mitkb-bench-"))
        results = [
            bench_size(n, work, args.repeat, chromium, args.cold_document_runs, tuple(args.search_queries),
                       tuple(findability_queries() if args.findability_queries is None else args.findability_queries))
            for n in sorted(set(args.sizes))
        ]
        # Edit to preview (make serve) and `mitkb check` after one edit, on the same projects.
        previews = [bench_preview(work / f"n{n}" / "projet", result.size.guides, args.repeat)
                    for n, result in zip(sorted(set(args.sizes)), results)]
    except measure.StepFailed as exc:
        log(f"✗ {exc}")
        return 1
    finally:
        stack.close()
    command = "python -m benchmarks.run " + " ".join(argv if argv is not None else sys.argv[1:])
    machine = describe_machine(chromium) + [
        ("Charge moyenne 1 / 5 / 15 min (début → fin)", f"{load_before} → {load_average()}"),
        ("Durée du banc d'essai", f"{time.perf_counter() - started:.0f} s"),
    ]
    text = results_markdown(results, machine, args.repeat,
                            notes_for(results, args.repeat, args.cold_document_runs), command.strip())
    text += "\n" + preview_markdown(previews, args.repeat)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(text, encoding="utf-8")
    print(markdown_table(results, args.repeat))
    log(f"Résultats écrits dans {args.output} ({time.perf_counter() - started:.0f} s au total)")
    missed = missed_targets(results)
    if missed:
        log("Cibles manquées : " + " ; ".join(missed))
    return 1 if (missed and args.check_targets) else 0


if __name__ == "__main__":
    sys.exit(main())
