"""One catalogue for everything a user reads: Indonesian by default, English with --lang en
or SPBE_LANG=en.

- the catalogue: both languages have the same keys and the same `{params}`; no key twice;
- --help of every command and option, and click's usage errors, in the chosen language;
- no message literal in the code that bypasses the catalogue (an AST scan of the sinks a
  user reads: Problem, SpbeError and its kinds, Collector.add, the console's say/print);
- no English in the default output of every command (a run of the whole CLI surface).
"""

from __future__ import annotations

import ast
import re
import shutil
import string
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import typer
from typer.testing import CliRunner

from spbe_cli import i18n, msgs
from spbe_cli.cli.app import app

PACKAGE = Path(__file__).resolve().parent.parent / "spbe_cli"
EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def _fields(template: str) -> set[str]:
    return {f for _, f, _, _ in string.Formatter().parse(template) if f}


@pytest.mark.parametrize("catalogue", ["TEXT", "MESSAGES"])
def test_both_languages_have_the_same_keys_and_params(catalogue: str) -> None:
    texts = getattr(i18n, catalogue)
    assert set(texts["id"]) == set(texts["en"]), set(texts["id"]) ^ set(texts["en"])
    for key, template in texts["id"].items():
        assert _fields(template) == _fields(texts["en"][key]), key


def test_no_key_is_defined_twice() -> None:
    seen: dict[str, str] = {}
    for area in msgs.AREAS:
        prefix = {
            "input_files": "input.",
            "rubric_files": "rubric.",
            "model": "model.",
            "outputs": "output.",
            "cli": "cli.",
            "cli_help": "help.",
            "system": "os.",
        }[area.__name__.rpartition(".")[2]]
        for key in area.ID:
            assert key.startswith(prefix), f"{area.__name__}: {key} should start with {prefix}"
            assert key not in seen, f"{key} in {area.__name__} and {seen[key]}"
            assert key not in i18n.TEXT["id"], f"{key} in {area.__name__} and i18n.TEXT"
            seen[key] = area.__name__


def _commands() -> Iterator[tuple[list[str], Any]]:
    root = typer.main.get_command(app)

    def walk(command: Any, path: list[str]) -> Iterator[tuple[list[str], Any]]:
        yield path, command
        for name, sub in getattr(command, "commands", {}).items():
            yield from walk(sub, [*path, name])

    yield from walk(root, [])


COMMANDS = [path for path, _ in _commands()]


def test_every_command_and_option_has_help_in_both_languages() -> None:
    for path, command in _commands():
        key = "help." + (".".join(path) or "spbe")
        for lang in i18n.LANGS:
            assert i18n.MESSAGES[lang].get(key), f"{lang}: {key}"
            for param in command.params:
                own = f"help.{'.'.join(path)}.{param.name}"
                shared = f"help.opt.{param.name}"
                found = i18n.MESSAGES[lang].get(own) or i18n.MESSAGES[lang].get(shared)
                assert found, f"{lang}: no {own} or {shared}"


def _flat(text: str) -> str:
    return " ".join(re.sub(r"[│╭╮╰╯─]", " ", text).split())


