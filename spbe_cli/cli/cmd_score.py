"""`spbe score`, `spbe report` and `spbe template`: one institution."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from spbe_cli import output as out
from spbe_cli.cli.common import (
    MAX_RAISE,
    Lang,
    Missing,
    Pdf,
    ReportFormat,
    ScoreFormat,
    file_limits,
    output_format,
    report_stamp,
)
from spbe_cli.cli.options import (
    CostsOpt,
    FailUnderOpt,
    GeneratedAtOpt,
    LangOpt,
    MaxRaiseOpt,
    MinDomainOpt,
    MinPredikatOpt,
    MissingOpt,
    OutputOpt,
    PredikatBasisOpt,
    RubricOpt,
)
from spbe_cli.cli.scorecmd import plan_choices, run_score
from spbe_cli.errors import SpbeError
from spbe_cli.i18n import msg, t
from spbe_cli.safetext import argv_text, printable


def score(
    file: Annotated[Path, typer.Argument()],
    rubric: RubricOpt = None,
    fmt: Annotated[ScoreFormat | None, typer.Option("--format", "-f", case_sensitive=False)] = None,
    output: OutputOpt = None,
    missing: MissingOpt = Missing.error,
    predikat_basis: PredikatBasisOpt = None,
    lang: LangOpt = Lang.id,
    generated_at: GeneratedAtOpt = None,
    fail_under: FailUnderOpt = None,
    min_predikat: MinPredikatOpt = None,
    min_domain: MinDomainOpt = None,
    costs: CostsOpt = None,
    max_raise: MaxRaiseOpt = MAX_RAISE,
) -> None:
    """Score one institution's answers: a table, JSON, or a Markdown/HTML report."""
    code = run_score(
        file,
        rubric,
        fmt,
        output,
        missing,
        predikat_basis,
        lang,
        generated_at,
        fail_under,
        min_predikat,
        min_domain,
        costs,
        max_raise,
    )
    if code:
        raise typer.Exit(code)


def report(
    result_file: Annotated[Path, typer.Argument()],
    fmt: Annotated[
        ReportFormat | None, typer.Option("--format", "-f", case_sensitive=False)
    ] = None,
    output: OutputOpt = None,
    rubric: RubricOpt = None,
    lang: LangOpt = Lang.id,
    generated_at: GeneratedAtOpt = None,
    costs: CostsOpt = None,
    max_raise: MaxRaiseOpt = MAX_RAISE,
) -> None:
    """Render a saved result (JSON) as a Markdown or HTML report, without the workbook."""
    # cold start: the report views and templates, and the loader, for this command only
    from spbe_cli.reports import report_texts
    from spbe_cli.saved import load_result

    stamp = report_stamp(generated_at)
    fmt = ReportFormat(output_format(fmt, output, ReportFormat, "html"))
    pdf = Pdf(output, lang.words, stamp) if fmt is ReportFormat.pdf else None
    result, loaded, extra = load_result(result_file, rubric, file_limits())
    kind = "html" if pdf is not None else fmt.value
    choices = plan_choices(costs, max_raise, loaded)
    text = report_texts(result, loaded, (kind,), lang.value, stamp, extra, choices)[kind]
    if pdf is not None:
        pdf.write(text, [result_file])
    else:
        out.write(output or "-", text, [result_file])


def template(
    output: Annotated[str, typer.Option("--output", "-o")],
    rubric: RubricOpt = None,
    institution: Annotated[str | None, typer.Option()] = None,
    year: Annotated[int | None, typer.Option()] = None,
    lang: LangOpt = Lang.id,
) -> None:
    """Write the canonical answer workbook for a rubric, ready to fill in."""
    # cold start: openpyxl (about 0.3 s) and the rubric models, for this command only
    import datetime as dt

    from spbe_cli.rubric import load_rubric, rubric_for_year
    from spbe_cli.template import build_template

    if institution is not None:
        institution = _plain(institution, "--institution")
    words = lang.words
    if rubric is not None:
        lr, why = load_rubric(rubric), t(words, "input.selected.option")
    else:
        when = year if year is not None else dt.datetime.now(dt.UTC).year
        lr, why = rubric_for_year(when), t(words, "input.selected.year", year=when)
    out.write(output, build_template(lr, institution=institution, year=year))
    if output != "-":
        n = len(lr.rubric.indicators)
        said = t(words, "cli.template_written", file=output, n=n, id=lr.rubric.id, why=why)
        typer.echo(printable(said), err=True)
    years = lr.rubric.years
    if year is not None and not years.covers(year):
        said = t(words, "cli.template_year", id=lr.rubric.id, years=years.text, year=year)
        typer.echo(f"{t(words, 'cli.warning')}: {said}", err=True)


def _plain(text: str, option: str) -> str:
    """Text for a cell, from the command line: valid in the locale and free of control
    characters, or a usage error."""
    try:
        argv_text(text, option)
    except ValueError:
        raise SpbeError(msg("cli.not_text", option=option, text=printable(text))) from None
    if printable(text) != text:
        raise SpbeError(msg("cli.control_characters", option=option, text=printable(text)))
    return text
