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


class SheetCell(Cell):
    """A sheet cell whose address text (`Jawaban!E14`) is made only when a message needs it:
    a nation's workbooks have millions of cells and almost none is ever reported."""

    def __init__(self, value: object, sheet: str | None, row: int, col: int) -> None:
        object.__setattr__(self, "value", value)
        object.__setattr__(self, "_at", (sheet, row, col))

    @property
    def where(self) -> str:
        from spbe_cli.readers.grid import address

        sheet, row, col = self._at  # type: ignore[attr-defined]
        return address(sheet, row, col)


@dataclass
class RawRow:
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
