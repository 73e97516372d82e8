"""The memo of cell values: remembered results are the computed ones, for alike values only."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest

from spbe_cli.levels import LevelProblem, level_reader
from spbe_cli.memo import ValueMemo
from spbe_cli.rubric import load_builtin


def counting(compute_calls: list[object]) -> ValueMemo[str]:
    def compute(value: object) -> str:
        compute_calls.append(value)
        if value == "bad":
            raise ValueError("bad")
        return f"{type(value).__name__}:{value}"

    return ValueMemo(compute, most=3)


def test_values_that_compare_equal_but_differ_in_type_are_not_mixed_up() -> None:
    calls: list[object] = []
    memo = counting(calls)
    assert [memo(v) for v in (1, 1.0, True, Decimal(1), 1)] == [
        "int:1",
        "float:1.0",
        "bool:True",
        "Decimal:1",
        "int:1",
    ]
    assert calls == [1, 1.0, True, Decimal(1)]  # the second 1 was remembered


def test_an_error_is_raised_every_time_and_never_remembered() -> None:
    calls: list[object] = []
    memo = counting(calls)
    for _ in range(2):
        with pytest.raises(ValueError):
            memo("bad")
    assert calls == ["bad", "bad"]


def test_at_most_the_given_number_and_no_long_text_is_kept() -> None:
    calls: list[object] = []
    memo = counting(calls)
    long = "x" * 41
    for v in ("a", long, "b", "c", "d", "a", long, "d"):
        memo(v)
    assert calls == ["a", long, "b", "c", "d", long, "d"]  # a, b, c kept; d and long not


def test_a_remembered_level_is_the_same_as_a_fresh_reading() -> None:
    rubric = load_builtin("permenpanrb-59-2020").rubric
    read = level_reader(rubric.scales[0], rubric.values)
    for raw in (3, 3.0, "3", "Tingkat 3", " 4 ", "", None):
        first, again = read(raw), read(raw)
        assert first == again
        assert first is None or isinstance(first, Fraction)
    assert read(3) == Fraction(3)
    for bad in (True, 7, "7", 2.5, "Tingkat 9"):
        for _ in range(2):  # an invalid value is refused each time, never remembered
            with pytest.raises(LevelProblem):
                read(bad)
