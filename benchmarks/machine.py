"""Describe the machine a benchmark ran on (quoted with the results)."""

from __future__ import annotations

import datetime as dt
import os
import platform
import subprocess
import sys
from importlib import metadata
from pathlib import Path


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def _memory_gib() -> str:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return f"{int(line.split()[1]) / 1024 / 1024:.1f} Gio"
    except OSError:
        pass
    return "inconnue"


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "absent"


def _chromium_version(path: str | None) -> str:
    if not path:
        return "absent"
    try:
        out = subprocess.run([path, "--version"], capture_output=True, text=True, timeout=20, check=False).stdout.strip()
        return out or path
    except (OSError, subprocess.SubprocessError):
        return path


def load_average() -> str:
    """The system load over 1, 5 and 15 minutes: other work on the machine skews timings."""
    try:
        return " / ".join(f"{value:.2f}" for value in os.getloadavg())
    except OSError:
        return "inconnue"


def describe_machine(chromium: str | None = None) -> list[tuple[str, str]]:
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return [
        ("Date", dt.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z")),
        ("Processeur", _cpu_model()),
        ("Cœurs utilisables", f"{usable} (sur {os.cpu_count()})"),
        ("Mémoire vive", _memory_gib()),
        ("Système", platform.platform()),
        ("Python", sys.version.split()[0]),
        ("MkDocs", _version("mkdocs")),
        ("Material for MkDocs", _version("mkdocs-material")),
        ("mkdocs-macros-plugin", _version("mkdocs-macros-plugin")),
        ("Python-Markdown", _version("Markdown")),
        ("Pagefind (paquet Python)", _version("pagefind")),
        ("Chromium", _chromium_version(chromium)),
    ]
