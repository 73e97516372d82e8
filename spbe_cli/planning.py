"""`spbe plan`: the cheapest path to a target index or predikat, optimal, exact.

A step raises one indicator by one whole level (a decimal 1.26 goes to 2 first). Without
costs the plan has the fewest steps, then touches the fewest indicators, then (on the
rounded basis) also meets the exact target where an equally good plan does, then prefers
earlier indicators; with costs it has the least total cost first (same tie-breaks after).
Solved exactly by dynamic programming over integer gain units (every step gain is an
exact rational; all are whole multiples of their common unit), with the gain needed
capped so the table stays small. Pure: rubric + result in, Plan out."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from fractions import Fraction
from functools import reduce

from spbe_cli.errors import SpbeError
from spbe_cli.numbers import parse_decimal
from spbe_cli.result import Result
from spbe_cli.rubric import Rubric
from spbe_cli.scoring import Basis

Costs = dict[str, dict[int, Fraction]]  # indicator item → target level → cost of that step
DEFAULT_COST = Fraction(1)


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


@dataclass
class Plan:
    target_name: str | None
    target_index: Fraction  # the index the target asks for (a band minimum or a value)
    current: Fraction
    basis: Basis
    reachable: bool
    steps: list[Step] = field(default_factory=list)
    rounding_only: bool = False  # rounded basis reached only thanks to half-up rounding
    exact_basis_steps: int | None = None  # steps the exact basis needs (when rounding_only)
    already: bool = False  # the target is already met
    needed_steps: int | None = None  # set when more steps are needed than allowed

    @property
    def total_cost(self) -> Fraction:
        return sum((s.cost for s in self.steps), Fraction(0))


def threshold(target: Fraction, basis: Basis, places: int) -> Fraction:
    """The exact index that meets `target` under the basis: rounded half-up to `places`
    decimals, an index shows ≥ target from (target rounded up to places) − half a unit."""
    if basis == "exact":
        return target
    unit = Fraction(1, 10**places)
    shown = Fraction(math.ceil(target / unit)) * unit
    return shown - unit / 2


@dataclass(frozen=True)
class _Option:
    steps: int
    gain: Fraction
    cost: Fraction


def _options(rubric: Rubric, score: Result, costs: Costs | None) -> list[tuple[str, list[_Option]]]:
    top = int(rubric.values.max)
    out = []
    for item in score.indicators:
        level = item.level
        opts = [_Option(0, Fraction(0), Fraction(0))]
        gain = Fraction(0)
        cost = Fraction(0)
        current = level
        for to in range(math.floor(level) + 1, top + 1):
            gain += (to - current) * item.weight / 100
            step_cost = (costs or {}).get(item.indicator_id, {}).get(to)
            if step_cost is None:
                step_cost = (costs or {}).get(item.indicator_id, {}).get(0, DEFAULT_COST)
            cost += step_cost
            current = Fraction(to)
            opts.append(_Option(len(opts), gain, cost))
        out.append((item.id, opts))
    return out


def _solve(
    options: list[tuple[str, list[_Option]]], need: Fraction, use_costs: bool
) -> list[int] | None:
    """Steps per item (in item order) of the best plan reaching `need`, or None.

    Dynamic programming over items; the state is the gain so far in integer units of the
    common denominator, capped at `need`. For each state only the best partial plan is kept,
    compared by (cost, steps, indicators touched, positions touched): all four extend
    consistently when the same later choices are appended (positions are compared only
    between plans touching equally many indicators), so the result is optimal."""
    if need <= 0:
        return [0] * len(options)
    if sum(opts[-1].gain for _, opts in options) < need:
        return None
    dens = [o.gain.denominator for _, opts in options for o in opts] + [need.denominator]
    lcd = reduce(lambda a, b: a * b // math.gcd(a, b), dens, 1)
    cap = math.ceil(need * lcd)
    costs = [[o.cost if use_costs else 0 for o in opts] for _, opts in options]
    units = [[int(o.gain * lcd) for o in opts] for _, opts in options]
    common = reduce(math.gcd, [u for us in units for u in us], 0) or 1
    units = [[u // common for u in us] for us in units]
    cap = -(-cap // common)  # gains are whole multiples of `common`: round the need up
    # state: capped gain → (cost, steps, touched, -mask, choices as a linked list). Among
    # equally many touched indicators, the lexicographically first set of positions is the
    # one with the largest mask when position p has bit 2^(n-1-p): so minimise -mask.
    n = len(options)
    best: dict[int, tuple[object, int, int, int, object]] = {0: (0, 0, 0, 0, None)}
    for pos in range(n):
        bit = 1 << (n - 1 - pos)
        nxt: dict[int, tuple[object, int, int, int, object]] = {}
        for g, (cost, steps, touched, negmask, chain) in best.items():
            for k, (unit, c) in enumerate(zip(units[pos], costs[pos], strict=True)):
                ng = min(cap, g + unit)
                cand = (
                    cost + c,  # type: ignore[operator]
                    steps + k,
                    touched + 1 if k else touched,
                    negmask - bit if k else negmask,
                    (chain, k),
                )
                old = nxt.get(ng)
                if old is None or cand[:4] < old[:4]:
                    nxt[ng] = cand
        best = _frontier(nxt)
    final = best.get(cap)
    if final is None:
        return None
    choice: list[int] = []
    chain = final[4]
    while chain is not None:
        chain, k = chain  # type: ignore[misc]
        choice.append(k)
    return choice[::-1]


def _frontier(
    states: dict[int, tuple[object, int, int, int, object]],
) -> dict[int, tuple[object, int, int, int, object]]:
    """Keep only the states no other state beats: one with more gain and a key at least
    as good makes a state useless, because every later choice adds the same gain and the
    same key increments to both (all four key parts add up; the mask bits of later items
    never overlap earlier ones). This Pareto front is small, so the DP stays fast."""
    kept: dict[int, tuple[object, int, int, int, object]] = {}
    best_key: tuple[object, ...] | None = None
    for g in sorted(states, reverse=True):
        key = states[g][:4]
        if best_key is None or key < best_key:
            kept[g] = states[g]
            best_key = key
    return kept


def plan(
    rubric: Rubric,
    score: Result,
    target_index: Fraction,
    target_name: str | None,
    basis: Basis,
    costs: Costs | None = None,
    max_steps: int | None = None,
) -> Plan:
    current = score.overall.index
    places = rubric.display_decimals
    need_at = threshold(target_index, basis, places)
    result = Plan(target_name, target_index, current, basis, reachable=True)
    if current >= need_at:
        result.already = True
        return result
    options = _options(rubric, score, costs)
    choice = _solve(options, need_at - current, costs is not None)
    if choice is None:
        result.reachable = False
        return result
    if max_steps is not None and sum(choice) > max_steps:
        result.reachable = False
        result.needed_steps = sum(choice)
        return result
    use_costs = costs is not None
    if basis == "rounded" and _gain(options, choice) + current < target_index:
        # Among equally good plans, prefer one that also meets the exact target.
        exact_choice = _solve(options, target_index - current, use_costs)
        if exact_choice is not None and _key(options, exact_choice, use_costs) == _key(
            options, choice, use_costs
        ):
            choice = exact_choice
        else:
            result.rounding_only = True
            result.exact_basis_steps = sum(exact_choice) if exact_choice is not None else None
    result.steps = _steps(rubric, score, options, choice, costs)
    return result


def _gain(options: list[tuple[str, list[_Option]]], choice: list[int]) -> Fraction:
    return sum((opts[k].gain for (_, opts), k in zip(options, choice, strict=True)), Fraction(0))


def _key(
    options: list[tuple[str, list[_Option]]], choice: list[int], use_costs: bool
) -> tuple[Fraction, int, int]:
    cost = sum((opts[k].cost for (_, opts), k in zip(options, choice, strict=True)), Fraction(0))
    return (cost if use_costs else Fraction(0), sum(choice), sum(1 for k in choice if k))


def _steps(
    rubric: Rubric,
    score: Result,
    options: list[tuple[str, list[_Option]]],
    choice: list[int],
    costs: Costs | None,
) -> list[Step]:
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
            step_cost = (costs or {}).get(item.indicator_id, {}).get(to)
            if step_cost is None:
                step_cost = (costs or {}).get(item.indicator_id, {}).get(0, DEFAULT_COST)
            crit = (ind.criteria or {}).get(to) or scale.levels.get(to, "")
            steps.append(Step(item.id, item.name, level, to, gain, index, step_cost, crit))
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
        raise SpbeError(
            f"--target: {spec!r} is neither a predikat ({', '.join(names)}) nor an index"
        ) from None
    if not rubric.values.min <= value <= rubric.values.max:
        raise SpbeError(
            f"--target: {spec} is outside the index range {rubric.values.min}–{rubric.values.max}"
        )
    return value, None
