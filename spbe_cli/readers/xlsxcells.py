"""The .xlsx/.xlsm/.ods zip read beside calamine: what it must not be given, what it hides.

A sheet whose cells reach far (`XFD1048576` in a .xlsx, a row repeated a million times in
a .ods) makes calamine allocate a dense grid of that size (and abort the process, or take
hundreds of MB), so each sheet's extent is read from its XML first (`beyond`).
python-calamine returns error cells and formulas saved without a value as empty cells:
when a cell that should hold a level is empty, the sheet XML is read (bounded) to tell a
real blank from `#N/A` or `=F19-1` (`hidden_cells`).
"""

from __future__ import annotations

import functools
import posixpath
import re
import zipfile
from collections.abc import Collection
from typing import IO
from xml.etree import ElementTree as ET

from spbe_cli.readers.raw import HiddenCell
from spbe_cli.text import column_letter

MAX_SHEET_XML = 64 * 1024 * 1024
NS_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
NS_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
NS_PKG = "{http://schemas.openxmlformats.org/package/2006/relationships}"
NS_TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
NS_OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"


class Package:
    """An .xlsx/.xlsm zip opened once: small parts read (bounded, see read_part) at most
    once, and the part that holds each sheet."""

    def __init__(self, zf: zipfile.ZipFile) -> None:
        self.zf = zf
        self._parts: dict[str, bytes] = {}
        self._sheet_paths: dict[str, str] | None = None

    @property
    def is_ods(self) -> bool:
        return "content.xml" in self.zf.NameToInfo and "xl/workbook.xml" not in self.zf.NameToInfo

    def ods_spans(self) -> dict[str, tuple[int, int]]:
        """Rows and columns each .ods table's content reaches, repeats counted (one pass
        over content.xml). Unknown (unreadable XML): none."""
        try:
            with self.zf.open("content.xml") as f:
                return _ods_spans(f)
        except (zipfile.BadZipFile, EOFError) as e:
            raise CorruptPart(str(e)) from None
        except (KeyError, ET.ParseError, OSError, ValueError):
            return {}

    def part(self, path: str) -> bytes:
        if path not in self._parts:
            self._parts[path] = read_part(self.zf, path)
        return self._parts[path]

    def sheet_path(self, sheet: str) -> str | None:
        """From workbook.xml and its relationships."""
        if self._sheet_paths is None:
            workbook = self.part("xl/workbook.xml")
            rels = self.part("xl/_rels/workbook.xml.rels")
            small = len(workbook) + len(rels) <= MAX_REMEMBERED_PARTS
            read = _remembered_sheet_paths if small else _sheet_paths
            self._sheet_paths = read(workbook, rels)
        return self._sheet_paths.get(sheet)


def _sheet_paths(workbook: bytes, rels: bytes) -> dict[str, str]:
    """Each sheet's part, from workbook.xml and its relationships."""
    wb = ET.fromstring(workbook)
    targets = {
        r.get("Id"): r.get("Target", "") for r in ET.fromstring(rels).iter(f"{NS_PKG}Relationship")
    }
    paths = {}
    for el in wb.iter(f"{NS_MAIN}sheet"):
        target = targets.get(el.get(f"{NS_REL}id"))
        if target:
            paths[el.get("name", "")] = (
                target.lstrip("/") if target.startswith("/") else posixpath.join("xl", target)
            )
    return paths


# The workbooks made from one template share these two parts: each pair is read once (the
# paths are only looked up, never changed). Large parts are not kept.
MAX_REMEMBERED_PARTS = 64 * 1024
_remembered_sheet_paths = functools.lru_cache(maxsize=64)(_sheet_paths)


def hidden_cells(pkg: Package, sheet: str, wanted: Collection[str]) -> dict[str, HiddenCell]:
    """Error and value-less formula cells among `wanted` addresses (`E15`), best effort."""
    found: dict[str, HiddenCell] = {}
    try:
        path = pkg.sheet_path(sheet)
        if path is None or pkg.zf.getinfo(path).file_size > MAX_SHEET_XML:
            return found
        with pkg.zf.open(path) as f:
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


