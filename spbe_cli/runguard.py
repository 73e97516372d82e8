"""A batch run's guard: SIGTERM and SIGHUP end it the way Ctrl-C does (workers stopped,
staged files removed), and one run at a time writes into an output folder."""

from __future__ import annotations

import datetime as dt
import os
import re
import signal
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType

from spbe_cli.errors import OutputError, Problem, os_reason
from spbe_cli.i18n import Msg, msg

# Windows has neither (a console close arrives as Ctrl-C there): only those that exist.
STOP_SIGNALS = tuple(getattr(signal, n) for n in ("SIGTERM", "SIGHUP") if hasattr(signal, n))
LOCK_NAME = ".spbe-batch.lock"


class Stopped(KeyboardInterrupt):
    """A stop signal arrived: handled wherever Ctrl-C is, then the run exits 128 + signal."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum

    @property
    def name(self) -> str:
        return signal.Signals(self.signum).name


def _raise(signum: int, _frame: FrameType | None) -> None:
    raise Stopped(signum)


@contextmanager
def stop_signals_interrupt() -> Iterator[None]:
    """Inside: SIGTERM and SIGHUP raise `Stopped` in the main thread (elsewhere a handler
    cannot be set, and nothing changes)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    old = {s: signal.signal(s, _raise) for s in STOP_SIGNALS}
    try:
        yield
    finally:
        for s, handler in old.items():
            signal.signal(s, handler)


def worker_init() -> None:
    """A worker process leaves stop signals to the main process, which stops the workers
    and removes what they staged (a worker killed mid-file would leave its file behind)."""
    for s in STOP_SIGNALS:
        signal.signal(s, signal.SIG_IGN)


def _try_lock(fd: int) -> bool:
    try:
        if os.name == "nt":
            import msvcrt  # import cost: none; it exists on Windows only

            os.lseek(fd, _WIN_LOCK_AT, os.SEEK_SET)  # beyond the text, which stays readable
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)  # type: ignore[attr-defined]
        else:
            import fcntl  # import cost: none; it exists on POSIX only

            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


_WIN_LOCK_AT = 1 << 20


def _holder(fd: int) -> Msg | str:
    """What the lock file says about its holder (written by spbe, language-free)."""
    try:
        os.lseek(fd, 0, os.SEEK_SET)
        text = os.read(fd, 300).decode("utf-8", "replace").strip()
    except OSError:
        text = ""
    found = _HOLDER.fullmatch(text)
    if found:
        return msg("output.lock.holder", pid=found[1], host=found[2], since=found[3])
    return text or msg("output.lock.someone")


# What `locked` writes into the lock file, put back into the reader's words.
_HOLDER = re.compile(r"pid (\d+) on (.+) since (.+)")


@contextmanager
def locked(folder: Path) -> Iterator[None]:
    """Hold an advisory lock on an output folder while a run writes into it; a second run
    is refused at once and told who holds it. The lock file is removed at the end."""
    path = folder / LOCK_NAME
    while True:
        try:
            fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o666)
        except OSError as e:
            why = msg("output.lock.cannot", why=os_reason(e))
            raise OutputError([Problem(str(folder), "", why)]) from None
        if not _try_lock(fd):
            holder = _holder(fd)
            os.close(fd)
            busy = msg("output.lock.busy", holder=holder)
            raise OutputError([Problem(str(folder), "", busy)])
        try:  # the previous holder may have removed the file between our open and lock
            if os.path.samestat(os.fstat(fd), os.stat(path)):
                break
        except OSError:
            pass
        os.close(fd)
    since = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M:%S UTC")
    os.lseek(fd, 0, os.SEEK_SET)
    os.ftruncate(fd, 0)
    os.write(fd, f"pid {os.getpid()} on {socket.gethostname()} since {since}\n".encode())
    try:
        yield
    finally:
        if os.name != "nt":  # removed while still locked, so no third run can slip in
            _unlink(path)
        os.close(fd)  # releases the lock
        if os.name == "nt":  # Windows cannot remove an open file; a leftover is harmless
            _unlink(path)


def _unlink(path: Path) -> None:
    try:
        path.unlink()
    except OSError:
        pass
