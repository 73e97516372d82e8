"""HTML report → A4 PDF, printed by a Chromium-family browser already on the machine.

No browser is downloaded and nothing is installed: Chromium, Google Chrome or Microsoft
Edge is found in `SPBE_BROWSER`, on PATH or where they usually live, and run headless with
networking disabled, a fresh temporary profile and a timeout. Where `os.posix_spawn`
exists (Linux, macOS) one browser is driven over its DevTools pipe and serves any number
of PDFs (`PdfSession`); elsewhere (Windows) each PDF is one `--print-to-pdf` run.
"""

from __future__ import annotations

import base64
import json
import os
import select
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Mapping
from pathlib import Path
from types import TracebackType
from typing import Any, Literal

from spbe_cli.errors import OutputError, Problem
from spbe_cli.i18n import Lang, t

DEFAULT_TIMEOUT = 60.0  # seconds for one PDF (or for starting the browser)
Mode = Literal["pipe", "oneshot"]

# Names on PATH, then the usual install locations, per platform.
_NAMES = (
    "chromium",
    "chromium-browser",
    "google-chrome",
    "google-chrome-stable",
    "chrome",
    "microsoft-edge",
    "microsoft-edge-stable",
    "msedge",
)
_LINUX = (
    "/usr/bin/chromium",
    "/usr/bin/chromium-browser",
    "/snap/bin/chromium",
    "/usr/bin/google-chrome",
    "/opt/google/chrome/chrome",
    "/usr/bin/microsoft-edge",
    "/opt/microsoft/msedge/msedge",
)
_MAC_APPS = (
    "Google Chrome.app/Contents/MacOS/Google Chrome",
    "Chromium.app/Contents/MacOS/Chromium",
    "Microsoft Edge.app/Contents/MacOS/Microsoft Edge",
)
_WINDOWS = (
    r"Google\Chrome\Application\chrome.exe",
    r"Microsoft\Edge\Application\msedge.exe",
    r"Chromium\Application\chrome.exe",
)

# Headless, no first-run work, no background or component traffic, no QUIC, every host
# name unresolvable: a report is one self-contained file and needs nothing. (Scripts are
# stopped by the document's policy below: `--blink-settings=scriptEnabled=false` would
# also stop `--print-to-pdf` from printing.)
_FLAGS = (
    "--headless",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--disable-default-apps",
    "--no-first-run",
    "--no-default-browser-check",
    "--disable-quic",
    "--mute-audio",
    "--hide-scrollbars",
    "--host-resolver-rules=MAP * ~NOTFOUND",
)
# The document may load nothing and run no script (inline CSS and SVG are all it has).
_CSP = (
    '<meta http-equiv="Content-Security-Policy" content="default-src \'none\';'
    " style-src 'unsafe-inline'; img-src data:; font-src data:\">"
)


class PdfError(OutputError):
    """No browser, or the browser could not print (exit code 2 like every SpbeError)."""


def _problem(lang: Lang, key: str, **params: object) -> PdfError:
    return PdfError([Problem("", "PDF", t(lang, key, **params))])


def timeout_from_env(env: Mapping[str, str]) -> float:
    """`SPBE_PDF_TIMEOUT` seconds (a positive number), else the default."""
    try:
        value = float(env.get("SPBE_PDF_TIMEOUT", "").strip())
    except ValueError:
        return DEFAULT_TIMEOUT
    return value if value > 0 else DEFAULT_TIMEOUT


def candidates(env: Mapping[str, str], platform: str = sys.platform) -> list[str]:
    """Where a Chromium-family browser may be, in the order they are tried."""
    found = [p for name in _NAMES if (p := shutil.which(name, path=env.get("PATH", "")))]
    if platform == "darwin":
        homes = ["/Applications", str(Path(env.get("HOME", "~")) / "Applications")]
        found += [f"{home}/{app}" for home in homes for app in _MAC_APPS]
    elif platform == "win32":
        roots = [env.get(k, "") for k in ("PROGRAMFILES", "PROGRAMFILES(X86)", "LOCALAPPDATA")]
        found += [str(Path(r) / exe) for r in roots if r for exe in _WINDOWS]
    else:
        found += list(_LINUX)
    return found


