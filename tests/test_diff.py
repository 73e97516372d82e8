"""`spbe diff`: exact contributions, cross-version honesty, batch matching, gates, gold."""

from __future__ import annotations

import json
import os
import re
from fractions import Fraction
from html import unescape
from pathlib import Path

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from spbe_cli.cli.app import _optional_flag_values, app

ROOT = Path(__file__).resolve().parent.parent
EX = ROOT / "examples"
GOLD = Path(__file__).parent / "gold"
UPDATE = os.environ.get("SPBE_UPDATE_GOLD") == "1"


def run(runner: CliRunner, *args: str, code: int = 0) -> str:
    result = runner.invoke(app, _optional_flag_values(list(args)))
    assert result.exit_code == code, result.output
    return result.stdout


def test_contributions_add_up_to_delta_exactly(runner: CliRunner) -> None:
    data = json.loads(
        run(
            runner,
            "diff",
            str(EX / "kabupaten-contoh-2024.xlsx"),
            str(EX / "kabupaten-contoh-2025.yaml"),
            "-f",
            "json",
        )
    )
    assert data["comparable"] and data["delta"] == 0.27 and data["delta_exact"] == "0.2715"
    total = sum(Fraction(i["contribution_exact"]) for i in data["indicators"])
    assert total == Fraction(data["delta_exact"])
    impacts = [abs(Fraction(i["contribution_exact"])) for i in data["indicators"]]
    assert impacts == sorted(impacts, reverse=True)
    first = data["indicators"][0]
    assert (first["id"], first["old_level"], first["new_level"]) == ("46", "2", "3")
    assert Fraction(first["contribution_exact"]) == Fraction(1) * Fraction("3.00") / 100
    d3 = next(d for d in data["domains"] if d["id"] == "D3")
    assert d3["old"] == 1.55 and d3["new"] == 2.0


def test_repeated_items_and_non_terminating_weights(runner: CliRunner, tmp_path: Path) -> None:
    """5/2018: one year three public services, the next one; aspect 7's shares change from
    20/6 % to 5 %, yet the contributions still add up to Δindex exactly."""
    old = json.loads(run(runner, "score", str(EX / "kabupaten-contoh-2019.xlsx"), "-f", "json"))
    levels = {i["id"]: i["level"] for i in old["indicators"] if "-" not in i["id"]}
    levels["32"] = 4
    new = tmp_path / "2020.yaml"
    new.write_text(
        json.dumps(
            {"identitas": {"instansi": "Kabupaten Contoh", "tahun": 2020}, "jawaban": levels}
        )
    )
    data = json.loads(
        run(runner, "diff", str(EX / "kabupaten-contoh-2019.xlsx"), str(new), "-f", "json")
    )
    total = sum(Fraction(i["contribution_exact"]) for i in data["indicators"])
    old_exact = Fraction(old["index_exact"])
    new_exact = Fraction(json.loads(run(runner, "score", str(new), "-f", "json"))["index_exact"])
    assert total == new_exact - old_exact
    dropped = {i["id"]: i for i in data["indicators"]}
    assert dropped["35-2"]["new_level"] is None and dropped["35-3"]["new_level"] is None


def test_result_json_and_answers_mix(runner: CliRunner, tmp_path: Path) -> None:
    saved = tmp_path / "2026.json"
    run(runner, "score", str(EX / "kabupaten-contoh-2026.xlsx"), "-f", "json", "-o", str(saved))
    other = tmp_path / "2027.xlsx"
    wb = load_workbook(EX / "kabupaten-contoh-2026.xlsx")
    wb["Identitas"]["B2"] = 2027
    wb["Jawaban"]["E14"] = 2  # indicator 13: 7/6 → 2
    wb.save(other)
    a = json.loads(run(runner, "diff", str(saved), str(other), "-f", "json"))
    b = json.loads(
        run(runner, "diff", str(EX / "kabupaten-contoh-2026.xlsx"), str(other), "-f", "json")
    )
    assert a == b
    assert a["indicators"][0]["old_level"] == "1.166667"  # 7/6 kept exact from level_exact
    # (2 - 7/6) × 5 % = 1/24 exactly; JSON shows a non-terminating value to 10 decimals
    assert a["indicators"][0]["contribution_exact"] == "0.0416666667"


def test_cross_version_compares_index_and_predikat_only(runner: CliRunner) -> None:
    args = [str(EX / "kabupaten-contoh-2025.yaml"), str(EX / "kabupaten-contoh-2026.xlsx")]
    data = json.loads(run(runner, "diff", *args, "-f", "json"))
    assert not data["comparable"]
    assert data["indicators"] == [] and data["domains"] == [] and data["aspects"] == []
    assert data["delta"] == -1.66 and data["predikat_change"] == -2  # Baik → Kurang
    md = run(runner, "diff", *args, "-f", "md", "--lang", "en")
    assert "Different rubrics (permenpanrb-59-2020 and permenpanrb-8-2026)" in md
    assert "only the index and predikat are compared" in md


