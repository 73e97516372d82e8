"""The same answers in every supported format give the same result as the .xlsx."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from spbe_cli.cli.app import app

ROOT = Path(__file__).resolve().parent.parent
FORMATS = Path(__file__).parent / "data" / "formats"


def result(runner: CliRunner, path: Path) -> dict[str, object]:
    out = runner.invoke(app, ["score", str(path), "-f", "json"])
    assert out.exit_code == 0, out.output
    data = json.loads(out.stdout)
    data.pop("input")
    for i in data["indicators"]:
        i.pop("target"), i.pop("evidence")  # not carried into the other formats
        if i["explanation"] is not None:
            i["explanation"] = "kept"
    # nor is Bukti Dukung, so the evidence readiness line (spbe check in brief) neither
    data["warnings"] = [w for w in data["warnings"] if not w["code"].startswith("evidence-")]
    return data


@pytest.mark.parametrize("suffix", ["xls", "ods", "xlsm", "csv"])
def test_same_result_as_xlsx(runner: CliRunner, suffix: str) -> None:
    expected = result(runner, ROOT / "examples" / "kabupaten-contoh-2024.xlsx")
    got = result(runner, FORMATS / f"kabupaten-contoh-2024.{suffix}")
    assert got == expected
    assert got["index"] == 2.63


def test_a_wrong_level_in_an_ods_is_located(runner: CliRunner, tmp_path: Path) -> None:
    import zipfile

    src = FORMATS / "kabupaten-contoh-2024.ods"
    bad = tmp_path / "jawaban.ods"
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(bad, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename == "content.xml":
                # the first value 3 is indicator 1's level (row 2: No 1, Tingkat 3)
                data = data.replace(b'office:value="3', b'office:value="7', 1)
            zout.writestr(info, data)
    out = runner.invoke(app, ["score", str(bad)])
    assert out.exit_code == 2
    assert f"{bad}: Jawaban!C2: tingkat 7 di luar 1–5 untuk indikator 1" in out.stderr
