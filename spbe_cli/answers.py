"""Validate raw answers against a rubric: identity, indicator ids, levels; all problems at once."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from fractions import Fraction
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from spbe_cli.errors import Collector, Problem, RubricError, Words
from spbe_cli.i18n import Msg, msg
from spbe_cli.levels import LevelProblem, LevelReader, level_reader, range_text
from spbe_cli.memo import ValueMemo
from spbe_cli.readers.grid import is_blank
from spbe_cli.readers.raw import REQUIRED_IDENTITY, Cell, RawAnswers
from spbe_cli.rubric import (
    Indicator,
    LoadedRubric,
    builtin_ids,
    load_rubric,
    rubric_for_year,
)
from spbe_cli.safetext import mixed_scripts, printable
from spbe_cli.text import norm

MissingPolicy = Literal["error", "min"]


class InstitutionType(StrEnum):
    KEMENTERIAN = "Kementerian"
    LEMBAGA = "Lembaga"
    PROVINSI = "Provinsi"
    KABUPATEN = "Kabupaten"
    KOTA = "Kota"
    LAINNYA = "Lainnya"


class Stage(StrEnum):
    MANDIRI = "mandiri"
    DOKUMEN = "dokumen"
    INTERVIU = "interviu"
    VISITASI = "visitasi"
    FINAL = "final"


class Identity(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    name: str = Field(min_length=1, max_length=300)
    year: int = Field(ge=1900, le=2200)
    code: str | None = None
    type: InstitutionType | None = None
    province: str | None = None
    rubric: str | None = None
    stage: Stage | None = None


@dataclass(slots=True)
class Answer:
    """One validated answer. A plain dataclass, read-only by convention (slots without
    frozen's slow __init__, as `scoring.ItemScore`): `validate` checks every field itself,
    and a nation's batch builds tens of thousands of these (pydantic's construct is 5×
    slower)."""

    item: str
    level: Fraction
    self_level: Fraction | None = None
    target: Fraction | None = None
    explanation: str | None = None
    evidence: str | None = None
    where: str = ""  # for answers built in code; validated answers are located by their cells
    filled_by_missing: bool = False
    # The row's cells as read (level, Penjelasan, Bukti Dukung…): their locations for
    # messages, and Bukti Dukung's text before its line breaks are folded (`spbe check`).
    cells: Mapping[str, Cell] = field(default_factory=dict, compare=False, repr=False)


class Answers(BaseModel):
    """An institution's validated answers, keyed by rubric item id, in rubric order."""

    model_config = ConfigDict(extra="forbid", frozen=True, arbitrary_types_allowed=True)
    file: str
    sha256: str
    identity: Identity
    items: dict[str, Answer]
    missing_policy: MissingPolicy = "error"


def _label(key: str) -> Msg:
    """`Tahun (Year)` in English; the official name alone in Indonesian."""
    return msg(f"input.identity.label.{key}")


def _text_value(cell: Cell) -> str | None:
    """A cell's value as text as written (a whole float as an int, a date in ISO form)."""
    v = cell.value
    if v is None or (isinstance(v, str) and (not v or v.isspace())):
        return None
    if isinstance(v, float) and v.is_integer():
        v = int(v)
    if isinstance(v, dt.datetime | dt.date):
        v = v.isoformat()
    return str(v)


def _text(cell: Cell) -> str | None:
    """A cell's value as one line of text, spacing folded."""
    text = _text_value(cell)
    if text is None:
        return None
    return re.sub(r"\s+", " ", text).strip() or None


def _lines(cell: Cell) -> str | None:
    """Penjelasan and Bukti Dukung: spacing folded inside each line, the line breaks kept
    (a numbered evidence list stays a list), blank lines dropped."""
    text = _text_value(cell)
    if text is None:
        return None
    kept = (re.sub(r"\s+", " ", line).strip() for line in text.splitlines())
    return "\n".join(line for line in kept if line) or None


