"""Helpers for the publishing tests: the CLI in a subprocess, throw-away git repositories."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

REPOSITORY_ENV = ("MITKB_DEPOT_URL", "MITKB_DEPOT_BRANCHE", "MITKB_SITE_URL", "GITHUB_REPOSITORY", "GITHUB_SERVER_URL")


@pytest.fixture(autouse=True)
def no_repository_from_the_environment(monkeypatch):
    """Tests choose the repository and site address themselves (CI sets GITHUB_REPOSITORY)."""
    for name in REPOSITORY_ENV:
        monkeypatch.delenv(name, raising=False)


def mitkb(*args: str, cwd: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    environment = {k: v for k, v in os.environ.items() if k not in REPOSITORY_ENV}
    environment.update(env or {})
    return subprocess.run([sys.executable, "-m", "mitkb.cli", *args], capture_output=True, text=True,
                          cwd=cwd, env=environment)


def git(root: Path, *args: str, date: str | None = None) -> str:
    """Run git in `root` with a fixed identity (and commit date, when given)."""
    env = dict(os.environ, GIT_AUTHOR_NAME="Test", GIT_AUTHOR_EMAIL="test@example.org",
               GIT_COMMITTER_NAME="Test", GIT_COMMITTER_EMAIL="test@example.org",
               GIT_CONFIG_GLOBAL=os.devnull, GIT_CONFIG_NOSYSTEM="1")
    if date:
        env.update(GIT_AUTHOR_DATE=date, GIT_COMMITTER_DATE=date)
    result = subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True, env=env)
    assert result.returncode == 0, result.stderr
    return result.stdout


def commit_all(root: Path, message: str, date: str) -> None:
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", message, date=date)


def init_repository(root: Path) -> None:
    root.mkdir(parents=True, exist_ok=True)
    git(root, "init", "-q", "-b", "main")
