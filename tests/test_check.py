"""`spbe check`: every finding code on real files in a temporary evidence tree, the exact
index at risk on hand-computed cases for the three rubrics, folder mode, outputs, languages."""

from __future__ import annotations

import json
import os
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
import yaml
from openpyxl import load_workbook
from typer.testing import CliRunner

from spbe_cli import evidence as ev
from spbe_cli.check import CODES
from spbe_cli.cli.app import app
from spbe_cli.errors import InputError
from spbe_cli.limits import Limits

ROOT = Path(__file__).resolve().parent.parent
STAMP = ["--generated-at", "2026-01-01T00:00:00+00:00"]
PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 24
RUBRICS = {  # id: (year, indicator ids, scale minimum)
    "permenpanrb-59-2020": (2024, [str(i) for i in range(1, 48)], 1),
    "permenpanrb-5-2018": (2019, [str(i) for i in range(1, 36)], 0),
    "permenpanrb-8-2026": (2026, [str(i) for i in range(1, 21)], 1),
}


def answers(
    folder: Path,
    name: str = "jawaban.yaml",
    rubric: str = "permenpanrb-59-2020",
    base: Any = None,
    institution: str = "Kabupaten Uji",
    year: int | None = None,
    **rows: Any,
) -> Path:
    """An answer file: every indicator at `base` (the scale minimum by default), and rows
    `i12={"tingkat": 3, ...}` or `i12=3` on top."""
    default_year, ids, minimum = RUBRICS[rubric]
    jawaban: dict[str, Any] = {i: minimum if base is None else base for i in ids}
    for key, value in rows.items():
        jawaban[key.removeprefix("i")] = value
    doc = {
        "identitas": {
            "instansi": institution,
            "tahun": year or default_year,
            "rubrik": rubric,
        },
        "jawaban": jawaban,
    }
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def claim(level: Any, evidence: str | None = None, note: str | None = "ada") -> dict[str, Any]:
    row: dict[str, Any] = {"tingkat": level}
    if note is not None:
        row["penjelasan"] = note
    if evidence is not None:
        row["bukti_dukung"] = evidence
    return row


def run(runner: CliRunner, *args: str) -> Any:
    return runner.invoke(app, ["check", *args])


def as_json(runner: CliRunner, *args: str, code: int | None = None) -> dict[str, Any]:
    result = run(runner, *args, "-f", "json")
    assert result.exit_code in ((0, 1) if code is None else (code,)), result.output
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def found(data: dict[str, Any], indicator: str) -> list[str]:
    return [f["code"] for f in data["findings"] if f["indicator"] == indicator]


# -- items: splitting, kinds, URLs, folder names -------------------------------------


def test_a_yaml_list_is_one_item_each() -> None:
    items = ev.split(["a.pdf", "https://x.go.id", None], "jawaban.1.bukti_dukung", "f")
    assert [(i.text, i.kind) for i in items] == [("a.pdf", "path"), ("https://x.go.id", "url")]


def test_items_split_on_new_lines_and_semicolons() -> None:
    items = ev.split("a.pdf; https://x.go.id\n\nSK Bupati 2024\r\nb/c.png ;", "G2", "f")
    assert [(i.text, i.kind) for i in items] == [
        ("a.pdf", "path"),
        ("https://x.go.id", "url"),
        ("SK Bupati 2024", "text"),
        ("b/c.png", "path"),
    ]


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Perbup No. 12/2022", "text"),
        ("Dokumen Arsitektur SPBE.pdf", "path"),
        ("bukti\\01\\SK.pdf", "path"),
        ("../rahasia", "path"),
        ("C:\\Users\\a.pdf", "path"),
        ("folder/sub", "path"),
        ("www.kota.go.id/spbe", "url"),
        ("htps://kota.go.id", "url"),
        ("Laporan tahunan", "text"),
    ],
)
def test_kind_of_an_item(text: str, kind: str) -> None:
    assert ev.kind_of(text) == kind


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("https://jdih.kota.go.id/perwal/12", None),
        ("www.kota.go.id", None),
        ("http://10.1.2.3/a", None),
        ("htps://kota.go.id", "scheme"),
        ("ftp://kota.go.id/a.pdf", "scheme"),
        ("https://kota go.id", "space"),
        ("https://localhost/a", "host"),
        ("https:///a.pdf", "host"),
        ("https://kota.go.id:99999/", "form"),
    ],
)
def test_url_problems_are_told_by_form(url: str, reason: str | None) -> None:
    assert ev.url_problem(url) == reason


@pytest.mark.parametrize(
    ("name", "number"),
    [
        ("1", "1"),
        ("01", "1"),
        ("I01", "1"),
        ("Indikator 1", "1"),
        ("Indikator 01 - Arsitektur", "1"),
        ("indicator_12", "12"),
        ("35-2", "35"),
        ("47", "47"),
        ("2024", None),
        ("bersama", None),
        ("1a", None),
    ],
)
def test_indicator_folders_are_matched_by_number(name: str, number: str | None) -> None:
    assert ev.folder_number(name) == number


