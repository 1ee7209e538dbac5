"""Half of a long step in a second process, the other half in this one.

Preparing the pages Pagefind reads and giving its excerpts their text back are plain
Python over every page of the site: at 1,000 guides about two seconds each, one core
busy while the other waits. With two cores or more and a large site, a second Python
process takes every other item. It is a fresh interpreter running this module (not a
fork: the build or the preview may have threads; not ``multiprocessing``'s spawn either,
which runs the caller's main script again), fed by a pipe. Small sites, and machines
with one core, do the whole step here.
"""

from __future__ import annotations

import importlib
import os
import pickle
import subprocess
import sys
import threading
from typing import IO, Callable, Sequence, TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")

# Below this many items, starting a process (≈ 0.3 s) costs more than it saves.
SPLIT_FROM = 400


def usable_cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


class SecondProcess:
    """``halves(function, items, *args)``: ``function(items[1::2], *args)`` in the second
    process while ``function(items[0::2], *args)`` runs here; both results, in that order.
    ``function`` must be a module-level function (the other process imports it by name)
    whose work may be done twice: if the second process dies, its half is done here."""

    def __init__(self, split_from: int | None = None):
        self._split_from = SPLIT_FROM if split_from is None else split_from
        self._process: subprocess.Popen | None = None

    def halves(self, function: Callable[..., Result], items: Sequence[Item], *args) -> list[Result]:
        items = list(items)
        if len(items) < max(2, self._split_from) or usable_cores() < 2:
            return [function(items, *args)]
        if self._process is None:
            self._process = subprocess.Popen([sys.executable, "-c", f"import {__name__} as s; s.main()"],
                                             stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        theirs = items[1::2]
        request = pickle.dumps((function.__module__, function.__qualname__, theirs, args),
                               protocol=pickle.HIGHEST_PROTOCOL)
        # Sent by a thread: the pipe holds 64 KB and the other process may still be starting.
        sender = threading.Thread(target=_send, args=(self._process.stdin, request), daemon=True)
        sender.start()
        try:
            mine = function(items[0::2], *args)
        finally:
            sender.join()
            answer = self._answer()
        if answer is None:  # the second process died: its half is done here
            self.close()
            return [mine, function(theirs, *args)]
        status, value = answer
        if status != "ok":
            raise value
        return [mine, value]

    def _answer(self):
        try:
            return pickle.load(self._process.stdout)
        except (EOFError, pickle.UnpicklingError, OSError):
            return None

    def close(self) -> None:
        if self._process is not None:
            try:
                self._process.stdin.close()
            except OSError:
                pass
            try:
                self._process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait()
            self._process.stdout.close()
            self._process = None


def _send(stream: IO[bytes], data: bytes) -> None:
    try:
        stream.write(data)
        stream.flush()
    except OSError:  # the process died; its answer says so
        pass


def serve(requests: IO[bytes], answers: IO[bytes]) -> None:
    """The second process: run each request, answer ("ok", result) or ("erreur", exception)."""
    while True:
        try:
            module, name, items, args = pickle.load(requests)
        except EOFError:
            return
        try:
            answer = ("ok", getattr(importlib.import_module(module), name)(items, *args))
        except Exception as exc:  # given back to the caller, which raises it
            answer = ("erreur", exc)
        try:
            data = pickle.dumps(answer, protocol=pickle.HIGHEST_PROTOCOL)
        except Exception as exc:  # an exception that does not pickle
            data = pickle.dumps(("erreur", RuntimeError(f"{type(exc).__name__} : {exc}")))
        answers.write(data)
        answers.flush()


def main() -> None:
    """Entry point of the second process."""
    # Answers go to a copy of standard output; anything printed goes to standard error.
    answers = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)
    serve(sys.stdin.buffer, answers)
