"""`spbe score`, `spbe report` and `spbe template`: one institution."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from spbe_cli.cli import (
    EXIT_GATE,
    BasisOpt,
    FailUnderOpt,
    GeneratedAtOpt,
    Lang,
    LangOpt,
    MinDomainOpt,
    MinPredikatOpt,
    Missing,
    ReportFormat,
    RubricOpt,
    ScoreFormat,
    _console,
    _gates,
    _generated_at,
    _limits,
    app,
)


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
    from spbe_cli import serialize
    from spbe_cli.pipeline import score_file

    gates = _gates(fail_under, min_predikat, min_domain, rubric)
    loaded, result = score_file(
        file,
        rubric,
        missing.value,
        predikat_basis.value if predikat_basis else None,
        _limits(),
        isolate=True,
    )
    if fmt is ScoreFormat.json:
        out.write(output or "-", serialize.result_text(result), [file])
    elif fmt in (ScoreFormat.md, ScoreFormat.html):
        from spbe_cli.reports import report_texts  # only here: views and templates load slowly

        stamp = _generated_at(generated_at)
        text = report_texts(result, loaded, (fmt.value,), lang.value, stamp)[fmt.value]
        out.write(output or "-", text, [file])
    elif output and output != "-":  # the table as plain text, into a file
        out.write(output, _table_text(result, loaded.rubric), [file])
    else:
        from spbe_cli.console import score_table

        score_table(_console(), result, loaded.rubric)
    misses = gates_mod.check(result.headline(), gates) if gates.active else []
    for m in misses:
        typer.echo(f"gate failed: {result.institution.name}: {m}", err=True)
    if misses:
        raise typer.Exit(EXIT_GATE)


def _table_text(result: Any, rubric: Any) -> str:
    import io

    from rich.console import Console

    from spbe_cli.console import score_table

    console = Console(record=True, width=120, file=io.StringIO())
    score_table(console, result, rubric)
    return console.export_text()


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
    from spbe_cli.reports import report_texts
    from spbe_cli.saved import load_result

    result, loaded, extra = load_result(result_file, rubric, _limits())
    stamp = _generated_at(generated_at)
    text = report_texts(result, loaded, (fmt.value,), lang.value, stamp, extra)[fmt.value]
    out.write(output or "-", text, [result_file])


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

    lr = load_rubric(rubric)
    out.write(output, build_template(lr, institution=institution, year=year))
    if output != "-":
        typer.echo(
            f"wrote {output} ({len(lr.rubric.indicators)} indicators, {lr.rubric.id})", err=True
        )
