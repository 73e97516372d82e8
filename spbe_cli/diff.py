"""Year over year: what changed between two results and why the index moved (exact).

Pure: one diff model for both forms (two results, or the headlines of two batches) and
one JSON shape for it; no files, no clock."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction
from pathlib import PurePath
from typing import Any, Literal, TypeVar

from spbe_cli.names import normalize
from spbe_cli.numbers import exact_text, round_text
from spbe_cli.result import Headline, Result, SummaryRow

T = TypeVar("T")
A = TypeVar("A")
B = TypeVar("B")
Side = Literal["old", "new"]


@dataclass(frozen=True)
class ItemChange:
    id: str
    name: str
    old_level: Fraction | None
    new_level: Fraction | None
    contribution: Fraction  # this item's share of Δindex (exact)


@dataclass(frozen=True)
class PartChange:
    id: str
    name: str
    old: Fraction
    new: Fraction

    @property
    def delta(self) -> Fraction:
        return self.new - self.old


@dataclass(frozen=True)
class Diff:
    """Old → new. `comparable`: the same rubric, so parts (and, for two results,
    indicators) are paired; `predikat_move` is None when the rubrics' band lists differ."""

    old: Headline
    new: Headline
    comparable: bool
    predikat_move: int | None
    domains: tuple[PartChange, ...] = ()
    aspects: tuple[PartChange, ...] = ()
    items: tuple[ItemChange, ...] = ()  # by |impact|, then rubric order
    self_old: Fraction | None = None
    self_new: Fraction | None = None

    @property
    def delta(self) -> Fraction:
        return self.new.index - self.old.index

    @property
    def reached(self) -> list[ItemChange]:
        return [c for c in self.items if (c.new_level or 0) > (c.old_level or 0)]

    @property
    def lost(self) -> list[ItemChange]:
        return [c for c in self.items if (c.new_level or 0) < (c.old_level or 0)]


def predikat_move(old: Headline, new: Headline) -> int | None:
    """Steps up (+) or down (−) the band list; None when the two lists differ (names of
    different instruments are never mapped onto each other)."""
    if old.bands != new.bands or old.predikat not in new.bands or new.predikat not in new.bands:
        return None
    return new.bands.index(new.predikat) - old.bands.index(old.predikat)


def _parts(
    old: tuple[tuple[str, Fraction], ...],
    new: tuple[tuple[str, Fraction], ...],
    names: dict[str, str],
) -> tuple[PartChange, ...]:
    before = dict(old)
    return tuple(PartChange(i, names.get(i, i), before[i], v) for i, v in new if i in before)


def compare_headlines(old: Headline, new: Headline, names: dict[str, str] | None = None) -> Diff:
    """Index, predikat and, under the same rubric, every domain and aspect."""
    same = old.rubric_id == new.rubric_id
    move = predikat_move(old, new)
    if not same:
        return Diff(old, new, False, move)
    names = names or {}
    return Diff(
        old,
        new,
        True,
        move,
        _parts(old.domains, new.domains, names),
        _parts(old.aspects, new.aspects, names),
    )


def compare(old: Result, new: Result, order: list[str]) -> Diff:
    """Two results: Δ of index, domains, aspects and indicators (`order`: the rubric's item
    ids). Across rubrics only index and predikat: their indicators are never paired."""
    names = {p.id: p.name for p in (*new.domains, *new.aspects)}
    d = compare_headlines(old.headline(), new.headline(), names)
    if not d.comparable:
        return d
    items = _item_changes(old, new, order)
    self_old = self_new = None
    if old.self_assessment is not None and new.self_assessment is not None:
        self_old, self_new = old.self_assessment.index, new.self_assessment.index
    return Diff(
        d.old, d.new, True, d.predikat_move, d.domains, d.aspects, items, self_old, self_new
    )


def _item_changes(old: Result, new: Result, order: list[str]) -> tuple[ItemChange, ...]:
    old_items = {i.id: i for i in old.indicators}
    new_items = {i.id: i for i in new.indicators}
    changes = []
    for pos, item in enumerate(order):
        o, n = old_items.get(item), new_items.get(item)
        if o is None and n is None:
            continue
        contribution = (n.contribution if n else 0) - (o.contribution if o else 0)
        if contribution == 0 and (o and n and o.level == n.level):
            continue
        name = (n or o).name  # type: ignore[union-attr]
        change = ItemChange(
            item, name, o.level if o else None, n.level if n else None, Fraction(contribution)
        )
        changes.append((pos, change))
    changes.sort(key=lambda pc: (-abs(pc[1].contribution), pc[0]))
    return tuple(c for _, c in changes)


