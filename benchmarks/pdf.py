"""Benchmark the PDF step of the build (guides and workshop write-ups printed by Chromium).

    python -m benchmarks.pdf --sizes 100          # writes benchmarks/RESULTS-PDF.md
    python -m benchmarks.pdf --sizes 5 --output /tmp/RESULTS-PDF.md

For each N: generate the synthetic project, build it once without PDFs (documents cache
warmed, not timed), then time `mitkb build` without search index: without PDFs, with
PDFs and a cold PDF cache, with a warm cache, and with a warm cache after editing one
guide; and the Markdown floor, for the build / floor ratio with a warm cache.
"""

from __future__ import annotations

import argparse
import re
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks import measure
from benchmarks.corpus import commit_project, edit_one_guide, generate_project
from benchmarks.machine import describe_machine, load_average

DEFAULT_OUTPUT = Path(__file__).resolve().parent / "RESULTS-PDF.md"
PDF_LINE = re.compile(r"PDF des guides et comptes rendus : (\d+) imprimés, (\d+) repris du cache "
                      r"\(([\d.]+) Mo\) en ([\d.]+) s")


@dataclass
class PdfStep:
    printed: int
    reused: int
    megabytes: float
    seconds: float


@dataclass
class PdfBench:
    n_guides: int
    items: int  # guides and write-ups (one PDF each)
    floor: float
    without_pdf: float
    cold: float
    warm: float
    edited: float
    cold_step: PdfStep
    warm_step: PdfStep
    edited_step: PdfStep


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def pdf_step(run: measure.ProcessRun) -> PdfStep:
    found = PDF_LINE.search(run.log.read_text(encoding="utf-8", errors="replace"))
    if not found:
        raise measure.StepFailed(f"pas de ligne « PDF des guides » dans {run.log}")
    return PdfStep(int(found[1]), int(found[2]), float(found[3]), float(found[4]))


def bench(n_guides: int, work: Path) -> PdfBench:
    folder = work / f"pdf-n{n_guides}"
    project, site, logs = folder / "projet", folder / "site", folder / "journaux"
    size = generate_project(n_guides, project)
    commit_project(project)
    engine = measure.engine_run(project)
    floor, _ = measure.markdown_floor(engine.texts, project / "mkdocs.yml")
    del engine
    log(f"N = {n_guides} : préparation (documents à télécharger, sans PDF)")
    measure.build_site(project, site, logs / "preparation.log", index_search=False)
    log(f"N = {n_guides} : construction sans PDF")
    without = measure.build_site(project, site, logs / "sans-pdf.log", index_search=False)
    shutil.rmtree(project / ".cache" / "pdf", ignore_errors=True)
    log(f"N = {n_guides} : construction avec PDF, cache froid")
    cold = measure.build_site(project, site, logs / "pdf-froid.log", index_search=False, pdf=True)
    log(f"N = {n_guides} : construction avec PDF, cache chaud")
    warm = measure.build_site(project, site, logs / "pdf-chaud.log", index_search=False, pdf=True)
    edit_one_guide(project, 1)
    log(f"N = {n_guides} : un guide modifié, construction avec PDF")
    edited = measure.build_site(project, site, logs / "pdf-modifie.log", index_search=False, pdf=True)
    return PdfBench(n_guides, size.guides + size.workshops, floor, without.seconds, cold.seconds, warm.seconds,
                    edited.seconds, pdf_step(cold), pdf_step(warm), pdf_step(edited))


def table(results: list[PdfBench]) -> str:
    head = "| Mesure | " + " | ".join(f"N = {r.n_guides}" for r in results) + " |"
    rows = [
        ("PDF produits (guides et comptes rendus)", lambda r: f"{r.items}"),
        ("Étape PDF, cache froid", lambda r: f"{r.cold_step.seconds:.1f} s ({r.cold_step.printed} imprimés, "
                                             f"{r.cold_step.seconds / max(1, r.cold_step.printed):.2f} s par PDF)"),
        ("Étape PDF, cache chaud", lambda r: f"{r.warm_step.seconds:.2f} s ({r.warm_step.printed} imprimé(s))"),
        ("Étape PDF, un guide modifié", lambda r: f"{r.edited_step.seconds:.2f} s ({r.edited_step.printed} imprimé(s))"),
        ("Taille totale des PDF", lambda r: f"{r.cold_step.megabytes:.1f} Mo"),
        ("`mitkb build` sans PDF (sans index)", lambda r: f"{r.without_pdf:.1f} s"),
        ("`mitkb build` avec PDF, cache froid", lambda r: f"{r.cold:.1f} s"),
        ("`mitkb build` avec PDF, cache chaud", lambda r: f"{r.warm:.1f} s"),
        ("`mitkb build` avec PDF, un guide modifié", lambda r: f"{r.edited:.1f} s"),
        ("Plancher Markdown", lambda r: f"{r.floor:.2f} s"),
        ("Construction / plancher : sans PDF → avec PDF, cache chaud",
         lambda r: f"{r.without_pdf / r.floor:.2f} → {r.warm / r.floor:.2f} (cible ≤ 2,5 à N = 1000)"),
    ]
    lines = [head, "|---|" + "---|" * len(results)]
    lines += [f"| {label} | " + " | ".join(cell(r) for r in results) + " |" for label, cell in rows]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.pdf", description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100], help="nombres de guides (défaut : 100)")
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT, help="fichier Markdown des résultats")
    parser.add_argument("--work-dir", type=Path, help="dossier de travail gardé (défaut : temporaire)")
    args = parser.parse_args(argv)
    started, load_before = time.perf_counter(), load_average()
    with tempfile.TemporaryDirectory(prefix="mitkb-bench-pdf-") as temporary:
        work = (args.work_dir or Path(temporary)).resolve()
        try:
            results = [bench(n, work) for n in sorted(set(args.sizes))]
        except measure.StepFailed as exc:
            log(f"✗ {exc}")
            return 1
    from mitkb.pdf import chromium_executable

    machine = describe_machine(chromium_executable()) + [
        ("Charge moyenne 1 / 5 / 15 min (début → fin)", f"{load_before} → {load_average()}"),
        ("Durée", f"{time.perf_counter() - started:.0f} s"),
    ]
    command = "python -m benchmarks.pdf " + " ".join(argv if argv is not None else sys.argv[1:])
    text = "\n".join([
        "# Banc d'essai : PDF des guides et comptes rendus", "",
        f"Produit par `{command.strip()}`. Ne pas modifier à la main : relancer le banc d'essai.", "",
        "## Machine", "", "| | |", "|---|---|", *[f"| {k} | {v} |" for k, v in machine], "",
        "## Résultats (une exécution par mesure)", "", table(results), "",
        "Ko et Mo : 1 000 et 1 000 000 octets. « Étape PDF » : le temps que la construction passe à "
        "imprimer ou reprendre les PDF et à ajouter les liens (ligne « PDF des guides » du journal) ; "
        "avec le cache chaud, Chromium n'est pas lancé. Les constructions tournent sans index de recherche "
        "(MITKB_INDEX_SEARCH=0), comme « Construction du site » dans RESULTS.md.", "",
    ])
    args.output.write_text(text, encoding="utf-8")
    print(table(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