def find_browser(
    env: Mapping[str, str], lang: Lang = "id", locations: list[str] | None = None
) -> str:
    """The browser to print with: `SPBE_BROWSER` (which must work), else the first found."""
    chosen = env.get("SPBE_BROWSER", "").strip()
    if chosen:
        path = shutil.which(chosen, path=env.get("PATH", "")) or chosen
        if Path(path).is_file() and os.access(path, os.X_OK):
            return path
        raise _problem(lang, "pdf_bad_browser", path=chosen, hint=t(lang, "pdf_hint"))
    for path in candidates(env) if locations is None else locations:
        if Path(path).is_file() and os.access(path, os.X_OK):
            return path
    raise _problem(lang, "pdf_no_browser", hint=t(lang, "pdf_hint"))


def _flags(profile: Path) -> list[str]:
    flags = [*_FLAGS, f"--user-data-dir={profile}"]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        flags.append("--no-sandbox")  # Chromium refuses to start as root with its sandbox
    return flags


def _lockdown(html: str) -> str:
    """The HTML with a Content-Security-Policy that lets it load nothing from anywhere."""
    head = html.find("<head>")
    if head < 0:
        return _CSP + html
    return html[: head + 6] + _CSP + html[head + 6 :]


def _pdf_bytes(data: bytes, browser: str, lang: Lang) -> bytes:
    if not data.startswith(b"%PDF-"):
        raise _problem(lang, "pdf_failed", browser=browser, detail="no PDF came back")
    return data


def render_pdf(
    html: str, *, browser: str | None = None, timeout: float | None = None, lang: Lang = "id"
) -> bytes:
    """One HTML document printed to A4 PDF bytes (a browser started and stopped for it).

    `browser` None: found through `find_browser(os.environ)`; `timeout` None: from
    `SPBE_PDF_TIMEOUT`, else 60 s. Raises PdfError (no browser, timeout, a failed print)."""
    with PdfSession(browser=browser, timeout=timeout, lang=lang) as session:
        return session.render(html)


class PdfSession:
    """One browser for many PDFs: `with PdfSession() as s: s.render(html)`.

    The browser starts on the first `render` and stops (its temporary profile removed) on
    leaving the `with` block, also after an error or an interrupt."""

    def __init__(
        self,
        *,
        browser: str | None = None,
        timeout: float | None = None,
        lang: Lang = "id",
        mode: Mode | None = None,
    ) -> None:
        self.lang: Lang = lang
        self.browser = browser or find_browser(os.environ, lang)
        self.timeout = timeout or timeout_from_env(os.environ)
        self.mode: Mode = mode or ("pipe" if hasattr(os, "posix_spawn") else "oneshot")
        self._dir: Path | None = None
        self._pipe: _Pipe | None = None
        self._count = 0

    def __enter__(self) -> PdfSession:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def render(self, html: str) -> bytes:
        if self._dir is None:
            self._dir = Path(tempfile.mkdtemp(prefix="spbe-pdf-"))
        self._count += 1
        page = self._dir / f"page-{self._count}.html"
        page.write_text(_lockdown(html), encoding="utf-8")
        try:
            if self.mode == "oneshot":
                data = _oneshot(self.browser, page, self._dir, self.timeout, self.lang)
            else:
                data = self._print_over_pipe(page)
        finally:
            page.unlink(missing_ok=True)
        return _pdf_bytes(data, self.browser, self.lang)

    def _print_over_pipe(self, page: Path) -> bytes:
        assert self._dir is not None
        if self._pipe is None:
            try:
                self._pipe = _Pipe(self.browser, self._dir, self.timeout, self.lang)
            except NotImplementedError:  # posix_spawn without setsid (an old macOS)
                self.mode = "oneshot"
                return _oneshot(self.browser, page, self._dir, self.timeout, self.lang)
        return self._pipe.print_page(page)

    def close(self) -> None:
        if self._pipe is not None:
            self._pipe.close()
            self._pipe = None
        if self._dir is not None:
            _remove_tree(self._dir)
            self._dir = None


