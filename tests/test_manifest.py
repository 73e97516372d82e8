"""No stale outputs: a batch lists what it wrote in `--out`/.spbe-manifest.json, and a rerun
removes the previous list's files it did not write again, and nothing else, ever."""

from __future__ import annotations

import json
import os
import signal
from pathlib import Path

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from spbe_cli import manifest, output
from spbe_cli.cli.app import app

ROOT = Path(__file__).resolve().parent.parent
STAMP = ["--generated-at", "2026-01-01T00:00:00+00:00"]
MANIFEST = manifest.NAME
SUMMARIES = ["summary.csv", "summary.html", "summary.json", "summary.md", "summary.xlsx"]
links = pytest.mark.skipif(os.name != "posix", reason="symbolic links need privileges on Windows")


def _province(folder: Path, names: list[str]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name in names:
        wb = load_workbook(ROOT / "examples" / "kabupaten-contoh-2024.xlsx")
        wb["Identitas"]["B1"], wb["Identitas"]["B3"] = name, None
        wb.save(folder / f"{name.replace(' ', '-')}.xlsx")


def _batch(runner: CliRunner, folder: Path, out: Path, *extra: str, code: int = 0) -> str:
    result = runner.invoke(app, ["batch", str(folder), "--out", str(out), *STAMP, *extra])
    assert result.exit_code == code, result.output
    assert "Traceback" not in result.output
    return result.stderr


def _listed(out: Path) -> list[str]:
    files: list[str] = json.loads((out / MANIFEST).read_text(encoding="utf-8"))["files"]
    return files


def test_a_rerun_removes_only_what_the_previous_run_wrote(
    runner: CliRunner, tmp_path: Path
) -> None:
    folder, out = tmp_path / "in", tmp_path / "out"
    _province(folder, ["Kota Satu", "Kota Dua", "Kota Tiga"])
    _batch(runner, folder, out, "--reports", "md,html")
    first = ["kota-dua-2024", "kota-satu-2024", "kota-tiga-2024"]
    assert _listed(out) == sorted(
        [*SUMMARIES, *(f"{s}.{x}" for s in first for x in ("json", "md", "html"))]
    )
    # what the user put there is theirs: a note, an older report, a folder with a file
    (out / "catatan.txt").write_text("mine")
    (out / "kota-lama-2023.json").write_text("{}")
    (out / "arsip").mkdir()
    (out / "arsip" / "kota-dua-2024.json").write_text("{}")
    (folder / "Kota-Dua.xlsx").unlink()  # Kota Dua is no longer in the input
    said = _batch(runner, folder, out, "--reports", "md", "--lang", "en")
    names = sorted(p.name for p in out.iterdir())
    assert names == sorted(
        [
            MANIFEST,
            *SUMMARIES,
            *(f"{s}.{x}" for s in ("kota-satu-2024", "kota-tiga-2024") for x in ("json", "md")),
            "catatan.txt",
            "kota-lama-2023.json",
            "arsip",
        ]
    )
    assert (out / "arsip" / "kota-dua-2024.json").exists()
    assert "kota-dua-2024.html" not in _listed(out) and "catatan.txt" not in _listed(out)
    assert "5 old output files that this run did not write again removed" in said
    assert "kota-dua-2024.html, kota-dua-2024.json, kota-dua-2024.md" in said
    quiet = _batch(runner, folder, out, "--quiet")  # the md reports go; nothing is said
    assert "removed" not in quiet and not (out / "kota-satu-2024.md").exists()


def test_invalid_files_still_clean_up_after_writing(runner: CliRunner, tmp_path: Path) -> None:
    """A run that exits 2 for a bad file has still written everything: its outputs are the
    folder's, and the bad file's results of the previous run go (the summary lists it)."""
    folder, out = tmp_path / "in", tmp_path / "out"
    _province(folder, ["Kota Satu", "Kota Dua"])
    _batch(runner, folder, out)
    (folder / "Kota-Dua.xlsx").write_bytes(b"not a workbook")
    _batch(runner, folder, out, code=2)
    assert not (out / "kota-dua-2024.json").exists() and (out / "kota-satu-2024.json").exists()


@pytest.mark.parametrize("how", ["disk-full", "stopped", "interrupted"])
def test_a_run_that_does_not_finish_removes_nothing(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, how: str
) -> None:
    from spbe_cli import runguard, summarybook
    from spbe_cli.errors import OutputError, Problem

    folder, out = tmp_path / "in", tmp_path / "out"
    _province(folder, ["Kota Satu", "Kota Dua"])
    _batch(runner, folder, out, "--reports", "md")
    before = _listed(out)
    (folder / "Kota-Dua.xlsx").unlink()

    def fails(*_args: object) -> bytes:
        if how == "disk-full":
            raise OutputError([Problem(str(out / "summary.xlsx"), "", "cannot write: No space")])
        if how == "stopped":
            raise runguard.Stopped(signal.SIGTERM)
        raise KeyboardInterrupt

    monkeypatch.setattr(summarybook, "to_xlsx", fails)  # summaries come last but for cleanup
    result = runner.invoke(app, ["batch", str(folder), "--out", str(out), *STAMP])
    assert result.exit_code != 0
    assert (out / "kota-dua-2024.json").exists() and (out / "kota-dua-2024.md").exists()
    assert _listed(out) == before


@pytest.mark.parametrize(
    "text",
    [
        "{not json",
        b"\xff\xfe".decode("latin-1"),
        "[1, 2]",
        '{"format_version": 2, "files": ["kota-satu-2024.json"]}',
        '{"format_version": 1, "files": "kota-satu-2024.json"}',
        '{"format_version": 1, "files": [1, null]}',
        "[" * 100_000 + "]" * 100_000,
    ],
)
def test_a_broken_manifest_is_ignored_with_a_warning(
    runner: CliRunner, tmp_path: Path, text: str
) -> None:
    folder, out = tmp_path / "in", tmp_path / "out"
    _province(folder, ["Kota Satu"])
    out.mkdir()
    (out / "kota-satu-2024.md").write_text("old report")
    (out / MANIFEST).write_text(text, encoding="latin-1")
    said = _batch(runner, folder, out, "--lang", "en")
    assert f"warning: ignored {MANIFEST}" in said and "no old output was removed" in said
    assert (out / "kota-satu-2024.md").read_text() == "old report"
    assert _listed(out) == ["kota-satu-2024.json", *SUMMARIES]  # replaced by a good one


def test_hostile_entries_never_reach_outside_or_user_files(
    runner: CliRunner, tmp_path: Path
) -> None:
    folder, out, outside = tmp_path / "in", tmp_path / "out", tmp_path / "outside"
    _province(folder, ["Kota Satu"])
    outside.mkdir()
    victims = [outside / "penting.json", tmp_path / "penting.md"]
    for v in victims:
        v.write_text("keep")
    out.mkdir()
    (out / "sub").mkdir()
    (out / "sub" / "x.json").write_text("keep")
    (out / "notes.txt").write_text("keep")
    entries = [
        "../penting.md",
        "../outside/penting.json",
        str(outside / "penting.json"),
        "sub/x.json",
        "sub",
        "notes.txt",  # not a name a batch writes
        ".spbe-batch.lock",
        MANIFEST,
        "..",
        ".",
        "",
        "C:penting.json",
        "..\\penting.md",
        "summary.json",  # written again by this run: kept, of course
    ]
    body = {"format_version": 1, "files": entries}
    (out / MANIFEST).write_text(json.dumps(body), encoding="utf-8")
    said = _batch(runner, folder, out, "--lang", "en")
    assert all(v.read_text() == "keep" for v in victims)
    assert (out / "sub" / "x.json").read_text() == "keep" and (out / "notes.txt").exists()
    assert "../penting.md listed in .spbe-manifest.json was not removed" in said
    assert "summary.json listed" not in said and (out / "summary.json").exists()
    assert _listed(out) == ["kota-satu-2024.json", *SUMMARIES]


@links
def test_links_are_never_followed_or_removed(runner: CliRunner, tmp_path: Path) -> None:
    folder, out, outside = tmp_path / "in", tmp_path / "out", tmp_path / "outside"
    _province(folder, ["Kota Satu"])
    outside.mkdir()
    secret = outside / "rahasia.json"
    secret.write_text("keep")
    out.mkdir()
    (out / "link.json").symlink_to(secret)
    (out / "dir.json").symlink_to(outside)
    (out / "dangling.json").symlink_to(outside / "nothing.json")
    body = {"format_version": 1, "files": ["link.json", "dir.json", "dangling.json"]}
    (out / MANIFEST).write_text(json.dumps(body), encoding="utf-8")
    said = _batch(runner, folder, out, "--lang", "en")
    assert secret.read_text() == "keep"
    assert all((out / n).is_symlink() for n in ("link.json", "dir.json", "dangling.json"))
    assert said.count("was not removed: it is a link") == 3
    # a manifest that is itself a link is not read, and is replaced, never written through
    (out / MANIFEST).unlink()
    (out / MANIFEST).symlink_to(secret)
    said = _batch(runner, folder, out, "--lang", "en")
    assert "ignored .spbe-manifest.json (not a regular file" in said
    assert secret.read_text() == "keep" and not (out / MANIFEST).is_symlink()
    assert _listed(out) == ["kota-satu-2024.json", *SUMMARIES]


def test_safe_names() -> None:
    assert manifest.safe_name("kota-satu-2024.json") and manifest.safe_name("summary.xlsx")
    for bad in ("", ".", "..", "../x.json", "/x.json", "a/b.json", "a\\b.json", "C:x.json"):
        assert not manifest.safe_name(bad), bad
    for bad in (".hidden.json", "x.json ", "x.txt", "x.json:stream", "x\0.json", "x" * 300):
        assert not manifest.safe_name(bad), bad


def test_inputs_and_files_just_written_are_kept(tmp_path: Path) -> None:
    """An entry naming an input (as a hard link too) or a file this run wrote is left."""
    (tmp_path / "jawaban.json").write_text("{}")
    os.link(tmp_path / "jawaban.json", tmp_path / "kota-2024.json")
    (tmp_path / "summary.json").write_text("new")
    body = {"format_version": 1, "files": ["jawaban.json", "kota-2024.json", "summary.json"]}
    (tmp_path / MANIFEST).write_text(json.dumps(body), encoding="utf-8")
    done = manifest.replace(tmp_path, ["summary.json"], output.protect([tmp_path / "jawaban.json"]))
    assert done.removed == [] and (tmp_path / "jawaban.json").exists()
    assert sorted(done.skipped) == [("jawaban.json", "input"), ("kota-2024.json", "input")]
    assert manifest.previous(tmp_path) == (["summary.json"], None)


def test_an_earlier_output_folder_is_not_read_as_answers(runner: CliRunner, tmp_path: Path) -> None:
    """Outputs of another run (summary.csv, summary.xlsx, result JSON) inside the folder
    given are spbe's own, not answers: passed over with a reason, never "invalid"."""
    inputs = tmp_path / "inputs"
    inputs.mkdir()
    (inputs / "a.xlsx").write_bytes((ROOT / "examples/kabupaten-contoh-2024.xlsx").read_bytes())
    first = runner.invoke(app, ["batch", str(inputs), "--out", str(inputs / "hasil"), *STAMP])
    assert first.exit_code == 0, first.output
    assert (inputs / "hasil" / manifest.NAME).is_file()
    again = [str(inputs), "--out", str(tmp_path / "lagi"), "-v", "--lang", "en", *STAMP]
    second = runner.invoke(app, ["batch", *again])
    assert second.exit_code == 0, second.output
    assert "1 of 1 scored" in second.stdout + second.stderr
    assert f"{inputs / 'hasil'}: an earlier spbe batch output folder" in second.stderr
    assert "summary.csv" not in second.stderr  # its contents were never looked at
