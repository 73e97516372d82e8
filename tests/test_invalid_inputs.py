"""Bad input, one data case per mistake: each names the expected located message(s).

A case (tests/cases/invalid/NAME.yaml) builds its input in a temporary folder from:
  base: an example file to copy (e.g. kabupaten-contoh-2024.xlsx), with optional
  edits: [{sheet, cell, value}] applied with openpyxl (value null clears the cell;
         {delete_sheet: NAME} and {rename_sheet: [OLD, NEW]} also work), or
  file: {name, text} / {name, base64} for text and raw-byte inputs;
  args: extra command-line arguments; expect: the lines that must appear on stderr
  (the file name prefix `NAME: ` is added by the harness unless the line starts with `!`),
  one per error: a run that prints more errors than expected fails (no spurious noise).
"""

from __future__ import annotations

import base64
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from openpyxl import load_workbook

from spbe_cli.cli import app

CASES = sorted((Path(__file__).parent / "cases" / "invalid").glob("*.yaml"))


def build_input(case: dict[str, Any], examples: Path, tmp: Path) -> Path:
    if "file" in case:
        spec = case["file"]
        path = tmp / spec["name"]
        if "base64" in spec:
            path.write_bytes(base64.b64decode(spec["base64"]))
        else:
            path.write_bytes(spec["text"].encode(spec.get("encoding", "utf-8")))
        return path
    base = examples / case["base"]
    path = tmp / case.get("name", base.name)
    shutil.copy(base, path)
    if case.get("edits"):
        wb = load_workbook(path)
        for edit in case["edits"]:
            if "delete_sheet" in edit:
                del wb[edit["delete_sheet"]]
            elif "rename_sheet" in edit:
                old, new = edit["rename_sheet"]
                wb[old].title = new
            else:
                wb[edit["sheet"]][edit["cell"]].value = edit["value"]
        wb.save(path)
    return path


@pytest.mark.parametrize("case_file", CASES, ids=[c.stem for c in CASES])
def test_invalid_input(case_file: Path, runner: Any, examples: Path, tmp_path: Path) -> None:
    case = yaml.safe_load(case_file.read_text(encoding="utf-8"))
    path = build_input(case, examples, tmp_path)
    result = runner.invoke(app, ["score", str(path), "--lang", "en", *case.get("args", [])])
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    for line in case["expect"]:
        expected = line[1:] if line.startswith("!") else f"{path}: {line}"
        assert expected in result.stderr, f"missing {expected!r} in:\n{result.stderr}"
    errors = [x for x in result.stderr.splitlines() if x.startswith("error:")]
    assert len(errors) == len(case["expect"]), "\n".join(errors)


def test_there_are_cases() -> None:
    assert len(CASES) >= 20
