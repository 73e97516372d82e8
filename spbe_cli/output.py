"""The one place that writes outputs: atomically, never over an input, `-` for stdout."""

from __future__ import annotations

import os
import stat
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


def _umask() -> int:
    mask = os.umask(0o022)  # the only way to read it; set back at once
    os.umask(mask)
    return mask


def _cannot(target: str, e: OSError) -> OutputError:
    return OutputError([Problem(target, "", f"cannot write: {e.strerror or e}")])


def stage(folder: Path, data: str | bytes, hint: str = "spbe", durable: bool = False) -> Path:
    """Step one of an atomic write: the data in a new hidden temporary file in `folder`
    (on the target's file system, so the rename of `commit` is atomic). `durable` fsyncs."""
    payload = data.encode("utf-8") if isinstance(data, str) else data
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{hint}.", suffix=".tmp", dir=folder)
    except OSError as e:
        raise _cannot(str(folder / hint), e) from None
    try:
        if hasattr(os, "fchmod"):  # mkstemp makes 0600; a result is as readable as any file
            os.fchmod(fd, 0o666 & ~_umask())
        with os.fdopen(fd, "wb") as f:
            f.write(payload)
            if durable:
                f.flush()
                os.fsync(f.fileno())
    except OSError as e:
        Path(tmp).unlink(missing_ok=True)
        raise _cannot(str(folder / hint), e) from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return Path(tmp)


def _check_target(target: str, protected: Protected) -> tuple[Path, int | None]:
    """The target as a path, and the permissions of the file already there (None: none)."""
    path = Path(target)
    try:
        st = path.stat()
    except FileNotFoundError:  # nothing there (or a dangling link): no input, no folder
        return path, None
    except OSError as e:
        raise _cannot(target, e) from None
    if protected.covers(path):
        raise OutputError([Problem(target, "", "refusing to overwrite an input file")])
    if stat.S_ISDIR(st.st_mode):
        raise OutputError([Problem(target, "", "is a folder; give a file name")])
    return path, stat.S_IMODE(st.st_mode)


def commit(tmp: Path, target: str, protected: Protected) -> None:
    """Step two: the staged file becomes `target` in one rename, keeping the permissions of
    the file it replaces. The staged file is gone afterwards, whatever happens."""
    done = False
    try:
        path, mode = _check_target(target, protected)
        if mode is not None:
            os.chmod(tmp, mode)
        os.replace(tmp, path)
        done = True
    except OSError as e:
        raise _cannot(target, e) from None
    finally:
        if not done:
            tmp.unlink(missing_ok=True)


def discard(staged: Iterable[Path]) -> None:
    for tmp in staged:
        tmp.unlink(missing_ok=True)


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
    protected = inputs if isinstance(inputs, Protected) else protect(inputs)
    path, _ = _check_target(target, protected)  # before anything is staged
    parent = path.parent if str(path.parent) else Path(".")
    if not parent.is_dir():
        raise OutputError([Problem(target, "", f"folder {parent} does not exist")])
    commit(stage(parent, data, path.name, durable), target, protected)