def _remove_tree(folder: Path) -> None:
    """Remove the temporary profile; a browser on Windows may hold a file for a moment."""
    for _ in range(10):
        shutil.rmtree(folder, ignore_errors=True)
        if not folder.exists():
            return
        time.sleep(0.2)


# What Chromium prints on every start on a machine without a desktop session: never the
# reason it failed, so left out of the message.
_NOISE = ("dbus", "Fontconfig", "DevTools listening")


def _tail(path: Path, lines: int = 3) -> str:
    """The last lines the browser wrote to stderr that may say why it failed."""
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ""
    useful = [x.strip() for x in text.splitlines() if x.strip()]
    return " / ".join([x for x in useful if not any(n in x for n in _NOISE)][-lines:])


def _oneshot(browser: str, page: Path, folder: Path, timeout: float, lang: Lang) -> bytes:
    """One `--print-to-pdf` run (no header or footer but the report's own)."""
    target = folder / "out.pdf"
    target.unlink(missing_ok=True)
    log = folder / "browser.log"
    argv = [
        browser,
        *_flags(folder / "profile"),
        f"--print-to-pdf={target}",
        "--no-pdf-header-footer",  # current name of the flag
        "--print-to-pdf-no-header",  # its name before Chrome 120
        page.as_uri(),
    ]
    posix = os.name == "posix"
    with log.open("wb") as err:
        proc = subprocess.Popen(
            argv,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=err,
            start_new_session=posix,
        )
        try:
            proc.wait(timeout)
        except subprocess.TimeoutExpired:
            _kill(proc.pid, posix)
            proc.wait()
            raise _problem(lang, "pdf_timeout", browser=browser, seconds=f"{timeout:g}") from None
        except BaseException:
            _kill(proc.pid, posix)
            proc.wait()
            raise
    if not target.is_file():
        detail = _tail(log) or f"exit code {proc.returncode}"
        raise _problem(lang, "pdf_failed", browser=browser, detail=detail)
    return target.read_bytes()


def _kill(pid: int, group: bool) -> None:
    """Stop the browser and (on POSIX, where it leads its own session) its helpers."""
    try:
        if group:
            os.killpg(pid, 9)
        else:
            os.kill(pid, 9)
    except OSError:
        pass


