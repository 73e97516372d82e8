"""The instrument follows the year: the template picks the year's rubric, and a workbook
whose Rubrik does not cover its Tahun is scored as named but said so first, everywhere.
Also the 8/2026 general level guidance in reports, plans and the template."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from spbe_cli.cli.app import app

ROOT = Path(__file__).resolve().parent.parent
MISMATCH = "rubric-year-mismatch"


def _identity(path: Path) -> dict[str, object]:
    wb = load_workbook(path)
    return {row[0].value: row[1].value for row in wb["Identitas"].iter_rows()}


@pytest.mark.parametrize(
    ("args", "rubric", "indicators"),
    [
        (["--year", "2026"], "permenpanrb-8-2026", 20),
        (["--year", "2024"], "permenpanrb-59-2020", 47),
        (["--year", "2019"], "permenpanrb-5-2018", 35),
        (["--year", "2026", "--rubric", "permenpanrb-59-2020"], "permenpanrb-59-2020", 47),
    ],
)
def test_template_picks_the_rubric_of_the_year(
    runner: CliRunner, tmp_path: Path, args: list[str], rubric: str, indicators: int
) -> None:
    target = tmp_path / "t.xlsx"
    result = runner.invoke(app, ["template", "-o", str(target), *args, "--lang", "en"])
    assert result.exit_code == 0, result.output
    ident = _identity(target)
    assert ident["Rubrik"] == rubric and ident["Tahun"] == int(args[1])
    assert f"({indicators} indicators, {rubric}" in result.stderr
    overridden = "--rubric" in args
    assert ("not for the year 2026" in result.stderr) == overridden


def _mismatched(tmp_path: Path) -> Path:
    answers = "\n".join(f"  {i}: 3" for i in range(1, 48))
    path = tmp_path / "kota-uji.yaml"
    path.write_text(
        "identitas: {instansi: Kota Uji, tahun: 2026, rubrik: permenpanrb-59-2020}\n"
        f"jawaban:\n{answers}\n",
        encoding="utf-8",
    )
    return path


def test_rubric_that_does_not_cover_the_year_is_said_first(
    runner: CliRunner, tmp_path: Path
) -> None:
    path = _mismatched(tmp_path)
    result = json.loads(runner.invoke(app, ["score", str(path), "-f", "json"]).stdout)
    assert result["rubric"]["id"] == "permenpanrb-59-2020" and result["index"] == 3.0
    warning = result["warnings"][0]
    assert warning["code"] == MISMATCH
    assert warning["params"] == {
        "rubric": "permenpanrb-59-2020",
        "years": "2021–2025",
        "year": "2026",
        "expected": "permenpanrb-8-2026",
    }
    table = runner.invoke(app, ["score", str(path)]).stdout
    assert table.index("bukan untuk Tahun 2026") < table.index("Indeks SPBE: 3.00")
    assert table.count("bukan untuk Tahun 2026") == 1
    english = runner.invoke(app, ["score", str(path), "--lang", "en"]).stdout
    assert english.index("not to the year 2026") < english.index("Indeks SPBE: 3.00")
    md = runner.invoke(app, ["score", str(path), "-f", "md"]).stdout
    assert md.index("bukan untuk Tahun 2026") < md.index("## Indeks SPBE")
    html = runner.invoke(app, ["score", str(path), "-f", "html", "--lang", "en"]).stdout
    assert html.index("not to the year 2026") < html.index('<section class="hero')


def test_a_rubric_that_covers_its_year_says_nothing(runner: CliRunner) -> None:
    for example in ("kabupaten-contoh-2024.xlsx", "kabupaten-contoh-2026.xlsx"):
        out = runner.invoke(app, ["score", str(ROOT / "examples" / example), "-f", "json"])
        assert MISMATCH not in out.stdout


def test_batch_counts_the_mismatched(runner: CliRunner, tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    _mismatched(inputs)
    (inputs / "contoh.xlsx").write_bytes(
        (ROOT / "examples/kabupaten-contoh-2024.xlsx").read_bytes()
    )
    out = tmp_path / "out"
    result = runner.invoke(app, ["batch", str(inputs), "--out", str(out), "-q"])
    assert result.exit_code == 0, result.output
    assert "1 berkas dinilai dengan rubrik yang tidak berlaku untuk tahunnya: Kota Uji" in (
        result.stderr
    )
    md = (out / "summary.md").read_text(encoding="utf-8")
    assert md.index("1 berkas dinilai dengan rubrik yang tidak berlaku") < md.index("## Peringkat")
    rows = {r["institution"]: r for r in json.loads((out / "summary.json").read_text())["rows"]}
    assert rows["Kota Uji"]["warnings"][0] == MISMATCH
    assert MISMATCH not in rows["Kabupaten Contoh"]["warnings"]
    assert "tidak berlaku untuk Tahun-nya" in (out / "summary.html").read_text(encoding="utf-8")


def test_2026_reports_fall_back_to_general_guidance(runner: CliRunner) -> None:
    example = str(ROOT / "examples/kabupaten-contoh-2026.xlsx")
    md = runner.invoke(app, ["score", example, "-f", "md"]).stdout
    assert "kriteria belum ada di rubrik" not in md
    assert "Untuk naik ke tingkat 2 (Terkelola), panduan umum: Kegiatan berjalan dengan" in md
    assert "bukan kriteria resmi indikator" in md  # the report says the guidance is general
    en = runner.invoke(app, ["score", example, "-f", "md", "--lang", "en"]).stdout
    assert "general guidance (in Indonesian)" in en and "not the indicator's official" in en
    plan = runner.invoke(app, ["plan", example, "-f", "csv"]).stdout
    assert "pedoman" in plan
    table = runner.invoke(app, ["plan", example, "-f", "md"]).stdout
    assert "Panduan umum skala: Kegiatan" in table


def test_2024_reports_keep_their_own_criteria(runner: CliRunner) -> None:
    md = runner.invoke(
        app, ["score", str(ROOT / "examples/kabupaten-contoh-2024.xlsx"), "-f", "md"]
    )
    assert "panduan umum" not in md.stdout.casefold()


def test_template_shows_general_guidance_marked(runner: CliRunner, tmp_path: Path) -> None:
    target = tmp_path / "t.xlsx"
    assert runner.invoke(app, ["template", "--year", "2026", "-o", str(target)]).exit_code == 0
    wb = load_workbook(target)
    criteria = [row[4].value for row in wb["Kriteria"].iter_rows(min_row=2)]
    assert criteria and all(str(c).startswith("Umum: ") for c in criteria)
    guide = wb["Jawaban"]["J2"].value
    assert "panduan umum skala kematangan (sumber sekunder)" in guide
