"""When each file last changed, read from git history once per build.

One ``git log`` for the whole tree, parsed into a map from path (relative to the
project root) to the date of the last commit that touched it. A per-file
``git log`` is what makes "last updated" features slow down big builds.

Outside a git checkout, when git is missing, or for files that only exist in
the working tree, there is simply no date: pages then omit the line.
In a shallow clone (CI checkouts fetch one commit by default), files whose last
change lies beyond the fetched history have no reliable date and are left out.
"""

from __future__ import annotations

import datetime as dt
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

GIT_TIMEOUT_SECONDS = 120
RECORD = "\x1e"  # separates commits in the log output
UNIT = "\x1f"  # separates a commit's hash from its date


@dataclass(frozen=True)
class GitDates:
    """Last commit date of each tracked file, and where the project sits in the repository."""

    dates: dict[str, dt.date] = field(default_factory=dict)
    # Date of the commit that first added each file (same log): « Nouveau guide » in « Quoi de neuf ».
    created: dict[str, dt.date] = field(default_factory=dict)
    # Path of the project root inside the repository ("" at the top, "site/" in a subfolder).
    prefix: str = ""
    available: bool = False
    shallow: bool = False  # a shallow clone: publication dates older than its history are unknown
    reason: str = ""  # why there are no dates, in French, for the build log

    def last_changed(self, path: str) -> dt.date | None:
        return self.dates.get(path)

    def first_added(self, path: str) -> dt.date | None:
        return self.created.get(path)


def _git(root: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        ["git", "-c", "core.quotePath=false", "-C", str(root), *args],
        capture_output=True, text=True, encoding="utf-8", errors="replace",
        timeout=GIT_TIMEOUT_SECONDS, stdin=subprocess.DEVNULL,
    )


def _commits(output: str, shallow_commits: frozenset[str]):
    """(day, is a shallow boundary, paths) of each commit of the log, newest first.

    ``output`` is what ``git log --format=%x1e%H%x1f%cI --name-only`` prints.
    """
    for record in output.split(RECORD):
        lines = record.strip("\n").split("\n")
        if not lines or UNIT not in lines[0]:
            continue
        commit, _, stamp = lines[0].partition(UNIT)
        day = dt.datetime.fromisoformat(stamp.strip()).date()
        yield day, commit.strip() in shallow_commits, [path.strip() for path in lines[1:] if path.strip()]


def parse_log(output: str, shallow_commits: frozenset[str] = frozenset()) -> dict[str, dt.date]:
    """Map each path to the date of the newest commit that lists it (the log is newest first).

    Files first seen in a shallow boundary commit get no date: their real last change is unknown.
    """
    dates: dict[str, dt.date] = {}
    unreliable: set[str] = set()
    for day, boundary, paths in _commits(output, shallow_commits):
        for path in paths:
            if path in dates or path in unreliable:
                continue
            if boundary:
                unreliable.add(path)
            else:
                dates[path] = day
    return dates


def parse_first_added(output: str, shallow_commits: frozenset[str] = frozenset()) -> dict[str, dt.date]:
    """Map each path to the date of the oldest commit that lists it: the one that added it.

    Same input as ``parse_log``. In a shallow clone, a boundary commit lists every file it
    holds, not only the ones it added: a file whose oldest listing is there gets no date.
    """
    created: dict[str, dt.date] = {}
    at_boundary: set[str] = set()
    for day, boundary, paths in _commits(output, shallow_commits):
        for path in paths:
            created[path] = day  # the log is newest first: the last listing wins
            (at_boundary.add if boundary else at_boundary.discard)(path)
    return {path: day for path, day in created.items() if path not in at_boundary}


def _shallow_commits(root: Path, is_shallow: str, shallow_file: str) -> frozenset[str]:
    if is_shallow.strip() != "true":
        return frozenset()
    path = Path(shallow_file.strip())
    if not path.is_absolute():
        path = root / path
    try:
        return frozenset(line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip())
    except OSError:
        return frozenset()


def read_git_dates(root: Path) -> GitDates:
    """Run one ``git log`` over the project and return every file's last commit date."""
    root = Path(root)
    try:
        info = _git(root, "rev-parse", "--show-prefix", "--is-shallow-repository", "--git-path", "shallow")
        if info.returncode != 0:
            return GitDates(reason="pas de dépôt git : les dates de dernière modification sont omises")
        prefix, is_shallow, shallow_file = (info.stdout.splitlines() + ["", "", ""])[:3]
        log = _git(
            root, "log", "--first-parent", "-m", "--no-renames", "--relative",
            f"--format={RECORD}%H{UNIT}%cI", "--name-only", "--", ".",
        )
    except FileNotFoundError:
        return GitDates(reason="git est introuvable : les dates de dernière modification sont omises")
    except (OSError, subprocess.TimeoutExpired) as exc:
        return GitDates(reason=f"lecture de l'historique git impossible ({exc}) : dates omises")
    if log.returncode != 0:
        # A repository without any commit yet, for instance.
        return GitDates(prefix=prefix.strip(), reason="historique git illisible : dates omises")
    shallow = _shallow_commits(root, is_shallow, shallow_file)
    dates = parse_log(log.stdout, shallow)
    return GitDates(dates=dates, created=parse_first_added(log.stdout, shallow), prefix=prefix.strip(),
                    available=True, shallow=bool(shallow))
