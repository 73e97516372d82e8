"""`spbe plan`: the best path to a target predikat or index."""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer

from spbe_cli import output as out
from spbe_cli.cli.common import MAX_RAISE, Lang, file_limits, output_format, table_text
from spbe_cli.cli.options import (
    CostsOpt,
    LangOpt,
    MaxRaiseOpt,
    OutputOpt,
    PredikatBasisOpt,
    RubricOpt,
)


class PlanFormat(StrEnum):
    table = "table"
    md = "md"
    csv = "csv"
    json = "json"


def plan(
    file: Annotated[Path, typer.Argument()],
    target: Annotated[
        str | None,
        typer.Option("--target", "-t"),
    ] = None,
    costs: CostsOpt = None,
    max_steps: Annotated[int | None, typer.Option("--max-steps", min=0)] = None,
    max_raise: MaxRaiseOpt = MAX_RAISE,
    fmt: Annotated[PlanFormat | None, typer.Option("--format", "-f", case_sensitive=False)] = None,
    output: OutputOpt = None,
    rubric: RubricOpt = None,
    lang: LangOpt = Lang.id,
    predikat_basis: PredikatBasisOpt = None,
) -> None:
    """The cheapest path to the next predikat (or --target), with what each step requires."""
    # cold start: planning, the pipeline (pydantic, the readers), for this command only
    from spbe_cli import planning, planview
    from spbe_cli.readers.costs import read_costs
    from spbe_cli.saved import load_side

    fmt = PlanFormat(output_format(fmt, output, PlanFormat, "table"))
    result, loaded = load_side(file, rubric, file_limits())
    basis: Any = predikat_basis.value if predikat_basis else loaded.rubric.predikat.basis
    target_index, target_name = planning.target_from(loaded.rubric, result, target)
    cost_table = read_costs(costs, loaded.rubric) if costs is not None else None
    p = planning.plan(
        loaded.rubric,
        result,
        target_index,
        target_name,
        basis,
        cost_table,
        max_steps,
        max_raise,
        costs.name if costs is not None else None,
    )
    view = planview.build(p, lang.value, result.institution.name)
    if fmt is PlanFormat.json:
        text = json.dumps(planview.to_json(p), ensure_ascii=False, indent=2) + "\n"
    elif fmt is PlanFormat.csv:
        text = planview.to_csv(p)
    elif fmt is PlanFormat.md:
        # cold start: jinja2, for Markdown only
        from spbe_cli.render import render_view

        text = render_view("plan", view, "md")
    else:
        # cold start: rich, for the table only
        from spbe_cli.console import plan_table

        table = table_text(lambda c: plan_table(c, view), output)
        if table is None:
            return
        text = table
    out.write(output or "-", text, [file])
