"""The exact search behind `spbe plan`, in whole numbers only.

A problem is a list of items (indicators); item i offers options k = 0, 1, …, K_i (raise it
k steps), each with a cumulative gain in integer units and a cumulative key: a packed
integer whose order is the order of plans (planning.py packs cost, steps and the
tie-breaks into it). Gains and keys add up over items, and an item's key grows with k
(every step adds a positive amount). Both searches are dynamic programmes over the items,
exact for that order: nothing here is a heuristic that could miss the best plan.

`best` finds the plan with the least key whose gain reaches `low`, and the one reaching
`high` (≥ low), in one pass. `best_within` does the same among plans of at most N steps, and
when none reaches `low`, finds the plan with the most gain (then the least key)."""

from __future__ import annotations

import heapq
from dataclasses import dataclass
from itertools import accumulate

Chain = tuple["Chain", int] | None  # the options chosen so far, newest last, as a linked list


@dataclass(frozen=True)
class Problem:
    gains: list[list[int]]  # per item: cumulative gain units of options 0..K (gains[i][0] == 0)
    keys: list[list[int]]  # per item: cumulative key of options 0..K (keys[i][0] == 0)

    def total(self, choice: list[int]) -> tuple[int, int]:
        """The gain and the key of a choice (steps per item, in item order)."""
        gain = sum(g[k] for g, k in zip(self.gains, choice, strict=True))
        return gain, sum(ks[k] for ks, k in zip(self.keys, choice, strict=True))


def best(p: Problem, low: int, high: int) -> tuple[list[int] | None, list[int] | None]:
    """The least-key choice with gain ≥ low, and the least-key one with gain ≥ high.

    The state after some items is the gain so far, capped at `high`; for each, only the
    least key is kept, and of states only the Pareto front (more gain, or a smaller key): a
    state with less gain and no better key can only ever lead to plans no better than the
    other's. Items are taken largest step first so that a bound prunes early: a state is
    dropped when the remaining items cannot bring it to `low` in as many steps as the key
    of a complete plan found greedily still allows (that key, less the state's, divided by
    the least any remaining step adds to a key)."""
    n = len(p.gains)
    if low <= 0:
        return [0] * n, [0] * n if high <= 0 else None
    order = sorted(range(n), key=lambda i: -_largest_step(p.gains[i]))
    gains = [p.gains[i] for i in order]
    keys = [p.keys[i] for i in order]
    most = _most_gain(gains)
    total = most[0][-1]
    if total < low:
        return None, None
    bound = _greedy_key(gains, keys, high if total >= high else low)
    least = _least_increment(keys)
    states: dict[int, tuple[int, Chain]] = {0: (0, None)}
    for pos, (us, ks) in enumerate(zip(gains, keys, strict=True)):
        after = most[pos + 1]  # after[t]: the most gain t more steps can add
        last, least_step = len(after) - 1, least[pos + 1]
        nxt: dict[int, tuple[int, Chain]] = {}
        for g, (key, chain) in states.items():
            room = bound - key
            for k, unit in enumerate(us):
                step = ks[k]
                if step > room:
                    break  # keys grow with k
                ng = g + unit
                if ng >= low:
                    if ng > high:
                        ng = high
                else:
                    # dropped when it cannot reach `low` within the steps the bound leaves
                    steps_left = (room - step) // least_step
                    if low - ng > after[steps_left if steps_left < last else last]:
                        continue
                nk = key + step
                old = nxt.get(ng)
                if old is None or nk < old[0]:
                    nxt[ng] = (nk, (chain, k))
        states = _front(nxt)
    reached = [g for g in states if g >= low]
    if not reached:
        return None, None
    first = min(reached, key=lambda g: (states[g][0], -g))
    top = states.get(high)
    return (
        _unchain(states[first][1], order),
        None if top is None else _unchain(top[1], order),
    )


