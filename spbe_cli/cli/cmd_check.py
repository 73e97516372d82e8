"""`spbe check`: is the evidence ready? Findings per indicator and the index at risk."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer

from spbe_cli import __version__
from spbe_cli import output as out
from spbe_cli.cli.common import (
    EXIT_INPUT,
    Lang,
    Pdf,
    file_limits,
    output_format,
    report_stamp,
    table_text,
    terminal,
)
from spbe_cli.cli.options import GeneratedAtOpt, LangOpt, RubricOpt
from spbe_cli.errors import Problem, SpbeError, os_reason
from spbe_cli.i18n import msg, t


class CheckFormat(StrEnum):
    table = "table"
    json = "json"
    md = "md"
    html = "html"
    pdf = "pdf"


def check(
    paths: Annotated[list[str], typer.Argument()],
    evidence: Annotated[
        Path | None,
        typer.Option("--evidence"),
    ] = None,
    previous: Annotated[
        Path | None,
        typer.Option(
            "--previous",
        ),
    ] = None,
    strict: Annotated[bool, typer.Option("--strict")] = False,
    fmt: Annotated[CheckFormat | None, typer.Option("--format", "-f", case_sensitive=False)] = None,
    output: Annotated[
        str | None,
        typer.Option("--output", "-o"),
    ] = None,
    rubric: RubricOpt = None,
    lang: LangOpt = Lang.id,
    generated_at: GeneratedAtOpt = None,
) -> None:
    """Check the evidence (Bukti Dukung) behind each claimed level before the assessors do.

    Exit codes: 0 no error findings, 1 error findings (warnings too with --strict),
    2 bad input.
    """
    # cold start: the check's models (and through them the rubric's, pydantic)
    from spbe_cli.check import exit_code

    single = len(paths) == 1 and Path(paths[0]).is_file()
    stamp = report_stamp(generated_at)
    if single:  # for a folder, -o names the output folder
        fmt = CheckFormat(output_format(fmt, output, CheckFormat, "table"))
    fmt = fmt or CheckFormat.table
    asked = _Asked(evidence, previous, fmt, output, rubric, lang, stamp)
    if single:
        checks, invalid = [_single(Path(paths[0]), asked)], False
    else:
        checks, invalid = _folder(paths, asked)
    if invalid:
        raise typer.Exit(EXIT_INPUT)
    raise typer.Exit(exit_code(checks, strict))


def _tool() -> dict[str, str]:
    return {"name": "spbe-cli", "version": __version__}


@dataclass(frozen=True)
class _Asked:
    """What one `spbe check` was asked, for one file or a folder alike."""

    evidence: Path | None
    previous: Path | None
    fmt: CheckFormat
    output: str | None
    rubric: str | None
    lang: Lang
    stamp: str


def _single(path: Path, asked: _Asked) -> Any:
    # cold start: the check, the pipeline and the templates, for this command only
    from spbe_cli import checkrun, checkview
    from spbe_cli.checksummary import checklist_text

    evidence, previous, fmt, output = asked.evidence, asked.previous, asked.fmt, asked.output
    rubric, lang, stamp = asked.rubric, asked.lang, asked.stamp
    limits = file_limits()
    pdf = Pdf(output, lang.words, stamp) if fmt is CheckFormat.pdf else None  # browser first
    prev = checkrun.load_previous(previous, rubric, limits) if previous else None
    c = checkrun.run(checkrun.scored(path, evidence, rubric, limits), prev, limits)
    inputs = [path, *([previous] if previous else [])]
    if fmt is CheckFormat.json:
        out.write(output or "-", checkview.to_json(c, lang.value, _tool()), inputs)
        return c
    tool = f"spbe-cli {_tool()['version']}"
    view = checkview.build(c, lang.value, stamp, tool, checkrun.notes(c, prev, lang.value))
    if fmt is CheckFormat.table:
        _check_table(view, output, inputs)
    elif pdf is not None:
        pdf.write(checklist_text(view, "html"), inputs)
    else:
        out.write(output or "-", checklist_text(view, fmt.value), inputs)
    return c


def _check_table(view: Any, output: str | None, inputs: list[Path]) -> None:
    from spbe_cli.console import check_table  # cold start: rich only for a table

    text = table_text(lambda c: check_table(c, view), output)
    if text is not None:
        out.write(output or "-", text, inputs)


def _folder(paths: list[str], asked: _Asked) -> tuple[list[Any], bool]:
    # cold start: rich, the batch, the check and its summaries, for this command only
    from rich.console import Console

    from spbe_cli import checkrun, checksummary, checkview, discovery
    from spbe_cli.console import check_summary_table, say

    evidence, previous, fmt, output = asked.evidence, asked.previous, asked.fmt, asked.output
    rubric, lang, stamp = asked.rubric, asked.lang, asked.stamp
    if output == "-":
        raise SpbeError([Problem("-o", "", msg("cli.check.folder_needed"))])
    out_dir = Path(output or "spbe-check")
    files, unmatched = discovery.discover(paths, exclude=out_dir)
    if evidence is not None:  # a spreadsheet kept as evidence is not an answer file
        inside = evidence.resolve()
        files = [f for f in files if not f.resolve().is_relative_to(inside)]
    if unmatched:
        raise SpbeError([Problem(u, "", msg("cli.no_answer_files")) for u in unmatched])
    if out_dir.exists() and not out_dir.is_dir():
        raise SpbeError([Problem(str(out_dir), "", msg("cli.check.output_not_folder"))])
    limits = file_limits()
    session = _pdf_session(lang, stamp) if fmt is CheckFormat.pdf else None  # browser first
    err = Console(stderr=True, highlight=False, soft_wrap=True)
    prev = None
    if previous is not None:
        prev, problems = checkrun.previous_rows(previous, rubric, limits, lang.value)
        for m in problems:
            say(err, m, prefix=f"[yellow]{t(lang.words, 'cli.warning')}:[/] ")
    rows = checkrun.folder(files, evidence, prev, rubric, limits, lang.value)
    for r in rows if prev is not None else []:
        if r.check is not None and r.previous is None:
            name = r.check.answers.identity.name
            text = t(lang.value, "ck_previous_unmatched", institution=name)
            say(err, text, prefix=f"[yellow]{t(lang.words, 'cli.warning')}:[/] ")
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        why = msg("cli.cannot_create_folder", reason=os_reason(e))
        raise SpbeError([Problem(str(out_dir), "", why)]) from None
    inputs = out.protect(files)
    tool = f"spbe-cli {_tool()['version']}"
    printed: list[tuple[str, str]] = []  # (stem, HTML) for the PDFs, printed together
    for r in rows:
        if r.check is None:
            continue
        out.write(
            str(out_dir / f"{r.stem}.json"),
            checkview.to_json(r.check, lang.value, _tool()),
            inputs,
            durable=False,
        )
        if fmt in (CheckFormat.md, CheckFormat.html, CheckFormat.pdf):
            notes = checkrun.notes(r.check, r.previous, lang.value)
            view = checkview.build(r.check, lang.value, stamp, tool, notes)
            kind = "html" if fmt is CheckFormat.pdf else fmt.value
            text = checksummary.checklist_text(view, kind)
            if session is not None:
                printed.append((r.stem, text))
            else:
                out.write(str(out_dir / f"{r.stem}.{kind}"), text, inputs, durable=False)
    if session is not None:
        with session:
            for stem, data in session.render_many(printed):
                out.write(str(out_dir / f"{stem}.pdf"), data, inputs, durable=False)
    table = checksummary.rows(rows)
    sview = checksummary.build_view(table, lang.value, stamp, tool)
    out.write(str(out_dir / "summary.json"), checksummary.to_json(table), inputs)
    out.write(str(out_dir / "summary.csv"), checksummary.to_csv(table), inputs)
    out.write(str(out_dir / "summary.xlsx"), checksummary.to_xlsx(table, lang.value), inputs)
    out.write(str(out_dir / "summary.md"), checksummary.render(sview, "md"), inputs)
    out.write(str(out_dir / "summary.html"), checksummary.render(sview, "html"), inputs)
    check_summary_table(terminal(), sview)
    for r in rows:
        for m in r.errors:
            say(err, m, prefix=f"[bold red]{t(lang.words, 'cli.error')}:[/] ")
    return [r.check for r in rows if r.check is not None], any(r.errors for r in rows)


def _pdf_session(lang: Lang, stamp: str) -> Any:
    """One browser for a folder's checklists, found before any work (none fails at once)."""
    # cold start: the PDF printer, for --format pdf only
    from spbe_cli import pdf

    return pdf.PdfSession(lang=lang.words, created=stamp)
