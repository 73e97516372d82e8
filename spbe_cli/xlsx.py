"""A small, deterministic .xlsx writer for summaries: one sheet, frozen header, autofilter,
fills. Fast (no openpyxl import) and byte-identical for the same rows (fixed zip times).
Text goes in inline strings, never formulas; text that a spreadsheet could still take for
a formula after editing (= + - @ tab CR) also gets Excel's quote prefix."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Sequence

from spbe_cli.safetext import xml_text
from spbe_cli.text import FORMULA_PREFIXES, column_letter

Cell = str | int | float | None
FIXED = (1980, 1, 1, 0, 0, 0)
FILLS = ["F4C7C3", "FCE5CD", "D9EAD3", "CFE2F3", "E1D5E7"]  # predikat bands, low → high
# cellXfs: 0 default, 1 header, 2 number 0.00, 3 quote-prefixed text, 4.. fills
_XF_HEADER, _XF_NUM, _XF_QUOTED, _XF_FILL0 = 1, 2, 3, 4


def escape(text: str) -> str:
    """XML character data (what xml.sax.saxutils.escape does, without importing urllib,
    http and ssl along with it: 15 ms of every batch's start-up)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _clean(text: str) -> str:
    """XML 1.0 cannot carry most control characters, surrogates, U+FFFE, U+FFFF: drop them."""
    return xml_text(text)


def _cell(ref: str, value: Cell, xf: int = 0) -> str:
    if value is None or value == "":
        return ""
    if isinstance(value, bool):
        value = "TRUE" if value else "FALSE"
    if isinstance(value, int | float):
        style = f' s="{xf or _XF_NUM}"' if isinstance(value, float) or xf else ""
        return f'<c r="{ref}"{style}><v>{value!r}</v></c>'
    text = _clean(str(value))
    if text.startswith(FORMULA_PREFIXES) and xf == 0:
        xf = _XF_QUOTED
    style = f' s="{xf}"' if xf else ""
    space = ' xml:space="preserve"' if text != text.strip() else ""
    return f'<c r="{ref}" t="inlineStr"{style}><is><t{space}>{escape(text)}</t></is></c>'


def write(
    header: Sequence[str],
    rows: Sequence[Sequence[Cell]],
    fills: Sequence[int | None] = (),
    fill_column: int | None = None,
    sheet: str = "Ringkasan",
) -> bytes:
    """`fills[i]` (a band index) colours row i's `fill_column` cell."""
    letters = [column_letter(c) for c in range(len(header))]
    last = letters[-1]
    lines = [
        f'<row r="1">{"".join(_cell(f"{letters[c]}1", h, _XF_HEADER) for c, h in enumerate(header))}</row>'
    ]
    for r, row in enumerate(rows, start=2):
        cells = []
        for c, value in enumerate(row):
            xf = 0
            if fill_column == c and r - 2 < len(fills) and fills[r - 2] is not None:
                xf = _XF_FILL0 + int(fills[r - 2]) % len(FILLS)  # type: ignore[arg-type]
            cells.append(_cell(f"{letters[c]}{r}", value, xf))
        lines.append(f'<row r="{r}">{"".join(cells)}</row>')
    dim = f"A1:{last}{len(rows) + 1}"
    sheet_xml = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f'<dimension ref="{dim}"/>'
        '<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" '
        'activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>'
        '<sheetFormatPr defaultRowHeight="15"/>'
        f"<sheetData>{''.join(lines)}</sheetData>"
        f'<autoFilter ref="{dim}"/></worksheet>'
    )
    fills_xml = "".join(
        f'<fill><patternFill patternType="solid"><fgColor rgb="FF{c}"/></patternFill></fill>'
        for c in ["DDDDDD", *FILLS]
    )
    xfs = [
        '<xf numFmtId="0" fontId="0" fillId="0" borderId="0"/>',
        '<xf numFmtId="0" fontId="1" fillId="2" borderId="0" applyFont="1" applyFill="1"/>',
        '<xf numFmtId="2" fontId="0" fillId="0" borderId="0" applyNumberFormat="1"/>',
        '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" quotePrefix="1"/>',
    ]
    xfs += [
        f'<xf numFmtId="0" fontId="0" fillId="{3 + i}" borderId="0" applyFill="1"/>'
        for i in range(len(FILLS))
    ]
    styles = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        '<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font>'
        '<font><b/><sz val="11"/><name val="Calibri"/></font></fonts>'
        f'<fills count="{2 + 1 + len(FILLS)}"><fill><patternFill patternType="none"/></fill>'
        f'<fill><patternFill patternType="gray125"/></fill>{fills_xml}</fills>'
        '<borders count="1"><border/></borders>'
        '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
        f'<cellXfs count="{len(xfs)}">{"".join(xfs)}</cellXfs>'
        '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
        "</styleSheet>"
    )
    name = escape(sheet[:31])
    parts = {
        "[Content_Types].xml": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
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
            f'<sheets><sheet name="{name}" sheetId="1" r:id="rId1"/></sheets>'
            f'<definedNames><definedName name="_xlnm._FilterDatabase" localSheetId="0" hidden="1">'
            f"'{name}'!$A$1:${last}${len(rows) + 1}</definedName></definedNames></workbook>"
        ),
        "xl/_rels/workbook.xml.rels": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
            '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>'
            "</Relationships>"
        ),
        "xl/styles.xml": styles,
        "xl/worksheets/sheet1.xml": sheet_xml,
    }
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for part, text in parts.items():
            info = zipfile.ZipInfo(part, date_time=FIXED)
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, text.encode("utf-8"))
    return buf.getvalue()
