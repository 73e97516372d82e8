"""Batch summaries: ranks within a group of one rubric and year, shared ranks for equal shown
indices, one section per group in every summary; summary.xlsx as an analyst's workbook,
checked as LibreOffice renders it."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
import subprocess
import zipfile
from fractions import Fraction
from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet
from typer.testing import CliRunner

from spbe_cli import batch, summary, xlsx
from spbe_cli.cli.app import app
from spbe_cli.numbers import exact_text
from spbe_cli.outcome import Outcome
from spbe_cli.result import Headline, Institution

ROOT = Path(__file__).resolve().parent.parent
STAMP = ["--generated-at", "2026-01-01T00:00:00+00:00"]
BANDS = ("Kurang", "Cukup", "Baik", "Sangat Baik", "Memuaskan")
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
HAVE_PDFTOTEXT = bool(shutil.which("pdftotext") and shutil.which("pdfinfo"))
if os.environ.get("CI") and (SOFFICE is None or not HAVE_PDFTOTEXT):
    raise RuntimeError("CI must install libreoffice-calc-nogui and poppler-utils (.ci/run)")


def outcome(name: str, index: Fraction, year: int = 2024, rubric: str = "r") -> Outcome:
    h = Headline(
        Institution(name, None, None, None, year, None),
        rubric,
        BANDS,
        2,
        index,
        "Baik",
        False,
        (),
        (),
    )
    return Outcome(file=f"{name}.xlsx", result=h, stem=name)


def test_equal_shown_indices_share_a_rank_listed_by_name() -> None:
    """2.604, 2.6049 and 2.60 all show 2.60: one rank (2=), by name, whatever their exact
    order; the next rank counts them all (5)."""
    outcomes = [
        outcome("Kota C", Fraction("2.6049")),
        outcome("Kota B", Fraction("2.60")),
        outcome("Kota A", Fraction("2.604")),
        outcome("Kota D", Fraction("2.70")),
        outcome("Kota E", Fraction("2.5949")),
    ]
    table = summary.rows(batch.ranked(outcomes))
    got = [(r.headline.institution.name, r.rank_text) for r in table if r.headline]
    assert got == [
        ("Kota D", "1"),
        ("Kota A", "2="),
        ("Kota B", "2="),
        ("Kota C", "2="),
        ("Kota E", "5"),
    ]
    data = json.loads(summary.to_json(table))["rows"]
    assert [(r["rank"], r["rank_shared"]) for r in data] == [
        (1, False),
        (2, True),
        (2, True),
        (2, True),
        (5, False),
    ]
    view = summary.build_view(table, "id", "t", "spbe-cli")
    assert [r[0] for r in view.sections[0].ranking] == ["1", "2=", "2=", "2=", "5"]


def test_ranks_and_means_are_within_a_group_of_rubric_and_year() -> None:
    outcomes = [
        outcome("A", Fraction(3), 2024),
        outcome("B", Fraction(2), 2024),
        outcome("C", Fraction("2.5"), 2025),
        outcome("D", Fraction(4), 2025, "other"),
    ]
    table = summary.rows(batch.ranked(outcomes))
    got = [(r.headline.group_id, r.headline.institution.name, r.rank) for r in table if r.headline]
    assert got == [
        ("2025/other", "D", 1),
        ("2025/r", "C", 1),
        ("2024/r", "A", 1),
        ("2024/r", "B", 2),
    ]
    groups = json.loads(summary.to_json(table))["groups"]
    assert [(g["group"], g["files"], g["mean_index"]) for g in groups] == [
        ("2025/other", 1, 4.0),
        ("2025/r", 1, 2.5),
        ("2024/r", 2, 2.5),
    ]
    view = summary.build_view(table, "en", "t", "spbe-cli")
    assert [s.title for s in view.sections] == [
        "Year 2025, rubric other",
        "Year 2025, rubric r",
        "Year 2024, rubric r",
    ]
    assert view.notices[0].startswith("These files fall into 3 groups of rubric and year")
    assert [s.by_type[0][3] for s in view.sections] == ["4.00", "2.50", "2.50"]


def answer_file(folder: Path, name: str, year: int, level: int, stem: str) -> Path:
    """The 2024 example under another name and year, every indicator at `level`."""
    wb = load_workbook(ROOT / "examples" / "kabupaten-contoh-2024.xlsx")
    ident = wb["Identitas"]
    ident["B1"], ident["B2"], ident["B3"] = name, year, stem
    for row in range(2, wb["Jawaban"].max_row + 1):
        wb["Jawaban"][f"E{row}"] = level
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{stem}.xlsx"
    wb.save(path)
    return path


def province(folder: Path) -> None:
    """Two groups (2024, 2025), a tie in 2024, a long name, a Sangat Baik, a broken file."""
    answer_file(folder, "Kota Magelang", 2024, 4, "k1")
    answer_file(folder, "Kabupaten Temanggung", 2024, 4, "k2")
    answer_file(folder, "Kabupaten Wonosobo", 2024, 2, "k3")
    answer_file(folder, "Kabupaten Magelang", 2025, 3, "k4")
    answer_file(folder, "Kota Semarang", 2025, 5, "k5")
    (folder / "rusak.xlsx").write_bytes(b"this is not a workbook")


@pytest.fixture(scope="module")
def batch_out(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    base = tmp_path_factory.mktemp("summary")
    province(base / "in")
    outs = {}
    for lang in ("id", "en"):
        out = base / f"out-{lang}"
        result = CliRunner().invoke(
            app, ["batch", str(base / "in"), "--out", str(out), "--lang", lang, *STAMP]
        )
        assert result.exit_code == 2, result.output  # the broken file
        (out / "terminal.txt").write_text(result.stdout, encoding="utf-8")
        outs[lang] = out
    return outs


def test_every_summary_has_one_section_per_group(batch_out: dict[str, Path]) -> None:
    out = batch_out["en"]
    md = (out / "summary.md").read_text(encoding="utf-8")
    assert "These files fall into 2 groups of rubric and year" in md
    first, second = md.index("## Year 2025, rubric"), md.index("## Year 2024, rubric")
    assert first < md.index("Kota Semarang") < second < md.index("| 1= | Kabupaten Temanggung")
    assert md.index("| 1= | Kabupaten Temanggung") < md.index("| 1= | Kota Magelang")
    assert "| 3 | Kabupaten Wonosobo" in md
    html = (out / "summary.html").read_text(encoding="utf-8")
    assert html.count('<section class="group">') == 2
    assert "<h2>Year 2024, rubric permenpanrb-59-2020</h2>" in html
    rows = list(csv.DictReader(io.StringIO((out / "summary.csv").read_text(encoding="utf-8"))))
    assert [(r["group"], r["rank"], r["rank_shared"]) for r in rows if r["status"] == "ok"] == [
        ("2025/permenpanrb-59-2020", "1", "false"),
        ("2025/permenpanrb-59-2020", "2", "false"),
        ("2024/permenpanrb-59-2020", "1", "true"),
        ("2024/permenpanrb-59-2020", "1", "true"),
        ("2024/permenpanrb-59-2020", "3", "false"),
    ]
    terminal = (out / "terminal.txt").read_text(encoding="utf-8")
    assert "These files fall into 2 groups" in terminal
    assert terminal.index("Year 2025, rubric") < terminal.index("Year 2024, rubric")
    assert "1=" in terminal
    book = load_workbook(out / "summary.xlsx")
    groups = book["Groups"]
    assert [[c.value for c in r][:4] for r in groups.iter_rows(min_row=2)] == [
        ["Year 2025, rubric permenpanrb-59-2020", 2025, "permenpanrb-59-2020", 2],
        ["Year 2024, rubric permenpanrb-59-2020", 2024, "permenpanrb-59-2020", 3],
    ]


def columns(ws: Worksheet) -> dict[str, int]:
    return {str(c.value): c.column for c in ws[1]}


def test_workbook_sheets_headers_and_cells(batch_out: dict[str, Path]) -> None:
    book = load_workbook(batch_out["id"] / "summary.xlsx")
    assert book.sheetnames == ["Ringkasan", "Kelompok", "Domain", "Aspek", "Indikator", "Masalah"]
    assert load_workbook(batch_out["en"] / "summary.xlsx").sheetnames == [
        "Summary",
        "Groups",
        "Domains",
        "Aspects",
        "Indicators",
        "Problems",
    ]
    for ws in book.worksheets:
        assert ws.freeze_panes == "B2", ws.title
        assert ws.auto_filter.ref == f"A1:{ws.cell(1, ws.max_column).column_letter}{ws.max_row}"
        for col in range(1, ws.max_column + 1):  # every value fits its column
            letter = ws.cell(1, col).column_letter
            width = ws.column_dimensions[letter].width
            for row in range(2, ws.max_row + 1):
                cell = ws.cell(row, col)
                shown = f"{cell.value:.2f}" if isinstance(cell.value, float) else cell.value
                if shown is not None and not cell.alignment.wrap_text:
                    assert width >= len(str(shown)) + 2, (ws.title, letter, shown)
    ws = book["Ringkasan"]
    col = columns(ws)
    header = list(col)
    assert header[0] == "Instansi" and header[-1] == "Berkas"
    assert {"Peringkat", "Indeks", "Predikat", "Indeks (eksak)", "Di batas predikat"} <= set(col)
    rows = {ws.cell(r, 1).value: r for r in range(2, ws.max_row + 1)}
    magelang = rows["Kota Magelang"]
    index = ws.cell(magelang, col["Indeks"])
    assert index.data_type == "n" and index.value == 4.0 and index.number_format == "0.00"
    assert ws.cell(magelang, col["Indeks (eksak)"]).value == exact_text(Fraction(4))
    predikat = ws.cell(magelang, col["Predikat"])
    assert predikat.value == "Sangat Baik" and predikat.fill.fgColor.rgb == "FFCFE2F3"
    rank = ws.cell(magelang, col["Peringkat"])
    assert rank.value == 1 and rank.data_type == "n" and rank.number_format == '0"="'
    assert ws.cell(rows["Kabupaten Wonosobo"], col["Peringkat"]).number_format == "General"
    boundary = ws.cell(magelang, col["Di batas predikat"])
    assert boundary.data_type == "b" and boundary.value is False
    assert ws.cell(magelang, col["Tahun"]).value == 2024
    assert str(ws.cell(magelang, col["Berkas"]).value).endswith("k1.xlsx")


def test_workbook_matrices_and_problems(batch_out: dict[str, Path]) -> None:
    book = load_workbook(batch_out["id"] / "summary.xlsx")
    domains = book["Domain"]
    col = columns(domains)
    assert list(col)[:3] == ["Instansi", "Kelompok", "D1 Kebijakan Internal SPBE"]
    assert list(col)[-1] == "Berkas"
    semarang = next(
        r for r in range(2, domains.max_row + 1) if domains.cell(r, 1).value == "Kota Semarang"
    )
    d1 = domains.cell(semarang, 3)
    assert d1.value == 5.0 and d1.number_format == "0.00"
    rules = [rule for cf in domains.conditional_formatting for rule in cf.rules]
    assert [r.type for r in rules] == ["colorScale"]
    assert str(next(iter(domains.conditional_formatting)).sqref) == f"C2:F{domains.max_row}"
    aspects = book["Aspek"]
    assert [c.value for c in aspects[1]][2].startswith("A1 ")
    indicators = book["Indikator"]
    assert indicators.max_column == 2 + 47 + 1
    assert indicators.cell(semarang, 3).value == 5 and indicators.cell(semarang, 3).data_type == "n"
    problems = book["Masalah"]
    assert [c.value for c in problems[1]] == ["Instansi", "Masalah", "Berkas"]
    (row,) = list(problems.iter_rows(min_row=2, values_only=True))
    assert row[0] is None and "rusak.xlsx" in str(row[1]) and str(row[2]).endswith("rusak.xlsx")


@pytest.mark.skipif(SOFFICE is None or not HAVE_PDFTOTEXT, reason="needs LibreOffice, poppler")
def test_workbook_as_libreoffice_renders_it(batch_out: dict[str, Path], tmp_path: Path) -> None:
    """Printed by LibreOffice (every sheet, landscape, fit to width): every institution name
    and predikat whole on the page, nothing cut at a column edge."""
    assert SOFFICE is not None
    profile = (tmp_path / "profile").as_uri()
    subprocess.run(
        [
            SOFFICE,
            f"-env:UserInstallation={profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(batch_out["id"] / "summary.xlsx"),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    pdf = tmp_path / "summary.pdf"
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    pages = int(next(x for x in info.stdout.splitlines() if x.startswith("Pages:")).split()[1])
    assert 6 <= pages <= 12  # one page or two per sheet
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    lines = text.splitlines()
    names = ["Kota Magelang", "Kabupaten Temanggung", "Kabupaten Wonosobo", "Kabupaten Magelang"]
    for name in [*names, "Kota Semarang"]:
        # each sheet but Kelompok and Masalah names every institution, whole
        assert sum(name in line for line in lines) >= 4, name
    magelang = next(x for x in lines if x.startswith("Kota Magelang") and "Sangat Baik" in x)
    assert "4.00" in magelang or "4,00" in magelang
    assert any("Kota Semarang" in x and "Memuaskan" in x for x in lines)
    assert "Sangat Bai " not in text and "Kota Mage " not in text
    assert "Tidak" in magelang  # the boolean as the catalogue's word, not 0


def test_workbook_cells_equal_in_value_keep_their_type() -> None:
    """The writer makes a cell's XML once per value and look: 1, 1.0 and True are equal in
    Python, as are 0.0 and -0.0, yet each is written as what it is."""
    rows: list[list[xlsx.Value | xlsx.Cell]] = [
        [1, xlsx.Cell(1)],
        [1.0, xlsx.Cell(1.0)],
        [True, xlsx.Cell(True)],
        [0.0, xlsx.Cell(0.0, "0.00")],
        [-0.0, xlsx.Cell(-0.0, "0.00")],
        [0, xlsx.Cell(False)],
    ]
    data = xlsx.write_book([xlsx.Sheet("S", ["a", "b"], rows)])
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        sheet = zf.read("xl/worksheets/sheet1.xml").decode()
    cells = re.findall(r'<c r="([AB]\d)" s="\d+"( t="b")?><v>([^<]*)</v></c>', sheet)
    written = {ref: (value, bool(boolean)) for ref, boolean, value in cells}
    for column in "AB":
        assert [written[f"{column}{r}"] for r in range(2, 8)] == [
            ("1", False),
            ("1.0", False),
            ("1", True),
            ("0.0", False),
            ("-0.0", False),
            ("0", column == "B"),
        ]
    book = load_workbook(io.BytesIO(data))["S"]
    assert [book.cell(r, 1).value for r in (2, 4, 7)] == [1, True, 0]
