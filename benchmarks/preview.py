"""Benchmark the preview: from saving a file to the preview serving the changed page.

    python -m benchmarks.preview                          # N = 100 and 1 000 guides
    python -m benchmarks.preview --sizes 100 --repeat 3 --output /tmp/APERCU.md

For each N: generate the synthetic project (benchmarks/corpus.py), time one full
build without the search index (the reference of the data-edit target), start
``mitkb previsualiser`` in a subprocess, then for each kind of edit (a guide's title, a
step's title, a glossary definition, a threshold's amount), ``--repeat`` edits of
different files or entries: the time from writing the file to the first HTTP
response of the preview that shows the change (polled every 10 ms). Then
``mitkb check`` after one edit of a guide (its cache warm, as after a first check),
and after one edit of a threshold. Last, one full build without the search index
(caches warm), the reference of the data-edit target. ``make bench`` runs it after
the build benchmark.
"""

from __future__ import annotations

import argparse
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks import measure
from benchmarks.corpus import commit_project, generate_project
from benchmarks.machine import load_average

NBSP = "\u00a0"
ITEM_KINDS = ("titre d'un guide", "étape d'un guide")
DATA_KINDS = ("définition du glossaire", "montant d'un seuil")
THRESHOLD = "sans-publicite-fournitures-services"
TARGETS = {"item": 1.0, "data_ratio": 0.1, "check": 1.0}
# The preview's lines that end an update: the whole site up to date, or errors.
SETTLED = ("✓ Aperçu à jour", "✓ Autres pages", "✗")


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