def test_gates(runner: CliRunner) -> None:
    down = [str(EX / "kabupaten-contoh-2025.yaml"), str(EX / "kabupaten-contoh-2024.xlsx")]
    result = runner.invoke(app, _optional_flag_values(["diff", *down, "--fail-on-drop"]))
    assert result.exit_code == 1
    assert "Kabupaten Contoh: indeks turun 2.90 → 2.63 (-0.27, toleransi 0)" in result.stderr
    english = [*down, "--lang", "en", "--fail-on-drop"]
    result = runner.invoke(app, _optional_flag_values(["diff", *english]))
    assert result.exit_code == 1
    assert (
        "gate failed: Kabupaten Contoh: index fell 2.90 → 2.63 (-0.27, tolerance 0)"
        in result.stderr
    )
    assert run(runner, "diff", *down, "--fail-on-drop", "0.3", "-f", "json")
    cross = [str(EX / "kabupaten-contoh-2025.yaml"), str(EX / "kabupaten-contoh-2026.xlsx")]
    result = runner.invoke(app, ["diff", *cross, "--fail-on-predikat-drop"])
    assert result.exit_code == 1 and "predikat turun Baik → Kurang" in result.stderr


def test_optional_value_flag() -> None:
    assert _optional_flag_values(["diff", "a", "b", "--fail-on-drop"]) == [
        "diff",
        "a",
        "b",
        "--fail-on-drop",
        "0",
    ]
    assert _optional_flag_values(["--fail-on-drop", "0,05", "a"]) == ["--fail-on-drop", "0,05", "a"]
    assert _optional_flag_values(["--fail-on-drop", "a", "b"]) == ["--fail-on-drop", "0", "a", "b"]


def _year(
    folder: Path,
    src: Path,
    name: str,
    code: str | None,
    year: int,
    raise_rows: int,
    file: str = "",
    level: int = 5,
) -> None:
    wb = load_workbook(src)
    ident = wb["Identitas"]
    ident["B1"], ident["B2"], ident["B3"] = name, year, code
    for row in range(2, 2 + raise_rows):
        wb["Jawaban"][f"E{row}"] = level
    folder.mkdir(exist_ok=True)
    wb.save(folder / (file or f"{name.replace(' ', '-').replace('.', '')}-{year}.xlsx"))


def test_batch_form_matches_by_code_and_name(runner: CliRunner, tmp_path: Path) -> None:
    src = EX / "kabupaten-contoh-2024.xlsx"
    old, new = tmp_path / "2024", tmp_path / "2025"
    _year(old, src, "Kabupaten Satu", "01", 2024, 0)
    _year(new, src, "Kab. Satu (baru)", "01", 2025, 6)  # matched by code
    _year(old, src, "Kabupaten Dua", None, 2024, 6)
    _year(new, src, "Pemerintah Kab. Dua", None, 2025, 0)  # matched by normalised name
    _year(old, src, "Kota Lama", None, 2024, 0)
    _year(new, src, "Kota Baru", None, 2025, 0)
    data = json.loads(run(runner, "diff", str(old), str(new), "-f", "json"))
    rows = {r["new"]["name"]: r for r in data["rows"]}
    assert rows["Kab. Satu (baru)"]["old"]["year"] == 2024 and rows["Kab. Satu (baru)"]["delta"] > 0
    assert rows["Pemerintah Kab. Dua"]["delta"] < 0
    assert [x["name"] for x in data["unmatched_old"]] == ["Kota Lama"]
    assert [x["name"] for x in data["unmatched_new"]] == ["Kota Baru"]
    md = run(runner, "diff", str(old), str(new), "-f", "md", "--lang", "en")
    assert "Only in the old data" in md and "Kota Lama" in md
    result = runner.invoke(
        app, _optional_flag_values(["diff", str(old), str(new), "--fail-on-drop"])
    )
    assert result.exit_code == 1 and "Pemerintah Kab. Dua: indeks turun" in result.stderr
    # a batch output folder (with summary.json) works as a side too
    out = tmp_path / "out"
    assert runner.invoke(app, ["batch", str(new), "--out", str(out)]).exit_code == 0
    again = json.loads(run(runner, "diff", str(old), str(out / "summary.json"), "-f", "json"))
    assert again["rows"] == data["rows"]


