"""Bad input, one data case per mistake: each names the expected located message(s).

A case (tests/cases/invalid/NAME.yaml) builds its input in a temporary folder from:
  base: an example file to copy (e.g. kabupaten-contoh-2024.xlsx), with optional
  edits: [{sheet, cell, value}] applied with openpyxl (value null clears the cell;
         {delete_sheet: NAME} and {rename_sheet: [OLD, NEW]} also work), or
  file: {name, text} / {name, base64} for text and raw-byte inputs;
  args: extra command-line arguments; expect: the lines that must appear on stderr in
  English (`--lang en`), expect_id: the same lines in Indonesian (the default language);
  the file name prefix `NAME: ` is added by the harness unless the line starts with `!`.
  One line per error: a run that prints more errors than expected fails (no spurious
  noise), and the Indonesian run must show none of the English lines.
"""

from __future__ import annotations

import base64
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from openpyxl import load_workbook
from test_language import ENGLISH

from spbe_cli.cli.app import app

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


# Each run: the arguments that choose its language, the expected lines' key, the prefix
# of an error line.
LANGUAGES = {
    "en": (["--lang", "en"], "expect", "error:"),
    "id": ([], "expect_id", "galat:"),
}


def run_case(
    case_file: Path, lang: str, runner: Any, examples: Path, tmp: Path
) -> tuple[dict[str, Any], Path, Any]:
    case = yaml.safe_load(case_file.read_text(encoding="utf-8"))
    path = build_input(case, examples, tmp)
    lang_args = LANGUAGES[lang][0]
    result = runner.invoke(app, ["score", str(path), *lang_args, *case.get("args", [])])
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    return case, path, result


def expected(line: str, path: Path) -> str:
    return line[1:] if line.startswith("!") else f"{path}: {line}"


@pytest.mark.parametrize("lang", list(LANGUAGES))
@pytest.mark.parametrize("case_file", CASES, ids=[c.stem for c in CASES])
def test_invalid_input(
    case_file: Path,
    lang: str,
    runner: Any,
    examples: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("SPBE_LANG", raising=False)  # the default is Indonesian
    case, path, result = run_case(case_file, lang, runner, examples, tmp_path)
    _, key, prefix = LANGUAGES[lang]
    for line in case[key]:
        assert expected(line, path) in result.stderr, f"missing {line!r} in:\n{result.stderr}"
    errors = [x for x in result.stderr.splitlines() if x.startswith(prefix)]
    assert len(errors) == len(case[key]), "\n".join(errors)
    if lang == "id":  # no English line leaks into the Indonesian run
        for line in case["expect"]:
            english = line[1:].removeprefix("error: ") if line.startswith("!") else line
            assert english not in result.stderr, f"English {english!r} in:\n{result.stderr}"
        # nor any English word (the file's own path, with the temporary folder, aside)
        words = ENGLISH.findall(result.stderr.replace(str(path), "FILE"))
        assert not words, f"English {words} in:\n{result.stderr}"


def test_cases_speak_both_languages() -> None:
    for case_file in CASES:
        case = yaml.safe_load(case_file.read_text(encoding="utf-8"))
        assert len(case["expect_id"]) == len(case["expect"]), case_file.name


def test_there_are_cases() -> None:
    assert len(CASES) >= 20
