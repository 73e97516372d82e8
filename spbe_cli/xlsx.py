"""A small, deterministic .xlsx writer for summaries: sheets with a frozen header (and first
column), autofilter, column widths from their contents, number formats, booleans, fills,
colour scales and a landscape print set-up. Fast (no openpyxl import) and byte-identical
for the same rows (fixed zip times). Text goes in inline strings, never formulas; text that
a spreadsheet could still take for a formula after editing (= + - @ tab CR) also gets
Excel's quote prefix."""

from __future__ import annotations

import io
import math
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from typing import NamedTuple

from spbe_cli.safetext import xml_text
from spbe_cli.text import FORMULA_PREFIXES, column_letter

Value = str | int | float | bool | None
FIXED = (1980, 1, 1, 0, 0, 0)
FILLS = ["F4C7C3", "FCE5CD", "D9EAD3", "CFE2F3", "E1D5E7"]  # predikat bands, low → high
HEADER_FILL = "DDDDDD"
SCALE = ("F8696B", "FFEB84", "63BE7B")  # colour scale: lowest, middle, highest
NUMBER = "0.00"  # a float's format unless its cell says otherwise
BUILTIN_FORMATS = {"0": 1, "0.00": 2}
MIN_WIDTH, MAX_WIDTH, MAX_HEADER_WIDTH = 6, 80, 22
LINE_HEIGHT = 15


class Cell(NamedTuple):
    """A value with its look: a number format (`0.00`, `0"="`) and a fill (RGB hex). A
    tuple: cheap to make and to hash, and a summary's matrices hold thousands."""

    value: Value
    fmt: str | None = None
    fill: str | None = None
    center: bool = False


@dataclass(frozen=True)
class Sheet:
    name: str
    header: Sequence[str]
    rows: Sequence[Sequence[Value | Cell]]
    scale: tuple[int, int] | None = None  # first and last column (0-based) of a colour scale
    freeze_cols: int = 1  # columns kept in view when scrolling right (the name)


