"""Exact numbers: parsing to Fraction, the one half-up rounding, and exact decimal text."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

Number = Fraction


def round_half_up(value: Fraction, places: int) -> Decimal:
    """Round half away from zero to `places` decimals (the official display rule)."""
    scale = 10**places
    scaled = abs(value) * scale
    whole = int(scaled)
    if scaled - whole >= Fraction(1, 2):
        whole += 1
    sign = "-" if value < 0 and whole else ""
    text = f"{sign}{whole // scale}.{whole % scale:0{places}d}" if places else f"{sign}{whole}"
    return Decimal(text)


def terminates(value: Fraction) -> bool:
    """True when the fraction has a finite decimal expansion (denominator 2^a·5^b)."""
    d = value.denominator
    for p in (2, 5):
        while d % p == 0:
            d //= p
    return d == 1


def exact_text(value: Fraction, min_places: int = 2, repeating_places: int = 10) -> str:
    """The exact decimal as text; a non-terminating value gets `repeating_places` decimals."""
    if terminates(value):
        places = min_places
        while (value * 10**places).denominator != 1:
            places += 1
        return str(round_half_up(value, places))
    return str(round_half_up(value, repeating_places))


def to_fraction(value: Decimal | int | str | Fraction) -> Fraction:
    """Exact conversion; strings may be decimals (`1.25`, `1,25`) or ratios (`7/6`)."""
    if isinstance(value, Fraction):
        return value
    if isinstance(value, str):
        return Fraction(value.strip().replace(",", "."))
    return Fraction(value)


def fraction_from_float(value: float, max_denominator: int = 1000) -> Fraction:
    """What a spreadsheet number means, exactly.

    A typed number (`1.26`) has a short decimal form and is taken as that decimal. A
    computed one (the mean `=7/6` is stored as 1.166666666666667: spreadsheets keep 15 to
    17 significant digits) is the trace of a division: when it has 15 or more significant
    digits and lies within 1e-12 of a fraction with a denominator up to `max_denominator`,
    that fraction is the value (7/6). Anything else keeps its shortest decimal form.
    """
    shortest = Decimal(repr(value))
    digits = len(shortest.as_tuple().digits)
    if digits >= 15:
        simple = Fraction(value).limit_denominator(max_denominator)
        if simple and abs(Fraction(shortest) - simple) <= abs(simple) * Fraction(1, 10**12):
            return simple
    return Fraction(shortest)


def fmt(value: Fraction | Decimal, places: int = 2) -> str:
    """Display text, rounded half-up once."""
    if isinstance(value, Decimal):
        value = Fraction(value)
    return str(round_half_up(value, places))


def percent_text(weight: Fraction) -> str:
    """A weight for tables: exact where it terminates, else 4 decimals (20/6 → 3.3333)."""
    if terminates(weight):
        return exact_text(weight, min_places=2)
    return str(round_half_up(weight, 4))
