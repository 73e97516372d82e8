"""Identity block and answer table from a grid of cells (a sheet, or a CSV file)."""

from __future__ import annotations

from collections.abc import Sequence

from spbe_cli.errors import Collector
from spbe_cli.i18n import Msg, msg
from spbe_cli.readers.raw import COLUMNS, IDENTITY_KEYS, REQUIRED_COLUMNS, Cell, RawRow, SheetCell
from spbe_cli.text import address, norm

HEADER_SEARCH_ROWS = 30

_KEY_ALIASES = {norm(a): k for k, names in IDENTITY_KEYS.items() for a in names}
_COLUMN_ALIASES = {norm(a): k for k, names in COLUMNS.items() for a in names}


def _text(value: object) -> str | None:
    return value.strip() if isinstance(value, str) and value.strip() else None


def is_blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _all_blank(row: Sequence[object], columns: list[int]) -> bool:
    for c in columns:  # a loop, not all(...): an answer row ends it at its first cell
        if not is_blank(row[c]):
            return False
    return True


def find_header(grid: Sequence[Sequence[object]]) -> tuple[int, dict[str, int]] | None:
    """The first row (within the first rows) that names the required columns."""
    for r, row in enumerate(grid[:HEADER_SEARCH_ROWS]):
        cols: dict[str, int] = {}
        for c, value in enumerate(row):
            t = _text(value)
            if t is not None and norm(t) in _COLUMN_ALIASES:
                cols.setdefault(_COLUMN_ALIASES[norm(t)], c)
        if all(k in cols for k in REQUIRED_COLUMNS):
            return r, cols
    return None


def read_identity(
    grid: Sequence[Sequence[object]], sheet: str | None, out: Collector, stop: int | None = None
) -> dict[str, Cell]:
    """Key/value rows: the first filled cell of a row is the key, the cell right of it its value."""
    found: dict[str, Cell] = {}
    for r, row in enumerate(grid[:stop]):
        for c, value in enumerate(row):
            if is_blank(value):
                continue
            key = _KEY_ALIASES.get(norm(value)) if isinstance(value, str) else None
            if key is not None:
                where = address(sheet, r, c + 1)
                if key in found:
                    said = msg(
                        "input.identity.twice", name=str(value).strip(), first=found[key].where
                    )
                    out.add(where, said)
                else:
                    found[key] = Cell(row[c + 1] if c + 1 < len(row) else None, where)
            break
    return found


def read_table(
    grid: Sequence[Sequence[object]], sheet: str | None, header_row: int, cols: dict[str, int]
) -> list[RawRow]:
    """The rows under the header that have anything in the named columns."""
    rows: list[RawRow] = []
    named = list(cols.items())
    columns = list(cols.values())
    width = max(columns) + 1
    for r in range(header_row + 1, len(grid)):
        row = grid[r]
        if len(row) < width:  # a short CSV line: the missing cells are empty
            row = [*row, *[None] * (width - len(row))]
        if _all_blank(row, columns):
            continue
        rows.append(RawRow(cells={k: SheetCell(row[c], sheet, r, c) for k, c in named}))
    return rows


def missing_header_message(grid: Sequence[Sequence[object]]) -> Msg:
    if not any(any(not is_blank(v) for v in row) for row in grid):
        return msg("input.sheet.empty")
    number, level = (f"{COLUMNS[k][0]!r} ({COLUMNS[k][1]})" for k in REQUIRED_COLUMNS)
    return msg("input.sheet.no_header", number=number, level=level, rows=HEADER_SEARCH_ROWS)
