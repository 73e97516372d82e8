"""`spbe batch`: every output file, bad files beside good ones, gates, determinism."""

from __future__ import annotations

import csv
import io
import json
import multiprocessing
import os
import shlex
import shutil
from pathlib import Path

import crashers
import pytest
import yaml
from openpyxl import load_workbook
from typer.testing import CliRunner

from spbe_cli.cli.app import app

START_METHODS = [m for m in ("fork", "spawn") if m in multiprocessing.get_all_start_methods()]

ROOT = Path(__file__).resolve().parent.parent
STAMP = ["--generated-at", "2026-01-01T00:00:00+00:00"]
SUMMARIES = ["summary.json", "summary.csv", "summary.xlsx", "summary.md", "summary.html"]
MANIFEST = ".spbe-manifest.json"  # the list of what the run wrote (see test_manifest.py)


def make_province(folder: Path, n: int = 8) -> list[Path]:
    """n kabupaten: the 2024 example with other names, codes and a few levels changed."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for k in range(n):
        wb = load_workbook(ROOT / "examples" / "kabupaten-contoh-2024.xlsx")
        ident = wb["Identitas"]
        ident["B1"], ident["B3"] = f"Kabupaten Uji {k:02d}", f"99{k:02d}"
        ident["B5"] = "Provinsi A" if k % 2 else "Provinsi B"
        for row in range(2, 2 + k):
            wb["Jawaban"][f"E{row}"] = 5
        path = folder / f"kab-{k:02d}.xlsx"
        wb.save(path)
        paths.append(path)
    return paths


def test_examples_folder_writes_every_file(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = runner.invoke(
        app, ["batch", str(ROOT / "examples"), "--out", str(out), "--reports", "md,html", *STAMP]
    )
    assert result.exit_code == 0, result.output
    names = sorted(p.name for p in out.iterdir())
    for stem in (
        "kabupaten-contoh-2019",
        "kabupaten-contoh-2024",
        "kabupaten-contoh-2025",
        "kabupaten-contoh-2026",
        "kota-contoh-2024",  # examples/bukti-dukung/, found recursively
        "kota-contoh-2025",
    ):
        assert {f"{stem}.json", f"{stem}.md", f"{stem}.html"} <= set(names)
    assert set(SUMMARIES) <= set(names)
    summary = json.loads((out / "summary.json").read_text())
    assert summary["format_version"] == 1
    rows = summary["rows"]
    # ranked within each group of year and rubric, newest year first
    assert [(r["group"], r["rank"], r["index"]) for r in rows] == [
        ("2026/permenpanrb-8-2026", 1, 1.24),
        ("2025/permenpanrb-59-2020", 1, 2.9),
        ("2025/permenpanrb-59-2020", 2, 1.37),
        ("2024/permenpanrb-59-2020", 1, 2.63),
        ("2024/permenpanrb-59-2020", 2, 1.08),
        ("2019/permenpanrb-5-2018", 1, 2.64),
    ]
    assert [g["files"] for g in summary["groups"]] == [1, 2, 2, 1]
    keys = {
        "file",
        "institution",
        "code",
        "type",
        "province",
        "year",
        "rubric",
        "index",
        "index_exact",
        "predikat",
        "predikat_boundary",
        "domains",
        "aspects",
        "status",
        "errors",
    }
    assert all(keys <= set(r) for r in rows)
    assert rows[1]["domains"] == {"D1": 2.8, "D2": 2.8, "D3": 2.0, "D4": 3.31}
    # the CI workflow YAML in examples/ is not an answer file and is passed over
    assert not any("github" in r["file"] for r in rows)
    one = json.loads((out / "kabupaten-contoh-2024.json").read_text())
    assert one["index"] == 2.63 and one["format_version"] == 1


def test_broken_file_does_not_stop_the_others(runner: CliRunner, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    make_province(folder, 4)
    (folder / "rusak.xlsx").write_bytes(b"this is not a workbook")
    (folder / "~$kab-00.xlsx").write_bytes(b"office lock file")
    (folder / ".hidden.xlsx").write_bytes(b"hidden")
    out = tmp_path / "out"
    result = runner.invoke(app, ["batch", str(folder), "--out", str(out), *STAMP])
    assert result.exit_code == 2
    assert "rusak.xlsx: bukan lembar kerja" in result.stderr
    rows = json.loads((out / "summary.json").read_text())["rows"]
    assert [r["status"] for r in rows] == ["ok"] * 4 + ["error"]
    assert rows[-1]["file"].endswith("rusak.xlsx") and rows[-1]["errors"]
    assert not any("~$" in r["file"] or ".hidden" in r["file"] for r in rows)
    assert "rusak.xlsx" in (out / "summary.md").read_text()
    allowed = runner.invoke(
        app, ["batch", str(folder), "--out", str(out), "--allow-invalid", *STAMP]
    )
    assert allowed.exit_code == 0


def test_same_institution_and_year_twice(runner: CliRunner, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    a, b = make_province(folder, 2)
    shutil.copy(a, folder / "kab-00-copy.xlsx")
    result = runner.invoke(app, ["batch", str(folder), "--out", str(tmp_path / "o"), *STAMP])
    assert result.exit_code == 2
    assert f"{folder / 'kab-00-copy.xlsx'}: Kabupaten Uji 00 2024 juga ada di {a}" in result.stderr
    assert f"{a}: Kabupaten Uji 00 2024 juga ada di {folder / 'kab-00-copy.xlsx'}" in result.stderr
    # workers stage every result in the output folder; the duplicates' are removed, not left
    names = sorted(p.name for p in (tmp_path / "o").iterdir())
    assert names == [MANIFEST, "kabupaten-uji-01-2024.json", *sorted(SUMMARIES)]


def test_unwritable_output_is_one_error_before_any_scoring(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import tempfile

    folder = tmp_path / "in"
    make_province(folder, 2)

    def denied(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", denied)
    out = tmp_path / "o"
    result = runner.invoke(app, ["batch", str(folder), "--out", str(out), *STAMP])
    assert result.exit_code == 2
    assert result.stderr.count("galat:") == 1
    assert f"{out}" in result.stderr and "tidak dapat menulis: akses ditolak" in result.stderr
    assert "Traceback" not in result.output + result.stderr


def test_output_failing_mid_run_stops_the_run_cleanly(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A disk that fills up while results are written: one error naming the output (not an
    invalid answer file per institution), exit 2, and nothing half-written left behind."""
    from spbe_cli import output
    from spbe_cli.errors import OutputError, Problem

    folder = tmp_path / "in"
    make_province(folder, 4)
    out = tmp_path / "o"
    real, calls = output.stage, []

    def fills_up(folder: Path, data: str | bytes, hint: str = "", durable: bool = False) -> Path:
        calls.append(hint)
        if len(calls) == 4:  # the probe, two results, then the disk is full
            raise OutputError([Problem(str(folder / hint), "", "cannot write: No space left")])
        return real(folder, data, hint, durable)

    monkeypatch.setattr(output, "stage", fills_up)
    result = runner.invoke(app, ["batch", str(folder), "--out", str(out), "--jobs", "1", *STAMP])
    assert result.exit_code == 2
    assert result.stderr.count("galat:") == 1 and "No space left" in result.stderr
    assert "Traceback" not in result.output + result.stderr
    assert list(out.iterdir()) == []


