"""What every reader returns: cell values with their locations, not yet validated."""

from __future__ import annotations

from dataclasses import dataclass, field

from spbe_cli.errors import Problem, Words
from spbe_cli.text import address

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


class Cell:
    """A value and where it came from (`Jawaban!E14`, `line 12, jawaban.12`: a `Msg`)."""

    __slots__ = ("value", "_where")

    def __init__(self, value: object, where: Words) -> None:
        self.value = value
        self._where: Words | tuple[str | None, int, int] = where

    @property
    def where(self) -> Words:
        w = self._where
        if isinstance(w, tuple):
            return address(*w)
        return w

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Cell):
            return NotImplemented
        return (self.value, self.where) == (other.value, other.where)

    def __hash__(self) -> int:
        return hash(str(self.where))

    def __repr__(self) -> str:
        return f"Cell({self.value!r}, {self.where!r})"


class SheetCell(Cell):
    """A sheet cell whose address text is made only when a message needs it: a nation's
    workbooks have millions of cells and almost none is ever reported."""

    __slots__ = ()

    def __init__(self, value: object, sheet: str | None, row: int, col: int) -> None:
        self.value = value
        self._where = (sheet, row, col)


@dataclass(frozen=True)
class HiddenCell:
    """An error value (`#N/A`) or a formula without a cached value, in place of a blank."""

    kind: str  # "error" | "formula"
    text: str


@dataclass
class RawRow:
    cells: dict[str, Cell]


@dataclass
class RawAnswers:
    """A file's identity and answer rows as read, plus problems found while reading."""

    file: str
    sha256: str
    identity: dict[str, Cell]
    identity_where: Words
    rows: list[RawRow]
    answers_where: Words
    problems: list[Problem] = field(default_factory=list)
    identity_found: bool = True
    answers_found: bool = True
