"""The score pipeline in one call: read → validate → score → result view."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from spbe_cli import result as result_view
from spbe_cli.answers import Answers, MissingPolicy, validate
from spbe_cli.readers import read_answers
from spbe_cli.rubric import LoadedRubric
from spbe_cli.scoring import Basis, Score, score


def score_file(
    path: Path,
    rubric: str | None = None,
    missing: MissingPolicy = "error",
    basis: Basis | None = None,
) -> tuple[LoadedRubric, Answers, Score, dict[str, Any]]:
    raw = read_answers(path)
    answers, loaded, why = validate(raw, rubric, missing)
    sc = score(loaded.rubric, answers, basis)
    return loaded, answers, sc, result_view.build(loaded, answers, sc, why)
