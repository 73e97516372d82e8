"""Effort per indicator for `spbe plan --costs`: YAML/JSON or CSV.

YAML: a mapping (optionally under `costs:`) from indicator to an effort per step, or to a
mapping from target level to the effort of the step that reaches it:

    costs:
      "12": 3          # every step of indicator 12 costs 3
      "32": {3: 2, 4: 8}

CSV: columns `indikator`, `biaya` and optionally `tingkat` (the level a step reaches), or
`indicator`, `cost`, `level`; separated by commas, semicolons or tabs.
Indicators not listed cost 1 per step."""

from __future__ import annotations

import csv
import io
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

from spbe_cli import yamlfile
from spbe_cli.errors import Collector, InputError, Problem, SpbeError, Words
from spbe_cli.i18n import msg
from spbe_cli.numbers import parse_decimal
from spbe_cli.readers import read_bytes
from spbe_cli.rubric import Rubric, bounded_decimal
from spbe_cli.safetext import printable

MAX_COST = Decimal(10**9)  # effort of one step, in whatever unit the costs file uses


def _cost(value: Any, where: Words, out: Collector) -> Fraction | None:
    number = None
    if not isinstance(value, bool) and value is not None:
        try:
            number = parse_decimal(str(value), "cost")
        except SpbeError:
            pass
    if number is None:
        out.add(where, msg("input.costs.not_number", cost=printable(str(value))[:40]))
        return None
    if number < 0:
        out.add(where, msg("input.costs.negative", cost=str(value)))
        return None
    why = bounded_decimal(number, Decimal(0), MAX_COST)
    if why:
        out.add(where, msg("input.costs.bounds", why=why))
        return None
    return Fraction(number)


# Header names of a costs CSV, Indonesian or English, compared case-insensitively.
CSV_COLUMNS = {
    "indicator": ("indikator", "indicator", "no"),
    "cost": ("biaya", "cost", "upaya", "effort"),
    "level": ("tingkat", "level"),
}


def _columns(header: list[str]) -> dict[str, int]:
    """Column positions by meaning, from a header row in either language."""
    names = [h.strip().casefold() for h in header]
    cols: dict[str, int] = {}
    for key, aliases in CSV_COLUMNS.items():
        found = [names.index(a) for a in aliases if a in names]
        if found:
            cols[key] = found[0]
    return cols


def read_costs(path: Path, rubric: Rubric) -> dict[str, dict[int, Fraction]]:
    name = str(path)
    text = read_bytes(path, 2_000_000).decode("utf-8-sig", errors="replace")
    out = Collector(name)
    ids = {i.id for i in rubric.indicators}
    top = int(rubric.values.max)
    costs: dict[str, dict[int, Fraction]] = {}

    def put(ind: Any, level: Any, value: Any, where: Words) -> None:
        key = str(ind).strip()
        if key not in ids:
            out.add(where, msg("input.costs.unknown", item=repr(key), rubric=rubric.id))
            return
        lv = 0
        if level not in (None, ""):
            try:
                lv = int(str(level).strip())
            except ValueError:
                out.add(where, msg("input.costs.level_not_whole", level=repr(level)))
                return
            if not 1 <= lv <= top:
                out.add(where, msg("input.costs.level_outside", level=lv, top=top))
                return
        cost = _cost(value, where, out)
        if cost is not None:
            costs.setdefault(key, {})[lv] = cost

    if path.suffix.lower() == ".csv":
        first = text.split("\n", 1)[0]
        delimiter = max(",;\t", key=first.count)  # as spreadsheets export it, by locale
        reader = csv.reader(io.StringIO(text), delimiter=delimiter)
        header = next(reader, [])
        cols = _columns(header)
        if "indicator" not in cols or "cost" not in cols:
            line1 = msg("input.where.line", line=1)
            raise InputError([Problem(name, line1, msg("input.costs.columns"))])
        for n, row in enumerate(reader, start=2):
            if not any(cell.strip() for cell in row):
                continue
            cell = dict(
                zip(cols, (row[c] if c < len(row) else "" for c in cols.values()), strict=True)
            )
            put(cell["indicator"], cell.get("level"), cell["cost"], msg("input.where.line", line=n))
    else:
        try:
            data, node = yamlfile.load(text)
        except yamlfile.YamlProblem as e:
            where = msg("input.where.line", line=e.line) if e.line else ""
            raise InputError([Problem(name, where, e.message)]) from None
        if isinstance(data, dict) and set(data) == {"costs"}:
            data = data["costs"]
            prefix: tuple[str, ...] = ("costs",)
        else:
            prefix = ()
        if not isinstance(data, dict):
            raise InputError([Problem(name, "", msg("input.costs.not_mapping"))])
        for ind, value in data.items():
            at = msg("input.where.line", line=yamlfile.locate(node, [*prefix, str(ind)]))
            if isinstance(value, dict):
                for lv, v in value.items():
                    put(ind, lv, v, at)
            else:
                put(ind, None, value, at)
    out.raise_if_any()
    return costs
