"""The use cases of one institution: read → validate → score → Result, and a report of a
result with the plan it shows. Saved results and summaries are read back by `saved.py`."""

from __future__ import annotations

from pathlib import Path

from spbe_cli import planning, render, view
from spbe_cli.answers import MissingPolicy, validate
from spbe_cli.limits import DEFAULT, Limits
from spbe_cli.readers import read_answers, read_isolated
from spbe_cli.result import Result
from spbe_cli.result import build as build_result
from spbe_cli.rubric import LoadedRubric
from spbe_cli.scoring import Basis, Notice, score


def score_file(
    path: Path,
    rubric: str | None = None,
    missing: MissingPolicy = "error",
    basis: Basis | None = None,
    limits: Limits = DEFAULT,
    isolate: bool = False,
) -> tuple[LoadedRubric, Result]:
    """`isolate`: read a spreadsheet in a child process (see readers.read_isolated); the
    commands that read one file ask for it, batch workers are children already."""
    raw = read_isolated(path, limits) if isolate else read_answers(path, limits)
    answers, loaded, why = validate(raw, rubric, missing)
    return loaded, build_result(loaded, answers, score(loaded.rubric, answers, basis), why)


def recommendation(result: Result, loaded: LoadedRubric) -> planning.Plan:
    """The plan a report shows: to the next predikat, on the result's basis."""
    target, name = planning.target_from(loaded.rubric, result, None)
    return planning.plan(loaded.rubric, result, target, name, result.basis)


def report_texts(
    result: Result,
    loaded: LoadedRubric,
    fmts: tuple[str, ...],
    lang: str,
    generated_at: str,
    extra: tuple[Notice, ...] = (),
) -> dict[str, str]:
    """Several formats of one report from one view; its plan is made once, here."""
    plan = recommendation(result, loaded)
    v = view.build(result, loaded, lang, generated_at, plan, extra)  # type: ignore[arg-type]
    return {fmt: render.render(v, fmt) for fmt in fmts}  # type: ignore[arg-type]
