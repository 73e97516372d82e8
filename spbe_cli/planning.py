"""`spbe plan`: the best path to a target index or predikat, optimal, exact.

A step raises one indicator by one whole level (a decimal 1.26 goes to 2 first); with a
raise cap N no indicator takes more than N steps in one plan. Plans are ordered by, in turn:

1. the total cost (only with costs; each step costs 1 otherwise, so this is 2.);
2. the number of steps;
3. on the rounded basis, meeting the exact target too (where an otherwise equal plan does);
4. steps in weak aspects: the least sum, over the steps, of the index (before the plan) of
   the aspect each step's indicator belongs to;
5. raising low levels: the least sum, over the steps, of the level each step starts from
   (so two indicators 2 → 3 come before one indicator 2 → 4);
6. earlier indicators: of two plans, the one that leaves untouched the last indicator (in
   rubric order) that one touches and the other does not.

The plan is the first in this order that reaches the target; with at most N steps (max
steps) and no such plan, the one of at most N steps with the highest index (then the same
order). Solved exactly by dynamic programming over integer gain units (`plansearch`); the
tests check it against exhaustive search. Pure: rubric + result in, Plan out."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from fractions import Fraction

from spbe_cli import plansearch
from spbe_cli.errors import SpbeError
from spbe_cli.i18n import msg
from spbe_cli.numbers import parse_decimal
from spbe_cli.result import Result
from spbe_cli.rubric import Rubric
from spbe_cli.scoring import Basis, ItemScore

Costs = dict[str, dict[int, Fraction]]  # indicator item → target level → cost of that step
DEFAULT_COST = Fraction(1)
DEFAULT_MAX_RAISE = 2  # levels one indicator may rise in one plan (the CLI's default)


@dataclass(frozen=True)
class Step:
    indicator: str
    name: str
    from_level: Fraction
    to_level: int
    gain: Fraction
    index_after: Fraction
    cost: Fraction
    criterion: str
    criterion_general: bool = False  # only the scale's general guidance (Rubric.guidance)


@dataclass
class Plan:
    target_name: str | None
    target_index: Fraction  # the index the target asks for (a band minimum or a value)
    current: Fraction
    basis: Basis
    reachable: bool  # the steps reach the target
    steps: list[Step] = field(default_factory=list)
    rounding_only: bool = False  # rounded basis reached only thanks to half-up rounding
    exact_basis_steps: int | None = None  # steps the exact basis needs (when rounding_only)
    already: bool = False  # the target is already met
    needed_steps: int | None = None  # fewest steps the target needs, when max_steps cut it short
    max_steps: int | None = None
    max_raise: int | None = None  # no indicator rises more levels than this (None: no cap)
    uncapped_steps: int | None = None  # steps the target needs without the cap, when capped out
    cost_source: str | None = None  # where the costs came from (None: each step costs 1)

    @property
    def total_cost(self) -> Fraction:
        return sum((s.cost for s in self.steps), Fraction(0))

    @property
    def costed(self) -> bool:
        return self.cost_source is not None

    @property
    def index_after(self) -> Fraction:
        return self.steps[-1].index_after if self.steps else self.current


def threshold(target: Fraction, basis: Basis, places: int) -> Fraction:
    """The exact index that meets `target` under the basis: rounded half-up to `places`
    decimals, an index shows ≥ target from (target rounded up to places) − half a unit."""
    if basis == "exact":
        return target
    unit = Fraction(1, 10**places)
    shown = Fraction(math.ceil(target / unit)) * unit
    return shown - unit / 2


def plan(
    rubric: Rubric,
    score: Result,
    target_index: Fraction,
    target_name: str | None,
    basis: Basis,
    costs: Costs | None = None,
    max_steps: int | None = None,
    max_raise: int | None = None,
    cost_source: str | None = None,
) -> Plan:
    """The first plan in the module's order that reaches the target (see the docstring);
    `cost_source` names the costs in what the plan says (default: "costs")."""
    current = score.overall.index
    need_at = threshold(target_index, basis, rubric.display_decimals)
    result = Plan(target_name, target_index, current, basis, reachable=True)
    result.max_steps, result.max_raise = max_steps, max_raise
    if costs is not None:
        result.cost_source = cost_source or "costs"
    if current >= need_at:
        result.already = True
        return result
    needs = (need_at - current, max(need_at, target_index) - current)
    top = int(rubric.values.max)
    problem, (low, high), lead_shift = _problem(score, top, costs, max_raise, needs)
    choice, exact_choice = plansearch.best(problem, low, high)
    if choice is None and max_raise is not None:
        result.uncapped_steps = _fewest(score, top, None, needs, None, None)
    if max_steps is not None and (choice is None or sum(choice) > max_steps):
        unlimited = choice
        choice, result.reachable, exact_choice = plansearch.best_within(
            problem, low, high, max_steps
        )
        if unlimited is not None and not result.reachable:
            result.needed_steps = _fewest(score, top, max_raise, needs, unlimited, costs)
    elif choice is None:
        result.reachable = False
        return result
    if result.reachable and basis == "rounded" and problem.total(choice)[0] < high:
        # Among plans equal in cost and steps, prefer one that also meets the exact target.
        lead = problem.total(choice)[1] >> lead_shift
        if exact_choice is not None and problem.total(exact_choice)[1] >> lead_shift == lead:
            choice = exact_choice
        else:
            result.rounding_only = True
            result.exact_basis_steps = sum(exact_choice) if exact_choice is not None else None
    result.steps = _steps(rubric, score, choice, costs)
    return result


def _fewest(
    score: Result,
    top: int,
    max_raise: int | None,
    needs: tuple[Fraction, Fraction],
    choice: list[int] | None,
    costs: Costs | None,
) -> int | None:
    """The fewest steps that reach the first need (a least-key choice without costs has
    them already)."""
    if choice is not None and costs is None:
        return sum(choice)
    problem, (low, high), _ = _problem(score, top, None, max_raise, needs)
    fewest, _ = plansearch.best(problem, low, high)
    return None if fewest is None else sum(fewest)


def _levels_to(item: ItemScore, top: int, max_raise: int | None) -> range:
    """The levels the steps of an item reach, in order (a decimal 1.26 → 2 is one level)."""
    floor = math.floor(item.level)
    return range(floor + 1, (top if max_raise is None else min(top, floor + max_raise)) + 1)


def _step_cost(costs: Costs | None, indicator: str, to: int) -> Fraction:
    per = (costs or {}).get(indicator, {})
    found = per.get(to)
    return found if found is not None else per.get(0, DEFAULT_COST)


def _problem(
    score: Result,
    top: int,
    costs: Costs | None,
    max_raise: int | None,
    needs: tuple[Fraction, Fraction],
) -> tuple[plansearch.Problem, tuple[int, int], int]:
    """The search problem of a result: gains in whole units, keys packed in the module's
    order; the needs in units (rounded up); and the shift that leaves a key's cost and
    steps."""
    items = score.indicators
    spans = [_levels_to(i, top, max_raise) for i in items]
    gains, needs_units = _gain_units(items, spans, needs)
    keys, lead_shift = _keys(score, spans, costs)
    return plansearch.Problem(gains, keys), needs_units, lead_shift


def _gain_units(
    items: tuple[ItemScore, ...], spans: list[range], needs: tuple[Fraction, Fraction]
) -> tuple[list[list[int]], tuple[int, int]]:
    """Cumulative gains of every item's options and the needs as whole multiples of one
    common unit (the needs rounded up to it: gains only come in whole units). Integer
    arithmetic only: a step to level `to` gains (to − level) × weight / 100."""
    nums, dens = [], []
    for item, span in zip(items, spans, strict=True):
        lv, w = item.level, item.weight
        first = (span.start * lv.denominator - lv.numerator) * w.numerator
        nums.append([first] + [w.numerator * lv.denominator] * (len(span) - 1) if span else [])
        dens.append(lv.denominator * w.denominator * 100)
    lcm = math.lcm(*dens, *(n.denominator for n in needs))
    scaled = [[x * (lcm // d) for x in xs] for xs, d in zip(nums, dens, strict=True)]
    common = math.gcd(*(x for xs in scaled for x in xs)) or 1
    gains = [_cumulative([x // common for x in xs]) for xs in scaled]
    low, high = (-(-(n.numerator * lcm) // (n.denominator * common)) for n in needs)
    return gains, (low, max(low, high))


def _cumulative(xs: list[int]) -> list[int]:
    out = [0]
    for x in xs:
        out.append(out[-1] + x)
    return out


def _keys(score: Result, spans: list[range], costs: Costs | None) -> tuple[list[list[int]], int]:
    """Every option's key: cost, steps, aspect indices, from-levels and the indicator's
    position bit, packed into one integer whose order is the tuple's (each field wide
    enough never to carry into the next). Also the shift above the tie-breaks (what is
    left is cost and steps)."""
    items = score.indicators
    aspect = {a.id: a.index for a in score.aspects}
    weak = _scaled([aspect.get(i.aspect_id, score.overall.index) for i in items])
    levels = _scaled([i.level for i in items])
    lscale = math.lcm(*(i.level.denominator for i in items))
    count = sum(len(s) for s in spans)
    most_level = max((s.stop for s in spans if s), default=1) * lscale
    low_shift = len(items)
    weak_shift = low_shift + (count * most_level).bit_length() + 1
    steps_shift = weak_shift + (count * max(weak, default=0)).bit_length() + 1
    cost_shift = steps_shift + count.bit_length() + 1
    step_costs = _cost_units(items, spans, costs)
    out = []
    for pos, span in enumerate(spans):
        step = (1 << steps_shift) + (weak[pos] << weak_shift)
        row, key, level = [0], 1 << pos, levels[pos]
        for k, to in enumerate(span):
            key += step + (level << low_shift)
            if step_costs is not None:
                key += step_costs[pos][k] << cost_shift
            row.append(key)
            level = to * lscale
        out.append(row)
    return out, steps_shift


def _scaled(values: list[Fraction]) -> list[int]:
    """Fractions as whole multiples of their common unit (1 / the lcm of denominators)."""
    scale = math.lcm(*(v.denominator for v in values))
    return [v.numerator * (scale // v.denominator) for v in values]


def _cost_units(
    items: tuple[ItemScore, ...], spans: list[range], costs: Costs | None
) -> list[list[int]] | None:
    """Every step's cost as a whole multiple of the costs' common unit (None: no costs)."""
    if costs is None:
        return None
    flat = [
        _step_cost(costs, i.indicator_id, to) for i, s in zip(items, spans, strict=True) for to in s
    ]
    units, at, out = _scaled(flat) if flat else [], 0, []
    for span in spans:
        out.append(units[at : at + len(span)])
        at += len(span)
    return out


def _steps(rubric: Rubric, score: Result, choice: list[int], costs: Costs | None) -> list[Step]:
    by_id = {i.id: i for i in rubric.indicators}
    index = score.overall.index
    steps = []
    for item, n in zip(score.indicators, choice, strict=True):
        level = item.level
        ind = by_id[item.indicator_id]
        scale = rubric.scale_of(ind)
        for _ in range(n):
            to = math.floor(level) + 1
            gain = (to - level) * item.weight / 100
            index += gain
            step_cost = _step_cost(costs, item.indicator_id, to)
            crit, general = rubric.guidance(ind, to) or (scale.levels.get(to, ""), False)
            steps.append(Step(item.id, item.name, level, to, gain, index, step_cost, crit, general))
            level = Fraction(to)
    return steps


def target_from(rubric: Rubric, score: Result, spec: str | None) -> tuple[Fraction, str | None]:
    """--target NAME (a predikat) or VALUE (an index); default the next predikat up."""
    names = [b.name for b in rubric.predikat.bands]
    if spec is None:
        at = names.index(score.overall.predikat)
        if at == len(names) - 1:
            band = rubric.predikat.bands[at]
        else:
            band = rubric.predikat.bands[at + 1]
        assert band.min is not None or at == 0
        return Fraction(band.min or 0), band.name
    by_norm = {
        n.casefold().replace(" ", ""): b for n, b in zip(names, rubric.predikat.bands, strict=True)
    }
    named = by_norm.get(spec.casefold().replace(" ", ""))
    if named is not None:
        return Fraction(named.min or rubric.values.min), named.name
    try:
        value = Fraction(parse_decimal(spec, "--target"))
    except SpbeError:
        said = msg("model.plan.bad_target", target=repr(spec), names=", ".join(names))
        raise SpbeError(said) from None
    if not rubric.values.min <= value <= rubric.values.max:
        lo, hi = rubric.values.min, rubric.values.max
        raise SpbeError(msg("model.plan.target_outside", target=spec, min=lo, max=hi))
    return value, None
