"""PDF reports printed by a real Chromium (Debian's, installed by .ci/run) and read back with
poppler's pdfinfo and pdftotext: page size and count, the institution, index and predikat.
Also the ways it can go wrong: no browser, a browser that hangs, one that fails.

Without Chromium or poppler-utils on a developer machine the printing tests are skipped; in
CI a missing one is a failure.
"""

from __future__ import annotations

import http.server
import os
import re
import shutil
import subprocess
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from spbe_cli import pdf
from spbe_cli.cli.app import app
from spbe_cli.i18n import Lang

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
HAVE_TOOLS = bool(shutil.which("pdftotext") and shutil.which("pdfinfo"))
try:
    BROWSER: str | None = pdf.find_browser(os.environ)
except pdf.PdfError:
    BROWSER = None
if os.environ.get("CI") and (BROWSER is None or not HAVE_TOOLS):
    raise RuntimeError("CI must install chromium and poppler-utils for the PDF tests (.ci/run)")
needs_browser = pytest.mark.skipif(
    BROWSER is None or not HAVE_TOOLS, reason="Chromium or poppler-utils not installed"
)


def _info(path: Path) -> dict[str, str]:
    out = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True)
    return dict(
        (k.strip(), v.strip())
        for k, v in (x.split(":", 1) for x in out.stdout.splitlines() if ":" in x)
    )


def _text(path: Path) -> str:
    out = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True)
    return out.stdout


def _check_pdf(path: Path, pages: range, *texts: str) -> str:
    assert path.read_bytes().startswith(b"%PDF-")
    info = _info(path)
    assert "(A4)" in info["Page size"]
    assert int(info["Pages"]) in pages, info["Pages"]
    text = _text(path)
    for t in texts:
        assert t in text, t
    return text


@needs_browser
@pytest.mark.parametrize(
    ("example", "lang", "pages", "texts"),
    [
        (
            "kabupaten-contoh-2024.xlsx",
            "id",
            range(5, 16),
            ("Kabupaten Contoh", "2.63", "Baik", "Indeks SPBE Nasional 2024", "3.12"),
        ),
        ("kabupaten-contoh-2026.xlsx", "en", range(2, 8), ("Kabupaten Contoh", "1.24", "Kurang")),
    ],
)
def test_score_pdf(
    runner: CliRunner, tmp_path: Path, example: str, lang: str, pages: range, texts: tuple[str, ...]
) -> None:
    target = tmp_path / "laporan.pdf"  # -o x.pdf chooses the format
    result = runner.invoke(
        app, ["score", str(EXAMPLES / example), "--lang", lang, "-o", str(target)]
    )
    assert result.exit_code == 0, result.output
    text = _check_pdf(target, pages, *texts)
    # The page header names the institution on every page; pages are numbered "n / N".
    n = int(_info(target)["Pages"])
    assert re.search(rf"\b{n}\s*/\s*{n}\b", text)
    assert text.count("Kabupaten Contoh (20") >= n
    assert [p for p in tmp_path.iterdir()] == [target]  # no temporary file left beside it


@needs_browser
def test_report_and_diff_pdf(runner: CliRunner, tmp_path: Path) -> None:
    old, new = EXAMPLES / "kabupaten-contoh-2024.xlsx", EXAMPLES / "kabupaten-contoh-2025.yaml"
    saved = tmp_path / "r.json"
    assert runner.invoke(app, ["score", str(new), "-f", "json", "-o", str(saved)]).exit_code == 0
    report = tmp_path / "r.out"
    result = runner.invoke(app, ["report", str(saved), "-f", "pdf", "-o", str(report)])
    assert result.exit_code == 0, result.output
    _check_pdf(report, range(4, 16), "Kabupaten Contoh", "2.90", "Baik")
    diff = tmp_path / "d.pdf"
    result = runner.invoke(app, ["diff", str(old), str(new), "-o", str(diff)])
    assert result.exit_code == 0, result.output
    _check_pdf(diff, range(1, 6), "2.63", "2.90", "+0.27")


