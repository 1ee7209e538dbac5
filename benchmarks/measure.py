"""The measurements of the benchmark, one function each.

The site build runs as a subprocess (`python -m mitkb.cli build`, what
`make site` runs), timed with a wall clock; its peak memory is the child's
maximum resident set size given by ``os.wait4``. The Markdown floor is measured
in this process: Python-Markdown alone, with the extensions of ``mkdocs.yml``,
converting the very Markdown of the generated pages and of ``docs/``.
"""

from __future__ import annotations

import datetime as dt
import functools
import http.server
import importlib
import inspect
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

@contextmanager
def work_folder(given: Path | None, prefix: str):
    """The benchmark's working folder: ``given`` (kept, created if needed), or a temporary
    one removed at the end."""
    if given is not None:
        folder = given.resolve()
        folder.mkdir(parents=True, exist_ok=True)
        yield folder
        return
    with tempfile.TemporaryDirectory(prefix=prefix) as temporary:
        yield Path(temporary)


BUILD_DATE = "2026-11-27"  # fixed, so that thresholds and review dates do not move between runs
SEARCH_QUERY = "marché"
# First queries as readers type them (issue 4): one word, several words, no accents, an acronym.
# The table reports the most expensive one.
SEARCH_QUERIES = ("marché", "station epuration", "marché sans publicité", "procédure adaptée", "STEP",
                  "groupement de commandes")
BROWSER_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run"]
SEARCH_INPUTS = (
    ".pagefind-ui__search-input",
    "pagefind-input input",
    "input[type=search]",
    "input[data-md-component=search-query]",
    "input[name=query]",
    "input[name=q]",
)


# The switch to build without the search index.
from mitkb.search.indexer import SEARCH_SWITCH  # noqa: E402


# Publishing settings, so that pages carry their edit links and the site its feed, as in production.
PUBLISHING_ENV = {
    "MITKB_DEPOT_URL": "https://github.com/exemple/mitkb",
    "MITKB_SITE_URL": "https://exemple.github.io/mitkb/",
}


def build_env(index_search: bool = True, pdf: bool = False) -> dict[str, str]:
    """The PDFs of guides are left out unless asked: their step is measured apart (benchmarks/pdf.py)."""
    env = dict(os.environ, MITKB_DATE=BUILD_DATE, NO_MKDOCS_2_WARNING="1", MITKB_PDF="1" if pdf else "0",
               **PUBLISHING_ENV)
    env.pop(SEARCH_SWITCH, None)
    if not index_search:
        env[SEARCH_SWITCH] = "0"
    return env


def today() -> dt.date:
    return dt.date.fromisoformat(BUILD_DATE)


def median(values: list[float]) -> float:
    return statistics.median(values)


# -- subprocesses -------------------------------------------------------------------


@dataclass
class ProcessRun:
    seconds: float  # wall clock
    cpu_seconds: float  # user + system, the process and the children it waited for
    peak_rss: int  # bytes: the largest single process of the tree (os.wait4)
    peak_tree_rss: int  # bytes: the largest sum over the whole process tree at one time (sampled)
    returncode: int
    log: Path
    # bytes: the same with each process's proportional set size (PSS: a page shared by n
    # processes counts 1/n in each); 0 when not sampled
    peak_tree_pss: int = 0


_PAGE_SIZE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096


