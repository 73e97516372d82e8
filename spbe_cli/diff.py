"""Year over year: what changed between two results, why the index moved, and gates.

Pure: takes (rubric, Score, result) pairs and returns a Diff; no files, no clock."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from typing import Any

from spbe_cli.answers import Answer, Answers, Identity
from spbe_cli.numbers import exact_text, round_text
from spbe_cli.rubric import PREDIKAT_ORDER, LoadedRubric
from spbe_cli.scoring import Score, score


@dataclass(frozen=True)
class Side:
    """One side of a diff: the result (JSON contract), its rubric and exact score."""

    result: dict[str, Any]
    loaded: LoadedRubric | None
    score: Score | None


def side_from_result(result: dict[str, Any], loaded: LoadedRubric | None) -> Side:
    """Re-score a saved result exactly from its `level_exact` values and its rubric."""
    if loaded is None:
        return Side(result, None, None)
    items = {}
    for i in result["indicators"]:
        level = Fraction(str(i.get("level_exact") or i["level"]))
        self_text = i.get("self_level_exact") or i.get("self_level")
        items[i["id"]] = Answer(
            item=i["id"],
            level=level,
            where=i["id"],
            self_level=Fraction(str(self_text)) if self_text is not None else None,
            filled_by_missing=bool(i.get("scored_by_missing")),
        )
    inst = result["institution"]
    answers = Answers.model_construct(
        file=result.get("input", {}).get("file", ""),
        sha256="",
        identity=Identity.model_construct(name=inst["name"], year=inst["year"]),
        items=items,
    )
    return Side(result, loaded, score(loaded.rubric, answers, result.get("predikat_basis")))


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


@dataclass
class Diff:
    old: dict[str, Any]
    new: dict[str, Any]
    comparable: bool  # same rubric: indicators can be paired
    old_index: Fraction
    new_index: Fraction
    domains: list[PartChange] = field(default_factory=list)
    aspects: list[PartChange] = field(default_factory=list)
    items: list[ItemChange] = field(default_factory=list)  # by |impact|, then rubric order
    self_old: Fraction | None = None
    self_new: Fraction | None = None

    @property
    def delta(self) -> Fraction:
        return self.new_index - self.old_index

    @property
    def predikat_move(self) -> int:
        o, n = self.old["predikat"], self.new["predikat"]
        if o in PREDIKAT_ORDER and n in PREDIKAT_ORDER:
            return PREDIKAT_ORDER.index(n) - PREDIKAT_ORDER.index(o)
        return 0

    @property
    def reached(self) -> list[ItemChange]:
        return [c for c in self.items if (c.new_level or 0) > (c.old_level or 0)]

    @property
    def lost(self) -> list[ItemChange]:
        return [c for c in self.items if (c.new_level or 0) < (c.old_level or 0)]


def _exact_index(side: Side) -> Fraction:
    if side.score is not None:
        return side.score.overall.index
    return Fraction(Decimal(side.result["index_exact"]))


def compare(old: Side, new: Side) -> Diff:
    """Δ of index, domains, aspects and indicators. Across rubrics only index and predikat:
    their indicators and predikat bands differ and are never paired."""
    same = (
        old.loaded is not None
        and new.loaded is not None
        and old.result["rubric"]["id"] == new.result["rubric"]["id"]
        and old.score is not None
        and new.score is not None
    )
    d = Diff(old.result, new.result, same, _exact_index(old), _exact_index(new))
    if not same or old.score is None or new.score is None or new.loaded is None:
        return d
    os_, ns = old.score, new.score
    d.domains = [
        PartChange(n.id, n.name, o.index, n.index)
        for o, n in zip(os_.domains, ns.domains, strict=True)
    ]
    d.aspects = [
        PartChange(n.id, n.name, o.index, n.index)
        for o, n in zip(os_.aspects, ns.aspects, strict=True)
    ]
    old_items = {i.id: i for i in os_.items}
    new_items = {i.id: i for i in ns.items}
    order = [item for item, _, _ in new.loaded.rubric.items()]
    changes = []
    for pos, item in enumerate(order):
        o, n = old_items.get(item), new_items.get(item)
        if o is None and n is None:
            continue
        contribution = (n.contribution if n else 0) - (o.contribution if o else 0)
        if contribution == 0 and (o and n and o.level == n.level):
            continue
        name = (n or o).name  # type: ignore[union-attr]
        changes.append(
            (
                pos,
                ItemChange(
                    item,
                    name,
                    o.level if o else None,
                    n.level if n else None,
                    Fraction(contribution),
                ),
            )
        )
    changes.sort(key=lambda pc: (-abs(pc[1].contribution), pc[0]))
    d.items = [c for _, c in changes]
    if os_.self_assessment is not None and ns.self_assessment is not None:
        d.self_old, d.self_new = os_.self_assessment.index, ns.self_assessment.index
    return d


def drop_misses(d: Diff, fail_on_drop: Decimal | None, predikat_drop: bool) -> list[str]:
    """Regression gates, compared on displayed (2-decimal) indices."""
    misses = []
    old_shown = Decimal(round_text(d.old_index, 2))
    new_shown = Decimal(round_text(d.new_index, 2))
    if fail_on_drop is not None and old_shown - new_shown > fail_on_drop:
        misses.append(
            f"index fell {old_shown:.2f} → {new_shown:.2f} ({new_shown - old_shown:+.2f},"
            f" tolerance {fail_on_drop})"
        )
    if predikat_drop and d.predikat_move < 0:
        misses.append(f"predikat fell {d.old['predikat']} → {d.new['predikat']}")
    return misses


def signed(value: Fraction, places: int = 2) -> str:
    text = round_text(value, places)
    return text if text.startswith("-") else "+" + text


def to_json(d: Diff) -> dict[str, Any]:
    def inst(r: dict[str, Any]) -> dict[str, Any]:
        return {
            "name": r["institution"]["name"],
            "year": r["institution"]["year"],
            "rubric": r["rubric"]["id"],
            "index": r["index"],
            "predikat": r["predikat"],
        }

    return {
        "format_version": 1,
        "old": inst(d.old),
        "new": inst(d.new),
        "comparable": d.comparable,
        "delta": float(round_text(d.delta, 2)),
        "delta_exact": exact_text(d.delta),
        "predikat_change": d.predikat_move,
        "domains": [_part(p) for p in d.domains],
        "aspects": [_part(p) for p in d.aspects],
        "indicators": [
            {
                "id": c.id,
                "name": c.name,
                "old_level": _lv(c.old_level),
                "new_level": _lv(c.new_level),
                "contribution": float(round_text(c.contribution, 6)),
                "contribution_exact": exact_text(c.contribution),
            }
            for c in d.items
        ],
        "self_assessment": None
        if d.self_old is None or d.self_new is None
        else {
            "old": float(round_text(d.self_old, 2)),
            "new": float(round_text(d.self_new, 2)),
            "delta": float(round_text(d.self_new - d.self_old, 2)),
        },
    }


def _part(p: PartChange) -> dict[str, Any]:
    return {
        "id": p.id,
        "name": p.name,
        "old": float(round_text(p.old, 2)),
        "new": float(round_text(p.new, 2)),
        "delta": float(round_text(p.delta, 2)),
        "delta_exact": exact_text(p.delta),
    }


def _lv(v: Fraction | None) -> str | None:
    if v is None:
        return None
    return str(v.numerator) if v.denominator == 1 else exact_text(v, 0, 6)
