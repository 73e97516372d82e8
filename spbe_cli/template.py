"""The canonical answer workbook for a rubric (openpyxl, imported only here)."""

from __future__ import annotations

import datetime as dt
import io

from openpyxl import Workbook
from openpyxl.cell.cell import Cell as XlCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet.datavalidation import DataValidation

from spbe_cli.answers import InstitutionType, Stage
from spbe_cli.levels import range_text
from spbe_cli.numbers import percent_text
from spbe_cli.rubric import Indicator, LoadedRubric, Rubric

JAWABAN_HEADERS = [
    ("No", 7),
    ("Aspek", 8),
    ("Indikator", 48),
    ("Bobot (%)", 10),
    ("Tingkat", 22),
    ("Tingkat Mandiri", 22),
    ("Target", 12),
    ("Penjelasan", 40),
    ("Bukti Dukung", 40),
    ("Panduan tingkat", 90),
]
FIXED_TIME = dt.datetime(2026, 1, 1)
GENERAL_NOTE = (
    "Belum ada kriteria khusus indikator ini: panduan umum skala kematangan (sumber sekunder)."
)


def _choices(rubric: Rubric, ind: Indicator) -> list[str]:
    scale = rubric.scale_of(ind)
    return [f"{k} - {v}" for k, v in sorted(scale.levels.items())]


def _guide(rubric: Rubric, ind: Indicator, item: str) -> str:
    scale = rubric.scale_of(ind)
    lines = []
    if item != ind.id:
        lines.append(f"Opsional: layanan ke-{item.rsplit('-', 1)[1]} untuk indikator {ind.id}.")
    if ind.external_index:
        lines.append(f"Nilai diambil dari: {ind.external_index}.")
    if rubric.values.type == "decimal":
        lines.append(f"Isi nilai desimal {range_text(rubric.values)} (boleh 1,25 atau 7/6).")
    if not ind.criteria and scale.general:
        lines.append(GENERAL_NOTE)
    for level, name in sorted(scale.levels.items()):
        crit = (rubric.guidance(ind, level) or ("", False))[0]
        lines.append(f"{level} {name}: {crit}" if crit else f"{level} {name}")
    return "\n".join(lines)


