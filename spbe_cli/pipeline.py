"""The score pipeline in one call: read → validate → score → result view."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from spbe_cli import result as result_view
from spbe_cli.answers import Answers, MissingPolicy, validate
from spbe_cli.errors import InputError, Problem
from spbe_cli.files import read_head
from spbe_cli.limits import DEFAULT, Limits
from spbe_cli.readers import read_answers, read_bytes, read_isolated
from spbe_cli.readers.mapping import json_problem
from spbe_cli.rubric import LoadedRubric, builtin_ids, load_rubric
from spbe_cli.scoring import Basis, Score, Warning, score


def score_file(
    path: Path,
    rubric: str | None = None,
    missing: MissingPolicy = "error",
    basis: Basis | None = None,
    limits: Limits = DEFAULT,
    isolate: bool = False,
) -> tuple[LoadedRubric, Answers, Score, dict[str, Any]]:
    """`isolate`: read a spreadsheet in a child process (see readers.read_isolated); the
    commands that read one file ask for it, batch workers are children already."""
    raw = read_isolated(path, limits) if isolate else read_answers(path, limits)
    answers, loaded, why = validate(raw, rubric, missing)
    sc = score(loaded.rubric, answers, basis)
    # The evidence readiness line (`spbe check` in brief) joins the score's warnings when
    # the answers use Bukti Dukung: every output of the result, also a report rendered
    # later from the saved JSON, then shows it.
    sc.warnings.extend(_readiness(path, loaded, answers, sc, limits))
    return loaded, answers, sc, result_view.build(loaded, answers, sc, why)


def _readiness(
    path: Path, loaded: LoadedRubric, answers: Answers, sc: Score, limits: Limits
) -> list[Warning]:
    if not any(a.evidence for a in answers.items.values()):
        return []  # nothing in Bukti Dukung: the check's modules are not even imported
    # import cost: most answer files have no Bukti Dukung, and a cold start never needs these
    from spbe_cli import check, checkview

    c = check.for_score(path, loaded, answers, sc, limits)
    return [checkview.readiness(c)] if c is not None else []


def report_text(
    result: dict[str, Any],
    loaded: LoadedRubric,
    fmt: str,
    lang: str,
    generated_at: str,
    extra_warnings: list[dict[str, Any]] | None = None,
) -> str:
    # import cost: the report's views, charts and templates are a twentieth of a cold start,
    # and `spbe score` imports this module for its table too.
    from spbe_cli import render, view

    v = view.build(result, loaded, lang, generated_at, extra_warnings)  # type: ignore[arg-type]
    return render.render(v, fmt)  # type: ignore[arg-type]


def report_texts(
    result: dict[str, Any],
    loaded: LoadedRubric,
    fmts: tuple[str, ...],
    lang: str,
    generated_at: str,
) -> dict[str, str]:
    """Several formats of one report from one view (the plan is computed once)."""
    from spbe_cli import render, view  # import cost: as in report_text

    v = view.build(result, loaded, lang, generated_at)  # type: ignore[arg-type]
    return {fmt: render.render(v, fmt) for fmt in fmts}  # type: ignore[arg-type]


RESULT_KEYS = (
    "format_version",
    "tool",
    "rubric",
    "institution",
    "index",
    "index_exact",
    "predikat",
    "predikat_basis",
    "domains",
    "aspects",
    "indicators",
    "warnings",
)


def load_result(path: Path) -> dict[str, Any]:
    """A saved result JSON, checked against the contract this version renders."""
    name = str(path)
    data = read_bytes(path)
    try:
        result = json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise InputError([Problem(name, "", "not UTF-8 text: not a result JSON")]) from None
    except json.JSONDecodeError as e:
        raise InputError([json_problem(name, e)]) from None
    if not isinstance(result, dict):
        raise InputError([Problem(name, "", "not a spbe result (expected a JSON object)")])
    version = result.get("format_version")
    if version != result_view.FORMAT_VERSION:
        raise InputError(
            [
                Problem(
                    name,
                    "format_version",
                    f"{version!r} is not a result format this version reads"
                    f" ({result_view.FORMAT_VERSION})",
                )
            ]
        )
    missing = [k for k in RESULT_KEYS if k not in result]
    if missing:
        raise InputError(
            [Problem(name, "", f"not a complete spbe result: missing {', '.join(missing)}")]
        )
    return result


def rubric_for_result(
    result: dict[str, Any], spec: str | None
) -> tuple[LoadedRubric, list[dict[str, Any]]]:
    """The rubric a saved result was scored with; a warning when its bytes differ."""
    rub = result["rubric"]
    if spec is None and rub.get("id") not in builtin_ids():
        raise InputError(
            [
                Problem(
                    "",
                    "--rubric",
                    f"result was scored with rubric {rub.get('id')!r}, which is not built in;"
                    " give its file with --rubric",
                )
            ]
        )
    loaded = load_rubric(spec or rub["id"])
    extra = []
    if loaded.sha256 != rub.get("sha256"):
        extra.append(
            {
                "code": "rubric-mismatch",
                "message": "the loaded rubric differs from the one this result used",
                "params": {"loaded": loaded.sha256[:12], "used": str(rub.get("sha256"))[:12]},
            }
        )
    return loaded, extra


def load_side(path: Path, rubric: str | None = None, limits: Limits = DEFAULT) -> Any:
    """One side of a diff: a result JSON (re-scored exactly from its levels and rubric) or
    an answer file of any supported format."""
    # import cost: the diff model's classes are a sixtieth of a cold start, and `spbe score`
    # imports this module without comparing anything.
    from spbe_cli.diff import Side, side_from_result

    if path.suffix.lower() == ".json" and _is_result(path):
        result = load_result(path)
        loaded, _extra = rubric_for_result(result, rubric)
        return side_from_result(result, loaded)
    loaded, _answers, sc, result = score_file(path, rubric, "error", None, limits, isolate=True)
    return Side(result, loaded, sc)


def _head_has(path: Path, marker: bytes, size: int) -> bool:
    """Whether the first `size` bytes of a file hold `marker` (what kind of JSON it is)."""
    return marker in (read_head(path, size) or b"")


def _is_result(path: Path) -> bool:
    return _head_has(path, b'"format_version"', 4096)


def is_summary(path: Path) -> bool:
    """A batch summary.json (`{"format_version": 1, "rows": [...]}`)."""
    return path.suffix.lower() == ".json" and path.is_file() and _head_has(path, b'"rows"', 256)