def _tree_pids(root_pid: int) -> tuple[list[int], dict[int, int]]:
    """A process and all its descendants (Linux /proc), with the resident memory of each."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", "rb") as stream:
                fields = stream.read().rsplit(b")", 1)[1].split()
        except OSError:
            continue
        pid = int(entry.name)
        children.setdefault(int(fields[1]), []).append(pid)  # fields[1] is the parent's pid
        rss[pid] = int(fields[21]) * _PAGE_SIZE  # resident pages
    tree, stack = [], [root_pid]
    while stack:
        pid = stack.pop()
        tree.append(pid)
        stack.extend(children.get(pid, []))
    return tree, rss


def _tree_rss(root_pid: int) -> int:
    """Resident memory of a process and all its descendants, now (Linux /proc)."""
    tree, rss = _tree_pids(root_pid)
    return sum(rss.get(pid, 0) for pid in tree)


def _pss(pid: int) -> int:
    """Proportional set size of a process (bytes; 0 once it is gone)."""
    try:
        with open(f"/proc/{pid}/smaps_rollup", "rb") as stream:
            for line in stream:
                if line.startswith(b"Pss:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def _tree_pss(root_pid: int) -> int:
    """Memory of a process and all its descendants, each page shared between them (a forked
    copy shares its parent's) counted once: the sum of their PSS."""
    tree, _ = _tree_pids(root_pid)
    return sum(_pss(pid) for pid in tree)


class _TreeMemory(threading.Thread):
    """Samples the process tree's memory every `interval` seconds, keeps the peak; with
    ``proportional``, also the peak of the PSS sum (slower to read: about 8 ms for a
    process of 500 MB, so only for the runs whose time is not a target)."""

    def __init__(self, pid: int, interval: float = 0.1, proportional: bool = False):
        super().__init__(daemon=True)
        self.pid, self.interval, self.peak, self.peak_pss = pid, interval, 0, 0
        self.proportional = proportional
        self.stopped = threading.Event()

    def run(self) -> None:
        if not Path("/proc/self/stat").exists():
            return
        while not self.stopped.wait(self.interval):
            self.peak = max(self.peak, _tree_rss(self.pid))
            if self.proportional:
                self.peak_pss = max(self.peak_pss, _tree_pss(self.pid))


def settle_disk() -> None:
    """Write out what earlier steps left in the page cache, so that a timed step does not
    pay for the writing of the previous one."""
    if hasattr(os, "sync"):
        os.sync()


def run_measured(command: list[str], cwd: Path, log: Path, env: dict[str, str] | None = None,
                 proportional: bool = False) -> ProcessRun:
    """Run a command: wall time, CPU time, peak memory of its largest process and of its whole
    tree (and of its PSS sum with ``proportional``)."""
    log.parent.mkdir(parents=True, exist_ok=True)
    settle_disk()
    with open(log, "wb") as stream:
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, env=env or build_env(), stdout=stream, stderr=subprocess.STDOUT)
        sampler = _TreeMemory(process.pid, proportional=proportional)
        sampler.start()
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
        sampler.stopped.set()
        sampler.join()
    process.returncode = os.waitstatus_to_exitcode(status)
    peak = usage.ru_maxrss * 1024
    return ProcessRun(seconds, usage.ru_utime + usage.ru_stime, peak, max(peak, sampler.peak),
                      process.returncode, log, sampler.peak_pss)


class StepFailed(RuntimeError):
    pass


def build_site(project: Path, site: Path, log: Path, index_search: bool = True, pdf: bool = False,
               proportional: bool = False) -> ProcessRun:
    """The `make site` equivalent, in a fresh interpreter (optionally without the search index;
    with ``proportional``, its memory is also sampled as a PSS sum)."""
    run = run_measured(
        [sys.executable, "-m", "mitkb.cli", "--racine", str(project), "build", str(site)], project, log,
        build_env(index_search, pdf), proportional,
    )
    if run.returncode != 0:
        tail = log.read_text(encoding="utf-8", errors="replace")[-3000:]
        raise StepFailed(f"la construction a échoué (code {run.returncode}) :\n{tail}")
    return run


# -- engine and Markdown floor ----------------------------------------------------


@dataclass
class EngineRun:
    seconds: float
    texts: list[str]  # Markdown of every page MkDocs converts, front matter removed
    result: object  # mitkb.build.BuildResult


def engine_run(project: Path) -> EngineRun:
    """Load, validate and render the generated pages, in this process (what the plugin does)."""
    from mkdocs.utils.meta import get_data

    from mitkb.build import build_content

    options = {"documents": False} if "documents" in inspect.signature(build_content).parameters else {}
    start = time.perf_counter()
    result = build_content(project, today(), **options)
    seconds = time.perf_counter() - start
    texts = [page.markdown for page in result.pages]
    texts += [p.read_text(encoding="utf-8") for p in sorted((project / "docs").rglob("*.md"))]
    return EngineRun(seconds, [get_data(text)[0] for text in texts], result)


@functools.cache
def _markdown_settings(config_file: str) -> tuple[list, dict]:
    import logging

    from mkdocs.config import load_config

    logging.getLogger("mkdocs").setLevel(logging.ERROR)
    config = load_config(config_file)
    return list(config["markdown_extensions"]), dict(config["mdx_configs"])


