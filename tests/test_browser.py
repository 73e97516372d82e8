"""The HTML report in a real browser (Debian's Chromium, driven by playwright): no errors,
no network requests, print rules in force, a screenshot and an A4 PDF to look at.

CI installs Chromium (.ci/run); on a developer machine without it this module is skipped,
in CI a missing browser is a failure.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from spbe_cli.cli.app import app

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = Path(__file__).parent / "artifacts"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
EXAMPLES = [
    "kabupaten-contoh-2019.xlsx",
    "kabupaten-contoh-2024.xlsx",
    "kabupaten-contoh-2026.xlsx",
]

if not Path(CHROMIUM).exists():
    if os.environ.get("CI"):
        raise RuntimeError("CI must install Chromium for the browser test (see .ci/run)")
    pytest.skip("Chromium is not installed (CI installs it)", allow_module_level=True)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        yield b
        b.close()


@pytest.mark.parametrize("lang", ["id", "en"])
@pytest.mark.parametrize("example", EXAMPLES)
def test_report_in_chromium(browser: Any, example: str, lang: str, tmp_path: Path) -> None:
    html = tmp_path / "report.html"
    result = CliRunner().invoke(
        app,
        ["score", str(ROOT / "examples" / example), "-f", "html", "--lang", lang, "-o", str(html)],
    )
    assert result.exit_code == 0, result.output
    page = browser.new_page(viewport={"width": 1100, "height": 900})
    requests: list[str] = []
    errors: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(html.as_uri())
    page.wait_for_load_state("load")
    outside = [u for u in requests if not u.startswith(("file:", "data:"))]
    assert outside == [] and errors == []
    assert page.locator("svg[role=img] > title").count() >= 2
    assert page.locator("table th[scope=col]").count() > 10
    assert page.evaluate("document.fonts.status") == "loaded"
    ARTIFACTS.mkdir(exist_ok=True)
    stem = f"{Path(example).stem}.{lang}"
    page.screenshot(path=str(ARTIFACTS / f"{stem}.png"), full_page=True)
    page.emulate_media(media="print")
    print_rules = page.evaluate(
        """() => ({
            rows: [...document.querySelectorAll('tbody tr')].every(
                tr => getComputedStyle(tr).breakInside === 'avoid'),
            heads: [...document.querySelectorAll('thead')].every(
                t => getComputedStyle(t).display === 'table-header-group'),
        })"""
    )
    assert print_rules == {"rows": True, "heads": True}
    pdf = page.pdf(format="A4", print_background=True)
    (ARTIFACTS / f"{stem}.pdf").write_bytes(pdf)
    assert pdf.startswith(b"%PDF") and pdf.count(b"/Type /Page") >= 2
    page.close()


@pytest.mark.parametrize("lang", ["id", "en"])
def test_check_checklist_in_chromium(browser: Any, lang: str, tmp_path: Path) -> None:
    folder = ROOT / "examples" / "bukti-dukung"
    html = tmp_path / "check.html"
    args = ["check", str(folder / "kota-contoh-2025.xlsx"), "--evidence", str(folder / "bukti")]
    result = CliRunner().invoke(app, [*args, "-f", "html", "--lang", lang, "-o", str(html)])
    assert result.exit_code == 1, result.output  # the example has error findings on purpose
    page = browser.new_page(viewport={"width": 1100, "height": 900})
    requests: list[str] = []
    errors: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(html.as_uri())
    page.wait_for_load_state("load")
    assert [u for u in requests if not u.startswith(("file:", "data:"))] == [] and errors == []
    assert page.locator("tr.error").count() >= 5 and page.locator("td.owner").count() >= 10
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"check.{lang}.png"), full_page=True)
    page.emulate_media(media="print")
    pdf = page.pdf(format="A4", print_background=True)
    (ARTIFACTS / f"check.{lang}.pdf").write_bytes(pdf)
    assert pdf.startswith(b"%PDF")
    page.close()
