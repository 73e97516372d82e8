"""What `spbe diff` and `spbe plan` start from: a result JSON or an answer file (one side),
a batch summary or a folder of answer files (the rows of a batch diff)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from spbe_cli import batch, summary
from spbe_cli.diff import Side, side_from_result
from spbe_cli.errors import InputError, Problem
from spbe_cli.limits import DEFAULT, Limits
from spbe_cli.pipeline import load_result, rubric_for_result, score_file
from spbe_cli.readers import read_bytes


def load_side(path: Path, rubric: str | None = None, limits: Limits = DEFAULT) -> Any:
    """One side of a diff: a result JSON (re-scored exactly from its levels and rubric) or
    an answer file of any supported format."""
    if path.suffix.lower() == ".json" and _is_result(path):
        result = load_result(path)
        loaded, _extra = rubric_for_result(result, rubric)
        return side_from_result(result, loaded)
    loaded, _answers, sc, result = score_file(path, rubric, "error", None, limits, isolate=True)
    return Side(result, loaded, sc)


def _head_has(path: Path, marker: bytes, size: int) -> bool:
    """Whether the first `size` bytes of a file hold `marker` (what kind of JSON it is)."""
    try:
        with path.open("rb") as f:
            return marker in f.read(size)
    except OSError:
        return False


def _is_result(path: Path) -> bool:
    return _head_has(path, b'"format_version"', 4096)


def is_summary(path: Path) -> bool:
    """A batch summary.json (`{"format_version": 1, "rows": [...]}`)."""
    return path.suffix.lower() == ".json" and path.is_file() and _head_has(path, b'"rows"', 256)


def load_rows(
    path: Path, rubric: str | None = None, jobs: int = 1
) -> tuple[list[dict[str, Any]], list[str]]:
    """Summary rows for a batch diff: a summary.json, a folder holding one, or a folder of
    answer files (scored now). Returns the scored rows and the problems of the others."""
    target = path / "summary.json" if path.is_dir() else path
    if target.is_file() and target.suffix.lower() == ".json":
        data = json.loads(read_bytes(target).decode("utf-8-sig"))
        if not isinstance(data, dict) or "rows" not in data:
            raise InputError([Problem(str(target), "", "not a spbe summary (no rows)")])
        rows = data["rows"]
        return [r for r in rows if r.get("status") == "ok"], [
            m for r in rows if r.get("status") != "ok" for m in r.get("errors", [])
        ]
    files, unmatched = batch.discover([str(path)])
    if unmatched or not files:
        raise InputError([Problem(str(path), "", "no answer files or summary.json here")])
    job = batch.Job(rubric, "error", (), "id", "")
    outcomes = batch.score_all(files, job, jobs)
    batch.mark_duplicates(outcomes)
    rows = summary.rows(batch.ranked(outcomes))
    return [r for r in rows if r["status"] == "ok"], [
        m for r in rows if r["status"] != "ok" for m in r["errors"]
    ]
