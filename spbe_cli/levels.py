"""Read a level as people type it (`3`, `"3"`, `Tingkat 3`, `3 - Terdefinisi`, `1,25`, `7/6`)."""

from __future__ import annotations

import datetime as dt
import math
import re
from decimal import Decimal
from fractions import Fraction
from functools import partial

from spbe_cli.i18n import Msg, msg
from spbe_cli.memo import ValueMemo
from spbe_cli.numbers import fraction_from_float, round_half_up
from spbe_cli.readers.raw import HiddenCell
from spbe_cli.rubric import Scale, ValueSpec
from spbe_cli.text import norm

_NUMBER = r"[+-]?\d+(?:[.,]\d+)?(?:\s*/\s*\d+)?"
# `3`, `Tingkat 3`, `3 - Terdefinisi`, `3. Terdefinisi`, `3 Terdefinisi`: a name must start
# with a letter, so `1.234,5` is not read as level 1 named "234,5".
_LEVEL = re.compile(
    rf"^(?:(?:level|tingkat|lvl|tk)\.?\s*)?(?P<num>{_NUMBER})"
    r"(?:\s*[-–—:.)]?\s*(?P<name>[^\W\d_].*))?\s*[-–—:.)]?$",
    re.IGNORECASE,
)


MAX_LEVEL_TEXT = 80  # "3 - Terpadu dan Terukur" is 23; longer text is not a level


def _plausible(value: int | Decimal) -> bool:
    """Small enough to be worth exact arithmetic (1e999999 would cost minutes)."""
    if isinstance(value, Decimal):
        return value.is_zero() or (-7 < value.adjusted() < 7 and len(value.as_tuple().digits) < 40)
    return abs(value) < 10**7


def _short(value: object) -> str:
    text = str(value)
    return text if len(text) <= 20 else text[:17] + "..."


class LevelProblem(ValueError):
    """Why a cell is not a valid level (message without location), and advice if any."""

    def __init__(self, message: Msg, hint: Msg | None = None) -> None:
        super().__init__(message.text("en"))
        self.message = message
        self.hint = hint

    def located(self, item: str) -> Msg:
        """`level 7 is outside 1–5 for indicator 12; <hint>`."""
        said = msg("input.level.for_indicator", problem=self.message, item=item)
        return msg("input.level.hint", problem=said, hint=self.hint) if self.hint else said


def range_text(spec: ValueSpec) -> str:
    if spec.type == "integer":
        return f"{int(spec.min)}–{int(spec.max)}"
    return f"{spec.min}–{spec.max}"


def _number(text: str) -> Fraction:
    text = text.replace(" ", "").replace(",", ".")
    if len(text) > 30:
        raise LevelProblem(msg("input.level.too_long", text=repr(text[:20])))
    try:
        value = Fraction(text)
    except (ValueError, ZeroDivisionError):
        raise LevelProblem(msg("input.level.not_number", text=repr(text))) from None
    return value


def _show(value: Fraction) -> str:
    if abs(value) >= 10**6:
        return f"{float(value):.3g}"
    if value.denominator == 1:
        return str(value.numerator)
    if (value * 10**6).denominator == 1:
        return str(Decimal(value.numerator) / Decimal(value.denominator))
    return f"{value.numerator}/{value.denominator} (≈{round_half_up(value, 4)})"


MAX_KNOWN = 2_000  # remembered values per reader; a nation's files need a few dozen
MAX_READERS = 64  # scales and value specs with a reader kept (a rubric has one or two)


LevelReader = ValueMemo[Fraction | None]
_READERS: dict[tuple[object, object], LevelReader] = {}


def level_reader(scale: Scale, spec: ValueSpec) -> LevelReader:
    """`parse_level` for one scale and value spec, shared by the rubrics that have the same
    ones. Valid answers repeat endlessly (3.0, "3", "Tingkat 3"): each is read once."""
    key = (scale.cache_key, spec.cache_key)
    reader = _READERS.get(key)
    if reader is None:
        reader = ValueMemo(partial(_parse_level, scale=scale, spec=spec), MAX_KNOWN)
        if len(_READERS) < MAX_READERS:
            _READERS[key] = reader
    return reader


