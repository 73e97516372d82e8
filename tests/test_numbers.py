"""Half-up rounding and exact text: the official display rule, never float round()."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest

from spbe_cli.numbers import exact_text, fraction_from_float, round_half_up


@pytest.mark.parametrize(
    ("exact", "shown"),
    [
        ("4.515", "4.52"),
        ("4.485", "4.49"),
        ("1.165", "1.17"),
        ("4.745", "4.75"),
        ("2.5985", "2.60"),
        ("1.7975", "1.80"),
        ("3.282", "3.28"),
        ("1", "1.00"),
        ("5", "5.00"),
    ],
)
def test_half_up_where_binary_floats_fail(exact: str, shown: str) -> None:
    assert round_half_up(Fraction(exact), 2) == Decimal(shown)
    assert str(round_half_up(Fraction(exact), 2)) == shown


def test_float_round_really_is_wrong_here() -> None:
    # The reason for Fraction: round() on binary floats gives 4.515 → 4.51 and 2.675 → 2.67.
    assert round(4.515, 2) == 4.51 and round(2.675, 2) == 2.67
    assert str(round_half_up(Fraction("2.675"), 2)) == "2.68"


def test_exact_text() -> None:
    assert exact_text(Fraction("2.6275")) == "2.6275"
    assert exact_text(Fraction(3)) == "3.00"
    assert exact_text(Fraction(20, 6)) == "3.3333333333"
    assert exact_text(Fraction(7, 6)) == "1.1666666667"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (1.26, Fraction("1.26")),
        (3.0, Fraction(3)),
        (1.166666666666667, Fraction(7, 6)),
        (1.1666666666666667, Fraction(7, 6)),
        (1.3333, Fraction("1.3333")),
        (2.123456789, Fraction("2.123456789")),
    ],
)
def test_spreadsheet_numbers(value: float, expected: Fraction) -> None:
    assert fraction_from_float(value) == expected
