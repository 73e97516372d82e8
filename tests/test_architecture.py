"""The house rules that keep the core pure, checked on the source (so CI enforces them)."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "spbe_cli"
MODULES = sorted(PACKAGE.rglob("*.py"))
PURE = [
    "scoring.py",
    "diff.py",
    "planning.py",
    "view.py",
    "diffview.py",
    "planview.py",
    "result.py",
    "summary.py",
    "gates.py",
    "charts.py",
    "numbers.py",
    "i18n.py",
    "check.py",  # its only file access is evidence.py's probing, handed the roots
    "checkview.py",
    "checksummary.py",
]


def imported(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module.split(".")[0])
    return names


def test_only_the_cli_package_imports_typer_and_rich_besides_console() -> None:
    for path in MODULES:
        names = imported(path)
        in_cli = path.parent.name == "cli"
        if "typer" in names:
            assert in_cli, path
        if "rich" in names:
            assert in_cli or path.name == "console.py", path


def test_the_core_touches_no_files_clock_or_environment() -> None:
    for name in PURE:
        source = (PACKAGE / name).read_text(encoding="utf-8")
        tree = ast.parse(source)
        names = imported(PACKAGE / name)
        assert not names & {"os", "sys", "time", "datetime", "subprocess", "shutil"}, name
        calls = {
            n.func.id
            for n in ast.walk(tree)
            if isinstance(n, ast.Call) and isinstance(n.func, ast.Name)
        }
        assert "open" not in calls and "print" not in calls, name


def test_no_float_arithmetic_in_scoring() -> None:
    """Indices stay exact until display: no round() in the exact core, and no float() in
    scoring and planning (diff.py and numbers.py only turn finished text into JSON numbers
    or spreadsheet doubles into fractions)."""
    for name in ("scoring.py", "diff.py", "planning.py", "numbers.py"):
        tree = ast.parse((PACKAGE / name).read_text(encoding="utf-8"))
        calls = {
            n.func.id
            for n in ast.walk(tree)
            if isinstance(n, ast.Call) and isinstance(n.func, ast.Name)
        }
        assert "round" not in calls, name
        if name in ("scoring.py", "planning.py"):
            assert "float" not in calls, name
