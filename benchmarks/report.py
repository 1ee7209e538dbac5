"""Turn the measurements into one table (printed) and benchmarks/RESULTS.md."""

from __future__ import annotations

from dataclasses import dataclass, field

from .corpus import CorpusSize
from .measure import DocumentRuns, SearchBytes, SiteStats, median

NA_SEARCH = "n/a (pas de recherche Pagefind)"

# Targets at the largest size (issue 6).
TARGET_BUILD_FLOOR = 2.5
TARGET_INDEX_FLOOR = 0.5
TARGET_SCALING_PER_DECADE = 11  # time(10 N) / time(N)
TARGET_MEDIAN_PAGE = 60_000  # bytes
TARGET_PEAK_MEMORY = 1_000_000_000  # bytes
TARGET_FIRST_SEARCH = 300_000  # bytes, issue 4


@dataclass
class SizeResult:
    """Everything measured for one corpus size."""

    size: CorpusSize
    markdown_pages: int = 0
    markdown_bytes: int = 0
    engine: list[float] = field(default_factory=list)
    floor: list[float] = field(default_factory=list)
    builds: list[float] = field(default_factory=list)
    peak_rss: list[int] = field(default_factory=list)
    stats: SiteStats | None = None
    indexing: list[float] = field(default_factory=list)
    indexing_error: str | None = None
    searches: list[SearchBytes] = field(default_factory=list)
    search_note: str = NA_SEARCH
    documents: DocumentRuns | None = None
    documents_in_build: bool = False
    rebuilds: list[float] = field(default_factory=list)
    rebuild_peak_rss: list[int] = field(default_factory=list)
    floor_cpu: list[float] = field(default_factory=list)
    builds_cpu: list[float] = field(default_factory=list)
    peak_tree_rss: list[int] = field(default_factory=list)
    rebuild_peak_tree_rss: list[int] = field(default_factory=list)
    rebuild_peak_tree_pss: list[int] = field(default_factory=list)
    indexing_how: str = ""
    findability: list[SearchBytes] = field(default_factory=list)  # tests/search/findability*.yml, compressed

    @property
    def build(self) -> float:
        return median(self.builds)

    @property
    def floor_time(self) -> float:
        return median(self.floor)

    @property
    def build_floor(self) -> float:
        return self.build / self.floor_time


def seconds(value: float) -> str:
    return f"{value:.2f} s" if value < 10 else f"{value:.1f} s"


def kilo(value: float) -> str:
    return f"{value / 1000:.1f} Ko"


def mega(value: float) -> str:
    return f"{value / 1_000_000:.1f} Mo"


def ratio(value: float) -> str:
    return f"{value:.2f}"


def _mark(ok: bool | None) -> str:
    return "" if ok is None else ("✓" if ok else "✗")


@dataclass
class Row:
    label: str
    values: list[str]
    target: str = ""
    ok: bool | None = None


def worst_search(result: SizeResult, compressed: bool) -> SearchBytes | None:
    runs = [run for run in result.searches if run.compressed == compressed]
    return max(runs, key=lambda run: run.bytes) if runs else None


def _search_cell(result: SizeResult, compressed: bool) -> str:
    found = worst_search(result, compressed)
    if found is None:
        return result.search_note
    return (f"{kilo(found.bytes)} (« {found.query} ») dont {kilo(found.index_bytes)} d'index "
            f"({found.requests} requêtes, {found.fragments} extraits)")


def _findability_cell(result: SizeResult) -> str:
    if not result.findability:
        return "n/a"
    found = max(result.findability, key=lambda run: run.bytes)
    return f"{kilo(found.bytes)} (« {found.query} ») dont {kilo(found.index_bytes)} d'index ({found.requests} requêtes)"


def _documents_cells(result: SizeResult) -> tuple[str, str, str]:
    runs = result.documents
    if runs is None or runs.error or not runs.cold:
        reason = runs.error if runs is not None and runs.error else "pas de documents"
        return f"n/a ({reason})", "n/a", "n/a"
    cold = f"{seconds(median(runs.cold))} ({runs.count} fichiers)"
    warm = seconds(median(runs.warm)) if runs.warm else "n/a"
    regenerated = str(max(runs.warm_generated)) if runs.warm_generated else "n/a"
    return cold, warm, regenerated


