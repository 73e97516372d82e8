"""Writes are atomic: an interrupted write leaves the previous file whole and no debris."""

from __future__ import annotations

import io
import os
import sys
from pathlib import Path

import pytest

from spbe_cli import output
from spbe_cli.errors import OutputError


def test_interrupted_write_keeps_the_previous_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "laporan.html"
    target.write_text("previous report")

    def crash(src: str, dst: str) -> None:
        raise KeyboardInterrupt  # the user pressed Ctrl-C between write and rename

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(KeyboardInterrupt):
        output.write(str(target), "x" * 1_000_000)
    assert target.read_text() == "previous report"
    assert [p.name for p in tmp_path.iterdir()] == ["laporan.html"]


def test_failed_write_is_a_located_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "r.json"
    target.write_text("old")

    def full(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", full)
    with pytest.raises(OutputError) as err:
        output.write(str(target), "new")
    assert str(err.value) == f"{target}: tidak dapat menulis: ruang penyimpanan habis"
    assert err.value.text("en") == f"{target}: cannot write: no space left on the device"
    assert target.read_text() == "old" and len(list(tmp_path.iterdir())) == 1


def test_inputs_are_never_overwritten_even_through_links(tmp_path: Path) -> None:
    src = tmp_path / "a.xlsx"
    src.write_bytes(b"workbook")
    link = tmp_path / "link.xlsx"
    link.symlink_to(src)
    hard = tmp_path / "hard.xlsx"
    os.link(src, hard)
    for target in (src, link, hard):
        with pytest.raises(OutputError, match="menolak menimpa berkas masukan"):
            output.write(str(target), "x", [src])
    assert src.read_bytes() == b"workbook"


@pytest.mark.skipif(not hasattr(os, "fchmod"), reason="POSIX permissions")
def test_written_files_get_ordinary_permissions(tmp_path: Path) -> None:
    """A result is readable like any file the user makes (0666 less the umask), not the
    0600 of a temporary file; replacing a file keeps the permissions it had."""
    old = os.umask(0o022)
    try:
        new = tmp_path / "new.json"
        output.write(str(new), "{}")
        assert new.stat().st_mode & 0o777 == 0o644
        kept = tmp_path / "kept.json"
        kept.write_text("old")
        kept.chmod(0o640)
        output.write(str(kept), "{}")
        assert kept.stat().st_mode & 0o777 == 0o640
        assert kept.read_text() == "{}"
    finally:
        os.umask(old)


def test_text_for_a_terminal_shows_control_characters_escaped(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A Markdown report printed on a terminal cannot set its title or clear its screen;
    lines and tabs stay, and piped output is left byte for byte."""

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    shown = Terminal()
    monkeypatch.setattr(sys, "stdout", shown)
    output.write("-", "# Kab \x1b]0;x\x07\n|\ta\u202e|\n")
    assert shown.getvalue() == "# Kab \\x1b]0;x\\x07\n|\ta\\u202e|\n"
    piped = io.StringIO()
    monkeypatch.setattr(sys, "stdout", piped)
    output.write("-", "# Kab \x1b\n")
    assert piped.getvalue() == "# Kab \x1b\n"
