"""Functions that end the process they run in, as calamine does on some inputs: module-level,
so that a spawned child (Windows, macOS) can import them by name."""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

from spbe_cli.batch import Job, score_one
from spbe_cli.errors import InputError, Problem
from spbe_cli.limits import Limits
from spbe_cli.outcome import Outcome

MIB = 1024 * 1024


def killed(*_: object) -> None:
    """Dies by a signal, as calamine's abort does (without its report)."""
    os.kill(os.getpid(), signal.SIGKILL)


def greedy(megabytes: int) -> int:
    """Asks for `megabytes` of memory at once; the size of what it got."""
    return len(bytearray(megabytes * MIB))


def spinning(seconds: float) -> int:
    """Busy for `seconds` of wall time (processor time, on an idle machine)."""
    end, n = time.monotonic() + seconds, 0
    while time.monotonic() < end:
        n += 1
    return n


def located(path: Path) -> None:
    """An expected failure: it crosses the process boundary with its location."""
    raise InputError([Problem(str(path), "Jawaban!C14", "level 7 is outside 1–5")])


def reader_that_kills(path: Path, limits: Limits) -> None:
    """In place of readers.read_answers: the process dies while reading."""
    killed()


def reader_that_overeats(path: Path, limits: Limits) -> None:
    """In place of readers.read_answers: twice the memory the child may have."""
    greedy(2 * limits.reader_memory_bytes // MIB)


def kill_on_third(n: int) -> int:
    """For a pool: the item 3 takes its worker down; every other item is squared."""
    if n == 3:
        killed()
    return n * n


def worker_that_kills_kab_03(args: tuple[Path, Job]) -> Outcome:
    """In place of batch._worker: the worker dies on kab-03.xlsx, scores the others."""
    if args[0].name == "kab-03.xlsx":
        killed()
    return score_one(*args)


MARK = "unmarked"
_CALLS = 0


def mark() -> None:
    """A worker initializer: what it sets is seen by every item of that worker."""
    global MARK
    MARK = "marked"


def marked_but_third_dies_in_a_pool(n: int) -> str:
    """MARK; the item 3 takes its worker down unless it is the first item of its process
    (so it dies in a pool that has done other items, and is answered when run alone)."""
    global _CALLS
    _CALLS += 1
    if n == 3 and _CALLS > 1:
        killed()
    return MARK