def build_template(
    loaded: LoadedRubric, institution: str | None = None, year: int | None = None
) -> bytes:
    rubric = loaded.rubric
    bold = Font(bold=True)
    head_fill = PatternFill("solid", fgColor="DDEBF7")
    input_fill = PatternFill("solid", fgColor="FFF2CC")
    wrap = Alignment(wrap_text=True, vertical="top")

    wb = Workbook()
    wb.properties.created = FIXED_TIME
    wb.properties.modified = FIXED_TIME
    wb.properties.creator = "spbe-cli"

    guide = wb.active
    assert guide is not None
    guide.title = "Petunjuk"
    guide.column_dimensions["A"].width = 110
    lines = [
        f"Lembar jawaban {rubric.index_name} — {rubric.title}",
        f"Rubrik: {rubric.id} ({rubric.regulation})",
        "",
        "1. Isi lembar Identitas: Instansi dan Tahun wajib;"
        " Kode, Jenis, Provinsi dan Tahap opsional.",
        "2. Isi kolom Tingkat di lembar Jawaban untuk setiap indikator"
        f" ({range_text(rubric.values)}).",
        "   Pilih dari daftar, atau ketik angka (3), 'Tingkat 3', '3 - Nama' atau nama tingkatnya.",
        "3. Tingkat Mandiri (penilaian mandiri), Target, Penjelasan dan Bukti Dukung boleh diisi.",
        "4. Panduan tingkat menjelaskan kriteria setiap tingkat; lembar Kriteria memuat semuanya.",
        "5. Hitung indeks: spbe score nama-file.xlsx",
        "",
        "Jangan ganti nama lembar atau judul kolom; urutan kolom boleh diubah.",
    ]
    for i, text in enumerate(lines, start=1):
        guide.cell(row=i, column=1, value=text)
    guide["A1"].font = Font(bold=True, size=14)

    ident = wb.create_sheet("Identitas")
    ident.column_dimensions["A"].width = 14
    ident.column_dimensions["B"].width = 50
    ident.column_dimensions["C"].width = 70
    rows = [
        ("Instansi", institution, "Wajib. Nama instansi, misalnya Kabupaten Contoh."),
        ("Tahun", year, "Wajib. Tahun evaluasi, misalnya 2025."),
        ("Kode", None, "Opsional. Kode instansi (untuk mencocokkan antar tahun)."),
        ("Jenis", None, "Opsional. " + ", ".join(t.value for t in InstitutionType)),
        ("Provinsi", None, "Opsional."),
        (
            "Rubrik",
            rubric.id if loaded.builtin else None,
            "Opsional. Id rubrik; kosong = dipilih menurut Tahun.",
        ),
        ("Tahap", None, "Opsional. " + ", ".join(s.value for s in Stage)),
    ]
    for r, (key, value, hint) in enumerate(rows, start=1):
        ident.cell(row=r, column=1, value=key).font = bold
        cell = ident.cell(row=r, column=2, value=value)
        cell.fill = input_fill
        ident.cell(row=r, column=3, value=hint).font = Font(italic=True, color="666666")
    for key, options in (
        ("Jenis", [t.value for t in InstitutionType]),
        ("Tahap", [s.value for s in Stage]),
    ):
        r = next(i for i, row in enumerate(rows, start=1) if row[0] == key)
        dv = DataValidation(type="list", formula1='"' + ",".join(options) + '"', allow_blank=True)
        ident.add_data_validation(dv)
        dv.add(f"B{r}")

    ans = wb.create_sheet("Jawaban")
    for c, (name, width) in enumerate(JAWABAN_HEADERS, start=1):
        cell = ans.cell(row=1, column=c, value=name)
        cell.font, cell.fill = bold, head_fill
        ans.column_dimensions[cell.column_letter].width = width
    ans.freeze_panes = "A2"
    validations: dict[str, DataValidation] = {}
    r = 1
    for item, ind, aspect in rubric.items():
        r += 1
        weight = percent_text(ind.weight_fraction) if ind.weight is not None else "bagi rata"
        values = [
            item,
            aspect.id,
            ind.name,
            weight,
            None,
            None,
            None,
            None,
            None,
            _guide(rubric, ind, item),
        ]
        for c, v in enumerate(values, start=1):
            cell = ans.cell(row=r, column=c, value=v)
            cell.alignment = wrap
        for c in (5, 6, 7):
            ans.cell(row=r, column=c).fill = input_fill
        if rubric.values.type == "integer":
            key = ",".join(_choices(rubric, ind))
            if key not in validations:
                dv = DataValidation(
                    type="list",
                    formula1=f'"{key}"',
                    allow_blank=True,
                    errorStyle="warning",
                    error=f"Pilih tingkat {range_text(rubric.values)} dari daftar.",
                    errorTitle="Tingkat",
                    promptTitle="Tingkat",
                    prompt=f"Pilih tingkat {range_text(rubric.values)}; kriteria: kolom Panduan.",
                )
                ans.add_data_validation(dv)
                validations[key] = dv
            for col in ("E", "F", "G"):
                validations[key].add(f"{col}{r}")
        ans.row_dimensions[r].height = 15 * min(8, 1 + len(rubric.scale_of(ind).levels))
    if rubric.values.type == "decimal":
        dv = DataValidation(
            type="decimal",
            operator="between",
            formula1=str(rubric.values.min),
            formula2=str(rubric.values.max),
            allow_blank=True,
            errorStyle="warning",
            error=f"Nilai {range_text(rubric.values)}.",
            errorTitle="Nilai",
        )
        ans.add_data_validation(dv)
        dv.add(f"E2:G{r}")
    ans.auto_filter.ref = f"A1:{ans.cell(row=1, column=len(JAWABAN_HEADERS)).column_letter}{r}"

    crit = wb.create_sheet("Kriteria")
    for c, (name, width) in enumerate(
        (("No", 7), ("Indikator", 50), ("Tingkat", 8), ("Nama tingkat", 22), ("Kriteria", 110)),
        start=1,
    ):
        cell = crit.cell(row=1, column=c, value=name)
        cell.font, cell.fill = bold, head_fill
        crit.column_dimensions[cell.column_letter].width = width
    crit.freeze_panes = "A2"
    r = 1
    for ind in rubric.indicators:
        scale = rubric.scale_of(ind)
        for level, name in sorted(scale.levels.items()):
            r += 1
            text, general = rubric.guidance(ind, level) or ("", False)
            cells = (ind.id, ind.name, level, name, f"Umum: {text}" if general else text or None)
            for c, cell_value in enumerate(cells, start=1):
                crit.cell(row=r, column=c, value=cell_value).alignment = wrap

    wb.active = wb.sheetnames.index("Petunjuk")
    for ws in wb.worksheets:  # text from the user or a rubric file is text, never a formula
        for row in ws.iter_rows():
            for written in row:
                if isinstance(written, XlCell) and written.data_type == "f":
                    written.data_type = "s"
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
