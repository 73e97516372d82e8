"""Saved outputs read back: a result JSON (for `spbe report`, `diff` and `plan`) rebuilt
exactly under its rubric, and a batch's summary.json (for `spbe diff` of two folders).
Kept apart from `pipeline.py` so that scoring one file does not build the loader's models."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from spbe_cli import batch, loader, summary
from spbe_cli.answers import Identity, read_identity
from spbe_cli.diff import FailedFile
from spbe_cli.discovery import discover
from spbe_cli.errors import Collector, InputError, Problem, SpbeError
from spbe_cli.files import read_head
from spbe_cli.i18n import Lang, msg
from spbe_cli.limits import DEFAULT, Limits
from spbe_cli.pipeline import score_file
from spbe_cli.readers import read_bytes, read_isolated
from spbe_cli.result import Institution, Result, SummaryRow
from spbe_cli.rubric import LoadedRubric, builtin_ids, load_builtin, load_rubric
from spbe_cli.scoring import Notice


def load_result(
    path: Path, spec: str | None, limits: Limits = DEFAULT
) -> tuple[Result, LoadedRubric, tuple[Notice, ...]]:
    """A saved result JSON, validated and rebuilt exactly under its rubric; a notice when
    the rubric at hand is not byte for byte the one the result used."""
    name = str(path)
    saved = loader.result_file(read_bytes(path, limits.file_bytes), name)
    rubric_id = saved.rubric.id
    if spec is None and rubric_id not in builtin_ids():
        raise InputError(
            [
                Problem(
                    "",
                    "--rubric",
                    msg("model.saved.rubric_not_builtin", rubric=repr(rubric_id)),
                )
            ]
        )
    loaded = _rubric_of(rubric_id, spec)
    extra: tuple[Notice, ...] = ()
    if loaded.sha256 != saved.rubric.sha256:
        extra = (
            Notice(
                "rubric-mismatch",
                "the loaded rubric differs from the one this result used",
                {"loaded": loaded.sha256[:12], "used": saved.rubric.sha256[:12]},
            ),
        )
    return loader.result_from_file(saved, loaded, name), loaded, extra


def _rubric_of(rubric_id: str, spec: str | None) -> LoadedRubric:
    """The rubric a saved result names: --rubric when it is that rubric (or the result's
    is not built in), else the built-in one (two results of a diff may differ)."""
    if spec is not None:
        given = load_rubric(spec)
        if given.rubric.id == rubric_id or rubric_id not in builtin_ids():
            return given
    return load_builtin(rubric_id)


def load_side(
    path: Path, rubric: str | None = None, limits: Limits = DEFAULT
) -> tuple[Result, LoadedRubric]:
    """One side of a diff or a plan: a result JSON (rebuilt exactly from its levels and
    rubric) or an answer file of any supported format."""
    if path.suffix.lower() == ".json" and _is_result(path):
        result, loaded, _extra = load_result(path, rubric, limits)
        return result, loaded
    loaded, result = score_file(path, rubric, "error", None, limits, isolate=True)
    return result, loaded


def _head_has(path: Path, marker: bytes, size: int) -> bool:
    """Whether the first `size` bytes of a file hold `marker` (what kind of JSON it is)."""
    return marker in (read_head(path, size) or b"")  # never blocks on a pipe or device


def _is_result(path: Path) -> bool:
    return _head_has(path, b'"format_version"', 4096)


def is_summary(path: Path) -> bool:
    """A batch summary.json (`{"format_version": 1, "rows": [...]}`)."""
    return path.suffix.lower() == ".json" and path.is_file() and _head_has(path, b'"rows"', 256)


def _bands_of(spec: str | None) -> Callable[[str], tuple[tuple[str, ...], int]]:
    """A summary row's rubric → its band names and decimals (the --rubric file's, or a
    built-in one's); a rubric not at hand gives no bands: its predikat are not ordered."""
    given = load_rubric(spec) if spec is not None else None

    def bands_of(rubric_id: str) -> tuple[tuple[str, ...], int]:
        if given is not None and given.rubric.id == rubric_id:
            r = given.rubric
        elif rubric_id in builtin_ids():
            r = load_builtin(rubric_id).rubric
        else:
            return (), 2
        return r.band_names, r.display_decimals

    return bands_of


def load_rows(
    path: Path,
    rubric: str | None = None,
    jobs: int = 1,
    limits: Limits = DEFAULT,
    lang: Lang = "id",
) -> tuple[list[SummaryRow], list[FailedFile]]:
    """Summary rows for a batch diff: a summary.json, a folder holding one, or a folder of
    answer files (scored now). Returns the scored rows and the files that failed, each
    with whose it is when that can still be told."""
    target = path / "summary.json" if path.is_dir() else path
    if target.is_file() and target.suffix.lower() == ".json":
        data = read_bytes(target, limits.file_bytes)
        # the files a summary names are not read: it may come from another machine
        return loader.summary_side(data, str(target), _bands_of(rubric))
    files, unmatched = discover([str(path)])
    if unmatched or not files:
        raise InputError([Problem(str(path), "", msg("model.saved.nothing_here"))])
    job = batch.Job(rubric, "error", (), lang, "", limits)
    outcomes = batch.score_all(files, job, jobs)
    batch.mark_duplicates(outcomes, lang)
    rows = summary.rows(batch.ranked(outcomes))
    return [r for r in rows if r.ok], [_failed(r, limits) for r in rows if not r.ok]


def _failed(row: SummaryRow, limits: Limits) -> FailedFile:
    """A file that failed, with its institution: from its headline (a duplicate), else read
    again from its Identitas when that part is valid (a file whose levels are wrong still
    says whose it is)."""
    inst: Institution | Identity | None = row.headline.institution if row.headline else None
    if inst is None:
        inst = _identity(Path(row.file), limits)
    if inst is None:
        return FailedFile(row.file, row.errors)
    return FailedFile(row.file, row.errors, inst.name, inst.code, inst.year)


def _identity(path: Path, limits: Limits) -> Identity | None:
    try:
        raw = read_isolated(path, limits)
    except SpbeError:
        return None
    return read_identity(raw, Collector(str(path)))
