"""Reports of a result: the plan the report shows is made once, here, and handed to the
view; then one view gives every format asked for. Apart from `pipeline.py` so that a
score without a report does not load the views and templates."""

from __future__ import annotations

from dataclasses import dataclass

from spbe_cli import national, planning, render, view
from spbe_cli.result import Result
from spbe_cli.rubric import LoadedRubric
from spbe_cli.scoring import Notice


@dataclass(frozen=True)
class PlanChoices:
    """What the report's plan assumes (and says it assumes): the costs and where they come
    from (none: each step costs 1), and how many levels one indicator may rise."""

    costs: planning.Costs | None = None
    cost_source: str | None = None
    max_raise: int | None = planning.DEFAULT_MAX_RAISE


def recommendation(
    result: Result, loaded: LoadedRubric, choices: PlanChoices = PlanChoices()
) -> planning.Plan:
    """The plan a report shows: to the next predikat, on the result's basis."""
    target, name = planning.target_from(loaded.rubric, result, None)
    return planning.plan(
        loaded.rubric,
        result,
        target,
        name,
        result.basis,
        choices.costs,
        max_raise=choices.max_raise,
        cost_source=choices.cost_source,
    )


def report_texts(
    result: Result,
    loaded: LoadedRubric,
    fmts: tuple[str, ...],
    lang: str,
    generated_at: str,
    extra: tuple[Notice, ...] = (),
    choices: PlanChoices = PlanChoices(),
) -> dict[str, str]:
    """Several formats of one report from one view; its plan is made once, here."""
    plan = recommendation(result, loaded, choices)
    context = national.figure(loaded.rubric.id, result.institution.year) if loaded.builtin else None
    v = view.build(result, loaded, lang, generated_at, plan, extra, context)  # type: ignore[arg-type]
    return {fmt: render.render(v, fmt) for fmt in fmts}  # type: ignore[arg-type]
