"""The `spbe` command as users run it: exit codes, messages, the JSON contract."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from spbe_cli.cli.app import app

EXPECTED = {
    "kabupaten-contoh-2019.xlsx": ("permenpanrb-5-2018", 2.64, "Baik"),
    "kabupaten-contoh-2024.xlsx": ("permenpanrb-59-2020", 2.63, "Baik"),
    "kabupaten-contoh-2025.yaml": ("permenpanrb-59-2020", 2.90, "Baik"),
    "kabupaten-contoh-2026.xlsx": ("permenpanrb-8-2026", 1.24, "Kurang"),
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_score_table(runner: CliRunner, examples: Path, name: str) -> None:
    result = runner.invoke(app, ["score", str(examples / name)])
    assert result.exit_code == 0, result.output
    rubric, index, predikat = EXPECTED[name]
    assert f"{index:.2f}  {predikat}" in result.stdout
    assert "Kabupaten Contoh" in result.stdout
    assert rubric in result.stdout


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_score_json_contract(runner: CliRunner, examples: Path, name: str) -> None:
    result = runner.invoke(app, ["score", str(examples / name), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    rubric, index, predikat = EXPECTED[name]
    assert data["format_version"] == 1
    assert data["tool"]["name"] == "spbe-cli"
    assert data["rubric"]["id"] == rubric and len(data["rubric"]["sha256"]) == 64
    assert set(data["institution"]) == {"name", "code", "type", "province", "year", "stage"}
    assert data["index"] == index and data["predikat"] == predikat
    assert isinstance(data["index_exact"], str) and isinstance(data["predikat_boundary"], bool)
    for d in data["domains"]:
        assert set(d) >= {"id", "name", "weight", "index", "index_exact", "predikat"}
        assert d["id"].startswith("D")
    for a in data["aspects"]:
        assert set(a) >= {"id", "name", "domain", "weight", "index", "index_exact"}
    for i in data["indicators"]:
        assert set(i) >= {
            "id",
            "name",
            "aspect",
            "weight",
            "level",
            "level_name",
            "self_level",
            "contribution",
        }
    assert isinstance(data["warnings"], list)
    total = sum(i["contribution"] for i in data["indicators"])
    assert abs(total - index) < 0.006


def test_json_self_assessment(runner: CliRunner, examples: Path) -> None:
    result = runner.invoke(
        app, ["score", str(examples / "kabupaten-contoh-2024.xlsx"), "-f", "json"]
    )
    data = json.loads(result.stdout)
    sa = data["self_assessment"]
    assert sa["index"] > data["index"] and sa["difference"] == pytest.approx(
        sa["index"] - data["index"], abs=0.011
    )
    ids = [i["id"] for i in data["indicators"]]
    assert ids == [str(n) for n in range(1, 48)]
    assert data["indicators"][1]["level"] == 3  # typed as "Tingkat 3"
    assert data["indicators"][31]["level_name"] == "Kolaborasi"  # typed as the name alone


def test_json_repeated_items(runner: CliRunner, examples: Path) -> None:
    result = runner.invoke(
        app, ["score", str(examples / "kabupaten-contoh-2019.xlsx"), "-f", "json"]
    )
    data = json.loads(result.stdout)
    assert [i["id"] for i in data["indicators"]][-3:] == ["35", "35-2", "35-3"]
    assert data["indicators"][-1]["weight_exact"] == "3.3333333333"
    assert [w["code"] for w in data["warnings"]] == ["unconfirmed-rubric"]


def test_output_file_and_refusal_to_overwrite_input(
    runner: CliRunner, examples: Path, tmp_path: Path
) -> None:
    src = tmp_path / "a.xlsx"
    src.write_bytes((examples / "kabupaten-contoh-2024.xlsx").read_bytes())
    out = tmp_path / "r.json"
    result = runner.invoke(app, ["score", str(src), "-f", "json", "-o", str(out)])
    assert result.exit_code == 0 and json.loads(out.read_text())["index"] == 2.63
    before = src.read_bytes()
    result = runner.invoke(app, ["score", str(src), "-f", "json", "-o", str(src)])
    assert result.exit_code == 2
    assert "menolak menimpa berkas masukan" in result.stderr
    assert src.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_missing_min_scores_and_says_so(runner: CliRunner, examples: Path, tmp_path: Path) -> None:
    wb = load_workbook(examples / "kabupaten-contoh-2024.xlsx")
    wb["Jawaban"]["E2"].value = None
    path = tmp_path / "gap.xlsx"
    wb.save(path)
    assert runner.invoke(app, ["score", str(path)]).exit_code == 2
    result = runner.invoke(app, ["score", str(path), "--missing", "min", "-f", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["indicators"][0]["level"] == 1 and data["indicators"][0]["scored_by_missing"]
    assert data["warnings"][0]["code"] == "missing-scored-at-minimum"
    table = runner.invoke(app, ["score", str(path), "--missing", "min"])
    assert "dinilai pada tingkat minimum" in table.stdout


def test_predikat_basis_option(runner: CliRunner, examples: Path) -> None:
    path = str(examples / "kabupaten-contoh-2024.xlsx")
    result = runner.invoke(app, ["score", path, "-f", "json", "--predikat-basis", "exact"])
    assert json.loads(result.stdout)["predikat_basis"] == "exact"


def test_rubric_override(runner: CliRunner, examples: Path) -> None:
    # The 2025 YAML answers scored against its own rubric named explicitly.
    path = str(examples / "kabupaten-contoh-2025.yaml")
    result = runner.invoke(app, ["score", path, "--rubric", "permenpanrb-59-2020", "-f", "json"])
    assert json.loads(result.stdout)["rubric"]["selected_by"] == "given with --rubric"


def test_rubrics_commands(runner: CliRunner, tmp_path: Path) -> None:
    listing = runner.invoke(app, ["rubrics"])
    assert listing.exit_code == 0
    for rid in ("permenpanrb-5-2018", "permenpanrb-59-2020", "permenpanrb-8-2026"):
        assert rid in listing.stdout
    show = runner.invoke(app, ["rubrics", "show", "permenpanrb-59-2020"])
    assert (
        show.exit_code == 0 and "Layanan Publik Sektor 3" in show.stdout and "45.50" in show.stdout
    )
    bad = tmp_path / "bad.yaml"
    bad.write_text("id: x\n", encoding="utf-8")
    check = runner.invoke(app, ["rubrics", "check", str(bad)])
    assert check.exit_code == 2 and f"{bad}: baris 1" in check.stderr
    assert runner.invoke(app, ["rubrics", "show", "nope"]).exit_code == 2


def test_template_round_trip(runner: CliRunner, tmp_path: Path) -> None:
    for rid, value in (
        ("permenpanrb-59-2020", "Tingkat 3"),
        ("permenpanrb-5-2018", 4),
        ("permenpanrb-8-2026", "2,5"),
    ):
        path = tmp_path / f"{rid}.xlsx"
        result = runner.invoke(app, ["template", "--rubric", rid, "-o", str(path)])
        assert result.exit_code == 0, result.output
        wb = load_workbook(path)
        assert wb.sheetnames == ["Petunjuk", "Identitas", "Jawaban", "Kriteria"]
        ws = wb["Jawaban"]
        assert ws.freeze_panes == "A2"
        header = [c.value for c in ws[1]]
        level_col = header.index("Tingkat")
        for row in ws.iter_rows(min_row=2):
            if "-" not in str(row[0].value):
                row[level_col].value = value
        ident = wb["Identitas"]
        ident["B1"], ident["B2"] = "Kota Uji", 2024
        wb.save(path)
        scored = runner.invoke(app, ["score", str(path), "-f", "json"])
        assert scored.exit_code == 0, scored.output
        data = json.loads(scored.stdout)
        assert data["rubric"]["id"] == rid
        assert (
            data["index_exact"]
            == {
                "permenpanrb-59-2020": "3.00",
                "permenpanrb-5-2018": "4.00",
                "permenpanrb-8-2026": "2.50",
            }[rid]
        )


def test_template_has_dropdowns_and_help(tmp_path: Path) -> None:
    from spbe_cli.rubric import load_builtin
    from spbe_cli.template import build_template

    wb = load_workbook(io.BytesIO(build_template(load_builtin("permenpanrb-59-2020"))))
    ws = wb["Jawaban"]
    formulas = {dv.formula1 for dv in ws.data_validations.dataValidation}
    assert (
        '"1 - Rintisan,2 - Terkelola,3 - Terdefinisi,4 - Terpadu dan Terukur,5 - Optimum"'
        in formulas
    )
    assert '"1 - Informasi,2 - Interaksi,3 - Transaksi,4 - Kolaborasi,5 - Optimum"' in formulas
    guide = ws.cell(row=2, column=10).value
    assert guide.startswith("1 Rintisan: ") and "\n5 Optimum: " in guide


def test_python_dash_m(examples: Path) -> None:
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "spbe_cli",
            "score",
            str(examples / "kabupaten-contoh-2026.xlsx"),
            "-f",
            "json",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["index"] == 1.24


def test_no_traceback_on_missing_file(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(app, ["score", str(tmp_path / "nope.xlsx")])
    assert result.exit_code == 2
    assert f"{tmp_path / 'nope.xlsx'}: berkas tidak ditemukan" in result.stderr


def test_level_name_must_agree_with_number(
    runner: CliRunner, examples: Path, tmp_path: Path
) -> None:
    """`3 - Terdefinisi` on a service indicator (its level 3 is Transaksi) is caught."""
    wb = load_workbook(examples / "kabupaten-contoh-2024.xlsx")
    wb["Jawaban"]["E33"].value = "3 - Terdefinisi"
    path = tmp_path / "names.xlsx"
    wb.save(path)
    result = runner.invoke(app, ["score", str(path)])
    assert result.exit_code == 2
    assert (
        "Jawaban!E33: tingkat 3 bernama 'Transaksi', bukan 'Terdefinisi' untuk indikator 32"
        in result.stderr
    )
    english = runner.invoke(app, ["score", str(path), "--lang", "en"])
    assert (
        "Jawaban!E33: level 3 is named 'Transaksi', not 'Terdefinisi' for indicator 32"
        in english.stderr
    )


def test_rubric_schema_for_authors(runner: CliRunner) -> None:
    out = runner.invoke(app, ["rubrics", "schema"])
    assert out.exit_code == 0
    schema = json.loads(out.stdout)
    assert schema["additionalProperties"] is False  # a typo in a key fails loudly
    indicator = schema["$defs"]["Indicator"]["properties"]
    assert "% of the whole index" in indicator["weight"]["description"]
    assert {"id", "name", "weight", "scale", "repeat", "criteria", "external_index"} <= set(
        indicator
    )