def markdown_floor(texts: list[str], config_file: Path) -> tuple[float, float]:
    """Seconds (wall, CPU) Python-Markdown alone takes to convert the pages, extensions of mkdocs.yml."""
    import markdown

    extensions, configs = _markdown_settings(str(config_file))
    converter = markdown.Markdown(extensions=extensions, extension_configs=configs)
    start, cpu_start = time.perf_counter(), time.process_time()
    for text in texts:
        converter.reset()
        converter.convert(text)
    return time.perf_counter() - start, time.process_time() - cpu_start


# -- the built site ------------------------------------------------------------------


@dataclass
class SiteStats:
    total_bytes: int
    pages: int
    median_page: float
    largest_page: int
    largest_path: str
    has_pagefind: bool
    has_downloads: bool


def site_stats(site: Path) -> SiteStats:
    total = sum(p.stat().st_size for p in site.rglob("*") if p.is_file())
    pages = [
        (p.stat().st_size, p.relative_to(site).as_posix())
        for p in site.rglob("*.html")
        if "pagefind" not in p.relative_to(site).parts
    ]
    sizes = [size for size, _ in pages]
    largest = max(pages)
    return SiteStats(
        total, len(pages), statistics.median(sizes), largest[0], largest[1],
        (site / "pagefind").is_dir(), (site / "telechargements").is_dir(),
    )


def pagefind_index(site: Path, cwd: Path, log: Path) -> tuple[float, str]:
    """Index the built site into <site>/pagefind/: seconds, and how.

    With the engine's indexer (``mitkb.search.index_site``, what the build runs) when it
    exists; otherwise the ``pagefind`` package's command line with its defaults.
    """
    try:
        from mitkb.search import index_site
    except ImportError:
        index_site = None
    if index_site is not None:
        settle_disk()
        start = time.perf_counter()
        index_site(site)
        return time.perf_counter() - start, "mitkb.search.index_site (Pagefind, API Python)"
    run = run_measured(
        [sys.executable, "-m", "pagefind", "--site", str(site), "--quiet"], cwd, log, build_env()
    )
    if run.returncode != 0:
        raise StepFailed(f"pagefind a échoué (code {run.returncode}) : {log.read_text(errors='replace')[-2000:]}")
    return run.seconds, "python -m pagefind --site (réglages par défaut)"


# -- a first search in a real browser --------------------------------------------------


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


@dataclass
class SearchBytes:
    bytes: int  # everything received from the query to the results
    index_bytes: int  # of which Pagefind's bundle (/pagefind/)
    requests: int
    fragments: int  # result excerpts fetched
    how: str
    final_url: str
    query: str = SEARCH_QUERY
    compressed: bool = False  # served with gzip for text, as a static host does
    responses: list[tuple[str, int]] = field(default_factory=list)  # (path, bytes received), in order


def _serve(site: Path, compressed: bool = False) -> http.server.ThreadingHTTPServer:
    """The site on 127.0.0.1: as a static host serves it (gzip for text, mitkb's preview
    server) or as plain files (Python's SimpleHTTPRequestHandler)."""
    if compressed:
        from mitkb.static_server import make_server

        server = make_server(site)
    else:
        handler = functools.partial(_QuietHandler, directory=str(site))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def _wait_quiet(page, pending: dict, settle: float = 1.0, limit: float = 20.0) -> None:
    """Wait until no request started or finished for `settle` seconds."""
    deadline = time.monotonic() + limit
    last = pending["changed"]
    quiet_since = time.monotonic()
    while time.monotonic() < deadline:
        page.wait_for_timeout(100)
        if pending["changed"] != last or pending["open"] > 0:
            last = pending["changed"]
            quiet_since = time.monotonic()
        elif time.monotonic() - quiet_since >= settle:
            return


