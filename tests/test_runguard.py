"""A batch stopped by SIGTERM or SIGHUP cleans up like Ctrl-C; two runs never share --out;
a folder that cannot be read is an error."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from spbe_cli import runguard
from spbe_cli.cli.app import app

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "kabupaten-contoh-2024.xlsx"
STOP = [getattr(signal, n) for n in ("SIGTERM", "SIGHUP") if hasattr(signal, n)]


def _group_alive(pgid: int) -> bool:
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return False
    return True


@pytest.mark.skipif(os.name != "posix", reason="process groups and delivered signals: POSIX")
@pytest.mark.parametrize("signum", STOP, ids=lambda s: signal.Signals(s).name)
def test_stop_signal_removes_staged_files_and_workers(tmp_path: Path, signum: int) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for k in range(60):  # enough that the signal arrives while scoring
        shutil.copy(EXAMPLE, folder / f"kab-{k:02d}.xlsx")
    out = tmp_path / "out"
    proc = subprocess.Popen(
        [sys.executable, "-m", "spbe_cli", "batch", str(folder), "--out", str(out), "-j", "2"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,  # its own process group: workers can be counted after
    )
    deadline = time.monotonic() + 60
    while not any(out.glob(".spbe-*.tmp")) and time.monotonic() < deadline:
        assert proc.poll() is None, proc.stderr.read() if proc.stderr else ""
        time.sleep(0.05)
    assert any(out.glob(".spbe-*.tmp")), "nothing was staged in time"
    proc.send_signal(signum)
    try:
        code = proc.wait(timeout=60)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
    stderr = proc.stderr.read().decode() if proc.stderr else ""
    assert code == 128 + signum, stderr
    assert f"dihentikan oleh {signal.Signals(signum).name}" in stderr
    assert "Traceback" not in stderr
    assert sorted(p.name for p in out.iterdir()) == []  # no staged file, no lock file
    for _ in range(100):  # the workers are gone with it
        if not _group_alive(proc.pid):
            break
        time.sleep(0.05)
    assert not _group_alive(proc.pid)


def test_second_run_into_the_same_folder_is_refused(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    with runguard.locked(out):
        result = CliRunner().invoke(app, ["batch", str(EXAMPLE), "--out", str(out)])
        english = CliRunner().invoke(
            app, ["batch", str(EXAMPLE), "--out", str(out), "--lang", "en"]
        )
    assert result.exit_code == 2
    assert f"{out}: spbe batch lain sedang menulis ke folder ini (pid {os.getpid()} di" in (
        result.stderr
    )
    assert f"{out}: another spbe batch is writing into this folder (pid {os.getpid()} on" in (
        english.stderr
    )
    assert "Traceback" not in result.output
    # once the first run is done, the folder is free and no lock file is left
    assert list(out.iterdir()) == []
    again = CliRunner().invoke(app, ["batch", str(EXAMPLE), "--out", str(out)])
    assert again.exit_code == 0, again.output
    assert not (out / runguard.LOCK_NAME).exists()


def test_unreadable_sub_folder_is_an_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """(As root, permissions do not stop a read; the refusal is simulated at os.scandir.)"""
    folder = tmp_path / "in"
    (folder / "locked").mkdir(parents=True)
    shutil.copy(EXAMPLE, folder / "a.xlsx")
    real_scandir = os.scandir

    def scandir(path: object) -> object:
        if Path(str(path)).name == "locked":
            raise PermissionError(13, "Permission denied")
        return real_scandir(path)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "scandir", scandir)
    result = CliRunner().invoke(app, ["batch", str(folder), "--out", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert f"{folder / 'locked'}: folder ini tidak dapat dibaca: akses ditolak" in result.stderr
    assert not (tmp_path / "out").exists()  # nothing scored, nothing written


def test_verbose_lists_every_skipped_file_and_the_title_counts_them(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(EXAMPLE, folder / "a.xlsx")
    (folder / "~$a.xlsx").write_bytes(b"lock")
    (folder / "catatan.txt").write_text("x")
    (folder / "ci.yaml").write_text("on: push\njobs: {}\n")
    out = tmp_path / "out"
    quiet_list = CliRunner().invoke(app, ["batch", str(folder), "--out", str(out)])
    assert quiet_list.exit_code == 0, quiet_list.output
    assert "1 dari 1 berkas dinilai" in quiet_list.stdout
    assert "3 berkas lain dilewati (--verbose menampilkannya)" in quiet_list.stdout
    english = CliRunner().invoke(app, ["batch", str(folder), "--out", str(out), "--lang", "en"])
    assert "1 of 1 scored" in english.stdout
    assert "3 other files skipped (--verbose lists them)" in english.stdout
    verbose = CliRunner().invoke(app, ["batch", str(folder), "--out", str(out), "--verbose"])
    for line in (
        f"{folder / '~$a.xlsx'}: tersembunyi atau berkas kunci aplikasi perkantoran",
        f"{folder / 'catatan.txt'}: bukan jenis berkas jawaban",
        f"{folder / 'ci.yaml'}: tidak ada bagian identitas/jawaban",
    ):
        assert line in verbose.stderr
    english = CliRunner().invoke(
        app, ["batch", str(folder), "--out", str(out), "--verbose", "--lang", "en"]
    )
    for line in (
        f"{folder / '~$a.xlsx'}: hidden or an office lock file",
        f"{folder / 'catatan.txt'}: not an answer file type",
        f"{folder / 'ci.yaml'}: no identitas/jawaban (identity/answers) section",
    ):
        assert line in english.stderr
