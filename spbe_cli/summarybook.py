"""summary.xlsx as an analyst would build it: Ringkasan (the ranking), Kelompok (each group's
count and mean), Domain, Aspek and Indikator (institutions × parts, colour scales) and
Masalah (files that failed). Institution first, file last; numbers as numbers shown with the
rubric's decimals (half-up, `numbers.round_text`) and the exact index beside them; headers
and sheet names from the catalogue."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from fractions import Fraction
from functools import lru_cache
from typing import cast

from spbe_cli import xlsx
from spbe_cli.i18n import Lang, t
from spbe_cli.numbers import exact_text, round_text
from spbe_cli.result import Headline, SummaryRow
from spbe_cli.rubric import builtin_ids, load_builtin
from spbe_cli.summary import band_names, group_label, groups, mean
from spbe_cli.xlsx import Cell, Sheet

Names = Callable[[str], dict[str, str]]  # rubric id → the names of its parts, by id


def builtin_names(rubric_id: str) -> dict[str, str]:
    """Domain and aspect names of a built-in rubric (another rubric's columns show ids)."""
    if rubric_id not in builtin_ids():
        return {}
    rubric = load_builtin(rubric_id).rubric
    return {d.id: d.name for d in rubric.domains} | {a.id: a.name for a in rubric.all_aspects}


def to_xlsx(table: list[SummaryRow], lang: Lang, names: Names = builtin_names) -> bytes:
    ok = [r for r in table if r.ok and r.headline is not None]
    return xlsx.write_book(
        [
            _summary(ok, lang),
            _groups(table, lang),
            _matrix(ok, lang, "x_sheet_domains", _domains, names),
            _matrix(ok, lang, "x_sheet_aspects", _aspects, names),
            _matrix(ok, lang, "x_sheet_indicators", _indicators, lambda _: {}),
            _problems(table, lang),
        ]
    )


def _number(value: Fraction, places: int) -> Cell:
    """The shown value as a number with its decimals as the number format."""
    return _shown(round_text(value, places), places)


@lru_cache(maxsize=4096)
def _shown(text: str, places: int) -> Cell:
    """A shown value (`round_text`'s) as a number cell: one cell for each of the few
    hundred values a nation's indices take."""
    return Cell(float(text), "0." + "0" * places if places else "0")


def _position(h: Headline) -> int | None:
    return h.bands.index(h.predikat) if h.predikat in h.bands else None


def _summary(ok: list[SummaryRow], lang: Lang) -> Sheet:
    keys = ["institution", "s_rank", "index", "predikat", "x_boundary", "x_group", "code"]
    keys += ["type", "province", "year", "rubric", "x_index_exact", "s_gate", "warnings"]
    yes_no = '"{0}";"{0}";"{1}"'.format(t(lang, "x_yes"), t(lang, "x_no"))
    rows: list[list[xlsx.Value | Cell]] = []
    for r in ok:
        h = r.headline
        assert h is not None and r.rank is not None
        inst = h.institution
        rows.append(
            [
                inst.name,
                Cell(r.rank, '0"="' if r.shared else None, center=True),
                _shown(h.texts.index, h.places),
                Cell(h.predikat, fill=xlsx.fill_of(_position(h))),
                Cell(h.boundary, yes_no, center=True),
                group_label(lang, h.group),
                inst.code,
                inst.type,
                inst.province,
                Cell(inst.year, center=True),
                h.rubric_id,
                h.texts.index_exact,
                "; ".join(r.gates),
                ", ".join(h.warnings),
                r.file,
            ]
        )
    header = [t(lang, k) for k in keys] + [t(lang, "s_file")]
    return Sheet(t(lang, "x_sheet_summary"), header, rows)


def _groups(table: list[SummaryRow], lang: Lang) -> Sheet:
    """One row per group: its files, mean index (shown and exact), count per predikat."""
    bands = band_names(table)
    header = [t(lang, k) for k in ("x_group", "year", "rubric", "x_files", "s_mean")]
    header += [t(lang, "x_mean_exact"), *bands]
    rows: list[list[xlsx.Value | Cell]] = []
    for (year, rubric), rs in groups(table).items():
        assert rs[0].headline is not None
        average = mean(rs)
        count = Counter(r.headline.predikat for r in rs if r.headline)
        rows.append(
            [
                group_label(lang, (year, rubric)),
                Cell(year, center=True),
                rubric,
                len(rs),
                _number(average, rs[0].headline.places),
                exact_text(average),
                *(count.get(b, 0) for b in bands),
            ]
        )
    return Sheet(t(lang, "x_sheet_groups"), header, rows)


Parts = Callable[[Headline], dict[str, xlsx.Value | Cell]]  # a row's cells by part id


def _domains(h: Headline) -> dict[str, xlsx.Value | Cell]:
    return {i: _shown(text, h.places) for i, text in h.texts.domains.items()}


def _aspects(h: Headline) -> dict[str, xlsx.Value | Cell]:
    return {i: _shown(text, h.places) for i, text in h.texts.aspects.items()}


def _indicators(h: Headline) -> dict[str, xlsx.Value | Cell]:
    """Levels: whole ones as integers, others with 2 decimals."""
    return {i: v.numerator if v.denominator == 1 else _number(v, 2) for i, v in h.indicators}


def _matrix(ok: list[SummaryRow], lang: Lang, sheet: str, parts: Parts, names: Names) -> Sheet:
    """Institutions × the parts of their rubric: one column per rubric and part id (the
    same id in two rubrics is not the same part), a colour scale over them all."""
    columns: dict[tuple[str, str], None] = {}
    found = []
    for r in ok:
        assert r.headline is not None
        values = parts(r.headline)
        columns |= dict.fromkeys((r.headline.rubric_id, i) for i in values)
        found.append((r, r.headline, values))
    several = len({rubric for rubric, _ in columns}) > 1
    named = {rubric: names(rubric) for rubric, _ in columns}

    def title(rubric: str, part: str) -> str:
        text = f"{part} {named[rubric].get(part, '')}".strip()
        return f"{text} ({rubric.removeprefix('permenpanrb-')})" if several else text

    header = [t(lang, "institution"), t(lang, "x_group")]
    header += [title(*c) for c in columns] + [t(lang, "s_file")]
    # each rubric's part ids in column order, None under another rubric's columns
    rubrics = {h.rubric_id for _, h, _ in found}
    keys = {rubric: [p if r == rubric else None for r, p in columns] for rubric in rubrics}
    labels = {group: group_label(lang, group) for group in {h.group for _, h, _ in found}}
    rows = []
    for r, h, values in found:
        get = cast(Callable[[str | None], xlsx.Value | Cell], values.get)  # None: no value
        rows.append([h.institution.name, labels[h.group], *map(get, keys[h.rubric_id]), r.file])
    scale = (2, 1 + len(columns)) if columns else None
    return Sheet(t(lang, sheet), header, rows, scale=scale)


def _problems(table: list[SummaryRow], lang: Lang) -> Sheet:
    """Every message of every file that failed (a duplicate still names its institution)."""
    rows: list[list[xlsx.Value | Cell]] = [
        [r.headline.institution.name if r.headline else None, message, r.file]
        for r in table
        if not r.ok
        for message in r.errors
    ]
    header = [t(lang, "institution"), t(lang, "s_problem"), t(lang, "s_file")]
    return Sheet(t(lang, "x_sheet_problems"), header, rows)
