"""`spbe plan`: the cheapest path to a target index or predikat, optimal, exact.

A step raises one indicator by one whole level (a decimal 1.26 goes to 2 first). Without
costs the plan has the fewest steps, then touches the fewest indicators, then (on the
rounded basis) also meets the exact target where an equally good plan does, then prefers
earlier indicators; with costs it has the least total cost first (same tie-breaks after).
Solved exactly by dynamic programming over integer gain units (every step gain is an
exact rational; all are whole multiples of their common unit), with the gain needed
capped so the table stays small. Pure: rubric + result in, Plan out."""

from __future__ import annotations

import heapq
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
    criterion_general: bool = False  # only the scale's general guidance (Rubric.guidance)


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
    options: list[tuple[str, list[_Option]]], need: Fraction, also: Fraction, use_costs: bool
) -> tuple[list[int] | None, list[int] | None]:
    """Steps per item (in item order) of the best plan reaching `need`, and of the best
    reaching `also` (≥ need; the exact target beside the rounded one), or None.

    Dynamic programming over items; the state is the gain so far in integer units of the
    common denominator, capped at `also`. For each state only the best partial plan is
    kept, compared by (cost, steps, indicators touched, positions touched): all four extend
    consistently when the same later choices are appended (positions are compared only
    between plans touching equally many indicators), so the result is optimal. The four
    parts are packed into one integer (see `_keys`), so that comparing and extending a plan
    is one integer operation. One pass answers both needs: the best plan for `need` is the
    best state at or above it (the one with more gain when two are equally good)."""
    if need <= 0:
        return [0] * len(options), [0] * len(options) if also <= 0 else None
    if sum(opts[-1].gain for _, opts in options) < need:
        return None, None
    units, (low, cap) = _units(options, (need, max(need, also)))
    deltas = _keys(options, use_costs)
    # The most the items after each position can still add: a state below the need by
    # more than that can never reach it and is dropped.
    rest = [0] * (len(units) + 1)
    for pos in range(len(units) - 1, -1, -1):
        rest[pos] = rest[pos + 1] + units[pos][-1]
    # Keys only grow: a partial plan already worse than some complete plan for `also`
    # (which also reaches `need`) can lead to neither best plan.
    bound = _greedy_key(units, deltas, cap if rest[0] >= cap else low)
    # state: capped gain → (packed key, choices as a linked list)
    best: dict[int, tuple[int, object]] = {0: (0, None)}
    for pos, (us, ds) in enumerate(zip(units, deltas, strict=True)):
        nxt: dict[int, tuple[int, object]] = {}
        for g, (key, chain) in best.items():
            for k, unit in enumerate(us):
                nk = key + ds[k]
                if nk > bound:
                    continue
                ng = g + unit
                if ng > cap:
                    ng = cap
                old = nxt.get(ng)
                if old is None or nk < old[0]:
                    nxt[ng] = (nk, (chain, k))
        best = _frontier(nxt, low - rest[pos + 1])
    reached = [g for g in best if g >= low]
    if not reached:
        return None, None
    first = min(reached, key=lambda g: (best[g][0], -g))
    top = best.get(cap)
    return _choices(best[first][1]), None if top is None else _choices(top[1])


def _greedy_key(units: list[list[int]], deltas: list[list[int]], need: int) -> int:
    """The key of one plan reaching `need` (the largest next step first, every time): an
    upper bound on the best plan's key, to prune the search with."""
    taken = [0] * len(units)
    heap = [(-(us[1] - us[0]), pos) for pos, us in enumerate(units) if len(us) > 1]
    heapq.heapify(heap)
    gain = 0
    while gain < need and heap:
        step, pos = heapq.heappop(heap)
        gain -= step
        taken[pos] += 1
        us = units[pos]
        if taken[pos] + 1 < len(us):
            heapq.heappush(heap, (-(us[taken[pos] + 1] - us[taken[pos]]), pos))
    return sum(ds[k] for ds, k in zip(deltas, taken, strict=True))


def _choices(chain: object) -> list[int]:
    choice: list[int] = []
    while chain is not None:
        k: int
        chain, k = chain  # type: ignore[misc]
        choice.append(k)
    return choice[::-1]


def _units(
    options: list[tuple[str, list[_Option]]], needs: tuple[Fraction, Fraction]
) -> tuple[list[list[int]], tuple[int, int]]:
    """Every option's gain and the needs as whole multiples of one common unit (the needs
    rounded up to it: gains only come in whole units)."""
    dens = [o.gain.denominator for _, opts in options for o in opts]
    lcd = reduce(lambda a, b: a * b // math.gcd(a, b), dens + [n.denominator for n in needs], 1)
    units = [[int(o.gain * lcd) for o in opts] for _, opts in options]
    common = reduce(math.gcd, [u for us in units for u in us], 0) or 1
    low, high = (-(-math.ceil(n * lcd) // common) for n in needs)
    return [[u // common for u in us] for us in units], (low, high)


def _keys(options: list[tuple[str, list[_Option]]], use_costs: bool) -> list[list[int]]:
    """What each option adds to a plan's key (cost, steps, touched, positions), packed into
    one integer whose order is the tuple's: fields from the top, each wide enough never to
    carry into the next. Positions: among plans touching equally many indicators, the
    lexicographically first set is the one with the largest mask when position p has bit
    2^(n-1-p), so the key holds the bits not yet set (they only ever go down)."""
    n = len(options)
    costs = [[o.cost if use_costs else Fraction(0) for o in opts] for _, opts in options]
    scale = reduce(
        lambda a, b: a * b // math.gcd(a, b), [c.denominator for cs in costs for c in cs], 1
    )
    steps_bits = sum(len(opts) for _, opts in options).bit_length() + 1
    touched_bits = n.bit_length() + 1
    shift = n + touched_bits
    out = []
    for pos, cs in enumerate(costs):
        bit = 1 << (n - 1 - pos)
        row = []
        for k, c in enumerate(cs):
            top = (int(c * scale) << steps_bits) + k
            row.append((top << shift) + ((1 << n) - bit if k else 0))
        out.append(row)
    return out


def _frontier(states: dict[int, tuple[int, object]], floor: int) -> dict[int, tuple[int, object]]:
    """Keep only the states no other state beats: one with more gain and a key at least
    as good makes a state useless, because every later choice adds the same gain and the
    same key increments to both (all four key parts add up; the mask bits of later items
    never overlap earlier ones). This Pareto front is small, so the DP stays fast. States
    with less gain than `floor` cannot reach the need any more."""
    kept: dict[int, tuple[int, object]] = {}
    best_key: int | None = None
    for g in sorted(states, reverse=True):
        if g < floor:
            break
        key = states[g][0]
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
    use_costs = costs is not None
    choice, exact_choice = _solve(options, need_at - current, target_index - current, use_costs)
    if choice is None:
        result.reachable = False
        return result
    if max_steps is not None and sum(choice) > max_steps:
        result.reachable = False
        result.needed_steps = sum(choice)
        return result
    if basis == "rounded" and _gain(options, choice) + current < target_index:
        # Among equally good plans, prefer one that also meets the exact target.
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
        raise SpbeError(
            f"--target: {spec!r} is neither a predikat ({', '.join(names)}) nor an index"
        ) from None
    if not rubric.values.min <= value <= rubric.values.max:
        raise SpbeError(
            f"--target: {spec} is outside the index range {rubric.values.min}–{rubric.values.max}"
        )
    return value, None
