"""The score pipeline of one institution: read → validate → score → Result. Reports of
a result are made by `reports.py`; saved results and summaries read back by `saved.py`."""

from __future__ import annotations

from pathlib import Path

from spbe_cli.answers import MissingPolicy, validate
from spbe_cli.limits import DEFAULT, Limits
from spbe_cli.readers import read_answers, read_isolated
from spbe_cli.result import Result
from spbe_cli.result import build as build_result
from spbe_cli.rubric import LoadedRubric
from spbe_cli.scoring import Basis, score


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
