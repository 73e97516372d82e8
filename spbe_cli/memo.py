"""Results of a pure function of one cell value, remembered: a nation's workbooks repeat
the same few values (levels 1 to 5, indicator numbers 1 to 47) in every file."""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

T = TypeVar("T")

# Only values of exactly these types are remembered (hashable, and equal only when alike);
# a bool, a Decimal, a date or a subclass is computed every time, as it comes.
PLAIN_TYPES = (int, float, str)
MAX_TEXT = 40  # longer text is seldom repeated


class ValueMemo(Generic[T]):
    """`compute(value)`, remembered for up to `most` plain values. An exception (a value
    that is not valid) is raised again each time, never remembered."""

    __slots__ = ("_compute", "_most", "_known")

    def __init__(self, compute: Callable[[object], T], most: int) -> None:
        self._compute = compute
        self._most = most
        self._known: dict[tuple[type, object], T] = {}

    def __call__(self, value: object) -> T:
        kind = type(value)
        if kind not in PLAIN_TYPES:
            return self._compute(value)
        key = (kind, value)
        known = self._known
        if key in known:
            return known[key]
        result = self._compute(value)
        long_text = isinstance(value, str) and len(value) > MAX_TEXT
        if len(known) < self._most and not long_text:
            known[key] = result
        return result