def test_a_huge_evidence_cell_is_refused_where_it_is(runner: CliRunner, tmp_path: Path) -> None:
    many = answers(tmp_path / "a", i1=claim(2, ";".join(f"b{i}.pdf" for i in range(5000))))
    result = run(runner, str(many))
    assert result.exit_code == 2
    assert (
        "baris 9, jawaban.1.bukti_dukung: Bukti Dukung berisi lebih dari 100 butir" in result.stderr
    )
    prose = answers(tmp_path / "b", i1=claim(2, "kata " * 200_000 + ";;;" * 10_000))
    data = as_json(runner, str(prose), code=0)
    assert [f["code"] for f in data["findings"]] == ["described"]
    assert len(data["findings"][0]["params"]["item"]) == 120  # shown cut short


def test_item_count_and_path_length_are_bounded() -> None:
    limits = Limits(evidence_items=3, evidence_chars=20)
    with pytest.raises(InputError) as e:
        ev.split("a.pdf;b.pdf;c.pdf;d.pdf", "Jawaban!I5", "x.xlsx", limits)
    assert "Jawaban!I5: Bukti Dukung berisi lebih dari 3 butir" in str(e.value)
    assert "Jawaban!I5: Bukti Dukung has more than 3 items" in e.value.text("en")
    with pytest.raises(InputError) as e:
        ev.split("a/" * 20 + "b.pdf", "Jawaban!I6", "x.xlsx", limits)
    assert "SPBE_MAX_EVIDENCE_CHARS" in str(e.value)
    long_prose = "kata " * 100  # prose is not a path: not bounded by the path length
    assert ev.split(long_prose, "I7", "x", limits)[0].kind == "text"


# -- probing real files ------------------------------------------------------------------


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    """`tmp/outside/` beside `tmp/kab/` (the answers' folder) with its evidence."""
    kab = tmp_path / "kab"
    (kab / "bukti" / "01").mkdir(parents=True)
    (kab / "bukti" / "01" / "SK.pdf").write_bytes(PDF)
    (kab / "bukti" / "foto.png").write_bytes(PNG)
    (kab / "bukti" / "kosong.pdf").write_bytes(b"")
    (kab / "bukti" / "bukan.pdf").write_bytes(b"<html>bukan PDF</html>")
    (kab / "bukti" / "alat.exe").write_bytes(b"MZ\x90\x00")
    (kab / "bukti" / "catatan.txt").write_bytes(b"catatan\n")
    (kab / "bukti" / "folder-kosong").mkdir()
    (tmp_path / "outside").mkdir()
    (tmp_path / "outside" / "rahasia.pdf").write_bytes(PDF)
    return kab


def _symlink(target: Path, link: Path) -> None:
    try:
        os.symlink(target, link, target_is_directory=target.is_dir())
    except (OSError, NotImplementedError):
        pytest.skip("symbolic links need privileges on this system")


@pytest.mark.parametrize(
    ("item", "status", "reason"),
    [
        ("bukti/01/SK.pdf", "ok", ""),
        ("bukti\\01\\SK.pdf", "ok", ""),
        ("./bukti/foto.png", "ok", ""),
        ("bukti/catatan.txt", "ok", ""),
        ("bukti/01", "ok", ""),
        ("bukti/tidak-ada.pdf", "missing", ""),
        ("bukti/kosong.pdf", "empty", ""),
        ("bukti/folder-kosong", "empty", ""),
        ("bukti/bukan.pdf", "type", "mismatch"),
        ("bukti/alat.exe", "type", "unsupported"),
        ("../outside/rahasia.pdf", "outside", ""),
        ("bukti/../../outside/rahasia.pdf", "outside", ""),
        ("/etc/passwd", "outside", ""),
        ("C:\\Windows\\win.ini", "outside", ""),
        ("bukti/a\x00.pdf", "missing", ""),  # no file name holds a NUL: never asked
        ("x" * 300 + ".pdf", "missing", ""),  # a name too long for the file system
    ],
)
def test_probe(tree: Path, item: str, status: str, reason: str) -> None:
    p = ev.probe(item, [tree.resolve()])
    assert (p.status, p.reason) == (status, reason)


