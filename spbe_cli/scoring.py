"""Exact scoring: answers × rubric → item, aspect, domain and overall indices (Fractions)."""

from __future__ import annotations

import math
from collections.abc import Sequence, Set
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Literal

from spbe_cli.answers import Answers
from spbe_cli.levels import level_name
from spbe_cli.numbers import exact_text, round_text
from spbe_cli.rubric import Aspect, Band, Rubric, Scale, rubric_for_year

Basis = Literal["rounded", "exact"]


@dataclass(frozen=True)
class Notice:
    """A note every output must carry; `code` lets renderers translate it."""

    code: str
    message: str
    params: dict[str, str] = field(default_factory=dict)


# Warnings that change how a whole result must be read: every output shows them first.
TOP_WARNINGS = ("rubric-year-mismatch",)


@dataclass(slots=True)
class ItemScore:
    """One scored item (read-only by convention: slots without frozen's slow __init__, as a
    nation's batch makes tens of thousands)."""

    id: str
    indicator_id: str
    name: str
    aspect_id: str
    weight: Fraction
    level: Fraction
    level_name: str
    self_level: Fraction | None
    filled_by_missing: bool
    target: Fraction | None = None
    explanation: str | None = None
    evidence: str | None = None

    @property
    def contribution(self) -> Fraction:
        """This item's share of the index (weight is in % of it)."""
        return self.level * self.weight / 100


@dataclass(frozen=True)
class GroupScore:
    """An aspect or a domain."""

    id: str
    name: str
    weight: Fraction
    index: Fraction
    parent: str | None = None


@dataclass(frozen=True)
class Classified:
    index: Fraction
    display: str
    predikat: str
    predikat_exact: str
    predikat_rounded: str

    @property
    def index_exact(self) -> str:
        return exact_text(self.index)

    @property
    def boundary(self) -> bool:
        return self.predikat_exact != self.predikat_rounded


@dataclass(frozen=True)
class Score:
    overall: Classified
    basis: Basis
    domains: list[GroupScore]
    aspects: list[GroupScore]
    items: list[ItemScore]
    self_assessment: Classified | None
    warnings: list[Notice]


def item_weights(aspect: Aspect, answered: Set[str]) -> dict[str, Fraction]:
    """The weight (% of the index) of each scored item of an aspect.

    explicit: an indicator's weight, shared by its answered repeats; equal-shares: the
    aspect's weight divided equally by every scored item (5/2018 aspect 7).
    """
    scored = [(ind, [i for i in ind.item_ids if i in answered]) for ind in aspect.indicators]
    if aspect.weighting == "equal-shares":
        n = sum(len(items) for _, items in scored)
        return {i: Fraction(aspect.weight) / n for _, items in scored for i in items}
    out: dict[str, Fraction] = {}
    for ind, items in scored:
        assert ind.weight is not None
        for i in items:
            out[i] = Fraction(ind.weight) / len(items)
    return out


def classify(rubric: Rubric, index: Fraction, basis: Basis) -> Classified:
    shown = round_text(index, rubric.display_decimals)
    exact_band: Band = rubric.band(index)
    rounded_band: Band = rubric.band_of_shown(shown)
    chosen = rounded_band if basis == "rounded" else exact_band
    return Classified(index, shown, chosen.name, exact_band.name, rounded_band.name)


@dataclass(frozen=True)
class Weights:
    """The weight (% of the index) of each scored item for one set of answered items, and
    the same weights as integers over one common denominator, so that a file's sums are
    integer arithmetic with one exact division at the end."""

    of: dict[str, Fraction]
    scaled: dict[str, int]
    denominator: int


