"""`-o NAME.ext` chooses the format when --format is not given; a contradiction is exit 2."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from spbe_cli.cli.app import app

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
ANSWERS = EXAMPLES / "kabupaten-contoh-2024.xlsx"
NEWER = EXAMPLES / "kabupaten-contoh-2025.yaml"


def looks_like(kind: str, text: str) -> bool:
    if kind == "html":
        return text.lstrip().lower().startswith("<!doctype html")
    if kind == "md":
        return text.startswith("# ")
    if kind == "json":
        return isinstance(json.loads(text), dict)
    if kind == "csv":
        return "," in text.splitlines()[0] and not text.startswith(("<", "#", "{"))
    return "┃" in text or "│" in text  # a table


@pytest.mark.parametrize(
    ("args", "name", "kind"),
    [
        (["score", str(ANSWERS)], "laporan.html", "html"),
        (["score", str(ANSWERS)], "laporan.MD", "md"),
        (["score", str(ANSWERS)], "hasil.json", "json"),
        (["score", str(ANSWERS)], "tabel.txt", "table"),
        (["plan", str(ANSWERS)], "langkah.csv", "csv"),
        (["plan", str(ANSWERS)], "langkah.txt", "table"),  # was printed, nothing written
        (["diff", str(ANSWERS), str(NEWER)], "beda.txt", "table"),
        (["plan", str(ANSWERS)], "langkah.md", "md"),
        (["diff", str(ANSWERS), str(NEWER)], "beda.json", "json"),
        (["diff", str(ANSWERS), str(NEWER)], "beda.htm", "html"),
    ],
)
def test_the_extension_chooses_the_format(
    runner: CliRunner, tmp_path: Path, args: list[str], name: str, kind: str
) -> None:
    target = tmp_path / name
    result = runner.invoke(app, [*args, "-o", str(target)])
    assert result.exit_code == 0, result.output
    assert looks_like(kind, target.read_text(encoding="utf-8")), target.read_text()[:200]


def test_report_takes_its_format_from_the_extension(runner: CliRunner, tmp_path: Path) -> None:
    saved = tmp_path / "hasil.json"
    assert runner.invoke(app, ["score", str(ANSWERS), "-o", str(saved)]).exit_code == 0
    target = tmp_path / "laporan.md"
    assert runner.invoke(app, ["report", str(saved), "-o", str(target)]).exit_code == 0
    assert looks_like("md", target.read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["score", str(ANSWERS), "-f", "md", "-o", "x.html"], "the extension says html"),
        (["score", str(ANSWERS), "-f", "json", "-o", "x.pdf"], "the extension says pdf"),
        (["score", str(ANSWERS), "-o", "x.docx"], ".docx names no format"),
        (["plan", str(ANSWERS), "-o", "x.html"], ".html names no format"),
        (["diff", str(ANSWERS), str(NEWER), "-o", "x.csv"], ".csv names no format"),
    ],
)
def test_a_contradicting_or_unknown_extension_is_a_usage_error(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str], words: str
) -> None:
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, [*args, "--lang", "en"])
    assert result.exit_code == 2, result.output
    assert words in result.stderr
    assert "Traceback" not in result.output
    assert not list(tmp_path.iterdir())  # nothing written


def test_unknown_extension_names_the_formats(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(app, ["score", str(ANSWERS), "-o", str(tmp_path / "x.docx")])
    for ext in (".json", ".md", ".html", ".pdf", ".txt"):
        assert ext in result.stderr


def test_a_said_format_may_go_into_any_other_name(runner: CliRunner, tmp_path: Path) -> None:
    for name, fmt, kind in (("catatan.txt", "md", "md"), ("hasil.out", "json", "json")):
        target = tmp_path / name
        result = runner.invoke(app, ["score", str(ANSWERS), "-f", fmt, "-o", str(target)])
        assert result.exit_code == 0, result.output
        assert looks_like(kind, target.read_text(encoding="utf-8"))