@pytest.mark.parametrize("path", COMMANDS, ids=[" ".join(p) or "spbe" for p in COMMANDS])
def test_help_speaks_the_chosen_language(
    runner: CliRunner, path: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    key = "help." + (".".join(path) or "spbe")
    first = {lang: i18n.t(lang, key).split("\n")[0] for lang in i18n.LANGS}
    default = runner.invoke(app, [*path, "--help"])
    assert default.exit_code == 0
    assert _flat(first["id"]) in _flat(default.stdout)
    assert "Penggunaan:" in default.stdout and "Usage:" not in default.stdout
    english = runner.invoke(app, [*path, "--help", "--lang", "en"])
    assert _flat(first["en"]) in _flat(english.stdout)
    monkeypatch.setenv("SPBE_LANG", "en")
    by_env = runner.invoke(app, [*path, "--help"])
    assert _flat(first["en"]) in _flat(by_env.stdout) and "Usage:" in by_env.stdout


@pytest.mark.parametrize(
    "args, key",
    [
        (["score", "--bogus"], "cli.usage.no_such_option"),
        (["scor"], "cli.usage.no_such_command"),
        (["score"], "cli.usage.missing_argument"),
        (["score", "x.xlsx", "--format", "docx"], "cli.usage.bad_choice"),
        (["score", "x.xlsx", "--lang"], "cli.usage.option_needs_value"),
        (["batch", "x", "--jobs", "many"], "cli.usage.bad_value"),
        (["score", "a.xlsx", "b.xlsx"], "cli.usage.generic"),
    ],
)
def test_usage_errors_speak_the_chosen_language(
    runner: CliRunner, args: list[str], key: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    words = {lang: i18n.t(lang, key).split("{")[0].split(":")[0] for lang in i18n.LANGS}
    default = runner.invoke(app, args)
    assert default.exit_code == 2
    assert words["id"] in _flat(default.stderr), default.stderr
    assert "Galat" in default.stderr and "Error" not in default.stderr
    monkeypatch.setenv("SPBE_LANG", "en")
    english = runner.invoke(app, args)
    assert english.exit_code == 2 and words["en"] in _flat(english.stderr), english.stderr


# --- no message bypasses the catalogue -----------------------------------------------

# Calls whose text reaches a user: (function or method name, positions of text arguments).
SINKS = {
    "Problem": (1, 2),
    "SpbeError": (0,),
    "InputError": (0,),
    "RubricError": (0,),
    "OutputError": (0,),
    "add": (0, 1),
    "say": (1,),
    "echo": (0,),
    "add_column": (0,),
}
# Words that are the same in both languages (official terms, sheet names, formats).
SAME_IN_BOTH = re.compile(
    r"^(Jawaban|Identitas|Instansi|Tahun|Jenis|Tingkat|Bukti Dukung|Penjelasan|No|Id|"
    r"Predikat|Domain|sha256|JSON|CSV|PDF|HTML|Markdown|SPBE)$"
)


def _literal_words(node: ast.AST) -> list[str]:
    """The words a string literal or f-string puts in front of the user."""
    if isinstance(node, ast.Call) and getattr(node.func, "id", "") in ("printable", "clean"):
        return _literal_words(node.args[0]) if node.args else []
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        parts = [node.value]
    elif isinstance(node, ast.JoinedStr):
        parts = [v.value for v in node.values if isinstance(v, ast.Constant)]
    else:
        return []
    text = re.sub(r"\[/?[a-z ]*\]", "", " ".join(parts)).strip()  # rich markup is no word
    if not re.search(r"[A-Za-z]{3,}", text) or SAME_IN_BOTH.match(text):
        return []
    if re.fullmatch(r"-{1,2}[\w-]+", text):  # an option's name
        return []
    return [text]


def _bypasses() -> list[str]:
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if "msgs" in path.parts or path.name == "i18n.py":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if name not in SINKS:
                continue
            if name == "add" and len(node.args) != 2:
                continue  # a set's add, not a Collector's
            texts = [node.args[p] for p in SINKS[name] if p < len(node.args)]
            texts += [k.value for k in node.keywords if k.arg in ("prefix", "title")]
            for text in texts:
                for words in _literal_words(text):
                    rel = path.relative_to(PACKAGE.parent)
                    found.append(f"{rel}:{node.lineno}: {name}({words!r})")
    return found


def test_no_message_bypasses_the_catalogue() -> None:
    found = _bypasses()
    assert not found, f"{len(found)} messages outside the catalogue:\n" + "\n".join(found)


# --- no English in the default output of the whole command line ----------------------

# Words of English that have no place in Indonesian output (user data aside).
ENGLISH = re.compile(
    r"\b(the|is|are|not|of|and|with|for|from|this|that|file|files|error|errors|warning|"
    r"warnings|should|must|cannot|missing|expected|found|invalid|Usage|Options|"
    r"Aspects|Domains|Weight|Index|Rubric|Self-assessment|exact|difference|problems?)\b"
)


def _surface(tmp: Path) -> list[list[str]]:
    xlsx = str(EXAMPLES / "kabupaten-contoh-2024.xlsx")
    yaml_2025 = str(EXAMPLES / "kabupaten-contoh-2025.yaml")
    result = str(tmp / "hasil.json")
    folder = tmp / "folder"
    folder.mkdir()
    shutil.copy(EXAMPLES / "kabupaten-contoh-2024.xlsx", folder)
    shutil.copy(EXAMPLES / "kabupaten-contoh-2026.xlsx", folder)
    (folder / "rusak.xlsx").write_bytes(b"not a workbook")
    return [
        ["score", xlsx],
        ["score", xlsx, "-f", "md"],
        ["score", xlsx, "-o", result],
        ["score", xlsx, "--min-predikat", "Memuaskan"],
        ["score", xlsx, "--fail-under", "4.5"],
        ["report", result, "-f", "md"],
        ["template", "-o", str(tmp / "t.xlsx"), "--year", "2025"],
        ["diff", xlsx, yaml_2025],
        ["diff", xlsx, yaml_2025, "--fail-on-drop"],
        ["plan", xlsx],
        ["check", str(EXAMPLES / "bukti-dukung" / "kota-contoh-2025.xlsx")],
        ["batch", str(folder), "--out", str(tmp / "out")],
        ["rubrics"],
        ["rubrics", "show", "permenpanrb-59-2020"],
        ["rubrics", "check", str(PACKAGE.parent / "rubrics" / "permenpanrb-59-2020.yaml")],
        ["score", str(tmp / "nothing.xlsx")],
        ["score", str(folder / "rusak.xlsx")],
    ]


def _english_in(text: str) -> list[str]:
    return sorted({m.group(0) for m in ENGLISH.finditer(text)})


def test_no_english_in_default_output(runner: CliRunner, tmp_path: Path) -> None:
    leaks = []
    for args in _surface(tmp_path):
        result = runner.invoke(app, args)
        assert "Traceback" not in result.output
        for stream in (result.stdout, result.stderr):
            # the temporary folder's own name ("pytest-of-USER") is not the tool's English
            words = _english_in(re.sub(r"pytest-of-\S*", "", stream))
            if words:
                leaks.append(f"spbe {' '.join(args[:2])}: {words}\n{stream[:600]}")
    assert not leaks, "\n\n".join(leaks)


# Words of the catalogue's Indonesian that no official term or example name contains.
INDONESIAN = re.compile(
    r"\b(galat|peringatan|berkas|dinilai|bukan|dilewati|ditulis|Opsi|untuk bantuan|"
    r"eksak|selisih|Bobot|Indeks dan|belum terkonfirmasi|ambang)\b"
)


def test_english_output_with_lang_en_and_spbe_lang(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    leaks = []
    for at, args in enumerate(_surface(tmp_path)):
        # every other command through the environment, the others with --lang en
        if at % 2:
            monkeypatch.setenv("SPBE_LANG", "en")
            result = runner.invoke(app, args)
            monkeypatch.delenv("SPBE_LANG")
        else:
            result = runner.invoke(app, [*args, "--lang", "en"])
        assert "Traceback" not in result.output
        for stream in (result.stdout, result.stderr):
            words = sorted(set(INDONESIAN.findall(re.sub(r"pytest-of-\S*", "", stream))))
            if words:
                leaks.append(f"spbe {' '.join(args[:2])}: {words}\n{stream[:600]}")
    assert not leaks, "\n\n".join(leaks)