@dataclass
class PreviewResult:
    n_guides: int
    full_build: float = 0.0
    startup: float = 0.0
    edits: dict[str, list[float]] = field(default_factory=dict)
    settled: dict[str, list[float]] = field(default_factory=dict)  # until every page and document is
    check_item: list[float] = field(default_factory=list)
    check_item_cpu: list[float] = field(default_factory=list)
    check_data: list[float] = field(default_factory=list)
    load: str = ""

    def record(self, kind: str, times: tuple[float, float]) -> None:
        self.edits.setdefault(kind, []).append(times[0])
        self.settled.setdefault(kind, []).append(times[1])

    def median_of(self, kinds) -> float:
        return statistics.median([t for kind in kinds for t in self.edits.get(kind, [])])


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _get(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8", errors="replace")
    except (urllib.error.URLError, OSError):
        return ""


class RunningPreview:
    """``mitkb previsualiser`` in a subprocess, its output kept."""

    def __init__(self, project: Path):
        self.port = _free_port()
        env = measure.build_env(index_search=False)  # search re-indexing would compete for the CPU
        self.lines: list[str] = []
        self.process = subprocess.Popen(
            [sys.executable, "-m", "mitkb.cli", "--racine", str(project), "previsualiser", "--port", str(self.port)],
            cwd=project, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        threading.Thread(target=self._read, daemon=True).start()
        self.base = f"http://127.0.0.1:{self.port}/"

    def _read(self) -> None:
        for line in self.process.stdout:
            self.lines.append(line.rstrip("\n"))

    def wait_started(self, limit: float = 900) -> float:
        start = time.perf_counter()
        while not any(line.startswith("Aperçu sur") for line in self.lines):
            if self.process.poll() is not None or time.perf_counter() - start > limit:
                raise measure.StepFailed("l'aperçu n'a pas démarré :\n" + "\n".join(self.lines[-30:]))
            time.sleep(0.05)
        return time.perf_counter() - start

    def time_edit(self, path: Path, text: str, url: str, expected: str, limit: float = 300) -> tuple[float, float]:
        """Seconds from writing ``text`` into ``path`` to ``url`` serving ``expected`` (the page
        is polled, so the preview counts it as open), and to the whole site being up to date
        (after a change to data, the pages nobody has open and the documents follow)."""
        done = len([line for line in self.lines if line.startswith(SETTLED)])
        start = time.perf_counter()
        path.write_text(text, encoding="utf-8")
        while expected not in _get(self.base + url):
            if time.perf_counter() - start > limit:
                raise measure.StepFailed(f"{url} ne montre pas la modification :\n" + "\n".join(self.lines[-20:]))
            time.sleep(0.01)
        seconds = time.perf_counter() - start
        # Let the preview finish this update (other pages) before the next edit.
        while len([line for line in self.lines if line.startswith(SETTLED)]) <= done:
            if time.perf_counter() - start > limit * 2:
                raise measure.StepFailed("l'aperçu ne finit pas sa mise à jour :\n" + "\n".join(self.lines[-20:]))
            time.sleep(0.02)
        return seconds, time.perf_counter() - start

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(20)
        except subprocess.TimeoutExpired:
            self.process.kill()


def _synthetic_guides(project: Path) -> list[Path]:
    return [p for p in sorted((project / "guides" / "methodes").glob("*.yml"))
            if "banc d'essai" in p.read_text(encoding="utf-8")[:300]]


def _replace_line(text: str, pattern: str, make) -> tuple[str, str]:
    match = re.search(pattern, text, flags=re.M)
    if match is None:
        raise measure.StepFailed(f"motif introuvable : {pattern}")
    new = make(match)
    return text[:match.start()] + new + text[match.end():], new


def _threshold_page(site: Path, amount: int) -> str:
    """A page that shows the threshold's amount in force."""
    shown = f"{amount // 1000}{NBSP}{amount % 1000:03d}{NBSP}€"
    for page in sorted(site.rglob("index.html")):
        if shown in page.read_text(encoding="utf-8"):
            return page.parent.relative_to(site).as_posix() + "/"
    raise measure.StepFailed("aucune page ne montre le seuil")


def _timed_check(project: Path) -> tuple[float, float]:
    run = measure.run_measured([sys.executable, "-m", "mitkb.cli", "--racine", str(project), "check"], project,
                               Path(tempfile.gettempdir()) / "mitkb-bench-check.log")
    return run.seconds, run.cpu_seconds


def bench_preview(project: Path, n_guides: int, repeat: int, full_build: bool = True) -> PreviewResult:
    result = PreviewResult(n_guides)
    log(f"N = {n_guides} : démarrage de l'aperçu")
    preview = RunningPreview(project)
    try:
        result.startup = preview.wait_started()
        guides = _synthetic_guides(project)
        glossary = project / "data" / "glossaire.yml"
        thresholds = project / "data" / "seuils.yml"
        threshold_text = thresholds.read_text(encoding="utf-8")
        block = threshold_text[threshold_text.index(f"id: {THRESHOLD}"):]
        amount = int(re.findall(r"montant: (\d+)", block.split("\n  - id:")[0])[-1])
        threshold_url = _threshold_page(project / ".cache" / "previsualisation", amount)
        for index in range(repeat):
            log(f"N = {n_guides} : modifications {index + 1}/{repeat}")
            guide = guides[(index * 7) % len(guides)]
            url = f"methodes/{guide.stem}/"
            text, _ = _replace_line(guide.read_text(encoding="utf-8"), r"^titre: .*$",
                                    lambda m: m.group(0) + f" (révision {index})")
            result.record(ITEM_KINDS[0],
                preview.time_edit(guide, text, url, f"(révision {index})"))
            guide = guides[(index * 7 + 3) % len(guides)]
            text, _ = _replace_line(guide.read_text(encoding="utf-8"), r"^  titre: ",
                                    lambda m: m.group(0) + f"Étape révisée {index}, ")
            result.record(ITEM_KINDS[1],
                preview.time_edit(guide, text, f"methodes/{guide.stem}/", f"Étape révisée {index}"))
            definitions = list(re.finditer(r"^    definition: (?:[>|]-?\n      )?.*\S$", glossary.read_text(encoding="utf-8"),
                                           re.M))
            chosen = definitions[index % len(definitions)]
            original = glossary.read_text(encoding="utf-8")
            text = original[:chosen.end()] + f" Révision {index}." + original[chosen.end():]
            result.record(DATA_KINDS[0],
                preview.time_edit(glossary, text, "glossaire/", f"Révision {index}."))
            amount += 1
            current = thresholds.read_text(encoding="utf-8")
            at = current.index(f"id: {THRESHOLD}")
            head, tail = current[:at], current[at:]
            tail = re.sub(rf"montant: {amount - 1}\b", f"montant: {amount}", tail, count=1)
            shown = f"{amount // 1000}{NBSP}{amount % 1000:03d}{NBSP}€"
            result.record(DATA_KINDS[1],
                preview.time_edit(thresholds, head + tail, threshold_url, shown))
    finally:
        preview.stop()
    log(f"N = {n_guides} : mitkb check après une modification")
    _timed_check(project)  # the cache filled, as after a first check
    for index in range(repeat):
        guide = guides[(index * 11 + 5) % len(guides)]
        text, _ = _replace_line(guide.read_text(encoding="utf-8"), r"^titre: .*$",
                                lambda m: m.group(0) + f" (vérification {index})")
        guide.write_text(text, encoding="utf-8")
        seconds, cpu = _timed_check(project)
        result.check_item.append(seconds)
        result.check_item_cpu.append(cpu)
    current = thresholds.read_text(encoding="utf-8")
    at = current.index(f"id: {THRESHOLD}")
    thresholds.write_text(current[:at] + re.sub(rf"montant: {amount}\b", f"montant: {amount + 1}",
                                                current[at:], count=1), encoding="utf-8")
    result.check_data.append(_timed_check(project)[0])
    if full_build:  # after the preview: the documents' cache is warm, as for a `make site` after editing
        log(f"N = {n_guides} : construction complète de référence (sans index de recherche)")
        with tempfile.TemporaryDirectory() as folder:
            run = measure.run_measured(
                [sys.executable, "-m", "mitkb.cli", "--racine", str(project), "build", str(Path(folder) / "site")],
                project, Path(folder) / "build.log", dict(measure.build_env(index_search=False), MITKB_PDF="0"))
            if run.returncode != 0:
                raise measure.StepFailed("la construction de référence a échoué")
            result.full_build = run.seconds
    result.load = load_average()
    return result


def markdown(results: list[PreviewResult], repeat: int) -> str:
    def cell(value: float) -> str:
        return f"{value:.2f} s"

    last = results[-1]
    header = "| Mesure (médiane) | " + " | ".join(f"N = {r.n_guides}" for r in results) + \
        f" | Cible à N = {last.n_guides} | Atteinte |"
    rows = [header, "|---|" + "---|" * len(results) + "---|---|"]

    def row(label, values, target="", reached=""):
        rows.append(f"| {label} | " + " | ".join(values) + f" | {target} | {reached} |")

    item = [r.median_of(ITEM_KINDS) for r in results]
    data = [r.median_of(DATA_KINDS) for r in results]
    checks = [statistics.median(r.check_item) for r in results]
    row("Construction complète de référence (sans index)", [cell(r.full_build) for r in results])
    row("Démarrage de l'aperçu (construction complète en mémoire)", [cell(r.startup) for r in results])
    for kind in ITEM_KINDS + DATA_KINDS:
        row(f"Enregistrement → page servie : {kind}", [cell(statistics.median(r.edits[kind])) for r in results])
    for kind in DATA_KINDS:
        row(f"Enregistrement → tout le site à jour (pages non ouvertes, documents) : {kind}",
            [cell(statistics.median(r.settled[kind])) for r in results])
    row("Modification d'un contenu (titre, étape)", [cell(v) for v in item], "≤ 1.00 s",
        "✓" if item[-1] <= TARGETS["item"] else "✗")
    ratio = [d / r.full_build if r.full_build else float("nan") for d, r in zip(data, results)]
    row("Modification d'une donnée (glossaire, seuil) / construction complète",
        [f"{cell(d)} ({x:.2f})" for d, x in zip(data, ratio)], "≤ 0.10",
        "✓" if ratio[-1] <= TARGETS["data_ratio"] else "✗")
    row("`mitkb check` après la modification d'un guide", [cell(v) for v in checks], "≤ 1.00 s",
        "✓" if checks[-1] <= TARGETS["check"] else "✗")
    row("dont temps CPU", [cell(statistics.median(r.check_item_cpu)) for r in results])
    row("`mitkb check` après la modification d'un seuil", [cell(r.check_data[0]) for r in results])
    lines = ["## Aperçu incrémental (`make serve`) et `mitkb check`", "", *rows, "",
             f"Chaque modification est répétée {repeat} fois (fichiers ou entrées différents) ; le temps va de "
             "l'écriture du fichier à la première réponse HTTP de l'aperçu qui montre la modification "
             "(interrogée toutes les 10 ms : l'aperçu la compte parmi les pages ouvertes, qu'il recalcule en premier "
             "après la modification d'une donnée ; les autres pages et les documents suivent, mesurés à part "
             "jusqu'à la ligne « Autres pages et documents à jour »). L'aperçu tourne sans réindexer la recherche (MITKB_INDEX_SEARCH=0), "
             "qui a du retard par construction, et sans PDF (comme `make serve`) ; la construction de référence "
             "aussi (MITKB_PDF=0). `mitkb check` : processus neuf, cache de `.cache/` rempli par "
             "une première vérification.", ""]
    lines += [f"- N = {r.n_guides} : charge moyenne à la fin {r.load} ; " + " ; ".join(
        f"{kind} {[round(t, 2) for t in r.edits[kind]]} s" for kind in ITEM_KINDS + DATA_KINDS)
        + f" ; check {[round(t, 2) for t in r.check_item]} s" for r in results]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.preview", description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--work-dir", type=Path)
    parser.add_argument("--output", type=Path, help="fichier Markdown des résultats (sinon : sortie standard)")
    args = parser.parse_args(argv)
    before = load_average()
    with measure.work_folder(args.work_dir, "mitkb-bench-apercu-") as work:
        results = []
        for n in sorted(set(args.sizes)):
            project = work / f"n{n}" / "projet"
            if not (project / "mkdocs.yml").is_file():
                log(f"N = {n} : génération du corpus")
                generate_project(n, project)
                commit_project(project)
            results.append(bench_preview(project, n, args.repeat))
    text = markdown(results, args.repeat) + f"\nCharge moyenne 1 / 5 / 15 min au début : {before}.\n"
    if args.output:
        args.output.write_text(text, encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