def escape(text: str) -> str:
    """XML character data (what xml.sax.saxutils.escape does, without importing urllib,
    http and ssl along with it: 15 ms of every batch's start-up)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _attr(text: str) -> str:
    return escape(text).replace('"', "&quot;")


def fill_of(position: int | None) -> str | None:
    """A predikat's fill from its position in its rubric's band list (as the reports)."""
    return None if position is None else FILLS[position % len(FILLS)]


class _Styles:
    """cellXfs made on demand: (number format, fill, bold, quote prefix, wrap, centred)
    → index."""

    def __init__(self) -> None:
        self.formats: dict[str, int] = {}
        self.fills: list[str] = []
        # index 0 is the sheet's default (bottom-aligned); every written cell names its own
        self.xfs: dict[tuple[str | None, str | None, bool, bool, bool, bool], int] = {}
        self.xfs[("", None, False, False, False, False)] = 0
        # a cell's XML and width by value and look: a summary repeats the same levels,
        # indices, group labels and band names thousands of times
        self.bodies: dict[tuple[type, Value | Cell, bool], str] = {}
        self.lengths: dict[tuple[type, Value | Cell], int] = {}

    def xf(
        self,
        fmt: str | None,
        fill: str | None,
        bold: bool = False,
        quote: bool = False,
        wrap: bool = False,
        center: bool = False,
    ) -> int:
        key = (fmt, fill, bold, quote, wrap, center)
        found = self.xfs.get(key)
        if found is not None:
            return found
        if fmt is not None and fmt not in BUILTIN_FORMATS and fmt not in self.formats:
            self.formats[fmt] = 164 + len(self.formats)
        if fill is not None and fill not in self.fills:
            self.fills.append(fill)
        self.xfs[key] = len(self.xfs)
        return self.xfs[key]

    def body(self, item: Value | Cell, wrap: bool) -> str:
        """`_body(item)`, made once per value (and its type: 1, 1.0 and True are equal keys)
        and look."""
        value = item.value if isinstance(item, Cell) else item
        if type(value) is float and value == 0:  # -0.0 equals 0.0 but is written apart
            return _body(item, self, wrap)
        key = (type(value), item, wrap)
        found = self.bodies.get(key)
        if found is None:
            found = self.bodies[key] = _body(item, self, wrap)
        return found

    def length(self, item: Value | Cell) -> int:
        """`_shown_length(item)`, found once per value (and its type) and look."""
        value = item.value if isinstance(item, Cell) else item
        if type(value) is float and value == 0:
            return _shown_length(item)
        key = (type(value), item)
        found = self.lengths.get(key)
        if found is None:
            found = self.lengths[key] = _shown_length(item)
        return found

    def xml(self) -> str:
        fmts = "".join(
            f'<numFmt numFmtId="{i}" formatCode="{_attr(f)}"/>' for f, i in self.formats.items()
        )
        fills = "".join(
            f'<fill><patternFill patternType="solid"><fgColor rgb="FF{c}"/></patternFill></fill>'
            for c in self.fills
        )
        xfs = ['<xf numFmtId="0" fontId="0" fillId="0" borderId="0"/>']
        for fmt, fill, bold, quote, wrap, center in list(self.xfs)[1:]:
            num = 0 if fmt is None else BUILTIN_FORMATS.get(fmt) or self.formats[fmt]
            fill_id = 0 if fill is None else 2 + self.fills.index(fill)
            attrs = f'numFmtId="{num}" fontId="{int(bold)}" fillId="{fill_id}" borderId="0"'
            attrs += ' applyNumberFormat="1"' if num else ""
            attrs += ' applyFont="1"' if bold else ""
            attrs += ' applyFill="1"' if fill_id else ""
            attrs += ' quotePrefix="1"' if quote else ""
            # top: a row made tall by one wrapped text keeps its other cells beside its start
            align = ' wrapText="1"' if wrap else ""
            align += ' horizontal="center"' if center else ""
            xfs.append(f'<xf {attrs} applyAlignment="1"><alignment{align} vertical="top"/></xf>')
        return (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            + (f'<numFmts count="{len(self.formats)}">{fmts}</numFmts>' if self.formats else "")
            + '<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font>'
            '<font><b/><sz val="11"/><name val="Calibri"/></font></fonts>'
            f'<fills count="{2 + len(self.fills)}"><fill><patternFill patternType="none"/></fill>'
            f'<fill><patternFill patternType="gray125"/></fill>{fills}</fills>'
            '<borders count="1"><border/></borders>'
            '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
            f'<cellXfs count="{len(xfs)}">{"".join(xfs)}</cellXfs>'
            '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
            "</styleSheet>"
        )


def _body(item: Value | Cell, styles: _Styles, wrap: bool = False) -> str:
    """A cell's XML after its reference (`<c r="B2"` + this); "" when there is nothing to
    write."""
    if isinstance(item, Cell):
        value, fmt, fill, center = item.value, item.fmt, item.fill, item.center
    else:
        value, fmt, fill, center = item, None, None, False
    if value is None or value == "":
        return "" if fill is None else f' s="{styles.xf(None, fill)}"/>'
    if isinstance(value, bool):
        return f' s="{styles.xf(fmt, fill, center=center)}" t="b"><v>{int(value)}</v></c>'
    if isinstance(value, (int, float)):
        fmt = fmt or (NUMBER if isinstance(value, float) else None)
        return f' s="{styles.xf(fmt, fill, center=center)}"><v>{value!r}</v></c>'
    text = xml_text(str(value))  # XML 1.0 cannot carry most control characters
    s = styles.xf(None, fill, False, text.startswith(FORMULA_PREFIXES), wrap, center)
    space = ' xml:space="preserve"' if text != text.strip() else ""
    return f' s="{s}" t="inlineStr"><is><t{space}>{escape(text)}</t></is></c>'


def _shown_length(item: Value | Cell) -> int:
    """About how many characters a cell shows (for its column's width)."""
    value, fmt = (item.value, item.fmt) if isinstance(item, Cell) else (item, None)
    if value is None:
        return 0
    if isinstance(value, str):
        return len(value) if "\n" not in value else max(len(x) for x in value.splitlines())
    if isinstance(value, bool):
        return 6  # TRUE, FALSE, BENAR, SALAH
    if isinstance(value, float):
        return len(f"{value:.2f}")
    return len(str(value)) + (1 if fmt and '"' in fmt else 0)


def _chars_to_width(chars: int) -> float:
    # a width counts the default font's digits; letters, capitals and a substitute font
    # (LibreOffice without Calibri) run wider, hence the margin
    return math.ceil(chars * 1.2) + 2


def _wrapped_lines(text: str, width: float) -> int:
    """Lines a text takes when wrapped by words at `width` (a word too long for a line
    takes as many lines as it needs)."""
    room = max(1, int((width - 2) / 1.2))
    total = 0
    for paragraph in text.splitlines() or [""]:
        lines, used = 1, 0
        for word in paragraph.split():
            size = len(word)
            if used and used + 1 + size > room:
                lines, used = lines + 1, 0
            lines += (size - 1) // room if not used else 0
            used = (used + 1 + size) if used else (size - 1) % room + 1
        total += lines
    return total


def _widths(sheet: Sheet, styles: _Styles) -> list[float]:
    body, lengths = [0] * len(sheet.header), styles.lengths
    for row in sheet.rows:  # one pass over the cells (a matrix sheet has thousands)
        for c, item in zip(range(len(body)), row, strict=False):  # a row may end early
            value = item.value if isinstance(item, Cell) else item
            shown = lengths.get((type(value), item))  # zero floats are never kept there
            if shown is None:
                shown = styles.length(item)
            if shown > body[c]:
                body[c] = shown
    out = []
    for longest, title in zip(body, sheet.header, strict=True):
        longest_word = max((len(w) for w in title.split()), default=0)
        head = max(min(len(title), MAX_HEADER_WIDTH), longest_word)
        out.append(min(MAX_WIDTH, max(MIN_WIDTH, _chars_to_width(max(longest, head)))))
    return out


def _row_xml(
    r: int, row: Sequence[Value | Cell], letters: list[str], widths: list[float], styles: _Styles
) -> str:
    """One body row; text longer than its column wraps, in a row made tall enough for it."""
    cells, height, number, bodies = [], 1, str(r), styles.bodies
    for c, item in enumerate(row):
        value = item.value if isinstance(item, Cell) else item
        wrap = False
        if isinstance(value, str) and ("\n" in value or len(value) > (widths[c] - 2) / 1.2):
            lines = _wrapped_lines(value, widths[c])
            height, wrap = max(height, lines), lines > 1
        body = bodies.get((type(value), item, wrap))  # zero floats are never kept there
        if body is None:
            body = styles.body(item, wrap)
        if body:
            cells.append(f'<c r="{letters[c]}{number}"{body}')
    size = f' ht="{height * LINE_HEIGHT}" customHeight="1"' if height > 1 else ""
    return f'<row r="{r}"{size}>{"".join(cells)}</row>'


def _sheet_xml(sheet: Sheet, styles: _Styles) -> str:
    letters = [column_letter(c) for c in range(len(sheet.header))]
    last, end = letters[-1], len(sheet.rows) + 1
    widths = _widths(sheet, styles)
    head_xf = styles.xf(None, HEADER_FILL, bold=True, wrap=True)
    lines = max(_wrapped_lines(h, w) for h, w in zip(sheet.header, widths, strict=True))
    head = "".join(
        f'<c r="{letters[c]}1" s="{head_xf}" t="inlineStr"><is><t>{escape(xml_text(h))}</t></is></c>'
        for c, h in enumerate(sheet.header)
    )
    rows = [f'<row r="1" ht="{lines * LINE_HEIGHT}" customHeight="1">{head}</row>']
    rows += [_row_xml(r, row, letters, widths, styles) for r, row in enumerate(sheet.rows, 2)]
    cols = "".join(
        f'<col min="{c + 1}" max="{c + 1}" width="{w:g}" customWidth="1"/>'
        for c, w in enumerate(widths)
    )
    freeze = letters[sheet.freeze_cols] if sheet.freeze_cols < len(letters) else "A"
    pane = (
        f'<pane xSplit="{sheet.freeze_cols}" ySplit="1" topLeftCell="{freeze}2" '
        'activePane="bottomRight" state="frozen"/>'
        if sheet.freeze_cols
        else '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>'
    )
    scale = ""
    if sheet.scale is not None and sheet.rows:
        first, stop = letters[sheet.scale[0]], letters[sheet.scale[1]]
        colours = "".join(f'<color rgb="FF{c}"/>' for c in SCALE)
        scale = (
            f'<conditionalFormatting sqref="{first}2:{stop}{end}">'
            '<cfRule type="colorScale" priority="1"><colorScale><cfvo type="min"/>'
            f'<cfvo type="percentile" val="50"/><cfvo type="max"/>{colours}</colorScale>'
            "</cfRule></conditionalFormatting>"
        )
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        '<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>'
        f'<dimension ref="A1:{last}{end}"/>'
        f'<sheetViews><sheetView workbookViewId="0">{pane}</sheetView></sheetViews>'
        f'<sheetFormatPr defaultRowHeight="{LINE_HEIGHT}"/>'
        f"<cols>{cols}</cols>"
        f"<sheetData>{''.join(rows)}</sheetData>"
        f'<autoFilter ref="A1:{last}{end}"/>{scale}'
        '<pageMargins left="0.4" right="0.4" top="0.5" bottom="0.5" header="0.3" footer="0.3"/>'
        '<pageSetup paperSize="9" orientation="landscape" fitToWidth="1" fitToHeight="0"/>'
        "</worksheet>"
    )


