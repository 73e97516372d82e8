"""The English and Indonesian READMEs agree on what a user types and on the workbook contract."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EN = (ROOT / "README.md").read_text(encoding="utf-8")
ID = (ROOT / "README.id.md").read_text(encoding="utf-8")


def section(text: str, heading: str) -> str:
    start = text.index(f"\n## {heading}\n")
    end = text.find("\n## ", start + 1)
    return text[start : end if end >= 0 else None]


def command_lines(text: str) -> list[str]:
    return re.findall(r"```(?:sh|powershell)\n(.*?)\n```", text)


def subcommands(table: str) -> set[str]:
    return set(re.findall(r"^\| `spbe ([a-z]+(?: [a-z]+)?)", table, re.MULTILINE))


def identity_keys(text: str) -> list[str]:
    return re.findall(r"^\| `(\w+)` \(`(\w+)`\)", text, re.MULTILINE)


def test_each_readme_links_the_other() -> None:
    assert "[README.id.md](README.id.md)" in EN.split("## ")[0]
    assert "[README.md](README.md)" in ID.split("## ")[0]


def test_quickstart_command_lines_are_the_same_in_both() -> None:
    en = command_lines(section(EN, "Quickstart"))
    assert len(en) == 4  # shell and PowerShell, install+score and install+test
    assert command_lines(section(ID, "Mulai cepat")) == en


def test_quickstart_lines_are_the_ones_ci_runs() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    for pattern in re.findall(r"grep -m1 -E (['\"])(.*?)\1 README.md", ci):
        assert any(re.search(pattern[1], line) for line in command_lines(EN)), pattern[1]


def test_both_list_the_same_commands() -> None:
    en = subcommands(section(EN, "Commands"))
    assert {"score", "batch", "diff", "plan", "template", "rubrics check"} <= en
    assert subcommands(section(ID, "Perintah")) == en


def test_both_document_the_same_workbook_keys() -> None:
    en = identity_keys(section(EN, "The answer workbook (a public contract)"))
    assert len(en) == 7
    assert identity_keys(section(ID, "Buku kerja jawaban (kontrak publik)")) == en