def build_rows(results: list[SizeResult]) -> list[Row]:
    last = results[-1]
    rows = [
        Row("Contenu généré", [f"{r.size.guides} guides, {r.size.templates} modèles, {r.size.workshops} ateliers"
                               for r in results]),
        Row("Pages Markdown converties (Mo de Markdown)",
            [f"{r.markdown_pages} ({mega(r.markdown_bytes)})" for r in results]),
    ]
    rows.append(Row("Construction du site (`mitkb build` sans index de recherche)", [seconds(r.build) for r in results]))
    rows.append(Row("Construction complète (`make site`, index compris) après modification d'un guide, "
                    "cache chaud", [seconds(median(r.rebuilds)) if r.rebuilds else "n/a" for r in results]))
    trees = [max(r.peak_tree_rss + r.rebuild_peak_tree_rss) for r in results]
    proportional = [max(r.rebuild_peak_tree_pss or [0]) for r in results]
    if all(proportional):
        rows.append(Row("Mémoire maximale d'une construction complète (tous processus à la fois, PSS)",
                        [mega(p) for p in proportional], f"≤ {mega(TARGET_PEAK_MEMORY)}",
                        proportional[-1] <= TARGET_PEAK_MEMORY))
        rows.append(Row("La même en additionnant les RSS (compte deux fois ce qu'une copie du processus partage)",
                        [mega(p) for p in trees]))
    else:
        rows.append(Row("Mémoire maximale d'une construction complète (tous processus à la fois)",
                        [mega(p) for p in trees], f"≤ {mega(TARGET_PEAK_MEMORY)}", trees[-1] <= TARGET_PEAK_MEMORY))
    rows.append(Row("dont plus gros processus seul (sans index / avec index)",
                    [f"{mega(max(r.peak_rss))} / {mega(max(r.rebuild_peak_rss))}" for r in results]))
    rows.append(Row("Plancher Markdown (Python-Markdown seul)", [seconds(r.floor_time) for r in results]))
    rows.append(Row("Construction / plancher", [ratio(r.build_floor) for r in results],
                    f"≤ {TARGET_BUILD_FLOOR}", last.build_floor <= TARGET_BUILD_FLOOR))
    rows.append(Row("Construction / plancher, en temps CPU (moins sensible à la charge)",
                    [ratio(median(r.builds_cpu) / median(r.floor_cpu)) for r in results]))
    rows.append(Row("dont moteur mitkb (chargement, validation, pages Markdown)",
                    [seconds(median(r.engine)) for r in results]))
    if len(results) > 1:
        first = results[0]
        factor = last.size.guides / first.size.guides
        target = TARGET_SCALING_PER_DECADE * factor / 10
        scaling = last.build / first.build
        rows.append(Row(f"Échelle : temps({last.size.guides}) / temps({first.size.guides})",
                        ["—"] * (len(results) - 1) + [ratio(scaling)], f"≤ {target:g}", scaling <= target))
        floor_scaling = last.floor_time / first.floor_time
        rows.append(Row("Échelle du plancher Markdown (pour comparaison)",
                        ["—"] * (len(results) - 1) + [ratio(floor_scaling)]))
    rows.append(Row("Pages HTML", [str(r.stats.pages) for r in results]))
    rows.append(Row("Taille totale de site/", [mega(r.stats.total_bytes) for r in results]))
    rows.append(Row("Page HTML médiane", [kilo(r.stats.median_page) for r in results],
                    f"≤ {kilo(TARGET_MEDIAN_PAGE)}", last.stats.median_page <= TARGET_MEDIAN_PAGE))
    rows.append(Row("Plus grande page HTML", [f"{kilo(r.stats.largest_page)} ({r.stats.largest_path})"
                                              for r in results]))
    queries = len({run.query for run in last.searches})
    worst = worst_search(last, compressed=True)
    rows.append(Row(f"Octets d'une première recherche, la plus coûteuse de {queries or 'n/a'} requêtes "
                    "(Chromium ; texte compressé par gzip, comme le sert un hébergeur)",
                    [_search_cell(r, True) for r in results], f"≤ {kilo(TARGET_FIRST_SEARCH)}",
                    None if worst is None else worst.bytes <= TARGET_FIRST_SEARCH))
    rows.append(Row("La même, fichiers servis sans compression (pour comparaison)",
                    [_search_cell(r, False) for r in results]))
    if any(r.findability for r in results):
        worst_set = max(last.findability, key=lambda run: run.bytes) if last.findability else None
        count = len({run.query for run in last.findability})
        rows.append(Row(f"Première recherche, la plus coûteuse du jeu de trouvabilité ({count} requêtes de "
                        "tests/search/findability*.yml, compressé)",
                        [_findability_cell(r) for r in results], f"≤ {kilo(TARGET_FIRST_SEARCH)}",
                        None if worst_set is None else worst_set.bytes <= TARGET_FIRST_SEARCH))
    if all(r.indexing for r in results):
        rows.append(Row("Indexation de la recherche (Pagefind)", [seconds(median(r.indexing)) for r in results]))
        index_ratio = median(last.indexing) / last.floor_time
        rows.append(Row("Indexation de la recherche / plancher",
                        [ratio(median(r.indexing) / r.floor_time) for r in results],
                        f"≤ {TARGET_INDEX_FLOOR}", index_ratio <= TARGET_INDEX_FLOOR))
    else:
        reason = next((r.indexing_error for r in results if r.indexing_error), "non mesurée")
        rows.append(Row("Indexation de la recherche / plancher", [f"n/a ({reason})"] * len(results),
                        f"≤ {TARGET_INDEX_FLOOR}"))
    cells = [_documents_cells(r) for r in results]
    rows.append(Row("Documents à télécharger, cache froid", [c[0] for c in cells]))
    rows.append(Row("Documents à télécharger, cache chaud", [c[1] for c in cells]))
    warm_ok = None
    if cells[-1][2] != "n/a":
        warm_ok = cells[-1][2] == "0"
    rows.append(Row("Documents régénérés avec le cache chaud", [c[2] for c in cells], "0", warm_ok))
    return rows