def best_within(
    p: Problem, low: int, high: int, max_steps: int
) -> tuple[list[int], bool, list[int] | None]:
    """Among choices of at most `max_steps` steps: the least-key one reaching `low` (and
    True), or else the one with the most gain, then the least key (and False); and the
    least-key one reaching `high`, if any. The state is (gain capped at `high`, steps);
    one state makes another useless when it has at least the gain, at most the steps and
    at most the key."""
    n = len(p.gains)
    states: dict[tuple[int, int], tuple[int, Chain]] = {(0, 0): (0, None)}
    for us, ks in zip(p.gains, p.keys, strict=True):
        nxt: dict[tuple[int, int], tuple[int, Chain]] = {}
        for (g, s), (key, chain) in states.items():
            for k, unit in enumerate(us):
                if s + k > max_steps:
                    break
                nk, state = key + ks[k], (min(g + unit, high), s + k)
                old = nxt.get(state)
                if old is None or nk < old[0]:
                    nxt[state] = (nk, (chain, k))
        states = _front_steps(nxt, max_steps)
    order = list(range(n))
    top = [v for (g, _), v in states.items() if g >= high]
    high_choice = _unchain(min(top, key=lambda v: v[0])[1], order) if top else None
    reached = [v for (g, _), v in states.items() if g >= low]
    if reached:
        return _unchain(min(reached, key=lambda v: v[0])[1], order), True, high_choice
    (_, _), (_, chain) = min(states.items(), key=lambda kv: (-kv[0][0], kv[1][0]))
    return _unchain(chain, order), False, high_choice


def _largest_step(us: list[int]) -> int:
    return max((b - a for a, b in zip(us, us[1:], strict=False)), default=0)


def _most_gain(gains: list[list[int]]) -> list[list[int]]:
    """For each position, the most gain t steps of the items from there on can add, for
    t = 0, 1, …: the t largest single steps, as if any step could be taken alone (so a
    bound: the fewest steps that can add L is at least the first t reaching L)."""
    most: list[list[int]] = [[0]]
    steps: list[int] = []
    for us in reversed(gains):
        steps = sorted(steps + [b - a for a, b in zip(us, us[1:], strict=False)], reverse=True)
        most.append(list(accumulate(steps, initial=0)))
    return most[::-1]


def _least_increment(keys: list[list[int]]) -> list[int]:
    """For each position, the least any one step of the items from there on adds to a key
    (1 where no step is left, to divide by)."""
    n = len(keys)
    least = [0] * (n + 1)  # 0: no step yet
    for pos in range(n - 1, -1, -1):
        ks = keys[pos]
        steps = [b - a for a, b in zip(ks, ks[1:], strict=False)]
        if least[pos + 1]:
            steps.append(least[pos + 1])
        least[pos] = min(steps, default=0)
    return [x or 1 for x in least]


def _greedy_key(gains: list[list[int]], keys: list[list[int]], need: int) -> int:
    """The key of one plan reaching `need`: the largest next step first (the smallest key
    increment among equal ones). An upper bound on the best plan's key, to prune with."""
    taken = [0] * len(gains)
    heap = [
        (-(us[1] - us[0]), ks[1], pos)
        for pos, (us, ks) in enumerate(zip(gains, keys, strict=True))
        if len(us) > 1
    ]
    heapq.heapify(heap)
    gain = 0
    while gain < need and heap:
        step, _, pos = heapq.heappop(heap)
        gain -= step
        taken[pos] += 1
        us, ks, k = gains[pos], keys[pos], taken[pos]
        if k + 1 < len(us):
            heapq.heappush(heap, (-(us[k + 1] - us[k]), ks[k + 1] - ks[k], pos))
    return sum(ks[k] for ks, k in zip(keys, taken, strict=True))


def _front(states: dict[int, tuple[int, Chain]]) -> dict[int, tuple[int, Chain]]:
    """The states no other beats: one with more gain and a key at least as good makes a
    state useless, since every later choice adds the same gain and key to both."""
    kept: dict[int, tuple[int, Chain]] = {}
    best_key: int | None = None
    for g in sorted(states, reverse=True):
        key = states[g][0]
        if best_key is None or key < best_key:
            kept[g] = states[g]
            best_key = key
    return kept


def _front_steps(
    states: dict[tuple[int, int], tuple[int, Chain]], max_steps: int
) -> dict[tuple[int, int], tuple[int, Chain]]:
    """As `_front`, with steps as a third dimension (fewer is better)."""
    kept: dict[tuple[int, int], tuple[int, Chain]] = {}
    # per step count: the least key so far (of a state with at least this gain)
    least: list[int | None] = [None] * (max_steps + 1)
    for g, s in sorted(states, key=lambda gs: (-gs[0], gs[1])):
        key = states[(g, s)][0]
        if any(k is not None and k <= key for k in least[: s + 1]):
            continue
        kept[(g, s)] = states[(g, s)]
        least[s] = key
    return kept


def _unchain(chain: Chain, order: list[int]) -> list[int]:
    """The steps per item, in item order, of a chain built in `order`."""
    taken: list[int] = []
    while chain is not None:
        chain, k = chain
        taken.append(k)
    choice = [0] * len(order)
    for item, k in zip(order, reversed(taken), strict=True):
        choice[item] = k
    return choice
