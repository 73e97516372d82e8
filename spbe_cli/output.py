"""The one place that writes outputs: atomically, never over an input, `-` for stdout."""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from spbe_cli.errors import OutputError, Problem


@dataclass(frozen=True)
class Protected:
    """Input files an output must never replace: resolved paths and (device, inode) pairs,
    so a symlink or a hard link to an input is caught too. Computed once per run."""

    paths: frozenset[Path]
    inodes: frozenset[tuple[int, int]]

    def covers(self, target: Path) -> bool:
        try:
            if target.resolve() in self.paths:
                return True
            st = target.stat()
        except OSError:
            return False
        return (st.st_dev, st.st_ino) in self.inodes


def protect(inputs: Iterable[Path]) -> Protected:
    paths, inodes = set(), set()
    for p in inputs:
        try:
            paths.add(p.resolve())
            st = p.stat()
            inodes.add((st.st_dev, st.st_ino))
        except OSError:
            continue
    return Protected(frozenset(paths), frozenset(inodes))


def write(
    target: str, data: str | bytes, inputs: Iterable[Path] | Protected = (), durable: bool = True
) -> None:
    """Write text or bytes to `target` via a temporary file and a rename (`-`: stdout).

    An interrupted run leaves the previous file intact, never half a file. `inputs` are
    never overwritten. `durable` also fsyncs (skipped for the many files of a batch, where
    the rename alone keeps each file whole)."""
    if target == "-":
        if isinstance(data, bytes):
            sys.stdout.buffer.write(data)
        else:
            sys.stdout.write(data)
        sys.stdout.flush()
        return
    path = Path(target)
    protected = inputs if isinstance(inputs, Protected) else protect(inputs)
    if protected.covers(path):
        raise OutputError([Problem(target, "", "refusing to overwrite an input file")])
    if path.is_dir():
        raise OutputError([Problem(target, "", "is a folder; give a file name")])
    parent = path.parent if str(path.parent) else Path(".")
    if not parent.is_dir():
        raise OutputError([Problem(target, "", f"folder {parent} does not exist")])
    payload = data.encode("utf-8") if isinstance(data, str) else data
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=parent)
    except OSError as e:
        raise OutputError([Problem(target, "", f"cannot write: {e.strerror}")]) from None
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(payload)
            if durable:
                f.flush()
                os.fsync(f.fileno())
        os.replace(tmp, path)
    except OSError as e:
        Path(tmp).unlink(missing_ok=True)
        raise OutputError([Problem(target, "", f"cannot write: {e.strerror}")]) from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