# Where calamine places a cell: the `r` of the cell (`XFD1048576`, any case) or of its row.
_REF = re.compile(rb"""r\s*=\s*["']([A-Za-z]*)([0-9]+)""")


@functools.lru_cache(maxsize=8)
def _suspects(rows: int, columns: int) -> re.Pattern[bytes]:
    """References long enough to lie beyond the limits: as many digits as `rows` has, or as
    many letters as the last allowed column. Everything shorter is within them.

    The repeats are possessive (`*+`): what they take is never given back, which finds
    the same references (spacing is never `=` or a quote, letters never digits) and ends
    each failed try sooner; the search tries every `r` of the sheet's XML."""
    digits = len(str(rows))
    letters = len(column_letter(columns - 1)) if columns > 0 else 1
    return re.compile(
        rb"""r\s*+=\s*+["'](?:[A-Za-z]{%d,}+[0-9]|[A-Za-z]*+[0-9]{%d,})""" % (letters, digits)
    )


# Bytes that continue an attribute name: `spr=` or `x:r=` is not `r=` (calamine agrees).
_NAME_BYTES = frozenset(
    b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789.-_:"
) | frozenset(range(0x80, 0x100))


def _span(xml: bytes) -> tuple[int, int]:
    """Rows and columns the references reach. An `r` counts after anything that cannot
    be part of a longer name: a space, and also a quote (`t="n"r="XFD1"`, which calamine
    reads, and aborts on)."""
    rows = cols = 0
    for m in _REF.finditer(xml):
        if m.start() == 0 or xml[m.start() - 1] not in _NAME_BYTES:
            digits, letters = m.group(2), m.group(1)
            rows = max(rows, int(digits) if len(digits) < 13 else 10**12)
            if letters:
                cols = max(cols, _col_number(letters.upper()) if len(letters) < 7 else 10**9)
    return rows, cols


def _repeat(text: str | None) -> int:
    """A `number-…-repeated` count; absurd ones (a million digits) are simply huge."""
    if not text:
        return 1
    return int(text) if len(text) < 10 and text.isdigit() else 10**9


def _ods_spans(f: IO[bytes]) -> dict[str, tuple[int, int]]:
    """Per table: the last row and column holding anything, repeats counted as calamine
    expands them (a trailing run of empty rows or cells, as LibreOffice writes, is not
    content)."""
    spans: dict[str, tuple[int, int]] = {}
    name, row, last_row, last_col = None, 0, 0, 0
    for event, el in ET.iterparse(f, events=("start", "end")):
        if el.tag == f"{NS_TABLE}table":
            if event == "start":
                name, row, last_row, last_col = el.get(f"{NS_TABLE}name", ""), 0, 0, 0
            else:
                spans[name or ""] = (last_row, last_col)
                el.clear()
        elif event == "end" and el.tag == f"{NS_TABLE}table-row":
            repeat = _repeat(el.get(f"{NS_TABLE}number-rows-repeated"))
            col = filled = 0
            for cell in el:
                col += _repeat(cell.get(f"{NS_TABLE}number-columns-repeated"))
                if cell.get(f"{NS_OFFICE}value-type") is not None or len(cell):
                    filled = col
            if filled:
                last_row, last_col = row + repeat, max(last_col, filled)
            row += repeat
            el.clear()
    return spans


def beyond(pkg: Package, sheet: str, rows: int, columns: int) -> tuple[int, int] | None:
    """The (rows, columns) a .xlsx sheet's cells span when that is beyond the limits, read
    from its XML before calamine allocates a dense grid of that size; None when within
    them or unknown (a .ods is checked whole before it is opened: Package.ods_spans).
    Reading the part also checks it against its header (CorruptPart)."""
    try:
        path = pkg.sheet_path(sheet)
        if path is None:
            return None
        try:
            xml = read_part(pkg.zf, path)
        except (zipfile.BadZipFile, EOFError) as e:
            raise CorruptPart(str(e)) from None
    except (zipfile.BadZipFile, KeyError, ET.ParseError, OSError, ValueError):
        return None
    if _suspects(rows, columns).search(xml) is None:  # the usual case: one regex pass
        return None
    span = _span(xml)
    return span if span[0] > rows or span[1] > columns else None
