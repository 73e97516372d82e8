"""What `spbe score` does once its options are known: one body for the typer command
(`cmd_score.score`) and for the quick path (`quick`), which calls it without typer."""

from __future__ import annotations

import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

from spbe_cli import output as out
from spbe_cli.cli.common import (
    EXIT_GATE,
    BasisOpt,
    Lang,
    Missing,
    Pdf,
    ScoreFormat,
    file_limits,
    output_format,
    parsed_gates,
    report_stamp,
    table_text,
)
from spbe_cli.i18n import in_words, t
from spbe_cli.safetext import printable


def run_score(
    file: Path,
    rubric: str | None,
    fmt: ScoreFormat | None,
    output: str | None,
    missing: Missing,
    predikat_basis: BasisOpt | None,
    lang: Lang,
    generated_at: str | None,
    fail_under: Decimal | None,
    min_predikat: str | None,
    min_domain: list[str] | None,
    costs: Path | None,
    max_raise: int,
) -> int:
    """Score one file and write what was asked; the exit code (EXIT_GATE when a gate
    failed). An SpbeError goes to the caller, which reports it."""
    # cold start: the pipeline (pydantic, the readers) is for the commands that score
    from spbe_cli import gates as gates_mod
    from spbe_cli import serialize
    from spbe_cli.pipeline import score_file

    gates = parsed_gates(fail_under, min_predikat, min_domain, rubric)
    stamp = report_stamp(generated_at)
    fmt = ScoreFormat(output_format(fmt, output, ScoreFormat, "table"))
    pdf = Pdf(output, lang.words, stamp) if fmt is ScoreFormat.pdf else None
    loaded, result = score_file(
        file,
        rubric,
        missing.value,
        predikat_basis.value if predikat_basis else None,
        file_limits(),
        isolate=True,
    )
    if pdf is not None or fmt in (ScoreFormat.md, ScoreFormat.html):
        # cold start: the report views and templates (jinja2), for reports only
        from spbe_cli.reports import report_texts

        kind = "html" if pdf is not None else fmt.value
        choices = plan_choices(costs, max_raise, loaded)
        text = report_texts(result, loaded, (kind,), lang.value, stamp, (), choices)[kind]
        if pdf is not None:
            pdf.write(text, [file])
        else:
            out.write(output or "-", text, [file])
    elif fmt is ScoreFormat.json:
        out.write(output or "-", serialize.result_text(result), [file])
    else:
        # cold start: rich, for the table only
        from spbe_cli.console import score_table

        table = table_text(lambda c: score_table(c, result, loaded.rubric, lang.words), output)
        if table is not None:
            out.write(output or "-", table, [file])
    misses = gates_mod.check(result.headline(), gates, lang.value) if gates.active else []
    for m in misses:
        said = f"{result.institution.name}: {in_words(m, lang.words)}"
        print(printable(f"{t(lang.words, 'cli.gate_failed')}: {said}"), file=sys.stderr, flush=True)
    return EXIT_GATE if misses else 0


def plan_choices(costs: Path | None, max_raise: int, loaded: Any) -> Any:
    """What the report's Rekomendasi assumes: --costs (read against the result's rubric)
    and --max-raise."""
    # cold start: the report's plan and the costs reader, for reports only
    from spbe_cli.readers.costs import read_costs
    from spbe_cli.reports import PlanChoices

    table = read_costs(costs, loaded.rubric) if costs is not None else None
    return PlanChoices(table, costs.name if costs is not None else None, max_raise)