def parse_level(raw: object, scale: Scale, spec: ValueSpec) -> Fraction | None:
    """The level a cell holds, None for an empty cell; LevelProblem says what is wrong."""
    return level_reader(scale, spec)(raw)


def _parse_level(raw: object, scale: Scale, spec: ValueSpec) -> Fraction | None:
    if raw is None or isinstance(raw, bool):
        if raw is None:
            return None
        raise LevelProblem(msg("input.level.not_level", text=repr(raw)))
    if isinstance(raw, HiddenCell):
        if raw.kind == "error":
            raise LevelProblem(msg("input.level.spreadsheet_error", error=raw.text))
        raise LevelProblem(
            msg("input.level.formula", formula=raw.text), msg("input.level.formula_hint")
        )
    if isinstance(raw, dt.date | dt.datetime | dt.time | dt.timedelta):
        raise LevelProblem(msg("input.level.date", date=str(raw)), msg("input.level.date_hint"))
    if isinstance(raw, float):
        if not math.isfinite(raw):
            raise LevelProblem(msg("input.level.not_finite"))
        if abs(raw) > 1e6:
            raise LevelProblem(msg("input.level.far", value=f"{raw:.3g}", range=range_text(spec)))
        value = fraction_from_float(raw)
    elif isinstance(raw, int | Decimal):
        if isinstance(raw, Decimal) and not raw.is_finite():
            raise LevelProblem(msg("input.level.not_finite"))
        if not _plausible(raw):
            raise LevelProblem(msg("input.level.far", value=_short(raw), range=range_text(spec)))
        value = Fraction(raw)
    elif isinstance(raw, str):
        text = raw.replace("\u00a0", " ").strip()
        if not text:
            return None
        if len(text) > MAX_LEVEL_TEXT:
            said = msg("input.level.long_text", text=repr(text[:20]), chars=f"{len(text):,}")
            raise LevelProblem(said)
        if text.startswith("#") and text.endswith(("!", "?", "A")):
            raise LevelProblem(msg("input.level.spreadsheet_error", error=text))
        value = _from_text(text, scale)
    else:
        raise LevelProblem(msg("input.level.type", type=type(raw).__name__))
    lo, hi = Fraction(spec.min), Fraction(spec.max)
    if not lo <= value <= hi:
        raise LevelProblem(msg("input.level.outside", level=_show(value), range=range_text(spec)))
    if spec.type == "integer" and value.denominator != 1:
        raise LevelProblem(msg("input.level.not_whole", level=_show(value), range=range_text(spec)))
    return value


def _from_text(text: str, scale: Scale) -> Fraction:
    m = _LEVEL.match(text)
    if m:
        value = _number(m["num"])
        name = (m["name"] or "").strip()
        if name and value.denominator == 1:
            expected = scale.levels.get(int(value))
            if expected is not None and norm(name) != norm(expected):
                raise LevelProblem(
                    msg(
                        "input.level.misnamed",
                        level=str(value),
                        name=repr(expected),
                        typed=repr(name),
                    )
                )
        return value
    by_name = {norm(n): lvl for lvl, n in scale.levels.items()}
    if norm(text) in by_name:
        return Fraction(by_name[norm(text)])
    names = ", ".join(f"{k} {v}" for k, v in sorted(scale.levels.items()))
    shown = text if len(text) <= 40 else text[:37] + "..."
    raise LevelProblem(msg("input.level.unknown_text", text=repr(shown), names=names))


def level_name(value: Fraction, scale: Scale) -> str:
    """Name of the whole level reached (a decimal 2.4 has reached level 2)."""
    return scale.levels.get(value.numerator // value.denominator, "")  # floor, without __floor__
