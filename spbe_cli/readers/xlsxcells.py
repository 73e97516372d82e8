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
    wb = ET.fromstring(zf.read("xl/workbook.xml"))
    rid = None
    for s in wb.iter(f"{NS_MAIN}sheet"):
        if s.get("name") == sheet:
            rid = s.get(f"{NS_REL}id")
    if rid is None:
        return None
    rels = ET.fromstring(zf.read("xl/_rels/workbook.xml.rels"))
    for rel in rels.iter(f"{NS_PKG}Relationship"):
        if rel.get("Id") == rid:
            target = rel.get("Target", "")
            return target.lstrip("/") if target.startswith("/") else posixpath.join("xl", target)
    return None


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


_REF = re.compile(rb'<c\b[^>]*?\br="([A-Z]{1,3})([0-9]{1,7})"')


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


_ROW = re.compile(rb'<row\b[^>]*?\br="([0-9]{1,7})"')
_COL = re.compile(rb'<c\b[^>]*?\br="([A-Z]{1,3})[0-9]')


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
    rows = max(
        max((int(r) for r in _ROW.findall(xml)), default=0),
        max((int(r) for r in set(_REF_ROW.findall(xml))), default=0),
    )
    cols = max((_col_number(c) for c in set(_COL.findall(xml))), default=0)
    return rows, cols


_REF_ROW = re.compile(rb'<c\b[^>]*?\br="[A-Z]{1,3}([0-9]{1,7})"')
