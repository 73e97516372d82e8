"""What every reader returns: cell values with their locations, not yet validated."""

from __future__ import annotations

from dataclasses import dataclass, field

from spbe_cli.errors import Problem

IDENTITY_KEYS: dict[str, tuple[str, ...]] = {
    "name": ("Instansi", "Institution"),
    "year": ("Tahun", "Year"),
    "code": ("Kode", "Code"),
    "type": ("Jenis", "Type"),
    "province": ("Provinsi", "Province"),
    "rubric": ("Rubrik", "Rubric"),
    "stage": ("Tahap", "Stage"),
}
REQUIRED_IDENTITY = ("name", "year")

COLUMNS: dict[str, tuple[str, ...]] = {
    "id": ("No", "ID", "No.", "Nomor"),
    "level": ("Tingkat", "Level"),
    "name": ("Indikator", "Indicator"),
    "self_level": ("Tingkat Mandiri", "Self-assessed level", "Self level"),
    "target": ("Target",),
    "explanation": ("Penjelasan", "Explanation"),
    "evidence": ("Bukti Dukung", "Evidence"),
}
REQUIRED_COLUMNS = ("id", "level")

SHEETS: dict[str, tuple[str, ...]] = {
    "identity": ("Identitas", "Identity"),
    "answers": ("Jawaban", "Answers"),
}


@dataclass(frozen=True)
class Cell:
    value: object
    where: str


@dataclass
class RawRow:
    where: str
    cells: dict[str, Cell]


@dataclass
class RawAnswers:
    """A file's identity and answer rows as read, plus problems found while reading."""

    file: str
    sha256: str
    identity: dict[str, Cell]
    identity_where: str
    rows: list[RawRow]
    answers_where: str
    problems: list[Problem] = field(default_factory=list)
    identity_found: bool = True
    answers_found: bool = True
