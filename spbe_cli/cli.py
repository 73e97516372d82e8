"""The `spbe` command: parse options, call the core, print, map errors to exit codes.

Exit codes: 0 ok, 1 a gate failed, 2 bad input or usage.
"""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer

from spbe_cli.errors import SpbeError

EXIT_OK, EXIT_GATE, EXIT_INPUT = 0, 1, 2

app = typer.Typer(
    name="spbe",
    help="Compute the SPBE / Pemerintah Digital index exactly and write reports.\n\n"
    "Exit codes: 0 ok, 1 a gate failed, 2 bad input or usage.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
rubrics_app = typer.Typer(help="List, show and check rubric files.", invoke_without_command=True)
app.add_typer(rubrics_app, name="rubrics")


class ScoreFormat(StrEnum):
    table = "table"
    json = "json"
    md = "md"
    html = "html"


class Missing(StrEnum):
    error = "error"
    min = "min"


class BasisOpt(StrEnum):
    rounded = "rounded"
    exact = "exact"


def _fail(err: SpbeError) -> NoReturn:
    from rich.console import Console
    from rich.markup import escape

    console = Console(stderr=True, highlight=False, soft_wrap=True)
    for p in err.problems:
        console.print(f"[bold red]error:[/] {escape(str(p))}")
    if len(err.problems) > 1:
        console.print(f"{len(err.problems)} problems", style="red")
    raise typer.Exit(EXIT_INPUT)


def _limits() -> Any:
    import os

    from spbe_cli.limits import Limits

    return Limits.from_env(os.environ)


def _console() -> Any:
    from rich.console import Console

    return Console(highlight=False)


RubricOpt = Annotated[
    str | None,
    typer.Option("--rubric", "-r", help="Built-in rubric id or a rubric YAML file."),
]


class Lang(StrEnum):
    id = "id"
    en = "en"


class ReportFormat(StrEnum):
    md = "md"
    html = "html"


LangOpt = Annotated[Lang, typer.Option("--lang", help="Report language (id or en).")]
GeneratedAtOpt = Annotated[
    str | None,
    typer.Option(
        "--generated-at",
        help="Time stamped in reports (ISO 8601); default SOURCE_DATE_EPOCH, else now.",
    ),
]


def _generated_at(option: str | None) -> str:
    """The report time stamp: --generated-at, else SOURCE_DATE_EPOCH, else now (UTC)."""
    import datetime as dt
    import os

    from spbe_cli.errors import SpbeError as _E

    if option:
        try:
            when = dt.datetime.fromisoformat(option)
        except ValueError:
            raise _E(f"--generated-at: {option!r} is not an ISO 8601 time") from None
    elif os.environ.get("SOURCE_DATE_EPOCH", "").strip().isdigit():
        when = dt.datetime.fromtimestamp(int(os.environ["SOURCE_DATE_EPOCH"]), dt.UTC)
    else:
        when = dt.datetime.now(dt.UTC)
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    return when.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")


FailUnderOpt = Annotated[
    str | None, typer.Option("--fail-under", help="Gate: exit 1 when the index is below this.")
]
MinPredikatOpt = Annotated[
    str | None, typer.Option("--min-predikat", help="Gate: exit 1 below this predikat.")
]
MinDomainOpt = Annotated[
    list[str] | None,
    typer.Option("--min-domain", help="Gate: ID=VALUE for a domain or aspect (repeatable)."),
]


def _gates(fail_under: str | None, min_predikat: str | None, min_domain: list[str] | None) -> Any:
    from spbe_cli import gates

    return gates.parse(fail_under, min_predikat, min_domain or [])


@app.command()
def score(
    file: Annotated[Path, typer.Argument(help="Answers: .xlsx .xlsm .xls .ods .csv .yaml .json")],
    rubric: RubricOpt = None,
    fmt: Annotated[
        ScoreFormat, typer.Option("--format", "-f", help="Output format.")
    ] = ScoreFormat.table,
    output: Annotated[
        str | None, typer.Option("--output", "-o", help="Write here ('-' = stdout).")
    ] = None,
    missing: Annotated[
        Missing,
        typer.Option(help="Unanswered indicators: an error, or scored at the scale minimum."),
    ] = Missing.error,
    predikat_basis: Annotated[
        BasisOpt | None,
        typer.Option(help="Classify the rounded index (rubric default) or the exact one."),
    ] = None,
    lang: LangOpt = Lang.id,
    generated_at: GeneratedAtOpt = None,
    fail_under: FailUnderOpt = None,
    min_predikat: MinPredikatOpt = None,
    min_domain: MinDomainOpt = None,
) -> None:
    """Score one institution's answers: a table, JSON, or a Markdown/HTML report."""
    from spbe_cli import gates as gates_mod
    from spbe_cli import output as out
    from spbe_cli.pipeline import report_text, score_file

    try:
        gates = _gates(fail_under, min_predikat, min_domain)
        loaded, answers, sc, result = score_file(
            file,
            rubric,
            missing.value,
            predikat_basis.value if predikat_basis else None,
            _limits(),
        )
        if fmt is ScoreFormat.json:
            out.write(
                output or "-", json.dumps(result, ensure_ascii=False, indent=2) + "\n", [file]
            )
        elif fmt in (ScoreFormat.md, ScoreFormat.html):
            text = report_text(result, loaded, fmt.value, lang.value, _generated_at(generated_at))
            out.write(output or "-", text, [file])
        elif output and output != "-":
            from rich.console import Console

            console = Console(record=True, width=120, file=open_null())
            from spbe_cli.console import score_table

            score_table(console, result, loaded.rubric.index_name)
            out.write(output, console.export_text(), [file])
        else:
            from spbe_cli.console import score_table

            score_table(_console(), result, loaded.rubric.index_name)
        misses = gates_mod.check(result, gates) if gates.active else []
    except SpbeError as e:
        _fail(e)
    if misses:
        name = result["institution"]["name"]
        for m in misses:
            typer.echo(f"gate failed: {name}: {m}", err=True)
        raise typer.Exit(EXIT_GATE)


@app.command()
def report(
    result_file: Annotated[Path, typer.Argument(help="A result JSON from `spbe score -f json`.")],
    fmt: Annotated[ReportFormat, typer.Option("--format", "-f", help="Report format.")] = (
        ReportFormat.html
    ),
    output: Annotated[
        str | None, typer.Option("--output", "-o", help="Write here ('-' = stdout).")
    ] = None,
    rubric: Annotated[
        str | None,
        typer.Option("--rubric", "-r", help="The rubric file, for results of a custom rubric."),
    ] = None,
    lang: LangOpt = Lang.id,
    generated_at: GeneratedAtOpt = None,
) -> None:
    """Render a saved result (JSON) as a Markdown or HTML report, without the workbook."""
    from spbe_cli import output as out
    from spbe_cli.pipeline import load_result, report_text, rubric_for_result

    try:
        result = load_result(result_file)
        loaded, extra = rubric_for_result(result, rubric)
        text = report_text(
            result, loaded, fmt.value, lang.value, _generated_at(generated_at), extra
        )
        out.write(output or "-", text, [result_file])
    except SpbeError as e:
        _fail(e)


def open_null() -> Any:
    import io

    return io.StringIO()


@rubrics_app.callback()
def rubrics_list(ctx: typer.Context) -> None:
    """List the built-in rubrics with their years and confidence."""
    if ctx.invoked_subcommand is not None:
        return
    from spbe_cli.console import rubric_list
    from spbe_cli.rubric import all_builtin

    try:
        rubric_list(_console(), all_builtin())
    except SpbeError as e:
        _fail(e)


@rubrics_app.command("show")
def rubrics_show(rubric: Annotated[str, typer.Argument(help="Built-in id or YAML file.")]) -> None:
    """Show a rubric's structure, weights, scales and predikat bands."""
    from spbe_cli.console import rubric_show
    from spbe_cli.rubric import load_rubric

    try:
        rubric_show(_console(), load_rubric(rubric))
    except SpbeError as e:
        _fail(e)


@rubrics_app.command("schema")
def rubrics_schema() -> None:
    """Print the JSON Schema of rubric files, for editors and rubric authors."""
    from spbe_cli.rubric import Rubric

    typer.echo(json.dumps(Rubric.model_json_schema(), ensure_ascii=False, indent=2))


@rubrics_app.command("check")
def rubrics_check(file: Annotated[Path, typer.Argument(help="A rubric YAML file.")]) -> None:
    """Validate a custom rubric file; every problem with its line and field path."""
    from spbe_cli.errors import Problem, RubricError
    from spbe_cli.rubric import parse_rubric

    try:
        try:
            data = file.read_bytes()
        except OSError as e:
            raise RubricError([Problem(str(file), "", f"cannot read: {e.strerror}")]) from None
        lr = parse_rubric(data, str(file))
    except SpbeError as e:
        _fail(e)
    r = lr.rubric
    typer.echo(
        f"{file}: ok — {r.id}, {len(r.all_aspects)} aspects, {len(r.indicators)} indicators,"
        f" weights add up to 100"
    )


@app.command()
def template(
    output: Annotated[str, typer.Option("--output", "-o", help="Where to write the .xlsx.")],
    rubric: Annotated[
        str, typer.Option("--rubric", "-r", help="Built-in rubric id or a rubric YAML file.")
    ] = "permenpanrb-59-2020",
    institution: Annotated[str | None, typer.Option(help="Pre-fill Instansi.")] = None,
    year: Annotated[int | None, typer.Option(help="Pre-fill Tahun.")] = None,
) -> None:
    """Write the canonical answer workbook for a rubric, ready to fill in."""
    from spbe_cli import output as out
    from spbe_cli.rubric import load_rubric
    from spbe_cli.template import build_template

    try:
        lr = load_rubric(rubric)
        out.write(output, build_template(lr, institution=institution, year=year))
    except SpbeError as e:
        _fail(e)
    if output != "-":
        typer.echo(
            f"wrote {output} ({len(lr.rubric.indicators)} indicators, {lr.rubric.id})", err=True
        )


class DiffFormat(StrEnum):
    table = "table"
    md = "md"
    html = "html"
    json = "json"


@app.command()
def diff(
    old: Annotated[
        Path, typer.Argument(help="Older answers or result JSON (or a folder/summary).")
    ],
    new: Annotated[
        Path, typer.Argument(help="Newer answers or result JSON (or a folder/summary).")
    ],
    fmt: Annotated[DiffFormat, typer.Option("--format", "-f", help="Output format.")] = (
        DiffFormat.table
    ),
    output: Annotated[
        str | None, typer.Option("--output", "-o", help="Write here ('-' = stdout).")
    ] = None,
    rubric: RubricOpt = None,
    lang: LangOpt = Lang.id,
    fail_on_drop: Annotated[
        str | None,
        typer.Option(
            "--fail-on-drop",
            help="Gate: exit 1 when the index falls by more than TOL (bare flag: TOL 0).",
        ),
    ] = None,
    fail_on_predikat_drop: Annotated[
        bool, typer.Option("--fail-on-predikat-drop", help="Gate: exit 1 when the predikat falls.")
    ] = False,
) -> None:
    """What changed between two years: index, predikat, domains, aspects, indicators."""
    from decimal import Decimal, InvalidOperation

    from spbe_cli import output as out
    from spbe_cli.errors import SpbeError as _E

    try:
        tolerance = None
        if fail_on_drop is not None:
            try:
                tolerance = Decimal(fail_on_drop.replace(",", "."))
            except InvalidOperation:
                raise _E(f"--fail-on-drop: {fail_on_drop!r} is not a number") from None
        batch_form = old.is_dir() or new.is_dir() or _is_summary(old) or _is_summary(new)
        if batch_form:
            text, misses = _batch_diff(
                old, new, fmt, lang.value, rubric, tolerance, fail_on_predikat_drop
            )
        else:
            text, misses = _single_diff(
                old, new, fmt, lang.value, rubric, tolerance, fail_on_predikat_drop
            )
        if text is not None:
            out.write(output or "-", text, [old, new])
    except SpbeError as e:
        _fail(e)
    for m in misses:
        typer.echo(f"gate failed: {m}", err=True)
    if misses:
        raise typer.Exit(EXIT_GATE)


def _is_summary(path: Path) -> bool:
    if path.suffix.lower() != ".json" or not path.is_file():
        return False
    try:
        with path.open("rb") as f:
            return b'"rows"' in f.read(256)
    except OSError:
        return False


def _single_diff(
    old: Path,
    new: Path,
    fmt: Any,
    lang: str,
    rubric: str | None,
    tolerance: Any,
    predikat_drop: bool,
) -> tuple[str | None, list[str]]:
    from spbe_cli import diff as d
    from spbe_cli import diffview
    from spbe_cli.pipeline import load_side
    from spbe_cli.render import render_view

    a, b = load_side(old, rubric, _limits()), load_side(new, rubric, _limits())
    result = d.compare(a, b)
    name = b.loaded.rubric.index_name if b.loaded else "Indeks"
    view = diffview.build(result, lang, name)  # type: ignore[arg-type]
    misses = [
        f"{b.result['institution']['name']}: {m}"
        for m in d.drop_misses(result, tolerance, predikat_drop)
    ]
    if fmt.value == "json":
        payload = d.to_json(result) | {"gates": misses}
        return json.dumps(payload, ensure_ascii=False, indent=2) + "\n", misses
    if fmt.value == "table":
        from spbe_cli.console import diff_table

        diff_table(_console(), view)
        return None, misses
    return render_view("diff", view, fmt.value), misses


def _batch_diff(
    old: Path,
    new: Path,
    fmt: Any,
    lang: str,
    rubric: str | None,
    tolerance: Any,
    predikat_drop: bool,
) -> tuple[str | None, list[str]]:
    import os

    from spbe_cli import diffview
    from spbe_cli.pipeline import load_rows
    from spbe_cli.render import render_view

    jobs = os.cpu_count() or 1
    old_rows, old_problems = load_rows(old, rubric, jobs)
    new_rows, new_problems = load_rows(new, rubric, jobs)
    err = [*old_problems, *new_problems]
    for m in err:
        typer.echo(f"warning: not compared: {m}", err=True)
    pairs, only_old, only_new = diffview.match(old_rows, new_rows)
    view = diffview.build_batch(pairs, only_old, only_new, lang, tolerance, predikat_drop)  # type: ignore[arg-type]
    misses = [f"{name}: {m}" for name, m in view.gates]
    if fmt.value == "json":
        payload = {
            "format_version": 1,
            "rows": [
                dict(
                    zip(
                        ["institution", "old_year", "new_year", "old", "new", "delta", "predikat"],
                        r,
                        strict=True,
                    )
                )
                for r in view.rows
            ],
            "unmatched_old": view.unmatched_old,
            "unmatched_new": view.unmatched_new,
            "gates": misses,
        }
        return json.dumps(payload, ensure_ascii=False, indent=2) + "\n", misses
    if fmt.value == "table":
        from spbe_cli.console import batch_diff_table

        batch_diff_table(_console(), view)
        return None, misses
    return render_view("diff-batch", view, fmt.value), misses


class PlanFormat(StrEnum):
    table = "table"
    md = "md"
    csv = "csv"
    json = "json"


@app.command()
def plan(
    file: Annotated[Path, typer.Argument(help="Answers (any format) or a result JSON.")],
    target: Annotated[
        str | None,
        typer.Option("--target", "-t", help="A predikat (Baik) or an index (3.0); default next."),
    ] = None,
    costs: Annotated[
        Path | None, typer.Option("--costs", help="Effort per indicator (YAML or CSV).")
    ] = None,
    max_steps: Annotated[
        int | None, typer.Option("--max-steps", min=0, help="Refuse plans longer than this.")
    ] = None,
    fmt: Annotated[PlanFormat, typer.Option("--format", "-f", help="Output format.")] = (
        PlanFormat.table
    ),
    output: Annotated[
        str | None, typer.Option("--output", "-o", help="Write here ('-' = stdout).")
    ] = None,
    rubric: RubricOpt = None,
    lang: LangOpt = Lang.id,
    predikat_basis: Annotated[
        BasisOpt | None,
        typer.Option(help="Reach the target on the rounded index (rubric default) or exact."),
    ] = None,
) -> None:
    """The cheapest path to the next predikat (or --target), with what each step requires."""
    from spbe_cli import output as out
    from spbe_cli import planning, planview
    from spbe_cli.errors import SpbeError as _E
    from spbe_cli.pipeline import load_side
    from spbe_cli.readers.costs import read_costs

    try:
        side = load_side(file, rubric, _limits())
        loaded, sc = side.loaded, side.score
        basis: Any = predikat_basis.value if predikat_basis else loaded.rubric.predikat.basis
        try:
            target_index, target_name = planning.target_from(loaded.rubric, sc, target)
        except ValueError as e:
            raise _E(str(e)) from None
        cost_table = read_costs(costs, loaded.rubric) if costs is not None else None
        result = planning.plan(
            loaded.rubric, sc, target_index, target_name, basis, cost_table, max_steps
        )
        view = planview.build(
            result, lang.value, side.result["institution"]["name"], cost_table is not None
        )
        if fmt is PlanFormat.json:
            text = json.dumps(planview.to_json(result), ensure_ascii=False, indent=2) + "\n"
        elif fmt is PlanFormat.csv:
            text = planview.to_csv(result)
        elif fmt is PlanFormat.md:
            from spbe_cli.render import render_view

            text = render_view("plan", view, "md")
        else:
            from spbe_cli.console import plan_table

            plan_table(_console(), view)
            text = None
        if text is not None:
            out.write(output or "-", text, [file])
    except SpbeError as e:
        _fail(e)


def _optional_flag_values(argv: list[str]) -> list[str]:
    """`--fail-on-drop` may stand alone (tolerance 0) or take a number after it."""
    out = []
    for i, arg in enumerate(argv):
        out.append(arg)
        if arg == "--fail-on-drop":
            nxt = argv[i + 1] if i + 1 < len(argv) else None
            if nxt is None or not _looks_numeric(nxt):
                out.append("0")
    return out


def _looks_numeric(text: str) -> bool:
    try:
        float(text.replace(",", "."))
    except ValueError:
        return False
    return True


def main() -> None:
    import os

    # pydantic scans every installed package's entry points for plugins at import (about
    # 20 ms of a cold start); the CLI uses none.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    try:
        app(args=_optional_flag_values(sys.argv[1:]), prog_name="spbe")
    except KeyboardInterrupt:
        sys.exit(130)


@app.command()
def batch(
    paths: Annotated[list[str], typer.Argument(help="Answer files, folders (recursive) or globs.")],
    out_dir: Annotated[
        Path, typer.Option("--out", help="Folder for results and summaries.")
    ] = Path("spbe-out"),
    rubric: RubricOpt = None,
    jobs: Annotated[
        int, typer.Option("--jobs", "-j", min=0, help="Parallel workers (0: one per core).")
    ] = 0,
    reports: Annotated[
        str | None, typer.Option("--reports", help="Per-institution reports: md, html or md,html.")
    ] = None,
    lang: LangOpt = Lang.id,
    missing: Annotated[
        Missing, typer.Option(help="Unanswered indicators: an error, or scored at the minimum.")
    ] = Missing.error,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print only problems.")] = False,
    allow_invalid: Annotated[
        bool, typer.Option("--allow-invalid", help="Exit 0 even when some files are invalid.")
    ] = False,
    generated_at: GeneratedAtOpt = None,
    fail_under: FailUnderOpt = None,
    min_predikat: MinPredikatOpt = None,
    min_domain: MinDomainOpt = None,
) -> None:
    """Score many institutions in one run: results, reports, ranked summaries, CI gates."""
    import os

    from spbe_cli import batch as b
    from spbe_cli import output as out
    from spbe_cli import summary
    from spbe_cli.errors import SpbeError as _E

    try:
        gates = _gates(fail_under, min_predikat, min_domain)
        formats = tuple(f.strip() for f in (reports or "").split(",") if f.strip())
        bad = [f for f in formats if f not in ("md", "html")]
        if bad:
            raise _E(f"--reports: {', '.join(bad)} is not md or html")
        stamp = _generated_at(generated_at)
        files, unmatched = b.discover(paths, exclude=out_dir)
        if unmatched:
            raise _E([_problem(u, "", "no answer files here") for u in unmatched])
        if out_dir.exists() and not out_dir.is_dir():
            raise _E([_problem(str(out_dir), "", "--out is a file, not a folder")])
        out_dir.mkdir(parents=True, exist_ok=True)
        workers = jobs or min(len(files), os.cpu_count() or 1)
        job = b.Job(rubric, missing.value, formats, lang.value, stamp, _limits())
        outcomes = _run_with_progress(b, files, job, workers, quiet)
        b.mark_duplicates(outcomes)
        b.assign_stems(outcomes)
        b.apply_gates(outcomes, gates)
        ordered = b.ranked(outcomes)
        inputs = out.protect(files)
        for o in ordered:
            if o.ok:
                out.write(str(out_dir / f"{o.stem}.json"), o.result_json, inputs, durable=False)
                for fmt, text in o.reports.items():
                    out.write(str(out_dir / f"{o.stem}.{fmt}"), text, inputs, durable=False)
        table = summary.rows(ordered)
        from spbe_cli import __version__

        view_id = summary.build_view(table, lang.value, stamp, f"spbe-cli {__version__}")
        out.write(str(out_dir / "summary.json"), summary.to_json(table), inputs)
        out.write(str(out_dir / "summary.csv"), summary.to_csv(table), inputs)
        out.write(str(out_dir / "summary.xlsx"), summary.to_xlsx(table), inputs)
        out.write(str(out_dir / "summary.md"), summary.render(view_id, "md"), inputs)
        out.write(str(out_dir / "summary.html"), summary.render(view_id, "html"), inputs)
    except SpbeError as e:
        _fail(e)
    _print_batch(ordered, table, out_dir, quiet)
    invalid = [o for o in ordered if not o.ok]
    missed = [o for o in ordered if o.gate_misses]
    if invalid and not allow_invalid:
        raise typer.Exit(EXIT_INPUT)
    if missed:
        raise typer.Exit(EXIT_GATE)


def _problem(file: str, where: str, message: str) -> Any:
    from spbe_cli.errors import Problem

    return Problem(file, where, message)


def _run_with_progress(b: Any, files: list[Path], job: Any, workers: int, quiet: bool) -> Any:
    if quiet or not sys.stderr.isatty():
        return b.score_all(files, job, workers)
    from rich.progress import Progress

    with Progress(transient=True) as progress:
        task = progress.add_task("scoring", total=len(files))
        return b.score_all(files, job, workers, lambda: progress.advance(task))


def _print_batch(
    ordered: list[Any], table: list[dict[str, Any]], out_dir: Path, quiet: bool
) -> None:
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    err = Console(stderr=True, highlight=False, soft_wrap=True)
    ok = [r for r in table if r["status"] == "ok"]
    if not quiet:
        console = _console()
        t = Table(
            show_edge=False,
            title=f"{len(ok)} of {len(table)} scored → {out_dir}",
            title_justify="left",
        )
        for col, j in (
            ("#", "right"),
            ("Institution", "left"),
            ("Year", "right"),
            ("Index", "right"),
            ("Predikat", "left"),
        ):
            t.add_column(col, justify=j)  # type: ignore[arg-type]
        for r in ok[:20]:
            t.add_row(
                str(r["rank"]),
                escape(r["institution"]),
                str(r["year"]),
                f"{r['index']:.2f}",
                r["predikat"],
            )
        if len(ok) > 20:
            t.add_row("…", f"{len(ok) - 20} more in summary.md", "", "", "")
        console.print(t)
    for o in ordered:
        for m in o.errors:
            err.print(f"[bold red]error:[/] {escape(m)}")
    for o in ordered:
        for m in o.gate_misses:
            name = o.result["institution"]["name"] if o.result else o.file
            err.print(f"[bold yellow]gate failed:[/] {escape(name)}: {escape(m)}")