def _names(sheets: Sequence[Sheet]) -> list[str]:
    """Sheet names as a spreadsheet allows them: at most 31 characters, none of []:*?/\\."""
    out: list[str] = []
    for s in sheets:
        name = "".join("_" if ch in "[]:*?/\\" else ch for ch in xml_text(s.name))[:31]
        out.append(name or f"Sheet{len(out) + 1}")
    return out


def write_book(sheets: Sequence[Sheet]) -> bytes:
    """The workbook of `sheets`, in their order (the first is the one shown on opening)."""
    styles = _Styles()
    parts_xml = [_sheet_xml(s, styles) for s in sheets]
    names = _names(sheets)
    n = len(sheets)
    overrides = "".join(
        f'<Override PartName="/xl/worksheets/sheet{i + 1}.xml" ContentType="application/vnd.'
        'openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        for i in range(n)
    )
    sheet_list = "".join(
        f'<sheet name="{_attr(name)}" sheetId="{i + 1}" r:id="rId{i + 1}"/>'
        for i, name in enumerate(names)
    )
    defined = ""
    for i, (name, s) in enumerate(zip(names, sheets, strict=True)):
        quoted = "'" + _attr(name).replace("'", "''") + "'"
        last = column_letter(len(s.header) - 1)
        defined += (
            f'<definedName name="_xlnm._FilterDatabase" localSheetId="{i}" hidden="1">'
            f"{quoted}!$A$1:${last}${len(s.rows) + 1}</definedName>"
            f'<definedName name="_xlnm.Print_Titles" localSheetId="{i}">{quoted}!$1:$1'
            "</definedName>"
        )
    rels = "".join(
        f'<Relationship Id="rId{i + 1}" Type="http://schemas.openxmlformats.org/officeDocument/'
        f'2006/relationships/worksheet" Target="worksheets/sheet{i + 1}.xml"/>'
        for i in range(n)
    )
    parts = {
        "[Content_Types].xml": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            f"{overrides}"
            '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
            "</Types>"
        ),
        "_rels/.rels": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
            "</Relationships>"
        ),
        "xl/workbook.xml": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
            'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
            f"<sheets>{sheet_list}</sheets><definedNames>{defined}</definedNames></workbook>"
        ),
        "xl/_rels/workbook.xml.rels": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f"{rels}"
            f'<Relationship Id="rId{n + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>'
            "</Relationships>"
        ),
        "xl/styles.xml": styles.xml(),
    }
    for i, text in enumerate(parts_xml):
        parts[f"xl/worksheets/sheet{i + 1}.xml"] = text
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for part, text in parts.items():
            info = zipfile.ZipInfo(part, date_time=FIXED)
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, text.encode("utf-8"))
    return buf.getvalue()


def write(
    header: Sequence[str],
    rows: Sequence[Sequence[Value]],
    fills: Sequence[int | None] = (),
    fill_column: int | None = None,
    sheet: str = "Ringkasan",
) -> bytes:
    """One sheet; `fills[i]` (a band position) colours row i's `fill_column` cell."""
    body: list[list[Value | Cell]] = []
    for r, row in enumerate(rows):
        cells: list[Value | Cell] = list(row)
        if fill_column is not None and r < len(fills) and fills[r] is not None:
            cells[fill_column] = Cell(row[fill_column], fill=fill_of(fills[r]))
        body.append(cells)
    return write_book([Sheet(sheet, header, body, freeze_cols=0)])