def _whole(v: object) -> object:
    """A spreadsheet's 2024.0 or a YAML Decimal 12 as the int it is; other values as they
    are (a Decimal of a million digits or more is left alone, never expanded)."""
    if isinstance(v, float) and v.is_integer():
        return int(v)
    if isinstance(v, Decimal) and v.is_finite() and v.adjusted() < 6 and v == v.to_integral_value():
        return int(v)
    return v


def _year(cell: Cell, out: Collector) -> int | None:
    v = cell.value
    if isinstance(v, bool):
        v = None
    v = _whole(v)
    if isinstance(v, str) and v.strip().isdigit() and len(v.strip()) < 6:
        v = int(v.strip())
    if isinstance(v, int) and 1900 <= v <= 2200:
        return v
    out.add(cell.where, msg("input.identity.year", text=repr(_text(cell))))
    return None


# What offices write for Jenis besides the official names (compared after `norm`).
TYPE_SYNONYMS: dict[str, InstitutionType] = {
    norm(text): kind
    for kind, texts in {
        InstitutionType.KABUPATEN: ("Pemerintah Kabupaten", "Pemkab", "Kab", "Kab."),
        InstitutionType.KOTA: ("Pemerintah Kota", "Pemkot"),
        InstitutionType.PROVINSI: ("Pemerintah Provinsi", "Pemprov", "Prov", "Prov."),
        InstitutionType.KEMENTERIAN: ("Kementrian",),
    }.items()
    for text in texts
}
# "K/L" names two types at once; which one decides the averages by type, so it is asked.
_AMBIGUOUS_TYPES = {norm(t) for t in ("K/L", "KL", "Kementerian/Lembaga")}


def _enum(cell: Cell, kind: type[StrEnum], key: str, out: Collector) -> StrEnum | None:
    text = _text(cell)
    if text is None:
        return None
    wanted = norm(text)
    for member in kind:
        if norm(member.value) == wanted:
            return member
    if kind is InstitutionType:
        if wanted in TYPE_SYNONYMS:
            return TYPE_SYNONYMS[wanted]
        if wanted in _AMBIGUOUS_TYPES:
            out.add(cell.where, msg("input.identity.two_types", label=_label(key), text=repr(text)))
            return None
    allowed = ", ".join(m.value for m in kind)
    out.add(
        cell.where,
        msg("input.identity.choice", label=_label(key), text=repr(text), allowed=allowed),
    )
    return None


def read_identity(raw: RawAnswers, out: Collector) -> Identity | None:
    """The validated identity, or None with its problems added to `out`."""
    cells = raw.identity
    before = len(out.problems)
    if raw.identity_found:
        for key in REQUIRED_IDENTITY:
            if key not in cells or _text(cells[key]) is None:
                where = cells[key].where if key in cells else raw.identity_where
                out.add(where, msg("input.identity.missing", label=_label(key)))
    if len(out.problems) > before or not raw.identity_found:
        return None
    year = _year(cells["year"], out)
    fields: dict[str, object] = {"name": _text(cells["name"]), "year": year}
    for key in ("code", "province", "rubric"):
        if key in cells:
            fields[key] = _text(cells[key])
    if "type" in cells:
        fields["type"] = _enum(cells["type"], InstitutionType, "type", out)
    if "stage" in cells:
        fields["stage"] = _enum(cells["stage"], Stage, "stage", out)
    name = fields["name"]
    if isinstance(name, str) and len(name) > 300:
        out.add(cells["name"].where, msg("input.identity.name_long"))
    elif isinstance(name, str) and mixed_scripts(name):
        out.add(cells["name"].where, msg("input.identity.name_mixed", name=printable(name)))
    if len(out.problems) > before:
        return None
    return Identity.model_validate(fields)


# How the rubric was chosen: a stable (English) value of the result and its JSON.
BY_OPTION = "given with --rubric"
BY_WORKBOOK = "named in the workbook"
_BY_YEAR = re.compile(r"chosen by year (\d+)")


