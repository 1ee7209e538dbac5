"""The benchmark keeps working: a whole run at N = 5 (no timing is asserted)."""

from __future__ import annotations

import datetime
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

from benchmarks.corpus import CorpusSize, generate_project
from mitkb.references import check_site
from tests.conftest import chromium_path

ROOT = Path(__file__).resolve().parents[2]


def test_generated_corpus_is_valid_and_cross_referenced(tmp_path):
    # A size above the real content of every kind: the totals are exactly the wanted ones.
    wanted = CorpusSize.for_guides(40)
    real = [len(list((ROOT / "guides" / kind).glob("*.yml"))) for kind in ("methodes", "modeles", "ateliers")]
    assert all(w > r for w, r in zip(wanted.as_tuple(), real)), "augmentez la taille : le contenu réel la dépasse"
    size = generate_project(40, tmp_path / "projet")
    assert size == wanted
    site, errors = check_site(tmp_path / "projet", datetime.date(2026, 11, 27))
    assert [e.format() for e in errors] == []
    assert (len(site.guides), len(site.templates), len(site.workshops)) == wanted.as_tuple()
    synthetic = [g for g in site.guides.values() if "banc d'essai" in (tmp_path / "projet" / g.source).read_text()]
    assert len(synthetic) == 40 - real[0]
    # Spread over several domains, cross-referenced, calling the macros.
    assert len({g.model.domain for g in synthetic}) >= 3
    assert all(g.model.templates for g in synthetic)
    assert any(w.model.guides for w in site.workshops.values())
    texts = "".join((tmp_path / "projet" / g.source).read_text() for g in synthetic)
    assert "{{ seuil('" in texts and "{{ chiffre('" in texts


def test_generation_is_deterministic(tmp_path):
    generate_project(12, tmp_path / "a")
    generate_project(12, tmp_path / "b")
    names = sorted(p.relative_to(tmp_path / "a") for p in (tmp_path / "a" / "guides").rglob("*.yml"))
    assert names == sorted(p.relative_to(tmp_path / "b") for p in (tmp_path / "b" / "guides").rglob("*.yml"))
    assert all((tmp_path / "a" / n).read_bytes() == (tmp_path / "b" / n).read_bytes() for n in names)


@pytest.mark.slow
def test_benchmark_runs_end_to_end_at_n5(tmp_path):
    output = tmp_path / "RESULTS.md"
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    result = subprocess.run(
        [sys.executable, "-m", "benchmarks.run", "--sizes", "5", "--repeat", "1", "--search-queries", "marché",
         "--findability-queries", "station epuration",
         "--output", str(output), "--work-dir", str(tmp_path / "travail")],
        capture_output=True, text=True, cwd=ROOT, env=env, timeout=900, check=False,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    text = output.read_text(encoding="utf-8")
    assert "## Machine" in text and "| Processeur |" in text
    for line in ("Construction du site", "Construction complète", "Plancher Markdown", "Construction / plancher",
                 "Page HTML médiane", "Mémoire maximale d'une construction complète", "Indexation de la recherche / plancher",
                 "Octets d'une première recherche", "Documents à télécharger, cache chaud"):
        assert f"| {line}" in text, line
    # N = 5 synthetic guides besides the real ones (fewer than the real content: all are kept).
    real_guides = len(list((ROOT / "guides" / "methodes").glob("*.yml")))
    assert f"| N = {5 + real_guides} |" in text
    if chromium_path() is not None:  # a first search really fetched part of the Pagefind index
        compressed = re.search(r"\| Octets d'une première recherche, la plus coûteuse de 1 requêtes \(Chromium ; "
                               r"texte compressé[^|]*\| ([\d.]+) Ko \(« marché »\) dont [\d.]+ Ko d'index", text)
        plain = re.search(r"\| La même, fichiers servis sans compression \(pour comparaison\) \| ([\d.]+) Ko", text)
        assert compressed and plain, text
        assert 0 < float(compressed.group(1)) < float(plain.group(1)), "gzip must save bytes on the text files"
        findability = re.search(r"\| Première recherche, la plus coûteuse du jeu de trouvabilité \(1 requêtes[^|]*\| "
                                r"([\d.]+) Ko \(« station epuration »\)", text)
        assert findability and float(findability.group(1)) > 0, text
    if Path("/proc/self/smaps_rollup").exists():
        assert "| Mémoire maximale d'une construction complète (tous processus à la fois, PSS) |" in text
    # The table printed on stdout is the one written to the file.
    assert result.stdout.strip().splitlines()[0] in text
    # The preview: edit to page served, and `mitkb check` after one edit.
    for line in ("Modification d'un contenu (titre, étape)", "`mitkb check` après la modification d'un guide",
                 "Enregistrement → page servie : montant d'un seuil"):
        assert f"| {line} | " in text, line
    # A warm document cache regenerates nothing.
    assert "| Documents régénérés avec le cache chaud | 0 |" in text
    # The generated project was really built: every synthetic guide has its page.
    project, site = tmp_path / "travail" / "n5" / "projet", tmp_path / "travail" / "n5" / "site"
    synthetic = [p.stem for p in (project / "guides" / "methodes").glob("*.yml") if "banc d'essai" in p.read_text()]
    assert len(synthetic) == 5
    assert all((site / "methodes" / slug / "index.html").is_file() for slug in synthetic)


@pytest.mark.skipif(not Path("/proc/self/smaps_rollup").exists(), reason="Linux /proc seulement")
def test_memory_shared_with_a_forked_copy_counts_once_in_the_pss_sum():
    from benchmarks import measure

    script = ("import os, time\n"
              "block = bytearray(os.urandom(1)) * 150_000_000\n"
              "if os.fork() == 0:\n    time.sleep(3); os._exit(0)\n"
              "time.sleep(3); os.wait()\n")
    process = subprocess.Popen([sys.executable, "-c", script])
    try:
        time.sleep(1.5)
        rss, pss = measure._tree_rss(process.pid), measure._tree_pss(process.pid)
    finally:
        process.wait()
    assert rss > 280_000_000, "the RSS sum counts the 150 MB block in both processes"
    assert 150_000_000 < pss < 200_000_000, "the PSS sum counts it once"
