"""Last-changed dates: one `git log` per build, and a clean fallback without git."""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path

import pytest

import mitkb.git_dates as git_dates
from mitkb.build import build_content
from mitkb.git_dates import parse_log, read_git_dates
from mitkb.pages import PageRenderer
from mitkb.publishing import Publishing
from mitkb.references import check_site

from .conftest import commit_all, git, init_repository



def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


@pytest.fixture
def history(tmp_path: Path) -> Path:
    """A repository with three commits on known dates; the project lives in `site/`."""
    root = tmp_path / "depot"
    init_repository(root)
    write(root / "site/guides/methodes/a.yml", "v1\n")
    write(root / "site/guides/methodes/b.yml", "v1\n")
    write(root / "README.md", "hors du projet\n")
    commit_all(root, "premier", "2025-01-10T10:00:00+01:00")
    write(root / "site/guides/methodes/a.yml", "v2\n")
    commit_all(root, "deuxième", "2025-03-05T23:30:00+01:00")
    write(root / "site/guides/modeles/c.yml", "v1\n")
    commit_all(root, "troisième", "2025-06-01T08:00:00+02:00")
    return root


def test_each_file_gets_the_date_of_its_last_commit(history: Path):
    dates = read_git_dates(history / "site")
    assert dates.available
    assert dates.prefix == "site/"
    assert dates.dates == {
        "guides/methodes/a.yml": dt.date(2025, 3, 5),  # the committer's own day, not UTC's
        "guides/methodes/b.yml": dt.date(2025, 1, 10),
        "guides/modeles/c.yml": dt.date(2025, 6, 1),
    }


def test_a_merged_branch_is_dated_by_its_merge(history: Path):
    git(history, "switch", "-q", "-c", "branche")
    write(history / "site/guides/methodes/b.yml", "v2\n")
    commit_all(history, "sur la branche", "2025-07-01T09:00:00+02:00")
    git(history, "switch", "-q", "main")
    write(history / "site/guides/methodes/a.yml", "v3\n")
    commit_all(history, "sur main", "2025-07-02T09:00:00+02:00")
    git(history, "merge", "-q", "--no-ff", "-m", "fusion", "branche", date="2025-07-15T09:00:00+02:00")
    dates = read_git_dates(history / "site").dates
    assert dates["guides/methodes/b.yml"] == dt.date(2025, 7, 15)  # published when merged
    assert dates["guides/methodes/a.yml"] == dt.date(2025, 7, 2)


def test_shallow_clone_leaves_out_files_older_than_the_fetched_history(history: Path, tmp_path: Path):
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", "--depth", "2", f"file://{history}", str(clone)], check=True,
                   capture_output=True)
    dates = read_git_dates(clone / "site")
    assert dates.available
    # c.yml changed in the newest commit: known. a.yml's last change is the boundary commit,
    # b.yml's lies beyond it: both unknown rather than wrong.
    assert dates.dates == {"guides/modeles/c.yml": dt.date(2025, 6, 1)}


def test_outside_a_git_checkout_there_are_no_dates(tmp_path: Path):
    write(tmp_path / "guides/methodes/a.yml", "v1\n")
    dates = read_git_dates(tmp_path)
    assert not dates.available and dates.dates == {}
    assert "pas de dépôt git" in dates.reason


def test_without_git_there_are_no_dates(tmp_path: Path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path / "vide"))
    dates = read_git_dates(tmp_path)
    assert not dates.available and dates.dates == {}
    assert "git est introuvable" in dates.reason


def test_a_repository_without_commits_has_no_dates(tmp_path: Path):
    init_repository(tmp_path)
    dates = read_git_dates(tmp_path)
    assert dates.dates == {} and not dates.available


def test_parse_log_keeps_the_newest_date_of_each_path():
    output = (
        "\x1eaaa\x1f2025-05-02T10:00:00+02:00\n\nguides/x.yml\n"
        "\x1ebbb\x1f2025-04-01T10:00:00+02:00\n\nguides/x.yml\nguides/y.yml\n"
    )
    assert parse_log(output) == {"guides/x.yml": dt.date(2025, 5, 2), "guides/y.yml": dt.date(2025, 4, 1)}
    assert parse_log(output, frozenset({"bbb"})) == {"guides/x.yml": dt.date(2025, 5, 2)}


def test_one_git_log_for_the_whole_build(tiny_site: Path, monkeypatch):
    init_repository(tiny_site)
    commit_all(tiny_site, "contenu", "2026-02-03T12:00:00+01:00")
    calls = []
    real_run = subprocess.run

    def counting_run(command, *args, **kwargs):
        calls.append(command)
        return real_run(command, *args, **kwargs)

    monkeypatch.setattr(git_dates.subprocess, "run", counting_run)
    result = build_content(tiny_site, dt.date(2026, 11, 27), documents=False)
    assert sum(1 for command in calls if "log" in command) == 1
    guide = next(p for p in result.pages if p.path == "methodes/suivre-step.md").markdown
    assert "Dernière modification le 3 février 2026" in guide
    template = next(p for p in result.pages if p.path == "modeles/lettre-consultation.md").markdown
    assert "Dernière modification le 3 février 2026" in template


def test_pages_omit_the_date_outside_a_git_checkout(tiny_site: Path):
    result = build_content(tiny_site, dt.date(2026, 11, 27), documents=False)
    assert not any("Dernière modification" in page.markdown for page in result.pages)
    assert not result.publishing.git.available
    assert any("pas de dépôt git" in note for note in result.publishing.notes())


def test_without_publishing_information_pages_are_unchanged(tiny_site: Path):
    site, errors = check_site(tiny_site, dt.date(2026, 11, 27))
    assert errors == []
    plain = PageRenderer(site, dt.date(2026, 11, 27)).all_pages()
    explicit = PageRenderer(site, dt.date(2026, 11, 27), publishing=Publishing()).all_pages()
    assert plain == explicit
    assert not any("mitkb-page-actions" in page.markdown for page in plain)
