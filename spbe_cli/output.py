"""The one place that writes outputs: atomically, never over an input, `-` for stdout;
a link is written through to its target, a pipe or a device is written into, never
replaced, and anything else that is not a regular file is refused."""

from __future__ import annotations

import errno
import os
import stat
import sys
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from spbe_cli.errors import OutputError, Problem, os_reason
from spbe_cli.files import kind
from spbe_cli.i18n import msg
from spbe_cli.safetext import terminal_text


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
    return OutputError([Problem(target, "", msg("output.write.cannot", why=os_reason(e)))])


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


@dataclass(frozen=True)
class Target:
    """Where an output goes: a regular file (replaced by a rename in its real folder, a link
    written through to what it points to) or a stream (a pipe or a device, written into,
    never replaced). `mode`: the permissions of the file being replaced (None: none)."""

    path: Path
    mode: int | None = None
    stream: bool = False


def _is_stream(mode: int, real: Path) -> bool:
    # /dev/stdout and /dev/fd/N lead into /proc even when they stand for a regular file,
    # which a rename would replace behind the shell's back: written in place too.
    special = real.parts[:2] in (("/", "proc"), ("/", "dev"))
    return stat.S_ISFIFO(mode) or stat.S_ISCHR(mode) or (special and stat.S_ISREG(mode))


def _check_target(target: str, protected: Protected) -> Target:
    path = Path(target)
    try:
        st = path.stat()
    except FileNotFoundError:  # nothing there (or a dangling link): no input, no folder
        # a batch's new files are the common case: resolved only when a link is there
        return Target(Path(os.path.realpath(path)) if path.is_symlink() else path)
    except OSError as e:
        raise _cannot(target, e) from None
    real = Path(os.path.realpath(path))  # a link is written through, the link itself kept
    if protected.covers(path):
        raise OutputError([Problem(target, "", msg("output.write.input"))])
    if stat.S_ISDIR(st.st_mode):
        raise OutputError([Problem(target, "", msg("output.write.folder"))])
    if _is_stream(st.st_mode, real):
        return Target(path, stream=True)
    if not stat.S_ISREG(st.st_mode):
        why = msg("output.write.special", kind=kind(st.st_mode))
        raise OutputError([Problem(target, "", why)])
    return Target(real, stat.S_IMODE(st.st_mode))


def _stream(target: str, path: Path, payload: bytes) -> None:
    """Write into a pipe or a device in place. A pipe nobody reads is an error at once
    (opened without blocking), not a hang."""
    try:
        fd = os.open(path, os.O_WRONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    except OSError as e:
        if e.errno == errno.ENXIO:
            raise OutputError([Problem(target, "", msg("output.write.no_reader"))]) from None
        raise _cannot(target, e) from None
    try:
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)  # once open, a slow reader is waited for
        view = memoryview(payload)
        while view:
            view = view[os.write(fd, view) :]
    except OSError as e:
        raise _cannot(target, e) from None
    finally:
        os.close(fd)


def commit(tmp: Path, target: str, protected: Protected) -> None:
    """Step two: the staged file becomes `target` in one rename, keeping the permissions of
    the file it replaces (a pipe or a device gets the bytes written into it). The staged
    file is gone afterwards, whatever happens."""
    done = False
    try:
        where = _check_target(target, protected)
        if where.stream:
            _stream(target, where.path, tmp.read_bytes())
            return
        if where.mode is not None:
            os.chmod(tmp, where.mode)
        os.replace(tmp, where.path)
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
        else:  # on a terminal, text from a file cannot set its title or clear its screen
            sys.stdout.write(terminal_text(data) if sys.stdout.isatty() else data)
        sys.stdout.flush()
        return
    protected = inputs if isinstance(inputs, Protected) else protect(inputs)
    where = _check_target(target, protected)  # before anything is staged
    if where.stream:
        _stream(target, where.path, data.encode("utf-8") if isinstance(data, str) else data)
        return
    parent = where.path.parent
    if not parent.is_dir():
        shown = Path(target).parent if str(Path(target).parent) else Path(".")
        raise OutputError([Problem(target, "", msg("output.write.no_folder", folder=shown))])
    commit(stage(parent, data, where.path.name, durable), target, protected)
