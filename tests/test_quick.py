"""What a command line pays for at start. `spbe score` without typer (`cli/quick.py`): it
takes only what typer would take the same way, with the same values, and it is what a
plain `spbe score` runs. Any other command gets a tree of just that command
(`app.build`), which says and does what the whole tree does."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.main import get_command
from typer.testing import CliRunner

from spbe_cli.cli import app as app_module
from spbe_cli.cli import cmd_score, quick
from spbe_cli.cli.app import app

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "kabupaten-contoh-2024.xlsx"


def score_command() -> Any:
    return get_command(app).commands["score"]  # type: ignore[attr-defined]


def test_the_quick_options_are_the_score_commands() -> None:
    """Every spelling of every option of `spbe score` (but --help) is read by `quick`, as
    the same parameter; nothing else is; the repeatable ones are the same."""
    params = [p for p in score_command().params if p.param_type_name == "option"]
    spellings = {o: p.name for p in params for o in p.opts if o != "--help"}
    assert {o: name for o, (name, _) in quick.OPTIONS.items()} == spellings
    assert quick.REPEATABLE == {p.name for p in params if p.multiple}
    arguments = [p.name for p in score_command().params if p.param_type_name == "argument"]
    assert arguments == ["file"]


def typer_values(argv: list[str], env: dict[str, str | None]) -> dict[str, Any] | None:
    """The values typer gives the score command's body for `argv`, or None when typer
    refuses the arguments."""
    seen: list[dict[str, Any]] = []

    def record(**values: Any) -> int:
        seen.append(values)
        return 0

    original = cmd_score.run_score
    cmd_score.run_score = lambda *args: record(**dict(zip(_ORDER, args, strict=True)))
    try:
        done = CliRunner().invoke(app, argv, env=env)
    finally:
        cmd_score.run_score = original
    if done.exit_code != 0 or not seen:
        return None
    return seen[0]


# run_score's parameters in order (the typer command passes them positionally)
_ORDER = [
    "file",
    "rubric",
    "fmt",
    "output",
    "missing",
    "predikat_basis",
    "lang",
    "generated_at",
    "fail_under",
    "min_predikat",
    "min_domain",
    "costs",
    "max_raise",
]


def test_the_order_is_run_scores() -> None:
    import inspect

    from spbe_cli.cli.scorecmd import run_score

    assert list(inspect.signature(run_score).parameters) == _ORDER
    assert set(quick.score_request(["score", "a.xlsx"], {}) or {}) == set(_ORDER)


COMMON = [
    ["score", "a.xlsx"],
    ["score", "a.xlsx", "--format", "json"],
    ["score", "a.xlsx", "-f", "md", "-o", "laporan.md"],
    ["score", "-o", "-", "a.xlsx", "--format=html"],
    ["score", "a.xlsx", "--lang", "en", "--rubric", "permenpanrb-59-2020"],
    ["score", "a.xlsx", "-r", "r.yaml", "--missing", "min", "--predikat-basis", "exact"],
    ["score", "a.xlsx", "--fail-under", "3,5", "--min-domain", "D1", "--min-domain", "A2"],
    ["score", "a.xlsx", "--min-predikat", "Baik", "--costs", "c.yaml", "--max-raise", "3"],
    ["score", "a.xlsx", "--generated-at", "2025-01-01T00:00"],
]


@pytest.mark.parametrize("argv", COMMON, ids=[" ".join(a[1:]) for a in COMMON])
@pytest.mark.parametrize("lang", [None, "en"])
def test_what_people_type_runs_quick_with_typers_values(argv: list[str], lang: str | None) -> None:
    env = {"SPBE_LANG": lang}
    environ = {} if lang is None else {"SPBE_LANG": lang}
    request = quick.score_request(argv, environ)
    assert request is not None
    assert request == typer_values(argv, env)


TOKENS = st.sampled_from(
    [
        "a.xlsx",
        "b c.xlsx",
        "-",
        "",
        "--",
        "-h",
        "--help",
        "--formatx",
        "-fjson",
        "-f=json",
        "--format=JSON",
        "--lang=en",
    ]
)
OPTION_VALUES = {
    "--format": ["json", "JSON", "md", "table", "pdf", "xml", ""],
    "-f": ["html", "Md", "-o"],
    "-o": ["out.md", "-", "-x", ""],
    "--output": ["r.html", "--format"],
    "--rubric": ["permenpanrb-5-2018", "", "-"],
    "-r": ["x.yaml"],
    "--missing": ["min", "error", "MIN", "none"],
    "--predikat-basis": ["exact", "rounded", "Exact"],
    "--lang": ["en", "id", "EN", "fr", ""],
    "--generated-at": ["2025-01-01", "kemarin", "-1"],
    "--fail-under": ["3", "3,5", "3.25", "nan", "-1", "abc", "1e3", " 2", "٣"],
    "--min-predikat": ["Baik", "Tinggi"],
    "--min-domain": ["D1", "A9", ""],
    "--costs": ["c.yaml", "", "-"],
    "--max-raise": ["1", "2", "0", "01", "x", "+2", " 3", "9999999"],
}


@st.composite
def command_lines(draw: st.DrawFn) -> list[str]:
    parts: list[str] = []
    for _ in range(draw(st.integers(0, 5))):
        if draw(st.integers(0, 7)) == 0:  # now and then something typer refuses or reads
            parts.append(draw(TOKENS))  # its own way
            continue
        option = draw(st.sampled_from(sorted(OPTION_VALUES)))
        value = draw(st.sampled_from(OPTION_VALUES[option]))
        joined = option.startswith("--") and draw(st.booleans())
        parts.extend([f"{option}={value}"] if joined else [option, value])
    if draw(st.integers(0, 9)):
        parts.insert(draw(st.integers(0, len(parts))), "a.xlsx")
    return ["score", *parts]


@settings(max_examples=400)
@given(command_lines(), st.sampled_from([None, None, None, "en", "id", "EN", "fr", ""]))
def test_whatever_quick_takes_typer_takes_the_same_way(argv: list[str], lang: str | None) -> None:
    environ = {} if lang is None else {"SPBE_LANG": lang}
    request = quick.score_request(argv, environ)
    if request is not None:
        assert request == typer_values(argv, {"SPBE_LANG": lang})


def test_anything_but_score_goes_to_typer() -> None:
    for argv in ([], ["--help"], ["batch", "x"], ["--lang", "en", "score", "a.xlsx"]):
        assert quick.score_request(argv, {}) is None


def run_main(*args: str) -> subprocess.CompletedProcess[str]:
    """`spbe ARGS` through the entry point, saying afterwards whether typer was imported."""
    code = (
        "import sys\n"
        "from spbe_cli.cli import main\n"
        f"sys.argv = ['spbe', *{list(args)!r}]\n"
        "try:\n"
        "    main()\n"
        "finally:\n"
        "    print('typer imported:', 'typer' in sys.modules, file=sys.stderr)\n"
        "    loaded = sorted(m for m in sys.modules if m.startswith('spbe_cli.cli.cmd_'))\n"
        "    print('commands imported:', *loaded, file=sys.stderr)\n"
    )
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)


def test_a_plain_score_does_not_import_typer_and_writes_what_typer_would(
    tmp_path: Path,
) -> None:
    args = ["score", str(EXAMPLE), "-f", "md", "--generated-at", "2025-01-01"]
    done = run_main(*args)
    assert done.returncode == 0, done.stderr
    assert "typer imported: False" in done.stderr
    assert done.stdout == CliRunner().invoke(app, args).stdout


def test_errors_and_gates_are_the_typer_commands(tmp_path: Path) -> None:
    for args, code in (
        (["score", str(tmp_path / "tidak-ada.xlsx")], 2),
        (["score", str(EXAMPLE), "--fail-under", "4.5", "-f", "json"], 1),
        (["score", str(EXAMPLE), "--lang", "en", "--min-domain", "D9"], 2),
    ):
        done = run_main(*args)
        typer_run = CliRunner().invoke(app, args)
        assert "typer imported: False" in done.stderr
        assert (done.returncode, done.stdout) == (code, typer_run.stdout)
        assert done.stderr.split("typer imported: False\n")[0] == typer_run.stderr


def test_a_closed_stdout_is_exit_1_without_a_traceback() -> None:
    with subprocess.Popen(
        [sys.executable, "-m", "spbe_cli", "score", str(EXAMPLE), "-f", "html"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    ) as proc:
        assert proc.stdout is not None and proc.stderr is not None
        proc.stdout.close()  # before the report is written: the write finds no reader
        err = proc.stderr.read()
    assert proc.returncode == 1
    assert "Traceback" not in err and "Exception ignored" not in err


SUBCOMMANDS = [[name] for name in app_module.COMMANDS] + [
    ["rubrics"],
    *(["rubrics", name] for name in app_module.RUBRICS if name),
]


@pytest.mark.parametrize("path", SUBCOMMANDS, ids=" ".join)
@pytest.mark.parametrize("lang", ["id", "en"])
def test_a_tree_of_one_command_helps_as_the_whole_tree(path: list[str], lang: str) -> None:
    args = ["--lang", lang, *path, "--help"]
    alone = CliRunner().invoke(app_module.build(path[0]), args)
    whole = CliRunner().invoke(app, args)
    assert alone.exit_code == whole.exit_code == 0
    assert alone.stdout == whole.stdout


@pytest.mark.parametrize(
    ("argv", "named"),
    [
        (["batch", "x"], "batch"),
        (["--lang", "en", "diff", "a", "b"], "diff"),
        (["--lang=en", "rubrics", "show", "x"], "rubrics"),
        (["--lang", "batch"], None),  # --lang takes "batch" as its value
        (["--help"], None),
        (["bacth"], None),
        ([], None),
    ],
)
def test_the_command_a_line_names(argv: list[str], named: str | None) -> None:
    assert app_module.command_named(argv) == named


def test_a_command_imports_only_its_own_module() -> None:
    done = run_main("rubrics")
    assert done.returncode == 0, done.stderr
    assert "commands imported: spbe_cli.cli.cmd_rubrics\n" in done.stderr
    assert "permenpanrb-59-2020" in done.stdout
