"""Gates for CI: minimum index, predikat, domain or aspect index; every miss with its gap."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from spbe_cli.errors import SpbeError
from spbe_cli.rubric import PREDIKAT_ORDER


@dataclass(frozen=True)
class Gates:
    fail_under: Decimal | None = None
    min_predikat: str | None = None
    min_parts: tuple[tuple[str, Decimal], ...] = ()

    @property
    def active(self) -> bool:
        return self.fail_under is not None or self.min_predikat is not None or bool(self.min_parts)


def parse(fail_under: str | None, min_predikat: str | None, min_parts: list[str]) -> Gates:
    """Command-line gate options → Gates; a bad value is a usage error naming the option."""
    under = None
    if fail_under is not None:
        try:
            under = Decimal(fail_under.replace(",", "."))
        except InvalidOperation:
            raise SpbeError(f"--fail-under: {fail_under!r} is not a number") from None
    predikat = None
    if min_predikat is not None:
        by_norm = {p.casefold().replace(" ", ""): p for p in PREDIKAT_ORDER}
        predikat = by_norm.get(min_predikat.casefold().replace(" ", ""))
        if predikat is None:
            raise SpbeError(
                f"--min-predikat: {min_predikat!r} is not one of {', '.join(PREDIKAT_ORDER)}"
            )
    parts = []
    for spec in min_parts:
        m = re.fullmatch(r"\s*([A-Za-z][A-Za-z0-9]*)\s*=\s*([0-9]+(?:[.,][0-9]+)?)\s*", spec)
        if not m:
            raise SpbeError(f"--min-domain: {spec!r} is not ID=VALUE (for example D3=2.0 or A5=2)")
        parts.append((m[1].upper(), Decimal(m[2].replace(",", "."))))
    return Gates(under, predikat, tuple(parts))


def check(result: dict[str, Any], gates: Gates) -> list[str]:
    """The gates a result misses, each with by how much; compared on displayed values."""
    misses = []
    index = Decimal(str(result["index"]))
    if gates.fail_under is not None and index < gates.fail_under:
        misses.append(
            f"index {index:.2f} < {gates.fail_under} (short by {gates.fail_under - index:.2f})"
        )
    if gates.min_predikat is not None:
        have = result["predikat"]
        if have in PREDIKAT_ORDER and PREDIKAT_ORDER.index(have) < PREDIKAT_ORDER.index(
            gates.min_predikat
        ):
            misses.append(f"predikat {have} is below {gates.min_predikat}")
    values = {d["id"]: d for d in result["domains"]} | {a["id"]: a for a in result["aspects"]}
    for part, minimum in gates.min_parts:
        if part not in values:
            misses.append(f"{part} does not exist in rubric {result['rubric']['id']}")
            continue
        got = Decimal(str(values[part]["index"]))
        if got < minimum:
            misses.append(f"{part} {got:.2f} < {minimum} (short by {minimum - got:.2f})")
    return misses
