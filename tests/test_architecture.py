"""The house rules that keep the core pure, checked on the source (so CI enforces them)."""

from __future__ import annotations

import ast
import tomllib
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


def test_every_module_has_a_layer() -> None:
    """lint-imports (run by .ci/run) checks the layers; this says early, in the suite, that a
    new module needs its place in the contract (pyproject.toml, [tool.importlinter])."""
    config = tomllib.loads((PACKAGE.parent / "pyproject.toml").read_text(encoding="utf-8"))
    (layers,) = [c for c in config["tool"]["importlinter"]["contracts"] if c["id"] == "layers"]
    placed = {name.strip() for layer in layers["layers"] for name in layer.split(":")}
    modules = {p.stem for p in PACKAGE.glob("*.py") if p.stem != "__init__"}
    modules |= {p.name for p in PACKAGE.iterdir() if (p / "__init__.py").is_file()}
    assert modules - placed == set(), "place these modules in a layer"
    assert placed - modules == set(), "these layers name no module"


REASONS = ("# cold start:", "# import cost:")


def local_imports(path: Path) -> list[tuple[int, str]]:
    """Imports inside functions, each with its reason: a comment on the line, or in the
    block of comments and imports right above it (a blank line between import groups)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    found = []
    for fn in ast.walk(ast.parse("\n".join(lines))):
        if not isinstance(fn, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        for node in ast.walk(fn):
            if isinstance(node, ast.Import | ast.ImportFrom):
                block, j = [lines[node.lineno - 1]], node.lineno - 2
                while j >= 0:
                    text = lines[j].strip()
                    if not text and lines[j - 1].strip().startswith(("from ", "import ")):
                        j -= 1
                    elif text.startswith(("from ", "import ", "#")):
                        block.append(text)
                        j -= 1
                    else:
                        break
                marks = [line[line.index(r) :] for line in block for r in REASONS if r in line]
                found.append((node.lineno, marks[0] if marks else ""))
    return found


def test_function_local_imports_say_why() -> None:
    """Imports sit at the top of a module. A function-local one says why: `# cold start:`
    in cli/ (a command imports what only it needs), `# import cost:` elsewhere (rare)."""
    for path in MODULES:
        for line, reason in local_imports(path):
            where = f"{path.relative_to(PACKAGE.parent)}:{line}"
            assert reason, f"{where}: a function-local import without a reason"
            if path.parent.name != "cli":
                assert reason.startswith("# import cost:"), where
