"""First-query transfer of every findability query, at scale: the search part of the benchmark alone.

    python -m benchmarks.search_queries                  # N = 1 000 guides, writes benchmarks/RECHERCHE.md
    python -m benchmarks.search_queries --size 100 --output /tmp/RECHERCHE.md
    python -m benchmarks.search_queries --requete "station epuration" --detail   # one query, each response

Generates the synthetic project (benchmarks/corpus.py), builds it once with its search
index, then measures each query as a first search in a fresh Chromium, the site served
compressed as a host serves it (benchmarks/measure.first_search_bytes): the six
queries of `make bench` and every query of tests/search/findability*.yml, as maires and
secretaries type them. Prints each query's bytes and the worst, against the budget.
"""

from __future__ import annotations

import argparse
import contextlib
import sys
import time
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import yaml  # noqa: E402

from benchmarks import measure  # noqa: E402
from benchmarks.corpus import commit_project, generate_project  # noqa: E402
from benchmarks.machine import load_average  # noqa: E402
from benchmarks.report import TARGET_FIRST_SEARCH, kilo  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUTPUT = Path(__file__).resolve().parent / "RECHERCHE.md"


def findability_queries(root: Path = ROOT) -> list[str]:
    """The queries of every tests/search/findability*.yml file, in order, once each."""
    queries: list[str] = []
    for path in sorted((root / "tests" / "search").glob("findability*.yml")):
        for entry in yaml.safe_load(path.read_text(encoding="utf-8")) or []:
            queries.append(entry["requete"])
    return list(dict.fromkeys(queries))


def measure_queries(site: Path, chromium: str, queries: list[str]) -> list[measure.SearchBytes]:
    """Each query as a first search, in a fresh browser, served compressed."""
    return [measure.first_search_bytes(site, chromium, query, compressed=True) for query in queries]


# What each response of a first search is, from its path (Pagefind's bundle names them so).
PARTS = (
    ("pagefind/pagefind.js", "script Pagefind"),
    ("pagefind/pagefind-entry.json", "entrée Pagefind"),
    ("pagefind/wasm.", "WebAssembly"),
    ("pagefind/pagefind.", "métadonnées de l'index"),
    ("pagefind/index/", "index (mots)"),
    ("pagefind/filter/", "filtres"),
    ("pagefind/fragment/", "extraits"),
    ("recherche-aide.json", "aide (recherche-aide.json)"),
)


def part_of(path: str) -> str:
    path = path.split("?", 1)[0]
    for marker, name in PARTS:
        if marker in path:
            return name
    return "page et autres fichiers"


def breakdown(run: measure.SearchBytes) -> list[tuple[str, int, int]]:
    """(part, bytes, responses) of a first search, largest part first."""
    parts: dict[str, list[int]] = {}
    for path, size in run.responses:
        entry = parts.setdefault(part_of(path), [0, 0])
        entry[0] += size
        entry[1] += 1
    return sorted(((name, size, count) for name, (size, count) in parts.items()), key=lambda p: -p[1])


def worst(runs: list[measure.SearchBytes]) -> measure.SearchBytes | None:
    return max(runs, key=lambda run: run.bytes) if runs else None