@dataclass(frozen=True)
class FailedFile:
    """An input of a batch diff that could not be scored (invalid, a duplicate, unreadable):
    its located reasons and, when the file got that far, whose it is."""

    file: str
    reasons: tuple[str, ...]
    name: str | None = None
    code: str | None = None
    year: int | None = None


@dataclass(frozen=True)
class Failure:
    """A failed file on one side, with the other side's scored row of the same institution
    when there is one (that institution is then failed, never "only in the old data")."""

    side: Side
    failed: FailedFile
    other: SummaryRow | None = None

    @property
    def name(self) -> str | None:
        if self.failed.name is not None:
            return self.failed.name
        return self.other.headline.institution.name if self.other and self.other.headline else None


@dataclass(frozen=True)
class BatchDiff:
    """A batch diff: every matched pair's Diff (by Δ, highest first), the unmatched rows on
    each side, and the files that failed on either side."""

    diffs: tuple[Diff, ...]
    unmatched_old: tuple[SummaryRow, ...]
    unmatched_new: tuple[SummaryRow, ...]
    failures: tuple[Failure, ...] = ()


def institution_keys(name: str, code: str | None) -> list[str]:
    """How an institution is recognised across years: its Kode, else its normalised name."""
    keys = ["code:" + code.strip().casefold()] if code else []
    return [*keys, "name:" + normalize(name)]


def pair(
    old: list[T], new: list[T], keys: Callable[[T], list[str]]
) -> tuple[list[tuple[T, T]], list[T], list[T]]:
    """Pair old and new entries by their first shared key; the unmatched of each side."""
    return pair_by(old, new, keys, keys)


def pair_by(
    old: list[A],
    new: list[B],
    old_keys: Callable[[A], list[str]],
    new_keys: Callable[[B], list[str]],
) -> tuple[list[tuple[A, B]], list[A], list[B]]:
    """`pair` for entries of two kinds, each with its own keys."""
    by_key: dict[str, B] = {}
    for n in new:
        for k in new_keys(n):
            by_key.setdefault(k, n)
    pairs: list[tuple[A, B]] = []
    used: set[int] = set()
    unmatched_old: list[A] = []
    for o in old:
        hit = next(
            (by_key[k] for k in old_keys(o) if k in by_key and id(by_key[k]) not in used), None
        )
        if hit is None:
            unmatched_old.append(o)
        else:
            used.add(id(hit))
            pairs.append((o, hit))
    return pairs, unmatched_old, [n for n in new if id(n) not in used]


def _row_keys(r: SummaryRow) -> list[str]:
    assert r.headline is not None
    return institution_keys(r.headline.institution.name, r.headline.institution.code)


_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")


def file_key(file: str) -> str:
    """A file's name without its year (`Kota-Lama-2025.xlsx` → `kota lama`): how a file
    that failed before its Instansi could be read is recognised across years."""
    path = PurePath(file.replace("\\", "/"))
    stem = normalize(_YEAR.sub(" ", path.stem).replace("-", " ").replace("_", " "))
    return "file:" + (stem or normalize(path.parent.name))


def _failed_keys(f: FailedFile) -> list[str]:
    return institution_keys(f.name, f.code) if f.name else [file_key(f.file)]


def _other_keys(r: SummaryRow) -> list[str]:
    return [*_row_keys(r), file_key(r.file)]


def match(
    old_rows: list[SummaryRow], new_rows: list[SummaryRow]
) -> tuple[list[tuple[SummaryRow, SummaryRow]], list[SummaryRow], list[SummaryRow]]:
    """Pair institutions by Kode where both have one, else by normalised name."""
    return pair(old_rows, new_rows, _row_keys)


def _failures(
    side: Side, failed: list[FailedFile], others: list[SummaryRow]
) -> tuple[list[Failure], list[SummaryRow]]:
    """Each failed file of `side` beside the other side's unmatched row of its institution
    (by Kode or name, else by file name without the year); the rows still unmatched."""
    pairs, alone, rest = pair_by(failed, others, _failed_keys, _other_keys)
    return [*(Failure(side, f, o) for f, o in pairs), *(Failure(side, f) for f in alone)], rest


