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
    institution: str = "Kabupaten Contoh",
    code: str = "9901",
) -> None:
    data = build_template(load_builtin(rubric_id), institution=institution, year=year)
    wb = load_workbook(io.BytesIO(data))
    ident = wb["Identitas"]
    kind = institution.split()[0]
    extra = {"Kode": code, "Jenis": kind, "Provinsi": "Provinsi Contoh", "Tahap": "final"}
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
    evidence_example(HERE / "bukti-dukung")


# `spbe check`: Kota Contoh's 2025 self-assessment with its evidence folder, one folder per
# indicator, and every kind of finding on purpose (see examples/README.md).
LEVELS_KOTA_2025 = {str(i): 1 for i in range(1, 48)} | {
    "1": 3,
    "2": 3,
    "3": 2,
    "4": 3,
    "5": 2,
    "6": 2,
    "7": 3,
    "8": 2,
    "9": 3,
    "10": 2,
    "11": 2,
    "12": 3,
    "13": 4,
    "14": 2,
}
SELF_KOTA_2025 = {k: 2 if k == "13" else v for k, v in LEVELS_KOTA_2025.items()}
NOTES_KOTA_2025 = {
    "1": ("Perwal Arsitektur SPBE 2024.", "bukti/01 - Arsitektur SPBE/Perwal-Arsitektur-SPBE.pdf"),
    "2": ("Perwal Peta Rencana SPBE 2025-2029.", "bukti/02/Peta-Rencana-SPBE.pdf"),
    "3": ("Perwal Satu Data Kota.", "bukti/03/Perwal-Satu-Data.pdf"),
    "4": ("", "bukti/04/SE-Pembangunan-Aplikasi.pdf"),
    "5": ("Perwal Pusat Data Kota.", "bukti/05/Perwal-Pusat-Data.pdf"),
    "6": ("SK Jaringan Intra Pemerintah Kota.", "../jaringan-intra.pdf"),
    "7": (
        "Perwal Sistem Penghubung Layanan diundangkan di JDIH.",
        "https://jdih.kotacontoh.go.id/perwal/12-2024\nbukti/07/Tangkapan-layar-JDIH.png",
    ),
    "8": (
        "Kebijakan keamanan informasi.",
        "htps://spbe.kotacontoh.go.id; bukti/08/Perwal-Keamanan-Informasi.pdf",
    ),
    "9": (
        "Audit TIK internal.",
        "bukti/09/Laporan-Audit-TIK.pdf; Laporan tahunan Inspektorat 2024",
    ),
    "11": ("Dokumen Arsitektur SPBE.", "bukti/bersama/Dokumen-SPBE-2024.pdf"),
    "12": ("Dokumen Peta Rencana SPBE.", "bukti/bersama/Dokumen-SPBE-2024.pdf"),
    "13": ("Rencana dan anggaran SPBE terpadu.", "bukti/13/Laporan-Keterpaduan.pdf"),
    "14": ("Inovasi proses bisnis.", "Dokumen ada di Bagian Organisasi"),
}
# Last year's answers: indicator 4 rises two levels with no explanation, 15 falls.
LEVELS_KOTA_2024 = {str(i): 1 for i in range(1, 48)} | {"1": 1, "4": 1, "13": 3, "15": 2}


def _pdf(text: str) -> bytes:
    """A small valid one-page PDF saying `text` (ASCII)."""
    stream = f"BT /F1 14 Tf 72 760 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for n, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (n, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


# A 1×1 white PNG.
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010802000000907753de"
    "0000000c4944415478da63f8ffff3f0005fe02fea7d6a4a40000000049454e44ae426082"
)


def evidence_example(folder: Path) -> None:
    tree = folder / "bukti"
    files: dict[str, bytes] = {
        "01 - Arsitektur SPBE/Perwal-Arsitektur-SPBE.pdf": _pdf("Perwal Arsitektur SPBE"),
        "02/Peta-Rencana-SPBE.pdf": _pdf("Perwal Peta Rencana SPBE 2025-2029"),
        "03/Perwal-Satu-Data.pdf": b"",  # evidence-empty
        "04/SE-Pembangunan-Aplikasi.pdf": b"Lihat lampiran.\n",  # text, not a PDF
        "05/Draf-Perwal-Pusat-Data.pdf": _pdf("Draf Perwal Pusat Data"),  # not the one named
        "07/Tangkapan-layar-JDIH.png": PNG,
        "08/Perwal-Keamanan-Informasi.pdf": _pdf("Perwal Keamanan Informasi"),
        "09/Laporan-Audit-TIK.pdf": _pdf("Laporan Audit TIK"),
        "11/Catatan.txt": b"Lihat dokumen bersama.\n",
        "12/Catatan.txt": b"Lihat dokumen bersama.\n",
        "13/Laporan-Keterpaduan.pdf": _pdf("Laporan keterpaduan rencana dan anggaran"),
        "bersama/Dokumen-SPBE-2024.pdf": _pdf("Dokumen SPBE 2024"),
    }
    for name, data in files.items():
        path = tree / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    (tree / "06").mkdir(exist_ok=True)  # an empty folder: evidence-folder
    (tree / "06" / ".gitkeep").write_bytes(b"")
    fill(
        "permenpanrb-59-2020",
        2025,
        LEVELS_KOTA_2025,
        folder / "kota-contoh-2025.xlsx",
        self_levels=SELF_KOTA_2025,
        notes=NOTES_KOTA_2025,
        institution="Kota Contoh",
        code="9971",
    )
    lines = [
        "# Kota Contoh, last year's answers: `spbe check ... --previous` compares the levels.",
        'identitas: {instansi: Kota Contoh, tahun: 2024, kode: "9971",'
        " rubrik: permenpanrb-59-2020}",
        "jawaban:",
        *(f"  {k}: {v}" for k, v in LEVELS_KOTA_2024.items()),
    ]
    (folder / "kota-contoh-2024.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