def how_chosen(selected_by: str) -> Words:
    """A result's `selected_by` in the reader's words (a value not known here: as it is)."""
    if selected_by == BY_OPTION:
        return msg("input.selected.option")
    if selected_by == BY_WORKBOOK:
        return msg("input.selected.workbook")
    by_year = _BY_YEAR.fullmatch(selected_by)
    return msg("input.selected.year", year=by_year.group(1)) if by_year else selected_by


def choose_rubric(
    raw: RawAnswers, identity: Identity | None, override: str | None, out: Collector
) -> tuple[LoadedRubric, str] | None:
    """--rubric beats the workbook's Rubrik, which beats the year; say which was chosen.

    With a broken identity, whatever can still be told (Rubrik, a readable Tahun) is used
    so that the level problems are reported in the same run; None when nothing can."""
    if override:
        try:
            return load_rubric(override), BY_OPTION
        except RubricError as e:
            raise RubricError(
                [Problem(p.file or "--rubric", p.where, p.message) for p in e.problems]
            ) from None
    rubric_cell = raw.identity.get("rubric")
    rubric_id = identity.rubric if identity else (_text(rubric_cell) if rubric_cell else None)
    if rubric_id:
        if rubric_id not in builtin_ids():
            where = rubric_cell.where if rubric_cell else raw.identity_where
            known = ", ".join(builtin_ids())
            out.add(where, msg("input.rubric.unknown", id=repr(rubric_id), known=known))
            return None
        return load_rubric(rubric_id), BY_WORKBOOK
    year = identity.year if identity else None
    if year is None and "year" in raw.identity:
        year = _year(raw.identity["year"], Collector(raw.file))
    if year is None:
        return None
    return rubric_for_year(year), f"chosen by year {year}"


_ID_PREFIX = re.compile(r"^(?:indikator|indicator|ind|i)\.?\s*(?=\d)", re.IGNORECASE)
_NUMBERED = re.compile(r"0*(\d+)\.?")  # `1.` and `01` as typed in a numbered list


def _item_id(cell: Cell) -> str | None:
    """The indicator a row's No names, as text (`12`, `35-2`); None for an empty No."""
    return _ITEM_IDS(cell.value)


def _read_item_id(value: object) -> str | None:
    v = _whole(value)
    if v is None or isinstance(v, bool):
        return None
    text = str(v).strip()[:40]
    if text[:1].isalpha():  # `Indikator 12`, `I.12`
        text = _ID_PREFIX.sub("", text)
    numbered = _NUMBERED.fullmatch(text)
    if numbered:
        text = numbered.group(1)
    return text or None


# The same numbers (1.0, "12", "Indikator 12") recur in every workbook: each is read once.
_ITEM_IDS: ValueMemo[str | None] = ValueMemo(_read_item_id, 10_000)


@dataclass(frozen=True, slots=True)
class _Slot:
    """What validation needs of one answerable item of a rubric."""

    item: str  # the id as the rubric writes it (`35-2`)
    indicator: Indicator
    read_level: LevelReader  # the levels of its scale


def _slots(loaded: LoadedRubric) -> dict[str, _Slot]:
    """The rubric's items by their case-folded id (how a row's No is matched), in rubric
    order; made once per rubric and kept with it."""
    rubric = loaded.rubric
    slots: dict[str, _Slot] = rubric.memo("answer slots")
    if not slots:
        for item, ind, _aspect in rubric.items():
            reader = level_reader(rubric.scale_of(ind), rubric.values)
            slots[item.casefold()] = _Slot(item, ind, reader)
    return slots


def _is_note(item: str, level: Cell) -> bool:
    """A row under the answers that is a note (`Catatan: …`, `Keterangan`), not an answer:
    its No is text that names no indicator and its level is empty. It ends the table."""
    return is_blank(level.value) and not item[:1].isdigit()


