"""Text every layer shares: names matched loosely, spreadsheet cell addresses, and text
made safe for a spreadsheet to open."""

from __future__ import annotations

import re

from spbe_cli.safetext import comparable

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")  # text a spreadsheet may run as a formula
_SEPARATORS = re.compile(r"[\s_\-]+")
_NORMED: dict[str, str] = {}


def norm(text: str) -> str:
    """Names match without regard to case, spacing, underscores and hyphens. The same
    sheet and column names recur in every workbook: short ones are normalised once."""
    found = _NORMED.get(text)
    if found is None:
        found = _SEPARATORS.sub("", comparable(text))  # NFKC, no zero-width characters
        if len(text) <= 64 and len(_NORMED) < 4096:
            _NORMED[text] = found
    return found


def column_letter(col: int) -> str:
    """0-based column → `A`, `Z`, `AA`."""
    out = ""
    col += 1
    while col:
        col, rem = divmod(col - 1, 26)
        out = chr(65 + rem) + out
    return out


def address(sheet: str | None, row: int, col: int) -> str:
    """0-based row and column → `Jawaban!C14` (or `C14` without a sheet)."""
    cell = f"{column_letter(col)}{row + 1}"
    return f"{sheet}!{cell}" if sheet else cell


def csv_safe(value: object) -> object:
    """Neutralise formula injection in CSV: such text gets a leading quote."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value
