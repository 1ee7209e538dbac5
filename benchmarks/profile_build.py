"""Where does the build time go? Time MkDocs phases and plugin events, then cProfile.

    python -m benchmarks.profile_build --guides 1000 --output /tmp/profil.txt

Builds a synthetic project (benchmarks/corpus.py) in this process through the
`mitkb build` command, twice: once with wall-clock timers around every plugin
event and the main MkDocs phases (cheap, accurate), once under cProfile (top
functions by own and cumulative time; the .prof file is kept for snakeviz).
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import sys
import tempfile
import time
from collections import defaultdict
from contextlib import contextmanager
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.corpus import commit_project, copy_project_parts, generate_project
from benchmarks.measure import BUILD_DATE, PUBLISHING_ENV

# Functions worth a line of their own, patched where they are looked up at call
# time: (module or class, attribute, label). Missing ones are skipped.
PHASES = [
    ("mitkb.adapters.mkdocs_build", "load_config", "chargement de mkdocs.yml (plugins compris)"),
    ("mitkb.adapters.mkdocs_build", "build", "construction MkDocs (tout, sauf la vérification finale)"),
    ("mkdocs.commands.build", "get_files", "inventaire de docs/"),
    ("mkdocs.commands.build", "get_navigation", "navigation (structure)"),
    ("mkdocs.commands.build", "_populate_page", "lecture + Markdown de chaque page (événements compris)"),
    ("mkdocs.structure.pages.Page", "render", "  dont Python-Markdown (Page.render)"),
    ("mkdocs.commands.build", "_build_page", "gabarit HTML + écriture de chaque page (événements compris)"),
    ("mkdocs.commands.build", "_build_theme_template", "gabarits du thème (404, sitemap)"),
    ("mkdocs.structure.files.Files", "copy_static_files", "copie des fichiers statiques"),
    ("mitkb.cli", "_broken_links", "vérification finale du site construit (mitkb)"),
]


class Timers:
    def __init__(self) -> None:
        self.total: dict[str, float] = defaultdict(float)
        self.calls: dict[str, int] = defaultdict(int)

    def wrap(self, label: str, function):
        def timed(*args, **kwargs):
            start = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                self.total[label] += time.perf_counter() - start
                self.calls[label] += 1

        timed.__wrapped__ = function
        return timed


def _resolve(path: str):
    import importlib

    parts = path.split(".")
    for cut in range(len(parts), 0, -1):
        try:
            owner = importlib.import_module(".".join(parts[:cut]))
        except ImportError:
            continue
        for name in parts[cut:]:
            owner = getattr(owner, name)
        return owner
    raise ImportError(path)


@contextmanager
def instrumented(timers: Timers):
    """Timers around plugin events (per plugin) and the MkDocs phases, removed afterwards."""
    from mkdocs.plugins import PluginCollection

    patched = []
    original_run_event = PluginCollection.run_event

    def run_event(self, name, item=None, **kwargs):
        pass_item = item is not None
        for method in self.events[name]:
            plugin = self._event_origins.get(method, "?")
            label = f"on_{name} [{plugin}]"
            self._current_plugin = plugin  # File.generated() reads it
            start = time.perf_counter()
            result = method(item, **kwargs) if pass_item else method(**kwargs)
            timers.total[label] += time.perf_counter() - start
            timers.calls[label] += 1
            if result is not None:
                item = result
        self._current_plugin = None
        return item

    PluginCollection.run_event = run_event
    for module, attribute, label in PHASES:
        try:
            owner = _resolve(module)
            original = getattr(owner, attribute)
        except (ImportError, AttributeError):
            continue
        setattr(owner, attribute, timers.wrap(label, original))
        patched.append((owner, attribute, original))
    try:
        yield
    finally:
        PluginCollection.run_event = original_run_event
        for owner, attribute, original in reversed(patched):
            setattr(owner, attribute, original)


def build_once(project: Path, destination: Path) -> float:
    """`mitkb build`, with MkDocs in this process (the CLI runs it in a child
    process, which cProfile and the event timers would not see)."""
    from mitkb.adapters import mkdocs_build
    from mitkb.cli import main

    start = time.perf_counter()
    def build_here_without_index(config_file, site_dir, strict):
        previous = os.environ.get("MITKB_INDEX_SEARCH")
        os.environ["MITKB_INDEX_SEARCH"] = "0"  # as in the child: the CLI indexes afterwards
        try:
            mkdocs_build._build_here(config_file, site_dir, strict)
        finally:
            if previous is None:
                os.environ.pop("MITKB_INDEX_SEARCH")
            else:
                os.environ["MITKB_INDEX_SEARCH"] = previous

    original = mkdocs_build._build_in_child
    mkdocs_build._build_in_child = build_here_without_index
    try:
        code = main(["--racine", str(project), "build", str(destination)])
    finally:
        mkdocs_build._build_in_child = original
    if code != 0:
        raise SystemExit(f"la construction a échoué (code {code})")
    return time.perf_counter() - start


def report(timers: Timers, wall: float, profile_text: str, guides: int, command: str) -> str:
    import datetime as dt

    from benchmarks.machine import load_average

    search = "sans" if os.environ.get("MITKB_INDEX_SEARCH") == "0" else "avec"
    lines = [f"# Profil de la construction, N = {guides} guides ({search} index de recherche)", "",
             (f"Produit par `{command}` le {dt.datetime.now().astimezone():%Y-%m-%d %H:%M %Z} "
              f"(charge moyenne 1 / 5 / 15 min à la fin : {load_average()}). Machine : voir RESULTS.md."), "",
             f"Construction chronométrée (sans cProfile) : {wall:.2f} s", "",
             "## Phases MkDocs et événements des plugins (temps inclusifs, s)", "",
             "| Étape | s | % | appels |", "|---|---:|---:|---:|"]
    for label, seconds in sorted(timers.total.items(), key=lambda kv: -kv[1]):
        if seconds < 0.005:
            continue
        lines.append(f"| {label} | {seconds:.2f} | {100 * seconds / wall:.0f} | {timers.calls[label]} |")
    lines += ["", ("Les événements de page (on_page_*, on_post_page…) sont comptés aussi dans les phases qui "
                   "les contiennent."), "", "## cProfile", "", "```", profile_text.rstrip(), "```", ""]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.profile_build", description=__doc__.split("\n")[0])
    parser.add_argument("--guides", type=int, default=1000)
    parser.add_argument("--work-dir", type=Path, help="dossier de travail (défaut : temporaire)")
    parser.add_argument("--top", type=int, default=35, help="nombre de fonctions listées")
    parser.add_argument("--output", type=Path, help="écrire le rapport dans ce fichier (en plus de l'écran)")
    parser.add_argument("--without-search", action="store_true", help="construire sans index de recherche")
    args = parser.parse_args(argv)
    os.environ["MITKB_DATE"] = BUILD_DATE
    os.environ["NO_MKDOCS_2_WARNING"] = "1"
    os.environ.update(PUBLISHING_ENV)
    os.environ["MITKB_INDEX_SEARCH"] = "0" if args.without_search else "1"
    import logging

    temporary = tempfile.TemporaryDirectory(prefix="mitkb-profil-") if args.work_dir is None else None
    work = Path(temporary.name) if temporary else args.work_dir.resolve()
    project = work / f"n{args.guides}" / "projet"
    if (project / "guides").is_dir():
        copy_project_parts(project)  # reuse the corpus, with the repository's current configuration
    else:
        generate_project(args.guides, project)
    commit_project(project)
    logging.getLogger("mkdocs").setLevel(logging.WARNING)

    build_once(project, work / "echauffement")  # imports, caches: measure a steady build
    timers = Timers()
    with instrumented(timers):
        wall = build_once(project, work / "site-chrono")
    profiler = cProfile.Profile()
    profiler.enable()
    build_once(project, work / "site-profil")
    profiler.disable()
    prof_file = work / "construction.prof"
    profiler.dump_stats(prof_file)
    stream = io.StringIO()
    stats = pstats.Stats(profiler, stream=stream).strip_dirs()
    stream.write("Par temps propre (tottime) :\n")
    stats.sort_stats("tottime").print_stats(args.top)
    stream.write("\nPar temps cumulé (cumtime) :\n")
    stats.sort_stats("cumulative").print_stats(args.top)
    command = "python -m benchmarks.profile_build " + " ".join(argv if argv is not None else sys.argv[1:])
    text = report(timers, wall, stream.getvalue(), args.guides, command.strip())
    print(text)
    if args.output:
        args.output.write_text(text, encoding="utf-8")
    print(f"Profil cProfile complet : {prof_file}" + (" (supprimé : dossier temporaire)" if temporary else ""),
          file=sys.stderr)
    if temporary:
        temporary.cleanup()
    return 0


if __name__ == "__main__":
    sys.exit(main())
