"""`spbe check` as use cases: one answer file, or a folder of them with last year's
results matched by institution as `spbe diff` matches them."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path
from typing import Any

from spbe_cli import discovery, evidence
from spbe_cli.answers import Answers, Identity, validate
from spbe_cli.check import Check, check
from spbe_cli.diff import institution_keys, pair
from spbe_cli.errors import InputError, Problem, SpbeError
from spbe_cli.i18n import Lang, msg, t
from spbe_cli.limits import DEFAULT, Limits
from spbe_cli.names import slug, unique_stems
from spbe_cli.readers import read_answers, read_bytes, read_isolated
from spbe_cli.result import Result
from spbe_cli.rubric import LoadedRubric
from spbe_cli.saved import is_summary, load_side
from spbe_cli.scoring import Score, score


@dataclass(frozen=True)
class Previous:
    """Last year for one institution: its file and its exact levels by item (None when its
    rubric differs, so that no level is compared across instruments)."""

    file: str
    rubric: str
    levels: dict[str, Fraction] | None


def previous_of(result: Result, file: str) -> Previous:
    return Previous(file, result.rubric.id, {i.id: i.level for i in result.indicators})


@dataclass(frozen=True)
class Scored:
    """An answer file read, validated and scored, with its allowed evidence roots."""

    loaded: LoadedRubric
    answers: Answers
    score: Score
    roots: evidence.Roots


def scored(
    path: Path,
    evidence_dir: Path | None,
    rubric: str | None = None,
    limits: Limits = DEFAULT,
    isolate: bool = True,
) -> Scored:
    raw = read_isolated(path, limits) if isolate else read_answers(path, limits)
    answers, loaded, _why = validate(raw, rubric, "error")
    sc = score(loaded.rubric, answers)
    return Scored(loaded, answers, sc, evidence.roots(path, evidence_dir))


def run(s: Scored, previous: Previous | None, limits: Limits = DEFAULT) -> Check:
    """The check, with last year's levels where last year used the same rubric."""
    levels, name = None, None
    if previous is not None and previous.rubric == s.loaded.rubric.id:
        levels, name = previous.levels, previous.file
    return check(s.loaded, s.answers, s.score, s.roots, levels, name, limits)


def notes(c: Check, previous: Previous | None, lang: Lang) -> list[str]:
    if previous is None:
        return []
    if c.previous is None:
        return [t(lang, "ck_previous_other", file=previous.file, rubric=previous.rubric)]
    return [t(lang, "ck_previous", file=previous.file)]


def load_previous(path: Path, rubric: str | None, limits: Limits) -> Previous:
    return previous_of(load_side(path, rubric, limits)[0], str(path))


@dataclass
class Row:
    """One file of a folder check: its check, or its located errors."""

    file: str
    check: Check | None = None
    previous: Previous | None = None
    errors: list[str] = field(default_factory=list)
    stem: str = ""


def _identity_row(institution: str, code: str | None, year: Any) -> dict[str, Any]:
    return {"institution": institution, "code": code, "year": year}


def previous_rows(
    path: Path, rubric: str | None, limits: Limits, lang: Lang
) -> tuple[list[tuple[dict[str, Any], Previous]], list[str]]:
    """Last year's institutions from a batch output folder, its summary.json, or a folder
    of answer files; with the problems of what could not be read (in `lang`)."""
    target = path / "summary.json" if path.is_dir() else path
    out: list[tuple[dict[str, Any], Previous]] = []
    problems: list[str] = []
    if target.is_file() and is_summary(target):
        for r in _summary_rows(target):
            if r.get("status") != "ok" or not r.get("result"):
                continue
            try:  # a result beside its summary, by name only
                p = load_previous(target.parent / Path(str(r["result"])).name, rubric, limits)
            except SpbeError as e:
                problems += [x.text(lang) for x in e.problems]
                continue
            ident = _identity_row(str(r.get("institution") or ""), r.get("code"), r.get("year"))
            out.append((ident, p))
        return out, problems
    files, unmatched = discovery.discover([str(path)])
    if unmatched or not files:
        why = msg("model.check.no_previous")
        raise InputError([Problem(str(path), "--previous", why)])
    for f in files:
        try:
            result, _loaded = load_side(f, rubric, limits)
        except SpbeError as e:
            problems += [x.text(lang) for x in e.problems]
            continue
        inst = result.institution
        ident = _identity_row(inst.name, inst.code, inst.year)
        out.append((ident, previous_of(result, str(f))))
    return out, problems


def _summary_rows(target: Path) -> list[dict[str, Any]]:
    try:
        data = json.loads(read_bytes(target).decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        why = msg("model.check.not_summary")
        raise InputError([Problem(str(target), "--previous", why)]) from None
    rows = data.get("rows") if isinstance(data, dict) else None
    if not isinstance(rows, list):
        raise InputError([Problem(str(target), "--previous", msg("model.check.no_rows"))])
    return [r for r in rows if isinstance(r, dict)]


def folder(
    files: list[Path],
    evidence_dir: Path | None,
    previous: list[tuple[dict[str, Any], Previous]] | None,
    rubric: str | None = None,
    limits: Limits = DEFAULT,
    lang: Lang = "id",
) -> list[Row]:
    """Check every file; a bad file is its row's errors (in `lang`) and never stops the
    others. Last year is matched by Kode, else by normalised name (as `spbe diff` matches)."""
    rows: list[Row] = []
    ready: list[tuple[Row, Scored]] = []
    for f in files:
        row = Row(str(f))
        rows.append(row)
        try:
            ready.append((row, scored(f, evidence_dir, rubric, limits)))
        except SpbeError as e:
            row.errors = [p.text(lang) for p in e.problems]
    found: dict[int, Previous] = {}
    if previous:
        new = [_identity_row(*_ident(s.answers.identity)) for _, s in ready]
        old = [ident for ident, _ in previous]
        pairs, _only_old, _only_new = pair(
            old, new, lambda r: institution_keys(str(r["institution"] or ""), r.get("code"))
        )
        by_new = {id(n): previous[old.index(o)][1] for o, n in pairs}
        found = {i: by_new[id(n)] for i, n in enumerate(new) if id(n) in by_new}
    for i, (row, s) in enumerate(ready):
        row.previous = found.get(i)
        try:
            row.check = run(s, row.previous, limits)
        except SpbeError as e:
            row.errors = [p.text(lang) for p in e.problems]
    bases = [
        slug(f"{r.check.answers.identity.name}-{r.check.answers.identity.year}")
        if r.check
        else slug(Path(r.file).stem)
        for r in rows
    ]
    for r, stem in zip(rows, unique_stems(bases), strict=True):
        r.stem = stem
    return rows


def _ident(i: Identity) -> tuple[str, str | None, int]:
    return i.name, i.code, i.year
