"""`spbe diff`: year over year, for one institution or many."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer

from spbe_cli import output as out
from spbe_cli.cli.common import (
    EXIT_GATE,
    EXIT_INPUT,
    Lang,
    Pdf,
    file_limits,
    output_format,
    report_stamp,
    table_text,
)
from spbe_cli.cli.options import LangOpt, OutputOpt, RubricOpt, option_number
from spbe_cli.i18n import Lang as TextLang
from spbe_cli.i18n import t
from spbe_cli.safetext import printable


class DiffFormat(StrEnum):
    table = "table"
    md = "md"
    html = "html"
    json = "json"
    pdf = "pdf"


def diff(
    old: Annotated[Path, typer.Argument()],
    new: Annotated[Path, typer.Argument()],
    fmt: Annotated[DiffFormat | None, typer.Option("--format", "-f", case_sensitive=False)] = None,
    output: OutputOpt = None,
    rubric: RubricOpt = None,
    lang: LangOpt = Lang.id,
    fail_on_drop: Annotated[
        Decimal | None,
        typer.Option(
            "--fail-on-drop",
            parser=option_number("--fail-on-drop"),
        ),
    ] = None,
    fail_on_predikat_drop: Annotated[bool, typer.Option("--fail-on-predikat-drop")] = False,
    allow_invalid: Annotated[bool, typer.Option("--allow-invalid")] = False,
) -> None:
    """What changed between two years: index, predikat, domains, aspects, indicators."""
    # cold start: the loader of saved results (pydantic models), for diff only
    from spbe_cli.saved import is_summary

    kind = output_format(fmt, output, DiffFormat, "table")
    pdf = Pdf(output, lang.words, report_stamp(None)) if kind == "pdf" else None
    fmt = DiffFormat.html if pdf is not None else DiffFormat(kind)
    batch_form = old.is_dir() or new.is_dir() or is_summary(old) or is_summary(new)
    run = _batch_diff if batch_form else _single_diff
    asked = _Asked(old, new, fmt, lang.words, rubric, fail_on_drop, fail_on_predikat_drop, output)
    text, misses, failed = run(asked)
    if text is not None and pdf is not None:
        pdf.write(text, [old, new])
    elif text is not None:
        out.write(output or "-", text, [old, new])
    for m in misses:
        said = f"{t(lang.words, 'cli.gate_failed')}: {m}"
        typer.echo(printable(said), err=True)
    if failed and not allow_invalid:
        raise typer.Exit(EXIT_INPUT)  # as `spbe batch`: after writing everything
    if misses:
        raise typer.Exit(EXIT_GATE)


@dataclass(frozen=True)
class _Asked:
    """What one `spbe diff` was asked, for its single-file and folder forms alike."""

    old: Path
    new: Path
    fmt: DiffFormat
    lang: TextLang
    rubric: str | None
    tolerance: Decimal | None
    predikat_drop: bool
    output: str | None


def _single_diff(asked: _Asked) -> tuple[str | None, list[str], bool]:
    # cold start: diffs, their views and the templates, for this command only
    from spbe_cli import diff as d
    from spbe_cli import diffview, gates
    from spbe_cli.saved import load_side

    old, new, fmt, lang, rubric = asked.old, asked.new, asked.fmt, asked.lang, asked.rubric
    (a, _), (b, loaded) = (
        load_side(old, rubric, file_limits()),
        load_side(new, rubric, file_limits()),
    )
    order = [item for item, _, _ in loaded.rubric.items()]
    result = d.compare(a, b, order)
    misses = [
        f"{b.institution.name}: {m}"
        for m in gates.drop_misses(result, asked.tolerance, asked.predikat_drop, lang)
    ]
    if fmt is DiffFormat.json:
        return _json(d.to_json(result) | {"gates": misses}), misses, False
    view = diffview.build(result, lang, loaded.rubric.index_name)
    return _shown(fmt, view, "diff", asked.output), misses, False


def _batch_diff(asked: _Asked) -> tuple[str | None, list[str], bool]:
    """Folders or summaries: every file that failed on either side is listed as failed in
    the output (and on stderr); the third value says whether there was one."""
    # cold start: the diff model, its view and the loader, for diff only
    from spbe_cli import diff as d
    from spbe_cli import diffview, gates
    from spbe_cli.saved import load_rows

    old, new, fmt, lang, rubric = asked.old, asked.new, asked.fmt, asked.lang, asked.rubric
    jobs = os.cpu_count() or 1
    old_rows, old_failed = load_rows(old, rubric, jobs, file_limits(), lang)
    new_rows, new_failed = load_rows(new, rubric, jobs, file_limits(), lang)
    error = t(lang, "cli.error")
    for m in [m for f in [*old_failed, *new_failed] for m in f.reasons]:
        said = t(lang, "cli.diff.not_compared", problem=m)
        typer.echo(printable(f"{error}: {said}"), err=True)
    result = d.compare_rows(old_rows, new_rows, old_failed, new_failed)
    named = [
        (x.new.institution.name, m)
        for x in result.diffs
        for m in gates.drop_misses(x, asked.tolerance, asked.predikat_drop, lang)
    ]
    misses = [f"{name}: {m}" for name, m in named]
    failed = bool(result.failures)
    if fmt is DiffFormat.json:
        return _json(d.batch_json(result, misses)), misses, failed
    view = diffview.build_batch(result, lang, named)
    return _shown(fmt, view, "diff-batch", asked.output), misses, failed


def _shown(fmt: DiffFormat, view: Any, template: str, output: str | None) -> str | None:
    """A diff view as Markdown or HTML text, or a table: printed (None: nothing to write)
    or, for `-o FILE`, its text."""
    # cold start: rich and jinja2, for the format asked only
    from spbe_cli import console
    from spbe_cli.render import render_view

    if fmt is not DiffFormat.table:
        return render_view(template, view, fmt.value)
    table = console.diff_table if template == "diff" else console.batch_diff_table
    return table_text(lambda c: table(c, view), output)


def _json(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