def weights(rubric: Rubric, answered: frozenset[str]) -> Weights:
    """Computed once per rubric and answered set (nearly always: every item) and kept."""
    tables = rubric.memo("weights")
    found: Weights | None = tables.get(answered)
    if found is not None:
        return found
    of: dict[str, Fraction] = {}
    for aspect in rubric.all_aspects:
        of.update(item_weights(aspect, answered))
    den = math.lcm(*(w.denominator for w in of.values())) if of else 1
    table = Weights(of, {i: w.numerator * (den // w.denominator) for i, w in of.items()}, den)
    if len(tables) < 256:
        tables[answered] = table
    return table


@dataclass(frozen=True, slots=True)
class _Place:
    """One answerable item where the rubric puts it, with what its score repeats."""

    item: str
    indicator_id: str
    name: str
    aspect_id: str
    scale: Scale


Layout = list[tuple[Aspect, list[_Place]]]


def _layout(rubric: Rubric) -> Layout:
    """Each aspect with its items in rubric order: made once per rubric and kept."""
    kept = rubric.memo("scoring")
    if "layout" not in kept:
        layout: Layout = []
        for aspect in rubric.all_aspects:
            places: list[_Place] = []
            for ind in aspect.indicators:
                scale = rubric.scale_of(ind)
                places += [_Place(i, ind.id, ind.name, aspect.id, scale) for i in ind.item_ids]
            layout.append((aspect, places))
        kept["layout"] = layout
    found: Layout = kept["layout"]
    return found


def score(rubric: Rubric, answers: Answers, basis: Basis | None = None) -> Score:
    basis = basis or rubric.predikat.basis
    table = weights(rubric, frozenset(answers.items))
    of, scaled = table.of, table.scaled

    # Every sum is an integer over one denominator: the levels' and self levels' common
    # denominator (1 for whole levels) × the weights' (`den`); each index is then one
    # exact Fraction.
    given = answers.items
    common = math.lcm(
        *(a.level.denominator for a in given.values()),
        *(a.self_level.denominator for a in given.values() if a.self_level is not None),
    )
    unit = common * table.denominator

    items: list[ItemScore] = []
    aspects: list[GroupScore] = []
    sums: dict[str, int] = {}  # per aspect: Σ level × weight, in 1/unit % points
    self_total = 0  # the same over the self levels
    for aspect, places in _layout(rubric):
        total = 0
        for place in places:
            item = place.item
            if item not in of:
                continue
            a = given[item]
            level, self_level, weight = a.level, a.self_level, scaled[item]
            num, den = level.as_integer_ratio()
            total += num * (common // den) * weight  # level × weight, in 1/unit % points
            if self_level is not None:
                num, den = self_level.as_integer_ratio()
                self_total += num * (common // den) * weight
            items.append(
                ItemScore(
                    id=item,
                    indicator_id=place.indicator_id,
                    name=place.name,
                    aspect_id=place.aspect_id,
                    weight=of[item],
                    level=level,
                    level_name=level_name(level, place.scale),
                    self_level=self_level,
                    filled_by_missing=a.filled_by_missing,
                    target=a.target,
                    explanation=a.explanation,
                    evidence=a.evidence,
                )
            )
        sums[aspect.id] = total
        aw = aspect.weight_fraction
        domain = rubric.domain_of(aspect)
        index = _per_weight(total, unit, aw)
        aspects.append(GroupScore(aspect.id, aspect.name, aw, index, domain.id if domain else None))

    domains = []
    for d in rubric.domains:
        dw = d.weight_fraction
        total = sum(sums[a.id] for a in d.aspects)
        domains.append(GroupScore(d.id, d.name, dw, _per_weight(total, unit, dw)))

    overall = classify(rubric, Fraction(sum(sums.values()), unit * 100), basis)
    warnings = _warnings(rubric, answers, overall, items)
    self_assessment = None
    with_self = sum(i.self_level is not None for i in items)
    if with_self and with_self == len(items):
        self_assessment = classify(rubric, Fraction(self_total, unit * 100), basis)
    elif with_self:
        missing = [i.id for i in items if i.self_level is None]
        warnings.append(
            Notice(
                "self-assessment-incomplete",
                f"Tingkat Mandiri is missing for {_list(missing)}: no self-assessed index",
                {"items": ", ".join(missing)},
            )
        )
    return Score(overall, basis, domains, aspects, items, self_assessment, warnings)


def _per_weight(total: int, unit: int, weight: Fraction) -> Fraction:
    """(total / unit) / weight, as one exact Fraction: reduced once, not twice."""
    return Fraction(total * weight.denominator, unit * weight.numerator)


def _list(ids: Sequence[str], most: int = 12) -> str:
    shown = ", ".join(ids[:most])
    return shown + (f" and {len(ids) - most} more" if len(ids) > most else "")


def _warnings(
    rubric: Rubric, answers: Answers, overall: Classified, items: list[ItemScore]
) -> list[Notice]:
    out: list[Notice] = []
    year = answers.identity.year
    if not rubric.years.covers(year):
        expected = rubric_for_year(year).rubric.id
        out.append(
            Notice(
                "rubric-year-mismatch",
                f"rubric {rubric.id} is for {rubric.years.text}, not for the year {year} (the"
                f" built-in rubric for {year} is {expected}); scored with {rubric.id} as named",
                {
                    "rubric": rubric.id,
                    "years": rubric.years.text,
                    "year": str(year),
                    "expected": expected,
                },
            )
        )
    if overall.boundary:
        out.append(
            Notice(
                "predikat-boundary",
                f"the exact index {exact_text(overall.index, repeating_places=6)} is"
                f" {overall.predikat_exact} but the rounded {overall.display} is"
                f" {overall.predikat_rounded}; this result sits on a predikat boundary",
                {
                    "exact": overall.predikat_exact,
                    "rounded": overall.predikat_rounded,
                    "display": overall.display,
                },
            )
        )
    filled = [i.id for i in items if i.filled_by_missing]
    if filled:
        out.append(
            Notice(
                "missing-scored-at-minimum",
                f"{len(filled)} unanswered indicator(s) scored at the scale minimum"
                f" {rubric.values.min}: {_list(filled)}",
                {"items": ", ".join(filled), "minimum": str(rubric.values.min)},
            )
        )
    parts = rubric.unconfirmed_parts()
    if parts:
        out.append(
            Notice(
                "unconfirmed-rubric",
                f"rubric {rubric.id} has unconfirmed parts ({', '.join(parts)}): treat the result"
                " as indicative",
                {"parts": ", ".join(parts)},
            )
        )
    return out