@pytest.mark.parametrize("fmt", ["md", "json"])
def test_gold(runner: CliRunner, fmt: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    text = run(
        runner,
        "diff",
        "examples/kabupaten-contoh-2024.xlsx",
        "examples/kabupaten-contoh-2025.yaml",
        "-f",
        fmt,
    )
    gold = GOLD / f"diff-2024-2025.{fmt}"
    if UPDATE:
        gold.write_text(text, encoding="utf-8")
    assert text == gold.read_text(encoding="utf-8")


def _failing_years(tmp_path: Path) -> tuple[Path, Path]:
    """2024 all valid; in 2025 Kota Dua's file is invalid, Kota Tiga's is there twice and
    Kota Empat's is not a workbook at all (no Instansi to read: known by its file name)."""
    src = EX / "kabupaten-contoh-2024.xlsx"
    old, new = tmp_path / "2024", tmp_path / "2025"
    for name in ("Kabupaten Satu", "Kota Dua", "Kota Tiga", "Kota Empat", "Kota Lama"):
        _year(old, src, name, None, 2024, 1)
    _year(new, src, "Kabupaten Satu", None, 2025, 3)
    _year(new, src, "Kota Dua", None, 2025, 1, level=9)  # out of the scale
    _year(new, src, "Kota Tiga", None, 2025, 1)
    _year(new, src, "Kota Tiga", None, 2025, 2, file="Kota-Tiga-2025-lagi.xlsx")
    (new / "Kota-Empat-2025.xlsx").write_bytes(b"not a workbook")
    _year(new, src, "Kota Baru", None, 2025, 0)
    return old, new


def test_batch_failed_files_are_failed_not_unmatched(runner: CliRunner, tmp_path: Path) -> None:
    old, new = _failing_years(tmp_path)
    result = runner.invoke(app, ["diff", str(old), str(new), "-f", "json"])
    assert result.exit_code == 2, result.output  # as spbe batch: after writing everything
    assert "Kota-Dua-2025.xlsx" in result.stderr
    data = json.loads(result.stdout)
    assert data["format_version"] == 1
    assert [r["new"]["name"] for r in data["rows"]] == ["Kabupaten Satu"]
    assert [x["name"] for x in data["unmatched_old"]] == ["Kota Lama"]
    assert [x["name"] for x in data["unmatched_new"]] == ["Kota Baru"]
    failed = {Path(f["file"]).name: f for f in data["failed"]}
    assert set(failed) == {
        "Kota-Dua-2025.xlsx",
        "Kota-Tiga-2025.xlsx",
        "Kota-Tiga-2025-lagi.xlsx",
        "Kota-Empat-2025.xlsx",
    }
    assert all(f["side"] == "new" and f["errors"] for f in failed.values())
    dua = failed["Kota-Dua-2025.xlsx"]
    assert dua["name"] == "Kota Dua" and dua["year"] == 2025
    assert Path(dua["other"]["file"]).name == "Kota-Dua-2024.xlsx"
    assert Path(failed["Kota-Empat-2025.xlsx"]["other"]["file"]).name == "Kota-Empat-2024.xlsx"
    assert failed["Kota-Empat-2025.xlsx"]["name"] == "Kota Empat"  # from the other year
    tiga = [failed[f]["other"] for f in ("Kota-Tiga-2025.xlsx", "Kota-Tiga-2025-lagi.xlsx")]
    assert sorted(o is None for o in tiga) == [False, True]  # the 2024 file beside one of them
    # the other side failing is the same: old and new swapped
    swapped = runner.invoke(app, ["diff", str(new), str(old), "-f", "json"])
    assert swapped.exit_code == 2
    back = json.loads(swapped.stdout)
    assert {f["side"] for f in back["failed"]} == {"old"}
    assert [x["name"] for x in back["unmatched_new"]] == ["Kota Lama"]


@pytest.mark.parametrize("fmt", ["table", "md", "html"])
def test_batch_failed_files_in_every_form(runner: CliRunner, tmp_path: Path, fmt: str) -> None:
    old, new = _failing_years(tmp_path)
    out = tmp_path / f"diff.{'txt' if fmt == 'table' else fmt}"
    args = ["diff", str(old), str(new), "-f", fmt, "-o", str(out), "--lang", "en"]
    assert runner.invoke(app, args).exit_code == 2
    text = out.read_text(encoding="utf-8")
    assert "Files that failed (not compared)" in text
    failed = text.split("Files that failed")[1].split("Only in the old data")[0]
    assert "Kota Dua" in failed and "Kota Empat" in failed and "outside 1–5" in failed
    if fmt != "table":  # a terminal table may shorten a long path
        assert "Kota-Dua-2025.xlsx" in failed and "Kota-Empat-2024.xlsx" in failed
    only_old = text.split("Only in the old data")[1].split("Only in the new data")[0]
    assert "Kota Lama" in only_old and "Kota Dua" not in only_old and "Tiga" not in only_old
    allowed = runner.invoke(app, [*args, "--allow-invalid"])
    assert allowed.exit_code == 0 and out.read_text(encoding="utf-8") == text


def test_batch_headers_say_what_they_hold(runner: CliRunner, tmp_path: Path) -> None:
    src = EX / "kabupaten-contoh-2024.xlsx"
    old, new = tmp_path / "2024", tmp_path / "2025"
    _year(old, src, "Kota Satu", None, 2024, 0)
    _year(new, src, "Kota Satu", None, 2025, 4)
    md = run(runner, "diff", str(old), str(new), "-f", "md")
    header = next(line for line in md.splitlines() if line.startswith("| Instansi"))
    cells = [c.strip() for c in header.strip("|").split("|")]
    assert cells == [
        "Instansi",
        "Tahun lama",
        "Tahun baru",
        "Indeks lama",
        "Indeks baru",
        "Δ",
        "Predikat lama",
        "Predikat baru",
    ]
    txt = tmp_path / "diff.txt"
    run(runner, "diff", str(old), str(new), "--lang", "en", "-f", "table", "-o", str(txt))
    header = txt.read_text(encoding="utf-8").splitlines()[1]
    assert [c.strip() for c in header.split("┃")][1:] == [
        "Old year",
        "New year",
        "Old index",
        "New index",
        "Δ",
        "Old predikat",
        "New predikat",
    ]


def _headings(md: str, html: str) -> tuple[list[str], list[str]]:
    md_heads = [line[3:] for line in md.splitlines() if line.startswith("## ")]
    html_heads = [unescape(h) for h in re.findall(r"<h2>(.*?)</h2>", html)]
    return md_heads, html_heads


def test_batch_html_has_every_section_of_the_markdown(runner: CliRunner, tmp_path: Path) -> None:
    src = EX / "kabupaten-contoh-2024.xlsx"
    old, new = tmp_path / "2024", tmp_path / "2025"
    for name, before, after in (("Kota Naik", 0, 6), ("Kota Turun", 6, 0), ("Kota Lama", 0, 0)):
        _year(old, src, name, None, 2024, before)
        if name != "Kota Lama":
            _year(new, src, name, None, 2025, after)
    _year(new, src, "Kota Baru", None, 2025, 0)
    args = ["diff", str(old), str(new), "--fail-on-drop", "--lang", "en", "-f"]
    md = runner.invoke(app, _optional_flag_values([*args, "md"]))
    html = runner.invoke(app, _optional_flag_values([*args, "html"]))
    assert md.exit_code == html.exit_code == 1  # the gate; both written
    md_heads, html_heads = _headings(md.stdout, html.stdout)
    assert md_heads == html_heads
    for part in ("Biggest gains", "Biggest losses", "Domains (Δ)", "Only in the old data"):
        assert part in md_heads
    assert "Kota Naik: +" in md.stdout and "<li>Kota Naik: +" in html.stdout


def test_batch_failed_rows_of_a_summary_are_failed_too(runner: CliRunner, tmp_path: Path) -> None:
    """A batch output folder as the new side: its error rows are failed files, matched to
    the old year by Kode/name when the row has them, else by file name without the year."""
    old, new = _failing_years(tmp_path)
    out = tmp_path / "hasil-2025"
    assert runner.invoke(app, ["batch", str(new), "--out", str(out)]).exit_code == 2
    result = runner.invoke(app, ["diff", str(old), str(out), "-f", "json"])
    assert result.exit_code == 2, result.output
    data = json.loads(result.stdout)
    assert [x["name"] for x in data["unmatched_old"]] == ["Kota Lama"]
    failed = {Path(f["file"]).name: f for f in data["failed"]}
    assert Path(failed["Kota-Dua-2025.xlsx"]["other"]["file"]).name == "Kota-Dua-2024.xlsx"
    assert Path(failed["Kota-Empat-2025.xlsx"]["other"]["file"]).name == "Kota-Empat-2024.xlsx"
    # a duplicate's row names its institution: matched by name, whatever its file is called
    tiga = [failed[f] for f in ("Kota-Tiga-2025.xlsx", "Kota-Tiga-2025-lagi.xlsx")]
    assert [t["name"] for t in tiga] == ["Kota Tiga", "Kota Tiga"]
    assert [t["year"] for t in tiga] == [2025, 2025]
