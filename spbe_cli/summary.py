"""Batch summaries: the rows (from outcomes), CSV, Markdown and HTML (the workbook:
`summarybook`).

Every number is written by `numbers.round_text` from the exact value; predikat order and
colours are positions in each rubric's band list."""

from __future__ import annotations

import csv
import io
from collections import Counter
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from spbe_cli import charts, serialize
from spbe_cli.i18n import TEXT, Lang, t
from spbe_cli.numbers import round_text
from spbe_cli.outcome import Outcome
from spbe_cli.render import render_view
from spbe_cli.result import Headline, SummaryRow
from spbe_cli.text import csv_safe


def rows(outcomes: list[Outcome]) -> list[SummaryRow]:
    """One row per input file, in `batch.ranked` order; errors carry no rank. Ranks count
    within a group (year and rubric); files showing the same index share the rank of the
    first of them (1, 2, 2, 4)."""
    ranks: list[int | None] = []
    group: tuple[int, str] | None = None
    seen, last, rank = 0, None, 0
    for o in outcomes:
        h = o.result if o.ok else None
        if h is None:
            ranks.append(None)
            continue
        if h.group != group:
            group, seen, last = h.group, 0, None
        seen += 1
        if h.shown != last:
            rank, last = seen, h.shown
        ranks.append(rank)
    counts = Counter(
        (o.result.group, r) for o, r in zip(outcomes, ranks, strict=True) if o.result and r
    )
    return [
        SummaryRow(
            file=o.file,
            headline=o.result,
            rank=r,
            errors=tuple(o.errors),
            gates=tuple(o.gate_misses) if r else (),
            result=f"{o.stem}.json" if r else None,
            shared=bool(r and o.result and counts[(o.result.group, r)] > 1),
        )
        for o, r in zip(outcomes, ranks, strict=True)
    ]


def to_json(table: list[SummaryRow]) -> str:
    return serialize.summary_json(table)


def _part_ids(table: list[SummaryRow], domains: bool) -> list[str]:
    ids = {i for r in table if r.ok and r.headline for i, _ in _of(r.headline, domains)}
    return sorted(ids, key=lambda s: (s[0], int(s[1:]) if s[1:].isdigit() else 0, s))


def _of(h: Headline, domains: bool) -> tuple[tuple[str, Fraction], ...]:
    return h.domains if domains else h.aspects


HEADER = (
    "rank",
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
)


def flat(table: list[SummaryRow]) -> tuple[list[str], list[list[Any]]]:
    """Header and rows for CSV, indices as their 2-decimal text: every domain and aspect a
    column; the group (year/rubric) the rank counts in and whether it is shared last."""
    doms, asps = _part_ids(table, True), _part_ids(table, False)
    header = [*HEADER, *doms, *asps, "status", "errors", "warnings", "group", "rank_shared"]
    body = []
    for r in table:
        data = serialize.summary_row(r)
        shown = r.headline.texts if r.ok and r.headline else None
        cells: list[Any] = [data[k] for k in HEADER]
        cells[HEADER.index("index")] = shown.index if shown else None
        parts = (shown.domains | shown.aspects) if shown else {}
        cells += [parts.get(i) for i in (*doms, *asps)]
        cells += [data["status"], " | ".join(r.errors), " | ".join(data["warnings"])]
        cells += [data["group"], data["rank_shared"]]
        body.append(cells)
    return header, body