def first_search_bytes(site: Path, chromium: str, query: str = SEARCH_QUERY, compressed: bool = False) -> SearchBytes:
    """Bytes fetched from a first query typed in the home page's search box to its results.

    The home page is loaded first (its own assets are not counted); then the query is
    typed and submitted as a reader would, and every response until the network is
    quiet is counted: the results page if the box leads to one, Pagefind's script,
    WebAssembly, index chunks and the excerpts of the results shown.
    """
    from playwright.sync_api import sync_playwright

    server = _serve(site, compressed)
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    state = {"counting": False, "bytes": 0, "index": 0, "requests": 0, "fragments": 0, "open": 0, "changed": 0,
             "responses": []}

    def started(request) -> None:
        state["open"] += 1
        state["changed"] += 1

    def finished(request) -> None:
        state["open"] -= 1
        state["changed"] += 1
        if state["counting"]:
            sizes = request.sizes()
            received = sizes["responseBodySize"] + sizes["responseHeadersSize"]
            state["bytes"] += received
            state["requests"] += 1
            state["responses"].append((request.url.split("//", 1)[-1].split("/", 1)[-1], received))
            if "/pagefind/" in request.url:
                state["index"] += received
                state["fragments"] += "/pagefind/fragment/" in request.url

    def failed(request) -> None:
        state["open"] -= 1
        state["changed"] += 1

    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium, args=BROWSER_ARGS)
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.on("request", started)
            page.on("requestfinished", finished)
            page.on("requestfailed", failed)
            page.goto(base, wait_until="load")
            _wait_quiet(page, state)
            state["counting"] = True
            how = "API Pagefind appelée directement (aucune zone de recherche visible)"
            for selector in SEARCH_INPUTS:
                box = page.locator(selector).first
                if box.count() and box.is_visible():
                    box.click()
                    box.fill(query)
                    box.press("Enter")
                    how = f"« {query} » saisi dans « {selector} » de l'accueil, puis Entrée"
                    break
            else:
                page.evaluate(
                    """async (q) => {
                        const pagefind = await import('/pagefind/pagefind.js');
                        const search = await pagefind.search(q);
                        await Promise.all(search.results.slice(0, 8).map(r => r.data()));
                    }""",
                    query,
                )
            _wait_quiet(page, state)
            final_url = page.url.replace(base, "/")
            browser.close()
    finally:
        server.shutdown()
    return SearchBytes(state["bytes"], state["index"], state["requests"], state["fragments"], how, final_url,
                       query, compressed, state["responses"])


def first_searches(site: Path, chromium: str, queries=SEARCH_QUERIES) -> list[SearchBytes]:
    """Each query as a first search, in a fresh browser, served compressed then plain."""
    return [first_search_bytes(site, chromium, query, compressed)
            for compressed in (True, False) for query in queries]


# -- downloadable documents ----------------------------------------------------------


@dataclass
class DocumentRuns:
    cold: list[float] = field(default_factory=list)
    warm: list[float] = field(default_factory=list)
    count: int = 0
    cold_generated: int = 0
    warm_generated: list[int] = field(default_factory=list)
    error: str | None = None


def documents_api():
    """`mitkb.documents` (generate_documents and the cache folder) when it exists, else None."""
    try:
        module = importlib.import_module("mitkb.documents")
    except ImportError:
        return None
    generate = getattr(module, "generate_documents", None)
    if generate is None:
        return None
    try:
        cache_dir = importlib.import_module("mitkb.documents.cache").CACHE_DIR
    except (ImportError, AttributeError):
        cache_dir = Path(".cache") / "documents"
    return generate, cache_dir


def measure_documents(project: Path, site_model, cold_runs: int, warm_runs: int) -> DocumentRuns:
    """Generate every document with an empty cache, then again with the cache warm.

    The cache is the project's own, so that the site builds that follow find it warm,
    as they would on an editor's machine or in CI with a kept cache.
    """
    runs = DocumentRuns()
    api = documents_api()
    if api is None:
        runs.error = "pas de module de documents"
        return runs
    generate, relative_cache = api
    cache = project / relative_cache
    try:
        for _ in range(cold_runs):
            shutil.rmtree(cache, ignore_errors=True)
            start = time.perf_counter()
            produced = generate(site_model, today(), cache)
            runs.cold.append(time.perf_counter() - start)
            runs.count = len(produced.files)
            runs.cold_generated = produced.stats.generated
        for _ in range(warm_runs):
            start = time.perf_counter()
            produced = generate(site_model, today(), cache)
            runs.warm.append(time.perf_counter() - start)
            runs.warm_generated.append(produced.stats.generated)
    except Exception as exc:  # noqa: BLE001 - a missing converter must not stop the other measurements
        runs.error = f"{type(exc).__name__} : {str(exc).splitlines()[0] if str(exc) else ''}"[:160]
    return runs
