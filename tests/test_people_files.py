"""Files as people make them: synonyms, numbered lists, notes under the table, lock files,
costs exported by a spreadsheet in another locale."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from spbe_cli.cli.app import app
from spbe_cli.readers.costs import read_costs
from spbe_cli.rubric import load_rubric

EXAMPLE = "kabupaten-contoh-2024.xlsx"


def edited(examples: Path, tmp: Path, edits: dict[str, Any]) -> Path:
    path = tmp / EXAMPLE
    shutil.copy(examples / EXAMPLE, path)
    wb = load_workbook(path)
    for ref, value in edits.items():
        sheet, cell = ref.split("!")
        wb[sheet][cell].value = value
    wb.save(path)
    return path


def score_json(runner: Any, path: Path) -> dict[str, Any]:
    result = runner.invoke(app, ["score", str(path), "-f", "json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)  # type: ignore[no-any-return]


@pytest.mark.parametrize(
    ("typed", "kind"),
    [
        ("Pemerintah Kabupaten", "Kabupaten"),
        ("Pemkab", "Kabupaten"),
        ("Kab.", "Kabupaten"),
        ("Pemerintah Kota", "Kota"),
        ("PEMKOT", "Kota"),
        ("Pemprov", "Provinsi"),
        ("pemerintah provinsi", "Provinsi"),
        ("kementerian", "Kementerian"),
    ],
)
def test_jenis_synonyms_are_the_official_type(
    typed: str, kind: str, runner: Any, examples: Path, tmp_path: Path
) -> None:
    result = score_json(runner, edited(examples, tmp_path, {"Identitas!B4": typed}))
    assert result["institution"]["type"] == kind


def test_k_l_is_asked_to_be_one_of_the_two(runner: Any, examples: Path, tmp_path: Path) -> None:
    path = edited(examples, tmp_path, {"Identitas!B4": "K/L"})
    result = runner.invoke(app, ["score", str(path)])
    assert result.exit_code == 2
    assert f"{path}: Identitas!B4: Jenis 'K/L' menyebut dua jenis" in result.stderr
    english = runner.invoke(app, ["score", str(path), "--lang", "en"])
    assert f"{path}: Identitas!B4: Jenis (Type) 'K/L' names two types" in english.stderr


def test_numbered_list_ids_are_indicator_numbers(
    runner: Any, examples: Path, tmp_path: Path
) -> None:
    original = score_json(runner, examples / EXAMPLE)
    path = edited(examples, tmp_path, {"Jawaban!A2": "1.", "Jawaban!A3": "02", "Jawaban!A4": "3."})
    assert score_json(runner, path)["index_exact"] == original["index_exact"]


def test_a_note_under_the_table_ends_it(runner: Any, examples: Path, tmp_path: Path) -> None:
    original = score_json(runner, examples / EXAMPLE)
    path = edited(
        examples,
        tmp_path,
        {"Jawaban!A50": "Catatan: data diverifikasi oleh Inspektorat", "Jawaban!A51": "Keterangan"},
    )
    assert score_json(runner, path)["index_exact"] == original["index_exact"]


def test_an_answer_below_the_note_is_an_error(runner: Any, examples: Path, tmp_path: Path) -> None:
    path = edited(
        examples,
        tmp_path,
        {"Jawaban!A50": "Catatan:", "Jawaban!A52": "12", "Jawaban!E52": 4},
    )
    result = runner.invoke(app, ["score", str(path)])
    assert result.exit_code == 2
    assert (
        f"{path}: Jawaban!A52: ada jawaban di bawah catatan di Jawaban!A50, padahal catatan"
        " mengakhiri tabel jawaban" in result.stderr
    )
    english = runner.invoke(app, ["score", str(path), "--lang", "en"])
    assert (
        f"{path}: Jawaban!A52: an answer below the note at Jawaban!A50, which ends the answer"
        " table" in english.stderr
    )


def test_a_note_that_names_an_unknown_number_is_not_a_note(
    runner: Any, examples: Path, tmp_path: Path
) -> None:
    path = edited(examples, tmp_path, {"Jawaban!A50": "99"})
    result = runner.invoke(app, ["score", str(path)])
    assert result.exit_code == 2
    assert "Jawaban!A50: indikator '99' tidak dikenal" in result.stderr


def test_excel_lock_file_says_close_the_workbook(runner: Any, tmp_path: Path) -> None:
    lock = tmp_path / "~$jawaban.xlsx"
    lock.write_bytes(b"\x04Budi" + b" " * 50 + b"\x04\x00B\x00u\x00d\x00i\x00")
    result = runner.invoke(app, ["score", str(lock)])
    assert result.exit_code == 2
    assert "berkas kunci Excel untuk 'jawaban.xlsx'" in result.stderr
    assert "nilai 'jawaban.xlsx'" in result.stderr
    english = runner.invoke(app, ["score", str(lock), "--lang", "en"])
    assert "lock file for 'jawaban.xlsx'" in english.stderr
    assert "score 'jawaban.xlsx'" in english.stderr


@pytest.mark.parametrize(
    "text",
    [
        "indikator;biaya;tingkat\n12;3;\n32;2;3\n32;8;4\n",
        "Indikator\tBiaya\tTingkat\n12\t3\t\n32\t2\t3\n32\t8\t4\n",
        "indicator,cost,level\n12,3,\n32,2,3\n32,8,4\n",
        "No;Upaya\n12;3\n\n32;2\n",
    ],
)
def test_costs_csv_in_any_locale(text: str, tmp_path: Path) -> None:
    path = tmp_path / "biaya.csv"
    path.write_text(text, encoding="utf-8")
    costs = read_costs(path, load_rubric("permenpanrb-59-2020").rubric)
    assert costs["12"] == {0: 3}
    assert costs["32"][3 if "tingkat" in text.lower() or "level" in text else 0] == 2


def test_costs_csv_with_decimal_commas_under_semicolons(tmp_path: Path) -> None:
    path = tmp_path / "biaya.csv"
    path.write_text("indikator;biaya\n12;2,5\n", encoding="utf-8")
    costs = read_costs(path, load_rubric("permenpanrb-59-2020").rubric)
    assert costs["12"][0] * 2 == 5
