"""Rebuild the other-format fixtures from the 2024 example (run once; needs odfpy, xlwt).

    python tests/data/formats/make_formats.py

The fixtures are committed, so the tests need neither library: they prove that the same
answers read from .xls, .ods, .xlsm and .csv give the same result as the .xlsx.
"""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import python_calamine as pc

HERE = Path(__file__).resolve().parent
SOURCE = HERE.parent.parent.parent / "examples" / "kabupaten-contoh-2024.xlsx"


def sheets() -> tuple[list[list[object]], list[list[object]]]:
    wb = pc.CalamineWorkbook.from_path(str(SOURCE))
    ident = [row[:2] for row in wb.get_sheet_by_name("Identitas").to_python()]
    rows = wb.get_sheet_by_name("Jawaban").to_python()
    keep = [
        rows[0].index(h) for h in ("No", "Indikator", "Tingkat", "Tingkat Mandiri", "Penjelasan")
    ]
    return ident, [[row[i] for i in keep] for row in rows]


def write_xls(ident: list[list[object]], answers: list[list[object]]) -> None:
    import xlwt

    book = xlwt.Workbook()
    for name, grid in (("Identitas", ident), ("Jawaban", answers)):
        ws = book.add_sheet(name)
        for r, row in enumerate(grid):
            for c, value in enumerate(row):
                ws.write(r, c, value)
    book.save(str(HERE / "kabupaten-contoh-2024.xls"))


def write_ods(ident: list[list[object]], answers: list[list[object]]) -> None:
    from odf.opendocument import OpenDocumentSpreadsheet
    from odf.table import Table, TableCell, TableRow
    from odf.text import P

    doc = OpenDocumentSpreadsheet()
    for name, grid in (("Identitas", ident), ("Jawaban", answers)):
        table = Table(name=name)
        for row in grid:
            tr = TableRow()
            for value in row:
                if isinstance(value, float):
                    cell = TableCell(valuetype="float", value=value)
                    cell.addElement(P(text=f"{value:g}"))
                else:
                    cell = TableCell(valuetype="string")
                    cell.addElement(P(text=str(value)))
                tr.addElement(cell)
            table.addElement(tr)
        doc.spreadsheet.addElement(table)
    doc.save(str(HERE / "kabupaten-contoh-2024.ods"))


def write_csv(ident: list[list[object]], answers: list[list[object]]) -> None:
    def text(v: object) -> str:
        return f"{v:g}" if isinstance(v, float) else str(v)

    with (HERE / "kabupaten-contoh-2024.csv").open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, delimiter=";")
        for row in [*ident, [], *answers]:
            w.writerow([text(v) for v in row])


def main() -> None:
    ident, answers = sheets()
    write_xls(ident, answers)
    write_ods(ident, answers)
    write_csv(ident, answers)
    shutil.copy(SOURCE, HERE / "kabupaten-contoh-2024.xlsm")


if __name__ == "__main__":
    main()
