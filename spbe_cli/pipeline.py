"""The score pipeline of one institution: read → validate → score → Result. Reports of
a result are made by `reports.py`; saved results and summaries read back by `saved.py`."""

from __future__ import annotations

from pathlib import Path

from spbe_cli.answers import Answers, MissingPolicy, validate
from spbe_cli.limits import DEFAULT, Limits
from spbe_cli.readers import read_answers, read_isolated
from spbe_cli.result import Result
from spbe_cli.result import build as build_result
from spbe_cli.rubric import LoadedRubric
from spbe_cli.scoring import Basis, Notice, Score, score


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
    sc = score(loaded.rubric, answers, basis)
    # The evidence readiness line (`spbe check` in brief) joins the score's warnings when
    # the answers use Bukti Dukung: every output of the result, also a report rendered
    # later from the saved JSON, then shows it.
    sc.warnings.extend(_readiness(path, loaded, answers, sc, limits))
    return loaded, build_result(loaded, answers, sc, why)


def _readiness(
    path: Path, loaded: LoadedRubric, answers: Answers, sc: Score, limits: Limits
) -> list[Notice]:
    if not any(a.evidence for a in answers.items.values()):
        return []  # nothing in Bukti Dukung: the check's modules are not even imported
    # import cost: most answer files have no Bukti Dukung, and a cold start never needs these
    from spbe_cli import check, checkview

    c = check.for_score(path, loaded, answers, sc, limits)
    return [checkview.readiness(c)] if c is not None else []