@needs_browser
def test_batch_pdf_reports(runner: CliRunner, tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    for name in ("kabupaten-contoh-2024.xlsx", "kabupaten-contoh-2026.xlsx"):
        shutil.copy(EXAMPLES / name, inputs / name)
    (inputs / "broken.csv").write_text("Instansi,X\n", encoding="utf-8")
    out = tmp_path / "out"
    result = runner.invoke(
        app, ["batch", str(inputs), "--out", str(out), "--reports", "pdf", "--allow-invalid"]
    )
    assert result.exit_code == 0, result.output
    _check_pdf(out / "kabupaten-contoh-2024.pdf", range(5, 16), "2.63", "Baik")
    _check_pdf(out / "kabupaten-contoh-2026.pdf", range(2, 8), "1.24", "Kurang")
    # Only the PDFs of the reports were kept (their HTML sources and staged files are gone).
    assert [p.name for p in out.glob("*.html")] == ["summary.html"]
    assert [p.name for p in out.glob(".*")] == [".spbe-manifest.json"]  # no staged file
    assert not (out / "broken.pdf").exists()


def test_no_browser_exit_2_says_what_to_do(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SPBE_BROWSER", str(tmp_path / "no-such-browser"))
    monkeypatch.setenv("PATH", "")
    target = tmp_path / "x.pdf"
    for lang, words in (("id", "apt install chromium"), ("en", "--format html")):
        result = runner.invoke(
            app,
            [
                "score",
                str(EXAMPLES / "kabupaten-contoh-2024.xlsx"),
                "--lang",
                lang,
                "-o",
                str(target),
            ],
        )
        assert result.exit_code == 2
        assert "SPBE_BROWSER" in result.stderr and words in result.stderr
        assert "Traceback" not in result.output
    assert not target.exists()
    result = runner.invoke(
        app, ["batch", str(EXAMPLES), "--out", str(tmp_path / "o"), "--reports", "pdf"]
    )
    assert result.exit_code == 2 and "SPBE_BROWSER" in result.stderr
    assert not (tmp_path / "o").exists()  # nothing scored, nothing written


def test_no_browser_anywhere() -> None:
    with pytest.raises(pdf.PdfError) as e:
        pdf.find_browser({"PATH": ""}, "en", locations=[])
    assert "no Chromium, Google Chrome or Microsoft Edge" in str(e.value)
    assert "Ctrl+P" in str(e.value)


def test_candidates_cover_the_usual_places() -> None:
    mac = pdf.candidates({"PATH": "", "HOME": "/Users/a"}, "darwin")
    assert "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome" in mac
    win = pdf.candidates({"PATH": "", "PROGRAMFILES(X86)": r"C:\Program Files (x86)"}, "win32")
    assert any(c.endswith("msedge.exe") and "Program Files (x86)" in c for c in win)
    assert "/usr/bin/chromium" in pdf.candidates({"PATH": ""}, "linux")


def _fake_browser(folder: Path, body: str) -> Path:
    script = folder / "fake-browser"
    script.write_text(f"#!/bin/sh\n{body}\n", encoding="utf-8")
    script.chmod(0o755)
    return script


@pytest.fixture
def private_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """The temporary folder the PDF code uses, to see that it leaves nothing behind."""
    folder = tmp_path / "tmp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    yield folder


@pytest.mark.skipif(os.name != "posix", reason="the fake browser is a shell script")
@pytest.mark.parametrize("mode", ["pipe", "oneshot"])
def test_hanging_browser_hits_the_timeout(
    tmp_path: Path, private_tmp: Path, mode: pdf.Mode
) -> None:
    pidfile = tmp_path / "pid"
    fake = _fake_browser(tmp_path, f'echo $$ > "{pidfile}"\nexec sleep 600')
    with pytest.raises(pdf.PdfError) as e:
        with pdf.PdfSession(browser=str(fake), timeout=1, lang="en", mode=mode) as session:
            session.render("<html><head></head><body>x</body></html>")
    assert "did not finish printing the PDF within 1 seconds" in str(e.value)
    pid = int(pidfile.read_text())
    with pytest.raises(ProcessLookupError):  # stopped and reaped
        os.kill(pid, 0)
    assert list(private_tmp.iterdir()) == []


@pytest.mark.skipif(os.name != "posix", reason="the fake browser is a shell script")
def test_hanging_browser_through_the_cli(
    runner: CliRunner, tmp_path: Path, private_tmp: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SPBE_BROWSER", str(_fake_browser(tmp_path, "exec sleep 600")))
    monkeypatch.setenv("SPBE_PDF_TIMEOUT", "1")
    target = tmp_path / "x.pdf"
    result = runner.invoke(
        app, ["score", str(EXAMPLES / "kabupaten-contoh-2026.xlsx"), "-o", str(target)]
    )
    assert result.exit_code == 2
    assert "tidak selesai mencetak PDF dalam 1 detik" in result.stderr
    assert not target.exists() and list(private_tmp.iterdir()) == []


@pytest.mark.skipif(os.name != "posix", reason="the fake browser is a shell script")
@pytest.mark.parametrize("mode", ["pipe", "oneshot"])
def test_failing_browser_is_reported(tmp_path: Path, private_tmp: Path, mode: pdf.Mode) -> None:
    fake = _fake_browser(tmp_path, "echo 'cannot open display' >&2\nexit 3")
    with pytest.raises(pdf.PdfError) as e:
        with pdf.PdfSession(browser=str(fake), timeout=20, lang="en", mode=mode) as session:
            session.render("<html><head></head></html>")
    assert "could not print the PDF: cannot open display" in str(e.value)
    assert list(private_tmp.iterdir()) == []


class _Recorder(http.server.BaseHTTPRequestHandler):
    seen: list[str] = []

    def do_GET(self) -> None:  # noqa: N802 (the standard library's name)
        _Recorder.seen.append(self.path)
        self.send_response(404)
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


@needs_browser
@pytest.mark.parametrize("mode", ["pipe", "oneshot"])
def test_the_printed_page_reaches_no_network(mode: pdf.Mode) -> None:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Recorder)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_port}"
    html = (
        f'<html><head><link rel="stylesheet" href="{url}/style.css"></head><body>'
        f'<img src="{url}/logo.png"><iframe src="{url}/frame"></iframe>'
        f'<script>fetch("{url}/script")</script><p>Kabupaten Contoh</p></body></html>'
    )
    try:
        with pdf.PdfSession(mode=mode, timeout=30) as session:
            data = session.render(html)
    finally:
        server.shutdown()
    assert data.startswith(b"%PDF-") and _Recorder.seen == []


def test_lockdown_policy_goes_into_the_head() -> None:
    html = pdf._lockdown("<html><head><title>t</title></head></html>")
    assert re.search(
        r"<head><meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'", html
    )


@needs_browser
def test_several_tabs_at_once_keep_each_pdf_with_its_page(tmp_path: Path) -> None:
    pages = [(k, f"<html><head></head><body><h1>Halaman {k}</h1></body></html>") for k in range(5)]
    with pdf.PdfSession(mode="pipe") as session:
        printed = dict(session.render_many(pages, width=3))
    assert sorted(printed) == list(range(5))
    for k, data in printed.items():
        path = tmp_path / f"{k}.pdf"
        path.write_bytes(data)
        assert _text(path).split() == ["Halaman", str(k)]


def test_pdf_is_not_written_to_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    import io
    import sys

    from spbe_cli.cli.common import Pdf
    from spbe_cli.errors import SpbeError

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.setattr(sys, "stdout", Terminal())
    with pytest.raises(SpbeError) as e:
        Pdf(None, "en", "2026-01-01 00:00 UTC")
    assert "give -o FILE.pdf (or -o - for stdout)" in str(e.value)


@pytest.mark.parametrize("command", ["score", "report", "diff"])
def test_help_says_how_pdf_is_chosen(runner: CliRunner, command: str) -> None:
    help_text = runner.invoke(app, [command, "--help"]).stdout
    assert "pdf untuk -o BERKAS.pdf" in " ".join(help_text.replace("│", " ").split())


@needs_browser
def test_generated_at_gives_byte_identical_pdfs(runner: CliRunner, tmp_path: Path) -> None:
    example = str(EXAMPLES / "kabupaten-contoh-2026.xlsx")
    stamp = ["--generated-at", "2026-01-01T00:00:00+00:00"]
    pdfs = [tmp_path / "a.pdf", tmp_path / "b.pdf"]
    for target in pdfs:
        result = runner.invoke(app, ["score", example, "-o", str(target), *stamp])
        assert result.exit_code == 0, result.output
    assert pdfs[0].read_bytes() == pdfs[1].read_bytes()
    assert b"/CreationDate (D:20260101000000+00'00')" in pdfs[0].read_bytes()


def test_stamp_dates_keeps_the_length() -> None:
    data = b"<</CreationDate (D:20261126002829+00'00')\n/ModDate (D:20261126002829+00'00')>>"
    stamped = pdf.stamp_dates(data, "2026-01-01 07:05 UTC")
    assert stamped == data.replace(b"20261126002829", b"20260101070500")
    assert pdf.stamp_dates(data, "not a stamp") == data


EVIDENCE = EXAMPLES / "bukti-dukung"


@needs_browser
def test_check_pdf_single_and_folder(runner: CliRunner, tmp_path: Path) -> None:
    target = tmp_path / "periksa.pdf"  # -o x.pdf chooses the format
    workbook = EVIDENCE / "kota-contoh-2025.xlsx"
    result = runner.invoke(app, ["check", str(workbook), "-o", str(target)])
    assert result.exit_code == 1, result.output  # the example has error findings on purpose
    _check_pdf(target, range(1, 12), "Kota Contoh", "1.37", "1.32", "Bukti Dukung")
    out = tmp_path / "out"
    result = runner.invoke(
        app, ["check", str(EVIDENCE), "-f", "pdf", "-o", str(out), "--lang", "en"]
    )
    assert result.exit_code == 1, result.output
    _check_pdf(out / "kota-contoh-2025.pdf", range(1, 12), "Kota Contoh", "1.37")
    assert sorted(p.name for p in out.glob("*.pdf")) == [
        "kota-contoh-2024.pdf",
        "kota-contoh-2025.pdf",
    ]
    assert not list(out.glob("kota-contoh-*.html"))  # printed from memory, no HTML left


def test_check_pdf_without_a_browser_writes_nothing(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SPBE_BROWSER", str(tmp_path / "no-such-browser"))
    out = tmp_path / "out"
    result = runner.invoke(app, ["check", str(EVIDENCE), "-f", "pdf", "-o", str(out)])
    assert result.exit_code == 2 and "SPBE_BROWSER" in result.stderr
    assert not out.exists()
    target = tmp_path / "x.pdf"
    result = runner.invoke(
        app, ["check", str(EVIDENCE / "kota-contoh-2025.xlsx"), "-o", str(target)]
    )
    assert result.exit_code == 2 and "SPBE_BROWSER" in result.stderr
    assert not target.exists()


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("id", "PDF: peramban chromium gagal mencetak PDF: tidak ada PDF yang dihasilkan"),
        ("en", "PDF: the browser chromium could not print the PDF: no PDF came back"),
    ],
)
def test_what_is_not_a_pdf_is_said_in_the_runs_language(lang: Lang, said: str) -> None:
    with pytest.raises(pdf.PdfError) as e:
        pdf._pdf_bytes(b"<html>error page</html>", "chromium", lang)
    assert e.value.problems[0].text(lang) == said
