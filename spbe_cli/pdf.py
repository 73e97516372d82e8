"""HTML report → A4 PDF, printed by a Chromium-family browser already on the machine.

No browser is downloaded and nothing is installed: Chromium, Google Chrome or Microsoft
Edge is found in `SPBE_BROWSER`, on PATH or where they usually live, and run headless with
networking disabled, a fresh temporary profile and a timeout. Where `os.posix_spawn`
exists (Linux, macOS) one browser is driven over its DevTools pipe and serves any number
of PDFs (`PdfSession`); elsewhere (Windows) each PDF is one `--print-to-pdf` run.
"""

from __future__ import annotations

import base64
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from types import TracebackType
from typing import Literal, TypeVar

from spbe_cli import devtools
from spbe_cli.errors import OutputError, Problem, os_reason
from spbe_cli.i18n import Lang, t

K = TypeVar("K")
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
_BLOCKED = ["http://*", "https://*", "ws://*", "wss://*", "ftp://*"]
_PRINT = {"printBackground": True, "preferCSSPageSize": True, "displayHeaderFooter": False}
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
        raise _problem(lang, "pdf_failed", browser=browser, detail=t(lang, "output.pdf.no_pdf"))
    return data


_STAMP = re.compile(r"(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2})")
_PDF_DATE = re.compile(rb"(/(?:CreationDate|ModDate) \(D:)\d{14}(\+00'00'\))")


def stamp_dates(data: bytes, created: str) -> bytes:
    """The PDF's creation and modification dates set to the report's time stamp
    (`2026-01-01 00:00 UTC`) instead of the moment the browser printed it, so that
    `--generated-at` or SOURCE_DATE_EPOCH make reruns byte-identical. The dates are
    replaced by text of the same length (the file's byte offsets stay right); a date in
    another form is left as it is."""
    match = _STAMP.fullmatch(created.removesuffix(" UTC"))
    if match is None:
        return data
    digits = "".join(match.groups()).encode() + b"00"
    return _PDF_DATE.sub(lambda m: m.group(1) + digits + m.group(2), data)


def render_pdf(
    html: str,
    *,
    browser: str | None = None,
    timeout: float | None = None,
    lang: Lang = "id",
    created: str | None = None,
) -> bytes:
    """One HTML document printed to A4 PDF bytes (a browser started and stopped for it).

    `browser` None: found through `find_browser(os.environ)`; `timeout` None: from
    `SPBE_PDF_TIMEOUT`, else 60 s; `created`: the report's time stamp, written as the
    PDF's dates (see stamp_dates). Raises PdfError (no browser, timeout, a failed print)."""
    with PdfSession(browser=browser, timeout=timeout, lang=lang, created=created) as session:
        return session.render(html)


class PdfSession:
    """One browser for many PDFs: `with PdfSession() as s: s.render(html)`, or
    `s.render_many(pages)` to print several at once.

    The browser starts with the first PDF and stops (its temporary profile removed) on
    leaving the `with` block, also after an error or an interrupt."""

    def __init__(
        self,
        *,
        browser: str | None = None,
        timeout: float | None = None,
        lang: Lang = "id",
        mode: Mode | None = None,
        created: str | None = None,
    ) -> None:
        self.lang: Lang = lang
        self.created = created
        self.browser = browser or find_browser(os.environ, lang)
        self.timeout = timeout or timeout_from_env(os.environ)
        self.mode: Mode = mode or ("pipe" if hasattr(os, "posix_spawn") else "oneshot")
        self._dir: Path | None = None
        self._pipe: devtools.Browser | None = None
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
        return next(self.render_many([(0, html)]))[1]

    def render_many(
        self, pages: Iterable[tuple[K, str]], width: int = 2
    ) -> Iterator[tuple[K, bytes]]:
        """The PDF of each (key, HTML), in the order they are printed: over the pipe, up to
        `width` tabs print at once (a browser uses more than one core)."""
        if self._dir is None:
            self._dir = Path(tempfile.mkdtemp(prefix="spbe-pdf-"))
        folder = self._dir
        if self.mode == "pipe" and self._pipe is None:
            try:
                argv = [self.browser, *_flags(folder / "profile")]
                self._pipe = devtools.Browser(argv, folder / "browser.log", self.timeout)
            except NotImplementedError:  # posix_spawn without setsid (an old macOS)
                self.mode = "oneshot"
            except OSError as e:
                raise self._failed(os_reason(e).text(self.lang)) from None
        if self._pipe is None:
            for key, html in pages:
                page = self._page(html)
                try:
                    data = _oneshot(self.browser, page, folder, self.timeout, self.lang)
                finally:
                    page.unlink(missing_ok=True)
                yield key, self._finish(data)
            return
        jobs = ((key, self._job(html)) for key, html in pages)
        try:
            for key, data in self._pipe.run(jobs, width):
                yield key, self._finish(data)
        except devtools.BrowserGone as e:
            said = _tail(folder / "browser.log")  # before close() removes the folder
            self.close(force=True)
            if e.timed_out:
                raise _problem(
                    self.lang, "pdf_timeout", browser=self.browser, seconds=f"{self.timeout:g}"
                ) from None
            raise self._failed(said or t(self.lang, "output.pdf.stopped")) from None
        except devtools.CommandFailed as e:
            raise self._failed(str(e)) from None

    def _finish(self, data: bytes) -> bytes:
        data = _pdf_bytes(data, self.browser, self.lang)
        return stamp_dates(data, self.created) if self.created else data

    def _failed(self, detail: str) -> PdfError:
        return _problem(self.lang, "pdf_failed", browser=self.browser, detail=detail)

    def _page(self, html: str) -> Path:
        assert self._dir is not None
        self._count += 1
        page = self._dir / f"page-{self._count}.html"
        page.write_text(_lockdown(html), encoding="utf-8")
        return page

    def _job(self, html: str) -> devtools.Job:
        """One page in a fresh tab: the PDF then does not depend on what was printed
        before it (the tagged PDF's node ids would)."""
        page = self._page(html)
        try:
            target = yield ("Target.createTarget", {"url": "about:blank"}, None)
            tab = {"targetId": target["targetId"]}
            attached = yield ("Target.attachToTarget", tab | {"flatten": True}, None)
            session = str(attached["sessionId"])
            yield ("Page.enable", {}, session)
            yield ("Network.enable", {}, session)
            yield ("Network.setBlockedURLs", {"urls": _BLOCKED}, session)
            nav = yield ("Page.navigate", {"url": page.as_uri()}, session)
            if nav.get("errorText"):
                raise devtools.CommandFailed(str(nav["errorText"]))
            yield ("event:Page.loadEventFired", {}, session)
            printed = yield ("Page.printToPDF", _PRINT, session)
            yield ("Target.closeTarget", tab, None)
            return base64.b64decode(printed["data"])
        finally:
            page.unlink(missing_ok=True)

    def close(self, force: bool = False) -> None:
        if self._pipe is not None:
            self._pipe.close(force)
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
        detail = _tail(log) or t(lang, "output.child.exit", code=proc.returncode)
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