def test_output_failing_in_a_worker_stops_the_run_cleanly(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from spbe_cli import output
    from spbe_cli.errors import OutputError, Problem

    folder = tmp_path / "in"
    make_province(folder, 8)
    out = tmp_path / "o"
    real = output.stage

    def fails_for_one(folder: Path, data: str | bytes, *rest: object) -> Path:
        if "Kabupaten Uji 05" in str(data):
            raise OutputError([Problem(str(folder), "", "cannot write: No space left")])
        return real(folder, data, *rest)  # type: ignore[arg-type]

    monkeypatch.setattr(output, "stage", fails_for_one)
    result = runner.invoke(app, ["batch", str(folder), "--out", str(out), "--jobs", "2", *STAMP])
    assert result.exit_code == 2
    assert result.stderr.count("galat:") == 1 and "No space left" in result.stderr
    assert list(out.iterdir()) == []


@pytest.mark.skipif(os.name != "posix", reason="the test kills its worker with SIGKILL")
@pytest.mark.parametrize("method", START_METHODS)
@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_file_that_kills_the_reader_is_its_own_error(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, jobs: str, method: str
) -> None:
    """calamine aborts the process on some inputs no check foresees: that file is an
    error naming it, every other file is still scored, and nothing is left half-written;
    with workers forked and spawned (as on Windows and macOS) alike."""
    from spbe_cli import batch, isolate

    folder = tmp_path / "in"
    make_province(folder, 6)
    monkeypatch.setattr(isolate, "START_METHOD", method)
    monkeypatch.setattr(batch, "_worker", crashers.worker_that_kills_kab_03)
    out = tmp_path / "o"
    args = ["batch", str(folder), "--out", str(out), "--jobs", jobs, "--lang", "en", *STAMP]
    result = runner.invoke(app, args)
    assert result.exit_code == 2, result.output
    assert (
        f"{folder / 'kab-03.xlsx'}: the spreadsheet reader crashed on this file (signal 9)"
        in result.stderr
    )
    rows = json.loads((out / "summary.json").read_text())["rows"]
    assert [r["status"] for r in rows] == ["ok"] * 5 + ["error"]
    assert len(list(out.glob("kabupaten-uji-*.json"))) == 5
    assert [p.name for p in out.glob(".*")] == [MANIFEST]  # no staged file left


def test_interrupted_batch_leaves_no_staged_files(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Results are staged under temporary names while scoring; an interrupt before they are
    renamed removes them all (and writes no summary)."""
    from spbe_cli import batch

    folder = tmp_path / "in"
    make_province(folder, 3)
    out = tmp_path / "o"

    def interrupted(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    real = batch.score_all

    def score_then_interrupt(*args: object, **kwargs: object) -> object:
        outcomes = real(*args, **kwargs)  # type: ignore[arg-type]
        assert any(out.glob(".spbe-*.json.*.tmp"))  # staged, not yet renamed
        monkeypatch.setattr(batch, "mark_duplicates", interrupted)
        return outcomes

    monkeypatch.setattr(batch, "score_all", score_then_interrupt)
    result = runner.invoke(app, ["batch", str(folder), "--out", str(out), "--jobs", "1", *STAMP])
    assert result.exit_code != 0
    assert list(out.iterdir()) == []


def test_gates_on_batch_and_score(runner: CliRunner, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    make_province(folder, 4)
    result = runner.invoke(
        app,
        [
            "batch",
            str(folder),
            "--out",
            str(tmp_path / "o"),
            "--fail-under",
            "2.70",
            "--min-domain",
            "D3=1.6",
            *STAMP,
        ],
    )
    assert result.exit_code == 1, result.output
    # the gate messages speak the run's language: Indonesian by default
    assert "Kabupaten Uji 00: indeks 2.63 < 2.70 (kurang 0.07)" in result.stderr
    assert "Kabupaten Uji 00: D3 1.55 < 1.6 (kurang 0.05)" in result.stderr
    assert "Kabupaten Uji 03: indeks" not in result.stderr  # levels 1-3 raised to 5: 2.72
    md = (tmp_path / "o" / "summary.md").read_text()
    assert "indeks 2.63 &lt; 2.70 (kurang 0.07)" in md
    example = str(ROOT / "examples" / "kabupaten-contoh-2024.xlsx")
    score = runner.invoke(app, ["score", example, "--min-predikat", "Sangat Baik"])
    assert score.exit_code == 1
    assert "Kabupaten Contoh: predikat Baik di bawah Sangat Baik" in score.stderr
    english = runner.invoke(
        app,
        ["score", example, "--min-predikat", "Sangat Baik", "--fail-under", "2.70", "--lang", "en"],
    )
    assert english.exit_code == 1
    assert "gate failed: Kabupaten Contoh: predikat Baik is below Sangat Baik" in english.stderr
    assert "gate failed: Kabupaten Contoh: index 2.63 < 2.70 (short by 0.07)" in english.stderr
    passed = runner.invoke(app, ["score", example, "--min-predikat", "baik", "--fail-under", "2.6"])
    assert passed.exit_code == 0
    bad = runner.invoke(app, ["score", example, "--min-domain", "D9"])
    assert bad.exit_code == 2 and "--min-domain: 'D9' tidak berbentuk ID=NILAI" in bad.stderr


def test_summaries_identical_whatever_jobs(runner: CliRunner, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    make_province(folder, 8)
    outs = []
    for jobs in ("1", "2"):
        out = tmp_path / f"out{jobs}"
        result = runner.invoke(
            app,
            ["batch", str(folder), "--out", str(out), "--jobs", jobs, "--reports", "html", *STAMP],
        )
        assert result.exit_code == 0, result.output
        outs.append(out)
    files = sorted(p.name for p in outs[0].iterdir())
    assert files == sorted(p.name for p in outs[1].iterdir()) and len(files) == 8 * 2 + 5 + 1
    for name in files:
        assert (outs[0] / name).read_bytes() == (outs[1] / name).read_bytes(), name


def test_hostile_names_make_safe_unique_files(runner: CliRunner, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    paths = make_province(folder, 3)
    for p, name in zip(paths, ["../../etc/passwd", "..\\..\\x", "../../etc/passwd!"], strict=True):
        wb = load_workbook(p)
        wb["Identitas"]["B1"] = name
        wb.save(p)
    out = tmp_path / "out"
    result = runner.invoke(app, ["batch", str(folder), "--out", str(out), *STAMP])
    assert result.exit_code == 0, result.output
    made = sorted(
        p.name for p in out.iterdir() if p.name.startswith("etc") or p.name.startswith("x")
    )
    assert made == ["etc-passwd-2024-2.json", "etc-passwd-2024.json", "x-2024.json"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in", "out"]


def test_csv_and_xlsx_summaries(runner: CliRunner, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    paths = make_province(folder, 2)
    wb = load_workbook(paths[0])
    cell = wb["Identitas"]["B1"]
    cell.value = '=HYPERLINK("http://evil","x")'
    cell.data_type = "s"  # typed as text (a formula cell would have no saved value)
    wb.save(paths[0])
    out = tmp_path / "out"
    assert runner.invoke(app, ["batch", str(folder), "--out", str(out), *STAMP]).exit_code == 0
    rows = list(csv.DictReader(io.StringIO((out / "summary.csv").read_text())))
    assert rows[0]["index"] == "2.65" and rows[1]["index"] == "2.63"  # 2.90 style, not 2.9
    assert any(r["institution"] == '\'=HYPERLINK("http://evil","x")' for r in rows)
    wb = load_workbook(out / "summary.xlsx")
    ws = wb["Ringkasan"]
    assert ws.freeze_panes == "B2" and ws.auto_filter.ref.startswith("A1:")
    header = [c.value for c in ws[1]]
    col = header.index("Predikat") + 1
    assert ws.cell(row=2, column=col).value == "Baik"
    assert ws.cell(row=2, column=col).fill.fgColor.rgb == "FFD9EAD3"
    inst = [ws.cell(row=r, column=header.index("Instansi") + 1) for r in (2, 3)]
    evil = next(c for c in inst if str(c.value).startswith("="))
    assert evil.data_type == "s" and evil.quotePrefix


def test_globs_and_unmatched_paths(runner: CliRunner, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    make_province(folder, 2)
    out = tmp_path / "out"
    result = runner.invoke(app, ["batch", str(folder / "kab-0*.xlsx"), "--out", str(out), *STAMP])
    assert result.exit_code == 0, result.output
    assert len(json.loads((out / "summary.json").read_text())["rows"]) == 2
    none = runner.invoke(app, ["batch", str(tmp_path / "nothing-*.xlsx"), "--out", str(out)])
    assert none.exit_code == 2 and "tidak ada berkas jawaban di sini" in none.stderr


def test_output_folder_over_the_answers_says_why_nothing_is_found(
    runner: CliRunner, tmp_path: Path
) -> None:
    folder = tmp_path / "in"
    make_province(folder, 1)
    result = runner.invoke(app, ["batch", str(folder), "--out", str(folder), *STAMP])
    assert result.exit_code == 2
    assert (
        f"{folder}: tidak ada berkas jawaban di sini: ini berada di dalam folder keluaran"
        in result.stderr
    )


def test_ci_workflow_is_valid_and_its_commands_exist(runner: CliRunner) -> None:
    flow = yaml.safe_load((ROOT / "examples" / "github-actions-spbe.yml").read_text())
    steps = flow["jobs"]["score"]["steps"]
    commands = [s["run"] for s in steps if "run" in s]
    spbe = [shlex.split(c) for c in commands if c.startswith("spbe ")]
    assert spbe and spbe[0][:2] == ["spbe", "batch"]
    help_text = runner.invoke(app, ["batch", "--help"], terminal_width=200).stdout
    for arg in spbe[0][2:]:
        if arg.startswith("--"):
            assert arg in help_text, arg
    assert any("summary.md" in c and "GITHUB_STEP_SUMMARY" in c for c in commands)
    assert any(s.get("uses", "").startswith("actions/upload-artifact") for s in steps)


@pytest.mark.parametrize("bad", [["--reports", "docx"], ["--min-predikat", "Hebat"]])
def test_bad_options(runner: CliRunner, tmp_path: Path, bad: list[str]) -> None:
    result = runner.invoke(app, ["batch", str(ROOT / "examples"), "--out", str(tmp_path), *bad])
    assert result.exit_code == 2 and "galat:" in result.stderr