def _csv_cell(value: Any) -> Any:
    if isinstance(value, str):
        return csv_safe(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else value


def to_csv(table: list[SummaryRow]) -> str:
    """Indices as the 2-decimal text a report shows (2.90, not 2.9)."""
    header, body = flat(table)
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(header)
    for row in body:
        w.writerow([_csv_cell(v) for v in row])
    return buf.getvalue()


def _band_position(r: SummaryRow) -> int | None:
    h = r.headline
    if not r.ok or h is None or h.predikat not in h.bands:
        return None
    return h.bands.index(h.predikat)


@dataclass
class Section:
    """One group's ranking and averages (`title` empty when the run is one group)."""

    title: str
    ranking: list[list[str]]
    ranking_css: list[str]
    counts: list[tuple[str, str, str]]  # predikat, count, css
    by_type: list[list[str]]
    by_province: list[list[str]]
    chart: str


@dataclass
class SummaryView:
    lang: Lang
    labels: dict[str, str]
    title: str
    sections: list[Section]
    errors: list[tuple[str, str]]
    gates: list[tuple[str, str]]
    footer: str
    notices: list[str] = field(default_factory=list)  # said first (scoring.TOP_WARNINGS)


Group = tuple[int, str]  # year, rubric id (Headline.group)


def groups(table: list[SummaryRow]) -> dict[Group, list[SummaryRow]]:
    """The scored rows by group, in the table's (ranked) order."""
    out: dict[Group, list[SummaryRow]] = {}
    for r in table:
        if r.ok and r.headline is not None:
            out.setdefault(r.headline.group, []).append(r)
    return out


def group_label(lang: Lang, group: Group) -> str:
    return t(lang, "s_group", year=group[0], rubric=group[1])


def mean(rows: list[SummaryRow]) -> Fraction:
    """The exact mean index of a group's rows."""
    return sum((r.headline.index for r in rows if r.headline), Fraction(0)) / len(rows)


def _averages(ok: list[SummaryRow], key: str) -> list[list[str]]:
    """Mean exact index per type (or province) within one group, rounded once."""
    by: dict[str, list[SummaryRow]] = {}
    for r in ok:
        assert r.headline is not None
        by.setdefault(getattr(r.headline.institution, key) or "–", []).append(r)
    rubric = ok[0].headline.rubric_id if ok and ok[0].headline else ""
    return [
        [rubric, name, str(len(rs)), round_text(mean(rs), 2)] for name, rs in sorted(by.items())
    ]


def band_names(table: list[SummaryRow]) -> list[str]:
    """Every predikat of the rubrics in the table, each band list in its order (the
    built-in rubrics share one list: Kurang … Memuaskan)."""
    names: dict[str, None] = {}
    for r in table:
        if r.ok and r.headline is not None:
            names |= dict.fromkeys(r.headline.bands)
    return list(names)


def _ranking(ok: list[SummaryRow]) -> list[list[str]]:
    out = []
    for r in ok:
        h = r.headline
        assert h is not None
        inst = h.institution
        out.append(
            [
                r.rank_text,
                inst.name,
                inst.type or "–",
                inst.province or "–",
                str(inst.year),
                h.rubric_id,
                h.texts.index,
                h.predikat,
            ]
        )
    return out


def _section(ok: list[SummaryRow], title: str, lang: Lang, at: int) -> Section:
    names = band_names(ok)
    counter = Counter(r.headline.predikat for r in ok if r.headline)
    positions = [_band_position(r) for r in ok]
    return Section(
        title=title,
        ranking=_ranking(ok),
        ranking_css=["" if p is None else f"p{p}" for p in positions],
        counts=[(p, str(counter.get(p, 0)), f"p{i}") for i, p in enumerate(names)],
        by_type=_averages(ok, "type"),
        by_province=_averages(ok, "province"),
        chart=charts.count_bars(
            [(p, counter.get(p, 0)) for p in names],
            t(lang, "s_distribution"),
            ", ".join(f"{p}: {counter.get(p, 0)}" for p in names),
            uid=f"dist{at}" if at else "dist",
        ),
    )


def build_view(table: list[SummaryRow], lang: Lang, generated_at: str, tool: str) -> SummaryView:
    ok = [r for r in table if r.ok and r.headline is not None]
    by_group = groups(table)
    several = len(by_group) > 1
    sections = [
        _section(rs, group_label(lang, g) if several else "", lang, at)
        for at, (g, rs) in enumerate(by_group.items())
    ]
    return SummaryView(
        lang=lang,
        labels=dict(TEXT[lang]),
        title=t(lang, "s_title", n=len(table), ok=len(ok)),
        sections=sections,
        errors=[(r.file, m) for r in table if not r.ok for m in r.errors],
        gates=[(r.headline.institution.name, m) for r in ok if r.headline for m in r.gates],
        footer=t(lang, "s_footer", tool=tool, time=generated_at),
        notices=_groups_notice(by_group, lang) + _notices(ok, lang),
    )


def _groups_notice(by_group: dict[Group, list[SummaryRow]], lang: Lang) -> list[str]:
    """Several groups: said first, with each group and its file count."""
    if len(by_group) < 2:
        return []
    names = "; ".join(f"{group_label(lang, g)} ({len(rs)})" for g, rs in by_group.items())
    return [t(lang, "s_groups", n=len(by_group), names=names)]


def _notices(ok: list[SummaryRow], lang: Lang) -> list[str]:
    """Files scored with a rubric that does not apply to their year, counted and named."""
    off = [r.headline for r in ok if r.headline and "rubric-year-mismatch" in r.headline.warnings]
    if not off:
        return []
    names = ", ".join(f"{h.institution.name} ({h.institution.year}, {h.rubric_id})" for h in off)
    return [t(lang, "s_rubric_year", n=len(off), names=names)]


def render(view: SummaryView, fmt: str) -> str:
    return render_view("summary", view, fmt)