class _Pipe:
    """A headless browser driven over the DevTools protocol on fds 3 and 4 (POSIX)."""

    def __init__(self, browser: str, folder: Path, timeout: float, lang: Lang) -> None:
        self.browser, self.timeout, self.lang = browser, timeout, lang
        self.log = folder / "browser.log"
        self._buf = b""
        self._events: list[dict[str, Any]] = []
        self._next = 0
        self.pid = self._spawn(folder)

    def _spawn(self, folder: Path) -> int:
        to_browser, self._out = os.pipe()
        self._in, from_browser = os.pipe()
        # The browser reads commands on fd 3 and writes replies on fd 4; its ends are moved
        # above 10 first, so that no dup2 below overwrites another before it is used.
        high = [_above(to_browser, 10), _above(from_browser, 10)]
        log = os.open(self.log, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        null = os.open(os.devnull, os.O_RDWR)
        argv = [self.browser, *_flags(folder / "profile"), "--remote-debugging-pipe"]
        try:
            return os.posix_spawn(
                self.browser,
                argv,
                os.environ,
                file_actions=[
                    (os.POSIX_SPAWN_DUP2, null, 0),
                    (os.POSIX_SPAWN_DUP2, null, 1),
                    (os.POSIX_SPAWN_DUP2, log, 2),
                    (os.POSIX_SPAWN_DUP2, high[0], 3),
                    (os.POSIX_SPAWN_DUP2, high[1], 4),
                ],
                setsid=True,
            )
        except (OSError, NotImplementedError) as e:
            os.close(self._in)
            os.close(self._out)
            if isinstance(e, NotImplementedError):
                raise
            raise _problem(
                self.lang, "pdf_failed", browser=self.browser, detail=e.strerror or str(e)
            ) from None
        finally:
            for fd in (*high, log, null):
                os.close(fd)

    def call(
        self, method: str, params: dict[str, Any], deadline: float, session: str | None = None
    ) -> dict[str, Any]:
        self._next += 1
        message: dict[str, Any] = {"id": self._next, "method": method, "params": params}
        if session:
            message["sessionId"] = session
        self._send(json.dumps(message).encode() + b"\0")
        reply = self._wait(lambda m: m.get("id") == self._next, deadline)
        if "error" in reply:
            detail = f"{method}: {reply['error'].get('message', reply['error'])}"
            raise _problem(self.lang, "pdf_failed", browser=self.browser, detail=detail)
        result: dict[str, Any] = reply.get("result", {})
        return result

    def _send(self, data: bytes) -> None:
        try:
            while data:
                data = data[os.write(self._out, data) :]
        except OSError:
            raise self._died() from None

    def _wait(self, match: Any, deadline: float) -> dict[str, Any]:
        """The first message that matches (events seen meanwhile are kept)."""
        for i, event in enumerate(self._events):
            if match(event):
                return self._events.pop(i)
        while True:
            while b"\0" in self._buf:
                raw, self._buf = self._buf.split(b"\0", 1)
                message = json.loads(raw)
                if match(message):
                    return dict(message)
                if "method" in message:
                    self._events.append(message)
            left = deadline - time.monotonic()
            ready = select.select([self._in], [], [], max(left, 0))[0] if left > 0 else []
            if not ready:
                self.close(force=True)
                raise _problem(
                    self.lang, "pdf_timeout", browser=self.browser, seconds=f"{self.timeout:g}"
                )
            chunk = os.read(self._in, 1 << 20)
            if not chunk:
                raise self._died()
            self._buf += chunk

    def _died(self) -> PdfError:
        self.close(force=True)
        detail = _tail(self.log) or "the browser stopped"
        return _problem(self.lang, "pdf_failed", browser=self.browser, detail=detail)

    def print_page(self, page: Path) -> bytes:
        """A fresh tab per page: the PDF then does not depend on what was printed before
        (the tagged PDF's node ids would)."""
        deadline = time.monotonic() + self.timeout
        try:
            target = self.call("Target.createTarget", {"url": "about:blank"}, deadline)
            tab = {"targetId": target["targetId"]}
            session = str(
                self.call("Target.attachToTarget", tab | {"flatten": True}, deadline)["sessionId"]
            )
            self.call("Page.enable", {}, deadline, session)
            self.call("Network.enable", {}, deadline, session)
            blocked = ["http://*", "https://*", "ws://*", "wss://*", "ftp://*"]
            self.call("Network.setBlockedURLs", {"urls": blocked}, deadline, session)
            nav = self.call("Page.navigate", {"url": page.as_uri()}, deadline, session)
            if nav.get("errorText"):
                raise _problem(
                    self.lang, "pdf_failed", browser=self.browser, detail=nav["errorText"]
                )
            loaded = {"method": "Page.loadEventFired", "sessionId": session}
            self._wait(lambda m: all(m.get(k) == v for k, v in loaded.items()), deadline)
            options = {
                "printBackground": True,
                "preferCSSPageSize": True,
                "displayHeaderFooter": False,
            }
            data = self.call("Page.printToPDF", options, deadline, session)["data"]
            self.call("Target.closeTarget", tab, deadline)
        finally:
            self._events.clear()
        return base64.b64decode(data)

    def close(self, force: bool = False) -> None:
        if self.pid == 0:
            return
        if not force:
            try:
                self._next += 1
                msg = {"id": self._next, "method": "Browser.close", "params": {}}
                os.write(self._out, json.dumps(msg).encode() + b"\0")
            except OSError:
                force = True
        for fd in (self._out, self._in):
            try:
                os.close(fd)
            except OSError:
                pass
        if force or not _exited(self.pid, 5.0):
            _kill(self.pid, True)
            os.waitpid(self.pid, 0)
        self.pid = 0


def _above(fd: int, low: int) -> int:
    """`fd` duplicated to a number of at least `low` (the original closed)."""
    import fcntl  # POSIX only, like the pipe mode that calls this

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
