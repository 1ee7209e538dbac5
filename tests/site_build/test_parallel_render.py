"""A large site's Markdown rendered by a forked copy of the build
(mitkb.adapters.mkdocs_parallel): same site, same messages, and the build's own
rendering whenever the copy saw other Markdown."""

from __future__ import annotations

import logging
import os
import re
import threading
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

from mitkb.adapters.mkdocs_parallel import ParallelRender, _digest, parallel_wanted


def _build(project: Path, destination: str, parallel: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, MITKB_DATE="2026-11-27", NO_MKDOCS_2_WARNING="1", MITKB_PARALLEL=parallel,
               MITKB_INDEX_SEARCH="0")
    return subprocess.run([sys.executable, "-m", "mitkb.cli", "--racine", str(project), "build", destination],
                          capture_output=True, text=True, env=env, cwd=project)


def _files(site: Path) -> dict[str, bytes]:
    return {path.relative_to(site).as_posix(): path.read_bytes() for path in sorted(site.rglob("*")) if path.is_file()}


def _add_pages(project: Path, body: str, count: int = 6) -> None:
    for number in range(count):
        (project / "docs" / f"page-{number}.md").write_text(f"# Page {number}\n\n{body.format(n=number)}\n",
                                                           encoding="utf-8")


def test_the_site_is_the_same_byte_for_byte(tiny_site: Path):
    _add_pages(tiny_site, "Voir la [page suivante](page-{n}.md#page-{n}) et l'[accueil](index.md).")
    serial, parallel = _build(tiny_site, "serie", "0"), _build(tiny_site, "parallele", "1")
    assert serial.returncode == 0, serial.stderr
    assert parallel.returncode == 0, parallel.stderr
    assert "Rendu sur deux cœurs" not in serial.stderr
    used = int(re.search(r"Rendu sur deux cœurs : (\d+) pages", parallel.stderr).group(1))
    assert used >= 6, parallel.stderr
    assert _files(tiny_site / "serie") == _files(tiny_site / "parallele")


def test_warnings_of_pages_rendered_by_the_copy_are_reported_once(tiny_site: Path):
    _add_pages(tiny_site, "Un [lien cassé](absente-{n}.md).")
    serial, parallel = _build(tiny_site, "serie", "0"), _build(tiny_site, "parallele", "1")
    assert serial.returncode == parallel.returncode == 1

    def warnings(stderr: str) -> list[str]:
        return sorted(line for line in stderr.splitlines() if "absente-" in line)

    assert len(warnings(serial.stderr)) == 6
    assert warnings(parallel.stderr) == warnings(serial.stderr)


def _waiting_render(results: dict) -> ParallelRender:
    """A ParallelRender whose copy has finished and sent ``results`` (no fork)."""
    parallel = object.__new__(ParallelRender)
    parallel.offered, parallel.used = {"a.md", "b.md"}, 0
    parallel._results, parallel._done, parallel._arrived = dict(results), True, threading.Condition()
    return parallel


def _result(markdown: str, content: str) -> dict:
    return {"digest": _digest(markdown), "content": content, "toc": [], "title": "A", "anchors": set(),
            "links": None, "messages": [("mkdocs.test", logging.WARNING, "venu de la copie")]}


def test_the_copy_result_is_used_only_for_the_very_markdown_it_converted(caplog):
    page = SimpleNamespace(file=SimpleNamespace(src_uri="a.md"), markdown="# A\n\nTexte", content=None)
    parallel = _waiting_render({"a.md": _result("# A\n\nTexte", "<h1>A</h1>")})
    with caplog.at_level(logging.WARNING, logger="mkdocs.test"):
        assert parallel._apply(page, files=None)
    assert page.content == "<h1>A</h1>" and page._title_from_render == "A" and parallel.used == 1
    assert "venu de la copie" in caplog.text, "the copy's messages are logged by the build"

    other = SimpleNamespace(file=SimpleNamespace(src_uri="a.md"), markdown="# A\n\nAutre texte", content=None)
    assert not _waiting_render({"a.md": _result("# A\n\nTexte", "<h1>A</h1>")})._apply(other, files=None)
    assert other.content is None, "other Markdown: the build renders the page itself"
    failed = SimpleNamespace(file=SimpleNamespace(src_uri="b.md"), markdown="# B", content=None)
    assert not _waiting_render({"b.md": None})._apply(failed, files=None), "the copy failed on it"
    not_offered = SimpleNamespace(file=SimpleNamespace(src_uri="c.md"), markdown="# C", content=None)
    assert not _waiting_render({})._apply(not_offered, files=None)


def test_only_large_sites_on_several_cores_are_split(monkeypatch):
    from mitkb.adapters import mkdocs_parallel

    monkeypatch.setattr(mkdocs_parallel, "usable_cores", lambda: 2)
    assert not parallel_wanted(100, {})
    assert parallel_wanted(1000, {})
    assert not parallel_wanted(1000, {"MITKB_PARALLEL": "0"})
    assert parallel_wanted(3, {"MITKB_PARALLEL": "1"})
    monkeypatch.setattr(mkdocs_parallel, "usable_cores", lambda: 1)
    assert not parallel_wanted(1000, {})