def test_a_link_pointing_out_is_refused_and_never_opened(
    tree: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    outside = tree.parent / "outside"
    _symlink(outside / "rahasia.pdf", tree / "bukti" / "tautan.pdf")
    _symlink(outside, tree / "bukti" / "tautan-folder")
    _symlink(tree.parent / "outside" / "hilang.pdf", tree / "bukti" / "putus.pdf")
    opened: list[str] = []
    real_open = os.open

    def spy(path: Any, *args: Any, **kwargs: Any) -> int:
        opened.append(str(path))
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(os, "open", spy)
    root = [tree.resolve()]
    for item in ("bukti/tautan.pdf", "bukti/tautan-folder/rahasia.pdf", "bukti/putus.pdf"):
        assert ev.probe(item, root).status == "outside", item
    assert not [o for o in opened if "outside" in o]
    _symlink(tree / "bukti" / "01" / "SK.pdf", tree / "bukti" / "di-dalam.pdf")
    assert ev.probe("bukti/di-dalam.pdf", root).status == "ok"  # a link inside is fine
    assert any("SK.pdf" in o for o in opened)


def test_a_fifo_is_not_opened(tree: Path) -> None:
    if not hasattr(os, "mkfifo"):
        pytest.skip("no named pipes on this system")
    os.mkfifo(tree / "bukti" / "pipa.pdf")
    assert ev.probe("bukti/pipa.pdf", [tree.resolve()]) == ev.Probe(
        "type", "bukti/pipa.pdf", "special"
    )


# -- findings through the command, on real files ----------------------------------------


def test_every_evidence_finding_on_a_real_tree(runner: CliRunner, tree: Path) -> None:
    outside = tree.parent / "outside" / "rahasia.pdf"
    _symlink(outside, tree / "bukti" / "tautan.pdf")
    path = answers(
        tree,
        i1=claim(3, "bukti/01/SK.pdf"),
        i2=claim(3, None),
        i3=claim(3, "bukti/01/SK.pdf", note=None),
        i4=claim(2, "bukti/tidak-ada.pdf"),
        i5=claim(2, "bukti/kosong.pdf"),
        i6=claim(2, "bukti/bukan.pdf"),
        i7=claim(2, "../outside/rahasia.pdf"),
        i8=claim(2, "bukti/tautan.pdf"),
        i9=claim(2, "htps://kota.go.id/spbe"),
        i10=claim(2, "Laporan tahunan Diskominfo"),
        i11=claim(2, "bukti/foto.png"),
        i12=claim(3, "bukti/foto.png"),
        i13={"tingkat": 4, "tingkat_mandiri": 2, "penjelasan": "x", "bukti_dukung": "a/b.pdf"},
        i14=claim(1, "bukti/lain.pdf"),
    )
    data = as_json(runner, str(path), code=1)
    assert found(data, "1") == []
    assert found(data, "2") == ["no-evidence"]
    assert found(data, "3") == ["no-explanation"]
    assert found(data, "4") == ["evidence-missing"]
    assert found(data, "5") == ["evidence-empty"]
    assert found(data, "6") == ["evidence-type"]
    assert found(data, "7") == ["evidence-outside"]
    assert found(data, "8") == ["evidence-outside"]
    assert found(data, "9") == ["evidence-url"]
    assert found(data, "10") == ["described"]
    assert found(data, "11") == ["evidence-shared"] and found(data, "12") == ["evidence-shared"]
    assert found(data, "13") == ["evidence-missing", "self-gap"]
    assert found(data, "14") == ["evidence-missing"]  # at the minimum: nothing at risk
    assert "14" not in [i["id"] for i in data["at_risk"]["indicators"]]

    by = {(f["indicator"], f["code"]): f for f in data["findings"]}
    f = by[("4", "evidence-missing")]
    assert f["severity"] == "error" and f["params"]["item"] == "bukti/tidak-ada.pdf"
    assert f["location"] == "baris 19, jawaban.4.bukti_dukung"
    assert f["message"] == "Berkas tidak ditemukan: bukti/tidak-ada.pdf"
    assert by[("3", "no-explanation")]["location"] == "baris 14, jawaban.3.tingkat"
    assert by[("13", "self-gap")]["location"] == "baris 54, jawaban.13.tingkat_mandiri"
    assert by[("6", "evidence-type")]["params"]["reason"] == "mismatch"
    assert by[("9", "evidence-url")]["params"]["reason"] == "scheme"
    assert by[("11", "evidence-shared")]["params"]["others"] == "12"
    assert {f["severity"] for f in data["findings"]} == {"error", "warning", "info"}
    assert all(f["severity"] == CODES[f["code"]] for f in data["findings"])
    assert data["counts"] == {
        s: sum(f["severity"] == s for f in data["findings"]) for s in ("error", "warning", "info")
    }


def test_errors_only_at_the_minimum_put_nothing_at_risk(runner: CliRunner, tmp_path: Path) -> None:
    path = answers(tmp_path, i1=claim(1, "bukti/tidak-ada.pdf"))
    data = as_json(runner, str(path), code=1)
    assert data["counts"]["error"] == 1 and data["at_risk"]["indicators"] == []
    assert data["at_risk"]["drop_exact"] == "0.00" and data["at_risk"]["index_exact"] == "1.00"
    table = run(runner, str(path), "--lang", "en").stdout
    assert "Errors only on indicators at the minimum level: the index 1.00 is not at risk" in table
    score = json.loads(runner.invoke(app, ["score", str(path), "-f", "json"]).stdout)
    line = next(w for w in score["warnings"] if w["code"].startswith("evidence-"))
    assert line["code"] == "evidence-ready" and line["params"] == {"errors": "1", "warnings": "0"}


def test_shared_document_at_the_same_level_is_no_finding(runner: CliRunner, tree: Path) -> None:
    path = answers(tree, i1=claim(2, "bukti/foto.png"), i2=claim(2, "./bukti/foto.png"))
    data = as_json(runner, str(path), code=0)
    assert data["findings"] == []


def test_same_name_in_two_indicator_folders_is_two_documents(
    runner: CliRunner, tmp_path: Path
) -> None:
    evidence = tmp_path / "bukti"
    for name in ("01", "02"):
        (evidence / name).mkdir(parents=True)
        (evidence / name / "SK.pdf").write_bytes(PDF)
    path = answers(tmp_path / "j", i1=claim(2, "SK.pdf"), i2=claim(3, "SK.pdf"))
    assert as_json(runner, str(path), "--evidence", str(evidence), code=0)["findings"] == []
    shared = answers(tmp_path / "k", i1=claim(2, "01/SK.pdf"), i2=claim(3, "./01/SK.pdf"))
    data = as_json(runner, str(shared), "--evidence", str(evidence), code=0)
    assert [f["code"] for f in data["findings"]] == ["evidence-shared"] * 2


def test_evidence_folder_per_indicator(runner: CliRunner, tmp_path: Path) -> None:
    evidence = tmp_path / "bukti"
    for name in ("Indikator 01 - Arsitektur", "02", "I03", "lain-lain"):
        (evidence / name).mkdir(parents=True)
    (evidence / "Indikator 01 - Arsitektur" / "Perbup.pdf").write_bytes(PDF)
    (evidence / "02" / ".gitkeep").write_bytes(b"")  # hidden only: empty
    (evidence / "I03" / "SK.pdf").write_bytes(PDF)
    path = answers(
        tmp_path / "jawaban",
        i1=claim(3, "Perbup.pdf"),  # found in its indicator's folder
        i2=claim(3, "https://kota.go.id/peta"),
        i3=claim(2, "I03/SK.pdf"),  # relative to --evidence
        i4=claim(2, "https://kota.go.id/x"),
        i5=claim(1, None),  # not claimed: no folder needed
    )
    data = as_json(runner, str(path), "--evidence", str(evidence), code=1)
    assert found(data, "1") == [] and found(data, "3") == [] and found(data, "5") == []
    states = {f["indicator"]: f["params"]["state"] for f in data["findings"]}
    assert states == {"2": "empty", "4": "missing"}
    assert all(f["code"] == "evidence-folder" for f in data["findings"])
    result = run(runner, str(path), "--evidence", str(tmp_path / "tidak-ada"))
    assert result.exit_code == 2 and "--evidence: bukan folder" in result.stderr


def test_previous_year_jump_and_drop(runner: CliRunner, tmp_path: Path) -> None:
    old = answers(tmp_path / "2023", year=2023, i1=1, i2=2, i3=3, i4=2)
    new = answers(
        tmp_path / "2024",
        i1=claim(3, "https://kota.go.id/a", note=None),  # +2, no explanation: jump
        i2=claim(4, "https://kota.go.id/b"),  # +2 with an explanation: fine
        i3=claim(2, "https://kota.go.id/c"),  # fell: drop
        i4=claim(3, "https://kota.go.id/d", note=None),  # +1: no jump
    )
    data = as_json(runner, str(new), "--previous", str(old), code=0)
    assert found(data, "1") == ["no-explanation", "jump"]
    assert found(data, "2") == [] and found(data, "4") == ["no-explanation"]
    assert found(data, "3") == ["drop"]
    jump = next(f for f in data["findings"] if f["code"] == "jump")
    assert jump["params"] == {"previous": "1", "level": "3"} and jump["severity"] == "warning"
    assert data["previous"] == str(old)
    saved = tmp_path / "2023.json"  # a saved result works as last year too
    assert runner.invoke(app, ["score", str(old), "-f", "json", "-o", str(saved)]).exit_code == 0
    again = as_json(runner, str(new), "--previous", str(saved), code=0)
    assert again["findings"] == data["findings"]


def test_previous_year_of_another_rubric_is_not_compared(runner: CliRunner, tmp_path: Path) -> None:
    old = answers(tmp_path / "2019", rubric="permenpanrb-5-2018", i1=5)
    new = answers(tmp_path / "2024", i1=claim(3, "https://kota.go.id/a"))
    data = as_json(runner, str(new), "--previous", str(old), code=0)
    assert data["previous"] is None and data["findings"] == []
    table = run(runner, str(new), "--previous", str(old), "--lang", "en")
    assert "used another rubric (permenpanrb-5-2018); levels not compared" in table.stdout


# -- the index at risk, by hand ------------------------------------------------------------


def test_at_risk_59_2020(runner: CliRunner, tmp_path: Path) -> None:
    # Indicators 1 and 2 weigh 1.30 % each; everything else at level 1.
    # Claimed: 1 + (3·1.30 + 2·1.30)/100 = 1.065; if indicator 1 (no evidence) fell to 1:
    # 1 + 2·1.30/100 = 1.026; drop 0.039.
    path = answers(tmp_path, i1=claim(4, None), i2=claim(3, "https://kota.go.id/b"))
    data = as_json(runner, str(path), code=1)
    assert (data["index_exact"], data["index"]) == ("1.065", 1.07)  # half-up, not to even
    risk = data["at_risk"]
    assert (risk["index_exact"], risk["index"], risk["predikat"]) == ("1.026", 1.03, "Kurang")
    assert (risk["drop_exact"], risk["drop"]) == ("0.039", 0.04)
    assert risk["indicators"] == [
        {
            "id": "1",
            "name": risk["indicators"][0]["name"],
            "level": "4",
            "level_at_risk": "1",
            "drop": 0.039,
            "drop_exact": "0.039",
        }
    ]


def test_at_risk_crosses_a_predikat_and_orders_by_weight(runner: CliRunner, tmp_path: Path) -> None:
    # Every indicator claimed at 2 with no evidence: 2.00 Cukup → 1.00 Kurang. The
    # heaviest (42–47, 3.00 % each) come first, in rubric order; drops add up to 1.
    path = answers(tmp_path, base=2)
    data = as_json(runner, str(path), code=1)
    risk = data["at_risk"]
    assert (data["index_exact"], data["predikat"]) == ("2.00", "Cukup")
    assert (risk["index_exact"], risk["predikat"], risk["drop_exact"]) == ("1.00", "Kurang", "1.00")
    ids = [i["id"] for i in risk["indicators"]]
    assert ids[:6] == ["42", "43", "44", "45", "46", "47"] and len(ids) == 47
    assert ids[6:16] == [str(i) for i in range(32, 42)]  # 2.75 % each
    assert sum(Fraction(i["drop_exact"]) for i in risk["indicators"]) == 1
    md = run(runner, str(path), "-f", "md")
    assert "47 klaim tanpa bukti: 2.00 Cukup → 1.00 Kurang jika ditolak" in md.stdout


def test_at_risk_5_2018_falls_to_level_zero(runner: CliRunner, tmp_path: Path) -> None:
    # Scale 0–5; indicators 1 and 2 weigh 1 % each. Claimed (3 + 2)/100 = 0.05; indicator
    # 1 has no evidence: 0.02 if it fell to 0.
    path = answers(
        tmp_path,
        rubric="permenpanrb-5-2018",
        i1=claim(3, None),
        i2=claim(2, "https://kota.go.id/b"),
    )
    data = as_json(runner, str(path), code=1)
    assert data["index_exact"] == "0.05"
    risk = data["at_risk"]
    assert (risk["index_exact"], risk["drop_exact"]) == ("0.02", "0.03")
    assert risk["indicators"][0]["level_at_risk"] == "0"


def test_at_risk_8_2026_decimal_levels(runner: CliRunner, tmp_path: Path) -> None:
    # Indicators 1 and 2 weigh 5 % each; others 1.00. Claimed 1 + (1.5·5 + (1/6)·5)/100 =
    # 1 + 0.075 + 1/120 = 1.08333…; indicator 1 (2.50, no evidence) at risk: 1.008333…
    path = answers(
        tmp_path,
        rubric="permenpanrb-8-2026",
        i1=claim("2,50", None),
        i2=claim("7/6", "https://kota.go.id/b"),
    )
    data = as_json(runner, str(path), code=1)
    assert (data["index_exact"], data["index"]) == ("1.0833333333", 1.08)
    risk = data["at_risk"]
    assert (risk["index_exact"], risk["index"], risk["drop_exact"]) == (
        "1.0083333333",
        1.01,
        "0.075",
    )
    assert risk["indicators"][0]["level"] == "2.50"


def test_at_risk_with_previous_falls_to_last_years_level(runner: CliRunner, tmp_path: Path) -> None:
    # Indicator 1 claimed 4 without evidence; last year 2, so it falls to 2, not to 1:
    # 1 + (3·1.30)/100 = 1.039 → 1 + (1·1.30)/100 = 1.013. Indicator 2 (last year 3, now 2,
    # no evidence) falls to the minimum: last year's level is not lower than the claim.
    old = answers(tmp_path / "old", year=2023, i1=2, i2=3)
    new = answers(tmp_path / "new", i1=claim(4, None), i2=claim(2, None))
    data = as_json(runner, str(new), "--previous", str(old), code=1)
    risk = data["at_risk"]
    assert data["index_exact"] == "1.052"
    assert [(i["id"], i["level_at_risk"], i["drop_exact"]) for i in risk["indicators"]] == [
        ("1", "2", "0.026"),
        ("2", "1", "0.013"),
    ]
    assert (risk["index_exact"], risk["drop_exact"]) == ("1.013", "0.039")


# -- outputs, languages, exit codes -------------------------------------------------------


def test_exit_codes(runner: CliRunner, tmp_path: Path) -> None:
    clean = answers(tmp_path / "a", i1=claim(2, "https://kota.go.id/a"))
    assert run(runner, str(clean)).exit_code == 0
    warned = answers(tmp_path / "b", i1=claim(2, "https://kota.go.id/a", note=None))
    assert run(runner, str(warned)).exit_code == 0
    assert run(runner, str(warned), "--strict").exit_code == 1
    failing = answers(tmp_path / "c", i1=claim(2, None))
    assert run(runner, str(failing)).exit_code == 1
    missing = run(runner, str(tmp_path / "tidak-ada.xlsx"))
    assert missing.exit_code == 2
    broken = answers(tmp_path / "d", i1=9)
    result = run(runner, str(broken))
    assert result.exit_code == 2 and "tingkat 9 di luar 1–5 untuk indikator 1" in result.stderr


def test_formats_and_languages(runner: CliRunner, tmp_path: Path) -> None:
    path = answers(
        tmp_path,
        i1=claim(3, None),
        i2=claim(2, "<script>alert(1)</script> | **tebal**", note="catatan"),
    )
    texts = {}
    for lang in ("id", "en"):
        for fmt in ("table", "md", "html"):
            result = run(runner, str(path), "-f", fmt, "--lang", lang, *STAMP)
            assert result.exit_code == 1, result.output
            texts[lang, fmt] = result.stdout
    # 1 + (2·1.30 + 1·1.30)/100 = 1.039 → 1.04; at risk 1 + 1.30/100 = 1.013 → 1.01
    assert "1 klaim tanpa bukti: 1.04 Kurang → 1.01 Kurang jika ditolak" in texts["id", "table"]
    assert "Indikator berisiko (dampak terbesar ke indeks lebih dulu)" in texts["id", "table"]
    assert (
        "1 unsupported claims: 1.04 Kurang (Poor) → 1.01 Kurang (Poor) if rejected"
        in (texts["en", "md"])
    )
    for lang, words in {
        "id": ["Daftar periksa per indikator", "Penanggung jawab", "Tingkat 3 diklaim tanpa"],
        "en": ["Checklist per indicator", "Owner", "Level 3 claimed with no evidence"],
    }.items():
        for fmt in ("md", "html"):
            assert all(w in texts[lang, fmt] for w in words), (lang, fmt)
    html = texts["id", "html"]
    assert "<script>alert" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    md = texts["id", "md"]
    assert "<script>" not in md and "\\| \\*\\*tebal\\*\\*" in md
    assert run(runner, str(path), "-f", "html", *STAMP).stdout == html  # deterministic
    en = as_json(runner, str(path), "--lang", "en")
    idn = as_json(runner, str(path))
    assert [f["code"] for f in en["findings"]] == [f["code"] for f in idn["findings"]]
    assert en["findings"][0]["message"] == "Level 3 claimed with no evidence (Bukti Dukung)."
    assert idn["findings"][0]["message"] == "Tingkat 3 diklaim tanpa Bukti Dukung."


def test_every_code_has_words_and_a_fix_in_both_languages() -> None:
    from spbe_cli.i18n import TEXT

    for lang in ("id", "en"):
        for code in CODES:
            assert f"fx_{code}" in TEXT[lang], (lang, code)
            assert f"c_{code}" in TEXT[lang] or any(
                k.startswith(f"c_{code}_") for k in TEXT[lang]
            ), (lang, code)
    from string import Formatter

    from spbe_cli.i18n import CHECK_TEXT

    assert set(CHECK_TEXT["id"]) == set(CHECK_TEXT["en"])
    for key, text in CHECK_TEXT["id"].items():  # the same placeholders in both languages
        fields = [
            {f for _, f, _, _ in Formatter().parse(x) if f} for x in (text, CHECK_TEXT["en"][key])
        ]
        assert fields[0] == fields[1], key


def test_output_file_is_written_atomically_and_never_over_an_input(
    runner: CliRunner, tmp_path: Path
) -> None:
    path = answers(tmp_path, i1=claim(2, None))
    out = tmp_path / "cek.html"
    assert run(runner, str(path), "-f", "html", "-o", str(out)).exit_code == 1
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    result = run(runner, str(path), "-f", "md", "-o", str(path))
    assert result.exit_code == 2 and "menolak menimpa berkas masukan" in result.stderr


# -- folder mode -----------------------------------------------------------------------


def test_folder_mode_summaries(runner: CliRunner, tmp_path: Path) -> None:
    src = tmp_path / "opd"
    answers(src, "a.yaml", institution="Kabupaten Siap", i1=claim(2, "https://kota.go.id/a"))
    answers(src, "b.yaml", institution="Kabupaten Belum", base=2)
    (src / "rusak.xlsx").write_bytes(b"not a workbook")
    out = tmp_path / "hasil"
    result = run(runner, str(src), "-o", str(out), "-f", "md", *STAMP)
    assert result.exit_code == 2, result.output  # a bad file: exit 2, after writing all
    assert "rusak.xlsx" in result.stderr
    names = {p.name for p in out.iterdir()}
    assert {f"summary.{x}" for x in ("json", "csv", "xlsx", "md", "html")} <= names
    assert {"kabupaten-belum-2024.json", "kabupaten-belum-2024.md"} <= names
    rows = json.loads((out / "summary.json").read_text(encoding="utf-8"))["rows"]
    assert [(r["institution"], r["status"]) for r in rows] == [
        ("Kabupaten Belum", "ok"),  # lowest index at risk first
        ("Kabupaten Siap", "ok"),
        (None, "error"),
    ]
    belum = rows[0]
    assert (belum["errors"], belum["at_risk_index"], belum["at_risk_predikat"]) == (
        47,
        1.0,
        "Kurang",
    )
    assert (belum["index"], belum["drop"], belum["check"]) == (
        2.0,
        1.0,
        "kabupaten-belum-2024.json",
    )
    assert rows[1]["errors"] == 0 and rows[2]["problems"]
    csv_text = (out / "summary.csv").read_text(encoding="utf-8")
    assert csv_text.splitlines()[1].startswith(f"{src / 'b.yaml'},Kabupaten Belum,,2024,")
    md = (out / "summary.md").read_text(encoding="utf-8")
    assert "| Kabupaten Belum | 2024 | 2.00 | Cukup | 47 | 47 | 1.00 | Kurang | -1.00 |" in md
    one = json.loads((out / "kabupaten-belum-2024.json").read_text(encoding="utf-8"))
    assert one["counts"]["error"] == 47
    sheet = load_workbook(out / "summary.xlsx")["Kesiapan"]
    header = [c.value for c in sheet[1]]
    assert header[:2] == ["Instansi", "Kode"] and header[-1] == "Berkas"
    row = dict(zip(header, sheet[2], strict=True))
    assert row["Instansi"].value == "Kabupaten Belum"
    assert row["Indeks"].value == 2.0 and row["Indeks"].number_format == "0.00"
    assert row["Galat"].value == 47 and row["Galat"].data_type == "n"
    assert row["Predikat berisiko"].fill.fgColor.rgb == "FFF4C7C3"  # Kurang, as reports
    assert sheet.freeze_panes == "B2" and sheet.auto_filter.ref == f"A1:R{sheet.max_row}"


def test_folder_mode_never_takes_evidence_for_answers(runner: CliRunner, tmp_path: Path) -> None:
    src = tmp_path / "opd"
    answers(src, "a.yaml", i1=claim(2, "bukti/01/daftar.xlsx"))
    (src / "bukti" / "01").mkdir(parents=True)
    (src / "bukti" / "01" / "daftar.xlsx").write_bytes(b"PK\x03\x04 a spreadsheet kept as evidence")
    out = tmp_path / "hasil"
    result = run(runner, str(src), "-o", str(out), "--evidence", str(src / "bukti"))
    assert result.exit_code == 0, result.output
    rows = json.loads((out / "summary.json").read_text(encoding="utf-8"))["rows"]
    assert [r["file"] for r in rows] == [str(src / "a.yaml")]


def test_folder_mode_exit_codes_without_bad_files(runner: CliRunner, tmp_path: Path) -> None:
    src = tmp_path / "opd"
    answers(src, "a.yaml", institution="A", i1=claim(2, "https://kota.go.id/a", note=None))
    out = tmp_path / "hasil"
    assert run(runner, str(src), "-o", str(out)).exit_code == 0
    assert run(runner, str(src), "-o", str(out), "--strict").exit_code == 1
    answers(src, "b.yaml", institution="B", i1=claim(2, None))
    result = run(runner, str(src), "-o", str(out), "--lang", "en")
    assert result.exit_code == 1 and "Evidence readiness: 2 of 2 files checked" in result.stdout


def test_folder_mode_matches_last_year_by_institution(runner: CliRunner, tmp_path: Path) -> None:
    old = tmp_path / "2023"
    answers(old, "x.yaml", institution="Kab. Satu", year=2023, i1=1)
    answers(old, "y.yaml", institution="Kabupaten Dua", year=2023, i1=4)
    new = tmp_path / "2024"
    answers(new, "p.yaml", institution="Kabupaten Satu", i1=claim(3, "https://a.go.id/a", None))
    answers(new, "q.yaml", institution="Kabupaten Dua", i1=claim(2, "https://a.go.id/b"))
    answers(new, "r.yaml", institution="Kota Baru", i1=2)
    for previous in (old, _batch_output(runner, old, tmp_path / "batch-2023")):
        out = tmp_path / f"hasil-{previous.name}"
        result = run(runner, str(new), "-o", str(out), "--previous", str(previous))
        assert result.exit_code == 1, result.output  # Kota Baru claims 2 with no evidence
        assert "tidak ada data tahun sebelumnya untuk Kota Baru" in result.stderr
        satu = json.loads((out / "kabupaten-satu-2024.json").read_text(encoding="utf-8"))
        dua = json.loads((out / "kabupaten-dua-2024.json").read_text(encoding="utf-8"))
        assert [f["code"] for f in satu["findings"]] == ["no-explanation", "jump"]
        assert [f["code"] for f in dua["findings"]] == ["drop"]


def test_folder_mode_bad_previous_summary_is_bad_input(runner: CliRunner, tmp_path: Path) -> None:
    src = tmp_path / "opd"
    answers(src, "a.yaml", i1=2)
    bad = tmp_path / "summary.json"
    bad.write_text('{"format_version": 1, "rows": [', encoding="utf-8")
    result = run(runner, str(src), "-o", str(tmp_path / "out"), "--previous", str(bad))
    assert result.exit_code == 2 and "summary.json: --previous: bukan ringkasan spbe" in (
        result.stderr
    )


def _batch_output(runner: CliRunner, src: Path, out: Path) -> Path:
    result = runner.invoke(app, ["batch", str(src), "--out", str(out), "-q"])
    assert result.exit_code == 0, result.output
    return out / "summary.json"


# -- the score report's line, and the bundled example -----------------------------------


def test_score_report_carries_the_readiness_line(runner: CliRunner, tmp_path: Path) -> None:
    path = answers(tmp_path, i1=claim(4, None), i2=claim(3, "https://kota.go.id/b"))
    result = runner.invoke(app, ["score", str(path), "-f", "json"])
    warning = next(w for w in json.loads(result.stdout)["warnings"] if "evidence" in w["code"])
    assert warning["code"] == "evidence-readiness"
    assert warning["params"] == {
        "errors": "1",
        "warnings": "0",
        "n": "1",
        "index": "1.07",
        "risk": "1.03",
        "risk_predikat": "Kurang",
    }
    md = runner.invoke(app, ["score", str(path), "-f", "md", *STAMP]).stdout
    assert "Kesiapan bukti dukung: 1 galat, 0 peringatan; 1 klaim tanpa bukti: 1.07 → 1.03" in md
    plain = answers(tmp_path / "plain", i1=2)  # no Bukti Dukung at all: no line
    data = json.loads(runner.invoke(app, ["score", str(plain), "-f", "json"]).stdout)
    assert not [w for w in data["warnings"] if "evidence" in w["code"]]


def test_the_bundled_evidence_example(runner: CliRunner) -> None:
    folder = ROOT / "examples" / "bukti-dukung"
    data = as_json(
        runner,
        str(folder / "kota-contoh-2025.xlsx"),
        "--evidence",
        str(folder / "bukti"),
        "--previous",
        str(folder / "kota-contoh-2024.yaml"),
        code=1,
    )
    codes = {f["code"] for f in data["findings"]}
    assert codes == set(CODES)  # every finding, on purpose
    assert Decimal(data["at_risk"]["index_exact"]) < Decimal(data["index_exact"])
    seven = [f for f in data["findings"] if f["indicator"] == "7"]
    assert seven == []  # a URL and a screenshot in its folder: ready


# -- gold checklists of the bundled example (SPBE_UPDATE_GOLD=1 rewrites; tests/gold/README.md)

GOLD = Path(__file__).parent / "gold"
EXAMPLE = "examples/bukti-dukung"


@pytest.mark.parametrize(
    ("fmt", "lang"), [("md", "id"), ("md", "en"), ("html", "id"), ("json", "en")]
)
def test_gold_checklist(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch, fmt: str, lang: str
) -> None:
    monkeypatch.chdir(ROOT)  # relative paths: no machine path in any output
    args = [f"{EXAMPLE}/kota-contoh-2025.xlsx", "--evidence", f"{EXAMPLE}/bukti"]
    args += ["--previous", f"{EXAMPLE}/kota-contoh-2024.yaml"]
    result = run(runner, *args, "-f", fmt, "--lang", lang, *STAMP)
    assert result.exit_code == 1, result.output
    gold = GOLD / f"check-kota-contoh-2025.{lang}.{fmt}"
    if os.environ.get("SPBE_UPDATE_GOLD") == "1":
        gold.write_text(result.stdout, encoding="utf-8")
    assert gold.exists(), f"no gold file {gold.name}: run with SPBE_UPDATE_GOLD=1"
    assert result.stdout == gold.read_text(encoding="utf-8")
