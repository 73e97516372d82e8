"""A headless Chromium driven over its DevTools pipe (POSIX): the browser reads commands on
fd 3 and writes replies and events on fd 4, JSON messages ended by a NUL byte.

Each page to print is a small generator that yields DevTools commands and receives their
results, so that several tabs can print at once through one pipe (`Browser.run`).
"""

from __future__ import annotations

import json
import os
import select
import time
from collections.abc import Generator, Iterable, Iterator
from pathlib import Path
from typing import Any, TypeVar

K = TypeVar("K")
# (method, params, session id); the method "event:NAME" waits for that event instead.
Request = tuple[str, dict[str, Any], str | None]
Job = Generator[Request, dict[str, Any], bytes]


class BrowserGone(Exception):
    """The browser ended, or said nothing for `timeout` seconds (`timed_out`)."""

    def __init__(self, detail: str, timed_out: bool = False) -> None:
        super().__init__(detail)
        self.timed_out = timed_out


class CommandFailed(Exception):
    """The browser answered a command with an error."""


class Browser:
    def __init__(self, argv: list[str], log: Path, timeout: float) -> None:
        self.timeout = timeout
        self._buf = b""
        self._next = 0
        to_browser, self._out = os.pipe()
        self._in, from_browser = os.pipe()
        # The browser's ends are moved above 10 first, so that no dup2 below overwrites
        # another before it is used.
        high = [_above(to_browser, 10), _above(from_browser, 10)]
        err = os.open(log, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        null = os.open(os.devnull, os.O_RDWR)
        try:
            self.pid = os.posix_spawn(
                argv[0],
                [*argv, "--remote-debugging-pipe"],
                os.environ,
                file_actions=[
                    (os.POSIX_SPAWN_DUP2, null, 0),
                    (os.POSIX_SPAWN_DUP2, null, 1),
                    (os.POSIX_SPAWN_DUP2, err, 2),
                    (os.POSIX_SPAWN_DUP2, high[0], 3),
                    (os.POSIX_SPAWN_DUP2, high[1], 4),
                ],
                setsid=True,  # its own process group: stopped with all its helpers
            )
        except BaseException:
            os.close(self._in)
            os.close(self._out)
            raise
        finally:
            for fd in (*high, err, null):
                os.close(fd)

    def run(self, jobs: Iterable[tuple[K, Job]], width: int) -> Iterator[tuple[K, bytes]]:
        """Each job's bytes, as the jobs finish, with up to `width` of them at a time."""
        return _Run(self, iter(jobs), width).results()

    def send(self, method: str, params: dict[str, Any], session: str | None) -> int:
        self._next += 1
        message: dict[str, Any] = {"id": self._next, "method": method, "params": params}
        if session:
            message["sessionId"] = session
        data = json.dumps(message).encode() + b"\0"
        try:
            while data:
                data = data[os.write(self._out, data) :]
        except OSError:
            raise BrowserGone("the browser stopped") from None
        return self._next

    def receive(self) -> dict[str, Any]:
        """The next message; BrowserGone when none comes within the timeout."""
        while b"\0" not in self._buf:
            if not select.select([self._in], [], [], self.timeout)[0]:
                raise BrowserGone("no answer", timed_out=True)
            chunk = os.read(self._in, 1 << 20)
            if not chunk:
                raise BrowserGone("the browser stopped")
            self._buf += chunk
        raw, self._buf = self._buf.split(b"\0", 1)
        message: dict[str, Any] = json.loads(raw)
        return message

    def close(self, force: bool = False) -> None:
        """Ask the browser to close (or stop it), then reap it; idempotent."""
        if self.pid == 0:
            return
        if not force:
            try:
                self.send("Browser.close", {}, None)
            except BrowserGone:
                force = True
        for fd in (self._out, self._in):
            try:
                os.close(fd)
            except OSError:
                pass
        if force or not _exited(self.pid, 5.0):
            try:
                os.killpg(self.pid, 9)
            except OSError:
                pass
            os.waitpid(self.pid, 0)
        self.pid = 0


class _Run:
    """Drives several jobs through one browser: replies go to the job that sent the
    command, awaited events to the job that waits for them (or are kept until it does)."""

    def __init__(self, browser: Browser, jobs: Iterator[tuple[Any, Job]], width: int) -> None:
        self.browser, self.jobs, self.width = browser, jobs, max(1, width)
        self.replies: dict[int, tuple[Any, Job]] = {}
        self.waiting: dict[tuple[str, str | None], tuple[Any, Job]] = {}
        self.early: set[tuple[str, str | None]] = set()
        self.loading: set[str | None] = set()  # sessions whose navigation was sent
        self.active = 0
        self.done: list[tuple[Any, bytes]] = []

    def results(self) -> Iterator[tuple[Any, bytes]]:
        while True:
            while self.active < self.width and (nxt := next(self.jobs, None)) is not None:
                self.active += 1
                self._advance(*nxt, None)
            yield from self.done
            self.done.clear()
            if self.active == 0:
                return
            self._dispatch(self.browser.receive())

    def _advance(self, key: Any, job: Job, value: dict[str, Any] | None) -> None:
        try:
            method, params, session = job.send(value)  # type: ignore[arg-type]
        except StopIteration as finished:
            self.active -= 1
            self.done.append((key, finished.value))
            return
        if method == "Page.navigate":
            self.loading.add(session)
        if method.startswith("event:"):
            wanted = (method[6:], session)
            self.loading.discard(session)
            if wanted in self.early:
                self.early.discard(wanted)
                self._advance(key, job, {})
            else:
                self.waiting[wanted] = (key, job)
        else:
            self.replies[self.browser.send(method, params, session)] = (key, job)

    def _dispatch(self, message: dict[str, Any]) -> None:
        if "id" in message:
            key, job = self.replies.pop(message["id"])
            if "error" in message:
                raise CommandFailed(str(message["error"].get("message", message["error"])))
            self._advance(key, job, message.get("result", {}))
        elif message.get("method") == "Page.loadEventFired":
            event = (message["method"], message.get("sessionId"))
            if event in self.waiting:
                self._advance(*self.waiting.pop(event), {})
            elif event[1] in self.loading:  # loaded before its job asked: kept for it
                self.early.add(event)


def _above(fd: int, low: int) -> int:
    """`fd` duplicated to a number of at least `low` (the original closed)."""
    import fcntl  # import cost: none, but POSIX only (like this module's users); Windows has none

    high = fcntl.fcntl(fd, fcntl.F_DUPFD_CLOEXEC, low)
    os.close(fd)
    return high


def _exited(pid: int, seconds: float) -> bool:
    """Wait up to `seconds` for the browser to end by itself; True when it has (reaped)."""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        done, _status = os.waitpid(pid, os.WNOHANG)
        if done:
            return True
        time.sleep(0.02)
    return False
