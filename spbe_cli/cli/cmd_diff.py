"""`spbe diff`: year over year, for one institution or many."""

from __future__ import annotations

import json
import os
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer

from spbe_cli import output as out
from spbe_cli.cli import (
    EXIT_GATE,
    Lang,
    LangOpt,
    Pdf,
    RubricOpt,
    _console,
    _fail,
    _generated_at,
    _limits,
    _wants_pdf,
    app,
)
from spbe_cli.errors import SpbeError
from spbe_cli.safetext import printable


class DiffFormat(StrEnum):
    table = "table"
    md = "md"
    html = "html"
    json = "json"
    pdf = "pdf"


@app.command()
def diff(
    old: Annotated[
        Path, typer.Argument(help="Older answers or result JSON (or a folder/summary).")
    ],
    new: Annotated[
        Path, typer.Argument(help="Newer answers or result JSON (or a folder/summary).")
    ],
    fmt: Annotated[
        DiffFormat | None,
        typer.Option("--format", "-f", help="Output format (default: table; pdf for -o FILE.pdf)."),
    ] = None,
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
    # cold start: the pipeline (pydantic, the readers) is for the commands that use it
    from spbe_cli.pipeline import is_summary

    try:
        pdf = Pdf(output, lang.value, _generated_at(None)) if _wants_pdf(fmt, output) else None
        if pdf is not None:
            fmt = DiffFormat.html
        tolerance = None
        if fail_on_drop is not None:
            try:
                tolerance = Decimal(fail_on_drop.replace(",", "."))
            except InvalidOperation:
                raise SpbeError(f"--fail-on-drop: {fail_on_drop!r} is not a number") from None
        fmt = fmt or DiffFormat.table
        batch_form = old.is_dir() or new.is_dir() or is_summary(old) or is_summary(new)
        if batch_form:
            text, misses = _batch_diff(
                old, new, fmt, lang.value, rubric, tolerance, fail_on_predikat_drop
            )
        else:
            text, misses = _single_diff(
                old, new, fmt, lang.value, rubric, tolerance, fail_on_predikat_drop
            )
        if text is not None and pdf is not None:
            pdf.write(text, [old, new])
        elif text is not None:
            out.write(output or "-", text, [old, new])
    except SpbeError as e:
        _fail(e)
    for m in misses:
        typer.echo(printable(f"gate failed: {m}"), err=True)
    if misses:
        raise typer.Exit(EXIT_GATE)


def _single_diff(
    old: Path,
    new: Path,
    fmt: Any,
    lang: str,
    rubric: str | None,
    tolerance: Any,
    predikat_drop: bool,
) -> tuple[str | None, list[str]]:
    # cold start: diffs, their views and the templates, for this command only
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
        from spbe_cli.console import diff_table  # cold start: rich only for a table

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
    # cold start: the batch, the diff views and the templates, for this command only
    from spbe_cli import diffview
    from spbe_cli.batch import load_rows
    from spbe_cli.render import render_view

    jobs = os.cpu_count() or 1
    old_rows, old_problems = load_rows(old, rubric, jobs)
    new_rows, new_problems = load_rows(new, rubric, jobs)
    err = [*old_problems, *new_problems]
    for m in err:
        typer.echo(printable(f"warning: not compared: {m}"), err=True)
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
        from spbe_cli.console import batch_diff_table  # cold start: rich only for a table

        batch_diff_table(_console(), view)
        return None, misses
    return render_view("diff-batch", view, fmt.value), misses