def _optional_level(
    cell: Cell | None, read_level: LevelReader, item: str, out: Collector, what: str
) -> Fraction | None:
    if cell is None:
        return None
    try:
        return read_level(cell.value)
    except LevelProblem as e:
        out.add(cell.where, msg("input.level.of_column", column=what, problem=e.located(item)))
        return None


def validate(
    raw: RawAnswers, override: str | None = None, missing: MissingPolicy = "error"
) -> tuple[Answers, LoadedRubric, str]:
    """Raw answers → validated Answers and the rubric used; InputError lists every problem."""
    out = Collector(raw.file)
    out.problems.extend(raw.problems)
    identity = read_identity(raw, out)
    chosen = choose_rubric(raw, identity, override, out)
    if chosen is None:
        out.raise_if_any()
        raise AssertionError("no rubric and no problem")  # pragma: no cover
    loaded, why = chosen
    rubric = loaded.rubric
    spec = rubric.values
    slots = _slots(loaded)
    items: dict[str, Answer] = {}
    seen: dict[str, Cell] = {}  # item → its No cell
    note: Cell | None = None  # the note row that ended the table
    for row in raw.rows:
        id_cell = row.cells["id"]
        item = _item_id(id_cell)
        level_cell = row.cells["level"]
        if item is None:
            if not is_blank(level_cell.value):
                out.add(level_cell.where, msg("input.answer.no_number"))
            continue
        slot = slots.get(item.casefold())
        if note is None and slot is None and _is_note(item, level_cell):
            note = id_cell
            continue
        if note is not None:  # below the note only rows that look like answers matter
            if slot is not None or not _is_note(item, level_cell):
                out.add(id_cell.where, msg("input.answer.below_note", note=note.where))
            continue
        if slot is None:
            first, last = rubric.indicators[0].id, rubric.indicators[-1].id
            said = msg(
                "input.answer.unknown",
                item=repr(item),
                rubric=rubric.id,
                how=how_chosen(why),
                first=first,
                last=last,
            )
            out.add(id_cell.where, said)
            continue
        key = slot.item
        if key in seen:
            said = msg("input.answer.twice", item=key, first=seen[key].where)
            out.add(id_cell.where, said)
            continue
        seen[key] = id_cell
        try:
            level = slot.read_level(level_cell.value)
        except LevelProblem as e:
            out.add(level_cell.where, e.located(key))
            continue
        if level is None:
            if key != slot.indicator.id:  # an optional repeat (35-2, 35-3) left empty: not scored
                continue
            if missing == "error":
                said = msg("input.answer.no_level", item=key, range=range_text(spec))
                out.add(level_cell.where, said)
            continue
        items[key] = Answer(
            item=key,
            level=level,
            self_level=_optional_level(
                row.cells.get("self_level"), slot.read_level, key, out, "Tingkat Mandiri"
            ),
            target=_optional_level(row.cells.get("target"), slot.read_level, key, out, "Target"),
            explanation=_lines(row.cells["explanation"]) if "explanation" in row.cells else None,
            evidence=_lines(row.cells["evidence"]) if "evidence" in row.cells else None,
            filled_by_missing=False,
            cells=row.cells,
        )
    for ind in rubric.indicators:
        if ind.id not in items and ind.id not in seen and missing == "error" and raw.answers_found:
            said = msg("input.answer.not_answered", item=ind.id, name=ind.name)
            out.add(raw.answers_where, said)
    out.raise_if_any()
    assert identity is not None
    ordered: dict[str, Answer] = {}
    for item_id, ind, _a in rubric.items():
        if item_id in items:
            ordered[item_id] = items[item_id]
        elif item_id == ind.id:  # only the first of a repeated indicator is required
            ordered[item_id] = Answer(
                item=item_id,
                level=Fraction(spec.min),
                self_level=None,
                target=None,
                explanation=None,
                evidence=None,
                filled_by_missing=True,
            )
    answers = Answers.model_construct(  # parts validated above
        file=raw.file, sha256=raw.sha256, identity=identity, items=ordered, missing_policy=missing
    )
    return answers, loaded, why
