"""Exact numbers: parsing to Fraction, the one half-up rounding, and exact decimal text."""

from __future__ import annotations

import re
from decimal import Decimal
from fractions import Fraction
from functools import cache

from spbe_cli.errors import SpbeError, Words
from spbe_cli.i18n import msg


def round_text(value: Fraction, places: int) -> str:
    """Round half away from zero to `places` decimals (the official display rule), as text.

    Integer arithmetic on numerator and denominator: exact, and fast enough for a
    nation's worth of results. Not cached: hashing a Fraction (a modular inverse) costs
    several times what this does."""
    n, d = value.numerator, value.denominator
    whole, rest = divmod(abs(n) * 10**places, d)
    if 2 * rest >= d:
        whole += 1
    digits = str(whole).rjust(places + 1, "0")
    text = f"{digits[:-places]}.{digits[-places:]}" if places else digits
    return "-" + text if n < 0 and whole else text


def round_half_up(value: Fraction, places: int) -> Decimal:
    """`round_text` as a Decimal."""
    return Decimal(round_text(value, places))


def _places(value: Fraction) -> int | None:
    """Decimals needed to write the fraction exactly (denominator 2^a·5^b → max(a, b)), or
    None when its expansion does not terminate."""
    return _denominator_places(value.denominator)


@cache
def _denominator_places(d: int) -> int | None:
    counts = []
    for p in (2, 5):
        n = 0
        while d % p == 0:
            d //= p
            n += 1
        counts.append(n)
    return max(counts) if d == 1 else None


def terminates(value: Fraction) -> bool:
    """True when the fraction has a finite decimal expansion (denominator 2^a·5^b)."""
    return _places(value) is not None


def exact_text(value: Fraction, min_places: int = 2, repeating_places: int = 10) -> str:
    """The exact decimal as text; a non-terminating value gets `repeating_places` decimals."""
    places = _places(value)
    if places is None:
        return round_text(value, repeating_places)
    return round_text(value, max(places, min_places))


def fraction_from_float(value: float, max_denominator: int = 1000) -> Fraction:
    """What a spreadsheet number means, exactly.

    A typed number (`1.26`) has a short decimal form and is taken as that decimal. A
    computed one (the mean `=7/6` is stored as 1.166666666666667: spreadsheets keep 15 to
    17 significant digits) is the trace of a division: when it has 15 or more significant
    digits and lies within 1e-12 of a fraction with a denominator up to `max_denominator`,
    that fraction is the value (7/6). Anything else keeps its shortest decimal form.
    """
    if value.is_integer():
        return Fraction(int(value))
    shortest = Decimal(repr(value))
    digits = len(shortest.as_tuple().digits)
    if digits >= 15:
        simple = Fraction(value).limit_denominator(max_denominator)
        if simple and abs(Fraction(shortest) - simple) <= abs(simple) * Fraction(1, 10**12):
            return simple
    return Fraction(shortest)


def signed_text(value: Fraction, places: int = 2) -> str:
    """`round_text` with its sign always written: +0.01, -0.25, +0.00."""
    text = round_text(value, places)
    return text if text.startswith("-") else "+" + text


def level_text(value: Fraction, signed: bool = False) -> str:
    """A level for tables: whole levels as integers (3), others with 2 decimals (1.13)."""
    if value.denominator == 1:
        return f"{value.numerator:+d}" if signed else str(value.numerator)
    return signed_text(value) if signed else round_text(value, 2)


def weight_text(weight: Fraction) -> str:
    """A weight (%) in a report: 2 decimals when they say it all (12.50), else 4 (3.3333)."""
    return round_text(weight, 2 if 100 % weight.denominator == 0 else 4)


def percent_text(weight: Fraction) -> str:
    """A weight for tables: exact where it terminates, else 4 decimals (20/6 → 3.3333)."""
    if terminates(weight):
        return exact_text(weight, min_places=2)
    return str(round_half_up(weight, 4))


def exact_level(value: Fraction) -> str:
    """A level as exact text: `3`, `1.26`, or a ratio such as `7/6` when it does not end."""
    if value.denominator == 1:
        return str(value.numerator)
    places = _places(value)
    if places is None:
        return f"{value.numerator}/{value.denominator}"
    return round_text(value, places)


_DECIMAL = re.compile(r"[+-]?(?:\d+(?:[.,]\d*)?|[.,]\d+)")
MAX_DIGITS = 30  # far beyond any index, level, tolerance or cost; keeps arithmetic small


def parse_decimal(text: str, what: Words) -> Decimal:
    """A number typed by a person (command line, cost file): digits with `.` or `,` as the
    decimal mark, finite, at most MAX_DIGITS digits. Anything else (nan, inf, 1e999999999,
    1/0) is a usage error naming `what` (an option, or a file and its line)."""
    cleaned = text.strip()
    digits = sum(ch.isdigit() for ch in cleaned)
    if not _DECIMAL.fullmatch(cleaned) or digits > MAX_DIGITS:
        raise SpbeError(msg("model.number.bad", what=what, text=repr(text)))
    return Decimal(cleaned.replace(",", "."))