def markdown_table(results: list[SizeResult], repeat: int) -> str:
    rows = build_rows(results)
    headers = [f"Mesure (médiane de {repeat})"] + [f"N = {r.size.guides}" for r in results] + [
        f"Cible à N = {results[-1].size.guides}", "Atteinte"]
    lines = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    for row in rows:
        cells = [row.label] + [v.replace("|", "\\|") for v in row.values] + [row.target, _mark(row.ok)]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def missed_targets(results: list[SizeResult]) -> list[str]:
    return [row.label for row in build_rows(results) if row.ok is False]


def _searches_by_query(result: SizeResult) -> dict[str, dict[bool, int]]:
    table: dict[str, dict[bool, int]] = {}
    for run in result.searches:
        table.setdefault(run.query, {True: 0, False: 0})[run.compressed] = run.bytes
    return table


def raw_runs(results: list[SizeResult]) -> str:
    lines = []
    for r in results:
        fmt = lambda values: ", ".join(f"{v:.2f}" for v in values) or "—"
        lines.append(f"- N = {r.size.guides} : construction [{fmt(r.builds)}] s ; "
                     f"plancher [{fmt(r.floor)}] s ; moteur [{fmt(r.engine)}] s ; "
                     f"indexation [{fmt(r.indexing)}] s ; construction complète après modification "
                     f"[{fmt(r.rebuilds)}] s ; CPU construction [{fmt(r.builds_cpu)}] s, plancher "
                     f"[{fmt(r.floor_cpu)}] s ; mémoire (plus gros processus) "
                     f"[{', '.join(mega(v) for v in r.peak_rss + r.rebuild_peak_rss)}], (arbre de processus) "
                     f"[{', '.join(mega(v) for v in r.peak_tree_rss + r.rebuild_peak_tree_rss)}], "
                     f"(arbre de processus, PSS, constructions complètes) "
                     f"[{', '.join(mega(v) for v in r.rebuild_peak_tree_pss)}]")
        if r.searches:
            lines.append("  première recherche (Ko, compressé / sans compression) : " + " ; ".join(
                f"« {query} » {kilo(by_mode[True])} / {kilo(by_mode[False])}"
                for query, by_mode in _searches_by_query(r).items()))
        if r.documents and r.documents.cold:
            lines.append(f"  documents : froid [{fmt(r.documents.cold)}] s, chaud [{fmt(r.documents.warm)}] s, "
                         f"régénérés à chaud {r.documents.warm_generated}")
    return "\n".join(lines)


