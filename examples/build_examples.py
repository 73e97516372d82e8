"""Rebuild the example workbooks from the canonical template (run from the repository root).

    python examples/build_examples.py

Each example is the template of its rubric, filled in as a Diskominfo would fill it, so
the examples also prove that template → fill → score round-trips.
"""

from __future__ import annotations

import io
import sys
from fractions import Fraction
from pathlib import Path

from openpyxl import load_workbook

from spbe_cli.rubric import load_builtin
from spbe_cli.template import build_template

HERE = Path(__file__).resolve().parent

# PermenPANRB 5/2018: the Kota Denpasar 2018 levels of the fact sheet (official index 2.64).
LEVELS_2019 = dict(
    zip(
        [str(i) for i in range(1, 35)] + ["35", "35-2", "35-3"],
        [
            1,
            1,
            1,
            3,
            2,
            3,
            3,
            2,
            1,
            1,
            1,
            3,
            3,
            3,
            1,
            3,
            3,
            1,
            3,
            2,
            3,
            3,
            2,
            2,
            3,
            1,
            4,
            4,
            4,
            3,
            4,
            3,
            2,
            3,
            1,
            3,
            3,
        ],
        strict=True,
    )
)

# PermenPANRB 59/2020: an ordinary kabupaten, Baik.
LEVELS_2024 = dict(
    zip(
        [str(i) for i in range(1, 48)],
        [
            3,
            3,
            2,
            3,
            2,
            2,
            2,
            3,
            2,
            3,
            2,
            2,
            3,
            2,
            3,
            2,
            3,
            2,
            3,
            2,
            2,
            2,
            2,
            1,
            2,
            2,
            1,
            2,
            1,
            1,
            1,
            4,
            3,
            4,
            4,
            3,
            3,
            3,
            3,
            3,
            3,
            3,
            3,
            4,
            3,
            2,
            3,
        ],
        strict=True,
    )
)
SELF_2024 = {k: min(5, v + 1) if int(k) <= 20 else v for k, v in LEVELS_2024.items()}
NOTES_2024 = {
    "1": ("Perbup Arsitektur SPBE ditetapkan 2022, memuat semua domain.", "Perbup No. 12/2022"),
    "32": ("e-Planning terhubung dengan SIPD dan aplikasi keuangan.", "Tangkapan layar, BA uji"),
    "42": ("SP4N-LAPOR! dipakai semua perangkat daerah.", "Laporan tindak lanjut 2024"),
}

# PermenPANRB 8/2026: the public 2026 assessor case of the fact sheet (Indeks Pemdi 1.24).
VALUES_2026 = {
    "1": 2.0,
    "2": 1.5,
    "3": 1.26,
    "4": 1.3,
    "5": 1.0,
    "6": 1.0,
    "7": 1.0,
    "8": 1.0,
    "9": 1.0,
    "10": 1.0,
    "11": 1.5,
    "12": 1.25,
    "13": float(Fraction(7, 6)),
    "14": 1.0,
    "15": 1.0,
    "16": 1.0,
    "17": 2.5,
    "18": 1.0,
    "19": 1.0,
    "20": 1.3,
}


def fill(
    rubric_id: str,
    year: int,
    levels: dict[str, object],
    out: Path,
    self_levels: dict[str, object] | None = None,
    notes: dict[str, tuple[str, str]] | None = None,
) -> None:
    data = build_template(load_builtin(rubric_id), institution="Kabupaten Contoh", year=year)
    wb = load_workbook(io.BytesIO(data))
    ident = wb["Identitas"]
    extra = {"Kode": "9901", "Jenis": "Kabupaten", "Provinsi": "Provinsi Contoh", "Tahap": "final"}
    for row in ident.iter_rows(min_row=1, max_col=2):
        key = row[0].value
        if key in extra:
            row[1].value = extra[key]
    ws = wb["Jawaban"]
    header = [c.value for c in ws[1]]
    col = {name: header.index(name) for name in header}
    for row in ws.iter_rows(min_row=2):
        item = str(row[col["No"]].value)
        if item in levels:
            row[col["Tingkat"]].value = levels[item]
        if self_levels and item in self_levels:
            row[col["Tingkat Mandiri"]].value = self_levels[item]
        if notes and item in notes:
            row[col["Penjelasan"]].value, row[col["Bukti Dukung"]].value = notes[item]
    wb.save(out)
    print(f"wrote {out.relative_to(HERE.parent)}", file=sys.stderr)


def main() -> None:
    fill("permenpanrb-5-2018", 2019, LEVELS_2019, HERE / "kabupaten-contoh-2019.xlsx")
    # Levels typed the way people type them: names, "Tingkat 3", "3 - Terdefinisi".
    typed = {k: v for k, v in LEVELS_2024.items()}
    typed["2"], typed["11"], typed["32"] = "Tingkat 3", "2 - Terkelola", "Kolaborasi"
    fill(
        "permenpanrb-59-2020",
        2024,
        typed,
        HERE / "kabupaten-contoh-2024.xlsx",
        self_levels=SELF_2024,
        notes=NOTES_2024,
    )
    fill("permenpanrb-8-2026", 2026, VALUES_2026, HERE / "kabupaten-contoh-2026.xlsx")


if __name__ == "__main__":
    main()