def report(runs: list[measure.SearchBytes], guides: int, findability: set[str], load: str, seconds: float) -> str:
    top = worst(runs)
    set_worst = worst([run for run in runs if run.query in findability])
    verdict = "✓" if top and top.bytes <= TARGET_FIRST_SEARCH else "✗"
    lines = [
        "# Banc d'essai : octets d'une première recherche, requête par requête",
        "",
        f"Produit par `python -m benchmarks.search_queries --size {guides}`. Ne pas modifier à la main.",
        "",
        f"N = {guides} guides ; charge moyenne (début → fin) {load} ; {seconds:.0f} s au total.",
        "Chaque requête dans un navigateur neuf (Chromium), saisie dans la zone de recherche de l'accueil, "
        "site servi compressé comme par un hébergeur ; octets reçus (en-têtes compris) de la saisie au calme "
        "du réseau. Les requêtes : les six de `make bench`, puis celles de tests/search/findability*.yml.",
        "",
        f"- Requête la plus coûteuse : **{kilo(top.bytes)}** (« {top.query} »), cible ≤ {kilo(TARGET_FIRST_SEARCH)} "
        f"{verdict}" if top else "- aucune mesure",
    ]
    if set_worst:
        lines.append(f"- La plus coûteuse du jeu de trouvabilité ({len(findability)} requêtes) : "
                     f"**{kilo(set_worst.bytes)}** (« {set_worst.query} »)")
    lines += ["", "| Requête | Octets | dont index | Requêtes HTTP | Extraits |", "|---|---|---|---|---|"]
    for run in sorted(runs, key=lambda r: -r.bytes):
        lines.append(f"| « {run.query} » | {kilo(run.bytes)} | {kilo(run.index_bytes)} | {run.requests} | "
                     f"{run.fragments} |")
    if top and top.responses:
        lines += ["", f"Où vont les octets de la plus coûteuse (« {top.query} ») :", "",
                  "| Partie | Octets | Réponses |", "|---|---|---|"]
        lines += [f"| {name} | {kilo(size)} | {count} |" for name, size, count in breakdown(top)]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    from benchmarks.run import find_chromium, log

    parser = argparse.ArgumentParser(prog="python -m benchmarks.search_queries", description=__doc__.split("\n")[0])
    parser.add_argument("--size", type=int, default=1000, help="nombre de guides (défaut : 1000)")
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT, help="fichier Markdown des résultats")
    parser.add_argument("--work-dir", type=Path, help="dossier de travail gardé (défaut : temporaire)")
    parser.add_argument("--keep-project", action="store_true",
                        help="garder le projet déjà généré dans --work-dir (et son cache de documents)")
    parser.add_argument("--requete", action="append", default=[], metavar="TEXTE",
                        help="mesurer seulement cette requête (option répétable)")
    parser.add_argument("--detail", action="store_true",
                        help="afficher chaque réponse reçue (chemin et octets) de chaque requête")
    parser.add_argument("--check-targets", action="store_true", help="code de sortie 1 si la cible est manquée")
    args = parser.parse_args(argv)
    chromium = find_chromium()
    if chromium is None:
        log("Chromium introuvable : la mesure a besoin d'un navigateur.")
        return 1
    started = time.perf_counter()
    load_before = load_average()
    stack = contextlib.ExitStack()
    try:
        work = stack.enter_context(measure.work_folder(args.work_dir, "mitkb-recherche-"))
        project, site = work / "projet", work / "site"
        if not (args.keep_project and (project / "mkdocs.yml").is_file()):
            log(f"N = {args.size} : génération du corpus")
            generate_project(args.size, project)
            commit_project(project)
        log(f"N = {args.size} : construction avec l'index de recherche")
        measure.build_site(project, site, work / "construction.log")
        findability = findability_queries()
        queries = args.requete or list(dict.fromkeys([*measure.SEARCH_QUERIES, *findability]))
        log(f"N = {args.size} : {len(queries)} premières recherches dans Chromium")
        runs = measure_queries(site, chromium, queries)
    except measure.StepFailed as exc:
        log(f"✗ {exc}")
        return 1
    finally:
        stack.close()
    text = report(runs, args.size, set(findability), f"{load_before} → {load_average()}",
                  time.perf_counter() - started)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(text, encoding="utf-8")
    print(text)
    if args.detail:
        for run in runs:
            print(f"\n« {run.query} » : {kilo(run.bytes)}")
            for path, size in run.responses:
                print(f"  {size:>8}  {path}")
    top = worst(runs)
    return 1 if args.check_targets and top is not None and top.bytes > TARGET_FIRST_SEARCH else 0


if __name__ == "__main__":
    sys.exit(main())