def results_markdown(results: list[SizeResult], machine: list[tuple[str, str]], repeat: int, notes: list[str],
                     command: str) -> str:
    machine_lines = "\n".join(f"| {key} | {value} |" for key, value in machine)
    note_lines = "\n".join(f"- {note}" for note in notes)
    return f"""# Banc d'essai : construction du site à grande échelle

Produit par `{command}` (cible `make bench`). Ne pas modifier à la main : relancer le banc d'essai.

## Machine

| | |
|---|---|
{machine_lines}

## Résultats

{markdown_table(results, repeat)}

Ko et Mo : 1 000 et 1 000 000 octets. « Atteinte » juge la plus grande taille mesurée.

## Méthode

- Corpus synthétique mais valide (`benchmarks/corpus.py`) : N guides, 0,6 N modèles et 0,2 N ateliers,
  en français, de la taille des vrais contenus (environ 9 Ko de YAML par guide), répartis sur les domaines
  et thèmes de `data/domaines.yml`, avec des renvois croisés et les macros `seuil`, `chiffre` et `champ`.
  Le projet généré reprend `mkdocs.yml`, `docs/`, `overrides/`, `macros/`, `data/` et les contenus réels
  de `guides/` (les pages de `docs/` y renvoient) : N compte ces contenus réels.
- Construction : `python -m mitkb.cli build` (l'équivalent de `make site`, mode strict) dans un
  sous-processus, sans puis avec l'index de recherche ; temps écoulé, temps CPU et mémoire : celle du
  plus gros processus (`os.wait4`) et la somme de tout l'arbre de processus à un même instant (relevée
  toutes les 0,1 s dans /proc), car Pagefind tourne pendant que le processus MkDocs reste en mémoire.
  La cible se juge sur la somme des PSS (`/proc/<pid>/smaps_rollup`, relevée pendant les constructions
  complètes seulement : sa lecture coûte quelques millisecondes) : la copie du processus qui rend la
  moitié des pages (`mitkb.adapters.mkdocs_parallel`) partage la mémoire de la construction, que la somme
  des RSS compterait deux fois.
  Le projet généré est un dépôt git (dates de dernière modification) et les réglages de publication
  sont donnés (liens « Modifier », flux RSS), comme en production.
- Plancher Markdown : Python-Markdown seul, avec les extensions de `mkdocs.yml` (dont celles que MkDocs
  ajoute toujours), convertit dans ce même processus le Markdown des pages générées par le moteur
  (`PageRenderer`) et des pages de `docs/`, en-têtes YAML retirés.
- Indexation : l'indexeur du moteur (`mitkb.search.index_site`, Pagefind par son paquet Python) sur le
  site construit, ou à défaut `python -m pagefind --site site/`.
- Première recherche : Chromium (Playwright) ouvre l'accueil servi en local, puis on compte les octets
  reçus entre la saisie d'une requête dans la zone de recherche et la fin des échanges réseau ; chaque
  requête type dans un navigateur neuf, le site servi compressé (comme par un hébergeur) puis sans
  compression ; le tableau donne la plus coûteuse.
- Documents : `mitkb.documents.generate_documents` avec le cache du projet vidé (froid), puis
  aussitôt relancé (chaud).
- Construction complète : un guide modifié (son « en bref »), puis `mitkb build` tel quel, caches chauds.

## Remarques

{note_lines}

## Mesures brutes

{raw_runs(results)}
"""
