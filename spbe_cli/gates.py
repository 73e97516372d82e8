"""Gates for CI, all in one place: score gates (minimum index, predikat, domain or aspect
index) and regression gates (a fall of the index or of the predikat between two years).

Every miss says by how much. Values are compared as displayed (half-up to the rubric's
decimals, by `numbers.round_text`); predikat by position in the rubric's band list."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING

from spbe_cli.errors import SpbeError
from spbe_cli.i18n import Lang, msg, t
from spbe_cli.numbers import parse_decimal, round_text, signed_text
from spbe_cli.result import Headline

if TYPE_CHECKING:  # import cost: a cold `spbe score` checks gates but never diffs
    from spbe_cli.diff import Diff


@dataclass(frozen=True)
class Gates:
    fail_under: Decimal | None = None
    min_predikat: str | None = None  # as typed; matched against each result's bands
    min_parts: tuple[tuple[str, Decimal], ...] = ()

    @property
    def active(self) -> bool:
        return self.fail_under is not None or self.min_predikat is not None or bool(self.min_parts)


_PART = re.compile(r"\s*([A-Za-z][A-Za-z0-9]*)\s*=\s*(\S+)\s*")


def parse(fail_under: Decimal | None, min_predikat: str | None, min_parts: list[str]) -> Gates:
    """Command-line gate options → Gates; a bad value is a usage error naming the option."""
    parts = []
    for spec in min_parts:
        m = _PART.fullmatch(spec)
        if not m:
            raise SpbeError(msg("model.gate.part_syntax", spec=repr(spec)))
        parts.append((m[1].upper(), parse_decimal(m[2], "--min-domain")))
    return Gates(fail_under, min_predikat, tuple(parts))


def _norm(name: str) -> str:
    return name.casefold().replace(" ", "")


def predikat_in(bands: tuple[str, ...], typed: str) -> int | None:
    """The position of a typed predikat name (case and spaces ignored) in a band list."""
    by_norm = {_norm(b): i for i, b in enumerate(bands)}
    return by_norm.get(_norm(typed))


def check_predikat_name(typed: str | None, band_lists: list[tuple[str, ...]]) -> None:
    """--min-predikat must name a band of a rubric in play (the one given, else the
    built-in ones), checked before anything is scored."""
    if typed is None or any(predikat_in(bands, typed) is not None for bands in band_lists):
        return
    names = list(dict.fromkeys(b for bands in band_lists for b in bands))
    raise SpbeError(msg("model.gate.no_predikat", typed=repr(typed), names=", ".join(names)))


def check_part_ids(gates: Gates, id_lists: list[tuple[str, ...]]) -> None:
    """--min-domain must name a domain or aspect of a rubric in play (the one given, else
    the built-in ones), checked before anything is scored: a typo is a usage error."""
    known = sorted({i for ids in id_lists for i in ids}, key=lambda i: (i[0] != "D", len(i), i))
    for part, _minimum in gates.min_parts:
        if part not in known:
            raise SpbeError(msg("model.gate.no_part", part=part, known=", ".join(known)))


def check(h: Headline, gates: Gates, lang: Lang) -> list[str]:
    """The score gates a result misses, each with by how much, in `lang`."""
    misses = []
    shown = Fraction(round_text(h.index, h.places))
    index = round_text(h.index, h.places)
    if gates.fail_under is not None and shown < gates.fail_under:
        short = round_text(Fraction(gates.fail_under) - shown, h.places)
        misses.append(t(lang, "model.gate.index", index=index, want=gates.fail_under, short=short))
    if gates.min_predikat is not None:
        want = predikat_in(h.bands, gates.min_predikat)
        have = predikat_in(h.bands, h.predikat)
        if want is None:
            misses.append(
                t(lang, "model.gate.not_band", typed=gates.min_predikat, rubric=h.rubric_id)
            )
        elif have is not None and have < want:
            misses.append(t(lang, "model.gate.predikat", have=h.predikat, want=h.bands[want]))
    values = dict(h.domains) | dict(h.aspects)
    for part, minimum in gates.min_parts:
        if part not in values:
            misses.append(t(lang, "model.gate.part_missing", part=part, rubric=h.rubric_id))
            continue
        got = Fraction(round_text(values[part], h.places))
        if got < minimum:
            short = round_text(Fraction(minimum) - got, h.places)
            got_text = round_text(got, h.places)
            misses.append(
                t(lang, "model.gate.part", part=part, got=got_text, want=minimum, short=short)
            )
    return misses


def drop_misses(
    d: Diff, fail_on_drop: Decimal | None, predikat_drop: bool, lang: Lang
) -> list[str]:
    """Regression gates on the Δ a reader sees (the exact Δ, rounded once), in `lang`."""
    misses = []
    places = d.new.places
    shown = Fraction(round_text(d.delta, places))
    if fail_on_drop is not None and -shown > fail_on_drop:
        old, new = round_text(d.old.index, places), round_text(d.new.index, places)
        delta = signed_text(d.delta, places)
        misses.append(
            t(lang, "model.gate.fell", old=old, new=new, delta=delta, tolerance=fail_on_drop)
        )
    if predikat_drop and d.predikat_move is not None and d.predikat_move < 0:
        misses.append(t(lang, "model.gate.predikat_fell", old=d.old.predikat, new=d.new.predikat))
    return misses
