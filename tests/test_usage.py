"""Usage as people type it: choices in any case, and a wrong name is exit 2 with the choices."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from spbe_cli.cli.app import app

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
ANSWERS = EXAMPLES / "kabupaten-contoh-2024.xlsx"


def test_choice_values_in_any_case(runner: CliRunner) -> None:
    args = ["score", str(ANSWERS), "-f", "JSON", "--lang", "EN", "--predikat-basis", "Exact"]
    result = runner.invoke(app, [*args, "--missing", "MIN"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["predikat_basis"] == "exact"


def test_batch_reports_in_any_case(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = runner.invoke(
        app, ["batch", str(ANSWERS), "--out", str(out), "--reports", "HTML, Md", "-q"]
    )
    assert result.exit_code == 0, result.output
    assert (out / "kabupaten-contoh-2024.html").is_file()
    assert (out / "kabupaten-contoh-2024.md").is_file()


@pytest.mark.parametrize("command", ["score", "batch"])
def test_gate_on_an_unknown_domain_is_a_usage_error(
    runner: CliRunner, tmp_path: Path, command: str
) -> None:
    args = [command, str(ANSWERS), "--min-domain", "D9=2.5"]
    if command == "batch":
        args += ["--out", str(tmp_path / "out")]
    result = runner.invoke(app, args)
    assert result.exit_code == 2, result.output
    assert "--min-domain: D9 bukan salah satu dari D1, D2, D3, D4, A1" in result.stderr
    assert not (tmp_path / "out").exists()  # refused before anything was scored


def test_gate_on_a_known_domain_still_gates(runner: CliRunner) -> None:
    result = runner.invoke(app, ["score", str(ANSWERS), "--min-domain", "d3=2.0"])
    assert result.exit_code == 1
    assert "D3 1.55 < 2.0" in result.stderr
