"""How often a word form typed in the search finds a page written with another form of it.

    python -m benchmarks.word_forms            # prints the figure, without and with the fold

The word forms come from the site's own content (guides, data, hand-written pages):
pairs of forms of one word that are both written somewhere (« prévu » and « prévus »,
« reçue » and « reçues »). For each pair, a page holding one form, queried with the
other, typed without accents as most readers type (« prevus »), in both directions.
Pagefind indexes one small page per form; Chromium runs the queries with Pagefind's own
script, once as typed and once folded by ``mitkb.search.word_forms``.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import threading
from dataclasses import dataclass
from html import escape
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from mitkb.search.synonyms import fold  # noqa: E402
from mitkb.search.word_forms import content_texts, fold_query, site_words, word_form_pairs  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
BROWSER_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]


@dataclass
class Figure:
    cases: int
    found_as_typed: int
    found_folded: int
    missed_as_typed: list[tuple[str, str]]  # (query, form of the page)
    missed_folded: list[tuple[str, str]]

    @staticmethod
    def share(found: int, cases: int) -> str:
        return f"{found}/{cases} ({100 * found / cases:.1f} %)" if cases else "0/0"


def cases_of(pairs: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """(query as typed, form written in the page), in both directions of each pair."""
    return sorted({(fold(query), page) for a, b in pairs for query, page in ((a, b), (b, a))})


def _index(forms: list[str], folder: Path) -> dict[str, str]:
    from pagefind_bin import get_executable

    urls = {}
    for number, form in enumerate(forms):
        urls[form] = f"/p{number}.html"
        (folder / f"p{number}.html").write_text(
            f'<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>{number}</title></head>'
            f"<body><div data-pagefind-body><p>{escape(form)}</p></div></body></html>", encoding="utf-8")
    subprocess.run([str(get_executable()), "--site", str(folder), "--force-language", "fr", "--quiet"],
                   check=True, capture_output=True)
    return urls


_SEARCH_ALL = """async (queries) => {
    const pagefind = await import('/pagefind/pagefind.js');
    await pagefind.options({ noWorker: true });
    await pagefind.init();
    const found = {};
    for (const query of queries) {
        const search = await pagefind.search(query);
        const data = await Promise.all(search.results.map((result) => result.data()));
        found[query] = data.map((page) => page.url);
    }
    return found;
}"""


def _run(browser, address: str, queries: list[str]) -> dict[str, list[str]]:
    tab = browser.new_page()
    try:
        tab.goto(address)
        return tab.evaluate(_SEARCH_ALL, queries)
    finally:
        tab.close()


def measure(pairs: list[tuple[str, str]], chromium: str | None = None, browser=None) -> Figure:
    """Run every case in ``browser`` (a Playwright browser), or in a Chromium launched here."""
    from mitkb.static_server import make_server

    cases = cases_of(pairs)
    forms = sorted({page for _, page in cases})
    queries = sorted({q for q, _ in cases} | {fold_query(q) for q, _ in cases})
    with tempfile.TemporaryDirectory(prefix="mitkb-formes-") as work:
        urls = _index(forms, Path(work))
        server = make_server(Path(work))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        address = f"http://127.0.0.1:{server.server_address[1]}/p0.html"
        try:
            if browser is not None:
                results = _run(browser, address, queries)
            else:
                from playwright.sync_api import sync_playwright

                with sync_playwright() as playwright:
                    launched = playwright.chromium.launch(executable_path=chromium, args=BROWSER_ARGS)
                    results = _run(launched, address, queries)
                    launched.close()
        finally:
            server.shutdown()
            server.server_close()
    missed_typed = [(q, page) for q, page in cases if urls[page] not in results[q]]
    missed_folded = [(q, page) for q, page in cases if urls[page] not in results[fold_query(q)]]
    return Figure(len(cases), len(cases) - len(missed_typed), len(cases) - len(missed_folded),
                  missed_typed, missed_folded)


def main() -> int:
    from benchmarks.run import find_chromium

    chromium = find_chromium()
    if chromium is None:
        print("Chromium introuvable : la mesure a besoin d'un navigateur.", file=sys.stderr)
        return 1
    pairs = word_form_pairs(site_words(content_texts(ROOT)))
    figure = measure(pairs, chromium)
    print(f"Formes d'un même mot écrites dans le site : {len(pairs)} paires, {figure.cases} recherches "
          "(chaque forme cherchée sans accents, la page portant l'autre forme).")
    print(f"Trouvées telles que tapées : {Figure.share(figure.found_as_typed, figure.cases)}")
    print(f"Trouvées avec le pliage des formes : {Figure.share(figure.found_folded, figure.cases)}")
    for label, missed in (("Manquées telles que tapées", figure.missed_as_typed),
                          ("Manquées avec le pliage", figure.missed_folded)):
        shown = ", ".join(f"« {q} » → « {page} »" for q, page in missed[:40])
        print(f"{label} ({len(missed)}) : {shown}{' …' if len(missed) > 40 else ''}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