def compare_rows(
    old_rows: list[SummaryRow],
    new_rows: list[SummaryRow],
    old_failed: list[FailedFile] | None = None,
    new_failed: list[FailedFile] | None = None,
) -> BatchDiff:
    """Match the rows and diff each pair exactly (Δ from the exact indices). An institution
    whose file failed on one side is a failure beside its other year, not unmatched."""
    pairs, only_old, only_new = match(old_rows, new_rows)
    diffs = [
        compare_headlines(o.headline, n.headline) for o, n in pairs if o.headline and n.headline
    ]
    diffs.sort(key=lambda d: (-d.delta, d.new.institution.name))
    new_fails, only_old = _failures("new", new_failed or [], only_old)
    old_fails, only_new = _failures("old", old_failed or [], only_new)
    failures = sorted([*old_fails, *new_fails], key=lambda f: (f.side != "old", f.failed.file))
    return BatchDiff(tuple(diffs), tuple(only_old), tuple(only_new), tuple(failures))


# --- the JSON shape of a diff (both forms) ----------------------------------------------


def _num(value: Fraction, places: int = 2) -> float:
    return float(round_text(value, places))


def _side(h: Headline) -> dict[str, Any]:
    return {
        "name": h.institution.name,
        "year": h.institution.year,
        "rubric": h.rubric_id,
        "index": _num(h.index, h.places),
        "predikat": h.predikat,
        "code": h.institution.code,
        "index_exact": exact_text(h.index),
    }


def to_json(d: Diff) -> dict[str, Any]:
    """One diff as a JSON object: numbers as numbers, each with its exact text."""
    places = d.new.places
    return {
        "format_version": 1,
        "old": _side(d.old),
        "new": _side(d.new),
        "comparable": d.comparable,
        "delta": _num(d.delta, places),
        "delta_exact": exact_text(d.delta),
        "predikat_change": d.predikat_move,
        "domains": [_part(p, places) for p in d.domains],
        "aspects": [_part(p, places) for p in d.aspects],
        "indicators": [
            {
                "id": c.id,
                "name": c.name,
                "old_level": _level(c.old_level),
                "new_level": _level(c.new_level),
                "contribution": _num(c.contribution, 6),
                "contribution_exact": exact_text(c.contribution),
            }
            for c in d.items
        ],
        "self_assessment": None
        if d.self_old is None or d.self_new is None
        else {
            "old": _num(d.self_old, places),
            "new": _num(d.self_new, places),
            "delta": _num(d.self_new - d.self_old, places),
        },
    }


def _level(v: Fraction | None) -> str | None:
    """A level in a diff's JSON: `3`, `1.26`, or 6 decimals when it does not end."""
    if v is None:
        return None
    return str(v.numerator) if v.denominator == 1 else exact_text(v, 0, 6)


def _part(p: PartChange, places: int) -> dict[str, Any]:
    return {
        "id": p.id,
        "name": p.name,
        "old": _num(p.old, places),
        "new": _num(p.new, places),
        "delta": _num(p.delta, places),
        "delta_exact": exact_text(p.delta),
    }


def _file_row(r: SummaryRow) -> dict[str, Any]:
    inst = r.headline.institution if r.headline else None
    return {
        "name": inst.name if inst else None,
        "year": inst.year if inst else None,
        "file": r.file,
    }


def _failure(f: Failure) -> dict[str, Any]:
    return {
        "side": f.side,
        "file": f.failed.file,
        "name": f.name,
        "year": f.failed.year,
        "errors": list(f.failed.reasons),
        "other": None if f.other is None else _file_row(f.other),
    }


def batch_json(b: BatchDiff, gates: list[str]) -> dict[str, Any]:
    """A batch diff: each pair in the shape of a single diff (without indicators), the
    unmatched on each side and the files that failed (`failed`, added in format 1)."""
    return {
        "format_version": 1,
        "rows": [to_json(d) for d in b.diffs],
        "unmatched_old": [_file_row(r) for r in b.unmatched_old],
        "unmatched_new": [_file_row(r) for r in b.unmatched_new],
        "failed": [_failure(f) for f in b.failures],
        "gates": gates,
    }
