"""What calamine hides in .xlsx/.xlsm: error cells and formulas saved without a value.

python-calamine returns both as empty cells. When a cell that should hold a level is
empty, the sheet XML is read (bounded) to tell a real blank from `#N/A` or `=F19-1`.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
from collections.abc import Collection
from dataclasses import dataclass
from xml.etree import ElementTree as ET

MAX_SHEET_XML = 64 * 1024 * 1024
NS_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
NS_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
NS_PKG = "{http://schemas.openxmlformats.org/package/2006/relationships}"


@dataclass(frozen=True)
class HiddenCell:
    """An error value (`#N/A`) or a formula without a cached value, in place of a blank."""

    kind: str  # "error" | "formula"
    text: str


def _sheet_path(zf: zipfile.ZipFile, sheet: str) -> str | None:
    """The part that holds a sheet, from workbook.xml and its relationships (read once
    per open zip and kept on it: both answer sheets are looked up in the same workbook)."""
    paths: dict[str, str] | None = getattr(zf, "_spbe_sheet_paths", None)
    if paths is None:
        wb = ET.fromstring(read_part(zf, "xl/workbook.xml"))
        rels = ET.fromstring(read_part(zf, "xl/_rels/workbook.xml.rels"))
        targets = {r.get("Id"): r.get("Target", "") for r in rels.iter(f"{NS_PKG}Relationship")}
        paths = {}
        for el in wb.iter(f"{NS_MAIN}sheet"):
            target = targets.get(el.get(f"{NS_REL}id"))
            if target:
                paths[el.get("name", "")] = (
                    target.lstrip("/") if target.startswith("/") else posixpath.join("xl", target)
                )
        zf._spbe_sheet_paths = paths  # type: ignore[attr-defined]
    return paths.get(sheet)


def hidden_cells(data: bytes, sheet: str, wanted: Collection[str]) -> dict[str, HiddenCell]:
    """Error and value-less formula cells among `wanted` addresses (`E15`), best effort."""
    found: dict[str, HiddenCell] = {}
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            path = _sheet_path(zf, sheet)
            if path is None or zf.getinfo(path).file_size > MAX_SHEET_XML:
                return found
            with zf.open(path) as f:
                for _, el in ET.iterparse(f, events=("end",)):
                    if el.tag != f"{NS_MAIN}c":
                        continue
                    ref = el.get("r")
                    if ref in wanted:
                        formula = el.find(f"{NS_MAIN}f")
                        value = el.find(f"{NS_MAIN}v")
                        if el.get("t") == "e" and value is not None and value.text:
                            found[ref] = HiddenCell("error", value.text)
                        elif formula is not None and (value is None or not value.text):
                            found[ref] = HiddenCell("formula", "=" + (formula.text or ""))
                    el.clear()
    except (zipfile.BadZipFile, KeyError, ET.ParseError, OSError, ValueError):
        return {}
    return found


def _col_number(letters: bytes) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + (ch - 64)
    return n


def read_part(zf: zipfile.ZipFile, path: str) -> bytes:
    """A part read in 1 MiB chunks: zipfile stops at the declared size, so a part whose
    header lies costs no more memory than it declares (one `read()` would unpack it all
    before cutting it)."""
    chunks = []
    with zf.open(path) as f:
        while chunk := f.read(1 << 20):
            chunks.append(chunk)
    return b"".join(chunks)


class CorruptPart(Exception):
    """A zip part whose data does not match its header (checksum or size)."""


# Any attribute r="XFD1048576": cell references (row elements carry digits only).
_CELL_REF = re.compile(rb' r="([A-Z]{1,3})([0-9]{1,7})"')


def extent(zf: zipfile.ZipFile, sheet: str) -> tuple[int, int] | None:
    """The (rows, columns) a .xlsx sheet's cells really span, from the row and cell
    references in its XML, before calamine allocates a dense grid of that size. None when
    unknown. Reading the part here also checks it against its header (CorruptPart)."""
    try:
        path = _sheet_path(zf, sheet)
        if path is None:
            return None
        try:
            xml = read_part(zf, path)
        except (zipfile.BadZipFile, EOFError) as e:
            raise CorruptPart(str(e)) from None
    except (zipfile.BadZipFile, KeyError, ET.ParseError, OSError, ValueError):
        return None
    refs = set(_CELL_REF.findall(xml))
    rows = max((int(r) for _, r in refs), default=0)
    cols = max((_col_number(c) for c in {c for c, _ in refs}), default=0)
    return rows, cols
